/* unit-claim-pass: one claim pass (claim-pass.h) must give each reader
 * what kh_records_each_settlement gives it alone — the same claims, the
 * same values of the fields it asked for, the same days and order (fields
 * not asked for may differ: the pass may fill them) — for readers in any order and in person
 * order, with filters on channel, eligible amount and every kind of day,
 * a reader that stops early and one that keeps every field.  The claims
 * are generated (120,000 of them over 9,000 persons, so the person-order
 * sort writes runs to its temporary file) and served from the in-memory
 * array source.  Then the same pass from a source that splits (the array's
 * halves at once, the second on a thread of its own, as the SQLite store
 * splits its claim ids): person-order readers get the same claims in the
 * same order, any-order readers the same claims in some order. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim-pass.h"
#include "records.h"
#include "tap.h"

#define NCLAIMS 120000

/* A reader's transcript: one line of text per claim, hashed as it goes
 * (FNV-1a) with a count, and the first lines kept for a failure message. */
struct transcript {
	uint64_t hash;
	uint64_t sum;             /* of each line's hash: the same in any order */
	long count;
	long stop_after;          /* > 0: return 1 after this many claims */
	unsigned fields;          /* the fields compared (0: all) */
	char first[256];
	/* person order: the previous claim's key, and keys out of order */
	char prev_insured[16], prev_claim[24];
	kh_day prev_day;
	long out_of_order;
};

/* Person order: insured id (bytes), service-else-received day, claim id. */
static void check_person_order(struct transcript *t, const struct kh_settlement *c)
{
	kh_day d = c->service_date != KH_DAY_NONE ? c->service_date : c->received;
	if (t->count > 0) {
		int by = strcmp(t->prev_insured, c->insured_id);
		if (by == 0)
			by = t->prev_day < d ? -1 : t->prev_day > d;
		if (by == 0)
			by = strcmp(t->prev_claim, c->claim_id);
		t->out_of_order += by >= 0;
	}
	snprintf(t->prev_insured, sizeof t->prev_insured, "%s", c->insured_id);
	snprintf(t->prev_claim, sizeof t->prev_claim, "%s", c->claim_id);
	t->prev_day = d;
}

static int record(const struct kh_settlement *c, void *arg)
{
	struct transcript *t = arg;
	char line[256];
	unsigned f = t->fields ? t->fields : ~0u;
	int amounts = (f & KH_SF_AMOUNTS) != 0;
	int n = snprintf(line, sizeof line, "%s|%s|%s|%s|%s|%s|%d|%d|%d|%d|%d|%lld|%lld|%d",
	                 f & KH_SF_CLAIM ? c->claim_id : "",
	                 f & KH_SF_INSURED ? c->insured_id : "",
	                 f & KH_SF_CHANNEL ? c->channel : "",
	                 f & KH_SF_CATEGORY ? c->category : "",
	                 f & KH_SF_PLACE ? c->region : "",
	                 f & KH_SF_PLACE ? c->provider_id : "",
	                 f & KH_SF_SERVICE ? (int)c->service_date : 0,
	                 f & KH_SF_RECEIVED ? (int)c->received : 0,
	                 f & KH_SF_PAID ? (int)c->paid : 0, (int)c->day,
	                 amounts ? c->has_eligible : 0,
	                 amounts ? (long long)c->eligible_amount : 0,
	                 amounts ? (long long)c->paid_amount : 0,
	                 f & KH_SF_EXCUSED ? c->excused : 0);
	if (t->fields == 0)
		check_person_order(t, c);
	uint64_t own = 14695981039346656037ull;
	for (int i = 0; i < n; i++) {
		t->hash ^= (unsigned char)line[i];
		t->hash *= 1099511628211ull;
		own ^= (unsigned char)line[i];
		own *= 1099511628211ull;
	}
	t->sum += own;
	if (t->count == 0)
		snprintf(t->first, sizeof t->first, "%s", line);
	t->count++;
	return t->stop_after > 0 && t->count >= t->stop_after;
}

/* A source that splits: the first half of the array to fn_a here, the
 * second to fn_b on a thread of its own. */
