"""Sockets for tests that must not depend on scheduling: scripted reads, servers that stop with the block.

``TrickleSocket(pieces)`` stands in for a connected socket whose ``recv`` hands out the given pieces one
at a time (never more than asked for), so a reader that assumes "one recv, one message" fails on every
machine, not only when the network happens to split a message. A reader that keeps calling ``recv``
after the peer closed (it ignores ``b""``) is stopped with ``TooMuchWork`` instead of spinning for ever.

``Wire(data)`` is the other end of a kept-alive connection read like ``sock.makefile("rb")``: reading
past what the server sent fails at once instead of waiting for bytes that will never come.

``serving(server)`` runs a ``socketserver`` server in a thread for one ``with`` block and, when the
block ends, shuts it down, closes its socket and joins its threads; ``peer(handle)`` is such a server
on 127.0.0.1 (a free port) that calls ``handle(conn)`` for each connection: the other end for a
client under test. When the client and the handler both wait for each other (a client that never
half-closes, a handler that waits for more), the peer hangs up at once instead of letting both wait
for a timeout. ``no_leftovers()`` fails a block that leaves a thread running, ``port_closed``
tells whether anything still listens at an address.

``recv_exactly``, ``recv_until_eof`` and ``recv_line`` read the way tests need; given ``watching``
(the threads that could still send: ``server.threads`` of a ``QuietThreadingTCPServer``, the thread
running a server under test), they stop as soon as nothing more can come, so a server that waits
for the client while the client waits for it fails a test in half a second, not after a timeout.
Stuck means "asleep and using no processor time" (``course.runtime.threads.wait_until``), never a
clock: a slow machine only makes a correct answer slower.

Standard library only: the proof worker and every notebook import it.
"""

from __future__ import annotations

import contextlib
import io
import os
import select
import socket
import socketserver
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

from course.runtime.meters import TooMuchWork
from course.runtime.threads import Watching, wait_until

S = TypeVar("S", bound=socketserver.BaseServer)

LOCALHOST = "127.0.0.1"
GRACE = 5.0  # seconds a thread gets to finish once its sockets are closed (only a broken answer waits)
STALL = 0.5  # seconds of stillness (asleep, no processor time) after which a waiting thread counts as stuck
BUFSIZE = 65536


def wait_readable(sock: socket.socket, watching: Watching, *, stall: float = STALL) -> bool:
    """Wait until ``sock`` has something to read (data, or the end of the stream). False as soon as
    nothing can come any more: every thread in ``watching`` (those that could still send) has ended
    or sat still (asleep, no processor time) for ``stall`` seconds."""

    def ready() -> bool:
        if sock.fileno() == -1:
            return True  # closed: let recv say so
        if isinstance(sock, ssl.SSLSocket) and sock.pending():
            return True
        return bool(select.select([sock], [], [], 0)[0])

    return wait_until(ready, watching, stall=stall)


def recv_exactly(sock: socket.socket, n: int, *, watching: Watching | None = None) -> bytes:
    """Exactly ``n`` bytes from ``sock`` (several ``recv`` calls if need be); fewer only if the peer
    closed, or, with ``watching``, once the threads that could send more are stuck."""
    data = b""
    while len(data) < n:
        if watching is not None and not wait_readable(sock, watching):
            break
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def recv_until_eof(sock: socket.socket, *, watching: Watching | None = None) -> bytes:
    """Everything the peer sends until it closes its side (or, with ``watching``, until the threads
    that could send more are stuck)."""
    parts = []
    while watching is None or wait_readable(sock, watching):
        chunk = sock.recv(BUFSIZE)
        if not chunk:
            break
        parts.append(chunk)
    return b"".join(parts)


def recv_line(sock: socket.socket, *, watching: Watching | None = None) -> bytes:
    """One line, newline included, read a byte at a time (slow, but never reads past the line);
    less if the peer closed, or, with ``watching``, once the threads that could send more are stuck."""
    data = b""
    while not data.endswith(b"\n"):
        if watching is not None and not wait_readable(sock, watching):
            break
        byte = sock.recv(1)
        if not byte:
            break
        data += byte
    return data


