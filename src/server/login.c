/* login.c: the routes of who is calling (kh_routes_auth) — GET/POST
 * /login, POST /logout, GET /account and an insurer's API tokens (POST
 * /account/tokens, /account/tokens/revoke).  Pages are XML written with
 * the libxml2 writer (urn:kaohe:auth:1) and rendered through
 * templates/login.xsl and templates/account.xsl.
 *
 * Invariants: a login answers the same for an unknown name, a wrong
 * password and a disabled user; a login always starts a new session id (no
 * fixation) and ends the one the browser had; ?next= is followed only to a
 * local path; a new token appears in exactly one response; every login,
 * failed login, logout and token change is in the audit log (account.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "account.h"
#include "auth.h"
#include "datadir.h"
#include "msg.h"
#include "server.h"
#include "store-log.h"
#include "store-users.h"
#include "xmlsafe.h"

#define AUTH_NS "urn:kaohe:auth:1"
#define COOKIE "kaohe_session"
/* The pages load nothing from outside and run no script; the styles are
 * inline. */
#define AUTH_CSP "default-src 'none'; style-src 'unsafe-inline'; " \
                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/* ---- rendering ------------------------------------------------------------------ */

enum { T_LOGIN, T_ACCOUNT, T_COUNT };
static const char *const template_names[T_COUNT] = {
	"templates/login.xsl", "templates/account.xsl",
};
static xsltStylesheetPtr templates[T_COUNT];
static pthread_once_t templates_once = PTHREAD_ONCE_INIT;

/* Read the two stylesheets once, through xmlsafe (no entities, no
 * network); they include nothing. */
static void load_templates(void)
{
	for (int i = 0; i < T_COUNT; i++) {
		char *path = kh_data_path(template_names[i]);
		size_t len;
		char *text = kh_read_whole_file(path, &len);
		xmlDocPtr doc = text ? kh_xml_read_memory(text, len, path) : NULL;
		if (!text)
			kh_error("%s: %s", path, kh_tr("无法读取", "cannot be read"));
		if (doc && !(templates[i] = xsltParseStylesheetDoc(doc)))
			xmlFreeDoc(doc);
		free(text);
		free(path);
	}
}

/* Transform the page document with template t into the response, with the
 * security preferences forbidding every file and network access. */
static int render(xmlDocPtr doc, int t, struct kh_response *resp, int status,
                  struct kh_err *err)
{
	pthread_once(&templates_once, load_templates);
	if (!templates[t]) {
		kh_error("%s: %s", template_names[t], kh_tr("模板不可用", "template unusable"));
		return kh_fail(err, KH_ERR_CONFIG);
	}
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	xsltTransformContextPtr ctxt = xsltNewTransformContext(templates[t], doc);
	xmlDocPtr out = NULL;
	if (sec && ctxt) {
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
		xsltSetCtxtSecurityPrefs(sec, ctxt);
		const char *params[] = { "lang", kh_lang == KH_LANG_EN ? "'en'" : "'zh'", NULL };
		out = xsltApplyStylesheetUser(templates[t], doc, params, NULL, NULL, ctxt);
	}
	xmlChar *html = NULL;
	int len = 0;
	if (out && xsltSaveResultToString(&html, &len, out, templates[t]) != 0)
		html = NULL;
	if (out)
		xmlFreeDoc(out);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (sec)
		xsltFreeSecurityPrefs(sec);
	if (!html) {
		kh_error("%s: %s", template_names[t], kh_tr("转换失败", "transformation failed"));
		return kh_fail(err, KH_ERR_SOFTWARE);
	}
	char *body = kh_xasprintf("<!DOCTYPE html>\n%s", (const char *)html);
	xmlFree(html);
	kh_resp_take(resp, status, "text/html; charset=utf-8", body, strlen(body));
	return kh_resp_header(resp, "Content-Security-Policy", AUTH_CSP);
}

/* A page document: <ROOT xmlns="urn:kaohe:auth:1"> ... */
struct page {
	xmlDocPtr doc;
	xmlTextWriterPtr w;
};

static void page_begin(struct page *pg, const char *root)
{
	pg->doc = NULL;
	pg->w = xmlNewTextWriterDoc(&pg->doc, 0);
	if (!pg->w) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		exit(71);
	}
	xmlTextWriterStartDocument(pg->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(pg->w, NULL, BAD_CAST root, BAD_CAST AUTH_NS);
}

static void attr(struct page *pg, const char *name, const char *value)
{
	if (value)
		xmlTextWriterWriteAttribute(pg->w, BAD_CAST name, BAD_CAST value);
}

static int page_send(struct page *pg, int t, struct kh_response *resp, int status,
                     struct kh_err *err)
{
	xmlTextWriterEndDocument(pg->w);
	xmlFreeTextWriter(pg->w);
	int rc = render(pg->doc, t, resp, status, err);
	xmlFreeDoc(pg->doc);
	return rc;
}

