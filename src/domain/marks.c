/* marks.c: what a panel's marks add up to (marks.h) — the mean, the
 * trimmed mean (去掉一个最高分和一个最低分, five members or more) and the
 * median of the members' scores ×100, exact in long long with one half-up
 * rounding at the end.  Pure: no store, no printing. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "marks.h"
#include "msg.h"

/* Members needed before the highest and lowest are dropped. */
#define TRIM_MIN_MEMBERS 5

/* num / den rounded half away from zero; den > 0. */
static long div_half_up(long long num, long long den)
{
	if (num < 0)
		return -(long)((-num * 2 + den) / (den * 2));
	return (long)((num * 2 + den) / (den * 2));
}

static int cmp_long(const void *pa, const void *pb)
{
	long a = *(const long *)pa, b = *(const long *)pb;
	return (a > b) - (a < b);
}

static long median(const long *scores, size_t n)
{
	long *sorted = kh_xmalloc(n * sizeof *sorted);
	memcpy(sorted, scores, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_long);
	long m = n % 2 ? sorted[n / 2]
	               : div_half_up((long long)sorted[n / 2 - 1] + sorted[n / 2], 2);
	free(sorted);
	return m;
}

long kh_marks_aggregate(const long *scores_x100, size_t n,
                        enum kh_mark_aggregation how, int *trimmed)
{
	if (trimmed)
		*trimmed = 0;
	if (n == 0)
		return 0;
	if (how == KH_AGG_MEDIAN)
		return median(scores_x100, n);
	long long sum = 0;
	long lo = scores_x100[0], hi = scores_x100[0];
	for (size_t i = 0; i < n; i++) {
		sum += scores_x100[i];
		if (scores_x100[i] < lo)
			lo = scores_x100[i];
		if (scores_x100[i] > hi)
			hi = scores_x100[i];
	}
	if (how == KH_AGG_TRIMMED_MEAN && n >= TRIM_MIN_MEMBERS) {
		/* One highest and one lowest, even when tied with others. */
		if (trimmed)
			*trimmed = 1;
		return div_half_up(sum - lo - hi, (long long)n - 2);
	}
	return div_half_up(sum, (long long)n);
}

void kh_marks_levels(const struct kh_marks *marks, const char *period,
                     const char *indicator, enum kh_mark_aggregation how,
                     struct kh_level_score out[KH_LEVEL_COUNT])
{
	memset(out, 0, KH_LEVEL_COUNT * sizeof *out);
	if (!marks || !marks->count || !period || !indicator)
		return;
	long *scores = kh_xmalloc(marks->count * sizeof *scores);
	for (int level = 0; level < KH_LEVEL_COUNT; level++) {
		size_t n = 0;
		for (size_t i = 0; i < marks->count; i++) {
			const struct kh_mark *m = &marks->rows[i];
			if ((int)m->level == level && strcmp(m->period, period) == 0
			    && strcmp(m->indicator, indicator) == 0)
				scores[n++] = m->score_x100;
		}
		if (!n)
			continue;
		out[level].present = 1;
		out[level].members = n;
		out[level].score_x100 = kh_marks_aggregate(scores, n, how,
		                                           &out[level].trimmed);
	}
	free(scores);
}

static const char *const level_codes[KH_LEVEL_COUNT] = {
	[KH_LEVEL_SELF] = "self",
	[KH_LEVEL_CITY] = "city",
	[KH_LEVEL_PROVINCE] = "province",
};
static const char *const level_words_zh[KH_LEVEL_COUNT] = {
	[KH_LEVEL_SELF] = "自评",
	[KH_LEVEL_CITY] = "市级",
	[KH_LEVEL_PROVINCE] = "省级",
};

const char *kh_mark_level_code(enum kh_mark_level level)
{
	if ((int)level < 0 || (int)level >= KH_LEVEL_COUNT)
		return "";
	return level_codes[level];
}

int kh_mark_level_parse(const char *text, enum kh_mark_level *out)
{
	if (!text)
		return -1;
	for (int i = 0; i < KH_LEVEL_COUNT; i++)
		if (strcasecmp(text, level_codes[i]) == 0
		    || strcmp(text, level_words_zh[i]) == 0) {
			*out = (enum kh_mark_level)i;
			return 0;
		}
	return -1;
}

static const char *const aggregation_codes[] = {
	[KH_AGG_MEAN] = "mean",
	[KH_AGG_TRIMMED_MEAN] = "trimmed-mean",
	[KH_AGG_MEDIAN] = "median",
};
#define AGGREGATION_COUNT \
	(int)(sizeof aggregation_codes / sizeof aggregation_codes[0])

const char *kh_mark_aggregation_code(enum kh_mark_aggregation how)
{
	if ((int)how < 0 || (int)how >= AGGREGATION_COUNT)
		return "";
	return aggregation_codes[how];
}

int kh_mark_aggregation_parse(const char *text, enum kh_mark_aggregation *out)
{
	if (!text)
		return -1;
	for (int i = 0; i < AGGREGATION_COUNT; i++)
		if (strcmp(text, aggregation_codes[i]) == 0) {
			*out = (enum kh_mark_aggregation)i;
			return 0;
		}
	return -1;
}
