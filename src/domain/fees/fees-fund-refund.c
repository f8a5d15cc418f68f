/* fees-fund-refund.c: the damages of the fund models — 5% of F when the
 * purchaser terminates (000 第三十三条, declared) and the late refund of
 * the remaining funds after a termination notice (第三十四条), counted
 * from recorded facts (termination-notice, refund), never from a typed
 * number of days and never on the year-end return.  Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fees-fund.h"
#include "msg.h"
#include "settle.h"

static const char *grouped(kh_fen v, char *buf, size_t size)
{
	return kh_fen_format_grouped(v, buf, size);
}

/* The refunds of the remaining funds: refund facts dated from the notice
 * through the as-of day, in date order; *n how many. */
static struct kh_refund *refunds_after(const struct kh_fee_input *in, kh_day notice,
                                       size_t *n)
{
	const struct kh_facts *facts = &in->records->facts;
	struct kh_refund *out = kh_xcalloc(facts->count ? facts->count : 1, sizeof *out);
	*n = 0;
	for (size_t i = 0; i < facts->count; i++) {
		const struct kh_fact *fa = &facts->rows[i];
		if (strcmp(fa->kind, "refund") || fa->date < notice || fa->date > in->as_of ||
		    !fa->has_amount)
			continue;
		out[(*n)++] = (struct kh_refund){ fa->date, fa->amount };
	}
	return out;
}

/* The notice the refund runs from: the first fact of kind `after` dated
 * in the settled year and on or before the as-of day. */
static const struct kh_fact *notice_fact(const struct kh_fee_input *in, const char *after,
                                         const struct fund_facts *f)
{
	const struct kh_facts *facts = &in->records->facts;
	kh_day year_end = in->period.last;
	for (size_t i = 0; i < facts->count; i++) {
		const struct kh_fact *fa = &facts->rows[i];
		if (strcmp(fa->kind, after) == 0 && fa->date >= f->first && fa->date <= year_end &&
		    fa->date <= in->as_of)
			return fa;
	}
	return NULL;
}

/* The deadline: `within` calendar days after the notice (the day it was
 * sent not counted, Civil Code art. 201), a last day on a rest day moved by
 * the contract's rollover rule (art. 203); a later deadline the notice
 * itself sets prevails.  `note` says what was done. */
static kh_day refund_deadline(const struct kh_fee_input *in, const struct kh_fact *notice,
                              long within, char *note, size_t size)
{
	char d1[KH_DAY_BUFSZ], d2[KH_DAY_BUFSZ];
	kh_day due = notice->date + (kh_day)within, rolled = due;
	note[0] = '\0';
	if (in->calendar && kh_calendar_rollover(in->calendar, due, in->contract->rollover,
	                                         &rolled) != 0) {
		snprintf(note, size, "%s %d %s", kh_tr("，工作日历缺", ", the work calendar lacks"),
		         kh_calendar_missing_year(in->calendar),
		         kh_tr("年，未按休息日顺延", ": not moved off rest days"));
		rolled = due;
	} else if (!in->calendar) {
		snprintf(note, size, "%s", kh_tr("，无工作日历，未按休息日顺延",
		                                 ", no work calendar: not moved off rest days"));
	}
	if (rolled != due) {
		snprintf(note, size, "%s%s", kh_tr(" 为休息日，顺延至 ", " is a rest day, moved to "),
		         kh_day_format(rolled, d2));
		due = rolled;
	}
	if (notice->due != KH_DAY_NONE && notice->due > due) {
		size_t len = strlen(note);
		snprintf(note + len, size - len, "%s%s", kh_tr("；通知载明的期限较晚，从通知：",
		                                             "; the notice sets a later deadline: "),
		         kh_day_format(notice->due, d1));
		due = notice->due;
	}
	return due;
}

/* The amount to return: the notice's amount (confirmed by the purchaser,
 * 第三十四条), else the funds received less the claims paid in the year up
 * to the notice (finance rows), marked as computed.  0 with *known = 0
 * when neither is possible. */
