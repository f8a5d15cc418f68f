/* fees-service.c: the service fee per capita paid quarterly (002 第三条) as
 * <fees> lines — the year's fee from the insured at the prior year-end,
 * four quarterly parts, each quarter's audit band deduction (第三条(三))
 * and its damages (第五条(二): once per quarter in which a breach
 * occurred), and each quarter's payable.  Integer fen, rounded half away
 * from zero once per line.  Pure: reads typed records and the judged
 * indicators, never the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "fees-lib.h"
#include "harness.h"
#include "measure-roster.h"
#include "msg.h"
#include "settle.h"

/* --- the fee basis (第三条(四)) --------------------------------------------
 * "按上年度年终实际参保人数核算": the insured count in force on the cutoff
 * day (the prior year-end, or the period's first day with
 * basis="period-start") by the one insured-in-force rule
 * (kh_population_in_force: the whole contract's own row, else each unit's
 * latest row on or before the day, summed).  Every row used must lie in
 * the year that ends on the cutoff day; a unit whose latest row is older
 * is an older year's count, which is never used: the basis is then
 * missing and nothing is due.  A row older than the cutoff by more than a
 * quarter (for 12-31: dated before 09-30) is stale: the fee is computed
 * and the line says so, as does a warning. */

#define NAMES_SIZE 256

struct fee_basis {
	long long count;          /* kh_population_daily; -1: nothing in force */
	kh_day cutoff;            /* the day counted */
	kh_day since;             /* rows dated on or before this are an older year */
	kh_day stale_before;      /* rows dated before this are stale */
	int whole;                /* the whole contract's own row */
	long rows;
	kh_day newest, oldest;
	long old_units, stale_units, units_without;
	char old_names[NAMES_SIZE], without_names[NAMES_SIZE];
	kh_day old_newest;        /* the newest of the older years' rows */
};

/* `months` months before d, the day clamped to the month's length. */
static kh_day months_before(kh_day d, int months)
{
	int y, m, day;
	kh_day_to_ymd(d, &y, &m, &day);
	int index = y * 12 + (m - 1) - months;
	y = index / 12;
	m = index % 12 + 1;
	int last = kh_days_in_month(y, m);
	return kh_day_from_ymd(y, m, day < last ? day : last);
}

static void add_name(char *names, const char *unit)
{
	const char *name = *unit ? unit : kh_tr("全市", "whole contract");
	size_t len = strlen(names);
	if (len + strlen(name) + 8 >= NAMES_SIZE) {
		if (len + 4 < NAMES_SIZE && !strstr(names, "…"))
			strcat(names, "…");
		return;
	}
	if (len)
		strcat(names, kh_tr("、", ", "));
	strcat(names, name);
}

static void basis_row(const struct kh_population_row *row, const char *unit,
                      void *arg)
{
	struct fee_basis *b = arg;
	b->whole = !*unit;
	if (!row) {
		b->units_without++;
		add_name(b->without_names, unit);
		return;
	}
	if (row->date <= b->since) {
		b->old_units++;
		add_name(b->old_names, unit);
		if (b->old_units == 1 || row->date > b->old_newest)
			b->old_newest = row->date;
		return;
	}
	b->rows++;
	if (b->rows == 1 || row->date > b->newest)
		b->newest = row->date;
	if (b->rows == 1 || row->date < b->oldest)
		b->oldest = row->date;
	if (row->date < b->stale_before)
		b->stale_units++;
}

static void fee_basis(const struct kh_fee_input *in, struct fee_basis *b)
{
	const char *basis = kh_node_attr(in->model, "basis");
	int year = in->period.year;
	memset(b, 0, sizeof *b);
	b->cutoff = basis && strcmp(basis, "period-start") == 0
	            ? kh_day_from_ymd(year, 1, 1) : kh_day_from_ymd(year - 1, 12, 31);
	b->since = months_before(b->cutoff, 12);
	b->stale_before = months_before(b->cutoff, 3);
	b->count = -1;
	kh_population_daily(&in->records->population, "", b->cutoff, b->cutoff, &b->count);
	kh_population_in_force(&in->records->population, "", b->cutoff, basis_row, b);
}

