/* fees.c: the <fees> part of a scorecard (docs/scorecard.md) for the fee
 * models — service fee per capita paid quarterly (002 第三条) and fixed fee
 * with milestones (004 第三条) — and the shared money helpers; the fund
 * models are in fees-fund.c.  Amounts are integer fen throughout, rounded
 * half-up once per line.  Never changes the store. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "audit.h"
#include "calendar.h"
#include "fees.h"
#include "measure.h"
#include "msg.h"
#include "score.h"
#include "settle.h"
#include "sql.h"

/* --- helpers shared with fees-fund.c ------------------------------------- */

void kh_fees_set(xmlNodePtr node, const char *name, const char *value)
{
	xmlSetProp(node, BAD_CAST name, BAD_CAST(value && *value ? value : "-"));
}

void kh_fees_set_fen(xmlNodePtr node, const char *name, kh_fen amount)
{
	char buf[48];
	kh_fees_set(node, name, kh_fen_format(amount, buf, sizeof buf));
}

xmlNodePtr kh_fees_line(xmlNodePtr fees, const char *kind, const char *clause,
                        kh_fen amount, const char *text)
{
	xmlNodePtr line = xmlNewChild(fees, NULL, BAD_CAST "line", NULL);
	kh_fees_set(line, "kind", kind);
	if (clause && *clause)
		kh_fees_set(line, "clause", clause);
	kh_fees_set_fen(line, "amount", amount);
	if (text && *text)
		kh_fees_set(line, "text", text);
	return line;
}

static int money_attr_error(const struct kh_contract *c, const struct kh_node *n,
                            const char *name, const char *value)
{
	if (!value)
		kh_error_at(c->id, n->line, 0, "%s <%s> %s %s",
		            kh_tr("金额条款", "money element"), n->name,
		            kh_tr("缺少属性", "lacks the attribute"), name);
	else
		kh_error_at(c->id, n->line, 0, "%s <%s> %s %s ('%s')",
		            kh_tr("金额条款", "money element"), n->name,
		            kh_tr("属性无效", "has an invalid attribute"), name, value);
	return -1;
}

int kh_money_fen(const struct kh_contract *c, const struct kh_node *n,
                 const char *name, kh_fen *out)
{
	const char *v = kh_node_attr(n, name);
	if (!v || kh_fen_parse(v, strlen(v), 0, out) != 0)
		return money_attr_error(c, n, name, v);
	return 0;
}

int kh_money_rate(const struct kh_contract *c, const struct kh_node *n,
                  const char *name, struct kh_rate *out)
{
	const char *v = kh_node_attr(n, name);
	if (!v || kh_rate_parse(v, out) != 0 || out->num < 0)
		return money_attr_error(c, n, name, v);
	return 0;
}

static void bind_day(sqlite3_stmt *st, int index, kh_day d)
{
	char buf[KH_DAY_BUFSZ];
	sqlite3_bind_text(st, index, kh_day_format(d, buf), -1, SQLITE_TRANSIENT);
}

static int store_error(sqlite3 *db, sqlite3_stmt *st)
{
	kh_error("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return EX_IOERR;
}

int kh_money_insured(sqlite3 *db, const char *contract, kh_day cutoff,
                     long *insured, kh_day *date, long *rows)
{
	static const char sql[] =
		"SELECT date, unit, insured FROM population"
		" WHERE contract = ?1 AND date = (SELECT MAX(date) FROM population"
		"  WHERE contract = ?1 AND date <= ?2)";
	*insured = 0;
	*date = 0;
	*rows = 0;
	sqlite3_stmt *st;
	if (kh_db_prepare(db, sql, &st))
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	bind_day(st, 2, cutoff);
	long whole = -1, county_sum = 0, county_rows = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 0);
		const char *unit = (const char *)sqlite3_column_text(st, 1);
		if (d)
			kh_day_parse(d, date);
		if (!unit || !*unit) {
			whole = (long)sqlite3_column_int64(st, 2);
		} else {
			county_sum += (long)sqlite3_column_int64(st, 2);
			county_rows++;
		}
	}
	if (rc != SQLITE_DONE)
		return store_error(db, st);
	sqlite3_finalize(st);
	if (whole >= 0) {
		*insured = whole;
		*rows = 1;
	} else {
		*insured = county_sum;
		*rows = county_rows;
	}
	return 0;
}

