/* extsort.c: the external sort of extsort.h.
 *
 * In memory: an arena of records ([u32 payload length][key][payload]) and
 * an array of entries, one per record, holding the first 16 key bytes as
 * two big-endian integers (zero-padded), the record's arena offset and its
 * key length.  Entries are radix-sorted on the prefix (stable), then only
 * entries whose 16 prefix bytes are equal compare their whole keys.
 *
 * When the batch (arena and entries) reaches the budget, it is sorted and
 * written as one run ([u32 key length][u32 payload length][key][payload]
 * each) to the end of the temporary file.  kh_extsort_finish sorts the
 * last batch and keeps it in memory as the last run; the runs are then
 * merged through a binary heap (ties go to the earlier run, which keeps
 * equal keys in the order added), each read through a buffer of its own
 * (READ_BUFFERS shared out among them).  The runs of absorbed sorters
 * (another thread's share of the records) join the merge after this
 * sorter's own; each keeps its own temporary file and last batch, freed
 * with this sorter.
 *
 * A small budget is faster, not slower: at 1M claims a 4-8 MiB batch
 * sorted in 0.65 s where 32 MiB took 0.75 s (the radix passes stay in the
 * cache), and a second thread sorting one batch while the next was
 * filled gained nothing measurable on two cores for twice the memory.
 *
 * Invariants: arena offsets fit in 32 bits (the budget is capped at
 * 1 GiB); every run on file is sorted; a run's records are read back
 * through its own buffer, so a record's pointers stay valid until that
 * run advances, which is the next kh_extsort_next. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extsort.h"
#include "fdio.h"
#include "msg.h"

#define MIN_BUDGET ((size_t)1 << 20)
#define MAX_BUDGET ((size_t)1 << 30)
#define WRITE_BUFFER ((size_t)1 << 20)
/* The merge's read buffers: READ_BUFFERS shared out among the runs on
 * file, each between the two bounds (10M claims make ~130 runs of 8 MiB:
 * 128 KiB each; sharing the 8 MiB batch budget instead, 64 KiB reads cost
 * 6% more time in system calls). */
#define READ_BUFFERS ((size_t)16 << 20)
#define READ_BUFFER_MAX ((size_t)256 << 10)
#define READ_BUFFER_MIN ((size_t)64 << 10)

struct entry {
	uint64_t p0, p1;          /* key bytes 0-7 and 8-15, big-endian */
	uint32_t off;             /* the record in the arena */
	uint32_t key_len;
};

/* A sorted run: on file (start..end of fd), or the entries left in a
 * batch in memory. */
struct run {
	const struct batch *in_memory;   /* NULL: on file */
	int fd;
	off_t pos, end;           /* the file range not yet buffered */
	unsigned char *buf;
	size_t buf_size, buf_len, buf_at;
	size_t next_entry;        /* in memory: the next entry to read */
	const unsigned char *key, *payload;   /* the current record */
	size_t key_len, payload_len;
	uint64_t p0, p1;          /* its key's prefix, as in struct entry */
};

/* Records being gathered: their bytes and their entries. */
struct batch {
	unsigned char *arena;
	size_t arena_used, arena_cap;
	struct entry *entries, *scratch;
	size_t nentries, entries_cap;
};

struct kh_extsort {
	size_t budget;            /* bytes the batch may hold */
	struct batch batch;
	int fd;                   /* -1 until the first run is written */
	off_t file_end;
	struct run *runs;
	size_t nruns, runs_cap, file_runs;
	unsigned char *wbuf;
	size_t wlen;
	size_t *heap;             /* run indexes, the smallest record first */
	size_t nheap;
	int finished, started;
	/* Sorters whose records were taken over (kh_extsort_absorb), in the
	 * order taken: their runs follow this one's at the merge. */
	struct kh_extsort **absorbed;
	size_t nabsorbed;
};

/* ---- keys ---------------------------------------------------------------- */

static uint64_t prefix_at(const unsigned char *key, size_t len, size_t from)
{
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= from + 8) {        /* the usual case: one load */
		uint64_t word;
		memcpy(&word, key + from, 8);
		return __builtin_bswap64(word);
	}
