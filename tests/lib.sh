# tests/lib.sh: helpers for the shell tests, which print TAP.
# Each test sources this file, calls the helpers, and ends with done_testing.
# $KAOHE is the binary under test; every test works in its own temporary
# directory ($WORK) with its own database ($KAOHE_DB), removed at exit.

set -u
: "${KAOHE:?KAOHE must name the kaohe binary}"
SRCDIR=${KAOHE_TEST_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
TESTDATA=$SRCDIR/tests/data
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kaohe-test.XXXXXX")
export KAOHE_DB=$WORK/kaohe.db
export KAOHE_LANG=zh
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

_tap_n=0
_tap_failed=0

ok() {     # ok CONDITION-EXIT-STATUS NAME
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# run CMD...: runs a command, keeping stdout in $WORK/out, stderr in
# $WORK/err and the exit status in $rc.
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
}

# expect_rc WANT NAME: checks $rc from the last run, showing stderr if not.
expect_rc() {
	if [ "$rc" -eq "$1" ]; then
		ok 0 "$2"
	else
		ok 1 "$2 (exit $rc, want $1)"
		diag "stdout:" "$(head -c 2000 "$WORK/out")" "stderr:" "$(head -c 2000 "$WORK/err")"
	fi
}

# expect_out PATTERN NAME / expect_err PATTERN NAME: grep -E in out / err.
expect_out() {
	if grep -qE -- "$1" "$WORK/out"; then ok 0 "$2"; else
		ok 1 "$2"; diag "stdout lacks /$1/:" "$(head -c 2000 "$WORK/out")"; fi
}
expect_err() {
	if grep -qE -- "$1" "$WORK/err"; then ok 0 "$2"; else
		ok 1 "$2"; diag "stderr lacks /$1/:" "$(head -c 2000 "$WORK/err")"; fi
}

# is GOT WANT NAME: string equality.
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"; diag "got:  '$1'" "want: '$2'"; fi
}

# sql QUERY: one query against the test database, through sqlite3.
sql() { sqlite3 -batch "$KAOHE_DB" "$1"; }

skip_all() { echo "1..0 # SKIP $1"; exit 0; }

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
}
