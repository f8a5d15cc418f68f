/* fees-fund.c: the year-end settlement of the fund models as <fees> lines —
 * fund per capita with a profit cap and special staff cost (000 第十六/十八/
 * 三十三/三十四条) and fund with risk reserve and assessment deposit (001
 * 第二十二–二十四条).  Every line names the records it came from.  Integer
 * fen only.  Pure: reads typed records (finance, population, roster, the
 * settlement stream) and the judged grade, never the store. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fees-lib.h"
#include "msg.h"
#include "settle.h"

struct fund_facts {
	int year;
	kh_day first, last;       /* the year, cut at the as-of day */
	kh_fen funds, claims, operating;
	long funds_rows, claims_rows, operating_rows;
	const char *claims_source;  /* "finance" or "settlements" */
	int funds_missing;
};

/* F: the year's funds-received rows, else per-capita × the insured in
 * force at the end of the year (cut at the as-of day).  A line either way;
 * f->funds_missing when neither is known. */
static int funds_line(const struct kh_fee_input *in, struct fund_facts *f,
                      xmlNodePtr fees)
{
	const struct kh_node *model = in->model;
	char text[1024], amount[48], date[KH_DAY_BUFSZ], price[48], count[48];
	const char *clause = kh_node_attr(model, "clause");
	kh_fees_finance(&in->records->finance, "funds-received", f->first, f->last,
	                &f->funds, &f->funds_rows);
	struct kh_insured insured = { -1, 0, 0, 0 };
	kh_fen per = 0;
	if (f->funds_rows == 0 && kh_node_attr(model, "per-capita")) {
		if (kh_money_fen(in, model, "per-capita", &per))
			return -1;
		kh_fees_insured(&in->records->population, f->last, &insured);
	}
	if (f->funds_rows > 0) {
		kh_fen_format_grouped(f->funds, amount, sizeof amount);
		snprintf(text, sizeof text, "%s F = %s (%s funds-received %ld %s)",
		         kh_tr("当年筹集资金", "funds raised"), amount,
		         kh_tr("财务记录", "finance"), f->funds_rows, kh_tr("条", "rows"));
	} else if (insured.count >= 0) {
		f->funds = per * (kh_fen)insured.count;
		kh_fen_format_grouped(per, price, sizeof price);
		kh_fen_format_grouped(f->funds, amount, sizeof amount);
		kh_fees_count_text(insured.count, count, sizeof count);
		snprintf(text, sizeof text, "%s F = %s × %s = %s (%s %s, %ld %s)",
		         kh_tr("当年筹集资金", "funds raised"), price, count, amount,
		         kh_tr("无 funds-received 记录；参保人数", "no funds-received rows; insured on"),
		         kh_day_format(insured.date, date), insured.rows,
		         kh_tr("条人口记录", "population rows"));
	} else {
		f->funds_missing = 1;
		snprintf(text, sizeof text, "%s",
		         kh_tr("没有当年 funds-received 财务记录，也无法按人均筹资标准×参保人数计算，无法清算",
		               "no funds-received finance rows and no per-capita × insured: cannot settle"));
		kh_fees_line(fees, "missing-funds", clause, 0, text);
		return 0;
	}
	kh_fees_line(fees, "funds", clause, f->funds, text);
	return 0;
}

/* Claims paid: the year's claims-paid finance rows, else the settlements
 * paid in the year; then the operating cost, shown only. */
