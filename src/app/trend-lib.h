/* trend-lib.h: what trend.c and compare.c share to write their documents
 * (attributes, the generated time, the family of an indicator).  Private
 * to src/app/trend*.c and compare*.c. */
#ifndef KAOHE_TREND_LIB_H
#define KAOHE_TREND_LIB_H

#include "trend.h"

void kh_tl_set(xmlNodePtr node, const char *name, const char *value);
void kh_tl_set_points(xmlNodePtr node, const char *name, long points);
void kh_tl_set_long(xmlNodePtr node, const char *name, long v);
/* A change as "+1.50", "-2.00" or "0.00". */
void kh_tl_set_change(xmlNodePtr node, const char *name, long change);
/* Root attributes common to both documents: generated (KAOHE_NOW or
 * now, "YYYY-MM-DDTHH:MM:SS") and lang. */
void kh_tl_stamp(xmlNodePtr root);
/* The family of an indicator: its category when the card has categories,
 * else its measure; *title its words in the current language. */
const char *kh_tl_family(const struct kh_card *card, const struct kh_card_indicator *ind,
                         const char **title);

#endif
