"""pages-browser.py BASE USER PASSWORD CONTRACT PERIOD WORKDIR: what
tests/842-pages-browser.sh asks headless Chromium to do through
chromedriver (webdriver.py) — log in on /login, read the dashboard, open
the period, file an appeal through its form, read the result, log out.
Prints one `key<TAB>value` line per fact for the test to check."""

import sys

from webdriver import Browser, WebDriverError


def main():
    base, user, password, contract, period, work = sys.argv[1:7]
    chromium, chromedriver = sys.argv[7], sys.argv[8]
    b = Browser(chromium, chromedriver, work)

    def say(key, value):
        print("%s\t%s" % (key, " ".join(str(value).split())))
        sys.stdout.flush()

    try:
        b.go(base + "/")
        say("unauthenticated-url", b.url())
        b.type("input[name=name]", user)
        b.type("input[type=password]", password)
        b.click("form:not(.logout) button[type=submit], form:not(.logout) input[type=submit]")
        b.wait_for("table.contracts")
        say("after-login-url", b.url())
        say("h1", b.text("h1"))
        say("who", b.text("header .who"))
        say("dashboard-row", b.text("#contract-" + contract) or "")
        say("dashboard-all", b.text("table.contracts") or "")
        b.click("a[href='/contracts/%s']" % contract)
        b.wait_for("table.periods")
        say("contract-url", b.url())
        b.click("a[href='/contracts/%s/%s']" % (contract, period))
        b.wait_for("form.appeal")
        say("period-url", b.url())
        say("score", b.text("strong.score"))
        b.click("form.appeal select[name=indicator] option[value='audit.pass-rate']")
        b.type("form.appeal input[name=refs]", "Q2-F89 Q2-F90")
        b.type("form.appeal textarea[name=reason]", "浏览器提交：<b>样本</b>已补正")
        b.click("form.appeal button[type=submit]")
        b.wait_for("#appeal-1")
        say("after-appeal-url", b.url())
        say("appeal-row", b.text("#appeal-1") or "")
        b.click("form.logout button[type=submit]")
        b.wait_for("input[type=password]")
        say("after-logout-url", b.url())
        b.go(base + "/")
        say("after-logout-dashboard-url", b.url())
    except WebDriverError as e:
        say("error", e)
    finally:
        b.quit()


main()
