#!/bin/sh
# 772-compare-rollup: the province's roll-up — `kaohe compare --db A --db B
# --db C` opens each city's database read-only in turn (the store layer's
# KH_STORE_READONLY; no ATTACH) and ranks the newest stored run of each
# contract for the period, without merging raw records or writing anything.
#   a.db: 001 with the demo's 商丘 records (henan-dbbx-2024)
#   b.db: 001's second insurer, 周口 (henan-dbbx-2024-zk)
#   c.db: 001 with only a roster and population: indicators without data
#         that the others have → incomplete, ranked apart
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v xmllint >/dev/null || skip_all "xmllint not installed"
S=$SRCDIR/data/samples

city() {   # city DB CONTRACT-FILE-OR-ID ID SAMPLES KIND...
	db=$1 contract=$2 id=$3 samples=$4
	shift 4
	"$KAOHE" --db "$db" init >/dev/null &&
	"$KAOHE" --db "$db" contract add "$contract" >/dev/null || return 1
	for kind in "$@"; do
		"$KAOHE" --db "$db" import "$kind" --contract "$id" "$samples/$kind.csv" >/dev/null || return 1
	done
	"$KAOHE" --db "$db" score --contract "$id" --period 2024 >/dev/null
}
ALL="population roster settlements complaints submissions activities finance"
city a.db henan-dbbx-2024 henan-dbbx-2024 "$S/henan-dbbx-2024" $ALL
ok $? "a.db: 商丘 scored"
city b.db "$S/henan-dbbx-2024-zk/henan-dbbx-2024-zk.xml" henan-dbbx-2024-zk "$S/henan-dbbx-2024-zk" $ALL
ok $? "b.db: 周口 scored"
city c.db henan-dbbx-2024 henan-dbbx-2024 "$S/henan-dbbx-2024" population roster
ok $? "c.db: a city with staff records only, scored"

for db in a b c; do sha256sum "$db.db" | cut -d' ' -f1 >"$db.sum"; done
runs_before=$(sqlite3 a.db 'SELECT count(*) FROM score_runs')

run "$KAOHE" compare --period 2024 --db a.db --db b.db --db c.db --family 001 -o roll.xml
expect_rc 0 "compare over three databases"
xmllint --noout --relaxng "$SRCDIR/data/schema/compare.rng" roll.xml 2>xmllint.err
ok $? "the roll-up validates against compare.rng"
x() { xmllint --xpath "$1" roll.xml 2>/dev/null; }
r() { echo "//*[local-name()='contract'][$1]"; }
is "$(x "count(//*[local-name()='contract'])")" 3 "three contracts, one per database"
is "$(x "string($(r 1)/@source)") $(x "string($(r 1)/@rank)") $(x "string($(r 1)/@score)")" \
	"b.db 1 44.00" "first: 周口, 44.00 (reports on time, no substantiated complaint; its three manual items unmarked, 待评, earn 0)"
is "$(x "string($(r 2)/@source)") $(x "string($(r 2)/@rank)") $(x "string($(r 2)/@score)")" \
	"a.db 2 34.00" "second: 商丘, 34.00 (no marks imported here either)"
is "$(x "string($(r 3)/@source)") $(x "string($(r 3)/@group)") $(x "string($(r 3)/@rank)")" \
	"c.db incomplete 1" "third: c.db, incomplete and ranked apart"
is "$(x "string($(r 3)/@coverage)")/$(x "string($(r 3)/@indicators)") $(x "string($(r 3)/@missing)")" \
	"7/15 4" "c.db: 7 of 15 indicators with data, 4 missing that the others have"
is "$(x "string($(r 3)/@share)")" "0.4286" "c.db's share (30/70): incomplete, so ranked apart whatever its share"
is "$(x "string($(r 1)/@family)")" 001 "the family comes from each database's contract (seed 001)"

# nothing written: same bytes, same runs
for db in a b c; do
	[ "$(sha256sum "$db.db" | cut -d' ' -f1)" = "$(cat "$db.sum")" ]; ok $? "$db.db unchanged"
done
is "$(sqlite3 a.db 'SELECT count(*) FROM score_runs')" "$runs_before" "no run stored by the roll-up"
[ ! -s a.db-wal ]; ok $? "no WAL content written to a.db"

# a database without a run for the period is named and left out
"$KAOHE" --db d.db init >/dev/null && "$KAOHE" --db d.db contract add henan-dbbx-2024 >/dev/null
run "$KAOHE" compare --period 2024 --db a.db --db d.db -o roll2.xml
expect_rc 0 "a database without a stored run: still compared"
expect_err "d.db: henan-dbbx-2024" "... with a warning naming it"
is "$(xmllint --xpath "count(//*[local-name()='contract'])" roll2.xml)" 1 "... and left out"
run "$KAOHE" compare --period 2023 --db a.db -o roll3.xml
expect_rc 66 "no stored run of the period anywhere: no input"
run "$KAOHE" compare --period 2024 --db a.db --db missing.db -o roll4.xml
expect_rc 66 "a missing database: no input"
run "$KAOHE" compare --period 2024 --db a.db --contract henan-dbbx-2024-zk -o roll5.xml
expect_rc 66 "a named contract in none of the databases: no input"

# the same roll-up from the stored scorecards written out as files
run "$KAOHE" compare --period 2024 --db a.db --db b.db --db c.db --family henan-dbbx-2024 -o roll.html
expect_rc 0 "the roll-up as html (family named by a contract id)"
xmllint --noout roll.html 2>/dev/null; ok $? "the html is well-formed"
grep -q '中国人寿' roll.html && grep -q '阳光财产' roll.html; ok $? "both insurers named"

done_testing
