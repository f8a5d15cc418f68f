#!/bin/sh
# 502-report-xlsx: `kaohe report --format xlsx` from saved scorecards: a
# readable workbook (read back with python3's zipfile), the same totals as
# the XML, numbers as numbers with money and percent formats, valid unique
# sheet names, frozen headers, and byte-identical output for one XML.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
R=$TESTDATA/render
SAMPLE=$R/sample-scorecard.xml
cells() { python3 "$R/xlsx-cells.py" "$1"; }
xattr() { xmllint --xpath "string($2)" "$1"; }
# value of the cell right of the label $2 in sheet $1 of cells file $3
beside() {
	awk -F '\t' -v s="$1" -v l="$2" '
		$1 == s && $3 == l { split($2, a, /[0-9]+/); row = substr($2, length(a[1]) + 1); want = "B" row }
		$1 == s && want != "" && $2 == want { print $3; exit }' "$3"
}
same_number() { python3 -c 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - float(sys.argv[2])) < 0.005 else 1)' "$1" "$2"; }

run "$KAOHE" report --from "$SAMPLE" --format xlsx -o "$WORK/s.xlsx"
expect_rc 0 "sample renders as xlsx"
cells "$WORK/s.xlsx" >"$WORK/cells.tsv" 2>"$WORK/py.err"; ok $? "the workbook opens (zipfile + sheet XML)"

is "$(cut -f1 "$WORK/cells.tsv" | uniq | tr '\n' '|')" \
	"概况|指标汇总|直接结算回款及时率|稽核合格率|有责投诉|服务费|数据来源|" \
	"sheets: overview, summary, one per evidence, fees, provenance"

score_xml=$(xattr "$SAMPLE" "/*[local-name()='scorecard']/*[local-name()='summary']/@score")
score_xlsx=$(beside 概况 得分 "$WORK/cells.tsv")
same_number "$score_xlsx" "$score_xml"; ok $? "score matches the XML ($score_xlsx = $score_xml)"
for t in total:服务费总额 deductions:扣减合计 due:应付净额; do
	a=${t%%:*} label=${t#*:}
	want=$(xattr "$SAMPLE" "/*[local-name()='scorecard']/*[local-name()='fees']/@$a")
	got=$(beside 服务费 "$label" "$WORK/cells.tsv")
	same_number "$got" "$want"; ok $? "fees $a matches the XML ($got = $want)"
done
awarded_sum=$(awk -F '\t' '$1 == "指标汇总" && $2 ~ /^J([2-9]|1[0-4])$/ { s += $3 } END { printf "%.2f", s }' "$WORK/cells.tsv")
same_number "$awarded_sum" "$score_xml"; ok $? "the awarded column adds up to the score"

# numbers are numbers, with formats
unzip_part() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$@"; }
unzip_part "$WORK/s.xlsx" xl/styles.xml >"$WORK/styles.xml"
grep -q 'formatCode="#,##0.00"' "$WORK/styles.xml"; ok $? "money format #,##0.00"
grep -q 'formatCode="0.00%"' "$WORK/styles.xml"; ok $? "rate format 0.00%"
unzip_part "$WORK/s.xlsx" xl/worksheets/sheet6.xml >"$WORK/fees.xml"
grep -q '<v>1450000</v>' "$WORK/fees.xml"; ok $? "money written as a number"
grep -q '<v>0.02</v>' "$WORK/fees.xml"; ok $? "deduction rate written as a number"
grep -q 'state="frozen"' "$WORK/fees.xml"; ok $? "header row frozen"
unzip_part "$WORK/s.xlsx" xl/worksheets/sheet2.xml >"$WORK/sum.xml"
grep -q '<col min="3" max="3" width="1[6-9]\|<col min="3" max="3" width="[2-5][0-9]' "$WORK/sum.xml"; ok $? "CJK column width counts two per character"
unzip_part "$WORK/s.xlsx" docProps/core.xml | grep -q '2026-11-23T09:00:00Z'; ok $? "created time from @generated"

run "$KAOHE" report --from "$SAMPLE" -o "$WORK/again.xlsx"
expect_rc 0 "format from the .xlsx extension"
cmp -s "$WORK/s.xlsx" "$WORK/again.xlsx"; ok $? "two renders of one XML are byte-identical"
ls "$WORK"/*.tmp-* >/dev/null 2>&1; ok $((! $?)) "no temporary files left"

run "$KAOHE" --lang en report --from "$SAMPLE" --format xlsx -o "$WORK/en.xlsx"
expect_rc 0 "--lang en xlsx"
cells "$WORK/en.xlsx" | cut -f1 | uniq >"$WORK/en-sheets"
is "$(sed -n 1,2p "$WORK/en-sheets" | tr '\n' '|')" "Overview|Summary|" "English sheet names"

# hostile names: sheet names valid, unique, at most 31 characters
sed -e 's/title="直接结算回款及时率"/title="[a]:b*c?d\/e\\\\f一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"/' \
    -e 's/title="稽核合格率"/title="[a]:b*c?d\/e\\\\f一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"/' \
    -e 's/title="有责投诉"/title="指标汇总"/' "$SAMPLE" >"$WORK/names.xml"
xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/names.xml" 2>/dev/null; ok $? "renamed sample still valid"
run "$KAOHE" report --from "$WORK/names.xml" --format xlsx -o "$WORK/names.xlsx"
expect_rc 0 "awkward indicator titles render"
cells "$WORK/names.xlsx" | cut -f1 | uniq >"$WORK/names.txt"; ok $? "workbook with awkward names opens"
python3 - "$WORK/names.txt" <<'PY'
import sys
names = [l.rstrip('\n') for l in open(sys.argv[1], encoding='utf-8')]
bad = [n for n in names if len(n) > 31 or any(c in n for c in '[]:*?/\\')]
low = [n.lower() for n in names]
sys.exit(1 if bad or len(set(low)) != len(low) or len(names) != 7 else 0)
PY
ok $? "sheet names: at most 31 chars, none of []:*?/\\, unique"

# hostile text goes in as text
run "$KAOHE" report --from "$R/hostile-scorecard.xml" --format xlsx -o "$WORK/h.xlsx"
expect_rc 0 "hostile sample renders as xlsx"
cells "$WORK/h.xlsx" | grep -q '<script>alert(1)</script>某某人寿'; ok $? "hostile insurer kept as plain text"

"$KAOHE" report --from "$SAMPLE" --format xlsx -o - >"$WORK/piped.xlsx" 2>"$WORK/err"
rc=$?
expect_rc 0 "xlsx to stdout (-o -) is written (issue 15)"
unzip_part "$WORK/piped.xlsx" '[Content_Types].xml' >/dev/null 2>&1
ok $? "what went to stdout is a whole workbook"
run "$KAOHE" report --from "$SAMPLE" --format xlsx -o "$WORK/no-such-dir/x.xlsx"
expect_rc 73 "an uncreatable xlsx is 73"

done_testing
