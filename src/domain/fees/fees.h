/* fees.h: the money side of a scorecard — service fees, deductions,
 * milestones, damages and the year-end fund settlement — built as <fees>
 * (docs/scorecard.md) by pure fee models over typed records (records.h)
 * and the indicators already judged.  A registry names each model, its
 * function, the record kinds it reads and its parameters.  Fee models never
 * read or change the store and never call the scoring run. */
#ifndef KAOHE_FEES_H
#define KAOHE_FEES_H

#include <stddef.h>
#include <stdio.h>
#include <libxml/tree.h>

#include "calendar.h"
#include "contract.h"
#include "dates.h"
#include "err.h"
#include "measure.h"
#include "params.h"
#include "records.h"

/* Who terminated (kh_money_opts.terminated): 0 nobody. */
enum { KH_TERMINATED_BY_INSURER = 1, KH_TERMINATED_BY_PURCHASER = 2 };

/* Facts the records cannot show, declared on the command line.  (A late
 * refund is not declared: it is counted from the termination-notice and
 * refund facts, records.h.) */
struct kh_money_opts {
	int loss_policy;          /* --loss policy */
	long breaches;            /* --breach N: breaches declared besides those found */
	int terminated;           /* --terminated[=insurer|purchaser]: termination
	                             without cause, and by whom (004); the fund
	                             models take either as the purchaser's
	                             termination (000 第三十三条) */
	const char *grade;        /* --grade NAME: the assessment's grade, or NULL */
};

/* What scoring the period found, as the fee models read it. */
struct kh_scored {
	size_t count;                   /* the contract's nindicators */
	const enum kh_status *status;   /* status[i] of contract->indicators[i] */
	long score_x100, max_x100;      /* over judged indicators: for the grade */
};

/* Everything a fee model reads. */
struct kh_fee_input {
	const struct kh_contract *contract;
	const struct kh_node *model;        /* the <money> child (kh_fees_build sets it) */
	const struct kh_calendar *calendar;
	const struct kh_records *records;   /* at least the kinds the model reads */
	struct kh_period period;
	kh_day as_of;                       /* facts judged on this day */
	const struct kh_money_opts *money;  /* declarations; never NULL */
	struct kh_scored scored;
	/* Where an indicator's measure is judged again on one quarter
	 * (harness.h): contract, calendar and records as above.  NULL: built
	 * from the fields above.  (Transitional: it also carries the store
	 * connection of measures not yet on records.) */
	const struct kh_measure_ctx *measures;
	struct kh_err *err;                 /* filled when a model returns -1 */
};

/* A fee model appends its lines to `fees` and sets its total, deductions
 * and due attributes.  0, or -1 with in->err filled after printing why
 * (an invalid money parameter names the contract file and line). */
typedef int kh_fee_fn(const struct kh_fee_input *in, xmlNodePtr fees);

struct kh_fee_model {
	const char *name;               /* the element under <money> */
	kh_fee_fn *run;
	unsigned reads;                 /* kh_record_kind bits the model reads */
	const struct kh_param *params;  /* what it reads of its element */
	size_t nparams;
};

/* The registry (fees.c): the model of that name, or NULL; all of them. */
const struct kh_fee_model *kh_fee_model_find(const char *name);
const struct kh_fee_model *kh_fee_models(size_t *count);

/* The contract's money model element (the first child of <money>), or
 * NULL when it has no money basis. */
const struct kh_node *kh_fees_model_node(const struct kh_contract *c);

/* Build <fees> for in->contract by its own model and append it to `parent` (the scorecard root: its
 * document and namespace).  *out is the new element, or NULL when the
 * contract has no money basis.  An unknown model gives an empty <fees>
 * (no number rather than a wrong one).  0, or -1 with in->err filled. */
int kh_fees_build(const struct kh_fee_input *in, xmlNodePtr parent,
                  xmlNodePtr *out);

/* The <fees> element as a readable table (current language), fees-print.c. */
void kh_fees_print(xmlNodePtr scorecard_root, xmlNodePtr fees, FILE *fp);
/* The <fees> element alone as an XML document in the scorecard namespace. */
int kh_fees_print_xml(xmlNodePtr fees, FILE *fp);

#endif