#endif
	uint64_t v = 0;
	for (size_t i = 0; i < 8; i++)
		v = v << 8 | (from + i < len ? key[from + i] : 0);
	return v;
}

static int key_cmp(const unsigned char *a, size_t a_len, const unsigned char *b,
                   size_t b_len)
{
	int c = memcmp(a, b, a_len < b_len ? a_len : b_len);
	if (c)
		return c;
	return (a_len > b_len) - (a_len < b_len);
}

static const unsigned char *entry_key(const struct batch *s,
                                      const struct entry *e)
{
	return s->arena + e->off + 4;
}

static int entry_cmp(const struct batch *s, const struct entry *a,
                     const struct entry *b)
{
	if (a->p0 != b->p0)
		return a->p0 < b->p0 ? -1 : 1;
	if (a->p1 != b->p1)
		return a->p1 < b->p1 ? -1 : 1;
	if (a->key_len <= 16 && b->key_len <= 16 && a->key_len == b->key_len)
		return 0;
	return key_cmp(entry_key(s, a), a->key_len, entry_key(s, b), b->key_len);
}

/* Stable LSD radix sort of s->entries on their 16 prefix bytes, through
 * s->scratch: one counting pass per byte, from the last to the first,
 * skipped when every entry has the same byte there (the constant parts of
 * ids: "P000", the NUL after an id, a year's day bytes). */
static uint8_t prefix_byte(const struct entry *e, int byte)
{
	uint64_t word = byte < 8 ? e->p0 : e->p1;
	return (uint8_t)(word >> (8 * (7 - byte % 8)));
}

static void radix_prefixes(struct batch *s)
{
	size_t n = s->nentries;
	struct entry *from = s->entries, *to = s->scratch;
	for (int byte = 15; byte >= 0; byte--) {
		size_t count[256] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[prefix_byte(&from[i], byte)]++;
		if (count[prefix_byte(&from[0], byte)] == n)
			continue;           /* one value: the order stands */
		size_t at = 0;
		for (int v = 0; v < 256; v++) {
			size_t c = count[v];
			count[v] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[prefix_byte(&from[i], byte)]++] = from[i];
		struct entry *t = from;
		from = to;
		to = t;
	}
	if (from != s->entries)
		memcpy(s->entries, from, n * sizeof *from);
}

/* Stable merge sort of entries lo..hi-1 by whole key, through scratch. */
static void merge_range(struct batch *s, size_t lo, size_t hi)
{
	struct entry *from = s->entries + lo, *to = s->scratch + lo;
	size_t n = hi - lo;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t a = 0; a < n; a += 2 * width) {
			size_t mid = a + width < n ? a + width : n;
			size_t end = a + 2 * width < n ? a + 2 * width : n;
			size_t i = a, j = mid, k = a;
			while (i < mid && j < end)
				to[k++] = entry_cmp(s, &from[j], &from[i]) < 0 ? from[j++] : from[i++];
			while (i < mid)
				to[k++] = from[i++];
			while (j < end)
				to[k++] = from[j++];
		}
		struct entry *t = from;
		from = to;
		to = t;
	}
	if (from != s->entries + lo)
		memcpy(s->entries + lo, from, n * sizeof *from);
}

/* Entries with equal prefixes and a longer key are in the order added:
 * put each such group in key order, stably (insertion sort for the usual
 * handful — a person's claims of one day —, merge sort past 32, for keys
 * whose first 16 bytes are all alike). */
static void sort_ties(struct batch *s)
{
	struct entry *e = s->entries;
	size_t n = s->nentries;
	for (size_t lo = 0; lo < n;) {
		size_t hi = lo + 1;
		while (hi < n && e[hi].p0 == e[lo].p0 && e[hi].p1 == e[lo].p1)
			hi++;
		if (hi - lo > 32) {
			merge_range(s, lo, hi);
			lo = hi;
			continue;
		}
		for (size_t i = lo + 1; i < hi; i++) {
			struct entry x = e[i];
			size_t j = i;
			while (j > lo && entry_cmp(s, &x, &e[j - 1]) < 0) {
				e[j] = e[j - 1];
				j--;
			}
			e[j] = x;
		}
		lo = hi;
	}
}

