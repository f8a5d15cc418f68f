/* grade.c: the grade a score earns under a contract's grade table (see
 * grade.h).  Exact integer comparison; never reads records or prints. */
#include "grade.h"

const struct kh_grade *kh_grade_for(const struct kh_contract *c,
                                    long score_x100, long max_x100)
{
	if (max_x100 <= 0)
		return NULL;
	long long total = c->total_points_x100 > 0 ? c->total_points_x100 : max_x100;
	for (size_t i = 0; i < c->ngrades; i++) {
		const struct kh_grade *g = &c->grades[i];
		if ((long long)score_x100 * total >= (long long)g->min_points_x100 * max_x100)
			return g;
	}
	return NULL;
}
