/* xlsxread.c: the streaming XLSX reader behind `kaohe import`.  libzip
 * opens the container; the small parts (relationships, the workbook, the
 * styles) are read through libxml2's xmlTextReader, the two that grow with
 * the data (the shared strings and the sheet) through libxml2's SAX2 push
 * parser fed in chunks straight from the zip stream, with a per-cell state
 * machine that allocates nothing per element.  No DTD, no entities, no
 * network; memory is bounded by the shared strings table (one arena) and
 * one row, never the sheet.
 * Rows come out as csvread.c's do: the header row first (found below title
 * rows, merged header cells filled in), then the data rows padded to the
 * header's width.  It never decides what a field means. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "dates.h"
#include "msg.h"
#include "sha256.h"
#include "xlsxread.h"

#define MAX_COLUMNS 16384L          /* XFD */
#define MAX_ROWS 1048576L
#define SST_MAX_BYTES (1024UL * 1024 * 1024)
#define MERGES_MAX 20000
#define MERGE_FRAGMENT_MAX (64UL * 1024 * 1024)
#define LOOKBACK_MAX 64             /* rows kept while the header is sought */

struct merge { long top, left, bottom, right; };

/* A cell of the row being read: its text is in the row's arena. */
struct cell { long col; size_t off, len; unsigned char flags; };

/* A row kept while the header is sought (title rows, header rows). */
struct saved {
	long r;
	int ncells;
	struct cell *cells;
	char *arena;
};

struct xf { unsigned char kind; };   /* 0 plain, 1 date, 2 time of day */

struct reader {
	const char *path;
	const char *sheet_name;
	zip_t *za;
	kh_csv_row_fn *fn;
	void *data;
	const struct kh_xlsx_options *opt;
	struct kh_xlsx_result *res;
	int date1904;
	/* shared strings */
	char *sst;
	size_t sst_len, sst_cap;
	size_t *sst_off;
	long sst_count, sst_cap_n;
	/* styles: cellXfs */
	unsigned char *xf_kind;
	long nxf;
	/* merged ranges near the top */
	struct merge *merges;
	int nmerges;
	/* the row being read */
	long row_r;
	struct cell *cells;
	int ncells, cells_cap;
	char *arena;
	size_t arena_len, arena_cap;
	/* header search */
	int phase;                    /* 0 seeking, 1 waiting for its last row, 2 data */
	struct saved saved[LOOKBACK_MAX];
	int nsaved;
	int searched;                 /* non-empty rows looked at */
	long header, header_last;
	int width;
	int warned_beyond;
	/* the row handed out */
	char **fields;
	size_t *lens;
	unsigned char *flags;
	int fields_cap;
	char *hdr_arena;
	size_t hdr_len, hdr_cap;
	int stop_rc;
	/* libxml2's first complaint */
	char xml_error[256];
	int root_seen;                /* the part being read is past its DOCTYPE */
};

/* --- small helpers ---------------------------------------------------------- */

