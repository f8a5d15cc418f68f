#!/bin/sh
# 801-serve-submit: `kaohe submit` against `kaohe serve` over HTTPS with a
# private CA — the receipt stored on both sides, the body byte-identical
# with its SHA-256, the report indicator judging the received report at
# once, a repeated key answered with the original receipt and nothing new
# stored, the server's own schema check (422 → submit exits 65), every
# refusal (no/wrong/revoked token 401, another insurer's contract 403,
# malformed headers 400, unknown contract 422) storing nothing, and a
# restart losing nothing.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
command -v xmllint >/dev/null 2>&1 || skip_all "xmllint not found"
. "$SRCDIR/tests/helpers/serve.sh"
have_users || skip_all "kaohe user is not built yet (the auth part of kaohe serve)"

C=henan-dbbx-2024
OTHER=kaifeng-dae-2024
SRV=$WORK/srv.db
CLI=$WORK/cli.db
for db in "$SRV" "$CLI"; do
	KAOHE_DB=$db "$KAOHE" init >/dev/null
	KAOHE_DB=$db "$KAOHE" contract add "$C" >/dev/null
	KAOHE_DB=$db "$KAOHE" contract add "$OTHER" >/dev/null
	KAOHE_DB=$db "$KAOHE" import activities --contract "$C" \
		"$SRCDIR/data/samples/$C/activities.csv" >/dev/null
done
export KAOHE_DB=$SRV
srv() { sqlite3 -batch "$SRV" "$1"; }
cli() { sqlite3 -batch "$CLI" "$1"; }

TOKEN_A=$(insurer_token ins-a "$C")
[ -n "$TOKEN_A" ]; ok $? "an insurer token for $C"
TOKEN_B=$(insurer_token ins-b "$OTHER")
[ -n "$TOKEN_B" ]; ok $? "an insurer token for $OTHER"
printf '%s\n' "$TOKEN_A" >token-a
printf '%s\n' "$TOKEN_B" >token-b
chmod 600 token-a token-b

# The server's clock says the March report arrived on 2024-04-03, on time
# (due 04-05, rolled over to 04-07 by Qingming).
KAOHE_NOW='2024-04-03 10:15:00' start_serve srv
case $URL in https://127.0.0.1:[0-9]*) ok 0 "serve prints its https URL first" ;;
	*) ok 1 "serve prints its https URL first"; diag "$(cat "$SERVE_LOG.out" "$SERVE_LOG.err")" ;; esac

KAOHE_DB=$CLI "$KAOHE" monthly --contract "$C" --month 2024-03 -o m.xml >/dev/null 2>&1
KEY=$(sha256sum m.xml | cut -d' ' -f1)

# --- the end-to-end submission -------------------------------------------------
run env KAOHE_DB="$CLI" "$KAOHE" submit m.xml --url "$URL/submissions" --cacert ca.pem --token-file token-a
expect_rc 0 "kaohe submit to kaohe serve succeeds"
expect_out "R-000001" "the receipt's ref is printed"
is "$(cli "SELECT contract, report, period, submitted_at, accepted, ref, source, idempotency_key FROM submissions")" \
	"$C|monthly|2024-03|2024-04-03 10:15:00|1|R-000001|submit|$KEY" \
	"the client stored the receipt"
is "$(srv "SELECT ref, idempotency_key, contract, report, period, content_type, sha256, size, received_at, received_by FROM received_submissions")" \
	"R-000001|$KEY|$C|monthly|2024-03|application/xml|$KEY|$(wc -c <m.xml)|2024-04-03 10:15:00|ins-a" \
	"the server stored the body's row"
srv "SELECT writefile('$WORK/stored.xml', body) FROM received_submissions WHERE ref = 'R-000001'" >/dev/null
cmp -s m.xml stored.xml; ok $? "the stored body is byte-identical"
is "$(srv "SELECT contract, report, period, submitted_at, accepted, ref, source, idempotency_key FROM submissions")" \
	"$C|monthly|2024-03|2024-04-03 10:15:00|1|R-000001|serve|$KEY" \
	"the server recorded a submissions row (source serve)"
