#!/usr/bin/env python3
# report-server.py: the regulator's receiving end for the submit tests — an
# HTTPS server on 127.0.0.1 that records each request (body to a file,
# headers to a log), dedupes by Idempotency-Key and answers a JSON receipt.
# Test-only: it must never listen on anything but loopback.
"""Usage: report-server.py --dir DIR --cert PEM --key PEM [options]

Writes the port it listens on to DIR/port once it is ready.  Files in DIR:
  body-N.bin       the body of request N (1-based), as received
  requests.log     one JSON object per request: n, method, path, headers,
                   status answered
  accepted.log     one line "KEY REF" per newly accepted upload
Options:
  --fail-503 N     answer the first N POSTs with 503
  --reject         answer every POST with 400 and a message
  --not-accepted   answer receipts with "accepted": false
  --bad-receipt    answer 200 with a body that is not a receipt
  --huge-receipt   answer 200 with a valid receipt padded past 64 KiB
  --not-json       answer 200 with an HTML page
  --token T        require "Authorization: Bearer T" (401 otherwise)
  --received-at S  the receipt's received_at (default: now, local time)
"""
import argparse
import datetime
import http.server
import json
import os
import ssl
import sys


class State:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.failures_left = args.fail_503
        self.receipts = {}   # Idempotency-Key -> receipt dict


def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "kaohe-test-regulator/1"

        def log_message(self, fmt, *args):   # quiet: the test reads files
            pass

        def answer(self, status, body, ctype="application/json"):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return status

        def record(self, n, status):
            entry = {"n": n, "method": self.command, "path": self.path,
                     "headers": {k: v for k, v in self.headers.items()},
                     "status": status}
            with open(os.path.join(state.args.dir, "requests.log"), "a") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")

        def do_GET(self):
            self.record(0, self.answer(405, '{"error": "POST only"}'))

        def do_POST(self):
            state.count += 1
            n = state.count
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with open(os.path.join(state.args.dir, "body-%d.bin" % n), "wb") as f:
                f.write(body)
            self.record(n, self.respond(body))

        def respond(self, body):
            args = state.args
            if args.token is not None and \
                    self.headers.get("Authorization") != "Bearer " + args.token:
                return self.answer(401, '{"error": "bad token"}')
            if state.failures_left > 0:
                state.failures_left -= 1
                return self.answer(503, '{"error": "busy, try later"}')
            if args.reject:
                return self.answer(400, "report rejected: schema check failed\n",
                                   "text/plain")
            if args.bad_receipt:
                return self.answer(200, '{"ref": 42}')
            if args.not_json:
                return self.answer(200, "<html>maintenance</html>\n", "text/html")
            if args.huge_receipt:
                return self.answer(200, json.dumps(
                    {"ref": "R-HUGE", "received_at": "2024-04-03 10:15:00",
                     "accepted": True, "pad": "x" * 70000}))
            key = self.headers.get("Idempotency-Key", "")
            if not key:
                return self.answer(400, '{"error": "Idempotency-Key missing"}')
            receipt = state.receipts.get(key)
            if receipt is None:
                at = args.received_at or \
                    datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                receipt = {"ref": "R-%06d" % (len(state.receipts) + 1),
                           "received_at": at,
                           "accepted": not args.not_accepted}
                state.receipts[key] = receipt
                with open(os.path.join(args.dir, "accepted.log"), "a") as f:
                    f.write("%s %s\n" % (key, receipt["ref"]))
            return self.answer(200, json.dumps(receipt))

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--fail-503", type=int, default=0)
    p.add_argument("--reject", action="store_true")
    p.add_argument("--not-accepted", action="store_true")
    p.add_argument("--bad-receipt", action="store_true")
    p.add_argument("--huge-receipt", action="store_true")
    p.add_argument("--not-json", action="store_true")
    p.add_argument("--token")
    p.add_argument("--received-at")
    args = p.parse_args()

    httpd = http.server.HTTPServer(("127.0.0.1", 0), make_handler(State(args)))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    port_file = os.path.join(args.dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % httpd.server_address[1])
    os.rename(port_file + ".tmp", port_file)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
