/* store.c: the SQLite engine's kh_store — opening with the project's
 * pragmas, forward migrations, transactions, and the statement helpers the
 * engine's other files use.  Migrations run inside BEGIN IMMEDIATE and
 * re-read user_version after taking the lock, so two processes initialising
 * one file at once both succeed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "sql.h"

/* How long a writer waits for another before giving up (milliseconds). */
#define KH_BUSY_TIMEOUT_MS 120000

int kh_store_schema_version(void)
{
	return kh_store_migration_count;
}

const char *kh_store_path(const char *option)
{
	if (option && *option)
		return option;
	const char *env = getenv("KAOHE_DB");
	if (env && *env)
		return env;
	return "kaohe.db";
}

/* The database file of a bare connection, for messages. */
static const char *db_name(sqlite3 *db)
{
	const char *name = sqlite3_db_filename(db, "main");
	return name && *name ? name : ":memory:";
}

int kh_db_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		kh_error("%s: %s: %s", db_name(db), kh_tr("数据库错误", "database error"),
		         err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int kh_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out)
{
	if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK) {
		kh_error("%s: %s: %s", db_name(db), kh_tr("数据库错误", "database error"),
		         sqlite3_errmsg(db));
		*out = NULL;
		return -1;
	}
	return 0;
}

int kh_db_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
	if (!text || !*text)
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

int kh_db_begin(sqlite3 *db)
{
	return kh_db_exec(db, "BEGIN IMMEDIATE");
}

int kh_db_commit(sqlite3 *db)
{
	return kh_db_exec(db, "COMMIT");
}

void kh_db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int read_user_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *stmt;
	if (kh_db_prepare(db, "PRAGMA user_version", &stmt))
		return -1;
	int rc = sqlite3_step(stmt);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int migrate(sqlite3 *db, const char *path, struct kh_err *err)
{
	int version;
	if (read_user_version(db, &version))
		return kh_fail(err, KH_ERR_IO);
	if (version > kh_store_schema_version())
		goto too_new;
	if (version == kh_store_schema_version())
		return 0;
	if (kh_db_begin(db))
		return kh_fail(err, kh_sql_err_kind(sqlite3_extended_errcode(db)));
	/* Another process may have migrated while we waited for the lock. */
	if (read_user_version(db, &version))
		goto fail;
	if (version > kh_store_schema_version()) {
		kh_db_rollback(db);
		goto too_new;
	}
	for (int v = version; v < kh_store_schema_version(); v++) {
		if (kh_db_exec(db, kh_store_migrations[v]))
			goto fail;
		/* PRAGMA takes no bound parameters; the value is our own integer. */
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (kh_db_exec(db, pragma))
			goto fail;
	}
	if (kh_db_commit(db))
		goto fail;
	return 0;
fail:;
	int code = sqlite3_extended_errcode(db);
	kh_db_rollback(db);
	return kh_fail(err, kh_sql_err_kind(code));
too_new:
	kh_error("%s: %s %d, %s %d; %s", path,
	         kh_tr("数据库结构版本", "database schema version"), version,
	         kh_tr("本程序支持至", "this kaohe supports up to"),
	         kh_store_schema_version(),
	         kh_tr("请升级 kaohe", "upgrade kaohe to use it"));
	return kh_fail(err, KH_ERR_DATA);
}

#define KH_STORE_PAGE_SIZE "65536"
#define KH_SORTER_THREADS "2"
/* The sorter sorts runs of at least this many pages in memory (SQLite's
 * default, 250, is 16 MB at 64 KiB pages; with a second sorter thread
 * each thread holds a run: peak 66 MB for a score at 10^6 claims).  64
 * pages, 4 MB: peak 34 MB with two threads, and less CPU (the runs fit
 * the CPU's caches better).  SQLite takes it only before it initialises,
 * so it is set when the program is loaded, before any thread starts. */
#define KH_SORTER_PMA_PAGES 64

static void configure_sqlite(void) __attribute__((constructor));
static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_PMASZ, (unsigned)KH_SORTER_PMA_PAGES);
}

/* Print "PATH: what: sqlite's message" and fail with the kind its result
 * code calls for. */
static int open_failed(sqlite3 *db, const char *path, struct kh_err *err)
{
	int code = sqlite3_extended_errcode(db);
	kh_error("%s: %s: %s", path, kh_tr("数据库错误", "database error"),
	         sqlite3_errmsg(db));
	return kh_fail(err, kh_sql_err_kind(code));
}

/* Run a statement, retrying while another connection holds the lock it
 * needs.  Switching a new file to WAL takes an exclusive lock, and SQLite
 * answers SQLITE_BUSY at once, without its busy handler, when waiting
 * could deadlock (several `kaohe init` on one new file: tests/001).  The
 * retries are bounded by the same timeout as the busy handler. */
