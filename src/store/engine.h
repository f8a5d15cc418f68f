/* engine.h: what the store's engines and its dispatcher share (private to
 * src/store/) — the engine-neutral struct behind the opaque kh_store, and
 * the functions each engine implements: kh_sqlite_* (src/store/sqlite/)
 * and kh_pg_* (src/store/pg/), one for each public kh_store_* function of
 * store.h and store-*.h.  dispatch.c defines the public functions as a
 * switch on store->engine.
 *
 * Invariants: no engine's header is included here (the engine handles are
 * incomplete struct types); a kh_store zeroed by calloc is a SQLite store
 * (KH_ENGINE_SQLITE is 0), so the SQLite engine fills only db and path; an
 * engine's import session begins with its `struct kh_store *store` (the
 * dispatcher reads the engine through it). */
#ifndef KAOHE_STORE_ENGINE_H
#define KAOHE_STORE_ENGINE_H

#include "store.h"
#include "store-calendar.h"
#include "store-contracts.h"
#include "store-decisions.h"
#include "store-import.h"
#include "store-log.h"
#include "store-submissions.h"

enum kh_engine {
	KH_ENGINE_SQLITE = 0,
	KH_ENGINE_PG,
};

struct sqlite3;
struct kh_pg;

struct kh_store {
	struct sqlite3 *db;       /* SQLite: the connection */
	char *path;               /* the file, or the URL without its password:
	                             for messages */
	enum kh_engine engine;
	struct kh_pg *pg;         /* PostgreSQL: the connection and its state */
};

/* The engine a --db value names: PostgreSQL for postgresql:// and
 * postgres:// URLs, SQLite for anything else (a file path). */
enum kh_engine kh_store_engine_of(const char *path);

/* The PostgreSQL import session (src/store/pg/import.c). */
struct kh_pg_import;

/* Every engine's functions, named PREFIX_area_verb as the public
 * kh_store_area_verb; SESSION is the engine's import session type. */
#define KH_STORE_ENGINE_API(P, SESSION) \
int P##_open(const char *path, int flags, struct kh_store **out, \
             struct kh_err *err); \
void P##_close(struct kh_store *store); \
int P##_begin(struct kh_store *store, struct kh_err *err); \
int P##_commit(struct kh_store *store, struct kh_err *err); \
void P##_rollback(struct kh_store *store); \
int P##_load_records(struct kh_store *store, const char *contract, \
                     unsigned kinds, struct kh_records *out, \
                     struct kh_err *err); \
int P##_settlement_totals(struct kh_store *store, \
                          const struct kh_settlement_query *query, \
                          long long *count, kh_fen *paid, struct kh_err *err); \
int P##_list_imports(struct kh_store *store, const char *contract, \
                     struct kh_import_info **out, size_t *count, \
                     struct kh_err *err); \
int P##_save_run(struct kh_store *store, const struct kh_run *run, \
                 long *run_id, struct kh_err *err); \
int P##_latest_runs(struct kh_store *store, const char *period, \
                    struct kh_stored_run **out, size_t *count, \
                    struct kh_err *err); \
int P##_calendar_years(struct kh_store *store, int **years, size_t *count, \
                       struct kh_err *err); \
int P##_calendar_days(struct kh_store *store, \
                      struct kh_calendar_listed_day **days, size_t *count, \
                      struct kh_err *err); \
int P##_calendar_save(struct kh_store *store, const struct kh_cal_set *set, \
                      const char *source, const char *loaded_at, int replace, \
                      struct kh_calendar_years *done, struct kh_err *err); \
int P##_calendar_year_get(struct kh_store *store, int year, \
                          struct kh_calendar_year_info *out, \
                          struct kh_err *err); \
int P##_calendar_year_list(struct kh_store *store, \
                           struct kh_calendar_year_info **out, size_t *count, \
                           struct kh_err *err); \
int P##_contract_get(struct kh_store *store, const char *id, int version, \
                     struct kh_stored_contract *out, int *found, \
                     struct kh_err *err); \
int P##_contract_head(struct kh_store *store, const char *id, int version, \
                      struct kh_contract_head *out, int *found, \
                      struct kh_err *err); \
int P##_contract_add(struct kh_store *store, const char *id, \
                     const char *sha256, const char *xml, \
                     const char *source_file, const char *added_at, \
                     int *version, int *unchanged, struct kh_err *err); \
int P##_contract_ids(struct kh_store *store, char ***ids, size_t *count, \
                     struct kh_err *err); \
