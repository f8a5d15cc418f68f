/* decisions.c: money-line states, line ids, and the evidence re-judged on
 * appeal applied to the typed records (decisions.h).  Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decisions.h"
#include "msg.h"

static const char *const state_codes[] = { "proposed", "confirmed", "waived" };

const char *kh_line_state_code(enum kh_line_state state)
{
	return (unsigned)state < 3 ? state_codes[state] : "proposed";
}

int kh_line_state_parse(const char *text, enum kh_line_state *out)
{
	for (int i = 0; i < 3; i++)
		if (text && strcmp(text, state_codes[i]) == 0) {
			*out = (enum kh_line_state)i;
			return 0;
		}
	return -1;
}

const char *kh_override_kind_code(enum kh_override_kind kind)
{
	return kind == KH_OVERRIDE_CLAIM ? "claim" : "audit-sample";
}

void kh_line_id(char *buf, size_t size, const char *period, const char *clause,
                const char *key)
{
	snprintf(buf, size, "%s:%s:%s", period && *period ? period : "-",
	         clause && *clause ? clause : "-", key && *key ? key : "-");
}

static int cmp_decision(const void *a, const void *b)
{
	return strcmp(((const struct kh_decision *)a)->line_id,
	              ((const struct kh_decision *)b)->line_id);
}

static int cmp_override(const void *a, const void *b)
{
	const struct kh_override *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

void kh_adjustments_sort(struct kh_adjustments *adj)
{
	if (adj->ndecisions)
		qsort(adj->decisions, adj->ndecisions, sizeof *adj->decisions, cmp_decision);
	if (adj->noverrides)
		qsort(adj->overrides, adj->noverrides, sizeof *adj->overrides, cmp_override);
}

const struct kh_decision *kh_decision_find(const struct kh_adjustments *adj,
                                           const char *line_id)
{
	if (!adj || !adj->ndecisions || !line_id)
		return NULL;
	struct kh_decision key = { .line_id = (char *)line_id };
	return bsearch(&key, adj->decisions, adj->ndecisions, sizeof key, cmp_decision);
}

enum kh_line_state kh_line_state_of(const struct kh_adjustments *adj,
                                    const char *line_id)
{
	const struct kh_decision *d = kh_decision_find(adj, line_id);
	return d ? d->state : KH_LINE_PROPOSED;
}

const struct kh_override *kh_override_find(const struct kh_adjustments *adj,
                                           enum kh_override_kind kind,
                                           const char *ref)
{
	if (!adj || !adj->noverrides || !ref || !*ref)
		return NULL;
	struct kh_override key = { .kind = kind, .ref = (char *)ref };
	return bsearch(&key, adj->overrides, adj->noverrides, sizeof key, cmp_override);
}

/* --- the settlement stream, with overturned claims excused ---------------- */

struct wrap_arg {
	const struct kh_adjustments *adj;
	kh_settlement_fn *fn;
	void *arg;
};

static int wrap_claim(const struct kh_settlement *claim, void *arg)
{
	struct wrap_arg *w = arg;
	if (!claim->excused && kh_override_find(w->adj, KH_OVERRIDE_CLAIM, claim->claim_id)) {
		struct kh_settlement copy = *claim;
		copy.excused = 1;
		return w->fn(&copy, w->arg);
	}
	return w->fn(claim, w->arg);
}

/* The query asked of the inner source: an override needs the claim's id
 * where the excused flag is read. */
static struct kh_settlement_query wrapped_query(const struct kh_settlement_query *query)
{
	struct kh_settlement_query q = *query;
	if (q.fields && (q.fields & KH_SF_EXCUSED))
		q.fields |= KH_SF_CLAIM;
	return q;
}

static int wrap_each(void *impl, const struct kh_settlement_query *query,
                     kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	const struct kh_adjustments *adj = impl;
	struct kh_settlement_query q = wrapped_query(query);
	struct wrap_arg w = { adj, fn, arg };
	return adj->inner.each(adj->inner.impl, &q, wrap_claim, &w, err);
}

/* wrap_claim only reads the overrides, so both shares may use it at once. */
static int wrap_each_split(void *impl, const struct kh_settlement_query *query,
                           kh_settlement_fn *fn_a, void *arg_a,
                           kh_settlement_fn *fn_b, void *arg_b, struct kh_err *err)
{
	const struct kh_adjustments *adj = impl;
	struct kh_settlement_query q = wrapped_query(query);
	struct wrap_arg wa = { adj, fn_a, arg_a }, wb = { adj, fn_b, arg_b };
	return adj->inner.each_split(adj->inner.impl, &q, wrap_claim, &wa,
	                             wrap_claim, &wb, err);
}

static int wrap_totals(void *impl, const struct kh_settlement_query *query,
                       long long *count, kh_fen *paid, struct kh_err *err)
{
	const struct kh_adjustments *adj = impl;
	return adj->inner.totals(adj->inner.impl, query, count, paid, err);
}

void kh_adjustments_apply(struct kh_adjustments *adj, struct kh_records *records)
{
	records->adjust = adj;
	for (size_t i = 0; i < records->audits.count; i++) {
		struct kh_audit_sample *s = &records->audits.rows[i];
		const struct kh_override *o =
			kh_override_find(adj, KH_OVERRIDE_AUDIT_SAMPLE, s->sample_id);
		if (!o || s->passed)
			continue;
		s->passed = 1;
		char buf[1024];
		if (kh_lang == KH_LANG_EN)
			snprintf(buf, sizeof buf, "passed on appeal %ld (was failed%s%s)",
			         o->appeal, *s->finding ? ": " : "", s->finding);
		else
			snprintf(buf, sizeof buf, "复核 %ld 改判合格（原不合格%s%s）", o->appeal,
			         *s->finding ? "：" : "", s->finding);
		free(s->finding);
		s->finding = kh_xstrdup(buf);
	}
	int claims = 0;
	for (size_t i = 0; i < adj->noverrides; i++)
		claims |= adj->overrides[i].kind == KH_OVERRIDE_CLAIM;
	if (claims && records->settlements.each) {
		adj->inner = records->settlements;
		records->settlements.each = wrap_each;
		records->settlements.totals = adj->inner.totals ? wrap_totals : NULL;
		records->settlements.each_split = adj->inner.each_split
		                                  ? wrap_each_split : NULL;
		records->settlements.impl = adj;
	}
}

void kh_adjustments_free(struct kh_adjustments *adj)
{
	if (!adj)
		return;
	for (size_t i = 0; i < adj->ndecisions; i++) {
		free(adj->decisions[i].line_id);
		free(adj->decisions[i].reason);
		free(adj->decisions[i].who);
		free(adj->decisions[i].at);
	}
	for (size_t i = 0; i < adj->noverrides; i++)
		free(adj->overrides[i].ref);
	for (size_t i = 0; i < adj->ncharges; i++) {
		free(adj->charges[i].period);
		free(adj->charges[i].indicator);
	}
	free(adj->decisions);
	free(adj->overrides);
	free(adj->charges);
	free(adj);
}