class TrickleSocket:
    """A connected socket, as far as ``recv``/``sendall`` go, that delivers ``pieces`` one per ``recv``.

    ``recv(n)`` returns the next piece (or its first ``n`` bytes, keeping the rest for the next call),
    then ``b""`` once they are used up (the peer closed). ``ends_allowed`` further calls after that
    are tolerated; the next one raises ``TooMuchWork``. With ``quiet_end=True`` the peer does not close
    but goes quiet: once the pieces are used up, ``recv`` raises ``TimeoutError`` at once, as a socket
    with a timeout would (only if ``settimeout`` gave it one; without, it raises ``AssertionError``: a
    real socket would wait for ever). What the code sends is collected in ``sent``; ``recvs`` counts
    the calls, ``closed`` tells whether ``close()`` was called.
    """

    def __init__(self, pieces: Iterable[bytes], *, ends_allowed: int = 3, quiet_end: bool = False) -> None:
        self._pieces = [bytes(p) for p in pieces]
        if any(not p for p in self._pieces):
            raise ValueError("an empty piece would look like the end of the stream; leave it out")
        self._ends_allowed = ends_allowed
        self._quiet_end = quiet_end
        self.timeout: float | None = None
        self.recvs = 0
        self.ends = 0
        self.sent = b""
        self.closed = False
        self.shut_down: list[int] = []

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        if self.closed:
            raise OSError("recv on a closed socket")
        if bufsize <= 0:
            raise ValueError(f"recv({bufsize}): ask for at least one byte")
        self.recvs += 1
        if not self._pieces and self._quiet_end:
            if self.timeout is None:
                raise AssertionError("recv on a quiet peer without a timeout would wait for ever")
            raise TimeoutError("timed out")
        if not self._pieces:
            self.ends += 1
            if self.ends > self._ends_allowed:
                msg = f"recv called {self.ends} times after the peer closed: a loop that ignores b'' never ends"
                raise TooMuchWork(msg)
            return b""
        piece = self._pieces[0]
        self._pieces[0] = piece[bufsize:]
        if not self._pieces[0]:
            del self._pieces[0]
        return piece[:bufsize]

    def sendall(self, data: bytes, flags: int = 0) -> None:
        if self.closed:
            raise OSError("sendall on a closed socket")
        self.sent += bytes(data)

    def send(self, data: bytes, flags: int = 0) -> int:
        self.sendall(data)
        return len(data)

    def shutdown(self, how: int) -> None:
        self.shut_down.append(how)

    def close(self) -> None:
        self.closed = True

    def settimeout(self, value: float | None) -> None:
        """Recorded in ``timeout``; nothing here ever waits."""
        self.timeout = value

    @property
    def unread(self) -> bytes:
        """What the code has not read yet."""
        return b"".join(self._pieces)

    def __enter__(self) -> TrickleSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"TrickleSocket({len(self._pieces)} pieces left, {self.recvs} recvs, sent={self.sent!r})"


class Wire:
    """What a server sent on a connection that stays open (keep-alive), read like a socket's file
    (``sock.makefile("rb")``): ``readline()`` and ``read(n)``. Reading past what the server sent raises an
    ``AssertionError`` at once, where a real connection would wait for ever. ``Wire(data, closes=True)``:
    the server closes after ``data``, so reading to the end is allowed. ``rest()`` is what nobody has
    read yet."""

    def __init__(self, data: bytes, *, closes: bool = False) -> None:
        self._buf = io.BytesIO(data)
        self._size = len(data)
        self.closes = closes

    def _past_end(self, what: str) -> AssertionError:
        return AssertionError(
            f"{what} reads past the end of what the server sent; the connection stays open, "
            "so a real client would wait here for ever (find where the response ends)"
        )

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            if not self.closes:
                raise self._past_end("read() with no size")
            return self._buf.read()
        if self._buf.tell() + n > self._size and not self.closes:
            raise self._past_end(f"read({n})")
        return self._buf.read(n)

    def readline(self, limit: int | None = -1) -> bytes:
        start = self._buf.tell()
        line = self._buf.readline(-1 if limit is None else limit)
        full = limit is not None and 0 <= limit == len(line)
        if not line.endswith(b"\n") and not full and not self.closes:
            self._buf.seek(start)
            raise self._past_end("readline()")
        return line

    def rest(self) -> bytes:
        here = self._buf.tell()
        data = self._buf.read()
        self._buf.seek(here)
        return data