/* ---- helpers ---------------------------------------------------------------- */

/* Only a local path: "/x", never "//host", "/\host", a scheme, or
 * anything but printable ASCII (the dispatcher percent-encodes); else
 * "/". */
static const char *local_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 512)
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			return "/";
	return next;
}

static int set_cookie(struct kh_response *resp, const struct kh_request *req,
                      const char *id, long max_age)
{
	char *v = kh_xasprintf("%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%ld%s",
	                       COOKIE, id, max_age, req->tls ? "; Secure" : "");
	int rc = kh_resp_header(resp, "Set-Cookie", v);
	explicit_bzero(v, strlen(v));
	free(v);
	return rc;
}

static const char *remote_of(const struct kh_request *req)
{
	return req->remote && *req->remote ? req->remote : "?";
}

/* ---- /login, /logout ---------------------------------------------------------- */

/* The login page; status "", "refused", "limited" or "ended". */
static int login_page(struct kh_request *req, struct kh_response *resp, int code,
                      const char *status, long retry_after, struct kh_err *err)
{
	struct page pg;
	page_begin(&pg, "login");
	const char *next = kh_req_form(req, "next");
	if (!next)
		next = kh_req_query(req, "next");
	attr(&pg, "next", local_next(next));
	attr(&pg, "status", status);
	char minutes[24];
	if (retry_after > 0) {
		snprintf(minutes, sizeof minutes, "%ld", (retry_after + 59) / 60);
		attr(&pg, "retry-minutes", minutes);
	}
	return page_send(&pg, T_LOGIN, resp, code, err);
}

static int get_login(struct kh_request *req, struct kh_response *resp,
                     struct kh_err *err)
{
	const char *was = kh_req_query(req, "ended");
	return login_page(req, resp, 200, was ? "ended" : NULL, 0, err);
}

/* The host part of "host[:port]" (or "[v6]:port"): its length. */
static size_t host_len(const char *text)
{
	if (text[0] == '[') {
		const char *end = strchr(text, ']');
		return end ? (size_t)(end - text) + 1 : strlen(text);
	}
	return strcspn(text, ":/");
}

/* A browser names the page a POST comes from (Origin); one from another
 * site is refused, so no page elsewhere can log a visitor in as somebody
 * else.  The hosts are compared without their ports (a proxy may pass
 * Host without the port: nginx's $host).  No Origin (curl, older
 * browsers): allowed. */
static int same_origin(const struct kh_request *req)
{
	const char *origin = kh_req_header(req, "Origin");
	const char *host = kh_req_header(req, "Host");
	if (!origin)
		return 1;
	const char *sep = strstr(origin, "://");
	if (!host || !sep)
		return 0;
	sep += 3;
	size_t a = host_len(sep), b = host_len(host);
	return a > 0 && a == b && strncasecmp(sep, host, a) == 0;
}

static int post_login(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *err)
{
	if (!same_origin(req))
		return kh_resp_error_page(resp, 403, kh_tr("登录表单来自其他网站",
		                                           "the login form came from another site"));
	const char *name = kh_req_form(req, "name");
	const char *password = kh_req_form(req, "password");
	enum kh_login_result result;
	long wait;
	struct kh_user *user;
	if (kh_login(req->store, name, password, remote_of(req), &result, &wait, &user, err))
		return -1;
	if (result == KH_LOGIN_LIMITED) {
		char secs[24];
		snprintf(secs, sizeof secs, "%ld", wait);
		if (login_page(req, resp, 429, "limited", wait, err))
			return -1;
		return kh_resp_header(resp, "Retry-After", secs);
	}
	if (result != KH_LOGIN_OK)
		return login_page(req, resp, 401, "refused", 0, err);
	/* a new id whatever the browser sent: no session fixation */
	const char *old = kh_req_cookie(req, COOKIE);
	char id[KH_SECRET_BUFSZ], csrf[KH_HEX_BUFSZ];
	int rc = (old ? kh_session_end(req->store, old, err) : 0)
	         || kh_session_start(req->store, user->id, id, csrf, err) ? -1 : 0;
	kh_user_free(user);
	if (rc)
		return -1;
	const char *next = local_next(kh_req_form(req, "next"));
	rc = kh_resp_redirect(resp, next);
	if (rc == 0)
		rc = set_cookie(resp, req, id, KH_SESSION_MAX_S);
	explicit_bzero(id, sizeof id);
	return rc;
}

