/* decide.c: decisions on money lines and appeals (decide.h).  Each one
 * runs the period's statement before and after (kh_money_statement: a
 * stored run) and appends to the audit trail what changed, by whom, why,
 * with the figures before and after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trail.h"
#include "contract.h"
#include "contract-cache.h"
#include "decide.h"
#include "measure.h"
#include "msg.h"
#include "statement.h"
#include "store.h"
#include "store-decisions.h"

static void attr_copy(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* The statement of a period (a stored run): its figures and JSON. */
static int statement(struct kh_store *store, const char *contract,
                     const struct kh_period *p, xmlDocPtr *doc, xmlNodePtr *fees,
                     struct kh_figures *fig, char **json, struct kh_err *err)
{
	static const struct kh_money_opts none = { 0, 0, 0, 0 };
	if (kh_money_statement(store, contract, p, p->last, &none, doc, fees, err))
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(*doc);
	xmlNodePtr summary = child(root, "summary");
	memset(fig, 0, sizeof *fig);
	attr_copy(summary, "score", fig->score, sizeof fig->score);
	attr_copy(summary, "grade", fig->grade, sizeof fig->grade);
	if (*fees) {
		fig->has_fees = 1;
		attr_copy(*fees, "due", fig->due, sizeof fig->due);
		attr_copy(*fees, "due-confirmed", fig->due_confirmed, sizeof fig->due_confirmed);
	}
	/* the run just stored is the newest: its id is not needed to audit */
	*json = kh_audit_snapshot(*doc, 0);
	return 0;
}

static xmlNodePtr find_line(xmlNodePtr fees, const char *id)
{
	for (xmlNodePtr n = fees ? fees->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "line"))
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		int same = v && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (same)
			return n;
	}
	return NULL;
}

/* The ids of the statement's lines, for a message. */
static void list_ids(xmlNodePtr fees)
{
	for (xmlNodePtr n = fees ? fees->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "line"))
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		if (v)
			fprintf(stderr, "  %s\n", (const char *)v);
		xmlFree(v);
	}
}

