#!/bin/sh
# 123-import-batch-provenance: rows written by the many-row statement carry
# the provenance row of their own file when one command imports several
# files (the statement's import_id is bound once per file, not per row),
# including a file written in full batches after a file that ended with a
# part batch.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

need_gen
init_db
# 200 rows: three batches of 64 and 8 rows on their own; then 1000 rows
# of another contract (15 batches and 40 rows); then 128 of a third.
"$GEN" settlements --rows 200 --contract a-2024 --seed 1 -o a.csv
"$GEN" settlements --rows 1000 --contract b-2024 --seed 2 -o b.csv
"$GEN" settlements --rows 128 --contract c-2024 --seed 3 -o c.csv
run "$KAOHE" import settlements a.csv b.csv c.csv
expect_rc 0 "three files in one import"
is "$(sql "SELECT i.file, s.contract, count(*) FROM settlements s
           JOIN imports i ON i.id = s.import_id GROUP BY 1, 2 ORDER BY 1" | tr '\n' ' ')" \
	"a.csv|a-2024|200 b.csv|b-2024|1000 c.csv|c-2024|128 " \
	"every row names its own file's provenance row"
is "$(sql "SELECT count(*) FROM settlements WHERE import_id IS NULL
           OR import_id NOT IN (SELECT id FROM imports)")" "0" "no row without one"
is "$(sql "SELECT file || ':' || inserted FROM imports ORDER BY id" | tr '\n' ' ')" \
	"a.csv:200 b.csv:1000 c.csv:128 " "exact counts per file"

# Again, with b.csv changed: unchanged rows keep their provenance, and
# the next import's new rows get the new one.
"$GEN" settlements --rows 300 --contract d-2024 --seed 4 -o d.csv
run "$KAOHE" import settlements b.csv d.csv
expect_rc 0 "b again and a new file"
expect_out "b.csv: 1000 行：新增 0，更新 0，未变 1000" "b unchanged"
is "$(sql "SELECT count(*) FROM settlements s JOIN imports i ON i.id = s.import_id
           WHERE i.file = 'b.csv' AND s.contract = 'b-2024'")" "1000" \
	"b's rows still name the import that wrote them"
is "$(sql "SELECT count(*) FROM settlements s JOIN imports i ON i.id = s.import_id
           WHERE i.id = (SELECT max(id) FROM imports) AND s.contract = 'd-2024'")" "300" \
	"d's rows name the last provenance row"
done_testing
