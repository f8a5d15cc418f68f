/* csvread.c: the streaming CSV reader behind `kaohe import`.  Raw bytes are
 * hashed, converted from GB18030 by iconv when needed, and parsed by libcsv
 * in strict mode; rows go to a callback with their starting line number.
 * A line with no quote in it (nearly every line of a system export) is
 * split on commas here instead, by the same rules libcsv applies to such a
 * line (spaces and tabs around a field dropped, CR, LF and CRLF ending a
 * row, the same callbacks in the same order), so messages and line
 * numbers cannot differ; a line with a quote, a row libcsv has begun and
 * the unfinished last line of a block go to libcsv.
 * Memory stays bounded by the longest row; a file is never read whole. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <csv.h>

#include "csvread.h"
#include "msg.h"
#include "sha256.h"
#include "utf8.h"

#define RAW_BLOCK (256 * 1024)
/* libcsv grows a field's buffer by a fixed block (128 bytes by default):
 * a 10 MB field meant 80,000 reallocs, each copying the field so far.
 * Before every feed the block is set to the buffer's current size (at
 * least this), so the buffer doubles instead. */
#define CSV_MIN_BLOCK (64 * 1024)

struct reader {
	const char *path;
	kh_csv_row_fn *fn;
	void *data;
	int stop_rc;
	long line;          /* physical line of the next byte */
	long row_line;
	int pending_cr;     /* the last line break was a CR: a LF joins it */
	char *arena;
	size_t arena_len, arena_cap;
	size_t *offsets;
	size_t *lens;
	char **fields;
	int nfields, fields_cap;
	/* The current row was split in place by split_line: fields[] point
	 * into the block (else into arena, at offsets[]); row_flags are its
	 * KH_CSV_* bits. */
	int direct;
	unsigned row_flags;
};

/* Valid UTF-8 except perhaps a sequence cut off by the end of the block. */
static int utf8_block_plausible(const unsigned char *s, size_t len)
{
	size_t ok = kh_utf8_prefix((const char *)s, len);
	if (ok == len)
		return 1;
	if (len - ok >= 4)
		return 0;
	unsigned char c = s[ok];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	return need > len - ok;
}

/* A field begins (from libcsv or split in place): the first of a row
 * notes the row's line; the field arrays get room for one more. */
static inline void begin_field(struct reader *r)
{
	if (r->nfields == 0) {
		r->row_line = r->line;
		r->pending_cr = 0;
	}
	if (r->nfields == r->fields_cap) {
		r->fields_cap = r->fields_cap ? 2 * r->fields_cap : 32;
		r->offsets = kh_xrealloc(r->offsets, r->fields_cap * sizeof *r->offsets);
		r->lens = kh_xrealloc(r->lens, r->fields_cap * sizeof *r->lens);
		r->fields = kh_xrealloc(r->fields, r->fields_cap * sizeof *r->fields);
	}
}

static void field_cb(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->stop_rc)
		return;
	begin_field(r);
	if (r->arena_len + len + 1 > r->arena_cap) {
		while (r->arena_len + len + 1 > r->arena_cap)
			r->arena_cap = r->arena_cap ? 2 * r->arena_cap : 4096;
		r->arena = kh_xrealloc(r->arena, r->arena_cap);
	}
	if (len)
		memcpy(r->arena + r->arena_len, s, len);
	r->arena[r->arena_len + len] = '\0';
	r->offsets[r->nfields] = r->arena_len;
	r->lens[r->nfields] = len;
	r->nfields++;
	r->arena_len += len + 1;
	/* Line breaks inside a quoted field. */
	const char *p = s, *end = p + len;
	while (p && p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		r->line++;
		p++;
	}
}

static int row_is_blank(const struct reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		if (r->lens[i])
			return 0;
	return 1;
}

static void row_cb(int c, void *data)
{
	struct reader *r = data;
	if (r->stop_rc)
		return;
	if (r->nfields == 0) {   /* a line break outside any row */
		if (c == '\n' && r->pending_cr)
			r->pending_cr = 0;
		else if (c == '\n' || c == '\r') {
			r->line++;
			r->pending_cr = c == '\r';
		}
		return;
	}
	if (!row_is_blank(r)) {
		if (!r->direct)
			for (int i = 0; i < r->nfields; i++)
				r->fields[i] = r->arena + r->offsets[i];
		struct kh_csv_row row = { r->row_line, r->nfields, r->fields, r->lens,
		                          NULL, r->direct ? r->row_flags : 0 };
		r->stop_rc = r->fn(r->data, &row);
	}
	r->nfields = 0;
	r->arena_len = 0;
	r->direct = 0;
	if (c == '\n' || c == '\r') {
		r->line++;
		r->pending_cr = c == '\r';
	}
}

