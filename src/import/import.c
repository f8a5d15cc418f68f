/* import.c: the import engine.  Streams each file through csvread.c, maps
 * the header with the kind's column table, validates every field, and
 * upserts inside one transaction for all the files: rows go in batches of
 * BATCH_ROWS as one multi-row INSERT, and row by row (INSERT, then UPDATE
 * when the key is stored) whenever a batch does not insert every row.
 * Any bad field anywhere means ROLLBACK: nothing is written.  Provenance
 * goes to the imports table, one row per file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "csvread.h"
#include "import.h"
#include "money.h"
#include "msg.h"
#include "sql.h"

/* Rows between looks at the clock for the progress line. */
#define PROGRESS_EVERY 16384
/* Rows per multi-row INSERT.  One statement for many rows keeps SQLite's
 * cursor on the b-tree's last page between rows, so ascending keys skip
 * the descent from the root. */
#define BATCH_ROWS 64
/* Page cache for the import connection (KiB, negative for PRAGMA). */
#define IMPORT_CACHE_KIB 16384

/* A validated row waiting for its batch: values copied out of the CSV
 * buffer (texts into engine.text at text_off). */
struct held_value {
	int null, is_int;
	int64_t i;
	size_t text_off;
	int text_len;
};

struct held_row {
	long line;
	struct held_value v[KH_IMPORT_MAX_COLUMNS];
};

struct engine {
	sqlite3 *db;
	const struct kh_import_kind *kind;
	const struct kh_import_options *opt;
	sqlite3_stmt *insert;
	sqlite3_stmt *update;          /* NULL when every column is key */
	sqlite3_stmt *batch;           /* BATCH_ROWS rows, ON CONFLICT DO NOTHING */
	sqlite3_stmt *savepoint, *release, *rollback_to;
	int batching;                  /* 0 while keys meet stored ones */
	struct held_row held[BATCH_ROWS];
	int nheld;
	char *text;                    /* texts of the held rows */
	size_t text_used, text_size;
	const char *file;
	struct kh_import_counts *counts;
	sqlite3_int64 import_id;
	int csv_column[KH_IMPORT_MAX_COLUMNS];
	int header_fields;
	int header_done;
	long errors;                   /* bad fields, all files */
	int fatal;                     /* an exit code that stops everything */
	long rows_total;
	struct timespec started, last_shown;
	int progress_shown;
	struct kh_import_row row;
};

/* --- reporting ------------------------------------------------------------- */

