/* measure-staffing.c: the `staffing` and `staff-share` measures (SPEC
 * section 5, docs/measures.md): headcounts judged on every day of the
 * period, per-insured and per-county targets from population records in
 * force, shares compared exactly as integer cross products.  Pure: reads
 * the roster and population records in ctx->records, never the store, and
 * prints nothing but a bad parameter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure-roster.h"
#include "msg.h"

struct staffing_rule {
	const char *post;
	const char *specialty;
	long long min;            /* -1: none */
	long long per;            /* 0: none */
	long long max;            /* -1: none */
	int per_unit;
};

/* What the day sweep found, over every unit judged. */
struct staffing_tally {
	long judged_days;
	long long lowest;         /* lowest daily headcount judged */
	long long highest_required;
};

static int read_rule(const struct kh_measure_ctx *ctx, struct staffing_rule *rule)
{
	const struct kh_node *m = &ctx->indicator->measure;
	rule->post = kh_node_attr(m, "post");
	rule->specialty = kh_node_attr(m, "specialty");
	const char *per_unit = kh_node_attr(m, "per-unit");
	rule->per_unit = per_unit && strcmp(per_unit, "yes") == 0;
	int rc = kh_param_long(ctx, "min", -1, &rule->min);
	if (!rc)
		rc = kh_param_long(ctx, "per", 0, &rule->per);
	if (!rc)
		rc = kh_param_long(ctx, "max", -1, &rule->max);
	return rc;
}

/* The counties judged one by one: <units> first, then any other unit the
 * population records name.  Returns how many; *names borrowed strings. */
static size_t list_units(const struct kh_contract *c,
                         const struct kh_population *pop, const char ***names)
{
	size_t cap = c->units.nchildren + pop->count, n = 0;
	const char **list = kh_xcalloc(cap ? cap : 1, sizeof *list);
	for (size_t i = 0; i < c->units.nchildren; i++) {
		const char *name = kh_node_attr(&c->units.children[i], "name");
		if (name && *name)
			list[n++] = name;
	}
	for (size_t i = 0; i < pop->count; i++) {
		const char *name = pop->rows[i].unit;
		int seen = !*name;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(list[k], name) == 0;
		if (!seen)
			list[n++] = name;
	}
	*names = list;
	return n;
}

static long long ceil_div(long long a, long long b)
{
	return (a + b - 1) / b;
}

/* The requirement on one day; 0 when the day cannot be judged (a
 * per-insured rule with no population record in force and no min). */
static int day_required(const struct staffing_rule *rule, long long insured,
                        long long *required)
{
	int judged = rule->min >= 0 || rule->max >= 0;
	*required = rule->min > 0 ? rule->min : 0;
	if (rule->per > 0 && insured >= 0) {
		long long by_insured = ceil_div(insured, rule->per);
		if (by_insured > *required)
			*required = by_insured;
		judged = 1;
	}
	return judged;
}

static void declare_columns(struct kh_result *r, int per_unit)
{
	kh_result_column(r, "date", kh_tr("日期", "date"));
	if (per_unit)
		kh_result_column(r, "unit", kh_tr("县区", "county"));
	kh_result_column(r, "headcount", kh_tr("在岗人数", "headcount"));
	kh_result_column(r, "required", kh_tr("要求", "required"));
}

static void add_day_finding(struct kh_result *r, kh_day day, const char *unit,
                            long headcount, const char *required)
{
	char date[KH_DAY_BUFSZ], count[32];
	xmlNodePtr item = kh_result_item(r);
	snprintf(count, sizeof count, "%ld", headcount);
	kh_item_set(item, "date", kh_day_format(day, date));
	if (unit)
		kh_item_set(item, "unit", unit);
	kh_item_set(item, "headcount", count);
	kh_item_set(item, "required", required);
	r->findings++;
}

/* The daily headcount chart, drawn once per scorecard (the first
 * whole-contract staffing indicator). */
