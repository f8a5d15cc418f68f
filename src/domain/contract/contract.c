/* contract.c: contract XML (urn:kaohe:contract:1) → struct kh_contract, with
 * every number checked (rates, yuan, dates, counts, points) and the file's
 * line named when one is wrong; and the versioned contracts table.  It
 * never reads XML except through xmlsafe.c, and never formats SQL. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "contract.h"
#include "datadir.h"
#include "money.h"
#include "msg.h"
#include "registry.h"
#include "sha256.h"
#include "xmlsafe.h"

#define KH_CONTRACT_NS "urn:kaohe:contract:1"
#define KH_CONTRACT_SCHEMA "data/schema/contract.rng"

/* ---- generic element trees ------------------------------------------ */

const char *kh_node_attr(const struct kh_node *node, const char *name)
{
	if (!node)
		return NULL;
	for (size_t i = 0; i < node->nattrs; i++)
		if (strcmp(node->attrs[i].name, name) == 0)
			return node->attrs[i].value;
	return NULL;
}

const struct kh_node *kh_node_child(const struct kh_node *node, const char *name)
{
	if (!node)
		return NULL;
	for (size_t i = 0; i < node->nchildren; i++)
		if (node->children[i].name && strcmp(node->children[i].name, name) == 0)
			return &node->children[i];
	return NULL;
}

static void node_free(struct kh_node *node)
{
	for (size_t i = 0; i < node->nattrs; i++) {
		free(node->attrs[i].name);
		free(node->attrs[i].value);
	}
	free(node->attrs);
	for (size_t i = 0; i < node->nchildren; i++)
		node_free(&node->children[i]);
	free(node->children);
	free(node->name);
	free(node->text);
	memset(node, 0, sizeof *node);
}

static char *xml_string(const xmlChar *text)
{
	return kh_xstrdup(text ? (const char *)text : "");
}

