# measures-lib.sh: helpers for the measure tests (tests/43N-46N-*.sh),
# sourced after tests/lib.sh.  Each test builds a database with the test
# contract tests/data/measures/measures.xml, imports fixtures, renders the
# scorecard with `kaohe report --format xml` into $WORK/sc.xml and queries
# it with xmllint.
MDATA=$TESTDATA/measures
export KAOHE_NOW=2025-01-15T09:30:00

# msetup: a fresh database with the test contract.
msetup() {
	"$KAOHE" init >/dev/null 2>&1 || { echo "Bail out! kaohe init"; exit 1; }
	"$KAOHE" contract add "$MDATA/measures.xml" >/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! contract add: $(cat "$WORK/setup.err")"; exit 1; }
}

# mload KIND FILE: import a fixture (FILE relative to tests/data/measures
# unless absolute) for the test contract.
mload() {
	case $2 in /*) f=$2 ;; *) f=$MDATA/$2 ;; esac
	"$KAOHE" import "$1" "$f" --contract measures >/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import $1 $2: $(cat "$WORK/setup.err")"; exit 1; }
}

# mreport PERIOD [--as-of D] [more args]: the scorecard into $WORK/sc.xml.
mreport() {
	p=$1; shift
	rm -f "$WORK/sc.xml"
	run "$KAOHE" report --contract measures --period "$p" --format xml \
		-o "$WORK/sc.xml" "$@"
}

xp() { xmllint --xpath "$1" "$WORK/sc.xml" 2>/dev/null; }
IND="//*[local-name()='indicator']"
# ind ID ATTR: an attribute of an indicator.
ind() { xp "string($IND[@id='$1']/@$2)"; }
# items ID ATTR: that attribute of every evidence item, one per line.
items() {
	xp "$IND[@id='$1']/*[local-name()='evidence']/*[local-name()='item']/@$2" |
		sed 's/^ *[a-z-]*="\(.*\)"$/\1/'
}
# item ID REF ATTR: an attribute of the evidence item with that ref.
item() {
	xp "string($IND[@id='$1']/*[local-name()='evidence']/*[local-name()='item'][@ref='$2']/@$3)"
}
# evidence ID ATTR: count or shown.
evidence() { xp "string($IND[@id='$1']/*[local-name()='evidence']/@$2)"; }
# notes ID: the notes of an indicator, one line.
notes() { xp "$IND[@id='$1']/*[local-name()='note']/text()" | tr '\n' ' '; }
# points SERIES ATTR: that attribute of every point of a chart series.
points() {
	xp "//*[local-name()='series'][@id='$1']/*[local-name()='point']/@$2" |
		sed 's/^ *[a-z-]*="\(.*\)"$/\1/' | tr '\n' ' ' | sed 's/ $//'
}
# series_count ID: how many series carry that id.
series_count() { xp "count(//*[local-name()='series'][@id='$1'])"; }

# mvalidate NAME: the scorecard against data/schema/scorecard.rng.
mvalidate() {
	xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/sc.xml" \
		>/dev/null 2>"$WORK/xmllint.err"
	r=$?
	ok $r "$1"
	[ $r -eq 0 ] || diag "$(head -c 2000 "$WORK/xmllint.err")"
}
