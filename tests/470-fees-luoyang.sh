#!/bin/sh
# 470-fees-luoyang: service fee per capita paid quarterly (002 第三条(四)),
# the audit band deductions (第三条(三)) at their exact boundaries, the
# damages once per quarter in which a breach occurred (第五条(二)), each
# quarter's payable, and the fee basis at the prior year-end summed over
# counties, never an older year's count.
#
# Worked by hand:
#   insured at the prior year-end: whole-contract rows dated ≤ 2023-12-31,
#   the latest is 2023-12-31 → 1,000,000 (the 2024-06-30 row is later).
#   fee for 2024 = 1.45 × 1,000,000 = 1,450,000.00; ÷ 4 = 362,500.00 a quarter.
#   Q1 900/1000 = 90.00%: not below 90% → 0.
#   Q2 8,999/10,000 = 89.99% < 90% → 2% × 362,500.00 = 7,250.00.
#   Q3 80/100 = 80.00%: < 90% but not < 80% → 2% → 7,250.00.
#   Q4 79/100 = 79.00% < 80% → 5% (replaces 2%) → 18,125.00, re-review.
#   Breaches (第五条(二)): in Q2 only — no case review in Q2 (第四条(五))
#   and 涧西区 without a medical officer from 04-01 to 06-30 (第四条(一)):
#   two failing indicators, one quarter → 2% × 362,500.00 = 7,250.00 once.
#   Q1 payable 362,500.00; Q2 362,500 − 7,250 − 7,250 = 348,000.00;
#   Q3 355,250.00; Q4 344,375.00.
#   deductions = 7,250 + 7,250 + 18,125 + 7,250 = 39,875.00;
#   due = 1,450,000.00 − 39,875.00 = 1,410,125.00 (= the payables summed).
#   2025 (a second database, county rows only): 涧西区 600,000 on
#   2024-12-31, 西工区 500,000 on 2024-11-30 (its 2025-01-01 row is later):
#   1.45 × 1,100,000 = 1,595,000.00 → 398,750.00 a quarter.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=luoyang-zgyb-2024
money_setup $C
load population luoyang-population.csv $C
# a county row names 涧西区 for the county staffing; the whole-contract
# rows stay the count (kh_population_daily: own rows win, no double count)
printf 'date,unit,insured\n2023-12-31,涧西区,120000\n' >"$WORK/county.csv"
load population "$WORK/county.csv" $C
# case review in Q1, Q3 and Q4 (none in Q2); training every quarter
cat >"$WORK/activities.csv" <<'EOF'
date,kind,count
2024-02-20,case-review,1
2024-08-20,case-review,1
2024-11-20,case-review,1
2024-02-21,training,1
2024-05-21,training,1
2024-08-21,training,1
2024-11-21,training,1
EOF
load activities "$WORK/activities.csv" $C
# 涧西区: K2 (other) all year; K1 (medical) to 03-31, K3 (medical) from
# 07-01: no medical officer in Q2; one or two people every day (1-2 holds)
cat >"$WORK/roster.csv" <<'EOF'
staff_id,name,post,unit,specialty,start_date,end_date,end_reason
K1,甲,county,涧西区,medical,2024-01-01,2024-03-31,resign
K2,乙,county,涧西区,other,2024-01-01,,
K3,丙,county,涧西区,medical,2024-07-01,,
EOF
load roster "$WORK/roster.csv" $C
# audit samples: per quarter N samples of which P pass, over both streams
awk 'BEGIN {
	print "sample_id,audit_date,period,stream,result"
	split("1000 10000 100 100", n, " "); split("900 8999 80 79", p, " ")
	for (q = 1; q <= 4; q++)
		for (i = 0; i < n[q]; i++)
			printf "Q%d-%05d,2024-%02d-10,2024Q%d,%s,%s\n", q, i, q * 3, q,
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
is "$(quarter 2024Q2 deduction)" "7250.00" "Q2 at 89.99%: 7,250.00"
is "$(quarter 2024Q2 deduction-rate)" "0.0200" "Q2 rate 2%"
is "$(quarter 2024Q3 deduction)" "7250.00" "Q3 at exactly 80.00%: the 2% band, 7,250.00"
is "$(quarter 2024Q4 deduction)" "18125.00" "Q4 at 79.00%: 5% replaces 2%, 18,125.00"
is "$(quarter 2024Q4 deduction-rate)" "0.0500" "Q4 rate 5%"
is "$(quarter 2024Q2 clause)" "第三条(三)" "deduction cites 第三条(三)"

# Damages: one line for Q2, whatever the number of failing indicators.
is "$(nlines damages)" "1" "one quarter with breaches: one damages line"
is "$(line damages)" "7250.00" "2% of the quarter's fee, once"
is "$(fx "string(/*/*[local-name()='line'][@kind='damages']/@period)")" "2024Q2" "damages in Q2"
case $(linetext damages) in
*staff.county.medical*activity.case-review*) r=0 ;; *) r=1 ;; esac
ok $r "the line names both failing indicators"
case $(linetext damages) in *每季度计一次*) r=0 ;; *) r=1 ;; esac
ok $r "the line says the damages are once per quarter"
is "$(fx "string(/*/*[local-name()='line'][@kind='damages']/@clause)")" "第五条(二)" "damages cite 第五条(二)"
is "$(quarter 2024Q2 damages)" "7250.00" "Q2 carries the damages"
is "$(quarter 2024Q4 damages)" "0.00" "Q4 no breach"
is "$(quarter 2024Q1 payable) $(quarter 2024Q2 payable) $(quarter 2024Q3 payable) $(quarter 2024Q4 payable)" \
	"362500.00 348000.00 355250.00 344375.00" "each quarter's payable: fee − deduction − damages"
