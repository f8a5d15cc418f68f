/* log.c (SQLite): the audit trail (store-log.h).  Only INSERT and SELECT:
 * the schema's triggers refuse UPDATE and DELETE on audit_log. */
#include <stdlib.h>

#include "dates.h"
#include "msg.h"
#include "sql.h"
#include "store-log.h"

int kh_sqlite_log_append(struct kh_store *s, const struct kh_log_entry *e,
                         struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO audit_log (at, who, action, contract, period, subject,"
		" reason, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	char now[KH_TIME_BUFSZ];
	const char *at = e->at;
	if (!at) {
		kh_time t;
		if (kh_time_now(&t) != 0) {
			kh_error("KAOHE_NOW: %s", kh_tr("不是有效的日期时间", "not a valid datetime"));
			return kh_fail(err, KH_ERR_USAGE);
		}
		at = kh_time_format(t, now);
	}
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->who && *e->who ? e->who : "?", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->action, -1, SQLITE_STATIC);
	kh_sql_bind_text_or_null(st, 4, e->contract);
	kh_sql_bind_text_or_null(st, 5, e->period);
	kh_sql_bind_text_or_null(st, 6, e->subject);
	kh_sql_bind_text_or_null(st, 7, e->reason);
	kh_sql_bind_text_or_null(st, 8, e->before);
	kh_sql_bind_text_or_null(st, 9, e->after);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : kh_sql_fail(s, "audit_log", err);
	sqlite3_finalize(st);
	return rc;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : NULL;
}

int kh_sqlite_log_each(struct kh_store *s, const char *contract, kh_log_fn *fn,
                       void *arg, struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, at, who, action, contract, period, subject, reason, before,"
		" after FROM audit_log WHERE ?1 IS NULL OR contract = ?1 ORDER BY id";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	kh_sql_bind_text_or_null(st, 1, contract);
	int step, rc = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kh_log_entry e = {
			.id = (long)sqlite3_column_int64(st, 0), .at = col(st, 1),
			.who = col(st, 2), .action = col(st, 3), .contract = col(st, 4),
			.period = col(st, 5), .subject = col(st, 6), .reason = col(st, 7),
			.before = col(st, 8), .after = col(st, 9) };
		if ((rc = fn(&e, arg)) != 0)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "audit_log", err);
	sqlite3_finalize(st);
	return rc;
}
