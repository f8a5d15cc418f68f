/* msg.h: every message kaohe prints to stderr goes through here, so the
 * "kaohe: " prefix, the FILE:LINE:COLUMN form and the zh/en choice are the
 * same everywhere.  Nothing here decides an exit code. */
#ifndef KAOHE_MSG_H
#define KAOHE_MSG_H

#include <stdarg.h>
#include <stddef.h>

enum kh_lang { KH_LANG_ZH = 0, KH_LANG_EN = 1 };

/* The language of human-readable output; Chinese unless --lang en. */
extern enum kh_lang kh_lang;

/* Parse "zh" or "en" (also "zh_CN", "en_US"...); -1 when neither. */
int kh_lang_parse(const char *text, enum kh_lang *out);

/* Pick the text for the current language. */
const char *kh_tr(const char *zh, const char *en);

/* "kaohe: message" on stderr. */
void kh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "kaohe: FILE:LINE:COLUMN: message"; line or column 0 leaves it out. */
void kh_error_at(const char *file, long line, long column,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* "kaohe: warning: message" */
void kh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kh_warn_at(const char *file, long line, long column,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* kh_error with a va_list (for kh_usage in cmd/cmdutil.c). */
void kh_verror(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Capture (kaohe serve): while a buffer is set on the calling thread,
 * every error and warning printed by that thread is also appended to it,
 * one line each without the "kaohe: " prefix, up to `limit` bytes (then
 * `truncated` is set) — so a handler can answer with what was wrong.
 * Lines still go to stderr, whole (one locked write per message). */
struct kh_msg_capture {
	char *text;               /* NUL-terminated, malloc'd; caller frees */
	size_t len, limit;
	int truncated;
};
void kh_msg_capture_start(struct kh_msg_capture *capture);
void kh_msg_capture_stop(void);
/* The calling thread's capture (NULL: none), so that a thread it starts
 * can capture its own lines and hand them back with kh_msg_capture_add
 * (which appends `from`'s lines to `into`, within into's limit). */
struct kh_msg_capture *kh_msg_capture_current(void);
void kh_msg_capture_add(struct kh_msg_capture *into,
                        const struct kh_msg_capture *from);

/* Out-of-memory is not recoverable: print and exit(EX_OSERR). */
void *kh_xmalloc(size_t size);
void *kh_xcalloc(size_t count, size_t size);
void *kh_xrealloc(void *ptr, size_t size);
char *kh_xstrdup(const char *text);
char *kh_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
