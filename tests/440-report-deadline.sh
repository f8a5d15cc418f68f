#!/bin/sh
# 440-report-deadline: the `report-deadline` measure end to end.  The March
# 2024 monthly report is due 04-05 (清明) and rolls to Sunday 2024-04-07, an
# adjusted working day; a late report, a rejected-only (missing) report
# late in calendar days to the as-of day, reports not yet due (na), H1
# only, and the annual report judged after the year.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"

msetup
mload submissions submissions.csv

mreport 2024
expect_rc 0 "report 2024 exits 0"
mvalidate "the scorecard validates"
# Judged: January to November (December's is due 2025-01-06).  Late:
# February (due Tuesday 03-05, sent 03-06) and May (only a rejected one).
is "$(ind report.monthly value)" "0.8182" "monthly: 9 of 11 judged on time"
is "$(ind report.monthly status)" "fail" "monthly: fails"
is "$(items report.monthly period | tr '\n' ' ')" "2024-02 2024-05 " "monthly: late ones listed"
is "$(item report.monthly monthly due)" "2024-03-05" "first late item: February due 03-05"
is "$(xp "string($IND[@id='report.monthly']//*[local-name()='item'][@period='2024-02']/@late)")" "1" \
	"February: 1 day late"
is "$(xp "string($IND[@id='report.monthly']//*[local-name()='item'][@period='2024-05']/@submitted)")" "未报送" \
	"May: the rejected submission does not count (未报送)"
is "$(xp "string($IND[@id='report.monthly']//*[local-name()='item'][@period='2024-05']/@late)")" "209" \
	"May: late by the calendar days from 06-05 to the as-of day 12-31"
xp "$IND[@id='report.monthly']/*[local-name()='evidence']/*[local-name()='column'][@name='late']/text()" |
	grep -q "自然日"; ok $? "the heading says days are calendar days"
notes report.monthly | grep -q "顺延"; ok $? "the note states the rollover rule applied"
is "$(ind report.half-year status)" "pass" "half-year: H1 sent 07-15, on time"
is "$(ind report.annual status)" "na" "annual: not yet due at 2024-12-31, na"

# March alone: due 04-05 rolls to Sunday 04-07 (调休上班).
mreport 2024-03 --as-of 2024-04-06
is "$(ind report.monthly status)" "na" "March as of 04-06: not yet due (rolled to 04-07)"
mreport 2024-03 --as-of 2024-04-07
is "$(ind report.monthly status)" "pass" "March sent on Sunday 04-07: on time"
mreport 2024-03 --as-of 2024-04-08
is "$(ind report.monthly value)" "1.0000" "March as of 04-08: still on time"

# April 2024: due 05-05 (劳动节) rolls to 05-06; sent 05-06.
mreport 2024-04 --as-of 2024-05-06
is "$(ind report.monthly status)" "pass" "April sent 05-06 after the rollover: on time"
mreport 2024-04
is "$(ind report.monthly status)" "na" \
	"April scored as of 04-30: the later submission is not yet known, not yet due"

# Had March been sent on Monday 04-08, it would be 1 day late against 04-07.
sql "UPDATE submissions SET submitted_at = '2024-04-08 09:00:00' WHERE period = '2024-03'"
mreport 2024-03 --as-of 2024-04-30
is "$(ind report.monthly status)" "fail" "March sent 04-08: late"
is "$(items report.monthly due)" "2024-04-07" "the due date shown is the rolled-over Sunday 04-07"
is "$(items report.monthly late)" "1" "… 1 day late"
sql "UPDATE submissions SET submitted_at = '2024-04-07 10:00:00' WHERE period = '2024-03'"

# H2 has no half-year report under only=H1.
mreport 2024H2 --as-of 2025-03-01
is "$(ind report.half-year status)" "na" "only=H1: the second half needs no half-year report"
notes report.half-year | grep -q "没有需要报送"; ok $? "… and says so"

# The annual report, judged after the year: missing, 1 day late at 01-21.
mreport 2024 --as-of 2025-01-21
is "$(ind report.annual status)" "fail" "annual missing after 2025-01-20: fails"
is "$(items report.annual late)" "1" "annual: 1 day late at 2025-01-21"
is "$(ind report.monthly value)" "0.7500" "December now due 01-06 and missing: 9 of 12"

mreport 2024 --lang en
xp "$IND[@id='report.monthly']/*[local-name()='note']/text()" | grep -q "calendar days"
ok $? "--lang en: the note in English"

done_testing