static kh_fen refund_owed(const struct kh_fee_input *in, const struct fund_facts *f,
                          const struct kh_fact *notice, int *confirmed, int *known)
{
	*confirmed = notice->has_amount;
	*known = 1;
	if (notice->has_amount)
		return notice->amount;
	kh_fen in_sum, out_sum;
	long in_rows, out_rows;
	kh_fees_finance(&in->records->finance, "funds-received", f->first, notice->date,
	                &in_sum, &in_rows);
	kh_fees_finance(&in->records->finance, "claims-paid", f->first, notice->date,
	                &out_sum, &out_rows);
	if (in_rows == 0) {
		*known = 0;
		return 0;
	}
	return in_sum - out_sum;
}

/* 000 第三十四条: the remaining funds are due back within `within` days of
 * the termination notice; each later day costs `rate` of what is still
 * unpaid that day.  Lines: the amount due back and its deadline, each
 * refund, one line per run of late days, then the damages.  Never the
 * year-end return above the cap: that is no refund after a notice. */
static int late_refund(const struct kh_fee_input *in, const struct kh_node *d,
                       const struct fund_facts *f, struct kh_rate rate, xmlNodePtr fees,
                       kh_fen *charged)
{
	char text[1024], amount[48], pct[32], d1[KH_DAY_BUFSZ], d2[KH_DAY_BUFSZ], note[256];
	const char *clause = kh_node_attr(d, "clause");
	const char *after = kh_node_attr(d, "after");
	const char *within_text = kh_node_attr(d, "within");
	*charged = 0;
	if (!after || !within_text)
		return kh_money_bad_attr(in, d, after ? "within" : "after", NULL);
	long within = atol(within_text);
	const struct kh_fact *notice = notice_fact(in, after, f);
	if (!notice)
		return 0;
	int confirmed, known;
	kh_fen owed = refund_owed(in, f, notice, &confirmed, &known);
	kh_day due = refund_deadline(in, notice, within, note, sizeof note);
	grouped(owed, amount, sizeof amount);
	if (!known) {
		snprintf(text, sizeof text, "%s %s%s%s: %s",
		         kh_tr("解除合同通知", "termination notice"), kh_day_format(notice->date, d1),
		         *notice->ref ? " " : "", notice->ref,
		         kh_tr("通知未载明应退金额，也无资金到账记录可推算，未计迟延履行金",
		               "the notice names no amount and no funds-received rows allow one: "
		               "no late charge"));
		kh_fees_line(fees, "refund-due", clause, 0, text);
		return 0;
	}
	snprintf(text, sizeof text, "%s %s%s%s: %s %s%s; %s %ld %s %s%s",
	         kh_tr("解除合同通知", "termination notice"), kh_day_format(notice->date, d1),
	         *notice->ref ? " " : "", notice->ref,
	         kh_tr("应退剩余资金", "remaining funds due back"), amount,
	         confirmed ? kh_tr("（以甲方确认的金额为准）", " (the amount the purchaser confirmed)")
	                   : kh_tr("（通知未载明金额，按当年资金到账减赔付支出推算，以甲方确认为准）",
	                           " (the notice names none: funds received less claims paid "
	                           "to the notice; the purchaser's confirmation prevails)"),
	         kh_tr("应于通知发出后", "due within"), within,
	         kh_tr("日内（日历日）退还，期限", "calendar days of the notice, by"),
	         kh_day_format(notice->date + (kh_day)within, d2), note);
	/* "; " reads as "；" in Chinese */
	if (kh_lang != KH_LANG_EN) {
		char *semi = strstr(text, "; ");
		if (semi) {
			memmove(semi + 3, semi + 2, strlen(semi + 2) + 1);
			memcpy(semi, "；", 3);
		}
	}
	xmlNodePtr line = kh_fees_line(fees, "refund-due", clause, owed, text);
	kh_fees_set(line, "basis", confirmed ? "confirmed" : "computed");

	size_t nrefunds;
	struct kh_refund *refunds = refunds_after(in, notice->date, &nrefunds);
	for (size_t i = 0; i < nrefunds; i++) {
		grouped(refunds[i].amount, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s: %s%s", kh_tr("退还剩余资金", "refunded"),
		         kh_day_format(refunds[i].date, d1), amount,
		         refunds[i].date <= due ? kh_tr("（期限内）", " (in time)")
		                                : kh_tr("（逾期）", " (late)"));
		kh_fees_line(fees, "refund", clause, refunds[i].amount, text);
	}
	struct kh_late_segment *seg = kh_xcalloc(nrefunds + 1, sizeof *seg);
	kh_fen total, unpaid;
	size_t nseg = kh_late_refund(owed, due, in->as_of, refunds, nrefunds, rate, seg,
	                             &total, &unpaid);
	kh_fund_pct(rate, pct, sizeof pct);
	for (size_t i = 0; i < nseg; i++) {
		char out[48], charge[48];
		grouped(seg[i].outstanding, out, sizeof out);
		grouped(seg[i].charge, charge, sizeof charge);
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "%s to %s, %ld days × unpaid %s × %s = %s",
			         kh_day_format(seg[i].first, d1), kh_day_format(seg[i].last, d2),
			         seg[i].days, out, pct, charge);
		else
			snprintf(text, sizeof text, "%s 至 %s 共 %ld 日 × 应退未退 %s × %s = %s",
			         kh_day_format(seg[i].first, d1), kh_day_format(seg[i].last, d2),
			         seg[i].days, out, pct, charge);
		kh_fees_line(fees, "late-refund", clause, seg[i].charge, text);
	}
	free(seg);
	free(refunds);
	if (nseg == 0 && unpaid <= 0) {
		kh_fees_line(fees, "late-refund", clause, 0,
		             kh_tr("期限内已退清，无迟延履行金", "refunded in time: no late charge"));
		return 0;
	}
	if (nseg == 0)
		return 0;   /* the deadline is after the as-of day */
	grouped(total, amount, sizeof amount);
	char tail[256] = "";
	if (unpaid > 0) {
		char left[48];
		snprintf(tail, sizeof tail, "%s%s %s %s%s", kh_tr("；截至", "; as of "),
		         kh_day_format(in->as_of, d1), kh_tr("仍有", "still"),
		         grouped(unpaid, left, sizeof left),
		         kh_tr(" 未退还，迟延履行金继续按日计算", " unpaid: the charge goes on daily"));
	}
	snprintf(text, sizeof text, "%s %s %s: %s%s",
	         kh_tr("逾期退还剩余资金的迟延履行金", "late refund of the remaining funds"),
	         pct, kh_tr("/日", "a day"), amount, tail);
	kh_fees_line(fees, "damages", clause, total, text);
	*charged = total;
	return 0;
}

