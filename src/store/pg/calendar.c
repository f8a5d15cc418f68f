/* calendar.c (PostgreSQL): the calendar_years and calendar_days tables
 * behind store-calendar.h — reading years and days back, and writing a
 * parsed set of years, each replaced whole, in one transaction. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"

static const char *reading(void)
{
	return kh_tr("读取日历失败", "reading the calendar failed");
}

static const char *writing(void)
{
	return kh_tr("写入日历失败", "writing the calendar failed");
}

static int year_stored(struct kh_store *s, int year, int *stored,
                       struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, year);
	PGresult *res = kh_pg_query(s, "SELECT 1 FROM calendar_years WHERE year = $1",
	                            &p, reading(), err);
	if (!res)
		return -1;
	*stored = PQntuples(res) > 0;
	PQclear(res);
	return 0;
}

static int write_year(struct kh_store *s, const struct kh_cal_year *y,
                      const char *source, const char *loaded_at,
                      struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, y->year);
	if (kh_pg_run(s, "DELETE FROM calendar_days WHERE year = $1", &p, writing(), err)
	    || kh_pg_run(s, "DELETE FROM calendar_years WHERE year = $1", &p, writing(),
	                 err))
		return -1;
	struct kh_pg_params q = { 0 };
	kh_pg_param_int(&q, y->year);
	kh_pg_param_text(&q, y->source ? y->source : source);
	kh_pg_param_text_or_null(&q, y->notice);
	kh_pg_param_text(&q, loaded_at);
	if (kh_pg_run(s, "INSERT INTO calendar_years (year, source, notice, loaded_at)"
	              " VALUES ($1, $2, $3, $4)", &q, writing(), err))
		return -1;
	for (size_t i = 0; i < y->count; i++) {
		struct kh_pg_params r = { 0 };
		kh_pg_param_day(&r, y->entries[i].day);
		kh_pg_param_int(&r, y->year);
		kh_pg_param_text(&r, y->entries[i].workday ? "workday" : "holiday");
		kh_pg_param_text(&r, y->entries[i].name);
		if (kh_pg_run(s, "INSERT INTO calendar_days (date, year, kind, name)"
		              " VALUES ($1, $2, $3, $4)", &r, writing(), err))
			return -1;
	}
	return 0;
}

int kh_pg_calendar_save(struct kh_store *s, const struct kh_cal_set *set,
                        const char *source, const char *loaded_at, int replace,
                        struct kh_calendar_years *done, struct kh_err *err)
{
	memset(done, 0, sizeof *done);
	if (kh_pg_begin(s, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < set->count && !rc; i++) {
		int stored = 0;
		if (!replace && (rc = year_stored(s, set->years[i].year, &stored, err)))
			break;
		if (stored)
			continue;
		if ((rc = write_year(s, &set->years[i], source, loaded_at, err)))
			break;
		done->years = kh_xrealloc(done->years, (done->count + 1) * sizeof *done->years);
		done->years[done->count++] = set->years[i].year;
	}
	if (!rc)
		rc = kh_pg_commit(s, err);
	if (rc) {
		kh_pg_rollback(s);
		kh_calendar_years_free(done);
	}
	return rc;
}

int kh_pg_calendar_years(struct kh_store *s, int **years, size_t *count,
                         struct kh_err *err)
{
	*years = NULL;
	*count = 0;
	PGresult *res = kh_pg_query(s, "SELECT year FROM calendar_years ORDER BY year",
	                            NULL, reading(), err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*years = kh_xcalloc(n ? (size_t)n : 1, sizeof **years);
	for (int i = 0; i < n; i++)
		(*years)[i] = (int)kh_pg_int(res, i, 0);
	*count = (size_t)n;
	PQclear(res);
	return 0;
}

/* A listed day from (date, kind) columns c and c + 1; -1 when not a date. */
static int listed_day(const PGresult *res, int i, int c,
                      struct kh_calendar_listed_day *d)
{
	if (PQgetisnull(res, i, c) || PQgetisnull(res, i, c + 1)
	    || kh_day_parse(PQgetvalue(res, i, c), &d->day))
		return -1;
	d->workday = strcmp(PQgetvalue(res, i, c + 1), "workday") == 0;
	d->name = NULL;
	return 0;
}

