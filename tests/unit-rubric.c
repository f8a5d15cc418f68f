/* unit-rubric.c: the scoring methods (method.c) at their edges — linear at
 * the floor, at the target and between with a half-up case, lower-is-better;
 * per-case down to zero (扣完为止); veto of a category and of the scorecard;
 * bonus cap — and the rubric (rubric.c): category subtotals, manual items
 * pending, marks overriding a computed item only at their own level, level
 * precedence and the contract's final-level.  Every figure worked by hand
 * in the comments. */
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "marks.h"
#include "method.h"
#include "rubric.h"
#include "tap.h"

static long award(enum kh_method method, long points, enum kh_outcome outcome,
                  long findings, const char *value, const char *target,
                  const char *floor, long per_case, long cap)
{
	struct kh_method_input in = {
		.method = method, .points_x100 = points, .per_case_x100 = per_case,
		.bonus_cap_x100 = cap, .target = target, .floor = floor,
		.outcome = outcome, .findings = findings, .value = value };
	long out = -999;
	if (kh_method_award(&in, &out))
		return -1;
	return out;
}

static void numbers(void)
{
	long long v;
	ok(kh_method_number("90%", &v) == 0 && v == 9000, "90% is 9000/10000");
	ok(kh_method_number("0.9", &v) == 0 && v == 9000, "0.9 is 9000/10000");
	ok(kh_method_number("92.55%", &v) == 0 && v == 9255, "92.55% is 9255");
	ok(kh_method_number("12", &v) == 0 && v == 120000, "a count 12");
	ok(kh_method_number("0.12345", &v) != 0, "five places refused");
	ok(kh_method_number("9x", &v) != 0 && kh_method_number("", &v) != 0, "non-numbers refused");
}

static void linear(void)
{
	/* 5 points, full at 100%, none at 90% */
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_FAIL, 0, "0.9000", "100%", "90%", 0, 0),
	       0, "linear: at the floor 90% → 0.00");
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_FAIL, 0, "0.8500", "100%", "90%", 0, 0),
	       0, "linear: below the floor → 0.00");
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_PASS, 0, "1.0000", "100%", "90%", 0, 0),
	       500, "linear: at the target 100% → 5.00");
	/* 5 × (91.23 − 90) / (100 − 90) = 5 × 0.123 = 0.615 → 0.62 half up */
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_FAIL, 0, "0.9123", "100%", "90%", 0, 0),
	       62, "linear: 91.23% → 0.615 → 0.62 (half up)");
	/* 5 × 0.0122 / 0.1 = 0.61 exactly */
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_FAIL, 0, "0.9122", "100%", "90%", 0, 0),
	       61, "linear: 91.22% → 0.61");
	/* 5 × 0.0001 / 0.1 = 0.005 → 0.01 */
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_FAIL, 0, "0.9001", "100%", "90%", 0, 0),
	       1, "linear: just above the floor, 0.005 → 0.01");
	/* lower is better: 10 points, full at ≤ 10%, none at ≥ 20%; 15% → 5.00 */
	is_int(award(KH_METHOD_LINEAR, 1000, KH_OUTCOME_FAIL, 0, "0.1500", "10%", "20%", 0, 0),
	       500, "linear, lower better: 15% between 10% and 20% → 5.00");
	is_int(award(KH_METHOD_LINEAR, 1000, KH_OUTCOME_PASS, 0, "0.1000", "10%", "20%", 0, 0),
	       1000, "linear, lower better: at the target → 10.00");
	is_int(award(KH_METHOD_LINEAR, 1000, KH_OUTCOME_FAIL, 0, "0.2000", "10%", "20%", 0, 0),
	       0, "linear, lower better: at the floor → 0.00");
	/* counts: 30 points, full at 360000, none at 0: 270000 → 22.50 */
	is_int(award(KH_METHOD_LINEAR, 3000, KH_OUTCOME_FAIL, 0, "270000", "360000", "0", 0, 0),
	       2250, "linear on a count: 270000 of 360000 → 22.50");
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_NA, 0, NULL, "100%", "90%", 0, 0),
	       0, "linear: na earns nothing");
	is_int(award(KH_METHOD_LINEAR, 500, KH_OUTCOME_PASS, 0, NULL, "100%", "90%", 0, 0),
	       500, "linear with no value: a pass is full");
}

