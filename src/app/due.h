/* due.h: the duties calendar behind `kaohe due` — loads the contract, the
 * work calendar and the records the duties read, and lists every dated
 * duty of both parties at an as-of day (domain/duties.h), as data or as
 * an XML document (urn:kaohe:duties:1).  Never prints the list itself. */
#ifndef KAOHE_DUE_H
#define KAOHE_DUE_H

#include <libxml/tree.h>

#include "contract.h"
#include "dates.h"
#include "duties.h"
#include "err.h"

struct kh_store;

#define KH_DUTIES_NS "urn:kaohe:duties:1"

struct kh_due {
	const struct kh_contract *contract;   /* kh_contract_get's: shared, read-only */
	struct kh_duties duties;
	kh_day as_of;
};

/* The duties of a stored contract (its newest version) at as_of.  0, or
 * -1 with err filled after printing why (KH_ERR_NOINPUT unknown contract,
 * KH_ERR_DATA a calendar year missing). */
int kh_due_load(struct kh_store *store, const char *contract_id, kh_day as_of,
                struct kh_due *out, struct kh_err *err);
void kh_due_free(struct kh_due *due);

/* The list as a document:
 *   <duties xmlns="urn:kaohe:duties:1" contract=".." title=".." purchaser=".."
 *           insurer=".." term-first=".." term-last=".." as-of=".."
 *           generated=".." lang="zh|en" rollover-text="..">
 *     <duty kind= clause= party= ref=? from= due=? done=? status= default=? text=/>
 *   </duties>
 * generated is $KAOHE_NOW or now.  The caller frees it. */
xmlDocPtr kh_due_xml(const struct kh_due *due);

#endif
