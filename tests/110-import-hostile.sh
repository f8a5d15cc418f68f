#!/bin/sh
# 110-import-hostile: the import defects of issue 15, each at its boundary —
# a byte order mark at the start of a data row, a NUL inside a field, a
# header of 100,000 columns, CSV-format and encoding errors that name their
# field, a key repeated within one file (a warning naming every line; the
# last row wins), and a field of several megabytes.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" init
expect_rc 0 "init"

# --- 3. a BOM at the start of a data row (files joined with cat) ----------
# The file's own BOM is the encoding mark and is dropped; the one at the
# start of line 3 would make "c1" a different contract id: refused, at
# line 3, field 1.
printf '\357\273\277contract,date,unit,insured\nc1,2024-01-01,,5\n\357\273\277c1,2024-01-02,,6\n' >bom.csv
run "$KAOHE" import population bom.csv
expect_rc 65 "a BOM starting a data row is refused"
expect_err "bom.csv:3:1: 合同: .*U\+FEFF" "named at line 3, field 1, as U+FEFF"
is "$(sql "SELECT count(*) FROM population")" "0" "nothing imported"
# The same BOM in the middle of a field is text like any other.
printf 'contract,date,unit,insured\nc1,2024-01-01,a\357\273\277b,5\n' >bom-mid.csv
run "$KAOHE" import population bom-mid.csv
expect_rc 0 "U+FEFF inside a field is kept as text"
sql "DELETE FROM population"

# --- 4. a NUL byte inside a field -------------------------------------------
printf 'contract,date,unit,insured\nc1,2024-01-01,a\000b,5\n' >nul.csv
run "$KAOHE" import population nul.csv
expect_rc 65 "a NUL inside a field is refused"
expect_err "nul.csv:2:3: 县区: 含有 NUL 字节" "named at line 2, field 3"
printf 'contract,date,unit\000x,insured\nc1,2024-01-01,a,5\n' >nul-head.csv
run "$KAOHE" import population nul-head.csv
expect_rc 65 "a NUL inside a column name is refused"
expect_err "nul-head.csv:1:3: " "named at line 1, field 3"
is "$(sql "SELECT count(*) FROM population")" "0" "nothing imported"

# --- 6. a header of 100,000 columns -----------------------------------------
# 4 known columns and 99,996 unknown ones: one warning naming the first 10
# and the count, not a 789 KB line (the list was rebuilt per column).
python3 - <<'PY'
names = ",".join("x%d" % i for i in range(99996))
with open("wide.csv", "w") as f:
    f.write("contract,date,unit,insured," + names + "\n")
    f.write("c1,2024-01-01,,5," + "," * 99995 + "\n")
PY
run "$KAOHE" import population wide.csv
expect_rc 0 "a 100,000-column file imports"
expect_err "忽略未知的列：x0, x1, x2, x3, x4, x5, x6, x7, x8, x9，……（共 99996 列）" \
	"the warning names 10 columns and the count"
is "$(wc -c <"$WORK/err" | tr -d ' ')" "113" "the warning is one short line (113 bytes)"
sql "DELETE FROM population"

# --- 7. CSV-format and encoding errors name their field -----------------------
printf 'contract,date,unit,insured\nc1,2024-01-01,a"b,5\n' >quote.csv
run "$KAOHE" import population quote.csv
expect_rc 65 "a quote inside an unquoted field is malformed"
expect_err "quote.csv:2:3: CSV 格式错误: 未加引号的字段中有引号" "at line 2, field 3, saying what is wrong"
# A quoted field spanning lines 2-3 followed by junk: the error is on line 3.
printf 'contract,date,unit,insured\nc1,2024-01-01,"a\nb"x,5\n' >junk.csv
run "$KAOHE" import population junk.csv
expect_rc 65 "text after a closing quote is malformed"
expect_err "junk.csv:3:3: " "at line 3 (inside the quoted field), field 3"
printf 'contract,date,unit,insured\nc1,2024-01-01,,5\nc1,2024-01-02,"open,5\nc1,2024-01-03,,5\n' >open.csv
run "$KAOHE" import population open.csv
expect_rc 65 "an unterminated quote is malformed"
expect_err "open.csv:3:3: CSV 格式错误: 引号未闭合" "reported where the quoted field starts: line 3, field 3"
# GB18030: 0xFF is never valid; after "c1,2024-01-01," it is in field 3.
printf 'contract,date,unit,insured\nc1,2024-01-01,\260\241\377,5\n' >gb.csv
run "$KAOHE" import population --encoding gb18030 gb.csv
expect_rc 65 "a byte outside GB18030 is refused"
expect_err "gb.csv:2:3: .*0xFF" "at line 2, field 3, naming the byte"
printf 'contract,date,unit,insured\nc1,2024-01-01,,5\nc1,2024-01-02,\260' >gbcut.csv
run "$KAOHE" import population --encoding gb18030 gbcut.csv
expect_rc 65 "a GB18030 character cut by the end of the file is refused"
expect_err "gbcut.csv:3:3: " "at line 3, field 3"