is "$(srv "SELECT who, action, contract, period, subject FROM audit_log WHERE action = 'receive'")" \
	"ins-a|receive|$C|2024-03|R-000001" "the audit log has the receipt"
if srv .dump | grep -qF -- "$TOKEN_A"; then ok 1 "no token in the server's store"; else ok 0 "no token in the server's store"; fi
if grep -qF -- "$TOKEN_A" "$SERVE_LOG.err" "$SERVE_LOG.out"; then ok 1 "no token in the server's log"; else ok 0 "no token in the server's log"; fi
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\.0\.0\.1 POST /submissions 201 [0-9]+ [0-9]+ms$' "$SERVE_LOG.err"
ok $? "one log line: time remote method path status bytes ms"

# The report indicator judges the received report at once.
run "$KAOHE" report --contract "$C" --period 2024-03 --as-of 2024-04-30 --format xml -o card.xml
expect_rc 0 "the server's database scores March"
is "$(xmllint --xpath "string(//*[local-name()='indicator'][@id='report.monthly']/@status)" card.xml)" \
	pass "report.monthly passes on the received report"

# --- the same body again: the original receipt, nothing new ------------------
run env KAOHE_DB="$CLI" "$KAOHE" submit m.xml --url "$URL/submissions" --cacert ca.pem --token-file token-a --force
expect_rc 0 "a repeated key is accepted again (--force)"
expect_out "R-000001" "with the original receipt"
st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" \
	-H "Idempotency-Key: $KEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: monthly" \
	-H "X-Kaohe-Period: 2024-03" -H "Content-Type: application/xml" --data-binary @m.xml)
is "$st" 200 "a replay answers 200"
grep -q '"ref": "R-000001"' body; ok $? "a replay carries the original ref"
grep -q '"received_at": "2024-04-03 10:15:00"' body; ok $? "and the original time"
is "$(srv "SELECT count(*) FROM received_submissions") $(srv "SELECT count(*) FROM submissions") $(srv "SELECT count(*) FROM audit_log WHERE action = 'receive'")" \
	"1 1 1" "one row, one submission, one audit entry"
st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" \
	-H "Idempotency-Key: $KEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: monthly" \
	-H "X-Kaohe-Period: 2024-02" -H "Content-Type: application/xml" --data-binary @m.xml)
is "$st" 409 "the same body as another period: 409"

# --- the server's schema check -------------------------------------------------
# kaohe submit validates before sending; a client that does not is refused.
sed 's/period="2024-03"/period="2024-03" bogus="1"/' m.xml >bad.xml
BADKEY=$(sha256sum bad.xml | cut -d' ' -f1)
st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" \
	-H "Idempotency-Key: $BADKEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: monthly" \
	-H "X-Kaohe-Period: 2024-03" -H "Content-Type: application/xml" --data-binary @bad.xml)
is "$st" 422 "a report that fails monthly.rng: 422"
grep -q '"error": "invalid-report"' body; ok $? "the error code is invalid-report"
grep -q 'bogus' body; ok $? "the message names what is wrong (the bogus attribute)"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' body; ok $? "the error is valid JSON"
run env KAOHE_DB="$CLI" "$KAOHE" submit bad.xml --url "$URL/submissions" --cacert ca.pem --token-file token-a
expect_rc 65 "kaohe submit refuses the invalid report itself (65)"
# An XML body sent as a monthly report that is not one gets past the
# client's check (not a kaohe report) and is rejected by the server.
printf '<?xml version="1.0"?>\n<report><month>2024-02</month></report>\n' >plain.xml
run env KAOHE_DB="$CLI" "$KAOHE" submit plain.xml --url "$URL/submissions" --cacert ca.pem --token-file token-a \
	--contract "$C" --report monthly --period 2024-02
expect_rc 65 "a body the server rejects (422) makes submit exit 65"
expect_err "422" "submit reports the 422"
expect_err "not-a-monthly-report" "with the server's reason"
printf 'not <xml at all' >notxml.xml
NKEY=$(sha256sum notxml.xml | cut -d' ' -f1)
st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" \
	-H "Idempotency-Key: $NKEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: case-review" \
	-H "X-Kaohe-Period: 2024Q1" -H "Content-Type: application/xml" --data-binary @notxml.xml)
is "$st" 422 "Content-Type XML with a body that is not: 422"
grep -q '"error": "not-xml"' body; ok $? "named not-xml"
is "$(srv "SELECT count(*) FROM received_submissions")" 1 "nothing rejected was stored"

# --- a non-XML report is stored as it is --------------------------------------
printf '%%PDF-1.4\n\000\377binary\r\ncase review\n' >review.pdf
run env KAOHE_DB="$CLI" "$KAOHE" submit review.pdf --url "$URL/submissions" --cacert ca.pem --token-file token-a \
	--contract "$C" --report case-review --period 2024Q1
expect_rc 0 "a PDF case review is accepted"
expect_out "R-000002" "as R-000002"
srv "SELECT writefile('$WORK/stored.pdf', body) FROM received_submissions WHERE ref = 'R-000002'" >/dev/null
cmp -s review.pdf stored.pdf; ok $? "binary body stored byte-identical"
is "$(srv "SELECT content_type, period FROM received_submissions WHERE ref = 'R-000002'")" \
	"application/pdf|2024Q1" "its type and period"

# --- who may send ---------------------------------------------------------------
printf 'feb\n' >feb.csv
post_feb() {   # post_feb AUTH-HEADER...: POST feb.csv as 2024-02 monthly of C
	http_status POST "$URL/submissions" "$@" \
		-H "Idempotency-Key: $(sha256sum feb.csv | cut -d' ' -f1)" -H "X-Kaohe-Contract: $C" \
		-H "X-Kaohe-Report: case-review" -H "X-Kaohe-Period: 2024-02" -H "Content-Type: text/csv" \
		--data-binary @feb.csv
}
is "$(post_feb)" 401 "no token: 401"
grep -q '"error": "unauthorized"' body; ok $? "a JSON 401"
is "$(post_feb -H "Authorization: Bearer wrong-$TOKEN_A")" 401 "a wrong token: 401"
is "$(post_feb -H "Authorization: Basic $TOKEN_A")" 401 "not a bearer: 401"
printf 'wrong-token\n' >token-wrong
chmod 600 token-wrong
run env KAOHE_DB="$CLI" "$KAOHE" submit feb.csv --url "$URL/submissions" --cacert ca.pem --token-file token-wrong \
	--contract "$C" --report case-review --period 2024-02
expect_rc 69 "kaohe submit with a wrong token exits 69"
is "$(post_feb -H "Authorization: Bearer $TOKEN_B")" 403 "insurer B's token for A's contract: 403"
grep -q '"error": "contract-not-yours"' body; ok $? "named contract-not-yours"
run env KAOHE_DB="$CLI" "$KAOHE" submit feb.csv --url "$URL/submissions" --cacert ca.pem --token-file token-b \
	--contract "$C" --report case-review --period 2024-02
expect_rc 69 "kaohe submit with another insurer's token exits 69"
REVOKED=$(insurer_token ins-a "$C")
is "$(post_feb -H "Authorization: Bearer $REVOKED")" 201 "a second token of A works"
revoke_token ins-a "$REVOKED"
printf 'feb again\n' >feb.csv
is "$(post_feb -H "Authorization: Bearer $REVOKED")" 401 "once revoked: 401"
is "$(post_feb -H "Authorization: Bearer $TOKEN_A")" 201 "A's first token still works"

# --- malformed requests: 400 with a JSON error naming what is wrong -------------
printf 'march case review\n' >x.csv
XKEY=$(sha256sum x.csv | cut -d' ' -f1)
bad_request() {   # bad_request WANT-STATUS WANT-CODE NAME CURL-ARGS...
	want=$1 code=$2 name=$3
	shift 3
	st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" "$@")
	is "$st" "$want" "$name: $want"
	grep -q "\"error\": \"$code\"" body; ok $? "$name: error $code"
}
H_C="X-Kaohe-Contract: $C"
H_R="X-Kaohe-Report: case-review"
H_P="X-Kaohe-Period: 2024-03"
H_T="Content-Type: text/csv"
bad_request 400 missing-header "no Idempotency-Key" -H "$H_C" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv
bad_request 400 missing-header "no X-Kaohe-Contract" -H "Idempotency-Key: $XKEY" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv
bad_request 400 missing-header "no X-Kaohe-Period" -H "Idempotency-Key: $XKEY" -H "$H_C" -H "$H_R" -H "$H_T" --data-binary @x.csv
bad_request 400 bad-idempotency-key "an upper-case key" -H "Idempotency-Key: $(echo "$XKEY" | tr a-f A-F)" -H "$H_C" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv
bad_request 400 bad-idempotency-key "a short key" -H "Idempotency-Key: abc123" -H "$H_C" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv
bad_request 400 key-mismatch "a key of another body" -H "Idempotency-Key: $KEY" -H "$H_C" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv
bad_request 400 bad-period "period 2024-13" -H "Idempotency-Key: $XKEY" -H "$H_C" -H "$H_R" -H "X-Kaohe-Period: 2024-13" -H "$H_T" --data-binary @x.csv
bad_request 400 empty-body "an empty body" -H "Idempotency-Key: $(printf '' | sha256sum | cut -d' ' -f1)" -H "$H_C" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary ''
bad_request 403 contract-not-yours "a contract not bound to the token" -H "Idempotency-Key: $XKEY" -H "X-Kaohe-Contract: nosuch" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv
# An insurer bound to a contract the server's database does not hold:
# kaohe user refuses to bind one, so the binding is added behind its back.
srv "INSERT INTO user_contracts (user_id, contract) SELECT id, 'zhengzhou-dae-2025' FROM users WHERE name = 'ins-a'"
st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" \
	-H "Idempotency-Key: $XKEY" -H "X-Kaohe-Contract: zhengzhou-dae-2025" -H "$H_R" -H "$H_P" -H "$H_T" --data-binary @x.csv)
is "$st" 422 "a contract the server does not know: 422"
grep -q '"error": "unknown-contract"' body; ok $? "named unknown-contract"
is "$(srv "SELECT count(*) FROM received_submissions")" 4 "only the four accepted bodies are stored"
st=$(http_status GET "$URL/submissions" -H "Authorization: Bearer $TOKEN_A")
case $st in 303|401|404|405) ok 0 "GET /submissions with a token is not the receiving end ($st)" ;;
	*) ok 1 "GET /submissions with a token is not the receiving end ($st)" ;; esac

# --- a restart loses nothing ------------------------------------------------------
stop_serve
is "$serve_rc" 0 "SIGTERM: serve exits 0"
KAOHE_NOW='2024-04-03 11:00:00' start_serve srv2
st=$(http_status POST "$URL/submissions" -H "Authorization: Bearer $TOKEN_A" \
	-H "Idempotency-Key: $KEY" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: monthly" \
	-H "X-Kaohe-Period: 2024-03" -H "Content-Type: application/xml" --data-binary @m.xml)
is "$st" 200 "after a restart the key is still known"
grep -q '"ref": "R-000001"' body; ok $? "with the original receipt"
is "$(srv "SELECT count(*) FROM received_submissions")" 4 "nothing lost, nothing added"
is "$(srv 'PRAGMA integrity_check')" ok "the database is intact"
stop_serve

done_testing
