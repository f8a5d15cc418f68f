# score-lib.sh: helpers for the scoring tests (tests/40N-*.sh), sourced
# after tests/lib.sh.  The scorecard of the last run is read back from the
# store into $WORK/sc.xml and queried with xmllint.
SCORE_DATA=$TESTDATA/score
export KAOHE_NOW=2025-01-15T09:30:00

# score_setup CONTRACT.xml...: a fresh database with these contracts.
score_setup() {
	"$KAOHE" init >/dev/null 2>&1 || { echo "Bail out! kaohe init"; exit 1; }
	for f in "$@"; do
		"$KAOHE" contract add "$SCORE_DATA/$f" >/dev/null 2>"$WORK/setup.err" ||
			{ echo "Bail out! contract add $f: $(cat "$WORK/setup.err")"; exit 1; }
	done
}

# load KIND FILE CONTRACT: import a fixture (FILE relative to tests/data/score
# unless absolute).
load() {
	case $2 in /*) f=$2 ;; *) f=$SCORE_DATA/$2 ;; esac
	"$KAOHE" import "$1" "$f" --contract "$3" >/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import $1 $2: $(cat "$WORK/setup.err")"; exit 1; }
}

# score ARGS...: kaohe score, then the stored scorecard into $WORK/sc.xml.
score() {
	run "$KAOHE" score "$@"
	sql "SELECT scorecard_xml FROM score_runs ORDER BY id DESC LIMIT 1" >"$WORK/sc.xml"
}

# xp XPATH: an XPath string over the last scorecard (namespace-blind: use
# the N() steps below).
xp() { xmllint --xpath "$1" "$WORK/sc.xml" 2>/dev/null; }
IND="//*[local-name()='indicator']"
# ind ID ATTR: an attribute of an indicator.
ind() { xp "string($IND[@id='$1']/@$2)"; }
# items ID ATTR: that attribute of every evidence item, one per line.
items() {
	xp "$IND[@id='$1']/*[local-name()='evidence']/*[local-name()='item']/@$2" |
		sed 's/^ *[a-z-]*="\(.*\)"$/\1/'
}
# evidence ID ATTR: count or shown.
evidence() { xp "string($IND[@id='$1']/*[local-name()='evidence']/@$2)"; }

# validate NAME: the last scorecard against data/schema/scorecard.rng.
validate() {
	if [ ! -f "$SRCDIR/data/schema/scorecard.rng" ]; then
		echo "ok $((_tap_n += 1)) # SKIP no scorecard.rng yet"
		return
	fi
	xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/sc.xml" \
		>/dev/null 2>"$WORK/xmllint.err"
	r=$?
	ok $r "$1"
	[ $r -eq 0 ] || diag "$(head -c 2000 "$WORK/xmllint.err")"
}
