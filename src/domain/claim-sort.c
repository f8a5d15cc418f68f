/* claim-sort.c: claims in person order (claim-sort.h).
 *
 * A claim becomes one record of the external sort.  Its key orders as
 * "ORDER BY insured_id, COALESCE(service_date, received_date), claim_id"
 * with SQLite's BINARY collation does: the insured id and a NUL (ids hold
 * no NUL: import refuses them; a shorter id sorts first), the
 * service-else-received day as 4 big-endian bytes (offset so that the
 * order of the bytes is that of the days), the claim id and a NUL.  The
 * payload holds the rest, and only the fields asked for (narrow records
 * mean fewer runs on file): the tag, the query's day and a flags byte,
 * then the asked-for days and amounts as zigzag varints and texts each
 * ending in a NUL.  Decoding points the claim's texts into the record and
 * leaves the fields not asked for empty, as a store's narrow query does. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "claim-sort.h"
#include "extsort.h"
#include "msg.h"

enum { FLAG_ELIGIBLE = 1, FLAG_EXCUSED = 2 };

/* A growable byte buffer for one record's key or payload. */
struct bytes {
	unsigned char *p;
	size_t cap;
};

struct kh_claim_sort {
	struct kh_extsort *sorter;
	unsigned fields;          /* kh_settlement_field bits kept; 0: all */
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

/* A signed number as a zigzag varint (at most 10 bytes). */
static void put_number(unsigned char *buf, size_t *len, int64_t v)
{
	uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	while (z >= 0x80) {
		buf[(*len)++] = (unsigned char)(z | 0x80);
		z >>= 7;
	}
	buf[(*len)++] = (unsigned char)z;
}

static int64_t get_number(const unsigned char **p)
{
	uint64_t z = 0;
	int shift = 0;
	for (;;) {
		unsigned char c = *(*p)++;
		z |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			break;
		shift += 7;
	}
	return (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

static const char *get_text(const unsigned char **p)
{
	const char *text = (const char *)*p;
	*p += strlen(text) + 1;
	return text;
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

struct kh_claim_sort *kh_claim_sort_new(unsigned fields)
{
	struct kh_claim_sort *s = kh_xcalloc(1, sizeof *s);
	s->fields = fields;
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
	unsigned want = s->fields ? s->fields : ~0u;
	size_t room = 8 * 10 + 1;          /* numbers and the flags byte */
	if (want & KH_SF_CHANNEL)
		room += strlen(c->channel) + 1;
	if (want & KH_SF_CATEGORY)
		room += strlen(c->category) + 1;
	if (want & KH_SF_PLACE)
		room += strlen(c->region) + strlen(c->provider_id) + 2;
	unsigned char *p = bytes_room(&s->payload, room);
	size_t len = 0;
	put_number(p, &len, (int64_t)tag);
	put_number(p, &len, c->day);
	p[len++] = (unsigned char)((c->has_eligible ? FLAG_ELIGIBLE : 0) |
	                           (c->excused ? FLAG_EXCUSED : 0));
	if (want & KH_SF_SERVICE)
		put_number(p, &len, c->service_date);
	if (want & KH_SF_RECEIVED)
		put_number(p, &len, c->received);
	if (want & KH_SF_PAID)
		put_number(p, &len, c->paid);
	if (want & KH_SF_AMOUNTS) {
		put_number(p, &len, c->eligible_amount);
		put_number(p, &len, c->paid_amount);
	}
	if (want & KH_SF_CHANNEL)
		put_text(p, &len, c->channel);
	if (want & KH_SF_CATEGORY)
		put_text(p, &len, c->category);
	if (want & KH_SF_PLACE) {
		put_text(p, &len, c->region);
		put_text(p, &len, c->provider_id);
	}
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
	unsigned want = s->fields ? s->fields : ~0u;
	const unsigned char *p = payload;
	*tag = (uint64_t)get_number(&p);
	c->day = (kh_day)get_number(&p);
	unsigned flags = *p++;
	c->has_eligible = (flags & FLAG_ELIGIBLE) != 0;
	c->excused = (flags & FLAG_EXCUSED) != 0;
	c->service_date = want & KH_SF_SERVICE ? (kh_day)get_number(&p) : KH_DAY_NONE;
	c->received = want & KH_SF_RECEIVED ? (kh_day)get_number(&p) : KH_DAY_NONE;
	c->paid = want & KH_SF_PAID ? (kh_day)get_number(&p) : KH_DAY_NONE;
	c->eligible_amount = want & KH_SF_AMOUNTS ? get_number(&p) : 0;
	c->paid_amount = want & KH_SF_AMOUNTS ? get_number(&p) : 0;
	c->channel = want & KH_SF_CHANNEL ? get_text(&p) : "";
	c->category = want & KH_SF_CATEGORY ? get_text(&p) : "";
	c->region = want & KH_SF_PLACE ? get_text(&p) : "";
	c->provider_id = want & KH_SF_PLACE ? get_text(&p) : "";
	return 1;
}

int kh_claim_sort_absorb(struct kh_claim_sort *s, struct kh_claim_sort *other,
                         struct kh_err *err)
{
	int rc = 0;
	if (other->fields != s->fields) {
		kh_error("kh_claim_sort_absorb: the sorts keep different fields");
		rc = kh_fail(err, KH_ERR_SOFTWARE);
	} else if (kh_extsort_absorb(s->sorter, other->sorter) != 0) {
		rc = sort_failed(err);
	} else {
		other->sorter = NULL;     /* s's now */
	}
	kh_claim_sort_free(other);
	return rc;
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
