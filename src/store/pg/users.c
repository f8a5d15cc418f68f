/* users.c (PostgreSQL): users, user contracts, API tokens, sessions and
 * failed logins behind store-users.h (migration 6), as the SQLite
 * engine's src/store/sqlite/users.c.  Bound parameters only; sees hashes,
 * never a password, token or session id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"
#include "store-users.h"

/* A statement in its own transaction unless one is open. */
static int begin_if_needed(struct kh_store *s, int *began, struct kh_err *err)
{
	*began = PQtransactionStatus(kh_pg_conn(s)) == PQTRANS_IDLE;
	return *began ? kh_pg_begin(s, err) : 0;
}

static int end_tx(struct kh_store *s, int began, int rc, struct kh_err *err)
{
	if (!began)
		return rc;
	if (rc == 0 && kh_pg_commit(s, err) == 0)
		return 0;
	kh_pg_rollback(s);
	return -1;
}

static void copy_col(const PGresult *res, int row, int col, char *buf, size_t size)
{
	snprintf(buf, size, "%s", PQgetisnull(res, row, col) ? ""
	                          : PQgetvalue(res, row, col));
}

/* ---- users -------------------------------------------------------------- */

int kh_pg_user_add(struct kh_store *s, const struct kh_user_rec *u, long *id,
                   struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO users (name, display, role, password_hash, created_at, disabled)"
		" VALUES ($1, $2, $3, $4, $5, 0)"
		" ON CONFLICT (name) DO NOTHING RETURNING id";
	if (kh_pg_begin(s, err))
		return -1;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, u->name);
	kh_pg_param_text(&p, u->display ? u->display : "");
	kh_pg_param_text(&p, u->role);
	kh_pg_param_text(&p, u->password_hash);
	kh_pg_param_text(&p, u->created_at);
	PGresult *res = kh_pg_query(s, sql, &p, "users", err);
	if (!res)
		goto fail;
	if (PQntuples(res) != 1) {
		PQclear(res);
		kh_error("%s: %s '%s' %s", kh_store_name(s), kh_tr("用户", "user"),
		         u->name, kh_tr("已存在", "exists already"));
		kh_fail(err, KH_ERR_DATA);
		goto fail;
	}
	*id = (long)kh_pg_int(res, 0, 0);
	PQclear(res);
	for (size_t i = 0; i < u->ncontracts; i++) {
		struct kh_pg_params c = { 0 };
		kh_pg_param_int(&c, *id);
		kh_pg_param_text(&c, u->contracts[i]);
		if (kh_pg_run(s, "INSERT INTO user_contracts (user_id, contract)"
		                 " VALUES ($1, $2) ON CONFLICT DO NOTHING",
		              &c, "user_contracts", err))
			goto fail;
	}
	if (kh_pg_commit(s, err))
		goto fail;
	return 0;
fail:
	kh_pg_rollback(s);
	return -1;
}

static int load_contracts(struct kh_store *s, struct kh_user_rec *u,
                          struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, u->id);
	PGresult *res = kh_pg_query(s, "SELECT contract FROM user_contracts"
	                               " WHERE user_id = $1 ORDER BY contract",
	                            &p, "user_contracts", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n > 0) {
		u->contracts = kh_xrealloc(u->contracts, (size_t)n * sizeof *u->contracts);
		for (int i = 0; i < n; i++)
			u->contracts[u->ncontracts++] = kh_pg_text(res, i, 0);
	}
	PQclear(res);
	return 0;
}

static void read_user(const PGresult *res, int row, struct kh_user_rec *u,
                      int with_hash)
{
	u->id = (long)kh_pg_int(res, row, 0);
	u->name = kh_pg_text(res, row, 1);
	u->display = kh_pg_text(res, row, 2);
	u->role = kh_pg_text(res, row, 3);
	u->password_hash = with_hash ? kh_pg_text(res, row, 4) : NULL;
	u->created_at = kh_pg_text(res, row, 5);
	u->disabled = kh_pg_int(res, row, 6) != 0;
}

