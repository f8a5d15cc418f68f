/* fees-lib.h: what the fee models share inside src/domain/fees — writing
 * <line> elements, reading money parameters, and the record sums the
 * models start from (insured in force, finance rows, settlements paid,
 * the first activity).  Pure: typed records in, numbers out; never the
 * store. */
#ifndef KAOHE_FEES_LIB_H
#define KAOHE_FEES_LIB_H

#include "decisions.h"
#include "fees.h"
#include "money.h"

/* Add <line kind clause amount text> to fees; the new line. */
xmlNodePtr kh_fees_line(xmlNodePtr fees, const char *kind, const char *clause,
                        kh_fen amount, const char *text);
void kh_fees_set_fen(xmlNodePtr node, const char *name, kh_fen amount);
void kh_fees_set(xmlNodePtr node, const char *name, const char *value);
/* Set total, deductions and due (= total − deductions). */
void kh_fees_totals(xmlNodePtr fees, kh_fen total, kh_fen deductions);

/* Give a deduction or damages line its stable id (PERIOD:CLAUSE:KEY,
 * decisions.h) and its state from the decisions the records carry
 * (proposed when undecided); returns the state. */
enum kh_line_state kh_fees_decide(const struct kh_fee_input *in, xmlNodePtr line,
                                  const char *period, const char *clause,
                                  const char *key);
/* Set proposed, confirmed and waived (the sums of the lines in each state)
 * and due-confirmed (= total − confirmed: only confirmed lines reduce what
 * is payable) on <fees>. */
void kh_fees_decided(xmlNodePtr fees, kh_fen total, kh_fen proposed,
                     kh_fen confirmed, kh_fen waived);

/* A money or rate attribute of a <money> element; errors name the contract
 * file and line.  0, or -1 with err filled (KH_ERR_DATA). */
int kh_money_fen(const struct kh_fee_input *in, const struct kh_node *n,
                 const char *name, kh_fen *out);
int kh_money_rate(const struct kh_fee_input *in, const struct kh_node *n,
                  const char *name, struct kh_rate *out);
/* The same error for an attribute read otherwise; returns -1. */
int kh_money_bad_attr(const struct kh_fee_input *in, const struct kh_node *n,
                      const char *name, const char *value);

/* The insured count in force on a day, by the roster family's one rule
 * (kh_population_daily, the whole contract), and the rows it rests on. */
struct kh_insured {
	long long count;          /* -1: no record in force */
	kh_day date;              /* the newest row it rests on */
	long rows;                /* rows counted */
	int whole;                /* 1: a whole-contract row; 0: county rows summed */
};
void kh_fees_insured(const struct kh_population *pop, kh_day day,
                     struct kh_insured *out);

/* Sum and count of the finance rows of `kind` dated in [from, to]. */
void kh_fees_finance(const struct kh_finance *finance, const char *kind,
                     kh_day from, kh_day to, kh_fen *sum, long *count);

/* paid_amount summed over the claims paid in [from, to] (streamed).
 * 0, or -1 with err filled. */
int kh_fees_settlements_paid(const struct kh_fee_input *in, kh_day from,
                             kh_day to, kh_fen *sum, long *count);

/* A count as text with thousands separators ("1,000,000"). */
void kh_fees_count_text(long long count, char *buf, size_t size);

/* The grade name (the contract's Chinese name) the scored indicators earn;
 * NULL when nothing was judged or below every grade. */
const char *kh_fees_grade(const struct kh_fee_input *in);

/* The models, one family per file. */
kh_fee_fn kh_fee_service;         /* fees-service.c: service-fee-per-capita */
kh_fee_fn kh_fee_fixed;           /* fees-fixed.c: fixed-fee */
kh_fee_fn kh_fee_fund;            /* fees-fund.c: fund-per-capita, fund-reserve */

#endif
