/* trend-card.c: a scorecard (urn:kaohe:scorecard:1) read back into a
 * struct kh_card — the totals, the categories when the scorecard has them
 * and every indicator's status, value and points — for trend and compare.
 * Reads the XML only; never scores, never touches the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "trend.h"

#define SC_NS "urn:kaohe:scorecard:1"

static int is_sc(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, BAD_CAST SC_NS) &&
	       xmlStrEqual(node->name, BAD_CAST name);
}

/* An attribute as a malloc'd string (kh_xstrdup), or NULL. */
static char *get(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
	if (!v)
		return NULL;
	char *copy = kh_xstrdup((const char *)v);
	xmlFree(v);
	return copy;
}

/* "12.5", "12.50", "-3", "7" as ×100; 0 or -1 when not such a number. */
static int parse_points(const char *text, long *out)
{
	if (!text || !*text)
		return -1;
	const char *p = text;
	int neg = *p == '-';
	if (neg)
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	long whole = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > 100000000L)
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	long frac = 0;
	if (*p == '.') {
		p++;
		int digits = 0;
		for (; *p >= '0' && *p <= '9'; p++, digits++) {
			if (digits >= 2)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
		if (digits == 0)
			return -1;
		if (digits == 1)
			frac *= 10;
	}
	if (*p)
		return -1;
	*out = (whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

char *kh_points_text(long points, char *buf, size_t size)
{
	long a = points < 0 ? -points : points;
	snprintf(buf, size, "%s%ld.%02ld", points < 0 ? "-" : "", a / 100, a % 100);
	return buf;
}

int kh_card_status_judged(const char *status)
{
	return status && (strcmp(status, "pass") == 0 || strcmp(status, "fail") == 0);
}

static int bad(const struct kh_card *card, const char *what, const char *value,
               struct kh_err *err)
{
	kh_error("%s: %s '%s'", card->source, what, value ? value : "");
	return kh_fail(err, KH_ERR_DATA);
}

static int read_points(const struct kh_card *card, xmlNodePtr node,
                       const char *name, long *out, struct kh_err *err)
{
	char *text = get(node, name);
	int rc = parse_points(text, out);
	if (rc)
		rc = bad(card, kh_tr("评分 XML 的分值无效", "invalid points in the scorecard"),
		         text, err);
	free(text);
	return rc;
}

static int read_category(struct kh_card *card, xmlNodePtr node, struct kh_err *err)
{
	card->categories = kh_xrealloc(card->categories,
	                               (card->ncategories + 1) * sizeof *card->categories);
	struct kh_card_category *c = &card->categories[card->ncategories++];
	memset(c, 0, sizeof *c);
	c->id = get(node, "id");
	c->title = get(node, "title");
	char *vetoed = get(node, "vetoed");
	c->vetoed = vetoed && strcmp(vetoed, "yes") == 0;
	free(vetoed);
	if (!c->id)
		return bad(card, kh_tr("类别缺少 id", "a category without an id"), "", err);
	if (!c->title)
		c->title = kh_xstrdup(c->id);
	if (read_points(card, node, "points", &c->points, err) ||
	    read_points(card, node, "awarded", &c->awarded, err))
		return -1;
	return 0;
}

static int read_indicator(struct kh_card *card, xmlNodePtr node, struct kh_err *err)
{
	card->indicators = kh_xrealloc(card->indicators,
	                               (card->nindicators + 1) * sizeof *card->indicators);
	struct kh_card_indicator *ind = &card->indicators[card->nindicators++];
	memset(ind, 0, sizeof *ind);
	ind->id = get(node, "id");
	ind->title = get(node, "title");
	ind->measure = get(node, "measure");
	ind->category = get(node, "category");
	ind->status = get(node, "status");
	ind->value = get(node, "value");
	ind->value_text = get(node, "value-text");
	ind->target_text = get(node, "target-text");
	if (!ind->id || !ind->status)
		return bad(card, kh_tr("指标缺少 id 或 status", "an indicator without id or status"),
		           ind->id, err);
	if (!ind->title)
		ind->title = kh_xstrdup(ind->id);
	if (!ind->measure)
		ind->measure = kh_xstrdup("other");
	if (read_points(card, node, "points", &ind->points, err) ||
	    read_points(card, node, "awarded", &ind->awarded, err))
		return -1;
	return 0;
}

int kh_card_read(xmlDocPtr scorecard, const char *source, struct kh_card *out,
                 struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	out->source = kh_xstrdup(source ? source : "scorecard");
	xmlNodePtr root = scorecard ? xmlDocGetRootElement(scorecard) : NULL;
	if (!is_sc(root, "scorecard"))
		return bad(out, kh_tr("不是评分 XML", "not a scorecard"), "", err);
	out->contract = get(root, "contract");
	out->title = get(root, "title");
	out->purchaser = get(root, "purchaser");
	out->insurer = get(root, "insurer");
	out->period = get(root, "period");
	out->as_of = get(root, "as-of");
	char *version = get(root, "contract-version");
	out->contract_version = version ? atoi(version) : 0;
	free(version);
	if (!out->contract || !out->period)
		return bad(out, kh_tr("评分 XML 缺少合同或考核期", "scorecard without contract or period"),
		           "", err);
	char **texts[] = { &out->title, &out->purchaser, &out->insurer };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!*texts[i])
			*texts[i] = kh_xstrdup("");
	int summary = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_sc(c, "summary")) {
			summary = 1;
			out->grade = get(c, "grade");
			if (read_points(out, c, "score", &out->score, err) ||
			    read_points(out, c, "max", &out->max, err))
				return -1;
		} else if (is_sc(c, "category")) {
			if (read_category(out, c, err))
				return -1;
		} else if (is_sc(c, "indicator")) {
			if (read_indicator(out, c, err))
				return -1;
		}
	}
	if (!summary)
		return bad(out, kh_tr("评分 XML 缺少 summary", "scorecard without a summary"), "", err);
	if (!out->grade)
		out->grade = kh_xstrdup("");
	return 0;
}

void kh_card_free(struct kh_card *card)
{
	if (!card)
		return;
	for (size_t i = 0; i < card->nindicators; i++) {
		struct kh_card_indicator *ind = &card->indicators[i];
		free(ind->id), free(ind->title), free(ind->measure), free(ind->category);
		free(ind->status), free(ind->value), free(ind->value_text);
		free(ind->target_text);
	}
	for (size_t i = 0; i < card->ncategories; i++) {
		free(card->categories[i].id);
		free(card->categories[i].title);
	}
	free(card->indicators);
	free(card->categories);
	free(card->source), free(card->contract), free(card->title);
	free(card->purchaser), free(card->insurer), free(card->period);
	free(card->as_of), free(card->grade), free(card->family);
	memset(card, 0, sizeof *card);
}
