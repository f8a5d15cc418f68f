/* decisions.h: what happens to a scorecard after scoring, as typed records
 * the pure code reads — the regulator's decision on each money line
 * (proposed until confirmed or waived), the evidence items an appeal (复核)
 * overturned (an audit sample failed → passed, a late claim → excused),
 * and the re-review costs charged to the insurer (002 第三条(三)).  The
 * store loads them (store-decisions.h); measures and fee models only read
 * them, through kh_records.adjust.  Nothing here touches the store. */
#ifndef KAOHE_DECISIONS_H
#define KAOHE_DECISIONS_H

#include <stddef.h>

#include "money.h"
#include "records.h"

/* A money line's state: every deduction and damages line starts proposed;
 * only a confirmed line reduces what is payable. */
enum kh_line_state { KH_LINE_PROPOSED = 0, KH_LINE_CONFIRMED, KH_LINE_WAIVED };

/* "proposed" | "confirmed" | "waived"; parse: 0 or -1. */
const char *kh_line_state_code(enum kh_line_state state);
int kh_line_state_parse(const char *text, enum kh_line_state *out);

/* The newest decision on a line. */
struct kh_decision {
	char *line_id;            /* "2024Q2:第三条(三):audit.pass-rate" */
	enum kh_line_state state; /* confirmed | waived */
	int has_amount;
	kh_fen amount;            /* the line's amount when decided */
	char *reason, *who, *at;
};

/* An evidence item an appeal overturned. */
enum kh_override_kind { KH_OVERRIDE_AUDIT_SAMPLE = 0, KH_OVERRIDE_CLAIM };
struct kh_override {
	enum kh_override_kind kind;
	char *ref;                /* the sample_id or claim_id */
	long appeal;              /* the appeal's number */
};

/* A re-review's cost charged to the insurer (an appeal decided with a cost). */
struct kh_charge {
	char *period;             /* the appeal's period, "2024Q2" */
	char *indicator;
	long appeal;
	kh_fen amount;
};

struct kh_adjustments {
	struct kh_decision *decisions;   /* sorted by line_id */
	size_t ndecisions;
	struct kh_override *overrides;   /* sorted by kind, then ref */
	size_t noverrides;
	struct kh_charge *charges;       /* by appeal number */
	size_t ncharges;
	/* the settlement stream the overrides wrap (kh_adjustments_apply) */
	struct kh_settlement_source inner;
};

/* The stable id of a money line: "PERIOD:CLAUSE:KEY" (KEY the indicator,
 * or the cause when the line has none). */
void kh_line_id(char *buf, size_t size, const char *period, const char *clause,
                const char *key);

/* The state of a line (proposed when undecided; adj may be NULL) and its
 * decision, or NULL. */
enum kh_line_state kh_line_state_of(const struct kh_adjustments *adj,
                                    const char *line_id);
const struct kh_decision *kh_decision_find(const struct kh_adjustments *adj,
                                           const char *line_id);

/* The appeal that overturned an evidence item, or NULL. */
const struct kh_override *kh_override_find(const struct kh_adjustments *adj,
                                           enum kh_override_kind kind,
                                           const char *ref);
const char *kh_override_kind_code(enum kh_override_kind kind);

/* Sort the arrays (after loading) so the lookups above work. */
void kh_adjustments_sort(struct kh_adjustments *adj);

/* Make the records read the re-judged evidence: each overturned audit
 * sample passes (its finding says which appeal), each overturned claim
 * is excused (the settlement stream is wrapped); records->adjust = adj.
 * adj must outlive the records' use. */
void kh_adjustments_apply(struct kh_adjustments *adj, struct kh_records *records);

void kh_adjustments_free(struct kh_adjustments *adj);

#endif
