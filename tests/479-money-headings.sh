#!/bin/sh
# 479-money-headings: each money model under its own headings (issue 14
# item 6).  A fund contract (Henan fund-reserve 001, Zhengzhou
# fund-per-capita 000) is settled, not paid a fee: its statement, HTML
# section and XLSX sheet say 资金结算 / 结余 / 乙方年度净结果, never
# 服务费总额 / 应付净额 or a sheet named 服务费; a fee contract (Luoyang
# 002) keeps the fee words.  Henan has no special staff cost (001 第七条:
# the resident staff's costs are the insurer's; no clause deducts them), so
# no staff-cost line and its kept line names none.
#
# Figures (as 474/477): Henan F 200,000,000.00, claims 170,000,000.00 → M
# = 200 − 10 − 170 = 20,000,000.00, kept 6,000,000.00, deposit held, net
# 6,000,000.00; Zhengzhou F 130,000,000.00, claims 120,000,000.00 → M
# 10,000,000.00, net 5,018,000.00.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
cells() { python3 "$TESTDATA/render/xlsx-cells.py" "$1"; }

money_setup henan-dbbx-2024 zhengzhou-dae-2025 luoyang-zgyb-2024
printf 'date,kind,amount,note\n2024-03-31,funds-received,120000000,\n2024-09-30,funds-received,80000000,\n2024-12-31,claims-paid,170000000,\n' >"$WORK/hn.csv"
load finance "$WORK/hn.csv" henan-dbbx-2024
printf 'date,unit,insured\n2025-01-01,,1000000\n' >"$WORK/zz-pop.csv"
printf 'date,kind,amount,note\n2025-12-31,claims-paid,120000000,\n' >"$WORK/zz.csv"
load population "$WORK/zz-pop.csv" zhengzhou-dae-2025
load finance "$WORK/zz.csv" zhengzhou-dae-2025
load population luoyang-population.csv luoyang-zgyb-2024

# the text statements
run "$KAOHE" settle --contract henan-dbbx-2024 --year 2024
expect_rc 0 "Henan settles"
[ "$(head -n 1 "$WORK/out")" = "基金年度清算单" ]; ok $? "Henan: headed 基金年度清算单"
expect_out '^资金模式: 基金（风险调节金与考核保证金）$' "Henan: the model in words"
expect_out '^结余 20,000,000\.00  转入财政、扣留与违约金 14,000,000\.00  乙方年度净结果 6,000,000\.00$' \
	"Henan: the totals under fund words"
grep -qE '服务费|应付' "$WORK/out"; [ $? -ne 0 ]; ok $? "Henan: no fee words"
grep -q '专项成本' "$WORK/out"; [ $? -ne 0 ]; ok $? "Henan: no staff-cost line (001 has none)"
run "$KAOHE" settle --contract zhengzhou-dae-2025 --year 2025
[ "$(head -n 1 "$WORK/out")" = "基金年度清算单" ]; ok $? "Zhengzhou: headed 基金年度清算单"
expect_out '^资金模式: 按人筹资的基金（盈利率上限）$' "Zhengzhou: the model in words"
expect_out '^结余 10,000,000\.00  返还甲方、扣留与违约金 4,982,000\.00  乙方年度净结果 5,018,000\.00$' \
	"Zhengzhou: the totals under fund words"
grep -qE '服务费|应付' "$WORK/out"; [ $? -ne 0 ]; ok $? "Zhengzhou: no fee words"
run "$KAOHE" fees --contract zhengzhou-dae-2025 --period 2025
[ "$(head -n 1 "$WORK/out")" = "基金年度清算单" ]; ok $? "kaohe fees on a fund: the same headings"
run "$KAOHE" fees --contract luoyang-zgyb-2024 --period 2024
[ "$(head -n 1 "$WORK/out")" = "经办服务费结算单" ]; ok $? "Luoyang: headed 经办服务费结算单"
expect_out '^计费方式: 按参保人数计付经办服务费$' "Luoyang: the fee model in words"
expect_out '^服务费总额 .*  扣减合计 .*  应付净额 ' "Luoyang: the fee totals"
run "$KAOHE" settle --contract henan-dbbx-2024 --year 2024 --lang en
[ "$(head -n 1 "$WORK/out")" = "Fund settlement" ]; ok $? "English: Fund settlement"

# HTML and XLSX
report() {   # CONTRACT PERIOD FORMAT
	run "$KAOHE" report --contract "$1" --period "$2" --format "$3" -o "$WORK/$1.$3"
	expect_rc 0 "$1: report as $3"
}
h2() { grep -o '<section class="major" id="fees"><h2>[^<]*' "$WORK/$1.html" | sed 's/.*<h2>//'; }
for c in henan-dbbx-2024:2024 zhengzhou-dae-2025:2025; do
	id=${c%%:*} p=${c#*:}
	report "$id" "$p" html
	tr -d '\n' <"$WORK/$id.html" | sed 's/>[[:space:]]*</></g' >"$WORK/$id.flat.html"
	mv "$WORK/$id.flat.html" "$WORK/$id.html"
	is "$(h2 "$id")" "资金结算" "$id: the HTML section is 资金结算"
	grep -q '<th>结余</th>' "$WORK/$id.html"; ok $? "$id: HTML 结余"
	grep -q '<th>乙方年度净结果</th>' "$WORK/$id.html"; ok $? "$id: HTML 乙方年度净结果"
	grep -qE '<th>(服务费总额|应付净额)</th>' "$WORK/$id.html"; [ $? -ne 0 ]; ok $? "$id: no fee headings in the HTML"
	report "$id" "$p" xlsx
	cells "$WORK/$id.xlsx" >"$WORK/$id.tsv"
	cut -f1 "$WORK/$id.tsv" | uniq | grep -qx '资金结算'; ok $? "$id: an XLSX sheet 资金结算"
	cut -f1 "$WORK/$id.tsv" | uniq | grep -qx '服务费'; [ $? -ne 0 ]; ok $? "$id: no sheet 服务费"
	awk -F '\t' '$1 == "资金结算" { print $3 }' "$WORK/$id.tsv" >"$WORK/$id.sheet"
	grep -qx '乙方年度净结果' "$WORK/$id.sheet"; ok $? "$id: the sheet labels the net result"
	grep -qxE '服务费总额|应付净额|计费方式' "$WORK/$id.sheet"; [ $? -ne 0 ]; ok $? "$id: no fee labels in the sheet"
done
report luoyang-zgyb-2024 2024 html
tr -d '\n' <"$WORK/luoyang-zgyb-2024.html" | sed 's/>[[:space:]]*</></g' >"$WORK/ly.html"
mv "$WORK/ly.html" "$WORK/luoyang-zgyb-2024.html"
is "$(h2 luoyang-zgyb-2024)" "服务费与扣减" "Luoyang: the HTML section stays 服务费与扣减"
report luoyang-zgyb-2024 2024 xlsx
cells "$WORK/luoyang-zgyb-2024.xlsx" | cut -f1 | uniq | grep -qx '服务费'; ok $? "Luoyang: the sheet stays 服务费"

done_testing
