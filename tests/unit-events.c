/* unit-events.c: the event measures — audit pass rate and its bands,
 * complaints, report deadlines, solvency, activity and volume — run as pure
 * functions on in-memory records (records.h) against the shipped contracts,
 * at their boundaries; then the SQLite loaders that fill those records
 * (order, empty text, the "given" flags).  The only database is the one the
 * work calendar is loaded from, and the one the loader checks fill. */
#include <stdlib.h>
#include <unistd.h>

#include "audit.h"
#include "calendar.h"
#include "contract.h"
#include "datadir.h"
#include "calendar-load.h"
#include "measure-lib.h"
#include "records-build.h"
#include "sql.h"
#include "tap.h"

/* --- a measure run on records ---------------------------------------------- */

struct run {
	xmlDocPtr doc;
	struct kh_result r;
	struct kh_err err;
	int rc;
};

static const struct kh_calendar *calendar;

static const struct kh_indicator *indicator(const struct kh_contract *c,
                                            const char *id)
{
	const struct kh_indicator *ind = c ? kh_contract_indicator(c, id) : NULL;
	if (!ind)
		printf("# no indicator %s\n", id);
	return ind;
}

/* Run the indicator's measure (by its registry entry) on `records` for
 * `period`, judged at `as_of` (NULL: the period's last day). */
static void run(struct run *out, const struct kh_contract *c,
                const struct kh_indicator *ind, const struct kh_records *records,
                const char *period, const char *as_of)
{
	if (out->doc)
		xmlFreeDoc(out->doc);
	memset(out, 0, sizeof *out);
	out->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "scorecard");
	xmlDocSetRootElement(out->doc, root);
	out->r.status = KH_STATUS_NA;
	out->r.indicator = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	out->r.charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	out->r.evidence_limit = KH_EVIDENCE_LIMIT;
	struct kh_measure_ctx ctx = { .contract = c, .indicator = ind,
	                              .calendar = calendar, .records = records,
	                              .err = &out->err };
	kh_period_parse(period, &ctx.period);
	ctx.as_of = as_of ? rb_day(as_of) : ctx.period.last;
	const struct kh_measure_type *type = kh_measure_find(ind->measure.name);
	out->rc = type ? type->run(&ctx, &out->r) : -1;
	kh_result_finish(&out->r);
}

static void run_free(struct run *out)
{
	if (out->doc)
		xmlFreeDoc(out->doc);
	out->doc = NULL;
}

/* An attribute of the <indicator> element ("" when absent). */
static const char *attr(const struct run *run, const char *name)
{
	static char buf[4][256];
	static int next;
	next = (next + 1) % 4;
	xmlChar *v = xmlGetProp(run->r.indicator, BAD_CAST name);
	snprintf(buf[next], sizeof buf[next], "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf[next];
}

/* Attribute `name` of evidence item `index` (0-based; "" when absent). */
static const char *item_attr(const struct run *run, int index, const char *name)
{
	static char buf[4][256];
	static int next;
	next = (next + 1) % 4;
	buf[next][0] = '\0';
	xmlNodePtr n = run->r.evidence ? run->r.evidence->children : NULL;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "item"))
			continue;
		if (index-- > 0)
			continue;
		xmlChar *v = xmlGetProp(n, BAD_CAST name);
		snprintf(buf[next], sizeof buf[next], "%s", v ? (const char *)v : "");
		xmlFree(v);
		break;
	}
	return buf[next];
}

/* Did the measure's failure fire the indicator's trigger with `action`? */
static int fires(const struct run *run, const char *action)
{
	return run->r.status == KH_STATUS_FAIL &&
	       kh_result_trigger_fires(&run->r, action);
}

static struct kh_contract *load(const char *id)
{
	char rel[128];
	snprintf(rel, sizeof rel, "data/contracts/%s.xml", id);
	char *path = kh_data_path(rel);
	struct kh_contract *c = NULL;
	if (kh_contract_parse_file(path, &c, NULL) != 0)
		printf("# cannot parse %s\n", path);
	free(path);
	return c;
}

/* --- audit pass rate: Luoyang 第三条(三) ---------------------------------- */

/* `passes` of `samples` in `quarter`, half in each audited stream, plus
 * `others` failed samples of a stream the contract does not audit. */
