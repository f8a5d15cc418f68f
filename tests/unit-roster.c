/* unit-roster.c: the roster family of measures — staffing (minimum count,
 * per-N insured, days below, maximum), staff-share, turnover and county
 * staffing — run on typed records built in memory and a contract parsed
 * from a string, at their boundaries.  No database: if this test needs
 * one, a measure has started reading the store again. */
#include <stdlib.h>

#include "contract.h"
#include "measure-roster.h"
#include "tap.h"

static kh_day day(const char *text)
{
	kh_day d = 0;
	if (kh_day_parse(text, &d))
		printf("# bad date in test: %s\n", text);
	return d;
}

/* --- records built in memory ----------------------------------------------- */

/* end NULL: an open assignment. */
static void person(struct kh_roster *r, const char *id, const char *post,
                   const char *unit, const char *specialty, const char *start,
                   const char *end, const char *reason)
{
	r->rows = kh_xrealloc(r->rows, (r->count + 1) * sizeof *r->rows);
	struct kh_assignment *a = &r->rows[r->count++];
	a->staff_id = kh_xstrdup(id);
	a->name = kh_xstrdup(id);
	a->post = kh_xstrdup(post);
	a->unit = kh_xstrdup(unit);
	a->specialty = kh_xstrdup(specialty);
	a->end_reason = kh_xstrdup(reason);
	a->start = day(start);
	a->end = end ? day(end) : KH_DAY_OPEN;
}

static void insured(struct kh_population *p, const char *unit, const char *date,
                    long long count)
{
	p->rows = kh_xrealloc(p->rows, (p->count + 1) * sizeof *p->rows);
	struct kh_population_row *row = &p->rows[p->count++];
	row->unit = kh_xstrdup(unit);
	row->date = day(date);
	row->insured = count;
}

static int by_person(const void *x, const void *y)
{
	const struct kh_assignment *a = x, *b = y;
	int c = strcmp(a->staff_id, b->staff_id);
	return c ? c : (a->start > b->start) - (a->start < b->start);
}

static int by_unit(const void *x, const void *y)
{
	const struct kh_population_row *a = x, *b = y;
	int c = strcmp(a->unit, b->unit);
	return c ? c : (a->date > b->date) - (a->date < b->date);
}

/* Sort as records.h promises the store does. */
static void sort_records(struct kh_records *rec)
{
	if (rec->roster.count)
		qsort(rec->roster.rows, rec->roster.count, sizeof *rec->roster.rows,
		      by_person);
	if (rec->population.count)
		qsort(rec->population.rows, rec->population.count,
		      sizeof *rec->population.rows, by_unit);
	rec->loaded = KH_REC_ROSTER | KH_REC_POPULATION;
}

/* --- a contract from a string ---------------------------------------------- */

#define IND(id, measure) \
	"    <indicator id=\"" id "\" points=\"10\">\n" \
	"      <clause ref=\"1\">x</clause><title>" id "</title>\n" \
	"      " measure "\n" \
	"    </indicator>\n"

static const char contract_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<contract xmlns=\"urn:kaohe:contract:1\" id=\"t\">\n"
	"  <title>t</title>\n"
	"  <parties purchaser=\"p\" insurer=\"i\"/>\n"
	"  <term start=\"2024-01-01\" end=\"2024-12-31\"/>\n"
	"  <units><unit name=\"甲县\"/><unit name=\"乙县\"/></units>\n"
	"  <scoring total=\"90\"><grade name=\"ok\" min=\"0\"/></scoring>\n"
	"  <indicators>\n"
	IND("staff.min", "<staffing post=\"city\" min=\"3\"/>")
	IND("staff.per", "<staffing post=\"city\" per=\"100000\"/>")
	IND("staff.county", "<staffing post=\"county\" per=\"200000\" min=\"1\" per-unit=\"yes\"/>")
	IND("staff.county.max", "<staffing post=\"county\" min=\"1\" max=\"2\" per-unit=\"yes\"/>")
	IND("share.city", "<staff-share min=\"50%\" specialty=\"medical\" post=\"city\"/>")
	IND("share.all", "<staff-share min=\"50%\" specialty=\"medical\"/>")
	IND("turnover", "<turnover max=\"10%\" basis=\"average\"/>")
	IND("turnover.start", "<turnover max=\"10%\" basis=\"start\"/>")
	IND("turnover.resident", "<turnover max=\"10%\" basis=\"average\" post=\"resident\"/>")
	"  </indicators>\n"
	"</contract>\n";

