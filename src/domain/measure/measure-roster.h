/* measure-roster.h: what the staffing and turnover measures share — daily
 * headcounts over the roster records (records.h) by difference arrays, the
 * insured count in force per day (the one home of that rule), the days a
 * period judges and parameter parsing.  Pure functions: no store, no SQL. */
#ifndef KAOHE_MEASURE_ROSTER_H
#define KAOHE_MEASURE_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "measure.h"
#include "money.h"
#include "msg.h"
#include "records.h"

/* Which assignments count: NULL or "any" matches everything. */
struct kh_roster_filter {
	const char *post;
	const char *specialty;
	const char *unit;
};
int kh_roster_matches(const struct kh_assignment *a,
                      const struct kh_roster_filter *filter);

/* counts[i] = distinct people matching the filter on day first + i, for
 * every day of [first, last] (a person's overlapping assignments count
 * once).  counts has last - first + 1 entries. */
void kh_roster_daily(const struct kh_roster *roster,
                     const struct kh_roster_filter *filter, kh_day first,
                     kh_day last, long *counts);

/* 1 when the person has any assignment covering day d. */
int kh_roster_on_post(const struct kh_roster *roster, size_t person_first,
                      size_t person_end, kh_day d);

/* The insured count in force, the one rule every caller uses:
 * insured[i] = the count on day first + i for `unit` — the latest row of
 * that unit dated on or before the day; for "" (the whole contract) its
 * own rows when it has any, else the sum of the counties' counts in force
 * that day — or -1 when no record is in force yet.  `pop` is sorted by
 * unit, then date (records.h); insured has last - first + 1 entries. */
void kh_population_daily(const struct kh_population *pop, const char *unit,
                         kh_day first, kh_day last, long long *insured);

/* What that count rests on for one day, by the same rule: fn is called
 * once per unit the count takes (for a unit: that unit; for "": the whole
 * contract when it has own rows, else each unit that has rows, in unit
 * order) with the row in force that day, or NULL when that unit has no row
 * dated on or before it (then it adds nothing to the sum).  The count of
 * kh_population_daily is the sum of the rows passed, -1 when all are NULL.
 * `unit` is the unit's name ("" for the whole contract). */
typedef void kh_population_row_fn(const struct kh_population_row *row,
                                  const char *unit, void *arg);
void kh_population_in_force(const struct kh_population *pop, const char *unit,
                            kh_day day, kh_population_row_fn *fn, void *arg);

/* The days a period judges: the period's days, within the contract term,
 * up to the as-of day.  0, or -1 when there is none. */
int kh_judged_days(const struct kh_measure_ctx *ctx, kh_day *first,
                   kh_day *last);

/* A whole number parameter of the measure element; `fallback` when absent.
 * 0, or -1 (KH_ERR_DATA in ctx->err) after printing the contract line. */
int kh_param_long(const struct kh_measure_ctx *ctx, const char *name,
                  long long fallback, long long *out);
/* A rate parameter ("50%", "0.1"); required.  0, or -1 as above. */
int kh_param_rate(const struct kh_measure_ctx *ctx, const char *name,
                  struct kh_rate *out);

/* kh_tr for printf formats: the compiler checks both texts' arguments. */
__attribute__((format_arg(1), format_arg(2)))
static inline const char *kh_fmt_tr(const char *zh, const char *en)
{
	return kh_tr(zh, en);
}

#endif
