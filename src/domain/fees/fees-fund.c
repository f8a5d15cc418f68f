/* fees-fund.c: the year-end settlement of the fund models as <fees> lines —
 * fund per capita with a profit cap, special staff cost and the profit
 * returned by the assessment (000 第十六/十八/三十一/三十三/三十四条) and fund
 * with a risk reserve the purchaser withholds and an assessment deposit
 * (001 第二十二–二十四条, 第三十六条).  Every line names the records it came
 * from; the last line is the balance every statement must satisfy
 * (settle.h, kh_fund_balance), and a statement that does not balance is
 * refused.  Integer fen only.  Pure: reads typed records (finance,
 * population, roster, facts, the settlement stream) and the grade, never
 * the store. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fees-fund.h"
#include "msg.h"
#include "settle.h"

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
		snprintf(text, sizeof text, "%s F = %s (%s %ld %s)",
		         kh_tr("当年筹集资金", "funds raised"), amount,
		         kh_tr("财务记录“资金到账”", "finance funds-received"), f->funds_rows,
		         kh_tr("条", "rows"));
	} else if (insured.count >= 0) {
		f->funds = per * (kh_fen)insured.count;
		kh_fen_format_grouped(per, price, sizeof price);
		kh_fen_format_grouped(f->funds, amount, sizeof amount);
		kh_fees_count_text(insured.count, count, sizeof count);
		snprintf(text, sizeof text, "%s F = %s × %s = %s (%s %s, %ld %s)",
		         kh_tr("当年筹集资金", "funds raised"), price, count, amount,
		         kh_tr("无资金到账记录；参保人数截至", "no funds-received rows; insured on"),
		         kh_day_format(insured.date, date), insured.rows,
		         kh_tr("条人口记录", "population rows"));
	} else {
		f->funds_missing = 1;
		snprintf(text, sizeof text, "%s",
		         kh_tr("没有当年的资金到账财务记录，也无法按人均筹资标准×参保人数计算，无法清算",
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
	f->claims_source = kh_tr("财务记录“赔付支出”", "finance claims-paid");
	if (f->claims_rows == 0) {
		if (kh_fees_settlements_paid(in, f->first, f->last, &f->claims, &f->claims_rows))
			return -1;
		f->claims_source = kh_tr("当年支付的结算记录", "settlements paid_amount");
	}
	kh_fen_format_grouped(f->claims, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s %ld %s)", kh_tr("当年赔付支出", "claims paid"),
	         amount, f->claims_source, f->claims_rows, kh_tr("条", "rows"));
	kh_fees_line(fees, "claims-paid", kh_node_attr(in->model, "clause"), f->claims, text);

	kh_fees_finance(finance, "operating-cost", f->first, f->last, &f->operating,
	                &f->operating_rows);
	kh_fen_format_grouped(f->operating, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s %ld %s) — %s",
	         kh_tr("运营成本", "operating cost"), amount,
	         kh_tr("财务记录“运营成本”", "finance operating-cost"),
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

void kh_fund_pct(struct kh_rate r, char *buf, size_t size)
{
	kh_rate_format_percent(r, 2, buf, size);
	/* "3.00%" reads better as "3%" */
	size_t len = strlen(buf);
	if (len > 4 && strcmp(buf + len - 4, ".00%") == 0)
		strcpy(buf + len - 4, "%");
}

static const char *grouped(kh_fen v, char *buf, size_t size)
{
	return kh_fen_format_grouped(v, buf, size);
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

/* --- reserve and deposit (001 第二十二条) ------------------------------------ */

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
	kh_fund_pct(rr, pct, sizeof pct);
	snprintf(text, sizeof text, "%s %s × F = %s — %s", kh_tr("风险调节金", "risk reserve"), pct,
	         grouped(sa->reserve, amount, sizeof amount),
	         kh_tr("甲方预留，不属乙方，用于弥补政策性亏损",
	               "withheld by the purchaser, not the insurer's: it covers policy losses"));
	kh_fees_line(fees, "reserve", kh_node_attr(sa->reserve_node, "clause"), sa->reserve, text);
	kh_fund_pct(dr, pct, sizeof pct);
	snprintf(text, sizeof text, "%s %s × F = %s — %s", kh_tr("年度考核保证金", "assessment deposit"),
	         pct, grouped(sa->deposit, amount, sizeof amount),
	         kh_tr("乙方的资金，由甲方预留至次年考核后按结果返还，计入结余",
	               "the insurer's money, held by the purchaser until the assessment; "
	               "inside the margin"));
	kh_fees_line(fees, "deposit", kh_node_attr(sa->deposit_node, "clause"), sa->deposit, text);
	return 0;
}

/* --- margin, cap, loss --------------------------------------------------------- */

