/* calendar-files.c: reads calendar files — the shipped text format and
 * iCalendar (RFC 5545) holiday feeds — into whole years in memory.  It never
 * touches the database and never returns part of a bad file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "calendar-files.h"
#include "msg.h"
#include "utf8.h"

/* Stop reporting after this many errors in one file. */
#define MAX_ERRORS 20
/* No official holiday block is longer than this; longer events are refused. */
#define MAX_EVENT_DAYS 31
/* Names taken from feeds are cut to this many bytes. */
#define MAX_NAME_BYTES 60

void kh_cal_set_free(struct kh_cal_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		struct kh_cal_year *y = &set->years[i];
		for (size_t j = 0; j < y->count; j++)
			free(y->entries[j].name);
		free(y->entries);
		free(y->notice);
		free(y->source);
	}
	free(set->years);
	set->years = NULL;
	set->count = set->cap = 0;
}

static struct kh_cal_year *set_find_year(struct kh_cal_set *set, int year)
{
	for (size_t i = 0; i < set->count; i++)
		if (set->years[i].year == year)
			return &set->years[i];
	return NULL;
}

static struct kh_cal_year *set_add_year(struct kh_cal_set *set, int year)
{
	if (set->count == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 8;
		set->years = kh_xrealloc(set->years, set->cap * sizeof *set->years);
	}
	struct kh_cal_year *y = &set->years[set->count++];
	memset(y, 0, sizeof *y);
	y->year = year;
	return y;
}

static struct kh_cal_entry *year_find_day(struct kh_cal_year *y, kh_day day)
{
	for (size_t i = 0; i < y->count; i++)
		if (y->entries[i].day == day)
			return &y->entries[i];
	return NULL;
}

static void year_append(struct kh_cal_year *y, kh_day day, int workday,
                        const char *name, size_t name_len)
{
	if (y->count == y->cap) {
		y->cap = y->cap ? 2 * y->cap : 32;
		y->entries = kh_xrealloc(y->entries, y->cap * sizeof *y->entries);
	}
	struct kh_cal_entry *e = &y->entries[y->count++];
	e->day = day;
	e->workday = workday;
	e->name = kh_xmalloc(name_len + 1);
	memcpy(e->name, name, name_len);
	e->name[name_len] = '\0';
}

static int is_weekend(kh_day day)
{
	return kh_day_weekday(day) >= 5;
}

static int day_year(kh_day day)
{
	int y, m, d;
	kh_day_to_ymd(day, &y, &m, &d);
	return y;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct kh_cal_entry *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int cmp_year(const void *a, const void *b)
{
	const struct kh_cal_year *x = a, *y = b;
	return (x->year > y->year) - (x->year < y->year);
}

/* (A year may have no entries: qsort is never handed NULL.) */
static void set_sort(struct kh_cal_set *set)
{
	if (set->count > 1)
		qsort(set->years, set->count, sizeof *set->years, cmp_year);
	for (size_t i = 0; i < set->count; i++)
		if (set->years[i].count > 1)
			qsort(set->years[i].entries, set->years[i].count,
			      sizeof *set->years[i].entries, cmp_entry);
}

/* ---- reading a file ----------------------------------------------------- */

int kh_cal_read_file(const char *path, char **text, size_t *len,
                     struct kh_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		int missing = errno == ENOENT;
		kh_error("%s: %s", path, strerror(errno));
		return kh_fail(err, missing ? KH_ERR_NOINPUT : KH_ERR_IO);
	}
	size_t cap = 65536, used = 0;
	char *buf = kh_xmalloc(cap);
	for (;;) {
		if (used == cap) {
			if (cap >= (size_t)KH_CAL_MAX_FILE) {
				kh_error("%s: %s", path, kh_tr("文件过大（上限 16 MiB）",
				         "file too large (limit 16 MiB)"));
				free(buf);
				fclose(fp);
				return kh_fail(err, KH_ERR_DATA);
			}
			cap *= 2;
			buf = kh_xrealloc(buf, cap);
		}
		size_t got = fread(buf + used, 1, cap - used, fp);
		used += got;
		if (got == 0)
			break;
	}
	int failed = ferror(fp);
	fclose(fp);
	if (failed) {
		kh_error("%s: %s", path, kh_tr("读取失败", "read error"));
		free(buf);
		return kh_fail(err, KH_ERR_IO);
	}
	*text = buf;
	*len = used;
	return 0;
}

