/* log.c (PostgreSQL): the audit trail (store-log.h).  Only INSERT and
 * SELECT: the schema's trigger refuses UPDATE, DELETE and TRUNCATE. */
#include <stdlib.h>

#include "dates.h"
#include "msg.h"
#include "pg.h"
#include "store-log.h"

int kh_pg_log_append(struct kh_store *s, const struct kh_log_entry *e,
                     struct kh_err *err)
{
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
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, at);
	kh_pg_param_text(&p, e->who && *e->who ? e->who : "?");
	kh_pg_param_text(&p, e->action);
	kh_pg_param_text_or_null(&p, e->contract);
	kh_pg_param_text_or_null(&p, e->period);
	kh_pg_param_text_or_null(&p, e->subject);
	kh_pg_param_text_or_null(&p, e->reason);
	kh_pg_param_text_or_null(&p, e->before);
	kh_pg_param_text_or_null(&p, e->after);
	return kh_pg_run(s, "INSERT INTO audit_log (at, who, action, contract, period,"
	                 " subject, reason, before, after)"
	                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", &p,
	                 "audit_log", err);
}

static const char *col(const PGresult *res, int row, int i)
{
	return PQgetisnull(res, row, i) ? NULL : PQgetvalue(res, row, i);
}

int kh_pg_log_each(struct kh_store *s, const char *contract, kh_log_fn *fn,
                   void *arg, struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, at, who, action, contract, period, subject, reason, before,"
		" after FROM audit_log WHERE $1::text IS NULL OR contract = $1 ORDER BY id";
	struct kh_pg_params p = { 0 };
	kh_pg_param_text_or_null(&p, contract);
	PGresult *res = kh_pg_query(s, sql, &p, "audit_log", err);
	if (!res)
		return -1;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
		struct kh_log_entry e = {
			.id = (long)kh_pg_int(res, i, 0), .at = col(res, i, 1),
			.who = col(res, i, 2), .action = col(res, i, 3),
			.contract = col(res, i, 4), .period = col(res, i, 5),
			.subject = col(res, i, 6), .reason = col(res, i, 7),
			.before = col(res, i, 8), .after = col(res, i, 9) };
		rc = fn(&e, arg);
	}
	PQclear(res);
	return rc;
}
