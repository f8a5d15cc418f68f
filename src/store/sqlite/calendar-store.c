/* calendar-store.c (SQLite): the calendar_years and calendar_days tables
 * behind store-calendar.h — reading years and days back, and writing a
 * parsed set of years, each replaced whole, in one transaction.  It never
 * reads calendar files and never decides a calendar rule. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-calendar.h"

static const char *reading(void)
{
	return kh_tr("读取日历失败", "reading the calendar failed");
}

static const char *writing(void)
{
	return kh_tr("写入日历失败", "writing the calendar failed");
}

/* ---- writing years ------------------------------------------------------ */

struct year_writer {
	struct kh_store *store;
	sqlite3_stmt *stored, *del_days, *del_year, *ins_year, *ins_day;
};

static int prepare_writer(struct year_writer *w, struct kh_err *err)
{
	return kh_sql_prepare(w->store, "SELECT 1 FROM calendar_years WHERE year = ?1",
	                      &w->stored, err)
	    || kh_sql_prepare(w->store, "DELETE FROM calendar_days WHERE year = ?1",
	                      &w->del_days, err)
	    || kh_sql_prepare(w->store, "DELETE FROM calendar_years WHERE year = ?1",
	                      &w->del_year, err)
	    || kh_sql_prepare(w->store, "INSERT INTO calendar_years (year, source,"
	                      " notice, loaded_at) VALUES (?1, ?2, ?3, ?4)",
	                      &w->ins_year, err)
	    || kh_sql_prepare(w->store, "INSERT INTO calendar_days (date, year, kind,"
	                      " name) VALUES (?1, ?2, ?3, ?4)", &w->ins_day, err) ? -1 : 0;
}

static void finalize_writer(struct year_writer *w)
{
	sqlite3_finalize(w->stored);
	sqlite3_finalize(w->del_days);
	sqlite3_finalize(w->del_year);
	sqlite3_finalize(w->ins_year);
	sqlite3_finalize(w->ins_day);
}

static int step_done(struct year_writer *w, sqlite3_stmt *stmt, struct kh_err *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? 0 : kh_sql_fail(w->store, writing(), err);
}

static int year_stored(struct year_writer *w, int year, int *stored,
                       struct kh_err *err)
{
	sqlite3_bind_int(w->stored, 1, year);
	int rc = sqlite3_step(w->stored);
	sqlite3_reset(w->stored);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kh_sql_fail(w->store, reading(), err);
	*stored = rc == SQLITE_ROW;
	return 0;
}

/* Replace one year: delete what is stored, insert the year and its days. */
static int write_year(struct year_writer *w, const struct kh_cal_year *y,
                      const char *source, const char *loaded_at,
                      struct kh_err *err)
{
	sqlite3_bind_int(w->del_days, 1, y->year);
	if (step_done(w, w->del_days, err))
		return -1;
	sqlite3_bind_int(w->del_year, 1, y->year);
	if (step_done(w, w->del_year, err))
		return -1;
	sqlite3_bind_int(w->ins_year, 1, y->year);
	sqlite3_bind_text(w->ins_year, 2, y->source ? y->source : source, -1,
	                  SQLITE_TRANSIENT);
	kh_sql_bind_text_or_null(w->ins_year, 3, y->notice);
	sqlite3_bind_text(w->ins_year, 4, loaded_at, -1, SQLITE_TRANSIENT);
	if (step_done(w, w->ins_year, err))
		return -1;
	for (size_t i = 0; i < y->count; i++) {
		kh_sql_bind_day(w->ins_day, 1, y->entries[i].day);
		sqlite3_bind_int(w->ins_day, 2, y->year);
		sqlite3_bind_text(w->ins_day, 3, y->entries[i].workday ? "workday" : "holiday",
		                  -1, SQLITE_STATIC);
		sqlite3_bind_text(w->ins_day, 4, y->entries[i].name, -1, SQLITE_TRANSIENT);
		if (step_done(w, w->ins_day, err))
			return -1;
	}
	return 0;
}

/* Write the years of `set` inside the caller's transaction. */
static int write_set(struct year_writer *w, const struct kh_cal_set *set,
                     const char *source, const char *loaded_at, int replace,
                     struct kh_calendar_years *done, struct kh_err *err)
{
	for (size_t i = 0; i < set->count; i++) {
		int stored = 0;
		if (!replace && year_stored(w, set->years[i].year, &stored, err))
			return -1;
		if (stored)
			continue;
		if (write_year(w, &set->years[i], source, loaded_at, err))
			return -1;
		done->years = kh_xrealloc(done->years,
		                          (done->count + 1) * sizeof *done->years);
		done->years[done->count++] = set->years[i].year;
	}
	return 0;
}

int kh_sqlite_calendar_save(struct kh_store *store, const struct kh_cal_set *set,
                            const char *source, const char *loaded_at,
                            int replace, struct kh_calendar_years *done,
                            struct kh_err *err)
{
	memset(done, 0, sizeof *done);
	if (kh_store_begin(store, err))
		return -1;
	struct year_writer w = { .store = store };
	int rc = prepare_writer(&w, err)
	         || write_set(&w, set, source, loaded_at, replace, done, err) ? -1 : 0;
	finalize_writer(&w);
	if (!rc)
		rc = kh_store_commit(store, err);
	if (rc) {
		kh_store_rollback(store);
		kh_calendar_years_free(done);
	}
	return rc;
}

/* ---- reading years back ---------------------------------------------------- */

