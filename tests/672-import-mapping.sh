#!/bin/sh
# 672-import-mapping: mapping profiles (--map, man 5 kaohe-mapping) — a
# shipped profile round-trips (kaohe's rows -> a workbook in the export's
# shape by the generator -> import --map -> the same rows), profiles work
# on CSV too, value maps and date formats at their edges, sheet and
# header-row lines, and every profile error cited by FILE:LINE.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

GEN=${KAOHE_TEST_BUILDDIR:-$SRCDIR}/bench/kaohe-xlsxgen
[ -x "$GEN" ] || skip_all "bench/kaohe-xlsxgen not built"
run "$KAOHE" init
expect_rc 0 "init"

cat >rows.csv <<'EOF'
claim_id,insured_id,channel,category,service_date,received_date,paid_date,eligible_amount,paid_amount,excused
R1,P1,direct,standard,2024-03-01,2024-03-05,2024-03-07,1234.56,1000.50,no
R2,P2,manual,preferential,2024-01-31,2024-02-01,2024-02-29,80.00,64.00,yes
R3,P3,direct,standard,2024-12-30,2024-12-31,,0.01,0.01,no
EOF

# 1. Round trip through the shipped profile.
"$GEN" --kind settlements --map "$SRCDIR/data/mappings/yibao-settlements.map" \
	--sheet 结算明细 --title "2024年结算明细" rows.csv export.xlsx
ok $? "the generator writes the profile's shape"
run "$KAOHE" import settlements --contract h1 --show-mapping --dry-run export.xlsx
expect_out "结算流水号  —— 忽略" "without --map the export's headers are not kaohe's"
run "$KAOHE" import settlements --contract h1 --map yibao-settlements export.xlsx
expect_rc 0 "import --map yibao-settlements"
expect_out "新增 3" "three rows"
run "$KAOHE" import settlements --contract h1 rows.csv
expect_out "新增 0，更新 0，未变 3" "round trip: the same rows as kaohe's own CSV"
is "$(sql "SELECT channel||category||received_date||ifnull(paid_date,'-')||excused FROM settlements ORDER BY claim_id" | tr '\n' ' ')" \
	"directstandard2024-03-052024-03-070 manualpreferential2024-02-012024-02-291 directstandard2024-12-31-0 " \
	"是/否 -> direct/manual, 特困供养人员 -> preferential, 2024年3月5日 -> 2024-03-05"

# 2. The profile on a CSV export: value maps, date formats, a time of day
# after the date (YYYY-MM-DD*), 20240305 (kaohe's own date forms still work).
cat >export.csv <<'EOF'
结算流水号,个人编号,结算方式,结算日期,受理日期,支付日期,报销金额,备注
X1,P1,一站式结算,2024年3月5日,2024-03-05 10:22:13,20240307,5.00,
X2,P1,零星报销,2024年12月31日,2024/1/2,2024/1/2 08:00,6.00,备注
EOF
run "$KAOHE" import settlements --contract h1 --map yibao-settlements export.csv
expect_rc 0 "a CSV export through the profile"
is "$(sql "SELECT channel, service_date, received_date, paid_date FROM settlements WHERE claim_id LIKE 'X_' ORDER BY claim_id" | tr '\n' ' ')" \
	"direct|2024-03-05|2024-03-05|2024-03-07 manual|2024-12-31|2024-01-02|2024-01-02 " \
	"一站式结算/零星报销, 2024年3月5日, a datetime's date, 20240307, 2024/1/2"

# 3. A date that fits the format but does not exist, and an unmapped value.
cat >bad.csv <<'EOF'
结算流水号,个人编号,是否直接结算,受理日期,报销金额
Y1,P1,是,2024年2月30日,1
Y2,P1,也许,2024年2月29日,1
EOF
"$GEN" --sheet 结算明细 bad.csv bad.xlsx
run "$KAOHE" import settlements --contract h1 --map yibao-settlements bad.xlsx
expect_rc 65 "bad cells exit 65"
expect_err "bad.xlsx:结算明细!D2: 受理日期: 日期无效（符合映射配置的日期格式，但没有这一天） \\(值为 '2024年2月30日'\\)" \
	"2024年2月30日 is cited at 结算明细!D2 with what was written"
