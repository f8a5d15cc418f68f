#!/bin/sh
# 472-settle-loss: a year with a loss (000 第十八条(3)), declared
# policy-related or not, and the margin exactly at the cap.
#
# Worked by hand:
#   F = 130 × 1,000,000 = 130,000,000.00.
#   claims 60,000,000 + 60,000,000 + 4,900,000 + 15,100,000 = 140,000,000.00
#   M = −10,000,000.00: a loss of 10,000,000.00.
#   non-policy: the insurer bears all 10,000,000.00; net −10,000,000.00.
#   policy (--loss policy): the insurer bears at most 3.86% × F =
#   5,018,000.00; the other 4,982,000.00 from the accumulated balance or
#   higher funding.  No staff cost on a loss.
#   Balance, non-policy: F 130,000,000 = claims 140,000,000 + net
#   −10,000,000; policy: F 130,000,000 + 4,982,000 from elsewhere =
#   claims 140,000,000 + net −5,018,000.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=zhengzhou-dae-2025
money_setup $C
load population zhengzhou-population.csv $C
load finance zhengzhou-finance.csv $C
load finance zhengzhou-claims-more.csv $C
load finance zhengzhou-claims-loss.csv $C
load roster zhengzhou-roster.csv $C

settle_xml --contract $C --year 2025
expect_rc 0 "settle with a loss exits 0"
is "$(line claims-paid)" "140000000.00" "claims 140,000,000.00"
is "$(line margin)" "-10000000.00" "M negative"
is "$(line loss)" "10000000.00" "loss 10,000,000.00"
is "$(line insurer-loss)" "10000000.00" "non-policy loss borne in full"
is "$(nlines loss-other)" "0" "nothing left for others"
is "$(nlines kept)" "0" "nothing kept on a loss"
is "$(nlines staff-cost-allowed)" "0" "no staff cost on a loss"
is "$(fees due)" "-10000000.00" "net −10,000,000.00"
balanced "a non-policy loss balances"

settle_xml --contract $C --year 2025 --loss non-policy
is "$(line insurer-loss)" "10000000.00" "--loss non-policy is the default"

settle_xml --contract $C --year 2025 --loss policy
expect_rc 0 "settle --loss policy"
is "$(line insurer-loss)" "5018000.00" "policy loss: the insurer bears 3.86% of F"
is "$(line loss-other)" "4982000.00" "the rest 4,982,000.00 from the fund"
is "$(fees due)" "-5018000.00" "net −5,018,000.00"
is "$(line balance)" "134982000.00" "balance: F + 4,982,000.00 from elsewhere"
balanced "a policy loss balances"
run "$KAOHE" settle --contract $C --year 2025 --loss policy
expect_out '认定为政策性亏损' "text says the loss was declared policy-related"

done_testing
