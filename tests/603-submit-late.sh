#!/bin/sh
# 603-submit-late: a monthly report sent with `kaohe submit` is judged by
# the report.monthly indicator like an imported submission.  The March 2024
# report of henan-dbbx-2024 is due 04-05, a Qingming holiday, rolled over to
# Sunday 04-07 (an adjusted working day): received 04-07 is on time,
# received 04-09 is two days late.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
command -v openssl >/dev/null 2>&1 || skip_all "openssl not found"
. "$SRCDIR/tests/helpers/report-server.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT

status_of() {   # status_of SCORECARD: report.monthly's status
	xmllint --xpath "string(//*[local-name()='indicator'][@id='report.monthly']/@status)" "$1"
}

# submit_march DB RECEIVED-AT: a fresh database, March's report built and
# sent to a server whose receipt says it was received at RECEIVED-AT.
submit_march() {
	export KAOHE_DB=$WORK/$1
	RECEIVED_AT=$2
	"$KAOHE" init >/dev/null
	"$KAOHE" contract add henan-dbbx-2024 >/dev/null
	"$KAOHE" import activities --contract henan-dbbx-2024 \
		"$SRCDIR/data/samples/henan-dbbx-2024/activities.csv" >/dev/null
	run "$KAOHE" monthly --contract henan-dbbx-2024 --month 2024-03 -o "$WORK/$1-2024-03.xml"
	expect_rc 0 "$1: monthly report for 2024-03 built"
	start_server "srv-$1"
	run "$KAOHE" submit "$WORK/$1-2024-03.xml" --url "$URL" --cacert ca.pem --token-file token
	expect_rc 0 "$1: report submitted"
	stop_server
	is "$(sql "SELECT submitted_at || ' ' || source FROM submissions WHERE period = '2024-03'")" \
		"$RECEIVED_AT submit" "$1: the receipt is stored as a submission"
	run "$KAOHE" report --contract henan-dbbx-2024 --period 2024-03 --as-of 2024-04-30 \
		--format xml -o "$WORK/$1.xml"
	expect_rc 0 "$1: scored"
}

submit_march ontime.db "2024-04-07 16:00:00"
is "$(status_of "$WORK/ontime.db.xml")" pass "received on the rolled-over Sunday 04-07: on time"

submit_march late.db "2024-04-09 09:30:00"
is "$(status_of "$WORK/late.db.xml")" fail "received 04-09: late"
is "$(xmllint --xpath "count(//*[local-name()='indicator'][@id='report.monthly']//*[local-name()='item'])" "$WORK/late.db.xml")" 1 \
	"the late report is the evidence"
grep -q '2024-04-07' "$WORK/late.db.xml"; ok $? "the evidence shows the rolled-over due date"

done_testing
