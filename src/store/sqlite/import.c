/* import.c (SQLite): the import session of store-import.h.  Rows are held
 * in batches of BATCH_ROWS and written as one multi-row INSERT inside a
 * savepoint; whenever a batch does not insert every row it is undone and
 * written row by row (the stored row looked up by key, then an INSERT, or
 * an UPDATE when something may differ) so that the counts stay exact and
 * an error names its own line.  Provenance goes to the imports table, one
 * row per file.  A row that meets a stored key is checked against the keys
 * this file already wrote (the stored row's import_id, and temp.kh_seen
 * for rows that met stored keys), so that a key repeated within one file
 * is reported; the fast path pays nothing for it.  Never commits on its
 * own: only kh_store_import_end with keep set does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-import.h"

/* Rows per multi-row INSERT.  One statement for many rows keeps SQLite's
 * cursor on the b-tree's last page between rows, so ascending keys skip
 * the descent from the root. */
#define BATCH_ROWS 64
/* Page cache for the import connection (KiB, negative for PRAGMA). */
#define IMPORT_CACHE_KIB 16384

/* A row waiting for its batch: values copied out of the caller's fields
 * (texts into session.text at text_off). */
struct held_value {
	int null, is_int;
	int64_t i;
	size_t text_off;
	int text_len;
};

struct held_row {
	long line;
	struct held_value v[KH_STORE_IMPORT_MAX_COLUMNS];
};

struct kh_import_session {
	struct kh_store *store;
	struct kh_import_target target;
	sqlite3_stmt *insert;
	sqlite3_stmt *update;          /* NULL when every column is key */
	sqlite3_stmt *batch;           /* BATCH_ROWS rows, ON CONFLICT DO NOTHING */
	sqlite3_stmt *savepoint, *release, *rollback_to;
	sqlite3_stmt *seen;            /* INSERT a key's hash into temp.kh_seen */
	sqlite3_stmt *stored;          /* import_id and non-key columns by key */
	sqlite3_stmt *unsee;           /* DELETE FROM temp.kh_seen */
	kh_import_repeat_fn *on_repeat;
	void *repeat_data;
	int batching;                  /* 0 while keys meet stored ones */
	struct held_row held[BATCH_ROWS];
	int nheld;
	char *text;                    /* texts of the held rows */
	size_t text_used, text_size;
	char *file;                    /* the current file, for messages */
	sqlite3_int64 import_id;       /* its provenance row */
	struct kh_import_tally tally;  /* of the current file */
};

/* --- statements -------------------------------------------------------------- */

static char *append(char *sql, const char *piece)
{
	size_t a = strlen(sql), b = strlen(piece);
	sql = kh_xrealloc(sql, a + b + 1);
	memcpy(sql + a, piece, b + 1);
	return sql;
}

/* UPDATE TABLE SET nonkey = ?, ..., import_id = ? WHERE key = ? AND ...
 * AND (nonkey IS NOT ? OR ...): changes only a row that differs. */
static char *update_sql(const struct kh_import_target *t)
{
	char num[32];
	int n = t->ncolumns;
	char *sql = kh_xasprintf("UPDATE %s SET ", t->table);
	for (int c = 0; c < n; c++) {
		if (t->key[c])
			continue;
		snprintf(num, sizeof num, " = ?%d, ", c + 1);
		sql = append(sql, t->columns[c]);
		sql = append(sql, num);
	}
	snprintf(num, sizeof num, "import_id = ?%d WHERE ", n + 1);
	sql = append(sql, num);
	int first = 1;
	for (int c = 0; c < n; c++) {
		if (!t->key[c])
			continue;
		snprintf(num, sizeof num, " = ?%d", c + 1);
		sql = append(sql, first ? "" : " AND ");
		sql = append(sql, t->columns[c]);
		sql = append(sql, num);
		first = 0;
	}
	sql = append(sql, " AND (");
	first = 1;
	for (int c = 0; c < n; c++) {
		if (t->key[c])
			continue;
		snprintf(num, sizeof num, " IS NOT ?%d", c + 1);
		sql = append(sql, first ? "" : " OR ");
		sql = append(sql, t->columns[c]);
		sql = append(sql, num);
		first = 0;
	}
	return append(sql, ")");
}