char *kh_xlsx_cell_name(long column, long row, char *buf)
{
	char letters[8];
	int n = 0;
	for (long c = column; c > 0 && n < 7; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	int k = 0;
	while (n > 0)
		buf[k++] = letters[--n];
	if (row > 0)
		snprintf(buf + k, KH_XLSX_CELL_BUFSZ - (size_t)k, "%ld", row);
	else
		buf[k] = '\0';
	return buf;
}

/* "C17" -> column 3, row 17; row 0 when the reference has no digits. */
static int parse_ref(const char *s, long *col, long *row)
{
	long c = 0, r = 0;
	const char *p = s;
	while (*p >= 'A' && *p <= 'Z') {
		c = c * 26 + (*p - 'A' + 1);
		if (c > MAX_COLUMNS)
			return -1;
		p++;
	}
	if (*p == '$')
		p++;
	while (*p >= '0' && *p <= '9') {
		r = r * 10 + (*p - '0');
		if (r > MAX_ROWS)
			return -1;
		p++;
	}
	if (*p || c == 0)
		return -1;
	*col = c;
	*row = r;
	return 0;
}

int kh_xlsx_sniff(const char *path)
{
	/* Only a regular file is looked into: the first bytes of a pipe
	 * would be gone for the CSV reader. */
	struct stat st;
	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	unsigned char b[8];
	ssize_t n = read(fd, b, sizeof b);
	close(fd);
	if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
		return 1;
	if (n == 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return 2;
	return 0;
}

/* v (0 <= v < 10^n) as n digits with leading zeros. */
static void put_digits(char *p, long v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

int kh_xlsx_serial_text(const char *number, size_t len, int date1904, char *buf)
{
	char tmp[64];
	if (len == 0 || len >= sizeof tmp)
		return -1;
	long days, secs = 0;
	size_t digits = 0;
	while (digits < len && number[digits] >= '0' && number[digits] <= '9')
		digits++;
	if (digits == len && len <= 9) {
		/* the common case, a whole day: no strtod */
		days = 0;
		for (size_t i = 0; i < len; i++)
			days = days * 10 + (number[i] - '0');
		if (days > 2958466L)
			return -1;
	} else {
		memcpy(tmp, number, len);
		tmp[len] = '\0';
		char *end;
		errno = 0;
		double v = strtod(tmp, &end);
		if (*end || errno || !isfinite(v) || v < 0 || v > 2958466.0)
			return -1;
		days = (long)floor(v);
		secs = lround((v - (double)days) * 86400.0);
	}
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	kh_day d;
	if (date1904)
		d = kh_day_from_ymd(1904, 1, 1) + (kh_day)days;
	else if (days < 1 || days == 60)
		return -1;   /* 1900-01-00, and the 1900-02-29 that never was */
	else if (days < 60)
		d = kh_day_from_ymd(1899, 12, 31) + (kh_day)days;
	else
		d = kh_day_from_ymd(1899, 12, 30) + (kh_day)days;
	int y, m, dd;
	kh_day_to_ymd(d, &y, &m, &dd);
	if (y > 9999)
		return -1;
	/* "YYYY-MM-DD[ HH:MM:SS]" by hand: a sheet may hold millions */
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, dd, 2);
	if (!secs) {
		buf[10] = '\0';
		return 0;
	}
	buf[10] = ' ';
	put_digits(buf + 11, secs / 3600, 2);
	buf[13] = ':';
	put_digits(buf + 14, secs / 60 % 60, 2);
	buf[16] = ':';
	put_digits(buf + 17, secs % 60, 2);
	buf[19] = '\0';
	return 0;
}

/* --- parts through xmlTextReader --------------------------------------------- */

static void on_xml_error(void *data, const xmlError *error)
{
	struct reader *r = data;
	if (!r->xml_error[0] && error && error->level >= XML_ERR_ERROR) {
		snprintf(r->xml_error, sizeof r->xml_error, "%s%s%s",
		         error->message ? error->message : "?", "", "");
		size_t n = strlen(r->xml_error);
		while (n && (r->xml_error[n - 1] == '\n' || r->xml_error[n - 1] == ' '))
			r->xml_error[--n] = '\0';
	}
}

static int zip_read_cb(void *ctx, char *buf, int len)
{
	zip_int64_t n = zip_fread((zip_file_t *)ctx, buf, (zip_uint64_t)len);
	return n < 0 ? -1 : (int)n;
}

static int zip_close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

static int part_exists(struct reader *r, const char *name)
{
	return zip_name_locate(r->za, name, ZIP_FL_NOCASE) >= 0;
}

/* Open a part of the package for reading; NULL (and *zf NULL) when absent. */
static xmlTextReaderPtr open_part(struct reader *r, const char *name,
                                  zip_file_t **zf)
{
	*zf = zip_fopen(r->za, name, ZIP_FL_NOCASE);
	if (!*zf)
		return NULL;
	r->xml_error[0] = '\0';
	r->root_seen = 0;
	xmlTextReaderPtr x = xmlReaderForIO(zip_read_cb, zip_close_cb, *zf, name,
	                                    NULL, XML_OPTIONS);
	if (!x) {
		zip_fclose(*zf);
		*zf = NULL;
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(x, (xmlStructuredErrorFunc)on_xml_error, r);
	return x;
}

static void close_part(xmlTextReaderPtr x, zip_file_t *zf)
{
	if (x)
		xmlFreeTextReader(x);
	if (zf)
		zip_fclose(zf);
}

/* Step the reader; refuses a DOCTYPE.  1 a node, 0 the end, -1 an error. */
static int step(struct reader *r, xmlTextReaderPtr x, const char *part)
{
	int rc = xmlTextReaderRead(x);
	int type = rc == 1 && !r->root_seen ? xmlTextReaderNodeType(x) : 0;
	if (type == XML_READER_TYPE_ELEMENT)
		r->root_seen = 1;   /* a DOCTYPE comes before the root or not at all */
	if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
		kh_error("%s: %s: %s", r->path, part,
		         kh_tr("含有 DOCTYPE（工作簿的部件不应有），拒绝读取",
		               "has a DOCTYPE (no workbook part has one); refused"));
		return -1;
	}
	if (rc < 0)
		kh_error("%s: %s: %s: %s", r->path, part,
		         kh_tr("XML 格式错误", "malformed XML"),
		         r->xml_error[0] ? r->xml_error : "?");
	return rc;
}

static int is_element(xmlTextReaderPtr x, const char *local)
{
	return xmlTextReaderNodeType(x) == XML_READER_TYPE_ELEMENT
	       && strcmp((const char *)xmlTextReaderConstLocalName(x), local) == 0;
}

static int is_end(xmlTextReaderPtr x, const char *local)
{
	return xmlTextReaderNodeType(x) == XML_READER_TYPE_END_ELEMENT
	       && strcmp((const char *)xmlTextReaderConstLocalName(x), local) == 0;
}

/* An attribute by local name (any namespace when ns is NULL, else one
 * whose URI ends with ns); a pointer valid until the next step. */
static const char *attr(xmlTextReaderPtr x, const char *local, const char *ns)
{
	const char *found = NULL;
	if (xmlTextReaderMoveToFirstAttribute(x) != 1)
		return NULL;
	do {
		if (strcmp((const char *)xmlTextReaderConstLocalName(x), local) != 0)
			continue;
		const char *uri = (const char *)xmlTextReaderConstNamespaceUri(x);
		if (ns) {
			size_t ul = uri ? strlen(uri) : 0, nl = strlen(ns);
			if (ul < nl || strcmp(uri + ul - nl, ns) != 0)
				continue;
		} else if (uri) {
			continue;
		}
		found = (const char *)xmlTextReaderConstValue(x);
		break;
	} while (xmlTextReaderMoveToNextAttribute(x) == 1);
	xmlTextReaderMoveToElement(x);
	return found;
}

/* The same, copied (a value may live in the reader's scratch buffer,
 * which the next attribute reuses); NULL when absent. */
static char *attr_dup(xmlTextReaderPtr x, const char *local, const char *ns)
{
	const char *v = attr(x, local, ns);
	return v ? kh_xstrdup(v) : NULL;
}


/* --- big parts through libxml2's SAX2 parser ---------------------------------- */

/* The shared strings and the sheet are the parts that grow with the data:
 * they go through SAX2 callbacks (no node is built, nothing is allocated
 * per element), fed from the zip stream in chunks.  No DTD is accepted
 * (the internal subset callback refuses it before anything is declared),
 * so no entity but the five predefined ones can be referenced, and
 * nothing is loaded from the network or the disk. */
#define SAX_CHUNK (256 * 1024)

struct sax {
	struct reader *r;
	const char *part;
	xmlParserCtxtPtr ctxt;
	int status;       /* a callback's failure (a sysexits code, or the row
	                     function's non-zero value): stopped */
	int finished;     /* the callbacks have all they need: stopped early */
	int absent;       /* the package has no such part */
};

static void sax_stop(struct sax *s, int status)
{
	if (status)
		s->status = status;
	else
		s->finished = 1;
	xmlStopParser(s->ctxt);
}

static void sax_error(void *data, xmlErrorPtr error)
{
	struct sax *s = data;
	on_xml_error(s->r, error);
}

/* <!DOCTYPE ...>: called before its internal subset is read. */
static void sax_doctype(void *data, const xmlChar *name, const xmlChar *external_id,
                        const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	struct sax *s = data;
	if (s->status)
		return;
	kh_error("%s: %s: %s", s->r->path, s->part,
	         kh_tr("含有 DOCTYPE（工作簿的部件不应有），拒绝读取",
	               "has a DOCTYPE (no workbook part has one); refused"));
	sax_stop(s, EX_DATAERR);
}

/* Parse the part with the handler's element and text callbacks; data
 * starts with a struct sax.  0 (s->absent set when there is no such
 * part), or s->status: a sysexits code after printing why, or what a
 * callback stopped with. */
static int sax_parse(struct reader *r, const char *part, xmlSAXHandler *h,
                     struct sax *s)
{
	s->status = s->finished = s->absent = 0;
	zip_file_t *zf = zip_fopen(r->za, part, ZIP_FL_NOCASE);
	if (!zf) {
		s->absent = 1;
		return 0;
	}
	h->initialized = XML_SAX2_MAGIC;
	h->serror = sax_error;
	h->internalSubset = sax_doctype;
	h->externalSubset = sax_doctype;
	h->cdataBlock = h->characters;
	h->ignorableWhitespace = h->characters;
	s->r = r;
	s->part = part;
	r->xml_error[0] = '\0';
	char *buf = kh_xmalloc(SAX_CHUNK);
	s->ctxt = xmlCreatePushParserCtxt(h, s, NULL, 0, part);
	if (!s->ctxt) {
		free(buf);
		zip_fclose(zf);
		kh_error("%s: %s: %s", r->path, part, kh_tr("无法读取", "cannot be read"));
		return EX_SOFTWARE;
	}
	xmlCtxtUseOptions(s->ctxt, XML_PARSE_NONET);
	int bad = 0;
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, SAX_CHUNK);
		if (n < 0) {
			kh_error("%s: %s: %s", r->path, part,
			         zip_error_strerror(zip_file_get_error(zf)));
			s->status = EX_DATAERR;
			break;
		}
		int rc = xmlParseChunk(s->ctxt, buf, (int)n, n == 0);
		if (s->status || s->finished)
			break;
		if (rc || !s->ctxt->wellFormed) {
			bad = 1;
			break;
		}
		if (n == 0)
			break;
	}
	if (bad) {
		kh_error("%s: %s: %s: %s", r->path, part,
		         kh_tr("XML 格式错误", "malformed XML"),
		         r->xml_error[0] ? r->xml_error : "?");
		s->status = EX_DATAERR;
	}
	xmlFreeParserCtxt(s->ctxt);
	s->ctxt = NULL;
	free(buf);
	zip_fclose(zf);
	return s->status;
}

