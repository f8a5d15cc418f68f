/* http.c: one HTTP request's life inside `kaohe serve` — collecting the
 * body within the limit, the request and response functions of server.h,
 * the dispatcher over the three route tables (route, authenticate,
 * authorize, CSRF, handler, security headers), and the log line.
 *
 * Invariants: a handler runs only after its route's roles and CSRF check
 * passed; no answer leaves without the security headers; the log line
 * never holds a header value, a query, a cookie or a body (no token or
 * session id can reach the log). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "http-mhd.h"
#include "msg.h"
#include "serve.h"
#include "server.h"
#include "store.h"

static size_t max_body = KH_SERVE_MAX_BODY;
static int daemon_tls;
static atomic_long in_flight;
static atomic_int closing;

void kh_http_configure(size_t limit, int tls)
{
	max_body = limit ? limit : KH_SERVE_MAX_BODY;
	daemon_tls = tls;
}

long kh_http_in_flight(void)
{
	return atomic_load(&in_flight);
}

void kh_http_closing(void)
{
	atomic_store(&closing, 1);
}

/* ---- the state of one request (MHD's con_cls) ---------------------------- */

struct form_field {
	char *name, *value;
};

struct conn_state {
	struct MHD_Connection *conn;
	struct timespec start;
	char *method, *path;       /* copies, for the log line */
	char remote[INET6_ADDRSTRLEN + 2];
	int proxied_tls;           /* X-Forwarded-Proto: https from the proxy */
	char *body;
	size_t len, cap;
	int too_large;             /* the body passed the limit: answer 413 */
	unsigned long long dropped;   /* bytes read past the limit */
	int answered;              /* a response was queued */
	int status;
	size_t bytes;
	struct form_field *form;   /* kh_req_form's parsed body */
	size_t nform;
	int form_parsed;
};

static void remote_text(struct MHD_Connection *conn, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(buf, size, "-");
	if (!info || !info->client_addr)
		return;
	const struct sockaddr *sa = info->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
		          (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
		          (socklen_t)size);
}

/* Plain HTTP listens only on loopback, behind a reverse proxy (man
 * kaohe-serve): from a loopback peer, X-Real-IP names the client (for the
 * log and the login limits) and X-Forwarded-Proto: https says the client
 * spoke HTTPS (so cookies are Secure).  Never on an HTTPS daemon. */
static void behind_proxy(struct MHD_Connection *conn, struct conn_state *st)
{
	if (daemon_tls || (strncmp(st->remote, "127.", 4) != 0 && strcmp(st->remote, "::1") != 0))
		return;
	const char *real = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
	unsigned char addr[sizeof(struct in6_addr)];
	if (real && strlen(real) < sizeof st->remote &&
	    (inet_pton(AF_INET, real, addr) == 1 || inet_pton(AF_INET6, real, addr) == 1))
		snprintf(st->remote, sizeof st->remote, "%s", real);
	const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                                "X-Forwarded-Proto");
	st->proxied_tls = proto && strcasecmp(proto, "https") == 0;
}

/* ---- the request's parts -------------------------------------------------- */

static struct MHD_Connection *conn_of(const struct kh_request *req)
{
	const struct conn_state *st = req->impl;
	return st ? st->conn : NULL;
}

const char *kh_req_header(const struct kh_request *req, const char *name)
{
	struct MHD_Connection *c = conn_of(req);
	return c ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, name) : NULL;
}

const char *kh_req_query(const struct kh_request *req, const char *name)
{
	struct MHD_Connection *c = conn_of(req);
	return c ? MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name) : NULL;
}

const char *kh_req_cookie(const struct kh_request *req, const char *name)
{
	struct MHD_Connection *c = conn_of(req);
	return c ? MHD_lookup_connection_value(c, MHD_COOKIE_KIND, name) : NULL;
}

/* Decode one application/x-www-form-urlencoded part in place. */
static void form_decode(char *text)
{
	for (char *p = text; *p; p++)
		if (*p == '+')
			*p = ' ';
	MHD_http_unescape(text);
}

