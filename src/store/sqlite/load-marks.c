/* load-marks.c (SQLite): the panel's marks (评分) of a contract as typed
 * records (records.h struct kh_marks), sorted by period, indicator, level
 * (self, city, province), then member.  Reads only; a stored level or score
 * the schema does not allow is a data error naming the database. */
#include <stdlib.h>

#include "marks.h"
#include "msg.h"
#include "sql.h"

static void marks_free(struct kh_marks *out)
{
	for (size_t i = 0; i < out->count; i++) {
		free(out->rows[i].period);
		free(out->rows[i].indicator);
		free(out->rows[i].member);
		free(out->rows[i].reason);
		free(out->rows[i].evidence);
	}
	free(out->rows);
	out->rows = NULL;
	out->count = 0;
}

static int bad_value(struct kh_store *s, const char *column, sqlite3_stmt *st,
                     int col, struct kh_err *err)
{
	const unsigned char *text = sqlite3_column_text(st, col);
	kh_error("%s: marks.%s: %s ('%s')", s->path, column,
	         kh_tr("存储的值无效", "stored value is not valid"),
	         text ? (const char *)text : "");
	return kh_fail(err, KH_ERR_DATA);
}

int kh_sqlite_load_marks(struct kh_store *s, const char *contract,
                         struct kh_marks *out, struct kh_err *err)
{
	/* Levels in the order of enum kh_mark_level, not alphabetical. */
	static const char sql[] =
		"SELECT period, level, indicator, member, score, reason, evidence"
		" FROM marks WHERE contract = ?1"
		" ORDER BY period, indicator,"
		"  CASE level WHEN 'self' THEN 0 WHEN 'city' THEN 1 ELSE 2 END,"
		"  member";
	out->rows = NULL;
	out->count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		enum kh_mark_level level;
		const unsigned char *level_text = sqlite3_column_text(st, 1);
		if (!level_text || kh_mark_level_parse((const char *)level_text, &level)) {
			rc = bad_value(s, "level", st, 1, err);
			break;
		}
		sqlite3_int64 score = sqlite3_column_int64(st, 4);
		if (sqlite3_column_type(st, 4) != SQLITE_INTEGER || score < 0
		    || score > 100000000) {
			rc = bad_value(s, "score", st, 4, err);
			break;
		}
		if (out->count == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = kh_xrealloc(out->rows, cap * sizeof *out->rows);
		}
		struct kh_mark *row = &out->rows[out->count++];
		row->period = kh_sql_text(st, 0);
		row->level = level;
		row->indicator = kh_sql_text(st, 2);
		row->member = kh_sql_text(st, 3);
		row->score_x100 = (long)score;
		row->reason = kh_sql_text(st, 5);
		row->evidence = kh_sql_text(st, 6);
	}
	if (!rc && step != SQLITE_DONE)
		rc = kh_sql_fail(s, "marks", err);
	sqlite3_finalize(st);
	if (rc)
		marks_free(out);
	return rc;
}
