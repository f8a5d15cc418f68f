/* import.c: the import engine.  Streams each file through csvread.c (or
 * xlsxread.c for a workbook: the same row stream), maps the header with
 * the kind's column table (and a mapping profile, mapping.c), validates
 * every field, and
 * hands the good rows to one store import session for all the files
 * (store-import.h: batching, exact counts and provenance live there).  Any
 * bad field anywhere means the session is not kept: nothing is written.
 * No SQL here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "csvread.h"
#include "import.h"
#include "err-exit.h"
#include "mapping.h"
#include "money.h"
#include "msg.h"
#include "store-import.h"
#include "utf8.h"
#include "xlsxread.h"

/* Rows between looks at the clock for the progress line. */
#define PROGRESS_EVERY 16384
/* Keys repeated within one file that are looked up and shown, and the
 * lines kept for each (the count and the last line are always exact). */
#define REPEATS_SHOWN 20
#define REPEAT_LINES 8
/* Unknown header columns named in the warning. */
#define UNKNOWN_SHOWN 10

/* A key that more than one row of the file has. */
struct repeat {
	char *key;                     /* key_of() bytes */
	size_t key_len;
	char *shown;                   /* "合同 h1，结算单号 C2" */
	long lines[REPEAT_LINES];
	int nlines;
	long count, last;
};

_Static_assert(KH_IMPORT_MAX_COLUMNS <= KH_STORE_IMPORT_MAX_COLUMNS,
               "a kind has more columns than the store takes");

struct engine {
	struct kh_import_session *session;
	struct kh_err *err;
	const struct kh_import_kind *kind;
	const struct kh_import_options *opt;
	const char *file;
	struct kh_import_counts *counts;
	int csv_column[KH_IMPORT_MAX_COLUMNS];
	int header_fields;
	int header_done;
	long errors;                   /* bad fields, all files */
	long rows_total;
	struct timespec started, last_shown;
	int progress_shown;
	struct kh_import_row row;
	struct repeat repeats[REPEATS_SHOWN];   /* of the current file */
	int nrepeats;
	long repeated_rows;            /* rows whose key an earlier row had */
	int rescanning;                /* reading the file again for lines */
	struct kh_mapping *map;        /* --map, or NULL */
	const char *sheet;             /* the sheet of an XLSX file, else NULL */
	const unsigned char *cells;    /* the current row's KH_CELL_* bits */
	char conv[KH_IMPORT_MAX_COLUMNS][KH_XLSX_SERIAL_BUFSZ];   /* fields rewritten by the map */
	struct kh_xlsx_result xres;    /* the workbook being read */
};

/* Where a message points: FILE:LINE:COLUMN for CSV, FILE:SHEET!C17 for a
 * workbook (FILE:SHEET!17:17 for a whole row). */
static const char *where(const struct engine *e, const char *file, long line,
                         long col)
{
	static char buf[1024];
	char cell[KH_XLSX_CELL_BUFSZ];
	if (!e->sheet)
		snprintf(buf, sizeof buf, "%s%s%.0ld%s%.0ld", file, line ? ":" : "",
		         line, col && line ? ":" : "", line ? col : 0);
	else if (col)
		snprintf(buf, sizeof buf, "%s:%s!%s", file, e->sheet,
		         kh_xlsx_cell_name(col, line, cell));
	else
		snprintf(buf, sizeof buf, "%s:%s!%ld:%ld", file, e->sheet, line, line);
	return buf;
}

/* --- reporting ------------------------------------------------------------- */

static void report(struct engine *e, long line, int csv_col, const char *name,
                   const char *why, const char *raw)
{
	if (e->rescanning)
		return;   /* the file was checked the first time round */
	e->errors++;
	if (e->errors > e->opt->max_errors)
		return;
	if (e->progress_shown)
		fputs("\r\033[K", stderr);
	char shown[96];
	size_t n = strlen(raw);
	if (n > 80) {
		n = 80;
		while (n > 0 && ((unsigned char)raw[n] & 0xC0) == 0x80)
			n--;
	}
	snprintf(shown, sizeof shown, "%.*s%s", (int)n, raw,
	         n < strlen(raw) ? "..." : "");
	kh_error("%s: %s: %s (%s '%s')", where(e, e->file, line, csv_col), name, why,
	         kh_tr("值为", "got"), shown);
}

void kh_import_bad(struct kh_import_row *row, int column, const char *why_zh,
                   const char *why_en)
{
	struct engine *e = row->engine;
	const struct kh_import_column *col = &row->kind->columns[column];
	const char *name = kh_lang == KH_LANG_EN || !col->alias ? col->name
	                                                        : col->alias;
	report(e, row->line, row->csv_column[column], name,
	       kh_tr(why_zh, why_en), row->v[column].raw);
	row->bad++;
	row->field[column].null = 1;
}

void kh_import_set_int(struct kh_import_row *row, int column, int64_t value)
{
	struct kh_field *f = &row->field[column];
	f->null = 0;
	f->is_int = 1;
	f->i = value;
}

void kh_import_set_text(struct kh_import_row *row, int column, const char *text)
{
	struct kh_value *v = &row->v[column];
	struct kh_field *f = &row->field[column];
	f->null = 0;
	f->is_int = 0;
	snprintf(v->buf, sizeof v->buf, "%s", text);
	if (strlen(text) < sizeof v->buf) {
		f->text = v->buf;
	} else {
		f->text = text;   /* caller's text outlives the row (row fields) */
	}
	f->text_len = (int)strlen(f->text);
}

/* --- field parsing --------------------------------------------------------- */

/* The canonical spellings first, compared exactly: the common case costs
 * one memcmp; anything else falls back to the case-blind word lists. */
