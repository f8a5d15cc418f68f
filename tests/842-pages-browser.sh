#!/bin/sh
# 842-pages-browser: headless Chromium (through chromedriver, driven by
# tests/helpers/pages-browser.py over plain WebDriver HTTP) against kaohe
# serve on loopback — logs in as the Luoyang insurer, sees its dashboard
# (its contract only), opens 2024Q2, files an appeal through the form,
# sees it listed, logs out.  Skipped, visibly, when chromium or
# chromedriver (Debian: chromium-driver) is missing.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$SRCDIR/tests/helpers/pages-lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser) ||
	skip_all "chromium is not installed"
CHROMEDRIVER=$(command -v chromedriver) ||
	skip_all "chromedriver is not installed (apt-get install chromium-driver)"
command -v curl >/dev/null || skip_all "curl is not installed"

pages_setup
serve_start
PYTHONPATH=$SRCDIR/tests/helpers python3 "$SRCDIR/tests/helpers/pages-browser.py" \
	"$BASE" ins-ly "$PAGES_PASSWORD" luoyang-zgyb-2024 2024Q2 "$WORK" \
	"$CHROMIUM" "$CHROMEDRIVER" >"$WORK/facts" 2>"$WORK/browser.err"
fact() { sed -n "s/^$1	//p" "$WORK/facts"; }
if grep -q '^error' "$WORK/facts"; then
	diag "$(cat "$WORK/facts")" "$(tail -n 20 "$WORK/browser.err")"
fi

case $(fact unauthenticated-url) in "$BASE/login"*) ok 0 "not logged in: the login page" ;;
	*) ok 1 "not logged in: the login page (at $(fact unauthenticated-url))" ;; esac
is "$(fact after-login-url)" "$BASE/" "logged in: the dashboard"
is "$(fact h1)" "工作台" "the dashboard's heading"
case $(fact who) in *人保洛阳*承办机构*) ok 0 "the header names the user and role" ;;
	*) ok 1 "the header names the user and role (got '$(fact who)')" ;; esac
case $(fact dashboard-row) in *中国人民财产保险股份有限公司河南省分公司*) ok 0 "the contract's row names its insurer" ;;
	*) ok 1 "the contract's row names its insurer (got '$(fact dashboard-row)')" ;; esac
case $(fact dashboard-all) in *henan*) ok 1 "no other insurer's contract" ;;
	*) ok 0 "no other insurer's contract" ;; esac
is "$(fact period-url)" "$BASE/contracts/luoyang-zgyb-2024/2024Q2" "the period, by its links"
is "$(fact score)" "0.00" "its score before the appeal (0.00 / 35.00, see 841)"
is "$(fact after-appeal-url)" "$BASE/contracts/luoyang-zgyb-2024/2024Q2" "the form posted back to the period"
case $(fact appeal-row) in *'浏览器提交：<b>样本</b>已补正'*待决定*) ok 0 "the appeal listed, its reason as text, open" ;;
	*) ok 1 "the appeal listed, its reason as text, open (got '$(fact appeal-row)')" ;; esac
is "$(sql "select filed_by || '|' || indicator || '|' || state from appeals")" \
	"ins-ly|audit.pass-rate|open" "stored, filed by ins-ly"
is "$(sql "select count(*) from appeal_refs")" 2 "... with its two items"
case $(fact after-logout-dashboard-url) in "$BASE/login"*) ok 0 "logged out: the dashboard sends to log in" ;;
	*) ok 1 "logged out: the dashboard sends to log in (at $(fact after-logout-dashboard-url))" ;; esac
done_testing