static void parse_form(struct kh_request *req, struct conn_state *st)
{
	st->form_parsed = 1;
	const char *type = kh_req_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0)
		return;
	if (!req->body || req->body_len == 0 || memchr(req->body, '\0', req->body_len))
		return;
	char *copy = kh_xmalloc(req->body_len + 1);
	memcpy(copy, req->body, req->body_len);
	copy[req->body_len] = '\0';
	size_t cap = 0;
	char *save = NULL;
	for (char *part = strtok_r(copy, "&", &save); part;
	     part = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(part, '=');
		if (eq)
			*eq = '\0';
		char *name = kh_xstrdup(part);
		char *value = kh_xstrdup(eq ? eq + 1 : "");
		form_decode(name);
		form_decode(value);
		if (st->nform == cap) {
			cap = cap ? cap * 2 : 8;
			st->form = kh_xrealloc(st->form, cap * sizeof *st->form);
		}
		st->form[st->nform].name = name;
		st->form[st->nform].value = value;
		st->nform++;
	}
	free(copy);
}

const char *kh_req_form(struct kh_request *req, const char *name)
{
	struct conn_state *st = req->impl;
	if (!st)
		return NULL;
	if (!st->form_parsed)
		parse_form(req, st);
	for (size_t i = 0; i < st->nform; i++)
		if (strcmp(st->form[i].name, name) == 0)
			return st->form[i].value;
	return NULL;
}

/* ---- responses ------------------------------------------------------------ */

int kh_resp_bytes(struct kh_response *resp, int status, const char *type,
                  const void *bytes, size_t len)
{
	char *copy = kh_xmalloc(len + 1);
	if (len)
		memcpy(copy, bytes, len);
	copy[len] = '\0';
	kh_resp_take(resp, status, type, copy, len);
	return 0;
}

int kh_resp_text(struct kh_response *resp, int status, const char *type,
                 const char *text)
{
	return kh_resp_bytes(resp, status, type, text, strlen(text));
}

void kh_resp_take(struct kh_response *resp, int status, const char *type,
                  char *body, size_t len)
{
	free(resp->body);
	resp->status = status;
	resp->content_type = type;
	resp->body = body;
	resp->body_len = len;
}

/* Header names and values must not split the header block. */
static int header_safe(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p == '\r' || *p == '\n' || (*p < 0x20 && *p != '\t'))
			return 0;
	return 1;
}

int kh_resp_header(struct kh_response *resp, const char *name,
                   const char *value)
{
	if (resp->nheaders >= KH_RESP_MAX_HEADERS || !header_safe(name) ||
	    !header_safe(value)) {
		kh_error("%s: %s", kh_tr("响应头无效或过多", "bad or too many response headers"),
		         name);
		return -1;
	}
	resp->headers[resp->nheaders][0] = kh_xstrdup(name);
	resp->headers[resp->nheaders][1] = kh_xstrdup(value);
	resp->nheaders++;
	return 0;
}

int kh_resp_redirect(struct kh_response *resp, const char *location)
{
	kh_resp_text(resp, 303, "text/plain; charset=utf-8", "");
	return kh_resp_header(resp, "Location", location);
}

/* Append `text` JSON-escaped (quotes, backslash, controls) to buf. */
static void json_escape(char **buf, size_t *len, size_t *cap, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		char piece[8];
		if (*p == '"' || *p == '\\')
			snprintf(piece, sizeof piece, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			snprintf(piece, sizeof piece, "\\u%04x", *p);
		else
			snprintf(piece, sizeof piece, "%c", *p);
		size_t n = strlen(piece);
		if (*len + n + 1 > *cap) {
			*cap = (*len + n + 1) * 2;
			*buf = kh_xrealloc(*buf, *cap);
		}
		memcpy(*buf + *len, piece, n + 1);
		*len += n;
	}
}

static void append(char **buf, size_t *len, size_t *cap, const char *text)
{
	size_t n = strlen(text);
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = kh_xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, text, n + 1);
	*len += n;
}

int kh_resp_json_error(struct kh_response *resp, int status, const char *code,
                       const char *message)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	append(&buf, &len, &cap, "{\"error\": \"");
	json_escape(&buf, &len, &cap, code);
	append(&buf, &len, &cap, "\", \"message\": \"");
	json_escape(&buf, &len, &cap, message);
	append(&buf, &len, &cap, "\"}\n");
	kh_resp_take(resp, status, "application/json", buf, len);
	return 0;
}

