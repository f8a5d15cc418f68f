#!/bin/sh
# 480-money-grade: money that hangs on the assessment grade (Henan's
# deposit, 001 第二十二/三十六条; Zhengzhou's profit, 000 第三十一条) rests
# on a grade only when the contract's grade bands are its own or the
# assessment's grade is given (kaohe settle --grade NAME).  On template
# bands (default="yes") the scored grade is shown for reference and the
# money waits for the assessment (次年考核): held, never forfeited — so
# all-or-nothing template points (0 of 8 for a report a day late) cannot
# take the deposit away on 12-31, months before the May assessment.
#
# Worked by hand.  Henan 2024, the shipped template, finance rows only:
# F 200,000,000.00; reserve 10,000,000.00; deposit 6,000,000.00; claims
# 170,000,000.00 → M 20,000,000.00; kept 6,000,000.00; 14,000,000.00 to the
# fiscal account.  The reports measured fail (nothing submitted): 0 of 14
# judged points, 不合格 on the template's bands.
#   no grade given      → deposit held 6,000,000.00, net 6,000,000.00
#                         (before issue 14: 0% returned, net 0.00)
#   --grade 合格        → 80% (a template share, marked) 4,800,000.00
#                         returned, 1,200,000.00 withheld, net 4,800,000.00
#   --grade excellent   → 优秀 100%: 6,000,000.00 returned, net 6,000,000.00
#   --grade 不合格      → 0%: 6,000,000.00 withheld, net 0.00
# Zhengzhou 2025: F 130,000,000.00, claims 120,000,000.00, kept
# 5,018,000.00 → profit held 5,018,000.00 with or without a grade (the
# contract gives no return share by grade), net 5,018,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

H=henan-dbbx-2024
money_setup $H zhengzhou-dae-2025
printf 'date,kind,amount,note\n2024-03-31,funds-received,120000000,\n2024-09-30,funds-received,80000000,\n2024-12-31,claims-paid,170000000,\n' >"$WORK/hn.csv"
load finance "$WORK/hn.csv" $H

settle_xml --contract $H --year 2024
expect_rc 0 "Henan settles"
sql "SELECT scorecard_xml FROM score_runs ORDER BY id DESC LIMIT 1" >"$WORK/run.xml"
is "$(xmllint --xpath "string(//*[local-name()='summary']/@grade)" "$WORK/run.xml")" "不合格" \
	"the scored grade on the template's bands is 不合格"
is "$(line deposit-held)" "6000000.00" "no grade given: the deposit awaits the assessment"
is "$(fx "string(/*/*[@kind='deposit-held']/@basis)")" "pending" "marked pending"
is "$(nlines deposit-withheld)" "0" "nothing forfeited"
linetext deposit-held | grep -q '次年考核'; ok $? "the line says it awaits the next year's assessment"
linetext deposit-held | grep -q '模板默认值'; ok $? "and why: the bands are template defaults"
linetext deposit-held | grep -q '试算为不合格，仅供参考'; ok $? "the trial grade shown for reference only"
is "$(fees due)" "6000000.00" "net 6,000,000.00"
balanced "balances"

settle_xml --contract $H --year 2024 --grade 合格
is "$(line deposit-returned)" "4800000.00" "--grade 合格: 80% returned"
is "$(fx "string(/*/*[@kind='deposit-returned']/@basis)")" "given" "resting on the grade given"
linetext deposit-returned | grep -q '返还比例为模板默认值'; ok $? "the return share is marked as a default"
is "$(line deposit-withheld)" "1200000.00" "1,200,000.00 withheld"
is "$(fees due)" "4800000.00" "net 4,800,000.00"
balanced "balances"
settle_xml --contract $H --year 2024 --grade excellent
is "$(fx "string(/*/*[@kind='deposit-returned']/@grade)")" "优秀" "--grade takes the English name too"
is "$(fees due)" "6000000.00" "优秀: net 6,000,000.00"
settle_xml --contract $H --year 2024 --grade 不合格
is "$(line deposit-withheld)" "6000000.00" "--grade 不合格: the assessment forfeits it all"
is "$(fees due)" "0.00" "net 0.00"
balanced "balances"
run "$KAOHE" settle --contract $H --year 2024 --grade 甲等
expect_rc 64 "--grade names a grade of the contract"

Z=zhengzhou-dae-2025
printf 'date,unit,insured\n2025-01-01,,1000000\n' >"$WORK/zz-pop.csv"
printf 'date,kind,amount,note\n2025-12-31,claims-paid,120000000,\n' >"$WORK/zz.csv"
load population "$WORK/zz-pop.csv" $Z
load finance "$WORK/zz.csv" $Z
settle_xml --contract $Z --year 2025
is "$(line profit-held)" "5018000.00" "Zhengzhou: the profit awaits the assessment (第三十一条)"
is "$(fees due)" "5018000.00" "net 5,018,000.00"
settle_xml --contract $Z --year 2025 --grade 不合格
is "$(line profit-held)" "5018000.00" "--grade 不合格: still held, the contract gives no share"
is "$(fx "string(/*/*[@kind='profit-held']/@grade)")" "不合格" "the grade named"
linetext profit-held | grep -q '合同未约定各等级的返还比例'; ok $? "and why"
is "$(nlines profit-withheld)" "0" "nothing forfeited"
is "$(fees due)" "5018000.00" "net 5,018,000.00"

done_testing
