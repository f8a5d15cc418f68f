#!/bin/sh
# 405-na: an indicator with no data to judge is na: it earns nothing, is
# never shown as a pass and leaves the maximum; with nothing judged at all
# the grade says so.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

score_setup score-staff.xml score-grade.xml
score --contract score-staff --period 2024
expect_rc 0 "scoring with no records exits 0"
for id in staff.resident staff.medical-share staff.turnover staff.county; do
	is "$(ind $id status)" "na" "$id without records is na"
	is "$(ind $id awarded)" "0.00" "$id earns nothing"
done
is "$(xp "string(//*[local-name()='indicator'][@id='staff.resident']/*[local-name()='note'])")" "没有花名册记录" \
	"the note says why"
is "$(xp "string(//*[local-name()='summary']/@max)")" "0.00" "na indicators leave the maximum"
is "$(xp "string(//*[local-name()='summary']/@na)")" "4" "four na"
expect_out "无法评定" "the grade says nothing could be judged"
expect_out "无数据" "the table says 无数据"
is "$(xp "count(//*[local-name()='trigger'])")" "0" "na triggers nothing"
validate "an all-na scorecard validates"

run "$KAOHE" --lang en score --contract score-staff --period 2024
expect_out "n/a" "English table says n/a"
expect_out "not graded" "English grade"

# per="100000" without a min and no population record: na; the others judged.
load roster roster-grade.csv score-grade
score --contract score-grade --period 2024
is "$(ind staff.per-insured status)" "na" "per-insured rule without population records is na"
is "$(ind staff.resident status)" "pass" "the resident rule is judged"

done_testing
