/* claim-pass.c: one stream of a contract's claims served to several
 * readers (claim-pass.h).  The stream asks the source for every claim of
 * the contract (any receipt day) with the union of the fields the readers
 * read and filter on; each claim is matched against each reader's query
 * (kh_settlement_matches) and given that query's day.  Claims wanted by a
 * person-order reader go once into the claim sort, tagged with a bit per
 * such reader, and are handed out after the stream.
 *
 * On two cores, when there is a person-order reader and the source can
 * (kh_records_each_settlement_split), the stream comes in two shares at
 * once: this thread serves its share as above; the other thread only
 * matches and puts every claim some reader wants into a second sort,
 * tagged for each such reader — any-order readers too, which take their
 * claims in any order — and that sort joins the first before the sorted
 * claims are handed out.  The second thread touches nothing of the
 * readers but their queries.  (Merging the sorted claims on the second
 * thread while this one hands them out was measured slower: copying each
 * claim between the cores cost more than the overlap gave.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claim-pass.h"
#include "claim-sort.h"
#include "msg.h"

struct pass {
	struct kh_claim_reader *readers;
	size_t n;
	struct kh_claim_sort *sort;   /* NULL: no person-order reader */
	size_t live;                  /* readers still reading */
	struct kh_err *err;
};

/* The fields a query's day is worked out from. */
static unsigned day_fields(enum kh_settlement_day day)
{
	switch (day) {
	case KH_SETTLE_SERVICE:
		return KH_SF_SERVICE | KH_SF_RECEIVED;
	case KH_SETTLE_PAID:
		return KH_SF_PAID;
	case KH_SETTLE_RECEIVED:
		break;
	}
	return KH_SF_RECEIVED;
}

/* The fields a reader's claims need once matched, as a sort keeps them:
 * its own, those its day is worked out from (hand_to) and, in person
 * order, the key's (~0u: every field). */
static unsigned handed_fields(const struct kh_settlement_query *q)
{
	if (!q->fields)
		return ~0u;
	unsigned f = q->fields | day_fields(q->day);
	return q->order == KH_SETTLE_BY_PERSON ? f | KH_SF_PERSON_ORDER : f;
}

/* The fields the scan reads for a reader: those it is handed and those
 * its query is matched on here (~0u: every field). */
static unsigned scanned_fields(const struct kh_settlement_query *q)
{
	unsigned f = handed_fields(q);
	if (q->channel)
		f |= KH_SF_CHANNEL;
	if (q->eligible_only)
		f |= KH_SF_AMOUNTS;
	return f;
}

/* Give reader i one claim, with its query's day; note when it stops. */
static void hand_to(struct pass *p, size_t i, const struct kh_settlement *claim)
{
	struct kh_claim_reader *r = &p->readers[i];
	struct kh_settlement mine = *claim;
	mine.day = kh_settlement_day_of(claim, r->query.day);
	int rc = r->fn(&mine, r->arg);
	if (rc != 0) {
		r->rc = rc;
		p->live--;
	}
}

static int on_claim(const struct kh_settlement *claim, void *arg)
{
	struct pass *p = arg;
	uint64_t tag = 0;
	for (size_t i = 0; i < p->n; i++) {
		struct kh_claim_reader *r = &p->readers[i];
		if (r->rc != 0 || !kh_settlement_matches(claim, &r->query))
			continue;
		if (r->query.order == KH_SETTLE_BY_PERSON)
			tag |= (uint64_t)1 << i;
		else
			hand_to(p, i, claim);
	}
	if (tag && kh_claim_sort_add(p->sort, claim, tag, p->err) != 0)
		return -1;
	return p->live == 0;    /* every reader has stopped: so may the stream */
}

/* The sorted claims to the readers their tags name. */
static int drain_sorted(struct pass *p)
{
	struct kh_settlement claim;
	uint64_t tag;
	int got = 0;
	while (p->live > 0 && (got = kh_claim_sort_next(p->sort, &claim, &tag, p->err)) > 0)
		for (size_t i = 0; i < p->n; i++)
			if ((tag >> i & 1) && p->readers[i].rc == 0)
				hand_to(p, i, &claim);
	return p->live > 0 && got < 0 ? -1 : 0;
}

/* The other thread's share of a split stream. */
struct second_share {
	const struct kh_claim_reader *readers;
	size_t n;
	struct kh_claim_sort *sort;
	struct kh_err err;
};

