#!/bin/sh
# 401-staffing-days: `staffing` judged on every day of the period: a
# resident post short for two days in March is found with exactly those two
# days as evidence; --as-of and shorter periods cut the days judged; the
# daily headcount chart carries the minimum; a 50.00% medical share passes.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

score_setup score-staff.xml
load roster roster-march.csv score-staff

score --contract score-staff --period 2024
expect_rc 0 "score exits 0 though indicators fail"
is "$(ind staff.resident status)" "fail" "resident staffing fails"
is "$(ind staff.resident value)" "1" "value is the lowest daily headcount"
is "$(ind staff.resident target)" "2" "target is the minimum"
is "$(evidence staff.resident count)" "2" "two days below target"
is "$(items staff.resident date | tr '\n' ' ')" "2024-03-10 2024-03-11 " "exactly 03-10 and 03-11"
is "$(items staff.resident headcount | tr '\n' ' ')" "1 1 " "headcount 1 on those days"
is "$(items staff.resident required | tr '\n' ' ')" "2 2 " "required 2 on those days"
is "$(ind staff.resident awarded)" "0.00" "a failed all-or-nothing indicator earns 0"
is "$(ind staff.medical-share status)" "pass" "medical share exactly 50.00% passes"
is "$(ind staff.medical-share value)" "0.5000" "lowest share is 0.5000"
is "$(xp "count(//*[local-name()='series'][@id='headcount-daily']/*[local-name()='point'])")" "366" \
	"headcount chart has one point per day"
is "$(xp "string(//*[local-name()='series'][@id='headcount-daily']/*[local-name()='ref-line']/@y)")" "2" \
	"headcount chart's reference line is the minimum"
is "$(xp "count(//*[local-name()='series'][@id='headcount-daily'])")" "1" \
	"only the first whole-contract staffing indicator draws the chart"
is "$(xp "string(//*[local-name()='series'][@id='headcount-daily']/*[local-name()='point'][@x='2024-03-11']/@y)")" "1" \
	"chart point of 03-11 is 1"
validate "scorecard validates"

score --contract score-staff --period 2024 --as-of 2024-03-10
expect_rc 0 "score --as-of"
is "$(items staff.resident date | tr '\n' ' ')" "2024-03-10 " "as-of 03-10 judges the days up to it"
is "$(xp "count(//*[local-name()='series'][@id='headcount-daily']/*[local-name()='point'])")" "70" \
	"chart stops at the as-of day"

score --contract score-staff --period 2024-03
is "$(items staff.resident date | tr '\n' ' ')" "2024-03-10 2024-03-11 " "month period finds the same two days"
score --contract score-staff --period 2024Q2
is "$(ind staff.resident status)" "pass" "Q2 has no short day"
is "$(ind staff.resident awarded)" "25.00" "a pass earns all the points"
score --contract score-staff --period 2024 --as-of 2023-12-31
is "$(ind staff.resident status)" "na" "as-of before the period: nothing to judge"

done_testing