static void headcount_chart(struct kh_result *r, kh_day first, kh_day last,
                            const long *counts, long long required)
{
	if (kh_result_find_series(r, "headcount-daily"))
		return;
	xmlNodePtr series = kh_result_series(r, "headcount-daily", "line", "date",
	                                     "count",
	                                     kh_tr("每日在岗人数", "Daily headcount"));
	char x[KH_DAY_BUFSZ], y[32];
	for (kh_day d = first; d <= last; d++) {
		snprintf(y, sizeof y, "%ld", counts[d - first]);
		kh_series_point(series, kh_day_format(d, x), y);
	}
	snprintf(y, sizeof y, "%lld", required);
	kh_series_ref_line(series, y, kh_tr("最低要求", "minimum"));
}

/* Sweep the days of one unit ("" and per_unit 0: the whole contract). */
static void judge_unit(struct kh_result *r, const struct staffing_rule *rule,
                       const struct kh_roster *roster,
                       const struct kh_population *pop, const char *unit,
                       kh_day first, kh_day last, struct staffing_tally *tally)
{
	size_t days = (size_t)(last - first + 1);
	long *counts = kh_xcalloc(days, sizeof *counts);
	long long *insured = kh_xcalloc(days, sizeof *insured);
	struct kh_roster_filter filter = { rule->post, rule->specialty,
	                                   rule->per_unit ? unit : NULL };
	kh_roster_daily(roster, &filter, first, last, counts);
	if (rule->per > 0)
		kh_population_daily(pop, unit, first, last, insured);
	else
		for (size_t d = 0; d < days; d++)
			insured[d] = -1;
	long long unit_highest = -1;
	char required_text[40];
	for (size_t d = 0; d < days; d++) {
		long long required;
		if (!day_required(rule, insured[d], &required))
			continue;
		tally->judged_days++;
		if (tally->lowest < 0 || counts[d] < tally->lowest)
			tally->lowest = counts[d];
		if (required > tally->highest_required)
			tally->highest_required = required;
		if (required > unit_highest)
			unit_highest = required;
		const char *unit_shown = rule->per_unit ? unit : NULL;
		if (counts[d] < required) {
			snprintf(required_text, sizeof required_text, "%lld", required);
			add_day_finding(r, first + (kh_day)d, unit_shown, counts[d], required_text);
		} else if (rule->max >= 0 && counts[d] > rule->max) {
			snprintf(required_text, sizeof required_text, "≤ %lld", rule->max);
			add_day_finding(r, first + (kh_day)d, unit_shown, counts[d], required_text);
		}
	}
	if (!rule->per_unit && unit_highest >= 0)
		headcount_chart(r, first, last, counts, unit_highest);
	free(counts);
	free(insured);
}

static void describe_target(const struct staffing_rule *rule, char *buf,
                            size_t size)
{
	char base[160] = "", cap[48] = "";
	if (rule->min >= 0 && rule->per > 0)
		snprintf(base, sizeof base,
		         kh_fmt_tr("≥ %lld 人且 ≥ ⌈参保人数÷%lld⌉ 人", "≥ max(%lld, ⌈insured ÷ %lld⌉)"),
		         rule->min, rule->per);
	else if (rule->per > 0)
		snprintf(base, sizeof base,
		         kh_fmt_tr("≥ ⌈参保人数÷%lld⌉ 人", "≥ ⌈insured ÷ %lld⌉"), rule->per);
	else if (rule->min >= 0)
		snprintf(base, sizeof base, kh_fmt_tr("≥ %lld 人", "≥ %lld"), rule->min);
	if (rule->max >= 0)
		snprintf(cap, sizeof cap, kh_fmt_tr("%s≤ %lld 人", "%s≤ %lld"),
		         *base ? kh_tr("，", ", ") : "", rule->max);
	snprintf(buf, size, "%s%s%s",
	         rule->per_unit ? kh_tr("各县区 ", "each county: ") : "", base, cap);
}

