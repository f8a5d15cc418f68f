#!/bin/sh
# 602-monthly: `kaohe monthly` from records loaded with `kaohe import`
# (tests/data/submit/*.csv): every section's figures checked by hand against
# the 2024 work calendar, the output valid against data/schema/monthly.rng,
# a month without records saying so, the HTML view, and usage errors.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v xmllint >/dev/null 2>&1 || skip_all "xmllint not found"
RNG=$SRCDIR/data/schema/monthly.rng
C=henan-dbbx-2024
export KAOHE_NOW='2024-04-01 09:00:00'   # a fixed @generated

# xp FILE XPATH: a string XPath result, namespaces ignored via local-name().
xp() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }
sec() { echo "//*[local-name()='$1']"; }

run "$KAOHE" monthly --help
expect_rc 0 "monthly --help exits 0"
expect_out "--month" "monthly --help names --month"
run "$KAOHE" --lang en monthly --help
expect_out "^usage: kaohe monthly" "monthly --help in English"
run "$KAOHE" help monthly
expect_rc 0 "kaohe help monthly"

"$KAOHE" init >/dev/null
for kind in roster settlements finance activities audits complaints; do
	run "$KAOHE" import "$kind" "$TESTDATA/submit/$kind.csv" --contract "$C"
	expect_rc 0 "import $kind fixture"
done

run "$KAOHE" monthly --month 2024-03 -o m.xml
expect_rc 64 "--contract is required"
run "$KAOHE" monthly --contract "$C" --month 2024Q1 -o m.xml
expect_rc 64 "--month must be a month"
run "$KAOHE" monthly --contract "$C" --month 2024-03
expect_rc 64 "-o is required"
run "$KAOHE" monthly --contract "$C" --month 2024-03 -o m.xml --as-of 2024-02-01
expect_rc 64 "--as-of before the month is refused"
run "$KAOHE" monthly --contract no-such-contract --month 2024-03 -o m.xml
expect_rc 65 "an unknown contract is refused"
[ ! -e m.xml ]; ok $? "and writes nothing"
run "$KAOHE" monthly --contract "$C" --month 2024-03 -o "$WORK/no/such/dir/m.xml"
expect_rc 73 "an output that cannot be created exits 73"

# --- March 2024 judged on 2024-04-30 ------------------------------------------
run "$KAOHE" monthly --contract "$C" --month 2024-03 -o m.xml --as-of 2024-04-30
expect_rc 0 "monthly builds from imported data"
xmllint --noout --relaxng "$RNG" m.xml 2>"$WORK/rng.err"; ok $? "m.xml validates against monthly.rng"
is "$(xp m.xml "/*/@period") $(xp m.xml "/*/@report") $(xp m.xml "/*/@contract") $(xp m.xml "/*/@as-of")" \
	"2024-03 monthly $C 2024-04-30" "root attributes"
