/* load-facts.c (SQLite): the recorded facts of a contract (acceptance,
 * notices, rectification orders, fund requests and receipts) as typed
 * records (records.h), sorted by date, kind, then ref.  Reads only. */
#include <stdlib.h>

#include "msg.h"
#include "sql.h"

static void facts_free(struct kh_facts *out)
{
	for (size_t i = 0; i < out->count; i++) {
		free(out->rows[i].kind);
		free(out->rows[i].ref);
		free(out->rows[i].note);
	}
	free(out->rows);
	out->rows = NULL;
	out->count = 0;
}

int kh_sqlite_load_facts(struct kh_store *s, const char *contract,
                         struct kh_facts *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT date, kind, ref, amount, due_date, note FROM facts"
		" WHERE contract = ?1 ORDER BY date, kind, ref";
	out->rows = NULL;
	out->count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day date, due;
		if (kh_sql_load_day(s, st, 0, "facts", "date", 1, &date, err) ||
		    kh_sql_load_day(s, st, 4, "facts", "due_date", 0, &due, err)) {
			rc = -1;
			break;
		}
		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_fact *row = &out->rows[out->count++];
		row->date = date;
		row->kind = kh_sql_text(st, 1);
		row->ref = kh_sql_text(st, 2);
		row->has_amount = sqlite3_column_type(st, 3) != SQLITE_NULL;
		row->amount = (kh_fen)sqlite3_column_int64(st, 3);
		row->due = due;
		row->note = kh_sql_text(st, 5);
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "facts", err);
	sqlite3_finalize(st);
	if (rc)
		facts_free(out);
	return rc;
}