/* The margin and the cap, then what is kept and what goes back above it. */
static void margin_lines(const struct kh_fee_input *in, const struct kh_cap_in *cin,
                         const struct kh_cap_out *out, const struct kh_node *capn,
                         const struct kh_node *lossn, const struct kh_node *staffn,
                         xmlNodePtr fees)
{
	char text[1024], amount[48], pct[32];
	int reserve_model = strcmp(in->model->name, "fund-reserve") == 0;
	const char *cap_clause = kh_node_attr(capn, "clause");
	grouped(out->margin, amount, sizeof amount);
	if (reserve_model)
		snprintf(text, sizeof text, "%s M = F − %s − %s = %s", kh_tr("结余", "margin"),
		         kh_tr("风险调节金", "risk reserve"), kh_tr("赔付支出", "claims paid"), amount);
	else
		snprintf(text, sizeof text, "%s M = F − %s = %s", kh_tr("结余", "margin"),
		         kh_tr("赔付支出", "claims paid"), amount);
	kh_fees_line(fees, "margin", cap_clause, out->margin, text);
	kh_fund_pct(cin->cap_rate, pct, sizeof pct);
	snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("盈利率上限（含运营成本）",
	                                                  "profit cap (operating cost inside)"),
	         pct, grouped(out->cap, amount, sizeof amount));
	kh_fees_line(fees, "cap", cap_clause, out->cap, text);
	if (out->margin < 0)
		return;
	const char *surplus_to = kh_node_attr(capn, "surplus-to");
	int to_fiscal = surplus_to && strcmp(surplus_to, "provincial-fiscal") == 0;
	const char *returned_kind = to_fiscal ? "surplus-to-fiscal" : "returned";
	const char *returned_clause = reserve_model ? kh_node_attr(lossn, "clause") : cap_clause;
	if (out->margin <= out->cap) {
		snprintf(text, sizeof text, "%s %s", kh_tr("结余未超上限，乙方留存全部结余:",
		                                           "margin within the cap, all kept:"),
		         grouped(out->kept, amount, sizeof amount));
		kh_fees_line(fees, "kept", cap_clause, out->kept, text);
		kh_fees_line(fees, returned_kind, returned_clause, 0,
		             kh_tr("结余未超上限，无超出部分", "nothing above the cap"));
		return;
	}
	snprintf(text, sizeof text, "%s M − %s = %s", kh_tr("超出上限部分", "above the cap:"),
	         kh_tr("上限", "cap"), grouped(out->excess, amount, sizeof amount));
	kh_fees_line(fees, "excess", cap_clause, out->excess, text);
	if (staffn) {
		char claimed[48], excess[48];
		grouped(cin->staff_cost, claimed, sizeof claimed);
		grouped(out->excess, excess, sizeof excess);
		grouped(out->staff_allowed, amount, sizeof amount);
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "staff cost allowed min(%s, excess %s) = %s",
			         claimed, excess, amount);
		else
			snprintf(text, sizeof text, "可扣除专项成本 取 %s 与超出部分 %s 的较小者 = %s",
			         claimed, excess, amount);
		kh_fees_line(fees, "staff-cost-allowed", kh_node_attr(staffn, "clause"),
		             out->staff_allowed, text);
	}
	grouped(out->kept, amount, sizeof amount);
	if (staffn)
		snprintf(text, sizeof text, "%s %s", kh_tr("乙方留存 = 上限 + 可扣除专项成本:",
		                                           "kept by the insurer = cap + staff cost allowed:"),
		         amount);
	else
		snprintf(text, sizeof text, "%s %s", kh_tr("乙方留存 = 上限:", "kept by the insurer = cap:"),
		         amount);
	kh_fees_line(fees, "kept", cap_clause, out->kept, text);
	snprintf(text, sizeof text, "%s %s",
	         to_fiscal ? kh_tr("结余超出部分转入省财政专户:", "surplus to the provincial fiscal account:")
	                   : kh_tr("超出部分返还甲方:", "returned to the purchaser:"),
	         grouped(out->returned, amount, sizeof amount));
	kh_fees_line(fees, returned_kind, returned_clause, out->returned, text);
}

/* A loss (M < 0): what the insurer bears and where the rest comes from;
 * the reserve left is lowered by what it covers.  *elsewhere what neither
 * the insurer nor the reserve covers. */