/* ---- lines ---------------------------------------------------------------- */

/* Iterates over physical lines; strips a trailing CR. */
struct line_reader {
	const char *text, *end, *pos;
	long number;
};

static void lines_init(struct line_reader *r, const char *text, size_t len)
{
	r->text = text;
	r->end = text + len;
	r->pos = text;
	r->number = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r->pos += 3;    /* UTF-8 byte order mark */
}

static int lines_next(struct line_reader *r, const char **line, size_t *len)
{
	if (r->pos >= r->end)
		return 0;
	const char *nl = memchr(r->pos, '\n', (size_t)(r->end - r->pos));
	const char *stop = nl ? nl : r->end;
	*line = r->pos;
	*len = (size_t)(stop - r->pos);
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	r->pos = nl ? nl + 1 : r->end;
	r->number++;
	return 1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ---- the shipped format ----------------------------------------------------- */

struct shipped_parser {
	const char *path;
	struct kh_cal_set *set;
	struct kh_cal_year *year;   /* the year the entries belong to */
	int errors;
};

static void shipped_error(struct shipped_parser *p, long line, long column,
                          const char *zh, const char *en, const char *got,
                          size_t got_len)
{
	if (++p->errors > MAX_ERRORS)
		return;
	if (got)
		kh_error_at(p->path, line, column, "%s (%s '%.*s')", kh_tr(zh, en),
		            kh_tr("得到", "got"), (int)(got_len > 60 ? 60 : got_len), got);
	else
		kh_error_at(p->path, line, column, "%s", kh_tr(zh, en));
}

/* Next token of [*pos, end) separated by blanks; its length, 0 at the end. */
static size_t next_token(const char **pos, const char *end, const char **token)
{
	while (*pos < end && is_blank(**pos))
		(*pos)++;
	*token = *pos;
	while (*pos < end && !is_blank(**pos))
		(*pos)++;
	return (size_t)(*pos - *token);
}

static void trim_blanks(const char **start, const char **end)
{
	while (*start < *end && is_blank(**start))
		(*start)++;
	while (*end > *start && is_blank((*end)[-1]))
		(*end)--;
}

static int parse_year_number(const char *text, size_t len, int *out)
{
	if (len != 4)
		return -1;
	int year = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		year = year * 10 + (text[i] - '0');
	}
	if (year < 1900 || year > 2199)
		return -1;
	*out = year;
	return 0;
}

static void shipped_year_line(struct shipped_parser *p, long line,
                              const char *line_start, const char *rest,
                              const char *end)
{
	const char *token;
	size_t len = next_token(&rest, end, &token);
	int year;
	if (parse_year_number(token, len, &year)) {
		shipped_error(p, line, (long)(token - line_start) + 1,
		              "年份无效", "invalid year", token, len);
		return;
	}
	if (set_find_year(p->set, year)) {
		shipped_error(p, line, (long)(token - line_start) + 1,
		              "年份重复", "year given twice", token, len);
		return;
	}
	p->year = set_add_year(p->set, year);
}

/* "2024-02-10" or "2024-02-10..2024-02-17" */
static int parse_day_range(const char *text, size_t len, kh_day *first,
                           kh_day *last)
{
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < len; i++)
		if (text[i] == '.' && text[i + 1] == '.') {
			dots = text + i;
			break;
		}
	if (!dots) {
		if (kh_day_parse_n(text, len, first))
			return -1;
		*last = *first;
		return 0;
	}
	size_t first_len = (size_t)(dots - text);
	if (kh_day_parse_n(text, first_len, first) ||
	    kh_day_parse_n(dots + 2, len - first_len - 2, last) || *last < *first)
		return -1;
	return 0;
}

