/* trail.h: writing the audit trail (store-log.h) from the commands that
 * change what a scorecard means — who did it, when, and a run's figures
 * as JSON for the before and after of an entry. */
#ifndef KAOHE_TRAIL_H
#define KAOHE_TRAIL_H

#include <libxml/tree.h>

#include "dates.h"
#include "err.h"
#include "store-log.h"

struct kh_store;

/* Who acts: `by` (--by), else $KAOHE_USER, else the login name, else "?". */
const char *kh_audit_who(const char *by);

/* Now ($KAOHE_NOW when set) as "YYYY-MM-DD HH:MM:SS" into buf
 * (KH_TIME_BUFSZ).  0, or -1 with err filled. */
int kh_audit_now(char *buf, struct kh_err *err);

/* A scoring run's figures as JSON: run, score, max, grade, and the money
 * (total, due, due-confirmed, proposed, confirmed, waived) when the
 * scorecard has <fees>.  The caller frees. */
char *kh_audit_snapshot(xmlDocPtr scorecard, long run_id);

/* "text" as a JSON string (quoted, escaped) appended to a growing buffer. */
struct kh_json {
	char *text;
	size_t len, cap;
};
void kh_json_raw(struct kh_json *j, const char *text);
void kh_json_str(struct kh_json *j, const char *text);
/* "name": "value", with a comma before it unless first. */
void kh_json_field(struct kh_json *j, const char *name, const char *value);

/* Append an import's entry: the file, kind and counts. */
int kh_audit_import(struct kh_store *store, const char *who, const char *contract,
                    const char *kind, const char *file, long long rows,
                    long long inserted, long long updated, long long unchanged,
                    struct kh_err *err);

#endif
