/* unit-settlements.c: the settlement measures scored from an in-memory
 * claim array (kh_settlement_array_source), no database behind the
 * claims: the array source's filters and person order, claim timeliness
 * across the 2024 National Day holiday and its adjusted working weekends,
 * benefit recomputation in service order, the yearly claims cap, how
 * errors come back (-1 with the kind in ctx->err), and the monthly report
 * built from typed records with the contract's working days.  The shipped
 * work calendar is read through a scratch store, as unit-calendar.c does;
 * the same store checks that the SQLite source streams what the array
 * source streams, and its totals. */
#include <stdlib.h>
#include <unistd.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "calendar.h"
#include "calendar-load.h"
#include "measure-lib.h"
#include "monthly.h"
#include "records.h"
#include "sql.h"
#include "tap.h"

static kh_day day(const char *text)
{
	kh_day d = KH_DAY_NONE;
	if (text && kh_day_parse(text, &d))
		printf("# bad date in test: %s\n", text);
	return d;
}

static const char *fmt(kh_day d)
{
	static char buf[4][KH_DAY_BUFSZ];
	static int next;
	next = (next + 1) % 4;
	return kh_day_format(d, buf[next]);
}

static kh_fen yuan(const char *text)
{
	kh_fen v = -1;
	kh_fen_parse(text, strlen(text), 0, &v);
	return v;
}

/* --- claims and contract elements ------------------------------------------ */

/* A claim: service NULL when not given, paid NULL while unpaid, eligible
 * NULL when not given; amounts in yuan. */
static struct kh_settlement claim(const char *id, const char *insured,
                                  const char *channel, const char *category,
                                  const char *service, const char *received,
                                  const char *paid, const char *eligible,
                                  const char *paid_amount, int excused)
{
	struct kh_settlement c = {
		.claim_id = id, .insured_id = insured, .channel = channel,
		.category = category, .region = "", .provider_id = "",
		.service_date = day(service), .received = day(received),
		.paid = day(paid), .has_eligible = eligible != NULL,
		.eligible_amount = eligible ? yuan(eligible) : 0,
		.paid_amount = yuan(paid_amount), .excused = excused,
		.day = KH_DAY_NONE,
	};
	return c;
}

static struct kh_node node(const char *name, struct kh_attr *attrs, size_t nattrs,
                           struct kh_node *children, size_t nchildren)
{
	struct kh_node n = { (char *)name, 1, attrs, nattrs, children, nchildren,
	                     (char *)"" };
	return n;
}

#define ATTR(n, v) { (char *)(n), (char *)(v) }
#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* --- running a measure on an array ----------------------------------------- */

struct fixture {
	const struct kh_calendar *cal;
	struct kh_contract contract;
	struct kh_indicator indicator;
	struct kh_settlement_array array;
	struct kh_records records;
	struct kh_err err;
	xmlDocPtr doc;
	struct kh_result result;
	struct kh_measure_ctx ctx;
};

static void use_claims(struct fixture *f, const struct kh_settlement *claims,
                       size_t count)
{
	f->array.claims = claims;
	f->array.count = count;
	memset(&f->records, 0, sizeof f->records);
	f->records.loaded = KH_REC_SETTLEMENTS;
	kh_settlement_array_source(&f->records.settlements, &f->array);
}

static int run(struct fixture *f, kh_measure_fn *fn, const char *period,
               const char *asof)
{
	if (f->doc)
		xmlFreeDoc(f->doc);
	f->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "scorecard");
	xmlDocSetRootElement(f->doc, root);
	memset(&f->result, 0, sizeof f->result);
	f->result.indicator = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	f->result.charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	f->result.evidence_limit = 3;
	memset(&f->err, 0, sizeof f->err);
	memset(&f->ctx, 0, sizeof f->ctx);
	f->ctx.contract = &f->contract;
	f->ctx.indicator = &f->indicator;
	f->ctx.calendar = f->cal;
	kh_period_parse(period, &f->ctx.period);
	f->ctx.as_of = asof ? day(asof) : f->ctx.period.last;
	f->ctx.records = &f->records;
	f->ctx.err = &f->err;
	int rc = fn(&f->ctx, &f->result);
	if (rc == 0)
		kh_result_finish(&f->result);
	return rc;
}