static int parse_bool(const char *s, size_t len, int64_t *out)
{
	static const char *const yes[] = { "yes", "true", "1", "是", "y", NULL };
	static const char *const no[] = { "no", "false", "0", "否", "n", NULL };
	if ((len == 2 && memcmp(s, "no", 2) == 0)
	    || (len == 3 && memcmp(s, "yes", 3) == 0)) {
		*out = len == 3;
		return 0;
	}
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
	for (int i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	return -1;
}

static int parse_count(const char *s, size_t len, int64_t *out)
{
	int64_t n = 0;
	int digits = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ',' && digits > 0)
			continue;
		if (s[i] < '0' || s[i] > '9' || n > 100000000000000LL)
			return -1;
		n = n * 10 + (s[i] - '0');
		digits++;
	}
	if (!digits)
		return -1;
	*out = n;
	return 0;
}

/* Points as a panel writes them: digits, then at most two decimals
 * ("8", "8.5", "8.25"); ×100 exactly.  No sign, no grouping, no exponent.
 * 0, -1 when not a number, -2 when negative, -3 when absurdly large. */
#define POINTS_MAX_X100 100000000   /* 1,000,000 points */
static int parse_points(const char *s, size_t len, int64_t *out)
{
	while (len && s[0] == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	int negative = len && s[0] == '-';
	size_t i = negative || (len && s[0] == '+');
	int64_t whole = 0;
	int digits = 0, decimals = 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		if (whole <= POINTS_MAX_X100)
			whole = whole * 10 + (s[i] - '0');
	int64_t frac = 0;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (++decimals <= 2)
				frac = frac * 10 + (s[i] - '0');
		if (!decimals)
			return -1;
	}
	if (!digits || i != len || decimals > 2)
		return -1;
	if (decimals == 1)
		frac *= 10;
	if (negative)
		return -2;
	if (whole > POINTS_MAX_X100 / 100)
		return -3;
	*out = whole * 100 + frac;
	return 0;
}

/* An exact match of a word (the stored values are words too) is the
 * common case; only then is the list walked again case-blind. */
static const char *enum_lookup(const struct kh_enum_word *words, const char *s,
                               size_t len)
{
	for (int i = 0; words[i].word; i++)
		if (strlen(words[i].word) == len && memcmp(words[i].word, s, len) == 0)
			return words[i].value;
	for (int i = 0; words[i].word; i++)
		if (strcasecmp(words[i].word, s) == 0)
			return words[i].value;
	return NULL;
}

/* "a, b, c" of the distinct stored values, for messages. */
static void enum_list(const struct kh_enum_word *words, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; words[i].word; i++) {
		if (strcmp(words[i].word, words[i].value) != 0)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
		                 words[i].word);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

/* The common spelling of an amount, "1871.16", "1871.5" or "1871": up to
 * 15 digits, then perhaps a point and one or two digits.  0 with the
 * amount in fen, as kh_fen_parse gives it; -1 for anything else (spaces,
 * a sign, grouping commas, "5.", longer numbers), which kh_fen_parse
 * then reads (or refuses) by its own rules. */
static int fen_plain(const char *s, size_t len, kh_fen *out)
{
	size_t i = 0;
	int64_t yuan = 0;
	for (; i < len && i < 16 && s[i] >= '0' && s[i] <= '9'; i++)
		yuan = yuan * 10 + (s[i] - '0');
	if (i == 0 || i > 15)
		return -1;
	if (i == len) {
		*out = yuan * 100;
		return 0;
	}
	if (s[i] != '.' || len - i < 2 || len - i > 3)
		return -1;
	int64_t cents = 0;
	for (size_t k = i + 1; k < len; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		cents = cents * 10 + (s[k] - '0');
	}
	*out = yuan * 100 + (len - i == 2 ? cents * 10 : cents);
	return 0;
}

static void set_text(struct kh_field *f, const char *text, size_t len)
{
	f->null = 0;
	f->is_int = 0;
	f->text = text;
	f->text_len = (int)len;
}

/* Parse one field into row->field[c] (row->v[c] says how it was read);
 * reports and nulls it when bad. */