/* --- quarters ------------------------------------------------------------- */

struct quarter_fee {
	struct kh_period period;
	char name[16];
	kh_fen fee;
	int in_term;              /* inside the period asked and the term */
	int in_scope;             /* … and begun by the as-of day */
	struct kh_rate deduct_rate;
	kh_fen deduction;         /* audit band (第三条(三)) */
	char reason[1024];
	const struct kh_indicator **breaches;   /* failed indicators with damages */
	size_t nbreaches;
	long declared;            /* --breach N charged here */
	kh_fen damages;
	/* the quarter's deduction, damages and re-review lines by state
	 * (decisions.h): proposed and confirmed count in the statement's due;
	 * only confirmed ones in due-confirmed; waived ones in neither */
	kh_fen proposed, confirmed, waived;
};

/* Count a decided line's amount in its quarter. */
static void count_state(struct quarter_fee *q, enum kh_line_state st, kh_fen amount)
{
	if (st == KH_LINE_CONFIRMED)
		q->confirmed += amount;
	else if (st == KH_LINE_WAIVED)
		q->waived += amount;
	else
		q->proposed += amount;
}

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

/* A rate as a percentage with as many places as it needs (2%, 2.50%). */
static void percent(struct kh_rate r, char *buf, size_t size)
{
	if (r.den > 0 && r.num * 100 % r.den == 0)
		kh_rate_format_percent(r, 0, buf, size);
	else
		kh_rate_format_percent(r, 2, buf, size);
}