int kh_money_finance(sqlite3 *db, const char *contract, const char *kind,
                     kh_day from, kh_day to, kh_fen *sum, long *count)
{
	/* SUM over integers stays an exact 64-bit integer (TOTAL would not) */
	static const char sql[] =
		"SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM finance"
		" WHERE contract = ?1 AND kind = ?2 AND date BETWEEN ?3 AND ?4";
	sqlite3_stmt *st;
	*sum = 0;
	*count = 0;
	if (kh_db_prepare(db, sql, &st))
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	bind_day(st, 3, from);
	bind_day(st, 4, to);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_error(db, st);
	*count = (long)sqlite3_column_int64(st, 0);
	*sum = (kh_fen)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return 0;
}

static long points_x100(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	kh_fen x = 0;
	if (v)
		kh_fen_parse((const char *)v, strlen((const char *)v), 1, &x);
	xmlFree(v);
	return (long)x;
}

static int node_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	int same = v && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return same;
}

const char *kh_money_grade(const struct kh_contract *c, xmlNodePtr root)
{
	long long score = 0, max = 0;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!node_is(n, "indicator") || attr_is(n, "status", "na"))
			continue;
		score += points_x100(n, "awarded");
		max += points_x100(n, "points");
	}
	if (max <= 0)
		return NULL;
	long long total = c->total_points_x100 > 0 ? c->total_points_x100 : max;
	for (size_t i = 0; i < c->ngrades; i++)
		if (score * total >= (long long)c->grades[i].min_points_x100 * max)
			return c->grades[i].name;
	return NULL;
}

/* --- breaches ------------------------------------------------------------- */

/* The indicator's damages trigger (action="damages"), or NULL. */
static const struct kh_trigger *damages_trigger(const struct kh_indicator *ind)
{
	for (size_t i = 0; i < ind->ntriggers; i++)
		if (ind->triggers[i].action && strcmp(ind->triggers[i].action, "damages") == 0)
			return &ind->triggers[i];
	return NULL;
}

/* Run the indicator's measure for one period into a scratch document:
 * *fails = 1 when it fails.  0 or the measure's exit code. */
static int indicator_fails(sqlite3 *db, const struct kh_contract *c,
                           const struct kh_indicator *ind,
                           const struct kh_calendar *cal,
                           const struct kh_period *p, kh_day as_of, int *fails)
{
	*fails = 0;
	const struct kh_measure_type *type = kh_measure_find(ind->measure.name);
	if (!type)
		return 0;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "scorecard", NULL);
	xmlDocSetRootElement(doc, root);
	struct kh_result r = { 0 };
	r.status = KH_STATUS_NA;
	r.indicator = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	r.charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	r.evidence_limit = 0;
	struct kh_measure_ctx ctx = { .db = db, .contract = c, .indicator = ind,
	                               .calendar = cal, .period = *p, .as_of = as_of };
	int rc = type->run(&ctx, &r);
	*fails = !rc && r.status == KH_STATUS_FAIL;
	xmlFreeDoc(doc);
	return rc;
}

/* --- service fee per capita (002 第三条) --------------------------------- */

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

/* Damages of 第五条(二): every indicator with a damages trigger on the
 * quarter's fee that fails in the quarter is one breach. */