static void parse_field(struct kh_import_row *row, int c, const char *raw,
                        size_t len)
{
	const struct kh_import_column *col = &row->kind->columns[c];
	struct kh_value *v = &row->v[c];
	struct kh_field *f = &row->field[c];
	v->raw = raw;
	f->null = 1;
	f->is_int = 0;
	if (col->type == KH_COL_DERIVED)
		return;
	if (!(row->csv_flags & KH_CSV_NUL_FREE) && memchr(raw, '\0', len)) {
		kh_import_bad(row, c, "含有 NUL 字节", "contains a NUL byte");
		return;
	}
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		/* U+FEFF: invisible, yet "c1" and BOM+"c1" are different keys. */
		kh_import_bad(row, c, "以不可见的字节顺序标记（BOM，U+FEFF）开头"
		              "（文件是拼接成的吗？）",
		              "starts with an invisible byte order mark (U+FEFF; "
		              "were files joined?)");
		return;
	}
	if (len == 0) {
		if (!col->dflt) {
			if (col->flags & KH_COL_REQUIRED)
				kh_import_bad(row, c, "必填项为空", "required but empty");
			return;
		}
		raw = col->dflt;
		len = strlen(raw);
		if (col->type == KH_COL_TEXT) {
			set_text(f, raw, len);
			return;
		}
	}
	struct kh_period period;
	char list[256];
	switch (col->type) {
	case KH_COL_TEXT:
		if (!(row->csv_flags & KH_CSV_ASCII) && !kh_utf8_valid(raw, len)) {
			kh_import_bad(row, c, "不是有效的 UTF-8（GB18030 文件请用 --encoding gb18030）",
			              "not valid UTF-8 (for GB18030 use --encoding gb18030)");
			return;
		}
		set_text(f, raw, len);
		return;
	case KH_COL_ENUM: {
		const char *value = enum_lookup(col->words, raw, len);
		if (!value) {
			enum_list(col->words, list, sizeof list);
			char *why_zh = kh_xasprintf("不是可接受的值（%s）", list);
			char *why_en = kh_xasprintf("not one of %s", list);
			kh_import_bad(row, c, why_zh, why_en);
			free(why_zh);
			free(why_en);
			return;
		}
		set_text(f, value, strlen(value));
		return;
	}
	case KH_COL_DATE:
		if (len == v->memo_len && memcmp(raw, v->memo, len) == 0) {
			v->day = v->memo_day;
		} else if (kh_day_parse_n(raw, len, &v->day)) {
			kh_import_bad(row, c, "不是有效日期（YYYY-MM-DD）",
			              "not a valid date (YYYY-MM-DD)");
			return;
		} else if (len < sizeof v->memo) {
			memcpy(v->memo, raw, len);
			v->memo_len = len;
			v->memo_day = v->day;
		}
		if (len == 10 && raw[4] == '-')
			set_text(f, raw, len);
		else
			set_text(f, kh_day_format(v->day, v->buf), 10);
		return;
	case KH_COL_DATETIME:
		if (kh_time_parse(raw, &v->time)) {
			kh_import_bad(row, c, "不是有效时间（YYYY-MM-DD HH:MM[:SS]）",
			              "not a valid datetime (YYYY-MM-DD HH:MM[:SS])");
			return;
		}
		kh_time_format(v->time, v->buf);
		set_text(f, v->buf, strlen(v->buf));
		return;
	case KH_COL_MONEY:
	case KH_COL_MONEY_SIGNED: {
		kh_fen fen;
		int signed_ok = col->type == KH_COL_MONEY_SIGNED;
		if (fen_plain(raw, len, &fen) && kh_fen_parse(raw, len, signed_ok, &fen)) {
			kh_import_bad(row, c,
			              signed_ok ? "不是金额（元，最多两位小数）"
			                        : "不是金额（元，最多两位小数，不能为负）",
			              signed_ok ? "not an amount (yuan, at most two decimals)"
			                        : "not an amount (yuan, at most two decimals, "
			                          "not negative)");
			return;
		}
		kh_import_set_int(row, c, fen);
		return;
	}
	case KH_COL_BOOL: {
		int64_t b;
		if (parse_bool(raw, len, &b)) {
			kh_import_bad(row, c, "不是是/否（yes/no/true/false/1/0/是/否）",
			              "not a boolean (yes/no/true/false/1/0/是/否)");
			return;
		}
		kh_import_set_int(row, c, b);
		return;
	}
	case KH_COL_COUNT: {
		int64_t n;
		if (parse_count(raw, len, &n)) {
			kh_import_bad(row, c, "不是非负整数", "not a non-negative integer");
			return;
		}
		kh_import_set_int(row, c, n);
		return;
	}
	case KH_COL_POINTS: {
		int64_t x100;
		int why = parse_points(raw, len, &x100);
		if (why == -2) {
			kh_import_bad(row, c, "分数不能为负", "a score cannot be negative");
			return;
		}
		if (why == -3) {
			kh_import_bad(row, c, "分数过大", "score too large");
			return;
		}
		if (why) {
			kh_import_bad(row, c, "不是分数（非负数，最多两位小数，如 8.5）",
			              "not a score (a non-negative number with at most "
			              "two decimals, like 8.5)");
			return;
		}
		kh_import_set_int(row, c, x100);
		return;
	}
	case KH_COL_QUARTER:
	case KH_COL_PERIOD:
		if (kh_period_parse(raw, &period)
		    || (col->type == KH_COL_QUARTER
		        && period.kind != KH_PERIOD_QUARTER)) {
			if (col->type == KH_COL_QUARTER)
				kh_import_bad(row, c, "不是季度（如 2024Q3）",
				              "not a quarter (like 2024Q3)");
			else
				kh_import_bad(row, c, "不是期间（2024、2024H1、2024Q3、2024-03）",
				              "not a period (2024, 2024H1, 2024Q3, 2024-03)");
			return;
		}
		kh_period_format(&period, v->buf);
		set_text(f, v->buf, strlen(v->buf));
		return;
	case KH_COL_DERIVED:
		return;
	}
}

/* --- handing rows to the store ---------------------------------------------- */

/* The kind's table and columns as the store takes them. */
static void import_target(const struct kh_import_kind *k,
                          struct kh_import_target *t)
{
	memset(t, 0, sizeof *t);
	t->kind = k->name;
	t->table = k->table;
	t->ncolumns = k->ncolumns;
	for (int c = 0; c < k->ncolumns; c++) {
		t->columns[c] = k->columns[c].name;
		t->key[c] = (k->columns[c].flags & KH_COL_KEY) != 0;
	}
}

static int write_row(struct engine *e)
{
	return kh_store_import_row(e->session, e->row.field, e->row.line, e->err);
}

/* --- header ---------------------------------------------------------------- */

