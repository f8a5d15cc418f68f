#!/bin/sh
# 774-trend-browser: the trend and league-table pages in a real browser —
# headless Chromium prints each to PDF and takes a screenshot that is not
# blank; the trend page carries its charts as inline SVG (gnuplot, through
# render-charts.c) when gnuplot is there.  Skipped only when chromium is
# not installed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip_all "chromium not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 "$SRCDIR/tests/helpers/make-scorecards.py" "$WORK/sc" <<'SPEC'
contract t-browser insurer 某某人寿保险股份有限公司
periods 2024Q1 2024Q2 2024Q3 2024Q4
ind staff.a 20 pass:20 pass:20 fail:0 fail:0
ind staff.b 10 pass:10 fail:5 fail:0 pass:10
ind settle.c 30 pass:30 pass:30 pass:30 pass:30
contract t-other insurer 另一家保险股份有限公司
periods 2024Q4
ind staff.a 20 pass:20
ind staff.b 10 pass:10
ind settle.c 30 fail:0
SPEC
run "$KAOHE" trend -o "$WORK/trend.html" "$WORK"/sc/t-browser-*.xml
expect_rc 0 "trend renders as html"
run "$KAOHE" compare -o "$WORK/compare.html" --from "$WORK/sc/t-browser-2024Q4.xml" \
	--from "$WORK/sc/t-other-2024Q4.xml"
expect_rc 0 "compare renders as html"

if [ -n "${GNUPLOT_CONFIGURED:-}" ] || command -v gnuplot >/dev/null; then
	n=$(grep -o '<svg' "$WORK/trend.html" | wc -l)
	[ "$n" -ge 2 ]; ok $? "the trend page carries its charts as inline SVG ($n)"
	grep -q 'script' "$WORK/trend.html"; [ $? -ne 0 ]; ok $? "no script in the page"
else
	ok 0 "# SKIP gnuplot not installed: no charts to count"
	ok 0 "# SKIP gnuplot not installed"
fi

for page in trend compare; do
	browser() {
		"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--disable-dev-shm-usage --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
			"$@" "file://$WORK/$page.html" >"$WORK/browser.out" 2>&1
	}
	browser --no-pdf-header-footer --print-to-pdf="$WORK/$page.pdf"
	[ -s "$WORK/$page.pdf" ]; ok $? "$page: chromium printed a PDF"
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$WORK/$page.pdf" | grep -q 'A4'; ok $? "$page: PDF pages are A4"
		if command -v pdftotext >/dev/null; then
			pdftotext "$WORK/$page.pdf" - | grep -q '指标staff.a'; ok $? "$page: PDF text carries the indicator titles"
		fi
	fi
	browser --window-size=1280,2000 --screenshot="$WORK/$page.png"
	[ -s "$WORK/$page.png" ]; ok $? "$page: chromium took a screenshot"
	python3 - "$WORK/$page.png" <<'PY'
# Not blank: a PNG larger than 30 KB whose decoded pixels have many colours.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n' and len(data) > 30000
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
	ok $? "$page: the screenshot is not blank (many colours)"
done

done_testing
