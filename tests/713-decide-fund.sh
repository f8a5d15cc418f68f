#!/bin/sh
# 713-decide-fund: decisions on a fund contract's damages (Zhengzhou, the
# late refund of 000 第三十四条) — the line has an id and starts proposed;
# the settlement's due (the insurer's net as proposed) keeps its meaning,
# due-confirmed counts only confirmed damages; a waived line leaves both.
#
# Worked by hand (478-late-refund, case A): notice 09-24 of 4,000,000.00,
# deadline 10-09 (10-04 in the holiday); refunds 10-09 1,000,000.00 and
# 10-13 3,000,000.00: 4 days × 3,000,000.00 × 0.05% = 6,000.00 damages.
#   net before damages 5,018,000.00; as proposed 5,018,000 − 6,000 =
#   5,012,000.00; confirmed only: 5,018,000.00 until confirmed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=zhengzhou-dae-2025
money_setup $C
printf 'date,unit,insured\n2025-01-01,,1000000\n' >"$WORK/pop.csv"
printf 'date,kind,amount,note\n2025-12-31,claims-paid,120000000,\n' >"$WORK/fin.csv"
printf 'date,kind,ref,amount,due_date,note\n2025-09-24,termination-notice,N1,4000000,,\n2025-10-09,refund,R1,1000000,,\n2025-10-13,refund,R2,3000000,,\n' >"$WORK/facts.csv"
load population "$WORK/pop.csv" $C
load finance "$WORK/fin.csv" $C
load facts "$WORK/facts.csv" $C

settle_xml --contract $C --year 2025
id=$(fx "string(/*/*[@kind='damages']/@id)")
case $id in 2025:第三十四条*:damages) r=0 ;; *) r=1 ;; esac
ok $r "the damages line's id: 2025, its clause, damages ($id)"
is "$(fx "string(/*/*[@kind='damages']/@state)")" "proposed" "proposed"
is "$(fees due)" "5012000.00" "due as proposed: 5,018,000 − 6,000"
is "$(fees due-confirmed)" "5018000.00" "nothing confirmed: the damages do not count"
validate_run "the fund scorecard validates"
run "$KAOHE" settle --contract $C --year 2025
expect_out '乙方年度净结果（仅计已确认违约金） 5,018,000\.00' "the text shows the confirmed view in fund words"

run "$KAOHE" decide --contract $C "$id" --confirm --reason 逾期属实 --by 郑州医保局
expect_rc 0 "confirmed"
settle_xml --contract $C --year 2025
is "$(fees due-confirmed)" "5012000.00" "confirmed: 5,018,000 − 6,000"
run "$KAOHE" decide --contract $C "$id" --waive --reason 不可抗力 --by 郑州医保局
expect_rc 0 "then waived"
settle_xml --contract $C --year 2025
is "$(fees due) $(fees due-confirmed) $(fees waived)" "5018000.00 5018000.00 6000.00" \
	"waived: counted in neither view"
is "$(fees deductions)" "4982000.00" "the deductions leave the waived 6,000.00 (4,988,000 − 6,000)"
run "$KAOHE" ledger --contract $C --as-of 2025-12-31 --format xml
expect_rc 0 "the fund ledger"
cp "$WORK/out" "$WORK/ledger.xml"
is "$(xmllint --xpath "string(/*/@grade)" "$WORK/ledger.xml")" "$(xmllint --xpath "string(//*[local-name()='summary']/@grade)" "$WORK/sc.xml")" \
	"it carries the scorecard's grade"
is "$(xmllint --xpath "count(//*[local-name()='item'][@kind='returned'])" "$WORK/ledger.xml")" "1" \
	"and what the grade returns (000 第三十一条)"
done_testing
