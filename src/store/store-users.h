/* store-users.h: who may use `kaohe serve` — users and their roles, the
 * contracts an insurer is bound to, API tokens, sessions and failed logins
 * (store/sqlite/users.c, schema migration 6).
 *
 * Invariants: the store receives and keeps only hashes — an Argon2id
 * string for a password, the SHA-256 (64 lowercase hex digits) of a token
 * or a session id; nothing here sees a secret in clear.  Times are
 * "YYYY-MM-DD HH:MM:SS" strings the caller computes (so $KAOHE_NOW rules
 * them in tests). */
#ifndef KAOHE_STORE_USERS_H
#define KAOHE_STORE_USERS_H

#include <stddef.h>

#include "err.h"

struct kh_store;

/* A user as stored (strings owned; kh_user_rec_free). */
struct kh_user_rec {
	long id;
	char *name;
	char *display;            /* "" when none */
	char *role;               /* "regulator" | "panel" | "insurer" */
	char *password_hash;      /* crypto_pwhash_str's string */
	char *created_at;
	int disabled;
	char **contracts;         /* sorted */
	size_t ncontracts;
};
void kh_user_rec_free(struct kh_user_rec *user);
void kh_user_recs_free(struct kh_user_rec *users, size_t count);

/* Add a user with its contracts in one transaction; *id is the new id.
 * A name already taken: KH_ERR_DATA after saying so. */
int kh_store_user_add(struct kh_store *store, const struct kh_user_rec *user,
                      long *id, struct kh_err *err);
/* The user by name (when name is not NULL) or by id: *found = 1 and *out
 * filled, or *found = 0. */
int kh_store_user_get(struct kh_store *store, const char *name, long id,
                      struct kh_user_rec *out, int *found, struct kh_err *err);
/* Every user, by name (contracts filled, password hashes left NULL). */
int kh_store_user_list(struct kh_store *store, struct kh_user_rec **out,
                       size_t *count, struct kh_err *err);
/* Replace a user's password hash; with `end_sessions`, end its sessions. */
int kh_store_user_set_password(struct kh_store *store, long id,
                               const char *password_hash, int end_sessions,
                               struct kh_err *err);
/* Disable (1) or enable (0) a user; disabling also ends its sessions
 * (its tokens stay, refused while the user is disabled). */
int kh_store_user_set_disabled(struct kh_store *store, long id, int disabled,
                               struct kh_err *err);

/* An API token as listed (strings owned; kh_token_recs_free). */
struct kh_token_rec {
	long id;
	long user_id;
	char *user_name;
	char *label;
	char *created_at;
	char *revoked_at;         /* "" while it is valid */
};
void kh_token_recs_free(struct kh_token_rec *tokens, size_t count);

/* Store a new token's SHA-256 for a user; *id is the token's id. */
int kh_store_token_add(struct kh_store *store, long user_id,
                       const char *sha256_hex, const char *label,
                       const char *at, long *id, struct kh_err *err);
/* The valid (not revoked) token with this SHA-256: *found = 1, its id, its
 * user and the stored hash (for a constant-time comparison), else 0. */
int kh_store_token_find(struct kh_store *store, const char *sha256_hex,
                        long *token_id, long *user_id, char stored_hex[65],
                        int *found, struct kh_err *err);
/* Revoke a token (of `user_id` only, when it is not 0): *revoked = 1 when
 * a valid token was revoked now, 0 when there was none (or it was revoked
 * before). */
int kh_store_token_revoke(struct kh_store *store, long token_id, long user_id,
                          const char *at, int *revoked, struct kh_err *err);
/* The tokens of a user (0: everybody's), by id. */
int kh_store_token_list(struct kh_store *store, long user_id,
                        struct kh_token_rec **out, size_t *count,
                        struct kh_err *err);

/* A session as stored (the id itself is never stored). */
struct kh_session_rec {
	long user_id;
	char csrf[65];
	char created_at[32];
	char seen_at[32];
	char expires_at[32];
};
int kh_store_session_add(struct kh_store *store, const char *sha256_hex,
                         const struct kh_session_rec *session,
                         struct kh_err *err);
int kh_store_session_get(struct kh_store *store, const char *sha256_hex,
                         struct kh_session_rec *out, int *found,
                         struct kh_err *err);
/* Record the session's last use. */
int kh_store_session_touch(struct kh_store *store, const char *sha256_hex,
                           const char *seen_at, struct kh_err *err);
/* End a session (no error when there is none). */
int kh_store_session_delete(struct kh_store *store, const char *sha256_hex,
                            struct kh_err *err);
/* End every session that expired (absolutely, or idle since before
 * `idle_before`). */
int kh_store_session_prune(struct kh_store *store, const char *now,
                           const char *idle_before, struct kh_err *err);

/* --- failed logins, for the rate limit ------------------------------------ */

/* One login attempt to count: the name (as kept) and the remote address,
 * now, the start of the window (attempts after it, not at it, count), the
 * limits for the name and the address, and the time before which attempts
 * are forgotten. */
struct kh_login_attempt {
	const char *name, *remote, *at, *since, *forget_before;
	long max_name, max_remote;
};
/* The attempts in the window for the name and for the remote address, with
 * the oldest of each ("" when none). */
struct kh_login_failures {
	long by_name, by_remote;
	char oldest_name[32], oldest_remote[32];
};
/* Count the attempts of `a`'s name and address in the window (into `out`)
 * and, when both are under their limits, record this attempt at once
 * (*reserved = 1) and forget those older than forget_before — in one
 * transaction that takes the write lock before it counts (SQLite BEGIN
 * IMMEDIATE; PostgreSQL READ COMMITTED and LOCK TABLE login_attempts IN
 * SHARE ROW EXCLUSIVE MODE before any query), so that attempts from any
 * thread or process are counted one after another and no more than the
 * limit are let through.  An attempt over a limit is not recorded.  The
 * recorded attempt stands as a failure until kh_store_login_clear. */
int kh_store_login_reserve(struct kh_store *store, const struct kh_login_attempt *a,
                           struct kh_login_failures *out, int *reserved,
                           struct kh_err *err);
/* Forget the failed logins of a name (after it logged in). */
int kh_store_login_clear(struct kh_store *store, const char *name,
                         struct kh_err *err);

#endif
