#!/bin/sh
# 478-late-refund: 000 第三十四条 — after the purchaser's termination notice
# the insurer returns the remaining funds within 10 days; late, it pays
# 万分之五 a day of 应退未退款项总额.  The notice and the refunds are
# recorded facts (kaohe import facts: termination-notice, refund); no
# number of late days is typed in.
#
# Reading (man kaohe-settle): 10 日 are calendar days (the clause says 日,
# where the contracts say 工作日 when they mean it), counted from the day
# after the notice is sent (民法典第二百零一条); a last day on a rest day
# moves to the next working day (第二百零三条, the contract's rollover).
# The amount is the one the notice records (以甲方确认的金额为准); a notice
# without one: the year's funds received less claims paid up to the
# notice, marked as computed.  Each day from the deadline's next day to
# the day the money comes back, both counted, costs 0.05% of what is still
# unpaid that day.  The year-end return above the cap is no refund after a
# notice and never bears the charge.
#
# Worked by hand (Zhengzhou 2025; F = 130 × 1,000,000; claims
# 120,000,000.00; kept 5,018,000.00; returned 4,982,000.00):
#   A  notice 2025-09-24, 4,000,000.00 confirmed: 09-24 + 10 = 10-04, in the
#      National Day holiday (10-01..10-08) → deadline 10-09 (Thursday).
#      1,000,000.00 back 10-09 (in time), 3,000,000.00 on 10-13:
#      10-10..10-13 = 4 days × 3,000,000.00 × 0.05% = 6,000.00.
#      Net 5,018,000.00 − 6,000.00 = 5,012,000.00; returned still
#      4,982,000.00.  (Without the rollover: 10-05..10-09 5 × 2,000.00 +
#      4 × 1,500.00 = 16,000.00.)
#   B  all 4,000,000.00 back on 10-09: in time, no charge.
#   C  all back on 10-10: 1 day × 2,000.00 = 2,000.00.
#   D  nothing back by 12-31: 10-10..12-31 = 22 + 30 + 31 = 83 days ×
#      2,000.00 = 166,000.00, 4,000,000.00 still owed.
#   E  nothing back, --as-of 2026-01-31: 83 + 31 = 114 days = 228,000.00.
#   F  --as-of 2025-10-09: the deadline itself: nothing late yet.
#   G  notice 2025-11-03 (Monday) + 10 calendar days = 11-13 (Thursday, a
#      working day, no move; 10 working days would be 11-17): back on
#      11-14 → 1 day = 2,000.00.
#   H  the notice itself sets a later deadline (due_date 2025-10-20): the
#      3,000,000.00 of 10-13 is in time: no charge.
#   I  notice without an amount; funds received 65,000,000.00 (03-31) and
#      66,000,000.00 (09-30, after the notice); claims paid 60,000,000.00
#      (06-30) before it: computed 65,000,000 − 60,000,000 =
#      5,000,000.00; nothing back: 83 days × 2,500.00 = 207,500.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=zhengzhou-dae-2025
n=0
# case FACTS-CSV-BODY [ARGS...]: a fresh database, Zhengzhou 2025 with
# these facts rows (after the header), settled.
case_() {
	body=$1
	shift
	n=$((n + 1))
	KAOHE_DB=$WORK/db$n.db
	export KAOHE_DB
	money_setup $C
	printf 'date,unit,insured\n2025-01-01,,1000000\n' >"$WORK/pop.csv"
	printf 'date,kind,amount,note\n2025-12-31,claims-paid,120000000,\n' >"$WORK/fin.csv"
	printf 'date,kind,ref,amount,due_date,note\n%s' "$body" >"$WORK/facts.csv"
	load population "$WORK/pop.csv" $C
	load finance "$WORK/fin.csv" $C
	load facts "$WORK/facts.csv" $C
	settle_xml --contract $C --year 2025 "$@"
}
N='2025-09-24,termination-notice,N1,4000000,,\n'