/* An attribute's value from SAX2's five pointers per attribute. */
struct sax_attr { const char *v; size_t n; };

static int sax_attr(const xmlChar **attrs, int n, const char *local, int any_ns,
                    struct sax_attr *out)
{
	for (int i = 0; i < n; i++, attrs += 5)
		if (strcmp((const char *)attrs[0], local) == 0 && (any_ns || !attrs[2])) {
			out->v = (const char *)attrs[3];
			out->n = (size_t)(attrs[4] - attrs[3]);
			return 1;
		}
	return 0;
}

/* --- relationships and the workbook ---------------------------------------- */

struct rel { char *id, *target, *type; };

static void rels_free(struct rel *rels, int n)
{
	for (int i = 0; i < n; i++) {
		free(rels[i].id);
		free(rels[i].target);
		free(rels[i].type);
	}
	free(rels);
}

/* Read a .rels part; targets resolved against dir ("xl/"). */
static int read_rels(struct reader *r, const char *part, const char *dir,
                     struct rel **out, int *nout)
{
	*out = NULL;
	*nout = 0;
	zip_file_t *zf;
	xmlTextReaderPtr x = open_part(r, part, &zf);
	if (!x)
		return 0;
	int rc, cap = 0;
	while ((rc = step(r, x, part)) == 1) {
		if (!is_element(x, "Relationship"))
			continue;
		char *id = attr_dup(x, "Id", NULL);
		char *target = attr_dup(x, "Target", NULL);
		char *type = attr_dup(x, "Type", NULL);
		if (!id || !target) {
			free(id);
			free(target);
			free(type);
			continue;
		}
		if (*nout == cap) {
			cap = cap ? 2 * cap : 8;
			*out = kh_xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct rel *rel = &(*out)[(*nout)++];
		rel->id = id;
		rel->target = target[0] == '/' ? kh_xstrdup(target + 1)
		                               : kh_xasprintf("%s%s", dir, target);
		rel->type = type ? type : kh_xstrdup("");
		free(target);
	}
	close_part(x, zf);
	if (rc < 0) {
		rels_free(*out, *nout);
		*out = NULL;
		*nout = 0;
		return -1;
	}
	return 0;
}

static const struct rel *rel_by_type(const struct rel *rels, int n,
                                     const char *suffix)
{
	size_t sl = strlen(suffix);
	for (int i = 0; i < n; i++) {
		size_t tl = strlen(rels[i].type);
		if (tl >= sl && strcmp(rels[i].type + tl - sl, suffix) == 0)
			return &rels[i];
	}
	return NULL;
}

struct sheet { char *name; char *rid; int hidden; };

/* The workbook's sheets in order; picks the one asked for. */
static int choose_sheet(struct reader *r, char **sheet_part, char **sst_part,
                        char **styles_part)
{
	struct rel *top = NULL;
	int ntop = 0;
	if (read_rels(r, "_rels/.rels", "", &top, &ntop))
		return EX_DATAERR;
	const struct rel *doc = rel_by_type(top, ntop, "/officeDocument");
	char *wb_part = kh_xstrdup(doc ? doc->target : "xl/workbook.xml");
	rels_free(top, ntop);
	char *dir = kh_xstrdup(wb_part);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	char *slash2 = strrchr(wb_part, '/');
	char *rels_part = kh_xasprintf("%s_rels/%s.rels", dir,
	                               slash2 ? slash2 + 1 : wb_part);
	zip_file_t *zf;
	xmlTextReaderPtr x = open_part(r, wb_part, &zf);
	int status = 0;
	struct sheet *sheets = NULL;
	int nsheets = 0, cap = 0, rc = 0;
	struct rel *rels = NULL;
	int nrels = 0;
	if (!x) {
		kh_error("%s: %s", r->path, kh_tr("不是 XLSX 工作簿（没有 workbook 部件）",
		                                  "not an XLSX workbook (no workbook part)"));
		status = EX_DATAERR;
		goto done;
	}
	while ((rc = step(r, x, wb_part)) == 1) {
		if (is_element(x, "workbookPr")) {
			const char *v = attr(x, "date1904", NULL);
			r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		}
		if (!is_element(x, "sheet"))
			continue;
		char *name = attr_dup(x, "name", NULL);
		char *rid = attr_dup(x, "id", "relationships");
		char *state = attr_dup(x, "state", NULL);
		if (!name || !rid) {
			free(name);
			free(rid);
			free(state);
			continue;
		}
		if (nsheets == cap) {
			cap = cap ? 2 * cap : 8;
			sheets = kh_xrealloc(sheets, (size_t)cap * sizeof *sheets);
		}
		sheets[nsheets].name = name;
		sheets[nsheets].rid = rid;
		sheets[nsheets].hidden = state && strcmp(state, "visible") != 0;
		free(state);
		nsheets++;
	}
	close_part(x, zf);
	if (rc < 0) {
		status = EX_DATAERR;
		goto done;
	}
	if (read_rels(r, rels_part, dir, &rels, &nrels)) {
		status = EX_DATAERR;
		goto done;
	}
	int pick = -1;
	const char *want = r->opt->sheet;
	if (want) {
		char *end;
		long n = strtol(want, &end, 10);
		if (*want >= '0' && *want <= '9' && !*end)
			pick = n >= 1 && n <= nsheets ? (int)n - 1 : -1;
		for (int i = 0; pick < 0 && i < nsheets; i++)
			if (strcmp(sheets[i].name, want) == 0)
				pick = i;
	} else {
		for (int i = 0; pick < 0 && i < nsheets; i++)
			if (!sheets[i].hidden)
				pick = i;
		if (pick < 0 && nsheets)
			pick = 0;
	}
	if (pick < 0) {
		char *list = kh_xstrdup("");
		for (int i = 0; i < nsheets; i++) {
			char *next = kh_xasprintf("%s%s%d %s", list, i ? kh_tr("、", ", ") : "",
			                          i + 1, sheets[i].name);
			free(list);
			list = next;
		}
		if (want)
			kh_error("%s: %s '%s' (%s: %s)", r->path,
			         kh_tr("没有这个工作表", "no such sheet"), want,
			         kh_tr("工作簿中有", "the workbook has"),
			         nsheets ? list : kh_tr("无", "none"));
		else
			kh_error("%s: %s", r->path, kh_tr("工作簿中没有工作表",
			                                  "the workbook has no sheet"));
		free(list);
		status = EX_DATAERR;
		goto done;
	}
	const struct rel *target = NULL;
	for (int i = 0; i < nrels; i++)
		if (strcmp(rels[i].id, sheets[pick].rid) == 0)
			target = &rels[i];
	if (!target || !part_exists(r, target->target)) {
		kh_error("%s: %s '%s' %s", r->path, kh_tr("工作表", "sheet"),
		         sheets[pick].name, kh_tr("的部件缺失", "has no part in the package"));
		status = EX_DATAERR;
		goto done;
	}
	snprintf(r->res->sheet, sizeof r->res->sheet, "%s", sheets[pick].name);
	*sheet_part = kh_xstrdup(target->target);
	const struct rel *sst = rel_by_type(rels, nrels, "/sharedStrings");
	const struct rel *styles = rel_by_type(rels, nrels, "/styles");
	*sst_part = sst ? kh_xstrdup(sst->target) : NULL;
	*styles_part = styles ? kh_xstrdup(styles->target) : NULL;
done:
	for (int i = 0; i < nsheets; i++) {
		free(sheets[i].name);
		free(sheets[i].rid);
	}
	free(sheets);
	rels_free(rels, nrels);
	free(wb_part);
	free(dir);
	free(rels_part);
	return status;
}

/* --- shared strings ------------------------------------------------------------ */

static int sst_append(struct reader *r, const char *s, size_t n)
{
	if (r->sst_len + n + 1 > SST_MAX_BYTES) {
		kh_error("%s: %s", r->path, kh_tr("共享字符串表超过 1 GiB",
		                                  "shared strings table over 1 GiB"));
		return -1;
	}
	if (r->sst_len + n + 1 > r->sst_cap) {
		while (r->sst_len + n + 1 > r->sst_cap)
			r->sst_cap = r->sst_cap ? 2 * r->sst_cap : 65536;
		r->sst = kh_xrealloc(r->sst, r->sst_cap);
	}
	memcpy(r->sst + r->sst_len, s, n);
	r->sst_len += n;
	return 0;
}

struct sst_sax {
	struct sax s;
	int in_si, in_t, in_rph;
};

static void sst_start(void *data, const xmlChar *local, const xmlChar *prefix,
                      const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                      int ndefaulted, const xmlChar **attrs)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)nattrs, (void)ndefaulted,
		(void)attrs;
	struct sst_sax *x = data;
	struct reader *r = x->s.r;
	const char *name = (const char *)local;
	if (strcmp(name, "si") == 0) {
		if (r->sst_count == r->sst_cap_n) {
			r->sst_cap_n = r->sst_cap_n ? 2 * r->sst_cap_n : 1024;
			r->sst_off = kh_xrealloc(r->sst_off,
			                         (size_t)r->sst_cap_n * sizeof *r->sst_off);
		}
		r->sst_off[r->sst_count] = r->sst_len;
		x->in_si = 1;
	} else if (strcmp(name, "rPh") == 0) {
		x->in_rph = 1;
	} else if (strcmp(name, "t") == 0) {
		x->in_t = 1;
	}
}

