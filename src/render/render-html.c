/* render-html.c: applies XSLT templates (the shipped templates or a user's file)
 * to XML documents.  Stylesheets and anything they include are read through
 * xmlsafe (no network, no entities) and run under libxslt security
 * preferences: no file writes, no directories, no network, and reads only
 * inside the stylesheet's own directory or the shipped templates.
 *
 * kh_render_xslt* compile, apply and free a stylesheet in one call, with
 * the allowed directories process-wide meanwhile (one call at a time).
 * A struct kh_xslt is compiled once (one at a time as well) and then
 * applied from any thread: its transforms read only the
 * directories and preferences it carries (the transform context's
 * _private), never the process-wide ones, and get a copy of each document
 * they read (document()) from the one it read first. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "datadir.h"
#include "msg.h"
#include "outfile.h"
#include "render.h"
#include "xmlsafe.h"

/* The directories a running stylesheet may read from (set per call). */
static char *allowed_dirs[2];

/* A compiled stylesheet kept for many transforms (render.h), with the
 * documents its transforms read through document() (templates/words.xml):
 * each read and checked once, then copied for every transform. */
#define KEPT_DOCUMENTS 4
struct kh_xslt {
	xsltStylesheetPtr style;
	char *dirs[2];            /* what its transforms may read */
	pthread_mutex_t documents_lock;
	struct {
		char *path;
		xmlDocPtr doc;    /* never changed once kept: only copied */
	} documents[KEPT_DOCUMENTS];
};

static pthread_once_t xslt_globals_once = PTHREAD_ONCE_INIT;
/* The security preferences of every load and transform, made once and
 * never changed (NULL: out of memory, and nothing renders); what a read
 * may reach is dirs_of's. */
static xsltSecurityPrefsPtr process_prefs;

static char *dir_of(const char *path)
{
	char *copy = kh_xstrdup(path);
	char *slash = strrchr(copy, '/');
	if (slash && slash != copy)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	else
		strcpy(copy, ".");
	return copy;
}

/* A local path for a URI or path; NULL for anything that is not a file. */
static char *local_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) == 0) {
		const char *rest = uri + 7;
		if (strncmp(rest, "localhost/", 10) == 0)
			rest += 9;
		if (rest[0] != '/')
			return NULL;
		return xmlURIUnescapeString(rest, 0, NULL);
	}
	for (const char *p = uri; *p && *p != '/'; p++)
		if (*p == ':')
			return NULL;   /* another scheme: not a file */
	return kh_xstrdup(uri);
}

/* Whether `uri` names an existing file inside one of `dirs`. */
static int readable_in(const char *uri, char *const dirs[2])
{
	char *path = local_path(uri);
	if (!path)
		return 0;
	char *real = realpath(path, NULL);
	free(path);
	if (!real)
		return 0;
	int ok = 0;
	for (size_t i = 0; i < 2 && !ok; i++) {
		const char *dir = dirs[i];
		if (!dir)
			continue;
		size_t n = strlen(dir);
		ok = strncmp(real, dir, n) == 0 && (real[n] == '/' || dir[n - 1] == '/');
	}
	free(real);
	return ok;
}

/* The directories a transform may read: its kh_xslt's, else those of
 * the one-call render under way. */
static char *const *dirs_of(xsltTransformContextPtr ctxt)
{
	const struct kh_xslt *kept = ctxt ? ctxt->_private : NULL;
	return kept ? kept->dirs : allowed_dirs;
}

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
                      const char *value)
{
	(void)sec;
	if (value && readable_in(value, dirs_of(ctxt)))
		return 1;
	kh_error("%s: %s", kh_tr("模板不得读取此文件", "the template may not read"),
	         value ? value : "?");
	return 0;
}

static xsltSecurityPrefsPtr new_security_prefs(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	if (!sec)
		return NULL;
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, check_read);
	return sec;
}

/* Read and parse an XML file safely (xmlsafe's refusal of entity
 * declarations), then parse the same bytes into `dict` for libxslt. */