static void quarter_reason(const struct kh_node *measure,
                           const struct kh_audit_quarter *aq,
                           struct quarter_fee *q, kh_day as_of)
{
	char pct[32], dpct[32], amount[48];
	char *buf = q->reason;
	size_t size = sizeof q->reason;
	if (!measure) {
		snprintf(buf, size, "%s %s", q->name,
		         kh_tr("合同未约定稽核扣减", "no audit deduction in the contract"));
		return;
	}
	if (q->period.last > as_of && (!aq || !aq->judged)) {
		snprintf(buf, size, "%s %s", q->name,
		         kh_tr("季度未结束，尚无稽核结果", "quarter still running, no audit yet"));
		return;
	}
	if (!aq || !aq->judged) {
		snprintf(buf, size, "%s %s", q->name,
		         kh_tr("无稽核样本，不扣除", "no audit samples, no deduction"));
		return;
	}
	kh_rate_format_percent(aq->rate, 2, pct, sizeof pct);
	if (aq->deduct.num == 0) {
		snprintf(buf, size, "%s %s %s (%ld/%ld)%s", q->name,
		         kh_tr("稽核合格率", "audit pass rate"), pct, aq->passes,
		         aq->samples, kh_tr("，未低于扣减档，不扣除", ", in no band: no deduction"));
		return;
	}
	const char *below = band_below(measure, aq->rate, aq->deduct);
	percent(aq->deduct, dpct, sizeof dpct);
	kh_fen_format_grouped(q->deduction, amount, sizeof amount);
	int len = snprintf(buf, size, "%s %s %s (%ld/%ld) < %s → %s %s: %s", q->name,
	                   kh_tr("稽核合格率", "audit pass rate"), pct, aq->passes,
	                   aq->samples, below ? below : "?",
	                   kh_tr("扣除本季度经办服务费", "deduct from the quarter's fee"),
	                   dpct, amount);
	if (aq->action && strcmp(aq->action, "re-review") == 0 && len > 0 &&
	    (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, "%s",
		         kh_tr("；启动重新复核，复核费用由乙方支付",
		               "; re-review started, at the insurer's cost"));
}

/* The indicator's damages trigger (action="damages") on the quarter's
 * fee, or NULL. */
static const struct kh_trigger *damages_trigger(const struct kh_indicator *ind)
{
	for (size_t i = 0; i < ind->ntriggers; i++) {
		const struct kh_trigger *t = &ind->triggers[i];
		const char *of = kh_node_attr(&t->node, "of");
		if (t->action && strcmp(t->action, "damages") == 0 &&
		    (!of || strcmp(of, "quarter-fee") == 0))
			return t;
	}
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

/* 1 when damages are charged per breach (per="breach"); 0 for the
 * seed's reading, once per quarter in which a breach occurred. */
static int per_breach(const struct kh_node *damages)
{
	const char *per = kh_node_attr(damages, "per");
	return per && strcmp(per, "breach") == 0;
}

/* A trigger's own rate, else the <damages> rate. */
static int trigger_rate(const struct kh_fee_input *in, const struct kh_node *damages,
                        const struct kh_indicator *ind, struct kh_rate *rate)
{
	const struct kh_trigger *t = damages_trigger(ind);
	const char *text = t ? kh_node_attr(&t->node, "rate") : NULL;
	if (text && kh_rate_parse(text, rate) == 0 && rate->num >= 0)
		return 0;
	return kh_money_rate(in, damages, "rate", rate);
}

/* The breaches of each quarter in scope: every indicator with a damages
 * trigger on the quarter's fee that fails in the quarter (its measure
 * judged on that quarter alone), and the declared ones (--breach N) in
 * the last quarter in scope.  Sets each quarter's damages. */
static int find_breaches(const struct kh_fee_input *in, const struct kh_node *damages,
                         struct quarter_fee q[4])
{
	const struct kh_contract *c = in->contract;
	struct kh_measure_ctx base = measure_base(in);
	struct kh_rate rate;
	if (kh_money_rate(in, damages, "rate", &rate))
		return -1;
	int last = -1;
	for (int i = 0; i < 4; i++) {
		if (!q[i].in_scope)
			continue;
		last = i;
		q[i].breaches = kh_xcalloc(c->nindicators ? c->nindicators : 1,
		                           sizeof *q[i].breaches);
		for (size_t k = 0; k < c->nindicators; k++) {
			const struct kh_indicator *ind = &c->indicators[k];
			if (!damages_trigger(ind))
				continue;
			enum kh_status status;
			if (kh_measure_status(&base, ind, &q[i].period, in->as_of, &status))
				return -1;
			if (status == KH_STATUS_FAIL)
				q[i].breaches[q[i].nbreaches++] = ind;
		}
	}
	if (in->money->breaches > 0 && last >= 0)
		q[last].declared = in->money->breaches;
	for (int i = 0; i < 4; i++) {
		if (!q[i].in_scope)
			continue;
		if (!per_breach(damages)) {
			if (q[i].nbreaches || q[i].declared)
				q[i].damages = kh_fen_mul_rate(q[i].fee, rate);
			continue;
		}
		for (size_t k = 0; k < q[i].nbreaches; k++) {
			struct kh_rate r;
			if (trigger_rate(in, damages, q[i].breaches[k], &r))
				return -1;
			q[i].damages += kh_fen_mul_rate(q[i].fee, r);
		}
		q[i].damages += kh_fen_mul_rate(q[i].fee, rate) * q[i].declared;
	}
	return 0;
}

static const char *title_of(const struct kh_indicator *ind)
{
	const char *title = kh_lang == KH_LANG_EN && ind->title_en ? ind->title_en
	                                                           : ind->title_zh;
	return title ? title : "";
}

/* The damages lines of one quarter: once per quarter (the seed), or one
 * per breach (per="breach"). */
static int damages_lines(const struct kh_fee_input *in, const struct kh_node *damages,
                         struct quarter_fee *q, xmlNodePtr fees)
{
	char amount[48], pct[32], text[2048];
	const char *clause = kh_node_attr(damages, "clause");
	struct kh_rate rate;
	if (kh_money_rate(in, damages, "rate", &rate))
		return -1;
	if (!per_breach(damages)) {
		if (!q->nbreaches && !q->declared)
			return 0;
		size_t len = (size_t)snprintf(text, sizeof text, "%s %s", q->name,
		                              kh_tr("发生违约：", "breach:"));
		for (size_t k = 0; k < q->nbreaches && len < sizeof text; k++)
			len += (size_t)snprintf(text + len, sizeof text - len, "%s%s %s %s",
			                        k ? kh_tr("；", "; ") : (kh_lang == KH_LANG_EN ? " " : ""),
			                        q->breaches[k]->id, title_of(q->breaches[k]),
			                        kh_tr("未达标", "failed"));
		if (q->declared && len < sizeof text)
			len += (size_t)snprintf(text + len, sizeof text - len,
			                        kh_lang == KH_LANG_EN ? "%s%ld declared"
			                                              : "%s另申报违约 %ld 项",
			                        q->nbreaches ? kh_tr("；", "; ")
			                                     : (kh_lang == KH_LANG_EN ? " " : ""),
			                        q->declared);
		percent(rate, pct, sizeof pct);
		kh_fen_format_grouped(q->damages, amount, sizeof amount);
		if (len < sizeof text)
			snprintf(text + len, sizeof text - len, " → %s %s%s: %s",
			         kh_tr("违约金为该季度经办服务费的", "damages of the quarter's fee at"),
			         pct,
			         kh_tr("（每季度计一次，不按违约项数累加）",
			               " (once for the quarter, however many breaches)"),
			         amount);
		xmlNodePtr line = kh_fees_line(fees, "damages", clause, q->damages, text);
		kh_fees_set(line, "period", q->name);
		if (q->nbreaches == 1 && !q->declared)
			kh_fees_set(line, "indicator", q->breaches[0]->id);
		/* one line for the quarter, whichever indicators failed: keyed
		 * "breach" so its id stays when another indicator fails */
		count_state(q, kh_fees_decide(in, line, q->name, clause, "breach"), q->damages);
		return 0;
	}
	for (size_t k = 0; k < q->nbreaches; k++) {
		const struct kh_indicator *ind = q->breaches[k];
		const struct kh_trigger *t = damages_trigger(ind);
		struct kh_rate r;
		if (trigger_rate(in, damages, ind, &r))
			return -1;
		kh_fen each = kh_fen_mul_rate(q->fee, r);
		percent(r, pct, sizeof pct);
		kh_fen_format_grouped(each, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s %s %s → %s %s: %s", q->name, ind->id,
		         title_of(ind), kh_tr("未达标", "failed"),
		         kh_tr("违约金为该季度经办服务费的", "damages of the quarter's fee at"),
		         pct, amount);
		xmlNodePtr line = kh_fees_line(fees, "damages",
		                               t->clause && *t->clause ? t->clause : clause,
		                               each, text);
		kh_fees_set(line, "period", q->name);
		kh_fees_set(line, "indicator", ind->id);
		count_state(q, kh_fees_decide(in, line, q->name,
		                              t->clause && *t->clause ? t->clause : clause,
		                              ind->id), each);
	}
	if (q->declared) {
		kh_fen each = kh_fen_mul_rate(q->fee, rate);
		percent(rate, pct, sizeof pct);
		kh_fen_format_grouped(each * q->declared, amount, sizeof amount);
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "%s breaches declared: %ld at %s of the "
			         "quarter's fee each: %s", q->name, q->declared, pct, amount);
		else
			snprintf(text, sizeof text, "%s 申报违约 %ld 项，每项为该季度经办服务费的 %s: %s",
			         q->name, q->declared, pct, amount);
		xmlNodePtr line = kh_fees_line(fees, "damages", clause, each * q->declared, text);
		kh_fees_set(line, "period", q->name);
		count_state(q, kh_fees_decide(in, line, q->name, clause, "declared"),
		            each * q->declared);
	}
	return 0;
}

/* The four quarters of the year: their parts, and whether each is inside
 * the period asked and the term, and begun by the as-of day. */
static void split_quarters(const struct kh_fee_input *in, kh_fen year_fee,
                           struct quarter_fee q[4])
{
	const struct kh_contract *c = in->contract;
	const struct kh_period *p = &in->period;
	kh_fen parts[4];
	kh_fee_split(year_fee, 4, parts);
	for (int i = 0; i < 4; i++) {
		memset(&q[i], 0, sizeof q[i]);
		kh_period_containing(KH_PERIOD_QUARTER, kh_day_from_ymd(p->year, 3 * i + 1, 1),
		                     &q[i].period);
		kh_period_format(&q[i].period, q[i].name);
		q[i].fee = parts[i];
		q[i].deduct_rate = (struct kh_rate){ 0, 1 };
		q[i].in_term = q[i].period.last >= p->first && q[i].period.first <= p->last &&
		               q[i].period.last >= c->term_first &&
		               q[i].period.first <= c->term_last;
		q[i].in_scope = q[i].in_term && q[i].period.first <= in->as_of;
	}
}

/* Each quarter's audit band deduction (第三条(三)), judged on the audit
 * records by the measure's own decision (audit.h). */
static int audit_deductions(const struct kh_fee_input *in, struct quarter_fee q[4],
                            const struct kh_node **ded_out)
{
	const struct kh_node *ded = kh_node_child(in->model, "deduction");
	const struct kh_indicator *audit_ind = NULL;
	struct kh_audit_quarter aq[4];
	memset(aq, 0, sizeof aq);
	*ded_out = ded;
	if (ded) {
		const char *id = kh_node_attr(ded, "indicator");
		audit_ind = id ? kh_contract_indicator(in->contract, id) : NULL;
		if (!audit_ind || strcmp(audit_ind->measure.name, "audit-pass-rate") != 0)
			return kh_money_bad_attr(in, ded, "indicator", id);
		if (kh_audit_quarters_of(&in->records->audits, in->contract->id,
		                         &audit_ind->measure, in->period.year, aq, in->err))
			return -1;
	}
	for (int i = 0; i < 4; i++) {
		if (!q[i].in_scope)
			continue;
		if (audit_ind && aq[i].judged)
			q[i].deduct_rate = aq[i].deduct;
		q[i].deduction = kh_fen_mul_rate(q[i].fee, q[i].deduct_rate);
		quarter_reason(audit_ind ? &audit_ind->measure : NULL,
		               audit_ind ? &aq[i] : NULL, &q[i], in->as_of);
	}
	return 0;
}

/* --- the statement --------------------------------------------------------- */

/* No quarter of the period lies in the term: nothing is due. */
static void outside_term(const struct kh_fee_input *in, xmlNodePtr fees)
{
	const struct kh_contract *c = in->contract;
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ], period[16], text[512];
	kh_period_format(&in->period, period);
	snprintf(text, sizeof text, "%s %s %s %s %s%s", period,
	         kh_tr("不在委托经办期限", "is outside the term"),
	         kh_day_format(c->term_first, first), kh_tr("至", "to"),
	         kh_day_format(c->term_last, last),
	         kh_tr(" 内，无经办服务费、扣减或违约金",
	               ": no fee, deduction or damages"));
	kh_fees_line(fees, "annual-fee", kh_node_attr(in->model, "clause"), 0, text);
}

