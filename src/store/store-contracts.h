/* store-contracts.h: contracts in the store — each version of a contract as
 * the XML text it was added with, its SHA-256 and version number.  The
 * store keeps and returns text; parsing and validating it is contract.c's.
 *
 * Invariants: versions of an id count up from 1 and are never changed or
 * removed; a text whose SHA-256 equals the newest version's is not stored
 * again. */
#ifndef KAOHE_STORE_CONTRACTS_H
#define KAOHE_STORE_CONTRACTS_H

#include <stddef.h>

#include "err.h"
#include "store.h"

/* One stored version. */
struct kh_stored_contract {
	char *id;
	int version;
	char *sha256;
	char *xml;                /* the text as added, NUL terminated */
	size_t len;               /* its length in bytes */
};
void kh_stored_contract_free(struct kh_stored_contract *stored);

/* Version `version` of id, or the newest when version is 0.  *found = 0
 * (and nothing printed) when there is none.  *out is zeroed first;
 * kh_stored_contract_free. */
int kh_store_contract_get(struct kh_store *store, const char *id, int version,
                          struct kh_stored_contract *out, int *found,
                          struct kh_err *err);

/* What names a stored version without its text: its number and the
 * SHA-256 of its text (a cache's key: versions never change). */
struct kh_contract_head {
	int version;
	char sha256[65];
};

/* The number and SHA-256 of version `version` of id, or of the newest when
 * version is 0, without reading the text.  *found = 0 (and nothing
 * printed) when there is none. */
int kh_store_contract_head(struct kh_store *store, const char *id, int version,
                           struct kh_contract_head *out, int *found,
                           struct kh_err *err);

/* Store xml as the next version of id in one transaction, unless the
 * newest stored version has the same sha256: then *unchanged = 1 and
 * nothing is written.  *version is the version stored or found.
 * source_file may be NULL; added_at is "YYYY-MM-DD HH:MM:SS". */
int kh_store_contract_add(struct kh_store *store, const char *id,
                          const char *sha256, const char *xml,
                          const char *source_file, const char *added_at,
                          int *version, int *unchanged, struct kh_err *err);

/* The id of every stored contract, sorted (caller frees each and the
 * array). */
int kh_store_contract_ids(struct kh_store *store, char ***ids, size_t *count,
                          struct kh_err *err);

#endif
