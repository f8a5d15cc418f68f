/* compare-sources.c: the scorecards `kaohe compare` ranks — scored afresh
 * in the open store, read back from the stored runs of other databases
 * (each opened read-only through the store layer, one after another: no
 * ATTACH, so nothing here depends on SQLite and a PostgreSQL store could
 * answer the same calls), or read from saved scorecard files. */
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "contract-load.h"
#include "msg.h"
#include "score.h"
#include "store.h"
#include "trend.h"
#include "xmlsafe.h"

static void push(struct kh_card **cards, size_t *count, struct kh_card *card)
{
	*cards = kh_xrealloc(*cards, (*count + 1) * sizeof **cards);
	(*cards)[(*count)++] = *card;
}

static const char *family_of(const struct kh_contract *c)
{
	return c->seed && *c->seed ? c->seed : c->id;
}

/* The family named: a seed, or the seed of the contract with that id. */
static const char *resolve_family(const char *family, struct kh_contract **list,
                                  size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i]->id, family) == 0)
			return family_of(list[i]);
	return family;
}

static int selected(const struct kh_compare_select *sel, const char *family,
                    const struct kh_contract *c)
{
	if (sel->ncontracts > 0) {
		for (int i = 0; i < sel->ncontracts; i++)
			if (strcmp(sel->contracts[i], c->id) == 0)
				return 1;
		return 0;
	}
	if (family)
		return strcmp(family_of(c), family) == 0;
	return 1;
}

static void free_list(struct kh_contract **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kh_contract_free(list[i]);
	free(list);
}

void kh_compare_cards_free(struct kh_card *cards, size_t count)
{
	for (size_t i = 0; i < count; i++)
		kh_card_free(&cards[i]);
	free(cards);
}

/* Every contract named must exist somewhere. */
static int check_named(const struct kh_compare_select *sel, const struct kh_card *cards,
                       size_t count, struct kh_err *err)
{
	int rc = 0;
	for (int i = 0; i < sel->ncontracts; i++) {
		int found = 0;
		for (size_t j = 0; j < count && !found; j++)
			found = strcmp(cards[j].contract, sel->contracts[i]) == 0;
		if (!found) {
			kh_error("%s: %s", sel->contracts[i],
			         kh_tr("没有此合同（或此考核期没有评分记录）",
			               "no such contract (or no scored run of the period)"));
			rc = kh_fail(err, KH_ERR_NOINPUT);
		}
	}
	return rc;
}

int kh_compare_local(struct kh_store *store, const struct kh_compare_select *sel,
                     struct kh_card **cards, size_t *count, struct kh_err *err)
{
	*cards = NULL;
	*count = 0;
	struct kh_contract **list = NULL;
	size_t n = 0;
	if (kh_contract_list(store, &list, &n, err)) {
		free_list(list, n);
		return -1;
	}
	struct kh_score_request req = { 0 };
	if (kh_period_parse(sel->period, &req.period)) {
		free_list(list, n);
		return kh_fail(err, KH_ERR_USAGE);
	}
	req.as_of = req.period.last;
	const char *family = sel->family ? resolve_family(sel->family, list, n) : NULL;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!selected(sel, family, list[i]))
			continue;
		req.contract_id = list[i]->id;
		xmlDocPtr doc = NULL;
		long run_id = 0;
		if ((rc = kh_score_run(store, &req, &doc, &run_id, err)) != 0)
			break;
		struct kh_card card;
		rc = kh_card_read(doc, list[i]->id, &card, err);
		xmlFreeDoc(doc);
		if (rc) {
			kh_card_free(&card);
			break;
		}
		card.family = kh_xstrdup(family_of(list[i]));
		push(cards, count, &card);
	}
	free_list(list, n);
	if (rc == 0)
		rc = check_named(sel, *cards, *count, err);
	if (rc == 0 && *count == 0) {
		kh_error("%s", kh_tr("没有可比较的合同", "no contract to compare"));
		rc = kh_fail(err, KH_ERR_NOINPUT);
	}
	if (rc) {
		kh_compare_cards_free(*cards, *count);
		*cards = NULL;
		*count = 0;
	}
	return rc;
}

/* One database of the roll-up. */
static int from_db(const char *path, const struct kh_compare_select *sel,
                   struct kh_card **cards, size_t *count, struct kh_err *err)
{
	struct kh_store *store = NULL;
	if (kh_store_open(path, KH_STORE_READONLY, &store, err))
		return -1;
	struct kh_contract **list = NULL;
	size_t n = 0;
	struct kh_stored_run *runs = NULL;
	size_t nruns = 0;
	int rc = kh_contract_list(store, &list, &n, err);
	if (rc == 0)
		rc = kh_store_latest_runs(store, sel->period, &runs, &nruns, err);
	const char *family = sel->family ? resolve_family(sel->family, list, n) : NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!selected(sel, family, list[i]))
			continue;
		const struct kh_stored_run *run = NULL;
		for (size_t r = 0; r < nruns && !run; r++)
			if (strcmp(runs[r].contract, list[i]->id) == 0)
				run = &runs[r];
		if (!run) {
			kh_warn("%s: %s: %s %s", kh_store_name(store), list[i]->id,
			        kh_tr("没有此考核期的评分记录，未列入（先运行 kaohe score）",
			              "no stored run of the period, left out (run kaohe score first)"),
			        sel->period);
			continue;
		}
		/* the store's own name: a PostgreSQL URL without its password */
		char *name = kh_xasprintf("%s#%ld", kh_store_name(store), run->id);
		xmlDocPtr doc = kh_xml_read_memory(run->scorecard_xml,
		                                   strlen(run->scorecard_xml), name);
		struct kh_card card;
		rc = doc ? kh_card_read(doc, name, &card, err) : kh_fail(err, KH_ERR_DATA);
		xmlFreeDoc(doc);
		free(name);
		if (rc) {
			if (doc)
				kh_card_free(&card);
			break;
		}
		free(card.source);
		card.source = kh_xstrdup(path);
		card.family = kh_xstrdup(family_of(list[i]));
		push(cards, count, &card);
	}
	kh_stored_runs_free(runs, nruns);
	free_list(list, n);
	kh_store_close(store);
	return rc;
}