/* Where the parser is: the line of the next byte (counting the line
 * breaks of the field being read) and the 1-based field of the row. */
static void place(const struct csv_parser *p, const struct reader *r,
                  long *line, long *column)
{
	*line = r->line;
	for (size_t i = 0; i < p->entry_pos; i++)
		*line += p->entry_buf[i] == '\n';
	*column = r->nfields + 1;
}

/* libcsv's state between rows (its ROW_NOT_BEGUN, 0 in libcsv.c). */
#define CSV_ROW_NOT_BEGUN 0

/* 1: lines with no quote are split here; 0: every byte goes through
 * libcsv (tests/unit-csvread compares the two; it declares this itself). */
extern int kh_csv_fast_lines;
int kh_csv_fast_lines = 1;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One line with no quote in it, ending with its LF, from a row boundary:
 * libcsv's states without the quoted ones.  Between fields (and before
 * the first) spaces and tabs are skipped; a field runs to a comma, CR or
 * LF and loses its trailing spaces and tabs; a comma after a field, or
 * at the start of a row, opens another (empty until it has text); CR or
 * LF ends the row, submitting the open empty field first, or, with no
 * field at all, reports the bare line break (CSV_REPALL_NL). */
static void fast_line(struct reader *r, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int open = 0;     /* libcsv's FIELD_NOT_BEGUN (else ROW_NOT_BEGUN) */
	while (p < end) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end)
			break;
		char c = *p;
		if (c == '\r' || c == '\n') {
			if (open)
				field_cb((void *)p, 0, r);
			row_cb((unsigned char)c, r);
			open = 0;
			p++;
			continue;
		}
		if (c == ',') {
			field_cb((void *)p, 0, r);
			open = 1;
			p++;
			continue;
		}
		const char *f = p;
		while (p < end && *p != ',' && *p != '\r' && *p != '\n')
			p++;
		const char *fe = p;
		while (fe > f && is_blank(fe[-1]))
			fe--;
		field_cb((void *)f, (size_t)(fe - f), r);
		if (p == end)     /* cannot happen: the line ends with its LF */
			break;
		if (*p == ',') {
			open = 1;
		} else {
			row_cb((unsigned char)*p, r);
			open = 0;
		}
		p++;
	}
}

/* What the fast path must know of a line's bytes before splitting it,
 * found in one pass (16 bytes at a time where SSE2 is there). */
enum { HAS_QUOTE = 1, HAS_CR = 2, HAS_NUL = 4, HAS_HIGH = 8 };

static unsigned line_bytes(const char *s, size_t n)
{
	unsigned has = 0;
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
	const __m128i zero = _mm_setzero_si128();
	__m128i q = zero, c = zero, z = zero, hi = zero;
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		q = _mm_or_si128(q, _mm_cmpeq_epi8(x, quote));
		c = _mm_or_si128(c, _mm_cmpeq_epi8(x, cr));
		z = _mm_or_si128(z, _mm_cmpeq_epi8(x, zero));
		hi = _mm_or_si128(hi, x);
	}
	has = (_mm_movemask_epi8(q) ? HAS_QUOTE : 0) | (_mm_movemask_epi8(c) ? HAS_CR : 0)
	      | (_mm_movemask_epi8(z) ? HAS_NUL : 0) | (_mm_movemask_epi8(hi) ? HAS_HIGH : 0);
#endif
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		has |= b == '"' ? HAS_QUOTE : b == '\r' ? HAS_CR : b == 0 ? HAS_NUL
		       : b >= 0x80 ? HAS_HIGH : 0;
	}
	return has;
}

/* A field of a row split in place: [f, e) less the spaces and tabs around
 * it, NUL terminated where it ends (on its comma, a blank after it, or the
 * line break: bytes already read). */
static void direct_field(struct reader *r, char *f, char *e)
{
	while (f < e && is_blank(*f))
		f++;
	while (e > f && is_blank(e[-1]))
		e--;
	*e = '\0';
	if (r->nfields == 0)
		r->direct = 1;
	begin_field(r);
	r->fields[r->nfields] = f;
	r->lens[r->nfields] = (size_t)(e - f);
	r->nfields++;
}

/* A line with no quote and no CR but perhaps the one before its LF, from
 * a row boundary: s[0..m) is the line without its CR LF or LF (crlf says
 * which).  The same rows as fast_line (and libcsv) give, without copying:
 * fields are split on the commas and NUL terminated in the block itself
 * (the bytes after a row's last field are its line break).  A line that
 * is empty or blank is a bare line break. */