static const char *attr_of(xmlNodePtr node, const char *name)
{
	static char buf[4][256];
	static int next;
	next = (next + 1) % 4;
	xmlChar *v = node ? xmlGetProp(node, BAD_CAST name) : NULL;
	snprintf(buf[next], sizeof buf[next], "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf[next];
}

static const char *attr(struct fixture *f, const char *name)
{
	return attr_of(f->result.indicator, name);
}

/* The n-th (0-based) evidence item, or NULL. */
static xmlNodePtr item(struct fixture *f, int n)
{
	xmlNodePtr it = f->result.evidence ? f->result.evidence->children : NULL;
	for (; it; it = it->next)
		if (xmlStrEqual(it->name, BAD_CAST "item") && n-- == 0)
			return it;
	return NULL;
}

/* --- the array source ------------------------------------------------------ */

struct seen {
	char ids[16][8];
	kh_day days[16];
	int n;
	int stop_after;           /* 0: never stop */
};

static int remember(const struct kh_settlement *c, void *arg)
{
	struct seen *s = arg;
	if (s->n < 16) {
		snprintf(s->ids[s->n], sizeof s->ids[s->n], "%s", c->claim_id);
		s->days[s->n] = c->day;
	}
	s->n++;
	return s->stop_after && s->n >= s->stop_after ? 7 : 0;
}

static const char *joined(const struct seen *s)
{
	static char buf[128];
	buf[0] = '\0';
	for (int i = 0; i < s->n && i < 16; i++) {
		strcat(buf, i ? " " : "");
		strcat(buf, s->ids[i]);
	}
	return buf;
}

static void check_array_source(void)
{
	const struct kh_settlement claims[] = {
		claim("K1", "P2", "direct", "standard", "2024-03-05", "2024-03-06",
		      "2024-03-20", "100", "60", 0),
		claim("K2", "P1", "manual", "standard", NULL, "2024-03-01",
		      NULL, NULL, "0", 0),
		claim("K3", "P1", "direct", "standard", "2024-02-28", "2024-03-02",
		      "2024-04-01", "50", "30", 0),
		claim("K4", "P2", "direct", "standard", "2024-03-05", "2024-03-07",
		      "2024-03-08", "10", "6", 0),
		claim("K5", "P1", "direct", "standard", NULL, "2024-04-02",
		      "2024-04-03", "10", "6", 0),
	};
	struct kh_settlement_array array = { claims, COUNT(claims) };
	struct kh_records records = { 0 };
	kh_settlement_array_source(&records.settlements, &array);
	struct kh_err err = { 0 };
	struct seen s;

	struct kh_settlement_query q = { .contract = "t", .day = KH_SETTLE_RECEIVED,
		.first = day("2024-03-01"), .last = day("2024-03-31") };
	memset(&s, 0, sizeof s);
	is_int(kh_records_each_settlement(&records, &q, remember, &s, &err), 0,
	       "array: a stream that runs to the end returns 0");
	is_str(joined(&s), "K1 K2 K3 K4", "array: received in March, in array order");
	is_str(fmt(s.days[2]), "2024-03-02", "array: the claim's day is the query's (received)");

	q.channel = "direct";
	q.eligible_only = 1;
	q.day = KH_SETTLE_SERVICE;
	q.order = KH_SETTLE_BY_PERSON;
	q.first = day("2024-01-01");
	q.last = day("2024-12-31");
	memset(&s, 0, sizeof s);
	kh_records_each_settlement(&records, &q, remember, &s, &err);
	is_str(joined(&s), "K3 K5 K1 K4",
	       "array: by person, then service-else-received day, then claim id");
	is_str(fmt(s.days[1]), "2024-04-02", "array: no service date: the day is the receipt");

	q.day = KH_SETTLE_PAID;
	q.channel = NULL;
	q.eligible_only = 0;
	q.order = KH_SETTLE_ANY_ORDER;
	q.first = day("2024-03-01");
	q.last = day("2024-03-31");
	memset(&s, 0, sizeof s);
	kh_records_each_settlement(&records, &q, remember, &s, &err);
	is_str(joined(&s), "K1 K4", "array: paid in March; an unpaid claim never matches");

	q.day = KH_SETTLE_RECEIVED;
	memset(&s, 0, sizeof s);
	s.stop_after = 2;
	is_int(kh_records_each_settlement(&records, &q, remember, &s, &err), 7,
	       "array: the callback's nonzero value stops the stream and comes back");
	is_int(s.n, 2, "array: no claim after the stop");

	struct kh_records none = { 0 };
	memset(&s, 0, sizeof s);
	is_int(kh_records_each_settlement(&none, &q, remember, &s, &err), 0,
	       "no source: no claims, no error");
	is_int(s.n, 0, "no source: the callback is never called");
}

/* --- timeliness ------------------------------------------------------------ */

static void check_claim_rule(const struct kh_calendar *cal)
{
	kh_day deadline;
	enum kh_claim_state state;
	ok(kh_claim_timeliness(cal, day("2024-09-20"), 15, day("2024-10-16"),
	                       day("2024-12-31"), &deadline, &state) == 0,
	   "rule: 15 working days after 2024-09-20");
	is_str(fmt(deadline), "2024-10-16",
	       "rule: … is 10-16 (09-29 and 10-12 worked, 10-01..07 off)");
	is_int(state, KH_CLAIM_ON_TIME, "rule: paid on the deadline is on time");
	kh_claim_timeliness(cal, day("2024-09-27"), 1, KH_DAY_NONE,
	                    day("2024-09-29"), &deadline, &state);
	is_str(fmt(deadline), "2024-09-29",
	       "rule: 1 working day after Friday 09-27 is Sunday 09-29 (adjusted working day)");
	is_int(state, KH_CLAIM_NOT_DUE, "rule: unpaid on the deadline day is not yet due");
	kh_claim_timeliness(cal, day("2024-09-28"), 3, KH_DAY_NONE,
	                    day("2024-10-07"), &deadline, &state);
	is_str(fmt(deadline), "2024-10-08",
	       "rule: 3 working days after Saturday 09-28: 09-29, 09-30, then 10-08");
	is_int(state, KH_CLAIM_NOT_DUE, "rule: … so unpaid on 10-07 is not due");
	kh_claim_timeliness(cal, day("2024-09-30"), 1, day("2024-10-08"),
	                    day("2024-12-31"), &deadline, &state);
	is_str(fmt(deadline), "2024-10-08", "rule: 1 working day after 09-30 is 10-08");
	is_int(state, KH_CLAIM_ON_TIME, "rule: paid 10-08 is on time");
	is_int(kh_claim_timeliness(cal, day("2024-09-20"), 3000, KH_DAY_NONE,
	                           day("2024-12-31"), &deadline, &state), -1,
	       "rule: a deadline past the calendar is -1");
}

static void check_timeliness(struct fixture *f)
{
	/* direct, 15 working days: 10-16 for 09-20 (09-29 and 10-12 worked,
	 * 10-01..07 off), 10-24 for 09-29 (received on the adjusted Sunday). */
	const struct kh_settlement claims[] = {
		claim("C1", "P1", "direct", "standard", NULL, "2024-09-20", "2024-10-16", NULL, "100", 0),
		claim("C2", "P1", "direct", "standard", NULL, "2024-09-20", "2024-10-17", NULL, "100", 0),
		claim("C3", "P2", "direct", "standard", NULL, "2024-09-20", NULL, NULL, "100", 0),
		claim("C4", "P2", "direct", "standard", NULL, "2024-12-20", NULL, NULL, "100", 0),
		claim("C5", "P3", "direct", "standard", NULL, "2024-09-20", "2024-10-31", NULL, "100", 1),
		claim("C6", "P3", "direct", "standard", NULL, "2024-09-20", "2024-10-21", NULL, "100", 0),
		claim("C7", "P3", "manual", "standard", NULL, "2024-09-20", "2024-12-01", NULL, "100", 0),
		claim("C8", "P4", "direct", "standard", NULL, "2025-01-02", NULL, NULL, "100", 0),
		claim("C9", "P4", "direct", "standard", NULL, "2024-09-29", "2024-10-25", NULL, "100", 0),
	};
	use_claims(f, claims, COUNT(claims));
	struct kh_attr attrs[] = { ATTR("channel", "direct"), ATTR("workdays", "15") };
	f->indicator.measure = node("timeliness", attrs, 2, NULL, 0);
	is_int(run(f, kh_measure_timeliness, "2024", NULL), 0, "timeliness runs on an array");
	/* judged: C1 on time; C2 late 1; C3 unpaid, late; C6 late 3; C9
	 * received on the adjusted Sunday 09-29, due 10-24, paid 10-25: late
	 * by 1.  C4 not due, C5 excused, C7 manual, C8 next year. */
	is_int(f->result.status, KH_STATUS_FAIL, "timeliness: fails with late claims");
	is_str(attr(f, "value"), "0.2000", "timeliness: 1 on time of 5 judged");
	is_int(f->result.findings, 4, "timeliness: four late claims are findings");
	is_int(f->result.evidence_count, 5, "timeliness: late claims and the excused one counted");
	is_str(attr_of(item(f, 0), "ref"), "C3",
	       "timeliness: the worst claim (unpaid at as-of) is listed first");
	is_str(attr_of(item(f, 1), "ref"), "C6", "timeliness: then 3 working days late");
	is_str(attr_of(item(f, 1), "late"), "3", "timeliness: C6 paid 10-21 is 3 working days late");
	is_str(attr_of(item(f, 2), "ref"), "C2", "timeliness: then C2 (1 day, received earlier than C9)");
	ok(item(f, 3) == NULL, "timeliness: evidence capped at the limit");

	is_int(run(f, kh_measure_timeliness, "2024", "2024-10-16"), 0,
	       "timeliness judged on the deadline day");
	/* At 10-16: C1 paid on time; C2 and C6 paid after as-of, not due yet;
	 * C3, C5 and C9 not due. */
	is_str(attr(f, "value"), "1.0000", "timeliness on 10-16: the only due claim was on time");
	is_int(f->result.status, KH_STATUS_PASS, "timeliness on 10-16: passes");

	struct kh_attr adjusted[] = { ATTR("channel", "direct"), ATTR("workdays", "1") };
	const struct kh_settlement weekend[] = {
		claim("W1", "P1", "direct", "standard", NULL, "2024-09-27", "2024-09-29", NULL, "1", 0),
		claim("W2", "P1", "direct", "standard", NULL, "2024-09-27", "2024-09-30", NULL, "1", 0),
		claim("W3", "P1", "direct", "standard", NULL, "2024-10-11", "2024-10-12", NULL, "1", 0),
	};
	use_claims(f, weekend, COUNT(weekend));
	f->indicator.measure = node("timeliness", adjusted, 2, NULL, 0);
	run(f, kh_measure_timeliness, "2024Q3", "2024-12-31");
	is_str(attr(f, "value"), "0.5000",
	       "adjusted weekend: paid on the worked Sunday 09-29 is on time, 09-30 late");
	run(f, kh_measure_timeliness, "2024Q4", "2024-12-31");
	is_str(attr(f, "value"), "1.0000",
	       "adjusted weekend: received Friday 10-11, paid on the worked Saturday 10-12: on time");

	use_claims(f, claims, COUNT(claims));
	is_int(run(f, kh_measure_timeliness, "2024Q1", NULL), 0, "timeliness on an empty quarter");
	is_int(f->result.status, KH_STATUS_NA, "timeliness: a quarter with no claims is na");

	struct kh_attr far[] = { ATTR("channel", "direct"), ATTR("workdays", "700") };
	f->indicator.measure = node("timeliness", far, 2, NULL, 0);
	is_int(run(f, kh_measure_timeliness, "2024", NULL), -1,
	       "timeliness: a deadline beyond the calendar fails");
	is_int(f->err.kind, KH_ERR_DATA, "… as a data error");

	struct kh_attr bad[] = { ATTR("channel", "post"), ATTR("workdays", "15") };
	f->indicator.measure = node("timeliness", bad, 2, NULL, 0);
	is_int(run(f, kh_measure_timeliness, "2024", NULL), -1,
	       "timeliness: an unknown channel fails");
	is_int(f->err.kind, KH_ERR_DATA, "… as a data error");
}

/* A source that fails the way a store does. */
static int failing_each(void *impl, const struct kh_settlement_query *q,
                        kh_settlement_fn *fn, void *arg, struct kh_err *err)
{
	(void)impl; (void)q; (void)fn; (void)arg;
	return kh_fail(err, KH_ERR_TEMPFAIL);
}

static void check_source_error(struct fixture *f)
{
	memset(&f->records, 0, sizeof f->records);
	f->records.settlements.each = failing_each;
	struct kh_attr attrs[] = { ATTR("channel", "manual"), ATTR("workdays", "20") };
	f->indicator.measure = node("timeliness", attrs, 2, NULL, 0);
	is_int(run(f, kh_measure_timeliness, "2024", NULL), -1,
	       "a failing source fails the timeliness measure");
	is_int(f->err.kind, KH_ERR_TEMPFAIL, "… with the source's kind");
	struct kh_attr cap[] = { ATTR("max", "10") };
	f->indicator.measure = node("claims-cap", cap, 1, NULL, 0);
	is_int(run(f, kh_measure_claims_cap, "2024", NULL), -1,
	       "a failing source fails claims-cap");
	is_int(f->err.kind, KH_ERR_TEMPFAIL, "… with the source's kind");
}

/* --- benefit recomputation and the yearly cap ------------------------------ */

static struct kh_attr std_attrs[] = { ATTR("category", "standard"),
	ATTR("deductible", "11000"), ATTR("cap", "400000") };
static struct kh_attr std_b1[] = { ATTR("above", "11000"), ATTR("rate", "60%") };
static struct kh_attr std_b2[] = { ATTR("above", "100000"), ATTR("rate", "70%") };
static struct kh_attr pref_attrs[] = { ATTR("category", "preferential"),
	ATTR("deductible", "5500") };
static struct kh_attr pref_b1[] = { ATTR("above", "5500"), ATTR("rate", "65%") };
static struct kh_attr pref_b2[] = { ATTR("above", "100000"), ATTR("rate", "0.75") };

static void check_benefit(struct fixture *f)
{
	/* P9's claims out of service order in the array: B, A, C by service.
	 * Z is 2023 (another benefit year); Y in December accumulates before
	 * a Q4 score only. */
	const struct kh_settlement claims[] = {
		claim("A", "P9", "manual", "standard", "2024-03-01", "2024-03-02", NULL, "50000", "23400", 0),
		claim("C", "P9", "manual", "standard", "2024-05-01", "2024-05-02", NULL, "1.00", "0.70", 0),
		claim("B", "P9", "manual", "standard", "2024-01-10", "2024-01-11", NULL, "11000", "0", 0),
		claim("D", "P8", "direct", "preferential", "2024-02-01", "2024-02-02", NULL, "5500.10", "0.07", 0),
		claim("E", "P8", "direct", "preferential", "2024-02-01", "2024-02-03", NULL, NULL, "0.05", 0),
		claim("Z", "P9", "manual", "standard", "2023-12-30", "2024-01-03", NULL, "90000", "0", 0),
		claim("F", "P7", "direct", "standard", NULL, "2024-10-09", NULL, "111000", "61100", 0),
		claim("G", "P7", "direct", "standard", "2024-11-01", "2024-11-02", NULL, "20000", "14000", 0),
	};
	use_claims(f, claims, COUNT(claims));
	struct kh_node std_bands[] = { node("band", std_b1, 2, NULL, 0),
	                               node("band", std_b2, 2, NULL, 0) };
	struct kh_node pref_bands[] = { node("band", pref_b1, 2, NULL, 0),
	                                node("band", pref_b2, 2, NULL, 0) };
	struct kh_node schemes[] = { node("scheme", std_attrs, 3, std_bands, 2),
	                             node("scheme", pref_attrs, 2, pref_bands, 2) };
	f->indicator.measure = node("benefit-recompute", NULL, 0, schemes, 2);
	is_int(run(f, kh_measure_benefit, "2024", NULL), 0, "benefit-recompute runs on an array");
	/* B: 11,000 → 0 (paid 0 ok); A: 50,000 above → 30,000.00 at 60%, paid
	 * 23,400 → finding; C: 1.00 more at 60% = 0.60, paid 0.70 → finding;
	 * D: 0.10 above 5,500 at 65% = 0.065 → 0.07 ok; E has no eligible
	 * amount; Z is 2023's; F (received 10-09, no service date): 89,000 at
	 * 60% and 11,000 at 70% = 61,100 ok; G: 20,000 at 70% = 14,000 ok. */
	is_int(f->result.findings, 2, "benefit: A and C differ; B, D, F and G agree");
	is_str(attr(f, "value"), "2", "benefit: the value is the count of differing claims");
	is_int(f->result.status, KH_STATUS_FAIL, "benefit: fails");
	is_str(attr_of(item(f, 0), "ref"), "A", "benefit: A listed first (P9, March)");
	is_str(attr_of(item(f, 0), "before"), "11000.00",
	       "benefit: A's cumulative before is B's 11,000, not 2023's Z");
	is_str(attr_of(item(f, 0), "recomputed"), "30000.00",
	       "benefit: A recomputed as 50,000 above the deductible at 60%");
	is_str(attr_of(item(f, 1), "ref"), "C", "benefit: then C");
	is_str(attr_of(item(f, 1), "before"), "61000.00", "benefit: C after B and A");
	is_str(attr_of(item(f, 1), "difference"), "0.10", "benefit: C paid 0.10 too much");

	is_int(run(f, kh_measure_benefit, "2024Q4", NULL), 0, "benefit on Q4");
	is_int(f->result.findings, 0,
	       "benefit Q4: G judged on P7's year so far (F first), and agrees");
	is_int(f->result.status, KH_STATUS_PASS, "benefit Q4: passes");

	is_int(run(f, kh_measure_benefit, "2024Q2", "2024-04-15"), 0, "benefit on Q2 as of 04-15");
	is_int(f->result.status, KH_STATUS_NA, "benefit: nothing served in the period yet is na");

	struct kh_attr cap[] = { ATTR("max", "100000") };
	f->indicator.measure = node("claims-cap", cap, 1, NULL, 0);
	is_int(run(f, kh_measure_claims_cap, "2024", NULL), 0, "claims-cap runs on an array");
	/* paid in 2024: P7 75,100; P8 0.12; P9 23,400.70 (Z served in 2023) */
	is_int(f->result.findings, 0, "claims-cap on paid amounts: nobody over 100,000");
	is_int(f->result.status, KH_STATUS_PASS, "claims-cap: passes");
	struct kh_attr cap_eligible[] = { ATTR("max", "100000"), ATTR("amount", "eligible") };
	f->indicator.measure = node("claims-cap", cap_eligible, 2, NULL, 0);
	run(f, kh_measure_claims_cap, "2024", NULL);
	/* eligible in 2024: P7 131,000 over; P8 5,500.10 (E has none); P9 61,001 */
	is_int(f->result.findings, 1, "claims-cap on eligible amounts: one person over");
	is_str(attr_of(item(f, 0), "ref"), "P7", "claims-cap: P7 listed");
	is_str(attr_of(item(f, 0), "claims"), "2", "claims-cap: with both claims");
	is_str(attr_of(item(f, 0), "excess"), "31000.00", "claims-cap: the excess");
	is_str(attr(f, "value"), "1", "claims-cap: the value counts persons");
}

/* --- triggers of a deliberate rule change: a pattern, not single errors ---- */

/* 001 第三十四条(三) "擅自提高或降低报销比例" and 000 第三十三条(五): the
 * indicator's triggers fire only when more than one case is off in the
 * same direction and those are at least pattern-share (default 10%) of the
 * cases judged.  Each claim: eligible 21,000 under the standard scheme →
 * (21,000 − 11,000) × 60% = 6,000 due; a "low" one pays 5,000, a "high"
 * one 7,000. */
static char pattern_ids[32][24];
static struct kh_settlement pattern_claims[32];

static size_t pattern(size_t n, size_t low, size_t high, const char *paid_ok)
{
	for (size_t i = 0; i < n; i++) {
		snprintf(pattern_ids[i], sizeof pattern_ids[i], "Q%02zu", i);
		const char *paid = i < low ? "5000" : i < low + high ? "7000" : paid_ok;
		pattern_claims[i] = claim(pattern_ids[i], pattern_ids[i], "direct", "standard",
		                          "2024-03-01", "2024-03-02", NULL, "21000", paid, 0);
	}
	return n;
}

static int fired(struct fixture *f, const char *action)
{
	return f->result.status == KH_STATUS_FAIL &&
	       kh_result_trigger_fires(&f->result, action);
}

static void check_benefit_pattern(struct fixture *f)
{
	struct kh_trigger trig = { (char *)"terminate", (char *)"第三十四条(三)",
	                           (char *)"", { 0 } };
	f->indicator.triggers = &trig;
	f->indicator.ntriggers = 1;
	struct kh_node std_bands[] = { node("band", std_b1, 2, NULL, 0),
	                               node("band", std_b2, 2, NULL, 0) };
	struct kh_node schemes[] = { node("scheme", std_attrs, 3, std_bands, 2) };
	f->indicator.measure = node("benefit-recompute", NULL, 0, schemes, 1);

	use_claims(f, pattern_claims, pattern(21, 2, 0, "6000"));
	run(f, kh_measure_benefit, "2024", NULL);
	is_int(f->result.findings, 2, "pattern: 2 of 21 claims paid low are findings");
	is_int(f->result.status, KH_STATUS_FAIL, "pattern: … and fail the indicator");
	ok(!fired(f, "terminate"), "2 ÷ 21 = 9.52% < 10%: no termination");

	use_claims(f, pattern_claims, pattern(20, 2, 0, "6000"));
	run(f, kh_measure_benefit, "2024", NULL);
	ok(fired(f, "terminate"), "2 ÷ 20 = 10.00% low, same direction: termination fires");

	use_claims(f, pattern_claims, pattern(20, 1, 1, "6000"));
	run(f, kh_measure_benefit, "2024", NULL);
	is_int(f->result.findings, 2, "one low, one high: 2 findings");
	ok(!fired(f, "terminate"), "one low, one high of 20: not one direction, no termination");

	use_claims(f, pattern_claims, pattern(1, 1, 0, "6000"));
	run(f, kh_measure_benefit, "2024", NULL);
	ok(!fired(f, "terminate"), "a single claim (100%) is no pattern");

	struct kh_attr five[] = { ATTR("pattern-share", "5%") };
	f->indicator.measure = node("benefit-recompute", five, 1, schemes, 1);
	use_claims(f, pattern_claims, pattern(21, 2, 0, "6000"));
	run(f, kh_measure_benefit, "2024", NULL);
	ok(fired(f, "terminate"), "pattern-share 5%: 2 ÷ 21 = 9.52% fires");

	/* claims-cap 100,000 on paid amounts: a "high" claim here pays
	 * 150,000, the others 6,000 (one claim per person). */
	trig.action = (char *)"interview";
	struct kh_attr cap[] = { ATTR("max", "100000") };
	f->indicator.measure = node("claims-cap", cap, 1, NULL, 0);
	use_claims(f, pattern_claims, pattern(2, 0, 1, "6000"));
	pattern_claims[0].paid_amount = yuan("150000");
	run(f, kh_measure_claims_cap, "2024", NULL);
	is_int(f->result.findings, 1, "cap: one person of 2 over is a finding");
	ok(!fired(f, "interview"), "cap: one person over the cap fires no interview (000 第三十三条(五))");
	use_claims(f, pattern_claims, pattern(21, 0, 2, "6000"));
	pattern_claims[0].paid_amount = pattern_claims[1].paid_amount = yuan("150000");
	run(f, kh_measure_claims_cap, "2024", NULL);
	is_int(f->result.findings, 2, "cap: 2 of 21 persons over");
	ok(!fired(f, "interview"), "cap: 2 ÷ 21 = 9.52%: no interview");
	use_claims(f, pattern_claims, pattern(20, 0, 2, "6000"));
	pattern_claims[0].paid_amount = pattern_claims[1].paid_amount = yuan("150000");
	run(f, kh_measure_claims_cap, "2024", NULL);
	ok(fired(f, "interview"), "cap: 2 ÷ 20 = 10.00% over the cap: interview");

	f->indicator.triggers = NULL;
	f->indicator.ntriggers = 0;
}

/* --- the monthly report from typed records ------------------------------------ */

/* An XPath string over the report (prefix m: its namespace). */
static const char *xp(xmlDocPtr doc, const char *expr)
{
	static char buf[4][128];
	static int next;
	next = (next + 1) % 4;
	buf[next][0] = '\0';
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "m", BAD_CAST KH_MONTHLY_NS);
	xmlXPathObjectPtr v = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlChar *text = v ? xmlXPathCastToString(v) : NULL;
	if (text)
		snprintf(buf[next], sizeof buf[next], "%s", (const char *)text);
	xmlFree(text);
	xmlXPathFreeObject(v);
	xmlXPathFreeContext(ctx);
	return buf[next];
}

