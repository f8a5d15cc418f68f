/* contracts.c (SQLite): the versioned contracts table behind
 * store-contracts.h — the text of a version, adding the next version in
 * one transaction, the stored ids.  It never parses contract XML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-contracts.h"

void kh_stored_contract_free(struct kh_stored_contract *stored)
{
	free(stored->id);
	free(stored->sha256);
	free(stored->xml);
	memset(stored, 0, sizeof *stored);
}

/* Version `version` of id, or the newest when version is 0: its version,
 * sha256 and, with_text, its text, in one row.  SQLITE_ROW or SQLITE_DONE
 * with *st to read and finalize, or -1 (printed, nothing to finalize). */
static int step_version(struct kh_store *store, int with_text, const char *id,
                        int version, sqlite3_stmt **st, struct kh_err *err)
{
	static const char *const sql[2] = {
		"SELECT version, sha256 FROM contracts WHERE id = ?1 AND"
		" (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1",
		"SELECT version, sha256, xml FROM contracts WHERE id = ?1 AND"
		" (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1",
	};
	if (kh_sql_prepare(store, sql[with_text != 0], st, err))
		return -1;
	sqlite3_bind_text(*st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(*st, 2, version);
	int rc = sqlite3_step(*st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		kh_sql_fail(store, "contracts", err);
		sqlite3_finalize(*st);
		return -1;
	}
	return rc;
}

int kh_sqlite_contract_get(struct kh_store *store, const char *id, int version,
                           struct kh_stored_contract *out, int *found,
                           struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	*found = 0;
	sqlite3_stmt *st;
	int rc = step_version(store, 1, id, version, &st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_ROW) {
		*found = 1;
		out->id = kh_xstrdup(id);
		out->version = sqlite3_column_int(st, 0);
		out->sha256 = kh_sql_text(st, 1);
		const char *xml = (const char *)sqlite3_column_text(st, 2);
		out->len = (size_t)sqlite3_column_bytes(st, 2);
		out->xml = kh_xmalloc(out->len + 1);
		if (out->len)
			memcpy(out->xml, xml, out->len);
		out->xml[out->len] = '\0';
	}
	sqlite3_finalize(st);
	return 0;
}

int kh_sqlite_contract_head(struct kh_store *store, const char *id, int version,
                            struct kh_contract_head *out, int *found,
                            struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	*found = 0;
	sqlite3_stmt *st;
	int rc = step_version(store, 0, id, version, &st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_ROW) {
		*found = 1;
		out->version = sqlite3_column_int(st, 0);
		const char *sha = (const char *)sqlite3_column_text(st, 1);
		snprintf(out->sha256, sizeof out->sha256, "%s", sha ? sha : "");
	}
	sqlite3_finalize(st);
	return 0;
}

/* The newest stored version of id and its hash (0 and NULL when none). */
static int newest_version(struct kh_store *store, const char *id, int *version,
                          char **sha, struct kh_err *err)
{
	sqlite3_stmt *st;
	*version = 0;
	*sha = NULL;
	if (kh_sql_prepare(store, "SELECT version, sha256 FROM contracts WHERE id = ?1"
	                   " ORDER BY version DESC LIMIT 1", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		*sha = kh_sql_text(st, 1);
	} else if (rc != SQLITE_DONE) {
		kh_sql_fail(store, "contracts", err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int insert_version(struct kh_store *store, const char *id, int version,
                          const char *sha256, const char *xml,
                          const char *source_file, const char *added_at,
                          struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, "INSERT INTO contracts (id, version, sha256,"
	                   " source_file, xml, added_at)"
	                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_text(st, 3, sha256, -1, SQLITE_TRANSIENT);
	kh_sql_bind_text_or_null(st, 4, source_file);
	sqlite3_bind_text(st, 5, xml, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, added_at, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0
	         : kh_sql_fail(store, kh_tr("数据库错误", "database error"), err);
	sqlite3_finalize(st);
	return rc;
}

/* Inside the caller's transaction; 0 with *unchanged set when the newest
 * version has the same hash. */
static int add_version(struct kh_store *store, const char *id,
                       const char *sha256, const char *xml,
                       const char *source_file, const char *added_at,
                       int *version, int *unchanged, struct kh_err *err)
{
	char *newest_sha;
	if (newest_version(store, id, version, &newest_sha, err))
		return -1;
	*unchanged = newest_sha && strcmp(newest_sha, sha256) == 0;
	free(newest_sha);
	if (*unchanged)
		return 0;
	++*version;
	return insert_version(store, id, *version, sha256, xml, source_file,
	                      added_at, err);
}

int kh_sqlite_contract_add(struct kh_store *store, const char *id,
                           const char *sha256, const char *xml,
                           const char *source_file, const char *added_at,
                           int *version, int *unchanged, struct kh_err *err)
{
	/* Every failure here is the store's, and has always been reported as
	 * an I/O error: the kind is KH_ERR_IO whatever the engine's code. */
	struct kh_err why = { 0 };
	*version = 0;
	*unchanged = 0;
	if (kh_store_begin(store, &why))
		return kh_fail(err, KH_ERR_IO);
	if (add_version(store, id, sha256, xml, source_file, added_at, version,
	                unchanged, &why)) {
		kh_store_rollback(store);
		return kh_fail(err, KH_ERR_IO);
	}
	if (*unchanged) {
		kh_store_rollback(store);
		return 0;
	}
	if (kh_store_commit(store, &why)) {
		kh_store_rollback(store);
		return kh_fail(err, KH_ERR_IO);
	}
	return 0;
}

int kh_sqlite_contract_ids(struct kh_store *store, char ***ids, size_t *count,
                           struct kh_err *err)
{
	*ids = NULL;
	*count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(store, "SELECT DISTINCT id FROM contracts ORDER BY id",
	                   &st, err))
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = kh_xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*count)++] = kh_sql_text(st, 0);
	}
	if (rc != SQLITE_DONE)
		kh_sql_fail(store, "contracts", err);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *count; i++)
			free((*ids)[i]);
		free(*ids);
		*ids = NULL;
		*count = 0;
		return -1;
	}
	return 0;
}