/* A family named by a contract id stands for that contract's seed in
 * whichever database holds it, so every database filters alike. */
static int family_across(const char *const *paths, int npaths, const char *family,
                         char **seed, struct kh_err *err)
{
	*seed = NULL;
	for (int i = 0; i < npaths && !*seed; i++) {
		struct kh_store *store = NULL;
		if (kh_store_open(paths[i], KH_STORE_READONLY, &store, err))
			return -1;
		struct kh_contract **list = NULL;
		size_t n = 0;
		int rc = kh_contract_list(store, &list, &n, err);
		for (size_t k = 0; k < n && rc == 0 && !*seed; k++)
			if (strcmp(list[k]->id, family) == 0)
				*seed = kh_xstrdup(family_of(list[k]));
		free_list(list, n);
		kh_store_close(store);
		if (rc)
			return -1;
	}
	if (!*seed)
		*seed = kh_xstrdup(family);
	return 0;
}

int kh_compare_dbs(const char *const *paths, int npaths,
                   const struct kh_compare_select *sel,
                   struct kh_card **cards, size_t *count, struct kh_err *err)
{
	*cards = NULL;
	*count = 0;
	struct kh_compare_select resolved = *sel;
	char *seed = NULL;
	if (sel->family && family_across(paths, npaths, sel->family, &seed, err))
		return -1;
	resolved.family = seed;
	int rc = 0;
	for (int i = 0; i < npaths && rc == 0; i++)
		rc = from_db(paths[i], &resolved, cards, count, err);
	free(seed);
	if (rc == 0)
		rc = check_named(sel, *cards, *count, err);
	if (rc == 0 && *count == 0) {
		kh_error("%s %s", kh_tr("这些数据库中没有可比较的评分记录，考核期",
		                        "no stored run to compare in these databases for"),
		         sel->period);
		rc = kh_fail(err, KH_ERR_NOINPUT);
	}
	if (rc) {
		kh_compare_cards_free(*cards, *count);
		*cards = NULL;
		*count = 0;
	}
	return rc;
}

int kh_compare_files(const char *const *paths, int npaths,
                     const struct kh_compare_select *sel,
                     struct kh_card **cards, size_t *count, struct kh_err *err)
{
	*cards = NULL;
	*count = 0;
	int rc = 0;
	const char *period = sel->period;
	for (int i = 0; i < npaths && rc == 0; i++) {
		int missing = 0;
		xmlDocPtr doc = kh_xml_read_file(paths[i], NULL, &missing);
		if (!doc) {
			rc = kh_fail(err, missing ? KH_ERR_NOINPUT : KH_ERR_DATA);
			break;
		}
		if (kh_xml_validate(doc, "data/schema/scorecard.rng", paths[i]) != 0) {
			xmlFreeDoc(doc);
			rc = kh_fail(err, KH_ERR_DATA);
			break;
		}
		struct kh_card card;
		rc = kh_card_read(doc, paths[i], &card, err);
		xmlFreeDoc(doc);
		if (rc == 0 && period && strcmp(card.period, period) != 0) {
			kh_error("%s: %s %s, %s %s", paths[i], kh_tr("考核期为", "its period is"),
			         card.period, kh_tr("比较的是", "comparing"), period);
			rc = kh_fail(err, KH_ERR_DATA);
		}
		if (rc == 0 && sel->ncontracts > 0) {
			int named = 0;
			for (int k = 0; k < sel->ncontracts; k++)
				named |= strcmp(sel->contracts[k], card.contract) == 0;
			if (!named) {
				kh_card_free(&card);
				continue;
			}
		}
		if (rc) {
			kh_card_free(&card);
			break;
		}
		push(cards, count, &card);
		period = (*cards)[0].period;
	}
	if (rc == 0)
		rc = check_named(sel, *cards, *count, err);
	if (rc == 0 && *count == 0) {
		kh_error("%s", kh_tr("没有可比较的评分", "no scorecard to compare"));
		rc = kh_fail(err, KH_ERR_NOINPUT);
	}
	if (rc) {
		kh_compare_cards_free(*cards, *count);
		*cards = NULL;
		*count = 0;
	}
	return rc;
}
