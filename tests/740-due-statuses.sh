#!/bin/sh
# 740-due-statuses: kaohe due judges every duty at its boundaries (Henan,
# 001).  Hand-worked figures:
#   - monthly report 2024-03 (第二十五条: by the 5th of the next month):
#     2024-04-05 is 清明 (04-04..06 off), so it rolls to Sunday 04-07, an
#     adjusted working day.  As of 04-07 nothing sent: open (due today is
#     not late); as of 04-08: late; sent on 04-07: done.
#   - fund receipt (第二十一条: 2 working days after the money, that day not
#     counted): received Mon 2024-09-30 -> 10-01..07 National Day off ->
#     Tue 10-08 is the 1st, Wed 10-09 the 2nd: due 10-09.  Received Fri
#     2024-09-27 -> Sun 09-29 (调休 working day) 1st, Mon 09-30 2nd: due
#     09-30.  Received Fri 2024-10-11 -> Sat 10-12 (调休) 1st, Mon 10-14 2nd.
#   - fund payment Q4 (甲方, by the end of the quarter's first month):
#     due Thu 2024-10-31; the first money of Q4 came 10-11: done.
#   - fund request Q4 (月初, template default: the 10th): due Thu 10-10.
#   - rectification order ZG-1 due 05-31, rectified 05-31: done; ZG-2 due
#     Fri 06-28 not rectified: open as of 06-28, late as of 06-29.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

C=henan-dbbx-2024
"$KAOHE" init >/dev/null && "$KAOHE" contract add $C >/dev/null || exit 1
cat >facts.csv <<CSV
contract,date,kind,ref,amount,due_date,note
$C,2024-05-06,rectification-order,ZG-1,,2024-05-31,人员配备
$C,2024-05-31,rectified,ZG-1,,,
$C,2024-06-03,rectification-order,ZG-2,,2024-06-28,窗口设置
$C,2024-09-27,fund-received,R-A,,,
$C,2024-09-30,fund-received,R-B,,,
$C,2024-09-30,fund-receipt-filed,H-A,,,
$C,2024-10-09,fund-receipt-filed,H-B,,,
$C,2024-10-10,fund-request,Q4,,,
$C,2024-10-11,fund-received,R-C,,,
CSV
run "$KAOHE" import facts facts.csv
expect_rc 0 "facts import"

# duty KIND REF AS-OF: the <duty> line of that kind and ref
duty() {
	"$KAOHE" due --contract $C --as-of "$3" --format xml |
		grep "kind=\"$1\"" | grep "ref=\"$2\""
}
# attr NAME LINE
attr() { printf '%s\n' "$2" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }

d=$(duty report 2024-03 2024-04-07)
is "$(attr due "$d")" 2024-04-07 "monthly 2024-03: due rolled from the 清明 holiday to Sunday 04-07"
is "$(attr status "$d")" open "due today, nothing sent: open, not late"
d=$(duty report 2024-03 2024-04-08)
is "$(attr status "$d")" late "one day after the due day: late"

cat >subs.csv <<CSV
contract,report,period,submitted_at,accepted
$C,monthly,2024-03,2024-04-07 16:00,yes
CSV
run "$KAOHE" import submissions subs.csv
expect_rc 0 "submission import"
d=$(duty report 2024-03 2024-04-30)
is "$(attr status "$d")/$(attr done "$d")" done/2024-04-07 "sent on the due day: done"
d=$(duty report 2024-04 2024-04-30)
is "$(attr status "$d")" not-due "April's report as of 04-30: the period still runs, not due"

