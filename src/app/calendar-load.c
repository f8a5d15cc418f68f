/* calendar-load.c: the calendar years out of and into the store — every
 * stored year into memory (kh_calendar_load), the shipped files
 * (data/calendar/YYYY.txt) at `kaohe init`, and a file or an .ics feed at
 * `kaohe calendar import|update`.  Reads and parses (calendar-files.c),
 * then hands the whole set to the store in one call, so a bad file loads
 * nothing.  No SQL here. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar-files.h"
#include "calendar-load.h"
#include "datadir.h"
#include "msg.h"
#include "store-calendar.h"

/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC), when a year is loaded. */
static void loaded_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int save_set(struct kh_store *store, const struct kh_cal_set *set,
                    const char *source, int replace,
                    struct kh_calendar_years *done, struct kh_err *err)
{
	char when[32];
	loaded_now(when, sizeof when);
	return kh_store_calendar_save(store, set, source, when, replace, done, err);
}

/* ---- the stored years into memory ------------------------------------------ */

int kh_calendar_load(struct kh_store *store, struct kh_calendar **out,
                     struct kh_err *err)
{
	int *years = NULL;
	struct kh_calendar_listed_day *days = NULL;
	size_t nyears = 0, ndays = 0;
	*out = NULL;
	int rc = kh_store_calendar_years(store, &years, &nyears, err);
	if (!rc && nyears > 0)
		rc = kh_store_calendar_days(store, &days, &ndays, err);
	if (!rc)
		rc = kh_calendar_build(years, nyears, days, ndays, out, err);
	free(years);
	free(days);   /* the store leaves names NULL */
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
static int list_shipped(const char *dir, char ***names, size_t *count,
                        struct kh_err *err)
{
	DIR *d = opendir(dir);
	*names = NULL;
	*count = 0;
	if (!d) {
		kh_error("%s: %s", dir, kh_tr("找不到日历数据目录",
		         "calendar data directory not found"));
		return kh_fail(err, KH_ERR_NOINPUT);
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
static int read_shipped(const char *dir, const char *name, struct kh_cal_set *all,
                        struct kh_err *err)
{
	char *path = kh_xasprintf("%s/%s", dir, name), *text;
	size_t len;
	struct kh_cal_set one;
	int rc = kh_cal_read_file(path, &text, &len, err);
	if (!rc) {
		if (kh_cal_parse_shipped(path, text, len, &one))
			rc = kh_fail(err, KH_ERR_DATA);
		free(text);
	}
	free(path);
	if (rc)
		return -1;
	for (size_t i = 0; i < one.count; i++) {
		one.years[i].source = kh_xasprintf("shipped:data/calendar/%s", name);
		all->years = kh_xrealloc(all->years, (all->count + 1) * sizeof *all->years);
		all->years[all->count++] = one.years[i];
	}
	free(one.years);
	return 0;
}

int kh_calendar_install_shipped(struct kh_store *store, struct kh_err *err)
{
	char *dir = kh_data_path("data/calendar");
	char **names;
	size_t count;
	struct kh_cal_set all = { NULL, 0, 0 };
	struct kh_calendar_years done = { NULL, 0 };
	int rc = list_shipped(dir, &names, &count, err);
	for (size_t i = 0; !rc && i < count; i++)
		rc = read_shipped(dir, names[i], &all, err);
	if (!rc)
		rc = save_set(store, &all, "shipped", 0, &done, err);
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(dir);
	kh_cal_set_free(&all);
	kh_calendar_years_free(&done);
	return rc;
}

/* ---- imports ---------------------------------------------------------------- */

/* Parse a file's or a feed's text (taken over and freed) and save every
 * year in it, recording its source as "SCHEME:NAME". */
static int import_text(struct kh_store *store, const char *scheme, const char *name,
                       char *text, size_t len, struct kh_calendar_years *out,
                       struct kh_err *err)
{
	struct kh_cal_set set;
	int rc = kh_cal_parse(name, text, len, &set) ? kh_fail(err, KH_ERR_DATA) : 0;
	free(text);
	if (rc)
		return rc;
	char *source = kh_xasprintf("%s:%s", scheme, name);
	rc = save_set(store, &set, source, 1, out, err);
	free(source);
	kh_cal_set_free(&set);
	return rc;
}

/* Read a file or fetch a feed (same shape: calendar-files.h), then import. */
typedef int calendar_get_fn(const char *name, char **text, size_t *len,
                            struct kh_err *err);

static int import_from(struct kh_store *store, calendar_get_fn *get,
                       const char *scheme, const char *name,
                       struct kh_calendar_years *out, struct kh_err *err)
{
	char *text;
	size_t len;
	memset(out, 0, sizeof *out);
	if (get(name, &text, &len, err))
		return -1;
	return import_text(store, scheme, name, text, len, out, err);
}

int kh_calendar_import_file(struct kh_store *store, const char *path,
                            struct kh_calendar_years *out, struct kh_err *err)
{
	return import_from(store, kh_cal_read_file, "file", path, out, err);
}

int kh_calendar_import_url(struct kh_store *store, const char *url,
                           struct kh_calendar_years *out, struct kh_err *err)
{
	return import_from(store, kh_cal_fetch, "url", url, out, err);
}
