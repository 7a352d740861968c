"""course.runtime.wstest: reading a TestClient WebSocket fails at once, never hangs, when nothing comes."""

from __future__ import annotations

import contextlib
import threading
import warnings
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from course.runtime.wstest import next_message, next_text, receive_or_fail

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


async def echo_once(ws: WebSocket) -> None:
    """Greets, answers one message (``"bye"`` closes with 4001), then waits for ever."""
    await ws.accept()
    await ws.send_text("hello")
    text = await ws.receive_text()
    if text == "bye":
        await ws.close(code=4001)
        return
    await ws.send_text(f"got {text}")
    with contextlib.suppress(WebSocketDisconnect):
        await ws.receive_text()


def app() -> Starlette:
    return Starlette(routes=[WebSocketRoute("/ws", echo_once)])


def test_next_text_reads_what_the_app_sends() -> None:
    with TestClient(app()) as client, client.websocket_connect("/ws") as ws:
        assert next_text(ws) == "hello"
        ws.send_text("ping")
        assert next_text(ws) == "got ping"


def test_an_app_that_sends_nothing_fails_instead_of_hanging() -> None:
    with TestClient(app()) as client, client.websocket_connect("/ws") as ws:
        assert next_text(ws) == "hello"
        with pytest.raises(AssertionError, match="nothing arrived"):
            next_text(ws, turns=50)
        ws.send_text("late")  # the session is still usable afterwards
        assert next_text(ws) == "got late"


def test_a_close_is_a_message_but_not_a_text() -> None:
    with TestClient(app()) as client:
        with client.websocket_connect("/ws") as ws:
            next_text(ws)
            ws.send_text("bye")
            assert next_message(ws) == {"type": "websocket.close", "code": 4001, "reason": ""}
        with client.websocket_connect("/ws") as ws:
            next_text(ws)
            ws.send_text("bye")
            with pytest.raises(AssertionError, match="expected a text message"):
                next_text(ws)


class OtherSession:
    """A test session of another shape: no anyio stream, only a blocking ``receive``."""

    def __init__(self, messages: list[dict[str, Any]], block: Any = None) -> None:
        self.messages, self.block = messages, block

    def receive(self) -> dict[str, Any]:
        if self.messages:
            return self.messages.pop(0)
        self.block.wait()
        raise RuntimeError("closed")


def test_other_sessions_fall_back_to_a_bounded_wait() -> None:
    assert next_text(OtherSession([{"type": "websocket.send", "text": "hi"}])) == "hi"
    never = threading.Event()
    try:
        with pytest.raises(AssertionError, match=r"within 0\.05 s"):
            next_message(OtherSession([], never), fallback_seconds=0.05)
    finally:
        never.set()  # the helper thread ends


def test_receive_or_fail_over_a_real_server() -> None:
    from websockets.sync.client import connect

    from course.runtime.aio import serve
    from course.runtime.threads import new_threads

    threads = new_threads()
    with serve(app()) as url, connect(url.replace("http", "ws", 1) + "/ws") as conn:
        assert receive_or_fail(conn, threads) == "hello"
        conn.send("ping")
        assert receive_or_fail(conn, threads) == "got ping"
        with pytest.raises(AssertionError, match="sit still"):
            receive_or_fail(conn, threads, stall=0.2)  # the app waits and has nothing to send
    assert not [t for t in threads() if t.name == "course-aio-serve"], "the server stopped with its block"