# --- 9. a key repeated within one file ----------------------------------------
# Lines 2, 4 and 5 share (c1, 2024-02-01, ''): the rows are written in
# order, so line 5's 6 wins; the counts stay exact (2 inserted: the two
# keys; 1 updated: line 4 changed 5 to 6; 1 unchanged: line 5 equals 4).
printf 'contract,date,unit,insured\nc1,2024-02-01,,5\nc1,2024-02-02,,7\nc1,2024-02-01,,6\nc1,2024-02-01,,6\n' >rep.csv
run "$KAOHE" import population rep.csv
expect_rc 0 "a repeated key imports (the last row wins)"
expect_out "rep.csv: 4 行：新增 2，更新 1，未变 1" "exact counts"
expect_err "rep.csv:5: 键（合同 'c1'，日期 '2024-02-01'，县区 ''）在第 2、4、5 行重复出现（3 行）；以最后一行（第 5 行）为准" \
	"warned at the winning line, naming every line"
is "$(grep -c 重复 "$WORK/err")" "1" "one warning per repeated key"
is "$(sql "SELECT insured FROM population WHERE date = '2024-02-01'")" "6" "the last row's value is stored"
# Again, over the stored rows: line 2 updates (6 -> 5), line 4 repeats its
# key (5 -> 6) — still warned, though every row now meets a stored key.
run "$KAOHE" --lang en import population rep.csv
expect_out "4 rows: 0 inserted, 2 updated, 2 unchanged" "counts over stored rows"
expect_err "rep.csv:5: key \(contract 'c1', date '2024-02-01', unit ''\) repeated on lines 2, 4 and 5 \(3 rows\); the last row \(line 5\) wins" \
	"warned again when the rows meet stored keys"
# Same content on both lines, over a stored row: unchanged twice, still a repeat.
printf 'contract,date,unit,insured\nc1,2024-02-02,,7\nc1,2024-02-02,,7\n' >same.csv
run "$KAOHE" import population same.csv
expect_out "2 行：新增 0，更新 0，未变 2" "identical repeats are unchanged"
expect_err "same.csv:3: .*第 2、3 行" "and still reported"
# Within one 64-row batch (rows 10 and 50) and across batches (row 3 and
# row 200) of a fresh settlements file.
python3 - <<'PY'
with open("many.csv", "w") as f:
    f.write("claim_id,insured_id,channel,received_date,paid_amount\n")
    for i in range(1, 301):
        cid = {50: 10, 200: 3}.get(i, i)
        f.write("M%d,P%d,direct,2024-01-01,%d\n" % (cid, i, i))
PY
run "$KAOHE" import settlements --contract h1 many.csv
expect_rc 0 "a settlements file with two repeated keys imports"
expect_out "300 行：新增 298，更新 2，未变 0" "298 keys, 2 updates"
expect_err "many.csv:51: .*'M10'.*第 11、51 行" "a repeat inside one batch: lines 11 and 51"
expect_err "many.csv:201: .*'M3'.*第 4、201 行" "a repeat across batches: lines 4 and 201"
is "$(sql "SELECT paid_amount FROM settlements WHERE claim_id = 'M10'")" "5000" "the later row (50.00) wins"
# Keys from another file of the same import are updates, not repeats.
printf 'claim_id,insured_id,channel,received_date,paid_amount\nN1,P,direct,2024-01-01,1\n' >n1.csv
printf 'claim_id,insured_id,channel,received_date,paid_amount\nN1,P,direct,2024-01-01,2\n' >n2.csv
run "$KAOHE" import settlements --contract h1 n1.csv n2.csv
expect_out "n2.csv: 1 行：新增 0，更新 1" "a key from an earlier file is an update"
if grep -q 重复 "$WORK/err"; then ok 1 "and no repeat warning"; else ok 0 "and no repeat warning"; fi
# Read from a pipe the file cannot be read again for the lines: the
# repeats are still counted.
printf 'contract,date,unit,insured\nc9,2024-02-01,,5\nc9,2024-02-01,,6\n' |
	"$KAOHE" import population /dev/stdin >"$WORK/out" 2>"$WORK/err"
expect_err "/dev/stdin: 1 行的键与本文件前面的行重复（以后出现的为准）" "a pipe: the repeat is counted"
# --dry-run warns the same way and writes nothing.
printf 'claim_id,insured_id,channel,received_date,paid_amount\nD1,P,direct,2024-01-01,1\nD1,P,direct,2024-01-01,2\n' >dry.csv
run "$KAOHE" import settlements --contract h1 --dry-run dry.csv
expect_err "dry.csv:3: .*第 2、3 行" "--dry-run warns too"
is "$(sql "SELECT count(*) FROM settlements WHERE claim_id = 'D1'")" "0" "and writes nothing"

# --- libcsv's buffer: a 4 MB quoted field ---------------------------------------
python3 - <<'PY'
with open("big.csv", "w") as f:
    f.write("quarter,rating,note\n2024Q1,A,\"" + "y" * (4 << 20) + "\"\n")
PY
run "$KAOHE" import ratings --contract h1 big.csv
expect_rc 0 "a 4 MB field is read (unknown column, ignored)"

[ "$(sql 'PRAGMA integrity_check')" = ok ]; ok $? "integrity_check ok"
done_testing
