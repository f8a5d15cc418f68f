/* fees-fund.h: what the files of the fund models share (fees-fund.c the
 * settlement, fees-fund-held.c the money held until the assessment,
 * fees-fund-refund.c the damages and the refund after a termination
 * notice).  Inside src/domain/fees only; pure like the models. */
#ifndef KAOHE_FEES_FUND_H
#define KAOHE_FEES_FUND_H

#include "fees-lib.h"

struct fund_facts {
	int year;
	kh_day first, last;       /* the year, cut at the as-of day */
	kh_fen funds, claims, operating;
	long funds_rows, claims_rows, operating_rows;
	const char *claims_source;  /* the records the claims come from, in words */
	int funds_missing;
};

/* A rate as a percentage, "3%" rather than "3.00%". */
void kh_fund_pct(struct kh_rate r, char *buf, size_t size);

/* --- the grade money rests on (fees-fund-held.c) ------------------------- */
enum kh_fund_grade_basis {
	FUND_GRADE_PENDING,       /* no grade to rest on: the money waits */
	FUND_GRADE_GIVEN,         /* --grade: the assessment's grade */
	FUND_GRADE_SCORED,        /* the scored grade under the contract's own bands */
};

struct kh_fund_grade {
	enum kh_fund_grade_basis basis;
	const char *name;         /* the grade (its Chinese name), or NULL */
	const char *why;          /* why pending, in words */
	const char *trial;        /* pending on template bands: the grade they give */
};

/* The grade the held money may rest on: the one given (--grade), else the
 * scored grade when the contract's grade bands are its own (no band is a
 * template default); otherwise none, and the money waits for the
 * assessment.  0, or -1 (KH_ERR_USAGE) when the grade given is not one of
 * the contract's. */
int kh_fund_grade(const struct kh_fee_input *in, struct kh_fund_grade *out);

/* Lines for money `held` until the assessment under `table` (<deposit> or
 * <profit-return>): PREFIX-returned and PREFIX-withheld by the grade's
 * return share, or PREFIX-held (never forfeited) while the grade or its
 * share is not known.  *forfeited what the grade forfeits.  0 or -1. */
int kh_fund_held_lines(const struct kh_fee_input *in, const struct kh_node *table,
                       const char *prefix, const char *what_zh, const char *what_en,
                       kh_fen held, const struct kh_fund_grade *g, xmlNodePtr fees,
                       kh_fen *forfeited);

/* --- damages (fees-fund-refund.c) ------------------------------------------ */

/* 5% of F on a declared termination (000 第三十三条) and the late refund
 * after a termination notice (第三十四条); *total their sum.  0 or -1. */
int kh_fund_damages(const struct kh_fee_input *in, const struct fund_facts *f,
                    xmlNodePtr fees, kh_fen *total);

#endif
