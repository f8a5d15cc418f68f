/* store-decisions.h: the regulator's decisions on money lines and the
 * insurer's appeals (复核), as kept by the store.  Decisions are a history
 * (never updated; the newest per line is the line's state); an appeal is
 * filed once and decided once.  kh_store_load_adjustments gives scoring
 * what it reads of them (decisions.h). */
#ifndef KAOHE_STORE_DECISIONS_H
#define KAOHE_STORE_DECISIONS_H

#include <stddef.h>

#include "decisions.h"
#include "err.h"
#include "money.h"

struct kh_store;

/* Record a decision on a line (state confirmed or waived). */
int kh_store_decide(struct kh_store *store, const char *contract,
                    const char *line_id, enum kh_line_state state,
                    int has_amount, kh_fen amount, const char *reason,
                    const char *who, const char *at, struct kh_err *err);

/* The decisions, overrides and charges of a contract, sorted
 * (kh_adjustments_sort); freed with kh_adjustments_free. */
int kh_store_load_adjustments(struct kh_store *store, const char *contract,
                              struct kh_adjustments **out, struct kh_err *err);

/* An appeal as stored. */
struct kh_appeal_ref {
	char *ref;
	char *kind;               /* audit-sample | claim */
	char *outcome;            /* open | upheld | overturned */
};
struct kh_appeal {
	long id;
	char *contract, *period, *indicator, *reason, *filed_by, *filed_at;
	char *state;              /* open | upheld | overturned | partial */
	char *decision_reason, *decided_by, *decided_at;   /* "" while open */
	int has_cost;
	kh_fen cost;
	struct kh_appeal_ref *refs;
	size_t nrefs;
};

/* File an appeal; *id is its number. */
int kh_store_appeal_add(struct kh_store *store, const struct kh_appeal *appeal,
                        long *id, struct kh_err *err);
/* One appeal (KH_ERR_NOINPUT when there is none of that number). */
int kh_store_appeal_get(struct kh_store *store, long id, struct kh_appeal **out,
                        struct kh_err *err);
/* Every appeal of a contract (NULL: all), by number. */
int kh_store_appeal_list(struct kh_store *store, const char *contract,
                         struct kh_appeal ***out, size_t *count,
                         struct kh_err *err);
/* Decide it: the appeal's state, reason, who, when, cost, and each ref's
 * outcome (overturned for those in `overturned`, upheld for the rest).
 * Fails (KH_ERR_DATA) when it is already decided. */
int kh_store_appeal_decide(struct kh_store *store, long id, const char *state,
                           const char *const *overturned, size_t noverturned,
                           const char *reason, const char *who, const char *at,
                           int has_cost, kh_fen cost, struct kh_err *err);
void kh_appeal_free(struct kh_appeal *appeal);
void kh_appeals_free(struct kh_appeal **appeals, size_t count);

#endif
