/* contract-defaults.h: carrying a contract's template defaults
 * (default="yes") into a scorecard so its views can mark them.  Marks
 * only; never changes a number. */
#ifndef KAOHE_CONTRACT_DEFAULTS_H
#define KAOHE_CONTRACT_DEFAULTS_H

#include <libxml/tree.h>

#include "contract.h"

/* On the scorecard rooted at `root` (docs/scorecard.md): points-default on
 * indicators whose points are the template's, <default param value/> for
 * each number of a default-marked measure, the grade bands under <summary>
 * (grades-default when any is the template's), default="yes" on money
 * lines that apply a default return-table row.  Call once the indicators,
 * summary and fees are in place. */
void kh_scorecard_mark_defaults(xmlNodePtr root, const struct kh_contract *c);

#endif
