/* records.c: freeing loaded records, streaming settlements through their
 * source, and the in-memory settlement source that unit tests score
 * against (the same filters as the store's; person order is sorted
 * here for every source, in C: claim-sort.h). */
#include <stdlib.h>
#include <string.h>

#include "claim-sort.h"
#include "msg.h"
#include "records.h"

/* Person order: the source streams in any order, with the fields the
 * sort key needs, into the claim sort (claim-sort.h); then the sorted
 * claims go to fn. */
struct sort_feed {
	struct kh_claim_sort *sort;
	struct kh_err *err;
};

static int add_to_sort(const struct kh_settlement *claim, void *arg)
{
	struct sort_feed *feed = arg;
	return kh_claim_sort_add(feed->sort, claim, 0, feed->err) ? -1 : 0;
}

static int each_by_person(const struct kh_settlement_source *src,
                          const struct kh_settlement_query *query,
                          kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	struct kh_settlement_query q = *query;
	q.order = KH_SETTLE_ANY_ORDER;
	if (q.fields)
		q.fields |= KH_SF_PERSON_ORDER;
	struct sort_feed feed = { kh_claim_sort_new(q.fields), err };
	int rc = src->each(src->impl, &q, add_to_sort, &feed, err);
	if (rc > 0)      /* only add_to_sort stops the stream, after printing */
		rc = -1;
	struct kh_settlement claim;
	uint64_t tag;
	while (rc == 0) {
		int got = kh_claim_sort_next(feed.sort, &claim, &tag, err);
		if (got <= 0) {
			rc = got;
			break;
		}
		rc = fn(&claim, arg);
	}
	kh_claim_sort_free(feed.sort);
	return rc;
}

int kh_records_each_settlement(const struct kh_records *records,
                               const struct kh_settlement_query *query,
                               kh_settlement_fn *fn, void *arg,
                               struct kh_err *err)
{
	const struct kh_settlement_source *src = &records->settlements;
	if (!src->each)   /* no source: no claims */
		return 0;
	if (query->order == KH_SETTLE_BY_PERSON)
		return each_by_person(src, query, fn, arg, err);
	return src->each(src->impl, query, fn, arg, err);
}

int kh_records_each_settlement_split(const struct kh_records *records,
                                     const struct kh_settlement_query *query,
                                     kh_settlement_fn *fn_a, void *arg_a,
                                     kh_settlement_fn *fn_b, void *arg_b,
                                     struct kh_err *err)
{
	const struct kh_settlement_source *src = &records->settlements;
	if (!src->each_split || query->order != KH_SETTLE_ANY_ORDER)
		return 1;
	return src->each_split(src->impl, query, fn_a, arg_a, fn_b, arg_b, err);
}

struct paid_total {
	long long count;
	kh_fen paid;
};

static int add_paid(const struct kh_settlement *claim, void *arg)
{
	struct paid_total *t = arg;
	t->count++;
	t->paid += claim->paid_amount;
	return 0;
}

int kh_records_settlement_totals(const struct kh_records *records,
                                 const struct kh_settlement_query *query,
                                 long long *count, kh_fen *paid,
                                 struct kh_err *err)
{
	*count = 0;
	*paid = 0;
	const struct kh_settlement_source *src = &records->settlements;
	if (src->totals)
		return src->totals(src->impl, query, count, paid, err);
	struct paid_total t = { 0, 0 };
	int rc = kh_records_each_settlement(records, query, add_paid, &t, err);
	if (rc)
		return rc < 0 ? -1 : kh_fail(err, KH_ERR_SOFTWARE);
	*count = t.count;
	*paid = t.paid;
	return 0;
}

static void free_roster(struct kh_roster *r)
{
	for (size_t i = 0; i < r->count; i++) {
		struct kh_assignment *a = &r->rows[i];
		free(a->staff_id);
		free(a->name);
		free(a->post);
		free(a->unit);
		free(a->specialty);
		free(a->end_reason);
	}
	free(r->rows);
}

static void free_population(struct kh_population *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->rows[i].unit);
	free(p->rows);
}