static int claims_lines(const struct kh_fee_input *in, struct fund_facts *f,
                        xmlNodePtr fees)
{
	const struct kh_finance *finance = &in->records->finance;
	char text[1024], amount[48];
	kh_fees_finance(finance, "claims-paid", f->first, f->last, &f->claims,
	                &f->claims_rows);
	f->claims_source = kh_tr("财务记录 claims-paid", "finance claims-paid");
	if (f->claims_rows == 0) {
		if (kh_fees_settlements_paid(in, f->first, f->last, &f->claims, &f->claims_rows))
			return -1;
		f->claims_source = kh_tr("结算记录 支付金额", "settlements paid_amount");
	}
	kh_fen_format_grouped(f->claims, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s %ld %s)", kh_tr("当年赔付支出", "claims paid"),
	         amount, f->claims_source, f->claims_rows, kh_tr("条", "rows"));
	kh_fees_line(fees, "claims-paid", kh_node_attr(in->model, "clause"), f->claims, text);

	kh_fees_finance(finance, "operating-cost", f->first, f->last, &f->operating,
	                &f->operating_rows);
	kh_fen_format_grouped(f->operating, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s operating-cost %ld %s) — %s",
	         kh_tr("运营成本", "operating cost"), amount, kh_tr("财务记录", "finance"),
	         f->operating_rows, kh_tr("条", "rows"),
	         kh_tr("盈利率含运营成本，仅列示，不从结余中扣除",
	               "inside the profit cap: shown, not subtracted from the margin"));
	kh_fees_line(fees, "operating-cost", NULL, f->operating, text);
	return 0;
}

/* --- special staff cost (000 第十八条(1)) ---------------------------------- */

/* One person of the roster: assignments [start, end] are rows[from, to) of
 * the roster (sorted by staff_id). */
struct person {
	const struct kh_assignment *rows;
	size_t n;
	int resident, medical;    /* on `post` during the year; a medical such post */
};

/* The person whose rows start at roster->rows[at]; marks whether they held
 * `post` during [from, to]. */
static struct person person_at(const struct kh_roster *roster, size_t at,
                               const char *post, kh_day from, kh_day to)
{
	struct person p = { &roster->rows[at], 0, 0, 0 };
	while (at + p.n < roster->count &&
	       strcmp(roster->rows[at + p.n].staff_id, p.rows[0].staff_id) == 0)
		p.n++;
	for (size_t k = 0; k < p.n; k++) {
		const struct kh_assignment *a = &p.rows[k];
		if (strcmp(a->post, post) == 0 && a->start <= to && a->end >= from) {
			p.resident = 1;
			if (strcmp(a->specialty, "medical") == 0)
				p.medical = 1;
		}
	}
	return p;
}

/* Days of [from, to] the person was on the project (any post, once a day). */
static long person_days(const struct person *p, kh_day from, kh_day to)
{
	kh_day *first = kh_xcalloc(p->n, sizeof *first);
	kh_day *last = kh_xcalloc(p->n, sizeof *last);
	for (size_t k = 0; k < p->n; k++) {
		first[k] = p->rows[k].start;
		last[k] = p->rows[k].end;
	}
	long days = kh_days_covered(first, last, p->n, from, to);
	free(first);
	free(last);
	return days;
}

static void staff_person_line(const struct kh_node *sc, const struct person *p,
                              long days, long min_days, kh_fen cost, xmlNodePtr fees)
{
	char text[512], amount[48];
	kh_fen_format_grouped(cost, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s %s, %s %ld %s %s %ld → %s", p->rows[0].staff_id,
	         p->rows[0].name,
	         p->medical ? kh_tr("医学专业", "medical") : kh_tr("非医学专业", "non-medical"),
	         kh_tr("当年在项目", "on the project"), days, kh_tr("日", "days"),
	         days > min_days ? ">" : "≤", min_days, amount);
	xmlNodePtr line = kh_fees_line(fees, "staff-person", kh_node_attr(sc, "clause"),
	                               cost, text);
	kh_fees_set(line, "staff", p->rows[0].staff_id);
}

/* One line per person on the post in the year; *total the cost claimed. */
static int staff_cost(const struct kh_fee_input *in, const struct kh_node *sc,
                      const struct fund_facts *f, xmlNodePtr fees, kh_fen *total)
{
	kh_fen per, medical;
	*total = 0;
	if (kh_money_fen(in, sc, "per-person", &per))
		return -1;
	medical = per;
	if (kh_node_attr(sc, "medical") && kh_money_fen(in, sc, "medical", &medical))
		return -1;
	const char *min_text = kh_node_attr(sc, "min-days");
	long min_days = min_text ? atol(min_text) : 0;
	const char *post = kh_node_attr(sc, "post");
	const struct kh_roster *roster = &in->records->roster;
	long qualified = 0, listed = 0;
	for (size_t at = 0; at < roster->count;) {
		struct person p = person_at(roster, at, post ? post : "resident", f->first,
		                            f->last);
		at += p.n;
		if (!p.resident)
			continue;
		listed++;
		long days = person_days(&p, f->first, f->last);
		kh_fen cost = kh_staff_cost(days, p.medical, min_days, per, medical);
		staff_person_line(sc, &p, days, min_days, cost, fees);
		if (cost > 0)
			qualified++;
		*total += cost;
	}
	char text[512], amount[48];
	kh_fen_format_grouped(*total, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s: %ld %s, %ld %s %ld %s)",
	         kh_tr("派驻人员专项成本", "special staff cost"), amount,
	         kh_tr("花名册", "roster"), listed, kh_tr("人在岗", "on the post"), qualified,
	         kh_tr("人超过", "over"), min_days, kh_tr("日", "days"));
	kh_fees_line(fees, "staff-cost", kh_node_attr(sc, "clause"), *total, text);
	return 0;
}

