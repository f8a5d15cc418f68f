# tests/helpers/report-server.sh: sourced by the submit tests after
# tests/lib.sh.  Makes a private CA and a server certificate for 127.0.0.1
# in $WORK, and start_server/stop_server run tests/helpers/report-server.py
# (the regulator's receiving end) on a free loopback port.  Defines $TOKEN
# and writes it to ./token; the server's --received-at defaults to
# $RECEIVED_AT.

SERVER=$SRCDIR/tests/helpers/report-server.py
TOKEN=tok-$$-s3cr3t-9f8e7d
export KAOHE_RETRY_BASE_MS=1          # keep the backoff short in tests
unset KAOHE_TOKEN

. "$SRCDIR/tests/helpers/test-ca.sh"
make_test_ca "kaohe test CA" "IP:127.0.0.1"

srv_pid=
stop_server() {
	if [ -n "$srv_pid" ]; then
		kill "$srv_pid" 2>/dev/null
		wait "$srv_pid" 2>/dev/null
		srv_pid=
	fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server NAME [OPTIONS]: a fresh server recording into $WORK/NAME;
# sets $SD (its directory) and $URL.
start_server() {
	stop_server
	SD=$WORK/$1
	shift
	mkdir -p "$SD"
	python3 "$SERVER" --dir "$SD" --cert server.pem --key server.key \
		--token "$TOKEN" --received-at "${RECEIVED_AT:-2024-04-03 10:15:00}" "$@" &
	srv_pid=$!
	n=0
	while [ ! -s "$SD/port" ] && [ $n -lt 1000 ]; do
		kill -0 "$srv_pid" 2>/dev/null || break
		sleep 0.05
		n=$((n + 1))
	done
	URL="https://127.0.0.1:$(cat "$SD/port" 2>/dev/null)/reports"
}

printf '%s\n' "$TOKEN" >token
chmod 600 token
