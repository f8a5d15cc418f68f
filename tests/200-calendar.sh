#!/bin/sh
# 200-calendar: `kaohe calendar` questions against the shipped 2023-2026
# calendar loaded by `kaohe init` — every holiday block and adjusted working
# day, counting across the long holidays, both rollover rules, years outside
# the calendar, date forms, help and usage errors.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" calendar --help
expect_rc 0 "calendar --help"
expect_out 'is-workday' "help lists is-workday"
expect_out '民法典' "help cites the Civil Code"
run "$KAOHE" --lang en calendar --help
expect_rc 0 "calendar --help in English"
expect_out 'Nth working day' "English help"
run "$KAOHE" help calendar
expect_rc 0 "kaohe help calendar"

run "$KAOHE" calendar is-workday 2024-01-02
expect_rc 66 "no database yet: 66"
expect_err "kaohe init" "says to run kaohe init"

run "$KAOHE" init
expect_rc 0 "init"
is "$(sql 'SELECT group_concat(year) FROM calendar_years')" "2023,2024,2025,2026" \
	"init loads the shipped years"
is "$(sql "SELECT notice LIKE '%国办发明电〔2023〕7号%' FROM calendar_years WHERE year = 2024")" \
	"1" "2024 cites its notice"
days_before=$(sql 'SELECT count(*) FROM calendar_days')
is "$days_before" "141" "141 listed days in 2023-2026"
run "$KAOHE" init
expect_rc 0 "init twice"
is "$(sql 'SELECT count(*) FROM calendar_days')" "$days_before" "init twice adds nothing"

cal() { "$KAOHE" calendar "$@" 2>&1; }

