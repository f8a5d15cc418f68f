#!/bin/sh
# 821-serve-auth: every role boundary of `kaohe serve` with a request that
# must be refused — pages without a session go to /login (303), the API
# without a valid token answers 401 (missing, unknown, revoked, disabled),
# an insurer's token on another insurer's contract 403, a role on another
# role's route 403, a form without or with the wrong CSRF token 403, another
# insurer's token cannot be revoked — and what a login must be: the cookie's
# flags, a new session id at each login (no fixation), ?next= only to a
# local path, the same answer for an unknown name and a wrong password,
# 429 with Retry-After after 5 failures, logout, a session that survives a
# restart and ends after 8 hours idle ($KAOHE_NOW), and the audit trail.
# Plain HTTP on 127.0.0.1 with a port the server picks.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
command -v curl >/dev/null 2>&1 || skip_all "curl not found"

SPID=""
stop_server() {
	if [ -n "$SPID" ]; then
		kill -TERM "$SPID" 2>/dev/null
		wait "$SPID" 2>/dev/null
		SPID=""
	fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server [VAR=VALUE...]: kaohe serve on 127.0.0.1, a port it picks;
# $URL is where it listens.  Waits for the listening line while the
# process lives (no clock).
start_server() {
	: >"$WORK/serve.out"
	# shellcheck disable=SC2086
	env "$@" "$KAOHE" serve --listen 127.0.0.1:0 ${SERVE_ARGS:-} >"$WORK/serve.out" 2>>"$WORK/serve.err" &
	SPID=$!
	while kill -0 "$SPID" 2>/dev/null && ! grep -q '://' "$WORK/serve.out"; do
		sleep 0.05
	done
	URL=$(sed -n 's|.* \(https\{0,1\}://[^ ]*\)$|\1|p' "$WORK/serve.out" | head -n 1)
	[ -n "$URL" ]
}

# req METHOD PATH [CURL-ARGS...]: $code, headers in $WORK/h, body in $WORK/b.
req() {
	_m=$1 _p=$2
	shift 2
	code=$(curl -s -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' -X "$_m" "$@" "$URL$_p")
}
hdr() { grep -i "^$1:" "$WORK/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
has() { grep -qE -- "$1" "$WORK/$2"; }
# login NAME PASSWORD JAR [CURL-ARGS...]
login() {
	_n=$1 _pw=$2 _jar=$3
	shift 3
	req POST /login -c "$_jar" --data-urlencode "name=$_n" --data-urlencode "password=$_pw" "$@"
}
csrf_of() {   # csrf_of JAR: the CSRF token from /account
	curl -s -b "$1" "$URL/account" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1
}

"$KAOHE" init >/dev/null 2>&1
"$KAOHE" contract add henan-dbbx-2024 >/dev/null 2>&1
"$KAOHE" contract add luoyang-zgyb-2024 >/dev/null 2>&1
printf 'pingan-password\n' >pa
printf 'renshou-password\n' >pb
printf 'regulator-password\n' >pr
printf 'panel-password\n' >pp
chmod 600 pa pb pr pp
"$KAOHE" user add pingan --role insurer --contract henan-dbbx-2024 --password-file pa 2>/dev/null
"$KAOHE" user add renshou --role insurer --contract luoyang-zgyb-2024 --password-file pb 2>/dev/null
"$KAOHE" user add zhang --role regulator --password-file pr 2>/dev/null
"$KAOHE" user add wang --role panel --password-file pp 2>/dev/null
TOKEN_A=$("$KAOHE" user token pingan --label a 2>/dev/null)
TOKEN_B=$("$KAOHE" user token renshou --label b 2>/dev/null)
TOKEN_B2=$("$KAOHE" user token renshou --label b2 2>/dev/null)

start_server KAOHE_NOW="2026-03-02 09:00:00"
ok $? "the server starts on 127.0.0.1 with a port of its own"

# --- no session, no token ----------------------------------------------------
req GET /account
is "$code" "303" "a page without a session: 303"
case $(hdr Location) in /login\?next=*) ok 0 "… to /login?next=";;
	*) ok 1 "… to /login?next="; diag "$(hdr Location)";; esac
req GET /login
is "$code" "200" "the login page is public"
has 'name="password"' b; ok $? "it has the password field"
is "$(hdr Content-Security-Policy)" "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" \
	"the login page loads nothing from outside"

submit() {   # submit TOKEN CONTRACT [KEY]
	printf '<report>%s</report>\n' "$2" >"$WORK/body.xml"
	_key=${3:-$(sha256sum "$WORK/body.xml" | cut -d' ' -f1)}
	req POST /submissions -H "Authorization: Bearer $1" -H "Idempotency-Key: $_key" \
		-H "X-Kaohe-Contract: $2" -H "X-Kaohe-Report: monthly" -H "X-Kaohe-Period: 2026-02" \
		-H "Content-Type: application/xml" -H "Accept: application/json" \
		--data-binary @"$WORK/body.xml"
}
req POST /submissions -H "Content-Type: application/xml" --data-binary '<x/>'
is "$code" "401" "the API without a token: 401"
has '"error"' b; ok $? "… with a JSON error"
case $(hdr WWW-Authenticate) in Bearer*) ok 0 "… and WWW-Authenticate: Bearer";;
	*) ok 1 "… and WWW-Authenticate: Bearer";; esac
