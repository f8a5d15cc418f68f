/* load-roster.c (SQLite): roster and population rows of a contract as
 * typed records (records.h).  STAND-IN from h-fees so the fee models can be
 * tested: the store work's version replaces this file. */
#include <stdlib.h>

#include "msg.h"
#include "sql.h"

static int bad_day(struct kh_store *s, const char *what, struct kh_err *err)
{
	kh_error("%s: %s: %s", s->path, what,
	         kh_tr("存储的日期无效", "stored date is not valid"));
	return kh_fail(err, KH_ERR_DATA);
}

int kh_sqlite_load_roster(struct kh_store *s, const char *contract,
                          struct kh_roster *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT staff_id, name, post, unit, specialty, start_date, end_date,"
		" end_reason FROM roster WHERE contract = ?1 ORDER BY staff_id, start_date";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day start, end;
		if (kh_sql_day(st, 5, &start) || start == KH_DAY_NONE || kh_sql_day(st, 6, &end)) {
			rc = bad_day(s, "roster", err);
			break;
		}
		if (out->count == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_assignment *a = &out->rows[out->count++];
		a->staff_id = kh_sql_text(st, 0);
		a->name = kh_sql_text(st, 1);
		a->post = kh_sql_text(st, 2);
		a->unit = kh_sql_text(st, 3);
		a->specialty = kh_sql_text(st, 4);
		a->end_reason = kh_sql_text(st, 7);
		a->start = start;
		a->end = end == KH_DAY_NONE ? KH_DAY_OPEN : end;
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "roster", err);
	sqlite3_finalize(st);
	return rc;
}

int kh_sqlite_load_population(struct kh_store *s, const char *contract,
                              struct kh_population *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT unit, date, insured FROM population WHERE contract = ?1"
		" ORDER BY unit, date";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day date;
		if (kh_sql_day(st, 1, &date) || date == KH_DAY_NONE) {
			rc = bad_day(s, "population", err);
			break;
		}
		if (out->count == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_population_row *p = &out->rows[out->count++];
		p->unit = kh_sql_text(st, 0);
		p->date = date;
		p->insured = sqlite3_column_int64(st, 2);
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "population", err);
	sqlite3_finalize(st);
	return rc;
}
