/* compare.c: the league table of several contracts for one period — total
 * and category ranks, every indicator side by side, and the data's
 * coverage.  Pure: it reads scorecards already read back (struct kh_card);
 * where they came from (scored afresh, stored runs of other databases,
 * saved files) is compare-sources.c's business.
 *
 * The ranking rule (man kaohe-compare): an indicator holds data when its
 * status was judged (pass or fail); na (nothing to judge) and pending (a
 * manual item without a mark) do not.  An indicator is missing for a
 * contract when it holds no data there but holds data for at least one
 * other contract of the set — what nobody could judge (an annual report
 * not yet due) disadvantages nobody.  A contract with no missing
 * indicator is complete.  Complete contracts are ranked among themselves,
 * then the incomplete ones among themselves, in a separate group marked
 * as such — never interleaved, so a gap in the data cannot lift a
 * contract above a complete one.  Within a group the order is the share
 * of the maximum (score ÷ max, exact); ties share a rank and the next
 * rank is skipped
 * (1, 1, 3). */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "trend-lib.h"
#include "trend.h"

void kh_compare_rank(const long *num, const long *den, const int *in_group,
                     size_t n, int *rank)
{
	for (size_t i = 0; i < n; i++) {
		rank[i] = 0;
		if (in_group && !in_group[i])
			continue;
		int better = 0;
		for (size_t j = 0; j < n; j++) {
			if (j == i || (in_group && !in_group[j]))
				continue;
			long long a = (long long)num[j] * (den[i] > 0 ? den[i] : 1);
			long long b = (long long)num[i] * (den[j] > 0 ? den[j] : 1);
			if (a > b)
				better++;
		}
		rank[i] = better + 1;
	}
}

/* How many indicators of a card hold data (pass or fail). */
static size_t coverage(const struct kh_card *card)
{
	size_t judged = 0;
	for (size_t i = 0; i < card->nindicators; i++)
		judged += kh_card_status_judged(card->indicators[i].status);
	return judged;
}

static const struct kh_card_category *find_cat(const struct kh_card *card, const char *id)
{
	for (size_t i = 0; i < card->ncategories; i++)
		if (strcmp(card->categories[i].id, id) == 0)
			return &card->categories[i];
	return NULL;
}

static const struct kh_card_indicator *find_ind(const struct kh_card *card, const char *id)
{
	for (size_t i = 0; i < card->nindicators; i++)
		if (strcmp(card->indicators[i].id, id) == 0)
			return &card->indicators[i];
	return NULL;
}

/* How many indicators hold no data for card i but hold data for another
 * card of the set (indicators are matched by id). */
static void missing_count(const struct kh_card *cards, size_t n, size_t i, long *out)
{
	*out = 0;
	for (size_t k = 0; k < cards[i].nindicators; k++) {
		const struct kh_card_indicator *ind = &cards[i].indicators[k];
		if (kh_card_status_judged(ind->status))
			continue;
		int judged_elsewhere = 0;
		for (size_t j = 0; j < n && !judged_elsewhere; j++) {
			const struct kh_card_indicator *o = j == i ? NULL : find_ind(&cards[j], ind->id);
			judged_elsewhere = o && kh_card_status_judged(o->status);
		}
		*out += judged_elsewhere;
	}
}

/* share = num/den with four decimals, rounded half away from zero. */
static void set_share(xmlNodePtr node, long num, long den)
{
	if (den <= 0)
		return;
	long long scaled = ((long long)num * 20000 / den + (num >= 0 ? 1 : -1)) / 2;
	char buf[32];
	long long a = scaled < 0 ? -scaled : scaled;
	snprintf(buf, sizeof buf, "%s%lld.%04lld", scaled < 0 ? "-" : "", a / 10000, a % 10000);
	kh_tl_set(node, "share", buf);
}

/* The column headers: categories and indicators in order of first
 * appearance over the cards. */
