/* trend.c: one contract across consecutive periods — every indicator's
 * status, value and points period by period, the change from the period
 * before, and flags for two or more declines in a row and for a status
 * that flipped; series for a chart per indicator family.  Scoring is
 * kh_score_run's (score.h): this file reads the scorecards it returns and
 * never computes a point itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "score.h"
#include "trend-lib.h"
#include "trend.h"
#include "words.h"
#include "xmlsafe.h"

#define MAX_PERIODS 120

/* ---- shared writers (trend-lib.h) ---------------------------------------- */

void kh_tl_set(xmlNodePtr node, const char *name, const char *value)
{
	if (value)
		xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

void kh_tl_set_points(xmlNodePtr node, const char *name, long points)
{
	char buf[32];
	kh_tl_set(node, name, kh_points_text(points, buf, sizeof buf));
}

void kh_tl_set_long(xmlNodePtr node, const char *name, long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	kh_tl_set(node, name, buf);
}

void kh_tl_set_change(xmlNodePtr node, const char *name, long change)
{
	char buf[32], text[40];
	kh_points_text(change, buf, sizeof buf);
	snprintf(text, sizeof text, "%s%s", change > 0 ? "+" : "", buf);
	kh_tl_set(node, name, text);
}

void kh_tl_stamp(xmlNodePtr root)
{
	kh_time now;
	char ts[KH_TIME_BUFSZ] = "";
	if (kh_time_now(&now) == 0) {
		kh_time_format(now, ts);
		ts[10] = 'T';
		kh_tl_set(root, "generated", ts);
	}
	kh_tl_set(root, "lang", kh_lang == KH_LANG_EN ? "en" : "zh");
}

const char *kh_tl_family(const struct kh_card *card, const struct kh_card_indicator *ind,
                         const char **title)
{
	if (ind->category && card->ncategories) {
		for (size_t i = 0; i < card->ncategories; i++)
			if (strcmp(card->categories[i].id, ind->category) == 0) {
				*title = card->categories[i].title;
				return ind->category;
			}
	}
	*title = kh_word_or_code("measure", ind->measure);
	return ind->measure;
}

/* ---- periods --------------------------------------------------------------- */

static const char *kind_code(enum kh_period_kind kind)
{
	switch (kind) {
	case KH_PERIOD_YEAR: return "year";
	case KH_PERIOD_HALF: return "half";
	case KH_PERIOD_QUARTER: return "quarter";
	default: return "month";
	}
}

int kh_trend_periods(const struct kh_period *from, const struct kh_period *to,
                     struct kh_period **out, size_t *count, struct kh_err *err)
{
	*out = NULL;
	*count = 0;
	if (from->kind != to->kind) {
		kh_error("%s", kh_tr("--from 与 --to 必须是同一种考核期（都为年、半年、季度或月）",
		                     "--from and --to must be periods of one kind (years, halves, "
		                     "quarters or months)"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	if (to->first < from->first) {
		kh_error("%s", kh_tr("--to 早于 --from", "--to is before --from"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	struct kh_period p = *from;
	struct kh_period *list = NULL;
	size_t n = 0;
	for (;;) {
		if (n == MAX_PERIODS) {
			free(list);
			kh_error("%s %d", kh_tr("考核期过多，最多", "too many periods; at most"),
			         MAX_PERIODS);
			return kh_fail(err, KH_ERR_USAGE);
		}
		list = kh_xrealloc(list, (n + 1) * sizeof *list);
		list[n++] = p;
		if (p.first >= to->first)
			break;
		struct kh_period next;
		kh_period_containing(p.kind, p.last + 1, &next);
		p = next;
	}
	*out = list;
	*count = n;
	return 0;
}

/* ---- the flag rules --------------------------------------------------------- */

int kh_trend_decline_runs(const int *signs, size_t n, int *flags)
{
	int runs = 0;
	size_t i = 0;
	for (size_t k = 0; k < n; k++)
		flags[k] = 0;
	while (i < n) {
		if (signs[i] != -1) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && signs[i] == -1)
			i++;
		if (i - start >= 2) {
			runs++;
			for (size_t k = start; k < i; k++)
				flags[k] = 1;
		}
	}
	return runs;
}

/* The sign of a/p - b/q (p, q the maxima); plain a - b when either
 * maximum is not above zero. */
static int share_sign(long a, long p, long b, long q)
{
	long long l = (long long)a, r = (long long)b;
	if (p > 0 && q > 0) {
		l = (long long)a * q;
		r = (long long)b * p;
	}
	return l < r ? -1 : l > r ? 1 : 0;
}

/* ---- exact value changes ------------------------------------------------- */

/* A plain decimal with at most 6 decimals as value × 10^6, and how many
 * decimals it had.  0 or -1. */
static int parse_scaled(const char *text, long long *out, int *decimals)
{
	if (!text || !*text)
		return -1;
	const char *p = text;
	int neg = *p == '-';
	if (neg)
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	long long v = 0;
	int d = 0, seen_dot = 0;
	for (; *p; p++) {
		if (*p == '.' && !seen_dot) {
			seen_dot = 1;
			continue;
		}
		if (*p < '0' || *p > '9' || v > 1000000000000LL)
			return -1;
		if (seen_dot && ++d > 6)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (seen_dot && d == 0)
		return -1;
	for (int k = d; k < 6; k++)
		v *= 10;
	*out = neg ? -v : v;
	*decimals = d;
	return 0;
}

static void set_value_change(xmlNodePtr cell, const char *before, const char *now)
{
	long long a, b;
	int da, db;
	if (parse_scaled(before, &a, &da) || parse_scaled(now, &b, &db))
		return;
	int d = da > db ? da : db;
	long long diff = b - a, mag = diff < 0 ? -diff : diff, unit = 1;
	for (int k = d; k < 6; k++)
		unit *= 10;
	char buf[64];
	long long whole = mag / 1000000, frac = (mag % 1000000) / unit;
	if (d > 0)
		snprintf(buf, sizeof buf, "%s%lld.%0*lld", diff > 0 ? "+" : diff < 0 ? "-" : "",
		         whole, d, frac);
	else
		snprintf(buf, sizeof buf, "%s%lld", diff > 0 ? "+" : diff < 0 ? "-" : "", whole);
	kh_tl_set(cell, "value-change", buf);
}

/* ---- the document ------------------------------------------------------ */

static const struct kh_card_indicator *find_ind(const struct kh_card *card, const char *id)
{
	for (size_t i = 0; i < card->nindicators; i++)
		if (strcmp(card->indicators[i].id, id) == 0)
			return &card->indicators[i];
	return NULL;
}

static const struct kh_card_category *find_cat(const struct kh_card *card, const char *id)
{
	for (size_t i = 0; i < card->ncategories; i++)
		if (strcmp(card->categories[i].id, id) == 0)
			return &card->categories[i];
	return NULL;
}

/* The decline flags of one row: mark each declining cell and add one
 * <flag kind="declines"> per run. */
static void flag_declines(xmlNodePtr row, xmlNodePtr *cells, const int *signs,
                          const struct kh_card *cards, size_t n)
{
	int *flags = kh_xcalloc(n + 1, sizeof *flags);
	kh_trend_decline_runs(signs, n, flags);
	for (size_t i = 0; i < n; i++) {
		if (flags[i])
			kh_tl_set(cells[i], "decline", "yes");
		if (flags[i] && (i + 1 == n || !flags[i + 1])) {
			size_t start = i;
			while (start > 0 && flags[start - 1])
				start--;
			xmlNodePtr f = xmlNewChild(row, NULL, BAD_CAST "flag", NULL);
			kh_tl_set(f, "kind", "declines");
			kh_tl_set(f, "from", cards[start - 1].period);
			kh_tl_set(f, "to", cards[i].period);
			kh_tl_set_long(f, "count", (long)(i - start + 1));
		}
	}
	free(flags);
}

static void total_row(xmlNodePtr root, const struct kh_card *cards, size_t n)
{
	xmlNodePtr row = xmlNewChild(root, NULL, BAD_CAST "total", NULL);
	xmlNodePtr *cells = kh_xcalloc(n + 1, sizeof *cells);
	int *signs = kh_xcalloc(n + 1, sizeof *signs);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr c = cells[i] = xmlNewChild(row, NULL, BAD_CAST "cell", NULL);
		kh_tl_set(c, "period", cards[i].period);
		kh_tl_set_points(c, "score", cards[i].score);
		kh_tl_set_points(c, "max", cards[i].max);
		kh_tl_set(c, "grade", cards[i].grade);
		signs[i] = 2;
		if (i > 0) {
			kh_tl_set_change(c, "change", cards[i].score - cards[i - 1].score);
			signs[i] = share_sign(cards[i].score, cards[i].max, cards[i - 1].score,
			                      cards[i - 1].max);
		}
	}
	flag_declines(row, cells, signs, cards, n);
	free(cells);
	free(signs);
}

static void category_rows(xmlNodePtr root, const struct kh_card *cards, size_t n)
{
	/* categories in order of first appearance */
	for (size_t k = 0; k < n; k++) {
		for (size_t j = 0; j < cards[k].ncategories; j++) {
			const char *id = cards[k].categories[j].id;
			int seen = 0;
			for (size_t e = 0; e < k && !seen; e++)
				seen = find_cat(&cards[e], id) != NULL;
			for (size_t e = 0; e < j && !seen; e++)
				seen = strcmp(cards[k].categories[e].id, id) == 0;
			if (seen)
				continue;
			xmlNodePtr row = xmlNewChild(root, NULL, BAD_CAST "category", NULL);
			kh_tl_set(row, "id", id);
			kh_tl_set(row, "title", cards[k].categories[j].title);
			xmlNodePtr *cells = kh_xcalloc(n + 1, sizeof *cells);
			int *signs = kh_xcalloc(n + 1, sizeof *signs);
			const struct kh_card_category *prev = NULL;
			for (size_t i = 0; i < n; i++) {
				const struct kh_card_category *c = find_cat(&cards[i], id);
				xmlNodePtr cell = cells[i] = xmlNewChild(row, NULL, BAD_CAST "cell", NULL);
				kh_tl_set(cell, "period", cards[i].period);
				signs[i] = 2;
				if (!c) {
					kh_tl_set(cell, "status", "missing");
					prev = NULL;
					continue;
				}
				kh_tl_set_points(cell, "points", c->points);
				kh_tl_set_points(cell, "awarded", c->awarded);
				if (c->vetoed)
					kh_tl_set(cell, "vetoed", "yes");
				if (prev) {
					kh_tl_set_change(cell, "change", c->awarded - prev->awarded);
					signs[i] = share_sign(c->awarded, c->points, prev->awarded,
					                      prev->points);
				}
				prev = c;
			}
			flag_declines(row, cells, signs, cards, n);
			free(cells);
			free(signs);
		}
	}
}

static void indicator_row(xmlNodePtr root, const struct kh_card *cards, size_t n,
                          const struct kh_card *first_card,
                          const struct kh_card_indicator *first, int *declining,
                          int *flipped)
{
	xmlNodePtr row = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	const char *family_title = NULL;
	const char *family = kh_tl_family(first_card, first, &family_title);
	kh_tl_set(row, "id", first->id);
	kh_tl_set(row, "title", first->title);
	kh_tl_set(row, "measure", first->measure);
	kh_tl_set(row, "family", family);
	kh_tl_set(row, "family-title", family_title);
	kh_tl_set(row, "category", first->category);
	xmlNodePtr *cells = kh_xcalloc(n + 1, sizeof *cells);
	int *signs = kh_xcalloc(n + 1, sizeof *signs);
	const struct kh_card_indicator *prev = NULL;
	int flips = 0;
	int *flipped_at = kh_xcalloc(n + 1, sizeof *flipped_at);
	for (size_t i = 0; i < n; i++) {
		const struct kh_card_indicator *ind = find_ind(&cards[i], first->id);
		xmlNodePtr cell = cells[i] = xmlNewChild(row, NULL, BAD_CAST "cell", NULL);
		kh_tl_set(cell, "period", cards[i].period);
		signs[i] = 2;
		if (!ind) {
			kh_tl_set(cell, "status", "missing");
			prev = NULL;
			continue;
		}
		kh_tl_set(cell, "status", ind->status);
		kh_tl_set(cell, "value", ind->value);
		kh_tl_set(cell, "value-text", ind->value_text);
		kh_tl_set_points(cell, "points", ind->points);
		kh_tl_set_points(cell, "awarded", ind->awarded);
		int judged = kh_card_status_judged(ind->status);
		if (prev && judged && kh_card_status_judged(prev->status)) {
			kh_tl_set_change(cell, "change", ind->awarded - prev->awarded);
			set_value_change(cell, prev->value, ind->value);
			signs[i] = share_sign(ind->awarded, ind->points, prev->awarded, prev->points);
			if (strcmp(prev->status, ind->status) != 0) {
				kh_tl_set(cell, "flip", "yes");
				flipped_at[i] = 1;
				flips++;
			}
		}
		prev = ind;
	}
	/* after the cells: flips, then decline runs, each in period order */
	for (size_t i = 1; i < n; i++) {
		if (!flipped_at[i])
			continue;
		const struct kh_card_indicator *a = find_ind(&cards[i - 1], first->id);
		const struct kh_card_indicator *b = find_ind(&cards[i], first->id);
		xmlNodePtr f = xmlNewChild(row, NULL, BAD_CAST "flag", NULL);
		kh_tl_set(f, "kind", "flip");
		kh_tl_set(f, "from", cards[i - 1].period);
		kh_tl_set(f, "to", cards[i].period);
		kh_tl_set(f, "from-status", a->status);
		kh_tl_set(f, "to-status", b->status);
	}
	free(flipped_at);
	int *flags = kh_xcalloc(n + 1, sizeof *flags);
	int runs = kh_trend_decline_runs(signs, n, flags);
	free(flags);
	flag_declines(row, cells, signs, cards, n);
	*declining += runs > 0;
	*flipped += flips > 0;
	free(cells);
	free(signs);
}

/* A stacked chart of the points of each family, one bar per period and
 * one segment per indicator; a line of the total. */
static void chart_series(xmlNodePtr root, const struct kh_card *cards, size_t n)
{
	xmlNodePtr charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	xmlNodePtr total = xmlNewChild(charts, NULL, BAD_CAST "series", NULL);
	kh_tl_set(total, "id", "total");
	kh_tl_set(total, "type", "line");
	kh_tl_set(total, "x", "label");
	kh_tl_set(total, "unit", "points");
	kh_tl_set(total, "title", kh_tr("总得分（各期）", "Total score by period"));
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr p = xmlNewChild(total, NULL, BAD_CAST "point", NULL);
		kh_tl_set(p, "x", cards[i].period);
		kh_tl_set_points(p, "y", cards[i].score);
		kh_tl_set_points(p, "max", cards[i].max);
	}
	/* families in order of first appearance */
	for (xmlNodePtr row = root->children; row; row = row->next) {
		if (row->type != XML_ELEMENT_NODE || !xmlStrEqual(row->name, BAD_CAST "indicator"))
			continue;
		xmlChar *family = xmlGetNoNsProp(row, BAD_CAST "family");
		int seen = 0;
		for (xmlNodePtr r = root->children; r != row && !seen; r = r->next) {
			if (r->type != XML_ELEMENT_NODE || !xmlStrEqual(r->name, BAD_CAST "indicator"))
				continue;
			xmlChar *f = xmlGetNoNsProp(r, BAD_CAST "family");
			seen = xmlStrEqual(f, family);
			xmlFree(f);
		}
		if (seen) {
			xmlFree(family);
			continue;
		}
		xmlChar *ftitle = xmlGetNoNsProp(row, BAD_CAST "family-title");
		xmlNodePtr s = xmlNewChild(charts, NULL, BAD_CAST "series", NULL);
		char *id = kh_xasprintf("family-%s", (const char *)family);
		char *title = kh_xasprintf("%s%s", (const char *)ftitle,
		                           kh_tr("：各期得分", ": points by period"));
		kh_tl_set(s, "id", id);
		kh_tl_set(s, "type", "stacked");
		kh_tl_set(s, "x", "label");
		kh_tl_set(s, "unit", "points");
		kh_tl_set(s, "title", title);
		kh_tl_set(s, "family", (const char *)family);
		free(id);
		free(title);
		xmlFree(ftitle);
		for (size_t i = 0; i < n; i++) {
			for (xmlNodePtr r = row; r; r = r->next) {
				if (r->type != XML_ELEMENT_NODE ||
				    !xmlStrEqual(r->name, BAD_CAST "indicator"))
					continue;
				xmlChar *f = xmlGetNoNsProp(r, BAD_CAST "family");
				int same = xmlStrEqual(f, family);
				xmlFree(f);
				if (!same)
					continue;
				xmlChar *ititle = xmlGetNoNsProp(r, BAD_CAST "title");
				xmlChar *iid = xmlGetNoNsProp(r, BAD_CAST "id");
				const struct kh_card_indicator *ind = find_ind(&cards[i], (const char *)iid);
				xmlNodePtr p = xmlNewChild(s, NULL, BAD_CAST "point", NULL);
				kh_tl_set(p, "x", cards[i].period);
				kh_tl_set(p, "group", (const char *)ititle);
				kh_tl_set_points(p, "y", ind ? ind->awarded : 0);
				xmlFree(ititle);
				xmlFree(iid);
			}
		}
		xmlFree(family);
	}
}

xmlDocPtr kh_trend_build(const struct kh_card *cards, size_t n)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "trend", NULL);
	xmlDocSetRootElement(doc, root);
	xmlNsPtr ns = xmlNewNs(root, BAD_CAST KH_TREND_NS, NULL);
	xmlSetNs(root, ns);
	const struct kh_card *last = &cards[n - 1];
	kh_tl_set(root, "contract", last->contract);
	kh_tl_set(root, "title", last->title);
	kh_tl_set(root, "purchaser", last->purchaser);
	kh_tl_set(root, "insurer", last->insurer);
	kh_tl_set(root, "from", cards[0].period);
	kh_tl_set(root, "to", last->period);
	struct kh_period p;
	if (kh_period_parse(cards[0].period, &p) == 0)
		kh_tl_set(root, "kind", kind_code(p.kind));
	kh_tl_stamp(root);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr per = xmlNewChild(root, NULL, BAD_CAST "period", NULL);
		kh_tl_set(per, "id", cards[i].period);
		kh_tl_set(per, "as-of", cards[i].as_of);
		kh_tl_set_long(per, "contract-version", cards[i].contract_version);
	}
	xmlNodePtr summary = xmlNewChild(root, NULL, BAD_CAST "summary", NULL);
	total_row(root, cards, n);
	category_rows(root, cards, n);
	/* indicators in order of first appearance over the periods */
	int declining = 0, flipped = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < cards[k].nindicators; j++) {
			const struct kh_card_indicator *ind = &cards[k].indicators[j];
			int seen = 0;
			for (size_t e = 0; e < k && !seen; e++)
				seen = find_ind(&cards[e], ind->id) != NULL;
			for (size_t e = 0; e < j && !seen; e++)
				seen = strcmp(cards[k].indicators[e].id, ind->id) == 0;
			if (!seen)
				indicator_row(root, cards, n, &cards[k], ind, &declining, &flipped);
		}
	kh_tl_set_long(summary, "periods", (long)n);
	kh_tl_set_long(summary, "declining", declining);
	kh_tl_set_long(summary, "flipped", flipped);
	chart_series(root, cards, n);
	/* every element in the trend namespace */
	for (xmlNodePtr c = root->children; c; c = c->next) {
		xmlSetNs(c, ns);
		for (xmlNodePtr g = c->children; g; g = g->next) {
			xmlSetNs(g, ns);
			for (xmlNodePtr h = g->children; h; h = h->next)
				xmlSetNs(h, ns);
		}
	}
	return doc;
}

/* ---- scoring each period ---------------------------------------------------- */

int kh_trend_run(struct kh_store *store, const char *contract,
                 const struct kh_period *from, const struct kh_period *to,
                 xmlDocPtr *out, struct kh_err *err)
{
	*out = NULL;
	struct kh_period *periods = NULL;
	size_t n = 0;
	if (kh_trend_periods(from, to, &periods, &n, err))
		return -1;
	struct kh_card *cards = kh_xcalloc(n, sizeof *cards);
	int rc = 0;
	size_t done = 0;
	for (; done < n && rc == 0; done++) {
		struct kh_score_request req = { .contract_id = contract,
		                                .period = periods[done],
		                                .as_of = periods[done].last };
		xmlDocPtr scorecard = NULL;
		long run_id = 0;
		rc = kh_score_run(store, &req, &scorecard, &run_id, err);
		if (rc == 0) {
			char name[16];
			rc = kh_card_read(scorecard, kh_period_format(&periods[done], name),
			                  &cards[done], err);
		}
		xmlFreeDoc(scorecard);
	}
	if (rc == 0)
		*out = kh_trend_build(cards, n);
	for (size_t i = 0; i < n; i++)
		kh_card_free(&cards[i]);
	free(cards);
	free(periods);
	return rc;
}

static int by_period_start(const void *a, const void *b)
{
	const struct kh_card *x = a, *y = b;
	struct kh_period p, q;
	kh_period_parse(x->period, &p);
	kh_period_parse(y->period, &q);
	return p.first < q.first ? -1 : p.first > q.first;
}

int kh_trend_files(const char *const *paths, int npaths, xmlDocPtr *out,
                   struct kh_err *err)
{
	*out = NULL;
	struct kh_card *cards = kh_xcalloc((size_t)npaths + 1, sizeof *cards);
	int rc = 0, n = 0;
	for (; n < npaths && rc == 0; n++) {
		int missing = 0;
		xmlDocPtr doc = kh_xml_read_file(paths[n], NULL, &missing);
		if (!doc) {
			rc = kh_fail(err, missing ? KH_ERR_NOINPUT : KH_ERR_DATA);
			break;
		}
		if (kh_xml_validate(doc, "data/schema/scorecard.rng", paths[n]) != 0)
			rc = kh_fail(err, KH_ERR_DATA);
		else
			rc = kh_card_read(doc, paths[n], &cards[n], err);
		xmlFreeDoc(doc);
		struct kh_period p;
		if (rc == 0 && kh_period_parse(cards[n].period, &p) != 0) {
			kh_error("%s: %s '%s'", paths[n], kh_tr("考核期无效", "invalid period"),
			         cards[n].period);
			rc = kh_fail(err, KH_ERR_DATA);
		}
		if (rc == 0 && n > 0 && strcmp(cards[n].contract, cards[0].contract) != 0) {
			kh_error("%s: %s %s, %s %s", paths[n], kh_tr("合同为", "its contract is"),
			         cards[n].contract, kh_tr("而非", "not"), cards[0].contract);
			rc = kh_fail(err, KH_ERR_DATA);
		}
	}
	if (rc == 0) {
		qsort(cards, (size_t)n, sizeof *cards, by_period_start);
		for (int i = 1; i < n && rc == 0; i++) {
			struct kh_period a, b;
			kh_period_parse(cards[i - 1].period, &a);
			kh_period_parse(cards[i].period, &b);
			if (a.kind != b.kind || b.first != a.last + 1) {
				kh_error("%s: %s %s %s %s", cards[i].source,
				         kh_tr("考核期须连续且同类：", "periods must be consecutive and of one kind:"),
				         cards[i - 1].period, kh_tr("之后是", "followed by"), cards[i].period);
				rc = kh_fail(err, KH_ERR_DATA);
			}
		}
	}
	if (rc == 0)
		*out = kh_trend_build(cards, (size_t)n);
	for (int i = 0; i < npaths; i++)
		kh_card_free(&cards[i]);
	free(cards);
	return rc;
}
