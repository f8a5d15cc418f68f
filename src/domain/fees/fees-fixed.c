/* fees-fixed.c: the fixed fee with milestones (004 第三条) as <fees> lines —
 * each milestone due once the record that proves it is there by the as-of
 * day, the payments recorded (finance, kind service-fee) applied to the
 * milestones, fee due − paid = payable now per milestone and in all;
 * damages for breaches and for termination without cause (第五条(二)(四)),
 * offset against the fees due (第五条(六)).  Damages the purchaser may
 * choose (discretionary="yes", 第五条(四) 有权…一种或多种) are proposed
 * and never reduce what is payable.  Integer fen.
 * Pure: reads typed records and the judged indicators, never the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fees-lib.h"
#include "msg.h"

/* One milestone as the statement works it out. */
struct milestone {
	const struct kh_node *node;
	kh_fen part;              /* its amount */
	kh_day reached;           /* the day it became due; 0: not (yet) */
	kh_day pay_by;            /* the payment deadline; 0: none known */
	kh_fen paid;              /* payments applied to it */
	char why[512];            /* the record that proves it, or what is missing */
};

/* The first day from `since` to as_of an activity of `kind` with a count
 * was recorded; 0 when none. */
static kh_day first_activity(const struct kh_activities *activities,
                             const char *kind, kh_day since, kh_day as_of)
{
	kh_day first = 0;
	for (size_t i = 0; i < activities->count; i++) {
		const struct kh_activity *a = &activities->rows[i];
		if (a->date < since || a->date > as_of || a->count <= 0 ||
		    strcmp(a->kind, kind) != 0)
			continue;
		if (!first || a->date < first)
			first = a->date;
	}
	return first;
}

/* The milestone's name in the current language: its name attribute (zh),
 * else its id. */
static const char *milestone_name(const struct kh_node *ms)
{
	const char *name = kh_node_attr(ms, "name");
	if (kh_lang == KH_LANG_ZH && name && *name)
		return name;
	return kh_node_attr(ms, "id");
}

/* acceptance (第三条(二)3 验收评估合格后): the first fact of kind
 * acceptance on or before the as-of day.  Without one nothing is payable;
 * the month the agreement plans it in is only cited. */
static kh_day acceptance_reached(const struct kh_fee_input *in,
                                 const struct kh_node *ms, char *why, size_t size)
{
	const char *month = kh_node_attr(ms, "month");
	char d[KH_DAY_BUFSZ], planned[96] = "";
	if (month && *month)
		snprintf(planned, sizeof planned, "%s %s", kh_tr("；协议约定验收评估时间",
		                                                 "; the agreement plans it in"), month);
	const struct kh_fact *ok = kh_facts_first(&in->records->facts, "acceptance", in->as_of);
	if (ok) {
		char ref[160] = "";
		if (*ok->ref)
			snprintf(ref, sizeof ref, " (%s %s)", kh_tr("文号", "ref"), ok->ref);
		int y, mo, dd;
		kh_day_to_ymd(ok->date, &y, &mo, &dd);
		char in_month[16];
		snprintf(in_month, sizeof in_month, "%04d-%02d", y, mo);
		snprintf(why, size, "%s %s%s%s", kh_tr("验收合格", "accepted on"),
		         kh_day_format(ok->date, d), ref,
		         month && *month && strcmp(month, in_month) != 0
		                 ? kh_tr("（不在协议约定的验收月份）",
		                         " (not in the month the agreement plans)") : "");
		return ok->date;
	}
	const struct kh_fact *failed = kh_facts_first(&in->records->facts, "acceptance-failed",
	                                              in->as_of);
	if (failed)
		snprintf(why, size, "%s %s%s", kh_tr("验收评估不合格", "acceptance failed on"),
		         kh_day_format(failed->date, d),
		         kh_tr("，尚无验收合格记录，待验收合格后支付",
		               "; no acceptance recorded since: payable once accepted"));
	else
		snprintf(why, size, "%s%s", kh_tr("待验收：尚无验收合格记录（记录事项：验收合格）",
		                                  "awaiting acceptance: no acceptance recorded (facts)"),
		         planned);
	return 0;
}