/* --- the settlement ---------------------------------------------------------- */

static void pct_text(struct kh_rate r, char *buf, size_t size)
{
	kh_rate_format_percent(r, 2, buf, size);
	/* "3.00%" reads better as "3%" */
	size_t len = strlen(buf);
	if (len > 4 && strcmp(buf + len - 4, ".00%") == 0)
		strcpy(buf + len - 4, "%");
}

/* A child element the schema requires; -1 with a message when absent. */
static int required_child(const struct kh_fee_input *in, const char *name,
                          const struct kh_node **out)
{
	*out = kh_node_child(in->model, name);
	if (*out)
		return 0;
	kh_error_at(in->contract->id, in->model->line, 0, "%s <%s> %s <%s>",
	            kh_tr("金额条款", "money element"), in->model->name,
	            kh_tr("缺少", "lacks"), name);
	return kh_fail(in->err, KH_ERR_DATA);
}

static int deposit_lines(const struct kh_fee_input *in, const struct kh_node *deposit,
                         kh_fen held, xmlNodePtr fees, kh_fen *forfeited)
{
	char text[512], amount[48], pct[32];
	const char *grade = kh_fees_grade(in);
	const struct kh_node *ret = NULL;
	for (size_t i = 0; grade && i < deposit->nchildren; i++) {
		const char *g = kh_node_attr(&deposit->children[i], "grade");
		if (strcmp(deposit->children[i].name, "return") == 0 && g && strcmp(g, grade) == 0)
			ret = &deposit->children[i];
	}
	*forfeited = 0;
	if (!ret) {
		snprintf(text, sizeof text, "%s%s%s", kh_tr("考核等级", "grade"),
		         grade ? grade : kh_tr("未评定", " not determined"),
		         kh_tr("，保证金返还比例表无此等级，暂不返还", ": not in the return table, held"));
		kh_fees_line(fees, "deposit-returned", kh_node_attr(deposit, "clause"), 0, text);
		return 0;
	}
	struct kh_rate rate;
	if (kh_money_rate(in, ret, "rate", &rate))
		return -1;
	kh_fen back = kh_fen_mul_rate(held, rate);
	*forfeited = held - back;
	const char *def = kh_node_attr(ret, "default");
	pct_text(rate, pct, sizeof pct);
	kh_fen_format_grouped(back, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s → %s %s: %s%s", kh_tr("考核等级", "grade"), grade,
	         kh_tr("返还保证金", "deposit returned"), pct, amount,
	         def && strcmp(def, "yes") == 0
	                 ? kh_tr("（返还比例为模板默认值，以考核方案为准）",
	                         " (return share is the template's default)") : "");
	xmlNodePtr line = kh_fees_line(fees, "deposit-returned", kh_node_attr(deposit, "clause"),
	                               back, text);
	kh_fees_set(line, "grade", grade);
	kh_fen_format_grouped(*forfeited, amount, sizeof amount);
	snprintf(text, sizeof text, "%s: %s", kh_tr("不予返还的保证金", "deposit withheld"), amount);
	kh_fees_line(fees, "deposit-withheld", kh_node_attr(deposit, "clause"), *forfeited, text);
	return 0;
}

/* Damages of the fund models, when declared: 5% of F on termination, and
 * 0.05% a day of the outstanding refund. */
