#!/bin/sh
# 800-serve-cli: `kaohe serve` itself — its options and refusals (plain
# HTTP only on loopback, --cert with --key, files that are not PEM), the
# listening line, HTTPS with a private CA, the security headers on every
# answer, 404/405/401, the body limit (413, declared or chunked), the idle
# connection timeout, one log line per request with no secret in it, and
# SIGTERM/SIGINT exiting 0.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
. "$SRCDIR/tests/helpers/serve.sh"

# --- help and refusals ---------------------------------------------------------------
run "$KAOHE" serve --help
expect_rc 0 "serve --help exits 0"
expect_out "--listen" "serve --help names --listen"
expect_out "--cert" "serve --help names --cert"
run "$KAOHE" --lang en serve --help
expect_out "^usage: kaohe serve" "serve --help in English"
expect_out "reverse proxy" "the English help names the reverse proxy"
run "$KAOHE" help serve
expect_rc 0 "kaohe help serve"

run "$KAOHE" --db "$WORK/none.db" serve
expect_rc 66 "a missing database exits 66"
"$KAOHE" init >/dev/null
run "$KAOHE" serve --listen 0.0.0.0:0
expect_rc 64 "plain HTTP on 0.0.0.0 is refused (64)"
expect_err "--cert" "the refusal says to give --cert/--key"
expect_err "反向代理" "or to listen on loopback behind a reverse proxy"
run "$KAOHE" serve --listen 192.0.2.1:8080
expect_rc 64 "plain HTTP on a non-loopback address is refused"
run "$KAOHE" serve --listen localhost
expect_rc 64 "a listening address without a port is refused"
run "$KAOHE" serve --listen 127.0.0.1:70000
expect_rc 64 "a port above 65535 is refused"
run "$KAOHE" serve --listen 127.0.0.1:0 --cert server.pem
expect_rc 64 "--cert without --key is refused"
run "$KAOHE" serve --listen 127.0.0.1:0 --cert nosuch.pem --key server.key
expect_rc 66 "a missing certificate exits 66"
expect_err "nosuch.pem" "and names it"
printf 'not a certificate\n' >junk.pem
run "$KAOHE" serve --listen 127.0.0.1:0 --cert junk.pem --key server.key
expect_rc 65 "a certificate that is not PEM exits 65"
run "$KAOHE" serve --threads 0
expect_rc 64 "--threads 0 is refused"
run "$KAOHE" serve --max-body 0
expect_rc 64 "--max-body 0 is refused"
run "$KAOHE" serve extra
expect_rc 64 "an operand is refused"

# --- plain HTTP on loopback -------------------------------------------------------
"$KAOHE" serve --listen 127.0.0.1:0 >plain.out 2>plain.err &
serve_pid=$!
n=0
while [ ! -s plain.out ] && [ $n -lt 1000 ]; do sleep 0.02; n=$((n + 1)); done
PURL=$(head -n 1 plain.out | awk '{print $NF}')
grep -qE '^kaohe: 正在监听 http://127\.0\.0\.1:[0-9]+$' plain.out; ok $? "the first line: kaohe: 正在监听 http://127.0.0.1:PORT"
is "$(curl -s "$PURL/healthz")" ok "GET /healthz over plain HTTP on loopback"
curl -s -o /dev/null -H 'X-Real-IP: 203.0.113.7' -H 'X-Forwarded-Proto: https' "$PURL/static-bench"
stop_serve INT
is "$serve_rc" 0 "SIGINT: exits 0"
grep -q ' 203\.0\.113\.7 GET /static-bench 200 ' plain.err; ok $? "behind a proxy on loopback, X-Real-IP is the remote in the log"

KAOHE_LANG=en "$KAOHE" serve --listen 127.0.0.1:0 >en.out 2>en.err &
serve_pid=$!
n=0
while [ ! -s en.out ] && [ $n -lt 1000 ]; do sleep 0.02; n=$((n + 1)); done
grep -qE '^kaohe: listening on http://127\.0\.0\.1:[0-9]+$' en.out; ok $? "in English: kaohe: listening on URL"
stop_serve

# --- HTTPS ----------------------------------------------------------------------------
start_serve srv --max-body 1 --timeout 2
case $URL in https://127.0.0.1:[0-9]*) ok 0 "HTTPS: the URL is printed first" ;;
	*) ok 1 "HTTPS: the URL is printed first"; diag "$(cat "$SERVE_LOG.out" "$SERVE_LOG.err")" ;; esac
