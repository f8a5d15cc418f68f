#!/bin/sh
# 802-serve-faults: `kaohe serve` under faults — a client that drops the
# connection mid-upload stores nothing; SIGTERM stops accepting at once,
# finishes the request in flight (its upload included) and exits 0; a full
# disk answers 507 and loses nothing already stored, and the server takes
# the same submission once there is room again.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
. "$SRCDIR/tests/helpers/serve.sh"
have_users || skip_all "kaohe user is not built yet (the auth part of kaohe serve)"
CLIENT=$SRCDIR/tests/helpers/serve-client.py

C=henan-dbbx-2024
"$KAOHE" init >/dev/null
"$KAOHE" contract add "$C" >/dev/null
TOKEN=$(insurer_token ins-a "$C")
[ -n "$TOKEN" ]; ok $? "an insurer token"

# --- a client that disconnects mid-upload ----------------------------------------
start_serve srv
[ -n "$URL" ]; ok $? "serve started"
run python3 "$CLIENT" abort "$URL/submissions" ca.pem "$TOKEN" "$C" --size 400000 --send 150000
expect_rc 0 "a client sent 150000 of 400000 bytes and dropped the connection"
n=0
until grep -q 'POST /submissions - ' "$SERVE_LOG.err" || [ $n -ge 500 ]; do sleep 0.02; n=$((n + 1)); done
grep -qE 'POST /submissions - [0-9]+ [0-9]+ms (client-abort|error)$' "$SERVE_LOG.err"
ok $? "the log line says the request was abandoned, with no status"
is "$(sql 'SELECT count(*) FROM received_submissions') $(sql 'SELECT count(*) FROM submissions') $(sql "SELECT count(*) FROM audit_log WHERE action = 'receive'")" \
	"0 0 0" "nothing stored from the abandoned upload"
st=$(http_status GET "$URL/healthz")
is "$st" 200 "the server still answers"

# --- SIGTERM with a request in flight --------------------------------------------
rm -f ready go
python3 "$CLIENT" inflight "$URL/submissions" ca.pem "$TOKEN" "$C" --ready ready --go go >inflight.out 2>&1 &
client_pid=$!
n=0
until [ -e ready ] || [ $n -ge 1500 ]; do sleep 0.02; n=$((n + 1)); done
[ -e ready ]; ok $? "a client is half-way through its upload"
kill -TERM "$serve_pid"
# New connections are refused once the signal is taken...
n=0
while curl -s --cacert ca.pem -o /dev/null "$URL/healthz" && [ $n -lt 1500 ]; do
	sleep 0.02
	n=$((n + 1))
done
curl -s --cacert ca.pem -o /dev/null "$URL/healthz"
[ $? -ne 0 ]; ok $? "after SIGTERM new connections are refused"
kill -0 "$serve_pid" 2>/dev/null; ok $? "the server waits for the request in flight"
# ...while the request in flight completes.
touch go
wait "$client_pid"
head -n 1 inflight.out | grep -q '^HTTP/1.1 201'; ok $? "the request in flight got its receipt (201)"
grep -q '"ref": "R-000001"' inflight.out; ok $? "ref R-000001"
wait "$serve_pid"
is "$?" 0 "serve exits 0 after SIGTERM"
serve_pid=
is "$(sql 'SELECT count(*) FROM received_submissions')" 1 "the in-flight submission is stored"
grep -q 'POST /submissions 201' "$SERVE_LOG.err"; ok $? "and logged"

# SIGINT too.
start_serve srv-int
kill -INT "$serve_pid"
wait "$serve_pid"
is "$?" 0 "serve exits 0 after SIGINT"
serve_pid=

# --- a full disk: 507, nothing lost ----------------------------------------------
FULL=$WORK/full
mkdir -p "$FULL"
if mount -t tmpfs -o size=16m kaohe-test "$FULL" 2>/dev/null; then
	MOUNTED=$FULL
	export KAOHE_DB=$FULL/kaohe.db
	"$KAOHE" init >/dev/null
	"$KAOHE" contract add "$C" >/dev/null
	TOKEN=$(insurer_token ins-full "$C")
	start_serve srv-full
	# Leave about 2 MiB free: a few 200 KiB submissions fit, then not.
	free_kb=$(df -k "$FULL" | awk 'NR == 2 {print $4}')
	dd if=/dev/zero of="$FULL/filler" bs=1024 count=$((free_kb - 2000)) 2>/dev/null
	run python3 "$CLIENT" fill "$URL/submissions" ca.pem "$TOKEN" "$C" --size 200000 --max 40 --out fill.txt
	expect_rc 0 "submissions until the disk is full"
	stored=$(grep -c '^201 ' fill.txt)
	[ "$stored" -ge 1 ]; ok $? "some submissions fitted ($stored)"
	tail -n 1 fill.txt | grep -q '^507 '; ok $? "then the server answered 507"
	grep -q 'POST /submissions 507' "$SERVE_LOG.err"; ok $? "507 in the log"
	is "$(sql 'SELECT count(*) FROM received_submissions')" "$stored" "every accepted submission is stored, the refused one not"
	grep '^201 ' fill.txt | awk '{print $2, $3}' | sort >want.txt
	sql "SELECT ref, sha256 FROM received_submissions" | tr '|' ' ' | sort >got.txt
	cmp -s want.txt got.txt; ok $? "each receipt's SHA-256 is the stored one"
	python3 - "$KAOHE_DB" <<'EOF' >hash.txt
import hashlib, sqlite3, sys
bad = 0
for ref, sha, body in sqlite3.connect(sys.argv[1]).execute(
        "SELECT ref, sha256, body FROM received_submissions"):
    if hashlib.sha256(body).hexdigest() != sha:
        bad += 1
print(bad)
EOF
	is "$(cat hash.txt)" 0 "every stored body hashes to its SHA-256"
	is "$(sql 'PRAGMA integrity_check')" ok "the database is intact"
	# Room again: the refused body is taken, and the server never stopped.
	rm -f "$FULL/filler"
	KEY=$(sha256sum fill.txt.body | cut -d' ' -f1)
	st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN" \
		-H "Idempotency-Key: $KEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: case-review" \
		-H "X-Kaohe-Period: 2024-03" -H "Content-Type: text/csv" --data-binary @fill.txt.body)
	is "$st" 201 "with room again the refused submission is accepted"
	is "$(sql 'SELECT count(*) FROM received_submissions')" "$((stored + 1))" "and stored once"
	stop_serve
	is "$serve_rc" 0 "serve exits 0"
else
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - disk full # SKIP cannot mount a small tmpfs here (needs root)"
fi

done_testing