int kh_decide(struct kh_store *store, const char *contract, const char *line_id,
              enum kh_line_state state, const char *reason, const char *who,
              kh_fen *amount, struct kh_figures *before, struct kh_figures *after,
              struct kh_err *err)
{
	char period_text[32];
	const char *colon = strchr(line_id, ':');
	size_t plen = colon ? (size_t)(colon - line_id) : 0;
	struct kh_period p;
	if (!colon || plen >= sizeof period_text) {
		kh_error("%s: '%s'", kh_tr("金额行编号无效（应为 考核期:条款:指标）",
		                           "invalid line id (PERIOD:CLAUSE:INDICATOR)"), line_id);
		return kh_fail(err, KH_ERR_USAGE);
	}
	memcpy(period_text, line_id, plen);
	period_text[plen] = '\0';
	if (kh_period_parse(period_text, &p) != 0) {
		kh_error("%s: '%s'", kh_tr("金额行编号中的考核期无效", "invalid period in the line id"),
		         period_text);
		return kh_fail(err, KH_ERR_USAGE);
	}
	xmlDocPtr doc;
	xmlNodePtr fees;
	char *json_before = NULL, *json_after = NULL;
	if (statement(store, contract, &p, &doc, &fees, before, &json_before, err))
		return -1;
	xmlNodePtr line = find_line(fees, line_id);
	if (!line) {
		kh_error("%s: %s %s %s", contract, line_id,
		         kh_tr("不是该期结算单中的扣减或违约金行；该期的行：",
		               "is no deduction or damages line of the period's statement; "
		               "its lines:"), "");
		list_ids(fees);
		xmlFreeDoc(doc);
		free(json_before);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	char amount_text[48], state_before[32], kind[64];
	attr_copy(line, "amount", amount_text, sizeof amount_text);
	attr_copy(line, "state", state_before, sizeof state_before);
	attr_copy(line, "kind", kind, sizeof kind);
	xmlFreeDoc(doc);
	if (kh_fen_parse(amount_text, strlen(amount_text), 1, amount) != 0)
		*amount = 0;
	char at[KH_TIME_BUFSZ];
	if (kh_audit_now(at, err) ||
	    kh_store_decide(store, contract, line_id, state, 1, *amount, reason, who, at, err)) {
		free(json_before);
		return -1;
	}
	if (statement(store, contract, &p, &doc, &fees, after, &json_after, err)) {
		free(json_before);
		return -1;
	}
	xmlFreeDoc(doc);
	/* before and after: the line's state and amount, and the statement */
	struct kh_json b = { 0 }, a = { 0 };
	kh_json_raw(&b, "{");
	kh_json_field(&b, "kind", kind);
	kh_json_field(&b, "state", state_before);
	kh_json_field(&b, "amount", amount_text);
	kh_json_raw(&b, ", \"statement\": ");
	kh_json_raw(&b, json_before);
	kh_json_raw(&b, "}");
	kh_json_raw(&a, "{");
	kh_json_field(&a, "kind", kind);
	kh_json_field(&a, "state", kh_line_state_code(state));
	kh_json_field(&a, "amount", amount_text);
	kh_json_raw(&a, ", \"statement\": ");
	kh_json_raw(&a, json_after);
	kh_json_raw(&a, "}");
	struct kh_log_entry e = {
		.at = at, .who = who,
		.action = state == KH_LINE_WAIVED ? "waive" : "confirm",
		.contract = contract, .period = period_text, .subject = line_id,
		.reason = reason, .before = b.text, .after = a.text };
	int rc = kh_store_log_append(store, &e, err);
	free(b.text);
	free(a.text);
	free(json_before);
	free(json_after);
	return rc;
}

/* --- appeals ------------------------------------------------------------------- */

/* What kind of evidence item the indicator's refs are. */
static const char *ref_kind(const struct kh_indicator *ind)
{
	const struct kh_measure_type *t = kh_measure_find(ind->measure.name);
	if (!t)
		return NULL;
	if (t->reads & KH_REC_AUDITS)
		return "audit-sample";
	if (t->reads & KH_REC_SETTLEMENTS)
		return "claim";
	return NULL;
}

int kh_appeal_file(struct kh_store *store, const char *contract, const char *period,
                   const char *indicator, const char *const *refs, size_t nrefs,
                   const char *reason, const char *who, long *id, struct kh_err *err)
{
	const struct kh_contract *c = NULL;
	if (kh_contract_get(store, contract, 0, &c, err))
		return -1;
	const struct kh_indicator *ind = kh_contract_indicator(c, indicator);
	if (!ind) {
		kh_error("%s: %s '%s'", contract, kh_tr("合同中没有此指标", "no such indicator"),
		         indicator);
		kh_contract_put(c);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	const char *kind = ref_kind(ind);
	if (nrefs && !kind) {
		kh_error("%s: %s %s", contract, indicator,
		         kh_tr("的证据不能逐项复核（只有稽核样本和结算单据可以）",
		               "has no evidence items to re-judge one by one (audit samples "
		               "and claims only)"));
		kh_contract_put(c);
		return kh_fail(err, KH_ERR_USAGE);
	}
	/* audit samples must exist */
	if (nrefs && strcmp(kind, "audit-sample") == 0) {
		struct kh_records r = { 0 };
		if (kh_store_load_records(store, contract, KH_REC_AUDITS, &r, err)) {
			kh_contract_put(c);
			return -1;
		}
		for (size_t i = 0; i < nrefs; i++) {
			int found = 0;
			for (size_t k = 0; k < r.audits.count && !found; k++)
				found = strcmp(r.audits.rows[k].sample_id, refs[i]) == 0;
			if (!found) {
				kh_error("%s: %s '%s'", contract,
				         kh_tr("没有此稽核样本", "no such audit sample"), refs[i]);
				kh_records_free(&r);
				kh_contract_put(c);
				return kh_fail(err, KH_ERR_NOINPUT);
			}
		}
		kh_records_free(&r);
	}
	kh_contract_put(c);
	char at[KH_TIME_BUFSZ];
	if (kh_audit_now(at, err))
		return -1;
	struct kh_appeal_ref *r = kh_xcalloc(nrefs ? nrefs : 1, sizeof *r);
	for (size_t i = 0; i < nrefs; i++) {
		r[i].ref = (char *)refs[i];
		r[i].kind = (char *)kind;
	}
	struct kh_appeal a = {
		.contract = (char *)contract, .period = (char *)period,
		.indicator = (char *)indicator, .reason = (char *)reason,
		.filed_by = (char *)who, .filed_at = at, .refs = r, .nrefs = nrefs };
	int rc = kh_store_appeal_add(store, &a, id, err);
	free(r);
	if (rc)
		return -1;
	struct kh_json j = { 0 };
	char num[32];
	snprintf(num, sizeof num, "%ld", *id);
	kh_json_raw(&j, "{");
	kh_json_field(&j, "appeal", num);
	kh_json_field(&j, "indicator", indicator);
	kh_json_field(&j, "state", "open");
	kh_json_raw(&j, ", \"refs\": [");
	for (size_t i = 0; i < nrefs; i++) {
		if (i)
			kh_json_raw(&j, ", ");
		kh_json_str(&j, refs[i]);
	}
	kh_json_raw(&j, "]}");
	struct kh_log_entry e = {
		.at = at, .who = who, .action = "appeal-add", .contract = contract,
		.period = period, .subject = num, .reason = reason, .after = j.text };
	rc = kh_store_log_append(store, &e, err);
	free(j.text);
	return rc;
}

/* Waive every line of the statement that carries the appeal's indicator
 * and is not waived yet, each with an audit entry. */
static int waive_lines(struct kh_store *store, const struct kh_appeal *a,
                       xmlNodePtr fees, const char *reason, const char *who,
                       const char *at, struct kh_err *err)
{
	char why[1024];
	snprintf(why, sizeof why, "%s %ld %s: %s", kh_tr("复核", "appeal"), a->id,
	         kh_tr("改判", "overturned"), reason);
	for (xmlNodePtr n = fees ? fees->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "line"))
			continue;
		char ind[256], lid[512], st[32], amount[48];
		attr_copy(n, "indicator", ind, sizeof ind);
		attr_copy(n, "id", lid, sizeof lid);
		attr_copy(n, "state", st, sizeof st);
		attr_copy(n, "amount", amount, sizeof amount);
		if (!*lid || strcmp(ind, a->indicator) != 0 || strcmp(st, "waived") == 0)
			continue;
		kh_fen v = 0;
		int has = kh_fen_parse(amount, strlen(amount), 1, &v) == 0;
		if (kh_store_decide(store, a->contract, lid, KH_LINE_WAIVED, has, v, why, who, at,
		                    err))
			return -1;
		struct kh_json b = { 0 }, j = { 0 };
		kh_json_raw(&b, "{");
		kh_json_field(&b, "state", st);
		kh_json_field(&b, "amount", amount);
		kh_json_raw(&b, "}");
		kh_json_raw(&j, "{");
		kh_json_field(&j, "state", "waived");
		kh_json_field(&j, "amount", amount);
		kh_json_raw(&j, "}");
		struct kh_log_entry e = {
			.at = at, .who = who, .action = "waive", .contract = a->contract,
			.period = a->period, .subject = lid, .reason = why, .before = b.text,
			.after = j.text };
		int rc = kh_store_log_append(store, &e, err);
		free(b.text);
		free(j.text);
		if (rc)
			return -1;
	}
	return 0;
}

