/* harness.h: running one indicator's measure — the single place a measure
 * is called: by the scoring run (each indicator into its scorecard element)
 * and by the fee models (an indicator judged again on one quarter).  Never
 * stores and never prints a table. */
#ifndef KAOHE_HARNESS_H
#define KAOHE_HARNESS_H

#include "claim-pass.h"
#include "measure.h"

/* Run ctx->indicator's measure into r.  The caller sets r->indicator (the
 * <indicator> element written into), r->charts and r->evidence_limit; the
 * status starts na.  An unknown measure stays na with a note.  Ends with
 * kh_result_finish.  0, or -1 with ctx->err filled after printing why. */
int kh_measure_judge(const struct kh_measure_ctx *ctx, struct kh_result *r);

/* The status alone of `ind` judged over `period` on `as_of`, with base's
 * contract, calendar and records: the measure runs into a scratch document
 * that keeps no evidence.  0, or -1 with base->err filled. */
int kh_measure_status(const struct kh_measure_ctx *base,
                      const struct kh_indicator *ind,
                      const struct kh_period *period, kh_day as_of,
                      enum kh_status *status);

/* One indicator of a scoring run, judged through kh_measure_pass and
 * kh_measure_judge_one.  The caller fills ctx (ctx.indicator set) and r
 * (as for kh_measure_judge) and zeroes the rest; neither may move until
 * the indicator is judged or abandoned. */
struct kh_judging {
	struct kh_measure_ctx ctx;
	struct kh_result r;
	struct kh_claim_reader reader;
	int begun;                /* its first half ran (measure.h) */
};

/* Begin every indicator of js whose measure reads claims and serve them
 * all from one pass over the claims (claim-pass.h).  0, or -1 with err
 * filled (nothing is left begun then). */
int kh_measure_pass(struct kh_judging *js, size_t n, struct kh_err *err);

/* Judge one indicator: the second half of a begun one, else its whole
 * measure; then kh_result_finish.  0, or -1 with j->ctx.err filled. */
int kh_measure_judge_one(struct kh_judging *j);

/* After a failure: free what the begun indicators of js still hold. */
void kh_measure_abandon(struct kh_judging *js, size_t n);

#endif
