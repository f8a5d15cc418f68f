#!/usr/bin/env python3
"""make-corpus.py SRCDIR: (re)writes the seed files of tests/fuzz/corpus/
from the test data, the shipped contracts and calendars, and the
reproducers of issue 15.  Files found by `make fuzz` and added by hand
(named find-*) are left alone.  Run it when a seed's source changes."""
import codecs
import json
import os
import sys

src = sys.argv[1] if len(sys.argv) > 1 else '.'
root = os.path.join(src, 'tests', 'fuzz', 'corpus')


def put(corpus, name, data):
    d = os.path.join(root, corpus)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def read(*parts):
    with open(os.path.join(src, *parts), 'rb') as f:
        return f.read()


BOM = b'\xef\xbb\xbf'
kinds = ['roster', 'settlements', 'complaints', 'audits', 'submissions',
         'activities', 'finance', 'population', 'ratings']
facts = ('合同,日期,事项,文号,金额,期限,备注\n'
         'henan-2024,2024-03-01,整改通知,甲〔2024〕3号,,2024-03-31,"限期, 整改"\n'
         'henan-2024,2024-03-20,rectified,甲〔2024〕3号,,,\n'
         'henan-2024,2024-05-02,refund,R-9,"-1,200.50",,退还\n').encode()
marks = ('合同,考核期,层级,指标,评分人,得分,扣分原因,依据\n'
         'zz-2025,2025,市级,org.finance-filing,王敏,4.5,"备案晚, 材料不全",检查记录\n'
         'zz-2025,2025q1,self,service.satisfaction,承办机构自评,10,,\n'
         'zz-2025,2025,省级,claims.cap,省抽查,0.25,,\n'
         'zz-2025,2025,city,claims.cap,赵磊,-1,,\n').encode()
english = {
    'population': b'contract,date,unit,insured\nc1,2024-01-01,,5\n'
                  b'c1,2024-01-01,a,"1,000"\n',
    'ratings': b'Contract,QUARTER,rating\r\nc1,2025Q1,AA\r\nc1,2025Q2,d\r\n',
}

