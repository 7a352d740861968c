"""HTTP servers for lessons and tests: Python's own ``http.server`` on 127.0.0.1, for one ``with`` block.

>>> class Hello(QuietHandler):
...     def do_GET(self) -> None:
...         self.send_body(200, b"hi\\n")
>>> with local_server(Hello) as server:
...     exchange(server, b"GET / HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n").split(b"\\r\\n")[0]
b'HTTP/1.1 200 OK'

``local_server(handler, **state)`` serves ``handler`` at a port the operating system picks (port 0), in
a thread, through ``course.runtime.sockets.serving``: when the block ends the accept loop stops, the
listening socket is closed, and every connection still open (a client's kept-alive connection, whose
handler waits for a next request) is shut down, so its handler thread ends too. Keyword arguments
become attributes of the server (``self.server.NAME`` in a handler). ``https_server`` is the same
with TLS (certificates from ``course.runtime.tls``). ``QuietHandler`` speaks HTTP/1.1, logs nothing
and has ``send_body``; ``EchoHandler`` answers every request with JSON describing it. ``base_url``
and ``exchange`` (raw bytes in, everything answered out) talk to such a server.

Standard library only, apart from ``https_server`` (``cryptography``, through ``course.runtime.tls``).
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import sys
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from course.runtime.sockets import GRACE, LOCALHOST, QuietThreadingTCPServer, serving
from course.runtime.threads import wait_until

JOIN = 0.2  # seconds a handler gets to end after its connection was shut down, before we watch it sit still

__all__ = ["EchoHandler", "LocalServer", "QuietHandler", "base_url", "exchange", "https_server", "local_server"]


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that speaks HTTP/1.1 (keep-alive) and does not log every request to stderr."""

    protocol_version = "HTTP/1.1"
    # Send small writes at once (TCP_NODELAY). Without it, on a kept-alive connection the body, written
    # after the headers, can wait ~40 ms for the client's delayed ACK (Nagle's algorithm).
    disable_nagle_algorithm = True
    answered = False

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_response(self, code: int, message: str | None = None) -> None:
        self.answered = True
        super().send_response(code, message)

    def handle_one_request(self) -> None:
        """As usual; but a handler method that returned without answering hangs up at once, instead of
        leaving its client waiting for a response that will never come."""
        self.answered = False
        super().handle_one_request()
        if not self.answered:
            self.close_connection = True

    def send_body(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/plain; charset=utf-8",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """One whole response: status line, headers (Content-Length included), blank line, body."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class LocalServer(QuietThreadingTCPServer, ThreadingHTTPServer):
    """A ``ThreadingHTTPServer`` whose handler threads are tracked (``QuietThreadingTCPServer``), so
    ``serving`` leaves none behind. A handler's error is recorded in ``errors``; a client that hangs up
    or refuses our certificate is part of the lesson (nothing printed), any other error gets one line
    on stderr (the client sees the connection close), not a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        super().handle_error(request, client_address)
        error = sys.exc_info()[1]
        if not isinstance(error, (ssl.SSLError, ConnectionError)):
            print(f"server: the handler raised {type(error).__name__}: {error}", file=sys.stderr)

    def stop_handlers(self, wait: float) -> bool:
        """HTTP/1.1 keeps a connection open between requests, so a handler still waiting for its client's
        next request when the block ends is normal, not a fault: every connection still open is shut down
        at once (its handler reads the end and returns), then the handlers get up to ``wait`` seconds to
        end (less once they all sit still). Always True: nothing here fails the block."""
        live = [(thread, conn) for thread, conn in self.handlers if thread.is_alive()]
        for _, conn in live:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        threads = [thread for thread, _ in live]
        if wait > 0:
            for thread in threads:  # each ends as soon as it reads the end of its connection
                thread.join(min(wait, JOIN))
            if any(t.is_alive() for t in threads):  # waiting for something else: stop once they sit still
                wait_until(lambda: not any(t.is_alive() for t in threads), threads, backstop=wait)
        return True


@contextlib.contextmanager
def local_server(handler: type[BaseHTTPRequestHandler], **state: Any) -> Iterator[LocalServer]:
    """Serve ``handler`` on 127.0.0.1 at a free port, in a thread, for one ``with`` block. Keyword arguments
    become attributes of the server, which handlers read as ``self.server.NAME``. When the block ends,
    nothing is left: no listening socket, no open connection, no handler thread (after up to ``GRACE``
    seconds; less once they sit still)."""
    with _serving(_new_server(handler, state)) as server:
        yield server


def _new_server(handler: type[BaseHTTPRequestHandler], state: Mapping[str, Any]) -> LocalServer:
    server = LocalServer((LOCALHOST, 0), handler)
    for name, value in state.items():
        setattr(server, name, value)
    return server


def _serving(server: LocalServer) -> contextlib.AbstractContextManager[LocalServer]:
    return serving(server, grace=GRACE, poll_interval=0.01)  # a short poll: the block ends within 10 ms


@contextlib.contextmanager
def https_server(
    handler: type[BaseHTTPRequestHandler], cert_pem: str, key_pem: str, **state: Any
) -> Iterator[LocalServer]:
    """``local_server``, but every connection speaks TLS with the given certificate and key (PEM text,
    as ``course.runtime.tls.server_cert`` makes them)."""
    from course.runtime.tls import server_context  # needs cryptography; plain HTTP does not

    context = server_context(cert_pem, key_pem)
    server = _new_server(handler, state)
    # The handshake happens in the connection's own thread (on its first read), never in the accept loop.
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    with _serving(server):
        yield server


def base_url(server: ThreadingHTTPServer) -> str:
    """``http://127.0.0.1:PORT`` of a running server."""
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def exchange(server: ThreadingHTTPServer, raw: bytes, *, timeout: float = 10.0) -> bytes:
    """Send raw bytes to the server, say "I am done sending" (shutdown of our half), and read everything
    it answers until it closes. Because we close our half, a malformed request can never leave both
    sides waiting for each other."""
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=timeout) as conn:
        conn.sendall(raw)
        conn.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    return data


class EchoHandler(QuietHandler):
    """Answers every request with JSON describing what arrived (method, path, headers with lower-case
    names, body as text); records ``(client port, method, path)`` in ``server.seen`` (give the server
    ``seen=[]``), so a test can count connections (one client port = one TCP connection)."""

    def answer(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        self.server.seen.append((self.client_address[1], self.command, self.path))  # type: ignore[attr-defined]
        report = {
            "method": self.command,
            "path": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
        }
        self.send_body(200, json.dumps(report).encode(), "application/json")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = answer
