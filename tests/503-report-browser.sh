#!/bin/sh
# 503-report-browser: the HTML report in a real browser — headless Chromium
# prints it to PDF (A4, a sane page count) and takes a screenshot that is
# not blank.  Skipped only when chromium is not installed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip_all "chromium not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"

run "$KAOHE" report --from "$TESTDATA/render/sample-scorecard.xml" --format html -o "$WORK/report.html"
expect_rc 0 "sample renders as html"

browser() {
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
		"$@" "file://$WORK/report.html" >"$WORK/browser.out" 2>&1
}

browser --no-pdf-header-footer --print-to-pdf="$WORK/report.pdf"
[ -s "$WORK/report.pdf" ]; ok $? "chromium printed a PDF"
if command -v pdfinfo >/dev/null; then
	pages=$(pdfinfo "$WORK/report.pdf" | awk '/^Pages:/ { print $2 }')
	[ "${pages:-0}" -ge 3 ] && [ "${pages:-0}" -le 40 ]; ok $? "PDF page count is sane ($pages)"
	pdfinfo "$WORK/report.pdf" | grep -q 'A4'; ok $? "PDF pages are A4"
	if command -v pdftotext >/dev/null; then
		pdftotext "$WORK/report.pdf" - | grep -q '直接结算回款及时率'; ok $? "PDF text carries the Chinese indicator titles"
	fi
fi

browser --window-size=1280,2000 --screenshot="$WORK/shot.png"
[ -s "$WORK/shot.png" ]; ok $? "chromium took a screenshot"
python3 - "$WORK/shot.png" <<'PY'
# Not blank: a PNG larger than 40 KB whose decoded pixels have many colours.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n' and len(data) > 40000
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
sys.exit(0 if len(colours) > 50 else 1)
PY
ok $? "the screenshot is not blank (many colours)"

done_testing
