#!/bin/sh
# 900-pg-store: the PostgreSQL store (issue 22) on a throwaway cluster the
# test starts itself (tests/lib.sh pg_start) — --db postgresql://... and
# $KAOHE_DB select it; init creates the schema (schema_version 6) and is
# safe when several run at once; a database without it is refused (66), a
# newer schema too (65); imports through COPY give the SQLite engine's
# exact inserted/updated/unchanged counts and repeat warnings, case by
# case, and keep all or nothing; the audit log refuses changes.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
pg_start

# --- opening ---------------------------------------------------------------------
run "$KAOHE" --db "$PGURL" contract list
expect_rc 66 "a database without kaohe's schema is refused"
expect_err "kaohe init" "the message says to run kaohe init"
run "$KAOHE" --db "$PGURL" init
expect_rc 0 "init on PostgreSQL"
is "$(pg_sql "SELECT version FROM schema_version")" "6" "schema_version is 6"
run "$KAOHE" --db "$PGURL" init
expect_rc 0 "init again changes nothing"
is "$(pg_sql "SELECT count(*) FROM schema_version")" "1" "one version row"
KAOHE_DB=$PGURL run "$KAOHE" contract list
expect_rc 0 "KAOHE_DB selects PostgreSQL too"
run "$KAOHE" --db "postgres:///kaohe?host=$PGDIR&user=kaohe" contract list
expect_rc 0 "postgres:// is PostgreSQL as well"
run "$KAOHE" --db "postgresql:///nonesuch?host=$PGDIR&user=kaohe" contract list
expect_rc 69 "a database that cannot be reached exits 69 (unavailable)"
run "$KAOHE" --db "postgresql://kaohe:secret@/kaohe?host=$PGDIR" --lang en contract list
grep -q secret "$WORK/err" "$WORK/out"; ok $((!$?)) "a password is never printed"

# Concurrent init on a fresh database: all succeed, one schema.
URL2=$(pg_url concurrent)
pids=""
for i in 1 2 3 4 5; do "$KAOHE" --db "$URL2" init >init$i.out 2>&1 & pids="$pids $!"; done
fails=0
for pid in $pids; do wait "$pid" || fails=$((fails + 1)); done
is "$fails" "0" "five concurrent inits all succeed"
is "$(pg_sql "SELECT string_agg(version::text, ',') FROM schema_version" concurrent)" "6" \
	"one schema_version row after them"

# A newer schema is refused, for reading as well.
pg_sql "UPDATE schema_version SET version = 99" concurrent >/dev/null
run "$KAOHE" --db "$URL2" contract list
expect_rc 65 "a newer schema is refused (65)"
expect_err "99" "the message names its version"
run "$KAOHE" compare --period 2024 --db "$URL2" -o cmp.xml
expect_rc 65 "also for reading (compare --db)"

# --- imports: the same counts as SQLite, case by case ----------------------------
H='claim_id,insured_id,channel,received_date,paid_amount,paid_date'
printf '%s\nC1,P1,direct,2024-01-02,12.34,2024-01-03\nC2,P1,manual,2024-01-03,7,\nC3,P2,direct,2024-01-04,8.10,2024-01-09\n' "$H" >s1.csv
sed 's/^C2,P1,manual,2024-01-03,7,/C2,P1,manual,2024-01-03,9,/' s1.csv >s2.csv
# repeated keys: C1 as stored then changed; C4 twice alike; C5 twice
# different; C6 a, b, a; C2 changed then changed back
printf '%s\n' "$H" \
	'C1,P1,direct,2024-01-02,12.34,2024-01-03' 'C4,P4,direct,2024-02-01,1,' \
	'C1,P1,direct,2024-01-02,99,2024-01-03' 'C4,P4,direct,2024-02-01,1,' \
	'C5,P5,direct,2024-02-01,1,' 'C5,P5,direct,2024-02-01,2,' \
	'C6,P6,direct,2024-02-01,1,' 'C6,P6,direct,2024-02-01,2,' \
	'C6,P6,direct,2024-02-01,1,' 'C2,P1,manual,2024-01-03,7,' \
	'C2,P1,manual,2024-01-03,9,' >rep.csv
printf '%s\nC7,P7,direct,2024-03-01,1,\nC8,P"x,direct,2024-03-01,1,\n' "$H" >bad.csv
printf '%s\nC9,P9,direct,2024-03-01,"tab\there",\n' "$H" >tab.csv
# text that COPY must escape: backslash, tab, newline, quotes, Chinese
printf 'claim_id,insured_id,channel,received_date,paid_amount,region\nE1,"a\\b\tc",direct,2024-03-01,1,"多\n行"\nE2,\\N,direct,2024-03-01,1,\\.\n' >esc.csv
# finance: every column is key
printf 'date,kind,amount,note\n2024-01-05,funds-received,100,a\n2024-01-05,funds-received,100,a\n2024-01-06,claims-paid,5,\n' >fin.csv

