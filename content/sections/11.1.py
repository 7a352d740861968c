# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can read an address plan (subnets, routes, DNS records), write TCP
# and UDP clients and servers that survive partial reads, lost datagrams and slow peers, serve many
# connections from one thread with `selectors`, and open TLS connections that really check who is on the other end.

# %% course={"kind": "setup", "id": "net-helpers"}
# Everything in this notebook talks to itself on 127.0.0.1: no test needs a network, a DNS server or
# the machine's resolver settings. Servers bind port 0 (the system picks a free port) and stop when
# their `with` block ends. Helpers from the course package (standard library only):
#   TrickleSocket(pieces)  a stand-in socket whose recv() hands out the pieces one at a time, so code
#                          that assumes "one recv = one message" fails on every machine
#   peer(handle)           a TCP server on 127.0.0.1 running handle(conn) per connection, for one block
#   serving(server)        runs a socketserver server in a thread for one block, then stops and joins it
#   no_leftovers()         fails a block that leaves a thread running; port_closed(addr): nobody listens
#   recv_exactly(sock, n), recv_until_eof(sock), recv_line(sock)
#                          the reading loops of the lesson on sockets; with watching=threads they stop as
#                          soon as those threads (the server) sit still, so a stuck answer fails at once
import ipaddress
import selectors
import socket
import socketserver
import ssl
import tempfile
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from course.runtime.meters import TooMuchWork
from course.runtime.sockets import (
    BUFSIZE,
    GRACE,
    QuietThreadingTCPServer,
    ScriptedUDP,
    TrickleSocket,
    no_leftovers,
    peer,
    port_closed,
    recv_exactly,
    recv_line,
    recv_until_eof,
    serving,
)
from course.runtime.threads import new_threads, wait_until

LOCAL = "127.0.0.1"
# BUFSIZE (65536) is the most one recv() call here asks for: any size works, a few KiB to 64 KiB is usual.
CA_FILE = "data/11.1/ca.pem"  # the course's test CA: it signed server.pem (never trust it anywhere else)
SERVER_PEM = "data/11.1/server.pem"  # certificate + key for "localhost" and 127.0.0.1, signed by ca.pem
ROGUE_PEM = "data/11.1/rogue.pem"  # a certificate for "localhost" signed by a CA nobody trusts


