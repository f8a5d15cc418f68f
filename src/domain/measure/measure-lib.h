/* measure-lib.h: pieces shared by the measure families (src/measure-*.c):
 * reading a measure's parameters with errors that name the contract line,
 * calendar errors, the intervals of a period, text forms of values, and the
 * pure arithmetic that tests/unit-measures.c checks exactly.  Never writes
 * the store. */
#ifndef KAOHE_MEASURE_LIB_H
#define KAOHE_MEASURE_LIB_H

#include <stddef.h>

#include "calendar.h"
#include "contract.h"
#include "dates.h"
#include "measure.h"
#include "money.h"

/* --- parameters ------------------------------------------------------------
 * Each reads attribute `name` of `node` (the measure element or one of its
 * children).  When absent: `fallback` is used, or, when fallback is NULL,
 * the parameter is required and its absence is an error.  Errors are printed
 * as "kaohe: CONTRACT:LINE: ..." and the function returns -1; callers then
 * return kh_fail(ctx->err, KH_ERR_DATA). */
int kh_mparam_rate(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                   const char *name, const char *fallback, struct kh_rate *out);
int kh_mparam_long(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                   const char *name, const char *fallback, long min, long max,
                   long *out);
int kh_mparam_fen(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                  const char *name, const char *fallback, kh_fen *out);
/* A parameter whose value is wrong in some other way (value NULL: it is
 * missing): prints and -1.  kh_mnode_error names the file and indicator
 * itself, for code that has no measure context (fees). */
int kh_mparam_error(const struct kh_measure_ctx *ctx, const struct kh_node *node,
                    const char *name, const char *value);
int kh_mnode_error(const char *file, const char *indicator,
                   const struct kh_node *node, const char *name,
                   const char *value);

/* A calendar query returned -1: print which year is missing and return
 * -1 (the caller records KH_ERR_DATA in its err). */
int kh_mcal_error(const struct kh_calendar *cal);

/* --- periods ---------------------------------------------------------------- */

/* The periods of `kind` lying wholly inside `within`, in order; at most
 * `max` written to out.  Returns how many. */
size_t kh_period_split(const struct kh_period *within, enum kh_period_kind kind,
                       struct kh_period *out, size_t max);
/* "month", "quarter", "half", "year" → kind; 0 or -1. */
int kh_period_kind_parse(const char *text, enum kh_period_kind *out);
/* The last day of facts that count: the period's last day or the as-of day,
 * whichever is earlier. */
kh_day kh_mctx_until(const struct kh_measure_ctx *ctx);
/* The contract id, for SQL parameters. */
const char *kh_mctx_contract(const struct kh_measure_ctx *ctx);

/* --- text forms ------------------------------------------------------------- */

/* The rate as a 4-place fraction ("0.9500") and as a percentage ("95.00%"). */
void kh_mrate_value(struct kh_result *r, struct kh_rate rate);
/* Target "≥ 95.00%" (machine "0.9500"). */
void kh_mrate_target_min(struct kh_result *r, struct kh_rate min);
/* A count value "3" with text "3 件" (unit_zh / unit_en). */
void kh_mcount_value(struct kh_result *r, long count, const char *unit_zh,
                     const char *unit_en);
/* Target "≤ 0 件" (machine "0"). */
void kh_mcount_target_max(struct kh_result *r, long max, const char *unit_zh,
                          const char *unit_en);
/* Target "≥ 2 次" (machine "2"). */
void kh_mcount_target_min(struct kh_result *r, long min, const char *unit_zh,
                          const char *unit_en);
/* Set status na with a note. */
void kh_mresult_na(struct kh_result *r, const char *note);
/* Set an item attribute from a day, a long, a fen amount. */
void kh_item_set_day(xmlNodePtr item, const char *name, kh_day d);
void kh_item_set_long(xmlNodePtr item, const char *name, long v);
void kh_item_set_fen(xmlNodePtr item, const char *name, kh_fen v);
/* Record `more` evidence items that were counted but not emitted (a measure
 * that keeps only the worst N does this for the rest). */
