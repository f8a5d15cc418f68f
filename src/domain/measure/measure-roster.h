/* measure-roster.h: what the staffing and turnover measures share — the
 * contract's roster and population records loaded once into arrays, daily
 * headcounts by difference arrays, the insured count in force per day, the
 * days a period judges and parameter parsing.  Read-only on the store. */
#ifndef KAOHE_MEASURE_ROSTER_H
#define KAOHE_MEASURE_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "measure.h"
#include "money.h"
#include "msg.h"
#include "records.h"

/* 0, or EX_DATAERR / EX_SOFTWARE after printing why. */
int kh_roster_load(sqlite3 *db, const char *contract, struct kh_roster *out);
void kh_roster_free(struct kh_roster *roster);

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

int kh_population_load(sqlite3 *db, const char *contract,
                       struct kh_population *out);
void kh_population_free(struct kh_population *pop);
/* insured[i] = the count in force on day first + i for `unit` ("" = the
 * whole contract: its own rows, else the sum of the counties' rows in
 * force), -1 when no record is in force yet. */
void kh_population_daily(const struct kh_population *pop, const char *unit,
                         kh_day first, kh_day last, long long *insured);

/* The days a period judges: the period's days, within the contract term,
 * up to the as-of day.  0, or -1 when there is none. */
int kh_judged_days(const struct kh_measure_ctx *ctx, kh_day *first,
                   kh_day *last);

/* A whole number parameter of the measure element; `fallback` when absent.
 * 0, or EX_DATAERR after printing the contract line. */
int kh_param_long(const struct kh_measure_ctx *ctx, const char *name,
                  long long fallback, long long *out);
/* A rate parameter ("50%", "0.1"); required.  0 or EX_DATAERR. */
int kh_param_rate(const struct kh_measure_ctx *ctx, const char *name,
                  struct kh_rate *out);

/* kh_tr for printf formats: the compiler checks both texts' arguments. */
__attribute__((format_arg(1), format_arg(2)))
static inline const char *kh_fmt_tr(const char *zh, const char *en)
{
	return kh_tr(zh, en);
}

#endif
