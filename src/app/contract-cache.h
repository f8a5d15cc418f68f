/* contract-cache.h: the parsed, validated contracts `kaohe serve` shares
 * between its worker threads, so that a page does not parse and validate
 * the same stored text on every request.  Off (every get loads afresh)
 * until kh_contract_cache_start: the one-shot commands never start it.
 * A contract handed out is read-only and shared: never change or free it,
 * give it back with kh_contract_put. */
#ifndef KAOHE_CONTRACT_CACHE_H
#define KAOHE_CONTRACT_CACHE_H

#include <stddef.h>

#include "contract.h"
#include "err.h"

struct kh_store;

/* The most contracts kept; the least recently used unreferenced one goes
 * first when a new one comes in. */
#define KH_CONTRACT_CACHE_MAX 64

/* Keep up to max_entries parsed contracts from now on (the server's
 * start).  kh_contract_cache_stop frees them (the server's stop, after
 * every worker has ended). */
void kh_contract_cache_start(size_t max_entries);
void kh_contract_cache_stop(void);

/* Version `version` of id (0: the newest), as kh_contract_load: asks the
 * store which version that is and its SHA-256 (not the text), and parses
 * and validates the text only when no cached contract has that id,
 * version and SHA-256.  A version added meanwhile is the one returned on
 * the next call.  Errors as kh_contract_load's. */
int kh_contract_get(struct kh_store *store, const char *id, int version,
                    const struct kh_contract **out, struct kh_err *err);

/* Give back what kh_contract_get returned (NULL: nothing). */
void kh_contract_put(const struct kh_contract *contract);

#endif
