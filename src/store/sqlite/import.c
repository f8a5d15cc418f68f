/* import.c (SQLite): the import session of store-import.h.  Rows are held
 * in batches of BATCH_ROWS.  A batch whose keys rise strictly above every
 * key the file had before is written as one multi-row INSERT OR IGNORE:
 * such a statement needs no statement journal (it cannot stop half way on
 * a constraint), and the rising keys mean no row of it can repeat a key of
 * the file, so when it does not insert every row, each skipped row is
 * looked up afterwards and needs no undo.  Any other batch is written
 * inside a savepoint, undone when it does not insert every row.  Once a
 * batch meets stored keys, rows are written one by one (the stored row
 * looked up by key and compared in C: then an INSERT, nothing, or an
 * UPDATE) until a whole batch is new again, so that the counts stay exact
 * and an error names its own line.  Provenance goes to the imports table,
 * one row per file.  A row that meets a stored key is checked against the
 * keys this file already wrote (the stored row's import_id, and
 * temp.kh_seen for rows that met stored keys and left them as they were),
 * so that a key repeated within one file is reported; a key above all the
 * file's earlier keys cannot be a repeat and is not looked for.  Never
 * commits on its own: only kh_store_import_end with keep set does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-import.h"

/* Rows per multi-row INSERT.  One statement for many rows keeps SQLite's
 * cursor on the b-tree's last page between rows, so ascending keys skip
 * the descent from the root; and with OR IGNORE it writes no statement
 * journal (before: 64 KiB pages copied for every batch, 2.8 GB of the
 * 3.1 GB a million rows wrote). */
#define BATCH_ROWS 64
/* Page cache for the import connection (KiB, negative for PRAGMA). */
#define IMPORT_CACHE_KIB 16384
/* And for temp.kh_seen, which holds a key per row when a file's keys do
 * not rise: without a bound of its own the temp database's cache grew
 * with the table (an unsorted re-import of 300k rows: 46.8 MB peak; with
 * 4 MB, 35.3 MB and the same CPU; the table spills to its temp file). */
#define KH_SEEN_CACHE_KIB "4096"
/* Inputs from this size on (the target's bytes hint) are written through
 * a rollback journal when the session is the database's only user: the
 * double write it saves is then worth locking readers out (they wait while
 * it runs) and two fsyncs at the commit.  The import's page cache: a
 * smaller load's pages are all written at the commit anyway. */
#define SOLO_MIN_BYTES ((long long)IMPORT_CACHE_KIB * 1024)
/* A re-import into a database from this size on goes back to WAL
 * (leave_solo): measured on bench/import's 10% changed copy, WAL took
 * 1.22× the first import at 10M rows (a 1.43 GB table) where the rollback
 * journal took 1.74×, but 1.29× against 1.11× at 1M (143 MB), where the
 * journal's syncs are cheap and WAL's page lookups are not.
 * $KAOHE_REIMPORT_WAL_BYTES sets another size (tests, tuning). */
#define REIMPORT_WAL_MIN_BYTES ((long long)512 << 20)

static long long reimport_wal_min_bytes(void)
{
	const char *text = getenv("KAOHE_REIMPORT_WAL_BYTES");
	char *end;
	long long v = text ? strtoll(text, &end, 10) : -1;
	return text && *text && !*end && v >= 0 ? v : REIMPORT_WAL_MIN_BYTES;
}

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

/* Keys (as key_blob encodes them) from lo, or just above it (lo_open),
 * up to hi: every stored key in between met a row of the file. */
struct span {
	size_t lo, lo_len, hi, hi_len;   /* in session.spantext */
	int lo_open;
};