d=$(duty fund-receipt R-B 2024-10-09)
is "$(attr due "$d")" 2024-10-09 "receipt of 09-30 money: 2 working days across National Day -> 10-09"
is "$(attr status "$d")/$(attr done "$d")" done/2024-10-09 "filed on the due day: done"
d=$(duty fund-receipt R-B 2024-10-08)
is "$(attr status "$d")" open "as of 10-08 (filing of 10-09 not yet known): open"
d=$(duty fund-receipt R-A 2024-10-31)
is "$(attr due "$d")" 2024-09-30 "money of Fri 09-27: Sunday 09-29 is a working day -> due Mon 09-30"
is "$(attr status "$d")" done "filed 09-30: done"
d=$(duty fund-receipt R-C 2024-10-14)
is "$(attr due "$d")" 2024-10-14 "money of Fri 10-11: Saturday 10-12 works -> due Mon 10-14"
is "$(attr status "$d")" open "not filed, due today: open"
d=$(duty fund-receipt R-C 2024-10-15)
is "$(attr status "$d")" late "not filed the day after: late"

d=$(duty fund-payment 2024Q4 2024-10-31)
is "$(attr due "$d")/$(attr party "$d")/$(attr clause "$d")" 2024-10-31/purchaser/第二十一条 "Q4 payment: the purchaser's, by 10-31, 第二十一条"
is "$(attr status "$d")/$(attr done "$d")" done/2024-10-11 "Q4 money came 10-11: done"
d=$(duty fund-payment 2024Q3 2024-10-31)
is "$(attr status "$d")/$(attr done "$d")" late/2024-09-27 "Q3 money came 09-27, after 07-31: late"
d=$(duty fund-request 2024Q4 2024-10-31)
is "$(attr due "$d")/$(attr default "$d")/$(attr status "$d")" 2024-10-10/yes/done "Q4 request: the 10th (default reading of 月初), made 10-10: done"

d=$(duty rectification ZG-1 2024-12-31)
is "$(attr due "$d")/$(attr status "$d")/$(attr clause "$d")" 2024-05-31/done/第三十三条 "ZG-1 rectified on its deadline: done (第三十三条)"
d=$(duty rectification ZG-2 2024-06-28)
is "$(attr status "$d")" open "ZG-2 on its deadline: open"
d=$(duty rectification ZG-2 2024-06-29)
is "$(attr status "$d")" late "ZG-2 the day after: late"

"$KAOHE" due --contract $C --as-of 2024-10-15 --format xml -o due.xml >/dev/null
xmllint --noout --relaxng "$SRCDIR/data/schema/duties.rng" due.xml 2>/dev/null
ok $? "due --format xml validates against data/schema/duties.rng"
run "$KAOHE" due --contract $C --as-of 2024-06-29
expect_rc 0 "text format"
expect_out '2024-06-28.*逾期.*乙方.*第三十三条.*ZG-2' "text: the late order in words"
expect_out '^共 [0-9]+ 项' "text: the totals line"
run "$KAOHE" --lang en due --contract $C --as-of 2024-06-29
expect_out '2024-06-28.*late.*insurer' "--lang en"
run "$KAOHE" due --help
expect_rc 0 "due --help"
expect_out '双方' "Chinese help"
run "$KAOHE" due --contract $C --format pdf
expect_rc 64 "unknown format is a usage error"
run "$KAOHE" due --contract $C --as-of 2024-13-01
expect_rc 64 "bad as-of is a usage error"
run "$KAOHE" due --contract nosuch --as-of 2024-06-01
expect_rc 66 "unknown contract is 66"

# <duties> in the scorecard: late ones of the period and open orders.
run "$KAOHE" report --contract $C --period 2024Q2 --as-of 2024-06-29 --format xml -o sc.xml
expect_rc 0 "score 2024Q2"
xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" sc.xml 2>/dev/null
ok $? "the scorecard with <duties> validates"
grep -q '<duty kind="rectification"[^>]*ref="ZG-2"[^>]*status="late"' sc.xml
ok $? "the late order is in the scorecard"
grep -q 'ref="ZG-1"' sc.xml
ok $((!$?)) "the order done on time is not"
run "$KAOHE" report --contract $C --period 2024Q2 --as-of 2024-06-10 --format xml -o sc2.xml
grep -q '<duty kind="rectification"[^>]*ref="ZG-2"[^>]*status="open"' sc2.xml
ok $? "an open order (deadline ahead) is in the scorecard"

done_testing