PORT=${URL##*:}
is "$(curl -s --cacert ca.pem "$URL/healthz")" ok "GET /healthz over HTTPS, verified with the private CA"
is "$(curl -s --cacert ca.pem "https://localhost:$PORT/healthz")" ok "the certificate also names localhost"
curl -s -o /dev/null "$URL/healthz"
[ $? -ne 0 ]; ok $? "without the CA the certificate is not trusted"
curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"
[ $? -ne 0 ] || [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")" != 200 ]
ok $? "plain HTTP on the HTTPS port gets no page"

curl -s --cacert ca.pem -D headers -o /dev/null "$URL/healthz"
for h in "X-Content-Type-Options: nosniff" "X-Frame-Options: DENY" \
	"Content-Security-Policy: default-src 'self'" "Cache-Control: no-store" \
	"Strict-Transport-Security: max-age="; do
	grep -qiF "$h" headers; ok $? "header $h"
done
curl -s --cacert ca.pem -D headers2 -o /dev/null -H 'X-Real-IP: 203.0.113.7' "$URL/static-bench"
grep -qi "^Cache-Control: public" headers2; ok $? "a static page keeps its own Cache-Control"
grep -qi "^X-Content-Type-Options: nosniff" headers2; ok $? "and still carries the security headers"
is "$(curl -s --cacert ca.pem -I -o /dev/null -w '%{http_code}' "$URL/healthz")" 200 "HEAD /healthz"

is "$(http_status GET "$URL/no/such/page")" 404 "an unknown path: 404"
grep -q '没有这个页面' body; ok $? "a Chinese error page"
is "$(http_status GET "$URL/no/such/page" -H 'Accept: application/json')" 404 "404 asked as JSON"
grep -q '"error": "not-found"' body; ok $? "a JSON error"
is "$(http_status POST "$URL/healthz")" 405 "POST to a GET route: 405"
is "$(http_status POST "$URL/submissions" -H 'Authorization: Bearer secret-in-header-xyz' --data-binary x)" 401 "an unknown token: 401"
grep -q '"error": "unauthorized"' body; ok $? "a JSON 401"
curl -s --cacert ca.pem -D h401 -o /dev/null -X POST "$URL/submissions" --data-binary x
grep -qi '^WWW-Authenticate: Bearer' h401; ok $? "401 names the Bearer scheme"

# The body limit (--max-body 1: 1 MiB), declared or chunked.
head -c 2097152 /dev/zero >big.bin
is "$(http_status POST "$URL/submissions" -H 'Authorization: Bearer x' --data-binary @big.bin)" 413 "a 2 MiB body (Content-Length): 413"
grep -q '"error": "too-large"' body; ok $? "named too-large"
is "$(http_status POST "$URL/submissions" -H 'Authorization: Bearer x' -H 'Transfer-Encoding: chunked' --data-binary @big.bin)" 413 "a 2 MiB chunked body: 413"
is "$(curl -s --cacert ca.pem "$URL/healthz")" ok "the server still answers"

# An idle connection is closed after --timeout (2 s); the client waits
# as long as it takes.
python3 - "$PORT" <<'EOF' >idle.out
import socket, ssl, sys
ctx = ssl.create_default_context(cafile="ca.pem")
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))),
                    server_hostname="127.0.0.1")
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")   # never finished
s.settimeout(600)
try:
    data = s.recv(1000)
except (ssl.SSLError, OSError):
    data = b""
print("closed" if not data or b" 408 " in data or b"HTTP/1.1" not in data else data[:40])
EOF
is "$(cat idle.out)" closed "an idle half-sent request is closed by the server"

# The log: one line per request, no header value.
stop_serve
is "$serve_rc" 0 "SIGTERM: exits 0"
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z 127\.0\.0\.1 GET /healthz 200 3 [0-9]+ms$' "$SERVE_LOG.err"
ok $? "log line: time remote method path status bytes ms"
grep -qE ' GET /no/such/page 404 ' "$SERVE_LOG.err"; ok $? "the 404 is logged"
grep -qE ' POST /submissions 413 ' "$SERVE_LOG.err"; ok $? "the 413 is logged"
grep -q ' 127\.0\.0\.1 GET /static-bench 200 ' "$SERVE_LOG.err"; ok $? "an HTTPS server ignores X-Real-IP"
if grep -q 'secret-in-header-xyz' "$SERVE_LOG.err"; then ok 1 "no Authorization value in the log"; else ok 0 "no Authorization value in the log"; fi
grep -q '已停止' "$SERVE_LOG.err"; ok $? "the stop is logged"
is "$(sql 'SELECT count(*) FROM received_submissions')" 0 "nothing stored by refused requests"

# IPv6 loopback, when the machine has it.
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
	"$KAOHE" serve --listen '[::1]:0' >v6.out 2>v6.err &
	serve_pid=$!
	n=0
	while [ ! -s v6.out ] && [ $n -lt 1000 ]; do sleep 0.02; n=$((n + 1)); done
	V6=$(head -n 1 v6.out | awk '{print $NF}')
	is "$(curl -s -g "$V6/healthz")" ok "plain HTTP on [::1] (loopback)"
	stop_serve
else
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - IPv6 loopback # SKIP no ::1 here"
fi

done_testing