/* "contract = ?1 AND claim_id = ?2": the key columns, with parameters
 * numbered as the row's columns (so that bind_key fits). */
static char *key_where(const struct kh_import_target *t)
{
	char *sql = kh_xstrdup("");
	char piece[160];
	int first = 1;
	for (int c = 0; c < t->ncolumns; c++) {
		if (!t->key[c])
			continue;
		snprintf(piece, sizeof piece, "%s%s = ?%d", first ? "" : " AND ",
		         t->columns[c], c + 1);
		sql = append(sql, piece);
		first = 0;
	}
	return sql;
}

/* The statements that tell a repeated key, prepared at the first row that
 * meets a stored key.  temp.kh_seen holds a 64-bit hash of the key of
 * every row of this file that met a stored key (a hash keeps the table
 * small and its inserts cheap; a collision can only report a repeat that
 * is not one, which the caller's second look at the file drops).  The
 * table is the session's own and is made inside its transaction: a
 * session that is not kept leaves none behind. */
static int prepare_key_statements(struct kh_import_session *s,
                                  struct kh_err *err)
{
	int rc = kh_sql_exec(s->store, "DROP TABLE IF EXISTS temp.kh_seen", err)
	         || kh_sql_exec(s->store, "CREATE TEMP TABLE kh_seen"
	                        " (h INTEGER PRIMARY KEY)", err)
	         || kh_sql_prepare(s->store, "INSERT INTO temp.kh_seen (h) VALUES (?1)"
	                           " ON CONFLICT DO NOTHING", &s->seen, err)
	         || kh_sql_prepare(s->store, "DELETE FROM temp.kh_seen", &s->unsee, err);
	return rc ? -1 : 0;
}

/* FNV-1a over the key columns of a held row, each value tagged. */
static sqlite3_int64 key_hash(const struct kh_import_session *s,
                              const struct held_row *h)
{
	uint64_t x = 14695981039346656037ULL;
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct held_value *v = &h->v[c];
		if (!s->target.key[c])
			continue;
		unsigned char tag = v->null ? 'N' : v->is_int ? 'I' : 'T';
		const unsigned char *p = v->is_int ? (const unsigned char *)&v->i
		                         : (const unsigned char *)s->text + v->text_off;
		size_t n = v->null ? 0 : v->is_int ? sizeof v->i : (size_t)v->text_len;
		x = (x ^ tag) * 1099511628211ULL;
		for (size_t i = 0; i < n; i++)
			x = (x ^ p[i]) * 1099511628211ULL;
		x = (x ^ 0xff) * 1099511628211ULL;   /* end of value */
	}
	return (sqlite3_int64)x;
}

