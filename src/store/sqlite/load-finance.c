/* load-finance.c (SQLite): the finance rows of a contract (money in and
 * out: funds received, claims paid, operating cost, refunds) as typed
 * records (records.h), sorted by date, kind, then amount.  Reads only. */
#include <stdlib.h>

#include "msg.h"
#include "sql.h"

static void finance_free(struct kh_finance *out)
{
	for (size_t i = 0; i < out->count; i++) {
		free(out->rows[i].kind);
		free(out->rows[i].note);
	}
	free(out->rows);
	out->rows = NULL;
	out->count = 0;
}

int kh_sqlite_load_finance(struct kh_store *s, const char *contract,
                           struct kh_finance *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT date, kind, amount, note FROM finance WHERE contract = ?1"
		" ORDER BY date, kind, amount";
	out->rows = NULL;
	out->count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day date;
		if (kh_sql_load_day(s, st, 0, "finance", "date", 1, &date, err)) {
			rc = -1;
			break;
		}
		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_finance_row *row = &out->rows[out->count++];
		row->date = date;
		row->kind = kh_sql_text(st, 1);
		row->amount = (kh_fen)sqlite3_column_int64(st, 2);
		row->note = kh_sql_text(st, 3);
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "finance", err);
	sqlite3_finalize(st);
	if (rc)
		finance_free(out);
	return rc;
}
