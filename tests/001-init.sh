#!/bin/sh
# 001-init: the command, its help and version, and `kaohe init` against a
# real SQLite file: schema, idempotence, a newer schema refused, and two
# processes initialising one file at once.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" --version
expect_rc 0 "--version exits 0"
expect_out '^kaohe [0-9]' "--version prints the version"

run "$KAOHE" --help
expect_rc 0 "--help exits 0"
expect_out 'init' "--help lists init"

run "$KAOHE"
expect_rc 64 "no command is a usage error"

run "$KAOHE" frobnicate
expect_rc 64 "unknown command is a usage error"
expect_err "kaohe: " "errors carry the kaohe: prefix"

run "$KAOHE" c
expect_rc 64 "ambiguous prefix is a usage error"
expect_err "calendar" "ambiguous prefix lists the candidates"

for c in init; do   # each command's own test file checks its --help
	run "$KAOHE" help "$c"
	expect_rc 0 "kaohe help $c"
	run "$KAOHE" "$c" --help
	expect_rc 0 "kaohe $c --help"
	[ -s "$WORK/out" ]; ok $? "kaohe $c --help prints something"
done

run "$KAOHE" init
expect_rc 0 "init creates the database"
[ -f "$KAOHE_DB" ]; ok $? "database file exists"
# the newest migration: 6 (users, tokens, sessions of kaohe serve, issue 20)
V=6
is "$(sql 'PRAGMA user_version')" "$V" "schema version is $V"

# A version-1 database (before the facts table) is migrated forward,
# keeping what it holds.
cp "$KAOHE_DB" "$WORK/v1.db"
sqlite3 "$WORK/v1.db" "DROP TABLE facts; DROP TABLE marks; DROP TABLE audit_log; DROP TABLE decisions;
  DROP TABLE appeal_refs; DROP TABLE appeals; DROP TABLE received_submissions;
  DROP TABLE login_attempts; DROP TABLE sessions; DROP TABLE api_tokens;
  DROP TABLE user_contracts; DROP TABLE users;
  PRAGMA user_version = 1;
  INSERT INTO imports (kind, file, sha256, rows, imported_at)
  VALUES ('roster', 'old.csv', 'x', 0, '2024-01-01 00:00:00');"
run "$KAOHE" --db "$WORK/v1.db" init
expect_rc 0 "init upgrades a version-1 database"
is "$(sqlite3 "$WORK/v1.db" 'PRAGMA user_version')" "$V" "upgraded to version $V"
is "$(sqlite3 "$WORK/v1.db" "SELECT count(*) FROM imports WHERE file = 'old.csv'")" "1" \
	"what it held is kept"
is "$(sqlite3 "$WORK/v1.db" 'SELECT count(*) FROM facts')" "0" "the facts table exists"
is "$(sql 'PRAGMA journal_mode')" "wal" "journal is WAL"
for t in roster settlements complaints audits submissions activities finance population ratings imports contracts score_runs calendar_days; do
	sql "SELECT count(*) FROM $t" >/dev/null 2>&1; ok $? "table $t exists"
done

schema_before=$(sql .schema | md5sum)
run "$KAOHE" --db "$KAOHE_DB" init
expect_rc 0 "init twice succeeds"
is "$(sql .schema | md5sum)" "$schema_before" "init twice leaves the schema unchanged"

run "$KAOHE" init --db "$WORK/other.db"
expect_rc 0 "--db after the command name works"
[ -f "$WORK/other.db" ]; ok $? "--db names the file"

KAOHE_DB= run "$KAOHE" init
expect_rc 0 "default ./kaohe.db"
[ -f "$WORK/kaohe.db" ]; ok $? "./kaohe.db created"

sqlite3 "$WORK/newer.db" 'PRAGMA user_version = 99'
run "$KAOHE" --db "$WORK/newer.db" init
expect_rc 65 "a newer schema is refused"
expect_err "99" "the message names the version"

# Two processes at once on one new file: both succeed.
for n in 1 2 3 4; do
	"$KAOHE" --db "$WORK/race.db" init >/dev/null 2>"$WORK/race$n.err" &
	eval "pid$n=\$!"
done
racefail=0
for n in 1 2 3 4; do eval "wait \$pid$n" || racefail=1; done
ok $racefail "four concurrent inits all succeed"
is "$(sqlite3 "$WORK/race.db" 'PRAGMA user_version')" "$V" "raced database is at version $V"

run "$KAOHE" --db "$WORK/missing-dir/x.db" init
[ "$rc" -ne 0 ]; ok $? "an unwritable path fails"

done_testing
