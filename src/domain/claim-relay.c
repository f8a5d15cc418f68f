/* claim-relay.c: a claim sort read back on a thread of its own
 * (claim-relay.h).
 *
 * A ring of BLOCKS blocks, each holding up to BLOCK_CLAIMS decoded claims
 * and the bytes of their records (the claims' texts point there).  The
 * relay thread merges the sort, copies each record into the block at
 * filled % BLOCKS, decodes it there and publishes the block (filled++);
 * this thread hands the claims of the block at taken % BLOCKS to fn and
 * gives it back (taken++).  The blocks are allocated once and reused, so
 * the copies touch no new memory.
 *
 * Invariants: taken <= filled <= taken + BLOCKS; the block at
 * filled % BLOCKS belongs to the relay thread while filled - taken <
 * BLOCKS, the blocks from taken to filled - 1 to this thread; both
 * counters change only under the lock (the relay thread alone writes
 * filled, this thread alone taken). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "claim-relay.h"
#include "msg.h"

#define BLOCKS 4
#define BLOCK_CLAIMS 1024
#define BLOCK_BYTES ((size_t)96 << 10)

struct relayed {
	struct kh_settlement claim;
	uint64_t tag;
};

struct block {
	struct relayed items[BLOCK_CLAIMS];
	size_t n;
	unsigned char *bytes;
	size_t used, cap;
};

struct relay {
	struct kh_claim_sort *sort;
	struct block *blocks;         /* BLOCKS of them */
	pthread_mutex_t lock;
	pthread_cond_t published, given_back;
	size_t filled, taken;
	int stop;                     /* this thread wants no more claims */
	int done;                     /* the relay thread has finished */
	int sort_rc;                  /* its last kh_claim_sort_next_record */
	struct kh_err sort_err;
	struct kh_msg_capture *capture_into;  /* this thread's capture */
	struct kh_msg_capture capture;        /* the relay thread's lines */
};

/* ---- the relay thread ------------------------------------------------------ */

static struct block *filling(struct relay *r)
{
	return &r->blocks[r->filled % BLOCKS];
}

/* Publish the block being filled and wait until the next one is free:
 * 0, or 1 when this thread has asked to stop. */
static int publish_and_wait(struct relay *r)
{
	pthread_mutex_lock(&r->lock);
	r->filled++;
	pthread_cond_signal(&r->published);
	while (r->filled - r->taken == BLOCKS && !r->stop)
		pthread_cond_wait(&r->given_back, &r->lock);
	int stop = r->stop;
	pthread_mutex_unlock(&r->lock);
	if (!stop) {
		filling(r)->n = 0;
		filling(r)->used = 0;
	}
	return stop;
}

/* Copy one record into the block being filled and decode it there:
 * 0, or 1 when this thread has asked to stop. */
static int relay_record(struct relay *r, const struct kh_claim_record *rec)
{
	struct block *b = filling(r);
	size_t need = rec->key_len + rec->payload_len;
	if (b->n == BLOCK_CLAIMS || b->used + need > b->cap) {
		if (publish_and_wait(r) != 0)
			return 1;
		b = filling(r);
		if (need > b->cap) {      /* a claim with very long texts */
			b->bytes = kh_xrealloc(b->bytes, need);
			b->cap = need;
		}
	}
	unsigned char *copy = b->bytes + b->used;
	memcpy(copy, rec->key, rec->key_len);
	memcpy(copy + rec->key_len, rec->payload, rec->payload_len);
	b->used += need;
	struct relayed *item = &b->items[b->n++];
	kh_claim_sort_decode(r->sort, copy, copy + rec->key_len, &item->claim,
	                     &item->tag);
	return 0;
}

static void *relay_thread(void *arg)
{
	struct relay *r = arg;
	if (r->capture_into) {
		r->capture.limit = r->capture_into->limit;
		kh_msg_capture_start(&r->capture);
	}
	struct kh_claim_record rec;
	int rc;
	while ((rc = kh_claim_sort_next_record(r->sort, &rec, &r->sort_err)) > 0)
		if (relay_record(r, &rec) != 0)
			break;
	kh_msg_capture_stop();
	pthread_mutex_lock(&r->lock);
	if (filling(r)->n > 0 && !r->stop)
		r->filled++;              /* the last block, partly filled */
	r->sort_rc = rc;
	r->done = 1;
	pthread_cond_signal(&r->published);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* ---- this thread ------------------------------------------------------------- */

/* The next published block, or NULL once the relay thread is done and
 * every block has been taken. */
static struct block *next_block(struct relay *r)
{
	pthread_mutex_lock(&r->lock);
	while (r->taken == r->filled && !r->done)
		pthread_cond_wait(&r->published, &r->lock);
	struct block *b = r->taken < r->filled ? &r->blocks[r->taken % BLOCKS] : NULL;
	pthread_mutex_unlock(&r->lock);
	return b;
}

static void give_back(struct relay *r, int stop)
{
	pthread_mutex_lock(&r->lock);
	r->taken++;
	if (stop)
		r->stop = 1;
	pthread_cond_signal(&r->given_back);
	pthread_mutex_unlock(&r->lock);
}

static void relay_free(struct relay *r)
{
	for (size_t i = 0; i < BLOCKS; i++)
		free(r->blocks[i].bytes);
	free(r->blocks);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->published);
	pthread_cond_destroy(&r->given_back);
	free(r->capture.text);
}

int kh_claim_sort_each(struct kh_claim_sort *sort, kh_sorted_claim_fn *fn,
                       void *arg, struct kh_err *err)
{
	struct kh_settlement claim;
	uint64_t tag;
	int got, rc = 0;
	while (rc == 0 && (got = kh_claim_sort_next(sort, &claim, &tag, err)) != 0) {
		if (got < 0)
			return -1;
		rc = fn(&claim, tag, arg);
	}
	return rc;
}

int kh_claim_sort_relay(struct kh_claim_sort *sort, kh_sorted_claim_fn *fn,
                        void *arg, struct kh_err *err)
{
	struct relay r = { .sort = sort, .capture_into = kh_msg_capture_current() };
	r.blocks = kh_xcalloc(BLOCKS, sizeof *r.blocks);
	for (size_t i = 0; i < BLOCKS; i++) {
		r.blocks[i].bytes = kh_xmalloc(BLOCK_BYTES);
		r.blocks[i].cap = BLOCK_BYTES;
	}
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.published, NULL);
	pthread_cond_init(&r.given_back, NULL);
	pthread_t thread;
	if (pthread_create(&thread, NULL, relay_thread, &r) != 0) {
		relay_free(&r);           /* no thread: read here */
		return kh_claim_sort_each(sort, fn, arg, err);
	}
	int rc = 0;
	struct block *b;
	while ((b = next_block(&r)) != NULL) {
		for (size_t i = 0; i < b->n && rc == 0; i++)
			rc = fn(&b->items[i].claim, b->items[i].tag, arg);
		give_back(&r, rc != 0);
		if (rc != 0)
			break;
	}
	pthread_join(thread, NULL);
	if (r.capture_into)
		kh_msg_capture_add(r.capture_into, &r.capture);
	if (rc == 0 && r.sort_rc < 0) {
		rc = kh_fail(err, r.sort_err.kind);
		if (err && r.sort_err.full)
			err->full = 1;
	}
	relay_free(&r);
	return rc;
}