static void sst_end(void *data, const xmlChar *local, const xmlChar *prefix,
                    const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct sst_sax *x = data;
	const char *name = (const char *)local;
	if (strcmp(name, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if (sst_append(x->s.r, "", 1))
			sax_stop(&x->s, EX_DATAERR);
		else
			x->s.r->sst_count++;
	} else if (strcmp(name, "rPh") == 0) {
		x->in_rph = 0;
	} else if (strcmp(name, "t") == 0) {
		x->in_t = 0;
	}
}

static void sst_text(void *data, const xmlChar *text, int len)
{
	struct sst_sax *x = data;
	if (x->in_si && x->in_t && !x->in_rph && !x->s.status
	    && sst_append(x->s.r, (const char *)text, (size_t)len))
		sax_stop(&x->s, EX_DATAERR);
}

static int read_sst(struct reader *r, const char *part)
{
	xmlSAXHandler h;
	memset(&h, 0, sizeof h);
	h.startElementNs = sst_start;
	h.endElementNs = sst_end;
	h.characters = sst_text;
	struct sst_sax x;
	memset(&x, 0, sizeof x);
	return sax_parse(r, part, &h, &x.s) ? -1 : 0;
}

/* --- styles: which cell formats are dates -------------------------------------- */

/* A custom number format shows a date when, outside quoted text,
 * bracketed sections and escaped characters, it has y, d (or e, the era
 * year); a time of day when it has only h and s. */
static int format_kind(const char *code)
{
	int date = 0, time = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			p++;
			while (*p && *p != '"')
				p++;
			if (!*p)
				break;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!*++p)
				break;
		} else if (*p == '[') {
			const char *end = strchr(p, ']');
			if (end && (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 's'))
				time = 1;
			if (!end)
				break;
			p = end;
		} else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D' || *p == 'e') {
			date = 1;
		} else if (*p == 'h' || *p == 'H' || *p == 's' || *p == 'S') {
			time = 1;
		} else if (*p == ';') {
			break;   /* the first section decides */
		}
	}
	return date ? 1 : time ? 2 : 0;
}

/* The built-in formats (ECMA-376 18.8.30, with the zh-CN ones 27-36, 50-58). */
static int builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36
	    || (id >= 50 && id <= 58))
		return 1;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47))
		return 2;
	return 0;
}

struct numfmt { long id; int kind; };

