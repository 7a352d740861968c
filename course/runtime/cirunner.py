"""A pipeline's jobs and a recording launcher, for the local pipeline runner of section 15.2.

- :class:`Job`: one job of a pipeline (name, needs, command, inputs, manual gate), a frozen dataclass.
- :class:`Recorder`: a ``launch(job)`` for tests: exit codes (or exceptions) by job name, the order jobs
  started and ended in, and two checks a runner can fail: a job launched outside the executor's worker
  threads exits 97, a job started while a job it needs is still running exits 98.
- :func:`in_pool`: run a runner with a two-worker ``ThreadPoolExecutor`` whose threads the recorder
  recognises (``thread_name_prefix``), shut down when it returns.
- :func:`write_tree`: a scratch folder with a few files, the project a pipeline works on.

Every name a test cell needs comes from here, so each test cell runs on its own after the setup cell.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.runtime.scratch import scratch_dir

__all__ = ["WORKER_PREFIX", "Job", "Recorder", "in_pool", "write_tree"]

WORKER_PREFIX = "ci-runner"
"""The name prefix of the worker threads :func:`in_pool` starts (the recorder checks it)."""


@dataclass(frozen=True)
class Job:
    """One job of a pipeline: its name, the jobs it needs, the command it runs, its input files, and whether
    a person must approve it first (a manual gate)."""

    name: str
    needs: tuple[str, ...] = ()
    command: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    manual: bool = False


class Recorder:
    """``launch(job)`` for tests: returns ``codes[job.name]`` (default 0; an exception in ``codes`` is raised),
    records ``started`` and ``ended`` job names in order; 97 when not called in a worker of :func:`in_pool`,
    98 when a job it needs has started and not ended."""

    def __init__(self, codes: dict[str, int | BaseException] | None = None) -> None:
        self.codes = dict(codes or {})
        self.started: list[str] = []
        self.ended: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, job: Job) -> int:
        with self._lock:
            self.started.append(job.name)
            if not threading.current_thread().name.startswith(WORKER_PREFIX):
                return 97  # not run through the executor it was given
            running = [need for need in job.needs if need in self.started and need not in self.ended]
        if running:
            return 98  # started before the jobs it needs had ended
        code = self.codes.get(job.name, 0)
        with self._lock:
            self.ended.append(job.name)
        if isinstance(code, BaseException):
            raise code
        return code


def in_pool(runner: Callable[..., dict[str, str]], jobs: list[Job], launch: Any, **options: Any) -> dict[str, str]:
    """``runner(jobs, launch, pool, **options)`` with a two-worker thread pool named :data:`WORKER_PREFIX`,
    which is shut down (its workers joined) before this returns."""
    with concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix=WORKER_PREFIX) as pool:
        return runner(jobs, launch, pool, **options)


def write_tree(tag: str, files: dict[str, str]) -> Path:
    """A new scratch folder (``scratch_dir(tag)``: removed at exit) holding ``files`` (relative path -> text,
    written as UTF-8; parent folders made): a small project for a pipeline's jobs to work on."""
    root = scratch_dir(tag)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root