# Every holiday block (first and last day; the unit test checks every day).
for block in \
	2023-01-01:2023-01-02 2023-01-21:2023-01-27 2023-04-05:2023-04-05 \
	2023-04-29:2023-05-03 2023-06-22:2023-06-24 2023-09-29:2023-10-06 \
	2024-01-01:2024-01-01 2024-02-10:2024-02-17 2024-04-04:2024-04-06 \
	2024-05-01:2024-05-05 2024-06-10:2024-06-10 2024-09-15:2024-09-17 \
	2024-10-01:2024-10-07 \
	2025-01-01:2025-01-01 2025-01-28:2025-02-04 2025-04-04:2025-04-06 \
	2025-05-01:2025-05-05 2025-05-31:2025-06-02 2025-10-01:2025-10-08 \
	2026-01-01:2026-01-03 2026-02-15:2026-02-23 2026-04-04:2026-04-06 \
	2026-05-01:2026-05-05 2026-06-19:2026-06-21 2026-09-25:2026-09-27 \
	2026-10-01:2026-10-07; do
	first=${block%:*} last=${block#*:}
	got="$(cal is-holiday "$first") $(cal is-workday "$first") $(cal is-holiday "$last") $(cal is-workday "$last")"
	is "$got" "yes no yes no" "holiday block $first..$last"
done

# Every weekend day adjusted into work.
for d in 2023-01-28 2023-01-29 2023-04-23 2023-05-06 2023-06-25 2023-10-07 \
	2023-10-08 2024-02-04 2024-02-18 2024-04-07 2024-04-28 2024-05-11 \
	2024-09-14 2024-09-29 2024-10-12 2025-01-26 2025-02-08 2025-04-27 \
	2025-09-28 2025-10-11 2026-01-04 2026-02-14 2026-02-28 2026-05-09 \
	2026-09-20 2026-10-10; do
	is "$(cal is-workday "$d") $(cal is-holiday "$d")" "yes no" "$d is an adjusted working day"
done
is "$(cal is-workday 2025-02-28)" "yes" "2025-02-28 is an ordinary Friday"
is "$(cal is-workday 2025-03-01)" "no" "2025-03-01 an ordinary Saturday"
is "$(sql "SELECT count(*) FROM calendar_days WHERE kind = 'workday'")" "26" \
	"26 adjusted working days stored"

# Counting (Civil Code art. 201: the day itself is not counted).
is "$(cal add 2024-09-20 15)" "2024-10-16" "15 working days after 2024-09-20 cross National Day"
is "$(cal add 2024-02-05 10)" "2024-02-23" "add across the 2024 Spring Festival"
is "$(cal add 2025-01-24 20)" "2025-02-27" "add across the 2025 Spring Festival"
is "$(cal add 2024-04-26 4)" "2024-05-06" "add across Labour Day 2024"
is "$(cal add 2024-09-13 2)" "2024-09-18" "add across Mid-Autumn 2024"
is "$(cal add 2026-02-13 1)" "2026-02-14" "Saturday 2026-02-14 is the next working day"
is "$(cal add 2026-09-24 3)" "2026-09-30" "add across Mid-Autumn 2026"
is "$(cal add 2023-12-29 1)" "2024-01-02" "add across New Year"
is "$(cal between 2024-09-20 2024-10-16)" "15" "between agrees with add"
is "$(cal between 2023-12-31 2024-12-31)" "251" "2024 has 251 working days"
is "$(cal between 2024-10-16 2024-09-20)" "0" "between with B before A is 0"

# Rollover (Civil Code art. 203).
is "$(cal rollover 2024-04-05)" "2024-04-07" "2024-04-05 rolls onto working Sunday 04-07"
is "$(cal rollover 2024-04-05 --rule holidays-only)" "2024-04-07" "holidays-only, same"
is "$(cal rollover 2024-03-02)" "2024-03-04" "next-workday moves off a Saturday"
is "$(cal rollover --rule holidays-only 2024-03-02)" "2024-03-02" "holidays-only leaves a Saturday"
is "$(cal rollover --rule next-workday 2025-10-05)" "2025-10-09" "report due 2025-10-05 moves to 10-09"
is "$(cal rollover 2024-07-15)" "2024-07-15" "a working day stays"

# The three date forms.
is "$(cal is-workday 2024/02/04)" "yes" "YYYY/MM/DD"
is "$(cal is-workday 20240204)" "yes" "YYYYMMDD"

# list and years
run "$KAOHE" calendar list 2024
expect_rc 0 "list 2024"
expect_out '^2024-02-04 workday 春节$' "list shows adjusted working days with names"
expect_out '^2024-10-07 holiday 国庆节$' "list shows holidays with names"
is "$(wc -l <"$WORK/out" | tr -d ' ')" "36" "2024 lists 28 holidays and 8 working days"
run "$KAOHE" calendar years
expect_rc 0 "years"
expect_out '^2025	28	5	shipped:data/calendar/2025.txt	.*国办发明电〔2024〕12号' "years shows source and notice"

# Outside the calendar: an error naming the year, never a guess.
run "$KAOHE" calendar is-workday 2027-03-01
expect_rc 65 "a day in 2027 is exit 65"
expect_err '2027' "the message names 2027"
run "$KAOHE" calendar add 2026-12-20 15
expect_rc 65 "add past the last year is exit 65"
expect_err '2027' "... naming 2027"
run "$KAOHE" calendar rollover 2022-12-31
expect_rc 65 "2022 is outside"
expect_err '2022' "... naming 2022"
run "$KAOHE" --lang en calendar list 2030
expect_rc 65 "list of a year not loaded is exit 65"
expect_err '2030' "... naming 2030"

# The examples of the man page (each "$ kaohe calendar ..." line with the
# line after it as its output; the import example needs a file and is skipped).
sed -n '/^\.SH EXAMPLES/,/^\.SH SEE ALSO/p' "$SRCDIR/man/kaohe-calendar.1" |
	sed 's/\\-/-/g' >"$WORK/examples"
examples=0
while IFS= read -r line; do
	case $line in
	'$ kaohe calendar import'*) ;;
	'$ kaohe calendar '*)
		IFS= read -r want
		# shellcheck disable=SC2086
		got=$("$KAOHE" ${line#\$ kaohe } 2>&1)
		is "$got" "$want" "man example: ${line#\$ }"
		examples=$((examples + 1)) ;;
	esac
done <"$WORK/examples"
[ "$examples" -ge 5 ]; ok $? "the man page examples were run"

# Usage errors.
run "$KAOHE" calendar
expect_rc 64 "no subcommand"
run "$KAOHE" calendar frob
expect_rc 64 "unknown subcommand"
run "$KAOHE" calendar is-workday 2024-02-30
expect_rc 64 "an impossible date"
expect_err "2024-02-30" "names the date"
run "$KAOHE" calendar add 2024-01-01 0
expect_rc 64 "N must be at least 1"
run "$KAOHE" calendar add 2024-01-01 x
expect_rc 64 "N must be a number"
run "$KAOHE" calendar rollover 2024-01-01 --rule weekends
expect_rc 64 "unknown rule"
run "$KAOHE" calendar is-workday 2024-01-01 --rule holidays-only
expect_rc 64 "--rule only with rollover"
run "$KAOHE" calendar update
expect_rc 64 "update without --url"
run "$KAOHE" calendar list 20x4
expect_rc 64 "a bad year"

done_testing