struct kh_import_session {
	struct kh_store *store;
	struct kh_import_target target;
	sqlite3_stmt *insert;
	sqlite3_stmt *update;          /* NULL when every column is key */
	sqlite3_stmt *batch;           /* BATCH_ROWS rows, INSERT OR IGNORE */
	sqlite3_stmt *savepoint, *release, *rollback_to;
	sqlite3_stmt *seen;            /* INSERT a key into temp.kh_seen */
	sqlite3_stmt *stored;          /* import_id and non-key columns by key */
	sqlite3_stmt *unsee;           /* DELETE FROM temp.kh_seen */
	kh_import_repeat_fn *on_repeat;
	void *repeat_data;
	int batching;                  /* 0 while keys meet stored ones */
	struct held_row held[BATCH_ROWS];
	int nheld;
	char *text;                    /* texts of the held rows */
	size_t text_used, text_size;
	/* The greatest key of the file so far (texts in maxtext): a row above
	 * it cannot repeat a key of the file. */
	int have_max;
	struct held_value maxkey[KH_STORE_IMPORT_MAX_COLUMNS];
	char *maxtext;
	size_t maxtext_size;
	unsigned char *keybuf;         /* a key as temp.kh_seen holds it */
	size_t keybuf_size;
	/* Rising batches are looked up with one range query (range_gt from
	 * above the file's greatest key, range_ge from the batch's first):
	 * the stored keys of the range, in order, with import_id and the
	 * other columns.  A range whose every stored key met a row of the
	 * file is "dense": the file met exactly the stored keys in it, so
	 * its rows need not go to temp.kh_seen.  Dense ranges that follow one
	 * another are joined into spans (key blobs; closed spans in order in
	 * spans[], the open one last while the file's greatest key ends it). */
	sqlite3_stmt *range_gt, *range_ge;
	int last_key;                  /* column of the last key column */
	struct span *spans;
	size_t nspans, spans_cap;
	int span_open;                 /* spans[nspans - 1] ends at the greatest key */
	int in_range;                  /* writing a range batch: keep the span open */
	unsigned char *spantext;
	size_t spantext_used, spantext_size;
	char *file;                    /* the current file, for messages */
	char *contract, *imported_at;  /* its provenance row's other values */
	sqlite3_int64 import_id;       /* its provenance row */
	sqlite3_int64 batch_import_id; /* bound to the batch statement, */
	int batch_bound;               /* once it is */
	int solo;                      /* a rollback journal for this session */
	int flushed;                   /* rows went to the database already */
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
 * meets a stored key.  temp.kh_seen holds the key of every row of this
 * file that met a stored key and left it as it was (a row that wrote the
 * stored row is found by its import_id), encoded by key_blob: keys that
 * rise give rising blobs, so a sorted file appends to the table's b-tree
 * (a 64-bit hash, before, put every insert at a random page).  The table
 * is the session's own and is made inside its transaction: a session that
 * is not kept leaves none behind. */
static int prepare_key_statements(struct kh_import_session *s,
                                  struct kh_err *err)
{
	int rc = kh_sql_exec(s->store, "DROP TABLE IF EXISTS temp.kh_seen", err)
	         || kh_sql_exec(s->store, "CREATE TEMP TABLE kh_seen"
	                        " (k BLOB PRIMARY KEY) WITHOUT ROWID", err)
	         || kh_sql_exec(s->store, "PRAGMA temp.cache_size = -"
	                        KH_SEEN_CACHE_KIB, err)
	         || kh_sql_prepare(s->store, "INSERT INTO temp.kh_seen (k) VALUES (?1)"
	                           " ON CONFLICT DO NOTHING", &s->seen, err)
	         || kh_sql_prepare(s->store, "DELETE FROM temp.kh_seen", &s->unsee, err);
	return rc ? -1 : 0;
}

/* The key columns of a held row as bytes that are equal exactly when the
 * keys are and that compare as key_cmp orders the keys when their texts
 * have no NUL: per value a tag, then the integer big-endian with its sign
 * bit flipped, or the text, a NUL and its length. */
static int key_blob(struct kh_import_session *s, const struct held_row *h)
{
	size_t need = 0;
	for (int c = 0; c < s->target.ncolumns; c++)
		if (s->target.key[c])
			need += 1 + (h->v[c].null || h->v[c].is_int ? 8
			             : (size_t)h->v[c].text_len + 5);
	if (need > s->keybuf_size) {
		s->keybuf_size = need * 2;
		s->keybuf = kh_xrealloc(s->keybuf, s->keybuf_size);
	}
	unsigned char *p = s->keybuf;
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct held_value *v = &h->v[c];
		if (!s->target.key[c])
			continue;
		*p++ = v->null ? 'N' : v->is_int ? 'I' : 'T';
		if (v->null || v->is_int) {
			uint64_t x = v->null ? 0 : (uint64_t)v->i ^ (1ULL << 63);
			for (int i = 7; i >= 0; i--)
				*p++ = (unsigned char)(x >> (8 * i));
			continue;
		}
		memcpy(p, s->text + v->text_off, (size_t)v->text_len);
		p += v->text_len;
		*p++ = 0;
		uint32_t n = (uint32_t)v->text_len;
		for (int i = 3; i >= 0; i--)
			*p++ = (unsigned char)(n >> (8 * i));
	}
	return (int)(p - s->keybuf);
}

/* Order two key values of one column: NULL, then integers, then texts
 * (bytes, then length: SQLite's BINARY collation). */
