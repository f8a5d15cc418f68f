/* store.c (PostgreSQL): the PostgreSQL engine's kh_store — connecting to
 * a postgresql:// URL, the schema's forward migrations (a schema_version
 * table instead of SQLite's user_version; a newer schema refused),
 * transactions, and the statement helpers the engine's other files use.
 * Migrations run inside one transaction begun after taking an advisory
 * lock, which re-reads the version, so two processes initialising one
 * database at once both succeed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"

/* ---- parameters ------------------------------------------------------------ */

static const char **next_param(struct kh_pg_params *p)
{
	if (p->n >= KH_PG_MAX_PARAMS)
		abort();          /* a bug: the statements are the program's own */
	return &p->v[p->n++];
}

void kh_pg_param_text(struct kh_pg_params *p, const char *text)
{
	*next_param(p) = text;
}

void kh_pg_param_text_or_null(struct kh_pg_params *p, const char *text)
{
	*next_param(p) = text && *text ? text : NULL;
}

void kh_pg_param_null(struct kh_pg_params *p)
{
	*next_param(p) = NULL;
}

void kh_pg_param_int(struct kh_pg_params *p, int64_t value)
{
	int i = p->n;
	const char **slot = next_param(p);
	snprintf(p->num[i], sizeof p->num[i], "%lld", (long long)value);
	*slot = p->num[i];
}

void kh_pg_param_day(struct kh_pg_params *p, kh_day day)
{
	int i = p->n;
	const char **slot = next_param(p);
	char buf[KH_DAY_BUFSZ];
	snprintf(p->num[i], sizeof p->num[i], "%s", kh_day_format(day, buf));
	*slot = p->num[i];
}

/* ---- errors and statements ------------------------------------------------- */

PGconn *kh_pg_conn(struct kh_store *s)
{
	return s->pg->conn;
}

enum kh_err_kind kh_pg_err_kind(const char *state)
{
	if (!state || strlen(state) != 5)
		return KH_ERR_IO;             /* no answer: the connection */
	if (strncmp(state, "08", 2) == 0)
		return KH_ERR_UNAVAILABLE;    /* connection exception */
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0
	    || strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0
	    || strcmp(state, "57P03") == 0)
		return KH_ERR_TEMPFAIL;       /* serialization, deadlock, lock, cancel */
	if (strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0
	    || strcmp(state, "25006") == 0)
		return KH_ERR_IO;             /* disk full, system error, read only */
	if (strcmp(state, "42501") == 0 || strncmp(state, "28", 2) == 0)
		return KH_ERR_NOPERM;
	if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0)
		return KH_ERR_DATA;           /* corrupted */
	return KH_ERR_SOFTWARE;
}

/* The message without libpq's trailing newline. */
static void print_error(struct kh_store *s, const char *what, const char *msg)
{
	int len = (int)strlen(msg ? msg : "");
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	kh_error("%s: %s%s%.*s", s->path, what ? what : "", what ? ": " : "", len,
	         msg ? msg : "");
}

int kh_pg_fail(struct kh_store *s, const PGresult *res, const char *what,
               struct kh_err *err)
{
	const char *msg = res ? PQresultErrorMessage(res) : NULL;
	if (!msg || !*msg)
		msg = PQerrorMessage(s->pg->conn);
	print_error(s, what, msg);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (err && state && strcmp(state, "53100") == 0)
		err->full = 1;                /* disk full: kaohe serve answers 507 */
	if (!state && PQstatus(s->pg->conn) == CONNECTION_BAD)
		return kh_fail(err, KH_ERR_UNAVAILABLE);
	return kh_fail(err, kh_pg_err_kind(state));
}

PGresult *kh_pg_query(struct kh_store *s, const char *sql,
                      const struct kh_pg_params *params, const char *what,
                      struct kh_err *err)
{
	/* Without parameters: the simple protocol, which also runs a script of
	 * several statements (the migrations). */
	PGresult *res = params ? PQexecParams(s->pg->conn, sql, params->n, NULL,
	                                      params->v, NULL, NULL, 0)
	                       : PQexec(s->pg->conn, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	kh_pg_fail(s, res, what ? what : kh_tr("数据库错误", "database error"), err);
	PQclear(res);
	return NULL;
}

int kh_pg_run(struct kh_store *s, const char *sql,
              const struct kh_pg_params *params, const char *what,
              struct kh_err *err)
{
	PGresult *res = kh_pg_query(s, sql, params, what, err);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

char *kh_pg_text(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return kh_xstrdup("");
	return kh_xstrdup(PQgetvalue(res, row, col));
}

int64_t kh_pg_int(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return 0;
	return (int64_t)strtoll(PQgetvalue(res, row, col), NULL, 10);
}

int kh_pg_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col);
}