/* The basis cannot be used: a missing-population line and a warning. */
static void basis_missing(const struct kh_fee_input *in, const struct fee_basis *b,
                          xmlNodePtr fees)
{
	char cut[KH_DAY_BUFSZ], since[KH_DAY_BUFSZ], old[KH_DAY_BUFSZ], text[1024];
	int year = in->period.year;
	kh_day_format(b->cutoff, cut);
	kh_day_format(b->since + 1, since);
	if (b->old_units > 0) {
		kh_day_format(b->old_newest, old);
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "%d yearly fee cannot be computed: the insured "
			         "count must rest on records dated %s to %s; %s has none in that "
			         "year (latest %s), and an older year's count is not used%s: no "
			         "fee, deduction or damages", year, since, cut, b->old_names, old,
			         b->whole ? " (whole-contract records, when there are any, are "
			                    "the count)" : "");
		else
			snprintf(text, sizeof text, "%d 年度经办服务费无法计算：参保人数须取 %s 至 %s "
			         "之间的记录，%s 在此期间没有记录（最新为 %s），不以往年人数代替%s；"
			         "不计服务费、扣减和违约金", year, since, cut, b->old_names, old,
			         b->whole ? "（有全市记录时以全市记录为准）" : "");
	} else if (kh_lang == KH_LANG_EN) {
		snprintf(text, sizeof text, "%d yearly fee cannot be computed: no population "
		         "record on or before %s: no fee, deduction or damages", year, cut);
	} else {
		snprintf(text, sizeof text, "%d 年度经办服务费无法计算：没有截至 %s 的参保人数记录；"
		         "不计服务费、扣减和违约金", year, cut);
	}
	kh_fees_line(fees, "missing-population", kh_node_attr(in->model, "clause"), 0, text);
	kh_warn("%s: %s", in->contract->id, text);
}

