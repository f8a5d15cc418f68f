/* measure-solvency.c: `solvency` — the worst quarterly solvency risk rating
 * (风险综合评级) of the period (000 第三十八条): a rating at or below
 * `report-at` must be reported and fails; below `renew-min` the contract
 * may not be renewed.  Ratings A best to D worst.  Computes on the loaded
 * ratings (ctx->records); never touches the store. */
#include <stdio.h>
#include <string.h>

#include "measure-lib.h"
#include "msg.h"

/* A = 0 (best) ... D = 3 (worst); -1 when not a rating. */
static int rating_rank(const char *text)
{
	if (!text || !text[0] || text[1])
		return -1;
	return text[0] >= 'A' && text[0] <= 'D' ? text[0] - 'A' : -1;
}

static int read_rank(const struct kh_measure_ctx *ctx, const char *name,
                     const char *fallback, int *out)
{
	const struct kh_node *m = &ctx->indicator->measure;
	const char *v = kh_node_attr(m, name);
	if (!v)
		v = fallback;
	if (!v) {
		*out = -1;
		return 0;
	}
	*out = rating_rank(v);
	return *out < 0 ? kh_mparam_error(ctx, m, name, v) : 0;
}

static void solvency_note(int report_at, struct kh_result *r)
{
	char note[384];
	char at = (char)('A' + report_at);
	if (kh_lang == KH_LANG_EN)
		snprintf(note, sizeof note, "The worst quarterly rating of the period "
		         "counts; %c or worse must be reported and fails (value and "
		         "target as ranks: A = 1, B = 2, C = 3, D = 4).", at);
	else
		snprintf(note, sizeof note, "取本期各季度风险综合评级中最差者；"
		         "评级为 %c 类及以下须报告，判为不达标（数值：A=1，B=2，C=3，D=4）。", at);
	kh_result_note(r, note);
}

int kh_measure_solvency(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	int report_at, renew_min;
	if (read_rank(ctx, "report-at", "C", &report_at) != 0 ||
	    read_rank(ctx, "renew-min", NULL, &renew_min) != 0)
		return kh_fail(ctx->err, KH_ERR_DATA);
	/* The quarters the period touches, compared as their names ("2024Q3"). */
	struct kh_period first_q, last_q;
	kh_period_containing(KH_PERIOD_QUARTER, ctx->period.first, &first_q);
	kh_period_containing(KH_PERIOD_QUARTER, ctx->period.last, &last_q);
	char first_name[16], last_name[16];
	kh_period_format(&first_q, first_name);
	kh_period_format(&last_q, last_name);
	const struct kh_ratings *ratings = &ctx->records->ratings;
	int worst = -1;
	long quarters = 0, reported = 0;
	for (size_t i = 0; i < ratings->count; i++) {
		const struct kh_rating *rating = &ratings->rows[i];
		if (strcmp(rating->quarter, first_name) < 0 ||
		    strcmp(rating->quarter, last_name) > 0)
			continue;
		char letter[2] = { rating->rating, '\0' };
		int rank = rating_rank(letter);
		if (rank < 0)
			continue;
		quarters++;
		if (rank > worst)
			worst = rank;
		if (rank < report_at)
			continue;
		reported++;
		xmlNodePtr item = kh_result_item(r);
		kh_item_set(item, "ref", rating->quarter);
		kh_item_set(item, "rating", letter);
		if (*rating->raw_rating)
			kh_item_set(item, "raw", rating->raw_rating);
	}
	if (reported > 0) {
		kh_result_column(r, "ref", kh_tr("季度", "quarter"));
		kh_result_column(r, "rating", kh_tr("风险综合评级", "rating"));
		kh_result_column(r, "raw", kh_tr("原始评级", "rating as published"));
	}
	solvency_note(report_at, r);
	/* Machine form: the rating's rank, A = 1 ... D = 4 (the scorecard's
	 * value and target are numbers); the text form is the letter. */
	char target[8], text[64];
	snprintf(target, sizeof target, "%d", report_at);
	snprintf(text, sizeof text, "%s %c", kh_tr("优于", "better than"),
	         'A' + report_at);
	kh_result_target(r, target, text);
	r->findings = reported;
	if (quarters == 0) {
		kh_mresult_na(r, kh_tr("本期没有偿付能力风险综合评级记录。",
		                       "No solvency ratings in the period."));
		return 0;
	}
	char value[8], letter[8];
	snprintf(value, sizeof value, "%d", worst + 1);
	snprintf(letter, sizeof letter, "%c", 'A' + worst);
	kh_result_value(r, value, letter);
	r->status = worst >= report_at ? KH_STATUS_FAIL : KH_STATUS_PASS;
	if (renew_min >= 0 && worst > renew_min) {
		char note[256];
		if (kh_lang == KH_LANG_EN)
			snprintf(note, sizeof note, "Rated %c, worse than %c: the "
			         "contract may not be renewed.", 'A' + worst, 'A' + renew_min);
		else
			snprintf(note, sizeof note, "评级 %c 低于 %c 类，不得续约。",
			         'A' + worst, 'A' + renew_min);
		kh_result_note(r, note);
	}
	return 0;
}
