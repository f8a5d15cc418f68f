#!/usr/bin/env python3
"""xlsx-parts.py OUT.xlsx SHEET.xml [--sst SST.xml] [--styles STYLES.xml]
[--date1904]: writes a workbook around hand-written parts (Python's zipfile,
deflated), so a test can put into the sheet or the shared strings exactly
the XML it means to read: what no writer we have produces (a DOCTYPE,
rich text, phonetic runs, CDATA, prefixed elements, cells out of order)."""
import sys
import zipfile

args = sys.argv[1:]
out, sheet = args[0], args[1]
sst = styles = None
date1904 = False
i = 2
while i < len(args):
    if args[i] == "--sst":
        sst = args[i + 1]
        i += 2
    elif args[i] == "--styles":
        styles = args[i + 1]
        i += 2
    elif args[i] == "--date1904":
        date1904 = True
        i += 1
    else:
        sys.exit("xlsx-parts.py: unknown argument " + args[i])

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
types = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
top = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
       '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
       '</Relationships>' % (PR, R))
workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">'
            '%s<sheets><sheet name="结算明细" sheetId="1" r:id="rId1"/></sheets></workbook>'
            % (NS, R, '<workbookPr date1904="1"/>' if date1904 else ''))
rels = ['<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>' % R]
if sst:
    rels.append('<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % R)
if styles:
    rels.append('<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/>' % R)
wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">%s</Relationships>'
          % (PR, "".join(rels)))

with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("_rels/.rels", top)
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", wbrels)
    z.write(sheet, "xl/worksheets/sheet1.xml")
    if sst:
        z.write(sst, "xl/sharedStrings.xml")
    if styles:
        z.write(styles, "xl/styles.xml")
