/* fees-fixed.c: the fixed fee with milestones (004 第三条) as <fees> lines —
 * each milestone due once reached by the as-of day, damages for breaches
 * (failing indicators with a damages trigger, plus those declared) and for
 * termination, offset against the fees due (第五条(六)).  Integer fen.
 * Pure: reads typed records and the judged indicators, never the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fees-lib.h"
#include "msg.h"

/* The first day an activity of `kind` was recorded on or before as_of; 0
 * when none. */
static kh_day first_activity(const struct kh_activities *activities,
                             const char *kind, kh_day as_of)
{
	kh_day first = 0;
	for (size_t i = 0; i < activities->count; i++) {
		const struct kh_activity *a = &activities->rows[i];
		if (a->date > as_of || a->count <= 0 || strcmp(a->kind, kind) != 0)
			continue;
		if (!first || a->date < first)
			first = a->date;
	}
	return first;
}

/* When the milestone is reached (0: not yet), with the why. */
static kh_day milestone_reached(const struct kh_fee_input *in,
                                const struct kh_node *ms, char *why, size_t size)
{
	const struct kh_contract *c = in->contract;
	const char *when = kh_node_attr(ms, "when");
	char d[KH_DAY_BUFSZ];
	kh_day reached = 0;
	if (when && strcmp(when, "signing") == 0) {
		if (c->term_first <= in->as_of)
			reached = c->term_first;
		snprintf(why, size, "%s %s", kh_tr("签订协议/合同起始日", "signed / term start"),
		         kh_day_format(c->term_first, d));
	} else if (when && strcmp(when, "first-data-report") == 0) {
		reached = first_activity(&in->records->activities, "data-check", in->as_of);
		if (reached)
			snprintf(why, size, "%s %s", kh_tr("首次智能监管数据检查记录",
			                                   "first data-check activity on"),
			         kh_day_format(reached, d));
		else
			snprintf(why, size, "%s", kh_tr("尚无智能监管数据检查记录 (activities data-check)",
			                                "no data-check activity recorded yet"));
	} else if (when && strcmp(when, "acceptance") == 0) {
		const char *month = kh_node_attr(ms, "month");
		int y, mo;
		if (month && sscanf(month, "%4d-%2d", &y, &mo) == 2 && mo >= 1 && mo <= 12) {
			kh_day end = kh_day_from_ymd(y, mo, kh_days_in_month(y, mo));
			if (end <= in->as_of)
				reached = end;
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
	return reached;
}

/* One line per milestone; *due the sum of those reached. */
static int milestone_lines(const struct kh_fee_input *in, xmlNodePtr fees,
                           kh_fen *due)
{
	const struct kh_node *m = in->model;
	char amount[48], text[1024], why[512], d[KH_DAY_BUFSZ];
	*due = 0;
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kh_node *ms = &m->children[i];
		if (strcmp(ms->name, "milestone") != 0)
			continue;
		kh_fen part;
		if (kh_money_fen(in, ms, "amount", &part))
			return -1;
		kh_day reached = milestone_reached(in, ms, why, sizeof why);
		kh_fen_format_grouped(part, amount, sizeof amount);
		const char *share = kh_node_attr(ms, "share");
		const char *workdays = kh_node_attr(ms, "due-workdays");
		char due_note[96] = "";
		kh_day due_day;
		if (reached && workdays && in->calendar &&
		    kh_calendar_add_workdays(in->calendar, reached, atoi(workdays), &due_day) == 0)
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
			*due += part;
	}
	return 0;
}

/* Failing indicators that carry a damages trigger: how many, and their ids. */
static long failed_breaches(const struct kh_fee_input *in, char *ids, size_t size)
{
	const struct kh_contract *c = in->contract;
	long found = 0;
	ids[0] = '\0';
	for (size_t i = 0; i < c->nindicators && i < in->scored.count; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		if (in->scored.status[i] != KH_STATUS_FAIL)
			continue;
		int has_damages = 0;
		for (size_t t = 0; t < ind->ntriggers; t++)
			if (ind->triggers[t].action && strcmp(ind->triggers[t].action, "damages") == 0)
				has_damages = 1;
		if (!has_damages)
			continue;
		found++;
		size_t len = strlen(ids);
		snprintf(ids + len, size - len, "%s%s", len ? ", " : "", ind->id);
	}
	return found;
}

/* The damages lines (breach, termination); *total their sum. */
static int damages_lines(const struct kh_fee_input *in, kh_fen contract_total,
                         xmlNodePtr fees, kh_fen *total)
{
	const struct kh_node *m = in->model;
	const struct kh_money_opts *opts = in->money;
	char ids[512], amount[48], text[1024];
	long found = failed_breaches(in, ids, sizeof ids);
	*total = 0;
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kh_node *dn = &m->children[i];
		if (strcmp(dn->name, "damages") != 0)
			continue;
		const char *cause = kh_node_attr(dn, "cause");
		const char *per = kh_node_attr(dn, "per");
		struct kh_rate rate;
		if (kh_money_rate(in, dn, "rate", &rate))
			return -1;
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
		*total += each * times;
	}
	return 0;
}

int kh_fee_fixed(const struct kh_fee_input *in, xmlNodePtr fees)
{
	const struct kh_node *m = in->model;
	kh_fen contract_total, due_total, deductions;
	if (kh_money_fen(in, m, "amount", &contract_total))
		return -1;
	char amount[48], total_text[48], text[1024];
	kh_fen_format_grouped(contract_total, total_text, sizeof total_text);
	snprintf(text, sizeof text, "%s %s", kh_tr("合作服务费总额", "total fee"), total_text);
	kh_fees_line(fees, "contract-fee", kh_node_attr(m, "clause"), contract_total, text);
	if (milestone_lines(in, fees, &due_total) ||
	    damages_lines(in, contract_total, fees, &deductions))
		return -1;
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
	kh_fees_totals(fees, due_total, deductions);
	return 0;
}