static int exec_retrying_busy(sqlite3 *db, const char *sql)
{
	enum { PAUSE_MS = 10 };
	for (int waited = 0;; waited += PAUSE_MS) {
		int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= KH_BUSY_TIMEOUT_MS)
			return rc;
		sqlite3_sleep(PAUSE_MS);
	}
}

/* A bulk write that is the database's only user (kh_sqlite_solo_journal):
 * the rollback journal holds only the pages that were in the file before
 * the transaction, so pages it appends are written once, where WAL writes
 * every page twice (into the WAL, then into the file at the checkpoint).
 * Leaving WAL mode needs every other connection closed; SQLite answers
 * SQLITE_BUSY at once otherwise (no busy handler is called, and none is
 * wanted: a busy database keeps WAL).  synchronous=FULL makes the journal
 * durable before the file is written, as a rollback journal needs.  Off
 * again, the database goes back to WAL (retrying while another connection
 * holds a lock; any later open sets WAL too, so a crash between the
 * commit and this leaves nothing wrong).  1 when switched, else 0. */
int kh_sqlite_solo_journal(struct kh_store *store, int on)
{
	sqlite3 *db = store->db;
	if (!on) {
		exec_retrying_busy(db, "PRAGMA journal_mode = WAL");
		sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
		return 0;
	}
	sqlite3_stmt *st;
	int solo = 0;
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) != SQLITE_OK)
		return 0;
	int wal = sqlite3_step(st) == SQLITE_ROW
	          && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	if (!wal)
		return 0;
	sqlite3_busy_timeout(db, 0);
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = DELETE", -1, &st, NULL)
	    == SQLITE_OK) {
		solo = sqlite3_step(st) == SQLITE_ROW
		       && strcmp((const char *)sqlite3_column_text(st, 0), "delete") == 0;
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(db, KH_BUSY_TIMEOUT_MS);
	if (solo && sqlite3_exec(db, "PRAGMA synchronous = FULL", NULL, NULL, NULL)
	            != SQLITE_OK) {
		kh_sqlite_solo_journal(store, 0);
		return 0;
	}
	return solo;
}

/* What the file holds, before anything is written to it: only `create`
 * (kaohe init) may turn an empty file into a database, and nobody turns
 * someone else's SQLite file into one.  0, or -1 after printing why. */
static int check_what_is_there(sqlite3 *db, const char *path, int create,
                               struct kh_err *err)
{
	long long version = 0, objects = 0;
	/* One statement, so one read snapshot: read apart, a concurrent init
	 * could commit its migrations between the two reads and a brand-new
	 * database would look like another program's file. */
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version),"
	                           " (SELECT count(*) FROM sqlite_master)",
	                       -1, &stmt, NULL) != SQLITE_OK)
		return open_failed(db, path, err);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		version = sqlite3_column_int64(stmt, 0);
		objects = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return open_failed(db, path, err);
	if (version > 0)
		return 0;
	if (objects > 0) {
		kh_error("%s: %s", path, kh_tr("不是 kaohe 数据库（是其他程序的 SQLite 文件），"
		                               "不会改动它",
		                               "not a kaohe database (another program's "
		                               "SQLite file); left alone"));
		return kh_fail(err, KH_ERR_DATA);
	}
	if (create)
		return 0;
	kh_error("%s: %s (%s)", path, kh_tr("文件为空，不是 kaohe 数据库",
	                                    "an empty file, not a kaohe database"),
	         kh_tr("只有 'kaohe init' 会创建数据库",
	               "only 'kaohe init' creates one"));
	return kh_fail(err, KH_ERR_NOINPUT);
}

/* A read-only store is read as it is: no migration (that would write),
 * only a refusal of a schema newer than this binary's, and query_only so
 * that nothing can write through the connection. */
