#!/bin/sh
# 202-calendar-update: `kaohe calendar update --url` against a real HTTP
# server on 127.0.0.1 (tests/helpers/http-serve.py on a free port): a feed
# imported, HTTP errors, a refused connection, and URLs that are not http(s).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed"

run "$KAOHE" init
expect_rc 0 "init"

python3 "$SRCDIR/tests/helpers/http-serve.py" "$TESTDATA/calendar" "$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$WORK"' EXIT
# a loaded CI machine can take seconds to start python: wait up to 60 s
i=0
while [ $i -lt 300 ] && ! [ -s "$WORK/port" ]; do
	sleep 0.2
	i=$((i + 1))
done
[ -s "$WORK/port" ] || { echo "Bail out! the test HTTP server did not start"; exit 1; }
port=$(cat "$WORK/port")
base="http://127.0.0.1:$port"

sql "DELETE FROM calendar_years WHERE year = 2025"
run "$KAOHE" calendar is-workday 2025-02-08
expect_rc 65 "2025 removed before the update"

run "$KAOHE" calendar update --url "$base/feed-2025.ics"
expect_rc 0 "update fetches and imports the feed"
expect_out '2025' "reports 2025"
is "$("$KAOHE" calendar is-workday 2025-02-08)" "yes" "2025-02-08 is a working Saturday"
is "$("$KAOHE" calendar add 2025-09-26 5)" "2025-10-10" "2025 National Day from the feed"
is "$(sql "SELECT source FROM calendar_years WHERE year = 2025")" "url:$base/feed-2025.ics" \
	"the URL is recorded as the source"

run "$KAOHE" calendar update --url "$base/missing.ics"
expect_rc 69 "HTTP 404 is 69"
expect_err '404' "names the status"
run "$KAOHE" calendar update --url "$base/status/503"
expect_rc 75 "HTTP 503 is 75 (try again later)"

kill $server 2>/dev/null
wait $server 2>/dev/null
run "$KAOHE" calendar update --url "$base/feed-2025.ics"
expect_rc 75 "a refused connection is 75"
expect_err "127.0.0.1" "names the URL"

run "$KAOHE" calendar update --url "file:///etc/passwd"
expect_rc 64 "file:// URLs are refused"
run "$KAOHE" calendar update --url "ftp://127.0.0.1/x.ics"
expect_rc 64 "ftp:// URLs are refused"
is "$("$KAOHE" calendar is-workday 2025-02-08)" "yes" "failed updates change nothing"

done_testing
