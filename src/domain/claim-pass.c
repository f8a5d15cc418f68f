/* claim-pass.c: one stream of a contract's claims served to several
 * readers (claim-pass.h).  The stream asks the source for every claim of
 * the contract (any receipt day) with the union of the fields the readers
 * read and filter on; each claim is matched against each reader's query
 * (kh_settlement_matches) and given that query's day.  Claims wanted by a
 * person-order reader go once into the claim sort, tagged with a bit per
 * such reader, and are handed out after the stream. */
#include <stdint.h>
#include <string.h>

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

/* The fields a reader's query needs beyond its own to be matched here. */
static unsigned filter_fields(const struct kh_settlement_query *q)
{
	unsigned f = q->channel ? KH_SF_CHANNEL : 0;
	if (q->eligible_only)
		f |= KH_SF_AMOUNTS;
	switch (q->day) {
	case KH_SETTLE_SERVICE:
		f |= KH_SF_SERVICE | KH_SF_RECEIVED;
		break;
	case KH_SETTLE_PAID:
		f |= KH_SF_PAID;
		break;
	case KH_SETTLE_RECEIVED:
		f |= KH_SF_RECEIVED;
		break;
	}
	if (q->order == KH_SETTLE_BY_PERSON)
		f |= KH_SF_PERSON_ORDER;
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

/* The sorted claims to the person-order readers their tags name. */
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
	unsigned sorted_fields = 0;   /* what the person-order readers read */
	int any_sorted = 0;
	for (size_t i = 0; i < n; i++) {
		readers[i].rc = 0;
		const struct kh_settlement_query *q = &readers[i].query;
		unsigned fields = q->fields ? q->fields | filter_fields(q) : ~0u;
		scan.contract = q->contract;
		scan.fields |= fields;
		if (q->order == KH_SETTLE_BY_PERSON) {
			any_sorted = 1;
			sorted_fields |= fields;
		}
	}
	if (any_sorted)
		p.sort = kh_claim_sort_new(sorted_fields == ~0u ? 0 : sorted_fields);
	if (scan.fields == ~0u)
		scan.fields = 0;          /* every field */
	int rc = 0;
	if (n > 0) {
		rc = kh_records_each_settlement(records, &scan, on_claim, &p, err);
		if (rc > 0)               /* every reader had stopped */
			rc = 0;
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
