#!/usr/bin/env python3
"""openpyxl-export.py OUT.xlsx: writes, with openpyxl (a second, independent
XLSX writer beside libxlsxwriter), a settlement export in the shape the
医保信息平台 gives: a hidden first sheet, a title row merged across, a
two-row header (金额 merged over 合规自付费用 and 报销金额, the other
headers merged down), inline strings, dates as date cells with a Chinese
custom format, as text (2024年3月5日) and as YYYYMMDD numbers, 是/否, an
ignored 备注 column, and styled empty cells right of and below the data.
Used by tests/671-xlsx-openpyxl.sh; tests/data/xlsx/openpyxl-export.xlsx
is its output, committed for machines without python3-openpyxl."""
import datetime
import sys

import openpyxl
from openpyxl.styles import Font, PatternFill

wb = openpyxl.Workbook()
notes = wb.active
notes.title = "填表说明"
notes["A1"] = "本表由医保信息平台导出"
notes.sheet_state = "hidden"

ws = wb.create_sheet("结算明细")
ws["A1"] = "郑州市2024年大病保险结算明细"
ws.merge_cells("A1:J1")
heads = ["结算流水号", "个人编号", "是否直接结算", "结算日期", "受理日期",
         "支付日期", None, None, "免责", "备注"]
for col, text in enumerate(heads, start=1):
    if text:
        ws.cell(row=2, column=col, value=text)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
ws["G2"] = "金额"
ws.merge_cells("G2:H2")
ws["G3"] = "合规自付费用"
ws["H3"] = "报销金额"
for row in ws.iter_rows(min_row=1, max_row=3):
    for cell in row:
        cell.font = Font(bold=True)

rows = [
    ("JS0001", "410102001", "是", datetime.date(2024, 3, 1), "2024年3月5日",
     20240307, 1234.56, 1000.5, "否", "首笔"),
    ("JS0002", "410102002", "否", datetime.date(2024, 2, 28), "2024年2月29日",
     20240311, 80, 64, "是", None),
    ("JS0003", "410102001", "是", datetime.date(2024, 12, 30), "2024年12月31日",
     None, 0.01, 0.01, False, None),
]
for r, values in enumerate(rows, start=4):
    for c, v in enumerate(values, start=1):
        if v is None:
            continue
        cell = ws.cell(row=r, column=c, value=v)
        if isinstance(v, datetime.date):
            cell.number_format = 'yyyy"年"m"月"d"日"'
# Styled but empty: right of the data and in rows below it.
grey = PatternFill("solid", fgColor="DDDDDD")
for r in range(4, 7):
    ws.cell(row=r, column=12).fill = grey
for r in range(7, 10):
    for c in range(1, 11):
        ws.cell(row=r, column=c).fill = grey

wb.properties.created = datetime.datetime(2024, 1, 1)
wb.properties.modified = datetime.datetime(2024, 1, 1)
wb.save(sys.argv[1])