is "$(fees total)" "1450000.00" "total"
is "$(fees deductions)" "39875.00" "deductions 39,875.00"
is "$(fees due)" "1410125.00" "due 1,410,125.00"

# The 5% band's re-review trigger fires because Q4 fell below 80%.
run "$KAOHE" report --contract $C --period 2024 --format xml -o "$WORK/sc.xml"
expect_rc 0 "scorecard for the year"
is "$(xmllint --xpath "count(//*[local-name()='trigger'][@action='re-review'])" "$WORK/sc.xml")" 1 \
	"79.00% in Q4 fires the re-review trigger (第三条(三))"
validate_run "the stored scorecard with <fees> validates"
is "$(xmllint --xpath "string(//*[local-name()='fees']/@due)" "$WORK/sc.xml")" "1410125.00" \
	"the scorecard carries the same fees"

run "$KAOHE" fees --contract $C --period 2024
expect_rc 0 "text statement"
expect_out '2024Q2 稽核合格率 89\.99% \(8999/10000\) < 90% → 扣除本季度经办服务费 2%: 7,250\.00' \
	"Q2 line explains the deduction"
expect_out '2024Q4 .*< 80% → .* 5%: 18,125\.00；启动重新复核，复核费用由乙方支付' \
	"Q4 line cites the 80% band and the re-review at the insurer's cost"
expect_out '2024Q2 +362,500\.00 +2\.00% +7,250\.00 +7,250\.00 +348,000\.00' \
	"the quarter table prints Q2's damages and payable"
expect_out '1,410,125\.00' "text shows the amount due"
run "$KAOHE" fees --contract $C --period 2024 --lang en
expect_out 'audit pass rate 89\.99%' "English statement"

fees_xml --contract $C --period 2024Q2
is "$(fx "count(/*/*[local-name()='quarter'])")" "1" "a quarter period: one quarter"
is "$(fees due)" "348000.00" "Q2 due 362,500.00 − 7,250.00 − 7,250.00"
fees_xml --contract $C --period 2024Q2 --breach 2
is "$(line damages)" "7250.00" "two declared breaches in a quarter that has one: still 7,250.00 once"
fees_xml --contract $C --period 2024Q1 --breach 2
is "$(line damages)" "7250.00" "two declared breaches in Q1: 7,250.00 once"
is "$(fees due)" "355250.00" "Q1 due 362,500.00 − 7,250.00"
fees_xml --contract $C --period 2024Q4 --as-of 2024-09-30
is "$(fx "count(/*/*[local-name()='quarter'])")" "0" "a quarter not begun at the as-of day: no quarter"
is "$(fees total)" "0.00" "… no fee, deduction or damages"
case $(linetext annual-fee) in *2024Q4*尚未开始*) r=0 ;; *) r=1 ;; esac
ok $r "… and the statement says why"
fees_xml --contract $C --period 2026
is "$(fees due)" "0.00" "2026 is outside the term: nothing due"

# --- the 2025 basis: 2024-12-31, county rows summed --------------------------
export KAOHE_DB=$WORK/basis.db
money_setup $C
load population luoyang-population-2025.csv $C
fees_xml --contract $C --period 2025Q1
expect_rc 0 "2025 statement"
is "$(line annual-fee)" "1595000.00" "(600,000 + 500,000) × 1.45 at 2024-12-31"
is "$(quarter 2025Q1 fee)" "398750.00" "2025 quarter 398,750.00"
fees_xml --contract $C --period 2024
is "$(nlines missing-population)" "1" "2024 needs 2023-12-31: no record, said so"
is "$(fees due)" "0.00" "… and nothing due"
# a county whose latest row is of 2023: no older year's count for 2025
printf 'date,unit,insured\n2023-12-31,老城区,60000\n' >"$WORK/old.csv"
load population "$WORK/old.csv" $C
fees_xml --contract $C --period 2025
is "$(nlines missing-population)" "1" "老城区 last counted 2023-12-31: the 2025 basis is missing"
is "$(fx "count(/*/*[local-name()='quarter'])")" "0" "… no quarter, no fee"
expect_err '老城区' "… and a warning names the county"
# a stale row (before 2024-09-30) is used, with a note and a warning
printf 'date,unit,insured\n2024-09-29,老城区,60000\n' >"$WORK/stale.csv"
load population "$WORK/stale.csv" $C
fees_xml --contract $C --period 2025
is "$(line annual-fee)" "1682000.00" "(600,000 + 500,000 + 60,000) × 1.45"
case $(linetext annual-fee) in *注意*2024-09-30*) r=0 ;; *) r=1 ;; esac
ok $r "the line notes the row more than a quarter old"
expect_err '早于 2024-09-30' "… and so does a warning"

done_testing
