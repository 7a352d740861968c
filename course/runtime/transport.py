"""A stand-in for an async network connection that records what is done to it, for exercises on
async context managers (open, use, close on every way out) that must run offline and fast.

:class:`FakeTransport` has the three coroutines a client session needs: ``connect()``,
``request(method, path)`` and ``close()``. Each one first yields to the event loop once
(``await asyncio.sleep(0)``), as a real handshake or write would, so other tasks (a canceller, a
second session) get their turn at the same points every run. Each successful call appends one line
to :attr:`FakeTransport.events`: ``"connect"``, ``"GET /path"``, ``"close"``. With
``fail_connect=True``, ``connect()`` raises ``ConnectionRefusedError`` and records nothing.

What it does not do: no bytes, no sockets, no timeouts; ``request`` answers ``"200 <path>"`` whether
or not the transport is connected (checking that is the session's job). Standard library only.
"""

from __future__ import annotations

import asyncio


class FakeTransport:
    """An in-memory connection: ``events`` lists, in order, what was done to it."""

    def __init__(self, *, fail_connect: bool = False, address: str = "api.internal:443") -> None:
        self.events: list[str] = []
        self.fail_connect = fail_connect
        self.address = address

    async def connect(self) -> None:
        """Open the connection; raises ``ConnectionRefusedError`` if made with ``fail_connect=True``."""
        await asyncio.sleep(0)
        if self.fail_connect:
            raise ConnectionRefusedError(self.address)
        self.events.append("connect")

    async def request(self, method: str, path: str) -> str:
        """Send one request; the answer is ``"200 <path>"``."""
        await asyncio.sleep(0)
        self.events.append(f"{method} {path}")
        return f"200 {path}"

    async def close(self) -> None:
        """Close the connection (recorded each time it is called)."""
        await asyncio.sleep(0)
        self.events.append("close")

    def __repr__(self) -> str:
        return f"FakeTransport(events={self.events!r})"
