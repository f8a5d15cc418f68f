#!/bin/sh
# 402-staff-share: `staff-share` compares exactly as integers (matching × den
# ≥ total × num): 5000 medical of 10,000 is exactly 50.00% and passes; 4999
# of 10,000 (49.99%) fails on every day, each day listed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

# roster_of N MEDICAL: N people on the city post all year, MEDICAL of them
# medical.
roster_of() {
	awk -v n="$1" -v m="$2" 'BEGIN {
		print "staff_id,post,specialty,start_date"
		for (i = 1; i <= n; i++)
			printf "S%05d,city,%s,2024-01-01\n", i, (i <= m ? "medical" : "other")
	}' >"$WORK/roster-$1-$2.csv"
}

roster_of 10000 4999
roster_of 10000 5000
score_setup score-staff.xml
load roster "$WORK/roster-10000-4999.csv" score-staff
score --contract score-staff --period 2024
expect_rc 0 "score runs on 10,000 people"
is "$(ind staff.medical-share status)" "fail" "49.99% fails"
is "$(ind staff.medical-share value)" "0.4999" "value 0.4999"
is "$(ind staff.medical-share value-text)" "最低 49.99%" "value text in percent"
is "$(ind staff.medical-share target)" "0.5000" "target 0.5000"
is "$(ind staff.medical-share target-text)" "≥ 50.00%" "target text"
is "$(evidence staff.medical-share count)" "366" "every day of 2024 is below"
is "$(evidence staff.medical-share shown)" "200" "evidence kept to 200 items"
is "$(items staff.medical-share share | head -n 1)" "49.99%" "each day shows its share"
is "$(items staff.medical-share matching | head -n 1)" "4999" "each day shows the medical count"
validate "scorecard validates"

export KAOHE_DB=$WORK/second.db
score_setup score-staff.xml
load roster "$WORK/roster-10000-5000.csv" score-staff
score --contract score-staff --period 2024
is "$(ind staff.medical-share status)" "pass" "exactly 50.00% passes"
is "$(ind staff.medical-share value)" "0.5000" "value 0.5000"
is "$(evidence staff.medical-share count)" "" "no evidence when nothing is below"

# One day below: person S00001 (medical) away on 2024-06-01 only.
{
	echo "staff_id,post,specialty,start_date,end_date,end_reason"
	echo "M1,resident,medical,2024-01-01,2024-05-31,other"
	echo "M1,resident,medical,2024-06-02,,"
	echo "M2,resident,medical,2024-01-01,,"
	echo "O1,resident,other,2024-01-01,,"
	echo "O2,resident,it,2024-01-01,,"
} >"$WORK/one-day.csv"
export KAOHE_DB=$WORK/third.db
score_setup score-staff.xml
load roster "$WORK/one-day.csv" score-staff
score --contract score-staff --period 2024
is "$(ind staff.medical-share status)" "fail" "one day at 1 of 3 fails"
is "$(items staff.medical-share date)" "2024-06-01" "the day is the evidence"
is "$(ind staff.medical-share value)" "0.3333" "lowest share 1/3"

done_testing
