#!/bin/sh
# 505-report-reading: what a reader of a report needs to see, with the
# figures worked by hand in tests/data/render/reading-scorecard.xml:
# the money result on the cover, each quarter's damages and payable
# (fee − deduction − damages), triggers naming their quarters, rates as
# percentages, template defaults marked (HTML, XLSX, `contract show`), rate
# axes that start at 0 or are drawn broken, and Mentougou's own charts.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"
R=$TESTDATA/render
READING=$R/reading-scorecard.xml
cells() { python3 "$R/xlsx-cells.py" "$1"; }
cell() { awk -F '\t' -v s="$1" -v r="$2" '$1 == s && $2 == r { print $3 }' "$WORK/cells.tsv"; }
# text of the HTML element(s) matched by an XPath (XHTML namespace as h:)
hx() {
	python3 - "$1" "$2" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {'h': 'http://www.w3.org/1999/xhtml', 's': 'http://www.w3.org/2000/svg'}
for el in root.findall(sys.argv[2], ns):
    print(' '.join(' '.join(t.strip() for t in el.itertext() if t.strip()).split()))
PY
}

xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$READING" 2>/dev/null
ok $? "the fixture validates against scorecard.rng"
run "$KAOHE" report --from "$READING" --format html -o "$WORK/r.html"
expect_rc 0 "renders as html"
H=$WORK/r.html

# --- the cover: the money result ----------------------------------------------
is "$(hx "$H" ".//h:div[@class='moneybox']/h:div[@class='money-due']")" "应付净额 1,421,000.00 元" \
	"cover: amount due 1,450,000 − 14,500 − 14,500 = 1,421,000.00"
hx "$H" ".//h:div[@class='moneybox']//h:tr" >"$WORK/money-lines"
grep -qx '服务费总额 1,450,000.00' "$WORK/money-lines" && grep -qx '扣减合计 29,000.00' "$WORK/money-lines"
ok $? "cover: total fee and deductions beside it"

# --- the quarterly table: damages and payable ------------------------------------
q() { hx "$H" ".//h:table[@class='fees quarters']/h:tbody/h:tr[$1]/h:td[$2]"; }
is "$(q 1 5) $(q 1 6)" "0.00 362,500.00" "Q1: no damages, 362,500.00 payable"
is "$(q 2 4) $(q 2 5) $(q 2 6)" "7,250.00 0.00 355,250.00" "Q2: 2% deduction, payable 362,500 − 7,250"
is "$(q 3 4) $(q 3 5) $(q 3 6)" "0.00 7,250.00 355,250.00" "Q3: damages 2%, payable 362,500 − 7,250"
is "$(q 4 4) $(q 4 5) $(q 4 6)" "7,250.00 7,250.00 348,000.00" "Q4: deduction and damages, payable 348,000.00"
is "$(hx "$H" ".//h:table[@class='fees quarters']/h:tfoot/h:tr/h:th[6]")" "1,421,000.00" \
	"the quarters add up to the amount due"
q 3 8 | grep -q '季度病历审核未达标'; ok $? "Q3's reason names the breach, by title"
is "$(grep -o '<tr class="fail">' "$H" | wc -l)" 6 "three failing indicators and three quarters with money off marked"

# --- triggers name the quarter ------------------------------------------------------
hx "$H" ".//h:div[@class='triggers']//h:li" >"$WORK/triggers"
grep -q '扣减服务费 合格率低于90%.*适用于 2024Q2、2024Q4' "$WORK/triggers"; ok $? "the audit deduction: 2024Q2 and 2024Q4"
grep -q '违约金 未提供病历.*季度病历审核；适用于 2024Q3' "$WORK/triggers"; ok $? "case-review damages: 2024Q3"
grep -q '违约金 未按要求配备.*适用于 2024Q4' "$WORK/triggers"; ok $? "county staffing damages: 2024Q4"

