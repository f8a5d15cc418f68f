/* settlements.c (SQLite): the settlement stream — one prepared query per
 * kh_settlement_query, each row handed to the callback as a typed claim
 * whose text points into the statement (valid during the call only) — and
 * the engine-computed totals.  Never loads the claims into memory: a
 * province's year is 10^7 rows, and scoring must stay flat.  Never sorts:
 * person order is kh_records_each_settlement's (claim-sort.h; SQLite's
 * ORDER BY took four fifths of a score). */
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "sql.h"

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

/* The stream's columns and the field bit that asks for each.  Only the
 * columns asked for are selected: every column costs its decoding, and
 * widens the records sorted in person order. */
enum {
	COL_CLAIM, COL_INSURED, COL_CHANNEL, COL_CATEGORY, COL_REGION,
	COL_PROVIDER, COL_SERVICE, COL_RECEIVED, COL_PAID, COL_ELIGIBLE,
	COL_PAID_AMOUNT, COL_EXCUSED, NCOLS
};
static const struct {
	const char *name;
	unsigned field;
} columns[NCOLS] = {
	{ "claim_id", KH_SF_CLAIM }, { "insured_id", KH_SF_INSURED },
	{ "channel", KH_SF_CHANNEL }, { "category", KH_SF_CATEGORY },
	{ "region", KH_SF_PLACE }, { "provider_id", KH_SF_PLACE },
	{ "service_date", KH_SF_SERVICE }, { "received_date", KH_SF_RECEIVED },
	{ "paid_date", KH_SF_PAID }, { "eligible_amount", KH_SF_AMOUNTS },
	{ "paid_amount", KH_SF_AMOUNTS }, { "excused", KH_SF_EXCUSED },
};

/* Where each column is in the result, -1 when not selected. */
struct column_map {
	int at[NCOLS];
	int day;                  /* the query's day, always selected */
};

/* "SELECT <the asked-for columns>, <the query's day> FROM settlements" and
 * where each landed. */
static void select_head(unsigned fields, enum kh_settlement_day day, char *buf,
                        size_t size, struct column_map *map)
{
	size_t len = (size_t)snprintf(buf, size, "SELECT");
	int n = 0;
	for (int c = 0; c < NCOLS; c++) {
		map->at[c] = -1;
		if (fields && !(fields & columns[c].field))
			continue;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s %s",
		                        n ? "," : "", columns[c].name);
		map->at[c] = n++;
	}
	/* The query's day: a column already selected, or one more last. */
	int same = day == KH_SETTLE_RECEIVED ? COL_RECEIVED
	         : day == KH_SETTLE_PAID ? COL_PAID : -1;
	if (same >= 0 && map->at[same] >= 0) {
		map->day = map->at[same];
		snprintf(buf + len, len < size ? size - len : 0, " FROM settlements");
		return;
	}
	map->day = n;
	snprintf(buf + len, len < size ? size - len : 0, "%s %s FROM settlements",
	         n ? "," : "", day_column(day));
}

/* The WHERE clause of a query after `head`.  Only fixed fragments go into
 * the text; every value is bound: ?1 contract, ?2 and ?3 the day range
 * (left out for an every-day query: a test per row for nothing), ?4 the
 * channel.  Never an ORDER BY (see the head of this file).
 *
 * "+contract" keeps SQLite off the primary key (contract, claim_id): a
 * plain scan reads the table sequentially, where walking the key would
 * cost one random read per row, and a store usually holds one or two
 * contracts.  Nothing else is indexed: every query is one pass. */
static void query_sql(const struct kh_settlement_query *q, const char *head,
                      char *buf, size_t size)
{
	char range[64] = "";
	if (!q->every_day)
		snprintf(range, sizeof range, " AND %s BETWEEN ?2 AND ?3",
		         day_column(q->day));
	snprintf(buf, size, "%s WHERE +contract = ?1%s%s%s",
	         head, q->channel ? " AND channel = ?4" : "",
	         q->eligible_only ? " AND eligible_amount IS NOT NULL" : "", range);
}

static int prepare_query(struct kh_store *s, const struct kh_settlement_query *q,
                         const char *head, sqlite3_stmt **out, struct kh_err *err)
{
	char sql[512];
	query_sql(q, head, sql, sizeof sql);
	if (kh_sql_prepare(s, sql, out, err) != 0)
		return -1;
	sqlite3_bind_text(*out, 1, q->contract, -1, SQLITE_STATIC);
	if (!q->every_day) {
		kh_sql_bind_day(*out, 2, q->first);
		kh_sql_bind_day(*out, 3, q->last);
	}
	if (q->channel)
		sqlite3_bind_text(*out, 4, q->channel, -1, SQLITE_STATIC);
	return 0;
}

/* ---- rows to claims ------------------------------------------------------ */

/* The month of the last date parsed in one date column ("YYYY-MM-"), its
 * first day and length: claims of a column come in runs of the same
 * months, so most dates cost two digits, not a full parse. */
struct day_cache {
	char month[8];
	kh_day first;
	int days;                 /* 0: empty */
};

