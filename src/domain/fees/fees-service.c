/* fees-service.c: the service fee per capita paid quarterly (002 第三条) as
 * <fees> lines — the year's fee from the insured in force, four quarterly
 * parts, the audit band deductions and the damages per breach per quarter
 * (第五条(二)).  Integer fen, rounded half-up once per line.  Pure: reads
 * typed records and the judged indicators, never the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "audit.h"
#include "fees-lib.h"
#include "harness.h"
#include "msg.h"
#include "settle.h"

/* The band's threshold text ("90%") for the deduction chosen: the lowest
 * `below` the rate is under among bands with that deduction. */
static const char *band_below(const struct kh_node *measure, struct kh_rate rate,
                              struct kh_rate deduct)
{
	const char *best = NULL;
	struct kh_rate best_rate = { 0, 1 };
	for (size_t i = 0; i < measure->nchildren; i++) {
		const struct kh_node *b = &measure->children[i];
		const char *below = kh_node_attr(b, "below");
		const char *d = kh_node_attr(b, "deduct");
		struct kh_rate br, dr;
		if (strcmp(b->name, "band") || !below || !d || kh_rate_parse(below, &br) ||
		    kh_rate_parse(d, &dr) || kh_rate_cmp(dr, deduct) != 0 ||
		    kh_rate_cmp(rate, br) >= 0)
			continue;
		if (!best || kh_rate_cmp(br, best_rate) < 0) {
			best = below;
			best_rate = br;
		}
	}
	return best;
}

struct quarter_fee {
	struct kh_period period;
	kh_fen fee;
	int in_scope;             /* inside the period asked and the term */
};

static void quarter_reason(const struct kh_node *measure,
                           const struct kh_audit_quarter *aq, const char *qname,
                           kh_fen deduction, kh_day qfirst, kh_day as_of,
                           char *buf, size_t size)
{
	char pct[32], dpct[32], amount[48];
	if (qfirst > as_of) {
		snprintf(buf, size, "%s %s", qname, kh_tr("未到期，未判定", "not yet due, not judged"));
		return;
	}
	if (!aq || !aq->judged) {
		snprintf(buf, size, "%s %s", qname,
		         kh_tr("无稽核样本，不扣除", "no audit samples, no deduction"));
		return;
	}
	kh_rate_format_percent(aq->rate, 2, pct, sizeof pct);
	if (aq->deduct.num == 0) {
		snprintf(buf, size, "%s %s %s (%ld/%ld)%s", qname,
		         kh_tr("稽核合格率", "audit pass rate"), pct, aq->passes,
		         aq->samples, kh_tr("，未低于扣减档，不扣除", ", in no band: no deduction"));
		return;
	}
	const char *below = band_below(measure, aq->rate, aq->deduct);
	kh_rate_format_percent(aq->deduct, 0, dpct, sizeof dpct);
	if (aq->deduct.num * 100 % aq->deduct.den)
		kh_rate_format_percent(aq->deduct, 2, dpct, sizeof dpct);
	kh_fen_format_grouped(deduction, amount, sizeof amount);
	snprintf(buf, size, "%s %s %s (%ld/%ld) < %s → %s %s: %s", qname,
	         kh_tr("稽核合格率", "audit pass rate"), pct, aq->passes, aq->samples,
	         below ? below : "?",
	         kh_tr("扣除本季度经办服务费", "deduct from the quarter's fee"), dpct,
	         amount);
}

/* The indicator's damages trigger (action="damages"), or NULL. */
static const struct kh_trigger *damages_trigger(const struct kh_indicator *ind)
{
	for (size_t i = 0; i < ind->ntriggers; i++)
		if (ind->triggers[i].action && strcmp(ind->triggers[i].action, "damages") == 0)
			return &ind->triggers[i];
	return NULL;
}

/* The context measures are judged in: the caller's, else one built from
 * the fee input. */
static struct kh_measure_ctx measure_base(const struct kh_fee_input *in)
{
	if (in->measures)
		return *in->measures;
	return (struct kh_measure_ctx){
		.contract = in->contract, .calendar = in->calendar,
		.period = in->period, .as_of = in->as_of, .records = in->records,
		.err = in->err };
}

