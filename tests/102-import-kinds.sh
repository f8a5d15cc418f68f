#!/bin/sh
# 102-import-kinds: every one of the nine record kinds with Chinese headers:
# stored values (canonical dates, fen, enumerations, defaults), the same
# file again (nothing changes), the same rows in GB18030 (nothing changes),
# and one bad value per kind reported with its line and column.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

D=$TESTDATA/import
run "$KAOHE" init
expect_rc 0 "init"

want_rows() {   # KIND N
	is "$(sql "SELECT count(*) FROM $1")" "$2" "$1: $2 rows stored"
}

for kind in roster settlements complaints audits submissions activities \
	finance population ratings; do
	n=$(sql "SELECT count(*) FROM $kind")
	run "$KAOHE" import "$kind" "$D/$kind.csv"
	expect_rc 0 "$kind: import the fixture"
	rows=$(grep -c '^henan-2024' "$D/$kind.csv")
	expect_out "$rows 行：新增 $rows，更新 0，未变 0" "$kind: all rows inserted"
	run "$KAOHE" import "$kind" "$D/$kind.csv"
	expect_rc 0 "$kind: import again"
	expect_out "新增 0，更新 0，未变 $rows" "$kind: again changes nothing"
	iconv -f UTF-8 -t GB18030 "$D/$kind.csv" >"$WORK/$kind-gb.csv"
	run "$KAOHE" import "$kind" "$WORK/$kind-gb.csv"
	expect_rc 0 "$kind: GB18030 detected"
	expect_out "未变 $rows" "$kind: GB18030 rows equal the UTF-8 ones"
	run "$KAOHE" import "$kind" --encoding gb18030 "$WORK/$kind-gb.csv"
	expect_rc 0 "$kind: --encoding gb18030"
done

# roster
is "$(sql "SELECT staff_id, post, specialty, employment, start_date FROM roster WHERE staff_id = 'S001'")" \
	"S001|resident|medical|formal|2024-01-01" "roster: Chinese words stored as values"
is "$(sql "SELECT name, unit, start_date, end_date, end_reason FROM roster WHERE staff_id = 'S002'")" \
	"李四, 副组长|金水区|2024-01-15|2024-06-30|resign" "roster: quoted comma, dates canonical"
is "$(sql "SELECT start_date FROM roster WHERE staff_id = 'S003'")" "2024-02-01" "roster: YYYYMMDD"
# settlements
is "$(sql "SELECT channel, category, eligible_amount, paid_amount, excused FROM settlements WHERE claim_id = 'JS001'")" \
	"direct|standard|123450|100000|0" "settlements: fen, enums, boolean"
is "$(sql "SELECT category, paid_date IS NULL, paid_amount, excused FROM settlements WHERE claim_id = 'JS002'")" \
	"preferential|1|15050|0" "settlements: unpaid, excused defaults to no"
is "$(sql "SELECT category, paid_amount, excused FROM settlements WHERE claim_id = 'JS003'")" \
	"standard|1|1" "settlements: category defaults to standard"
# complaints
is "$(sql "SELECT complaint_id, channel, category, substantiated, insurer_fault, severity FROM complaints ORDER BY 1" | tr '\n' ' ')" \
	"T001|hotline|delay|yes|1|minor T002|12345|attitude|no|0|minor T003|online|privacy|pending||critical T004|letter|denial|yes|0|serious " \
	"complaints: insurer_fault defaults from substantiated, severity minor"
# audits
is "$(sql "SELECT sample_id, period, result, error_amount FROM audits ORDER BY 1" | tr '\n' ' ')" \
	"A001|2024Q3|pass| A002|2024Q3|fail|12000 " "audits: period defaults to the quarter"
is "$(sql "SELECT finding FROM audits WHERE sample_id = 'A002'")" "金额计算有误，
已退回" "audits: a newline inside a quoted field"
# submissions
is "$(sql "SELECT report, period, submitted_at, accepted FROM submissions ORDER BY 1" | tr '\n' ' ')" \
	"half-year|2024H1|2024-07-15 16:00:05|0 monthly|2024-03|2024-04-03 09:30:00|1 " \
	"submissions: datetimes canonical, accepted defaults to yes"
# activities
is "$(sql "SELECT kind, count, unit FROM activities ORDER BY 1" | tr '\n' ' ')" \
	"records-reviewed|1200| training|1|金水区 " "activities: count defaults to 1, unit ''"