static void check_monthly(const struct kh_calendar *cal)
{
	/* October 2024: direct due 15 working days after receipt, manual 20;
	 * the National Day week does not count. */
	const struct kh_settlement claims[] = {
		claim("D1", "P1", "direct", "standard", NULL, "2024-10-08", "2024-10-28", NULL, "100", 0),
		claim("D2", "P2", "direct", "standard", NULL, "2024-10-08", "2024-10-30", NULL, "200", 0),
		claim("D3", "P3", "direct", "standard", NULL, "2024-10-30", NULL, NULL, "300", 0),
		claim("M1", "P4", "manual", "standard", NULL, "2024-10-09", NULL, NULL, "400", 1),
		claim("M2", "P5", "manual", "standard", NULL, "2024-09-20", "2024-10-10", NULL, "50.50", 0),
	};
	struct kh_settlement_array array = { claims, COUNT(claims) };
	struct kh_finance_row finance[] = {
		{ day("2024-10-10"), (char *)"funds-received", yuan("1000"), (char *)"" },
		{ day("2024-10-20"), (char *)"refund", -yuan("10"), (char *)"" },
		{ day("2024-11-01"), (char *)"funds-received", yuan("5"), (char *)"" },
	};
	struct kh_assignment roster[] = {
		{ (char *)"S1", (char *)"", (char *)"resident", (char *)"", (char *)"medical",
		  (char *)"", day("2024-01-01"), KH_DAY_OPEN },
		{ (char *)"S1", (char *)"", (char *)"resident", (char *)"", (char *)"medical",
		  (char *)"", day("2024-10-15"), KH_DAY_OPEN },
		{ (char *)"S2", (char *)"", (char *)"city", (char *)"", (char *)"it",
		  (char *)"", day("2024-01-01"), day("2024-10-30") },
		{ (char *)"S3", (char *)"", (char *)"county", (char *)"", (char *)"finance",
		  (char *)"", day("2024-10-31"), KH_DAY_OPEN },
	};
	struct kh_complaint complaints[] = {
		{ (char *)"K1", day("2024-09-01"), (char *)"", (char *)"x", KH_SUBST_YES, 1,
		  (char *)"minor", KH_DAY_NONE },
		{ (char *)"K2", day("2024-10-03"), (char *)"", (char *)"x", KH_SUBST_PENDING, -1,
		  (char *)"minor", day("2024-10-20") },
	};
	struct kh_records records = { 0 };
	records.finance.rows = finance;
	records.finance.count = COUNT(finance);
	records.roster.rows = roster;
	records.roster.count = COUNT(roster);
	records.complaints.rows = complaints;
	records.complaints.count = COUNT(complaints);
	kh_settlement_array_source(&records.settlements, &array);
	struct kh_monthly_request req = { .contract = "t", .as_of = day("2024-11-30"),
	                                  .generated = "2024-12-01 09:00:00" };
	kh_period_parse("2024-10", &req.month);
	struct kh_monthly_input in = { .req = &req, .records = &records,
	                               .calendar = cal, .workdays = { 15, 20 } };
	struct kh_err err = { 0 };
	xmlDocPtr doc = NULL;
	is_int(kh_monthly_build(&in, &doc, &err), 0, "monthly: builds from records in memory");
	if (!doc)
		return;
	is_str(xp(doc, "string(//m:flow[@kind='funds-received']/@amount)"), "1000.00",
	       "monthly: funds received in October only");
	is_str(xp(doc, "string(//m:flow[@kind='refund']/@amount)"), "-10.00",
	       "monthly: a reversal stays negative");
	is_str(xp(doc, "string(//m:claims-paid/@count)"), "3",
	       "monthly: claims paid in October, whenever received");
	is_str(xp(doc, "string(//m:claims-paid/@amount)"), "350.50", "monthly: their amount");
	is_str(xp(doc, "string(//m:site-inspections/@status)"), "no-data",
	       "monthly: no activities: no-data, not zero");
	/* D1 due 10-28 (15 working days after 10-08, 10-12 worked), paid then:
	 * on time; D2 paid 10-30: late; D3 due in November, unpaid on 11-30:
	 * late; M1 excused; M2 was received in September. */
	is_str(xp(doc, "string(//m:settlement/@timeliness)"), "computed",
	       "monthly: timeliness computed");
	is_str(xp(doc, "concat(//m:channel[@name='direct' and @on-time]/@on-time, '/',"
	              " //m:channel[@name='direct' and @on-time]/@late, '/',"
	              " //m:channel[@name='direct' and @on-time]/@received)"),
	       "1/2/3", "monthly direct: on time 1, late 2 of 3 received");
	is_str(xp(doc, "string(//m:settlement/m:channel[@name='direct']/@deadline-workdays)"),
	       "15", "monthly: the deadline is the contract's");
	is_str(xp(doc, "concat(//m:settlement/m:channel[@name='manual']/@excused, '/',"
	              " //m:settlement/m:channel[@name='manual']/@unpaid)"),
	       "1/1", "monthly manual: one excused, unpaid");
	is_str(xp(doc, "string(//m:staffing/@headcount)"), "2",
	       "monthly: on post on 10-31: S1 once (two assignments), S3; S2 left 10-30");
	is_str(xp(doc, "string(//m:post[@name='county']/m:specialty/@name)"), "finance",
	       "monthly: S3 started on the last day");
	is_str(xp(doc, "concat(//m:complaints/@received, '/', //m:complaints/@pending, '/',"
	              " //m:complaints/@closed, '/', //m:complaints/@open-at-end)"),
	       "1/1/1/1", "monthly complaints: received, pending, closed, open at the end");
	xmlFreeDoc(doc);

	in.workdays[0] = 10;   /* a contract with a shorter direct deadline */
	kh_monthly_build(&in, &doc, &err);
	is_str(xp(doc, "string(//m:settlement/m:channel[@name='direct']/@late)"), "3",
	       "monthly: 10 working days make all three direct claims late");
	xmlFreeDoc(doc);

	in.workdays[1] = 0;    /* no manual timeliness indicator */
	kh_monthly_build(&in, &doc, &err);
	is_str(xp(doc, "concat(//m:settlement/@timeliness, ' ', //m:settlement/@reason)"),
	       "unavailable no-deadline", "monthly: a channel without a deadline is not judged");
	is_str(xp(doc, "string(//m:settlement/m:channel[@name='manual']/@deadline-workdays)"),
	       "", "monthly: and shows no deadline");
	xmlFreeDoc(doc);
}

