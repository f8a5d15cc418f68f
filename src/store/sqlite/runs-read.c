/* runs-read.c (SQLite): stored scoring runs read back — the newest run of
 * each contract for a period, for the roll-up of `kaohe compare --db`.
 * Reads only: it works on a store opened with KH_STORE_READONLY. */
#include <stdlib.h>

#include "msg.h"
#include "sql.h"

int kh_sqlite_latest_runs(struct kh_store *s, const char *period,
                          struct kh_stored_run **out, size_t *count,
                          struct kh_err *err)
{
	static const char sql[] =
		"SELECT r.id, r.contract, r.contract_version, r.period, r.as_of,"
		" r.generated_at, r.scorecard_xml FROM score_runs r"
		" WHERE r.period = ?1 AND r.scorecard_xml IS NOT NULL"
		" AND r.id = (SELECT max(q.id) FROM score_runs q"
		"   WHERE q.contract = r.contract AND q.period = ?1"
		"   AND q.scorecard_xml IS NOT NULL)"
		" ORDER BY r.contract";
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, period, -1, SQLITE_STATIC);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 8;
			*out = kh_xrealloc(*out, cap * sizeof **out);
		}
		struct kh_stored_run *run = &(*out)[(*count)++];
		run->id = (long)sqlite3_column_int64(st, 0);
		run->contract = kh_sql_text(st, 1);
		run->contract_version = sqlite3_column_int(st, 2);
		run->period = kh_sql_text(st, 3);
		run->as_of = kh_sql_text(st, 4);
		run->generated_at = kh_sql_text(st, 5);
		run->scorecard_xml = kh_sql_text(st, 6);
	}
	int rc = 0;
	if (step != SQLITE_DONE) {
		rc = kh_sql_fail(s, "score_runs", err);
		kh_stored_runs_free(*out, *count);
		*out = NULL;
		*count = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

void kh_stored_runs_free(struct kh_stored_run *runs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(runs[i].contract);
		free(runs[i].period);
		free(runs[i].as_of);
		free(runs[i].generated_at);
		free(runs[i].scorecard_xml);
	}
	free(runs);
}
