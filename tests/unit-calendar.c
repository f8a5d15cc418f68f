/* unit-calendar.c: the shipped work calendar against the State Council
 * notices of 2023-2026 — every holiday block, every adjusted working day,
 * counting and rollover across the long holidays, years outside.  The speed
 * is printed as a TAP comment, never asserted. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "calendar-load.h"
#include "store-calendar.h"
#include "tap.h"

static kh_day day(const char *text)
{
	kh_day d = 0;
	if (kh_day_parse(text, &d))
		printf("# bad date in test: %s\n", text);
	return d;
}

static const char *fmt(kh_day d)
{
	static char buf[4][KH_DAY_BUFSZ];
	static int next;
	next = (next + 1) % 4;
	return kh_day_format(d, buf[next]);
}

/* The holiday blocks (first, last) of each notice. */
static const char *const blocks[][2] = {
	/* 2023 国办发明电〔2022〕16号 */
	{ "2023-01-01", "2023-01-02" }, { "2023-01-21", "2023-01-27" },
	{ "2023-04-05", "2023-04-05" }, { "2023-04-29", "2023-05-03" },
	{ "2023-06-22", "2023-06-24" }, { "2023-09-29", "2023-10-06" },
	/* 2024 国办发明电〔2023〕7号 */
	{ "2024-01-01", "2024-01-01" }, { "2024-02-10", "2024-02-17" },
	{ "2024-04-04", "2024-04-06" }, { "2024-05-01", "2024-05-05" },
	{ "2024-06-10", "2024-06-10" }, { "2024-09-15", "2024-09-17" },
	{ "2024-10-01", "2024-10-07" },
	/* 2025 国办发明电〔2024〕12号 */
	{ "2025-01-01", "2025-01-01" }, { "2025-01-28", "2025-02-04" },
	{ "2025-04-04", "2025-04-06" }, { "2025-05-01", "2025-05-05" },
	{ "2025-05-31", "2025-06-02" }, { "2025-10-01", "2025-10-08" },
	/* 2026 (notice of 2025-11-04) */
	{ "2026-01-01", "2026-01-03" }, { "2026-02-15", "2026-02-23" },
	{ "2026-04-04", "2026-04-06" }, { "2026-05-01", "2026-05-05" },
	{ "2026-06-19", "2026-06-21" }, { "2026-09-25", "2026-09-27" },
	{ "2026-10-01", "2026-10-07" },
};

/* Every weekend day adjusted into work. */
static const char *const makeup[] = {
	"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
	"2023-10-07", "2023-10-08",
	"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
	"2024-09-14", "2024-09-29", "2024-10-12",
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};

static void check_blocks(const struct kh_calendar *cal)
{
	char name[128];
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
		kh_day first = day(blocks[i][0]), last = day(blocks[i][1]);
		int all = 1;
		for (kh_day d = first; d <= last; d++)
			all &= kh_calendar_is_holiday(cal, d) == 1 &&
			       kh_calendar_is_workday(cal, d) == 0;
		snprintf(name, sizeof name, "%s..%s all holidays, none worked",
		         blocks[i][0], blocks[i][1]);
		ok(all, name);
		snprintf(name, sizeof name, "day before %s is no holiday", blocks[i][0]);
		ok(first - 1 < day("2023-01-01") ||
		   kh_calendar_is_holiday(cal, first - 1) == 0, name);
		snprintf(name, sizeof name, "day after %s is no holiday", blocks[i][1]);
		ok(kh_calendar_is_holiday(cal, last + 1) == 0, name);
	}
}

static void check_makeup(const struct kh_calendar *cal)
{
	char name[128];
	for (size_t i = 0; i < sizeof makeup / sizeof makeup[0]; i++) {
		kh_day d = day(makeup[i]);
		snprintf(name, sizeof name, "%s is a weekend day adjusted into work",
		         makeup[i]);
		ok(kh_day_weekday(d) >= 5 && kh_calendar_is_workday(cal, d) == 1 &&
		   kh_calendar_is_holiday(cal, d) == 0, name);
	}
	/* the community list's error (SPEC section 4) */
	ok(kh_calendar_is_workday(cal, day("2025-02-28")) == 1 &&
	   kh_calendar_is_workday(cal, day("2025-02-08")) == 1 &&
	   kh_calendar_is_workday(cal, day("2025-03-01")) == 0,
	   "2025-02-08 is the make-up day, 2025-02-28 an ordinary Friday");
	ok(kh_calendar_is_workday(cal, day("2024-03-02")) == 0,
	   "an ordinary Saturday is not worked");
}

