#!/bin/sh
# 803-serve-load: 50 concurrent submitters × 20 distinct reports each
# against one `kaohe serve` — 1000 receipts, 1000 stored rows, no
# duplicate ref or key, every stored body hashing to the SHA-256 its
# receipt was given for; then 50 clients sending one same body at the same
# moment: one row, and every one of them gets its receipt.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
. "$SRCDIR/tests/helpers/serve.sh"
have_users || skip_all "kaohe user is not built yet (the auth part of kaohe serve)"
CLIENT=$SRCDIR/tests/helpers/serve-client.py

C=henan-dbbx-2024
"$KAOHE" init >/dev/null
"$KAOHE" contract add "$C" >/dev/null
TOKEN=$(insurer_token ins-load "$C")
[ -n "$TOKEN" ]; ok $? "an insurer token"
start_serve srv
[ -n "$URL" ]; ok $? "serve started"

run python3 "$CLIENT" load "$URL/submissions" ca.pem "$TOKEN" "$C" --clients 50 --each 20 --out load.txt
expect_rc 0 "50 clients × 20 submissions ran"
is "$(wc -l <load.txt | tr -d ' ')" 1000 "1000 answers"
is "$(grep -c '^201 ' load.txt)" 1000 "all 1000 accepted (201)"
is "$(awk '{print $2}' load.txt | sort -u | wc -l | tr -d ' ')" 1000 "1000 distinct refs"
is "$(sql 'SELECT count(*) FROM received_submissions')" 1000 "1000 stored rows"
is "$(sql 'SELECT count(DISTINCT idempotency_key) FROM received_submissions')" 1000 "no duplicate key"
awk '{print $2, $3}' load.txt | sort >want.txt
sql "SELECT ref, sha256 FROM received_submissions" | tr '|' ' ' | sort >got.txt
cmp -s want.txt got.txt; ok $? "each receipt names the stored body's SHA-256"
python3 - "$KAOHE_DB" <<'PY' >hash.txt
import hashlib, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT sha256, idempotency_key, size, body FROM received_submissions").fetchall()
bad = sum(1 for sha, key, size, body in rows
          if hashlib.sha256(body).hexdigest() != sha or sha != key or len(body) != size)
print(len(rows), bad)
PY
is "$(cat hash.txt)" "1000 0" "no lost or altered body (SHA-256 of every stored body)"
is "$(sql "SELECT count(*) FROM audit_log WHERE action = 'receive'")" 1000 "1000 audit entries"
is "$(sql 'PRAGMA integrity_check')" ok "the database is intact"
is "$(grep -c 'POST /submissions 201' "$SERVE_LOG.err")" 1000 "1000 log lines"

# The same body from 50 clients at once: the UNIQUE key decides the race.
run python3 "$CLIENT" same "$URL/submissions" ca.pem "$TOKEN" "$C" --clients 50 --out same.txt
expect_rc 0 "50 clients sent one body at once"
is "$(grep -cE '^20[01] ' same.txt)" 50 "every one got a receipt"
is "$(grep -c '^201 ' same.txt)" 1 "exactly one was the first (201), the rest replays (200)"
is "$(awk '{print $2}' same.txt | sort -u | wc -l | tr -d ' ')" 1 "all with the same ref"
is "$(sql 'SELECT count(*) FROM received_submissions')" 1001 "one row more"
stop_serve
is "$serve_rc" 0 "serve exits 0"

done_testing