static int quarter_damages(sqlite3 *db, const struct kh_contract *c,
                           const struct kh_node *damages,
                           const struct kh_calendar *cal,
                           const struct quarter_fee *q, kh_day as_of,
                           xmlNodePtr fees, kh_fen *total)
{
	char qname[16], amount[48], pct[32], text[1024];
	kh_period_format(&q->period, qname);
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		const struct kh_trigger *t = damages_trigger(ind);
		const char *of = t ? kh_node_attr(&t->node, "of") : NULL;
		if (!t || (of && strcmp(of, "quarter-fee") != 0))
			continue;
		int fails;
		int rc = indicator_fails(db, c, ind, cal, &q->period, as_of, &fails);
		if (rc)
			return rc;
		if (!fails)
			continue;
		struct kh_rate rate;
		const char *rate_text = kh_node_attr(&t->node, "rate");
		if (!rate_text || kh_rate_parse(rate_text, &rate) != 0) {
			if (kh_money_rate(c, damages, "rate", &rate))
				return EX_DATAERR;
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

static int fee_service(sqlite3 *db, const struct kh_contract *c,
                       const struct kh_node *m, const struct kh_period *p,
                       kh_day as_of, const struct kh_money_opts *opts,
                       xmlNodePtr fees)
{
	kh_fen unit_price;
	if (kh_money_fen(c, m, "unit-price", &unit_price))
		return EX_DATAERR;
	const char *parts_text = kh_node_attr(m, "parts");
	if (parts_text && strcmp(parts_text, "4") != 0) {
		money_attr_error(c, m, "parts", parts_text);
		return EX_DATAERR;
	}
	const char *basis = kh_node_attr(m, "basis");
	int year = p->year;
	kh_day cutoff = basis && strcmp(basis, "period-start") == 0
	                ? kh_day_from_ymd(year, 1, 1) : kh_day_from_ymd(year - 1, 12, 31);
	long insured, rows;
	kh_day pop_date;
	int rc = kh_money_insured(db, c->id, cutoff, &insured, &pop_date, &rows);
	if (rc)
		return rc;
	kh_fen year_fee = unit_price * (kh_fen)insured;
	char price[48], fee_text[48], date[KH_DAY_BUFSZ], cut[KH_DAY_BUFSZ], text[1024];
	kh_fen_format_grouped(unit_price, price, sizeof price);
	kh_fen_format_grouped(year_fee, fee_text, sizeof fee_text);
	kh_day_format(cutoff, cut);
	if (rows == 0) {
		snprintf(text, sizeof text, "%s %s %s",
		         kh_tr("没有截至", "no population record on or before"), cut,
		         kh_tr("的参保人数记录，无法计算服务费", ": the fee cannot be computed"));
		kh_fees_line(fees, "missing-population", kh_node_attr(m, "clause"), 0, text);
		kh_fees_set_fen(fees, "total", 0);
		kh_fees_set_fen(fees, "deductions", 0);
		kh_fees_set_fen(fees, "due", 0);
		return 0;
	}
	kh_day_format(pop_date, date);
	char count[48];
	kh_fen_format_grouped((kh_fen)insured * 100, count, sizeof count);
	count[strlen(count) - 3] = '\0';   /* a count, not money: drop ".00" */
	snprintf(text, sizeof text, "%d %s: %s %s × %s %s (%s %s, %ld %s) = %s", year,
	         kh_tr("年度经办服务费", "yearly service fee"), price,
	         kh_tr("元/人", "yuan each"), count, kh_tr("人", "insured"),
	         kh_tr("参保人数", "insured on"), date, rows,
	         rows == 1 ? kh_tr("条全市记录", "whole-contract record")
	                   : kh_tr("条县区记录合计", "county records summed"),
	         fee_text);
	xmlNodePtr line = kh_fees_line(fees, "annual-fee", kh_node_attr(m, "clause"),
	                               year_fee, text);

	kh_fen parts[4];
	kh_fee_split(year_fee, 4, parts);
	struct quarter_fee q[4];
	for (int i = 0; i < 4; i++) {
		kh_period_containing(KH_PERIOD_QUARTER, kh_day_from_ymd(year, 3 * i + 1, 1),
		                     &q[i].period);
		q[i].fee = parts[i];
		q[i].in_scope = q[i].period.last >= p->first && q[i].period.first <= p->last &&
		                q[i].period.last >= c->term_first &&
		                q[i].period.first <= c->term_last;
	}

	/* deductions by the audit band (第三条(三)) */
	const struct kh_node *ded = kh_node_child(m, "deduction");
	const struct kh_indicator *audit_ind = NULL;
	struct kh_audit_quarter aq[4];
	memset(aq, 0, sizeof aq);
	if (ded) {
		const char *id = kh_node_attr(ded, "indicator");
		audit_ind = id ? kh_contract_indicator(c, id) : NULL;
		if (!audit_ind || strcmp(audit_ind->measure.name, "audit-pass-rate") != 0) {
			money_attr_error(c, ded, "indicator", id);
			return EX_DATAERR;
		}
		rc = kh_audit_quarters(db, c->id, &audit_ind->measure, year, aq);
		if (rc)
			return rc;
	}
	kh_fen total = 0, deductions = 0;
	for (int i = 0; i < 4; i++) {
		if (!q[i].in_scope)
			continue;
		char qname[16], reason[1024], rate_text[32];
		kh_period_format(&q[i].period, qname);
		struct kh_rate rate = { 0, 1 };
		int judged = audit_ind && aq[i].judged && q[i].period.first <= as_of;
		if (judged)
			rate = aq[i].deduct;
		kh_fen deduction = kh_fen_mul_rate(q[i].fee, rate);
		quarter_reason(audit_ind ? &audit_ind->measure : NULL,
		               audit_ind ? &aq[i] : NULL, qname, deduction,
		               q[i].period.first, as_of, reason, sizeof reason);
		xmlNodePtr qn = xmlNewChild(fees, NULL, BAD_CAST "quarter", NULL);
		kh_fees_set(qn, "period", qname);
		kh_fees_set_fen(qn, "fee", q[i].fee);
		kh_fees_set(qn, "deduction-rate", kh_rate_format(rate, 4, rate_text, sizeof rate_text));
		kh_fees_set_fen(qn, "deduction", deduction);
		kh_fees_set(qn, "clause", ded ? kh_node_attr(ded, "clause") : kh_node_attr(m, "clause"));
		kh_fees_set(qn, "reason", reason);
		total += q[i].fee;
		deductions += deduction;
	}

	/* damages per breach per quarter (第五条(二)) */
	const struct kh_node *damages = NULL;
	for (size_t i = 0; i < m->nchildren; i++) {
		const char *of = kh_node_attr(&m->children[i], "of");
		if (strcmp(m->children[i].name, "damages") == 0 && of &&
		    strcmp(of, "quarter-fee") == 0)
			damages = &m->children[i];
	}
	if (damages) {
		struct kh_calendar *cal = NULL;
		if (kh_calendar_load(kh_store_of_sqlite(db), &cal, NULL))
			return EX_SOFTWARE;
		int last_in_scope = -1;
		for (int i = 0; i < 4 && !rc; i++) {
			if (!q[i].in_scope)
				continue;
			last_in_scope = i;
			rc = quarter_damages(db, c, damages, cal, &q[i], as_of, fees, &deductions);
		}
		kh_calendar_free(cal);
		if (rc)
			return rc;
		struct kh_rate rate;
		if (opts->breaches > 0 && last_in_scope >= 0) {
			if (kh_money_rate(c, damages, "rate", &rate))
				return EX_DATAERR;
			char qname[16], amount[48];
			kh_period_format(&q[last_in_scope].period, qname);
			kh_fen each = kh_fen_mul_rate(q[last_in_scope].fee, rate);
			kh_fen_format_grouped(each * opts->breaches, amount, sizeof amount);
			snprintf(text, sizeof text, "%s %s %ld %s: %s", qname,
			         kh_tr("申报违约", "breaches declared:"), opts->breaches,
			         kh_tr("项，每项该季度经办服务费 2%", "at the damages rate each"), amount);
			if (kh_lang == KH_LANG_ZH) {
				char pct[32];
				kh_rate_format_percent(rate, 0, pct, sizeof pct);
				snprintf(text, sizeof text, "%s 申报违约 %ld 项，每项为该季度经办服务费的 %s: %s",
				         qname, opts->breaches, pct, amount);
			}
			line = kh_fees_line(fees, "damages", kh_node_attr(damages, "clause"),
			                    each * opts->breaches, text);
			kh_fees_set(line, "period", qname);
			deductions += each * opts->breaches;
		}
	}
	kh_fees_set_fen(fees, "total", total);
	kh_fees_set_fen(fees, "deductions", deductions);
	kh_fees_set_fen(fees, "due", total - deductions);
	return 0;
}

/* --- fixed fee with milestones (004 第三条) ------------------------------- */

/* The first day an activity of `kind` was recorded on or before as_of; 0
 * when none. */
static int first_activity(sqlite3 *db, const char *contract, const char *kind,
                          kh_day as_of, kh_day *out)
{
	static const char sql[] =
		"SELECT MIN(date) FROM activities WHERE contract = ?1 AND kind = ?2"
		" AND date <= ?3 AND count > 0";
	sqlite3_stmt *st;
	*out = 0;
	if (kh_db_prepare(db, sql, &st))
		return EX_SOFTWARE;
	sqlite3_bind_text(st, 1, contract, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	bind_day(st, 3, as_of);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_error(db, st);
	const char *d = (const char *)sqlite3_column_text(st, 0);
	if (d)
		kh_day_parse(d, out);
	sqlite3_finalize(st);
	return 0;
}

/* When the milestone is reached (*reached 0: not yet), with the why. */
static int milestone_reached(sqlite3 *db, const struct kh_contract *c,
                             const struct kh_node *ms, kh_day as_of,
                             kh_day *reached, char *why, size_t size)
{
	const char *when = kh_node_attr(ms, "when");
	char d[KH_DAY_BUFSZ];
	*reached = 0;
	if (when && strcmp(when, "signing") == 0) {
		if (c->term_first <= as_of)
			*reached = c->term_first;
		snprintf(why, size, "%s %s", kh_tr("签订协议/合同起始日", "signed / term start"),
		         kh_day_format(c->term_first, d));
	} else if (when && strcmp(when, "first-data-report") == 0) {
		int rc = first_activity(db, c->id, "data-check", as_of, reached);
		if (rc)
			return rc;
		if (*reached)
			snprintf(why, size, "%s %s", kh_tr("首次智能监管数据检查记录",
			                                   "first data-check activity on"),
			         kh_day_format(*reached, d));
		else
			snprintf(why, size, "%s", kh_tr("尚无智能监管数据检查记录 (activities data-check)",
			                                "no data-check activity recorded yet"));
	} else if (when && strcmp(when, "acceptance") == 0) {
		const char *month = kh_node_attr(ms, "month");
		int y, mo;
		if (month && sscanf(month, "%4d-%2d", &y, &mo) == 2 && mo >= 1 && mo <= 12) {
			kh_day end = kh_day_from_ymd(y, mo, kh_days_in_month(y, mo));
			if (end <= as_of)
				*reached = end;
			snprintf(why, size, "%s %s (%s %s)", kh_tr("验收评估月份", "acceptance month"),
			         month, kh_tr("截至月末视为验收", "deemed reached at"),
			         kh_day_format(end, d));
		} else {
			snprintf(why, size, "%s", kh_tr("验收日期未定", "acceptance date unknown"));
		}
	} else {
		snprintf(why, size, "%s '%s'", kh_tr("无法由记录判断的条件", "condition the records cannot show:"),
		         when ? when : "");
	}
	return 0;
}

static int fee_fixed(sqlite3 *db, const struct kh_contract *c,
                     const struct kh_node *m, kh_day as_of, xmlNodePtr root,
                     const struct kh_money_opts *opts, xmlNodePtr fees)
{
	kh_fen contract_total;
	if (kh_money_fen(c, m, "amount", &contract_total))
		return EX_DATAERR;
	char amount[48], total_text[48], text[1024], why[512], d[KH_DAY_BUFSZ];
	kh_fen_format_grouped(contract_total, total_text, sizeof total_text);
	snprintf(text, sizeof text, "%s %s", kh_tr("合作服务费总额", "total fee"), total_text);
	kh_fees_line(fees, "contract-fee", kh_node_attr(m, "clause"), contract_total, text);
	struct kh_calendar *cal = NULL;
	if (kh_calendar_load(kh_store_of_sqlite(db), &cal, NULL))
		return EX_SOFTWARE;
	kh_fen due_total = 0, deductions = 0;
	int rc = 0;
	for (size_t i = 0; i < m->nchildren && !rc; i++) {
		const struct kh_node *ms = &m->children[i];
		if (strcmp(ms->name, "milestone") != 0)
			continue;
		kh_fen part;
		if (kh_money_fen(c, ms, "amount", &part)) {
			rc = EX_DATAERR;
			break;
		}
		kh_day reached;
		rc = milestone_reached(db, c, ms, as_of, &reached, why, sizeof why);
		if (rc)
			break;
		kh_fen_format_grouped(part, amount, sizeof amount);
		const char *share = kh_node_attr(ms, "share");
		const char *workdays = kh_node_attr(ms, "due-workdays");
		char due_note[96] = "";
		kh_day due_day;
		if (reached && workdays &&
		    kh_calendar_add_workdays(cal, reached, atoi(workdays), &due_day) == 0)
			snprintf(due_note, sizeof due_note, "; %s %s", kh_tr("付款期限", "pay by"),
			         kh_day_format(due_day, d));
		snprintf(text, sizeof text, "%s %s %s: %s — %s%s",
		         kh_node_attr(ms, "id"), share ? share : "",
		         reached ? kh_tr("已到期应付", "due") : kh_tr("未到期", "not yet due"),
		         amount, why, due_note);
		xmlNodePtr line = kh_fees_line(fees, reached ? "milestone" : "milestone-pending",
		                               kh_node_attr(ms, "clause"), part, text);
		kh_fees_set(line, "milestone", kh_node_attr(ms, "id"));
		if (reached)
			due_total += part;
	}
	kh_calendar_free(cal);
	if (rc)
		return rc;

	/* breaches: failing indicators with a damages trigger, plus declared */
	long found = 0;
	char ids[512] = "";
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (!node_is(n, "indicator") || !attr_is(n, "status", "fail"))
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		const struct kh_indicator *ind = id ? kh_contract_indicator(c, (const char *)id) : NULL;
		if (ind && damages_trigger(ind)) {
			found++;
			size_t len = strlen(ids);
			snprintf(ids + len, sizeof ids - len, "%s%s", len ? ", " : "", (const char *)id);
		}
		xmlFree(id);
	}
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kh_node *dn = &m->children[i];
		if (strcmp(dn->name, "damages") != 0)
			continue;
		const char *cause = kh_node_attr(dn, "cause");
		const char *per = kh_node_attr(dn, "per");
		struct kh_rate rate;
		if (kh_money_rate(c, dn, "rate", &rate))
			return EX_DATAERR;
		kh_fen each = kh_fen_mul_rate(contract_total, rate);
		char pct[32];
		kh_rate_format_percent(rate, 0, pct, sizeof pct);
		long times = 0;
		if (cause && strcmp(cause, "breach") == 0) {
			long breaches = found + opts->breaches;
			times = breaches > 0 ? (per && strcmp(per, "breach") == 0 ? breaches : 1) : 0;
			if (times == 0)
				continue;
			kh_fen_format_grouped(each * times, amount, sizeof amount);
			char declared[64] = "";
			if (opts->breaches)
				snprintf(declared, sizeof declared, "%s%s %ld", found ? "; " : "",
				         kh_tr("申报违约", "declared"), opts->breaches);
			snprintf(text, sizeof text, "%s%s%s → %s %s × %ld: %s",
			         found ? kh_tr("未达标指标: ", "failed: ") : "", ids, declared,
			         kh_tr("合作服务费总额", "of the total fee"), pct, times, amount);
		} else if (cause && strncmp(cause, "termination", 11) == 0) {
			if (!opts->terminated)
				continue;
			times = 1;
			kh_fen_format_grouped(each, amount, sizeof amount);
			snprintf(text, sizeof text, "%s → %s %s: %s",
			         kh_tr("无故终止协议 (--terminated)", "terminated without cause (--terminated)"),
			         kh_tr("合作服务费总额", "of the total fee"), pct, amount);
		} else {
			continue;
		}
		kh_fees_line(fees, "damages", kh_node_attr(dn, "clause"), each * times, text);
		deductions += each * times;
	}
	const struct kh_node *offset = kh_node_child(m, "offset");
	if (deductions > 0) {
		kh_fen_format_grouped(due_total - deductions, amount, sizeof amount);
		snprintf(text, sizeof text, "%s: %s%s", kh_tr("违约金从应付服务费中扣除，应付净额",
		                                             "damages deducted from fees due; net due"),
		         amount, due_total - deductions < 0
		                 ? kh_tr("（不足扣除，乙方补足）", " (the insurer pays the shortfall)") : "");
		kh_fees_line(fees, "offset", offset ? kh_node_attr(offset, "clause") : NULL,
		             due_total - deductions, text);
	}
	kh_fees_set_fen(fees, "total", due_total);
	kh_fees_set_fen(fees, "deductions", deductions);
	kh_fees_set_fen(fees, "due", due_total - deductions);
	return 0;
}

/* --- entry points ----------------------------------------------------------- */

int kh_fees_build(sqlite3 *db, const struct kh_contract *c,
                  const struct kh_period *p, kh_day as_of, xmlNodePtr root,
                  const struct kh_money_opts *opts, xmlNodePtr *out)
{
	*out = NULL;
	if (c->money.nchildren == 0)
		return 0;
	const struct kh_node *model = &c->money.children[0];
	xmlNodePtr fees = xmlNewDocNode(root->doc, root->ns, BAD_CAST "fees", NULL);
	kh_fees_set(fees, "model", model->name);
	/* required attributes first, so they come before the lines' order */
	kh_fees_set_fen(fees, "total", 0);
	kh_fees_set_fen(fees, "deductions", 0);
	kh_fees_set_fen(fees, "due", 0);
	int rc;
	if (strcmp(model->name, "service-fee-per-capita") == 0)
		rc = fee_service(db, c, model, p, as_of, opts, fees);
	else if (strcmp(model->name, "fixed-fee") == 0)
		rc = fee_fixed(db, c, model, as_of, root, opts, fees);
	else if (strcmp(model->name, "fund-per-capita") == 0 ||
	         strcmp(model->name, "fund-reserve") == 0)
		rc = kh_fees_fund(db, c, model, p, as_of, root, opts, fees);
	else
		rc = 0;   /* an unknown model: no fees rather than a wrong number */
	if (rc) {
		xmlFreeNode(fees);
		return rc;
	}
	*out = fees;
	return 0;
}

int kh_fees_append(sqlite3 *db, const struct kh_contract *c,
                   const struct kh_period *p, kh_day as_of,
                   xmlNodePtr scorecard_root)
{
	static const struct kh_money_opts none = { 0, 0, 0, 0 };
	xmlNodePtr fees;
	int rc = kh_fees_build(db, c, p, as_of, scorecard_root, &none, &fees);
	if (!rc && fees)
		xmlAddChild(scorecard_root, fees);
	return rc;
}

static xmlNodePtr child_named(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (node_is(n, name))
			return n;
	return NULL;
}

int kh_money_statement(struct kh_store *store, const char *contract_id,
                       const struct kh_period *p, kh_day as_of,
                       const struct kh_money_opts *opts, xmlDocPtr *doc,
                       xmlNodePtr *fees)
{
	struct kh_score_request req = { contract_id, 0, *p, as_of };
	long run_id;
	*fees = NULL;
	sqlite3 *db = kh_store_sqlite(store);  /* transitional */
	struct kh_err err = { 0 };
	if (kh_score_run(store, &req, doc, &run_id, &err))
		return err.kind == KH_ERR_DATA ? EX_DATAERR : err.kind == KH_ERR_NOINPUT
		       ? EX_NOINPUT : EX_SOFTWARE;
	int rc;
	xmlNodePtr root = xmlDocGetRootElement(*doc);
	xmlNodePtr old = child_named(root, "fees");
	int declared = opts->loss_policy || opts->breaches || opts->terminated ||
	               opts->late_days;
	if (!declared) {
		*fees = old;
		return 0;
	}
	struct kh_contract *c = NULL;
	xmlChar *version = xmlGetProp(root, BAD_CAST "contract-version");
	rc = kh_contract_load(store, contract_id, version ? atoi((const char *)version) : 0, &c, &err)
	     ? (err.kind == KH_ERR_NOINPUT ? EX_NOINPUT : err.kind == KH_ERR_DATA ? EX_DATAERR
	        : EX_SOFTWARE) : 0;
	xmlFree(version);
	xmlNodePtr fresh = NULL;
	if (!rc)
		rc = kh_fees_build(db, c, p, as_of, root, opts, &fresh);
	kh_contract_free(c);
	if (rc) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		return rc;
	}
	if (fresh && old) {
		xmlReplaceNode(old, fresh);
		xmlFreeNode(old);
	} else if (fresh) {
		xmlNodePtr after = child_named(root, "triggers");
		if (!after)
			after = child_named(root, "charts");
		if (!after)
			after = child_named(root, "provenance");
		if (after)
			xmlAddPrevSibling(after, fresh);
		else
			xmlAddChild(root, fresh);
	}
	*fees = fresh;
	return 0;
}
