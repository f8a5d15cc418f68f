/* mapping.c: column-mapping profiles (man 5 kaohe-mapping).  A profile is
 * a small line format: `TARGET <- SOURCE | SOURCE...`, indented value maps
 * `是 -> yes` and date formats `date YYYY年M月D日` under it, and optional
 * `kind`, `sheet` and `header-row` lines.  Parsing and applying only; the
 * import engine decides what a mapped field means. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "datadir.h"
#include "dates.h"
#include "mapping.h"
#include "msg.h"
#include "xmlsafe.h"

#define PROFILE_MAX_BYTES (1024 * 1024)

struct value_rule { char *from, *to; };

struct target {
	char **sources;
	int nsources;
	struct value_rule *values;
	int nvalues;
	char **formats;
	int nformats;
};

struct kh_mapping {
	char *path;
	char *sheet;
	long header_row;
	int ncolumns;
	struct target col[KH_IMPORT_MAX_COLUMNS];
};

/* --- names ----------------------------------------------------------------- */

/* The next byte of s that is not white space (ASCII, U+3000, U+00A0). */
static const unsigned char *skip_space(const unsigned char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;
		else if (p[0] == 0xC2 && p[1] == 0xA0)
			p += 2;
		else
			return p;
	}
}

int kh_mapping_same_name(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (;;) {
		p = skip_space(p);
		q = skip_space(q);
		if (!*p || !*q)
			return !*p && !*q;
		if (*p != *q)
			return 0;
		p++;
		q++;
	}
}

/* --- loading ----------------------------------------------------------------- */

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* `""` stands for an empty field. */
static char *unquote(char *s)
{
	size_t n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s[n - 1] = '\0';
		return s + 1;
	}
	return s;
}

/* Split at the first of two spellings of an arrow; NULL when neither. */
static char *split_arrow(char *line, const char *ascii, const char *uni)
{
	char *a = strstr(line, ascii), *u = strstr(line, uni);
	char *at = a && (!u || a < u) ? a : u;
	if (!at)
		return NULL;
	*at = '\0';
	return at + (at == a ? strlen(ascii) : strlen(uni));
}

static int date_format_ok(const char *f)
{
	int y = 0, m = 0, d = 0;
	for (const char *p = f; *p; p++) {
		if (strncmp(p, "YYYY", 4) == 0) {
			y++;
			p += 3;
		} else if (*p == 'M') {
			m++;
			if (p[1] == 'M')
				p++;
		} else if (*p == 'D') {
			d++;
			if (p[1] == 'D')
				p++;
		} else if (*p == '*' && p[1]) {
			return 0;   /* only at the end */
		}
	}
	return y == 1 && m == 1 && d == 1;
}

static void push(char ***list, int *n, const char *text)
{
	*list = kh_xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
	(*list)[(*n)++] = kh_xstrdup(text);
}

static int load_error(const char *path, long line, struct kh_err *err,
                      const char *zh, const char *en, const char *what)
{
	kh_error_at(path, line, 0, "%s%s%s%s", kh_tr(zh, en), what ? " '" : "",
	            what ? what : "", what ? "'" : "");
	return kh_fail(err, KH_ERR_DATA);
}

static char *resolve(const char *spec)
{
	if (strchr(spec, '/') || access(spec, F_OK) == 0)
		return kh_xstrdup(spec);
	char *relative = kh_xasprintf("data/mappings/%s.map", spec);
	char *path = kh_data_path(relative);
	free(relative);
	return path;
}

