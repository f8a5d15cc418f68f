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

# --- Generated data and imports (bench/kaohe-gen) ---------------------------------
# need_gen: $GEN names bench/kaohe-gen; the whole test skips when it is not
# built.  init_db: `kaohe init`, one check.
need_gen() {
	GEN=${KAOHE_TEST_BUILDDIR:-$SRCDIR}/bench/kaohe-gen
	[ -x "$GEN" ] || skip_all "bench/kaohe-gen not built"
}
init_db() {
	run "$KAOHE" init
	expect_rc 0 "init"
}

# import_all FILE ROWS NAME [NAME2]: `kaohe import settlements FILE` exits 0
# (check NAME) and says all ROWS rows are new (check NAME2, "all of it").
import_all() {
	run "$KAOHE" import settlements "$1"
	expect_rc 0 "$3"
	expect_out "$2 行：新增 $2" "${4:-all of it}"
}

# kill_import_when CONDITION FILE: starts `kaohe import settlements FILE`
# (output in FILE less .csv, .out and .err), runs the shell command
# CONDITION every 20 ms while the import lives, and kills the import with
# SIGKILL the first time CONDITION succeeds.  $killed is 1 when it did.
kill_import_when() {
	"$KAOHE" import settlements "$2" >"${2%.csv}.out" 2>"${2%.csv}.err" &
	_kill_pid=$!
	killed=0
	while kill -0 $_kill_pid 2>/dev/null; do
		if $1; then
			kill -KILL $_kill_pid && killed=1
			break
		fi
		sleep 0.02
	done
	wait $_kill_pid 2>/dev/null
}

# sqlite_counts: the settlements and imports rows of the test database, as
# "N M " (a killed import must leave both as they were).
sqlite_counts() {
	sql "SELECT count(*) FROM settlements; SELECT count(*) FROM imports" | tr '\n' ' '
}

# --- PostgreSQL (issue 22) ------------------------------------------------------
# pg_start: a throwaway PostgreSQL cluster for this test — initdb and pg_ctl
# from Debian's postgresql package (or $KAOHE_PG_BINDIR) in a directory of
# its own, listening only on a Unix socket there; stopped and removed at
# exit.  Sets $PGURL (postgresql:///kaohe?host=DIR&user=kaohe, a database
# made for the test) and $PGDIR.  The server refuses to run as root: as
# root it runs as the postgres user (else nobody) through runuser.  Skips
# the whole test (visibly) when PostgreSQL is not installed or will not
# start.  pg_sql QUERY runs one query through psql; pg_url NAME makes
# another database and prints its URL.
pg_start() {
	_pg_bin=${KAOHE_PG_BINDIR:-}
	if [ -z "$_pg_bin" ]; then
		for _d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
			[ -x "$_d/initdb" ] && { _pg_bin=$_d; break; }
		done
	fi
	[ -z "$_pg_bin" ] && command -v initdb >/dev/null 2>&1 \
		&& _pg_bin=$(dirname "$(command -v initdb)")
	[ -n "$_pg_bin" ] && [ -x "$_pg_bin/initdb" ] && [ -x "$_pg_bin/pg_ctl" ] \
		|| skip_all "PostgreSQL is not installed (initdb, pg_ctl: apt-get install postgresql)"
	PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/kaohe-pg.XXXXXX") || skip_all "no temporary directory"
	_pg_as=""
	if [ "$(id -u)" -eq 0 ]; then
		_pg_user=postgres
		id "$_pg_user" >/dev/null 2>&1 || _pg_user=nobody
		chown "$_pg_user" "$PGDIR" || skip_all "cannot hand $PGDIR to $_pg_user"
		_pg_as="runuser -u $_pg_user --"
	fi
	trap 'pg_stop; rm -rf "$WORK"' EXIT
	if ! $_pg_as "$_pg_bin/initdb" -D "$PGDIR/data" -U kaohe -A trust -E UTF8 \
		--no-locale --no-sync >"$PGDIR/initdb.log" 2>&1; then
		diag "$(tail -5 "$PGDIR/initdb.log")"
		skip_all "initdb failed"
	fi
	if ! $_pg_as "$_pg_bin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -s \
		-o "-k $PGDIR -h '' -F -c max_connections=40" start >/dev/null 2>&1; then
		diag "$(tail -5 "$PGDIR/server.log" 2>/dev/null)"
		skip_all "PostgreSQL would not start"
	fi
	_pg_started=1
	PGURL=$(pg_url kaohe) || skip_all "createdb failed"
	export PGURL PGDIR
}

# pg_url NAME: create database NAME in the test's cluster, print its URL.
pg_url() {
	"$_pg_bin/psql" -X -q -h "$PGDIR" -U kaohe -d postgres \
		-c "CREATE DATABASE \"$1\"" >/dev/null 2>&1 || return 1
	echo "postgresql:///$1?host=$PGDIR&user=kaohe"
}

# pg_sql QUERY [DATABASE]: one query, unaligned, tuples only.
pg_sql() {
	"$_pg_bin/psql" -X -q -A -t -h "$PGDIR" -U kaohe -d "${2:-kaohe}" -c "$1"
}

pg_stop() {
	if [ "${_pg_started:-0}" -eq 1 ]; then
		$_pg_as "$_pg_bin/pg_ctl" -D "$PGDIR/data" -m immediate -s -w stop \
			>/dev/null 2>&1
		_pg_started=0
	fi
	[ -n "${PGDIR:-}" ] && rm -rf "$PGDIR"
}