static void free_complaints(struct kh_complaints *c)
{
	for (size_t i = 0; i < c->count; i++) {
		free(c->rows[i].complaint_id);
		free(c->rows[i].channel);
		free(c->rows[i].category);
		free(c->rows[i].severity);
	}
	free(c->rows);
}

static void free_audits(struct kh_audits *a)
{
	for (size_t i = 0; i < a->count; i++) {
		free(a->rows[i].sample_id);
		free(a->rows[i].period);
		free(a->rows[i].stream);
		free(a->rows[i].claim_id);
		free(a->rows[i].finding);
	}
	free(a->rows);
}

static void free_submissions(struct kh_submissions *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->rows[i].report);
		free(s->rows[i].period);
		free(s->rows[i].ref);
		free(s->rows[i].source);
	}
	free(s->rows);
}

static void free_activities(struct kh_activities *a)
{
	for (size_t i = 0; i < a->count; i++) {
		free(a->rows[i].kind);
		free(a->rows[i].unit);
	}
	free(a->rows);
}

static void free_finance(struct kh_finance *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->rows[i].kind);
		free(f->rows[i].note);
	}
	free(f->rows);
}

static void free_ratings(struct kh_ratings *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->rows[i].quarter);
		free(r->rows[i].raw_rating);
	}
	free(r->rows);
}

static void free_facts(struct kh_facts *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->rows[i].kind);
		free(f->rows[i].ref);
		free(f->rows[i].note);
	}
	free(f->rows);
}

static void free_marks(struct kh_marks *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->rows[i].period);
		free(m->rows[i].indicator);
		free(m->rows[i].member);
		free(m->rows[i].reason);
		free(m->rows[i].evidence);
	}
	free(m->rows);
}

const struct kh_fact *kh_facts_first(const struct kh_facts *facts,
                                     const char *kind, kh_day until)
{
	for (size_t i = 0; i < facts->count; i++)
		if (facts->rows[i].date <= until && strcmp(facts->rows[i].kind, kind) == 0)
			return &facts->rows[i];
	return NULL;
}

void kh_records_free(struct kh_records *records)
{
	if (!records)
		return;
	free_roster(&records->roster);
	free_population(&records->population);
	free_complaints(&records->complaints);
	free_audits(&records->audits);
	free_submissions(&records->submissions);
	free_activities(&records->activities);
	free_finance(&records->finance);
	free_ratings(&records->ratings);
	free_facts(&records->facts);
	free_marks(&records->marks);
	memset(records, 0, sizeof *records);
}

/* ---- the in-memory source ------------------------------------------------ */

kh_day kh_settlement_day_of(const struct kh_settlement *c, enum kh_settlement_day day)
{
	switch (day) {
	case KH_SETTLE_SERVICE:
		return c->service_date != KH_DAY_NONE ? c->service_date : c->received;
	case KH_SETTLE_PAID:
		return c->paid;
	case KH_SETTLE_RECEIVED:
		break;
	}
	return c->received;
}

int kh_settlement_matches(const struct kh_settlement *c,
                          const struct kh_settlement_query *q)
{
	kh_day d = kh_settlement_day_of(c, q->day);
	if (d == KH_DAY_NONE || d < q->first || d > q->last)
		return 0;
	if (q->channel && strcmp(q->channel, c->channel) != 0)
		return 0;
	return !q->eligible_only || c->has_eligible;
}

static int array_each(void *impl, const struct kh_settlement_query *q,
                      kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	(void)err;
	const struct kh_settlement_array *array = impl;
	const struct kh_settlement **match =
		kh_xcalloc(array->count ? array->count : 1, sizeof *match);
	size_t n = 0;
	for (size_t i = 0; i < array->count; i++)
		if (kh_settlement_matches(&array->claims[i], q))
			match[n++] = &array->claims[i];
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct kh_settlement claim = *match[i];
		claim.day = kh_settlement_day_of(&claim, q->day);
		rc = fn(&claim, arg);
	}
	free(match);
	return rc;
}

void kh_settlement_array_source(struct kh_settlement_source *source,
                                struct kh_settlement_array *array)
{
	*source = (struct kh_settlement_source){ .each = array_each, .impl = array };
}
