/* words.c: how kaohe's fixed codes read in Chinese and English, from the one
 * table templates/words.xml.  Lookup only: an unknown code stays as it is,
 * and nothing a score depends on ever goes through here. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "datadir.h"
#include "msg.h"
#include "words.h"
#include "xmlsafe.h"

#define WORDS_NS "urn:kaohe:words:1"

struct word {
	char *group, *code, *zh, *en;
};

static struct word *words;
static size_t nwords;
static int words_loaded;

static char *prop(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
	char *copy = kh_xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return copy;
}

static int is_ns_element(xmlNodePtr node, const char *ns, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, BAD_CAST ns) &&
	       (!name || xmlStrEqual(node->name, BAD_CAST name));
}

static void add_word(const char *group, xmlNodePtr w)
{
	static size_t cap;
	if (nwords == cap) {
		cap = cap ? cap * 2 : 128;
		words = kh_xrealloc(words, cap * sizeof *words);
	}
	words[nwords++] = (struct word){ kh_xstrdup(group), prop(w, "k"), prop(w, "zh"),
	                                 prop(w, "en") };
}

/* Read templates/words.xml once; a missing or broken file leaves codes as
 * they are (a warning, never an error: the report still renders). */
static void load_words(void)
{
	if (words_loaded)
		return;
	words_loaded = 1;
	char *path = kh_data_path("templates/words.xml");
	xmlDocPtr doc = kh_xml_read_file(path, NULL, NULL);
	free(path);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!is_ns_element(root, WORDS_NS, "words")) {
		kh_warn("%s", kh_tr("templates/words.xml 无法读取，报告中保留代码",
		                    "templates/words.xml unreadable: codes are shown as they are"));
		xmlFreeDoc(doc);
		return;
	}
	for (xmlNodePtr g = root->children; g; g = g->next) {
		if (!is_ns_element(g, WORDS_NS, "group"))
			continue;
		char *group = prop(g, "name");
		for (xmlNodePtr w = g->children; w; w = w->next)
			if (is_ns_element(w, WORDS_NS, "w"))
				add_word(group, w);
		free(group);
	}
	xmlFreeDoc(doc);
}

const char *kh_word_in(const char *group, const char *code, enum kh_lang lang)
{
	if (!code || !*code)
		return NULL;
	load_words();
	for (size_t i = 0; i < nwords; i++)
		if (strcmp(words[i].group, group) == 0 && strcmp(words[i].code, code) == 0) {
			const char *w = lang == KH_LANG_EN ? words[i].en : words[i].zh;
			return *w ? w : NULL;
		}
	return NULL;
}

const char *kh_word(const char *group, const char *code)
{
	return kh_word_in(group, code, kh_lang);
}

const char *kh_word_or_code(const char *group, const char *code)
{
	const char *w = kh_word(group, code);
	return w ? w : code;
}

