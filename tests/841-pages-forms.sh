#!/bin/sh
# 841-pages-forms: the forms of kaohe serve's pages end to end, each a POST
# with the session's CSRF token answered 303 back to the period, each in
# the audit log under the user's login name, with the figures worked by
# hand (setup: tests/helpers/pages-lib.sh):
#   Luoyang 2024Q2 before anything: audit 88/100 = 88.00% < 90% → the
#   audit indicator fails (0 of 20); the manual indicators rules.archives
#   (5) and conduct.circumstances (10) are unmarked (0); the rest have no
#   records (n/a): score 0.00 / 35.00.  Statement: the quarter 362,500.00,
#   deduction 2% = 7,250.00 proposed; due as proposed 355,250.00, counting
#   confirmed lines only 362,500.00.
#   Regulator confirms the line: due-confirmed 355,250.00.
#   Panel member 王五 marks 4.55 and 8 (city): 12.55 / 35.00; a score with
#   three decimals (4.555) is refused and nothing is saved; marked again
#   4.50: the row is updated in place, 12.50 / 35.00.
#   Insurer appeals Q2-F89 and Q2-F90; the regulator overturns them with a
#   re-review cost of 1,200.00: 90/100 = 90.00%, not below 90% → the audit
#   indicator passes (20): 32.50 / 35.00; no deduction line; the cost a
#   proposed line of 1,200.00.
#   Dashboard on 2024-07-20 (Henan): the 2024-06 monthly report due
#   2024-07-05 and sent 2024-07-05 is received; the H1 analysis due
#   2024-07-15 and not sent is missing.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/pages-lib.sh"
command -v curl >/dev/null || skip_all "curl is not installed"

pages_setup
serve_start
Q2=/contracts/luoyang-zgyb-2024/2024Q2
L='2024Q2:第三条(三):audit.pass-rate'
for u in reg panel1 ins-ly; do login $u; done

# well-formed, escaped, no empty non-void element (an HTML parser would
# read <td/> as an open cell)
page_ok() {
	xmllint --noout "$WORK/page" 2>/dev/null; ok $? "$1: well-formed"
	grep -Eq '<(td|th|span|code|textarea|strong|dd|dt|div|p|a|option|select|h1|h2|h3|label|form|button|table|tr|tbody|thead|main|header|footer|nav|title|style)( [^>]*)?/>' "$WORK/page"
	ok $((!$?)) "$1: no empty non-void element"
	grep -q '<script' "$WORK/page"; ok $((!$?)) "$1: no script"
}

get reg $Q2
is "$code" 200 "the period's page"
page_ok "period"
grep -i '^content-security-policy:' "$WORK/headers" >"$WORK/csp"
grep -q "default-src 'none'" "$WORK/csp"; ok $? "CSP: nothing loads by default"
grep -q "style-src 'unsafe-inline'" "$WORK/csp"; ok $? "CSP: the inline style only"
grep -q "script-src" "$WORK/csp"; ok $((!$?)) "CSP: no script allowed"
in_page '<strong class="score">0\.00</strong> / 35\.00' "score 0.00 / 35.00 before anything"
in_page '7250\.00' "the deduction, 7,250.00"
in_page 'state-proposed">待确认' "... proposed"
in_page 'class="due-confirmed">362500\.00' "due counting confirmed lines: 362,500.00"
in_page 'name="line" value="2024Q2:第三条\(三\):audit\.pass-rate"' "the regulator gets the line's confirm/waive form"

post reg $Q2/decide "line=$L" state=waived reason=
is "$code" 400 "waiving without a reason: 400"
is "$(sql "select count(*) from decisions")" 0 "... nothing decided"
post reg $Q2/decide "line=$L" state=confirmed reason=抽查属实
is "$code" 303 "confirming: 303"
is "$(location)" "$Q2" "... back to the period"
get reg $Q2
in_page 'state-confirmed">已确认' "the line reads confirmed"
in_page 'class="due-confirmed">355250\.00' "due counting confirmed lines: 355,250.00"
is "$(sql "select who || '|' || action || '|' || subject from audit_log where action = 'confirm'")" \
	"reg|confirm|$L" "the log: reg confirmed the line"

# marks
get panel1 $Q2
in_page 'name="score\.rules\.archives"' "the panel member gets the marks form"
in_page '<strong>王五</strong>' "... marking as 王五"
not_in_page 'name="line"' "... and no confirm/waive form"
post panel1 $Q2/marks level=city score.rules.archives=4.555 score.conduct.circumstances=8
is "$code" 400 "a score with three decimals: 400"
is "$(sql "select count(*) from marks")" 0 "... and no mark saved (not even the good one)"
post panel1 $Q2/marks level=city score.rules.archives= score.conduct.circumstances=
is "$code" 400 "no score at all: 400"
post panel1 $Q2/marks level=city score.rules.archives=4.55 "reason.rules.archives=缺 1 份<档案>" score.conduct.circumstances=8
is "$code" 303 "marks: 303"
is "$(sql "select indicator || '|' || level || '|' || member || '|' || score || '|' || reason from marks order by indicator")" \
"conduct.circumstances|city|王五|800|
rules.archives|city|王五|455|缺 1 份<档案>" "two marks stored, ×100, as 王五"
get panel1 $Q2
in_page '<strong class="score">12\.55</strong> / 35\.00' "score 12.55 / 35.00"
in_page 'name="score\.rules\.archives" value="4\.55"' "the form shows the member's mark"
in_page 'value="缺 1 份&lt;档案&gt;"' "... its reason escaped"
post panel1 $Q2/marks level=city score.rules.archives=4.50 score.conduct.circumstances=8
is "$code" 303 "marked again: 303"
is "$(sql "select count(*) || '|' || sum(score) from marks")" "2|1250" "updated in place: 2 rows, 4.50 + 8.00"
get panel1 $Q2
in_page '<strong class="score">12\.50</strong> / 35\.00' "score 12.50 / 35.00"
is "$(sql "select who || '|' || action || '|' || subject from audit_log where action = 'import' and subject = 'web:marks' limit 1")" \
	"panel1|import|web:marks" "the log: panel1 imported marks"

