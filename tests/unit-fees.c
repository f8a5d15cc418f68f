/* unit-fees.c: the money rules of SPEC section 5, each against figures
 * worked by hand in the comments: first as pure arithmetic (quarterly
 * parts, audit band deductions, days on the project, special staff cost,
 * the profit cap, loss sharing, the reserve, the balance every fund
 * statement satisfies, the late refund by the day), then every fee model
 * of the registry run over records built in memory — no database. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "datadir.h"
#include "fees.h"
#include "settle.h"
#include "tap.h"

static struct kh_rate rate(const char *text)
{
	struct kh_rate r = { 0, 1 };
	kh_rate_parse(text, &r);
	return r;
}

static void quarters(void)
{
	kh_fen q[4];
	/* 1.45 yuan × 1,000,000 = 1,450,000.00 = 145,000,000 fen; ÷ 4 = 36,250,000 */
	kh_fee_split(145 * 1000000LL, 4, q);
	is_int(q[0], 36250000, "Q1 part 362,500.00");
	is_int(q[3], 36250000, "Q4 part 362,500.00");
	/* 2% of 362,500.00 = 7,250.00; 5% = 18,125.00 */
	is_int(kh_fen_mul_rate(q[1], rate("2%")), 725000, "2% band 7,250.00");
	is_int(kh_fen_mul_rate(q[3], rate("5%")), 1812500, "5% band 18,125.00");
	/* 1.45 × 1,000,001 = 1,450,001.45 = 145,000,145 fen; 145,000,145 = 4 × 36,250,036 + 1 */
	kh_fee_split(145000145LL, 4, q);
	is_int(q[0], 36250036, "uneven: first part 362,500.36");
	is_int(q[3], 36250037, "uneven: remainder fen to the last part");
	is_int(q[0] + q[1] + q[2] + q[3], 145000145, "parts sum to the year's fee");
	/* 2% of 362,500.37 = 7,250.0074 → 7,250.01? 36,250,037 × 2 / 100 = 725,000.74 → 725,001 */
	is_int(kh_fen_mul_rate(q[3], rate("2%")), 725001, "half-up once: 7,250.01");
}

static void days(void)
{
	kh_day y0 = kh_day_from_ymd(2025, 1, 1), y1 = kh_day_from_ymd(2025, 12, 31);
	kh_day f[2] = { kh_day_from_ymd(2024, 6, 1), kh_day_from_ymd(2025, 3, 1) };
	kh_day l[2] = { INT32_MAX, kh_day_from_ymd(2025, 3, 31) };
	is_int(kh_days_covered(f, l, 1, y0, y1), 365, "open assignment covers the year");
	is_int(kh_days_covered(f, l, 2, y0, y1), 365, "overlapping posts count a day once");
	kh_day f2[2] = { kh_day_from_ymd(2025, 1, 1), kh_day_from_ymd(2025, 7, 1) };
	kh_day l2[2] = { kh_day_from_ymd(2025, 3, 31), kh_day_from_ymd(2025, 12, 31) };
	/* 90 (Jan-Mar) + 184 (Jul-Dec) = 274 */
	is_int(kh_days_covered(f2, l2, 2, y0, y1), 274, "two spells 90 + 184");
	is_int(kh_staff_cost(300, 1, 300, 5000000, 10000000), 0, "exactly 300 days: not more than 300");
	is_int(kh_staff_cost(301, 1, 300, 5000000, 10000000), 10000000, "301 days medical: 100,000.00");
	is_int(kh_staff_cost(301, 0, 300, 5000000, 10000000), 5000000, "301 days: 50,000.00");
}

static void cap(void)
{
	struct kh_cap_out o;
	/* F = 130 × 1,000,000 = 130,000,000.00; cap 3.86% = 5,018,000.00;
	 * claims 120,000,000.00 → M = 10,000,000.00; excess 4,982,000.00;
	 * staff 150,000.00 → kept 5,168,000.00, returned 4,832,000.00 */
	struct kh_cap_in in = { 13000000000LL, 12000000000LL, rate("3.86%"), 15000000, 0,
	                        rate("3.86%"), 0 };
	kh_settle_cap(&in, &o);
	is_int(o.margin, 1000000000, "M 10,000,000.00");
	is_int(o.cap, 501800000, "cap 5,018,000.00");
	is_int(o.excess, 498200000, "excess 4,982,000.00");
	is_int(o.kept, 516800000, "kept 5,168,000.00");
	is_int(o.returned, 483200000, "returned 4,832,000.00");
	/* claims 124,900,000.00 → M 5,100,000.00; excess 82,000.00 < 150,000.00 staff
	 * → allowed 82,000.00; kept 5,100,000.00; returned 0 */
	in.claims = 12490000000LL;
	kh_settle_cap(&in, &o);
	is_int(o.staff_allowed, 8200000, "staff cost capped at the excess");
	is_int(o.kept, 510000000, "kept the whole margin");
	is_int(o.returned, 0, "nothing returned");
	/* M = 3.86% F exactly: kept M, no excess */
	in.claims = 13000000000LL - 501800000LL;
	kh_settle_cap(&in, &o);
	is_int(o.excess, 0, "M at the cap: no excess");
	is_int(o.kept, 501800000, "M at the cap kept");
	/* loss: claims 140,000,000.00 → M −10,000,000.00 */
	in.claims = 14000000000LL;
	kh_settle_cap(&in, &o);
	is_int(o.insurer_loss, 1000000000, "non-policy loss borne in full");
	in.loss_policy = 1;
	kh_settle_cap(&in, &o);
	is_int(o.insurer_loss, 501800000, "policy loss borne up to 3.86% F");
	is_int(o.other_loss, 498200000, "the rest 4,982,000.00 elsewhere");
	/* Henan (001 第二十二–二十四条): F 200,000,000.00; the purchaser
	 * withholds the reserve 5% = 10,000,000.00, so M = F − reserve − claims;
	 * the cap is 3% of F itself = 6,000,000.00. */
	struct kh_cap_in h = { 20000000000LL, 18000000000LL, rate("3%"), 0, 0, rate("3%"),
	                       1000000000LL };
	/* claims 180,000,000.00 → M = 200 − 10 − 180 = 10,000,000.00 (not
	 * 20,000,000.00: the reserve is not the insurer's); kept 6,000,000.00,
	 * 4,000,000.00 above the cap */
	kh_settle_cap(&h, &o);
	is_int(o.margin, 1000000000, "Henan M = F − reserve − claims = 10,000,000.00");
	is_int(o.cap, 600000000, "Henan cap 3% of F (not of 95%) = 6,000,000.00");
	is_int(o.kept, 600000000, "Henan kept 6,000,000.00");
	is_int(o.returned, 400000000, "Henan surplus 4,000,000.00");
	/* claims 190,000,000.00 → M = 0 exactly: nothing kept, nothing over, no loss */
	h.claims = 19000000000LL;
	kh_settle_cap(&h, &o);
	is_int(o.margin, 0, "Henan claims = 95% of F: M = 0");
	is_int(o.kept + o.returned + o.loss, 0, "M = 0: nothing kept, returned or lost");
	/* claims 195,000,000.00: below F but above 95% of F → a loss of
	 * 5,000,000.00 (the old rule saw a margin of 5,000,000.00) */
	h.claims = 19500000000LL;
	h.loss_policy = 1;
	kh_settle_cap(&h, &o);
	is_int(o.loss, 500000000, "claims between 95% and 100% of F: a loss of 5,000,000.00");
	is_int(o.insurer_loss, 500000000, "policy loss within 3% of F: the insurer bears it all");
	is_int(o.other_loss, 0, "nothing for the reserve");
	/* policy loss: claims 210,000,000.00 → M −20,000,000.00; insurer 3%
	 * 6,000,000.00; reserve 10,000,000.00; beyond 4,000,000.00 */
	h.claims = 21000000000LL;
	kh_settle_cap(&h, &o);
	is_int(o.insurer_loss, 600000000, "Henan policy loss: insurer 6,000,000.00");
	kh_fen used, beyond;
	kh_settle_reserve(o.other_loss, kh_fen_mul_rate(h.funds, rate("5%")), &used, &beyond);
	is_int(used, 1000000000, "reserve used 10,000,000.00");
	is_int(beyond, 400000000, "beyond the reserve 4,000,000.00");
	/* the balance of that year: F 200,000,000 + beyond 4,000,000 = claims
	 * 210,000,000 + reserve left 0 + insurer −6,000,000 + 0 + 0 + 0 */
	struct kh_fund_balance b = { 20000000000LL, 400000000, 21000000000LL, 0, -600000000,
	                             0, 0, 0 };
	is_int(kh_fund_balance_gap(&b), 0, "a policy-loss year balances");
	b.insurer_net -= 100;   /* one yuan astray */
	is_int(kh_fund_balance_gap(&b), 100, "one yuan astray is found");
}

