#!/bin/sh
# 742-due-notice-browser: the duties calendar (kaohe due --format html) and
# the result notice (kaohe report --format notice) are self-contained pages
# that escape data text, and print in headless Chromium as A4.  The
# browser part is skipped only when chromium is not installed.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

C=henan-dbbx-2024
"$KAOHE" init >/dev/null && "$KAOHE" contract add $C >/dev/null || exit 1
cat >facts.csv <<CSV
contract,date,kind,ref,amount,due_date,note
$C,2024-05-06,rectification-order,"ZG<i>1</i>",,2024-05-31,"<script>alert(1)</script> & ""整改"""
CSV
run "$KAOHE" import facts facts.csv
expect_rc 0 "a hostile note imports"

run "$KAOHE" due --contract $C --as-of 2024-06-30 --format html -o due.html
expect_rc 0 "due --format html"
xmllint --noout due.html 2>/dev/null; ok $? "due.html is well-formed"
head -c 15 due.html | grep -q '<!DOCTYPE html>'; ok $? "html5 doctype first"
grep -q '<script' due.html; ok $((!$?)) "no script element"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "整改"' due.html; ok $? "the note is escaped text"
grep -q 'ZG&lt;i&gt;1&lt;/i&gt;' due.html; ok $? "the ref is escaped text"
grep -Eq '(src|href)=' due.html; ok $((!$?)) "no external src/href"
grep -q '@page { size: A4' due.html; ok $? "A4 print stylesheet"
grep -q 'prefers-color-scheme: dark' due.html; ok $? "dark screens"
grep -q '逾期' due.html; ok $? "statuses in words"

run "$KAOHE" report --contract $C --period 2024Q2 --as-of 2024-06-30 --format notice -o notice.html
expect_rc 0 "report --format notice"
xmllint --noout notice.html 2>/dev/null; ok $? "notice.html is well-formed"
grep -q '<script' notice.html; ok $((!$?)) "notice: no script element"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' notice.html; ok $? "notice: the order's note is escaped text"
grep -q '考核结果通知书' notice.html; ok $? "notice: title"
grep -q '阳光财产保险股份有限公司河南省分公司：' notice.html; ok $? "notice: addressed to the insurer"
grep -q '河南省医疗保障服务中心（盖章）' notice.html; ok $? "notice: the purchaser's seal"
grep -q '2024-05-31（逾期）' notice.html; ok $? "notice: the order's deadline, late"
grep -q '15</strong>' notice.html; ok $? "notice: the default appeal window"
grep -q '@page { size: A4' notice.html; ok $? "notice: A4 print stylesheet"
KAOHE_NOW=2024-07-05 "$KAOHE" report --contract $C --period 2024Q2 --as-of 2024-06-30 --format notice -o n2.html >/dev/null
grep -q '日期：2024-07-05' n2.html; ok $? "notice: dated KAOHE_NOW"
"$KAOHE" report --contract luoyang-zgyb-2024 --period 2024 --format notice -o ly.html >/dev/null 2>&1 ||
	{ "$KAOHE" contract add luoyang-zgyb-2024 >/dev/null; "$KAOHE" report --contract luoyang-zgyb-2024 --period 2024 --format notice -o ly.html >/dev/null 2>&1; }
grep -q '合同依据：第三条(三)' ly.html; ok $? "Luoyang notice cites 002 第三条(三) for the review"
run "$KAOHE" --lang en report --contract $C --period 2024Q2 --as-of 2024-06-30 --format notice -o en.html
grep -q 'Notice of assessment results' en.html; ok $? "notice --lang en"

CHROMIUM=$(command -v chromium || command -v chromium-browser) || { done_testing; exit $?; }
browser() {   # browser PAGE ARGS...
	_page=$1; shift
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" \
		"$@" "file://$WORK/$_page" >"$WORK/browser.out" 2>&1
}
for page in due notice; do
	browser $page.html --no-pdf-header-footer --print-to-pdf="$WORK/$page.pdf"
	[ -s "$WORK/$page.pdf" ]; ok $? "$page: chromium printed a PDF"
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$WORK/$page.pdf" | grep -q 'A4'; ok $? "$page: PDF pages are A4"
		pages=$(pdfinfo "$WORK/$page.pdf" | awk '/^Pages:/ { print $2 }')
		[ "${pages:-0}" -ge 1 ] && [ "${pages:-0}" -le 10 ]; ok $? "$page: page count is sane ($pages)"
	fi
done
if command -v pdftotext >/dev/null; then
	pdftotext "$WORK/notice.pdf" - | grep -q '考核结果通知书'; ok $? "notice PDF carries the Chinese title"
	pdftotext "$WORK/due.pdf" - | grep -q '合同义务日程'; ok $? "due PDF carries the Chinese title"
	pdftotext "$WORK/notice.pdf" - | grep -q 'alert(1)'; ok $? "the escaped note prints as text"
fi

done_testing