static void per_case(void)
{
	/* 15 points, 5 per case */
	is_int(award(KH_METHOD_PER_CASE, 1500, KH_OUTCOME_PASS, 0, NULL, NULL, NULL, 500, 0),
	       1500, "per-case: no case → 15.00");
	is_int(award(KH_METHOD_PER_CASE, 1500, KH_OUTCOME_FAIL, 1, NULL, NULL, NULL, 500, 0),
	       1000, "per-case: 1 case → 10.00");
	is_int(award(KH_METHOD_PER_CASE, 1500, KH_OUTCOME_FAIL, 3, NULL, NULL, NULL, 500, 0),
	       0, "per-case: 3 cases → 0.00 exactly");
	is_int(award(KH_METHOD_PER_CASE, 1500, KH_OUTCOME_FAIL, 4, NULL, NULL, NULL, 500, 0),
	       0, "per-case: 4 cases → 0.00, never below zero (扣完为止)");
	/* 10 points, 4 per case: 2 cases → 2.00, 3 → 0.00 */
	is_int(award(KH_METHOD_PER_CASE, 1000, KH_OUTCOME_FAIL, 2, NULL, NULL, NULL, 400, 0),
	       200, "per-case: 10 − 2 × 4 = 2.00");
	is_int(award(KH_METHOD_PER_CASE, 1000, KH_OUTCOME_FAIL, 3, NULL, NULL, NULL, 400, 0),
	       0, "per-case: 10 − 3 × 4 < 0 → 0.00");
	is_int(award(KH_METHOD_PER_CASE, 1000, KH_OUTCOME_FAIL, 0, NULL, NULL, NULL, 400, 0),
	       600, "per-case: a failure with no counted case costs one");
}

static void veto_bonus(void)
{
	is_int(award(KH_METHOD_VETO, 1000, KH_OUTCOME_PASS, 0, NULL, NULL, NULL, 0, 0),
	       1000, "veto: a pass keeps its points");
	is_int(award(KH_METHOD_VETO, 1000, KH_OUTCOME_FAIL, 0, NULL, NULL, NULL, 0, 0),
	       0, "veto: a failure earns nothing");
	/* bonus 1 point a case, at most 3 */
	is_int(award(KH_METHOD_BONUS, 100, KH_OUTCOME_PASS, 2, NULL, NULL, NULL, 0, 300),
	       200, "bonus: 2 cases → 2.00");
	is_int(award(KH_METHOD_BONUS, 100, KH_OUTCOME_PASS, 3, NULL, NULL, NULL, 0, 300),
	       300, "bonus: 3 cases → 3.00, at the cap");
	is_int(award(KH_METHOD_BONUS, 100, KH_OUTCOME_PASS, 7, NULL, NULL, NULL, 0, 300),
	       300, "bonus: 7 cases → capped at 3.00");
	is_int(award(KH_METHOD_BONUS, 100, KH_OUTCOME_FAIL, 7, NULL, NULL, NULL, 0, 300),
	       0, "bonus: not earned → 0.00");
	is_int(award(KH_METHOD_ALL_OR_NOTHING, 800, KH_OUTCOME_FAIL, 0, NULL, NULL, NULL, 0, 0),
	       0, "all-or-nothing: a failure → 0.00");
}

/* A rubric: category A (20: a1 all-or-nothing 10, a2 veto of the category
 * 10), category B (10: b1 manual 10), a bonus item x (2 per case, cap 3)
 * and a scorecard veto v (0 points ... not allowed: 0 is fine). */
static const char contract_head[] =
	"<?xml version='1.0' encoding='UTF-8'?>\n"
	"<contract xmlns='urn:kaohe:contract:1' id='rubric-test'>"
	"<title>t</title><parties purchaser='p' insurer='i'/>"
	"<term start='2024-01-01' end='2024-12-31'/>";
