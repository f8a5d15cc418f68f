/* xmlsafe.c: safe XML reading and RelaxNG validation for every module.
 * It must never turn on entity substitution or DTD loading, never fetch
 * from the network, and never let an entity declaration through: the SAX
 * hook below stops the parser at the first one, before any reference to
 * it can be expanded or resolved. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "datadir.h"
#include "msg.h"
#include "utf8.h"
#include "xmlsafe.h"

#define KH_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* What the parser hooks remember: the first error and whether a forbidden
 * declaration was seen. */
struct read_state {
	const char *name;
	int reported;
	int refused;
};

static void trim_newline(char *text)
{
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = '\0';
}

static void report_error(struct read_state *st, long line, long column,
                         const char *message)
{
	if (st->reported)
		return;
	st->reported = 1;
	char *copy = kh_xstrdup(message ? message : "");
	trim_newline(copy);
	kh_error_at(st->name, line, column, "%s: %s",
	            kh_tr("XML 格式错误", "XML not well-formed"), copy);
	free(copy);
}

static void on_parse_error(void *user, xmlErrorPtr error)
{
	xmlParserCtxtPtr ctxt = user;
	struct read_state *st = ctxt->_private;
	if (error->level < XML_ERR_ERROR || st->refused)
		return;
	report_error(st, error->line, error->int2, error->message);
}

static void refuse(xmlParserCtxtPtr ctxt, const char *what_zh, const char *what_en)
{
	struct read_state *st = ctxt->_private;
	if (!st->refused && !st->reported) {
		kh_error_at(st->name, xmlSAX2GetLineNumber(ctxt), 0, "%s",
		            kh_tr(what_zh, what_en));
		st->reported = 1;
	}
	st->refused = 1;
	xmlStopParser(ctxt);
}

static void on_entity_decl(void *user, const xmlChar *name, int type,
                           const xmlChar *public_id, const xmlChar *system_id,
                           xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	refuse(user, "拒绝读取：文档类型声明（DOCTYPE）中声明了实体",
	       "refused: the DOCTYPE declares an entity");
}

static void on_internal_subset(void *user, const xmlChar *name,
                               const xmlChar *external_id,
                               const xmlChar *system_id)
{
	if (external_id || system_id) {
		refuse(user, "拒绝读取：文档类型声明（DOCTYPE）引用了外部 DTD",
		       "refused: the DOCTYPE names an external DTD");
		return;
	}
	/* The default handler makes the DTD node that comments and processing
	 * instructions inside the subset are attached to (without it they
	 * leak); it loads nothing. */
	xmlSAX2InternalSubset(user, name, external_id, system_id);
}

/* The wide encoding a document starts in (by its byte order mark, or the
 * zero bytes around a leading '<'), or NULL for a byte encoding. */
static const char *wide_encoding(const unsigned char *b, size_t len)
{
	if (len >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
	                 || (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
	                 || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<')
	                 || (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0)))
		return "UTF-32";
	if (len >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)
	                 || (b[0] == 0 && b[1] == '<') || (b[0] == '<' && b[1] == 0)))
		return "UTF-16";
	return NULL;
}

/* The encoding an XML declaration names, copied into out (empty when
 * there is no declaration or it names none). */
static void declared_encoding(const char *buf, size_t len, char *out, size_t size)
{
	out[0] = '\0';
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, len -= 3;
	if (len < 5 || memcmp(buf, "<?xml", 5) != 0)
		return;
	const char *end = memchr(buf, '>', len < 200 ? len : 200);
	if (!end)
		return;
	for (const char *p = buf; p + 9 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '=' || *p == '\t'))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return;
		char quote = *p++;
		size_t n = 0;
		while (p + n < end && p[n] != quote && n + 1 < size)
			n++;
		memcpy(out, p, n);
		out[n] = '\0';
		return;
	}
}

/* kaohe reads XML in UTF-8 only (the parser is told so, whatever the
 * declaration says): say so plainly instead of "Start tag expected". */
static int check_encoding(const char *buf, size_t len, const char *name)
{
	const char *wide = wide_encoding((const unsigned char *)buf, len);
	if (wide) {
		if (kh_lang == KH_LANG_EN)
			kh_error_at(name, 0, 0, "the file is in %s; kaohe reads XML in "
			            "UTF-8 only (convert with iconv -f %s -t UTF-8)", wide, wide);
		else
			kh_error_at(name, 0, 0, "文件是 %s 编码；kaohe 只读 UTF-8 的 XML"
			            "（可用 iconv -f %s -t UTF-8 转换）", wide, wide);
		return -1;
	}
	char declared[64];
	declared_encoding(buf, len, declared, sizeof declared);
	if (*declared && strcasecmp(declared, "UTF-8") != 0
	    && strcasecmp(declared, "UTF8") != 0 && !kh_utf8_valid(buf, len)) {
		kh_error_at(name, 0, 0, "%s %s%s", kh_tr("声明的编码为", "declares encoding"),
		            declared, kh_tr("，但 kaohe 只读 UTF-8 的 XML（请先用 iconv 转为 UTF-8）",
		                            "; kaohe reads XML in UTF-8 only "
		                            "(convert it with iconv first)"));
		return -1;
	}
	return 0;
}

