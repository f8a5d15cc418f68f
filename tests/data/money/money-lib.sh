# money-lib.sh: helpers for the money tests (tests/47N-49N-*.sh), sourced
# after tests/lib.sh.  Contracts come from the shipped templates (or this
# directory), records through `kaohe import`; statements are read back as
# XML ($WORK/fees.xml) and queried with xmllint.
MONEY_DATA=$TESTDATA/money
export KAOHE_NOW=2025-01-15T09:30:00

# money_setup CONTRACT...: a fresh database with these contracts (a
# template name, or a file name in tests/data/money).
money_setup() {
	"$KAOHE" init >/dev/null 2>&1 || { echo "Bail out! kaohe init"; exit 1; }
	for c in "$@"; do
		case $c in *.xml) c=$MONEY_DATA/$c ;; esac
		"$KAOHE" contract add "$c" >/dev/null 2>"$WORK/setup.err" ||
			{ echo "Bail out! contract add $c: $(cat "$WORK/setup.err")"; exit 1; }
	done
}

# load KIND FILE CONTRACT: import a fixture (FILE relative to
# tests/data/money unless absolute).
load() {
	case $2 in /*) f=$2 ;; *) f=$MONEY_DATA/$2 ;; esac
	"$KAOHE" import "$1" "$f" --contract "$3" >/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import $1 $2: $(cat "$WORK/setup.err")"; exit 1; }
}

# fees_xml ARGS... / settle_xml ARGS...: the statement as XML in $WORK/fees.xml.
fees_xml() { run "$KAOHE" fees --format xml "$@"; cp "$WORK/out" "$WORK/fees.xml"; }
settle_xml() { run "$KAOHE" settle --format xml "$@"; cp "$WORK/out" "$WORK/fees.xml"; }

# fx XPATH: an XPath string over the last statement (namespace-blind).
fx() { xmllint --xpath "$1" "$WORK/fees.xml" 2>/dev/null; }
# fees ATTR: an attribute of <fees>.
fees() { fx "string(/*/@$1)"; }
# quarter PERIOD ATTR: an attribute of a <quarter>.
quarter() { fx "string(/*/*[local-name()='quarter'][@period='$1']/@$2)"; }
# line KIND [N]: the amount of the Nth (default first) line of that kind.
line() { fx "string((/*/*[local-name()='line'][@kind='$1'])[${2:-1}]/@amount)"; }
# nlines KIND: how many lines of that kind.
nlines() { fx "count(/*/*[local-name()='line'][@kind='$1'])"; }
# linetext KIND [N]: the text of that line.
linetext() { fx "string((/*/*[local-name()='line'][@kind='$1'])[${2:-1}]/@text)"; }

# validate_run NAME: the newest stored scorecard against scorecard.rng.
validate_run() {
	sql "SELECT scorecard_xml FROM score_runs ORDER BY id DESC LIMIT 1" >"$WORK/sc.xml"
	xmllint --noout --relaxng "$SRCDIR/data/schema/scorecard.rng" "$WORK/sc.xml" \
		>/dev/null 2>"$WORK/xmllint.err"
	r=$?
	ok $r "$1"
	[ $r -eq 0 ] || diag "$(head -c 2000 "$WORK/xmllint.err")"
}

# balanced NAME: the last statement satisfies the fund identity, worked
# from its lines themselves (not from the balance line's text), and the
# balance line is its last line and carries the left side:
#   funds + loss-beyond-reserve + loss-other
#     = claims-paid + reserve-left + insurer-net + surplus-to-fiscal
#       + returned + deposit-withheld + profit-withheld + damages
balanced() {
	awk '
	/<line / {
		k = $0; sub(/.* kind="/, "", k); sub(/".*/, "", k)
		a = $0; sub(/.* amount="/, "", a); sub(/".*/, "", a)
		neg = (a ~ /^-/); sub(/^-/, "", a); split(a, p, ".")
		fen = p[1] * 100 + p[2]; if (neg) fen = -fen
		last = k
		if (k == "funds" || k == "loss-beyond-reserve" || k == "loss-other") left += fen
		else if (k == "claims-paid" || k == "reserve-left" || k == "insurer-net" ||
		         k == "surplus-to-fiscal" || k == "returned" || k == "deposit-withheld" ||
		         k == "profit-withheld" || k == "damages") right += fen
		else if (k == "balance") shown = fen
	}
	END {
		if (last != "balance") { print "the last line is " last ", not the balance"; exit 1 }
		if (left != right) { printf "left %.0f fen, right %.0f fen\n", left, right; exit 1 }
		if (shown != left) { printf "the balance line shows %.0f fen, the left side is %.0f\n", shown, left; exit 1 }
	}' "$WORK/fees.xml" >"$WORK/balance.err"
	r=$?
	ok $r "$1"
	[ $r -eq 0 ] || diag "$(cat "$WORK/balance.err")"
}
