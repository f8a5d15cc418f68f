/* harness.h: running one indicator's measure — the single place a measure
 * is called: by the scoring run (each indicator into its scorecard element)
 * and by the fee models (an indicator judged again on one quarter).  Never
 * stores and never prints a table. */
#ifndef KAOHE_HARNESS_H
#define KAOHE_HARNESS_H

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

#endif