static void split_line(struct reader *r, char *s, size_t m, int crlf,
                       unsigned has)
{
	char *f = s, *end = s + m;
	size_t i = 0;
	r->row_flags = (has & HAS_NUL ? 0 : KH_CSV_NUL_FREE)
	               | (has & HAS_HIGH ? 0 : KH_CSV_ASCII);
#if defined(__SSE2__)
	const __m128i comma = _mm_set1_epi8(',');
	for (; i + 16 <= m; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(void *)(s + i));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma));
		while (mask) {
			char *c = s + i + __builtin_ctz(mask);
			mask &= mask - 1;
			direct_field(r, f, c);
			f = c + 1;
		}
	}
#endif
	for (; i < m; i++)
		if (s[i] == ',') {
			direct_field(r, f, s + i);
			f = s + i + 1;
		}
	if (r->nfields || f != s) {
		direct_field(r, f, end);
	} else {   /* no comma: one field, unless there is nothing but blanks */
		char *t = s;
		while (t < end && is_blank(*t))
			t++;
		if (t < end)
			direct_field(r, f, end);
	}
	if (crlf)
		row_cb('\r', r);
	row_cb('\n', r);
}

static int slow_feed(struct csv_parser *p, struct reader *r, const char *buf,
                     size_t len)
{
	if (csv_parse(p, buf, len, field_cb, row_cb, r) != len) {
		long line, column;
		place(p, r, &line, &column);
		int e = csv_error(p);
		kh_error_at(r->path, line, column, "%s: %s",
		            kh_tr("CSV 格式错误", "malformed CSV"),
		            e == CSV_EPARSE
		            ? kh_tr("未加引号的字段中有引号，或右引号后还有字符"
		                    "（含引号或逗号的字段须整体加引号，字段内的引号写两遍）",
		                    "a quote inside an unquoted field, or text after a "
		                    "closing quote (quote the whole field and double "
		                    "the quotes inside it)")
		            : e == CSV_ETOOBIG || e == CSV_ENOMEM
		            ? kh_tr("字段过大", "field too large")
		            : csv_strerror(e));
		return KH_ERR_DATA;
	}
	return 0;
}

static int feed(struct csv_parser *p, struct reader *r, char *buf,
                size_t len)
{
	csv_set_blk_size(p, p->entry_size > CSV_MIN_BLOCK ? p->entry_size
	                                                  : CSV_MIN_BLOCK);
	if (!kh_csv_fast_lines)
		return slow_feed(p, r, buf, len) ? KH_ERR_DATA : r->stop_rc;
	size_t pos = 0;
	while (pos < len) {
		/* Once the callback has stopped, libcsv reads the rest of the
		 * block as it always did (a malformed line there is still told). */
		if (r->stop_rc) {
			if (slow_feed(p, r, buf + pos, len - pos))
				return KH_ERR_DATA;
			break;
		}
		char *line = buf + pos;
		const char *lf = memchr(line, '\n', len - pos);
		size_t n = lf ? (size_t)(lf - line) + 1 : len - pos;
		pos += n;
		if (lf && p->pstate == CSV_ROW_NOT_BEGUN) {
			/* the line less its LF, and less a CR before that */
			int crlf = n >= 2 && line[n - 2] == '\r';
			size_t m = n - 1 - (size_t)crlf;
			unsigned has = line_bytes(line, m);
			if (!(has & (HAS_QUOTE | HAS_CR))) {
				split_line(r, line, m, crlf, has);
				continue;
			}
			if (!(has & HAS_QUOTE)) {
				fast_line(r, line, n);
				continue;
			}
		}
		if (slow_feed(p, r, line, n))
			return KH_ERR_DATA;
	}
	return r->stop_rc;
}

static int is_utf8_name(const char *enc)
{
	return strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0;
}

/* Convert in[0..*inleft) into out, feeding what converts; leaves an
 * incomplete trailing sequence in place.  0, -1 (the callback stopped) or
 * the kind of the failure. */
static int convert_and_feed(iconv_t cd, struct csv_parser *p, struct reader *r,
                            char **in, size_t *inleft, char *out, size_t outcap)
{
	while (*inleft) {
		char *o = out;
		size_t oleft = outcap;
		size_t rc = iconv(cd, in, inleft, &o, &oleft);
		int err = rc == (size_t)-1 ? errno : 0;
		int frc = feed(p, r, out, outcap - oleft);
		if (frc)
			return frc;
		if (err == EINVAL)
			return 0;
		if (err == EILSEQ) {
			long line, column;
			place(p, r, &line, &column);
			kh_error_at(r->path, line, column, "%s (%s 0x%02X)",
			            kh_tr("字节不符合所指定的编码（试试 --encoding）",
			                  "bytes not valid in the encoding (try --encoding)"),
			            kh_tr("字节", "byte"), (unsigned char)**in);
			return KH_ERR_DATA;
		}
		if (err && err != E2BIG) {
			kh_error("%s: iconv: %s", r->path, strerror(err));
			return KH_ERR_DATA;
		}
	}
	return 0;
}

