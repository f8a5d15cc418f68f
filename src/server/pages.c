/* pages.c: the pages' route table and what the page handlers share — the
 * page document (libxml2 writer, urn:kaohe:page:1) rendered through
 * templates/pages.xsl, other renderers' files read back into a response,
 * the contracts a user may see.  Never builds HTML by hand, never lets a
 * handler skip the role check: every route names its roles. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "msg.h"
#include "pages.h"
#include "render.h"
#include "contract.h"
#include "store-contracts.h"
#include "store-decisions.h"
#include "store.h"
#include "money.h"
#include "words.h"
#include "xmlsafe.h"

const struct kh_route kh_routes_pages[] = {
	{ "GET", "/", KH_ROLES_ALL, 0, kh_page_dashboard },
	{ "GET", "/contracts/", KH_ROLES_ALL, KH_ROUTE_PREFIX, kh_page_contracts },
	/* marks (panel), appeals (insurer), decisions (regulator): the
	 * handler checks the role of each action */
	{ "POST", "/contracts/", KH_ROLES_ALL, KH_ROUTE_PREFIX | KH_ROUTE_CSRF,
	  kh_page_contracts_post },
	{ "POST", "/appeals/", KH_ROLE_REGULATOR, KH_ROUTE_PREFIX | KH_ROUTE_CSRF,
	  kh_page_appeal_decide },
	{ "GET", "/submissions", KH_ROLES_ALL, 0, kh_page_submissions },
	{ "GET", "/submissions/", KH_ROLES_ALL, KH_ROUTE_PREFIX, kh_page_submission_body },
	{ NULL, NULL, 0, 0, NULL },
};

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

/* words.c loads templates/words.xml on first use into process-wide
 * tables; load them once before any handler thread reads them. */
static void load_words(void)
{
	(void)kh_word("page", "dashboard");
}

void kh_pages_ready(void)
{
	pthread_once(&words_once, load_words);
}

void kh_pages_render_lock(void)
{
	pthread_mutex_lock(&render_lock);
}

void kh_pages_render_unlock(void)
{
	pthread_mutex_unlock(&render_lock);
}

kh_day kh_pages_today(void)
{
	kh_time now;
	if (kh_time_now(&now) != 0)
		return KH_DAY_NONE;
	return kh_time_day(now);
}

/* Text as the writer may take it: valid UTF-8 without control characters
 * (a stored value with one would make the page unparsable); else a copy
 * with each offending byte as '?'.  Returns text itself or *copy. */