static void shipped_entry_line(struct shipped_parser *p, long line,
                               const char *line_start, const char *rest,
                               const char *end, int workday)
{
	const char *token;
	size_t len = next_token(&rest, end, &token);
	long column = (long)(token - line_start) + 1;
	const char *name = rest, *name_end = end;
	trim_blanks(&name, &name_end);
	kh_day first, last;
	if (!p->year) {
		shipped_error(p, line, 1, "条目之前须有 year 行",
		              "an entry before the 'year' line", NULL, 0);
		return;
	}
	if (parse_day_range(token, len, &first, &last)) {
		shipped_error(p, line, column, "日期或日期范围无效",
		              "invalid date or date range", token, len);
		return;
	}
	if (name == name_end) {
		shipped_error(p, line, (long)(end - line_start) + 1, "缺少节日名称",
		              "missing the holiday's name", NULL, 0);
		return;
	}
	if (workday && first != last) {
		shipped_error(p, line, column, "调休上班日须逐日列出",
		              "list adjusted working days one per line", token, len);
		return;
	}
	for (kh_day d = first; d <= last; d++) {
		if (day_year(d) != p->year->year) {
			shipped_error(p, line, column, "日期不在该年内",
			              "date outside the year", token, len);
			return;
		}
		if (workday && !is_weekend(d)) {
			shipped_error(p, line, column, "调休上班日必须是周六或周日",
			              "an adjusted working day must be a Saturday or Sunday",
			              token, len);
			return;
		}
		if (year_find_day(p->year, d)) {
			shipped_error(p, line, column, "日期重复", "date listed twice",
			              token, len);
			return;
		}
		year_append(p->year, d, workday, name, (size_t)(name_end - name));
	}
}

static void shipped_notice_line(struct shipped_parser *p, long line,
                                const char *rest, const char *end)
{
	trim_blanks(&rest, &end);
	if (!p->year) {
		shipped_error(p, line, 1, "notice 行之前须有 year 行",
		              "a 'notice' line before the 'year' line", NULL, 0);
		return;
	}
	free(p->year->notice);
	p->year->notice = kh_xmalloc((size_t)(end - rest) + 1);
	memcpy(p->year->notice, rest, (size_t)(end - rest));
	p->year->notice[end - rest] = '\0';
}

static void shipped_line(struct shipped_parser *p, long number,
                         const char *line, size_t len)
{
	const char *pos = line, *end = line + len, *keyword;
	size_t klen = next_token(&pos, end, &keyword);
	if (klen == 0 || keyword[0] == '#')
		return;
	if (klen == 4 && memcmp(keyword, "year", 4) == 0)
		shipped_year_line(p, number, line, pos, end);
	else if (klen == 6 && memcmp(keyword, "notice", 6) == 0)
		shipped_notice_line(p, number, pos, end);
	else if (klen == 7 && memcmp(keyword, "holiday", 7) == 0)
		shipped_entry_line(p, number, line, pos, end, 0);
	else if (klen == 7 && memcmp(keyword, "workday", 7) == 0)
		shipped_entry_line(p, number, line, pos, end, 1);
	else
		shipped_error(p, number, (long)(keyword - line) + 1,
		              "未知的行类型（应为 year、notice、holiday 或 workday）",
		              "unknown line (want year, notice, holiday or workday)",
		              keyword, klen);
}

int kh_cal_parse_shipped(const char *path, const char *text, size_t len,
                         struct kh_cal_set *out)
{
	struct shipped_parser p = { path, out, NULL, 0 };
	struct line_reader r;
	const char *line;
	size_t line_len;
	memset(out, 0, sizeof *out);
	lines_init(&r, text, len);
	while (lines_next(&r, &line, &line_len)) {
		size_t ok = kh_utf8_prefix(line, line_len);
		if (ok < line_len)
			shipped_error(&p, r.number, (long)ok + 1, "不是有效的 UTF-8",
			              "not valid UTF-8", NULL, 0);
		else if (memchr(line, '\0', line_len))
			shipped_error(&p, r.number, 0, "含有 NUL 字节",
			              "contains a NUL byte", NULL, 0);
		else
			shipped_line(&p, r.number, line, line_len);
	}
	if (!p.errors && out->count == 0)
		shipped_error(&p, 0, 0, "文件中没有任何年份", "no year in the file",
		              NULL, 0);
	if (p.errors) {
		kh_cal_set_free(out);
		return -1;
	}
	set_sort(out);
	return 0;
}