static xmlDocPtr read_for_xslt(const char *path, xmlDictPtr dict)
{
	size_t len = 0;
	char *buf = kh_read_whole_file(path, &len);
	if (!buf) {
		kh_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	xmlDocPtr checked = kh_xml_read_memory(buf, len, path);
	if (!checked || !dict || len > INT_MAX) {
		free(buf);
		return checked;
	}
	xmlFreeDoc(checked);
	xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
	xmlDocPtr doc = NULL;
	if (pctxt) {
		xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
		doc = xmlCtxtReadMemory(pctxt, buf, (int)len, path, NULL,
		                        XML_PARSE_NONET | XML_PARSE_NOCDATA);
		xmlFreeParserCtxt(pctxt);
	}
	free(buf);
	return doc;
}

/* A copy of the document at path for a transform of x: read and checked
 * on its first use, then kept until kh_xslt_free (past KEPT_DOCUMENTS:
 * read each time, into dict). */
static xmlDocPtr kept_document(struct kh_xslt *x, const char *path, xmlDictPtr dict)
{
	pthread_mutex_lock(&x->documents_lock);
	size_t i;
	for (i = 0; i < KEPT_DOCUMENTS && x->documents[i].path; i++)
		if (strcmp(x->documents[i].path, path) == 0)
			break;
	if (i < KEPT_DOCUMENTS && !x->documents[i].path) {
		xmlDocPtr doc = read_for_xslt(path, NULL);
		if (doc) {
			x->documents[i].path = kh_xstrdup(path);
			x->documents[i].doc = doc;
		}
	}
	xmlDocPtr kept = i < KEPT_DOCUMENTS ? x->documents[i].doc : NULL;
	pthread_mutex_unlock(&x->documents_lock);
	if (!kept)
		return i < KEPT_DOCUMENTS ? NULL : read_for_xslt(path, dict);
	xmlDocPtr copy = xmlCopyDoc(kept, 1);
	if (!copy)
		kh_error("%s", kh_tr("内存不足", "out of memory"));
	return copy;
}

/* libxslt's loader for xsl:include, xsl:import and document(): files in
 * the allowed directories only, read safely. */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options,
                             void *ctxt, xsltLoadType type)
{
	(void)options;
	/* document() during a transform: ctxt is the transform context;
	 * xsl:import and xsl:include while compiling: the stylesheet */
	char *const *dirs = type == XSLT_LOAD_DOCUMENT ? dirs_of(ctxt) : allowed_dirs;
	if (!uri || !readable_in((const char *)uri, dirs)) {
		kh_error("%s: %s", kh_tr("模板不得读取此文件", "the template may not read"),
		         uri ? (const char *)uri : "?");
		return NULL;
	}
	char *path = local_path((const char *)uri);
	struct kh_xslt *kept = type == XSLT_LOAD_DOCUMENT && ctxt
	                       ? ((xsltTransformContextPtr)ctxt)->_private : NULL;
	xmlDocPtr doc = kept ? kept_document(kept, path, dict) : read_for_xslt(path, dict);
	free(path);
	return doc;
}

/* The stylesheet as given, else under the data root; NULL if neither. */
static char *find_stylesheet(const char *stylesheet)
{
	if (access(stylesheet, R_OK) == 0)
		return realpath(stylesheet, NULL);
	if (stylesheet[0] != '/') {
		char *shipped = kh_data_path(stylesheet);
		char *real = realpath(shipped, NULL);
		free(shipped);
		return real;
	}
	return NULL;
}

/* EXSLT's functions, the safe loader and the security preferences, once
 * for the process (libxslt's default preferences cover xsl:import and
 * xsl:include while compiling): they stay set, so nothing libxslt keeps
 * process-wide changes while a transform runs on another thread. */