/* When the milestone became due (0: not yet), with the why. */
static kh_day milestone_reached(const struct kh_fee_input *in,
                                const struct kh_node *ms, char *why, size_t size)
{
	const struct kh_contract *c = in->contract;
	const char *when = kh_node_attr(ms, "when");
	char d[KH_DAY_BUFSZ];
	kh_day reached = 0;
	if (when && strcmp(when, "signing") == 0) {
		/* the term runs from the day of signing (004 第二条(二)) */
		if (c->term_first <= in->as_of)
			reached = c->term_first;
		snprintf(why, size, "%s %s", kh_tr("协议签订（合作期限起始日）", "signed (term start)"),
		         kh_day_format(c->term_first, d));
	} else if (when && strcmp(when, "first-data-report") == 0) {
		/* work under the agreement: from the signing on */
		reached = first_activity(&in->records->activities, "data-check",
		                         c->term_first, in->as_of);
		if (reached)
			snprintf(why, size, "%s %s", kh_tr("首次智能监管数据检查（报告完成）",
			                                   "first data check (report completed) on"),
			         kh_day_format(reached, d));
		else
			snprintf(why, size, "%s", kh_tr("尚无首次数据报告：没有智能监管数据检查记录（工作量记录）",
			                                "no first data report: no data-check activity recorded"));
	} else if (when && strcmp(when, "acceptance") == 0) {
		reached = acceptance_reached(in, ms, why, size);
	} else {
		snprintf(why, size, "%s '%s'", kh_tr("无法由记录判断的条件", "condition the records cannot show:"),
		         when ? when : "");
	}
	return reached;
}

/* The payments recorded (finance, kind service-fee) up to the as-of day,
 * applied to the milestones due first, in the contract's order, each up to
 * its amount; then to those not yet due (paid ahead); anything beyond the
 * contract total stays on the last milestone.  *total and *count: all of
 * them. */
static void apply_payments(const struct kh_fee_input *in, struct milestone *ms,
                           size_t n, kh_fen *total, long *count)
{
	kh_fees_finance(&in->records->finance, "service-fee", KH_DAY_NONE, in->as_of,
	                total, count);
	kh_fen left = *total;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && left > 0; i++) {
			if ((pass == 0) != (ms[i].reached != 0))
				continue;
			kh_fen take = left < ms[i].part ? left : ms[i].part;
			ms[i].paid = take;
			left -= take;
		}
	if (n > 0)
		ms[n - 1].paid += left;   /* beyond the total, or a net reversal */
}

/* The milestones' lines: each milestone (due or not), what was paid on it
 * and what is payable now.  *due: the sum of those due. */
