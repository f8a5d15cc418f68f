#!/bin/sh
# 113-hostile-files: calendar and contract files from outside (issue 15) —
# the .ics whose SUMMARY starts with stray UTF-8 continuation bytes (it
# hung `calendar import` at 100% CPU: a size counter wrapped below zero) is
# refused at once as not UTF-8; a long valid name is cut on a character
# boundary, also when a fold splits a character; the shipped format checks
# UTF-8 too; a UTF-16 contract says it is UTF-16 (not "Start tag
# expected"), and one declaring GB18030 says kaohe reads UTF-8.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" init
expect_rc 0 "init"
# Guard against the old hang: give up after 60 s instead of forever.
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 60"

# --- 1. the .ics that looped forever -------------------------------------------
python3 - <<'PY'
s = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\n"
     b"SUMMARY:" + b"\x80" * 61 + "休".encode() + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
open("hang.ics", "wb").write(s)
PY
run $limit "$KAOHE" calendar import hang.ics
expect_rc 65 "the .ics with 61 stray continuation bytes is refused (it hung)"
expect_err "hang.ics:4: 不是有效的 UTF-8" "at its line, as not UTF-8"
# A valid name longer than 60 bytes is cut to whole characters: 元旦 is 6
# bytes, so ten of them (60 bytes) stay and the rest goes.
python3 - <<'PY'
name = "元旦" * 12
s = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\n"
     "SUMMARY:" + name + " 休\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
open("long.ics", "wb").write(s)
# the same, folded in the middle of a character (RFC 5545 3.1 allows it)
b = s.replace("SUMMARY:元".encode(), "SUMMARY:".encode() + "元".encode()[:1] + b"\r\n " + "元".encode()[1:])
open("folded.ics", "wb").write(b)
PY
run $limit "$KAOHE" calendar import long.ics
expect_rc 0 "a long valid name imports"
is "$(sql "SELECT name FROM calendar_days WHERE date = '2028-01-01'")" "元旦元旦元旦元旦元旦元旦元旦元旦元旦元旦" \
	"cut to 60 bytes on a character boundary"
run $limit "$KAOHE" calendar import folded.ics
expect_rc 0 "a fold inside a UTF-8 character is unfolded first"
# The shipped text format: a line that is not UTF-8 is refused with its column.
cp "$SRCDIR/data/calendar/2024.txt" bad-2024.txt
printf 'holiday 2024-10-08 \377\376\n' >>bad-2024.txt
run $limit "$KAOHE" calendar import bad-2024.txt
expect_rc 65 "a shipped-format file with bytes that are not UTF-8 is refused"
expect_err "bad-2024.txt:[0-9]+:20: 不是有效的 UTF-8" "at its line and column"

# --- 7. contracts that are not UTF-8 -------------------------------------------
C=$SRCDIR/data/contracts/henan-dbbx-2024.xml
iconv -f UTF-8 -t UTF-16 "$C" >c16.xml
run "$KAOHE" contract check c16.xml
expect_rc 65 "a UTF-16 contract is refused"
expect_err "c16.xml: 文件是 UTF-16 编码；kaohe 只读 UTF-8 的 XML（可用 iconv -f UTF-16 -t UTF-8 转换）" \
	"saying it is UTF-16 and how to convert it"
if grep -q "Start tag expected" "$WORK/err"; then ok 1 "not 'Start tag expected'"; else ok 0 "not 'Start tag expected'"; fi
iconv -f UTF-8 -t UTF-16LE "$C" >c16le.xml
run "$KAOHE" --lang en contract check c16le.xml
expect_err "c16le.xml: the file is in UTF-16; kaohe reads XML in UTF-8 only" "without a BOM too, in English"
iconv -f UTF-8 -t UTF-32 "$C" >c32.xml
run "$KAOHE" contract check c32.xml
expect_err "c32.xml: 文件是 UTF-32 编码" "UTF-32 is named as such"
sed 's/encoding="UTF-8"/encoding="GB18030"/' "$C" | iconv -f UTF-8 -t GB18030 >cgb.xml
run "$KAOHE" contract check cgb.xml
expect_rc 65 "a GB18030 contract is refused"
expect_err "cgb.xml: 声明的编码为 GB18030，但 kaohe 只读 UTF-8 的 XML" "naming the declared encoding"
run "$KAOHE" contract check "$C"
expect_rc 0 "the UTF-8 contract itself is fine"
done_testing
