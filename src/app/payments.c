/* payments.c: the payment ledger (payments.h). */
#include <string.h>

#include "contract.h"
#include "contract-cache.h"
#include "ledger.h"
#include "payments.h"
#include "msg.h"
#include "statement.h"
#include "store.h"


int kh_ledger_run(struct kh_store *store, const char *contract, kh_day as_of,
                  xmlDocPtr *out, struct kh_err *err)
{
	*out = NULL;
	if (as_of == KH_DAY_NONE) {
		kh_time now;
		if (kh_time_now(&now) != 0) {
			kh_error("KAOHE_NOW: %s", kh_tr("不是有效的日期时间", "not a valid datetime"));
			return kh_fail(err, KH_ERR_USAGE);
		}
		as_of = kh_time_day(now);
	}
	const struct kh_contract *c = NULL;
	if (kh_contract_get(store, contract, 0, &c, err))
		return -1;
	/* the year of the as-of day, within the term */
	kh_day in_term = as_of;
	if (in_term > c->term_last)
		in_term = c->term_last;
	if (in_term < c->term_first)
		in_term = c->term_first;
	kh_contract_put(c);
	struct kh_period p;
	kh_period_containing(KH_PERIOD_YEAR, in_term, &p);
	static const struct kh_money_opts none = { 0, 0, 0, 0 };
	xmlDocPtr doc;
	xmlNodePtr fees;
	if (kh_money_statement(store, contract, &p, as_of, &none, &doc, &fees, err))
		return -1;
	if (!fees) {
		kh_error("%s: %s", contract, kh_tr("合同没有资金条款 (<money>)",
		                                   "the contract has no money terms (<money>)"));
		xmlFreeDoc(doc);
		return kh_fail(err, KH_ERR_DATA);
	}
	struct kh_records r = { 0 };
	if (kh_store_load_records(store, contract, KH_REC_FINANCE, &r, err)) {
		xmlFreeDoc(doc);
		return -1;
	}
	*out = kh_ledger_build(xmlDocGetRootElement(doc), fees, &r.finance, as_of);
	kh_records_free(&r);
	xmlFreeDoc(doc);
	return 0;
}