# --- csv and import-KIND: the test data, English headers, hostile rows ----
for k in kinds:
    data = read('tests', 'data', 'import', k + '.csv')
    put('csv', k + '.csv', data)
    put('import-' + k, k + '.csv', data)
    put('import-' + k, k + '-gb18030.csv', data.decode().encode('gb18030'))
    put('import-' + k, k + '-crlf-bom.csv', BOM + data.replace(b'\n', b'\r\n'))
    lines = data.split(b'\n')
    # issue 15 item 9: the first data row repeated at the end
    put('import-' + k, k + '-repeat.csv', data + lines[1] + b'\n')
    # item 3: a BOM at the start of a data row; item 4: a NUL in a field
    put('import-' + k, k + '-bom-row.csv', lines[0] + b'\n' + BOM + b'\n'.join(lines[1:]))
    put('import-' + k, k + '-nul.csv', data.replace(b',', b',\x00', 1 + data.count(b'\n') // 2))
put('csv', 'facts.csv', facts)
put('import-facts', 'facts.csv', facts)
put('import-facts', 'facts-gb18030.csv', facts.decode().encode('gb18030'))
put('import-facts', 'facts-repeat.csv', facts + facts.split(b'\n')[2] + b'\n')
put('csv', 'marks.csv', marks)
put('import-marks', 'marks.csv', marks)
put('import-marks', 'marks-gb18030.csv', marks.decode().encode('gb18030'))
put('import-marks', 'marks-repeat.csv', marks + marks.split(b'\n')[1] + b'\n')
for k, data in english.items():
    put('import-' + k, k + '-english.csv', data)

# csv reader: quoting, line ends, encodings, the reproducers of item 7
put('csv', 'quoted.csv', b'a,b,c\n"x, y","two\nlines","say ""hi"""\n\n1,,3\n')
put('csv', 'cr-only.csv', b'a,b\r1,2\r"x\ry",4\r')
put('csv', 'stray-quote.csv', b'a,b,c\n1,x"y,3\n')
put('csv', 'after-quote.csv', b'a,b,c\n1,"x\ny"z,3\n')
put('csv', 'unterminated.csv', b'a,b\n1,"open\n2,3\n')
put('csv', 'gb18030-bad.csv', b'a,b\n1,\xb0\xa1\xff\xff\n')
put('csv', 'gb18030-cut.csv', b'a,b\n1,\xb0')
put('csv', 'utf8-late-bad.csv', b'a,b\n' + b'1,2\n' * 50 + b'3,\xff\xfe\n')
put('csv', 'bom-rows.csv', BOM + b'a,b\n1,2\n' + BOM + b'a,b\n3,4\n')
put('csv', 'nul.csv', b'a,b\n1,x\x00y\n')
put('csv', 'wide.csv', (','.join('c%d' % i for i in range(300)) + '\n').encode())
put('csv', 'blank-rows.csv', b'a,b\n,\n\n , \n1,2\n')

# --- contract XML -----------------------------------------------------------
for name in sorted(os.listdir(os.path.join(src, 'data', 'contracts'))):
    if name.endswith('.xml'):
        put('contract', name, read('data', 'contracts', name))
for name in ['bad-date.xml', 'bomb.xml', 'notwf.xml', 'schema.xml',
             'unknown-measure.xml', 'xxe-param.xml.in']:
    put('contract', name.replace('.in', ''), read('tests', 'data', 'contract', name))
small = read('data', 'contracts', 'kaifeng-dae-2024.xml').decode()
put('contract', 'utf16-bom.xml', codecs.BOM_UTF16_LE + small.encode('utf-16-le'))
put('contract', 'utf16be-nobom.xml', small.encode('utf-16-be'))
put('contract', 'utf32.xml', small.encode('utf-32'))
put('contract', 'gb18030-declared.xml',
    small.replace('encoding="UTF-8"', 'encoding="GB18030"').encode('gb18030'))

# --- calendars ---------------------------------------------------------------
for name in sorted(os.listdir(os.path.join(src, 'data', 'calendar'))):
    if name.endswith('.txt'):
        put('calendar', name, read('data', 'calendar', name))
cal = read('data', 'calendar', '2024.txt')
put('calendar', 'not-utf8.txt', cal + b'holiday 2024-10-08 \xff\xfe\n')
put('calendar', 'nul.txt', cal + b'holiday 2024-10-08 x\x00y\n')
put('calendar', 'crlf-bom.txt', BOM + cal.replace(b'\n', b'\r\n'))

feed = read('tests', 'data', 'calendar', 'feed-2025.ics')
put('ics', 'feed-2025.ics', feed)
head = b'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\n'
tail = b'\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
# item 1: the SUMMARY that made summary_name's counter wrap (it hung)
put('ics', 'hang-summary.ics', head + b'SUMMARY:' + b'\x80' * 61 + '休'.encode() + tail)
put('ics', 'long-name.ics', head + ('SUMMARY:' + '元旦' * 12 + ' 休').encode() + tail)
folded = head + ('SUMMARY:' + '元旦' * 12 + ' 休').encode() + tail
folded = folded.replace('SUMMARY:元'.encode(), b'SUMMARY:' + '元'.encode()[:1] + b'\r\n ' + '元'.encode()[1:])
put('ics', 'folded-mid-char.ics', folded)
put('ics', 'duration-rrule.ics', head + b'DURATION:P2W\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:x \\, y\\n \xe7\x8f\xad' + tail)
put('ics', 'nested.ics', b'BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VALARM\n'
    b'DTSTART;VALUE=DATE:20280101\nDTEND;VALUE=DATE:20280103\nSTATUS:CONFIRMED\n'
    b'SUMMARY;LANGUAGE=zh:"a:b";\xe5\x85\x83\xe6\x97\xa6 \xe4\xbc\x91\nEND:VEVENT\nEND:VCALENDAR\n')

# --- the monthly report submit checks; receipts ---------------------------------
# monthly.xml itself is a `kaohe monthly` report (tests/data/import loaded,
# henan-2024, 2024-03), committed as it is; the variants derive from it.
monthly = os.path.join(root, 'monthly', 'monthly.xml')
if os.path.exists(monthly):
    m = open(monthly, 'rb').read()
    put('monthly', 'monthly-wrong-period.xml', m.replace(b'period="2024-03"', b'period="2024-13"'))
    put('monthly', 'monthly-utf16.xml', codecs.BOM_UTF16_LE + m.decode().encode('utf-16-le'))
put('monthly', 'other-root.xml', b'<?xml version="1.0"?><report xmlns="urn:x"/>')
put('monthly', 'entity.xml', b'<!DOCTYPE r [<!ENTITY e "x">]><monthly-report xmlns="urn:kaohe:monthly:1">&e;</monthly-report>')

receipts = {
    'ok.json': {"ref": "R-000123", "received_at": "2024-04-03 10:15:00", "accepted": True},
    'iso-t.json': {"ref": "R-1", "received_at": "2024-04-03T10:15:00", "accepted": False},
    'extra.json': {"ref": "R-2", "received_at": "2024-04-03 10:15", "accepted": True,
                   "note": ["x", {"y": 1}]},
    'bad-ref.json': {"ref": 42, "received_at": "2024-04-03 10:15:00", "accepted": True},
}
for name, obj in receipts.items():
    put('receipt', name, json.dumps(obj, ensure_ascii=False))
put('receipt', 'nul-ref.json', b'{"ref": "R\\u0000X", "received_at": "2024-04-03 10:15:00", "accepted": true}')
put('receipt', 'duplicate.json', b'{"ref": "a", "ref": "b", "received_at": "2024-04-03 10:15:00", "accepted": true}')
put('receipt', 'html.json', b'<html>maintenance</html>\n')
put('receipt', 'control.json', b'{"ref": "R\\u0007", "received_at": "2024-02-30 10:15:00", "accepted": 1}')

# --- dictionaries for libFuzzer (tests/fuzz/dict/HARNESS.dict) ----------------
import re


def dict_file(harness, words):
    d = os.path.join(src, 'tests', 'fuzz', 'dict')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, harness + '.dict'), 'w', encoding='utf-8') as f:
        f.write('# %s.dict: written by tests/fuzz/make-corpus.py\n' % harness)
        for w in sorted(set(words)):
            esc = ''.join('\\x%02x' % b if b < 0x20 or b in (0x22, 0x5c) or b > 0x7e
                          else chr(b) for b in w.encode('utf-8'))
            f.write('"%s"\n' % esc)


