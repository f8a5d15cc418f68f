/* auth.h: who is calling `kaohe serve`, as the dispatcher asks it (auth.c).
 *
 * Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str); API
 * tokens and session ids are 32 random bytes shown once and stored only as
 * their SHA-256, compared in constant time (sodium_memcmp).  Sessions live
 * in the store (so a restart keeps them) and carry a CSRF token.
 *
 * Invariants: no secret (password, token, session id) is logged, printed
 * after creation, or stored in clear; every refusal is the same answer
 * whatever the reason (unknown user vs wrong password). */
#ifndef KAOHE_AUTH_H
#define KAOHE_AUTH_H

#include "err.h"
#include "server.h"

/* Call once before the daemon starts (sodium_init). */
int kh_auth_init(struct kh_err *err);

/* The user behind the request's session cookie ("kaohe_session"), or
 * *user = NULL when there is none or it expired.  Also sets req->session
 * and req->csrf. */
int kh_auth_session(struct kh_request *req, struct kh_user **user,
                    struct kh_err *err);

/* The owner of the request's `Authorization: Bearer` token, or *user =
 * NULL when the header is missing, the token unknown or revoked. */
int kh_auth_bearer(struct kh_request *req, struct kh_user **user,
                   struct kh_err *err);

/* 1 when the POSTed form's "csrf" field equals req->csrf (constant time). */
int kh_auth_csrf_ok(struct kh_request *req);

#endif