static void report(struct engine *e, long line, int csv_col, const char *name,
                   const char *why, const char *raw)
{
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
	kh_error_at(e->file, line, csv_col, "%s: %s (%s '%s')", name, why,
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
	row->v[column].null = 1;
}

void kh_import_set_int(struct kh_import_row *row, int column, int64_t value)
{
	struct kh_value *v = &row->v[column];
	v->null = 0;
	v->is_int = 1;
	v->i = value;
}

void kh_import_set_text(struct kh_import_row *row, int column, const char *text)
{
	struct kh_value *v = &row->v[column];
	v->null = 0;
	v->is_int = 0;
	snprintf(v->buf, sizeof v->buf, "%s", text);
	if (strlen(text) < sizeof v->buf) {
		v->text = v->buf;
	} else {
		v->text = text;   /* caller's text outlives the row (row fields) */
	}
	v->text_len = (int)strlen(v->text);
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

static void set_text(struct kh_value *v, const char *text, size_t len)
{
	v->null = 0;
	v->is_int = 0;
	v->text = text;
	v->text_len = (int)len;
}

/* Parse one field into row->v[c]; reports and nulls it when bad. */
static void parse_field(struct kh_import_row *row, int c, const char *raw,
                        size_t len)
{
	const struct kh_import_column *col = &row->kind->columns[c];
	struct kh_value *v = &row->v[c];
	v->raw = raw;
	v->null = 1;
	v->is_int = 0;
	if (col->type == KH_COL_DERIVED)
		return;
	if (len == 0) {
		if (!col->dflt) {
			if (col->flags & KH_COL_REQUIRED)
				kh_import_bad(row, c, "必填项为空", "required but empty");
			return;
		}
		raw = col->dflt;
		len = strlen(raw);
		if (col->type == KH_COL_TEXT) {
			set_text(v, raw, len);
			return;
		}
	}
	struct kh_period period;
	char list[256];
	switch (col->type) {
	case KH_COL_TEXT:
		if (!kh_utf8_valid(raw, len)) {
			kh_import_bad(row, c, "不是有效的 UTF-8（GB18030 文件请用 --encoding gb18030）",
			              "not valid UTF-8 (for GB18030 use --encoding gb18030)");
			return;
		}
		set_text(v, raw, len);
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
		set_text(v, value, strlen(value));
		return;
	}
	case KH_COL_DATE:
		if (kh_day_parse_n(raw, len, &v->day)) {
			kh_import_bad(row, c, "不是有效日期（YYYY-MM-DD）",
			              "not a valid date (YYYY-MM-DD)");
			return;
		}
		if (len == 10 && raw[4] == '-')
			set_text(v, raw, len);
		else
			set_text(v, kh_day_format(v->day, v->buf), 10);
		return;
	case KH_COL_DATETIME:
		if (kh_time_parse(raw, &v->time)) {
			kh_import_bad(row, c, "不是有效时间（YYYY-MM-DD HH:MM[:SS]）",
			              "not a valid datetime (YYYY-MM-DD HH:MM[:SS])");
			return;
		}
		kh_time_format(v->time, v->buf);
		set_text(v, v->buf, strlen(v->buf));
		return;
	case KH_COL_MONEY:
	case KH_COL_MONEY_SIGNED: {
		kh_fen fen;
		int signed_ok = col->type == KH_COL_MONEY_SIGNED;
		if (kh_fen_parse(raw, len, signed_ok, &fen)) {
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
		set_text(v, v->buf, strlen(v->buf));
		return;
	case KH_COL_DERIVED:
		return;
	}
}

/* --- SQL ------------------------------------------------------------------- */

static char *append(char *sql, const char *piece)
{
	size_t a = strlen(sql), b = strlen(piece);
	sql = kh_xrealloc(sql, a + b + 1);
	memcpy(sql + a, piece, b + 1);
	return sql;
}

/* Column names come from our own tables, never from input. */
static int prepare_statements(struct engine *e)
{
	const struct kh_import_kind *k = e->kind;
	int n = k->ncolumns;
	char num[32];
	char *sql = kh_xasprintf("INSERT INTO %s (", k->table);
	for (int c = 0; c < n; c++) {
		sql = append(sql, k->columns[c].name);
		sql = append(sql, ", ");
	}
	sql = append(sql, "import_id) VALUES ");
	char *row_sql = NULL;
	for (int r = 0; r < BATCH_ROWS; r++) {
		sql = append(sql, r ? ", (" : "(");
		for (int c = 0; c <= n; c++) {
			snprintf(num, sizeof num, "%s?%d", c ? ", " : "",
			         r * (n + 1) + c + 1);
			sql = append(sql, num);
		}
		sql = append(sql, ")");
		if (r == 0)
			row_sql = kh_xasprintf("%s ON CONFLICT DO NOTHING", sql);
	}
	sql = append(sql, " ON CONFLICT DO NOTHING");
	int rc = kh_db_prepare(e->db, row_sql, &e->insert)
	         || kh_db_prepare(e->db, sql, &e->batch)
	         || kh_db_prepare(e->db, "SAVEPOINT kh_batch", &e->savepoint)
	         || kh_db_prepare(e->db, "RELEASE kh_batch", &e->release)
	         || kh_db_prepare(e->db, "ROLLBACK TO kh_batch", &e->rollback_to);
	free(row_sql);
	free(sql);
	if (rc)
		return -1;

	int nonkey = 0;
	for (int c = 0; c < n; c++)
		nonkey += !(k->columns[c].flags & KH_COL_KEY);
	if (!nonkey)
		return 0;
	sql = kh_xasprintf("UPDATE %s SET ", k->table);
	for (int c = 0; c < n; c++) {
		if (k->columns[c].flags & KH_COL_KEY)
			continue;
		snprintf(num, sizeof num, " = ?%d, ", c + 1);
		sql = append(sql, k->columns[c].name);
		sql = append(sql, num);
	}
	snprintf(num, sizeof num, "import_id = ?%d WHERE ", n + 1);
	sql = append(sql, num);
	int first = 1;
	for (int c = 0; c < n; c++) {
		if (!(k->columns[c].flags & KH_COL_KEY))
			continue;
		snprintf(num, sizeof num, " = ?%d", c + 1);
		sql = append(sql, first ? "" : " AND ");
		sql = append(sql, k->columns[c].name);
		sql = append(sql, num);
		first = 0;
	}
	sql = append(sql, " AND (");
	first = 1;
	for (int c = 0; c < n; c++) {
		if (k->columns[c].flags & KH_COL_KEY)
			continue;
		snprintf(num, sizeof num, " IS NOT ?%d", c + 1);
		sql = append(sql, first ? "" : " OR ");
		sql = append(sql, k->columns[c].name);
		sql = append(sql, num);
		first = 0;
	}
	sql = append(sql, ")");
	rc = kh_db_prepare(e->db, sql, &e->update);
	free(sql);
	return rc;
}

/* Copy the current row into the batch; texts go to e->text. */
static void hold_row(struct engine *e)
{
	struct held_row *h = &e->held[e->nheld++];
	h->line = e->row.line;
	for (int c = 0; c < e->kind->ncolumns; c++) {
		const struct kh_value *v = &e->row.v[c];
		struct held_value *hv = &h->v[c];
		hv->null = v->null;
		hv->is_int = v->is_int;
		hv->i = v->i;
		if (v->null || v->is_int)
			continue;
		size_t need = e->text_used + (size_t)v->text_len;
		if (need > e->text_size) {
			e->text_size = need * 2 + 4096;
			e->text = kh_xrealloc(e->text, e->text_size);
		}
		memcpy(e->text + e->text_used, v->text, (size_t)v->text_len);
		hv->text_off = e->text_used;
		hv->text_len = v->text_len;
		e->text_used = need;
	}
}

/* Bind held row h to parameters first + 1 ...; the texts stay in e->text
 * until the batch is flushed, after the statement has run. */
static void bind_held(struct engine *e, sqlite3_stmt *stmt,
                      const struct held_row *h, int first)
{
	for (int c = 0; c < e->kind->ncolumns; c++) {
		const struct held_value *v = &h->v[c];
		if (v->null)
			sqlite3_bind_null(stmt, first + c + 1);
		else if (v->is_int)
			sqlite3_bind_int64(stmt, first + c + 1, v->i);
		else
			sqlite3_bind_text(stmt, first + c + 1, e->text + v->text_off,
			                  v->text_len, SQLITE_STATIC);
	}
	sqlite3_bind_int64(stmt, first + e->kind->ncolumns + 1, e->import_id);
}

static int sql_failed(struct engine *e, long line)
{
	int code = sqlite3_errcode(e->db);
	kh_error_at(e->file, line, 0, "%s: %s", kh_tr("数据库错误", "database error"),
	            sqlite3_errmsg(e->db));
	int primary = code & 0xff;
	return primary == SQLITE_IOERR || primary == SQLITE_FULL
	       || primary == SQLITE_CANTOPEN ? EX_IOERR : EX_SOFTWARE;
}

static int step_once(struct engine *e, sqlite3_stmt *stmt, long line,
                     int *changed)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return sql_failed(e, line);
	*changed = sqlite3_changes(e->db) > 0;
	return 0;
}

static int write_held_row(struct engine *e, const struct held_row *h)
{
	int changed = 0;
	bind_held(e, e->insert, h, 0);
	int rc = step_once(e, e->insert, h->line, &changed);
	if (rc)
		return rc;
	if (changed) {
		e->counts->inserted++;
		return 0;
	}
	if (!e->update) {
		e->counts->unchanged++;
		return 0;
	}
	bind_held(e, e->update, h, 0);
	rc = step_once(e, e->update, h->line, &changed);
	if (rc)
		return rc;
	if (changed)
		e->counts->updated++;
	else
		e->counts->unchanged++;
	return 0;
}

/* A full batch as one statement inside a savepoint.  When every row went
 * in, they are all inserted; otherwise some key was already there (or came
 * twice), or the statement failed: undo the batch and write its rows one by
 * one, so that inserted, updated and unchanged stay exact and an error
 * names its own line; then write row by row for a while. */
static int write_batch(struct engine *e)
{
	int changed = 0;
	int rc = step_once(e, e->savepoint, e->held[0].line, &changed);
	if (rc)
		return rc;
	int width = e->kind->ncolumns + 1;
	for (int r = 0; r < BATCH_ROWS; r++)
		bind_held(e, e->batch, &e->held[r], r * width);
	int step_rc = sqlite3_step(e->batch);
	sqlite3_reset(e->batch);
	if (step_rc == SQLITE_DONE && sqlite3_changes(e->db) == BATCH_ROWS) {
		e->counts->inserted += BATCH_ROWS;
		return step_once(e, e->release, e->held[0].line, &changed);
	}
	e->batching = 0;
	rc = step_once(e, e->rollback_to, e->held[0].line, &changed);
	if (!rc)
		rc = step_once(e, e->release, e->held[0].line, &changed);
	for (int r = 0; !rc && r < BATCH_ROWS; r++)
		rc = write_held_row(e, &e->held[r]);
	return rc;
}

/* Write the held rows: as one batch when full, else row by row.  A full
 * set written row by row that only inserted turns batching back on (new
 * rows after the stored ones). */
static int flush_rows(struct engine *e)
{
	int rc = 0;
	if (e->nheld == BATCH_ROWS && e->batching) {
		rc = write_batch(e);
	} else {
		long inserted = e->counts->inserted;
		for (int r = 0; !rc && r < e->nheld; r++)
			rc = write_held_row(e, &e->held[r]);
		if (e->nheld == BATCH_ROWS
		    && e->counts->inserted - inserted == BATCH_ROWS)
			e->batching = 1;
	}
	e->nheld = 0;
	e->text_used = 0;
	return rc;
}

static int write_row(struct engine *e)
{
	hold_row(e);
	return e->nheld == BATCH_ROWS ? flush_rows(e) : 0;
}

/* --- header ---------------------------------------------------------------- */

static int match_column(const struct kh_import_kind *k, const char *name)
{
	for (int c = 0; c < k->ncolumns; c++) {
		const struct kh_import_column *col = &k->columns[c];
		if (col->type == KH_COL_DERIVED)
			continue;
		if (strcasecmp(col->name, name) == 0
		    || (col->alias && strcmp(col->alias, name) == 0))
			return c;
	}
	return -1;
}

static int map_header(struct engine *e, const struct kh_csv_row *hdr)
{
	const struct kh_import_kind *k = e->kind;
	memset(e->csv_column, 0, sizeof e->csv_column);
	e->header_fields = hdr->count;
	char *unknown = kh_xstrdup("");
	int status = 0;
	for (int i = 0; i < hdr->count; i++) {
		int c = match_column(k, hdr->fields[i]);
		if (c < 0) {
			if (hdr->lens[i]) {
				char *u = kh_xasprintf("%s%s%s", unknown, *unknown ? ", " : "",
				                       hdr->fields[i]);
				free(unknown);
				unknown = u;
			}
			continue;
		}
		if (e->csv_column[c]) {
			kh_error_at(e->file, hdr->line, i + 1, "%s: %s", hdr->fields[i],
			            kh_tr("列名重复", "column appears twice"));
			status = EX_DATAERR;
		}
		e->csv_column[c] = i + 1;
	}
	if (*unknown)
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
		kh_error_at(e->file, hdr->line, 0, "%s: %s%s", kh_tr("缺少必需的列",
		            "missing required columns"), missing,
		            e->csv_column[0] || e->opt->contract ? ""
		            : kh_tr("（合同也可用 --contract 指定）",
		                    " (the contract may be given with --contract)"));
		status = EX_DATAERR;
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
	struct kh_value *v = &row->v[0];
	const char *given = e->opt->contract;
	if (!v->null && given && strcmp(v->text, given) != 0) {
		kh_import_bad(row, 0, "与 --contract 不一致", "differs from --contract");
		return;
	}
	if (v->null && !row->bad && given)
		set_text(v, given, strlen(given));
	else if (v->null && !given && !row->bad)
		kh_import_bad(row, 0, "必填项为空", "required but empty");
}

static int on_row(void *data, const struct kh_csv_row *csv)
{
	struct engine *e = data;
	if (!e->header_done)
		return map_header(e, csv);
	struct kh_import_row *row = &e->row;
	row->line = csv->line;
	row->bad = 0;
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
		report(e, csv->line, 0, kh_tr("行", "row"), why, got);
		free(why);
		return 0;
	}
	for (int c = 0; c < e->kind->ncolumns; c++) {
		int k = e->csv_column[c];
		if (k)
			parse_field(row, c, csv->fields[k - 1], csv->lens[k - 1]);
		else
			parse_field(row, c, "", 0);
	}
	resolve_contract(e, row);
	if (e->kind->check)
		e->kind->check(row);
	if (e->errors)
		return 0;    /* keep validating; nothing will be written */
	return write_row(e);
}

/* --- provenance and the transaction ---------------------------------------- */

static void now_text(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static int begin_provenance(struct engine *e, const char *file)
{
	sqlite3_stmt *stmt;
	char when[32];
	now_text(when, sizeof when);
	if (kh_db_prepare(e->db,
	        "INSERT INTO imports (kind, file, sha256, contract, rows, imported_at)"
	        " VALUES (?1, ?2, '', ?3, 0, ?4)", &stmt))
		return EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, e->kind->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, file, -1, SQLITE_STATIC);
	kh_db_bind_text_or_null(stmt, 3, e->opt->contract);
	sqlite3_bind_text(stmt, 4, when, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return sql_failed(e, 0);
	e->import_id = sqlite3_last_insert_rowid(e->db);
	return 0;
}

static int end_provenance(struct engine *e)
{
	sqlite3_stmt *stmt;
	if (kh_db_prepare(e->db,
	        "UPDATE imports SET sha256 = ?1, rows = ?2, inserted = ?3,"
	        " updated = ?4, unchanged = ?5 WHERE id = ?6", &stmt))
		return EX_SOFTWARE;
	const struct kh_import_counts *n = e->counts;
	sqlite3_bind_text(stmt, 1, n->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, n->rows);
	sqlite3_bind_int64(stmt, 3, n->inserted);
	sqlite3_bind_int64(stmt, 4, n->updated);
	sqlite3_bind_int64(stmt, 5, n->unchanged);
	sqlite3_bind_int64(stmt, 6, e->import_id);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : sql_failed(e, 0);
}

static int import_one(struct engine *e, const char *file,
                      struct kh_import_counts *counts)
{
	e->file = file;
	e->counts = counts;
	e->header_done = 0;
	int rc = begin_provenance(e, file);
	if (rc)
		return rc;
	struct kh_csv_result res;
	rc = kh_csv_read(file, e->opt->encoding, on_row, e, &res);
	if (e->opt->progress)
		show_progress(e, 1);
	if (rc)
		return rc;
	if (!e->header_done) {
		kh_error("%s: %s", file, kh_tr("文件为空（没有表头）",
		                                 "empty file (no header row)"));
		return EX_DATAERR;
	}
	memcpy(counts->sha256, res.sha256, sizeof counts->sha256);
	counts->gb18030 = res.gb18030;
	if (e->errors)
		return 0;
	rc = flush_rows(e);
	return rc ? rc : end_provenance(e);
}

static void finalize_statements(struct engine *e)
{
	sqlite3_finalize(e->insert);
	sqlite3_finalize(e->update);
	sqlite3_finalize(e->batch);
	sqlite3_finalize(e->savepoint);
	sqlite3_finalize(e->release);
	sqlite3_finalize(e->rollback_to);
	free(e->text);
}

int kh_import_files(sqlite3 *db, const struct kh_import_kind *kind,
                    char *const *files, int nfiles,
                    const struct kh_import_options *options,
                    struct kh_import_counts *counts)
{
	struct engine e;
	memset(&e, 0, sizeof e);
	e.db = db;
	e.kind = kind;
	e.opt = options;
	e.row.kind = kind;
	e.row.csv_column = e.csv_column;
	e.row.engine = &e;
	clock_gettime(CLOCK_MONOTONIC, &e.started);
	e.last_shown = e.started;
	e.batching = 1;
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
	/* The only foreign key of a record table is import_id, which this
	 * engine itself writes in the same transaction: checking it per row
	 * costs a lookup per row for nothing. */
	if (kh_db_exec(db, pragma)
	    || kh_db_exec(db, "PRAGMA foreign_keys = OFF")
	    || prepare_statements(&e)) {
		finalize_statements(&e);
		return EX_SOFTWARE;
	}
	int rc = kh_db_begin(db) ? EX_IOERR : 0;
	for (int i = 0; !rc && i < nfiles; i++) {
		memset(&counts[i], 0, sizeof counts[i]);
		rc = import_one(&e, files[i], &counts[i]);
	}
	finalize_statements(&e);
	if (!rc && e.errors) {
		if (e.errors > options->max_errors)
			kh_error("... %s %ld %s", kh_tr("另有", "and"),
			         e.errors - options->max_errors,
			         kh_tr("处错误", "more"));
		kh_error("%s", kh_tr("有错误，未导入任何数据", "errors found; nothing imported"));
		rc = EX_DATAERR;
	}
	if (rc || options->dry_run) {
		kh_db_rollback(db);
		return rc;
	}
	return kh_db_commit(db) ? EX_IOERR : 0;
}
