/* server.h: the shapes the parts of `kaohe serve` share.
 *
 * The server has three parts, each in its own files under src/server/:
 *   - http.c (+ serve.c): the libmicrohttpd daemon — listening, TLS, one log
 *     line per request, limits, SIGTERM; it turns each HTTP request into a
 *     struct kh_request, finds its route, checks who may call it (through
 *     auth.h), runs the handler and sends the struct kh_response back;
 *   - receive.c: POST /submissions, the regulator's receiving end of
 *     `kaohe submit` (routes in kh_routes_receive);
 *   - auth.c + login.c: users, roles, passwords, API tokens, sessions, CSRF
 *     (auth.h; routes /login, /logout, /account in kh_routes_auth);
 *   - page-*.c: the pages rendered through templates/ (dashboard, contracts,
 *     periods, submissions, forms; routes in kh_routes_pages).
 *
 * Handlers are plain functions over a request and a response: they never
 * see libmicrohttpd.  A handler runs on one of the daemon's threads with its
 * own open store (req->store), so handlers need no locks.
 *
 * Invariants:
 *   - every route names the roles that may call it; the dispatcher refuses
 *     (401 without a login or token, 403 with the wrong role) before the
 *     handler runs, and a handler that shows one contract also checks
 *     kh_user_may_see(req->user, contract) and answers 404 when not;
 *   - every POST from a page carries the session's CSRF token (the
 *     dispatcher checks routes with KH_ROUTE_CSRF before the handler);
 *   - every text from data is escaped: pages go through XSLT from XML the
 *     libxml2 writer made, JSON through kh_json_* (trail.h) or jansson. */
#ifndef KAOHE_SERVER_H
#define KAOHE_SERVER_H

#include <stddef.h>

#include "err.h"

struct kh_store;

/* Who is calling. */
enum kh_role {
	KH_ROLE_REGULATOR = 1,    /* 医保局: sees every contract, decides */
	KH_ROLE_PANEL = 2,        /* 考核组成员: sees every contract, marks */
	KH_ROLE_INSURER = 4,      /* 承办机构: only the contracts bound to it */
};
#define KH_ROLES_ALL (KH_ROLE_REGULATOR | KH_ROLE_PANEL | KH_ROLE_INSURER)

/* A logged-in user or the owner of an API token (auth.c fills it). */
struct kh_user {
	long id;
	char *name;               /* login name */
	char *display;            /* name shown on pages ("" when none) */
	enum kh_role role;
	char **contracts;         /* insurer: the contract ids bound to it */
	size_t ncontracts;
	long token_id;            /* the API token used, 0 for a session */
};
void kh_user_free(struct kh_user *user);
/* Whether the user may see the contract: a regulator or panel member any,
 * an insurer only those bound to it. */
int kh_user_may_see(const struct kh_user *user, const char *contract);
/* The role's code ("regulator", "panel", "insurer") and back (-1 unknown;
 * the Chinese 医保局/考核组/承办机构 are read too). */
const char *kh_role_code(enum kh_role role);
int kh_role_parse(const char *text, enum kh_role *out);

/* One HTTP request, as the handlers see it.  Strings are valid until the
 * handler returns. */
struct kh_request {
	const char *method;       /* "GET", "POST", ... */
	const char *path;         /* the URL path, percent-decoded, no query */
	const char *remote;       /* the client's address, for logs and limits */
	int tls;                  /* 1 on an HTTPS connection */
	const char *body;         /* the whole body (within the size limit) */
	size_t body_len;
	struct kh_store *store;   /* open for this request */
	struct kh_user *user;     /* NULL on routes open to everybody */
	const char *session;      /* the session id from the cookie, or NULL */
	const char *csrf;         /* the session's CSRF token, or NULL */
	void *impl;               /* http.c's own: the MHD connection */
};

/* A header, a query argument, a cookie, or a field of an
 * application/x-www-form-urlencoded body (decoded); NULL when absent. */
const char *kh_req_header(const struct kh_request *req, const char *name);
const char *kh_req_query(const struct kh_request *req, const char *name);
const char *kh_req_cookie(const struct kh_request *req, const char *name);
const char *kh_req_form(struct kh_request *req, const char *name);

/* The answer a handler builds.  The body is owned by the response. */
#define KH_RESP_MAX_HEADERS 8
struct kh_response {
	int status;               /* 200 unless set */
	const char *content_type; /* a static string */
	char *body;
	size_t body_len;
	char *headers[KH_RESP_MAX_HEADERS][2];   /* extra headers, owned */
	size_t nheaders;
};
/* Set status, type and a copy of `text` (or of len bytes of it). */
int kh_resp_text(struct kh_response *resp, int status, const char *type,
                 const char *text);
int kh_resp_bytes(struct kh_response *resp, int status, const char *type,
                  const void *bytes, size_t len);
/* Take ownership of a malloc'd buffer as the body. */
void kh_resp_take(struct kh_response *resp, int status, const char *type,
                  char *body, size_t len);
/* Add a header (copied): Set-Cookie, Location, Content-Disposition, ... */
int kh_resp_header(struct kh_response *resp, const char *name,
                   const char *value);
/* 303 See Other to `location` (after a form POST). */
int kh_resp_redirect(struct kh_response *resp, const char *location);
/* {"error": CODE, "message": MESSAGE} with the status (JSON-escaped). */
int kh_resp_json_error(struct kh_response *resp, int status,
                       const char *code, const char *message);
/* A plain error page in Chinese (escaped) with the status. */
int kh_resp_error_page(struct kh_response *resp, int status,
                       const char *message);
void kh_resp_free(struct kh_response *resp);

/* A handler returns 0 after filling resp (any status), or -1 for an
 * internal failure (the dispatcher answers 500, or 507 when err is
 * KH_ERR_IO with ENOSPC/SQLITE_FULL behind it). */
typedef int (*kh_handler)(struct kh_request *req, struct kh_response *resp,
                          struct kh_err *err);

enum {
	KH_ROUTE_PREFIX = 1,      /* path matches as a prefix ("/contracts/") */
	KH_ROUTE_CSRF = 2,        /* a page's POST: the CSRF field must match */
	KH_ROUTE_TOKEN = 4,       /* authenticated by an API bearer token
	                             (Authorization: Bearer), not a session */
	KH_ROUTE_PUBLIC = 8,      /* no login needed (/login, static files) */
};

struct kh_route {
	const char *method;       /* "GET" or "POST" */
	const char *path;
	unsigned roles;           /* kh_role bits allowed; ignored when PUBLIC */
	unsigned flags;
	kh_handler handler;
};
/* The route tables, each ended by an entry with a NULL method. */
extern const struct kh_route kh_routes_receive[];
extern const struct kh_route kh_routes_auth[];
extern const struct kh_route kh_routes_pages[];

#endif
