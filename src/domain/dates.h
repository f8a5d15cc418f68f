/* dates.h: calendar dates as day numbers, the three input forms of a date,
 * datetimes, and the period notation (2024, 2024H1, 2024Q3, 2024-03).
 * Pure arithmetic: no working-day rules here (see calendar.h). */
#ifndef KAOHE_DATES_H
#define KAOHE_DATES_H

#include <stddef.h>
#include <stdint.h>

/* A day number: days since 1970-01-01 (negative before).  Proleptic
 * Gregorian.  Plain integers so that differences are day counts. */
typedef int32_t kh_day;

kh_day kh_day_from_ymd(int year, int month, int day);
void kh_day_to_ymd(kh_day d, int *year, int *month, int *day);
/* 0 = Monday ... 6 = Sunday */
int kh_day_weekday(kh_day d);
int kh_days_in_month(int year, int month);

/* Parse YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD; only real dates between years
 * 1900 and 2200.  Returns 0 on success, -1 otherwise. */
int kh_day_parse(const char *text, kh_day *out);
/* Same, but with an explicit length (text need not be NUL terminated). */
int kh_day_parse_n(const char *text, size_t len, kh_day *out);

/* Buffer sizes for the formatters below (room for any year). */
#define KH_DAY_BUFSZ 16
#define KH_TIME_BUFSZ 32

/* Format as YYYY-MM-DD into buf (KH_DAY_BUFSZ bytes); returns buf. */
char *kh_day_format(kh_day d, char *buf);

/* A datetime as seconds since 1970-01-01 00:00 local (China) time, no
 * zone.  Accepts "YYYY-MM-DD HH:MM[:SS]" (also 'T' for the space) and a bare
 * date (00:00:00); the date part takes the three date forms. */
typedef int64_t kh_time;
int kh_time_parse(const char *text, kh_time *out);
/* "YYYY-MM-DD HH:MM:SS" into buf (KH_TIME_BUFSZ bytes). */
char *kh_time_format(kh_time t, char *buf);
static inline kh_day kh_time_day(kh_time t)
{
	return (kh_day)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/* Now, as local wall-clock time — or $KAOHE_NOW (a datetime in any form
 * kh_time_parse takes) so that tests and demos give the same output every
 * run.  0, or -1 when $KAOHE_NOW is set but not a datetime. */
int kh_time_now(kh_time *out);

/* A period: year, half, quarter or month, with its first and last day. */
enum kh_period_kind { KH_PERIOD_YEAR, KH_PERIOD_HALF, KH_PERIOD_QUARTER,
                      KH_PERIOD_MONTH };
struct kh_period {
	enum kh_period_kind kind;
	int year;
	int index;     /* half 1-2, quarter 1-4, month 1-12; 0 for a year */
	kh_day first;
	kh_day last;
};

/* Parse "2024", "2024H1", "2024Q3", "2024-03".  0 or -1. */
int kh_period_parse(const char *text, struct kh_period *out);
/* Canonical text of a period into buf (at least 12 bytes). */
char *kh_period_format(const struct kh_period *p, char *buf);
/* The period of the given kind that contains day d. */
void kh_period_containing(enum kh_period_kind kind, kh_day d,
                          struct kh_period *out);

#endif
