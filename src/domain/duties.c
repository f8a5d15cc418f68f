/* duties.c: the duties calendar (duties.h).  Where a duty's terms come
 * from: report deadlines from the contract's report-deadline indicators
 * (the same due-date rule as measure-reports.c: kh_report_due_nominal,
 * then the contract's 顺延 rule); the solvency report from its solvency
 * indicator; rectification, refund, fund and renewal duties from the
 * recorded facts and the clause table below (one row per seed, each
 * clause read from /work/shared/seeds).  Pure: never touches the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duties.h"
#include "measure-lib.h"
#include "msg.h"
#include "words.h"

/* The clauses each seed gives the duties that are not indicators.
 *   000 第三十三条: 约谈，责令限期整改 (the order's own deadline);
 *       第三十四条: 解除合同通知发出后 10 日内退还剩余资金;
 *       第三十五条: 合同到期前一个月，甲乙双方协商续签.
 *   001 第三十三条: 约谈，限期整改;
 *       第二十一条: 乙方每季度第一个月初提出拨付申请，甲方于每季度第一个
 *       月底前拨付到位，乙方收到拨款 2 个工作日内提交回执.
 *   002 第五条(二): 乙方立即整改，处理结果书面告知甲方.
 *   004 第五条(四): 甲方可要求限期纠正; 第二条(二): 合作期满前一个月协商续签.
 *   003 states none of these. */
struct seed_rules {
	const char *seed;
	const char *rectify;      /* clause of rectification orders, or NULL */
	const char *refund;       /* refund window after a termination notice */
	int refund_days;          /* calendar days (日) */
	const char *renewal;      /* renewal talks a month before the term ends */
	const char *fund;         /* quarterly fund request / payment / receipt */
};
static const struct seed_rules seed_rules[] = {
	{ "000", "第三十三条", "第三十四条", 10, "第三十五条", NULL },
	{ "001", "第三十三条", NULL, 0, NULL, "第二十一条" },
	{ "002", "第五条(二)", NULL, 0, NULL, NULL },
	{ "003", NULL, NULL, 0, NULL, NULL },
	{ "004", "第五条(四)", NULL, 0, "第二条(二)", NULL },
};

/* 001 第二十一条 says 每季度第一个月初 for the request: no day.  The
 * template reads 月初 as the first ten days (上旬), marked default. */
#define FUND_REQUEST_DAY 10
/* 001 第二十一条: the receipt within 2 working days of the money. */
#define FUND_RECEIPT_WORKDAYS 2
/* 000 第三十八条 says 及时 for the report of a C rating: no day.  The
 * template gives it to the end of the month after the rated quarter,
 * marked default. */
#define RATING_REPORT_MONTHS_AFTER 1
/* The submission (report kind) and fact (kind other, this ref) that
 * record the rating report and the renewal talks. */
#define RATING_REPORT_NAME "rating-report"
static const char *const renewal_refs[] = { "renewal-talks", "续签协商", NULL };

static const struct seed_rules *rules_for(const char *seed)
{
	for (size_t i = 0; seed && i < sizeof seed_rules / sizeof seed_rules[0]; i++)
		if (strcmp(seed_rules[i].seed, seed) == 0)
			return &seed_rules[i];
	return NULL;
}

void kh_duties_appeal_rule(const char *seed, struct kh_appeal_rule *out)
{
	/* No seed gives the insurer a window to contest a result.  002
	 * 第三条(三) provides 重新复核 (re-review at the insurer's cost); the
	 * window everywhere is the template's: 15 working days from receipt. */
	out->workdays = 15;
	out->is_default = 1;
	if (seed && strcmp(seed, "002") == 0) {
		out->clause = "第三条(三)";
		out->text = "稽核合格率低于80%的，启动重新复核机制，复核相关费用由乙方支付";
	} else {
		out->clause = "";
		out->text = "";
	}
}

enum kh_duty_status kh_duty_judge(kh_day from, kh_day due, kh_day done,
                                  kh_day as_of)
{
	if (done != KH_DAY_NONE && done <= as_of)
		return due == KH_DAY_NONE || done <= due ? KH_DUTY_DONE : KH_DUTY_LATE;
	if (due != KH_DAY_NONE && as_of > due)
		return KH_DUTY_LATE;
	if (as_of < from)
		return KH_DUTY_NOT_DUE;
	return KH_DUTY_OPEN;
}

const char *kh_duty_party_code(enum kh_duty_party p)
{
	return p == KH_PARTY_PURCHASER ? "purchaser" : p == KH_PARTY_BOTH ? "both"
	                                                                  : "insurer";
}