static void milestone_lines(const struct kh_fee_input *in, struct milestone *ms,
                            size_t n, xmlNodePtr fees, kh_fen *due)
{
	char amount[48], paid[48], payable[48], text[1024], d[KH_DAY_BUFSZ];
	*due = 0;
	for (size_t i = 0; i < n; i++) {
		const struct kh_node *node = ms[i].node;
		const char *id = kh_node_attr(node, "id");
		const char *share = kh_node_attr(node, "share");
		const char *name = milestone_name(node);
		const char *clause = kh_node_attr(node, "clause");
		kh_fen owed = ms[i].reached ? ms[i].part : 0;
		char deadline[96] = "";
		if (ms[i].pay_by)
			snprintf(deadline, sizeof deadline, "%s%s", kh_tr("；付款期限 ", "; pay by "),
			         kh_day_format(ms[i].pay_by, d));
		kh_fen_format_grouped(ms[i].part, amount, sizeof amount);
		snprintf(text, sizeof text, "%s %s %s %s — %s%s", name, share ? share : "",
		         ms[i].reached ? kh_tr("已到期应付", "due") : kh_tr("未到期，暂不支付", "not yet due"),
		         amount, ms[i].why, deadline);
		xmlNodePtr line = kh_fees_line(fees, ms[i].reached ? "milestone" : "milestone-pending",
		                               clause, ms[i].part, text);
		kh_fees_set(line, "milestone", id);
		*due += owed;

		kh_fen_format_grouped(ms[i].paid, paid, sizeof paid);
		if (ms[i].paid != 0) {
			snprintf(text, sizeof text, "%s %s %s", name, kh_tr("已付", "paid"), paid);
			line = kh_fees_line(fees, "milestone-paid", clause, ms[i].paid, text);
			kh_fees_set(line, "milestone", id);
		}
		kh_fen now = owed - ms[i].paid;
		kh_fen_format_grouped(now, payable, sizeof payable);
		kh_fen_format_grouped(owed, amount, sizeof amount);
		char late[96] = "";
		if (now > 0 && ms[i].pay_by && in->as_of > ms[i].pay_by)
			snprintf(late, sizeof late, "%s %s", kh_tr("；已过付款期限", "; past the deadline"),
			         kh_day_format(ms[i].pay_by, d));
		snprintf(text, sizeof text, "%s: %s %s − %s %s = %s %s%s%s", name,
		         kh_tr("应付", "due"), amount, kh_tr("已付", "paid"), paid,
		         kh_tr("本期应付", "payable now"), payable,
		         ms[i].reached ? "" : kh_tr("（未到期）", " (not yet due)"), late);
		line = kh_fees_line(fees, "milestone-payable", clause, now, text);
		kh_fees_set(line, "milestone", id);
	}
}

/* Failing indicators that carry a damages trigger: how many, and their
 * titles and ids. */
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
		const char *title = kh_lang == KH_LANG_EN ? ind->title_en : ind->title_zh;
		size_t len = strlen(ids);
		if (title && *title)
			snprintf(ids + len, size - len, "%s%s (%s)", len ? ", " : "", title, ind->id);
		else
			snprintf(ids + len, size - len, "%s%s", len ? ", " : "", ind->id);
	}
	return found;
}

/* What the damages lines add up to. */
struct damages_sum {
	kh_fen applied;           /* the insurer pays: deducted from fees due */
	kh_fen to_insurer;        /* the purchaser pays: added to what it owes */
	kh_fen proposed;          /* the purchaser's choice, not yet confirmed */
	kh_fen confirmed;         /* of applied: the lines the purchaser confirmed */
	kh_fen pending;           /* of applied: the lines still proposed */
	kh_fen waived;            /* lines waived: counted nowhere */
};

static int yes(const struct kh_node *n, const char *name)
{
	const char *v = kh_node_attr(n, name);
	return v && strcmp(v, "yes") == 0;
}

