/* store.h: the SQLite store — opening with the project's pragmas, the
 * versioned schema and its forward migrations, and small statement helpers.
 * Invariant: all SQL goes through prepared statements with bound
 * parameters; nothing here formats user data into SQL text. */
#ifndef KAOHE_STORE_H
#define KAOHE_STORE_H

#include <sqlite3.h>

/* The schema version this binary writes (PRAGMA user_version). */
int kh_store_schema_version(void);

/* The database path: the --db option, else $KAOHE_DB, else ./kaohe.db. */
const char *kh_store_path(const char *option);

/* Open (creating when `create`) and migrate forward to the current schema.
 * WAL journal, foreign keys on, a busy timeout so that concurrent writers
 * wait.  Returns 0, or a sysexits code after printing why (66 when the
 * file is missing and !create, 65 for a newer schema, 74 for I/O). */
int kh_store_open(const char *path, int create, sqlite3 **out);
void kh_store_close(sqlite3 *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; 0 or -1 after printing the error. */
int kh_store_begin(sqlite3 *db);
int kh_store_commit(sqlite3 *db);
void kh_store_rollback(sqlite3 *db);

/* sqlite3_prepare_v2 that prints the error; 0 or -1. */
int kh_store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out);

/* Run a statement with no parameters and no rows (DDL, PRAGMA); 0 or -1. */
int kh_store_exec(sqlite3 *db, const char *sql);

/* Bind text or NULL when text is NULL or empty. */
int kh_store_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text);

/* The migrations: migration i (1-based) takes the schema from version i-1
 * to i.  Defined in store-schema.c. */
extern const char *const kh_store_migrations[];
extern const int kh_store_migration_count;

#endif
