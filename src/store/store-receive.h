/* store-receive.h: what `kaohe serve` keeps of the submissions it receives
 * (POST /submissions, migration 5): each body exactly as it arrived, with
 * its SHA-256, its Idempotency-Key, the headers that name it, who sent it
 * and when — plus the submissions row (source 'serve') that the report
 * indicators judge.
 *
 * Invariants: a key is stored at most once (UNIQUE in the engine decides,
 * whatever the race); a received row is never changed or deleted (the
 * engine refuses); the bearer token never reaches the store, only its id;
 * the caller holds the transaction (kh_store_begin) so the row, the
 * submissions row and the audit entry commit together or not at all. */
#ifndef KAOHE_STORE_RECEIVE_H
#define KAOHE_STORE_RECEIVE_H

#include <stddef.h>

#include "err.h"
#include "store.h"

/* A submission to store (strings and body borrowed). */
struct kh_received_in {
	const char *key;            /* Idempotency-Key: SHA-256 of body, hex */
	const char *contract, *report, *period;
	const char *content_type;
	const char *sha256;         /* of body, 64 lowercase hex */
	const void *body;
	size_t body_len;
	const char *received_at;    /* "YYYY-MM-DD HH:MM:SS", China time */
	const char *received_by;    /* the token owner's name */
	long user_id, token_id;     /* 0 when unknown */
	const char *remote;         /* the client's address */
};

/* A stored submission's receipt and names (owned: kh_received_free). */
struct kh_received {
	long id;
	char *ref;                  /* "R-000123" */
	char *key, *contract, *report, *period, *content_type, *sha256;
	char *received_at, *received_by;
	long long size;
};
void kh_received_free(struct kh_received *r);

/* The stored submission with this key: *found = 1 and *out filled, or
 * *found = 0. */
int kh_store_received_find(struct kh_store *store, const char *key,
                           struct kh_received *out, int *found,
                           struct kh_err *err);

/* Inside the caller's transaction: add the received row (its ref made from
 * its id) and a submissions row (source 'serve', accepted) for the report
 * indicators — unless the contract already has one for the same report,
 * period and second, which then stands.  *exists = 1 (and nothing stored)
 * when the key is already there; else out is filled.  Disk full: -1 with
 * KH_ERR_IO and err->full. */
int kh_store_received_add(struct kh_store *store, const struct kh_received_in *in,
                          struct kh_received *out, int *exists,
                          struct kh_err *err);

/* The stored submissions of a contract (NULL: all), newest first; `fn`
 * returns 0 to go on.  The row is valid during the call only. */
typedef int kh_received_fn(const struct kh_received *r, void *arg);
int kh_store_received_each(struct kh_store *store, const char *contract,
                           kh_received_fn *fn, void *arg, struct kh_err *err);

/* One stored body by ref: *body (malloc'd, caller frees) and *len, with
 * its row in *out; *found = 0 when no such ref. */
int kh_store_received_body(struct kh_store *store, const char *ref,
                           struct kh_received *out, char **body, size_t *len,
                           int *found, struct kh_err *err);

/* Whether the contract exists (any version). */
int kh_store_contract_known(struct kh_store *store, const char *contract,
                            int *known, struct kh_err *err);

#endif