/* Trimmed copy of the element's own text (not its children's). */
static char *own_text(xmlNodePtr element)
{
	size_t len = 0;
	for (xmlNodePtr c = element->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			len += strlen((const char *)c->content);
	char *text = kh_xmalloc(len + 1);
	text[0] = '\0';
	for (xmlNodePtr c = element->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			strcat(text, (const char *)c->content);
	char *start = text;
	while (*start && isspace((unsigned char)*start))
		start++;
	char *end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		*--end = '\0';
	memmove(text, start, strlen(start) + 1);
	return text;
}

static size_t count_elements(xmlNodePtr first)
{
	size_t n = 0;
	for (xmlNodePtr c = first; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n++;
	return n;
}

static void node_build(xmlNodePtr element, struct kh_node *node)
{
	node->name = xml_string(element->name);
	node->line = xmlGetLineNo(element);
	node->text = own_text(element);
	size_t nattrs = 0;
	for (xmlAttrPtr a = element->properties; a; a = a->next)
		nattrs++;
	node->attrs = nattrs ? kh_xcalloc(nattrs, sizeof *node->attrs) : NULL;
	for (xmlAttrPtr a = element->properties; a; a = a->next) {
		struct kh_attr *attr = &node->attrs[node->nattrs++];
		if (a->ns && a->ns->prefix)
			attr->name = kh_xasprintf("%s:%s", a->ns->prefix, a->name);
		else
			attr->name = xml_string(a->name);
		xmlChar *value = xmlNodeListGetString(element->doc, a->children, 1);
		attr->value = xml_string(value);
		xmlFree(value);
	}
	size_t nchildren = count_elements(element->children);
	node->children = nchildren ? kh_xcalloc(nchildren, sizeof *node->children) : NULL;
	for (xmlNodePtr c = element->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			node_build(c, &node->children[node->nchildren++]);
}

/* ---- number checks ---------------------------------------------------- */

/* The value types are the registries' (params.h); measure elements are
 * checked from the measure registry, everything else from this table. */
enum value_type { V_TEXT = KH_PARAM_TEXT, V_RATE = KH_PARAM_RATE,
                  V_FEN = KH_PARAM_FEN, V_COUNT = KH_PARAM_COUNT,
                  V_DAY = KH_PARAM_DAY, V_MONTHDAY = KH_PARAM_MONTHDAY,
                  V_MONTH = KH_PARAM_MONTH, V_POINTS = KH_PARAM_POINTS,
                  V_DAYOFMONTH = KH_PARAM_DAYOFMONTH };

struct typed_attr {
	const char *element;
	const char *attr;
	enum value_type type;
};

/* Every numeric attribute outside the measure elements and what it must
 * parse as. */
static const struct typed_attr typed_attrs[] = {
	{ "term", "start", V_DAY }, { "term", "end", V_DAY },
	{ "scoring", "total", V_POINTS }, { "grade", "min", V_POINTS },
	{ "indicator", "points", V_POINTS },
	{ "indicator", "deduct-per-finding", V_POINTS },
	{ "indicator", "bonus-cap", V_POINTS }, { "category", "points", V_POINTS },
	{ "trigger", "rate", V_RATE },
	{ "damages", "rate", V_RATE }, { "damages", "within", V_COUNT },
	{ "service-fee-per-capita", "unit-price", V_FEN },
	{ "service-fee-per-capita", "parts", V_COUNT },
	{ "fixed-fee", "amount", V_FEN },
	{ "milestone", "share", V_RATE }, { "milestone", "amount", V_FEN },
	{ "milestone", "due-workdays", V_COUNT }, { "milestone", "month", V_MONTH },
	{ "fund-per-capita", "per-capita", V_FEN },
	{ "fund-reserve", "per-capita", V_FEN },
	{ "profit-cap", "rate", V_RATE },
	{ "staff-cost", "per-person", V_FEN }, { "staff-cost", "medical", V_FEN },
	{ "staff-cost", "min-days", V_COUNT },
	{ "loss", "policy-cap", V_RATE },
	{ "reserve", "rate", V_RATE }, { "deposit", "rate", V_RATE },
	{ "return", "rate", V_RATE },
	{ "collection-window", "start", V_MONTHDAY },
	{ "collection-window", "end", V_MONTHDAY },
	{ "benefit-year", "offset", V_COUNT },
	{ "ceiling", "multiple", V_POINTS },
};

/* Decimal with at most two places, >= 0, as ×100.  0 or -1. */
static int parse_points(const char *text, long *out)
{
	const char *p = text;
	long whole = 0;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		if (whole > 100000000)
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	long frac = 0;
	if (*p == '.') {
		p++;
		int places = 0;
		for (; isdigit((unsigned char)*p); p++, places++) {
			if (places == 2)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
		if (places == 0)
			return -1;
		if (places == 1)
			frac *= 10;
	}
	if (*p)
		return -1;
	*out = whole * 100 + frac;
	return 0;
}

static int parse_count(const char *text, long *out)
{
	if (!*text || strlen(text) > 9)
		return -1;
	for (const char *p = text; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	*out = strtol(text, NULL, 10);
	return 0;
}

static int value_ok(enum value_type type, const char *text)
{
	struct kh_rate rate;
	kh_fen fen;
	kh_day day;
	long n;
	char buf[16];
	switch (type) {
	case V_TEXT:
		return 1;
	case V_RATE:
		return kh_rate_parse(text, &rate) == 0 && rate.num >= 0;
	case V_FEN:
		return kh_fen_parse(text, strlen(text), 0, &fen) == 0;
	case V_COUNT:
		return parse_count(text, &n) == 0;
	case V_DAYOFMONTH:
		return parse_count(text, &n) == 0 && n >= 1 && n <= 31;
	case V_POINTS:
		return parse_points(text, &n) == 0;
	case V_DAY:
		return kh_day_parse(text, &day) == 0;
	case V_MONTHDAY:  /* MM-DD, checked in a leap year */
		if (strlen(text) != 5)
			return 0;
		snprintf(buf, sizeof buf, "2024-%s", text);
		return kh_day_parse(buf, &day) == 0;
	case V_MONTH:
		if (strlen(text) != 7)
			return 0;
		snprintf(buf, sizeof buf, "%s-01", text);
		return kh_day_parse(buf, &day) == 0;
	}
	return 0;
}

static const char *type_words(enum value_type type)
{
	switch (type) {
	case V_TEXT: return kh_tr("文字", "text");
	case V_RATE: return kh_tr("比率（如 90% 或 0.9）", "a rate (90% or 0.9)");
	case V_FEN: return kh_tr("金额（元，至多两位小数）", "an amount in yuan (at most two decimals)");
	case V_COUNT: return kh_tr("非负整数", "a whole number");
	case V_DAYOFMONTH: return kh_tr("1 到 31 的日", "a day of the month (1-31)");
	case V_POINTS: return kh_tr("至多两位小数的分值", "a number with at most two decimals");
	case V_DAY: return kh_tr("日期 YYYY-MM-DD", "a date YYYY-MM-DD");
	case V_MONTHDAY: return kh_tr("月日 MM-DD", "a month and day MM-DD");
	case V_MONTH: return kh_tr("年月 YYYY-MM", "a month YYYY-MM");
	}
	return "";
}

static int report_bad_number(const struct kh_node *node, const char *file,
                             const struct kh_attr *a, enum value_type type)
{
	kh_error_at(file, node->line, 0, "%s %s/@%s %s %s (%s '%s')",
	            kh_tr("数值无效：", "bad number:"), node->name, a->name,
	            kh_tr("应为", "must be"), type_words(type),
	            kh_tr("实际为", "got"), a->value);
	return 1;
}

/* A measure element and its children, against the measure registry's
 * grammar; `path` is "" for the element itself, else "scheme", "scheme/band". */
static int check_measure_numbers(const struct kh_node *node, const char *file,
                                 const struct kh_param *params, const char *path)
{
	int errors = 0;
	for (size_t i = 0; i < node->nattrs; i++) {
		const struct kh_attr *a = &node->attrs[i];
		for (const struct kh_param *p = params; p->name; p++) {
			const char *element = p->element ? p->element : "";
			if (strcmp(element, path) == 0 && strcmp(p->name, a->name) == 0 &&
			    !value_ok((enum value_type)p->type, a->value))
				errors += report_bad_number(node, file, a, (enum value_type)p->type);
		}
	}
	for (size_t i = 0; i < node->nchildren; i++) {
		const struct kh_node *child = &node->children[i];
		char *child_path = *path ? kh_xasprintf("%s/%s", path, child->name)
		                         : kh_xstrdup(child->name);
		errors += check_measure_numbers(child, file, params, child_path);
		free(child_path);
	}
	return errors;
}

/* Check every typed attribute in the tree; returns the number of errors. */
static int check_numbers(const struct kh_node *node, const char *file)
{
	int errors = 0;
	for (size_t i = 0; i < node->nattrs; i++) {
		const struct kh_attr *a = &node->attrs[i];
		for (size_t t = 0; t < sizeof typed_attrs / sizeof typed_attrs[0]; t++) {
			if (strcmp(typed_attrs[t].element, node->name) != 0 ||
			    strcmp(typed_attrs[t].attr, a->name) != 0)
				continue;
			if (!value_ok(typed_attrs[t].type, a->value))
				errors += report_bad_number(node, file, a, typed_attrs[t].type);
		}
	}
	int is_indicator = strcmp(node->name, "indicator") == 0;
	for (size_t i = 0; i < node->nchildren; i++) {
		const struct kh_node *child = &node->children[i];
		const struct kh_param *params =
			is_indicator ? kh_measure_params(child->name) : NULL;
		if (params)
			errors += check_measure_numbers(child, file, params, "");
		else
			errors += check_numbers(child, file);
	}
	return errors;
}

/* ---- measure names ---------------------------------------------------- */

static int is_measure_name(const char *name)
{
	return kh_measure_params(name) != NULL;
}

static int is_indicator_part(const char *name)
{
	return strcmp(name, "clause") == 0 || strcmp(name, "title") == 0 ||
	       strcmp(name, "trigger") == 0 || strcmp(name, "linear") == 0;
}

/* Before the schema: an unknown measure gets its own clear message. */
static int check_measure_names(xmlNodePtr root, const char *file)
{
	int errors = 0;
	for (xmlNodePtr part = root->children; part; part = part->next) {
		if (part->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(part->name, BAD_CAST "indicators"))
			continue;
		for (xmlNodePtr ind = part->children; ind; ind = ind->next) {
			if (ind->type != XML_ELEMENT_NODE)
				continue;
			for (xmlNodePtr m = ind->children; m; m = m->next) {
				const char *name = (const char *)m->name;
				if (m->type != XML_ELEMENT_NODE || is_indicator_part(name) ||
				    is_measure_name(name))
					continue;
				xmlChar *id = xmlGetProp(ind, BAD_CAST "id");
				kh_error_at(file, xmlGetLineNo(m), 0, "%s '%s' (%s %s)",
				            kh_tr("未知的度量类型", "unknown measure"), name,
				            kh_tr("指标", "indicator"),
				            id ? (const char *)id : "?");
				xmlFree(id);
				errors++;
			}
		}
	}
	return errors;
}

/* ---- building the struct ----------------------------------------------- */

static long points_of(const char *text)
{
	long v = 0;
	if (text)
		parse_points(text, &v);
	return v;
}

static void trigger_build(const struct kh_node *src, struct kh_trigger *t)
{
	t->action = kh_xstrdup(kh_node_attr(src, "action"));
	t->clause = kh_xstrdup(kh_node_attr(src, "clause"));
	t->text = kh_xstrdup(src->text);
	t->node = *src;  /* takes ownership; the caller forgets src */
}

static int is_english(const struct kh_node *node)
{
	const char *lang = kh_node_attr(node, "xml:lang");
	return lang && strcmp(lang, "en") == 0;
}

static void indicator_build(struct kh_node *src, struct kh_indicator *ind)
{
	ind->id = kh_xstrdup(kh_node_attr(src, "id"));
	ind->line = src->line;
	ind->points_x100 = points_of(kh_node_attr(src, "points"));
	ind->deduct_per_finding_x100 = points_of(kh_node_attr(src, "deduct-per-finding"));
	ind->points_default = kh_node_is_default(src);
	const char *category = kh_node_attr(src, "category");
	ind->category = kh_xstrdup(category ? category : "");
	const char *method = kh_node_attr(src, "method");
	if (!method || kh_method_parse(method, &ind->method) != 0)
		ind->method = ind->deduct_per_finding_x100 > 0 ? KH_METHOD_PER_CASE
		                                                : KH_METHOD_ALL_OR_NOTHING;
	const char *mdefault = kh_node_attr(src, "method-default");
	ind->method_default = mdefault && strcmp(mdefault, "yes") == 0;
	const char *scope = kh_node_attr(src, "veto-scope");
	ind->veto_scope = scope && strcmp(scope, "scorecard") == 0 ? KH_VETO_SCORECARD
	                                                            : KH_VETO_CATEGORY;
	const char *cap = kh_node_attr(src, "bonus-cap");
	ind->bonus_cap_x100 = cap ? points_of(cap) : ind->points_x100;
	size_t ntriggers = 0;
	for (size_t i = 0; i < src->nchildren; i++)
		if (strcmp(src->children[i].name, "trigger") == 0)
			ntriggers++;
	ind->triggers = ntriggers ? kh_xcalloc(ntriggers, sizeof *ind->triggers) : NULL;
	for (size_t i = 0; i < src->nchildren; i++) {
		struct kh_node *c = &src->children[i];
		if (strcmp(c->name, "clause") == 0) {
			ind->clause = kh_xstrdup(kh_node_attr(c, "ref"));
			ind->clause_text = kh_xstrdup(c->text);
		} else if (strcmp(c->name, "title") == 0) {
			char **slot = is_english(c) ? &ind->title_en : &ind->title_zh;
			free(*slot);
			*slot = kh_xstrdup(c->text);
		} else if (strcmp(c->name, "trigger") == 0) {
			trigger_build(c, &ind->triggers[ind->ntriggers++]);
			memset(c, 0, sizeof *c);
		} else if (strcmp(c->name, "linear") == 0) {
			ind->linear_target = kh_xstrdup(kh_node_attr(c, "target"));
			ind->linear_floor = kh_xstrdup(kh_node_attr(c, "floor"));
		} else if (is_measure_name(c->name)) {
			ind->manual = strcmp(c->name, "manual") == 0;
			ind->measure = *c;
			memset(c, 0, sizeof *c);
		}
	}
	if (!ind->title_en)
		ind->title_en = kh_xstrdup(ind->title_zh ? ind->title_zh : ind->id);
}

static int grade_cmp(const void *a, const void *b)
{
	const struct kh_grade *ga = a, *gb = b;
	return (ga->min_points_x100 < gb->min_points_x100) -
	       (ga->min_points_x100 > gb->min_points_x100);
}

static void scoring_build(const struct kh_node *src, struct kh_contract *c)
{
	c->total_points_x100 = points_of(kh_node_attr(src, "total"));
	c->total_default = kh_node_is_default(src);
	const char *aggregate = kh_node_attr(src, "aggregate");
	if (!aggregate || kh_mark_aggregation_parse(aggregate, &c->aggregate) != 0)
		c->aggregate = KH_AGG_MEAN;
	const char *final = kh_node_attr(src, "final-level");
	if (!final || kh_final_level_parse(final, &c->final_level) != 0)
		c->final_level = KH_FINAL_HIGHEST;
	size_t n = src->nchildren ? src->nchildren : 1;
	c->grades = kh_xcalloc(n, sizeof *c->grades);
	c->categories = kh_xcalloc(n, sizeof *c->categories);
	for (size_t i = 0; i < src->nchildren; i++) {
		const struct kh_node *g = &src->children[i];
		if (strcmp(g->name, "category") == 0) {
			struct kh_category *cat = &c->categories[c->ncategories++];
			cat->id = kh_xstrdup(kh_node_attr(g, "id"));
			cat->title = kh_xstrdup(kh_node_attr(g, "title"));
			const char *en = kh_node_attr(g, "title-en");
			cat->title_en = kh_xstrdup(en ? en : cat->title);
			const char *clause = kh_node_attr(g, "clause");
			cat->clause = kh_xstrdup(clause ? clause : "");
			cat->points_x100 = points_of(kh_node_attr(g, "points"));
			cat->is_default = kh_node_is_default(g);
			cat->line = g->line;
			continue;
		}
		if (strcmp(g->name, "grade") != 0)
			continue;
		struct kh_grade *grade = &c->grades[c->ngrades++];
		grade->name = kh_xstrdup(kh_node_attr(g, "name"));
		const char *en = kh_node_attr(g, "name-en");
		grade->name_en = kh_xstrdup(en ? en : grade->name);
		grade->min_points_x100 = points_of(kh_node_attr(g, "min"));
		grade->is_default = kh_node_is_default(g);
	}
	qsort(c->grades, c->ngrades, sizeof *c->grades, grade_cmp);
}

static int rollover_from(const char *text, enum kh_rollover *out)
{
	if (!text || strcmp(text, "next-workday") == 0)
		*out = KH_ROLLOVER_NEXT_WORKDAY;
	else if (strcmp(text, "holidays-only") == 0)
		*out = KH_ROLLOVER_HOLIDAYS_ONLY;
	else
		return -1;
	return 0;
}

static void take_child(struct kh_node *src, struct kh_node *dst)
{
	*dst = *src;
	memset(src, 0, sizeof *src);
}

/* Fill the contract from the root's tree (which it consumes). */
static void contract_build(struct kh_node *root, struct kh_contract *c)
{
	c->seed = kh_xstrdup(kh_node_attr(root, "seed") ? kh_node_attr(root, "seed") : "");
	for (size_t i = 0; i < root->nchildren; i++) {
		struct kh_node *part = &root->children[i];
		if (strcmp(part->name, "title") == 0 && !is_english(part)) {
			free(c->title);
			c->title = kh_xstrdup(part->text);
		} else if (strcmp(part->name, "parties") == 0) {
			c->purchaser = kh_xstrdup(kh_node_attr(part, "purchaser"));
			c->insurer = kh_xstrdup(kh_node_attr(part, "insurer"));
		} else if (strcmp(part->name, "term") == 0) {
			kh_day_parse(kh_node_attr(part, "start"), &c->term_first);
			kh_day_parse(kh_node_attr(part, "end"), &c->term_last);
		} else if (strcmp(part->name, "calendar") == 0) {
			rollover_from(kh_node_attr(part, "rollover"), &c->rollover);
		} else if (strcmp(part->name, "scoring") == 0) {
			scoring_build(part, c);
		} else if (strcmp(part->name, "units") == 0) {
			take_child(part, &c->units);
		} else if (strcmp(part->name, "money") == 0) {
			take_child(part, &c->money);
		} else if (strcmp(part->name, "policy") == 0) {
			take_child(part, &c->policy);
		} else if (strcmp(part->name, "indicators") == 0) {
			c->indicators = kh_xcalloc(part->nchildren, sizeof *c->indicators);
			for (size_t k = 0; k < part->nchildren; k++)
				indicator_build(&part->children[k],
				                &c->indicators[c->nindicators++]);
		} else if (strcmp(part->name, "triggers") == 0) {
			c->triggers = part->nchildren ?
				kh_xcalloc(part->nchildren, sizeof *c->triggers) : NULL;
			for (size_t k = 0; k < part->nchildren; k++) {
				trigger_build(&part->children[k], &c->triggers[c->ntriggers++]);
				memset(&part->children[k], 0, sizeof part->children[k]);
			}
		}
	}
	/* a veto without categories fails the scorecard */
	for (size_t i = 0; i < c->nindicators && c->ncategories == 0; i++)
		c->indicators[i].veto_scope = KH_VETO_SCORECARD;
	if (!c->units.name) {
		c->units.name = kh_xstrdup("units");
		c->units.text = kh_xstrdup("");
	}
	if (!c->money.name) {
		c->money.name = kh_xstrdup("money");
		c->money.text = kh_xstrdup("");
	}
	if (!c->policy.name) {
		c->policy.name = kh_xstrdup("policy");
		c->policy.text = kh_xstrdup("");
	}
}

/* ---- checks across elements --------------------------------------------- */

static int rubric_error(const char *file, long line, const char *id,
                        const char *zh, const char *en)
{
	kh_error_at(file, line, 0, "%s '%s'", kh_tr(zh, en), id);
	return 1;
}

/* Methods and their parameters; categories and the points they add up to. */
static int check_rubric(const struct kh_contract *c, const char *file)
{
	int errors = 0;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		long long n;
		int has_linear = ind->linear_target != NULL;
		if (ind->method == KH_METHOD_LINEAR && !has_linear)
			errors += rubric_error(file, ind->line, ind->id,
			                       "按比例计分的指标缺少 <linear target floor>",
			                       "a linear indicator needs <linear target floor> in");
		if (ind->method != KH_METHOD_LINEAR && has_linear)
			errors += rubric_error(file, ind->line, ind->id,
			                       "<linear> 只用于 method=\"linear\" 的指标",
			                       "<linear> belongs only to method=\"linear\":");
		if (has_linear && (kh_method_number(ind->linear_target, &n) ||
		                   kh_method_number(ind->linear_floor, &n)))
			errors += rubric_error(file, ind->line, ind->id,
			                       "<linear> 的 target、floor 应为数或百分比",
			                       "<linear> target and floor must be numbers or percentages in");
		if (ind->method == KH_METHOD_LINEAR && ind->manual)
			errors += rubric_error(file, ind->line, ind->id,
			                       "人工评分指标不能按比例计分",
			                       "a manual indicator cannot be linear:");
		if (ind->method == KH_METHOD_PER_CASE && ind->deduct_per_finding_x100 <= 0)
			errors += rubric_error(file, ind->line, ind->id,
			                       "按例扣分的指标缺少 deduct-per-finding",
			                       "a per-case indicator needs deduct-per-finding:");
		if (ind->method != KH_METHOD_PER_CASE && ind->deduct_per_finding_x100 > 0)
			errors += rubric_error(file, ind->line, ind->id,
			                       "deduct-per-finding 只用于按例扣分（per-case）的指标",
			                       "deduct-per-finding belongs only to per-case:");
		if (ind->method == KH_METHOD_BONUS && ind->bonus_cap_x100 < ind->points_x100)
			errors += rubric_error(file, ind->line, ind->id,
			                       "加分上限低于每项加分",
			                       "bonus-cap below the points per case of");
		if (c->ncategories == 0 && *ind->category)
			errors += rubric_error(file, ind->line, ind->id,
			                       "合同未设类别，指标却写了 category",
			                       "category given but the contract has none:");
		else if (c->ncategories && !kh_contract_category(c, ind->category))
			errors += rubric_error(file, ind->line, ind->id,
			                       "指标的 category 不是 <scoring> 中的类别",
			                       "the category is not one of <scoring>'s:");
	}
	long total = 0;
	for (size_t k = 0; k < c->ncategories; k++) {
		const struct kh_category *cat = &c->categories[k];
		for (size_t j = 0; j < k; j++)
			if (strcmp(c->categories[j].id, cat->id) == 0)
				errors += rubric_error(file, cat->line, cat->id,
				                       "类别编号重复", "duplicate category id");
		long sum = 0;
		for (size_t i = 0; i < c->nindicators; i++)
			if (c->indicators[i].method != KH_METHOD_BONUS &&
			    strcmp(c->indicators[i].category, cat->id) == 0)
				sum += c->indicators[i].points_x100;
		if (sum != cat->points_x100) {
			kh_error_at(file, cat->line, 0, "%s '%s': %ld.%02ld ≠ %ld.%02ld",
			            kh_tr("类别内各指标分值之和与类别分值不符",
			                  "the indicators' points do not add up to the category's"),
			            cat->id, sum / 100, sum % 100, cat->points_x100 / 100,
			            cat->points_x100 % 100);
			errors++;
		}
		total += cat->points_x100;
	}
	if (c->ncategories && total != c->total_points_x100) {
		kh_error_at(file, c->categories[0].line, 0, "%s: %ld.%02ld ≠ %ld.%02ld",
		            kh_tr("各类别分值之和与总分不符", "category points do not add up to the total"),
		            total / 100, total % 100, c->total_points_x100 / 100,
		            c->total_points_x100 % 100);
		errors++;
	}
	return errors;
}

static int check_consistency(const struct kh_contract *c, const struct kh_node *root,
                             const char *file)
{
	int errors = 0;
	if (c->term_last < c->term_first) {
		kh_error_at(file, kh_node_child(root, "term")->line, 0, "%s",
		            kh_tr("合同期限的结束日早于开始日", "the term ends before it starts"));
		errors++;
	}
	long sum = 0;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		if (ind->method != KH_METHOD_BONUS)
			sum += ind->points_x100;
		for (size_t k = 0; k < i; k++)
			if (strcmp(c->indicators[k].id, ind->id) == 0) {
				kh_error_at(file, ind->line, 0, "%s '%s'",
				            kh_tr("指标编号重复", "duplicate indicator id"), ind->id);
				errors++;
			}
		if (ind->deduct_per_finding_x100 > ind->points_x100) {
			kh_error_at(file, ind->line, 0, "%s '%s'",
			            kh_tr("每项扣分大于指标分值", "deduct-per-finding exceeds the points of"),
			            ind->id);
			errors++;
		}
	}
	errors += check_rubric(c, file);
	if (sum != c->total_points_x100) {
		kh_error_at(file, kh_node_child(root, "scoring")->line, 0,
		            "%s: %ld.%02ld ≠ %ld.%02ld",
		            kh_tr("各指标分值之和与总分不符", "indicator points do not add up to the total"),
		            sum / 100, sum % 100, c->total_points_x100 / 100,
		            c->total_points_x100 % 100);
		errors++;
	}
	for (size_t i = 0; i < c->ngrades; i++)
		if (c->grades[i].min_points_x100 > c->total_points_x100) {
			kh_error_at(file, kh_node_child(root, "scoring")->line, 0, "%s '%s'",
			            kh_tr("等级下限高于总分", "grade minimum above the total"),
			            c->grades[i].name);
			errors++;
		}
	return errors;
}

/* Milestones must add up to the fixed fee, each share × fee = its amount. */
static int check_milestones(const struct kh_contract *c, const char *file)
{
	const struct kh_node *fee = kh_node_child(&c->money, "fixed-fee");
	if (!fee)
		return 0;
	kh_fen total = 0, sum = 0;
	const char *amount = kh_node_attr(fee, "amount");
	kh_fen_parse(amount, strlen(amount), 0, &total);
	int errors = 0;
	for (size_t i = 0; i < fee->nchildren; i++) {
		const struct kh_node *m = &fee->children[i];
		if (strcmp(m->name, "milestone") != 0)
			continue;
		kh_fen part = 0;
		struct kh_rate share = { 0, 1 };
		const char *a = kh_node_attr(m, "amount");
		kh_fen_parse(a, strlen(a), 0, &part);
		kh_rate_parse(kh_node_attr(m, "share"), &share);
		sum += part;
		if (kh_fen_mul_rate(total, share) != part) {
			kh_error_at(file, m->line, 0, "%s",
			            kh_tr("分期金额与比例不符", "milestone amount does not match its share"));
			errors++;
		}
	}
	if (sum != total) {
		kh_error_at(file, fee->line, 0, "%s",
		            kh_tr("各期金额之和不等于合同总额", "milestones do not add up to the fee"));
		errors++;
	}
	return errors;
}

static char *sha256_hex(const char *data, size_t len)
{
	struct kh_sha256 *ctx = kh_sha256_new();
	char *hex = kh_xmalloc(65);
	kh_sha256_update(ctx, data, len);
	kh_sha256_finish(ctx, hex);
	return hex;
}

/* ---- parsing -------------------------------------------------------------- */

/* "dir/henan-dbbx-2024.xml" → "henan-dbbx-2024". */
static char *id_from_name(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	size_t len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".xml") == 0)
		len -= 4;
	char *id = kh_xmalloc(len + 1);
	memcpy(id, base, len);
	id[len] = '\0';
	return id;
}

static int root_ok(xmlDocPtr doc, const char *file)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || !xmlStrEqual(root->name, BAD_CAST "contract") || !root->ns ||
	    !xmlStrEqual(root->ns->href, BAD_CAST KH_CONTRACT_NS)) {
		kh_error_at(file, root ? xmlGetLineNo(root) : 0, 0, "%s",
		            kh_tr("根元素必须是 urn:kaohe:contract:1 命名空间中的 <contract>",
		                  "the root must be <contract> in namespace urn:kaohe:contract:1"));
		return -1;
	}
	return 0;
}