static void audit_quarter(struct kh_audits *a, const char *quarter,
                          const char *date, long samples, long passes,
                          long others)
{
	char id[48];
	for (long i = 0; i < samples; i++) {
		snprintf(id, sizeof id, "%s-%05ld", quarter, i);
		rb_audit(a, id, date, quarter, i % 2 ? "manual-5pct" : "routine-10pct",
		         i < passes);
	}
	for (long i = 0; i < others; i++) {
		snprintf(id, sizeof id, "%s-X%ld", quarter, i);
		rb_audit(a, id, date, quarter, "other", 0);
	}
}

static void check_audit(const struct kh_contract *luoyang)
{
	const struct kh_indicator *ind = indicator(luoyang, "audit.pass-rate");
	if (!ind)
		return;
	struct kh_records rec = { 0 };
	audit_quarter(&rec.audits, "2023Q4", "2023-12-01", 10, 0, 0);  /* other year */
	audit_quarter(&rec.audits, "2024Q1", "2024-03-01", 100, 90, 3);
	audit_quarter(&rec.audits, "2024Q2", "2024-06-01", 10000, 8999, 0);
	audit_quarter(&rec.audits, "2024Q3", "2024-09-01", 100, 80, 0);
	audit_quarter(&rec.audits, "2024Q4", "2024-12-01", 100, 79, 0);

	struct kh_audit_quarter q[4];
	struct kh_err err = { KH_ERR_NONE };
	is_int(kh_audit_quarters_of(&rec.audits, luoyang->id, &ind->measure, 2024, q,
	                            &err), 0, "audit quarters of 2024 computed");
	is_int(q[0].samples, 100, "Q1: samples of other streams and years left out");
	is_int(q[0].passes, 90, "Q1: 90 passes");
	is_int(kh_rate_cmp(q[0].rate, (struct kh_rate){ 9, 10 }), 0, "Q1 at exactly 90%");
	is_int(q[0].deduct.num, 0, "Q1 at 90%: not below the 90% band, no deduction");
	ok(q[0].action == NULL, "Q1: no band action");
	is_int(kh_rate_cmp(q[1].rate, (struct kh_rate){ 8999, 10000 }), 0, "Q2 at 89.99%");
	is_int(kh_rate_cmp(q[1].deduct, (struct kh_rate){ 2, 100 }), 0, "Q2: the 2% band");
	is_int(kh_rate_cmp(q[2].deduct, (struct kh_rate){ 2, 100 }), 0,
	       "Q3 at exactly 80%: still the 2% band (not below 80%)");
	ok(q[2].action == NULL, "Q3: no re-review");
	is_int(kh_rate_cmp(q[3].deduct, (struct kh_rate){ 5, 100 }), 0,
	       "Q4 at 79%: 5% replaces 2% (not 7%)");
	ok(q[3].action && strcmp(q[3].action, "re-review") == 0, "Q4: re-review");

	struct run r = { 0 };
	run(&r, luoyang, ind, &rec, "2024Q1", NULL);
	is_int(r.rc, 0, "audit-pass-rate runs");
	is_str(attr(&r, "target-text"), "每季度 ≥ 90.00%", "target: each quarter ≥ 90.00%");
	is_str(attr(&r, "value"), "0.9000", "Q1 value 0.9000");
	is_int(r.r.status, KH_STATUS_PASS, "exactly 90% passes ≥ 90%");
	is_int(r.r.findings, 0, "no findings at 90%");
	ok(!fires(&r, "deduct-fee") && !fires(&r, "re-review"), "nothing fires at 90%");

	run(&r, luoyang, ind, &rec, "2024Q2", NULL);
	is_str(attr(&r, "value"), "0.8999", "Q2 value 0.8999");
	is_int(r.r.status, KH_STATUS_FAIL, "89.99% fails ≥ 90%");
	is_int(r.r.findings, 1, "one quarter below");
	is_int(r.r.evidence_count, 1 + 1001, "the quarter, then its 1001 failed samples");
	is_str(item_attr(&r, 0, "ref"), "2024Q2", "the quarter comes first");
	is_str(item_attr(&r, 0, "deduct"), "2.00%", "… with its 2% deduction, as a percentage");
	is_str(item_attr(&r, 0, "rate"), "89.99%", "… and its rate 8,999/10,000 as a percentage");
	is_str(item_attr(&r, 1, "ref"), "2024Q2-08999", "then the failed samples in order");
	is_str(item_attr(&r, 1, "quarter"), "2024Q2", "… each naming its quarter");
	ok(fires(&r, "deduct-fee"), "89.99%: the 2% deduction trigger fires");
	ok(!fires(&r, "re-review"), "89.99%: re-review does not");

	run(&r, luoyang, ind, &rec, "2024Q3", NULL);
	ok(fires(&r, "deduct-fee") && !fires(&r, "re-review"),
	   "80.00%: 2% fires, re-review does not");
	run(&r, luoyang, ind, &rec, "2024Q4", NULL);
	ok(fires(&r, "re-review") && !fires(&r, "deduct-fee"),
	   "79%: re-review (5%) fires and replaces the 2% trigger");

	/* the year's headline pools every sample of the year: (90 + 8,999 +
	 * 80 + 79) ÷ (100 + 10,000 + 100 + 100) = 9,248 ÷ 10,300 = 0.89786…
	 * → 0.8979, 89.79% — not the lowest quarter (79.00%) */
	run(&r, luoyang, ind, &rec, "2024", NULL);
	is_str(attr(&r, "value"), "0.8979", "the year's value: all its samples pooled");
	is_str(attr(&r, "value-text"), "89.79%", "… shown as 89.79%");
	is_int(r.r.findings, 3, "three quarters below 90%");
	is_str(item_attr(&r, 2, "action"), "启动重新复核，复核费用由乙方支付",
	       "Q4's re-review in words, not a code");
	{
		xmlNodePtr n = r.r.indicator->children;
		while (n && !xmlStrEqual(n->name, BAD_CAST "note"))
			n = n->next;
		int found = 0;
		for (; n && xmlStrEqual(n->name, BAD_CAST "note"); n = n->next) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t && strstr((const char *)t, "2024Q1 90.00% (90/100)，不扣减") &&
			    strstr((const char *)t, "2024Q3 80.00% (80/100)，扣减本季度服务费 2.00%") &&
			    strstr((const char *)t, "2024Q4 79.00% (79/100)，扣减本季度服务费 5.00%，启动重新复核"))
				found = 1;
			xmlFree(t);
		}
		ok(found, "a note gives each quarter's rate and band as percentages");
	}
	ok(fires(&r, "deduct-fee") && fires(&r, "re-review"), "the year fires both bands");
	xmlNodePtr series = kh_result_find_series(&r.r, "audit-quarterly");
	ok(series != NULL, "the quarterly chart is drawn");

	run(&r, luoyang, ind, &rec, "2024-05", NULL);
	is_int(r.r.status, KH_STATUS_FAIL, "a month scores its quarter (May → Q2)");

	/* pooled above the line, one quarter below it: 2025Q1 1,000/1,000,
	 * Q2 899/1,000 (89.90%) → pooled 1,899 ÷ 2,000 = 94.95%, and the year
	 * fails: each quarter is judged on its own (第三条(三)) */
	struct kh_records two = { 0 };
	audit_quarter(&two.audits, "2025Q1", "2025-03-01", 1000, 1000, 0);
	audit_quarter(&two.audits, "2025Q2", "2025-06-01", 1000, 899, 0);
	run(&r, luoyang, ind, &two, "2025", NULL);
	is_str(attr(&r, "value-text"), "94.95%", "pooled 94.95%");
	is_int(r.r.status, KH_STATUS_FAIL, "… yet the year fails: Q2 at 89.90% is below 90%");
	is_int(r.r.findings, 1, "one quarter below");
	kh_records_free(&two);

	struct kh_records none = { 0 };
	run(&r, luoyang, ind, &none, "2024", NULL);
	is_int(r.rc, 0, "no samples runs");
	is_int(r.r.status, KH_STATUS_NA, "no samples in any quarter: na");
	run_free(&r);
	kh_records_free(&rec);
}