static int value_cmp(const struct held_value *a, const char *atext,
                     const struct held_value *b, const char *btext)
{
	int ta = a->null ? 0 : a->is_int ? 1 : 2, tb = b->null ? 0 : b->is_int ? 1 : 2;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	if (ta == 0)
		return 0;
	if (ta == 1)
		return a->i < b->i ? -1 : a->i > b->i;
	int n = a->text_len < b->text_len ? a->text_len : b->text_len;
	int d = memcmp(atext + a->text_off, btext + b->text_off, (size_t)n);
	if (d)
		return d;
	return a->text_len < b->text_len ? -1 : a->text_len > b->text_len;
}

/* Held row h's key against the greatest key of the file so far: <0, 0, >0;
 * 1 when the file has had no row yet. */
static int above_max(const struct kh_import_session *s, const struct held_row *h)
{
	if (!s->have_max)
		return 1;
	for (int c = 0; c < s->target.ncolumns; c++) {
		if (!s->target.key[c])
			continue;
		int d = value_cmp(&h->v[c], s->text, &s->maxkey[c], s->maxtext);
		if (d)
			return d;
	}
	return 0;
}

/* Compare the keys of two held rows. */
static int row_key_cmp(const struct kh_import_session *s,
                       const struct held_row *a, const struct held_row *b)
{
	for (int c = 0; c < s->target.ncolumns; c++) {
		if (!s->target.key[c])
			continue;
		int d = value_cmp(&a->v[c], s->text, &b->v[c], s->text);
		if (d)
			return d;
	}
	return 0;
}

/* Row h has been written: its key becomes the greatest when it is (and
 * the open span then no longer ends at the greatest key, unless the row
 * is one of the range batch that extends it). */
static void note_key(struct kh_import_session *s, const struct held_row *h)
{
	if (above_max(s, h) <= 0)
		return;
	if (!s->in_range)
		s->span_open = 0;
	size_t need = 0;
	for (int c = 0; c < s->target.ncolumns; c++)
		if (s->target.key[c] && !h->v[c].null && !h->v[c].is_int)
			need += (size_t)h->v[c].text_len;
	if (need > s->maxtext_size) {
		s->maxtext_size = need * 2 + 64;
		s->maxtext = kh_xrealloc(s->maxtext, s->maxtext_size);
	}
	size_t used = 0;
	for (int c = 0; c < s->target.ncolumns; c++) {
		if (!s->target.key[c])
			continue;
		s->maxkey[c] = h->v[c];
		if (h->v[c].null || h->v[c].is_int)
			continue;
		memcpy(s->maxtext + used, s->text + h->v[c].text_off,
		       (size_t)h->v[c].text_len);
		s->maxkey[c].text_off = used;
		used += (size_t)h->v[c].text_len;
	}
	s->have_max = 1;
}

/* Does every key of the held batch rise strictly, from above the file's
 * greatest key, with no NULL in it (a NULL key part is never equal to
 * another, so such a row cannot be found again by its key)?  Then no row
 * of the batch can repeat a key of the file. */