static int fund_damages(const struct kh_fee_input *in, const struct fund_facts *f,
                        kh_fen outstanding, xmlNodePtr fees, kh_fen *total)
{
	const struct kh_node *model = in->model;
	const struct kh_money_opts *opts = in->money;
	char text[512], amount[48], pct[32], base[48];
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
		kh_rate_format_percent(rate, 2, pct, sizeof pct);
		kh_fen amount_fen;
		if (of && strcmp(of, "funds") == 0 && opts->terminated) {
			amount_fen = kh_fen_mul_rate(f->funds, rate);
			kh_fen_format_grouped(amount_fen, amount, sizeof amount);
			snprintf(text, sizeof text, "%s → %s × F: %s",
			         kh_tr("合同解除 (--terminated)", "terminated (--terminated)"), pct, amount);
		} else if (of && strcmp(of, "outstanding") == 0 && per &&
		           strcmp(per, "day") == 0 && opts->late_days > 0) {
			amount_fen = kh_fen_muldiv(outstanding, rate.num * opts->late_days, rate.den);
			kh_fen_format_grouped(amount_fen, amount, sizeof amount);
			kh_fen_format_grouped(outstanding, base, sizeof base);
			snprintf(text, sizeof text, "%s %s × %s × %ld %s: %s",
			         kh_tr("逾期退还剩余资金", "late refund of"), base, pct,
			         opts->late_days, kh_tr("日", "days"), amount);
		} else {
			continue;
		}
		kh_fees_line(fees, "damages", kh_node_attr(d, "clause"), amount_fen, text);
		*total += amount_fen;
	}
	return 0;
}

/* The reserve and deposit set aside out of F (001 第二十二条). */
struct set_aside {
	const struct kh_node *reserve_node, *deposit_node;
	kh_fen reserve, deposit;
};

static int set_aside_lines(const struct kh_fee_input *in, const struct fund_facts *f,
                           struct set_aside *sa, xmlNodePtr fees)
{
	char text[512], amount[48], pct[32];
	struct kh_rate rr, dr;
	if (required_child(in, "reserve", &sa->reserve_node) ||
	    kh_money_rate(in, sa->reserve_node, "rate", &rr) ||
	    required_child(in, "deposit", &sa->deposit_node) ||
	    kh_money_rate(in, sa->deposit_node, "rate", &dr))
		return -1;
	sa->reserve = kh_fen_mul_rate(f->funds, rr);
	sa->deposit = kh_fen_mul_rate(f->funds, dr);
	pct_text(rr, pct, sizeof pct);
	kh_fen_format_grouped(sa->reserve, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("风险调节金", "risk reserve"), pct, amount);
	kh_fees_line(fees, "reserve", kh_node_attr(sa->reserve_node, "clause"), sa->reserve, text);
	pct_text(dr, pct, sizeof pct);
	kh_fen_format_grouped(sa->deposit, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("年度考核保证金", "assessment deposit"),
	         pct, amount);
	kh_fees_line(fees, "deposit", kh_node_attr(sa->deposit_node, "clause"), sa->deposit, text);
	return 0;
}

