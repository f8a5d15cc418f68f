#!/bin/sh
# 610-import-marks: the marks kind (评分): a panel's marks with Chinese and
# English headers, levels in both languages, scores ×100 exactly (at most
# two decimals, never negative), reason and evidence optional; the same
# file again changes nothing, a changed score is an update (the key is
# contract, period, level, indicator, member); GB18030; --dry-run; a bad
# row anywhere loads nothing, reported as FILE:LINE:COLUMN; the forward
# migration from schema version 2.  Whether a score exceeds the
# indicator's points is NOT judged here: the import does not need the
# contract, so a score of 99 for a 5-point item loads (scoring judges it).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" init
expect_rc 0 "init"
is "$(sql 'SELECT count(*) FROM marks')" 0 "the marks table exists (migration 3)"

run "$KAOHE" import --help
expect_out 'marks' "import --help names the marks kind"

# Chinese headers and level words; reason and evidence optional.
cat >zh.csv <<'CSV'
考核期,层级,指标,评分人,得分,扣分原因,依据
2025,市级,org.finance-filing,王敏,4.5,财务制度备案晚于合同约定,郑医保函〔2025〕12号
2025,市级,org.finance-filing,李强,4,备案材料不全,
2025,市级,org.finance-filing,赵磊,5,,
2025,自评,org.finance-filing,承办机构自评,5,,
2025,省级,service.satisfaction,省抽查组,3.25,满意度调查样本不足,抽查记录
CSV
run "$KAOHE" import marks --contract zz zh.csv
expect_rc 0 "Chinese headers import"
expect_out "5 行：新增 5，更新 0，未变 0" "five marks inserted"
is "$(sql "SELECT period, level, indicator, member, score FROM marks WHERE member = '王敏'")" \
	"2025|city|org.finance-filing|王敏|450" "市级 stored as city, 4.5 as 450"
is "$(sql "SELECT level, score FROM marks WHERE member = '承办机构自评'")" "self|500" "自评 stored as self"
is "$(sql "SELECT level, score, reason, evidence FROM marks WHERE member = '省抽查组'")" \
	"province|325|满意度调查样本不足|抽查记录" "省级 as province, 3.25 as 325, reason and evidence kept"
is "$(sql "SELECT quote(reason), quote(evidence) FROM marks WHERE member = '赵磊'")" \
	"''|''" "no reason, no evidence: empty text"
is "$(sql "SELECT count(*) FROM imports WHERE kind = 'marks' AND contract = 'zz'")" 1 "provenance row"
is "$(sql "SELECT count(*) FROM marks WHERE import_id = (SELECT max(id) FROM imports)")" 5 \
	"each mark names the import that wrote it"

# Idempotent: the same file again changes nothing.
run "$KAOHE" import marks --contract zz zh.csv
expect_rc 0 "the same file again"
expect_out "新增 0，更新 0，未变 5" "again changes nothing"

# English headers and words; a changed score on the same key is an update;
# a mark at another level or period is another row.
cat >en.csv <<'CSV'
contract,period,level,indicator,member,score,reason,evidence
zz,2025,city,org.finance-filing,李强,4.25,备案材料不全,
zz,2025,self,org.finance-filing,王敏,0,,
zz,2025H1,city,org.finance-filing,王敏,3,,
CSV
run "$KAOHE" import marks en.csv
expect_rc 0 "English headers, the contract column"
expect_out "3 行：新增 2，更新 1，未变 0" "a changed score updates its key; another level or period inserts"
is "$(sql "SELECT score FROM marks WHERE member = '李强'")" 425 "李强's 4 is now 4.25"
is "$(sql "SELECT score FROM marks WHERE level = 'self' AND member = '王敏'")" 0 "a score of 0 is a mark"

# --dry-run counts and writes nothing.
printf '考核期,层级,指标,评分人,得分\n2025,市级,org.finance-filing,赵磊,4.75\n2025,市级,claims.cap,赵磊,12\n' >dry.csv
imports=$(sql "SELECT count(*) FROM imports")
run "$KAOHE" import marks --contract zz --dry-run dry.csv
expect_rc 0 "--dry-run"
expect_out "将新增 1，将更新 1，未变 0" "--dry-run counts"
is "$(sql "SELECT score FROM marks WHERE member = '赵磊' AND indicator = 'org.finance-filing'")" 500 \
	"--dry-run wrote nothing"
is "$(sql "SELECT count(*) FROM imports")" "$imports" "--dry-run records no provenance"

# GB18030, detected and named.
printf '考核期,层级,指标,评分人,得分,扣分原因\n2025,市级,service.satisfaction,张伟,8.5,群众满意度低于九成\n' \
	| iconv -f UTF-8 -t GB18030 >gb.csv
run "$KAOHE" import marks --contract zz gb.csv
expect_rc 0 "GB18030 detected"
is "$(sql "SELECT member, score, reason FROM marks WHERE member = '张伟'")" "张伟|850|群众满意度低于九成" \
	"GB18030 stored as UTF-8"
run "$KAOHE" import marks --contract zz --encoding gb18030 gb.csv
expect_rc 0 "--encoding gb18030"
expect_out "未变 1" "GB18030 again changes nothing"