static const char *clean(const char *text, char **copy)
{
	*copy = NULL;
	int bad = !xmlCheckUTF8((const unsigned char *)text);
	for (const unsigned char *p = (const unsigned char *)text; !bad && *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			bad = 1;
	if (!bad)
		return text;
	char *c = kh_xstrdup(text);
	for (unsigned char *p = (unsigned char *)c; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p >= 0x80)
			*p = '?';
	*copy = c;
	return c;
}

void kh_page_start(struct kh_page *pg, const char *name)
{
	xmlTextWriterStartElement(pg->w, BAD_CAST name);
}

void kh_page_end(struct kh_page *pg)
{
	xmlTextWriterEndElement(pg->w);
}

void kh_page_attr(struct kh_page *pg, const char *name, const char *value)
{
	if (!value)
		return;
	char *copy;
	xmlTextWriterWriteAttribute(pg->w, BAD_CAST name, BAD_CAST clean(value, &copy));
	free(copy);
}

void kh_page_attrf(struct kh_page *pg, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	if (text)
		kh_page_attr(pg, name, text);
	free(text);
}

void kh_page_text(struct kh_page *pg, const char *text)
{
	if (!text)
		return;
	char *copy;
	xmlTextWriterWriteString(pg->w, BAD_CAST clean(text, &copy));
	free(copy);
}

void kh_page_elem(struct kh_page *pg, const char *name, const char *text,
                  const char *const *attrs)
{
	kh_page_start(pg, name);
	for (size_t i = 0; attrs && attrs[i]; i += 2)
		kh_page_attr(pg, attrs[i], attrs[i + 1]);
	kh_page_text(pg, text);
	kh_page_end(pg);
}

int kh_page_begin(struct kh_page *pg, const struct kh_request *req,
                  const char *kind, const char *title, struct kh_err *err)
{
	pg->doc = NULL;
	pg->attach = NULL;
	pg->stylesheet = NULL;
	pg->w = xmlNewTextWriterDoc(&pg->doc, 0);
	if (!pg->w) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return kh_fail(err, KH_ERR_OSERR);
	}
	xmlTextWriterStartDocument(pg->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(pg->w, NULL, BAD_CAST "page", BAD_CAST KH_PAGE_NS);
	kh_page_attr(pg, "kind", kind);
	kh_page_attr(pg, "heading", title);
	kh_page_attr(pg, "path", req->path);
	kh_page_attr(pg, "lang", kh_lang == KH_LANG_EN ? "en" : "zh");
	const struct kh_user *u = req->user;
	if (u) {
		kh_page_attr(pg, "user", u->name);
		kh_page_attr(pg, "display", u->display && *u->display ? u->display : u->name);
		kh_page_attr(pg, "role", kh_role_code(u->role));
	}
	kh_page_attr(pg, "csrf", req->csrf);
	kh_day today = kh_pages_today();
	if (today != KH_DAY_NONE) {
		char buf[KH_TIME_BUFSZ];
		kh_page_attr(pg, "today", kh_day_format(today, buf));
	}
	return 0;
}

void kh_page_discard(struct kh_page *pg)
{
	if (pg->w)
		xmlFreeTextWriter(pg->w);
	pg->w = NULL;
	if (pg->doc)
		xmlFreeDoc(pg->doc);
	pg->doc = NULL;
}

/* A new empty file in $TMPDIR for a renderer to write; the caller
 * unlinks and frees. */
static char *temp_file(struct kh_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *path = kh_xasprintf("%s/kaohe-page.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		kh_error("%s: %s", path, strerror(errno));
		free(path);
		kh_fail(err, KH_ERR_IO);
		return NULL;
	}
	close(fd);
	return path;
}

/* The rendered bytes into the response, with the page's CSP when HTML. */
static int take_rendered(struct kh_response *resp, char *bytes, size_t len,
                         const char *type)
{
	kh_resp_take(resp, 200, type, bytes, len);
	/* the pages carry their CSS inline (and the scorecard its SVG charts):
	 * nothing else may load, forms post only here */
	if (strncmp(type, "text/html", 9) == 0)
		return kh_resp_header(resp, "Content-Security-Policy",
		                      "default-src 'none'; style-src 'unsafe-inline'; "
		                      "img-src data:; form-action 'self'; "
		                      "frame-ancestors 'none'; base-uri 'none'");
	return 0;
}

/* fn(doc, a temporary file) under the render lock, the file's bytes into
 * the response. */
static int render_into(struct kh_response *resp, xmlDocPtr doc, kh_render_fn *fn,
                       const char *type, struct kh_err *err)
{
	char *path = temp_file(err);
	if (!path)
		return -1;
	kh_pages_render_lock();
	int rc = fn(doc, path);
	kh_pages_render_unlock();
	size_t len = 0;
	char *bytes = rc ? NULL : kh_read_whole_file(path, &len);
	unlink(path);
	free(path);
	if (!bytes) {
		kh_error("%s", kh_tr("页面生成失败", "the page could not be rendered"));
		return kh_fail(err, rc == 74 ? KH_ERR_IO : KH_ERR_SOFTWARE);
	}
	return take_rendered(resp, bytes, len, type);
}

/* The page layouts (templates/pages.xsl, or a page's own stylesheet),
 * each compiled on its first page and kept until kh_pages_forget: a page
 * is transformed without the render lock, on as many threads as ask
 * (render.h, kh_xslt).  Changes to a template show after a restart. */
#define PAGE_LAYOUTS 4
static struct {
	const char *name;            /* the stylesheet as pages name it */
	struct kh_xslt *compiled;
} layouts[PAGE_LAYOUTS];
static pthread_mutex_t layouts_lock = PTHREAD_MUTEX_INITIALIZER;

/* The compiled layout named `name`, or NULL after printing why (it does
 * not compile, or the table is full).  Compiling takes the render lock:
 * it sets the renderers' process-wide loader state. */
static struct kh_xslt *page_layout(const char *name)
{
	pthread_mutex_lock(&layouts_lock);
	size_t i;
	for (i = 0; i < PAGE_LAYOUTS && layouts[i].name; i++)
		if (strcmp(layouts[i].name, name) == 0)
			break;
	if (i < PAGE_LAYOUTS && !layouts[i].name) {
		kh_pages_render_lock();
		struct kh_xslt *compiled = kh_xslt_compile(name);
		kh_pages_render_unlock();
		if (compiled) {
			layouts[i].name = name;
			layouts[i].compiled = compiled;
		}
	}
	struct kh_xslt *found = i < PAGE_LAYOUTS ? layouts[i].compiled : NULL;
	pthread_mutex_unlock(&layouts_lock);
	if (i == PAGE_LAYOUTS)
		kh_error("%s: %s", name, kh_tr("页面模板过多", "too many page stylesheets"));
	return found;
}

void kh_pages_forget(void)
{
	pthread_mutex_lock(&layouts_lock);
	for (size_t i = 0; i < PAGE_LAYOUTS; i++) {
		kh_xslt_free(layouts[i].compiled);
		layouts[i].compiled = NULL;
		layouts[i].name = NULL;
	}
	pthread_mutex_unlock(&layouts_lock);
}

int kh_page_rendered(struct kh_response *resp, xmlDocPtr doc, kh_render_fn *fn,
                     const char *type, const char *download, struct kh_err *err)
{
	if (render_into(resp, doc, fn, type, err))
		return -1;
	if (download) {
		char *disp = kh_xasprintf("attachment; filename=\"%s\"", download);
		kh_resp_header(resp, "Content-Disposition", disp);
		free(disp);
	}
	return 0;
}

int kh_page_send(struct kh_page *pg, struct kh_response *resp, int status,
                 struct kh_err *err)
{
	xmlTextWriterEndDocument(pg->w);
	xmlFreeTextWriter(pg->w);
	pg->w = NULL;
	if (!pg->doc || !xmlDocGetRootElement(pg->doc)) {
		kh_error("%s", kh_tr("页面文档无效", "the page document is not valid"));
		kh_page_discard(pg);
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	xmlNodePtr root = xmlDocGetRootElement(pg->doc);
	if (pg->attach) {
		xmlNodePtr at = root->children;
		while (at && at->type != XML_ELEMENT_NODE)
			at = at->next;
		xmlNodePtr copy = xmlDocCopyNode(pg->attach, pg->doc, 1);
		if (copy)
			xmlAddChild(at ? at : root, copy);
	}
	struct kh_xslt *layout =
		page_layout(pg->stylesheet ? pg->stylesheet : "templates/pages.xsl");
	char *html = NULL;
	size_t len = 0;
	int rc = layout ? kh_xslt_apply(layout, pg->doc, &html, &len) : EX_SOFTWARE;
	kh_page_discard(pg);
	if (rc) {
		kh_error("%s", kh_tr("页面生成失败", "the page could not be rendered"));
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	if (take_rendered(resp, html, len, "text/html; charset=utf-8"))
		return -1;
	resp->status = status;
	return 0;
}

int kh_page_message(struct kh_request *req, struct kh_response *resp,
                    int status, const char *message, const char *back,
                    struct kh_err *err)
{
	struct kh_page pg;
	if (kh_page_begin(&pg, req, "message", NULL, err))
		return -1;
	const char *attrs[] = { "code", message, "status", NULL, "back", back, NULL };
	char st[16];
	snprintf(st, sizeof st, "%d", status);
	attrs[3] = st;
	kh_page_elem(&pg, "message", NULL, attrs);
	return kh_page_send(&pg, resp, status, err);
}

int kh_pages_contract_ids(struct kh_request *req, char ***ids, size_t *count,
                          struct kh_err *err)
{
	char **all;
	size_t n;
	*ids = NULL;
	*count = 0;
	if (kh_store_contract_ids(req->store, &all, &n, err))
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (kh_user_may_see(req->user, all[i]))
			all[k++] = all[i];
		else
			free(all[i]);
	}
	*ids = all;
	*count = k;
	return 0;
}

void kh_pages_free_ids(char **ids, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(ids[i]);
	free(ids);
}

static void copy_attr(xmlNodePtr node, const char *name, char *buf, size_t size)
{
	xmlChar *v = node ? xmlGetProp(node, BAD_CAST name) : NULL;
	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
}

/* The figures of stored runs already read: a stored run never changes (its
 * id, with the time it was made, names it), so a page reads each
 * scorecard once, not on every request; the oldest entry goes first. */
#define RUN_SUMMARIES 256
static struct kh_page_run run_summaries[RUN_SUMMARIES];
static size_t run_summaries_next;
static pthread_mutex_t run_summaries_lock = PTHREAD_MUTEX_INITIALIZER;

static int same_run(const struct kh_page_run *known, const struct kh_stored_run *r)
{
	return known->id == r->id && strcmp(known->generated, r->generated_at) == 0 &&
	       strcmp(known->period, r->period) == 0;
}

/* *out from an earlier read of the same run: 1, else 0. */
static int known_run_summary(const struct kh_stored_run *r, struct kh_page_run *out)
{
	int found = 0;
	pthread_mutex_lock(&run_summaries_lock);
	for (size_t i = 0; i < RUN_SUMMARIES && !found; i++)
		if (run_summaries[i].id && same_run(&run_summaries[i], r)) {
			*out = run_summaries[i];
			found = 1;
		}
	pthread_mutex_unlock(&run_summaries_lock);
	return found;
}

static void remember_run_summary(const struct kh_page_run *summary)
{
	pthread_mutex_lock(&run_summaries_lock);
	run_summaries[run_summaries_next] = *summary;
	run_summaries_next = (run_summaries_next + 1) % RUN_SUMMARIES;
	pthread_mutex_unlock(&run_summaries_lock);
}

/* The figures read from the run's scorecard <summary>. */
static void read_run_summary(const struct kh_stored_run *r, struct kh_page_run *out)
{
	memset(out, 0, sizeof *out);
	out->id = r->id;
	snprintf(out->period, sizeof out->period, "%s", r->period);
	snprintf(out->as_of, sizeof out->as_of, "%s", r->as_of);
	snprintf(out->generated, sizeof out->generated, "%s", r->generated_at);
	xmlDocPtr doc = kh_xml_read_memory(r->scorecard_xml, strlen(r->scorecard_xml),
	                                   "run");
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr summary = NULL;
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "summary") == 0)
			summary = n;
	copy_attr(summary, "score", out->score, sizeof out->score);
	copy_attr(summary, "max", out->max, sizeof out->max);
	copy_attr(summary, "grade", out->grade, sizeof out->grade);
	if (doc)
		xmlFreeDoc(doc);
}

