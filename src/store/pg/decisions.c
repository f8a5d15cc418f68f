/* decisions.c (PostgreSQL): decisions on money lines (a history, newest
 * wins), appeals (复核) and the evidence items they name
 * (store-decisions.h), and what scoring reads of them. */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pg.h"

int kh_pg_decide(struct kh_store *s, const char *contract, const char *line_id,
                 enum kh_line_state state, int has_amount, kh_fen amount,
                 const char *reason, const char *who, const char *at,
                 struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, contract);
	kh_pg_param_text(&p, line_id);
	kh_pg_param_text(&p, kh_line_state_code(state));
	if (has_amount)
		kh_pg_param_int(&p, amount);
	else
		kh_pg_param_null(&p);
	kh_pg_param_text(&p, reason ? reason : "");
	kh_pg_param_text(&p, who);
	kh_pg_param_text(&p, at);
	return kh_pg_run(s, "INSERT INTO decisions (contract, line_id, state, amount,"
	                 " reason, who, at) VALUES ($1, $2, $3, $4, $5, $6, $7)", &p,
	                 "decisions", err);
}

static PGresult *by_contract(struct kh_store *s, const char *sql,
                             const char *contract, const char *what,
                             struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, contract);
	return kh_pg_query(s, sql, &p, what, err);
}