/* --- running one measure ----------------------------------------------------- */

struct run {
	xmlDocPtr doc;
	struct kh_result r;
	struct kh_err err;
	int rc;
};

static void run_free(struct run *run)
{
	if (run->doc)
		xmlFreeDoc(run->doc);
	memset(run, 0, sizeof *run);
}

static void measure(struct run *run, const struct kh_contract *c,
                    const char *indicator, const struct kh_records *rec,
                    const char *period)
{
	run_free(run);
	run->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "scorecard");
	xmlDocSetRootElement(run->doc, root);
	run->r.status = KH_STATUS_NA;
	run->r.indicator = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	run->r.charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	run->r.evidence_limit = KH_EVIDENCE_LIMIT;
	const struct kh_indicator *ind = kh_contract_indicator(c, indicator);
	if (!ind) {
		printf("# no indicator %s\n", indicator);
		run->rc = 99;
		return;
	}
	struct kh_measure_ctx ctx = { .contract = c, .indicator = ind,
	                              .records = rec, .err = &run->err };
	kh_period_parse(period, &ctx.period);
	ctx.as_of = ctx.period.last;
	run->rc = kh_measure_find(ind->measure.name)->run(&ctx, &run->r);
}

static const char *attr(struct run *run, const char *name)
{
	static char buf[4][256];
	static int next;
	next = (next + 1) % 4;
	xmlChar *v = xmlGetProp(run->r.indicator, BAD_CAST name);
	snprintf(buf[next], sizeof buf[next], "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf[next];
}

/* The n-th evidence item's attribute (0-based), "" when none. */
static const char *item(struct run *run, int n, const char *name)
{
	static char buf[4][256];
	static int next;
	next = (next + 1) % 4;
	buf[next][0] = 0;
	xmlNodePtr it = run->r.evidence ? run->r.evidence->children : NULL;
	for (; it; it = it->next) {
		if (!xmlStrEqual(it->name, BAD_CAST "item") || n-- > 0)
			continue;
		xmlChar *v = xmlGetProp(it, BAD_CAST name);
		snprintf(buf[next], sizeof buf[next], "%s", v ? (const char *)v : "");
		xmlFree(v);
		break;
	}
	return buf[next];
}

/* --- the one insured-in-force rule and the day sweep ------------------------ */

static void check_population_daily(void)
{
	struct kh_records rec = { 0 };
	insured(&rec.population, "甲县", "2024-01-01", 100);
	insured(&rec.population, "甲县", "2024-01-03", 150);
	insured(&rec.population, "乙县", "2024-01-02", 50);
	sort_records(&rec);
	long long n[5];
	kh_day first = day("2023-12-31"), last = day("2024-01-04");
	kh_population_daily(&rec.population, "甲县", first, last, n);
	/* 12-31 nothing yet; 01-01 and 01-02 the 100 row; from 01-03 150 */
	ok(n[0] == -1 && n[1] == 100 && n[2] == 100 && n[3] == 150 && n[4] == 150,
	   "a county: the latest row on or before each day, -1 before any");
	kh_population_daily(&rec.population, "", first, last, n);
	/* no contract-wide rows: 甲 + 乙 in force = 100, 100+50, 150+50, 200 */
	ok(n[0] == -1 && n[1] == 100 && n[2] == 150 && n[3] == 200 && n[4] == 200,
	   "the whole contract without its own rows: counties in force summed");
	insured(&rec.population, "", "2024-01-02", 999);
	sort_records(&rec);
	kh_population_daily(&rec.population, "", first, last, n);
	ok(n[0] == -1 && n[1] == -1 && n[2] == 999 && n[4] == 999,
	   "the whole contract's own rows win over the counties' sum");
	kh_population_daily(&rec.population, "丙县", first, last, n);
	ok(n[0] == -1 && n[4] == -1, "a unit with no rows has no count in force");
	kh_records_free(&rec);
}

/* kh_population_in_force: what the count of one day rests on. */
struct in_force {
	long long sum;
	int rows, nulls;
	char units[256];
};

static void collect(const struct kh_population_row *row, const char *unit,
                    void *arg)
{
	struct in_force *f = arg;
	char one[64];
	snprintf(one, sizeof one, "%s%s=%s", f->units[0] ? " " : "", *unit ? unit : "*",
	         row ? "" : "none");
	if (row)
		snprintf(one + strlen(one), sizeof one - strlen(one), "%lld", row->insured);
	strncat(f->units, one, sizeof f->units - strlen(f->units) - 1);
	if (!row) {
		f->nulls++;
		return;
	}
	f->rows++;
	f->sum += row->insured;
}

static struct in_force in_force_on(const struct kh_population *pop, const char *unit,
                                   const char *date)
{
	struct in_force f = { 0, 0, 0, "" };
	kh_population_in_force(pop, unit, day(date), collect, &f);
	return f;
}

/* Each unit's latest row on or before the day, summed, when the contract
 * has unit rows only (the fee basis of 002 第三条(四) at a year-end):
 *   涧西区 2024-06-30 590,000, 2024-12-31 600,000;
 *   西工区 2024-11-30 500,000, 2025-01-01 520,000;
 *   老城区 2025-03-31 60,000 (none on or before 2024-12-31).
 * On 2024-12-31: 600,000 + 500,000 = 1,100,000 (西工区's 11-30 row is its
 * latest on or before the day; its 2025 row is later; 老城区 adds
 * nothing).  On 2024-12-30: 590,000 + 500,000 = 1,090,000.  On
 * 2025-01-01: 600,000 + 520,000 = 1,120,000. */
static void check_population_units(void)
{
	struct kh_records rec = { 0 };
	insured(&rec.population, "涧西区", "2024-06-30", 590000);
	insured(&rec.population, "涧西区", "2024-12-31", 600000);
	insured(&rec.population, "西工区", "2024-11-30", 500000);
	insured(&rec.population, "西工区", "2025-01-01", 520000);
	insured(&rec.population, "老城区", "2025-03-31", 60000);
	sort_records(&rec);
	long long n[3];
	kh_population_daily(&rec.population, "", day("2024-12-30"), day("2025-01-01"), n);
	is_int(n[0], 1090000, "12-30: 590,000 + 500,000 (each unit's latest, not one date's rows)");
	is_int(n[1], 1100000, "12-31: 600,000 + 500,000 (西工区's 11-30 row still in force)");
	is_int(n[2], 1120000, "01-01: 600,000 + 520,000");
	struct in_force f = in_force_on(&rec.population, "", "2024-12-31");
	is_int(f.sum, 1100000, "in force on 12-31: the same rows as the count");
	is_int(f.rows, 2, "two rows counted");
	is_int(f.nulls, 1, "one unit with no row yet");
	is_str(f.units, "涧西区=600000 老城区=none 西工区=500000",
	       "each unit named with its row (unit order, by bytes)");
	/* the same rule for every day of the sweep */
	int same = 1;
	long long sweep[400];
	kh_day first = day("2024-06-01"), last = day("2025-04-30");
	kh_population_daily(&rec.population, "", first, last, sweep);
	for (kh_day d = first; d <= last; d++) {
		struct in_force g = { 0, 0, 0, "" };
		kh_population_in_force(&rec.population, "", d, collect, &g);
		if ((g.rows ? g.sum : -1) != sweep[d - first])
			same = 0;
	}
	ok(same, "kh_population_in_force sums to kh_population_daily on every day");
	f = in_force_on(&rec.population, "西工区", "2024-12-31");
	is_str(f.units, "西工区=500000", "a unit alone: its own latest row");
	/* a whole-contract row, once there is one, is the count */
	insured(&rec.population, "", "2024-12-31", 1234567);
	sort_records(&rec);
	f = in_force_on(&rec.population, "", "2024-12-31");
	is_str(f.units, "*=1234567", "the whole contract's own row is the count");
	f = in_force_on(&rec.population, "", "2024-12-30");
	is_str(f.units, "*=none", "… and before it nothing is in force");
	kh_records_free(&rec);
}

static void check_roster_daily(void)
{
	struct kh_records rec = { 0 };
	/* P1 has two overlapping assignments and a later one after a gap */
	person(&rec.roster, "P1", "city", "", "medical", "2024-01-01", "2024-01-03", "");
	person(&rec.roster, "P1", "city", "", "medical", "2024-01-02", "2024-01-04", "");
	person(&rec.roster, "P1", "city", "", "medical", "2024-01-06", NULL, "");
	person(&rec.roster, "P2", "county", "甲县", "other", "2024-01-02", "2024-01-02", "");
	sort_records(&rec);
	long n[6];
	struct kh_roster_filter any = { NULL, NULL, NULL };
	kh_roster_daily(&rec.roster, &any, day("2024-01-01"), day("2024-01-06"), n);
	/* 01-01 P1; 01-02 P1 (twice, once counted) + P2; 01-03, 01-04 P1;
	 * 01-05 nobody; 01-06 P1 again */
	ok(n[0] == 1 && n[1] == 2 && n[2] == 1 && n[3] == 1 && n[4] == 0 && n[5] == 1,
	   "overlapping assignments of one person count once; gaps count zero");
	struct kh_roster_filter county = { "county", "any", "甲县" };
	kh_roster_daily(&rec.roster, &county, day("2024-01-01"), day("2024-01-03"), n);
	ok(n[0] == 0 && n[1] == 1 && n[2] == 0, "the filter picks post and unit");
	kh_records_free(&rec);
}

/* --- staffing: minimum count and per-N insured -------------------------------- */

/* The city team used by staffing and staff-share.  In March 2024:
 *   A city medical   all month
 *   B city finance   all month
 *   C city medical   to 03-15, plus an overlapping 03-10..03-12 assignment
 *   D city other     from 03-17
 *   E county medical all month (another post)
 * city headcount: 03-01..03-15 = 3 (A B C), 03-16 = 2 (A B),
 *                 03-17..03-31 = 3 (A B D). */
static void city_team(struct kh_records *rec)
{
	person(&rec->roster, "A", "city", "", "medical", "2024-01-01", NULL, "");
	person(&rec->roster, "B", "city", "", "finance", "2024-01-01", NULL, "");
	person(&rec->roster, "C", "city", "", "medical", "2024-01-01", "2024-03-15", "resigned");
	person(&rec->roster, "C", "city", "", "medical", "2024-03-10", "2024-03-12", "");
	person(&rec->roster, "D", "city", "", "other", "2024-03-17", NULL, "");
	person(&rec->roster, "E", "county", "甲县", "medical", "2024-01-01", NULL, "");
	sort_records(rec);
}

static void check_staffing_min(const struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	city_team(&rec);
	measure(&run, c, "staff.min", &rec, "2024-03");
	is_int(run.rc, 0, "staffing min=3 runs on records alone");
	is_int(run.r.status, KH_STATUS_FAIL, "March: one day at 2 of 3 fails");
	is_int(run.r.findings, 1, "only 03-16 is below (C's overlap 03-10..12 counts once)");
	is_str(item(&run, 0, "date"), "2024-03-16", "the short day is 03-16");
	is_str(item(&run, 0, "headcount"), "2", "… with 2 on post");
	is_str(item(&run, 0, "required"), "3", "… against 3");
	is_str(attr(&run, "value"), "2", "value: the lowest daily headcount");
	is_str(attr(&run, "target"), "3", "target: the minimum");
	measure(&run, c, "staff.min", &rec, "2024-02");
	is_int(run.r.status, KH_STATUS_PASS, "February: exactly 3 every day meets min 3");
	is_int(run.r.findings, 0, "… no findings");
	measure(&run, c, "staff.min", &rec, "2025-01");
	is_int(run.r.status, KH_STATUS_NA, "a period outside the term is na");
	run_free(&run);
	kh_records_free(&rec);

	struct kh_records empty = { 0 };
	measure(&run, c, "staff.min", &empty, "2024-03");
	is_int(run.r.status, KH_STATUS_NA, "no roster records: na, not a fail");
	run_free(&run);
}

static void check_staffing_per(const struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	city_team(&rec);
	measure(&run, c, "staff.per", &rec, "2024-03");
	is_int(run.r.status, KH_STATUS_NA,
	       "per-insured rule with no population record: requirement unknown, na");
	/* required = ceil(insured ÷ 100,000):
	 *   from 2024-01-01: 200,000 → exactly 2 (not 3)
	 *   from 2024-03-20: 300,001 → 3.00001 → 4
	 * March: 03-16 has 2 = 2 required (passes); 03-20..03-31 have 3 < 4:
	 * 12 short days. */
	insured(&rec.population, "", "2024-01-01", 200000);
	insured(&rec.population, "", "2024-03-20", 300001);
	sort_records(&rec);
	measure(&run, c, "staff.per", &rec, "2024-03");
	is_int(run.rc, 0, "staffing per=100000 runs");
	is_int(run.r.status, KH_STATUS_FAIL, "from 03-20 the requirement rises to 4");
	is_int(run.r.findings, 12, "03-20..03-31: 12 days below");
	is_str(item(&run, 0, "date"), "2024-03-20", "the first short day is the day the count takes effect");
	is_str(item(&run, 0, "required"), "4", "ceil(300,001 ÷ 100,000) = 4");
	is_str(attr(&run, "value"), "2", "value: the lowest headcount (03-16)");
	is_str(attr(&run, "target"), "4", "target: the highest requirement");
	measure(&run, c, "staff.per", &rec, "2024-02");
	is_int(run.r.status, KH_STATUS_PASS,
	       "February: 3 on post, 200,000 ÷ 100,000 = exactly 2 required");
	run_free(&run);
	kh_records_free(&rec);
}

/* --- staff-share ---------------------------------------------------------------- */

static void check_staff_share(const struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	city_team(&rec);
	/* post city, medical ÷ everyone on post:
	 *   03-01..03-15: A C medical of A B C = 2/3
	 *   03-16:        A of A B           = 1/2 = 50% exactly: passes
	 *   03-17..03-31: A of A B D         = 1/3 < 50%: 15 days */
	measure(&run, c, "share.city", &rec, "2024-03");
	is_int(run.rc, 0, "staff-share runs");
	is_int(run.r.status, KH_STATUS_FAIL, "city: 1 of 3 medical fails 50%");
	is_int(run.r.findings, 15, "03-17..03-31 below (03-16 at exactly 50% is not)");
	is_str(item(&run, 0, "date"), "2024-03-17", "the first day below is 03-17");
	is_str(item(&run, 0, "share"), "33.33%", "… at 33.33%");
	is_str(attr(&run, "value"), "0.3333", "value: the lowest share, 1/3");
	is_str(attr(&run, "target"), "0.5000", "target 50%");
	/* every post: E (county, medical) joins:
	 *   03-01..03-15: A C E of A B C E = 3/4
	 *   03-16:        A E of A B E     = 2/3
	 *   03-17..03-31: A E of A B D E   = 2/4 = 50% exactly */
	measure(&run, c, "share.all", &rec, "2024-03");
	is_int(run.r.status, KH_STATUS_PASS, "all posts: the lowest share is exactly 50%: passes");
	is_str(attr(&run, "value"), "0.5000", "value 2/4");
	run_free(&run);
	kh_records_free(&rec);
}

/* --- turnover -------------------------------------------------------------------- */

/* Ten people on post all 2024; P10's last day is `p10_last`.  P09 leaves
 * at contract end (exempt), P08 moves to another post the next day (not a
 * leaver): neither counts, and both stay in the headcount. */
static void team_of_ten(struct kh_records *rec, const char *p10_last)
{
	static const char *ids[] = { "P01", "P02", "P03", "P04", "P05", "P06", "P07" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		person(&rec->roster, ids[i], "resident", "", "medical", "2024-01-01", NULL, "");
	person(&rec->roster, "P08", "resident", "", "medical", "2024-01-01", "2024-05-31", "resigned");
	person(&rec->roster, "P08", "city", "", "medical", "2024-06-01", NULL, "");
	person(&rec->roster, "P09", "resident", "", "medical", "2024-01-01", "2024-12-31", "contract-end");
	person(&rec->roster, "P10", "resident", "", "medical", "2024-01-01", p10_last, "resigned");
	sort_records(rec);
}

static void check_turnover(const struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	/* P10 leaves on 12-31: headcount 10 on all 366 days, average 10;
	 * 1 leaver ÷ 10 = 10% exactly: "不高于10%" passes */
	team_of_ten(&rec, "2024-12-31");
	measure(&run, c, "turnover", &rec, "2024");
	is_int(run.rc, 0, "turnover runs");
	is_int(run.r.status, KH_STATUS_PASS, "exactly 10.00% passes ≤ 10%");
	is_str(attr(&run, "value"), "0.1000", "1 leaver ÷ average 10");
	is_int(run.r.evidence_count, 1, "one leaver listed: P10 (not P08 moved, not P09 exempt)");
	is_str(item(&run, 0, "ref"), "P10", "… P10");
	kh_records_free(&rec);

	/* P10 leaves on 12-30: 10 on 365 days, 9 on 12-31; average
	 * 3,659 ÷ 366 = 9.9973; turnover 1 × 366 ÷ 3,659 = 0.100027… > 10%,
	 * shown as 0.1000 but compared exactly: fails */
	team_of_ten(&rec, "2024-12-30");
	measure(&run, c, "turnover", &rec, "2024");
	is_int(run.r.status, KH_STATUS_FAIL, "just above 10% (366/3659) fails");
	is_str(attr(&run, "value"), "0.1000", "… though it rounds to 0.1000 for display");
	is_int(run.r.findings, 1, "a failed turnover is one finding");
	/* basis start: 10 on 01-01, 1 leaver = exactly 10% */
	measure(&run, c, "turnover.start", &rec, "2024");
	is_int(run.r.status, KH_STATUS_PASS, "basis start: 1 ÷ 10 on the first day passes");
	/* H1: nobody but P08 ends there, and P08 moved: 0 leavers */
	measure(&run, c, "turnover", &rec, "2024H1");
	is_str(attr(&run, "value"), "0.0000", "H1: a move to another post is no leaver");
	run_free(&run);
	kh_records_free(&rec);
}

/* 000 第三十四条: the resident team's (派驻队伍) turnover.  Ten residents
 * all year, R10 resigns on 12-31: 1 ÷ 10 = 10% exactly, passes.  City
 * staff C1 (resigns 06-30) and C2 are not of the team: C1 does not count
 * and neither is in the basis.  Unfiltered, 2 leavers ÷ average
 * (12 × 182 + 11 × 184) ÷ 366 = 11.50 → 17.40%, fails. */
static void check_turnover_resident(const struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	static const char *ids[] = { "R01", "R02", "R03", "R04", "R05", "R06",
	                             "R07", "R08", "R09" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		person(&rec.roster, ids[i], "resident", "", "medical", "2024-01-01", NULL, "");
	person(&rec.roster, "R10", "resident", "", "medical", "2024-01-01", "2024-12-31", "resigned");
	person(&rec.roster, "C1", "city", "", "medical", "2024-01-01", "2024-06-30", "resigned");
	person(&rec.roster, "C2", "city", "", "medical", "2024-01-01", NULL, "");
	sort_records(&rec);
	measure(&run, c, "turnover.resident", &rec, "2024");
	is_int(run.r.status, KH_STATUS_PASS, "resident: 1 ÷ 10 = 10.00% passes");
	is_str(attr(&run, "value"), "0.1000", "resident: the city leaver C1 does not count");
	is_int(run.r.evidence_count, 1, "resident: one leaver listed");
	is_str(item(&run, 0, "ref"), "R10", "… R10");
	measure(&run, c, "turnover", &rec, "2024");
	is_int(run.r.status, KH_STATUS_FAIL, "unfiltered: 2 ÷ 11.50 fails");
	is_str(attr(&run, "value"), "0.1740", "unfiltered: 2 × 366 ÷ 4,208 = 0.17395… → 0.1740");
	kh_records_free(&rec);
	/* one more resident leaver (R09 on 12-31): 2 ÷ 10 = 20%, fails */
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		person(&rec.roster, ids[i], "resident", "", "medical", "2024-01-01",
		       i == 8 ? "2024-12-31" : NULL, i == 8 ? "resigned" : "");
	person(&rec.roster, "R10", "resident", "", "medical", "2024-01-01", "2024-12-31", "resigned");
	sort_records(&rec);
	measure(&run, c, "turnover.resident", &rec, "2024");
	is_int(run.r.status, KH_STATUS_FAIL, "resident: 2 ÷ 10 = 20.00% fails");
	run_free(&run);
	kh_records_free(&rec);
}

/* --- county staffing --------------------------------------------------------------- */

/* Counties of the contract: 甲县 and 乙县 (<units>).
 *   甲县 400,000 insured → ceil(400,000 ÷ 200,000) = exactly 2; staff K1, K2
 *        all month, K3 on 03-10 and 03-11 only (3 people those two days)
 *   乙县 200,000 → 1 until 03-14; 200,001 from 03-15 → 2; staff K4 only:
 *        03-15..03-31 short, 17 days
 * (a whole-contract row of 600,000 is not a county) */
static void counties(struct kh_records *rec)
{
	person(&rec->roster, "K1", "county", "甲县", "medical", "2024-01-01", NULL, "");
	person(&rec->roster, "K2", "county", "甲县", "other", "2024-01-01", NULL, "");
	person(&rec->roster, "K3", "county", "甲县", "other", "2024-03-10", "2024-03-11", "");
	person(&rec->roster, "K4", "county", "乙县", "medical", "2024-01-01", NULL, "");
	person(&rec->roster, "X1", "city", "", "medical", "2024-01-01", NULL, "");
	insured(&rec->population, "", "2024-01-01", 600000);
	insured(&rec->population, "甲县", "2023-12-31", 400000);
	insured(&rec->population, "乙县", "2023-12-31", 200000);
	insured(&rec->population, "乙县", "2024-03-15", 200001);
	sort_records(rec);
}

static void check_county_staffing(const struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	counties(&rec);
	measure(&run, c, "staff.county", &rec, "2024-03");
	is_int(run.rc, 0, "county staffing runs");
	is_int(run.r.status, KH_STATUS_FAIL, "乙县 short from 03-15 fails");
	is_int(run.r.findings, 17, "乙县 03-15..03-31: 17 days; 甲县 at exactly 2 of 2 is fine");
	is_str(item(&run, 0, "unit"), "乙县", "findings name the county");
	is_str(item(&run, 0, "date"), "2024-03-15", "… from the day 200,001 takes effect");
	is_str(item(&run, 0, "required"), "2", "ceil(200,001 ÷ 200,000) = 2");
	is_str(attr(&run, "value"), "1", "value: the lowest headcount of any county");
	is_str(attr(&run, "target"), "2", "target: the highest requirement");
	measure(&run, c, "staff.county", &rec, "2024-02");
	is_int(run.r.status, KH_STATUS_PASS, "February: 200,000 ÷ 200,000 = exactly 1 in 乙县");

	/* the max: 甲县 has 3 on 03-10 and 03-11, above max 2 */
	measure(&run, c, "staff.county.max", &rec, "2024-03");
	is_int(run.r.findings, 2, "max 2: 甲县 over on 03-10 and 03-11");
	is_str(item(&run, 0, "required"), "≤ 2", "… the finding shows the cap");
	is_str(item(&run, 0, "headcount"), "3", "… and the 3 on post");

	/* a county named only by the population records is judged too */
	insured(&rec.population, "丙县", "2024-03-01", 1);
	sort_records(&rec);
	measure(&run, c, "staff.county", &rec, "2024-03");
	is_int(run.r.findings, 17 + 31, "丙县 (1 insured, min 1, nobody) short all 31 days");
	is_str(attr(&run, "value"), "0", "value 0: 丙县 has nobody");
	run_free(&run);
	kh_records_free(&rec);
}

/* --- a bad parameter fails with KH_ERR_DATA --------------------------------------- */

static void check_bad_parameter(struct kh_contract *c)
{
	struct kh_records rec = { 0 };
	struct run run = { 0 };
	team_of_ten(&rec, "2024-12-31");
	struct kh_attr bad[] = { { (char *)"max", (char *)"ten" } };
	struct kh_indicator *ind = (struct kh_indicator *)kh_contract_indicator(c, "turnover");
	struct kh_node saved = ind->measure;
	ind->measure.attrs = bad;
	ind->measure.nattrs = 1;
	measure(&run, c, "turnover", &rec, "2024");
	is_int(run.rc, -1, "max='ten' fails with -1");
	is_int(run.err.kind, KH_ERR_DATA, "… and KH_ERR_DATA, after printing the line");
	ind->measure = saved;
	run_free(&run);
	kh_records_free(&rec);
}

int main(void)
{
	check_population_daily();
	check_population_units();
	check_roster_daily();
	struct kh_contract *c = NULL;
	if (kh_contract_parse_memory(contract_xml, strlen(contract_xml), "t.xml", &c, NULL) || !c) {
		printf("Bail out! the test contract does not parse\n");
		return 99;
	}
	check_staffing_min(c);
	check_staffing_per(c);
	check_staff_share(c);
	check_turnover(c);
	check_turnover_resident(c);
	check_county_staffing(c);
	check_bad_parameter(c);
	kh_contract_free(c);
	return done_testing();
}