const char *kh_duty_status_code(enum kh_duty_status s)
{
	static const char *const codes[] = { "not-due", "open", "done", "late" };
	return codes[s];
}

struct builder {
	const struct kh_contract *c;
	const struct kh_records *rec;
	const struct kh_calendar *cal;
	kh_day as_of;
	int strict;
	struct kh_duties *out;
	struct kh_err *err;
	unsigned char *used;      /* per fact: already matched as a duty's doing */
};

static void add(struct builder *b, const char *kind, const char *clause,
                enum kh_duty_party party, const char *ref, const char *text,
                kh_day from, kh_day due, kh_day done, int is_default)
{
	struct kh_duties *d = b->out;
	if (d->count == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->rows = kh_xrealloc(d->rows, d->cap * sizeof *d->rows);
	}
	struct kh_duty *row = &d->rows[d->count++];
	row->kind = kind;
	row->clause = kh_xstrdup(clause ? clause : "");
	row->party = party;
	row->ref = kh_xstrdup(ref ? ref : "");
	row->text = kh_xstrdup(text ? text : "");
	row->from = from;
	row->due = due;
	row->done = done != KH_DAY_NONE && done <= b->as_of ? done : KH_DAY_NONE;
	row->status = kh_duty_judge(from, due, row->done, b->as_of);
	row->is_default = is_default;
}

/* The calendar could not date a duty: an error in strict mode, else the
 * duty is skipped.  0 to go on (skip), -1 to stop. */
static int calendar_failed(struct builder *b)
{
	if (!b->strict)
		return 0;
	kh_mcal_error(b->cal);
	return kh_fail(b->err, KH_ERR_DATA);
}

/* d rolled over by the contract's rule: 0, 1 when the calendar lacks the
 * year (skip the duty), -1 to stop. */
static int roll(struct builder *b, kh_day d, kh_day *out)
{
	if (kh_calendar_rollover(b->cal, d, b->c->rollover, out) == 0)
		return 0;
	return calendar_failed(b) ? -1 : 1;
}

/* The first fact of `kind` dated in [first, last] and known at as_of,
 * not yet used; with `ref` non-NULL its ref must equal it.  Marks it used. */
static const struct kh_fact *take_fact(struct builder *b, const char *kind,
                                       const char *ref, kh_day first, kh_day last)
{
	const struct kh_facts *f = &b->rec->facts;
	for (size_t i = 0; i < f->count; i++) {
		const struct kh_fact *x = &f->rows[i];
		if (b->used[i] || x->date < first || x->date > last ||
		    x->date > b->as_of || strcmp(x->kind, kind) != 0 ||
		    (ref && strcmp(x->ref, ref) != 0))
			continue;
		b->used[i] = 1;
		return x;
	}
	return NULL;
}

/* The first accepted submission of (report, period) known at as_of. */
static kh_day submitted(const struct builder *b, const char *report,
                        const char *period)
{
	const struct kh_submissions *s = &b->rec->submissions;
	kh_day best = KH_DAY_NONE;
	for (size_t i = 0; i < s->count; i++) {
		const struct kh_submission *x = &s->rows[i];
		if (!x->accepted || x->submitted_day > b->as_of ||
		    strcmp(x->report, report) != 0 || strcmp(x->period, period) != 0)
			continue;
		if (best == KH_DAY_NONE || x->submitted_day < best)
			best = x->submitted_day;
	}
	return best;
}

/* The contract's term as a period to split. */
static struct kh_period term_period(const struct kh_contract *c)
{
	struct kh_period t;
	kh_period_containing(KH_PERIOD_YEAR, c->term_first, &t);
	t.first = c->term_first;
	t.last = c->term_last;
	return t;
}

#define MAX_PERIODS 1200

/* Reports: every report-deadline indicator, every period of its kind in
 * the term (001 第二十五/二十六条 for Henan). */
