#!/bin/sh
# 430-timeliness: the `timeliness` measure end to end (import, contract add,
# report --format xml): the 15th working day after a claim received
# 2024-09-20 lies after the National Day holiday; paid on it is on time,
# the next working day is 1 working day late; unpaid past the deadline is
# late, unpaid not yet due is not judged; excused claims are listed but
# leave the denominator; the monthly chart; a missing calendar year.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"

msetup
mload settlements settlements-timeliness.csv

mreport 2024
expect_rc 0 "report 2024 exits 0"
mvalidate "the scorecard validates against scorecard.rng"
is "$(ind settle.direct status)" "fail" "direct: fails with late claims"
is "$(ind settle.direct value)" "0.5000" "direct: 2 on time of 4 judged (D1, D6 of D1 D2 D3 D6)"
is "$(ind settle.direct value-text)" "50.00%" "direct: value text 50.00%"
is "$(ind settle.direct target)" "1.0000" "direct: default min 100% as a fraction"
is "$(ind settle.direct target-text)" "≥ 100.00%" "direct: target text ≥ 100.00%"
is "$(evidence settle.direct count)" "3" "direct: two late claims and one excused listed"
is "$(items settle.direct ref | tr '\n' ' ')" "D3 D2 D5 " "direct: worst first, excused last"
is "$(item settle.direct D2 deadline)" "2024-10-16" \
	"received 2024-09-20: the 15th working day is 2024-10-16 (after 国庆, 09-29 and 10-12 worked)"
is "$(item settle.direct D2 late)" "1" "paid 2024-10-17, the next working day: 1 working day late"
is "$(item settle.direct D1 ref)" "" "D1 paid on the deadline day is on time, not listed"
is "$(item settle.direct D3 paid)" "未支付" "D3 unpaid is shown as 未支付"
is "$(item settle.direct D3 late)" "54" "D3 unpaid at 2024-12-31: 54 working days late"
is "$(item settle.direct D5 excused)" "免责" "D5 excused is listed with 免责"
is "$(item settle.direct D4 ref)" "" "D4 received 12-25, unpaid, not yet due: not judged"
notes settle.direct | grep -q "免责 1 笔"; ok $? "the note counts the excused claim"
notes settle.direct | grep -q "未到期 1 笔"; ok $? "the note counts the claim not yet due"

is "$(ind settle.manual value)" "0.5000" "manual (20 working days): M1 on time, M2 late"
is "$(item settle.manual M2 deadline)" "2024-10-23" "manual: 20th working day after 09-20 is 10-23"
is "$(ind settle.manual target-text)" "≥ 90.00%" "manual: min 90% from the contract"

is "$(points settle-monthly-direct x)" "2024-03 2024-09" "chart: months with judged claims"
is "$(points settle-monthly-direct y)" "1.0000 0.3333" "chart: monthly on-time rates (D5 excused out)"
is "$(xp "string(//*[@id='settle-monthly-direct']/*[local-name()='ref-line']/@y)")" "1.0000" \
	"chart: reference line at the target"
is "$(series_count settle-monthly-manual)" "1" "chart: one series per channel"

# As of the deadline day: D3 unpaid is not yet due; D2's payment is later.
mreport 2024 --as-of 2024-10-16
expect_rc 0 "report as of 2024-10-16"
is "$(ind settle.direct value)" "1.0000" "as of the deadline: only D1 and D6 judged, both on time"
is "$(ind settle.direct status)" "pass" "as of the deadline: passes"
# One day later both D2 (paid that day) and D3 (unpaid) are late.
mreport 2024 --as-of 2024-10-17
is "$(ind settle.direct value)" "0.5000" "as of 10-17: D2 and D3 late"
is "$(item settle.direct D3 late)" "1" "as of 10-17: unpaid D3 is 1 working day late"

mreport 2024-02
is "$(ind settle.direct status)" "na" "a month without claims is na, never a pass"
[ -n "$(notes settle.direct)" ]; ok $? "na carries a note saying why"

mreport 2024 --lang en
is "$(item settle.direct D3 paid)" "unpaid" "--lang en: unpaid in English"

# The calendar lacks 2025: D4's deadline cannot be computed.
sql "DELETE FROM calendar_days WHERE year = 2025; DELETE FROM calendar_years WHERE year = 2025"
mreport 2024
expect_rc 65 "a deadline in a year outside the calendar is a data error"
expect_err "2025" "the message names the missing year"

done_testing
