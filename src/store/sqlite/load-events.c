/* load-events.c (SQLite): complaints, audit samples, report submissions,
 * activities and solvency ratings of a contract as typed records
 * (records.h), sorted as records.h says.  Reads only; a stored value that
 * is not what the schema promises (a date that is not a date) is a data
 * error naming the database, never a guess. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"

/* --- shared pieces -------------------------------------------------------- */

/* Room for one more row in *rows (count used, *cap allocated). */
static void *grow(void *rows, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return rows;
	*cap = *cap ? *cap * 2 : 64;
	return kh_xrealloc(rows, *cap * size);
}

/* A stored value the schema does not allow. */
static int bad_value(struct kh_store *s, const char *table, const char *column,
                     sqlite3_stmt *st, int col, struct kh_err *err)
{
	const unsigned char *text = sqlite3_column_text(st, col);
	kh_error("%s: %s.%s: %s ('%s')", s->path, table, column,
	         kh_tr("存储的值无效", "stored value is not valid"),
	         text ? (const char *)text : "");
	return kh_fail(err, KH_ERR_DATA);
}

/* Prepare `sql` and bind the contract as ?1. */
static int prepare_for(struct kh_store *s, const char *sql, const char *contract,
                       sqlite3_stmt **st, struct kh_err *err)
{
	if (kh_sql_prepare(s, sql, st, err) != 0)
		return -1;
	sqlite3_bind_text(*st, 1, contract, -1, SQLITE_STATIC);
	return 0;
}

/* The end of a row loop: SQLITE_DONE is success, anything else a store
 * error.  Finalizes the statement either way.  0 or -1. */
static int finish(struct kh_store *s, sqlite3_stmt *st, int rc, const char *what,
                  struct kh_err *err)
{
	int status = 0;
	if (rc != SQLITE_DONE)
		status = kh_sql_fail(s, what, err);
	sqlite3_finalize(st);
	return status;
}

/* Did an import of `kind` name the contract (a file with a header and no
 * rows says "none this time")?  1, 0, or -1. */
static int imported(struct kh_store *s, const char *contract, const char *kind,
                    struct kh_err *err)
{
	static const char sql[] =
		"SELECT COUNT(*) FROM imports WHERE contract = ?1 AND kind = ?2";
	sqlite3_stmt *st;
	if (prepare_for(s, sql, contract, &st, err) != 0)
		return -1;
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int found = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	return finish(s, st, rc, "imports", err) != 0 ? -1 : found;
}

/* --- complaints ----------------------------------------------------------- */

static enum kh_substantiated substantiated_of(const unsigned char *text)
{
	if (text && strcmp((const char *)text, "yes") == 0)
		return KH_SUBST_YES;
	if (text && strcmp((const char *)text, "pending") == 0)
		return KH_SUBST_PENDING;
	return KH_SUBST_NO;
}

int kh_sqlite_load_complaints(struct kh_store *s, const char *contract,
                              struct kh_complaints *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT complaint_id, received_date, channel, category, substantiated,"
		" insurer_fault, severity, closed_date FROM complaints"
		" WHERE contract = ?1 ORDER BY received_date, complaint_id";
	sqlite3_stmt *st;
	if (prepare_for(s, sql, contract, &st, err) != 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day received, closed;
		if (kh_sql_load_day(s, st, 1, "complaints", "received_date", 1, &received, err) ||
		    kh_sql_load_day(s, st, 7, "complaints", "closed_date", 0, &closed, err)) {
			sqlite3_finalize(st);
			return -1;
		}
		out->rows = grow(out->rows, out->count, &cap, sizeof out->rows[0]);
		struct kh_complaint *c = &out->rows[out->count++];
		c->complaint_id = kh_sql_text(st, 0);
		c->received = received;
		c->channel = kh_sql_text(st, 2);
		c->category = kh_sql_text(st, 3);
		c->substantiated = substantiated_of(sqlite3_column_text(st, 4));
		c->insurer_fault = sqlite3_column_type(st, 5) == SQLITE_NULL
		                   ? -1 : sqlite3_column_int(st, 5) != 0;
		c->severity = kh_sql_text(st, 6);
		c->closed = closed;
	}
	if (finish(s, st, rc, "complaints", err) != 0)
		return -1;
	int given = out->count > 0 ? 1 : imported(s, contract, "complaints", err);
	if (given < 0)
		return -1;
	out->given = given;
	return 0;
}

/* --- audits --------------------------------------------------------------- */

