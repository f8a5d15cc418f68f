/* records.c (PostgreSQL): kh_pg_load_records and one loader per record
 * kind — the rows of a contract as typed records (records.h), in the order
 * records.h gives (the SQLite engine's ORDER BY; text columns are COLLATE
 * "C", so both engines sort bytes alike).  Reads only; a stored value the
 * schema does not promise is a data error naming the database.  On a
 * failure what was read stays counted in *out for kh_records_free. */
#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "msg.h"
#include "pg.h"

static PGresult *for_contract(struct kh_store *s, const char *sql,
                              const char *contract, const char *what,
                              struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, contract);
	return kh_pg_query(s, sql, &p, what, err);
}

static void *rows_for(const PGresult *res, size_t size)
{
	int n = PQntuples(res);
	return kh_xcalloc(n ? (size_t)n : 1, size);
}

static int bad_value(struct kh_store *s, const char *table, const char *column,
                     const PGresult *res, int i, int col, struct kh_err *err)
{
	kh_error("%s: %s.%s: %s ('%s')", s->path, table, column,
	         kh_tr("存储的值无效", "stored value is not valid"),
	         PQgetisnull(res, i, col) ? "" : PQgetvalue(res, i, col));
	return kh_fail(err, KH_ERR_DATA);
}

/* Did an import of `kind` name the contract?  1, 0, or -1. */
static int imported(struct kh_store *s, const char *contract, const char *kind,
                    struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, contract);
	kh_pg_param_text(&p, kind);
	PGresult *res = kh_pg_query(s, "SELECT count(*) FROM imports WHERE contract = $1"
	                            " AND kind = $2", &p, "imports", err);
	if (!res)
		return -1;
	int found = kh_pg_int(res, 0, 0) > 0;
	PQclear(res);
	return found;
}

int kh_pg_load_roster(struct kh_store *s, const char *contract,
                      struct kh_roster *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT staff_id, name, post, unit, specialty,"
	                             " start_date, end_date, end_reason FROM roster"
	                             " WHERE contract = $1 ORDER BY staff_id, start_date",
	                             contract, "roster", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
		struct kh_assignment *a = &out->rows[out->count++];
		a->staff_id = kh_pg_text(res, i, 0);
		a->name = kh_pg_text(res, i, 1);
		a->post = kh_pg_text(res, i, 2);
		a->unit = kh_pg_text(res, i, 3);
		a->specialty = kh_pg_text(res, i, 4);
		a->end_reason = kh_pg_text(res, i, 7);
		rc = kh_pg_load_day(s, res, i, 5, "roster", "start_date", 1, &a->start, err)
		     || kh_pg_load_day(s, res, i, 6, "roster", "end_date", 0, &a->end, err);
		if (!rc && a->end == KH_DAY_NONE)
			a->end = KH_DAY_OPEN;
	}
	PQclear(res);
	return rc ? -1 : 0;
}

int kh_pg_load_population(struct kh_store *s, const char *contract,
                          struct kh_population *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT unit, date, insured FROM population"
	                             " WHERE contract = $1 ORDER BY unit, date",
	                             contract, "population", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
		struct kh_population_row *p = &out->rows[out->count++];
		p->unit = kh_pg_text(res, i, 0);
		p->insured = kh_pg_int(res, i, 2);
		rc = kh_pg_load_day(s, res, i, 1, "population", "date", 1, &p->date, err);
	}
	PQclear(res);
	return rc;
}

static enum kh_substantiated substantiated_of(const char *text)
{
	if (strcmp(text, "yes") == 0)
		return KH_SUBST_YES;
	if (strcmp(text, "pending") == 0)
		return KH_SUBST_PENDING;
	return KH_SUBST_NO;
}

int kh_pg_load_complaints(struct kh_store *s, const char *contract,
                          struct kh_complaints *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT complaint_id, received_date, channel,"
	                             " category, substantiated, insurer_fault, severity,"
	                             " closed_date FROM complaints WHERE contract = $1"
	                             " ORDER BY received_date, complaint_id",
	                             contract, "complaints", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n && !rc; i++) {
		kh_day received, closed;
		if (kh_pg_load_day(s, res, i, 1, "complaints", "received_date", 1, &received,
		                   err)
		    || kh_pg_load_day(s, res, i, 7, "complaints", "closed_date", 0, &closed,
		                      err)) {
			rc = -1;
			break;
		}
		struct kh_complaint *c = &out->rows[out->count++];
		c->complaint_id = kh_pg_text(res, i, 0);
		c->received = received;
		c->channel = kh_pg_text(res, i, 2);
		c->category = kh_pg_text(res, i, 3);
		c->substantiated = substantiated_of(PQgetvalue(res, i, 4));
		c->insurer_fault = kh_pg_null(res, i, 5) ? -1 : kh_pg_int(res, i, 5) != 0;
		c->severity = kh_pg_text(res, i, 6);
		c->closed = closed;
	}
	PQclear(res);
	if (rc)
		return -1;
	int given = out->count > 0 ? 1 : imported(s, contract, "complaints", err);
	if (given < 0)
		return -1;
	out->given = given;
	return 0;
}