submit "kh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" henan-dbbx-2024
is "$code" "401" "an unknown token: 401"
submit "not-a-token" henan-dbbx-2024
is "$code" "401" "a malformed token: 401"
submit "$TOKEN_A" henan-dbbx-2024
case $code in 401|403) ok 1 "insurer A's token on its own contract passes the auth checks"
	diag "$code $(cat "$WORK/b")";;
	*) ok 0 "insurer A's token on its own contract passes the auth checks";; esac
submit "$TOKEN_A" luoyang-zgyb-2024
is "$code" "403" "insurer A's token on insurer B's contract: 403"
has '"contract-not-yours"' b; ok $? "… saying the contract is not its own"
"$KAOHE" user revoke 2 2>/dev/null
submit "$TOKEN_B" luoyang-zgyb-2024
is "$code" "401" "a revoked token: 401"
if grep -qF -- "$TOKEN_A" "$WORK/serve.err"; then ok 1 "no token in the server's log"
else ok 0 "no token in the server's log"; fi

# --- logins -----------------------------------------------------------------------
login ghost 'any-password-1' j0
is "$code" "401" "an unknown name: 401"
cp "$WORK/b" "$WORK/unknown.html"
login zhang 'wrong-password' j0
is "$code" "401" "a wrong password: 401"
if cmp -s "$WORK/b" "$WORK/unknown.html"; then ok 0 "the same body for an unknown name and a wrong password"
else ok 1 "the same body for an unknown name and a wrong password"; diff "$WORK/b" "$WORK/unknown.html" | head -5 | sed 's/^/# /'; fi
[ -z "$(hdr Set-Cookie)" ]; ok $? "a refused login sets no cookie"

login zhang 'regulator-password' jr -b "kaohe_session=AttackerChosenSessionIdAAAAAAAAAAAAAAAAAAAAA" \
	--data-urlencode "next=/account"
is "$code" "303" "the right password: 303"
is "$(hdr Location)" "/account" "… to ?next= (a local path)"
COOKIE=$(hdr Set-Cookie)
case $COOKIE in *"; HttpOnly"*) ok 0 "the cookie is HttpOnly";; *) ok 1 "the cookie is HttpOnly"; diag "$COOKIE";; esac
case $COOKIE in *"; SameSite=Strict"*) ok 0 "the cookie is SameSite=Strict";; *) ok 1 "the cookie is SameSite=Strict";; esac
case $COOKIE in *"; Path=/"*) ok 0 "the cookie's Path is /";; *) ok 1 "the cookie's Path is /";; esac
case $COOKIE in *Secure*) ok 1 "no Secure flag on plain HTTP (loopback behind a proxy)";;
	*) ok 0 "no Secure flag on plain HTTP (loopback behind a proxy)";; esac
case $COOKIE in kaohe_session=AttackerChosen*) ok 1 "a new session id, not the one the browser sent";;
	kaohe_session=*) ok 0 "a new session id, not the one the browser sent";; esac
