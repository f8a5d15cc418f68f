/* contract-cache.c: the parsed contracts `kaohe serve`'s workers share
 * (contract-cache.h), keyed by id, version and the SHA-256 of the stored
 * text, each with a count of its holders, least recently used out first.
 * Never changes a contract it holds and never frees one still held; one
 * mutex guards the table, never held while parsing or asking the store. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "contract-cache.h"
#include "contract-load.h"
#include "msg.h"
#include "store-contracts.h"

struct cache_entry {
	struct kh_contract *contract;   /* NULL: a free slot */
	char sha256[65];                /* the store's hash of its text */
	unsigned holders;               /* gets not yet put back */
	unsigned long last_used;        /* the tick of its last get */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *entries;  /* NULL: the cache is off */
static size_t nentries;
static unsigned long tick;   /* counts gets: the least recently used */

void kh_contract_cache_start(size_t max_entries)
{
	pthread_mutex_lock(&cache_lock);
	if (!entries && max_entries) {
		entries = kh_xcalloc(max_entries, sizeof *entries);
		nentries = max_entries;
		tick = 0;
	}
	pthread_mutex_unlock(&cache_lock);
}

void kh_contract_cache_stop(void)
{
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < nentries; i++)
		kh_contract_free(entries[i].contract);   /* no worker is left */
	free(entries);
	entries = NULL;
	nentries = 0;
	pthread_mutex_unlock(&cache_lock);
}

/* The entry holding that version of id with that hash, or NULL (under
 * the lock). */
static struct cache_entry *find_entry(const char *id, const struct kh_contract_head *head)
{
	for (size_t i = 0; i < nentries; i++) {
		struct cache_entry *e = &entries[i];
		if (e->contract && e->contract->version == head->version &&
		    strcmp(e->sha256, head->sha256) == 0 && strcmp(e->contract->id, id) == 0)
			return e;
	}
	return NULL;
}

/* Hand out e's contract to one more holder (under the lock). */
static const struct kh_contract *take(struct cache_entry *e)
{
	e->holders++;
	e->last_used = ++tick;
	return e->contract;
}

/* A free slot, else the least recently used one nobody holds (its
 * contract freed); NULL when every entry is held (under the lock). */
static struct cache_entry *free_slot(void)
{
	struct cache_entry *oldest = NULL;
	for (size_t i = 0; i < nentries; i++) {
		struct cache_entry *e = &entries[i];
		if (!e->contract)
			return e;
		if (e->holders == 0 && (!oldest || e->last_used < oldest->last_used))
			oldest = e;
	}
	if (oldest) {
		kh_contract_free(oldest->contract);
		memset(oldest, 0, sizeof *oldest);
	}
	return oldest;
}

/* Keep a freshly parsed contract and return it held once — or the one
 * another thread kept meanwhile, freeing ours; or ours uncached when
 * every slot is held (kh_contract_put frees it then). */
static const struct kh_contract *keep(struct kh_contract *parsed,
                                      const struct kh_contract_head *head)
{
	pthread_mutex_lock(&cache_lock);
	struct cache_entry *e = entries ? find_entry(parsed->id, head) : NULL;
	if (e) {
		const struct kh_contract *kept = take(e);
		pthread_mutex_unlock(&cache_lock);
		kh_contract_free(parsed);
		return kept;
	}
	e = entries ? free_slot() : NULL;
	if (e) {
		e->contract = parsed;
		memcpy(e->sha256, head->sha256, sizeof e->sha256);
		take(e);
	}
	pthread_mutex_unlock(&cache_lock);
	return parsed;
}

static int cache_is_on(void)
{
	pthread_mutex_lock(&cache_lock);
	int on = entries != NULL;
	pthread_mutex_unlock(&cache_lock);
	return on;
}

int kh_contract_get(struct kh_store *store, const char *id, int version,
                    const struct kh_contract **out, struct kh_err *err)
{
	*out = NULL;
	struct kh_contract *parsed = NULL;
	if (!cache_is_on()) {
		if (kh_contract_load(store, id, version, &parsed, err))
			return -1;
		*out = parsed;
		return 0;
	}
	struct kh_contract_head head;
	int found;
	if (kh_store_contract_head(store, id, version, &head, &found, err))
		return -1;
	if (found) {
		pthread_mutex_lock(&cache_lock);
		struct cache_entry *e = entries ? find_entry(id, &head) : NULL;
		if (e)
			*out = take(e);
		pthread_mutex_unlock(&cache_lock);
		if (*out)
			return 0;
	}
	/* not cached: load exactly the version the store just named, so that
	 * one added meanwhile is not filed under this one's hash; unknown:
	 * kh_contract_load says so (or finds one added meanwhile, uncached) */
	if (kh_contract_load(store, id, found ? head.version : version, &parsed, err))
		return -1;
	*out = found ? keep(parsed, &head) : parsed;
	return 0;
}

void kh_contract_put(const struct kh_contract *contract)
{
	if (!contract)
		return;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < nentries; i++)
		if (entries[i].contract == contract) {
			entries[i].holders--;
			pthread_mutex_unlock(&cache_lock);
			return;
		}
	pthread_mutex_unlock(&cache_lock);
	/* never cached (the cache off, or full of held entries): ours to free */
	kh_contract_free((struct kh_contract *)contract);
}
