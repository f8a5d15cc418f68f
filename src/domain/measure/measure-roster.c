/* measure-roster.c: day sweeps over the roster and population records a
 * scoring run loaded (ctx->records), with difference arrays (+1 on the
 * first day, -1 after the last), so a year of hundreds of people costs one
 * pass.  Pure: never touches the store and never prints results. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "measure-roster.h"
#include "msg.h"

static int field_matches(const char *want, const char *have)
{
	return !want || strcmp(want, "any") == 0 || strcmp(want, have) == 0;
}

int kh_roster_matches(const struct kh_assignment *a,
                      const struct kh_roster_filter *filter)
{
	return field_matches(filter->post, a->post) &&
	       field_matches(filter->specialty, a->specialty) &&
	       field_matches(filter->unit, a->unit);
}

/* Add one merged interval of a person to the difference array. */
static void add_interval(long *diff, kh_day first, kh_day last, kh_day start,
                         kh_day end)
{
	if (end < first || start > last)
		return;
	if (start < first)
		start = first;
	if (end > last)
		end = last;
	diff[start - first]++;
	diff[end - first + 1]--;
}

void kh_roster_daily(const struct kh_roster *roster,
                     const struct kh_roster_filter *filter, kh_day first,
                     kh_day last, long *counts)
{
	size_t days = (size_t)(last - first + 1);
	long *diff = kh_xcalloc(days + 1, sizeof *diff);
	size_t i = 0;
	while (i < roster->count) {
		/* one person: rows sorted by start; merge overlapping ones */
		size_t j = i;
		int open = 0;
		kh_day cur_start = 0, cur_end = 0;
		for (; j < roster->count &&
		       strcmp(roster->rows[j].staff_id, roster->rows[i].staff_id) == 0; j++) {
			const struct kh_assignment *a = &roster->rows[j];
			if (!kh_roster_matches(a, filter) || a->end < a->start)
				continue;
			if (open && a->start <= cur_end) {
				if (a->end > cur_end)
					cur_end = a->end;
				continue;
			}
			if (open)
				add_interval(diff, first, last, cur_start, cur_end);
			open = 1;
			cur_start = a->start;
			cur_end = a->end;
		}
		if (open)
			add_interval(diff, first, last, cur_start, cur_end);
		i = j;
	}
	long running = 0;
	for (size_t d = 0; d < days; d++) {
		running += diff[d];
		counts[d] = running;
	}
	free(diff);
}

int kh_roster_on_post(const struct kh_roster *roster, size_t person_first,
                      size_t person_end, kh_day d)
{
	for (size_t k = person_first; k < person_end; k++)
		if (roster->rows[k].start <= d && d <= roster->rows[k].end)
			return 1;
	return 0;
}

/* The run of `unit`'s rows, [*begin, *end) (empty when it has none). */
static void unit_rows(const struct kh_population *pop, const char *unit,
                      size_t *begin, size_t *end)
{
	size_t k = 0;
	while (k < pop->count && strcmp(pop->rows[k].unit, unit) != 0)
		k++;
	size_t e = k;
	while (e < pop->count && strcmp(pop->rows[e].unit, unit) == 0)
		e++;
	*begin = k;
	*end = e;
}

/* The rule's one choice: a unit counts its own rows; the whole contract
 * ("") counts its own rows when it has any, else its units' rows summed.
 * 1: own rows. */
static int counts_own_rows(const struct kh_population *pop, const char *unit)
{
	if (*unit)
		return 1;
	for (size_t k = 0; k < pop->count; k++)
		if (!*pop->rows[k].unit)
			return 1;
	return 0;
}

/* The latest row of the run [begin, end) dated on or before day, or NULL. */
static const struct kh_population_row *latest_on(const struct kh_population *pop,
                                                 size_t begin, size_t end, kh_day day)
{
	const struct kh_population_row *found = NULL;
	for (size_t k = begin; k < end && pop->rows[k].date <= day; k++)
		found = &pop->rows[k];
	return found;
}