# a trigger that says its periods (@period) is taken at its word
sed 's|action="deduct-fee" indicator="audit.pass-rate"|& period="2024Q1 2024Q3"|' "$READING" >"$WORK/period.xml"
run "$KAOHE" report --from "$WORK/period.xml" --format html -o "$WORK/period.html"
expect_rc 0 "a trigger with @period renders"
hx "$WORK/period.html" ".//h:div[@class='triggers']//h:li" | grep -q '扣减服务费.*适用于 2024Q1、2024Q3'
ok $? "… naming the quarters it gives"

# --- rates as percentages; a target per quarter is not a percentage ----------------
grep -q '<td>89.90%</td>' "$H" && grep -q '<td>2.00%</td>' "$H"; ok $? "evidence rates 0.8990 and 0.0200 print as percentages"
is "$(hx "$H" ".//h:table[@class='summary']/h:tbody/h:tr[4]/h:td[5]")" "达标期间占比 75.00%" \
	"a quarterly activity's value says it is the share of quarters met"

# --- template defaults marked ---------------------------------------------------------
is "$(hx "$H" ".//h:table[@class='summary']/h:tbody/h:tr/h:td[8]" | grep -c '（默认）')" 4 "every default points cell marked"
is "$(hx "$H" ".//h:table[@class='summary']/h:tbody/h:tr[4]/h:td[4]")" "每季度 ≥ 1 （默认）" "a default measure parameter marks the target"
grep -q 'class="legend"' "$H"; ok $? "the marks have a legend"
hx "$H" ".//h:dd[@class='grade-bands']" | grep -q '合格 ≥ 60 · 不合格 ≥ 0 （默认）'; ok $? "grade bands shown and marked"

# --- rate axes ----------------------------------------------------------------------
axis() {   # the text of the chart whose caption is $1
	python3 - "$H" "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = {'h': 'http://www.w3.org/1999/xhtml'}
root = ET.parse(sys.argv[1]).getroot()
for fig in root.iter('{http://www.w3.org/1999/xhtml}figure'):
    cap = fig.find('h:figcaption', ns)
    if cap is not None and cap.text == sys.argv[2]:
        print(' '.join(t for t in fig.itertext() if t.strip()))
PY
}
if grep -q '<svg' "$H"; then
	axis 小幅回落的月度及时率 >"$WORK/dip"
	grep -q '纵轴自 80% 起（断轴）' "$WORK/dip"; ok $? "a 98.50% dip: the axis starts at 80% and says it is broken"
	grep -q '98.50%' "$WORK/dip"; ok $? "… and the dip is labelled with its value"
	axis 大幅下降的月度及时率 >"$WORK/drop"
	grep -q '断轴' "$WORK/drop"; ok $((! $?)) "a 40% month: an axis from 0, not broken"
	grep -q '^0% ' "$WORK/drop" || grep -q ' 0% ' "$WORK/drop"; ok $? "… starting at 0%"
	axis 各指标得分 | grep -q '稽核合格率'; ok $? "points chart labelled by indicator titles, not ids"
fi