static const char *or_any(const char *v)
{
	return v && *v ? v : "any";
}

static void staffing_note(struct kh_result *r, const struct staffing_rule *rule,
                          kh_day first, kh_day last, size_t units)
{
	char a[KH_DAY_BUFSZ], b[KH_DAY_BUFSZ], note[512], scope[96] = "";
	if (rule->per_unit)
		snprintf(scope, sizeof scope,
		         kh_fmt_tr("；%zu 个县区分别判定", "; %zu counties judged each on its own"),
		         units);
	snprintf(note, sizeof note,
	         kh_fmt_tr("逐日判定 %s 至 %s（岗位 %s，专业 %s，同一人重叠的任职只计一次）%s%s",
	                   "judged on every day from %s to %s (post %s, specialty %s; a person's overlapping assignments count once)%s%s"),
	         kh_day_format(first, a), kh_day_format(last, b), or_any(rule->post),
	         or_any(rule->specialty), scope,
	         rule->per > 0 ? kh_tr("；参保人数取当日有效的最近一条记录，要求人数向上取整",
	                               "; the insured count is the latest record in force on each day, rounded up")
	                       : "");
	kh_result_note(r, note);
}

static int staffing_na(struct kh_result *r, const char *zh, const char *en)
{
	r->status = KH_STATUS_NA;
	kh_result_note(r, kh_tr(zh, en));
	return 0;
}

int kh_measure_staffing(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	struct staffing_rule rule;
	int rc = read_rule(ctx, &rule);
	if (rc)
		return rc;
	char target_text[256];
	describe_target(&rule, target_text, sizeof target_text);
	kh_result_target(r, NULL, target_text);
	kh_day first, last;
	if (kh_judged_days(ctx, &first, &last))
		return staffing_na(r, "考核期内尚无可判定的日期", "no day of the period to judge yet");
	const struct kh_roster *roster = &ctx->records->roster;
	const struct kh_population *pop = &ctx->records->population;
	if (roster->count == 0)
		return staffing_na(r, "没有花名册记录", "no roster records");
	const char **units = NULL;
	size_t nunits = 1;
	if (rule.per_unit)
		nunits = list_units(ctx->contract, pop, &units);
	struct staffing_tally tally = { 0, -1, -1 };
	if (nunits > 0) {
		declare_columns(r, rule.per_unit);
		for (size_t u = 0; u < nunits; u++)
			judge_unit(r, &rule, roster, pop, rule.per_unit ? units[u] : "",
			           first, last, &tally);
	}
	free(units);
	if (nunits == 0)
		return staffing_na(r, "合同和参保人数记录都没有列出县区",
		                   "neither the contract nor the population records name a county");
	if (tally.judged_days == 0)
		return staffing_na(r, "没有有效的参保人数记录，无法确定要求人数",
		                   "no population record in force: the requirement is unknown");
	char value[32], value_text[64], target[32];
	snprintf(value, sizeof value, "%lld", tally.lowest);
	snprintf(value_text, sizeof value_text, kh_fmt_tr("最低 %lld 人", "lowest %lld"),
	         tally.lowest);
	snprintf(target, sizeof target, "%lld",
	         tally.highest_required > 0 || rule.max < 0 ? tally.highest_required : rule.max);
	kh_result_value(r, value, value_text);
	kh_result_target(r, target, NULL);
	staffing_note(r, &rule, first, last, nunits);
	r->status = r->findings ? KH_STATUS_FAIL : KH_STATUS_PASS;
	return 0;
}

/* --- staff-share ---------------------------------------------------------- */

static void share_text(long matching, long total, char *buf, size_t size)
{
	struct kh_rate share = { matching, total };
	kh_rate_format_percent(share, 2, buf, size);
}