case_ "$(printf "$N"'2025-10-09,refund,R1,1000000,,\n2025-10-13,refund,R2,3000000,,\n')"
expect_rc 0 "A: settles"
is "$(line refund-due)" "4000000.00" "A: the amount the notice confirms"
is "$(fx "string(/*/*[@kind='refund-due']/@basis)")" "confirmed" "A: marked as confirmed"
linetext refund-due | grep -q '2025-10-04 为休息日，顺延至 2025-10-09'
ok $? "A: the deadline 10-04 falls in the holiday and moves to 10-09"
is "$(nlines refund)" "2" "A: two refunds listed"
linetext refund 1 | grep -q '期限内'; ok $? "A: the first in time"
linetext refund 2 | grep -q '逾期'; ok $? "A: the second late"
is "$(nlines late-refund)" "1" "A: one run of late days"
linetext late-refund | grep -q '2025-10-10 至 2025-10-13 共 4 日'; ok $? "A: 10-10 to 10-13, 4 days"
is "$(line late-refund)" "6000.00" "A: 4 × 3,000,000.00 × 0.05% = 6,000.00"
is "$(line damages)" "6000.00" "A: damages 6,000.00"
is "$(line returned)" "4982000.00" "A: the year-end return is untouched"
is "$(fees due)" "5012000.00" "A: net 5,018,000 − 6,000"
balanced "A: balances"

case_ "$(printf "$N"'2025-10-09,refund,R1,4000000,,\n')"
is "$(nlines damages)" "0" "B: back on the deadline: no damages"
linetext late-refund | grep -q '期限内已退清'; ok $? "B: says it was in time"
is "$(fees due)" "5018000.00" "B: net 5,018,000.00"

case_ "$(printf "$N"'2025-10-10,refund,R1,4000000,,\n')"
is "$(line damages)" "2000.00" "C: back the day after the deadline: 1 day, 2,000.00"

case_ "$(printf "$N")"
is "$(line damages)" "166000.00" "D: nothing back by 12-31: 83 days, 166,000.00"
linetext damages | grep -q '仍有 4,000,000.00 未退还'; ok $? "D: says what is still owed"

case_ "$(printf "$N")" --as-of 2026-01-31
is "$(line damages)" "228000.00" "E: as of 2026-01-31: 114 days, 228,000.00"

case_ "$(printf "$N")" --as-of 2025-10-09
is "$(nlines damages)" "0" "F: judged on the deadline: nothing late yet"
is "$(line refund-due)" "4000000.00" "F: the amount due is shown"

case_ "$(printf '2025-11-03,termination-notice,N2,4000000,,\n2025-11-14,refund,R1,4000000,,\n')"
linetext refund-due | grep -q '期限2025-11-13\|期限 2025-11-13'; ok $? "G: 10 calendar days: 11-13"
is "$(line damages)" "2000.00" "G: back 11-14: 1 day late (10 working days would end 11-17)"

case_ "$(printf '2025-09-24,termination-notice,N1,4000000,2025-10-20,\n2025-10-13,refund,R1,4000000,,\n')"
is "$(nlines damages)" "0" "H: the notice's own later deadline prevails: in time"
linetext refund-due | grep -q '通知载明的期限较晚'; ok $? "H: says so"

n=$((n + 1))
KAOHE_DB=$WORK/db$n.db
export KAOHE_DB
money_setup $C
printf 'date,unit,insured\n2025-01-01,,1000000\n' >"$WORK/pop.csv"
printf 'date,kind,amount,note\n2025-03-31,funds-received,65000000,\n2025-09-30,funds-received,66000000,\n2025-06-30,claims-paid,60000000,\n2025-12-31,claims-paid,60000000,\n' >"$WORK/fin.csv"
printf 'date,kind,ref,amount,due_date,note\n2025-09-24,termination-notice,N1,,,\n' >"$WORK/facts.csv"
load population "$WORK/pop.csv" $C
load finance "$WORK/fin.csv" $C
load facts "$WORK/facts.csv" $C
settle_xml --contract $C --year 2025
is "$(line refund-due)" "5000000.00" "I: computed 65,000,000 − 60,000,000"
is "$(fx "string(/*/*[@kind='refund-due']/@basis)")" "computed" "I: marked as computed"
linetext refund-due | grep -q '以甲方确认为准'; ok $? "I: the purchaser's confirmation prevails"
is "$(line damages)" "207500.00" "I: 83 days × 2,500.00"
balanced "I: balances"

run "$KAOHE" settle --contract $C --year 2025 --late-days 7
expect_rc 64 "no --late-days: the days come from the facts"

done_testing
