/* claim-sort.h: claims in person order — insured id, then the
 * service-else-received day, then claim id — however many there are,
 * through the external sort of extsort.h (at most KH_CLAIM_SORT_BUDGET
 * bytes in memory; the rest in sorted runs on a temporary file).  Used by
 * kh_records_each_settlement for KH_SETTLE_BY_PERSON queries and by the
 * claim pass of a scoring run (claim-pass.h); the store only streams.
 * Each claim carries a tag (a bit per reader of the claim pass). */
#ifndef KAOHE_CLAIM_SORT_H
#define KAOHE_CLAIM_SORT_H

#include <stdint.h>

#include "err.h"
#include "records.h"

#define KH_CLAIM_SORT_BUDGET ((size_t)8 << 20)

struct kh_claim_sort;

/* A sort keeping the kh_settlement_field bits `fields` of each claim (0:
 * every field) besides the key's insured id and claim id, the day and the
 * flags; the others come back empty. */
struct kh_claim_sort *kh_claim_sort_new(unsigned fields);

/* Add a claim (every text and field is copied).  0, or -1 with err filled
 * after printing why (the temporary file could not be written). */
int kh_claim_sort_add(struct kh_claim_sort *s, const struct kh_settlement *claim,
                      uint64_t tag, struct kh_err *err);

/* The next claim in person order into *claim (its texts valid until the
 * next call) and its tag: 1, 0 after the last, or -1 with err filled. */
int kh_claim_sort_next(struct kh_claim_sort *s, struct kh_settlement *claim,
                       uint64_t *tag, struct kh_err *err);

/* Take over every claim of `other`, a sort made with the same fields and
 * filled (on another thread, say) while s was: s then hands out the
 * claims of both in one person order.  other is freed here, whatever
 * the result.  0, or -1 with err filled after printing why. */
int kh_claim_sort_absorb(struct kh_claim_sort *s, struct kh_claim_sort *other,
                         struct kh_err *err);

void kh_claim_sort_free(struct kh_claim_sort *s);

#endif