static void reader_free(struct reader *r)
{
	free(r->arena);
	free(r->offsets);
	free(r->lens);
	free(r->fields);
}

/* The reading itself: 0, -1 when the callback stopped, or the kind of
 * the failure found (printed). */
static int csv_read(const char *path, const char *encoding, kh_csv_row_fn *fn,
                    void *data, struct kh_csv_result *result)
{
	memset(result, 0, sizeof *result);
	iconv_t cd = (iconv_t)-1;
	int decided = 0;
	if (encoding && !is_utf8_name(encoding)) {
		cd = iconv_open("UTF-8", encoding);
		if (cd == (iconv_t)-1) {
			kh_error("%s: '%s'", kh_tr("不支持的编码", "unsupported encoding"),
			         encoding);
			return KH_ERR_USAGE;
		}
		decided = 1;
	} else if (encoding)
		decided = 1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		kh_error("%s: %s", path, strerror(errno));
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return KH_ERR_NOINPUT;
	}
	struct reader r = { .path = path, .fn = fn, .data = data, .line = 1 };
	struct csv_parser parser;
	csv_init(&parser, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI);
	struct kh_sha256 *sha = kh_sha256_new();
	/* A small file gets buffers of its own size (it is still read whole
	 * as the first block), not the 768 KiB a big one needs. */
	size_t block = RAW_BLOCK;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < RAW_BLOCK)
		block = st.st_size < 4096 ? 4096 : (size_t)st.st_size + 1;
	char *raw = kh_xmalloc(block);
	size_t outcap = 2 * block + 16;
	char *out = kh_xmalloc(outcap);
	size_t carry = 0;
	int first = 1, rc = 0;
	for (;;) {
		ssize_t n = read(fd, raw + carry, block - carry);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			kh_error("%s: %s", path, strerror(errno));
			rc = KH_ERR_IO;
			break;
		}
		if (n == 0)
			break;
		kh_sha256_update(sha, raw + carry, (size_t)n);
		char *start = raw;
		size_t avail = carry + (size_t)n;
		if (first) {
			first = 0;
			if (cd == (iconv_t)-1 && avail >= 3
			    && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
				start += 3;
				avail -= 3;
				decided = 1;
			}
			if (!decided
			    && !utf8_block_plausible((unsigned char *)start, avail)) {
				cd = iconv_open("UTF-8", "GB18030");
				if (cd == (iconv_t)-1) {
					kh_error("iconv: GB18030: %s", strerror(errno));
					rc = KH_ERR_SOFTWARE;
					break;
				}
			}
		}
		if (cd == (iconv_t)-1) {
			rc = feed(&parser, &r, start, avail);
			carry = 0;
		} else {
			rc = convert_and_feed(cd, &parser, &r, &start, &avail, out,
			                      outcap);
			memmove(raw, start, avail);
			carry = avail;
		}
		if (rc)
			break;
	}
	long line, column;
	if (!rc && carry) {
		place(&parser, &r, &line, &column);
		kh_error_at(path, line, column, "%s",
		            kh_tr("文件末尾有不完整的多字节字符",
		                  "incomplete multibyte character at end of file"));
		rc = KH_ERR_DATA;
	}
	/* An unterminated quote is reported where its field starts. */
	line = r.line;
	column = r.nfields + 1;
	if (!rc && csv_fini(&parser, field_cb, row_cb, &r) != 0) {
		kh_error_at(path, line, column, "%s: %s",
		            kh_tr("CSV 格式错误", "malformed CSV"),
		            kh_tr("引号未闭合（从这里开始的字段）",
		                  "unterminated quoted field (starting here)"));
		rc = KH_ERR_DATA;
	}
	if (!rc)
		rc = r.stop_rc;
	result->gb18030 = cd != (iconv_t)-1;
	result->lines = r.line;
	kh_sha256_finish(sha, result->sha256);
	csv_free(&parser);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	close(fd);
	free(raw);
	free(out);
	reader_free(&r);
	return rc;
}

int kh_csv_read(const char *path, const char *encoding, kh_csv_row_fn *fn,
                void *data, struct kh_csv_result *result, struct kh_err *err)
{
	int rc = csv_read(path, encoding, fn, data, result);
	if (rc > 0)
		return kh_fail(err, (enum kh_err_kind)rc);
	return rc ? -1 : 0;
}