/* Append text with &, <, >, " and ' escaped. */
static void html_escape(char **buf, size_t *len, size_t *cap, const char *text)
{
	for (const char *p = text ? text : ""; *p; p++) {
		char piece[2] = { *p, '\0' };
		const char *out = piece;
		switch (*p) {
		case '&': out = "&amp;"; break;
		case '<': out = "&lt;"; break;
		case '>': out = "&gt;"; break;
		case '"': out = "&quot;"; break;
		case '\'': out = "&#39;"; break;
		}
		append(buf, len, cap, out);
	}
}

int kh_resp_error_page(struct kh_response *resp, int status, const char *message)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	char code[16];
	snprintf(code, sizeof code, "%d", status);
	append(&buf, &len, &cap,
	       "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	       "<title>");
	append(&buf, &len, &cap, code);
	append(&buf, &len, &cap, " · 考核</title></head><body><h1>");
	append(&buf, &len, &cap, code);
	append(&buf, &len, &cap, "</h1><p>");
	html_escape(&buf, &len, &cap, message);
	append(&buf, &len, &cap, "</p><p><a href=\"/\">返回首页</a></p></body></html>\n");
	kh_resp_take(resp, status, "text/html; charset=utf-8", buf, len);
	return 0;
}

void kh_resp_free(struct kh_response *resp)
{
	if (!resp)
		return;
	free(resp->body);
	for (size_t i = 0; i < resp->nheaders; i++) {
		free(resp->headers[i][0]);
		free(resp->headers[i][1]);
	}
	memset(resp, 0, sizeof *resp);
}

/* ---- dispatch --------------------------------------------------------------- */

static int path_matches(const struct kh_route *r, const char *path)
{
	if (r->flags & KH_ROUTE_PREFIX)
		return strncmp(path, r->path, strlen(r->path)) == 0;
	return strcmp(path, r->path) == 0;
}

const struct kh_route *kh_http_find_route(const char *method, const char *path,
                                          int *path_known)
{
	const struct kh_route *const tables[] = {
		kh_routes_receive, kh_routes_auth, kh_routes_pages,
	};
	/* HEAD is answered as GET without the body (libmicrohttpd drops it). */
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	const struct kh_route *prefix_match = NULL;
	*path_known = 0;
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (const struct kh_route *r = tables[t]; r && r->method; r++) {
			if (!path_matches(r, path))
				continue;
			if (strcmp(r->method, m) != 0) {
				*path_known = 1;
				continue;
			}
			/* An exact path wins over a prefix; the longest prefix wins. */
			if (!(r->flags & KH_ROUTE_PREFIX))
				return r;
			if (!prefix_match || strlen(r->path) > strlen(prefix_match->path))
				prefix_match = r;
		}
	return prefix_match;
}

/* Whether the route answers in JSON (API routes) rather than pages. */
static int wants_json(const struct kh_route *route, const struct kh_request *req)
{
	if (route && (route->flags & KH_ROUTE_TOKEN))
		return 1;
	if (strncmp(req->path, "/submissions", 12) == 0)
		return 1;
	const char *accept = kh_req_header(req, MHD_HTTP_HEADER_ACCEPT);
	return accept && strstr(accept, "application/json") &&
	       !strstr(accept, "text/html");
}

static void refuse(const struct kh_route *route, struct kh_request *req,
                   struct kh_response *resp, int status, const char *code,
                   const char *message)
{
	if (wants_json(route, req))
		kh_resp_json_error(resp, status, code, message);
	else
		kh_resp_error_page(resp, status, message);
}

