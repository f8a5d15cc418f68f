/* monthly.h: the insurer's monthly report (月报表, 001 第二十五条) as an XML
 * document in urn:kaohe:monthly:1 — a pure builder over typed records
 * (kh_monthly_build) and the app function that loads them from the store
 * (kh_monthly_report).  Reads only; a section without records in the month
 * says "no-data" instead of printing zeros as facts. */
#ifndef KAOHE_MONTHLY_H
#define KAOHE_MONTHLY_H

#include <libxml/tree.h>

#include "calendar.h"
#include "dates.h"
#include "err.h"
#include "records.h"

struct kh_store;

#define KH_MONTHLY_NS "urn:kaohe:monthly:1"

struct kh_monthly_request {
	const char *contract;
	struct kh_period month;   /* a KH_PERIOD_MONTH */
	kh_day as_of;             /* unpaid claims and deadlines judged on it */
	const char *generated;    /* "YYYY-MM-DD HH:MM:SS" for @generated */
};

/* The settlement channels, in the report's order. */
enum kh_monthly_channel { KH_MONTHLY_DIRECT = 0, KH_MONTHLY_MANUAL, KH_MONTHLY_CHANNELS };

/* Everything the report is built from. */
struct kh_monthly_input {
	const struct kh_monthly_request *req;
	/* finance, activities, audits, roster, complaints; settlements as a
	 * stream (received or paid in the month) */
	const struct kh_records *records;
	const struct kh_calendar *calendar;  /* NULL: timeliness unavailable */
	/* The working days each channel's claims may take, from the contract's
	 * timeliness indicators (kh_contract_claim_workdays); 0 when it sets
	 * none, and timeliness is then not judged. */
	long workdays[KH_MONTHLY_CHANNELS];
};

/* Build the report from typed records: no store, no SQL.  0 with *out
 * set, or -1 with err filled (the settlement stream failed). */
int kh_monthly_build(const struct kh_monthly_input *in, xmlDocPtr *out,
                     struct kh_err *err);

/* Load what the report of req->contract needs from the store — its
 * records, the work calendar, the contract's timeliness indicators — and
 * build it.  The contract is the registered one, or, for records imported
 * before it was registered, the shipped template of that id
 * (data/contracts/ID.xml) when there is one.  A calendar that does not
 * load leaves timeliness out (said in the report).  0 with *out set, or
 * -1 with err filled: KH_ERR_DATA (printed) when the contract is neither
 * registered nor named by any record. */
int kh_monthly_report(struct kh_store *store, const struct kh_monthly_request *req,
                      xmlDocPtr *out, struct kh_err *err);

#endif