int kh_sqlite_calendar_years(struct kh_store *store, int **years, size_t *count,
                             struct kh_err *err)
{
	sqlite3_stmt *stmt;
	size_t cap = 0;
	*years = NULL;
	*count = 0;
	if (kh_sql_prepare(store, "SELECT year FROM calendar_years ORDER BY year",
	                   &stmt, err))
		return -1;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? 2 * cap : 16;
			*years = kh_xrealloc(*years, cap * sizeof **years);
		}
		(*years)[(*count)++] = sqlite3_column_int(stmt, 0);
	}
	if (rc != SQLITE_DONE) {
		kh_sql_fail(store, reading(), err);
		sqlite3_finalize(stmt);
		free(*years);
		*years = NULL;
		*count = 0;
		return -1;
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* A listed day from (date, kind) columns c and c + 1; -1 when not a date. */
static int listed_day(sqlite3_stmt *stmt, int c, struct kh_calendar_listed_day *d)
{
	const char *date = (const char *)sqlite3_column_text(stmt, c);
	const char *kind = (const char *)sqlite3_column_text(stmt, c + 1);
	if (!date || !kind || kh_day_parse(date, &d->day))
		return -1;
	d->workday = strcmp(kind, "workday") == 0;
	d->name = NULL;
	return 0;
}

int kh_sqlite_calendar_days(struct kh_store *store,
                            struct kh_calendar_listed_day **days, size_t *count,
                            struct kh_err *err)
{
	sqlite3_stmt *stmt;
	size_t cap = 0;
	*days = NULL;
	*count = 0;
	if (kh_sql_prepare(store, "SELECT date, kind FROM calendar_days", &stmt, err))
		return -1;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? 2 * cap : 64;
			*days = kh_xrealloc(*days, cap * sizeof **days);
		}
		if (listed_day(stmt, 0, &(*days)[*count])) {
			const char *date = (const char *)sqlite3_column_text(stmt, 0);
			kh_error("%s: '%s'", kh_tr("日历中的日期无效",
			         "invalid date in the calendar"), date ? date : "");
			kh_fail(err, KH_ERR_SOFTWARE);
			break;
		}
		(*count)++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		kh_sql_fail(store, reading(), err);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(*days);
		*days = NULL;
		*count = 0;
		return -1;
	}
	return 0;
}

static char *column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);
	return text ? kh_xstrdup((const char *)text) : NULL;
}

static int read_days(struct kh_store *store, struct kh_calendar_year_info *info,
                     struct kh_err *err)
{
	sqlite3_stmt *stmt;
	if (kh_sql_prepare(store, "SELECT date, kind, name FROM calendar_days"
	                   " WHERE year = ?1 ORDER BY date", &stmt, err))
		return -1;
	sqlite3_bind_int(stmt, 1, info->year);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct kh_calendar_listed_day d;
		if (listed_day(stmt, 0, &d))
			continue;
		d.name = column_dup(stmt, 2);
		info->days = kh_xrealloc(info->days, (info->count + 1) * sizeof *info->days);
		info->days[info->count++] = d;
	}
	if (rc != SQLITE_DONE)
		kh_sql_fail(store, reading(), err);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const char year_select[] =
	"SELECT y.year, y.source, y.notice, y.loaded_at,"
	" (SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.kind = 'holiday'),"
	" (SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.kind = 'workday')"
	" FROM calendar_years y";

static void year_row(sqlite3_stmt *stmt, struct kh_calendar_year_info *info)
{
	memset(info, 0, sizeof *info);
	info->year = sqlite3_column_int(stmt, 0);
	info->source = column_dup(stmt, 1);
	info->notice = column_dup(stmt, 2);
	info->loaded_at = column_dup(stmt, 3);
	info->holidays = sqlite3_column_int(stmt, 4);
	info->workdays = sqlite3_column_int(stmt, 5);
}

int kh_sqlite_calendar_year_get(struct kh_store *store, int year,
                                struct kh_calendar_year_info *out,
                                struct kh_err *err)
{
	sqlite3_stmt *stmt;
	char *sql = kh_xasprintf("%s WHERE y.year = ?1", year_select);
	memset(out, 0, sizeof *out);
	int prepared = kh_sql_prepare(store, sql, &stmt, err);
	free(sql);
	if (prepared)
		return -1;
	sqlite3_bind_int(stmt, 1, year);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		year_row(stmt, out);
	else if (rc != SQLITE_DONE)
		kh_sql_fail(store, reading(), err);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE) {
		if (kh_lang == KH_LANG_EN)
			kh_error("the calendar has no year %d", year);
		else
			kh_error("日历中没有 %d 年", year);
		return kh_fail(err, KH_ERR_DATA);
	}
	if (rc != SQLITE_ROW)
		return -1;
	if (read_days(store, out, err)) {
		kh_calendar_year_info_free(out);
		return -1;
	}
	return 0;
}

int kh_sqlite_calendar_year_list(struct kh_store *store,
                                 struct kh_calendar_year_info **out,
                                 size_t *count, struct kh_err *err)
{
	sqlite3_stmt *stmt;
	char *sql = kh_xasprintf("%s ORDER BY y.year", year_select);
	*out = NULL;
	*count = 0;
	int prepared = kh_sql_prepare(store, sql, &stmt, err);
	free(sql);
	if (prepared)
		return -1;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = kh_xrealloc(*out, (*count + 1) * sizeof **out);
		year_row(stmt, &(*out)[(*count)++]);
	}
	if (rc != SQLITE_DONE)
		kh_sql_fail(store, reading(), err);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *count; i++)
			kh_calendar_year_info_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*count = 0;
		return -1;
	}
	return 0;
}