/* Sort a batch's entries (stable). */
static void sort_entries(struct batch *s)
{
	if (s->nentries < 2)
		return;
	radix_prefixes(s);
	sort_ties(s);
}

/* ---- the temporary file ------------------------------------------------- */

static int open_temp(struct kh_extsort *s)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t len = strlen(dir) + sizeof "/kaohe-sort.XXXXXX";
	char *path = kh_xmalloc(len);
	snprintf(path, len, "%s/kaohe-sort.XXXXXX", dir);
	s->fd = mkstemp(path);
	if (s->fd >= 0)
		unlink(path);
	free(path);
	return s->fd >= 0 ? 0 : -1;
}

static int flush_wbuf(struct kh_extsort *s)
{
	if (kh_write_all(s->fd, s->wbuf, s->wlen) != 0)
		return -1;
	s->file_end += (off_t)s->wlen;
	s->wlen = 0;
	return 0;
}

static int put_bytes(struct kh_extsort *s, const void *p, size_t n)
{
	if (s->wlen + n > WRITE_BUFFER) {
		if (flush_wbuf(s) != 0)
			return -1;
		if (n > WRITE_BUFFER) {
			if (kh_write_all(s->fd, p, n) != 0)
				return -1;
			s->file_end += (off_t)n;
			return 0;
		}
	}
	memcpy(s->wbuf + s->wlen, p, n);
	s->wlen += n;
	return 0;
}

static struct run *new_run(struct kh_extsort *s)
{
	if (s->nruns == s->runs_cap) {
		s->runs_cap = s->runs_cap ? 2 * s->runs_cap : 8;
		s->runs = kh_xrealloc(s->runs, s->runs_cap * sizeof *s->runs);
	}
	struct run *r = &s->runs[s->nruns++];
	memset(r, 0, sizeof *r);
	return r;
}

/* Sort a batch and append it to the file as one run; the batch is then
 * empty. */
static int spill(struct kh_extsort *s, struct batch *b)
{
	if (s->fd < 0 && open_temp(s) != 0)
		return -1;
	if (!s->wbuf)
		s->wbuf = kh_xmalloc(WRITE_BUFFER);
	sort_entries(b);
	off_t start = s->file_end + (off_t)s->wlen;
	for (size_t i = 0; i < b->nentries; i++) {
		const struct entry *e = &b->entries[i];
		uint32_t head[2];
		memcpy(&head[1], b->arena + e->off, 4);
		head[0] = e->key_len;
		if (put_bytes(s, head, sizeof head) != 0 ||
		    put_bytes(s, entry_key(b, e), (size_t)head[0] + head[1]) != 0)
			return -1;
	}
	if (flush_wbuf(s) != 0)
		return -1;
	struct run *r = new_run(s);
	r->fd = s->fd;
	r->pos = start;
	r->end = s->file_end;
	s->file_runs++;
	b->nentries = 0;
	b->arena_used = 0;
	return 0;
}

/* ---- adding --------------------------------------------------------------- */

struct kh_extsort *kh_extsort_new(size_t budget)
{
	struct kh_extsort *s = kh_xcalloc(1, sizeof *s);
	s->budget = budget < MIN_BUDGET ? MIN_BUDGET
	          : budget > MAX_BUDGET ? MAX_BUDGET : budget;
	s->fd = -1;
	return s;
}

static void grow_arena(struct batch *b, size_t need)
{
	size_t cap = b->arena_cap ? b->arena_cap : 64 << 10;
	while (cap < need)
		cap *= 2;
	b->arena = kh_xrealloc(b->arena, cap);
	b->arena_cap = cap;
}

static void grow_entries(struct batch *b)
{
	b->entries_cap = b->entries_cap ? 2 * b->entries_cap : 1024;
	b->entries = kh_xrealloc(b->entries, b->entries_cap * sizeof *b->entries);
	b->scratch = kh_xrealloc(b->scratch, b->entries_cap * sizeof *b->scratch);
}

