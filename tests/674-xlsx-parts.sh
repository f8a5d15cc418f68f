#!/bin/sh
# 674-xlsx-parts: the sheet and the shared strings as libxml2's SAX2 parser
# reads them, on parts written by hand (tests/helpers/xlsx-parts.py) with
# what no writer at hand produces: prefixed elements, rich text runs,
# phonetic runs, character references and CDATA, formulas beside their
# values, ISO date cells, an empty row, a gap, styled empty cells, the 1904
# date system; and the refusals, each cited by part or by cell with
# nothing loaded: a DOCTYPE (in the sheet, in the shared strings with an
# external entity), an undeclared entity, a truncated sheet, rows and
# cells out of order, a bad shared string index, a bad cell reference, a
# number cell holding no number.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

PY=
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null 2>&1 && { PY=$p; break; }
done
[ -n "$PY" ] || skip_all "python3 (zipfile) not found"
book() { "$PY" "$SRCDIR/tests/helpers/xlsx-parts.py" "$@"; }

run "$KAOHE" init
expect_rc 0 "init"

NS='xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
# The header through shared strings 0-4; 5 = C1 as two rich text runs,
# 6 = P1 with a phonetic run (not part of the text), 7 = 手工报销 written
# with character references, 8 = an empty item, 9 = CDATA.
cat >sst.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="10" uniqueCount="10">
<si><t>结算单号</t></si><si><t>参保人编号</t></si><si><t>结算方式</t></si>
<si><t>受理日期</t></si><si><t>支付金额</t></si>
<si><r><rPr><b/></rPr><t>C</t></r><r><t>1</t></r></si>
<si><t>P1</t><rPh sb="0" eb="2"><t>ピーイチ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>&#25163;&#x5DE5;报销</t></si>
<si/>
<si><t><![CDATA[P<3>]]></t></si>
</sst>
EOF
# cellXfs: 0 general, 1 a built-in date (14).
cat >styles.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
</styleSheet>
EOF
# Prefixed elements throughout; row 4 empty, row 5 absent, row 7 only
# styled empty cells; a formula's text is never its value.
cat >sheet.xml <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet $NS><x:dimension ref="A1:F7"/><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c></x:row>
<x:row r="2" spans="1:5">
 <x:c r="A2" t="s"><x:v>5</x:v></x:c>
 <x:c r="B2" t="s"><x:v>6</x:v></x:c>
 <x:c r="C2" t="inlineStr"><x:is><x:r><x:t>直接</x:t></x:r><x:r><x:t>结算</x:t></x:r><x:rPh sb="0" eb="1"><x:t>x</x:t></x:rPh></x:is></x:c>
 <x:c r="D2" s="1"><x:v>45356</x:v></x:c>
 <x:c r="E2"><x:f>SUM(12.3)</x:f><x:v>12.300000000000001</x:v></x:c>
</x:row>
<x:row r="3"><x:c r="A3" t="str"><x:f>"C"&amp;"2"</x:f><x:v>C&amp;2</x:v></x:c><x:c r="B3" t="s"><x:v>9</x:v></x:c><x:c r="C3" t="s"><x:v>7</x:v></x:c><x:c r="D3" t="d"><x:v>2024-03-06T00:00:00</x:v></x:c><x:c r="E3" t="inlineStr"><x:is><x:t><![CDATA[80]]></x:t></x:is></x:c></x:row>
<x:row r="4"/>
<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t xml:space="preserve">C3</x:t></x:is></x:c><x:c r="B6" t="inlineStr"><x:is><x:t>P&#51;</x:t></x:is></x:c><x:c r="C6" t="inlineStr"><x:is><x:t>直接结算</x:t></x:is></x:c><x:c r="D6" s="1"><x:v>45357</x:v></x:c><x:c r="E6"><x:v>1E-2</x:v></x:c><x:c r="F6" s="1"/><x:c r="G6" t="s"><x:v>8</x:v></x:c></x:row>
<x:row r="7"><x:c r="A7" s="1"/><x:c r="B7" s="1"/></x:row>
</x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>
EOF
book parts.xlsx sheet.xml --sst sst.xml --styles styles.xml
ok $? "xlsx-parts.py wrote parts.xlsx"
run "$KAOHE" import settlements --contract h1 parts.xlsx
expect_rc 0 "a hand-written workbook imports"
expect_out "3 行：新增 3" "three rows: the empty row, the gap and the styled empty cells are no rows"
is "$(sql "SELECT claim_id, insured_id, channel, received_date, paid_amount FROM settlements ORDER BY claim_id" | tr '\n' ' ')" \
	"C&2|P<3>|manual|2024-03-06|8000 C1|P1|direct|2024-03-05|1230 C3|P3|direct|2024-03-06|1 " \
	"rich text joined, phonetic runs left out, references, CDATA, formula text ignored, 12.300000000000001 -> 12.3, an ISO date cell, 1E-2"

# The 1904 date system: 43894 is 2024-03-05 (1462 days after 1900's 45356).
cat >s1904.xml <<'EOF'
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c t="inlineStr"><is><t>结算单号</t></is></c><c t="inlineStr"><is><t>参保人编号</t></is></c><c t="inlineStr"><is><t>结算方式</t></is></c><c t="inlineStr"><is><t>受理日期</t></is></c><c t="inlineStr"><is><t>支付金额</t></is></c></row>
<row><c t="inlineStr"><is><t>D1</t></is></c><c t="inlineStr"><is><t>P1</t></is></c><c t="inlineStr"><is><t>直接结算</t></is></c><c s="1"><v>43894</v></c><c><v>5</v></c></row>
</sheetData></worksheet>
EOF
book d1904.xlsx s1904.xml --styles styles.xml --date1904
run "$KAOHE" import settlements --contract h1 d1904.xlsx
expect_rc 0 "a 1904 workbook without cell references imports"
is "$(sql "SELECT received_date FROM settlements WHERE claim_id = 'D1'")" "2024-03-05" \
	"1904 system: 43894 -> 2024-03-05"

