/* calendar-store.c: the work calendar in the store — installing the shipped
 * years, importing a file or feed (each year replaced whole, in one
 * transaction), and reading years back.  A bad file never half-loads. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar-files.h"
#include "calendar.h"
#include "datadir.h"
#include "msg.h"
#include "sql.h"

void kh_calendar_years_free(struct kh_calendar_years *years)
{
	free(years->years);
	years->years = NULL;
	years->count = 0;
}

void kh_calendar_year_info_free(struct kh_calendar_year_info *info)
{
	for (size_t i = 0; i < info->count; i++)
		free(info->days[i].name);
	free(info->days);
	free(info->source);
	free(info->notice);
	free(info->loaded_at);
	memset(info, 0, sizeof *info);
}

static int db_error(sqlite3 *db, const char *what_zh, const char *what_en)
{
	kh_error("%s: %s", kh_tr(what_zh, what_en), sqlite3_errmsg(db));
	return EX_SOFTWARE;
}

/* ---- writing years ------------------------------------------------------ */

static int year_stored(sqlite3 *db, int year, int *stored)
{
	sqlite3_stmt *stmt;
	if (kh_db_prepare(db, "SELECT 1 FROM calendar_years WHERE year = ?", &stmt))
		return EX_SOFTWARE;
	sqlite3_bind_int(stmt, 1, year);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, "读取日历失败", "reading the calendar failed");
	*stored = rc == SQLITE_ROW;
	return 0;
}

static int step_done(sqlite3 *db, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE)
		return db_error(db, "写入日历失败", "writing the calendar failed");
	return 0;
}

/* Replace one year: delete what is stored, insert the year and its days. */
static int write_year(sqlite3 *db, const struct kh_cal_year *y,
                      const char *source, sqlite3_stmt *del_days,
                      sqlite3_stmt *del_year, sqlite3_stmt *ins_year,
                      sqlite3_stmt *ins_day)
{
	int rc;
	sqlite3_bind_int(del_days, 1, y->year);
	if ((rc = step_done(db, del_days)))
		return rc;
	sqlite3_bind_int(del_year, 1, y->year);
	if ((rc = step_done(db, del_year)))
		return rc;
	sqlite3_bind_int(ins_year, 1, y->year);
	sqlite3_bind_text(ins_year, 2, y->source ? y->source : source, -1,
	                  SQLITE_TRANSIENT);
	kh_db_bind_text_or_null(ins_year, 3, y->notice);
	if ((rc = step_done(db, ins_year)))
		return rc;
	for (size_t i = 0; i < y->count; i++) {
		char date[KH_DAY_BUFSZ];
		kh_day_format(y->entries[i].day, date);
		sqlite3_bind_text(ins_day, 1, date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ins_day, 2, y->year);
		sqlite3_bind_text(ins_day, 3, y->entries[i].workday ? "workday" : "holiday",
		                  -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_day, 4, y->entries[i].name, -1, SQLITE_TRANSIENT);
		if ((rc = step_done(db, ins_day)))
			return rc;
	}
	return 0;
}

/* Write the years of `set` (all of them when `replace`, else only those not
 * stored yet) inside the caller's transaction.  Years written go to *done. */
