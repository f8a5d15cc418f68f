/* load-roster.c (SQLite): the roster and population rows of a contract as
 * typed records (records.h), sorted as records.h says, text never NULL.
 * Read-only: never writes to the store and never judges a row. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"

/* An end date: KH_DAY_OPEN when empty. */
static int read_end_day(struct kh_store *s, sqlite3_stmt *stmt, int col,
                        kh_day *out, struct kh_err *err)
{
	if (kh_sql_load_day(s, stmt, col, "roster", "end_date", 0, out, err))
		return -1;
	if (*out == KH_DAY_NONE)
		*out = KH_DAY_OPEN;
	return 0;
}

static void free_roster_rows(struct kh_roster *roster)
{
	for (size_t i = 0; i < roster->count; i++) {
		struct kh_assignment *a = &roster->rows[i];
		free(a->staff_id);
		free(a->name);
		free(a->post);
		free(a->unit);
		free(a->specialty);
		free(a->end_reason);
	}
	free(roster->rows);
	roster->rows = NULL;
	roster->count = 0;
}

static int read_assignment(struct kh_store *s, sqlite3_stmt *stmt,
                           struct kh_assignment *a, struct kh_err *err)
{
	a->staff_id = kh_sql_text(stmt, 0);
	a->name = kh_sql_text(stmt, 1);
	a->post = kh_sql_text(stmt, 2);
	a->unit = kh_sql_text(stmt, 3);
	a->specialty = kh_sql_text(stmt, 4);
	a->end_reason = kh_sql_text(stmt, 7);
	if (kh_sql_load_day(s, stmt, 5, "roster", "start_date", 1, &a->start, err) ||
	    read_end_day(s, stmt, 6, &a->end, err))
		return -1;
	return 0;
}

int kh_sqlite_load_roster(struct kh_store *s, const char *contract,
                          struct kh_roster *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT staff_id, name, post, unit, specialty, start_date, end_date,"
		"       end_reason FROM roster WHERE contract = ?1"
		" ORDER BY staff_id, start_date";
	sqlite3_stmt *stmt;
	out->rows = NULL;
	out->count = 0;
	if (kh_sql_prepare(s, sql, &stmt, err))
		return -1;
	sqlite3_bind_text(stmt, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_assignment *a = &out->rows[out->count++];
		memset(a, 0, sizeof *a);
		if ((rc = read_assignment(s, stmt, a, err)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "roster", err);
	sqlite3_finalize(stmt);
	if (rc)
		free_roster_rows(out);
	return rc;
}

static void free_population_rows(struct kh_population *pop)
{
	for (size_t i = 0; i < pop->count; i++)
		free(pop->rows[i].unit);
	free(pop->rows);
	pop->rows = NULL;
	pop->count = 0;
}

int kh_sqlite_load_population(struct kh_store *s, const char *contract,
                              struct kh_population *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT unit, date, insured FROM population WHERE contract = ?1"
		" ORDER BY unit, date";
	sqlite3_stmt *stmt;
	out->rows = NULL;
	out->count = 0;
	if (kh_sql_prepare(s, sql, &stmt, err))
		return -1;
	sqlite3_bind_text(stmt, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_population_row *p = &out->rows[out->count++];
		p->unit = kh_sql_text(stmt, 0);
		p->insured = sqlite3_column_int64(stmt, 2);
		if ((rc = kh_sql_load_day(s, stmt, 1, "population", "date", 1, &p->date, err)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "population", err);
	sqlite3_finalize(stmt);
	if (rc)
		free_population_rows(out);
	return rc;
}
