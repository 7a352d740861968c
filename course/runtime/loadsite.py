"""A web site that checks a load generator's concurrency on a real server, without timing luck.

A load generator promises "at most N requests in flight, and the next starts as soon as one ends". How
many requests a server sees at once normally depends on how fast the machine is; :class:`HeldSite`
makes it exact. Serve it with :func:`course.runtime.aio.serve` and run the client through
:meth:`HeldSite.drive`, which gives the code under test an ``httpx.AsyncClient`` wired to the site:

>>> site = HeldSite(total=12, limit=3)                                        # doctest: +SKIP
>>> with serve(site) as base:                                                 # doctest: +SKIP
...     report = run(site.drive(lambda client: run_load(client, base + "/", 12, 3)))
>>> site.peak, site.starved                                                   # doctest: +SKIP
(3, 0)

How it works. The client's request hook counts every request the code has *issued* (httpx calls it
before the request goes near the network); its response hook reads the body and counts the answers the
code has *received*. The site holds every request that *arrived* and answers them one at a time, the
oldest first, and only when every issued request has arrived and ``min(limit, total - answered)`` are
held: so ``peak`` (the most held at once) is exactly the client's concurrency, on any machine, and a
client that sends everything at once shows ``peak == total``.

A client that cannot fill the site's quota (it keeps fewer than ``limit`` requests going, or waits for a
whole batch before starting the next) would wait for ever. :meth:`HeldSite.drive` notices that at once
instead: when everything the client sent has arrived, every answer it was sent has been read, and its
event loop then makes ``turns`` passes without issuing anything, the client is waiting only for the
site. The site then answers one held request anyway and counts it in ``starved`` (a correct client
never starves the site); if nothing is held, the client waits for something that never comes and
``drive`` raises ``AssertionError`` (the code under test is cancelled). No clock is involved.

:func:`refused_url` is a URL on 127.0.0.1 where nobody listens, for clients that must survive errors.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import socket
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from course.runtime.aiotest import settle

T = TypeVar("T")

TURNS = 200
"""Event-loop passes a client gets to issue its next request once it has read an answer (it needs a few)."""

__all__ = ["HeldSite", "refused_url"]


class HeldSite:
    """An ASGI app answering 200 ``ok`` (or ``fail_status`` for every ``fail_every``-th request to arrive)
    that holds requests as the module docstring says; ``total`` is how many requests the client will
    send, ``limit`` the concurrency the test expects. Counters: ``issued``, ``arrived``, ``answered``,
    ``received``, ``peak`` (most requests held at once), ``starved`` (answers forced by a still client).
    One site serves one :meth:`drive`."""

    def __init__(
        self, total: int, limit: int, *, fail_every: int = 0, fail_status: int = 503, turns: int = TURNS
    ) -> None:
        if limit < 1 or total < 0:
            raise ValueError(f"limit must be at least 1 and total 0 or more, got limit={limit}, total={total}")
        self.total, self.limit, self.turns = total, limit, turns
        self.fail_every, self.fail_status = fail_every, fail_status
        self.issued = self.arrived = self.answered = self.received = self.peak = self.starved = 0
        self._lock = threading.Lock()
        self._held: collections.deque[asyncio.Future[None]] = collections.deque()
        self._server_loop: asyncio.AbstractEventLoop | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None

    # --- the server side (runs on uvicorn's event loop) -------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        loop = asyncio.get_running_loop()
        self._server_loop = loop
        turn: asyncio.Future[None] = loop.create_future()
        with self._lock:
            self.arrived += 1
            number = self.arrived
            self._held.append(turn)
            self.peak = max(self.peak, len(self._held))
        self._answer_if_full()
        self._wake_client()
        await turn
        status = self.fail_status if self.fail_every and number % self.fail_every == 0 else 200
        headers = [(b"content-type", b"text/plain"), (b"content-length", b"2" if status == 200 else b"6")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"ok" if status == 200 else b"not ok"})

    def _full(self) -> bool:
        """Every issued request has arrived and the quota is held (call with the lock)."""
        held = len(self._held)
        return held > 0 and held == self.issued - self.answered and held >= min(self.limit, self.total - self.answered)

    def _answer_if_full(self) -> None:
        with self._lock:
            while self._full():  # one at a time; only the last few (total - answered < limit) go together
                self._answer_oldest()

    def _answer_oldest(self) -> None:
        """Let the oldest held request be answered (call with the lock, on the server's loop)."""
        self.answered += 1
        self._held.popleft().set_result(None)
        self._wake_client()

    def _answer_starved(self) -> None:
        with self._lock:
            if self._held:
                self.starved += 1
                self._answer_oldest()
            while self._full():
                self._answer_oldest()

    # --- the client side (runs on the event loop of the code under test) -------------------------------

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` whose hooks tell the site what was issued and what was read."""
        return httpx.AsyncClient(event_hooks={"request": [self._issued], "response": [self._received]}, **kwargs)

    async def _issued(self, request: httpx.Request) -> None:
        with self._lock:
            self.issued += 1
        self._wake_client()

    async def _received(self, response: httpx.Response) -> None:
        await response.aread()
        with self._lock:
            self.received += 1
        self._wake_client()

    def _wake_client(self) -> None:
        loop, changed = self._client_loop, self._changed
        if loop is not None and changed is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the client's loop closed meanwhile
                loop.call_soon_threadsafe(changed.set)

    def _state(self) -> tuple[int, int, int, int, int]:
        with self._lock:
            return self.issued, self.arrived, self.answered, self.received, len(self._held)

    def _waiting_on_site(self) -> bool:
        """Everything sent has arrived, every answer sent has been read, and the site is not answering."""
        with self._lock:
            return self.arrived == self.issued and self.received == self.answered and not self._full()

    async def drive(self, load: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        """Run ``load(client)`` with a :meth:`client` of this site; return what it returns. A client that
        sits still while the site waits for it gets one held request answered (``starved``); one that
        sits still with nothing held fails with ``AssertionError``."""
        self._client_loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._changed.set()  # look once at the start: a client that never sends anything is still too
        async with self.client() as client:
            task = asyncio.ensure_future(load(client))
            try:
                while not task.done():
                    changed = asyncio.ensure_future(self._changed.wait())
                    await asyncio.wait({task, changed}, return_when=asyncio.FIRST_COMPLETED)
                    changed.cancel()
                    if task.done():
                        break
                    self._changed.clear()
                    if await self._still() and not task.done():
                        if self._state()[4]:
                            self._ask_server(self._answer_starved)
                        else:
                            task.cancel()
                            await asyncio.gather(task, return_exceptions=True)
                            msg = (
                                f"the client sits still with nothing in flight after {self.answered} of {self.total} "
                                "answers: is it waiting for something that never comes?"
                            )
                            raise AssertionError(msg)
                return await task
            finally:
                if not task.done():
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
                self._client_loop = None

    async def _still(self) -> bool:
        if not self._waiting_on_site():
            return False
        before = self._state()
        await settle(self.turns)
        return self._state() == before and self._waiting_on_site()

    def _ask_server(self, action: Callable[[], None]) -> None:
        loop = self._server_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(action)


def refused_url() -> str:
    """A URL on 127.0.0.1 where nobody listens (the port was free a moment ago): connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/"
