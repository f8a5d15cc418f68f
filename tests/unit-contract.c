/* unit-contract.c: each shipped template parses, and the fields the scoring
 * and money code read come out exact: ids, clauses, points ×100, measure
 * names, kh_node_attr values, grades highest first, money parts. */
#include <stdlib.h>

#include "contract.h"
#include "datadir.h"
#include "tap.h"

static struct kh_contract *load(const char *id)
{
	char *rel = malloc(strlen(id) + 32);
	sprintf(rel, "data/contracts/%s.xml", id);
	char *path = kh_data_path(rel);
	struct kh_contract *c = NULL;
	int rc = kh_contract_parse_file(path, &c, NULL);
	ok(rc == 0 && c, id);
	free(rel);
	free(path);
	return c;
}

static const char *measure_attr(const struct kh_contract *c, const char *ind,
                                const char *attr)
{
	const struct kh_indicator *i = kh_contract_indicator(c, ind);
	return i ? kh_node_attr(&i->measure, attr) : NULL;
}

static void henan(void)
{
	struct kh_contract *c = load("henan-dbbx-2024");
	if (!c)
		return;
	is_str(c->id, "henan-dbbx-2024", "id from the file name");
	is_str(c->seed, "001", "seed");
	is_int(c->nindicators, 15, "fifteen indicators (three manual, issue 16)");
	const struct kh_indicator *r = kh_contract_indicator(c, "staff.resident");
	is_str(r->clause, "第七条", "staff.resident clause");
	is_str(r->measure.name, "staffing", "staff.resident measure");
	is_int(r->points_x100, 800, "staff.resident points ×100");
	is_str(r->triggers[0].action, "interview", "trigger action");
	is_str(measure_attr(c, "staff.county", "per"), "200000", "county per 200,000");
	is_str(measure_attr(c, "staff.county", "per-unit"), "yes", "county per unit");
	is_str(measure_attr(c, "settle.direct", "workdays"), "15", "direct 15 days");
	is_str(measure_attr(c, "settle.manual", "workdays"), "20", "manual 20 days");
	is_str(measure_attr(c, "report.half-year", "only"), "H1", "half-year H1 only");
	const struct kh_indicator *b = kh_contract_indicator(c, "benefit.recompute");
	is_int(b->measure.nchildren, 2, "two benefit schemes");
	is_str(kh_node_attr(&b->measure.children[0], "cap"), "400000", "standard cap");
	is_str(kh_node_attr(&b->measure.children[1].children[1], "rate"), "75%",
	       "preferential top band");
	ok(kh_node_attr(&b->measure.children[1], "cap") == NULL, "preferential: no cap");
	is_int(kh_contract_indicator(c, "complaints.substantiated")->deduct_per_finding_x100,
	       400, "deduct per finding ×100");
	is_str(c->grades[0].name, "优秀", "grades highest first");
	is_int(c->grades[c->ngrades - 1].min_points_x100, 0, "lowest grade at 0");
	is_int(c->total_points_x100, 10000, "total ×100");
	const struct kh_node *fund = kh_node_child(&c->money, "fund-reserve");
	ok(fund != NULL, "fund-reserve money model");
	is_str(kh_node_attr(kh_node_child(fund, "reserve"), "rate"), "5%", "reserve 5%");
	is_str(kh_node_attr(kh_node_child(fund, "profit-cap"), "clause"), "第二十三条",
	       "profit cap clause");
	is_int(c->term_first, kh_day_from_ymd(2024, 1, 1), "term first");
	ok(kh_contract_indicator(c, "nope") == NULL, "unknown indicator id");
	kh_contract_free(c);
}

