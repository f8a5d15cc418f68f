/* measure-complaints.c: `complaints` — substantiated complaints with the
 * insurer at fault received in the period (001 第三十三条(六)), optionally
 * of one category or at least one severity, and a monthly stacked chart.
 * Computes on the loaded complaint records (ctx->records), never touches
 * the store; no complaint records at all is na, not a pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure-lib.h"
#include "msg.h"

struct params {
	long max;
	long trigger_min;         /* counted complaints before a trigger fires */
	const char *category;
	int severity;             /* 1 minor, 2 serious, 3 critical */
};

static int severity_rank(const char *text)
{
	if (!text || strcmp(text, "minor") == 0)
		return 1;
	if (strcmp(text, "serious") == 0)
		return 2;
	if (strcmp(text, "critical") == 0)
		return 3;
	return -1;
}

static int read_params(const struct kh_measure_ctx *ctx, struct params *p)
{
	const struct kh_node *m = &ctx->indicator->measure;
	if (kh_mparam_long(ctx, m, "max", "0", 0, 1000000000L, &p->max) != 0)
		return -1;
	if (kh_mparam_long(ctx, m, "trigger-min", "1", 1, 1000000000L,
	                   &p->trigger_min) != 0)
		return -1;
	p->category = kh_node_attr(m, "category");
	const char *severity = kh_node_attr(m, "severity");
	p->severity = severity_rank(severity);
	if (p->severity < 0)
		return kh_mparam_error(ctx, m, "severity", severity);
	return 0;
}

/* The rank of a stored severity: critical 3, serious 2, anything else 1
 * (minor is the default). */
static int stored_severity_rank(const char *text)
{
	int rank = severity_rank(text);
	return rank < 0 ? 1 : rank;
}

/* The complaint counts: substantiated, insurer at fault (yes when not
 * recorded), received in [period first, until], of the category (when
 * given), at least the severity. */
static int complaint_counts(const struct kh_measure_ctx *ctx,
                            const struct params *p, const struct kh_complaint *c)
{
	return c->substantiated == KH_SUBST_YES && c->insurer_fault != 0 &&
	       c->received >= ctx->period.first && c->received <= kh_mctx_until(ctx) &&
	       (!p->category || strcmp(c->category, p->category) == 0) &&
	       stored_severity_rank(c->severity) >= p->severity;
}

static void set_if_text(xmlNodePtr item, const char *name, const char *text)
{
	if (*text)
		kh_item_set(item, name, text);
}

/* One evidence item per counted complaint, in received order. */
static long list_complaints(const struct kh_measure_ctx *ctx,
                            const struct params *p, struct kh_result *r)
{
	const struct kh_complaints *all = &ctx->records->complaints;
	long count = 0;
	for (size_t i = 0; i < all->count; i++) {
		const struct kh_complaint *c = &all->rows[i];
		if (!complaint_counts(ctx, p, c))
			continue;
		count++;
		xmlNodePtr item = kh_result_item(r);
		kh_item_set(item, "ref", c->complaint_id);
		kh_item_set_day(item, "received", c->received);
		kh_item_set(item, "category", c->category);
		kh_item_set(item, "severity", c->severity);
		set_if_text(item, "channel", c->channel);
		if (c->closed != KH_DAY_NONE)
			kh_item_set_day(item, "closed", c->closed);
	}
	return count;
}

/* A counted complaint as its month and category, for the chart. */
struct month_category {
	int month;                /* year × 12 + month − 1 */
	const char *category;
};

static int cmp_month_category(const void *a, const void *b)
{
	const struct month_category *x = a, *y = b;
	if (x->month != y->month)
		return (x->month > y->month) - (x->month < y->month);
	return strcmp(x->category, y->category);
}