/* 000 第三十四条: 万分之五 a day of what is still unpaid after the deadline. */
static void late(void)
{
	struct kh_late_segment seg[4];
	kh_fen total, unpaid;
	struct kh_rate daily = rate("0.05%");
	kh_day due = kh_day_from_ymd(2025, 10, 9);
	kh_day until = kh_day_from_ymd(2025, 12, 31);
	/* 4,000,000.00 owed by 10-09; 1,000,000.00 back on the deadline (in
	 * time), 3,000,000.00 on 10-13: late from 10-10 to the day it comes
	 * back, both counted: 10-10..10-13 = 4 days × 3,000,000.00 × 0.05% =
	 * 4 × 1,500.00 = 6,000.00 */
	struct kh_refund r[] = { { kh_day_from_ymd(2025, 10, 9), 100000000 },
	                         { kh_day_from_ymd(2025, 10, 13), 300000000 } };
	size_t n = kh_late_refund(400000000, due, until, r, 2, daily, seg, &total, &unpaid);
	is_int(n, 1, "one run of late days");
	is_int(seg[0].days, 4, "10-10 to 10-13: 4 days");
	is_int(seg[0].outstanding, 300000000, "on 3,000,000.00 unpaid");
	is_int(total, 600000, "4 × 1,500.00 = 6,000.00");
	is_int(unpaid, 0, "all refunded");
	/* all back on the deadline: nothing */
	struct kh_refund all[] = { { due, 400000000 } };
	n = kh_late_refund(400000000, due, until, all, 1, daily, seg, &total, &unpaid);
	is_int(n, 0, "refunded on the deadline: no late day");
	is_int(total, 0, "no charge");
	/* all back the day after: one day × 4,000,000.00 × 0.05% = 2,000.00 */
	all[0].date = due + 1;
	n = kh_late_refund(400000000, due, until, all, 1, daily, seg, &total, &unpaid);
	is_int(n, 1, "refunded the day after the deadline");
	is_int(seg[0].days, 1, "one late day");
	is_int(total, 200000, "2,000.00");
	/* nothing back by 12-31: 10-10..12-31 = 22 + 30 + 31 = 83 days ×
	 * 2,000.00 = 166,000.00, still owed */
	n = kh_late_refund(400000000, due, until, NULL, 0, daily, seg, &total, &unpaid);
	is_int(seg[0].days, 83, "83 late days to 12-31");
	is_int(total, 16600000, "166,000.00");
	is_int(unpaid, 400000000, "still owed");
	/* two partial refunds after the deadline, 1,500,000.00 on 10-15 and
	 * 2,500,000.00 on 10-20: 10-10..10-15 6 days × 2,000.00 (12,000.00),
	 * 10-16..10-20 5 days × 1,250.00 (6,250.00) → 18,250.00; rounding once
	 * a run: 333.33 owed 1 day = 0.166665 → 0.17 */
	struct kh_refund two[] = { { kh_day_from_ymd(2025, 10, 15), 150000000 },
	                           { kh_day_from_ymd(2025, 10, 20), 250000000 } };
	n = kh_late_refund(400000000, due, until, two, 2, daily, seg, &total, &unpaid);
	is_int(n, 2, "two runs");
	is_int(seg[0].charge, 1200000, "6 days × 2,000.00 = 12,000.00");
	is_int(seg[1].charge, 625000, "5 days × 1,250.00 = 6,250.00");
	is_int(total, 1825000, "18,250.00");
	n = kh_late_refund(33333, due, due + 1, NULL, 0, daily, seg, &total, &unpaid);
	is_int(total, 17, "333.33 × 0.05% = 0.166665 → 0.17 (half away from zero)");
	/* the deadline after the as-of day: nothing yet */
	n = kh_late_refund(400000000, due, due, NULL, 0, daily, seg, &total, &unpaid);
	is_int(n, 0, "judged on the deadline: not late yet");
}

/* --- the fee models over records in memory -------------------------------- */

#define S(text) ((char *)(text))

static const struct kh_money_opts no_opts = { 0, 0, 0, NULL };

static kh_day ymd(int y, int m, int d)
{
	return kh_day_from_ymd(y, m, d);
}

static struct kh_period period(const char *text)
{
	struct kh_period p;
	kh_period_parse(text, &p);
	return p;
}

static struct kh_contract *template(const char *id)
{
	char rel[128];
	snprintf(rel, sizeof rel, "data/contracts/%s.xml", id);
	char *path = kh_data_path(rel);
	struct kh_contract *c = NULL;
	ok(kh_contract_parse_file(path, &c, NULL) == 0 && c, id);
	free(path);
	return c;
}

/* A fee run: the input, the judged statuses and score it reads (set
 * before fee_run), and the <fees> built. */
struct run {
	struct kh_fee_input in;
	struct kh_err err;
	xmlDocPtr doc;
	xmlNodePtr fees;
	enum kh_status status[32];
	long score_x100, max_x100;
	const struct kh_calendar *calendar;   /* NULL: none */
};

/* Build <fees> for contract c over records r, period p judged at its end
 * (or as_of when given). */
static int fee_run(struct run *run, const struct kh_contract *c,
                   const struct kh_records *r, const char *p, kh_day as_of,
                   const struct kh_money_opts *opts)
{
	run->err = (struct kh_err){ 0 };
	run->in = (struct kh_fee_input){
		.contract = c, .calendar = run->calendar, .records = r, .period = period(p),
		.money = opts ? opts : &no_opts, .err = &run->err };
	run->in.as_of = as_of ? as_of : run->in.period.last;
	run->in.scored = (struct kh_scored){ c->nindicators, run->status, run->score_x100,
	                                     run->max_x100 };
	run->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(run->doc, NULL, BAD_CAST "scorecard", NULL);
	xmlDocSetRootElement(run->doc, root);
	run->fees = NULL;
	return kh_fees_build(&run->in, root, &run->fees);
}

static void run_free(struct run *run)
{
	xmlFreeDoc(run->doc);
	run->doc = NULL;
}

static char attr_buf[4][1024];
static int attr_next;

/* An attribute as text ("" when absent), valid for a few calls. */
static const char *attr(xmlNodePtr n, const char *name)
{
	char *buf = attr_buf[attr_next++ % 4];
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	snprintf(buf, sizeof attr_buf[0], "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

/* The nth (from 1) child <line kind=...> (or <quarter period=...>). */
static xmlNodePtr child(xmlNodePtr fees, const char *element, const char *key,
                        const char *value, int nth)
{
	for (xmlNodePtr n = fees ? fees->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, element) == 0 &&
		    strcmp(attr(n, key), value) == 0 && --nth == 0)
			return n;
	return NULL;
}

static const char *line(const struct run *run, const char *kind, int nth)
{
	return attr(child(run->fees, "line", "kind", kind, nth), "amount");
}

static int nlines(const struct run *run, const char *kind)
{
	int n = 0;
	while (child(run->fees, "line", "kind", kind, n + 1))
		n++;
	return n;
}

static int text_has(const struct run *run, const char *kind, int nth, const char *part)
{
	return strstr(attr(child(run->fees, "line", "kind", kind, nth), "text"), part) != NULL;
}

static void registry(void)
{
	size_t n;
	const struct kh_fee_model *all = kh_fee_models(&n);
	is_int(n, 4, "four fee models");
	for (size_t i = 0; i < n; i++) {
		ok(kh_fee_model_find(all[i].name) == &all[i], all[i].name);
		ok(all[i].nparams > 0 && all[i].params[0].element == NULL,
		   "parameters start with the model element's own");
	}
	ok(kh_fee_model_find("service-fee-per-capita")->reads & KH_REC_POPULATION,
	   "the service fee reads population");
	ok(kh_fee_model_find("fund-reserve")->reads & KH_REC_FINANCE, "funds read finance");
	ok(kh_fee_model_find("fund-reserve")->reads & KH_REC_SETTLEMENTS,
	   "funds read the settlement stream");
	ok(!kh_fee_model_find("nosuch"), "an unknown model");
}

/* service-fee-per-capita (002 第三条), without an audit deduction.  Two
 * indicators carry the damages trigger of 第五条(二) (volume of kind a
 * and of kind b, at least 1 a quarter). */
#define SERVICE_XML(per) \
	"<contract xmlns='urn:kaohe:contract:1' seed='002'><title>t</title>" \
	"<parties purchaser='p' insurer='i'/><term start='2024-01-01' end='2025-12-31'/>" \
	"<scoring total='20'><grade name='合格' min='6'/></scoring>" \
	"<money><service-fee-per-capita unit-price='1.45' basis='prior-year-end' parts='4'" \
	" clause='第三条(四)'>" \
	"<damages rate='2%' of='quarter-fee' cause='breach' " per " clause='第五条(二)'>d</damages>" \
	"</service-fee-per-capita></money>" \
	"<indicators>" \
	"<indicator id='a' points='10'><clause ref='第四条(一)'>x</clause><title>甲</title>" \
	"<volume kind='a' min='1'/>" \
	"<trigger action='damages' clause='第五条(二)' rate='2%' of='quarter-fee'>t</trigger>" \
	"</indicator>" \
	"<indicator id='b' points='10'><clause ref='第四条(五)'>x</clause><title>乙</title>" \
	"<volume kind='b' min='1'/>" \
	"<trigger action='damages' clause='第五条(二)' rate='2%' of='quarter-fee'>t</trigger>" \
	"</indicator></indicators></contract>"

static const char service_xml[] = SERVICE_XML("");
static const char service_per_breach_xml[] = SERVICE_XML("per='breach'");

static struct kh_contract *parse(const char *xml, size_t len, const char *name)
{
	struct kh_contract *c = NULL;
	ok(kh_contract_parse_memory(xml, len, name, &c, NULL) == 0 && c, name);
	return c;
}

static const char *quarter_attr(const struct run *run, const char *q, const char *name)
{
	return attr(child(run->fees, "quarter", "period", q, 1), name);
}

static int nquarters(const struct run *run)
{
	int n = 0;
	for (xmlNodePtr k = run->fees ? run->fees->children : NULL; k; k = k->next)
		n += k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, BAD_CAST "quarter");
	return n;
}

