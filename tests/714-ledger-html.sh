#!/bin/sh
# 714-ledger-html: the decided money lines in the HTML report and the
# ledger as a page (issue 17).  Mentougou (004) as in 711: the
# discretionary damages 2024:第五条(四):breach, 5% × 1,680,000.00 =
# 84,000.00, start 待确认 (proposed) and after `kaohe decide --confirm`
# read 已确认; the <fees> totals show proposed 84,000.00 / confirmed 0.00
# before and confirmed 84,000.00 after.  `kaohe ledger --format html` as
# of 2024-12-31 shows the payable the text ledger prints: 1,680,000 −
# 84,000 − 1,344,000 paid = 252,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"
export KAOHE_USER=记录员

C=mentougou-fzfw-2024
money_setup $C
load activities mentougou-activities.csv $C
load activities mentougou-outside.csv $C
load finance mentougou-paid-signing.csv $C
load finance mentougou-paid-progress.csv $C
load facts mentougou-acceptance.csv $C
L='2024:第五条(四):breach'

# hx FILE XPATH: an XPath over an HTML page (it is also XML).
hx() { xmllint --xpath "$2" "$1" 2>/dev/null; }
FEES="//*[local-name()='section'][@id='fees']"

run "$KAOHE" report --contract $C --period 2024 --format html -o "$WORK/before.html"
expect_rc 0 "the report before the decision"
xmllint --noout "$WORK/before.html" 2>/dev/null
ok $? "the page is well-formed"
is "$(hx "$WORK/before.html" "string($FEES//*[@title='$L'])")" "待确认" \
	"the damages line reads 待确认 beside its amount"
is "$(hx "$WORK/before.html" "string($FEES//*[@class='num fee-proposed'])")" "84,000.00" \
	"proposed total 84,000.00"
is "$(hx "$WORK/before.html" "string($FEES//*[@class='num fee-confirmed'])")" "0.00" \
	"confirmed total 0.00"
is "$(hx "$WORK/before.html" "normalize-space($FEES//*[@class='num fee-due-confirmed'])")" "1,680,000.00" \
	"payable counting confirmed lines only: 1,680,000.00"

run "$KAOHE" decide --contract $C "$L" --confirm --reason 验收核查量未达协议要求 --by 门头沟医保局
expect_rc 0 "the purchaser confirms the damages"
run "$KAOHE" report --contract $C --period 2024 --format html -o "$WORK/after.html"
expect_rc 0 "the report after the decision"
is "$(hx "$WORK/after.html" "string($FEES//*[@title='$L'])")" "已确认" \
	"the damages line reads 已确认"
is "$(hx "$WORK/after.html" "count($FEES//*[contains(@class, 'state-proposed')])")" "0" \
	"nothing left 待确认"
is "$(hx "$WORK/after.html" "string($FEES//*[@class='num fee-confirmed'])")" "84,000.00" \
	"confirmed total 84,000.00"
is "$(hx "$WORK/after.html" "normalize-space($FEES//*[@class='num fee-due-confirmed'])")" "1,596,000.00" \
	"due-confirmed 1,680,000 − 84,000 = 1,596,000.00"
run "$KAOHE" --lang en report --contract $C --period 2024 --format html -o "$WORK/en.html"
is "$(hx "$WORK/en.html" "string($FEES//*[@title='$L'])")" "confirmed" "in English: confirmed"

run "$KAOHE" ledger --contract $C --as-of 2024-12-31
expect_out '现应付 252,000\.00' "the text ledger: payable now 252,000.00"
run "$KAOHE" ledger --contract $C --as-of 2024-12-31 --format html
expect_rc 0 "ledger --format html"
cp "$WORK/out" "$WORK/ledger.html"
xmllint --noout "$WORK/ledger.html" 2>/dev/null
ok $? "the ledger page is well-formed"
is "$(hx "$WORK/ledger.html" "string(//*[@class='ledger-payable'])")" "252,000.00" \
	"the page's payable is the text ledger's"
is "$(hx "$WORK/ledger.html" "string(//*[@class='num total-payable'])")" "252,000.00" \
	"and its table's total"
is "$(hx "$WORK/ledger.html" "count(//*[local-name()='tbody']/*[local-name()='tr'])")" "4" \
	"three milestones and the confirmed row"
is "$(hx "$WORK/ledger.html" "string(//*[local-name()='tbody']/*[local-name()='tr'][4]/*[5])")" "84,000.00" \
	"the confirmed damages 84,000.00"
grep -q '<script\|<link' "$WORK/ledger.html"
ok $((! $?)) "no script, no outside link"
# no raw codes among the Chinese words (as 504 asks of the report)
bad=$(python3 - "$WORK/ledger.html" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
X = '{http://www.w3.org/1999/xhtml}'
root = ET.parse(sys.argv[1]).getroot()
words = set()
def walk(el):
    if el.tag in (X + 'style', X + 'script'):
        return
    for t in [el.text] + [c.tail for c in el]:
        for w in re.findall(r'[A-Za-z0-9_.-]*[A-Za-z]{3,}[A-Za-z0-9_.-]*', t or ''):
            if not re.search(r'[0-9]', w) and w not in ('kaohe', 'XML', 'mentougou-fzfw-2024'):
                words.add(w)
    for c in el:
        walk(c)
walk(root)
print(' '.join(sorted(words)))
PY
)
is "$bad" "" "no raw codes in the Chinese ledger page"
run "$KAOHE" ledger --contract $C --as-of 2024-12-31 --format pdf
expect_rc 64 "an unknown format is a usage error"

done_testing