int P##_decide(struct kh_store *store, const char *contract, \
               const char *line_id, enum kh_line_state state, int has_amount, \
               kh_fen amount, const char *reason, const char *who, \
               const char *at, struct kh_err *err); \
int P##_load_adjustments(struct kh_store *store, const char *contract, \
                         struct kh_adjustments **out, struct kh_err *err); \
int P##_appeal_add(struct kh_store *store, const struct kh_appeal *appeal, \
                   long *id, struct kh_err *err); \
int P##_appeal_get(struct kh_store *store, long id, struct kh_appeal **out, \
                   struct kh_err *err); \
int P##_appeal_list(struct kh_store *store, const char *contract, \
                    struct kh_appeal ***out, size_t *count, \
                    struct kh_err *err); \
int P##_appeal_decide(struct kh_store *store, long id, const char *state, \
                      const char *const *overturned, size_t noverturned, \
                      const char *reason, const char *who, const char *at, \
                      int has_cost, kh_fen cost, struct kh_err *err); \
int P##_import_begin(struct kh_store *store, \
                     const struct kh_import_target *target, SESSION **out, \
                     struct kh_err *err); \
int P##_import_file(SESSION *s, const char *file, const char *contract, \
                    const char *imported_at, struct kh_err *err); \
void P##_import_on_repeat(SESSION *s, kh_import_repeat_fn *fn, void *data); \
int P##_import_row(SESSION *s, const struct kh_field *fields, long line, \
                   struct kh_err *err); \
int P##_import_file_done(SESSION *s, const char *sha256, long rows, \
                         struct kh_import_tally *tally, struct kh_err *err); \
int P##_import_end(SESSION *s, int keep, struct kh_err *err); \
int P##_log_append(struct kh_store *store, const struct kh_log_entry *entry, \
                   struct kh_err *err); \
int P##_log_each(struct kh_store *store, const char *contract, kh_log_fn *fn, \
                 void *arg, struct kh_err *err); \
int P##_submission_find(struct kh_store *store, const char *key, \
                        struct kh_stored_receipt *out, int *found, \
                        struct kh_err *err); \
int P##_submission_record(struct kh_store *store, \
                          const struct kh_receipt_record *receipt, \
                          struct kh_err *err);

KH_STORE_ENGINE_API(kh_sqlite, struct kh_import_session)
KH_STORE_ENGINE_API(kh_pg, struct kh_pg_import)

/* A function the PostgreSQL engine does not have yet: prints "DB: NAME:
 * not yet supported on PostgreSQL" and fails with KH_ERR_SOFTWARE. */
int kh_store_pg_unsupported(struct kh_store *store, const char *name,
                            struct kh_err *err);


/* Migrations 5 and 6 (kaohe serve's received submissions, users, tokens,
 * sessions) on each engine: src/store/sqlite/{receive,users}.c and
 * src/store/pg/{receive,users}.c. */
#include "store-receive.h"
#include "store-users.h"
int kh_sqlite_received_find(struct kh_store *store, const char *key,
                            struct kh_received *out, int *found,
                            struct kh_err *err);
int kh_sqlite_received_add(struct kh_store *store,
                           const struct kh_received_in *in,
                           struct kh_received *out, int *exists,
                           struct kh_err *err);
int kh_sqlite_received_each(struct kh_store *store, const char *contract,
                            kh_received_fn *fn, void *arg, struct kh_err *err);
int kh_sqlite_received_body(struct kh_store *store, const char *ref,
                            struct kh_received *out, char **body, size_t *len,
                            int *found, struct kh_err *err);
int kh_sqlite_contract_known(struct kh_store *store, const char *contract,
                             int *known, struct kh_err *err);
int kh_sqlite_user_add(struct kh_store *store, const struct kh_user_rec *user,
                       long *id, struct kh_err *err);
int kh_sqlite_user_get(struct kh_store *store, const char *name, long id,
                       struct kh_user_rec *out, int *found, struct kh_err *err);
int kh_sqlite_user_list(struct kh_store *store, struct kh_user_rec **out,
                        size_t *count, struct kh_err *err);
int kh_sqlite_user_set_password(struct kh_store *store, long id,
                                const char *password_hash, int end_sessions,
                                struct kh_err *err);
int kh_sqlite_user_set_disabled(struct kh_store *store, long id, int disabled,
                                struct kh_err *err);
int kh_sqlite_token_add(struct kh_store *store, long user_id,
                        const char *sha256_hex, const char *label,
                        const char *at, long *id, struct kh_err *err);