static void service_fee(void)
{
	struct kh_contract *c = parse(service_xml, sizeof service_xml - 1, "svc");
	if (!c)
		return;
	struct kh_population_row whole[] = {
		{ S(""), ymd(2023, 6, 30), 990000 },
		{ S(""), ymd(2023, 12, 31), 1000001 },
		{ S(""), ymd(2024, 6, 30), 1100000 },
	};
	/* both kinds in every quarter: nothing fails */
	struct kh_activity every[] = {
		{ ymd(2024, 2, 1), S("a"), S(""), 1 }, { ymd(2024, 2, 1), S("b"), S(""), 1 },
		{ ymd(2024, 5, 1), S("a"), S(""), 1 }, { ymd(2024, 5, 1), S("b"), S(""), 1 },
		{ ymd(2024, 8, 1), S("a"), S(""), 1 }, { ymd(2024, 8, 1), S("b"), S(""), 1 },
		{ ymd(2024, 11, 1), S("a"), S(""), 1 }, { ymd(2024, 11, 1), S("b"), S(""), 1 },
	};
	struct kh_records r = { 0 };
	r.population = (struct kh_population){ whole, 3 };
	r.activities = (struct kh_activities){ every, 8, 1 };
	struct run run = { 0 };

	/* 1,000,001 insured on 2023-12-31 (the 2024-06-30 row is later) ×
	 * 1.45 = 1,450,001.45; quarters 362,500.36 × 3 + 362,500.37 */
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "2024 fee runs");
	is_str(attr(run.fees, "model"), "service-fee-per-capita", "model");
	is_str(line(&run, "annual-fee", 1), "1450001.45", "year 1.45 × 1,000,001");
	ok(text_has(&run, "annual-fee", 1, "1,000,001"), "the line gives the insured count");
	ok(!text_has(&run, "annual-fee", 1, "注意"), "a 2023-12-31 row for 2024: not stale");
	is_str(quarter_attr(&run, "2024Q1", "fee"), "362500.36", "Q1 362,500.36");
	is_str(quarter_attr(&run, "2024Q4", "fee"), "362500.37",
	       "Q4 takes the remainder fen: 362,500.37");
	is_str(quarter_attr(&run, "2024Q4", "payable"), "362500.37", "Q4 payable in full");
	is_str(attr(run.fees, "total"), "1450001.45", "total the year");
	is_str(attr(run.fees, "deductions"), "0.00", "no audit deduction, no breach");
	is_str(attr(run.fees, "due"), "1450001.45", "due the year");
	run_free(&run);

	/* --breach 2 over the year: a breach in Q4, the last quarter; the
	 * damages are 该季度2% once: 2% of 362,500.37 = 7,250.0074 → 7,250.01
	 * (not 2 × 7,250.01); due 1,450,001.45 − 7,250.01 = 1,442,751.44 */
	struct kh_money_opts two = { 0, 2, 0, 0 };
	is_int(fee_run(&run, c, &r, "2024", 0, &two), 0, "declared breaches");
	is_int(nlines(&run, "damages"), 1, "one damages line");
	is_str(line(&run, "damages", 1), "7250.01", "once for the quarter: 7,250.01");
	is_str(attr(child(run.fees, "line", "kind", "damages", 1), "period"), "2024Q4",
	       "charged to the last quarter");
	is_str(quarter_attr(&run, "2024Q4", "damages"), "7250.01", "Q4 carries its damages");
	is_str(quarter_attr(&run, "2024Q4", "payable"), "355250.36",
	       "Q4 payable 362,500.37 − 7,250.01");
	is_str(attr(run.fees, "due"), "1442751.44", "due 1,442,751.44");
	run_free(&run);

	/* a quarter: 2024Q2 alone, 362,500.36 */
	is_int(fee_run(&run, c, &r, "2024Q2", 0, NULL), 0, "a quarter period");
	ok(!child(run.fees, "quarter", "period", "2024Q1", 1), "Q1 out of scope");
	is_str(attr(run.fees, "total"), "362500.36", "Q2 alone");
	run_free(&run);

	/* as of 2024-05-15: Q1 and Q2 have begun, Q3 and Q4 have not: no fee
	 * for them — 362,500.36 × 2 = 725,000.72 */
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 5, 15), NULL), 0, "as of 05-15");
	is_int(nquarters(&run), 2, "two quarters begun");
	is_str(attr(run.fees, "total"), "725000.72", "Q1 + Q2 only");
	ok(text_has(&run, "annual-fee", 1, "2024Q3 2024Q4"), "the line names the quarters not begun");
	run_free(&run);

	/* outside the term (2024-01-01 .. 2025-12-31): 2026 and 2023 owe nothing */
	is_int(fee_run(&run, c, &r, "2026", 0, NULL), 0, "2026");
	is_int(nquarters(&run), 0, "2026: no quarter");
	is_str(attr(run.fees, "due"), "0.00", "2026: nothing due");
	ok(text_has(&run, "annual-fee", 1, "不在委托经办期限"), "2026: outside the term, said so");
	run_free(&run);
	is_int(fee_run(&run, c, &r, "2023Q4", 0, NULL), 0, "2023Q4");
	is_str(attr(run.fees, "total"), "0.00", "2023Q4: before the term, no fee");
	run_free(&run);

	/* Breaches found: kind a missing in Q2 and Q4, kind b missing in Q2.
	 * Q2 has two failing indicators → 2% of 362,500.36 = 7,250.0072 →
	 * 7,250.01 once; Q4 one → 2% of 362,500.37 → 7,250.01.  Damages
	 * 14,500.02; due 1,450,001.45 − 14,500.02 = 1,435,501.43. */
	struct kh_activity some[] = {
		{ ymd(2024, 2, 1), S("a"), S(""), 1 }, { ymd(2024, 2, 1), S("b"), S(""), 1 },
		{ ymd(2024, 8, 1), S("a"), S(""), 1 }, { ymd(2024, 8, 1), S("b"), S(""), 1 },
		{ ymd(2024, 11, 1), S("b"), S(""), 1 },
	};
	r.activities = (struct kh_activities){ some, 5, 1 };
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "breaches found");
	is_int(nlines(&run, "damages"), 2, "one damages line per quarter with a breach");
	is_str(attr(child(run.fees, "line", "kind", "damages", 1), "period"), "2024Q2", "Q2");
	is_str(line(&run, "damages", 1), "7250.01", "Q2: two failing indicators, 2% once");
	ok(text_has(&run, "damages", 1, "a 甲") && text_has(&run, "damages", 1, "b 乙"),
	   "Q2's line names both indicators");
	is_str(attr(child(run.fees, "line", "kind", "damages", 1), "indicator"), "",
	       "two indicators: no single indicator attribute");
	is_str(attr(child(run.fees, "line", "kind", "damages", 2), "indicator"), "a",
	       "Q4: the one failing indicator");
	is_str(quarter_attr(&run, "2024Q1", "damages"), "0.00", "Q1 no breach");
	is_str(quarter_attr(&run, "2024Q2", "payable"), "355250.35", "Q2 payable 362,500.36 − 7,250.01");
	is_str(attr(run.fees, "deductions"), "14500.02", "damages 7,250.01 × 2 quarters");
	is_str(attr(run.fees, "due"), "1435501.43", "due 1,435,501.43");
	run_free(&run);
	/* … and a declared breach in Q4, which already has one: still once */
	struct kh_money_opts one = { 0, 1, 0, 0 };
	is_int(fee_run(&run, c, &r, "2024", 0, &one), 0, "found and declared in Q4");
	is_str(line(&run, "damages", 2), "7250.01", "Q4 still 2% once");
	ok(text_has(&run, "damages", 2, "另申报违约 1 项"), "the declaration is named");
	run_free(&run);
	kh_contract_free(c);

	/* per="breach" (not the seed's reading, kept for contracts that say
	 * 每项): Q2's two indicators cost 2 × 7,250.01 */
	c = parse(service_per_breach_xml, sizeof service_per_breach_xml - 1, "svc-per-breach");
	if (c) {
		is_int(fee_run(&run, c, &r, "2024Q2", 0, NULL), 0, "per breach");
		is_int(nlines(&run, "damages"), 2, "per breach: a line per indicator");
		is_str(quarter_attr(&run, "2024Q2", "damages"), "14500.02", "2 × 7,250.01");
		run_free(&run);
		kh_contract_free(c);
	}
}

