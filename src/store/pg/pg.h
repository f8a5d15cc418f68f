/* pg.h: what the PostgreSQL engine's files share — the connection state
 * behind kh_store->pg, running a statement with bound parameters and
 * reporting its failure naming the database, parameter lists, and column
 * readers.  Only files under src/store/pg/ include this (and libpq-fe.h);
 * everything else sees store.h.
 *
 * Invariant: every value reaches the server as a parameter ($1, ...) of
 * PQexecParams or as COPY data; nothing formats data into SQL text (table
 * and column names come from the program's own tables). */
#ifndef KAOHE_PG_H
#define KAOHE_PG_H

#include <stdint.h>

#include <libpq-fe.h>

#include "engine.h"
#include "records.h"

struct kh_pg {
	PGconn *conn;
	int readonly;             /* KH_STORE_READONLY: the session refuses writes */
};

/* Parameters of one statement, as text (NULL for SQL NULL). */
#define KH_PG_MAX_PARAMS 16
struct kh_pg_params {
	int n;
	const char *v[KH_PG_MAX_PARAMS];
	char num[KH_PG_MAX_PARAMS][24];
};
void kh_pg_param_text(struct kh_pg_params *p, const char *text);
/* NULL when text is NULL or empty (as kh_sql_bind_text_or_null). */
void kh_pg_param_text_or_null(struct kh_pg_params *p, const char *text);
void kh_pg_param_int(struct kh_pg_params *p, int64_t value);
void kh_pg_param_null(struct kh_pg_params *p);
void kh_pg_param_day(struct kh_pg_params *p, kh_day day);

PGconn *kh_pg_conn(struct kh_store *s);

/* Run sql with params (may be NULL).  The result when it succeeded (tuples
 * or a command: PQclear it), else NULL after printing "DB: what: the
 * server's message" and filling err with the kind its SQLSTATE calls for. */
PGresult *kh_pg_query(struct kh_store *s, const char *sql,
                      const struct kh_pg_params *params, const char *what,
                      struct kh_err *err);
/* The same for a statement whose result is not needed: 0 or -1. */
int kh_pg_run(struct kh_store *s, const char *sql,
              const struct kh_pg_params *params, const char *what,
              struct kh_err *err);
/* Report a failed result (or the connection's error when res is NULL):
 * prints and returns -1 with err filled. */
int kh_pg_fail(struct kh_store *s, const PGresult *res, const char *what,
               struct kh_err *err);
/* The kind of failure a SQLSTATE stands for. */
enum kh_err_kind kh_pg_err_kind(const char *sqlstate);

/* Column readers: a new string ("" for NULL); an integer (0 for NULL). */
char *kh_pg_text(const PGresult *res, int row, int col);
int64_t kh_pg_int(const PGresult *res, int row, int col);
int kh_pg_null(const PGresult *res, int row, int col);
/* A date column of a record being loaded (as kh_sql_load_day). */
int kh_pg_load_day(struct kh_store *s, const PGresult *res, int row, int col,
                   const char *table, const char *column, int required,
                   kh_day *out, struct kh_err *err);

/* The migrations for PostgreSQL: migration i (1-based) takes the schema
 * from version i-1 to i (schema.c); the version is kept in schema_version. */
extern const char *const kh_pg_migrations[];
extern const int kh_pg_migration_count;

/* The transaction-scoped advisory lock a writer takes (one writer at a time
 * for the small writes, as SQLite's BEGIN IMMEDIATE) and the one migrations
 * take. */
#define KH_PG_LOCK_WRITE "7020764405862432769"
#define KH_PG_LOCK_SCHEMA "7020764405862432770"

/* Loaders behind kh_pg_load_records (records.c, one per kind). */
int kh_pg_load_roster(struct kh_store *s, const char *contract,
                      struct kh_roster *out, struct kh_err *err);
int kh_pg_load_population(struct kh_store *s, const char *contract,
                          struct kh_population *out, struct kh_err *err);
int kh_pg_load_complaints(struct kh_store *s, const char *contract,
                          struct kh_complaints *out, struct kh_err *err);
int kh_pg_load_audits(struct kh_store *s, const char *contract,
                      struct kh_audits *out, struct kh_err *err);
int kh_pg_load_submissions(struct kh_store *s, const char *contract,
                           struct kh_submissions *out, struct kh_err *err);
int kh_pg_load_activities(struct kh_store *s, const char *contract,
                          struct kh_activities *out, struct kh_err *err);
int kh_pg_load_ratings(struct kh_store *s, const char *contract,
                       struct kh_ratings *out, struct kh_err *err);
int kh_pg_load_facts(struct kh_store *s, const char *contract,
                     struct kh_facts *out, struct kh_err *err);
int kh_pg_load_finance(struct kh_store *s, const char *contract,
                       struct kh_finance *out, struct kh_err *err);
int kh_pg_load_marks(struct kh_store *s, const char *contract,
                     struct kh_marks *out, struct kh_err *err);
void kh_pg_settlement_source(struct kh_store *s,
                             struct kh_settlement_source *out);

#endif