int kh_pg_load_day(struct kh_store *s, const PGresult *res, int row, int col,
                   const char *table, const char *column, int required,
                   kh_day *out, struct kh_err *err)
{
	const char *text = PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
	if (!*text)
		*out = KH_DAY_NONE;
	if ((!*text || kh_day_parse(text, out) == 0)
	    && (!required || *out != KH_DAY_NONE))
		return 0;
	kh_error("%s: %s.%s: %s ('%s')", s->path, table, column,
	         kh_tr("存储的日期无效", "stored date is not valid"), text);
	return kh_fail(err, KH_ERR_DATA);
}

/* ---- the name for messages ------------------------------------------------- */

/* The URL without a password (user:secret@ -> user@, password=... -> ***). */
static char *redacted(const char *url)
{
	char *out = kh_xstrdup(url);
	char *auth = strstr(out, "://");
	if (auth) {
		auth += 3;
		char *end = auth + strcspn(auth, "/?");
		char *at = NULL;
		for (char *p = auth; p < end; p++)
			if (*p == '@')
				at = p;
		char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon)
			memmove(colon, at, strlen(at) + 1);
	}
	char *pw = strstr(out, "password=");
	if (pw) {
		pw += 9;
		size_t n = strcspn(pw, "&");
		memmove(pw + 3, pw + n, strlen(pw + n) + 1);
		memcpy(pw, "***", 3);
	}
	return out;
}

/* ---- schema ---------------------------------------------------------------- */

static const char *too_new_message(void)
{
	return kh_tr("数据库结构版本", "database schema version");
}

