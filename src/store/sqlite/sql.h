/* sql.h: what the SQLite engine's files share — the struct behind the
 * opaque kh_store, statement helpers that report errors naming the database
 * file, and column readers.  Only files under src/store/sqlite/ include
 * this (and <sqlite3.h>); everything else sees store.h.
 *
 * Invariant: all SQL goes through prepared statements with bound
 * parameters; nothing here formats user data into SQL text. */
#ifndef KAOHE_SQL_H
#define KAOHE_SQL_H

#include <sqlite3.h>

#include "err.h"
#include "records.h"
#include "store.h"

/* struct kh_store (engine-neutral: db and path are SQLite's part). */
#include "engine.h"

/* The connection, for the engine's files and for tests that set up rows
 * the import path would refuse. */
sqlite3 *kh_store_sqlite(struct kh_store *store);

/* Print "kaohe: DBFILE: WHAT: sqlite's message" and fail with the kind the
 * result code calls for (busy/locked → TEMPFAIL; read-only, I/O, full,
 * cannot open → IO; anything else SOFTWARE).  Returns -1. */
int kh_sql_fail(struct kh_store *store, const char *what, struct kh_err *err);

/* The kind of failure a SQLite result code stands for (as kh_sql_fail
 * maps it). */
enum kh_err_kind kh_sql_err_kind(int code);

/* sqlite3_prepare_v2 / sqlite3_exec that report through kh_sql_fail. */
int kh_sql_prepare(struct kh_store *store, const char *sql, sqlite3_stmt **out,
                   struct kh_err *err);
int kh_sql_exec(struct kh_store *store, const char *sql, struct kh_err *err);

/* Bind text, or NULL when text is NULL or empty. */
int kh_sql_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text);
/* Bind a day as 'YYYY-MM-DD'. */
int kh_sql_bind_day(sqlite3_stmt *stmt, int index, kh_day day);

/* A text column as a new string ("" for NULL). */
char *kh_sql_text(sqlite3_stmt *stmt, int col);
/* A date column: KH_DAY_NONE for NULL or ""; -1 when not a date. */
int kh_sql_day(sqlite3_stmt *stmt, int col, kh_day *out);
/* The same for a record being loaded (load-day.c): 0, or -1 with err
 * KH_ERR_DATA after naming the database, table.column and the stored text
 * when it is not a date (or is empty and `required`). */
int kh_sql_load_day(struct kh_store *s, sqlite3_stmt *st, int col,
                    const char *table, const char *column, int required,
                    kh_day *out, struct kh_err *err);

/* For a bulk write: leave WAL for a rollback journal while this is the
 * database's only connection (on = 1; returns 1 when it did), and go back
 * to WAL (on = 0).  store.c says why. */
int kh_sqlite_solo_journal(struct kh_store *store, int on);

/* The migrations: migration i (1-based) takes the schema from version i-1
 * to i (store-schema.c). */
extern const char *const kh_store_migrations[];
extern const int kh_store_migration_count;

/* --- per-kind loaders behind kh_store_load_records (records.c) ----------
 * Each fills its part of *out for one contract, sorted as records.h says,
 * or returns -1 with err filled.  One file per family: load-roster.c
 * (roster, population), load-events.c (complaints, audits, submissions,
 * activities, ratings), load-finance.c, load-facts.c, load-marks.c,
 * settlements.c (the stream). */
int kh_sqlite_load_roster(struct kh_store *s, const char *contract,
                          struct kh_roster *out, struct kh_err *err);
int kh_sqlite_load_population(struct kh_store *s, const char *contract,
                              struct kh_population *out, struct kh_err *err);
int kh_sqlite_load_complaints(struct kh_store *s, const char *contract,
                              struct kh_complaints *out, struct kh_err *err);
int kh_sqlite_load_audits(struct kh_store *s, const char *contract,
                          struct kh_audits *out, struct kh_err *err);
int kh_sqlite_load_submissions(struct kh_store *s, const char *contract,
                               struct kh_submissions *out, struct kh_err *err);
int kh_sqlite_load_activities(struct kh_store *s, const char *contract,
                              struct kh_activities *out, struct kh_err *err);
int kh_sqlite_load_ratings(struct kh_store *s, const char *contract,
                           struct kh_ratings *out, struct kh_err *err);
int kh_sqlite_load_facts(struct kh_store *s, const char *contract,
                         struct kh_facts *out, struct kh_err *err);
int kh_sqlite_load_finance(struct kh_store *s, const char *contract,
                           struct kh_finance *out, struct kh_err *err);
int kh_sqlite_load_marks(struct kh_store *s, const char *contract,
                         struct kh_marks *out, struct kh_err *err);
/* Set up the settlement stream of a store (the source's impl is the store). */
void kh_sqlite_settlement_source(struct kh_store *s,
                                 struct kh_settlement_source *out);

/* --- legacy helpers on a bare connection ---------------------------------
 * (Transitional, for code not yet behind the typed store functions: print
 * the error and return -1.) */
int kh_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out);
int kh_db_exec(sqlite3 *db, const char *sql);
int kh_db_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text);
int kh_db_begin(sqlite3 *db);
int kh_db_commit(sqlite3 *db);
void kh_db_rollback(sqlite3 *db);

#endif