static int match_column(const struct engine *e, const char *name, int *by_map)
{
	const struct kh_import_kind *k = e->kind;
	*by_map = 0;
	if (e->map) {
		int c = kh_mapping_column(e->map, name);
		if (c >= 0) {
			*by_map = 1;
			return c;
		}
	}
	for (int c = 0; c < k->ncolumns; c++) {
		const struct kh_import_column *col = &k->columns[c];
		if (col->type == KH_COL_DERIVED)
			continue;
		if (strcasecmp(col->name, name) == 0
		    || (col->alias && strcmp(col->alias, name) == 0)
		    || (e->sheet && col->alias && kh_mapping_same_name(col->alias, name)))
			return c;
	}
	/* A two-row header's "金额/支付金额": the lower text, then the upper. */
	const char *slash = e->sheet ? strrchr(name, '/') : NULL;
	if (slash && slash[1]) {
		int c = match_column(e, slash + 1, by_map);
		if (c >= 0)
			return c;
		char *upper = kh_xstrdup(name);
		upper[strcspn(upper, "/")] = '\0';
		c = *upper ? match_column(e, upper, by_map) : -1;
		free(upper);
		return c;
	}
	return -1;
}

/* --show-mapping: each source column, the column it feeds and how, the
 * ignored ones, and the kind's columns that no source feeds. */
static void show_mapping(const struct engine *e, const struct kh_csv_row *hdr,
                         const int *by_column, const int *by_profile)
{
	const struct kh_import_kind *k = e->kind;
	int en = kh_lang == KH_LANG_EN;
	if (e->sheet)
	{
		char rows[64] = "";
		if (e->xres.header_last > hdr->line)
			snprintf(rows, sizeof rows, "–%ld", e->xres.header_last);
		printf(en ? "%s: sheet %s, header in row %ld%s%s%s\n"
		          : "%s: 工作表 %s，表头在第 %ld%s 行%s%s\n", e->file, e->sheet,
		       hdr->line, rows,
		       hdr->line > 1 ? (en ? " (rows above it skipped)" : "（其上各行略过）") : "",
		       e->xres.header_found ? ""
		       : (en ? " (no row looked like a header: try --sheet or --header-row)"
		             : "（没有一行像表头：试试 --sheet 或 --header-row）"));
	}
	else
		printf(en ? "%s: header in line %ld\n" : "%s: 表头在第 %ld 行\n", e->file,
		       hdr->line);
	if (e->map)
		printf(en ? "  profile: %s\n" : "  映射配置：%s\n", kh_mapping_path(e->map));
	for (int i = 0; i < hdr->count; i++) {
		char place[KH_XLSX_CELL_BUFSZ];
		if (e->sheet)
			kh_xlsx_cell_name(i + 1, 0, place);
		else
			snprintf(place, sizeof place, "%d", i + 1);
		int c = by_column[i];
		if (!hdr->lens[i])
			continue;
		if (c < 0) {
			printf("  %-3s %s  %s\n", place, hdr->fields[i],
			       en ? "-- ignored" : "—— 忽略");
			continue;
		}
		const struct kh_import_column *col = &k->columns[c];
		printf("  %-3s %s  -> %s (%s)  %s", place, hdr->fields[i], col->name,
		       col->alias ? col->alias : col->name,
		       by_profile[i] ? (en ? "by the profile" : "按映射配置")
		                     : (en ? "by name" : "按列名"));
		if (e->map && kh_mapping_value_count(e->map, c))
			printf(en ? "; %d value maps" : "；值映射 %d 条",
			       kh_mapping_value_count(e->map, c));
		if (e->map && *kh_mapping_formats(e->map, c))
			printf(en ? "; dates %s" : "；日期格式 %s", kh_mapping_formats(e->map, c));
		putchar('\n');
	}
	if (e->opt->contract && !e->csv_column[0])
		printf(en ? "  contract (合同) <- --contract %s\n"
		          : "  contract（合同）<- --contract %s\n", e->opt->contract);
	int any = 0;
	for (int c = 1; c < k->ncolumns; c++) {
		const struct kh_import_column *col = &k->columns[c];
		if (e->csv_column[c] || col->type == KH_COL_DERIVED)
			continue;
		printf("%s%s (%s)%s", any ? (en ? ", " : "、")
		                          : (en ? "  not in the file: " : "  文件中没有："),
		       col->name, col->alias ? col->alias : col->name,
		       col->flags & KH_COL_REQUIRED ? (en ? " REQUIRED" : "【必需】") : "");
		any = 1;
	}
	if (any)
		putchar('\n');
	fflush(stdout);
}