/* The stored version: 0 when there is no schema_version table. */
static int read_version(struct kh_store *s, int *version, struct kh_err *err)
{
	PGresult *res = kh_pg_query(s, "SELECT to_regclass('schema_version') IS NOT NULL",
	                            NULL, NULL, err);
	if (!res)
		return -1;
	int exists = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	*version = 0;
	if (!exists)
		return 0;
	res = kh_pg_query(s, "SELECT coalesce(max(version), 0) FROM schema_version",
	                  NULL, NULL, err);
	if (!res)
		return -1;
	*version = (int)kh_pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

static int refuse_newer(struct kh_store *s, int version, struct kh_err *err)
{
	kh_error("%s: %s %d, %s %d; %s", s->path, too_new_message(), version,
	         kh_tr("本程序支持至", "this kaohe supports up to"),
	         kh_pg_migration_count, kh_tr("请升级 kaohe", "upgrade kaohe to use it"));
	return kh_fail(err, KH_ERR_DATA);
}

/* Every table of the schema, dependants first (KH_STORE_FRESH). */
static const char drop_all[] =
	"DROP TABLE IF EXISTS login_attempts, sessions, api_tokens, user_contracts,"
	" users, received_submissions, score_run_imports, score_runs, appeal_refs, appeals,"
	" decisions, audit_log, marks, facts, calendar_days, calendar_years,"
	" ratings, population, finance, activities, submissions, audits,"
	" complaints, settlements, roster, imports, contracts, schema_version"
	" CASCADE;"
	"DROP FUNCTION IF EXISTS kh_append_only() CASCADE";

static void unlock_schema(struct kh_store *s)
{
	PGresult *res = PQexec(s->pg->conn, "SELECT pg_advisory_unlock("
	                       KH_PG_LOCK_SCHEMA ")");
	PQclear(res);
}

static int migrate(struct kh_store *s, int fresh, struct kh_err *err)
{
	int version;
	if (!fresh) {
		if (read_version(s, &version, err))
			return -1;
		if (version > kh_pg_migration_count)
			return refuse_newer(s, version, err);
		if (version == kh_pg_migration_count)
			return 0;
	}
	/* The lock before the transaction: one begun after another process's
	 * migration committed sees its tables (a transaction begun earlier
	 * may still look them up in stale catalog caches). */
	if (kh_pg_run(s, "SELECT pg_advisory_lock(" KH_PG_LOCK_SCHEMA ")", NULL, NULL,
	              err))
		return -1;
	if (kh_pg_run(s, "BEGIN", NULL, NULL, err))
		goto fail;
	/* notices of IF EXISTS are not the user's business */
	if (kh_pg_run(s, "SET LOCAL client_min_messages = warning", NULL, NULL, err))
		goto fail;
	if (fresh && kh_pg_run(s, drop_all, NULL, NULL, err))
		goto fail;
	/* Another process may have migrated while we waited for the lock. */
	if (read_version(s, &version, err))
		goto fail;
	if (version > kh_pg_migration_count) {
		kh_pg_rollback(s);
		unlock_schema(s);
		return refuse_newer(s, version, err);
	}
	if (version == 0 && kh_pg_run(s, "CREATE TABLE schema_version"
	                              " (version INTEGER NOT NULL)", NULL, NULL, err))
		goto fail;
	for (int v = version; v < kh_pg_migration_count; v++) {
		struct kh_pg_params p = { 0 };
		kh_pg_param_int(&p, v + 1);
		if (kh_pg_run(s, kh_pg_migrations[v], NULL, NULL, err)
		    || kh_pg_run(s, "DELETE FROM schema_version", NULL, NULL, err)
		    || kh_pg_run(s, "INSERT INTO schema_version (version) VALUES ($1)", &p,
		                 NULL, err))
			goto fail;
	}
	if (kh_pg_commit(s, err))
		goto fail;
	unlock_schema(s);
	return 0;
fail:
	kh_pg_rollback(s);
	unlock_schema(s);
	return -1;
}

/* ---- opening and transactions ---------------------------------------------- */

void kh_pg_close(struct kh_store *s)
{
	if (!s)
		return;
	if (s->pg)
		PQfinish(s->pg->conn);
	free(s->pg);
	free(s->path);
	free(s);
}

int kh_pg_open(const char *url, int flags, struct kh_store **out,
               struct kh_err *err)
{
	*out = NULL;
	struct kh_store *s = kh_xcalloc(1, sizeof *s);
	s->engine = KH_ENGINE_PG;
	s->path = redacted(url);
	s->pg = kh_xcalloc(1, sizeof *s->pg);
	int create = (flags & KH_STORE_CREATE) != 0;
	s->pg->readonly = (flags & KH_STORE_READONLY) != 0 && !create;
	s->pg->conn = PQconnectdb(url);
	if (!s->pg->conn || PQstatus(s->pg->conn) != CONNECTION_OK) {
		print_error(s, kh_tr("无法连接数据库", "cannot connect"),
		            s->pg->conn ? PQerrorMessage(s->pg->conn) : "out of memory");
		kh_pg_close(s);
		return kh_fail(err, KH_ERR_UNAVAILABLE);
	}
	/* Text and dates as the SQLite engine gives them; no notices on stderr. */
	if (kh_pg_run(s, "SET client_encoding = 'UTF8'", NULL, NULL, err)
	    || kh_pg_run(s, "SET client_min_messages = warning", NULL, NULL, err)) {
		kh_pg_close(s);
		return -1;
	}
	int version = 0;
	if (read_version(s, &version, err)) {
		kh_pg_close(s);
		return -1;
	}
	if (version == 0 && !create) {
		kh_error("%s: %s (%s)", s->path,
		         kh_tr("没有 kaohe 数据库", "no kaohe database"),
		         kh_tr("先运行 'kaohe init'", "run 'kaohe init' first"));
		kh_pg_close(s);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	if (version > kh_pg_migration_count) {
		refuse_newer(s, version, err);
		kh_pg_close(s);
		return -1;
	}
	if (s->pg->readonly) {
		if (kh_pg_run(s, "SET default_transaction_read_only = on", NULL, NULL, err)) {
			kh_pg_close(s);
			return -1;
		}
	} else if (migrate(s, (flags & KH_STORE_FRESH) != 0, err)) {
		kh_pg_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

int kh_pg_begin(struct kh_store *s, struct kh_err *err)
{
	if (kh_pg_run(s, "BEGIN", NULL, NULL, err))
		return -1;
	if (s->pg->readonly)
		return 0;
	/* Writers queue, as behind SQLite's BEGIN IMMEDIATE; readers go on. */
	if (kh_pg_run(s, "SELECT pg_advisory_xact_lock(" KH_PG_LOCK_WRITE ")", NULL,
	              NULL, err)) {
		kh_pg_rollback(s);
		return -1;
	}
	return 0;
}

int kh_pg_commit(struct kh_store *s, struct kh_err *err)
{
	PGresult *res = kh_pg_query(s, "COMMIT", NULL, NULL, err);
	if (!res)
		return -1;
	/* COMMIT of a transaction that failed answers ROLLBACK, not an error. */
	int ok = strcmp(PQcmdStatus(res), "COMMIT") == 0;
	PQclear(res);
	if (ok)
		return 0;
	kh_error("%s: %s", s->path, kh_tr("事务已回滚", "the transaction was rolled back"));
	return kh_fail(err, KH_ERR_SOFTWARE);
}

void kh_pg_rollback(struct kh_store *s)
{
	if (PQtransactionStatus(s->pg->conn) != PQTRANS_IDLE) {
		PGresult *res = PQexec(s->pg->conn, "ROLLBACK");
		PQclear(res);
	}
}
