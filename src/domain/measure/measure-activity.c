/* measure-activity.c: `volume` (the total count of one kind of work over
 * the period within the contract's term, 004 第二条) and `activity` (at least `min` of a kind in every
 * quarter or month, 002 第四条(四)(五)).  Counts up to the as-of day only;
 * no activity records at all is na, not a fail.  Computes on the loaded
 * activity records (ctx->records); never touches the store. */
#include <stdio.h>
#include <string.h>

#include "measure-lib.h"
#include "msg.h"

/* na when the contract never had activity records, or the period has not
 * started at the as-of day; 1 when na was set, 0 to go on. */
static int activity_na(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	if (!ctx->records->activities.given) {
		kh_mresult_na(r, kh_tr("该合同没有导入工作量记录，无法判定。",
		                       "No activity records were imported for the contract."));
		return 1;
	}
	if (ctx->as_of < ctx->period.first) {
		kh_mresult_na(r, kh_tr("评估日早于本期开始。",
		                       "The as-of day is before the period starts."));
		return 1;
	}
	return 0;
}

static const char *activity_kind(const struct kh_measure_ctx *ctx)
{
	const char *kind = kh_node_attr(&ctx->indicator->measure, "kind");
	if (!kind || !*kind)
		kh_mparam_error(ctx, &ctx->indicator->measure, "kind", NULL);
	return kind && *kind ? kind : NULL;
}

/* The counts of `kind` on days [first, last], summed. */
static long long sum_counts(const struct kh_measure_ctx *ctx, const char *kind,
                            kh_day first, kh_day last)
{
	const struct kh_activities *all = &ctx->records->activities;
	long long total = 0;
	for (size_t i = 0; i < all->count; i++) {
		const struct kh_activity *a = &all->rows[i];
		if (a->date >= first && a->date <= last && strcmp(a->kind, kind) == 0)
			total += a->count;
	}
	return total;
}

/* The days a volume is counted over: the period's, within the contract's
 * term when it has one — work before signing or after the term ends is
 * not work under the contract (004 第二条(二)).  The target is never
 * pro-rated to a short term or period: no contract here says so. */
static void volume_window(const struct kh_measure_ctx *ctx, kh_day *first,
                          kh_day *last)
{
	const struct kh_contract *c = ctx->contract;
	*first = ctx->period.first;
	*last = ctx->period.last;
	if (c && (c->term_first != 0 || c->term_last != 0)) {
		if (c->term_first > *first)
			*first = c->term_first;
		if (c->term_last < *last)
			*last = c->term_last;
	}
}

int kh_measure_volume(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	const char *kind = activity_kind(ctx);
	long min;
	if (!kind || kh_mparam_long(ctx, &ctx->indicator->measure, "min", NULL, 0,
	                            2000000000L, &min) != 0)
		return kh_fail(ctx->err, KH_ERR_DATA);
	kh_mcount_target_min(r, min, "", "");
	kh_day first, last;
	volume_window(ctx, &first, &last);
	kh_day until = ctx->as_of < last ? ctx->as_of : last;
	const char *title = ctx->indicator->title_zh && *ctx->indicator->title_zh
	                            ? ctx->indicator->title_zh : kind;
	char note[512], from_text[KH_DAY_BUFSZ], until_text[KH_DAY_BUFSZ], last_text[KH_DAY_BUFSZ];
	kh_day_format(first, from_text);
	kh_day_format(until, until_text);
	kh_day_format(last, last_text);
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note, "Total count of '%s' from %s (the period "
		         "within the term) to %s; passes at %ld or more, a target not "
		         "pro-rated to the term.", kind, from_text, until_text, min);
	else
		snprintf(note, sizeof note, "统计本期在合同期限内 %s 至 %s 的%s数量合计，"
		         "不少于 %ld 为达标；目标不按期限长短折算。", from_text, until_text,
		         title, min);
	kh_result_note(r, note);
	if (activity_na(ctx, r))
		return 0;
	if (last < first || ctx->as_of < first) {
		kh_mresult_na(r, kh_tr("本期不在合同期限内，或评估日早于合同开始。",
		                       "The period is outside the term, or the as-of day "
		                       "is before it starts."));
		return 0;
	}
	long long total = sum_counts(ctx, kind, first, until);
	kh_mcount_value(r, (long)total, "", "");
	if (total < min && ctx->as_of < last) {
		/* short while the days counted are still running: progress */
		if (kh_lang == KH_LANG_EN)
			snprintf(note, sizeof note, "Still running: %lld of %ld so far; "
			         "judged at %s.", total, min, last_text);
		else
			snprintf(note, sizeof note, "期限未满：截至 %s 完成 %lld，目标 %ld，"
			         "于 %s 期满时判定。", until_text, total, min, last_text);
		kh_mresult_na(r, note);
		return 0;
	}
	r->status = total >= min ? KH_STATUS_PASS : KH_STATUS_FAIL;
	r->findings = total >= min ? 0 : 1;
	return 0;
}

