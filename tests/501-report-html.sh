#!/bin/sh
# 501-report-html: `kaohe report --from` renders saved scorecards as one
# self-contained, well-formed HTML page: charts from real gnuplot, hostile
# text escaped and never run, a report without gnuplot, English headings,
# user templates under the XSLT security preferences, and the errors.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

R=$TESTDATA/render
SAMPLE=$R/sample-scorecard.xml
HOSTILE=$R/hostile-scorecard.xml
PWNED=/tmp/kaohe-render-pwned

# --- help ---------------------------------------------------------------
run "$KAOHE" report --help
expect_rc 0 "report --help"
expect_out '用法: kaohe .*report' "report --help is Chinese by default"
expect_out -- '--from' "report --help names --from"
run "$KAOHE" --lang en report --help
expect_rc 0 "report --help --lang en"
expect_out 'usage: kaohe .*report' "report --help in English"
run "$KAOHE" help report
expect_rc 0 "kaohe help report"

# no external URL in src/href, no script element
self_contained() {
	! grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*([a-z][a-z0-9+.-]*:|//)' "$1" &&
	! grep -qi '<script' "$1" && ! grep -Eqi '<(link|iframe|object|embed|img)[[:space:]>]' "$1"
}

# --- the sample ------------------------------------------------------------
run "$KAOHE" report --from "$SAMPLE" --format html -o "$WORK/s.html"
expect_rc 0 "sample renders as html"
xmllint --noout "$WORK/s.html" 2>"$WORK/xmllint.err"; ok $? "html is well-formed XML"
head -c 15 "$WORK/s.html" | grep -q '^<!DOCTYPE html>'; ok $? "html5 doctype first"
self_contained "$WORK/s.html"; ok $? "no external src/href, no script"
grep -q '<svg' "$WORK/s.html"; ok $? "charts are inline svg"
is "$(grep -o '<figure class="chart">' "$WORK/s.html" | wc -l)" 5 "five charts drawn"
grep -q 'class="notice"' "$WORK/s.html"; ok $((! $?)) "no missing-chart notice with gnuplot"
grep -q '某某人寿保险股份有限公司河南分公司' "$WORK/s.html"; ok $? "insurer on the cover"
grep -q '>65.00<' "$WORK/s.html"; ok $? "score on the cover"
is "$(grep -o '<tr class="fail">' "$WORK/s.html" | wc -l)" 4 "three failing indicators and one deducted quarter marked"
grep -q '（显示 20 条，共 25 条）' "$WORK/s.html"; ok $? "evidence: rows shown and the total count"
grep -q '@page' "$WORK/s.html" && grep -q 'size: A4' "$WORK/s.html"; ok $? "A4 print stylesheet"
grep -q 'table-header-group' "$WORK/s.html"; ok $? "table headers repeat in print"
grep -q 'prefers-color-scheme: dark' "$WORK/s.html"; ok $? "dark screens"
grep -q '3f9a1c0e7b2d4a6f' "$WORK/s.html" && grep -q 'settlements.csv' "$WORK/s.html"; ok $? "provenance: contract hash and imports"
grep -q '1,441,550.00' "$WORK/s.html"; ok $? "fees: amount due"
grep -q '指标汇总' "$WORK/s.html"; ok $? "Chinese headings by default"
grep -Eq 'id="kc0-gnuplot_canvas"' "$WORK/s.html" && grep -Eq 'id="kc1-gnuplot_canvas"' "$WORK/s.html"; ok $? "svg ids made unique per chart"

run "$KAOHE" report --from "$SAMPLE" -o "$WORK/s2.html"
expect_rc 0 "format taken from the .html extension"

run "$KAOHE" --lang en report --from "$SAMPLE" --format html -o "$WORK/en.html"
expect_rc 0 "--lang en renders"
grep -q '<h2>Indicator summary</h2>' "$WORK/en.html" && grep -q 'Fees and deductions' "$WORK/en.html" &&
	grep -q 'lang="en"' "$WORK/en.html"; ok $? "--lang en gives English headings"
grep -q '指标汇总' "$WORK/en.html"; ok $((! $?)) "no Chinese headings under --lang en"
run "$KAOHE" report --lang en --from "$SAMPLE" --format html -o - 
grep -q 'Data provenance' "$WORK/out"; ok $? "-o - writes the html to stdout"

# --- hostile input: escaped, never run --------------------------------------
rm -f "$PWNED"
run "$KAOHE" report --from "$HOSTILE" --format html -o "$WORK/h.html"
expect_rc 0 "hostile sample renders"
xmllint --noout "$WORK/h.html"; ok $? "hostile html is well-formed"
self_contained "$WORK/h.html"; ok $? "hostile html has no script element"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$WORK/h.html"; ok $? "script text escaped (insurer, evidence)"
grep -q 'system("touch /tmp/kaohe-render-pwned")' "$WORK/h.html"; ok $? "gnuplot system() shown as text"
grep -q '`touch /tmp/kaohe-render-pwned`' "$WORK/h.html"; ok $? "backquotes shown as text"
is "$(grep -o '<figure class="chart">' "$WORK/h.html" | wc -l)" 5 "hostile labels still give five charts"
[ ! -e "$PWNED" ]; ok $? "nothing ran: $PWNED not created"

# --- without gnuplot ----------------------------------------------------------
KAOHE_GNUPLOT=$WORK/no-such-gnuplot PATH=/nonexistent run "$KAOHE" report --from "$SAMPLE" --format html -o "$WORK/nog.html"
expect_rc 0 "no gnuplot: still exits 0"
expect_err 'gnuplot' "no gnuplot: a warning on stderr"
xmllint --noout "$WORK/nog.html"; ok $? "no gnuplot: well-formed"
grep -q 'class="notice"' "$WORK/nog.html" && grep -q '未找到 gnuplot' "$WORK/nog.html"; ok $? "no gnuplot: the report says so"
grep -q '每日在岗人数' "$WORK/nog.html"; ok $? "no gnuplot: the missing charts are named"
grep -q '<svg' "$WORK/nog.html"; ok $((! $?)) "no gnuplot: no svg"

printf '#!/bin/sh\necho broken >&2\nexit 3\n' >"$WORK/bad-gnuplot"; chmod +x "$WORK/bad-gnuplot"
KAOHE_GNUPLOT=$WORK/bad-gnuplot run "$KAOHE" report --from "$SAMPLE" --format html -o "$WORK/bad.html"
expect_rc 0 "failing gnuplot: exits 0"
grep -q 'gnuplot 运行失败' "$WORK/bad.html"; ok $? "failing gnuplot: notice in the report"

printf '#!/bin/sh\nexec sleep 30\n' >"$WORK/slow-gnuplot"; chmod +x "$WORK/slow-gnuplot"
KAOHE_GNUPLOT_TIMEOUT=1 KAOHE_GNUPLOT=$WORK/slow-gnuplot run "$KAOHE" report --from "$SAMPLE" --format html -o "$WORK/slow.html"
expect_rc 0 "hanging gnuplot: killed, exits 0"
grep -q 'gnuplot 超时' "$WORK/slow.html"; ok $? "hanging gnuplot: timeout noted"

# --- user templates -------------------------------------------------------
mkdir -p "$WORK/tpl"
cat >"$WORK/tpl/plain.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sc="urn:kaohe:scorecard:1">
  <xsl:output method="xml" omit-xml-declaration="yes"/>
  <xsl:param name="lang"/>
  <xsl:template match="/"><p>lang=<xsl:value-of select="$lang"/> score=<xsl:value-of select="sc:scorecard/sc:summary/@score"/></p></xsl:template>
</xsl:stylesheet>
XSL
run "$KAOHE" report --from "$SAMPLE" --format html --template "$WORK/tpl/plain.xsl" -o "$WORK/plain.html"
expect_rc 0 "--template renders with a user stylesheet"
grep -q 'lang=zh score=65.00' "$WORK/plain.html"; ok $? "the lang parameter reaches the template"

cp "$SAMPLE" "$WORK/outside.xml"
cp "$SAMPLE" "$WORK/tpl/inside.xml"
cat >"$WORK/tpl/write.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <exsl:document href="written-by-template.txt" method="text">x</exsl:document><p>x</p>
  </xsl:template>
</xsl:stylesheet>
XSL
run "$KAOHE" report --from "$SAMPLE" --template "$WORK/tpl/write.xsl" -o "$WORK/write.html"
expect_rc 65 "a template writing a file fails"
[ ! -e "$WORK/tpl/written-by-template.txt" ] && [ ! -e "$WORK/written-by-template.txt" ]
ok $? "a template cannot write files"
for where in ../outside.xml inside.xml; do
	sed "s|WHERE|$where|" >"$WORK/tpl/read.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><p>read=<xsl:value-of select="count(document('WHERE')//*)"/></p></xsl:template>
</xsl:stylesheet>
XSL
	run "$KAOHE" report --from "$SAMPLE" --template "$WORK/tpl/read.xsl" -o "$WORK/read.html"
	if [ "$where" = inside.xml ]; then
		expect_rc 0 "a template may read a file beside it"
		grep -q 'read=[1-9]' "$WORK/read.html"; ok $? "the file beside it was read"
	else
		expect_rc 65 "a template reading outside its directory fails"
		expect_err 'outside.xml' "the refusal names the file"
	fi
done

cat >"$WORK/tpl/entity.xsl" <<'XSL'
<!DOCTYPE x [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><p>&e;</p></xsl:template>
</xsl:stylesheet>
XSL
run "$KAOHE" report --from "$SAMPLE" --format html --template "$WORK/tpl/entity.xsl" -o "$WORK/entity.html"
expect_rc 65 "a stylesheet declaring entities is refused"
[ ! -e "$WORK/entity.html" ]; ok $? "nothing written for a refused stylesheet"

run "$KAOHE" report --from "$SAMPLE" --format html --template "$WORK/tpl/none.xsl" -o "$WORK/x.html"
expect_rc 66 "a missing template is 66"

# --- xml passthrough --------------------------------------------------------
run "$KAOHE" report --from "$SAMPLE" --format xml -o "$WORK/s.xml"
expect_rc 0 "--format xml"
xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/s.xml" 2>/dev/null; ok $? "xml output validates"

# --- errors ---------------------------------------------------------------
run "$KAOHE" report --from "$WORK/missing.xml" --format html -o "$WORK/m.html"
expect_rc 66 "missing scorecard is 66"
sed 's/status="pass"/status="great"/' "$SAMPLE" >"$WORK/invalid.xml"
run "$KAOHE" report --from "$WORK/invalid.xml" --format html -o "$WORK/i.html"
expect_rc 65 "a scorecard failing the schema is 65"
expect_err 'invalid.xml' "the schema error names the file"
[ ! -e "$WORK/i.html" ]; ok $? "nothing written for an invalid scorecard"
printf '<!DOCTYPE s [<!ENTITY x "y">]><s/>' >"$WORK/ent.xml"
run "$KAOHE" report --from "$WORK/ent.xml" --format html -o "$WORK/e.html"
expect_rc 65 "a scorecard declaring entities is refused"
run "$KAOHE" report --from "$SAMPLE" --format pdf -o "$WORK/x.pdf"
expect_rc 64 "unknown format is a usage error"
run "$KAOHE" report --from "$SAMPLE" --format html
expect_rc 64 "-o is required"
run "$KAOHE" report --format html -o "$WORK/x.html"
expect_rc 64 "--from or --contract/--period required"
run "$KAOHE" report --from "$SAMPLE" --period 2024 -o "$WORK/x.html"
expect_rc 64 "--from excludes --period"
run "$KAOHE" report --from "$SAMPLE" --format xlsx --template "$WORK/tpl/plain.xsl" -o "$WORK/x.xlsx"
expect_rc 64 "--template only with html"
run "$KAOHE" report --contract c --period 2024x -o "$WORK/x.html"
expect_rc 64 "a bad period is a usage error"
run "$KAOHE" report --from "$SAMPLE" --format html -o "$WORK/no-such-dir/x.html"
expect_rc 73 "an uncreatable output is 73"

done_testing
