/* measure-audit.c: `audit-pass-rate` — passes ÷ samples per quarter over
 * the named audit streams (002 第三条(三)), the fee band each quarter
 * falls in (kh_audit_band, shared with the fees through audit.h), and the
 * quarterly chart.  Each quarter is judged on its own (the indicator fails
 * when any quarter is below `min`); the value shown is the period's pooled
 * rate.  Computes on the loaded audit records (ctx->records);
 * exact rates only; never touches the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "measure-lib.h"
#include "msg.h"

static int band_rate(const char *file, const struct kh_node *band,
                     const char *name, struct kh_rate *out)
{
	const char *v = kh_node_attr(band, name);
	if (!v || kh_rate_parse(v, out) != 0 || out->den <= 0)
		return kh_mnode_error(file, "audit-pass-rate", band, name, v);
	return 0;
}

int kh_audit_band(const char *file, const struct kh_node *measure,
                  struct kh_rate rate, struct kh_rate *deduct,
                  const char **action)
{
	struct kh_rate best_below = { 0, 1 };
	int found = 0;
	deduct->num = 0;
	deduct->den = 1;
	*action = NULL;
	for (size_t i = 0; i < measure->nchildren; i++) {
		const struct kh_node *band = &measure->children[i];
		if (strcmp(band->name, "band") != 0)
			continue;
		struct kh_rate below, cut;
		if (band_rate(file, band, "below", &below) != 0 ||
		    band_rate(file, band, "deduct", &cut) != 0)
			return -1;
		if (kh_rate_cmp(rate, below) >= 0)
			continue;  /* not under this band's line */
		if (found && kh_rate_cmp(below, best_below) >= 0)
			continue;  /* a stricter band already applies */
		found = 1;
		best_below = below;
		*deduct = cut;
		*action = kh_node_attr(band, "action");
	}
	return 0;
}

/* Is `stream` one of the space-separated names in `streams` (NULL: all)? */
static int stream_selected(const char *streams, const char *stream, size_t len)
{
	if (!streams)
		return 1;
	const char *p = streams;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if ((size_t)(p - start) == len && len > 0 &&
		    memcmp(start, stream, len) == 0)
			return 1;
	}
	return 0;
}

/* "2024Q3"; the period code formats it (buffers of 12 bytes or more). */
static void quarter_name(int year, int q, char *buf, size_t size)
{
	struct kh_period p = { .kind = KH_PERIOD_QUARTER, .year = year, .index = q };
	char text[16];
	kh_period_format(&p, text);
	snprintf(buf, size, "%s", text);
}

/* Which of the four quarter names `period` is: 0..3, or -1. */
static int quarter_index(char names[4][16], const char *period)
{
	for (int q = 0; q < 4; q++)
		if (strcmp(period, names[q]) == 0)
			return q;
	return -1;
}

int kh_audit_quarters_of(const struct kh_audits *audits, const char *file,
                         const struct kh_node *measure, int year,
                         struct kh_audit_quarter out[4], struct kh_err *err)
{
	const char *streams = kh_node_attr(measure, "streams");
	char names[4][16];
	memset(out, 0, 4 * sizeof out[0]);
	for (int q = 0; q < 4; q++)
		quarter_name(year, q + 1, names[q], sizeof names[q]);
	for (size_t i = 0; i < audits->count; i++) {
		const struct kh_audit_sample *a = &audits->rows[i];
		int q = quarter_index(names, a->period);
		if (q < 0 || !stream_selected(streams, a->stream, strlen(a->stream)))
			continue;
		out[q].samples++;
		out[q].passes += a->passed != 0;
	}
	for (int q = 0; q < 4; q++) {
		out[q].judged = out[q].samples > 0;
		out[q].rate = (struct kh_rate){ out[q].passes,
		                                out[q].samples > 0 ? out[q].samples : 1 };
		out[q].deduct = (struct kh_rate){ 0, 1 };
		if (out[q].judged &&
		    kh_audit_band(file, measure, out[q].rate, &out[q].deduct,
		                  &out[q].action) != 0)
			return kh_fail(err, KH_ERR_DATA);
	}
	return 0;
}

