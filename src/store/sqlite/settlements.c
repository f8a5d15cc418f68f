/* settlements.c (SQLite): the settlement stream — one prepared query per
 * kh_settlement_query, each row handed to the callback as a typed claim
 * whose text points into the statement (valid during the call only) — and
 * the engine-computed totals.  Never loads the claims into memory: a
 * province's year is 10^7 rows, and scoring must stay flat.  Never sorts:
 * person order is kh_records_each_settlement's (claim-sort.h; SQLite's
 * ORDER BY took four fifths of a score). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Which claims of a query a statement reads: all, or one share of a split
 * read (each_split): claim ids below the split key, or from it on. */
enum share { ALL_CLAIMS, BELOW_KEY, FROM_KEY };

/* The WHERE clause of a query after `head`.  Only fixed fragments go into
 * the text; every value is bound: ?1 contract, ?2 and ?3 the day range
 * (left out for an every-day query: a test per row for nothing), ?4 the
 * channel, ?5 the split key.  Never an ORDER BY (see the head of this
 * file).
 *
 * "+contract" keeps SQLite off the primary key (contract, claim_id) for a
 * whole query: a plain scan, and a store usually holds one or two
 * contracts.  A share walks its range of the key (the table is WITHOUT
 * ROWID, so that is the table itself, in order).  Nothing else is
 * indexed: every query is one pass. */
static void query_sql(const struct kh_settlement_query *q, const char *head,
                      enum share share, char *buf, size_t size)
{
	char range[64] = "";
	if (!q->every_day)
		snprintf(range, sizeof range, " AND %s BETWEEN ?2 AND ?3",
		         day_column(q->day));
	const char *which = share == BELOW_KEY ? "contract = ?1 AND claim_id < ?5"
	                  : share == FROM_KEY ? "contract = ?1 AND claim_id >= ?5"
	                  : "+contract = ?1";
	snprintf(buf, size, "%s WHERE %s%s%s%s", head, which,
	         q->channel ? " AND channel = ?4" : "",
	         q->eligible_only ? " AND eligible_amount IS NOT NULL" : "", range);
}

/* Prepare a query's statement (split_key: NULL for ALL_CLAIMS). */
static int prepare_share(struct kh_store *s, const struct kh_settlement_query *q,
                         const char *head, enum share share, const char *split_key,
                         sqlite3_stmt **out, struct kh_err *err)
{
	char sql[512];
	query_sql(q, head, share, sql, sizeof sql);
	if (kh_sql_prepare(s, sql, out, err) != 0)
		return -1;
	sqlite3_bind_text(*out, 1, q->contract, -1, SQLITE_STATIC);
	if (split_key)
		sqlite3_bind_text(*out, 5, split_key, -1, SQLITE_STATIC);
	if (!q->every_day) {
		kh_sql_bind_day(*out, 2, q->first);
		kh_sql_bind_day(*out, 3, q->last);
	}
	if (q->channel)
		sqlite3_bind_text(*out, 4, q->channel, -1, SQLITE_STATIC);
	return 0;
}