static int read_styles(struct reader *r, const char *part)
{
	zip_file_t *zf;
	xmlTextReaderPtr x = open_part(r, part, &zf);
	if (!x)
		return 0;
	struct numfmt *fmts = NULL;
	int nfmts = 0, fcap = 0, rc, in_xfs = 0;
	long xcap = 0;
	while ((rc = step(r, x, part)) == 1) {
		if (is_element(x, "numFmt")) {
			char *id = attr_dup(x, "numFmtId", NULL);
			char *code = attr_dup(x, "formatCode", NULL);
			if (!id || !code) {
				free(id);
				free(code);
				continue;
			}
			if (nfmts == fcap) {
				fcap = fcap ? 2 * fcap : 16;
				fmts = kh_xrealloc(fmts, (size_t)fcap * sizeof *fmts);
			}
			fmts[nfmts].id = strtol(id, NULL, 10);
			fmts[nfmts].kind = format_kind(code);
			nfmts++;
			free(id);
			free(code);
		} else if (is_element(x, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(x);
		} else if (is_end(x, "cellXfs")) {
			in_xfs = 0;
		} else if (in_xfs && is_element(x, "xf")) {
			const char *id = attr(x, "numFmtId", NULL);
			long n = id ? strtol(id, NULL, 10) : 0;
			int kind = builtin_kind(n);
			for (int i = 0; i < nfmts; i++)
				if (fmts[i].id == n)
					kind = fmts[i].kind;
			if (r->nxf == xcap) {
				xcap = xcap ? 2 * xcap : 64;
				r->xf_kind = kh_xrealloc(r->xf_kind, (size_t)xcap);
			}
			r->xf_kind[r->nxf++] = (unsigned char)kind;
		}
	}
	free(fmts);
	close_part(x, zf);
	return rc ? -1 : 0;
}

/* --- merged cells ---------------------------------------------------------------- */

/* mergeCells follows sheetData in a worksheet, so it is found before the
 * rows are read: the part is inflated once more and searched as bytes for
 * the element, which alone is parsed (by libxml2, as a fragment). */
static int parse_merge_fragment(struct reader *r, const char *frag, size_t len,
                                const char *prefix, size_t prefix_len)
{
	char *doc = kh_xasprintf("<w%s%.*s%s>%.*s</w>", prefix_len ? " xmlns:" : "",
	                         (int)prefix_len, prefix, prefix_len ? "=\"urn:x\"" : "",
	                         (int)len, frag);
	xmlTextReaderPtr x = xmlReaderForMemory(doc, (int)strlen(doc), "mergeCells",
	                                        NULL, XML_OPTIONS);
	if (!x) {
		free(doc);
		return 0;
	}
	xmlTextReaderSetStructuredErrorHandler(x, (xmlStructuredErrorFunc)on_xml_error, r);
	r->root_seen = 0;
	int rc;
	while ((rc = step(r, x, "mergeCells")) == 1) {
		if (!is_element(x, "mergeCell"))
			continue;
		const char *ref = attr(x, "ref", NULL);
		if (!ref || r->nmerges >= MERGES_MAX)
			continue;
		char a[32], b[32];
		const char *colon = strchr(ref, ':');
		if (!colon || (size_t)(colon - ref) >= sizeof a || strlen(colon + 1) >= sizeof b)
			continue;
		memcpy(a, ref, (size_t)(colon - ref));
		a[colon - ref] = '\0';
		strcpy(b, colon + 1);
		struct merge m;
		if (parse_ref(a, &m.left, &m.top) || parse_ref(b, &m.right, &m.bottom)
		    || m.top < 1 || m.bottom < m.top || m.right < m.left)
			continue;
		r->merges[r->nmerges++] = m;
	}
	xmlFreeTextReader(x);
	free(doc);
	return rc < 0 ? -1 : 0;
}

static int scan_merges(struct reader *r, const char *part)
{
	zip_file_t *zf = zip_fopen(r->za, part, ZIP_FL_NOCASE);
	if (!zf)
		return 0;
	enum { CHUNK = 256 * 1024, KEEP = 64 };
	char *buf = kh_xmalloc(CHUNK + KEEP);
	size_t have = 0;
	char *frag = NULL;
	size_t frag_len = 0, frag_cap = 0;
	char prefix[KEEP];
	size_t prefix_len = 0;
	int capturing = 0, done = 0, status = 0;
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf + have, CHUNK);
		if (n < 0) {
			kh_error("%s: %s: %s", r->path, part, zip_error_strerror(zip_file_get_error(zf)));
			status = -1;
			break;
		}
		if (n == 0)
			break;
		size_t total = have + (size_t)n;
		if (!capturing) {
			const char *hit = memmem(buf, total, "mergeCells", 10);
			while (hit) {
				const char *lt = hit;
				while (lt > buf && lt[-1] != '<' && lt[-1] != '/' && hit - lt < KEEP - 12
				       && lt[-1] != '>' && lt[-1] != ' ')
					lt--;
				if (lt > buf && lt[-1] == '<') {
					prefix_len = (size_t)(hit - lt);
					if (prefix_len && lt[prefix_len - 1] == ':')
						prefix_len--;
					memcpy(prefix, lt, prefix_len);
					capturing = 1;
					size_t start = (size_t)(lt - 1 - buf);
					frag_cap = total - start + 1024;
					frag = kh_xmalloc(frag_cap);
					frag_len = total - start;
					memcpy(frag, buf + start, frag_len);
					break;
				}
				hit = memmem(hit + 10, total - (size_t)(hit + 10 - buf), "mergeCells", 10);
			}
			if (!capturing) {
				size_t keep = total < KEEP ? total : KEEP;
				memmove(buf, buf + total - keep, keep);
				have = keep;
			} else {
				have = 0;
			}
		} else {
			if (frag_len + (size_t)n > MERGE_FRAGMENT_MAX)
				break;
			if (frag_len + (size_t)n > frag_cap) {
				frag_cap = 2 * (frag_len + (size_t)n);
				frag = kh_xrealloc(frag, frag_cap);
			}
			memcpy(frag + frag_len, buf, (size_t)n);
			frag_len += (size_t)n;
			have = 0;
		}
		if (capturing) {
			/* The end: "mergeCells>" after the start tag, or "/>" of an
			 * empty start tag. */
			const char *end = memmem(frag + 11, frag_len - 11, "mergeCells>", 11);
			const char *gt = memchr(frag, '>', frag_len);
			if (gt && gt[-1] == '/') {
				frag_len = (size_t)(gt + 1 - frag);
				done = 1;
			} else if (end) {
				frag_len = (size_t)(end + 11 - frag);
				done = 1;
			}
			if (done)
				break;
		}
	}
	zip_fclose(zf);
	free(buf);
	if (!status && done)
		status = parse_merge_fragment(r, frag, frag_len, prefix, prefix_len);
	free(frag);
	return status;
}

/* The merged range holding (row, col), or NULL. */
static const struct merge *merge_at(const struct reader *r, long row, long col)
{
	for (int i = 0; i < r->nmerges; i++) {
		const struct merge *m = &r->merges[i];
		if (row >= m->top && row <= m->bottom && col >= m->left && col <= m->right)
			return m;
	}
	return NULL;
}

/* --- rows ----------------------------------------------------------------------- */

static void cell_text(struct reader *r, const char *s, size_t n)
{
	if (r->arena_len + n + 1 > r->arena_cap) {
		while (r->arena_len + n + 1 > r->arena_cap)
			r->arena_cap = r->arena_cap ? 2 * r->arena_cap : 4096;
		r->arena = kh_xrealloc(r->arena, r->arena_cap);
	}
	memcpy(r->arena + r->arena_len, s, n);
	r->arena_len += n;
	r->arena[r->arena_len] = '\0';
}

/* A saved row's cell text at col, or "". */
static const char *saved_text(const struct saved *s, long col)
{
	for (int i = 0; i < s->ncells; i++)
		if (s->cells[i].col == col)
			return s->arena + s->cells[i].off;
	return "";
}

static const struct saved *saved_row(const struct reader *r, long row)
{
	for (int i = 0; i < r->nsaved; i++)
		if (r->saved[i].r == row)
			return &r->saved[i];
	return NULL;
}

/* What (row, col) shows: a merged range's top-left text for every cell of
 * it.  *continued: the cell is in a range that starts to its left. */
static const char *shown_text(const struct reader *r, long row, long col,
                              int *continued)
{
	const struct merge *m = merge_at(r, row, col);
	*continued = m && m->left < col;
	if (m) {
		row = m->top;
		col = m->left;
	}
	const struct saved *s = saved_row(r, row);
	return s ? saved_text(s, col) : "";
}

static void save_row(struct reader *r)
{
	if (r->nsaved == LOOKBACK_MAX) {
		free(r->saved[0].cells);
		free(r->saved[0].arena);
		memmove(&r->saved[0], &r->saved[1], (LOOKBACK_MAX - 1) * sizeof r->saved[0]);
		r->nsaved--;
	}
	struct saved *s = &r->saved[r->nsaved++];
	s->r = r->row_r;
	s->ncells = r->ncells;
	s->cells = kh_xmalloc((size_t)(r->ncells ? r->ncells : 1) * sizeof *s->cells);
	memcpy(s->cells, r->cells, (size_t)r->ncells * sizeof *s->cells);
	s->arena = kh_xmalloc(r->arena_len + 1);
	memcpy(s->arena, r->arena, r->arena_len);
	s->arena[r->arena_len] = '\0';
}

static void ensure_fields(struct reader *r, int n)
{
	if (n <= r->fields_cap)
		return;
	r->fields_cap = n;
	r->fields = kh_xrealloc(r->fields, (size_t)n * sizeof *r->fields);
	r->lens = kh_xrealloc(r->lens, (size_t)n * sizeof *r->lens);
	r->flags = kh_xrealloc(r->flags, (size_t)n);
}

/* A header text with its white space (line breaks in wrapped headers,
 * ideographic and no-break spaces) taken out. */
static void append_header(struct reader *r, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			continue;
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 2;
			continue;
		}
		if (p[0] == 0xC2 && p[1] == 0xA0) {
			p += 1;
			continue;
		}
		if (r->hdr_len + 2 > r->hdr_cap) {
			r->hdr_cap = r->hdr_cap ? 2 * r->hdr_cap : 1024;
			r->hdr_arena = kh_xrealloc(r->hdr_arena, r->hdr_cap);
		}
		r->hdr_arena[r->hdr_len++] = (char)*p;
	}
}