static int map_header(struct engine *e, const struct kh_csv_row *hdr)
{
	const struct kh_import_kind *k = e->kind;
	memset(e->csv_column, 0, sizeof e->csv_column);
	e->header_fields = hdr->count;
	int status = 0;    /* or -1 after a header error */
	int nunknown = 0;
	size_t unknown_len = 0;
	char *unknown = kh_xstrdup("");
	int *by_column = kh_xcalloc((size_t)hdr->count + 1, sizeof *by_column);
	int *by_profile = kh_xcalloc((size_t)hdr->count + 1, sizeof *by_profile);
	for (int i = 0; i < hdr->count; i++) {
		if (memchr(hdr->fields[i], '\0', hdr->lens[i])) {
			kh_error("%s: %s", where(e, e->file, hdr->line, i + 1),
			         kh_tr("列名含有 NUL 字节", "column name contains a NUL byte"));
			status = kh_fail(e->err, KH_ERR_DATA);
			continue;
		}
		int by_map;
		int c = match_column(e, hdr->fields[i], &by_map);
		by_column[i] = c;
		by_profile[i] = by_map;
		if (c < 0) {
			/* Named up to UNKNOWN_SHOWN; a 100,000-column header costs
			 * one pass, not one copy of the list per column. */
			if (hdr->lens[i] && nunknown++ < UNKNOWN_SHOWN) {
				size_t n = hdr->lens[i] > 60 ? 60 : hdr->lens[i];
				while (n > 0 && n < hdr->lens[i]
				       && ((unsigned char)hdr->fields[i][n] & 0xC0) == 0x80)
					n--;
				unknown = kh_xrealloc(unknown, unknown_len + n + 3);
				if (unknown_len) {
					memcpy(unknown + unknown_len, ", ", 2);
					unknown_len += 2;
				}
				memcpy(unknown + unknown_len, hdr->fields[i], n);
				unknown_len += n;
				unknown[unknown_len] = '\0';
			}
			continue;
		}
		if (e->csv_column[c]) {
			kh_error("%s: %s: %s", where(e, e->file, hdr->line, i + 1),
			         hdr->fields[i], kh_tr("列名重复", "column appears twice"));
			status = kh_fail(e->err, KH_ERR_DATA);
		}
		e->csv_column[c] = i + 1;
	}
	if (e->opt->show_mapping && !e->rescanning)
		show_mapping(e, hdr, by_column, by_profile);
	free(by_column);
	free(by_profile);
	if (e->opt->show_mapping && !e->rescanning) {
		/* the listing names every ignored column */
	} else if (nunknown > UNKNOWN_SHOWN && kh_lang == KH_LANG_EN)
		kh_warn("%s: ignoring unknown columns: %s, ... (%d in all)", e->file,
		        unknown, nunknown);
	else if (nunknown > UNKNOWN_SHOWN)
		kh_warn("%s: 忽略未知的列：%s，……（共 %d 列）", e->file, unknown,
		        nunknown);
	else if (nunknown)
		kh_warn("%s: %s: %s", e->file, kh_tr("忽略未知的列", "ignoring unknown columns"),
		        unknown);
	free(unknown);
	char *missing = kh_xstrdup("");
	for (int c = 0; c < k->ncolumns; c++) {
		const struct kh_import_column *col = &k->columns[c];
		int needed = (col->flags & KH_COL_REQUIRED)
		             || (c == 0 && !e->opt->contract);
		if (!needed || e->csv_column[c])
			continue;
		char *m = kh_xasprintf("%s%s%s (%s)", missing, *missing ? ", " : "",
		                       col->name, col->alias);
		free(missing);
		missing = m;
	}
	if (*missing) {
		kh_error("%s: %s: %s%s%s", where(e, e->file, hdr->line, 0),
		         kh_tr("缺少必需的列", "missing required columns"), missing,
		         e->csv_column[0] || e->opt->contract ? ""
		         : kh_tr("（合同也可用 --contract 指定）",
		                 " (the contract may be given with --contract)"),
		         !e->sheet || e->xres.header_found ? ""
		         : kh_tr("（前 20 行中没有一行像表头，取了第一行：工作表对吗？"
		                 "可用 --sheet、--header-row 或 --map）",
		                 " (no row of the first 20 looked like a header, so the "
		                 "first was taken: is it the right sheet?  See --sheet, "
		                 "--header-row, --map)"));
		status = kh_fail(e->err, KH_ERR_DATA);
	}
	free(missing);
	e->header_done = 1;
	return status;
}

/* --- rows ------------------------------------------------------------------ */

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(struct engine *e, int final)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && seconds_between(&e->last_shown, &now) < 0.25)
		return;
	if (final && !e->progress_shown)
		return;
	double elapsed = seconds_between(&e->started, &now);
	long rate = elapsed > 0 ? (long)((double)e->rows_total / elapsed) : 0;
	fprintf(stderr, "\r\033[K%s: %ld %s (%ld %s)%s", e->file, e->rows_total,
	        kh_tr("行", "rows"), rate, kh_tr("行/秒", "rows/s"), final ? "\n" : "");
	e->last_shown = now;
	e->progress_shown = !final;
}

static void resolve_contract(struct engine *e, struct kh_import_row *row)
{
	struct kh_field *f = &row->field[0];
	const char *given = e->opt->contract;
	if (!f->null && given && strcmp(f->text, given) != 0) {
		kh_import_bad(row, 0, "与 --contract 不一致", "differs from --contract");
		return;
	}
	if (f->null && !row->bad && given)
		set_text(f, given, strlen(given));
	else if (f->null && !given && !row->bad)
		kh_import_bad(row, 0, "必填项为空", "required but empty");
}

/* What the map and the kind of cell make of a field before it is
 * validated: a formula error is refused, the profile's value map and date
 * formats applied, a number in a date column read as an Excel date serial
 * (a date-formatted cell arrives as a date already). */
static int convert_field(struct engine *e, int c, unsigned char cell,
                         const char **raw, size_t *len)
{
	struct kh_import_row *row = &e->row;
	enum kh_col_type type = e->kind->columns[c].type;
	if (cell & KH_CELL_ERROR) {
		row->v[c].raw = *raw;
		kh_import_bad(row, c, "单元格是公式错误值", "the cell is a formula error");
		return -1;
	}
	if (e->map) {
		const char *out;
		size_t n;
		if (kh_mapping_value(e->map, c, *raw, *len, &out, &n, e->conv[c],
		                     sizeof e->conv[c])) {
			row->v[c].raw = *raw;
			kh_import_bad(row, c, "日期无效（符合映射配置的日期格式，但没有这一天）",
			              "invalid date (the profile's date format matches, but "
			              "there is no such day)");
			return -1;
		}
		if (out != *raw) {
			*raw = out;
			*len = n;
			return 0;
		}
	}
	if ((cell & KH_CELL_NUMBER) && (type == KH_COL_DATE || type == KH_COL_DATETIME)) {
		kh_day day;
		if (kh_day_parse_n(*raw, *len, &day) == 0)
			return 0;   /* 20240305 written as a number */
		if (kh_xlsx_serial_text(*raw, *len, (cell & KH_CELL_1904) != 0, e->conv[c])) {
			row->v[c].raw = *raw;
			kh_import_bad(row, c,
			              strcmp(*raw, "60") == 0
			              ? "日期无效：Excel 日期序号 60 是不存在的 1900-02-29"
			              : "日期无效：不是 Excel 日期序号（1 起，1900 日期系统）",
			              strcmp(*raw, "60") == 0
			              ? "invalid date: Excel serial 60 is 1900-02-29, which never was"
			              : "invalid date: not an Excel date serial (from 1, 1900 system)");
			return -1;
		}
		*raw = e->conv[c];
		*len = strlen(e->conv[c]);
	}
	return 0;
}