void kh_pages_run_summary(const struct kh_stored_run *r, struct kh_page_run *out)
{
	if (known_run_summary(r, out))
		return;
	read_run_summary(r, out);
	remember_run_summary(out);
}

void kh_page_run_elem(struct kh_page *pg, const struct kh_page_run *r)
{
	kh_page_start(pg, "run");
	kh_page_attrf(pg, "id", "%ld", r->id);
	kh_page_attr(pg, "period", r->period);
	kh_page_attr(pg, "as-of", r->as_of);
	kh_page_attr(pg, "generated", r->generated);
	kh_page_attr(pg, "score", r->score);
	kh_page_attr(pg, "max", r->max);
	kh_page_attr(pg, "grade", r->grade);
	kh_page_end(pg);
}

void kh_pages_periods(const struct kh_contract *c, kh_day upto,
                      struct kh_period **out, size_t *count)
{
	int y1, y2, m, d;
	kh_day_to_ymd(c->term_first, &y1, &m, &d);
	kh_day_to_ymd(c->term_last, &y2, &m, &d);
	size_t cap = (size_t)(y2 - y1 + 1) * 5, n = 0;
	struct kh_period *ps = kh_xcalloc(cap ? cap : 1, sizeof *ps);
	for (int y = y1; y <= y2; y++) {
		char text[16];
		snprintf(text, sizeof text, "%d", y);
		struct kh_period p;
		if (kh_period_parse(text, &p) == 0 && (upto == KH_DAY_NONE || p.first <= upto))
			ps[n++] = p;
		for (int q = 1; q <= 4; q++) {
			snprintf(text, sizeof text, "%dQ%d", y, q);
			if (kh_period_parse(text, &p) != 0)
				continue;
			if (p.last < c->term_first || p.first > c->term_last)
				continue;
			if (upto != KH_DAY_NONE && p.first > upto)
				continue;
			ps[n++] = p;
		}
	}
	*out = ps;
	*count = n;
}

