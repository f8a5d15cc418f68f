#!/bin/sh
# 775-demo-trend: `kaohe demo` shows both new views — 002 quarter by
# quarter over its two years (data/samples/luoyang-zgyb-2024-2025) and the
# two insurers of 001 (data/samples/henan-dbbx-2024-zk) side by side — as
# valid XML, HTML and XLSX, and the Chinese pages read as words (no ASCII
# word of three letters or more except kaohe and the contract ids).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v xmllint >/dev/null || skip_all "xmllint not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"

run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs"
for name in trend-luoyang-zgyb-2024 compare-001-2024; do
	for ext in xml html xlsx; do
		grep -q "$WORK/demo/$name.$ext" "$WORK/out"; ok $? "demo prints $name.$ext"
	done
done
xmllint --noout --relaxng "$SRCDIR/data/schema/trend.rng" "$WORK/demo/trend-luoyang-zgyb-2024.xml" 2>/dev/null
ok $? "the demo trend validates"
xmllint --noout --relaxng "$SRCDIR/data/schema/compare.rng" "$WORK/demo/compare-001-2024.xml" 2>/dev/null
ok $? "the demo league table validates"
x() { xmllint --xpath "$1" "$WORK/demo/$2.xml" 2>/dev/null; }
is "$(x "string(//*[local-name()='total']/*[local-name()='flag']/@to)" trend-luoyang-zgyb-2024)" 2025Q4 \
	"002: the total's two declines of 2025Q3-Q4 are flagged"
is "$(x "count(//*[local-name()='contract'])" compare-001-2024)" 2 "001: two insurers"
is "$(x "string(//*[local-name()='contract'][1]/@insurer)" compare-001-2024)" "阳光财产保险股份有限公司河南省分公司" \
	"001: 商丘's insurer first (its city panel's 84.15; 周口 44.00, computed, manual items 待评)"
# 周口's panel has not marked the three manual items 商丘's has (待评 there,
# judged here): missing, so 周口 is ranked apart; the annual report, n/a for
# both, is not counted against either.
second_group=$(x "string(//*[local-name()='contract'][2]/@group)" compare-001-2024)
second_missing=$(x "string(//*[local-name()='contract'][2]/@missing)" compare-001-2024)
is "$second_group $second_missing" "incomplete 3" \
	"001: 周口 incomplete by its three unmarked manual items only (the annual report, n/a for both, not counted)"

for name in trend-luoyang-zgyb-2024 compare-001-2024; do
	python3 - "$WORK/demo/$name.html" >"$WORK/$name.words" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
X = '{http://www.w3.org/1999/xhtml}'
allowed = {'kaohe', 'luoyang-zgyb-2024', 'henan-dbbx-2024', 'henan-dbbx-2024-zk'}
root = ET.parse(sys.argv[1]).getroot()
found = set()
def scan(text):
    for w in re.findall(r'[A-Za-z][A-Za-z0-9._:-]*', text or ''):
        if sum(c.isalpha() for c in w) >= 3 and any(c.islower() for c in w) and w not in allowed:
            found.add(w)
def walk(el, hidden):
    hidden = hidden or el.tag in (X + 'style', X + 'script')
    if not hidden:
        scan(el.text)
    for child in el:
        walk(child, hidden)
        if not hidden:
            scan(child.tail)
walk(root, False)
for w in sorted(found):
    print(w)
PY
	[ ! -s "$WORK/$name.words" ]; ok $? "$name.html: no codes in the Chinese text"
	[ -s "$WORK/$name.words" ] && diag "$(head -20 "$WORK/$name.words")"
done

done_testing
