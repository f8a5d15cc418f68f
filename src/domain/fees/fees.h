/* fees.h: the money side of a scorecard — service fees, deductions,
 * milestones and damages appended as <fees> to a scorecard being built.
 * Reads the store and the contract's <money>; never changes the store. */
#ifndef KAOHE_FEES_H
#define KAOHE_FEES_H

#include <libxml/tree.h>
#include <sqlite3.h>

#include "contract.h"
#include "dates.h"

/* Append <fees> (docs/scorecard.md) to scorecard_root, after the
 * indicators, when the contract has a money basis; the indicators already
 * carry their status, so fee deductions can follow them.  0, or a sysexits
 * code after printing why. */
int kh_fees_append(sqlite3 *db, const struct kh_contract *c,
                   const struct kh_period *p, kh_day as_of,
                   xmlNodePtr scorecard_root);

#endif
