/* score.h: scoring a contract period — runs every indicator's measure over
 * the stored records, builds the scorecard XML (docs/scorecard.md) and
 * stores the run.  Never prints tables: commands do that. */
#ifndef KAOHE_SCORE_H
#define KAOHE_SCORE_H

#include <libxml/tree.h>

#include "dates.h"
#include "err.h"

struct kh_store;
struct kh_money_opts;

struct kh_score_request {
	const char *contract_id;
	int contract_version;     /* 0: the newest stored version */
	struct kh_period period;
	kh_day as_of;             /* the day facts are judged on */
	/* Facts declared for the money (fees.h: breaches, termination, a
	 * policy loss, late days): the <fees> built and stored with the run
	 * take them into account.  NULL: none declared. */
	const struct kh_money_opts *money;
};

/* Score and store the run.  On success *scorecard is a new document (the
 * caller frees it with xmlFreeDoc) and *run_id the stored run.  Returns 0,
 * or -1 with err filled after printing why. */
int kh_score_run(struct kh_store *store, const struct kh_score_request *request,
                 xmlDocPtr *scorecard, long *run_id, struct kh_err *err);

#endif
