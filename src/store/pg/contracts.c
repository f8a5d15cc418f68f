/* contracts.c (PostgreSQL): the versioned contracts table behind
 * store-contracts.h, as the SQLite engine's contracts.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"

/* Version `version` of id, or the newest when version is 0: its version,
 * sha256 and, with_text, its text, in at most one row (PQclear it), or
 * NULL (printed). */
static PGresult *query_version(struct kh_store *s, int with_text, const char *id,
                               int version, struct kh_err *err)
{
	static const char *const sql[2] = {
		"SELECT version, sha256 FROM contracts WHERE id = $1 AND"
		" ($2::int = 0 OR version = $2::int) ORDER BY version DESC LIMIT 1",
		"SELECT version, sha256, xml FROM contracts WHERE id = $1 AND"
		" ($2::int = 0 OR version = $2::int) ORDER BY version DESC LIMIT 1",
	};
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, id);
	kh_pg_param_int(&p, version);
	return kh_pg_query(s, sql[with_text != 0], &p, "contracts", err);
}

int kh_pg_contract_get(struct kh_store *s, const char *id, int version,
                       struct kh_stored_contract *out, int *found,
                       struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	*found = 0;
	PGresult *res = query_version(s, 1, id, version, err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		*found = 1;
		out->id = kh_xstrdup(id);
		out->version = (int)kh_pg_int(res, 0, 0);
		out->sha256 = kh_pg_text(res, 0, 1);
		out->xml = kh_pg_text(res, 0, 2);
		out->len = strlen(out->xml);
	}
	PQclear(res);
	return 0;
}

int kh_pg_contract_head(struct kh_store *s, const char *id, int version,
                        struct kh_contract_head *out, int *found,
                        struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	*found = 0;
	PGresult *res = query_version(s, 0, id, version, err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		*found = 1;
		out->version = (int)kh_pg_int(res, 0, 0);
		snprintf(out->sha256, sizeof out->sha256, "%s", PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return 0;
}

/* Inside the caller's transaction (which holds the write lock). */
static int add_version(struct kh_store *s, const char *id, const char *sha256,
                       const char *xml, const char *source_file,
                       const char *added_at, int *version, int *unchanged,
                       struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, id);
	PGresult *res = kh_pg_query(s, "SELECT version, sha256 FROM contracts"
	                            " WHERE id = $1 ORDER BY version DESC LIMIT 1",
	                            &p, "contracts", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		*version = (int)kh_pg_int(res, 0, 0);
		*unchanged = strcmp(PQgetvalue(res, 0, 1), sha256) == 0;
	}
	PQclear(res);
	if (*unchanged)
		return 0;
	++*version;
	struct kh_pg_params q = { 0 };
	kh_pg_param_text(&q, id);
	kh_pg_param_int(&q, *version);
	kh_pg_param_text(&q, sha256);
	kh_pg_param_text_or_null(&q, source_file);
	kh_pg_param_text(&q, xml);
	kh_pg_param_text(&q, added_at);
	return kh_pg_run(s, "INSERT INTO contracts (id, version, sha256, source_file,"
	                 " xml, added_at) VALUES ($1, $2, $3, $4, $5, $6)", &q,
	                 "contracts", err);
}

int kh_pg_contract_add(struct kh_store *s, const char *id, const char *sha256,
                       const char *xml, const char *source_file,
                       const char *added_at, int *version, int *unchanged,
                       struct kh_err *err)
{
	/* As on SQLite: every failure here is reported as an I/O error. */
	struct kh_err why = { 0 };
	*version = 0;
	*unchanged = 0;
	if (kh_pg_begin(s, &why))
		return kh_fail(err, KH_ERR_IO);
	if (add_version(s, id, sha256, xml, source_file, added_at, version,
	                unchanged, &why)) {
		kh_pg_rollback(s);
		return kh_fail(err, KH_ERR_IO);
	}
	if (*unchanged) {
		kh_pg_rollback(s);
		return 0;
	}
	if (kh_pg_commit(s, &why)) {
		kh_pg_rollback(s);
		return kh_fail(err, KH_ERR_IO);
	}
	return 0;
}

int kh_pg_contract_ids(struct kh_store *s, char ***ids, size_t *count,
                       struct kh_err *err)
{
	*ids = NULL;
	*count = 0;
	PGresult *res = kh_pg_query(s, "SELECT DISTINCT id FROM contracts ORDER BY id",
	                            NULL, "contracts", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*ids = kh_xcalloc(n ? (size_t)n : 1, sizeof **ids);
	for (int i = 0; i < n; i++)
		(*ids)[i] = kh_pg_text(res, i, 0);
	*count = (size_t)n;
	PQclear(res);
	return 0;
}