/* The audit pass rate and band of each quarter of `year` (audit.h, the
 * decision the audit-pass-rate measure makes).  TRANSITIONAL: the shared
 * function still reads its samples through the measures' store
 * connection; when it takes in->records->audits this reads no store. */
static int audit_quarters(const struct kh_fee_input *in,
                          const struct kh_indicator *audit_ind, int year,
                          struct kh_audit_quarter aq[4])
{
	if (!in->measures || !in->measures->db) {
		kh_error("%s", kh_tr("稽核扣减需要稽核记录（内部错误）",
		                     "audit deductions need the audit records (internal error)"));
		return kh_fail(in->err, KH_ERR_SOFTWARE);
	}
	int rc = kh_audit_quarters(in->measures->db, in->contract->id, &audit_ind->measure,
	                           year, aq);
	if (rc)
		return kh_fail(in->err, rc == EX_DATAERR ? KH_ERR_DATA
		                        : rc == EX_IOERR ? KH_ERR_IO : KH_ERR_SOFTWARE);
	return 0;
}

/* Damages of 第五条(二): every indicator with a damages trigger on the
 * quarter's fee that fails in the quarter (its measure judged on that
 * quarter alone) is one breach. */
static int quarter_damages(const struct kh_fee_input *in,
                           const struct kh_node *damages,
                           const struct quarter_fee *q, xmlNodePtr fees,
                           kh_fen *total)
{
	const struct kh_contract *c = in->contract;
	struct kh_measure_ctx base = measure_base(in);
	char qname[16], amount[48], pct[32], text[1024];
	kh_period_format(&q->period, qname);
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		const struct kh_trigger *t = damages_trigger(ind);
		const char *of = t ? kh_node_attr(&t->node, "of") : NULL;
		if (!t || (of && strcmp(of, "quarter-fee") != 0))
			continue;
		enum kh_status status;
		if (kh_measure_status(&base, ind, &q->period, in->as_of, &status))
			return -1;
		if (status != KH_STATUS_FAIL)
			continue;
		struct kh_rate rate;
		const char *rate_text = kh_node_attr(&t->node, "rate");
		if (!rate_text || kh_rate_parse(rate_text, &rate) != 0) {
			if (kh_money_rate(in, damages, "rate", &rate))
				return -1;
		}
		kh_fen amount_fen = kh_fen_mul_rate(q->fee, rate);
		kh_rate_format_percent(rate, 0, pct, sizeof pct);
		kh_fen_format_grouped(amount_fen, amount, sizeof amount);
		const char *title = kh_lang == KH_LANG_EN && ind->title_en ? ind->title_en
		                                                           : ind->title_zh;
		snprintf(text, sizeof text, "%s %s %s %s → %s %s: %s", qname, ind->id,
		         title ? title : "", kh_tr("未达标", "failed"),
		         kh_tr("违约金为该季度经办服务费的", "damages of the quarter's fee at"),
		         pct, amount);
		const char *clause = t->clause && *t->clause ? t->clause
		                                             : kh_node_attr(damages, "clause");
		xmlNodePtr line = kh_fees_line(fees, "damages", clause, amount_fen, text);
		kh_fees_set(line, "period", qname);
		kh_fees_set(line, "indicator", ind->id);
		*total += amount_fen;
	}
	return 0;
}

/* Breaches declared on the command line, charged to the last quarter in
 * scope at the damages rate. */
