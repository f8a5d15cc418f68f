/* measure-turnover.c: the `turnover` measure (SPEC section 3 roster, section
 * 5): leavers ÷ basis headcount, compared exactly with the contract's
 * maximum as integer cross products ("不高于10%" passes at 10.00%).  Pure:
 * reads the roster records in ctx->records, never the store, and prints
 * nothing but a bad parameter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure-roster.h"
#include "msg.h"

/* Departures the insurer is not answerable for (SPEC section 3). */
static int reason_exempt(const char *reason)
{
	return strcmp(reason, "purchaser-request") == 0 ||
	       strcmp(reason, "contract-end") == 0;
}

/* The person's departure that makes them a leaver, or NULL: an assignment
 * (on a matching post) ending in [first, last] for a non-exempt reason,
 * with no post of the contract the next day.  The latest one wins. */
static const struct kh_assignment *
leaving(const struct kh_roster *roster, size_t from, size_t to,
        const struct kh_roster_filter *filter, kh_day first, kh_day last)
{
	const struct kh_assignment *found = NULL;
	for (size_t k = from; k < to; k++) {
		const struct kh_assignment *a = &roster->rows[k];
		if (a->end == KH_DAY_OPEN || a->end < first || a->end > last)
			continue;
		if (!kh_roster_matches(a, filter) || reason_exempt(a->end_reason))
			continue;
		if (kh_roster_on_post(roster, from, to, a->end + 1))
			continue;
		if (!found || a->end > found->end)
			found = a;
	}
	return found;
}

static void add_leaver(struct kh_result *r, const struct kh_assignment *a)
{
	char date[KH_DAY_BUFSZ];
	xmlNodePtr item = kh_result_item(r);
	kh_item_set(item, "ref", a->staff_id);
	kh_item_set(item, "name", a->name);
	kh_item_set(item, "post", a->post);
	kh_item_set(item, "left", kh_day_format(a->end, date));
	kh_item_set(item, "reason", *a->end_reason ? a->end_reason : "other");
}

static long count_leavers(struct kh_result *r, const struct kh_roster *roster,
                          const struct kh_roster_filter *filter, kh_day first,
                          kh_day last)
{
	kh_result_column(r, "ref", kh_tr("工号", "staff id"));
	kh_result_column(r, "name", kh_tr("姓名", "name"));
	kh_result_column(r, "post", kh_tr("岗位", "post"));
	kh_result_column(r, "left", kh_tr("离岗日期", "last day"));
	kh_result_column(r, "reason", kh_tr("离岗原因", "reason"));
	long leavers = 0;
	size_t i = 0;
	while (i < roster->count) {
		size_t j = i;
		while (j < roster->count &&
		       strcmp(roster->rows[j].staff_id, roster->rows[i].staff_id) == 0)
			j++;
		const struct kh_assignment *a = leaving(roster, i, j, filter, first, last);
		if (a) {
			leavers++;
			add_leaver(r, a);
		}
		i = j;
	}
	return leavers;
}

/* The basis as a fraction people = num / den of day-people: turnover is
 * leavers × den ÷ num. */
struct basis {
	long long num;            /* headcount-days (or headcounts summed) */
	long long den;            /* days (or how many headcounts summed) */
};

static struct basis basis_headcount(const char *basis, const long *counts,
                                    size_t days)
{
	struct basis b = { 0, 1 };
	if (strcmp(basis, "start") == 0) {
		b.num = counts[0];
	} else if (strcmp(basis, "start-end-mean") == 0) {
		b.num = counts[0] + counts[days - 1];
		b.den = 2;
	} else {
		for (size_t d = 0; d < days; d++)
			b.num += counts[d];
		b.den = (long long)days;
	}
	return b;
}

/* num/den people with two decimals, rounded half-up, for the note. */
static void people_text(struct basis b, char *buf, size_t size)
{
	long long x100 = (b.num * 200 + b.den) / (2 * b.den);
	snprintf(buf, size, "%lld.%02lld", x100 / 100, x100 % 100);
}

static const char *basis_name(const char *basis)
{
	if (strcmp(basis, "start") == 0)
		return kh_tr("期初在岗人数", "headcount on the first day");
	if (strcmp(basis, "start-end-mean") == 0)
		return kh_tr("期初与期末在岗人数的平均", "mean of the first and last day's headcount");
	return kh_tr("逐日平均在岗人数", "average daily headcount");
}

static int turnover_na(struct kh_result *r, const char *zh, const char *en)
{
	r->status = KH_STATUS_NA;
	kh_result_note(r, kh_tr(zh, en));
	return 0;
}

int kh_measure_turnover(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	struct kh_rate max;
	int rc = kh_param_rate(ctx, "max", &max);
	if (rc)
		return rc;
	const char *basis = kh_node_attr(&ctx->indicator->measure, "basis");
	if (!basis || !*basis)
		basis = "average";
	struct kh_roster_filter filter = {
		kh_node_attr(&ctx->indicator->measure, "post"), NULL, NULL };
	char target[32], pct[32], text[512];
	kh_rate_format(max, 4, target, sizeof target);
	kh_rate_format_percent(max, 2, pct, sizeof pct);
	snprintf(text, sizeof text, "≤ %s", pct);
	kh_result_target(r, target, text);

	kh_day first, last;
	if (kh_judged_days(ctx, &first, &last))
		return turnover_na(r, "考核期内尚无可判定的日期", "no day of the period to judge yet");
	const struct kh_roster *roster = &ctx->records->roster;
	if (roster->count == 0)
		return turnover_na(r, "没有花名册记录", "no roster records");
	size_t days = (size_t)(last - first + 1);
	long *counts = kh_xcalloc(days, sizeof *counts);
	kh_roster_daily(roster, &filter, first, last, counts);
	struct basis b = basis_headcount(basis, counts, days);
	free(counts);
	long leavers = count_leavers(r, roster, &filter, first, last);
	if (b.num == 0)
		return turnover_na(r, "基数在岗人数为 0，无法计算流失率",
		                   "the basis headcount is 0: no turnover to compute");

	/* turnover = leavers ÷ (num/den) = leavers × den ÷ num */
	struct kh_rate turnover = { leavers * b.den, b.num };
	char value[32], vpct[32], people[32], a[KH_DAY_BUFSZ], z[KH_DAY_BUFSZ];
	kh_rate_format(turnover, 4, value, sizeof value);
	kh_rate_format_percent(turnover, 2, vpct, sizeof vpct);
	people_text(b, people, sizeof people);
	snprintf(text, sizeof text,
	         kh_fmt_tr("%s（离职 %ld 人 ÷ %s 人）", "%s (%ld leavers ÷ %s)"),
	         vpct, leavers, people);
	kh_result_value(r, value, text);
	snprintf(text, sizeof text,
	         kh_fmt_tr("%s 至 %s：离职人数（因甲方要求或合同终止离岗者、次日仍在本合同任一岗位者不计）÷ %s %s 人，精确比较（恰好等于上限为达标）",
	                   "%s to %s: leavers (not counting departures at the purchaser's request or at contract end, nor anyone on a post of the contract the next day) ÷ %s %s, compared exactly (equal to the maximum passes)"),
	         kh_day_format(first, a), kh_day_format(last, z), basis_name(basis), people);
	kh_result_note(r, text);
	if (kh_rate_cmp(turnover, max) <= 0) {
		r->status = KH_STATUS_PASS;
	} else {
		r->status = KH_STATUS_FAIL;
		r->findings = 1;
	}
	return 0;
}
