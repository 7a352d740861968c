"""course.runtime.natsserver: a real nats-server with JetStream for one block."""

from __future__ import annotations

import asyncio
import socket

import pytest

from course.runtime.natsserver import nats_server

nats = pytest.importorskip("nats")


def test_jetstream_dedup_and_the_server_stops() -> None:
    async def work(url: str) -> tuple[bool, int]:
        client = await nats.connect(url)
        try:
            js = client.jetstream()
            await js.add_stream(name="S", subjects=["s.*"])
            await js.publish("s.a", b"x", headers={"Nats-Msg-Id": "1"})
            again = await js.publish("s.a", b"x", headers={"Nats-Msg-Id": "1"})
            info = await js.stream_info("S")
            return again.duplicate, info.state.messages
        finally:
            await client.close()

    with nats_server() as url:
        assert url.startswith("nats://127.0.0.1:")
        port = int(url.rsplit(":", 1)[1])
        duplicate, count = asyncio.run(work(url))
        assert duplicate is True and count == 1
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), 1).close()