int kh_extsort_add(struct kh_extsort *s, const void *key, size_t key_len,
                   const void *payload, size_t payload_len)
{
	size_t rec = 4 + key_len + payload_len;
	if (key_len > UINT32_MAX || payload_len > UINT32_MAX || rec > MAX_BUDGET) {
		errno = EOVERFLOW;
		return -1;
	}
	struct batch *b = &s->batch;
	size_t in_use = b->arena_used + 2 * b->nentries * sizeof(struct entry);
	if (b->nentries > 0 && in_use + rec + 2 * sizeof(struct entry) > s->budget &&
	    spill(s, b) != 0)
		return -1;
	if (b->arena_used + rec > b->arena_cap)
		grow_arena(b, b->arena_used + rec);
	if (b->nentries == b->entries_cap)
		grow_entries(b);
	unsigned char *at = b->arena + b->arena_used;
	uint32_t plen = (uint32_t)payload_len;
	memcpy(at, &plen, 4);
	memcpy(at + 4, key, key_len);
	if (payload_len)
		memcpy(at + 4 + key_len, payload, payload_len);
	struct entry *e = &b->entries[b->nentries++];
	e->p0 = prefix_at(key, key_len, 0);
	e->p1 = prefix_at(key, key_len, 8);
	e->off = (uint32_t)b->arena_used;
	e->key_len = (uint32_t)key_len;
	b->arena_used += rec;
	return 0;
}

/* ---- reading runs ------------------------------------------------------------ */

/* Make the next record of a file run current; 1, 0 at its end, -1. */
static int file_run_next(struct kh_extsort *s, struct run *r)
{
	for (;;) {
		size_t have = r->buf_len - r->buf_at;
		if (have >= 8) {
			uint32_t head[2];
			memcpy(head, r->buf + r->buf_at, 8);
			size_t rec = 8 + (size_t)head[0] + head[1];
			if (have >= rec) {
				r->key = r->buf + r->buf_at + 8;
				r->key_len = head[0];
				r->payload = r->key + head[0];
				r->payload_len = head[1];
				r->p0 = prefix_at(r->key, r->key_len, 0);
				r->p1 = prefix_at(r->key, r->key_len, 8);
				r->buf_at += rec;
				return 1;
			}
			if (rec > r->buf_size) {
				r->buf_size = rec;
				r->buf = kh_xrealloc(r->buf, rec);
			}
		}
		if (r->pos >= r->end) {
			if (have == 0)
				return 0;
			errno = EIO;      /* a run ends in the middle of a record */
			return -1;
		}
		memmove(r->buf, r->buf + r->buf_at, have);
		r->buf_len = have;
		r->buf_at = 0;
		size_t want = r->buf_size - have;
		if ((off_t)want > r->end - r->pos)
			want = (size_t)(r->end - r->pos);
		ssize_t n = pread(r->fd, r->buf + have, want, r->pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		r->pos += n;
		r->buf_len += (size_t)n;
	}
}

static int run_next(struct kh_extsort *s, struct run *r)
{
	if (!r->in_memory)
		return file_run_next(s, r);
	const struct batch *b = r->in_memory;
	if (r->next_entry == b->nentries)
		return 0;
	const struct entry *e = &b->entries[r->next_entry++];
	uint32_t plen;
	memcpy(&plen, b->arena + e->off, 4);
	r->key = entry_key(b, e);
	r->key_len = e->key_len;
	r->p0 = e->p0;
	r->p1 = e->p1;
	r->payload = r->key + e->key_len;
	r->payload_len = plen;
	return 1;
}

/* Whether run a's current record comes before run b's. */
static int run_before(const struct kh_extsort *s, size_t a, size_t b)
{
	const struct run *ra = &s->runs[a], *rb = &s->runs[b];
	if (ra->p0 != rb->p0)
		return ra->p0 < rb->p0;
	if (ra->p1 != rb->p1)
		return ra->p1 < rb->p1;
	int c = key_cmp(ra->key, ra->key_len, rb->key, rb->key_len);
	return c < 0 || (c == 0 && a < b);
}

static void heap_down(struct kh_extsort *s, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < s->nheap && run_before(s, s->heap[l], s->heap[m]))
			m = l;
		if (r < s->nheap && run_before(s, s->heap[r], s->heap[m]))
			m = r;
		if (m == i)
			return;
		size_t t = s->heap[i];
		s->heap[i] = s->heap[m];
		s->heap[m] = t;
		i = m;
	}
}

