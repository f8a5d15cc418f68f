/* statement.h: the money statement behind `kaohe fees` and `kaohe settle` —
 * one scoring run with the declared facts, stored, whose <fees> is exactly
 * what the commands print.  Never prints the statement itself. */
#ifndef KAOHE_STATEMENT_H
#define KAOHE_STATEMENT_H

#include <libxml/tree.h>

#include "dates.h"
#include "err.h"
#include "fees.h"

struct kh_store;

/* Score the period with the declarations in `opts` (kh_score_run, which
 * stores the run with its <fees>) and return the scorecard: *doc (freed by
 * the caller with xmlFreeDoc) and *fees, the <fees> element inside it, or
 * NULL when the contract has no money basis.  0, or -1 with err filled
 * after printing why. */
int kh_money_statement(struct kh_store *store, const char *contract_id,
                       const struct kh_period *p, kh_day as_of,
                       const struct kh_money_opts *opts, xmlDocPtr *doc,
                       xmlNodePtr *fees, struct kh_err *err);

#endif
