#!/bin/sh
# 673-xlsx-demo: the demo reads its one workbook (data/samples/kaifeng-
# dae-2024/settlements.xlsx, written by data/samples/make-workbook.sh with
# bench/kaohe-xlsxgen) through the shipped profile yibao-settlements, and
# gets exactly the rows of the CSV beside it.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

BOOK=$SRCDIR/data/samples/kaifeng-dae-2024/settlements.xlsx
[ -s "$BOOK" ]; ok $? "the demo workbook ships"
run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs"
DB=$WORK/demo/kaohe.db
is "$(sqlite3 "$DB" "SELECT file LIKE '%kaifeng-dae-2024/settlements.xlsx', sha256, rows FROM imports WHERE kind = 'settlements' AND contract = 'kaifeng-dae-2024'")" \
	"1|$(sha256sum "$BOOK" | cut -d' ' -f1)|900" "kaifeng's settlements came from the workbook (provenance: its SHA-256)"
run "$KAOHE" --db "$DB" import settlements --contract kaifeng-dae-2024 \
	"$SRCDIR/data/samples/kaifeng-dae-2024/settlements.csv"
expect_out "新增 0，更新 0，未变 900" "the CSV beside it holds the same rows"
GEN=${KAOHE_TEST_BUILDDIR:-$SRCDIR}/bench/kaohe-xlsxgen
if [ -x "$GEN" ]; then
	cp -r "$SRCDIR/data" "$WORK/data-copy"
	sh "$WORK/data-copy/samples/make-workbook.sh" "${KAOHE_TEST_BUILDDIR:-$SRCDIR}"
	cmp -s "$BOOK" "$WORK/data-copy/samples/kaifeng-dae-2024/settlements.xlsx"
	ok $? "make-workbook.sh writes the shipped workbook byte for byte"
fi
done_testing