/* The year's fee line: price × count, the rows it rests on, what is stale,
 * and the quarters not yet begun. */
static void annual_line(const struct kh_fee_input *in, const struct fee_basis *b,
                        kh_fen unit_price, kh_fen year_fee, const struct quarter_fee q[4],
                        xmlNodePtr fees)
{
	char price[48], fee_text[48], count[48], cut[KH_DAY_BUFSZ], newest[KH_DAY_BUFSZ],
	     oldest[KH_DAY_BUFSZ], stale[KH_DAY_BUFSZ], asof[KH_DAY_BUFSZ], text[2048];
	kh_fen_format_grouped(unit_price, price, sizeof price);
	kh_fen_format_grouped(year_fee, fee_text, sizeof fee_text);
	kh_fees_count_text(b->count, count, sizeof count);
	kh_day_format(b->cutoff, cut);
	kh_day_format(b->newest, newest);
	kh_day_format(b->oldest, oldest);
	kh_day_format(b->stale_before, stale);
	size_t len;
	if (b->whole)
		len = (size_t)snprintf(text, sizeof text, "%d %s: %s %s × %s %s (%s %s %s %s) = %s",
		         in->period.year, kh_tr("年度经办服务费", "yearly service fee"), price,
		         kh_tr("元/人", "yuan each"), count, kh_tr("人", "insured"),
		         kh_tr("截至", "insured on"), cut,
		         kh_tr("参保人数，全市记录", "from the whole-contract record of"), newest,
		         fee_text);
	else
		len = (size_t)snprintf(text, sizeof text,
		         kh_lang == KH_LANG_EN
		         ? "%d %s: %s %s × %s %s (insured on %s: the latest record of %ld "
		           "units on or before it summed, dated %s to %s) = %s"
		         : "%d %s: %s %s × %s %s (截至 %s 参保人数：%ld 个县区各取当日及以前"
		           "最新记录合计，记录日期 %s 至 %s) = %s",
		         in->period.year, kh_tr("年度经办服务费", "yearly service fee"), price,
		         kh_tr("元/人", "yuan each"), count, kh_tr("人", "insured"), cut,
		         b->rows, oldest, newest, fee_text);
	if (b->stale_units > 0 && len < sizeof text) {
		len += (size_t)snprintf(text + len, sizeof text - len,
		         kh_lang == KH_LANG_EN
		         ? "; note: %ld record(s) used are dated before %s, more than a "
		           "quarter before %s: the count may be out of date"
		         : "；注意：所用记录有 %ld 条早于 %s（距 %s 超过一个季度），人数可能已过时",
		         b->stale_units, stale, cut);
		if (kh_lang == KH_LANG_EN)
			kh_warn("%s: the %d fee's insured count rests on %ld record(s) dated "
			        "before %s, more than a quarter before %s", in->contract->id,
			        in->period.year, b->stale_units, stale, cut);
		else
			kh_warn("%s: %d 年服务费所用参保人数记录有 %ld 条早于 %s（距 %s 超过一个季度）",
			        in->contract->id, in->period.year, b->stale_units, stale, cut);
	}
	if (b->units_without > 0 && len < sizeof text) {
		len += (size_t)snprintf(text + len, sizeof text - len,
		         kh_lang == KH_LANG_EN
		         ? "; note: %s have no record on or before %s and are not counted"
		         : "；注意：%s 在 %s 及以前没有记录，未计入",
		         b->without_names, cut);
		if (kh_lang == KH_LANG_EN)
			kh_warn("%s: %s have no population record on or before %s: not counted "
			        "in the %d fee", in->contract->id, b->without_names, cut,
			        in->period.year);
		else
			kh_warn("%s: %s 在 %s 及以前没有参保人数记录，未计入 %d 年服务费",
			        in->contract->id, b->without_names, cut, in->period.year);
	}
	int not_begun = 0;
	for (int i = 0; i < 4; i++)
		not_begun += q[i].in_term && !q[i].in_scope;
	if (not_begun && len < sizeof text) {
		kh_day_format(in->as_of, asof);
		len += (size_t)snprintf(text + len, sizeof text - len, "%s",
		                        kh_tr("；截至 ", "; "));
		for (int i = 0; i < 4 && len < sizeof text; i++)
			if (q[i].in_term && !q[i].in_scope)
				len += (size_t)snprintf(text + len, sizeof text - len, "%s ", q[i].name);
		if (len < sizeof text)
			snprintf(text + len, sizeof text - len,
			         kh_lang == KH_LANG_EN ? "not begun on %s: not counted"
			                               : "%s 尚未开始，不计入", asof);
	}
	kh_fees_line(fees, "annual-fee", kh_node_attr(in->model, "clause"), year_fee, text);
}