static int report_duties(struct builder *b, const struct kh_indicator *ind)
{
	const struct kh_node *m = &ind->measure;
	const char *report = kh_node_attr(m, "report");
	const char *every = kh_node_attr(m, "every");
	const char *only = kh_node_attr(m, "only");
	const char *day_text = kh_node_attr(m, "due-day");
	const char *months_text = kh_node_attr(m, "due-months-after");
	enum kh_period_kind kind;
	if (!report || !*report || kh_period_kind_parse(every, &kind) != 0 || !day_text)
		return 0;   /* the scorer reports a bad parameter, naming its line */
	long due_day = strtol(day_text, NULL, 10);
	long months = months_text ? strtol(months_text, NULL, 10) : 1;
	if (due_day < 1 || due_day > 31 || months < 0 || months > 24)
		return 0;
	struct kh_period term = term_period(b->c);
	struct kh_period *periods = kh_xcalloc(MAX_PERIODS, sizeof *periods);
	size_t n = kh_period_split(&term, kind, periods, MAX_PERIODS);
	int rc = 0;
	for (size_t i = 0; i < n && rc >= 0; i++) {
		if (only && kh_period_only_admits(only, &periods[i]) != 1)
			continue;
		kh_day due;
		rc = roll(b, kh_report_due_nominal(&periods[i], (int)due_day, (int)months), &due);
		if (rc)
			continue;
		char period[16], text[256];
		kh_period_format(&periods[i], period);
		snprintf(text, sizeof text, "%s %s（%s）", kh_tr("报送", "submit the"),
		         kh_word_or_code("value", report), period);
		add(b, "report", ind->clause, KH_PARTY_INSURER, period, text,
		    periods[i].last + 1, due, submitted(b, report, period), 0);
	}
	free(periods);
	return rc < 0 ? -1 : 0;
}

static int rank_of(char letter)
{
	return letter >= 'A' && letter <= 'D' ? letter - 'A' : -1;
}

/* The solvency report (000 第三十八条): every quarter of the term rated at
 * or below the indicator's report-at (default C). */
static int rating_duties(struct builder *b, const struct kh_indicator *ind)
{
	const char *at = kh_node_attr(&ind->measure, "report-at");
	int report_at = at && at[0] && !at[1] ? rank_of(at[0]) : 2;
	if (report_at < 0)
		return 0;
	const char *clause = ind->clause;
	for (size_t i = 0; i < ind->ntriggers; i++)
		if (strcmp(ind->triggers[i].action, "report") == 0)
			clause = ind->triggers[i].clause;
	const struct kh_ratings *r = &b->rec->ratings;
	for (size_t i = 0; i < r->count; i++) {
		struct kh_period q;
		if (rank_of(r->rows[i].rating) < report_at ||
		    kh_period_parse(r->rows[i].quarter, &q) != 0 ||
		    q.kind != KH_PERIOD_QUARTER || q.last < b->c->term_first ||
		    q.first > b->c->term_last)
			continue;
		kh_day due;
		int rc = roll(b, kh_report_due_nominal(&q, 31, RATING_REPORT_MONTHS_AFTER), &due);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		char text[256];
		snprintf(text, sizeof text, "%s %s %c%s", kh_tr("报告偿付能力风险综合评级",
		         "report the solvency rating of"), r->rows[i].quarter,
		         r->rows[i].rating, kh_tr(" 类", ""));
		add(b, "rating-report", clause, KH_PARTY_INSURER, r->rows[i].quarter, text,
		    q.last + 1, due, submitted(b, RATING_REPORT_NAME, r->rows[i].quarter), 1);
	}
	return 0;
}

/* Rectification orders: their own deadline (due_date); done by the first
 * `rectified` fact with the same ref on or after the order. */
static void rectify_duties(struct builder *b, const char *clause)
{
	const struct kh_facts *f = &b->rec->facts;
	for (size_t i = 0; i < f->count; i++) {
		const struct kh_fact *o = &f->rows[i];
		if (strcmp(o->kind, "rectification-order") != 0 || o->date > b->as_of)
			continue;
		const struct kh_fact *done = take_fact(b, "rectified", o->ref, o->date,
		                                       b->as_of);
		char text[512];
		snprintf(text, sizeof text, "%s%s%s%s%s", kh_tr("按整改通知整改", "rectify as ordered"),
		         *o->ref ? " " : "", o->ref, *o->note ? kh_tr("：", ": ") : "", o->note);
		add(b, "rectification", clause, KH_PARTY_INSURER, o->ref, text, o->date,
		    o->due, done ? done->date : KH_DAY_NONE, 0);
	}
}

/* 000 第三十四条: the remaining funds back within `days` 日 of the notice. */
static int refund_duties(struct builder *b, const struct seed_rules *s)
{
	const struct kh_facts *f = &b->rec->facts;
	for (size_t i = 0; i < f->count; i++) {
		const struct kh_fact *n = &f->rows[i];
		if (strcmp(n->kind, "termination-notice") != 0 || n->date > b->as_of)
			continue;
		kh_day due;
		int rc = roll(b, n->date + s->refund_days, &due);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		const struct kh_fact *done = take_fact(b, "refund", NULL, n->date, b->as_of);
		char text[256];
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "return the remaining funds within %d "
			         "days of the termination notice", s->refund_days);
		else
			snprintf(text, sizeof text, "解除合同通知发出后 %d 日内退还剩余资金",
			         s->refund_days);
		add(b, "refund", s->refund, KH_PARTY_INSURER, n->ref, text, n->date, due,
		    done ? done->date : KH_DAY_NONE, 0);
	}
	return 0;
}