/* ---- iCalendar ------------------------------------------------------------ */

/* A content line after unfolding: NAME;PARAMS:VALUE */
struct ics_line {
	char *text;         /* the unfolded line, NUL terminated */
	long number;        /* physical line it starts on */
	char *name, *params, *value;  /* into text; params may be "" */
};

/* One VEVENT while it is read. */
struct ics_event {
	long line;
	int has_start, start_is_date;
	kh_day start;
	int has_end, end_is_date;
	kh_day end;               /* exclusive */
	int duration_days;        /* 0 when no DURATION */
	char *summary;
	int cancelled, recurring;
};

struct ics_parser {
	const char *path;
	int errors;
	struct kh_cal_set all;    /* every marked day, grouped by year */
};

static void ics_error(struct ics_parser *p, long line, const char *zh,
                      const char *en, const char *got)
{
	if (++p->errors > MAX_ERRORS)
		return;
	if (got)
		kh_error_at(p->path, line, 0, "%s (%s '%.60s')", kh_tr(zh, en),
		            kh_tr("得到", "got"), got);
	else
		kh_error_at(p->path, line, 0, "%s", kh_tr(zh, en));
}

/* Split an unfolded line at the first ';' or ':' and the first ':' outside
 * double quotes after it.  -1 when there is no ':'. */
static int ics_split(struct ics_line *l)
{
	char *s = l->text;
	size_t n = strcspn(s, ";:");
	if (s[n] == '\0')
		return -1;
	l->name = s;
	if (s[n] == ':') {
		s[n] = '\0';
		l->params = s + n;   /* the empty string */
		l->value = s + n + 1;
		return 0;
	}
	s[n] = '\0';
	l->params = s + n + 1;
	int quoted = 0;
	for (char *c = l->params; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (*c == ':' && !quoted) {
			*c = '\0';
			l->value = c + 1;
			return 0;
		}
	}
	return -1;
}

/* Does the parameter list contain VALUE=DATE? */
static int params_value_date(const char *params)
{
	const char *p = params;
	while (*p) {
		size_t n = strcspn(p, ";");
		if (n == 10 && strncasecmp(p, "VALUE=DATE", 10) == 0)
			return 1;
		p += n;
		if (*p == ';')
			p++;
	}
	return 0;
}

/* DTSTART/DTEND value: a DATE (8 digits), or a DATE-TIME (is_date = 0). */
static int ics_parse_date(const char *value, const char *params, kh_day *out,
                          int *is_date)
{
	size_t len = strlen(value);
	if (len < 8 || kh_day_parse_n(value, 8, out))
		return -1;
	for (int i = 0; i < 8; i++)
		if (value[i] < '0' || value[i] > '9')
			return -1;
	*is_date = len == 8 || params_value_date(params);
	if (len > 8 && params_value_date(params))
		return -1;   /* VALUE=DATE with a time part */
	return 0;
}

/* DURATION: P<n>D or P<n>W (all a day-based holiday needs). */
static int ics_parse_duration(const char *value, int *days)
{
	const char *p = value;
	if (*p == '+')
		p++;
	if (*p++ != 'P')
		return -1;
	long n = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 6) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits || n <= 0)
		return -1;
	if (p[0] == 'D' && p[1] == '\0')
		*days = (int)n;
	else if (p[0] == 'W' && p[1] == '\0' && n <= 1000)
		*days = (int)n * 7;
	else
		return -1;
	return 0;
}

