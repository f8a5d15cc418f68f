#!/bin/sh
# 474-settle-henan: fund with risk reserve and assessment deposit (001
# 第二十二–二十四条, 第三十六条): the 5% reserve is withheld by the purchaser
# (it covers policy losses and is never the insurer's), the 3% deposit is
# the insurer's money held until the assessment and returned by its grade,
# a 3% profit cap (of F itself) with the surplus to the provincial fiscal
# account, policy loss borne up to 3% then from the reserve.
#
# Worked by hand:
#   F = funds-received 120,000,000 + 80,000,000 = 200,000,000.00
#   reserve 5% = 10,000,000.00; deposit 3% = 6,000,000.00
#   claims 190,000,000.00 → M = F − reserve − claims = 0.00 (the figure
#   before issue 14 was F − claims = 10,000,000.00, kept 6,000,000.00 and
#   4,000,000.00 to the fiscal account: wrong, the reserve is not the
#   insurer's, 第二十二条); cap 3% of F = 6,000,000.00; kept 0.00;
#   nothing to the fiscal account.
#   The test contract's grade bands are its own (no default="yes"), so the
#   scored grade moves the deposit (score ÷ judged points × 100; points
#   40/20/20/20):
#     nothing judged      → no grade: deposit held 6,000,000.00, net 0.00
#     training only  40   → 不合格 0%:   returned 0, withheld 6,000,000.00,
#                                        net 0 − 6,000,000 = −6,000,000.00
#     + case review  60   → 合格 80%:    returned 4,800,000.00, withheld
#                                        1,200,000.00, net −1,200,000.00
#     + consultation 80   → 良好 100%:   returned 6,000,000.00, net 0.00
#     + inspection  100   → 优秀 100%:   returned 6,000,000.00, net 0.00
#   loss: claims + 30,000,000 = 220,000,000 → M = 190,000,000 −
#   220,000,000 = −30,000,000.00
#     policy: insurer 3% × F = 6,000,000.00; reserve covers 10,000,000.00
#             (all of it); 14,000,000.00 beyond the reserve; reserve left 0;
#             balance 200,000,000 + 14,000,000 = 220,000,000 + 0 − 6,000,000
#     non-policy: insurer 30,000,000.00; reserve left 10,000,000.00;
#             balance 200,000,000 = 220,000,000 + 10,000,000 − 30,000,000
#   The shipped template (grade bands default="yes"): the deposit is held
#   until the assessment, never forfeited on template bands.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=henan-grades
money_setup henan-grades.xml henan-dbbx-2024
load finance henan-finance.csv $C

settle_xml --contract $C --year 2024
expect_rc 0 "settle exits 0"
is "$(fees model)" "fund-reserve" "model"
is "$(line funds)" "200000000.00" "F from two funds-received rows"
is "$(line reserve)" "10000000.00" "reserve 5% of F"
is "$(line deposit)" "6000000.00" "deposit 3% of F"
is "$(line margin)" "0.00" "M = F − reserve − claims = 0.00"
is "$(line cap)" "6000000.00" "cap 3% of F"
is "$(line kept)" "0.00" "kept 0.00"
is "$(line surplus-to-fiscal)" "0.00" "nothing to the provincial fiscal account"
is "$(line deposit-held)" "6000000.00" "nothing judged: no grade, deposit held"
is "$(nlines deposit-withheld)" "0" "and not forfeited"
is "$(fees due)" "0.00" "net 0.00"
balanced "balances"

grade_case() {   # KIND GRADE RETURNED WITHHELD NET
	load activities "henan-$1.csv" $C
	settle_xml --contract $C --year 2024
	is "$(fx "string(/*/*[@kind='deposit-returned']/@grade)")" "$2" "+$1: grade $2"
	is "$(fx "string(/*/*[@kind='deposit-returned']/@basis)")" "scored" "grade $2: scored on the contract's own bands"
	is "$(line deposit-returned)" "$3" "grade $2: deposit returned $3"
	is "$(line deposit-withheld)" "$4" "grade $2: deposit withheld $4"
	is "$(fees due)" "$5" "grade $2: net $5"
	balanced "grade $2: balances"
}
grade_case training 不合格 0.00 6000000.00 -6000000.00
grade_case case-review 合格 4800000.00 1200000.00 -1200000.00
grade_case consultation 良好 6000000.00 0.00 0.00
grade_case site-inspection 优秀 6000000.00 0.00 0.00
linetext deposit-returned | grep -q '模板默认值' ; ok $? "the return share is marked as the template's default"
validate_run "the stored scorecard validates"

load finance henan-claims-loss.csv $C
settle_xml --contract $C --year 2024 --loss policy
is "$(line loss)" "30000000.00" "loss 30,000,000.00"
is "$(line insurer-loss)" "6000000.00" "policy loss: insurer 3% of F"
is "$(line reserve-used)" "10000000.00" "the reserve covers 10,000,000.00"
is "$(line loss-beyond-reserve)" "14000000.00" "14,000,000.00 beyond the reserve"
is "$(line reserve-left)" "0.00" "reserve used up"
is "$(line balance)" "214000000.00" "balance: F + 14,000,000.00 from next year's funding"
balanced "a policy loss balances"
settle_xml --contract $C --year 2024
is "$(line insurer-loss)" "30000000.00" "non-policy loss: insurer bears all"
is "$(line reserve-left)" "10000000.00" "reserve untouched"
balanced "a non-policy loss balances"

# the shipped template settles from the same records; its grade bands are
# template defaults, so the deposit awaits the assessment
load finance henan-finance.csv henan-dbbx-2024
settle_xml --contract henan-dbbx-2024 --year 2024
expect_rc 0 "the henan-dbbx-2024 template settles"
is "$(line surplus-to-fiscal)" "0.00" "template: nothing to the fiscal account"
is "$(line deposit)" "6000000.00" "template: deposit 6,000,000.00"
is "$(line deposit-held)" "6000000.00" "template: deposit held until the assessment"
is "$(nlines staff-cost)$(nlines staff-cost-allowed)" "00" "Henan has no special staff cost (001 has none)"
linetext kept | grep -q '专项成本'; [ $? -ne 0 ]; ok $? "nor does its kept line name one"
balanced "template: balances"

done_testing
