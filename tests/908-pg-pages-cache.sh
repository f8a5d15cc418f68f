#!/bin/sh
# 908-pg-pages-cache: kaohe serve's cache of parsed contracts on
# PostgreSQL (kh_store_contract_head on the pg engine): the dashboard and
# the contract page show the contract, and a version added with the CLI
# while the server runs shows on the very next request.  The same on
# SQLite: tests/844-pages-cache.sh.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
pg_start
. "$SRCDIR/tests/helpers/serve.sh"
trap 'stop_serve KILL; pg_stop; rm -rf "$WORK"' EXIT
have_users || skip_all "kaohe user is not built"

C=henan-dbbx-2024
TITLE=2024年河南省城乡居民大病保险承办服务合同
export KAOHE_DB=$PGURL
"$KAOHE" init >/dev/null
"$KAOHE" contract add "$C" >/dev/null
printf 'pw-reg-long-enough-1\n' >pw-reg
"$KAOHE" user add reg --role regulator --password-file pw-reg >/dev/null 2>&1
ok $? "a regulator on PostgreSQL"

KAOHE_NOW='2024-04-03 10:15:00' start_serve srv --db "$PGURL"
[ -n "$URL" ]; ok $? "serve on PostgreSQL starts"
curl -s --cacert ca.pem -o /dev/null -D login.h -X POST "$URL/login" \
	--data-urlencode "name=reg" --data-urlencode "password=pw-reg-long-enough-1"
SID=$(grep -i '^Set-Cookie:' login.h | sed 's/^[^:]*: *kaohe_session=\([^;]*\);.*/\1/' | tr -d '\r')
[ -n "$SID" ]; ok $? "the regulator logs in"

page() {   # page PATH: GET as the regulator into ./page; $code
	code=$(curl -s --cacert ca.pem -o page -w '%{http_code}' -b "kaohe_session=$SID" "$URL$1")
}
page /
is "$code" 200 "the dashboard on PostgreSQL"
grep -q "$TITLE" page; ok $? "... shows the contract's title"
page /
grep -q "$TITLE" page; ok $? "... and again (from the cache)"

mkdir -p v
sed "s|<title>$TITLE</title>|<title>${TITLE}（第二版）</title>|" \
	"$SRCDIR/data/contracts/$C.xml" >"v/$C.xml"
"$KAOHE" contract add "v/$C.xml" >/dev/null 2>&1
ok $? "version 2 added while the server runs"
page /
grep -q "${TITLE}（第二版）" page; ok $? "the next dashboard shows version 2"
page /contracts/$C
is "$code" 200 "the contract page"
grep -q "${TITLE}（第二版）" page; ok $? "... shows version 2"

stop_serve
is "$serve_rc" "0" "serve exits 0"
done_testing