int kh_sqlite_load_audits(struct kh_store *s, const char *contract,
                          struct kh_audits *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT sample_id, audit_date, period, stream, claim_id, result,"
		" error_amount, finding FROM audits"
		" WHERE contract = ?1 ORDER BY audit_date, sample_id";
	sqlite3_stmt *st;
	if (prepare_for(s, sql, contract, &st, err) != 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day audit_date;
		if (kh_sql_load_day(s, st, 1, "audits", "audit_date", 1, &audit_date, err)) {
			sqlite3_finalize(st);
			return -1;
		}
		const unsigned char *result = sqlite3_column_text(st, 5);
		out->rows = grow(out->rows, out->count, &cap, sizeof out->rows[0]);
		struct kh_audit_sample *a = &out->rows[out->count++];
		a->sample_id = kh_sql_text(st, 0);
		a->audit_date = audit_date;
		a->period = kh_sql_text(st, 2);
		a->stream = kh_sql_text(st, 3);
		a->claim_id = kh_sql_text(st, 4);
		a->passed = result && strcmp((const char *)result, "pass") == 0;
		a->has_error_amount = sqlite3_column_type(st, 6) != SQLITE_NULL;
		a->error_amount = a->has_error_amount ? sqlite3_column_int64(st, 6) : 0;
		a->finding = kh_sql_text(st, 7);
	}
	return finish(s, st, rc, "audits", err);
}

/* --- submissions ---------------------------------------------------------- */

int kh_sqlite_load_submissions(struct kh_store *s, const char *contract,
                               struct kh_submissions *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT report, period, submitted_at, accepted, ref, source"
		" FROM submissions WHERE contract = ?1"
		" ORDER BY report, period, submitted_at";
	sqlite3_stmt *st;
	if (prepare_for(s, sql, contract, &st, err) != 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *at = sqlite3_column_text(st, 2);
		kh_time submitted_at;
		if (!at || kh_time_parse((const char *)at, &submitted_at) != 0) {
			bad_value(s, "submissions", "submitted_at", st, 2, err);
			sqlite3_finalize(st);
			return -1;
		}
		out->rows = grow(out->rows, out->count, &cap, sizeof out->rows[0]);
		struct kh_submission *sub = &out->rows[out->count++];
		sub->report = kh_sql_text(st, 0);
		sub->period = kh_sql_text(st, 1);
		sub->submitted_at = submitted_at;
		sub->submitted_day = kh_time_day(submitted_at);
		sub->accepted = sqlite3_column_int(st, 3) != 0;
		sub->ref = kh_sql_text(st, 4);
		sub->source = kh_sql_text(st, 5);
	}
	return finish(s, st, rc, "submissions", err);
}

/* --- activities ----------------------------------------------------------- */

int kh_sqlite_load_activities(struct kh_store *s, const char *contract,
                              struct kh_activities *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT date, kind, unit, count FROM activities"
		" WHERE contract = ?1 ORDER BY date, kind, unit";
	sqlite3_stmt *st;
	if (prepare_for(s, sql, contract, &st, err) != 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kh_day date;
		if (kh_sql_load_day(s, st, 0, "activities", "date", 1, &date, err)) {
			sqlite3_finalize(st);
			return -1;
		}
		out->rows = grow(out->rows, out->count, &cap, sizeof out->rows[0]);
		struct kh_activity *a = &out->rows[out->count++];
		a->date = date;
		a->kind = kh_sql_text(st, 1);
		a->unit = kh_sql_text(st, 2);
		a->count = sqlite3_column_int64(st, 3);
	}
	if (finish(s, st, rc, "activities", err) != 0)
		return -1;
	int given = out->count > 0 ? 1 : imported(s, contract, "activities", err);
	if (given < 0)
		return -1;
	out->given = given;
	return 0;
}

/* --- ratings -------------------------------------------------------------- */

int kh_sqlite_load_ratings(struct kh_store *s, const char *contract,
                           struct kh_ratings *out, struct kh_err *err)
{
	static const char sql[] =
		"SELECT quarter, rating, raw_rating FROM ratings"
		" WHERE contract = ?1 ORDER BY quarter";
	sqlite3_stmt *st;
	if (prepare_for(s, sql, contract, &st, err) != 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *rating = sqlite3_column_text(st, 1);
		if (!rating || rating[0] < 'A' || rating[0] > 'D' || rating[1]) {
			bad_value(s, "ratings", "rating", st, 1, err);
			sqlite3_finalize(st);
			return -1;
		}
		out->rows = grow(out->rows, out->count, &cap, sizeof out->rows[0]);
		struct kh_rating *r = &out->rows[out->count++];
		r->quarter = kh_sql_text(st, 0);
		r->rating = (char)rating[0];
		r->raw_rating = kh_sql_text(st, 2);
	}
	return finish(s, st, rc, "ratings", err);
}