/* The quarter's audit deduction as a line of its own (第三条(三)), so it
 * can be decided: id QUARTER:CLAUSE:INDICATOR. */
static void deduction_line(const struct kh_fee_input *in, const struct kh_node *ded,
                           struct quarter_fee *q, xmlNodePtr fees)
{
	if (!ded || q->deduction == 0)
		return;
	const char *clause = kh_node_attr(ded, "clause");
	const char *ind = kh_node_attr(ded, "indicator");
	xmlNodePtr line = kh_fees_line(fees, "deduction", clause, q->deduction, q->reason);
	kh_fees_set(line, "period", q->name);
	kh_fees_set(line, "indicator", ind);
	count_state(q, kh_fees_decide(in, line, q->name, clause, ind), q->deduction);
}

/* Re-review costs charged to the insurer (第三条(三) "复核相关费用由乙方
 * 支付"): the cost an appeal of the quarter was decided with, a line of
 * its own under the deduction's clause, decided like the others. */
static void charge_lines(const struct kh_fee_input *in, const struct kh_node *ded,
                         struct quarter_fee *q, int last_in_scope, xmlNodePtr fees)
{
	const struct kh_adjustments *adj = in->records->adjust;
	char year[16], amount[48], text[512], key[64];
	snprintf(year, sizeof year, "%d", q->period.year);
	for (size_t i = 0; adj && i < adj->ncharges; i++) {
		const struct kh_charge *c = &adj->charges[i];
		if (strcmp(c->period, q->name) != 0 &&
		    !(last_in_scope && strcmp(c->period, year) == 0))
			continue;
		const char *clause = ded ? kh_node_attr(ded, "clause") : NULL;
		kh_fen_format_grouped(c->amount, amount, sizeof amount);
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "%s re-review of appeal %ld (%s), at the "
			         "insurer's cost: %s", q->name, c->appeal, c->indicator, amount);
		else
			snprintf(text, sizeof text, "%s 复核 %ld（%s）相关费用由乙方支付: %s",
			         q->name, c->appeal, c->indicator, amount);
		xmlNodePtr line = kh_fees_line(fees, "re-review-cost", clause, c->amount, text);
		kh_fees_set(line, "period", q->name);
		kh_fees_set(line, "indicator", c->indicator);
		snprintf(key, sizeof key, "re-review-%ld", c->appeal);
		count_state(q, kh_fees_decide(in, line, q->name, clause, key), c->amount);
	}
}

