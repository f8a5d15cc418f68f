/* dates.c: day-number arithmetic (Howard Hinnant's civil-date algorithms),
 * date and period parsing.  Invariant: every kh_day produced from text is a
 * real calendar date; nothing here consults the working calendar. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"

kh_day kh_day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (kh_day)(era * 146097 + (int)doe - 719468);
}

void kh_day_to_ymd(kh_day z0, int *year, int *month, int *day)
{
	int z = z0 + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	*year = y + (m <= 2);
	*month = (int)m;
	*day = (int)d;
}

int kh_day_weekday(kh_day d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)((d + 3) % 7);
	return w < 0 ? w + 7 : w;
}

int kh_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2) {
		int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
		return 28 + leap;
	}
	return days[month - 1];
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int make_day(int y, int m, int d, kh_day *out)
{
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1
	    || d > kh_days_in_month(y, m))
		return -1;
	*out = kh_day_from_ymd(y, m, d);
	return 0;
}

int kh_day_parse_n(const char *s, size_t len, kh_day *out)
{
	int y, m, d;
	if (len == 8) {
		if (digits(s, 4, &y) || digits(s + 4, 2, &m) || digits(s + 6, 2, &d))
			return -1;
		return make_day(y, m, d, out);
	}
	if (len == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
			return -1;
		return make_day(y, m, d, out);
	}
	return -1;
}

int kh_day_parse(const char *text, kh_day *out)
{
	return text ? kh_day_parse_n(text, strlen(text), out) : -1;
}

char *kh_day_format(kh_day d, char *buf)
{
	int y, m, dd;
	kh_day_to_ymd(d, &y, &m, &dd);
	snprintf(buf, KH_DAY_BUFSZ, "%04d-%02d-%02d", y, m, dd);
	return buf;
}

int kh_time_parse(const char *text, kh_time *out)
{
	if (!text)
		return -1;
	size_t len = strlen(text);
	size_t date_len = strcspn(text, " T");
	kh_day day;
	if (kh_day_parse_n(text, date_len, &day))
		return -1;
	int hh = 0, mm = 0, ss = 0;
	if (date_len < len) {
		const char *t = text + date_len + 1;
		size_t tl = len - date_len - 1;
		if (tl != 5 && tl != 8)
			return -1;
		if (digits(t, 2, &hh) || t[2] != ':' || digits(t + 3, 2, &mm))
			return -1;
		if (tl == 8 && (t[5] != ':' || digits(t + 6, 2, &ss)))
			return -1;
		if (hh > 23 || mm > 59 || ss > 59)
			return -1;
	}
	*out = (kh_time)day * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

char *kh_time_format(kh_time t, char *buf)
{
	kh_day d = kh_time_day(t);
	int secs = (int)(t - (kh_time)d * 86400);   /* 0 .. 86399 */
	char date[KH_DAY_BUFSZ];
	snprintf(buf, KH_TIME_BUFSZ, "%s %02d:%02d:%02d", kh_day_format(d, date),
	         secs / 3600 % 24, secs / 60 % 60, secs % 60);
	return buf;
}

int kh_time_now(kh_time *out)
{
	const char *fixed = getenv("KAOHE_NOW");
	if (fixed && *fixed)
		return kh_time_parse(fixed, out);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	*out = (kh_time)kh_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400
	       + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}

static void fill_period(struct kh_period *p)
{
	int first_month, months;
	switch (p->kind) {
	case KH_PERIOD_YEAR: first_month = 1; months = 12; break;
	case KH_PERIOD_HALF: first_month = 6 * (p->index - 1) + 1; months = 6; break;
	case KH_PERIOD_QUARTER: first_month = 3 * (p->index - 1) + 1; months = 3; break;
	default: first_month = p->index; months = 1; break;
	}
	int last_month = first_month + months - 1;
	p->first = kh_day_from_ymd(p->year, first_month, 1);
	p->last = kh_day_from_ymd(p->year, last_month,
	                          kh_days_in_month(p->year, last_month));
}

int kh_period_parse(const char *text, struct kh_period *out)
{
	if (!text)
		return -1;
	size_t len = strlen(text);
	int year;
	if (len < 4 || digits(text, 4, &year) || year < 1900 || year > 2200)
		return -1;
	struct kh_period p = { .year = year };
	if (len == 4) {
		p.kind = KH_PERIOD_YEAR;
	} else if (len == 6 && (text[4] == 'H' || text[4] == 'h')
	           && (text[5] == '1' || text[5] == '2')) {
		p.kind = KH_PERIOD_HALF;
		p.index = text[5] - '0';
	} else if (len == 6 && (text[4] == 'Q' || text[4] == 'q')
	           && text[5] >= '1' && text[5] <= '4') {
		p.kind = KH_PERIOD_QUARTER;
		p.index = text[5] - '0';
	} else if (len == 7 && text[4] == '-' && !digits(text + 5, 2, &p.index)
	           && p.index >= 1 && p.index <= 12) {
		p.kind = KH_PERIOD_MONTH;
	} else {
		return -1;
	}
	fill_period(&p);
	*out = p;
	return 0;
}

char *kh_period_format(const struct kh_period *p, char *buf)
{
	switch (p->kind) {
	case KH_PERIOD_YEAR: snprintf(buf, 12, "%04d", p->year); break;
	case KH_PERIOD_HALF: snprintf(buf, 12, "%04dH%d", p->year, p->index); break;
	case KH_PERIOD_QUARTER: snprintf(buf, 12, "%04dQ%d", p->year, p->index); break;
	default: snprintf(buf, 12, "%04d-%02d", p->year, p->index); break;
	}
	return buf;
}

void kh_period_containing(enum kh_period_kind kind, kh_day d,
                          struct kh_period *out)
{
	int y, m, dd;
	kh_day_to_ymd(d, &y, &m, &dd);
	struct kh_period p = { .kind = kind, .year = y };
	switch (kind) {
	case KH_PERIOD_YEAR: p.index = 0; break;
	case KH_PERIOD_HALF: p.index = (m - 1) / 6 + 1; break;
	case KH_PERIOD_QUARTER: p.index = (m - 1) / 3 + 1; break;
	default: p.index = m; break;
	}
	fill_period(&p);
	*out = p;
}
