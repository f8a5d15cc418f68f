#!/bin/sh
# 104-import-batch: the import writes rows 64 at a time and falls back to
# row-by-row writes when a batch meets a stored or repeated key; the
# inserted / updated / unchanged counts and the stored rows must be exactly
# those of a row-by-row load, across batch edges.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

# claims FIRST LAST AMOUNT-SUFFIX: settlement rows C0FIRST..C0LAST.
claims() {
	awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN {
		print "claim_id,insured_id,channel,received_date,paid_amount"
		for (i = a; i <= b; i++)
			printf "C%04d,P%03d,direct,2024-03-%02d,%d.%s\n", i, i % 37, 1 + i % 28, 100 + i, s
	}'
}
counts() { sql "SELECT inserted || ' ' || updated || ' ' || unchanged FROM imports ORDER BY id DESC LIMIT 1"; }
stored() { sql "SELECT count(*) || ' ' || sum(paid_amount) FROM settlements WHERE contract = 'c'"; }

"$KAOHE" init >/dev/null
claims 1 200 00 >first.csv
run "$KAOHE" import settlements --contract c first.csv
expect_rc 0 "200 new rows (three full batches and a partial one)"
is "$(counts)" "200 0 0" "all 200 counted as inserted"

# 150..179 change, 180..200 stay, 201..300 are new: batches meet stored keys.
{ claims 150 179 50; claims 180 200 00 | tail -n +2; claims 201 300 00 | tail -n +2; } >second.csv
run "$KAOHE" import settlements --contract c second.csv
expect_rc 0 "a file mixing stored, changed and new rows"
is "$(counts)" "100 30 21" "100 inserted, 30 updated, 21 unchanged"
is "$(stored)" "300 $(awk 'BEGIN { for (i = 1; i <= 300; i++) s += (100 + i) * 100; print s + 30 * 50 }')" \
	"300 rows stored with the changed amounts"

# A key repeated inside one batch: the second occurrence is an update.
{ claims 301 370 00; printf 'C0310,P010,direct,2024-03-11,999.99\n'; } >repeat.csv
run "$KAOHE" import settlements --contract c repeat.csv
expect_rc 0 "a key repeated within a batch"
is "$(counts)" "70 1 0" "70 inserted, the repeat counted as 1 update"
is "$(sql "SELECT paid_amount FROM settlements WHERE contract = 'c' AND claim_id = 'C0310'")" 99999 \
	"the later row wins"

# The same file again changes nothing.
run "$KAOHE" import settlements --contract c second.csv
is "$(counts)" "0 0 151" "re-import: all 151 unchanged"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check ok"

done_testing