def server_context(pem: str) -> ssl.SSLContext:
    """The TLS context of a test server presenting the certificate (and key) in `pem`."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pem)
    return ctx


# %% course={"kind": "setup", "id": "http-helpers"}
# For the static file server of project 11.1.2: content types by file suffix, and a function that
# builds a complete HTTP/1.1 response (status line, headers, blank line, body).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
}


def http_response(status: int, reason: str, body: bytes, content_type: str) -> bytes:
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


# %% [markdown] course={"kind": "lesson", "id": "layers", "covers": ["c-osi-model-and-tcp-ip-model"]}
# ### Layers: the OSI and TCP/IP models
#
# A network conversation is built in layers, each one using the one below and hiding it from the one
# above. The **OSI model** names seven; the **TCP/IP model** (what the Internet actually runs) folds them into four:
#
# | TCP/IP layer | OSI layers | unit | who addresses what | examples |
# |---|---|---|---|---|
# | Application | 7 application, 6 presentation, 5 session | message | names, URLs, methods | HTTP, DNS, SSH, TLS* |
# | Transport | 4 transport | segment / datagram | **ports** (which program) | TCP, UDP |
# | Internet | 3 network | packet | **IP addresses** (which machine) | IPv4, IPv6, ICMP |
# | Link | 2 data link, 1 physical | frame | MAC addresses (which card on this wire) | Ethernet, Wi-Fi |
#
# \*TLS sits between transport and application; people argue about its layer, and that argument is
# the point of the model: it is a vocabulary, not a law. When you debug, walk the layers bottom-up:
# "is there a route?" (layer 3: ping, `ip route`), "is the port open?" (layer 4: `nc -z`, our port
# scanner below), "does the service answer sensibly?" (layer 7: curl). In Python, the `socket` module
# is the door between your code (application) and the operating system's transport and internet
# layers: you hand it bytes and an address; the kernel adds the TCP and IP headers.
#
# What people get wrong: thinking a layer sees the one above it. TCP carries *bytes*, not your
# messages: where one message ends is the application's problem (see "framing" below).

# %% course={"kind": "demo"}
# One real TCP connection on this machine, seen layer by layer.
with socket.create_server((LOCAL, 0)) as listener:
    client = socket.create_connection(listener.getsockname())
    conn, _ = listener.accept()
    with client, conn:
        client.sendall(b"hello")
        message = recv_exactly(conn, 5)
        (c_ip, c_port), (s_ip, s_port) = client.getsockname(), client.getpeername()
        print(f"application  bytes        {message!r}")
        print(f"transport    TCP ports    {c_port} (client, picked by the OS) -> {s_port} (server)")
        print(f"internet     IP address   {c_ip} -> {s_ip}")
        print("link         loopback     (the kernel never puts these on a wire)")

# %% [markdown] course={"kind": "lesson", "id": "addressing", "covers": ["c-ip-addressing-ipv4-ipv6-subnets"]}
# ### IP addressing: IPv4, IPv6 and subnets
#
# An **IPv4** address is 32 bits written as four bytes (`10.20.0.7`); an **IPv6** address is 128 bits
# written as eight groups of hex, where one run of zero groups may be shortened to `::` (`2001:db8::7`).
# A **subnet** is a block of addresses sharing their first *prefix length* bits: `10.20.0.0/24` is
# every address whose first 24 bits are `10.20.0` (256 addresses). The first address of an IPv4 block
# names the network and the last is its broadcast, so a /24 has 254 usable hosts.
#
# You meet subnets in VPC and Kubernetes pod/service ranges, firewall allow-lists, security groups,
# and routing tables, where a packet follows the **most specific** (longest prefix) route that
# contains its destination. Python's `ipaddress` module does this arithmetic: never do it with
# string prefixes (`"10.1".startswith` also matches `10.10.x.x` and `10.100.x.x`).
#
# What people get wrong: writing a network with host bits set (`10.0.0.7/24`): `ip_network` refuses
# it (`strict=True` by default) because it is usually a typo for an address, not a network.

# %% course={"kind": "demo"}
net = ipaddress.ip_network("10.20.0.0/24")
print(net, "holds", net.num_addresses, "addresses; network", net.network_address, "broadcast", net.broadcast_address)
print("hosts:", sum(1 for _ in net.hosts()), "usable; 10.20.0.200 inside?", ipaddress.ip_address("10.20.0.200") in net)
print("split into /26:", [str(s) for s in net.subnets(new_prefix=26)])
print("private?", {a: ipaddress.ip_address(a).is_private for a in ("10.1.2.3", "172.16.0.1", "8.8.8.8")})
v6 = ipaddress.ip_address("2001:0db8:0000:0000:0000:0000:0000:0007")
print("IPv6:", v6, "=", v6.exploded, "| version", v6.version)
print("IPv4 address in an IPv6 network?", ipaddress.ip_address("10.0.0.1") in ipaddress.ip_network("::/0"))

# %% course={"kind": "demo", "raises": "ValueError"}
ipaddress.ip_network("10.20.0.7/24")  # host bits set: a typo for 10.20.0.0/24, or an address?

# %% [markdown] course={"kind": "lesson", "id": "dns", "covers": ["c-dns", "c-how-dns-works", "c-record-types-a-aaaa-cname-mx-txt", "c-dns-resolution-in-python"]}
# ### DNS: from names to addresses
#
# **How it works.** Your program asks the *stub resolver* (the C library, via `getaddrinfo`). It first
# reads local sources (on Linux `/etc/hosts`, in the order `/etc/nsswitch.conf` gives), then asks a
# *recursive resolver* (the address in `/etc/resolv.conf`: your VPC's resolver, CoreDNS in Kubernetes).
# That resolver walks the tree for you: a root server refers it to the `.com` servers, which refer it
# to the domain's *authoritative* servers, which answer. Every answer carries a **TTL**: how many
# seconds anyone may cache it, which is why a changed record "takes a while".
#
# | record | holds | example |
# |---|---|---|
# | `A` | an IPv4 address | `api.shop.test. 300 A 10.0.0.5` |
# | `AAAA` | an IPv6 address | `api.shop.test. 300 AAAA 2001:db8::5` |
# | `CNAME` | "this name is an alias of that name": follow it | `www.shop.test. CNAME api.shop.test.` |
# | `MX` | mail servers, with a preference (lower first) | `shop.test. MX 10 mail.shop.test.` |
# | `TXT` | free text: domain ownership proofs, SPF, DKIM | `shop.test. TXT "v=spf1 -all"` |
#
# **In Python**, `socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)` is the call to use: it
# goes through the same resolver as every other program on the machine and returns ready-to-use
# `(family, type, proto, canonname, sockaddr)` tuples, IPv4 and IPv6 alike. (Record types other than
# addresses, such as MX and TXT, need a DNS library like `dnspython`; the standard library cannot ask for them.)
#
# What people get wrong: "DNS is down" when it is the *local* part (a stale `/etc/hosts` line, a
# search domain, a cached answer); and forgetting `type=`, which returns one tuple per socket type.
# The demos below use only numeric addresses and `localhost`, so they never leave this machine.

# %% course={"kind": "demo"}
# A numeric host is parsed, not looked up. Without type= you get one entry per socket type.
print(len(socket.getaddrinfo("127.0.0.1", 8080)), "entries without type=;",
      socket.getaddrinfo("127.0.0.1", 8080, type=socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", 8080, type=socket.SOCK_STREAM)[0][4], "(an IPv6 sockaddr has 4 parts)")
# "localhost" comes from this machine's /etc/hosts: the answer may differ on yours (::1 as well, or only).
print(sorted({info[4][0] for info in socket.getaddrinfo("localhost", 8080, type=socket.SOCK_STREAM)}))

# %% [markdown] course={"kind": "lesson", "id": "tcp", "covers": ["c-tcp-ip", "c-connection-oriented-protocol", "c-three-way-handshake", "c-connection-termination", "c-reliability-ordering-flow-control"]}
# ### TCP: a reliable, ordered byte stream between two endpoints
#
# TCP is **connection-oriented**: before any data, the two sides agree to talk with the **three-way
# handshake**: the client sends `SYN` (with its starting sequence number), the server answers
# `SYN-ACK` (its own number, and "I got yours"), the client sends `ACK`. The kernel does all of it:
# `connect()` returns once the handshake is done, even before the server program calls `accept()`
# (the finished connection waits in the listen queue, the *backlog*).
#
# Then TCP gives **reliability** (lost segments are resent until acknowledged), **ordering** (sequence
# numbers put bytes back in order) and **flow control** (the receiver advertises a window: a sender
# whose peer does not read ends up blocked in `sendall`). What it does *not* keep is message
# boundaries: three `send` calls may arrive as one `recv`, one `send` as three.
#
# **Termination** is per direction: each side sends `FIN` when it has nothing more to say
# (`shutdown(SHUT_WR)` or `close()`), and the other side's `recv` then returns `b""`. A half-closed
# connection still carries data the other way. The side that closes first keeps its end of the
# connection in `TIME_WAIT` for a while (60 s on Linux), which is why servers set `SO_REUSEADDR`.

# %% course={"kind": "demo"}
with socket.create_server((LOCAL, 0), backlog=1) as listener:
    client = socket.create_connection(listener.getsockname())  # handshake done: nobody has accepted yet
    print("connected before accept():", client.getpeername())
    client.sendall(b"one,")
    client.sendall(b"two,")
    client.sendall(b"three")  # three sends...
    client.shutdown(socket.SHUT_WR)  # FIN: "I will send nothing more"
    conn, _ = listener.accept()
    with client, conn:
        print("one recv(100) on the server:", conn.recv(100))  # ...usually one read: a stream has no boundaries
        conn.sendall(b"the other direction still works")  # half-closed, not closed
        conn.shutdown(socket.SHUT_WR)
        print("client got:", recv_until_eof(client))

# %% [markdown] course={"kind": "lesson", "id": "udp", "covers": ["c-udp", "c-connectionless-protocol", "c-use-cases"]}
# ### UDP: datagrams, no connection, no promises
#
# UDP is **connectionless**: no handshake, no state; each `sendto` is one **datagram** that arrives
# whole, or not at all. There is no retransmission, no ordering and no flow control: if the
# application needs them, it builds them (a timeout and a retry, a sequence number). In exchange it
# is cheap and fast, and it keeps message boundaries.
#
# **Use cases:** DNS queries (one small question, one small answer, retry on timeout), metrics
# (StatsD: losing a sample is fine), time sync (NTP), video and voice (a late packet is useless
# anyway), service discovery by broadcast, and as the base of QUIC/HTTP/3, which adds its own reliability.
#
# What people get wrong: expecting an error when nobody listens. `sendto` "succeeds" whether or not
# anyone is there; on Linux a *connected* UDP socket may later see `ConnectionRefusedError` from the
# ICMP "port unreachable" message, an unconnected one sees nothing: your code waits for a reply that
# never comes, so a UDP client *always* needs a timeout.

# %% course={"kind": "demo"}
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server, \
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
    server.bind((LOCAL, 0))
    server.settimeout(GRACE)  # a UDP reader always needs one (here nothing is lost: it never fires)
    for word in (b"one", b"two", b"three"):
        client.sendto(word, server.getsockname())
    print("three datagrams stay three messages:", [server.recvfrom(1024)[0] for _ in range(3)])
    nobody = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    nobody.bind((LOCAL, 0))
    empty_port = nobody.getsockname()
    nobody.close()
    print("sendto to a port nobody listens on returns", client.sendto(b"anyone?", empty_port), "(bytes 'sent')")

# %% [markdown] course={"kind": "lesson", "id": "ports", "covers": ["c-ports-and-services"]}
# ### Ports and services
#
# An IP address picks the machine; a **port** (0–65535) picks the program on it. A connection is
# identified by four numbers: (client IP, client port, server IP, server port), so one server port
# serves thousands of clients. Ports below 1024 are *well-known* (binding them needs privileges on
# Linux); clients get an *ephemeral* port from the kernel (on Linux 32768–60999 by default).
#
# | port | service | | port | service |
# |---|---|---|---|---|
# | 22 | SSH | | 443 | HTTPS |
# | 25 | SMTP | | 5432 | PostgreSQL |
# | 53 | DNS (UDP and TCP) | | 6379 | Redis |
# | 80 | HTTP | | 8080 | HTTP, alternative |
#
# A port number is a convention, not a guarantee: anything may listen on 8080; a scanner that wants
# to know *what* listens reads the service's greeting (its *banner*). In tests and notebooks, bind
# **port 0**: the kernel picks a free one, so two runs never fight over a port.
#
# What people get wrong: "Address already in use" is about the *(address, port)* pair: a second
# program cannot bind the same pair, but 127.0.0.1:8000 and 0.0.0.0:8000 also clash, because 0.0.0.0 means "every address here".

# %% course={"kind": "demo"}
with socket.create_server((LOCAL, 0)) as first:
    port = first.getsockname()[1]
    print("the kernel picked port", port)
    try:
        socket.create_server((LOCAL, port))
    except OSError as err:
        print("second bind:", type(err).__name__, err.strerror)

# %% [markdown] course={"kind": "lesson", "id": "sockets", "covers": ["c-socket-programming", "c-socket-module", "c-creating-tcp-sockets", "c-creating-udp-sockets", "c-bind-listen-accept-connect", "c-send-recv-sendall", "c-socket-options", "c-non-blocking-sockets"]}
# ### Socket programming with the `socket` module
#
# A socket is the program's end of a conversation. `socket.socket(AF_INET, SOCK_STREAM)` makes a TCP
# socket, `SOCK_DGRAM` a UDP one (`AF_INET6` for IPv6). A **server** calls `bind((host, port))`,
# `listen()`, then `accept()` in a loop, which returns a *new* socket per client; a **client** calls
# `connect((host, port))`. The shortcuts `socket.create_server(addr)` (socket, bind, listen) and
# `socket.create_connection(addr, timeout=...)` (socket, connect, trying every address `getaddrinfo` returns) do these steps for you.
#
# Sending and receiving: `send(data)` may send only part and returns how many bytes it took;
# `sendall(data)` loops until everything is sent. `recv(n)` returns *at most* n bytes: whatever has
# arrived, maybe one byte of your message, maybe three messages. It returns `b""` only when the
# peer has closed its side. So every reader loops and *frames* its messages: a length prefix, a
# delimiter such as `b"\n"`, or "read until the peer closes".
#
# **Socket options** (`setsockopt`): `SO_REUSEADDR` lets a restarted server bind its port while old
# connections sit in `TIME_WAIT` (`create_server` sets it for you on Linux); `TCP_NODELAY` sends small
# writes at once; `SO_KEEPALIVE` probes idle peers. **Timeouts**: `settimeout(s)` makes a blocking
# call raise `TimeoutError` (Python 3.10+; `socket.timeout` before) after s seconds. **Non-blocking**
# sockets (`setblocking(False)`) never wait: a call that would wait raises `BlockingIOError`, which
# is how one thread handles many sockets (next lesson).
#
# What people get wrong: one `recv` per message (works on your laptop, breaks under load or with
# larger messages), and no timeout (one silent peer blocks the program for ever).

# %% course={"kind": "demo"}
def restart(port: int, reuse: bool) -> str:
    """Bind `port` again right after a server on it closed a connection first (leaving TIME_WAIT)."""
    with socket.socket() as s:
        if reuse:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((LOCAL, port))
        except OSError as err:
            return f"{type(err).__name__}: {err.strerror}"
        return "bound"


with socket.create_server((LOCAL, 0)) as old:
    port = old.getsockname()[1]
    client = socket.create_connection((LOCAL, port))
    conn, _ = old.accept()
    conn.close()  # the server side closes first: its end of the connection waits in TIME_WAIT
    client.close()
print("without SO_REUSEADDR:", restart(port, reuse=False))
print("with SO_REUSEADDR:   ", restart(port, reuse=True))

# %% course={"kind": "demo"}
a, b = socket.socketpair()  # two connected sockets: handy for experiments
with a, b:
    a.setblocking(False)
    try:
        a.recv(100)
    except BlockingIOError:
        print("non-blocking recv with nothing to read: BlockingIOError (no waiting)")
    b.settimeout(0.05)
    try:
        b.recv(100)
    except TimeoutError:
        print("recv with a timeout and a silent peer: TimeoutError")
    a.sendall(b"x" * 5000)
    print("recv(65536) returned", len(b.recv(65536)), "bytes: at most what has arrived, never more than asked")

# %% [markdown] course={"kind": "lesson", "id": "selectors", "covers": ["c-selectors-module", "c-i-o-multiplexing", "c-handling-multiple-connections"]}
# ### Many connections, one thread: `selectors`
#
# A blocking server serves one client at a time: while it waits in `recv` for a quiet client, the
# others wait. Three ways out: a thread per connection (`socketserver.ThreadingTCPServer`: simple,
# a few thousand connections at most), `asyncio` (section 10), or **I/O multiplexing**: ask the
# operating system "which of these sockets can I read or write *without waiting*?" and handle only
# those. That question is `select`/`poll`/`epoll`/`kqueue`; the `selectors` module picks the best one
# (`DefaultSelector`) and lets you attach data (a callback, a buffer) to each registered socket.
#
# The loop: `register` the listening socket for reading; `select()` returns the ready keys; a ready
# listener means `accept()` will not block (register the new socket too); a ready client socket means
# `recv` will not block: read what is there, keep partial messages in a per-connection buffer,
# answer complete ones; `b""` means the client left: `unregister` and close. asyncio's event loop is
# exactly this loop with callbacks, hidden.
#
# What people get wrong: calling a blocking operation inside the loop (one `sendall` to a slow client,
# one `recv` to "finish the message") freezes every other connection.

# %% course={"kind": "demo"}
# A one-thread echo server with two clients. We drive the loop by hand, one select() at a time.
sel = selectors.DefaultSelector()
listener = socket.create_server((LOCAL, 0))
listener.setblocking(False)
sel.register(listener, selectors.EVENT_READ, data="listener")
clients = [socket.create_connection(listener.getsockname()) for _ in range(2)]
clients[1].sendall(b"second client first\n")
clients[0].sendall(b"then the first\n")
answered = 0
while answered < 2:
    for key, _ in sel.select(timeout=GRACE):
        if key.data == "listener":
            conn, addr = listener.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, data=f"client {addr[1]}")
            print("accepted", addr)
        else:
            data = key.fileobj.recv(1024)
            key.fileobj.sendall(data)  # fine for a demo; a real server buffers output for slow readers
            answered += 1
            print(key.data, "sent", data)
print([recv_line(c) for c in clients])
for key in list(sel.get_map().values()):
    sel.unregister(key.fileobj)
    key.fileobj.close()
sel.close()
for c in clients:
    c.close()

# %% [markdown] course={"kind": "lesson", "id": "tls", "covers": ["c-ssl-tls", "c-ssl-module", "c-certificate-verification", "c-creating-secure-connections"]}
# ### TLS with the `ssl` module
#
# TLS wraps a TCP connection so that nobody in between can read or change the bytes, and so that the
# client knows *who* it talks to. During the TLS handshake the server presents a **certificate**: its
# public key and names, signed by a certificate authority (CA). The client **verifies** two things:
# the signature chain ends at a CA it trusts, *and* the name it dialled (`server_hostname`) is among
# the certificate's names. Skip either and encryption buys nothing: you have a private line to whoever
# answered, attacker included.
#
# In Python: `ssl.create_default_context()` makes a client context that checks both
# (`verify_mode == CERT_REQUIRED`, `check_hostname is True`, TLS 1.2 or newer) against the system's
# CAs; `cafile=` trusts a private CA instead (your company's internal CA, or this notebook's). Then
# `ctx.wrap_socket(sock, server_hostname="api.internal")` runs the handshake. A server context
# (`PROTOCOL_TLS_SERVER`) loads its certificate and key with `load_cert_chain`.
#
# What people get wrong: "fixing" `CERTIFICATE_VERIFY_FAILED` with `check_hostname = False` and
# `CERT_NONE`. The fix is to trust the right CA (`cafile=`), or to dial the name the certificate carries.
# The certificates used here are in `data/11.1/`: a test CA, a server certificate for `localhost` and
# 127.0.0.1 signed by it, and a "rogue" certificate for `localhost` signed by a CA nobody trusts.

# %% course={"kind": "demo"}
def tls_greeter(conn: socket.socket, pem: str = SERVER_PEM) -> None:
    with server_context(pem).wrap_socket(conn, server_side=True) as tls:
        tls.sendall(f"hello over {tls.version()}\n".encode())


client_ctx = ssl.create_default_context(cafile=CA_FILE)
print("client checks:", client_ctx.verify_mode.name, "check_hostname =", client_ctx.check_hostname,
      "minimum", client_ctx.minimum_version.name)
with peer(tls_greeter) as server:
    with socket.create_connection(server.address) as raw, \
            client_ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        print(recv_line(tls), "| server certificate for", dict(x[0] for x in tls.getpeercert()["subject"])["commonName"])
with peer(lambda conn: tls_greeter(conn, ROGUE_PEM)) as server:
    with socket.create_connection(server.address) as raw:
        try:
            client_ctx.wrap_socket(raw, server_hostname="localhost")
        except ssl.SSLCertVerificationError as err:
            print("rogue server refused:", err.verify_message)

# %% [markdown] course={"kind": "exercise", "id": "longest-prefix"}
# ### Pick the route: longest prefix match
#
# A routing table maps networks (CIDR strings) to where packets go next. Write
# `route(address, table)` that returns the next hop of the **most specific** network containing
# `address` (the one with the longest prefix), or `None` when no network contains it. IPv4 and
# IPv6 entries may share a table; an address only matches networks of its own version. An invalid
# address, or a table entry with host bits set (`"10.0.0.1/8"`, almost always a typo), raises `ValueError`.
# If one network is listed twice, written differently (`"2001:db8::/32"` and `"2001:DB8::/32"`), the first one
# listed wins. Do not change `table`.
#
# ```python
# table = {"0.0.0.0/0": "internet", "10.0.0.0/8": "vpc", "10.1.0.0/16": "peering"}
# route("10.1.2.3", table)   # 'peering'  (/16 beats /8 and /0)
# ```

# %% [markdown] course={"kind": "hint"}
# `ipaddress.ip_address(address) in ipaddress.ip_network(cidr)` tells whether a network contains the
# address (and is simply `False` across versions). Keep the best match so far and its prefix length.

# %% [markdown] course={"kind": "hint"}
# The order of the table says nothing: a default route (`/0`) listed first must not win over a /24.
# `net.prefixlen` is the length to compare; `ip_network` is strict by default, which gives you the `ValueError`.

# %% course={"kind": "solution"}
def route(address: str, table: dict[str, str]) -> str | None:
    ### BEGIN SOLUTION
    ip = ipaddress.ip_address(address)
    best: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    hop = None
    for cidr, next_hop in table.items():
        net = ipaddress.ip_network(cidr)
        if ip in net and (best is None or net.prefixlen > best.prefixlen):
            best, hop = net, next_hop
    return hop
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
TABLE = {"0.0.0.0/0": "internet", "10.0.0.0/8": "vpc", "10.1.0.0/16": "peering"}
assert route("10.1.2.3", TABLE) == "peering", "10.1.2.3 is in all three networks: the /16 is the most specific"
assert route("10.9.0.1", TABLE) == "vpc", "10.9.0.1 is in 10.0.0.0/8 and the default route: the /8 wins"

# %% course={"kind": "test", "points": 2}
REVERSED = {"10.1.0.0/16": "peering", "10.0.0.0/8": "vpc", "0.0.0.0/0": "internet"}
assert route("10.1.2.3", REVERSED) == "peering" and route("192.0.2.1", REVERSED) == "internet", (
    "the order of the table must not matter: the longest prefix wins, and /0 catches everything else"
)
### BEGIN HIDDEN TESTS
EDGES = {"10.0.0.0/24": "lan", "10.0.0.255/32": "host", "10.0.1.0/24": "next-lan"}
assert route("10.0.0.0", EDGES) == "lan", "the network's own first address belongs to it"
assert route("10.0.0.254", EDGES) == "lan", "the address before the /32 host route"
assert route("10.0.0.255", EDGES) == "host", "a /32 host route is the most specific of all"
assert route("10.0.1.0", EDGES) == "next-lan", "the first address after a /24 belongs to the next network"
assert route("10.0.2.0", EDGES) is None, "no network contains 10.0.2.0 (and there is no default route)"
assert route("9.255.255.255", EDGES) is None
assert route("10.0.0.1", {}) is None, "an empty table routes nothing"
ALL = {"10.0.0.0/32": "p32", "0.0.0.0/0": "p0", "10.0.0.0/24": "p24", "10.0.0.0/8": "p8", "10.0.0.0/16": "p16"}
assert route("10.0.0.0", ALL) == "p32" and route("10.0.0.9", ALL) == "p24" and route("11.0.0.0", ALL) == "p0"
assert route("10.0.0.1", {"10.0.0.0/8": ""}) == "", "an empty next-hop name is still a match"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
MIXED = {"::/0": "v6-internet", "2001:db8::/32": "v6-vpc", "0.0.0.0/0": "v4-internet", "10.0.0.0/8": "v4-vpc"}
assert route("2001:db8::7", MIXED) == "v6-vpc", "IPv6 addresses follow IPv6 routes"
assert route("10.2.3.4", MIXED) == "v4-vpc" and route("2001:db9::1", MIXED) == "v6-internet"
### BEGIN HIDDEN TESTS
assert route("::1", {"0.0.0.0/0": "v4"}) is None, "an IPv6 address never matches an IPv4 route"
assert route("10.0.0.1", {"::/0": "v6"}) is None, "an IPv4 address never matches an IPv6 route"
assert route("2001:DB8:0::7", MIXED) == "v6-vpc", "IPv6 addresses may be written in capitals or longhand"
TWICE = {"2001:db8::/32": "first", "2001:DB8:0::/32": "second", "::/0": "default"}
assert route("2001:db8::1", TWICE) == "first", "the same network listed twice: the first one listed wins"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    route("10.0.0.1", {"10.0.0.1/8": "typo"})
except ValueError:
    pass
else:
    raise AssertionError("10.0.0.1/8 has host bits set: raise ValueError, it is a typo in the table")
### BEGIN HIDDEN TESTS
for bad in ("10.0.0.256", "10.0.0", "", "vpc", "10.0.0.1/32"):
    try:
        route(bad, TABLE)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not an IP address: expected ValueError")
before = dict(TABLE)
route("10.1.2.3", TABLE)
assert TABLE == before, "route() must not change the table"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-match"}
def route(address, table):  # the first network that contains the address, in table order
    ip = ipaddress.ip_address(address)
    for cidr, hop in table.items():
        if ip in ipaddress.ip_network(cidr):
            return hop
    return None

# %% course={"kind": "wrong", "id": "not-strict"}
def route(address, table):  # strict=False quietly turns 10.0.0.1/8 into 10.0.0.0/8
    ip = ipaddress.ip_address(address)
    matches = [ipaddress.ip_network(c, strict=False) for c in table if ip in ipaddress.ip_network(c, strict=False)]
    if not matches:
        return None
    best = max(matches, key=lambda n: n.prefixlen)
    return next(hop for c, hop in table.items() if ipaddress.ip_network(c, strict=False) == best)

# %% course={"kind": "wrong", "id": "string-prefix"}
def route(address, table):  # compares text: "10.1" is also the start of "10.10.0.1"
    best, hop = -1, None
    for cidr, next_hop in table.items():
        net, bits = cidr.split("/")
        keep = int(bits) // 8
        prefix = ".".join(net.split(".")[:keep])
        if address.startswith(prefix) and int(bits) > best:
            best, hop = int(bits), next_hop
    return hop

# %% [markdown] course={"kind": "exercise", "id": "parse-hosts", "item": "x-perform-dns-lookups-programmatically"}
# ### Read a hosts file
#
# Before any DNS server is asked, the resolver reads `/etc/hosts`: lines of an address followed by one
# or more names, with `#` starting a comment anywhere. Write `parse_hosts(text)` that returns a dict
# from each name (lower-cased: names are not case-sensitive) to the list of its addresses in file
# order, without duplicates, each address in its canonical form (`str(ipaddress.ip_address(a))`).
# Skip blank and comment-only lines; fields are separated by any spaces or tabs. A line with an
# address but no name, or with a field that is not an IP address where the address belongs, raises
# `ValueError` whose message starts with `line N:` (lines counted from 1).
#
# ```python
# parse_hosts("127.0.0.1 localhost\n10.0.0.5  db  DB.internal  # primary\n")
# # {'localhost': ['127.0.0.1'], 'db': ['10.0.0.5'], 'db.internal': ['10.0.0.5']}
# ```

# %% [markdown] course={"kind": "hint"}
# For each line (`enumerate(text.splitlines(), start=1)`): cut it at the first `#`, then `.split()`
# with no argument (it splits on any run of whitespace and drops the empty pieces).

# %% [markdown] course={"kind": "hint"}
# `ipaddress.ip_address` raises `ValueError` for a bad address: catch it and raise your own with the
# line number (`raise ValueError(f"line {n}: ...") from err`). `dict.setdefault(name, [])` starts each list.

# %% course={"kind": "solution"}
def parse_hosts(text: str) -> dict[str, list[str]]:
    ### BEGIN SOLUTION
    hosts: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.partition("#")[0].split()
        if not fields:
            continue
        try:
            address = str(ipaddress.ip_address(fields[0]))
        except ValueError as err:
            raise ValueError(f"line {number}: {fields[0]!r} is not an IP address") from err
        if len(fields) < 2:
            raise ValueError(f"line {number}: {address} has no host name")
        for name in fields[1:]:
            addresses = hosts.setdefault(name.lower(), [])
            if address not in addresses:
                addresses.append(address)
    return hosts
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert parse_hosts("127.0.0.1 localhost\n10.0.0.5  db  DB.internal  # primary\n") == {
    "localhost": ["127.0.0.1"], "db": ["10.0.0.5"], "db.internal": ["10.0.0.5"]
}, "one entry per name, lower-cased; the comment is not a name"

# %% course={"kind": "test", "points": 2}
SAMPLE = "# a comment line\n\n10.0.0.5\tdb\n   \n10.0.0.6 db   # second address\n::1 localhost ip6-localhost\n127.0.0.1 localhost\n"
assert parse_hosts(SAMPLE) == {
    "db": ["10.0.0.5", "10.0.0.6"], "localhost": ["::1", "127.0.0.1"], "ip6-localhost": ["::1"]
}, "a name on several lines keeps every address, in file order; tabs separate fields too"
### BEGIN HIDDEN TESTS
assert parse_hosts("") == {} and parse_hosts("\n\n# only comments\n   \t\n") == {}, "nothing to read: {}"
assert parse_hosts("10.0.0.1 a\n10.0.0.1 A\n") == {"a": ["10.0.0.1"]}, "the same address twice is listed once"
assert parse_hosts("2001:DB8:0:0::1 v6\n") == {"v6": ["2001:db8::1"]}, "addresses in canonical form"
assert parse_hosts("10.0.0.1 web#comment right after\n") == {"web": ["10.0.0.1"]}, "# starts a comment anywhere"
assert parse_hosts("10.0.0.1 web") == {"web": ["10.0.0.1"]}, "the last line may lack a newline"
result = parse_hosts("10.0.0.2 b\n10.0.0.1 a\n10.0.0.3 b\n")
assert list(result) == ["b", "a"] and result["b"] == ["10.0.0.2", "10.0.0.3"], "names in the order first seen"
assert type(result["b"]) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    parse_hosts("127.0.0.1 localhost\n10.0.0.300 broken\n")
except ValueError as err:
    assert str(err).startswith("line 2:"), f"the message must start with 'line 2:', got {str(err)!r}"
else:
    raise AssertionError("10.0.0.300 is not an address: expected ValueError")
### BEGIN HIDDEN TESTS
for text, line in [("\n\n10.0.0.9\n", 3), ("# x\nweb 10.0.0.1\n", 2), ("10.0.0.1 ok\n10.0.0.2   # no name\n", 2)]:
    try:
        parse_hosts(text)
    except ValueError as err:
        assert str(err).startswith(f"line {line}:"), (text, str(err))
    else:
        raise AssertionError(f"{text!r}: expected ValueError for line {line}")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-on-space"}
def parse_hosts(text):  # split(" ") keeps empty fields and tabs
    hosts = {}
    for n, line in enumerate(text.splitlines(), start=1):
        fields = line.partition("#")[0].strip().split(" ")
        if fields == [""]:
            continue
        try:
            address = str(ipaddress.ip_address(fields[0]))
        except ValueError as err:
            raise ValueError(f"line {n}: bad address") from err
        if len(fields) < 2:
            raise ValueError(f"line {n}: no name")
        for name in fields[1:]:
            hosts.setdefault(name.lower(), [])
            if address not in hosts[name.lower()]:
                hosts[name.lower()].append(address)
    return hosts

# %% course={"kind": "wrong", "id": "last-line-wins"}
def parse_hosts(text):  # a later line replaces the earlier addresses of a name
    hosts = {}
    for n, line in enumerate(text.splitlines(), start=1):
        fields = line.partition("#")[0].split()
        if not fields:
            continue
        try:
            address = str(ipaddress.ip_address(fields[0]))
        except ValueError as err:
            raise ValueError(f"line {n}: bad address") from err
        if len(fields) < 2:
            raise ValueError(f"line {n}: no name")
        for name in fields[1:]:
            hosts[name.lower()] = [address]
    return hosts

# %% course={"kind": "wrong", "id": "case-kept"}
def parse_hosts(text):  # keeps DB.internal and db.internal apart, and the address as written
    hosts = {}
    for n, line in enumerate(text.splitlines(), start=1):
        fields = line.partition("#")[0].split()
        if not fields:
            continue
        try:
            ipaddress.ip_address(fields[0])
        except ValueError as err:
            raise ValueError(f"line {n}: bad address") from err
        if len(fields) < 2:
            raise ValueError(f"line {n}: no name")
        for name in fields[1:]:
            if fields[0] not in hosts.setdefault(name, []):
                hosts[name].append(fields[0])
    return hosts

# %% [markdown] course={"kind": "exercise", "id": "follow-cname", "item": "x-perform-dns-lookups-programmatically", "timeout": 10}
# ### Answer a query from a zone, following CNAMEs
#
# A tiny authoritative server: the zone is a dict from `(name, type)` to a list of values, names
# lower-case and without the final dot. Write `resolve(name, rtype, zone)` that answers like a
# resolver does:
#
# - names are not case-sensitive, and `"api.shop.test."` (fully qualified, with the dot) is the same name as `"api.shop.test"`;
# - if the name has a record of the asked type, return a **new** list of its values (the caller may change it; the zone must not change);
# - otherwise, if the name is an alias (`CNAME`), follow it and ask again for the target, as often as needed;
# - a chain longer than 8 aliases, or one that comes back to a name already seen, raises `LookupError`;
# - no record at all: return `[]`.
#
# ```python
# zone = {("www.shop.test", "CNAME"): ["api.shop.test"], ("api.shop.test", "A"): ["10.0.0.5", "10.0.0.6"]}
# resolve("WWW.shop.test.", "A", zone)   # ['10.0.0.5', '10.0.0.6']
# ```
# Asking for `CNAME` itself returns the alias's target without following it.

# %% [markdown] course={"kind": "hint"}
# Normalise first: `name.lower().rstrip(".")`. Then loop: look up `(name, rtype)`; if it is there you
# are done; if `(name, "CNAME")` is there, `name` becomes its target (normalised too) and you go round again.

# %% [markdown] course={"kind": "hint"}
# Keep a set of the names you have visited: meeting one again means a loop. Count the hops for the
# limit of 8. `list(values)` makes the copy.

# %% course={"kind": "solution"}
MAX_ALIASES = 8


def resolve(name: str, rtype: str, zone: dict[tuple[str, str], list[str]]) -> list[str]:
    ### BEGIN SOLUTION
    name = name.lower().rstrip(".")
    seen = {name}
    while (name, rtype) not in zone:
        targets = zone.get((name, "CNAME"))
        if not targets:
            return []
        name = targets[0].lower().rstrip(".")
        if name in seen or len(seen) > MAX_ALIASES:
            raise LookupError(f"CNAME loop or chain too long at {name}")
        seen.add(name)
    return list(zone[(name, rtype)])
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ZONE = {
    ("www.shop.test", "CNAME"): ["api.shop.test"],
    ("api.shop.test", "A"): ["10.0.0.5", "10.0.0.6"],
    ("api.shop.test", "AAAA"): ["2001:db8::5"],
    ("shop.test", "MX"): ["10 mail.shop.test"],
    ("shop.test", "TXT"): ["v=spf1 -all"],
}
assert resolve("api.shop.test", "A", ZONE) == ["10.0.0.5", "10.0.0.6"], "a direct answer: the values in zone order"
assert resolve("www.shop.test", "A", ZONE) == ["10.0.0.5", "10.0.0.6"], "www is an alias of api: follow the CNAME"

# %% course={"kind": "test", "points": 1}
assert resolve("WWW.Shop.TEST.", "AAAA", ZONE) == ["2001:db8::5"], "case and the final dot do not change the name"
assert resolve("www.shop.test", "CNAME", ZONE) == ["api.shop.test"], "asking for CNAME returns it, unfollowed"
### BEGIN HIDDEN TESTS
assert resolve("shop.test", "MX", ZONE) == ["10 mail.shop.test"] and resolve("shop.test", "TXT", ZONE) == ["v=spf1 -all"]
assert resolve("nowhere.test", "A", ZONE) == [], "no such name: []"
assert resolve("shop.test", "A", ZONE) == [], "the name exists but has no A record: []"
assert resolve("www.shop.test", "MX", ZONE) == [], "the alias target has no MX: []"
answer = resolve("api.shop.test", "A", ZONE)
assert type(answer) is list
answer.append("10.6.6.6")
assert ZONE[("api.shop.test", "A")] == ["10.0.0.5", "10.0.0.6"], "return a copy: changing the answer must not change the zone"
MIXED_CASE = {("a.test", "CNAME"): ["B.Test."], ("b.test", "A"): ["10.0.0.9"]}
assert resolve("a.test", "A", MIXED_CASE) == ["10.0.0.9"], "a CNAME target is a name too: normalise it"
assert resolve("x.test", "TXT", {("x.test", "TXT"): [""]}) == [""], "an empty TXT value is still an answer"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
CHAIN = {(f"n{i}.test", "CNAME"): [f"n{i + 1}.test"] for i in range(8)}
CHAIN[("n8.test", "A")] = ["10.0.0.8"]
assert resolve("n0.test", "A", CHAIN) == ["10.0.0.8"], "a chain of 8 aliases is allowed"
### BEGIN HIDDEN TESTS
assert resolve("n1.test", "A", CHAIN) == ["10.0.0.8"]
LONG = {(f"n{i}.test", "CNAME"): [f"n{i + 1}.test"] for i in range(9)}
LONG[("n9.test", "A")] = ["10.0.0.9"]
try:
    resolve("n0.test", "A", LONG)
except LookupError:
    pass
else:
    raise AssertionError("9 aliases in a row: expected LookupError")
assert resolve("n1.test", "A", LONG) == ["10.0.0.9"], "from n1 the same chain is 8 aliases long: allowed"
for loop in (
    {("a.test", "CNAME"): ["b.test"], ("b.test", "CNAME"): ["a.test"]},
    {("a.test", "CNAME"): ["a.test."]},
    {("a.test", "CNAME"): ["b.test"], ("b.test", "CNAME"): ["c.test"], ("c.test", "CNAME"): ["B.test"]},
):
    try:
        resolve("a.test", "A", loop)
    except LookupError:
        pass
    else:
        raise AssertionError(f"{loop}: a CNAME loop must raise LookupError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-hop"}
def resolve(name, rtype, zone):  # follows one CNAME, not a chain
    name = name.lower().rstrip(".")
    if (name, rtype) in zone:
        return list(zone[(name, rtype)])
    if (name, "CNAME") in zone:
        target = zone[(name, "CNAME")][0].lower().rstrip(".")
        return list(zone.get((target, rtype), []))
    return []

# %% course={"kind": "wrong", "id": "exact-name"}
def resolve(name, rtype, zone):  # looks names up exactly as written
    seen = {name}
    while (name, rtype) not in zone:
        if (name, "CNAME") not in zone:
            return []
        name = zone[(name, "CNAME")][0]
        if name in seen or len(seen) > 8:
            raise LookupError(name)
        seen.add(name)
    return list(zone[(name, rtype)])

# %% course={"kind": "wrong", "id": "returns-zone-list"}
def resolve(name, rtype, zone):  # hands out the zone's own list
    name = name.lower().rstrip(".")
    seen = {name}
    while (name, rtype) not in zone:
        if (name, "CNAME") not in zone:
            return []
        name = zone[(name, "CNAME")][0].lower().rstrip(".")
        if name in seen or len(seen) > 8:
            raise LookupError(name)
        seen.add(name)
    return zone[(name, rtype)]

# %% [markdown] course={"kind": "exercise", "id": "lookup", "item": "x-perform-dns-lookups-programmatically"}
# ### Ask the system resolver
#
# Write `addresses(host, port)` that asks the machine's resolver with
# `socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)` (the same path `/etc/hosts`, DNS and every
# other program use) and returns the host's addresses as a list of strings, each once, in the order
# the resolver gave them: IPv4 and IPv6 alike (the address is the first item of each entry's `sockaddr`).
# A name the resolver cannot find (`socket.gaierror`) gives `[]`.
#
# ```python
# addresses("127.0.0.1", 443)   # ['127.0.0.1']   (a numeric host is parsed, never looked up)
# addresses("::1", 443)         # ['::1']
# ```
# The tests also put a stand-in for `socket.getaddrinfo` in place, with answers for made-up names, so
# call it as `socket.getaddrinfo(...)`.

# %% [markdown] course={"kind": "hint"}
# Each entry is `(family, type, proto, canonname, sockaddr)`; `sockaddr[0]` is the address, for IPv4
# `(address, port)` and for IPv6 `(address, port, flowinfo, scope_id)`.

# %% [markdown] course={"kind": "hint"}
# Keep the order and drop repeats: append to a list only what is not in it yet (or `dict.fromkeys`).
# `except socket.gaierror: return []` around the call.

# %% course={"kind": "solution"}
def addresses(host: str, port: int) -> list[str]:
    ### BEGIN SOLUTION
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return []
    return list(dict.fromkeys(info[4][0] for info in infos))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert addresses("127.0.0.1", 443) == ["127.0.0.1"], "a numeric IPv4 host is its own address"
assert addresses("::1", 443) == ["::1"], "IPv6 too"

# %% course={"kind": "test", "points": 2}
# A stand-in resolver with made-up names, so the answers are the same on every machine.
V4, V6 = socket.AF_INET, socket.AF_INET6
TCP, UDP = socket.SOCK_STREAM, socket.SOCK_DGRAM
ANSWERS = {
    "api.shop.test": [(V6, "2001:db8::5"), (V4, "10.0.0.5"), (V4, "10.0.0.6")],
    "db.shop.test": [(V4, "10.0.0.9")],
}
looked_up: list[tuple[object, ...]] = []


def fake_getaddrinfo(host: str, port: object, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0) -> list:  # type: ignore[type-arg]
    looked_up.append((host, port, family, type))
    if host not in ANSWERS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    out = []
    for fam, address in ANSWERS[host]:
        sockaddr = (address, port, 0, 0) if fam == V6 else (address, port)
        for kind in [type] if type else [TCP, UDP]:  # without type=: one entry per socket type
            out.append((fam, kind, 6 if kind == TCP else 17, "", sockaddr))
    return out


real_getaddrinfo = socket.getaddrinfo
socket.getaddrinfo = fake_getaddrinfo  # type: ignore[assignment]
try:
    got = addresses("api.shop.test", 443)
    missing = addresses("nowhere.shop.test", 443)
finally:
    socket.getaddrinfo = real_getaddrinfo
assert got == ["2001:db8::5", "10.0.0.5", "10.0.0.6"], f"every address once, in the resolver's order: {got}"
assert missing == [], f"a name the resolver cannot find gives [], not {missing!r}"
### BEGIN HIDDEN TESTS
assert type(got) is list and all(type(a) is str for a in got)
assert looked_up[0] == ("api.shop.test", 443, 0, TCP), f"ask getaddrinfo once, with type=socket.SOCK_STREAM: {looked_up}"
socket.getaddrinfo = fake_getaddrinfo  # type: ignore[assignment]
try:
    assert addresses("db.shop.test", 80) == ["10.0.0.9"]
finally:
    socket.getaddrinfo = real_getaddrinfo
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "every-entry"}
def addresses(host, port):  # no type=, no de-duplication: each address once per socket type
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, port)]
    except socket.gaierror:
        return []

# %% course={"kind": "wrong", "id": "sorted-set"}
def addresses(host, port):  # a set loses the resolver's order (which is the order to try them in)
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})
    except socket.gaierror:
        return []

# %% course={"kind": "wrong", "id": "ipv4-only"}
def addresses(host, port):  # gethostbyname knows IPv4 only, and one address
    try:
        return [socket.gethostbyname(host)]
    except socket.gaierror:
        return []

# %% [markdown] course={"kind": "exercise", "id": "echo-handler", "item": "x-create-a-tcp-echo-server-and-client"}
# ### An echo server with `socketserver`
#
# `socketserver` runs the accept loop for you and calls your handler's `handle()` once per connection,
# with the connected socket in `self.request`. Write `EchoHandler.handle` so that it sends back every
# byte it receives, as soon as it receives it, until the client closes its sending side (`recv`
# returns `b""`); then return (the server closes the socket). Messages may arrive in any pieces.
#
# ```python
# with serving(QuietThreadingTCPServer((LOCAL, 0), EchoHandler)) as server:
#     with socket.create_connection(server.server_address) as c:
#         c.sendall(b"ping"); recv_exactly(c, 4)    # b'ping'
# ```

# %% [markdown] course={"kind": "hint"}
# One `recv` is not one message: loop. `while data := self.request.recv(BUFSIZE): ...` stops at `b""`.

# %% [markdown] course={"kind": "hint"}
# Send back each piece right away with `sendall` (a plain `send` may take only part of it). Do not
# wait for the end before echoing: a client may wait for its first echo before it sends more.

# %% course={"kind": "solution"}
class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        ### BEGIN SOLUTION
        while data := self.request.recv(BUFSIZE):
            self.request.sendall(data)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with no_leftovers(), serving(QuietThreadingTCPServer((LOCAL, 0), EchoHandler)) as server:
    with socket.create_connection(server.server_address, timeout=GRACE) as c:
        c.sendall(b"ping")
        assert recv_exactly(c, 4, watching=server.threads) == b"ping", "the server must send back what it received"

# %% course={"kind": "test", "points": 2}
with no_leftovers(), serving(QuietThreadingTCPServer((LOCAL, 0), EchoHandler)) as server:
    with socket.create_connection(server.server_address, timeout=GRACE) as c:
        for piece in (b"hel", b"lo ", b"wor", b"ld"):  # each piece waits for its echo: no guessing
            c.sendall(piece)
            assert recv_exactly(c, len(piece), watching=server.threads) == piece, (
                f"echo of {piece!r} missing: keep reading after the first recv"
            )
        c.shutdown(socket.SHUT_WR)
        assert recv_until_eof(c, watching=server.threads) == b"", "after the client's EOF the handler returns and the connection closes"
### BEGIN HIDDEN TESTS
    assert port_closed(server.server_address) is False, "still serving inside the block"
assert port_closed(server.server_address), "the server stopped with the block"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
BIG = bytes(range(256)) * 8192  # 2 MiB: far more than one recv returns
with no_leftovers(), serving(QuietThreadingTCPServer((LOCAL, 0), EchoHandler)) as server:
    with socket.create_connection(server.server_address, timeout=GRACE) as c:
        def upload() -> None:
            c.sendall(BIG)
            c.shutdown(socket.SHUT_WR)
        sender = threading.Thread(target=upload)
        sender.start()
        got = recv_until_eof(c, watching=lambda: [*server.threads(), sender])
        sender.join()
    assert got == BIG, f"2 MiB in, {len(got)} bytes back: every byte must come back, in order"
### BEGIN HIDDEN TESTS
    clients = [socket.create_connection(server.server_address, timeout=GRACE) for _ in range(3)]
    try:
        for i, cl in enumerate(reversed(clients)):
            cl.sendall(b"client %d\n" % i)
            assert recv_exactly(cl, 9, watching=server.threads) == b"client %d\n" % i, "each client gets its own echo, whatever the order"
    finally:
        for cl in clients:
            cl.close()
    assert server.errors == [], f"the handler raised: {server.errors}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-recv"}
class EchoHandler(socketserver.BaseRequestHandler):  # one recv = one message, then done
    def handle(self):
        self.request.sendall(self.request.recv(BUFSIZE))

# %% course={"kind": "wrong", "id": "echo-at-eof"}
class EchoHandler(socketserver.BaseRequestHandler):  # collects everything, echoes at the end
    def handle(self):
        data = b""
        while chunk := self.request.recv(BUFSIZE):
            data += chunk
        self.request.sendall(data)

# %% course={"kind": "wrong", "id": "stops-on-short-read"}
class EchoHandler(socketserver.BaseRequestHandler):  # a short read is taken for the end
    def handle(self):
        while True:
            data = self.request.recv(4096)
            self.request.sendall(data)
            if len(data) < 4096:
                return

# %% [markdown] course={"kind": "exercise", "id": "echo-client", "item": "x-create-a-tcp-echo-server-and-client"}
# ### The echo client: send, half-close, read to the end
#
# Write `echo(address, payload, timeout=5.0)` that connects to an echo server at `address` (a
# `(host, port)` pair) with `socket.create_connection(address, timeout=timeout)`, sends the whole
# `payload`, tells the server it has finished sending (`shutdown(socket.SHUT_WR)`), reads everything
# the server sends back until it closes, closes the socket and returns the bytes.
# The server used here is fussier than ours: it answers only after your end-of-data, in several pieces.
#
# ```python
# echo(server_address, b"hello")   # b'hello'
# ```

# %% [markdown] course={"kind": "hint"}
# Without the `shutdown`, the server never sees `b""` and never answers: both sides wait for ever
# (the test server notices that both sides wait and hangs up, so you get `b""` back; a real one waits
# until your timeout raises `TimeoutError`).

# %% [markdown] course={"kind": "hint"}
# Read in a loop, collecting pieces, until `recv` returns `b""`; `with socket.create_connection(...) as s:` closes it for you.

# %% course={"kind": "solution"}
def echo(address: tuple[str, int], payload: bytes, timeout: float = 5.0) -> bytes:
    ### BEGIN SOLUTION
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        parts = []
        while chunk := sock.recv(BUFSIZE):
            parts.append(chunk)
    return b"".join(parts)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def fussy_echo(conn: socket.socket) -> None:
    # Reads until the client's EOF, then answers in three pieces, then closes.
    data = recv_until_eof(conn)
    third = len(data) // 3
    for piece in (data[:third], data[third : 2 * third], data[2 * third :]):
        conn.sendall(piece)


with no_leftovers(), peer(fussy_echo) as server:
    assert echo(server.address, b"hello", timeout=GRACE) == b"hello", "echo() must return what the server sent back"

# %% course={"kind": "test", "points": 2}
PAYLOAD = b"0123456789abcdef" * 262144  # 4 MiB
with no_leftovers(), peer(fussy_echo) as server:
    back = echo(server.address, PAYLOAD, timeout=GRACE)
    assert type(back) is bytes and back == PAYLOAD, f"sent 4 MiB, got {len(back)} bytes: read until the server closes"
### BEGIN HIDDEN TESTS
    assert echo(server.address, b"", timeout=GRACE) == b"", "an empty payload comes back empty"
    assert echo(server.address, b"\x00", timeout=GRACE) == b"\x00"
    assert echo(server.address, "zoë ✓".encode(), timeout=GRACE) == "zoë ✓".encode()
assert server.errors == [], f"the server side failed: {server.errors}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# A stand-in socket whose recv() returns the reply in four pieces, on every machine.
fake = TrickleSocket([b"hel", b"lo", b" wor", b"ld"])
dialled: list[tuple[object, ...]] = []
real_create = socket.create_connection


def fake_connect(*args: object, **kwargs: object) -> TrickleSocket:
    dialled.append((*args, *kwargs.values()))
    return fake


socket.create_connection = fake_connect  # type: ignore[assignment]
try:
    back = echo(("192.0.2.1", 7), b"hello world", timeout=1.5)
finally:
    socket.create_connection = real_create
assert back == b"hello world", f"the reply came in 4 pieces, you returned {back!r}: loop until recv returns b''"
### BEGIN HIDDEN TESTS
assert dialled == [(("192.0.2.1", 7), 1.5)], f"connect once, with the timeout you were given: {dialled}"
assert fake.sent == b"hello world", "send the whole payload"
assert fake.shut_down == [socket.SHUT_WR], "half-close with shutdown(socket.SHUT_WR) after sending"
assert fake.closed, "echo() must close its socket before returning"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-half-close"}
def echo(address, payload, timeout=5.0):  # never says "I am done": the server waits for ever
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(payload)
        data = b""
        while chunk := sock.recv(BUFSIZE):
            data += chunk
    return data

# %% course={"kind": "wrong", "id": "single-recv"}
def echo(address, payload, timeout=5.0):  # the first piece only
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        return sock.recv(len(payload) or 1)

# %% course={"kind": "wrong", "id": "left-open"}
def echo(address, payload, timeout=5.0):  # the socket is never closed
    sock = socket.create_connection(address, timeout=timeout)
    sock.sendall(payload)
    sock.shutdown(socket.SHUT_WR)
    data = b""
    while chunk := sock.recv(BUFSIZE):
        data += chunk
    return data

# %% [markdown] course={"kind": "exercise", "id": "read-lines"}
# ### Framing: lines out of a byte stream
#
# TCP delivers bytes, so a line protocol must *frame* them: keep what has arrived in a buffer and cut
# complete lines out of it. Write a generator `read_lines(sock, max_line=65536)` that yields each line
# the peer sends, as `bytes` without its `b"\n"` (and without one `b"\r"` just before it, for clients
# that send `\r\n`), as soon as the line is complete: it must not read further before yielding it.
# When the peer closes (`recv` returns `b""`): stop if the buffer is empty; raise `ConnectionError` if
# a partial line is left (the message was cut off). A line longer than `max_line` bytes (not counting
# its line ending) raises `ValueError` as soon as you know, without reading the rest.
#
# ```python
# list(read_lines(TrickleSocket([b"he", b"llo\nwor", b"ld\r\n"])))   # [b'hello', b'world']
# ```
# (`TrickleSocket(pieces)` behaves like a connected socket whose `recv` returns these pieces one by one.)

# %% [markdown] course={"kind": "hint"}
# Keep a `buffer = b""`. Loop: while it holds a `b"\n"`, cut off the first line
# (`line, _, buffer = buffer.partition(b"\n")`) and yield it; otherwise `recv` more and append it.

# %% [markdown] course={"kind": "hint"}
# One `recv` may hold several lines, or none, or the last half of one and the first half of the next.
# The length check belongs where you `recv`: a buffer that is already longer than `max_line` with no newline in it will never hold a valid line.

# %% course={"kind": "solution"}
def read_lines(sock: socket.socket, max_line: int = 65536) -> Iterator[bytes]:
    ### BEGIN SOLUTION
    buffer = b""
    while True:
        while b"\n" in buffer:
            line, _, buffer = buffer.partition(b"\n")
            line = line.removesuffix(b"\r")
            if len(line) > max_line:
                raise ValueError(f"line longer than {max_line} bytes")
            yield line
        if len(buffer) > max_line + 1:
            raise ValueError(f"line longer than {max_line} bytes")
        chunk = sock.recv(BUFSIZE)
        if not chunk:
            if buffer:
                raise ConnectionError("the peer closed the connection in the middle of a line")
            return
        buffer += chunk
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert list(read_lines(TrickleSocket([b"hello\n", b"world\n"]))) == [b"hello", b"world"], "one line per recv"
assert list(read_lines(TrickleSocket([b"he", b"llo\nwor", b"ld\r\n"]))) == [b"hello", b"world"], (
    "lines split across recv calls must be joined; \\r\\n ends a line too"
)

# %% course={"kind": "test", "points": 2}
assert list(read_lines(TrickleSocket([b"a\nb\n\nc\n"]))) == [b"a", b"b", b"", b"c"], "several lines in one recv, an empty line included"
assert list(read_lines(TrickleSocket([b"x", b"y", b"\n", b"\n"]))) == [b"xy", b""], "a newline alone in a piece"
### BEGIN HIDDEN TESTS
assert list(read_lines(TrickleSocket([]))) == [], "a peer that closes at once sends no lines"
assert list(read_lines(TrickleSocket([b"\r\n"]))) == [b""], "\\r\\n alone is an empty line"
assert list(read_lines(TrickleSocket([b"a\r\r\n", b"b\rc\n"]))) == [b"a\r", b"b\rc"], "only one \\r right before \\n goes"
assert list(read_lines(TrickleSocket([b"zo\xc3", b"\xab\n"]))) == ["zoë".encode()], "bytes in, bytes out: a split UTF-8 letter is fine"
assert list(read_lines(TrickleSocket([b"0", b"0\n"]))) == [b"00"]
lines = list(read_lines(TrickleSocket([b"line %d\n" % i for i in range(2000)])))
assert len(lines) == 2000 and lines[-1] == b"line 1999" and all(type(x) is bytes for x in lines)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
sock = TrickleSocket([b"first\n", b"second\n"])
lines = read_lines(sock)
assert next(lines) == b"first" and sock.recvs == 1, "yield a line as soon as it is complete: one recv for the first line"
### BEGIN HIDDEN TESTS
assert next(lines) == b"second" and sock.recvs == 2
assert list(lines) == [] and sock.recvs == 3 and sock.ends == 1, "stop at the first b'' from recv"
assert type(read_lines(TrickleSocket([]))) is not list, "a generator, not a list"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    list(read_lines(TrickleSocket([b"complete\n", b"cut off in the mid"])))
except ConnectionError:
    pass
else:
    raise AssertionError("the stream ended inside a line: raise ConnectionError")
### BEGIN HIDDEN TESTS
got = []
try:
    for line in read_lines(TrickleSocket([b"complete\n", b"cut"])):
        got.append(line)
except ConnectionError:
    assert got == [b"complete"], "the complete line still comes first"
else:
    raise AssertionError("expected ConnectionError")
try:
    list(read_lines(TrickleSocket([b"\r"])))
except ConnectionError:
    pass
else:
    raise AssertionError("a lone \\r is a partial line")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert list(read_lines(TrickleSocket([b"a" * 10 + b"\n"]), max_line=10)) == [b"a" * 10], "exactly max_line bytes is allowed"
assert list(read_lines(TrickleSocket([b"a" * 10, b"\r\n"]), max_line=10)) == [b"a" * 10], "the line ending does not count"
flood = TrickleSocket([b"x" * 8] * 1000)  # 8000 bytes and no newline
try:
    list(read_lines(flood, max_line=20))
except ValueError:
    assert flood.recvs <= 4, f"read {flood.recvs} pieces: stop as soon as the line is too long"
else:
    raise AssertionError("a line longer than max_line must raise ValueError")
### BEGIN HIDDEN TESTS
early = TrickleSocket([b"a" * 12, b"b\n"])
try:
    list(read_lines(early, max_line=10))
except ValueError:
    assert early.recvs == 1, "12 bytes and no newline: even with a \\r to drop, the line is too long; do not read on"
else:
    raise AssertionError("expected ValueError")
for data in ([b"a" * 11 + b"\n"], [b"a" * 11, b"\n"], [b"ok\n" + b"a" * 11 + b"\r\n"]):
    try:
        list(read_lines(TrickleSocket(data), max_line=10))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{data}: 11 bytes is longer than max_line=10")
assert list(read_lines(TrickleSocket([b"a" * 9, b"a\n", b"b" * 10 + b"\n"]), max_line=10)) == [b"a" * 10, b"b" * 10]
assert list(read_lines(TrickleSocket([b"a" * 10, b"\r", b"\n"]), max_line=10)) == [b"a" * 10]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "recv-is-a-line"}
def read_lines(sock, max_line=65536):  # every recv taken as one line
    while chunk := sock.recv(BUFSIZE):
        if len(chunk) > max_line + 2:
            raise ValueError("too long")
        yield chunk.rstrip(b"\r\n")

# %% course={"kind": "wrong", "id": "tail-dropped"}
def read_lines(sock, max_line=65536):  # a cut-off last line disappears silently
    buffer = b""
    while True:
        while b"\n" in buffer:
            line, _, buffer = buffer.partition(b"\n")
            line = line.removesuffix(b"\r")
            if len(line) > max_line:
                raise ValueError("too long")
            yield line
        if len(buffer) > max_line + 1:
            raise ValueError("too long")
        chunk = sock.recv(BUFSIZE)
        if not chunk:
            return
        buffer += chunk

# %% course={"kind": "wrong", "id": "read-all-first"}
def read_lines(sock, max_line=65536):  # reads to the end, then splits: not streaming, no limit while reading
    data = b""
    while chunk := sock.recv(BUFSIZE):
        data += chunk
    *lines, tail = data.split(b"\n")
    if tail:
        raise ConnectionError("cut off")
    for line in lines:
        line = line.removesuffix(b"\r")
        if len(line) > max_line:
            raise ValueError("too long")
        yield line

# %% [markdown] course={"kind": "exercise", "id": "chat-room", "item": "x-implement-a-simple-chat-server"}
# ### A chat room, without the sockets
#
# A chat server is a loop around sockets plus *rules*: who says what to whom. Keeping the rules in a
# class that never touches a socket (it takes bytes in and returns bytes to send) makes them testable
# and lets any loop (threads, `selectors`, asyncio) drive them. Write `ChatRoom`:
#
# - `connect(who)`: a new client (`who` is any hashable id, e.g. a socket); nothing to send yet.
# - `receive(who, data)`: bytes arrived from `who` (any piece of the stream). Return the messages to
#   send, as a list of `(recipient, bytes)` in order. Lines end with `b"\n"` and are UTF-8. A client's
#   **first** line is its name (surrounding spaces removed): answer it with `b"welcome NAME\n"`
#   (an empty name gets `b"name?\n"` and the client stays nameless). Every later line `TEXT` goes to
#   every *other* named client, in the order they got their names, as `b"NAME: TEXT\n"`.
# - `disconnect(who)`: the client left; if it had a name, every other named client gets `b"* NAME left\n"`.
#   After that (or before `connect`), `receive` from `who` raises `KeyError`: it is not connected.
#
# ```python
# room = ChatRoom(); room.connect("a"); room.connect("b")
# room.receive("a", b"ann\n")          # [('a', b'welcome ann\n')]
# room.receive("b", b"bob\nhi ")       # [('b', b'welcome bob\n')]   ("hi " waits for the rest of its line)
# room.receive("b", b"all\n")          # [('a', b'bob: hi all\n')]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep, per client, a byte buffer and its name (or `None`), and a list of the named clients in
# joining order. `receive` appends to the buffer, then handles every complete line in it.

# %% [markdown] course={"kind": "hint"}
# Decode a line only once it is complete: a letter like `ë` is two bytes, and a piece of the stream
# may end between them. Outgoing text: `f"{name}: {text}\n".encode()`.

# %% course={"kind": "solution"}
class ChatRoom:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self.buffers: dict[Hashable, bytes] = {}
        self.names: dict[Hashable, str] = {}  # in the order names were given
        ### END SOLUTION

    def connect(self, who: Hashable) -> None:
        ### BEGIN SOLUTION
        self.buffers[who] = b""
        ### END SOLUTION

    def receive(self, who: Hashable, data: bytes) -> list[tuple[Hashable, bytes]]:
        ### BEGIN SOLUTION
        out: list[tuple[Hashable, bytes]] = []
        self.buffers[who] += data
        while b"\n" in self.buffers[who]:
            raw, _, self.buffers[who] = self.buffers[who].partition(b"\n")
            text = raw.decode("utf-8")
            if who in self.names:
                message = f"{self.names[who]}: {text}\n".encode()
                out.extend((other, message) for other in self.names if other != who)
            elif name := text.strip():
                self.names[who] = name
                out.append((who, f"welcome {name}\n".encode()))
            else:
                out.append((who, b"name?\n"))
        return out
        ### END SOLUTION

    def disconnect(self, who: Hashable) -> list[tuple[Hashable, bytes]]:
        ### BEGIN SOLUTION
        del self.buffers[who]
        name = self.names.pop(who, None)
        if name is None:
            return []
        return [(other, f"* {name} left\n".encode()) for other in self.names]
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
room = ChatRoom()
room.connect("a")
room.connect("b")
assert room.receive("a", b"ann\n") == [("a", b"welcome ann\n")], "the first line is the name: welcome it"
assert room.receive("b", b"bob\n") == [("b", b"welcome bob\n")]
assert room.receive("a", b"hello\n") == [("b", b"ann: hello\n")], "a message goes to the others, with the sender's name"

# %% course={"kind": "test", "points": 2}
room = ChatRoom()
for who in ("a", "b", "c"):
    room.connect(who)
assert room.receive("a", b"an") == [], "half a name: nothing to send yet"
assert room.receive("a", b"n\nhi") == [("a", b"welcome ann\n")]
assert room.receive("c", b"cy\n") == [("c", b"welcome cy\n")]
assert room.receive("a", b" there\n") == [("c", b"ann: hi there\n")], "a line split across pieces is one message"
assert room.receive("b", b"bob\nfirst\nsecond\n") == [
    ("b", b"welcome bob\n"), ("a", b"bob: first\n"), ("c", b"bob: first\n"), ("a", b"bob: second\n"), ("c", b"bob: second\n")
], "several lines in one piece: each one, in order; recipients in the order they named themselves"
### BEGIN HIDDEN TESTS
assert room.receive("c", "zo".encode() + b"\xc3") == []
assert room.receive("c", b"\xab!\n") == [("a", "cy: zoë!\n".encode()), ("b", "cy: zoë!\n".encode())], "decode whole lines only"
assert room.receive("a", b"\n") == [("c", b"ann: \n"), ("b", b"ann: \n")], "an empty message is still sent"
assert room.receive("a", b"  spaced  \n") == [("c", b"ann:   spaced  \n"), ("b", b"ann:   spaced  \n")], "messages are sent as written"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
room = ChatRoom()
for who in ("a", "b", "c"):
    room.connect(who)
room.receive("a", b"ann\n")
room.receive("b", b"bob\n")
assert room.disconnect("a") == [("b", b"* ann left\n")], "the others hear that ann left (nameless c hears nothing)"
assert room.receive("b", b"still here?\n") == [], "ann is gone: nobody left to hear bob"
### BEGIN HIDDEN TESTS
assert room.disconnect("c") == [], "a client that never gave a name leaves quietly"
for gone in ("a", "c", "nobody"):
    try:
        room.receive(gone, b"hello?\n")
    except KeyError:
        pass
    else:
        raise AssertionError(f"{gone!r} is not connected: receive must raise KeyError")
room.connect("d")
assert room.receive("d", b"   \n") == [("d", b"name?\n")], "a blank name is refused"
assert room.receive("d", " Dörte \n".encode()) == [("d", "welcome Dörte\n".encode())]
assert room.receive("b", b"hi\n") == [("d", b"bob: hi\n")]
room.connect("e")
assert room.receive("e", b"0\n") == [("e", b"welcome 0\n")], "'0' is a name"
assert room.receive("d", b"x\n") == [("b", "Dörte: x\n".encode()), ("e", "Dörte: x\n".encode())]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "piece-is-a-line"}
class ChatRoom:  # every receive() taken as one complete line
    def __init__(self):
        self.names = {}

    def connect(self, who):
        pass

    def receive(self, who, data):
        text = data.decode().rstrip("\n")
        if who not in self.names:
            if not text.strip():
                return [(who, b"name?\n")]
            self.names[who] = text.strip()
            return [(who, f"welcome {text.strip()}\n".encode())]
        return [(o, f"{self.names[who]}: {text}\n".encode()) for o in self.names if o != who]

    def disconnect(self, who):
        name = self.names.pop(who, None)
        return [] if name is None else [(o, f"* {name} left\n".encode()) for o in self.names]

# %% course={"kind": "wrong", "id": "echoes-to-sender"}
class ChatRoom:  # sends every message back to its sender too
    def __init__(self):
        self.buffers, self.names = {}, {}

    def connect(self, who):
        self.buffers[who] = b""

    def receive(self, who, data):
        out = []
        self.buffers[who] += data
        while b"\n" in self.buffers[who]:
            raw, _, self.buffers[who] = self.buffers[who].partition(b"\n")
            text = raw.decode()
            if who not in self.names:
                if text.strip():
                    self.names[who] = text.strip()
                    out.append((who, f"welcome {text.strip()}\n".encode()))
                else:
                    out.append((who, b"name?\n"))
            else:
                out += [(o, f"{self.names[who]}: {text}\n".encode()) for o in self.names]
        return out

    def disconnect(self, who):
        del self.buffers[who]
        name = self.names.pop(who, None)
        return [] if name is None else [(o, f"* {name} left\n".encode()) for o in self.names]

# %% course={"kind": "wrong", "id": "decodes-pieces"}
class ChatRoom:  # decodes each piece as it comes, so a letter split in two breaks
    def __init__(self):
        self.buffers, self.names = {}, {}

    def connect(self, who):
        self.buffers[who] = ""

    def receive(self, who, data):
        out = []
        self.buffers[who] += data.decode()
        while "\n" in self.buffers[who]:
            text, _, self.buffers[who] = self.buffers[who].partition("\n")
            if who not in self.names:
                if text.strip():
                    self.names[who] = text.strip()
                    out.append((who, f"welcome {text.strip()}\n".encode()))
                else:
                    out.append((who, b"name?\n"))
            else:
                out += [(o, f"{self.names[who]}: {text}\n".encode()) for o in self.names if o != who]
        return out

    def disconnect(self, who):
        del self.buffers[who]
        name = self.names.pop(who, None)
        return [] if name is None else [(o, f"* {name} left\n".encode()) for o in self.names]

# %% [markdown] course={"kind": "exercise", "id": "line-server", "item": "x-use-selectors-for-multiple-connections"}
# ### One thread, many clients: a line server with `selectors`
#
# Write `serve(listener, stop)`: a server on one thread that answers every complete line `L` from
# any client with `b"OK " + L.upper() + b"\n"`, for as many clients as connect, until the
# `threading.Event` `stop` is set. Use a `selectors.DefaultSelector` and never block on one client:
# a client that sends half a line, or nothing, must not hold up the others. Keep each client's
# partial line in its own buffer. When a client closes, forget it and close its socket. Check `stop`
# at least every 0.1 s (`sel.select(timeout=0.05)`); when it is set, close every client socket and
# the selector, and return (the caller owns `listener` and closes it).
#
# ```python
# # client A sends b"hel"   -> nothing yet
# # client B sends b"hi\n"  -> B gets b"OK HI\n" (A's half line does not block B)
# # client A sends b"lo\n"  -> A gets b"OK HELLO\n"
# ```

# %% [markdown] course={"kind": "hint"}
# Register the listener (non-blocking) with `data=None`. In the loop, a ready key whose `data` is
# `None` means `accept()`; register the new connection (non-blocking too) with a fresh buffer as its data.

# %% [markdown] course={"kind": "hint"}
# A ready client: `chunk = sock.recv(BUFSIZE)`. `b""`: unregister and close it. Otherwise add the chunk
# to its buffer and answer every complete line in it. `sendall` on a non-blocking socket is fine for
# these short answers (a production server would queue them and wait for `EVENT_WRITE`).
# Keep a buffer object that can change in place, e.g. a `bytearray`, or a dict from socket to `bytes`.

# %% course={"kind": "solution", "equivalent": {"m-c5a86bce": "accept() runs only after select() reported the listener ready, so a blocking listener never waits here", "m-858b1e38": "accept() runs only after select() reported the listener ready, so a blocking listener never waits here", "m-174bc157": "recv() runs only after select() reported data, and the short replies always fit the send buffer: blocking mode never waits", "m-cb4b94da": "recv() runs only after select() reported data, and the short replies always fit the send buffer: blocking mode never waits"}}
def serve(listener: socket.socket, stop: threading.Event) -> None:
    ### BEGIN SOLUTION
    sel = selectors.DefaultSelector()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ, data=None)
    try:
        while not stop.is_set():
            for key, _ in sel.select(timeout=0.05):
                if key.data is None:
                    conn, _ = listener.accept()
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, data=bytearray())
                elif chunk := key.fileobj.recv(BUFSIZE):
                    buffer = key.data
                    buffer += chunk
                    while b"\n" in buffer:
                        line, _, rest = bytes(buffer).partition(b"\n")
                        buffer[:] = rest
                        key.fileobj.sendall(b"OK " + line.upper() + b"\n")
                else:  # b"": the client has gone
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
    finally:
        for key in sel.get_map().values():
            if key.fileobj is not listener:
                key.fileobj.close()
        sel.close()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class LineServer:
    # Runs serve() in a thread on a fresh listener for one `with` block; stops it and checks it stopped.
    # Meanwhile selectors.DefaultSelector records the timeout of every select() call in `waits`.
    # If serve() raises, its clients are hung up at once (no test waits for a dead server) and the
    # block ends with serve()'s exception.

    def __enter__(self) -> "LineServer":
        waits = self.waits = []
        self.real_selector = selectors.DefaultSelector

        registered = self.registered = []
        closed = self.selector_closed = []
        stale = self.stale = []

        class Recording(self.real_selector):  # type: ignore[misc, valid-type]
            def select(self, timeout: float | None = None) -> list:  # type: ignore[type-arg]
                waits.append(timeout)
                stale.extend(k.fileobj for k in self.get_map().values() if k.fileobj.fileno() == -1)
                return super().select(timeout)

            def register(self, fileobj, events, data=None):  # type: ignore[no-untyped-def]
                registered.append(fileobj)
                return super().register(fileobj, events, data)

            def close(self) -> None:
                closed.append(True)
                super().close()

        selectors.DefaultSelector = Recording  # type: ignore[misc]
        self.listener = socket.create_server((LOCAL, 0))
        self.address = self.listener.getsockname()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.error: BaseException | None = None
        self.clients: list[socket.socket] = []
        self.thread = threading.Thread(target=self.run, name="line-server", daemon=True)
        self.thread.start()
        return self

    def run(self) -> None:
        try:
            serve(self.listener, self.stop)
        except BaseException as err:  # noqa: BLE001 - handed to the test in __exit__
            with self.lock:
                self.error = err
                for c in self.clients:
                    c.shutdown(socket.SHUT_RDWR)

    def line(self, c: socket.socket) -> bytes:
        # The next line the server sends to client `c`; less once serve() sits still (it sends no more).
        return recv_line(c, watching=[self.thread])

    def client(self) -> socket.socket:
        with self.lock:
            c = socket.create_connection(self.address, timeout=GRACE)
            self.clients.append(c)
            if self.error is not None:
                c.shutdown(socket.SHUT_RDWR)
        return c

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        selectors.DefaultSelector = self.real_selector  # type: ignore[misc]
        if exc[0] is not None:  # the block failed: unblock the server, let it go
            for c in self.clients:
                c.close()
            wait_until(lambda: not self.thread.is_alive(), [self.thread], backstop=GRACE)
            self.listener.close()
            if self.error is not None:
                raise self.error  # what really went wrong: serve() raised
            return
        # serve() has stopped, or sits still (asleep, no processor time): it will not notice `stop`
        wait_until(lambda: not self.thread.is_alive(), [self.thread], backstop=GRACE)
        listener_open = self.listener.fileno() != -1
        self.listener.close()
        stopped = not self.thread.is_alive()
        try:
            if self.error is not None:
                raise self.error
            assert self.waits or not self.clients, "serve() must wait with a selectors.DefaultSelector"
            assert all(w is not None and 0 <= w <= 0.1 for w in self.waits), (
                f"select() timeouts {sorted(set(self.waits), key=str)}: without one, a quiet server never sees `stop`"
            )
            assert stopped, "serve() must return soon after stop is set"
            assert listener_open, "serve() must not close the listener: it belongs to the caller"
            left_open = [s for s in self.registered if s is not self.listener and s.fileno() != -1]
            assert not left_open, f"serve() must close every client socket it accepted: {len(left_open)} still open"
            assert self.selector_closed or not self.registered, "serve() must close its selector"
            assert not self.stale, "a closed socket was still registered: unregister a client before closing it"
        finally:
            for c in self.clients:
                c.close()


with no_leftovers(), LineServer() as srv:
    c = srv.client()
    c.sendall(b"hello\n")
    assert srv.line(c) == b"OK HELLO\n", "answer each line with OK and the line in capitals"

# %% course={"kind": "test", "points": 2}
with no_leftovers(), LineServer() as srv:
    idle, slow, quick = srv.client(), srv.client(), srv.client()
    slow.sendall(b"hel")  # half a line
    quick.sendall(b"hi\n")
    assert srv.line(quick) == b"OK HI\n", "a client with half a line (or nothing) must not block the others"
    slow.sendall(b"lo\nwor")
    assert srv.line(slow) == b"OK HELLO\n", "the two halves make one line"
    slow.sendall(b"ld\n")
    assert srv.line(slow) == b"OK WORLD\n"
### BEGIN HIDDEN TESTS
    quick.sendall(b"a\nb\n\nc\n")
    assert [srv.line(quick) for _ in range(4)] == [b"OK A\n", b"OK B\n", b"OK \n", b"OK C\n"], "every line in one piece"
    idle.sendall("zoë\n".encode())
    assert srv.line(idle) == "OK ZOë\n".encode(), "bytes.upper() changes ASCII letters only"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with no_leftovers(), LineServer() as srv:
    first = srv.client()
    first.sendall(b"one\n")
    assert srv.line(first) == b"OK ONE\n"
    first.close()
    srv.clients.remove(first)
    later = [srv.client() for _ in range(5)]
    for i, c in enumerate(reversed(later)):
        c.sendall(b"c%d\n" % i)
        assert srv.line(c) == b"OK C%d\n" % i, "a client that leaves must not break the server for the others"
### BEGIN HIDDEN TESTS
assert srv.listener.fileno() == -1 and port_closed(srv.address), "the listener belongs to the caller (closed here)"
with no_leftovers(), LineServer() as srv:  # stop with nobody connected
    pass
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-client-at-a-time"}
def serve(listener, stop):  # blocking: serves the first client until it leaves
    listener.settimeout(0.05)
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        with conn:
            buffer = b""
            while chunk := conn.recv(BUFSIZE):
                buffer += chunk
                while b"\n" in buffer:
                    line, _, buffer = buffer.partition(b"\n")
                    conn.sendall(b"OK " + line.upper() + b"\n")

# %% course={"kind": "wrong", "id": "no-buffer"}
def serve(listener, stop):  # answers whatever one recv returned, as if it were whole lines
    sel = selectors.DefaultSelector()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ)
    while not stop.is_set():
        for key, _ in sel.select(timeout=0.05):
            if key.fileobj is listener:
                conn, _ = listener.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ)
                continue
            chunk = key.fileobj.recv(BUFSIZE)
            if not chunk:
                sel.unregister(key.fileobj)
                key.fileobj.close()
                continue
            for line in chunk.removesuffix(b"\n").split(b"\n"):
                key.fileobj.sendall(b"OK " + line.upper() + b"\n")
    for key in list(sel.get_map().values()):
        if key.fileobj is not listener:
            key.fileobj.close()
    sel.close()

# %% course={"kind": "wrong", "id": "closes-without-unregister"}
def serve(listener, stop):  # closes a departed client but leaves it registered in the selector
    sel = selectors.DefaultSelector()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ, data=None)
    try:
        while not stop.is_set():
            for key, _ in sel.select(timeout=0.05):
                if key.data is None:
                    conn, _ = listener.accept()
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, data=bytearray())
                elif chunk := key.fileobj.recv(BUFSIZE):
                    key.data.extend(chunk)
                    while b"\n" in key.data:
                        line, _, rest = bytes(key.data).partition(b"\n")
                        key.data[:] = rest
                        key.fileobj.sendall(b"OK " + line.upper() + b"\n")
                else:
                    key.fileobj.close()
    finally:
        for key in sel.get_map().values():
            if key.fileobj is not listener:
                key.fileobj.close()
        sel.close()

# %% course={"kind": "wrong", "id": "select-waits-for-ever"}
def serve(listener, stop):  # select() without a timeout: a quiet server never looks at `stop`
    sel = selectors.DefaultSelector()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ, data=None)
    while not stop.is_set():
        for key, _ in sel.select():
            if key.data is None:
                conn, _ = listener.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, data=bytearray())
                continue
            chunk = key.fileobj.recv(BUFSIZE)
            if not chunk:
                sel.unregister(key.fileobj)
                key.fileobj.close()
                continue
            key.data.extend(chunk)
            while b"\n" in key.data:
                line, _, rest = bytes(key.data).partition(b"\n")
                key.data[:] = rest
                key.fileobj.sendall(b"OK " + line.upper() + b"\n")
    for key in list(sel.get_map().values()):
        if key.fileobj is not listener:
            key.fileobj.close()
    sel.close()

# %% [markdown] course={"kind": "exercise", "id": "udp-retry"}
# ### A UDP request with timeout and retry
#
# UDP loses datagrams without telling anyone, so a UDP client (a DNS stub resolver, a StatsD probe)
# waits a little and asks again. Write `ask(address, payload, *, timeout=1.0, attempts=3)`: send
# `payload` as one datagram to `address` from a fresh UDP socket, wait up to `timeout` seconds for a
# reply **from that address** (datagrams from anyone else are ignored: anyone can send you one), and
# return the reply's bytes. If nothing comes in time, send again: at most `attempts` datagrams in all.
# After the last wait, raise `TimeoutError`. Close the socket in every case.
#
# ```python
# ask(("127.0.0.1", port), b"ping", timeout=0.2)   # b'pong:ping' from the server used below,
#                                                  # even when the first datagram is lost
# ```
# Make the socket with `socket.socket(socket.AF_INET, socket.SOCK_DGRAM)`: to lose datagrams on every
# run, some tests put a stand-in there whose waits end at once, as if the timeout had passed.

# %% [markdown] course={"kind": "hint"}
# `sock.settimeout(timeout)` makes `recvfrom` raise `TimeoutError`; `recvfrom` returns `(data, sender)`,
# and `sender` compares equal to `address` when the reply comes from the server.

# %% [markdown] course={"kind": "hint"}
# Two loops: `for _ in range(attempts):` send, then keep receiving until a datagram from the server
# arrives (return it) or `TimeoutError` ends this attempt. After the `for`, raise.

# %% course={"kind": "solution"}
def ask(address: tuple[str, int], payload: bytes, *, timeout: float = 1.0, attempts: int = 3) -> bytes:
    ### BEGIN SOLUTION
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        for _ in range(attempts):
            sock.sendto(payload, address)
            try:
                while True:
                    data, sender = sock.recvfrom(BUFSIZE)
                    if sender == address:
                        return data
            except TimeoutError:
                continue
    raise TimeoutError(f"no answer from {address} after {attempts} attempts")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class Responder:
    # A real UDP server in a thread for one `with` block: it answers b"pong:" + payload to each datagram.
    def __enter__(self) -> "Responder":
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((LOCAL, 0))
        self.sock.settimeout(0.05)  # only so that the thread notices `stop`
        self.address = self.sock.getsockname()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, name="responder", daemon=True)
        self.thread.start()
        return self

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                data, client = self.sock.recvfrom(BUFSIZE)
            except TimeoutError:
                continue
            self.sock.sendto(b"pong:" + data, client)

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(GRACE)
        self.sock.close()


with no_leftovers(), Responder() as server:
    assert ask(server.address, b"ping", timeout=GRACE) == b"pong:ping", "send the payload, return the reply"

# %% course={"kind": "test", "points": 2}
# Lost datagrams, on every run: ScriptedUDP stands in for socket.socket. The k-th datagram sent gets the
# k-th list of (data, sender) replies; [] means it was lost, and the wait for it ends at once with the
# TimeoutError your socket's timeout would raise (nothing really waits).
SERVER, STRANGER = ("192.0.2.53", 53), ("192.0.2.66", 4444)
LOST, PONG = [], [(b"pong:ping", SERVER)]


def ask_scripted(replies: list[list[tuple[bytes, tuple[str, int]]]], **kwargs: float) -> tuple[object, ScriptedUDP]:
    script = ScriptedUDP(replies)
    real_socket = socket.socket
    socket.socket = script.socket  # type: ignore[assignment, misc]
    try:
        outcome: object = ask(SERVER, b"ping", **kwargs)  # type: ignore[arg-type]
    except TimeoutError as err:
        outcome = err
    finally:
        socket.socket = real_socket  # type: ignore[misc]
    return outcome, script


reply, script = ask_scripted([LOST, PONG], timeout=0.2, attempts=3)
assert reply == b"pong:ping", f"the first datagram was lost: send it again after the timeout (got {reply!r})"
assert script.sent == [(b"ping", SERVER), (b"ping", SERVER)], f"two datagrams to the server: {script.sent}"
### BEGIN HIDDEN TESTS
assert [s.timeout for s in script.made] == [0.2] * len(script.made), "wait `timeout` seconds for each reply"
reply, script = ask_scripted([[(b"junk", STRANGER)], PONG], timeout=0.2, attempts=3)
assert reply == b"pong:ping", f"got {reply!r}: a datagram from another address is not the answer"
reply, script = ask_scripted([[(b"junk", STRANGER), (b"pong:ping", SERVER)]], timeout=0.2)
assert reply == b"pong:ping" and len(script.sent) == 1, "skip the stranger's datagram and keep waiting for the server"
reply, script = ask_scripted([[(b"", SERVER)]])
assert reply == b"" and type(reply) is bytes, "an empty datagram from the server is its answer"
assert [s.timeout for s in script.made] == [1.0], "timeout=1.0 by default"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
reply, script = ask_scripted([LOST, LOST, PONG], timeout=0.2, attempts=3)
assert reply == b"pong:ping", "the third of 3 attempts is answered"
outcome, script = ask_scripted([LOST, LOST, PONG], timeout=0.5, attempts=2)
assert isinstance(outcome, TimeoutError), f"2 attempts, both lost: raise TimeoutError (got {outcome!r})"
assert len(script.sent) == 2, f"attempts=2 means 2 datagrams in all, you sent {len(script.sent)}"
### BEGIN HIDDEN TESTS
assert script.made and all(s.closed for s in script.made), "close the socket when you give up, too"
outcome, script = ask_scripted([LOST, PONG], timeout=0.2, attempts=1)
assert isinstance(outcome, TimeoutError) and len(script.sent) == 1, "attempts=1 means one datagram"
outcome, script = ask_scripted([LOST, LOST, LOST, PONG])
assert isinstance(outcome, TimeoutError) and len(script.sent) == 3, "attempts=3 by default"
reply, script = ask_scripted([PONG], timeout=0.2)
assert reply == b"pong:ping" and all(s.closed for s in script.made), "close the socket after a reply too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-retry"}
def ask(address, payload, *, timeout=1.0, attempts=3):  # one datagram and one wait
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.sendto(payload, address)
        while True:
            data, sender = sock.recvfrom(BUFSIZE)
            if sender == address:
                return data

# %% course={"kind": "wrong", "id": "anyone-answers"}
def ask(address, payload, *, timeout=1.0, attempts=3):  # takes the first datagram, whoever sent it
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        for _ in range(attempts):
            sock.sendto(payload, address)
            try:
                return sock.recvfrom(BUFSIZE)[0]
            except TimeoutError:
                pass
    raise TimeoutError("no answer")

# %% course={"kind": "wrong", "id": "one-more-try"}
def ask(address, payload, *, timeout=1.0, attempts=3):  # a first try plus `attempts` retries
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        for _ in range(attempts + 1):
            sock.sendto(payload, address)
            try:
                while True:
                    data, sender = sock.recvfrom(BUFSIZE)
                    if sender == address:
                        return data
            except TimeoutError:
                pass
    raise TimeoutError("no answer")

# %% course={"kind": "wrong", "id": "open-on-timeout"}
def ask(address, payload, *, timeout=1.0, attempts=3):  # closes the socket only when an answer comes
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(timeout)
    for _ in range(attempts):
        sock.sendto(payload, address)
        try:
            while True:
                data, sender = sock.recvfrom(BUFSIZE)
                if sender == address:
                    sock.close()
                    return data
        except TimeoutError:
            pass
    raise TimeoutError("no answer")

# %% [markdown] course={"kind": "exercise", "id": "port-scan", "item": "project-11-1-1"}
# ### Port scanner: which ports are open?
#
# Write `scan(host, ports, *, timeout=1.0, workers=16, connect=socket.create_connection)` that tries a
# TCP connection to each port with `connect((host, port), timeout)` and returns a dict from port to
# its state, ports in ascending order, each once:
#
# - `"open"`: the connection succeeded (close it at once);
# - `"closed"`: refused (`ConnectionRefusedError`: the host said "nobody here");
# - `"filtered"`: `TimeoutError` or any other `OSError` (no answer: a firewall drops the packets).
#
# Probes run **concurrently** on a pool of `workers` threads (a scan of 1000 ports with a 1 s timeout
# must not take 1000 s). A port outside 1–65535 raises `ValueError` before anything is scanned.
# `connect` is a parameter so that tests can put a stand-in there; use it, not `socket.create_connection`.
#
# ```python
# scan("127.0.0.1", [open_port, closed_port])   # {closed_port: 'closed', open_port: 'open'} (if closed_port < open_port)
# ```

# %% [markdown] course={"kind": "hint"}
# Write `probe(port) -> str` first, with `try`/`except ConnectionRefusedError`/`except OSError`
# (in that order: `ConnectionRefusedError` and `TimeoutError` are both `OSError`s).

# %% [markdown] course={"kind": "hint"}
# `with ThreadPoolExecutor(max_workers=workers) as pool: states = list(pool.map(probe, ports))`
# keeps the results in the order of `ports`; sort and de-duplicate the ports first (`sorted(set(ports))`).

# %% course={"kind": "solution"}
def scan(
    host: str,
    ports: Iterable[int],
    *,
    timeout: float = 1.0,
    workers: int = 16,
    connect: Callable[..., socket.socket] = socket.create_connection,
) -> dict[int, str]:
    ### BEGIN SOLUTION
    wanted = sorted(set(ports))
    bad = [p for p in wanted if not 1 <= p <= 65535]
    if bad:
        raise ValueError(f"ports must be 1-65535, got {bad}")

    def probe(port: int) -> str:
        try:
            conn = connect((host, port), timeout)
        except ConnectionRefusedError:
            return "closed"
        except OSError:
            return "filtered"
        conn.close()
        return "open"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(wanted, pool.map(probe, wanted)))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with socket.create_server((LOCAL, 0)) as a, socket.create_server((LOCAL, 0)) as b, socket.socket() as shut:
    shut.bind((LOCAL, 0))  # bound but not listening: connections to it are refused, on every run
    ports = [a.getsockname()[1], shut.getsockname()[1], b.getsockname()[1]]
    result = scan(LOCAL, ports, timeout=GRACE)
    expected = {a.getsockname()[1]: "open", b.getsockname()[1]: "open", shut.getsockname()[1]: "closed"}
    assert result == expected, f"listening ports are open, a refused one is closed: {result}"
    assert list(result) == sorted(ports), "ports in ascending order"

# %% course={"kind": "test", "points": 2}
class FakeConn:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


made: list[FakeConn] = []
asked: list[tuple[object, ...]] = []


def fake_connect(address: tuple[str, int], timeout: float | None = None) -> FakeConn:
    asked.append((address, timeout))
    port = address[1]
    if port == 81:
        raise ConnectionRefusedError(111, "refused")
    if port == 82:
        raise TimeoutError("timed out")
    if port == 83:
        raise OSError(113, "no route to host")
    made.append(FakeConn())
    return made[-1]


result = scan("10.0.0.9", iter([83, 80, 82, 81, 80]), timeout=0.25, connect=fake_connect)
assert result == {80: "open", 81: "closed", 82: "filtered", 83: "filtered"}, (
    f"refused is closed, a timeout or another OSError is filtered: {result}"
)
### BEGIN HIDDEN TESTS
assert list(result) == [80, 81, 82, 83] and type(result) is dict, "each port once, ascending"
assert sorted(asked, key=str) == [(("10.0.0.9", p), 0.25) for p in (80, 81, 82, 83)], f"each port probed once with the timeout: {asked}"
assert len(made) == 1 and made[0].closed, "close each open connection"
assert scan("h", [], connect=fake_connect) == {}, "no ports, no probes"
assert list(scan("h", [16, 9], connect=fake_connect)) == [9, 16], "ascending order (a set of ports is not sorted)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class Together:
    # connect() returns only once `n` probes wait in it at the same time. A scanner that probes one port
    # at a time waits alone: as soon as no other thread could still arrive (they all sit still), it fails.
    def __init__(self, n: int) -> None:
        self.n, self.arrived, self.threads, self.lock = n, 0, set(), threading.Lock()
        self.others = new_threads()

    def connect(self, address: tuple[str, int], timeout: float | None = None) -> FakeConn:
        with self.lock:
            self.arrived += 1
            self.threads.add(threading.get_ident())
        if not wait_until(lambda: self.arrived >= self.n, self.others):
            raise AssertionError(f"{self.arrived} probe(s) waiting, {self.n} expected at the same time: probes must run concurrently")
        return FakeConn()


together = Together(4)
result = scan("10.0.0.9", [1, 2, 3, 4], workers=4, connect=together.connect)
assert result == {1: "open", 2: "open", 3: "open", 4: "open"}, "probes must run at the same time, on worker threads"
### BEGIN HIDDEN TESTS
assert threading.get_ident() not in together.threads, "probes run on worker threads"
together = Together(2)
assert scan("h", range(1, 7), workers=2, connect=together.connect) == dict.fromkeys(range(1, 7), "open")
assert len(together.threads) <= 2, f"{len(together.threads)} threads for workers=2"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
asked.clear()
for bad in ([0], [65536], [80, -1]):
    try:
        scan("h", bad, connect=fake_connect)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad}: ports are 1-65535, expected ValueError")
assert asked == [], "nothing is scanned when a port is invalid"
### BEGIN HIDDEN TESTS
assert scan("h", [65535, 1], connect=fake_connect) == {1: "open", 65535: "open"}, "1 and 65535 are valid ports"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-at-a-time"}
def scan(host, ports, *, timeout=1.0, workers=16, connect=socket.create_connection):  # sequential
    result = {}
    for port in sorted(set(ports)):
        if not 1 <= port <= 65535:
            raise ValueError(port)
    for port in sorted(set(ports)):
        try:
            connect((host, port), timeout).close()
            result[port] = "open"
        except ConnectionRefusedError:
            result[port] = "closed"
        except OSError:
            result[port] = "filtered"
    return result

# %% course={"kind": "wrong", "id": "every-error-closed"}
def scan(host, ports, *, timeout=1.0, workers=16, connect=socket.create_connection):  # no "filtered"
    wanted = sorted(set(ports))
    if any(not 1 <= p <= 65535 for p in wanted):
        raise ValueError("bad port")

    def probe(port):
        try:
            connect((host, port), timeout).close()
            return "open"
        except OSError:
            return "closed"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(wanted, pool.map(probe, wanted)))

# %% course={"kind": "wrong", "id": "left-open"}
def scan(host, ports, *, timeout=1.0, workers=16, connect=socket.create_connection):  # never closes
    wanted = sorted(set(ports))
    if any(not 1 <= p <= 65535 for p in wanted):
        raise ValueError("bad port")

    def probe(port):
        try:
            connect((host, port), timeout)
            return "open"
        except ConnectionRefusedError:
            return "closed"
        except OSError:
            return "filtered"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(wanted, pool.map(probe, wanted)))

# %% [markdown] course={"kind": "exercise", "id": "grab-banner", "item": "project-11-1-1"}
# ### Service detection: read the banner
#
# A port number only suggests a service; many services say who they are as soon as you connect
# (SSH: `SSH-2.0-OpenSSH_9.6`, SMTP: `220 mail.example ESMTP`). Write `grab_banner(address, timeout=1.0)`
# that connects with `socket.create_connection(address, timeout=timeout)` and returns the first line
# the server sends: the bytes before the first `b"\n"` (read no further than that line, and at most
# 1024 bytes), decoded as UTF-8 with bad bytes replaced (`errors="replace"`), surrounding whitespace
# removed. If the server goes quiet before the line ends, return what came. If it sends nothing
# before the timeout, or closes without a word, return `None` (HTTP servers, for one, wait for you to speak first).
#
# ```python
# grab_banner(ssh_like_server)   # 'SSH-2.0-OpenSSH_9.6'
# grab_banner(http_server)       # None
# ```

# %% [markdown] course={"kind": "hint"}
# Loop on `recv` until the data holds a `b"\n"`, reaches 1024 bytes, or `recv` returns `b""`; a
# `TimeoutError` from `recv` also ends the loop (catch it), keeping what arrived.

# %% [markdown] course={"kind": "hint"}
# `data.partition(b"\n")[0].decode("utf-8", errors="replace").strip()`, and `None` when nothing came.

# %% course={"kind": "solution"}
def grab_banner(address: tuple[str, int], timeout: float = 1.0) -> str | None:
    ### BEGIN SOLUTION
    data = b""
    with socket.create_connection(address, timeout=timeout) as sock:
        try:
            while b"\n" not in data and len(data) < 1024:
                chunk = sock.recv(1024 - len(data))
                if not chunk:
                    break
                data += chunk
        except TimeoutError:
            pass
    if not data:
        return None
    return data.partition(b"\n")[0].decode("utf-8", errors="replace").strip()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def greeter(banner: bytes) -> Callable[[socket.socket], None]:
    def handle(conn: socket.socket) -> None:
        if banner:
            conn.sendall(banner)
        recv_until_eof(conn)  # then wait for the client to hang up

    return handle


with no_leftovers(), peer(greeter(b"220 mail.test ESMTP ready\r\nmore later\r\n")) as server:
    assert grab_banner(server.address, timeout=GRACE) == "220 mail.test ESMTP ready", "the first line, without \\r\\n"

# %% course={"kind": "test", "points": 2}
with no_leftovers(), peer(greeter(b"")) as silent:
    assert grab_banner(silent.address, timeout=0.2) is None, "a server that says nothing before the timeout: None"
with no_leftovers(), peer(lambda conn: None) as closer:
    assert grab_banner(closer.address, timeout=GRACE) is None, "a server that hangs up at once: None"
### BEGIN HIDDEN TESTS
with no_leftovers(), peer(greeter(b"SSH-2.0-partial")) as partial:
    assert grab_banner(partial.address, timeout=GRACE) == "SSH-2.0-partial", "a line cut short by the server closing: what came"
with no_leftovers(), peer(greeter(b"  \xff caf\xc3\xa9 \n")) as odd:
    assert grab_banner(odd.address, timeout=GRACE) == "\ufffd café", "decode UTF-8, replace bad bytes, strip"
with no_leftovers(), peer(greeter(b"\n")) as blank:
    assert grab_banner(blank.address, timeout=GRACE) == "", "an empty first line is still a line"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
fake = TrickleSocket([b"SSH-2.0-", b"OpenSSH_9.6\r", b"\nafter the banner\n", b"x" * 5000])
real_create = socket.create_connection
socket.create_connection = lambda *args, **kwargs: fake  # type: ignore[assignment]
try:
    banner = grab_banner(("192.0.2.1", 22), timeout=1.5)
finally:
    socket.create_connection = real_create
assert banner == "SSH-2.0-OpenSSH_9.6", f"the banner arrived in pieces; you returned {banner!r}"
### BEGIN HIDDEN TESTS
assert fake.recvs == 3 and fake.closed, "stop reading at the end of the first line, and close the socket"
fake = TrickleSocket([b"y" * 700, b"z" * 700])
socket.create_connection = lambda *args, **kwargs: fake  # type: ignore[assignment]
try:
    banner = grab_banner(("192.0.2.1", 22))
finally:
    socket.create_connection = real_create
assert banner == "y" * 700 + "z" * 324, "at most 1024 bytes"
fake = TrickleSocket([b"y" * 1023, b"z" * 10])
socket.create_connection = lambda *args, **kwargs: fake  # type: ignore[assignment]
try:
    banner = grab_banner(("192.0.2.1", 22))
finally:
    socket.create_connection = real_create
assert banner == "y" * 1023 + "z", "1024 bytes, not 1023"
fake = TrickleSocket([b"SSH-2.0-", b"partial"], quiet_end=True)  # then silence: recv times out
socket.create_connection = lambda address, timeout=None, *rest: (fake.settimeout(timeout), fake)[1]  # type: ignore[assignment]
try:
    banner = grab_banner(("192.0.2.1", 22), timeout=0.2)
finally:
    socket.create_connection = real_create
assert banner == "SSH-2.0-partial", f"a line cut short by the timeout: return what came, not {banner!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-recv"}
def grab_banner(address, timeout=1.0):  # one recv: a banner in two pieces is cut
    with socket.create_connection(address, timeout=timeout) as sock:
        try:
            data = sock.recv(1024)
        except TimeoutError:
            return None
    return data.partition(b"\n")[0].decode("utf-8", errors="replace").strip() if data else None

# %% course={"kind": "wrong", "id": "timeout-escapes"}
def grab_banner(address, timeout=1.0):  # a silent server raises TimeoutError
    data = b""
    with socket.create_connection(address, timeout=timeout) as sock:
        while b"\n" not in data and len(data) < 1024:
            chunk = sock.recv(1024 - len(data))
            if not chunk:
                break
            data += chunk
    return data.partition(b"\n")[0].decode("utf-8", errors="replace").strip() if data else None

# %% course={"kind": "wrong", "id": "strict-decode"}
def grab_banner(address, timeout=1.0):  # decode() without errors="replace", and no strip
    data = b""
    with socket.create_connection(address, timeout=timeout) as sock:
        try:
            while b"\n" not in data and len(data) < 1024:
                chunk = sock.recv(1024 - len(data))
                if not chunk:
                    break
                data += chunk
        except TimeoutError:
            pass
    return data.partition(b"\n")[0].decode() if data else None

# %% course={"kind": "wrong", "id": "timeout-means-nothing"}
def grab_banner(address, timeout=1.0):  # a timeout throws away what already came
    data = b""
    with socket.create_connection(address, timeout=timeout) as sock:
        try:
            while b"\n" not in data and len(data) < 1024:
                chunk = sock.recv(1024 - len(data))
                if not chunk:
                    break
                data += chunk
        except TimeoutError:
            return None
    return data.partition(b"\n")[0].decode("utf-8", errors="replace").strip() if data else None

# %% [markdown] course={"kind": "task", "id": "port-scanner-cli", "points": 3, "item": "project-11-1-1"}
# ### Project 11.1.1: the port scanner as a tool
#
# Put `scan` and `grab_banner` together into a command-line tool `portscan.py HOST PORTS`
# (`PORTS` like `22,80,8000-8100`): parse the port list (with clear errors for `90-80` or `http`),
# scan concurrently, then read the banner of each open port (concurrently too) and print a table
# `PORT  STATE  SERVICE  BANNER`, where SERVICE comes from a small table of well-known ports of
# your own (not the machine's `/etc/services`, which differs between systems). Options:
# `--timeout`, `--workers`, `--open-only`. Try it on servers you start yourself on 127.0.0.1
# (e.g. `python -m http.server 0`), **never on machines you are not allowed to scan**.

# %% [markdown] course={"kind": "rubric"}
# - (1) Port list parsing: ranges and lists, both ends included, invalid input rejected with a message naming it; no duplicates.
# - (1) Concurrency bounded by `--workers`; every socket closed; a timeout on every connect and every read (no probe can hang).
# - (1) Output: ordered by port, states correct (open/closed/filtered), banners shown decoded and shortened; the README or
#   help text says it must only be used on hosts one may scan.

# %% [markdown] course={"kind": "exercise", "id": "static-response", "item": "project-11-1-2"}
# ### Simple HTTP server: answer a request for a static file
#
# The core of a static file server, without the sockets: given the folder `root` and the request
# *head* (everything up to and including the blank line `b"\r\n\r\n"`), return the complete response
# bytes, built with `http_response(status, reason, body, content_type)` (given in the setup at the top, with `CONTENT_TYPES`). The first line of
# the head is `METHOD TARGET VERSION`, separated by single spaces:
#
# - not exactly three parts, or a version not starting with `HTTP/`: `400 Bad Request`;
# - a method other than `GET`: `405 Method Not Allowed`;
# - the target's path (ignore a `?query`) names a file under `root`: `200 OK` with its bytes, and the
#   content type from `CONTENT_TYPES` by suffix (`application/octet-stream` otherwise); a folder
#   means its `index.html`;
# - anything else, **including every path that leads outside `root`** (`/../secret.txt`): `404 Not Found`.
#
# Error bodies are short plain text (e.g. `b"not found\n"`, type `text/plain; charset=utf-8`).
#
# ```python
# respond(root, b"GET /notes.txt HTTP/1.1\r\nHost: x\r\n\r\n")
# # b'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello\n'
# ```

# %% [markdown] course={"kind": "hint"}
# `head.partition(b"\r\n")[0].decode("latin-1").split(" ")` gives the parts of the request line. For
# the path: `target.partition("?")[0].lstrip("/")`, joined to `root` and `.resolve()`d.

# %% [markdown] course={"kind": "hint"}
# After `resolve()`, `path.is_relative_to(root.resolve())` tells whether the file is really inside
# `root` (`..` and symbolic links are already followed). Then `path.is_dir()` → `path / "index.html"`, and `path.is_file()`.

# %% course={"kind": "solution"}
def respond(root: Path, head: bytes) -> bytes:
    ### BEGIN SOLUTION
    text = "text/plain; charset=utf-8"
    parts = head.partition(b"\r\n")[0].decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return http_response(400, "Bad Request", b"bad request\n", text)
    method, target, _ = parts
    if method != "GET":
        return http_response(405, "Method Not Allowed", b"only GET\n", text)
    base = root.resolve()
    path = (base / target.partition("?")[0].lstrip("/")).resolve()
    if path.is_dir():
        path = path / "index.html"
    if not path.is_relative_to(base) or not path.is_file():
        return http_response(404, "Not Found", b"not found\n", text)
    kind = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    return http_response(200, "OK", path.read_bytes(), kind)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def site() -> tempfile.TemporaryDirectory[str]:
    # A folder holding www/ (the root) and, next to it, a secret file the server must never show.
    tmp = tempfile.TemporaryDirectory()
    top = Path(tmp.name)
    (top / "secret.txt").write_text("password\n", encoding="utf-8")
    www = top / "www"
    (www / "docs").mkdir(parents=True)
    (www / "index.html").write_text("<h1>home</h1>\n", encoding="utf-8")
    (www / "notes.txt").write_text("hello\n", encoding="utf-8")
    (www / "docs" / "index.html").write_text("<h1>docs</h1>\n", encoding="utf-8")
    (www / "logo.bin").write_bytes(bytes(range(256)))
    return tmp


def get(root: Path, target: str, method: str = "GET") -> bytes:
    return respond(root, f"{method} {target} HTTP/1.1\r\nHost: test\r\n\r\n".encode("latin-1"))


with site() as top:
    www = Path(top) / "www"
    assert get(www, "/notes.txt") == (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n"
        b"Connection: close\r\n\r\nhello\n"
    ), "a file under root: 200 with its bytes"

# %% course={"kind": "test", "points": 2}
with site() as top:
    www = Path(top) / "www"
    assert get(www, "/").endswith(b"\r\n\r\n<h1>home</h1>\n") and get(www, "/").startswith(b"HTTP/1.1 200 OK\r\n"), "/ serves index.html"
    assert get(www, "/docs/").endswith(b"<h1>docs</h1>\n") and get(www, "/docs").endswith(b"<h1>docs</h1>\n"), "a folder serves its index.html"
    assert get(www, "/missing.txt").startswith(b"HTTP/1.1 404 Not Found\r\n"), "no such file: 404"
### BEGIN HIDDEN TESTS
    assert b"Content-Type: application/octet-stream\r\nContent-Length: 256\r\n" in get(www, "/logo.bin")
    assert get(www, "/logo.bin").endswith(bytes(range(256))), "bytes as they are on disk"
    assert get(www, "/notes.txt?v=2").endswith(b"\r\n\r\nhello\n"), "the query string is not part of the path"
    assert b"Content-Type: text/html; charset=utf-8" in get(www, "/index.html")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with site() as top:
    www = Path(top) / "www"
    for target in ("/../secret.txt", "/docs/../../secret.txt", "/" + str(Path(top) / "secret.txt")):
        answer = get(www, target)
        assert answer.startswith(b"HTTP/1.1 404 Not Found\r\n") and b"password" not in answer, (
            f"{target}: a path outside root must be 404, never the file"
        )
### BEGIN HIDDEN TESTS
    (www / "link.txt").symlink_to(Path(top) / "secret.txt")
    assert b"password" not in get(www, "/link.txt"), "a symbolic link out of root is outside root too"
    (Path(top) / "www-private").mkdir()
    (Path(top) / "www-private" / "key.txt").write_text("private key\n", encoding="utf-8")
    answer = get(www, "/../www-private/key.txt")
    assert answer.startswith(b"HTTP/1.1 404") and b"private" not in answer, (
        "www-private/ is next to root, not in it: compare paths, not strings (str.startswith says yes)"
    )
    assert get(www, "/docs/../notes.txt").endswith(b"hello\n"), "a .. that stays inside root is fine"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with site() as top:
    www = Path(top) / "www"
    assert get(www, "/notes.txt", method="POST").startswith(b"HTTP/1.1 405 Method Not Allowed\r\n"), "only GET"
    assert respond(www, b"HELLO\r\n\r\n").startswith(b"HTTP/1.1 400 Bad Request\r\n"), "not a request line: 400"
### BEGIN HIDDEN TESTS
    assert get(www, "/notes.txt", method="get").startswith(b"HTTP/1.1 405"), "methods are case-sensitive"
    assert respond(www, b"GET /notes.txt\r\n\r\n").startswith(b"HTTP/1.1 400"), "a version is required"
    assert respond(www, b"GET /notes.txt FTP/1.0\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert respond(www, b"GET  /notes.txt HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 400"), "single spaces only"
    assert respond(www, b"\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert respond(www, b"GET /notes.txt HTTP/1.0\r\n\r\n").endswith(b"hello\n")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "path-not-checked"}
def respond(root, head):  # joins the path to root and trusts it
    parts = head.partition(b"\r\n")[0].decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return http_response(400, "Bad Request", b"bad request\n", "text/plain; charset=utf-8")
    if parts[0] != "GET":
        return http_response(405, "Method Not Allowed", b"only GET\n", "text/plain; charset=utf-8")
    path = root / parts[1].partition("?")[0].lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return http_response(404, "Not Found", b"not found\n", "text/plain; charset=utf-8")
    return http_response(200, "OK", path.read_bytes(), CONTENT_TYPES.get(path.suffix, "application/octet-stream"))

# %% course={"kind": "wrong", "id": "any-method"}
def respond(root, head):  # serves the file whatever the method
    parts = head.partition(b"\r\n")[0].decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return http_response(400, "Bad Request", b"bad request\n", "text/plain; charset=utf-8")
    base = root.resolve()
    path = (base / parts[1].partition("?")[0].lstrip("/")).resolve()
    if path.is_dir():
        path = path / "index.html"
    if not path.is_relative_to(base) or not path.is_file():
        return http_response(404, "Not Found", b"not found\n", "text/plain; charset=utf-8")
    return http_response(200, "OK", path.read_bytes(), CONTENT_TYPES.get(path.suffix, "application/octet-stream"))

# %% course={"kind": "wrong", "id": "query-kept"}
def respond(root, head):  # looks for a file named "notes.txt?v=2", and forgets folders
    parts = head.partition(b"\r\n")[0].decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return http_response(400, "Bad Request", b"bad request\n", "text/plain; charset=utf-8")
    if parts[0] != "GET":
        return http_response(405, "Method Not Allowed", b"only GET\n", "text/plain; charset=utf-8")
    base = root.resolve()
    path = (base / parts[1].lstrip("/")).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return http_response(404, "Not Found", b"not found\n", "text/plain; charset=utf-8")
    return http_response(200, "OK", path.read_bytes(), CONTENT_TYPES.get(path.suffix, "application/octet-stream"))

# %% course={"kind": "wrong", "id": "string-prefix-check"}
def respond(root, head):  # "inside root" checked on the text of the path: /srv/www-private starts with /srv/www
    parts = head.partition(b"\r\n")[0].decode("latin-1").split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return http_response(400, "Bad Request", b"bad request\n", "text/plain; charset=utf-8")
    if parts[0] != "GET":
        return http_response(405, "Method Not Allowed", b"only GET\n", "text/plain; charset=utf-8")
    base = root.resolve()
    path = (base / parts[1].partition("?")[0].lstrip("/")).resolve()
    if path.is_dir():
        path = path / "index.html"
    if not str(path).startswith(str(base)) or not path.is_file():
        return http_response(404, "Not Found", b"not found\n", "text/plain; charset=utf-8")
    return http_response(200, "OK", path.read_bytes(), CONTENT_TYPES.get(path.suffix, "application/octet-stream"))

# %% [markdown] course={"kind": "task", "id": "http-server-project", "points": 3, "item": "project-11-1-2"}
# ### Project 11.1.2: the server around it
#
# Build the rest of a small HTTP/1.1 static file server from sockets: a listener on 127.0.0.1 (port 0
# in tests), a thread per connection (or `selectors`), reading the request head with framing (read
# until `b"\r\n\r\n"`, whatever pieces it arrives in, refusing heads over 8 KiB with `431`), then
# `respond(root, head)` and `sendall`. Handle several connections at once, put a timeout on every
# client socket, and stop cleanly (no thread or socket left). Test it with `urllib.request` or
# `http.client` from the same notebook. (Section 11.2 goes deeper into HTTP itself.)

# %% [markdown] course={"kind": "rubric"}
# - (1) Framing: the head is read in a loop until `\r\n\r\n` (works when a client sends one byte at a time), with a size limit.
# - (1) Concurrency and robustness: several clients at once, a timeout per client, a client that connects and says nothing does not block others.
# - (1) Lifecycle: the server starts on port 0, reports its address, and a `stop()`/context manager closes the listener and every connection; a test shows it with a real HTTP client.

# %% [markdown] course={"kind": "exercise", "id": "tls-echo", "item": "x-create-a-secure-socket-with-ssl"}
# ### A TLS client that checks who it talks to
#
# Write `tls_echo(address, hostname, cafile, line, timeout=5.0)`: connect to `address` with
# `socket.create_connection(address, timeout=timeout)`, wrap the socket in TLS with a context that
# **trusts the CA in `cafile`** and **checks the certificate and the host name** `hostname`, send
# `line` (one line, ending in `b"\n"`), then read until the server closes and return what it sent.
# A server whose certificate does not verify must make the call raise `ssl.SSLCertVerificationError`.
#
# ```python
# tls_echo(server.address, "localhost", CA_FILE, b"hello\n")   # b'hello\n' from the echo server below
# ```
# The server's certificate (in `data/11.1/server.pem`) is for `localhost` and `127.0.0.1`, signed by the CA in `CA_FILE`.

# %% [markdown] course={"kind": "hint"}
# `ssl.create_default_context(cafile=cafile)` already checks both things. `ctx.wrap_socket(sock,
# server_hostname=hostname)` runs the handshake; use both sockets in `with` blocks.

# %% [markdown] course={"kind": "hint"}
# Reading is as before: `recv` in a loop until `b""`. Do not switch off `check_hostname` or set
# `CERT_NONE` to make an error go away: that error is the protection.

# %% course={"kind": "solution"}
def tls_echo(address: tuple[str, int], hostname: str, cafile: str, line: bytes, timeout: float = 5.0) -> bytes:
    ### BEGIN SOLUTION
    context = ssl.create_default_context(cafile=cafile)
    parts = []
    with socket.create_connection(address, timeout=timeout) as raw:
        with context.wrap_socket(raw, server_hostname=hostname) as tls:
            tls.sendall(line)
            while chunk := tls.recv(BUFSIZE):
                parts.append(chunk)
    return b"".join(parts)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def tls_echo_server(pem: str) -> Callable[[socket.socket], None]:
    def handle(conn: socket.socket) -> None:
        with server_context(pem).wrap_socket(conn, server_side=True) as tls:
            line = recv_line(tls)
            half = len(line) // 2
            tls.sendall(line[:half])
            tls.sendall(line[half:])

    return handle


with no_leftovers(), peer(tls_echo_server(SERVER_PEM)) as server:
    assert tls_echo(server.address, "localhost", CA_FILE, b"hello\n", timeout=GRACE) == b"hello\n", (
        "the course CA signed the server's certificate for localhost: the echo must come back"
    )

# %% course={"kind": "test", "points": 2}
with no_leftovers(), peer(tls_echo_server(ROGUE_PEM)) as rogue:
    try:
        tls_echo(rogue.address, "localhost", CA_FILE, b"secret\n", timeout=GRACE)
    except ssl.SSLCertVerificationError:
        pass
    else:
        raise AssertionError("a certificate from a CA you do not trust must be refused (SSLCertVerificationError)")

# %% course={"kind": "test", "points": 2}
with no_leftovers(), peer(tls_echo_server(SERVER_PEM)) as server:
    try:
        tls_echo(server.address, "db.internal.test", CA_FILE, b"secret\n", timeout=GRACE)
    except ssl.SSLCertVerificationError:
        pass
    else:
        raise AssertionError("the certificate is for localhost, not db.internal.test: refuse it")
### BEGIN HIDDEN TESTS
    assert tls_echo(server.address, "127.0.0.1", CA_FILE, "zoë ✓\n".encode(), timeout=GRACE) == "zoë ✓\n".encode(), (
        "the certificate also names the address 127.0.0.1"
    )
    assert tls_echo(server.address, "LOCALHOST", CA_FILE, b"\n", timeout=GRACE) == b"\n", "host names ignore case"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "verification-off"}
def tls_echo(address, hostname, cafile, line, timeout=5.0):  # "fixes" certificate errors by not checking
    context = ssl.create_default_context(cafile=cafile)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(address, timeout=timeout) as raw, context.wrap_socket(raw, server_hostname=hostname) as tls:
        tls.sendall(line)
        data = b""
        while chunk := tls.recv(BUFSIZE):
            data += chunk
    return data

# %% course={"kind": "wrong", "id": "hostname-unchecked"}
def tls_echo(address, hostname, cafile, line, timeout=5.0):  # checks the chain, not the name
    context = ssl.create_default_context(cafile=cafile)
    context.check_hostname = False
    with socket.create_connection(address, timeout=timeout) as raw, context.wrap_socket(raw, server_hostname=hostname) as tls:
        tls.sendall(line)
        data = b""
        while chunk := tls.recv(BUFSIZE):
            data += chunk
    return data

# %% course={"kind": "wrong", "id": "system-cas-only"}
def tls_echo(address, hostname, cafile, line, timeout=5.0):  # trusts the system's CAs, not the one given
    context = ssl.create_default_context()
    with socket.create_connection(address, timeout=timeout) as raw, context.wrap_socket(raw, server_hostname=hostname) as tls:
        tls.sendall(line)
        data = b""
        while chunk := tls.recv(BUFSIZE):
            data += chunk
    return data

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-tcp-and"}
# TCP is connection-oriented: a handshake first, then a **reliable, ordered byte stream** with
# retransmission, flow control and congestion control, and a per-direction close. It keeps no message
# boundaries, so applications frame their messages. UDP sends independent **datagrams**: no
# connection, no retransmission, no ordering, no flow control, but boundaries are kept, there is no
# handshake delay and no per-connection state. Choose TCP when every byte must arrive in order (HTTP,
# databases, SSH); UDP when late data is useless or the application handles loss itself (DNS queries
# with retry, metrics, voice/video, game state, QUIC). With UDP the client needs timeouts and retries,
# and "sent" never means "received".

# %% [markdown] course={"kind": "answer", "question": "q-how-does-the-tcp-handshake-work"}
# Three segments. The client sends **SYN** with its initial sequence number *x*; the server, if
# something listens on the port, replies **SYN-ACK** with its own number *y* and acknowledgement
# *x+1*; the client answers **ACK** *y+1*. Both sides now know the other's starting sequence number
# and that packets flow both ways; options such as window scaling and MSS are agreed in the SYNs.
# The kernel does it: `connect()` returns when it is done, and the finished connection waits in the
# listen backlog until the server calls `accept()`. A closed port answers the SYN with RST
# (`ConnectionRefusedError`); a firewall that drops it gives a timeout. Closing uses FIN/ACK in each
# direction, and the side that closes first keeps the connection in TIME_WAIT for a while.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-dns-and-how-does-it-work"}
# DNS is the distributed database that maps names to records: addresses (A, AAAA), aliases (CNAME),
# mail servers (MX), text (TXT) and more. A program asks the local stub resolver (`getaddrinfo`),
# which checks `/etc/hosts` and its cache, then asks a recursive resolver. That resolver, unless it
# has a cached answer, walks the hierarchy: a root server refers it to the TLD servers (`.com`),
# those refer it to the domain's authoritative servers, which answer. Aliases are followed (CNAME
# chains) and every answer carries a TTL that bounds how long it may be cached, which is why changes
# take time to be seen. Queries are usually small UDP datagrams, with TCP for large answers and
# zone transfers. In Kubernetes, CoreDNS plays the recursive resolver and the search domains in
# `/etc/resolv.conf` turn `db` into `db.<namespace>.svc.cluster.local`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-multiple-socket"}
# Three models. **A thread (or process) per connection**: blocking code stays simple
# (`socketserver.ThreadingTCPServer`), good for hundreds to a few thousand connections, costs memory
# per thread and needs locks for shared state. **I/O multiplexing**: one thread asks the OS which
# sockets are ready (`selectors`, on top of epoll/kqueue) and handles only those, with non-blocking
# sockets and per-connection buffers: scales to many thousands of mostly idle connections, but
# nothing in the loop may block. **asyncio**: the same event loop with coroutines, so the code reads
# like blocking code (`await reader.readline()`). In every model: a timeout per client, framing of
# messages, and a bound on buffered data. CPU-heavy work goes to a pool so it does not stall the loop.