static int check_readonly(sqlite3 *db, const char *path, struct kh_err *err)
{
	int version = 0;
	if (read_user_version(db, &version))
		return open_failed(db, path, err);
	if (version > kh_store_schema_version()) {
		kh_error("%s: %s %d, %s %d; %s", path,
		         kh_tr("数据库结构版本", "database schema version"), version,
		         kh_tr("本程序支持至", "this kaohe supports up to"),
		         kh_store_schema_version(),
		         kh_tr("请升级 kaohe", "upgrade kaohe to use it"));
		return kh_fail(err, KH_ERR_DATA);
	}
	if (sqlite3_exec(db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
		return open_failed(db, path, err);
	return 0;
}

int kh_sqlite_open(const char *path, int flags, struct kh_store **out,
                   struct kh_err *err)
{
	*out = NULL;
	int create = (flags & KH_STORE_CREATE) != 0;
	if (!create && access(path, F_OK) != 0) {
		kh_error("%s: %s (%s)", path, kh_tr("数据库不存在", "no database"),
		         kh_tr("先运行 'kaohe init'", "run 'kaohe init' first"));
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	sqlite3 *db;
	/* NOMUTEX: kaohe never shares a connection between threads, and the
	 * per-call mutexes cost ~5% of a bulk import's instructions. */
	int readonly = (flags & KH_STORE_READONLY) != 0 && !create;
	int open_flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
	                 | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db, open_flags, NULL) != SQLITE_OK) {
		if (db)
			open_failed(db, path, err);
		else
			kh_error("%s: %s", path, strerror(errno));
		sqlite3_close(db);
		return kh_fail(err, KH_ERR_IO);
	}
	sqlite3_busy_timeout(db, KH_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	if (check_what_is_there(db, path, create, err)) {
		sqlite3_close(db);
		return -1;
	}
	if (readonly) {
		if (check_readonly(db, path, err)) {
			sqlite3_close(db);
			return -1;
		}
		goto opened;
	}
	/* page_size only takes effect while the file is still empty (a new
	 * database); 64 KiB pages cut a bulk import's system calls and b-tree
	 * work by about a fifth (bench/import).  Existing files keep theirs. */
	static const char *const pragmas[] = {
		"PRAGMA foreign_keys = ON", "PRAGMA page_size = " KH_STORE_PAGE_SIZE,
		"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", NULL,
	};
	for (int i = 0; pragmas[i]; i++)
		if (exec_retrying_busy(db, pragmas[i]) != SQLITE_OK) {
			open_failed(db, path, err);
			sqlite3_close(db);
			return -1;
		}
	if (migrate(db, path, err)) {
		sqlite3_close(db);
		return -1;
	}
opened:;
	/* Scoring sorts every claim by person (the benefit recomputation):
	 * a second thread sorts the sorter's runs while the first reads
	 * (bench/score).  Only sorts use it; an error leaves one thread. */
	sqlite3_exec(db, "PRAGMA threads = " KH_SORTER_THREADS, NULL, NULL, NULL);
	struct kh_store *store = kh_xcalloc(1, sizeof *store);
	store->db = db;
	store->path = kh_xstrdup(path);
	*out = store;
	return 0;
}

void kh_sqlite_close(struct kh_store *store)
{
	if (!store)
		return;
	sqlite3_close(store->db);
	free(store->path);
	free(store);
}

const char *kh_store_name(const struct kh_store *store)
{
	return store->path;
}

sqlite3 *kh_store_sqlite(struct kh_store *store)
{
	return store->db;
}

int kh_sqlite_begin(struct kh_store *store, struct kh_err *err)
{
	return kh_sql_exec(store, "BEGIN IMMEDIATE", err);
}

int kh_sqlite_commit(struct kh_store *store, struct kh_err *err)
{
	return kh_sql_exec(store, "COMMIT", err);
}

void kh_sqlite_rollback(struct kh_store *store)
{
	kh_db_rollback(store->db);
}

/* ---- helpers for the engine's files ------------------------------------- */

enum kh_err_kind kh_sql_err_kind(int code)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return KH_ERR_TEMPFAIL;
	case SQLITE_READONLY:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return KH_ERR_IO;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return KH_ERR_DATA;
	}
	return KH_ERR_SOFTWARE;
}

int kh_sql_fail(struct kh_store *store, const char *what, struct kh_err *err)
{
	int code = sqlite3_extended_errcode(store->db);
	kh_error("%s: %s%s%s", store->path, what ? what : "", what ? ": " : "",
	         sqlite3_errmsg(store->db));
	if (err && err->kind == KH_ERR_NONE &&
	    ((code & 0xff) == SQLITE_FULL ||
	     ((code & 0xff) == SQLITE_IOERR && sqlite3_system_errno(store->db) == ENOSPC)))
		err->full = 1;
	return kh_fail(err, kh_sql_err_kind(code));
}

int kh_sql_prepare(struct kh_store *store, const char *sql, sqlite3_stmt **out,
                   struct kh_err *err)
{
	if (sqlite3_prepare_v2(store->db, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return kh_sql_fail(store, kh_tr("数据库错误", "database error"), err);
	}
	return 0;
}

int kh_sql_exec(struct kh_store *store, const char *sql, struct kh_err *err)
{
	if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return kh_sql_fail(store, kh_tr("数据库错误", "database error"), err);
	return 0;
}

int kh_sql_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
	return kh_db_bind_text_or_null(stmt, index, text);
}

int kh_sql_bind_day(sqlite3_stmt *stmt, int index, kh_day day)
{
	char buf[KH_DAY_BUFSZ];
	return sqlite3_bind_text(stmt, index, kh_day_format(day, buf), -1,
	                         SQLITE_TRANSIENT);
}

char *kh_sql_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);
	return kh_xstrdup(text ? (const char *)text : "");
}

int kh_sql_day(sqlite3_stmt *stmt, int col, kh_day *out)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);
	if (!text || !*text) {
		*out = KH_DAY_NONE;
		return 0;
	}
	return kh_day_parse((const char *)text, out);
}