# --- XLSX: the same -------------------------------------------------------------------
run "$KAOHE" report --from "$READING" --format xlsx -o "$WORK/r.xlsx"
expect_rc 0 "renders as xlsx"
cells "$WORK/r.xlsx" >"$WORK/cells.tsv"
is "$(cell 服务费 E1) $(cell 服务费 F1)" "违约金（元） 应付（元）" "xlsx: damages and payable columns"
is "$(cell 服务费 E5) $(cell 服务费 F5)" "7250 348000" "xlsx: Q4 damages 7,250, payable 348,000"
is "$(cell 服务费 F4)" "355250" "xlsx: Q3 payable 355,250"
grep -q '^概况	B[0-9]*	第三条(三) 扣减服务费 .*（适用于 2024Q2、2024Q4）$' "$WORK/cells.tsv"; ok $? "xlsx: the trigger names its quarters"
grep -q '^概况	A[0-9]*	应付净额$' "$WORK/cells.tsv"; ok $? "xlsx: the money result on the overview"
is "$(cell 指标汇总 K1) $(cell 指标汇总 K5)" "模板默认值 分值；下限 1" "xlsx: defaults named per indicator"
grep -q '^概况	C[0-9]*	（默认）$' "$WORK/cells.tsv"; ok $? "xlsx: grade bands marked"
grep -q '^稽核合格率	B2	0.899$' "$WORK/cells.tsv"; ok $? "xlsx: an evidence rate is a number …"
python3 - "$WORK/r.xlsx" <<'PY'
# … formatted as a percentage (the style of B2 uses 0.00%)
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read('xl/styles.xml').decode()
pct = [m.group(1) for m in re.finditer(r'<numFmt numFmtId="(\d+)" formatCode="0.00%"', styles)]
xfs = re.search(r'<cellXfs[^>]*>(.*?)</cellXfs>', styles, re.S).group(1)
xf = re.findall(r'<xf [^>]*numFmtId="(\d+)"', xfs)
sheet = z.read('xl/worksheets/sheet3.xml').decode()
s = int(re.search(r'<c r="B2" s="(\d+)"', sheet).group(1))
sys.exit(0 if xf[s] in pct or xf[s] == '10' else 1)
PY
ok $? "xlsx: … with a percent format"

# --- the demo: defaults from the contracts, Mentougou's charts ----------------------
run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs"
D=$WORK/demo
xp() { xmllint --xpath "$1" "$D/$2.xml" 2>/dev/null; }
is "$(xp "string(//*[local-name()='indicator'][@id='settle.direct']/*[local-name()='default']/@value)" zhengzhou-dae-2025)" 15 \
	"zhengzhou: 000 第十四条 gives no day limit, the 15 working days are marked"
is "$(xp "count(//*[local-name()='indicator'][@id='settle.direct']/*[local-name()='default'])" henan-dbbx-2024)" 0 \
	"henan: 001 第十六条 states 15 working days, not a default"
is "$(xp "count(//*[local-name()='line'][@kind='deposit-held'])" henan-dbbx-2024)" 1 \
	"henan: grade bands are template defaults, so the deposit awaits the assessment (held, not returned or forfeited)"
is "$(xp "string(//*[local-name()='summary']/@grades-default)" luoyang-zgyb-2024)" yes "luoyang: grade bands are defaults"
grep -q '结算期限（工作日） 15<span class="default"' "$D/zhengzhou-dae-2025.html"; ok $? "zhengzhou html: the day limit marked"
if grep -q '<svg' "$D/mentougou-fzfw-2024.html"; then
	grep -q '<figcaption>工作量完成进度（实际 ÷ 目标）</figcaption>' "$D/mentougou-fzfw-2024.html"
	ok $? "mentougou: volume progress against target"
	grep -q '<figcaption>合作服务费节点（元）</figcaption>' "$D/mentougou-fzfw-2024.html"
	ok $? "mentougou: milestone payments"
fi

export KAOHE_DB=$D/kaohe.db
run "$KAOHE" contract show zhengzhou-dae-2025
expect_out '受理后 15 个工作日（默认）内支付' "contract show: zhengzhou's 15 days marked"
expect_out '分值： 12（默认）' "contract show: default points marked"
expect_out '等级： .*不合格≥0（默认）' "contract show: grade bands marked"
run "$KAOHE" contract show henan-dbbx-2024
expect_out '受理后 15 个工作日内支付' "contract show: henan's 15 days (in the seed) not marked"
expect_out '返还比例：合格 → 80%（默认）' "contract show: the return table marked"
run "$KAOHE" contract show kaifeng-dae-2024
expect_out '受理后 20 个工作日（默认）内支付' "contract show: kaifeng's 20 days (003 gives none) marked"

done_testing
