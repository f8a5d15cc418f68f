#!/usr/bin/env python3
"""generate-henan-b.py: a second insurer under the Henan critical-illness
contract (seed 001) for `kaohe compare`: the same template with another
insurer and region (周口 instead of 商丘), written to henan-dbbx-2024-zk/
(henan-dbbx-2024-zk.xml, the contract, and one CSV per record kind) from the henan-dbbx-2024 sample.
The records are the first region's, moved to 周口's counties, with the
monthly reports filed on time and no substantiated complaint — so the two
insurers score differently and the league table has an order to show.

usage: python3 data/samples/generate-henan-b.py   (run from anywhere)
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "henan-dbbx-2024")
OUT = os.path.join(HERE, "henan-dbbx-2024-zk")
CONTRACT = os.path.join(HERE, "..", "contracts", "henan-dbbx-2024.xml")
COUNTIES = {"梁园区": "川汇区", "睢阳区": "淮阳区", "永城市": "项城市", "虞城县": "扶沟县",
            "柘城县": "西华县", "睢县": "商水县", "夏邑县": "沈丘县", "民权县": "郸城县",
            "宁陵县": "太康县", "商丘": "周口"}
os.makedirs(OUT, exist_ok=True)


def moved(text):
    for a, b in COUNTIES.items():
        text = text.replace(a, b)
    return re.sub(r"\bHN", "ZK", text)


with open(CONTRACT, encoding="utf-8") as fp:
    xml = fp.read()
xml = xml.replace('id="henan-dbbx-2024"', 'id="henan-dbbx-2024-zk"', 1)
xml = xml.replace("阳光财产保险股份有限公司河南省分公司", "中国人寿保险股份有限公司河南省分公司")
xml = xml.replace("(seed 001).", "(seed 001),\n     second insurer (周口) of the kaohe compare demo.", 1)
with open(os.path.join(OUT, "henan-dbbx-2024-zk.xml"), "w", encoding="utf-8") as fp:
    fp.write(xml)

for name in sorted(os.listdir(SRC)):
    if not name.endswith(".csv") or name == "marks.csv":
        continue   # the panel's marks are the 商丘 panel's own, not 周口's
    with open(os.path.join(SRC, name), encoding="utf-8", newline="") as fp:
        rows = list(csv.reader(fp))
    header, body = rows[0], [[moved(c) for c in r] for r in rows[1:]]
    if name == "submissions.csv":
        # every monthly report on the 3rd of the next month
        for r in body:
            if r[0] == "monthly":
                y, m = map(int, r[1].split("-"))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
                r[2] = "%04d-%02d-03 10:00" % (y, m)
    if name == "complaints.csv":
        for r in body:
            r[4] = "否"
            r[5] = ""
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as fp:
        w = csv.writer(fp, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
print(OUT)
