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
 * 第二十三–二十四条).  Margin M = F − withheld − claims: the part of F the
 * purchaser withholds (001's 5% risk reserve) is never the insurer's;
 * operating cost is inside the cap, not subtracted.  The cap is a share
 * of F itself (当年筹集资金总额). */
struct kh_cap_in {
	kh_fen funds;             /* F */
	kh_fen claims;            /* claims paid in the year */
	struct kh_rate cap_rate;  /* 3.86% or 3% of F */
	kh_fen staff_cost;        /* special staff cost claimed (0 when none) */
	int loss_policy;          /* 1: a loss declared policy-related */
	struct kh_rate loss_cap_rate; /* share of F the insurer bears of a policy loss */
	kh_fen withheld;          /* part of F the purchaser withholds (0 when none) */
};
struct kh_cap_out {
	kh_fen margin;            /* M = F − withheld − claims */
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

/* The balance every fund statement satisfies (the statement's last line):
 *   F + from_elsewhere = claims + reserve_left + insurer_net + paid_over
 *                        + withheld + damages
 * from_elsewhere: the loss the insurer does not bear and the reserve does
 * not cover (next year's funding, the accumulated balance); reserve_left:
 * the reserve the purchaser keeps after covering a policy loss;
 * insurer_net: the insurer's net result (what it keeps, or minus the loss
 * it bears, less anything forfeited and damages); paid_over: the surplus
 * above the cap returned to the purchaser or sent to the fiscal account;
 * withheld: the deposit or profit forfeited by the assessment; damages:
 * paid by the insurer.  An amount held pending the assessment is inside
 * insurer_net (held, not forfeited). */
struct kh_fund_balance {
	kh_fen funds, from_elsewhere;
	kh_fen claims, reserve_left, insurer_net, paid_over, withheld, damages;
};
/* Left side minus right side: 0 when the statement balances. */
kh_fen kh_fund_balance_gap(const struct kh_fund_balance *b);

/* A late refund charged by the day (000 第三十四条): `owed` is due back by
 * `due` (inclusive); each later day through `until` is charged `daily` of
 * what is still unpaid that day, from the day after the deadline to the
 * day the money comes back, both counted (a refund dated d after the
 * deadline is late on d; what it pays stops costing from d + 1).  Refunds
 * are sorted by date; those on or before `due` are in time and only lower
 * what is owed.  One segment per run of days with the same amount unpaid,
 * each charged once: outstanding × days × daily, rounded half away from
 * zero.  Returns the number of segments written (at most nrefunds + 1,
 * `out` must have room for that); *total their sum; *unpaid what is
 * still owed after `until` (negative: refunded more than owed). */
struct kh_refund {
	kh_day date;
	kh_fen amount;
};
struct kh_late_segment {
	kh_day first, last;       /* the days charged, inclusive */
	long days;
	kh_fen outstanding;       /* unpaid on each of those days */
	kh_fen charge;
};
size_t kh_late_refund(kh_fen owed, kh_day due, kh_day until,
                      const struct kh_refund *refunds, size_t nrefunds,
                      struct kh_rate daily, struct kh_late_segment *out,
                      kh_fen *total, kh_fen *unpaid);

#endif