static int on_claim_second(const struct kh_settlement *claim, void *arg)
{
	struct second_share *sh = arg;
	uint64_t tag = 0;
	for (size_t i = 0; i < sh->n; i++)
		if (kh_settlement_matches(claim, &sh->readers[i].query))
			tag |= (uint64_t)1 << i;
	if (tag && kh_claim_sort_add(sh->sort, claim, tag, &sh->err) != 0)
		return -1;
	return 0;
}

/* Whether to read the claims in two shares on two threads: only from a
 * source that can, with a sort to put the second share in, on a machine
 * with two cores or more, and not when KAOHE_SCORE_THREADS=1 asks for
 * one (to compare). */
static int wants_split(const struct kh_records *records, int any_sorted)
{
	const char *threads = getenv("KAOHE_SCORE_THREADS");
	return records->settlements.each_split && any_sorted &&
	       sysconf(_SC_NPROCESSORS_ONLN) >= 2 &&
	       !(threads && strcmp(threads, "1") == 0);
}

/* Stream the scan to the readers: in two shares when wanted and the
 * source can, else in one.  0 or -1 (p->err filled). */
static int stream(const struct kh_records *records,
                  const struct kh_settlement_query *scan, struct pass *p,
                  int split, unsigned sort_fields)
{
	if (split) {
		struct second_share sh = { p->readers, p->n,
		                           kh_claim_sort_new(sort_fields), { 0 } };
		int rc = kh_records_each_settlement_split(records, scan, on_claim, p,
		                                          on_claim_second, &sh, p->err);
		kh_err_pass_on(p->err, &sh.err);
		if (rc == 0)
			return kh_claim_sort_absorb(p->sort, sh.sort, p->err);
		kh_claim_sort_free(sh.sort);
		if (rc < 0)
			return -1;
	}
	int rc = kh_records_each_settlement(records, scan, on_claim, p, p->err);
	return rc > 0 ? 0 : rc;   /* > 0: every reader had stopped */
}

/* The fields a pass reads (~0u: every field): the scan's, and those
 * handed to every reader and to the person-order readers. */
struct plan {
	unsigned scan, handed, sorted;
	int any_sorted;
};

static struct plan plan_fields(const struct kh_claim_reader *readers, size_t n)
{
	struct plan plan = { 0, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		const struct kh_settlement_query *q = &readers[i].query;
		plan.scan |= scanned_fields(q);
		plan.handed |= handed_fields(q);
		if (q->order == KH_SETTLE_BY_PERSON) {
			plan.any_sorted = 1;
			plan.sorted |= handed_fields(q);
		}
	}
	return plan;
}

int kh_claims_pass(const struct kh_records *records,
                   struct kh_claim_reader *readers, size_t n,
                   struct kh_err *err)
{
	if (n > KH_CLAIM_PASS_MAX) {
		kh_error("kh_claims_pass: %zu readers (at most %d)", n, KH_CLAIM_PASS_MAX);
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	struct pass p = { readers, n, NULL, n, err };
	struct kh_settlement_query scan = {
		.day = KH_SETTLE_RECEIVED,
		.first = kh_day_from_ymd(1, 1, 1), .last = kh_day_from_ymd(9999, 12, 31),
		.order = KH_SETTLE_ANY_ORDER, .every_day = 1,
	};
	for (size_t i = 0; i < n; i++) {
		readers[i].rc = 0;
		scan.contract = readers[i].query.contract;
	}
	struct plan plan = plan_fields(readers, n);
	int split = wants_split(records, plan.any_sorted);
	/* Split, the sorts carry any reader's claims: every reader's fields. */
	unsigned sort_fields = split ? plan.handed : plan.sorted;
	if (sort_fields == ~0u)
		sort_fields = 0;          /* every field */
	if (plan.any_sorted)
		p.sort = kh_claim_sort_new(sort_fields);
	scan.fields = plan.scan == ~0u ? 0 : plan.scan;
	int rc = 0;
	if (n > 0) {
		rc = stream(records, &scan, &p, split, sort_fields);
		if (rc == 0 && p.sort)
			rc = drain_sorted(&p);
	}
	kh_claim_sort_free(p.sort);
	if (rc < 0) {
		for (size_t i = 0; i < n; i++)
			readers[i].rc = -1;
		return -1;
	}
	return 0;
}
