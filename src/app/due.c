/* due.c: `kaohe due` end to end (due.h): contract, calendar and the
 * record kinds of KH_DUTIES_READS from the store, the duties computed by
 * domain/duties.c, and their XML document.  Never writes the store. */
#include <stdio.h>
#include <string.h>

#include "due.h"
#include "calendar.h"
#include "calendar-load.h"
#include "contract-cache.h"
#include "msg.h"
#include "records.h"
#include "store.h"

int kh_due_load(struct kh_store *store, const char *contract_id, kh_day as_of,
                struct kh_due *out, struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	out->as_of = as_of;
	if (kh_contract_get(store, contract_id, 0, &out->contract, err))
		return -1;
	struct kh_calendar *cal = NULL;
	struct kh_records records = { 0 };
	int rc = -1;
	if (kh_calendar_load(store, &cal, err) == 0 &&
	    kh_store_load_records(store, out->contract->id, KH_DUTIES_READS, &records,
	                          err) == 0)
		rc = kh_duties_build(out->contract, &records, cal, as_of, 1,
		                     &out->duties, err);
	kh_records_free(&records);
	kh_calendar_free(cal);
	if (rc) {
		kh_contract_put(out->contract);
		out->contract = NULL;
	}
	return rc;
}

void kh_due_free(struct kh_due *due)
{
	kh_duties_free(&due->duties);
	kh_contract_put(due->contract);
	due->contract = NULL;
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST(value && *value ? value : "-"));
}

xmlDocPtr kh_due_xml(const struct kh_due *due)
{
	const struct kh_contract *c = due->contract;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "duties", NULL);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST KH_DUTIES_NS, NULL));
	xmlDocSetRootElement(doc, root);
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ], as_of[KH_DAY_BUFSZ],
	     generated[KH_TIME_BUFSZ];
	kh_time now = 0;
	if (kh_time_now(&now) != 0)
		now = 0;
	kh_time_format(now, generated);
	generated[10] = 'T';
	set(root, "contract", c->id);
	set(root, "title", c->title);
	set(root, "purchaser", c->purchaser);
	set(root, "insurer", c->insurer);
	set(root, "term-first", kh_day_format(c->term_first, first));
	set(root, "term-last", kh_day_format(c->term_last, last));
	set(root, "as-of", kh_day_format(due->as_of, as_of));
	set(root, "generated", generated);
	set(root, "lang", kh_lang == KH_LANG_EN ? "en" : "zh");
	set(root, "rollover-text", kh_rollover_describe(c->rollover));
	for (size_t i = 0; i < due->duties.count; i++)
		kh_duty_xml(root, &due->duties.rows[i]);
	return doc;
}