/* The fee basis of 第三条(四): the insured at the prior year-end, summed
 * over units, never an older year's count, stale rows noted. */
static void service_basis(void)
{
	struct kh_contract *c = parse(service_xml, sizeof service_xml - 1, "svc");
	if (!c)
		return;
	struct kh_records r = { 0 };
	struct run run = { 0 };

	/* 2025 from 2024-12-31, county rows only: 涧西区 600,000 (12-31),
	 * 西工区 500,000 (11-30; its 2025-01-01 row is later) = 1,100,000 ×
	 * 1.45 = 1,595,000.00, 398,750.00 a quarter */
	struct kh_population_row counties[] = {
		{ S("涧西区"), ymd(2024, 12, 31), 600000 },
		{ S("西工区"), ymd(2024, 11, 30), 500000 },
		{ S("西工区"), ymd(2025, 1, 1), 520000 },
	};
	r.population = (struct kh_population){ counties, 3 };
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "2025 from counties");
	is_str(line(&run, "annual-fee", 1), "1595000.00", "600,000 + 500,000 at 2024-12-31");
	is_str(quarter_attr(&run, "2025Q1", "fee"), "398750.00", "398,750.00 a quarter");
	ok(text_has(&run, "annual-fee", 1, "2 个县区") &&
	   text_has(&run, "annual-fee", 1, "2024-11-30 至 2024-12-31"),
	   "the line says two counties and their dates");
	run_free(&run);
	/* the 2024 fee needs 2023-12-31: nothing then */
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "2024 without 2023 rows");
	is_int(nlines(&run, "missing-population"), 1, "no record on or before 2023-12-31");
	is_int(nquarters(&run), 0, "no quarter");
	is_str(attr(run.fees, "due"), "0.00", "nothing due");
	run_free(&run);

	/* stale: a quarter before 2024-12-31 is 2024-09-30.  Dated 09-30:
	 * not stale; 09-29: stale, noted, the fee still computed
	 * (600,000 + 500,000) × 1.45 */
	counties[1].date = ymd(2024, 9, 30);
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "a 09-30 row");
	ok(!text_has(&run, "annual-fee", 1, "注意"), "09-30: exactly a quarter, not stale");
	run_free(&run);
	counties[1].date = ymd(2024, 9, 29);
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "a 09-29 row");
	ok(text_has(&run, "annual-fee", 1, "注意：所用记录有 1 条早于 2024-09-30"),
	   "09-29: more than a quarter old, noted");
	is_str(line(&run, "annual-fee", 1), "1595000.00", "… and the fee still computed");
	run_free(&run);

	/* an older year: 西工区's latest on or before 2024-12-31 is
	 * 2023-12-31 — not within 2024: the basis is missing, no fee */
	counties[1].date = ymd(2023, 12, 31);
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "a 2023 row for 2025");
	is_int(nlines(&run, "missing-population"), 1, "an older year's count is not used");
	ok(text_has(&run, "missing-population", 1, "西工区") &&
	   text_has(&run, "missing-population", 1, "2023-12-31"),
	   "names the county and its latest row");
	is_int(nquarters(&run), 0, "no quarter, no deduction, no damages");
	is_str(attr(run.fees, "due"), "0.00", "nothing due");
	run_free(&run);
	/* the first day of the year counts: 2024-01-01 is within 2024 (stale) */
	counties[1].date = ymd(2024, 1, 1);
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "a 2024-01-01 row");
	is_str(line(&run, "annual-fee", 1), "1595000.00", "2024-01-01 is within the year");
	run_free(&run);

	/* a county with rows only after the cutoff is not counted, and said */
	struct kh_population_row later[] = {
		{ S("涧西区"), ymd(2024, 12, 31), 600000 },
		{ S("老城区"), ymd(2025, 3, 31), 60000 },
	};
	r.population = (struct kh_population){ later, 2 };
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "a county first recorded in 2025");
	is_str(line(&run, "annual-fee", 1), "870000.00", "600,000 × 1.45");
	ok(text_has(&run, "annual-fee", 1, "老城区 在 2024-12-31 及以前没有记录，未计入"),
	   "the county without a row is named");
	run_free(&run);

	/* whole-contract rows only, the newest 2023-12-31: 2025 is missing */
	struct kh_population_row whole[] = { { S(""), ymd(2023, 12, 31), 1000000 } };
	r.population = (struct kh_population){ whole, 1 };
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "2025 with a 2023 whole row");
	is_int(nlines(&run, "missing-population"), 1, "not the 2023 count for 2025");
	is_str(attr(run.fees, "total"), "0.00", "no fee");
	run_free(&run);
	kh_contract_free(c);
}

/* Luoyang's audit band deductions (第三条(三)) on the audit records: a
 * quarter's part of 1.45 × 1,000,000 is 362,500.00.
 *   Q1 9,000/10,000 = 90.00%: not below 90% → 0
 *   Q2 8,999/10,000 = 89.99% → 2%: 7,250.00
 *   Q3 8,000/10,000 = 80.00%: not below 80% → 2%: 7,250.00
 *   Q4 7,999/10,000 = 79.99% → 5% (replaces 2%): 18,125.00, re-review
 * deductions 32,625.00; due 1,450,000.00 − 32,625.00 = 1,417,375.00
 * (training and case review held every quarter, county staff in place:
 * no damages). */
static void service_audit(void)
{
	struct kh_contract *c = template("luoyang-zgyb-2024");
	if (!c)
		return;
	static const long pass[4] = { 9000, 8999, 8000, 7999 };
	size_t n = 4 * 10000;
	struct kh_audit_sample *s = calloc(n, sizeof *s);
	char (*ids)[16] = calloc(n, sizeof *ids);
	char periods[4][8] = { "2024Q1", "2024Q2", "2024Q3", "2024Q4" };
	for (size_t i = 0; i < n; i++) {
		int q = (int)(i / 10000);
		snprintf(ids[i], sizeof ids[i], "S%zu", i);
		s[i] = (struct kh_audit_sample){ ids[i], ymd(2024, 3 * q + 2, 15), periods[q],
		                                 S(i % 2 ? "routine-10pct" : "manual-5pct"), S(""),
		                                 (long)(i % 10000) < pass[q], 0, 0, S("") };
	}
	struct kh_population_row whole[] = { { S(""), ymd(2023, 12, 31), 1000000 } };
	struct kh_activity acts[8];
	for (int q = 0; q < 4; q++) {
		acts[2 * q] = (struct kh_activity){ ymd(2024, 3 * q + 2, 1), S("case-review"), S(""), 1 };
		acts[2 * q + 1] = (struct kh_activity){ ymd(2024, 3 * q + 2, 1), S("training"), S(""), 1 };
	}
	struct kh_assignment staff[] = {
		{ S("K1"), S("K1"), S("county"), S("涧西区"), S("medical"), S(""),
		  ymd(2024, 1, 1), INT32_MAX },
	};
	struct kh_records r = { 0 };
	r.population = (struct kh_population){ whole, 1 };
	r.audits = (struct kh_audits){ s, n };
	r.activities = (struct kh_activities){ acts, 8, 1 };
	r.roster = (struct kh_roster){ staff, 1 };
	struct run run = { 0 };
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "Luoyang 2024 with audits");
	is_str(quarter_attr(&run, "2024Q1", "deduction"), "0.00", "Q1 exactly 90.00%: no deduction");
	is_str(quarter_attr(&run, "2024Q2", "deduction"), "7250.00", "Q2 89.99%: 2%, 7,250.00");
	is_str(quarter_attr(&run, "2024Q3", "deduction"), "7250.00", "Q3 exactly 80.00%: 2%");
	is_str(quarter_attr(&run, "2024Q4", "deduction"), "18125.00", "Q4 79.99%: 5%, 18,125.00");
	ok(strstr(quarter_attr(&run, "2024Q4", "reason"), "复核费用由乙方支付") != NULL,
	   "Q4: re-review at the insurer's cost");
	is_int(nlines(&run, "damages"), 0, "no breach");
	is_str(quarter_attr(&run, "2024Q4", "payable"), "344375.00", "Q4 payable 362,500 − 18,125");
	is_str(attr(run.fees, "deductions"), "32625.00", "deductions 32,625.00");
	is_str(attr(run.fees, "due"), "1417375.00", "due 1,417,375.00");
	run_free(&run);
	kh_contract_free(c);
	free(s);
	free(ids);
}

