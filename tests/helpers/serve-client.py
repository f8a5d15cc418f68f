#!/usr/bin/env python3
"""serve-client.py: a small client for the `kaohe serve` tests and bench.

Speaks the wire format of man kaohe-submit (Bearer token, Idempotency-Key
= SHA-256 of the body, X-Kaohe-* headers) over HTTPS with a private CA.

  load URL CA TOKEN CONTRACT --clients N --each M --out FILE
      N threads each POST M distinct bodies; FILE gets one line per
      request: status ref sha256
  same URL CA TOKEN CONTRACT --clients N --out FILE
      N threads POST the same body at once; FILE gets status ref per answer
  abort URL CA TOKEN CONTRACT --size BYTES --send BYTES
      send the headers and part of the body, then drop the connection
  inflight URL CA TOKEN CONTRACT --ready FILE --go FILE
      send the headers and half the body, create READY, wait for GO to
      exist, send the rest; print the status and body
  fill URL CA TOKEN CONTRACT --size BYTES --max N --out FILE
      POST distinct bodies of BYTES until a 507 (or N requests); FILE
      gets status ref sha256 per request
  bench URL CA --path P --clients N --requests M [--token T --contract C]
      M requests over N threads (POST receipts when a token is given,
      else GET P); prints requests/s, p50 and p99 in ms
"""
import argparse
import hashlib
import http.client
import os
import socket
import ssl
import sys
import threading
import time
import json
from urllib.parse import urlsplit


def context(ca):
    ctx = ssl.create_default_context(cafile=ca)
    return ctx


def connect(url, ca, timeout=120):
    u = urlsplit(url)
    if u.scheme == "https":
        return http.client.HTTPSConnection(u.hostname, u.port, context=context(ca),
                                           timeout=timeout)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)


def headers(token, contract, body, report="case-review", period="2024-03",
            ctype="text/csv"):
    return {
        "Authorization": "Bearer " + token,
        "Idempotency-Key": hashlib.sha256(body).hexdigest(),
        "X-Kaohe-Contract": contract,
        "X-Kaohe-Report": report,
        "X-Kaohe-Period": period,
        "Content-Type": ctype,
        "Accept": "application/json",
    }


def post(conn, path, token, contract, body):
    conn.request("POST", path, body=body, headers=headers(token, contract, body))
    r = conn.getresponse()
    data = r.read()
    ref = "-"
    try:
        ref = json.loads(data).get("ref", "-")
    except ValueError:
        pass
    return r.status, ref


def cmd_load(a):
    u = urlsplit(a.url)
    lines = []
    lock = threading.Lock()
    errors = []

    def worker(n):
        conn = connect(a.url, a.ca)
        for i in range(a.each):
            body = ("client %d report %d\n%s\n" % (n, i, os.urandom(16).hex())).encode()
            body += os.urandom(256 + (n * 37 + i * 11) % 2048)
            sha = hashlib.sha256(body).hexdigest()
            try:
                st, ref = post(conn, u.path, a.token, a.contract, body)
            except Exception as e:  # noqa: BLE001 - recorded, the test fails
                errors.append(repr(e))
                conn.close()
                conn = connect(a.url, a.ca)
                st, ref = 0, "-"
            with lock:
                lines.append("%d %s %s" % (st, ref, sha))
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    for e in errors[:5]:
        print("error:", e, file=sys.stderr)


def cmd_same(a):
    u = urlsplit(a.url)
    body = ("the same report from everybody\n%s\n" % os.urandom(16).hex()).encode()
    barrier = threading.Barrier(a.clients)
    lines = []
    lock = threading.Lock()

    def worker(n):
        conn = connect(a.url, a.ca)
        conn.connect()
        barrier.wait()
        st, ref = post(conn, u.path, a.token, a.contract, body)
        conn.close()
        with lock:
            lines.append("%d %s" % (st, ref))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")


def raw_socket(url, ca):
    u = urlsplit(url)
    s = socket.create_connection((u.hostname, u.port))
    if u.scheme == "https":
        s = context(ca).wrap_socket(s, server_hostname=u.hostname)
    return s, u