int kh_pg_load_audits(struct kh_store *s, const char *contract,
                      struct kh_audits *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT sample_id, audit_date, period, stream,"
	                             " claim_id, result, error_amount, finding FROM audits"
	                             " WHERE contract = $1 ORDER BY audit_date, sample_id",
	                             contract, "audits", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		kh_day audit_date;
		if (kh_pg_load_day(s, res, i, 1, "audits", "audit_date", 1, &audit_date, err)) {
			rc = -1;
			break;
		}
		struct kh_audit_sample *a = &out->rows[out->count++];
		a->sample_id = kh_pg_text(res, i, 0);
		a->audit_date = audit_date;
		a->period = kh_pg_text(res, i, 2);
		a->stream = kh_pg_text(res, i, 3);
		a->claim_id = kh_pg_text(res, i, 4);
		a->passed = strcmp(PQgetvalue(res, i, 5), "pass") == 0;
		a->has_error_amount = !kh_pg_null(res, i, 6);
		a->error_amount = kh_pg_int(res, i, 6);
		a->finding = kh_pg_text(res, i, 7);
	}
	PQclear(res);
	return rc;
}

int kh_pg_load_submissions(struct kh_store *s, const char *contract,
                           struct kh_submissions *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT report, period, submitted_at, accepted,"
	                             " ref, source FROM submissions WHERE contract = $1"
	                             " ORDER BY report, period, submitted_at",
	                             contract, "submissions", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		kh_time submitted_at;
		if (kh_time_parse(PQgetvalue(res, i, 2), &submitted_at) != 0) {
			rc = bad_value(s, "submissions", "submitted_at", res, i, 2, err);
			break;
		}
		struct kh_submission *sub = &out->rows[out->count++];
		sub->report = kh_pg_text(res, i, 0);
		sub->period = kh_pg_text(res, i, 1);
		sub->submitted_at = submitted_at;
		sub->submitted_day = kh_time_day(submitted_at);
		sub->accepted = kh_pg_int(res, i, 3) != 0;
		sub->ref = kh_pg_text(res, i, 4);
		sub->source = kh_pg_text(res, i, 5);
	}
	PQclear(res);
	return rc;
}

int kh_pg_load_activities(struct kh_store *s, const char *contract,
                          struct kh_activities *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT date, kind, unit, count FROM activities"
	                             " WHERE contract = $1 ORDER BY date, kind, unit",
	                             contract, "activities", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		kh_day date;
		if (kh_pg_load_day(s, res, i, 0, "activities", "date", 1, &date, err)) {
			rc = -1;
			break;
		}
		struct kh_activity *a = &out->rows[out->count++];
		a->date = date;
		a->kind = kh_pg_text(res, i, 1);
		a->unit = kh_pg_text(res, i, 2);
		a->count = kh_pg_int(res, i, 3);
	}
	PQclear(res);
	if (rc)
		return -1;
	int given = out->count > 0 ? 1 : imported(s, contract, "activities", err);
	if (given < 0)
		return -1;
	out->given = given;
	return 0;
}

int kh_pg_load_ratings(struct kh_store *s, const char *contract,
                       struct kh_ratings *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT quarter, rating, raw_rating FROM ratings"
	                             " WHERE contract = $1 ORDER BY quarter",
	                             contract, "ratings", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		const char *rating = PQgetvalue(res, i, 1);
		if (rating[0] < 'A' || rating[0] > 'D' || rating[1]) {
			rc = bad_value(s, "ratings", "rating", res, i, 1, err);
			break;
		}
		struct kh_rating *r = &out->rows[out->count++];
		r->quarter = kh_pg_text(res, i, 0);
		r->rating = rating[0];
		r->raw_rating = kh_pg_text(res, i, 2);
	}
	PQclear(res);
	return rc;
}

