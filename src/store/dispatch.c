/* dispatch.c: the public store functions of store.h and store-*.h, each a
 * switch on the store's engine (engine.h): SQLite (src/store/sqlite/,
 * kh_sqlite_*) or PostgreSQL (src/store/pg/, kh_pg_*).  kh_store_open
 * picks the engine from the --db value: a postgresql:// or postgres://
 * URL is PostgreSQL, anything else a SQLite file.
 *
 * A function that has no PostgreSQL implementation yet answers through
 * kh_store_pg_unsupported (KH_ERR_SOFTWARE, "not yet supported on
 * PostgreSQL") instead of touching the connection.  Wiring in a function
 * another branch added to src/store/sqlite/ (renamed kh_sqlite_NAME there,
 * its prototype beside the others in engine.h):
 *
 *   int kh_store_user_add(struct kh_store *store, ..., struct kh_err *err)
 *   {
 *           if (PG(store))
 *                   return kh_store_pg_unsupported(store, "user add", err);
 *           return kh_sqlite_user_add(store, ..., err);
 *   }
 *
 * and, once src/store/pg/ has it, `PG(store) ? kh_pg_user_add(...) : ...`
 * as below. */
#include <string.h>

#include "engine.h"
#include "msg.h"
#include "store-receive.h"
#include "store-users.h"

#define PG(store) ((store)->engine == KH_ENGINE_PG)

enum kh_engine kh_store_engine_of(const char *path)
{
	if (path && (strncmp(path, "postgresql://", 13) == 0
	             || strncmp(path, "postgres://", 11) == 0))
		return KH_ENGINE_PG;
	return KH_ENGINE_SQLITE;
}

int kh_store_is_postgres(const char *path)
{
	return kh_store_engine_of(path) == KH_ENGINE_PG;
}

int kh_store_pg_unsupported(struct kh_store *store, const char *name,
                            struct kh_err *err)
{
	kh_error("%s: %s: %s", kh_store_name(store), name,
	         kh_tr("PostgreSQL 数据库尚不支持此功能",
	               "not yet supported on PostgreSQL"));
	return kh_fail(err, KH_ERR_SOFTWARE);
}

int kh_store_schema_version_of(const struct kh_store *store)
{
	return PG(store) ? kh_pg_migration_count : kh_store_schema_version();
}

/* The store an import session writes to: every engine's session begins
 * with it (engine.h). */
static struct kh_store *session_store(struct kh_import_session *s)
{
	return *(struct kh_store **)(void *)s;
}

#define PG_SESSION(s) ((struct kh_pg_import *)(void *)(s))

/* --- store.h ------------------------------------------------------------ */

int kh_store_open(const char *path, int flags, struct kh_store **out,
                  struct kh_err *err)
{
	if (kh_store_engine_of(path) == KH_ENGINE_PG)
		return kh_pg_open(path, flags, out, err);
	return kh_sqlite_open(path, flags, out, err);
}

void kh_store_close(struct kh_store *store)
{
	if (!store)
		return;
	if (PG(store))
		kh_pg_close(store);
	else
		kh_sqlite_close(store);
}

int kh_store_begin(struct kh_store *store, struct kh_err *err)
{
	return PG(store) ? kh_pg_begin(store, err) : kh_sqlite_begin(store, err);
}

int kh_store_commit(struct kh_store *store, struct kh_err *err)
{
	return PG(store) ? kh_pg_commit(store, err) : kh_sqlite_commit(store, err);
}

void kh_store_rollback(struct kh_store *store)
{
	if (PG(store))
		kh_pg_rollback(store);
	else
		kh_sqlite_rollback(store);
}

int kh_store_load_records(struct kh_store *store, const char *contract,
                          unsigned kinds, struct kh_records *out,
                          struct kh_err *err)
{
	return PG(store) ? kh_pg_load_records(store, contract, kinds, out, err)
	       : kh_sqlite_load_records(store, contract, kinds, out, err);
}

