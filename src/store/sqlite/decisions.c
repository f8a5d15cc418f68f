/* decisions.c (SQLite): decisions on money lines (a history, newest wins),
 * appeals (复核) and the evidence items they name (store-decisions.h), and
 * what scoring reads of them (kh_store_load_adjustments). */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sql.h"
#include "store-decisions.h"

int kh_sqlite_decide(struct kh_store *s, const char *contract, const char *line_id,
                     enum kh_line_state state, int has_amount, kh_fen amount,
                     const char *reason, const char *who, const char *at,
                     struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO decisions (contract, line_id, state, amount, reason, who, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, line_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kh_line_state_code(state), -1, SQLITE_STATIC);
	if (has_amount)
		sqlite3_bind_int64(st, 4, amount);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_text(st, 5, reason ? reason : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, at, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : kh_sql_fail(s, "decisions", err);
	sqlite3_finalize(st);
	return rc;
}

static int load_decisions(struct kh_store *s, const char *contract,
                          struct kh_adjustments *adj, struct kh_err *err)
{
	/* the newest decision of each line */
	static const char sql[] =
		"SELECT line_id, state, amount, reason, who, at FROM decisions d"
		" WHERE contract = ?1 AND id = (SELECT max(id) FROM decisions"
		"  WHERE contract = d.contract AND line_id = d.line_id)"
		" ORDER BY line_id";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (adj->ndecisions == cap) {
			cap = cap ? cap * 2 : 8;
			adj->decisions = kh_xrealloc(adj->decisions, cap * sizeof *adj->decisions);
		}
		struct kh_decision *d = &adj->decisions[adj->ndecisions++];
		d->line_id = kh_sql_text(st, 0);
		char *state = kh_sql_text(st, 1);
		if (kh_line_state_parse(state, &d->state))
			d->state = KH_LINE_PROPOSED;
		free(state);
		d->has_amount = sqlite3_column_type(st, 2) != SQLITE_NULL;
		d->amount = (kh_fen)sqlite3_column_int64(st, 2);
		d->reason = kh_sql_text(st, 3);
		d->who = kh_sql_text(st, 4);
		d->at = kh_sql_text(st, 5);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "decisions", err);
	sqlite3_finalize(st);
	return rc;
}

static int load_overrides(struct kh_store *s, const char *contract,
                          struct kh_adjustments *adj, struct kh_err *err)
{
	static const char sql[] =
		"SELECT r.kind, r.ref, a.id FROM appeal_refs r JOIN appeals a"
		" ON a.id = r.appeal_id WHERE a.contract = ?1 AND r.outcome = 'overturned'"
		" ORDER BY r.kind, r.ref, a.id";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (adj->noverrides == cap) {
			cap = cap ? cap * 2 : 8;
			adj->overrides = kh_xrealloc(adj->overrides, cap * sizeof *adj->overrides);
		}
		struct kh_override *o = &adj->overrides[adj->noverrides++];
		const unsigned char *kind = sqlite3_column_text(st, 0);
		o->kind = kind && strcmp((const char *)kind, "claim") == 0 ? KH_OVERRIDE_CLAIM
		                                                          : KH_OVERRIDE_AUDIT_SAMPLE;
		o->ref = kh_sql_text(st, 1);
		o->appeal = (long)sqlite3_column_int64(st, 2);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "appeal_refs", err);
	sqlite3_finalize(st);
	return rc;
}

static int load_charges(struct kh_store *s, const char *contract,
                        struct kh_adjustments *adj, struct kh_err *err)
{
	static const char sql[] =
		"SELECT period, indicator, id, cost FROM appeals WHERE contract = ?1"
		" AND state <> 'open' AND cost IS NOT NULL AND cost <> 0 ORDER BY id";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (adj->ncharges == cap) {
			cap = cap ? cap * 2 : 4;
			adj->charges = kh_xrealloc(adj->charges, cap * sizeof *adj->charges);
		}
		struct kh_charge *c = &adj->charges[adj->ncharges++];
		c->period = kh_sql_text(st, 0);
		c->indicator = kh_sql_text(st, 1);
		c->appeal = (long)sqlite3_column_int64(st, 2);
		c->amount = (kh_fen)sqlite3_column_int64(st, 3);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "appeals", err);
	sqlite3_finalize(st);
	return rc;
}

