/* statement.c: the money statement of a period — the scoring run with the
 * declared facts (so the stored run carries the same <fees> as printed)
 * and its <fees> element.  Never builds fees itself: the fee models do,
 * inside the run. */
#include <string.h>

#include "score.h"
#include "statement.h"

static xmlNodePtr child_named(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

int kh_money_statement(struct kh_store *store, const char *contract_id,
                       const struct kh_period *p, kh_day as_of,
                       const struct kh_money_opts *opts, xmlDocPtr *doc,
                       xmlNodePtr *fees, struct kh_err *err)
{
	struct kh_score_request req = {
		.contract_id = contract_id, .contract_version = 0, .period = *p,
		.as_of = as_of, .money = opts };
	long run_id;
	*fees = NULL;
	if (kh_score_run(store, &req, doc, &run_id, err))
		return -1;
	*fees = child_named(xmlDocGetRootElement(*doc), "fees");
	return 0;
}