struct half {
	struct kh_settlement_array array;
	const struct kh_settlement_query *query;
	kh_settlement_fn *fn;
	void *arg;
	int rc;
};

static void *stream_half(void *arg)
{
	struct half *h = arg;
	struct kh_settlement_source src;
	kh_settlement_array_source(&src, &h->array);
	h->rc = src.each(src.impl, h->query, h->fn, h->arg, NULL);
	return NULL;
}

static int split_each(void *impl, const struct kh_settlement_query *query,
                      kh_settlement_fn *fn_a, void *arg_a,
                      kh_settlement_fn *fn_b, void *arg_b, struct kh_err *err)
{
	(void)err;
	const struct kh_settlement_array *all = impl;
	size_t mid = all->count / 2;
	struct half a = { { all->claims, mid }, query, fn_a, arg_a, 0 };
	struct half b = { { all->claims + mid, all->count - mid }, query, fn_b, arg_b, 0 };
	pthread_t thread;
	if (pthread_create(&thread, NULL, stream_half, &b) != 0)
		return 1;
	stream_half(&a);
	pthread_join(thread, NULL);
	return a.rc < 0 || b.rc < 0 ? -1 : 0;
}

static uint32_t rng = 7;
static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

int main(void)
{
	/* Claims of one contract over 2023-12..2025-01, ids not in person
	 * order, some without a service date, unpaid, without an eligible
	 * amount, excused; a few persons with ids that are prefixes of
	 * others ("P12" and "P123"). */
	struct kh_settlement *claims = calloc(NCLAIMS, sizeof *claims);
	char (*ids)[24] = calloc(NCLAIMS, sizeof *ids);
	char (*persons)[16] = calloc(NCLAIMS, sizeof *persons);
	static const char *categories[] = { "standard", "preferential", "poor" };
	kh_day first = kh_day_from_ymd(2023, 12, 1);
	for (size_t i = 0; i < NCLAIMS; i++) {
		struct kh_settlement *c = &claims[i];
		snprintf(ids[i], sizeof ids[i], "C%08u", (unsigned)(next_random() % 100000000));
		snprintf(persons[i], sizeof persons[i], "P%u", (unsigned)(next_random() % 9000));
		kh_day received = first + (kh_day)(next_random() % 420);
		*c = (struct kh_settlement){
			.claim_id = ids[i], .insured_id = persons[i],
			.channel = next_random() % 3 ? "direct" : "manual",
			.category = categories[next_random() % 3],
			.region = next_random() % 2 ? "410100" : "",
			.provider_id = "H001",
			.service_date = next_random() % 5 ? received - (kh_day)(next_random() % 20)
			                                   : KH_DAY_NONE,
			.received = received,
			.paid = next_random() % 7 ? received + (kh_day)(next_random() % 30)
			                          : KH_DAY_NONE,
			.has_eligible = next_random() % 6 != 0,
			.eligible_amount = (kh_fen)(next_random() % 5000000),
			.paid_amount = (kh_fen)(next_random() % 3000000),
			.excused = next_random() % 50 == 0,
			.day = KH_DAY_NONE,
		};
	}
	struct kh_settlement_array array = { claims, NCLAIMS };
	struct kh_records records = { 0 };
	kh_settlement_array_source(&records.settlements, &array);

	kh_day y2024 = kh_day_from_ymd(2024, 1, 1), end2024 = kh_day_from_ymd(2024, 12, 31);
	const struct kh_settlement_query queries[] = {
		{ "t", KH_SETTLE_RECEIVED, y2024, end2024, "direct", 0, KH_SETTLE_ANY_ORDER,
		  KH_SF_CLAIM | KH_SF_RECEIVED | KH_SF_PAID | KH_SF_EXCUSED, 0 },
		{ "t", KH_SETTLE_RECEIVED, y2024, end2024, "manual", 0, KH_SETTLE_ANY_ORDER,
		  KH_SF_CLAIM | KH_SF_RECEIVED | KH_SF_PAID | KH_SF_EXCUSED, 0 },
		{ "t", KH_SETTLE_SERVICE, y2024, end2024, NULL, 1, KH_SETTLE_BY_PERSON,
		  KH_SF_CLAIM | KH_SF_INSURED | KH_SF_CATEGORY | KH_SF_AMOUNTS, 0 },
		{ "t", KH_SETTLE_SERVICE, y2024, kh_day_from_ymd(2024, 6, 30), NULL, 0,
		  KH_SETTLE_BY_PERSON, KH_SF_INSURED | KH_SF_AMOUNTS, 0 },
		{ "t", KH_SETTLE_PAID, y2024, end2024, NULL, 0, KH_SETTLE_BY_PERSON, 0, 0 },
		{ "t", KH_SETTLE_PAID, y2024, end2024, "direct", 0, KH_SETTLE_ANY_ORDER, 0, 0 },
		{ "t", KH_SETTLE_RECEIVED, y2024, end2024, NULL, 0, KH_SETTLE_BY_PERSON,
		  KH_SF_CLAIM, 0 },
	};
	const char *names[] = {
		"direct by receipt, any order", "manual by receipt, any order",
		"eligible only by service day, person order (benefit)",
		"first half, person order, narrow (yearly cap)",
		"by payment, person order, every field",
		"direct by payment, any order, every field",
		"by receipt, person order, stops after 1000",
	};
	enum { N = sizeof queries / sizeof queries[0] };
	struct transcript alone[N], together[N];
	struct kh_claim_reader readers[N];
	struct kh_err err = { 0 };
	memset(alone, 0, sizeof alone);
	memset(together, 0, sizeof together);
	for (int i = 0; i < N; i++) {
		alone[i].hash = together[i].hash = 14695981039346656037ull;
		alone[i].fields = together[i].fields = queries[i].fields;
		if (i == N - 1)
			alone[i].stop_after = together[i].stop_after = 1000;
		int rc = kh_records_each_settlement(&records, &queries[i], record, &alone[i], &err);
		if (rc != (i == N - 1 ? 1 : 0))
			printf("# alone %d: rc %d\n", i, rc);
		readers[i] = (struct kh_claim_reader){ queries[i], record, &together[i], 0 };
	}
	is_int(kh_claims_pass(&records, readers, N, &err), 0, "one pass for seven readers");
	for (int i = 0; i < N; i++) {
		ok(alone[i].count > 0 && alone[i].count == together[i].count &&
		   alone[i].hash == together[i].hash, names[i]);
		if (alone[i].count != together[i].count || alone[i].hash != together[i].hash)
			printf("#   alone %ld first %s\n#   pass  %ld first %s\n", alone[i].count,
			       alone[i].first, together[i].count, together[i].first);
	}
	is_int(together[4].out_of_order, 0,
	       "person order: insured id, service-else-received day, claim id");
	ok(alone[5].out_of_order > 0, "(the any-order stream is not in person order)");
	is_int(readers[N - 1].rc, 1, "the reader that stopped has its own value back");
	is_int(readers[0].rc, 0, "the others ran to the end");

	/* The same pass from a source that splits. */
	struct transcript split[N];
	memset(split, 0, sizeof split);
	records.settlements.each_split = split_each;
	for (int i = 0; i < N; i++) {
		split[i].hash = 14695981039346656037ull;
		split[i].fields = queries[i].fields;
		split[i].stop_after = alone[i].stop_after;
		readers[i] = (struct kh_claim_reader){ queries[i], record, &split[i], 0 };
	}
	is_int(kh_claims_pass(&records, readers, N, &err), 0,
	       "one pass for seven readers, from two shares at once");
	for (int i = 0; i < N; i++) {
		int sorted = queries[i].order == KH_SETTLE_BY_PERSON;
		char name[160];
		snprintf(name, sizeof name, "two shares, %s: %s", names[i],
		         sorted ? "the same claims in the same order" : "the same claims");
		ok(alone[i].count == split[i].count &&
		   (sorted ? alone[i].hash == split[i].hash : alone[i].sum == split[i].sum),
		   name);
	}
	is_int(readers[N - 1].rc, 1, "two shares: the reader that stopped has its value back");
	records.settlements.each_split = NULL;

	is_int(kh_claims_pass(&records, NULL, 0, &err), 0, "no reader: nothing to do");
	free(persons);
	free(ids);
	free(claims);
	return done_testing();
}
