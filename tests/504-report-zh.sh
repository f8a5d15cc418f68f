#!/bin/sh
# 504-report-zh: every demo report read in Chinese shows words, not codes.
# `kaohe demo` renders the five scorecards; the visible text of each HTML
# page (chart labels included) and each XLSX workbook (shared strings and
# sheet names), and of `contract show`, must hold no ASCII word of three
# or more letters except:
#   - record ids (no lower-case letter, at least one digit: HN2024000041,
#     ZZC001, LYA20995), the contract's own id (henan-dbbx-2024), SHA-256
#     hashes, and file paths (a token with "/": the imported file's name);
#   - ALLOWED below: the program's name, the hash and the file format
#     named in the provenance and the footer, and gnuplot when a chart
#     notice names it.
# Clause numbers and units (元, 人, %) have no three ASCII letters.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
ALLOWED="kaohe SHA XML gnuplot"

run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs"

# words ID FILE...: the offending words of one report's texts, one a line
# as "word<TAB>where it was seen".
words() {
	python3 - "$ALLOWED" "$@" <<'PY'
import re, sys, zipfile
import xml.etree.ElementTree as ET

allowed = set(sys.argv[1].split())
contract = sys.argv[2]
XHTML = '{http://www.w3.org/1999/xhtml}'

def html_texts(path):
    root = ET.parse(path).getroot()
    skip = set()
    for el in root.iter():
        if el.tag in (XHTML + 'style', XHTML + 'script'):
            skip.add(el)
    def walk(el, hidden):
        hidden = hidden or el in skip
        if not hidden and el.text:
            yield el.text
        for child in el:
            yield from walk(child, hidden)
            if not hidden and child.tail:
                yield child.tail
    yield from walk(root, False)

def xlsx_texts(path):
    z = ZipFile = zipfile.ZipFile(path)
    ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
    for name in z.namelist():
        if name == 'xl/sharedStrings.xml' or name.startswith('xl/worksheets/'):
            for t in ET.fromstring(z.read(name)).iter(ns + 't'):
                if t.text:
                    yield t.text
    for sheet in ET.fromstring(z.read('xl/workbook.xml')).iter(ns + 'sheet'):
        yield sheet.get('name')

def text_lines(path):
    # `contract show` output: the rows it quotes as the contract file
    # writes them ("（合同文件原文：…）") are the file's own text
    for line in open(path, encoding='utf-8'):
        yield re.sub(r'（合同文件原文：[^）]*）', '', line)

def allowed_token(tok):
    if '/' in tok or tok == contract:
        return True
    if path.endswith('.txt') and re.fullmatch(r'[a-z]+(\.[a-z-]+)+', tok):
        return True          # contract show lists indicators by their ids
    if re.fullmatch(r'[0-9a-f]{64}', tok):
        return True
    if re.search(r'[0-9]', tok) and not re.search(r'[a-z]', tok):
        return True          # a record id: HN2024000041, ZZC001, 2024Q3
    return False

for path in sys.argv[3:]:
    texts = (html_texts(path) if path.endswith('.html') else
             text_lines(path) if path.endswith('.txt') else xlsx_texts(path))
    for text in texts:
        for tok in re.findall(r'[A-Za-z0-9][A-Za-z0-9._:/-]*', text):
            if allowed_token(tok):
                continue
            for word in re.findall(r'[A-Za-z]{3,}', tok):
                if word not in allowed:
                    print('%s\t%s: %s' % (word, path.rsplit('/', 1)[-1], text.strip()[:120]))
PY
}

for id in henan-dbbx-2024 zhengzhou-dae-2025 luoyang-zgyb-2024 kaifeng-dae-2024 mentougou-fzfw-2024; do
	words "$id" "$WORK/demo/$id.html" >"$WORK/$id.html.words"
	ok $? "$id.html read"
	[ ! -s "$WORK/$id.html.words" ]; ok $? "$id.html: no codes in the Chinese text"
	[ -s "$WORK/$id.html.words" ] && diag "$(sort -u "$WORK/$id.html.words" | head -20)"
	words "$id" "$WORK/demo/$id.xlsx" >"$WORK/$id.xlsx.words"
	ok $? "$id.xlsx read"
	[ ! -s "$WORK/$id.xlsx.words" ]; ok $? "$id.xlsx: no codes in the Chinese text"
	[ -s "$WORK/$id.xlsx.words" ] && diag "$(sort -u "$WORK/$id.xlsx.words" | head -20)"
done

# `contract show` in Chinese: words too (indicator ids name the indicators).
for id in henan-dbbx-2024 zhengzhou-dae-2025 luoyang-zgyb-2024 kaifeng-dae-2024 mentougou-fzfw-2024; do
	"$KAOHE" --db "$WORK/demo/kaohe.db" contract show "$id" >"$WORK/$id.show.txt"
	ok $? "contract show $id"
	words "$id" "$WORK/$id.show.txt" >"$WORK/$id.show.words"
	[ ! -s "$WORK/$id.show.words" ]; ok $? "contract show $id: no codes in the Chinese text"
	[ -s "$WORK/$id.show.words" ] && diag "$(sort -u "$WORK/$id.show.words" | head -20)"
done

# The checker itself: a code left in a page is found.
sed 's|<footer>|<footer><p>岗位 resident</p>|' "$WORK/demo/kaifeng-dae-2024.html" >"$WORK/planted.html"
words kaifeng-dae-2024 "$WORK/planted.html" | grep -q '^resident	'
ok $? "the checker finds a code planted in a page"

# Codes inside notes and money texts read as words.
grep -q '岗位派驻，专业不限' "$WORK/demo/henan-dbbx-2024.html"; ok $? "henan: a staffing note in words"
grep -q '抽样类别10%个人零星报销结算抽样、5%人工抽审' "$WORK/demo/luoyang-zgyb-2024.html"
ok $? "luoyang: the audit streams in words, joined by 、"
grep -q '<td>10%个人零星报销结算抽样</td>' "$WORK/demo/luoyang-zgyb-2024.html"; ok $? "luoyang: an evidence stream in words"
grep -q '<td>89.90%</td>' "$WORK/demo/luoyang-zgyb-2024.html"; ok $? "luoyang: an evidence rate as a percentage (0.8990)"
grep -q '[0-9]/[0-9] 个季度达标' "$WORK/demo/luoyang-zgyb-2024.html"; ok $? "luoyang: quarters met (3/4 个季度达标), not a bare 75.00% beside 每季度 ≥ 1"

done_testing