/* The margin and the cap, then what is kept and returned above the cap. */
static void margin_lines(const struct kh_fee_input *in, const struct kh_cap_in *cin,
                         const struct kh_cap_out *out, const struct kh_node *capn,
                         const struct kh_node *lossn, const struct kh_node *staffn,
                         xmlNodePtr fees)
{
	char text[1024], amount[48], pct[32];
	int reserve_model = strcmp(in->model->name, "fund-reserve") == 0;
	const char *cap_clause = kh_node_attr(capn, "clause");
	kh_fen_format_grouped(out->margin, amount, sizeof amount);
	snprintf(text, sizeof text, "%s M = F − %s = %s", kh_tr("结余", "margin"),
	         kh_tr("赔付支出", "claims paid"), amount);
	kh_fees_line(fees, "margin", cap_clause, out->margin, text);
	pct_text(cin->cap_rate, pct, sizeof pct);
	kh_fen_format_grouped(out->cap, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("盈利率上限（含运营成本）",
	                                                  "profit cap (operating cost inside)"),
	         pct, amount);
	kh_fees_line(fees, "cap", cap_clause, out->cap, text);
	if (out->margin < 0)
		return;
	const char *surplus_to = kh_node_attr(capn, "surplus-to");
	int to_fiscal = surplus_to && strcmp(surplus_to, "provincial-fiscal") == 0;
	const char *returned_kind = to_fiscal ? "surplus-to-fiscal" : "returned";
	if (out->margin <= out->cap) {
		kh_fen_format_grouped(out->kept, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("结余未超上限，乙方留存全部结余:",
		                                           "margin within the cap, all kept:"), amount);
		kh_fees_line(fees, "kept", cap_clause, out->kept, text);
		kh_fees_line(fees, returned_kind, cap_clause, 0,
		             kh_tr("无超出部分", "nothing above the cap"));
		return;
	}
	kh_fen_format_grouped(out->excess, amount, sizeof amount);
	snprintf(text, sizeof text, "%s M − %s = %s", kh_tr("超出上限部分", "above the cap:"),
	         kh_tr("上限", "cap"), amount);
	kh_fees_line(fees, "excess", cap_clause, out->excess, text);
	if (staffn) {
		char claimed[48];
		kh_fen_format_grouped(cin->staff_cost, claimed, sizeof claimed);
		kh_fen_format_grouped(out->staff_allowed, amount, sizeof amount);
		snprintf(text, sizeof text, kh_lang == KH_LANG_EN ? "%s min(%s, %s) = %s" : "%s 取 %s 与 %s 的较小者 = %s",
		         kh_tr("可扣除专项成本", "staff cost allowed"), claimed,
		         kh_tr("超出部分", "excess"), amount);
		kh_fees_line(fees, "staff-cost-allowed", kh_node_attr(staffn, "clause"),
		             out->staff_allowed, text);
	}
	kh_fen_format_grouped(out->kept, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s", kh_tr("乙方留存 = 上限 + 可扣除专项成本:",
	                                           "kept by the insurer = cap + staff cost allowed:"),
	         amount);
	kh_fees_line(fees, "kept", cap_clause, out->kept, text);
	kh_fen_format_grouped(out->returned, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s",
	         to_fiscal ? kh_tr("结余超出部分转入省财政专户:", "surplus to the provincial fiscal account:")
	                   : kh_tr("超出部分返还甲方:", "returned to the purchaser:"),
	         amount);
	kh_fees_line(fees, returned_kind,
	             reserve_model ? kh_node_attr(lossn, "clause") : cap_clause,
	             out->returned, text);
}

/* A loss (M < 0): what the insurer bears and where the rest comes from;
 * the reserve left is lowered by what it covers. */
static void loss_lines(const struct kh_fee_input *in, const struct kh_cap_in *cin,
                       const struct kh_cap_out *out, const struct kh_node *lossn,
                       struct set_aside *sa, xmlNodePtr fees)
{
	char text[1024], amount[48], pct[32];
	int policy = in->money->loss_policy;
	int reserve_model = strcmp(in->model->name, "fund-reserve") == 0;
	const char *loss_clause = kh_node_attr(lossn, "clause");
	kh_fen_format_grouped(out->loss, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s)", kh_tr("年度亏损", "loss of the year"), amount,
	         policy ? kh_tr("认定为政策性亏损 (--loss policy)",
	                        "declared policy-related (--loss policy)")
	                : kh_tr("非政策性亏损", "not policy-related"));
	kh_fees_line(fees, "loss", loss_clause, out->loss, text);
	pct_text(cin->loss_cap_rate, pct, sizeof pct);
	kh_fen_format_grouped(out->insurer_loss, amount, sizeof amount);
	if (policy)
		snprintf(text, sizeof text, kh_lang == KH_LANG_EN ? "%s min(%s, %s × F) = %s" : "%s 取 %s 与 %s × F 的较小者 = %s",
		         kh_tr("乙方承担", "borne by the insurer"), kh_tr("亏损", "loss"), pct, amount);
	else
		snprintf(text, sizeof text, "%s %s", kh_tr("乙方全部承担:", "borne in full by the insurer:"),
		         amount);
	kh_fees_line(fees, "insurer-loss", loss_clause, out->insurer_loss, text);
	if (out->other_loss > 0 && reserve_model) {
		kh_fen used, beyond;
		kh_settle_reserve(out->other_loss, sa->reserve, &used, &beyond);
		kh_fen_format_grouped(used, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("由风险调节金弥补:", "covered by the reserve:"),
		         amount);
		kh_fees_line(fees, "reserve-used", loss_clause, used, text);
		sa->reserve -= used;
		kh_fen_format_grouped(beyond, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("风险调节金不足部分，由提高下年度筹资水平等方式解决:",
		                                           "beyond the reserve, to next year's funding:"),
		         amount);
		kh_fees_line(fees, "loss-beyond-reserve", loss_clause, beyond, text);
	} else if (out->other_loss > 0) {
		kh_fen_format_grouped(out->other_loss, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("其余通过累计结余、提高筹资水平等方式解决:",
		                                           "the rest from accumulated balance or higher funding:"),
		         amount);
		kh_fees_line(fees, "loss-other", loss_clause, out->other_loss, text);
	}
}