SID=$(printf '%s' "$COOKIE" | sed 's/^kaohe_session=\([^;]*\);.*/\1/')
HASH=$(printf '%s' "$SID" | sha256sum | cut -d' ' -f1)
is "$(sql "SELECT count(*) FROM sessions WHERE sha256 = '$HASH'")" "1" "only the session id's SHA-256 is stored"
is "$(sql "SELECT count(*) FROM sessions WHERE sha256 = '$SID'")" "0" "… never the id itself"

req GET /account -b jr
is "$code" "200" "the regulator's account page"
has '<td id="role">医保局</td>' b; ok $? "… names the role"
has '全部合同' b; ok $? "… and every contract"

for next in //evil.example/x 'https://evil.example/' '/\evil.example' 'javascript:alert(1)'; do
	login zhang 'regulator-password' jx --data-urlencode "next=$next"
	is "$(hdr Location)" "/" "?next=$next is not followed"
done
login zhang 'regulator-password' jx -H "Origin: http://evil.example"
is "$code" "403" "a login form posted from another site: 403"
login zhang 'regulator-password' jx -H "Origin: http://127.0.0.1.evil.example"
is "$code" "403" "… also one whose name starts like ours"
login zhang 'regulator-password' jx -H "Origin: ${URL%:*}:1"
is "$code" "303" "a login posted from our own host (another port: a proxy's) is let in"

# --- CSRF and roles on forms -----------------------------------------------------
login pingan 'pingan-password' ja
CSRF_A=$(csrf_of ja)
is "${#CSRF_A}" "64" "the account page carries a 64-digit CSRF token"
req POST /account/tokens -b ja --data-urlencode "label=web"
is "$code" "403" "a form without the CSRF token: 403"
req POST /account/tokens -b ja --data-urlencode "label=web" \
	--data-urlencode "csrf=0000000000000000000000000000000000000000000000000000000000000000"
is "$code" "403" "a form with a wrong CSRF token: 403"
CSRF_R=$(csrf_of jr)
req POST /account/tokens -b ja --data-urlencode "label=web" --data-urlencode "csrf=$CSRF_R"
is "$code" "403" "another session's CSRF token: 403"
req POST /account/tokens -b jr --data-urlencode "label=web" --data-urlencode "csrf=$CSRF_R"
is "$code" "403" "a regulator on an insurer's route (new token): 403"
is "$(sql "SELECT count(*) FROM api_tokens")" "3" "nothing was created by the refused forms"
req POST /account/tokens -b ja --data-urlencode "label=<b>web</b>" --data-urlencode "csrf=$CSRF_A"
is "$code" "200" "the insurer makes a token with its CSRF token"
NEW=$(sed -n 's/.*id="new-token">\(kh_[A-Za-z0-9_-]*\)<.*/\1/p' "$WORK/b")
is "${#NEW}" "46" "the new token is shown"
has '&lt;b&gt;web&lt;/b&gt;' b; ok $? "the label is escaped"
req GET /account -b ja
if grep -qF -- "$NEW" "$WORK/b"; then ok 1 "the token is shown only once"; else ok 0 "the token is shown only once"; fi
NEW_ID=$(sql "SELECT id FROM api_tokens WHERE label = '<b>web</b>'")
login renshou 'renshou-password' jb
CSRF_B=$(csrf_of jb)
req POST /account/tokens/revoke -b jb --data-urlencode "id=$NEW_ID" --data-urlencode "csrf=$CSRF_B"
is "$code" "404" "insurer B cannot revoke insurer A's token"
is "$(sql "SELECT revoked_at IS NULL FROM api_tokens WHERE id = $NEW_ID")" "1" "… it stays valid"
req POST /account/tokens/revoke -b ja --data-urlencode "id=$NEW_ID"
is "$code" "403" "revoking without the CSRF token: 403"
req POST /account/tokens/revoke -b ja --data-urlencode "id=$NEW_ID" --data-urlencode "csrf=$CSRF_A"
is "$code" "303" "insurer A revokes its token"
submit "$NEW" henan-dbbx-2024
is "$code" "401" "the token revoked on the page: 401"
login wang 'panel-password' jp
req GET /account -b jp
is "$code" "200" "a panel member's account page"
has '考核组成员' b; ok $? "… names the role"