/* --- the measure ----------------------------------------------------------- */

static void audit_columns(struct kh_result *r)
{
	kh_result_column(r, "ref", kh_tr("季度/样本编号", "quarter / sample"));
	kh_result_column(r, "quarter", kh_tr("所属期", "quarter"));
	kh_result_column(r, "samples", kh_tr("样本数", "samples"));
	kh_result_column(r, "passes", kh_tr("合格数", "passes"));
	kh_result_column(r, "rate", kh_tr("合格率", "pass rate"));
	kh_result_column(r, "deduct", kh_tr("扣减服务费比例", "fee deduction"));
	kh_result_column(r, "action", kh_tr("处置", "action"));
	kh_result_column(r, "stream", kh_tr("抽样类别", "stream"));
	kh_result_column(r, "claim", kh_tr("结算单号", "claim"));
	kh_result_column(r, "finding", kh_tr("问题描述", "finding"));
	kh_result_column(r, "error", kh_tr("差错金额", "error amount"));
}

/* The band's action in words ("re-review" → 重新复核); "" when none or
 * not known (no raw codes in the text). */
static const char *action_text(const char *action)
{
	if (action && strcmp(action, "re-review") == 0)
		return kh_tr("启动重新复核，复核费用由乙方支付",
		             "re-review at the insurer's cost");
	return "";
}

static void quarter_item(struct kh_result *r, const char *name,
                         const struct kh_audit_quarter *q)
{
	char buf[48];
	xmlNodePtr item = kh_result_item(r);
	kh_item_set(item, "ref", name);
	kh_item_set(item, "quarter", name);
	kh_item_set_long(item, "samples", q->samples);
	kh_item_set_long(item, "passes", q->passes);
	kh_item_set(item, "rate", kh_rate_format_percent(q->rate, 2, buf, sizeof buf));
	kh_item_set(item, "deduct", kh_rate_format_percent(q->deduct, 2, buf, sizeof buf));
	if (*action_text(q->action))
		kh_item_set(item, "action", action_text(q->action));
}

/* The failed samples of one quarter over the selected streams, in the
 * records' order (audit date, then sample id). */
static void failed_samples(const struct kh_measure_ctx *ctx, const char *quarter,
                           struct kh_result *r)
{
	const char *streams = kh_node_attr(&ctx->indicator->measure, "streams");
	const struct kh_audits *audits = &ctx->records->audits;
	for (size_t i = 0; i < audits->count; i++) {
		const struct kh_audit_sample *a = &audits->rows[i];
		if (a->passed || strcmp(a->period, quarter) != 0 ||
		    !stream_selected(streams, a->stream, strlen(a->stream)))
			continue;
		xmlNodePtr item = kh_result_item(r);
		kh_item_set(item, "ref", a->sample_id);
		kh_item_set(item, "quarter", quarter);
		kh_item_set(item, "stream", a->stream);
		if (*a->claim_id)
			kh_item_set(item, "claim", a->claim_id);
		if (*a->finding)
			kh_item_set(item, "finding", a->finding);
		if (a->has_error_amount)
			kh_item_set_fen(item, "error", a->error_amount);
	}
}