static const char *outcome_code(enum kh_appeal_outcome o)
{
	return o == KH_APPEAL_OVERTURN ? "overturned" : o == KH_APPEAL_PARTIAL ? "partial"
	                                                                      : "upheld";
}

int kh_appeal_settle(struct kh_store *store, long id, enum kh_appeal_outcome outcome,
                     const char *const *refs, size_t nrefs, const char *reason,
                     const char *who, int has_cost, kh_fen cost,
                     struct kh_figures *before, struct kh_figures *after,
                     struct kh_err *err)
{
	struct kh_appeal *a = NULL;
	if (kh_store_appeal_get(store, id, &a, err))
		return -1;
	if (strcmp(a->state, "open") != 0) {
		kh_error("%s %ld %s（%s）", kh_tr("复核申请", "appeal"), id,
		         kh_tr("已经决定", "is already decided"), a->state);
		kh_appeal_free(a);
		return kh_fail(err, KH_ERR_DATA);
	}
	/* the refs overturned: all for an overturn, those given for partial */
	const char **over = kh_xcalloc(a->nrefs + 1, sizeof *over);
	size_t nover = 0;
	if (outcome == KH_APPEAL_OVERTURN) {
		for (size_t i = 0; i < a->nrefs; i++)
			over[nover++] = a->refs[i].ref;
	} else if (outcome == KH_APPEAL_PARTIAL) {
		for (size_t i = 0; i < nrefs; i++) {
			int named = 0;
			for (size_t k = 0; k < a->nrefs && !named; k++)
				named = strcmp(a->refs[k].ref, refs[i]) == 0;
			if (!named) {
				kh_error("%s %ld %s '%s'", kh_tr("复核申请", "appeal"), id,
				         kh_tr("没有提出此项", "does not name"), refs[i]);
				free(over);
				kh_appeal_free(a);
				return kh_fail(err, KH_ERR_USAGE);
			}
			over[nover++] = refs[i];
		}
	}
	struct kh_period p;
	if (kh_period_parse(a->period, &p) != 0) {
		kh_error("%s: '%s'", kh_tr("考核期无效", "invalid period"), a->period);
		free(over);
		kh_appeal_free(a);
		return kh_fail(err, KH_ERR_DATA);
	}
	xmlDocPtr doc = NULL;
	xmlNodePtr fees = NULL;
	char *json_before = NULL, *json_after = NULL, at[KH_TIME_BUFSZ];
	int rc = statement(store, a->contract, &p, &doc, &fees, before, &json_before, err);
	if (!rc)
		rc = kh_audit_now(at, err);
	if (!rc)
		rc = kh_store_appeal_decide(store, id, outcome_code(outcome), over, nover, reason,
		                            who, at, has_cost, cost, err);
	/* An appeal on the indicator itself (no items) overturned: nothing is
	 * re-judged, the finding's money lines of the period are waived. */
	if (!rc && outcome == KH_APPEAL_OVERTURN && a->nrefs == 0)
		rc = waive_lines(store, a, fees, reason, who, at, err);
	if (doc)
		xmlFreeDoc(doc);
	doc = NULL;
	if (!rc) {
		rc = statement(store, a->contract, &p, &doc, &fees, after, &json_after, err);
		if (!rc)
			xmlFreeDoc(doc);
	}
	if (!rc) {
		char num[32], cost_text[48];
		snprintf(num, sizeof num, "%ld", id);
		struct kh_json b = { 0 }, j = { 0 };
		kh_json_raw(&b, "{");
		kh_json_field(&b, "state", "open");
		kh_json_raw(&b, "}");
		kh_json_raw(&j, "{");
		kh_json_field(&j, "state", outcome_code(outcome));
		kh_json_raw(&j, ", \"overturned\": [");
		for (size_t i = 0; i < nover; i++) {
			if (i)
				kh_json_raw(&j, ", ");
			kh_json_str(&j, over[i]);
		}
		kh_json_raw(&j, "]");
		if (has_cost)
			kh_json_field(&j, "cost", kh_fen_format(cost, cost_text, sizeof cost_text));
		kh_json_raw(&j, "}");
		struct kh_log_entry e = {
			.at = at, .who = who, .action = "appeal-decide", .contract = a->contract,
			.period = a->period, .subject = num, .reason = reason, .before = b.text,
			.after = j.text };
		rc = kh_store_log_append(store, &e, err);
		struct kh_log_entry r = {
			.at = at, .who = who, .action = "rescore", .contract = a->contract,
			.period = a->period, .subject = num, .reason = reason,
			.before = json_before, .after = json_after };
		if (!rc)
			rc = kh_store_log_append(store, &r, err);
		free(b.text);
		free(j.text);
	}
	free(json_before);
	free(json_after);
	free(over);
	kh_appeal_free(a);
	return rc;
}
