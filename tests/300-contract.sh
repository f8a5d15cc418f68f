#!/bin/sh
# 300-contract: `kaohe contract` — help, the five shipped templates (check,
# add by name, list, show in both languages), versions by content hash,
# and every class of bad file: not well-formed, schema violation, unknown
# measure, bad numbers — each with a line number and exit 65.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
D=$TESTDATA/contract
TEMPLATES="zhengzhou-dae-2025 henan-dbbx-2024 luoyang-zgyb-2024 kaifeng-dae-2024 mentougou-fzfw-2024"

run "$KAOHE" contract --help
expect_rc 0 "contract --help"
expect_out 'contract add' "help names add"
run "$KAOHE" contract --lang en --help
expect_out 'validate the file' "English help"
run "$KAOHE" help contract
expect_rc 0 "kaohe help contract"
run "$KAOHE" contract
expect_rc 64 "no subcommand is a usage error"
run "$KAOHE" contract frob
expect_rc 64 "unknown subcommand is a usage error"
run "$KAOHE" contract check
expect_rc 64 "check without a file"

for t in $TEMPLATES; do
	run "$KAOHE" contract check "$SRCDIR/data/contracts/$t.xml"
	expect_rc 0 "template $t validates"
	xmllint --noout --relaxng "$SRCDIR/data/schema/contract.rng" \
		"$SRCDIR/data/contracts/$t.xml" 2>/dev/null
	ok $? "template $t validates with xmllint too"
done

run "$KAOHE" init
for t in $TEMPLATES; do
	run "$KAOHE" contract add "$t"
	expect_rc 0 "add template $t by name"
	expect_out "$t.*1" "template $t stored as version 1"
done
is "$(sql 'SELECT count(*) FROM contracts')" "5" "five contracts stored"
run "$KAOHE" contract list
expect_rc 0 "list"
is "$(grep -c 'dbbx\|dae\|zgyb\|fzfw' "$WORK/out")" "5" "list shows five"
expect_out 'henan-dbbx-2024	1	.*阳光财产.*	15$' "list: id, version, title, insurer, indicators (15: three manual items, issue 16)"

run "$KAOHE" contract show henan-dbbx-2024
expect_rc 0 "show"
for id in staff.resident staff.city staff.city.medical staff.county staff.medical-share \
	settle.direct settle.manual benefit.recompute report.monthly report.half-year \
	report.annual complaints.substantiated; do
	expect_out "^$id " "show lists $id"
done
expect_out '条款： 第七条 乙方派驻' "show gives clause and paraphrase"
expect_out '第十六条.*15个工作日' "settle.direct cites 第十六条"
expect_out '起付 11000 元.*400000' "benefit schemes in words"
expect_out 'return grade=合格 rate=80% default=yes' "deposit table marked as default"
run "$KAOHE" contract show luoyang-zgyb-2024 --lang en
expect_rc 0 "show --lang en"
expect_out 'below 80% deduct 5%' "audit bands in English"
expect_out 'clause: 第三条\(三\)' "English show keeps the clause"
run "$KAOHE" contract show nosuch
expect_rc 66 "show of an unknown contract"
run "$KAOHE" contract show henan-dbbx-2024 --version 9
expect_rc 66 "show of an unknown version"

# Versions: unchanged → no new version; changed → version 2.
cp "$SRCDIR/data/contracts/kaifeng-dae-2024.xml" "$WORK/kaifeng-dae-2024.xml"
run "$KAOHE" contract add "$WORK/kaifeng-dae-2024.xml"
expect_rc 0 "re-add unchanged"
expect_out 'unchanged.*1' "reported as unchanged, version 1"
is "$(sql "SELECT count(*) FROM contracts WHERE id='kaifeng-dae-2024'")" "1" "no new version"
sed 's/points="20" deduct-per-finding="5"/points="20" deduct-per-finding="4"/' \
	"$SRCDIR/data/contracts/kaifeng-dae-2024.xml" >"$WORK/kaifeng-dae-2024.xml"
run "$KAOHE" contract add "$WORK/kaifeng-dae-2024.xml"
expect_rc 0 "add a changed file"
expect_out 'kaifeng-dae-2024.* 2' "changed file is version 2"
is "$(sql "SELECT max(version) FROM contracts WHERE id='kaifeng-dae-2024'")" "2" "version 2 stored"
run "$KAOHE" contract show kaifeng-dae-2024 --version 1
expect_out '每项问题扣 5 分' "version 1 still readable"
run "$KAOHE" contract show kaifeng-dae-2024
expect_out '每项问题扣 4 分' "newest is version 2"
is "$(sql "SELECT sha256 FROM contracts WHERE id='kaifeng-dae-2024' AND version=2")" \
	"$(sha256sum "$WORK/kaifeng-dae-2024.xml" | cut -d' ' -f1)" "stored hash is the file's SHA-256"

# The root's id must match the file name.
cp "$SRCDIR/data/contracts/kaifeng-dae-2024.xml" "$WORK/other-name.xml"
run "$KAOHE" contract check "$WORK/other-name.xml"
expect_rc 65 "root id differing from the file name"
expect_err 'other-name.xml:[0-9]+:.*kaifeng-dae-2024' "message names both"

# Malformed files: each class gives FILE:LINE and exit 65, nothing stored.
bad() {  # bad FILE PATTERN NAME
	run "$KAOHE" contract add "$D/$1"
	expect_rc 65 "$3: exit 65"
	expect_err "kaohe: .*$1:[0-9]+:.*$2" "$3: message with line"
}
bad notwf.xml 'XML' "not well-formed"
bad schema.xml '不符合格式定义' "schema violation"
bad unknown-measure.xml "未知的度量类型 'satisfaction'" "unknown measure"
expect_err "unknown-measure.xml:41:" "unknown measure names its line"
bad bad-rate.xml "staff-share/@min.*fifty" "bad rate"
bad bad-points.xml "indicator/@points.*20.005" "points with three decimals"
bad bad-date.xml "term/@end.*2024-02-30" "impossible date"
is "$(sql "SELECT count(*) FROM contracts WHERE id IN ('notwf','schema','bad-rate')")" "0" \
	"bad files store nothing"
LANG_EN_OUT=$("$KAOHE" --lang en contract check "$D/unknown-measure.xml" 2>&1)
case $LANG_EN_OUT in *"unknown measure 'satisfaction'"*) ok 0 "English error";; *) ok 1 "English error";; esac
run "$KAOHE" contract check "$D/missing.xml"
expect_rc 66 "missing file"
run "$KAOHE" contract check "$D/good.xml"
expect_rc 0 "the fixture the bad ones derive from is good"

# The example in kaohe-contract(5) is a valid contract.
sed -n '/^\.SH EXAMPLE/,/^\.EE/p' "$SRCDIR/man/kaohe-contract.5" | sed '1,2d;$d' >"$WORK/demo-2024.xml"
run "$KAOHE" contract check "$WORK/demo-2024.xml"
expect_rc 0 "the example of kaohe-contract(5) validates"

done_testing