/* Parse the fields of one row (of the header's width) into e->row. */
static void read_row(struct engine *e, const struct kh_csv_row *csv)
{
	struct kh_import_row *row = &e->row;
	row->line = csv->line;
	row->bad = 0;
	/* What the CSV reader vouched for holds for the fields as read, not
	 * for the texts a mapping profile puts in their place. */
	row->csv_flags = e->map || csv->cells ? 0 : csv->flags;
	for (int c = 0; c < e->kind->ncolumns; c++) {
		int k = e->csv_column[c];
		if (!k) {
			parse_field(row, c, "", 0);
			continue;
		}
		const char *raw = csv->fields[k - 1];
		size_t len = csv->lens[k - 1];
		if ((e->map || csv->cells)
		    && convert_field(e, c, csv->cells ? csv->cells[k - 1] : 0, &raw, &len))
			continue;
		parse_field(row, c, raw, len);
	}
	resolve_contract(e, row);
	if (e->kind->check)
		e->kind->check(row);
}

static int on_row(void *data, const struct kh_csv_row *csv)
{
	struct engine *e = data;
	e->cells = csv->cells;
	if (!e->header_done)
		return map_header(e, csv);
	e->counts->rows++;
	e->rows_total++;
	if (e->opt->progress && e->rows_total % PROGRESS_EVERY == 0)
		show_progress(e, 0);
	if (csv->count != e->header_fields) {
		char got[32];
		snprintf(got, sizeof got, "%d", csv->count);
		char *why = kh_lang == KH_LANG_EN
		            ? kh_xasprintf("wrong number of fields (the header has %d)",
		                           e->header_fields)
		            : kh_xasprintf("字段数与表头不符（表头有 %d 个）",
		                           e->header_fields);
		report(e, csv->line, 0, kh_tr("行", "row"), why, got);   /* CSV only */
		free(why);
		return 0;
	}
	read_row(e, csv);
	if (e->errors)
		return 0;    /* keep validating; nothing will be written */
	return write_row(e);
}

/* --- keys repeated within a file -------------------------------------------- */

/* The key columns of a row as bytes that are equal exactly when the keys
 * are (each value tagged and length-prefixed). */
static char *key_of(const struct kh_import_kind *k, const struct kh_field *f,
                    size_t *len)
{
	size_t used = 0, cap = 64;
	char *key = kh_xmalloc(cap);
	for (int c = 0; c < k->ncolumns; c++) {
		if (!(k->columns[c].flags & KH_COL_KEY))
			continue;
		char head[48];
		const char *body = "";
		size_t body_len = 0;
		if (f[c].null)
			snprintf(head, sizeof head, "N;");
		else if (f[c].is_int)
			snprintf(head, sizeof head, "I%lld;", (long long)f[c].i);
		else {
			snprintf(head, sizeof head, "T%d:", f[c].text_len);
			body = f[c].text;
			body_len = (size_t)f[c].text_len;
		}
		size_t head_len = strlen(head);
		if (used + head_len + body_len > cap) {
			cap = 2 * (used + head_len + body_len);
			key = kh_xrealloc(key, cap);
		}
		memcpy(key + used, head, head_len);
		used += head_len;
		if (body_len)
			memcpy(key + used, body, body_len);
		used += body_len;
	}
	*len = used;
	return key;
}

/* "合同 h1，结算单号 C2" / "contract h1, claim_id C2" for messages. */
static char *key_shown(const struct kh_import_kind *k, const struct kh_field *f)
{
	char *shown = kh_xstrdup("");
	for (int c = 0; c < k->ncolumns; c++) {
		const struct kh_import_column *col = &k->columns[c];
		if (!(col->flags & KH_COL_KEY))
			continue;
		const char *name = kh_lang == KH_LANG_EN || !col->alias ? col->name
		                                                        : col->alias;
		char value[96];
		if (f[c].null)
			snprintf(value, sizeof value, "-");
		else if (f[c].is_int && (col->type == KH_COL_MONEY
		                         || col->type == KH_COL_MONEY_SIGNED))
			snprintf(value, sizeof value, "%s%lld.%02lld", f[c].i < 0 ? "-" : "",
			         (long long)(f[c].i < 0 ? -(f[c].i / 100) : f[c].i / 100),
			         (long long)(f[c].i < 0 ? -(f[c].i % 100) : f[c].i % 100));
		else if (f[c].is_int)
			snprintf(value, sizeof value, "%lld", (long long)f[c].i);
		else {
			int n = f[c].text_len > 60 ? 60 : f[c].text_len;
			while (n > 0 && n < f[c].text_len
			       && ((unsigned char)f[c].text[n] & 0xC0) == 0x80)
				n--;
			snprintf(value, sizeof value, "'%.*s%s'", n, f[c].text,
			         n < f[c].text_len ? "..." : "");
		}
		char *next = kh_xasprintf("%s%s%s %s", shown,
		                          *shown ? kh_tr("，", ", ") : "", name, value);
		free(shown);
		shown = next;
	}
	return shown;
}