/* The nth (from 1) line of that kind for that milestone. */
static const char *mline(const struct run *run, const char *kind, const char *milestone)
{
	for (int nth = 1; child(run->fees, "line", "kind", kind, nth); nth++) {
		xmlNodePtr n = child(run->fees, "line", "kind", kind, nth);
		if (strcmp(attr(n, "milestone"), milestone) == 0)
			return attr(n, "amount");
	}
	return "";
}

static int mtext_has(const struct run *run, const char *kind, const char *milestone,
                     const char *part)
{
	for (int nth = 1; child(run->fees, "line", "kind", kind, nth); nth++) {
		xmlNodePtr n = child(run->fees, "line", "kind", kind, nth);
		if (strcmp(attr(n, "milestone"), milestone) == 0)
			return strstr(attr(n, "text"), part) != NULL;
	}
	return 0;
}

/* fixed-fee (004 第三条, 第五条(二)(四)(六)): the mentougou template.
 * Milestones 840,000.00 (signing, the term start 2024-02-28), 504,000.00
 * (the first data check from the signing on), 336,000.00 (a recorded
 * acceptance); payments (finance service-fee) applied to the milestones
 * due first, in order; the 5% damages proposed only. */
static void fixed_fee(void)
{
	struct kh_contract *c = template("mentougou-fzfw-2024");
	if (!c)
		return;
	struct kh_activity acts[] = {
		{ ymd(2024, 2, 20), S("data-check"), S(""), 1 },  /* before signing: proves nothing */
		{ ymd(2024, 4, 1), S("data-check"), S(""), 0 },   /* a zero count: not a report */
		{ ymd(2024, 4, 15), S("data-check"), S(""), 12 },
		{ ymd(2024, 5, 1), S("receipts-checked"), S(""), 1000 },
	};
	struct kh_finance_row paid[] = {
		{ ymd(2024, 3, 5), S("service-fee"), 84000000, S("") },
		{ ymd(2024, 4, 1), S("operating-cost"), 1200000, S("") },  /* not a payment */
		{ ymd(2024, 7, 10), S("service-fee"), 50400000, S("") },
	};
	struct kh_fact failed = { ymd(2024, 12, 5), S("acceptance-failed"), S(""), 0, 0,
	                          KH_DAY_NONE, S("") };
	struct kh_fact both[] = {
		failed,
		{ ymd(2024, 12, 10), S("acceptance"), S("门医保验2"), 0, 0, KH_DAY_NONE, S("") },
	};
	struct kh_records r = { 0 };
	r.activities = (struct kh_activities){ acts, 4, 1 };
	struct run run = { 0 };

	/* as of 2024-03-31, nothing paid: signing only (the 02-20 check is
	 * before the signing): due 840,000.00, payable 840,000.00 */
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 3, 31), NULL), 0, "as of 03-31");
	is_str(line(&run, "contract-fee", 1), "1680000.00", "contract total");
	is_int(nlines(&run, "milestone"), 1, "signing due");
	is_int(nlines(&run, "milestone-pending"), 2, "two pending: a check before signing is no report");
	is_str(mline(&run, "milestone-payable", "signing"), "840000.00", "signing payable 840,000.00");
	is_str(mline(&run, "milestone-payable", "first-report"), "0.00", "progress not yet due: 0.00");
	is_str(line(&run, "paid", 1), "0.00", "nothing paid");
	is_str(line(&run, "payable", 1), "840000.00", "payable now 840,000.00");
	is_str(attr(run.fees, "total"), "840000.00", "840,000.00 due");
	run_free(&run);

	/* as of 2024-06-30: + the first data check on 04-15; paid 840,000.00
	 * on 03-05 → due 1,344,000.00, payable 504,000.00 */
	r.finance = (struct kh_finance){ paid, 2 };
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 6, 30), NULL), 0, "as of 06-30");
	is_str(mline(&run, "milestone", "first-report"), "504000.00", "progress payment 504,000.00");
	ok(mtext_has(&run, "milestone", "first-report", "2024-04-15"), "reached on the first data check");
	is_str(mline(&run, "milestone-paid", "signing"), "840000.00", "the start fee paid");
	is_str(mline(&run, "milestone-payable", "signing"), "0.00", "840,000 − 840,000 = 0.00");
	is_str(mline(&run, "milestone-payable", "first-report"), "504000.00", "504,000.00 payable");
	is_str(line(&run, "paid", 1), "840000.00", "the operating cost is not a payment");
	is_str(attr(run.fees, "total"), "1344000.00", "1,344,000.00 due");
	is_str(line(&run, "payable", 1), "504000.00", "1,344,000 − 840,000 = 504,000.00");
	run_free(&run);

	/* 2024, paid 1,344,000.00, no acceptance; receipts failing (a damages
	 * trigger): 5% × 1,680,000 = 84,000.00 proposed, not deducted; the
	 * acceptance part 0.00 payable; payable 0.00 */
	r.finance = (struct kh_finance){ paid, 3 };
	memset(run.status, 0, sizeof run.status);
	for (size_t i = 0; i < c->nindicators; i++)
		if (strcmp(c->indicators[i].id, "volume.receipts-checked") == 0)
			run.status[i] = KH_STATUS_FAIL;
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "2024 without acceptance");
	is_int(nlines(&run, "milestone"), 2, "two milestones due");
	ok(mtext_has(&run, "milestone-pending", "acceptance", "待验收"), "awaiting acceptance");
	is_str(mline(&run, "milestone-payable", "acceptance"), "0.00", "acceptance part: 0.00 payable");
	is_str(line(&run, "payable", 1), "0.00", "payable now 0.00");
	is_int(nlines(&run, "damages"), 0, "no damages applied");
	is_str(line(&run, "damages-proposed", 1), "84000.00", "5% of the total proposed");
	ok(text_has(&run, "damages-proposed", 1, "volume.receipts-checked"), "names the failed indicator");
	is_str(attr(run.fees, "deductions"), "0.00", "proposed damages are not deducted");
	is_str(attr(run.fees, "due"), "1344000.00", "due 1,344,000.00");
	is_int(nlines(&run, "offset"), 0, "no offset");
	run_free(&run);

	/* acceptance failed on 12-05: still nothing payable on it */
	r.facts = (struct kh_facts){ &failed, 1 };
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "acceptance failed");
	ok(mtext_has(&run, "milestone-pending", "acceptance", "验收评估不合格"), "the failure is named");
	is_str(line(&run, "payable", 1), "0.00", "payable now 0.00");
	run_free(&run);

	/* accepted 12-10: the day before, pending; on the day, 336,000.00
	 * payable; the whole fee due */
	r.facts = (struct kh_facts){ both, 2 };
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 12, 9), NULL), 0, "as of 12-09");
	is_int(nlines(&run, "milestone-pending"), 1, "12-09: not yet accepted");
	run_free(&run);
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 12, 10), NULL), 0, "as of 12-10");
	is_str(mline(&run, "milestone", "acceptance"), "336000.00", "accepted: 336,000.00 due");
	ok(mtext_has(&run, "milestone", "acceptance", "2024-12-10"), "dated by the acceptance fact");
	ok(!mtext_has(&run, "milestone", "acceptance", "不在协议约定"), "in the planned month");
	is_str(mline(&run, "milestone-payable", "acceptance"), "336000.00", "336,000.00 payable");
	is_str(attr(run.fees, "total"), "1680000.00", "the whole fee due");
	is_str(line(&run, "payable", 1), "336000.00", "1,680,000 − 1,344,000 = 336,000.00");
	is_str(attr(run.fees, "due"), "1680000.00", "the proposed 84,000.00 not deducted");
	run_free(&run);

	/* the insurer terminated without cause: 10% = 168,000.00 deducted;
	 * due 1,512,000.00, payable 168,000.00 */
	struct kh_money_opts insurer = { .terminated = KH_TERMINATED_BY_INSURER };
	is_int(fee_run(&run, c, &r, "2024", 0, &insurer), 0, "the insurer terminated");
	is_int(nlines(&run, "damages"), 1, "termination damages applied");
	is_str(line(&run, "damages", 1), "168000.00", "termination 10%");
	is_int(nlines(&run, "damages-proposed"), 1, "the breach damages still proposed");
	is_str(attr(run.fees, "deductions"), "168000.00", "deductions 168,000.00");
	is_str(line(&run, "offset", 1), "1512000.00", "offset against the fees due");
	is_str(attr(run.fees, "due"), "1512000.00", "due 1,512,000.00");
	is_str(line(&run, "payable", 1), "168000.00", "1,512,000 − 1,344,000 = 168,000.00");
	run_free(&run);

	/* the purchaser terminated without cause: it owes 168,000.00 */
	struct kh_money_opts purchaser = { .terminated = KH_TERMINATED_BY_PURCHASER };
	is_int(fee_run(&run, c, &r, "2024", 0, &purchaser), 0, "the purchaser terminated");
	is_int(nlines(&run, "damages"), 0, "the insurer pays nothing");
	is_str(line(&run, "damages-to-insurer", 1), "168000.00", "the purchaser pays 10%");
	is_str(attr(run.fees, "total"), "1848000.00", "total 1,848,000.00");
	is_str(line(&run, "payable", 1), "504000.00", "1,848,000 − 1,344,000 = 504,000.00");
	run_free(&run);

	/* nothing fails, two breaches declared: one 5% line (per=once), proposed */
	struct kh_money_opts two = { .breaches = 2 };
	memset(run.status, 0, sizeof run.status);
	is_int(fee_run(&run, c, &r, "2024", 0, &two), 0, "declared breaches");
	is_int(nlines(&run, "damages-proposed"), 1, "per=once: one 5% line");
	is_str(line(&run, "damages-proposed", 1), "84000.00", "84,000.00 proposed");
	is_str(attr(run.fees, "due"), "1680000.00", "due 1,680,000.00");
	run_free(&run);

	/* payments applied: 900,000.00 by 06-30 → signing 840,000.00, the
	 * progress payment 60,000.00, payable 444,000.00 */
	struct kh_finance_row partial[] = { { ymd(2024, 3, 5), S("service-fee"), 90000000, S("") } };
	r.finance = (struct kh_finance){ partial, 1 };
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 6, 30), NULL), 0, "part paid");
	is_str(mline(&run, "milestone-paid", "first-report"), "60000.00", "60,000.00 on the progress payment");
	is_str(mline(&run, "milestone-payable", "first-report"), "444000.00", "504,000 − 60,000 = 444,000.00");
	run_free(&run);
	/* paid ahead: 1,000,000.00 by 03-31 → 160,000.00 on the progress
	 * payment not yet due: payable 840,000 − 1,000,000 = −160,000.00 */
	partial[0].amount = 100000000;
	is_int(fee_run(&run, c, &r, "2024", ymd(2024, 3, 31), NULL), 0, "paid ahead");
	is_str(mline(&run, "milestone-paid", "first-report"), "160000.00", "160,000.00 paid ahead");
	is_str(mline(&run, "milestone-payable", "first-report"), "-160000.00", "0 − 160,000 = −160,000.00");
	is_str(line(&run, "payable", 1), "-160000.00", "payable −160,000.00");
	run_free(&run);
	/* an acceptance outside the planned month still counts, and says so */
	struct kh_fact early = { ymd(2024, 11, 28), S("acceptance"), S(""), 0, 0, KH_DAY_NONE, S("") };
	r.facts = (struct kh_facts){ &early, 1 };
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "accepted in November");
	ok(mtext_has(&run, "milestone", "acceptance", "不在协议约定的验收月份"), "outside 2024-12: noted");
	run_free(&run);
	kh_contract_free(c);
}

