/* audit.h: the quarterly audit pass rate (002 第三条(三)) and the fee band
 * each quarter falls in — one decision shared by the audit-pass-rate
 * measure and the service-fee deductions, so both always agree.  Pure:
 * computes on loaded audit records (records.h), never touches the store. */
#ifndef KAOHE_AUDIT_H
#define KAOHE_AUDIT_H

#include "contract.h"
#include "err.h"
#include "money.h"
#include "records.h"

struct kh_audit_quarter {
	int judged;               /* 1 when the quarter has samples */
	long samples, passes;
	struct kh_rate rate;      /* passes / samples (0/1 when not judged) */
	struct kh_rate deduct;    /* the band's share of the quarter's fee; 0/1 when none */
	const char *action;       /* the band's action ("re-review"), NULL when none;
	                             points into `measure`, lives as long as it */
};

/* The band for a pass rate: among the <band> children of the
 * audit-pass-rate element whose `below` the rate is strictly under
 * ("低于90%(不含90%)"), the one with the lowest `below`; it replaces the
 * others (89.99% → 2%, 80.00% → 2%, 79.99% → 5%, never 2% + 5%).  Sets
 * *deduct (0/1 when no band applies) and *action (NULL when none).
 * Returns 0, or -1 after printing an error naming `file` and the band's
 * line when a band's numbers are not rates. */
int kh_audit_band(const char *file, const struct kh_node *measure,
                  struct kh_rate rate, struct kh_rate *deduct,
                  const char **action);

/* The four quarters of `year` for the contract's audit-pass-rate measure
 * element: samples and passes over its `streams` (every stream when the
 * attribute is absent; a sample's `period` names its quarter), the rate
 * and the band decision.  out[0] is Q1.  `file` names the contract in
 * messages.  Returns 0, or -1 with err KH_ERR_DATA after printing why a
 * band is wrong. */
int kh_audit_quarters_of(const struct kh_audits *audits, const char *file,
                         const struct kh_node *measure, int year,
                         struct kh_audit_quarter out[4], struct kh_err *err);

#endif
