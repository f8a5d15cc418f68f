/* msg.c: the "kaohe: " prefixed errors and warnings, the zh/en switch and
 * the allocation wrappers.  It writes only to stderr and never exits except
 * when memory runs out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "msg.h"

enum kh_lang kh_lang = KH_LANG_ZH;

int kh_lang_parse(const char *text, enum kh_lang *out)
{
	if (!text)
		return -1;
	if (strncmp(text, "zh", 2) == 0) {
		*out = KH_LANG_ZH;
		return 0;
	}
	if (strncmp(text, "en", 2) == 0) {
		*out = KH_LANG_EN;
		return 0;
	}
	return -1;
}

const char *kh_tr(const char *zh, const char *en)
{
	return kh_lang == KH_LANG_EN ? en : zh;
}

static void emit(const char *label, const char *file, long line, long column,
                 const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
static _Thread_local struct kh_msg_capture *capturing;

void kh_msg_capture_start(struct kh_msg_capture *capture)
{
	capturing = capture;
}

void kh_msg_capture_stop(void)
{
	capturing = NULL;
}

struct kh_msg_capture *kh_msg_capture_current(void)
{
	return capturing;
}

void kh_msg_capture_add(struct kh_msg_capture *into,
                        const struct kh_msg_capture *from)
{
	if (into->truncated || (from->len == 0 && !from->truncated))
		return;
	if (into->len + from->len > into->limit) {
		into->truncated = 1;
		return;
	}
	if (from->len > 0) {
		into->text = kh_xrealloc(into->text, into->len + from->len + 1);
		memcpy(into->text + into->len, from->text, from->len + 1);
		into->len += from->len;
	}
	into->truncated = from->truncated;
}

static void capture_line(struct kh_msg_capture *c, const char *label,
                         const char *file, long line, long column,
                         const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
static void capture_line(struct kh_msg_capture *c, const char *label,
                         const char *file, long line, long column,
                         const char *fmt, va_list ap)
{
	char head[512] = "", body[1024];
	size_t n = 0;
	if (label)
		n += (size_t)snprintf(head + n, sizeof head - n, "%s: ", label);
	if (file && n < sizeof head) {
		if (line > 0 && column > 0)
			snprintf(head + n, sizeof head - n, "%s:%ld:%ld: ", file, line, column);
		else if (line > 0)
			snprintf(head + n, sizeof head - n, "%s:%ld: ", file, line);
		else
			snprintf(head + n, sizeof head - n, "%s: ", file);
	}
	vsnprintf(body, sizeof body, fmt, ap);
	size_t add = strlen(head) + strlen(body) + 1;
	if (c->truncated || c->len + add > c->limit) {
		c->truncated = 1;
		return;
	}
	c->text = kh_xrealloc(c->text, c->len + add + 1);
	snprintf(c->text + c->len, add + 1, "%s%s\n", head, body);
	c->len += add;
}

static void emit(const char *label, const char *file, long line, long column,
                 const char *fmt, va_list ap)
{
	if (capturing) {
		va_list copy;
		va_copy(copy, ap);
		capture_line(capturing, label, file, line, column, fmt, copy);
		va_end(copy);
	}
	flockfile(stderr);
	fputs("kaohe: ", stderr);
	if (label)
		fprintf(stderr, "%s: ", label);
	if (file) {
		fputs(file, stderr);
		if (line > 0)
			fprintf(stderr, ":%ld", line);
		if (line > 0 && column > 0)
			fprintf(stderr, ":%ld", column);
		fputs(": ", stderr);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void kh_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void kh_error_at(const char *file, long line, long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, file, line, column, fmt, ap);
	va_end(ap);
}

void kh_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(kh_tr("警告", "warning"), NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void kh_warn_at(const char *file, long line, long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(kh_tr("警告", "warning"), file, line, column, fmt, ap);
	va_end(ap);
}

void kh_verror(const char *fmt, va_list ap)
{
	emit(NULL, NULL, 0, 0, fmt, ap);
}

static void out_of_memory(void)
{
	fputs("kaohe: out of memory\n", stderr);
	exit(EX_OSERR);
}

void *kh_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *kh_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *kh_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *kh_xstrdup(const char *text)
{
	char *p = strdup(text ? text : "");
	if (!p)
		out_of_memory();
	return p;
}

char *kh_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	return p;
}
