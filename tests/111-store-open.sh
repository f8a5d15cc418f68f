#!/bin/sh
# 111-store-open: what --db may name (issue 15) — only `kaohe init` creates
# a database; an existing empty file is refused by every other command and
# left empty; another program's SQLite file and a file that is not SQLite
# at all are refused, naming the file; a read-only database in a writable
# directory is an I/O error (74), not an internal one (70), and the message
# names the database.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

printf 'quarter,rating\n2024Q1,A\n' >ratings.csv
printf 'x\n' >report.xml
printf 'tok-111\n' >token
chmod 600 token

# --- 8. an existing empty file --------------------------------------------------
: >empty.db
for args in "import ratings --contract c ratings.csv" \
            "contract add henan-dbbx-2024" "contract list" "calendar list" \
            "calendar import $SRCDIR/data/calendar/2024.txt" \
            "score --contract c --period 2024" \
            "report --contract c --period 2024 -o r.xml" \
            "fees --contract c --period 2024" "settle --contract c --year 2024" \
            "monthly --contract c --month 2024-03 -o m.xml" \
            "submit report.xml --url https://127.0.0.1:9/r --token-file token --contract c --report monthly --period 2024-03"; do
	# shellcheck disable=SC2086
	run "$KAOHE" --db empty.db $args
	expect_rc 66 "an empty --db is refused: ${args%% *}"
done
expect_err "empty.db: 文件为空，不是 kaohe 数据库 \(只有 'kaohe init' 会创建数据库\)" \
	"the message names the file and says only init creates a database"
is "$(wc -c <empty.db | tr -d ' ')" "0" "the empty file is still empty"
run "$KAOHE" --lang en --db empty.db score --contract c --period 2024
expect_err "empty.db: an empty file, not a kaohe database \(only 'kaohe init' creates one\)" "in English too"
run "$KAOHE" --db empty.db init
expect_rc 0 "kaohe init makes a database of the empty file"
run "$KAOHE" --db empty.db import ratings --contract c ratings.csv
expect_rc 0 "which then takes imports"

# A missing file: only init creates it (contract add no longer does).
run "$KAOHE" --db none.db contract add henan-dbbx-2024
expect_rc 66 "contract add does not create a database"
[ ! -e none.db ]; ok $? "no file was created"

# --- another program's SQLite file; a file that is not SQLite -------------
sqlite3 foreign.db "CREATE TABLE mine (a); INSERT INTO mine VALUES (1);"
run "$KAOHE" --db foreign.db import ratings --contract c ratings.csv
expect_rc 65 "another program's SQLite file is refused"
expect_err "foreign.db: 不是 kaohe 数据库" "naming the file"
run "$KAOHE" --db foreign.db init
expect_rc 65 "init does not take it over either"
is "$(sqlite3 foreign.db .tables)" "mine" "its tables are untouched"
printf 'contract,date\n' >text.db
run "$KAOHE" --db text.db score --contract c --period 2024
expect_rc 65 "a file that is not SQLite is a data error"
expect_err "text.db: 数据库错误: file is not a database" "naming the file"

# --- 7. a read-only database in a writable directory ------------------------------
# As root permissions do not apply: run those cases as nobody when we can.
mkdir ro
"$KAOHE" --db ro/k.db init >/dev/null
"$KAOHE" --db ro/k.db contract add henan-dbbx-2024 >/dev/null
chmod 444 ro/k.db
as_user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		chown -R 65534:65534 ro ratings.csv
		chmod 755 "$WORK"
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
		$as_user "$KAOHE" --help >/dev/null 2>&1 || as_user=none
	else
		as_user=none
	fi
fi
if [ "$as_user" = none ]; then
	ok 0 "# SKIP read-only cases: running as root without a user to drop to"
else
	run $as_user "$KAOHE" --db "$WORK/ro/k.db" import ratings --contract c "$WORK/ratings.csv"
	expect_rc 74 "import into a read-only database exits 74 (was 70)"
	expect_err "ratings.csv: 数据库错误: $WORK/ro/k.db: attempt to write a readonly database" \
		"the message names the CSV file and the database file"
	run $as_user "$KAOHE" --db "$WORK/ro/k.db" score --contract henan-dbbx-2024 --period 2024
	expect_rc 74 "score (which stores its run) exits 74"
	expect_err "ro/k.db: .*readonly" "naming the database"
	run $as_user "$KAOHE" --db "$WORK/ro/k.db" calendar import "$SRCDIR/data/calendar/2024.txt"
	expect_rc 74 "calendar import exits 74"
	run $as_user "$KAOHE" --db "$WORK/ro/k.db" contract add mentougou-fzfw-2024
	expect_rc 74 "contract add exits 74"
	expect_err "ro/k.db: .*readonly" "naming the database"
fi
done_testing
