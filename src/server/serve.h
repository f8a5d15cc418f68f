/* serve.h: what cmd-serve.c, serve.c and http.c share inside `kaohe serve`
 * (the shapes the handlers see are in server.h).
 *
 * serve.c owns the daemon: listening, TLS, the thread pool, signals, the
 * per-thread stores and the request log.  http.c turns a libmicrohttpd
 * request into a struct kh_request, dispatches it over the three route
 * tables (kh_http_dispatch) and sends the struct kh_response back. */
#ifndef KAOHE_SERVE_H
#define KAOHE_SERVE_H

#include <stddef.h>

#include "err.h"
#include "server.h"

/* Limits and defaults (man kaohe-serve, LIMITS). */
#define KH_SERVE_DEFAULT_LISTEN "127.0.0.1:8080"
#define KH_SERVE_MAX_BODY (16u * 1024u * 1024u)   /* 413 above */
#define KH_SERVE_TIMEOUT_S 60u                     /* idle connection */
#define KH_SERVE_STOP_GRACE_MS 5000L  /* after SIGTERM: wait for sent requests */
#define KH_SERVE_CONN_MEMORY (256u * 1024u)        /* per connection, headers */
#define KH_SERVE_THREADS 8u
#define KH_SERVE_MAX_CONNECTIONS 512u

/* How `kaohe serve` was asked to run. */
struct kh_serve_config {
	const char *db;           /* the database file (exists, migrated) */
	const char *listen;       /* "ADDR:PORT", "[V6]:PORT"; port 0 = any free */
	const char *cert, *key;   /* PEM files for HTTPS, or both NULL */
	unsigned threads;         /* worker threads (0: KH_SERVE_THREADS) */
	size_t max_body;          /* 0: KH_SERVE_MAX_BODY */
	unsigned timeout_s;       /* 0: KH_SERVE_TIMEOUT_S */
};

/* Run the server until SIGTERM or SIGINT: then stop accepting, finish the
 * requests in flight and return 0.  Prints the listening line on stdout
 * first ("kaohe: listening https://127.0.0.1:PORT", see serve.c).  -1 with
 * err filled (KH_ERR_USAGE: a bad --listen or plain HTTP off loopback;
 * KH_ERR_NOINPUT: a missing certificate; KH_ERR_OSERR: cannot listen). */
int kh_serve_run(const struct kh_serve_config *config, struct kh_err *err);

/* Parse "ADDR:PORT" ("[::1]:PORT" for IPv6) into a socket address.  0, or
 * -1 (nothing printed). */
struct sockaddr_storage;
int kh_serve_parse_listen(const char *text, struct sockaddr_storage *out,
                          unsigned *len);
/* 1 when the address is a loopback one (127.0.0.0/8, ::1). */
int kh_serve_is_loopback(const struct sockaddr_storage *addr);

/* The store for the calling thread, opened on first use on the server's
 * database and closed when the thread ends (serve.c).  NULL after printing
 * why, with err filled. */
struct kh_store *kh_serve_thread_store(struct kh_err *err);

/* Route, authenticate, authorize, check CSRF, run the handler and add the
 * security headers: the whole life of a request between the bytes
 * (http.c).  req has method, path, remote, tls, body and impl set; resp is
 * zeroed.  Always leaves a response to send. */
void kh_http_dispatch(struct kh_request *req, struct kh_response *resp);

/* The route for a method and path over the three tables; *path_known = 1
 * when some route has the path with another method (405). */
const struct kh_route *kh_http_find_route(const char *method, const char *path,
                                          int *path_known);

#endif