static int post_logout(struct kh_request *req, struct kh_response *resp,
                       struct kh_err *err)
{
	if (req->session && kh_session_end(req->store, req->session, err))
		return -1;
	struct kh_log_entry e = { .who = req->user->name, .action = "logout",
	                          .subject = remote_of(req) };
	if (kh_store_log_append(req->store, &e, err))
		return -1;
	if (kh_resp_redirect(resp, "/login?ended=1"))
		return -1;
	return set_cookie(resp, req, "", 0);
}

/* ---- /account --------------------------------------------------------------- */

static int account_page(struct kh_request *req, struct kh_response *resp,
                        const char *new_token, long new_id, struct kh_err *err)
{
	const struct kh_user *u = req->user;
	struct kh_token_rec *tokens = NULL;
	size_t ntokens = 0;
	if (u->role == KH_ROLE_INSURER
	    && kh_store_token_list(req->store, u->id, &tokens, &ntokens, err))
		return -1;
	struct page pg;
	page_begin(&pg, "account");
	attr(&pg, "name", u->name);
	attr(&pg, "display", u->display);
	attr(&pg, "role", kh_role_code(u->role));
	attr(&pg, "csrf", req->csrf);
	for (size_t i = 0; i < u->ncontracts; i++) {
		xmlTextWriterStartElement(pg.w, BAD_CAST "contract");
		attr(&pg, "id", u->contracts[i]);
		xmlTextWriterEndElement(pg.w);
	}
	if (new_token) {
		char id[24];
		snprintf(id, sizeof id, "%ld", new_id);
		xmlTextWriterStartElement(pg.w, BAD_CAST "new-token");
		attr(&pg, "id", id);
		xmlTextWriterWriteString(pg.w, BAD_CAST new_token);
		xmlTextWriterEndElement(pg.w);
	}
	for (size_t i = 0; i < ntokens; i++) {
		char id[24];
		snprintf(id, sizeof id, "%ld", tokens[i].id);
		xmlTextWriterStartElement(pg.w, BAD_CAST "token");
		attr(&pg, "id", id);
		attr(&pg, "label", tokens[i].label);
		attr(&pg, "created", tokens[i].created_at);
		if (*tokens[i].revoked_at)
			attr(&pg, "revoked", tokens[i].revoked_at);
		xmlTextWriterEndElement(pg.w);
	}
	kh_token_recs_free(tokens, ntokens);
	return page_send(&pg, T_ACCOUNT, resp, 200, err);
}

static int get_account(struct kh_request *req, struct kh_response *resp,
                       struct kh_err *err)
{
	return account_page(req, resp, NULL, 0, err);
}

static int post_token(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *err)
{
	const char *label = kh_req_form(req, "label");
	if (label && strlen(label) > 200)
		return kh_resp_error_page(resp, 400, kh_tr("标签太长（至多 200 个字节）",
		                                           "the label is too long (200 bytes at most)"));
	char token[KH_SECRET_BUFSZ];
	long id;
	struct kh_err mine = { 0 };
	if (kh_account_token_new(req->store, NULL, req->user->id, label, req->user->name,
	                         token, &id, &mine)) {
		if (mine.kind == KH_ERR_USAGE || mine.kind == KH_ERR_NOINPUT)
			return kh_resp_error_page(resp, 400, kh_tr("无法发放令牌", "no token can be made"));
		return kh_fail(err, mine.kind);
	}
	int rc = account_page(req, resp, token, id, err);
	explicit_bzero(token, sizeof token);
	return rc;
}

static int post_revoke(struct kh_request *req, struct kh_response *resp,
                       struct kh_err *err)
{
	const char *text = kh_req_form(req, "id");
	char *end;
	long id = text ? strtol(text, &end, 10) : 0;
	if (!text || *end || id <= 0)
		return kh_resp_error_page(resp, 400, kh_tr("令牌编号无效", "invalid token number"));
	int revoked;
	if (kh_account_token_revoke(req->store, id, req->user->id, req->user->name,
	                            &revoked, err))
		return -1;
	if (!revoked)   /* another's token, an unknown one, or revoked before */
		return kh_resp_error_page(resp, 404, kh_tr("没有这个有效的令牌",
		                                           "no such valid token"));
	return kh_resp_redirect(resp, "/account");
}

const struct kh_route kh_routes_auth[] = {
	{ "GET", "/login", 0, KH_ROUTE_PUBLIC, get_login },
	{ "POST", "/login", 0, KH_ROUTE_PUBLIC, post_login },
	{ "POST", "/logout", KH_ROLES_ALL, KH_ROUTE_CSRF, post_logout },
	{ "GET", "/account", KH_ROLES_ALL, 0, get_account },
	{ "POST", "/account/tokens", KH_ROLE_INSURER, KH_ROUTE_CSRF, post_token },
	{ "POST", "/account/tokens/revoke", KH_ROLE_INSURER, KH_ROUTE_CSRF, post_revoke },
	{ NULL, NULL, 0, 0, NULL },
};
