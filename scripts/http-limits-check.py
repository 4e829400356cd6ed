#!/usr/bin/env python3
"""Measures the HTTP API's limits against a running newsflow: 2,000 half-sent requests (JVM threads before, during,
and when the server has closed them), 40 SSE streams from one address, and two error bodies.
Usage: scripts/http-limits-check.py PID PORT   (PID of the newsflow JVM, PORT of its HTTP API)"""
import socket, time, sys, re, urllib.request
pid, port = int(sys.argv[1]), int(sys.argv[2])
def threads():
    return int(re.search(r'Threads:\s+(\d+)', open(f'/proc/{pid}/status').read()).group(1))
print("threads before", threads())
socks = []
refused = 0
for i in range(2000):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        socks.append(s)
    except OSError:
        refused += 1
time.sleep(2)
print("threads with 2000 half-sent requests", threads(), "connect errors", refused)
t0 = time.time()
def closed(s):
    s.setblocking(False)
    try:
        return s.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
while time.time() - t0 < 30:
    n = sum(1 for s in socks if closed(s))
    if n == len(socks):
        break
    time.sleep(0.5)
print("closed by server after %.0f s: %d of %d" % (time.time() - t0, n, len(socks)), "threads", threads())
for s in socks: s.close()
time.sleep(1)
r = urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5)
print("health afterwards", r.status, r.read().decode())
# SSE slots from one address
ok = busy = 0
streams = []
for i in range(40):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /stream/alerts HTTP/1.1\r\nHost: x\r\n\r\n")
    line = s.recv(64).split(b"\r\n")[0]
    if b" 200" in line: ok += 1
    elif b" 503" in line: busy += 1
    streams.append(s)
print("SSE from one address: %d accepted, %d refused with 503" % (ok, busy))
for s in streams: s.close()
# error bodies
import urllib.error
for path in ["/api/trending?window=soon", "/nope"]:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
    except urllib.error.HTTPError as e:
        print(path, e.code, e.read().decode())