/* The header texts of rows top..last (one name per column, the rows'
 * texts joined by "/"), as a row; its width is the last named column. */
static void header_row(struct reader *r, long top, long last,
                       struct kh_csv_row *out)
{
	long maxcol = 0;
	for (int i = 0; i < r->nsaved; i++)
		if (r->saved[i].r >= top && r->saved[i].r <= last)
			for (int k = 0; k < r->saved[i].ncells; k++)
				if (r->saved[i].cells[k].col > maxcol)
					maxcol = r->saved[i].cells[k].col;
	for (int i = 0; i < r->nmerges; i++)
		if (r->merges[i].top <= last && r->merges[i].bottom >= top
		    && r->merges[i].right > maxcol && r->merges[i].right <= MAX_COLUMNS)
			maxcol = r->merges[i].right;
	ensure_fields(r, (int)maxcol + 1);
	size_t *offs = kh_xmalloc((size_t)(maxcol + 1) * sizeof *offs);
	r->hdr_len = 0;
	int width = 0;
	for (long c = 1; c <= maxcol; c++) {
		size_t start = r->hdr_len;
		offs[c - 1] = start;
		const char *prev = NULL;
		int own = 0;
		for (long row = top; row <= last; row++) {
			int continued;
			const char *t = shown_text(r, row, c, &continued);
			if (!*t || (prev && strcmp(prev, t) == 0))
				continue;
			own |= !continued;
			if (r->hdr_len > start)
				append_header(r, "/");
			append_header(r, t);
			prev = t;
		}
		if (!own)
			r->hdr_len = start;   /* only the tail of a range merged across */
		append_header(r, "");
		if (r->hdr_len + 1 > r->hdr_cap) {
			r->hdr_cap = r->hdr_cap ? 2 * r->hdr_cap : 1024;
			r->hdr_arena = kh_xrealloc(r->hdr_arena, r->hdr_cap);
		}
		r->lens[c - 1] = r->hdr_len - start;
		r->hdr_arena[r->hdr_len++] = '\0';
		if (r->lens[c - 1])
			width = (int)c;
	}
	for (long c = 1; c <= maxcol; c++) {
		r->fields[c - 1] = r->hdr_arena + offs[c - 1];
		r->flags[c - 1] = 0;
	}
	free(offs);
	out->line = top;
	out->count = width;
	out->fields = r->fields;
	out->lens = r->lens;
	out->cells = r->flags;
	out->flags = 0;
}

/* Hand a row (cells of one row) to the engine, padded to the width. */
static int emit(struct reader *r, long row, const struct cell *cells, int ncells,
                const char *arena)
{
	int any = 0;
	for (int i = 0; i < ncells; i++) {
		if (!cells[i].len)
			continue;
		if (cells[i].col <= r->width) {
			any = 1;
		} else if (!r->warned_beyond) {
			char name[KH_XLSX_CELL_BUFSZ];
			r->warned_beyond = 1;
			kh_warn("%s:%s!%s: %s", r->path, r->res->sheet,
			        kh_xlsx_cell_name(cells[i].col, row, name),
			        kh_tr("表头以右的单元格被忽略（该列没有列名）",
			              "cells right of the header are ignored (no column name)"));
		}
	}
	if (!any)
		return 0;
	static const char empty[1] = "";
	for (int c = 0; c < r->width; c++) {
		r->fields[c] = (char *)empty;
		r->lens[c] = 0;
		r->flags[c] = 0;
	}
	for (int i = 0; i < ncells; i++) {
		if (cells[i].col > r->width)
			continue;
		r->fields[cells[i].col - 1] = (char *)arena + cells[i].off;
		r->lens[cells[i].col - 1] = cells[i].len;
		r->flags[cells[i].col - 1] = cells[i].flags;
	}
	struct kh_csv_row out = { row, r->width, r->fields, r->lens, r->flags, 0 };
	return r->fn(r->data, &out);
}

static void free_saved(struct reader *r)
{
	for (int i = 0; i < r->nsaved; i++) {
		free(r->saved[i].cells);
		free(r->saved[i].arena);
	}
	r->nsaved = 0;
}

/* The header is rows header..header_last: hand it out, then the saved
 * rows below it. */
static int finish_header(struct reader *r)
{
	struct kh_csv_row hdr;
	header_row(r, r->header, r->header_last, &hdr);
	r->res->header_row = r->header;
	r->res->header_last = r->header_last;
	r->width = hdr.count;
	ensure_fields(r, r->width + 1);
	r->phase = 2;
	int rc = r->fn(r->data, &hdr);
	for (int i = 0; !rc && i < r->nsaved; i++)
		if (r->saved[i].r > r->header_last)
			rc = emit(r, r->saved[i].r, r->saved[i].cells, r->saved[i].ncells,
			          r->saved[i].arena);
	free_saved(r);
	return rc;
}

/* The header's last row: the lowest row of a range merged down from it. */
static long header_bottom(const struct reader *r, long row)
{
	long last = row;
	for (int i = 0; i < r->nmerges; i++)
		if (r->merges[i].top <= row && r->merges[i].bottom >= row
		    && r->merges[i].bottom > last && r->merges[i].bottom - row < 10)
			last = r->merges[i].bottom;
	return last;
}

static int row_is_empty(const struct reader *r)
{
	for (int i = 0; i < r->ncells; i++)
		if (r->cells[i].len)
			return 0;
	return 1;
}

static int header_wanted_missing(struct reader *r)
{
	kh_error("%s:%s!%ld:%ld: %s", r->path, r->res->sheet, r->opt->header_row,
	         r->opt->header_row, kh_tr("--header-row 所指的行是空的",
	                                   "the row --header-row names is empty"));
	return EX_DATAERR;
}

/* One row of the sheet has been read. */
static int end_row(struct reader *r)
{
	if (r->phase == 2)
		return emit(r, r->row_r, r->cells, r->ncells, r->arena);
	if (r->phase == 1) {
		if (r->row_r <= r->header_last) {
			save_row(r);
			return r->row_r == r->header_last ? finish_header(r) : 0;
		}
		int rc = finish_header(r);
		return rc ? rc : emit(r, r->row_r, r->cells, r->ncells, r->arena);
	}
	/* seeking the header */
	if (row_is_empty(r))
		return 0;
	long want = r->opt->header_row;
	if (want && r->row_r > want)
		return header_wanted_missing(r);
	save_row(r);
	int found = 0;
	if (want) {
		found = r->row_r == want;
	} else if (r->opt->header_score) {
		struct kh_csv_row hdr;
		header_row(r, r->row_r, r->row_r, &hdr);
		found = r->opt->header_score(r->opt->data, &hdr) >= r->opt->header_min;
	}
	if (found) {
		r->res->header_found = 1;
		r->header = r->row_r;
	} else if (!want && ++r->searched >= KH_XLSX_HEADER_SEARCH) {
		r->header = r->saved[0].r;   /* none looked like it: the first */
	} else {
		return 0;
	}
	r->header_last = header_bottom(r, r->header);
	r->phase = 1;
	if (r->header_last <= r->row_r)
		return finish_header(r);
	return 0;
}

static int end_of_sheet(struct reader *r)
{
	if (r->phase == 1)
		return finish_header(r);
	if (r->phase == 0 && r->opt->header_row && r->nsaved)
		return header_wanted_missing(r);
	if (r->phase == 0 && r->nsaved) {
		r->header = r->saved[0].r;
		r->header_last = header_bottom(r, r->header);
		return finish_header(r);
	}
	return 0;
}

