"""course.runtime.aiotest: event-loop passes instead of seconds, a manual clock, a gated fake session, a test site."""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.request

import pytest

from course.runtime.aio import run, serve
from course.runtime.aiotest import FakeSession, ManualClock, Site, settle, within


def test_settle_lets_every_ready_task_finish_a_short_chain_of_steps() -> None:
    async def main() -> list[int]:
        log: list[int] = []

        async def steps(n: int) -> None:
            for i in range(n):
                await asyncio.sleep(0)
                log.append(i)

        task = asyncio.create_task(steps(50))
        await settle(10)
        partial = len(log)
        await settle()
        assert task.done()
        return [partial, len(log)]

    partial, full = run(main())
    assert 0 < partial < 50 and full == 50


def test_within_returns_the_result_or_fails_on_what_never_finishes() -> None:
    async def main() -> None:
        assert await within(asyncio.sleep(0, "ok")) == "ok"
        stuck = asyncio.Event()
        with pytest.raises(AssertionError, match="never comes"):
            await within(stuck.wait(), turns=50)
        assert asyncio.all_tasks() == {asyncio.current_task()}, "the stuck awaitable was cancelled and awaited"
        with pytest.raises(KeyError):
            await within(_raises_key_error())

    run(main())


async def _raises_key_error() -> None:
    raise KeyError("x")


def test_manual_clock_wakes_sleepers_in_time_order_and_lets_them_sleep_again() -> None:
    async def main() -> list[tuple[float, str]]:
        clock, log = ManualClock(), []

        async def every(name: str, first: float, period: float) -> None:
            await clock.sleep(first)
            while True:
                log.append((clock.now, name))
                await clock.sleep(period)

        tasks = [asyncio.create_task(every("a", 1, 3)), asyncio.create_task(every("b", 2, 2))]
        await settle()
        assert clock.sleeping == 2
        await clock.advance(6.5)
        assert clock.now == 6.5
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert clock.sleeping == 0, "a cancelled sleep no longer counts"
        return log

    assert run(main()) == [(1, "a"), (2, "b"), (4, "a"), (4, "b"), (6, "b")]


def test_manual_clock_sleep_zero_and_negative_wait_for_the_next_advance() -> None:
    async def main() -> None:
        clock = ManualClock(now=10)
        naps = [asyncio.create_task(clock.sleep(0)), asyncio.create_task(clock.sleep(-1))]
        await settle()
        assert not any(t.done() for t in naps), "time has not moved yet"
        await clock.advance(0)
        assert all(t.done() for t in naps) and clock.now == 10
        with pytest.raises(ValueError, match="cannot go back"):
            await clock.advance(-1)

    run(main())


def test_fake_session_holds_requests_at_its_gate_and_counts_them() -> None:
    async def main() -> None:
        fake = FakeSession()

        async def get(url: str) -> tuple[int, str]:
            async with fake.get(url) as resp:
                return resp.status, await resp.text()

        tasks = [asyncio.create_task(get(u)) for u in ("a", "b", "c")]
        await settle()
        assert (fake.inside, fake.peak, fake.urls) == (3, 3, ["a", "b", "c"])
        fake.gate.set()
        assert await asyncio.gather(*tasks) == [(200, "fake a"), (200, "fake b"), (200, "fake c")]
        assert (fake.inside, fake.peak) == (0, 3)

    run(main())


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_site_answers_its_paths_and_counts_them() -> None:
    pytest.importorskip("uvicorn")
    site = Site()
    with serve(site) as base:
        got = [_get(f"{base}{p}") for p in ("/page/7", "/flaky/1/x", "/flaky/1/x", "/down", "/status/418", "/nope")]
    assert got == [
        (200, "page 7"),
        (503, "busy"),
        (200, "ok x"),
        (503, "busy"),
        (418, "status 418"),
        (404, "not found"),
    ]
    assert site.hits["/flaky/1/x"] == 2 and site.hits["/nope"] == 1


def test_site_hang_and_stall_wait_until_the_client_gives_up() -> None:
    pytest.importorskip("aiohttp")
    import aiohttp

    site = Site()

    async def give_up(url: str, path: str) -> str:
        """Ask, wait until the server has the request (and, for /stall, the headers are here), then give up."""
        async with aiohttp.ClientSession() as session:

            async def ask() -> str:
                async with session.get(url) as resp:
                    got.set()
                    await resp.text()
                return "answered"

            got = asyncio.Event()
            task = asyncio.create_task(ask())
            async with asyncio.timeout(10):  # only a bound: a local server has the request at once
                while site.hits[path] == 0 or (path == "/stall" and not got.is_set()):
                    await asyncio.sleep(0.001)
            await settle()
            assert not task.done(), "nothing ever comes from these paths"
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        return "gave up"

    with serve(site) as base:
        assert run(give_up(f"{base}/hang", "/hang")) == "gave up"
        assert run(give_up(f"{base}/stall", "/stall")) == "gave up"
        deadline = time.monotonic() + 10  # only a bound: the server notices the closed connections soon
        while site.gone < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
    assert site.hits["/hang"] == site.hits["/stall"] == 1
    assert site.gone == 2, "both handlers saw the client go away"