static void loss_lines(const struct kh_fee_input *in, const struct kh_cap_in *cin,
                       const struct kh_cap_out *out, const struct kh_node *lossn,
                       struct set_aside *sa, int reserve_model, xmlNodePtr fees,
                       kh_fen *elsewhere)
{
	char text[1024], amount[48], pct[32];
	int policy = in->money->loss_policy;
	const char *loss_clause = kh_node_attr(lossn, "clause");
	grouped(out->loss, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s)", kh_tr("年度亏损", "loss of the year"), amount,
	         policy ? kh_tr("甲方认定为政策性亏损", "declared policy-related (--loss policy)")
	                : kh_tr("非政策性亏损，或未经甲方认定为政策性亏损",
	                        "not declared policy-related"));
	kh_fees_line(fees, "loss", loss_clause, out->loss, text);
	kh_fund_pct(cin->loss_cap_rate, pct, sizeof pct);
	grouped(out->insurer_loss, amount, sizeof amount);
	if (policy && kh_lang == KH_LANG_EN)
		snprintf(text, sizeof text, "borne by the insurer min(loss, %s × F) = %s", pct, amount);
	else if (policy)
		snprintf(text, sizeof text, "乙方在盈利率范围内承担 取亏损与 %s × F 的较小者 = %s",
		         pct, amount);
	else
		snprintf(text, sizeof text, "%s %s", kh_tr("乙方全部承担:", "borne in full by the insurer:"),
		         amount);
	kh_fees_line(fees, "insurer-loss", loss_clause, out->insurer_loss, text);
	*elsewhere = 0;
	if (out->other_loss > 0 && reserve_model) {
		kh_fen used, beyond;
		kh_settle_reserve(out->other_loss, sa->reserve, &used, &beyond);
		snprintf(text, sizeof text, "%s %s", kh_tr("由风险调节金弥补:", "covered by the reserve:"),
		         grouped(used, amount, sizeof amount));
		kh_fees_line(fees, "reserve-used", loss_clause, used, text);
		sa->reserve -= used;
		snprintf(text, sizeof text, "%s %s", kh_tr("风险调节金不足部分，由提高下年度筹资水平等方式解决:",
		                                           "beyond the reserve, to next year's funding:"),
		         grouped(beyond, amount, sizeof amount));
		kh_fees_line(fees, "loss-beyond-reserve", loss_clause, beyond, text);
		*elsewhere = beyond;
	} else if (out->other_loss > 0) {
		snprintf(text, sizeof text, "%s %s", kh_tr("其余通过累计结余、提高筹资水平等方式解决:",
		                                           "the rest from accumulated balance or higher funding:"),
		         grouped(out->other_loss, amount, sizeof amount));
		kh_fees_line(fees, "loss-other", loss_clause, out->other_loss, text);
		*elsewhere = out->other_loss;
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
		             kh_tr("资金清算按年度进行：请以年度为期间",
		                   "the fund is settled by year: use a year period (kaohe settle --year)"));
		return 1;
	}
	*f = (struct fund_facts){ 0 };
	f->year = p->year;
	f->first = p->first;
	f->last = p->last < in->as_of ? p->last : in->as_of;
	return 0;
}

/* --- the balance (the statement's last line) ------------------------------------ */

static int balance_line(const struct kh_fee_input *in, const struct kh_fund_balance *b,
                        int reserve_model, int to_fiscal, xmlNodePtr fees)
{
	char text[1536], v[9][48];
	kh_fen gap = kh_fund_balance_gap(b);
	grouped(b->funds, v[0], sizeof v[0]);
	grouped(b->from_elsewhere, v[1], sizeof v[1]);
	grouped(b->claims, v[2], sizeof v[2]);
	grouped(b->reserve_left, v[3], sizeof v[3]);
	grouped(b->insurer_net, v[4], sizeof v[4]);
	grouped(b->paid_over, v[5], sizeof v[5]);
	grouped(b->withheld, v[6], sizeof v[6]);
	grouped(b->damages, v[7], sizeof v[7]);
	grouped(gap, v[8], sizeof v[8]);
	char reserve[128] = "";
	if (reserve_model)
		snprintf(reserve, sizeof reserve, " + %s %s", kh_tr("风险调节金余额", "reserve left"), v[3]);
	snprintf(text, sizeof text,
	         "%s: %s F %s + %s %s = %s %s%s + %s %s + %s %s + %s %s + %s %s%s",
	         kh_tr("平衡校验", "balance"),
	         kh_tr("筹集资金", "funds raised"), v[0],
	         reserve_model ? kh_tr("调节金不足由下年度筹资等解决", "beyond the reserve, from next year's funding")
	                       : kh_tr("由累计结余、提高筹资水平等解决", "from the accumulated balance or funding"),
	         v[1], kh_tr("赔付支出", "claims paid"), v[2], reserve,
	         kh_tr("乙方净结果", "insurer's net result"), v[4],
	         to_fiscal ? kh_tr("转入省财政专户", "to the fiscal account")
	                   : kh_tr("返还甲方", "returned to the purchaser"), v[5],
	         reserve_model ? kh_tr("不予返还的保证金", "deposit withheld")
	                       : kh_tr("不予返还的盈利", "profit withheld"), v[6],
	         kh_tr("违约金", "damages"), v[7],
	         gap == 0 ? kh_tr("，相符", ": balances") : kh_tr("，不相符", ": does NOT balance"));
	kh_fees_line(fees, "balance", NULL, b->funds + b->from_elsewhere, text);
	if (gap != 0) {
		kh_error("%s: %s %s (%s)", in->contract->id,
		         kh_tr("资金清算不平衡，差额", "the fund statement does not balance by"), v[8],
		         kh_tr("程序错误，请报告", "a bug: please report it"));
		return kh_fail(in->err, KH_ERR_SOFTWARE);
	}
	return 0;
}

