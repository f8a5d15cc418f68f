#!/bin/sh
# 770-trend-flags: `kaohe trend` over saved scorecards, the flag rules at
# their edges (man kaohe-trend).  A decline is a period whose points, as a
# share of the indicator's points, are below the period before's (both
# judged: pass or fail); two or more declines in consecutive periods are
# flagged.  One decline alone, decline-flat-decline, and a run broken by an
# n/a period are not.  A flip is pass<->fail between consecutive periods;
# n/a or pending on either side is not a flip.
# Five quarters across a year end (2024Q1..2025Q1), hand-worked below.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
command -v xmllint >/dev/null || skip_all "xmllint not installed"

# "pending" (a manual item without a mark) arrives with issue 16's
# scorecard.rng; until then the same case is an n/a one.
PENDING=na
grep -q '<value>pending</value>' "$SRCDIR/data/schema/scorecard.rng" && PENDING=pending

python3 "$SRCDIR/tests/helpers/make-scorecards.py" "$WORK/sc" <<SPEC
contract t-trend
periods 2024Q1 2024Q2 2024Q3 2024Q4 2025Q1
# 10 -> 5 -> 5 -> 5 -> 5: one decline
ind d.one 10 pass:10 fail:5 fail:5 fail:5 fail:5
# 10 -> 5 -> 0: two in a row (flag 2024Q1..2024Q3, count 2)
ind d.two 10 pass:10 fail:5 fail:0 fail:0 fail:0
# 10 -> 5 -> 5 -> 0: decline, flat, decline
ind d.dfd 10 pass:10 fail:5 fail:5 fail:0 fail:0
# 10 -> 8 -> 6 -> 4 -> 10: three in a row (flag 2024Q1..2024Q4, count 3)
ind d.three 10 pass:10 pass:8 pass:6 pass:4 pass:10
# 10 -> 5 -> n/a -> 0 -> 0: the n/a quarter breaks the run
ind d.na 10 pass:10 fail:5 na:0 fail:0 fail:0
# 10/10 -> 8/8: fewer points but the same share — no decline
ind d.share 10/10/8/8/8 pass:10 pass:10 pass:8 pass:8 pass:8
# fail, pass, pass, fail, pass: flips in 2024Q2, 2024Q4, 2025Q1
ind f.flip 10 fail:0 pass:10 pass:10 fail:0 pass:10
# pending (or n/a) -> pass is not a flip
ind f.pending 10 $PENDING:0 pass:10 pass:10 pass:10 pass:10
SPEC
ok $? "scorecards written"

# files in any order: trend sorts them by period
run "$KAOHE" trend -o "$WORK/t.xml" "$WORK/sc/t-trend-2025Q1.xml" "$WORK/sc/t-trend-2024Q3.xml" \
	"$WORK/sc/t-trend-2024Q1.xml" "$WORK/sc/t-trend-2024Q4.xml" "$WORK/sc/t-trend-2024Q2.xml"
expect_rc 0 "trend over five saved scorecards"
xmllint --noout --relaxng "$SRCDIR/data/schema/trend.rng" "$WORK/t.xml" 2>"$WORK/xmllint.err"
ok $? "trend XML validates against trend.rng"

x() { xmllint --xpath "$1" "$WORK/t.xml" 2>/dev/null; }
ind() { echo "//*[local-name()='indicator'][@id='$1']"; }
flags() { x "count($(ind "$1")/*[local-name()='flag'][@kind='$2'])"; }

is "$(x "string(/*/@from)")-$(x "string(/*/@to)")" "2024Q1-2025Q1" "periods sorted across the year end"
is "$(flags d.one declines)" 0 "one decline: no flag"
is "$(flags d.two declines)" 1 "two consecutive declines: flagged"
f="$(ind d.two)/*[local-name()='flag'][@kind='declines']"
is "$(x "string($f/@from)") $(x "string($f/@to)") $(x "string($f/@count)")" "2024Q1 2024Q3 2" \
	"the run: from the last good quarter to the last decline, 2 declines"