/* Run a measure's two halves (measure.h) with a claim pass of its own. */
int kh_mrun_halves(const struct kh_measure_ctx *ctx, struct kh_result *r,
                   kh_measure_begin_fn *begin, kh_measure_end_fn *end);
void kh_result_count_hidden(struct kh_result *r, long more);

/* --- pure arithmetic (unit-tested) ------------------------------------------ */

/* Timeliness of one claim at the as-of day, given its deadline.  A payment
 * dated after as_of is not known at as_of and counts as no payment. */
enum kh_claim_state { KH_CLAIM_NOT_DUE = 0, KH_CLAIM_ON_TIME, KH_CLAIM_LATE };
enum kh_claim_state kh_claim_judge(kh_day deadline, int paid, kh_day paid_day,
                                   kh_day as_of);

/* The one claim-timeliness rule (001 第十六/十七条), shared by the
 * timeliness measure and the monthly report: the deadline is working day
 * `workdays` after the day of receipt (that day not counted, Civil Code
 * art. 201), and the claim is judged at as_of by kh_claim_judge.  `paid`
 * is KH_DAY_NONE while unpaid.  0, or -1 when the calendar lacks a year it
 * needs (kh_calendar_missing_year names it). */
int kh_claim_timeliness(const struct kh_calendar *cal, kh_day received,
                        int workdays, kh_day paid, kh_day as_of,
                        kh_day *deadline, enum kh_claim_state *state);
/* The largest `workdays` a timeliness measure takes. */
#define KH_CLAIM_WORKDAYS_MAX 3650
/* The working days the contract allows claims of `channel` ("direct",
 * "manual"): the `workdays` of its first timeliness indicator for that
 * channel.  1 with *workdays set; 0 when it has no such indicator; -1
 * when the value is not valid (printed, naming the contract line). */
int kh_contract_claim_workdays(const struct kh_contract *c, const char *channel,
                               long *workdays);

/* Benefit schemes (001 第十三/十四条).  Bands in ascending order of
 * `above`; band i pays rate_i on the part of the yearly cumulative eligible
 * amount in (max(above_i, deductible), above_{i+1}]; the last band has no
 * upper end; the yearly benefit is capped at `cap` when has_cap. */
#define KH_BENEFIT_MAX_BANDS 16
struct kh_benefit_band {
	kh_fen above;
	struct kh_rate rate;
};
struct kh_benefit_scheme {
	const char *category;     /* "standard", "preferential", or NULL: any */
	kh_fen deductible;
	int has_cap;
	kh_fen cap;
	size_t nbands;
	struct kh_benefit_band bands[KH_BENEFIT_MAX_BANDS];
	int64_t den;              /* common denominator of the band rates */
};
/* Build a scheme from its element; bands are sorted here.  0 or -1 with a
 * message printed (ctx may be NULL in tests: messages then name no line). */
int kh_benefit_scheme_parse(const struct kh_measure_ctx *ctx,
                            const struct kh_node *node,
                            struct kh_benefit_scheme *out);
/* The benefit of a claim of `amount` fen when the person's cumulative
 * eligible amount in the year before it is `before`: f(before + amount) −
 * f(before) computed exactly and rounded half-up to the fen once. */
kh_fen kh_benefit_of_claim(const struct kh_benefit_scheme *s, kh_fen before,
                           kh_fen amount);

/* The nominal due date of a report for `required` (before rollover): day
 * `due_day` of the month `months_after` months after the period's last
 * month, or that month's last day when it is shorter. */
kh_day kh_report_due_nominal(const struct kh_period *required, int due_day,
                             int months_after);
/* Does `only` ("H1", "H2", "Q1".."Q4", "M01".."M12" or "01".."12") admit
 * the required period?  1, 0, or -1 when `only` is not understood. */
int kh_period_only_admits(const char *only, const struct kh_period *required);

#endif
