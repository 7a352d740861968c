"""Run asyncio code the same way in a Jupyter kernel, in nbgrader and in the proof worker, and serve
an ASGI app on a real local HTTP server for one block.

In a Jupyter kernel an event loop is already running in the main thread, so ``asyncio.run()``
raises ``RuntimeError`` there, while top-level ``await`` works; in a plain process (the proof worker,
a script) it is the other way round. :func:`run` works in both: with no running loop it is
``asyncio.run``; with one, it runs the coroutine on a fresh loop in a worker thread and waits for it.
If the wait is interrupted (Ctrl-C, a proof timeout), the coroutine is cancelled on its loop.

:func:`serve` starts ``uvicorn`` on 127.0.0.1 with an operating-system-chosen port in a daemon
thread, yields the base URL and stops the server when the block ends (and at interpreter exit, for a
block that never ends); requests still being answered then get :data:`GRACEFUL_SECONDS` to finish.
``uvicorn`` is imported only when :func:`serve` is called.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

CANCEL_GRACE_SECONDS = 5.0
"""How long :func:`run` waits for a cancelled coroutine to finish after its wait was interrupted."""


def run(coro: Coroutine[Any, Any, T], *, debug: bool = False) -> T:
    """Run ``coro`` to the end on a fresh event loop and return its result (or raise its error).

    Works whether or not an event loop is already running in this thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro, debug=debug)
    return _run_in_thread(coro, debug=debug)


def _run_in_thread(coro: Coroutine[Any, Any, T], *, debug: bool) -> T:
    box: dict[str, Any] = {}
    started, finished = threading.Event(), threading.Event()

    async def main() -> T:
        box["loop"] = asyncio.get_running_loop()
        box["task"] = asyncio.current_task()
        started.set()
        return await coro

    def target() -> None:
        try:
            box["result"] = asyncio.run(main(), debug=debug)
        except BaseException as err:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = err
        finally:
            started.set()
            finished.set()

    # Wait on an Event, not with Thread.join: on 3.11 and 3.12 a join interrupted by a signal handler's exception
    # marks a thread that is still running as stopped (checked on 3.11.7 and 3.12.1, fixed in 3.13.0),
    # so a second join would return at once.
    worker = threading.Thread(target=target, name="course-aio-run", daemon=True)
    try:
        worker.start()
        finished.wait()
    except BaseException:
        started.wait(CANCEL_GRACE_SECONDS)
        loop, task = box.get("loop"), box.get("task")
        if loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop may have closed meanwhile
                loop.call_soon_threadsafe(task.cancel)
            finished.wait(CANCEL_GRACE_SECONDS)
        raise
    worker.join()
    if "error" in box:
        err = box["error"]
        raise err.with_traceback(err.__traceback__)
    return box["result"]


GRACEFUL_SECONDS = 1
"""How long a stopping :func:`serve` lets requests still being answered finish before it cancels them
(a handler that waits for a client that never goes away must not keep the server, and the block, alive)."""

_live: list[Any] = []


def _stop_all() -> None:
    for server in list(_live):
        server.should_exit = True


atexit.register(_stop_all)


@contextlib.contextmanager
def serve(app: Any, *, start_timeout: float = 30.0) -> Iterator[str]:
    """Serve the ASGI ``app`` with uvicorn on ``http://127.0.0.1:<free port>`` for the ``with`` block;
    yields that base URL (no trailing slash). The server stops, and its thread ends, when the block
    ends. Raises ``RuntimeError`` if the server does not start within ``start_timeout`` seconds."""
    import uvicorn  # only the sections that serve HTTP need it

    # IPPROTO_TCP, not the default 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose
    # proto says TCP, and accepted connections inherit it. With 0, every response on a kept-alive connection
    # waited ~40 ms for the client's delayed ACK (measured: 44-48 ms per request, 0.3-5 ms with the fix).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", access_log=False, timeout_graceful_shutdown=GRACEFUL_SECONDS
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="course-aio-serve", daemon=True)
    _live.append(server)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                msg = f"serve: uvicorn did not start on 127.0.0.1:{port}"
                raise RuntimeError(msg)
            time.sleep(0.005)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(start_timeout)
        _live.remove(server)
        sock.close()