is "$(x "count($(ind d.two)/*[local-name()='cell'][@decline='yes'])")" 2 "both declining cells marked"
is "$(flags d.dfd declines)" 0 "decline-flat-decline: no flag"
is "$(flags d.three declines)" 1 "three in a row: flagged"
is "$(x "string($(ind d.three)/*[local-name()='flag'][@kind='declines']/@count)")" 3 "... with count 3"
is "$(x "string($(ind d.three)/*[local-name()='cell'][@period='2024Q2']/@change)")" "-2.00" \
	"change 8.00 - 10.00 = -2.00"
is "$(x "string($(ind d.three)/*[local-name()='cell'][@period='2025Q1']/@change)")" "+6.00" \
	"change 10.00 - 4.00 = +6.00"
is "$(x "string($(ind d.three)/*[local-name()='cell'][@period='2024Q2']/@value-change)")" "-2" \
	"value change 8 - 10"
is "$(flags d.na declines)" 0 "a run broken by n/a: no flag"
is "$(x "count($(ind d.na)/*[local-name()='cell'][@period='2024Q4'][@change])")" 0 \
	"no change computed after an n/a quarter"
is "$(flags d.share declines)" 0 "same share of fewer points: no decline"
is "$(x "string($(ind d.share)/*[local-name()='cell'][@period='2024Q3']/@change)")" "-2.00" \
	"... though the points change is shown"
is "$(flags f.flip flip)" 3 "pass<->fail: three flips"
is "$(x "string($(ind f.flip)/*[local-name()='flag'][@kind='flip'][1]/@to-status)")" pass \
	"first flip: fail -> pass"
is "$(flags d.one flip)" 1 "d.one flips once (pass -> fail)"
is "$(flags d.na flip)" 1 "d.na: pass -> fail flips; n/a -> fail does not"
is "$(flags f.pending flip)" 0 "$PENDING -> pass is not a flip"
# totals: 60/80, 58/80, 44/68, 27/78, 43/78 — three declines in a row
t="//*[local-name()='total']"
is "$(x "string($t/*[local-name()='cell'][@period='2024Q3']/@score)")/$(x "string($t/*[local-name()='cell'][@period='2024Q3']/@max)")" \
	"44.00/68.00" "2024Q3 total 44.00 of 68.00"
is "$(x "string($t/*[local-name()='flag']/@count)")" 3 "the total declined three quarters in a row"
is "$(x "string(//*[local-name()='summary']/@declining)")" 2 "summary: two indicators declining"
is "$(x "string(//*[local-name()='summary']/@flipped)")" 5 "summary: five indicators flipped (d.one, d.two, d.dfd, d.na, f.flip)"

# files that are not one contract's consecutive periods
run "$KAOHE" trend -o "$WORK/bad.xml" "$WORK/sc/t-trend-2024Q1.xml" "$WORK/sc/t-trend-2024Q3.xml"
expect_rc 65 "a gap between periods is refused"
expect_err "2024Q1" "... naming the periods"
python3 "$SRCDIR/tests/helpers/make-scorecards.py" "$WORK/other" <<'SPEC'
contract t-other
periods 2024Q2 2024
ind a 10 pass:10 pass:10
SPEC
run "$KAOHE" trend -o "$WORK/bad.xml" "$WORK/sc/t-trend-2024Q1.xml" "$WORK/other/t-other-2024Q2.xml"
expect_rc 65 "two contracts are refused"
run "$KAOHE" trend -o "$WORK/bad.xml" "$WORK/other/t-other-2024.xml" "$WORK/other/t-other-2024Q2.xml"
expect_rc 65 "a year and a quarter are refused"
run "$KAOHE" trend -o "$WORK/bad.xml" --contract x "$WORK/sc/t-trend-2024Q1.xml"
expect_rc 64 "files exclude --contract"
run "$KAOHE" trend "$WORK/sc/t-trend-2024Q1.xml"
expect_rc 64 "-o is required"

# categories (issue 16's scorecards): the same rule per category
if grep -q 'name="category"' "$SRCDIR/data/schema/scorecard.rng"; then
	python3 "$SRCDIR/tests/helpers/make-scorecards.py" "$WORK/cat" <<'CATS'
contract t-cat
periods 2024Q1 2024Q2 2024Q3
cat org 20 20 15 10
ind org.x 20 pass:20 fail:15 fail:10
CATS
	run "$KAOHE" trend -o "$WORK/cat.xml" "$WORK"/cat/t-cat-*.xml
	expect_rc 0 "trend over scorecards with categories"
	is "$(xmllint --xpath "string(//*[local-name()='category'][@id='org']/*[local-name()='flag']/@count)" "$WORK/cat.xml")" 2 \
		"category org: 20 -> 15 -> 10, two declines flagged"
else
	ok 0 "# SKIP scorecard.rng has no categories yet (issue 16)"
	ok 0 "# SKIP scorecard.rng has no categories yet (issue 16)"
fi

# English
run "$KAOHE" --lang en trend -o "$WORK/t-en.html" "$WORK"/sc/*.xml
expect_rc 0 "trend renders html in English"
grep -q 'declined' "$WORK/t-en.html"; ok $? "the English page names the declines"

done_testing
