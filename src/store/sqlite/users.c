/* users.c (SQLite): users, user contracts, API tokens, sessions and failed
 * logins behind store-users.h (migration 6).  Prepared statements with
 * bound parameters only; sees hashes, never a password, token or session
 * id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-users.h"

void kh_user_rec_free(struct kh_user_rec *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->display);
	free(u->role);
	free(u->password_hash);
	free(u->created_at);
	for (size_t i = 0; i < u->ncontracts; i++)
		free(u->contracts[i]);
	free(u->contracts);
	memset(u, 0, sizeof *u);
}

void kh_user_recs_free(struct kh_user_rec *users, size_t count)
{
	for (size_t i = 0; i < count; i++)
		kh_user_rec_free(&users[i]);
	free(users);
}

void kh_token_recs_free(struct kh_token_rec *t, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(t[i].user_name);
		free(t[i].label);
		free(t[i].created_at);
		free(t[i].revoked_at);
	}
	free(t);
}

/* Run a statement that returns no rows; finalizes it. */
static int step_done(struct kh_store *s, sqlite3_stmt *st, const char *what,
                     struct kh_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : kh_sql_fail(s, what, err);
	sqlite3_finalize(st);
	return rc;
}

/* A statement in its own transaction unless one is open. */
static int begin_if_needed(struct kh_store *s, int *began, struct kh_err *err)
{
	*began = sqlite3_get_autocommit(kh_store_sqlite(s)) != 0;
	return *began ? kh_store_begin(s, err) : 0;
}

static int end_tx(struct kh_store *s, int began, int rc, struct kh_err *err)
{
	if (!began)
		return rc;
	if (rc == 0 && kh_store_commit(s, err) == 0)
		return 0;
	kh_store_rollback(s);
	return -1;
}

/* ---- users -------------------------------------------------------------- */

static int insert_contracts(struct kh_store *s, long id, char *const *contracts,
                            size_t n, struct kh_err *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO user_contracts (user_id, contract) VALUES (?1, ?2)";
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if (kh_sql_prepare(s, sql, &st, err))
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, contracts[i], -1, SQLITE_STATIC);
		if (step_done(s, st, "user_contracts", err))
			return -1;
	}
	return 0;
}

int kh_sqlite_user_add(struct kh_store *s, const struct kh_user_rec *u, long *id,
                      struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO users (name, display, role, password_hash, created_at, disabled)"
		" VALUES (?1, ?2, ?3, ?4, ?5, 0)";
	if (kh_store_begin(s, err))
		return -1;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		goto fail;
	sqlite3_bind_text(st, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u->display ? u->display : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, u->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, u->password_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, u->created_at, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step != SQLITE_DONE) {
		if (sqlite3_extended_errcode(kh_store_sqlite(s)) == SQLITE_CONSTRAINT_UNIQUE) {
			kh_error("%s: %s '%s' %s", kh_store_name(s), kh_tr("用户", "user"),
			         u->name, kh_tr("已存在", "exists already"));
			kh_fail(err, KH_ERR_DATA);
		} else {
			kh_sql_fail(s, "users", err);
		}
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	*id = (long)sqlite3_last_insert_rowid(kh_store_sqlite(s));
	if (insert_contracts(s, *id, u->contracts, u->ncontracts, err))
		goto fail;
	if (kh_store_commit(s, err))
		goto fail;
	return 0;
fail:
	kh_store_rollback(s);
	return -1;
}

static int load_contracts(struct kh_store *s, struct kh_user_rec *u,
                          struct kh_err *err)
{
	static const char sql[] =
		"SELECT contract FROM user_contracts WHERE user_id = ?1 ORDER BY contract";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	int step;
	size_t cap = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (u->ncontracts == cap) {
			cap = cap ? cap * 2 : 4;
			u->contracts = kh_xrealloc(u->contracts, cap * sizeof *u->contracts);
		}
		u->contracts[u->ncontracts++] = kh_sql_text(st, 0);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "user_contracts", err);
	sqlite3_finalize(st);
	return rc;
}

static void read_user(sqlite3_stmt *st, struct kh_user_rec *u, int with_hash)
{
	u->id = (long)sqlite3_column_int64(st, 0);
	u->name = kh_sql_text(st, 1);
	u->display = kh_sql_text(st, 2);
	u->role = kh_sql_text(st, 3);
	u->password_hash = with_hash ? kh_sql_text(st, 4) : NULL;
	u->created_at = kh_sql_text(st, 5);
	u->disabled = sqlite3_column_int(st, 6) != 0;
}

int kh_sqlite_user_get(struct kh_store *s, const char *name, long id,
                      struct kh_user_rec *out, int *found, struct kh_err *err)
{
	static const char by_name[] =
		"SELECT id, name, display, role, password_hash, created_at, disabled"
		" FROM users WHERE name = ?1";
	static const char by_id[] =
		"SELECT id, name, display, role, password_hash, created_at, disabled"
		" FROM users WHERE id = ?1";
	memset(out, 0, sizeof *out);
	*found = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, name ? by_name : by_id, &st, err))
		return -1;
	if (name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_user(st, out, 1);
	else if (step != SQLITE_DONE)
		kh_sql_fail(s, "users", err);
	sqlite3_finalize(st);
	if (step != SQLITE_ROW)
		return step == SQLITE_DONE ? 0 : -1;
	if (load_contracts(s, out, err)) {
		kh_user_rec_free(out);
		return -1;
	}
	*found = 1;
	return 0;
}

