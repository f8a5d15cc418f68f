#!/bin/sh
# 404-county-staffing: per-county staffing (per-unit="yes", per="200000")
# with population records: each county named by <units> or the population
# records is judged on its own against ceil(insured ÷ 200000) from the
# record in force on each day; a mid-year population change raises the
# requirement from that day; deduct-per-finding costs points per short day.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

score_setup score-staff.xml
load roster roster-county.csv score-staff
load population population-county.csv score-staff
score --contract score-staff --period 2024
expect_rc 0 "score"
is "$(ind staff.county status)" "fail" "one county short fails the indicator"
is "$(evidence staff.county count)" "366" "甲县 (350,000 insured, 1 person) short every day"
is "$(evidence staff.county shown)" "200" "evidence kept to 200 items, all counted"
is "$(items staff.county unit | sort -u)" "甲县" "every finding names 甲县; 乙县 (150,000, 1 person) is fine"
is "$(items staff.county required | sort -u)" "2" "甲县 needs ceil(350000 ÷ 200000) = 2"
is "$(items staff.county headcount | sort -u)" "1" "甲县 has 1"
is "$(ind staff.county awarded)" "0.00" "366 findings × 0.1 take all 25 points, not below 0"
is "$(ind staff.county value)" "1" "value is the lowest daily headcount of any county"
validate "scorecard validates"

export KAOHE_DB=$WORK/midyear.db
score_setup score-staff.xml
load roster roster-county.csv score-staff
load population population-midyear.csv score-staff
score --contract score-staff --period 2024
is "$(ind staff.county status)" "fail" "a rise in 乙县's population fails the indicator"
is "$(evidence staff.county count)" "184" "from 2024-07-01 to 2024-12-31"
is "$(items staff.county date | head -n 1)" "2024-07-01" "the first short day is the day the new count takes effect"
is "$(items staff.county unit | sort -u)" "乙县" "all in 乙县; 甲县 uses its 2023-12-31 record (150,000: 1 needed)"
is "$(items staff.county required | sort -u)" "2" "250,000 needs 2"
is "$(ind staff.county awarded)" "6.60" "25 − 184 × 0.1 = 6.60"
score --contract score-staff --period 2024H1
is "$(ind staff.county status)" "pass" "the first half is fine"

# A county named only by the population records is judged too.
printf 'date,unit,insured\n2024-01-01,丙县,100000\n' >"$WORK/third-county.csv"
load population "$WORK/third-county.csv" score-staff
score --contract score-staff --period 2024H1
is "$(ind staff.county status)" "fail" "丙县 from the population records has nobody"
is "$(items staff.county unit | sort -u)" "丙县" "the finding names 丙县"
is "$(evidence staff.county count)" "182" "every day of the first half"

done_testing