Address = tuple[str, int]


class ScriptedUDP:
    """Datagrams without a network or a clock, for a UDP client under test.

    Put ``script.socket`` where the code finds ``socket.socket`` (and put it back after). Every socket it
    makes is a stand-in UDP socket: the ``k``-th datagram sent (over all of them) gets ``replies[k]``, a list
    of ``(data, sender)`` datagrams that then arrive (``[]``: the datagram was lost; past the end of
    ``replies`` everything is lost). ``recvfrom`` hands them out in order, then raises ``TimeoutError`` at
    once, as if the socket's timeout had passed. A socket that was ``connect``-ed only receives from that
    address (the kernel drops the others). ``recvfrom`` on a socket with no timeout raises ``AssertionError``:
    on a network it could wait for ever. ``sent`` lists ``(data, address)``, ``made`` the sockets.
    """

    def __init__(self, replies: Iterable[Iterable[tuple[bytes, Address]]]) -> None:
        self.replies = [list(r) for r in replies]
        self.sent: list[tuple[bytes, Address]] = []
        self.made: list[_ScriptedUDPSocket] = []

    def socket(
        self, family: int = socket.AF_INET, type: int = socket.SOCK_STREAM, proto: int = 0, fileno: int | None = None
    ) -> _ScriptedUDPSocket:
        if type != socket.SOCK_DGRAM:
            raise AssertionError(f"a UDP client makes a SOCK_DGRAM socket, not {socket.SocketKind(type).name}")
        sock = _ScriptedUDPSocket(self)
        self.made.append(sock)
        return sock


class _ScriptedUDPSocket:
    """One socket made by a ``ScriptedUDP``: ``timeout``, ``closed`` and what is waiting in ``inbox``."""

    def __init__(self, script: ScriptedUDP) -> None:
        self._script = script
        self.timeout: float | None = None
        self.closed = False
        self.peer: Address | None = None
        self.inbox: list[tuple[bytes, Address]] = []

    def _check_open(self) -> None:
        if self.closed:
            raise OSError("the socket is closed")

    def settimeout(self, value: float | None) -> None:
        self.timeout = value

    def gettimeout(self) -> float | None:
        return self.timeout

    def connect(self, address: Address) -> None:
        self._check_open()
        self.peer = tuple(address)  # type: ignore[assignment]

    def sendto(self, data: bytes, address: Address) -> int:
        self._check_open()
        k = len(self._script.sent)
        self._script.sent.append((bytes(data), tuple(address)))  # type: ignore[arg-type]
        if k < len(self._script.replies):
            self.inbox += self._script.replies[k]
        return len(data)

    def send(self, data: bytes) -> int:
        if self.peer is None:
            raise OSError("send() on a UDP socket that is not connected: use sendto(data, address)")
        return self.sendto(data, self.peer)

    def recvfrom(self, bufsize: int) -> tuple[bytes, Address]:
        self._check_open()
        if self.timeout is None:
            raise AssertionError("recvfrom() on a UDP socket without a timeout: a lost datagram means waiting for ever")
        while self.inbox:
            data, sender = self.inbox.pop(0)
            if self.peer is None or sender == self.peer:
                return data[:bufsize], sender
        raise TimeoutError("timed out")

    def recv(self, bufsize: int) -> bytes:
        return self.recvfrom(bufsize)[0]

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> _ScriptedUDPSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _QuietMixin:
    """Errors in a handler are recorded in ``errors`` (for the test to look at), not printed."""

    errors: list[BaseException]

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        err = sys.exc_info()[1]
        if err is not None:
            self.errors.append(err)