static void check_year_totals(const struct kh_calendar *cal)
{
	static const int want[] = { 249, 251, 248, 248 };
	char name[64];
	for (int y = 2023; y <= 2026; y++) {
		int n = -1;
		kh_calendar_workdays_between(cal, kh_day_from_ymd(y - 1, 12, 31),
		                             kh_day_from_ymd(y, 12, 31), &n);
		snprintf(name, sizeof name, "%d has %d working days", y, want[y - 2023]);
		is_int(n, want[y - 2023], name);
	}
}

static void check_add(const struct kh_calendar *cal, const char *from, int n,
                      const char *want, const char *why)
{
	kh_day out = 0;
	int rc = kh_calendar_add_workdays(cal, day(from), n, &out);
	is_str(rc == 0 ? fmt(out) : "error", want, why);
}

static void check_adding(const struct kh_calendar *cal)
{
	check_add(cal, "2024-09-20", 15, "2024-10-16",
	          "15 working days after 2024-09-20 cross National Day");
	check_add(cal, "2024-02-05", 10, "2024-02-23",
	          "10 working days after 2024-02-05 cross the Spring Festival");
	check_add(cal, "2025-01-24", 20, "2025-02-27",
	          "20 working days after 2025-01-24 cross the Spring Festival");
	check_add(cal, "2024-04-26", 4, "2024-05-06",
	          "4 working days after 2024-04-26 use Sunday 04-28, skip Labour Day");
	check_add(cal, "2024-09-13", 2, "2024-09-18",
	          "Saturday 2024-09-14 counts, Mid-Autumn does not");
	check_add(cal, "2025-09-26", 5, "2025-10-10",
	          "2025 National Day and Mid-Autumn together");
	check_add(cal, "2023-09-28", 1, "2023-10-07",
	          "the day after 2023's Mid-Autumn block is a Saturday worked");
	check_add(cal, "2024-10-01", 1, "2024-10-08", "from a holiday");
	check_add(cal, "2024-02-04", 1, "2024-02-05", "d itself is never counted");
	check_add(cal, "2022-12-31", 1, "2023-01-03",
	          "the day before the calendar may start a count");
	check_add(cal, "2026-12-20", 15, "error", "past the last year is an error");
	ok(kh_calendar_missing_year(cal) == 2027, "... naming 2027");
	int n = -1;
	kh_calendar_workdays_between(cal, day("2024-09-30"), day("2024-10-08"), &n);
	is_int(n, 1, "one working day in (2024-09-30, 2024-10-08]");
	kh_calendar_workdays_between(cal, day("2024-10-08"), day("2024-09-30"), &n);
	is_int(n, 0, "b before a gives 0");
	kh_calendar_workdays_between(cal, day("2024-09-20"), day("2024-10-16"), &n);
	is_int(n, 15, "between agrees with add");
}

static void check_rollover(const struct kh_calendar *cal)
{
	kh_day out = 0;
	enum kh_rollover rule;
	kh_calendar_rollover(cal, day("2024-04-05"), KH_ROLLOVER_NEXT_WORKDAY, &out);
	is_str(fmt(out), "2024-04-07", "Qingming 2024 rolls onto working Sunday 04-07");
	kh_calendar_rollover(cal, day("2024-04-05"), KH_ROLLOVER_HOLIDAYS_ONLY, &out);
	is_str(fmt(out), "2024-04-07", "holidays-only: same day");
	kh_calendar_rollover(cal, day("2024-03-02"), KH_ROLLOVER_NEXT_WORKDAY, &out);
	is_str(fmt(out), "2024-03-04", "next-workday moves off a Saturday");
	kh_calendar_rollover(cal, day("2024-03-02"), KH_ROLLOVER_HOLIDAYS_ONLY, &out);
	is_str(fmt(out), "2024-03-02", "holidays-only leaves a Saturday");
	kh_calendar_rollover(cal, day("2025-10-05"), KH_ROLLOVER_NEXT_WORKDAY, &out);
	is_str(fmt(out), "2025-10-09", "monthly report due 2025-10-05 moves to 10-09");
	kh_calendar_rollover(cal, day("2026-06-20"), KH_ROLLOVER_HOLIDAYS_ONLY, &out);
	is_str(fmt(out), "2026-06-22", "holidays-only: after the Dragon Boat block");
	kh_calendar_rollover(cal, day("2024-07-15"), KH_ROLLOVER_NEXT_WORKDAY, &out);
	is_str(fmt(out), "2024-07-15", "a working day stays");
	ok(kh_calendar_rollover(cal, day("2026-12-31"), KH_ROLLOVER_NEXT_WORKDAY,
	                        &out) == 0, "2026-12-31 is a Thursday, stays");
	ok(kh_calendar_rollover(cal, day("2027-01-05"), KH_ROLLOVER_NEXT_WORKDAY,
	                        &out) < 0 && kh_calendar_missing_year(cal) == 2027,
	   "rollover in 2027 names 2027");
	is_str(kh_rollover_name(KH_ROLLOVER_HOLIDAYS_ONLY), "holidays-only", "name");
	ok(kh_rollover_parse("next-workday", &rule) == 0 &&
	   rule == KH_ROLLOVER_NEXT_WORKDAY, "parse next-workday");
	ok(kh_rollover_parse("weekends", &rule) < 0, "parse refuses others");
	ok(strstr(kh_rollover_describe(KH_ROLLOVER_NEXT_WORKDAY), "第二百零三条") != NULL,
	   "describe cites Civil Code art. 203");
	ok(strstr(kh_rollover_describe(KH_ROLLOVER_HOLIDAYS_ONLY), "法定节假日") != NULL,
	   "describe names holidays-only");
}

