#!/bin/sh
# 201-calendar-import: `kaohe calendar import` with the shipped text format
# and an iCalendar feed (CRLF, folded lines, several summary conventions, a
# year replaced whole, days of incomplete years ignored), and bad files that
# must load nothing.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
FEED=$TESTDATA/calendar/feed-2025.ics

run "$KAOHE" init
expect_rc 0 "init"
"$KAOHE" calendar list 2025 | cut -d' ' -f1,2 >"$WORK/shipped-2025"

# The feed holds the whole of 2025 in mixed conventions; it must agree with
# the shipped year day for day.
run "$KAOHE" calendar import "$FEED"
expect_rc 0 "import an .ics feed"
expect_out '2025' "reports the year imported"
expect_err '2024' "warns that 2024 (one stray day) is ignored"
"$KAOHE" calendar list 2025 >"$WORK/feed-2025"
cut -d' ' -f1,2 "$WORK/feed-2025" | cmp -s - "$WORK/shipped-2025"
ok $? "the feed's 2025 agrees with the shipped 2025"
grep -q '^2025-04-04 holiday 清明节$' "$WORK/feed-2025"; ok $? "a folded summary is unfolded (清明节)"
grep -q '^2025-01-01 holiday 元旦$' "$WORK/feed-2025"; ok $? "元旦（休） names 元旦"
grep -q '^2025-05-05 holiday 劳动节$' "$WORK/feed-2025"; ok $? "DURATION:P5D covers 05-01..05-05"
grep -q '^2025-02-08 workday 调休上班$' "$WORK/feed-2025"; ok $? "a bare 补班 is an adjusted working day"
grep -q '^2025-05-11' "$WORK/feed-2025"; ok $((!$?)) "an event without a marker (母亲节) is ignored"
grep -q '^2025-06-01 holiday 端午节$' "$WORK/feed-2025"; ok $? "a VALARM inside an event is skipped"
is "$(sql "SELECT source FROM calendar_years WHERE year = 2025")" "file:$FEED" "the source is recorded"
is "$(sql "SELECT count(*) FROM calendar_days WHERE date = '2024-12-28'")" "0" "the stray 2024 day is not stored"
is "$("$KAOHE" calendar is-workday 2024-12-28)" "no" "2024 is untouched"

# A year in a file replaces that year entirely.
printf 'year 2024\nnotice test notice\nholiday 2024-01-01 元旦\n' >"$WORK/2024-small.txt"
run "$KAOHE" calendar import "$WORK/2024-small.txt"
expect_rc 0 "import a shipped-format file"
is "$("$KAOHE" calendar is-workday 2024-04-05)" "yes" "2024 replaced entirely: Qingming gone"
is "$(sql "SELECT count(*) FROM calendar_days WHERE year = 2024")" "1" "one day left in 2024"
is "$(sql "SELECT notice FROM calendar_years WHERE year = 2024")" "test notice" "notice replaced"
run "$KAOHE" calendar import "$KAOHE_TEST_SRCDIR/data/calendar/2024.txt"
expect_rc 0 "re-import the shipped 2024"
is "$("$KAOHE" calendar add 2024-09-20 15)" "2024-10-16" "2024 restored"

# A new year from a file extends the calendar.
printf 'year 2027\nholiday 2027-01-01 元旦\n' >"$WORK/2027.txt"
run "$KAOHE" calendar import "$WORK/2027.txt"
expect_rc 0 "import 2027"
is "$("$KAOHE" calendar add 2026-12-30 3)" "2027-01-05" "add now reaches into 2027"

# Bad files load nothing and say where.
count_before=$(sql 'SELECT count(*) FROM calendar_days')
bad() {   # bad NAME WANT-ERR-PATTERN: import $WORK/NAME, expect 65
	run "$KAOHE" calendar import "$WORK/$1"
	expect_rc 65 "$1 is refused"
	expect_err "$2" "$1: message"
	is "$(sql 'SELECT count(*) FROM calendar_days')" "$count_before" "$1 loads nothing"
}
printf 'year 2028\nholiday 2028-01-01 元旦\nworkday 2028-01-04 元旦\n' >"$WORK/weekday.txt"
bad weekday.txt 'weekday.txt:3:9: .*(周六|Saturday)'
printf 'year 2028\nholiday 2028-01-01 元旦\nholiday 2027-12-31 元旦\n' >"$WORK/outside.txt"
bad outside.txt 'outside.txt:3:9:'
printf 'year 2028\nholiday 2028-01-01\n' >"$WORK/noname.txt"
bad noname.txt 'noname.txt:2:'
printf 'holiday 2028-01-01 元旦\nyear 2028\nfrob 1\nholiday 2028-02-30 x\n' >"$WORK/many.txt"
bad many.txt 'many.txt:4:9:'
grep -q 'many.txt:1:' "$WORK/err" && grep -q 'many.txt:3:1:' "$WORK/err"
ok $? "every error in the file is reported"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\nSUMMARY:元旦 休\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280104\r\nSUMMARY:元旦 班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$WORK/weekday.ics"
bad weekday.ics 'weekday.ics:6: .*2028-01-04'
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20280101T090000\nSUMMARY:元旦 休\nEND:VEVENT\nEND:VCALENDAR\n' >"$WORK/datetime.ics"
bad datetime.ics 'VALUE=DATE'
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280101\nDTEND;VALUE=DATE:20290101\nSUMMARY:元旦 休\nEND:VEVENT\nEND:VCALENDAR\n' >"$WORK/long.ics"
bad long.ics 'long.ics:2:'
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280101\nSUMMARY:元旦 休\n' >"$WORK/unclosed.ics"
bad unclosed.ics 'END:VEVENT'
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280105\nSUMMARY:春节 休\nEND:VEVENT\nEND:VCALENDAR\n' >"$WORK/nojan1.ics"
bad nojan1.ics '(元旦|1 January)'
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280101\nSUMMARY:元旦 休\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280101\nSUMMARY:元旦 班\nEND:VEVENT\nEND:VCALENDAR\n' >"$WORK/both.ics"
bad both.ics 'both.ics:6:'
: >"$WORK/empty.txt"
bad empty.txt 'empty.txt'

run "$KAOHE" calendar import "$WORK/no-such-file.ics"
expect_rc 66 "a missing file is 66"
run "$KAOHE" calendar import
expect_rc 64 "import without a file"

done_testing
