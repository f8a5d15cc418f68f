/* settlements.c (PostgreSQL): the settlement stream — a server-side cursor
 * per kh_settlement_query, fetched in batches, each row handed to the
 * callback as a typed claim whose text points into the batch (valid during
 * the call only) — and the engine-computed totals.  Never loads the claims
 * into memory.  Never sorts: person order is kh_records_each_settlement's,
 * in C, for every engine (claim-sort.h). */
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "pg.h"

/* Rows per FETCH. */
#define FETCH_ROWS 20000

static const char *day_column(enum kh_settlement_day day)
{
	switch (day) {
	case KH_SETTLE_SERVICE:
		return "COALESCE(service_date, received_date)";
	case KH_SETTLE_PAID:
		return "paid_date";
	case KH_SETTLE_RECEIVED:
		break;
	}
	return "received_date";
}

enum {
	COL_CLAIM, COL_INSURED, COL_CHANNEL, COL_CATEGORY, COL_REGION,
	COL_PROVIDER, COL_SERVICE, COL_RECEIVED, COL_PAID, COL_ELIGIBLE,
	COL_PAID_AMOUNT, COL_EXCUSED, COL_DAY, NCOLS
};

#define COLUMNS "claim_id, insured_id, channel, category, region, provider_id," \
	" service_date, received_date, paid_date, eligible_amount, paid_amount," \
	" excused"

/* "HEAD WHERE ...": only fixed fragments; every value is bound, numbered
 * in query_params' order: $1 the contract, then the day range (left out
 * for an every-day query, as the SQLite store does: a test per row for
 * nothing), then the channel when there is one.  PostgreSQL must see
 * every parameter it is given, so the numbers follow what is bound. */
static void query_sql(const struct kh_settlement_query *q, const char *head,
                      char *buf, size_t size)
{
	char range[96] = "", channel[32] = "";
	int n = 1;
	if (!q->every_day) {
		snprintf(range, sizeof range, " AND %s BETWEEN $%d AND $%d",
		         day_column(q->day), n + 1, n + 2);
		n += 2;
	}
	if (q->channel)
		snprintf(channel, sizeof channel, " AND channel = $%d", n + 1);
	snprintf(buf, size, "%s FROM settlements WHERE contract = $1%s%s%s",
	         head, channel,
	         q->eligible_only ? " AND eligible_amount IS NOT NULL" : "", range);
}

static void query_params(const struct kh_settlement_query *q,
                         struct kh_pg_params *p)
{
	kh_pg_param_text(p, q->contract);
	if (!q->every_day) {
		kh_pg_param_day(p, q->first);
		kh_pg_param_day(p, q->last);
	}
	if (q->channel)
		kh_pg_param_text(p, q->channel);
}

static const char *text_at(const PGresult *res, int i, int col)
{
	return PQgetisnull(res, i, col) ? "" : PQgetvalue(res, i, col);
}

static int day_at(const PGresult *res, int i, int col, kh_day *out)
{
	const char *text = text_at(res, i, col);
	if (!*text) {
		*out = KH_DAY_NONE;
		return 0;
	}
	return kh_day_parse(text, out);
}

static int read_row(const PGresult *res, int i, struct kh_settlement *c)
{
	c->claim_id = text_at(res, i, COL_CLAIM);
	c->insured_id = text_at(res, i, COL_INSURED);
	c->channel = text_at(res, i, COL_CHANNEL);
	c->category = text_at(res, i, COL_CATEGORY);
	c->region = text_at(res, i, COL_REGION);
	c->provider_id = text_at(res, i, COL_PROVIDER);
	c->has_eligible = !PQgetisnull(res, i, COL_ELIGIBLE);
	c->eligible_amount = c->has_eligible ? kh_pg_int(res, i, COL_ELIGIBLE) : 0;
	c->paid_amount = kh_pg_int(res, i, COL_PAID_AMOUNT);
	c->excused = kh_pg_int(res, i, COL_EXCUSED) != 0;
	return day_at(res, i, COL_SERVICE, &c->service_date)
	       || day_at(res, i, COL_RECEIVED, &c->received)
	       || day_at(res, i, COL_PAID, &c->paid)
	       || day_at(res, i, COL_DAY, &c->day) ? -1 : 0;
}

