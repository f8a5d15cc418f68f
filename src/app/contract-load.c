/* contract-load.c: contracts in and out of the store — `kaohe contract
 * add` (parse, validate, then store the text as a new version unless it is
 * unchanged), loading a stored version for scoring, and the list.  Parsing
 * is contract.c's, keeping the text store-contracts.h's.  No SQL here. */
#include <stdlib.h>
#include <time.h>

#include "contract-load.h"
#include "msg.h"
#include "store-contracts.h"

/* Now as "YYYY-MM-DD HH:MM:SS" local time, when a version is added. */
static void added_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

int kh_contract_add(struct kh_store *store, const char *path,
                    struct kh_contract **out, int *unchanged, struct kh_err *err)
{
	*unchanged = 0;
	if (kh_contract_parse_file(path, out, err))
		return -1;
	struct kh_contract *c = *out;
	char when[32];
	added_now(when, sizeof when);
	return kh_store_contract_add(store, c->id, c->sha256, c->xml, path, when,
	                             &c->version, unchanged, err);
}

int kh_contract_load(struct kh_store *store, const char *id, int version,
                     struct kh_contract **out, struct kh_err *err)
{
	*out = NULL;
	struct kh_stored_contract stored;
	int found;
	if (kh_store_contract_get(store, id, version, &stored, &found, err))
		return -1;
	if (!found) {
		if (version)
			kh_error("%s: %s %s %d", kh_tr("没有这份合同", "no such contract"), id,
			         kh_tr("版本", "version"), version);
		else
			kh_error("%s: %s", kh_tr("没有这份合同", "no such contract"), id);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	char *name = kh_xasprintf("%s@%d", id, stored.version);
	int rc = kh_contract_parse_memory(stored.xml, stored.len, name, out, err);
	free(name);
	if (rc == 0) {
		free((*out)->id);
		(*out)->id = kh_xstrdup(id);
		(*out)->version = stored.version;
	}
	kh_stored_contract_free(&stored);
	return rc ? -1 : 0;
}

int kh_contract_list(struct kh_store *store, struct kh_contract ***out,
                     size_t *count, struct kh_err *err)
{
	*out = NULL;
	*count = 0;
	char **ids;
	size_t nids;
	if (kh_store_contract_ids(store, &ids, &nids, err))
		return -1;
	int rc = 0;
	size_t cap = 0;
	for (size_t i = 0; i < nids; i++) {
		struct kh_contract *c;
		int one = kh_contract_load(store, ids[i], 0, &c, err);
		free(ids[i]);
		if (one) {
			rc = -1;
			continue;
		}
		if (*count == cap) {
			cap = cap ? cap * 2 : 8;
			*out = kh_xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*count)++] = c;
	}
	free(ids);
	return rc;
}
