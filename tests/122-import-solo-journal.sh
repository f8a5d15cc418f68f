#!/bin/sh
# 122-import-solo-journal: a big import (16 MiB of input or more) that is
# the database's only user writes through a rollback journal (pages
# appended to the file are written once, not into the WAL and again at the
# checkpoint) and leaves the database in WAL mode.  Killed with SIGKILL mid-import, it leaves the
# database as it was: the hot journal is rolled back by the next open,
# and the next import works and puts WAL back.  Beside another open
# connection (as `kaohe serve` keeps one) the import keeps WAL.  A big
# re-import whose first rows are stored goes back to WAL.  Big files come
# from bench/kaohe-gen.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

need_gen
init_db
"$GEN" settlements --rows 20000 --contract a-2024 --seed 1 -o a.csv
"$GEN" settlements --rows 3000 --contract c-2024 --seed 5 -o c.csv
"$GEN" settlements --rows 600000 --contract big-2024 --seed 4 -o big.csv

run "$KAOHE" import settlements a.csv
expect_rc 0 "a first import"
is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode after it"
is "$(ls "$KAOHE_DB"-journal "$KAOHE_DB"-wal 2>/dev/null)" "" "no journal, no WAL left"

# A big file that fails on its last line, and a big dry run, put WAL
# back as well, and write nothing.
cp big.csv bad.csv
printf 'big-2024,X1,P1,direct,standard,410500,H1,2024-02-01,2024-02-30,2024-03-01,1.00,1.00,no\n' >>bad.csv
run "$KAOHE" import settlements bad.csv
expect_rc 65 "a big file with a bad last line fails"
is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode after the failed import"
run "$KAOHE" import --dry-run settlements big.csv
expect_rc 0 "a big dry run"
is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode after the dry run"
is "$(sql "SELECT count(*) FROM settlements WHERE contract = 'big-2024'")" "0" \
	"neither wrote a row"

# SIGKILL once the import has written pages into the database file
# itself (the file has grown by 4 MB while the journal is there).
before=$(sqlite_counts)
size0=$(stat -c %s "$KAOHE_DB")
grown() {
	[ -e "$KAOHE_DB-journal" ] \
		&& [ "$(stat -c %s "$KAOHE_DB" 2>/dev/null || echo 0)" -gt $((size0 + 4000000)) ]
}
kill_import_when grown big.csv
ok $((!killed)) "the import was killed after writing into the database file"
[ -s "$KAOHE_DB-journal" ]
ok $? "it left a (hot) rollback journal"
[ ! -s "$KAOHE_DB-wal" ]
ok $? "and had written nothing through a WAL"

# The next kaohe to open the database rolls the journal back.
import_all c.csv 3000 "the next import works" "all of its rows"
is "$(sql 'PRAGMA integrity_check')" "ok" "integrity_check after SIGKILL"
is "$(sql "SELECT count(*) FROM settlements WHERE contract = 'big-2024'")" "0" \
	"nothing of the killed file"
is "$(sqlite_counts)" \
	"$(echo "$before" | awk '{ print $1 + 3000, $2 + 1 }') " \
	"no partial rows, no provenance of the killed file"
is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode is back"
is "$(ls "$KAOHE_DB"-journal 2>/dev/null)" "" "no journal left"

import_all big.csv 600000 "the killed file imports afterwards"
is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode after it"

# A re-import whose first rows are stored already goes back to WAL when
# the database is big (512 MiB; here $KAOHE_REIMPORT_WAL_BYTES lowers it
# to 50 MB): its changed rows land on pages already in the file, which a
# rollback journal would copy (and sync) before overwriting.  Killed once
# its WAL has grown past 4 MB, it leaves the database as it was; run
# again, it updates.  Below the size it keeps the journal.
"$GEN" settlements --rows 600000 --contract big-2024 --seed 4 --changed 10 -o big10.csv
before=$(sqlite_counts)
wal_grown() { [ "$(stat -c %s "$KAOHE_DB-wal" 2>/dev/null || echo 0)" -gt 4000000 ]; }
journal_grown() { [ "$(stat -c %s "$KAOHE_DB-journal" 2>/dev/null || echo 0)" -gt 4000000 ]; }
kill_import_when journal_grown big10.csv
ok $((!killed)) "below 512 MiB the re-import writes through the rollback journal"
is "$(sqlite_counts)" "$before" "the killed re-import left nothing"
export KAOHE_REIMPORT_WAL_BYTES=50000000
kill_import_when wal_grown big10.csv
ok $((!killed)) "a changed big re-import writes through the WAL (killed past 4 MB of it)"
[ ! -s "$KAOHE_DB-journal" ]
ok $? "and not through a rollback journal"
is "$(sqlite_counts)" "$before" "the killed re-import left no row and no provenance"
is "$(sql 'PRAGMA integrity_check')" "ok" "integrity_check after it"
changed=$(diff big.csv big10.csv | grep -c "^>")
run "$KAOHE" import settlements big10.csv
expect_rc 0 "the changed copy re-imports"
expect_out "600000 行：新增 0，更新 $changed" "it updates the $changed changed rows"
is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode after it"
is "$(ls "$KAOHE_DB"-journal "$KAOHE_DB"-wal 2>/dev/null)" "" "no journal, no WAL left"
unset KAOHE_REIMPORT_WAL_BYTES

# Beside another open connection the import keeps WAL: readers are not
# locked out (the other connection holds the WAL open, so the import's
# frames stay in the WAL until it closes).
if command -v python3 >/dev/null; then
	mkfifo hold.in
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM imports").fetchall()
print("ready", flush=True)
sys.stdin.read()
print(c.execute("SELECT count(*) FROM settlements WHERE contract = ?",
                ("d-2024",)).fetchone()[0], flush=True)' "$KAOHE_DB" <hold.in >hold.out &
	ph=$!
	exec 7>hold.in
	while kill -0 $ph 2>/dev/null && ! grep -q ready hold.out; do sleep 0.02; done
	"$GEN" settlements --rows 50000 --contract d-2024 --seed 6 -o d.csv
	run "$KAOHE" import settlements d.csv
	expect_rc 0 "an import beside an open connection"
	wal=$(stat -c %s "$KAOHE_DB-wal" 2>/dev/null || echo 0)
	[ "$wal" -gt 1000000 ]
	ok $? "it wrote through the WAL ($wal bytes there)"
	exec 7>&-
	wait $ph
	is "$(tail -n 1 hold.out)" "50000" "the other connection reads the new rows"
	is "$(sql 'PRAGMA journal_mode')" "wal" "WAL mode"
else
	ok 0 "# SKIP python3 not installed"
fi
done_testing
