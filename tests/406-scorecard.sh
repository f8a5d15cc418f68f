#!/bin/sh
# 406-scorecard: the whole scorecard — it validates against
# data/schema/scorecard.rng; the run is stored with its imports; provenance
# lists them; $KAOHE_NOW fixes @generated; triggers of failing indicators;
# the points chart; the grade judged on the score scaled to the contract
# total, na indicators left out.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

score_setup score-staff.xml score-grade.xml
load roster roster-march.csv score-staff
load roster roster-county.csv score-staff
load population population-county.csv score-staff
load roster roster-grade.csv score-grade

score --contract score-staff --period 2024
expect_rc 0 "score"
validate "scorecard validates against scorecard.rng"
is "$(xp "string(/*/@generated)")" "2025-01-15T09:30:00" "KAOHE_NOW fixes @generated"
is "$(xp "string(/*/@insurer)")" "测试保险公司<分公司>" "markup in data is kept as text"
is "$(xp "string(/*/@period-first)")/$(xp "string(/*/@period-last)")/$(xp "string(/*/@as-of)")" \
	"2024-01-01/2024-12-31/2024-12-31" "period and as-of"
is "$(xp "count(//*[local-name()='provenance']/*[local-name()='import'])")" "3" \
	"provenance lists the contract's three imports"
is "$(xp "string(//*[local-name()='provenance']/*[local-name()='contract']/@sha256)")" \
	"$(sha256sum "$SCORE_DATA/score-staff.xml" | cut -d' ' -f1)" "provenance has the contract's sha256"
is "$(sql "SELECT count(*) FROM score_runs")" "1" "the run is stored"
is "$(sql "SELECT contract, contract_version, period, as_of, generated_at, score, max_score, grade FROM score_runs")" \
	"score-staff|1|2024|2024-12-31|2025-01-15 09:30:00|25.00|100.00|不合格" "stored run fields"
is "$(sql "SELECT group_concat(import_id) FROM (SELECT import_id FROM score_run_imports WHERE run_id = 1 ORDER BY import_id)")" \
	"$(sql "SELECT group_concat(id) FROM (SELECT id FROM imports WHERE contract = 'score-staff' ORDER BY id)")" \
	"score_run_imports links the run to its imports"
is "$(xp "string(//*[local-name()='trigger'][@indicator='staff.resident']/@action)")" "interview" \
	"a failing indicator's trigger is listed"
is "$(xp "string(//*[local-name()='trigger'][@indicator='staff.resident']/@clause)")" "第三十三条(一)" \
	"with its clause"
is "$(xp "count(//*[local-name()='trigger'][@indicator='staff.medical-share'])")" "0" \
	"a passing indicator triggers nothing"
is "$(xp "count(//*[local-name()='series'][@id='points']/*[local-name()='point'])")" "4" \
	"points chart has every judged indicator"
is "$(xp "string(//*[local-name()='series'][@id='points']/*[local-name()='point'][@x='staff.medical-share']/@y)")" "25.00" \
	"points chart carries the points awarded"
expect_out "评分记录已保存 #1" "the table names the stored run"

# Grade: resident 50 pass, turnover 20 fail, per-insured 30 na:
# 50 of 70 judged = 71.43 of 100 → 合格 (it would be 不合格 at 50 of 100).
score --contract score-grade --period 2024
is "$(xp "string(//*[local-name()='summary']/@score)")" "50.00" "score 50"
is "$(xp "string(//*[local-name()='summary']/@max)")" "70.00" "max leaves the na indicator out"
is "$(xp "string(//*[local-name()='summary']/@grade)")" "合格" "grade on the scaled score"
validate "second scorecard validates"
is "$(sql "SELECT count(*) FROM score_run_imports WHERE run_id = 2")" "1" "second run links its one import"

run "$KAOHE" --lang en score --contract score-grade --period 2024
is "$(sql "SELECT grade FROM score_runs WHERE id = 3")" "pass" "English grade name"
expect_out "^total: 50.00 / 70.00  grade: pass" "English summary line"

done_testing
