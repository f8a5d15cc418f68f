/* payments.h: the payment ledger of a contract as of a day — the
 * statement of the year holding that day (a stored run, decisions read)
 * and the finance records, through the pure kh_ledger_build. */
#ifndef KAOHE_PAYMENTS_H
#define KAOHE_PAYMENTS_H

#include <libxml/tree.h>

#include "dates.h"
#include "err.h"

struct kh_store;

/* *out: the <ledger> document (freed by the caller).  as_of KH_DAY_NONE:
 * today ($KAOHE_NOW).  0, or -1 with err filled. */
int kh_ledger_run(struct kh_store *store, const char *contract, kh_day as_of,
                  xmlDocPtr *out, struct kh_err *err);

#endif
