#!/usr/bin/env python3
"""generate-trend.py: writes the second year (2025) of the Luoyang sample
(seed 002, whose term runs 2024-01-01..2025-12-31) for `kaohe trend`, into
luoyang-zgyb-2024-2025/.  The demo loads it into the same contract after
the 2024 files.  Designed quarter by quarter so the trend has something to
show: the audit pass rate slides 93% -> 91% -> 88% -> 85% (failing from Q3),
the Q4 case review is missed, and a medical specialist joins 栾川县 on
2024-12-20, taking the place of LY900 (reassigned the day before), so
county staffing passes again from 2025Q1.  Totals by
quarter: 100, 100, 80, 70 — two declines in a row, flagged.

usage: python3 data/samples/generate-trend.py [OUTDIR]  (default: this folder)
"""
import csv
import datetime as dt
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(sys.argv[1] if len(sys.argv) > 1 else HERE, "luoyang-zgyb-2024-2025")
rng = random.Random(2025)
os.makedirs(OUT, exist_ok=True)


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


write("roster.csv", ["工号", "姓名", "岗位", "县区", "专业", "用工性质", "到岗日期", "离岗日期", "离岗原因"],
      [["LY900", "谢华涛", "county", "栾川县", "other", "contract", "2024-11-04", "2024-12-19",
        "reassigned"],
       ["LY901", "韩丽娟", "county", "栾川县", "medical", "contract", "2024-12-20", "", ""]])

write("activities.csv", ["日期", "类型", "数量", "县区"],
      [["2025-02-12", "政策培训", "1", ""], ["2025-02-26", "病历审核", "148", ""],
       ["2025-05-13", "政策培训", "1", ""], ["2025-05-27", "病历审核", "131", ""],
       ["2025-08-12", "政策培训", "1", ""], ["2025-08-26", "病历审核", "126", ""],
       ["2025-11-11", "政策培训", "1", ""]])

# 400 samples a quarter; pass counts give 93.00%, 91.00%, 88.00%, 85.00%
passes = {1: 372, 2: 364, 3: 352, 4: 340}
problems = ["重复报销", "超范围报销", "票据不全", "计算错误"]
rows, n = [], 30000
for q in range(1, 5):
    total = 400
    fails = set(rng.sample(range(total), total - passes[q]))
    for i in range(total):
        month = 3 * (q - 1) + 1 + i % 3
        day = dt.date(2025, month, 5 + (i * 7) % 20)
        kind = "manual-5pct" if i % 3 == 0 else "routine-10pct"
        ref = "LY2025%02d%04d" % (month, i)
        if i in fails:
            amount = "%.2f" % (rng.randint(5000, 90000) / 100)
            rows.append(["LYB%05d" % n, day.isoformat(), "2025Q%d" % q, kind, ref, "不合格",
                         amount, rng.choice(problems)])
        else:
            rows.append(["LYB%05d" % n, day.isoformat(), "2025Q%d" % q, kind, ref, "合格", "", ""])
        n += 1
write("audits.csv", ["样本编号", "稽核日期", "所属期", "抽样类别", "结算单号", "结果", "差错金额", "问题描述"],
      rows)
print(OUT)
