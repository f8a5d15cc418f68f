#!/bin/sh
# 652-scoresheet-xlsx: `--format scoresheet -o FILE.xlsx` — a workbook with
# one sheet named 考核评分表 (read back with python3's zipfile): the eight
# column headings, items, subtotals and the total as numbers (the figures of
# the fixture's header), the sign lines with a member named <&"> intact, the
# insurer's confirmation, print setup (A4 portrait, one page wide, the
# heading row repeated), the same bytes twice; English sheet name.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/scoresheet-lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
cells() { python3 "$TESTDATA/render/xlsx-cells.py" "$1"; }
part() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$@"; }
fixture_env

run "$KAOHE" report --from "$FIXTURE" --format scoresheet -o "$WORK/s.xlsx"
expect_rc 0 "the fixture renders as an xlsx scoresheet"
cells "$WORK/s.xlsx" >"$WORK/c.tsv" 2>"$WORK/py.err"; ok $? "the workbook opens"
C=$WORK/c.tsv
at() { awk -F '\t' -v r="$1" '$2 == r { print $3 }' "$C"; }
# the spreadsheet row of item N (its A cell)
xrow() { awk -F '\t' -v n="$1" '$2 ~ /^A[0-9]+$/ && $3 == n && !seen++ { print substr($2, 2) }' "$C"; }

is "$(cut -f1 "$C" | uniq)" "考核评分表" "one sheet, named 考核评分表"
is "$(at A1)" "考核评分表" "the title"
is "$(for c in A B C D E F G H; do printf '%s|' "$(at ${c}7)"; done)" \
	"序号|考核项目|考核内容|分值|评分标准|扣分|得分|扣分原因/依据|" "the eight column headings"
grep -q "	某某人寿保险股份有限公司郑州中心支公司$" "$C"; ok $? "header: insurer"
r=$(xrow 1)
is "$(at B$r)|$(at D$r)|$(at F$r)|$(at G$r)" "财务制度备案|10|1|9" "item 1: points 10, 1 off, 9 awarded (numbers)"
at H$r | grep -q "李四：备案材料迟报一个月"; ok $? "item 1: the members' reasons"
r=$(xrow 7)
is "$(at F$r)|$(at G$r)" "|2" "bonus item: no deduction, +2 as a number"
part "$WORK/s.xlsx" xl/styles.xml | grep -q 'formatCode="+0.00"'; ok $? "bonus format +0.00"
r=$(xrow 4)
is "$(at F$r)|$(at G$r)|$(at H$r)" "||待评：尚无评分" "pending item: no score, 待评"
is "$(awk -F '\t' '$3 == "小计"' "$C" | wc -l)" 5 "five subtotal rows"
subs=$(awk -F '\t' '$3 == "小计" { row = substr($2, 2); rows[++n] = row } END { for (i = 1; i <= n; i++) print rows[i] }' "$C" |
	while read -r r; do printf '%s/%s,' "$(at D$r)" "$(at G$r)"; done)
is "$subs" "10/9,20/15.5,10/0,30/24.83,30/0," "subtotals (points/awarded)"
r=$(awk -F '\t' '$3 == "合计" { print substr($2, 2) }' "$C")
is "$(at D$r)|$(at F$r)|$(at G$r)|$(at H$r)" "100|50.67|49.33|等级：不合格" "total row"
is "$(awk -F '\t' '$3 == "评分人" { r = substr($2, 2); print r }' "$C" | while read -r r; do printf '%s|' "$(at B$r)"; done)" \
	'张三|李四|王<&">五|' "one sign line per member, <&\"> intact"
grep -q '	签字$' "$C" && grep -q '	日期$' "$C"; ok $? "签字 and 日期 on the sign lines"
grep -q '	承办机构确认：某某人寿保险股份有限公司郑州中心支公司（盖章）' "$C"; ok $? "the insurer's confirmation"
part "$WORK/s.xlsx" xl/sharedStrings.xml | grep -q '王&lt;&amp;"&gt;五\|王&lt;&amp;&quot;&gt;五'; ok $? "the name is escaped in the sheet XML"

part "$WORK/s.xlsx" xl/worksheets/sheet1.xml >"$WORK/sheet.xml"
grep -q '<pageSetup paperSize="9"[^>]*orientation="portrait"' "$WORK/sheet.xml"; ok $? "print: A4 portrait"
grep -q '<pageSetUpPr fitToPage="1"/>' "$WORK/sheet.xml" && grep -q 'fitToHeight="0"' "$WORK/sheet.xml"; ok $? "print: one page wide"
part "$WORK/s.xlsx" xl/workbook.xml | grep -q "_xlnm.Print_Titles[^<]*>'考核评分表'!\$7:\$7<"; ok $? "print: the heading row repeated"
grep -q '<oddFooter>' "$WORK/sheet.xml"; ok $? "print: page numbers in the footer"
part "$WORK/s.xlsx" docProps/core.xml | grep -q '2026-11-30T09:00:00Z'; ok $? "created time from @generated"

mkdir "$WORK/tmp"
run env TMPDIR="$WORK/tmp" "$KAOHE" report --from "$FIXTURE" --format scoresheet -o "$WORK/again.xlsx"
cmp -s "$WORK/s.xlsx" "$WORK/again.xlsx"; ok $? "two renders are byte-identical"
is "$(ls -A "$WORK/tmp" | wc -l)" 0 "the rows' temporary file is removed"
ls "$WORK"/*.tmp-* >/dev/null 2>&1; ok $((! $?)) "no temporary files left beside the output"

run "$KAOHE" --lang en report --from "$FIXTURE" --format scoresheet -o "$WORK/en.xlsx"
expect_rc 0 "--lang en xlsx"
cells "$WORK/en.xlsx" >"$WORK/en.tsv"
is "$(cut -f1 "$WORK/en.tsv" | uniq)" "Score sheet" "English sheet name"
grep -q '	Reason / basis$' "$WORK/en.tsv"; ok $? "English headings"

unset KAOHE_DATADIR
run "$KAOHE" report --from "$TESTDATA/render/sample-scorecard.xml" --format scoresheet -o "$WORK/old.xlsx"
expect_rc 0 "a scorecard without the issue-16 additions as xlsx"
cells "$WORK/old.xlsx" >"$WORK/old.tsv"; ok $? "it opens"
is "$(awk -F '\t' '$3 == "评分人"' "$WORK/old.tsv" | wc -l)" 3 "three blank sign lines"

done_testing