/* --- complaints: at the maximum and one over --------------------------------- */

static void check_complaints(const struct kh_contract *henan)
{
	const struct kh_indicator *ind = indicator(henan, "complaints.substantiated");
	if (!ind)
		return;
	struct kh_records rec = { 0 };
	struct run r = { 0 };
	run(&r, henan, ind, &rec, "2024", NULL);
	is_int(r.r.status, KH_STATUS_NA, "complaints never given: na, not a pass");

	rec.complaints.given = 1;   /* an import with a header and no rows */
	run(&r, henan, ind, &rec, "2024", NULL);
	is_int(r.r.status, KH_STATUS_PASS, "given and none: 0 at max 0 passes");

	struct kh_complaints *k = &rec.complaints;
	rb_complaint(k, "K0", "2023-12-30", "delay", KH_SUBST_YES, 1, "minor", NULL);
	rb_complaint(k, "K1", "2024-02-01", "delay", KH_SUBST_NO, 1, "minor", NULL);
	rb_complaint(k, "K2", "2024-02-02", "delay", KH_SUBST_YES, 0, "minor", NULL);
	rb_complaint(k, "K3", "2024-02-03", "delay", KH_SUBST_PENDING, 1, "minor", NULL);
	run(&r, henan, ind, &rec, "2024", NULL);
	is_str(attr(&r, "value"), "0", "not substantiated, not at fault, pending, last year: 0");
	is_int(r.r.status, KH_STATUS_PASS, "count 0 at max 0 passes");
	is_str(attr(&r, "target-text"), "≤ 0 件", "target ≤ 0 件");

	rb_complaint(k, "K4", "2024-03-04", "denial", KH_SUBST_YES, -1, "serious",
	             "2024-03-20");
	run(&r, henan, ind, &rec, "2024", NULL);
	is_str(attr(&r, "value"), "1", "substantiated, fault not recorded: counts");
	is_int(r.r.status, KH_STATUS_FAIL, "count 1 at max 0 (max + 1) fails");
	is_int(r.r.findings, 1, "one finding");
	is_str(item_attr(&r, 0, "ref"), "K4", "evidence names the complaint");
	is_str(item_attr(&r, 0, "closed"), "2024-03-20", "… and its closing day");
	is_str(item_attr(&r, 0, "channel"), "", "an empty channel is left out");
	run(&r, henan, ind, &rec, "2024", "2024-03-03");
	is_int(r.r.status, KH_STATUS_PASS, "judged before K4 was received: passes");

	/* The same counting at max 2, with a category and a severity. */
	struct kh_attr attrs[] = { { (char *)"max", (char *)"2" },
	                           { (char *)"severity", (char *)"serious" } };
	struct kh_indicator two = *ind;
	two.measure.attrs = attrs;
	two.measure.nattrs = 2;
	rb_complaint(k, "K5", "2024-04-01", "denial", KH_SUBST_YES, 1, "critical", NULL);
	rb_complaint(k, "K6", "2024-04-02", "delay", KH_SUBST_YES, 1, "minor", NULL);
	run(&r, henan, &two, &rec, "2024", NULL);
	is_str(attr(&r, "value"), "2", "serious or worse: K4 and K5 (K6 is minor)");
	is_int(r.r.status, KH_STATUS_PASS, "2 at max 2 passes");
	rb_complaint(k, "K7", "2024-04-03", "delay", KH_SUBST_YES, 1, "serious", NULL);
	run(&r, henan, &two, &rec, "2024", NULL);
	is_int(r.r.status, KH_STATUS_FAIL, "3 at max 2 fails");
	is_int(r.r.findings, 3, "three findings");
	/* chart: 2024-03 denial 1; 2024-04 delay 1, denial 1 */
	xmlNodePtr series = kh_result_find_series(&r.r, "complaints-monthly");
	int points = 0;
	xmlChar *first_group = NULL;
	for (xmlNodePtr p = series ? series->children : NULL; p; p = p->next)
		if (p->type == XML_ELEMENT_NODE && points++ == 1)
			first_group = xmlGetProp(p, BAD_CAST "group");
	is_int(points, 3, "three month × category points");
	is_str(first_group ? (const char *)first_group : "", "delay",
	       "April's categories in byte order: delay before denial");
	xmlFree(first_group);
	run_free(&r);
	kh_records_free(&rec);
}