static int prepare_query(struct kh_store *s, const struct kh_settlement_query *q,
                         const char *head, sqlite3_stmt **out, struct kh_err *err)
{
	return prepare_share(s, q, head, ALL_CLAIMS, NULL, out, err);
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

/* Step a prepared query to its end, each row as a claim to fn: 0, fn's
 * nonzero value, or -1 with err filled.  A split read's share also stops
 * when *stop is set (the other share failed). */
static int stream_rows(struct kh_store *s, sqlite3_stmt *st,
                       const struct column_map *map, kh_settlement_fn *fn,
                       void *arg, atomic_int *stop, struct kh_err *err)
{
	struct row_reader rd;
	reader_init(&rd, map);
	/* The query's day repeats a column read anyway (received, paid). */
	kh_day *day_from = map->day == map->at[COL_RECEIVED] ? &rd.claim.received
	                 : map->day == map->at[COL_PAID] ? &rd.claim.paid : NULL;
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
		if (stop && atomic_load_explicit(stop, memory_order_relaxed))
			break;
	}
	if (result == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		result = kh_sql_fail(s, kh_tr("读取结算记录", "reading settlements"), err);
	return result;
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
	int result = stream_rows(s, st, &map, fn, arg, NULL, err);
	sqlite3_finalize(st);
	return result;
}

/* ---- two shares at once (each_split) ------------------------------------ */

/* How many digits begin text (at most 18: they must fit a uint64_t). */
static size_t digit_run(const char *text)
{
	size_t n = 0;
	while (n < 18 && is_digit(text[n]))
		n++;
	return n;
}

/* A claim id splitting the contract's ids lo..hi (lo < hi, in BINARY
 * order) about in half, malloc'd.  After their common prefix: the decimal
 * midpoint when both go on with as many digits (ids are mostly a fixed
 * head and a number), else the midpoint of the first differing byte.
 * Any key is correct (one share takes the ids below it, the other the
 * rest); a good one only balances the two threads. */
static char *split_key(const char *lo, const char *hi)
{
	size_t common = 0;
	while (lo[common] && lo[common] == hi[common])
		common++;
	size_t digits = digit_run(lo + common);
	char *key = kh_xmalloc(common + 20);
	memcpy(key, lo, common);
	if (digits > 0 && digit_run(hi + common) == digits) {
		unsigned long long a = 0, b = 0;
		for (size_t i = 0; i < digits; i++) {
			a = a * 10 + (unsigned)(lo[common + i] - '0');
			b = b * 10 + (unsigned)(hi[common + i] - '0');
		}
		snprintf(key + common, 20, "%0*llu", (int)digits, a + (b - a) / 2);
		return key;
	}
	unsigned lo_byte = (unsigned char)lo[common], hi_byte = (unsigned char)hi[common];
	key[common] = (char)((lo_byte + hi_byte + 1) / 2);   /* > 0: hi_byte > lo_byte */
	key[common + 1] = '\0';
	return key;
}

/* A key between the contract's lowest and highest claim ids into *key
 * (NULL when it has fewer than two claims): 0, or -1 with err filled. */
static int find_split_key(struct kh_store *s, const char *contract, char **key,
                          struct kh_err *err)
{
	*key = NULL;
	sqlite3_stmt *st;
	/* Two subqueries: SQLite reads a lone min() or max() off the key's
	 * end, but scans for the two together. */
	if (kh_sql_prepare(s, "SELECT (SELECT min(claim_id) FROM settlements"
	                   " WHERE contract = ?1), (SELECT max(claim_id)"
	                   " FROM settlements WHERE contract = ?1)", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
		const char *lo = (const char *)sqlite3_column_text(st, 0);
		const char *hi = (const char *)sqlite3_column_text(st, 1);
		if (lo && hi && strcmp(lo, hi) < 0)
			*key = split_key(lo, hi);
	} else if (rc != SQLITE_ROW) {
		kh_sql_fail(s, kh_tr("读取结算记录", "reading settlements"), err);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Which imports the connection's read snapshot has seen: every write to
 * the settlements is an import, recorded in `imports` in its transaction,
 * so two snapshots with the same last import hold the same claims. */
static int last_import(struct kh_store *s, long long *id, struct kh_err *err)
{
	sqlite3_stmt *st;
	if (kh_sql_prepare(s, "SELECT COALESCE(max(id), 0) FROM imports", &st, err))
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		kh_sql_fail(s, kh_tr("读取导入记录", "reading imports"), err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A second, read-only connection to the store's file, opened as every
 * read-only store is (NULL: none can be had — an in-memory or temporary
 * database, say). */
static struct kh_store *open_second(struct kh_store *s)
{
	const char *file = sqlite3_db_filename(s->db, "main");
	struct kh_store *second = NULL;
	struct kh_err ignored = { 0 };
	if (file && *file && kh_store_open(s->path, KH_STORE_READONLY, &second, &ignored))
		second = NULL;
	return second;
}

/* One share of a split read, as the thread streaming it sees it. */
struct share_run {
	struct kh_store *store;   /* its connection */
	sqlite3_stmt *st;
	const struct column_map *map;
	kh_settlement_fn *fn;
	void *arg;
	atomic_int *stop;         /* set by the share that fails first */
	struct kh_err err;
	int result;
	struct kh_msg_capture *parent;   /* the starting thread's capture */
	struct kh_msg_capture capture;   /* this thread's lines for it */
};

static void run_share(struct share_run *sh)
{
	sh->result = stream_rows(sh->store, sh->st, sh->map, sh->fn, sh->arg,
	                         sh->stop, &sh->err);
	if (sh->result < 0)
		atomic_store(sh->stop, 1);
}

static void *share_thread(void *arg)
{
	struct share_run *sh = arg;
	if (sh->parent) {
		sh->capture.limit = sh->parent->limit;
		kh_msg_capture_start(&sh->capture);
	}
	run_share(sh);
	kh_msg_capture_stop();
	return NULL;
}

/* Begin a read transaction on each connection and check that both see
 * the same claims: 0, 1 when they do not (an import committed between the
 * two: read as one), -1 with err filled. */
static int begin_same_snapshot(struct kh_store *a, struct kh_store *b,
                               struct kh_err *err)
{
	long long seen_a, seen_b;
	if (kh_sql_exec(a, "BEGIN", err) != 0)
		return -1;
	if (last_import(a, &seen_a, err) != 0 || kh_sql_exec(b, "BEGIN", err) != 0)
		return -1;
	if (last_import(b, &seen_b, err) != 0)
		return -1;
	return seen_a == seen_b ? 0 : 1;
}

/* Stream both shares: b on a thread of its own (on this one after a when
 * no thread can be started), a here. */
static void run_both(struct share_run *a, struct share_run *b)
{
	pthread_t thread;
	int started = pthread_create(&thread, NULL, share_thread, b) == 0;
	run_share(a);
	if (started)
		pthread_join(thread, NULL);
	else
		run_share(b);
	if (b->parent)
		kh_msg_capture_add(b->parent, &b->capture);
	free(b->capture.text);
}

/* The claims below the split key on the store's connection and this
 * thread, those from it on a second connection and thread.  What it
 * costs: a connection opened and two small queries; what it gains, on two
 * cores: the reading, decoding and sorting of the claims in parallel
 * (bench/score). */
static int sqlite_each_split(void *impl, const struct kh_settlement_query *q,
                             kh_settlement_fn *fn_a, void *arg_a,
                             kh_settlement_fn *fn_b, void *arg_b,
                             struct kh_err *err)
{
	struct kh_store *s = impl, *second;
	if (!sqlite3_get_autocommit(s->db) || !(second = open_second(s)))
		return 1;            /* inside a transaction: one connection only */
	int result = begin_same_snapshot(s, second, err);
	char *key = NULL;
	if (result == 0)
		result = find_split_key(s, q->contract, &key, err) ? -1 : key ? 0 : 1;
	struct column_map map;
	char head[256];
	select_head(q->fields, q->day, head, sizeof head, &map);
	atomic_int stop = 0;
	struct share_run a = { s, NULL, &map, fn_a, arg_a, &stop, { 0 }, 0, NULL, { 0 } };
	struct share_run b = { second, NULL, &map, fn_b, arg_b, &stop, { 0 }, 0,
	                       kh_msg_capture_current(), { 0 } };
	if (result == 0 &&
	    (prepare_share(s, q, head, BELOW_KEY, key, &a.st, err) != 0 ||
	     prepare_share(second, q, head, FROM_KEY, key, &b.st, err) != 0))
		result = -1;
	if (result == 0) {
		run_both(&a, &b);
		kh_err_pass_on(err, &a.err);   /* a failing callback filled its own */
		kh_err_pass_on(err, &b.err);
		if (a.result < 0 || b.result < 0)
			result = -1;
	}
	sqlite3_finalize(a.st);
	sqlite3_finalize(b.st);
	kh_store_rollback(s);     /* read only */
	kh_store_close(second);
	free(key);
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
	*out = (struct kh_settlement_source){ .each = sqlite_each,
	                                      .totals = sqlite_totals,
	                                      .each_split = sqlite_each_split,
	                                      .impl = s };
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
