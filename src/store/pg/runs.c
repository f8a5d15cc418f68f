/* runs.c (PostgreSQL): provenance (the imports that could feed a
 * contract), storing a scoring run with its import links in one
 * transaction, and reading the newest runs back (kaohe compare --db). */
#include <stdlib.h>

#include "msg.h"
#include "pg.h"

int kh_pg_list_imports(struct kh_store *s, const char *contract,
                       struct kh_import_info **out, size_t *count,
                       struct kh_err *err)
{
	static const char sql[] =
		"SELECT id, kind, file, sha256, rows, imported_at FROM imports"
		" WHERE contract = $1 OR contract IS NULL ORDER BY id";
	*out = NULL;
	*count = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, contract);
	PGresult *res = kh_pg_query(s, sql, &p, "imports", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*out = kh_xcalloc(n ? (size_t)n : 1, sizeof **out);
	for (int i = 0; i < n; i++) {
		struct kh_import_info *info = &(*out)[i];
		info->id = (long)kh_pg_int(res, i, 0);
		info->kind = kh_pg_text(res, i, 1);
		info->file = kh_pg_text(res, i, 2);
		info->sha256 = kh_pg_text(res, i, 3);
		info->rows = kh_pg_int(res, i, 4);
		info->imported_at = kh_pg_text(res, i, 5);
	}
	*count = (size_t)n;
	PQclear(res);
	return 0;
}

static int insert_run(struct kh_store *s, const struct kh_run *run, long *run_id,
                      struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, run->contract);
	kh_pg_param_int(&p, run->contract_version);
	kh_pg_param_text(&p, run->period);
	kh_pg_param_text(&p, run->as_of);
	kh_pg_param_text(&p, run->generated_at);
	kh_pg_param_text(&p, run->score);
	kh_pg_param_text(&p, run->max_score);
	kh_pg_param_text(&p, run->grade);
	kh_pg_param_text(&p, run->scorecard_xml);
	PGresult *res = kh_pg_query(s, "INSERT INTO score_runs (contract,"
	                            " contract_version, period, as_of, generated_at,"
	                            " score, max_score, grade, scorecard_xml)"
	                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
	                            " RETURNING id", &p, "score_runs", err);
	if (!res)
		return -1;
	*run_id = (long)kh_pg_int(res, 0, 0);
	PQclear(res);
	for (size_t i = 0; i < run->nimports; i++) {
		struct kh_pg_params q = { 0 };
		kh_pg_param_int(&q, *run_id);
		kh_pg_param_int(&q, run->import_ids[i]);
		if (kh_pg_run(s, "INSERT INTO score_run_imports (run_id, import_id)"
		              " VALUES ($1, $2)", &q, "score_run_imports", err))
			return -1;
	}
	return 0;
}

int kh_pg_save_run(struct kh_store *s, const struct kh_run *run, long *run_id,
                   struct kh_err *err)
{
	if (kh_pg_begin(s, err))
		return -1;
	if (insert_run(s, run, run_id, err)) {
		kh_pg_rollback(s);
		return -1;
	}
	if (kh_pg_commit(s, err)) {
		kh_pg_rollback(s);
		return -1;
	}
	return 0;
}

int kh_pg_latest_runs(struct kh_store *s, const char *period,
                      struct kh_stored_run **out, size_t *count,
                      struct kh_err *err)
{
	static const char sql[] =
		"SELECT DISTINCT ON (contract) id, contract, contract_version, period,"
		" as_of, generated_at, scorecard_xml FROM score_runs"
		" WHERE period = $1 AND scorecard_xml IS NOT NULL"
		" ORDER BY contract, id DESC";
	*out = NULL;
	*count = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, period);
	PGresult *res = kh_pg_query(s, sql, &p, "score_runs", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*out = kh_xcalloc(n ? (size_t)n : 1, sizeof **out);
	for (int i = 0; i < n; i++) {
		struct kh_stored_run *run = &(*out)[i];
		run->id = (long)kh_pg_int(res, i, 0);
		run->contract = kh_pg_text(res, i, 1);
		run->contract_version = (int)kh_pg_int(res, i, 2);
		run->period = kh_pg_text(res, i, 3);
		run->as_of = kh_pg_text(res, i, 4);
		run->generated_at = kh_pg_text(res, i, 5);
		run->scorecard_xml = kh_pg_text(res, i, 6);
	}
	*count = (size_t)n;
	PQclear(res);
	return 0;
}
