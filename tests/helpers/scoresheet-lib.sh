# tests/helpers/scoresheet-lib.sh: shared by the scoresheet tests (65x),
# sourced after tests/lib.sh.  FIXTURE is the hand-written issue-16
# scorecard (categories, methods, marks, levels).  Until the scorecard
# schema carries the issue-16 additions, `report --from` would refuse it;
# fixture_env then points KAOHE_DATADIR at a copy of the data root whose
# scorecard.rng accepts any element of the scorecard namespace (the test
# says so in a diagnostic).  Once the schema has landed (it names
# level-differences) the real one is used and the fixture must validate.

FIXTURE=$TESTDATA/scoresheet/scoresheet-fixture.xml
SCHEMA=$SRCDIR/data/schema/scorecard.rng

fixture_valid() {
	xmllint --noout --relaxng "$SCHEMA" "$FIXTURE" >/dev/null 2>&1
}

# Whether the shipped schema has the issue-16 additions (then the fixture
# must validate against it, and no bridge is used).
schema_has_marks() {
	grep -q 'level-differences' "$SCHEMA"
}

# fixture_env: exports KAOHE_DATADIR when the shipped schema predates the
# fixture; sets FIXTURE_SCHEMA to "shipped" or "bridge".
fixture_env() {
	if fixture_valid || schema_has_marks; then
		FIXTURE_SCHEMA=shipped
		return 0
	fi
	FIXTURE_SCHEMA=bridge
	diag "the shipped scorecard.rng does not know the issue-16 additions yet:" \
	     "rendering the fixture with a permissive bridge schema"
	dd=$WORK/datadir
	if [ -d "$dd" ]; then
		KAOHE_DATADIR=$dd
		export KAOHE_DATADIR
		return 0
	fi
	mkdir -p "$dd/data/schema"
	ln -s "$SRCDIR/templates" "$dd/templates"
	for f in "$SRCDIR"/data/*; do
		[ "$(basename "$f")" = schema ] || ln -s "$f" "$dd/data/"
	done
	for f in "$SRCDIR"/data/schema/*; do
		[ "$(basename "$f")" = scorecard.rng ] || ln -s "$f" "$dd/data/schema/"
	done
	cat >"$dd/data/schema/scorecard.rng" <<'RNG'
<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:kaohe:scorecard:1">
  <start><element name="scorecard"><ref name="any"/></element></start>
  <define name="any">
    <zeroOrMore><choice>
      <attribute><anyName/></attribute><text/>
      <element><nsName/><ref name="any"/></element>
    </choice></zeroOrMore>
  </define>
</grammar>
RNG
	KAOHE_DATADIR=$dd
	export KAOHE_DATADIR
}
