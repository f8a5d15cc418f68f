#!/bin/sh
# 620-rubric: the scoring methods end to end on tests/data/rubric/rubric.xml
# over the measure fixtures: per-case down to zero, linear with a half-up
# case, a category veto, a capped bonus outside the total, a manual item
# pending; the scorecard's categories, methods, criteria and levels; and
# `kaohe contract show` printing the rubric.  Figures worked by hand below.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/measures/measures-lib.sh"

"$KAOHE" init >/dev/null 2>&1 || { echo "Bail out! kaohe init"; exit 1; }
"$KAOHE" contract add "$TESTDATA/rubric/rubric.xml" >/dev/null 2>"$WORK/setup.err" ||
	{ echo "Bail out! contract add: $(cat "$WORK/setup.err")"; exit 1; }
for kind in complaints activities ratings; do
	"$KAOHE" import $kind "$MDATA/$kind.csv" --contract rubric >/dev/null 2>"$WORK/setup.err" ||
		{ echo "Bail out! import $kind: $(cat "$WORK/setup.err")"; exit 1; }
done
rreport() {
	p=$1; shift
	rm -f "$WORK/sc.xml"
	run "$KAOHE" report --contract rubric --period "$p" --format xml -o "$WORK/sc.xml" "$@"
}
cat_() { xp "string(//*[local-name()='category'][@id='$1']/@$2)"; }
summ() { xp "string(//*[local-name()='summary']/@$1)"; }
level() { xp "string(//*[local-name()='summary']/*[local-name()='level'][@code='$1']/@$2)"; }
crit() { xp "string($IND[@id='$1']/*[local-name()='criterion'])"; }

# --- 2024 ------------------------------------------------------------------
# complaints: K1, K4 → 2 cases × 3 = 6 off 8 → 2.00
# training: 3 of 4 quarters = 75%; 7 × (75 − 60) / (100 − 60) = 2.625 → 2.63
# data-check: 2 checks, pass → bonus 2 (cap 2), outside the 30
# solvency: worst C → fail → veto: category org 0 whatever org.filing has
# org.filing: manual, no mark → pending, 0, counted in max
# score = svc (2.00 + 2.63) + org 0 + bonus 2.00 = 6.63; max 8 + 7 + 5 + 10 = 30
rreport 2024
expect_rc 0 "report 2024 exits 0"
mvalidate "the scorecard validates against scorecard.rng"
is "$(ind complaints.substantiated awarded)" "2.00" "per-case: 8 − 2 × 3 = 2.00"
is "$(ind complaints.substantiated method)" "per-case" "method per-case"
is "$(ind activity.training value)" "0.7500" "training 3 of 4 quarters"
is "$(ind activity.training awarded)" "2.63" "linear: 7 × 15/40 = 2.625 → 2.63 (half up)"
is "$(ind activity.training method-default)" "yes" "linear method marked as the template's"
is "$(crit activity.training)" "达到100%得满分（7分），60%及以下不得分，其间按比例" "linear criterion in Chinese"
is "$(ind volume.data-check awarded)" "2.00" "bonus: 2.00 at its cap"
is "$(ind solvency.rating status)" "fail" "solvency C fails"
is "$(ind org.filing status)" "pending" "manual item without marks is pending (待评)"
is "$(ind org.filing kind)" "manual" "kind manual"
is "$(ind org.filing awarded)" "0.00" "pending earns 0.00"
is "$(cat_ svc awarded)" "4.63" "category svc 2.00 + 2.63 (the bonus apart)"
is "$(cat_ svc points)" "15.00" "category svc points 15.00"
is "$(cat_ org vetoed)" "yes" "category org vetoed by solvency"
is "$(cat_ org awarded)" "0.00" "category org 0.00 whatever the points"
is "$(cat_ org default)" "yes" "category org is the template's"
is "$(summ score)" "6.63" "score 4.63 + 0 + bonus 2.00 = 6.63"
is "$(summ max)" "30.00" "max 30.00: the bonus outside, the pending item inside"
is "$(summ pending)" "1" "one item pending, counted apart"
is "$(summ na)" "0" "nothing na"
is "$(summ final-level)" "computed" "no marks: the computed level is final"
is "$(level computed score)" "6.63" "level computed 6.63"
is "$(xp "count(//*[local-name()='level-differences'])")" "0" "one level: no differences"
is "$(xp "count(//*[local-name()='category'][following-sibling::*[local-name()='indicator']])")" "2" \
	"categories come before the indicators"

# --- 2024H1 ----------------------------------------------------------------
# complaints: K1 → 8 − 3 = 5.00; training Q1, Q2 both → 100% → 7.00;
# data-check 1 < 2 → no bonus; solvency worst B → pass: org = 5 + 0 = 5
# score = 12 + 5 + 0 = 17.00
rreport 2024H1
expect_rc 0 "report 2024H1 exits 0"
mvalidate "the H1 scorecard validates"
is "$(ind complaints.substantiated awarded)" "5.00" "per-case: one case, 8 − 3 = 5.00"
is "$(ind activity.training awarded)" "7.00" "linear at the target: full 7.00"
is "$(ind volume.data-check awarded)" "0.00" "bonus not earned: 0.00"
is "$(cat_ org awarded)" "5.00" "no veto: org 5.00 (filing pending)"
is "$(cat_ org vetoed)" "" "org not vetoed"
is "$(summ score)" "17.00" "H1 score 12 + 5 = 17.00"

# --- English -----------------------------------------------------------------
rreport 2024 --lang en
is "$(crit complaints.substantiated)" "8 points, 3 off per case, down to none" "per-case criterion in English"
is "$(cat_ svc title)" "Service" "category title in English"

# --- contract show ---------------------------------------------------------------
run "$KAOHE" contract show rubric
expect_rc 0 "contract show"
expect_out "类别： 经办服务 15 分 .第三条." "show: category with points and clause"
expect_out "评分方法： 按比例计分（默认）" "show: method in words, default marked"
expect_out "评分标准： 满分8分，每例扣3分，扣完为止" "show: per-case criterion"
expect_out "评分标准： 一票否决：不达标则本类别不得分" "show: veto criterion"
expect_out "评分汇总： 去掉一个最高分和一个最低分后的平均分" "show: how marks combine"

# --- the shipped templates ----------------------------------------------------------
for t in zhengzhou-dae-2025 henan-dbbx-2024 luoyang-zgyb-2024 kaifeng-dae-2024 mentougou-fzfw-2024; do
	"$KAOHE" contract add "$t" >/dev/null 2>&1
	run "$KAOHE" contract show "$t"
	expect_rc 0 "$t shows"
	n=$(grep -c "^    评分方法：" "$WORK/out")
	m=$(grep -c "^    条款：" "$WORK/out")
	is "$n" "$m" "$t: a method for every indicator"
done
run "$KAOHE" contract show zhengzhou-dae-2025
for c in 组织管理 队伍建设 制度建设 经办服务 投诉举报; do
	expect_out "类别： $c" "zhengzhou: category $c (第三十一条)"
done
expect_out "^org.finance-filing" "zhengzhou: org.finance-filing (第十六条)"
expect_out "^service.satisfaction" "zhengzhou: service.satisfaction (第二十八条)"
run "$KAOHE" contract show luoyang-zgyb-2024
expect_out "条款： 第五条.二. .*根据情节扣减年度考评相应分值" "luoyang: deduction by circumstances (第五条(二))"

done_testing