/* The store met a row whose key an earlier row of this file had. */
static void on_repeat(void *data, const struct kh_field *fields, long line)
{
	struct engine *e = data;
	(void)line;    /* every line of the key is found by rescan() */
	e->repeated_rows++;
	size_t len;
	char *key = key_of(e->kind, fields, &len);
	for (int i = 0; i < e->nrepeats; i++)
		if (e->repeats[i].key_len == len && memcmp(e->repeats[i].key, key, len) == 0) {
			free(key);
			return;
		}
	if (e->nrepeats == REPEATS_SHOWN) {
		free(key);
		return;
	}
	struct repeat *r = &e->repeats[e->nrepeats++];
	memset(r, 0, sizeof *r);
	r->key = key;
	r->key_len = len;
	r->shown = key_shown(e->kind, fields);
}

static void repeats_free(struct engine *e)
{
	for (int i = 0; i < e->nrepeats; i++) {
		free(e->repeats[i].key);
		free(e->repeats[i].shown);
	}
	e->nrepeats = 0;
	e->repeated_rows = 0;
}

static void read_row(struct engine *e, const struct kh_csv_row *csv);
static int read_file(struct engine *e, const char *file, kh_csv_row_fn *fn,
                     char sha256[65], int *gb18030, struct kh_err *err);

/* Second reading of a file with repeated keys: the lines of each. */
static int rescan_row(void *data, const struct kh_csv_row *csv)
{
	struct engine *e = data;
	if (!e->header_done) {
		e->header_done = 1;
		return 0;
	}
	if (csv->count != e->header_fields)
		return 0;
	read_row(e, csv);
	size_t len;
	char *key = key_of(e->kind, e->row.field, &len);
	for (int i = 0; i < e->nrepeats; i++) {
		struct repeat *r = &e->repeats[i];
		if (r->key_len != len || memcmp(r->key, key, len) != 0)
			continue;
		if (r->nlines < REPEAT_LINES)
			r->lines[r->nlines++] = csv->line;
		r->count++;
		r->last = csv->line;
		break;
	}
	free(key);
	return 0;
}

/* "3, 7 and 12" (or "3, 7, ... (40 in all)"). */
static char *lines_text(const struct repeat *r)
{
	char *text = kh_xstrdup("");
	int shown = r->count > r->nlines ? r->nlines : r->nlines - 1;
	for (int i = 0; i < shown; i++) {
		char *next = kh_xasprintf("%s%s%ld", text, i ? kh_tr("、", ", ") : "",
		                          r->lines[i]);
		free(text);
		text = next;
	}
	char *next = r->count > r->nlines
	             ? kh_xasprintf(kh_lang == KH_LANG_EN ? "%s, ... %ld" : "%s、……%ld",
	                            text, r->last)
	             : kh_xasprintf(kh_lang == KH_LANG_EN ? "%s and %ld" : "%s、%ld",
	                            text, r->last);
	free(text);
	return next;
}

/* Warn, at the row that wins, about every key repeated within the file. */
static void warn_repeats(struct engine *e, const char *file)
{
	if (!e->nrepeats)
		return;
	char sha[65];
	int gb;
	e->rescanning = 1;
	e->header_done = 0;
	int rc = read_file(e, file, rescan_row, sha, &gb, NULL);
	e->rescanning = 0;
	long shown_rows = 0;
	for (int i = 0; !rc && i < e->nrepeats; i++) {
		struct repeat *r = &e->repeats[i];
		if (r->count < 2)
			continue;
		shown_rows += r->count - 1;
		char *lines = lines_text(r);
		if (kh_lang == KH_LANG_EN)
			kh_warn("%s: key (%s) repeated on lines %s (%ld rows); "
			        "the last row (line %ld) wins", where(e, file, r->last, 0),
			        r->shown, lines, r->count, r->last);
		else
			kh_warn("%s: 键（%s）在第 %s 行重复出现（%ld 行）；"
			        "以最后一行（第 %ld 行）为准", where(e, file, r->last, 0),
			        r->shown, lines, r->count, r->last);
		free(lines);
	}
	/* Keys beyond REPEATS_SHOWN, or every key when the file could not be
	 * read again (a pipe): counted, not named. */
	if (e->repeated_rows > shown_rows)
		kh_warn("%s: %s%ld %s", file, shown_rows ? kh_tr("另有 ", "and ") : "",
		        e->repeated_rows - shown_rows,
		        shown_rows ? kh_tr("行的键与本文件前面的行重复（以后出现的为准）",
		                           "more rows repeat the key of an earlier row "
		                           "of the file (the later row wins)")
		                   : kh_tr("行的键与本文件前面的行重复（以后出现的为准）",
		                           "rows repeat the key of an earlier row of the "
		                           "file (the later row wins)"));
}

/* --- files and the session ------------------------------------------------- */