void kh_page_appeal_elem(struct kh_page *pg, const struct kh_appeal *a)
{
	kh_page_start(pg, "appeal");
	kh_page_attrf(pg, "id", "%ld", a->id);
	kh_page_attr(pg, "contract", a->contract);
	kh_page_attr(pg, "period", a->period);
	kh_page_attr(pg, "indicator", a->indicator);
	kh_page_attr(pg, "state", a->state);
	kh_page_attr(pg, "filed-by", a->filed_by);
	kh_page_attr(pg, "filed-at", a->filed_at);
	kh_page_attr(pg, "reason", a->reason);
	if (a->decided_by && *a->decided_by) {
		kh_page_attr(pg, "decided-by", a->decided_by);
		kh_page_attr(pg, "decided-at", a->decided_at);
		kh_page_attr(pg, "decision-reason", a->decision_reason);
	}
	if (a->has_cost) {
		char c[48];
		kh_page_attr(pg, "cost", kh_fen_format(a->cost, c, sizeof c));
	}
	for (size_t k = 0; k < a->nrefs; k++) {
		const char *attrs[] = { "ref", a->refs[k].ref, "kind", a->refs[k].kind,
		                        "outcome", a->refs[k].outcome, NULL };
		kh_page_elem(pg, "item", NULL, attrs);
	}
	kh_page_end(pg);
}


int kh_page_app_error(struct kh_request *req, struct kh_response *resp,
                      const struct kh_err *app, const char *back,
                      struct kh_err *err)
{
	switch (app->kind) {
	case KH_ERR_NOINPUT:
		return kh_page_message(req, resp, 404, "not-found", back, err);
	case KH_ERR_USAGE:
	case KH_ERR_DATA:
		/* A page (GET) names nothing but its URL, whose mistakes are
		 * 404s before this: what is wrong is stored data, the calendar
		 * or the server's setup, said in the server's log. */
		if (strcmp(req->method, "GET") == 0)
			return kh_page_message(req, resp, 500, "data-error", back, err);
		return kh_page_message(req, resp, 400, "bad-input", back, err);
	default:
		if (err && err->kind == KH_ERR_NONE)
			*err = *app;   /* with its `full` (507) */
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
}
