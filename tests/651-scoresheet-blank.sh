#!/bin/sh
# 651-scoresheet-blank: `--blank` — the same 考核评分表 for panel members to
# fill in by hand: computed items filled (a computed item the city panel
# overrode shows its computed 10.00 again, no marks' reasons), every manual
# item's 扣分, 得分 and reason empty, subtotals of categories holding a
# manual item empty, the total and grade empty while a manual item is;
# with no manual item the total stays.  The same in the XLSX sheet.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/scoresheet-lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
rows() { python3 "$SRCDIR/tests/helpers/scoresheet-rows.py" "$1"; }
item() { awk -F '\t' -v n="$2" -v f="$3" '$1 ~ /^item/ && $2 == n { print $(f + 1) }' "$1"; }
fixture_env

run "$KAOHE" report --from "$FIXTURE" --format scoresheet --blank -o "$WORK/b.html"
expect_rc 0 "--blank renders"
rows "$WORK/b.html" >"$WORK/b.tsv"; ok $? "the blank page parses"
R=$WORK/b.tsv
# items 1, 4, 6, 7 are manual (finance filing, archive, satisfaction, innovation)
for n in 1 4 6 7; do
	is "$(item "$R" "$n" 6)|$(item "$R" "$n" 7)|$(item "$R" "$n" 8)" "||" "manual item $n: 扣分, 得分, reason empty"
	item "$R" "$n" 4 | grep -q '^[0-9]*\.[0-9][0-9]$'; ok $? "manual item $n: its points still printed"
done
grep -q '^item[^	]* empty	' "$R"; ok $? "empty rows are marked for the print layout"
is "$(item "$R" 2 6)|$(item "$R" 2 7)" "2.50|7.50" "computed item filled (linear 7.50)"
is "$(item "$R" 5 6)|$(item "$R" 5 7)" "6.00|14.00" "computed item filled (per-case 14.00)"
is "$(item "$R" 3 6)|$(item "$R" 3 7)|$(item "$R" 3 8)" "0.00|10.00|" "overridden computed item: its computed 10.00, no marks"
awk -F '\t' '$1 ~ /^item/ && $9 ~ /(张三|李四|五)：/' "$R" | grep -q .; ok $((! $?)) "no member's reason on the blank sheet"
is "$(awk -F '\t' '$1 ~ /^subtotal/ { printf "%s/%s,", $6, $7 }' "$R")" \
	"/,2.50/17.50,/,/,30.00/0.00," "subtotals: empty where a manual item is; 7.50 + 10.00 = 17.50; veto 0.00"
is "$(awk -F '\t' '$1 ~ /^total/ { printf "%s/%s/%s/%s", $3, $5, $6, $7 }' "$R")" \
	"100.00///等级：" "total, deduction and grade empty while manual items are"
grep -q '^note	空白评分表' "$R"; ok $? "the blank sheet says what to fill in"
grep -q '^note	各级评分' "$R"; ok $((! $?)) "no level scores on the blank sheet"
grep -q '^diff' "$R"; ok $((! $?)) "no level differences on the blank sheet"
is "$(grep -c '^member' "$R")" 3 "sign lines for the panel"

# No manual item at all: the total stays, as the scorecard has it.
unset KAOHE_DATADIR
run "$KAOHE" report --from "$TESTDATA/render/sample-scorecard.xml" --format scoresheet --blank -o "$WORK/old.html"
expect_rc 0 "--blank on a scorecard without manual items"
rows "$WORK/old.html" >"$WORK/old.tsv"
is "$(awk -F '\t' '$1 ~ /^total/ { printf "%s/%s/%s/%s", $3, $5, $6, $7 }' "$WORK/old.tsv")" \
	"95.00/30.00/65.00/等级：合格" "no manual item: total and grade filled"

# XLSX: the manual cells carry no value
fixture_env >/dev/null
run "$KAOHE" report --from "$FIXTURE" --format scoresheet --blank -o "$WORK/b.xlsx"
expect_rc 0 "--blank as xlsx"
python3 "$TESTDATA/render/xlsx-cells.py" "$WORK/b.xlsx" >"$WORK/cells.tsv"; ok $? "the blank workbook opens"
# the row of item N: the row whose A cell is N
xrow() { awk -F '\t' -v n="$1" '$2 ~ /^A[0-9]+$/ && $3 == n && !seen++ { print substr($2, 2) }' "$WORK/cells.tsv"; }
for n in 1 4 6 7; do
	r=$(xrow "$n")
	is "$(awk -F '\t' -v r="$r" '$2 == "F" r || $2 == "G" r || $2 == "H" r' "$WORK/cells.tsv" | wc -l)" 0 \
		"xlsx: manual item $n (row $r): F, G, H empty"
done
r=$(xrow 2)
is "$(awk -F '\t' -v r="$r" '$2 == "G" r { print $3 }' "$WORK/cells.tsv")" "7.5" "xlsx: computed item 2 filled"

done_testing