int kh_pg_user_get(struct kh_store *s, const char *name, long id,
                   struct kh_user_rec *out, int *found, struct kh_err *err)
{
	static const char by_name[] =
		"SELECT id, name, display, role, password_hash, created_at, disabled"
		" FROM users WHERE name = $1";
	static const char by_id[] =
		"SELECT id, name, display, role, password_hash, created_at, disabled"
		" FROM users WHERE id = $1";
	memset(out, 0, sizeof *out);
	*found = 0;
	struct kh_pg_params p = { 0 };
	if (name)
		kh_pg_param_text(&p, name);
	else
		kh_pg_param_int(&p, id);
	PGresult *res = kh_pg_query(s, name ? by_name : by_id, &p, "users", err);
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return 0;
	}
	read_user(res, 0, out, 1);
	PQclear(res);
	if (load_contracts(s, out, err)) {
		kh_user_rec_free(out);
		return -1;
	}
	*found = 1;
	return 0;
}

int kh_pg_user_list(struct kh_store *s, struct kh_user_rec **out, size_t *count,
                    struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, name, display, role, NULL, created_at, disabled"
		" FROM users ORDER BY name";
	*out = NULL;
	*count = 0;
	PGresult *res = kh_pg_query(s, sql, NULL, "users", err);
	if (!res)
		return -1;
	size_t n = (size_t)PQntuples(res);
	struct kh_user_rec *list = n ? kh_xcalloc(n, sizeof *list) : NULL;
	for (size_t i = 0; i < n; i++)
		read_user(res, (int)i, &list[i], 0);
	PQclear(res);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = load_contracts(s, &list[i], err);
	if (rc) {
		kh_user_recs_free(list, n);
		return -1;
	}
	*out = list;
	*count = n;
	return 0;
}

static int end_sessions_of(struct kh_store *s, long id, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, id);
	return kh_pg_run(s, "DELETE FROM sessions WHERE user_id = $1", &p, "sessions",
	                 err);
}

int kh_pg_user_set_password(struct kh_store *s, long id, const char *hash,
                            int end_sessions, struct kh_err *err)
{
	int began;
	if (begin_if_needed(s, &began, err))
		return -1;
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, id);
	kh_pg_param_text(&p, hash);
	int rc = kh_pg_run(s, "UPDATE users SET password_hash = $2 WHERE id = $1", &p,
	                   "users", err);
	if (rc == 0 && end_sessions)
		rc = end_sessions_of(s, id, err);
	return end_tx(s, began, rc, err);
}

int kh_pg_user_set_disabled(struct kh_store *s, long id, int disabled,
                            struct kh_err *err)
{
	int began;
	if (begin_if_needed(s, &began, err))
		return -1;
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, id);
	kh_pg_param_int(&p, disabled ? 1 : 0);
	int rc = kh_pg_run(s, "UPDATE users SET disabled = $2 WHERE id = $1", &p,
	                   "users", err);
	if (rc == 0 && disabled)
		rc = end_sessions_of(s, id, err);
	return end_tx(s, began, rc, err);
}

/* ---- API tokens ----------------------------------------------------------- */

int kh_pg_token_add(struct kh_store *s, long user_id, const char *hex,
                    const char *label, const char *at, long *id,
                    struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO api_tokens (user_id, sha256, label, created_at)"
		" VALUES ($1, $2, $3, $4) RETURNING id";
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, user_id);
	kh_pg_param_text(&p, hex);
	kh_pg_param_text(&p, label ? label : "");
	kh_pg_param_text(&p, at);
	PGresult *res = kh_pg_query(s, sql, &p, "api_tokens", err);
	if (!res)
		return -1;
	*id = (long)kh_pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

int kh_pg_token_find(struct kh_store *s, const char *hex, long *token_id,
                     long *user_id, char stored_hex[65], int *found,
                     struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, user_id, sha256 FROM api_tokens"
		" WHERE sha256 = $1 AND revoked_at IS NULL";
	*found = 0;
	stored_hex[0] = '\0';
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, hex);
	PGresult *res = kh_pg_query(s, sql, &p, "api_tokens", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		*token_id = (long)kh_pg_int(res, 0, 0);
		*user_id = (long)kh_pg_int(res, 0, 1);
		copy_col(res, 0, 2, stored_hex, 65);
		*found = 1;
	}
	PQclear(res);
	return 0;
}

