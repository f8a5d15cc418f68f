#!/bin/sh
# 670-xlsx-import: `kaohe import KIND FILE.xlsx` on workbooks written by
# libxlsxwriter (bench/kaohe-xlsxgen): title rows, a two-row header with
# merged cells, Chinese headers, dates as serials and as text (the 1900
# serial quirk at its boundary), numbers, booleans and 是/否, --sheet by
# name and number, --header-row, a bad cell reported by sheet and cell
# with nothing loaded, idempotent re-import with provenance, .xls refused.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

GEN=${KAOHE_TEST_BUILDDIR:-$SRCDIR}/bench/kaohe-xlsxgen
[ -x "$GEN" ] || skip_all "bench/kaohe-xlsxgen not built"

run "$KAOHE" import --help
expect_out "--sheet" "help names --sheet"
expect_out "--map" "help names --map"
expect_out "--show-mapping" "help names --show-mapping"
run "$KAOHE" --lang en import --help
expect_out "XLSX: read the sheet" "English help for --sheet"
run "$KAOHE" init
expect_rc 0 "init"

# Chinese headers (the kind's aliases), 是/否, amounts with decimals.
cat >s.csv <<'EOF'
结算单号,参保人编号,结算方式,结算日期,受理日期,支付日期,合规自付费用,支付金额,免责
C1,P1,直接结算,2024-03-01,2024-03-05,2024-03-07,1234.56,1000.5,否
C2,P2,手工报销,2024-02-28,2024-02-29,2024-03-11,80,64,是
C3,P1,直接结算,2024-12-30,2024-12-31,,0.01,0.01,否
EOF

# 1. libxlsxwriter, every trick at once: a title row merged across, a
# two-row header (支付金额 and 合规自付费用 under a merged 金额 group, the
# others merged down), dates as serials, numbers as numbers.
"$GEN" --sheet 结算明细 --title "2024年大病保险结算明细表" --group "金额:7-8" \
	--numbers s.csv s.xlsx
ok $? "kaohe-xlsxgen wrote s.xlsx"
run "$KAOHE" import settlements --contract h1 s.xlsx
expect_rc 0 "a workbook with a title row and merged header cells imports"
expect_out "3 行：新增 3" "three rows inserted"
is "$(sql "SELECT claim_id, received_date, paid_date, eligible_amount, paid_amount, excused, channel FROM settlements ORDER BY claim_id" | tr '\n' ' ')" \
	"C1|2024-03-05|2024-03-07|123456|100050|0|direct C2|2024-02-29|2024-03-11|8000|6400|1|manual C3|2024-12-31||1|1|0|direct " \
	"serial dates, numbers (1000.5 -> 100050 fen) and 是/否 stored exactly"
is "$(sql "SELECT sha256 FROM imports WHERE file LIKE '%s.xlsx'")" \
	"$(sha256sum s.xlsx | cut -d' ' -f1)" "provenance: the workbook's SHA-256"

# 2. Idempotent: the same workbook again changes nothing.
run "$KAOHE" import settlements --contract h1 s.xlsx
expect_out "新增 0，更新 0，未变 3" "re-import: all unchanged"

# 3. Dates as text, amounts as text, no title: the same rows.
"$GEN" --text-dates --sheet 结算明细 s.csv t.xlsx
run "$KAOHE" import settlements --contract h1 t.xlsx
expect_out "新增 0，更新 0，未变 3" "dates as text give the same rows as serials"

# 4. The CSV itself: the same rows again (one row stream, one validation).
run "$KAOHE" import settlements --contract h1 s.csv
expect_out "新增 0，更新 0，未变 3" "the CSV gives the same rows as the workbooks"

# 5. --sheet: the data is the second sheet; the first is notes.
"$GEN" --other-sheet 说明 --sheet 结算明细 --title "标题" --numbers s.csv two.xlsx
run "$KAOHE" import settlements --contract h1 --dry-run two.xlsx
expect_rc 65 "the first sheet (notes) has no header"
expect_err "two.xlsx:说明!1:1: 缺少必需的列" "the error names the sheet and row"
expect_err "前 20 行中没有一行像表头.*--sheet" "and suggests --sheet"
run "$KAOHE" import settlements --contract h1 --sheet 结算明细 two.xlsx
expect_out "未变 3" "--sheet NAME"
run "$KAOHE" import settlements --contract h1 --sheet 2 two.xlsx
expect_out "未变 3" "--sheet 2"
run "$KAOHE" import settlements --contract h1 --sheet 3 two.xlsx
expect_rc 65 "--sheet 3 of two"
expect_err "没有这个工作表 '3'.*1 说明、2 结算明细" "the sheets are listed"
run "$KAOHE" import settlements --contract h1 --sheet 结算明细 --header-row 2 two.xlsx
expect_out "未变 3" "--header-row 2"
run "$KAOHE" import settlements --contract h1 --sheet 结算明细 --header-row 1 two.xlsx
expect_rc 65 "--header-row 1 is the title"
run "$KAOHE" import settlements --contract h1 --header-row 0 two.xlsx
expect_rc 64 "--header-row 0 is a usage error"
run "$KAOHE" import settlements --contract h1 --sheet 1 s.csv
expect_rc 64 "--sheet on a CSV is a usage error"

