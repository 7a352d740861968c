"""course.runtime.aio: one way to run a coroutine with or without a running loop, and a local HTTP server."""

from __future__ import annotations

import asyncio
import gc
import socket
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest

from course.runtime.aio import run, serve


async def _double(x: int) -> int:
    await asyncio.sleep(0)
    return 2 * x


def test_run_without_a_running_loop_is_asyncio_run() -> None:
    assert run(_double(21)) == 42


def test_run_inside_a_running_loop_uses_a_fresh_loop_in_another_thread() -> None:
    seen: dict[str, Any] = {}

    async def inner() -> str:
        seen["thread"] = threading.current_thread()
        seen["loop"] = asyncio.get_running_loop()
        return "done"

    async def outer() -> str:
        seen["outer"] = asyncio.get_running_loop()
        return run(inner())  # what a notebook cell does: a loop is already running here

    assert asyncio.run(outer()) == "done"
    assert seen["thread"] is not threading.main_thread()
    assert seen["loop"] is not seen["outer"]
    assert seen["loop"].is_closed()


def test_run_inside_a_running_loop_raises_the_coroutines_error() -> None:
    async def broken() -> None:
        raise KeyError("lost")

    async def outer() -> None:
        run(broken())

    with pytest.raises(KeyError, match="lost"):
        asyncio.run(outer())


def test_run_passes_debug_mode_on() -> None:
    async def mode() -> bool:
        return asyncio.get_running_loop().get_debug()

    async def outer() -> bool:
        return run(mode(), debug=True)

    assert run(mode(), debug=True) is True
    assert asyncio.run(outer()) is True


async def _hello(scope: dict[str, Any], receive: Any, send: Any) -> None:
    assert scope["type"] == "http"
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": scope["path"].encode()})


def test_serve_answers_real_http_and_stops_with_the_block() -> None:
    pytest.importorskip("uvicorn")
    with serve(_hello) as url:
        (thread,) = [t for t in threading.enumerate() if t.name == "course-aio-serve"]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/ping", timeout=10) as resp:
            assert resp.read() == b"/ping"
    assert not thread.is_alive()
    with pytest.raises(urllib.error.URLError):  # nobody listens there any more
        urllib.request.urlopen(f"{url}/ping", timeout=10)


def test_served_connections_send_at_once_without_waiting_for_an_ack() -> None:
    """Nagle's algorithm is off (TCP_NODELAY) on the server's side of every connection: with it on, each
    answer on a kept-alive connection waited ~40 ms for the client's delayed ACK."""
    pytest.importorskip("uvicorn")
    with serve(_hello) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.sendall(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            assert client.recv(4096).startswith(b"HTTP/1.1 200")
            mine = client.getsockname()
            accepted = [
                obj
                for obj in gc.get_objects()
                if isinstance(obj, socket.socket) and obj.fileno() != -1 and _peer(obj) == mine
            ]
            assert accepted, "the server's end of the connection was found"
            assert all(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in accepted)


def _peer(sock: socket.socket) -> Any:
    try:
        return sock.getpeername()
    except OSError:
        return None


class _Interrupted(BaseException):
    pass


def test_an_interrupted_wait_cancels_the_coroutine_on_its_loop() -> None:
    """What a proof timeout or Ctrl-C does to a cell that waits in ``run``: the coroutine is cancelled."""
    import signal

    log: list[str] = []

    async def forever() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            log.append("cancelled")
            raise

    async def outer() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.2)  # fires while run() waits: forever() never ends
        run(forever())

    def interrupt(_signum: int, _frame: Any) -> None:
        raise _Interrupted

    old = signal.signal(signal.SIGALRM, interrupt)
    try:
        with pytest.raises(_Interrupted):
            asyncio.run(outer())
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert log == ["cancelled"]


async def _never_answers(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await asyncio.Event().wait()  # not even when the client goes away


def test_serve_stops_although_a_request_is_still_being_answered() -> None:
    """A client that keeps its connection open on a handler that never answers must not keep the
    server (and the ``with`` block) alive: requests get GRACEFUL_SECONDS, then they are cancelled."""
    pytest.importorskip("uvicorn")
    import socket

    with serve(_never_answers) as url:
        (thread,) = [t for t in threading.enumerate() if t.name == "course-aio-serve"]
        host, port = url.removeprefix("http://").split(":")
        client = socket.create_connection((host, int(port)), timeout=10)
        client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    try:
        assert not thread.is_alive()
    finally:
        client.close()
