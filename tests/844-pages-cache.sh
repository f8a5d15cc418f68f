#!/bin/sh
# 844-pages-cache: kaohe serve keeps parsed contracts, compiled page
# layouts and stored runs' figures between requests (src/app/contract-cache.c,
# src/server/pages.c) — and never shows a stale one: a contract version
# added with the CLI while the server runs is on the very next dashboard
# and contract page, a version whose text is an older one's shows that
# text; and many requests at once, while a version is added, all answer
# 200 with a whole page.  Setup: tests/helpers/pages-lib.sh.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/pages-lib.sh"
command -v curl >/dev/null || skip_all "curl is not installed"
command -v xargs >/dev/null || skip_all "xargs is not installed"

pages_setup
serve_start
LY=/contracts/luoyang-zgyb-2024
HN=/contracts/henan-dbbx-2024
TITLE=洛阳市职工基本医疗保险委托经办服务协议
SEED=$SRCDIR/data/contracts/luoyang-zgyb-2024.xml

# version FILE SED-SCRIPT: the seed contract edited, as FILE (its name is
# the contract's id, so `contract add` stores it as the next version).
version() {
	mkdir -p "$WORK/v"
	sed -e "$2" "$SEED" >"$WORK/v/$1"
}
add() {   # add FILE NAME: kaohe contract add, one check
	"$KAOHE" contract add "$WORK/v/$1" >"$WORK/add.out" 2>&1
	ok $? "$2"
}

login reg
get reg /
is "$code" 200 "the dashboard"
in_page "$TITLE<" "... shows the contract's title"
get reg /
in_page "$TITLE<" "... and again (from the cache)"
get reg $LY
in_page "$TITLE" "the contract page shows the title"

mkdir -p "$WORK/v"
version luoyang-zgyb-2024.xml "s|<title>$TITLE</title>|<title>${TITLE}（第二版）</title>|"
add luoyang-zgyb-2024.xml "version 2 added while the server runs"
grep -q '2' "$WORK/add.out"; ok $? "... as version 2"
get reg /
in_page "${TITLE}（第二版）" "the next dashboard shows version 2's title"
get reg $LY
in_page "${TITLE}（第二版）" "the next contract page too"

version luoyang-zgyb-2024.xml 's|purchaser="洛阳市医疗保障局"|purchaser="洛阳市医疗保障局（新）"|'
add luoyang-zgyb-2024.xml "version 3 (another purchaser, the seed's title)"
get reg $LY
in_page "洛阳市医疗保障局（新）" "the contract page shows version 3's purchaser"
not_in_page "第二版" "... and not version 2's title"
get reg /
not_in_page "第二版" "the dashboard no longer shows version 2's title"

cp "$SEED" "$WORK/v/luoyang-zgyb-2024.xml"
add luoyang-zgyb-2024.xml "version 4: version 1's text again"
get reg $LY
not_in_page "（新）" "the contract page shows version 4 (version 1's text)"
in_page "$TITLE" "... with the seed's title"

# Many at once: 8 clients, 120 requests over the dashboard, both contract
# pages and a period page; version 5 is added in the middle of them.
i=0
while [ $i -lt 30 ]; do
	printf '%s\n' / $LY $HN $LY/2024Q2
	i=$((i + 1))
done >"$WORK/paths"
version luoyang-zgyb-2024.xml "s|<title>$TITLE</title>|<title>${TITLE}（第五版）</title>|"
xargs -P 8 -I '{}' curl -s -b "$WORK/reg.jar" -o /dev/null \
	-w '%{http_code} %{size_download} {}\n' "$BASE{}" <"$WORK/paths" >"$WORK/answers" &
load=$!
"$KAOHE" contract add "$WORK/v/luoyang-zgyb-2024.xml" >"$WORK/add.out" 2>&1
ok $? "version 5 added while 8 clients load the pages"
wait $load
is "$(wc -l <"$WORK/answers" | tr -d ' ')" 120 "every request was answered"
is "$(awk '$1 == 200 && $2 > 0' "$WORK/answers" | wc -l | tr -d ' ')" 120 \
	"... 200 with a page, each"
awk '$1 != 200 || $2 == 0' "$WORK/answers" | head -n 5 | sed 's/^/# /'
kill -0 "$SERVE_PID" 2>/dev/null
ok $? "the server still runs"
get reg /
in_page "${TITLE}（第五版）" "the next dashboard shows version 5"
get reg $LY
in_page "${TITLE}（第五版）" "... and the next contract page"
get reg $LY/2024Q2
is "$code" 200 "the period page"
in_page "${TITLE}（第五版）" "... scored with version 5"

kill "$SERVE_PID"
wait "$SERVE_PID"
ok $? "the server stops cleanly"
if grep -qiE 'error|错误|sanitizer' "$WORK/serve.err"; then
	ok 1 "no error in the server's log"
	head -n 20 "$WORK/serve.err" | sed 's/^/# /'
else
	ok 0 "no error in the server's log"
fi
done_testing