/* --- complaint triggers follow their clause's words ------------------------- */

/* 000 第三十三条(三) "查证确属乙方责任且情节严重": one serious,
 * substantiated, at-fault complaint fires the interview; a minor one or one
 * not at fault does not.  001 第三十三条(六) "多次": one does not fire, two
 * do (trigger-min="2", the template's reading). */
static void check_complaint_triggers(const struct kh_contract *zhengzhou,
                                     const struct kh_contract *henan)
{
	const struct kh_indicator *zz = indicator(zhengzhou, "complaints.substantiated");
	const struct kh_indicator *hn = indicator(henan, "complaints.substantiated");
	if (!zz || !hn)
		return;
	struct run r = { 0 };
	struct kh_records rec = { 0 };
	rec.complaints.given = 1;
	struct kh_complaints *k = &rec.complaints;
	rb_complaint(k, "Z1", "2025-02-01", "delay", KH_SUBST_YES, 1, "minor", NULL);
	rb_complaint(k, "Z2", "2025-02-02", "delay", KH_SUBST_YES, 0, "serious", NULL);
	rb_complaint(k, "Z3", "2025-02-03", "delay", KH_SUBST_NO, 1, "critical", NULL);
	run(&r, zhengzhou, zz, &rec, "2025", NULL);
	is_str(attr(&r, "value"), "0", "000: minor, not at fault, not substantiated: 0 counted");
	ok(!fires(&r, "interview"), "000: a minor or not-at-fault complaint fires no interview");
	rb_complaint(k, "Z4", "2025-03-01", "denial", KH_SUBST_YES, 1, "serious", NULL);
	run(&r, zhengzhou, zz, &rec, "2025", NULL);
	is_str(attr(&r, "value"), "1", "000: one serious substantiated fault complaint counts");
	ok(fires(&r, "interview"), "000: … and fires the interview (第三十三条(三))");
	kh_records_free(&rec);

	struct kh_records h = { 0 };
	h.complaints.given = 1;
	rb_complaint(&h.complaints, "H1", "2024-02-01", "delay", KH_SUBST_YES, 1, "minor", NULL);
	run(&r, henan, hn, &h, "2024", NULL);
	is_int(r.r.status, KH_STATUS_FAIL, "001: one complaint fails the indicator (max 0)");
	ok(!fires(&r, "interview"), "001: one complaint is not 多次: no interview");
	rb_complaint(&h.complaints, "H2", "2024-05-01", "delay", KH_SUBST_YES, 1, "minor", NULL);
	run(&r, henan, hn, &h, "2024", NULL);
	ok(fires(&r, "interview"), "001: two complaints are 多次: interview");
	kh_records_free(&h);
	run_free(&r);
}