/* Counts by month, then category (byte order), one point per pair. */
static void monthly_chart(const struct kh_measure_ctx *ctx, const struct params *p,
                          struct kh_result *r)
{
	const struct kh_complaints *all = &ctx->records->complaints;
	struct month_category *keys = kh_xcalloc(all->count + 1, sizeof keys[0]);
	size_t n = 0;
	for (size_t i = 0; i < all->count; i++) {
		const struct kh_complaint *c = &all->rows[i];
		if (!complaint_counts(ctx, p, c))
			continue;
		int y, m, d;
		kh_day_to_ymd(c->received, &y, &m, &d);
		keys[n++] = (struct month_category){ y * 12 + m - 1, c->category };
	}
	qsort(keys, n, sizeof keys[0], cmp_month_category);
	xmlNodePtr series = NULL;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && cmp_month_category(&keys[i], &keys[j]) == 0)
			j++;
		char x[16], y[32];
		snprintf(x, sizeof x, "%04d-%02d", keys[i].month / 12,
		         keys[i].month % 12 + 1);
		snprintf(y, sizeof y, "%zu", j - i);
		if (!series)  /* created with its first point */
			series = kh_result_series(r, "complaints-monthly", "stacked",
				"month", "count", kh_tr("每月属实投诉（按类别）",
				"Substantiated complaints by month and category"));
		xmlNodePtr point = kh_series_point(series, x, y);
		if (point)
			xmlSetProp(point, BAD_CAST "group", BAD_CAST keys[i].category);
		i = j;
	}
	free(keys);
}

static void complaints_note(const struct kh_measure_ctx *ctx,
                            const struct params *p, struct kh_result *r)
{
	char note[512], trig[160] = "";
	if (ctx->indicator->ntriggers > 0 && kh_lang == KH_LANG_EN)
		snprintf(trig, sizeof trig, "; the indicator's triggers fire at %ld or more",
		         p->trigger_min);
	else if (ctx->indicator->ntriggers > 0)
		snprintf(trig, sizeof trig, "；达到 %ld 件时适用本指标的违约情形",
		         p->trigger_min);
	static const char *const sev_zh[] = { "", "一般及以上", "严重及以上", "特别严重" };
	static const char *const sev_en[] = { "", "any severity", "serious or worse",
	                                      "critical" };
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "Counts complaints received in the period that were substantiated "
		         "with the insurer at fault (category %s, %s); passes at %ld or fewer%s.",
		         p->category ? p->category : "any", sev_en[p->severity], p->max, trig);
	else
		snprintf(note, sizeof note,
		         "统计本期受理、经查属实且属乙方责任的投诉（类别：%s；严重程度：%s），"
		         "不超过 %ld 件为达标%s。",
		         p->category ? p->category : "全部", sev_zh[p->severity], p->max, trig);
	kh_result_note(r, note);
}

int kh_measure_complaints(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	struct params p;
	if (read_params(ctx, &p) != 0)
		return kh_fail(ctx->err, KH_ERR_DATA);
	complaints_note(ctx, &p, r);
	kh_mcount_target_max(r, p.max, "件", "complaints");
	int has = ctx->records->complaints.given;
	if (!has || ctx->as_of < ctx->period.first) {
		kh_mresult_na(r, !has
			? kh_tr("该合同没有导入投诉记录，无法判定。",
			        "No complaint records were imported for the contract.")
			: kh_tr("评估日早于本期开始。",
			        "The as-of day is before the period starts."));
		return 0;
	}
	long count = list_complaints(ctx, &p, r);
	/* One chart per scorecard: the first complaints indicator draws it. */
	if (!kh_result_find_series(r, "complaints-monthly"))
		monthly_chart(ctx, &p, r);
	if (count > 0) {
		kh_result_column(r, "ref", kh_tr("投诉编号", "complaint"));
		kh_result_column(r, "received", kh_tr("受理日期", "received"));
		kh_result_column(r, "category", kh_tr("类别", "category"));
		kh_result_column(r, "severity", kh_tr("严重程度", "severity"));
		kh_result_column(r, "channel", kh_tr("渠道", "channel"));
		kh_result_column(r, "closed", kh_tr("办结日期", "closed"));
	}
	kh_mcount_value(r, count, "件", "complaints");
	r->findings = count;
	r->status = count <= p.max ? KH_STATUS_PASS : KH_STATUS_FAIL;
	/* The indicator's triggers follow their clause's count: "多次" (001
	 * 第三十三条(六)) is trigger-min="2"; a failure below it costs points
	 * but fires nothing. */
	for (size_t i = 0; i < ctx->indicator->ntriggers; i++)
		kh_result_decide(r, ctx->indicator->triggers[i].action,
		                 count >= p.trigger_min);
	return 0;
}
