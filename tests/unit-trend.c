/* unit-trend.c: the two rules of issue 19 at their edges, hand-worked —
 * runs of declines (kh_trend_decline_runs) and competition ranking
 * (kh_compare_rank, exact shares by cross-multiplication). */
#include <stdlib.h>

#include "tap.h"
#include "trend.h"

/* signs: 2 = no change (first period, or no data on either side) */
static int runs_of(const int *signs, size_t n, int *flags)
{
	return kh_trend_decline_runs(signs, n, flags);
}

static void declines(void)
{
	int flags[8];
	{	/* 10 → 5 → 5 → 5: one decline alone */
		int s[] = { 2, -1, 0, 0 };
		is_int(runs_of(s, 4, flags), 0, "one decline: no flag");
		is_int(flags[1], 0, "one decline: the period is not marked");
	}
	{	/* 10 → 5 → 0: two declines in a row */
		int s[] = { 2, -1, -1 };
		is_int(runs_of(s, 3, flags), 1, "two consecutive declines: one flagged run");
		ok(flags[1] && flags[2] && !flags[0], "both declining periods marked, not the first");
	}
	{	/* 10 → 5 → 5 → 0: decline, flat, decline */
		int s[] = { 2, -1, 0, -1 };
		is_int(runs_of(s, 4, flags), 0, "decline-flat-decline: no flag");
	}
	{	/* decline, rise, decline */
		int s[] = { 2, -1, 1, -1 };
		is_int(runs_of(s, 4, flags), 0, "decline-rise-decline: no flag");
	}
	{	/* 10 → 5 → n/a → 0: the n/a period has no change and breaks the run */
		int s[] = { 2, -1, 2, 2 };
		is_int(runs_of(s, 4, flags), 0, "a period without data breaks the run");
	}
	{	/* three in a row, then a rise, then two more: two runs */
		int s[] = { 2, -1, -1, -1, 1, -1, -1 };
		is_int(runs_of(s, 7, flags), 2, "two separate runs are two flags");
		ok(flags[1] && flags[2] && flags[3] && !flags[4] && flags[5] && flags[6],
		   "every period of both runs marked");
	}
	{	/* a single period */
		int s[] = { 2 };
		is_int(runs_of(s, 1, flags), 0, "one period: nothing to flag");
	}
}

static void ranks(void)
{
	int rank[6];
	{	/* 90, 90, 80 of 100: 1, 1, 3 */
		long num[] = { 9000, 9000, 8000 }, den[] = { 10000, 10000, 10000 };
		kh_compare_rank(num, den, NULL, 3, rank);
		ok(rank[0] == 1 && rank[1] == 1 && rank[2] == 3, "90, 90, 80: ranks 1, 1, 3");
	}
	{	/* 80, 90, 90, 70: 3, 1, 1, 4 */
		long num[] = { 8000, 9000, 9000, 7000 }, den[] = { 10000, 10000, 10000, 10000 };
		kh_compare_rank(num, den, NULL, 4, rank);
		ok(rank[0] == 3 && rank[1] == 1 && rank[2] == 1 && rank[3] == 4,
		   "80, 90, 90, 70: ranks 3, 1, 1, 4");
	}
	{	/* 47/94 and 50/100 are the same share: a tie, exactly */
		long num[] = { 4700, 5000 }, den[] = { 9400, 10000 };
		kh_compare_rank(num, den, NULL, 2, rank);
		ok(rank[0] == 1 && rank[1] == 1, "47.00/94.00 ties 50.00/100.00 (same share)");
	}
	{	/* 47.01/94 is above 50/100 by 0.0001 of a point's share */
		long num[] = { 4701, 5000 }, den[] = { 9400, 10000 };
		kh_compare_rank(num, den, NULL, 2, rank);
		ok(rank[0] == 1 && rank[1] == 2, "47.01/94.00 ranks above 50.00/100.00");
	}
	{	/* groups: ranks count only inside a group */
		long num[] = { 9000, 9500, 8000, 9900 }, den[] = { 10000, 10000, 10000, 10000 };
		int group[] = { 1, 0, 1, 0 };
		kh_compare_rank(num, den, group, 4, rank);
		ok(rank[0] == 1 && rank[2] == 2 && rank[1] == 0 && rank[3] == 0,
		   "only the group's members are ranked, among themselves");
	}
}

int main(void)
{
	declines();
	ranks();
	return done_testing();
}