/* --- report deadlines: 顺延 over a holiday and a weekend, one day late -------- */

static void check_reports(const struct kh_contract *henan)
{
	const struct kh_indicator *ind = indicator(henan, "report.monthly");
	if (!ind)
		return;
	struct run r = { 0 };
	struct kh_records rec = { 0 };
	/* September 2024: due 10-05, in the National Day holiday → 10-08. */
	rb_submission(&rec.submissions, "monthly", "2024-09", "2024-10-08 17:30:00", 1);
	run(&r, henan, ind, &rec, "2024-09", "2024-10-31");
	is_int(r.rc, 0, "report-deadline runs");
	is_int(r.r.status, KH_STATUS_PASS, "due 10-05 (holiday) rolls to 10-08: on time");
	kh_records_free(&rec);

	rb_submission(&rec.submissions, "monthly", "2024-09", "2024-10-09 08:00:00", 1);
	run(&r, henan, ind, &rec, "2024-09", "2024-10-31");
	is_int(r.r.status, KH_STATUS_FAIL, "submitted 10-09: late");
	is_int(r.r.findings, 1, "one late report");
	is_str(item_attr(&r, 0, "due"), "2024-10-08", "the due date after rollover");
	is_str(item_attr(&r, 0, "late"), "1", "1 day late");
	kh_records_free(&rec);

	/* December 2024: due Sunday 2025-01-05 → Monday 01-06. */
	rb_submission(&rec.submissions, "monthly", "2024-12", "2025-01-06 23:59:59", 1);
	run(&r, henan, ind, &rec, "2024-12", "2025-01-31");
	is_int(r.r.status, KH_STATUS_PASS, "due Sunday 01-05 rolls to Monday 01-06: on time");
	kh_records_free(&rec);

	rb_submission(&rec.submissions, "monthly", "2024-12", "2025-01-03 09:00:00", 0);
	rb_submission(&rec.submissions, "monthly", "2024-12", "2025-01-07 09:00:00", 1);
	rb_submission(&rec.submissions, "quarterly", "2024-12", "2025-01-02 09:00:00", 1);
	run(&r, henan, ind, &rec, "2024-12", "2025-01-31");
	is_int(r.r.status, KH_STATUS_FAIL,
	       "a rejected early submission and another report do not count");
	is_str(item_attr(&r, 0, "submitted"), "2025-01-07", "the accepted one is judged");
	is_str(item_attr(&r, 0, "late"), "1", "1 day after the rolled-over date");
	run(&r, henan, ind, &rec, "2024-12", "2025-01-06");
	is_int(r.r.status, KH_STATUS_NA,
	       "at 01-06 the report is due today and a later submission unknown: na");
	run(&r, henan, ind, &rec, "2024-12", "2025-01-08");
	is_str(item_attr(&r, 0, "submitted"), "2025-01-07", "known by 01-08");
	run_free(&r);
	kh_records_free(&rec);
}

