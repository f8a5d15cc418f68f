/* receive.c (PostgreSQL): the submissions `kaohe serve` received, behind
 * store-receive.h (table received_submissions, migration 5) and the
 * submissions row each one adds for the report indicators.  The body goes
 * to the server as a binary parameter (BYTEA) and comes back decoded; the
 * UNIQUE idempotency key decides a race (INSERT ... ON CONFLICT DO
 * NOTHING: the loser sees *exists = 1, never an error). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"
#include "store-receive.h"

#define RECEIVED_COLUMNS \
	"id, ref, idempotency_key, contract, report, period, content_type," \
	" sha256, received_at, received_by, size"

static void read_row(const PGresult *res, int row, struct kh_received *out)
{
	out->id = (long)kh_pg_int(res, row, 0);
	out->ref = kh_pg_text(res, row, 1);
	out->key = kh_pg_text(res, row, 2);
	out->contract = kh_pg_text(res, row, 3);
	out->report = kh_pg_text(res, row, 4);
	out->period = kh_pg_text(res, row, 5);
	out->content_type = kh_pg_text(res, row, 6);
	out->sha256 = kh_pg_text(res, row, 7);
	out->received_at = kh_pg_text(res, row, 8);
	out->received_by = kh_pg_text(res, row, 9);
	out->size = (long long)kh_pg_int(res, row, 10);
}

int kh_pg_received_find(struct kh_store *s, const char *key,
                        struct kh_received *out, int *found, struct kh_err *err)
{
	static const char sql[] =
		"SELECT " RECEIVED_COLUMNS " FROM received_submissions"
		" WHERE idempotency_key = $1";
	memset(out, 0, sizeof *out);
	*found = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, key);
	PGresult *res = kh_pg_query(s, sql, &p, "received_submissions", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		read_row(res, 0, out);
		*found = 1;
	}
	PQclear(res);
	return 0;
}

/* The submissions row the report indicators judge (as the SQLite engine's:
 * a row of the same contract, report, period and second stands). */
static int insert_submission(struct kh_store *s, const struct kh_received_in *in,
                             const char *ref, struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO submissions (contract, report, period, submitted_at,"
		"  accepted, ref, source, idempotency_key)"
		" VALUES ($1, $2, $3, $4, 1, $5, 'serve', $6)"
		" ON CONFLICT (contract, report, period, submitted_at) DO NOTHING";
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, in->contract);
	kh_pg_param_text(&p, in->report);
	kh_pg_param_text(&p, in->period);
	kh_pg_param_text(&p, in->received_at);
	kh_pg_param_text(&p, ref);
	kh_pg_param_text(&p, in->key);
	return kh_pg_run(s, sql, &p, "submissions", err);
}

