#!/usr/bin/env python3
# xlsx-cells.py: prints every cell of an XLSX file as SHEET<TAB>REF<TAB>VALUE
# (shared strings resolved), using only the standard library, so the tests
# can read a workbook without Excel.  Exits 1 when the file is not a zip
# with the parts an XLSX must have.
import signal, sys, zipfile
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
import xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
REL = '{http://schemas.openxmlformats.org/package/2006/relationships}'
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
rels = {r.get('Id'): r.get('Target') for r in
        ET.fromstring(z.read('xl/_rels/workbook.xml.rels')).iter(REL + 'Relationship')}
wb = ET.fromstring(z.read('xl/workbook.xml'))
for sheet in wb.find('m:sheets', NS):
    name = sheet.get('name')
    target = rels[sheet.get('{%s}id' % NS['r'])]
    root = ET.fromstring(z.read('xl/' + target.lstrip('/').replace('xl/', '', 1)))
    for c in root.iter('{%s}c' % NS['m']):
        v = c.find('m:v', NS)
        if v is None:
            continue
        val = shared[int(v.text)] if c.get('t') == 's' else v.text
        print('%s\t%s\t%s' % (name, c.get('r'), val.replace('\t', ' ').replace('\n', ' ')))