/* --- solvency: a C rating must be reported ----------------------------------- */

static void check_solvency(const struct kh_contract *zhengzhou)
{
	const struct kh_indicator *ind = indicator(zhengzhou, "solvency.rating");
	if (!ind)
		return;
	struct run r = { 0 };
	struct kh_records rec = { 0 };
	run(&r, zhengzhou, ind, &rec, "2025", NULL);
	is_int(r.r.status, KH_STATUS_NA, "no ratings: na");
	rb_rating(&rec.ratings, "2024Q4", 'D');   /* before the period */
	rb_rating(&rec.ratings, "2025Q1", 'A');
	rb_rating(&rec.ratings, "2025Q2", 'B');
	run(&r, zhengzhou, ind, &rec, "2025", NULL);
	is_int(r.r.status, KH_STATUS_PASS, "worst B passes report-at C");
	is_str(attr(&r, "value-text"), "B", "value B (2024Q4 is outside the period)");
	ok(!fires(&r, "report"), "no report trigger at B");
	rb_rating(&rec.ratings, "2025Q3", 'C');
	run(&r, zhengzhou, ind, &rec, "2025", NULL);
	is_int(r.r.status, KH_STATUS_FAIL, "a C rating fails");
	is_str(attr(&r, "value"), "3", "value rank 3 (C)");
	is_int(r.r.findings, 1, "one quarter at C");
	is_str(item_attr(&r, 0, "ref"), "2025Q3", "evidence names the quarter");
	ok(fires(&r, "report"), "rating C fires the report trigger (第三十八条)");
	run(&r, zhengzhou, ind, &rec, "2025Q2", NULL);
	is_int(r.r.status, KH_STATUS_PASS, "Q2 alone (B) passes");
	run_free(&r);
	kh_records_free(&rec);
}

/* --- activity and volume ------------------------------------------------------ */

static void check_activity(const struct kh_contract *luoyang,
                           const struct kh_contract *mentougou)
{
	const struct kh_indicator *review = indicator(luoyang, "activity.case-review");
	const struct kh_indicator *checks = indicator(mentougou, "volume.data-check");
	if (!review || !checks)
		return;
	struct run r = { 0 };
	struct kh_records rec = { 0 };
	run(&r, luoyang, review, &rec, "2024", NULL);
	is_int(r.r.status, KH_STATUS_NA, "activities never given: na");
	rb_activity(&rec.activities, "2024-02-10", "case-review", 1);
	rb_activity(&rec.activities, "2024-05-10", "case-review", 1);
	rb_activity(&rec.activities, "2024-06-30", "data-check", 1);
	rb_activity(&rec.activities, "2024-08-10", "case-review", 1);
	rb_activity(&rec.activities, "2024-12-31", "data-check", 1);
	run(&r, luoyang, review, &rec, "2024", NULL);
	is_str(attr(&r, "value"), "0.7500", "case review in Q1-Q3, none in Q4");
	is_str(attr(&r, "value-text"), "3/4 个季度达标", "shown as quarters met, not 75.00%");
	is_str(attr(&r, "target-text"), "每季度 ≥ 1 次", "target each quarter at least once");
	is_int(r.r.findings, 1, "Q4 short");
	is_str(item_attr(&r, 0, "ref"), "2024Q4", "evidence names Q4");
	ok(fires(&r, "damages"), "the short quarter fires the damages trigger (第五条(二))");
	run(&r, luoyang, review, &rec, "2024", "2024-11-30");
	is_int(r.r.status, KH_STATUS_PASS, "Q4 still running at 11-30: not judged");
	is_str(attr(&r, "value-text"), "3/3 个季度达标",
	       "every quarter judged met: 3/3, not 100.00%");

	/* the term ends 2024-11-30 (004 第二条(二)): the 12-31 check is
	 * after it and does not count (it used to pass here) */
	run(&r, mentougou, checks, &rec, "2024", NULL);
	is_int(r.r.status, KH_STATUS_FAIL, "the 12-31 check is after the term: one is short");
	is_str(attr(&r, "value"), "1", "only the 06-30 check is within the term");
	run(&r, mentougou, checks, &rec, "2024", "2024-12-30");
	is_int(r.r.status, KH_STATUS_FAIL, "one data check by 12-30 is short");
	run(&r, mentougou, checks, &rec, "2024H1", NULL);
	is_str(attr(&r, "value"), "1", "H1 counts up to 06-30 inclusive");
	rb_activity(&rec.activities, "2024-11-30", "data-check", 1);
	run(&r, mentougou, checks, &rec, "2024", NULL);
	is_int(r.r.status, KH_STATUS_PASS, "a check on the term's last day counts: two");
	run_free(&r);
	kh_records_free(&rec);
}