/* Column names come from the caller's own tables, never from input. */
static int prepare_statements(struct kh_import_session *s, struct kh_err *err)
{
	const struct kh_import_target *t = &s->target;
	int n = t->ncolumns;
	char num[32];
	char *sql = kh_xasprintf("INSERT INTO %s (", t->table);
	for (int c = 0; c < n; c++) {
		sql = append(sql, t->columns[c]);
		sql = append(sql, ", ");
	}
	sql = append(sql, "import_id) VALUES (");
	for (int c = 0; c <= n; c++) {
		snprintf(num, sizeof num, "%s?%d", c ? ", " : "", c + 1);
		sql = append(sql, num);
	}
	sql = append(sql, ") ON CONFLICT DO NOTHING");
	char *where = key_where(t);
	char *stored = kh_xstrdup("SELECT import_id");
	for (int c = 0; c < n; c++)
		if (!t->key[c]) {
			stored = append(stored, ", ");
			stored = append(stored, t->columns[c]);
		}
	char *tail = kh_xasprintf(" FROM main.%s WHERE %s", t->table, where);
	stored = append(stored, tail);
	free(tail);
	free(where);
	int rc = kh_sql_prepare(s->store, sql, &s->insert, err)
	         || kh_sql_prepare(s->store, stored, &s->stored, err)
	         || kh_sql_prepare(s->store, "SAVEPOINT kh_batch", &s->savepoint, err)
	         || kh_sql_prepare(s->store, "RELEASE kh_batch", &s->release, err)
	         || kh_sql_prepare(s->store, "ROLLBACK TO kh_batch", &s->rollback_to,
	                           err);
	free(sql);
	free(stored);
	if (rc)
		return -1;
	int nonkey = 0;
	for (int c = 0; c < n; c++)
		nonkey += !t->key[c];
	if (!nonkey)
		return 0;
	sql = update_sql(t);
	rc = kh_sql_prepare(s->store, sql, &s->update, err);
	free(sql);
	return rc;
}

/* The BATCH_ROWS-row INSERT, prepared when a first batch fills up (a small
 * import never needs it). */
static int prepare_batch(struct kh_import_session *s, struct kh_err *err)
{
	const struct kh_import_target *t = &s->target;
	int n = t->ncolumns;
	size_t cap = 256 + (size_t)BATCH_ROWS * (size_t)(n + 1) * 12, used;
	char *sql = kh_xmalloc(cap);
	used = (size_t)snprintf(sql, cap, "INSERT INTO %s (", t->table);
	for (int c = 0; c < n; c++)
		used += (size_t)snprintf(sql + used, cap - used, "%s, ", t->columns[c]);
	used += (size_t)snprintf(sql + used, cap - used, "import_id) VALUES ");
	for (int r = 0; r < BATCH_ROWS; r++)
		for (int c = 0; c <= n; c++)
			used += (size_t)snprintf(sql + used, cap - used, "%s?%d%s",
			                         c ? ", " : r ? ", (" : "(",
			                         r * (n + 1) + c + 1, c == n ? ")" : "");
	snprintf(sql + used, cap - used, " ON CONFLICT DO NOTHING");
	int rc = kh_sql_prepare(s->store, sql, &s->batch, err);
	free(sql);
	return rc;
}

static void session_free(struct kh_import_session *s)
{
	sqlite3_finalize(s->insert);
	sqlite3_finalize(s->update);
	sqlite3_finalize(s->batch);
	sqlite3_finalize(s->savepoint);
	sqlite3_finalize(s->release);
	sqlite3_finalize(s->rollback_to);
	sqlite3_finalize(s->seen);
	sqlite3_finalize(s->stored);
	sqlite3_finalize(s->unsee);
	if (s->seen)
		sqlite3_exec(s->store->db, "DROP TABLE IF EXISTS temp.kh_seen", NULL,
		             NULL, NULL);
	free(s->text);
	free(s->file);
	free(s);
}

/* --- writing rows ------------------------------------------------------------- */

/* "FILE:LINE: database error: ..." with the kind the result code calls for
 * (the disk: IO; anything else: SOFTWARE). */
static int write_failed(struct kh_import_session *s, long line,
                        struct kh_err *err)
{
	sqlite3 *db = s->store->db;
	int code = sqlite3_extended_errcode(db);
	kh_error_at(s->file, line, 0, "%s: %s: %s", kh_tr("数据库错误", "database error"),
	            kh_store_name(s->store), sqlite3_errmsg(db));
	return kh_fail(err, kh_sql_err_kind(code));
}

