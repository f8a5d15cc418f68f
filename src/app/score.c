/* score.c: the scoring runner — loads the contract, calendar and the
 * records its measures and fee model read, runs every indicator's measure
 * into the scorecard XML (docs/scorecard.md), awards points, grades, builds
 * <fees> through the fee model with the declared facts, collects triggers,
 * charts and provenance, and stores the run.  Never prints tables
 * (commands do) and never changes the records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar-load.h"
#include "contract.h"
#include "contract-defaults.h"
#include "contract-cache.h"
#include "duties.h"
#include "marks.h"
#include "method.h"
#include "rubric.h"
#include "decisions.h"
#include "fees.h"
#include "grade.h"
#include "harness.h"
#include "measure.h"
#include "msg.h"
#include "score.h"
#include "store.h"
#include "store-decisions.h"

#define SCORECARD_NS "urn:kaohe:scorecard:1"

/* Totals over the indicators at the final level, points ×100. */
struct tally {
	long score_x100;
	long max_x100;
	long pass, fail, na, pending;
};

/* What one indicator's measure left for the rubric. */
struct judged {
	xmlNodePtr node;          /* its <indicator> element */
	char *value;              /* its @value, or NULL */
};

/* The run's parts not yet attached to the root (their place in the schema
 * is after the indicators and the fees). */
struct pending {
	xmlNodePtr triggers;
	xmlNodePtr charts;
	xmlNodePtr points_series;
};

static void set_attr(xmlNodePtr node, const char *name, const char *value)
{
	xmlSetProp(node, BAD_CAST name, BAD_CAST(value && *value ? value : "-"));
}

static void set_points(xmlNodePtr node, const char *name, long x100)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%s%ld.%02ld", x100 < 0 ? "-" : "",
	         labs(x100) / 100, labs(x100) % 100);
	xmlSetProp(node, BAD_CAST name, BAD_CAST buf);
}

static void set_long(xmlNodePtr node, const char *name, long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	xmlSetProp(node, BAD_CAST name, BAD_CAST buf);
}

/* The generated time: $KAOHE_NOW when set (deterministic tests and demos),
 * else now.  xml_ts "YYYY-MM-DDTHH:MM:SS", db_ts with a space.  0, or -1
 * with KH_ERR_USAGE. */
