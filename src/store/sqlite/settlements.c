/* settlements.c (SQLite): the settlement stream — one prepared query per
 * kh_settlement_query, each row handed to the callback as a typed claim
 * whose text points into the statement (valid during the call only) — and
 * the engine-computed totals.  Never loads the claims into memory: a
 * province's year is 10^7 rows, and scoring must stay flat. */
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "sql.h"

/* Columns of the stream, in this order. */
enum {
	COL_CLAIM, COL_INSURED, COL_CHANNEL, COL_CATEGORY, COL_REGION,
	COL_PROVIDER, COL_SERVICE, COL_RECEIVED, COL_PAID, COL_ELIGIBLE,
	COL_PAID_AMOUNT, COL_EXCUSED,
};
static const char stream_columns[] =
	"SELECT claim_id, insured_id, channel, category, region, provider_id,"
	" service_date, received_date, paid_date, eligible_amount, paid_amount,"
	" excused FROM settlements";

/* The service-else-received day, as SQL. */
#define SERVICE_DAY "COALESCE(service_date, received_date)"

static const char *day_column(enum kh_settlement_day day)
{
	switch (day) {
	case KH_SETTLE_SERVICE:
		return SERVICE_DAY;
	case KH_SETTLE_PAID:
		return "paid_date";
	case KH_SETTLE_RECEIVED:
		break;
	}
	return "received_date";
}

/* The WHERE clause of a query (and its ORDER BY when `ordered`) after
 * `head`.  Only fixed fragments go into the text; every value is bound:
 * ?1 contract, ?2 and ?3 the day range, ?4 the channel.
 *
 * "+contract" keeps SQLite off the primary key (contract, claim_id): a
 * plain scan reads the table sequentially, where walking the key would
 * cost one random read per row, and a store usually holds one or two
 * contracts.  Nothing else is indexed: every query is one pass. */
static void query_sql(const struct kh_settlement_query *q, const char *head,
                      int ordered, char *buf, size_t size)
{
	snprintf(buf, size, "%s WHERE +contract = ?1 AND %s BETWEEN ?2 AND ?3%s%s%s",
	         head, day_column(q->day),
	         q->channel ? " AND channel = ?4" : "",
	         q->eligible_only ? " AND eligible_amount IS NOT NULL" : "",
	         ordered && q->order == KH_SETTLE_BY_PERSON
	         ? " ORDER BY insured_id, " SERVICE_DAY ", claim_id" : "");
}

static int prepare_query(struct kh_store *s, const struct kh_settlement_query *q,
                         const char *head, int ordered, sqlite3_stmt **out,
                         struct kh_err *err)
{
	char sql[512];
	query_sql(q, head, ordered, sql, sizeof sql);
	if (kh_sql_prepare(s, sql, out, err) != 0)
		return -1;
	sqlite3_bind_text(*out, 1, q->contract, -1, SQLITE_STATIC);
	kh_sql_bind_day(*out, 2, q->first);
	kh_sql_bind_day(*out, 3, q->last);
	if (q->channel)
		sqlite3_bind_text(*out, 4, q->channel, -1, SQLITE_STATIC);
	return 0;
}

/* ---- rows to claims ------------------------------------------------------ */

/* The last text parsed in one date column and its day: claims come in
 * runs of the same few hundred days, so most rows parse nothing. */
struct day_cache {
	char text[10];
	kh_day day;
	int filled;
};

/* A date column: KH_DAY_NONE for NULL or ""; -1 when not a date. */
static int column_day(sqlite3_stmt *st, int col, struct day_cache *cache,
                      kh_day *out)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	size_t len = (size_t)sqlite3_column_bytes(st, col);
	if (!text || len == 0) {
		*out = KH_DAY_NONE;
		return 0;
	}
	if (len == sizeof cache->text && cache->filled &&
	    memcmp(cache->text, text, len) == 0) {
		*out = cache->day;
		return 0;
	}
	if (kh_day_parse_n(text, len, out) != 0)
		return -1;
	if (len == sizeof cache->text) {
		memcpy(cache->text, text, len);
		cache->day = *out;
		cache->filled = 1;
	}
	return 0;
}

static const char *column_text(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	return text ? text : "";
}

struct row_reader {
	struct day_cache service, received, paid;
};

/* Fill *c from the current row; -1 (printed, err filled) when a stored
 * date is not one. */
static int read_claim(struct kh_store *s, sqlite3_stmt *st, struct row_reader *rd,
                      struct kh_settlement *c, struct kh_err *err)
{
	c->claim_id = column_text(st, COL_CLAIM);
	c->insured_id = column_text(st, COL_INSURED);
	c->channel = column_text(st, COL_CHANNEL);
	c->category = column_text(st, COL_CATEGORY);
	c->region = column_text(st, COL_REGION);
	c->provider_id = column_text(st, COL_PROVIDER);
	c->has_eligible = sqlite3_column_type(st, COL_ELIGIBLE) != SQLITE_NULL;
	c->eligible_amount = c->has_eligible ? sqlite3_column_int64(st, COL_ELIGIBLE) : 0;
	c->paid_amount = sqlite3_column_int64(st, COL_PAID_AMOUNT);
	c->excused = sqlite3_column_int(st, COL_EXCUSED) != 0;
	if (column_day(st, COL_SERVICE, &rd->service, &c->service_date) == 0 &&
	    column_day(st, COL_RECEIVED, &rd->received, &c->received) == 0 &&
	    c->received != KH_DAY_NONE &&
	    column_day(st, COL_PAID, &rd->paid, &c->paid) == 0)
		return 0;
	kh_error("%s: %s %s: %s", s->path, kh_tr("结算记录", "settlement"),
	         c->claim_id, kh_tr("存储的日期无效", "a stored date is not a date"));
	return kh_fail(err, KH_ERR_DATA);
}

static int sqlite_each(void *impl, const struct kh_settlement_query *q,
                       kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	struct kh_store *s = impl;
	sqlite3_stmt *st;
	if (prepare_query(s, q, stream_columns, 1, &st, err) != 0)
		return -1;
	struct row_reader rd;
	memset(&rd, 0, sizeof rd);
	struct kh_settlement claim;
	int rc, result = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_claim(s, st, &rd, &claim, err) != 0) {
			result = -1;
			break;
		}
		if ((result = fn(&claim, arg)) != 0)
			break;
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = kh_sql_fail(s, kh_tr("读取结算记录", "reading settlements"), err);
	sqlite3_finalize(st);
	return result;
}

void kh_sqlite_settlement_source(struct kh_store *s,
                                 struct kh_settlement_source *out)
{
	out->each = sqlite_each;
	out->impl = s;
}

int kh_store_settlement_totals(struct kh_store *store,
                               const struct kh_settlement_query *query,
                               long long *count, kh_fen *paid,
                               struct kh_err *err)
{
	*count = 0;
	*paid = 0;
	sqlite3_stmt *st;
	if (prepare_query(store, query, "SELECT COUNT(*), COALESCE(SUM(paid_amount), 0)"
	                  " FROM settlements", 0, &st, err) != 0)
		return -1;
	int result = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		*paid = sqlite3_column_int64(st, 1);
	} else {
		result = kh_sql_fail(store, kh_tr("统计结算记录", "totalling settlements"),
		                     err);
	}
	sqlite3_finalize(st);
	return result;
}
