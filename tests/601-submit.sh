#!/bin/sh
# 601-submit: `kaohe submit` against a real HTTPS server on 127.0.0.1
# (tests/helpers/report-server.py) with a certificate from a private CA made
# here: byte-identical delivery, the receipt stored, retries on 503, no
# retry on 400, certificate verification, tokens never on argv nor echoed,
# and no double submission.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
command -v openssl >/dev/null 2>&1 || skip_all "openssl not found"

. "$SRCDIR/tests/helpers/report-server.sh"

requests() { if [ -f "$SD/requests.log" ]; then wc -l <"$SD/requests.log"; else echo 0; fi; }
accepted() { if [ -f "$SD/accepted.log" ]; then wc -l <"$SD/accepted.log"; else echo 0; fi; }
no_token_leak() {   # no_token_leak NAME: the token is in neither out nor err
	if grep -qF -- "$TOKEN" "$WORK/out" "$WORK/err"; then ok 1 "$1"; else ok 0 "$1"; fi
}

"$KAOHE" init >/dev/null

# --- help and refusals before any network ----------------------------------
run "$KAOHE" submit --help
expect_rc 0 "submit --help exits 0"
expect_out "Idempotency-Key" "submit --help names the idempotency key"
expect_out "KAOHE_TOKEN" "submit --help names \$KAOHE_TOKEN"
run "$KAOHE" --lang en submit --help
expect_out "^usage: kaohe submit" "submit --help in English"
run "$KAOHE" help submit
expect_rc 0 "kaohe help submit"

printf 'plain report\n' >r0.txt
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --contract c --report monthly --period 2024-03 --token "$TOKEN"
expect_rc 64 "--token on the command line is refused"
expect_err "token-file" "the refusal says what to use instead"
no_token_leak "the refused token is not echoed"
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --token="$TOKEN"
expect_rc 64 "--token=VALUE is refused"
no_token_leak "--token=VALUE is not echoed"
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --tok="$TOKEN"
expect_rc 64 "an ambiguous --tok=VALUE is refused"
no_token_leak "an ambiguous --tok=VALUE is not echoed"
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --insecure
expect_rc 64 "there is no --insecure"
run "$KAOHE" submit r0.txt --url http://127.0.0.1:9/x --token-file token --contract c --report monthly --period 2024-03
expect_rc 64 "plain http:// is refused"
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --contract c --report monthly --period 2024-03
expect_rc 64 "no token at all is a usage error"
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --token-file token
expect_rc 64 "a file that is not a kaohe report needs --contract/--report/--period"
expect_err "contract" "the message names the missing option"
run "$KAOHE" submit missing.xml --url https://127.0.0.1:9/x --token-file token --contract c --report monthly --period 2024-03
expect_rc 66 "a missing file exits 66"
run "$KAOHE" submit r0.txt --url https://127.0.0.1:9/x --token-file token --contract c --report monthly --period 2024-13
expect_rc 64 "a bad period is refused"

# --- a good submission: byte-identical, receipt stored -----------------------
start_server ok
[ -n "$srv_pid" ] && [ -s "$SD/port" ]; ok $? "the report server listens on 127.0.0.1"
printf 'line one\r\nline two \xe4\xb8\xad\xe6\x96\x87\n\000binary\377tail' >report.bin
KEY=$(sha256sum report.bin | cut -d' ' -f1)
run "$KAOHE" submit report.bin --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-03
expect_rc 0 "submit succeeds against the loopback server"
expect_out "R-000001" "the receipt's ref is printed"
no_token_leak "the token appears in no message"
cmp -s report.bin "$SD/body-1.bin"; ok $? "the body arrived byte-identical"
is "$(requests)" "1" "exactly one request"
is "$(python3 -c 'import json,sys; h=json.loads(open(sys.argv[1]).readline())["headers"]; print(h.get("Idempotency-Key"), h.get("X-Kaohe-Contract"), h.get("X-Kaohe-Report"), h.get("X-Kaohe-Period"), h.get("Content-Type"))' "$SD/requests.log")" \
	"$KEY henan-dbbx-2024 monthly 2024-03 application/octet-stream" \
	"headers: Idempotency-Key = SHA-256, X-Kaohe-*, Content-Type"
grep -q "\"Authorization\": \"Bearer $TOKEN\"" "$SD/requests.log"; ok $? "the bearer token was sent"
is "$(sql "SELECT contract, report, period, submitted_at, accepted, ref, source, idempotency_key FROM submissions")" \
	"henan-dbbx-2024|monthly|2024-03|2024-04-03 10:15:00|1|R-000001|submit|$KEY" \
	"the receipt is stored as a submissions row (server time)"
if sqlite3 "$KAOHE_DB" .dump | grep -qF -- "$TOKEN"; then ok 1 "the token is not in the store"; else ok 0 "the token is not in the store"; fi

# --- no double submission ----------------------------------------------------
run "$KAOHE" submit report.bin --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-03
expect_rc 0 "a file already accepted is not an error"
expect_err "R-000001" "it names the earlier receipt"
is "$(requests)" "1" "a file already accepted is not sent again"
run "$KAOHE" submit report.bin --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-03 --force
expect_rc 0 "--force sends again"
is "$(requests)" "2" "--force made a request"
is "$(accepted)" "1" "the server deduped it by Idempotency-Key"
is "$(sql "SELECT count(*) FROM submissions")" "1" "still one stored submission"

# --- the token from the environment; a wrong token --------------------------
printf 'second report\n' >second.csv
export KAOHE_TOKEN="$TOKEN"
run "$KAOHE" submit second.csv --url "$URL" --cacert ca.pem \
	--contract henan-dbbx-2024 --report case-review --period 2024Q1