static xmlDocPtr parse_buffer(const char *buf, size_t len, const char *name)
{
	if (len > (size_t)0x7fffffff) {
		kh_error_at(name, 0, 0, "%s", kh_tr("文件过大", "file too large"));
		return NULL;
	}
	if (check_encoding(buf, len, name))
		return NULL;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return NULL;
	}
	struct read_state st = { .name = name };
	ctxt->_private = &st;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = NULL;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, "UTF-8",
	                                  KH_XML_OPTIONS);
	int bad = st.refused || st.reported || !ctxt->wellFormed || !doc;
	if (bad && !st.reported)
		report_error(&st, 0, 0, kh_tr("无法解析", "cannot parse"));
	xmlFreeParserCtxt(ctxt);
	if (bad) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr kh_xml_read_memory(const char *buf, size_t len, const char *name)
{
	return parse_buffer(buf, len, name ? name : "(memory)");
}

char *kh_read_whole_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 65536, used = 0;
	char *buf = kh_xmalloc(cap + 1);
	size_t n;
	while ((n = fread(buf + used, 1, cap - used, fp)) > 0) {
		used += n;
		if (used == cap) {
			cap *= 2;
			buf = kh_xrealloc(buf, cap + 1);
		}
	}
	int failed = ferror(fp);
	int saved = errno;
	fclose(fp);
	if (failed) {
		free(buf);
		errno = saved ? saved : EIO;
		return NULL;
	}
	buf[used] = '\0';
	*len = used;
	return buf;
}

xmlDocPtr kh_xml_read_file(const char *path, const char *name, int *missing)
{
	if (missing)
		*missing = 0;
	if (!name)
		name = path;
	size_t len;
	char *buf = kh_read_whole_file(path, &len);
	if (!buf) {
		kh_error_at(name, 0, 0, "%s: %s", kh_tr("无法读取", "cannot read"),
		            strerror(errno));
		if (missing)
			*missing = 1;
		return NULL;
	}
	xmlDocPtr doc = parse_buffer(buf, len, name);
	free(buf);
	return doc;
}

/* RelaxNG messages: one line each, with the document's name. */
struct validate_state {
	const char *name;
	int count;
};

static void on_validity_error(void *user, xmlErrorPtr error)
{
	struct validate_state *st = user;
	long line = error->line;
	if (line <= 0 && error->node)
		line = xmlGetLineNo((xmlNodePtr)error->node);
	st->count++;
	if (st->count > 20)
		return;
	char *copy = kh_xstrdup(error->message ? error->message : "");
	trim_newline(copy);
	kh_error_at(st->name, line, 0, "%s: %s",
	            kh_tr("不符合格式定义", "schema violation"), copy);
	free(copy);
}

static void on_schema_error(void *user, xmlErrorPtr error)
{
	const char *schema_path = user;
	char *copy = kh_xstrdup(error->message ? error->message : "");
	trim_newline(copy);
	kh_error_at(schema_path, error->line, 0, "%s", copy);
	free(copy);
}

/* Parsed schemas, kept for the life of the process: a command validates
 * against one or two, and a fuzzing run against one a million times. */
#define SCHEMA_CACHE 8
static struct {
	char *name;
	xmlRelaxNGPtr rng;
} schemas[SCHEMA_CACHE];

static xmlRelaxNGPtr load_schema(const char *schema)
{
	int free_slot = -1;
	for (int i = 0; i < SCHEMA_CACHE; i++) {
		if (schemas[i].name && strcmp(schemas[i].name, schema) == 0)
			return schemas[i].rng;
		if (!schemas[i].name && free_slot < 0)
			free_slot = i;
	}
	char *schema_path = kh_data_path(schema);
	int missing;
	xmlDocPtr schema_doc = kh_xml_read_file(schema_path, NULL, &missing);
	if (!schema_doc) {
		free(schema_path);
		return NULL;
	}
	xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewDocParserCtxt(schema_doc);
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, schema_path);
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	xmlFreeDoc(schema_doc);
	if (!rng)
		kh_error_at(schema_path, 0, 0, "%s",
		            kh_tr("格式定义无法加载", "cannot load the schema"));
	free(schema_path);
	if (rng && free_slot >= 0) {
		schemas[free_slot].name = kh_xstrdup(schema);
		schemas[free_slot].rng = rng;
	}
	return rng;
}

/* kaohe serve validates on several threads: the schema cache and a
 * schema's use are serialised (validation is quick next to the rest). */
static pthread_mutex_t validate_lock = PTHREAD_MUTEX_INITIALIZER;

static int validate_locked(xmlDocPtr doc, const char *schema, const char *name);

int kh_xml_validate(xmlDocPtr doc, const char *schema, const char *name)
{
	pthread_mutex_lock(&validate_lock);
	int rc = validate_locked(doc, schema, name);
	pthread_mutex_unlock(&validate_lock);
	return rc;
}

static int validate_locked(xmlDocPtr doc, const char *schema, const char *name)
{
	xmlRelaxNGPtr rng = load_schema(schema);
	if (!rng)
		return -1;
	xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(rng);
	struct validate_state st = { .name = name };
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_validity_error, &st);
	int rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	int cached = 0;
	for (int i = 0; i < SCHEMA_CACHE; i++)
		cached |= schemas[i].rng == rng;
	if (!cached)
		xmlRelaxNGFree(rng);
	if (rc != 0 && st.count == 0)
		kh_error_at(name, 0, 0, "%s", kh_tr("不符合格式定义", "schema violation"));
	return rc == 0 ? 0 : -1;
}