int kh_store_settlement_totals(struct kh_store *store,
                               const struct kh_settlement_query *query,
                               long long *count, kh_fen *paid,
                               struct kh_err *err)
{
	return PG(store) ? kh_pg_settlement_totals(store, query, count, paid, err)
	       : kh_sqlite_settlement_totals(store, query, count, paid, err);
}

int kh_store_list_imports(struct kh_store *store, const char *contract,
                          struct kh_import_info **out, size_t *count,
                          struct kh_err *err)
{
	return PG(store) ? kh_pg_list_imports(store, contract, out, count, err)
	       : kh_sqlite_list_imports(store, contract, out, count, err);
}

int kh_store_save_run(struct kh_store *store, const struct kh_run *run,
                      long *run_id, struct kh_err *err)
{
	return PG(store) ? kh_pg_save_run(store, run, run_id, err)
	       : kh_sqlite_save_run(store, run, run_id, err);
}

int kh_store_latest_runs(struct kh_store *store, const char *period,
                         struct kh_stored_run **out, size_t *count,
                         struct kh_err *err)
{
	return PG(store) ? kh_pg_latest_runs(store, period, out, count, err)
	       : kh_sqlite_latest_runs(store, period, out, count, err);
}

/* --- store-calendar.h ----------------------------------------------------- */

int kh_store_calendar_years(struct kh_store *store, int **years, size_t *count,
                            struct kh_err *err)
{
	return PG(store) ? kh_pg_calendar_years(store, years, count, err)
	       : kh_sqlite_calendar_years(store, years, count, err);
}

int kh_store_calendar_days(struct kh_store *store,
                           struct kh_calendar_listed_day **days, size_t *count,
                           struct kh_err *err)
{
	return PG(store) ? kh_pg_calendar_days(store, days, count, err)
	       : kh_sqlite_calendar_days(store, days, count, err);
}

int kh_store_calendar_save(struct kh_store *store, const struct kh_cal_set *set,
                           const char *source, const char *loaded_at,
                           int replace, struct kh_calendar_years *done,
                           struct kh_err *err)
{
	return PG(store)
	       ? kh_pg_calendar_save(store, set, source, loaded_at, replace, done, err)
	       : kh_sqlite_calendar_save(store, set, source, loaded_at, replace, done,
	                                 err);
}

int kh_store_calendar_year_get(struct kh_store *store, int year,
                               struct kh_calendar_year_info *out,
                               struct kh_err *err)
{
	return PG(store) ? kh_pg_calendar_year_get(store, year, out, err)
	       : kh_sqlite_calendar_year_get(store, year, out, err);
}

int kh_store_calendar_year_list(struct kh_store *store,
                                struct kh_calendar_year_info **out,
                                size_t *count, struct kh_err *err)
{
	return PG(store) ? kh_pg_calendar_year_list(store, out, count, err)
	       : kh_sqlite_calendar_year_list(store, out, count, err);
}

/* --- store-contracts.h ---------------------------------------------------- */

int kh_store_contract_get(struct kh_store *store, const char *id, int version,
                          struct kh_stored_contract *out, int *found,
                          struct kh_err *err)
{
	return PG(store) ? kh_pg_contract_get(store, id, version, out, found, err)
	       : kh_sqlite_contract_get(store, id, version, out, found, err);
}

int kh_store_contract_head(struct kh_store *store, const char *id, int version,
                           struct kh_contract_head *out, int *found,
                           struct kh_err *err)
{
	return PG(store) ? kh_pg_contract_head(store, id, version, out, found, err)
	       : kh_sqlite_contract_head(store, id, version, out, found, err);
}

int kh_store_contract_add(struct kh_store *store, const char *id,
                          const char *sha256, const char *xml,
                          const char *source_file, const char *added_at,
                          int *version, int *unchanged, struct kh_err *err)
{
	return PG(store)
	       ? kh_pg_contract_add(store, id, sha256, xml, source_file, added_at,
	                            version, unchanged, err)
	       : kh_sqlite_contract_add(store, id, sha256, xml, source_file, added_at,
	                                version, unchanged, err);
}