int kh_sqlite_load_adjustments(struct kh_store *s, const char *contract,
                               struct kh_adjustments **out, struct kh_err *err)
{
	struct kh_adjustments *adj = kh_xcalloc(1, sizeof *adj);
	if (load_decisions(s, contract, adj, err) || load_overrides(s, contract, adj, err) ||
	    load_charges(s, contract, adj, err)) {
		kh_adjustments_free(adj);
		*out = NULL;
		return -1;
	}
	kh_adjustments_sort(adj);
	*out = adj;
	return 0;
}

/* --- appeals ----------------------------------------------------------------- */

int kh_sqlite_appeal_add(struct kh_store *s, const struct kh_appeal *a, long *id,
                         struct kh_err *err)
{
	static const char sql[] =
		"INSERT INTO appeals (contract, period, indicator, reason, filed_by,"
		" filed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
	static const char ref_sql[] =
		"INSERT INTO appeal_refs (appeal_id, ref, kind) VALUES (?1, ?2, ?3)";
	if (kh_store_begin(s, err))
		return -1;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err)) {
		kh_store_rollback(s);
		return -1;
	}
	sqlite3_bind_text(st, 1, a->contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->indicator, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, a->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->filed_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, a->filed_at, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(st, 0);
	if (step != SQLITE_ROW || sqlite3_step(st) != SQLITE_DONE) {
		kh_sql_fail(s, "appeals", err);
		sqlite3_finalize(st);
		kh_store_rollback(s);
		return -1;
	}
	sqlite3_finalize(st);
	if (kh_sql_prepare(s, ref_sql, &st, err)) {
		kh_store_rollback(s);
		return -1;
	}
	for (size_t i = 0; i < a->nrefs; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, a->refs[i].ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, a->refs[i].kind, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			kh_sql_fail(s, "appeal_refs", err);
			sqlite3_finalize(st);
			kh_store_rollback(s);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return kh_store_commit(s, err);
}

void kh_appeal_free(struct kh_appeal *a)
{
	if (!a)
		return;
	free(a->contract);
	free(a->period);
	free(a->indicator);
	free(a->reason);
	free(a->filed_by);
	free(a->filed_at);
	free(a->state);
	free(a->decision_reason);
	free(a->decided_by);
	free(a->decided_at);
	for (size_t i = 0; i < a->nrefs; i++) {
		free(a->refs[i].ref);
		free(a->refs[i].kind);
		free(a->refs[i].outcome);
	}
	free(a->refs);
	free(a);
}

void kh_appeals_free(struct kh_appeal **appeals, size_t count)
{
	for (size_t i = 0; i < count; i++)
		kh_appeal_free(appeals[i]);
	free(appeals);
}

static int load_refs(struct kh_store *s, struct kh_appeal *a, struct kh_err *err)
{
	static const char sql[] =
		"SELECT ref, kind, outcome FROM appeal_refs WHERE appeal_id = ?1 ORDER BY ref";
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (a->nrefs == cap) {
			cap = cap ? cap * 2 : 4;
			a->refs = kh_xrealloc(a->refs, cap * sizeof *a->refs);
		}
		struct kh_appeal_ref *r = &a->refs[a->nrefs++];
		r->ref = kh_sql_text(st, 0);
		r->kind = kh_sql_text(st, 1);
		r->outcome = kh_sql_text(st, 2);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "appeal_refs", err);
	sqlite3_finalize(st);
	return rc;
}

#define APPEAL_COLUMNS \
	"SELECT id, contract, period, indicator, reason, filed_by, filed_at, state," \
	" decision_reason, decided_by, decided_at, cost FROM appeals"