int kh_fund_damages(const struct kh_fee_input *in, const struct fund_facts *f,
                    xmlNodePtr fees, kh_fen *total)
{
	const struct kh_node *model = in->model;
	char text[512], amount[48], pct[32];
	*total = 0;
	for (size_t i = 0; i < model->nchildren; i++) {
		const struct kh_node *d = &model->children[i];
		if (strcmp(d->name, "damages") != 0)
			continue;
		const char *of = kh_node_attr(d, "of");
		const char *per = kh_node_attr(d, "per");
		struct kh_rate rate;
		if (kh_money_rate(in, d, "rate", &rate))
			return -1;
		if (of && strcmp(of, "outstanding") == 0 && per && strcmp(per, "day") == 0) {
			kh_fen late;
			if (late_refund(in, d, f, rate, fees, &late))
				return -1;
			*total += late;
			continue;
		}
		if (!(of && strcmp(of, "funds") == 0 && in->money->terminated))
			continue;
		kh_fund_pct(rate, pct, sizeof pct);
		kh_fen amount_fen = kh_fen_mul_rate(f->funds, rate);
		snprintf(text, sizeof text, "%s → %s × F: %s",
		         kh_tr("甲方解除合同（申报）", "terminated (--terminated)"), pct,
		         grouped(amount_fen, amount, sizeof amount));
		kh_fees_line(fees, "damages", kh_node_attr(d, "clause"), amount_fen, text);
		*total += amount_fen;
	}
	return 0;
}