static int generated_time(char *xml_ts, char *db_ts, struct kh_err *err)
{
	kh_time now;
	if (kh_time_now(&now) != 0) {
		kh_error("KAOHE_NOW: %s '%s'",
		         kh_tr("不是有效的日期时间", "not a valid datetime"), getenv("KAOHE_NOW"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	kh_time_format(now, db_ts);
	snprintf(xml_ts, KH_TIME_BUFSZ, "%s", db_ts);
	xml_ts[10] = 'T';
	return 0;
}

static xmlNodePtr new_root(xmlDocPtr doc, const struct kh_contract *c,
                           const struct kh_score_request *req,
                           const char *generated)
{
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "scorecard", NULL);
	xmlNsPtr ns = xmlNewNs(root, BAD_CAST SCORECARD_NS, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	char period[16], first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ], as_of[KH_DAY_BUFSZ];
	set_attr(root, "contract", c->id);
	set_long(root, "contract-version", c->version);
	set_attr(root, "title", c->title);
	set_attr(root, "purchaser", c->purchaser);
	set_attr(root, "insurer", c->insurer);
	set_attr(root, "period", kh_period_format(&req->period, period));
	set_attr(root, "period-first", kh_day_format(req->period.first, first));
	set_attr(root, "period-last", kh_day_format(req->period.last, last));
	set_attr(root, "as-of", kh_day_format(req->as_of, as_of));
	set_attr(root, "generated", generated);
	set_attr(root, "lang", kh_lang == KH_LANG_EN ? "en" : "zh");
	set_attr(root, "rollover", kh_rollover_name(c->rollover));
	set_attr(root, "rollover-text", kh_rollover_describe(c->rollover));
	return root;
}

static const char *indicator_title(const struct kh_indicator *ind)
{
	if (kh_lang == KH_LANG_EN && ind->title_en && *ind->title_en)
		return ind->title_en;
	return ind->title_zh && *ind->title_zh ? ind->title_zh : ind->id;
}

static const char *const value_attrs[] = { "value", "target", "value-text",
                                           "target-text" };

static xmlNodePtr new_indicator(xmlNodePtr root, const struct kh_indicator *ind)
{
	xmlNodePtr node = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	set_attr(node, "id", ind->id);
	set_attr(node, "clause", ind->clause);
	if (ind->clause_text && *ind->clause_text)
		set_attr(node, "clause-text", ind->clause_text);
	set_attr(node, "title", indicator_title(ind));
	set_attr(node, "measure", ind->measure.name);
	if (ind->category && *ind->category)
		set_attr(node, "category", ind->category);
	set_attr(node, "method", kh_method_code(ind->method));
	if (ind->method_default)
		set_attr(node, "method-default", "yes");
	set_attr(node, "kind", ind->manual ? "manual" : "computed");
	set_attr(node, "status", "na");
	/* placeholders keep the attribute order of docs/scorecard.md; the
	 * ones the measure leaves empty go in drop_empty_values */
	for (size_t i = 0; i < sizeof value_attrs / sizeof value_attrs[0]; i++)
		xmlSetProp(node, BAD_CAST value_attrs[i], BAD_CAST "");
	return node;
}

static void drop_empty_values(xmlNodePtr node)
{
	for (size_t i = 0; i < sizeof value_attrs / sizeof value_attrs[0]; i++) {
		xmlChar *v = xmlGetProp(node, BAD_CAST value_attrs[i]);
		if (v && !*v)
			xmlUnsetProp(node, BAD_CAST value_attrs[i]);
		xmlFree(v);
	}
}

static const char *status_word(enum kh_status status)
{
	return status == KH_STATUS_PASS ? "pass" : status == KH_STATUS_FAIL ? "fail" : "na";
}

static void add_triggers(struct pending *pending, xmlDocPtr doc, xmlNsPtr ns,
                         const struct kh_indicator *ind, const struct kh_result *r)
{
	for (size_t i = 0; i < ind->ntriggers; i++) {
		const struct kh_trigger *t = &ind->triggers[i];
		if (!kh_result_trigger_fires(r, t->action))
			continue;
		if (!pending->triggers)
			pending->triggers = xmlNewDocNode(doc, ns, BAD_CAST "triggers", NULL);
		xmlNodePtr node = xmlNewChild(pending->triggers, NULL, BAD_CAST "trigger", NULL);
		set_attr(node, "clause", t->clause);
		set_attr(node, "action", t->action);
		set_attr(node, "indicator", ind->id);
		set_attr(node, "text", t->text && *t->text ? t->text : t->action);
	}
}

static void add_points_point(struct pending *pending, const struct kh_indicator *ind,
                             long awarded)
{
	if (!pending->points_series) {
		pending->points_series = xmlNewDocNode(pending->charts->doc,
		                                       pending->charts->ns,
		                                       BAD_CAST "series", NULL);
		set_attr(pending->points_series, "id", "points");
		set_attr(pending->points_series, "type", "bars");
		set_attr(pending->points_series, "x", "label");
		set_attr(pending->points_series, "unit", "points");
		set_attr(pending->points_series, "title",
		         kh_tr("各指标得分", "Points by indicator"));
	}
	xmlNodePtr point = xmlNewChild(pending->points_series, NULL, BAD_CAST "point", NULL);
	set_attr(point, "x", ind->id);
	set_points(point, "y", awarded);
	set_points(point, "max", ind->points_x100);
}

/* Run one indicator's measure into its <indicator> element; *status is
 * what it found (the fee models read it), `item` what the rubric needs. */
static int score_indicator(xmlNodePtr root, struct kh_judging *j,
                           struct pending *pending, struct judged *judged,
                           struct kh_rubric_item *item, enum kh_status *status)
{
	const struct kh_indicator *ind = j->ctx.indicator;
	if (kh_measure_judge_one(j))
		return -1;
	const struct kh_result r = j->r;
	*status = r.status;
	drop_empty_values(r.indicator);
	xmlChar *value = xmlGetProp(r.indicator, BAD_CAST "value");
	judged->value = value ? kh_xstrdup((const char *)value) : NULL;
	xmlFree(value);
	item->outcome = (enum kh_outcome)r.status;
	item->findings = r.findings;
	item->value = judged->value;
	set_points(r.indicator, "points", ind->points_x100);
	if (r.status == KH_STATUS_FAIL)
		add_triggers(pending, root->doc, root->ns, ind, &r);
	return 0;
}

/* The grade's name for the summary (kh_grade_for), or why there is none. */
static const char *grade_of(const struct kh_contract *c, long score_x100, long max_x100)
{
	if (max_x100 <= 0)
		return kh_tr("无法评定（无可评指标）", "not graded (nothing to judge)");
	const struct kh_grade *g = kh_grade_for(c, score_x100, max_x100);
	if (!g)
		return kh_tr("未达到任何等级", "below every grade");
	if (kh_lang == KH_LANG_EN && g->name_en && *g->name_en)
		return g->name_en;
	return g->name;
}

static const char *grade_text(const struct kh_contract *c, const struct tally *t)
{
	return grade_of(c, t->score_x100, t->max_x100);
}

/* <fees> after the indicators, built by the contract's fee model from the
 * same records and the statuses just judged, with the declared facts. */
static int append_fees(const struct kh_measure_ctx *base, xmlNodePtr root,
                       const struct kh_score_request *req,
                       const enum kh_status *status, const struct tally *t)
{
	static const struct kh_money_opts none = { 0, 0, 0, 0 };
	const struct kh_contract *c = base->contract;
	struct kh_fee_input in = {
		.contract = c, .calendar = base->calendar, .records = base->records,
		.period = req->period, .as_of = req->as_of,
		.money = req->money ? req->money : &none,
		.scored = { c->nindicators, status, t->score_x100, t->max_x100 },
		.measures = base, .err = base->err };
	xmlNodePtr fees;
	return kh_fees_build(&in, root, &fees);
}

static void add_summary(xmlNodePtr summary, const struct tally *t, const char *grade,
                        const struct kh_contract *c, const struct kh_rubric *rub)
{
	set_points(summary, "score", t->score_x100);
	set_points(summary, "max", t->max_x100);
	set_attr(summary, "grade", grade);
	set_long(summary, "pass", t->pass);
	set_long(summary, "fail", t->fail);
	set_long(summary, "na", t->na);
	if (t->pending)
		set_long(summary, "pending", t->pending);
	set_attr(summary, "final-level", kh_rubric_level_code(rub->final));
	if (rub->level[rub->final].vetoed)
		set_attr(summary, "vetoed", "yes");
	for (int l = 0; l < KH_RUBRIC_LEVELS; l++) {
		const struct kh_rubric_total *lt = &rub->level[l];
		if (!lt->present)
			continue;
		xmlNodePtr e = xmlNewChild(summary, NULL, BAD_CAST "level", NULL);
		set_attr(e, "code", kh_rubric_level_code((enum kh_rubric_level)l));
		set_points(e, "score", lt->score_x100);
		set_attr(e, "grade", grade_of(c, lt->score_x100, lt->max_x100));
	}
}

/* Drop series without points (the schema wants one or more). */
static void attach_charts(xmlNodePtr root, struct pending *pending)
{
	if (pending->points_series)
		xmlAddChild(pending->charts, pending->points_series);
	xmlNodePtr n = pending->charts->children;
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_ELEMENT_NODE && !n->children) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
		n = next;
	}
	if (pending->charts->children)
		xmlAddChild(root, pending->charts);
	else
		xmlFreeNode(pending->charts);
	pending->charts = NULL;
}