/* RFC 5545 TEXT unescaping: \\ \; \, \n \N. */
static char *ics_unescape(const char *value)
{
	char *out = kh_xmalloc(strlen(value) + 1), *o = out;
	for (const char *s = value; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = (*s == 'n' || *s == 'N') ? ' ' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static int contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++)
		if (strncasecmp(h, needle, n) == 0)
			return 1;
	return 0;
}

/* 1 adjusted working day, 0 rest day, -1 neither (the event is ignored).
 * A summary naming 班 is a working day even when it also says 调休. */
static int classify_summary(const char *summary)
{
	if (contains(summary, "班") || contains_nocase(summary, "workday") ||
	    contains_nocase(summary, "working day") ||
	    contains_nocase(summary, "make-up"))
		return 1;
	if (contains(summary, "休") || contains(summary, "假") ||
	    contains_nocase(summary, "holiday") || contains_nocase(summary, "day off"))
		return 0;
	return -1;
}

static int ends_with(const char *start, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(start + len - n, suffix, n) == 0;
}

/* The holiday's name out of a summary: the text before the first blank or
 * bracket, less a trailing marker (补班, 上班, 放假, 假期, 休, 班...). */
static size_t summary_name(const char *summary, const char **name)
{
	static const char *const stops[] = { " ", "\t", "(", "（", "[", "【",
	                                     "-", ":", "：", "·", "/", ",", "，",
	                                     ";", "；", NULL };
	static const char *const markers[] = { "调休上班", "补班", "上班", "调休",
	                                       "放假", "假期", "休息", "休", "班",
	                                       "假", NULL };
	const char *s = summary;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	for (int i = 0; stops[i]; i++) {
		const char *hit = strstr(s, stops[i]);
		if (hit && (size_t)(hit - s) < len)
			len = (size_t)(hit - s);
	}
	size_t whole = strlen(s);
	if (len > MAX_NAME_BYTES)
		len = MAX_NAME_BYTES;   /* keep names short... */
	while (len > 0 && len < whole && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;                  /* ...cut on a UTF-8 character boundary */
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; markers[i]; i++)
			if (ends_with(s, len, markers[i])) {
				len -= strlen(markers[i]);
				again = 1;
			}
	}
	*name = s;
	return len;
}

static void ics_add_day(struct ics_parser *p, long line, kh_day day,
                        int workday, const char *name, size_t name_len)
{
	int year = day_year(day);
	struct kh_cal_year *y = set_find_year(&p->all, year);
	if (!y)
		y = set_add_year(&p->all, year);
	struct kh_cal_entry *e = year_find_day(y, day);
	if (e) {
		if (e->workday != workday) {
			char buf[KH_DAY_BUFSZ];
			ics_error(p, line, "同一天既是休息日又是上班日",
			          "a day is both a rest day and a working day",
			          kh_day_format(day, buf));
		}
		return;   /* overlapping events of the same kind merge */
	}
	if (workday && !is_weekend(day)) {
		char buf[KH_DAY_BUFSZ];
		ics_error(p, line, "调休上班日必须是周六或周日",
		          "an adjusted working day must be a Saturday or Sunday",
		          kh_day_format(day, buf));
		return;
	}
	year_append(y, day, workday, name, name_len);
}

static void ics_finish_event(struct ics_parser *p, struct ics_event *ev)
{
	if (!ev->summary || ev->cancelled)
		return;
	int workday = classify_summary(ev->summary);
	if (workday < 0)
		return;
	if (!ev->has_start) {
		ics_error(p, ev->line, "VEVENT 缺少 DTSTART", "VEVENT without DTSTART",
		          ev->summary);
		return;
	}
	if (!ev->start_is_date || (ev->has_end && !ev->end_is_date)) {
		ics_error(p, ev->line, "DTSTART/DTEND 须为全天日期（VALUE=DATE）",
		          "DTSTART/DTEND must be all-day dates (VALUE=DATE)", ev->summary);
		return;
	}
	if (ev->recurring) {
		ics_error(p, ev->line, "不支持重复事件（RRULE）",
		          "recurring events (RRULE) are not supported", ev->summary);
		return;
	}
	kh_day end = ev->has_end ? ev->end
	           : ev->start + (ev->duration_days ? ev->duration_days : 1);
	if (end <= ev->start || end - ev->start > MAX_EVENT_DAYS) {
		ics_error(p, ev->line, "事件的日期范围无效（须为 1 至 31 天）",
		          "event date range invalid (must be 1 to 31 days)", ev->summary);
		return;
	}
	const char *name;
	size_t name_len = summary_name(ev->summary, &name);
	if (name_len == 0) {
		name = workday ? "调休上班" : "法定节假日";
		name_len = strlen(name);
	}
	for (kh_day d = ev->start; d < end; d++)
		ics_add_day(p, ev->line, d, workday, name, name_len);
}

