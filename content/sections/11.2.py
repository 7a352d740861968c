# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write and read HTTP/1.1 by hand (framing, keep-alive, chunked
# bodies), run a local `http.server`, serve and check HTTPS with a CA of your own, and write HTTP clients with
# `requests` and `httpx` that retry, paginate, log in once and fail fast instead of hanging.

# %% course={"kind": "setup", "id": "http-helpers"}
# Helpers the demos and tests share (course/runtime/httpserve.py, sockets.py, tls.py). Every server here
# listens on 127.0.0.1 at a port the operating system picks (port 0), runs in a thread, and stops when its
# `with` block ends: nothing leaves this machine, and nothing is left running.
import base64
import contextlib
import gzip
import http.client
import io
import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from course.runtime.clock import FakeClock
# QuietHandler: HTTP/1.1, no request log, send_body(status, body, content_type, headers);
# EchoHandler: answers JSON describing the request and records (client port, method, path) in server.seen;
# local_server(handler, **state) / https_server(handler, cert_pem, key_pem, **state): a server for one block;
# exchange(server, raw): raw bytes in, everything the server answered out (we close our half first).
from course.runtime.httpserve import EchoHandler, QuietHandler, base_url, exchange, https_server, local_server
# Wire(data, closes=False): what a server sent on a kept-alive connection, read like sock.makefile("rb")
from course.runtime.sockets import Wire
from course.runtime.tls import new_ca, server_cert, server_context, system_trust  # a CA of our own, certificates it signs

# %% [markdown] course={"kind": "lesson", "id": "basics", "covers": ["c-http-basics", "c-request-response-model", "c-http-versions-1-0-1-1-2-3", "c-stateless-protocol"]}
# ### HTTP is text on a connection: one request, one response
#
# A client opens a TCP connection (how that works is section 11.1), sends a **request**, and the server
# sends back exactly one **response**. In HTTP/1.x both are plain text with a strict layout:
#
# ```
# GET /health HTTP/1.1\r\n          <- request line: method, target, version
# Host: api.internal\r\n            <- headers, one per line
# \r\n                              <- an empty line: the headers are over
#                                   <- (a body would follow here)
# ```
#
# Every line ends with **CR LF** (`\r\n`), not just `\n`. The server never speaks first and never
# sends anything it was not asked for: that is the **request-response model**, and it is why a webhook
# receiver or a Prometheus scrape target is a *server* (someone else asks).
#
# HTTP is **stateless**: each request carries everything the server needs (who you are, what you
# want). The server keeps no memory of the previous request *at the protocol level*; logins survive
# between requests only because the client sends a cookie or a token every time. That is what lets a
# load balancer send your next request to a different replica.
#
# | version | year | what changed |
# |---|---|---|
# | HTTP/1.0 | 1996 | one request per connection, then the server closes |
# | HTTP/1.1 | 1997 | `Host` header required (many sites on one IP), keep-alive by default, chunked bodies |
# | HTTP/2 | 2015 | same methods, headers and status codes, but binary frames and many requests at once on one connection |
# | HTTP/3 | 2022 | HTTP/2's ideas over QUIC (UDP) instead of TCP: no head-of-line blocking at the transport, faster handshakes |
#
# What people get wrong: "stateless" does not mean "the server has no state". It has a database. It
# means each request can be understood on its own: the protocol never needs the server to remember an
# earlier request, whether it came on the same connection or another one.
#
# The demo starts Python's own `http.server` on 127.0.0.1 and talks to it by hand: two requests in
# one send, on one connection, then everything the server answered.

# %% course={"kind": "demo"}
class HelloHandler(QuietHandler):
    def do_GET(self) -> None:
        self.send_body(200, f"hello from {self.path}\n".encode())


with local_server(HelloHandler) as server:
    print("listening on", base_url(server))
    raw = (b"GET /first HTTP/1.1\r\nHost: demo\r\n\r\n"
           b"GET /second HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n")
    answer = exchange(server, raw)

shown = answer.decode().replace("\r\n", "\\r\\n\n")  # show each CR LF, then break the line there
print("".join(line for line in shown.splitlines(keepends=True) if not line.startswith("Date:")))  # dates change

# %% [markdown] course={"kind": "text"}
# Two responses came back, one after the other, on the same connection, and the client has to know
# where the first ends (its `Content-Length: 16`). Tell the server you speak HTTP/1.0 and it closes
# after one answer: the second request is never read.

# %% course={"kind": "demo"}
with local_server(HelloHandler) as server:
    raw = b"GET /first HTTP/1.0\r\n\r\nGET /second HTTP/1.0\r\n\r\n"
    answer = exchange(server, raw)
print("responses received:", answer.count(b" 200 OK"))
print("the one body:", answer.split(b"\r\n\r\n")[1])

# %% [markdown] course={"kind": "lesson", "id": "request", "covers": ["c-http-request-structure", "c-method-get-post-put-patch-delete-options", "c-url-structure", "c-headers-08231d", "c-body-f2a622"]}
# ### The request: method, URL, headers, body
#
# **The method** says what you want done. Two properties decide what a client, a proxy or a retry
# loop may do with a request: **safe** (it changes nothing on the server) and **idempotent** (doing it
# twice has the same effect as doing it once, so it may be retried after a timeout).
#
# | method | meaning | safe | idempotent | body |
# |---|---|---|---|---|
# | GET | read a resource | yes | yes | no |
# | HEAD | GET without the body (size, type, ETag only) | yes | yes | no |
# | OPTIONS | what is allowed here (CORS asks this first) | yes | yes | rare |
# | POST | create, or "do this" | no | **no** | yes |
# | PUT | replace the whole resource with this | no | yes | yes |
# | PATCH | change these fields | no | not guaranteed | yes |
# | DELETE | remove it | no | yes | rare |
#
# **The URL** `https://user@api.example.com:8443/v1/models/resnet?stage=prod&limit=10#top` splits into
# scheme, authority (user info, host, port), path, query and fragment. Only the path and query travel
# in the request line (the *target*); the host goes in the `Host` header; the fragment never leaves
# the browser. Query values must be percent-encoded (`a b&c` is `a%20b%26c`); let a library do it.
#
# **Headers** are `Name: value` lines; names are case-insensitive (`content-type` = `Content-Type`).
# **The body** is bytes, any bytes: the receiver learns its length from `Content-Length` (or chunked
# framing, later), never from looking for an end marker.
#
# What people get wrong: building the query string by pasting strings (`f"?q={name}"`): a value with
# `&` or a space changes the meaning of the URL. And retrying a POST after a timeout: it may have
# worked the first time.

# %% course={"kind": "demo"}
from urllib.parse import urlencode

url = "https://deployer@api.example.com:8443/v1/models/resnet?stage=prod&limit=10#top"
parts = urlsplit(url)
for field in ("scheme", "username", "hostname", "port", "path", "query", "fragment"):
    print(f"{field:9}", repr(getattr(parts, field)))
print("query as a dict:", parse_qs(parts.query))
print("encoded safely: ", urlencode({"q": "a b&c", "tag": "ünïcode"}))

# %% [markdown] course={"kind": "text"}
# Python's `http.client` is the lowest-level client in the standard library: it writes the request
# line, `Host` and `Content-Length` for you. The echo server below answers with what it received, so
# you can see each method arrive. `HEAD` gets the same headers as `GET` and no body at all.

# %% course={"kind": "demo"}
with local_server(EchoHandler, seen=[]) as server:
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    for method, body in [("GET", None), ("POST", b'{"name": "resnet"}'), ("PUT", b"{}"),
                         ("PATCH", b'{"stage": "prod"}'), ("DELETE", None), ("OPTIONS", None), ("HEAD", None)]:
        conn.request(method, "/v1/models/7?dry_run=1", body=body, headers={"Accept": "application/json"})
        response = conn.getresponse()
        payload = response.read()
        seen = json.loads(payload) if payload else {}
        print(f"{method:7} -> {response.status}; server saw body {seen.get('body', '(no body: HEAD)')!r}, "
              f"Content-Length {seen.get('headers', {}).get('content-length')}")
    conn.close()
    print("TCP connections used for 7 requests:", len({port for port, _, _ in server.seen}))

# %% [markdown] course={"kind": "lesson", "id": "response", "covers": ["c-http-response-structure", "c-status-codes-1xx-2xx-3xx-4xx-5xx", "c-common-status-codes", "c-headers-464955", "c-body-6cc807"]}
# ### The response: status line, headers, body
#
# `HTTP/1.1 404 Not Found` is the status line: version, a three-digit **status code**, and a reason
# phrase that is for humans only (HTTP/2 dropped it; never branch on it). The first digit is the class:
#
# | class | meaning | the ones you meet every week |
# |---|---|---|
# | 1xx | informational, a final answer follows | 100 Continue, 101 Switching Protocols (WebSocket) |
# | 2xx | success | 200 OK, 201 Created, 202 Accepted (queued), 204 No Content |
# | 3xx | go elsewhere, or use your copy | 301/308 moved for good, 302/307 moved for now, 304 Not Modified |
# | 4xx | **your** request is wrong: do not retry it unchanged | 400, 401 (who are you?), 403 (I know you: no), 404, 405, 409 Conflict, 422, 429 Too Many Requests |
# | 5xx | the **server** failed: a retry may work | 500, 502 Bad Gateway, 503 Unavailable, 504 Gateway Timeout |
#
# Response headers describe the body (`Content-Type`, `Content-Length`), give caching rules
# (`Cache-Control`, `ETag`), set state (`Set-Cookie`) or say what to do next (`Location` on 3xx,
# `Retry-After` on 429 and 503).
#
# What people get wrong: treating every non-200 as failure (201 and 204 are success), or retrying a
# 4xx. A 401 retried five times is still a 401, and a 429 retried at once makes things worse.

# %% course={"kind": "demo"}
from collections import defaultdict

classes: dict[int, list[str]] = defaultdict(list)
for status in HTTPStatus:
    classes[status.value // 100].append(str(status.value))
for first_digit, codes in sorted(classes.items()):
    print(f"{first_digit}xx: {len(codes):2} codes known to http.HTTPStatus, e.g. {', '.join(codes[:6])}")
print(HTTPStatus(429).phrase, "-", HTTPStatus(429).description)

# %% course={"kind": "demo"}
# A response is parsed the same way as a request: a first line, headers to the empty line, a body.
raw = b"HTTP/1.1 201 Created\r\nLocation: /v1/models/8\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\":8}\n"
head, _, body = raw.partition(b"\r\n\r\n")
status_line, *header_lines = head.decode("latin-1").split("\r\n")
version, code, reason = status_line.split(" ", 2)
print("version:", version, "| code:", int(code), "| reason:", reason)
print("headers:", dict(line.split(": ", 1) for line in header_lines))
print("body:   ", body)

# %% [markdown] course={"kind": "lesson", "id": "headers", "covers": ["c-http-headers", "c-content-type-content-length", "c-accept-accept-encoding", "c-authorization", "c-cache-control-etag", "c-cookie-set-cookie", "c-cors-headers"]}
# ### The headers you will debug
#
# | header | direction | what it says |
# |---|---|---|
# | `Content-Type: application/json; charset=utf-8` | both | how to read the body |
# | `Content-Length: 1234` | both | the body's size **in bytes** (not characters) |
# | `Accept: application/json` | request | which body formats the client can read |
# | `Accept-Encoding: gzip` | request | which compressions it can undo; the server says which it used in `Content-Encoding` |
# | `Authorization: Bearer eyJ...` or `Basic dXNlcjpwdw==` | request | who is asking |
# | `Cache-Control: max-age=60` / `no-store` | response | who may keep a copy, and for how long |
# | `ETag: "v42"` + `If-None-Match: "v42"` | response, then request | "has it changed since my copy?"; if not: `304 Not Modified`, no body |
# | `Set-Cookie: session=abc; HttpOnly; Secure` + `Cookie: session=abc` | response, then request | state the client stores and sends back |
# | `Access-Control-Allow-Origin: https://app.example.com` | response | which *web pages* may read this response (CORS) |
#
# The one thing people get wrong with each:
#
# - `Content-Length` counts **bytes**: `"café"` is 4 characters and 5 bytes in UTF-8.
# - `Basic` authorization is base64, an *encoding*: anyone who sees the header has the password. It is
#   safe only inside TLS.
# - An `ETag` saves bandwidth, not a request: the client still asks, the server answers `304` with no body.
# - **CORS is enforced by browsers only.** It stops a script on another site from *reading* your API's
#   answers in a victim's browser. `curl`, `requests` and other servers ignore it completely, so it is no
#   access control.

# %% course={"kind": "demo"}
text = "café"
print(len(text), "characters,", len(text.encode("utf-8")), "bytes: Content-Length is", len(text.encode("utf-8")))
token = base64.b64encode(b"deployer:s3cret").decode()
print("Authorization: Basic", token, "->", base64.b64decode(token))  # anyone can decode it

# %% [markdown] course={"kind": "text"}
# A small server with the caching and compression headers: it sends an `ETag` with each document,
# answers `304` when the client already has that version, and compresses with gzip when the client
# says it can read gzip. `httpx` (last lesson) decompresses for you; `num_bytes_downloaded` shows what
# actually crossed the wire.

# %% course={"kind": "demo"}
import hashlib

DOCUMENT = json.dumps({"replicas": 3, "image": "model-server:1.4", "notes": "x" * 2000}).encode()


class CachingHandler(QuietHandler):
    def do_GET(self) -> None:
        etag = '"' + hashlib.sha256(DOCUMENT).hexdigest()[:12] + '"'
        headers = {"ETag": etag, "Cache-Control": "max-age=60"}
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)  # no body, no Content-Length needed
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        body = DOCUMENT
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body, headers["Content-Encoding"] = gzip.compress(DOCUMENT, mtime=0), "gzip"
        self.send_body(200, body, "application/json", headers)