/* <provenance>: the contract and every import that could feed it (its own
 * and those with no contract). */
static void add_provenance(xmlNodePtr root, const struct kh_contract *c,
                           const struct kh_import_info *imports, size_t nimports)
{
	xmlNodePtr prov = xmlNewChild(root, NULL, BAD_CAST "provenance", NULL);
	xmlNodePtr node = xmlNewChild(prov, NULL, BAD_CAST "contract", NULL);
	set_attr(node, "id", c->id);
	set_long(node, "version", c->version);
	set_attr(node, "sha256", c->sha256);
	for (size_t i = 0; i < nimports; i++) {
		const struct kh_import_info *info = &imports[i];
		node = xmlNewChild(prov, NULL, BAD_CAST "import", NULL);
		set_long(node, "id", info->id);
		set_attr(node, "kind", info->kind);
		set_attr(node, "file", info->file);
		set_attr(node, "sha256", info->sha256);
		set_long(node, "rows", (long)info->rows);
		char at[KH_TIME_BUFSZ];
		snprintf(at, sizeof at, "%s", info->imported_at);
		if (strlen(at) > 10 && at[10] == ' ')
			at[10] = 'T';
		set_attr(node, "imported-at", at);
	}
}

/* Store the run with the imports it read. */
static int store_run(struct kh_store *store, xmlDocPtr doc,
                     const struct kh_contract *c,
                     const struct kh_score_request *req, const char *generated_at,
                     const struct tally *t, const char *grade,
                     const struct kh_import_info *imports, size_t nimports,
                     long *run_id, struct kh_err *err)
{
	xmlChar *xml = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &xml, &len, "UTF-8", 1);
	if (!xml) {
		kh_error("%s", kh_tr("无法序列化评分表", "cannot serialize the scorecard"));
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	char period[16], as_of[KH_DAY_BUFSZ], score[32], max[32];
	snprintf(score, sizeof score, "%ld.%02ld", t->score_x100 / 100, t->score_x100 % 100);
	snprintf(max, sizeof max, "%ld.%02ld", t->max_x100 / 100, t->max_x100 % 100);
	long *ids = kh_xcalloc(nimports ? nimports : 1, sizeof *ids);
	for (size_t i = 0; i < nimports; i++)
		ids[i] = imports[i].id;
	struct kh_run run = {
		.contract = c->id, .contract_version = c->version,
		.period = kh_period_format(&req->period, period),
		.as_of = kh_day_format(req->as_of, as_of), .generated_at = generated_at,
		.score = score, .max_score = max, .grade = grade,
		.scorecard_xml = (const char *)xml, .import_ids = ids,
		.nimports = nimports,
	};
	int rc = kh_store_save_run(store, &run, run_id, err);
	free(ids);
	xmlFree(xml);
	return rc;
}

