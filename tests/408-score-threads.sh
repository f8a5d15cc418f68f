#!/bin/sh
# 408-score-threads: a score reads its claims on two threads (two shares of
# the claim ids, each on a connection of its own, the second thread's into
# a sort of its own: claim-pass.c) and its scorecard is the same, byte
# for byte, as one thread's (KAOHE_SCORE_THREADS=1): claim ids
# of a fixed head and a number (split at their decimal midpoint), and ids
# that differ from their first byte (split at a byte).  Data from
# bench/kaohe-gen, on the bundled henan-dbbx-2024 contract.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

need_gen
C=henan-dbbx-2024

# score_both NAME: score 2024 on one thread, then on two; the two stored
# scorecards must be identical.
score_both() {
	KAOHE_SCORE_THREADS=1 run "$KAOHE" score --contract $C --period 2024
	expect_rc 0 "$1: score on one thread"
	sql "SELECT scorecard_xml FROM score_runs ORDER BY id DESC LIMIT 1" >one.xml
	score --contract $C --period 2024
	expect_rc 0 "$1: score on two threads"
	if cmp -s one.xml "$WORK/sc.xml"; then ok 0 "$1: the same scorecard"; else
		ok 1 "$1: the same scorecard"; diff one.xml "$WORK/sc.xml" | head -20 | sed 's/^/# /'; fi
}

init_db
run "$KAOHE" contract add $C
expect_rc 0 "the bundled contract"
"$GEN" settlements --rows 30000 --contract $C --year 2024 --seed 7 -o s.csv
import_all s.csv 30000 "30000 generated claims"
score_both "numbered claim ids"
# The run judged claims (the benefit recomputation, both timeliness
# indicators): nothing empty was compared.
ok "$( [ "$(ind benefit.recompute status)" != na ] && echo 0 || echo 1)" \
	"the benefit recomputation judged claims"
judged=$(xp "count($IND[@id='settle.direct']//*[local-name()='item'])")
ok "$( [ "${judged:-0}" -gt 0 ] && echo 0 || echo 1)" \
	"direct settlement timeliness lists late claims ($judged)"

# Claim ids that differ from their first byte (a letter, then the number
# backwards): a fresh database.
rm -f "$KAOHE_DB" "$KAOHE_DB-wal" "$KAOHE_DB-shm"
init_db
run "$KAOHE" contract add $C
awk -F, -v OFS=, 'NR > 1 { n = substr($2, 7) + 0;
	$2 = sprintf("%c%d", 97 + n % 26, n * 7919 % 1000003) } { print }' s.csv >t.csv
import_all t.csv 30000 "the claims with letter-led ids"
score_both "letter-led claim ids"
done_testing
