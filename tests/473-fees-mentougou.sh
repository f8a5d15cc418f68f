#!/bin/sh
# 473-fees-mentougou: the fixed fee with milestones (004 第三条) walked
# through the year: 1,680,000.00 paid 50% on signing, 30% after the first
# data-monitoring report, 20% after a recorded acceptance (验收合格); the
# payments recorded (finance, service-fee) netted per milestone; the 5%
# damages of 第五条(四) proposed, never deducted (the purchaser "有权" choose
# them); the 10% of 第五条(二) for termination without cause by either
# party; the volumes of 第二条(一) counted within the term only
# (2024-02-28..2024-11-30), not pro-rated.
#
# Worked by hand:
#   Milestones: signing 50% = 840,000.00, on the term start 2024-02-28,
#   pay within 10 working days: 02-29, 03-01, 03-04..08, 03-11, 12, 13 →
#   2024-03-13.  First data report 30% = 504,000.00 on the first data-check
#   activity 2024-04-15 (the one recorded 02-27, before signing, proves
#   nothing: as of 03-31 the progress payment is not due).  Acceptance 20%
#   = 336,000.00 on the acceptance fact 2024-12-10; the failed evaluation of 12-05 makes nothing payable.
#
#   As of 03-31, nothing paid: due 840,000.00, paid 0, payable 840,000.00
#   (past its deadline 03-13).  Volumes are still running: na, no breach.
#   Paid 840,000.00 on 03-05 (and an operating cost of 12,000.00 that is not
#   a payment): as of 06-30 due 840,000 + 504,000 = 1,344,000.00, paid
#   840,000.00, payable 504,000.00 — all of it the progress payment.
#   Paid 504,000.00 on 07-10; as of 12-31, no acceptance: due 1,344,000.00,
#   paid 1,344,000.00, payable 0.00; the acceptance part 0.00.
#   Receipts checked within the term: 200,000 (11-20) < 250,000; the
#   50,000 on 02-27 (before signing) and on 12-05 (after the term) do not
#   count (with them 300,000 would pass) → volume.receipts-checked fails →
#   5% × 1,680,000 = 84,000.00 proposed, deductions 0.00, due unchanged.
#   Acceptance failed 12-05: as of 12-09 still nothing payable on it.
#   Accepted 12-10: as of 12-10 due 1,680,000.00, paid 1,344,000.00,
#   payable 336,000.00 (the acceptance part); 84,000.00 still proposed only.
#   --terminated (the insurer, without cause): 10% = 168,000.00 deducted →
#   due 1,680,000 − 168,000 = 1,512,000.00, payable 1,512,000 − 1,344,000 =
#   168,000.00.  --terminated=purchaser: the purchaser owes 168,000.00 →
#   total 1,848,000.00, due 1,848,000.00, payable 504,000.00.
#   With 50,000 more receipts on 11-25 (250,000 within the term): nothing
#   fails, nothing proposed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

C=mentougou-fzfw-2024
money_setup $C
load activities mentougou-activities.csv $C
load activities mentougou-outside.csv $C

# mline KIND MILESTONE: the amount of that milestone's line of that kind.
mline() { fx "string(/*/*[local-name()='line'][@kind='$1'][@milestone='$2']/@amount)"; }
mtext() { fx "string(/*/*[local-name()='line'][@kind='$1'][@milestone='$2']/@text)"; }
# ind ID ATTR: an attribute of an indicator in the newest stored run.
ind() {
	sql "SELECT scorecard_xml FROM score_runs ORDER BY id DESC LIMIT 1" >"$WORK/sc.xml"
	xmllint --xpath "string(//*[local-name()='indicator'][@id='$1']/@$2)" "$WORK/sc.xml" 2>/dev/null
}

# --- 03-31: signing due, nothing paid ----------------------------------------
fees_xml --contract $C --period 2024 --as-of 2024-03-31
expect_rc 0 "fees exits 0"
is "$(fees model)" "fixed-fee" "model"
is "$(line contract-fee)" "1680000.00" "contract total"
is "$(nlines milestone)" "1" "as of 03-31 only signing is due"
is "$(mline milestone signing)" "840000.00" "signing 50%: 840,000.00"
mtext milestone signing | grep -q '付款期限 2024-03-13'; ok $? "signing: pay within 10 working days, by 03-13"
is "$(nlines milestone-pending)" "2" "two milestones pending"
is "$(mline milestone-payable signing)" "840000.00" "signing payable 840,000.00"
mtext milestone-payable signing | grep -q '已过付款期限'; ok $? "past its deadline"
is "$(mline milestone-payable first-report)" "0.00" "progress payment not yet due: 0.00"
is "$(line paid)" "0.00" "nothing paid"
is "$(line payable)" "840000.00" "payable now 840,000.00"
is "$(fees total)" "840000.00" "due 840,000.00"
is "$(ind volume.receipts-checked status)" "na" "03-31: the term still runs, receipts not judged yet"
is "$(nlines damages-proposed)" "0" "no breach yet, no damages proposed"

# --- 06-30: the first report, the start fee paid -----------------------------
load finance mentougou-paid-signing.csv $C
fees_xml --contract $C --period 2024 --as-of 2024-06-30
is "$(nlines milestone)" "2" "as of 06-30 the first data report has come"
is "$(mline milestone first-report)" "504000.00" "progress payment 30%: 504,000.00"
mtext milestone first-report | grep -q '2024-04-15'; ok $? "proved by the first data check, 04-15"
is "$(mline milestone-paid signing)" "840000.00" "the 03-05 payment settles the start fee"
is "$(mline milestone-payable signing)" "0.00" "start fee: 840,000 − 840,000 = 0.00"
is "$(mline milestone-payable first-report)" "504000.00" "progress payment payable 504,000.00"
is "$(line paid)" "840000.00" "paid 840,000.00 (the operating cost is not a payment)"
is "$(fees total)" "1344000.00" "due 1,344,000.00"
is "$(line payable)" "504000.00" "payable now 1,344,000 − 840,000 = 504,000.00"