static int declared_damages(const struct kh_fee_input *in,
                            const struct kh_node *damages,
                            const struct quarter_fee *q, xmlNodePtr fees,
                            kh_fen *total)
{
	long breaches = in->money->breaches;
	struct kh_rate rate;
	if (kh_money_rate(in, damages, "rate", &rate))
		return -1;
	char qname[16], amount[48], text[1024];
	kh_period_format(&q->period, qname);
	kh_fen each = kh_fen_mul_rate(q->fee, rate);
	kh_fen_format_grouped(each * breaches, amount, sizeof amount);
	if (kh_lang == KH_LANG_ZH) {
		char pct[32];
		kh_rate_format_percent(rate, 0, pct, sizeof pct);
		snprintf(text, sizeof text, "%s 申报违约 %ld 项，每项为该季度经办服务费的 %s: %s",
		         qname, breaches, pct, amount);
	} else {
		snprintf(text, sizeof text, "%s breaches declared: %ld at the damages rate each: %s",
		         qname, breaches, amount);
	}
	xmlNodePtr line = kh_fees_line(fees, "damages", kh_node_attr(damages, "clause"),
	                               each * breaches, text);
	kh_fees_set(line, "period", qname);
	*total += each * breaches;
	return 0;
}

/* The <damages of="quarter-fee"> element, or NULL. */
static const struct kh_node *quarter_damages_node(const struct kh_node *m)
{
	const struct kh_node *damages = NULL;
	for (size_t i = 0; i < m->nchildren; i++) {
		const char *of = kh_node_attr(&m->children[i], "of");
		if (strcmp(m->children[i].name, "damages") == 0 && of &&
		    strcmp(of, "quarter-fee") == 0)
			damages = &m->children[i];
	}
	return damages;
}

/* The year's fee line and *year_fee: 1, or 0 when no insured count is in
 * force on the cutoff day (a missing-population line instead). */
static int annual_fee(const struct kh_fee_input *in, kh_fen unit_price,
                      xmlNodePtr fees, kh_fen *year_fee)
{
	const struct kh_node *m = in->model;
	const char *basis = kh_node_attr(m, "basis");
	int year = in->period.year;
	kh_day cutoff = basis && strcmp(basis, "period-start") == 0
	                ? kh_day_from_ymd(year, 1, 1) : kh_day_from_ymd(year - 1, 12, 31);
	struct kh_insured insured;
	kh_fees_insured(&in->records->population, cutoff, &insured);
	char price[48], fee_text[48], date[KH_DAY_BUFSZ], cut[KH_DAY_BUFSZ], text[1024];
	if (insured.count < 0) {
		snprintf(text, sizeof text, "%s %s %s",
		         kh_tr("没有截至", "no population record on or before"),
		         kh_day_format(cutoff, cut),
		         kh_tr("的参保人数记录，无法计算服务费", ": the fee cannot be computed"));
		kh_fees_line(fees, "missing-population", kh_node_attr(m, "clause"), 0, text);
		return 0;
	}
	*year_fee = unit_price * (kh_fen)insured.count;
	char count[48];
	kh_fen_format_grouped(unit_price, price, sizeof price);
	kh_fen_format_grouped(*year_fee, fee_text, sizeof fee_text);
	kh_fees_count_text(insured.count, count, sizeof count);
	snprintf(text, sizeof text, "%d %s: %s %s × %s %s (%s %s, %ld %s) = %s", year,
	         kh_tr("年度经办服务费", "yearly service fee"), price,
	         kh_tr("元/人", "yuan each"), count, kh_tr("人", "insured"),
	         kh_tr("参保人数", "insured on"), kh_day_format(insured.date, date),
	         insured.rows,
	         insured.whole ? kh_tr("条全市记录", "whole-contract record")
	                       : kh_tr("条县区记录合计", "county records summed"),
	         fee_text);
	kh_fees_line(fees, "annual-fee", kh_node_attr(m, "clause"), *year_fee, text);
	return 1;
}

/* The four quarters of the year: their parts and whether each is inside
 * the period asked and the term. */
static void split_quarters(const struct kh_fee_input *in, kh_fen year_fee,
                           struct quarter_fee q[4])
{
	const struct kh_contract *c = in->contract;
	const struct kh_period *p = &in->period;
	kh_fen parts[4];
	kh_fee_split(year_fee, 4, parts);
	for (int i = 0; i < 4; i++) {
		kh_period_containing(KH_PERIOD_QUARTER, kh_day_from_ymd(p->year, 3 * i + 1, 1),
		                     &q[i].period);
		q[i].fee = parts[i];
		q[i].in_scope = q[i].period.last >= p->first && q[i].period.first <= p->last &&
		                q[i].period.last >= c->term_first &&
		                q[i].period.first <= c->term_last;
	}
}