steps() {   # steps DB: the import sequence, each step's stdout and stderr
	for step in "settlements s1.csv" "settlements s1.csv" "settlements s2.csv" \
		"settlements rep.csv" "settlements rep.csv" "settlements s1.csv rep.csv s2.csv" \
		"settlements bad.csv" "settlements s1.csv bad.csv" "settlements esc.csv" \
		"settlements esc.csv" "finance fin.csv" "finance fin.csv"; do
		# shellcheck disable=SC2086
		"$KAOHE" --db "$1" import --contract h1 $step >step.out 2>step.err
		echo "== $step: exit $?"
		cat step.out
		sed "s|$1|DB|g" step.err
	done
}
"$KAOHE" --db "$WORK/lite.db" init >/dev/null
steps "$WORK/lite.db" >lite.log
steps "$PGURL" >pg.log
if cmp -s lite.log pg.log; then ok 0 "every import step prints the same on both engines"
else ok 1 "every import step prints the same on both engines"; diag "$(diff lite.log pg.log | head -40)"; fi
grep -q "新增 3，更新 0，未变 0" pg.log; ok $? "three rows inserted"
grep -q "新增 0，更新 1，未变 2" pg.log; ok $? "a changed row is an update"
# rep.csv by hand, over C1 12.34, C2 9, C3 8.10 stored: line 2 C1 as
# stored (unchanged), 3 C4 new (inserted), 4 C1 99 (updated), 5 C4 as
# line 3 (unchanged), 6 C5 (inserted), 7 C5 2 (updated), 8 C6 (inserted),
# 9 C6 2 and 10 C6 1 (updated twice), 11 C2 7 and 12 C2 9 (updated twice)
grep -q "rep.csv: 11 行：新增 3，更新 6，未变 2" pg.log; ok $? "repeated keys: 3 inserted, 6 updated, 2 unchanged"
# again, over C1 99, C4 1, C5 2, C6 1, C2 9: only lines 3, 5 and 8 equal
# what is stored or the line before
grep -q "rep.csv: 11 行：新增 0，更新 8，未变 3" pg.log; ok $? "again: 8 updated, 3 unchanged"
grep -q "rep.csv:5: .*'C4'.*第 3、5 行" pg.log; ok $? "a repeated key is reported with its lines"

# The stored rows are the same, byte for byte.
q="SELECT contract, claim_id, insured_id, channel, category, coalesce(region, '~'), paid_amount, coalesce(paid_date, '~') FROM settlements ORDER BY claim_id"
sqlite3 -batch "$WORK/lite.db" "$q" >lite.rows
pg_sql "$q" >pg.rows
if cmp -s lite.rows pg.rows; then ok 0 "the same settlements stored"
else ok 1 "the same settlements stored"; diag "$(diff lite.rows pg.rows | head -20)"; fi
q="SELECT kind, rows, inserted, updated, unchanged FROM imports ORDER BY id"
if [ "$(sqlite3 -batch "$WORK/lite.db" "$q")" = "$(pg_sql "$q")" ]; then
	ok 0 "the same provenance rows and counts"
else ok 1 "the same provenance rows and counts"; fi
is "$(pg_sql "SELECT insured_id FROM settlements WHERE claim_id = 'E1'")" "$(printf 'a\\b\tc')" \
	"backslash and tab survive COPY"
is "$(pg_sql "SELECT region FROM settlements WHERE claim_id = 'E2'")" '\.' \
	"a field '\\.' is data, not the end of COPY"
is "$(pg_sql "SELECT insured_id FROM settlements WHERE claim_id = 'E2'")" '\N' \
	"a field '\\N' is text, not NULL"

# All or nothing: a failing file leaves no rows and no provenance.
n=$(pg_sql "SELECT count(*) FROM imports")
run "$KAOHE" --db "$PGURL" import settlements --contract h1 s1.csv bad.csv
expect_rc 65 "a bad file fails the import"
is "$(pg_sql "SELECT count(*) FROM imports")" "$n" "no provenance kept"
is "$(pg_sql "SELECT count(*) FROM settlements WHERE claim_id = 'C7'")" "0" "no row kept"
run "$KAOHE" --db "$PGURL" import settlements --contract h1 --dry-run s2.csv
expect_rc 0 "--dry-run"
is "$(pg_sql "SELECT count(*) FROM imports")" "$n" "--dry-run keeps nothing"

# --- the audit trail is append-only ----------------------------------------------
pg_sql "INSERT INTO audit_log (at, who, action) VALUES ('2024-01-01 00:00:00', 'x', 'import')" >/dev/null
pg_sql "UPDATE audit_log SET who = 'y'" >/dev/null 2>&1; ok $((!$?)) "UPDATE on audit_log is refused"
pg_sql "DELETE FROM audit_log" >/dev/null 2>&1; ok $((!$?)) "DELETE on audit_log is refused"
is "$(pg_sql "SELECT count(*) FROM audit_log WHERE who = 'x'")" "1" "the entry is still there"

done_testing