int kh_store_contract_ids(struct kh_store *store, char ***ids, size_t *count,
                          struct kh_err *err)
{
	return PG(store) ? kh_pg_contract_ids(store, ids, count, err)
	       : kh_sqlite_contract_ids(store, ids, count, err);
}

/* --- store-decisions.h ---------------------------------------------------- */

int kh_store_decide(struct kh_store *store, const char *contract,
                    const char *line_id, enum kh_line_state state,
                    int has_amount, kh_fen amount, const char *reason,
                    const char *who, const char *at, struct kh_err *err)
{
	return PG(store)
	       ? kh_pg_decide(store, contract, line_id, state, has_amount, amount,
	                      reason, who, at, err)
	       : kh_sqlite_decide(store, contract, line_id, state, has_amount, amount,
	                          reason, who, at, err);
}

int kh_store_load_adjustments(struct kh_store *store, const char *contract,
                              struct kh_adjustments **out, struct kh_err *err)
{
	return PG(store) ? kh_pg_load_adjustments(store, contract, out, err)
	       : kh_sqlite_load_adjustments(store, contract, out, err);
}

int kh_store_appeal_add(struct kh_store *store, const struct kh_appeal *appeal,
                        long *id, struct kh_err *err)
{
	return PG(store) ? kh_pg_appeal_add(store, appeal, id, err)
	       : kh_sqlite_appeal_add(store, appeal, id, err);
}

int kh_store_appeal_get(struct kh_store *store, long id, struct kh_appeal **out,
                        struct kh_err *err)
{
	return PG(store) ? kh_pg_appeal_get(store, id, out, err)
	       : kh_sqlite_appeal_get(store, id, out, err);
}

int kh_store_appeal_list(struct kh_store *store, const char *contract,
                         struct kh_appeal ***out, size_t *count,
                         struct kh_err *err)
{
	return PG(store) ? kh_pg_appeal_list(store, contract, out, count, err)
	       : kh_sqlite_appeal_list(store, contract, out, count, err);
}

int kh_store_appeal_decide(struct kh_store *store, long id, const char *state,
                           const char *const *overturned, size_t noverturned,
                           const char *reason, const char *who, const char *at,
                           int has_cost, kh_fen cost, struct kh_err *err)
{
	return PG(store)
	       ? kh_pg_appeal_decide(store, id, state, overturned, noverturned, reason,
	                             who, at, has_cost, cost, err)
	       : kh_sqlite_appeal_decide(store, id, state, overturned, noverturned,
	                                 reason, who, at, has_cost, cost, err);
}

/* --- store-import.h ------------------------------------------------------- */

int kh_store_import_begin(struct kh_store *store,
                          const struct kh_import_target *target,
                          struct kh_import_session **out, struct kh_err *err)
{
	if (!PG(store))
		return kh_sqlite_import_begin(store, target, out, err);
	struct kh_pg_import *s = NULL;
	int rc = kh_pg_import_begin(store, target, &s, err);
	*out = (struct kh_import_session *)(void *)s;
	return rc;
}

int kh_store_import_file(struct kh_import_session *s, const char *file,
                         const char *contract, const char *imported_at,
                         struct kh_err *err)
{
	return PG(session_store(s))
	       ? kh_pg_import_file(PG_SESSION(s), file, contract, imported_at, err)
	       : kh_sqlite_import_file(s, file, contract, imported_at, err);
}

void kh_store_import_on_repeat(struct kh_import_session *s,
                               kh_import_repeat_fn *fn, void *data)
{
	if (PG(session_store(s)))
		kh_pg_import_on_repeat(PG_SESSION(s), fn, data);
	else
		kh_sqlite_import_on_repeat(s, fn, data);
}

int kh_store_import_row(struct kh_import_session *s,
                        const struct kh_field *fields, long line,
                        struct kh_err *err)
{
	return PG(session_store(s)) ? kh_pg_import_row(PG_SESSION(s), fields, line, err)
	       : kh_sqlite_import_row(s, fields, line, err);
}

