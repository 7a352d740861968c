"""Processes made with ``multiprocessing``, recorded for tests: how many, joined or not, all stopped after.

A test hands ``RecordingContext(multiprocessing.get_context("spawn"))`` to the learner's function in
place of the context. It behaves like the context it wraps, except that every ``ctx.Process(...)`` is
remembered (``made``) and comes back as a ``RecordedProcess``: the real process, plus a note of whether
``join()`` saw it end. Afterwards the test asks, through public ``multiprocessing`` API only
(``pid``, ``exitcode``, ``is_alive``, ``join``, ``kill``), how many processes the answer started, which
it left unjoined, and how each ended; ``stop_all`` kills and reaps whatever is still running, so a
failing answer leaves no process behind.

Why record ``join()`` instead of asking afterwards: ``exitcode`` and ``is_alive()`` reap a finished
child themselves, so "ended" after the call says nothing about whether the answer waited for it (it
depends on how fast the child happened to exit). The note taken inside ``join()`` does not.

Standard library only: it runs in learners' kernels, the proof worker and nbgrader's autograder.
"""

from __future__ import annotations

from collections.abc import Iterable
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

__all__ = ["RecordedProcess", "RecordingContext", "stop_all"]


class _ProcessLike(Protocol):
    """What ``stop_all`` needs: a real ``multiprocessing`` process or a ``RecordedProcess``."""

    @property
    def pid(self) -> int | None: ...

    def is_alive(self) -> bool: ...

    def kill(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...


class RecordedProcess:
    """A process made through a ``RecordingContext``: every attribute is the real process's, and
    ``joined`` says whether a ``join()`` call returned with the process ended (waited for and reaped)."""

    process: BaseProcess
    joined: bool

    def __init__(self, process: BaseProcess) -> None:
        object.__setattr__(self, "process", process)
        object.__setattr__(self, "joined", False)

    def join(self, timeout: float | None = None) -> None:
        """``Process.join``, noting when it returns with the process ended."""
        self.process.join(timeout)
        if self.process.exitcode is not None:
            object.__setattr__(self, "joined", True)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.process, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.process, name, value)  # e.g. ``proc.daemon = True`` before start()

    def __repr__(self) -> str:
        return f"<recorded {self.process!r}{' joined' if self.joined else ''}>"


class RecordingContext:
    """``RecordingContext(ctx)``: the context ``ctx`` (queues, locks, pools... are its own), except that
    ``Process(...)`` is recorded in ``made`` and returned as a ``RecordedProcess``."""

    def __init__(self, ctx: BaseContext) -> None:
        self._ctx: Any = ctx  # typeshed gives BaseContext no Process; every concrete context has one
        self.made: list[RecordedProcess] = []

    def Process(self, *args: Any, **kwargs: Any) -> RecordedProcess:  # the name multiprocessing uses
        """Make a process as ``ctx.Process`` does, remember it, and return it recorded."""
        proc = RecordedProcess(self._ctx.Process(*args, **kwargs))
        self.made.append(proc)
        return proc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)

    def started(self) -> list[RecordedProcess]:
        """The recorded processes that were started (a process has a ``pid`` once started)."""
        return [p for p in self.made if p.pid is not None]

    def unjoined(self) -> list[RecordedProcess]:
        """The started processes no ``join()`` call has seen end."""
        return [p for p in self.started() if not p.joined]

    def stop_all(self) -> list[RecordedProcess]:
        """``stop_all`` of every recorded process: kill and reap; return those that were still running."""
        return stop_all(self.made)


def stop_all(procs: Iterable[_ProcessLike]) -> list[Any]:
    """Kill every started process in ``procs`` that still runs, reap them all, and return the ones that
    were still running (an empty list: the answer had already ended them). Never-started ones are skipped.

    Reaping goes through the real process, so it does not count as the answer's ``join()``.
    """
    started = []
    for p in procs:
        try:
            if p.pid is not None:
                started.append(p)
        except ValueError:  # closed with close(): it was ended and reaped before
            continue
    running = [p for p in started if p.is_alive()]
    for p in running:
        p.kill()
    for p in started:
        real = p.process if isinstance(p, RecordedProcess) else p
        real.join()
    return running
