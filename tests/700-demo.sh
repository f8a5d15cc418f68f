#!/bin/sh
# 700-demo: `kaohe demo` builds a workspace from the bundled samples and
# writes valid XML, well-formed HTML and readable XLSX scorecards for all
# five contract templates, with the violations planted in the samples found.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" demo --help
expect_rc 0 "demo --help"
expect_out 'kaohe demo' "demo --help shows the usage"

run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs"
expect_out 'kaohe.db' "demo prints the database"

for id in henan-dbbx-2024 zhengzhou-dae-2025 luoyang-zgyb-2024 kaifeng-dae-2024 mentougou-fzfw-2024; do
	for ext in xml html xlsx scoresheet.html notice.html; do
		grep -q "$WORK/demo/$id.$ext" "$WORK/out"; ok $? "demo prints $id.$ext"
		[ -s "$WORK/demo/$id.$ext" ]; ok $? "$id.$ext written"
	done
	xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/demo/$id.xml" 2>"$WORK/xmllint.err"
	ok $? "$id.xml validates against scorecard.rng"
	xmllint --noout "$WORK/demo/$id.html" 2>/dev/null
	ok $? "$id.html is well-formed"
	python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert "xl/workbook.xml" in z.namelist()' \
		"$WORK/demo/$id.xlsx" 2>/dev/null
	ok $? "$id.xlsx is a workbook"
done

# The panel's score sheet of Zhengzhou names the three city members on
# their sign lines, and the demo says where it is.
grep -q "zhengzhou-dae-2025.scoresheet.html" "$WORK/out"; ok $? "demo points to the score sheet"
for member in 王敏 李强 赵磊; do
	grep -q "$member" "$WORK/demo/zhengzhou-dae-2025.scoresheet.html"
	ok $? "Zhengzhou score sheet: $member's marks and sign line"
done
grep -q "承办机构确认" "$WORK/demo/zhengzhou-dae-2025.scoresheet.html"
ok $? "Zhengzhou score sheet: the insurer's confirmation line"
grep -q "考核结果通知书" "$WORK/demo/henan-dbbx-2024.notice.html"
ok $? "Henan result notice written"

xp() { xmllint --xpath "$1" "$WORK/demo/$2.xml" 2>/dev/null; }
ind() { xp "string(//*[local-name()='indicator'][@id='$1']/@status)" "$2"; }

# Violations planted by data/samples/generate.py.
is "$(ind staff.county henan-dbbx-2024)" fail "henan: 民权县 short of county staff in August"
is "$(xp "count(//*[local-name()='indicator'][@id='staff.county']//*[local-name()='item'])" henan-dbbx-2024)" 12 \
	"henan: the twelve short days are the evidence"
is "$(xp "count(//*[local-name()='indicator'][@id='staff.county']//*[local-name()='item'][@unit='民权县'])" henan-dbbx-2024)" 12 \
	"henan: all of them in 民权县"
# 001 第二条: the insurer runs 商丘's 大病保险, so the demo covers its nine
# county-level units (not 郑州's districts).
xp "string(//*[local-name()='indicator'][@id='staff.county']/*[local-name()='note'])" henan-dbbx-2024 |
	grep -q '9 个县区分别判定'; ok $? "henan: 商丘's nine counties and districts are judged"
is "$(ind benefit.recompute henan-dbbx-2024)" fail "henan: two benefits paid at the wrong rate"
is "$(ind report.monthly henan-dbbx-2024)" fail "henan: the September report was late"
is "$(ind report.annual henan-dbbx-2024)" na "henan: the annual report is not yet due at 12-31"
is "$(ind settle.direct kaifeng-dae-2024)" fail "kaifeng: claims late across National Day"
is "$(ind claims.cap zhengzhou-dae-2025)" fail "zhengzhou: one person over the yearly cap"
# 000 第三十四条 is the resident team's turnover (派驻队伍): 1 of 5 resident
# staff left, 20% > 10% (the old pass counted the city staff in the basis).
is "$(ind staff.turnover zhengzhou-dae-2025)" fail "zhengzhou: resident turnover 20% above 10%"
is "$(ind audit.pass-rate luoyang-zgyb-2024)" fail "luoyang: audit quarters below 90%"
is "$(ind staff.county.medical luoyang-zgyb-2024)" fail "luoyang: 栾川县 without a medical officer"
trig() { xp "count(//*[local-name()='trigger'][@indicator='$1'][@action='$2'])" "$3"; }
is "$(trig audit.pass-rate deduct-fee luoyang-zgyb-2024)" 1 "luoyang: below 90% → the 2% deduction trigger"
is "$(trig audit.pass-rate re-review luoyang-zgyb-2024)" 0 "luoyang: 80.00% is not below 80% → no re-review"
# 001 第三十四条(三) / 000 第三十三条(五) need a pattern, not single errors.
is "$(trig benefit.recompute terminate henan-dbbx-2024)" 0 "henan: 2 of 1,800 claims off → no termination"
is "$(trig claims.cap interview zhengzhou-dae-2025)" 0 "zhengzhou: 1 person over the cap → no interview"
is "$(ind activity.case-review luoyang-zgyb-2024)" fail "luoyang: no case review in Q3"
is "$(ind volume.receipts-checked mentougou-fzfw-2024)" fail "mentougou: receipts checked below 250,000"
fline() { xp "string(//*[local-name()='line'][@kind='$1']/@amount)" mentougou-fzfw-2024; }
is "$(fline payable)" 336000.00 "mentougou: accepted 12-10, 1,344,000.00 paid: 336,000.00 payable"
is "$(fline damages-proposed)" 84000.00 "mentougou: the 5% damages proposed, not deducted"

# Running it again rebuilds the workspace the same way.
run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs twice"
is "$(sqlite3 "$WORK/demo/kaohe.db" 'SELECT count(*) FROM contracts')" 6 "six contracts (the five templates and 001's second insurer), once each"

done_testing
