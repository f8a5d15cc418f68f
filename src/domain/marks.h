/* marks.h: what a panel's marks (评分, records.h struct kh_mark) add up
 * to — the aggregate of the members' scores for one indicator at one level
 * (mean; trimmed mean 去掉一个最高分和一个最低分 with five or more members;
 * median), rounded half up to 0.01 point.  Pure functions: no store, no
 * printing.  Defined in marks.c. */
#ifndef KAOHE_MARKS_H
#define KAOHE_MARKS_H

#include <stddef.h>

#include "records.h"

/* How the members' scores for one indicator at one level are combined;
 * the contract's <scoring aggregate="..."> chooses (default mean). */
enum kh_mark_aggregation {
	KH_AGG_MEAN = 0,          /* "mean" */
	KH_AGG_TRIMMED_MEAN,      /* "trimmed-mean": with >= 5 members drop one
	                           * highest and one lowest first, else the mean */
	KH_AGG_MEDIAN,            /* "median": of an even count, the mean of the
	                           * middle two */
};

/* One level's result for one indicator. */
struct kh_level_score {
	int present;              /* any mark at this level */
	long score_x100;          /* the aggregate, ×100, half up */
	size_t members;           /* marks combined (before trimming) */
	int trimmed;              /* the highest and lowest were dropped */
};

/* Combine n scores (×100); n > 0.  *trimmed (may be NULL) says whether
 * the highest and lowest were dropped.  Exact: sums in long long, one
 * half-up rounding at the end. */
long kh_marks_aggregate(const long *scores_x100, size_t n,
                        enum kh_mark_aggregation how, int *trimmed);

/* Every level's result for one indicator in one period (marks whose
 * period string equals `period`).  out[KH_LEVEL_SELF..PROVINCE]. */
void kh_marks_levels(const struct kh_marks *marks, const char *period,
                     const char *indicator, enum kh_mark_aggregation how,
                     struct kh_level_score out[KH_LEVEL_COUNT]);

/* "self", "city", "province"; and back (0, or -1 when unknown).  The
 * parser also takes the Chinese 自评/市级/省级. */
const char *kh_mark_level_code(enum kh_mark_level level);
int kh_mark_level_parse(const char *text, enum kh_mark_level *out);

/* "mean", "trimmed-mean", "median"; and back (0, or -1 when unknown). */
const char *kh_mark_aggregation_code(enum kh_mark_aggregation how);
int kh_mark_aggregation_parse(const char *text, enum kh_mark_aggregation *out);

#endif