int kh_store_import_file_done(struct kh_import_session *s, const char *sha256,
                              long rows, struct kh_import_tally *tally,
                              struct kh_err *err)
{
	return PG(session_store(s))
	       ? kh_pg_import_file_done(PG_SESSION(s), sha256, rows, tally, err)
	       : kh_sqlite_import_file_done(s, sha256, rows, tally, err);
}

int kh_store_import_end(struct kh_import_session *s, int keep,
                        struct kh_err *err)
{
	return PG(session_store(s)) ? kh_pg_import_end(PG_SESSION(s), keep, err)
	       : kh_sqlite_import_end(s, keep, err);
}

/* --- store-log.h ------------------------------------------------------------ */

int kh_store_log_append(struct kh_store *store, const struct kh_log_entry *entry,
                        struct kh_err *err)
{
	return PG(store) ? kh_pg_log_append(store, entry, err)
	       : kh_sqlite_log_append(store, entry, err);
}

int kh_store_log_each(struct kh_store *store, const char *contract,
                      kh_log_fn *fn, void *arg, struct kh_err *err)
{
	return PG(store) ? kh_pg_log_each(store, contract, fn, arg, err)
	       : kh_sqlite_log_each(store, contract, fn, arg, err);
}

/* --- store-submissions.h ---------------------------------------------------- */

int kh_store_submission_find(struct kh_store *store, const char *key,
                             struct kh_stored_receipt *out, int *found,
                             struct kh_err *err)
{
	return PG(store) ? kh_pg_submission_find(store, key, out, found, err)
	       : kh_sqlite_submission_find(store, key, out, found, err);
}

int kh_store_submission_record(struct kh_store *store,
                               const struct kh_receipt_record *receipt,
                               struct kh_err *err)
{
	return PG(store) ? kh_pg_submission_record(store, receipt, err)
	       : kh_sqlite_submission_record(store, receipt, err);
}

/* --- store-receive.h, store-users.h: kaohe serve (migrations 5, 6) ---- */

int kh_store_received_find(struct kh_store *store, const char *key,
                           struct kh_received *out, int *found,
                           struct kh_err *err)
{
	if (PG(store))
		return kh_pg_received_find(store, key, out, found, err);
	return kh_sqlite_received_find(store, key, out, found, err);
}

int kh_store_received_add(struct kh_store *store,
                          const struct kh_received_in *in,
                          struct kh_received *out, int *exists,
                          struct kh_err *err)
{
	if (PG(store))
		return kh_pg_received_add(store, in, out, exists, err);
	return kh_sqlite_received_add(store, in, out, exists, err);
}

int kh_store_received_each(struct kh_store *store, const char *contract,
                           kh_received_fn *fn, void *arg, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_received_each(store, contract, fn, arg, err);
	return kh_sqlite_received_each(store, contract, fn, arg, err);
}

int kh_store_received_body(struct kh_store *store, const char *ref,
                           struct kh_received *out, char **body, size_t *len,
                           int *found, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_received_body(store, ref, out, body, len, found, err);
	return kh_sqlite_received_body(store, ref, out, body, len, found, err);
}

int kh_store_contract_known(struct kh_store *store, const char *contract,
                            int *known, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_contract_known(store, contract, known, err);
	return kh_sqlite_contract_known(store, contract, known, err);
}

int kh_store_user_add(struct kh_store *store, const struct kh_user_rec *user,
                      long *id, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_user_add(store, user, id, err);
	return kh_sqlite_user_add(store, user, id, err);
}

int kh_store_user_get(struct kh_store *store, const char *name, long id,
                      struct kh_user_rec *out, int *found, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_user_get(store, name, id, out, found, err);
	return kh_sqlite_user_get(store, name, id, out, found, err);
}

int kh_store_user_list(struct kh_store *store, struct kh_user_rec **out,
                       size_t *count, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_user_list(store, out, count, err);
	return kh_sqlite_user_list(store, out, count, err);
}

