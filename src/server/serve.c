/* serve.c: the daemon behind `kaohe serve` — the listening address, TLS
 * from PEM files, libmicrohttpd's thread pool with its limits, a store per
 * worker thread, and the graceful stop on SIGTERM/SIGINT (stop accepting,
 * let the requests in flight finish, then stop).
 *
 * Invariants: plain HTTP listens only on a loopback address (behind a
 * reverse proxy); every worker thread has its own connection to the
 * database, so handlers share nothing but the file (SQLite's locking and
 * BEGIN IMMEDIATE order the writers). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "http-mhd.h"
#include "auth.h"
#include "contract-cache.h"
#include "msg.h"
#include "pages.h"
#include "serve.h"
#include "store.h"

/* ---- the per-thread store ------------------------------------------------- */

static const char *serve_db;
static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

static void close_thread_store(void *store)
{
	kh_store_close(store);
}

static void make_store_key(void)
{
	pthread_key_create(&store_key, close_thread_store);
}

struct kh_store *kh_serve_thread_store(struct kh_err *err)
{
	pthread_once(&store_key_once, make_store_key);
	struct kh_store *store = pthread_getspecific(store_key);
	if (store)
		return store;
	if (!serve_db) {
		kh_fail(err, KH_ERR_SOFTWARE);
		return NULL;
	}
	if (kh_store_open(serve_db, 0, &store, err))
		return NULL;
	pthread_setspecific(store_key, store);
	return store;
}

/* ---- the listening address -------------------------------------------------- */

int kh_serve_parse_listen(const char *text, struct sockaddr_storage *out,
                          unsigned *len)
{
	char host[128];
	const char *port_text;
	memset(out, 0, sizeof *out);
	if (!text || !*text)
		return -1;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof host)
			return -1;
		memcpy(host, text + 1, (size_t)(close - text - 1));
		host[close - text - 1] = '\0';
		port_text = close + 2;
	} else {
		const char *colon = strrchr(text, ':');
		if (!colon || (size_t)(colon - text) >= sizeof host ||
		    strchr(text, ':') != colon)
			return -1;
		memcpy(host, text, (size_t)(colon - text));
		host[colon - text] = '\0';
		port_text = colon + 1;
	}
	char *end;
	errno = 0;
	long port = strtol(port_text, &end, 10);
	if (!*port_text || *end || errno || port < 0 || port > 65535)
		return -1;
	struct sockaddr_in *v4 = (struct sockaddr_in *)out;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)out;
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((unsigned short)port);
		*len = sizeof *v4;
		return 0;
	}
	if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((unsigned short)port);
		*len = sizeof *v6;
		return 0;
	}
	return -1;
}

int kh_serve_is_loopback(const struct sockaddr_storage *addr)
{
	if (addr->ss_family == AF_INET) {
		const struct sockaddr_in *v4 = (const struct sockaddr_in *)addr;
		return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
	}
	if (addr->ss_family == AF_INET6) {
		const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)addr;
		return IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
	}
	return 0;
}

/* ---- TLS material ------------------------------------------------------------- */

/* The whole file as a NUL-terminated string, or NULL after printing why. */
static char *read_pem(const char *path, const char *what, struct kh_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		kh_error("%s: %s: %s", path, what, strerror(errno));
		kh_fail(err, errno == ENOENT ? KH_ERR_NOINPUT : KH_ERR_IO);
		return NULL;
	}
	size_t cap = 4096, len = 0;
	char *buf = kh_xmalloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
		len += n;
		if (len + 1 == cap) {
			if (cap > 1024 * 1024)
				break;
			cap *= 2;
			buf = kh_xrealloc(buf, cap);
		}
	}
	int bad = ferror(fp) || len == 0 || memchr(buf, '\0', len) != NULL ||
	          len + 1 == cap;
	fclose(fp);
	buf[len] = '\0';
	if (bad || !strstr(buf, "-----BEGIN ")) {
		kh_error("%s: %s: %s", path, what,
		         kh_tr("不是 PEM 文件", "not a PEM file"));
		free(buf);
		kh_fail(err, KH_ERR_DATA);
		return NULL;
	}
	return buf;
}

/* ---- libmicrohttpd's own messages ---------------------------------------------- */

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char line[512];
	vsnprintf(line, sizeof line, fmt, ap);
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	kh_warn("libmicrohttpd: %s", line);
}

/* ---- run -------------------------------------------------------------------------- */

static void print_listening(const struct sockaddr_storage *addr, unsigned port,
                            int tls)
{
	char host[INET6_ADDRSTRLEN];
	const char *scheme = tls ? "https" : "http";
	if (addr->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr)->sin6_addr,
		          host, sizeof host);
		printf("kaohe: %s %s://[%s]:%u\n", kh_tr("正在监听", "listening on"),
		       scheme, host, port);
	} else {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)addr)->sin_addr,
		          host, sizeof host);
		printf("kaohe: %s %s://%s:%u\n", kh_tr("正在监听", "listening on"),
		       scheme, host, port);
	}
	fflush(stdout);
}

/* Whether the daemon still has work to finish after the stop signal: a
 * request in flight, or — during a short grace period — a connection whose
 * request has been sent but not yet read far enough to count as in flight
 * (its headers may still sit in the socket when the signal arrives).  Idle
 * keep-alive connections are not waited for beyond the grace period. */