int kh_fee_fund(const struct kh_fee_input *in, xmlNodePtr fees)
{
	int reserve_model = strcmp(in->model->name, "fund-reserve") == 0;
	char text[1024], amount[48];
	struct fund_facts f;
	if (settle_year(in, &f, fees))
		return 0;
	struct kh_fund_grade grade;
	if (kh_fund_grade(in, &grade))
		return -1;
	if (funds_line(in, &f, fees))
		return -1;
	if (f.funds_missing)
		return 0;
	if (claims_lines(in, &f, fees))
		return -1;

	const struct kh_node *capn, *lossn;
	const struct kh_node *staffn = kh_node_child(in->model, "staff-cost");
	struct kh_cap_in cin = { f.funds, f.claims, { 0, 1 }, 0, in->money->loss_policy,
	                         { 0, 1 }, 0 };
	if (required_child(in, "profit-cap", &capn) ||
	    kh_money_rate(in, capn, "rate", &cin.cap_rate) ||
	    required_child(in, "loss", &lossn) ||
	    kh_money_rate(in, lossn, "policy-cap", &cin.loss_cap_rate))
		return -1;
	struct set_aside sa = { NULL, NULL, 0, 0 };
	if (reserve_model && set_aside_lines(in, &f, &sa, fees))
		return -1;
	cin.withheld = sa.reserve;
	if (staffn && staff_cost(in, staffn, &f, fees, &cin.staff_cost))
		return -1;

	struct kh_cap_out out;
	kh_settle_cap(&cin, &out);
	margin_lines(in, &cin, &out, capn, lossn, staffn, fees);
	kh_fen elsewhere = 0;
	if (out.margin < 0)
		loss_lines(in, &cin, &out, lossn, &sa, reserve_model, fees, &elsewhere);
	kh_fen insurer = out.margin >= 0 ? out.kept : -out.insurer_loss;

	/* money held until the assessment: the deposit (001 第二十二条), the
	 * profit kept (000 第三十一条) */
	kh_fen forfeited = 0;
	if (reserve_model) {
		snprintf(text, sizeof text, "%s %s", kh_tr("风险调节金余额（甲方留存）:",
		                                           "reserve left (kept by the purchaser):"),
		         grouped(sa.reserve, amount, sizeof amount));
		kh_fees_line(fees, "reserve-left", kh_node_attr(sa.reserve_node, "clause"),
		             sa.reserve, text);
		if (kh_fund_held_lines(in, sa.deposit_node, "deposit", "年度考核保证金",
		                       "assessment deposit", sa.deposit, &grade, fees, &forfeited))
			return -1;
	} else {
		const struct kh_node *pr = kh_node_child(in->model, "profit-return");
		if (pr && out.kept > 0 &&
		    kh_fund_held_lines(in, pr, "profit", "乙方盈利", "the insurer's profit", out.kept,
		                       &grade, fees, &forfeited))
			return -1;
	}
	kh_fen damages = 0;
	if (kh_fund_damages(in, &f, fees, &damages))
		return -1;
	kh_fen due = insurer - forfeited - damages;
	snprintf(text, sizeof text, "%s %s", kh_tr("乙方年度净结果:", "insurer's net result:"),
	         grouped(due, amount, sizeof amount));
	kh_fees_line(fees, "insurer-net", NULL, due, text);

	const char *surplus_to = kh_node_attr(capn, "surplus-to");
	struct kh_fund_balance b = {
		.funds = f.funds, .from_elsewhere = elsewhere, .claims = f.claims,
		.reserve_left = sa.reserve, .insurer_net = due, .paid_over = out.returned,
		.withheld = forfeited, .damages = damages };
	if (balance_line(in, &b, reserve_model,
	                 surplus_to && strcmp(surplus_to, "provincial-fiscal") == 0, fees))
		return -1;
	kh_fees_totals(fees, out.margin, out.margin - due);
	return 0;
}
