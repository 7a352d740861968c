"""Read from a Starlette/FastAPI ``TestClient`` WebSocket without hanging and without a clock.

``ws.receive_text()`` of a test session waits for ever when the app never sends (a handler that forgot
to broadcast, a room that lost a member): a wrong answer would hang the notebook or the proof. Here
:func:`next_message` looks for the next message on the session's own event loop (the thread
``TestClient`` runs the app in) and gives that loop a number of passes to produce one. The WebSocket
handlers of a test app run on that loop, so a correct answer sends within a few passes, on any machine;
one that never sends fails at once with ``AssertionError``, whatever the load.

:func:`receive_or_fail` does the same for a real connection (the ``websockets`` package's synchronous
client) to an app served by uvicorn in this process (:func:`course.runtime.aio.serve`): it waits for the
next message while the server's and the client's threads are working, and fails as soon as they all sit
still (asleep, no processor time: see :func:`course.runtime.threads.wait_until`), never on a clock.

For a session of a Starlette version whose test session has another shape (no anyio memory stream),
it falls back to waiting at most ``fallback_seconds`` in a helper thread.
"""

from __future__ import annotations

import threading
from typing import Any

from course.runtime.threads import Watching, wait_until

TURNS = 2000
"""How many event-loop passes :func:`next_message` gives the app before it fails."""


class _NothingCame(Exception):
    pass


async def _take(stream: Any, turns: int) -> dict[str, Any]:
    import anyio  # Starlette's own dependency: there whenever a TestClient is

    for _ in range(turns):
        try:
            message: dict[str, Any] = stream.receive_nowait()
            return message
        except anyio.WouldBlock:
            await anyio.sleep(0)
    raise _NothingCame


def next_message(ws: Any, *, turns: int = TURNS, fallback_seconds: float = 20.0) -> dict[str, Any]:
    """The next ASGI message the app sent on the test WebSocket ``ws`` (``{"type": "websocket.send",
    "text": ...}``, or ``websocket.close``); ``AssertionError`` if the app sends nothing within ``turns``
    passes of its event loop."""
    stream = getattr(ws, "_send_rx", None)
    if stream is None or not hasattr(stream, "receive_nowait"):
        return _next_in_thread(ws, fallback_seconds)
    try:
        return ws.portal.call(_take, stream, turns)
    except _NothingCame:
        msg = "nothing arrived on the WebSocket: the app is waiting, and has nothing to send"
        raise AssertionError(msg) from None


def next_text(ws: Any, *, turns: int = TURNS) -> str:
    """The next text message on the test WebSocket ``ws``; ``AssertionError`` if none comes (see
    :func:`next_message`) or if the app closed the connection or sent bytes instead."""
    message = next_message(ws, turns=turns)
    if message.get("type") != "websocket.send" or message.get("text") is None:
        msg = f"expected a text message, the app sent {message!r}"
        raise AssertionError(msg)
    text: str = message["text"]
    return text


def receive_or_fail(conn: Any, watching: Watching, *, stall: float = 0.5) -> str | bytes:
    """The next message on ``conn``, a ``websockets.sync.client`` connection; ``AssertionError`` when none
    has come once every thread in ``watching`` (the server's and the client's: pass ``new_threads()``
    taken before ``serve``) sits still for ``stall`` seconds. A closed connection raises the client's
    ``ConnectionClosed``, whose ``rcvd`` holds the close frame."""
    box: dict[str, str | bytes] = {}

    def arrived() -> bool:
        if "message" not in box:
            try:
                box["message"] = conn.recv(timeout=0)
            except TimeoutError:
                return False
        return True

    if not wait_until(arrived, watching, stall=stall):
        msg = "nothing arrived on the WebSocket: server and client sit still, with nothing to send"
        raise AssertionError(msg)
    return box["message"]


def _next_in_thread(ws: Any, seconds: float) -> dict[str, Any]:
    box: dict[str, Any] = {}
    done = threading.Event()

    def wait() -> None:
        try:
            box["value"] = ws.receive()
        except BaseException as err:  # noqa: BLE001 - handed to the caller
            box["error"] = err
        finally:
            done.set()

    threading.Thread(target=wait, name="course-wstest", daemon=True).start()
    if not done.wait(seconds):
        msg = f"nothing arrived on the WebSocket within {seconds} s"
        raise AssertionError(msg)
    if "error" in box:
        msg = f"the WebSocket failed instead of sending: {box['error']!r}"
        raise AssertionError(msg)
    value: dict[str, Any] = box["value"]
    return value
