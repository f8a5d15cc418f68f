/* calendar.c: the work calendar in memory — whole years built from their
 * listed days, precomputed so that every question (working day? Nth working
 * day after? how many between?) is a few array lookups.  It never answers
 * for a day outside the loaded years: it names the missing year instead.
 * Loading the stored years is app/calendar-load.c's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "msg.h"

/* Bits of kh_calendar.flags, one byte per day. */
enum { DAY_WORK = 1, DAY_HOLIDAY = 2, DAY_LOADED = 4 };

struct kh_calendar {
	int first_year, last_year;   /* 0, 0 when empty */
	kh_day start;                /* 1 January of first_year */
	int32_t ndays;               /* days from start through 31 Dec last_year */
	unsigned char *flags;        /* ndays bytes */
	int32_t *before;             /* ndays + 1: working days in [start, start+i) */
	int32_t *nth;                /* total + 1: nth[k] = index of working day k */
	int32_t total;               /* working days in the whole range */
	int gaps;                    /* some year in the range is not loaded */
	int *missing;                /* the year the last failed query needed */
};

/* ---- rollover rules ----------------------------------------------------- */

const char *kh_rollover_name(enum kh_rollover rule)
{
	return rule == KH_ROLLOVER_HOLIDAYS_ONLY ? "holidays-only" : "next-workday";
}

int kh_rollover_parse(const char *text, enum kh_rollover *out)
{
	if (!text)
		return -1;
	if (strcmp(text, "next-workday") == 0)
		*out = KH_ROLLOVER_NEXT_WORKDAY;
	else if (strcmp(text, "holidays-only") == 0)
		*out = KH_ROLLOVER_HOLIDAYS_ONLY;
	else
		return -1;
	return 0;
}

const char *kh_rollover_describe(enum kh_rollover rule)
{
	if (rule == KH_ROLLOVER_HOLIDAYS_ONLY)
		return kh_tr("到期日遇法定节假日顺延至节假日后的第一天，遇周末不顺延"
		             "（合同约定：仅法定节假日顺延）",
		             "a due date on an official holiday moves to the first day "
		             "after the holiday; weekends do not move it (the contract "
		             "names holidays-only rollover)");
	return kh_tr("到期日遇休息日（周末或法定节假日）顺延至下一工作日"
	             "（民法典第二百零三条）",
	             "a due date on a rest day (weekend or official holiday) moves "
	             "to the next working day (Civil Code art. 203)");
}

/* ---- building ------------------------------------------------------------ */

static int year_of(kh_day d)
{
	int y, m, dd;
	kh_day_to_ymd(d, &y, &m, &dd);
	return y;
}

static struct kh_calendar *calendar_new(void)
{
	struct kh_calendar *cal = kh_xcalloc(1, sizeof *cal);
	cal->missing = kh_xcalloc(1, sizeof *cal->missing);
	return cal;
}

void kh_calendar_free(struct kh_calendar *cal)
{
	if (!cal)
		return;
	free(cal->flags);
	free(cal->before);
	free(cal->nth);
	free(cal->missing);
	free(cal);
}

/* Lay out first..last with the weekday rule; loaded years get DAY_LOADED. */
static void calendar_layout(struct kh_calendar *cal, const int *years,
                            size_t count)
{
	cal->first_year = years[0];
	cal->last_year = years[count - 1];
	cal->start = kh_day_from_ymd(cal->first_year, 1, 1);
	cal->ndays = kh_day_from_ymd(cal->last_year + 1, 1, 1) - cal->start;
	cal->flags = kh_xcalloc((size_t)cal->ndays, 1);
	cal->gaps = (size_t)(cal->last_year - cal->first_year + 1) != count;
	for (size_t i = 0; i < count; i++) {
		kh_day from = kh_day_from_ymd(years[i], 1, 1);
		kh_day to = kh_day_from_ymd(years[i] + 1, 1, 1);
		for (kh_day d = from; d < to; d++)
			cal->flags[d - cal->start] = DAY_LOADED |
			        (kh_day_weekday(d) < 5 ? DAY_WORK : 0);
	}
}

/* Apply one stored row: a holiday or an adjusted working day. */
static void calendar_mark(struct kh_calendar *cal, kh_day d, int workday)
{
	if (d < cal->start || d - cal->start >= cal->ndays)
		return;
	unsigned char *f = &cal->flags[d - cal->start];
	if (!(*f & DAY_LOADED))
		return;
	if (workday)
		*f = (unsigned char)((*f | DAY_WORK) & ~DAY_HOLIDAY);
	else
		*f = (unsigned char)((*f | DAY_HOLIDAY) & ~DAY_WORK);
}

/* The running count and the index of every working day. */
static void calendar_count(struct kh_calendar *cal)
{
	cal->before = kh_xmalloc(((size_t)cal->ndays + 1) * sizeof *cal->before);
	int32_t total = 0;
	for (int32_t i = 0; i < cal->ndays; i++) {
		cal->before[i] = total;
		total += cal->flags[i] & DAY_WORK ? 1 : 0;
	}
	cal->before[cal->ndays] = total;
	cal->total = total;
	cal->nth = kh_xmalloc(((size_t)total + 1) * sizeof *cal->nth);
	cal->nth[0] = -1;
	for (int32_t i = 0, k = 0; i < cal->ndays; i++)
		if (cal->flags[i] & DAY_WORK)
			cal->nth[++k] = i;
}

