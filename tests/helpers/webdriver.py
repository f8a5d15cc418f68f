"""webdriver.py: a very small W3C WebDriver client over the standard
library (urllib), for the tests that drive headless Chromium through
chromedriver: start chromedriver on a free loopback port, open a session,
navigate, find elements by CSS, type, click, read the page.  Never talks to
anything but the chromedriver it started."""

import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(Exception):
    pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Browser:
    def __init__(self, chromium, chromedriver, workdir):
        self.port = free_port()
        self.log = open(os.path.join(workdir, "chromedriver.log"), "w")
        self.proc = subprocess.Popen(
            [chromedriver, "--port=%d" % self.port, "--allowed-ips=127.0.0.1"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.base = "http://127.0.0.1:%d" % self.port
        for _ in range(200):
            try:
                if self._call("GET", "/status").get("ready"):
                    break
            except (OSError, WebDriverError):
                pass
            time.sleep(0.05)
        profile = tempfile.mkdtemp(prefix="profile.", dir=workdir)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--no-first-run",
                         "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--user-data-dir=" + profile],
            }}}}
        value = self._call("POST", "/session", caps)
        self.session = value["sessionId"]

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                answer = json.loads(r.read().decode() or "{}")
        except urllib.error.HTTPError as e:
            raise WebDriverError("%s %s: %s" % (method, path, e.read().decode()[:500]))
        return answer.get("value", answer)

    def _s(self, method, path, body=None):
        return self._call(method, "/session/%s%s" % (self.session, path), body)

    def go(self, url):
        self._s("POST", "/url", {"url": url})

    def url(self):
        return self._s("GET", "/url")

    def source(self):
        return self._s("GET", "/source")

    def find(self, css):
        """The first element matching css, or None."""
        found = self._s("POST", "/elements", {"using": "css selector", "value": css})
        return found[0][ELEMENT] if found else None

    def wait_for(self, css, tries=1200):
        """Wait until an element matching css is on the page (a click that
        submits a form or follows a link returns before the next page is
        there); the element, or None after `tries` looks."""
        for _ in range(tries):
            el = self.find(css)
            if el is not None:
                return el
            time.sleep(0.05)
        return None

    def type(self, css, text):
        el = self.find(css)
        if el is None:
            raise WebDriverError("no element " + css)
        self._s("POST", "/element/%s/clear" % el, {})
        self._s("POST", "/element/%s/value" % el, {"text": text})

    def click(self, css):
        el = self.find(css)
        if el is None:
            raise WebDriverError("no element " + css)
        self._s("POST", "/element/%s/click" % el, {})

    def text(self, css):
        el = self.find(css)
        return None if el is None else self._s("GET", "/element/%s/text" % el)

    def quit(self):
        try:
            self._s("DELETE", "")
        except (OSError, WebDriverError):
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
