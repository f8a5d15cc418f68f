#!/bin/sh
# 403-turnover: leavers ÷ average daily headcount, compared exactly:
# one leaver among ten on the post all year is exactly 10% and passes
# "不高于10%"; leaving a day earlier is just above and fails.  Departures at
# the purchaser's request or at contract end, and people on a post of the
# contract the next day, are not leavers; the start basis.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

score_setup score-staff.xml
load roster roster-turnover.csv score-staff
score --contract score-staff --period 2024
expect_rc 0 "score"
is "$(ind staff.turnover status)" "pass" "exactly 10% passes"
is "$(ind staff.turnover value)" "0.1000" "value 0.1000"
is "$(ind staff.turnover target)" "0.1000" "target 0.1000"
is "$(items staff.turnover ref)" "T10" "the leaver is the evidence"
is "$(items staff.turnover left)" "2024-12-31" "with the last day"
is "$(ind staff.turnover awarded)" "25.00" "all points"

score --contract score-staff --period 2024 --as-of 2024-12-30
is "$(ind staff.turnover value)" "0.0000" "a departure after the as-of day is not known yet"

sed 's/2024-12-31,resign/2024-12-30,resign/' "$SCORE_DATA/roster-turnover.csv" >"$WORK/above.csv"
export KAOHE_DB=$WORK/above.db
score_setup score-staff.xml
load roster "$WORK/above.csv" score-staff
score --contract score-staff --period 2024
is "$(ind staff.turnover status)" "fail" "leaving one day earlier (366/3659) fails"
is "$(ind staff.turnover awarded)" "0.00" "and earns nothing"
expect_out "第三十四条 +rectify +staff.turnover" "the table lists the rectify trigger"

export KAOHE_DB=$WORK/exempt.db
score_setup score-staff.xml
load roster roster-exempt.csv score-staff
score --contract score-staff --period 2024
is "$(items staff.turnover ref | tr '\n' ' ')" "P4 P7 " \
	"only resign and unexplained departures count; purchaser-request, contract-end, reassigned and rehired do not"
is "$(evidence staff.turnover count)" "2" "two leavers"

export KAOHE_DB=$WORK/start.db
score_setup score-grade.xml
load roster roster-turnover.csv score-grade
score --contract score-grade --period 2024
is "$(ind staff.turnover value)" "0.1000" "basis start: 1 leaver ÷ 10 on the first day"
is "$(ind staff.turnover status)" "pass" "basis start passes at 10%"

done_testing