/* --- the contract's working days --------------------------------------------- */

static void check_contract_workdays(void)
{
	struct kh_attr direct[] = { ATTR("channel", "direct"), ATTR("workdays", "10") };
	struct kh_attr again[] = { ATTR("channel", "direct"), ATTR("workdays", "12") };
	struct kh_attr staff[] = { ATTR("min", "2") };
	struct kh_indicator inds[3] = { { 0 } };
	inds[0].id = (char *)"staff";
	inds[0].measure = node("staffing", staff, 1, NULL, 0);
	inds[1].id = (char *)"settle.direct";
	inds[1].measure = node("timeliness", direct, 2, NULL, 0);
	inds[2].id = (char *)"settle.direct.again";
	inds[2].measure = node("timeliness", again, 2, NULL, 0);
	struct kh_contract c = { 0 };
	c.id = (char *)"w";
	c.indicators = inds;
	c.nindicators = 3;
	long workdays = 0;
	is_int(kh_contract_claim_workdays(&c, "direct", &workdays), 1,
	       "workdays: the contract has a direct timeliness indicator");
	is_int(workdays, 10, "workdays: the first one's");
	is_int(kh_contract_claim_workdays(&c, "manual", &workdays), 0,
	       "workdays: none for manual");
	struct kh_attr bad[] = { ATTR("channel", "direct"), ATTR("workdays", "x") };
	inds[1].measure = node("timeliness", bad, 2, NULL, 0);
	is_int(kh_contract_claim_workdays(&c, "direct", &workdays), -1,
	       "workdays: a value that is not a count is an error");
}