# --- rate limit ---------------------------------------------------------------------
for i in 1 2 3 4 5; do login renshou 'wrong-password' jz; done
is "$code" "401" "the 5th failure is still a 401"
login renshou 'renshou-password' jz
is "$code" "429" "the 6th attempt within 15 minutes: 429, even with the right password"
is "$(hdr Retry-After)" "900" "Retry-After: 900 seconds (the clock stands still: \$KAOHE_NOW)"
[ -z "$(hdr Set-Cookie)" ]; ok $? "no cookie"
login ghost2 'wrong-password' jz
is "$code" "401" "another name from the same address is not limited (5 per name, 30 per address)"

# --- logout, disable ----------------------------------------------------------------
req POST /logout -b jp
is "$code" "403" "logout without the CSRF token: 403"
CSRF_P=$(csrf_of jp)
req POST /logout -b jp --data-urlencode "csrf=$CSRF_P"
is "$code" "303" "logout"
case $(hdr Set-Cookie) in kaohe_session=\;*Max-Age=0*) ok 0 "… clears the cookie";;
	*) ok 1 "… clears the cookie"; diag "$(hdr Set-Cookie)";; esac
req GET /account -b jp
is "$code" "303" "the session is over, even with the old cookie"
"$KAOHE" user disable renshou 2>/dev/null
req GET /account -b jb
is "$code" "303" "a disabled user's session ends at once"
submit "$TOKEN_B2" luoyang-zgyb-2024
is "$code" "401" "a disabled insurer's token: 401"

# --- restart: sessions are in the store ----------------------------------------------
stop_server
start_server KAOHE_NOW="2026-03-02 16:59:00"
req GET /account -b jr
is "$code" "200" "a session survives a restart of the server (7:59 idle)"
stop_server
start_server KAOHE_NOW="2026-03-02 17:00:00"
req GET /account -b ja
is "$code" "303" "8:00 without a request: the session has ended"
req GET /account -b jr
is "$code" "200" "a session used a minute ago goes on"
stop_server
start_server KAOHE_NOW="2026-03-02 21:00:00"
req GET /account -b jr
is "$code" "303" "12:00 after the login it ends, used or not"
stop_server

# --- HTTPS: the cookie is Secure --------------------------------------------------------
if command -v openssl >/dev/null 2>&1 && openssl req -x509 -newkey rsa:2048 -nodes \
	-keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1; then
	SERVE_ARGS="--cert $WORK/cert.pem --key $WORK/key.pem"
	start_server KAOHE_NOW="2026-03-03 09:00:00"
	SERVE_ARGS=""
	case $URL in https://*) ok 0 "the server speaks HTTPS with --cert/--key";;
		*) ok 1 "the server speaks HTTPS with --cert/--key"; diag "$URL";; esac
	login zhang 'regulator-password' jt --cacert "$WORK/cert.pem"
	is "$code" "303" "a login over HTTPS"
	case $(hdr Set-Cookie) in *"; Secure"*) ok 0 "the cookie is Secure over HTTPS";;
		*) ok 1 "the cookie is Secure over HTTPS"; diag "$(hdr Set-Cookie)";; esac
	case $(hdr Set-Cookie) in *HttpOnly*SameSite=Strict*) ok 0 "… and HttpOnly, SameSite=Strict";;
		*) ok 1 "… and HttpOnly, SameSite=Strict";; esac
	stop_server
else
	echo "ok $((_tap_n + 1)) - the cookie is Secure over HTTPS # SKIP openssl cannot make a certificate"
	_tap_n=$((_tap_n + 1))
fi

# --- the audit trail -------------------------------------------------------------------
run "$KAOHE" log
expect_out "  zhang  登录  127\.0\.0\.1" "log: a login, with the address"
expect_out "  ghost  登录失败  127\.0\.0\.1" "log: a failed login"
expect_out "  renshou  登录失败  127\.0\.0\.1" "log: the rate-limited attempts"
expect_out "  wang  退出登录" "log: a logout"
expect_out "  pingan  发放令牌  4" "log: the token made on the page"
expect_out "  pingan  吊销令牌  4" "log: the token revoked on the page"
for s in "$TOKEN_A" "$NEW" "$SID" "$CSRF_A" regulator-password; do
	if grep -qF -- "$s" "$WORK/out" "$WORK/serve.err"; then ok 1 "no secret in the log or the server's output"
	else ok 0 "no secret in the log or the server's output"; fi
done

done_testing