static const char contract_tail[] =
	"<category id='A' title='甲类' points='20'/>"
	"<category id='B' title='乙类' points='10' default='yes'/>"
	"</scoring><indicators>"
	"<indicator id='a1' points='10' category='A' method='all-or-nothing'>"
	"<clause ref='一'>x</clause><title>a1</title><complaints max='0'/></indicator>"
	"<indicator id='a2' points='10' category='A' method='veto' veto-scope='category'>"
	"<clause ref='二'>x</clause><title>a2</title><complaints max='0'/></indicator>"
	"<indicator id='b1' points='10' category='B' method='all-or-nothing'>"
	"<clause ref='三'>x</clause><title>b1</title><manual/></indicator>"
	"<indicator id='x' points='2' bonus-cap='3' category='B' method='bonus'>"
	"<clause ref='四'>x</clause><title>x</title><complaints max='0'/></indicator>"
	"<indicator id='v' points='0' method='veto' veto-scope='scorecard' category='B'>"
	"<clause ref='五'>x</clause><title>v</title><manual/></indicator>"
	"</indicators></contract>";

static struct kh_contract *contract(const char *scoring_attrs)
{
	char xml[4096];
	snprintf(xml, sizeof xml, "%s<scoring total='30' %s><grade name='合格' min='18'/>"
	         "<grade name='不合格' min='0'/>%s", contract_head, scoring_attrs, contract_tail);
	struct kh_contract *c = NULL;
	int rc = kh_contract_parse_memory(xml, strlen(xml), "rubric-test", &c, NULL);
	ok(rc == 0 && c, "the test rubric parses");
	return c;
}

static struct kh_mark mark(const char *period, enum kh_mark_level level,
                           const char *ind, const char *member, long score)
{
	struct kh_mark m = { (char *)period, level, (char *)ind, (char *)member, score,
	                     (char *)"", (char *)"" };
	return m;
}

static void score(struct kh_rubric *r, const struct kh_contract *c,
                  const struct kh_marks *marks, enum kh_outcome a1, enum kh_outcome a2,
                  long x_cases)
{
	kh_rubric_init(r, c);
	r->items[0].outcome = a1;
	r->items[1].outcome = a2;
	r->items[3].outcome = x_cases ? KH_OUTCOME_PASS : KH_OUTCOME_FAIL;
	r->items[3].findings = x_cases;
	ok(kh_rubric_score(r, c, marks, "2024") == 0, "rubric scores");
}

