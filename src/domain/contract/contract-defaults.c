/* contract-defaults.c: carries a contract's template defaults (default="yes":
 * points, grade bands, day limits, return tables) into the scorecard so
 * every view can mark them.  Marks only; it never changes a number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "contract-defaults.h"
#include "msg.h"

int kh_node_is_default(const struct kh_node *node)
{
	const char *d = kh_node_attr(node, "default");
	return d && strcmp(d, "yes") == 0;
}

static int is_named(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       xmlStrEqual(node->name, BAD_CAST name);
}

static void points_text(long x100, char *buf, size_t size)
{
	snprintf(buf, size, "%s%ld.%02ld", x100 < 0 ? "-" : "", labs(x100) / 100,
	         labs(x100) % 100);
}

/* A parameter worth marking: a number (a count, "15", a rate "90%"). */
static int numeric(const char *value)
{
	return value && value[0] >= '0' && value[0] <= '9';
}

/* <default param="workdays" value="15"/> for every number of a
 * default-marked measure element (and of its default-marked children,
 * named "child-attr"), placed after the criterion and marks, before the
 * notes. */
static void mark_measure(xmlNodePtr ind, const struct kh_node *m)
{
	xmlNodePtr first = ind->children;   /* after the criterion and marks */
	while (first && (first->type != XML_ELEMENT_NODE || is_named(first, "criterion") ||
	                 is_named(first, "marks")))
		first = first->next;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = pass ? m->nchildren : 1;
		for (size_t i = 0; i < n; i++) {
			const struct kh_node *e = pass ? &m->children[i] : m;
			if (!kh_node_is_default(e))
				continue;
			for (size_t a = 0; a < e->nattrs; a++) {
				if (!numeric(e->attrs[a].value))
					continue;
				char param[128];
				snprintf(param, sizeof param, "%s%s%s", pass ? e->name : "",
				         pass ? "-" : "", e->attrs[a].name);
				xmlNodePtr d = xmlNewDocNode(ind->doc, ind->ns, BAD_CAST "default", NULL);
				xmlSetProp(d, BAD_CAST "param", BAD_CAST param);
				xmlSetProp(d, BAD_CAST "value", BAD_CAST e->attrs[a].value);
				if (first)
					xmlAddPrevSibling(first, d);
				else
					xmlAddChild(ind, d);
			}
		}
	}
}

static void mark_indicators(xmlNodePtr root, const struct kh_contract *c)
{
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!is_named(n, "indicator"))
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		const struct kh_indicator *ind = id ? kh_contract_indicator(c, (const char *)id) : NULL;
		xmlFree(id);
		if (!ind)
			continue;
		if (ind->points_default)
			xmlSetProp(n, BAD_CAST "points-default", BAD_CAST "yes");
		mark_measure(n, &ind->measure);
	}
}

/* The grade bands under <summary>, each marked when it is the template's. */
static void mark_grades(xmlNodePtr root, const struct kh_contract *c)
{
	xmlNodePtr summary = NULL;
	for (xmlNodePtr n = root->children; n && !summary; n = n->next)
		if (is_named(n, "summary"))
			summary = n;
	if (!summary)
		return;
	int any_default = 0;
	for (size_t i = 0; i < c->ngrades; i++) {
		const struct kh_grade *g = &c->grades[i];
		xmlNodePtr e = xmlNewChild(summary, summary->ns, BAD_CAST "grade", NULL);
		xmlSetProp(e, BAD_CAST "name",
		           BAD_CAST(kh_lang == KH_LANG_EN && g->name_en ? g->name_en : g->name));
		char min[32];
		points_text(g->min_points_x100, min, sizeof min);
		xmlSetProp(e, BAD_CAST "min", BAD_CAST min);
		if (g->is_default) {
			xmlSetProp(e, BAD_CAST "default", BAD_CAST "yes");
			any_default = 1;
		}
	}
	if (any_default)
		xmlSetProp(summary, BAD_CAST "grades-default", BAD_CAST "yes");
}

/* A return-table row (<return grade=...>) of the money basis for `grade`. */
static const struct kh_node *return_row(const struct kh_node *node, const char *grade)
{
	if (strcmp(node->name, "return") == 0) {
		const char *g = kh_node_attr(node, "grade");
		return g && strcmp(g, grade) == 0 ? node : NULL;
	}
	for (size_t i = 0; i < node->nchildren; i++) {
		const struct kh_node *r = return_row(&node->children[i], grade);
		if (r)
			return r;
	}
	return NULL;
}

/* Money lines that apply a default table row (the deposit returned by
 * grade) carry default="yes". */
static void mark_money(xmlNodePtr root, const struct kh_contract *c)
{
	for (xmlNodePtr f = root->children; f; f = f->next) {
		if (!is_named(f, "fees"))
			continue;
		for (xmlNodePtr l = f->children; l; l = l->next) {
			if (!is_named(l, "line"))
				continue;
			xmlChar *grade = xmlGetProp(l, BAD_CAST "grade");
			const struct kh_node *row = grade ? return_row(&c->money, (const char *)grade) : NULL;
			if (row && kh_node_is_default(row))
				xmlSetProp(l, BAD_CAST "default", BAD_CAST "yes");
			xmlFree(grade);
		}
	}
}

void kh_scorecard_mark_defaults(xmlNodePtr root, const struct kh_contract *c)
{
	mark_indicators(root, c);
	mark_grades(root, c);
	mark_money(root, c);
}