/* The record kinds the contract's measures and fee model read. */
static unsigned kinds_read(const struct kh_contract *c)
{
	unsigned kinds = KH_DUTIES_READS;   /* <duties>: kh_duties_scorecard */
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_measure_type *type = kh_measure_find(c->indicators[i].measure.name);
		if (type)
			kinds |= type->reads;
	}
	kinds |= KH_REC_MARKS;    /* the panel's marks, for any indicator */
	const struct kh_node *money = kh_fees_model_node(c);
	const struct kh_fee_model *model = money ? kh_fee_model_find(money->name) : NULL;
	if (model)
		kinds |= model->reads;
	return kinds;
}

/* A child placed first among the indicator's children (before the notes,
 * defaults and evidence the measure wrote). */
static xmlNodePtr first_child(xmlNodePtr ind, const char *name)
{
	xmlNodePtr e = xmlNewDocNode(ind->doc, ind->ns, BAD_CAST name, NULL);
	xmlNodePtr first = ind->children;
	while (first && first->type != XML_ELEMENT_NODE)
		first = first->next;
	return first ? xmlAddPrevSibling(first, e) : xmlAddChild(ind, e);
}

/* <marks level=..> with each member's mark, one per level present. */
static void add_marks(xmlNodePtr after, const struct kh_contract *c,
                      const struct kh_indicator *ind, const struct kh_rubric_item *it,
                      const struct kh_marks *marks, const char *period)
{
	for (int l = 0; l < KH_LEVEL_COUNT; l++) {
		const struct kh_level_score *ls = &it->marks[l];
		if (!ls->present)
			continue;
		xmlNodePtr e = xmlNewDocNode(after->doc, after->ns, BAD_CAST "marks", NULL);
		after = xmlAddNextSibling(after, e);
		set_attr(e, "level", kh_mark_level_code((enum kh_mark_level)l));
		set_points(e, "aggregate", ls->score_x100);
		set_attr(e, "how", kh_mark_aggregation_code(c->aggregate));
		set_long(e, "members", (long)ls->members);
		if (ls->trimmed)
			set_attr(e, "trimmed", "yes");
		for (size_t i = 0; marks && i < marks->count; i++) {
			const struct kh_mark *m = &marks->rows[i];
			if ((int)m->level != l || strcmp(m->period, period) != 0 ||
			    strcmp(m->indicator, ind->id) != 0)
				continue;
			xmlNodePtr one = xmlNewChild(e, NULL, BAD_CAST "mark", NULL);
			set_attr(one, "member", m->member);
			set_points(one, "score", m->score_x100);
			if (m->reason && *m->reason)
				set_attr(one, "reason", m->reason);
			if (m->evidence && *m->evidence)
				set_attr(one, "evidence", m->evidence);
		}
	}
}

