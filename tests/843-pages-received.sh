#!/bin/sh
# 843-pages-received: a monthly report received by kaohe serve (POST
# /submissions with the insurer's API token) shows on the submissions page
# with its receipt and SHA-256, and downloads byte for byte as it arrived
# — for its own insurer and the regulator only: another insurer guessing
# the receipt's URL gets 404.  Setup: tests/helpers/pages-lib.sh.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/pages-lib.sh"
command -v curl >/dev/null || skip_all "curl is not installed"

pages_setup
C=henan-dbbx-2024
"$KAOHE" monthly --contract $C --month 2024-06 -o "$WORK/m.xml" >/dev/null 2>&1
[ -s "$WORK/m.xml" ]; ok $? "the 2024-06 monthly report"
TOKEN=$("$KAOHE" user token ins-hn 2>/dev/null)
[ -n "$TOKEN" ]; ok $? "an API token for ins-hn"
SUM=$(sha256sum "$WORK/m.xml" | cut -d' ' -f1)
serve_start
code=$(curl -s -o "$WORK/receipt" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
	-H "Idempotency-Key: $SUM" -H "X-Kaohe-Contract: $C" -H "X-Kaohe-Report: monthly" \
	-H "X-Kaohe-Period: 2024-06" -H "Content-Type: application/xml" \
	--data-binary "@$WORK/m.xml" "$BASE/submissions")
case $code in 200|201) ok 0 "received ($code)" ;; *) ok 1 "received (got $code: $(cat "$WORK/receipt"))" ;; esac
REF=$(sed -n 's/.*"ref" *: *"\([^"]*\)".*/\1/p' "$WORK/receipt")
[ -n "$REF" ]; ok $? "a receipt ref ($REF)"

for u in reg ins-hn ins-ly; do login $u; done
get ins-hn /submissions
is "$code" 200 "the insurer's submissions page"
in_page "href=\"/submissions/$REF\"" "the received body is listed by its ref"
in_page "$SUM" "... with its SHA-256"
in_page '本系统接收' "the submissions row it made reads 本系统接收"
get ins-hn "/submissions/$REF"
is "$code" 200 "its body downloads"
cmp -s "$WORK/page" "$WORK/m.xml"; ok $? "... byte for byte as it arrived"
grep -qi '^content-disposition: attachment' "$WORK/headers"; ok $? "... as an attachment, never inline"
get reg "/submissions/$REF"
is "$code" 200 "the regulator downloads it too"
get ins-ly "/submissions/$REF"
is "$code" 404 "another insurer guessing the ref: 404"
get ins-ly /submissions
not_in_page "$REF" "... and it is not on that insurer's page"
get reg /submissions/R-999999
is "$code" 404 "an unknown ref: 404"
done_testing