int kh_pg_token_revoke(struct kh_store *s, long token_id, long user_id,
                       const char *at, int *revoked, struct kh_err *err)
{
	static const char sql[] =
		"UPDATE api_tokens SET revoked_at = $3"
		" WHERE id = $1 AND ($2::bigint = 0 OR user_id = $2::bigint)"
		" AND revoked_at IS NULL";
	*revoked = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, token_id);
	kh_pg_param_int(&p, user_id);
	kh_pg_param_text(&p, at);
	PGresult *res = kh_pg_query(s, sql, &p, "api_tokens", err);
	if (!res)
		return -1;
	*revoked = atol(PQcmdTuples(res)) > 0;
	PQclear(res);
	return 0;
}

int kh_pg_token_list(struct kh_store *s, long user_id, struct kh_token_rec **out,
                     size_t *count, struct kh_err *err)
{
	static const char sql[] =
		"SELECT t.id, t.user_id, u.name, t.label, t.created_at, t.revoked_at"
		" FROM api_tokens t JOIN users u ON u.id = t.user_id"
		" WHERE $1::bigint = 0 OR t.user_id = $1::bigint ORDER BY t.id";
	*out = NULL;
	*count = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, user_id);
	PGresult *res = kh_pg_query(s, sql, &p, "api_tokens", err);
	if (!res)
		return -1;
	size_t n = (size_t)PQntuples(res);
	struct kh_token_rec *list = n ? kh_xcalloc(n, sizeof *list) : NULL;
	for (size_t i = 0; i < n; i++) {
		struct kh_token_rec *t = &list[i];
		t->id = (long)kh_pg_int(res, (int)i, 0);
		t->user_id = (long)kh_pg_int(res, (int)i, 1);
		t->user_name = kh_pg_text(res, (int)i, 2);
		t->label = kh_pg_text(res, (int)i, 3);
		t->created_at = kh_pg_text(res, (int)i, 4);
		t->revoked_at = kh_pg_text(res, (int)i, 5);
	}
	PQclear(res);
	*out = list;
	*count = n;
	return 0;
}

/* ---- sessions ------------------------------------------------------------- */

int kh_pg_session_add(struct kh_store *s, const char *hex,
                      const struct kh_session_rec *r, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, hex);
	kh_pg_param_int(&p, r->user_id);
	kh_pg_param_text(&p, r->csrf);
	kh_pg_param_text(&p, r->created_at);
	kh_pg_param_text(&p, r->seen_at);
	kh_pg_param_text(&p, r->expires_at);
	return kh_pg_run(s, "INSERT INTO sessions (sha256, user_id, csrf, created_at,"
	                    " seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
	                 &p, "sessions", err);
}

int kh_pg_session_get(struct kh_store *s, const char *hex,
                      struct kh_session_rec *out, int *found, struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	*found = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, hex);
	PGresult *res = kh_pg_query(s, "SELECT user_id, csrf, created_at, seen_at,"
	                               " expires_at FROM sessions WHERE sha256 = $1",
	                            &p, "sessions", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		out->user_id = (long)kh_pg_int(res, 0, 0);
		copy_col(res, 0, 1, out->csrf, sizeof out->csrf);
		copy_col(res, 0, 2, out->created_at, sizeof out->created_at);
		copy_col(res, 0, 3, out->seen_at, sizeof out->seen_at);
		copy_col(res, 0, 4, out->expires_at, sizeof out->expires_at);
		*found = 1;
	}
	PQclear(res);
	return 0;
}

int kh_pg_session_touch(struct kh_store *s, const char *hex, const char *seen_at,
                        struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, hex);
	kh_pg_param_text(&p, seen_at);
	return kh_pg_run(s, "UPDATE sessions SET seen_at = $2 WHERE sha256 = $1", &p,
	                 "sessions", err);
}

int kh_pg_session_delete(struct kh_store *s, const char *hex, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, hex);
	return kh_pg_run(s, "DELETE FROM sessions WHERE sha256 = $1", &p, "sessions",
	                 err);
}

