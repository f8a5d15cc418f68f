/* monthly.h: the insurer's monthly report (月报表, 001 第二十五条) built from
 * the imported records as an XML document in urn:kaohe:monthly:1.  Reads
 * the store only; a section without records in the month says "no-data"
 * instead of printing zeros as facts. */
#ifndef KAOHE_MONTHLY_H
#define KAOHE_MONTHLY_H

#include <libxml/tree.h>
#include <sqlite3.h>

#include "dates.h"

#define KH_MONTHLY_NS "urn:kaohe:monthly:1"

struct kh_monthly_request {
	const char *contract;
	struct kh_period month;   /* a KH_PERIOD_MONTH */
	kh_day as_of;             /* unpaid claims and deadlines judged on it */
	const char *generated;    /* "YYYY-MM-DD HH:MM:SS" for @generated */
};

/* 1 when the contract is registered or has any record, 0 when neither,
 * -1 on a store error (printed). */
int kh_monthly_contract_known(sqlite3 *db, const char *contract);

/* Build the report.  Returns the document, or NULL after printing why (a
 * store error). */
xmlDocPtr kh_monthly_build(sqlite3 *db, const struct kh_monthly_request *req);

#endif