/* The final award, status, source, criterion and marks of one indicator. */
static void write_item(xmlNodePtr node, const struct kh_contract *c,
                       const struct kh_indicator *ind, const struct kh_rubric_item *it,
                       const struct kh_marks *marks, const char *period,
                       struct pending *pending, struct tally *tally)
{
	const char *status = it->pending ? "pending"
	                   : it->na ? "na" : status_word((enum kh_status)it->final_outcome);
	set_attr(node, "status", status);
	set_points(node, "awarded", it->awarded_x100);
	if (it->source != KH_RL_COMPUTED && !ind->manual)
		set_points(node, "computed-awarded", it->computed_x100);
	set_attr(node, "source", kh_rubric_level_code(it->source));
	char criterion[512];
	kh_method_criterion(ind, criterion, sizeof criterion);
	xmlNodePtr crit = first_child(node, "criterion");
	xmlNodeAddContent(crit, BAD_CAST criterion);
	add_marks(crit, c, ind, it, marks, period);
	if (it->pending) {
		tally->pending++;
		return;
	}
	if (it->na) {
		tally->na++;
		return;
	}
	if (it->final_outcome == KH_OUTCOME_PASS)
		tally->pass++;
	else
		tally->fail++;
	add_points_point(pending, ind, it->awarded_x100);
}

/* <category> elements before the first indicator, with the final level's
 * subtotals. */
static void add_categories(xmlNodePtr first_indicator, const struct kh_contract *c,
                           const struct kh_rubric *rub)
{
	const struct kh_rubric_total *t = &rub->level[rub->final];
	for (size_t k = 0; k < c->ncategories && first_indicator; k++) {
		const struct kh_category *cat = &c->categories[k];
		xmlNodePtr e = xmlNewDocNode(first_indicator->doc, first_indicator->ns,
		                             BAD_CAST "category", NULL);
		xmlAddPrevSibling(first_indicator, e);
		set_attr(e, "id", cat->id);
		set_attr(e, "title", kh_lang == KH_LANG_EN ? cat->title_en : cat->title);
		set_points(e, "points", cat->points_x100);
		set_points(e, "awarded", t->category_x100[k]);
		if (cat->clause && *cat->clause)
			set_attr(e, "clause", cat->clause);
		if (cat->is_default)
			set_attr(e, "default", "yes");
		if (t->category_vetoed[k])
			set_attr(e, "vetoed", "yes");
	}
}

