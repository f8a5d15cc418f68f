#!/bin/sh
# 773-trend-cli: `kaohe trend --contract ID --from P --to P` scores each
# period afresh (kh_score_run: each run stored) — 002 over its two-year
# term with the demo's 2024 records and the 2025 ones of
# data/samples/luoyang-zgyb-2024-2025 (generate-trend.py says what they
# hold): totals by quarter 100, 80, 90, 70 | 100, 100, 80, 70, so the two
# declines of 2025Q3–Q4 are flagged and 2024's single ones are not; by
# year 60 → 70.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v xmllint >/dev/null || skip_all "xmllint not installed"
S=$SRCDIR/data/samples
ID=luoyang-zgyb-2024
"$KAOHE" init >/dev/null && "$KAOHE" contract add $ID >/dev/null
for kind in population roster audits activities; do
	"$KAOHE" import $kind --contract $ID "$S/$ID/$kind.csv" >/dev/null || echo "import $kind failed" >&2
done
for kind in roster audits activities; do
	"$KAOHE" import $kind --contract $ID "$S/luoyang-zgyb-2024-2025/$kind.csv" >/dev/null ||
		echo "import 2025 $kind failed" >&2
done

run "$KAOHE" trend --contract $ID --from 2024Q1 --to 2025Q4 -o q.xml
expect_rc 0 "trend over eight quarters"
xmllint --noout --relaxng "$SRCDIR/data/schema/trend.rng" q.xml 2>xmllint.err
ok $? "validates against trend.rng"
x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
scores=
for p in 2024Q1 2024Q2 2024Q3 2024Q4 2025Q1 2025Q2 2025Q3 2025Q4; do
	scores="$scores $(x "string(//*[local-name()='total']/*[@period='$p']/@score)" q.xml)"
done
# the template's two manual items (002 第五条(二), 第四条(三)) carry no
# marks here: 待评, 0 points, still in the maximum
is "$scores" " 85.00 65.00 75.00 60.00 85.00 85.00 65.00 55.00" "totals by quarter"
is "$(x "count(//*[local-name()='total']/*[local-name()='flag'])" q.xml)" 1 "one flagged run of the total"
f="//*[local-name()='total']/*[local-name()='flag']"
is "$(x "string($f/@from)" q.xml) $(x "string($f/@to)" q.xml)" "2025Q2 2025Q4" "... from 2025Q2 (the last good quarter) to 2025Q4"
a="//*[local-name()='indicator'][@id='audit.pass-rate']"
is "$(x "string($a/*[@period='2025Q3']/@value-change)" q.xml)" "-0.0300" "audit pass rate 91% → 88%: -0.0300"
is "$(x "count($a/*[local-name()='flag'][@kind='declines'])" q.xml)" 0 \
	"audit: 20 → 0 → 0 is one decline, then flat: no flag"
is "$(x "count($a/*[local-name()='flag'][@kind='flip'])" q.xml)" 5 \
	"audit flips: Q1→Q2, Q2→Q3, Q3→Q4 2024, Q4→Q1, Q2→Q3 2025"
is "$(sqlite3 "$KAOHE_DB" "SELECT count(*) FROM score_runs WHERE contract = '$ID'")" 8 \
	"each quarter's run stored, as kaohe score stores it"

run "$KAOHE" trend --contract $ID --from 2024 --to 2025 -o y.xml
expect_rc 0 "trend by year"
is "$(x "string(//*[local-name()='total']/*[@period='2025']/@change)" y.xml)" "+5.00" "2024 → 2025: +5.00"

run "$KAOHE" trend --contract $ID --from 2024Q3 --to 2025Q2 -o q.xlsx
expect_rc 0 "trend as xlsx"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert "xl/workbook.xml" in z.namelist()' \
	q.xlsx 2>/dev/null
ok $? "the xlsx is a workbook"

# usage
run "$KAOHE" trend --contract $ID --from 2024 --to 2025Q1 -o bad.xml
expect_rc 64 "a year and a quarter are refused"
expect_err "同一种考核期" "... saying why"
run "$KAOHE" trend --contract $ID --from 2025 --to 2024 -o bad.xml
expect_rc 64 "--to before --from is refused"
run "$KAOHE" trend --contract $ID --from 2024 -o bad.xml
expect_rc 64 "--to is required"
run "$KAOHE" trend --contract $ID --from 2024x --to 2025 -o bad.xml
expect_rc 64 "an invalid period is refused"
run "$KAOHE" trend --contract nosuch --from 2024 --to 2025 -o bad.xml
expect_rc 66 "an unknown contract: no input"
run "$KAOHE" trend --help
expect_rc 0 "trend --help"
expect_out "连续两期" "help states the decline rule"
run "$KAOHE" --lang en compare --help
expect_rc 0 "compare --help in English"
expect_out "1, 1, 3" "help states the tie rule"

done_testing