/* --- the SQLite source gives what the array source gives ------------------- */

/* The claim ids a source streams for q, and each claim's day. */
static void stream_ids(const struct kh_records *rec, const struct kh_settlement_query *q,
                       char *out, size_t size)
{
	struct seen s;
	memset(&s, 0, sizeof s);
	struct kh_err err = { 0 };
	out[0] = '\0';
	if (kh_records_each_settlement(rec, q, remember, &s, &err) != 0) {
		snprintf(out, size, "(error)");
		return;
	}
	size_t len = 0;
	for (int i = 0; i < s.n && i < 16; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s@%s", i ? " " : "",
		                        s.ids[i], fmt(s.days[i]));
}

struct narrow {
	int checked, empty;
};

/* Fields not asked for come back empty. */
static int check_narrow(const struct kh_settlement *c, void *arg)
{
	struct narrow *n = arg;
	n->checked++;
	n->empty += *c->insured_id == '\0' && *c->category == '\0' &&
	            c->service_date == KH_DAY_NONE && c->paid == KH_DAY_NONE &&
	            c->received != KH_DAY_NONE && *c->claim_id && *c->channel;
	return 0;
}

static void check_store_source(struct kh_store *store, sqlite3 *db)
{
	/* The array source's claims (K1..K5) and one of another contract. */
	int rc = sqlite3_exec(db,
	    "INSERT INTO settlements (contract, claim_id, insured_id, channel,"
	    " category, service_date, received_date, paid_date, eligible_amount,"
	    " paid_amount, excused) VALUES"
	    " ('t','K1','P2','direct','standard','2024-03-05','2024-03-06','2024-03-20',10000,6000,0),"
	    " ('t','K2','P1','manual','standard',NULL,'2024-03-01',NULL,NULL,0,0),"
	    " ('t','K3','P1','direct','standard','2024-02-28','2024-03-02','2024-04-01',5000,3000,0),"
	    " ('t','K4','P2','direct','standard','2024-03-05','2024-03-07','2024-03-08',1000,600,0),"
	    " ('t','K5','P1','direct','standard',NULL,'2024-04-02','2024-04-03',1000,600,0),"
	    " ('u','K6','P1','direct','standard',NULL,'2024-03-02','2024-03-03',1000,600,0)",
	    NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "store: claims inserted");
	const struct kh_settlement claims[] = {
		claim("K1", "P2", "direct", "standard", "2024-03-05", "2024-03-06",
		      "2024-03-20", "100", "60", 0),
		claim("K2", "P1", "manual", "standard", NULL, "2024-03-01",
		      NULL, NULL, "0", 0),
		claim("K3", "P1", "direct", "standard", "2024-02-28", "2024-03-02",
		      "2024-04-01", "50", "30", 0),
		claim("K4", "P2", "direct", "standard", "2024-03-05", "2024-03-07",
		      "2024-03-08", "10", "6", 0),
		claim("K5", "P1", "direct", "standard", NULL, "2024-04-02",
		      "2024-04-03", "10", "6", 0),
	};
	struct kh_settlement_array array = { claims, COUNT(claims) };
	struct kh_records mem = { 0 }, sql = { 0 };
	kh_settlement_array_source(&mem.settlements, &array);
	struct kh_err err = { 0 };
	is_int(kh_store_load_records(store, "t", KH_REC_SETTLEMENTS, &sql, &err), 0,
	       "store: the settlement stream is set up");
	const struct kh_settlement_query queries[] = {
		{ "t", KH_SETTLE_SERVICE, 0, 0, NULL, 0, KH_SETTLE_BY_PERSON, 0, 0 },
		{ "t", KH_SETTLE_SERVICE, 0, 0, "direct", 1, KH_SETTLE_BY_PERSON,
		  KH_SF_CLAIM | KH_SF_AMOUNTS, 0 },
		{ "t", KH_SETTLE_RECEIVED, 0, 0, NULL, 0, KH_SETTLE_BY_PERSON, KH_SF_CLAIM, 0 },
		{ "t", KH_SETTLE_PAID, 0, 0, NULL, 0, KH_SETTLE_BY_PERSON,
		  KH_SF_CLAIM | KH_SF_PAID, 0 },
		{ "t", KH_SETTLE_RECEIVED, 0, 0, "manual", 0, KH_SETTLE_BY_PERSON,
		  KH_SF_CLAIM | KH_SF_RECEIVED, 0 },
	};
	const char *names[] = {
		"store = array: service day, person order, every field",
		"store = array: direct, eligible only, narrow",
		"store = array: by receipt, person order",
		"store = array: by payment, unpaid left out",
		"store = array: manual only",
	};
	for (size_t i = 0; i < COUNT(queries); i++) {
		struct kh_settlement_query q = queries[i];
		q.first = day("2024-03-01");
		q.last = day("2024-03-31");
		char got[256], want[256];
		stream_ids(&sql, &q, got, sizeof got);
		stream_ids(&mem, &q, want, sizeof want);
		is_str(got, want, names[i]);
	}

	struct kh_settlement_query q = { .contract = "t", .day = KH_SETTLE_RECEIVED,
		.first = day("2024-03-01"), .last = day("2024-03-31"),
		.fields = KH_SF_CLAIM | KH_SF_CHANNEL | KH_SF_RECEIVED };
	struct narrow n = { 0, 0 };
	kh_records_each_settlement(&sql, &q, check_narrow, &n, &err);
	ok(n.checked == 4 && n.empty == 4,
	   "store: the fields asked for are filled, the others left empty");

	long long count = -1;
	kh_fen paid = -1;
	q.day = KH_SETTLE_PAID;
	is_int(kh_store_settlement_totals(store, &q, &count, &paid, &err), 0,
	       "store totals: computed");
	is_int(count, 2, "store totals: two claims of t paid in March");
	is_int(paid, yuan("66"), "store totals: their paid amounts");
	q.channel = "manual";
	kh_store_settlement_totals(store, &q, &count, &paid, &err);
	is_int(count * 1000 + paid, 0, "store totals: none of them manual, zero not NULL");

	sqlite3_exec(db, "UPDATE settlements SET received_date = '2024-03-xx'"
	             " WHERE claim_id = 'K2'", NULL, NULL, NULL);
	struct seen s;
	memset(&s, 0, sizeof s);
	q.day = KH_SETTLE_SERVICE;
	q.channel = NULL;
	q.last = day("2024-12-31");
	err.kind = KH_ERR_NONE;
	is_int(kh_records_each_settlement(&sql, &q, remember, &s, &err), -1,
	       "store: a stored date that is not one fails the stream");
	is_int(err.kind, KH_ERR_DATA, "… as a data error");
	kh_records_free(&sql);
}

