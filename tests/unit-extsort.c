/* unit-extsort: the external sort against qsort of the same records.
 * Random keys over a tiny alphabet (so that prefixes, equal keys, keys
 * that are prefixes of others and NUL bytes all occur), payloads that
 * name the order they were added in, and budgets from "all in memory" to
 * "a run every few records" (the 1 MiB floor with records of ~40 KiB).
 * Equal keys must come back in the order added.  Split, every other
 * record goes to a second sorter that the first absorbs (as a scoring
 * run's second thread fills one): its records follow the first's among
 * equal keys. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extsort.h"
#include "tap.h"

struct rec {
	unsigned char key[40];
	size_t key_len;
	unsigned seq;             /* the order added */
	size_t pad;               /* payload bytes after seq */
};

static int by_key_then_seq(const void *pa, const void *pb)
{
	const struct rec *a = pa, *b = pb;
	size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
	int c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	if (a->key_len != b->key_len)
		return a->key_len < b->key_len ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static uint32_t rng = 12345;
/* Keys start with this many 'z' bytes (past the 16-byte prefix: every key
 * ties on it and is compared whole). */
static size_t common_prefix;
/* Fill two sorters, the second absorbed by the first. */
static int two_sorters;
static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* Sort n random records with the given budget and payload size; 1 when
 * every record came back, in order, with its payload intact. */
static int sorted_like_qsort(size_t n, size_t budget, size_t pad,
                             size_t *runs_out)
{
	static const unsigned char alphabet[] = { 0, 'a', 'b', 0xff };
	struct rec *recs = calloc(n, sizeof *recs);
	unsigned char *payload = malloc(sizeof(unsigned) + pad);
	struct kh_extsort *s = kh_extsort_new(budget);
	struct kh_extsort *second = two_sorters ? kh_extsort_new(budget) : NULL;
	int good = recs && payload && s;
	for (size_t i = 0; good && i < n; i++) {
		struct rec *r = &recs[i];
		r->key_len = next_random() % 20;
		if (next_random() % 4 == 0)
			r->key_len += 17;   /* past the 16-byte prefix */
		if (common_prefix) {
			r->key_len = common_prefix + next_random() % 4;
			memset(r->key, 'z', common_prefix);
		}
		for (size_t k = common_prefix; k < r->key_len; k++)
			r->key[k] = alphabet[next_random() % 4];
		struct kh_extsort *into = second && i % 2 ? second : s;
		r->seq = (unsigned)(into == s ? i : n + i);   /* the second's after */
		r->pad = pad ? next_random() % pad : 0;
		memcpy(payload, &r->seq, sizeof r->seq);
		memset(payload + sizeof r->seq, (int)(r->seq & 0xff), r->pad);
		if (kh_extsort_add(into, r->key, r->key_len, payload,
		                   sizeof r->seq + r->pad) != 0)
			good = 0;
	}
	if (second && kh_extsort_absorb(s, second) != 0) {
		kh_extsort_free(second);
		good = 0;
	}
	if (good)
		qsort(recs, n, sizeof *recs, by_key_then_seq);
	const unsigned char *key, *pay;
	size_t key_len, pay_len, got = 0;
	int rc = 0;
	while (good && (rc = kh_extsort_next(s, &key, &key_len, &pay, &pay_len)) > 0) {
		const struct rec *want = &recs[got++];
		unsigned seq;
		memcpy(&seq, pay, sizeof seq);
		if (got > n || key_len != want->key_len ||
		    memcmp(key, want->key, key_len) != 0 || seq != want->seq ||
		    pay_len != sizeof seq + want->pad)
			good = 0;
		for (size_t k = 0; good && k < want->pad; k++)
			if (pay[sizeof seq + k] != (unsigned char)(seq & 0xff))
				good = 0;
	}
	if (rc < 0 || got != n)
		good = 0;
	if (runs_out && s)
		*runs_out = kh_extsort_runs(s);
	kh_extsort_free(s);
	free(payload);
	free(recs);
	return good;
}

int main(void)
{
	size_t runs = 0;
	struct kh_extsort *s;
	const unsigned char *key, *pay;
	size_t key_len, pay_len;
	ok(sorted_like_qsort(0, 1 << 20, 0, &runs), "no record: nothing back");
	ok(sorted_like_qsort(1, 1 << 20, 0, &runs), "one record");
	ok(sorted_like_qsort(5000, 64 << 20, 8, &runs), "5000 records in memory");
	is_int((long long)runs, 0, "in memory: no run on file");
	ok(sorted_like_qsort(60000, 1, 16, &runs),
	   "60000 records over the 1 MiB floor: merged from file runs");
	ok(runs >= 2, "several runs went to the file");
	ok(sorted_like_qsort(400, 1, 40000, &runs),
	   "records of up to 40 KiB: a run every few records");
	ok(runs >= 5, "many small runs");

	two_sorters = 1;
	ok(sorted_like_qsort(5000, 64 << 20, 8, &runs),
	   "two sorters in memory, one absorbed: one order, the first's ties first");
	ok(sorted_like_qsort(60000, 1, 16, &runs),
	   "two sorters with runs on two files, one absorbed");
	ok(runs >= 4, "both sorters' runs are merged");
	two_sorters = 0;
	s = kh_extsort_new(1);
	struct kh_extsort *other = kh_extsort_new(1);
	ok(kh_extsort_add(s, "k", 1, "", 0) == 0 && kh_extsort_next(s, &key, &key_len,
	   &pay, &pay_len) == 1 && kh_extsort_absorb(s, other) == -1 && errno == EINVAL,
	   "a sorter already read from absorbs nothing (EINVAL)");
	kh_extsort_free(other);
	kh_extsort_free(s);

	common_prefix = 20;
	ok(sorted_like_qsort(5000, 64 << 20, 4, &runs),
	   "5000 keys alike in their first 20 bytes: compared whole, stably");
	common_prefix = 0;

	/* A record larger than a run's read buffer (256 KiB). */
	s = kh_extsort_new(1);
	static unsigned char big[600000];
	memset(big, 'x', sizeof big);
	int added = kh_extsort_add(s, "b", 1, big, sizeof big) == 0 &&
	            kh_extsort_add(s, "a", 1, "small", 5) == 0 &&
	            kh_extsort_add(s, "c", 1, big, sizeof big) == 0;
	char order[4] = { 0 };
	size_t lens[3] = { 0 };
	for (int i = 0; i < 3 && kh_extsort_next(s, &key, &key_len, &pay, &pay_len) > 0; i++) {
		order[i] = (char)key[0];
		lens[i] = pay_len;
	}
	ok(added && strcmp(order, "abc") == 0 && lens[0] == 5 &&
	   lens[1] == sizeof big && lens[2] == sizeof big,
	   "records larger than the read buffer come back whole");
	ok(kh_extsort_runs(s) >= 1, "and went through the file");
	kh_extsort_free(s);

	/* No temporary directory: the first spill fails with errno set. */
	setenv("TMPDIR", "/nonexistent/kaohe-test", 1);
	s = kh_extsort_new(1);
	int rc = 0;
	for (int i = 0; i < 100 && rc == 0; i++)
		rc = kh_extsort_add(s, "k", 1, big, 100000);
	ok(rc == -1 && errno == ENOENT, "a temporary file that cannot be made: -1, errno");
	kh_extsort_free(s);
	return done_testing();
}
