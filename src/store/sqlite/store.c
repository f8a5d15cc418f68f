/* store.c: opens the SQLite store and migrates it forward.  Migrations run
 * inside BEGIN IMMEDIATE and re-read user_version after taking the lock, so
 * two processes initialising one file at once both succeed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "msg.h"
#include "store.h"

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

int kh_store_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		kh_error("%s: %s", kh_tr("数据库错误", "database error"),
		         err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int kh_store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out)
{
	if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK) {
		kh_error("%s: %s", kh_tr("数据库错误", "database error"),
		         sqlite3_errmsg(db));
		*out = NULL;
		return -1;
	}
	return 0;
}

int kh_store_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
	if (!text || !*text)
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

int kh_store_begin(sqlite3 *db)
{
	return kh_store_exec(db, "BEGIN IMMEDIATE");
}

int kh_store_commit(sqlite3 *db)
{
	return kh_store_exec(db, "COMMIT");
}

void kh_store_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int read_user_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *stmt;
	if (kh_store_prepare(db, "PRAGMA user_version", &stmt))
		return -1;
	int rc = sqlite3_step(stmt);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int migrate(sqlite3 *db, const char *path)
{
	int version;
	if (read_user_version(db, &version))
		return EX_IOERR;
	if (version > kh_store_schema_version())
		goto too_new;
	if (version == kh_store_schema_version())
		return 0;
	if (kh_store_begin(db))
		return EX_IOERR;
	/* Another process may have migrated while we waited for the lock. */
	if (read_user_version(db, &version))
		goto fail;
	if (version > kh_store_schema_version()) {
		kh_store_rollback(db);
		goto too_new;
	}
	for (int v = version; v < kh_store_schema_version(); v++) {
		if (kh_store_exec(db, kh_store_migrations[v]))
			goto fail;
		/* PRAGMA takes no bound parameters; the value is our own integer. */
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (kh_store_exec(db, pragma))
			goto fail;
	}
	if (kh_store_commit(db))
		goto fail;
	return 0;
fail:
	kh_store_rollback(db);
	return EX_IOERR;
too_new:
	kh_error("%s: %s %d, %s %d; %s", path,
	         kh_tr("数据库结构版本", "database schema version"), version,
	         kh_tr("本程序支持至", "this kaohe supports up to"),
	         kh_store_schema_version(),
	         kh_tr("请升级 kaohe", "upgrade kaohe to use it"));
	return EX_DATAERR;
}

#define KH_STORE_PAGE_SIZE "65536"

int kh_store_open(const char *path, int create, sqlite3 **out)
{
	*out = NULL;
	if (!create && access(path, F_OK) != 0) {
		kh_error("%s: %s (%s)", path, kh_tr("数据库不存在", "no database"),
		         kh_tr("先运行 'kaohe init'", "run 'kaohe init' first"));
		return EX_NOINPUT;
	}
	sqlite3 *db;
	/* NOMUTEX: kaohe never shares a connection between threads, and the
	 * per-call mutexes cost ~5% of a bulk import's instructions. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
	            | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		kh_error("%s: %s", path, db ? sqlite3_errmsg(db) : strerror(errno));
		sqlite3_close(db);
		return EX_IOERR;
	}
	sqlite3_busy_timeout(db, KH_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	/* page_size only takes effect while the file is still empty (a new
	 * database); 64 KiB pages cut a bulk import's system calls and b-tree
	 * work by about a fifth (bench/import).  Existing files keep theirs. */
	if (kh_store_exec(db, "PRAGMA foreign_keys = ON")
	    || kh_store_exec(db, "PRAGMA page_size = " KH_STORE_PAGE_SIZE)
	    || kh_store_exec(db, "PRAGMA journal_mode = WAL")
	    || kh_store_exec(db, "PRAGMA synchronous = NORMAL")) {
		sqlite3_close(db);
		return EX_IOERR;
	}
	int rc = migrate(db, path);
	if (rc) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void kh_store_close(sqlite3 *db)
{
	if (db)
		sqlite3_close(db);
}