static int write_set(sqlite3 *db, const struct kh_cal_set *set,
                     const char *source, int replace,
                     struct kh_calendar_years *done)
{
	sqlite3_stmt *del_days = NULL, *del_year = NULL, *ins_year = NULL,
	             *ins_day = NULL;
	int rc = EX_SOFTWARE;
	if (kh_db_prepare(db, "DELETE FROM calendar_days WHERE year = ?", &del_days) ||
	    kh_db_prepare(db, "DELETE FROM calendar_years WHERE year = ?", &del_year) ||
	    kh_db_prepare(db, "INSERT INTO calendar_years (year, source, notice, "
	                     "loaded_at) VALUES (?, ?, ?, "
	                     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &ins_year) ||
	    kh_db_prepare(db, "INSERT INTO calendar_days (date, year, kind, name) "
	                     "VALUES (?, ?, ?, ?)", &ins_day))
		goto out;
	for (size_t i = 0; i < set->count; i++) {
		int stored = 0;
		if (!replace && (rc = year_stored(db, set->years[i].year, &stored)))
			goto out;
		if (stored)
			continue;
		if ((rc = write_year(db, &set->years[i], source, del_days, del_year,
		                     ins_year, ins_day)))
			goto out;
		done->years = kh_xrealloc(done->years,
		                          (done->count + 1) * sizeof *done->years);
		done->years[done->count++] = set->years[i].year;
	}
	rc = 0;
out:
	sqlite3_finalize(del_days);
	sqlite3_finalize(del_year);
	sqlite3_finalize(ins_year);
	sqlite3_finalize(ins_day);
	return rc;
}

/* One transaction around write_set; nothing is kept on failure. */
static int store_set(sqlite3 *db, const struct kh_cal_set *set,
                     const char *source, int replace,
                     struct kh_calendar_years *done)
{
	memset(done, 0, sizeof *done);
	if (kh_db_begin(db))
		return EX_SOFTWARE;
	int rc = write_set(db, set, source, replace, done);
	if (!rc && kh_db_commit(db))
		rc = EX_SOFTWARE;
	if (rc) {
		kh_db_rollback(db);
		kh_calendar_years_free(done);
	}
	return rc;
}

/* ---- shipped years -------------------------------------------------------- */

/* "2024.txt" */
static int shipped_name(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	return strcmp(name + 4, ".txt") == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped file names (YYYY.txt) in dir, sorted. */
static int list_shipped(const char *dir, char ***names, size_t *count)
{
	DIR *d = opendir(dir);
	*names = NULL;
	*count = 0;
	if (!d) {
		kh_error("%s: %s", dir, kh_tr("找不到日历数据目录",
		         "calendar data directory not found"));
		return EX_NOINPUT;
	}
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		if (!shipped_name(ent->d_name))
			continue;
		*names = kh_xrealloc(*names, (*count + 1) * sizeof **names);
		(*names)[(*count)++] = kh_xstrdup(ent->d_name);
	}
	closedir(d);
	qsort(*names, *count, sizeof **names, cmp_str);
	return 0;
}

/* Parse one shipped file and add it to `all`. */
static int read_shipped(const char *dir, const char *name, struct kh_cal_set *all)
{
	char *path = kh_xasprintf("%s/%s", dir, name), *text;
	size_t len;
	struct kh_cal_set one;
	int rc = kh_cal_read_file(path, &text, &len);
	if (!rc) {
		if (kh_cal_parse_shipped(path, text, len, &one))
			rc = EX_DATAERR;
		free(text);
	}
	free(path);
	if (rc)
		return rc;
	for (size_t i = 0; i < one.count; i++) {
		one.years[i].source = kh_xasprintf("shipped:data/calendar/%s", name);
		all->years = kh_xrealloc(all->years, (all->count + 1) * sizeof *all->years);
		all->years[all->count++] = one.years[i];
	}
	free(one.years);
	return 0;
}

int kh_calendar_install_shipped(sqlite3 *db)
{
	char *dir = kh_data_path("data/calendar");
	char **names;
	size_t count;
	struct kh_cal_set all = { NULL, 0, 0 };
	struct kh_calendar_years done = { NULL, 0 };
	int rc = list_shipped(dir, &names, &count);
	for (size_t i = 0; !rc && i < count; i++)
		rc = read_shipped(dir, names[i], &all);
	if (!rc)
		rc = store_set(db, &all, "shipped", 0, &done);
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(dir);
	kh_cal_set_free(&all);
	kh_calendar_years_free(&done);
	return rc;
}

/* ---- imports ---------------------------------------------------------------- */

