#!/usr/bin/env python3
# scoresheet-rows.py: prints what a 考核评分表 HTML page holds, one line per
# thing, so shell tests can grep it.  The page is parsed as XML (it is
# polyglot HTML5); failing to parse is exit 1.
#   head<TAB>LABEL<TAB>VALUE        the header table
#   col<TAB>N<TAB>HEADING           the sheet's column headings
#   ROWCLASS<TAB>cell1<TAB>…        every body row of the sheet (cells' text,
#                                   whitespace collapsed, <br/> as " / ")
#   note<TAB>TEXT, diff<TAB>cells…, member<TAB>NAME, confirm<TAB>TEXT, title<TAB>H1
import re, sys
import xml.etree.ElementTree as ET
H = '{http://www.w3.org/1999/xhtml}'

def text(e):
    parts = []
    def walk(n):
        if n.text:
            parts.append(n.text)
        for c in n:
            if c.tag == H + 'br':
                parts.append(' / ')
            else:
                walk(c)
            if c.tail:
                parts.append(c.tail)
    walk(e)
    return re.sub(r'\s+', ' ', ''.join(parts)).strip()

root = ET.parse(sys.argv[1]).getroot()
body = root.find(H + 'body')
print('title\t' + text(body.find('.//' + H + 'h1')))
for tr in body.iterfind('.//' + H + 'table[@class="head"]//' + H + 'tr'):
    cells = list(tr)
    for i in range(0, len(cells), 2):
        print('head\t%s\t%s' % (text(cells[i]), text(cells[i + 1])))
sheet = body.find('.//' + H + 'table[@class="sheet"]')
for i, th in enumerate(sheet.find(H + 'thead').iter(H + 'th'), 1):
    print('col\t%d\t%s' % (i, text(th)))
for tr in sheet.find(H + 'tbody').iterfind(H + 'tr'):
    print('\t'.join([tr.get('class', '')] + [text(td) for td in tr]))
for p in body.iterfind('.//' + H + 'p'):
    if 'note' in (p.get('class') or '').split():
        print('note\t' + text(p))
    if p.get('class') == 'confirm':
        print('confirm\t' + text(p))
for tr in body.iterfind('.//' + H + 'table[@class="differences"]/' + H + 'tbody/' + H + 'tr'):
    print('\t'.join(['diff'] + [text(td) for td in tr]))
for tr in body.iterfind('.//' + H + 'tr[@class="member"]'):
    print('member\t' + text(tr.find(H + 'td[@class="name"]')) + '\t' + text(tr))
