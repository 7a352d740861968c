"""Sockets for tests that must not depend on scheduling: scripted reads, servers that stop with the block.

``TrickleSocket(pieces)`` stands in for a connected socket whose ``recv`` hands out the given pieces one
at a time (never more than asked for), so a reader that assumes "one recv, one message" fails on every
machine, not only when the network happens to split a message. A reader that keeps calling ``recv``
after the peer closed (it ignores ``b""``) is stopped with ``TooMuchWork`` instead of spinning for ever.

``serving(server)`` runs a ``socketserver`` server in a thread for one ``with`` block and, when the
block ends, shuts it down, closes its socket and joins its threads; ``peer(handle)`` is such a server
on 127.0.0.1 (a free port) that calls ``handle(conn)`` for each connection: the other end for a
client under test. ``no_leftovers()`` fails a block that leaves a thread running, ``port_closed``
tells whether anything still listens at an address.

Standard library only: the proof worker and every notebook import it.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

from course.runtime.meters import TooMuchWork

S = TypeVar("S", bound=socketserver.BaseServer)

LOCALHOST = "127.0.0.1"
GRACE = 5.0  # seconds a thread gets to finish once its sockets are closed (only a broken answer waits)


class TrickleSocket:
    """A connected socket, as far as ``recv``/``sendall`` go, that delivers ``pieces`` one per ``recv``.

    ``recv(n)`` returns the next piece (or its first ``n`` bytes, keeping the rest for the next call),
    then ``b""`` once they are used up (the peer closed). ``ends_allowed`` further calls after that
    are tolerated; the next one raises ``TooMuchWork``. What the code sends is collected in ``sent``;
    ``recvs`` counts the calls, ``closed`` tells whether ``close()`` was called.
    """

    def __init__(self, pieces: Iterable[bytes], *, ends_allowed: int = 3) -> None:
        self._pieces = [bytes(p) for p in pieces]
        if any(not p for p in self._pieces):
            raise ValueError("an empty piece would look like the end of the stream; leave it out")
        self._ends_allowed = ends_allowed
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
        """Accepted and ignored: nothing here ever waits."""

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
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), name="handler", daemon=True
        )
        self.handlers.append((thread, request))
        thread.start()

    def stop_handlers(self, wait: float) -> bool:
        """Give the handlers ``wait`` seconds in all to return; then shut down the connections of
        those still running, which makes their ``recv`` return ``b""``. True if none had to be stopped."""
        deadline = time.monotonic() + wait
        for thread, _ in self.handlers:
            thread.join(max(0.0, deadline - time.monotonic()))
        stuck = [(t, conn) for t, conn in self.handlers if t.is_alive()]
        for _, conn in stuck:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread, _ in stuck:
            thread.join(GRACE)
        return not stuck


@contextlib.contextmanager
def serving(server: S, *, grace: float = GRACE) -> Iterator[S]:
    """Run ``server.serve_forever()`` in a thread for one block; then stop it and close its socket.

    A ``QuietThreadingTCPServer``'s handlers get ``grace`` seconds to return after a block that
    went well (none after one that failed); one still running then has its connection shut down,
    and fails a block that went well: a handler must return when its client has finished.
    """
    loop = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="serving", daemon=True)
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
    """What ``peer()`` yields: the address to connect to, and what went wrong on the server's side."""

    def __init__(self, server: QuietThreadingTCPServer) -> None:
        self._server = server
        host, port = server.server_address[:2]
        self.address: tuple[str, int] = (str(host), int(port))

    @property
    def errors(self) -> list[BaseException]:
        return self._server.errors


@contextlib.contextmanager
def peer(handle: Callable[[socket.socket], None], *, timeout: float = GRACE) -> Iterator[Peer]:
    """A TCP server on 127.0.0.1 (a free port) that runs ``handle(conn)`` for each connection, in its own
    thread, for one ``with`` block. ``conn`` has a ``timeout`` so a handler waiting for a client that
    never speaks fails instead of hanging; it is closed when ``handle`` returns."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(timeout)
            handle(conn)

    server = QuietThreadingTCPServer((LOCALHOST, 0), Handler)
    with serving(server):
        yield Peer(server)


def port_closed(address: tuple[str, int], timeout: float = GRACE) -> bool:
    """True when nothing accepts TCP connections at ``address`` any more (the connection is refused)."""
    try:
        with socket.create_connection(address, timeout=timeout):
            return False
    except ConnectionRefusedError:
        return True


class no_leftovers:  # named like a function: it is used as `with no_leftovers():`
    """Fails the block if a thread it started is still running at its end (after ``GRACE`` seconds
    to finish, which only a thread that would never end uses up)."""

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
        deadline = time.monotonic() + self.grace
        for t in new:
            t.join(max(0.0, deadline - time.monotonic()))
        alive = [t.name for t in new if t.is_alive()]
        if alive:
            raise AssertionError(f"threads still running after the block: {alive}")