int kh_sqlite_user_list(struct kh_store *s, struct kh_user_rec **out,
                       size_t *count, struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, name, display, role, NULL, created_at, disabled"
		" FROM users ORDER BY name";
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	struct kh_user_rec *list = NULL;
	size_t n = 0, cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			list = kh_xrealloc(list, cap * sizeof *list);
		}
		memset(&list[n], 0, sizeof list[n]);
		read_user(st, &list[n++], 0);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "users", err);
	sqlite3_finalize(st);
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
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, "DELETE FROM sessions WHERE user_id = ?1", &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return step_done(s, st, "sessions", err);
}

int kh_sqlite_user_set_password(struct kh_store *s, long id, const char *hash,
                               int end_sessions, struct kh_err *err)
{
	int began;
	if (begin_if_needed(s, &began, err))
		return -1;
	sqlite3_stmt *st;
	int rc = kh_sql_prepare(s, "UPDATE users SET password_hash = ?2 WHERE id = ?1",
	                        &st, err);
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
		rc = step_done(s, st, "users", err);
	}
	if (rc == 0 && end_sessions)
		rc = end_sessions_of(s, id, err);
	return end_tx(s, began, rc, err);
}

int kh_sqlite_user_set_disabled(struct kh_store *s, long id, int disabled,
                               struct kh_err *err)
{
	int began;
	if (begin_if_needed(s, &began, err))
		return -1;
	sqlite3_stmt *st;
	int rc = kh_sql_prepare(s, "UPDATE users SET disabled = ?2 WHERE id = ?1", &st, err);
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, disabled ? 1 : 0);
		rc = step_done(s, st, "users", err);
	}
	if (rc == 0 && disabled)
		rc = end_sessions_of(s, id, err);
	return end_tx(s, began, rc, err);
}

/* ---- API tokens ----------------------------------------------------------- */

int kh_sqlite_token_add(struct kh_store *s, long user_id, const char *hex,
                       const char *label, const char *at, long *id,
                       struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO api_tokens (user_id, sha256, label, created_at)"
		" VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, label ? label : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	if (step_done(s, st, "api_tokens", err))
		return -1;
	*id = (long)sqlite3_last_insert_rowid(kh_store_sqlite(s));
	return 0;
}

int kh_sqlite_token_find(struct kh_store *s, const char *hex, long *token_id,
                        long *user_id, char stored_hex[65], int *found,
                        struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, user_id, sha256 FROM api_tokens"
		" WHERE sha256 = ?1 AND revoked_at IS NULL";
	*found = 0;
	stored_hex[0] = '\0';
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*token_id = (long)sqlite3_column_int64(st, 0);
		*user_id = (long)sqlite3_column_int64(st, 1);
		const unsigned char *h = sqlite3_column_text(st, 2);
		snprintf(stored_hex, 65, "%s", h ? (const char *)h : "");
		*found = 1;
	} else if (step != SQLITE_DONE) {
		kh_sql_fail(s, "api_tokens", err);
	}
	sqlite3_finalize(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
}

int kh_sqlite_token_revoke(struct kh_store *s, long token_id, long user_id,
                          const char *at, int *revoked, struct kh_err *err)
{
	static const char sql[] =
		"UPDATE api_tokens SET revoked_at = ?3"
		" WHERE id = ?1 AND (?2 = 0 OR user_id = ?2) AND revoked_at IS NULL";
	*revoked = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, token_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (step_done(s, st, "api_tokens", err))
		return -1;
	*revoked = sqlite3_changes(kh_store_sqlite(s)) > 0;
	return 0;
}

int kh_sqlite_token_list(struct kh_store *s, long user_id, struct kh_token_rec **out,
                        size_t *count, struct kh_err *err)
{
	static const char sql[] =
		"SELECT t.id, t.user_id, u.name, t.label, t.created_at, t.revoked_at"
		" FROM api_tokens t JOIN users u ON u.id = t.user_id"
		" WHERE ?1 = 0 OR t.user_id = ?1 ORDER BY t.id";
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	struct kh_token_rec *list = NULL;
	size_t n = 0, cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			list = kh_xrealloc(list, cap * sizeof *list);
		}
		struct kh_token_rec *t = &list[n++];
		t->id = (long)sqlite3_column_int64(st, 0);
		t->user_id = (long)sqlite3_column_int64(st, 1);
		t->user_name = kh_sql_text(st, 2);
		t->label = kh_sql_text(st, 3);
		t->created_at = kh_sql_text(st, 4);
		t->revoked_at = kh_sql_text(st, 5);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "api_tokens", err);
	sqlite3_finalize(st);
	if (rc) {
		kh_token_recs_free(list, n);
		return -1;
	}
	*out = list;
	*count = n;
	return 0;
}

