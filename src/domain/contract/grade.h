/* grade.h: the one rule that turns a score into the contract's grade, used
 * by the scorecard summary and by the money that depends on the grade (the
 * deposit returned).  Pure arithmetic on points ×100; never reads records. */
#ifndef KAOHE_GRADE_H
#define KAOHE_GRADE_H

#include "contract.h"

/* The first (highest) grade whose minimum the score reaches once scaled to
 * the contract's total: score ÷ max × total ≥ min, compared exactly as
 * score × total ≥ min × max (total = max when the contract names none).
 * na indicators leave both score and max, so they neither help nor hurt.
 * NULL when nothing was judged (max ≤ 0) or the score is below every
 * grade. */
const struct kh_grade *kh_grade_for(const struct kh_contract *c,
                                    long score_x100, long max_x100);

#endif