/* fund-per-capita (000 第十六/十八条): the zhengzhou template. */
static void fund_per_capita(void)
{
	struct kh_contract *c = template("zhengzhou-dae-2025");
	if (!c)
		return;
	struct kh_population_row pop[] = {
		{ S(""), ymd(2024, 12, 31), 990000 },
		{ S(""), ymd(2025, 1, 1), 1000000 },
	};
	struct kh_finance_row fin[] = {
		{ ymd(2024, 12, 31), S("claims-paid"), 500000000, S("") },   /* another year */
		{ ymd(2025, 6, 30), S("claims-paid"), 6000000000LL, S("") },
		{ ymd(2025, 6, 30), S("operating-cost"), 300000000, S("") },
		{ ymd(2025, 12, 31), S("claims-paid"), 6000000000LL, S("") },
	};
	struct kh_assignment staff[] = {
		{ S("C1"), S("城一"), S("city"), S(""), S("medical"), S(""), ymd(2024, 1, 1), KH_DAY_OPEN },
		{ S("R1"), S("甲"), S("resident"), S(""), S("medical"), S(""), ymd(2024, 6, 1), KH_DAY_OPEN },
		{ S("R2"), S("乙"), S("resident"), S(""), S("it"), S(""), ymd(2025, 1, 1), ymd(2025, 11, 30) },
		{ S("R3"), S("丙"), S("resident"), S(""), S("medical"), S(""), ymd(2025, 3, 7), KH_DAY_OPEN },
	};
	struct kh_records r = { 0 };
	r.population = (struct kh_population){ pop, 2 };
	r.finance = (struct kh_finance){ fin, 4 };
	r.roster = (struct kh_roster){ staff, 4 };
	struct run run = { 0 };

	/* F = 130 × 1,000,000 = 130,000,000.00; claims 120,000,000.00; M =
	 * 10,000,000.00; cap 3.86% = 5,018,000.00; excess 4,982,000.00;
	 * staff: R1 medical 365 days 100,000; R2 334 days 50,000; R3
	 * 2025-03-07.. = 300 days, not more than 300: 0; C1 not resident.
	 * kept 5,018,000 + 150,000 = 5,168,000.00; returned 4,832,000.00 */
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "2025 settles");
	is_str(line(&run, "funds", 1), "130000000.00", "F = 130 × 1,000,000");
	is_str(line(&run, "claims-paid", 1), "120000000.00", "claims of 2025 only");
	is_str(line(&run, "operating-cost", 1), "3000000.00", "operating cost shown");
	is_str(line(&run, "margin", 1), "10000000.00", "M");
	is_str(line(&run, "cap", 1), "5018000.00", "cap 3.86% × F");
	is_int(nlines(&run, "staff-person"), 3, "three residents listed");
	is_str(attr(child(run.fees, "line", "staff", "R1", 1), "amount"), "100000.00", "R1 medical");
	is_str(attr(child(run.fees, "line", "staff", "R2", 1), "amount"), "50000.00", "R2 334 days");
	is_str(attr(child(run.fees, "line", "staff", "R3", 1), "amount"), "0.00", "R3 300 days: 0");
	is_str(line(&run, "staff-cost", 1), "150000.00", "staff cost 150,000.00");
	is_str(line(&run, "kept", 1), "5168000.00", "kept");
	is_str(line(&run, "returned", 1), "4832000.00", "returned");
	is_str(attr(run.fees, "total"), "10000000.00", "total M");
	is_str(attr(run.fees, "due"), "5168000.00", "due the net result");
	is_str(attr(run.fees, "deductions"), "4832000.00", "deductions M − due");
	run_free(&run);

	/* the profit kept awaits the assessment (000 第三十一条): the template's
	 * grade bands are defaults and it has no return table, so it is held,
	 * never forfeited; the net stays 5,168,000.00 */
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "2025 again");
	is_str(line(&run, "profit-held", 1), "5168000.00", "the profit kept awaits the assessment");
	is_str(attr(child(run.fees, "line", "kind", "profit-held", 1), "basis"), "pending",
	       "pending: no grade to rest on");
	is_int(nlines(&run, "profit-withheld"), 0, "nothing forfeited");
	/* the balance: F 130,000,000 + 0 = claims 120,000,000 + net 5,168,000 +
	 * returned 4,832,000 + 0 + 0 */
	is_str(line(&run, "balance", 1), "130000000.00", "the balance line: F on the left");
	ok(text_has(&run, "balance", 1, "相符"), "and it balances");
	is_str(attr(xmlGetLastChild(run.fees), "kind"), "balance", "the balance is the last line");
	run_free(&run);

	/* a grade given (--grade 良好) rests on no table either: still held */
	struct kh_money_opts good = { 0, 0, 0, "良好" };
	is_int(fee_run(&run, c, &r, "2025", 0, &good), 0, "a grade given");
	is_str(attr(child(run.fees, "line", "kind", "profit-held", 1), "grade"), "良好",
	       "the grade is named");
	ok(text_has(&run, "profit-held", 1, "合同未约定各等级的返还比例"), "no return share in the contract");
	is_str(attr(run.fees, "due"), "5168000.00", "nothing forfeited");
	run_free(&run);
	struct kh_money_opts bad = { 0, 0, 0, "甲等" };
	is_int(fee_run(&run, c, &r, "2025", 0, &bad), -1, "a grade the contract lacks");
	is_int(run.err.kind, KH_ERR_USAGE, "is a usage error");
	run_free(&run);

	/* terminated (--terminated): 5% × F = 6,500,000.00.  The notice
	 * 2025-09-24 confirms 4,000,000.00 to return within 10 days: 10-04 is
	 * in the National Day holiday, so the deadline is the next working day
	 * 10-09; 1,000,000.00 back on 10-09 (in time), 3,000,000.00 on 10-13:
	 * 10-10..10-13 = 4 days × 3,000,000.00 × 0.05% = 6,000.00.  The
	 * year-end return 4,832,000.00 bears no late charge.  Net 5,168,000 −
	 * 6,500,000 − 6,000 = −1,338,000.00 */
	struct kh_calendar_listed_day listed[10];
	for (int i = 0; i < 8; i++)
		listed[i] = (struct kh_calendar_listed_day){ ymd(2025, 10, 1 + i), 0, NULL };
	listed[8] = (struct kh_calendar_listed_day){ ymd(2025, 9, 28), 1, NULL };
	listed[9] = (struct kh_calendar_listed_day){ ymd(2025, 10, 11), 1, NULL };
	int years[] = { 2025 };
	struct kh_calendar *cal = NULL;
	struct kh_err cerr = { 0 };
	ok(kh_calendar_build(years, 1, listed, 10, &cal, &cerr) == 0, "a 2025 calendar");
	struct kh_fact facts[] = {
		{ ymd(2025, 9, 24), S("termination-notice"), S("N1"), 1, 400000000, KH_DAY_NONE, S("") },
		{ ymd(2025, 10, 9), S("refund"), S("R1"), 1, 100000000, KH_DAY_NONE, S("") },
		{ ymd(2025, 10, 13), S("refund"), S("R2"), 1, 300000000, KH_DAY_NONE, S("") },
	};
	r.facts = (struct kh_facts){ facts, 3 };
	run.calendar = cal;
	struct kh_money_opts term = { 0, 0, 1, NULL };
	is_int(fee_run(&run, c, &r, "2025", 0, &term), 0, "terminated, refund late");
	is_str(line(&run, "damages", 1), "6500000.00", "termination 5% of F");
	is_str(line(&run, "refund-due", 1), "4000000.00", "the amount the notice confirms");
	is_str(attr(child(run.fees, "line", "kind", "refund-due", 1), "basis"), "confirmed",
	       "confirmed by the purchaser");
	ok(text_has(&run, "refund-due", 1, "2025-10-09"), "deadline moved off the holiday to 10-09");
	is_int(nlines(&run, "late-refund"), 1, "one run of late days");
	is_str(line(&run, "late-refund", 1), "6000.00", "4 days × 3,000,000.00 × 0.05%");
	is_str(line(&run, "damages", 2), "6000.00", "late refund damages 6,000.00");
	is_str(line(&run, "returned", 1), "4832000.00", "the year-end return is still 4,832,000.00");
	is_str(attr(run.fees, "due"), "-1338000.00", "net −1,338,000.00");
	ok(text_has(&run, "balance", 1, "相符"), "balances with damages");
	run_free(&run);

	/* without the calendar the deadline stays 10-04 and says so:
	 * 10-05..10-09 5 days × 2,000.00 + 10-10..10-13 4 days × 1,500.00 =
	 * 16,000.00 */
	run.calendar = NULL;
	is_int(fee_run(&run, c, &r, "2025", 0, &term), 0, "no calendar");
	is_str(line(&run, "damages", 2), "16000.00", "10,000.00 + 6,000.00");
	ok(text_has(&run, "refund-due", 1, "无工作日历"), "says it was not moved");
	run_free(&run);
	run.calendar = cal;

	/* the notice names no amount: funds received less claims paid to the
	 * notice.  No funds-received rows here → no late charge, said so */
	facts[0].has_amount = 0;
	is_int(fee_run(&run, c, &r, "2025", 0, &term), 0, "no amount in the notice");
	is_str(line(&run, "refund-due", 1), "0.00", "no amount to charge on");
	is_int(nlines(&run, "late-refund"), 0, "no late charge");
	run_free(&run);
	facts[0].has_amount = 1;
	r.facts = (struct kh_facts){ NULL, 0 };
	run.calendar = NULL;
	kh_calendar_free(cal);

	/* a policy loss: claims 140,000,000.00 → M −10,000,000.00; the
	 * insurer bears 3.86% × F = 5,018,000.00, the rest 4,982,000.00 */
	fin[3].amount = 8000000000LL;
	struct kh_money_opts policy = { 1, 0, 0, NULL };
	is_int(fee_run(&run, c, &r, "2025", 0, &policy), 0, "a policy loss");
	is_str(line(&run, "loss", 1), "10000000.00", "loss 10,000,000.00");
	is_str(line(&run, "insurer-loss", 1), "5018000.00", "insurer bears 3.86% of F");
	is_str(line(&run, "loss-other", 1), "4982000.00", "the rest elsewhere");
	is_int(nlines(&run, "kept"), 0, "nothing kept");
	is_str(attr(run.fees, "due"), "-5018000.00", "net −5,018,000.00");
	run_free(&run);

	/* no claims-paid rows: the settlements paid in 2025, streamed —
	 * 100.00 on 03-01 + 50.00 on 12-31; one paid 2026-01-01 and one unpaid
	 * are not counted */
	struct kh_settlement claims[] = {
		{ .claim_id = "K1", .insured_id = "P1", .channel = "direct", .category = "standard",
		  .region = "", .provider_id = "", .service_date = KH_DAY_NONE,
		  .received = ymd(2025, 2, 1), .paid = ymd(2025, 3, 1), .paid_amount = 10000 },
		{ .claim_id = "K2", .insured_id = "P2", .channel = "manual", .category = "standard",
		  .region = "", .provider_id = "", .service_date = KH_DAY_NONE,
		  .received = ymd(2025, 12, 1), .paid = ymd(2025, 12, 31), .paid_amount = 5000 },
		{ .claim_id = "K3", .insured_id = "P3", .channel = "direct", .category = "standard",
		  .region = "", .provider_id = "", .service_date = KH_DAY_NONE,
		  .received = ymd(2025, 12, 20), .paid = ymd(2026, 1, 1), .paid_amount = 7000 },
		{ .claim_id = "K4", .insured_id = "P4", .channel = "direct", .category = "standard",
		  .region = "", .provider_id = "", .service_date = KH_DAY_NONE,
		  .received = ymd(2025, 12, 21), .paid = KH_DAY_NONE, .paid_amount = 0 },
	};
	struct kh_settlement_array array = { claims, 4 };
	kh_settlement_array_source(&r.settlements, &array);
	r.finance = (struct kh_finance){ fin + 2, 1 };   /* operating cost only */
	is_int(fee_run(&run, c, &r, "2025", 0, NULL), 0, "claims from settlements");
	is_str(line(&run, "claims-paid", 1), "150.00", "paid in 2025: 100.00 + 50.00");
	ok(text_has(&run, "claims-paid", 1, "当年支付的结算记录 2"), "names the 2 settlements");
	run_free(&run);

	/* a quarter is no settlement period */
	is_int(fee_run(&run, c, &r, "2025Q1", 0, NULL), 0, "a quarter");
	is_int(nlines(&run, "note"), 1, "says the fund is settled by year");
	run_free(&run);
	kh_contract_free(c);
}