/* The year, cut at the as-of day; 0, or 1 after a note when the period is
 * not a year. */
static int settle_year(const struct kh_fee_input *in, struct fund_facts *f,
                       xmlNodePtr fees)
{
	const struct kh_period *p = &in->period;
	if (p->kind != KH_PERIOD_YEAR) {
		kh_fees_line(fees, "note", kh_node_attr(in->model, "clause"), 0,
		             kh_tr("资金清算按年度进行：请以年度为期间 (kaohe settle --year)",
		                   "the fund is settled by year: use a year period (kaohe settle --year)"));
		return 1;
	}
	*f = (struct fund_facts){ 0 };
	f->year = p->year;
	f->first = p->first;
	f->last = p->last < in->as_of ? p->last : in->as_of;
	return 0;
}

int kh_fee_fund(const struct kh_fee_input *in, xmlNodePtr fees)
{
	int reserve_model = strcmp(in->model->name, "fund-reserve") == 0;
	char text[1024], amount[48];
	struct fund_facts f;
	if (settle_year(in, &f, fees))
		return 0;
	if (funds_line(in, &f, fees))
		return -1;
	if (f.funds_missing)
		return 0;
	if (claims_lines(in, &f, fees))
		return -1;

	const struct kh_node *capn, *lossn;
	const struct kh_node *staffn = kh_node_child(in->model, "staff-cost");
	struct kh_cap_in cin = { f.funds, f.claims, { 0, 1 }, 0, in->money->loss_policy, { 0, 1 } };
	if (required_child(in, "profit-cap", &capn) ||
	    kh_money_rate(in, capn, "rate", &cin.cap_rate) ||
	    required_child(in, "loss", &lossn) ||
	    kh_money_rate(in, lossn, "policy-cap", &cin.loss_cap_rate))
		return -1;
	struct set_aside sa = { NULL, NULL, 0, 0 };
	if (reserve_model && set_aside_lines(in, &f, &sa, fees))
		return -1;
	if (staffn && staff_cost(in, staffn, &f, fees, &cin.staff_cost))
		return -1;

	struct kh_cap_out out;
	kh_settle_cap(&cin, &out);
	margin_lines(in, &cin, &out, capn, lossn, staffn, fees);
	if (out.margin < 0)
		loss_lines(in, &cin, &out, lossn, &sa, fees);
	kh_fen insurer = out.margin >= 0 ? out.kept : -out.insurer_loss;

	kh_fen withheld = 0, damages = 0;
	if (reserve_model) {
		kh_fen_format_grouped(sa.reserve, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("风险调节金余额:", "reserve left:"), amount);
		kh_fees_line(fees, "reserve-left", kh_node_attr(sa.reserve_node, "clause"),
		             sa.reserve, text);
		if (deposit_lines(in, sa.deposit_node, sa.deposit, fees, &withheld))
			return -1;
	}
	if (fund_damages(in, &f, out.returned, fees, &damages))
		return -1;
	kh_fen due = insurer - withheld - damages;
	kh_fen_format_grouped(due, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s", kh_tr("乙方年度净结果:", "insurer's net result:"), amount);
	kh_fees_line(fees, "insurer-net", NULL, due, text);
	kh_fees_totals(fees, out.margin, out.margin - due);
	return 0;
}
