/* runs.c (SQLite): scoring runs — the imports that could feed a contract
 * (provenance) and storing a run with its import links in one
 * transaction. */
#include <stdlib.h>

#include "msg.h"
#include "sql.h"

int kh_sqlite_list_imports(struct kh_store *s, const char *contract,
                           struct kh_import_info **out, size_t *count,
                           struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, kind, file, sha256, rows, imported_at FROM imports"
		" WHERE contract = ?1 OR contract IS NULL ORDER BY id";
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			*out = kh_xrealloc(*out, cap * sizeof **out);
		}
		struct kh_import_info *info = &(*out)[(*count)++];
		info->id = (long)sqlite3_column_int64(st, 0);
		info->kind = kh_sql_text(st, 1);
		info->file = kh_sql_text(st, 2);
		info->sha256 = kh_sql_text(st, 3);
		info->rows = sqlite3_column_int64(st, 4);
		info->imported_at = kh_sql_text(st, 5);
	}
	int rc = 0;
	if (step != SQLITE_DONE) {
		rc = kh_sql_fail(s, "imports", err);
		kh_import_infos_free(*out, *count);
		*out = NULL;
		*count = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

void kh_import_infos_free(struct kh_import_info *infos, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(infos[i].kind);
		free(infos[i].file);
		free(infos[i].sha256);
		free(infos[i].imported_at);
	}
	free(infos);
}

static int insert_run(struct kh_store *s, const struct kh_run *run, long *run_id,
                      struct kh_err *err)
{
	static const char run_sql[] =
		"INSERT INTO score_runs (contract, contract_version, period, as_of,"
		" generated_at, score, max_score, grade, scorecard_xml)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
	static const char link_sql[] =
		"INSERT INTO score_run_imports (run_id, import_id) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, run_sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, run->contract, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, run->contract_version);
	sqlite3_bind_text(st, 3, run->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, run->as_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, run->generated_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, run->score, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, run->max_score, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, run->grade, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, run->scorecard_xml, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*run_id = (long)sqlite3_column_int64(st, 0);
	if (step != SQLITE_ROW || sqlite3_step(st) != SQLITE_DONE) {
		kh_sql_fail(s, "score_runs", err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (kh_sql_prepare(s, link_sql, &st, err))
		return -1;
	for (size_t i = 0; i < run->nimports; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *run_id);
		sqlite3_bind_int64(st, 2, run->import_ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			kh_sql_fail(s, "score_run_imports", err);
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int kh_sqlite_save_run(struct kh_store *s, const struct kh_run *run,
                       long *run_id, struct kh_err *err)
{
	if (kh_store_begin(s, err))
		return -1;
	if (insert_run(s, run, run_id, err)) {
		kh_store_rollback(s);
		return -1;
	}
	return kh_store_commit(s, err);
}