/* A contract with the Henan money terms and grade bands of its own (no
 * default="yes"): a scored grade may then move money. */
static const char own_bands_xml[] =
	"<contract xmlns='urn:kaohe:contract:1' seed='001'><title>t</title>"
	"<parties purchaser='p' insurer='i'/><term start='2024-01-01' end='2024-12-31'/>"
	"<scoring total='100'><grade name='优秀' min='90'/><grade name='合格' min='60'/>"
	"<grade name='不合格' min='0'/></scoring>"
	"<money><fund-reserve clause='第三条'>"
	"<reserve rate='5%' clause='第二十二条'>r</reserve>"
	"<deposit rate='3%' clause='第二十二条'>d<return grade='优秀' rate='100%'/>"
	"<return grade='合格' rate='80%'/><return grade='不合格' rate='0%'/></deposit>"
	"<profit-cap rate='3%' surplus-to='provincial-fiscal' clause='第二十三条'>c</profit-cap>"
	"<loss policy-cap='3%' then='reserve' other='insurer' clause='第二十四条'>l</loss>"
	"</fund-reserve></money>"
	"<indicators><indicator id='a' points='100'><clause ref='第一条'>x</clause><title>a</title>"
	"<volume kind='k' min='3'/></indicator></indicators></contract>";

/* fund-reserve (001 第二十二–二十四条, 第三十六条): the henan template. */
static void fund_reserve(void)
{
	struct kh_contract *c = template("henan-dbbx-2024");
	if (!c)
		return;
	struct kh_finance_row fin[] = {
		{ ymd(2024, 3, 31), S("funds-received"), 12000000000LL, S("") },
		{ ymd(2024, 9, 30), S("funds-received"), 8000000000LL, S("") },
		{ ymd(2024, 12, 31), S("claims-paid"), 18000000000LL, S("") },
	};
	struct kh_records r = { 0 };
	r.finance = (struct kh_finance){ fin, 3 };
	struct run run = { 0 };

	/* F = 200,000,000.00; the purchaser withholds the reserve 5% =
	 * 10,000,000.00; deposit 3% = 6,000,000.00 (the insurer's, held);
	 * claims 180,000,000.00 → M = 200 − 10 − 180 = 10,000,000.00; cap 3% of
	 * F 6,000,000.00: kept 6,000,000.00, 4,000,000.00 to the fiscal
	 * account.  The template's grade bands are defaults: the deposit
	 * awaits the assessment, held, net 6,000,000.00.  Balance: 200,000,000
	 * = 180,000,000 + reserve 10,000,000 + 6,000,000 + 4,000,000 */
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "2024 settles");
	is_str(line(&run, "funds", 1), "200000000.00", "F from two funds-received rows");
	is_str(line(&run, "reserve", 1), "10000000.00", "reserve 5%");
	is_str(line(&run, "deposit", 1), "6000000.00", "deposit 3%");
	is_str(line(&run, "margin", 1), "10000000.00", "M = F − reserve − claims");
	is_str(line(&run, "kept", 1), "6000000.00", "kept the cap");
	ok(!text_has(&run, "kept", 1, "专项成本"), "no staff cost in Henan's kept line");
	is_str(line(&run, "surplus-to-fiscal", 1), "4000000.00", "surplus to the fiscal account");
	is_str(line(&run, "deposit-held", 1), "6000000.00", "the deposit awaits the assessment");
	is_int(nlines(&run, "deposit-withheld"), 0, "nothing forfeited");
	is_str(line(&run, "reserve-left", 1), "10000000.00", "the reserve stays with the purchaser");
	is_str(attr(run.fees, "due"), "6000000.00", "net 6,000,000.00");
	is_str(line(&run, "balance", 1), "200000000.00", "balance: F");
	run_free(&run);

	/* 40 of 100 judged points would be 不合格 on the template's bands: not
	 * used — held, the trial grade named for reference only */
	run.score_x100 = 4000;
	run.max_x100 = 10000;
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "scored 40 on template bands");
	is_str(line(&run, "deposit-held", 1), "6000000.00", "still held");
	ok(text_has(&run, "deposit-held", 1, "不合格"), "the trial grade is named");
	is_str(attr(run.fees, "due"), "6000000.00", "nothing forfeited: net 6,000,000.00");
	run_free(&run);
	run.score_x100 = run.max_x100 = 0;

	/* the assessment's grade given (--grade 合格): 80% returned
	 * 4,800,000.00, 1,200,000.00 withheld, net 4,800,000.00; balance
	 * 200,000,000 = 180,000,000 + 10,000,000 + 4,800,000 + 4,000,000 +
	 * 1,200,000 */
	struct kh_money_opts pass = { 0, 0, 0, "合格" };
	is_int(fee_run(&run, c, &r, "2024", 0, &pass), 0, "grade given");
	is_str(line(&run, "deposit-returned", 1), "4800000.00", "80% returned");
	is_str(attr(child(run.fees, "line", "kind", "deposit-returned", 1), "basis"), "given",
	       "resting on the grade given");
	is_str(line(&run, "deposit-withheld", 1), "1200000.00", "20% withheld");
	is_str(attr(run.fees, "due"), "4800000.00", "net 4,800,000.00");
	ok(text_has(&run, "balance", 1, "相符"), "balances");
	run_free(&run);

	/* claims 190,000,000.00 = 95% of F: M = 0 exactly — nothing kept,
	 * nothing to the fiscal account, no loss; (the old rule kept
	 * 6,000,000.00 and sent 4,000,000.00 to the fiscal account) */
	fin[2].amount = 19000000000LL;
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "M = 0");
	is_str(line(&run, "margin", 1), "0.00", "M = 0");
	is_str(line(&run, "kept", 1), "0.00", "nothing kept");
	is_str(line(&run, "surplus-to-fiscal", 1), "0.00", "nothing to the fiscal account");
	is_int(nlines(&run, "loss"), 0, "no loss");
	run_free(&run);

	/* a policy loss: claims 220,000,000.00 → M = 190 − 220 = −30,000,000.00;
	 * the insurer bears 3% × F = 6,000,000.00; the reserve covers
	 * 10,000,000.00, 14,000,000.00 beyond; reserve left 0.  Balance:
	 * 200,000,000 + 14,000,000 = 220,000,000 + 0 − 6,000,000 */
	fin[2].amount = 22000000000LL;
	struct kh_money_opts policy = { 1, 0, 0, NULL };
	is_int(fee_run(&run, c, &r, "2024", 0, &policy), 0, "a policy loss");
	is_str(line(&run, "loss", 1), "30000000.00", "loss 30,000,000.00");
	is_str(line(&run, "insurer-loss", 1), "6000000.00", "insurer 3% of F");
	is_str(line(&run, "reserve-used", 1), "10000000.00", "the reserve covers 10,000,000.00");
	is_str(line(&run, "loss-beyond-reserve", 1), "14000000.00", "14,000,000.00 beyond");
	is_str(line(&run, "reserve-left", 1), "0.00", "reserve used up");
	is_str(attr(run.fees, "due"), "-6000000.00", "net −6,000,000.00");
	is_str(line(&run, "balance", 1), "214000000.00", "balance: F + 14,000,000.00 beyond");
	run_free(&run);
	/* non-policy: the insurer bears all 30,000,000.00, the reserve stays */
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "a non-policy loss");
	is_str(line(&run, "insurer-loss", 1), "30000000.00", "borne in full");
	is_str(line(&run, "reserve-left", 1), "10000000.00", "reserve untouched");
	is_str(line(&run, "balance", 1), "200000000.00", "balance: F");
	run_free(&run);

	/* no funds-received rows and no per-capita: cannot settle */
	r.finance = (struct kh_finance){ fin + 2, 1 };
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "no funds");
	is_int(nlines(&run, "missing-funds"), 1, "says the funds are missing");
	is_str(attr(run.fees, "due"), "0.00", "nothing settled");
	run_free(&run);
	kh_contract_free(c);

	/* bands of the contract's own: the scored grade moves the deposit.
	 * Claims 180,000,000.00 again (net 6,000,000.00 before the deposit);
	 * 60 of 100 → 合格 80%: withheld 1,200,000.00, net 4,800,000.00;
	 * 59.99 → 不合格 0%: withheld 6,000,000.00, net 0.00 */
	c = NULL;
	ok(kh_contract_parse_memory(own_bands_xml, sizeof own_bands_xml - 1, "own", &c, NULL) == 0,
	   "a contract with its own bands");
	if (!c)
		return;
	fin[2].amount = 18000000000LL;
	r.finance = (struct kh_finance){ fin, 3 };
	run.score_x100 = 6000;
	run.max_x100 = 10000;
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "scored 合格 on own bands");
	is_str(attr(child(run.fees, "line", "kind", "deposit-returned", 1), "basis"), "scored",
	       "resting on the scored grade");
	is_str(line(&run, "deposit-withheld", 1), "1200000.00", "20% withheld");
	is_str(attr(run.fees, "due"), "4800000.00", "net 4,800,000.00");
	run_free(&run);
	run.score_x100 = 5999;
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "scored 59.99");
	is_str(line(&run, "deposit-withheld", 1), "6000000.00", "不合格: all withheld");
	is_str(attr(run.fees, "due"), "0.00", "net 0.00");
	run_free(&run);
	/* nothing judged: no grade, held */
	run.score_x100 = run.max_x100 = 0;
	is_int(fee_run(&run, c, &r, "2024", 0, NULL), 0, "nothing judged");
	is_str(line(&run, "deposit-held", 1), "6000000.00", "held without a grade");
	run_free(&run);
	kh_contract_free(c);
}

int main(void)
{
	quarters();
	days();
	cap();
	late();
	registry();
	service_fee();
	service_basis();
	service_audit();
	fixed_fee();
	fund_per_capita();
	fund_reserve();
	return done_testing();
}
