/* marks.c: (minimal version in branch h3-rubric, until the marks helper's
 * lands — the lead keeps theirs) the aggregate of a panel's marks for one
 * indicator at one level.  Pure functions (marks.h). */
#include <stdlib.h>
#include <string.h>

#include "marks.h"

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* num / den rounded half away from zero (den > 0). */
static long div_half_up(long long num, long long den)
{
	long long q = num / den, r = num % den;
	if ((r < 0 ? -r : r) * 2 >= den)
		q += num < 0 ? -1 : 1;
	return (long)q;
}

long kh_marks_aggregate(const long *scores, size_t n,
                        enum kh_mark_aggregation how, int *trimmed)
{
	if (trimmed)
		*trimmed = 0;
	if (n == 0)
		return 0;
	long *v = malloc(n * sizeof *v);
	if (!v)
		abort();
	memcpy(v, scores, n * sizeof *v);
	qsort(v, n, sizeof *v, cmp_long);
	long result;
	if (how == KH_AGG_MEDIAN) {
		result = n % 2 ? v[n / 2] : div_half_up((long long)v[n / 2 - 1] + v[n / 2], 2);
	} else {
		size_t first = 0, last = n;
		if (how == KH_AGG_TRIMMED_MEAN && n >= 5) {
			first = 1;
			last = n - 1;
			if (trimmed)
				*trimmed = 1;
		}
		long long sum = 0;
		for (size_t i = first; i < last; i++)
			sum += v[i];
		result = div_half_up(sum, (long long)(last - first));
	}
	free(v);
	return result;
}

void kh_marks_levels(const struct kh_marks *marks, const char *period,
                     const char *indicator, enum kh_mark_aggregation how,
                     struct kh_level_score out[KH_LEVEL_COUNT])
{
	memset(out, 0, KH_LEVEL_COUNT * sizeof *out);
	if (!marks || !marks->count)
		return;
	long *scores = malloc(marks->count * sizeof *scores);
	if (!scores)
		abort();
	for (int level = 0; level < KH_LEVEL_COUNT; level++) {
		size_t n = 0;
		for (size_t i = 0; i < marks->count; i++) {
			const struct kh_mark *m = &marks->rows[i];
			if ((int)m->level == level && strcmp(m->period, period) == 0 &&
			    strcmp(m->indicator, indicator) == 0)
				scores[n++] = m->score_x100;
		}
		if (!n)
			continue;
		out[level].present = 1;
		out[level].members = n;
		out[level].score_x100 = kh_marks_aggregate(scores, n, how, &out[level].trimmed);
	}
	free(scores);
}

static const char *const level_codes[] = { "self", "city", "province" };
static const char *const level_zh[] = { "自评", "市级", "省级" };

const char *kh_mark_level_code(enum kh_mark_level level)
{
	return (unsigned)level < KH_LEVEL_COUNT ? level_codes[level] : "self";
}

int kh_mark_level_parse(const char *text, enum kh_mark_level *out)
{
	for (int i = 0; text && i < KH_LEVEL_COUNT; i++)
		if (strcmp(text, level_codes[i]) == 0 || strcmp(text, level_zh[i]) == 0) {
			*out = (enum kh_mark_level)i;
			return 0;
		}
	return -1;
}

static const char *const agg_codes[] = { "mean", "trimmed-mean", "median" };

const char *kh_mark_aggregation_code(enum kh_mark_aggregation how)
{
	return (unsigned)how < 3 ? agg_codes[how] : "mean";
}

int kh_mark_aggregation_parse(const char *text, enum kh_mark_aggregation *out)
{
	for (int i = 0; text && i < 3; i++)
		if (strcmp(text, agg_codes[i]) == 0) {
			*out = (enum kh_mark_aggregation)i;
			return 0;
		}
	return -1;
}