/* ---- sessions ------------------------------------------------------------- */

int kh_sqlite_session_add(struct kh_store *s, const char *hex,
                         const struct kh_session_rec *r, struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO sessions (sha256, user_id, csrf, created_at, seen_at, expires_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, r->user_id);
	sqlite3_bind_text(st, 3, r->csrf, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->created_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->seen_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, r->expires_at, -1, SQLITE_STATIC);
	return step_done(s, st, "sessions", err);
}

static void copy_col(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

int kh_sqlite_session_get(struct kh_store *s, const char *hex,
                         struct kh_session_rec *out, int *found, struct kh_err *err)
{
	static const char sql[] =
		"SELECT user_id, csrf, created_at, seen_at, expires_at FROM sessions"
		" WHERE sha256 = ?1";
	memset(out, 0, sizeof *out);
	*found = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->user_id = (long)sqlite3_column_int64(st, 0);
		copy_col(st, 1, out->csrf, sizeof out->csrf);
		copy_col(st, 2, out->created_at, sizeof out->created_at);
		copy_col(st, 3, out->seen_at, sizeof out->seen_at);
		copy_col(st, 4, out->expires_at, sizeof out->expires_at);
		*found = 1;
	} else if (step != SQLITE_DONE) {
		kh_sql_fail(s, "sessions", err);
	}
	sqlite3_finalize(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
}

int kh_sqlite_session_touch(struct kh_store *s, const char *hex, const char *seen_at,
                           struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, "UPDATE sessions SET seen_at = ?2 WHERE sha256 = ?1",
	                   &st, err))
		return -1;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, seen_at, -1, SQLITE_STATIC);
	return step_done(s, st, "sessions", err);
}

int kh_sqlite_session_delete(struct kh_store *s, const char *hex, struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, "DELETE FROM sessions WHERE sha256 = ?1", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	return step_done(s, st, "sessions", err);
}

int kh_sqlite_session_prune(struct kh_store *s, const char *now,
                           const char *idle_before, struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, "DELETE FROM sessions WHERE expires_at <= ?1 OR seen_at < ?2",
	                   &st, err))
		return -1;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, idle_before, -1, SQLITE_STATIC);
	return step_done(s, st, "sessions", err);
}

/* ---- failed logins -------------------------------------------------------- */

/* Record an attempt, and forget those older than its forget_before. */
static int record_attempt(struct kh_store *s, const struct kh_login_attempt *a,
                          struct kh_err *err)
{
	sqlite3_stmt *st;
	int rc = kh_sql_prepare(s, "INSERT INTO login_attempts (name, remote, at)"
	                           " VALUES (?1, ?2, ?3)", &st, err);
	if (rc == 0) {
		sqlite3_bind_text(st, 1, a->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, a->remote, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, a->at, -1, SQLITE_STATIC);
		rc = step_done(s, st, "login_attempts", err);
	}
	if (rc == 0)
		rc = kh_sql_prepare(s, "DELETE FROM login_attempts WHERE at < ?1", &st, err);
	if (rc == 0) {
		sqlite3_bind_text(st, 1, a->forget_before, -1, SQLITE_STATIC);
		rc = step_done(s, st, "login_attempts", err);
	}
	return rc;
}

static int count_since(struct kh_store *s, const char *sql, const char *key,
                       const char *since, long *count, char oldest[32],
                       struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*count = (long)sqlite3_column_int64(st, 0);
		copy_col(st, 1, oldest, 32);
	} else {
		kh_sql_fail(s, "login_attempts", err);
	}
	sqlite3_finalize(st);
	return step == SQLITE_ROW ? 0 : -1;
}

static int count_attempts(struct kh_store *s, const struct kh_login_attempt *a,
                          struct kh_login_failures *out, struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	if (count_since(s, "SELECT count(*), min(at) FROM login_attempts"
	                   " WHERE name = ?1 AND at > ?2",
	                a->name, a->since, &out->by_name, out->oldest_name, err))
		return -1;
	return count_since(s, "SELECT count(*), min(at) FROM login_attempts"
	                      " WHERE remote = ?1 AND at > ?2",
	                   a->remote, a->since, &out->by_remote, out->oldest_remote, err);
}

/* BEGIN IMMEDIATE (kh_store_begin) takes the database's write lock before
 * the count, and a write transaction reads the newest data, so no other
 * connection, in this process or another, counts or records in between. */
int kh_sqlite_login_reserve(struct kh_store *s, const struct kh_login_attempt *a,
                            struct kh_login_failures *out, int *reserved,
                            struct kh_err *err)
{
	int began;
	*reserved = 0;
	if (begin_if_needed(s, &began, err))
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

int kh_sqlite_login_clear(struct kh_store *s, const char *name, struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, "DELETE FROM login_attempts WHERE name = ?1", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return step_done(s, st, "login_attempts", err);
}
