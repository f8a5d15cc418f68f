#!/bin/sh
# 112-output-paths: what `-o PATH` does with what is at PATH (issue 15;
# util/outfile.h, man kaohe-report) — "-" and /dev/stdout write to standard
# output (so output pipes); a device or FIFO is written through and never
# replaced; a symlink to a regular file replaces the target and keeps the
# link; a dangling symlink and a directory are refused; a regular file is
# replaced atomically with its permissions kept; no temporary file is left.
# Also issue 15 item 5: an XLSX cell over 32,767 characters is cut with a
# visible mark and a warning instead of silently dropped.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

SAMPLE=$TESTDATA/render/sample-scorecard.xml
report() { "$KAOHE" report --from "$SAMPLE" "$@"; }
cells() { python3 "$TESTDATA/render/xlsx-cells.py" "$1"; }
unzip_part() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$@"; }

# --- standard output ---------------------------------------------------------
for f in xml html xlsx; do
	report --format $f -o - >"$WORK/dash.$f" 2>"$WORK/err"
	rc=$?
	expect_rc 0 "-o - writes $f to stdout"
	report --format $f -o /dev/stdout >"$WORK/dev.$f" 2>"$WORK/err"
	rc=$?
	expect_rc 0 "-o /dev/stdout writes $f"
	cmp -s "$WORK/dash.$f" "$WORK/dev.$f"; ok $? "the same bytes either way ($f)"
done
grep -q '</scorecard>' dash.xml; ok $? "stdout holds the whole XML and nothing after it"
is "$(tail -n 1 dash.xml)" "</scorecard>" "no 'written:' line appended to the document"
unzip_part dev.xlsx '[Content_Types].xml' >/dev/null 2>&1; ok $? "the XLSX through /dev/stdout is a whole workbook"
# Piped: /dev/stdout is a pipe here, written through.
report --format xml -o /dev/stdout 2>"$WORK/err" | cat >piped.xml
cmp -s dash.xml piped.xml; ok $? "-o /dev/stdout into a pipe"
# Appending: /dev/stdout opened by the shell with >> keeps appending (the
# descriptor itself is written, the file is not reopened or replaced).
printf 'first line\n' >log.txt
report --format xml -o /dev/stdout >>log.txt 2>"$WORK/err"
is "$(head -n 1 log.txt)" "first line" "-o /dev/stdout under >> appends"
is "$(wc -l <log.txt | tr -d ' ')" "$(($(wc -l <dash.xml) + 1))" "after the first line"
# /dev/fd/1 is the same descriptor.
report --format xml -o /dev/fd/1 >fd1.xml 2>"$WORK/err"
cmp -s dash.xml fd1.xml; ok $? "-o /dev/fd/1"

# monthly: the XML alone, no HTML view beside a file called "-".
"$KAOHE" init >/dev/null && "$KAOHE" contract add henan-dbbx-2024 >/dev/null
KAOHE_NOW='2024-04-05 09:00:00' "$KAOHE" monthly --contract henan-dbbx-2024 \
	--month 2024-03 -o - >monthly.xml 2>"$WORK/err"
rc=$?
expect_rc 0 "monthly -o -"
is "$(tail -n 1 monthly.xml)" "</monthly-report>" "stdout holds the report and nothing after it"
[ ! -e ./-.html ] && [ ! -e ./-.tmp-* ]; ok $? "no '-.html' written"

# --- devices and FIFOs: written through, never replaced -----------------------
run report --format xml -o /dev/null
expect_rc 0 "-o /dev/null succeeds"
[ -c /dev/null ]; ok $? "/dev/null is still a character device"
mkfifo fifo
cat fifo >from-fifo.xml &
reader=$!
run report --format xml -o fifo
expect_rc 0 "-o FIFO"
wait $reader
[ -p fifo ]; ok $? "the FIFO is still a FIFO"
cmp -s dash.xml from-fifo.xml; ok $? "the reader got the document"
mkfifo fifo2
cat fifo2 >from-fifo.xlsx &
reader=$!
run report --format xlsx -o fifo2
expect_rc 0 "-o FIFO with xlsx (copied through from a temporary file)"
wait $reader
cmp -s dash.xlsx from-fifo.xlsx; ok $? "the reader got the workbook"

# --- symlinks ---------------------------------------------------------------------
printf 'old\n' >target.xml
ln -s target.xml link.xml
run report --format xml -o link.xml
expect_rc 0 "-o SYMLINK to a regular file"
[ -L link.xml ]; ok $? "the link is still a link"
cmp -s dash.xml target.xml; ok $? "its target holds the new document"
mkdir sub
ln -s sub/new.xml dangling.xml
run report --format xml -o dangling.xml
expect_rc 73 "a dangling symlink is refused"
expect_err "dangling.xml: 符号链接指向不存在的文件" "saying so"
[ -L dangling.xml ] && [ ! -e sub/new.xml ]; ok $? "nothing created, the link untouched"
ln -s sub dirlink
run report --format xml -o dirlink
expect_rc 73 "a symlink to a directory is refused"
ln -s /dev/null null-link
run report --format xml -o null-link
expect_rc 0 "a symlink to /dev/null is written through"
[ -L null-link ] && [ -c /dev/null ]; ok $? "both left as they were"

# --- directories, regular files ---------------------------------------------------------
run report --format html -o sub
expect_rc 73 "a directory is refused"
printf 'old\n' >kept.xml
chmod 640 kept.xml
run report --format xml -o kept.xml
expect_rc 0 "an existing regular file is replaced"
cmp -s dash.xml kept.xml; ok $? "with the new document"
is "$(stat -c %a kept.xml)" "640" "its permissions are kept"
expect_out "已写入: kept.xml" "and the 'written' line is printed for a file"
run report --format xlsx -o new.xlsx
expect_rc 0 "a new xlsx"
is "$(stat -c %a new.xlsx)" "$(printf '%o' $((0666 & ~$(umask))))" "a new file gets 0666 less the umask"
is "$(ls -a | grep -c 'tmp-')" "0" "no temporary file is left behind"

# --- 5. an XLSX text cell over 32,767 characters ---------------------------------------
python3 - "$SAMPLE" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
# the insurer's name, shown on the overview sheet, made 40,000 characters
import re
text = re.sub(r'insurer="[^"]*"', 'insurer="' + "长" * 40000 + '"', text, count=1)
open("long.xml", "w", encoding="utf-8").write(text)
PY
run "$KAOHE" report --from long.xml --format xlsx -o long.xlsx
expect_rc 0 "a scorecard with a 40,000-character insurer renders"
expect_err "警告: .*!B[0-9]+: 文本长 40000 字符，超过 Excel 单元格上限 32767，已截断并标注" \
	"a warning names the cell and the length"
cells long.xlsx >cells.txt
grep -q '……［已截断：原文 40000 字符］' cells.txt; ok $? "the cell ends with a visible mark"
python3 - <<'PY'
import sys
for line in open("cells.txt", encoding="utf-8"):
    if "已截断" in line:
        cell = line.rstrip("\n").split("\t")[-1]
        sys.exit(0 if len(cell) == 32767 and cell.startswith("长" * 100) else 1)
sys.exit(1)
PY
ok $? "the cell holds exactly 32,767 characters: the text, then the mark"
done_testing