/* A number as Excel shows it: no exponent, at most 15 significant
 * digits, no leading zeros or "-0". */
static int plain_decimal(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || (s[i] == '0' && i + 1 < n && s[i + 1] != '.'))
		return 0;
	int point = 0;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && !point && i + 1 < n)
			point = 1;
		else
			return 0;
	}
	if (s[0] == '-' && strspn(s + 1, "0.") == n - 1)
		return 0;
	return digits <= 15;
}

/* Store the value of the cell just read. */
static int end_cell(struct reader *r, long col, const char *type, long style,
                    const char *v, size_t vlen, int has_inline)
{
	char name[KH_XLSX_CELL_BUFSZ];
	if (r->ncells == r->cells_cap) {
		r->cells_cap = r->cells_cap ? 2 * r->cells_cap : 64;
		r->cells = kh_xrealloc(r->cells, (size_t)r->cells_cap * sizeof *r->cells);
	}
	struct cell *c = &r->cells[r->ncells];
	c->col = col;
	c->off = r->arena_len;
	c->flags = 0;
	char num[64];
	if (!type || strcmp(type, "n") == 0) {
		if (vlen) {
			/* Excel keeps 15 significant digits; binary noise beyond
			 * them (12.300000000000001) is not the user's number. */
			if (vlen >= sizeof num)
				goto bad_number;
			memcpy(num, v, vlen);
			num[vlen] = '\0';
			int kind = style >= 0 && style < r->nxf ? r->xf_kind[style] : 0;
			if (kind == 0 && plain_decimal(num, vlen)) {
				/* the common case: the text is the number already */
				cell_text(r, num, vlen);
				c->flags = KH_CELL_NUMBER | (r->date1904 ? KH_CELL_1904 : 0);
				goto stored;
			}
			char text[KH_XLSX_SERIAL_BUFSZ];
			if (kind == 1 && kh_xlsx_serial_text(num, vlen, r->date1904, text) == 0) {
				/* a date (the serial was a number: serial_text read it) */
				cell_text(r, text, strlen(text));
				goto stored;
			}
			char *end;
			double d = strtod(num, &end);
			if (*end || !isfinite(d))
				goto bad_number;
			if (kind == 2 && d >= 0 && d < 1) {
				long s = lround(d * 86400.0);
				if (s >= 86400)
					s = 86399;
				snprintf(text, sizeof text, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60,
				         s % 60);
				cell_text(r, text, strlen(text));
			} else {
				if (d == floor(d) && fabs(d) < 1e15)
					snprintf(text, sizeof text, "%.0f", d == 0 ? 0.0 : d);
				else
					snprintf(text, sizeof text, "%.15g", d);
				cell_text(r, text, strlen(text));
				c->flags = KH_CELL_NUMBER | (r->date1904 ? KH_CELL_1904 : 0);
			}
		} else {
			cell_text(r, "", 0);
		}
	} else if (strcmp(type, "s") == 0) {
		char idx[32];
		if (vlen == 0 || vlen >= sizeof idx)
			goto bad_index;
		memcpy(idx, v, vlen);
		idx[vlen] = '\0';
		char *end;
		long i = strtol(idx, &end, 10);
		if (*end || i < 0 || i >= r->sst_count)
			goto bad_index;
		const char *s = r->sst + r->sst_off[i];
		cell_text(r, s, strlen(s));
	} else if (strcmp(type, "b") == 0) {
		int yes = vlen == 1 && v[0] == '1';
		cell_text(r, yes ? "TRUE" : "FALSE", yes ? 4 : 5);
	} else if (strcmp(type, "e") == 0) {
		cell_text(r, v, vlen);
		c->flags = KH_CELL_ERROR;
	} else if (strcmp(type, "d") == 0) {
		/* ISO 8601: the date, and the time of day unless midnight. */
		char text[32];
		size_t n = vlen < sizeof text - 1 ? vlen : sizeof text - 1;
		memcpy(text, v, n);
		text[n] = '\0';
		if (n >= 19 && text[10] == 'T') {
			text[10] = ' ';
			text[19] = '\0';
			if (strcmp(text + 11, "00:00:00") == 0)
				text[10] = '\0';
		}
		cell_text(r, text, strlen(text));
	} else {   /* str, inlineStr */
		(void)has_inline;
		cell_text(r, v, vlen);
	}
stored:
	c->len = r->arena_len - c->off;
	r->arena_len++;   /* keep the NUL */
	r->ncells++;
	return 0;
bad_number:
	kh_error("%s:%s!%s: %s", r->path, r->res->sheet,
	         kh_xlsx_cell_name(col, r->row_r, name),
	         kh_tr("数字单元格的值不是数字", "a number cell holds no number"));
	return EX_DATAERR;
bad_index:
	kh_error("%s:%s!%s: %s", r->path, r->res->sheet,
	         kh_xlsx_cell_name(col, r->row_r, name),
	         kh_tr("共享字符串的序号无效", "bad shared string index"));
	return EX_DATAERR;
}

/* The sheet's state between callbacks: where in sheetData, and the cell
 * being read (its value gathered in val). */
struct sheet_sax {
	struct sax s;
	int in_data, in_row, in_cell, in_v, in_t, in_rph;
	long last_row, col, style;
	char type[16];
	int has_type, has_inline;
	char *val;
	size_t val_len, val_cap;
};

static void sheet_fail(struct sheet_sax *x, int status)
{
	sax_stop(&x->s, status);
}

/* <row r="N">: its number, which must go up. */
static void start_row(struct sheet_sax *x, const xmlChar **attrs, int nattrs)
{
	struct reader *r = x->s.r;
	struct sax_attr a;
	long n = x->last_row + 1;
	if (sax_attr(attrs, nattrs, "r", 0, &a)) {
		char buf[32], *end;
		if (a.n >= sizeof buf) {
			n = -1;
		} else {
			memcpy(buf, a.v, a.n);
			buf[a.n] = '\0';
			n = strtol(buf, &end, 10);
			if (*end)
				n = -1;
		}
	}
	if (n <= x->last_row || n > MAX_ROWS) {
		kh_error("%s:%s!%ld:%ld: %s", r->path, r->res->sheet, n, n,
		         kh_tr("行号无效或不是递增的", "row number out of order"));
		sheet_fail(x, EX_DATAERR);
		return;
	}
	x->last_row = r->row_r = n;
	r->ncells = 0;
	r->arena_len = 0;
	x->col = 0;
	x->in_row = 1;
}

