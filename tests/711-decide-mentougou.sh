#!/bin/sh
# 711-decide-mentougou: Mentougou through its milestones (issue 17) — the
# acceptance fact recorded, the discretionary damages (第五条(四) 甲方有权…
# 一种或多种) proposed then confirmed by the purchaser, payments netted in
# the ledger; the log keeps each step with its before and after.
#
# Worked by hand (004 第三条(二), 第五条(四)(六)):
#   contract fee 1,680,000.00: signing 840,000.00 (paid 03-05), first
#   report 504,000.00 (paid), acceptance 336,000.00 (验收合格 12-10).
#   volume.receipts-checked fails (200,000 < 250,000): 5% damages of the
#   total = 84,000.00, line 2024:第五条(四):breach, proposed: not deducted,
#   due 1,680,000.00, payable now 1,680,000 − 1,344,000 = 336,000.00.
#   Confirmed: deducted (第五条(六) offset): due 1,596,000.00; payable
#   now 1,596,000 − 1,344,000 = 252,000.00.
#   Ledger as of 2024-12-31: signing 840,000 − 840,000 = 0; first report
#   504,000 − 504,000 = 0; acceptance 336,000 − 0 = 336,000; confirmed
#   damages −84,000 → payable now 252,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"
export KAOHE_USER=记录员

C=mentougou-fzfw-2024
money_setup $C
load activities mentougou-activities.csv $C
load activities mentougou-outside.csv $C
load finance mentougou-paid-signing.csv $C
load finance mentougou-paid-progress.csv $C
L='2024:第五条(四):breach'

fees_xml --contract $C --period 2024 --as-of 2024-12-09
is "$(nlines milestone-pending)" "1" "before acceptance: the acceptance part pending"
run "$KAOHE" import facts "$MONEY_DATA/mentougou-acceptance.csv" --contract $C
expect_rc 0 "the acceptance fact recorded (验收合格 2024-12-10)"

fees_xml --contract $C --period 2024
is "$(fx "string(//*[local-name()='line'][@kind='damages-proposed']/@id)")" "$L" \
	"the discretionary damages line's id"
is "$(fx "string(//*[local-name()='line'][@id='$L']/@state)")" "proposed" "it starts proposed"
is "$(line damages-proposed)" "84000.00" "5% × 1,680,000.00"
is "$(fees due)" "1680000.00" "proposed discretionary damages are not deducted"
is "$(fees due-confirmed)" "1680000.00" "nor in the confirmed view"
is "$(line payable)" "336000.00" "payable now 336,000.00"

run "$KAOHE" decide --contract $C "$L" --confirm --reason 验收核查量未达协议要求 --by 门头沟医保局
expect_rc 0 "the purchaser confirms the damages"
expect_out '1,680,000\.00 → 1,596,000\.00' "due before → after"
fees_xml --contract $C --period 2024
is "$(nlines damages-proposed)" "0" "no longer proposed"
is "$(fx "string(//*[local-name()='line'][@id='$L']/@kind)")" "damages" "now damages applied"
is "$(fx "string(//*[local-name()='line'][@id='$L']/@state)")" "confirmed" "confirmed"
is "$(fees deductions)" "84000.00" "deducted (第五条(六))"
is "$(fees due)" "1596000.00" "due 1,596,000.00"
is "$(fees due-confirmed)" "1596000.00" "the same counting confirmed lines only"
is "$(line payable)" "252000.00" "payable now 1,596,000 − 1,344,000 = 252,000.00"
validate_run "the scorecard with a confirmed line validates"

run "$KAOHE" ledger --contract $C --as-of 2024-12-31 --format xml
expect_rc 0 "ledger"
cp "$WORK/out" "$WORK/ledger.xml"
lx() { xmllint --xpath "$1" "$WORK/ledger.xml" 2>/dev/null; }
is "$(lx "string(//*[local-name()='row'][@id='signing']/@payable)")" "0.00" "signing paid"
is "$(lx "string(//*[local-name()='row'][@id='first-report']/@payable)")" "0.00" "first report paid"
is "$(lx "string(//*[local-name()='row'][@id='acceptance']/@payable)")" "336000.00" "acceptance due"
is "$(lx "string(//*[local-name()='row'][@kind='confirmed']/@damages)")" "84000.00" \
	"the confirmed damages"
is "$(lx "string(/*/@paid)") $(lx "string(/*/@payable)")" "1344000.00 252000.00" \
	"paid 1,344,000.00; payable now 252,000.00"
run "$KAOHE" ledger --contract $C --as-of 2024-12-31
expect_out '现应付 252,000\.00' "the text ledger ends with the payable"

# waive after all: the line stops counting, the history stays
run "$KAOHE" decide --contract $C "$L" --waive --reason 乙方已补做 --by 门头沟医保局
expect_rc 0 "waived"
fees_xml --contract $C --period 2024
is "$(fees due)" "1680000.00" "a waived line is not deducted"
is "$(fees waived)" "84000.00" "and is shown as waived"
is "$(sql "SELECT count(*) FROM decisions")" "2" "both decisions kept"

run "$KAOHE" log --contract $C
expect_out '导入 .*mentougou-acceptance\.csv' "the acceptance import is logged"
expect_out '"kind": "facts"' "with its kind and counts"
expect_out '确认 .*第五条\(四\)' "the confirmation is logged"
expect_out '免除 .*第五条\(四\)' "the waiver is logged"
expect_out '理由: 乙方已补做' "with its reason"
case $(sql "SELECT after FROM audit_log WHERE action = 'confirm'") in
*'"due": "1596000.00"'*) r=0 ;; *) r=1 ;; esac
ok $r "the confirmation keeps the statement after it"
run "$KAOHE" --lang en log --contract $C
expect_out 'confirm .*breach' "the log in English"
done_testing
