/* import.c (PostgreSQL): the import session of store-import.h.  The rows of
 * a file go by COPY ... FROM STDIN (text format, escaped here) into a
 * temporary staging table shaped like the record table (its types and
 * collations), numbered in file order.  At the end of the file one
 * statement classifies every row as SQLite's row-by-row path would — the
 * first row of a key against the stored row (none: inserted; different:
 * updated; equal: unchanged), each later row of the same key against the
 * row before it — and writes the last row of every key that changed with
 * INSERT ... ON CONFLICT DO UPDATE, so the counts are the SQLite engine's
 * exactly.  Keys met again within the file go to the on_repeat callback in
 * file order.  Importers of one contract's rows (or of a file whose rows
 * name their contracts) queue, as SQLite's writers do; importers of other
 * contracts go on beside, readers never wait (lock_rows).  The session
 * never commits on its own: only kh_pg_import_end with keep. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"

/* Bytes of COPY data sent at once. */
#define COPY_CHUNK (256 * 1024)
/* PostgreSQL's type oids for bigint and integer. */
#define INT8OID 20
#define INT4OID 23

struct kh_pg_import {
	struct kh_store *store;        /* first: the dispatcher reads it */
	struct kh_import_target target;
	kh_import_repeat_fn *on_repeat;
	void *repeat_data;
	char *file;                    /* the current file, for messages */
	char *import_id;               /* its provenance row, as text */
	long seq;                      /* rows of the current file */
	int copying;                   /* a COPY is open */
	char *buf;                     /* COPY data not sent yet */
	size_t used, cap;
	char *merge_sql, *repeat_sql, *copy_sql;
	char *met_sql, *fast_sql;      /* the path for files of new keys only */
	char *repeats_sql, *simple_sql; /* the merge when no key repeats */
	struct kh_import_tally tally;
};

/* --- SQL text (names from the program's own tables) --------------------------- */

static char *append(char *sql, const char *piece)
{
	size_t a = strlen(sql), b = strlen(piece);
	sql = kh_xrealloc(sql, a + b + 1);
	memcpy(sql + a, piece, b + 1);
	return sql;
}

/* The columns of `t` with key[c] == key (or all when key < 0), each as
 * PREFIX name SUFFIX, separated by SEP. */
static char *column_list(const struct kh_import_target *t, int key,
                         const char *prefix, const char *suffix, const char *sep)
{
	char *out = kh_xstrdup("");
	int first = 1;
	for (int c = 0; c < t->ncolumns; c++) {
		if (key >= 0 && (t->key[c] != 0) != key)
			continue;
		char *piece = kh_xasprintf("%s%s%s%s", first ? "" : sep, prefix,
		                           t->columns[c], suffix);
		out = append(out, piece);
		free(piece);
		first = 0;
	}
	return out;
}

/* "(a.n1 IS DISTINCT FROM b.n1 OR ...)" over the non-key columns, FALSE
 * when every column is key. */
static char *differs(const struct kh_import_target *t, const char *a,
                     const char *b_prefix, int b_is_lag)
{
	char *out = kh_xstrdup("(");
	int first = 1, j = 0;
	for (int c = 0; c < t->ncolumns; c++) {
		if (t->key[c])
			continue;
		char *piece = b_is_lag
		        ? kh_xasprintf("%s%s.%s IS DISTINCT FROM %skh_p%d", first ? "" : " OR ",
		                       a, t->columns[c], b_prefix, j)
		        : kh_xasprintf("%s%s.%s IS DISTINCT FROM %s%s", first ? "" : " OR ",
		                       a, t->columns[c], b_prefix, t->columns[c]);
		out = append(out, piece);
		free(piece);
		first = 0;
		j++;
	}
	return append(out, first ? "FALSE)" : ")");
}