static void audit_chart(const struct kh_measure_ctx *ctx,
                        const struct kh_audit_quarter q[4], int q_first,
                        int q_last, struct kh_result *r)
{
	const struct kh_node *m = &ctx->indicator->measure;
	int judged = 0;
	for (int i = q_first; i <= q_last; i++)
		judged += q[i].judged;
	if (!judged || kh_result_find_series(r, "audit-quarterly"))
		return;  /* no points: no series; drawn once per scorecard */
	xmlNodePtr series = kh_result_series(r, "audit-quarterly", "bars", "quarter",
		"rate", kh_tr("季度稽核合格率", "Quarterly audit pass rate"));
	char y[48], label[48], name[16];
	for (size_t i = 0; i < m->nchildren; i++) {
		struct kh_rate below;
		if (strcmp(m->children[i].name, "band") != 0 ||
		    kh_rate_parse(kh_node_attr(&m->children[i], "below"), &below) != 0)
			continue;
		kh_series_ref_line(series, kh_rate_format(below, 4, y, sizeof y),
		                   kh_rate_format_percent(below, 0, label, sizeof label));
	}
	for (int i = q_first; i <= q_last; i++) {
		if (!q[i].judged)
			continue;
		quarter_name(ctx->period.year, i + 1, name, sizeof name);
		kh_series_point(series, name, kh_rate_format(q[i].rate, 4, y, sizeof y));
	}
}

/* Which band triggers fire: a band's own action ("re-review"), or
 * "deduct-fee" for a band without one, only when some quarter fell into
 * that band (the lowest band replaces the others). */
static void decide_band_actions(const struct kh_node *m,
                                const struct kh_audit_quarter q[4], int q_first,
                                int q_last, struct kh_result *r)
{
	for (size_t i = 0; i < m->nchildren; i++) {
		if (strcmp(m->children[i].name, "band") != 0)
			continue;
		const char *action = kh_node_attr(&m->children[i], "action");
		kh_result_decide(r, action ? action : "deduct-fee", 0);
	}
	for (int i = q_first; i <= q_last; i++) {
		if (!q[i].judged || q[i].deduct.num == 0)
			continue;
		kh_result_decide(r, q[i].action ? q[i].action : "deduct-fee", 1);
	}
}

static void audit_note(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	const char *streams = kh_node_attr(&ctx->indicator->measure, "streams");
	char note[768];
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note,
		         "Per quarter: passing samples ÷ samples over %s%s.  Each quarter is "
		         "judged on its own against the minimum and its fee band (a quarter "
		         "under several bands takes the one with the lowest line, which "
		         "replaces the others); the indicator fails when any quarter of the "
		         "period is below the minimum.  The value shown is the period's "
		         "pooled rate: every sample of its quarters together.",
		         streams ? "the streams " : "every stream", streams ? streams : "");
	else
		snprintf(note, sizeof note,
		         "按季度计算：合格样本数 ÷ 样本数（%s%s）。每季度单独对照最低要求和扣减档判定"
		         "（同时低于多档时只适用线最低的一档，替代其他档，不累加）；本期任一季度低于最低"
		         "要求即为未达标。实际值为本期各季度全部样本合计的合格率。",
		         streams ? "抽样类别 " : "全部抽样类别", streams ? streams : "");
	kh_result_note(r, note);
}

/* One note with every judged quarter: rate, counts and band. */
static void quarters_note(const struct kh_measure_ctx *ctx,
                          const struct kh_audit_quarter q[4], int q_first,
                          int q_last, struct kh_rate min, struct kh_result *r)
{
	char note[1024], name[16], pct[32], ded[32], line[32];
	size_t len = (size_t)snprintf(note, sizeof note, "%s",
	                              kh_tr("各季度：", "Quarters: "));
	int n = 0;
	kh_rate_format_percent(min, 2, line, sizeof line);
	for (int i = q_first; i <= q_last && len < sizeof note; i++) {
		if (!q[i].judged)
			continue;
		quarter_name(ctx->period.year, i + 1, name, sizeof name);
		kh_rate_format_percent(q[i].rate, 2, pct, sizeof pct);
		len += (size_t)snprintf(note + len, sizeof note - len, "%s%s %s (%ld/%ld)",
		                        n++ ? kh_tr("；", "; ") : "", name, pct,
		                        q[i].passes, q[i].samples);
		if (len >= sizeof note)
			break;
		if (q[i].deduct.num != 0) {
			kh_rate_format_percent(q[i].deduct, 2, ded, sizeof ded);
			const char *action = action_text(q[i].action);
			len += (size_t)snprintf(note + len, sizeof note - len,
			                        kh_lang == KH_LANG_EN ? ", fee deduction %s%s%s"
			                                              : "，扣减本季度服务费 %s%s%s",
			                        ded, *action ? kh_tr("，", ", ") : "", action);
		} else if (kh_rate_cmp(q[i].rate, min) < 0) {
			len += (size_t)snprintf(note + len, sizeof note - len,
			                        kh_lang == KH_LANG_EN ? ", below %s" : "，低于 %s",
			                        line);
		} else {
			len += (size_t)snprintf(note + len, sizeof note - len, "%s",
			                        kh_tr("，不扣减", ", no deduction"));
		}
	}
	if (n && len < sizeof note)
		snprintf(note + len, sizeof note - len, "%s", kh_tr("。", "."));
	if (n)
		kh_result_note(r, note);
}