class QuietThreadingTCPServer(_QuietMixin, socketserver.ThreadingTCPServer):
    """A ``ThreadingTCPServer`` on which nothing outlives ``serving()``: handler errors are recorded in
    ``errors`` (not printed), and ``stop_handlers`` waits for the handler threads, then unblocks
    the ones still waiting on their connection by shutting that connection down.

    Handler threads are daemons, so even a handler that ignores all that never keeps the
    interpreter from exiting."""

    allow_reuse_address = True
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], handler: type[socketserver.BaseRequestHandler]) -> None:
        self.errors = []
        self.handlers: list[tuple[threading.Thread, socket.socket]] = []
        self.loop: threading.Thread | None = None  # the thread running serve_forever (set by serving())
        super().__init__(address, handler)

    def threads(self) -> list[threading.Thread]:
        """The threads that could still send to a client: the accept loop and the live handlers
        (pass ``server.threads`` as ``watching``)."""
        loop = [self.loop] if self.loop is not None else []
        return loop + [t for t, _ in self.handlers if t.is_alive()]

    def process_request(self, request: Any, client_address: Any) -> None:
        # A second handle on the connection: it can still shut the connection down after the handler
        # wrapped its socket in TLS (which detaches the original socket object from the connection).
        # A TLS socket cannot be dup()ed (a server whose listening socket is wrapped accepts TLS sockets):
        # a plain socket on a copy of the descriptor shuts the same connection down.
        spare = socket.socket(request.family, request.type, request.proto, fileno=os.dup(request.fileno()))
        thread = threading.Thread(
            target=self._serve_one, args=(request, client_address, spare), name="handler", daemon=True
        )
        self.handlers.append((thread, spare))
        thread.start()

    def _serve_one(self, request: Any, client_address: Any, spare: socket.socket) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            spare.close()

    def stop_handlers(self, wait: float) -> bool:
        """Give the handlers up to ``wait`` seconds in all to return (less if they all sit still: they
        wait for something that will not come); then shut down the connections of those still
        running, which makes their ``recv`` return ``b""``. True if none had to be stopped."""
        handlers = [t for t, _ in self.handlers]
        if wait > 0:
            wait_until(lambda: not any(t.is_alive() for t in handlers), handlers, backstop=wait)
        stuck = [(t, conn) for t, conn in self.handlers if t.is_alive()]
        for _, conn in stuck:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread, _ in stuck:
            thread.join(GRACE)
        return not stuck


@contextlib.contextmanager
def serving(server: S, *, grace: float = GRACE, poll_interval: float = 0.05) -> Iterator[S]:
    """Run ``server.serve_forever()`` in a thread for one block; then stop it and close its socket.
    (``poll_interval``: how often the loop looks whether it should stop, so at most how long stopping takes.)

    A ``QuietThreadingTCPServer``'s handlers get up to ``grace`` seconds to return after a block that
    went well (none after one that failed, and no more once they all sit still); one still running
    then has its connection shut down, and fails a block that went well: a handler must return when
    its client has finished.
    """
    loop = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": poll_interval}, name="serving", daemon=True
    )
    if isinstance(server, QuietThreadingTCPServer):
        server.loop = loop
    loop.start()
    ok = False
    try:
        yield server
        ok = True
    finally:
        server.shutdown()
        loop.join()
        server.server_close()
        stopped = server.stop_handlers(grace if ok else 0.0) if isinstance(server, QuietThreadingTCPServer) else True
    if not stopped:
        raise AssertionError("a connection handler was still running after the block ended (it never returned)")


class Peer:
    """What ``peer()`` yields: the address to connect to, what went wrong on the server's side, and
    ``hung_up``: how many connections the peer hung up because it and its client waited for each other."""

    def __init__(self, server: QuietThreadingTCPServer) -> None:
        self._server = server
        host, port = server.server_address[:2]
        self.address: tuple[str, int] = (str(host), int(port))
        self.hung_up = 0

    @property
    def errors(self) -> list[BaseException]:
        return self._server.errors


