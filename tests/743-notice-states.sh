#!/bin/sh
# 743-notice-states: the result notice reads the decision state of money
# lines (issue 17: fees lines may carry @id and @state = proposed |
# confirmed | waived; absent = confirmed).  The sample scorecard, with
# states added, runs through templates/notice.xsl: confirmed lines (and
# lines without a state) under 已确认, proposed ones apart under 待确认,
# waived ones nowhere; ids shown.  Also `report --from` of the plain sample.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

SAMPLE=$TESTDATA/render/sample-scorecard.xml
run "$KAOHE" report --from "$SAMPLE" --format notice -o plain.html
expect_rc 0 "report --from SAMPLE --format notice"
# section TEXT: the text of one section of the notice (by its id)
section() {
	python3 - "$1" "$2" <<'PY'
import re, sys, html
page = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'<section id="%s">(.*?)</section>' % sys.argv[2], page, re.S)
print(html.unescape(re.sub(r'<[^>]+>', ' ', m.group(1))) if m else '')
PY
}
money=$(section plain.html money)
printf '%s\n' "$money" | grep -q '7,250.00'; ok $? "the quarter's deduction is confirmed (no state)"
printf '%s\n' "$money" | grep -q '1,200.00'; ok $? "the damages line is confirmed (no state)"
printf '%s\n' "$money" | grep -q '待确认'; ok $((!$?)) "nothing proposed"
findings=$(section plain.html findings)
printf '%s\n' "$findings" | grep -q '第三条(三)'; ok $? "findings cite the failing indicators' clauses"
fix=$(section plain.html rectification)
printf '%s\n' "$fix" | grep -q '约谈承办机构负责人'; ok $? "the interview trigger is a rectification item"

command -v xsltproc >/dev/null || { done_testing; exit $?; }
sed -e 's|<line kind="damages" clause="第十六条" amount="1200.00"|<line kind="damages" id="2024Q3:第十六条:late" state="proposed" clause="第十六条" amount="1200.00"|' \
    -e 's|deduction="7250.00" clause|deduction="7250.00" id="2024Q2:第三条(三):audit" state="confirmed" clause|' \
    -e 's|</fees>|<line kind="damages" id="2024Q4:x:y" state="waived" clause="第九条" amount="999.00" text="免除"/></fees>|' \
    "$SAMPLE" >states.xml
xsltproc --stringparam lang zh "$SRCDIR/templates/notice.xsl" states.xml >states.html 2>xslt.err
ok $? "xsltproc renders the notice with states"
money=$(section states.html money)
confirmed=${money%%待确认*}
proposed=${money#*待确认}
printf '%s\n' "$confirmed" | grep -q '7,250.00'; ok $? "confirmed deduction under 已确认"
printf '%s\n' "$confirmed" | grep -q '1,200.00'; ok $((!$?)) "the proposed line is not under 已确认"
printf '%s\n' "$proposed" | grep -q '1,200.00'; ok $? "the proposed line under 待确认"
printf '%s\n' "$money" | grep -q '999.00'; ok $((!$?)) "the waived line is left out"
printf '%s\n' "$money" | grep -q '2024Q3:第十六条:late'; ok $? "a line's id is shown"

done_testing
