"""course.runtime.loadsite: a site that measures a load generator's concurrency exactly, and fails a stuck one at once."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from course.runtime.aio import run, serve
from course.runtime.loadsite import HeldSite, refused_url


def pooled(limit: int, total: int, url: str) -> object:
    """A correct load generator: a semaphore, the next request as soon as one ends."""

    async def load(client: httpx.AsyncClient) -> list[int]:
        gate = asyncio.Semaphore(limit)

        async def one() -> int:
            async with gate:
                return (await client.get(url)).status_code

        return list(await asyncio.gather(*(one() for _ in range(total))))

    return load


def test_a_correct_client_is_seen_at_exactly_its_concurrency_and_never_starves_the_site() -> None:
    for limit, total in ((3, 12), (1, 4), (4, 4), (5, 3)):
        site = HeldSite(total=total, limit=min(limit, total))
        with serve(site) as base:
            statuses = run(site.drive(pooled(limit, total, base + "/")))  # type: ignore[arg-type]
        assert statuses == [200] * total
        assert (site.issued, site.arrived, site.answered, site.received) == (total, total, total, total)
        assert site.peak == min(limit, total) and site.starved == 0


def test_everything_at_once_is_seen_as_everything_at_once() -> None:
    site = HeldSite(total=10, limit=3)
    with serve(site) as base:
        run(site.drive(pooled(100, 10, base + "/")))  # type: ignore[arg-type]
    assert site.peak == 10


def test_fewer_in_flight_than_expected_starves_the_site_instead_of_hanging() -> None:
    site = HeldSite(total=8, limit=3)
    with serve(site) as base:
        run(site.drive(pooled(2, 8, base + "/")))  # type: ignore[arg-type]
    assert site.peak == 2 and site.starved > 0 and site.answered == 8


def test_batches_that_wait_for_the_slowest_starve_the_site() -> None:
    async def batches(client: httpx.AsyncClient, url: str) -> None:
        for _ in range(3):
            await asyncio.gather(*(client.get(url) for _ in range(3)))

    site = HeldSite(total=9, limit=3)
    with serve(site) as base:
        run(site.drive(lambda client: batches(client, base + "/")))
    assert site.peak == 3 and site.starved > 0


def test_a_client_waiting_for_nothing_fails_at_once() -> None:
    async def stuck(client: httpx.AsyncClient) -> None:
        await asyncio.Semaphore(0).acquire()

    site = HeldSite(total=2, limit=1)
    with serve(site), pytest.raises(AssertionError, match="never comes"):
        run(site.drive(stuck))


def test_every_nth_arrival_gets_the_failure_status() -> None:
    site = HeldSite(total=6, limit=2, fail_every=3, fail_status=500)
    with serve(site) as base:
        statuses = run(site.drive(pooled(2, 6, base + "/")))  # type: ignore[arg-type]
    assert sorted(statuses) == [200, 200, 200, 200, 500, 500]


def test_refused_url_refuses() -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as client:
            with pytest.raises(httpx.ConnectError):
                await client.get(refused_url())

    run(main())


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        HeldSite(total=3, limit=0)
