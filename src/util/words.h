/* words.h: how kaohe's fixed codes read in Chinese and English, from
 * templates/words.xml (one table for the HTML template, the XLSX and chart
 * renderers and `contract show`).  Lookup only. */
#ifndef KAOHE_WORDS_H
#define KAOHE_WORDS_H

#include "msg.h"

/* The label of `code` in `group` ("value", "kind", "model", "measure",
 * "action", "import", "param", "part", "setting") in the given or the
 * current language; NULL when the table has none. */
const char *kh_word_in(const char *group, const char *code, enum kh_lang lang);
const char *kh_word(const char *group, const char *code);
/* The word, or the code itself when there is none. */
const char *kh_word_or_code(const char *group, const char *code);

#endif