/* Copy a row into the batch; texts go to s->text. */
static void hold_row(struct kh_import_session *s, const struct kh_field *fields,
                     long line)
{
	struct held_row *h = &s->held[s->nheld++];
	h->line = line;
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct kh_field *f = &fields[c];
		struct held_value *hv = &h->v[c];
		hv->null = f->null;
		hv->is_int = f->is_int;
		hv->i = f->i;
		if (f->null || f->is_int)
			continue;
		size_t need = s->text_used + (size_t)f->text_len;
		if (need > s->text_size) {
			s->text_size = need * 2 + 4096;
			s->text = kh_xrealloc(s->text, s->text_size);
		}
		memcpy(s->text + s->text_used, f->text, (size_t)f->text_len);
		hv->text_off = s->text_used;
		hv->text_len = f->text_len;
		s->text_used = need;
	}
}

/* Bind held row h to parameters first + 1 ...; the texts stay in s->text
 * until the batch is flushed, after the statement has run. */
static void bind_held(struct kh_import_session *s, sqlite3_stmt *stmt,
                      const struct held_row *h, int first)
{
	int n = s->target.ncolumns;
	for (int c = 0; c < n; c++) {
		const struct held_value *v = &h->v[c];
		if (v->null)
			sqlite3_bind_null(stmt, first + c + 1);
		else if (v->is_int)
			sqlite3_bind_int64(stmt, first + c + 1, v->i);
		else
			sqlite3_bind_text(stmt, first + c + 1, s->text + v->text_off,
			                  v->text_len, SQLITE_STATIC);
	}
	sqlite3_bind_int64(stmt, first + n + 1, s->import_id);
}

static int step_once(struct kh_import_session *s, sqlite3_stmt *stmt, long line,
                     int *changed, struct kh_err *err)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE) {
		write_failed(s, line, err);
		sqlite3_reset(stmt);
		return -1;
	}
	sqlite3_reset(stmt);
	*changed = sqlite3_changes(s->store->db) > 0;
	return 0;
}

/* Bind the key columns of held row h (parameters numbered as columns). */
static void bind_key(struct kh_import_session *s, sqlite3_stmt *stmt,
                     const struct held_row *h)
{
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct held_value *v = &h->v[c];
		if (!s->target.key[c])
			continue;
		if (v->null)
			sqlite3_bind_null(stmt, c + 1);
		else if (v->is_int)
			sqlite3_bind_int64(stmt, c + 1, v->i);
		else
			sqlite3_bind_text(stmt, c + 1, s->text + v->text_off, v->text_len,
			                  SQLITE_STATIC);
	}
}

/* The stored row with h's key: 1 with *own set when this file wrote it
 * (its import_id) and *same when every other column certainly equals h's
 * (else the UPDATE, which compares with SQL's own rules, decides); 0 when
 * there is none; -1 after printing why. */
static int stored_row(struct kh_import_session *s, const struct held_row *h,
                      int *own, int *same, struct kh_err *err)
{
	sqlite3_stmt *st = s->stored;
	bind_key(s, st, h);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			write_failed(s, h->line, err);
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	*own = sqlite3_column_int64(st, 0) == s->import_id;
	*same = 1;
	for (int c = 0, j = 1; c < s->target.ncolumns && *same; c++) {
		const struct held_value *v = &h->v[c];
		if (s->target.key[c])
			continue;
		int type = sqlite3_column_type(st, j);
		if (v->null)
			*same = type == SQLITE_NULL;
		else if (v->is_int)
			*same = type == SQLITE_INTEGER && sqlite3_column_int64(st, j) == v->i;
		else
			*same = type == SQLITE_TEXT
			        && sqlite3_column_bytes(st, j) == v->text_len
			        && memcmp(sqlite3_column_text(st, j), s->text + v->text_off,
			                  (size_t)v->text_len) == 0;
		j++;
	}
	sqlite3_reset(st);
	return 1;
}

/* Row h met a stored row: was its key written by an earlier row of this
 * file?  Either that row inserted or updated the stored row (`own`), or it
 * met the same stored row too (the key's hash is in temp.kh_seen, where
 * every first meeting goes).  Tells the caller's on_repeat. */