/* --- the loaders -------------------------------------------------------------- */

static void sql(sqlite3 *db, const char *text)
{
	char *err = NULL;
	if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
		printf("# sql failed: %s\n", err);
	sqlite3_free(err);
}

static void check_loaders(struct kh_store *store)
{
	sqlite3 *db = kh_store_sqlite(store);
	sql(db, "INSERT INTO complaints (contract, complaint_id, received_date, channel,"
	        " category, substantiated, insurer_fault, severity, closed_date) VALUES"
	        " ('L','K2','2024-03-02',NULL,'delay','yes',NULL,'minor',NULL),"
	        " ('L','K1','2024-03-02','hotline','delay','pending',0,'serious','2024-03-09'),"
	        " ('L','K0','2024-01-05',NULL,'denial','no',1,'minor',NULL)");
	sql(db, "INSERT INTO audits (contract, sample_id, audit_date, period, stream,"
	        " claim_id, result, error_amount, finding) VALUES"
	        " ('L','S2','2024-02-01','2024Q1','routine-10pct',NULL,'pass',NULL,NULL),"
	        " ('L','S1','2024-02-01','2024Q1','routine-10pct','C9','fail',-1250,'wrong band'),"
	        " ('M','S0','2024-01-01','2024Q1','routine-10pct',NULL,'fail',NULL,NULL)");
	sql(db, "INSERT INTO submissions (contract, report, period, submitted_at,"
	        " accepted, ref) VALUES"
	        " ('L','monthly','2024-02','2024-03-01 08:00:00',1,NULL),"
	        " ('L','monthly','2024-01','2024-02-06 09:00:00',1,'R2'),"
	        " ('L','monthly','2024-01','2024-02-05 17:00:00',0,'R1')");
	sql(db, "INSERT INTO ratings (contract, quarter, rating, raw_rating) VALUES"
	        " ('L','2024Q2','C','CC'), ('L','2024Q1','A',NULL)");
	sql(db, "INSERT INTO imports (kind, file, sha256, contract, rows, imported_at)"
	        " VALUES ('activities','a.csv','00','L',0,'2024-01-01 00:00:00'),"
	        " ('complaints','c.csv','00','M',0,'2024-01-01 00:00:00')");

	struct kh_records rec = { 0 };
	struct kh_err err = { KH_ERR_NONE };
	unsigned kinds = KH_REC_COMPLAINTS | KH_REC_AUDITS | KH_REC_SUBMISSIONS |
	                 KH_REC_ACTIVITIES | KH_REC_RATINGS;
	is_int(kh_store_load_records(store, "L", kinds, &rec, &err), 0, "L loads");
	is_int(rec.complaints.count, 3, "three complaints");
	is_str(rec.complaints.rows[0].complaint_id, "K0", "sorted by received day …");
	is_str(rec.complaints.rows[1].complaint_id, "K1", "… then complaint id");
	ok(rec.complaints.rows[0].channel && !*rec.complaints.rows[0].channel,
	   "a NULL channel is \"\"");
	is_int(rec.complaints.rows[2].insurer_fault, -1, "fault not recorded: -1");
	is_int(rec.complaints.rows[1].insurer_fault, 0, "fault 0");
	is_int(rec.complaints.rows[1].substantiated, KH_SUBST_PENDING, "pending");
	is_int(rec.complaints.rows[2].substantiated, KH_SUBST_YES, "yes");
	is_int(rec.complaints.rows[0].closed, KH_DAY_NONE, "open: KH_DAY_NONE");
	is_int(rec.complaints.rows[1].closed, rb_day("2024-03-09"), "closed day");
	is_int(rec.complaints.given, 1, "complaints given (rows)");
	is_int(rec.audits.count, 2, "two audit samples of L");
	is_str(rec.audits.rows[0].sample_id, "S1", "audits sorted by date, sample id");
	ok(rec.audits.rows[0].has_error_amount && rec.audits.rows[0].error_amount == -1250,
	   "an error amount in fen");
	ok(!rec.audits.rows[1].has_error_amount && !*rec.audits.rows[1].claim_id &&
	   !*rec.audits.rows[1].finding, "NULL amount, claim, finding");
	is_int(rec.audits.rows[0].passed, 0, "fail");
	is_int(rec.audits.rows[1].passed, 1, "pass");
	is_int(rec.submissions.count, 3, "three submissions");
	is_str(rec.submissions.rows[0].ref, "R1", "sorted by report, period, time");
	is_str(rec.submissions.rows[2].period, "2024-02", "… February last");
	is_int(rec.submissions.rows[0].submitted_day, rb_day("2024-02-05"), "the day part");
	is_int(rec.submissions.rows[0].accepted, 0, "not accepted");
	is_str(rec.submissions.rows[0].source, "import", "source defaults to import");
	is_int(rec.activities.count, 0, "no activity rows");
	is_int(rec.activities.given, 1, "… but an import named L: given");
	is_int(rec.ratings.count, 2, "two ratings");
	is_str(rec.ratings.rows[0].quarter, "2024Q1", "ratings sorted by quarter");
	is_int(rec.ratings.rows[1].rating, 'C', "rating letter");
	is_str(rec.ratings.rows[1].raw_rating, "CC", "raw rating");
	is_str(rec.ratings.rows[0].raw_rating, "", "no raw rating: \"\"");
	kh_records_free(&rec);

	is_int(kh_store_load_records(store, "M", kinds, &rec, &err), 0, "M loads");
	is_int(rec.complaints.given, 1, "M: a complaints import with no rows: given");
	is_int(rec.activities.given, 0, "M: no activities at all: not given");
	kh_records_free(&rec);

	sql(db, "INSERT INTO activities (contract, date, kind) VALUES ('N','2024-13-01','x')");
	ok(kh_store_load_records(store, "N", KH_REC_ACTIVITIES, &rec, &err) == -1 &&
	   err.kind == KH_ERR_DATA, "a stored date that is not a date: data error");
	is_int(rec.activities.count, 0, "… and nothing is left loaded");
}