# finance
is "$(sql "SELECT kind, amount, note FROM finance ORDER BY amount" | tr '\n' ' ')" \
	"claims-paid|-35025|冲正 service-fee|5000000| funds-received|1000000000|第一季度 " \
	"finance: negative amounts are reversals, thousands separators"
# population
is "$(sql "SELECT quote(unit), insured FROM population ORDER BY 2" | tr '\n' ' ')" \
	"'金水区'|150000 ''|1200000 " "population: empty unit is the whole contract"
# ratings
is "$(sql "SELECT quarter, rating, raw_rating FROM ratings ORDER BY 1" | tr '\n' ' ')" \
	"2024Q1|A|AAA 2024Q2|B|BB 2024Q3|C|c " "ratings: AAA and BB fold, raw kept"

# Provenance: one imports row per file, with the file's SHA-256.
is "$(sql "SELECT count(*) FROM imports")" "36" "one provenance row per import"
is "$(sql "SELECT sha256 FROM imports WHERE kind = 'ratings' ORDER BY id LIMIT 1")" \
	"$(sha256sum "$D/ratings.csv" | cut -d' ' -f1)" "provenance holds the SHA-256"

# One bad value per kind: line and column in the message, nothing loaded.
bad() {   # KIND LINE COLUMN PATTERN FILE-CONTENT
	printf '%s\n' "$5" >"$WORK/bad-$1.csv"
	before=$(sql "SELECT count(*) FROM $1")
	run "$KAOHE" import "$1" --contract henan-2024 "$WORK/bad-$1.csv"
	expect_rc 65 "$1: bad value exits 65"
	expect_err "bad-$1.csv:$2:$3: .*$4" "$1: error at line $2 column $3"
	is "$(sql "SELECT count(*) FROM $1")" "$before" "$1: bad file loads nothing"
}
bad roster 3 3 "县区" "$(printf 'staff_id,post,unit,specialty,start_date\nX1,city,,it,2024-01-01\nX2,county,,it,2024-01-01')"
bad roster 2 5 "2024-13-01" "$(printf 'staff_id,post,unit,specialty,start_date\nX1,city,,it,2024-13-01')"
bad roster 2 5 "离岗日期早于到岗日期" "$(printf 'staff_id,post,specialty,start_date,end_date\nX1,city,it,2024-05-01,2024-04-30\n')"
bad settlements 2 3 "'wire'" "$(printf 'claim_id,insured_id,channel,received_date,paid_amount\nX,P,wire,2024-01-01,1')"
bad settlements 2 5 "'1.005'" "$(printf 'claim_id,insured_id,channel,received_date,paid_amount\nX,P,direct,2024-01-01,1.005')"
bad settlements 2 5 "'-1'" "$(printf 'claim_id,insured_id,channel,received_date,paid_amount\nX,P,direct,2024-01-01,-1')"
bad settlements 2 6 "'maybe'" "$(printf 'claim_id,insured_id,channel,received_date,paid_amount,excused\nX,P,direct,2024-01-01,1,maybe')"
bad complaints 2 4 "'perhaps'" "$(printf 'complaint_id,received_date,category,substantiated\nC,2024-01-01,delay,perhaps')"
bad complaints 2 5 "办结日期早于受理日期" "$(printf 'complaint_id,received_date,category,substantiated,closed_date\nC,2024-01-02,delay,yes,2024-01-01')"
bad audits 2 3 "'2024Q5'" "$(printf 'sample_id,audit_date,period,stream,result\nA,2024-01-02,2024Q5,r,pass')"
bad audits 2 4 "'ok'" "$(printf 'sample_id,audit_date,stream,result\nA,2024-01-02,r,ok')"
bad submissions 2 3 "'2024-04-03 25:00'" "$(printf 'report,period,submitted_at\nmonthly,2024-03,2024-04-03 25:00')"
bad submissions 2 2 "'2024M3'" "$(printf 'report,period,submitted_at\nmonthly,2024M3,2024-04-03 10:00')"
bad activities 2 3 "'-2'" "$(printf 'date,kind,count\n2024-01-01,training,-2')"
bad activities 2 2 "'dancing'" "$(printf 'date,kind\n2024-01-01,dancing')"
bad finance 2 3 "'12.3.4'" "$(printf 'date,kind,amount\n2024-01-01,refund,12.3.4')"
bad population 2 2 "'many'" "$(printf 'date,insured\n2024-01-01,many')"
bad ratings 2 2 "'E'" "$(printf 'quarter,rating\n2024Q1,E')"
bad ratings 2 1 "'2024-03'" "$(printf 'quarter,rating\n2024-03,A')"

done_testing