static int check_repeat(struct kh_import_session *s, const struct held_row *h,
                        int own, struct kh_err *err)
{
	if (!s->on_repeat)
		return 0;
	if (!own) {
		if (!s->seen && prepare_key_statements(s, err))
			return -1;
		int first_time = 0;
		sqlite3_bind_int64(s->seen, 1, key_hash(s, h));
		if (step_once(s, s->seen, h->line, &first_time, err))
			return -1;
		if (first_time)
			return 0;
	}
	struct kh_field f[KH_STORE_IMPORT_MAX_COLUMNS];
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct held_value *v = &h->v[c];
		f[c].null = v->null;
		f[c].is_int = v->is_int;
		f[c].i = v->i;
		f[c].text = v->null || v->is_int ? NULL : s->text + v->text_off;
		f[c].text_len = v->null || v->is_int ? 0 : v->text_len;
	}
	s->on_repeat(s->repeat_data, f, h->line);
	return 0;
}

/* One row on its own: looked up first (this is the path for rows that
 * meet stored keys), then inserted, left alone, or updated. */
static int write_held_row(struct kh_import_session *s, const struct held_row *h,
                          struct kh_err *err)
{
	int own = 0, same = 0, changed = 0;
	int found = stored_row(s, h, &own, &same, err);
	if (found < 0)
		return -1;
	if (!found) {
		bind_held(s, s->insert, h, 0);
		if (step_once(s, s->insert, h->line, &changed, err))
			return -1;
		if (changed) {
			s->tally.inserted++;
			return 0;
		}
		/* Not found, yet not inserted (the lookup and the key's index
		 * should compare alike): let the UPDATE, which matches as the
		 * INSERT does, decide. */
	}
	if (found && check_repeat(s, h, own, err))
		return -1;
	if (same || !s->update) {
		s->tally.unchanged++;
		return 0;
	}
	bind_held(s, s->update, h, 0);
	if (step_once(s, s->update, h->line, &changed, err))
		return -1;
	if (changed)
		s->tally.updated++;
	else
		s->tally.unchanged++;
	return 0;
}

/* A full batch as one statement inside a savepoint.  When every row went
 * in, they are all inserted; otherwise some key was already there (or came
 * twice), or the statement failed: undo the batch and write its rows one by
 * one, so that the tally stays exact and an error names its own line; then
 * write row by row for a while. */
static int write_batch(struct kh_import_session *s, struct kh_err *err)
{
	int changed = 0;
	long line = s->held[0].line;
	if (!s->batch && prepare_batch(s, err))
		return -1;
	if (step_once(s, s->savepoint, line, &changed, err))
		return -1;
	int width = s->target.ncolumns + 1;
	for (int r = 0; r < BATCH_ROWS; r++)
		bind_held(s, s->batch, &s->held[r], r * width);
	int step_rc = sqlite3_step(s->batch);
	sqlite3_reset(s->batch);
	if (step_rc == SQLITE_DONE && sqlite3_changes(s->store->db) == BATCH_ROWS) {
		s->tally.inserted += BATCH_ROWS;
		return step_once(s, s->release, line, &changed, err);
	}
	s->batching = 0;
	if (step_once(s, s->rollback_to, line, &changed, err)
	    || step_once(s, s->release, line, &changed, err))
		return -1;
	for (int r = 0; r < BATCH_ROWS; r++)
		if (write_held_row(s, &s->held[r], err))
			return -1;
	return 0;
}

/* Write the held rows: as one batch when full, else row by row.  A full
 * set written row by row that only inserted turns batching back on (new
 * rows after the stored ones). */
static int flush_rows(struct kh_import_session *s, struct kh_err *err)
{
	int rc = 0;
	if (s->nheld == BATCH_ROWS && s->batching) {
		rc = write_batch(s, err);
	} else {
		long inserted = s->tally.inserted;
		for (int r = 0; !rc && r < s->nheld; r++)
			rc = write_held_row(s, &s->held[r], err);
		if (s->nheld == BATCH_ROWS && s->tally.inserted - inserted == BATCH_ROWS)
			s->batching = 1;
	}
	s->nheld = 0;
	s->text_used = 0;
	return rc;
}

