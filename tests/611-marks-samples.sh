#!/bin/sh
# 611-marks-samples: the demo's marks (data/samples/*/marks.csv) for
# Zhengzhou (2025) and Henan (2024) fit their templates: a three-member
# city panel marks every computed indicator of the contract (other manual
# items than Zhengzhou's two may stay 待评), the insurer scores itself once
# per indicator, no score exceeds the indicator's points in
# data/contracts/ID.xml, and the self-score is above the city panel's mean
# on some items (a difference the scorecard lists).  Zhengzhou's manual
# items org.finance-filing (第十六条) and service.satisfaction (第二十八条)
# are marked, and checked against their points once the template has them
# (skipped before).  `kaohe demo` imports them.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

check() {   # ID PERIOD: python prints OK|name, FAIL|name|why, SKIP|name|why
	python3 - "$SRCDIR/data/samples/$1/marks.csv" "$SRCDIR/data/contracts/$1.xml" "$2" <<'PY' >"$WORK/check" 2>&1
import csv, sys
import xml.etree.ElementTree as ET
from decimal import Decimal
marks_file, contract_file, period = sys.argv[1:4]
ns = {"c": "urn:kaohe:contract:1"}
indicators = list(ET.parse(contract_file).getroot().iterfind(".//c:indicator", ns))
points = {i.get("id"): Decimal(i.get("points", "0")) for i in indicators}
# Manual items (<manual/>) the panel has not marked stay 待评 (pending).
computed = {i.get("id") for i in indicators if i.find(".//c:manual", ns) is None}
# An item not yet due at the demo's as-of day (001's annual report, due
# after 12-31) cannot be judged: the panel leaves it unmarked, so it stays
# 不适用 (a mark would override the computed na at its level).
computed -= {"report.annual"}
manual = {"org.finance-filing", "service.satisfaction"}
rows = list(csv.DictReader(open(marks_file, encoding="utf-8")))
def say(kind, name, why=""):
    print("%s|%s|%s" % (kind, name, why))
say("OK" if rows else "FAIL", "%s: marks.csv has rows" % period)
say("OK" if all(r["考核期"] == period for r in rows) else "FAIL",
    "every mark is for period %s" % period)
say("OK" if {r["层级"] for r in rows} == {"市级", "自评"} else "FAIL",
    "levels are city (市级) and self (自评)")
city, selfs = {}, {}
for r in rows:
    (city if r["层级"] == "市级" else selfs).setdefault(r["指标"], []).append(r)
missing = sorted(computed - set(city))
say("OK" if not missing else "FAIL", "the city panel marks every computed indicator of the template",
    " ".join(missing))
members = {frozenset(m["评分人"] for m in v) for v in city.values()}
say("OK" if len(members) == 1 and all(len(v) == 3 for v in city.values()) else "FAIL",
    "the same three city members on every indicator")
say("OK" if set(selfs) == set(city) and all(len(v) == 1 for v in selfs.values()) else "FAIL",
    "one self-score per indicator the city marks")
unknown = sorted(set(city) - set(points) - manual)
say("OK" if not unknown else "FAIL", "no indicator outside the template (but the manual ones)",
    " ".join(unknown))
for ind in sorted(set(city) | set(selfs)):
    scores = [Decimal(r["得分"]) for r in city.get(ind, []) + selfs.get(ind, [])]
    if ind not in points:
        say("SKIP", "%s: scores within its points" % ind, "not in the template yet")
        continue
    over = [str(s) for s in scores if s > points[ind] or s < 0]
    say("OK" if not over else "FAIL", "%s: scores within its %s points" % (ind, points[ind]),
        " ".join(over))
higher = [i for i in selfs
          if Decimal(selfs[i][0]["得分"]) * 3 > sum(Decimal(r["得分"]) for r in city.get(i, []))]
say("OK" if len(higher) >= 3 else "FAIL", "the insurer scores itself above the city on a few items",
    " ".join(higher))
top = {i: max(Decimal(r["得分"]) for r in city.get(i, []) + selfs.get(i, []))
       for i in set(city) | set(selfs)}
deducted = [r for r in rows if Decimal(r["得分"]) < top[r["指标"]] and not r["扣分原因"]]
say("OK" if not deducted else "FAIL",
    "a mark below another mark of its item gives a reason (扣分原因)",
    " ".join(r["指标"] + "/" + r["评分人"] for r in deducted))
PY
	[ -s "$WORK/check" ] || echo "FAIL|$1: the check ran|no output" >"$WORK/check"
	while IFS='|' read -r kind name why; do
		case $kind in
		OK) ok 0 "$1: $name" ;;
		SKIP) _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $1: $name # SKIP $why" ;;
		FAIL) ok 1 "$1: $name"; diag "$why" ;;
		*) ok 1 "$1: check output"; diag "$kind $name $why" ;;
		esac
	done <"$WORK/check"
}
check zhengzhou-dae-2025 2025
check henan-dbbx-2024 2024

# The demo imports them, GB18030 and all guarantees as any import.
run "$KAOHE" demo "$WORK/demo"
expect_rc 0 "demo runs"
D=$WORK/demo/kaohe.db
is "$(sqlite3 "$D" "SELECT count(*) FROM marks WHERE contract = 'zhengzhou-dae-2025' AND period = '2025'")" \
	"$(($(wc -l <"$SRCDIR/data/samples/zhengzhou-dae-2025/marks.csv") - 1))" "demo: every Zhengzhou mark imported"
is "$(sqlite3 "$D" "SELECT count(*) FROM marks WHERE contract = 'henan-dbbx-2024' AND period = '2024'")" \
	"$(($(wc -l <"$SRCDIR/data/samples/henan-dbbx-2024/marks.csv") - 1))" "demo: every Henan mark imported"
is "$(sqlite3 "$D" "SELECT group_concat(DISTINCT member) FROM (SELECT member FROM marks WHERE contract = 'zhengzhou-dae-2025' AND level = 'city' ORDER BY member)")" \
	"李强,王敏,赵磊" "demo: Zhengzhou's city panel is 王敏, 李强 and 赵磊"
is "$(sqlite3 "$D" "SELECT level, score, member FROM marks WHERE contract = 'zhengzhou-dae-2025' AND indicator = 'claims.cap' AND level = 'self'")" \
	"self|950|承办机构自评" "demo: the insurer's self-score on claims.cap is 9.50"
is "$(sqlite3 "$D" "SELECT count(*) FROM marks WHERE contract = 'zhengzhou-dae-2025' AND level = 'city' AND indicator IN ('org.finance-filing', 'service.satisfaction')")" \
	6 "demo: the city panel marks Zhengzhou's manual items (第十六条, 第二十八条)"
is "$(sqlite3 "$D" "SELECT count(*) FROM marks WHERE contract NOT IN ('zhengzhou-dae-2025', 'henan-dbbx-2024')")" 0 \
	"demo: no marks for the other contracts"

done_testing
