#!/bin/sh
# 471-settle-zhengzhou: fund per capita with a 3.86% profit cap and special
# staff cost (000 第十六/十八条), damages (第三十三/三十四条).
#
# Worked by hand:
#   F = 130 × 1,000,000 (population 2025-01-01, the latest ≤ 2025-12-31; no
#       funds-received rows) = 130,000,000.00.
#   claims paid 2025 = 60,000,000 + 60,000,000 = 120,000,000.00 (the
#       2024-12-31 row is another year); operating cost 3,000,000.00 is
#       inside the cap: shown, not subtracted.
#   M = 130,000,000 − 120,000,000 = 10,000,000.00
#   cap = 3.86% × F = 5,018,000.00; excess = 4,982,000.00
#   resident staff: R1 medical, on the project all 365 days → 100,000.00;
#       R2 non-medical 2025-01-01..11-30 = 334 days → 50,000.00;
#       R3 from 2025-03-07 = 300 days, not more than 300 → 0;
#       R4 medical from 2025-03-15 = 292 days → 0; C1 is not resident.
#       special cost = 150,000.00 ≤ excess → allowed 150,000.00
#   kept = 5,018,000 + 150,000 = 5,168,000.00; returned = 4,832,000.00.
#   More claims 4,900,000 → claims 124,900,000.00, M = 5,100,000.00,
#   excess 82,000.00 < 150,000.00 → allowed 82,000.00, kept 5,100,000.00,
#   returned 0.00.
#   The profit kept 5,168,000.00 is returned by the assessment (第三十一条):
#   the template's grade bands are defaults and the contract gives no
#   return share, so it is held, not forfeited — the net stays 5,168,000.00.
#   Balance: F 130,000,000 = claims 120,000,000 + net 5,168,000 + returned
#   4,832,000 + 0 + 0.
#   Terminated (--terminated): damages 5% × F = 6,500,000.00; net
#   5,168,000 − 6,500,000 = −1,332,000.00.  No termination notice is
#   recorded, so no late refund (the year-end return 4,832,000.00 is no
#   refund after a notice: see 478-late-refund).
#   funds-received rows 65,000,000 + 66,000,000 = 131,000,000.00 replace
#   per capita × insured.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=zhengzhou-dae-2025
money_setup $C
load population zhengzhou-population.csv $C
load finance zhengzhou-finance.csv $C
load roster zhengzhou-roster.csv $C

settle_xml --contract $C --year 2025
expect_rc 0 "settle exits 0"
is "$(fees model)" "fund-per-capita" "model"
is "$(line funds)" "130000000.00" "F = 130 × 1,000,000"
is "$(line claims-paid)" "120000000.00" "claims paid in 2025 only"
is "$(line operating-cost)" "3000000.00" "operating cost shown"
is "$(line margin)" "10000000.00" "M = F − claims (operating cost inside the cap)"
is "$(line cap)" "5018000.00" "cap 3.86% of F"
is "$(line excess)" "4982000.00" "excess above the cap"
is "$(nlines staff-person)" "4" "four resident staff listed"
is "$(fx "string(/*/*[@kind='staff-person'][@staff='R1']/@amount)")" "100000.00" "R1 medical > 300 days: 100,000"
is "$(fx "string(/*/*[@kind='staff-person'][@staff='R2']/@amount)")" "50000.00" "R2 334 days: 50,000"
is "$(fx "string(/*/*[@kind='staff-person'][@staff='R3']/@amount)")" "0.00" "R3 exactly 300 days: 0"
is "$(fx "string(/*/*[@kind='staff-person'][@staff='R4']/@amount)")" "0.00" "R4 292 days: 0"
is "$(line staff-cost)" "150000.00" "special staff cost 150,000"
is "$(line staff-cost-allowed)" "150000.00" "allowed in full"
is "$(line kept)" "5168000.00" "kept 5,168,000.00"
is "$(line returned)" "4832000.00" "returned 4,832,000.00"
is "$(fees due)" "5168000.00" "insurer's net result"
linetext staff-person 1 | grep -q '365' ; ok $? "the staff line gives the days on the project"
linetext claims-paid | grep -q '财务记录“赔付支出” 2 条' ; ok $? "claims line names its records and count"
is "$(line profit-held)" "5168000.00" "the profit kept awaits the assessment (第三十一条)"
is "$(nlines profit-withheld)" "0" "nothing forfeited on template grade bands"
is "$(line balance)" "130000000.00" "the balance line carries F"
balanced "F = claims + net + returned + withheld + damages"

run "$KAOHE" settle --contract $C --year 2025
expect_rc 0 "text settlement"
expect_out '返还甲方 +4,832,000\.00' "text shows the amount returned"
expect_out 'R3 王三百 .*300 日 ≤ 300' "R3 listed as not qualifying"
expect_out '^平衡校验: .*相符$' "the text statement ends with the balance"
[ "$(tail -n 1 "$WORK/out" | cut -c1-12)" = "平衡校验" ]; ok $? "as its last line"

settle_xml --contract $C --year 2025 --terminated
is "$(line damages 1)" "6500000.00" "termination damages 5% of F"
is "$(nlines damages)" "1" "no late refund without a termination notice"
is "$(fees due)" "-1332000.00" "net = kept − damages"
balanced "balances with damages"

load finance zhengzhou-claims-more.csv $C
settle_xml --contract $C --year 2025
is "$(line margin)" "5100000.00" "M 5,100,000.00"
is "$(line staff-cost-allowed)" "82000.00" "staff cost limited to the excess 82,000.00"
is "$(line kept)" "5100000.00" "kept the whole margin"
is "$(line returned)" "0.00" "nothing returned"
balanced "balances with the staff cost limited"

load finance zhengzhou-funds.csv $C
settle_xml --contract $C --year 2025
is "$(line funds)" "131000000.00" "funds-received rows replace per capita × insured"
linetext funds | grep -q '资金到账” 2 条' ; ok $? "funds line names 2 finance rows"
validate_run "the stored scorecard validates"

done_testing