/* Parse a document already read; `file` names it in messages, `id` is the
 * id it must carry (NULL: take the root's, else `fallback_id`). */
static int parse_doc(xmlDocPtr doc, const char *file, const char *required_id,
                     const char *fallback_id, struct kh_contract **out,
                     struct kh_err *err)
{
	if (root_ok(doc, file) != 0)
		return kh_fail(err, KH_ERR_DATA);
	xmlNodePtr root_element = xmlDocGetRootElement(doc);
	if (check_measure_names(root_element, file) != 0)
		return kh_fail(err, KH_ERR_DATA);
	if (kh_xml_validate(doc, KH_CONTRACT_SCHEMA, file) != 0)
		return kh_fail(err, KH_ERR_DATA);
	struct kh_node root = { 0 };
	node_build(root_element, &root);
	if (check_numbers(&root, file) != 0) {
		node_free(&root);
		return kh_fail(err, KH_ERR_DATA);
	}
	const char *root_id = kh_node_attr(&root, "id");
	if (required_id && root_id && strcmp(root_id, required_id) != 0) {
		kh_error_at(file, root.line, 0, "%s: '%s' ≠ '%s'",
		            kh_tr("根元素的 id 与文件名不符", "the root's id does not match the file name"),
		            root_id, required_id);
		node_free(&root);
		return kh_fail(err, KH_ERR_DATA);
	}
	struct kh_contract *c = kh_xcalloc(1, sizeof *c);
	c->id = kh_xstrdup(required_id ? required_id : root_id ? root_id : fallback_id);
	contract_build(&root, c);
	int errors = check_consistency(c, &root, file) + check_milestones(c, file);
	node_free(&root);
	if (errors) {
		kh_contract_free(c);
		return kh_fail(err, KH_ERR_DATA);
	}
	*out = c;
	return 0;
}