# the insurer's appeal
get ins-ly $Q2
in_page 'action="/contracts/luoyang-zgyb-2024/2024Q2/appeal"' "the insurer gets the appeal form"
not_in_page 'name="score\.' "... and no marks form"
post ins-ly $Q2/appeal indicator=audit.pass-rate "refs=Q2-F89 Q2-F90" \
	"reason=<script>alert(1)</script> 样本已补正 & 复核"
is "$code" 303 "appeal filed: 303"
is "$(sql "select id || '|' || indicator || '|' || filed_by || '|' || state from appeals")" \
	"1|audit.pass-rate|ins-ly|open" "the appeal stored, filed by ins-ly"
post ins-ly $Q2/appeal indicator=no.such reason=x
is "$code" 400 "an appeal on an unknown indicator: 400"
post ins-ly $Q2/appeal indicator=audit.pass-rate refs=NO-SUCH reason=x
is "$code" 400 "an appeal naming an item that does not exist: 400"
is "$(sql "select count(*) from appeals")" 1 "... nothing more stored"
get reg /
in_page 'id="appeal-1"' "the dashboard lists the open appeal"
page_ok "dashboard"
in_page '&lt;script&gt;alert\(1\)&lt;/script&gt; 样本已补正 &amp; 复核' "... its reason escaped"
get reg $Q2
in_page 'action="/appeals/1/decide"' "the regulator gets the appeal's decision form"
post reg /appeals/1/decide outcome=partial reason=x
is "$code" 400 "partial without the items: 400"
post reg /appeals/1/decide outcome=overturn reason=样本复查合格 cost=1200.001
is "$code" 400 "a cost in thousandths of a yuan: 400"
post reg /appeals/1/decide outcome=overturn reason=样本复查合格 cost=1200
is "$code" 303 "overturned: 303"
is "$(location)" "$Q2" "... back to the period"
is "$(sql "select state || '|' || decided_by from appeals")" "overturned|reg" "the appeal overturned by reg"
get reg $Q2
in_page '<strong class="score">32\.50</strong> / 35\.00' "score 32.50 / 35.00 after the appeal"
not_in_page '7250\.00' "no deduction any more"
in_page '1200\.00' "the re-review cost, 1,200.00"
is "$(sql "select who || '|' || action from audit_log where action like 'appeal%' order by id")" \
"ins-ly|appeal-add
reg|appeal-decide" "the log: ins-ly filed, reg decided"
post reg /appeals/1/decide outcome=uphold reason=again
is "$code" 400 "an appeal is decided once"

# the dashboard's reports this month (Henan)
get reg /
in_page '2024-07' "the dashboard's month"
grep -o 'id="contract-henan-dbbx-2024".*</tr>' "$WORK/page" | sed 's/<\/tr>.*//' >"$WORK/henan"
grep -q '2024-06 <span class="report-received">已收到' "$WORK/henan"; ok $? "2024-06 sent on its due day: received"
grep -q '2024H1 <span class="report-missing">逾期未报' "$WORK/henan"; ok $? "2024H1 not sent by 2024-07-15: missing"
grep -q 'report-late' "$WORK/henan"; ok $((!$?)) "nothing received late"
grep -q '32\.50' "$WORK/page"; ok $? "Luoyang's latest score on the dashboard"

# downloads
get reg $Q2/scorecard.xml
is "$code" 200 "scorecard.xml"
xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/page" 2>/dev/null
ok $? "... valid against scorecard.rng"
get reg $Q2/scorecard.xlsx
head -c 2 "$WORK/page" | grep -q PK; ok $? "scorecard.xlsx is a zip"
grep -qi '^content-disposition: attachment' "$WORK/headers"; ok $? "... sent as an attachment"
get reg $Q2/scorecard.html
xmllint --noout "$WORK/page" 2>/dev/null; ok $? "scorecard.html (templates/scorecard.xsl) well-formed"
get reg $Q2/statement.txt
in_page '1,200\.00' "statement.txt has the re-review cost"
get reg /contracts/luoyang-zgyb-2024/ledger.html
is "$code" 200 "the ledger page"
get reg /contracts/luoyang-zgyb-2024
page_ok "contract"
in_page 'href="/contracts/luoyang-zgyb-2024/2024Q2"' "the contract lists its periods"
get reg /submissions
page_ok "submissions"
in_page 'HN-M06' "the submissions page shows the receipts"
done_testing