static void short_item(struct kh_result *r, const struct kh_period *interval,
                       long long count, long min)
{
	char name[16];
	xmlNodePtr item = kh_result_item(r);
	kh_item_set(item, "ref", kh_period_format(interval, name));
	kh_item_set_day(item, "first", interval->first);
	kh_item_set_day(item, "last", interval->last);
	kh_item_set_long(item, "count", (long)count);
	kh_item_set_long(item, "min", min);
}

int kh_measure_activity(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	const struct kh_node *m = &ctx->indicator->measure;
	const char *kind = activity_kind(ctx);
	const char *every_text = kh_node_attr(m, "every");
	enum kh_period_kind every;
	long min;
	if (!kind)
		return kh_fail(ctx->err, KH_ERR_DATA);
	if (kh_period_kind_parse(every_text, &every) != 0 ||
	    (every != KH_PERIOD_MONTH && every != KH_PERIOD_QUARTER)) {
		kh_mparam_error(ctx, m, "every", every_text);
		return kh_fail(ctx->err, KH_ERR_DATA);
	}
	if (kh_mparam_long(ctx, m, "min", "1", 1, 2000000000L, &min) != 0)
		return kh_fail(ctx->err, KH_ERR_DATA);
	char target[96];
	if (kh_lang == KH_LANG_EN)
		snprintf(target, sizeof target, "every %s ≥ %ld",
		         every == KH_PERIOD_MONTH ? "month" : "quarter", min);
	else
		snprintf(target, sizeof target, "每%s ≥ %ld 次",
		         every == KH_PERIOD_MONTH ? "月" : "季度", min);
	kh_result_target(r, "1.0000", target);
	char note[384];
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note, "Every %s of the period needs at least %ld "
		         "of '%s'; an interval still running at the as-of day is judged "
		         "only once it has met the minimum.",
		         every == KH_PERIOD_MONTH ? "month" : "quarter", min, kind);
	else
		snprintf(note, sizeof note, "本期每%s %s 不少于 %ld；评估日尚未结束的%s"
		         "已达标的计入，未达标的不判定。",
		         every == KH_PERIOD_MONTH ? "月" : "季度", kind, min,
		         every == KH_PERIOD_MONTH ? "月份" : "季度");
	kh_result_note(r, note);
	if (activity_na(ctx, r))
		return 0;
	struct kh_period intervals[12];
	size_t n = kh_period_split(&ctx->period, every, intervals, 12);
	long judged = 0, met = 0;
	for (size_t i = 0; i < n; i++) {
		if (intervals[i].first > ctx->as_of)
			break;
		kh_day last = intervals[i].last < ctx->as_of ? intervals[i].last
		                                             : ctx->as_of;
		long long count = sum_counts(ctx, kind, intervals[i].first, last);
		int ended = intervals[i].last <= ctx->as_of;
		if (count >= min) {
			judged++;
			met++;
		} else if (ended) {
			judged++;
			short_item(r, &intervals[i], count, min);
		}
	}
	if (judged > met) {
		kh_result_column(r, "ref", kh_tr("期间", "interval"));
		kh_result_column(r, "first", kh_tr("起", "from"));
		kh_result_column(r, "last", kh_tr("止", "to"));
		kh_result_column(r, "count", kh_tr("完成数量", "count"));
		kh_result_column(r, "min", kh_tr("最低要求", "minimum"));
	}
	r->findings = judged - met;
	if (judged == 0) {
		kh_mresult_na(r, kh_tr("本期尚无已结束的考核区间。",
		                       "No interval of the period has ended yet."));
		return 0;
	}
	/* the value is the share of intervals met (machine), its text the
	 * count of intervals: "每季度 ≥ 1" beside "3/4 个季度达标", never a
	 * percentage that reads like a rate of the work itself */
	char value[48], text[96];
	kh_rate_format((struct kh_rate){ met, judged }, 4, value, sizeof value);
	if (kh_lang == KH_LANG_EN)
		snprintf(text, sizeof text, "%ld of %ld %s met", met, judged,
		         every == KH_PERIOD_MONTH ? (judged == 1 ? "month" : "months")
		                                  : (judged == 1 ? "quarter" : "quarters"));
	else
		snprintf(text, sizeof text, "%ld/%ld 个%s达标", met, judged,
		         every == KH_PERIOD_MONTH ? "月" : "季度");
	kh_result_value(r, value, text);
	r->status = met == judged ? KH_STATUS_PASS : KH_STATUS_FAIL;
	return 0;
}