def request_head(u, token, contract, body, length):
    h = headers(token, contract, body)
    lines = ["POST %s HTTP/1.1" % u.path, "Host: %s:%d" % (u.hostname, u.port),
             "Content-Length: %d" % length]
    lines += ["%s: %s" % kv for kv in h.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def cmd_abort(a):
    body = os.urandom(a.size)
    s, u = raw_socket(a.url, a.ca)
    s.sendall(request_head(u, a.token, a.contract, body, len(body)))
    s.sendall(body[:a.send])
    time.sleep(0.2)
    # An abrupt close: RST instead of FIN where the OS allows.
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    except OSError:
        pass
    s.close()
    print(hashlib.sha256(body).hexdigest())


def cmd_inflight(a):
    body = ("in flight at SIGTERM\n" + "x" * 200000).encode()
    s, u = raw_socket(a.url, a.ca)
    s.sendall(request_head(u, a.token, a.contract, body, len(body)))
    half = len(body) // 2
    s.sendall(body[:half])
    open(a.ready, "w").close()
    while not os.path.exists(a.go):
        time.sleep(0.02)
    s.sendall(body[half:])
    data = b""
    s.settimeout(120)
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        if b"\r\n\r\n" in data:
            head, _, rest = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if len(rest) >= length:
                break
    s.close()
    status = data.split(b"\r\n", 1)[0].decode(errors="replace")
    print(status)
    print(data.partition(b"\r\n\r\n")[2].decode(errors="replace"))


def cmd_fill(a):
    u = urlsplit(a.url)
    conn = connect(a.url, a.ca)
    with open(a.out, "w") as f:
        for i in range(a.max):
            body = ("fill %d\n" % i).encode() + os.urandom(a.size)
            st, ref = post(conn, u.path, a.token, a.contract, body)
            f.write("%d %s %s\n" % (st, ref, hashlib.sha256(body).hexdigest()))
            f.flush()
            if st == 507:
                with open(a.out + ".body", "wb") as b:
                    b.write(body)
                break
    conn.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def cmd_bench(a):
    u = urlsplit(a.url)
    per = a.requests // a.clients
    lat = []
    lock = threading.Lock()
    bad = [0]

    def worker(n):
        conn = connect(a.url, a.ca)
        mine = []
        for i in range(per):
            t0 = time.perf_counter()
            if a.token:
                body = ("bench %d %d %s\n" % (n, i, os.urandom(8).hex())).encode() * 8
                st, _ = post(conn, a.path, a.token, a.contract, body)
                ok = st in (200, 201)
            else:
                conn.request("GET", a.path, headers=a.header_dict)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            mine.append((time.perf_counter() - t0) * 1000.0)
            if not ok:
                bad[0] += 1
        conn.close()
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    print("%.1f %.2f %.2f %d" % (len(lat) / wall, percentile(lat, 50), percentile(lat, 99), bad[0]))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("load", "same", "abort", "inflight", "fill"):
        s = sub.add_parser(name)
        s.add_argument("url")
        s.add_argument("ca")
        s.add_argument("token")
        s.add_argument("contract")
        s.add_argument("--clients", type=int, default=50)
        s.add_argument("--each", type=int, default=20)
        s.add_argument("--out")
        s.add_argument("--size", type=int, default=100000)
        s.add_argument("--send", type=int, default=50000)
        s.add_argument("--max", type=int, default=50)
        s.add_argument("--ready")
        s.add_argument("--go")
    s = sub.add_parser("bench")
    s.add_argument("url")
    s.add_argument("ca")
    s.add_argument("--path", default="/")
    s.add_argument("--clients", type=int, default=8)
    s.add_argument("--requests", type=int, default=800)
    s.add_argument("--token")
    s.add_argument("--contract")
    s.add_argument("--cookie")
    a = p.parse_args()
    if a.cmd == "bench":
        a.header_dict = {"Cookie": a.cookie} if a.cookie else {}
    {"load": cmd_load, "same": cmd_same, "abort": cmd_abort, "inflight": cmd_inflight,
     "fill": cmd_fill, "bench": cmd_bench}[a.cmd](a)


if __name__ == "__main__":
    main()
