"""Tests of course.runtime.cirunner: the Job model, the recording launcher and the named thread pool."""

from __future__ import annotations

import concurrent.futures
import dataclasses
from typing import Any

import pytest

from course.runtime.cirunner import WORKER_PREFIX, Job, Recorder, in_pool


def _sequential(jobs: list[Job], launch: Any, pool: concurrent.futures.Executor, **options: Any) -> dict[str, str]:
    return {job.name: "passed" if pool.submit(launch, job).result() == 0 else "failed" for job in jobs}


def test_job_is_frozen_with_defaults() -> None:
    job = Job("lint")
    assert (job.needs, job.command, job.inputs, job.manual) == ((), (), (), False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.name = "x"  # type: ignore[misc]


def test_codes_and_order() -> None:
    launch = Recorder({"b": 3})
    got = in_pool(_sequential, [Job("a"), Job("b", needs=("a",))], launch)
    assert got == {"a": "passed", "b": "failed"}
    assert launch.started == ["a", "b"] and launch.ended == ["a", "b"]


def test_exception_is_raised_and_recorded() -> None:
    launch = Recorder({"a": RuntimeError("boom")})
    with pytest.raises(RuntimeError, match="boom"):
        in_pool(_sequential, [Job("a")], launch)
    assert launch.started == ["a"] and launch.ended == ["a"]


def test_outside_the_pool_is_97() -> None:
    launch = Recorder()
    assert launch(Job("a")) == 97
    assert launch.ended == []


def test_need_still_running_is_98() -> None:
    launch = Recorder()
    launch.started.append("a")  # a started, never ended
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=WORKER_PREFIX) as pool:
        assert pool.submit(launch, Job("b", needs=("a",))).result() == 98


def test_codes_are_copied() -> None:
    codes: dict[str, int | BaseException] = {"a": 1}
    launch = Recorder(codes)
    codes["a"] = 0
    assert in_pool(_sequential, [Job("a")], launch) == {"a": "failed"}


def test_pool_is_shut_down() -> None:
    import threading

    in_pool(_sequential, [Job("a")], Recorder())
    assert not [t for t in threading.enumerate() if t.name.startswith(WORKER_PREFIX)]


def test_write_tree() -> None:
    from course.runtime.cirunner import write_tree

    root = write_tree("cirunner-test", {"a.txt": "x\n", "deep/er/ü.txt": "ü"})
    assert (root / "a.txt").read_text(encoding="utf-8") == "x\n"
    assert (root / "deep" / "er" / "ü.txt").read_bytes() == "ü".encode()
    assert root != write_tree("cirunner-test", {}), "a new folder each time"
