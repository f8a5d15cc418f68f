#!/usr/bin/env python3
"""generate.py: writes the bundled sample data of `kaohe demo` (one folder
per contract template, one CSV per record kind) from a fixed seed, so the
committed files can be rebuilt and reviewed.  It only writes under the
folder it is given; it never touches a database.

The data is a realistic year for each contract, in the place its seed
names (001: 商丘 and its counties; 000: 郑州 one 标段; 002: 洛阳's 14
counties and districts; 003: 开封's 9; 004: 门头沟), with the violations an
assessment panel would find: a county short of staff for some days in
August, a few claims repaid late across the National Day holiday, a
benefit paid at the wrong rate, a monthly report submitted late, an audit
quarter below 90%, a quarter without case review, a person over the yearly
cap, and so on.  Money is computed in integer fen with the same rules as
kaohe (half-up once per claim), so the only mismatches are the deliberate
ones.

usage: python3 data/samples/generate.py [OUTDIR]   (default: data/samples)
"""
import csv
import datetime as dt
import os
import random
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
CALENDAR_DIR = os.path.join(HERE, "..", "calendar")


# --- the work calendar, from the shipped files --------------------------------
def load_calendar():
    holidays, workdays = set(), set()
    for name in sorted(os.listdir(CALENDAR_DIR)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(CALENDAR_DIR, name), encoding="utf-8") as fp:
            for line in fp:
                parts = line.split()
                if len(parts) < 2 or parts[0] not in ("holiday", "workday"):
                    continue
                span = parts[1].split("..")
                first = dt.date.fromisoformat(span[0])
                last = dt.date.fromisoformat(span[-1])
                day = first
                while day <= last:
                    (holidays if parts[0] == "holiday" else workdays).add(day)
                    day += dt.timedelta(days=1)
    return holidays, workdays


HOLIDAYS, WORKDAYS = load_calendar()


def is_workday(day):
    if day in WORKDAYS:
        return True
    if day in HOLIDAYS:
        return False
    return day.weekday() < 5


def add_workdays(day, n):
    while n > 0:
        day += dt.timedelta(days=1)
        if is_workday(day):
            n -= 1
    return day


def rollover(day):
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


# --- writing ------------------------------------------------------------------
def write_csv(folder, kind, header, rows):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, kind + ".csv"), "w", encoding="utf-8",
              newline="") as fp:
        out = csv.writer(fp, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def yuan(fen):
    return "%d.%02d" % divmod(fen, 100)


def days_of(year):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


# --- staffing -----------------------------------------------------------------
class Roster:
    def __init__(self, prefix):
        self.rows = []
        self.prefix = prefix
        self.next_id = 1

    def add(self, name, post, specialty, start, end="", reason="", unit="",
            employment="contract", staff_id=None):
        if staff_id is None:
            staff_id = "%s%03d" % (self.prefix, self.next_id)
            self.next_id += 1
        self.rows.append([staff_id, name, post, unit, specialty, employment,
                          start, end, reason])
        return staff_id

    def write(self, folder):
        write_csv(folder, "roster",
                  ["工号", "姓名", "岗位", "县区", "专业", "用工性质", "到岗日期",
                   "离岗日期", "离岗原因"], self.rows)


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国晓东海燕亮"


def person_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN)
                                          for _ in range(rng.choice((1, 2))))


# --- settlements and benefits -------------------------------------------------
STANDARD = (Fraction(11000 * 100), [(Fraction(11000 * 100), Fraction(60, 100)),
                                    (Fraction(100000 * 100), Fraction(70, 100))],
            Fraction(400000 * 100))
PREFERENTIAL = (Fraction(5500 * 100), [(Fraction(5500 * 100), Fraction(65, 100)),
                                       (Fraction(100000 * 100), Fraction(75, 100))],
                None)


def benefit_f(cumulative_fen, scheme):
    """f(x): the yearly benefit of x fen of compliant out-of-pocket cost."""
    _, bands, cap = scheme
    total = Fraction(0)
    for i, (above, rate) in enumerate(bands):
        upper = bands[i + 1][0] if i + 1 < len(bands) else None
        if cumulative_fen <= above:
            break
        top = cumulative_fen if upper is None else min(cumulative_fen, upper)
        total += (top - above) * rate
    if cap is not None:
        total = min(total, cap)
    return total


