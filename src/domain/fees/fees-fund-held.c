/* fees-fund-held.c: money a fund contract holds until the assessment —
 * Henan's deposit (001 第二十二/三十六条), Zhengzhou's profit (000 第三十一条)
 * — returned by a grade only when there is one to rest on: given by the
 * assessment (--grade) or scored on grade bands that are the contract's
 * own.  On template bands the money is held, never forfeited.  Pure. */
#include <stdio.h>
#include <string.h>

#include "fees-fund.h"
#include "msg.h"

static const char *grouped(kh_fen v, char *buf, size_t size)
{
	return kh_fen_format_grouped(v, buf, size);
}

static const char *basis_word(enum kh_fund_grade_basis b)
{
	return b == FUND_GRADE_GIVEN ? "given" : b == FUND_GRADE_SCORED ? "scored" : "pending";
}

int kh_fund_grade(const struct kh_fee_input *in, struct kh_fund_grade *out)
{
	const struct kh_contract *c = in->contract;
	*out = (struct kh_fund_grade){ FUND_GRADE_PENDING, NULL, NULL, NULL };
	const char *given = in->money->grade;
	if (given) {
		for (size_t i = 0; i < c->ngrades; i++)
			if (strcmp(c->grades[i].name, given) == 0 ||
			    strcmp(c->grades[i].name_en, given) == 0) {
				out->basis = FUND_GRADE_GIVEN;
				out->name = c->grades[i].name;
				return 0;
			}
		char names[512] = "";
		for (size_t i = 0; i < c->ngrades; i++) {
			size_t len = strlen(names);
			snprintf(names + len, sizeof names - len, "%s%s", i ? kh_tr("、", ", ") : "",
			         c->grades[i].name);
		}
		kh_error("%s: %s '%s' (%s %s)", c->id,
		         kh_tr("合同没有这个考核等级", "the contract has no such grade"), given,
		         kh_tr("合同的等级：", "its grades:"), names);
		return kh_fail(in->err, KH_ERR_USAGE);
	}
	int defaults = 0;
	for (size_t i = 0; i < c->ngrades; i++)
		if (c->grades[i].is_default)
			defaults = 1;
	const char *scored = kh_fees_grade(in);
	if (defaults) {
		out->why = kh_tr("合同的等级划分为模板默认值，不能据以扣减",
		                 "the grade bands are the template's defaults, not the contract's");
		out->trial = scored;
		return 0;
	}
	if (!scored) {
		out->why = kh_tr("尚无考核等级", "no grade yet");
		return 0;
	}
	out->basis = FUND_GRADE_SCORED;
	out->name = scored;
	return 0;
}

int kh_fund_held_lines(const struct kh_fee_input *in, const struct kh_node *table,
                       const char *prefix, const char *what_zh, const char *what_en,
                       kh_fen held, const struct kh_fund_grade *g, xmlNodePtr fees,
                       kh_fen *forfeited)
{
	char text[1024], amount[48], pct[32], kind[64];
	const char *clause = kh_node_attr(table, "clause");
	const char *what = kh_tr(what_zh, what_en);
	*forfeited = 0;
	const struct kh_node *ret = NULL;
	for (size_t i = 0; g->name && i < table->nchildren; i++) {
		const char *gr = kh_node_attr(&table->children[i], "grade");
		if (strcmp(table->children[i].name, "return") == 0 && gr && strcmp(gr, g->name) == 0)
			ret = &table->children[i];
	}
	grouped(held, amount, sizeof amount);
	if (!ret) {
		int rows = 0;
		for (size_t i = 0; i < table->nchildren; i++)
			rows += strcmp(table->children[i].name, "return") == 0;
		char why[512];
		if (!g->name && g->trial)
			snprintf(why, sizeof why, "%s%s%s%s", g->why,
			         kh_tr("（按模板默认等级试算为", " (the template's bands give "), g->trial,
			         kh_tr("，仅供参考）", ", for reference only)"));
		else if (!g->name)
			snprintf(why, sizeof why, "%s", g->why);
		else if (rows)
			snprintf(why, sizeof why, "%s %s%s", kh_tr("考核等级", "grade"), g->name,
			         kh_tr("：返还比例表无此等级，以甲方考核方案为准",
			               ": not in the return table; the purchaser's assessment plan decides"));
		else
			snprintf(why, sizeof why, "%s %s", kh_tr("考核等级", "grade"), g->name);
		if (!rows) {
			size_t len = strlen(why);
			snprintf(why + len, sizeof why - len, "%s",
			         kh_tr("；合同未约定各等级的返还比例，以甲方考核方案为准",
			               "; the contract gives no return share by grade: the purchaser's "
			               "assessment plan decides"));
		}
		snprintf(text, sizeof text, "%s %s %s%s%s", what, amount,
		         kh_tr("的返还与次年考核结果挂钩，待考核后按结果返还，在此之前不作扣减、不视为没收",
		               "is returned by the next year's assessment: until then held, not "
		               "forfeited"),
		         kh_tr("。", ". "), why);
		snprintf(kind, sizeof kind, "%s-held", prefix);
		xmlNodePtr line = kh_fees_line(fees, kind, clause, held, text);
		kh_fees_set(line, "basis", basis_word(g->basis));
		if (g->name)
			kh_fees_set(line, "grade", g->name);
		return 0;
	}
	struct kh_rate rate;
	if (kh_money_rate(in, ret, "rate", &rate))
		return -1;
	kh_fen back = kh_fen_mul_rate(held, rate);
	*forfeited = held - back;
	const char *def = kh_node_attr(ret, "default");
	kh_fund_pct(rate, pct, sizeof pct);
	grouped(back, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s（%s）→ %s %s: %s%s", kh_tr("考核等级", "grade"), g->name,
	         g->basis == FUND_GRADE_GIVEN ? kh_tr("考核结果录入", "as given")
	                                 : kh_tr("按合同等级划分评定", "scored on the contract's bands"),
	         what, pct, amount,
	         def && strcmp(def, "yes") == 0
	                 ? kh_tr("（返还比例为模板默认值，以考核方案为准）",
	                         " (return share is the template's default)") : "");
	snprintf(kind, sizeof kind, "%s-returned", prefix);
	xmlNodePtr line = kh_fees_line(fees, kind, clause, back, text);
	kh_fees_set(line, "grade", g->name);
	kh_fees_set(line, "basis", basis_word(g->basis));
	grouped(*forfeited, amount, sizeof amount);
	snprintf(text, sizeof text, "%s%s: %s", kh_tr("不予返还的", "withheld: "), what, amount);
	snprintf(kind, sizeof kind, "%s-withheld", prefix);
	line = kh_fees_line(fees, kind, clause, *forfeited, text);
	kh_fees_set(line, "grade", g->name);
	return 0;
}
