/* settle.h: the money rules of SPEC section 5 — quarterly fee parts, the
 * profit cap with special staff cost, losses, reserve and deposit — as pure
 * integer-fen arithmetic (tests/unit-fees.c), plus the statement behind
 * `kaohe fees` and `kaohe settle`.  No floating point ever touches an
 * amount; rounding is half-up to the fen once per line. */
#ifndef KAOHE_SETTLE_H
#define KAOHE_SETTLE_H

#include <stddef.h>
#include <stdio.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "contract.h"
#include "dates.h"
#include "money.h"

/* --- pure arithmetic ------------------------------------------------------ */

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

/* --- the statement ---------------------------------------------------------- */

/* Facts the records cannot show, declared on the command line. */
struct kh_money_opts {
	int loss_policy;          /* --loss policy */
	long breaches;            /* --breach N: breaches declared besides those found */
	int terminated;           /* --terminated: termination (without cause) */
	long late_days;           /* --late-days N: refund after termination N days late */
};

/* Build <fees> for the contract and period into a new element of
 * root's document (not attached); *out NULL when the contract has no money
 * basis.  kh_fees_append is this with no declarations.  0 or a sysexits
 * code after printing why. */
int kh_fees_build(sqlite3 *db, const struct kh_contract *c,
                  const struct kh_period *p, kh_day as_of, xmlNodePtr root,
                  const struct kh_money_opts *opts, xmlNodePtr *out);

/* Score the period (kh_score_run, which stores the run) and return its
 * scorecard with <fees> rebuilt under `opts` when any is declared.
 * *fees points into *doc (NULL when the contract has no money basis).
 * 0 or a sysexits code. */
struct kh_store;
int kh_money_statement(struct kh_store *store, const char *contract_id,
                       const struct kh_period *p, kh_day as_of,
                       const struct kh_money_opts *opts, xmlDocPtr *doc,
                       xmlNodePtr *fees);

/* The <fees> element as a readable table (current language). */
void kh_fees_print(xmlNodePtr scorecard_root, xmlNodePtr fees, FILE *fp);
/* The <fees> element alone as an XML document in the scorecard namespace. */
int kh_fees_print_xml(xmlNodePtr fees, FILE *fp);

/* --- inside the money code (fees.c, fees-fund.c) -------------------------- */

/* Add <line kind clause amount text [period] [rate] [basis]> to fees. */
xmlNodePtr kh_fees_line(xmlNodePtr fees, const char *kind, const char *clause,
                        kh_fen amount, const char *text);
void kh_fees_set_fen(xmlNodePtr node, const char *name, kh_fen amount);
void kh_fees_set(xmlNodePtr node, const char *name, const char *value);
/* A money or rate attribute of a <money> element; errors name the contract
 * file and line.  0 or -1. */
int kh_money_fen(const struct kh_contract *c, const struct kh_node *n,
                 const char *name, kh_fen *out);
int kh_money_rate(const struct kh_contract *c, const struct kh_node *n,
                  const char *name, struct kh_rate *out);
/* Insured in force on `cutoff`: the latest population date ≤ cutoff; its
 * whole-contract row, else the sum of its county rows.  *date 0 and
 * *insured 0 when none.  0 or EX_IOERR. */
int kh_money_insured(sqlite3 *db, const char *contract, kh_day cutoff,
                     long *insured, kh_day *date, long *rows);
/* Sum and count of finance rows of `kind` dated in [from, to]. */
int kh_money_finance(sqlite3 *db, const char *contract, const char *kind,
                     kh_day from, kh_day to, kh_fen *sum, long *count);
/* The grade the scored indicators under root earn (same rule as the
 * scorecard summary), as the contract's Chinese grade name; NULL when
 * nothing was judged. */
const char *kh_money_grade(const struct kh_contract *c, xmlNodePtr root);
/* The fund models (fees-fund.c). */
int kh_fees_fund(sqlite3 *db, const struct kh_contract *c,
                 const struct kh_node *model, const struct kh_period *p,
                 kh_day as_of, xmlNodePtr root, const struct kh_money_opts *opts,
                 xmlNodePtr fees);

#endif
