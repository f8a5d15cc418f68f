# pages-lib.sh: helpers for the tests of kaohe serve's pages
# (tests/84N-pages-*.sh), sourced after tests/lib.sh: start the server on
# 127.0.0.1 with a port it picks (killed at exit), add users, log in with a
# cookie jar per user, GET and POST forms with the session's CSRF token.
# Plain HTTP on loopback only; no fixed port, no wall-clock limit.

PAGES_PASSWORD=correct-horse-battery

# serve_start: `kaohe serve` on $KAOHE_DB; sets BASE=http://127.0.0.1:PORT.
serve_start() {
	"$KAOHE" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
	SERVE_PID=$!
	trap 'kill $SERVE_PID 2>/dev/null; wait $SERVE_PID 2>/dev/null; rm -rf "$WORK"' EXIT
	while kill -0 "$SERVE_PID" 2>/dev/null &&
	      ! grep -q 'http://127\.0\.0\.1:[0-9]' "$WORK/serve.out"; do
		sleep 0.1
	done
	port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$WORK/serve.out" | head -n 1)
	[ -n "$port" ] || { echo "Bail out! kaohe serve did not start: $(cat "$WORK/serve.err")"; exit 1; }
	BASE=http://127.0.0.1:$port
}

# user_add NAME ROLE [ARGS...]: a user with $PAGES_PASSWORD.
user_add() {
	_name=$1 _role=$2
	shift 2
	printf '%s\n' "$PAGES_PASSWORD" >"$WORK/pw"
	"$KAOHE" user add "$_name" --role "$_role" --password-file "$WORK/pw" "$@" \
		>/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! user add $_name: $(cat "$WORK/setup.err")"; exit 1; }
}

# login NAME: a session for NAME in the cookie jar $WORK/NAME.jar; sets
# $code to the login answer's status.
login() {
	_jar=$WORK/$1.jar
	rm -f "$_jar"
	curl -s -c "$_jar" -b "$_jar" -o "$WORK/login.html" "$BASE/login"
	_csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -n 1)
	code=$(curl -s -c "$_jar" -b "$_jar" -o /dev/null -w '%{http_code}' \
		--data-urlencode "name=$1" --data-urlencode "password=$PAGES_PASSWORD" \
		--data-urlencode "csrf=$_csrf" "$BASE/login")
}

# get NAME PATH: GET as NAME (or "-" for nobody) into $WORK/page; $code is
# the status, $WORK/headers the response headers.
get() {
	_jar=$WORK/$1.jar
	[ "$1" = - ] && _jar=/dev/null
	code=$(curl -s -b "$_jar" -D "$WORK/headers" -o "$WORK/page" -w '%{http_code}' "$BASE$2")
}

# csrf NAME: the CSRF token of NAME's session, read from a page's forms.
csrf() {
	curl -s -b "$WORK/$1.jar" -o "$WORK/csrf.html" "$BASE/"
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$WORK/csrf.html" | head -n 1
}

# post NAME PATH FIELD=VALUE...: a form POST as NAME with the session's
# CSRF token (post_raw: without it); $code, $WORK/page, $WORK/headers.
post() {
	_who=$1 _path=$2
	shift 2
	_token=$(csrf "$_who")
	post_raw "$_who" "$_path" "csrf=$_token" "$@"
}
post_raw() {
	_jar=$WORK/$1.jar _path=$2
	shift 2
	: >"$WORK/form"
	for f in "$@"; do printf '%s\n' "$f" >>"$WORK/form"; done
	_curl_form "$_jar" "$_path"
}

# The fields in $WORK/form (one FIELD=VALUE a line), url-encoded.
_curl_form() {
	python3 - "$WORK/form" >"$WORK/form.enc" <<'PY'
import sys, urllib.parse
pairs = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if "=" in line:
        k, v = line.split("=", 1)
        pairs.append((k, v.replace("\\n", "\n")))
sys.stdout.write(urllib.parse.urlencode(pairs))
PY
	code=$(curl -s -b "$1" -D "$WORK/headers" -o "$WORK/page" -w '%{http_code}' \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		--data-binary "@$WORK/form.enc" "$BASE$2")
}

