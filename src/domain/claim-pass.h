/* claim-pass.h: one pass over a contract's claims for several readers.  A
 * scoring run has a few indicators that read settlements (timeliness per
 * channel, the benefit recomputation, the yearly cap); at 10^7 claims each
 * scan is a large part of the run, so the run reads the claims once and
 * hands each reader the claims its own query selects, in its own order:
 * readers in any order during the scan, readers in person order from one
 * claim sort (claim-sort.h) fed by the same scan.  What each reader gets
 * is what kh_records_each_settlement would give it: the same claims with
 * the fields it asked for; an any-order reader may get them in another
 * order (on two threads, part of them from the sort: claim-pass.c). */
#ifndef KAOHE_CLAIM_PASS_H
#define KAOHE_CLAIM_PASS_H

#include "err.h"
#include "records.h"

/* Readers one pass serves at most (a bit each in a sort tag). */
#define KH_CLAIM_PASS_MAX 64

struct kh_claim_reader {
	struct kh_settlement_query query;  /* its claims and their order */
	kh_settlement_fn *fn;
	void *arg;
	int rc;                   /* set by the pass: 0, fn's nonzero value
	                             (fn is not called again), or -1 */
};

/* Serve n (≤ KH_CLAIM_PASS_MAX) readers, all of one contract, from one
 * stream of `records`' claims.  0 (each reader's rc says how it ended), or
 * -1 with err filled after printing why (every rc is then -1). */
int kh_claims_pass(const struct kh_records *records,
                   struct kh_claim_reader *readers, size_t n,
                   struct kh_err *err);

#endif