static void columns(xmlNodePtr root, const struct kh_card *cards, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < cards[k].ncategories; j++) {
			const struct kh_card_category *c = &cards[k].categories[j];
			int seen = 0;
			for (size_t e = 0; e < k && !seen; e++)
				seen = find_cat(&cards[e], c->id) != NULL;
			for (size_t e = 0; e < j && !seen; e++)
				seen = strcmp(cards[k].categories[e].id, c->id) == 0;
			if (seen)
				continue;
			xmlNodePtr col = xmlNewChild(root, NULL, BAD_CAST "category", NULL);
			kh_tl_set(col, "id", c->id);
			kh_tl_set(col, "title", c->title);
			kh_tl_set_points(col, "points", c->points);
		}
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < cards[k].nindicators; j++) {
			const struct kh_card_indicator *ind = &cards[k].indicators[j];
			int seen = 0;
			for (size_t e = 0; e < k && !seen; e++)
				seen = find_ind(&cards[e], ind->id) != NULL;
			for (size_t e = 0; e < j && !seen; e++)
				seen = strcmp(cards[k].indicators[e].id, ind->id) == 0;
			if (seen)
				continue;
			xmlNodePtr col = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
			const char *ftitle = NULL;
			kh_tl_set(col, "id", ind->id);
			kh_tl_set(col, "title", ind->title);
			kh_tl_set(col, "measure", ind->measure);
			kh_tl_set(col, "family", kh_tl_family(&cards[k], ind, &ftitle));
			kh_tl_set(col, "category", ind->category);
			kh_tl_set_points(col, "points", ind->points);
		}
}

/* Category ranks: within each group, among the contracts that have it. */
static void category_ranks(const struct kh_card *cards, size_t n, const int *complete,
                           const char *id, int *rank)
{
	long *num = kh_xcalloc(n + 1, sizeof *num), *den = kh_xcalloc(n + 1, sizeof *den);
	int *in = kh_xcalloc(n + 1, sizeof *in), *r = kh_xcalloc(n + 1, sizeof *r);
	for (int group = 1; group >= 0; group--) {
		for (size_t i = 0; i < n; i++) {
			const struct kh_card_category *c = find_cat(&cards[i], id);
			in[i] = c && complete[i] == group;
			num[i] = c ? c->awarded : 0;
			den[i] = c ? c->points : 1;
		}
		kh_compare_rank(num, den, in, n, r);
		for (size_t i = 0; i < n; i++)
			if (in[i])
				rank[i] = r[i];
	}
	free(num), free(den), free(in), free(r);
}

/* Table order: the complete group first, by rank; a tie by contract id,
 * then by source (the database or file), then as given. */
static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct kh_card *cards = ctx;
	const long *x = a, *y = b;   /* {group (1 complete first), rank, index} */
	if (x[0] != y[0])
		return x[0] > y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	const struct kh_card *p = &cards[x[2]], *q = &cards[y[2]];
	int c = strcmp(p->contract, q->contract);
	if (c == 0)
		c = strcmp(p->source, q->source);
	if (c)
		return c;
	return x[2] < y[2] ? -1 : x[2] > y[2];
}