/* Percent-encode for a query value. */
static char *url_encode(const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = kh_xmalloc(strlen(text) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

static void to_login(struct kh_request *req, struct kh_response *resp)
{
	char *next = url_encode(req->path);
	char *location = kh_xasprintf("/login?next=%s", next);
	kh_resp_redirect(resp, location);
	free(location);
	free(next);
}

/* The security headers every answer carries; Cache-Control no-store unless
 * the handler chose its own (static files). */
static void add_security_headers(struct MHD_Response *r, const struct kh_response *resp)
{
	int has_cache = 0, has_csp = 0;
	for (size_t i = 0; i < resp->nheaders; i++) {
		if (strcasecmp(resp->headers[i][0], "Cache-Control") == 0)
			has_cache = 1;
		if (strcasecmp(resp->headers[i][0], "Content-Security-Policy") == 0)
			has_csp = 1;
	}
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	if (!has_csp)
		MHD_add_response_header(r, "Content-Security-Policy",
		                        "default-src 'self'; frame-ancestors 'none'");
	if (!has_cache)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if (daemon_tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

void kh_http_dispatch(struct kh_request *req, struct kh_response *resp)
{
	struct kh_err err = { 0 };
	struct kh_user *user = NULL;
	int path_known = 0;
	const struct kh_route *route = kh_http_find_route(req->method, req->path,
	                                                  &path_known);
	if (!route) {
		if (path_known)
			refuse(NULL, req, resp, 405, "method-not-allowed",
			       kh_tr("此地址不接受这种请求方法", "method not allowed here"));
		else
			refuse(NULL, req, resp, 404, "not-found",
			       kh_tr("没有这个页面", "no such page"));
		return;
	}
	req->store = kh_serve_thread_store(&err);
	if (!req->store) {
		refuse(route, req, resp, 503, "unavailable",
		       kh_tr("数据库暂时无法打开", "the database cannot be opened"));
		return;
	}
	int rc;
	if (route->flags & KH_ROUTE_TOKEN)
		rc = kh_auth_bearer(req, &user, &err);
	else
		rc = kh_auth_session(req, &user, &err);
	if (rc) {
		refuse(route, req, resp, 500, "internal",
		       kh_tr("身份验证出错", "authentication failed internally"));
		goto done;
	}
	req->user = user;
	if (!(route->flags & KH_ROUTE_PUBLIC)) {
		if (!user) {
			if (route->flags & KH_ROUTE_TOKEN) {
				kh_resp_json_error(resp, 401, "unauthorized",
				                   kh_tr("令牌缺失、无效或已吊销",
				                         "token missing, unknown or revoked"));
				kh_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"kaohe\"");
			} else if (wants_json(route, req)) {
				kh_resp_json_error(resp, 401, "unauthorized",
				                   kh_tr("请先登录", "log in first"));
			} else {
				to_login(req, resp);
			}
			goto done;
		}
		if (!(route->roles & (unsigned)user->role)) {
			refuse(route, req, resp, 403, "forbidden",
			       kh_tr("您的角色无权访问此处", "your role may not do this"));
			goto done;
		}
	}
	if ((route->flags & KH_ROUTE_CSRF) && strcmp(req->method, "POST") == 0 &&
	    !kh_auth_csrf_ok(req)) {
		refuse(route, req, resp, 403, "csrf",
		       kh_tr("表单已过期或来源不明，请刷新页面后重试",
		             "the form expired or did not come from this site; reload and retry"));
		goto done;
	}
	if (route->handler(req, resp, &err)) {
		kh_resp_free(resp);
		if (err.kind == KH_ERR_IO && err.full)
			refuse(route, req, resp, 507, "insufficient-storage",
			       kh_tr("服务器存储空间已满，未保存任何内容，请稍后重试",
			             "the server's storage is full; nothing was stored, retry later"));
		else if (err.kind == KH_ERR_TEMPFAIL)
			refuse(route, req, resp, 503, "busy",
			       kh_tr("服务器忙，请稍后重试", "the server is busy; retry later"));
		else
			refuse(route, req, resp, 500, "internal",
			       kh_tr("服务器内部错误", "internal server error"));
	} else if (resp->status == 0) {
		resp->status = 200;
	}
done:
	req->user = NULL;
	kh_user_free(user);
}

/* ---- libmicrohttpd ---------------------------------------------------------- */

static enum MHD_Result queue(struct conn_state *st, struct kh_response *resp)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		resp->body_len, resp->body ? resp->body : (char *)"",
		MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	if (resp->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	for (size_t i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->headers[i][0], resp->headers[i][1]);
	add_security_headers(r, resp);
	if (atomic_load(&closing))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	st->status = resp->status ? resp->status : 200;
	st->bytes = resp->body_len;
	st->answered = 1;
	enum MHD_Result ret = MHD_queue_response(st->conn, (unsigned)st->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result answer_now(struct conn_state *st, int status,
                                  const char *code, const char *message)
{
	struct kh_response resp = { 0 };
	kh_resp_json_error(&resp, status, code, message);
	enum MHD_Result ret = queue(st, &resp);
	kh_resp_free(&resp);
	return ret;
}

static char *too_large_message(void)
{
	return kh_xasprintf("%s %zu %s", kh_tr("请求体超过上限", "the body exceeds the limit of"),
	                    max_body, kh_tr("字节", "bytes"));
}

enum MHD_Result kh_http_access(void *cls, struct MHD_Connection *connection,
                               const char *url, const char *method,
                               const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct conn_state *st = *con_cls;
	if (!st) {
		st = kh_xcalloc(1, sizeof *st);
		st->conn = connection;
		clock_gettime(CLOCK_MONOTONIC, &st->start);
		st->method = kh_xstrdup(method);
		st->path = kh_xstrdup(url);
		remote_text(connection, st->remote, sizeof st->remote);
		behind_proxy(connection, st);
		*con_cls = st;
		atomic_fetch_add(&in_flight, 1);
		/* A declared length over the limit is refused before reading it. */
		const char *length = MHD_lookup_connection_value(
			connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (length) {
			char *end;
			errno = 0;
			unsigned long long n = strtoull(length, &end, 10);
			if (errno || *end || n > max_body) {
				char *msg = too_large_message();
				enum MHD_Result ret = answer_now(st, 413, "too-large", msg);
				free(msg);
				return ret;
			}
			if (n > 0) {     /* room for it, up to 1 MiB ahead */
				st->cap = (size_t)(n < 1048576 ? n : 1048576) + 1;
				st->body = kh_xmalloc(st->cap);
			}
		}
		return MHD_YES;
	}
	if (st->answered) {          /* refused early: drain and ignore */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (st->too_large || st->len + n > max_body) {
			/* Over the limit: the rest is read and dropped so that
			 * the client, still sending, sees the 413 at the end;
			 * past three times the limit it is answered at once and
			 * the connection closed. */
			st->too_large = 1;
			st->dropped += n;
			if (st->dropped > 2 * (unsigned long long)max_body) {
				char *msg = too_large_message();
				enum MHD_Result ret = answer_now(st, 413, "too-large", msg);
				free(msg);
				return ret;
			}
			return MHD_YES;
		}
		if (st->len + n + 1 > st->cap) {
			st->cap = (st->len + n + 1) * 2;
			if (st->cap > max_body + 1)
				st->cap = max_body + 1;
			st->body = kh_xrealloc(st->body, st->cap);
		}
		memcpy(st->body + st->len, upload_data, n);
		st->len += n;
		return MHD_YES;
	}
	if (st->too_large) {
		char *msg = too_large_message();
		enum MHD_Result ret = answer_now(st, 413, "too-large", msg);
		free(msg);
		return ret;
	}
	if (st->body)
		st->body[st->len] = '\0';
	struct kh_request req = {
		.method = method,
		.path = url,
		.remote = st->remote,
		.tls = daemon_tls || st->proxied_tls,
		.body = st->body ? st->body : "",
		.body_len = st->len,
		.impl = st,
	};
	struct kh_response resp = { 0 };
	kh_http_dispatch(&req, &resp);
	enum MHD_Result ret = queue(st, &resp);
	kh_resp_free(&resp);
	return ret;
}

/* One line per request on stderr: time (UTC), remote, method, path,
 * status, body bytes, milliseconds.  A request the client abandoned has
 * status "-" and the reason. */
void kh_http_completed(void *cls, struct MHD_Connection *connection,
                       void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)connection;
	struct conn_state *st = *con_cls;
	if (!st)
		return;
	*con_cls = NULL;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - st->start.tv_sec) * 1000L +
	          (now.tv_nsec - st->start.tv_nsec) / 1000000L;
	char when[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The path is printed up to the first control character or space. */
	char path[256];
	size_t i = 0;
	for (; st->path[i] && i + 1 < sizeof path; i++) {
		unsigned char ch = (unsigned char)st->path[i];
		path[i] = (ch < 0x21 || ch == 0x7f) ? '?' : (char)ch;
	}
	path[i] = '\0';
	const char *why = "";
	if (toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED)
		why = " timeout";
	else if (toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT)
		why = " client-abort";
	else if (toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN)
		why = " shutdown";
	else if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		why = " error";
	char status[16];
	if (st->answered)
		snprintf(status, sizeof status, "%d", st->status);
	else
		snprintf(status, sizeof status, "-");
	fprintf(stderr, "%s %s %s %s %s %zu %ldms%s\n", when, st->remote,
	        st->method, path, status, st->bytes, ms, why);
	free(st->method);
	free(st->path);
	free(st->body);
	for (size_t k = 0; k < st->nform; k++) {
		free(st->form[k].name);
		free(st->form[k].value);
	}
	free(st->form);
	free(st);
	atomic_fetch_sub(&in_flight, 1);
}