int kh_pg_received_add(struct kh_store *s, const struct kh_received_in *in,
                       struct kh_received *out, int *exists, struct kh_err *err)
{
	/* The id is the next after the largest, as on SQLite (the caller's
	 * transaction holds the write lock, so no other writer is between). */
	static const char sql[] =
		"WITH n AS (SELECT coalesce(max(id), 0) + 1 AS id"
		"  FROM received_submissions)"
		" INSERT INTO received_submissions (id, ref, idempotency_key, contract,"
		"  report, period, content_type, sha256, size, body, received_at,"
		"  received_by, user_id, token_id, remote)"
		" SELECT n.id, 'R-' || CASE WHEN n.id < 1000000"
		"   THEN lpad(n.id::text, 6, '0') ELSE n.id::text END,"
		"  $1::text, $2::text, $3::text, $4::text, $5::text, $6::text,"
		"  $7::bigint, $8::bytea, $9::text, $10::text, $11::bigint,"
		"  $12::bigint, $13::text FROM n"
		" ON CONFLICT (idempotency_key) DO NOTHING"
		" RETURNING id, ref";
	memset(out, 0, sizeof *out);
	*exists = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, in->key);
	kh_pg_param_text(&p, in->contract);
	kh_pg_param_text(&p, in->report);
	kh_pg_param_text(&p, in->period);
	kh_pg_param_text(&p, in->content_type);
	kh_pg_param_text(&p, in->sha256);
	kh_pg_param_int(&p, (int64_t)in->body_len);
	kh_pg_param_text(&p, in->body_len ? (const char *)in->body : "");
	kh_pg_param_text(&p, in->received_at);
	kh_pg_param_text(&p, in->received_by ? in->received_by : "?");
	if (in->user_id)
		kh_pg_param_int(&p, in->user_id);
	else
		kh_pg_param_null(&p);
	if (in->token_id)
		kh_pg_param_int(&p, in->token_id);
	else
		kh_pg_param_null(&p);
	kh_pg_param_text_or_null(&p, in->remote);
	/* Every parameter as text but the body, which goes as bytes. */
	int lengths[KH_PG_MAX_PARAMS] = { 0 };
	int formats[KH_PG_MAX_PARAMS] = { 0 };
	lengths[7] = (int)in->body_len;
	formats[7] = 1;
	PGresult *res = PQexecParams(kh_pg_conn(s), sql, p.n, NULL, p.v, lengths,
	                             formats, 0);
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		kh_pg_fail(s, res, "received_submissions", err);
		PQclear(res);
		return -1;
	}
	if (PQntuples(res) == 0) {       /* the key is there: the UNIQUE decided */
		PQclear(res);
		*exists = 1;
		return 0;
	}
	long id = (long)kh_pg_int(res, 0, 0);
	char *ref = kh_pg_text(res, 0, 1);
	PQclear(res);
	if (insert_submission(s, in, ref, err)) {
		free(ref);
		return -1;
	}
	out->id = id;
	out->ref = ref;
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

int kh_pg_received_each(struct kh_store *s, const char *contract,
                        kh_received_fn *fn, void *arg, struct kh_err *err)
{
	static const char sql[] =
		"SELECT " RECEIVED_COLUMNS " FROM received_submissions"
		" WHERE $1::text IS NULL OR contract = $1 ORDER BY id DESC";
	struct kh_pg_params p = { 0 };
	kh_pg_param_text_or_null(&p, contract);
	PGresult *res = kh_pg_query(s, sql, &p, "received_submissions", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	for (int i = 0; i < n; i++) {
		struct kh_received r;
		read_row(res, i, &r);
		int stop = fn(&r, arg);
		kh_received_free(&r);
		if (stop)
			break;
	}
	PQclear(res);
	return 0;
}

int kh_pg_received_body(struct kh_store *s, const char *ref,
                        struct kh_received *out, char **body, size_t *len,
                        int *found, struct kh_err *err)
{
	static const char sql[] =
		"SELECT " RECEIVED_COLUMNS ", body FROM received_submissions"
		" WHERE ref = $1";
	memset(out, 0, sizeof *out);
	*found = 0;
	*body = NULL;
	*len = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, ref);
	PGresult *res = kh_pg_query(s, sql, &p, "received_submissions", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		size_t n = 0;
		unsigned char *bytes = PQunescapeBytea(
			(const unsigned char *)PQgetvalue(res, 0, 11), &n);
		if (!bytes) {
			PQclear(res);
			kh_error("%s: received_submissions: %s", kh_store_name(s),
			         kh_tr("内存不足", "out of memory"));
			return kh_fail(err, KH_ERR_OSERR);
		}
		read_row(res, 0, out);
		*body = kh_xmalloc(n + 1);
		if (n)
			memcpy(*body, bytes, n);
		(*body)[n] = '\0';
		*len = n;
		PQfreemem(bytes);
		*found = 1;
	}
	PQclear(res);
	return 0;
}

int kh_pg_contract_known(struct kh_store *s, const char *contract, int *known,
                         struct kh_err *err)
{
	*known = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, contract);
	PGresult *res = kh_pg_query(s, "SELECT 1 FROM contracts WHERE id = $1 LIMIT 1",
	                            &p, "contracts", err);
	if (!res)
		return -1;
	*known = PQntuples(res) > 0;
	PQclear(res);
	return 0;
}
