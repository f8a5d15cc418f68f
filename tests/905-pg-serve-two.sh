#!/bin/sh
# 905-pg-serve-two: two `kaohe serve` processes on one PostgreSQL database
# — 2×10 concurrent clients submitting distinct reports at once (10 to each
# server): 20 receipts, 20 stored rows, no duplicate ref or key, none lost,
# every body hashing to its receipt's SHA-256; then one same body sent 10
# times to each server at once: one row, every client gets the same ref
# (the UNIQUE key decides the race across processes); and the login rate
# limit under a race across both: 20 wrong passwords for one name to each
# server at once, exactly 5 get a password check (401), the other 35 a 429,
# and the right password is then refused by both.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
pg_start
. "$SRCDIR/tests/helpers/serve.sh"
PID_A=
trap '[ -n "$PID_A" ] && kill -KILL "$PID_A" 2>/dev/null; stop_serve KILL; pg_stop; rm -rf "$WORK"' EXIT
have_users || skip_all "kaohe user is not built"
CLIENT=$SRCDIR/tests/helpers/serve-client.py

C=henan-dbbx-2024
export KAOHE_DB=$PGURL
"$KAOHE" init >/dev/null
"$KAOHE" contract add "$C" >/dev/null
TOKEN=$(insurer_token ins-load "$C")
[ -n "$TOKEN" ]; ok $? "an insurer token"

start_serve a --db "$PGURL"
PID_A=$serve_pid
URL_A=$URL
serve_pid=
start_serve b --db "$PGURL"
URL_B=$URL
[ -n "$URL_A" ] && [ -n "$URL_B" ] && [ "$URL_A" != "$URL_B" ]
ok $? "two serve processes on one database"

python3 "$CLIENT" load "$URL_A/submissions" ca.pem "$TOKEN" "$C" --clients 10 --each 1 --out a.txt &
LA=$!
python3 "$CLIENT" load "$URL_B/submissions" ca.pem "$TOKEN" "$C" --clients 10 --each 1 --out b.txt &
LB=$!
wait "$LA"; ok $? "10 clients on server a ran"
wait "$LB"; ok $? "10 clients on server b ran"
cat a.txt b.txt >load.txt
is "$(wc -l <load.txt | tr -d ' ')" 20 "20 answers"
is "$(grep -c '^201 ' load.txt)" 20 "all 20 accepted (201)"
is "$(awk '{print $2}' load.txt | sort -u | wc -l | tr -d ' ')" 20 "20 distinct refs"
is "$(pg_sql 'SELECT count(*) FROM received_submissions')" 20 "20 stored rows"
is "$(pg_sql 'SELECT count(DISTINCT idempotency_key) FROM received_submissions')" 20 "no duplicate key"
is "$(pg_sql 'SELECT count(DISTINCT ref) FROM received_submissions')" 20 "no duplicate ref"
awk '{print $2, $3}' load.txt | sort >want.txt
pg_sql "SELECT ref || ' ' || sha256 FROM received_submissions" | sort >got.txt
cmp -s want.txt got.txt; ok $? "each receipt names its stored body's SHA-256 (none lost)"
is "$(pg_sql "SELECT count(*) FROM received_submissions WHERE encode(sha256(body), 'hex') <> sha256 OR sha256 <> idempotency_key OR length(body) <> size")" \
	0 "every stored body hashes to its SHA-256"
is "$(pg_sql "SELECT count(*) FROM audit_log WHERE action = 'receive'")" 20 "20 audit entries"
# (submissions rows: one per contract, report, period and second, as on SQLite)
is "$(pg_sql "SELECT count(*) FROM submissions WHERE source = 'serve'")" \
	"$(pg_sql "SELECT count(DISTINCT received_at) FROM received_submissions")" \
	"a submissions row for each second a report was received"

# One same body to both servers at once, 10 clients each.
printf 'claim_id,result\nC1,pass\n' >same.xml
KEY=$(sha256sum same.xml | cut -d' ' -f1)
pids=
for i in 1 2 3 4 5 6 7 8 9 10; do
	for u in "$URL_A" "$URL_B"; do
		curl -s --cacert ca.pem -o "same.$i.${u##*:}" -w '%{http_code}\n' -X POST "$u/submissions" \
			-H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" -H "Accept: application/json" \
			-H "Idempotency-Key: $KEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: case-review" \
			-H "X-Kaohe-Period: 2024-03" --data-binary @same.xml >>codes.txt &
		pids="$pids $!"
	done
done
for p in $pids; do wait "$p"; done
is "$(grep -cE '^20[01]$' codes.txt)" 20 "every one of the 20 got a receipt"
is "$(grep -c '^201$' codes.txt)" 1 "exactly one was the first (201)"
is "$(cat same.*.* | sed -n 's/.*"ref" *: *"\([^"]*\)".*/\1/p' | sort -u | wc -l | tr -d ' ')" 1 "all with the same ref"
is "$(pg_sql "SELECT count(*) FROM received_submissions WHERE idempotency_key = '$KEY'")" 1 "one row for the body"
is "$(pg_sql 'SELECT count(*) FROM received_submissions')" 21 "21 rows in all"

# The login rate limit, counted in one locked transaction across processes.
printf 'panel-password-1\n' >pp
chmod 600 pp
"$KAOHE" user add wang --role panel --password-file pp 2>/dev/null
login_flood "$URL_A" wang 20 login-a.txt &
LA=$!
login_flood "$URL_B" wang 20 login-b.txt &
LB=$!
wait "$LA"; wait "$LB"
cat login-a.txt login-b.txt >logins.txt
is "$(wc -l <logins.txt | tr -d ' ')" 40 "40 login answers from the two servers"
is "$(grep -c '^401$' logins.txt)" 5 "exactly 5 of 2×20 concurrent logins got a password check (401)"
is "$(grep -c '^429$' logins.txt)" 35 "the other 35 were limited (429)"
is "$(pg_sql "SELECT count(*) FROM audit_log WHERE action = 'login-failed' AND who = 'wang' AND reason IS NULL")" \
	5 "the audit log has 5 checked failures"
is "$(pg_sql "SELECT count(*) FROM audit_log WHERE action = 'login-failed' AND who = 'wang' AND reason = 'rate limit'")" \
	35 "… and 35 rate-limited attempts"
is "$(pg_sql "SELECT count(*) FROM login_attempts WHERE name = 'wang'")" 5 "5 failures counted"
for u in "$URL_A" "$URL_B"; do
	code=$(http_status POST "$u/login" --data-urlencode name=wang --data-urlencode password=panel-password-1)
	is "$code" 429 "the right password is refused while limited (${u##*:})"
done

kill -TERM "$PID_A"; wait "$PID_A"; rc_a=$?; PID_A=
stop_serve
is "$rc_a $serve_rc" "0 0" "both servers exit 0"
done_testing