static void check_outside(const struct kh_calendar *cal)
{
	int first, last;
	kh_calendar_years(cal, &first, &last);
	ok(first == 2023 && last == 2026, "years 2023..2026 loaded");
	ok(kh_calendar_is_workday(cal, day("2022-12-30")) == -1 &&
	   kh_calendar_missing_year(cal) == 2022, "2022 is outside, named");
	ok(kh_calendar_is_holiday(cal, day("2031-05-01")) == -1 &&
	   kh_calendar_missing_year(cal) == 2031, "2031 is outside, named");
	kh_day out;
	ok(kh_calendar_add_workdays(cal, day("2022-12-01"), 5, &out) == -1 &&
	   kh_calendar_missing_year(cal) == 2022, "add from 2022 is an error");
}

/* A gap: 2028 stored without 2027. */
static void check_gap(struct kh_store *store)
{
	struct kh_calendar *cal;
	kh_day out;
	int n;
	struct kh_cal_year y2028 = { .year = 2028, .source = "test" };
	struct kh_cal_set set = { &y2028, 1, 1 };
	struct kh_calendar_years done;
	struct kh_err err = { 0 };
	ok(kh_store_calendar_save(store, &set, "test", "now", 1, &done, &err) == 0 &&
	   done.count == 1 && done.years[0] == 2028, "2028 stored without 2027");
	kh_calendar_years_free(&done);
	if (kh_calendar_load(store, &cal, &err)) {
		ok(0, "reload with a gap");
		return;
	}
	ok(kh_calendar_is_workday(cal, day("2028-01-03")) == 1, "2028 loaded");
	ok(kh_calendar_is_workday(cal, day("2027-06-01")) == -1 &&
	   kh_calendar_missing_year(cal) == 2027, "the gap year 2027 is missing");
	ok(kh_calendar_add_workdays(cal, day("2026-12-20"), 15, &out) == -1 &&
	   kh_calendar_missing_year(cal) == 2027, "add across the gap names 2027");
	ok(kh_calendar_workdays_between(cal, day("2026-12-01"), day("2028-02-01"),
	                                &n) == -1 &&
	   kh_calendar_missing_year(cal) == 2027, "between across the gap names 2027");
	ok(kh_calendar_add_workdays(cal, day("2026-12-01"), 3, &out) == 0 &&
	   out == day("2026-12-04"), "add inside a loaded year still works");
	kh_calendar_free(cal);
}

static void measure_speed(const struct kh_calendar *cal)
{
	struct timespec t0, t1;
	kh_day base = day("2023-01-01"), out;
	long sum = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < 10000000; i++) {
		kh_day d = base + (kh_day)(i % 1400);
		if (kh_calendar_add_workdays(cal, d, 15, &out) == 0)
			sum += out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# 10,000,000 add_workdays calls: %.3f s (checksum %ld)\n", secs, sum);
}

int main(void)
{
	char path[] = "/tmp/kaohe-unit-calendar-XXXXXX";
	int fd = mkstemp(path);
	struct kh_store *store = NULL;
	struct kh_err err = { 0 };
	struct kh_calendar *cal;
	if (fd < 0)
		return 99;
	close(fd);
	unlink(path);
	if (kh_store_open(path, KH_STORE_CREATE, &store, &err) ||
	    kh_calendar_install_shipped(store, &err) ||
	    kh_calendar_load(store, &cal, &err)) {
		printf("Bail out! cannot set up the calendar\n");
		return 99;
	}
	check_outside(cal);
	check_blocks(cal);
	check_makeup(cal);
	check_year_totals(cal);
	check_adding(cal);
	check_rollover(cal);
	measure_speed(cal);
	kh_calendar_free(cal);
	check_gap(store);
	kh_store_close(store);
	char *wal = NULL;
	unlink(path);
	if (asprintf(&wal, "%s-wal", path) > 0)
		unlink(wal);
	free(wal);
	if (asprintf(&wal, "%s-shm", path) > 0)
		unlink(wal);
	free(wal);
	return done_testing();
}