static void ics_event_property(struct ics_parser *p, struct ics_event *ev,
                               struct ics_line *l)
{
	if (strcasecmp(l->name, "DTSTART") == 0) {
		if (ics_parse_date(l->value, l->params, &ev->start, &ev->start_is_date))
			ics_error(p, l->number, "DTSTART 日期无效", "invalid DTSTART",
			          l->value);
		else
			ev->has_start = 1;
	} else if (strcasecmp(l->name, "DTEND") == 0) {
		if (ics_parse_date(l->value, l->params, &ev->end, &ev->end_is_date))
			ics_error(p, l->number, "DTEND 日期无效", "invalid DTEND", l->value);
		else
			ev->has_end = 1;
	} else if (strcasecmp(l->name, "DURATION") == 0) {
		if (ics_parse_duration(l->value, &ev->duration_days))
			ics_error(p, l->number, "DURATION 无效（须为 PnD 或 PnW）",
			          "invalid DURATION (want PnD or PnW)", l->value);
	} else if (strcasecmp(l->name, "SUMMARY") == 0) {
		free(ev->summary);
		ev->summary = ics_unescape(l->value);
	} else if (strcasecmp(l->name, "STATUS") == 0) {
		ev->cancelled = strcasecmp(l->value, "CANCELLED") == 0;
	} else if (strcasecmp(l->name, "RRULE") == 0 ||
	           strcasecmp(l->name, "RDATE") == 0) {
		ev->recurring = 1;
	}
}

/* The reader's state between content lines. */
struct ics_state {
	int seen_calendar;    /* BEGIN:VCALENDAR read */
	int in_event;         /* inside a VEVENT */
	int nested;           /* depth of components inside the VEVENT */
	struct ics_event event;
};

static void ics_content_line(struct ics_parser *p, struct ics_state *st,
                             struct ics_line *l)
{
	if (ics_split(l)) {
		ics_error(p, l->number, "不是 iCalendar 内容行（缺少 ':'）",
		          "not an iCalendar content line (no ':')", l->text);
		return;
	}
	int begin = strcasecmp(l->name, "BEGIN") == 0;
	int end = strcasecmp(l->name, "END") == 0;
	if (!st->seen_calendar) {
		if (!begin || strcasecmp(l->value, "VCALENDAR") != 0)
			ics_error(p, l->number, "须以 BEGIN:VCALENDAR 开头",
			          "must start with BEGIN:VCALENDAR", l->name);
		st->seen_calendar = 1;
		return;
	}
	if (!st->in_event) {
		if (begin && strcasecmp(l->value, "VEVENT") == 0) {
			memset(&st->event, 0, sizeof st->event);
			st->event.line = l->number;
			st->in_event = 1;
			st->nested = 0;
		}
		return;
	}
	if (begin) {
		st->nested++;
	} else if (end && st->nested > 0) {
		st->nested--;
	} else if (end) {
		ics_finish_event(p, &st->event);
		free(st->event.summary);
		st->event.summary = NULL;
		st->in_event = 0;
	} else if (st->nested == 0) {
		ics_event_property(p, &st->event, l);
	}
}

/* Keep only the years whose 1 January is a rest day in the feed (元旦 is a
 * holiday every year, so a year with it is a year the feed covers); days
 * spilling into other years (元旦 blocks starting on 12-31) are dropped. */