static void build_sql(struct kh_pg_import *s)
{
	const struct kh_import_target *t = &s->target;
	char *cols = column_list(t, -1, "", "", ", ");
	char *keys = column_list(t, 1, "", "", ", ");
	char *s_cols = column_list(t, -1, "s.", "", ", ");
	char *join = column_list(t, 1, "", "", " AND ");
	/* t.k = s.k for each key column */
	char *on = kh_xstrdup("");
	int first = 1;
	for (int c = 0; c < t->ncolumns; c++)
		if (t->key[c]) {
			char *piece = kh_xasprintf("%st.%s = s.%s", first ? "" : " AND ",
			                           t->columns[c], t->columns[c]);
			on = append(on, piece);
			free(piece);
			first = 0;
		}
	free(join);
	const char *first_key = t->columns[0];
	for (int c = t->ncolumns - 1; c >= 0; c--)
		if (t->key[c])
			first_key = t->columns[c];
	char *lags = kh_xstrdup("");
	char *sets = kh_xstrdup("");
	int j = 0, nonkey = 0;
	for (int c = 0; c < t->ncolumns; c++) {
		if (t->key[c])
			continue;
		char *piece = kh_xasprintf(", lag(%s) OVER w AS kh_p%d", t->columns[c], j++);
		lags = append(lags, piece);
		free(piece);
		piece = kh_xasprintf("%s = EXCLUDED.%s, ", t->columns[c], t->columns[c]);
		sets = append(sets, piece);
		free(piece);
		nonkey++;
	}
	char *vs_stored = differs(t, "s", "t.", 0);
	char *vs_before = differs(t, "s", "s.", 1);
	s->merge_sql = kh_xasprintf(
		"WITH s AS (SELECT kh_seq, %s, row_number() OVER w AS kh_rn%s"
		"   FROM pg_temp.kh_stage WINDOW w AS (PARTITION BY %s ORDER BY kh_seq)),"
		" c AS (SELECT s.*, CASE"
		"   WHEN s.kh_rn = 1 AND t.%s IS NULL THEN 'i'"
		"   WHEN s.kh_rn = 1 AND %s THEN 'u'"
		"   WHEN s.kh_rn > 1 AND %s THEN 'u' ELSE 's' END AS kh_st"
		"   FROM s LEFT JOIN %s t ON %s),"
		" g AS (SELECT c.*, bool_or(kh_st <> 's') OVER k AS kh_write,"
		"   row_number() OVER (PARTITION BY %s ORDER BY kh_seq DESC) AS kh_last"
		"   FROM c WINDOW k AS (PARTITION BY %s)),"
		" w AS (INSERT INTO %s (%s, import_id)"
		"   SELECT %s, $1::bigint FROM g s WHERE kh_write AND kh_last = 1"
		"   ON CONFLICT (%s) DO %s%s%s RETURNING 1)"
		" SELECT count(*) FILTER (WHERE kh_st = 'i'),"
		"  count(*) FILTER (WHERE kh_st = 'u'),"
		"  count(*) FILTER (WHERE kh_st = 's'),"
		"  count(*) FILTER (WHERE kh_rn > 1), (SELECT count(*) FROM w) FROM g",
		cols, lags, keys,
		first_key, vs_stored, vs_before, t->table, on,
		keys, keys,
		t->table, cols, s_cols, keys,
		nonkey ? "UPDATE SET " : "NOTHING", nonkey ? sets : "",
		nonkey ? "import_id = EXCLUDED.import_id" : "");
	s->repeat_sql = kh_xasprintf(
		"SELECT kh_line, %s FROM (SELECT *, row_number() OVER"
		" (PARTITION BY %s ORDER BY kh_seq) AS kh_rn FROM pg_temp.kh_stage) x"
		" WHERE kh_rn > 1 ORDER BY kh_seq", cols, keys);
	s->copy_sql = kh_xasprintf("COPY pg_temp.kh_stage (kh_seq, kh_line, %s)"
	                           " FROM STDIN", cols);
	s->repeats_sql = kh_xasprintf("SELECT 1 FROM pg_temp.kh_stage GROUP BY %s"
	                              " HAVING count(*) > 1 LIMIT 1", keys);
	s->simple_sql = kh_xasprintf(
		"WITH c AS (SELECT s.*, CASE WHEN t.%s IS NULL THEN 'i'"
		"   WHEN %s THEN 'u' ELSE 's' END AS kh_st"
		"   FROM pg_temp.kh_stage s LEFT JOIN %s t ON %s),"
		" w AS (INSERT INTO %s (%s, import_id)"
		"   SELECT %s, $1::bigint FROM c s WHERE kh_st <> 's'"
		"   ON CONFLICT (%s) DO %s%s%s RETURNING 1)"
		" SELECT count(*) FILTER (WHERE kh_st = 'i'),"
		"  count(*) FILTER (WHERE kh_st = 'u'),"
		"  count(*) FILTER (WHERE kh_st = 's'), 0, (SELECT count(*) FROM w) FROM c",
		first_key, vs_stored, t->table, on, t->table, cols, s_cols, keys,
		nonkey ? "UPDATE SET " : "NOTHING", nonkey ? sets : "",
		nonkey ? "import_id = EXCLUDED.import_id" : "");
	s->met_sql = kh_xasprintf("SELECT 1 FROM pg_temp.kh_stage s WHERE EXISTS"
	                          " (SELECT 1 FROM %s t WHERE %s) LIMIT 1", t->table, on);
	s->fast_sql = kh_xasprintf("INSERT INTO %s (%s, import_id) SELECT %s,"
	                           " $1::bigint FROM pg_temp.kh_stage",
	                           t->table, cols, cols);
	free(cols);
	free(keys);
	free(s_cols);
	free(on);
	free(lags);
	free(sets);
	free(vs_stored);
	free(vs_before);
}

