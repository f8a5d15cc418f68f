/* rubric.h: a scorecard's points under the contract's rubric — each
 * indicator's award by its method, the panel's marks at each level (self,
 * city, province) beside the computed value, category subtotals, vetoes,
 * capped bonuses, and which level is final.  Pure: the caller runs the
 * measures and passes what they found; no store, no XML.  rubric.c. */
#ifndef KAOHE_RUBRIC_H
#define KAOHE_RUBRIC_H

#include <stddef.h>

#include "contract.h"
#include "marks.h"
#include "method.h"

/* The levels side by side, lowest first: the measures' own result, then
 * the marks' levels (KH_LEVEL_SELF + 1 ...). */
enum kh_rubric_level { KH_RL_COMPUTED = 0, KH_RL_SELF, KH_RL_CITY, KH_RL_PROVINCE };
#define KH_RUBRIC_LEVELS 4

struct kh_rubric_item {
	/* filled by the caller: what the measure found (a manual item: na) */
	enum kh_outcome outcome;
	long findings;
	const char *value;        /* the measure's machine value, or NULL */
	/* filled by kh_rubric_score */
	long computed_x100;       /* the method's award from the measure */
	struct kh_level_score marks[KH_LEVEL_COUNT];
	int has[KH_RUBRIC_LEVELS];      /* a value at that level: a mark there,
	                                   else a computed value that is not na */
	long value_x100[KH_RUBRIC_LEVELS];
	int failed[KH_RUBRIC_LEVELS];   /* not met at that level (veto) */
	enum kh_rubric_level source;    /* where the final award comes from */
	int pending;              /* manual, no mark at the final level: 待评 */
	int na;                   /* no value at the final level, not pending */
	long awarded_x100;        /* at the final level */
	enum kh_outcome final_outcome;  /* pass/fail at the final level (a mark:
	                                   pass at full points; bonus: above 0) */
};

struct kh_rubric_total {
	int present;              /* computed: always; a mark level: any mark */
	long score_x100;          /* categories (or indicators) + bonuses; 0 when vetoed */
	long max_x100;            /* points of the items with a value or pending */
	int vetoed;               /* a scorecard veto failed at this level */
	long *category_x100;      /* per contract category: awarded (0 when vetoed) */
	int *category_vetoed;
};

struct kh_rubric {
	size_t n;
	struct kh_rubric_item *items;    /* one per contract indicator, in order */
	struct kh_rubric_total level[KH_RUBRIC_LEVELS];
	enum kh_rubric_level final;      /* the final level */
	long pending;                    /* items pending at the final level */
};

/* Allocate r->items (zeroed, outcome na) for c's indicators. */
void kh_rubric_init(struct kh_rubric *r, const struct kh_contract *c);

/* Score with marks of `period` (marks may be NULL).  The final level is
 * c->final_level when that level has marks, else the highest present
 * (province > city > self > computed).  0, or -1 when a linear number
 * does not parse (the contract check prevents it). */
int kh_rubric_score(struct kh_rubric *r, const struct kh_contract *c,
                    const struct kh_marks *marks, const char *period);

void kh_rubric_free(struct kh_rubric *r);

/* "computed", "self", "city", "province". */
const char *kh_rubric_level_code(enum kh_rubric_level level);

#endif
