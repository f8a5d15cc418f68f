/* calendar.h: the Chinese official work calendar — which days are working
 * days (weekends off except adjusted working days 调休, official holidays
 * off), N working days after a day, working days between two days, and the
 * two 顺延 (rollover) readings.  Invariant: a day outside the loaded years
 * is an error naming the year, never a guess. */
#ifndef KAOHE_CALENDAR_H
#define KAOHE_CALENDAR_H

#include <stddef.h>

#include "dates.h"
#include "err.h"

/* Which days a due date on a non-working day moves off (SPEC section 4). */
enum kh_rollover {
	KH_ROLLOVER_NEXT_WORKDAY = 0,  /* off weekends and holidays (Civil Code art. 203) */
	KH_ROLLOVER_HOLIDAYS_ONLY = 1, /* off official holidays only */
};

/* "next-workday" / "holidays-only"; parse returns 0 or -1. */
const char *kh_rollover_name(enum kh_rollover rule);
int kh_rollover_parse(const char *text, enum kh_rollover *out);
/* A sentence naming the rule applied, in the current language, for
 * scorecards ("到期日遇休息日顺延至下一工作日（民法典第二百零三条）"). */
const char *kh_rollover_describe(enum kh_rollover rule);

/* A calendar loaded into memory: whole years, precomputed so that every
 * query below is O(1) (a running count of working days). */
struct kh_calendar;

/* One listed day: a day that departs from the weekday rule. */
struct kh_calendar_listed_day {
	kh_day day;
	int workday;        /* 1 adjusted working day (调休上班), 0 holiday */
	char *name;         /* may be NULL */
};

/* Build a calendar of whole years (ascending, each 1900-2199) with their
 * listed days (any order; days outside the years are ignored).  0, or -1
 * with err filled (KH_ERR_SOFTWARE: a stored year is out of range). */
int kh_calendar_build(const int *years, size_t nyears,
                      const struct kh_calendar_listed_day *days, size_t ndays,
                      struct kh_calendar **out, struct kh_err *err);
void kh_calendar_free(struct kh_calendar *cal);

/* First and last loaded year (0, 0 when empty). */
void kh_calendar_years(const struct kh_calendar *cal, int *first, int *last);

/* All of these return -1 when a day they need lies outside the loaded
 * years; kh_calendar_missing_year() then tells which year was missing. */
int kh_calendar_missing_year(const struct kh_calendar *cal);

/* 1 when d is a working day, 0 when not, -1 outside the calendar. */
int kh_calendar_is_workday(const struct kh_calendar *cal, kh_day d);
/* 1 when d is an official holiday (法定节假日, including the rest days of a
 * holiday block), 0 when not, -1 outside. */
int kh_calendar_is_holiday(const struct kh_calendar *cal, kh_day d);

/* The Nth working day strictly after d (d itself not counted; Civil Code
 * art. 201).  n >= 1.  0 or -1. */
int kh_calendar_add_workdays(const struct kh_calendar *cal, kh_day d, int n,
                             kh_day *out);

/* The number of working days in (a, b]: 0 when b <= a.  0 or -1. */
int kh_calendar_workdays_between(const struct kh_calendar *cal, kh_day a,
                                 kh_day b, int *out);

/* d itself when it is not to be moved, else the next day that is; under
 * KH_ROLLOVER_HOLIDAYS_ONLY only official holidays move.  0 or -1. */
int kh_calendar_rollover(const struct kh_calendar *cal, kh_day d,
                         enum kh_rollover rule, kh_day *out);

/* ---- the stored calendar (app/calendar-load.h loads and imports) ------ */

/* The years a file or feed brought in. */
struct kh_calendar_years {
	int *years;
	size_t count;
};
void kh_calendar_years_free(struct kh_calendar_years *years);

/* One stored year: where it came from and its listed days in date order
 * (store-calendar.h reads them). */
struct kh_calendar_year_info {
	int year;
	char *source, *notice, *loaded_at;   /* notice may be NULL */
	struct kh_calendar_listed_day *days;
	size_t count;
	int holidays, workdays;              /* counts of the two kinds */
};
void kh_calendar_year_info_free(struct kh_calendar_year_info *info);

#endif