expect_rc 0 "\$KAOHE_TOKEN works"
no_token_leak "the environment token appears in no message"
KAOHE_TOKEN=wrong-token
run "$KAOHE" submit r0.txt --url "$URL" --cacert ca.pem \
	--contract henan-dbbx-2024 --report monthly --period 2024-02
expect_rc 69 "a refused token (401) exits 69"
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-02'")" "0" "a 401 stores nothing"
unset KAOHE_TOKEN

# --- certificate verification -----------------------------------------------
before=$(requests)
run "$KAOHE" submit r0.txt --url "$URL" --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-01
expect_rc 69 "a server signed by an unknown CA is refused without --cacert"
expect_err "cacert" "the message points to --cacert"
is "$(requests)" "$before" "nothing reached the server"
run "$KAOHE" submit r0.txt --url "https://localhost:$(cat "$SD/port")/reports" --cacert ca.pem \
	--token-file token --contract henan-dbbx-2024 --report monthly --period 2024-01
expect_rc 69 "a certificate for another name is refused"
run "$KAOHE" submit r0.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-01
expect_rc 0 "the same server is accepted with --cacert"

# --- 503 twice, then success ---------------------------------------------------
start_server busy --fail-503 2
printf 'retry me\n' >retry.txt
run "$KAOHE" submit retry.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-04
expect_rc 0 "two 503 answers then success"
is "$(requests)" "3" "three requests were made"
is "$(accepted)" "1" "one accepted upload"
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-04'")" "1" "one stored submission"
expect_err "503" "the retries are reported"

# --- 503 until the retries run out --------------------------------------------
start_server down --fail-503 100
printf 'case 2024-05\n' >case-2024-05.txt
run "$KAOHE" submit case-2024-05.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-05 --retries 2
expect_rc 75 "still 503 after the retries exits 75"
is "$(requests)" "3" "--retries 2 means three attempts"
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-05'")" "0" "nothing stored"

# --- 400: no retry, nothing stored --------------------------------------------
start_server reject --reject
printf 'case 2024-06\n' >case-2024-06.txt
run "$KAOHE" submit case-2024-06.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-06
expect_rc 65 "a 400 exits 65"
is "$(requests)" "1" "a 400 is not retried"
expect_err "schema check failed" "the server's message is shown"
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-06'")" "0" "a 400 stores nothing"

# --- a receipt that says not accepted; a receipt that is not one ---------------
start_server notaccepted --not-accepted
printf 'case 2024-07\n' >case-2024-07.txt
run "$KAOHE" submit case-2024-07.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-07
expect_rc 65 "accepted=false exits 65"
is "$(sql "SELECT accepted, ref FROM submissions WHERE period = '2024-07'")" "0|R-000001" \
	"a rejected receipt is recorded as not accepted"
start_server garbage --bad-receipt
printf 'case 2024-08\n' >case-2024-08.txt
run "$KAOHE" submit case-2024-08.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-08
expect_rc 69 "an invalid receipt exits 69"
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-08'")" "0" "an invalid receipt stores nothing"

# --- nobody listening: connection refused, retried, then 75 -------------------
port=$(cat "$SD/port")
stop_server
printf 'case 2024-09\n' >case-2024-09.txt
run "$KAOHE" submit case-2024-09.txt --url "https://127.0.0.1:$port/reports" --cacert ca.pem \
	--token-file token --contract henan-dbbx-2024 --report monthly --period 2024-09 --retries 1
expect_rc 75 "connection refused after the retries exits 75"

# --- a kaohe monthly report carries its own contract, report and period --------
sql "INSERT INTO complaints (contract, complaint_id, received_date, category, substantiated)
     VALUES ('henan-dbbx-2024', 'C1', '2024-10-08', 'delay', 'no')"
"$KAOHE" monthly --contract henan-dbbx-2024 --month 2024-10 -o m.xml --no-html >/dev/null
start_server monthly
run "$KAOHE" submit m.xml --url "$URL" --cacert ca.pem --token-file token
expect_rc 0 "a monthly report is submitted without --contract/--report/--period"
cmp -s m.xml "$SD/body-1.bin"; ok $? "the report arrived byte-identical"
is "$(sql "SELECT contract, report, period, source FROM submissions WHERE period = '2024-10'")" \
	"henan-dbbx-2024|monthly|2024-10|submit" "its metadata came from the root element"
grep -q '"Content-Type": "application/xml"' "$SD/requests.log"; ok $? "sent as application/xml"
run "$KAOHE" submit m.xml --url "$URL" --cacert ca.pem --token-file token --period 2024-11
expect_rc 64 "an option contradicting the report is refused"
sed 's/report="monthly"/report="monthly" bogus="1"/' m.xml >bad.xml
run "$KAOHE" submit bad.xml --url "$URL" --cacert ca.pem --token-file token
expect_rc 65 "a monthly report that fails monthly.rng is not sent"
printf '<a><b></a>' >broken.xml
run "$KAOHE" submit broken.xml --url "$URL" --cacert ca.pem --token-file token \
	--contract c --report monthly --period 2024-03
expect_rc 65 "malformed XML is not sent"
is "$(requests)" "1" "neither bad file reached the server"
printf '<!DOCTYPE html>\n<p>an HTML page<br>not XML\n' >page.html
run "$KAOHE" submit page.html --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report annual --period 2024
expect_rc 0 "a non-XML HTML file is sent as it is"
grep -q '"Content-Type": "text/html; charset=utf-8"' "$SD/requests.log"; ok $? "sent as text/html"

done_testing
