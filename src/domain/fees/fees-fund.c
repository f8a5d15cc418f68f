/* fees-fund.c: the year-end settlement of the fund models as <fees> lines —
 * fund per capita with a profit cap and special staff cost (000 第十六/十八/
 * 三十三/三十四条) and fund with risk reserve and assessment deposit (001
 * 第二十二–二十四条).  Every line names the records it came from.  Integer
 * fen only; never changes the store. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "msg.h"
#include "settle.h"
#include "sql.h"

struct fund_facts {
	int year;
	kh_day first, last;       /* the year, cut at the as-of day */
	kh_fen funds, claims, operating;
	long funds_rows, claims_rows, operating_rows;
	const char *claims_source;  /* "finance" or "settlements" */
	int funds_missing;
};

static int store_fail(sqlite3 *db, sqlite3_stmt *st)
{
	kh_error("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return EX_IOERR;
}

static void bind_day(sqlite3_stmt *st, int index, kh_day d)
{
	char buf[KH_DAY_BUFSZ];
	sqlite3_bind_text(st, index, kh_day_format(d, buf), -1, SQLITE_TRANSIENT);
}

/* Claims paid in the year from the settlement log: paid_amount of claims
 * whose paid_date falls in [from, to]. */
static int settlements_paid(sqlite3 *db, const char *contract, kh_day from,
                            kh_day to, kh_fen *sum, long *count)
{
	static const char sql[] =
		"SELECT COUNT(*), COALESCE(SUM(paid_amount), 0) FROM settlements"
		" WHERE contract = ?1 AND paid_date BETWEEN ?2 AND ?3";
	sqlite3_stmt *st;
	if (kh_db_prepare(db, sql, &st))
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	bind_day(st, 2, from);
	bind_day(st, 3, to);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(db, st);
	*count = (long)sqlite3_column_int64(st, 0);
	*sum = (kh_fen)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return 0;
}

/* F, claims and operating cost of the year, each with the records used. */
static int gather_facts(sqlite3 *db, const struct kh_contract *c,
                        const struct kh_node *model, struct fund_facts *f,
                        xmlNodePtr fees)
{
	char text[1024], amount[48], date[KH_DAY_BUFSZ], price[48];
	const char *clause = kh_node_attr(model, "clause");
	int rc = kh_money_finance(db, c->id, "funds-received", f->first, f->last,
	                          &f->funds, &f->funds_rows);
	if (rc)
		return rc;
	if (f->funds_rows > 0) {
		kh_fen_format_grouped(f->funds, amount, sizeof amount);
		snprintf(text, sizeof text, "%s F = %s (%s funds-received %ld %s)",
		         kh_tr("当年筹集资金", "funds raised"), amount,
		         kh_tr("财务记录", "finance"), f->funds_rows, kh_tr("条", "rows"));
	} else if (kh_node_attr(model, "per-capita")) {
		kh_fen per;
		if (kh_money_fen(c, model, "per-capita", &per))
			return EX_DATAERR;
		long insured, rows;
		kh_day pop_date;
		rc = kh_money_insured(db, c->id, f->last, &insured, &pop_date, &rows);
		if (rc)
			return rc;
		if (rows == 0) {
			f->funds_missing = 1;
		} else {
			f->funds = per * (kh_fen)insured;
			kh_fen_format_grouped(per, price, sizeof price);
			kh_fen_format_grouped(f->funds, amount, sizeof amount);
			char count[48];
			kh_fen_format_grouped((kh_fen)insured * 100, count, sizeof count);
			count[strlen(count) - 3] = '\0';   /* a count: drop ".00" */
			snprintf(text, sizeof text, "%s F = %s × %s = %s (%s %s, %ld %s)",
			         kh_tr("当年筹集资金", "funds raised"), price, count, amount,
			         kh_tr("无 funds-received 记录；参保人数", "no funds-received rows; insured on"),
			         kh_day_format(pop_date, date), rows,
			         kh_tr("条人口记录", "population rows"));
		}
	} else {
		f->funds_missing = 1;
	}
	if (f->funds_missing) {
		snprintf(text, sizeof text, "%s",
		         kh_tr("没有当年 funds-received 财务记录，也无法按人均筹资标准×参保人数计算，无法清算",
		               "no funds-received finance rows and no per-capita × insured: cannot settle"));
		kh_fees_line(fees, "missing-funds", clause, 0, text);
		return 0;
	}
	kh_fees_line(fees, "funds", clause, f->funds, text);

	rc = kh_money_finance(db, c->id, "claims-paid", f->first, f->last, &f->claims,
	                      &f->claims_rows);
	if (rc)
		return rc;
	f->claims_source = kh_tr("财务记录 claims-paid", "finance claims-paid");
	if (f->claims_rows == 0) {
		rc = settlements_paid(db, c->id, f->first, f->last, &f->claims, &f->claims_rows);
		if (rc)
			return rc;
		f->claims_source = kh_tr("结算记录 支付金额", "settlements paid_amount");
	}
	kh_fen_format_grouped(f->claims, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s (%s %ld %s)", kh_tr("当年赔付支出", "claims paid"),
	         amount, f->claims_source, f->claims_rows, kh_tr("条", "rows"));
	kh_fees_line(fees, "claims-paid", clause, f->claims, text);

	rc = kh_money_finance(db, c->id, "operating-cost", f->first, f->last,
	                      &f->operating, &f->operating_rows);
	if (rc)
		return rc;
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

struct person {
	char *id, *name;
	kh_day *first, *last;
	size_t n;
	int resident, medical;
};

static void people_free(struct person *people, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(people[i].id);
		free(people[i].name);
		free(people[i].first);
		free(people[i].last);
	}
	free(people);
}

/* Every person of the roster, with all assignments on the contract; marks
 * those on `post` during [from, to] and whether such a post is medical. */
static int load_people(sqlite3 *db, const char *contract, const char *post,
                       kh_day from, kh_day to, struct person **out, size_t *count)
{
	static const char sql[] =
		"SELECT staff_id, COALESCE(name, ''), post, specialty, start_date, end_date"
		" FROM roster WHERE contract = ?1 ORDER BY staff_id, start_date";
	sqlite3_stmt *st;
	*out = NULL;
	*count = 0;
	if (kh_db_prepare(db, sql, &st))
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	struct person *people = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (!id)
			continue;
		if (n == 0 || strcmp(people[n - 1].id, id) != 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				people = kh_xrealloc(people, cap * sizeof *people);
			}
			people[n] = (struct person){ 0 };
			people[n].id = kh_xstrdup(id);
			people[n].name = kh_xstrdup((const char *)sqlite3_column_text(st, 1));
			n++;
		}
		struct person *p = &people[n - 1];
		kh_day first = 0, last = INT32_MAX;
		const char *s = (const char *)sqlite3_column_text(st, 4);
		const char *e = (const char *)sqlite3_column_text(st, 5);
		if (!s || kh_day_parse(s, &first) != 0)
			continue;
		if (e && *e && kh_day_parse(e, &last) != 0)
			continue;
		p->first = kh_xrealloc(p->first, (p->n + 1) * sizeof *p->first);
		p->last = kh_xrealloc(p->last, (p->n + 1) * sizeof *p->last);
		p->first[p->n] = first;
		p->last[p->n] = last;
		p->n++;
		const char *row_post = (const char *)sqlite3_column_text(st, 2);
		const char *specialty = (const char *)sqlite3_column_text(st, 3);
		if (row_post && strcmp(row_post, post) == 0 && first <= to && last >= from) {
			p->resident = 1;
			if (specialty && strcmp(specialty, "medical") == 0)
				p->medical = 1;
		}
	}
	if (rc != SQLITE_DONE) {
		people_free(people, n);
		return store_fail(db, st);
	}
	sqlite3_finalize(st);
	*out = people;
	*count = n;
	return 0;
}