/* The quarter's figures once its lines are decided: deduction and damages
 * as computed, payable = fee less every line not waived, and
 * payable-confirmed = fee less the confirmed lines only. */
static void quarter_decided(const struct quarter_fee *q, xmlNodePtr qn)
{
	kh_fees_set_fen(qn, "payable", q->fee - q->proposed - q->confirmed);
	kh_fees_set_fen(qn, "confirmed", q->confirmed);
	kh_fees_set_fen(qn, "payable-confirmed", q->fee - q->confirmed);
}

static xmlNodePtr quarter_element(const struct quarter_fee *q, const struct kh_node *ded,
                                  const struct kh_node *m, xmlNodePtr fees)
{
	char rate_text[32];
	xmlNodePtr qn = xmlNewChild(fees, NULL, BAD_CAST "quarter", NULL);
	kh_fees_set(qn, "period", q->name);
	kh_fees_set_fen(qn, "fee", q->fee);
	kh_fees_set(qn, "deduction-rate",
	            kh_rate_format(q->deduct_rate, 4, rate_text, sizeof rate_text));
	kh_fees_set_fen(qn, "deduction", q->deduction);
	kh_fees_set_fen(qn, "damages", q->damages);
	kh_fees_set_fen(qn, "payable", q->fee - q->deduction - q->damages);
	kh_fees_set(qn, "clause", ded ? kh_node_attr(ded, "clause") : kh_node_attr(m, "clause"));
	kh_fees_set(qn, "reason", q->reason);
	return qn;
}