/* Sort the batch being gathered and make it the last run (in memory). */
static void keep_last_batch(struct kh_extsort *s)
{
	struct batch *last = &s->batch;
	sort_entries(last);
	free(last->scratch);
	last->scratch = NULL;
	free(s->wbuf);
	s->wbuf = NULL;
	struct run *mem = new_run(s);
	mem->in_memory = last;
}

/* Append the runs of an absorbed sorter (its last batch kept) to s's. */
static void take_runs(struct kh_extsort *s, struct kh_extsort *from)
{
	for (size_t i = 0; i < from->nruns; i++) {
		*new_run(s) = from->runs[i];
		if (!from->runs[i].in_memory)
			s->file_runs++;
	}
	from->nruns = 0;
}

int kh_extsort_absorb(struct kh_extsort *s, struct kh_extsort *other)
{
	if (s->finished || other->finished || other->nabsorbed) {
		errno = EINVAL;
		return -1;
	}
	other->finished = 1;
	keep_last_batch(other);
	s->absorbed = kh_xrealloc(s->absorbed,
	                          (s->nabsorbed + 1) * sizeof *s->absorbed);
	s->absorbed[s->nabsorbed++] = other;
	return 0;
}

int kh_extsort_finish(struct kh_extsort *s)
{
	if (s->finished)
		return 0;
	s->finished = 1;
	keep_last_batch(s);
	for (size_t i = 0; i < s->nabsorbed; i++)
		take_runs(s, s->absorbed[i]);
	s->heap = kh_xmalloc(s->nruns * sizeof *s->heap);
	size_t read_buffer = s->file_runs ? READ_BUFFERS / s->file_runs : 0;
	read_buffer = read_buffer > READ_BUFFER_MAX ? READ_BUFFER_MAX
	            : read_buffer < READ_BUFFER_MIN ? READ_BUFFER_MIN : read_buffer;
	for (size_t i = 0; i < s->nruns; i++) {
		struct run *r = &s->runs[i];
		if (!r->in_memory) {
			r->buf_size = read_buffer;
			r->buf = kh_xmalloc(r->buf_size);
		}
		int rc = run_next(s, r);
		if (rc < 0)
			return -1;
		if (rc > 0)
			s->heap[s->nheap++] = i;
	}
	for (size_t i = s->nheap / 2; i-- > 0;)
		heap_down(s, i);
	return 0;
}

int kh_extsort_next(struct kh_extsort *s, const unsigned char **key,
                    size_t *key_len, const unsigned char **payload,
                    size_t *payload_len)
{
	if (!s->finished && kh_extsort_finish(s) != 0)
		return -1;
	/* The run read last moves on only now, so that the record handed out
	 * before stayed valid until this call. */
	if (s->started && s->nheap > 0) {
		int rc = run_next(s, &s->runs[s->heap[0]]);
		if (rc < 0)
			return -1;
		if (rc == 0)
			s->heap[0] = s->heap[--s->nheap];
		heap_down(s, 0);
	}
	s->started = 1;
	if (s->nheap == 0)
		return 0;
	const struct run *r = &s->runs[s->heap[0]];
	*key = r->key;
	*key_len = r->key_len;
	*payload = r->payload;
	*payload_len = r->payload_len;
	return 1;
}

size_t kh_extsort_runs(const struct kh_extsort *s)
{
	return s->file_runs;
}

void kh_extsort_free(struct kh_extsort *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nruns; i++)
		free(s->runs[i].buf);
	free(s->runs);
	for (size_t i = 0; i < s->nabsorbed; i++)
		kh_extsort_free(s->absorbed[i]);
	free(s->absorbed);
	free(s->heap);
	free(s->batch.arena);
	free(s->batch.entries);
	free(s->batch.scratch);
	free(s->wbuf);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}
