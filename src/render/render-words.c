/* render-words.c: puts words (util/words.h) in place of codes and indicator
 * ids in a copy of a scorecard before it is drawn as HTML or XLSX.  Works on
 * the copy only; it never changes a number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "msg.h"
#include "render.h"
#include "words.h"

#define SC_NS "urn:kaohe:scorecard:1"

static int is_ns_element(xmlNodePtr node, const char *ns, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, BAD_CAST ns) &&
	       (!name || xmlStrEqual(node->name, BAD_CAST name));
}

/* ---- codes inside Chinese text ---------------------------------------- */

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *text, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = kh_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, text, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static int ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int ascii_word(unsigned char c)
{
	return ascii_lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
static int code_char(unsigned char c)
{
	return ascii_lower(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* The title of the scorecard's indicator with this id, or NULL. */
static const char *indicator_title(xmlNodePtr root, const char *id, xmlChar **owned)
{
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is_ns_element(c, SC_NS, "indicator"))
			continue;
		xmlChar *cid = xmlGetNoNsProp(c, BAD_CAST "id");
		int same = cid && strcmp((const char *)cid, id) == 0;
		xmlFree(cid);
		if (same) {
			*owned = xmlGetNoNsProp(c, BAD_CAST "title");
			return (const char *)*owned;
		}
	}
	return NULL;
}

/* What stands for the code `run`: an indicator's title or a value word;
 * NULL when it is not a code this pass knows. */
static char *word_for(xmlNodePtr root, const char *run)
{
	if (strchr(run, '.')) {
		xmlChar *owned = NULL;
		const char *title = indicator_title(root, run, &owned);
		char *out = title && *title ? kh_xstrdup(title) : NULL;
		xmlFree(owned);
		return out;
	}
	const char *w = kh_word_in("value", run, KH_LANG_ZH);
	return w ? kh_xstrdup(w) : NULL;
}

/* Chinese text with its codes read as words: "岗位 resident，专业 any" →
 * "岗位派驻，专业不限"; an indicator id becomes its title, once ("Q3
 * activity.case-review 季度病历审核" → "Q3 季度病历审核").  Spaces that
 * only separated a code from Chinese go; two codes in a row are joined
 * by "、".  Anything not in the tables stays as it is. */
char *kh_render_words_in_text(xmlNodePtr root, const char *text)
{
	struct buf out = { 0 };
	buf_add(&out, "", 0);
	const char *p = text;
	int after_word = 0;        /* out ends with a word put for a code */
	while (*p) {
		unsigned char c = (unsigned char)*p;
		int starts = ascii_lower(c) && (p == text || !ascii_word((unsigned char)p[-1]));
		if (!starts) {
			if (!(c == ' ' && after_word))
				after_word = 0;
			buf_add(&out, p++, 1);
			continue;
		}
		size_t n = 0;
		while (code_char((unsigned char)p[n]))
			n++;
		while (n > 1 && (p[n - 1] == '.' || p[n - 1] == '-'))
			n--;
		char *run = kh_xasprintf("%.*s", (int)n, p);
		char *word = ascii_word((unsigned char)p[n]) ? NULL : word_for(root, run);
		free(run);
		if (!word) {
			buf_add(&out, p, n);
			p += n;
			after_word = 0;
			continue;
		}
		/* the space between Chinese (or a previous word) and this one */
		if (out.len >= 2 && out.s[out.len - 1] == ' ' &&
		    ((unsigned char)out.s[out.len - 2] >= 0x80 || after_word)) {
			out.len--;
			out.s[out.len] = '\0';
			if (after_word)
				buf_add(&out, "、", strlen("、"));
		}
		buf_add(&out, word, strlen(word));
		p += n;
		size_t wlen = strlen(word);
		if (p[0] == ' ' && strncmp(p + 1, word, wlen) == 0 &&
		    !ascii_word((unsigned char)p[1 + wlen]))
			p += 1 + wlen;   /* "id title": the title once */
		if (p[0] == ' ' && (unsigned char)p[1] >= 0x80)
			p++;
		free(word);
		after_word = 1;
	}
	return out.s;
}

/* ---- the pass over a scorecard ------------------------------------------ */

static void localize_attr(xmlNodePtr root, xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
	if (v && *v) {
		char *text = kh_render_words_in_text(root, (const char *)v);
		if (strcmp(text, (const char *)v) != 0)
			xmlSetProp(node, BAD_CAST name, BAD_CAST text);
		free(text);
	}
	xmlFree(v);
}

static void localize_content(xmlNodePtr root, xmlNodePtr node)
{
	xmlChar *v = xmlNodeGetContent(node);
	if (v && *v) {
		char *text = kh_render_words_in_text(root, (const char *)v);
		if (strcmp(text, (const char *)v) != 0)
			xmlNodeSetContent(node, BAD_CAST text);   /* escapes as needed */
		free(text);
	}
	xmlFree(v);
}

/* An evidence cell that is a whole code reads as its word. */
static void localize_item(xmlNodePtr item)
{
	for (xmlAttrPtr a = item->properties; a; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		const char *w = v ? kh_word("value", (const char *)v) : NULL;
		if (w)
			xmlSetNsProp(item, a->ns, a->name, BAD_CAST w);
		xmlFree(v);
	}
}

static void localize_indicator(xmlNodePtr root, xmlNodePtr ind, int zh_text)
{
	if (zh_text) {
		localize_attr(root, ind, "target-text");
		localize_attr(root, ind, "value-text");
	}
	for (xmlNodePtr c = ind->children; c; c = c->next) {
		if (zh_text && is_ns_element(c, SC_NS, "note"))
			localize_content(root, c);
		if (!is_ns_element(c, SC_NS, "evidence"))
			continue;
		for (xmlNodePtr it = c->children; it; it = it->next)
			if (is_ns_element(it, SC_NS, "item"))
				localize_item(it);
	}
}

/* Chart labels: an indicator id on a label axis reads as its title, a
 * coded group (complaint category) as its word. */
static void localize_charts(xmlNodePtr root, xmlNodePtr charts)
{
	for (xmlNodePtr s = charts->children; s; s = s->next) {
		if (!is_ns_element(s, SC_NS, "series"))
			continue;
		for (xmlNodePtr p = s->children; p; p = p->next) {
			if (!is_ns_element(p, SC_NS, "point"))
				continue;
			xmlChar *x = xmlGetNoNsProp(p, BAD_CAST "x");
			xmlChar *owned = NULL;
			const char *title = x ? indicator_title(root, (const char *)x, &owned) : NULL;
			if (title && *title)
				xmlSetProp(p, BAD_CAST "x", BAD_CAST title);
			xmlFree(owned);
			xmlFree(x);
			xmlChar *g = xmlGetNoNsProp(p, BAD_CAST "group");
			const char *w = g ? kh_word("value", (const char *)g) : NULL;
			if (w)
				xmlSetProp(p, BAD_CAST "group", BAD_CAST w);
			xmlFree(g);
		}
	}
}

void kh_render_localize(xmlDocPtr scorecard)
{
	xmlNodePtr root = xmlDocGetRootElement(scorecard);
	if (!is_ns_element(root, SC_NS, "scorecard"))
		return;
	xmlChar *lang = xmlGetNoNsProp(root, BAD_CAST "lang");
	int zh_text = !lang || strncmp((const char *)lang, "en", 2) != 0;
	xmlFree(lang);
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_ns_element(c, SC_NS, "indicator"))
			localize_indicator(root, c, zh_text);
		else if (is_ns_element(c, SC_NS, "fees") && zh_text) {
			for (xmlNodePtr l = c->children; l; l = l->next) {
				if (is_ns_element(l, SC_NS, "line"))
					localize_attr(root, l, "text");
				else if (is_ns_element(l, SC_NS, "quarter"))
					localize_attr(root, l, "reason");
			}
		} else if (is_ns_element(c, SC_NS, "triggers") && zh_text) {
			for (xmlNodePtr t = c->children; t; t = t->next)
				if (is_ns_element(t, SC_NS, "trigger"))
					localize_attr(root, t, "text");
		}
	}
	/* after the texts: they look titles up by the ids the charts still hold */
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (is_ns_element(c, SC_NS, "charts"))
			localize_charts(root, c);
}