/* --- the session ------------------------------------------------------------ */

static void session_free(struct kh_pg_import *s)
{
	free(s->file);
	free(s->import_id);
	free(s->buf);
	free(s->merge_sql);
	free(s->repeat_sql);
	free(s->copy_sql);
	free(s->met_sql);
	free(s->fast_sql);
	free(s->repeats_sql);
	free(s->simple_sql);
	free(s);
}

/* "FILE:LINE: database error: DB: message" with the server's kind. */
static int write_failed(struct kh_pg_import *s, long line, const PGresult *res,
                        struct kh_err *err)
{
	PGconn *conn = kh_pg_conn(s->store);
	const char *msg = res ? PQresultErrorMessage(res) : "";
	if (!msg || !*msg)
		msg = PQerrorMessage(conn);
	int len = (int)strlen(msg);
	while (len > 0 && msg[len - 1] == '\n')
		len--;
	kh_error_at(s->file ? s->file : kh_store_name(s->store), line, 0, "%s: %s: %.*s",
	            kh_tr("数据库错误", "database error"), kh_store_name(s->store),
	            len, msg);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return kh_fail(err, kh_pg_err_kind(state));
}

int kh_pg_import_begin(struct kh_store *store, const struct kh_import_target *target,
                       struct kh_pg_import **out, struct kh_err *err)
{
	*out = NULL;
	struct kh_pg_import *s = kh_xcalloc(1, sizeof *s);
	s->store = store;
	s->target = *target;
	build_sql(s);
	char *cols = column_list(target, -1, "", "", ", ");
	char *stage = kh_xasprintf("CREATE TEMP TABLE kh_stage ON COMMIT DROP AS"
	                           " SELECT 0::bigint AS kh_seq, 0::bigint AS kh_line,"
	                           " %s FROM %s WITH NO DATA", cols, target->table);
	free(cols);
	int rc = kh_pg_run(store, "BEGIN", NULL, NULL, err)
	         || kh_pg_run(store, "DROP TABLE IF EXISTS pg_temp.kh_stage", NULL, NULL,
	                      err)
	         || kh_pg_run(store, stage, NULL, NULL, err);
	free(stage);
	if (rc) {
		kh_pg_rollback(store);
		session_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

/* End an open COPY: sent whole (finish) or abandoned. */
static int copy_end(struct kh_pg_import *s, int finish, struct kh_err *err)
{
	if (!s->copying)
		return 0;
	PGconn *conn = kh_pg_conn(s->store);
	s->copying = 0;
	int rc = 0;
	if (finish && s->used && PQputCopyData(conn, s->buf, (int)s->used) != 1)
		rc = -1;
	s->used = 0;
	if (PQputCopyEnd(conn, finish && !rc ? NULL : "abandoned") != 1)
		rc = -1;
	PGresult *res;
	while ((res = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && finish && rc == 0)
			rc = write_failed(s, 0, res, err);
		PQclear(res);
	}
	if (rc && finish && (!err || err->kind == KH_ERR_NONE))
		rc = write_failed(s, 0, NULL, err);
	return finish ? rc : 0;
}

/* Writers of the rows a file may touch queue behind each other until the
 * session ends; nobody else waits.  A file given for one contract takes
 * that contract's lock of the table (an advisory lock: importers of other
 * contracts go on at once); a file whose rows name their contracts takes
 * the whole table (SHARE ROW EXCLUSIVE: readers go on). */
static int lock_rows(struct kh_pg_import *s, const char *contract,
                     struct kh_err *err)
{
	char *sql = kh_xasprintf("LOCK TABLE %s IN %s MODE", s->target.table,
	                         contract && *contract ? "ROW EXCLUSIVE"
	                                               : "SHARE ROW EXCLUSIVE");
	int rc = kh_pg_run(s->store, sql, NULL, NULL, err);
	free(sql);
	if (rc || !contract || !*contract)
		return rc;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, s->target.table);
	kh_pg_param_text(&p, contract);
	return kh_pg_run(s->store, "SELECT pg_advisory_xact_lock(hashtext('kaohe:'"
	                 " || $1::text), hashtext($2::text))", &p, NULL, err);
}

int kh_pg_import_file(struct kh_pg_import *s, const char *file,
                      const char *contract, const char *imported_at,
                      struct kh_err *err)
{
	copy_end(s, 0, err);
	if (lock_rows(s, contract, err))
		return -1;
	free(s->file);
	s->file = kh_xstrdup(file);
	s->seq = 0;
	memset(&s->tally, 0, sizeof s->tally);
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, s->target.kind);
	kh_pg_param_text(&p, file);
	kh_pg_param_text_or_null(&p, contract);
	kh_pg_param_text(&p, imported_at);
	if (kh_pg_run(s->store, "TRUNCATE pg_temp.kh_stage", NULL, NULL, err))
		return -1;
	PGresult *res = kh_pg_query(s->store, "INSERT INTO imports (kind, file, sha256,"
	                            " contract, rows, imported_at)"
	                            " VALUES ($1, $2, '', $3, 0, $4) RETURNING id", &p,
	                            "imports", err);
	if (!res)
		return -1;
	free(s->import_id);
	s->import_id = kh_pg_text(res, 0, 0);
	PQclear(res);
	return 0;
}

