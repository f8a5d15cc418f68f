#!/bin/sh
# 114-submit-hostile: what submit says about answers that are not receipts
# (issue 15) — a 2xx answer larger than the 64 KiB kept is reported as too
# large (it was "not valid JSON", though the JSON was valid), and a body
# that is not JSON says where the JSON parser stopped.  Neither stores
# anything; both exit 69 like any bad receipt.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
command -v openssl >/dev/null 2>&1 || skip_all "openssl not found"

. "$SRCDIR/tests/helpers/report-server.sh"

"$KAOHE" init >/dev/null

start_server huge --huge-receipt
printf 'case 2024-10\n' >case-2024-10.txt
run "$KAOHE" submit case-2024-10.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-10
expect_rc 69 "an oversized receipt exits 69"
expect_err "HTTP 200: 应答过大，不是回执（70[0-9]{3} 字节，上限 64 KiB）" \
	"reported as too large, with its size"
if grep -q "JSON" "$WORK/err"; then ok 1 "not as invalid JSON"; else ok 0 "not as invalid JSON"; fi
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-10'")" "0" "nothing stored"

start_server html --not-json
printf 'case 2024-11\n' >case-2024-11.txt
run "$KAOHE" --lang en submit case-2024-11.txt --url "$URL" --cacert ca.pem --token-file token \
	--contract henan-dbbx-2024 --report monthly --period 2024-11
expect_rc 69 "an HTML answer exits 69"
expect_err "the receipt is not valid JSON \(line 1, column 1: " "says where the JSON stopped"
is "$(sql "SELECT count(*) FROM submissions WHERE period = '2024-11'")" "0" "nothing stored"
stop_server
done_testing
