/* contract-load.h: contracts and the store — adding a contract file as a
 * new version, loading a stored version back into a struct kh_contract
 * (contract.h parses and validates it again), and listing them all.  The
 * store keeps the text (store-contracts.h); the meaning is contract.c's. */
#ifndef KAOHE_CONTRACT_LOAD_H
#define KAOHE_CONTRACT_LOAD_H

#include <stddef.h>

#include "contract.h"
#include "err.h"

struct kh_store;

/* Load a stored contract: version 0 means the newest.  0, or -1 with err
 * filled: KH_ERR_NOINPUT when unknown, KH_ERR_DATA when the stored text no
 * longer validates. */
int kh_contract_load(struct kh_store *store, const char *id, int version,
                     struct kh_contract **out, struct kh_err *err);

/* Parse FILE and store it as a new version when its SHA-256 differs from
 * the newest stored one; *unchanged = 1 (and (*out)->version the existing
 * version) when it does not.  0, or -1 with err filled after printing why
 * (KH_ERR_NOINPUT, KH_ERR_DATA for the file; KH_ERR_IO for the store). */
int kh_contract_add(struct kh_store *store, const char *path,
                    struct kh_contract **out, int *unchanged,
                    struct kh_err *err);

/* The newest version of every stored contract, sorted by id; the caller
 * frees each and the array.  0, or -1 with err filled when one did not
 * load (the others are still returned). */
int kh_contract_list(struct kh_store *store, struct kh_contract ***out,
                     size_t *count, struct kh_err *err);

#endif