static void now_text(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static int has_suffix(const char *file, const char *suffix)
{
	size_t n = strlen(file), k = strlen(suffix);
	return n >= k && strcasecmp(file + n - k, suffix) == 0;
}

/* How many cells of a candidate header row name a column. */
static int header_score(void *data, const struct kh_csv_row *row)
{
	struct engine *e = data;
	int seen[KH_IMPORT_MAX_COLUMNS] = { 0 };
	int n = 0, by_map;
	for (int i = 0; i < row->count; i++) {
		if (!row->lens[i])
			continue;
		int c = match_column(e, row->fields[i], &by_map);
		if (c >= 0 && !seen[c]) {
			seen[c] = 1;
			n++;
		}
	}
	return n;
}

/* Read a file with the reader its bytes call for (a workbook, else CSV):
 * fn gets the header row, then the data rows.  0, or -1 after printing
 * why with err filled (fn fills it itself before returning -1; err may be
 * NULL for a second reading whose failure is not the import's). */
static int read_file(struct engine *e, const char *file, kh_csv_row_fn *fn,
                     char sha256[65], int *gb18030, struct kh_err *err)
{
	int kind = kh_xlsx_sniff(file);
	*gb18030 = 0;
	e->sheet = NULL;
	if (kind == 2 || (kind == 0 && has_suffix(file, ".xls"))) {
		kh_error("%s: %s%s%s", file,
		         kh_tr("这是旧版 Excel 97-2003 工作簿（.xls，BIFF 格式），kaohe 不读取"
		               "（Debian 中没有维护中的 BIFF 读取库）。请在 Excel 或 WPS 中"
		               "“另存为”Excel 工作簿（.xlsx），或运行：soffice --headless "
		               "--convert-to xlsx ",
		               "an Excel 97-2003 workbook (.xls, BIFF), which kaohe does not "
		               "read (Debian has no maintained BIFF reader).  Save it as an "
		               "Excel workbook (.xlsx) in Excel or WPS, or run: soffice "
		               "--headless --convert-to xlsx "), file,
		         kh_tr("（LibreOffice）", " (LibreOffice)"));
		return kh_fail(err, KH_ERR_DATA);
	}
	if (kind == 1 || has_suffix(file, ".xlsx") || has_suffix(file, ".xlsm")) {
		int matchable = 0;
		for (int c = 1; c < e->kind->ncolumns; c++)
			matchable += e->kind->columns[c].type != KH_COL_DERIVED;
		struct kh_xlsx_options xo = {
			.sheet = e->opt->sheet ? e->opt->sheet
			         : e->map ? kh_mapping_sheet(e->map) : NULL,
			.header_row = e->opt->header_row ? e->opt->header_row
			              : e->map ? kh_mapping_header_row(e->map) : 0,
			.header_score = header_score,
			.header_min = matchable < 2 ? 1 : 2,
			.data = e,
		};
		e->sheet = e->xres.sheet;
		int rc = kh_xlsx_read(file, &xo, fn, e, &e->xres);
		memcpy(sha256, e->xres.sha256, 65);
		/* the reader's own failures are sysexits codes (xlsxread.h) */
		return rc > 0 ? kh_fail_exit_code(err, rc) : rc;
	}
	if (e->opt->sheet || e->opt->header_row) {
		kh_error("%s: %s", file, kh_tr("--sheet 和 --header-row 只用于 XLSX 工作簿",
		                               "--sheet and --header-row are for XLSX workbooks"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	struct kh_csv_result res;
	int rc = kh_csv_read(file, e->opt->encoding, fn, e, &res, err);
	memcpy(sha256, res.sha256, 65);
	*gb18030 = res.gb18030;
	return rc;
}

static int import_one(struct engine *e, const char *file,
                      struct kh_import_counts *counts)
{
	e->file = file;
	e->counts = counts;
	e->header_done = 0;
	repeats_free(e);
	char when[32];
	now_text(when, sizeof when);
	if (kh_store_import_file(e->session, file, e->opt->contract, when, e->err))
		return -1;
	char sha[65];
	int gb18030 = 0;
	int rc = read_file(e, file, on_row, sha, &gb18030, e->err);
	if (e->opt->progress)
		show_progress(e, 1);
	if (rc)   /* err filled by on_row or by csvread */
		return -1;
	if (!e->header_done) {
		kh_error("%s: %s", file, kh_tr("文件为空（没有表头）",
		                                 "empty file (no header row)"));
		return kh_fail(e->err, KH_ERR_DATA);
	}
	memcpy(counts->sha256, sha, sizeof counts->sha256);
	counts->gb18030 = gb18030;
	if (e->errors)
		return 0;
	struct kh_import_tally tally;
	if (kh_store_import_file_done(e->session, counts->sha256, counts->rows,
	                              &tally, e->err))
		return -1;
	warn_repeats(e, file);
	counts->inserted = tally.inserted;
	counts->updated = tally.updated;
	counts->unchanged = tally.unchanged;
	return 0;
}

int kh_import_files(struct kh_store *store, const struct kh_import_kind *kind,
                    char *const *files, int nfiles,
                    const struct kh_import_options *options,
                    struct kh_import_counts *counts, struct kh_err *err)
{
	struct engine e;
	memset(&e, 0, sizeof e);
	e.err = err;
	e.kind = kind;
	e.opt = options;
	e.row.kind = kind;
	e.row.csv_column = e.csv_column;
	e.row.engine = &e;
	clock_gettime(CLOCK_MONOTONIC, &e.started);
	e.last_shown = e.started;
	if (options->map && kh_mapping_load(options->map, kind, &e.map, err))
		return -1;
	struct kh_import_target target;
	import_target(kind, &target);
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
			target.bytes += st.st_size;
	}
	if (kh_store_import_begin(store, &target, &e.session, err)) {
		kh_mapping_free(e.map);
		return -1;
	}
	kh_store_import_on_repeat(e.session, on_repeat, &e);
	int rc = 0;
	for (int i = 0; !rc && i < nfiles; i++) {
		memset(&counts[i], 0, sizeof counts[i]);
		rc = import_one(&e, files[i], &counts[i]);
	}
	if (!rc && e.errors) {
		if (e.errors > options->max_errors)
			kh_error("... %s %ld %s", kh_tr("另有", "and"),
			         e.errors - options->max_errors,
			         kh_tr("处错误", "more"));
		kh_error("%s", kh_tr("有错误，未导入任何数据", "errors found; nothing imported"));
		rc = kh_fail(err, KH_ERR_DATA);
	}
	if (kh_store_import_end(e.session, !rc && !options->dry_run, err))
		rc = -1;
	repeats_free(&e);
	kh_mapping_free(e.map);
	return rc;
}
