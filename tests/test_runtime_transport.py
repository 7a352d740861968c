"""course.runtime.transport.FakeTransport: records connect, requests and close, in order."""

from __future__ import annotations

import asyncio

import pytest

from course.runtime.transport import FakeTransport


def test_it_records_what_is_done_to_it() -> None:
    async def use(transport: FakeTransport) -> str:
        await transport.connect()
        answer = await transport.request("GET", "/health")
        await transport.close()
        return answer

    transport = FakeTransport()
    assert asyncio.run(use(transport)) == "200 /health"
    assert transport.events == ["connect", "GET /health", "close"]
    assert repr(transport) == "FakeTransport(events=['connect', 'GET /health', 'close'])"


def test_a_failing_connect_raises_and_records_nothing() -> None:
    transport = FakeTransport(fail_connect=True, address="db:5432")
    with pytest.raises(ConnectionRefusedError, match="db:5432"):
        asyncio.run(transport.connect())
    assert transport.events == []


def test_every_call_gives_other_tasks_a_turn() -> None:
    order: list[str] = []

    async def other() -> None:
        order.append("other task")

    async def main() -> None:
        transport = FakeTransport()
        task = asyncio.create_task(other())
        await transport.connect()  # the other task runs while this one is "in the handshake"
        order.append("connected")
        await task

    asyncio.run(main())
    assert order == ["other task", "connected"]
