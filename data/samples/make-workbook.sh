#!/bin/sh
# data/samples/make-workbook.sh BUILD: rebuilds the demo's one workbook,
# kaifeng-dae-2024/settlements.xlsx, from kaifeng-dae-2024/settlements.csv
# with the project's own writer (bench/kaohe-xlsxgen, libxlsxwriter) in the
# shape the 医保信息平台 exports: a title row, the headers, values (是/否)
# and dates (2024年9月17日) of data/mappings/yibao-settlements.map.
# `kaohe demo` imports it with --map yibao-settlements in place of the CSV
# (the same rows: tests/672-import-mapping.sh checks the round trip).
# Same input, same bytes.
set -eu
BUILD=${1:?usage: data/samples/make-workbook.sh BUILD-DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
"$BUILD/bench/kaohe-xlsxgen" --kind settlements \
	--map "$HERE/../mappings/yibao-settlements.map" --numbers --sheet 结算明细 \
	--title "开封市2024年城乡居民大额医疗费用补助结算明细（医保信息平台导出）" \
	"$HERE/kaifeng-dae-2024/settlements.csv" "$HERE/kaifeng-dae-2024/settlements.xlsx"
