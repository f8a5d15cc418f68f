#!/bin/sh
# 840-pages-roles: every role boundary of kaohe serve's pages, each proved
# by a request that must be refused — nobody logged in goes to /login; an
# insurer guessing another insurer's contract gets 404 (page, period,
# downloads, ledger, forms), the same answer as for a contract that does
# not exist; each form refuses the roles it is not for (403) and any POST
# without the session's CSRF token (403); nothing refused changes the
# store.  Setup and figures: tests/helpers/pages-lib.sh.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/pages-lib.sh"
command -v curl >/dev/null || skip_all "curl is not installed"

pages_setup
serve_start
LY=/contracts/luoyang-zgyb-2024
HN=/contracts/henan-dbbx-2024
L='2024Q2:第三条(三):audit.pass-rate'

get - /
is "$code" 303 "nobody logged in: GET / is sent to log in"
location | grep -q '^/login'; ok $? "... to /login"
get - $LY/2024Q2/scorecard.xml
is "$code" 303 "nobody logged in: no download either"

for u in reg panel1 ins-ly ins-hn; do
	login $u
	case $code in 200|303) ok 0 "$u logs in" ;; *) ok 1 "$u logs in (status $code)" ;; esac
done

get ins-ly /
is "$code" 200 "insurer: dashboard"
in_page 'luoyang-zgyb-2024' "insurer: its own contract on the dashboard"
not_in_page 'henan-dbbx-2024' "insurer: no other insurer's contract on the dashboard"
in_page '人保洛阳' "the header names the user"
in_page '承办机构' "... and the role"
for p in $HN $HN/2024Q2 $HN/2024Q2/scorecard.xml $HN/2024Q2/scorecard.xlsx \
         $HN/2024Q2/scorecard.html $HN/2024Q2/notice.html $HN/2024Q2/statement.txt \
         $HN/ledger.html $HN/ledger.xml; do
	get ins-ly $p
	is "$code" 404 "insurer guessing $p: 404"
done
not_in_page '河南|阳光' "... and the 404 page says nothing of it"
get ins-ly /contracts/no-such-contract
is "$code" 404 "a contract that does not exist: the same 404"
get ins-ly /submissions
is "$code" 200 "insurer: submissions"
not_in_page 'HN-M0' "insurer: no other insurer's receipts"
get ins-hn /submissions
in_page 'HN-M06' "the other insurer sees its own receipts"
get ins-hn $LY
is "$code" 404 "and not Luoyang's contract"

get reg /
in_page 'luoyang-zgyb-2024' "regulator: every contract (Luoyang)"
in_page 'henan-dbbx-2024' "regulator: every contract (Henan)"
get panel1 $HN/2024Q2
is "$code" 200 "panel member: any contract's period"

# forms refused by role
post ins-ly $HN/2024Q2/appeal indicator=report.monthly reason=猜测
is "$code" 404 "insurer: an appeal on another insurer's contract is 404"
post ins-ly $LY/2024Q2/decide "line=$L" state=confirmed reason=x
is "$code" 403 "insurer: confirming a line is 403"
post panel1 $LY/2024Q2/decide "line=$L" state=waived reason=x
is "$code" 403 "panel member: waiving a line is 403"
post ins-ly $LY/2024Q2/marks level=city score.rules.archives=5
is "$code" 403 "insurer: marking is 403"
post reg $LY/2024Q2/marks level=city score.rules.archives=5
is "$code" 403 "regulator: marking is 403 (the panel marks)"
post reg $LY/2024Q2/appeal indicator=audit.pass-rate reason=x
is "$code" 403 "regulator: filing an appeal is 403 (the insurer appeals)"
post panel1 $LY/2024Q2/appeal indicator=audit.pass-rate reason=x
is "$code" 403 "panel member: filing an appeal is 403"

# CSRF
post_raw reg $LY/2024Q2/decide "line=$L" state=confirmed reason=x
is "$code" 403 "no CSRF token: 403"
post_raw reg $LY/2024Q2/decide csrf=forged "line=$L" state=confirmed reason=x
is "$code" 403 "a wrong CSRF token: 403"
post_raw - $LY/2024Q2/decide csrf=x "line=$L" state=confirmed
case $code in 303|401|403) ok 0 "nobody logged in: a POST is refused ($code)" ;;
	*) ok 1 "nobody logged in: a POST is refused (got $code)" ;; esac

# the appeal decision route is the regulator's
post ins-ly $LY/2024Q2/appeal indicator=audit.pass-rate reason=复核 refs=Q2-F89
is "$code" 303 "insurer: its own appeal is filed (303)"
post ins-ly /appeals/1/decide outcome=overturn reason=自己决定
is "$code" 403 "insurer: deciding its own appeal is 403"
post panel1 /appeals/1/decide outcome=overturn reason=x
is "$code" 403 "panel member: deciding an appeal is 403"

is "$(sql "select count(*) from decisions")" 0 "nothing refused left a decision"
is "$(sql "select count(*) from marks")" 0 "... or a mark"
is "$(sql "select count(*) from appeals")" 1 "... or an appeal (only the one filed)"
is "$(sql "select state from appeals")" open "... and it is still open"

# A page whose data is wrong is the server's trouble, not the visitor's:
# a contract whose term is 2027, with no 2027 work calendar, cannot be
# scored; its period page and ledger answer 500 with a message saying so,
# not the 400 of a wrong form.
sed 's/id="henan-dbbx-2024"/id="test-2027"/; s/2024-01-01/2027-01-01/; s/2024-12-31/2027-12-31/' \
	"$SRCDIR/data/contracts/henan-dbbx-2024.xml" >"$WORK/test-2027.xml"
"$KAOHE" contract add "$WORK/test-2027.xml" >/dev/null 2>&1
ok $? "a contract for 2027 (no 2027 calendar)"
get reg /contracts/test-2027/2027
is "$code" 500 "its 2027 page: 500"
in_page '此页所需的数据有误' "... saying the data behind the page is wrong"
get reg /contracts/test-2027/2027/statement.xml
is "$code" 500 "its 2027 statement: 500"
get reg /contracts/test-2027/ledger.html
is "$code" 500 "its ledger: 500"
# A contract without money terms has no ledger: 404, not an error.
"$KAOHE" contract add kaifeng-dae-2024 >/dev/null 2>&1
ok $? "kaifeng-dae-2024 (no <money>)"
get reg /contracts/kaifeng-dae-2024/ledger.html
is "$code" 404 "its ledger: 404"
done_testing
