/* unit-pg-settlements: the PostgreSQL store selects the same claims as the
 * SQLite store for every settlement query — each kind of day, with and
 * without a channel and eligible_only, and every_day (both engines leave
 * the day range out, so an every-day query given March alone still
 * streams the whole year) — both streamed (in person order) and totalled
 * by the engine.  Needs the two databases, with the same claims imported
 * into each: tests/907-pg-settlement-query.sh makes them and runs this
 * with KAOHE_TEST_SQLITE_DB and KAOHE_TEST_PGURL; run alone it skips. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "records.h"
#include "store.h"
#include "tap.h"

#define CONTRACT "a-2024"
/* The claims 907 generates: 2000 of them, 602 by the manual channel. */
#define CLAIMS 2000
#define MANUAL 602

/* What a stream gave: a count and an FNV-1a hash of "claim|day" lines. */
struct transcript {
	long count;
	uint64_t hash;
};

static int record(const struct kh_settlement *c, void *arg)
{
	struct transcript *t = arg;
	char line[96];
	int n = snprintf(line, sizeof line, "%s|%ld\n", c->claim_id, (long)c->day);
	for (int i = 0; i < n && i < (int)sizeof line; i++)
		t->hash = (t->hash ^ (unsigned char)line[i]) * 1099511628211u;
	t->count++;
	return 0;
}

static struct transcript stream(const struct kh_records *rec,
                                const struct kh_settlement_query *q)
{
	struct transcript t = { 0, 14695981039346656037u };
	struct kh_err err = { 0 };
	if (kh_records_each_settlement(rec, q, record, &t, &err) != 0)
		t.count = -1;
	return t;
}

static void totals(struct kh_store *store, const struct kh_settlement_query *q,
                   long long *count, kh_fen *paid)
{
	struct kh_err err = { 0 };
	if (kh_store_settlement_totals(store, q, count, paid, &err) != 0)
		*count = *paid = -1;
}

static kh_day day(const char *text)
{
	kh_day d = KH_DAY_NONE;
	kh_day_parse(text, &d);
	return d;
}

/* One query asked of both stores, streamed and totalled: day kind d,
 * channel c (0 both, 1 manual), eligible only e, every day or March. */
static void compare_query(struct kh_store *lite, struct kh_store *pg,
                          const struct kh_records *lite_rec,
                          const struct kh_records *pg_rec,
                          int d, int c, int e, int every)
{
	static const enum kh_settlement_day days[] = {
		KH_SETTLE_RECEIVED, KH_SETTLE_SERVICE, KH_SETTLE_PAID,
	};
	static const char *const day_names[] = { "received", "service", "paid" };
	static const char *const channels[] = { NULL, "manual" };
	struct kh_settlement_query q = {
		.contract = CONTRACT, .day = days[d],
		.first = day("2024-03-01"), .last = day("2024-03-31"),
		.channel = channels[c], .eligible_only = e,
		.order = KH_SETTLE_BY_PERSON,
		.fields = KH_SF_CLAIM, .every_day = every,
	};
	char name[160];
	int len = snprintf(name, sizeof name, "%s day, %s%s%s", day_names[d],
	                   c ? "manual" : "both channels",
	                   e ? ", eligible only" : "",
	                   every ? ", every day (given March)" : ", March");
	struct transcript a = stream(lite_rec, &q), b = stream(pg_rec, &q);
	ok(a.count > 0 && a.count == b.count && a.hash == b.hash, name);
	if (a.count != b.count)
		printf("#   SQLite %ld claims, PostgreSQL %ld\n", a.count, b.count);
	long long na, nb;
	kh_fen pa, pb;
	totals(lite, &q, &na, &pa);
	totals(pg, &q, &nb, &pb);
	snprintf(name + len, sizeof name - (size_t)len, ": engine totals");
	ok(na == a.count && nb == na && pb == pa, name);
	if (nb != na || pb != pa)
		printf("#   SQLite %lld claims %lld fen, PostgreSQL %lld claims %lld fen\n",
		       na, (long long)pa, nb, (long long)pb);
	/* Every day: the range is left out, March or not. */
	if (every && !e && days[d] == KH_SETTLE_RECEIVED)
		is_int(b.count, c ? MANUAL : CLAIMS,
		       c ? "every day, manual: all 602 manual claims of the year"
		         : "every day: all 2000 claims of the year");
}

int main(void)
{
	const char *lite_path = getenv("KAOHE_TEST_SQLITE_DB");
	const char *pg_url = getenv("KAOHE_TEST_PGURL");
	if (!lite_path || !*lite_path || !pg_url || !*pg_url) {
		printf("1..0 # SKIP needs a PostgreSQL cluster: "
		       "tests/907-pg-settlement-query.sh runs it\n");
		return 0;
	}
	struct kh_store *lite = NULL, *pg = NULL;
	struct kh_records lite_rec = { 0 }, pg_rec = { 0 };
	struct kh_err err = { 0 };
	if (kh_store_open(lite_path, KH_STORE_READONLY, &lite, &err) ||
	    kh_store_open(pg_url, KH_STORE_READONLY, &pg, &err) ||
	    kh_store_load_records(lite, CONTRACT, KH_REC_SETTLEMENTS, &lite_rec, &err) ||
	    kh_store_load_records(pg, CONTRACT, KH_REC_SETTLEMENTS, &pg_rec, &err)) {
		printf("Bail out! cannot open the two stores\n");
		return 99;
	}

	/* Every combination: 3 kinds of day x channel or not x eligible only
	 * or not x every day or March. */
	for (int i = 0; i < 24; i++)
		compare_query(lite, pg, &lite_rec, &pg_rec, i / 8, i / 4 % 2, i / 2 % 2,
		              i % 2);

	kh_records_free(&lite_rec);
	kh_records_free(&pg_rec);
	kh_store_close(lite);
	kh_store_close(pg);
	return done_testing();
}