/* --- the session ---------------------------------------------------------------- */

int kh_sqlite_import_begin(struct kh_store *store,
                           const struct kh_import_target *target,
                           struct kh_import_session **out, struct kh_err *err)
{
	*out = NULL;
	struct kh_import_session *s = kh_xcalloc(1, sizeof *s);
	s->store = store;
	s->target = *target;
	s->batching = 1;
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
	/* The only foreign key of a record table is import_id, which this
	 * session itself writes in the same transaction: checking it per row
	 * costs a lookup per row for nothing.  kh_store_import_end turns the
	 * check back on. */
	if (kh_sql_exec(store, pragma, err)
	    || kh_sql_exec(store, "PRAGMA foreign_keys = OFF", err)
	    || prepare_statements(s, err)) {
		session_free(s);
		return -1;
	}
	struct kh_err begin_err = { 0 };
	if (kh_store_begin(store, &begin_err)) {
		session_free(s);
		return kh_fail(err, begin_err.kind ? begin_err.kind : KH_ERR_IO);
	}
	*out = s;
	return 0;
}

int kh_sqlite_import_file(struct kh_import_session *s, const char *file,
                          const char *contract, const char *imported_at,
                          struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO imports (kind, file, sha256, contract, rows, imported_at)"
		" VALUES (?1, ?2, '', ?3, 0, ?4) RETURNING id";
	free(s->file);
	s->file = kh_xstrdup(file);
	int unused;
	if (s->unsee && step_once(s, s->unsee, 0, &unused, err))
		return -1;
	s->nheld = 0;
	s->text_used = 0;
	memset(&s->tally, 0, sizeof s->tally);
	sqlite3_stmt *st;
	if (kh_sql_prepare(s->store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, s->target.kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
	kh_sql_bind_text_or_null(st, 3, contract);
	sqlite3_bind_text(st, 4, imported_at, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->import_id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE) {
		write_failed(s, 0, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

void kh_sqlite_import_on_repeat(struct kh_import_session *s,
                                kh_import_repeat_fn *fn, void *data)
{
	s->on_repeat = fn;
	s->repeat_data = data;
}

int kh_sqlite_import_row(struct kh_import_session *s,
                         const struct kh_field *fields, long line,
                         struct kh_err *err)
{
	hold_row(s, fields, line);
	return s->nheld == BATCH_ROWS ? flush_rows(s, err) : 0;
}

int kh_sqlite_import_file_done(struct kh_import_session *s, const char *sha256,
                               long rows, struct kh_import_tally *tally,
                               struct kh_err *err)
{
	static const char sql[] =
		"UPDATE imports SET sha256 = ?1, rows = ?2, inserted = ?3,"
		" updated = ?4, unchanged = ?5 WHERE id = ?6";
	if (flush_rows(s, err))
		return -1;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s->store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rows);
	sqlite3_bind_int64(st, 3, s->tally.inserted);
	sqlite3_bind_int64(st, 4, s->tally.updated);
	sqlite3_bind_int64(st, 5, s->tally.unchanged);
	sqlite3_bind_int64(st, 6, s->import_id);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : write_failed(s, 0, err);
	sqlite3_finalize(st);
	*tally = s->tally;
	return rc;
}

int kh_sqlite_import_end(struct kh_import_session *s, int keep,
                         struct kh_err *err)
{
	struct kh_store *store = s->store;
	session_free(s);
	int rc = 0;
	struct kh_err commit_err = { 0 };
	if (keep && kh_store_commit(store, &commit_err))
		rc = kh_fail(err, commit_err.kind ? commit_err.kind : KH_ERR_IO);
	kh_store_rollback(store);   /* when not kept, or the commit failed */
	sqlite3_exec(store->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}
