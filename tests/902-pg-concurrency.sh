#!/bin/sh
# 902-pg-concurrency: many writers on one PostgreSQL database (issue 22) —
# six importers at once (four contracts' settlements, overlapping files,
# roster), then the same file by four importers at once: no row is lost,
# every import succeeds, and the counts still add up exactly (the first
# inserts, the others find every row unchanged); a killed importer leaves
# nothing behind.  Data from bench/kaohe-gen.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

need_gen
pg_start
export KAOHE_DB=$PGURL

init_db
for c in a b c d; do
	"$GEN" settlements --rows 5000 --contract $c-2024 --seed $(printf '%d' "'$c") -o $c.csv
done
"$GEN" roster --rows 300 --contract a-2024 --seed 9 -o r.csv
pids=""
# a and b with --contract (a lock per contract), c and d naming theirs in
# the rows (the table's lock), a twice
for f in a b; do
	"$KAOHE" import settlements --contract $f-2024 $f.csv >$f.out 2>$f.err & pids="$pids $!"
done
for f in c d; do "$KAOHE" import settlements $f.csv >$f.out 2>$f.err & pids="$pids $!"; done
"$KAOHE" import settlements --contract a-2024 a.csv >a2.out 2>a2.err & pids="$pids $!"
"$KAOHE" import roster r.csv >r.out 2>r.err & pids="$pids $!"
fails=0
for pid in $pids; do wait "$pid" || fails=$((fails + 1)); done
is "$fails" "0" "six imports at once all succeed"
is "$(pg_sql "SELECT contract || '|' || count(*) FROM settlements GROUP BY contract ORDER BY contract" | tr '\n' ' ')" \
	"a-2024|5000 b-2024|5000 c-2024|5000 d-2024|5000 " "no row lost"
is "$(pg_sql "SELECT count(*) FROM roster")" "300" "the roster too"
is "$(pg_sql "SELECT count(*) FROM imports")" "6" "six provenance rows"
# a.csv twice at once: one inserted all, the other found them all unchanged
is "$(cat a.out a2.out | grep -o '新增 [0-9]*，更新 [0-9]*，未变 [0-9]*' | sort | tr '\n' ' ')" \
	"新增 0，更新 0，未变 5000 新增 5000，更新 0，未变 0 " \
	"the same file twice at once: 5000 inserted, then 5000 unchanged"

# Four importers of one changed file at once: exactly one sees the changes.
sed '2,101s/,direct,/,manual,/' b.csv >b2.csv
changed=$(cmp -l b.csv b2.csv | wc -l)
[ "$changed" -gt 0 ]; ok $? "b2.csv differs from b.csv"
want=$(sed -n '2,101p' b.csv | grep -c ',direct,')
pids=""
for i in 1 2; do "$KAOHE" import settlements b2.csv >b2-$i.out 2>&1 & pids="$pids $!"; done
for i in 3 4; do
	"$KAOHE" import settlements --contract b-2024 b2.csv >b2-$i.out 2>&1 & pids="$pids $!"
done
fails=0
for pid in $pids; do wait "$pid" || fails=$((fails + 1)); done
is "$fails" "0" "four importers of one file all succeed"
is "$(cat b2-*.out | grep -o '更新 [0-9]*' | awk '{s += $2} END {print s}')" "$want" \
	"its $want changed rows are updated once in all"
is "$(pg_sql "SELECT sum(updated) FROM imports WHERE file LIKE '%b2.csv'")" "$want" \
	"and the provenance rows say so"
is "$(pg_sql "SELECT count(*) FROM settlements")" "20000" "still 20000 claims"

# A killed importer leaves nothing.
"$GEN" settlements --rows 200000 --contract big-2024 --seed 4 -o big.csv
before=$(pg_sql "SELECT count(*) FROM settlements")
copying() {
	[ "$(pg_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY pg_temp.kh_stage%'")" -gt 0 ]
}
kill_import_when copying big.csv
ok $((!killed)) "the import was killed while copying"
is "$(pg_sql "SELECT count(*) FROM settlements")" "$before" "a killed import keeps no rows"
import_all big.csv 200000 "the same file imports afterwards"

done_testing