int kh_pg_load_facts(struct kh_store *s, const char *contract,
                     struct kh_facts *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT date, kind, ref, amount, due_date, note"
	                             " FROM facts WHERE contract = $1"
	                             " ORDER BY date, kind, ref", contract, "facts", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		kh_day date, due;
		if (kh_pg_load_day(s, res, i, 0, "facts", "date", 1, &date, err)
		    || kh_pg_load_day(s, res, i, 4, "facts", "due_date", 0, &due, err)) {
			rc = -1;
			break;
		}
		struct kh_fact *row = &out->rows[out->count++];
		row->date = date;
		row->kind = kh_pg_text(res, i, 1);
		row->ref = kh_pg_text(res, i, 2);
		row->has_amount = !kh_pg_null(res, i, 3);
		row->amount = (kh_fen)kh_pg_int(res, i, 3);
		row->due = due;
		row->note = kh_pg_text(res, i, 5);
	}
	PQclear(res);
	return rc;
}

int kh_pg_load_finance(struct kh_store *s, const char *contract,
                       struct kh_finance *out, struct kh_err *err)
{
	PGresult *res = for_contract(s, "SELECT date, kind, amount, note FROM finance"
	                             " WHERE contract = $1 ORDER BY date, kind, amount",
	                             contract, "finance", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		kh_day date;
		if (kh_pg_load_day(s, res, i, 0, "finance", "date", 1, &date, err)) {
			rc = -1;
			break;
		}
		struct kh_finance_row *row = &out->rows[out->count++];
		row->date = date;
		row->kind = kh_pg_text(res, i, 1);
		row->amount = (kh_fen)kh_pg_int(res, i, 2);
		row->note = kh_pg_text(res, i, 3);
	}
	PQclear(res);
	return rc;
}

int kh_pg_load_marks(struct kh_store *s, const char *contract,
                     struct kh_marks *out, struct kh_err *err)
{
	/* Levels in the order of enum kh_mark_level, not alphabetical. */
	PGresult *res = for_contract(s, "SELECT period, level, indicator, member, score,"
	                             " reason, evidence FROM marks WHERE contract = $1"
	                             " ORDER BY period, indicator,"
	                             "  CASE level WHEN 'self' THEN 0 WHEN 'city' THEN 1"
	                             "  ELSE 2 END, member", contract, "marks", err);
	if (!res)
		return -1;
	out->rows = rows_for(res, sizeof *out->rows);
	out->count = 0;
	int rc = 0;
	for (int i = 0, n = PQntuples(res); i < n; i++) {
		enum kh_mark_level level;
		if (kh_mark_level_parse(PQgetvalue(res, i, 1), &level)) {
			rc = bad_value(s, "marks", "level", res, i, 1, err);
			break;
		}
		int64_t score = kh_pg_int(res, i, 4);
		if (score < 0 || score > 100000000) {
			rc = bad_value(s, "marks", "score", res, i, 4, err);
			break;
		}
		struct kh_mark *row = &out->rows[out->count++];
		row->period = kh_pg_text(res, i, 0);
		row->level = level;
		row->indicator = kh_pg_text(res, i, 2);
		row->member = kh_pg_text(res, i, 3);
		row->score_x100 = (long)score;
		row->reason = kh_pg_text(res, i, 5);
		row->evidence = kh_pg_text(res, i, 6);
	}
	PQclear(res);
	return rc;
}

int kh_pg_load_records(struct kh_store *s, const char *contract, unsigned kinds,
                       struct kh_records *out, struct kh_err *err)
{
	int rc = 0;
	if (!rc && (kinds & KH_REC_ROSTER))
		rc = kh_pg_load_roster(s, contract, &out->roster, err);
	if (!rc && (kinds & KH_REC_POPULATION))
		rc = kh_pg_load_population(s, contract, &out->population, err);
	if (!rc && (kinds & KH_REC_COMPLAINTS))
		rc = kh_pg_load_complaints(s, contract, &out->complaints, err);
	if (!rc && (kinds & KH_REC_AUDITS))
		rc = kh_pg_load_audits(s, contract, &out->audits, err);
	if (!rc && (kinds & KH_REC_SUBMISSIONS))
		rc = kh_pg_load_submissions(s, contract, &out->submissions, err);
	if (!rc && (kinds & KH_REC_ACTIVITIES))
		rc = kh_pg_load_activities(s, contract, &out->activities, err);
	if (!rc && (kinds & KH_REC_FINANCE))
		rc = kh_pg_load_finance(s, contract, &out->finance, err);
	if (!rc && (kinds & KH_REC_FACTS))
		rc = kh_pg_load_facts(s, contract, &out->facts, err);
	if (!rc && (kinds & KH_REC_RATINGS))
		rc = kh_pg_load_ratings(s, contract, &out->ratings, err);
	if (!rc && (kinds & KH_REC_MARKS))
		rc = kh_pg_load_marks(s, contract, &out->marks, err);
	if (!rc && (kinds & KH_REC_SETTLEMENTS))
		kh_pg_settlement_source(s, &out->settlements);
	if (rc) {
		kh_records_free(out);
		return -1;
	}
	out->loaded = kinds;
	return 0;
}
