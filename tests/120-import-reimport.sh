#!/bin/sh
# 120-import-reimport: re-importing looks each 64-row batch of rising keys
# up with one range query and compares in C; the counts stay exact, and a
# key repeated within a file is still told — whether the earlier row lies
# in a "dense" range (every stored key in it met by the file, so its keys
# are not recorded one by one), in a range with gaps, or was written row
# by row — and a stored key the file meets only once is never called a
# repeat.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

# claims FIRST LAST [CHANGED-EVERY]: rows C0FIRST..C0LAST (no header);
# with CHANGED-EVERY, every such row pays one fen more.
claims() {
	awk -v a="$1" -v b="$2" -v e="${3:-0}" 'BEGIN {
		for (i = a; i <= b; i++)
			printf "C%04d,P%03d,direct,2024-03-%02d,%d.%02d\n", i, i % 37,
				1 + i % 28, 100 + i, e && i % e == 0 ? 1 : 0
	}'
}
head_line() { echo "claim_id,insured_id,channel,received_date,paid_amount"; }
counts() { sql "SELECT inserted || ' ' || updated || ' ' || unchanged FROM imports ORDER BY id DESC LIMIT 1"; }

"$KAOHE" init >/dev/null
{ head_line; claims 1 300; } >first.csv
run "$KAOHE" import settlements --contract c first.csv
expect_rc 0 "300 rising rows"
is "$(counts)" "300 0 0" "all inserted"

run "$KAOHE" import settlements --contract c first.csv
expect_rc 0 "the same file again"
is "$(counts)" "0 0 300" "0% changed: 300 unchanged"
is "$(grep -c 重复 "$WORK/err")" 0 "no repeat told"

# Every 10th row pays one fen more: 30 of 300.
{ head_line; claims 1 300 10; } >changed.csv
run "$KAOHE" import settlements --contract c changed.csv
is "$(counts)" "0 30 270" "10% changed: 30 updated, 270 unchanged"
is "$(sql "SELECT sum(paid_amount) FROM settlements WHERE contract = 'c'")" \
	"$(awk 'BEGIN { for (i = 1; i <= 300; i++) s += (100 + i) * 100 + (i % 10 == 0); print s }')" \
	"the changed amounts are stored"
run "$KAOHE" import settlements --contract c changed.csv
is "$(counts)" "0 0 300" "and the changed file again changes nothing"

# Dense ranges: C0001..C0200 (three full batches of rising keys met by
# range, then 8 rows written one by one), then C0005 (in the dense range:
# a repeat), C0250 (above every key so far: not one), C0220 (below the
# greatest, but the file never had it: not one) and C0195 (written row
# by row before: a repeat).  All equal the stored rows.
{ head_line; claims 1 200 10; claims 5 5 10; claims 250 250 10; claims 220 220 10
  claims 195 195 10; } >dense.csv
run "$KAOHE" import settlements --contract c dense.csv
expect_rc 0 "repeats over a dense range"
is "$(counts)" "0 0 204" "204 unchanged"
expect_err "dense.csv:202: 键（合同 'c'，结算单号 'C0005'）在第 6、202 行重复出现（2 行）" \
	"C0005 (in a dense range) told at line 202"
expect_err "dense.csv:205: 键（合同 'c'，结算单号 'C0195'）在第 196、205 行重复出现（2 行）" \
	"C0195 (written row by row) told at line 205"
is "$(grep -c 重复 "$WORK/err")" 2 "C0250 and C0220 are not repeats"

# Ranges with gaps: the even keys only (the odd ones are stored but not
# in the file), then C0010 (a repeat) and C0011 (met once: not one).
{ head_line; awk 'BEGIN { for (i = 2; i <= 300; i += 2) print i }' | while read -r i; do
	claims "$i" "$i" 10; done; claims 10 10 10; claims 11 11 10; } >gaps.csv
run "$KAOHE" import settlements --contract c gaps.csv
expect_rc 0 "repeats over ranges with gaps"
is "$(counts)" "0 0 152" "152 unchanged"
expect_err "gaps.csv:152: 键（合同 'c'，结算单号 'C0010'）在第 6、152 行重复出现（2 行）" \
	"C0010 told at line 152"
is "$(grep -c 重复 "$WORK/err")" 1 "C0011 is not a repeat"

# A repeat whose second row differs: an update, and the later row wins.
{ head_line; claims 1 100 10; echo "C0007,P007,direct,2024-03-08,1.00"; } >later.csv
run "$KAOHE" import settlements --contract c later.csv
is "$(counts)" "0 1 100" "the differing repeat is 1 update"
expect_err "later.csv:102: .*C0007" "and told"
is "$(sql "SELECT paid_amount FROM settlements WHERE contract = 'c' AND claim_id = 'C0007'")" 100 \
	"the later row wins"

# A rising range that is partly stored: C0290..C0400.
{ head_line; claims 290 400 10; } >more.csv
run "$KAOHE" import settlements --contract c more.csv
is "$(counts)" "100 0 11" "100 inserted, 11 unchanged"

# Two contracts in one file, each rising: the range starts again at the
# first key of a new contract.
{ echo "contract,claim_id,insured_id,channel,received_date,paid_amount"
  claims 101 200 10 | sed "s/^/c,/"; claims 1 100 | sed 's/^/d,/'; } >two.csv
run "$KAOHE" import settlements two.csv
is "$(counts)" "100 0 100" "d's rows new, c's unchanged"
run "$KAOHE" import settlements two.csv
is "$(counts)" "0 0 200" "again: all unchanged"
is "$(grep -c 重复 "$WORK/err")" 0 "and no repeat"

is "$(sql "SELECT count(*) FROM settlements")" 500 "500 rows stored"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check ok"
done_testing
