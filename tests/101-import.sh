#!/bin/sh
# 101-import: the import command itself — help and usage, the CSV and
# encoding rules (BOM, CRLF, quoting, GB18030), header mapping, error
# reports with FILE:LINE:COLUMN and their limit, all-or-nothing loading,
# updates, --dry-run, several files in one transaction, provenance.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" import --help
expect_rc 0 "import --help"
expect_out "--dry-run" "help names --dry-run"
expect_out "settlements" "help names the kinds"
run "$KAOHE" --lang en import --help
expect_out "Load the records" "English help"
run "$KAOHE" help import
expect_rc 0 "kaohe help import"

run "$KAOHE" init
expect_rc 0 "init"
run "$KAOHE" import
expect_rc 64 "no KIND is a usage error"
run "$KAOHE" import bananas x.csv
expect_rc 64 "unknown KIND is a usage error"
expect_err "bananas" "the message names it"
run "$KAOHE" import settlements
expect_rc 64 "no FILE is a usage error"
run "$KAOHE" import settlements "$WORK/nope.csv" --contract c
expect_rc 66 "a missing file exits 66"
run "$KAOHE" import settlements --encoding klingon --contract c "$TESTDATA/import/settlements.csv"
expect_rc 64 "an unknown encoding is a usage error"
run "$KAOHE" --db "$WORK/none.db" import ratings "$TESTDATA/import/ratings.csv"
expect_rc 66 "no database exits 66"

# BOM, CRLF, quoted commas and newlines, English headers in any order,
# an unknown column, --contract for the whole file.
printf '\357\273\277paid_amount,Claim_ID,insured_id,channel,received_date,remark,paid_date\r\n' >s1.csv
printf '"1,234.56",C1,P1,direct,2024-01-02,"a, b",2024-01-03\r\n' >>s1.csv
printf '7,C2,P1,manual,2024-01-03,"two\r\nlines",\r\n' >>s1.csv
printf '\r\n' >>s1.csv
printf '8.1,C3,P2,direct,2024-01-04,,2024-01-09\r\n' >>s1.csv
run "$KAOHE" import settlements --contract h1 s1.csv
expect_rc 0 "BOM + CRLF + quotes import"
expect_out "s1.csv: 3 行：新增 3，更新 0，未变 0" "three rows inserted"
expect_err "remark" "an unknown column is named in a warning"
is "$(grep -c remark "$WORK/err")" "1" "the warning comes once"
is "$(sql "SELECT contract, claim_id, paid_amount FROM settlements ORDER BY 2" | tr '\n' ' ')" \
	"h1|C1|123456 h1|C2|700 h1|C3|810 " "values and contract stored"

run "$KAOHE" import settlements --contract h1 s1.csv
expect_out "新增 0，更新 0，未变 3" "same file again changes nothing"

# An update: same key, different content.
sed 's/^7,C2/9,C2/' s1.csv >s2.csv
run "$KAOHE" import settlements --contract h1 s2.csv
expect_out "新增 0，更新 1，未变 2" "a changed row is an update"
is "$(sql "SELECT paid_amount FROM settlements WHERE claim_id = 'C2'")" "900" "the update is stored"
is "$(sql "SELECT import_id = (SELECT max(id) FROM imports) FROM settlements WHERE claim_id = 'C2'")" \
	"1" "the updated row names the import that wrote it"
is "$(sql "SELECT rows, inserted, updated, unchanged FROM imports ORDER BY id DESC LIMIT 1")" \
	"3|0|1|2" "provenance counts"
is "$(sql "SELECT sha256 FROM imports ORDER BY id DESC LIMIT 1")" \
	"$(sha256sum s2.csv | cut -d' ' -f1)" "provenance SHA-256"

# --dry-run reports and writes nothing.
sed 's/^9,C2/10,C2/' s2.csv >s3.csv
printf 'C9,P9,direct,2024-05-01,5\n' | awk -F, '{print $5","$1","$2","$3","$4",,"}' >>s3.csv
imports=$(sql "SELECT count(*) FROM imports")
run "$KAOHE" import settlements --contract h1 --dry-run s3.csv
expect_rc 0 "--dry-run exits 0"
expect_out "将新增 1，将更新 1，未变 2" "--dry-run counts"
is "$(sql "SELECT paid_amount FROM settlements WHERE claim_id = 'C2'")" "900" "--dry-run wrote nothing"
is "$(sql "SELECT count(*) FROM imports")" "$imports" "--dry-run records no provenance"

# The contract column against --contract.
printf '合同,结算单号,参保人编号,结算方式,受理日期,支付金额\nh2,K1,P,direct,2024-01-01,1\n' >c.csv
run "$KAOHE" import settlements --contract h1 c.csv
expect_rc 65 "a contract column that differs from --contract is refused"
expect_err "c.csv:2:1: 合同" "at its line and column"
run "$KAOHE" import settlements c.csv
expect_rc 0 "the contract column alone"
is "$(sql "SELECT contract FROM settlements WHERE claim_id = 'K1'")" "h2" "contract from the column"

