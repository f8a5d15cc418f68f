/* settle.h: the money rules of SPEC section 5 — quarterly fee parts, the
 * profit cap with special staff cost, losses, reserve and deposit — as pure
 * integer-fen arithmetic (tests/unit-fees.c) under the fee models.  No
 * records, no XML, no store; no floating point ever touches an amount,
 * rounding is half-up to the fen once per line. */
#ifndef KAOHE_SETTLE_H
#define KAOHE_SETTLE_H

#include <stddef.h>

#include "dates.h"
#include "money.h"

/* Split `total` into `parts` equal parts; the remainder fen (total mod
 * parts) goes to the last part, so the parts always sum to total.
 * parts ≥ 1. */
void kh_fee_split(kh_fen total, int parts, kh_fen *out);

/* Days of [from, to] covered by at least one of the n intervals
 * [first[i], last[i]] (last may be INT32_MAX for "still there"). */
long kh_days_covered(const kh_day *first, const kh_day *last, size_t n,
                     kh_day from, kh_day to);

/* The special staff cost of one person (000 第十八条(1)): 0 unless the
 * person was on the project more than min_days days; then `medical`
 * amount for a medical person, else `per_person`. */
kh_fen kh_staff_cost(long days, int is_medical, long min_days,
                     kh_fen per_person, kh_fen medical);

/* The year-end result of a fund with a profit cap (000 第十八条, 001
 * 第二十三–二十四条).  Margin M = funds − claims (operating cost is inside
 * the cap, not subtracted). */
struct kh_cap_in {
	kh_fen funds;             /* F */
	kh_fen claims;            /* claims paid in the year */
	struct kh_rate cap_rate;  /* 3.86% or 3% of F */
	kh_fen staff_cost;        /* special staff cost claimed (0 when none) */
	int loss_policy;          /* 1: a loss declared policy-related */
	struct kh_rate loss_cap_rate; /* share of F the insurer bears of a policy loss */
};
struct kh_cap_out {
	kh_fen margin;            /* M = F − claims */
	kh_fen cap;               /* cap_rate × F, half-up */
	kh_fen excess;            /* M − cap when M > cap, else 0 */
	kh_fen staff_allowed;     /* min(staff_cost, excess) when M > cap */
	kh_fen kept;              /* what the insurer keeps (0 on a loss) */
	kh_fen returned;          /* excess − staff_allowed: back to the purchaser / fiscal */
	kh_fen loss;              /* −M when M < 0, else 0 */
	kh_fen insurer_loss;      /* the part of the loss the insurer bears */
	kh_fen other_loss;        /* the rest (reserve, funding) */
};
void kh_settle_cap(const struct kh_cap_in *in, struct kh_cap_out *out);

/* 001 第二十四条: the part of `other_loss` the reserve covers (at most the
 * reserve) and what is left for next year's funding. */
void kh_settle_reserve(kh_fen other_loss, kh_fen reserve, kh_fen *from_reserve,
                       kh_fen *beyond);

#endif