/* The day one calendar month before d (the month's last day when shorter). */
static kh_day month_before(kh_day d)
{
	int y, m, day;
	kh_day_to_ymd(d, &y, &m, &day);
	if (--m == 0) {
		m = 12;
		y--;
	}
	int last = kh_days_in_month(y, m);
	return kh_day_from_ymd(y, m, day < last ? day : last);
}

/* 000 第三十五条, 004 第二条(二): both parties talk renewal by one month
 * before the term ends; recorded as a fact of kind other, ref renewal-talks. */
static int renewal_duty(struct builder *b, const char *clause)
{
	kh_day due;
	int rc = roll(b, month_before(b->c->term_last), &due);
	if (rc)
		return rc < 0 ? -1 : 0;
	const struct kh_fact *done = NULL;
	for (size_t i = 0; renewal_refs[i] && !done; i++)
		done = take_fact(b, "other", renewal_refs[i], b->c->term_first, b->as_of);
	add(b, "renewal-talks", clause, KH_PARTY_BOTH, "",
	    kh_tr("合同到期前一个月协商续签事宜", "talk renewal one month before the term ends"),
	    b->c->term_first, due, done ? done->date : KH_DAY_NONE, 0);
	return 0;
}

/* 001 第二十一条, every quarter of the term: the insurer's request early in
 * its first month, the purchaser's payment by that month's end, and the
 * insurer's receipt within 2 working days of each payment received. */
static int fund_duties(struct builder *b, const char *clause)
{
	struct kh_period term = term_period(b->c), quarters[64];
	size_t n = kh_period_split(&term, KH_PERIOD_QUARTER, quarters, 64);
	for (size_t i = 0; i < n; i++) {
		const struct kh_period *q = &quarters[i];
		char period[16];
		kh_period_format(q, period);
		kh_day request_due, pay_due;
		int y, m, d;
		kh_day_to_ymd(q->first, &y, &m, &d);
		int rc = roll(b, q->first + FUND_REQUEST_DAY - 1, &request_due);
		if (!rc)
			rc = roll(b, kh_day_from_ymd(y, m, kh_days_in_month(y, m)), &pay_due);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		const struct kh_fact *req = take_fact(b, "fund-request", NULL, q->first, q->last);
		char text[256];
		snprintf(text, sizeof text, "%s（%s）", kh_tr("每季度第一个月初提出资金拨付申请",
		         "request the quarter's funds early in its first month"), period);
		add(b, "fund-request", clause, KH_PARTY_INSURER, period, text,
		    q->first, request_due, req ? req->date : KH_DAY_NONE, 1);
		const struct kh_fact *paid = NULL;
		const struct kh_facts *f = &b->rec->facts;
		for (size_t k = 0; k < f->count && !paid; k++)
			if (strcmp(f->rows[k].kind, "fund-received") == 0 &&
			    f->rows[k].date >= q->first && f->rows[k].date <= q->last &&
			    f->rows[k].date <= b->as_of)
				paid = &f->rows[k];
		snprintf(text, sizeof text, "%s（%s）", kh_tr("每季度第一个月底前拨付资金到位",
		         "pay the quarter's funds by the end of its first month"), period);
		add(b, "fund-payment", clause, KH_PARTY_PURCHASER, period, text,
		    q->first, pay_due, paid ? paid->date : KH_DAY_NONE, 0);
	}
	const struct kh_facts *f = &b->rec->facts;
	for (size_t i = 0; i < f->count; i++) {
		const struct kh_fact *r = &f->rows[i];
		if (strcmp(r->kind, "fund-received") != 0 || r->date > b->as_of)
			continue;
		kh_day due;
		if (kh_calendar_add_workdays(b->cal, r->date, FUND_RECEIPT_WORKDAYS, &due) != 0) {
			if (calendar_failed(b))
				return -1;
			continue;
		}
		const struct kh_fact *filed = take_fact(b, "fund-receipt-filed", NULL,
		                                        r->date, b->as_of);
		char text[256];
		if (kh_lang == KH_LANG_EN)
			snprintf(text, sizeof text, "file the receipt within %d working "
			         "days of the funds", FUND_RECEIPT_WORKDAYS);
		else
			snprintf(text, sizeof text, "收到拨款 %d 个工作日内提交回执",
			         FUND_RECEIPT_WORKDAYS);
		add(b, "fund-receipt", clause, KH_PARTY_INSURER, r->ref, text, r->date, due,
		    filed ? filed->date : KH_DAY_NONE, 0);
	}
	return 0;
}

