/* submissions.c (SQLite): the receipts of `kaohe submit` in the
 * submissions table, behind store-submissions.h.  Never sees a token. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-submissions.h"

void kh_stored_receipt_free(struct kh_stored_receipt *receipt)
{
	free(receipt->contract);
	free(receipt->report);
	free(receipt->period);
	free(receipt->submitted_at);
	free(receipt->ref);
	memset(receipt, 0, sizeof *receipt);
}

int kh_sqlite_submission_find(struct kh_store *store, const char *key,
                              struct kh_stored_receipt *out, int *found,
                              struct kh_err *err)
{
	static const char sql[] =
		"SELECT ref, submitted_at, contract, report, period FROM submissions"
		" WHERE idempotency_key = ?1 AND accepted = 1"
		" ORDER BY submitted_at LIMIT 1";
	memset(out, 0, sizeof *out);
	*found = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->ref = kh_sql_text(st, 0);
		out->submitted_at = kh_sql_text(st, 1);
		out->contract = kh_sql_text(st, 2);
		out->report = kh_sql_text(st, 3);
		out->period = kh_sql_text(st, 4);
		*found = 1;
	} else if (rc != SQLITE_DONE) {
		kh_sql_fail(store, "submissions", err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int insert_receipt(struct kh_store *store,
                          const struct kh_receipt_record *r, struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO submissions (contract, report, period, submitted_at,"
		"  accepted, ref, source, idempotency_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'submit', ?7)"
		" ON CONFLICT (contract, report, period, submitted_at) DO UPDATE SET"
		"  accepted = excluded.accepted, ref = excluded.ref,"
		"  source = 'submit', idempotency_key = excluded.idempotency_key";
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, r->contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->report, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->submitted_at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, r->accepted ? 1 : 0);
	sqlite3_bind_text(st, 6, r->ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r->idempotency_key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0
	         : kh_sql_fail(store, "submissions", err);
	sqlite3_finalize(st);
	return rc;
}

int kh_sqlite_submission_record(struct kh_store *store,
                                const struct kh_receipt_record *receipt,
                                struct kh_err *err)
{
	if (kh_store_begin(store, err))
		return -1;
	if (insert_receipt(store, receipt, err)) {
		kh_store_rollback(store);
		return -1;
	}
	if (kh_store_commit(store, err)) {
		kh_store_rollback(store);
		return -1;
	}
	return 0;
}