/* <level-differences> after the last indicator: each indicator whose value
 * differs between two adjacent levels present. */
static void add_differences(xmlNodePtr last_indicator, const struct kh_contract *c,
                            const struct kh_rubric *rub)
{
	int levels[KH_RUBRIC_LEVELS], n = 0;
	for (int l = 0; l < KH_RUBRIC_LEVELS; l++)
		if (rub->level[l].present)
			levels[n++] = l;
	if (n < 2 || !last_indicator)
		return;
	xmlNodePtr diffs = NULL;
	for (size_t i = 0; i < rub->n; i++) {
		const struct kh_rubric_item *it = &rub->items[i];
		for (int k = 0; k + 1 < n; k++) {
			int from = levels[k], to = levels[k + 1];
			if (!it->has[from] || !it->has[to] ||
			    it->value_x100[from] == it->value_x100[to])
				continue;
			if (!diffs) {
				diffs = xmlNewDocNode(last_indicator->doc, last_indicator->ns,
				                      BAD_CAST "level-differences", NULL);
				xmlAddNextSibling(last_indicator, diffs);
			}
			xmlNodePtr d = xmlNewChild(diffs, NULL, BAD_CAST "difference", NULL);
			set_attr(d, "indicator", c->indicators[i].id);
			set_attr(d, "from", kh_rubric_level_code((enum kh_rubric_level)from));
			set_attr(d, "to", kh_rubric_level_code((enum kh_rubric_level)to));
			set_points(d, "from-score", it->value_x100[from]);
			set_points(d, "to-score", it->value_x100[to]);
			set_points(d, "delta", it->value_x100[from] - it->value_x100[to]);
		}
	}
}

/* Everything between loading and storing: indicators, the rubric (levels,
 * categories, vetoes), fees, triggers, charts.  0, or -1 with err filled. */
static int build_scorecard(const struct kh_measure_ctx *base, xmlNodePtr root,
                           const struct kh_score_request *req,
                           struct tally *tally)
{
	const struct kh_contract *c = base->contract;
	xmlNodePtr summary = xmlNewChild(root, NULL, BAD_CAST "summary", NULL);
	struct pending pending = {
		NULL, xmlNewDocNode(root->doc, root->ns, BAD_CAST "charts", NULL), NULL };
	size_t n = c->nindicators ? c->nindicators : 1;
	enum kh_status *status = kh_xcalloc(n, sizeof *status);
	struct judged *judged = kh_xcalloc(n, sizeof *judged);
	struct kh_rubric rub;
	kh_rubric_init(&rub, c);
	char period[16];
	kh_period_format(&req->period, period);
	/* Every indicator's element first, in order: the indicators that read
	 * claims are begun together and write their evidence during the one
	 * claim pass (harness.h), before the others are judged. */
	struct kh_judging *js = kh_xcalloc(n, sizeof *js);
	for (size_t i = 0; i < c->nindicators; i++) {
		js[i].ctx = *base;
		js[i].ctx.indicator = &c->indicators[i];
		js[i].r.status = KH_STATUS_NA;
		js[i].r.indicator = new_indicator(root, &c->indicators[i]);
		js[i].r.charts = pending.charts;
		js[i].r.evidence_limit = KH_EVIDENCE_LIMIT;
		judged[i].node = js[i].r.indicator;
	}
	int rc = kh_measure_pass(js, c->nindicators, base->err);
	for (size_t i = 0; i < c->nindicators && !rc; i++)
		rc = score_indicator(root, &js[i], &pending, &judged[i], &rub.items[i],
		                     &status[i]);
	kh_measure_abandon(js, c->nindicators);
	free(js);
	if (!rc && kh_rubric_score(&rub, c, &base->records->marks, period)) {
		kh_error("%s", kh_tr("评分方法的参数无效", "a scoring method's numbers are not valid"));
		rc = kh_fail(base->err, KH_ERR_DATA);
	}
	if (!rc) {
		for (size_t i = 0; i < c->nindicators; i++)
			write_item(judged[i].node, c, &c->indicators[i], &rub.items[i],
			           &base->records->marks, period, &pending, tally);
		const struct kh_rubric_total *t = &rub.level[rub.final];
		tally->score_x100 = t->score_x100;
		tally->max_x100 = t->max_x100;
		if (c->nindicators) {
			add_categories(judged[0].node, c, &rub);
			add_differences(judged[c->nindicators - 1].node, c, &rub);
		}
		rc = append_fees(base, root, req, status, tally);
	}
	free(status);
	for (size_t i = 0; i < c->nindicators; i++)
		free(judged[i].value);
	free(judged);
	if (rc) {
		kh_rubric_free(&rub);
		xmlFreeNode(pending.triggers);
		xmlFreeNode(pending.points_series);
		xmlFreeNode(pending.charts);
		return rc;
	}
	if (pending.triggers)
		xmlAddChild(root, pending.triggers);
	kh_duties_scorecard(c, base->records, base->calendar, &req->period,
	                    req->as_of, root);
	attach_charts(root, &pending);
	add_summary(summary, tally, grade_text(c, tally), c, &rub);
	kh_rubric_free(&rub);
	kh_scorecard_mark_defaults(root, c);
	return 0;
}

