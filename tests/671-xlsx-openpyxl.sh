#!/bin/sh
# 671-xlsx-openpyxl: a workbook from a second, independent writer
# (openpyxl; tests/helpers/openpyxl-export.py, or the committed copy in
# tests/data/xlsx/ when openpyxl is missing) in the shape the 医保信息平台
# exports: hidden first sheet, merged title, two-row merged header, dates
# as date cells in a Chinese format, as 2024年3月5日 text and as 20240307
# numbers, 是/否, an ignored column, styled empty cells around the data —
# read through the shipped profile yibao-settlements with --show-mapping.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

BOOK=$TESTDATA/xlsx/openpyxl-export.xlsx
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import openpyxl' 2>/dev/null; then
		"$py" "$SRCDIR/tests/helpers/openpyxl-export.py" "$WORK/op.xlsx" && BOOK=$WORK/op.xlsx
		break
	fi
done
diag "workbook: $BOOK"

run "$KAOHE" init
expect_rc 0 "init"
cp "$BOOK" 结算.xlsx

run "$KAOHE" import settlements --contract h1 --map yibao-settlements --show-mapping --dry-run 结算.xlsx
expect_rc 0 "dry run with --show-mapping"
expect_out "工作表 结算明细，表头在第 2–3 行" "the hidden sheet is passed over; the header is rows 2-3"
expect_out "A   结算流水号  -> claim_id \\(结算单号\\)  按映射配置" "A: 结算流水号 -> claim_id by the profile"
expect_out "C   是否直接结算  -> channel .*值映射 7 条" "C: value maps counted"
expect_out "G   金额/合规自付费用  -> eligible_amount" "G: the merged group header"
expect_out "H   金额/报销金额  -> paid_amount" "H: the merged group header"
expect_out "J   备注  —— 忽略" "J: 备注 is ignored"
expect_out "文件中没有：category" "the columns not in the file are listed"
expect_out "将新增 3" "three rows to insert"
is "$(sql "SELECT count(*) FROM settlements")" 0 "dry run: nothing written"

run "$KAOHE" import settlements --contract h1 --map yibao-settlements 结算.xlsx
expect_rc 0 "import"
is "$(sql "SELECT claim_id, insured_id, channel, service_date, received_date, paid_date, eligible_amount, paid_amount, excused FROM settlements ORDER BY claim_id" | tr '\n' ' ')" \
	"JS0001|410102001|direct|2024-03-01|2024-03-05|2024-03-07|123456|100050|0 JS0002|410102002|manual|2024-02-28|2024-02-29|2024-03-11|8000|6400|1 JS0003|410102001|direct|2024-12-30|2024-12-31||1|1|0 " \
	"date cells, 2024年3月5日, 20240307, 是/否 and FALSE all stored exactly"
run "$KAOHE" import settlements --contract h1 --map yibao-settlements 结算.xlsx
expect_out "新增 0，更新 0，未变 3" "re-import changes nothing"

run "$KAOHE" import settlements --contract h1 结算.xlsx
expect_rc 65 "without the profile the export's headers are unknown"
expect_err "结算.xlsx:结算明细!2:2: 缺少必需的列" "and the header row is named"

done_testing
