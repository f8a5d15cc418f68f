#!/bin/sh
# 621-rubric-view: the scorecard views of the rubric, on the hand-made
# tests/data/rubric/scorecard-levels.xml (the 620 contract with a self
# score and a three-member city panel): category subtotals with the veto,
# the method of each item, a mark's override shown beside the computed
# award, each level's score with the final one, the members' marks with
# their aggregate, the level differences — in HTML and XLSX.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
F=$TESTDATA/rubric/scorecard-levels.xml
hx() {
	python3 - "$1" "$2" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {'h': 'http://www.w3.org/1999/xhtml'}
for el in root.findall(sys.argv[2], ns):
    print(' '.join(' '.join(t.strip() for t in el.itertext() if t.strip()).split()))
PY
}

xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$F" 2>/dev/null
ok $? "the fixture validates against scorecard.rng"
run "$KAOHE" report --from "$F" --format html -o "$WORK/r.html"
expect_rc 0 "renders as html"
H=$WORK/r.html
hx "$H" ".//h:table[@class='categories']/h:tbody/h:tr" >"$WORK/cats"
is "$(sed -n 1p "$WORK/cats")" "经办服务 第三条 15.00 7.63" "category subtotal: 经办服务 7.63 of 15"
is "$(sed -n 2p "$WORK/cats")" "组织管理 （默认） 第三条 15.00 0.00 一票否决" "a vetoed category shows 0.00 and 一票否决"
is "$(hx "$H" ".//h:table[@class='summary']/h:tbody/h:tr[1]/h:td[7]")" "按例扣分" "the method column"
is "$(hx "$H" ".//h:table[@class='summary']/h:tbody/h:tr[1]/h:td[9]")" "5.00 （市级评分覆盖；数据计算得分 2.00）" \
	"a city mark's 5.00 shown with the computed 2.00 beside it"
is "$(hx "$H" ".//h:table[@class='summary']/h:tbody/h:tr[2]/h:td[7]")" "按比例计分 （默认）" "a template's method is marked"
is "$(hx "$H" ".//h:ul[@class='levels']/h:li" | tr '\n' '|')" "数据计算 6.63 不合格|自评 12.63 不合格|市级 9.63 不合格 ★|" \
	"levels side by side, the final one starred"
is "$(hx "$H" ".//h:div[@class='final-level']")" "最终得分取自：市级" "the final level named"
hx "$H" ".//h:table[@class='marks']" >"$WORK/marks"
grep -qx '评分人 得分 扣分原因 依据 张三 5.00 K1 拖延支付属实 投诉台账 K1 李四 4.00 K1、K4 属实 – 王五 6.00 – – 汇总（平均分，3） 5.00' "$WORK/marks"
ok $? "the city panel's marks, reasons, evidence and mean"
hx "$H" ".//h:table[@class='differences']/h:tbody/h:tr" >"$WORK/diffs"
is "$(sed -n 2p "$WORK/diffs")" "属实投诉 自评 8.00 市级 5.00 3.00" "self 3.00 above the city is listed"
is "$(wc -l <"$WORK/diffs" | tr -d ' ')" "3" "three differences"
is "$(hx "$H" ".//h:p[@class='criterion']" | sed -n 1p)" "评分方法：按例扣分。评分标准：满分8分，每例扣3分，扣完为止" \
	"each item states its method and criterion"

# XLSX: the same facts on the summary sheet
run "$KAOHE" report --from "$F" --format xlsx -o "$WORK/r.xlsx"
expect_rc 0 "renders as xlsx"
python3 "$TESTDATA/render/xlsx-cells.py" "$WORK/r.xlsx" >"$WORK/cells.tsv" 2>/dev/null
cell() { awk -F '\t' -v s="$1" -v r="$2" '$1 == s && $2 == r { print $3 }' "$WORK/cells.tsv"; }
is "$(cell 指标汇总 M2)" "按例扣分" "xlsx: method"
is "$(cell 指标汇总 N2)" "市级" "xlsx: the award's source"
is "$(cell 指标汇总 O2)" "2" "xlsx: the computed award beside the mark"
is "$(cell 指标汇总 J2)" "5" "xlsx: the awarded mark"
row=$(awk -F '\t' '$1 == "指标汇总" && $2 ~ /^B/ && $3 == "组织管理（默认）" { sub(/^B/, "", $2); print $2 }' "$WORK/cells.tsv")
is "$(cell 指标汇总 "J$row")" "0" "xlsx: the vetoed category's subtotal 0"
is "$(cell 指标汇总 "K$row")" "一票否决" "xlsx: the category veto named"
grep -q "	市级（最终）$" "$WORK/cells.tsv"; ok $? "xlsx: levels with the final one"

done_testing