int kh_sqlite_token_find(struct kh_store *store, const char *sha256_hex,
                         long *token_id, long *user_id, char stored_hex[65],
                         int *found, struct kh_err *err);
int kh_sqlite_token_revoke(struct kh_store *store, long token_id, long user_id,
                           const char *at, int *revoked, struct kh_err *err);
int kh_sqlite_token_list(struct kh_store *store, long user_id,
                         struct kh_token_rec **out, size_t *count,
                         struct kh_err *err);
int kh_sqlite_session_add(struct kh_store *store, const char *sha256_hex,
                          const struct kh_session_rec *session,
                          struct kh_err *err);
int kh_sqlite_session_get(struct kh_store *store, const char *sha256_hex,
                          struct kh_session_rec *out, int *found,
                          struct kh_err *err);
int kh_sqlite_session_touch(struct kh_store *store, const char *sha256_hex,
                            const char *seen_at, struct kh_err *err);
int kh_sqlite_session_delete(struct kh_store *store, const char *sha256_hex,
                             struct kh_err *err);
int kh_sqlite_session_prune(struct kh_store *store, const char *now,
                            const char *idle_before, struct kh_err *err);
int kh_sqlite_login_reserve(struct kh_store *store, const struct kh_login_attempt *a,
                             struct kh_login_failures *out, int *reserved,
                             struct kh_err *err);
int kh_sqlite_login_clear(struct kh_store *store, const char *name,
                          struct kh_err *err);

/* The number of PostgreSQL migrations (src/store/pg/schema.c). */
extern const int kh_pg_migration_count;

/* The same on PostgreSQL (src/store/pg/receive.c, users.c). */
int kh_pg_received_find(struct kh_store *store, const char *key,
                        struct kh_received *out, int *found,
                        struct kh_err *err);
int kh_pg_received_add(struct kh_store *store,
                       const struct kh_received_in *in,
                       struct kh_received *out, int *exists,
                       struct kh_err *err);
int kh_pg_received_each(struct kh_store *store, const char *contract,
                        kh_received_fn *fn, void *arg, struct kh_err *err);
int kh_pg_received_body(struct kh_store *store, const char *ref,
                        struct kh_received *out, char **body, size_t *len,
                        int *found, struct kh_err *err);
int kh_pg_contract_known(struct kh_store *store, const char *contract,
                         int *known, struct kh_err *err);
int kh_pg_user_add(struct kh_store *store, const struct kh_user_rec *user,
                   long *id, struct kh_err *err);
int kh_pg_user_get(struct kh_store *store, const char *name, long id,
                   struct kh_user_rec *out, int *found, struct kh_err *err);
int kh_pg_user_list(struct kh_store *store, struct kh_user_rec **out,
                    size_t *count, struct kh_err *err);
int kh_pg_user_set_password(struct kh_store *store, long id,
                            const char *password_hash, int end_sessions,
                            struct kh_err *err);
int kh_pg_user_set_disabled(struct kh_store *store, long id, int disabled,
                            struct kh_err *err);
int kh_pg_token_add(struct kh_store *store, long user_id,
                    const char *sha256_hex, const char *label,
                    const char *at, long *id, struct kh_err *err);
int kh_pg_token_find(struct kh_store *store, const char *sha256_hex,
                     long *token_id, long *user_id, char stored_hex[65],
                     int *found, struct kh_err *err);
int kh_pg_token_revoke(struct kh_store *store, long token_id, long user_id,
                       const char *at, int *revoked, struct kh_err *err);
int kh_pg_token_list(struct kh_store *store, long user_id,
                     struct kh_token_rec **out, size_t *count,
                     struct kh_err *err);
int kh_pg_session_add(struct kh_store *store, const char *sha256_hex,
                      const struct kh_session_rec *session,
                      struct kh_err *err);
int kh_pg_session_get(struct kh_store *store, const char *sha256_hex,
                      struct kh_session_rec *out, int *found,
                      struct kh_err *err);
int kh_pg_session_touch(struct kh_store *store, const char *sha256_hex,
                        const char *seen_at, struct kh_err *err);
int kh_pg_session_delete(struct kh_store *store, const char *sha256_hex,
                         struct kh_err *err);
int kh_pg_session_prune(struct kh_store *store, const char *now,
                        const char *idle_before, struct kh_err *err);
int kh_pg_login_reserve(struct kh_store *store, const struct kh_login_attempt *a,
                         struct kh_login_failures *out, int *reserved,
                         struct kh_err *err);
int kh_pg_login_clear(struct kh_store *store, const char *name,
                      struct kh_err *err);

#endif
