/* claim-relay.h: a claim sort read back on a thread of its own.  After a
 * scoring run's claim pass has sorted its claims (claim-pass.h), handing
 * them out costs two things of about the same size: merging the sorted
 * runs and decoding each claim, and the readers' own work on it.  The
 * relay does the first on a second thread, copying each decoded claim
 * into blocks this thread takes in turn, so on two cores the two overlap
 * (bench/score). */
#ifndef KAOHE_CLAIM_RELAY_H
#define KAOHE_CLAIM_RELAY_H

#include <stdint.h>

#include "claim-sort.h"
#include "err.h"
#include "records.h"

/* Called once per claim, in the sort's order, on the calling thread; the
 * claim's texts are valid during the call only.  0 goes on; anything
 * else stops the relay and is returned. */
typedef int kh_sorted_claim_fn(const struct kh_settlement *claim, uint64_t tag,
                               void *arg);

/* Every claim left in `sort` (no add after the last: the sort is being
 * read) to fn, read on another thread (on this one when no thread can
 * be started).  0, fn's nonzero value, or -1 with err filled after
 * printing why (the sort's temporary file could not be read). */
int kh_claim_sort_relay(struct kh_claim_sort *sort, kh_sorted_claim_fn *fn,
                        void *arg, struct kh_err *err);

/* The same, all on this thread. */
int kh_claim_sort_each(struct kh_claim_sort *sort, kh_sorted_claim_fn *fn,
                       void *arg, struct kh_err *err);

#endif
