/* ledger.h: the payment ledger of a contract — per quarter (service fee)
 * or milestone (fixed fee): fee due − confirmed deductions − confirmed
 * damages − paid to date (finance records of kind service-fee) = payable
 * now; for fund contracts the grade and what it returns of profit and
 * deposit (000 第三十一条, 001 第二十二条).  Built from a statement's
 * <fees> (decided lines carry their state) and the finance records.  Pure. */
#ifndef KAOHE_LEDGER_H
#define KAOHE_LEDGER_H

#include <stdio.h>
#include <libxml/tree.h>

#include "dates.h"
#include "records.h"

#define KH_LEDGER_NS "urn:kaohe:ledger:1"

/* A new document <ledger contract period as-of model grade> with its rows
 * and totals, from the scorecard root and its <fees>. */
xmlDocPtr kh_ledger_build(xmlNodePtr scorecard_root, xmlNodePtr fees,
                          const struct kh_finance *finance, kh_day as_of);

/* The ledger as a table (current language). */
void kh_ledger_print(xmlDocPtr ledger, FILE *fp);

#endif