is "$(xp m.xml "namespace-uri(/*)")" "urn:kaohe:monthly:1" "namespace urn:kaohe:monthly:1"
is "$(xp m.xml "$(sec flow)[@kind='funds-received']/@amount")" "1000000.00" "funds received in the month (not April's)"
is "$(xp m.xml "$(sec flow)[@kind='operating-cost']/@amount")" "12345.67" "operating cost"
is "$(xp m.xml "$(sec flow)[@kind='refund']/@amount")" "100.00" "refunds"
is "$(xp m.xml "$(sec claims-paid)/@amount")" "3600.49" "claims paid in March from settlements (incl. a February claim)"
is "$(xp m.xml "$(sec claims-paid)/*[@name='direct']/@count")" "3" "claims paid by channel"
is "$(xp m.xml "$(sec site-inspections)/@count")" "3" "site inspections summed over units, April excluded"
is "$(xp m.xml "$(sec case-reviews)/@count")" "40" "case reviews"
is "$(xp m.xml "$(sec deductions)/@samples") $(xp m.xml "$(sec deductions)/@failed") $(xp m.xml "$(sec deductions)/@amount")" \
	"3 2 200.50" "deductions: samples, failed, amount"
grep -q 'finding="超范围用药 &lt;b&gt;&amp;amp;&lt;/b&gt;"' m.xml; ok $? "markup in a finding is escaped"
# direct, 15 working days: D1 03-01 due 03-22 paid 03-15 on time; D2 03-04
# due 03-25 paid 03-26 late; D3 03-28 due 04-19 (Qingming 04-04..06 off,
# 04-07 worked) unpaid on 04-30: late.
is "$(xp m.xml "$(sec settlement)/*[@name='direct']/@received")/$(xp m.xml "$(sec settlement)/*[@name='direct']/@on-time")/$(xp m.xml "$(sec settlement)/*[@name='direct']/@late")/$(xp m.xml "$(sec settlement)/*[@name='direct']/@pending")" \
	"3/1/2/0" "direct: received 3, on time 1, late 2"
# manual, 20 working days: M1 due 04-02 paid 04-10 late; M2 due 04-03
# unpaid late; M3 excused.
is "$(xp m.xml "$(sec settlement)/*[@name='manual']/@late")/$(xp m.xml "$(sec settlement)/*[@name='manual']/@excused")/$(xp m.xml "$(sec settlement)/*[@name='manual']/@paid")" \
	"2/1/2" "manual: late 2, excused 1, paid 2 by the as-of day"
is "$(xp m.xml "$(sec staffing)/@headcount")" "5" "staffing on 03-31 (a leaver gone, a 03-31 starter in)"
is "$(xp m.xml "$(sec post)[@name='resident']/@headcount")" "2" "resident headcount"
is "$(xp m.xml "$(sec post)[@name='county']/*[@name='medical']/@count")" "1" "county medical"
is "$(xp m.xml "$(sec complaints)/@received")/$(xp m.xml "$(sec complaints)/@closed")/$(xp m.xml "$(sec complaints)/@open-at-end")" \
	"3/2/2" "complaints received, closed, open at month end"

# --- the as-of default is the month's last day ---------------------------------
run "$KAOHE" monthly --contract "$C" --month 2024-03 -o m-end.xml
expect_rc 0 "monthly with the default as-of"
is "$(xp m-end.xml "/*/@as-of")" "2024-03-31" "as-of defaults to the month's last day"
is "$(xp m-end.xml "$(sec settlement)/*[@name='direct']/@late")/$(xp m-end.xml "$(sec settlement)/*[@name='direct']/@pending")" \
	"1/1" "direct on 03-31: D2 late, D3 not yet due"
is "$(xp m-end.xml "$(sec settlement)/*[@name='manual']/@paid")/$(xp m-end.xml "$(sec settlement)/*[@name='manual']/@pending")" \
	"0/2" "manual on 03-31: an April payment is not yet paid; two not yet due"

# --- months without records say so ----------------------------------------------
run "$KAOHE" monthly --contract "$C" --month 2024-06 -o june.xml
expect_rc 0 "a month without activity builds"
xmllint --noout --relaxng "$RNG" june.xml 2>/dev/null; ok $? "june.xml validates"
for s in funds site-inspections case-reviews deductions settlement; do
	is "$(xp june.xml "$(sec "$s")/@status")" "no-data" "June: $s says no-data"
done
is "$(xp june.xml "$(sec staffing)/@status")" "ok" "June: staff still on post is data"
run "$KAOHE" monthly --contract "$C" --month 2023-06 -o before.xml
expect_rc 0 "a month before any record builds"
is "$(grep -c 'status="no-data"' before.xml)" "9" "every section (and sub-section) says no-data"
is "$(grep -c 'status="ok"' before.xml)" "0" "no section claims figures"
if grep -q 'count="0"\|amount="0.00"' before.xml; then ok 1 "no zeros printed as facts"; else ok 0 "no zeros printed as facts"; fi

# --- a year outside the calendar: timeliness left out, said so ----------------------
printf 'claim_id,insured_id,channel,received_date,paid_date,paid_amount\nZ1,P9,direct,2031-03-02,,10.00\n' >z.csv
"$KAOHE" import settlements z.csv --contract "$C" >/dev/null 2>&1
run "$KAOHE" monthly --contract "$C" --month 2031-03 -o z.xml
expect_rc 0 "a month outside the calendar builds"
is "$(xp z.xml "$(sec settlement)/@timeliness") $(xp z.xml "$(sec settlement)/@calendar-missing-year")" \
	"unavailable 2031" "timeliness unavailable, naming the missing year"
xmllint --noout --relaxng "$RNG" z.xml 2>/dev/null; ok $? "z.xml validates"

# --- reproducible, atomic output; the HTML view ----------------------------------
"$KAOHE" monthly --contract "$C" --month 2024-03 -o again.xml --as-of 2024-04-30 >/dev/null
cmp -s m.xml again.xml; ok $? "same data, same KAOHE_NOW: identical output"
ls | grep -q 'tmp-'; [ $? -ne 0 ]; ok $? "no temporary files left behind"
[ -s m.html ]; ok $? "the HTML view is written beside the XML"
grep -q '承办机构月报表' m.html; ok $? "the HTML is in Chinese by default"
grep -q '超范围用药 &lt;b&gt;' m.html; ok $? "markup in a finding is escaped in HTML"
if grep -qi '<script\|<link\|src="http' m.html; then ok 1 "the HTML is self-contained"; else ok 0 "the HTML is self-contained"; fi
run "$KAOHE" --lang en monthly --contract "$C" --month 2024-03 -o en.xml
grep -q "Insurer's monthly report" en.html; ok $? "--lang en renders the HTML in English"
run "$KAOHE" monthly --contract "$C" --month 2024-03 -o nohtml.xml --no-html
[ ! -e nohtml.html ]; ok $? "--no-html writes the XML only"

done_testing