int main(void)
{
	check_array_source();
	check_contract_workdays();

	char path[] = "/tmp/kaohe-unit-settlements-XXXXXX";
	int fd = mkstemp(path);
	struct kh_store *store = NULL;
	struct kh_calendar *cal = NULL;
	sqlite3 *db;
	if (fd < 0)
		return 99;
	close(fd);
	unlink(path);
	struct kh_err err = { 0 };
	if (kh_store_open(path, KH_STORE_CREATE, &store, &err) ||
	    !(db = kh_store_sqlite(store)) || kh_calendar_install_shipped(store, &err) ||
	    kh_calendar_load(store, &cal, &err)) {
		printf("Bail out! cannot read the shipped calendar\n");
		return 99;
	}
	check_store_source(store, db);
	kh_store_close(store);
	unlink(path);
	char *side = NULL;
	if (asprintf(&side, "%s-wal", path) > 0)
		unlink(side);
	free(side);
	side = NULL;
	if (asprintf(&side, "%s-shm", path) > 0)
		unlink(side);
	free(side);

	struct fixture f;
	memset(&f, 0, sizeof f);
	f.cal = cal;
	f.contract.id = (char *)"t";
	f.contract.rollover = KH_ROLLOVER_NEXT_WORKDAY;
	f.indicator.id = (char *)"x";
	check_claim_rule(cal);
	check_timeliness(&f);
	check_source_error(&f);
	check_benefit(&f);
	check_benefit_pattern(&f);
	check_monthly(cal);

	if (f.doc)
		xmlFreeDoc(f.doc);
	kh_calendar_free(cal);
	return done_testing();
}