static void rubric(void)
{
	struct kh_contract *c = contract("");
	if (!c)
		return;
	struct kh_rubric r;

	/* no marks: a1 10 + a2 10 = A 20; b1 pending (B 0); bonus x 2 cases
	 * = 2 × 2 = 4 → capped 3; v pending, no veto.  Score 20 + 0 + 3 = 23;
	 * max: A 20 + b1 10 (pending counts) + v 0 = 30. */
	score(&r, c, NULL, KH_OUTCOME_PASS, KH_OUTCOME_PASS, 2);
	is_int(r.final, KH_RL_COMPUTED, "no marks: the computed level is final");
	is_int(r.level[KH_RL_COMPUTED].category_x100[0], 2000, "category A 20.00");
	is_int(r.level[KH_RL_COMPUTED].category_x100[1], 0, "category B 0.00 (b1 pending)");
	is_int(r.items[2].pending, 1, "manual b1 with no mark is pending");
	is_int(r.pending, 2, "two items pending (b1, v)");
	is_int(r.items[3].awarded_x100, 300, "bonus 2 × 2 = 4 capped at 3.00");
	is_int(r.level[KH_RL_COMPUTED].score_x100, 2300, "score 20 + 0 + bonus 3 = 23.00");
	is_int(r.level[KH_RL_COMPUTED].max_x100, 3000, "max 30.00: the bonus is outside it");
	kh_rubric_free(&r);

	/* a2 (category veto) fails: category A is 0 though a1 earned 10 */
	score(&r, c, NULL, KH_OUTCOME_PASS, KH_OUTCOME_FAIL, 0);
	is_int(r.items[0].awarded_x100, 1000, "a1 still earns 10.00 itself");
	is_int(r.level[KH_RL_COMPUTED].category_vetoed[0], 1, "veto: category A failed");
	is_int(r.level[KH_RL_COMPUTED].category_x100[0], 0, "veto: category A 0.00 whatever the points");
	is_int(r.level[KH_RL_COMPUTED].vetoed, 0, "a category veto leaves the scorecard");
	is_int(r.level[KH_RL_COMPUTED].score_x100, 0, "score 0 + 0 + 0 = 0.00");
	kh_rubric_free(&r);

	/* marks: self b1 8; city b1 6, 7, 8 (mean 7.00) and a1 5 (override at
	 * the city level only); province none. */
	struct kh_mark rows[] = {
		mark("2024", KH_LEVEL_SELF, "b1", "乙方", 800),
		mark("2024", KH_LEVEL_CITY, "b1", "张三", 600),
		mark("2024", KH_LEVEL_CITY, "b1", "李四", 700),
		mark("2024", KH_LEVEL_CITY, "b1", "王五", 800),
		mark("2024", KH_LEVEL_CITY, "a1", "张三", 500),
		mark("2023", KH_LEVEL_PROVINCE, "a1", "赵六", 0),  /* another period */
		mark("2024", KH_LEVEL_SELF, "v", "乙方", 0),
	};
	struct kh_marks marks = { rows, sizeof rows / sizeof rows[0] };
	score(&r, c, &marks, KH_OUTCOME_PASS, KH_OUTCOME_PASS, 1);
	is_int(r.level[KH_RL_PROVINCE].present, 0, "a mark of another period is not a level");
	is_int(r.final, KH_RL_CITY, "highest present: city over self over computed");
	is_int(r.items[0].awarded_x100, 500, "a1: the city's mark 5.00 is final");
	is_int(r.items[0].computed_x100, 1000, "a1: computed 10.00 kept beside it");
	is_int(r.items[0].source, KH_RL_CITY, "a1 source city");
	is_int(r.items[0].value_x100[KH_RL_SELF], 1000, "a1 at the self level: computed 10.00 (override only at its level)");
	is_int(r.items[2].awarded_x100, 700, "b1: city mean (6 + 7 + 8) / 3 = 7.00");
	is_int(r.items[2].pending, 0, "b1 marked: not pending");
	is_int(r.items[4].pending, 1, "v: marked only by self, pending at city");
	/* city: A = 5 + 10 = 15, B = 7, bonus 2 → 24; v (scorecard veto,
	 * points 0) has no city mark so no veto at city */
	is_int(r.level[KH_RL_CITY].score_x100, 2400, "city level 15 + 7 + 2 = 24.00");
	/* self: A 20, B = b1 8, v self 0 of 0 points: not failed; bonus 2 → 30 */
	is_int(r.level[KH_RL_SELF].score_x100, 3000, "self level 20 + 8 + 2 = 30.00");
	is_int(r.level[KH_RL_COMPUTED].score_x100, 2200, "computed level 20 + 0 + 2 = 22.00");
	kh_rubric_free(&r);
	kh_contract_free(c);

	/* final-level="self": the self level is final though city is higher */
	c = contract("final-level='self'");
	if (!c)
		return;
	score(&r, c, &marks, KH_OUTCOME_PASS, KH_OUTCOME_PASS, 1);
	is_int(r.final, KH_RL_SELF, "final-level=self overrides the precedence");
	is_int(r.items[0].awarded_x100, 1000, "a1 at self: computed 10.00");
	is_int(r.items[0].source, KH_RL_COMPUTED, "a1 source computed");
	is_int(r.items[2].awarded_x100, 800, "b1 at self: 8.00");
	kh_rubric_free(&r);
	kh_contract_free(c);

	/* final-level="province" with no province marks: the highest present */
	c = contract("final-level='province' aggregate='median'");
	if (!c)
		return;
	score(&r, c, &marks, KH_OUTCOME_PASS, KH_OUTCOME_PASS, 1);
	is_int(r.final, KH_RL_CITY, "final-level=province absent: highest present (city)");
	is_int(r.items[2].awarded_x100, 700, "median of 6, 7, 8 = 7.00");
	kh_rubric_free(&r);
	kh_contract_free(c);
}