/* The damages lines (breach, termination without cause by either party). */
static int damages_lines(const struct kh_fee_input *in, kh_fen contract_total,
                         xmlNodePtr fees, struct damages_sum *sum)
{
	const struct kh_node *m = in->model;
	const struct kh_money_opts *opts = in->money;
	char ids[1024], amount[48], text[1536];
	long found = failed_breaches(in, ids, sizeof ids);
	*sum = (struct damages_sum){ 0, 0, 0, 0, 0, 0 };
	char period[16];
	kh_period_format(&in->period, period);
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kh_node *dn = &m->children[i];
		if (strcmp(dn->name, "damages") != 0)
			continue;
		const char *cause = kh_node_attr(dn, "cause");
		const char *per = kh_node_attr(dn, "per");
		const char *payer = kh_node_attr(dn, "payer");
		int by_purchaser = payer && strcmp(payer, "purchaser") == 0;
		int discretionary = yes(dn, "discretionary");
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
			if (opts->terminated != (by_purchaser ? KH_TERMINATED_BY_PURCHASER
			                                      : KH_TERMINATED_BY_INSURER))
				continue;
			times = 1;
			kh_fen_format_grouped(each, amount, sizeof amount);
			snprintf(text, sizeof text, "%s → %s %s: %s%s",
			         by_purchaser
			                 ? kh_tr("甲方无故终止协议（申报），甲方向乙方支付",
			                         "the purchaser terminated without cause "
			                         "(--terminated=purchaser); it pays the insurer")
			                 : kh_tr("乙方无故终止协议（申报）",
			                         "the insurer terminated without cause (--terminated)"),
			         kh_tr("合作服务费总额", "of the total fee"), pct, amount,
			         by_purchaser ? ""
			                      : kh_tr("；乙方另应退还未发生的服务费用（金额由双方核定，未计入）",
			                              "; the insurer also returns the fees for service "
			                              "not rendered (to be agreed; not computed)"));
		} else {
			continue;
		}
		size_t len = strlen(text);
		const char *kind;
		/* the line's id keys on its cause: breach, termination-... */
		char id[512];
		kh_line_id(id, sizeof id, period, kh_node_attr(dn, "clause"),
		           by_purchaser ? "termination-by-purchaser" : cause);
		enum kh_line_state state = kh_line_state_of(in->records->adjust, id);
		kh_fen amount_fen = each * times;
		if (state == KH_LINE_WAIVED) {
			snprintf(text + len, sizeof text - len, "%s",
			         kh_tr("；甲方已免除，不扣除", "; waived by the purchaser: not deducted"));
			kind = discretionary ? "damages-proposed" : by_purchaser ? "damages-to-insurer"
			                                                       : "damages";
			sum->waived += amount_fen;
		} else if (discretionary && state == KH_LINE_CONFIRMED) {
			snprintf(text + len, sizeof text - len, "%s",
			         kh_tr("；甲方有权选择采取的措施之一，甲方已确认，从应付中扣除",
			               "; one of the measures the purchaser may choose: confirmed, "
			               "deducted"));
			kind = "damages";
			sum->applied += amount_fen;
			sum->confirmed += amount_fen;
		} else if (discretionary) {
			/* 第五条(四): the purchaser "有权" choose it among other
			 * measures; until it confirms, nothing is deducted */
			snprintf(text + len, sizeof text - len, "%s",
			         kh_tr("；甲方有权选择采取的措施之一，待甲方确认，未从应付中扣除",
			               "; one of the measures the purchaser may choose: proposed, "
			               "not deducted until it confirms"));
			kind = "damages-proposed";
			sum->proposed += each * times;
		} else if (by_purchaser) {
			kind = "damages-to-insurer";
			sum->to_insurer += each * times;
		} else {
			kind = "damages";
			sum->applied += each * times;
			if (state == KH_LINE_CONFIRMED)
				sum->confirmed += amount_fen;
			else
				sum->pending += amount_fen;
		}
		xmlNodePtr line = kh_fees_line(fees, kind, kh_node_attr(dn, "clause"),
		                               amount_fen, text);
		kh_fees_decide(in, line, period, kh_node_attr(dn, "clause"),
		               by_purchaser ? "termination-by-purchaser" : cause);
	}
	return 0;
}

