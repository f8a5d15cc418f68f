/* unit-decisions.c: line ids, the newest decision as a line's state, and
 * evidence re-judged on appeal applied to in-memory records
 * (src/domain/decisions.c).  No database. */
#include <stdlib.h>
#include <string.h>

#include "decisions.h"
#include "msg.h"
#include "tap.h"

static struct kh_settlement claims[] = {
	{ .claim_id = "C1", .excused = 0 },
	{ .claim_id = "C2", .excused = 0 },
};

static int count_excused(const struct kh_settlement *claim, void *arg)
{
	*(int *)arg += claim->excused;
	return 0;
}

int main(void)
{
	char id[128];
	kh_line_id(id, sizeof id, "2024Q2", "第三条(三)", "audit.pass-rate");
	is_str(id, "2024Q2:第三条(三):audit.pass-rate", "period:clause:key");
	kh_line_id(id, sizeof id, "2024", NULL, "breach");
	is_str(id, "2024:-:breach", "a missing clause reads -");

	struct kh_adjustments *adj = kh_xcalloc(1, sizeof *adj);
	adj->ndecisions = 2;
	adj->decisions = kh_xcalloc(2, sizeof *adj->decisions);
	adj->decisions[0] = (struct kh_decision){ kh_xstrdup("b:x:y"), KH_LINE_WAIVED, 0, 0,
	                                          kh_xstrdup("r"), kh_xstrdup("w"), kh_xstrdup("t") };
	adj->decisions[1] = (struct kh_decision){ kh_xstrdup("a:x:y"), KH_LINE_CONFIRMED, 0, 0,
	                                          kh_xstrdup(""), kh_xstrdup("w"), kh_xstrdup("t") };
	adj->noverrides = 2;
	adj->overrides = kh_xcalloc(2, sizeof *adj->overrides);
	adj->overrides[0] = (struct kh_override){ KH_OVERRIDE_CLAIM, kh_xstrdup("C2"), 3 };
	adj->overrides[1] = (struct kh_override){ KH_OVERRIDE_AUDIT_SAMPLE, kh_xstrdup("S2"), 2 };
	kh_adjustments_sort(adj);
	ok(kh_line_state_of(adj, "a:x:y") == KH_LINE_CONFIRMED, "a decided line: its state");
	ok(kh_line_state_of(adj, "b:x:y") == KH_LINE_WAIVED, "waived");
	ok(kh_line_state_of(adj, "c:x:y") == KH_LINE_PROPOSED, "undecided: proposed");
	ok(kh_line_state_of(NULL, "a:x:y") == KH_LINE_PROPOSED, "no decisions loaded: proposed");
	is_str(kh_line_state_code(KH_LINE_WAIVED), "waived", "state code");
	enum kh_line_state st;
	ok(kh_line_state_parse("confirmed", &st) == 0 && st == KH_LINE_CONFIRMED, "parse");
	ok(kh_line_state_parse("maybe", &st) != 0, "an unknown state is refused");

	struct kh_records r = { 0 };
	r.audits.count = 2;
	r.audits.rows = kh_xcalloc(2, sizeof *r.audits.rows);
	const char *ids[2] = { "S1", "S2" };
	for (int i = 0; i < 2; i++) {
		r.audits.rows[i].sample_id = kh_xstrdup(ids[i]);
		r.audits.rows[i].period = kh_xstrdup("2024Q2");
		r.audits.rows[i].stream = kh_xstrdup("routine-10pct");
		r.audits.rows[i].claim_id = kh_xstrdup("");
		r.audits.rows[i].finding = kh_xstrdup("错");
		r.audits.rows[i].passed = 0;
	}
	struct kh_settlement_array arr = { claims, 2 };
	kh_settlement_array_source(&r.settlements, &arr);
	kh_adjustments_apply(adj, &r);
	ok(r.adjust == adj, "the records carry the adjustments");
	is_int(r.audits.rows[0].passed, 0, "S1, not appealed, still fails");
	is_int(r.audits.rows[1].passed, 1, "S2, overturned, passes");
	ok(strstr(r.audits.rows[1].finding, "复核 2") != NULL, "its finding names the appeal");
	int excused = 0;
	struct kh_settlement_query q = { .contract = "x", .first = INT32_MIN + 1,
	                                 .last = INT32_MAX - 1, .fields = KH_SF_EXCUSED };
	struct kh_err err = { 0 };
	ok(kh_records_each_settlement(&r, &q, count_excused, &excused, &err) == 0, "stream");
	is_int(excused, 1, "C2, overturned, is excused; C1 is not");
	is_int(claims[1].excused, 0, "the claim itself is not changed");
	kh_records_free(&r);
	kh_adjustments_free(adj);
	return done_testing();
}