# --- 12-31 without acceptance -------------------------------------------------
load finance mentougou-paid-progress.csv $C
fees_xml --contract $C --period 2024
is "$(nlines milestone)" "2" "no acceptance recorded: two milestones due"
is "$(nlines milestone-pending)" "1" "the acceptance part pending"
mtext milestone-pending acceptance | grep -q '待验收'; ok $? "shown as awaiting acceptance"
is "$(mline milestone-payable acceptance)" "0.00" "acceptance part payable 0.00"
is "$(fees total)" "1344000.00" "due 1,344,000.00"
is "$(line paid)" "1344000.00" "paid 1,344,000.00"
is "$(line payable)" "0.00" "payable now 0.00"
is "$(ind volume.receipts-checked value)" "200000" "receipts within the term only: 200,000"
is "$(ind volume.receipts-checked status)" "fail" "200,000 < 250,000 (not pro-rated): fails"
is "$(ind volume.records-reviewed value)" "360000" "records reviewed: the 12-05 rows are after the term"
is "$(ind volume.data-check value)" "2" "data checks: the 02-27 one is before signing"
is "$(nlines damages)" "0" "no damages applied"
is "$(nlines damages-proposed)" "1" "5% damages proposed"
is "$(line damages-proposed)" "84000.00" "5% of the total: 84,000.00"
is "$(fx "string(/*/*[@kind='damages-proposed']/@clause)")" "第五条(四)" "cites 第五条(四)"
linetext damages-proposed | grep -q 'volume.receipts-checked'; ok $? "names the failed indicator"
linetext damages-proposed | grep -q '待甲方确认'; ok $? "awaits the purchaser's confirmation"
is "$(fees deductions)" "0.00" "proposed damages are not deducted"
is "$(fees due)" "1344000.00" "due unchanged 1,344,000.00"
is "$(nlines offset)" "0" "no offset while nothing is applied"
validate_run "the stored scorecard validates"

# --- acceptance failed, then passed -----------------------------------------
load facts mentougou-acceptance-failed.csv $C
fees_xml --contract $C --period 2024 --as-of 2024-12-09
mtext milestone-pending acceptance | grep -q '验收评估不合格 2024-12-05'; ok $? "the failed evaluation is named"
is "$(mline milestone-payable acceptance)" "0.00" "failed evaluation: nothing payable"
load facts mentougou-acceptance.csv $C
fees_xml --contract $C --period 2024 --as-of 2024-12-09
is "$(nlines milestone-pending)" "1" "as of 12-09 the 12-10 acceptance is not yet known"
fees_xml --contract $C --period 2024 --as-of 2024-12-10
is "$(mline milestone acceptance)" "336000.00" "accepted 12-10: 336,000.00 due"
mtext milestone acceptance | grep -q '验收合格 2024-12-10'; ok $? "proved by the acceptance fact"
is "$(mline milestone-payable acceptance)" "336000.00" "acceptance part payable 336,000.00"
is "$(fees total)" "1680000.00" "the whole fee is due"
is "$(line payable)" "336000.00" "payable now 1,680,000 − 1,344,000 = 336,000.00"
is "$(line damages-proposed)" "84000.00" "84,000.00 still only proposed"
is "$(fees due)" "1680000.00" "due 1,680,000.00"
validate_run "the stored scorecard validates"

run "$KAOHE" fees --contract $C --period 2024
expect_out '本期应付' "text: the payable line"
expect_out '336,000\.00' "text shows the payable"
expect_out '违约金（待确认）' "text: damages proposed"

# --- termination without cause (第五条(二)) ----------------------------------
fees_xml --contract $C --period 2024 --terminated
is "$(nlines damages)" "1" "the insurer terminated: 10% applied"
is "$(line damages)" "168000.00" "10% × 1,680,000 = 168,000.00"
is "$(fees deductions)" "168000.00" "deducted"
is "$(fees due)" "1512000.00" "due 1,512,000.00"
is "$(line offset)" "1512000.00" "offset line (第五条(六))"
is "$(line payable)" "168000.00" "payable now 1,512,000 − 1,344,000 = 168,000.00"
is "$(line damages-proposed)" "84000.00" "the 5% stays proposed"
fees_xml --contract $C --period 2024 --terminated=insurer
is "$(fees due)" "1512000.00" "--terminated=insurer is the same"
fees_xml --contract $C --period 2024 --terminated=purchaser
is "$(nlines damages)" "0" "the purchaser terminated: the insurer pays nothing"
is "$(line damages-to-insurer)" "168000.00" "the purchaser owes 168,000.00"
is "$(fees total)" "1848000.00" "total 1,680,000 + 168,000 = 1,848,000.00"
is "$(fees due)" "1848000.00" "due 1,848,000.00"
is "$(line payable)" "504000.00" "payable now 1,848,000 − 1,344,000 = 504,000.00"
run "$KAOHE" fees --contract $C --period 2024 --terminated=nobody
expect_rc 64 "an unknown party is a usage error"

# --- enough receipts: nothing proposed ---------------------------------------
load activities mentougou-receipts-more.csv $C
fees_xml --contract $C --period 2024
is "$(nlines damages-proposed)" "0" "250,000 receipts within the term: nothing proposed"
is "$(line payable)" "336000.00" "payable 336,000.00"
fees_xml --contract $C --period 2024 --breach 1
is "$(line damages-proposed)" "84000.00" "a declared breach: 84,000.00 proposed"
is "$(fees due)" "1680000.00" "… and not deducted"

done_testing