void kh_pg_import_on_repeat(struct kh_pg_import *s, kh_import_repeat_fn *fn,
                            void *data)
{
	s->on_repeat = fn;
	s->repeat_data = data;
}

static void put(struct kh_pg_import *s, const char *bytes, size_t n)
{
	if (s->used + n > s->cap) {
		s->cap = (s->used + n) * 2 + 4096;
		s->buf = kh_xrealloc(s->buf, s->cap);
	}
	memcpy(s->buf + s->used, bytes, n);
	s->used += n;
}

/* A text value in COPY's text format: backslash, tab, newline and
 * carriage return escaped.  -1 for a NUL byte (PostgreSQL text has none). */
static int put_text(struct kh_pg_import *s, const char *text, int len)
{
	int from = 0;
	for (int i = 0; i < len; i++) {
		const char *esc = NULL;
		switch (text[i]) {
		case '\0': return -1;
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: continue;
		}
		put(s, text + from, (size_t)(i - from));
		put(s, esc, 2);
		from = i + 1;
	}
	put(s, text + from, (size_t)(len - from));
	return 0;
}

int kh_pg_import_row(struct kh_pg_import *s, const struct kh_field *fields,
                     long line, struct kh_err *err)
{
	PGconn *conn = kh_pg_conn(s->store);
	if (!s->copying) {
		PGresult *res = PQexec(conn, s->copy_sql);
		int ok = res && PQresultStatus(res) == PGRES_COPY_IN;
		if (!ok) {
			write_failed(s, line, res, err);
			PQclear(res);
			return -1;
		}
		PQclear(res);
		s->copying = 1;
	}
	char num[64];
	int n = snprintf(num, sizeof num, "%ld\t%ld", ++s->seq, line);
	put(s, num, (size_t)n);
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct kh_field *f = &fields[c];
		put(s, "\t", 1);
		if (f->null) {
			put(s, "\\N", 2);
		} else if (f->is_int) {
			n = snprintf(num, sizeof num, "%lld", (long long)f->i);
			put(s, num, (size_t)n);
		} else if (put_text(s, f->text, f->text_len)) {
			kh_error_at(s->file, line, 0, "%s: %s", s->target.columns[c],
			            kh_tr("含 NUL 字节的文本不能存入 PostgreSQL",
			                  "text with a NUL byte cannot be stored in PostgreSQL"));
			return kh_fail(err, KH_ERR_DATA);
		}
	}
	put(s, "\n", 1);
	if (s->used >= COPY_CHUNK) {
		if (PQputCopyData(conn, s->buf, (int)s->used) != 1)
			return write_failed(s, line, NULL, err);
		s->used = 0;
	}
	return 0;
}

/* Hand each row whose key an earlier row of the file had to on_repeat. */
static int tell_repeats(struct kh_pg_import *s, struct kh_err *err)
{
	PGresult *res = kh_pg_query(s->store, s->repeat_sql, NULL, "imports", err);
	if (!res)
		return -1;
	struct kh_field f[KH_STORE_IMPORT_MAX_COLUMNS];
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		for (int c = 0; c < s->target.ncolumns; c++) {
			Oid type = PQftype(res, c + 1);
			memset(&f[c], 0, sizeof f[c]);
			f[c].null = PQgetisnull(res, i, c + 1);
			f[c].is_int = !f[c].null && (type == INT8OID || type == INT4OID);
			if (f[c].is_int)
				f[c].i = kh_pg_int(res, i, c + 1);
			else if (!f[c].null) {
				f[c].text = PQgetvalue(res, i, c + 1);
				f[c].text_len = PQgetlength(res, i, c + 1);
			}
		}
		s->on_repeat(s->repeat_data, f, (long)kh_pg_int(res, i, 0));
	}
	PQclear(res);
	return 0;
}

