#!/usr/bin/env python3
"""make-scorecards.py: minimal valid scorecard XML files (scorecard.rng) for
the trend and compare tests, from a small text spec on stdin:

    contract ID [insurer NAME]          starts a contract (one file per period)
    max POINTS                          optional: the summary's max (default:
                                        the points of the non-n/a indicators)
    periods P1 P2 ...                   the periods of the contract
    ind ID POINTS STATUS:AWARDED ...    one indicator, one cell per period;
                                        STATUS pass|fail|na|pending, AWARDED
                                        points; POINTS may be P1/P2/... per period
    cat ID POINTS AWARDED ...           a category (issue 16), one award per period

Writes OUTDIR/CONTRACT-PERIOD.xml.  usage: make-scorecards.py OUTDIR < spec
"""
import os
import sys
from xml.sax.saxutils import quoteattr as q

out = sys.argv[1]
contracts = []
for line in sys.stdin:
    w = line.split()
    if not w or w[0].startswith("#"):
        continue
    if w[0] == "contract":
        insurer = " ".join(w[3:]) if len(w) > 3 and w[2] == "insurer" else "保险公司" + w[1]
        contracts.append({"id": w[1], "insurer": insurer, "periods": [], "inds": [], "cats": [],
                          "max": None})
    elif w[0] == "periods":
        contracts[-1]["periods"] = w[1:]
    elif w[0] == "max":
        contracts[-1]["max"] = w[1]
    elif w[0] == "ind":
        contracts[-1]["inds"].append((w[1], w[2], w[3:]))
    elif w[0] == "cat":
        contracts[-1]["cats"].append((w[1], w[2], w[3:]))


def span(p):
    y = int(p[:4])
    if len(p) == 4:
        return "%d-01-01" % y, "%d-12-31" % y
    if p[4] == "Q":
        k = int(p[5])
        last = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}[k]
        return "%d-%02d-01" % (y, 3 * k - 2), "%d-%s" % (y, last)
    if p[4] == "H":
        return ("%d-01-01" % y, "%d-06-30" % y) if p[5] == "1" else ("%d-07-01" % y, "%d-12-31" % y)
    raise SystemExit("period " + p)


def cents(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def pts(c):
    return "%d.%02d" % (c // 100, c % 100)


os.makedirs(out, exist_ok=True)
for c in contracts:
    for i, p in enumerate(c["periods"]):
        first, last = span(p)
        inds, score, mx, counts = [], 0, 0, {"pass": 0, "fail": 0, "na": 0}
        for iid, points, cells in c["inds"]:
            status, awarded = cells[i].split(":")
            pp = points.split("/")
            point = cents(pp[i] if len(pp) > 1 else pp[0])
            a = cents(awarded)
            score += a
            if status != "na":
                mx += point
            counts[status if status in counts else "na"] += 1
            cat = ""
            for cid, _, _ in c["cats"]:
                if iid.startswith(cid + "."):
                    cat = ' category=%s' % q(cid)
            inds.append('  <indicator id=%s clause="第一条" title=%s measure="staffing"%s status="%s" '
                        'value="%d" value-text="%d" points="%s" awarded="%s"/>\n'
                        % (q(iid), q("指标" + iid), cat, status, a // 100, a // 100, pts(point),
                           pts(a)))
        cats = "".join('  <category id=%s title=%s points="%s" awarded="%s"/>\n'
                       % (q(cid), q("类别" + cid), pts(cents(points)), pts(cents(aw[i])))
                       for cid, points, aw in c["cats"])
        if c["max"]:
            mx = cents(c["max"])
        doc = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<scorecard xmlns="urn:kaohe:scorecard:1" contract=%s contract-version="1" '
               'title="测试合同" purchaser="测试医保局" insurer=%s period="%s" period-first="%s" '
               'period-last="%s" as-of="%s" generated="2026-01-01T00:00:00" lang="zh">\n'
               '  <summary score="%s" max="%s" grade="合格" pass="%d" fail="%d" na="%d"/>\n'
               '%s%s  <provenance>\n    <contract id=%s version="1" sha256="%s"/>\n'
               '  </provenance>\n</scorecard>\n'
               % (q(c["id"]), q(c["insurer"]), p, first, last, last, pts(score), pts(mx),
                  counts["pass"], counts["fail"], counts["na"], cats, "".join(inds), q(c["id"]),
                  "0" * 64))
        with open(os.path.join(out, "%s-%s.xml" % (c["id"], p)), "w", encoding="utf-8") as fp:
            fp.write(doc)
