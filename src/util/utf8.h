/* utf8.h: UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF) for every reader that takes text from outside.
 * Pure functions; no allocation. */
#ifndef KAOHE_UTF8_H
#define KAOHE_UTF8_H

#include <stddef.h>

/* Length of the longest well-formed UTF-8 prefix of s[0..len). */
size_t kh_utf8_prefix(const char *s, size_t len);

/* 1 when text[0..len) is well-formed UTF-8. */
int kh_utf8_valid(const char *text, size_t len);

#endif
