/* decide.h: what the regulator and the insurer do after scoring — a
 * decision on a money line (confirm or waive), an appeal (复核) filed and
 * decided, each re-running the period's statement so the audit trail
 * records the score, grade and money before and after. */
#ifndef KAOHE_DECIDE_H
#define KAOHE_DECIDE_H

#include <stddef.h>
#include <stdio.h>

#include "decisions.h"
#include "err.h"
#include "money.h"

struct kh_store;

/* A run's figures, for printing before and after. */
struct kh_figures {
	long run;
	char score[32], grade[128];
	char due[48], due_confirmed[48];
	int has_fees;
};

/* Decide a line: `line_id` must be a deduction or damages line of the
 * statement of its period (the id's first part).  state confirmed or
 * waived (waived needs a reason).  *amount is the line's amount, *before
 * and *after the statement's figures around the decision.  0, or -1. */
int kh_decide(struct kh_store *store, const char *contract, const char *line_id,
              enum kh_line_state state, const char *reason, const char *who,
              kh_fen *amount, struct kh_figures *before, struct kh_figures *after,
              struct kh_err *err);

/* File an appeal; the refs name evidence items of the indicator (audit
 * sample ids for an audit indicator, claim ids for a timeliness one).
 * *id is its number. */
int kh_appeal_file(struct kh_store *store, const char *contract, const char *period,
                   const char *indicator, const char *const *refs, size_t nrefs,
                   const char *reason, const char *who, long *id, struct kh_err *err);

enum kh_appeal_outcome { KH_APPEAL_UPHOLD, KH_APPEAL_OVERTURN, KH_APPEAL_PARTIAL };

/* Decide an appeal: uphold (nothing changes), overturn (every ref it
 * names is re-judged), partial (the refs given are).  cost, when given,
 * is the re-review's cost charged to the insurer (002 第三条(三)).  The
 * period is re-scored; *before and *after are its figures. */
int kh_appeal_settle(struct kh_store *store, long id, enum kh_appeal_outcome outcome,
                     const char *const *refs, size_t nrefs, const char *reason,
                     const char *who, int has_cost, kh_fen cost,
                     struct kh_figures *before, struct kh_figures *after,
                     struct kh_err *err);

#endif