static int batch_rises(const struct kh_import_session *s)
{
	for (int r = 0; r < s->nheld; r++) {
		const struct held_row *h = &s->held[r];
		for (int c = 0; c < s->target.ncolumns; c++)
			if (s->target.key[c] && h->v[c].null)
				return 0;
		if (r == 0 ? above_max(s, h) <= 0 : row_key_cmp(s, &s->held[r - 1], h) >= 0)
			return 0;
	}
	return 1;
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

/* The two range statements: "SELECT last, import_id, nonkey... FROM T
 * WHERE key = ?c ... AND last > ?N+1 (or >=) AND last <= ?N+2 ORDER BY
 * last", the other key columns bound as bind_key binds them. */
static int prepare_range(struct kh_import_session *s, struct kh_err *err)
{
	const struct kh_import_target *t = &s->target;
	int n = t->ncolumns, last = s->last_key;
	char piece[200];
	char *sql = kh_xasprintf("SELECT %s, import_id", t->columns[last]);
	for (int c = 0; c < n; c++)
		if (!t->key[c]) {
			sql = append(sql, ", ");
			sql = append(sql, t->columns[c]);
		}
	snprintf(piece, sizeof piece, " FROM main.%s WHERE ", t->table);
	sql = append(sql, piece);
	for (int c = 0; c < n; c++)
		if (t->key[c] && c != last) {
			snprintf(piece, sizeof piece, "%s = ?%d AND ", t->columns[c], c + 1);
			sql = append(sql, piece);
		}
	int rc = 0;
	for (int ge = 0; ge < 2 && !rc; ge++) {
		snprintf(piece, sizeof piece, "%s %s ?%d AND %s <= ?%d ORDER BY %s",
		         t->columns[last], ge ? ">=" : ">", n + 1, t->columns[last],
		         n + 2, t->columns[last]);
		char *full = kh_xasprintf("%s%s", sql, piece);
		rc = kh_sql_prepare(s->store, full, ge ? &s->range_ge : &s->range_gt, err);
		free(full);
	}
	free(sql);
	return rc;
}

/* The BATCH_ROWS-row INSERT OR IGNORE, prepared when a first batch fills
 * up (a small import never needs it).  OR IGNORE, not ON CONFLICT DO
 * NOTHING: a statement that may stop half way on a NOT NULL or CHECK
 * constraint makes SQLite keep a statement journal.  A row it skips is
 * written again on its own, which reports what it breaks at its line. */
static int prepare_batch(struct kh_import_session *s, struct kh_err *err)
{
	const struct kh_import_target *t = &s->target;
	int n = t->ncolumns;
	size_t cap = 256 + (size_t)BATCH_ROWS * (size_t)(n + 1) * 12, used;
	char *sql = kh_xmalloc(cap);
	used = (size_t)snprintf(sql, cap, "INSERT OR IGNORE INTO %s (", t->table);
	for (int c = 0; c < n; c++)
		used += (size_t)snprintf(sql + used, cap - used, "%s, ", t->columns[c]);
	used += (size_t)snprintf(sql + used, cap - used, "import_id) VALUES ");
	/* Row r's columns are ?(r*n + 1)...; every row's import_id is the one
	 * parameter after them, bound once per file (bind_batch). */
	for (int r = 0; r < BATCH_ROWS; r++)
		for (int c = 0; c <= n; c++)
			used += (size_t)snprintf(sql + used, cap - used, "%s?%d%s",
			                         c ? ", " : r ? ", (" : "(",
			                         c == n ? BATCH_ROWS * n + 1 : r * n + c + 1,
			                         c == n ? ")" : "");
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
	free(s->maxtext);
	free(s->keybuf);
	free(s->spans);
	free(s->spantext);
	sqlite3_finalize(s->range_gt);
	sqlite3_finalize(s->range_ge);
	free(s->file);
	free(s->contract);
	free(s->imported_at);
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

/* Bind the columns of held row h to parameters first + 1 ...; the texts
 * stay in s->text until the batch is flushed, after the statement has run
 * (so SQLITE_STATIC: SQLite does not copy them). */
static void bind_values(struct kh_import_session *s, sqlite3_stmt *stmt,
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
}

/* Held row h and the import_id, to parameters first + 1 ... */
static void bind_held(struct kh_import_session *s, sqlite3_stmt *stmt,
                      const struct held_row *h, int first)
{
	bind_values(s, stmt, h, first);
	sqlite3_bind_int64(stmt, first + s->target.ncolumns + 1, s->import_id);
}

/* The held batch to the BATCH_ROWS-row statement; its one import_id
 * parameter is bound again only when the file (the provenance row) has
 * changed. */
static void bind_batch(struct kh_import_session *s)
{
	int n = s->target.ncolumns;
	for (int r = 0; r < BATCH_ROWS; r++)
		bind_values(s, s->batch, &s->held[r], r * n);
	if (!s->batch_bound || s->batch_import_id != s->import_id) {
		sqlite3_bind_int64(s->batch, BATCH_ROWS * n + 1, s->import_id);
		s->batch_import_id = s->import_id;
		s->batch_bound = 1;
	}
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

/* Do the non-key columns of held row h certainly equal those of the
 * stored row st holds, from column j on?  Each column is read once as a
 * sqlite3_value (sqlite3_column_value) and looked at through the
 * sqlite3_value_* calls: three sqlite3_column_* calls a column, each with
 * its own mutex and error bookkeeping, were about a fifth of an unchanged
 * re-import's perf samples.  The value is SQLite's "unprotected" kind,
 * safe to read here: the session's connection is used by this thread
 * alone, and the value is read before the statement steps again. */
static int same_as_stored(const struct kh_import_session *s, sqlite3_stmt *st,
                          int j, const struct held_row *h)
{
	for (int c = 0; c < s->target.ncolumns; c++) {
		const struct held_value *v = &h->v[c];
		if (s->target.key[c])
			continue;
		sqlite3_value *sv = sqlite3_column_value(st, j);
		int type = sqlite3_value_type(sv);
		int same;
		if (v->null)
			same = type == SQLITE_NULL;
		else if (v->is_int)
			same = type == SQLITE_INTEGER && sqlite3_value_int64(sv) == v->i;
		else
			same = type == SQLITE_TEXT
			       && sqlite3_value_bytes(sv) == v->text_len
			       && memcmp(sqlite3_value_text(sv), s->text + v->text_off,
			                 (size_t)v->text_len) == 0;
		if (!same)
			return 0;
		j++;
	}
	return 1;
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
	*same = same_as_stored(s, st, 1, h);
	sqlite3_reset(st);
	return 1;
}

/* Tell the caller that row h repeats a key of the file. */
static void tell_repeat(struct kh_import_session *s, const struct held_row *h)
{
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
}

/* Put h's key into temp.kh_seen; *first: it was not there. */
static int see_key(struct kh_import_session *s, const struct held_row *h,
                   int *first, struct kh_err *err)
{
	if (!s->seen && prepare_key_statements(s, err))
		return -1;
	sqlite3_bind_blob(s->seen, 1, s->keybuf, key_blob(s, h), SQLITE_STATIC);
	return step_once(s, s->seen, h->line, first, err);
}

static int in_span(struct kh_import_session *s, const struct held_row *h);

/* Row h met a stored row with its key (`own`: this file wrote it; `same`:
 * every other column certainly equals h's): leave it or update it, and
 * tell a repeated key.  `fresh`: h's key is above every key the file had
 * before, so it repeats none.  Was the key written by an earlier row of
 * this file?  Either that row inserted or updated the stored row (`own`),
 * or it met the same stored row and left it (the key is in temp.kh_seen,
 * where every row that leaves a stored row of another file goes). */
static int met_stored(struct kh_import_session *s, const struct held_row *h,
                      int own, int same, int fresh, int record,
                      struct kh_err *err)
{
	int changed = 0, repeat = own && !fresh;
	if (!same && s->update) {
		bind_held(s, s->update, h, 0);
		if (step_once(s, s->update, h->line, &changed, err))
			return -1;
	}
	if (changed)
		s->tally.updated++;
	else
		s->tally.unchanged++;
	if (s->on_repeat && !own && !fresh && in_span(s, h))
		repeat = 1;
	else if (s->on_repeat && !own && (!fresh || (!changed && record))) {
		int first = 0;
		if (see_key(s, h, &first, err))
			return -1;
		repeat = !first && !fresh;
	}
	if (repeat && s->on_repeat)
		tell_repeat(s, h);
	return 0;
}

/* One row on its own: looked up first (this is the path for rows that
 * meet stored keys), then inserted, left alone, or updated. */
static int write_held_row(struct kh_import_session *s, const struct held_row *h,
                          struct kh_err *err)
{
	int own = 0, same = 0, changed = 0;
	int fresh = above_max(s, h) > 0;
	int found = stored_row(s, h, &own, &same, err);
	if (found < 0)
		return -1;
	note_key(s, h);
	if (found)
		return met_stored(s, h, own, same, fresh, 1, err);
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
	if (s->update) {
		bind_held(s, s->update, h, 0);
		if (step_once(s, s->update, h->line, &changed, err))
			return -1;
	}
	if (changed)
		s->tally.updated++;
	else
		s->tally.unchanged++;
	return 0;
}

/* A row of a batch with rising keys that INSERT OR IGNORE skipped or
 * wrote: a stored row with its key that this file wrote was written by
 * the batch (the key is new to the file); any other stored row was there
 * before; none means the row broke a constraint, which writing it on its
 * own reports. */
static int settle_rising_row(struct kh_import_session *s,
                             const struct held_row *h, struct kh_err *err)
{
	int own = 0, same = 0;
	int found = stored_row(s, h, &own, &same, err);
	if (found < 0)
		return -1;
	if (!found)
		return write_held_row(s, h, err);
	note_key(s, h);
	if (own) {
		s->tally.inserted++;
		return 0;
	}
	return met_stored(s, h, 0, same, 1, 1, err);
}

/* --- spans of dense ranges ---------------------------------------------------- */

static size_t span_text(struct kh_import_session *s, const unsigned char *p,
                        size_t n)
{
	if (s->spantext_used + n > s->spantext_size) {
		s->spantext_size = (s->spantext_used + n) * 2 + 256;
		s->spantext = kh_xrealloc(s->spantext, s->spantext_size);
	}
	memcpy(s->spantext + s->spantext_used, p, n);
	s->spantext_used += n;
	return s->spantext_used - n;
}

static int blob_cmp(const unsigned char *a, size_t an, const unsigned char *b,
                    size_t bn)
{
	int d = memcmp(a, b, an < bn ? an : bn);
	return d ? d : an < bn ? -1 : an > bn;
}

/* Is held row h's key inside a span? */
static int in_span(struct kh_import_session *s, const struct held_row *h)
{
	if (!s->nspans)
		return 0;
	size_t n = (size_t)key_blob(s, h);
	const unsigned char *k = s->keybuf, *t = s->spantext;
	size_t lo = 0, hi = s->nspans;   /* the last span with lo <= k */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (blob_cmp(t + s->spans[mid].lo, s->spans[mid].lo_len, k, n) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	const struct span *sp = &s->spans[lo];
	int d = blob_cmp(k, n, t + sp->lo, sp->lo_len);
	return (d > 0 || (d == 0 && !sp->lo_open))
	       && blob_cmp(k, n, t + sp->hi, sp->hi_len) <= 0;
}

/* A dense range from above the greatest key (from_max) or from the first
 * row of the batch, to its last row: extend the open span or start one.
 * Spans beyond SPANS_MAX are not kept (their rows go to temp.kh_seen). */
#define SPANS_MAX 65536
static int add_span(struct kh_import_session *s, int from_max)
{
	const struct held_row *last = &s->held[s->nheld - 1];
	if (!(s->span_open && from_max)) {
		if (s->nspans == SPANS_MAX)
			return 0;
		if (s->nspans == s->spans_cap) {
			s->spans_cap = s->spans_cap ? 2 * s->spans_cap : 64;
			s->spans = kh_xrealloc(s->spans, s->spans_cap * sizeof *s->spans);
		}
		struct span *sp = &s->spans[s->nspans++];
		/* lo: the greatest key (just above it), or the first row */
		if (from_max) {
			struct held_row m;
			memset(&m, 0, sizeof m);
			for (int c = 0; c < s->target.ncolumns; c++)
				m.v[c] = s->maxkey[c];
			char *keep = s->text;
			s->text = s->maxtext;   /* key_blob reads texts from s->text */
			sp->lo_len = (size_t)key_blob(s, &m);
			s->text = keep;
		} else {
			sp->lo_len = (size_t)key_blob(s, &s->held[0]);
		}
		sp->lo = span_text(s, s->keybuf, sp->lo_len);
		sp->lo_open = from_max;
		sp->hi = 0;
		sp->hi_len = 0;
	}
	struct span *sp = &s->spans[s->nspans - 1];
	size_t n = (size_t)key_blob(s, last);
	/* The open span's end is rewritten in place when it fits, so that a
	 * long dense file keeps one span and a few bytes. */
	if (sp->hi_len >= n && sp->hi + sp->hi_len == s->spantext_used) {
		memcpy(s->spantext + sp->hi, s->keybuf, n);
		s->spantext_used = sp->hi + n;
	} else {
		sp->hi = span_text(s, s->keybuf, n);
	}
	sp->hi_len = n;
	s->span_open = 1;
	return 1;
}

/* --- rising batches looked up by range ------------------------------------------ */

/* Can the held batch be looked up with one range query?  Its keys rise
 * (batch_rises), its last key column is text in every row and the other
 * key columns are equal throughout. */
static int batch_ranges(const struct kh_import_session *s)
{
	int last = s->last_key;
	if (last < 0 || !batch_rises(s))
		return 0;
	const struct held_row *a = &s->held[0];
	for (int r = 0; r < s->nheld; r++) {
		const struct held_row *h = &s->held[r];
		if (h->v[last].is_int)
			return 0;
		for (int c = 0; r && c < s->target.ncolumns; c++)
			if (s->target.key[c] && c != last
			    && value_cmp(&h->v[c], s->text, &a->v[c], s->text) != 0)
				return 0;
	}
	return 1;
}

/* The greatest key has the batch's other key columns and a text last
 * one: the range can start just above it. */
static int max_shares_prefix(const struct kh_import_session *s)
{
	int last = s->last_key;
	if (!s->have_max || s->maxkey[last].null || s->maxkey[last].is_int)
		return 0;
	for (int c = 0; c < s->target.ncolumns; c++)
		if (s->target.key[c] && c != last
		    && value_cmp(&s->held[0].v[c], s->text, &s->maxkey[c], s->maxtext) != 0)
			return 0;
	return 1;
}

/* Insert a row that the range showed to be new. */
static int insert_new(struct kh_import_session *s, const struct held_row *h,
                      struct kh_err *err)
{
	int changed = 0;
	bind_held(s, s->insert, h, 0);
	if (step_once(s, s->insert, h->line, &changed, err))
		return -1;
	if (changed) {
		s->tally.inserted++;
		return 0;
	}
	return write_held_row(s, h, err);   /* cannot happen: decide as usual */
}

/* A full batch of rising keys: one range query lists the stored rows
 * with its keys; rows not among them are inserted (all in one INSERT OR
 * IGNORE when none is stored), the others compared in C and updated only
 * when they differ. */
static int write_range_batch(struct kh_import_session *s, struct kh_err *err)
{
	int last = s->last_key, n = s->target.ncolumns;
	const struct held_row *first = &s->held[0], *end = &s->held[s->nheld - 1];
	if (!s->range_gt && prepare_range(s, err))
		return -1;
	int from_max = max_shares_prefix(s);
	sqlite3_stmt *st = from_max ? s->range_gt : s->range_ge;
	bind_key(s, st, first);
	if (from_max)
		sqlite3_bind_text(st, n + 1, s->maxtext + s->maxkey[last].text_off,
		                  s->maxkey[last].text_len, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, n + 1, s->text + first->v[last].text_off,
		                  first->v[last].text_len, SQLITE_STATIC);
	sqlite3_bind_text(st, n + 2, s->text + end->v[last].text_off,
	                  end->v[last].text_len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {   /* nothing stored there: all new */
		sqlite3_reset(st);
		if (!s->batch && prepare_batch(s, err))
			return -1;
		bind_batch(s);
		int step_rc = sqlite3_step(s->batch);
		sqlite3_reset(s->batch);
		if (step_rc != SQLITE_DONE)
			return write_failed(s, first->line, err);
		s->in_range = add_span(s, from_max);
		if (sqlite3_changes(s->store->db) == BATCH_ROWS) {
			s->tally.inserted += BATCH_ROWS;
		} else {   /* a row broke a constraint: find it */
			for (int r = 0; r < BATCH_ROWS; r++)
				if (settle_rising_row(s, &s->held[r], err)) {
					s->in_range = 0;
					return -1;
				}
		}
		note_key(s, end);
		s->in_range = 0;
		return 0;
	}
	/* Walk the stored keys and the batch together; write after the
	 * walk, so that no write moves the range's cursor. */
	enum { NEW, SAME, DIFF };
	unsigned char what[BATCH_ROWS], own[BATCH_ROWS];
	int gaps = 0, r = 0;
	while (rc == SQLITE_ROW) {
		const struct held_row *h = r < s->nheld ? &s->held[r] : NULL;
		/* read as same_as_stored reads columns */
		sqlite3_value *kval = sqlite3_column_value(st, 0);
		struct held_value kv = { .text_len = sqlite3_value_bytes(kval) };
		const char *k = (const char *)sqlite3_value_text(kval);
		int d = !h ? -1 : sqlite3_value_type(kval) != SQLITE_TEXT ? -1
		        : value_cmp(&kv, k, &h->v[last], s->text);
		if (d < 0) {          /* stored, not in the file */
			gaps++;
			rc = sqlite3_step(st);
		} else if (d > 0) {   /* in the file, not stored */
			what[r++] = NEW;
		} else {
			own[r] = sqlite3_column_int64(st, 1) == s->import_id;
			what[r++] = same_as_stored(s, st, 2, h) ? SAME : DIFF;
			rc = sqlite3_step(st);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return write_failed(s, first->line, err);
	while (r < s->nheld)
		what[r++] = NEW;
	int dense = !gaps && add_span(s, from_max);
	if (!dense)
		s->span_open = 0;
	s->in_range = dense;
	for (r = 0; r < s->nheld; r++) {
		const struct held_row *h = &s->held[r];
		if (what[r] == NEW ? insert_new(s, h, err)
		    : met_stored(s, h, own[r], what[r] == SAME, 1, !dense, err)) {
			s->in_range = 0;
			return -1;
		}
	}
	note_key(s, end);
	s->in_range = 0;
	return 0;
}

/* A full batch as one INSERT OR IGNORE.  When every row went in, they are
 * all inserted.  Otherwise some key was already there (or came twice), or
 * a row broke a constraint: rising keys are settled row by row where they
 * are (settle_rising_row); other batches run inside a savepoint that is
 * undone, and their rows are written one by one, so that the tally stays
 * exact and an error names its own line.  Then rows are written one by
 * one for a while. */
static int write_batch(struct kh_import_session *s, struct kh_err *err)
{
	int changed = 0;
	long line = s->held[0].line;
	if (!s->batch && prepare_batch(s, err))
		return -1;
	int rises = batch_rises(s);
	if (!rises && step_once(s, s->savepoint, line, &changed, err))
		return -1;
	bind_batch(s);
	int step_rc = sqlite3_step(s->batch);
	sqlite3_reset(s->batch);
	if (step_rc == SQLITE_DONE && sqlite3_changes(s->store->db) == BATCH_ROWS) {
		s->tally.inserted += BATCH_ROWS;
		if (rises) {
			note_key(s, &s->held[BATCH_ROWS - 1]);
			return 0;
		}
		for (int r = 0; r < BATCH_ROWS; r++)
			note_key(s, &s->held[r]);
		return step_once(s, s->release, line, &changed, err);
	}
	s->batching = 0;
	if (rises) {
		if (step_rc != SQLITE_DONE)
			return write_failed(s, line, err);
		for (int r = 0; r < BATCH_ROWS; r++)
			if (settle_rising_row(s, &s->held[r], err))
				return -1;
		return 0;
	}
	if (step_once(s, s->rollback_to, line, &changed, err)
	    || step_once(s, s->release, line, &changed, err))
		return -1;
	for (int r = 0; r < BATCH_ROWS; r++)
		if (write_held_row(s, &s->held[r], err))
			return -1;
	return 0;
}

/* The current file's provenance row (its sums come at the end). */
static int insert_provenance(struct kh_import_session *s, struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO imports (kind, file, sha256, contract, rows, imported_at)"
		" VALUES (?1, ?2, '', ?3, 0, ?4) RETURNING id";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s->store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, s->target.kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->file, -1, SQLITE_STATIC);
	kh_sql_bind_text_or_null(st, 3, s->contract);
	sqlite3_bind_text(st, 4, s->imported_at, -1, SQLITE_STATIC);
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

/* Begin the session's transaction: 0, or -1 with err's kind set. */
static int begin_session(struct kh_import_session *s, struct kh_err *err)
{
	struct kh_err begin_err = { 0 };
	if (kh_store_begin(s->store, &begin_err))
		return kh_fail(err, begin_err.kind ? begin_err.kind : KH_ERR_IO);
	return 0;
}

/* The session's first rows met stored rows of a big database: a
 * re-import.  Its changed rows fall on pages already in the file — on
 * every page, when changes are spread over a year — which a rollback
 * journal copies, and syncs at every cache spill, before overwriting them,
 * where WAL appends each changed page once (REIMPORT_WAL_MIN_BYTES says
 * what it measured).  So back to WAL: nothing but the provenance row is
 * written yet; roll it back, leave the journal, begin again and write it
 * again. */
static int leave_solo(struct kh_import_session *s, struct kh_err *err)
{
	kh_store_rollback(s->store);
	kh_sqlite_solo_journal(s->store, 0);
	s->solo = 0;
	if (begin_session(s, err))
		return -1;
	return insert_provenance(s, err);
}

/* Whether the database is big enough (reimport_wal_min_bytes) and the
 * first held row's key stored: 1, 0, or -1 (printed). */
static int big_reimport(struct kh_import_session *s, struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s->store, "SELECT page_count * page_size FROM"
	                   " pragma_page_count(), pragma_page_size()", &st, err))
		return -1;
	long long bytes = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (bytes < reimport_wal_min_bytes())
		return 0;
	int own, same;
	return stored_row(s, &s->held[0], &own, &same, err);
}

/* Write the held rows: as one batch when full, else row by row.  A full
 * set written row by row that only inserted turns batching back on (new
 * rows after the stored ones). */
static int flush_rows(struct kh_import_session *s, struct kh_err *err)
{
	int rc = 0;
	if (s->solo && !s->flushed && s->nheld > 0) {
		rc = big_reimport(s, err);
		if (rc > 0)
			rc = leave_solo(s, err);
		if (rc < 0)
			return -1;
	}
	s->flushed = 1;
	if (s->nheld == BATCH_ROWS && batch_ranges(s)) {
		rc = write_range_batch(s, err);
	} else if (s->nheld == BATCH_ROWS && s->batching) {
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
	s->last_key = -1;
	for (int c = 0; c < target->ncolumns; c++)
		if (target->key[c])
			s->last_key = c;
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
	/* A big load alone with the database writes through a rollback
	 * journal: the pages it appends are written once (store.c); unless
	 * its first rows are stored already (leave_solo). */
	s->solo = target->bytes >= SOLO_MIN_BYTES && kh_sqlite_solo_journal(store, 1);
	if (begin_session(s, err)) {
		if (s->solo)
			kh_sqlite_solo_journal(store, 0);
		session_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int kh_sqlite_import_file(struct kh_import_session *s, const char *file,
                          const char *contract, const char *imported_at,
                          struct kh_err *err)
{
	free(s->file);
	free(s->contract);
	free(s->imported_at);
	s->file = kh_xstrdup(file);
	s->contract = contract ? kh_xstrdup(contract) : NULL;
	s->imported_at = kh_xstrdup(imported_at);
	int unused;
	if (s->unsee && step_once(s, s->unsee, 0, &unused, err))
		return -1;
	s->nheld = 0;
	s->text_used = 0;
	s->have_max = 0;
	s->nspans = 0;
	s->span_open = 0;
	s->spantext_used = 0;
	memset(&s->tally, 0, sizeof s->tally);
	return insert_provenance(s, err);
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
	int solo = s->solo;
	session_free(s);
	int rc = 0;
	struct kh_err commit_err = { 0 };
	if (keep && kh_store_commit(store, &commit_err))
		rc = kh_fail(err, commit_err.kind ? commit_err.kind : KH_ERR_IO);
	kh_store_rollback(store);   /* when not kept, or the commit failed */
	if (solo)
		kh_sqlite_solo_journal(store, 0);
	sqlite3_exec(store->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}
