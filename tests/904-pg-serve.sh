#!/bin/sh
# 904-pg-serve: `kaohe serve --db postgresql://...` on loopback, end to end
# with `kaohe submit` and a private CA: the receipt, the body stored
# byte-identical (BYTEA) with its SHA-256 and a submissions row (source
# serve); the same body again gives the same receipt and no new row; the
# received rows refuse UPDATE and DELETE; a login over curl gets a session
# (only its SHA-256 stored) that opens /account; with the database's default
# isolation REPEATABLE READ, 40 concurrent wrong passwords for one name still
# give exactly 4 password checks (5 with the failure before) (the count's table lock comes before any
# snapshot).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
pg_start
. "$SRCDIR/tests/helpers/serve.sh"
trap 'stop_serve KILL; pg_stop; rm -rf "$WORK"' EXIT
have_users || skip_all "kaohe user is not built"

C=henan-dbbx-2024
CLI=$WORK/cli.db
KAOHE_DB=$CLI "$KAOHE" init >/dev/null
KAOHE_DB=$CLI "$KAOHE" contract add "$C" >/dev/null
KAOHE_DB=$CLI "$KAOHE" import activities --contract "$C" \
	"$SRCDIR/data/samples/$C/activities.csv" >/dev/null
export KAOHE_DB=$PGURL
"$KAOHE" init >/dev/null
"$KAOHE" contract add "$C" >/dev/null
TOKEN=$(insurer_token ins-a "$C")
[ -n "$TOKEN" ]; ok $? "an insurer token on PostgreSQL"
printf '%s\n' "$TOKEN" >token-a
chmod 600 token-a

KAOHE_NOW='2024-04-03 10:15:00' start_serve srv --db "$PGURL"
case $URL in https://127.0.0.1:[0-9]*) ok 0 "serve on PostgreSQL prints its https URL" ;;
	*) ok 1 "serve on PostgreSQL prints its https URL"; diag "$(cat "$SERVE_LOG.out" "$SERVE_LOG.err")" ;; esac

KAOHE_DB=$CLI "$KAOHE" monthly --contract "$C" --month 2024-03 -o m.xml >/dev/null 2>&1
KEY=$(sha256sum m.xml | cut -d' ' -f1)
run env KAOHE_DB="$CLI" "$KAOHE" submit m.xml --url "$URL/submissions" --cacert ca.pem --token-file token-a
expect_rc 0 "kaohe submit to kaohe serve on PostgreSQL succeeds"
expect_out "R-000001" "the receipt's ref is printed"
is "$(pg_sql "SELECT ref, idempotency_key, contract, report, period, content_type, sha256, size, received_at, received_by FROM received_submissions")" \
	"R-000001|$KEY|$C|monthly|2024-03|application/xml|$KEY|$(wc -c <m.xml | tr -d ' ')|2024-04-03 10:15:00|ins-a" \
	"the server stored the body's row"
pg_sql "SELECT encode(body, 'hex') FROM received_submissions WHERE ref = 'R-000001'" \
	| python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().strip()))' >stored.xml
cmp -s m.xml stored.xml; ok $? "the stored body is byte-identical"
is "$(pg_sql "SELECT contract, report, period, submitted_at, accepted, ref, source, idempotency_key FROM submissions")" \
	"$C|monthly|2024-03|2024-04-03 10:15:00|1|R-000001|serve|$KEY" \
	"a submissions row (source serve)"
is "$(pg_sql "SELECT who, action, contract, subject FROM audit_log WHERE action = 'receive'")" \
	"ins-a|receive|$C|R-000001" "the audit log has the receipt"
is "$(pg_sql "SELECT count(*) FROM api_tokens WHERE sha256 = '$TOKEN'")" "0" "no token in the store"

# The same body again: the original receipt, nothing new.
run env KAOHE_DB="$CLI" "$KAOHE" submit m.xml --url "$URL/submissions" --cacert ca.pem --token-file token-a --force
expect_rc 0 "the same body again is accepted"
expect_out "R-000001" "with the original receipt"
is "$(pg_sql "SELECT count(*) FROM received_submissions")" "1" "one received row"
is "$(pg_sql "SELECT count(*) FROM submissions")" "1" "one submissions row"
is "$(pg_sql "SELECT count(*) FROM audit_log WHERE action = 'receive'")" "1" "one audit entry"
# A direct POST with curl: 200 and the same ref.
code=$(curl -s --cacert ca.pem -o body.json -w '%{http_code}' -X POST "$URL/submissions" \
	-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/xml" \
	-H "Idempotency-Key: $KEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: monthly" \
	-H "X-Kaohe-Period: 2024-03" --data-binary @m.xml)
is "$code" "200" "a replay over curl answers 200"
grep -q '"ref" *: *"R-000001"' body.json; ok $? "… with the same ref"

# Kept as received.
pg_sql "UPDATE received_submissions SET contract = 'x'" >/dev/null 2>&1
ok $((!$?)) "UPDATE of a received row is refused"
pg_sql "DELETE FROM received_submissions" >/dev/null 2>&1
ok $((!$?)) "DELETE of a received row is refused"

# A login over curl: a session, only its SHA-256 stored, /account opens.
code=$(curl -s --cacert ca.pem -o login.html -D login.h -w '%{http_code}' -X POST "$URL/login" \
	--data-urlencode "name=ins-a" --data-urlencode "password=pw-ins-a-long-enough-1")
is "$code" "303" "the right password: 303"
SID=$(grep -i '^Set-Cookie:' login.h | sed 's/^[^:]*: *kaohe_session=\([^;]*\);.*/\1/' | tr -d '\r')
[ -n "$SID" ]; ok $? "a session cookie"
HASH=$(printf '%s' "$SID" | sha256sum | cut -d' ' -f1)
is "$(pg_sql "SELECT count(*) FROM sessions WHERE sha256 = '$HASH'")" "1" "the session's SHA-256 is stored"
is "$(pg_sql "SELECT count(*) FROM sessions WHERE sha256 = '$SID'")" "0" "never the id itself"
code=$(curl -s --cacert ca.pem -o account.html -w '%{http_code}' -b "kaohe_session=$SID" "$URL/account")
is "$code" "200" "the session opens /account"
code=$(curl -s --cacert ca.pem -o bad.html -w '%{http_code}' -X POST "$URL/login" \
	--data-urlencode "name=ins-a" --data-urlencode "password=wrong-password-1")
is "$code" "401" "a wrong password: 401"
is "$(pg_sql "SELECT count(*) FROM login_attempts WHERE name = 'ins-a'")" "1" "the failed login is counted"


# The login limit whatever the database's default isolation.
pg_sql "ALTER DATABASE kaohe SET default_transaction_isolation TO 'repeatable read'" >/dev/null
KAOHE_NOW='2024-04-03 10:20:00' start_serve srv2 --db "$PGURL"
login_flood "$URL" ins-a 40 logins.txt
is "$(grep -c '^401$' logins.txt)" 4 "REPEATABLE READ by default: exactly 4 of 40 concurrent logins (one failure before) got a password check"
is "$(grep -c '^429$' logins.txt)" 36 "… the other 36 were limited"
is "$(pg_sql "SELECT count(*) FROM login_attempts WHERE name = 'ins-a'")" 5 "… and 5 failures counted"
pg_sql "ALTER DATABASE kaohe RESET default_transaction_isolation" >/dev/null

stop_serve
is "$serve_rc" "0" "serve exits 0"
done_testing
