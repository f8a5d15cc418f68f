# tests/helpers/serve.sh: sourced by the `kaohe serve` tests after
# tests/lib.sh.  Makes a private CA and a server certificate for 127.0.0.1
# and localhost in $WORK; start_serve/stop_serve run `kaohe serve` on a free
# loopback port (port 0: the server picks it and prints the URL as the last
# word of its first stdout line); insurer_token makes an insurer user bound
# to a contract and prints a fresh API token (through `kaohe user`).

command -v openssl >/dev/null 2>&1 || skip_all "openssl not found"
command -v curl >/dev/null 2>&1 || skip_all "curl not found"

export KAOHE_RETRY_BASE_MS=1          # keep submit's backoff short in tests
unset KAOHE_TOKEN

. "$SRCDIR/tests/helpers/test-ca.sh"
make_test_ca "kaohe serve test CA" "IP:127.0.0.1,DNS:localhost"

serve_pid=
# stop_serve [SIGNAL]: stop the server (TERM by default) and wait; sets
# $serve_rc to its exit status.
stop_serve() {
	serve_rc=
	if [ -n "$serve_pid" ]; then
		kill -"${1:-TERM}" "$serve_pid" 2>/dev/null
		wait "$serve_pid" 2>/dev/null
		serve_rc=$?
		serve_pid=
	fi
}
trap 'stop_serve KILL; [ -n "${MOUNTED:-}" ] && umount "$MOUNTED" 2>/dev/null; rm -rf "$WORK"' EXIT

# start_serve NAME [OPTIONS...]: `kaohe serve` with the test certificate on
# 127.0.0.1, a free port; its stdout and stderr in $WORK/NAME.out/.err.
# Sets $URL (https://127.0.0.1:PORT) and $serve_pid; empty URL on failure.
start_serve() {
	stop_serve KILL
	SERVE_LOG=$WORK/$1
	shift
	: >"$SERVE_LOG.out"
	"$KAOHE" serve --listen 127.0.0.1:0 --cert server.pem --key server.key "$@" \
		>"$SERVE_LOG.out" 2>"$SERVE_LOG.err" &
	serve_pid=$!
	n=0
	while [ ! -s "$SERVE_LOG.out" ] && [ $n -lt 2000 ]; do
		kill -0 "$serve_pid" 2>/dev/null || break
		sleep 0.02
		n=$((n + 1))
	done
	URL=$(head -n 1 "$SERVE_LOG.out" | awk '{print $NF}')
}

# have_users: whether this kaohe has `kaohe user` (the auth part).
have_users() { "$KAOHE" user --help >/dev/null 2>&1; }

# insurer_token NAME CONTRACT: an insurer user (made on first use) bound to
# CONTRACT, and a new API token printed on stdout.
insurer_token() {
	if ! "$KAOHE" user list 2>/dev/null | grep -q "$1"; then
		printf 'pw-%s-long-enough-1\n' "$1" >"$WORK/pw-$1"
		"$KAOHE" user add "$1" --role insurer --contract "$2" \
			--password-file "$WORK/pw-$1" >/dev/null 2>&1 || return 1
	fi
	"$KAOHE" user token "$1" 2>"$WORK/token-$1.err"
}

# http_status METHOD URL [CURL-ARGS...]: the status code; the body in
# $WORK/body.
http_status() {
	m=$1
	u=$2
	shift 2
	curl -s --cacert ca.pem -o "$WORK/body" -w '%{http_code}' -X "$m" "$u" "$@"
}

# revoke_token NAME TOKEN: revoke the token insurer_token NAME made last.
revoke_token() {
	id=$(grep -o '[0-9][0-9]*' "$WORK/token-$1.err" | head -n 1)
	"$KAOHE" user revoke "$id" >/dev/null 2>&1
}

# login_flood URL NAME COUNT OUT: COUNT wrong-password POSTs to URL/login for
# NAME, 16 at a time (a NAME ending in % becomes NAME1, NAME2, …: one name
# an attempt); one status code a line in OUT.
login_flood() {
	seq "$3" | xargs -P 16 -I '{}' sh -c '
		n=$2; case $n in *%) n=${n%\%}$3;; esac
		curl -s --cacert ca.pem -o /dev/null -w "%{http_code}\n" -X POST \
			--data-urlencode "name=$n" --data-urlencode "password=wrong-password-$3" "$1/login"' \
		sh "$1" "$2" '{}' >"$4"
}