static int still_busy(struct MHD_Daemon *d, long waited_ms)
{
	if (kh_http_in_flight() > 0)
		return 1;
	if (waited_ms >= KH_SERVE_STOP_GRACE_MS)
		return 0;
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
	return info && info->num_connections > 0;
}

int kh_serve_run(const struct kh_serve_config *config, struct kh_err *err)
{
	struct sockaddr_storage addr;
	unsigned addr_len = 0;
	const char *listen = config->listen ? config->listen : KH_SERVE_DEFAULT_LISTEN;
	if (kh_serve_parse_listen(listen, &addr, &addr_len)) {
		kh_error("%s: '%s' (%s)", kh_tr("监听地址无效", "bad listening address"),
		         listen, kh_tr("应为 地址:端口，如 127.0.0.1:8080 或 [::1]:8443",
		                       "expected ADDR:PORT, e.g. 127.0.0.1:8080 or [::1]:8443"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	int tls = config->cert != NULL;
	if ((config->cert == NULL) != (config->key == NULL)) {
		kh_error("%s", kh_tr("--cert 与 --key 必须同时给出",
		                     "--cert and --key go together"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	if (!tls && !kh_serve_is_loopback(&addr)) {
		kh_error("%s '%s'%s", kh_tr("拒绝在非回环地址", "refusing plain HTTP on"),
		         listen,
		         kh_tr(" 上提供明文 HTTP：请用 --cert/--key 启用 HTTPS，"
		               "或只监听 127.0.0.1 并由反向代理（如 nginx）提供 HTTPS",
		               ", which is not loopback: give --cert and --key for HTTPS, "
		               "or listen on 127.0.0.1 behind a reverse proxy (nginx) "
		               "that speaks HTTPS"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	char *cert = NULL, *key = NULL;
	if (tls) {
		cert = read_pem(config->cert, kh_tr("证书", "certificate"), err);
		if (!cert)
			return -1;
		key = read_pem(config->key, kh_tr("私钥", "private key"), err);
		if (!key) {
			free(cert);
			return -1;
		}
	}
	if (kh_auth_init(err)) {
		free(cert);
		free(key);
		return -1;
	}

	xmlInitParser();             /* before any worker thread parses */
	kh_contract_cache_start(KH_CONTRACT_CACHE_MAX);   /* the pages' contracts */
	serve_db = config->db;
	kh_http_configure(config->max_body, tls);

	/* The workers inherit a mask that blocks the stop signals; this
	 * thread takes them with sigwait. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
	                 MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (tls)
		flags |= MHD_USE_TLS;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	unsigned threads = config->threads ? config->threads : KH_SERVE_THREADS;
	unsigned timeout = config->timeout_s ? config->timeout_s : KH_SERVE_TIMEOUT_S;
	unsigned short port = ntohs(addr.ss_family == AF_INET6
	                            ? ((struct sockaddr_in6 *)&addr)->sin6_port
	                            : ((struct sockaddr_in *)&addr)->sin_port);
	struct MHD_OptionItem tls_opts[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, cert },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, key },
		{ MHD_OPTION_HTTPS_PRIORITIES, 0,
		  (void *)"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2" },
		{ MHD_OPTION_END, 0, NULL },
	};
	struct MHD_OptionItem no_opts[] = { { MHD_OPTION_END, 0, NULL } };
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, port, NULL, NULL, kh_http_access, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)KH_SERVE_CONN_MEMORY,
		MHD_OPTION_CONNECTION_LIMIT, KH_SERVE_MAX_CONNECTIONS,
		MHD_OPTION_NOTIFY_COMPLETED, kh_http_completed, NULL,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
		MHD_OPTION_ARRAY, tls ? tls_opts : no_opts,
		MHD_OPTION_END);
	if (!d) {
		kh_error("%s %s: %s", kh_tr("无法监听", "cannot listen on"), listen,
		         errno ? strerror(errno) : kh_tr("libmicrohttpd 启动失败",
		                                         "libmicrohttpd failed to start"));
		free(cert);
		free(key);
		kh_contract_cache_stop();
		return kh_fail(err, KH_ERR_OSERR);
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	print_listening(&addr, info ? info->port : port, tls);

	int sig = 0;
	while (sigwait(&stop, &sig) == 0 && sig == SIGHUP)
		;                        /* SIGHUP: nothing to reload */
	fprintf(stderr, "kaohe: %s\n",
	        kh_tr("收到停止信号：不再接受新连接，等待进行中的请求完成",
	              "stop signal: no new connections; finishing requests in flight"));
	kh_http_closing();
	MHD_socket listener = MHD_quiesce_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	/* Requests in flight finish (their uploads included), bounded by the
	 * connection timeout when a client stalls. */
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	long waited_ms = 0;
	while (waited_ms < (long)timeout * 1000 && still_busy(d, waited_ms)) {
		nanosleep(&pause, NULL);
		waited_ms += 20;
	}
	MHD_stop_daemon(d);          /* every worker has ended */
	kh_contract_cache_stop();
	kh_pages_forget();
	free(cert);
	free(key);
	fprintf(stderr, "kaohe: %s\n", kh_tr("已停止", "stopped"));
	return 0;
}
