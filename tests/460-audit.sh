#!/bin/sh
# 460-audit: `audit-pass-rate` end to end over 10,000 samples a quarter:
# exactly 90.00% (no band), 89.99% (2%), 80.00% (2%) and 79.99% (5% and
# re-review, replacing 2%, not adding to it); streams not named are left
# out; the value is the year's pooled rate, each quarter judged on its own
# for the status; rates as percentages in the evidence; the chart.
#
# Worked by hand: pooled (9,000 + 8,999 + 8,000 + 7,999) ÷ 40,000 =
# 33,998 ÷ 40,000 = 0.84995 → 0.8500, shown 85.00% (half away from zero);
# the year fails because Q2-Q4 are each below 90%.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"

msetup
# Quarter q has 10,000 samples of which pass[q] pass, split over the two
# named streams; plus 50 failing samples of another stream in Q1.
awk 'BEGIN {
	print "sample_id,audit_date,period,stream,result,finding"
	split("9000 8999 8000 7999", pass, " ")
	split("02 05 08 11", month, " ")
	for (q = 1; q <= 4; q++)
		for (i = 1; i <= 10000; i++)
			printf "S%d-%05d,2024-%s-15,2024Q%d,%s,%s,%s\n", q, i, month[q], q,
				(i % 2 ? "routine-10pct" : "manual-5pct"),
				(i <= pass[q] ? "pass" : "fail"), (i <= pass[q] ? "" : "金额有误")
	for (i = 1; i <= 50; i++)
		printf "X%02d,2024-02-20,2024Q1,other-stream,fail,\n", i
}' >"$WORK/audits.csv"
mload audits "$WORK/audits.csv"

mreport 2024
expect_rc 0 "report 2024 exits 0"
mvalidate "the scorecard validates"
is "$(ind audit.pass-rate value)" "0.8500" "value: the year's samples pooled, 33,998/40,000"
is "$(ind audit.pass-rate value-text)" "85.00%" "value text 85.00% (not the worst quarter's 79.99%)"
is "$(ind audit.pass-rate target-text)" "每季度 ≥ 90.00%" "target text: each quarter"
is "$(ind audit.pass-rate status)" "fail" "fails: quarters below 90%"
n=$(notes audit.pass-rate)
case $n in
*"2024Q1 90.00% (9000/10000)，不扣减"*"2024Q2 89.99% (8999/10000)，扣减本季度服务费 2.00%"*"2024Q4 79.99% (7999/10000)，扣减本季度服务费 5.00%，启动重新复核"*) r=0 ;;
*) r=1 ;; esac
ok $r "a note gives each quarter's rate and band"
[ $r -eq 0 ] || diag "$n"
is "$(item audit.pass-rate 2024Q1 ref)" "" "Q1 at exactly 90.00% (other stream left out) is not below"
is "$(item audit.pass-rate 2024Q2 rate)" "89.99%" "Q2 at 89.99%, as a percentage"
is "$(item audit.pass-rate 2024Q2 deduct)" "2.00%" "Q2: 89.99% → 2%"
is "$(item audit.pass-rate 2024Q3 rate)" "80.00%" "Q3 at 80.00%"
is "$(item audit.pass-rate 2024Q3 deduct)" "2.00%" "Q3: 80.00% → 2% (not below 80%)"
is "$(item audit.pass-rate 2024Q4 deduct)" "5.00%" "Q4: 79.99% → 5%, not 7%"
is "$(item audit.pass-rate 2024Q4 action)" "启动重新复核，复核费用由乙方支付" "Q4: the 80% band's re-review, in words"
is "$(evidence audit.pass-rate count)" "5005" "evidence counts 3 quarters and 1001+2000+2001 failed samples"
is "$(evidence audit.pass-rate shown)" "200" "… and shows a bounded number"
is "$(item audit.pass-rate S2-09000 finding)" "金额有误" "a failed sample of Q2 with its finding"
is "$(points audit-quarterly x)" "2024Q1 2024Q2 2024Q3 2024Q4" "chart: four quarters"
is "$(points audit-quarterly y)" "0.9000 0.8999 0.8000 0.7999" "chart: the exact rates"
is "$(xp "count(//*[@id='audit-quarterly']/*[local-name()='ref-line'])")" "2" \
	"chart: a reference line per band"

mreport 2024Q1
is "$(ind audit.pass-rate status)" "pass" "Q1 alone at exactly 90.00% passes"
is "$(ind audit.pass-rate value)" "0.9000" "Q1 value 0.9000"
mreport 2024-05
is "$(ind audit.pass-rate value)" "0.8999" "a month scores its quarter"
mreport 2023
is "$(ind audit.pass-rate status)" "na" "a year without samples is na"

done_testing