static void ics_keep_whole_years(struct ics_parser *p, struct kh_cal_set *out)
{
	for (size_t i = 0; i < p->all.count; i++) {
		struct kh_cal_year *y = &p->all.years[i];
		struct kh_cal_entry *jan1 = year_find_day(y, kh_day_from_ymd(y->year, 1, 1));
		if (jan1 && !jan1->workday) {
			struct kh_cal_year *kept = set_add_year(out, y->year);
			*kept = *y;
			memset(y, 0, sizeof *y);
			continue;
		}
		kh_warn("%s: %s %d %s (%zu %s)", p->path, kh_tr("忽略", "ignoring"),
		        y->year, kh_tr("年：源中没有该年元旦，不是完整的一年",
		                       "(no 元旦 on 1 January: not a whole year)"),
		        y->count, kh_tr("天", "days"));
	}
}

int kh_cal_parse_ics(const char *path, const char *text, size_t len,
                     struct kh_cal_set *out)
{
	struct ics_parser p = { path, 0, { NULL, 0, 0 } };
	struct ics_state st;
	struct line_reader r;
	const char *line;
	size_t line_len;
	struct ics_line cur = { NULL, 0, NULL, NULL, NULL };
	size_t cur_len = 0, cur_cap = 0;
	memset(out, 0, sizeof *out);
	memset(&st, 0, sizeof st);
	lines_init(&r, text, len);
	for (int more = 1; more;) {
		more = lines_next(&r, &line, &line_len);
		if (more && line_len > 0 && is_blank(line[0]) && cur.text) {
			line++;      /* a folded continuation: drop one blank */
			line_len--;
		} else {
			/* UTF-8 is checked once unfolded: a fold may split a
			 * character (RFC 5545 3.1). */
			if (cur.text && cur_len > 0 && !kh_utf8_valid(cur.text, cur_len))
				ics_error(&p, cur.number, "不是有效的 UTF-8（RFC 5545 要求 UTF-8）",
				          "not valid UTF-8 (RFC 5545 requires it)", NULL);
			else if (cur.text && cur_len > 0)
				ics_content_line(&p, &st, &cur);
			cur_len = 0;
			cur.number = r.number;
			if (!more)
				break;
		}
		if (cur_len + line_len + 1 > cur_cap) {
			cur_cap = (cur_len + line_len + 1) * 2;
			cur.text = kh_xrealloc(cur.text, cur_cap);
		}
		memcpy(cur.text + cur_len, line, line_len);
		cur_len += line_len;
		cur.text[cur_len] = '\0';
		if (memchr(line, '\0', line_len))
			ics_error(&p, r.number, "含有 NUL 字节", "contains a NUL byte", NULL);
	}
	free(cur.text);
	free(st.event.summary);
	if (!st.seen_calendar)
		ics_error(&p, 0, "不是 iCalendar 文件", "not an iCalendar file", NULL);
	else if (st.in_event)
		ics_error(&p, st.event.line, "VEVENT 没有结束（缺少 END:VEVENT）",
		          "VEVENT not closed (no END:VEVENT)", NULL);
	if (!p.errors)
		ics_keep_whole_years(&p, out);
	kh_cal_set_free(&p.all);
	if (!p.errors && out->count == 0)
		ics_error(&p, 0, "没有完整的年份（须含 1 月 1 日元旦休息日）",
		          "no whole year (a year needs its 1 January rest day)", NULL);
	if (p.errors) {
		kh_cal_set_free(out);
		return -1;
	}
	set_sort(out);
	return 0;
}

int kh_cal_parse(const char *path, const char *text, size_t len,
                 struct kh_cal_set *out)
{
	const char *s = text, *end = text + len;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	if ((size_t)(end - s) >= 15 && strncasecmp(s, "BEGIN:VCALENDAR", 15) == 0)
		return kh_cal_parse_ics(path, text, len, out);
	return kh_cal_parse_shipped(path, text, len, out);
}
