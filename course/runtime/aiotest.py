"""Test asyncio code without timing luck: the tools the asyncio section's tests and demos share.

- :func:`settle` gives the event loop a fixed number of passes: with nothing waiting on the network,
  every task that can make progress does, in a fixed order. Tests force interleavings with it.
- :func:`within` awaits something but fails after a number of event-loop passes, not seconds: an
  answer that waits for ever (a missing sentinel, an event nobody sets) fails at once, on any machine.
- :class:`ManualClock` is a clock whose time moves only when the test says so: code under test takes
  its ``sleep`` as a parameter, the test calls ``await clock.advance(seconds)``.
- :class:`FakeSession` stands in for ``aiohttp.ClientSession`` where a test must hold requests in
  flight: every ``get`` waits at ``gate`` until the test opens it; ``inside``/``peak`` count them.
- :class:`Site` is a tiny ASGI web site (serve it with :func:`course.runtime.aio.serve`) that counts
  the requests for each path, answers with chosen statuses, and has two paths that never answer.
"""

from __future__ import annotations

import asyncio
import collections
import heapq
import itertools
from collections.abc import Awaitable
from typing import Any, TypeVar

T = TypeVar("T")


async def settle(turns: int = 200) -> None:
    """Give the event loop ``turns`` passes, so that every task that can make progress does."""
    for _ in range(turns):
        await asyncio.sleep(0)


async def within(aw: Awaitable[T], turns: int = 2000) -> T:
    """Await ``aw``, but raise ``AssertionError`` if it has not finished after ``turns`` passes of the
    event loop (it is then cancelled). Meant for code that waits on nothing outside the process: a
    correct answer needs far fewer passes, one that never finishes waits for something that never comes."""
    task = asyncio.ensure_future(aw)
    for _ in range(turns):
        if task.done():
            return task.result()
        await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    msg = f"not finished after {turns} event-loop turns: is it waiting for something that never comes?"
    raise AssertionError(msg)


class ManualClock:
    """Time that moves only when the test moves it.

    ``await clock.sleep(s)`` returns once the test has advanced the clock to ``clock.now + s`` (as
    it was when the sleep began); ``await clock.advance(s)`` wakes the sleepers that are due, in order
    of their wake-up time (ties in the order they went to sleep), and after each wake-up lets the
    woken tasks run (:func:`settle`) with ``now`` at that wake-up time, so a job that sleeps again is
    woken again within the same ``advance`` if it is due. ``sleeping`` counts the sleeps in progress."""

    def __init__(self, now: float = 0.0, *, turns: int = 200) -> None:
        self.now = now
        self.turns = turns
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @property
    def sleeping(self) -> int:
        """How many sleeps are in progress (a cancelled sleep no longer counts)."""
        return sum(1 for _, _, fut in self._sleepers if not fut.done())

    async def sleep(self, seconds: float) -> None:
        """Like ``asyncio.sleep(seconds)``, in this clock's time; a negative ``seconds`` is 0."""
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(0.0, seconds), next(self._order), fut))
        await fut

    async def advance(self, seconds: float) -> None:
        """Move the clock ``seconds`` forward, waking every sleeper that becomes due on the way."""
        if seconds < 0:
            msg = f"a clock cannot go back ({seconds} seconds)"
            raise ValueError(msg)
        target = self.now + seconds
        while self._sleepers and self._sleepers[0][0] <= target:
            when = self._sleepers[0][0]
            self.now = when
            while self._sleepers and self._sleepers[0][0] == when:
                _, _, fut = heapq.heappop(self._sleepers)
                if not fut.done():
                    fut.set_result(None)
            await settle(self.turns)
        self.now = target
        await settle(self.turns)


class FakeResponse:
    """What :class:`FakeSession` answers: ``status`` and ``await text()``, as an aiohttp response."""

    def __init__(self, status: int, body: str) -> None:
        self.status = status
        self._body = body

    async def text(self) -> str:
        return self._body


class _Request:
    def __init__(self, session: FakeSession, url: str) -> None:
        self._session, self._url = session, url

    async def __aenter__(self) -> FakeResponse:
        session = self._session
        session.urls.append(self._url)
        session.inside += 1
        session.peak = max(session.peak, session.inside)
        try:
            await session.gate.wait()
        finally:
            session.inside -= 1
        return FakeResponse(200, f"fake {self._url}")

    async def __aexit__(self, *exc: object) -> None:
        return None


class FakeSession:
    """Stands in for ``aiohttp.ClientSession`` where a test must control timing: every
    ``async with session.get(url) as resp`` waits at the ``gate`` (an ``asyncio.Event``) until the test
    sets it, then answers 200 with the body ``"fake <url>"``. ``inside`` counts the requests waiting at
    the gate now, ``peak`` the most there were at once, ``urls`` every URL asked, in order. Create it
    inside the event loop that uses it."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.inside = 0
        self.peak = 0
        self.urls: list[str] = []

    def get(self, url: str) -> _Request:
        return _Request(self, url)


Scope = dict[str, Any]


class Site:
    """A tiny web site (an ASGI app) that counts the requests for each path in ``hits``.

    ``/page/N``     200 ``"page N"``
    ``/flaky/K/X``  503 for the first K requests of that path, then 200 ``"ok X"``
    ``/down``       503 always
    ``/status/N``   status N, body ``"status N"``
    ``/hang``       no answer at all until the client goes away
    ``/stall``      status 200 and headers, then no body until the client goes away
    anything else   404

    ``gone`` counts the requests to ``/hang`` and ``/stall`` whose client went away (gave up)."""

    def __init__(self) -> None:
        self.hits: collections.Counter[str] = collections.Counter()
        self.gone = 0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        path = scope["path"]
        self.hits[path] += 1
        headers = [(b"content-type", b"text/plain; charset=utf-8")]
        if path in ("/hang", "/stall"):
            if path == "/stall":
                await send({"type": "http.response.start", "status": 200, "headers": headers})
            while (await receive())["type"] != "http.disconnect":
                pass
            self.gone += 1
            return
        status, body = self._answer(path)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body.encode()})

    def _answer(self, path: str) -> tuple[int, str]:
        parts = path.strip("/").split("/")
        if parts[0] == "page" and len(parts) == 2:
            return 200, f"page {parts[1]}"
        if parts[0] == "flaky" and len(parts) == 3:
            ok = self.hits[path] > int(parts[1])
            return (200, f"ok {parts[2]}") if ok else (503, "busy")
        if path == "/down":
            return 503, "busy"
        if parts[0] == "status" and len(parts) == 2 and parts[1].isdigit():
            return int(parts[1]), f"status {parts[1]}"
        return 404, "not found"