/* Target "每季度 ≥ 90.00%" (machine "0.9000"): each quarter is judged. */
static void quarterly_target(struct kh_result *r, struct kh_rate min)
{
	char value[48], pct[48], text[96];
	kh_rate_format(min, 4, value, sizeof value);
	kh_rate_format_percent(min, 2, pct, sizeof pct);
	snprintf(text, sizeof text, kh_lang == KH_LANG_EN ? "each quarter ≥ %s"
	                                                  : "每季度 ≥ %s", pct);
	kh_result_target(r, value, text);
}

int kh_measure_audit_pass_rate(const struct kh_measure_ctx *ctx,
                               struct kh_result *r)
{
	const struct kh_node *m = &ctx->indicator->measure;
	struct kh_rate min;
	if (kh_mparam_rate(ctx, m, "min", NULL, &min) != 0)
		return kh_fail(ctx->err, KH_ERR_DATA);
	struct kh_audit_quarter q[4];
	if (kh_audit_quarters_of(&ctx->records->audits, ctx->contract->id, m,
	                         ctx->period.year, q, ctx->err) != 0)
		return -1;
	/* The quarters the period overlaps (a month scores its quarter). */
	int y, m_first, m_last, d;
	kh_day_to_ymd(ctx->period.first, &y, &m_first, &d);
	kh_day_to_ymd(ctx->period.last, &y, &m_last, &d);
	int q_first = (m_first - 1) / 3, q_last = (m_last - 1) / 3;
	quarterly_target(r, min);
	audit_note(ctx, r);
	quarters_note(ctx, q, q_first, q_last, min, r);
	long judged = 0, below_min = 0, samples = 0, passes = 0;
	char name[16];
	for (int i = q_first; i <= q_last; i++) {
		if (!q[i].judged)
			continue;
		judged++;
		samples += q[i].samples;
		passes += q[i].passes;
		if (kh_rate_cmp(q[i].rate, min) >= 0)
			continue;
		below_min++;
		quarter_name(ctx->period.year, i + 1, name, sizeof name);
		quarter_item(r, name, &q[i]);
	}
	/* The quarters first (they fit under the evidence limit), then the
	 * failed samples of those quarters. */
	for (int i = q_first; i <= q_last; i++) {
		if (!q[i].judged || kh_rate_cmp(q[i].rate, min) >= 0)
			continue;
		quarter_name(ctx->period.year, i + 1, name, sizeof name);
		failed_samples(ctx, name, r);
	}
	if (r->evidence_count > 0)
		audit_columns(r);
	audit_chart(ctx, q, q_first, q_last, r);
	decide_band_actions(m, q, q_first, q_last, r);
	r->findings = below_min;
	if (judged == 0) {
		kh_mresult_na(r, kh_tr("本期各季度没有稽核样本。",
		                       "No audit samples in any quarter of the period."));
		return 0;
	}
	/* the headline: every sample of the period's quarters pooled; the
	 * status: each quarter on its own (第三条(三) judges quarters) */
	kh_mrate_value(r, (struct kh_rate){ passes, samples });
	r->status = below_min == 0 ? KH_STATUS_PASS : KH_STATUS_FAIL;
	return 0;
}