/* A scorecard veto with points: fails the whole scorecard. */
static void scorecard_veto(void)
{
	const char xml[] =
		"<?xml version='1.0' encoding='UTF-8'?>\n"
		"<contract xmlns='urn:kaohe:contract:1' id='veto-test'>"
		"<title>t</title><parties purchaser='p' insurer='i'/>"
		"<term start='2024-01-01' end='2024-12-31'/>"
		"<scoring total='20'><grade name='合格' min='12'/><grade name='不合格' min='0'/></scoring>"
		"<indicators>"
		"<indicator id='a' points='15' method='all-or-nothing'>"
		"<clause ref='一'>x</clause><title>a</title><complaints max='0'/></indicator>"
		"<indicator id='fraud' points='5' method='veto'>"
		"<clause ref='二'>x</clause><title>f</title><manual/></indicator>"
		"</indicators></contract>";
	struct kh_contract *c = NULL;
	ok(kh_contract_parse_memory(xml, sizeof xml - 1, "veto-test", &c, NULL) == 0,
	   "a flat rubric with a veto parses");
	if (!c)
		return;
	is_int(c->indicators[1].veto_scope, KH_VETO_SCORECARD, "no categories: a veto fails the scorecard");
	struct kh_mark rows[] = { mark("2024", KH_LEVEL_CITY, "fraud", "张三", 0) };
	struct kh_marks marks = { rows, 1 };
	struct kh_rubric r;
	kh_rubric_init(&r, c);
	r.items[0].outcome = KH_OUTCOME_PASS;
	kh_rubric_score(&r, c, &marks, "2024");
	is_int(r.level[KH_RL_CITY].vetoed, 1, "veto: city marks fraud 0 of 5 → scorecard failed");
	is_int(r.level[KH_RL_CITY].score_x100, 0, "veto: score 0.00 whatever a earned (15)");
	is_int(r.level[KH_RL_COMPUTED].vetoed, 0, "the computed level has no veto (pending)");
	is_int(r.level[KH_RL_COMPUTED].score_x100, 1500, "computed level 15.00");
	kh_rubric_free(&r);
	kh_contract_free(c);
}

/* Contract checks: the rubric's numbers must add up. */
static void checks(void)
{
	char xml[4096];
	struct kh_contract *c = NULL;
	snprintf(xml, sizeof xml, "%s<scoring total='30'><grade name='g' min='0'/>"
	         "<category id='A' title='甲' points='25'/><category id='B' title='乙' points='5'/>"
	         "</scoring><indicators>"
	         "<indicator id='a' points='20' category='A'><clause ref='一'>x</clause><title>a</title><manual/></indicator>"
	         "<indicator id='b' points='10' category='B'><clause ref='一'>x</clause><title>b</title><manual/></indicator>"
	         "</indicators></contract>", contract_head);
	ok(kh_contract_parse_memory(xml, strlen(xml), "bad", &c, NULL) != 0,
	   "category points that do not add up are refused");
	snprintf(xml, sizeof xml, "%s<scoring total='10'><grade name='g' min='0'/></scoring><indicators>"
	         "<indicator id='a' points='10' method='linear'><clause ref='一'>x</clause><title>a</title>"
	         "<complaints max='0'/></indicator></indicators></contract>", contract_head);
	ok(kh_contract_parse_memory(xml, strlen(xml), "bad", &c, NULL) != 0,
	   "linear without <linear> is refused");
	snprintf(xml, sizeof xml, "%s<scoring total='10'><grade name='g' min='0'/></scoring><indicators>"
	         "<indicator id='a' points='10' method='linear'><clause ref='一'>x</clause><title>a</title>"
	         "<complaints max='0'/><linear target='90%%' floor='eighty'/></indicator></indicators></contract>",
	         contract_head);
	ok(kh_contract_parse_memory(xml, strlen(xml), "bad", &c, NULL) != 0,
	   "a floor that is not a number is refused");
	snprintf(xml, sizeof xml, "%s<scoring total='10'><grade name='g' min='0'/></scoring><indicators>"
	         "<indicator id='a' points='10' method='per-case'><clause ref='一'>x</clause><title>a</title>"
	         "<complaints max='0'/></indicator></indicators></contract>", contract_head);
	ok(kh_contract_parse_memory(xml, strlen(xml), "bad", &c, NULL) != 0,
	   "per-case without deduct-per-finding is refused");
}

int main(void)
{
	numbers();
	linear();
	per_case();
	veto_bonus();
	rubric();
	scorecard_veto();
	checks();
	return done_testing();
}