xmlDocPtr kh_compare_build(const struct kh_card *cards, size_t n,
                           const char *period, const char *set,
                           const char *family)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "compare", NULL);
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST KH_COMPARE_NS, NULL));
	kh_tl_set(root, "period", period);
	kh_tl_set(root, "set", set);
	kh_tl_set(root, "family", family);
	kh_tl_stamp(root);

	long *num = kh_xcalloc(n + 1, sizeof *num), *den = kh_xcalloc(n + 1, sizeof *den);
	int *complete = kh_xcalloc(n + 1, sizeof *complete);
	int *rank = kh_xcalloc(n + 1, sizeof *rank), *r = kh_xcalloc(n + 1, sizeof *r);
	int *in = kh_xcalloc(n + 1, sizeof *in);
	size_t ncomplete = 0;
	for (size_t i = 0; i < n; i++) {
		num[i] = cards[i].score;
		den[i] = cards[i].max > 0 ? cards[i].max : 1;
	}
	long *missing = kh_xcalloc(n + 1, sizeof *missing);
	for (size_t i = 0; i < n; i++) {
		missing_count(cards, n, i, &missing[i]);
		complete[i] = missing[i] == 0;
		ncomplete += complete[i];
	}
	for (int group = 1; group >= 0; group--) {
		for (size_t i = 0; i < n; i++)
			in[i] = complete[i] == group;
		kh_compare_rank(num, den, in, n, r);
		for (size_t i = 0; i < n; i++)
			if (in[i])
				rank[i] = r[i];
	}
	kh_tl_set_long(root, "contracts", (long)n);
	kh_tl_set_long(root, "complete", (long)ncomplete);
	columns(root, cards, n);

	/* category ranks, per category column */
	size_t ncols = 0;
	for (xmlNodePtr c = root->children; c; c = c->next)
		ncols += xmlStrEqual(c->name, BAD_CAST "category");
	int **cat_rank = kh_xcalloc(ncols + 1, sizeof *cat_rank);
	size_t k = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!xmlStrEqual(c->name, BAD_CAST "category"))
			continue;
		xmlChar *id = xmlGetNoNsProp(c, BAD_CAST "id");
		cat_rank[k] = kh_xcalloc(n + 1, sizeof **cat_rank);
		category_ranks(cards, n, complete, (const char *)id, cat_rank[k]);
		xmlFree(id);
		k++;
	}

	long (*order)[3] = kh_xcalloc(n + 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		order[i][0] = complete[i];
		order[i][1] = rank[i];
		order[i][2] = (long)i;
	}
	qsort_r(order, n, sizeof *order, cmp_rows, (void *)cards);
	for (size_t o = 0; o < n; o++) {
		size_t i = (size_t)order[o][2];
		const struct kh_card *card = &cards[i];
		xmlNodePtr row = xmlNewChild(root, NULL, BAD_CAST "contract", NULL);
		kh_tl_set(row, "id", card->contract);
		kh_tl_set(row, "title", card->title);
		kh_tl_set(row, "purchaser", card->purchaser);
		kh_tl_set(row, "insurer", card->insurer);
		kh_tl_set(row, "family", card->family);
		kh_tl_set(row, "source", card->source);
		kh_tl_set(row, "as-of", card->as_of);
		kh_tl_set(row, "group", complete[i] ? "complete" : "incomplete");
		kh_tl_set_long(row, "rank", rank[i]);
		int tied = 0;
		for (size_t j = 0; j < n; j++)
			tied |= j != i && complete[j] == complete[i] && rank[j] == rank[i];
		if (tied)
			kh_tl_set(row, "tied", "yes");
		kh_tl_set_points(row, "score", card->score);
		kh_tl_set_points(row, "max", card->max);
		set_share(row, card->score, card->max);
		kh_tl_set(row, "grade", card->grade);
		kh_tl_set_long(row, "coverage", (long)coverage(card));
		kh_tl_set_long(row, "indicators", (long)card->nindicators);
		kh_tl_set_long(row, "missing", missing[i]);
		k = 0;
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!xmlStrEqual(c->name, BAD_CAST "category"))
				continue;
			xmlChar *id = xmlGetNoNsProp(c, BAD_CAST "id");
			const struct kh_card_category *cat = find_cat(card, (const char *)id);
			xmlNodePtr cell = xmlNewChild(row, NULL, BAD_CAST "category", NULL);
			kh_tl_set(cell, "id", (const char *)id);
			if (cat) {
				kh_tl_set_points(cell, "points", cat->points);
				kh_tl_set_points(cell, "awarded", cat->awarded);
				kh_tl_set_long(cell, "rank", cat_rank[k][i]);
				if (cat->vetoed)
					kh_tl_set(cell, "vetoed", "yes");
			} else {
				kh_tl_set(cell, "status", "missing");
			}
			xmlFree(id);
			k++;
		}
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!xmlStrEqual(c->name, BAD_CAST "indicator"))
				continue;
			xmlChar *id = xmlGetNoNsProp(c, BAD_CAST "id");
			const struct kh_card_indicator *ind = find_ind(card, (const char *)id);
			xmlNodePtr cell = xmlNewChild(row, NULL, BAD_CAST "cell", NULL);
			kh_tl_set(cell, "indicator", (const char *)id);
			if (ind) {
				kh_tl_set(cell, "status", ind->status);
				kh_tl_set(cell, "value", ind->value);
				kh_tl_set(cell, "value-text", ind->value_text);
				kh_tl_set_points(cell, "points", ind->points);
				kh_tl_set_points(cell, "awarded", ind->awarded);
			} else {
				kh_tl_set(cell, "status", "missing");
			}
			xmlFree(id);
		}
	}
	for (size_t c = 0; c < ncols; c++)
		free(cat_rank[c]);
	free(cat_rank);
	free(order);
	free(num), free(den), free(complete), free(rank), free(r), free(in);
	free(missing);
	return doc;
}
