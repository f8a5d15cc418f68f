/* store.h: the store boundary — everything kaohe keeps between runs goes
 * through these typed functions: opening and migrating, transactions, the
 * records of a contract, settlements as a stream, scoring runs and their
 * provenance.  Area headers beside this one add the rest (store-*.h:
 * contracts, calendar, imports, submissions).
 *
 * Invariants:
 *   - struct kh_store is opaque; only src/store/<engine>/ knows the engine
 *     (today SQLite, src/store/sqlite/) and only that code includes its
 *     headers or holds SQL text;
 *   - every value reaches SQL as a bound parameter;
 *   - functions return 0, or -1 with err filled after printing why (the
 *     message names the database file). */
#ifndef KAOHE_STORE_H
#define KAOHE_STORE_H

#include <stddef.h>

#include "dates.h"
#include "err.h"
#include "records.h"

struct kh_store;

/* The database named by the --db option, else $KAOHE_DB, else ./kaohe.db. */
const char *kh_store_path(const char *option);

/* The schema version this binary writes. */
int kh_store_schema_version(void);
/* The schema version of this store's engine (SQLite's or PostgreSQL's list
 * of migrations; the same number while both have every migration). */
int kh_store_schema_version_of(const struct kh_store *store);

enum {
	KH_STORE_CREATE = 1,      /* create the database when it does not exist */
	KH_STORE_READONLY = 2,    /* read only (kaohe compare --db): no
	                             migration, no pragma that writes, and
	                             every write refused by the engine */
	KH_STORE_FRESH = 4,       /* PostgreSQL (kaohe demo): drop kaohe's
	                             tables first and create them afresh;
	                             SQLite ignores it (the demo removes its
	                             file) */
};

/* 1 when the --db value names a PostgreSQL database (a postgresql:// or
 * postgres:// URL), 0 for a SQLite file. */
int kh_store_is_postgres(const char *path);

/* Open and migrate forward (KH_STORE_READONLY: open as it is — an older
 * schema is read as far as it goes, a newer one refused) to the current schema (WAL, foreign keys, a
 * busy timeout so concurrent writers wait).  Errors: KH_ERR_NOINPUT when
 * the file is missing and KH_STORE_CREATE is not given, KH_ERR_DATA for a
 * newer schema, KH_ERR_IO otherwise. */
int kh_store_open(const char *path, int flags, struct kh_store **out,
                  struct kh_err *err);
void kh_store_close(struct kh_store *store);
/* The file (or connection) name, for messages. */
const char *kh_store_name(const struct kh_store *store);

/* One write transaction (BEGIN IMMEDIATE: writers queue, readers go on). */
int kh_store_begin(struct kh_store *store, struct kh_err *err);
int kh_store_commit(struct kh_store *store, struct kh_err *err);
void kh_store_rollback(struct kh_store *store);

/* --- records (store/sqlite/records.c and load-*.c) ------------------------ */

/* Load the record kinds in `kinds` (kh_record_kind bits) of a contract into
 * *out, which must be zeroed; KH_REC_SETTLEMENTS sets up the stream.  The
 * caller frees with kh_records_free while the store is still open. */
int kh_store_load_records(struct kh_store *store, const char *contract,
                          unsigned kinds, struct kh_records *out,
                          struct kh_err *err);

/* Claim count and paid total over the claims a query selects, computed by
 * the engine (order is ignored). */
int kh_store_settlement_totals(struct kh_store *store,
                               const struct kh_settlement_query *query,
                               long long *count, kh_fen *paid,
                               struct kh_err *err);

/* --- scoring runs (store/sqlite/runs.c) ----------------------------------- */

/* One import that could feed a contract's scoring, for provenance. */
struct kh_import_info {
	long id;
	char *kind;
	char *file;
	char *sha256;
	long long rows;
	char *imported_at;        /* "YYYY-MM-DD HH:MM:SS" */
};
/* The imports of the contract and those that name none, by id.  The caller
 * frees with kh_import_infos_free. */
int kh_store_list_imports(struct kh_store *store, const char *contract,
                          struct kh_import_info **out, size_t *count,
                          struct kh_err *err);
void kh_import_infos_free(struct kh_import_info *infos, size_t count);

/* A scoring run as stored: enough to reproduce and audit it later. */
struct kh_run {
	const char *contract;
	int contract_version;
	const char *period;       /* "2024", "2024Q3", ... */
	const char *as_of;        /* "YYYY-MM-DD" */
	const char *generated_at; /* "YYYY-MM-DD HH:MM:SS" */
	const char *score;        /* "87.50" */
	const char *max_score;
	const char *grade;
	const char *scorecard_xml;
	const long *import_ids;   /* the imports it read */
	size_t nimports;
};
/* Store the run and its import links in one transaction; *run_id is its id. */
int kh_store_save_run(struct kh_store *store, const struct kh_run *run,
                      long *run_id, struct kh_err *err);

/* A stored run read back (kaohe compare --db): the newest run of each
 * contract for one period. */
struct kh_stored_run {
	long id;
	char *contract;
	int contract_version;
	char *period;
	char *as_of;
	char *generated_at;
	char *scorecard_xml;
};
/* The newest stored run (highest id) of every contract for `period`
 * ("2024", "2024Q3", ...), sorted by contract id.  Works on a read-only
 * store.  The caller frees with kh_stored_runs_free. */
int kh_store_latest_runs(struct kh_store *store, const char *period,
                         struct kh_stored_run **out, size_t *count,
                         struct kh_err *err);
void kh_stored_runs_free(struct kh_stored_run *runs, size_t count);

#endif
