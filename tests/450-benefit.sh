#!/bin/sh
# 450-benefit: `benefit-recompute` and `claims-cap` end to end.  A person's
# claims listed out of date order are recomputed in service-date order
# (claim id breaking ties); band edges, half-up rounding once per claim,
# the preferential scheme, the yearly cap; claims without an eligible
# amount are not judged; the yearly total above the cap.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"

msetup
mload settlements settlements-benefit.csv

mreport 2024
expect_rc 0 "report 2024 exits 0"
mvalidate "the scorecard validates"
# P1 (standard), in file order B3 B5 B2 B4 B1, in service order B1 (11,000
# → 0), B2 (50,000 → 30,000.00), B3 (1.00 → 0.60, paid 0.70), then B4 and
# B5 on the same day, B4 first by claim id (100.00 → 60.00; 40,000.00
# across 100,000 → 24,110.10).  P2 (preferential) Q1: 5,500.10 → 6.5 fen →
# 0.07.  P3 C2 (cap): 10,000.00 from 590,000 → 3,600.00, paid 4,000.00.
is "$(ind benefit.recompute status)" "fail" "benefit: fails with differing claims"
is "$(ind benefit.recompute value)" "2" "benefit: two claims differ (B3, C2)"
is "$(ind benefit.recompute value-text)" "2 笔" "benefit: value text 2 笔"
is "$(ind benefit.recompute target-text)" "≤ 0 笔" "benefit: target text ≤ 0 笔"
is "$(items benefit.recompute ref | tr '\n' ' ')" "B3 C2 " "benefit: the differing claims listed"
is "$(item benefit.recompute B3 recomputed)" "0.60" "B3: recomputed after B1 and B2 in date order"
is "$(item benefit.recompute B3 before)" "61000.00" "B3: cumulative before is 11,000 + 50,000"
is "$(item benefit.recompute B3 paid)" "0.70" "B3: paid amount shown"
is "$(item benefit.recompute B3 difference)" "0.10" "B3: difference paid − recomputed"
is "$(item benefit.recompute C2 recomputed)" "3600.00" "C2: the yearly cap of 400,000 stops it at 3,600.00"
is "$(item benefit.recompute C2 difference)" "400.00" "C2: 400.00 overpaid"
is "$(item benefit.recompute B2 ref)" "" "B2 (30,000.00) agrees only in service-date order"
is "$(item benefit.recompute B5 ref)" "" "B5 (24,110.10) agrees only with B4 first (claim id breaks the tie)"
is "$(item benefit.recompute Q1 ref)" "" "Q1 preferential 65% of 10 fen = 6.5 → 7 fen agrees"
is "$(item benefit.recompute Q2 ref)" "" "Q2 without an eligible amount is not judged"
notes benefit.recompute | grep -q "判定 8 笔"; ok $? "eight claims judged (Q2 left out)"

is "$(ind claims.cap status)" "fail" "claims-cap: P3 paid 400,400.00 in 2024"
is "$(items claims.cap ref)" "P3" "claims-cap: P3 listed"
is "$(item claims.cap P3 total)" "400400.00" "claims-cap: the yearly total"
is "$(item claims.cap P3 excess)" "400.00" "claims-cap: the excess over 400,000"

# A quarter is scored on the person's whole year so far.
mreport 2024Q2
is "$(ind benefit.recompute value)" "1" "Q2 2024: only B3 differs, with B1 and B2 accumulated"
mreport 2024Q4
is "$(ind benefit.recompute status)" "na" "Q4 2024: no claims, na"
is "$(ind claims.cap status)" "fail" "Q4 2024: the yearly total so far still exceeds the cap"

done_testing
