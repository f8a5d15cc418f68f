/* receive.c (SQLite): the submissions `kaohe serve` received, behind
 * store-receive.h (table received_submissions, migration 5) and the
 * submissions row each one adds for the report indicators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-receive.h"

void kh_received_free(struct kh_received *r)
{
	if (!r)
		return;
	free(r->ref);
	free(r->key);
	free(r->contract);
	free(r->report);
	free(r->period);
	free(r->content_type);
	free(r->sha256);
	free(r->received_at);
	free(r->received_by);
	memset(r, 0, sizeof *r);
}

#define RECEIVED_COLUMNS \
	"id, ref, idempotency_key, contract, report, period, content_type," \
	" sha256, received_at, received_by, size"

static void read_row(sqlite3_stmt *st, struct kh_received *out)
{
	out->id = (long)sqlite3_column_int64(st, 0);
	out->ref = kh_sql_text(st, 1);
	out->key = kh_sql_text(st, 2);
	out->contract = kh_sql_text(st, 3);
	out->report = kh_sql_text(st, 4);
	out->period = kh_sql_text(st, 5);
	out->content_type = kh_sql_text(st, 6);
	out->sha256 = kh_sql_text(st, 7);
	out->received_at = kh_sql_text(st, 8);
	out->received_by = kh_sql_text(st, 9);
	out->size = sqlite3_column_int64(st, 10);
}

int kh_sqlite_received_find(struct kh_store *store, const char *key,
                           struct kh_received *out, int *found,
                           struct kh_err *err)
{
	static const char sql[] =
		"SELECT " RECEIVED_COLUMNS " FROM received_submissions"
		" WHERE idempotency_key = ?1";
	memset(out, 0, sizeof *out);
	*found = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
		*found = 1;
	} else if (rc != SQLITE_DONE) {
		kh_sql_fail(store, "received_submissions", err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int next_id(struct kh_store *store, long *id, struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, "SELECT coalesce(max(id), 0) + 1 FROM received_submissions",
	                   &st, err))
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(st, 0);
	else
		kh_sql_fail(store, "received_submissions", err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* The submissions row the report indicators judge: accepted, source
 * 'serve', the receipt's ref and key.  A row of the same contract, report,
 * period and second stands (it already says the report arrived then). */
static int insert_submission(struct kh_store *store, const struct kh_received_in *in,
                             const char *ref, struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO submissions (contract, report, period, submitted_at,"
		"  accepted, ref, source, idempotency_key)"
		" VALUES (?1, ?2, ?3, ?4, 1, ?5, 'serve', ?6)"
		" ON CONFLICT (contract, report, period, submitted_at) DO NOTHING";
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, in->contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, in->report, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->received_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, in->key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0
	         : kh_sql_fail(store, "submissions", err);
	sqlite3_finalize(st);
	return rc;
}

int kh_sqlite_received_add(struct kh_store *store, const struct kh_received_in *in,
                          struct kh_received *out, int *exists,
                          struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO received_submissions (id, ref, idempotency_key, contract,"
		"  report, period, content_type, sha256, size, body, received_at,"
		"  received_by, user_id, token_id, remote)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
		" ON CONFLICT (idempotency_key) DO NOTHING";
	memset(out, 0, sizeof *out);
	*exists = 0;
	long id;
	if (next_id(store, &id, err))
		return -1;
	char ref[32];
	snprintf(ref, sizeof ref, "R-%06ld", id);
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in->report, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, in->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, in->content_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, in->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)in->body_len);
	sqlite3_bind_blob64(st, 10, in->body ? in->body : "", in->body_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, in->received_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, in->received_by ? in->received_by : "?", -1,
	                  SQLITE_STATIC);
	if (in->user_id)
		sqlite3_bind_int64(st, 13, in->user_id);
	if (in->token_id)
		sqlite3_bind_int64(st, 14, in->token_id);
	kh_sql_bind_text_or_null(st, 15, in->remote);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		kh_sql_fail(store, "received_submissions", err);
		sqlite3_finalize(st);
		return -1;
	}
	int changes = sqlite3_changes(store->db);
	sqlite3_finalize(st);
	if (changes == 0) {          /* the key is there: the UNIQUE decided */
		*exists = 1;
		return 0;
	}
	if (insert_submission(store, in, ref, err))
		return -1;
	out->id = id;
	out->ref = kh_xstrdup(ref);
	out->key = kh_xstrdup(in->key);
	out->contract = kh_xstrdup(in->contract);
	out->report = kh_xstrdup(in->report);
	out->period = kh_xstrdup(in->period);
	out->content_type = kh_xstrdup(in->content_type);
	out->sha256 = kh_xstrdup(in->sha256);
	out->received_at = kh_xstrdup(in->received_at);
	out->received_by = kh_xstrdup(in->received_by ? in->received_by : "?");
	out->size = (long long)in->body_len;
	return 0;
}

int kh_sqlite_received_each(struct kh_store *store, const char *contract,
                           kh_received_fn *fn, void *arg, struct kh_err *err)
{
	static const char sql[] =
		"SELECT " RECEIVED_COLUMNS " FROM received_submissions"
		" WHERE ?1 IS NULL OR contract = ?1 ORDER BY id DESC";
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	kh_sql_bind_text_or_null(st, 1, contract);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kh_received r;
		read_row(st, &r);
		int stop = fn(&r, arg);
		kh_received_free(&r);
		if (stop) {
			sqlite3_finalize(st);
			return 0;
		}
	}
	int ret = rc == SQLITE_DONE ? 0 : kh_sql_fail(store, "received_submissions", err);
	sqlite3_finalize(st);
	return ret;
}

int kh_sqlite_received_body(struct kh_store *store, const char *ref,
                           struct kh_received *out, char **body, size_t *len,
                           int *found, struct kh_err *err)
{
	static const char sql[] =
		"SELECT " RECEIVED_COLUMNS ", body FROM received_submissions"
		" WHERE ref = ?1";
	memset(out, 0, sizeof *out);
	*found = 0;
	*body = NULL;
	*len = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
		const void *blob = sqlite3_column_blob(st, 11);
		size_t n = (size_t)sqlite3_column_bytes(st, 11);
		*body = kh_xmalloc(n + 1);
		if (n)
			memcpy(*body, blob, n);
		(*body)[n] = '\0';
		*len = n;
		*found = 1;
	} else if (rc != SQLITE_DONE) {
		kh_sql_fail(store, "received_submissions", err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int kh_sqlite_contract_known(struct kh_store *store, const char *contract,
                            int *known, struct kh_err *err)
{
	sqlite3_stmt *st;
	*known = 0;
	if (kh_sql_prepare(store, "SELECT 1 FROM contracts WHERE id = ?1 LIMIT 1", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*known = 1;
	else if (rc != SQLITE_DONE)
		kh_sql_fail(store, "contracts", err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}