# Missing required columns are all named; no contract anywhere.
printf 'claim_id,channel\nX,direct\n' >m.csv
run "$KAOHE" import settlements m.csv
expect_rc 65 "missing columns exit 65"
expect_err "insured_id \(参保人编号\)" "names insured_id"
expect_err "paid_amount \(支付金额\)" "names paid_amount"
expect_err "contract \(合同\)" "names contract"

# Every bad field reported, up to 50, then a count of the rest.
{ echo "claim_id,insured_id,channel,received_date,paid_amount"
  i=1; while [ $i -le 60 ]; do echo "B$i,P,direct,2024-02-30,1"; i=$((i + 1)); done
} >many.csv
run "$KAOHE" import settlements --contract h1 many.csv
expect_rc 65 "many bad rows exit 65"
is "$(grep -c "many.csv:[0-9]*:4: " "$WORK/err")" "50" "50 errors are printed"
expect_err "另有 10 处错误" "then how many more"
expect_err "many.csv:51:4: 受理日期: 不是有效日期.*值为 '2024-02-30'" "line 51 is the 50th"
grep -q "many.csv:52:" "$WORK/err"; ok $((!$?)) "line 52 is not printed"
run "$KAOHE" --lang en import settlements --contract h1 many.csv
expect_err "many.csv:2:4: received_date: not a valid date .*\(got '2024-02-30'\)" "English message"
expect_err "and 10 more" "English limit line"

# A bad row anywhere loads nothing, also from the other files given.
before=$(sql "SELECT count(*) FROM settlements")
printf 'claim_id,insured_id,channel,received_date,paid_amount\nG1,P,direct,2024-01-01,1\n' >good.csv
printf 'claim_id,insured_id,channel,received_date,paid_amount\nG2,P,direct,2024-01-01,1\nG3,P,direct,2024-01-01,1,5\n' >badcount.csv
run "$KAOHE" import settlements --contract h1 good.csv badcount.csv
expect_rc 65 "a bad second file fails the import"
expect_err "badcount.csv:3: " "a wrong number of fields is reported with its line"
is "$(sql "SELECT count(*) FROM settlements")" "$before" "nothing from either file is loaded"
printf 'claim_id,insured_id,channel,received_date,paid_amount\nG2,P,direct,2024-01-01,1\n' >good2.csv
run "$KAOHE" import settlements --contract h1 good.csv good2.csv
expect_rc 0 "two good files"
expect_out "合计: 2 行：新增 2" "a total line for several files"

# Malformed CSV and wrong encodings.
printf 'claim_id,insured_id,channel,received_date,paid_amount\nQ1,"P"x,direct,2024-01-01,1\n' >q.csv
run "$KAOHE" import settlements --contract h1 q.csv
expect_rc 65 "a stray quote is malformed CSV"
expect_err "q.csv:2:2: CSV" "reported at its line and field (issue 15)"
printf 'claim_id,insured_id,channel,received_date,paid_amount\nQ1,"P,direct,2024-01-01,1\n' >q2.csv
run "$KAOHE" import settlements --contract h1 q2.csv
expect_rc 65 "an unterminated quote is malformed CSV"
{ printf 'claim_id,insured_id,channel,received_date,paid_amount\n'
  i=1; while [ $i -le 12000 ]; do echo "U$i,P,direct,2024-01-01,1"; i=$((i + 1)); done
  printf 'U0,\377\376,direct,2024-01-01,1\n'
} >late.csv
run "$KAOHE" import settlements --contract h1 late.csv
expect_rc 65 "bytes that are not UTF-8 late in a UTF-8 file are refused"
expect_err "late.csv:12002:2: .*UTF-8" "reported at the field"
printf 'quarter,rating\n2024Q1,\377\n' >early.csv
run "$KAOHE" import ratings --contract h1 early.csv
expect_rc 65 "bytes in neither encoding are refused"
printf '结算单号,参保人编号,结算方式,受理日期,支付金额\nZ1,张三,直接结算,2024-01-01,1\n' | iconv -t GB18030 >gb.csv
run "$KAOHE" import settlements --contract h1 --encoding utf-8 gb.csv
expect_rc 65 "GB18030 read as UTF-8 is refused"
run "$KAOHE" import settlements --contract h1 gb.csv
expect_rc 0 "GB18030 detected"
is "$(sql "SELECT insured_id, channel FROM settlements WHERE claim_id = 'Z1'")" "张三|direct" "stored as UTF-8"

# Empty files.
: >empty.csv
run "$KAOHE" import ratings --contract h1 empty.csv
expect_rc 65 "an empty file is refused"
printf 'quarter,rating\n' >header.csv
run "$KAOHE" import ratings --contract h1 header.csv
expect_rc 0 "a header alone imports nothing"
expect_out "0 行" "zero rows"

[ "$(sql 'PRAGMA integrity_check')" = ok ]; ok $? "integrity_check ok"
done_testing