/* One line per person on the post in the year; *total the cost claimed. */
static int staff_cost(sqlite3 *db, const struct kh_contract *c,
                      const struct kh_node *sc, const struct fund_facts *f,
                      xmlNodePtr fees, kh_fen *total)
{
	kh_fen per, medical;
	*total = 0;
	if (kh_money_fen(c, sc, "per-person", &per))
		return EX_DATAERR;
	medical = per;
	if (kh_node_attr(sc, "medical") && kh_money_fen(c, sc, "medical", &medical))
		return EX_DATAERR;
	const char *min_text = kh_node_attr(sc, "min-days");
	long min_days = min_text ? atol(min_text) : 0;
	const char *post = kh_node_attr(sc, "post");
	struct person *people;
	size_t n;
	int rc = load_people(db, c->id, post ? post : "resident", f->first, f->last,
	                     &people, &n);
	if (rc)
		return rc;
	long qualified = 0, listed = 0;
	for (size_t i = 0; i < n; i++) {
		struct person *p = &people[i];
		if (!p->resident)
			continue;
		listed++;
		long days = kh_days_covered(p->first, p->last, p->n, f->first, f->last);
		kh_fen cost = kh_staff_cost(days, p->medical, min_days, per, medical);
		char text[512], amount[48];
		kh_fen_format_grouped(cost, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s %s, %s %ld %s %s %ld → %s", p->id, p->name,
		         p->medical ? kh_tr("医学专业", "medical") : kh_tr("非医学专业", "non-medical"),
		         kh_tr("当年在项目", "on the project"), days, kh_tr("日", "days"),
		         days > min_days ? ">" : "≤", min_days, amount);
		xmlNodePtr line = kh_fees_line(fees, "staff-person", kh_node_attr(sc, "clause"),
		                               cost, text);
		kh_fees_set(line, "staff", p->id);
		if (cost > 0)
			qualified++;
		*total += cost;
	}
	people_free(people, n);
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

static int deposit_lines(const struct kh_contract *c, const struct kh_node *deposit,
                         kh_fen held, xmlNodePtr root, xmlNodePtr fees,
                         kh_fen *forfeited)
{
	char text[512], amount[48], pct[32];
	const char *grade = kh_money_grade(c, root);
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
	if (kh_money_rate(c, ret, "rate", &rate))
		return EX_DATAERR;
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
static int fund_damages(const struct kh_contract *c, const struct kh_node *model,
                        const struct fund_facts *f, kh_fen outstanding,
                        const struct kh_money_opts *opts, xmlNodePtr fees,
                        kh_fen *total)
{
	char text[512], amount[48], pct[32], base[48];
	*total = 0;
	for (size_t i = 0; i < model->nchildren; i++) {
		const struct kh_node *d = &model->children[i];
		if (strcmp(d->name, "damages") != 0)
			continue;
		const char *of = kh_node_attr(d, "of");
		const char *per = kh_node_attr(d, "per");
		struct kh_rate rate;
		if (kh_money_rate(c, d, "rate", &rate))
			return EX_DATAERR;
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

int kh_fees_fund(sqlite3 *db, const struct kh_contract *c,
                 const struct kh_node *model, const struct kh_period *p,
                 kh_day as_of, xmlNodePtr root, const struct kh_money_opts *opts,
                 xmlNodePtr fees)
{
	int reserve_model = strcmp(model->name, "fund-reserve") == 0;
	char text[1024], amount[48], pct[32];
	if (p->kind != KH_PERIOD_YEAR) {
		kh_fees_line(fees, "note", kh_node_attr(model, "clause"), 0,
		             kh_tr("资金清算按年度进行：请以年度为期间 (kaohe settle --year)",
		                   "the fund is settled by year: use a year period (kaohe settle --year)"));
		return 0;
	}
	struct fund_facts f = { 0 };
	f.year = p->year;
	f.first = p->first;
	f.last = p->last < as_of ? p->last : as_of;
	int rc = gather_facts(db, c, model, &f, fees);
	if (rc || f.funds_missing)
		return rc;

	const struct kh_node *capn = kh_node_child(model, "profit-cap");
	const struct kh_node *lossn = kh_node_child(model, "loss");
	const struct kh_node *staffn = kh_node_child(model, "staff-cost");
	struct kh_cap_in in = { f.funds, f.claims, { 0, 1 }, 0, opts->loss_policy, { 0, 1 } };
	if (!capn || kh_money_rate(c, capn, "rate", &in.cap_rate))
		return EX_DATAERR;
	if (!lossn || kh_money_rate(c, lossn, "policy-cap", &in.loss_cap_rate))
		return EX_DATAERR;

	/* reserve and deposit are set aside out of F (001 第二十二条) */
	kh_fen reserve = 0, deposit = 0;
	const struct kh_node *resn = kh_node_child(model, "reserve");
	const struct kh_node *depn = kh_node_child(model, "deposit");
	if (reserve_model) {
		struct kh_rate rr, dr;
		if (!resn || kh_money_rate(c, resn, "rate", &rr) || !depn ||
		    kh_money_rate(c, depn, "rate", &dr))
			return EX_DATAERR;
		reserve = kh_fen_mul_rate(f.funds, rr);
		deposit = kh_fen_mul_rate(f.funds, dr);
		pct_text(rr, pct, sizeof pct);
		kh_fen_format_grouped(reserve, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("风险调节金", "risk reserve"), pct, amount);
		kh_fees_line(fees, "reserve", kh_node_attr(resn, "clause"), reserve, text);
		pct_text(dr, pct, sizeof pct);
		kh_fen_format_grouped(deposit, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("年度考核保证金", "assessment deposit"),
		         pct, amount);
		kh_fees_line(fees, "deposit", kh_node_attr(depn, "clause"), deposit, text);
	}

	if (staffn) {
		rc = staff_cost(db, c, staffn, &f, fees, &in.staff_cost);
		if (rc)
			return rc;
	}
	struct kh_cap_out out;
	kh_settle_cap(&in, &out);
	const char *cap_clause = kh_node_attr(capn, "clause");
	kh_fen_format_grouped(out.margin, amount, sizeof amount);
	snprintf(text, sizeof text, "%s M = F − %s = %s", kh_tr("结余", "margin"),
	         kh_tr("赔付支出", "claims paid"), amount);
	kh_fees_line(fees, "margin", cap_clause, out.margin, text);
	pct_text(in.cap_rate, pct, sizeof pct);
	kh_fen_format_grouped(out.cap, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s × F = %s", kh_tr("盈利率上限（含运营成本）",
	                                                  "profit cap (operating cost inside)"),
	         pct, amount);
	kh_fees_line(fees, "cap", cap_clause, out.cap, text);

	kh_fen insurer = 0;
	const char *surplus_to = kh_node_attr(capn, "surplus-to");
	int to_fiscal = surplus_to && strcmp(surplus_to, "provincial-fiscal") == 0;
	if (out.margin > out.cap) {
		kh_fen_format_grouped(out.excess, amount, sizeof amount);
		snprintf(text, sizeof text, "%s M − %s = %s", kh_tr("超出上限部分", "above the cap:"),
		         kh_tr("上限", "cap"), amount);
		kh_fees_line(fees, "excess", cap_clause, out.excess, text);
		if (staffn) {
			char claimed[48];
			kh_fen_format_grouped(in.staff_cost, claimed, sizeof claimed);
			kh_fen_format_grouped(out.staff_allowed, amount, sizeof amount);
			snprintf(text, sizeof text, kh_lang == KH_LANG_EN ? "%s min(%s, %s) = %s" : "%s 取 %s 与 %s 的较小者 = %s",
			         kh_tr("可扣除专项成本", "staff cost allowed"), claimed,
			         kh_tr("超出部分", "excess"), amount);
			kh_fees_line(fees, "staff-cost-allowed", kh_node_attr(staffn, "clause"),
			             out.staff_allowed, text);
		}
		kh_fen_format_grouped(out.kept, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("乙方留存 = 上限 + 可扣除专项成本:",
		                                           "kept by the insurer = cap + staff cost allowed:"),
		         amount);
		kh_fees_line(fees, "kept", cap_clause, out.kept, text);
		kh_fen_format_grouped(out.returned, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s",
		         to_fiscal ? kh_tr("结余超出部分转入省财政专户:", "surplus to the provincial fiscal account:")
		                   : kh_tr("超出部分返还甲方:", "returned to the purchaser:"),
		         amount);
		kh_fees_line(fees, to_fiscal ? "surplus-to-fiscal" : "returned",
		             reserve_model ? kh_node_attr(lossn, "clause") : cap_clause,
		             out.returned, text);
		insurer = out.kept;
	} else if (out.margin >= 0) {
		kh_fen_format_grouped(out.kept, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("结余未超上限，乙方留存全部结余:",
		                                           "margin within the cap, all kept:"), amount);
		kh_fees_line(fees, "kept", cap_clause, out.kept, text);
		kh_fees_line(fees, to_fiscal ? "surplus-to-fiscal" : "returned", cap_clause, 0,
		             kh_tr("无超出部分", "nothing above the cap"));
		insurer = out.kept;
	} else {
		const char *loss_clause = kh_node_attr(lossn, "clause");
		kh_fen_format_grouped(out.loss, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s (%s)", kh_tr("年度亏损", "loss of the year"), amount,
		         opts->loss_policy ? kh_tr("认定为政策性亏损 (--loss policy)",
		                                   "declared policy-related (--loss policy)")
		                           : kh_tr("非政策性亏损", "not policy-related"));
		kh_fees_line(fees, "loss", loss_clause, out.loss, text);
		pct_text(in.loss_cap_rate, pct, sizeof pct);
		kh_fen_format_grouped(out.insurer_loss, amount, sizeof amount);
		if (opts->loss_policy)
			snprintf(text, sizeof text, kh_lang == KH_LANG_EN ? "%s min(%s, %s × F) = %s" : "%s 取 %s 与 %s × F 的较小者 = %s",
			         kh_tr("乙方承担", "borne by the insurer"), kh_tr("亏损", "loss"), pct, amount);
		else
			snprintf(text, sizeof text, "%s %s", kh_tr("乙方全部承担:", "borne in full by the insurer:"),
			         amount);
		kh_fees_line(fees, "insurer-loss", loss_clause, out.insurer_loss, text);
		if (out.other_loss > 0 && reserve_model) {
			kh_fen used, beyond;
			kh_settle_reserve(out.other_loss, reserve, &used, &beyond);
			kh_fen_format_grouped(used, amount, sizeof amount);
			snprintf(text, sizeof text, "%s %s", kh_tr("由风险调节金弥补:", "covered by the reserve:"),
			         amount);
			kh_fees_line(fees, "reserve-used", loss_clause, used, text);
			reserve -= used;
			kh_fen_format_grouped(beyond, amount, sizeof amount);
			snprintf(text, sizeof text, "%s %s", kh_tr("风险调节金不足部分，由提高下年度筹资水平等方式解决:",
			                                           "beyond the reserve, to next year's funding:"),
			         amount);
			kh_fees_line(fees, "loss-beyond-reserve", loss_clause, beyond, text);
		} else if (out.other_loss > 0) {
			kh_fen_format_grouped(out.other_loss, amount, sizeof amount);
			snprintf(text, sizeof text, "%s %s", kh_tr("其余通过累计结余、提高筹资水平等方式解决:",
			                                           "the rest from accumulated balance or higher funding:"),
			         amount);
			kh_fees_line(fees, "loss-other", loss_clause, out.other_loss, text);
		}
		insurer = -out.insurer_loss;
	}
	kh_fen withheld = 0;
	if (reserve_model) {
		kh_fen_format_grouped(reserve, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s", kh_tr("风险调节金余额:", "reserve left:"), amount);
		kh_fees_line(fees, "reserve-left", kh_node_attr(resn, "clause"), reserve, text);
		rc = deposit_lines(c, depn, deposit, root, fees, &withheld);
		if (rc)
			return rc;
	}
	kh_fen damages = 0;
	rc = fund_damages(c, model, &f, out.returned, opts, fees, &damages);
	if (rc)
		return rc;
	kh_fen due = insurer - withheld - damages;
	kh_fen_format_grouped(due, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s", kh_tr("乙方年度净结果:", "insurer's net result:"), amount);
	kh_fees_line(fees, "insurer-net", NULL, due, text);
	kh_fees_set_fen(fees, "total", out.margin);
	kh_fees_set_fen(fees, "deductions", out.margin - due);
	kh_fees_set_fen(fees, "due", due);
	return 0;
}
