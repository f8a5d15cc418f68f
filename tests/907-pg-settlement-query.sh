#!/bin/sh
# 907-pg-settlement-query: the same claims imported into SQLite and into a
# throwaway PostgreSQL cluster; tests/unit-pg-settlements then asks both
# stores every kind of settlement query (day kinds, channel, eligible only,
# every day) and checks that they select the same claims and totals.
# Data from bench/kaohe-gen.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

UNIT=${KAOHE_TEST_BUILDDIR:-$SRCDIR}/tests/unit-pg-settlements
[ -x "$UNIT" ] || skip_all "tests/unit-pg-settlements not built"
need_gen
pg_start

# 2000 claims of 2024, 602 of them by the manual channel (the unit test
# counts on both figures).
"$GEN" settlements --rows 2000 --contract a-2024 --year 2024 --seed 1 -o a.csv
is "$(grep -c ',manual,' a.csv)" "602" "602 of the 2000 claims are manual"
init_db
import_all a.csv 2000 "the claims into SQLite"
LITE=$KAOHE_DB
KAOHE_DB=$PGURL
init_db
import_all a.csv 2000 "the same claims into PostgreSQL"
KAOHE_DB=$LITE

# Its checks, each passed on as one of ours.
KAOHE_TEST_SQLITE_DB=$LITE KAOHE_TEST_PGURL=$PGURL "$UNIT" >unit.out 2>unit.err
unit_rc=$?
while IFS= read -r line; do
	case $line in
	"ok "*) ok 0 "${line#ok [0-9]* - }" ;;
	"not ok "*) ok 1 "${line#not ok [0-9]* - }" ;;
	"#"*) echo "$line" ;;
	esac
done <unit.out
is "$unit_rc" "0" "unit-pg-settlements exits 0"
is "$(grep -c '^ok' unit.out)" "50" "it ran all its 50 checks"
done_testing