int kh_fee_fixed(const struct kh_fee_input *in, xmlNodePtr fees)
{
	const struct kh_node *m = in->model;
	kh_fen contract_total, due_total;
	if (kh_money_fen(in, m, "amount", &contract_total))
		return -1;
	char amount[48], paid_text[48], text[1024];
	kh_fen_format_grouped(contract_total, amount, sizeof amount);
	snprintf(text, sizeof text, "%s %s", kh_tr("合作服务费总额", "total fee"), amount);
	kh_fees_line(fees, "contract-fee", kh_node_attr(m, "clause"), contract_total, text);

	size_t n = 0;
	for (size_t i = 0; i < m->nchildren; i++)
		if (strcmp(m->children[i].name, "milestone") == 0)
			n++;
	struct milestone *ms = calloc(n ? n : 1, sizeof *ms);
	if (!ms)
		return kh_fail(in->err, KH_ERR_SOFTWARE);
	for (size_t i = 0, k = 0; i < m->nchildren; i++) {
		const struct kh_node *node = &m->children[i];
		if (strcmp(node->name, "milestone") != 0)
			continue;
		struct milestone *s = &ms[k++];
		s->node = node;
		if (kh_money_fen(in, node, "amount", &s->part)) {
			free(ms);
			return -1;
		}
		s->reached = milestone_reached(in, node, s->why, sizeof s->why);
		const char *workdays = kh_node_attr(node, "due-workdays");
		kh_day pay_by;
		if (s->reached && workdays && in->calendar &&
		    kh_calendar_add_workdays(in->calendar, s->reached, atoi(workdays), &pay_by) == 0)
			s->pay_by = pay_by;
	}
	kh_fen paid;
	long payments;
	apply_payments(in, ms, n, &paid, &payments);
	milestone_lines(in, ms, n, fees, &due_total);
	free(ms);

	struct damages_sum damages;
	if (damages_lines(in, contract_total, fees, &damages))
		return -1;
	kh_fen total = due_total + damages.to_insurer;
	const struct kh_node *offset = kh_node_child(m, "offset");
	if (damages.applied > 0) {
		kh_fen_format_grouped(total - damages.applied, amount, sizeof amount);
		snprintf(text, sizeof text, "%s: %s%s", kh_tr("违约金从应付服务费中扣除，应付净额",
		                                             "damages deducted from fees due; net due"),
		         amount, total - damages.applied < 0
		                 ? kh_tr("（不足扣除，乙方补足）", " (the insurer pays the shortfall)") : "");
		kh_fees_line(fees, "offset", offset ? kh_node_attr(offset, "clause") : NULL,
		             total - damages.applied, text);
	}

	char d[KH_DAY_BUFSZ];
	kh_fen_format_grouped(paid, paid_text, sizeof paid_text);
	snprintf(text, sizeof text, "%s %s: %s (%s %ld %s)", kh_tr("截至", "paid by"),
	         kh_day_format(in->as_of, d), paid_text,
	         kh_tr("资金收支记录：经办服务费", "finance records of kind service-fee:"),
	         payments, kh_tr("笔", "rows"));
	kh_fees_line(fees, "paid", NULL, paid, text);

	kh_fen net = total - damages.applied;
	kh_fen_format_grouped(net, amount, sizeof amount);
	char payable[48], proposed[160] = "";
	kh_fen_format_grouped(net - paid, payable, sizeof payable);
	if (damages.proposed > 0) {
		char p[48];
		kh_fen_format_grouped(damages.proposed, p, sizeof p);
		snprintf(proposed, sizeof proposed, "%s %s%s",
		         kh_tr("；另有待甲方确认的违约金", "; damages proposed, not deducted:"), p,
		         kh_tr(" 未扣除", ""));
	}
	snprintf(text, sizeof text, "%s %s − %s %s = %s %s%s%s", kh_tr("应付净额", "net due"),
	         amount, kh_tr("已付", "paid"), paid_text, kh_tr("本期应付", "payable now"),
	         payable, net - paid < 0 ? kh_tr("（为负：乙方应向甲方退还或补足）",
	                                          " (negative: the insurer owes the purchaser)") : "",
	         proposed);
	kh_fees_line(fees, "payable", NULL, net - paid, text);
	kh_fees_totals(fees, total, damages.applied);
	/* proposed: the lines not yet decided, the discretionary ones (not in
	 * the due) and the others (in it) */
	kh_fees_decided(fees, total, damages.proposed + damages.pending, damages.confirmed,
	                damages.waived);
	return 0;
}
