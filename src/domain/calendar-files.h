/* calendar-files.h: the calendar as read from a file, before it reaches the
 * store — the shipped text format (data/calendar/YYYY.txt) and iCalendar
 * (.ics, RFC 5545) holiday feeds.  Parsing only: nothing here touches the
 * database, and a file with any error yields no years at all. */
#ifndef KAOHE_CALENDAR_FILES_H
#define KAOHE_CALENDAR_FILES_H

#include <stddef.h>

#include "dates.h"
#include "err.h"

/* One day that differs from the weekday rule, or a rest day of a holiday
 * block. */
struct kh_cal_entry {
	kh_day day;
	int workday;      /* 1: weekend day adjusted into work; 0: holiday */
	char *name;       /* 春节, 国庆节 ... */
};

/* One whole year: every holiday and adjusted working day in it. */
struct kh_cal_year {
	int year;
	char *notice;               /* may be NULL */
	char *source;               /* where it was read; may be NULL */
	struct kh_cal_entry *entries;
	size_t count, cap;
};

struct kh_cal_set {
	struct kh_cal_year *years;
	size_t count, cap;
};

void kh_cal_set_free(struct kh_cal_set *set);

/* Parse a file's text (len bytes; need not be NUL terminated), telling the
 * format by its content: "BEGIN:VCALENDAR" first means iCalendar, else the
 * shipped format.  `path` names the file in messages.  0, or -1 after
 * printing every error found (FILE:LINE:COLUMN); *out is then empty. */
int kh_cal_parse(const char *path, const char *text, size_t len,
                 struct kh_cal_set *out);
int kh_cal_parse_shipped(const char *path, const char *text, size_t len,
                         struct kh_cal_set *out);
int kh_cal_parse_ics(const char *path, const char *text, size_t len,
                     struct kh_cal_set *out);

/* Read a whole file (at most KH_CAL_MAX_FILE bytes).  0, or -1 with err
 * filled after printing why (KH_ERR_NOINPUT missing, KH_ERR_DATA too
 * large, KH_ERR_IO). */
#define KH_CAL_MAX_FILE (16L * 1024 * 1024)
int kh_cal_read_file(const char *path, char **text, size_t *len,
                     struct kh_err *err);

/* Fetch a URL with libcurl into memory (TLS verified, timeouts, http and
 * https only, at most KH_CAL_MAX_FILE bytes).  0, or -1 with err filled
 * after printing why: KH_ERR_USAGE bad URL, KH_ERR_DATA too large,
 * KH_ERR_UNAVAILABLE, KH_ERR_TEMPFAIL temporary failure, KH_ERR_SOFTWARE. */
int kh_cal_fetch(const char *url, char **text, size_t *len, struct kh_err *err);

#endif