int kh_pg_calendar_days(struct kh_store *s, struct kh_calendar_listed_day **days,
                        size_t *count, struct kh_err *err)
{
	*days = NULL;
	*count = 0;
	PGresult *res = kh_pg_query(s, "SELECT date, kind FROM calendar_days", NULL,
	                            reading(), err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*days = kh_xcalloc(n ? (size_t)n : 1, sizeof **days);
	for (int i = 0; i < n; i++) {
		if (listed_day(res, i, 0, &(*days)[i])) {
			kh_error("%s: '%s'", kh_tr("日历中的日期无效", "invalid date in the calendar"),
			         PQgetvalue(res, i, 0));
			PQclear(res);
			free(*days);
			*days = NULL;
			return kh_fail(err, KH_ERR_SOFTWARE);
		}
	}
	*count = (size_t)n;
	PQclear(res);
	return 0;
}

static char *column_dup(const PGresult *res, int i, int col)
{
	return PQgetisnull(res, i, col) ? NULL : kh_xstrdup(PQgetvalue(res, i, col));
}

static int read_days(struct kh_store *s, struct kh_calendar_year_info *info,
                     struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, info->year);
	PGresult *res = kh_pg_query(s, "SELECT date, kind, name FROM calendar_days"
	                            " WHERE year = $1 ORDER BY date", &p, reading(), err);
	if (!res)
		return -1;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		struct kh_calendar_listed_day d;
		if (listed_day(res, i, 0, &d))
			continue;
		d.name = column_dup(res, i, 2);
		info->days = kh_xrealloc(info->days, (info->count + 1) * sizeof *info->days);
		info->days[info->count++] = d;
	}
	PQclear(res);
	return 0;
}

#define YEAR_SELECT \
	"SELECT y.year, y.source, y.notice, y.loaded_at," \
	" (SELECT count(*) FROM calendar_days d WHERE d.year = y.year" \
	"   AND d.kind = 'holiday')," \
	" (SELECT count(*) FROM calendar_days d WHERE d.year = y.year" \
	"   AND d.kind = 'workday')" \
	" FROM calendar_years y"

static void year_row(const PGresult *res, int i, struct kh_calendar_year_info *info)
{
	memset(info, 0, sizeof *info);
	info->year = (int)kh_pg_int(res, i, 0);
	info->source = column_dup(res, i, 1);
	info->notice = column_dup(res, i, 2);
	info->loaded_at = column_dup(res, i, 3);
	info->holidays = (int)kh_pg_int(res, i, 4);
	info->workdays = (int)kh_pg_int(res, i, 5);
}

int kh_pg_calendar_year_get(struct kh_store *s, int year,
                            struct kh_calendar_year_info *out, struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, year);
	PGresult *res = kh_pg_query(s, YEAR_SELECT " WHERE y.year = $1", &p, reading(),
	                            err);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		year_row(res, 0, out);
	PQclear(res);
	if (!found) {
		if (kh_lang == KH_LANG_EN)
			kh_error("the calendar has no year %d", year);
		else
			kh_error("日历中没有 %d 年", year);
		return kh_fail(err, KH_ERR_DATA);
	}
	if (read_days(s, out, err)) {
		kh_calendar_year_info_free(out);
		return -1;
	}
	return 0;
}

int kh_pg_calendar_year_list(struct kh_store *s, struct kh_calendar_year_info **out,
                             size_t *count, struct kh_err *err)
{
	*out = NULL;
	*count = 0;
	PGresult *res = kh_pg_query(s, YEAR_SELECT " ORDER BY y.year", NULL, reading(),
	                            err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*out = kh_xcalloc(n ? (size_t)n : 1, sizeof **out);
	for (int i = 0; i < n; i++)
		year_row(res, i, &(*out)[i]);
	*count = (size_t)n;
	PQclear(res);
	return 0;
}
