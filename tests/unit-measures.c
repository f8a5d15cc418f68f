/* unit-measures.c: the exact arithmetic of the measure families — benefit
 * bands, caps and once-per-claim rounding, the audit band choice at its
 * boundaries, report due dates with rollover, claim timeliness across the
 * 2024 National Day holiday — and a few measures run with a hand-built
 * contract, before the `score` command is involved: on in-memory records
 * where the measure reads records, on a real SQLite file where it still
 * reads the store. */
#include <stdlib.h>
#include <unistd.h>

#include "audit.h"
#include "calendar.h"
#include "calendar-load.h"
#include "measure-lib.h"
#include "records-build.h"
#include "sql.h"
#include "tap.h"

static kh_day day(const char *text)
{
	kh_day d = 0;
	if (kh_day_parse(text, &d))
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

/* --- hand-built contract elements ------------------------------------------ */

static struct kh_node node(const char *name, struct kh_attr *attrs, size_t nattrs,
                           struct kh_node *children, size_t nchildren)
{
	struct kh_node n = { (char *)name, 1, attrs, nattrs, children, nchildren,
	                     (char *)"" };
	return n;
}

#define ATTR(n, v) { (char *)(n), (char *)(v) }
#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* --- benefit --------------------------------------------------------------- */

static struct kh_attr std_attrs[] = { ATTR("category", "standard"),
	ATTR("deductible", "11000"), ATTR("cap", "400000") };
static struct kh_attr std_b1[] = { ATTR("above", "11000"), ATTR("rate", "60%") };
static struct kh_attr std_b2[] = { ATTR("above", "100000"), ATTR("rate", "70%") };
static struct kh_attr pref_attrs[] = { ATTR("category", "preferential"),
	ATTR("deductible", "5500") };
static struct kh_attr pref_b1[] = { ATTR("above", "5500"), ATTR("rate", "65%") };
static struct kh_attr pref_b2[] = { ATTR("above", "100000"), ATTR("rate", "0.75") };

static void check_benefit(void)
{
	/* bands listed highest first: parsing sorts them */
	struct kh_node std_bands[] = { node("band", std_b2, 2, NULL, 0),
	                               node("band", std_b1, 2, NULL, 0) };
	struct kh_node pref_bands[] = { node("band", pref_b1, 2, NULL, 0),
	                                node("band", pref_b2, 2, NULL, 0) };
	struct kh_node std_node = node("scheme", std_attrs, 3, std_bands, 2);
	struct kh_node pref_node = node("scheme", pref_attrs, 2, pref_bands, 2);
	struct kh_benefit_scheme std, pref;
	ok(kh_benefit_scheme_parse(NULL, &std_node, &std) == 0, "standard scheme parses");
	ok(kh_benefit_scheme_parse(NULL, &pref_node, &pref) == 0,
	   "preferential scheme parses");
	is_int(std.bands[0].above, yuan("11000"), "bands sorted by their lower edge");

	is_int(kh_benefit_of_claim(&std, 0, yuan("11000")), 0,
	       "standard: up to the deductible pays nothing");
	is_int(kh_benefit_of_claim(&std, 0, yuan("11000.01")), 1,
	       "standard: 60% of the first fen above the deductible is 0.6 fen → 1 fen");
	is_int(kh_benefit_of_claim(&std, 0, yuan("100000")), yuan("53400"),
	       "standard: (11,000, 100,000] at 60% = 53,400.00");
	is_int(kh_benefit_of_claim(&std, 0, yuan("100000.01")), yuan("53400.01"),
	       "standard: the first fen above 100,000 at 70% (0.7 fen) rounds up");
	is_int(kh_benefit_of_claim(&std, yuan("90000"), yuan("20000")), yuan("13000"),
	       "standard: a claim crossing 100,000 splits 6,000 + 7,000");
	is_int(kh_benefit_of_claim(&std, yuan("100000"), yuan("0.05")), 4,
	       "standard: 70% of 5 fen = 3.5 fen → 4 fen (half-up)");
	is_int(kh_benefit_of_claim(&std, yuan("590000"), yuan("10000")), yuan("3600"),
	       "standard: the yearly cap of 400,000 stops the claim at 3,600.00");
	is_int(kh_benefit_of_claim(&std, yuan("700000"), yuan("5000")), 0,
	       "standard: past the cap nothing more is paid");
	is_int(kh_benefit_of_claim(&pref, 0, yuan("5500.10")), 7,
	       "preferential: 65% of 10 fen = 6.5 fen → 7 fen");
	is_int(kh_benefit_of_claim(&pref, 0, yuan("100000")), yuan("61425"),
	       "preferential: (5,500, 100,000] at 65% = 61,425.00");
	is_int(kh_benefit_of_claim(&pref, yuan("100000"), yuan("1000000")),
	       yuan("750000"), "preferential: 75% above 100,000, no cap");
	/* rounding once per claim: three claims of 1 fen above the deductible
	 * each differ by exactly 0.6 fen and round to 1 (f on the total, 1.8
	 * fen, would round to 2): the rule is per claim, as 001 pays claims */
	kh_fen sum = 0, before = yuan("11000");
	for (int i = 0; i < 3; i++, before += 1)
		sum += kh_benefit_of_claim(&std, before, 1);
	is_int(sum, 3, "each claim's exact difference (0.6 fen) rounds on its own");
}

/* --- audit bands ----------------------------------------------------------- */

static struct kh_attr audit_attrs[] = { ATTR("min", "90%") };
static struct kh_attr band90[] = { ATTR("below", "90%"), ATTR("deduct", "2%") };
static struct kh_attr band80[] = { ATTR("below", "80%"), ATTR("deduct", "5%"),
                                   ATTR("action", "re-review") };

static void check_band(const struct kh_node *m, int64_t num, int64_t den,
                       const char *want_deduct, const char *want_action,
                       const char *name)
{
	struct kh_rate deduct;
	const char *action = "unset";
	char buf[32];
	int rc = kh_audit_band("test", m, (struct kh_rate){ num, den }, &deduct, &action);
	ok(rc == 0 && strcmp(kh_rate_format(deduct, 4, buf, sizeof buf), want_deduct) == 0 &&
	   ((!want_action && !action) ||
	    (want_action && action && strcmp(action, want_action) == 0)), name);
}

static void check_audit_bands(void)
{
	struct kh_node bands[] = { node("band", band80, 3, NULL, 0),
	                           node("band", band90, 2, NULL, 0) };
	struct kh_node m = node("audit-pass-rate", audit_attrs, 1, bands, 2);
	check_band(&m, 9000, 10000, "0.0000", NULL, "90.00% is not below 90%: no deduction");
	check_band(&m, 8999, 10000, "0.0200", NULL, "89.99% → 2%");
	check_band(&m, 8000, 10000, "0.0200", NULL, "80.00% → 2% (not below 80%)");
	check_band(&m, 7999, 10000, "0.0500", "re-review",
	           "79.99% → 5% and re-review, replacing 2% (not 7%)");
	check_band(&m, 0, 1, "0.0500", "re-review", "0% → 5%");
	struct kh_attr bad[] = { ATTR("below", "ninety"), ATTR("deduct", "2%") };
	struct kh_node bad_bands[] = { node("band", bad, 2, NULL, 0) };
	struct kh_node bad_m = node("audit-pass-rate", audit_attrs, 1, bad_bands, 1);
	struct kh_rate deduct;
	const char *action;
	ok(kh_audit_band("test", &bad_m, (struct kh_rate){ 1, 2 }, &deduct, &action) < 0,
	   "a band that is not a rate is an error");
}

/* --- report due dates ------------------------------------------------------ */

static void check_due_dates(const struct kh_calendar *cal)
{
	struct kh_period p;
	kh_day due;
	kh_period_parse("2024-03", &p);
	is_str(fmt(kh_report_due_nominal(&p, 5, 1)), "2024-04-05",
	       "March 2024 monthly report: nominally due 2024-04-05");
	ok(kh_calendar_rollover(cal, kh_report_due_nominal(&p, 5, 1),
	                        KH_ROLLOVER_NEXT_WORKDAY, &due) == 0 &&
	   due == day("2024-04-07"),
	   "… 2024-04-05 (清明) rolls to Sunday 2024-04-07, an adjusted working day");
	kh_period_parse("2024H1", &p);
	is_str(fmt(kh_report_due_nominal(&p, 15, 1)), "2024-07-15", "H1 report due 07-15");
	kh_period_parse("2024", &p);
	is_str(fmt(kh_report_due_nominal(&p, 20, 1)), "2025-01-20",
	       "annual report due 01-20 of the next year");
	kh_period_parse("2024-01", &p);
	is_str(fmt(kh_report_due_nominal(&p, 31, 1)), "2024-02-29",
	       "day 31 of February is its last day");
	kh_period_parse("2024-09", &p);
	ok(kh_calendar_rollover(cal, kh_report_due_nominal(&p, 5, 1),
	                        KH_ROLLOVER_NEXT_WORKDAY, &due) == 0 &&
	   due == day("2024-10-08"), "September report: 10-05 (国庆) rolls to 10-08");
	kh_period_parse("2024-10", &p);
	ok(kh_calendar_rollover(cal, kh_report_due_nominal(&p, 5, 1),
	                        KH_ROLLOVER_NEXT_WORKDAY, &due) == 0 &&
	   due == day("2024-11-05"), "October report: Tuesday 11-05 stays");
	struct kh_period h2, q2, may;
	kh_period_parse("2024H1", &p);
	kh_period_parse("2024H2", &h2);
	kh_period_parse("2024Q2", &q2);
	kh_period_parse("2024-05", &may);
	is_int(kh_period_only_admits("H1", &p), 1, "only=H1 admits 2024H1");
	is_int(kh_period_only_admits("H1", &h2), 0, "only=H1 refuses 2024H2");
	is_int(kh_period_only_admits("Q2", &may), 1, "only=Q2 admits May");
	is_int(kh_period_only_admits("H1", &q2), 1, "only=H1 admits Q2");
	is_int(kh_period_only_admits("X9", &p), -1, "only=X9 is not understood");
	struct kh_period year, parts[12];
	kh_period_parse("2024", &year);
	is_int((long long)kh_period_split(&year, KH_PERIOD_MONTH, parts, 12), 12,
	       "a year holds 12 months");
	is_int((long long)kh_period_split(&q2, KH_PERIOD_YEAR, parts, 12), 0,
	       "a quarter holds no whole year");
}

/* --- timeliness ------------------------------------------------------------ */

static void check_timeliness(const struct kh_calendar *cal)
{
	kh_day deadline;
	ok(kh_calendar_add_workdays(cal, day("2024-09-20"), 15, &deadline) == 0,
	   "15 working days after 2024-09-20");
	is_str(fmt(deadline), "2024-10-16",
	       "… is 2024-10-16 (09-29 and 10-12 worked, 10-01..07 off)");
	kh_day asof = day("2024-12-31");
	is_int(kh_claim_judge(deadline, 1, deadline, asof), KH_CLAIM_ON_TIME,
	       "paid on the deadline is on time");
	is_int(kh_claim_judge(deadline, 1, day("2024-10-17"), asof), KH_CLAIM_LATE,
	       "paid the next working day is late");
	int late = -1;
	kh_calendar_workdays_between(cal, deadline, day("2024-10-17"), &late);
	is_int(late, 1, "… by 1 working day");
	is_int(kh_claim_judge(deadline, 0, 0, day("2024-10-17")), KH_CLAIM_LATE,
	       "unpaid past the deadline at as-of is late");
	is_int(kh_claim_judge(deadline, 0, 0, deadline), KH_CLAIM_NOT_DUE,
	       "unpaid on the deadline day itself is not yet due");
	is_int(kh_claim_judge(deadline, 1, day("2024-10-20"), day("2024-10-15")),
	       KH_CLAIM_NOT_DUE, "a payment after as-of is unknown at as-of");
}

/* --- measures on a real store ---------------------------------------------- */

struct fixture {
	sqlite3 *db;
	struct kh_store *store;
	struct kh_calendar *cal;
	struct kh_contract contract;
	struct kh_indicator indicator;
	xmlDocPtr doc;
	struct kh_result result;
	struct kh_measure_ctx ctx;
	struct kh_records records;  /* the store's, when the test built none */
	struct kh_err err;
};

static void fixture_run(struct fixture *f, kh_measure_fn *fn, const char *period,
                        const char *asof, int *rc)
{
	if (f->doc)
		xmlFreeDoc(f->doc);
	f->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "scorecard");
	xmlDocSetRootElement(f->doc, root);
	memset(&f->result, 0, sizeof f->result);
	f->result.indicator = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	f->result.charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	f->result.evidence_limit = 2;
	f->ctx.contract = &f->contract;
	f->ctx.indicator = &f->indicator;
	f->ctx.calendar = f->cal;
	kh_period_parse(period, &f->ctx.period);
	f->ctx.as_of = asof ? day(asof) : f->ctx.period.last;
	memset(&f->err, 0, sizeof f->err);
	f->ctx.err = &f->err;
	if (f->ctx.records) {      /* records built in memory by the test */
		*rc = fn(&f->ctx, &f->result);
		return;
	}
	/* else the store's: the settlement stream over the SQLite file */
	kh_records_free(&f->records);
	if (kh_store_load_records(f->store, f->contract.id, KH_REC_SETTLEMENTS,
	                          &f->records, &f->err) != 0) {
		*rc = -1;
		return;
	}
	f->ctx.records = &f->records;
	*rc = fn(&f->ctx, &f->result);
	f->ctx.records = NULL;
}