static void set_xslt_globals(void)
{
	exsltRegisterAll();
	xsltSetLoaderFunc(safe_loader);
	process_prefs = new_security_prefs();
	if (process_prefs)
		xsltSetDefaultSecurityPrefs(process_prefs);
}

/* set_xslt_globals once; 0, or -1 after printing why. */
static int xslt_ready(void)
{
	pthread_once(&xslt_globals_once, set_xslt_globals);
	if (process_prefs)
		return 0;
	kh_error("%s", kh_tr("内存不足", "out of memory"));
	return -1;
}

static xsltStylesheetPtr load_stylesheet(const char *path)
{
	xmlDocPtr doc = read_for_xslt(path, NULL);
	if (!doc)
		return NULL;
	xmlFree((xmlChar *)doc->URL);
	doc->URL = xmlStrdup(BAD_CAST path);
	xsltStylesheetPtr style = xsltParseStylesheetDoc(doc);
	if (!style) {
		xmlFreeDoc(doc);
		kh_error("%s: %s", path, kh_tr("XSLT 模板有误", "not a valid XSLT stylesheet"));
	}
	return style;
}

static int write_result(xmlDocPtr result, xsltStylesheetPtr style,
                        const char *out_path)
{
	struct kh_outfile out;
	int rc = kh_outfile_open(&out, out_path, 0);
	if (rc)
		return rc;
	if (xsltSaveResultToFile(out.fp, result, style) < 0) {
		kh_error("%s: %s", out_path, kh_tr("写入失败", "write failed"));
		kh_outfile_abort(&out);
		return EX_IOERR;
	}
	return kh_outfile_commit(&out);
}

static const char **build_params(const char *const *extra)
{
	size_t n = 0;
	while (extra && extra[n])
		n += 2;
	const char **params = kh_xcalloc(n + 3, sizeof *params);
	params[0] = "lang";
	params[1] = kh_lang == KH_LANG_EN ? "en" : "zh";
	for (size_t i = 0; i < n; i++)
		params[2 + i] = extra[i];
	return params;
}

/* Apply style to doc under the process's security preferences, the
 * parameter `lang` and extra ones; kept (NULL for a one-call render) is the
 * kh_xslt whose read rules the transform follows.  The result, or NULL
 * after printing why.  (The result holds its own reference to the
 * context's dictionary, as xsltproc relies on.) */
static xmlDocPtr run_transform(xsltStylesheetPtr style, xmlDocPtr doc,
                               const char *const *extra, struct kh_xslt *kept)
{
	xsltTransformContextPtr tctxt = xsltNewTransformContext(style, doc);
	const char **params = build_params(extra);
	xmlDocPtr result = NULL;
	if (!tctxt)
		goto out;
	tctxt->_private = kept;   /* check_read, safe_loader */
	if (xsltSetCtxtSecurityPrefs(process_prefs, tctxt) != 0 ||
	    xsltQuoteUserParams(tctxt, params) != 0)
		goto out;
	result = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, tctxt);
	if (result && (tctxt->state == XSLT_STATE_ERROR ||
	               tctxt->state == XSLT_STATE_STOPPED)) {
		xmlFreeDoc(result);
		result = NULL;
	}
	if (!result)
		kh_error("%s", kh_tr("XSLT 转换失败", "the XSLT transformation failed"));
out:
	if (tctxt)
		xsltFreeTransformContext(tctxt);
	free(params);
	return result;
}

static int transform(xmlDocPtr doc, xsltStylesheetPtr style,
                     const char *const *extra, const char *out_path)
{
	xmlDocPtr result = run_transform(style, doc, extra, NULL);
	if (!result)
		return EX_DATAERR;
	int rc = write_result(result, style, out_path);
	xmlFreeDoc(result);
	return rc;
}

/* The stylesheet's path (found as find_stylesheet finds it) with libxslt
 * set up for it, and the two directories it may read put in dirs[]; NULL
 * after printing why, *rc the sysexits code. */