# 6. A bad cell: named by sheet and cell, exit 65, nothing loaded.
cat >bad.csv <<'EOF'
结算单号,参保人编号,结算方式,受理日期,支付金额
C10,P1,直接结算,2024-03-05,10
C11,P1,直接结算,2024-02-30,10
C12,P1,邮寄,2024-03-05,10
EOF
"$GEN" --sheet 结算明细 --title "标题一" --title "标题二" --numbers bad.csv bad.xlsx
run "$KAOHE" import settlements --contract h1 bad.xlsx
expect_rc 65 "a bad cell exits 65"
expect_err "bad.xlsx:结算明细!D5: 受理日期: 不是有效日期" "the bad date is cited as 结算明细!D5"
expect_err "bad.xlsx:结算明细!C6: 结算方式: 不是可接受的值" "the bad word is cited as 结算明细!C6"
expect_err "未导入任何数据" "nothing imported"
is "$(sql "SELECT count(*) FROM settlements WHERE claim_id LIKE 'C1_'")" 0 "no row of the bad workbook was loaded"

# 7. Numbers in a date column are Excel date serials (1900 system, with
# Lotus's 1900-02-29): 59 = 1900-02-28, 61 = 1900-03-01, 60 refused;
# 45356 = 2024-03-05 (45292 = 2024-01-01, + 31 + 29 + 4); 20240305 as a
# number is YYYYMMDD.
cat >serial.csv <<'EOF'
结算单号,参保人编号,结算方式,受理日期,支付金额
S1,P1,直接结算,59,1
S2,P1,直接结算,61,1
S3,P1,直接结算,45356,1
S4,P1,直接结算,20240305,1
EOF
"$GEN" --numbers serial.csv serial.xlsx
run "$KAOHE" import settlements --contract h1 serial.xlsx
expect_rc 0 "serial numbers in a date column import"
is "$(sql "SELECT received_date FROM settlements WHERE claim_id LIKE 'S_' ORDER BY claim_id" | tr '\n' ' ')" \
	"1900-02-28 1900-03-01 2024-03-05 2024-03-05 " "59, 61, 45356 and 20240305 read as dates"
printf '结算单号,参保人编号,结算方式,受理日期,支付金额\nS5,P1,直接结算,60,1\n' >s60.csv
"$GEN" --numbers s60.csv s60.xlsx
run "$KAOHE" import settlements --contract h1 s60.xlsx
expect_rc 65 "serial 60 is refused"
expect_err "Sheet1!D2: 受理日期: 日期无效：Excel 日期序号 60 是不存在的 1900-02-29" "and says why"

# 8. Booleans as boolean cells (TRUE/FALSE) in the 免责 column.
printf '结算单号,参保人编号,结算方式,受理日期,支付金额,免责\nB1,P1,直接结算,2024-03-05,1,yes\nB2,P1,直接结算,2024-03-05,1,no\n' >b.csv
"$GEN" --booleans b.csv b.xlsx
run "$KAOHE" import settlements --contract h1 b.xlsx
expect_rc 0 "boolean cells import"
is "$(sql "SELECT excused FROM settlements WHERE claim_id LIKE 'B_' ORDER BY claim_id" | tr '\n' ' ')" "1 0 " "TRUE/FALSE -> 1/0"

# 9. .xls (BIFF) is refused with how to convert it.
printf '\320\317\021\340\241\261\032\341rest of an OLE2 file' >old.xls
run "$KAOHE" import settlements --contract h1 old.xls
expect_rc 65 ".xls is refused"
expect_err "soffice --headless --convert-to xlsx" "the message says how to convert"
expect_err "另存为" "or to save as .xlsx"

# 10. Not a zip, though named .xlsx.
printf 'claim_id\n' >fake.xlsx
run "$KAOHE" import settlements --contract h1 fake.xlsx
expect_rc 65 "a non-zip .xlsx is refused"
expect_err "不是有效的 XLSX 文件" "and says so"

# 11. English messages name the cell the same way.
run "$KAOHE" --lang en import settlements --contract h1 bad.xlsx
expect_err "bad.xlsx:结算明细!D5: received_date: not a valid date" "English: 结算明细!D5"

done_testing