static int by_due(const void *pa, const void *pb)
{
	const struct kh_duty *a = pa, *b = pb;
	if (a->due != b->due) {
		if (a->due == KH_DAY_NONE || b->due == KH_DAY_NONE)
			return a->due == KH_DAY_NONE ? 1 : -1;
		return a->due < b->due ? -1 : 1;
	}
	int c = strcmp(a->kind, b->kind);
	return c ? c : strcmp(a->ref, b->ref);
}

int kh_duties_build(const struct kh_contract *c, const struct kh_records *rec,
                    const struct kh_calendar *cal, kh_day as_of, int strict,
                    struct kh_duties *out, struct kh_err *err)
{
	memset(out, 0, sizeof *out);
	struct builder b = { c, rec, cal, as_of, strict, out, err,
	                     kh_xcalloc(rec->facts.count + 1, 1) };
	const struct seed_rules *s = rules_for(c->seed);
	int rc = 0;
	for (size_t i = 0; i < c->nindicators && !rc; i++) {
		const char *name = c->indicators[i].measure.name;
		if (strcmp(name, "report-deadline") == 0)
			rc = report_duties(&b, &c->indicators[i]);
		else if (strcmp(name, "solvency") == 0)
			rc = rating_duties(&b, &c->indicators[i]);
	}
	if (!rc)
		rectify_duties(&b, s && s->rectify ? s->rectify : "");
	if (!rc && s && s->refund)
		rc = refund_duties(&b, s);
	if (!rc && s && s->fund)
		rc = fund_duties(&b, s->fund);
	if (!rc && s && s->renewal)
		rc = renewal_duty(&b, s->renewal);
	free(b.used);
	if (rc) {
		kh_duties_free(out);
		return -1;
	}
	if (out->count)
		qsort(out->rows, out->count, sizeof *out->rows, by_due);
	return 0;
}

void kh_duties_free(struct kh_duties *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->rows[i].clause);
		free(d->rows[i].ref);
		free(d->rows[i].text);
	}
	free(d->rows);
	memset(d, 0, sizeof *d);
}

static void set_day(xmlNodePtr n, const char *name, kh_day d)
{
	char buf[KH_DAY_BUFSZ];
	if (d != KH_DAY_NONE)
		xmlSetProp(n, BAD_CAST name, BAD_CAST kh_day_format(d, buf));
}

xmlNodePtr kh_duty_xml(xmlNodePtr parent, const struct kh_duty *d)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST "duty", NULL);
	xmlSetProp(n, BAD_CAST "kind", BAD_CAST d->kind);
	xmlSetProp(n, BAD_CAST "clause", BAD_CAST(*d->clause ? d->clause : "-"));
	xmlSetProp(n, BAD_CAST "party", BAD_CAST kh_duty_party_code(d->party));
	if (*d->ref)
		xmlSetProp(n, BAD_CAST "ref", BAD_CAST d->ref);
	set_day(n, "from", d->from);
	set_day(n, "due", d->due);
	set_day(n, "done", d->done);
	xmlSetProp(n, BAD_CAST "status", BAD_CAST kh_duty_status_code(d->status));
	if (d->is_default)
		xmlSetProp(n, BAD_CAST "default", BAD_CAST "yes");
	xmlSetProp(n, BAD_CAST "text", BAD_CAST d->text);
	return n;
}

void kh_duties_scorecard(const struct kh_contract *c, const struct kh_records *rec,
                         const struct kh_calendar *cal,
                         const struct kh_period *period, kh_day as_of,
                         xmlNodePtr root)
{
	struct kh_duties all;
	if (kh_duties_build(c, rec, cal, as_of, 0, &all, NULL) != 0)
		return;
	xmlNodePtr duties = NULL;
	for (size_t i = 0; i < all.count; i++) {
		const struct kh_duty *d = &all.rows[i];
		int late = d->status == KH_DUTY_LATE && d->due != KH_DAY_NONE &&
		           ((d->due >= period->first && d->due <= period->last) ||
		            (d->due < period->first && d->done == KH_DAY_NONE));
		int pending_fix = strcmp(d->kind, "rectification") == 0 &&
		                  (d->status == KH_DUTY_OPEN || d->status == KH_DUTY_NOT_DUE);
		if (!late && !pending_fix)
			continue;
		if (!duties) {
			duties = xmlNewChild(root, NULL, BAD_CAST "duties", NULL);
			set_day(duties, "as-of", as_of);
		}
		kh_duty_xml(duties, d);
	}
	kh_duties_free(&all);
}