static char *stylesheet_ready(const char *stylesheet, char *dirs[2], int *rc)
{
	char *path = find_stylesheet(stylesheet);
	if (!path) {
		kh_error("%s: %s", stylesheet, kh_tr("找不到模板", "stylesheet not found"));
		*rc = EX_NOINPUT;
		return NULL;
	}
	if (xslt_ready()) {
		free(path);
		*rc = EX_OSERR;
		return NULL;
	}
	char *templates = kh_data_path("templates");
	dirs[0] = dir_of(path);
	dirs[1] = realpath(templates, NULL);
	free(templates);
	return path;
}

int kh_render_xslt_params(xmlDocPtr doc, const char *stylesheet,
                          const char *out_path, const char *const *params)
{
	int rc;
	char *path = stylesheet_ready(stylesheet, allowed_dirs, &rc);
	if (!path)
		return rc;
	rc = EX_DATAERR;
	xsltStylesheetPtr style = load_stylesheet(path);
	if (style) {
		rc = transform(doc, style, params, out_path);
		xsltFreeStylesheet(style);
	}
	for (size_t i = 0; i < 2; i++) {
		free(allowed_dirs[i]);
		allowed_dirs[i] = NULL;
	}
	free(path);
	return rc;
}

int kh_render_xslt(xmlDocPtr doc, const char *stylesheet, const char *out_path)
{
	return kh_render_xslt_params(doc, stylesheet, out_path, NULL);
}

int kh_render_scorecard_html(xmlDocPtr scorecard, const char *stylesheet,
                             const char *out_path)
{
	xmlDocPtr copy = xmlCopyDoc(scorecard, 1);
	if (!copy) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return EX_OSERR;
	}
	kh_render_localize(copy);
	kh_render_charts_attach(copy);
	int rc = kh_render_xslt(copy, stylesheet ? stylesheet : "templates/scorecard.xsl",
	                        out_path);
	xmlFreeDoc(copy);
	return rc;
}

/* ---- a stylesheet compiled once, applied many times ---------------------- */

void kh_xslt_free(struct kh_xslt *x)
{
	if (!x)
		return;
	if (x->style)
		xsltFreeStylesheet(x->style);
	free(x->dirs[0]);
	free(x->dirs[1]);
	for (size_t i = 0; i < KEPT_DOCUMENTS; i++) {
		free(x->documents[i].path);
		if (x->documents[i].doc)
			xmlFreeDoc(x->documents[i].doc);
	}
	pthread_mutex_destroy(&x->documents_lock);
	free(x);
}

struct kh_xslt *kh_xslt_compile(const char *stylesheet)
{
	struct kh_xslt *x = kh_xcalloc(1, sizeof *x);
	pthread_mutex_init(&x->documents_lock, NULL);
	int unused;
	char *path = stylesheet_ready(stylesheet, x->dirs, &unused);
	if (!path) {
		kh_xslt_free(x);
		return NULL;
	}
	/* compiling reads xsl:import through the process-wide directories,
	 * as a one-call render does */
	allowed_dirs[0] = x->dirs[0];
	allowed_dirs[1] = x->dirs[1];
	x->style = load_stylesheet(path);
	allowed_dirs[0] = allowed_dirs[1] = NULL;
	free(path);
	if (!x->style) {
		kh_xslt_free(x);
		return NULL;
	}
	return x;
}

int kh_xslt_apply(struct kh_xslt *x, xmlDocPtr doc, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	xmlDocPtr result = run_transform(x->style, doc, NULL, x);
	if (!result)
		return EX_DATAERR;
	xmlChar *text = NULL;
	int n = 0, rc = EX_DATAERR;
	if (xsltSaveResultToString(&text, &n, result, x->style) != 0 || n < 0) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
	} else {
		*len = (size_t)n;
		*out = kh_xmalloc(*len + 1);
		if (*len)
			memcpy(*out, text, *len);
		(*out)[*len] = '\0';
		rc = 0;
	}
	xmlFree(text);
	xmlFreeDoc(result);
	return rc;
}