/* One unit's own rows swept over the days: the latest row dated on or
 * before each day (latest_on, one pass). */
static void unit_daily(const struct kh_population *pop, const char *unit,
                       kh_day first, kh_day last, long long *insured)
{
	size_t days = (size_t)(last - first + 1);
	size_t k, end;
	unit_rows(pop, unit, &k, &end);
	long long in_force = -1;
	for (size_t d = 0; d < days; d++) {
		kh_day day = first + (kh_day)d;
		while (k < end && pop->rows[k].date <= day)
			in_force = pop->rows[k++].insured;
		insured[d] = in_force;
	}
}

void kh_population_daily(const struct kh_population *pop, const char *unit,
                         kh_day first, kh_day last, long long *insured)
{
	size_t days = (size_t)(last - first + 1);
	if (counts_own_rows(pop, unit)) {
		unit_daily(pop, unit, first, last, insured);
		return;
	}
	/* the whole contract without its own rows: each unit's latest row on
	 * or before the day, summed over the units that have one */
	long long *one = kh_xcalloc(days, sizeof *one);
	for (size_t d = 0; d < days; d++)
		insured[d] = -1;
	for (size_t k = 0; k < pop->count; k++) {
		if (k > 0 && strcmp(pop->rows[k].unit, pop->rows[k - 1].unit) == 0)
			continue;
		unit_daily(pop, pop->rows[k].unit, first, last, one);
		for (size_t d = 0; d < days; d++)
			if (one[d] >= 0)
				insured[d] = (insured[d] < 0 ? 0 : insured[d]) + one[d];
	}
	free(one);
}

void kh_population_in_force(const struct kh_population *pop, const char *unit,
                            kh_day day, kh_population_row_fn *fn, void *arg)
{
	size_t begin, end;
	if (counts_own_rows(pop, unit)) {
		unit_rows(pop, unit, &begin, &end);
		const struct kh_population_row *row = latest_on(pop, begin, end, day);
		fn(row, unit, arg);
		return;
	}
	for (begin = 0; begin < pop->count; begin = end) {
		end = begin;
		while (end < pop->count &&
		       strcmp(pop->rows[end].unit, pop->rows[begin].unit) == 0)
			end++;
		fn(latest_on(pop, begin, end, day), pop->rows[begin].unit, arg);
	}
}

int kh_judged_days(const struct kh_measure_ctx *ctx, kh_day *first,
                   kh_day *last)
{
	kh_day a = ctx->period.first, b = ctx->period.last;
	const struct kh_contract *c = ctx->contract;
	int term_known = c->term_first != 0 || c->term_last != 0;
	if (term_known && c->term_first > a)
		a = c->term_first;
	if (term_known && c->term_last < b)
		b = c->term_last;
	if (ctx->as_of < b)
		b = ctx->as_of;
	*first = a;
	*last = b;
	return a <= b ? 0 : -1;
}

static void bad_param(const struct kh_measure_ctx *ctx, const char *name,
                      const char *value)
{
	kh_error_at(ctx->contract->id, ctx->indicator->measure.line, 0,
	            "%s %s: %s '%s'", ctx->indicator->id, name,
	            kh_tr("参数无效", "invalid parameter"), value);
}

int kh_param_long(const struct kh_measure_ctx *ctx, const char *name,
                  long long fallback, long long *out)
{
	const char *text = kh_node_attr(&ctx->indicator->measure, name);
	if (!text || !*text) {
		*out = fallback;
		return 0;
	}
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (errno || end == text || *end || v < 0) {
		bad_param(ctx, name, text);
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	*out = v;
	return 0;
}

int kh_param_rate(const struct kh_measure_ctx *ctx, const char *name,
                  struct kh_rate *out)
{
	const char *text = kh_node_attr(&ctx->indicator->measure, name);
	if (!text || kh_rate_parse(text, out) != 0 || out->num < 0) {
		bad_param(ctx, name, text ? text : "");
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	return 0;
}