static int load_decisions(struct kh_store *s, const char *contract,
                          struct kh_adjustments *adj, struct kh_err *err)
{
	PGresult *res = by_contract(s, "SELECT DISTINCT ON (line_id) line_id, state,"
	                            " amount, reason, who, at FROM decisions"
	                            " WHERE contract = $1 ORDER BY line_id, id DESC",
	                            contract, "decisions", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	adj->decisions = kh_xcalloc(n ? (size_t)n : 1, sizeof *adj->decisions);
	for (int i = 0; i < n; i++) {
		struct kh_decision *d = &adj->decisions[adj->ndecisions++];
		d->line_id = kh_pg_text(res, i, 0);
		if (kh_line_state_parse(PQgetvalue(res, i, 1), &d->state))
			d->state = KH_LINE_PROPOSED;
		d->has_amount = !kh_pg_null(res, i, 2);
		d->amount = (kh_fen)kh_pg_int(res, i, 2);
		d->reason = kh_pg_text(res, i, 3);
		d->who = kh_pg_text(res, i, 4);
		d->at = kh_pg_text(res, i, 5);
	}
	PQclear(res);
	return 0;
}

static int load_overrides(struct kh_store *s, const char *contract,
                          struct kh_adjustments *adj, struct kh_err *err)
{
	PGresult *res = by_contract(s, "SELECT r.kind, r.ref, a.id FROM appeal_refs r"
	                            " JOIN appeals a ON a.id = r.appeal_id"
	                            " WHERE a.contract = $1 AND r.outcome = 'overturned'"
	                            " ORDER BY r.kind, r.ref, a.id", contract,
	                            "appeal_refs", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	adj->overrides = kh_xcalloc(n ? (size_t)n : 1, sizeof *adj->overrides);
	for (int i = 0; i < n; i++) {
		struct kh_override *o = &adj->overrides[adj->noverrides++];
		o->kind = strcmp(PQgetvalue(res, i, 0), "claim") == 0
		          ? KH_OVERRIDE_CLAIM : KH_OVERRIDE_AUDIT_SAMPLE;
		o->ref = kh_pg_text(res, i, 1);
		o->appeal = (long)kh_pg_int(res, i, 2);
	}
	PQclear(res);
	return 0;
}

static int load_charges(struct kh_store *s, const char *contract,
                        struct kh_adjustments *adj, struct kh_err *err)
{
	PGresult *res = by_contract(s, "SELECT period, indicator, id, cost FROM appeals"
	                            " WHERE contract = $1 AND state <> 'open'"
	                            " AND cost IS NOT NULL AND cost <> 0 ORDER BY id",
	                            contract, "appeals", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	adj->charges = kh_xcalloc(n ? (size_t)n : 1, sizeof *adj->charges);
	for (int i = 0; i < n; i++) {
		struct kh_charge *c = &adj->charges[adj->ncharges++];
		c->period = kh_pg_text(res, i, 0);
		c->indicator = kh_pg_text(res, i, 1);
		c->appeal = (long)kh_pg_int(res, i, 2);
		c->amount = (kh_fen)kh_pg_int(res, i, 3);
	}
	PQclear(res);
	return 0;
}

int kh_pg_load_adjustments(struct kh_store *s, const char *contract,
                           struct kh_adjustments **out, struct kh_err *err)
{
	struct kh_adjustments *adj = kh_xcalloc(1, sizeof *adj);
	if (load_decisions(s, contract, adj, err) || load_overrides(s, contract, adj, err)
	    || load_charges(s, contract, adj, err)) {
		kh_adjustments_free(adj);
		*out = NULL;
		return -1;
	}
	kh_adjustments_sort(adj);
	*out = adj;
	return 0;
}

/* --- appeals ------------------------------------------------------------------ */

static int insert_appeal(struct kh_store *s, const struct kh_appeal *a, long *id,
                         struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_text(&p, a->contract);
	kh_pg_param_text(&p, a->period);
	kh_pg_param_text(&p, a->indicator);
	kh_pg_param_text(&p, a->reason);
	kh_pg_param_text(&p, a->filed_by);
	kh_pg_param_text(&p, a->filed_at);
	PGresult *res = kh_pg_query(s, "INSERT INTO appeals (contract, period,"
	                            " indicator, reason, filed_by, filed_at)"
	                            " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	                            &p, "appeals", err);
	if (!res)
		return -1;
	*id = (long)kh_pg_int(res, 0, 0);
	PQclear(res);
	for (size_t i = 0; i < a->nrefs; i++) {
		struct kh_pg_params q = { 0 };
		kh_pg_param_int(&q, *id);
		kh_pg_param_text(&q, a->refs[i].ref);
		kh_pg_param_text(&q, a->refs[i].kind);
		if (kh_pg_run(s, "INSERT INTO appeal_refs (appeal_id, ref, kind)"
		              " VALUES ($1, $2, $3)", &q, "appeal_refs", err))
			return -1;
	}
	return 0;
}

int kh_pg_appeal_add(struct kh_store *s, const struct kh_appeal *a, long *id,
                     struct kh_err *err)
{
	if (kh_pg_begin(s, err))
		return -1;
	if (insert_appeal(s, a, id, err) || kh_pg_commit(s, err)) {
		kh_pg_rollback(s);
		return -1;
	}
	return 0;
}

static int load_refs(struct kh_store *s, struct kh_appeal *a, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, a->id);
	PGresult *res = kh_pg_query(s, "SELECT ref, kind, outcome FROM appeal_refs"
	                            " WHERE appeal_id = $1 ORDER BY ref", &p,
	                            "appeal_refs", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	a->refs = kh_xcalloc(n ? (size_t)n : 1, sizeof *a->refs);
	for (int i = 0; i < n; i++) {
		struct kh_appeal_ref *r = &a->refs[a->nrefs++];
		r->ref = kh_pg_text(res, i, 0);
		r->kind = kh_pg_text(res, i, 1);
		r->outcome = kh_pg_text(res, i, 2);
	}
	PQclear(res);
	return 0;
}

#define APPEAL_COLUMNS \
	"SELECT id, contract, period, indicator, reason, filed_by, filed_at, state," \
	" decision_reason, decided_by, decided_at, cost FROM appeals"

static struct kh_appeal *read_appeal(const PGresult *res, int i)
{
	struct kh_appeal *a = kh_xcalloc(1, sizeof *a);
	a->id = (long)kh_pg_int(res, i, 0);
	a->contract = kh_pg_text(res, i, 1);
	a->period = kh_pg_text(res, i, 2);
	a->indicator = kh_pg_text(res, i, 3);
	a->reason = kh_pg_text(res, i, 4);
	a->filed_by = kh_pg_text(res, i, 5);
	a->filed_at = kh_pg_text(res, i, 6);
	a->state = kh_pg_text(res, i, 7);
	a->decision_reason = kh_pg_text(res, i, 8);
	a->decided_by = kh_pg_text(res, i, 9);
	a->decided_at = kh_pg_text(res, i, 10);
	a->has_cost = !kh_pg_null(res, i, 11);
	a->cost = (kh_fen)kh_pg_int(res, i, 11);
	return a;
}

int kh_pg_appeal_list(struct kh_store *s, const char *contract,
                      struct kh_appeal ***out, size_t *count, struct kh_err *err)
{
	*out = NULL;
	*count = 0;
	struct kh_pg_params p = { 0 };
	kh_pg_param_text_or_null(&p, contract);
	PGresult *res = kh_pg_query(s, APPEAL_COLUMNS " WHERE $1::text IS NULL"
	                            " OR contract = $1 ORDER BY id", &p, "appeals", err);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*out = kh_xcalloc(n ? (size_t)n : 1, sizeof **out);
	for (int i = 0; i < n; i++)
		(*out)[(*count)++] = read_appeal(res, i);
	PQclear(res);
	int rc = 0;
	for (size_t i = 0; i < *count && !rc; i++)
		rc = load_refs(s, (*out)[i], err);
	if (rc) {
		kh_appeals_free(*out, *count);
		*out = NULL;
		*count = 0;
	}
	return rc;
}

int kh_pg_appeal_get(struct kh_store *s, long id, struct kh_appeal **out,
                     struct kh_err *err)
{
	*out = NULL;
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, id);
	PGresult *res = kh_pg_query(s, APPEAL_COLUMNS " WHERE id = $1", &p, "appeals",
	                            err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1)
		*out = read_appeal(res, 0);
	PQclear(res);
	if (!*out) {
		kh_error("%s: %s %ld", s->path, kh_tr("没有此复核申请", "no such appeal"), id);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	if (load_refs(s, *out, err)) {
		kh_appeal_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int decide_appeal(struct kh_store *s, long id, const char *state,
                         const char *const *overturned, size_t noverturned,
                         const char *reason, const char *who, const char *at,
                         int has_cost, kh_fen cost, struct kh_err *err)
{
	struct kh_pg_params p = { 0 };
	kh_pg_param_int(&p, id);
	kh_pg_param_text(&p, state);
	kh_pg_param_text(&p, reason);
	kh_pg_param_text(&p, who);
	kh_pg_param_text(&p, at);
	if (has_cost)
		kh_pg_param_int(&p, cost);
	else
		kh_pg_param_null(&p);
	PGresult *res = kh_pg_query(s, "UPDATE appeals SET state = $2,"
	                            " decision_reason = $3, decided_by = $4,"
	                            " decided_at = $5, cost = $6"
	                            " WHERE id = $1 AND state = 'open'", &p, "appeals", err);
	if (!res)
		return -1;
	int changed = atoi(PQcmdTuples(res));
	PQclear(res);
	if (changed != 1) {
		kh_error("%s: %s %ld %s", s->path, kh_tr("复核申请", "appeal"), id,
		         kh_tr("已经决定，不能再改", "is already decided"));
		return kh_fail(err, KH_ERR_DATA);
	}
	struct kh_pg_params q = { 0 };
	kh_pg_param_int(&q, id);
	if (kh_pg_run(s, "UPDATE appeal_refs SET outcome = 'upheld'"
	              " WHERE appeal_id = $1", &q, "appeal_refs", err))
		return -1;
	for (size_t i = 0; i < noverturned; i++) {
		struct kh_pg_params r = { 0 };
		kh_pg_param_int(&r, id);
		kh_pg_param_text(&r, overturned[i]);
		if (kh_pg_run(s, "UPDATE appeal_refs SET outcome = 'overturned'"
		              " WHERE appeal_id = $1 AND ref = $2", &r, "appeal_refs", err))
			return -1;
	}
	return 0;
}

int kh_pg_appeal_decide(struct kh_store *s, long id, const char *state,
                        const char *const *overturned, size_t noverturned,
                        const char *reason, const char *who, const char *at,
                        int has_cost, kh_fen cost, struct kh_err *err)
{
	if (kh_pg_begin(s, err))
		return -1;
	if (decide_appeal(s, id, state, overturned, noverturned, reason, who, at,
	                  has_cost, cost, err) || kh_pg_commit(s, err)) {
		kh_pg_rollback(s);
		return -1;
	}
	return 0;
}