static int import_text(sqlite3 *db, const char *name, const char *text,
                       size_t len, const char *source,
                       struct kh_calendar_years *out)
{
	struct kh_cal_set set;
	if (kh_cal_parse(name, text, len, &set))
		return EX_DATAERR;
	int rc = store_set(db, &set, source, 1, out);
	kh_cal_set_free(&set);
	return rc;
}

int kh_calendar_import_file(sqlite3 *db, const char *path,
                            struct kh_calendar_years *out)
{
	char *text;
	size_t len;
	memset(out, 0, sizeof *out);
	int rc = kh_cal_read_file(path, &text, &len);
	if (rc)
		return rc;
	char *source = kh_xasprintf("file:%s", path);
	rc = import_text(db, path, text, len, source, out);
	free(source);
	free(text);
	return rc;
}

int kh_calendar_import_url(sqlite3 *db, const char *url,
                           struct kh_calendar_years *out)
{
	char *text;
	size_t len;
	memset(out, 0, sizeof *out);
	int rc = kh_cal_fetch(url, &text, &len);
	if (rc)
		return rc;
	char *source = kh_xasprintf("url:%s", url);
	rc = import_text(db, url, text, len, source, out);
	free(source);
	free(text);
	return rc;
}

/* ---- reading years back ---------------------------------------------------- */

static char *column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);
	return text ? kh_xstrdup((const char *)text) : NULL;
}

static int read_days(sqlite3 *db, struct kh_calendar_year_info *info)
{
	sqlite3_stmt *stmt;
	if (kh_db_prepare(db, "SELECT date, kind, name FROM calendar_days "
	                     "WHERE year = ? ORDER BY date", &stmt))
		return EX_SOFTWARE;
	sqlite3_bind_int(stmt, 1, info->year);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		kh_day day;
		const char *date = (const char *)sqlite3_column_text(stmt, 0);
		const char *kind = (const char *)sqlite3_column_text(stmt, 1);
		if (kh_day_parse(date, &day) || !kind)
			continue;
		info->days = kh_xrealloc(info->days, (info->count + 1) * sizeof *info->days);
		struct kh_calendar_listed_day *d = &info->days[info->count++];
		d->day = day;
		d->workday = strcmp(kind, "workday") == 0;
		d->name = column_dup(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(db, "读取日历失败", "reading the calendar failed");
	return 0;
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

int kh_calendar_year_get(sqlite3 *db, int year, struct kh_calendar_year_info *out)
{
	sqlite3_stmt *stmt;
	char *sql = kh_xasprintf("%s WHERE y.year = ?", year_select);
	memset(out, 0, sizeof *out);
	int prepared = kh_db_prepare(db, sql, &stmt);
	free(sql);
	if (prepared)
		return EX_SOFTWARE;
	sqlite3_bind_int(stmt, 1, year);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		year_row(stmt, out);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE) {
		if (kh_lang == KH_LANG_EN)
			kh_error("the calendar has no year %d", year);
		else
			kh_error("日历中没有 %d 年", year);
		return EX_DATAERR;
	}
	if (rc != SQLITE_ROW)
		return db_error(db, "读取日历失败", "reading the calendar failed");
	rc = read_days(db, out);
	if (rc)
		kh_calendar_year_info_free(out);
	return rc;
}

int kh_calendar_year_list(sqlite3 *db, struct kh_calendar_year_info **out,
                          size_t *count)
{
	sqlite3_stmt *stmt;
	char *sql = kh_xasprintf("%s ORDER BY y.year", year_select);
	*out = NULL;
	*count = 0;
	int prepared = kh_db_prepare(db, sql, &stmt);
	free(sql);
	if (prepared)
		return EX_SOFTWARE;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = kh_xrealloc(*out, (*count + 1) * sizeof **out);
		year_row(stmt, &(*out)[(*count)++]);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *count; i++)
			kh_calendar_year_info_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*count = 0;
		return db_error(db, "读取日历失败", "reading the calendar failed");
	}
	return 0;
}