int kh_mapping_load(const char *spec, const struct kh_import_kind *kind,
                    struct kh_mapping **out, struct kh_err *err)
{
	*out = NULL;
	char *path = resolve(spec);
	size_t size = 0;
	char *text = kh_read_whole_file(path, &size);
	if (!text) {
		kh_error("%s: %s (%s)", path, strerror(errno),
		         kh_tr("--map 取文件路径或 data/mappings/ 中的配置名",
		               "--map takes a file or the name of a profile in data/mappings/"));
		free(path);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	struct kh_mapping *map = kh_xcalloc(1, sizeof *map);
	map->path = path;
	map->ncolumns = kind->ncolumns;
	int status = 0;
	if (size > PROFILE_MAX_BYTES || memchr(text, '\0', size)) {
		status = load_error(path, 0, err, "不是映射配置文件（过大或含 NUL 字节）",
		                    "not a mapping profile (too large, or NUL bytes)", NULL);
		goto done;
	}
	int current = -1;
	long lineno = 0;
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		char *hash = line;
		/* A comment starts a line, or follows white space. */
		for (char *p = line; *p; p++)
			if (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t')) {
				*p = '\0';
				break;
			}
		int indented = line[0] == ' ' || line[0] == '\t';
		char *body = trim(hash);
		if (!*body)
			continue;
		if (indented) {
			if (current < 0) {
				status = load_error(path, lineno, err, "缩进的行必须在某一列的“<-”行之下",
				                    "an indented line must follow a column's '<-' line",
				                    NULL);
				continue;
			}
			struct target *t = &map->col[current];
			char *to = split_arrow(body, "->", "→");
			if (to) {
				t->values = kh_xrealloc(t->values, (size_t)(t->nvalues + 1) * sizeof *t->values);
				t->values[t->nvalues].from = kh_xstrdup(unquote(trim(body)));
				t->values[t->nvalues].to = kh_xstrdup(unquote(trim(to)));
				t->nvalues++;
			} else if (strncmp(body, "date ", 5) == 0 || strncmp(body, "date\t", 5) == 0) {
				char *f = trim(body + 5);
				if (!date_format_ok(f)) {
					status = load_error(path, lineno, err,
					                    "日期格式须含 YYYY、M 或 MM、D 或 DD 各一次（* 只能在末尾）",
					                    "a date format needs YYYY, M or MM and D or DD once "
					                    "each (* only at the end)", f);
					continue;
				}
				push(&t->formats, &t->nformats, f);
			} else {
				status = load_error(path, lineno, err,
				                    "缩进的行应为“值 -> 存储值”或“date 格式”",
				                    "an indented line is 'VALUE -> STORED' or 'date FORMAT'",
				                    body);
			}
			continue;
		}
		current = -1;
		char *source = split_arrow(body, "<-", "←");
		if (!source) {
			char *arg = body + strcspn(body, " \t");
			if (*arg)
				*arg++ = '\0';
			arg = trim(arg);
			if (strcmp(body, "kind") == 0) {
				if (strcmp(arg, kind->name) != 0)
					status = load_error(path, lineno, err, "配置用于另一种记录",
					                    "the profile is for another record kind", arg);
			} else if (strcmp(body, "sheet") == 0 && *arg) {
				free(map->sheet);
				map->sheet = kh_xstrdup(arg);
			} else if (strcmp(body, "header-row") == 0) {
				char *end;
				long n = strtol(arg, &end, 10);
				if (*end || n < 1 || n > 1048576)
					status = load_error(path, lineno, err, "header-row 须为正整数",
					                    "header-row takes a positive number", arg);
				else
					map->header_row = n;
			} else {
				status = load_error(path, lineno, err,
				                    "不认识的行（应为“列 <- 表头”、kind、sheet 或 header-row）",
				                    "unknown line (want 'COLUMN <- HEADER', kind, sheet "
				                    "or header-row)", body);
			}
			continue;
		}
		char *name = trim(body);
		int c = kh_import_column_index(kind, name);
		if (c < 0 || kind->columns[c].type == KH_COL_DERIVED) {
			status = load_error(path, lineno, err, "记录类型中没有这一列",
			                    "the record kind has no such column", name);
			continue;
		}
		if (map->col[c].nsources) {
			status = load_error(path, lineno, err, "这一列已映射过",
			                    "the column is mapped already", name);
			continue;
		}
		current = c;
		char *alt_save = NULL;
		for (char *alt = strtok_r(source, "|", &alt_save); alt;
		     alt = strtok_r(NULL, "|", &alt_save)) {
			char *a = trim(alt);
			if (!*a)
				continue;
			for (int k = 0; k < kind->ncolumns; k++)
				for (int i = 0; i < map->col[k].nsources; i++)
					if (kh_mapping_same_name(map->col[k].sources[i], a))
						status = load_error(path, lineno, err,
						                    "同一表头映射到两列", "a header mapped to two columns", a);
			push(&map->col[c].sources, &map->col[c].nsources, a);
		}
		if (!map->col[c].nsources)
			status = load_error(path, lineno, err, "“<-”后缺少表头",
			                    "no header after '<-'", name);
	}
done:
	free(text);
	if (status) {
		kh_mapping_free(map);
		return -1;
	}
	*out = map;
	return 0;
}

void kh_mapping_free(struct kh_mapping *map)
{
	if (!map)
		return;
	for (int c = 0; c < KH_IMPORT_MAX_COLUMNS; c++) {
		struct target *t = &map->col[c];
		for (int i = 0; i < t->nsources; i++)
			free(t->sources[i]);
		for (int i = 0; i < t->nvalues; i++) {
			free(t->values[i].from);
			free(t->values[i].to);
		}
		for (int i = 0; i < t->nformats; i++)
			free(t->formats[i]);
		free(t->sources);
		free(t->values);
		free(t->formats);
	}
	free(map->path);
	free(map->sheet);
	free(map);
}

