#!/bin/sh
# 470-fees-luoyang: service fee per capita paid quarterly (002 第三条(四)),
# the audit band deductions (第三条(三)) at their exact boundaries and the
# per-breach damages (第五条(二)).
#
# Worked by hand:
#   insured at the prior year-end: population rows dated ≤ 2023-12-31, the
#   latest is 2023-12-31 → 1,000,000 (the 2024-06-30 row is later: unused).
#   fee for 2024 = 1.45 × 1,000,000 = 1,450,000.00; ÷ 4 = 362,500.00 a quarter.
#   Q1 900/1000 = 90.00%: not below 90% → 0.
#   Q2 899/1000 = 89.90% < 90% → 2% × 362,500.00 = 7,250.00.
#   Q3 80/100 = 80.00%: < 90% but not < 80% → 2% → 7,250.00.
#   Q4 79/100 = 79.00% < 80% → 5% (replaces 2%) → 18,125.00.
#   case review (第四条(五), damages trigger 第五条(二)) held in Q1-Q3, not
#   in Q4 → one breach in Q4: 2% × 362,500.00 = 7,250.00.
#   deductions = 7,250 + 7,250 + 18,125 + 7,250 = 39,875.00;
#   due = 1,450,000.00 − 39,875.00 = 1,410,125.00.
#   2025 (county rows only on 2024-12-31: 600,000 + 500,000 = 1,100,000):
#   1.45 × 1,100,000 = 1,595,000.00 → 398,750.00 a quarter.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=luoyang-zgyb-2024
money_setup $C
load population luoyang-population.csv $C
load activities luoyang-activities.csv $C
# audit samples: per quarter N samples of which P pass, over both streams
awk 'BEGIN {
	print "sample_id,audit_date,period,stream,result"
	split("1000 1000 100 100", n, " "); split("900 899 80 79", p, " ")
	for (q = 1; q <= 4; q++)
		for (i = 0; i < n[q]; i++)
			printf "Q%d-%04d,2024-%02d-10,2024Q%d,%s,%s\n", q, i, q * 3, q,
			       (i % 3 ? "routine-10pct" : "manual-5pct"), (i < p[q] ? "pass" : "fail")
	# a stream the contract does not name: ignored
	print "X-1,2024-05-10,2024Q2,other-stream,fail"
}' >"$WORK/audits.csv"
load audits "$WORK/audits.csv" $C

fees_xml --contract $C --period 2024
expect_rc 0 "fees --format xml exits 0"
is "$(fees model)" "service-fee-per-capita" "model"
is "$(line annual-fee)" "1450000.00" "year's fee 1.45 × 1,000,000 at 2023-12-31"
is "$(fx "count(/*/*[local-name()='quarter'])")" "4" "four quarters"
for q in 1 2 3 4; do
	is "$(quarter 2024Q$q fee)" "362500.00" "2024Q$q fee 362,500.00"
done
is "$(quarter 2024Q1 deduction)" "0.00" "Q1 at exactly 90.00%: no deduction"
is "$(quarter 2024Q1 deduction-rate)" "0.0000" "Q1 rate 0"
is "$(quarter 2024Q2 deduction)" "7250.00" "Q2 at 89.90%: 7,250.00"
is "$(quarter 2024Q2 deduction-rate)" "0.0200" "Q2 rate 2%"
is "$(quarter 2024Q3 deduction)" "7250.00" "Q3 at exactly 80.00%: the 2% band, 7,250.00"
is "$(quarter 2024Q4 deduction)" "18125.00" "Q4 at 79.00%: 5% replaces 2%, 18,125.00"
is "$(quarter 2024Q4 deduction-rate)" "0.0500" "Q4 rate 5%"

# The 5% band's re-review trigger fires because Q4 fell below 80%.
run "$KAOHE" report --contract $C --period 2024 --format xml -o "$WORK/sc.xml"
expect_rc 0 "scorecard for the year"
is "$(xmllint --xpath "count(//*[local-name()='trigger'][@action='re-review'])" "$WORK/sc.xml")" 1 \
	"79.00% in Q4 fires the re-review trigger (第三条(三))"
is "$(quarter 2024Q2 clause)" "第三条(三)" "deduction cites 第三条(三)"
is "$(nlines damages)" "1" "one breach: Q4 case review missing"
is "$(line damages)" "7250.00" "damages 2% of the quarter's fee"
is "$(fx "string(/*/*[local-name()='line'][@kind='damages']/@period)")" "2024Q4" "damages in Q4"
is "$(fx "string(/*/*[local-name()='line'][@kind='damages']/@indicator)")" "activity.case-review" \
	"damages name the failed indicator"
is "$(fx "string(/*/*[local-name()='line'][@kind='damages']/@clause)")" "第五条(二)" "damages cite 第五条(二)"
is "$(fees total)" "1450000.00" "total"
is "$(fees deductions)" "39875.00" "deductions 39,875.00"
is "$(fees due)" "1410125.00" "due 1,410,125.00"
validate_run "the stored scorecard with <fees> validates"
is "$(xmllint --xpath "string(//*[local-name()='fees']/@due)" "$WORK/sc.xml")" "1410125.00" \
	"the scorecard carries the same fees"

run "$KAOHE" fees --contract $C --period 2024
expect_rc 0 "text statement"
expect_out '2024Q2 稽核合格率 89\.90% \(899/1000\) < 90% → 扣除本季度经办服务费 2%: 7,250\.00' \
	"Q2 line explains the deduction"
expect_out '2024Q4 .*< 80% → .* 5%: 18,125\.00' "Q4 line cites the 80% band"
expect_out '1,410,125\.00' "text shows the amount due"
run "$KAOHE" fees --contract $C --period 2024 --lang en
expect_out 'audit pass rate 89\.90%' "English statement"

fees_xml --contract $C --period 2024Q2
is "$(fx "count(/*/*[local-name()='quarter'])")" "1" "a quarter period: one quarter"
is "$(fees due)" "355250.00" "Q2 due 362,500.00 − 7,250.00"
fees_xml --contract $C --period 2024Q2 --breach 2
is "$(line damages)" "14500.00" "two declared breaches: 2 × 7,250.00"
fees_xml --contract $C --period 2024Q4 --as-of 2024-09-30
is "$(quarter 2024Q4 deduction)" "0.00" "a quarter not begun at the as-of day is not judged"

load population luoyang-population-2025.csv $C
fees_xml --contract $C --period 2025Q1
is "$(line annual-fee)" "1595000.00" "county rows only: their sum 1,100,000 × 1.45"
is "$(quarter 2025Q1 fee)" "398750.00" "2025 quarter 398,750.00"

done_testing