/* Rows whose keys are all new, each once (a first import, new claims):
 * when no stored row has a key of the file, one plain INSERT inside a
 * savepoint (no ON CONFLICT: its speculative insertion costs a quarter of
 * the time); when it inserts every row they are all inserted, and when a
 * key comes twice in the file (a unique violation) it is undone and the
 * classifying merge decides.  *done = 1 when it did. */
static int fast_path(struct kh_pg_import *s, int *done, struct kh_err *err)
{
	*done = 0;
	PGresult *res = kh_pg_query(s->store, s->met_sql, NULL, "imports", err);
	if (!res)
		return -1;
	int met = PQntuples(res) > 0;
	PQclear(res);
	if (met)
		return 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, s->import_id);
	if (kh_pg_run(s->store, "SAVEPOINT kh_fast", NULL, NULL, err))
		return -1;
	res = PQexecParams(kh_pg_conn(s->store), s->fast_sql, p.n, NULL, p.v, NULL,
	                   NULL, 0);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	long inserted = -1;
	if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
		inserted = atol(PQcmdTuples(res));
	} else if (!state || strcmp(state, "23505") != 0) {
		write_failed(s, 0, res, err);   /* anything but a key met twice */
		PQclear(res);
		return -1;
	}
	PQclear(res);
	if (inserted == s->seq) {
		s->tally.inserted = inserted;
		*done = 1;
		return kh_pg_run(s->store, "RELEASE kh_fast", NULL, NULL, err);
	}
	return kh_pg_run(s->store, "ROLLBACK TO kh_fast", NULL, NULL, err)
	       || kh_pg_run(s->store, "RELEASE kh_fast", NULL, NULL, err) ? -1 : 0;
}

int kh_pg_import_file_done(struct kh_pg_import *s, const char *sha256, long rows,
                           struct kh_import_tally *tally, struct kh_err *err)
{
	memset(tally, 0, sizeof *tally);
	if (copy_end(s, 1, err))
		return -1;
	int fast = 0;
	if (s->seq > 0 && fast_path(s, &fast, err))
		return -1;
	if (s->seq > 0 && !fast) {
		struct kh_pg_params p = { 0 };
		kh_pg_param_text(&p, s->import_id);
		/* Without a key repeated in the file, no row depends on another. */
		PGresult *res = kh_pg_query(s->store, s->repeats_sql, NULL, "imports", err);
		if (!res)
			return -1;
		int repeated = PQntuples(res) > 0;
		PQclear(res);
		res = PQexecParams(kh_pg_conn(s->store),
		                   repeated ? s->merge_sql : s->simple_sql, p.n, NULL, p.v,
		                   NULL, NULL, 0);
		if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
			write_failed(s, 0, res, err);
			PQclear(res);
			return -1;
		}
		s->tally.inserted = (long)kh_pg_int(res, 0, 0);
		s->tally.updated = (long)kh_pg_int(res, 0, 1);
		s->tally.unchanged = (long)kh_pg_int(res, 0, 2);
		long repeats = (long)kh_pg_int(res, 0, 3);
		PQclear(res);
		if (repeats > 0 && s->on_repeat && tell_repeats(s, err))
			return -1;
	}
	struct kh_pg_params q = { 0 };
	kh_pg_param_text(&q, sha256);
	kh_pg_param_int(&q, rows);
	kh_pg_param_int(&q, s->tally.inserted);
	kh_pg_param_int(&q, s->tally.updated);
	kh_pg_param_int(&q, s->tally.unchanged);
	kh_pg_param_text(&q, s->import_id);
	if (kh_pg_run(s->store, "UPDATE imports SET sha256 = $1, rows = $2,"
	              " inserted = $3, updated = $4, unchanged = $5 WHERE id = $6", &q,
	              "imports", err)
	    || kh_pg_run(s->store, "TRUNCATE pg_temp.kh_stage", NULL, NULL, err))
		return -1;
	s->seq = 0;
	*tally = s->tally;
	return 0;
}

int kh_pg_import_end(struct kh_pg_import *s, int keep, struct kh_err *err)
{
	struct kh_store *store = s->store;
	copy_end(s, 0, err);
	session_free(s);
	int rc = 0;
	struct kh_err commit_err = { 0 };
	if (keep && kh_pg_commit(store, &commit_err))
		rc = kh_fail(err, commit_err.kind ? commit_err.kind : KH_ERR_IO);
	kh_pg_rollback(store);    /* when not kept, or the commit failed */
	return rc;
}
