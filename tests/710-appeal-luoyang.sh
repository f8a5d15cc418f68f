#!/bin/sh
# 710-appeal-luoyang: Luoyang through a quarter (issue 17) — an audit
# deduction proposed, appealed on two samples, overturned, re-scored (the
# deduction disappears), the ledger shows the payable; the log shows each
# step with its before and after; nothing in the log can be changed.
#
# Worked by hand:
#   fee 2024: 1.45 × 1,000,000 = 1,450,000.00 → 362,500.00 a quarter.
#   2024Q2 audit: 100 samples, 88 pass = 88.00% < 90% (not < 80%)
#   → 2% × 362,500.00 = 7,250.00, line 2024Q2:第三条(三):audit.pass-rate,
#   proposed: due (as proposed) 362,500 − 7,250 = 355,250.00; due counting
#   confirmed lines only 362,500.00.
#   Confirmed: due-confirmed 355,250.00.
#   Appeal on Q2-F01 and Q2-F02 (failed), overturned: 90/100 = 90.00%, not
#   below 90% → no deduction; the re-review cost 1,200.00 (第三条(三)
#   复核相关费用由乙方支付) is a line of its own, proposed.
#   Ledger as of 2024-07-15, 300,000.00 paid (finance service-fee), applied
#   to the quarters in order: Q1 362,500.00 − 300,000.00 = 62,500.00; Q2
#   362,500.00 − 0 − 0 − 0 = 362,500.00; Q3 not ended: nothing due yet;
#   payable now 425,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"
export KAOHE_USER=测试员

C=luoyang-zgyb-2024
money_setup $C
load population luoyang-population.csv $C
awk 'BEGIN {
	print "sample_id,audit_date,period,stream,result,finding"
	for (i = 1; i <= 100; i++)
		printf "Q2-%s%02d,2024-06-10,2024Q2,routine-10pct,%s,%s\n",
		       (i <= 88 ? "P" : "F"), i, (i <= 88 ? "pass" : "fail"),
		       (i <= 88 ? "" : "金额计算错误")
}' >"$WORK/audits.csv"
run "$KAOHE" import audits "$WORK/audits.csv" --contract $C
expect_rc 0 "audits imported"
L='2024Q2:第三条(三):audit.pass-rate'

