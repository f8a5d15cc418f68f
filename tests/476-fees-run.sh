#!/bin/sh
# 476-fees-run: `kaohe fees` and `kaohe settle` store a scoring run, and
# the run's <fees> is exactly the statement printed — declared facts
# (--breach, --terminated, --loss, --grade) and recorded facts (a
# termination notice and refunds) included.
#
# Worked by hand (Luoyang 2024Q2, as in 470-fees-luoyang):
#   the quarter's part 362,500.00; audit 899/1000 = 89.90% < 90% → 2%:
#   7,250.00; two declared breaches in the quarter: 第五条(二) charges
#   该季度2% once, 7,250.00; deductions 7,250.00 + 7,250.00 = 14,500.00;
#   due 362,500.00 − 14,500.00 = 348,000.00.
# Zhengzhou 2025 terminated (as in 471, 478): damages 5% × F =
#   6,500,000.00; the notice of 2025-09-24 confirms 4,000,000.00 due back
#   by 10-04, a National Day holiday, so by 10-09; 1,000,000.00 back on
#   10-09, 3,000,000.00 on 10-13: 10-10..10-13 = 4 days × 3,000,000.00 ×
#   0.05% = 6,000.00; net 5,168,000.00 − 6,506,000.00 = −1,338,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=luoyang-zgyb-2024
money_setup $C zhengzhou-dae-2025
load population luoyang-population.csv $C
load activities luoyang-activities.csv $C
awk 'BEGIN {
	print "sample_id,audit_date,period,stream,result"
	for (i = 0; i < 1000; i++)
		printf "Q2-%04d,2024-06-10,2024Q2,routine-10pct,%s\n", i, (i < 899 ? "pass" : "fail")
}' >"$WORK/audits.csv"
load audits "$WORK/audits.csv" $C

runs() { sql "SELECT COUNT(*) FROM score_runs"; }
# stored ATTR-XPATH: from the newest stored run's <fees>.
stored() {
	sql "SELECT scorecard_xml FROM score_runs ORDER BY id DESC LIMIT 1" >"$WORK/run.xml"
	xmllint --xpath "$1" "$WORK/run.xml" 2>/dev/null
}
F="//*[local-name()='fees']"

before=$(runs)
fees_xml --contract $C --period 2024Q2 --breach 2
expect_rc 0 "fees --breach 2 exits 0"
is "$(runs)" "$((before + 1))" "fees stores one scoring run"
is "$(fees deductions)" "14500.00" "printed deductions 7,250.00 + 7,250.00 (damages once a quarter)"
is "$(line damages)" "7250.00" "printed damages for two declared breaches: once"
is "$(stored "string($F/@deductions)")" "14500.00" "the stored run has the same deductions"
is "$(stored "string($F/@due)")" "348000.00" "the stored run has the same amount due"
is "$(stored "string($F/*[@kind='damages']/@amount)")" "7250.00" \
	"the stored run has the declared damages line"
# the same elements and attributes, once namespace and indentation are set aside
norm() { sed -e 's/ xmlns="[^"]*"//' -e 's/^ *//' | grep -v '^$'; }
stored "$F" | norm >"$WORK/stored-fees.xml"
xmllint --xpath "/*" "$WORK/fees.xml" 2>/dev/null | norm >"$WORK/printed-fees.xml"
[ -s "$WORK/printed-fees.xml" ] && cmp -s "$WORK/stored-fees.xml" "$WORK/printed-fees.xml"
ok $? "the stored <fees> is the printed one, element for element"
validate_run "the stored run validates"

run "$KAOHE" fees --contract $C --period 2024Q2 --breach 2
expect_out '14,500\.00' "the text statement shows the same deductions"
is "$(stored "string($F/@deductions)")" "14500.00" "and stores them too"

fees_xml --contract $C --period 2024Q2
is "$(stored "string($F/@deductions)")" "7250.00" "without declarations the run holds none"

settle_xml --contract zhengzhou-dae-2025 --year 2025 --terminated
expect_rc 0 "settle exits 0"
load population zhengzhou-population.csv zhengzhou-dae-2025
load finance zhengzhou-finance.csv zhengzhou-dae-2025
load roster zhengzhou-roster.csv zhengzhou-dae-2025
load facts zhengzhou-termination.csv zhengzhou-dae-2025
before=$(runs)
settle_xml --contract zhengzhou-dae-2025 --year 2025 --terminated
is "$(runs)" "$((before + 1))" "settle stores one scoring run"
is "$(fees due)" "-1338000.00" "printed net −1,338,000.00"
is "$(stored "string($F/@due)")" "-1338000.00" "the stored run has the same net"
is "$(stored "count($F/*[@kind='damages'])")" "2" "and both damages lines (declared, recorded)"
is "$(stored "string($F/*[@kind='late-refund']/@amount)")" "6000.00" "the late days counted from the facts"
settle_xml --contract zhengzhou-dae-2025 --year 2025 --grade 良好
is "$(stored "string($F/*[@kind='profit-held']/@grade)")" "良好" "the stored run has the grade given"

run "$KAOHE" fees --help
expect_out 'scoring run|评分记录' "fees --help says a run is stored"
run "$KAOHE" settle --help --lang en
expect_out 'exactly the statement printed' "settle --help says what the run holds"

done_testing