with local_server(CachingHandler) as server, httpx.Client(base_url=base_url(server)) as client:
    first = client.get("/config")
    print(first.status_code, first.headers["content-encoding"], "| bytes on the wire:",
          first.num_bytes_downloaded, "| bytes after decoding:", len(first.content))
    again = client.get("/config", headers={"If-None-Match": first.headers["etag"]})
    print(again.status_code, again.reason_phrase, "| body:", again.content, "| ETag:", again.headers["etag"])

# %% [markdown] course={"kind": "text"}
# Cookies: the server sets one with `Set-Cookie`; a client that keeps a cookie jar (an `httpx.Client`,
# a `requests.Session`, a browser) sends it back with every later request to that site. A bare
# function call per request keeps nothing. `http.cookies` reads the attributes.

# %% course={"kind": "demo"}
from http.cookies import SimpleCookie

cookie = SimpleCookie()
cookie.load("session=9f2c; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600")
morsel = cookie["session"]
print(morsel.key, "=", morsel.value, "| HttpOnly:", morsel["httponly"], "| Secure:", morsel["secure"],
      "| SameSite:", morsel["samesite"], "| Max-Age:", morsel["max-age"])


class CookieHandler(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/login":
            self.send_body(200, b"welcome\n", headers={"Set-Cookie": "session=9f2c; Path=/; HttpOnly"})
        else:
            self.send_body(200, f"you sent Cookie: {self.headers.get('Cookie')}\n".encode())


with local_server(CookieHandler) as server:
    with httpx.Client(base_url=base_url(server)) as client:
        client.get("/login")
        print("same client: ", client.get("/me").text.strip())
    httpx.get(base_url(server) + "/login")
    print("fresh calls: ", httpx.get(base_url(server) + "/me").text.strip())

# %% [markdown] course={"kind": "text"}
# CORS, seen from the server: before a cross-site `PUT` with JSON, a browser first sends an `OPTIONS`
# *preflight* asking for permission, and only goes on if the answer allows its origin and method.
# A Python client never asks and gets the data either way.

# %% course={"kind": "demo"}
class CorsHandler(QuietHandler):
    ALLOWED = "https://dashboard.example.com"

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        if self.headers.get("Origin") == self.ALLOWED:
            self.send_header("Access-Control-Allow-Origin", self.ALLOWED)
            self.send_header("Access-Control-Allow-Methods", "GET, PUT")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.send_body(200, b"secret metrics\n", headers={"Access-Control-Allow-Origin": self.ALLOWED})


with local_server(CorsHandler) as server, httpx.Client(base_url=base_url(server)) as client:
    for origin in ("https://dashboard.example.com", "https://evil.example"):
        pre = client.options("/metrics", headers={"Origin": origin, "Access-Control-Request-Method": "PUT"})
        print(f"preflight from {origin}: allowed origin = {pre.headers.get('access-control-allow-origin')}")
    print("a non-browser client reads it anyway:", client.get("/metrics", headers={"Origin": "https://evil.example"}).text.strip())

# %% [markdown] course={"kind": "lesson", "id": "http11", "covers": ["c-http-1-1-features", "c-keep-alive-connections", "c-chunked-transfer-encoding", "c-content-negotiation"]}
# ### HTTP/1.1: keep-alive, chunked bodies, content negotiation
#
# **Keep-alive.** In HTTP/1.1 a connection stays open after a response unless one side sends
# `Connection: close`. A new TCP connection costs a round trip (and a TLS handshake costs another one or
# two), so reusing one matters more than almost any other client-side tuning. The catch: the client can
# only reuse the connection if it knows exactly **where each response ends**. There are three ways:
#
# 1. `Content-Length: N`: the body is the next N bytes;
# 2. `Transfer-Encoding: chunked`: the body comes in pieces, each preceded by its size **in hex** on its
#    own line, and a piece of size `0` ends it. The server can start sending before it knows the total
#    (a log stream, a model generating tokens, a large export);
# 3. neither: the body runs until the server closes the connection (HTTP/1.0 style; no reuse).
#
# Some responses never have a body, whatever their headers say: any answer to `HEAD`, and the
# statuses 1xx, 204 and 304. A client that waits for a body there waits for ever.
#
# **Content negotiation.** The client lists what it can read (`Accept: application/json, text/csv;q=0.5`)
# with preferences `q` from 0 to 1 (1 when left out; `q=0` means "not that"), and the server picks the
# best format it has, says which in `Content-Type`, or answers `406 Not Acceptable`. `Accept-Encoding`
# and `Accept-Language` work the same way.
#
# What people get wrong: reading "until the end" of a response on a kept-alive connection: the end never
# comes, because the server is waiting for your next request.

# %% course={"kind": "demo"}
class LogStreamHandler(QuietHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")  # no Content-Length: we do not know it yet
        self.end_headers()
        for line in ["step 1: pulled image\n", "step 2: started 3 replicas\n", "done\n"]:
            data = line.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")  # size in hex, data, CR LF
        self.wfile.write(b"0\r\n\r\n")  # the last chunk: size 0, then an empty trailer section


with local_server(LogStreamHandler) as server:
    raw = exchange(server, b"GET /deploy/42/log HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n")
    print(raw.partition(b"\r\n\r\n")[2])  # the body as it travelled
    with httpx.Client(base_url=base_url(server)) as client:
        print(repr(client.get("/deploy/42/log").text))  # the body after the client joined the chunks

# %% [markdown] course={"kind": "text"}
# Keep-alive, counted: the echo server records the client port of each request, and one port is one TCP
# connection. A client object (`httpx.Client`, `requests.Session`) keeps a pool of open connections; a
# module-level call (`httpx.get`) makes a new client, and so a new connection, every time.

# %% course={"kind": "demo"}
with local_server(EchoHandler, seen=[]) as server:
    with httpx.Client() as client:
        for i in range(3):
            client.get(f"{base_url(server)}/ping/{i}")
    pooled = len({port for port, _, _ in server.seen})
    server.seen.clear()
    for i in range(3):
        httpx.get(f"{base_url(server)}/ping/{i}")
    fresh = len({port for port, _, _ in server.seen})
print(f"3 requests through one Client: {pooled} connection(s); 3 httpx.get calls: {fresh} connections")

# %% [markdown] course={"kind": "lesson", "id": "http2", "covers": ["c-http-2-features", "c-multiplexing", "c-header-compression", "c-server-push", "c-binary-framing"]}
# ### HTTP/2: the same meaning, in binary frames
#
# HTTP/2 keeps methods, status codes and headers, and changes how they travel:
#
# - **Binary framing.** Everything is a *frame* with a 9-byte header: payload length (24 bits), type
#   (`DATA` 0, `HEADERS` 1, `SETTINGS` 4, `PING` 6, `GOAWAY` 7...), flags (`END_STREAM`, `END_HEADERS`)
#   and a 31-bit **stream id**. No more parsing text lines and guessing where bodies end.
# - **Multiplexing.** Each request/response pair is a *stream*; frames of many streams interleave on
#   **one** connection. A slow response no longer blocks the ones behind it (HTTP/1.1's *head-of-line
#   blocking*), and browsers stop opening six connections per site. TCP itself still delivers bytes in
#   order, so one lost packet stalls every stream: that is what HTTP/3 over QUIC fixes.
# - **Header compression (HPACK).** Headers repeat on every request (`user-agent`, `authorization`,
#   cookies). Both sides keep a table of headers already seen and send a small index instead: `:method:
#   GET` is entry 2 of HPACK's built-in table, sent as the single byte `0x82`.
# - **Server push.** A server could send responses the client had not asked for yet (the CSS for a page).
#   It was hard to use well, and Chrome turned it off in 2022 (version 106); `103 Early Hints` replaced it.
#
# Python's standard library speaks only HTTP/1.x. `httpx` speaks HTTP/2 when you install the `h2`
# package (`pip install "httpx[http2]"`) and create `httpx.Client(http2=True)`; it then negotiates the
# version during the TLS handshake (ALPN). In a platform, HTTP/2 is what gRPC runs on, and what your
# ingress speaks to browsers. What people get wrong: expecting HTTP/2 to speed up one big download; it
# helps with many small concurrent requests.
#
# The demo frames two requests by hand, interleaves them on one "connection", and sorts the frames back
# into streams on the other side.

# %% course={"kind": "demo"}
import struct

FRAME_TYPES = {0: "DATA", 1: "HEADERS", 4: "SETTINGS"}
END_STREAM, END_HEADERS = 0x1, 0x4


def frame(kind: int, flags: int, stream: int, payload: bytes) -> bytes:
    """A 9-byte frame header (length: 3 bytes, type, flags, stream id: 4 bytes) and the payload."""
    return struct.pack(">I", len(payload))[1:] + struct.pack(">BBI", kind, flags, stream & 0x7FFFFFFF) + payload


# HPACK static table entries: 0x82 = ":method: GET", 0x84 = ":path: /", 0x87 = ":scheme: https"
wire = b"".join([
    frame(1, END_HEADERS, 1, bytes([0x82, 0x87, 0x84])),  # stream 1: GET /
    frame(1, END_HEADERS, 3, bytes([0x82, 0x87, 0x84])),  # stream 3: another GET, before 1 is answered
    frame(0, 0, 3, b"stream 3, part 1; "),
    frame(0, 0, 1, b"stream 1, part 1; "),
    frame(0, END_STREAM, 3, b"stream 3 done"),
    frame(0, END_STREAM, 1, b"stream 1 done"),
])
streams: dict[int, bytes] = defaultdict(bytes)
offset = 0
while offset < len(wire):
    length = int.from_bytes(wire[offset:offset + 3], "big")
    kind, flags, stream = struct.unpack(">BBI", wire[offset + 3:offset + 9])
    payload = wire[offset + 9:offset + 9 + length]
    print(f"{FRAME_TYPES[kind]:8} stream {stream} flags {flags:#04x} payload {payload!r}")
    if kind == 0:
        streams[stream] += payload
    offset += 9 + length
print(dict(streams))
print("the request line 'GET / HTTP/1.1' is", len(b"GET / HTTP/1.1\r\n"), "bytes; HPACK sent it in 3")

# %% course={"kind": "demo"}
try:
    httpx.Client(http2=True)
except ImportError as err:
    print("ImportError:", str(err).split(".")[0])  # h2 is not part of this course's install
else:
    print("h2 is installed here: httpx can speak HTTP/2")

# %% [markdown] course={"kind": "lesson", "id": "https", "covers": ["c-https", "c-tls-handshake", "c-certificate-validation"]}
# ### HTTPS: TLS, certificates, and who you trust
#
# HTTPS is HTTP inside a **TLS** connection. The TLS 1.3 handshake takes one round trip:
#
# 1. **ClientHello**: the TLS versions and ciphers the client supports, its half of a key exchange, and
#    the host name it wants (**SNI**, so one IP can serve many certificates; ALPN offers `h2`/`http/1.1`).
# 2. **ServerHello**: the server picks, sends its half of the key exchange; from here on everything is
#    encrypted. It sends its **certificate** and proves it holds the certificate's private key by signing
#    the handshake (CertificateVerify).
# 3. The client **validates the certificate**, then both send `Finished`, and HTTP starts.
#
# Validation is the part that protects you. The client checks that the certificate chains up to a **CA
# it trusts** (the operating system's list, or one you give it), that its dates cover today, and that
# the **host name** you asked for is in its *Subject Alternative Name* list. Encryption without
# validation only guarantees a private conversation with whoever answered, possibly an attacker.
#
# Internal platforms run their own CA (cert-manager, Vault, a service mesh). The fix for
# `CERTIFICATE_VERIFY_FAILED` is then to trust *that CA* (`cafile=`, `verify="ca.pem"`,
# `REQUESTS_CA_BUNDLE`), **never** `verify=False`, which turns validation off for every host.
#
# The demo makes a CA and a server certificate for `localhost` and `127.0.0.1` with the `cryptography`
# package (`new_ca` and `server_cert` from `course.runtime.tls`: read its source to see each extension a
# certificate carries), serves HTTPS with them, and connects three times. Python 3.13 made
# `create_default_context()` stricter (it adds `VERIFY_X509_STRICT`): a CA certificate without the
# *key usage* extension is refused there ("Path length given without key usage keyCertSign"), and so is
# a server certificate without an *authority key identifier* ("Missing Authority Key Identifier");
# 3.11 and 3.12 accept both. Certificates made by hand for tests must carry them.

# %% course={"kind": "demo"}
from cryptography import x509

course_ca = new_ca("Course Demo CA")
stranger_ca = new_ca("Some Other CA")
cert_pem, key_pem = server_cert(course_ca, ("localhost", "127.0.0.1"))
print(cert_pem.splitlines()[0], "...", cert_pem.splitlines()[-1])
leaf = x509.load_pem_x509_certificate(cert_pem.encode())
alt_names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
print("issued by:", leaf.issuer.rfc4514_string(), "| valid for:", [str(name.value) for name in alt_names])


class SecretHandler(QuietHandler):
    def do_GET(self) -> None:
        self.send_body(200, b"only over TLS\n")


with https_server(SecretHandler, cert_pem, key_pem) as server:
    port = server.server_address[1]
    for label, ca, host in [("right CA", course_ca, "127.0.0.1"), ("wrong CA", stranger_ca, "127.0.0.1"),
                            ("right CA, other name", course_ca, "db.internal")]:
        context = ssl.create_default_context(cadata=ca.pem)  # trust exactly this CA
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw_sock, \
                    context.wrap_socket(raw_sock, server_hostname=host) as tls:
                version = tls.version()  # the handshake is done once wrap_socket returns
                tls.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                reply = b"".join(iter(lambda: tls.recv(4096), b""))  # read until the server closes
                print(f"{label:22} {version}: {reply.splitlines()[0].decode()} / {reply.splitlines()[-1].decode()}")
        except ssl.SSLCertVerificationError as err:
            print(f"{label:22} refused: {err.verify_message}")

# %% [markdown] course={"kind": "lesson", "id": "requests", "covers": ["c-requests-library", "c-get-post-put-delete", "c-headers-parameters-body", "c-sessions", "c-authentication", "c-timeouts", "c-error-handling"]}
# ### `requests`: the client most scripts use
#
# `requests` turns the request into keyword arguments: `params=` (a dict, percent-encoded for you),
# `headers=`, `json=` (serialises and sets `Content-Type`), `data=` (form fields or raw bytes),
# `auth=("user", "pw")` (Basic) and `timeout=`. The response has `.status_code`, `.headers` (case-
# insensitive), `.text`, `.content` (bytes) and `.json()`.
#
# A **`requests.Session`** keeps what should carry over between requests: a pool of kept-alive
# connections, cookies, default headers and auth. Any script that makes more than a couple of calls to
# one API should use one.
#
# Three habits that separate a script from a tool you can run at 3 a.m.:
#
# - **Always pass `timeout=`.** `requests` has *no* default timeout: a server that accepts and never
#   answers hangs your job for ever. `timeout=(3.05, 10)` is (connect, read).
# - **Call `raise_for_status()`** (or check `status_code`): `requests` does *not* raise on 404 or 500.
# - **Catch the right exceptions**: `requests.ConnectionError` (nobody listening, DNS failed),
#   `requests.Timeout`, `requests.HTTPError` (from `raise_for_status`); all derive from
#   `requests.RequestException`.

# %% course={"kind": "demo"}
import requests

with local_server(EchoHandler, seen=[]) as server, requests.Session() as session:
    api = base_url(server)
    session.headers["User-Agent"] = "deploy-bot/1.0"
    session.auth = ("deployer", "s3cret")  # every request of this session carries Basic auth
    r = session.get(f"{api}/models", params={"stage": "prod", "q": "a b&c"}, timeout=5)
    print("GET    path:", r.json()["path"])
    r = session.post(f"{api}/models", json={"name": "resnet", "replicas": 2}, timeout=5)
    print("POST   body:", r.json()["body"], "| type:", r.json()["headers"]["content-type"])
    r = session.put(f"{api}/models/7", data=b"raw bytes", timeout=5)
    print("PUT    body:", r.json()["body"])
    r = session.delete(f"{api}/models/7", timeout=5)
    print("DELETE sent Authorization:", r.json()["headers"]["authorization"])
    print("connections for 4 requests:", len({port for port, _, _ in server.seen}))

# %% course={"kind": "demo"}
# The three failures a script must expect, all on this machine.
class FailingHandler(QuietHandler):
    def do_GET(self) -> None:
        self.send_body(503, b"overloaded\n", headers={"Retry-After": "2"})


with local_server(FailingHandler) as server:
    r = requests.get(base_url(server), timeout=5)
    print("no exception for a 503: status", r.status_code)
    try:
        r.raise_for_status()
    except requests.HTTPError as err:
        print("raise_for_status:", type(err).__name__, "for", err.response.status_code, err.response.reason)

with socket.socket() as reserved:
    reserved.bind(("127.0.0.1", 0))  # a port of ours that nobody listens on
    try:
        requests.get(f"http://127.0.0.1:{reserved.getsockname()[1]}/", timeout=5)
    except requests.ConnectionError as err:
        print("nobody listening:", type(err).__name__)

with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts connections, never answers
    try:
        requests.get(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.2)
    except requests.Timeout as err:
        print("silent server:", type(err).__name__, "after the 0.2 s read timeout (without timeout=: for ever)")

# %% [markdown] course={"kind": "lesson", "id": "httpx", "covers": ["c-httpx-library", "c-sync-and-async-support", "c-http-2-support", "c-similar-api-to-requests"]}
# ### `httpx`: the same API, plus async, HTTP/2 and a test transport
#
# `httpx` copies `requests`' API on purpose (`httpx.get`, `Client` instead of `Session`, `params=`,
# `json=`, `.raise_for_status()`), and adds:
#
# - **async**: `httpx.AsyncClient` with `await client.get(...)`, so one event loop can keep hundreds of
#   requests in flight (phase 10);
# - **HTTP/2** with the optional `h2` package (`Client(http2=True)`, lesson above);
# - **a default timeout** of 5 seconds for every request (`httpx.Timeout(10, connect=3)` to change it);
# - **transports**: the part that actually sends bytes can be swapped. `httpx.MockTransport(handler)`
#   calls your function with each `httpx.Request` and returns its `httpx.Response`, with no socket at
#   all. Tests of retry, pagination and error handling become fast and exact.
#
# Differences that bite when you switch: `httpx` does **not follow redirects** unless you pass
# `follow_redirects=True` (`requests` follows them by default), and a `MockTransport` tests *your* logic
# only: no real connections, framing, TLS or timeouts happen (so also test once against a real server,
# as this section does).

# %% course={"kind": "demo"}
from course.runtime.aio import run  # runs a coroutine whether or not an event loop is already running
import asyncio


async def fetch_concurrently(api: str) -> list[int]:
    async with httpx.AsyncClient(base_url=api) as client:
        responses = await asyncio.gather(*(client.get(f"/shard/{n}") for n in range(6)))
    return [r.status_code for r in responses]


with local_server(EchoHandler, seen=[]) as server:
    print("async statuses:", run(fetch_concurrently(base_url(server))))
    print("paths the server saw:", sorted(path for _, _, path in server.seen))


def fake_api(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/old":
        return httpx.Response(301, headers={"Location": "/new"})
    return httpx.Response(200, json={"path": request.url.path, "auth": request.headers.get("authorization")})


with httpx.Client(transport=httpx.MockTransport(fake_api), base_url="https://api.test",
                  headers={"Authorization": "Bearer t0ken"}) as client:
    r = client.get("/old")
    print("without follow_redirects:", r.status_code, "->", r.headers["location"])
    r = client.get("/old", follow_redirects=True)
    print("with follow_redirects:   ", r.status_code, r.json(), "| history:", [h.status_code for h in r.history])
    print("default timeout:", client.timeout)

# %% [markdown] course={"kind": "text"}
# `requests` against `httpx`, timed on the same job (printed, never asserted: a busy machine changes the
# numbers). Two things show. Reusing one client wins with either library: a module-level call builds a
# whole new client per request, then opens a new connection. And building an `httpx.Client` is itself
# slow (about a tenth of a second on this course's test machine: it loads its TLS certificate store even
# for plain HTTP) while a `requests.Session` takes well under a millisecond; once made, the two send requests
# at a similar pace. So make one client and keep it. Against a server on the same
# machine a new TCP connection is cheap; over a network, and with TLS, it costs one to three round trips
# more per request, so the gap between reusing and not reusing grows accordingly.

# %% course={"kind": "demo"}
with local_server(StatusHandler, seen=[]) as server:
    api, paths = base_url(server), [f"/item/{i}" for i in range(4)]
    timings = {}
    for label, job in [
        ("requests.get per call", lambda: [requests.get(api + p, timeout=10).status_code for p in paths]),
        ("one requests.Session", lambda: (s := requests.Session(), [s.get(api + p, timeout=10).status_code for p in paths], s.close())),
        ("httpx.get per call", lambda: [httpx.get(api + p).status_code for p in paths]),
        ("one httpx.Client", lambda: (c := httpx.Client(), [c.get(api + p).status_code for p in paths], c.close())),
    ]:
        server.seen.clear()
        start = time.perf_counter()
        job()
        timings[label] = (time.perf_counter() - start, connections(server))
for label, (seconds, conns) in timings.items():
    print(f"{label:22} {len(paths)} requests in {seconds * 1000:6.1f} ms over {conns:2} connection(s)")

# %% [markdown] course={"kind": "exercise", "id": "request-bytes", "item": "x-make-http-requests-with-different"}
# ### Write an HTTP/1.1 request by hand
#
# Write `http_request(method, target, host, headers=None, body=b"")` that returns the **bytes** of one
# HTTP/1.1 request:
#
# - the request line `METHOD TARGET HTTP/1.1`, then `Host: <host>`, then the given headers in their
#   order (names and values are ASCII), each line ending with CR LF;
# - `Content-Length` (last header) whenever the body is not empty, **and** for `POST`, `PUT` and `PATCH`
#   even with an empty body (`Content-Length: 0`: many servers answer `411 Length Required` without it);
#   no `Content-Length` otherwise;
# - an empty line, then the body exactly as given;
# - a `ValueError` if a header name or value contains `\r` or `\n`: such a value would let a caller
#   inject headers of their own (*header injection*).
#
# ```python
# http_request("GET", "/health", "api.local", {"Accept": "application/json"})
# # b'GET /health HTTP/1.1\r\nHost: api.local\r\nAccept: application/json\r\n\r\n'
# ```

# %% [markdown] course={"kind": "hint"}
# Build a list of text lines, join them with `"\r\n"`, add the empty line, encode, then add the body
# (which is already bytes).

# %% [markdown] course={"kind": "hint"}
# `Content-Length` is `len(body)` of the **bytes**. The condition is `body or method in ("POST", "PUT",
# "PATCH")`. Check each header with `"\r" in text or "\n" in text` before you use it.

# %% course={"kind": "solution"}
def http_request(method: str, target: str, host: str, headers: Mapping[str, str] | None = None,
                 body: bytes = b"") -> bytes:
    ### BEGIN SOLUTION
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    for name, value in (headers or {}).items():
        if "\r" in name + value or "\n" in name + value:
            raise ValueError(f"header {name!r} contains a line break")
        lines.append(f"{name}: {value}")
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = http_request("GET", "/health", "api.local", {"Accept": "application/json"})
assert got == b"GET /health HTTP/1.1\r\nHost: api.local\r\nAccept: application/json\r\n\r\n", f"got {got!r}"
assert type(got) is bytes, "return bytes: that is what a socket sends"

# %% course={"kind": "test", "points": 2}
got = http_request("POST", "/v1/models?dry_run=1", "api.local", {"Content-Type": "application/json"}, b'{"a": 1}')
want = b'POST /v1/models?dry_run=1 HTTP/1.1\r\nHost: api.local\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"a": 1}'
assert got == want, f"a body needs its length: got {got!r}"
### BEGIN HIDDEN TESTS
body = "café ☕".encode()
got = http_request("PUT", "/notes/1", "h", None, body)
assert got == b"PUT /notes/1 HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n" + body, "Content-Length counts bytes, not characters"
got = http_request("DELETE", "/x", "h", {}, b"0")
assert got == b"DELETE /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n0", "any non-empty body has a length, DELETE too"
headers = {"X-B": "2", "X-A": "1", "Accept": "*/*"}
got = http_request("OPTIONS", "*", "h", headers)
assert got == b"OPTIONS * HTTP/1.1\r\nHost: h\r\nX-B: 2\r\nX-A: 1\r\nAccept: */*\r\n\r\n", "headers in the order given"
assert headers == {"X-B": "2", "X-A": "1", "Accept": "*/*"}, "the caller's headers are not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for method in ("POST", "PUT", "PATCH"):
    got = http_request(method, "/", "h")
    assert got == f"{method} / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n".encode(), f"{method} with no body: Content-Length: 0; got {got!r}"
for method in ("GET", "HEAD", "DELETE", "OPTIONS"):
    got = http_request(method, "/", "h")
    assert got == f"{method} / HTTP/1.1\r\nHost: h\r\n\r\n".encode(), f"{method} with no body: no Content-Length; got {got!r}"

# %% course={"kind": "test", "points": 2}
for bad in ({"X-Note": "ok\r\nX-Admin: yes"}, {"X-Note": "a\nb"}, {"X-Note": "a\rb"}, {"X-Bad\r\nName": "v"}, {"X-Bad\n": "v"}):
    try:
        http_request("GET", "/", "h", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"a line break in a header must raise ValueError: {bad!r}")
assert http_request("GET", "/", "h", {"X-Empty": ""}) == b"GET / HTTP/1.1\r\nHost: h\r\nX-Empty: \r\n\r\n", "an empty value is allowed"

# %% course={"kind": "test", "points": 2}
# A real server reads your bytes: http.server's echo handler answers with what it parsed.
with local_server(EchoHandler, seen=[]) as server:
    answer = exchange(server, http_request("PATCH", "/models/7?x=1", "api.local", {"X-Team": "ml"}, b'{"stage": "prod"}'))
status_line, _, rest = answer.partition(b"\r\n")
assert status_line == b"HTTP/1.1 200 OK", f"the server did not understand the request: {status_line!r}"
seen = json.loads(rest.partition(b"\r\n\r\n")[2])
assert (seen["method"], seen["path"], seen["body"]) == ("PATCH", "/models/7?x=1", '{"stage": "prod"}'), seen
assert seen["headers"]["host"] == "api.local" and seen["headers"]["x-team"] == "ml", seen["headers"]

# %% course={"kind": "wrong", "id": "lf-line-ends"}
def http_request(method, target, host, headers=None, body=b""):
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    for name, value in (headers or {}).items():
        if "\r" in name + value or "\n" in name + value:
            raise ValueError(name)
        lines.append(f"{name}: {value}")
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\n".join(lines) + "\n\n").encode() + body  # Unix line ends: HTTP wants CR LF

# %% course={"kind": "wrong", "id": "length-in-characters"}
def http_request(method, target, host, headers=None, body=b""):
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    for name, value in (headers or {}).items():
        if "\r" in name + value or "\n" in name + value:
            raise ValueError(name)
        lines.append(f"{name}: {value}")
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body.decode())}")  # characters, not bytes
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

# %% course={"kind": "wrong", "id": "length-only-with-body"}
def http_request(method, target, host, headers=None, body=b""):
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    for name, value in (headers or {}).items():
        if "\r" in name + value or "\n" in name + value:
            raise ValueError(name)
        lines.append(f"{name}: {value}")
    if body:  # an empty POST goes out without Content-Length
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

# %% course={"kind": "wrong", "id": "no-injection-check"}
def http_request(method, target, host, headers=None, body=b""):
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

# %% [markdown] course={"kind": "exercise", "id": "read-response"}
# ### Read exactly one response from a kept-alive connection
#
# Write `read_response(wire, method="GET")` that reads **one** HTTP/1.1 response from `wire` (an object
# with `readline()` and `read(n)`, like `sock.makefile("rb")`) and returns `(status, headers, body)`:
# `status` an `int`, `headers` a `dict` with **lower-case** names and values stripped of surrounding
# spaces, `body` the body as `bytes`. The connection stays open, so you must stop exactly at the end of
# the response, not one byte before or after; the next response may follow at once. The body is:
#
# - empty for a response to `HEAD`, and for the statuses 1xx (100 to 199), 204 and 304, whatever the headers say;
# - with `Transfer-Encoding: chunked` (any case; it wins over `Content-Length`): the chunks joined. Each
#   chunk is a size line in **hex** (maybe followed by `;extension`), the data, and CR LF; a chunk of size
#   0 ends the body, followed by optional trailer lines and an empty line, all of which you must read;
# - otherwise with `Content-Length: N`: the next N bytes;
# - otherwise: everything until the server closes the connection (`wire.read()`).
#
# ```python
# wire = Wire(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 204 No Content\r\n\r\n")
# read_response(wire)   # (200, {'content-length': '2'}, b'ok');  wire.rest() is the 204 response
# ```
#
# `Wire` (from `course.runtime.sockets`, imported in the setup cell) fails at once if you read past what
# the server sent: a real connection would hang there.

# %% [markdown] course={"kind": "hint"}
# First the status line (`int(line.split()[1])`), then header lines until the empty line (`b"\r\n"`).
# Then decide how the body ends, in the order the prompt lists the cases.

# %% [markdown] course={"kind": "hint"}
# For chunked: loop `size = int(wire.readline().split(b";")[0], 16)`; stop at 0; else `wire.read(size)`
# and one more `wire.readline()` for the CR LF after the data. After the 0 chunk, read lines until an
# empty one (those are the trailers).

# %% course={"kind": "solution"}
def read_response(wire: Any, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    ### BEGIN SOLUTION
    status = int(wire.readline().split()[1])
    headers: dict[str, str] = {}
    while (line := wire.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    if method == "HEAD" or status < 200 or status in (204, 304):
        return status, headers, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while (size := int(wire.readline().split(b";")[0], 16)) > 0:
            body += wire.read(size)
            wire.readline()  # the CR LF after the chunk's data
        while wire.readline() not in (b"\r\n", b"\n", b""):  # trailers, up to the empty line
            pass
        return status, headers, body
    if "content-length" in headers:
        return status, headers, wire.read(int(headers["content-length"]))
    return status, headers, wire.read()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
wire = Wire(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 204 No Content\r\n\r\n")
got = read_response(wire)
assert got == (200, {"content-length": "2"}, b"ok"), f"got {got!r}"
assert type(got[0]) is int and type(got[2]) is bytes, "status is an int, body bytes"
assert wire.rest() == b"HTTP/1.1 204 No Content\r\n\r\n", f"stop exactly where the response ends; left: {wire.rest()!r}"

# %% course={"kind": "test", "points": 2}
NEXT = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"
for raw, method, want in [
    (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD", (200, {"content-length": "5"}, b"")),
    (b"HTTP/1.1 204 No Content\r\n\r\n", "DELETE", (204, {}, b"")),
    (b"HTTP/1.1 304 Not Modified\r\nETag: \"v2\"\r\n\r\n", "GET", (304, {"etag": '"v2"'}, b"")),
    (b"HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\n", "GET", (103, {"link": "</app.css>; rel=preload"}, b"")),
]:
    wire = Wire(raw + NEXT)
    got = read_response(wire, method)
    assert got == want, f"{raw.splitlines()[0]!r} to {method} has no body: got {got!r}"
    assert wire.rest() == NEXT, f"after {raw.splitlines()[0]!r} the next response must be left unread"
### BEGIN HIDDEN TESTS
wire = Wire(b"HTTP/1.1 199 Whatever\r\n\r\n" + NEXT)
assert read_response(wire) == (199, {}, b"") and wire.rest() == NEXT, "every 1xx has no body"
wire = Wire(b"HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n" + NEXT)
assert read_response(wire) == (205, {"content-length": "0"}, b"") and wire.rest() == NEXT
wire = Wire(b"HTTP/1.1 303 See Other\r\nLocation: /b\r\nContent-Length: 1\r\n\r\nx" + NEXT)
assert read_response(wire) == (303, {"location": "/b", "content-length": "1"}, b"x") and wire.rest() == NEXT
wire = Wire(b"HTTP/1.1 305 Use Proxy\r\nContent-Length: 1\r\n\r\ny" + NEXT)
assert read_response(wire) == (305, {"content-length": "1"}, b"y") and wire.rest() == NEXT
wire = Wire(b"HTTP/1.1 203 Non-Authoritative\r\nContent-Length: 1\r\n\r\nz" + NEXT)
assert read_response(wire) == (203, {"content-length": "1"}, b"z") and wire.rest() == NEXT
wire = Wire(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nw" + NEXT)
assert read_response(wire, "GET") == (200, {"content-length": "1"}, b"w") and wire.rest() == NEXT
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1b\r\nstep 2: started 3 replicas\n\r\n5\r\ndone\n\r\n0\r\n\r\n"
wire = Wire(chunked + NEXT)
got = read_response(wire)
assert got == (200, {"transfer-encoding": "chunked"}, b"step 2: started 3 replicas\ndone\n"), f"chunk sizes are hex: got {got!r}"
assert wire.rest() == NEXT, f"read the 0 chunk and the empty line after it; left: {wire.rest()[:40]!r}"
### BEGIN HIDDEN TESTS
raw = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding:  Chunked \r\nContent-Length: 999\r\n\r\n"
       b"A;name=value\r\n0123456789\r\n1\r\n\n\r\n0\r\nX-Checksum: 42\r\nX-Rows: 2\r\n\r\n")
wire = Wire(raw + NEXT)
got = read_response(wire)
assert got == (200, {"transfer-encoding": "Chunked", "content-length": "999"}, b"0123456789\n"), got
assert wire.rest() == NEXT, "chunked wins over Content-Length; extensions after ';' are ignored; trailers are read"
wire = Wire(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + NEXT)
assert read_response(wire) == (200, {"transfer-encoding": "chunked"}, b"") and wire.rest() == NEXT, "an empty chunked body"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
raw = b"HTTP/1.1 301 Moved Permanently\r\nLOCATION:  http://127.0.0.1:8080/new  \r\nContent-Length: 0\r\n\r\n"
wire = Wire(raw + NEXT)
got = read_response(wire)
assert got == (301, {"location": "http://127.0.0.1:8080/new", "content-length": "0"}, b""), f"lower-case names, stripped values, split at the first colon: got {got!r}"
assert wire.rest() == NEXT
### BEGIN HIDDEN TESTS
wire = Wire(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the server closes", closes=True)
assert read_response(wire) == (200, {"content-type": "text/plain"}, b"until the server closes"), "no length: read to the close"
wire = Wire(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 3\r\nX-Empty:\r\n\r\nbad" + NEXT)
assert read_response(wire) == (500, {"content-length": "3", "x-empty": ""}, b"bad") and wire.rest() == NEXT
body = "grüße ☃".encode()
wire = Wire(b"HTTP/1.1 200 OK\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body + NEXT)
assert read_response(wire) == (200, {"content-length": "11"}, body) and wire.rest() == NEXT, "Content-Length counts bytes"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# Against a real server on one kept-alive connection: two responses, read one after the other.
class ChunkedLog(QuietHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in (b"step 1: pulled image\n", b"step 2: started 3 replicas\n", b"done\n"):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "50")
        self.end_headers()


with local_server(ChunkedLog) as server, socket.create_connection(server.server_address[:2], timeout=10) as conn:
    conn.sendall(b"GET /a HTTP/1.1\r\nHost: t\r\n\r\nHEAD /b HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    with conn.makefile("rb") as stream:
        first = read_response(stream)
        second = read_response(stream, "HEAD")
assert first[0] == 200 and first[2] == b"step 1: pulled image\nstep 2: started 3 replicas\ndone\n", f"first: {first!r}"
assert second[0] == 200 and second[2] == b"", f"second (HEAD): {second!r}"

# %% course={"kind": "wrong", "id": "read-to-the-end"}
def read_response(wire, method="GET"):
    status = int(wire.readline().split()[1])
    headers = {}
    while (line := wire.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    return status, headers, wire.read()  # "read the body": waits for a close that never comes

# %% course={"kind": "wrong", "id": "head-reads-length"}
def read_response(wire, method="GET"):
    status = int(wire.readline().split()[1])
    headers = {}
    while (line := wire.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    if status in (204, 304):
        return status, headers, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while (size := int(wire.readline().split(b";")[0], 16)) > 0:
            body += wire.read(size)
            wire.readline()
        while wire.readline() not in (b"\r\n", b""):
            pass
        return status, headers, body
    if "content-length" in headers:  # HEAD's Content-Length describes a body that is not sent
        return status, headers, wire.read(int(headers["content-length"]))
    return status, headers, wire.read()

# %% course={"kind": "wrong", "id": "chunk-size-decimal"}
def read_response(wire, method="GET"):
    status = int(wire.readline().split()[1])
    headers = {}
    while (line := wire.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    if method == "HEAD" or status < 200 or status in (204, 304):
        return status, headers, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while (size := int(wire.readline().split(b";")[0])) > 0:  # sizes are hex, not decimal
            body += wire.read(size)
            wire.readline()
        while wire.readline() not in (b"\r\n", b""):
            pass
        return status, headers, body
    if "content-length" in headers:
        return status, headers, wire.read(int(headers["content-length"]))
    return status, headers, wire.read()

# %% course={"kind": "wrong", "id": "stops-at-zero-chunk"}
def read_response(wire, method="GET"):
    status = int(wire.readline().split()[1])
    headers = {}
    while (line := wire.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    if method == "HEAD" or status < 200 or status in (204, 304):
        return status, headers, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while (size := int(wire.readline().split(b";")[0], 16)) > 0:
            body += wire.read(size)
            wire.readline()
        return status, headers, body  # leaves the empty line (and trailers) for the next response
    if "content-length" in headers:
        return status, headers, wire.read(int(headers["content-length"]))
    return status, headers, wire.read()

# %% course={"kind": "wrong", "id": "length-before-chunked"}
def read_response(wire, method="GET"):
    status = int(wire.readline().split()[1])
    headers = {}
    while (line := wire.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    if method == "HEAD" or status < 200 or status in (204, 304):
        return status, headers, b""
    if "content-length" in headers:  # a message with both: Transfer-Encoding wins
        return status, headers, wire.read(int(headers["content-length"]))
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while (size := int(wire.readline().split(b";")[0], 16)) > 0:
            body += wire.read(size)
            wire.readline()
        while wire.readline() not in (b"\r\n", b""):
            pass
        return status, headers, body
    return status, headers, wire.read()

# %% [markdown] course={"kind": "exercise", "id": "tls-context"}
# ### A TLS client that trusts your CA, and only it
#
# Your platform's services use certificates from an internal CA. Write `client_context(ca_pem)` that
# returns an `ssl.SSLContext` for a **client** which
#
# - trusts exactly the CA given as PEM text (not the system's list, and nothing else),
# - checks the server's certificate **and** that it was issued for the host name it connects to,
# - refuses TLS versions older than 1.2.
#
# ```python
# context = client_context(course_ca.pem)
# http.client.HTTPSConnection("127.0.0.1", port, context=context)   # works with a cert from course_ca
# ```

# %% [markdown] course={"kind": "hint"}
# `ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)` starts with certificate and host name checks on, and trusts
# nobody until you load a CA.

# %% [markdown] course={"kind": "hint"}
# `context.load_verify_locations(cadata=ca_pem)` loads the CA from text;
# `context.minimum_version = ssl.TLSVersion.TLSv1_2` sets the floor.

# %% course={"kind": "solution", "equivalent": {"m-7b1991a7": "Python itself sets SSLContext(PROTOCOL_TLS_CLIENT).minimum_version to TLSv1_2 (3.10+; checked on 3.11-3.13, also under an OpenSSL config allowing TLS 1.0); the line makes the floor explicit"}}
def client_context(ca_pem: str) -> ssl.SSLContext:
    ### BEGIN SOLUTION
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname on
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_verify_locations(cadata=ca_pem)
    return context
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ca = new_ca("Test CA")
with system_trust(new_ca("System CA")):  # for this block, the operating system's CA list is just "System CA"
    context = client_context(ca.pem)
assert isinstance(context, ssl.SSLContext), f"return an ssl.SSLContext, not {type(context).__name__}"
assert context.verify_mode == ssl.CERT_REQUIRED, "the server's certificate must be checked"
assert context.check_hostname, "the host name must be checked"
assert context.minimum_version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3), f"TLS 1.2 at least, not {context.minimum_version!r}"
trusted = [c["subject"][0][0][1] for c in context.get_ca_certs()]
assert trusted == ["Test CA"], f"trust exactly the CA given, not the system's list as well; trusted: {trusted}"

# %% course={"kind": "test", "points": 2}
class Hello(QuietHandler):
    def do_GET(self) -> None:
        self.send_body(200, b"hello over TLS")


ca = new_ca("Test CA")
with https_server(Hello, *server_cert(ca, ("localhost", "127.0.0.1"))) as server:
    conn = http.client.HTTPSConnection("127.0.0.1", server.server_address[1], timeout=10, context=client_context(ca.pem))
    conn.request("GET", "/")
    response = conn.getresponse()
    assert (response.status, response.read()) == (200, b"hello over TLS"), "a certificate from the trusted CA must work"
    conn.close()

# %% course={"kind": "test", "points": 2}
ca, stranger = new_ca("Test CA"), new_ca("Stranger CA")
with https_server(Hello, *server_cert(ca, ("localhost", "127.0.0.1"))) as server:
    conn = http.client.HTTPSConnection("127.0.0.1", server.server_address[1], timeout=10, context=client_context(stranger.pem))
    try:
        conn.request("GET", "/")
    except ssl.SSLCertVerificationError:
        pass
    else:
        raise AssertionError("a certificate from a CA you were not given must be refused")
    finally:
        conn.close()

# %% course={"kind": "test", "points": 2}
ca = new_ca("Test CA")
with https_server(Hello, *server_cert(ca, ("build.internal",))) as server:  # a valid cert, for another name
    conn = http.client.HTTPSConnection("127.0.0.1", server.server_address[1], timeout=10, context=client_context(ca.pem))
    try:
        conn.request("GET", "/")
    except ssl.SSLCertVerificationError:
        pass
    else:
        raise AssertionError("the certificate is for build.internal, not 127.0.0.1: check the host name")
    finally:
        conn.close()

# %% course={"kind": "wrong", "id": "verification-off"}
def client_context(ca_pem):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # "fixes" CERTIFICATE_VERIFY_FAILED by not verifying at all
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_verify_locations(cadata=ca_pem)
    return context

# %% course={"kind": "wrong", "id": "no-hostname-check"}
def client_context(ca_pem):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False  # any certificate from the CA is accepted for any host
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_verify_locations(cadata=ca_pem)
    return context

# %% course={"kind": "wrong", "id": "system-store-plus-ours", "fails": ["t1"]}
def client_context(ca_pem):
    context = ssl.create_default_context()  # already trusts every CA of the operating system...
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_verify_locations(cadata=ca_pem)  # ...and now yours as well
    return context

# %% course={"kind": "wrong", "id": "system-store"}
def client_context(ca_pem):
    return ssl.create_default_context()  # the operating system's CAs: it has never heard of yours

# %% [markdown] course={"kind": "exercise", "id": "paginate", "item": "x-handle-pagination-in-api-responses"}
# ### Follow `Link: rel="next"` through every page, lazily
#
# The API answers `GET` with JSON `{"items": [...]}` and, on every page but the last, a header such as
# `Link: <https://api.test/models?page=2>; rel="next"` (the GitHub style; the URL may also be relative to
# the page, like `</models?page=2>`). Write a **generator** `iter_items(client, url)` that yields every
# item of every page in order, using the `httpx.Client` it is given. It must be lazy: it asks for a page
# only when the caller wants an item from it. It raises `httpx.HTTPStatusError` for a page that answers
# 4xx or 5xx, and `RuntimeError` if a `next` link points to a page it has already fetched (a server bug
# that would otherwise loop for ever). A page may be empty and still have a `next` link.
#
# ```python
# list(iter_items(client, "https://api.test/models"))   # ['m1', 'm2', 'm3'] over two pages
# ```

# %% [markdown] course={"kind": "hint"}
# `response.links` parses the `Link` header: `response.links.get("next", {}).get("url")` is the next
# URL or `None`.

# %% [markdown] course={"kind": "hint"}
# `response.url.join(link)` turns a relative link into a full URL. Keep a set of the URLs you fetched;
# `response.raise_for_status()` raises for 4xx/5xx; `yield from` the page's items before you fetch the
# next one.

# %% course={"kind": "solution", "equivalent": {"m-abf32346": "an httpx.URL hashes and compares equal to its text, and client.get takes either"}}
def iter_items(client: httpx.Client, url: str) -> Iterator[Any]:
    ### BEGIN SOLUTION
    seen: set[str] = set()
    next_url: str | None = url
    while next_url is not None:
        if next_url in seen:
            raise RuntimeError(f"pagination loops back to {next_url}")
        seen.add(next_url)
        response = client.get(next_url)
        response.raise_for_status()
        yield from response.json()["items"]
        link = response.links.get("next", {}).get("url")
        next_url = None if link is None else str(response.url.join(link))
    ### END SOLUTION

# %% course={"kind": "setup", "id": "fake-api"}
# PagedApi(pages, links=None, status=None, limit=50): a fake paginated API for httpx.MockTransport.
# pages[k - 1] is the items of page k; each answer links to the next page (Link: <...>; rel="next"),
# `links` overrides that text per page, `status` gives a page an error status; `requests` lists the
# pages asked for; `.client()` is an httpx.Client talking to it.
from course.runtime.httpfakes import PagedApi

# %% course={"kind": "test", "points": 1}
api = PagedApi([["m1", "m2"], ["m3"]])
got = iter_items(api.client(), "https://api.test/models")
assert iter(got) is got and not isinstance(got, list), "return a generator (an iterator), not a list"
got = list(got)
assert got == ["m1", "m2", "m3"], f"every item of every page, in order; got {got!r}"
assert api.requests == [1, 2], f"one request per page; asked for pages {api.requests}"

# %% course={"kind": "test", "points": 2}
import itertools

api = PagedApi([["a", "b"], ["c", "d"], ["e"]])
items = iter_items(api.client(), "https://api.test/models")
assert api.requests == [], "nothing is fetched before the first item is wanted"
assert list(itertools.islice(items, 2)) == ["a", "b"] and api.requests == [1], f"two items come from page 1 only; fetched {api.requests}"
assert next(items) == "c" and api.requests == [1, 2], f"page 2 is fetched when its first item is wanted; fetched {api.requests}"
### BEGIN HIDDEN TESTS
assert list(items) == ["d", "e"] and api.requests == [1, 2, 3]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
api = PagedApi([[1], [], [0, ""], []], links={1: "/models?page=2", 2: "models?page=3"})
got = list(iter_items(api.client(), "https://api.test/models?page=1"))
assert got == [1, 0, ""], f"relative links, empty pages and falsy items all count; got {got!r}"
assert api.requests == [1, 2, 3, 4], f"pages fetched: {api.requests}"
### BEGIN HIDDEN TESTS
api = PagedApi([[]])
assert list(iter_items(api.client(), "https://api.test/models")) == [] and api.requests == [1], "one empty page"
api = PagedApi([["ü"], ["中"]])
assert list(iter_items(api.client(), "https://api.test/models")) == ["ü", "中"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
api = PagedApi([["a"], ["b"], ["c"]], status={2: 503})
items = iter_items(api.client(), "https://api.test/models")
assert next(items) == "a", "page 1 is fine"
try:
    next(items)
except httpx.HTTPStatusError as err:
    assert err.response.status_code == 503
else:
    raise AssertionError("a 503 page must raise httpx.HTTPStatusError, not end the items quietly")
### BEGIN HIDDEN TESTS
api = PagedApi([["a"]], status={1: 404})
try:
    list(iter_items(api.client(), "https://api.test/models"))
except httpx.HTTPStatusError as err:
    assert err.response.status_code == 404
else:
    raise AssertionError("404 raises too")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
api = PagedApi([["a"], ["b"], ["c"]], links={3: "https://api.test/models?page=2"})  # page 3 points back to 2
try:
    got = list(iter_items(api.client(), "https://api.test/models"))
except NotImplementedError:
    raise  # a RuntimeError too, but not the one meant here
except RuntimeError:
    pass
else:
    raise AssertionError(f"a next link to a page already fetched must raise RuntimeError; got {got!r}")
assert api.requests == [1, 2, 3], f"and page 2 is not fetched again; fetched {api.requests}"
### BEGIN HIDDEN TESTS
api = PagedApi([["a"]], links={1: "https://api.test/models?page=1"})
try:
    list(iter_items(api.client(), "https://api.test/models?page=1"))
except NotImplementedError:
    raise
except RuntimeError:
    pass
else:
    raise AssertionError("a page linking to itself loops")
assert api.requests == [1]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "collects-a-list"}
def iter_items(client, url):
    items, seen = [], set()
    while url is not None:
        if url in seen:
            raise RuntimeError(url)
        seen.add(url)
        response = client.get(url)
        response.raise_for_status()
        items += response.json()["items"]
        link = response.links.get("next", {}).get("url")
        url = None if link is None else str(response.url.join(link))
    return items  # every page fetched before the caller sees one item

# %% course={"kind": "wrong", "id": "stops-at-empty-page"}
def iter_items(client, url):
    seen = set()
    while url is not None:
        if url in seen:
            raise RuntimeError(url)
        seen.add(url)
        response = client.get(url)
        response.raise_for_status()
        items = response.json()["items"]
        if not items:
            return  # "no items means we are done"
        yield from items
        link = response.links.get("next", {}).get("url")
        url = None if link is None else str(response.url.join(link))

# %% course={"kind": "wrong", "id": "relative-link-as-is"}
def iter_items(client, url):
    seen = set()
    while url is not None:
        if url in seen:
            raise RuntimeError(url)
        seen.add(url)
        response = client.get(url)
        response.raise_for_status()
        yield from response.json()["items"]
        url = response.links.get("next", {}).get("url")  # "/models?page=2" has no host to go to

# %% course={"kind": "wrong", "id": "no-loop-guard"}
def iter_items(client, url):
    while url is not None:
        response = client.get(url)
        response.raise_for_status()
        yield from response.json()["items"]
        link = response.links.get("next", {}).get("url")
        url = None if link is None else str(response.url.join(link))

# %% course={"kind": "wrong", "id": "ignores-status"}
def iter_items(client, url):
    seen = set()
    while url is not None:
        if url in seen:
            raise RuntimeError(url)
        seen.add(url)
        response = client.get(url)
        yield from response.json().get("items", [])  # an error page looks like an empty last page
        link = response.links.get("next", {}).get("url")
        url = None if link is None else str(response.url.join(link))

# %% [markdown] course={"kind": "exercise", "id": "retry", "item": "x-implement-retry-logic-for-failed"}
# ### Retry what may work next time, with exponential backoff
#
# Write `get_with_retries(client, url, *, attempts=4, base_delay=0.5, sleep=time.sleep)` that GETs `url`
# with the `httpx.Client` and tries again, up to `attempts` tries in all, when the try **failed in a way
# that may pass later**: a status in `RETRY_STATUSES` (502, 503, 504) or an `httpx.TransportError` (the
# connection was refused or dropped, a timeout). Between tries it calls `sleep(base_delay * 2 ** n)`
# for the n-th retry (0.5, 1, 2, ... seconds), and never sleeps after the last try.
#
# It returns the first response that is not to be retried (a 200, but also a 404 or 500: retrying
# those does not help) or, when the tries run out, the last response; if the last try raised a
# `TransportError`, that error propagates. Other errors are bugs: they propagate at once, no retry.
# `attempts` below 1 raises `ValueError`.
#
# ```python
# # the server answers 503, 503, then 200:
# get_with_retries(client, "https://api.test/status", sleep=clock.sleep).status_code   # 200
# clock.sleeps                                                                         # [0.5, 1.0]
# ```

# %% [markdown] course={"kind": "hint"}
# A loop over `range(attempts)`; inside it a `try: response = client.get(url)` with
# `except httpx.TransportError:`. Decide "done or retry" for both outcomes, then sleep.

# %% [markdown] course={"kind": "hint"}
# "Is this the last try?" is `n == attempts - 1`: on the last try return the response (or `raise` the
# transport error again) instead of sleeping.

# %% course={"kind": "solution"}
def get_with_retries(client: httpx.Client, url: str, *, attempts: int = 4, base_delay: float = 0.5,
                     sleep: Callable[[float], None] = time.sleep) -> httpx.Response:
    ### BEGIN SOLUTION
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, not {attempts}")
    n = 0
    while True:
        last = n == attempts - 1
        try:
            response = client.get(url)
        except httpx.TransportError:
            if last:
                raise
        else:
            if last or response.status_code not in RETRY_STATUSES:
                return response
        sleep(base_delay * 2**n)
        n += 1
    ### END SOLUTION

# %% course={"kind": "setup", "id": "scripted"}
import time

# Scripted(*script): a MockTransport handler that plays a script, a status code (that response) or an
# exception class (raised, as a failing connection would) per request; `calls` counts the requests,
# asking beyond the script fails at once; `.client()` is an httpx.Client talking to it.
from course.runtime.httpfakes import Scripted

RETRY_STATUSES = frozenset({502, 503, 504})  # the statuses get_with_retries retries

# %% course={"kind": "test", "points": 1}
server, clock = Scripted(503, 503, 200), FakeClock()
got = get_with_retries(server.client(), "https://api.test/status", sleep=clock.sleep)
assert isinstance(got, httpx.Response) and got.status_code == 200, "503 twice, then 200: return the 200"
assert server.calls == 3, f"three tries; made {server.calls}"
assert clock.sleeps == [0.5, 1.0], f"sleep 0.5 then 1.0 (base_delay * 2**n); slept {clock.sleeps}"

# %% course={"kind": "test", "points": 2}
for status in (200, 201, 204, 400, 404, 429, 500, 501, 505):
    server, clock = Scripted(status), FakeClock()
    got = get_with_retries(server.client(), "https://api.test/x", sleep=clock.sleep)
    assert got.status_code == status and server.calls == 1 and clock.sleeps == [], f"{status} is not retried"
### BEGIN HIDDEN TESTS
for status in (502, 503, 504):
    server, clock = Scripted(status, 200), FakeClock()
    assert get_with_retries(server.client(), "https://api.test/x", sleep=clock.sleep).status_code == 200, f"{status} is retried"
    assert server.calls == 2 and clock.sleeps == [0.5]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
server, clock = Scripted(503, 502, 504, 503), FakeClock()
got = get_with_retries(server.client(), "https://api.test/x", sleep=clock.sleep)
assert got.status_code == 503 and got.text == "answer 4", "tries used up: return the last response"
assert server.calls == 4 and clock.sleeps == [0.5, 1.0, 2.0], f"4 tries, 3 sleeps, none after the last; slept {clock.sleeps}"
### BEGIN HIDDEN TESTS
server, clock = Scripted(503, 503), FakeClock()
got = get_with_retries(server.client(), "https://api.test/x", attempts=2, base_delay=3, sleep=clock.sleep)
assert (got.text, server.calls, clock.sleeps) == ("answer 2", 2, [3]), (got.text, server.calls, clock.sleeps)
server, clock = Scripted(503), FakeClock()
got = get_with_retries(server.client(), "https://api.test/x", attempts=1, sleep=clock.sleep)
assert (got.status_code, server.calls, clock.sleeps) == (503, 1, []), "one attempt: no retry"
for bad in (0, -1):
    try:
        get_with_retries(Scripted().client(), "https://api.test/x", attempts=bad, sleep=FakeClock().sleep)
    except ValueError:
        pass
    else:
        raise AssertionError(f"attempts={bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
server, clock = Scripted(httpx.ConnectError, httpx.ReadTimeout, 200), FakeClock()
got = get_with_retries(server.client(), "https://api.test/x", sleep=clock.sleep)
assert got.status_code == 200 and server.calls == 3, "a refused connection and a timeout are retried"
assert clock.sleeps == [0.5, 1.0]
server, clock = Scripted(503, httpx.ConnectError), FakeClock()
try:
    get_with_retries(server.client(), "https://api.test/x", attempts=2, sleep=clock.sleep)
except httpx.ConnectError:
    pass
else:
    raise AssertionError("when the last try raises a TransportError, it propagates")
assert server.calls == 2 and clock.sleeps == [0.5]
### BEGIN HIDDEN TESTS
server, clock = Scripted(KeyError, 200), FakeClock()
try:
    get_with_retries(server.client(), "https://api.test/x", sleep=clock.sleep)
except KeyError:
    pass
else:
    raise AssertionError("a bug (KeyError) is not a network failure: no retry")
assert server.calls == 1 and clock.sleeps == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "retries-everything"}
def get_with_retries(client, url, *, attempts=4, base_delay=0.5, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for n in range(attempts):
        try:
            response = client.get(url)
            if response.is_success or n == attempts - 1:  # retries 404 and 500 too
                return response
        except httpx.TransportError:
            if n == attempts - 1:
                raise
        sleep(base_delay * 2**n)

# %% course={"kind": "wrong", "id": "sleeps-after-last"}
def get_with_retries(client, url, *, attempts=4, base_delay=0.5, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    response = None
    for n in range(attempts):
        try:
            response = client.get(url)
            if response.status_code not in RETRY_STATUSES:
                return response
        except httpx.TransportError:
            if n == attempts - 1:
                raise
        sleep(base_delay * 2**n)  # also after the last try: the caller waits for nothing
    return response

# %% course={"kind": "wrong", "id": "constant-delay"}
def get_with_retries(client, url, *, attempts=4, base_delay=0.5, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for n in range(attempts):
        try:
            response = client.get(url)
            if response.status_code not in RETRY_STATUSES or n == attempts - 1:
                return response
        except httpx.TransportError:
            if n == attempts - 1:
                raise
        sleep(base_delay)  # no backoff: every client hammers the recovering server at the same pace

# %% course={"kind": "wrong", "id": "catches-everything"}
def get_with_retries(client, url, *, attempts=4, base_delay=0.5, sleep=time.sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for n in range(attempts):
        try:
            response = client.get(url)
            if response.status_code not in RETRY_STATUSES or n == attempts - 1:
                return response
        except Exception:  # retries bugs as if they were network trouble
            if n == attempts - 1:
                raise
        sleep(base_delay * 2**n)

# %% [markdown] course={"kind": "exercise", "id": "session-auth", "item": "x-use-sessions-for-authenticated-requests"}
# ### Log in once, then reuse the session
#
# The API has `POST /login` taking JSON `{"user": ..., "password": ...}` and answering `{"token": "..."}`
# (or 401 for a wrong password). Every other endpoint wants `Authorization: Bearer <token>`. Write
# `logged_in_client(base_url, user, password, transport=None)` that logs in **once** and returns an
# `httpx.Client` (created with `base_url` and `transport`) whose every later request carries the token,
# and which never sends the password again. A failed login raises `httpx.HTTPStatusError` (and closes
# the client it made).
#
# ```python
# client = logged_in_client("https://api.test", "ana", "s3cret", transport=...)
# client.get("/reports").json()    # the reports; the server saw one login and a Bearer token
# ```

# %% [markdown] course={"kind": "hint"}
# Create the client first, `client.post("/login", json={...})`, check the response, then put the
# header on the client itself: `client.headers["Authorization"] = ...` applies to every later request.

# %% [markdown] course={"kind": "hint"}
# `response.raise_for_status()` raises `httpx.HTTPStatusError`; call `client.close()` before you let it
# propagate (a `try`/`except` that re-raises).

# %% course={"kind": "solution"}
def logged_in_client(base_url: str, user: str, password: str,
                     transport: httpx.BaseTransport | None = None) -> httpx.Client:
    ### BEGIN SOLUTION
    client = httpx.Client(base_url=base_url, transport=transport)
    try:
        response = client.post("/login", json={"user": user, "password": password})
        response.raise_for_status()
    except httpx.HTTPStatusError:
        client.close()
        raise
    client.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return client
    ### END SOLUTION

# %% course={"kind": "setup", "id": "auth-api"}
# AuthApi(): a fake API for MockTransport at https://api.test: POST /login with {"user": "ana",
# "password": "s3cret"} answers {"token": ...}; every other path needs "Authorization: Bearer <token>"
# (401 without). `log` records (method, path, Authorization header, body text) per request.
# ClosingTransport(handler): a MockTransport whose `closed` tells whether the client using it was closed.
from course.runtime.httpfakes import AuthApi, ClosingTransport

# %% course={"kind": "test", "points": 1}
api = AuthApi()
client = logged_in_client("https://api.test", "ana", "s3cret", transport=httpx.MockTransport(api))
assert isinstance(client, httpx.Client), "return the httpx.Client"
got = client.get("/reports")
assert got.status_code == 200, f"the request after login must carry the token; the server said {got.status_code} {got.text}"
assert api.log[-1][2] == "Bearer tok-ana-1", f"Authorization: Bearer <token>; sent {api.log[-1][2]!r}"

# %% course={"kind": "test", "points": 2}
api = AuthApi()
client = logged_in_client("https://api.test", "ana", "s3cret", transport=httpx.MockTransport(api))
for path in ("/reports", "/reports/7", "/models"):
    assert client.get(path).status_code == 200
logins = [entry for entry in api.log if entry[1] == "/login"]
assert len(logins) == 1, f"log in once, not per request: {len(logins)} logins"
assert json.loads(logins[0][3]) == {"user": "ana", "password": "s3cret"}, f"the login body: {logins[0][3]!r}"
assert all("s3cret" not in entry[3] and "s3cret" not in (entry[2] or "") for entry in api.log[1:]), "the password is sent once only"
### BEGIN HIDDEN TESTS
api = AuthApi()
client = logged_in_client("https://api.test", "bo", "", transport=httpx.MockTransport(api))
assert client.get("/x").status_code == 200, "an empty password is still a password"
assert [e[1] for e in api.log] == ["/login", "/x"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
api = AuthApi()
transport = ClosingTransport(api)
try:
    logged_in_client("https://api.test", "ana", "wrong", transport=transport)
except httpx.HTTPStatusError as err:
    assert err.response.status_code == 401
else:
    raise AssertionError("a failed login must raise httpx.HTTPStatusError")
assert [e[1] for e in api.log] == ["/login"], "one login attempt, nothing else"
assert transport.closed, "close the client you made before the error propagates (it holds connections)"

# %% course={"kind": "wrong", "id": "basic-auth-every-time"}
def logged_in_client(base_url, user, password, transport=None):
    return httpx.Client(base_url=base_url, transport=transport, auth=(user, password))  # the password on every request

# %% course={"kind": "wrong", "id": "token-without-bearer"}
def logged_in_client(base_url, user, password, transport=None):
    client = httpx.Client(base_url=base_url, transport=transport)
    response = client.post("/login", json={"user": user, "password": password})
    response.raise_for_status()
    client.headers["Authorization"] = response.json()["token"]  # the scheme word is missing
    return client

# %% course={"kind": "wrong", "id": "no-status-check"}
def logged_in_client(base_url, user, password, transport=None):
    client = httpx.Client(base_url=base_url, transport=transport)
    response = client.post("/login", json={"user": user, "password": password})
    client.headers["Authorization"] = f"Bearer {response.json().get('token')}"  # "Bearer None" after a 401
    return client

# %% [markdown] course={"kind": "exercise", "id": "one-connection", "item": "x-compare-requests-vs-httpx-performance"}
# ### Reuse one connection for many requests
#
# The biggest performance difference between HTTP clients in a script is rarely the library: it is
# whether the script opens a new connection per request. Write `fetch_statuses(base, paths)` that GETs
# `base + path` for each path, **in order**, and returns the list of status codes, using **one**
# connection for all of them (one `httpx.Client` or one `requests.Session`). No paths: `[]`, without
# sending any request.
#
# ```python
# fetch_statuses("http://127.0.0.1:8000", ["/health", "/missing"])   # [200, 404]
# ```
#
# The tests run a real `http.server` that records the client port of every request (one port = one TCP
# connection). The demo after the exercise times the same job both ways; the tests only count.

# %% [markdown] course={"kind": "hint"}
# `httpx.get()` and `requests.get()` each make a throw-away client: a new connection every call.

# %% [markdown] course={"kind": "hint"}
# `with httpx.Client(base_url=base) as client:` then `client.get(path).status_code` for each path.
# The `with` block closes the client (and its connection) when you leave it.

# %% course={"kind": "solution"}
def fetch_statuses(base: str, paths: list[str]) -> list[int]:
    ### BEGIN SOLUTION
    if not paths:
        return []
    with httpx.Client(base_url=base) as client:
        return [client.get(path).status_code for path in paths]
    ### END SOLUTION

# %% course={"kind": "setup", "id": "status-server"}
class StatusHandler(EchoHandler):
    """GET /status/NNN answers NNN; any other path answers 200. Records what `EchoHandler` records."""

    def do_GET(self) -> None:
        self.server.seen.append((self.client_address[1], self.command, self.path))  # type: ignore[attr-defined]
        status = int(self.path.rsplit("/", 1)[1]) if self.path.startswith("/status/") else 200
        self.send_body(status, f"{status}\n".encode())


def connections(server: ThreadingHTTPServer) -> int:
    return len({port for port, _, _ in server.seen})  # type: ignore[attr-defined]

# %% course={"kind": "test", "points": 1}
with local_server(StatusHandler, seen=[]) as server:
    got = fetch_statuses(base_url(server), ["/health", "/status/404", "/status/503"])
assert got == [200, 404, 503], f"one status per path, in order; got {got!r}"
assert type(got) is list and all(type(s) is int for s in got), "a list of ints"

# %% course={"kind": "test", "points": 2}
with local_server(StatusHandler, seen=[]) as server:
    got = fetch_statuses(base_url(server), [f"/item/{i}" for i in range(8)])
    assert got == [200] * 8
    assert [path for _, _, path in server.seen] == [f"/item/{i}" for i in range(8)], "every path, once, in order"
    assert connections(server) == 1, f"8 requests should share one kept-alive connection; they used {connections(server)}"

# %% course={"kind": "test", "points": 1}
with local_server(StatusHandler, seen=[]) as server:
    assert fetch_statuses(base_url(server), []) == [], "no paths, no statuses"
    assert server.seen == [], "and no request"
    assert fetch_statuses(base_url(server), ["/status/204"]) == [204]

# %% course={"kind": "wrong", "id": "module-level-calls"}
def fetch_statuses(base, paths):
    return [httpx.get(base + path).status_code for path in paths]  # a new connection per request

# %% course={"kind": "wrong", "id": "requests-get"}
import requests


def fetch_statuses(base, paths):
    return [requests.get(base + path, timeout=10).status_code for path in paths]  # no Session: no reuse

# %% course={"kind": "wrong", "id": "client-per-request"}
def fetch_statuses(base, paths):
    statuses = []
    for path in paths:
        with httpx.Client(base_url=base) as client:  # the pool dies with each client
            statuses.append(client.get(path).status_code)
    return statuses

# %% [markdown] course={"kind": "exercise", "id": "api-client", "item": "project-11-2-1"}
# ### Project core: an API client that authenticates, respects rate limits and reports errors
#
# The client below already sends `Authorization: Bearer <token>` with every request (see `__init__`).
# Write its method `get_json(path, **params)`: GET `path` with the query parameters, and
#
# - on success (2xx) return the decoded JSON;
# - on **429 Too Many Requests**: wait as long as the `Retry-After` header says (in seconds; 1 second
#   when it is missing) with `self.sleep`, and try again, at most `self.max_attempts` tries in all;
# - on any other 4xx or 5xx, or a 429 on the last try: raise `ApiError(status, text)` (given).
#
# ```python
# client = ApiClient("https://api.test", "t0ken", transport=..., sleep=clock.sleep)
# client.get_json("/models", stage="prod")   # [...]  (after one 429 with Retry-After: 2: clock.sleeps == [2.0])
# ```

# %% [markdown] course={"kind": "hint"}
# `self.http.get(path, params=params)`; `response.status_code == 429` is the only case that loops.

# %% [markdown] course={"kind": "hint"}
# `float(response.headers.get("Retry-After", "1"))`; `response.is_error` is true for 4xx and 5xx;
# count the tries with `for attempt in range(1, self.max_attempts + 1)`.

# %% course={"kind": "solution", "equivalent": {"m-5cbecd46": "the try numbered max_attempts always returns or raises (ApiClientBase refuses max_attempts < 1), so a longer range is never reached"}}
class ApiClient(ApiClientBase):  # ApiClientBase (setup cell) sets self.http, self.sleep, self.max_attempts
    def get_json(self, path: str, **params: Any) -> Any:
        ### BEGIN SOLUTION
        for attempt in range(1, self.max_attempts + 1):
            response = self.http.get(path, params=params)
            if response.status_code == 429 and attempt < self.max_attempts:
                self.sleep(float(response.headers.get("Retry-After", "1")))
                continue
            if response.is_error:
                raise ApiError(response.status_code, response.text)
            return response.json()
        ### END SOLUTION

# %% course={"kind": "setup", "id": "rate-limited-api"}
# RateLimitedApi(*script): a MockTransport handler that plays `script`, (status, Retry-After text or None)
# per request, then answers 200 with {"path": ..., "params": {...}}; `log` records (path, query, Authorization).
from course.runtime.httpfakes import RateLimitedApi


class ApiError(Exception):
    """What ApiClient.get_json raises for an error status: `.status` and the body `.text`."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"{status}: {text}")
        self.status, self.text = status, text


class ApiClientBase:
    """The given part of ApiClient: one httpx.Client that sends the bearer token with every request."""

    def __init__(self, base_url: str, token: str, *, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, max_attempts: int = 3) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, not {max_attempts}")
        self.http = httpx.Client(base_url=base_url, transport=transport,
                                 headers={"Authorization": f"Bearer {token}"})
        self.sleep, self.max_attempts = sleep, max_attempts


# %% course={"kind": "test", "points": 1}
api, clock = RateLimitedApi(), FakeClock()
client = ApiClient("https://api.test", "t0ken", transport=httpx.MockTransport(api), sleep=clock.sleep)
got = client.get_json("/models", stage="prod", limit=2)
assert got == {"path": "/models", "params": {"stage": "prod", "limit": "2"}}, f"return the decoded JSON; got {got!r}"
assert api.log == [("/models", "stage=prod&limit=2", "Bearer t0ken")], f"one request with the parameters and the token: {api.log}"

# %% course={"kind": "test", "points": 2}
api, clock = RateLimitedApi((429, "2"), (429, None)), FakeClock()
client = ApiClient("https://api.test", "t", transport=httpx.MockTransport(api), sleep=clock.sleep)
assert client.get_json("/jobs") == {"path": "/jobs", "params": {}}, "after two 429s the third try succeeds"
assert clock.sleeps == [2.0, 1.0], f"wait Retry-After seconds (2), then the default 1; slept {clock.sleeps}"
assert all(type(s) is float for s in clock.sleeps), "sleep for a number of seconds (float), not the header's text"
assert len(api.log) == 3

# %% course={"kind": "test", "points": 2}
api, clock = RateLimitedApi((429, "5"), (429, "5"), (429, "5")), FakeClock()
client = ApiClient("https://api.test", "t", transport=httpx.MockTransport(api), sleep=clock.sleep)
try:
    client.get_json("/jobs")
except ApiError as err:
    assert err.status == 429, err.status
else:
    raise AssertionError("still 429 on the last of 3 tries: raise ApiError(429, ...)")
assert len(api.log) == 3 and clock.sleeps == [5.0, 5.0], f"3 tries, 2 waits; {len(api.log)} tries, waits {clock.sleeps}"
### BEGIN HIDDEN TESTS
api, clock = RateLimitedApi((429, "0.5")), FakeClock()
client = ApiClient("https://api.test", "t", transport=httpx.MockTransport(api), sleep=clock.sleep, max_attempts=1)
try:
    client.get_json("/jobs")
except ApiError as err:
    assert err.status == 429
else:
    raise AssertionError("max_attempts=1: no retry")
assert clock.sleeps == [] and len(api.log) == 1
api, clock = RateLimitedApi((429, "0.5")), FakeClock()
client = ApiClient("https://api.test", "t", transport=httpx.MockTransport(api), sleep=clock.sleep, max_attempts=2)
assert client.get_json("/jobs") == {"path": "/jobs", "params": {}} and clock.sleeps == [0.5]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for status in (400, 401, 404, 500, 503):
    api, clock = RateLimitedApi((status, "1")), FakeClock()
    client = ApiClient("https://api.test", "t", transport=httpx.MockTransport(api), sleep=clock.sleep)
    try:
        client.get_json("/x")
    except ApiError as err:
        assert (err.status, err.text) == (status, f"status {status}"), (err.status, err.text)
    else:
        raise AssertionError(f"{status} must raise ApiError")
    assert len(api.log) == 1 and clock.sleeps == [], f"{status} is not retried here"
### BEGIN HIDDEN TESTS
api, clock = RateLimitedApi((201, None)), FakeClock()
client = ApiClient("https://api.test", "t", transport=httpx.MockTransport(api), sleep=clock.sleep)
try:
    client.get_json("/x")
except ApiError:
    raise AssertionError("201 is a success") from None
except json.JSONDecodeError:
    pass  # our fake 201 has a text body: decoding it is what a success does
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignores-retry-after"}
class ApiClient(ApiClientBase):
    def get_json(self, path, **params):
        for attempt in range(1, self.max_attempts + 1):
            response = self.http.get(path, params=params)
            if response.status_code == 429 and attempt < self.max_attempts:
                self.sleep(1.0)  # a fixed wait, whatever the server asked for
                continue
            if response.is_error:
                raise ApiError(response.status_code, response.text)
            return response.json()

# %% course={"kind": "wrong", "id": "raise-for-status"}
class ApiClient(ApiClientBase):
    def get_json(self, path, **params):
        response = self.http.get(path, params=params)
        response.raise_for_status()  # the caller gets httpx's error, and a 429 is never waited out
        return response.json()

# %% course={"kind": "wrong", "id": "header-text-to-sleep"}
class ApiClient(ApiClientBase):
    def get_json(self, path, **params):
        for attempt in range(1, self.max_attempts + 1):
            response = self.http.get(path, params=params)
            if response.status_code == 429 and attempt < self.max_attempts:
                self.sleep(response.headers.get("Retry-After", 1))  # the header's text, not a number
                continue
            if response.is_error:
                raise ApiError(response.status_code, response.text)
            return response.json()

# %% [markdown] course={"kind": "task", "id": "api-client-library", "points": 3, "item": "project-11-2-1"}
# ### Project 11.2.1: the whole API client library
#
# Grow `ApiClient` into a small library you would use at work: a package with `ApiClient` and its
# errors; authentication by bearer token, Basic auth or an API-key header (chosen by a parameter);
# retries with exponential backoff and jitter for 502/503/504 and transport errors (your `get_with_retries`),
# `Retry-After` for 429 (above); pagination with `Link` headers (your `iter_items`); timeouts on every
# request; `post_json`/`put_json`/`delete`; and tests that run it against `httpx.MockTransport` **and**
# once against a real local server. Write a README with one example per feature.

# %% [markdown] course={"kind": "rubric"}
# - (1) Auth strategies are interchangeable objects or `httpx.Auth` subclasses, not `if` chains in every
#   method; secrets never appear in `repr()` or logs.
# - (1) Retries only for idempotent methods (GET, PUT, DELETE) unless the caller opts in; the backoff has
#   jitter and a ceiling; `Retry-After` is honoured; sleeping is injectable, so tests never wait.
# - (1) Tests cover success, each error class, the 429 path, pagination end and loops, with a transport
#   double, plus one real local server; timeouts are set on the client.

# %% [markdown] course={"kind": "exercise", "id": "proxy", "item": "project-11-2-2"}
# ### Project core: a forwarding HTTP proxy that logs and blocks
#
# A client that uses a proxy sends it the **full URL** in the request line:
# `GET http://127.0.0.1:8000/models?x=1 HTTP/1.1`. Write `ProxyHandler.do_GET` so that the proxy:
#
# - answers **403** (any body) without contacting anyone when the URL's host name is in
#   `self.server.blocked` (a set of host names);
# - otherwise forwards the request to that host and port with `http.client` (target: path and query
#   only, e.g. `/models?x=1`; port 80 when the URL has none; a 10-second timeout), passing on the client's headers **except**
#   hop-by-hop ones (`HOP_BY_HOP`, which includes `Proxy-Authorization`: the proxy's password must never
#   reach the server), and relays the upstream's status, body and headers (except those in
#   `NOT_RELAYED`, which `send_body` and `send_response` write themselves) to the client with
#   `self.send_body(status, body, content_type, headers)`;
# - answers **502 Bad Gateway** when the upstream cannot be reached (`OSError`);
# - appends `(method, url, status)` to `self.server.log` for every request, blocked and failed ones too.
#
# ```python
# with local_server(ProxyHandler, blocked={"ads.example"}, log=[]) as proxy: ...
# # http.client.HTTPConnection(*proxy.server_address).request("GET", "http://127.0.0.1:8000/models")
# ```

# %% [markdown] course={"kind": "hint"}
# `urlsplit(self.path)` gives `.hostname`, `.port`, `.path` and `.query`. Log and answer in one place
# for all three outcomes (blocked, forwarded, unreachable).

# %% [markdown] course={"kind": "hint"}
# `conn = http.client.HTTPConnection(host, port, timeout=10)`, `conn.request("GET", target,
# headers=kept)`, `upstream = conn.getresponse()`, `body = upstream.read()`, `conn.close()`.
# `upstream.getheaders()` lists `(name, value)` pairs; compare names with `.lower()`.

# %% course={"kind": "solution"}
class ProxyHandler(QuietHandler):
    def do_GET(self) -> None:
        ### BEGIN SOLUTION
        url = urlsplit(self.path)
        if url.hostname in self.server.blocked:
            self.server.log.append(("GET", self.path, 403))
            self.send_body(403, b"blocked by the proxy\n")
            return
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        kept = {name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        try:
            conn.request("GET", target, headers=kept)
            upstream = conn.getresponse()
            body = upstream.read()
        except OSError:
            self.server.log.append(("GET", self.path, 502))
            self.send_body(502, b"upstream unreachable\n")
            return
        finally:
            conn.close()
        self.server.log.append(("GET", self.path, upstream.status))
        relayed = {name: value for name, value in upstream.getheaders() if name.lower() not in NOT_RELAYED}
        self.send_body(upstream.status, body, upstream.getheader("Content-Type", "application/octet-stream"), relayed)
        ### END SOLUTION

# %% course={"kind": "setup", "id": "proxy-helpers"}
# recording_connections(fail=None): for one block http.client.HTTPConnection is a RecordingConnection,
# which notes (host, port, timeout) per connect in `connects` and counts `closes`; with `fail` (an OSError
# class) every connect raises it, as a closed port or a silent host does. REAL_HTTP_CONNECTION: the real one.
from course.runtime.httpfakes import REAL_HTTP_CONNECTION, RecordingConnection, recording_connections

# Headers that describe one connection, not the message: a proxy never passes them on (RFC 9110, 7.6.1).
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
                        "te", "trailer", "transfer-encoding", "upgrade"})
# Headers of the upstream's answer that the proxy's own send_response/send_body write themselves.
NOT_RELAYED = HOP_BY_HOP | {"content-length", "content-type", "date", "server"}


class UpstreamHandler(EchoHandler):
    """The server behind the proxy: echoes what it got (EchoHandler) with extra headers, or a 404."""

    def do_GET(self) -> None:
        if self.path.startswith("/missing"):
            self.server.seen.append((self.client_address[1], self.command, self.path))  # type: ignore[attr-defined]
            self.send_body(404, b"no such thing\n", headers={"X-Upstream": "yes"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.server.seen.append((self.client_address[1], self.command, self.path))  # type: ignore[attr-defined]
        report = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
        self.send_body(200, json.dumps(report).encode(), "application/json",
                       {"X-Upstream": "yes", "Cache-Control": "max-age=5", "Keep-Alive": "timeout=5"})


def via_proxy(proxy: ThreadingHTTPServer, url: str, headers: Mapping[str, str] | None = None) -> http.client.HTTPResponse:
    """GET `url` through the proxy, as a client configured with that proxy does; the body is read."""
    conn = REAL_HTTP_CONNECTION(*proxy.server_address[:2], timeout=10)
    conn.request("GET", url, headers=dict(headers or {}))
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response

# %% course={"kind": "test", "points": 2}
with local_server(UpstreamHandler, seen=[]) as upstream, local_server(ProxyHandler, blocked=set(), log=[]) as proxy:
    url = f"{base_url(upstream)}/models?stage=prod"
    response = via_proxy(proxy, url, {"X-Trace": "abc"})
    assert response.status == 200, f"the upstream answered 200; the proxy relayed {response.status}"
    seen = json.loads(response.body)
    assert seen["path"] == "/models?stage=prod", f"forward the path and query only, not the full URL: upstream saw {seen['path']!r}"
    assert seen["headers"].get("x-trace") == "abc", "the client's own headers reach the upstream"
    assert response.getheader("Content-Type") == "application/json" and response.getheader("X-Upstream") == "yes", "relay the upstream's headers"
    assert proxy.log == [("GET", url, 200)], f"one log entry (method, url, status); log: {proxy.log}"

# %% course={"kind": "test", "points": 2}
with local_server(UpstreamHandler, seen=[]) as upstream, local_server(ProxyHandler, blocked=set(), log=[]) as proxy:
    response = via_proxy(proxy, base_url(upstream) + "/", {"Proxy-Authorization": "Basic cHJveHk6cHc=", "X-Keep": "1"})
    seen = json.loads(response.body)
    assert "proxy-authorization" not in seen["headers"], "the proxy's credentials must not be forwarded"
    assert seen["headers"].get("x-keep") == "1"
    assert response.getheader("Keep-Alive") is None, "hop-by-hop headers of the upstream are not relayed"
    assert response.getheader("Cache-Control") == "max-age=5"
    assert len(response.getheaders()) == len({n.lower() for n, _ in response.getheaders()}), f"each header once: {response.getheaders()}"
    missing = via_proxy(proxy, base_url(upstream) + "/missing")
    assert (missing.status, missing.body) == (404, b"no such thing\n"), "an upstream 404 is relayed as it is"
    assert proxy.log[-1] == ("GET", base_url(upstream) + "/missing", 404)

# %% course={"kind": "test", "points": 2}
with local_server(UpstreamHandler, seen=[]) as upstream, local_server(ProxyHandler, blocked={"127.0.0.1"}, log=[]) as proxy:
    url = base_url(upstream) + "/tracker.js"
    response = via_proxy(proxy, url)
    assert response.status == 403, f"a blocked host gets 403, not {response.status}"
    assert upstream.seen == [], "and the upstream is never contacted"
    assert proxy.log == [("GET", url, 403)], f"blocked requests are logged too: {proxy.log}"

# %% course={"kind": "test", "points": 2}
with socket.socket() as reserved, local_server(ProxyHandler, blocked=set(), log=[]) as proxy:
    reserved.bind(("127.0.0.1", 0))  # the port is ours, but nobody listens: connecting is refused at once
    dead_url = f"http://127.0.0.1:{reserved.getsockname()[1]}/x"
    response = via_proxy(proxy, dead_url)
    assert response.status == 502, f"an unreachable upstream is 502 Bad Gateway, not {response.status}"
    assert proxy.log == [("GET", dead_url, 502)]
### BEGIN HIDDEN TESTS
with local_server(ProxyHandler, blocked=set(), log=[]) as proxy, recording_connections(fail=ConnectionRefusedError) as made:
    response = via_proxy(proxy, "http://127.0.0.1/no-port")
    assert made.connects, "open the upstream connection with http.client.HTTPConnection(...) when forwarding (the test watches it)"
    assert response.status == 502 and made.connects == [("127.0.0.1", 80, 10)], f"port 80 when none is given, timeout 10: {made.connects}"
with local_server(ProxyHandler, blocked=set(), log=[]) as proxy, recording_connections(fail=TimeoutError):
    response = via_proxy(proxy, "http://127.0.0.1:9/slow")
    assert response.status == 502 and proxy.log == [("GET", "http://127.0.0.1:9/slow", 502)], "an upstream that times out is a 502 too (any OSError)"
with local_server(UpstreamHandler, seen=[]) as upstream, local_server(ProxyHandler, blocked=set(), log=[]) as proxy:
    with recording_connections() as made:
        assert via_proxy(proxy, base_url(upstream) + "/a").status == 200
        assert via_proxy(proxy, base_url(upstream) + "/missing").status == 404
    assert len(made.connects) == 2 and made.closes >= 2, f"close each upstream connection: {made.closes} closes for {len(made.connects)} connections"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "forwards-full-url"}
class ProxyHandler(QuietHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.hostname in self.server.blocked:
            self.server.log.append(("GET", self.path, 403))
            self.send_body(403, b"blocked\n")
            return
        kept = {n: v for n, v in self.headers.items() if n.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        try:
            conn.request("GET", self.path, headers=kept)  # the absolute URL is for proxies, not origin servers
            upstream = conn.getresponse()
            body = upstream.read()
        except OSError:
            self.server.log.append(("GET", self.path, 502))
            self.send_body(502, b"down\n")
            return
        finally:
            conn.close()
        self.server.log.append(("GET", self.path, upstream.status))
        relayed = {n: v for n, v in upstream.getheaders() if n.lower() not in NOT_RELAYED}
        self.send_body(upstream.status, body, upstream.getheader("Content-Type", "application/octet-stream"), relayed)

# %% course={"kind": "wrong", "id": "forwards-every-header"}
class ProxyHandler(QuietHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.hostname in self.server.blocked:
            self.server.log.append(("GET", self.path, 403))
            self.send_body(403, b"blocked\n")
            return
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        try:
            conn.request("GET", target, headers=dict(self.headers.items()))  # Proxy-Authorization leaks upstream
            upstream = conn.getresponse()
            body = upstream.read()
        except OSError:
            self.server.log.append(("GET", self.path, 502))
            self.send_body(502, b"down\n")
            return
        finally:
            conn.close()
        self.server.log.append(("GET", self.path, upstream.status))
        relayed = {n: v for n, v in upstream.getheaders() if n.lower() not in NOT_RELAYED}
        self.send_body(upstream.status, body, upstream.getheader("Content-Type", "application/octet-stream"), relayed)

# %% course={"kind": "wrong", "id": "no-bad-gateway"}
class ProxyHandler(QuietHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.hostname in self.server.blocked:
            self.server.log.append(("GET", self.path, 403))
            self.send_body(403, b"blocked\n")
            return
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        kept = {n: v for n, v in self.headers.items() if n.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        conn.request("GET", target, headers=kept)  # a refused connection crashes the handler
        upstream = conn.getresponse()
        body = upstream.read()
        conn.close()
        self.server.log.append(("GET", self.path, upstream.status))
        relayed = {n: v for n, v in upstream.getheaders() if n.lower() not in NOT_RELAYED}
        self.send_body(upstream.status, body, upstream.getheader("Content-Type", "application/octet-stream"), relayed)

# %% course={"kind": "wrong", "id": "catches-refused-only", "fails": ["t4"]}
class ProxyHandler(QuietHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.hostname in self.server.blocked:
            self.server.log.append(("GET", self.path, 403))
            self.send_body(403, b"blocked\n")
            return
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        kept = {n: v for n, v in self.headers.items() if n.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        try:
            conn.request("GET", target, headers=kept)
            upstream = conn.getresponse()
            body = upstream.read()
        except ConnectionRefusedError:  # a timeout or a reset still crashes the handler
            self.server.log.append(("GET", self.path, 502))
            self.send_body(502, b"down\n")
            return
        finally:
            conn.close()
        self.server.log.append(("GET", self.path, upstream.status))
        relayed = {n: v for n, v in upstream.getheaders() if n.lower() not in NOT_RELAYED}
        self.send_body(upstream.status, body, upstream.getheader("Content-Type", "application/octet-stream"), relayed)

# %% course={"kind": "wrong", "id": "blocked-not-logged"}
class ProxyHandler(QuietHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.hostname in self.server.blocked:
            self.send_body(403, b"blocked\n")  # the log misses exactly the requests you want to audit
            return
        target = (url.path or "/") + (f"?{url.query}" if url.query else "")
        kept = {n: v for n, v in self.headers.items() if n.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
        try:
            conn.request("GET", target, headers=kept)
            upstream = conn.getresponse()
            body = upstream.read()
        except OSError:
            self.server.log.append(("GET", self.path, 502))
            self.send_body(502, b"down\n")
            return
        finally:
            conn.close()
        self.server.log.append(("GET", self.path, upstream.status))
        relayed = {n: v for n, v in upstream.getheaders() if n.lower() not in NOT_RELAYED}
        self.send_body(upstream.status, body, upstream.getheader("Content-Type", "application/octet-stream"), relayed)

# %% [markdown] course={"kind": "task", "id": "proxy-https", "points": 3, "item": "project-11-2-2"}
# ### Project 11.2.2: the whole proxy, HTTPS included
#
# Extend the proxy: every method (not only GET) with its body; a log line as JSON (time, client, method,
# URL, status, bytes, duration); a blocklist that also matches sub-domains (`*.ads.example`); and
# **HTTPS through `CONNECT`**: the client sends `CONNECT api.example:443 HTTP/1.1`, the proxy opens a TCP
# connection to that host and port, answers `200 Connection Established`, then copies bytes both ways
# until either side closes. The proxy never sees inside the TLS connection: it can block by host name,
# not by path. Test it with `httpx.Client(proxy=...)` against a local HTTPS server whose certificate
# comes from your own CA (the TLS lesson).

# %% [markdown] course={"kind": "rubric"}
# - (1) CONNECT works end to end: the tunnel copies in both directions (two threads or `selectors`), and
#   both sockets are closed when either side closes; the client verifies the *origin's* certificate.
# - (1) Hop-by-hop headers (and `Proxy-Authorization`) are removed in both directions; bodies are
#   relayed with their length; upstream failures become 502/504, never a crashed handler.
# - (1) The log is structured (one JSON object per request), blocked requests are logged, and the tests
#   use only 127.0.0.1 servers started and stopped by the test.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-http-methods-and-when-do"}
# GET reads a resource and HEAD does the same without the body (size, type, ETag only); both are safe
# and idempotent, so caches and retries may repeat them. POST creates something or triggers an action;
# it is neither safe nor idempotent, so a client must not blindly retry it (use an idempotency key when
# it must). PUT replaces a resource with the body sent and DELETE removes it: both are idempotent,
# doing them twice leaves the same state. PATCH changes some fields. OPTIONS asks what is allowed, and
# browsers send it as the CORS preflight. Choosing by these properties, not by habit, is what lets
# proxies, caches and retry logic behave correctly.

# %% [markdown] course={"kind": "answer", "question": "q-what-s-the-difference-between-put-and"}
# PUT sends the **whole** new representation: fields you leave out are gone (or reset), and sending the
# same PUT twice gives the same result, so it is idempotent and safe to retry. PATCH sends only the
# **changes** (a JSON Merge Patch like `{"replicas": 3}`, or a JSON Patch list of operations); the rest
# stays as it was. PATCH is not guaranteed idempotent: an operation such as "append to this list" or
# "increment" changes the result each time. In practice: PUT for "set this config to exactly this",
# PATCH for "scale to 3 replicas" without resending everything (and without overwriting a concurrent
# change to another field; an `If-Match` ETag protects either one).

# %% [markdown] course={"kind": "answer", "question": "q-what-do-common-status-codes-mean"}
# The first digit is the class: 2xx success, 3xx go elsewhere, 4xx the client's request is wrong, 5xx the
# server failed. The ones to know: 200 OK, 201 Created (with `Location`), 204 No Content; 301/308 moved
# for good, 302/307 moved for now, 304 Not Modified (your cached copy is current); 400 bad request, 401
# not authenticated, 403 authenticated but not allowed, 404 not found, 409 conflict, 422 validation
# failed, 429 too many requests (wait `Retry-After`); 500 a bug on the server, 502 the gateway got a bad
# answer from upstream, 503 unavailable or overloaded, 504 the gateway timed out waiting for upstream.
# The operational point: 4xx should not be retried unchanged, 502/503/504 (and 429 after waiting) may be.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-https-work"}
# HTTPS is HTTP sent inside a TLS connection. In the TLS 1.3 handshake the client says which versions
# and ciphers it supports, sends its key share and the host name (SNI); the server answers with its key
# share, so both derive the same session keys, and sends its certificate plus a signature proving it
# owns the certificate's private key. The client validates the certificate: it must chain to a CA the
# client trusts, be within its validity dates, and list the requested host name in its Subject
# Alternative Names. Then all HTTP traffic is encrypted and integrity-protected. Without validation
# (`verify=False`) you still get encryption, but possibly to an attacker; for internal CAs, trust the CA
# (`cafile`, `verify="ca.pem"`) instead.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-http-2-and-what-are-its-benefits"}
# HTTP/2 keeps HTTP's meaning (methods, headers, status codes) but sends it as binary frames. Its
# benefits: multiplexing many requests as streams over one TCP connection, so a slow response no longer
# blocks those behind it at the HTTP level and clients need fewer connections; HPACK header compression,
# which shrinks repeated headers such as cookies and tokens to a few bytes; stream priorities and flow
# control. Server push existed but browsers dropped it. It is what gRPC runs on. Its limit: TCP still
# delivers bytes in order, so one lost packet stalls all streams; HTTP/3 moves the same ideas onto QUIC
# over UDP to fix that.