static int pg_each(void *impl, const struct kh_settlement_query *q,
                   kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	static unsigned long cursors;   /* a name per open stream (nesting) */
	struct kh_store *s = impl;
	char name[48], head[512], sql[1024], fetch[96], close_sql[64];
	snprintf(name, sizeof name, "kh_settlements_%lu", ++cursors);
	snprintf(head, sizeof head, "DECLARE %s NO SCROLL CURSOR FOR SELECT " COLUMNS
	         ", %s", name, day_column(q->day));
	query_sql(q, head, sql, sizeof sql);
	snprintf(fetch, sizeof fetch, "FETCH FORWARD %d FROM %s", FETCH_ROWS, name);
	snprintf(close_sql, sizeof close_sql, "CLOSE %s", name);
	/* A cursor lives in a transaction: our own when none is open. */
	int own = PQtransactionStatus(kh_pg_conn(s)) == PQTRANS_IDLE;
	if (own && kh_pg_run(s, "BEGIN", NULL, NULL, err))
		return -1;
	struct kh_pg_params p = { 0 };
	query_params(q, &p);
	int result = kh_pg_run(s, sql, &p, kh_tr("读取结算记录", "reading settlements"),
	                       err);
	while (result == 0) {
		PGresult *res = kh_pg_query(s, fetch, NULL,
		                            kh_tr("读取结算记录", "reading settlements"), err);
		if (!res) {
			result = -1;
			break;
		}
		int n = PQntuples(res);
		for (int i = 0; i < n && result == 0; i++) {
			struct kh_settlement claim;
			memset(&claim, 0, sizeof claim);
			if (read_row(res, i, &claim) != 0) {
				kh_error("%s: %s %s: %s", s->path, kh_tr("结算记录", "settlement"),
				         claim.claim_id, kh_tr("存储的日期无效",
				         "a stored date is not a date"));
				result = kh_fail(err, KH_ERR_DATA);
				break;
			}
			result = fn(&claim, arg);
		}
		PQclear(res);
		if (n < FETCH_ROWS)
			break;
	}
	if (PQtransactionStatus(kh_pg_conn(s)) == PQTRANS_INTRANS) {
		struct kh_err ignored = { 0 };
		kh_pg_run(s, close_sql, NULL, NULL, &ignored);
	}
	if (own) {
		if (result == 0 && kh_pg_commit(s, err))
			result = -1;
		kh_pg_rollback(s);
	}
	return result;
}

static int pg_totals(void *impl, const struct kh_settlement_query *query,
                     long long *count, kh_fen *paid, struct kh_err *err)
{
	return kh_pg_settlement_totals(impl, query, count, paid, err);
}

void kh_pg_settlement_source(struct kh_store *s, struct kh_settlement_source *out)
{
	/* No each_split: the claims stream through one connection. */
	*out = (struct kh_settlement_source){ .each = pg_each, .totals = pg_totals,
	                                      .impl = s };
}

int kh_pg_settlement_totals(struct kh_store *s,
                            const struct kh_settlement_query *q,
                            long long *count, kh_fen *paid, struct kh_err *err)
{
	*count = 0;
	*paid = 0;
	char sql[512];
	query_sql(q, "SELECT count(*), COALESCE(SUM(paid_amount), 0)", sql,
	          sizeof sql);
	struct kh_pg_params p = { 0 };
	query_params(q, &p);
	PGresult *res = kh_pg_query(s, sql, &p, kh_tr("统计结算记录",
	                            "totalling settlements"), err);
	if (!res)
		return -1;
	*count = kh_pg_int(res, 0, 0);
	*paid = kh_pg_int(res, 0, 1);
	PQclear(res);
	return 0;
}