# location: the Location header of the last answer.
location() { sed -n 's/^[Ll]ocation: *//p' "$WORK/headers" | tr -d '\r'; }

# page_text: the last page as text (tags dropped, entities kept).
page_text() { sed -e 's/<[^>]*>/ /g' "$WORK/page"; }

# in_page PATTERN NAME / not_in_page PATTERN NAME: grep -E the last page.
in_page() {
	if grep -qE -- "$1" "$WORK/page"; then ok 0 "$2"; else
		ok 1 "$2"; diag "page lacks /$1/:" "$(page_text | tr -s ' \n' ' ' | head -c 1500)"; fi
}
not_in_page() {
	if grep -qE -- "$1" "$WORK/page"; then
		ok 1 "$2"; diag "page has /$1/"; else ok 0 "$2"; fi
}

# pages_setup: the database the page tests share, on 2024-07-20 —
#   luoyang-zgyb-2024 with its 2024 population (1,000,000 insured: fee
#   1.45 × 1,000,000 = 1,450,000.00, 362,500.00 a quarter) and 100 audit
#   samples in 2024Q2, 88 passed: 88.00% < 90% → a 2% deduction of the
#   quarter, 7,250.00, line 2024Q2:第三条(三):audit.pass-rate, proposed
#   (tests/710-appeal-luoyang.sh works the same figures);
#   henan-dbbx-2024 with its monthly reports: 2024-05 sent 2024-06-03,
#   2024-06 sent 2024-07-05 16:30 (due 2024-07-05: on the day is on
#   time), the H1 analysis (due 2024-07-15) not sent: missing;
#   users reg (regulator, 张科长), panel1 (panel, 王五), ins-ly (insurer of
#   Luoyang only, 人保洛阳) and ins-hn (insurer of Henan only).
export KAOHE_NOW=2024-07-20T10:00:00
pages_setup() {
	"$KAOHE" init >/dev/null 2>&1 || { echo "Bail out! kaohe init"; exit 1; }
	for c in luoyang-zgyb-2024 henan-dbbx-2024; do
		"$KAOHE" contract add $c >/dev/null 2>"$WORK/setup.err" ||
			{ echo "Bail out! contract add $c: $(cat "$WORK/setup.err")"; exit 1; }
	done
	"$KAOHE" import population "$TESTDATA/money/luoyang-population.csv" \
		--contract luoyang-zgyb-2024 >/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import population: $(cat "$WORK/setup.err")"; exit 1; }
	awk 'BEGIN {
		print "sample_id,audit_date,period,stream,result,finding"
		for (i = 1; i <= 100; i++)
			printf "Q2-%s%02d,2024-06-10,2024Q2,routine-10pct,%s,%s\n",
			       (i <= 88 ? "P" : "F"), i, (i <= 88 ? "pass" : "fail"),
			       (i <= 88 ? "" : "金额计算错误")
	}' >"$WORK/audits.csv"
	"$KAOHE" import audits "$WORK/audits.csv" --contract luoyang-zgyb-2024 \
		>/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import audits: $(cat "$WORK/setup.err")"; exit 1; }
	cat >"$WORK/submissions.csv" <<CSV
报表类型,所属期,报送时间,是否受理,回执号
monthly,2024-05,2024-06-03 16:30,是,HN-M05
monthly,2024-06,2024-07-05 16:30,是,HN-M06
CSV
	"$KAOHE" import submissions "$WORK/submissions.csv" --contract henan-dbbx-2024 \
		>/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import submissions: $(cat "$WORK/setup.err")"; exit 1; }
	user_add reg regulator --display 张科长
	user_add panel1 panel --display 王五
	user_add ins-ly insurer --contract luoyang-zgyb-2024 --display 人保洛阳
	user_add ins-hn insurer --contract henan-dbbx-2024
}
