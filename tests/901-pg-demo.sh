#!/bin/sh
# 901-pg-demo: the whole demo on PostgreSQL gives the SQLite demo's results
# (issue 22) — every scorecard XML identical once the times that differ
# between two runs (generated, imported-at) are removed, and the money
# statements (kaohe fees, kaohe settle), the due list, decisions, appeals,
# the ledger and the audit log printed alike from both stores; the
# province's roll-up (kaohe compare) reads a PostgreSQL store beside a
# SQLite one.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
pg_start
export KAOHE_NOW='2025-03-01 10:00:00'

run "$KAOHE" demo lite
expect_rc 0 "the demo on SQLite"
run "$KAOHE" --db "$PGURL" demo pg
expect_rc 0 "the demo on PostgreSQL"
expect_out "host=$PGDIR" "it names the PostgreSQL database"
[ -f pg/kaohe.db ]; ok $((!$?)) "and writes no SQLite file"
KAOHE_DB=$PGURL run "$KAOHE" demo pg2
expect_rc 0 "KAOHE_DB names PostgreSQL for the demo too (tables made afresh)"

strip() { sed -e 's/ generated="[^"]*"//g' -e 's/ imported-at="[^"]*"//g' \
	-e 's/ generated-at="[^"]*"//g' "$1"; }
n=0
for f in lite/*.xml; do
	b=$(basename "$f")
	strip "$f" >a.xml
	strip "pg/$b" >b.xml
	if cmp -s a.xml b.xml; then ok 0 "$b: the same on both engines"
	else ok 1 "$b: the same on both engines"; diag "$(diff a.xml b.xml | head -20)"; fi
	n=$((n + 1))
done
[ "$n" -ge 8 ]; ok $? "every demo scorecard compared ($n)"
grep -q '<import id="1" kind="population"' pg/henan-dbbx-2024.xml; ok $? "provenance ids as on SQLite"

same() {   # same ARGS...: the command succeeds and prints alike on both stores
	"$KAOHE" --db lite/kaohe.db "$@" >a.out 2>a.err; a=$?
	"$KAOHE" --db "$PGURL" "$@" >b.out 2>b.err; b=$?
	sed -i "s|$PGURL|DB|g; s|lite/kaohe.db|DB|g" a.out a.err b.out b.err
	if [ "$a" -eq 0 ] && [ "$b" -eq 0 ] && cmp -s a.out b.out && cmp -s a.err b.err; then
		ok 0 "$*: the same on both engines"
	else
		ok 1 "$*: the same on both engines (exit $a, $b)"
		diag "$(diff a.out b.out | head -15)" "$(diff a.err b.err | head -5)"
	fi
}
same fees --contract luoyang-zgyb-2024 --period 2024
same fees --contract mentougou-fzfw-2024 --period 2024
same fees --contract henan-dbbx-2024 --period 2024 --lang en
same settle --contract zhengzhou-dae-2025 --year 2025
same settle --contract henan-dbbx-2024 --year 2024
same due --contract luoyang-zgyb-2024 --as-of 2024-12-31
same calendar list 2024
same contract list
same score --contract henan-dbbx-2024-zk --period 2024
L='2024Q2:第三条(三):audit.pass-rate'
same decide --contract luoyang-zgyb-2024 "$L" --confirm --reason 稽核属实 --by 张科长
same appeal add --contract luoyang-zgyb-2024 --period 2024Q4 --indicator audit.pass-rate \
	--ref LYA40000 --ref LYA40001 --reason 样本无误 --by 乙方经办
same appeal decide 1 --overturn --cost 1200 --reason 复核确认 --by 张科长
same fees --contract luoyang-zgyb-2024 --period 2024
same appeal list
same ledger --contract mentougou-fzfw-2024
same log

# The roll-up reads both kinds of store (one per city, or one province).
run "$KAOHE" compare --period 2024 --db lite/kaohe.db --family 001 -o a.xml
expect_rc 0 "compare over the SQLite store"
run "$KAOHE" compare --period 2024 --db "$PGURL" --family 001 -o b.xml
expect_rc 0 "compare over the PostgreSQL store"
strip a.xml | sed 's| source="[^"]*"||g' >a2.xml
strip b.xml | sed 's| source="[^"]*"||g' >b2.xml
if cmp -s a2.xml b2.xml; then ok 0 "the same league table"
else ok 1 "the same league table"; diag "$(diff a2.xml b2.xml | head -10)"; fi

done_testing