/* <c r="C17" t="s" s="2">: its place, type and style. */
static void start_cell(struct sheet_sax *x, const xmlChar **attrs, int nattrs)
{
	struct reader *r = x->s.r;
	char name[KH_XLSX_CELL_BUFSZ];
	const char *ref = NULL, *t = NULL, *s = NULL;
	size_t refn = 0, tn = 0, sn = 0;
	for (int i = 0; i < nattrs; i++, attrs += 5) {
		const char *an = (const char *)attrs[0];
		if (an[0] == '\0' || an[1] != '\0')
			continue;
		const char *v = (const char *)attrs[3];
		size_t n = (size_t)(attrs[4] - attrs[3]);
		if (an[0] == 'r')
			ref = v, refn = n;
		else if (an[0] == 't')
			t = v, tn = n;
		else if (an[0] == 's')
			s = v, sn = n;
	}
	long cc = x->col + 1, rr = r->row_r;
	if (ref) {
		char buf[32];
		int bad = refn >= sizeof buf;
		if (!bad) {
			memcpy(buf, ref, refn);
			buf[refn] = '\0';
			bad = parse_ref(buf, &cc, &rr) || (rr && rr != r->row_r);
		}
		if (bad) {
			kh_error("%s:%s!%s: %s '%.*s'", r->path, r->res->sheet,
			         kh_xlsx_cell_name(x->col + 1, r->row_r, name),
			         kh_tr("单元格引用无效", "bad cell reference"), (int)refn, ref);
			sheet_fail(x, EX_DATAERR);
			return;
		}
	}
	if (cc <= x->col) {
		kh_error("%s:%s!%s: %s", r->path, r->res->sheet,
		         kh_xlsx_cell_name(cc, r->row_r, name),
		         kh_tr("单元格不是从左到右排列的", "cells out of order"));
		sheet_fail(x, EX_DATAERR);
		return;
	}
	x->col = cc;
	x->has_type = t != NULL;
	if (tn >= sizeof x->type)
		tn = sizeof x->type - 1;
	if (t)
		memcpy(x->type, t, tn);
	x->type[tn] = '\0';
	/* as strtol did: leading digits, with a sign; -1 when none */
	x->style = -1;
	if (s) {
		size_t i = 0;
		int neg = 0;
		while (i < sn && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i < sn && (s[i] == '-' || s[i] == '+'))
			neg = s[i++] == '-';
		long v = 0;
		int digits = 0;
		while (i < sn && s[i] >= '0' && s[i] <= '9' && v < 100000000L) {
			v = v * 10 + (s[i++] - '0');
			digits = 1;
		}
		x->style = digits ? (neg ? -v : v) : 0;
	}
	x->val_len = 0;
	x->has_inline = 0;
	x->in_cell = 1;
}

static void sheet_start(void *data, const xmlChar *local, const xmlChar *prefix,
                        const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                        int ndefaulted, const xmlChar **attrs)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
	struct sheet_sax *x = data;
	if (x->s.status)
		return;
	const char *ln = (const char *)local;
	if (!x->in_data) {
		if (strcmp(ln, "sheetData") == 0)
			x->in_data = 1;
		return;
	}
	if (ln[0] == 'c' && ln[1] == '\0') {
		if (x->in_row && !x->in_cell)
			start_cell(x, attrs, nattrs);
	} else if (ln[0] == 'v' && ln[1] == '\0') {
		if (x->in_cell)
			x->in_v = 1;
	} else if (ln[0] == 't' && ln[1] == '\0') {
		if (x->in_cell)
			x->in_t = 1;
	} else if (!x->in_row && strcmp(ln, "row") == 0) {
		start_row(x, attrs, nattrs);
	} else if (x->in_cell && strcmp(ln, "is") == 0) {
		x->has_inline = 1;
	} else if (x->in_cell && strcmp(ln, "rPh") == 0) {
		x->in_rph = 1;
	}
}

static void sheet_end(void *data, const xmlChar *local, const xmlChar *prefix,
                      const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct sheet_sax *x = data;
	if (x->s.status || !x->in_data)
		return;
	struct reader *r = x->s.r;
	const char *ln = (const char *)local;
	int status = 0;
	if (ln[0] == 'v' && ln[1] == '\0') {
		x->in_v = 0;
	} else if (ln[0] == 't' && ln[1] == '\0') {
		x->in_t = 0;
	} else if (ln[0] == 'c' && ln[1] == '\0') {
		if (x->in_cell) {
			x->in_cell = 0;
			if (!x->val)
				x->val = kh_xmalloc(x->val_cap = 256);
			x->val[x->val_len] = '\0';
			status = end_cell(r, x->col, x->has_type ? x->type : NULL, x->style,
			                  x->val, x->val_len, x->has_inline);
		}
	} else if (strcmp(ln, "rPh") == 0) {
		x->in_rph = 0;
	} else if (x->in_row && strcmp(ln, "row") == 0) {
		x->in_row = 0;
		status = end_row(r);
	} else if (strcmp(ln, "sheetData") == 0) {
		sax_stop(&x->s, 0);   /* merged cells, and the rest, were seen before */
		return;
	}
	if (status)
		sheet_fail(x, status);
}

static void sheet_text(void *data, const xmlChar *text, int len)
{
	struct sheet_sax *x = data;
	if (!x->in_cell || !((x->in_v && !x->has_inline)
	                     || (x->in_t && x->has_inline && !x->in_rph)))
		return;
	size_t n = (size_t)len;
	if (x->val_len + n + 1 > x->val_cap) {
		while (x->val_len + n + 1 > x->val_cap)
			x->val_cap = x->val_cap ? 2 * x->val_cap : 256;
		x->val = kh_xrealloc(x->val, x->val_cap);
	}
	memcpy(x->val + x->val_len, text, n);
	x->val_len += n;
}

/* Stream sheetData: rows, cells, values. */
static int read_sheet(struct reader *r, const char *part)
{
	xmlSAXHandler h;
	memset(&h, 0, sizeof h);
	h.startElementNs = sheet_start;
	h.endElementNs = sheet_end;
	h.characters = sheet_text;
	struct sheet_sax x;
	memset(&x, 0, sizeof x);
	int status = sax_parse(r, part, &h, &x.s);
	if (!status && x.s.absent) {
		kh_error("%s: %s: %s", r->path, part, kh_tr("无法读取", "cannot be read"));
		status = EX_DATAERR;
	}
	if (!status)
		status = end_of_sheet(r);
	free(x.val);
	return status;
}

int kh_xlsx_read(const char *path, const struct kh_xlsx_options *opt,
                 kh_csv_row_fn *fn, void *data, struct kh_xlsx_result *result)
{
	memset(result, 0, sizeof *result);
	if (kh_sha256_file(path, result->sha256)) {
		kh_error("%s: %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		kh_error("%s: %s (%s)", path, kh_tr("不是有效的 XLSX 文件（zip 容器无法打开）",
		                                    "not a valid XLSX file (cannot open the zip container)"),
		         zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return EX_DATAERR;
	}
	struct reader r;
	memset(&r, 0, sizeof r);
	r.path = path;
	r.za = za;
	r.fn = fn;
	r.data = data;
	r.opt = opt;
	r.res = result;
	r.merges = kh_xmalloc(MERGES_MAX * sizeof *r.merges);
	char *sheet_part = NULL, *sst_part = NULL, *styles_part = NULL;
	int rc = choose_sheet(&r, &sheet_part, &sst_part, &styles_part);
	if (!rc && sst_part && read_sst(&r, sst_part))
		rc = EX_DATAERR;
	if (!rc && styles_part && read_styles(&r, styles_part))
		rc = EX_DATAERR;
	if (!rc && scan_merges(&r, sheet_part))
		rc = EX_DATAERR;
	if (!rc)
		rc = read_sheet(&r, sheet_part);
	free(sheet_part);
	free(sst_part);
	free(styles_part);
	free_saved(&r);
	free(r.sst);
	free(r.sst_off);
	free(r.xf_kind);
	free(r.merges);
	free(r.cells);
	free(r.arena);
	free(r.fields);
	free(r.lens);
	free(r.flags);
	free(r.hdr_arena);
	zip_discard(za);
	return rc;
}