fees_xml --contract $C --period 2024Q2
expect_rc 0 "the quarter's statement"
is "$(fx "string(//*[local-name()='line'][@kind='deduction']/@id)")" "$L" "the deduction line's id"
is "$(fx "string(//*[local-name()='line'][@id='$L']/@state)")" "proposed" "it starts proposed"
is "$(fx "string(//*[local-name()='line'][@id='$L']/@amount)")" "7250.00" "2% of 362,500.00"
is "$(fees due)" "355250.00" "due as proposed: 362,500 − 7,250"
is "$(fees due-confirmed)" "362500.00" "due counting confirmed lines only: nothing deducted"
is "$(fees proposed) $(fees confirmed)" "7250.00 0.00" "proposed and confirmed apart"
is "$(quarter 2024Q2 payable-confirmed)" "362500.00" "the quarter's payable, confirmed only"
validate_run "the scorecard with line ids and states validates"

run "$KAOHE" fees --contract $C --period 2024Q2
expect_out '待确认' "the text statement shows the state"
expect_out '编号: 2024Q2:第三条\(三\):audit\.pass-rate' "and the line's id, for kaohe decide"
expect_out '应付（仅扣已确认） 362,500\.00' "and the due counting confirmed lines only"

# decisions: waiving needs a reason; an unknown line is refused
run "$KAOHE" decide --contract $C "$L" --waive --by 张科长
expect_rc 64 "waive without a reason is refused"
run "$KAOHE" decide --contract $C '2024Q2:第三条(三):nothing' --confirm --by 张科长
expect_rc 66 "an unknown line is refused"
expect_err 'audit\.pass-rate' "the message lists the statement's lines"
run "$KAOHE" decide --contract $C "$L" --confirm --reason 稽核结果属实 --by 张科长
expect_rc 0 "the deduction confirmed"
expect_out '362,500\.00 → 355,250\.00' "due (confirmed only) before → after"
fees_xml --contract $C --period 2024Q2
is "$(fx "string(//*[local-name()='line'][@id='$L']/@state)")" "confirmed" "the line is confirmed"
is "$(fees due-confirmed)" "355250.00" "a confirmed line reduces what is payable"

# the insurer appeals two samples
run "$KAOHE" appeal add --contract $C --period 2024Q2 --indicator audit.pass-rate \
	--ref Q2-F89 --ref Q2-F90 --reason 两份样本金额计算无误 --by 乙方经办
expect_rc 0 "appeal filed"
is "$(cat "$WORK/out")" "1" "it prints the appeal's number"
run "$KAOHE" appeal add --contract $C --period 2024Q2 --indicator audit.pass-rate \
	--ref NO-SUCH --reason x --by 乙方经办
expect_rc 66 "an unknown sample is refused"
run "$KAOHE" appeal decide 1 --partial --ref Q2-P01 --reason x --by 张科长
expect_rc 64 "partial on an item the appeal does not name is refused"
run "$KAOHE" appeal decide 1 --overturn --cost 1200 --reason 复核确认两份样本合格 --by 张科长
expect_rc 0 "appeal overturned"
expect_out '改判' "it says overturned"
expect_out '355,250\.00 → 362,500\.00' "re-scored: the deduction is gone"
run "$KAOHE" appeal decide 1 --uphold --reason again --by 张科长
expect_rc 65 "a decided appeal cannot be decided again"

fees_xml --contract $C --period 2024Q2
is "$(nlines deduction)" "0" "90/100 = 90.00% is not below 90%: no deduction line"
is "$(quarter 2024Q2 deduction)" "0.00" "no deduction in the quarter"
is "$(fx "string(//*[local-name()='line'][@kind='re-review-cost']/@amount)")" "1200.00" \
	"the re-review cost is a money line (第三条(三))"
is "$(fx "string(//*[local-name()='line'][@kind='re-review-cost']/@id)")" \
	"2024Q2:第三条(三):re-review-1" "its id"
is "$(fx "string(//*[local-name()='line'][@kind='re-review-cost']/@state)")" "proposed" \
	"proposed until confirmed"
is "$(fees due-confirmed)" "362500.00" "nothing confirmed is deducted"
run "$KAOHE" report --contract $C --period 2024Q2 --format xml -o "$WORK/sc.xml"
is "$(xmllint --xpath "string(//*[local-name()='indicator'][@id='audit.pass-rate']/@status)" "$WORK/sc.xml")" \
	"pass" "the audit indicator passes after the overturn"

run "$KAOHE" appeal list --contract $C
expect_rc 0 "appeal list"
expect_out '^1 .*audit.pass-rate +改判' "the appeal, overturned"
expect_out '稽核样本 Q2-F89 +改判' "each item's outcome"

# the ledger: 300,000.00 paid by 2024-07-15
printf 'date,kind,amount,note\n2024-07-10,service-fee,300000.00,二季度服务费\n' >"$WORK/paid.csv"
run "$KAOHE" import finance "$WORK/paid.csv" --contract $C
run "$KAOHE" ledger --contract $C --as-of 2024-07-15 --format xml
expect_rc 0 "ledger as XML"
cp "$WORK/out" "$WORK/ledger.xml"
lx() { xmllint --xpath "$1" "$WORK/ledger.xml" 2>/dev/null; }
is "$(lx "string(//*[local-name()='row'][@id='2024Q1']/@payable)")" "62500.00" \
	"payments go to the quarters in order: Q1 362,500.00 − 300,000.00 = 62,500.00"
is "$(lx "string(//*[local-name()='row'][@id='2024Q2']/@payable)")" "362500.00" \
	"Q2: 362,500.00 − 0 (the deduction is gone) − 0 damages − 0 paid"
is "$(lx "string(//*[local-name()='row'][@id='2024Q3']/@kind)") $(lx "string(//*[local-name()='row'][@id='2024Q3']/@fee)")" \
	"quarter-open 0.00" "Q3 has not ended on 2024-07-15: nothing due yet"
is "$(lx "string(/*/@payable)")" "425000.00" "payable now: 62,500.00 + 362,500.00"
run "$KAOHE" ledger --contract $C --as-of 2024-07-15
expect_out '现应付' "the ledger as text"

# an appeal on the indicator alone (no items), overturned: nothing is
# re-judged, the finding's money lines of the period are waived.
# 2024Q3: 85/100 = 85.00% < 90% → 7,250.00 proposed.
awk 'BEGIN {
	print "sample_id,audit_date,period,stream,result"
	for (i = 1; i <= 100; i++)
		printf "Q3-%03d,2024-09-10,2024Q3,routine-10pct,%s\n", i, (i <= 85 ? "pass" : "fail")
}' >"$WORK/q3.csv"
run "$KAOHE" import audits "$WORK/q3.csv" --contract $C
L3='2024Q3:第三条(三):audit.pass-rate'
run "$KAOHE" appeal add --contract $C --period 2024Q3 --indicator audit.pass-rate \
	--reason 抽样方法不符合协议 --by 乙方经办
is "$(cat "$WORK/out")" "2" "appeal 2, on the indicator"
run "$KAOHE" appeal decide 2 --overturn --reason 抽样方法确有错误 --by 张科长
expect_rc 0 "overturned"
fees_xml --contract $C --period 2024Q3
is "$(fx "string(//*[local-name()='line'][@id='$L3']/@state)")" "waived" \
	"its deduction line is waived"
is "$(fees due)" "362500.00" "nothing deducted as proposed either"
is "$(sql "SELECT reason FROM decisions WHERE line_id = '$L3'")" "复核 2 改判: 抽样方法确有错误" \
	"the waiver names the appeal"

# the log: every step, with before and after
run "$KAOHE" log --contract $C
expect_rc 0 "log"
expect_out '导入 .*audits' "the import is logged"
expect_out '确认 .*2024Q2:第三条\(三\):audit.pass-rate' "the confirmation"
expect_out '提出复核 .*乙方经办|乙方经办 +提出复核' "the appeal, by whom"
expect_out '复核决定' "the appeal's decision"
expect_out '重新评分' "the re-scoring"
is "$(sql "SELECT who FROM audit_log WHERE action = 'confirm'")" "张科长" "who: --by"
is "$(sql "SELECT who FROM audit_log WHERE action = 'import' LIMIT 1")" "测试员" "who: \$KAOHE_USER"
case $(sql "SELECT before || ' ' || after FROM audit_log WHERE action = 'rescore'") in
*'"due-confirmed": "355250.00"'*'"due-confirmed": "362500.00"'*) r=0 ;; *) r=1 ;; esac
ok $r "the re-scoring keeps the money before and after"
case $(sql "SELECT before || ' ' || after FROM audit_log WHERE action = 'confirm'") in
*'"state": "proposed"'*'"state": "confirmed"'*) r=0 ;; *) r=1 ;; esac
ok $r "the decision keeps the state before and after"

# append-only
sqlite3 "$KAOHE_DB" "UPDATE audit_log SET who = 'x'" 2>"$WORK/e1"
r=$?; [ $r -ne 0 ] && grep -q 'append-only' "$WORK/e1"; ok $? "UPDATE on the log fails"
sqlite3 "$KAOHE_DB" "DELETE FROM audit_log" 2>"$WORK/e2"
r=$?; [ $r -ne 0 ] && grep -q 'append-only' "$WORK/e2"; ok $? "DELETE on the log fails"
sqlite3 "$KAOHE_DB" "DELETE FROM decisions" 2>/dev/null
[ $? -ne 0 ]; ok $? "decisions cannot be deleted either"
done_testing