int kh_measure_staff_share(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	struct kh_rate min;
	int rc = kh_param_rate(ctx, "min", &min);
	if (rc)
		return rc;
	const struct kh_node *m = &ctx->indicator->measure;
	const char *specialty = kh_node_attr(m, "specialty");
	const char *post = kh_node_attr(m, "post");
	if (!specialty || !*specialty)
		specialty = "medical";
	char target[32], target_pct[32], target_text[64];
	kh_rate_format(min, 4, target, sizeof target);
	kh_rate_format_percent(min, 2, target_pct, sizeof target_pct);
	snprintf(target_text, sizeof target_text, "≥ %s", target_pct);
	kh_result_target(r, target, target_text);
	kh_day first, last;
	if (kh_judged_days(ctx, &first, &last))
		return staffing_na(r, "考核期内尚无可判定的日期", "no day of the period to judge yet");
	const struct kh_roster *roster = &ctx->records->roster;
	if (roster->count == 0)
		return staffing_na(r, "没有花名册记录", "no roster records");
	size_t days = (size_t)(last - first + 1);
	long *total = kh_xcalloc(days, sizeof *total);
	long *matching = kh_xcalloc(days, sizeof *matching);
	struct kh_roster_filter all = { post, NULL, NULL };
	struct kh_roster_filter match = { post, specialty, NULL };
	kh_roster_daily(roster, &all, first, last, total);
	kh_roster_daily(roster, &match, first, last, matching);

	kh_result_column(r, "date", kh_tr("日期", "date"));
	kh_result_column(r, "matching", kh_tr("符合专业人数", "matching"));
	kh_result_column(r, "total", kh_tr("在岗人数", "headcount"));
	kh_result_column(r, "share", kh_tr("占比", "share"));
	struct kh_rate lowest = { 0, 0 };
	long judged = 0;
	for (size_t d = 0; d < days; d++) {
		if (total[d] == 0)
			continue;   /* nobody on the posts: the staffing rules judge that */
		struct kh_rate share = { matching[d], total[d] };
		judged++;
		if (lowest.den == 0 || kh_rate_cmp(share, lowest) < 0)
			lowest = share;
		if (kh_rate_cmp(share, min) >= 0)   /* matching × den ≥ total × num */
			continue;
		char date[KH_DAY_BUFSZ], a[32], b[32], pct[32];
		xmlNodePtr item = kh_result_item(r);
		snprintf(a, sizeof a, "%ld", matching[d]);
		snprintf(b, sizeof b, "%ld", total[d]);
		share_text(matching[d], total[d], pct, sizeof pct);
		kh_item_set(item, "date", kh_day_format(first + (kh_day)d, date));
		kh_item_set(item, "matching", a);
		kh_item_set(item, "total", b);
		kh_item_set(item, "share", pct);
		r->findings++;
	}
	free(total);
	free(matching);
	if (judged == 0)
		return staffing_na(r, "考核期内没有在岗人员", "nobody on the posts in the period");
	char value[32], pct[32], value_text[64], note[384], a[KH_DAY_BUFSZ], b[KH_DAY_BUFSZ];
	kh_rate_format(lowest, 4, value, sizeof value);
	share_text((long)lowest.num, (long)lowest.den, pct, sizeof pct);
	snprintf(value_text, sizeof value_text, kh_fmt_tr("最低 %s", "lowest %s"), pct);
	kh_result_value(r, value, value_text);
	snprintf(note, sizeof note,
	         kh_fmt_tr("逐日判定 %s 至 %s：专业 %s 人数 ÷ 岗位 %s 在岗人数，精确比较（恰好等于下限为达标）",
	                   "judged on every day from %s to %s: %s people ÷ everyone on post %s, compared exactly (equal to the minimum passes)"),
	         kh_day_format(first, a), kh_day_format(last, b), specialty, or_any(post));
	kh_result_note(r, note);
	r->status = r->findings ? KH_STATUS_FAIL : KH_STATUS_PASS;
	return 0;
}