/* One <quarter> per quarter in scope with its audit band deduction
 * (第三条(三)); adds to *total and *deductions. */
static int quarter_lines(const struct kh_fee_input *in, const struct quarter_fee q[4],
                         xmlNodePtr fees, kh_fen *total, kh_fen *deductions)
{
	const struct kh_node *m = in->model;
	const struct kh_node *ded = kh_node_child(m, "deduction");
	const struct kh_indicator *audit_ind = NULL;
	struct kh_audit_quarter aq[4];
	memset(aq, 0, sizeof aq);
	if (ded) {
		const char *id = kh_node_attr(ded, "indicator");
		audit_ind = id ? kh_contract_indicator(in->contract, id) : NULL;
		if (!audit_ind || strcmp(audit_ind->measure.name, "audit-pass-rate") != 0)
			return kh_money_bad_attr(in, ded, "indicator", id);
		if (audit_quarters(in, audit_ind, in->period.year, aq))
			return -1;
	}
	for (int i = 0; i < 4; i++) {
		if (!q[i].in_scope)
			continue;
		char qname[16], reason[1024], rate_text[32];
		kh_period_format(&q[i].period, qname);
		struct kh_rate rate = { 0, 1 };
		if (audit_ind && aq[i].judged && q[i].period.first <= in->as_of)
			rate = aq[i].deduct;
		kh_fen deduction = kh_fen_mul_rate(q[i].fee, rate);
		quarter_reason(audit_ind ? &audit_ind->measure : NULL,
		               audit_ind ? &aq[i] : NULL, qname, deduction,
		               q[i].period.first, in->as_of, reason, sizeof reason);
		xmlNodePtr qn = xmlNewChild(fees, NULL, BAD_CAST "quarter", NULL);
		kh_fees_set(qn, "period", qname);
		kh_fees_set_fen(qn, "fee", q[i].fee);
		kh_fees_set(qn, "deduction-rate", kh_rate_format(rate, 4, rate_text, sizeof rate_text));
		kh_fees_set_fen(qn, "deduction", deduction);
		kh_fees_set(qn, "clause", ded ? kh_node_attr(ded, "clause") : kh_node_attr(m, "clause"));
		kh_fees_set(qn, "reason", reason);
		*total += q[i].fee;
		*deductions += deduction;
	}
	return 0;
}

int kh_fee_service(const struct kh_fee_input *in, xmlNodePtr fees)
{
	const struct kh_node *m = in->model;
	kh_fen unit_price, year_fee;
	if (kh_money_fen(in, m, "unit-price", &unit_price))
		return -1;
	const char *parts_text = kh_node_attr(m, "parts");
	if (parts_text && strcmp(parts_text, "4") != 0)
		return kh_money_bad_attr(in, m, "parts", parts_text);
	if (!annual_fee(in, unit_price, fees, &year_fee))
		return 0;   /* no insured count: said so in a line, nothing due */
	struct quarter_fee q[4];
	split_quarters(in, year_fee, q);
	kh_fen total = 0, deductions = 0;
	if (quarter_lines(in, q, fees, &total, &deductions))
		return -1;

	/* damages per breach per quarter (第五条(二)) */
	const struct kh_node *damages = quarter_damages_node(m);
	if (damages) {
		int last_in_scope = -1;
		for (int i = 0; i < 4; i++) {
			if (!q[i].in_scope)
				continue;
			last_in_scope = i;
			if (quarter_damages(in, damages, &q[i], fees, &deductions))
				return -1;
		}
		if (in->money->breaches > 0 && last_in_scope >= 0 &&
		    declared_damages(in, damages, &q[last_in_scope], fees, &deductions))
			return -1;
	}
	kh_fees_totals(fees, total, deductions);
	return 0;
}