static struct kh_appeal *read_appeal(sqlite3_stmt *st)
{
	struct kh_appeal *a = kh_xcalloc(1, sizeof *a);
	a->id = (long)sqlite3_column_int64(st, 0);
	a->contract = kh_sql_text(st, 1);
	a->period = kh_sql_text(st, 2);
	a->indicator = kh_sql_text(st, 3);
	a->reason = kh_sql_text(st, 4);
	a->filed_by = kh_sql_text(st, 5);
	a->filed_at = kh_sql_text(st, 6);
	a->state = kh_sql_text(st, 7);
	a->decision_reason = kh_sql_text(st, 8);
	a->decided_by = kh_sql_text(st, 9);
	a->decided_at = kh_sql_text(st, 10);
	a->has_cost = sqlite3_column_type(st, 11) != SQLITE_NULL;
	a->cost = (kh_fen)sqlite3_column_int64(st, 11);
	return a;
}

int kh_sqlite_appeal_list(struct kh_store *s, const char *contract,
                          struct kh_appeal ***out, size_t *count, struct kh_err *err)
{
	static const char sql[] = APPEAL_COLUMNS
		" WHERE ?1 IS NULL OR contract = ?1 ORDER BY id";
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	kh_sql_bind_text_or_null(st, 1, contract);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 8;
			*out = kh_xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*count)++] = read_appeal(st);
	}
	int rc = step == SQLITE_DONE ? 0 : kh_sql_fail(s, "appeals", err);
	sqlite3_finalize(st);
	for (size_t i = 0; i < *count && !rc; i++)
		rc = load_refs(s, (*out)[i], err);
	if (rc) {
		kh_appeals_free(*out, *count);
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int kh_sqlite_appeal_get(struct kh_store *s, long id, struct kh_appeal **out,
                         struct kh_err *err)
{
	static const char sql[] = APPEAL_COLUMNS " WHERE id = ?1";
	*out = NULL;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*out = read_appeal(st);
	int rc = step == SQLITE_ROW || step == SQLITE_DONE ? 0 : kh_sql_fail(s, "appeals", err);
	sqlite3_finalize(st);
	if (!rc && !*out) {
		kh_error("%s: %s %ld", s->path, kh_tr("没有此复核申请", "no such appeal"), id);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	if (!rc && load_refs(s, *out, err)) {
		kh_appeal_free(*out);
		*out = NULL;
		return -1;
	}
	return rc;
}

int kh_sqlite_appeal_decide(struct kh_store *s, long id, const char *state,
                            const char *const *overturned, size_t noverturned,
                            const char *reason, const char *who, const char *at,
                            int has_cost, kh_fen cost, struct kh_err *err)
{
	static const char sql[] =
		"UPDATE appeals SET state = ?2, decision_reason = ?3, decided_by = ?4,"
		" decided_at = ?5, cost = ?6 WHERE id = ?1 AND state = 'open'";
	static const char refs_sql[] =
		"UPDATE appeal_refs SET outcome = 'upheld' WHERE appeal_id = ?1";
	static const char ref_sql[] =
		"UPDATE appeal_refs SET outcome = 'overturned' WHERE appeal_id = ?1 AND ref = ?2";
	if (kh_store_begin(s, err))
		return -1;
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, sql, &st, err)) {
		kh_store_rollback(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	if (has_cost)
		sqlite3_bind_int64(st, 6, cost);
	else
		sqlite3_bind_null(st, 6);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		kh_sql_fail(s, "appeals", err);
		kh_store_rollback(s);
		return -1;
	}
	if (sqlite3_changes(s->db) != 1) {
		kh_store_rollback(s);
		kh_error("%s: %s %ld %s", s->path, kh_tr("复核申请", "appeal"), id,
		         kh_tr("已经决定，不能再改", "is already decided"));
		return kh_fail(err, KH_ERR_DATA);
	}
	if (kh_sql_prepare(s, refs_sql, &st, err)) {
		kh_store_rollback(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE || kh_sql_prepare(s, ref_sql, &st, err)) {
		if (step != SQLITE_DONE)
			kh_sql_fail(s, "appeal_refs", err);
		kh_store_rollback(s);
		return -1;
	}
	for (size_t i = 0; i < noverturned; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, overturned[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			kh_sql_fail(s, "appeal_refs", err);
			sqlite3_finalize(st);
			kh_store_rollback(s);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return kh_store_commit(s, err);
}
