#!/bin/sh
# 741-due-renewal-refund: renewal talks, the refund window and the
# solvency report (Zhengzhou 000, Mentougou 004).  Hand-worked figures:
#   - 000 第三十五条: term ends 2025-12-31; one month before is 2025-11-30,
#     a Sunday, rolled to Mon 2025-12-01 (民法典第二百零三条).  Both parties.
#   - 004 第二条(二): term ends 2024-11-30; one month before: Wed 2024-10-30.
#   - 000 第三十四条: funds back within 10 日 of the termination notice:
#     notice Sun 2025-09-21 + 10 = 2025-10-01, inside the National Day
#     holiday (10-01..08), rolled to Thu 2025-10-09.
#   - 000 第三十八条: a C rating of 2025Q2 must be reported 及时; the
#     template gives it to the end of the next month, Thu 2025-07-31
#     (marked default); reported 07-31 (a rating-report submission): done.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

Z=zhengzhou-dae-2025 M=mentougou-fzfw-2024
"$KAOHE" init >/dev/null && "$KAOHE" contract add $Z >/dev/null &&
	"$KAOHE" contract add $M >/dev/null || exit 1

duty() {
	"$KAOHE" due --contract "$1" --as-of "$3" --format xml | grep "kind=\"$2\""
}
attr() { printf '%s\n' "$2" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }

d=$(duty $Z renewal-talks 2025-12-01)
is "$(attr due "$d")/$(attr party "$d")/$(attr clause "$d")" 2025-12-01/both/第三十五条 \
	"Zhengzhou renewal talks: 11-30 is a Sunday -> 12-01, both parties, 第三十五条"
is "$(attr status "$d")" open "as of the due day: open"
d=$(duty $Z renewal-talks 2025-12-02)
is "$(attr status "$d")" late "the day after: late"
d=$(duty $M renewal-talks 2024-10-30)
is "$(attr due "$d")/$(attr clause "$d")" "2024-10-30/第二条(二)" "Mentougou renewal talks by 10-30 (第二条(二))"
cat >talks.csv <<CSV
contract,date,kind,ref,note
$M,2024-10-30,other,renewal-talks,续签协商会议
CSV
run "$KAOHE" import facts talks.csv
expect_rc 0 "talks recorded"
d=$(duty $M renewal-talks 2024-11-30)
is "$(attr status "$d")/$(attr done "$d")" done/2024-10-30 "talks held on the due day: done"

cat >notice.csv <<CSV
contract,date,kind,ref,amount
$Z,2025-09-21,termination-notice,JC-1,
CSV
run "$KAOHE" import facts notice.csv
expect_rc 0 "notice recorded"
d=$(duty $Z refund 2025-10-09)
is "$(attr due "$d")/$(attr clause "$d")" 2025-10-09/第三十四条 "refund window: 09-21 + 10 days = 10-01, holiday, -> 10-09"
is "$(attr status "$d")" open "no refund by the due day: open"
d=$(duty $Z refund 2025-10-10)
is "$(attr status "$d")" late "the day after: late"
d=$(duty $Z refund 2025-09-20)
is "$d" "" "no refund duty before the notice is sent"
cat >refund.csv <<CSV
contract,date,kind,ref,amount
$Z,2025-10-09,refund,TK-1,1000.00
CSV
"$KAOHE" import facts refund.csv >/dev/null
d=$(duty $Z refund 2025-12-31)
is "$(attr status "$d")/$(attr done "$d")" done/2025-10-09 "refunded on the due day: done"

cat >ratings.csv <<CSV
contract,quarter,rating
$Z,2025Q1,B
$Z,2025Q2,C
CSV
run "$KAOHE" import ratings ratings.csv
expect_rc 0 "ratings import"
d=$(duty $Z rating-report 2025-07-31)
is "$(attr ref "$d")/$(attr due "$d")/$(attr default "$d")/$(attr clause "$d")" 2025Q2/2025-07-31/yes/第三十八条 \
	"the C rating of 2025Q2: report by 07-31 (default), 第三十八条; the B rating needs none"
is "$(attr status "$d")" open "not reported on the due day: open"
cat >subs.csv <<CSV
contract,report,period,submitted_at,accepted
$Z,rating-report,2025Q2,2025-07-31 10:00,yes
CSV
"$KAOHE" import submissions subs.csv >/dev/null
d=$(duty $Z rating-report 2025-08-01)
is "$(attr status "$d")/$(attr done "$d")" done/2025-07-31 "reported on the due day: done"

done_testing
