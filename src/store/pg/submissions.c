/* submissions.c (PostgreSQL): the receipts of `kaohe submit` in the
 * submissions table, behind store-submissions.h.  Never sees a token. */
#include <string.h>

#include "msg.h"
#include "pg.h"

int kh_pg_submission_find(struct kh_store *s, const char *key,
                          struct kh_stored_receipt *out, int *found,
                          struct kh_err *err)
{
	static const char sql[] =
		"SELECT ref, submitted_at, contract, report, period FROM submissions"
		" WHERE idempotency_key = $1 AND accepted = 1"
		" ORDER BY submitted_at LIMIT 1";
	memset(out, 0, sizeof *out);
	*found = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, key);
	PGresult *res = kh_pg_query(s, sql, &p, "submissions", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		out->ref = kh_pg_text(res, 0, 0);
		out->submitted_at = kh_pg_text(res, 0, 1);
		out->contract = kh_pg_text(res, 0, 2);
		out->report = kh_pg_text(res, 0, 3);
		out->period = kh_pg_text(res, 0, 4);
		*found = 1;
	}
	PQclear(res);
	return 0;
}

int kh_pg_submission_record(struct kh_store *s, const struct kh_receipt_record *r,
                            struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO submissions (contract, report, period, submitted_at,"
		"  accepted, ref, source, idempotency_key)"
		" VALUES ($1, $2, $3, $4, $5, $6, 'submit', $7)"
		" ON CONFLICT (contract, report, period, submitted_at) DO UPDATE SET"
		"  accepted = excluded.accepted, ref = excluded.ref,"
		"  source = 'submit', idempotency_key = excluded.idempotency_key";
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, r->contract);
	kh_pg_param_text(&p, r->report);
	kh_pg_param_text(&p, r->period);
	kh_pg_param_text(&p, r->submitted_at);
	kh_pg_param_int(&p, r->accepted ? 1 : 0);
	kh_pg_param_text(&p, r->ref);
	kh_pg_param_text(&p, r->idempotency_key);
	if (kh_pg_begin(s, err))
		return -1;
	if (kh_pg_run(s, sql, &p, "submissions", err) || kh_pg_commit(s, err)) {
		kh_pg_rollback(s);
		return -1;
	}
	return 0;
}