int main(void)
{
	char path[] = "/tmp/kaohe-unit-events-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 99;
	close(fd);
	unlink(path);
	struct kh_store *store = NULL;
	struct kh_calendar *cal = NULL;
	if (kh_store_open(path, KH_STORE_CREATE, &store, NULL) ||
	    kh_calendar_install_shipped(store, NULL) ||
	    kh_calendar_load(store, &cal, NULL)) {
		printf("Bail out! cannot set up the calendar\n");
		return 99;
	}
	calendar = cal;
	struct kh_contract *henan = load("henan-dbbx-2024");
	struct kh_contract *luoyang = load("luoyang-zgyb-2024");
	struct kh_contract *zhengzhou = load("zhengzhou-dae-2025");
	struct kh_contract *mentougou = load("mentougou-fzfw-2024");
	ok(henan && luoyang && zhengzhou && mentougou, "the shipped contracts parse");

	check_audit(luoyang);
	check_complaints(henan);
	check_complaint_triggers(zhengzhou, henan);
	check_reports(henan);
	check_solvency(zhengzhou);
	check_activity(luoyang, mentougou);
	check_loaders(store);

	kh_contract_free(henan);
	kh_contract_free(luoyang);
	kh_contract_free(zhengzhou);
	kh_contract_free(mentougou);
	kh_calendar_free(cal);
	kh_store_close(store);
	const char *suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char side[64];
		snprintf(side, sizeof side, "%s%s", path, suffixes[i]);
		unlink(side);
	}
	return done_testing();
}
