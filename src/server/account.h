/* account.h: users, passwords, API tokens, logins and sessions as
 * `kaohe user` (src/cmd/cmd-user.c) and the login pages (login.c) use them
 * (account.c).  The request-facing checks are in auth.h.
 *
 * Passwords: Argon2id through libsodium's crypto_pwhash_str (opslimit and
 * memlimit INTERACTIVE: 2 passes over 64 MiB); the string keeps its own
 * parameters, so raising them later rehashes at the next login.  Tokens
 * ("kh_" + 43 base64url characters: 32 random bytes) and session ids (43
 * base64url characters) are shown once and stored as their SHA-256.
 * Sessions end after 8 hours without a request or 12 hours after the
 * login, whichever comes first.  Failed logins: 5 per name or 30 per remote
 * address within 15 minutes, then every attempt is refused (429) until the
 * oldest of them is 15 minutes old; a successful login forgets its name's
 * failures.  The count is atomic across threads and processes: an attempt
 * under the limits is recorded in the same locked transaction that counts
 * it, before its password is checked (kh_store_login_reserve); an attempt
 * over a limit is not recorded, so a flood does not extend the lockout.
 *
 * Invariants: no secret is logged or stored in clear; every refusal of a
 * login looks the same (unknown name, wrong password, disabled user), and
 * an unknown name costs the same Argon2id verification as a known one;
 * every change here and every login goes to the audit log. */
#ifndef KAOHE_ACCOUNT_H
#define KAOHE_ACCOUNT_H

#include <stddef.h>

#include "err.h"
#include "server.h"

struct kh_store;

#define KH_PASSWORD_MIN 8             /* bytes */
#define KH_PASSWORD_MAX 1024
#define KH_NAME_MAX 64                /* a login name: bytes */
#define KH_SECRET_BUFSZ 64            /* a token or session id and its NUL */
#define KH_HEX_BUFSZ 65               /* a SHA-256 in hex and its NUL */

#define KH_SESSION_IDLE_S (8 * 3600)
#define KH_SESSION_MAX_S (12 * 3600)
#define KH_LOGIN_WINDOW_S (15 * 60)
#define KH_LOGIN_MAX_PER_NAME 5
#define KH_LOGIN_MAX_PER_REMOTE 30

/* sodium_init (kh_auth_init calls it too).  0, or -1 with err. */
int kh_account_init(struct kh_err *err);

/* --- primitives ------------------------------------------------------------ */

/* The Argon2id string of a password (out: at least 128 bytes). */
int kh_password_hash(const char *password, char *out, size_t size,
                     struct kh_err *err);
/* 1 when the password matches the stored string, else 0. */
int kh_password_verify(const char *hash, const char *password);
/* Whether a password is acceptable: KH_PASSWORD_MIN..MAX bytes, no control
 * characters.  NULL when it is, else why (in the current language). */
const char *kh_password_weak(const char *password);
/* A new API token ("kh_..." ) or session id (with prefix NULL). */
void kh_secret_new(const char *prefix, char out[KH_SECRET_BUFSZ]);
/* The SHA-256 of a secret as lowercase hex. */
void kh_secret_hash(const char *secret, char hex[KH_HEX_BUFSZ]);
/* 1 when two strings are equal, comparing in constant time for a given
 * length (sodium_memcmp); 0 for different lengths or NULL. */
int kh_secret_equal(const char *a, const char *b);
/* Whether text looks like a token or a session id (charset and length)
 * before anything is hashed or looked up. */
int kh_secret_wellformed(const char *text, const char *prefix);
/* Whether a login name is acceptable: 1..KH_NAME_MAX bytes of letters,
 * digits, '.', '_', '-', '@' (ASCII). */
int kh_name_valid(const char *name);

/* --- users (kaohe user) ------------------------------------------------------ */

/* Add a user; every step in the audit log as `who`.  An insurer needs at
 * least one contract, the others take none. */
int kh_account_add(struct kh_store *store, const char *name, enum kh_role role,
                   const char *display, char *const *contracts, size_t ncontracts,
                   const char *password, const char *who, long *id,
                   struct kh_err *err);
/* Set a user's password and end its sessions. */
int kh_account_passwd(struct kh_store *store, const char *name,
                      const char *password, const char *who, struct kh_err *err);
/* Disable a user: its sessions end, its tokens are refused. */
int kh_account_disable(struct kh_store *store, const char *name, const char *who,
                       struct kh_err *err);
/* A new API token for an insurer (by name, or by id when name is NULL);
 * the token in `token` is shown once by the caller and never again. */
int kh_account_token_new(struct kh_store *store, const char *name, long user_id,
                         const char *label, const char *who,
                         char token[KH_SECRET_BUFSZ], long *token_id,
                         struct kh_err *err);
/* Revoke a token (only one of `user_id` unless 0); *revoked = 0 when there
 * was no such valid token. */
int kh_account_token_revoke(struct kh_store *store, long token_id, long user_id,
                            const char *who, int *revoked, struct kh_err *err);

/* A stored user as the server sees it (kh_user_free). *user = NULL when
 * there is none or it is disabled. */
int kh_account_load(struct kh_store *store, long id, struct kh_user **user,
                    struct kh_err *err);

/* --- logins and sessions (login.c) ----------------------------------------- */

enum kh_login_result {
	KH_LOGIN_OK,
	KH_LOGIN_REFUSED,         /* unknown name, wrong password, disabled */
	KH_LOGIN_LIMITED,         /* too many failures: *retry_after seconds */
};
/* Make what an unknown name is checked against (one Argon2id hash), so
 * that the first login is not slower than the others (kh_auth_init). */
void kh_login_prepare(void);
/* Check a login, within the rate limit, and record it in the audit log
 * (login, login-failed); on KH_LOGIN_OK *user is the user. */
int kh_login(struct kh_store *store, const char *name, const char *password,
             const char *remote, enum kh_login_result *result, long *retry_after,
             struct kh_user **user, struct kh_err *err);
/* A new session for the user: its id (to the cookie, once) and CSRF
 * token. */
int kh_session_start(struct kh_store *store, long user_id,
                     char id[KH_SECRET_BUFSZ], char csrf[KH_HEX_BUFSZ],
                     struct kh_err *err);
/* End a session by its id (from the cookie); no error when there is none. */
int kh_session_end(struct kh_store *store, const char *id, struct kh_err *err);
/* The user behind a session id, or *user = NULL (none, expired, disabled
 * user); the session's CSRF token in kh_user_csrf(*user).  Records the
 * use. */
int kh_session_user(struct kh_store *store, const char *id, struct kh_user **user,
                    struct kh_err *err);

/* A struct kh_user with room for the session's CSRF token behind it
 * (kh_user_free frees both); the token's buffer is kh_user_csrf(user). */
struct kh_user *kh_user_new(void);
char *kh_user_csrf(struct kh_user *user);

#endif