static const char *attr(struct fixture *f, const char *name)
{
	static char buf[4][256];
	static int next;
	next = (next + 1) % 4;
	xmlChar *v = xmlGetProp(f->result.indicator, BAD_CAST name);
	snprintf(buf[next], sizeof buf[next], "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf[next];
}

static void sql(sqlite3 *db, const char *text)
{
	char *err = NULL;
	if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
		printf("# sql failed: %s\n", err);
	sqlite3_free(err);
}

static void check_timeliness_measure(struct fixture *f)
{
	sql(f->db,
	    "INSERT INTO settlements (contract, claim_id, insured_id, channel,"
	    " received_date, paid_date, paid_amount, excused) VALUES"
	    " ('t','C1','P1','direct','2024-09-20','2024-10-16',100,0),"
	    " ('t','C2','P1','direct','2024-09-20','2024-10-17',100,0),"
	    " ('t','C3','P2','direct','2024-09-20',NULL,100,0),"
	    " ('t','C4','P2','direct','2024-12-20',NULL,100,0),"
	    " ('t','C5','P3','direct','2024-09-20','2024-10-31',100,1),"
	    " ('t','C6','P3','direct','2024-09-20','2024-10-21',100,0),"
	    " ('t','C7','P3','manual','2024-09-20','2024-12-01',100,0)");
	struct kh_attr attrs[] = { ATTR("channel", "direct"), ATTR("workdays", "15") };
	f->indicator.measure = node("timeliness", attrs, 2, NULL, 0);
	int rc;
	fixture_run(f, kh_measure_timeliness, "2024", NULL, &rc);
	is_int(rc, 0, "timeliness runs");
	is_int(f->result.status, KH_STATUS_FAIL, "timeliness fails with late claims");
	/* judged: C1 on time, C2 late 1, C3 late (unpaid), C6 late 3; C4 not
	 * due; C5 excused; C7 another channel */
	is_str(attr(f, "value"), "0.2500", "on time 1 of 4 judged (excused and not due out)");
	is_str(attr(f, "value-text"), "25.00%", "value text as a percentage");
	is_str(attr(f, "target-text"), "≥ 100.00%", "default min is 100%");
	is_int(f->result.findings, 3, "three late claims are findings");
	is_int(f->result.evidence_count, 4, "late claims and the excused one counted");
	xmlNodePtr item = f->result.evidence ? f->result.evidence->children : NULL;
	while (item && !xmlStrEqual(item->name, BAD_CAST "item"))
		item = item->next;
	xmlChar *ref = item ? xmlGetProp(item, BAD_CAST "ref") : NULL;
	is_str(ref ? (const char *)ref : "", "C3",
	       "the worst claim (unpaid, 54 working days) is listed first");
	xmlFree(ref);

	fixture_run(f, kh_measure_timeliness, "2024Q1", NULL, &rc);
	is_int(f->result.status, KH_STATUS_NA, "a quarter with no claims is na");

	struct kh_attr far[] = { ATTR("channel", "direct"), ATTR("workdays", "700") };
	f->indicator.measure = node("timeliness", far, 2, NULL, 0);
	fixture_run(f, kh_measure_timeliness, "2024", NULL, &rc);
	is_int(rc == -1 ? f->err.kind : KH_ERR_NONE, KH_ERR_DATA,
	       "a deadline beyond the calendar is a data error (65)");
}

static void check_reports_measure(struct fixture *f)
{
	struct kh_records records = { 0 };
	f->ctx.records = &records;
	rb_submission(&records.submissions, "monthly", "2024-01", "2024-02-05 17:00:00", 1);
	rb_submission(&records.submissions, "monthly", "2024-02", "2024-03-06 09:00:00", 1);
	rb_submission(&records.submissions, "monthly", "2024-03", "2024-04-07 10:00:00", 1);
	rb_submission(&records.submissions, "monthly", "2024-04", "2024-05-01 10:00:00", 0);
	struct kh_attr attrs[] = { ATTR("report", "monthly"), ATTR("every", "month"),
	                           ATTR("due-day", "5") };
	f->indicator.measure = node("report-deadline", attrs, 3, NULL, 0);
	int rc;
	fixture_run(f, kh_measure_report_deadline, "2024H1", "2024-05-31", &rc);
	is_int(rc, 0, "report-deadline runs");
	/* Jan on time, Feb late 1 day (03-05 Tuesday), Mar on 04-07 (rolled,
	 * on time), Apr only rejected → missing, due 05-06 (05-05 holiday →
	 * 05-06), late by 25 days at 05-31; May, June not yet due. */
	is_str(attr(f, "value"), "0.5000", "2 of 4 judged on time");
	is_int(f->result.findings, 2, "February late, April missing");
	is_int(f->result.status, KH_STATUS_FAIL, "report-deadline fails");
	fixture_run(f, kh_measure_report_deadline, "2024-03", NULL, &rc);
	is_int(f->result.status, KH_STATUS_NA,
	       "March scored at 03-31: its report is not yet due, na");
	fixture_run(f, kh_measure_report_deadline, "2024-03", "2024-04-07", &rc);
	is_int(f->result.status, KH_STATUS_PASS,
	       "March report on the rolled-over Sunday 04-07 is on time");
	f->ctx.records = NULL;
	kh_records_free(&records);
}

static void check_audit_measure(struct fixture *f)
{
	/* Q1: 9 of 10 pass over the two streams (exactly 90%), plus a failed
	 * sample of another stream that does not count; Q2: 8,999 of 10,000
	 * (89.99%). */
	struct kh_records records = { 0 };
	char id[32];
	for (int i = 1; i <= 10; i++) {
		snprintf(id, sizeof id, "Q1-%d", i);
		rb_audit(&records.audits, id, "2024-02-01", "2024Q1",
		         i <= 5 ? "routine-10pct" : "manual-5pct", i <= 9);
	}
	rb_audit(&records.audits, "X1", "2024-02-01", "2024Q1", "other", 0);
	for (int i = 1; i <= 10000; i++) {
		snprintf(id, sizeof id, "Q2-%d", i);
		rb_audit(&records.audits, id, "2024-05-01", "2024Q2", "routine-10pct",
		         i <= 8999);
	}
	f->ctx.records = &records;
	struct kh_attr attrs[] = { ATTR("min", "90%"),
	                           ATTR("streams", "routine-10pct manual-5pct") };
	struct kh_node bands[] = { node("band", band90, 2, NULL, 0),
	                           node("band", band80, 3, NULL, 0) };
	f->indicator.measure = node("audit-pass-rate", attrs, 2, bands, 2);
	struct kh_audit_quarter q[4];
	is_int(kh_audit_quarters_of(&records.audits, "t", &f->indicator.measure, 2024,
	                            q, NULL), 0, "kh_audit_quarters runs");
	is_int(q[0].samples, 10, "Q1: the 'other' stream is left out");
	is_int(kh_rate_cmp(q[0].rate, (struct kh_rate){ 9, 10 }), 0, "Q1 at exactly 90%");
	is_int(q[0].deduct.num, 0, "Q1 no deduction");
	is_int(kh_rate_cmp(q[1].deduct, (struct kh_rate){ 2, 100 }), 0, "Q2 at 89.99% → 2%");
	is_int(q[2].judged, 0, "Q3 has no samples");
	int rc;
	fixture_run(f, kh_measure_audit_pass_rate, "2024", NULL, &rc);
	is_int(rc, 0, "audit-pass-rate runs");
	is_str(attr(f, "value"), "0.8999", "value is the lowest quarter");
	is_int(f->result.findings, 1, "one quarter below 90%");
	is_int(f->result.evidence_count, 1 + 1001, "the quarter and its 1001 failed samples");
	fixture_run(f, kh_measure_audit_pass_rate, "2024Q1", NULL, &rc);
	is_int(f->result.status, KH_STATUS_PASS, "Q1 alone passes at exactly 90%");
	f->ctx.records = NULL;
	kh_records_free(&records);
}

static void check_benefit_measure(struct fixture *f)
{
	/* P9's claims inserted out of date order; service order is B, A, C */
	sql(f->db,
	    "INSERT INTO settlements (contract, claim_id, insured_id, channel, category,"
	    " service_date, received_date, eligible_amount, paid_amount) VALUES"
	    " ('b','A','P9','manual','standard','2024-03-01','2024-03-02',5000000,2340000),"
	    " ('b','C','P9','manual','standard','2024-05-01','2024-05-02',100,70),"
	    " ('b','B','P9','manual','standard','2024-01-10','2024-01-11',1100000,0),"
	    " ('b','D','P8','manual','preferential','2024-02-01','2024-02-02',550010,7),"
	    " ('b','E','P8','manual','preferential','2024-02-01','2024-02-03',NULL,5)");
	struct kh_node std_bands[] = { node("band", std_b1, 2, NULL, 0),
	                               node("band", std_b2, 2, NULL, 0) };
	struct kh_node pref_bands[] = { node("band", pref_b1, 2, NULL, 0),
	                                node("band", pref_b2, 2, NULL, 0) };
	struct kh_node schemes[] = { node("scheme", std_attrs, 3, std_bands, 2),
	                             node("scheme", pref_attrs, 2, pref_bands, 2) };
	f->indicator.measure = node("benefit-recompute", NULL, 0, schemes, 2);
	f->contract.id = (char *)"b";
	int rc;
	fixture_run(f, kh_measure_benefit, "2024", NULL, &rc);
	is_int(rc, 0, "benefit-recompute runs");
	/* B: 11,000 → 0 (paid 0 ok); A: 50,000 above → 30,000.00 at 60%, paid
	 * 23,400 → finding; C: 1.00 more at 60% = 0.60, paid 0.70 → finding */
	is_int(f->result.findings, 2, "A and C differ, B and D agree");
	is_str(attr(f, "value"), "2", "value is the count of differing claims");
	is_int(f->result.status, KH_STATUS_FAIL, "benefit-recompute fails");
	f->contract.id = (char *)"t";
}

static void check_small_measures(struct fixture *f)
{
	int rc;
	struct kh_records records = { 0 };
	f->ctx.records = &records;
	struct kh_node m = node("complaints", NULL, 0, NULL, 0);
	f->indicator.measure = m;
	fixture_run(f, kh_measure_complaints, "2024", NULL, &rc);
	is_int(f->result.status, KH_STATUS_NA, "no complaint records at all: na, not a pass");
	struct kh_complaints *k = &records.complaints;
	rb_complaint(k, "K1", "2024-03-02", "delay", KH_SUBST_YES, -1, "minor", NULL);
	rb_complaint(k, "K2", "2024-03-03", "delay", KH_SUBST_YES, 0, "minor", NULL);
	rb_complaint(k, "K3", "2024-03-04", "denial", KH_SUBST_NO, 1, "serious", NULL);
	rb_complaint(k, "K4", "2024-07-04", "denial", KH_SUBST_YES, 1, "serious", NULL);
	fixture_run(f, kh_measure_complaints, "2024", NULL, &rc);
	is_str(attr(f, "value"), "2", "substantiated with insurer fault: K1 and K4");
	is_str(attr(f, "target-text"), "≤ 0 件", "target text ≤ 0 件");
	is_int(f->result.status, KH_STATUS_FAIL, "two complaints over max 0");

	struct kh_attr vol[] = { ATTR("kind", "data-check"), ATTR("min", "2") };
	f->indicator.measure = node("volume", vol, 2, NULL, 0);
	fixture_run(f, kh_measure_volume, "2024", NULL, &rc);
	is_int(f->result.status, KH_STATUS_NA, "no activity records: na");
	rb_activity(&records.activities, "2024-02-01", "data-check", 1);
	rb_activity(&records.activities, "2024-02-01", "training", 1);
	rb_activity(&records.activities, "2024-05-01", "training", 2);
	rb_activity(&records.activities, "2024-08-01", "data-check", 1);
	fixture_run(f, kh_measure_volume, "2024", NULL, &rc);
	is_int(f->result.status, KH_STATUS_PASS, "two data checks meet min 2");
	fixture_run(f, kh_measure_volume, "2024H1", NULL, &rc);
	is_int(f->result.status, KH_STATUS_FAIL, "one data check in H1 is short");

	struct kh_attr act[] = { ATTR("kind", "training"), ATTR("every", "quarter") };
	f->indicator.measure = node("activity", act, 2, NULL, 0);
	fixture_run(f, kh_measure_activity, "2024", "2024-08-15", &rc);
	/* Q1, Q2 met; Q3 running and short: not judged; Q4 not started */
	is_str(attr(f, "value"), "1.0000", "Q1 and Q2 met, Q3 running not judged");
	fixture_run(f, kh_measure_activity, "2024", NULL, &rc);
	is_str(attr(f, "value"), "0.5000", "Q3 and Q4 short at year end");
	is_int(f->result.findings, 2, "two short quarters");

	struct kh_attr sol[] = { ATTR("report-at", "C"), ATTR("renew-min", "B") };
	f->indicator.measure = node("solvency", sol, 2, NULL, 0);
	fixture_run(f, kh_measure_solvency, "2024", NULL, &rc);
	is_int(f->result.status, KH_STATUS_NA, "no ratings: na");
	rb_rating(&records.ratings, "2024Q1", 'A');
	rb_rating(&records.ratings, "2024Q2", 'B');
	fixture_run(f, kh_measure_solvency, "2024", NULL, &rc);
	is_int(f->result.status, KH_STATUS_PASS, "worst B passes report-at C");
	is_str(attr(f, "value-text"), "B", "value is the worst rating, B");
	is_str(attr(f, "value"), "2", "… as the rank 2 in machine form");
	rb_rating(&records.ratings, "2024Q3", 'C');
	fixture_run(f, kh_measure_solvency, "2024", NULL, &rc);
	is_int(f->result.status, KH_STATUS_FAIL, "a C rating must be reported: fail");
	is_int(f->result.findings, 1, "one quarter rated C");
	f->ctx.records = NULL;
	kh_records_free(&records);
}

int main(void)
{
	check_benefit();
	check_audit_bands();

	char path[] = "/tmp/kaohe-unit-measures-XXXXXX";
	int fd = mkstemp(path);
	struct fixture f;
	memset(&f, 0, sizeof f);
	if (fd < 0)
		return 99;
	close(fd);
	unlink(path);
	if (kh_store_open(path, KH_STORE_CREATE, &f.store, NULL) ||
	    !(f.db = kh_store_sqlite(f.store)) || kh_calendar_install_shipped(f.store, NULL) ||
	    kh_calendar_load(f.store, &f.cal, NULL)) {
		printf("Bail out! cannot set up the store and calendar\n");
		return 99;
	}
	check_due_dates(f.cal);
	check_timeliness(f.cal);

	f.contract.id = (char *)"t";
	f.contract.rollover = KH_ROLLOVER_NEXT_WORKDAY;
	f.indicator.id = (char *)"x";
	check_timeliness_measure(&f);
	check_reports_measure(&f);
	check_audit_measure(&f);
	check_benefit_measure(&f);
	check_small_measures(&f);

	if (f.doc)
		xmlFreeDoc(f.doc);
	kh_records_free(&f.records);
	kh_calendar_free(f.cal);
	kh_store_close(f.store);
	char *side = NULL;
	unlink(path);
	if (asprintf(&side, "%s-wal", path) > 0)
		unlink(side);
	free(side);
	if (asprintf(&side, "%s-shm", path) > 0)
		unlink(side);
	free(side);
	return done_testing();
}