expect_err "bad.xlsx:结算明细!C3: 结算方式: 不是可接受的值" "an unmapped value is cited at C3"
is "$(sql "SELECT count(*) FROM settlements WHERE claim_id LIKE 'Y_'")" 0 "nothing loaded"

# 4. A profile of one's own: sheet and header-row lines, quoted empty
# value, alternatives, comments.
cat >mine.map <<'EOF'
# my city's export
kind settlements
sheet 明细
header-row 3
claim_id <- 单号 | 编号   # two spellings
insured_id <- 人员
channel ← 方式
    直接 → direct
    "" -> manual
received_date <- 日期
    date YYYY.MM.DD
paid_amount <- 金额
EOF
printf '单号,人员,方式,日期,金额\nM1,P1,直接,2024.03.05,1\nM2,P1,,2024.03.06,2\n' >mine.csv
"$GEN" --other-sheet 封面 --sheet 明细 --title 标题一 --title 标题二 mine.csv mine.xlsx
run "$KAOHE" import settlements --contract h1 --map mine.map mine.xlsx
expect_rc 0 "sheet and header-row from the profile"
is "$(sql "SELECT channel||received_date FROM settlements WHERE claim_id LIKE 'M_' ORDER BY claim_id" | tr '\n' ' ')" \
	"direct2024-03-05 manual2024-03-06 " "→, an empty cell mapped by \"\", YYYY.MM.DD"
run "$KAOHE" import settlements --contract h1 --map mine.map --header-row 2 mine.xlsx
expect_rc 65 "--header-row on the command line wins over the profile"

# 5. Profile errors, each cited by FILE:LINE; nothing is read.
printf 'kind complaints\n' >kind.map
run "$KAOHE" import settlements --contract h1 --map kind.map mine.xlsx
expect_rc 65 "a profile for another kind"
expect_err "kind.map:1: 配置用于另一种记录 'complaints'" "cited at kind.map:1"
printf '# x\nbanana <- 香蕉\n' >col.map
run "$KAOHE" import settlements --contract h1 --map col.map mine.xlsx
expect_err "col.map:2: 记录类型中没有这一列 'banana'" "an unknown column, at line 2"
printf '\n    是 -> yes\n' >indent.map
run "$KAOHE" import settlements --contract h1 --map indent.map mine.xlsx
expect_err "indent.map:2: 缩进的行必须在" "an indented line with no column above"
printf 'received_date <- 日期\n    date YYYY-MM\n' >fmt.map
run "$KAOHE" import settlements --contract h1 --map fmt.map mine.xlsx
expect_err "fmt.map:2: 日期格式须含" "a date format without the day"
printf 'claim_id <- 单号\ninsured_id <- 单号\n' >twice.map
run "$KAOHE" import settlements --contract h1 --map twice.map mine.xlsx
expect_err "twice.map:2: 同一表头映射到两列" "one header for two columns"
printf 'whatever\n' >junk.map
run "$KAOHE" --lang en import settlements --contract h1 --map junk.map mine.xlsx
expect_rc 65 "an unknown line"
expect_err "junk.map:1: unknown line" "in English too"
run "$KAOHE" import settlements --contract h1 --map no-such-profile mine.xlsx
expect_rc 66 "a missing profile exits 66"
expect_err "data/mappings/no-such-profile.map" "the message names where it looked"

# 6. The shipped profiles all load (against their kind).
for f in "$SRCDIR"/data/mappings/*.map; do
	kind=$(sed -n 's/^kind //p' "$f")
	run "$KAOHE" import "$kind" --contract h1 --map "$f" --dry-run rows.csv
	case "$(cat "$WORK/err")" in
	*"$(basename "$f")"*) ok 1 "$(basename "$f") loads"; diag "$(cat "$WORK/err")" ;;
	*) ok 0 "$(basename "$f") loads" ;;
	esac
done

done_testing