int kh_score_run(struct kh_store *store, const struct kh_score_request *request,
                 xmlDocPtr *scorecard, long *run_id, struct kh_err *err)
{
	*scorecard = NULL;
	*run_id = 0;
	char generated_xml[KH_TIME_BUFSZ], generated_db[KH_TIME_BUFSZ];
	if (generated_time(generated_xml, generated_db, err))
		return -1;
	const struct kh_contract *c = NULL;
	if (kh_contract_get(store, request->contract_id, request->contract_version, &c, err))
		return -1;
	struct kh_calendar *cal = NULL;
	if (kh_calendar_load(store, &cal, err)) {
		kh_contract_put(c);
		return -1;
	}
	struct kh_records records = { 0 };
	struct kh_import_info *imports = NULL;
	size_t nimports = 0;
	struct kh_adjustments *adj = NULL;   /* decisions and appeals (decisions.h) */
	if (kh_store_load_records(store, c->id, kinds_read(c), &records, err) ||
	    kh_store_load_adjustments(store, c->id, &adj, err) ||
	    kh_store_list_imports(store, c->id, &imports, &nimports, err)) {
		kh_records_free(&records);
		kh_adjustments_free(adj);
		kh_calendar_free(cal);
		kh_contract_put(c);
		return -1;
	}
	kh_adjustments_apply(adj, &records);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");   /* Chinese as text, not &#x..; */
	xmlNodePtr root = new_root(doc, c, request, generated_xml);
	struct kh_measure_ctx base = {
		.contract = c, .calendar = cal, .period = request->period,
		.as_of = request->as_of, .records = &records, .err = err };
	struct tally tally = { 0 };
	int rc = build_scorecard(&base, root, request, &tally);
	if (rc) {
		rc = -1;
	} else {
		add_provenance(root, c, imports, nimports);
		rc = store_run(store, doc, c, request, generated_db, &tally,
		               grade_text(c, &tally), imports, nimports, run_id, err);
	}
	kh_import_infos_free(imports, nimports);
	kh_records_free(&records);
	kh_adjustments_free(adj);
	kh_calendar_free(cal);
	kh_contract_put(c);
	if (rc) {
		xmlFreeDoc(doc);
		return -1;
	}
	*scorecard = doc;
	return 0;
}
