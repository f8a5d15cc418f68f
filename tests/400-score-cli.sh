#!/bin/sh
# 400-score-cli: `kaohe score` — its --help in both languages, usage errors
# (exit 64), an unknown contract (66), a bad $KAOHE_NOW, and the table:
# one line per indicator, columns aligned by display width (CJK = 2).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/score/score-lib.sh"

run "$KAOHE" score --help
expect_rc 0 "score --help"
expect_out "用法: kaohe .*score --contract ID --period P" "Chinese help by default"
run "$KAOHE" score --lang en --help
expect_rc 0 "score --lang en --help"
expect_out "^usage: kaohe .*score" "English help"
expect_out "as-of" "help names --as-of"
run "$KAOHE" help score
expect_rc 0 "kaohe help score"

score_setup score-staff.xml
run "$KAOHE" score --period 2024
expect_rc 64 "--contract missing"
expect_err "--contract" "the message names it"
run "$KAOHE" score --contract score-staff
expect_rc 64 "--period missing"
run "$KAOHE" score --contract score-staff --period 2024Q5
expect_rc 64 "bad period"
run "$KAOHE" score --contract score-staff --period 2024 --as-of 2024-02-30
expect_rc 64 "bad as-of date"
run "$KAOHE" score --contract score-staff --period 2024 extra
expect_rc 64 "extra argument"
run "$KAOHE" score --contract score-staff --period 2024 --frobnicate
expect_rc 64 "unknown option"
run "$KAOHE" score --contract no-such --period 2024
expect_rc 66 "unknown contract"
KAOHE_NOW=yesterday run "$KAOHE" score --contract score-staff --period 2024
expect_rc 64 "bad KAOHE_NOW"
expect_err "KAOHE_NOW" "the message names KAOHE_NOW"
is "$(sql "SELECT count(*) FROM score_runs")" "0" "failed runs store nothing"

load roster roster-march.csv score-staff
run "$KAOHE" score --contract score-staff --period 2024
expect_rc 0 "score with failing indicators exits 0"
expect_out "^staff\.resident +第七条 +未达标 +最低 1 人 +≥ 2 人 +0\.00/25\.00$" "resident line"
expect_out "^staff\.medical-share +第六条 +达标 " "share line"
expect_out "^总分: 25\.00 / 100\.00  等级: 不合格" "total and grade"
expect_out "第三十三条\(一\) +interview +staff\.resident" "trigger listed"
# The points column starts at the same display column on every row.
cols=$(head -n 5 "$WORK/out" | perl -CSD -ne '
	next unless /^(.*\s)\S+$/;
	my $width = 0;
	$width += (/[\x{1100}-\x{115F}\x{2E80}-\x{A4CF}\x{AC00}-\x{D7A3}\x{F900}-\x{FAFF}\x{FF00}-\x{FF60}]/ ? 2 : 1)
		for split //, $1;
	print "$width\n";' | sort -u | wc -l)
is "$cols" "1" "columns aligned by display width"

run "$KAOHE" score --contract score-staff --period 2024 --lang en
expect_rc 0 "score --lang en"
expect_out "^indicator +clause +status +value +target +points$" "English heading"
expect_out "^staff\.resident +第七条 +fail +lowest 1 +≥ 2 +0\.00/25\.00$" "English resident line"
expect_out "^staff\.medical-share +第六条 +pass " "English pass"
expect_out "^triggers:" "English triggers"

# The man page's example, on the shipped Henan template.
run "$KAOHE" contract add henan-dbbx-2024
expect_rc 0 "man example: contract add henan-dbbx-2024"
load roster roster-march.csv henan-dbbx-2024
run "$KAOHE" score --contract henan-dbbx-2024 --period 2024 --as-of 2024-11-30 --lang en
expect_rc 0 "man example: score the shipped template"
expect_out "^staff\.resident +第七条 +fail " "the template's resident rule is judged"

done_testing
