#!/bin/sh
# 653-scoresheet-browser: the 考核评分表 in a real browser — headless
# Chromium prints the fixture's sheet (and the blank one) to PDF: A4
# portrait pages, the column headings repeated at the top of the second
# page, the sign lines and the confirmation printed; a screenshot that is
# not blank.  Skipped only when chromium is not installed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/scoresheet-lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip_all "chromium not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
fixture_env

run "$KAOHE" report --from "$FIXTURE" --format scoresheet -o "$WORK/sheet.html"
expect_rc 0 "the fixture renders"
run "$KAOHE" report --from "$FIXTURE" --format scoresheet --blank -o "$WORK/blank.html"
expect_rc 0 "the blank sheet renders"

browser() {   # browser PAGE OPTIONS...
	page=$1; shift
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
		"$@" "file://$WORK/$page.html" >"$WORK/browser.out" 2>&1
}

for page in sheet blank; do
	browser "$page" --no-pdf-header-footer --print-to-pdf="$WORK/$page.pdf"
	[ -s "$WORK/$page.pdf" ]; ok $? "$page: chromium printed a PDF"
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$WORK/$page.pdf" >"$WORK/$page.info"
		grep -q '^Page size:.*(A4)' "$WORK/$page.info"; ok $? "$page: A4 pages"
		# portrait: width below height
		awk '/^Page size:/ { exit !($3 < $5) }' "$WORK/$page.info"; ok $? "$page: portrait"
		pages=$(awk '/^Pages:/ { print $2 }' "$WORK/$page.info")
		[ "${pages:-0}" -ge 1 ] && [ "${pages:-0}" -le 6 ]; ok $? "$page: a sane page count ($pages)"
	fi
done
if command -v pdftotext >/dev/null; then
	pdftotext "$WORK/sheet.pdf" "$WORK/sheet.txt"
	grep -q '考 *核 *评 *分 *表' "$WORK/sheet.txt"; ok $? "PDF: the title"
	grep -q '财务制度备案' "$WORK/sheet.txt"; ok $? "PDF: the Chinese item titles"
	grep -q '承办机构确认' "$WORK/sheet.txt"; ok $? "PDF: the insurer's confirmation"
	grep -q '王<&">五' "$WORK/sheet.txt"; ok $? "PDF: the member <&\"> printed as written"
	pages=$(awk '/^Pages:/ { print $2 }' "$WORK/sheet.info")
	if [ "${pages:-1}" -ge 2 ]; then
		pdftotext -f 2 -l 2 "$WORK/sheet.pdf" - | grep -q '扣分原因/依据'; ok $? "PDF: the column headings repeat on page 2"
	fi
fi

browser sheet --window-size=1000,1400 --screenshot="$WORK/shot.png"
[ -s "$WORK/shot.png" ]; ok $? "chromium took a screenshot"
python3 - "$WORK/shot.png" <<'PY'
# Not blank: a PNG larger than 20 KB whose decoded pixels have several shades.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n' and len(data) > 20000
pos, idat, width, height, ctype = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
        assert depth == 8 and ctype in (2, 6)
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = 3 if ctype == 2 else 4
stride = width * bpp
colours, prev = set(), bytearray(stride)
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 8 == 0:
        for x in range(0, stride, bpp * 4):
            colours.add(bytes(line[x:x + 3]))
    prev = line
sys.exit(0 if len(colours) > 20 else 1)
PY
ok $? "the screenshot is not blank"

done_testing