static int two_digits(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* After a full parse of a 10-character date (so its digits are valid). */
static void cache_month(struct day_cache *cache, const char *text, kh_day d)
{
	int year = two_digits(text) * 100 + two_digits(text + 2);
	memcpy(cache->month, text, sizeof cache->month);
	cache->first = d - (two_digits(text + 8) - 1);
	cache->days = kh_days_in_month(year, two_digits(text + 5));
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A date column: KH_DAY_NONE for NULL or ""; -1 when not a date. */
static int column_day(sqlite3_stmt *st, int col, struct day_cache *cache,
                      kh_day *out)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	size_t len = text ? strlen(text) : 0;  /* cheaper than column_bytes */
	if (len == 0) {
		*out = KH_DAY_NONE;
		return 0;
	}
	if (len == 10 && cache->days && is_digit(text[8]) && is_digit(text[9]) &&
	    memcmp(cache->month, text, sizeof cache->month) == 0) {
		int dd = two_digits(text + 8);
		if (dd >= 1 && dd <= cache->days) {
			*out = cache->first + dd - 1;
			return 0;
		}
	}
	if (kh_day_parse_n(text, len, out) != 0)
		return -1;
	if (len == 10)
		cache_month(cache, text, *out);
	return 0;
}

static const char *column_text(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	return text ? text : "";
}

/* How one query's rows become claims: the result columns in order, what
 * each holds (a COL_* or DAY_COL), and a date cache per column.  Fields
 * not selected keep the empty values set once. */
#define DAY_COL NCOLS
struct row_reader {
	int holds[NCOLS + 1];
	int n;
	struct day_cache days[NCOLS + 1];
	kh_day *day_of[NCOLS + 1];  /* where a date column goes in the claim */
	struct kh_settlement claim;
};

static void reader_init(struct row_reader *rd, const struct column_map *map)
{
	memset(rd, 0, sizeof *rd);
	for (int c = 0; c < NCOLS; c++)
		if (map->at[c] >= 0)
			rd->holds[map->at[c]] = c;
	rd->n = 0;
	for (int c = 0; c < NCOLS; c++)
		rd->n += map->at[c] >= 0;
	if (map->day == rd->n)    /* the query's day is a column of its own */
		rd->holds[rd->n++] = DAY_COL;
	struct kh_settlement *c = &rd->claim;
	c->claim_id = c->insured_id = c->channel = c->category = "";
	c->region = c->provider_id = "";
	c->service_date = c->received = c->paid = c->day = KH_DAY_NONE;
	rd->day_of[COL_SERVICE] = &c->service_date;
	rd->day_of[COL_RECEIVED] = &c->received;
	rd->day_of[COL_PAID] = &c->paid;
	rd->day_of[DAY_COL] = &c->day;
}

/* Fill rd->claim from the current row; -1 when a stored date is not one. */
static int read_row(sqlite3_stmt *st, struct row_reader *rd)
{
	struct kh_settlement *c = &rd->claim;
	for (int i = 0; i < rd->n; i++) {
		switch (rd->holds[i]) {
		case COL_CLAIM: c->claim_id = column_text(st, i); break;
		case COL_INSURED: c->insured_id = column_text(st, i); break;
		case COL_CHANNEL: c->channel = column_text(st, i); break;
		case COL_CATEGORY: c->category = column_text(st, i); break;
		case COL_REGION: c->region = column_text(st, i); break;
		case COL_PROVIDER: c->provider_id = column_text(st, i); break;
		case COL_ELIGIBLE:
			c->has_eligible = sqlite3_column_type(st, i) != SQLITE_NULL;
			c->eligible_amount = c->has_eligible ? sqlite3_column_int64(st, i) : 0;
			break;
		case COL_PAID_AMOUNT: c->paid_amount = sqlite3_column_int64(st, i); break;
		case COL_EXCUSED: c->excused = sqlite3_column_int(st, i) != 0; break;
		default:               /* a date */
			if (column_day(st, i, &rd->days[i], rd->day_of[rd->holds[i]]) != 0)
				return -1;
			break;
		}
	}
	return 0;
}

static int sqlite_each(void *impl, const struct kh_settlement_query *q,
                       kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	struct kh_store *s = impl;
	struct column_map map;
	char head[256];
	select_head(q->fields, q->day, head, sizeof head, &map);
	sqlite3_stmt *st;
	if (prepare_query(s, q, head, &st, err) != 0)
		return -1;
	struct row_reader rd;
	reader_init(&rd, &map);
	/* The query's day repeats a column read anyway (received, paid). */
	kh_day *day_from = map.day == map.at[COL_RECEIVED] ? &rd.claim.received
	                 : map.day == map.at[COL_PAID] ? &rd.claim.paid : NULL;
	int rc, result = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_row(st, &rd) != 0) {
			kh_error("%s: %s %s: %s", s->path, kh_tr("结算记录", "settlement"),
			         rd.claim.claim_id, kh_tr("存储的日期无效",
			         "a stored date is not a date"));
			result = kh_fail(err, KH_ERR_DATA);
			break;
		}
		if (day_from)
			rd.claim.day = *day_from;
		if ((result = fn(&rd.claim, arg)) != 0)
			break;
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = kh_sql_fail(s, kh_tr("读取结算记录", "reading settlements"), err);
	sqlite3_finalize(st);
	return result;
}

static int sqlite_totals(void *impl, const struct kh_settlement_query *query,
                         long long *count, kh_fen *paid, struct kh_err *err)
{
	return kh_store_settlement_totals(impl, query, count, paid, err);
}

void kh_sqlite_settlement_source(struct kh_store *s,
                                 struct kh_settlement_source *out)
{
	out->each = sqlite_each;
	out->totals = sqlite_totals;
	out->impl = s;
}

int kh_sqlite_settlement_totals(struct kh_store *store,
                                const struct kh_settlement_query *query,
                                long long *count, kh_fen *paid,
                                struct kh_err *err)
{
	*count = 0;
	*paid = 0;
	sqlite3_stmt *st;
	if (prepare_query(store, query, "SELECT COUNT(*), COALESCE(SUM(paid_amount), 0)"
	                  " FROM settlements", &st, err) != 0)
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