static void free_quarters(struct quarter_fee q[4])
{
	for (int i = 0; i < 4; i++)
		free(q[i].breaches);
}

int kh_fee_service(const struct kh_fee_input *in, xmlNodePtr fees)
{
	const struct kh_node *m = in->model;
	kh_fen unit_price;
	if (kh_money_fen(in, m, "unit-price", &unit_price))
		return -1;
	const char *parts_text = kh_node_attr(m, "parts");
	if (parts_text && strcmp(parts_text, "4") != 0)
		return kh_money_bad_attr(in, m, "parts", parts_text);
	struct quarter_fee q[4];
	split_quarters(in, 0, q);
	int any_in_term = 0;
	for (int i = 0; i < 4; i++)
		any_in_term |= q[i].in_term;
	if (!any_in_term) {
		outside_term(in, fees);
		kh_fees_totals(fees, 0, 0);
		return 0;
	}
	struct fee_basis b;
	fee_basis(in, &b);
	if (b.count < 0 || b.old_units > 0) {
		basis_missing(in, &b, fees);
		kh_fees_totals(fees, 0, 0);
		return 0;   /* no usable insured count: said so, nothing due */
	}
	kh_fen year_fee = unit_price * (kh_fen)b.count;
	split_quarters(in, year_fee, q);
	const struct kh_node *ded = NULL, *damages = quarter_damages_node(m);
	int rc = audit_deductions(in, q, &ded);
	if (!rc && damages)
		rc = find_breaches(in, damages, q);
	if (rc) {
		free_quarters(q);
		return -1;
	}
	annual_line(in, &b, unit_price, year_fee, q, fees);
	kh_fen total = 0;
	xmlNodePtr qn[4] = { NULL, NULL, NULL, NULL };
	int last = -1;
	for (int i = 0; i < 4; i++) {
		if (!q[i].in_scope)
			continue;
		qn[i] = quarter_element(&q[i], ded, m, fees);
		total += q[i].fee;
		last = i;
	}
	for (int i = 0; i < 4; i++)
		if (q[i].in_scope)
			deduction_line(in, ded, &q[i], fees);
	for (int i = 0; i < 4 && !rc && damages; i++)
		if (q[i].in_scope)
			rc = damages_lines(in, damages, &q[i], fees);
	for (int i = 0; i < 4 && !rc; i++)
		if (q[i].in_scope)
			charge_lines(in, ded, &q[i], i == last, fees);
	kh_fen proposed = 0, confirmed = 0, waived = 0;
	for (int i = 0; i < 4 && !rc; i++) {
		if (!q[i].in_scope)
			continue;
		quarter_decided(&q[i], qn[i]);
		proposed += q[i].proposed;
		confirmed += q[i].confirmed;
		waived += q[i].waived;
	}
	free_quarters(q);
	if (rc)
		return -1;
	/* due: every line not waived (the statement as proposed, what the
	 * regulator would take if it confirmed them all) */
	kh_fees_totals(fees, total, proposed + confirmed);
	kh_fees_decided(fees, total, proposed, confirmed, waived);
	return 0;
}
