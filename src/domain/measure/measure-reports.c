/* measure-reports.c: `report-deadline` — every report the period requires
 * (001 第二十五/二十六条) must have an accepted submission on or before its
 * due date, the date rolled over by the contract's 顺延 rule.  Computes on
 * the loaded submissions (ctx->records); never touches the store. */
#include <stdio.h>
#include <string.h>

#include "measure-lib.h"
#include "msg.h"

struct params {
	const char *report;
	enum kh_period_kind every;
	const char *only;
	long due_day, months_after;
};

static int read_params(const struct kh_measure_ctx *ctx, struct params *p)
{
	const struct kh_node *m = &ctx->indicator->measure;
	p->report = kh_node_attr(m, "report");
	if (!p->report || !*p->report)
		return kh_mparam_error(ctx, m, "report", p->report);
	const char *every = kh_node_attr(m, "every");
	if (kh_period_kind_parse(every, &p->every) != 0)
		return kh_mparam_error(ctx, m, "every", every);
	p->only = kh_node_attr(m, "only");
	struct kh_period probe;
	kh_period_containing(KH_PERIOD_MONTH, ctx->period.first, &probe);
	if (p->only && kh_period_only_admits(p->only, &probe) < 0)
		return kh_mparam_error(ctx, m, "only", p->only);
	if (kh_mparam_long(ctx, m, "due-day", NULL, 1, 31, &p->due_day) != 0 ||
	    kh_mparam_long(ctx, m, "due-months-after", "1", 0, 24,
	                   &p->months_after) != 0)
		return -1;
	return 0;
}

/* The first accepted submission of a report for a period made on or
 * before the as-of day: 1 found (its day in *day), 0 none. */
static int first_submission(const struct kh_measure_ctx *ctx, const char *report,
                            const char *period, kh_day *day)
{
	const struct kh_submissions *all = &ctx->records->submissions;
	const struct kh_submission *first = NULL;
	for (size_t i = 0; i < all->count; i++) {
		const struct kh_submission *s = &all->rows[i];
		if (!s->accepted || s->submitted_day > ctx->as_of ||
		    strcmp(s->report, report) != 0 || strcmp(s->period, period) != 0)
			continue;
		if (!first || s->submitted_at < first->submitted_at)
			first = s;
	}
	if (first)
		*day = first->submitted_day;
	return first != NULL;
}

struct tally {
	long required, judged, on_time, late, not_due;
};

static void late_item(struct kh_result *r, const struct params *p,
                      const char *period, kh_day due, int submitted,
                      kh_day day, long days_late)
{
	xmlNodePtr item = kh_result_item(r);
	kh_item_set(item, "ref", p->report);
	kh_item_set(item, "period", period);
	kh_item_set_day(item, "due", due);
	if (submitted)
		kh_item_set_day(item, "submitted", day);
	else
		kh_item_set(item, "submitted", kh_tr("未报送", "not submitted"));
	kh_item_set_long(item, "late", days_late);
}

/* Judge one required report; 0, or -1 with ctx->err when the calendar
 * lacks the due date's year. */
static int judge_report(const struct kh_measure_ctx *ctx, const struct params *p,
                        const struct kh_period *req, struct tally *t,
                        struct kh_result *r)
{
	kh_day nominal = kh_report_due_nominal(req, (int)p->due_day,
	                                       (int)p->months_after), due;
	if (kh_calendar_rollover(ctx->calendar, nominal, ctx->contract->rollover,
	                         &due) != 0) {
		kh_mcal_error(ctx->calendar);
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	char period[16];
	kh_period_format(req, period);
	kh_day day = 0;
	int found = first_submission(ctx, p->report, period, &day);
	t->required++;
	if (found && day <= due) {
		t->judged++;
		t->on_time++;
		return 0;
	}
	if (!found && due >= ctx->as_of) {
		t->not_due++;  /* neither submitted nor yet overdue */
		return 0;
	}
	t->judged++;
	t->late++;
	late_item(r, p, period, due, found, day,
	          (long)((found ? day : ctx->as_of) - due));
	return 0;
}

static void report_note(const struct kh_measure_ctx *ctx, const struct params *p,
                        const struct tally *t, struct kh_result *r)
{
	char note[768];
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "Report '%s' is due on day %ld of the month %ld month(s) after "
		         "the period it covers; %s  Only accepted submissions count.  "
		         "Days late are calendar days: after the due date to the "
		         "submission, or to the as-of day when none was made.  Required "
		         "%ld, judged %ld, on time %ld, late or missing %ld, not yet due %ld.",
		         p->report, p->due_day, p->months_after,
		         kh_rollover_describe(ctx->contract->rollover), t->required,
		         t->judged, t->on_time, t->late, t->not_due);
	else
		snprintf(note, sizeof note,
		         "报表 %s 应于所属期结束后第 %ld 个月的 %ld 日前报送；%s。只计已受理"
		         "的报送。逾期天数按自然日计：报送日（未报送的至评估日）晚于到期日"
		         "的天数。应报 %ld 份，判定 %ld 份，按时 %ld 份，逾期或未报 %ld 份，"
		         "未到期 %ld 份。",
		         p->report, p->months_after, p->due_day,
		         kh_rollover_describe(ctx->contract->rollover), t->required,
		         t->judged, t->on_time, t->late, t->not_due);
	kh_result_note(r, note);
}

int kh_measure_report_deadline(const struct kh_measure_ctx *ctx,
                               struct kh_result *r)
{
	struct params p;
	if (read_params(ctx, &p) != 0)
		return kh_fail(ctx->err, KH_ERR_DATA);
	struct kh_period required[12];
	size_t n = kh_period_split(&ctx->period, p.every, required, 12);
	struct tally t = { 0, 0, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		if (p.only && kh_period_only_admits(p.only, &required[i]) != 1)
			continue;
		if (judge_report(ctx, &p, &required[i], &t, r) != 0)
			return -1;
	}
	if (t.late > 0) {
		kh_result_column(r, "ref", kh_tr("报表", "report"));
		kh_result_column(r, "period", kh_tr("所属期", "period"));
		kh_result_column(r, "due", kh_tr("到期日（顺延后）", "due (after rollover)"));
		kh_result_column(r, "submitted", kh_tr("报送日期", "submitted"));
		kh_result_column(r, "late", kh_tr("逾期天数（自然日）", "days late (calendar days)"));
	}
	report_note(ctx, &p, &t, r);
	kh_mrate_target_min(r, (struct kh_rate){ 1, 1 });
	r->findings = t.late;
	if (t.judged == 0) {
		kh_mresult_na(r, t.required == 0
			? kh_tr("本期没有需要报送的该类报表。",
			        "The period requires no report of this kind.")
			: kh_tr("本期应报的报表在评估日尚未到期。",
			        "The period's reports are not yet due at the as-of day."));
		return 0;
	}
	kh_mrate_value(r, (struct kh_rate){ t.on_time, t.judged });
	r->status = t.late == 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	return 0;
}