kinds_c = read('src', 'import', 'import-kinds.c').decode()
# accepted words (enumerations), then column names and their aliases
words = re.findall(r'\{ "([^"]+)", "[^"]*" \}', kinds_c)
words += [w for pair in re.findall(r'\{ "([a-z_]+)", "([^"]+)", KH_COL', kinds_c)
          for w in pair] + ['contract', '合同']
csv_words = ['"', '""', ',', '\r\n', '\n', '\ufeff', '2024-01-01', '2024/01/31', '20240229',
             '2024-03-01 09:30', '2024Q3', '2024H1', '2024-03', '1,234.50', '-0.01', 'yes', '否']
dict_file('csv', csv_words)
dict_file('import', csv_words + words)
rng = read('data', 'schema', 'contract.rng').decode()
names = re.findall(r'<(?:element|attribute) name="([^"]+)"', rng)
values = re.findall(r'<value>([^<]+)</value>', rng)
xml_words = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE', '<!ENTITY', '&amp;',
             '<![CDATA[', ']]>', '-->', '<!--', 'xmlns=', '"urn:kaohe:contract:1"']
dict_file('contract', xml_words + names + values +
          ['<%s' % n for n in names] + ['</%s>' % n for n in names] + [' %s="' % n for n in names])
mrng = read('data', 'schema', 'monthly.rng').decode()
mnames = re.findall(r'<(?:element|attribute) name="([^"]+)"', mrng)
mvalues = re.findall(r'<value>([^<]+)</value>', mrng)
dict_file('monthly', xml_words[:-1] + ['"urn:kaohe:monthly:1"'] + mnames + mvalues +
          ['<%s' % n for n in mnames] + [' %s="' % n for n in mnames])
dict_file('calendar', ['year ', 'notice ', 'holiday ', 'workday ', '..', '2024-', '-01-01',
                       '\n', '# ', '元旦', '春节', '\ufeff'])
dict_file('ics', ['BEGIN:', 'END:', 'VCALENDAR', 'VEVENT', 'VALARM', 'DTSTART', 'DTEND',
                  ';VALUE=DATE:', 'DURATION:', 'P1D', 'P2W', 'SUMMARY:', 'STATUS:CANCELLED',
                  'RRULE:', 'RDATE:', '\r\n', '\r\n ', '\\,', '\\n', '20280101', 'T090000',
                  '休', '班', '调休', '放假', '补班', 'holiday', 'workday', '\x80'])
dict_file('receipt', ['"ref"', '"received_at"', '"accepted"', 'true', 'false', 'null',
                      '\\u0000', '\\ud800', '2024-04-03 10:15:00', 'T', '{', '}', ':', ','])