static int parse_text(const char *xml, size_t len, const char *file,
                      const char *required_id, const char *fallback_id,
                      struct kh_contract **out, struct kh_err *err)
{
	*out = NULL;
	xmlDocPtr doc = kh_xml_read_memory(xml, len, file);
	if (!doc)
		return kh_fail(err, KH_ERR_DATA);
	int rc = parse_doc(doc, file, required_id, fallback_id, out, err);
	xmlFreeDoc(doc);
	if (rc == 0) {
		(*out)->xml = kh_xmalloc(len + 1);
		memcpy((*out)->xml, xml, len);
		(*out)->xml[len] = '\0';
		(*out)->sha256 = sha256_hex(xml, len);
	}
	return rc;
}

int kh_contract_parse_file(const char *path, struct kh_contract **out,
                           struct kh_err *err)
{
	*out = NULL;
	size_t len;
	char *xml = kh_read_whole_file(path, &len);
	if (!xml) {
		kh_error_at(path, 0, 0, "%s", kh_tr("无法读取文件", "cannot read the file"));
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	char *id = id_from_name(path);
	int rc = parse_text(xml, len, path, id, NULL, out, err);
	free(id);
	free(xml);
	return rc;
}

int kh_contract_parse_memory(const char *xml, size_t len, const char *name,
                             struct kh_contract **out, struct kh_err *err)
{
	char *fallback = id_from_name(name ? name : "contract");
	int rc = parse_text(xml, len, name ? name : "(memory)", NULL, fallback, out, err);
	free(fallback);
	return rc;
}

static void trigger_free(struct kh_trigger *t)
{
	free(t->action);
	free(t->clause);
	free(t->text);
	node_free(&t->node);
}

void kh_contract_free(struct kh_contract *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nindicators; i++) {
		struct kh_indicator *ind = &c->indicators[i];
		free(ind->id);
		free(ind->clause);
		free(ind->clause_text);
		free(ind->title_zh);
		free(ind->title_en);
		free(ind->category);
		free(ind->linear_target);
		free(ind->linear_floor);
		node_free(&ind->measure);
		for (size_t k = 0; k < ind->ntriggers; k++)
			trigger_free(&ind->triggers[k]);
		free(ind->triggers);
	}
	free(c->indicators);
	for (size_t i = 0; i < c->ngrades; i++) {
		free(c->grades[i].name);
		free(c->grades[i].name_en);
	}
	free(c->grades);
	for (size_t i = 0; i < c->ncategories; i++) {
		free(c->categories[i].id);
		free(c->categories[i].title);
		free(c->categories[i].title_en);
		free(c->categories[i].clause);
	}
	free(c->categories);
	for (size_t i = 0; i < c->ntriggers; i++)
		trigger_free(&c->triggers[i]);
	free(c->triggers);
	node_free(&c->units);
	node_free(&c->money);
	node_free(&c->policy);
	free(c->id);
	free(c->sha256);
	free(c->title);
	free(c->seed);
	free(c->purchaser);
	free(c->insurer);
	free(c->xml);
	free(c);
}

const struct kh_category *kh_contract_category(const struct kh_contract *c,
                                               const char *id)
{
	for (size_t i = 0; id && i < c->ncategories; i++)
		if (strcmp(c->categories[i].id, id) == 0)
			return &c->categories[i];
	return NULL;
}

const struct kh_indicator *kh_contract_indicator(const struct kh_contract *c,
                                                 const char *id)
{
	for (size_t i = 0; i < c->nindicators; i++)
		if (strcmp(c->indicators[i].id, id) == 0)
			return &c->indicators[i];
	return NULL;
}

/* ---- the store -------------------------------------------------------------- */

char *kh_contract_resolve(const char *arg)
{
	FILE *fp = fopen(arg, "rb");
	if (fp) {
		fclose(fp);
		return kh_xstrdup(arg);
	}
	if (strchr(arg, '/') || strlen(arg) > 200)
		return kh_xstrdup(arg);
	char *relative = kh_xasprintf("data/contracts/%s.xml", arg);
	char *path = kh_data_path(relative);
	free(relative);
	fp = fopen(path, "rb");
	if (fp) {
		fclose(fp);
		return path;
	}
	free(path);
	return kh_xstrdup(arg);
}
