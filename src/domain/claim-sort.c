/* claim-sort.c: claims in person order (claim-sort.h).
 *
 * A claim becomes one record of the external sort.  Its key orders as
 * "ORDER BY insured_id, COALESCE(service_date, received_date), claim_id"
 * with SQLite's BINARY collation does: the insured id and a NUL (ids hold
 * no NUL: import refuses them; a shorter id sorts first), the
 * service-else-received day as 4 big-endian bytes (offset so that the
 * order of the bytes is that of the days), the claim id and a NUL.  The
 * payload holds the rest: the days, flags, amounts and tag at fixed
 * places, then channel, category, region and provider, each ending in a
 * NUL.  Decoding points the claim's texts into the record. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "claim-sort.h"
#include "extsort.h"
#include "msg.h"

struct fixed {
	uint64_t tag;
	int64_t eligible, paid_amount;
	int32_t service, received, paid, day;
	uint8_t has_eligible, excused;
};

/* A growable byte buffer for one record's key or payload. */
struct bytes {
	unsigned char *p;
	size_t cap;
};

struct kh_claim_sort {
	struct kh_extsort *sorter;
	struct bytes key, payload;
};

static unsigned char *bytes_room(struct bytes *b, size_t need)
{
	if (need > b->cap) {
		b->cap = need > 256 ? need : 256;
		b->p = kh_xrealloc(b->p, b->cap);
	}
	return b->p;
}

static void put_day(unsigned char *p, kh_day day)
{
	uint32_t v = (uint32_t)day ^ 0x80000000u;
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Append `text` and its NUL at buf + *len (the caller sized buf). */
static void put_text(unsigned char *buf, size_t *len, const char *text)
{
	size_t n = strlen(text) + 1;
	memcpy(buf + *len, text, n);
	*len += n;
}

static int sort_failed(struct kh_err *err)
{
	int saved = errno;
	kh_error("%s: %s", kh_tr("结算记录排序（临时文件）",
	         "sorting settlements (temporary file)"), strerror(saved));
	if (err && saved == ENOSPC)
		err->full = 1;
	return kh_fail(err, KH_ERR_IO);
}

struct kh_claim_sort *kh_claim_sort_new(void)
{
	struct kh_claim_sort *s = kh_xcalloc(1, sizeof *s);
	s->sorter = kh_extsort_new(KH_CLAIM_SORT_BUDGET);
	return s;
}

int kh_claim_sort_add(struct kh_claim_sort *s, const struct kh_settlement *c,
                      uint64_t tag, struct kh_err *err)
{
	kh_day person_day = c->service_date != KH_DAY_NONE ? c->service_date
	                                                   : c->received;
	size_t ins = strlen(c->insured_id), clm = strlen(c->claim_id);
	unsigned char *k = bytes_room(&s->key, ins + clm + 6);
	memcpy(k, c->insured_id, ins + 1);
	put_day(k + ins + 1, person_day);
	memcpy(k + ins + 5, c->claim_id, clm + 1);
	struct fixed f = {
		.tag = tag, .eligible = c->eligible_amount,
		.paid_amount = c->paid_amount, .service = c->service_date,
		.received = c->received, .paid = c->paid, .day = c->day,
		.has_eligible = (uint8_t)c->has_eligible, .excused = (uint8_t)c->excused,
	};
	size_t texts = strlen(c->channel) + strlen(c->category) +
	               strlen(c->region) + strlen(c->provider_id) + 4;
	unsigned char *p = bytes_room(&s->payload, sizeof f + texts);
	size_t len = sizeof f;
	memcpy(p, &f, sizeof f);
	put_text(p, &len, c->channel);
	put_text(p, &len, c->category);
	put_text(p, &len, c->region);
	put_text(p, &len, c->provider_id);
	if (kh_extsort_add(s->sorter, k, ins + clm + 6, p, len) != 0)
		return sort_failed(err);
	return 0;
}

int kh_claim_sort_next(struct kh_claim_sort *s, struct kh_settlement *c,
                       uint64_t *tag, struct kh_err *err)
{
	const unsigned char *key, *payload;
	size_t key_len, payload_len;
	int rc = kh_extsort_next(s->sorter, &key, &key_len, &payload, &payload_len);
	if (rc <= 0)
		return rc < 0 ? sort_failed(err) : 0;
	c->insured_id = (const char *)key;
	c->claim_id = (const char *)key + strlen(c->insured_id) + 5;
	struct fixed f;
	memcpy(&f, payload, sizeof f);
	*tag = f.tag;
	c->service_date = f.service;
	c->received = f.received;
	c->paid = f.paid;
	c->day = f.day;
	c->has_eligible = f.has_eligible;
	c->eligible_amount = f.eligible;
	c->paid_amount = f.paid_amount;
	c->excused = f.excused;
	const char *text = (const char *)payload + sizeof f;
	c->channel = text;
	text += strlen(text) + 1;
	c->category = text;
	text += strlen(text) + 1;
	c->region = text;
	text += strlen(text) + 1;
	c->provider_id = text;
	return 1;
}

void kh_claim_sort_free(struct kh_claim_sort *s)
{
	if (!s)
		return;
	kh_extsort_free(s->sorter);
	free(s->key.p);
	free(s->payload.p);
	free(s);
}