# A member marking one item twice in a file (市级 and city are one level):
# the last row wins, with a warning naming the whole key.
printf '考核期,层级,指标,评分人,得分\n2025,市级,r.x,王敏,4\n2025,city,r.x,王敏,5\n' >rep.csv
run "$KAOHE" import marks --contract zz rep.csv
expect_rc 0 "a key repeated within the file loads"
expect_err "rep.csv:3: .*考核期 '2025'，层级 'city'，指标 'r.x'，评分人 '王敏'.*第 2、3 行" \
	"the repeat is named at the winning line with the whole key"
is "$(sql "SELECT score FROM marks WHERE indicator = 'r.x'")" 500 "the last row wins"

# Not checkable here: a score above the item's points (no contract needed).
printf 'period,level,indicator,member,score\n2025,city,org.finance-filing,王敏,99\n' >over.csv
run "$KAOHE" import marks --contract other over.csv
expect_rc 0 "a score above the item's points loads (scoring judges it against the contract)"

# The period is canonical, as the scored period is written.
printf 'period,level,indicator,member,score\n2024q3,city,x.y,甲,1\n' >q.csv
run "$KAOHE" import marks --contract other q.csv
expect_rc 0 "a lower-case quarter"
is "$(sql "SELECT period FROM marks WHERE member = '甲'")" "2024Q3" "stored as 2024Q3"

# Bad values: line and column, nothing loaded, every one reported.
bad() {   # NAME LINE COLUMN PATTERN CONTENT
	printf '%s\n' "$5" >"$WORK/bad.csv"
	before=$(sql "SELECT count(*) FROM marks")
	run "$KAOHE" import marks --contract zz "$WORK/bad.csv"
	expect_rc 65 "$1: exits 65"
	expect_err "bad.csv:$2:$3: .*$4" "$1: reported at line $2 column $3"
	is "$(sql "SELECT count(*) FROM marks")" "$before" "$1: nothing loaded"
}
H='period,level,indicator,member,score'
bad "negative score" 2 5 "不能为负.*'-1'" "$(printf '%s\n2025,city,a.b,甲,-1' "$H")"
bad "three decimals" 2 5 "最多两位小数.*'8.125'" "$(printf '%s\n2025,city,a.b,甲,8.125' "$H")"
bad "not a number" 2 5 "'八分'" "$(printf '%s\n2025,city,a.b,甲,八分' "$H")"
bad "exponent" 2 5 "'1e1'" "$(printf '%s\n2025,city,a.b,甲,1e1' "$H")"
bad "empty score" 2 5 "必填项为空" "$(printf '%s\n2025,city,a.b,甲,' "$H")"
bad "a bare point" 2 5 "'8.'" "$(printf '%s\n2025,city,a.b,甲,8.' "$H")"
bad "level county" 2 2 "'county'" "$(printf '%s\n2025,county,a.b,甲,1' "$H")"
bad "level 县级" 2 2 "'县级'" "$(printf '%s\n2025,县级,a.b,甲,1' "$H")"
bad "period" 2 1 "不是期间.*'2025Q5'" "$(printf '%s\n2025Q5,city,a.b,甲,1' "$H")"
bad "indicator with a space" 2 3 "指标编号" "$(printf '%s\n2025,city,org finance,甲,1' "$H")"
bad "no member" 2 4 "评分人: 必填项为空" "$(printf '%s\n2025,city,a.b,,1' "$H")"
bad "second row bad" 3 5 "'-0.5'" "$(printf '%s\n2025,city,a.b,甲,1\n2025,city,a.b,乙,-0.5' "$H")"
printf 'period,level,indicator,score\n2025,city,a.b,1\n' >nomember.csv
run "$KAOHE" import marks --contract zz nomember.csv
expect_rc 65 "a missing member column"
expect_err "member \(评分人\)" "names the missing column"
run "$KAOHE" --lang en import marks --contract zz "$WORK/bad.csv"
expect_err "bad.csv:3:5: score: a score cannot be negative \(got '-0.5'\)" "English message"

# Forward migration: a version-2 database (before marks) gains the table.
cp "$KAOHE_DB" v2.db
# (and the tables of later migrations: 4, decisions and the audit trail)
newest=$(sqlite3 v2.db 'PRAGMA user_version')
sqlite3 v2.db "DROP TABLE marks; DROP TABLE audit_log; DROP TABLE decisions;
  DROP TABLE appeal_refs; DROP TABLE appeals; DROP TABLE received_submissions;
  DROP TABLE login_attempts; DROP TABLE sessions; DROP TABLE api_tokens;
  DROP TABLE user_contracts; DROP TABLE users;
  PRAGMA user_version = 2;"
run "$KAOHE" --db v2.db init
expect_rc 0 "init upgrades a version-2 database"
is "$(sqlite3 v2.db 'PRAGMA user_version')" "$newest" "upgraded to the newest version ($newest)"
is "$(sqlite3 v2.db 'SELECT count(*) FROM marks')" 0 "the marks table exists"
run "$KAOHE" --db v2.db import marks --contract zz zh.csv
expect_rc 0 "marks import into the upgraded database"

done_testing
