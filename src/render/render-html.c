/* render-html.c: applies XSLT templates (the shipped templates or a user's file)
 * to XML documents.  Stylesheets and anything they include are read through
 * xmlsafe (no network, no entities) and run under libxslt security
 * preferences: no file writes, no directories, no network, and reads only
 * inside the stylesheet's own directory or the shipped templates. */
#include <errno.h>
#include <limits.h>
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

static int exslt_registered;

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

/* Whether `uri` names an existing file inside one of the allowed dirs. */
static int readable_here(const char *uri)
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
		const char *dir = allowed_dirs[i];
		if (!dir)
			continue;
		size_t n = strlen(dir);
		ok = strncmp(real, dir, n) == 0 && (real[n] == '/' || dir[n - 1] == '/');
	}
	free(real);
	return ok;
}

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
                      const char *value)
{
	(void)sec, (void)ctxt;
	if (value && readable_here(value))
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

/* libxslt's loader for xsl:include, xsl:import and document(): files in
 * the allowed directories only, read safely. */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options,
                             void *ctxt, xsltLoadType type)
{
	(void)options, (void)ctxt, (void)type;
	if (!uri || !readable_here((const char *)uri)) {
		kh_error("%s: %s", kh_tr("模板不得读取此文件", "the template may not read"),
		         uri ? (const char *)uri : "?");
		return NULL;
	}
	char *path = local_path((const char *)uri);
	xmlDocPtr doc = read_for_xslt(path, dict);
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

static int transform(xmlDocPtr doc, xsltStylesheetPtr style,
                     const char *const *extra, const char *out_path)
{
	xsltTransformContextPtr tctxt = xsltNewTransformContext(style, doc);
	xsltSecurityPrefsPtr sec = xsltGetDefaultSecurityPrefs();
	const char **params = build_params(extra);
	int rc = EX_DATAERR;
	if (!tctxt || xsltSetCtxtSecurityPrefs(sec, tctxt) != 0 ||
	    xsltQuoteUserParams(tctxt, params) != 0)
		goto out;
	xmlDocPtr result = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, tctxt);
	int failed = !result || tctxt->state == XSLT_STATE_ERROR ||
	             tctxt->state == XSLT_STATE_STOPPED;
	if (failed)
		kh_error("%s", kh_tr("XSLT 转换失败", "the XSLT transformation failed"));
	else
		rc = write_result(result, style, out_path);
	xmlFreeDoc(result);
out:
	if (tctxt)
		xsltFreeTransformContext(tctxt);
	free(params);
	return rc;
}

int kh_render_xslt_params(xmlDocPtr doc, const char *stylesheet,
                          const char *out_path, const char *const *params)
{
	char *path = find_stylesheet(stylesheet);
	if (!path) {
		kh_error("%s: %s", stylesheet, kh_tr("找不到模板", "stylesheet not found"));
		return EX_NOINPUT;
	}
	if (!exslt_registered) {
		exsltRegisterAll();
		exslt_registered = 1;
	}
	char *templates = kh_data_path("templates");
	allowed_dirs[0] = dir_of(path);
	allowed_dirs[1] = realpath(templates, NULL);
	free(templates);
	xsltSecurityPrefsPtr sec = new_security_prefs();
	xsltSecurityPrefsPtr old_default = xsltGetDefaultSecurityPrefs();
	xsltSetDefaultSecurityPrefs(sec);   /* covers xsl:include at load time */
	xsltSetLoaderFunc(safe_loader);
	int rc = EX_DATAERR;
	xsltStylesheetPtr style = load_stylesheet(path);
	if (style) {
		rc = transform(doc, style, params, out_path);
		xsltFreeStylesheet(style);
	}
	xsltSetLoaderFunc(NULL);
	xsltSetDefaultSecurityPrefs(old_default);
	xsltFreeSecurityPrefs(sec);
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