/* Every year must be one the day arithmetic covers. */
static int years_valid(const int *years, size_t count, struct kh_err *err)
{
	for (size_t i = 0; i < count; i++)
		if (years[i] < 1900 || years[i] > 2199) {
			kh_error("%s: %d", kh_tr("日历中的年份无效",
			         "invalid year in the calendar"), years[i]);
			return kh_fail(err, KH_ERR_SOFTWARE);
		}
	return 0;
}

int kh_calendar_build(const int *years, size_t nyears,
                      const struct kh_calendar_listed_day *days, size_t ndays,
                      struct kh_calendar **out, struct kh_err *err)
{
	*out = NULL;
	if (years_valid(years, nyears, err))
		return -1;
	struct kh_calendar *cal = calendar_new();
	if (nyears > 0) {
		calendar_layout(cal, years, nyears);
		for (size_t i = 0; i < ndays; i++)
			calendar_mark(cal, days[i].day, days[i].workday);
	}
	calendar_count(cal);
	*out = cal;
	return 0;
}

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

/* ---- questions ------------------------------------------------------------ */

void kh_calendar_years(const struct kh_calendar *cal, int *first, int *last)
{
	*first = cal->first_year;
	*last = cal->last_year;
}

int kh_calendar_missing_year(const struct kh_calendar *cal)
{
	return *cal->missing;
}

static int fail_missing(const struct kh_calendar *cal, int year)
{
	*cal->missing = year;
	return -1;
}

/* The flags of day d, or -1 (missing year set) when d is not loaded. */
static inline int day_flags(const struct kh_calendar *cal, kh_day d)
{
	uint32_t i = (uint32_t)(d - cal->start);
	if (i >= (uint32_t)cal->ndays || !(cal->flags[i] & DAY_LOADED))
		return fail_missing(cal, year_of(d));
	return cal->flags[i];
}

/* Every day in (from, to] loaded?  -1 naming the first missing year. */
static int range_loaded(const struct kh_calendar *cal, kh_day from, kh_day to)
{
	if (to <= from)
		return 0;
	if (from + 1 < cal->start)
		return fail_missing(cal, year_of(from + 1));
	kh_day last_day = cal->start + cal->ndays - 1;
	if (cal->gaps) {
		kh_day stop = to < last_day ? to : last_day;
		for (int y = year_of(from + 1); y <= year_of(stop); y++)
			if (!(cal->flags[kh_day_from_ymd(y, 1, 1) - cal->start] & DAY_LOADED))
				return fail_missing(cal, y);
	}
	if (to > last_day)
		return fail_missing(cal, cal->last_year + 1);
	return 0;
}

int kh_calendar_is_workday(const struct kh_calendar *cal, kh_day d)
{
	int f = day_flags(cal, d);
	return f < 0 ? -1 : (f & DAY_WORK) != 0;
}

int kh_calendar_is_holiday(const struct kh_calendar *cal, kh_day d)
{
	int f = day_flags(cal, d);
	return f < 0 ? -1 : (f & DAY_HOLIDAY) != 0;
}

/* d may be the day before the first loaded day: it only bounds the count. */
static int bound_ok(const struct kh_calendar *cal, kh_day d)
{
	if (d == cal->start - 1 && cal->ndays > 0)
		return 0;
	return day_flags(cal, d) < 0 ? -1 : 0;
}

int kh_calendar_add_workdays(const struct kh_calendar *cal, kh_day d, int n,
                             kh_day *out)
{
	if (n < 1)
		return fail_missing(cal, 0);
	if (bound_ok(cal, d))
		return -1;
	int64_t k = (int64_t)cal->before[d - cal->start + 1] + n;
	if (k > cal->total) {   /* the answer lies past the loaded years */
		range_loaded(cal, d, cal->start + cal->ndays);
		return -1;
	}
	kh_day result = cal->start + cal->nth[k];
	if (cal->gaps && range_loaded(cal, d, result))
		return -1;
	*out = result;
	return 0;
}

int kh_calendar_workdays_between(const struct kh_calendar *cal, kh_day a,
                                 kh_day b, int *out)
{
	if (bound_ok(cal, a) || bound_ok(cal, b))
		return -1;
	if (b <= a) {
		*out = 0;
		return 0;
	}
	if (cal->gaps && range_loaded(cal, a, b))
		return -1;
	*out = cal->before[b - cal->start + 1] - cal->before[a - cal->start + 1];
	return 0;
}

int kh_calendar_rollover(const struct kh_calendar *cal, kh_day d,
                         enum kh_rollover rule, kh_day *out)
{
	int f = day_flags(cal, d);
	if (f < 0)
		return -1;
	if (rule == KH_ROLLOVER_HOLIDAYS_ONLY) {
		while (f & DAY_HOLIDAY) {
			d++;
			if ((f = day_flags(cal, d)) < 0)
				return -1;
		}
		*out = d;
		return 0;
	}
	if (f & DAY_WORK) {
		*out = d;
		return 0;
	}
	return kh_calendar_add_workdays(cal, d, 1, out);
}