# The refusals.  head: the header row of s1904.xml, for the bad sheets.
HEAD=$(sed -n 2p s1904.xml)
bad() {   # bad NAME SHEET-BODY [book options]: a sheet with the header, then BODY
	name=$1 body=$2
	shift 2
	printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\n%s\n%s</sheetData></worksheet>\n' \
		"$HEAD" "$body" >"$name.xml"
	book "$name.xlsx" "$name.xml" --styles styles.xml "$@"
}
before=$(sql "SELECT count(*) FROM settlements")
refused() {   # refused FILE PATTERN NAME
	run "$KAOHE" import settlements --contract h1 "$1"
	expect_rc 65 "$3: exit 65"
	expect_err "$2" "$3: cited"
	is "$(sql "SELECT count(*) FROM settlements")" "$before" "$3: nothing loaded"
}
GOOD='<row r="2"><c r="A2" t="inlineStr"><is><t>E1</t></is></c><c r="B2" t="inlineStr"><is><t>P1</t></is></c><c r="C2" t="inlineStr"><is><t>直接结算</t></is></c><c r="D2" s="1"><v>45356</v></c><c r="E2"><v>1</v></c></row>'

# A DOCTYPE in the sheet (an internal entity that would expand) is refused.
printf '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY big "xxxxxxxxxx">]>\n' >dt.xml
sed -n '1,$p' s1904.xml | sed 's|<t>D1</t>|<t>\&big;</t>|' >>dt.xml
book dt.xlsx dt.xml --styles styles.xml
refused dt.xlsx "dt.xlsx: xl/worksheets/sheet1.xml: 含有 DOCTYPE（工作簿的部件不应有），拒绝读取" "a DOCTYPE in the sheet"

# An external entity in the shared strings: refused before anything is read.
cat >xxe-sst.xml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>
EOF
bad xxe "$GOOD" --sst xxe-sst.xml
refused xxe.xlsx "xxe.xlsx: xl/sharedStrings.xml: 含有 DOCTYPE" "an external entity in the shared strings"
if grep -q "root:" err; then ok 1 "nothing of /etc/passwd is shown"; else ok 0 "nothing of /etc/passwd is shown"; fi

bad undeclared "$(echo "$GOOD" | sed 's|<t>E1</t>|<t>\&nope;</t>|')"
refused undeclared.xlsx "undeclared.xlsx: xl/worksheets/sheet1.xml: XML 格式错误: .*nope" "an undeclared entity"

bad truncated "$GOOD"
head -c 300 truncated.xml >cut.xml
book truncated.xlsx cut.xml --styles styles.xml
refused truncated.xlsx "truncated.xlsx: xl/worksheets/sheet1.xml: XML 格式错误" "a truncated sheet"

bad rows "$GOOD$(echo "$GOOD" | sed 's/r="2"/r="1"/')"
refused rows.xlsx "rows.xlsx:结算明细!1:1: 行号无效或不是递增的" "a row number going back"

bad cells '<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row>'
refused cells.xlsx "cells.xlsx:结算明细!A2: 单元格不是从左到右排列的" "cells out of order, cited at the cell"

printf '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>E9</t></si></sst>\n' >one.xml
bad index "$(echo "$GOOD" | sed 's|<c r="B2" t="inlineStr"><is><t>P1</t></is></c>|<c r="B2" t="s"><v>1</v></c>|')" --sst one.xml
refused index.xlsx "index.xlsx:结算明细!B2: 共享字符串的序号无效" "shared string 1 of a table of one, cited at B2"

bad ref "$(echo "$GOOD" | sed 's|r="C2"|r="2C"|')"
refused ref.xlsx "ref.xlsx:结算明细!C2: 单元格引用无效 '2C'" "a bad cell reference, cited where it stands"

bad number "$(echo "$GOOD" | sed 's|<v>1</v>|<v>1,5</v>|')"
refused number.xlsx "number.xlsx:结算明细!E2: 数字单元格的值不是数字" "a number cell holding 1,5"

# No header in the first 20 rows, decided in the middle of the sheet: the
# import's own refusal (missing columns) is the only message.
i=1 notes=
while [ $i -le 25 ]; do
	notes="$notes<row r=\"$i\"><c r=\"A$i\" t=\"inlineStr\"><is><t>备注 $i</t></is></c></row>"
	i=$((i + 1))
done
printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>\n' \
	"$notes" >notes.xml
book notes.xlsx notes.xml
refused notes.xlsx "notes.xlsx:结算明细!1:1: 缺少必需的列" "no header in 20 rows"
if grep -q "无法读取" err; then ok 1 "and no second message"; else ok 0 "and no second message"; fi
is "$(grep -c . err)" 2 "two lines: the ignored column, the missing ones"

run "$KAOHE" --lang en import settlements --contract h1 dt.xlsx
expect_err "dt.xlsx: xl/worksheets/sheet1.xml: has a DOCTYPE \\(no workbook part has one\\); refused" "English: the DOCTYPE"

done_testing
