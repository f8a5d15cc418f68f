#!/bin/sh
# 103-import-concurrency: two imports at once into one database both
# succeed (the second waits), and an import killed with SIGKILL after it
# has started writing leaves the database as it was.  Big files come from
# bench/kaohe-gen.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

need_gen
init_db

"$GEN" settlements --rows 20000 --contract a-2024 --seed 1 -o a.csv
"$GEN" settlements --rows 20000 --contract b-2024 --seed 2 -o b.csv
"$GEN" roster --rows 500 --contract a-2024 --seed 3 -o r.csv
"$KAOHE" import settlements a.csv >a.out 2>a.err &
pa=$!
"$KAOHE" import settlements b.csv >b.out 2>b.err &
pb=$!
"$KAOHE" import roster r.csv >r.out 2>r.err &
pr=$!
wait $pa; ra=$?
wait $pb; rb=$?
wait $pr; rr=$?
is "$ra $rb $rr" "0 0 0" "three imports at once all succeed"
is "$(sql "SELECT contract, count(*) FROM settlements GROUP BY 1" | tr '\n' ' ')" \
	"a-2024|20000 b-2024|20000 " "all their rows are there"
is "$(sql "SELECT count(*) FROM roster")" "500" "roster rows too"
is "$(sql "SELECT count(*) FROM imports")" "3" "three provenance rows"

# The generator is deterministic.
"$GEN" settlements --rows 20000 --contract a-2024 --seed 1 -o a2.csv
cmp -s a.csv a2.csv; ok $? "kaohe-gen: same arguments, same bytes"

# SIGKILL after the import has started writing: into the WAL, or (alone
# with the database, tests/122) into the file itself beside its journal.
"$GEN" settlements --rows 600000 --contract big-2024 --seed 4 -o big.csv
before=$(sqlite_counts)
size0=$(stat -c %s "$KAOHE_DB")
written() {   # 4 MB written: into the WAL, or beside a journal into the file
	size=$(stat -c %s "$KAOHE_DB-wal" 2>/dev/null || echo 0)
	[ -e "$KAOHE_DB-journal" ] \
		&& size=$(($(stat -c %s "$KAOHE_DB" 2>/dev/null || echo 0) - size0))
	[ "$size" -gt 4000000 ]
}
kill_import_when written big.csv
ok $((!killed)) "the import was killed while writing"
is "$(sql 'PRAGMA integrity_check')" "ok" "integrity_check after SIGKILL"
is "$(sqlite_counts)" "$before" "no partial rows, no provenance"
is "$(sql "SELECT count(*) FROM settlements WHERE contract = 'big-2024'")" "0" "nothing of the killed file"

import_all big.csv 600000 "the same file imports afterwards"
done_testing
