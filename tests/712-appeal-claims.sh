#!/bin/sh
# 712-appeal-claims: appeals on late claims (a timeliness indicator) — a
# partial overturn re-judges only the claim named, at the 100% boundary
# the indicator passes once every late claim is excused; --help of the new
# commands in both languages.
#
# Worked by hand (tests/data/measures: settle.direct, 15 working days,
# min 100%; see 430-timeliness):
#   judged D1 D2 D3 D6, on time D1 D6: 2/4 = 50.00%: fail.
#   appeal 1 names D2 and D3, decided partly: D2 excused → judged D1 D3
#   D6: 2/3 = 66.67%: fail (D3 stays late).
#   appeal 2 names D3, overturned → judged D1 D6: 2/2 = 100.00% ≥ 100%:
#   pass.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"
export KAOHE_USER=测试员

msetup
mload settlements settlements-timeliness.csv
mreport 2024
is "$(ind settle.direct value)" "0.5000" "before: 2 on time of 4 judged"

run "$KAOHE" appeal add --contract measures --period 2024 --indicator settle.direct \
	--ref D2 --ref D3 --reason 节假日顺延 --by 乙方
expect_rc 0 "appeal on two claims"
run "$KAOHE" appeal decide 1 --partial --ref D2 --reason D2属实，D3维持 --by 甲方
expect_rc 0 "decided partly"
expect_out '部分改判' "it says partly overturned"
mreport 2024
is "$(ind settle.direct value)" "0.6667" "D2 excused: 2 on time of 3 judged"
is "$(ind settle.direct status)" "fail" "66.67% < 100%: still fails"
is "$(item settle.direct D2 excused)" "免责" "D2 is listed as excused"
is "$(sql "SELECT outcome FROM appeal_refs WHERE ref = 'D3'")" "upheld" "D3's finding upheld"
is "$(sql "SELECT excused FROM settlements WHERE claim_id = 'D2'")" "0" \
	"the stored claim is not changed: the override is read when scoring"

run "$KAOHE" appeal add --contract measures --period 2024 --indicator settle.direct \
	--ref D3 --reason 系统故障 --by 乙方
is "$(cat "$WORK/out")" "2" "the second appeal is number 2"
run "$KAOHE" appeal decide 2 --overturn --reason 系统故障属实 --by 甲方
expect_rc 0 "overturned"
mreport 2024
is "$(ind settle.direct value)" "1.0000" "2 on time of 2 judged: 100.00%"
is "$(ind settle.direct status)" "pass" "at the 100% boundary: passes"

run "$KAOHE" appeal add --contract measures --period 2024 --indicator settle.direct \
	--reason x
expect_rc 0 "an appeal on the indicator alone (no items)"
run "$KAOHE" appeal add --contract measures --period 2024 --indicator no.such --reason x
expect_rc 66 "an unknown indicator is refused"
run "$KAOHE" appeal add --contract measures --period 2024Q5 --indicator settle.direct --reason x
expect_rc 64 "an invalid period is a usage error"
run "$KAOHE" appeal decide 9 --uphold --reason x
expect_rc 66 "an unknown appeal"
run "$KAOHE" appeal decide 3 --uphold --overturn --reason x
expect_rc 64 "two outcomes at once"
run "$KAOHE" appeal list
expect_out '^3 .*待决定' "the open appeal is listed"
run "$KAOHE" log
expect_out '复核决定 .*measures +2024 +1' "the partial decision is logged"

# imports are logged with who: --by, else $KAOHE_USER
printf 'claim_id,insured_id,channel,received_date,paid_date,paid_amount\nD9,P9,direct,2024-11-01,2024-11-05,10.00\n' >"$WORK/more.csv"
run "$KAOHE" import settlements "$WORK/more.csv" --contract measures --by 王会计
expect_rc 0 "import with --by"
is "$(sql "SELECT who FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1")" "王会计" \
	"the import's entry names --by"
is "$(sql "SELECT who FROM audit_log WHERE action = 'import' ORDER BY id LIMIT 1")" "测试员" \
	"without --by: \$KAOHE_USER"
run env -u KAOHE_USER "$KAOHE" import settlements "$WORK/more.csv" --contract measures
is "$(sql "SELECT who FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1")" \
	"$(id -un)" "without either: the login name"
run "$KAOHE" import settlements "$WORK/more.csv" --contract measures --dry-run
is "$(sql "SELECT count(*) FROM audit_log WHERE action = 'import'")" "3" "a dry run is not logged"

# --help, both languages
for c in decide ledger log; do
	run "$KAOHE" $c --help
	expect_out "^用法: kaohe .*$c" "$c --help in Chinese"
	run "$KAOHE" --lang en $c --help
	expect_out "^usage: kaohe .*$c" "$c --help in English"
done
run "$KAOHE" appeal --help
expect_out 'add\|decide\|list' "appeal --help"
run "$KAOHE" --lang en appeal decide --help
expect_out '--overturn' "appeal decide --help lists --overturn"
run "$KAOHE" appeal
expect_rc 64 "appeal without a subcommand is a usage error"
done_testing
