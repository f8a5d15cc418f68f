/* load-events.c (SQLite): complaints, audit samples, report submissions,
 * activities and solvency ratings of a contract as typed records
 * (records.h).  STUB: filled in by the store work (activities: a STAND-IN
 * from h-fees so the fee models can be tested). */
#include "msg.h"
#include "sql.h"

int kh_sqlite_load_complaints(struct kh_store *s, const char *contract,
                              struct kh_complaints *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_audits(struct kh_store *s, const char *contract,
                          struct kh_audits *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_submissions(struct kh_store *s, const char *contract,
                               struct kh_submissions *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_activities(struct kh_store *s, const char *contract,
                              struct kh_activities *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT date, kind, unit, count FROM activities WHERE contract = ?1"
		" ORDER BY date, kind, unit";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day date;
		if (kh_sql_day(st, 0, &date) || date == KH_DAY_NONE) {
			kh_error("%s: activities: %s", s->path,
			         kh_tr("存储的日期无效", "stored date is not valid"));
			rc = kh_fail(err, KH_ERR_DATA);
			break;
		}
		if (out->count == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_activity *a = &out->rows[out->count++];
		a->date = date;
		a->kind = kh_sql_text(st, 1);
		a->unit = kh_sql_text(st, 2);
		a->count = sqlite3_column_int64(st, 3);
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "activities", err);
	sqlite3_finalize(st);
	out->given = out->count > 0;
	return rc;
}

int kh_sqlite_load_ratings(struct kh_store *s, const char *contract,
                           struct kh_ratings *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}
