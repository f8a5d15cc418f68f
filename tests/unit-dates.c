/* unit-dates.c: exact date arithmetic — day numbers, the three date forms,
 * datetimes and periods at their edges. */
#include "dates.h"
#include "tap.h"

int main(void)
{
	kh_day d;
	char buf[32];
	ok(kh_day_parse("2024-02-29", &d) == 0, "leap day parses");
	is_str(kh_day_format(d, buf), "2024-02-29", "leap day round-trips");
	ok(kh_day_parse("2023-02-29", &d) != 0, "2023-02-29 is refused");
	ok(kh_day_parse("2024/10/01", &d) == 0, "slash form parses");
	is_int(kh_day_weekday(d), 1, "2024-10-01 was a Tuesday");
	ok(kh_day_parse("20241007", &d) == 0, "compact form parses");
	is_str(kh_day_format(d, buf), "2024-10-07", "compact form formats");
	ok(kh_day_parse("2024-13-01", &d) != 0, "month 13 refused");
	ok(kh_day_parse("2024-1-01", &d) != 0, "short month refused");
	ok(kh_day_parse("0000-01-01", &d) != 0, "absurd year refused");
	is_int(kh_day_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	is_int(kh_day_from_ymd(2025, 1, 1) - kh_day_from_ymd(2024, 1, 1), 366,
	       "2024 has 366 days");

	kh_time t;
	ok(kh_time_parse("2024-04-05 17:30", &t) == 0, "datetime without seconds");
	is_str(kh_time_format(t, buf), "2024-04-05 17:30:00", "datetime formats");
	ok(kh_time_parse("2024-04-05 24:00", &t) != 0, "hour 24 refused");
	ok(kh_time_parse("2024-04-05", &t) == 0, "bare date is midnight");

	struct kh_period p;
	ok(kh_period_parse("2024Q3", &p) == 0, "quarter parses");
	is_str(kh_day_format(p.first, buf), "2024-07-01", "Q3 starts 07-01");
	is_str(kh_day_format(p.last, buf), "2024-09-30", "Q3 ends 09-30");
	ok(kh_period_parse("2024H2", &p) == 0, "half parses");
	is_str(kh_day_format(p.last, buf), "2024-12-31", "H2 ends 12-31");
	ok(kh_period_parse("2024-02", &p) == 0, "month parses");
	is_str(kh_day_format(p.last, buf), "2024-02-29", "Feb 2024 ends on the 29th");
	ok(kh_period_parse("2024Q5", &p) != 0, "Q5 refused");
	ok(kh_period_parse("2024-00", &p) != 0, "month 0 refused");
	kh_period_containing(KH_PERIOD_QUARTER, kh_day_from_ymd(2024, 11, 3), &p);
	is_str(kh_period_format(&p, buf), "2024Q4", "November is in Q4");
	return done_testing();
}