const char *kh_mapping_path(const struct kh_mapping *map) { return map->path; }
const char *kh_mapping_sheet(const struct kh_mapping *map) { return map->sheet; }
long kh_mapping_header_row(const struct kh_mapping *map) { return map->header_row; }

int kh_mapping_column(const struct kh_mapping *map, const char *header)
{
	for (int c = 0; c < map->ncolumns; c++)
		for (int i = 0; i < map->col[c].nsources; i++)
			if (kh_mapping_same_name(map->col[c].sources[i], header))
				return c;
	return -1;
}

/* --- values -------------------------------------------------------------------- */

/* n digits (exactly, or 1..n when loose) at *p. */
static int take_digits(const char **p, const char *end, int n, int loose, int *out)
{
	int v = 0, got = 0;
	while (got < n && *p < end && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		got++;
	}
	if (got == 0 || (!loose && got != n))
		return -1;
	*out = v;
	return 0;
}

/* 1 when s matches the format (y, m, d set), 0 when not. */
static int match_date(const char *f, const char *s, size_t len, int *y, int *m,
                      int *d)
{
	const char *p = s, *end = s + len;
	while (*f) {
		if (strncmp(f, "YYYY", 4) == 0) {
			if (take_digits(&p, end, 4, 0, y))
				return 0;
			f += 4;
		} else if (f[0] == 'M' || f[0] == 'D') {
			int two = f[1] == f[0];
			if (take_digits(&p, end, 2, !two, f[0] == 'M' ? m : d))
				return 0;
			f += two ? 2 : 1;
		} else if (*f == '*') {
			return 1;
		} else {
			if (p >= end || *p != *f)
				return 0;
			p++;
			f++;
		}
	}
	return p == end;
}

int kh_mapping_value(const struct kh_mapping *map, int column, const char *raw,
                     size_t len, const char **out, size_t *out_len, char *buf,
                     size_t size)
{
	*out = raw;
	*out_len = len;
	const struct target *t = &map->col[column];
	const char *s = raw;
	size_t n = len;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (int i = 0; i < t->nvalues; i++)
		if (strlen(t->values[i].from) == n && memcmp(t->values[i].from, s, n) == 0) {
			*out = t->values[i].to;
			*out_len = strlen(t->values[i].to);
			return 0;
		}
	for (int i = 0; i < t->nformats; i++) {
		int y = 0, m = 0, d = 0;
		if (!match_date(t->formats[i], s, n, &y, &m, &d))
			continue;
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
		kh_day day;
		if (kh_day_parse(buf, &day))
			return -1;
		*out = buf;
		*out_len = strlen(buf);
		return 0;
	}
	return 0;
}

int kh_mapping_value_count(const struct kh_mapping *map, int column)
{
	return map->col[column].nvalues;
}

const char *kh_mapping_formats(const struct kh_mapping *map, int column)
{
	static char text[512];
	const struct target *t = &map->col[column];
	size_t used = 0;
	text[0] = '\0';
	for (int i = 0; i < t->nformats && used < sizeof text; i++) {
		int n = snprintf(text + used, sizeof text - used, "%s%s", i ? " | " : "",
		                 t->formats[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return text;
}

const char *kh_mapping_source(const struct kh_mapping *map, int column)
{
	const struct target *t = &map->col[column];
	return t->nsources ? t->sources[0] : NULL;
}

const char *kh_mapping_unvalue(const struct kh_mapping *map, int column,
                               const char *value)
{
	const struct target *t = &map->col[column];
	for (int i = 0; i < t->nvalues; i++)
		if (strcmp(t->values[i].to, value) == 0)
			return t->values[i].from;
	return value;
}

const char *kh_mapping_undate(const struct kh_mapping *map, int column,
                              const char *date, char *buf, size_t size)
{
	const struct target *t = &map->col[column];
	int y, m, d;
	if (!t->nformats || strlen(date) != 10
	    || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return date;
	size_t used = 0;
	for (const char *f = t->formats[0]; *f && used + 8 < size;) {
		int n = 0;
		if (strncmp(f, "YYYY", 4) == 0) {
			n = snprintf(buf + used, size - used, "%04d", y);
			f += 4;
		} else if (f[0] == 'M' || f[0] == 'D') {
			int two = f[1] == f[0];
			n = snprintf(buf + used, size - used, two ? "%02d" : "%d",
			             f[0] == 'M' ? m : d);
			f += two ? 2 : 1;
		} else if (*f == '*') {
			f++;
		} else {
			buf[used] = *f++;
			n = 1;
		}
		used += (size_t)n;
	}
	buf[used] = '\0';
	return buf;
}
