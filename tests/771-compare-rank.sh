#!/bin/sh
# 771-compare-rank: `kaohe compare --from` over saved scorecards — ranking
# ties, missing data and coverage (man kaohe-compare).  Rule: contracts
# with no missing indicator (no data here, data for another contract of
# the set) are ranked first by score ÷ max; ties share a rank and the next
# is skipped (1, 1, 3); contracts with missing data are ranked apart,
# after them.  An indicator nobody could judge is missing for nobody.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
command -v xmllint >/dev/null || skip_all "xmllint not installed"

# i.z is n/a everywhere (say an annual report not yet due): nobody's gap.
#   A: 50 + 40 + 0  = 90 of 100            complete, rank 1 (tied)
#   B: 40 + 40 + 10 = 90 of 100            complete, rank 1 (tied)
#   C: 50 + 20 + 10 = 80 of 100            complete, rank 3
#   D: 50 + 40 + n/a = 90 of 90 (100%)     i.c missing: incomplete, rank 1 of its group
python3 "$SRCDIR/tests/helpers/make-scorecards.py" "$WORK/sc" <<'SPEC'
contract c-a insurer 甲保险公司
periods 2024
ind i.a 50 pass:50
ind i.b 40 pass:40
ind i.c 10 fail:0
ind i.z 10 na:0
contract c-b insurer 乙保险公司
periods 2024
ind i.a 50 fail:40
ind i.b 40 pass:40
ind i.c 10 pass:10
ind i.z 10 na:0
contract c-c insurer 丙保险公司
periods 2024
ind i.a 50 pass:50
ind i.b 40 fail:20
ind i.c 10 pass:10
ind i.z 10 na:0
contract c-d insurer 丁保险公司
periods 2024
ind i.a 50 pass:50
ind i.b 40 pass:40
ind i.c 10 na:0
ind i.z 10 na:0
SPEC
ok $? "scorecards written"

run "$KAOHE" compare -o "$WORK/c.xml" --from "$WORK/sc/c-d-2024.xml" --from "$WORK/sc/c-c-2024.xml" \
	--from "$WORK/sc/c-b-2024.xml" --from "$WORK/sc/c-a-2024.xml"
expect_rc 0 "compare four saved scorecards"
xmllint --noout --relaxng "$SRCDIR/data/schema/compare.rng" "$WORK/c.xml" 2>"$WORK/xmllint.err"
ok $? "compare XML validates against compare.rng"
x() { xmllint --xpath "$1" "$WORK/c.xml" 2>/dev/null; }
row() { echo "//*[local-name()='contract'][@id='$1']"; }
order=
for i in 1 2 3 4; do order="$order$(x "string(//*[local-name()='contract'][$i]/@id)") "; done
is "$order" "c-a c-b c-c c-d " "table order: complete by rank (a tie by contract id), then the incomplete group"
is "$(x "string($(row c-a)/@rank)") $(x "string($(row c-b)/@rank)") $(x "string($(row c-c)/@rank)")" "1 1 3" \
	"90, 90, 80: ranks 1, 1, 3"
is "$(x "string($(row c-a)/@tied)")$(x "string($(row c-c)/@tied)")" "yes" "the tie is marked, the third is not"
is "$(x "string($(row c-d)/@group)")" incomplete "D: i.c has no data while others have: incomplete"
is "$(x "string($(row c-d)/@rank)")" 1 "D ranked 1 of the incomplete group, not above A (100% > 90%)"
is "$(x "string($(row c-d)/@missing)") $(x "string($(row c-d)/@coverage)")/$(x "string($(row c-d)/@indicators)")" \
	"1 2/4" "D: one missing, 2 of 4 indicators with data"
is "$(x "string($(row c-a)/@missing)") $(x "string($(row c-a)/@coverage)")" "0 3" \
	"A: i.z (n/a for all) is missing for nobody"
is "$(x "string($(row c-d)/@share)")" "1.0000" "D's share 90/90"
is "$(x "string(/*/@complete)")" 3 "three complete contracts"

# a named subset, the period checked
run "$KAOHE" compare -o "$WORK/c2.xml" --contract c-c --contract c-d \
	--from "$WORK/sc/c-a-2024.xml" --from "$WORK/sc/c-c-2024.xml" --from "$WORK/sc/c-d-2024.xml"
expect_rc 0 "compare a named subset of files"
is "$(xmllint --xpath "count(//*[local-name()='contract'])" "$WORK/c2.xml")" 2 "two contracts kept"
is "$(xmllint --xpath "string(//*[local-name()='contract'][@id='c-d']/@group)" "$WORK/c2.xml")" incomplete \
	"missing is judged within the set: C has i.c, so D is still incomplete"
run "$KAOHE" compare -o "$WORK/c3.xml" --period 2025 --from "$WORK/sc/c-a-2024.xml"
expect_rc 65 "a scorecard of another period is refused"
run "$KAOHE" compare -o "$WORK/c3.xml" --family 001 --from "$WORK/sc/c-a-2024.xml"
expect_rc 64 "--from excludes --family"
run "$KAOHE" compare --period 2024 --from "$WORK/sc/c-a-2024.xml"
expect_rc 64 "-o is required"

# the views
run "$KAOHE" compare -o "$WORK/c.html" --from "$WORK/sc/c-a-2024.xml" --from "$WORK/sc/c-d-2024.xml"
expect_rc 0 "compare renders html"
xmllint --noout "$WORK/c.html" 2>/dev/null; ok $? "the html is well-formed"
grep -q '数据不全' "$WORK/c.html"; ok $? "the html marks the incomplete group"
run "$KAOHE" compare -o "$WORK/c.xlsx" --from "$WORK/sc/c-a-2024.xml" --from "$WORK/sc/c-d-2024.xml"
expect_rc 0 "compare writes xlsx"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert "xl/workbook.xml" in z.namelist()' \
	"$WORK/c.xlsx" 2>/dev/null
ok $? "the xlsx is a workbook"

# categories (issue 16's scorecards): ranked per category inside each group
if grep -q 'name="category"' "$SRCDIR/data/schema/scorecard.rng"; then
	python3 "$SRCDIR/tests/helpers/make-scorecards.py" "$WORK/cat" <<'SPEC'
contract k-a
periods 2024
cat org 20 15
cat svc 80 70
ind org.x 20 fail:15
ind svc.y 80 fail:70
contract k-b
periods 2024
cat org 20 20
cat svc 80 60
ind org.x 20 pass:20
ind svc.y 80 fail:60
SPEC
	run "$KAOHE" compare -o "$WORK/k.xml" --from "$WORK/cat/k-a-2024.xml" --from "$WORK/cat/k-b-2024.xml"
	expect_rc 0 "compare scorecards with categories"
	k() { xmllint --xpath "string(//*[local-name()='contract'][@id='$1']/*[local-name()='category'][@id='$2']/@rank)" "$WORK/k.xml"; }
	is "$(k k-a org) $(k k-b org) $(k k-a svc) $(k k-b svc)" "2 1 1 2" "category ranks: org B first, svc A first"
else
	ok 0 "# SKIP scorecard.rng has no categories yet (issue 16)"
fi

done_testing
