#!/bin/sh
# 465-complaints-activity: `complaints` (substantiated with insurer fault,
# severity filter, monthly chart), `volume`, `activity` (quarters up to the
# as-of day) and `solvency` (worst rating, C must be reported, no renewal
# below B) end to end; no records at all is na, never a pass.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"

msetup
mreport 2024
expect_rc 0 "report with no records exits 0"
for id in complaints.substantiated volume.data-check activity.training solvency.rating; do
	is "$(ind $id status)" "na" "$id without records is na"
done

mload complaints complaints.csv
mload activities activities.csv
mload ratings ratings.csv
mreport 2024
expect_rc 0 "report 2024 exits 0"
mvalidate "the scorecard validates"
is "$(ind complaints.substantiated value)" "2" "K1 (fault by default) and K4 count; K2 no fault, K3 not substantiated, K5 pending"
is "$(ind complaints.substantiated target-text)" "≤ 0 件" "target text ≤ 0 件"
is "$(items complaints.substantiated ref | tr '\n' ' ')" "K1 K4 " "the complaints listed"
is "$(ind complaints.substantiated awarded)" "2.00" "deduct-per-finding 4 of 10 points: 2 findings leave 2.00"
is "$(ind complaints.serious value)" "1" "severity=serious: only K4"
is "$(points complaints-monthly x)" "2024-03 2024-07" "chart: months"
is "$(points complaints-monthly group)" "delay denial" "chart: categories"
is "$(series_count complaints-monthly)" "1" "chart drawn once for two complaints indicators"

is "$(ind volume.data-check status)" "pass" "volume: two data checks meet min 2"
is "$(ind volume.data-check value)" "2" "volume value 2"
is "$(ind activity.training value)" "0.7500" "activity: Q3 without training, 3 of 4"
is "$(items activity.training ref)" "2024Q3" "activity: Q3 listed"
is "$(ind solvency.rating status)" "fail" "solvency: a C rating must be reported"
is "$(ind solvency.rating value-text)" "C" "solvency: worst rating C"
is "$(items solvency.rating ref)" "2024Q3" "solvency: the C quarter listed"
notes solvency.rating | grep -q "不得续约"; ok $? "solvency: below B the contract may not be renewed"

mreport 2024H1
is "$(ind volume.data-check status)" "fail" "H1: one data check is short of 2"
is "$(ind solvency.rating status)" "pass" "H1: AAA and BBB fold into A and B: pass"
is "$(ind solvency.rating value-text)" "B" "H1: worst B"
notes solvency.rating | grep -q "不得续约"; [ $? -ne 0 ]; ok $? "H1: no renewal note at B"

mreport 2024 --as-of 2024-08-15
is "$(ind activity.training value)" "1.0000" "as of 08-15: Q3 still running is not judged yet"
is "$(ind complaints.substantiated value)" "2" "as of 08-15: both complaints received"
mreport 2024 --as-of 2024-05-01
is "$(ind complaints.substantiated value)" "1" "as of 05-01: K4 not yet received"

done_testing
