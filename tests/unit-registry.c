/* unit-registry.c: the measure registry (src/domain/measure/measure.c) and
 * the contract schema (data/schema/contract.rng) describe the same grammar:
 * every measure element of the schema is a registry row and the other way
 * round, and each has the same attributes, at the same child paths, equally
 * required.  A measure added to one and not the other fails here.
 * (<ref>s such as default.mark are shared by every element and skipped.) */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "measure.h"
#include "tap.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static int is_rng(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

static char *name_of(xmlNodePtr n)
{
	return (char *)xmlGetProp(n, BAD_CAST "name");
}

/* One attribute the schema gives a measure. */
struct found {
	char path[128];
	char name[64];
	int required;
	int matched;
};

static struct found found[256];
static size_t nfound;

/* Walk below a measure element: `path` names the child elements passed,
 * `optional` whether an <optional>/<zeroOrMore> lies between. */
static void collect(xmlNodePtr n, const char *path, int optional)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_rng(c, "attribute")) {
			char *name = name_of(c);
			if (name && nfound < sizeof found / sizeof found[0]) {
				struct found *f = &found[nfound++];
				snprintf(f->path, sizeof f->path, "%s", path);
				snprintf(f->name, sizeof f->name, "%s", name);
				f->required = !optional;
				f->matched = 0;
			}
			xmlFree(name);
		} else if (is_rng(c, "element")) {
			char *name = name_of(c);
			char sub[128];
			snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "/" : "", name);
			xmlFree(name);
			collect(c, sub, 0);
		} else if (is_rng(c, "optional") || is_rng(c, "zeroOrMore")) {
			collect(c, path, 1);
		} else if (!is_rng(c, "ref")) {
			collect(c, path, optional);
		}
	}
}

static void check_measure(xmlNodePtr element)
{
	char *name = name_of(element);
	const struct kh_measure_type *type = kh_measure_find(name);
	char msg[256];
	snprintf(msg, sizeof msg, "schema measure <%s> is in the registry", name);
	if (!ok(type != NULL, msg)) {
		xmlFree(name);
		return;
	}
	nfound = 0;
	collect(element, "", 0);
	for (const struct kh_param *p = type->params; p->name; p++) {
		const char *path = p->element ? p->element : "";
		int in_schema = 0;
		for (size_t i = 0; i < nfound; i++) {
			if (strcmp(found[i].path, path) || strcmp(found[i].name, p->name))
				continue;
			in_schema = 1;
			found[i].matched = 1;
			snprintf(msg, sizeof msg, "<%s> %s@%s: required agrees", name, path,
			         p->name);
			is_int(p->required, found[i].required, msg);
		}
		snprintf(msg, sizeof msg, "<%s> registry %s@%s is in the schema", name,
		         path, p->name);
		ok(in_schema, msg);
	}
	for (size_t i = 0; i < nfound; i++) {
		snprintf(msg, sizeof msg, "<%s> schema %.60s@%.60s is in the registry",
		         name, found[i].path, found[i].name);
		ok(found[i].matched, msg);
	}
	xmlFree(name);
}

int main(void)
{
	char *path = NULL;
	if (asprintf(&path, "%s/data/schema/contract.rng", KAOHE_SRCDIR) < 0)
		return 1;
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(path);
	if (!ok(doc != NULL, "contract.rng parses"))
		return done_testing();
	xmlNodePtr measure = NULL;
	for (xmlNodePtr d = xmlDocGetRootElement(doc)->children; d; d = d->next) {
		if (!is_rng(d, "define"))
			continue;
		char *name = name_of(d);
		if (name && strcmp(name, "measure") == 0)
			measure = d;
		xmlFree(name);
	}
	if (!ok(measure != NULL, "contract.rng defines measure")) {
		xmlFreeDoc(doc);
		return done_testing();
	}
	size_t schema_measures = 0;
	for (xmlNodePtr choice = measure->children; choice; choice = choice->next)
		for (xmlNodePtr e = choice->children; e; e = e->next)
			if (is_rng(e, "element")) {
				schema_measures++;
				check_measure(e);
			}
	size_t registry_measures = 0;
	while (kh_measure_at(registry_measures))
		registry_measures++;
	is_int((long long)schema_measures, (long long)registry_measures,
	       "as many measures in the schema as in the registry");
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return done_testing();
}