class _HangUp:
    """Watches a peer's handlers and the client side (the thread that opened the block and the threads
    it starts): when they all sit still for ``stall`` seconds, nobody can go on (each waits for the
    other), so the live handlers' connections are shut down: the client's reads return ``b""`` at once."""

    def __init__(self, server: QuietThreadingTCPServer, result: Peer, stall: float) -> None:
        self._server, self._result, self._stall = server, result, stall
        self._client = threading.current_thread()
        self._before = set(threading.enumerate())
        self._done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="peer-hang-up", daemon=True)
        self.thread.start()

    def _watched(self) -> list[threading.Thread]:
        mine = {self.thread, self._server.loop}
        started = [t for t in threading.enumerate() if t not in self._before and t not in mine]
        return [self._client, *started]

    def _run(self) -> None:
        done: set[int] = set()  # the connections hung up already
        while not self._done.is_set():
            live = [(t, conn) for t, conn in self._server.handlers if t.is_alive()]
            ids = {id(t) for t, _ in live}

            def changed(ids: set[int] = ids) -> bool:
                now = {id(t) for t, _ in self._server.handlers if t.is_alive()}
                return self._done.is_set() or now != ids

            if wait_until(changed, self._watched, stall=self._stall, backstop=3600.0) or not live:
                continue
            for thread, conn in live:
                if thread.is_alive() and conn.fileno() != -1 and id(conn) not in done:
                    done.add(id(conn))
                    self._result.hung_up += 1  # counted first: the client may look as soon as it is hung up
                    with contextlib.suppress(OSError):
                        conn.shutdown(socket.SHUT_RDWR)
            threads = [t for t, _ in live]
            wait_until(lambda: not any(t.is_alive() for t in threads), threads, stall=self._stall)  # noqa: B023

    def stop(self) -> None:
        self._done.set()
        self.thread.join()


@contextlib.contextmanager
def peer(
    handle: Callable[[socket.socket], None], *, timeout: float = GRACE, hang_up_stuck: bool = True, stall: float = STALL
) -> Iterator[Peer]:
    """A TCP server on 127.0.0.1 (a free port) that runs ``handle(conn)`` for each connection, in its own
    thread, for one ``with`` block. ``conn`` has a ``timeout`` so a handler waiting for a client that
    never speaks fails instead of hanging; it is closed when ``handle`` returns.

    With ``hang_up_stuck`` (the default) the peer also hangs up as soon as its handlers and the client
    side (the thread that opened the block, and threads started since) all sit still for ``stall``
    seconds: each waits for the other, so only a timeout would end it. A client that waits on a timer
    of its own (``settimeout(0.2)``) wakes before that, or sees the peer close, which ends its wait the
    same way a silent peer's timeout would."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(timeout)
            handle(conn)

    server = QuietThreadingTCPServer((LOCALHOST, 0), Handler)
    with serving(server):
        result = Peer(server)
        watchdog = _HangUp(server, result, stall) if hang_up_stuck else None
        try:
            yield result
        finally:
            if watchdog is not None:
                watchdog.stop()


def port_closed(address: tuple[str, int], timeout: float = GRACE) -> bool:
    """True when nothing accepts TCP connections at ``address`` any more (the connection is refused)."""
    try:
        with socket.create_connection(address, timeout=timeout):
            return False
    except ConnectionRefusedError:
        return True


class no_leftovers:  # named like a function: it is used as `with no_leftovers():`
    """Fails the block if a thread it started is still running at its end (after up to ``GRACE``
    seconds to finish; a thread that sits still, waiting for something that will not come, is
    reported at once)."""

    def __init__(self, grace: float = GRACE) -> None:
        self.grace = grace
        self._before: set[threading.Thread] = set()

    def __enter__(self) -> no_leftovers:
        self._before = set(threading.enumerate())
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        new = [t for t in threading.enumerate() if t not in self._before]
        if kind is not None:
            return  # the block failed already: do not make it wait as well
        wait_until(lambda: not any(t.is_alive() for t in new), new, backstop=self.grace)
        alive = [t.name for t in new if t.is_alive()]
        if alive:
            raise AssertionError(f"threads still running after the block: {alive}")
