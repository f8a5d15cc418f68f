#!/bin/sh
# 473-fees-mentougou: fixed fee with milestones (004 第三条): 1,680,000.00
# paid 50% on signing, 30% after the first data-monitoring report, 20% after
# acceptance in 2024-12; damages 5% (第五条(四)) or 10% (第五条(二)) of the
# total deducted from fees due (第五条(六)).
#
# Worked by hand:
#   signing (term start 2024-02-28): 840,000.00; first data check
#   2024-04-15: 504,000.00; acceptance at the end of 2024-12: 336,000.00.
#   As of 2024-03-31: only signing due → 840,000.00.
#   As of 2024-06-30: 840,000 + 504,000 = 1,344,000.00 due.
#   As of 2024-12-31: 1,680,000.00 due.  Receipts checked 200,000 < 250,000
#   (volume.receipts-checked fails, damages trigger) → one breach:
#   5% × 1,680,000 = 84,000.00 → due 1,680,000 − 84,000 = 1,596,000.00.
#   With 50,000 more receipts (250,000) nothing fails: due 1,680,000.00.
#   --terminated: 10% × 1,680,000 = 168,000.00 → due 1,512,000.00.
#   --breach 1 --terminated: 84,000 + 168,000 = 252,000.00 → 1,428,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=mentougou-fzfw-2024
money_setup $C
load activities mentougou-activities.csv $C

fees_xml --contract $C --period 2024 --as-of 2024-03-31
expect_rc 0 "fees exits 0"
is "$(fees model)" "fixed-fee" "model"
is "$(line contract-fee)" "1680000.00" "contract total"
is "$(nlines milestone)" "1" "as of 03-31 only signing is due"
is "$(line milestone)" "840000.00" "signing 50%: 840,000.00"
is "$(nlines milestone-pending)" "2" "two milestones pending"
is "$(fees total)" "840000.00" "due before damages 840,000.00"

fees_xml --contract $C --period 2024 --as-of 2024-06-30
is "$(nlines milestone)" "2" "as of 06-30 the first data report has come"
is "$(line milestone 2)" "504000.00" "progress payment 30%: 504,000.00"
is "$(fees total)" "1344000.00" "1,344,000.00 due"

fees_xml --contract $C --period 2024
is "$(nlines milestone)" "3" "as of 12-31 all three milestones are due"
is "$(line milestone 3)" "336000.00" "acceptance 20%: 336,000.00"
is "$(fees total)" "1680000.00" "the whole fee is due"
is "$(nlines damages)" "1" "one damages line for the breach"
is "$(line damages)" "84000.00" "5% of the total: 84,000.00"
is "$(fx "string(/*/*[@kind='damages']/@clause)")" "第五条(四)" "damages cite 第五条(四)"
linetext damages | grep -q 'volume.receipts-checked' ; ok $? "damages name the failed indicator"
is "$(fees deductions)" "84000.00" "deducted from fees due"
is "$(fees due)" "1596000.00" "due 1,596,000.00"
is "$(line offset)" "1596000.00" "offset line (第五条(六))"
validate_run "the stored scorecard validates"

run "$KAOHE" fees --contract $C --period 2024
expect_out '84,000\.00' "text shows the damages"
expect_out '1,596,000\.00' "text shows the net due"

fees_xml --contract $C --period 2024 --terminated
is "$(line damages 2)" "168000.00" "termination without cause 10%: 168,000.00"
is "$(fees due)" "1428000.00" "both damages deducted"

load activities mentougou-receipts-more.csv $C
fees_xml --contract $C --period 2024
is "$(nlines damages)" "0" "no failing indicator, no damages"
is "$(fees due)" "1680000.00" "due 1,680,000.00"
fees_xml --contract $C --period 2024 --terminated
is "$(line damages)" "168000.00" "--terminated alone: 168,000.00"
is "$(fees due)" "1512000.00" "due 1,512,000.00"
fees_xml --contract $C --period 2024 --breach 1
is "$(line damages)" "84000.00" "a declared breach: 84,000.00"

done_testing