static void others(void)
{
	struct kh_contract *c = load("zhengzhou-dae-2025");
	if (c) {
		is_str(measure_attr(c, "claims.cap", "max"), "400000", "claims cap");
		is_str(measure_attr(c, "solvency.rating", "renew-min"), "B", "renew at B");
		const struct kh_node *f = kh_node_child(&c->money, "fund-per-capita");
		is_str(kh_node_attr(f, "per-capita"), "130", "130 yuan per capita");
		is_str(kh_node_attr(kh_node_child(f, "staff-cost"), "min-days"), "300",
		       "staff cost only after 300 days");
		kh_contract_free(c);
	}
	c = load("luoyang-zgyb-2024");
	if (c) {
		const struct kh_indicator *a = kh_contract_indicator(c, "audit.pass-rate");
		is_str(a->clause, "第三条(三)", "audit clause");
		is_str(kh_node_attr(&a->measure.children[1], "deduct"), "5%", "5% band");
		is_str(measure_attr(c, "staff.county", "max"), "2", "county at most 2");
		is_str(kh_node_attr(kh_node_child(&c->money, "service-fee-per-capita"),
		                    "unit-price"), "1.45", "1.45 yuan unit price");
		kh_contract_free(c);
	}
	c = load("kaifeng-dae-2024");
	if (c) {
		is_str(kh_node_attr(kh_node_child(&c->policy, "collection-window"), "start"),
		       "07-01", "collection window");
		is_int(c->money.nchildren, 0, "no money model");
		kh_contract_free(c);
	}
	c = load("mentougou-fzfw-2024");
	if (c) {
		const struct kh_node *fee = kh_node_child(&c->money, "fixed-fee");
		is_str(kh_node_attr(fee, "amount"), "1680000", "fixed fee");
		is_str(kh_node_attr(&fee->children[2], "month"), "2024-12", "acceptance month");
		is_str(measure_attr(c, "volume.records-reviewed", "min"), "360000", "360,000 records");
		kh_contract_free(c);
	}
}

static void memory(void)
{
	static const char xml[] =
		"<contract xmlns='urn:kaohe:contract:1' seed='x'><title>t</title>"
		"<parties purchaser='p' insurer='i'/><term start='2024-01-01' end='2024-12-31'/>"
		"<scoring total='2.5'><grade name='合格' min='1.25'/></scoring><indicators>"
		"<indicator id='a' points='2.5'><clause ref='第一条'>x</clause><title>a</title>"
		"<volume kind='k' min='3'/></indicator></indicators></contract>";
	struct kh_contract *c = NULL;
	ok(kh_contract_parse_memory(xml, sizeof xml - 1, "mem-test", &c, NULL) == 0, "parse memory");
	if (!c)
		return;
	is_str(c->id, "mem-test", "id from the name");
	is_int(c->indicators[0].points_x100, 250, "2.5 points");
	is_int(c->grades[0].min_points_x100, 125, "1.25 grade minimum");
	is_str(c->indicators[0].title_en, "a", "English title falls back");
	ok(c->sha256 && strlen(c->sha256) == 64, "sha256 hex");
	kh_contract_free(c);
}

/* Failures return -1 and say which kind in the err (the command layer
 * turns KH_ERR_NOINPUT into 66, KH_ERR_DATA into 65). */
static void failures(void)
{
	struct kh_contract *c = NULL;
	struct kh_err err = { 0 };
	is_int(kh_contract_parse_file("/nonexistent/none.xml", &c, &err), -1,
	       "a missing file fails");
	is_int(err.kind, KH_ERR_NOINPUT, "a missing file is KH_ERR_NOINPUT");
	ok(c == NULL, "no contract for a missing file");
	static const char bad[] = "<contract xmlns='urn:kaohe:contract:1'/>";
	err.kind = KH_ERR_NONE;
	is_int(kh_contract_parse_memory(bad, sizeof bad - 1, "bad", &c, &err), -1,
	       "an invalid contract fails");
	is_int(err.kind, KH_ERR_DATA, "an invalid contract is KH_ERR_DATA");
	ok(c == NULL, "no contract for an invalid one");
	static const char broken[] = "<contract";
	err.kind = KH_ERR_NONE;
	is_int(kh_contract_parse_memory(broken, sizeof broken - 1, "broken", &c, &err), -1,
	       "malformed XML fails");
	is_int(err.kind, KH_ERR_DATA, "malformed XML is KH_ERR_DATA");
	ok(kh_contract_parse_memory(broken, sizeof broken - 1, "broken", &c, NULL) == -1,
	   "err may be NULL");
}

int main(void)
{
	henan();
	others();
	memory();
	failures();
	return done_testing();
}