int kh_pg_session_prune(struct kh_store *s, const char *now,
                        const char *idle_before, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, now);
	kh_pg_param_text(&p, idle_before);
	return kh_pg_run(s, "DELETE FROM sessions WHERE expires_at <= $1 OR seen_at < $2",
	                 &p, "sessions", err);
}

/* ---- failed logins -------------------------------------------------------- */

/* Record an attempt, and forget those older than its forget_before. */
static int record_attempt(struct kh_store *s, const struct kh_login_attempt *a,
                          struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, a->name);
	kh_pg_param_text(&p, a->remote);
	kh_pg_param_text(&p, a->at);
	if (kh_pg_run(s, "INSERT INTO login_attempts (name, remote, at)"
	                 " VALUES ($1, $2, $3)", &p, "login_attempts", err))
		return -1;
	struct kh_pg_params q = { 0 };
	kh_pg_param_text(&q, a->forget_before);
	return kh_pg_run(s, "DELETE FROM login_attempts WHERE at < $1", &q,
	                 "login_attempts", err);
}

static int count_since(struct kh_store *s, const char *sql, const char *key,
                       const char *since, long *count, char oldest[32],
                       struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, key);
	kh_pg_param_text(&p, since);
	PGresult *res = kh_pg_query(s, sql, &p, "login_attempts", err);
	if (!res)
		return -1;
	*count = (long)kh_pg_int(res, 0, 0);
	copy_col(res, 0, 1, oldest, 32);
	PQclear(res);
	return 0;
}

static int count_attempts(struct kh_store *s, const struct kh_login_attempt *a,
                          struct kh_login_failures *out, struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	if (count_since(s, "SELECT count(*), min(at) FROM login_attempts"
	                   " WHERE name = $1 AND at > $2",
	                a->name, a->since, &out->by_name, out->oldest_name, err))
		return -1;
	return count_since(s, "SELECT count(*), min(at) FROM login_attempts"
	                      " WHERE remote = $1 AND at > $2",
	                   a->remote, a->since, &out->by_remote, out->oldest_remote, err);
}

/* The transaction that counts and records an attempt: READ COMMITTED
 * whatever the database's default, so that each statement sees what was
 * committed before it, and the table locked before any query.  SHARE ROW
 * EXCLUSIVE conflicts with itself and with every writer of the table, not
 * with plain readers; under REPEATABLE READ a snapshot taken by a query
 * before the lock (pg_advisory_xact_lock is a SELECT) could miss attempts
 * committed while it waited, and an advisory lock on the name alone would
 * leave the count by address unguarded.  Not kh_pg_begin: a login does not
 * wait behind an import's write lock. */
static int begin_counting(struct kh_store *s, int *began, struct kh_err *err)
{
	*began = PQtransactionStatus(kh_pg_conn(s)) == PQTRANS_IDLE;
	if (*began && kh_pg_run(s, "BEGIN ISOLATION LEVEL READ COMMITTED", NULL, NULL, err))
		return -1;
	if (kh_pg_run(s, "LOCK TABLE login_attempts IN SHARE ROW EXCLUSIVE MODE", NULL,
	              "login_attempts", err) == 0)
		return 0;
	if (*began)
		kh_pg_rollback(s);
	return -1;
}

int kh_pg_login_reserve(struct kh_store *s, const struct kh_login_attempt *a,
                        struct kh_login_failures *out, int *reserved,
                        struct kh_err *err)
{
	int began;
	*reserved = 0;
	if (begin_counting(s, &began, err))
		return -1;
	int rc = count_attempts(s, a, out, err);
	if (rc == 0 && out->by_name < a->max_name && out->by_remote < a->max_remote) {
		rc = record_attempt(s, a, err);
		*reserved = rc == 0;
	}
	rc = end_tx(s, began, rc, err);
	if (rc)
		*reserved = 0;
	return rc;
}

int kh_pg_login_clear(struct kh_store *s, const char *name, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, name);
	return kh_pg_run(s, "DELETE FROM login_attempts WHERE name = $1", &p,
	                 "login_attempts", err);
}
