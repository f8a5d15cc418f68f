#!/bin/sh
# 822-serve-login-race: the login rate limit holds under concurrency — 40
# wrong passwords for one name sent 16 at a time to one `kaohe serve` (8
# worker threads): exactly 5 get a password check (401, "login-failed" in
# the audit log without "rate limit"), the other 35 a 429, and the right
# password is then refused (429); the same with 20 to each of two servers
# over one SQLite file; and the 30-per-address limit under the same race
# (distinct unknown names).  The clock stands still ($KAOHE_NOW).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/serve.sh"
PID_A=
trap '[ -n "$PID_A" ] && kill -KILL "$PID_A" 2>/dev/null; stop_serve KILL; rm -rf "$WORK"' EXIT
have_users || skip_all "kaohe user is not built"
export KAOHE_NOW="2026-03-02 09:00:00"

"$KAOHE" init >/dev/null 2>&1
printf 'regulator-password\n' >pr
printf 'panel-password-1\n' >pp
chmod 600 pr pp
"$KAOHE" user add zhang --role regulator --password-file pr 2>/dev/null
"$KAOHE" user add wang --role panel --password-file pp 2>/dev/null

count() { grep -c "^$1\$" "$2"; }   # count CODE FILE
audit_count() {   # audit_count WHO REASON-CLAUSE
	sql "SELECT count(*) FROM audit_log WHERE action = 'login-failed' AND who = '$1' AND $2"
}

# --- one server, 8 threads, 16 clients ------------------------------------------
start_serve a
[ -n "$URL" ]; ok $? "the server starts"
login_flood "$URL" zhang 40 codes1
is "$(wc -l <codes1 | tr -d ' ')" 40 "40 answers"
is "$(count 401 codes1)" 5 "exactly 5 of 40 concurrent attempts got a password check (401)"
is "$(count 429 codes1)" 35 "the other 35 were limited (429)"
is "$(audit_count zhang 'reason IS NULL')" 5 "the audit log has 5 checked failures"
is "$(audit_count zhang "reason = 'rate limit'")" 35 "… and 35 rate-limited attempts"
is "$(sql "SELECT count(*) FROM login_attempts WHERE name = 'zhang'")" 5 \
	"5 failures are counted: a limited attempt is not, so a flood does not extend the lockout"
code=$(http_status POST "$URL/login" -D h --data-urlencode name=zhang --data-urlencode password=regulator-password)
is "$code" 429 "the right password is refused while limited"
is "$(grep -i '^Retry-After:' h | tr -d '\r' | cut -d' ' -f2)" 900 "… Retry-After 900 (the clock stands still)"

# --- two servers over one SQLite file -----------------------------------------------
PID_A=$serve_pid
URL_A=$URL
serve_pid=
start_serve b
URL_B=$URL
[ -n "$URL_B" ] && [ "$URL_A" != "$URL_B" ]; ok $? "a second server over the same file"
login_flood "$URL_A" wang 20 codes2a &
FA=$!
login_flood "$URL_B" wang 20 codes2b &
FB=$!
wait "$FA"; wait "$FB"
cat codes2a codes2b >codes2
is "$(wc -l <codes2 | tr -d ' ')" 40 "40 answers from the two servers"
is "$(count 401 codes2)" 5 "exactly 5 of 2×20 concurrent attempts got a password check"
is "$(count 429 codes2)" 35 "the other 35 were limited"
is "$(audit_count wang 'reason IS NULL')" 5 "the audit log agrees"
code=$(http_status POST "$URL_A/login" --data-urlencode name=wang --data-urlencode password=panel-password-1)
is "$code" 429 "the right password is refused by one server …"
code=$(http_status POST "$URL_B/login" --data-urlencode name=wang --data-urlencode password=panel-password-1)
is "$code" 429 "… and by the other"

# --- 30 per address: 10 counted so far, 40 distinct names at once ---------------------
login_flood "$URL_A" 'ghost%' 40 codes3
is "$(count 401 codes3)" 20 "the address's limit: 20 more of 40 concurrent names got a check"
is "$(count 429 codes3)" 20 "… the other 20 were limited"
is "$(sql "SELECT count(*) FROM login_attempts WHERE remote = '127.0.0.1'")" 30 \
	"30 failures counted for the address"

kill -TERM "$PID_A"; wait "$PID_A"; rc_a=$?; PID_A=
stop_serve
is "$rc_a $serve_rc" "0 0" "both servers exit 0"
done_testing