def half_up(value):
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def settlements(rng, year, count, prefix, regions, late_share=0.01,
                with_benefit=False, wrong_benefit=(), heavy_person=None):
    """Claims received through the year, repaid mostly well within the
    deadline (15 working days direct, 20 manual), a few late, three of them
    across National Day.  Benefits are worked out last, on the final
    service dates, so only `wrong_benefit` are paid wrong."""
    rows = []
    people = ["P%s%05d" % (prefix, i) for i in range(1, count // 3 + 2)]
    preferential = set(rng.sample(people, max(1, len(people) // 10)))
    per_person = {}
    for n in range(1, count + 1):
        claim = "%s%s%06d" % (prefix, year, n)
        person = rng.choice(people)
        channel = "direct" if rng.random() < 0.8 else "manual"
        received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 350))
        service = received - dt.timedelta(days=rng.randrange(0, 20))
        if service.year != year:
            service = dt.date(year, 1, 1)
        limit = 15 if channel == "direct" else 20
        deadline = add_workdays(received, limit)
        if rng.random() < late_share:
            paid = add_workdays(deadline, rng.randrange(1, 6))
        else:
            paid = add_workdays(received, rng.randrange(2, limit + 1))
        eligible = rng.randrange(2000, 60000) * 100 + rng.randrange(0, 100)
        if person == heavy_person:
            eligible = rng.randrange(300000, 420000) * 100
        category = "preferential" if person in preferential else "standard"
        rows.append(dict(claim=claim, person=person, channel=channel,
                         category=category, region=rng.choice(regions),
                         provider="H%04d" % rng.randrange(1, 60),
                         service=service, received=received, paid=paid,
                         eligible=eligible))
        per_person.setdefault(person, []).append(rows[-1])
    national_day_lates(rows, year)
    # The benefit of each claim: f(after) - f(before) in service-date order.
    for person, claims in per_person.items():
        cumulative = Fraction(0)
        for claim in sorted(claims, key=lambda c: (c["service"], c["claim"])):
            scheme = PREFERENTIAL if claim["category"] == "preferential" else STANDARD
            before = benefit_f(cumulative, scheme)
            cumulative += claim["eligible"]
            claim["benefit"] = half_up(benefit_f(cumulative, scheme) - before)
    for claim in rows:
        claim["amount"] = claim["benefit"] if with_benefit else claim["eligible"] // 2
    for index in wrong_benefit:
        rows[index]["amount"] += 123456
    return rows


def settlement_table(rows, unpaid_after, year_end, with_benefit):
    header = ["结算单号", "参保人编号", "结算方式", "人员类别", "统筹区", "定点机构编码",
              "结算日期", "受理日期", "支付日期", "合规自付费用", "支付金额", "免责"]
    out = []
    for claim in rows:
        paid = claim["paid"]
        paid_text = "" if paid > year_end or claim["received"] >= unpaid_after else paid.isoformat()
        out.append([claim["claim"], claim["person"],
                    "直接结算" if claim["channel"] == "direct" else "手工报销",
                    "倾斜" if claim["category"] == "preferential" else "普通",
                    claim["region"], claim["provider"], claim["service"].isoformat(),
                    claim["received"].isoformat(), paid_text,
                    yuan(claim["eligible"]) if with_benefit else "",
                    yuan(claim["amount"]), claim.get("excused", "否")])
    return header, out


def national_day_lates(rows, year):
    """Make three direct claims received just before National Day late by
    one or two working days, so the holiday block matters."""
    received = dt.date(year, 9, 20)
    for i, late in zip(range(3), (0, 1, 2)):
        claim = rows[i]
        claim.update(channel="direct", received=received,
                     service=received - dt.timedelta(days=3))
        claim["paid"] = add_workdays(add_workdays(received, 15), late) if late \
            else add_workdays(received, 15)


# --- the five contracts -------------------------------------------------------
def henan(out, rng):
    folder = os.path.join(out, "henan-dbbx-2024")
    year = 2024
    # 001 第二条: this insurer runs 大病保险 for 商丘 (商丘等1个省辖市), so the
    # data covers that city's nine county-level units (第八条: a window and
    # staff in every 县（市、区）, one per 200,000 insured).
    counties = [("梁园区", 650000), ("睢阳区", 700000), ("永城市", 1250000),
                ("虞城县", 950000), ("夏邑县", 950000), ("柘城县", 850000),
                ("宁陵县", 500000), ("睢县", 700000), ("民权县", 750000)]
    roster = Roster("HN")
    roster.add(person_name(rng), "resident", "medical", "2023-12-01", employment="formal")
    roster.add(person_name(rng), "resident", "finance", "2023-12-01", employment="formal")
    for specialty in ("medical", "medical", "it", "finance"):
        roster.add(person_name(rng), "city", specialty, "2023-12-15")
    for county, insured in counties:
        need = -(-insured // 200000)
        for i in range(need):
            specialty = "medical" if i % 2 == 0 else "other"
            if county == "民权县" and i == 1:
                # leaves in August; the replacement comes twelve days later
                roster.add(person_name(rng), "county", specialty, "2023-12-20",
                           "2024-08-09", "resign", unit=county)
                roster.add(person_name(rng), "county", "medical", "2024-08-22",
                           unit=county)
            else:
                roster.add(person_name(rng), "county", specialty, "2023-12-20",
                           unit=county)
    roster.write(folder)
    write_csv(folder, "population", ["日期", "县区", "参保人数"],
              [["2023-12-31", c, n] for c, n in counties]
              + [["2023-12-31", "", sum(n for _, n in counties)]])

    rows = settlements(rng, year, 1800, "HN", [c for c, _ in counties],
                       late_share=0.004, with_benefit=True, wrong_benefit=(40, 41))
    rows[50]["excused"] = "是"
    rows[50]["paid"] = add_workdays(add_workdays(rows[50]["received"], 15), 3)
    header, table = settlement_table(rows, dt.date(year, 12, 20), dt.date(year, 12, 31), True)
    write_csv(folder, "settlements", header, table)

    submissions = []
    for month in range(1, 12):
        due = rollover(dt.date(year, month + 1, 5))
        when = due - dt.timedelta(days=rng.randrange(0, 3))
        if month == 9:
            when = dt.date(year, 10, 12)          # late: due 10-08 after the holiday
        submissions.append(["monthly", "%d-%02d" % (year, month),
                            when.isoformat() + " 16:30", "是", "HN-M%02d" % month])
    submissions.append(["half-year", "%dH1" % year, "%d-07-12 10:00" % year, "是", "HN-H1"])
    write_csv(folder, "submissions", ["报表类型", "所属期", "报送时间", "是否受理", "回执号"],
              submissions)

    write_csv(folder, "complaints",
              ["投诉编号", "受理日期", "渠道", "类别", "是否属实", "乙方责任", "严重程度", "办结日期"],
              [["HNC001", "2024-03-11", "12345", "拖延支付", "是", "是", "一般", "2024-03-20"],
               ["HNC002", "2024-05-06", "hotline", "服务态度", "否", "", "一般", "2024-05-09"],
               ["HNC003", "2024-08-19", "letter", "拒付", "pending", "", "一般", ""],
               ["HNC004", "2024-10-14", "regulator", "拖延支付", "是", "否", "一般", "2024-10-30"]])
    total_insured = sum(n for _, n in counties)
    funds = total_insured * 6500            # 65 yuan per person, in fen (第三条: by tier)
    claims_paid = funds * 93 // 100
    write_csv(folder, "finance", ["日期", "类型", "金额", "备注"],
              [["2024-03-31", "资金拨付到账", yuan(funds // 2), "上半年"],
               ["2024-09-30", "资金拨付到账", yuan(funds - funds // 2), "下半年"],
               ["2024-12-31", "赔付支出", yuan(claims_paid), "全年赔付"],
               ["2024-12-31", "运营成本", yuan(funds * 25 // 1000), "全年"]])
    write_csv(folder, "activities", ["日期", "类型", "数量", "县区"],
              [["2024-%02d-15" % m, "site-inspection", rng.randrange(3, 9), ""] for m in range(1, 13)]
              + [["2024-%02d-20" % m, "case-review", rng.randrange(40, 90), ""] for m in range(1, 13)])


def zhengzhou(out, rng):
    folder = os.path.join(out, "zhengzhou-dae-2025")
    year = 2025
    roster = Roster("ZZ")
    for specialty in ("medical", "medical", "medical", "finance", "other"):
        roster.add(person_name(rng), "resident", specialty, "2024-12-20")
    # one resident leaves in June (resign) and is replaced the next day;
    # one is recalled at the purchaser's request (not a leaver)
    roster.rows[4][7], roster.rows[4][8] = "2025-06-13", "resign"
    roster.add(person_name(rng), "resident", "other", "2025-06-14")
    roster.rows[3][7], roster.rows[3][8] = "2025-09-30", "purchaser-request"
    roster.add(person_name(rng), "resident", "finance", "2025-10-01")
    for specialty in ("medical", "medical", "finance", "it", "other", "other", "medical", "other"):
        roster.add(person_name(rng), "city", specialty, "2024-12-20")
    roster.write(folder)
    write_csv(folder, "population", ["日期", "县区", "参保人数"],
              [["2024-12-31", "", 298000]])
    rows = settlements(rng, year, 1200, "ZZ", ["郑州市本级"], late_share=0.006,
                       heavy_person="PZZ00007")
    for claim in rows:
        if claim["person"] == "PZZ00007":
            claim["amount"] = claim["eligible"] * 7 // 10
    header, table = settlement_table(rows, dt.date(year, 12, 22), dt.date(year, 12, 31), False)
    write_csv(folder, "settlements", header, table)
    write_csv(folder, "complaints",
              ["投诉编号", "受理日期", "渠道", "类别", "是否属实", "乙方责任", "严重程度", "办结日期"],
              [["ZZC001", "2025-04-02", "hotline", "拖延支付", "是", "是", "一般", "2025-04-15"],
               ["ZZC002", "2025-11-17", "online", "信息泄露", "否", "", "严重", "2025-11-28"]])
    write_csv(folder, "ratings", ["季度", "评级"],
              [["2025Q1", "AA"], ["2025Q2", "A"], ["2025Q3", "BBB"], ["2025Q4", "A"]])
    insured = 298000
    funds = insured * 13000
    write_csv(folder, "finance", ["日期", "类型", "金额", "备注"],
              [["2025-02-28", "资金拨付到账", yuan(funds), "全年大额补助资金"],
               ["2025-12-31", "赔付支出", yuan(funds * 90 // 100), "全年赔付"],
               ["2025-12-31", "运营成本", yuan(funds * 2 // 100), "全年"]])


def luoyang(out, rng):
    folder = os.path.join(out, "luoyang-zgyb-2024")
    roster = Roster("LY")
    city = ["medical"] * 12 + ["finance"] * 2 + ["it"] + ["other"] * 4
    for specialty in city:
        roster.add(person_name(rng), "city", specialty, "2023-12-18")
    counties = ["涧西区", "西工区", "老城区", "瀍河区", "洛龙区", "偃师区", "孟津区",
                "新安县", "宜阳县", "伊川县", "嵩县", "栾川县", "汝阳县", "洛宁县"]
    for county in counties:
        roster.add(person_name(rng), "county", "medical", "2023-12-18", unit=county)
        roster.add(person_name(rng), "county", "other", "2023-12-18", unit=county)
    # 栾川县's medical officer leaves in October; a non-medical replacement
    roster.rows[19 + 2 * counties.index("栾川县")][7] = "2024-10-18"
    roster.rows[19 + 2 * counties.index("栾川县")][8] = "resign"
    roster.add(person_name(rng), "county", "other", "2024-11-04", unit="栾川县")
    roster.rows[-1][0] = "LY900"
    # the last one pushes the county over its two-person maximum only when
    # the leaver is still there: she left on 10-18, so 栾川县 stays at 2
    roster.write(folder)
    # the units add up to the whole city (1,000,000 at the end of 2023, the
    # 2024 fee basis of 第三条(四)); the end of 2024 is the 2025 basis
    county_insured = [170000, 95000, 60000, 45000, 160000, 70000, 65000,
                      52000, 58000, 75000, 40000, 36000, 34000, 40000]
    grown = [n * 102 // 100 for n in county_insured]
    write_csv(folder, "population", ["日期", "县区", "参保人数"],
              [["2023-12-31", "", sum(county_insured)]]
              + [["2023-12-31", c, n] for c, n in zip(counties, county_insured)]
              + [["2024-12-31", "", sum(grown)]]
              + [["2024-12-31", c, n] for c, n in zip(counties, grown)])
    # audit samples: Q1 95.00%, Q2 89.90%, Q3 92.00%, Q4 80.00%
    rows = []
    plan = {1: (400, 380), 2: (1000, 899), 3: (500, 460), 4: (500, 400)}
    for quarter, (samples, passes) in plan.items():
        fails = set(rng.sample(range(samples), samples - passes))
        for i in range(samples):
            month = 3 * (quarter - 1) + 1 + i % 3
            stream = "routine-10pct" if i % 3 else "manual-5pct"
            failed = i in fails
            rows.append(["LYA%d%04d" % (quarter, i), "2024-%02d-%02d" % (month, 5 + i % 20),
                         "2024Q%d" % quarter, stream, "LY2024%06d" % (quarter * 10000 + i),
                         "不合格" if failed else "合格",
                         yuan(rng.randrange(5000, 90000)) if failed else "",
                         "重复报销" if failed and i % 2 else ("超范围用药" if failed else "")])
    write_csv(folder, "audits", ["样本编号", "稽核日期", "所属期", "抽样类别", "结算单号",
                                 "结果", "差错金额", "问题描述"], rows)
    activities = []
    for quarter in range(1, 5):
        month = 3 * (quarter - 1) + 2
        activities.append(["2024-%02d-10" % month, "政策培训", 1, ""])
        if quarter != 3:                     # no case review in Q3
            activities.append(["2024-%02d-25" % month, "病历审核", rng.randrange(80, 200), ""])
    write_csv(folder, "activities", ["日期", "类型", "数量", "县区"], activities)


def kaifeng(out, rng):
    folder = os.path.join(out, "kaifeng-dae-2024")
    year = 2024
    rows = settlements(rng, year, 900, "KF", ["鼓楼区", "龙亭区", "顺河区", "禹王台区", "祥符区",
                                             "杞县", "通许县", "尉氏县", "兰考县"],
                       late_share=0.0)
    header, table = settlement_table(rows, dt.date(year, 12, 16), dt.date(year, 12, 31), False)
    write_csv(folder, "settlements", header, table)
    write_csv(folder, "complaints",
              ["投诉编号", "受理日期", "渠道", "类别", "是否属实", "乙方责任", "严重程度", "办结日期"],
              [["KFC001", "2024-06-03", "12345", "服务态度", "否", "", "一般", "2024-06-07"],
               ["KFC002", "2024-11-21", "visit", "拖延支付", "是", "是", "一般", "2024-12-02"]])
    write_csv(folder, "population", ["日期", "县区", "参保人数"], [["2023-12-31", "", 512000]])


def mentougou(out, rng):
    folder = os.path.join(out, "mentougou-fzfw-2024")
    rows = [["2024-05-20", "智能监管数据检查", 1, ""], ["2024-10-15", "智能监管数据检查", 1, ""]]
    reviewed = receipts = 0
    for month in range(3, 12):
        n = 41000 + rng.randrange(0, 2000)
        m = 27000 + rng.randrange(0, 1000)
        reviewed += n
        receipts += m
        rows.append(["2024-%02d-28" % month, "数据审核笔数", n, ""])
        rows.append(["2024-%02d-28" % month, "票据核对张数", m, ""])
    write_csv(folder, "activities", ["日期", "类型", "数量", "县区"], rows)
    write_csv(folder, "finance", ["日期", "类型", "金额", "备注"],
              [["2024-03-05", "经办服务费", "840000.00", "签约后首付50%"],
               ["2024-07-10", "经办服务费", "504000.00", "首期数据监测报告后30%"]])
    # 第三条(二)3: the 20% is payable once the acceptance is recorded
    write_csv(folder, "facts", ["日期", "事项", "文号", "备注"],
              [["2024-12-10", "验收合格", "门医保验〔2024〕12号", "2024年度项目验收评估合格"]])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    for seed, build in enumerate((henan, zhengzhou, luoyang, kaifeng, mentougou), 1):
        build(out, random.Random(20240000 + seed))


if __name__ == "__main__":
    main()