int kh_store_user_set_password(struct kh_store *store, long id,
                               const char *password_hash, int end_sessions,
                               struct kh_err *err)
{
	if (PG(store))
		return kh_pg_user_set_password(store, id, password_hash, end_sessions, err);
	return kh_sqlite_user_set_password(store, id, password_hash, end_sessions, err);
}

int kh_store_user_set_disabled(struct kh_store *store, long id, int disabled,
                               struct kh_err *err)
{
	if (PG(store))
		return kh_pg_user_set_disabled(store, id, disabled, err);
	return kh_sqlite_user_set_disabled(store, id, disabled, err);
}

int kh_store_token_add(struct kh_store *store, long user_id,
                       const char *sha256_hex, const char *label,
                       const char *at, long *id, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_token_add(store, user_id, sha256_hex, label, at, id, err);
	return kh_sqlite_token_add(store, user_id, sha256_hex, label, at, id, err);
}

int kh_store_token_find(struct kh_store *store, const char *sha256_hex,
                        long *token_id, long *user_id, char stored_hex[65],
                        int *found, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_token_find(store, sha256_hex, token_id, user_id, stored_hex, found, err);
	return kh_sqlite_token_find(store, sha256_hex, token_id, user_id, stored_hex, found, err);
}

int kh_store_token_revoke(struct kh_store *store, long token_id, long user_id,
                          const char *at, int *revoked, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_token_revoke(store, token_id, user_id, at, revoked, err);
	return kh_sqlite_token_revoke(store, token_id, user_id, at, revoked, err);
}

int kh_store_token_list(struct kh_store *store, long user_id,
                        struct kh_token_rec **out, size_t *count,
                        struct kh_err *err)
{
	if (PG(store))
		return kh_pg_token_list(store, user_id, out, count, err);
	return kh_sqlite_token_list(store, user_id, out, count, err);
}

int kh_store_session_add(struct kh_store *store, const char *sha256_hex,
                         const struct kh_session_rec *session,
                         struct kh_err *err)
{
	if (PG(store))
		return kh_pg_session_add(store, sha256_hex, session, err);
	return kh_sqlite_session_add(store, sha256_hex, session, err);
}

int kh_store_session_get(struct kh_store *store, const char *sha256_hex,
                         struct kh_session_rec *out, int *found,
                         struct kh_err *err)
{
	if (PG(store))
		return kh_pg_session_get(store, sha256_hex, out, found, err);
	return kh_sqlite_session_get(store, sha256_hex, out, found, err);
}

int kh_store_session_touch(struct kh_store *store, const char *sha256_hex,
                           const char *seen_at, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_session_touch(store, sha256_hex, seen_at, err);
	return kh_sqlite_session_touch(store, sha256_hex, seen_at, err);
}

int kh_store_session_delete(struct kh_store *store, const char *sha256_hex,
                            struct kh_err *err)
{
	if (PG(store))
		return kh_pg_session_delete(store, sha256_hex, err);
	return kh_sqlite_session_delete(store, sha256_hex, err);
}

int kh_store_session_prune(struct kh_store *store, const char *now,
                           const char *idle_before, struct kh_err *err)
{
	if (PG(store))
		return kh_pg_session_prune(store, now, idle_before, err);
	return kh_sqlite_session_prune(store, now, idle_before, err);
}

int kh_store_login_reserve(struct kh_store *store, const struct kh_login_attempt *a,
                           struct kh_login_failures *out, int *reserved,
                           struct kh_err *err)
{
	if (PG(store))
		return kh_pg_login_reserve(store, a, out, reserved, err);
	return kh_sqlite_login_reserve(store, a, out, reserved, err);
}

int kh_store_login_clear(struct kh_store *store, const char *name,
                         struct kh_err *err)
{
	if (PG(store))
		return kh_pg_login_clear(store, name, err);
	return kh_sqlite_login_clear(store, name, err);
}
