"""Processes (and shared memory blocks) made with ``multiprocessing``, recorded for tests, all stopped after.

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

``RecordingContext(ctx, stall=2.0)`` also turns a deadlock into a quick failure: a ``join()`` or a
queue ``get()`` without a timeout (queues made with ``ctx.Queue()``) that waits while *nothing happens*
for ``stall`` seconds (on Linux: no thread of the recorded children, and no thread this process
started after the context was made other than the waiting one, runs or uses processor time, and no
child ends) kills the recorded processes and raises ``AssertionError``. Threads that were already
running when the context was made (a kernel's own, a test runner's, a server another test left)
are bystanders: their activity says nothing about the answer, so it is not counted. A busy machine
keeps threads runnable, so it only makes a correct answer slower, never a failure. A child that sleeps
(``time.sleep``) looks still too, and so does progress made in bursts shorter than a clock tick (10 ms)
spread over the whole ``stall``: use it only where the children compute or wait for each other, with a
``stall`` well above the longest quiet gap of a correct answer. Without /proc the waits block as usual.

``shared_memory_blocks()`` does the same for ``multiprocessing.shared_memory.SharedMemory``: inside the
block every block created through that name is named by us and remembered, and on exit every one still
there is removed and listed in ``leaked`` (also one whose creation failed half way, e.g. with a float
size: Python then leaves an empty block that nobody else can name).

Standard library only: it runs in learners' kernels, the proof worker and nbgrader's autograder.
"""

from __future__ import annotations

import contextlib
import os
import queue
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import shared_memory
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

__all__ = ["Blocks", "RecordedProcess", "RecordedQueue", "RecordingContext", "shared_memory_blocks", "stop_all"]

_SAMPLE = 0.05  # seconds between two looks while a watched wait blocks


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

    def __init__(self, process: BaseProcess, context: RecordingContext | None = None) -> None:
        object.__setattr__(self, "process", process)
        object.__setattr__(self, "joined", False)
        object.__setattr__(self, "_context", context)

    def join(self, timeout: float | None = None) -> None:
        """``Process.join``, noting when it returns with the process ended (watched for a stall when
        the context has a ``stall`` and no timeout is given)."""
        context = self._context
        if timeout is None and context is not None and context.stall is not None:
            context.wait_or_fail(self._join_a_little, f"join() of {self.process.name}")
        else:
            self.process.join(timeout)
        if self.process.exitcode is not None:
            object.__setattr__(self, "joined", True)

    def _join_a_little(self) -> tuple[bool, None]:
        self.process.join(_SAMPLE)
        return self.process.exitcode is not None, None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.process, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.process, name, value)  # e.g. ``proc.daemon = True`` before start()

    def __repr__(self) -> str:
        return f"<recorded {self.process!r}{' joined' if self.joined else ''}>"


class RecordedQueue:
    """A ``ctx.Queue()`` made through a ``RecordingContext`` with a ``stall``: a ``get()`` without a
    timeout is watched for a stall. It pickles as the plain queue, so children get an ordinary one."""

    def __init__(self, real: Any, context: RecordingContext) -> None:
        self.queue = real
        self._context = context

    def get(self, block: bool = True, timeout: float | None = None) -> Any:
        """``Queue.get``; without a timeout, fails instead of waiting for ever on a stalled program."""
        if not block or timeout is not None:
            return self.queue.get(block, timeout)
        return self._context.wait_or_fail(self._get_a_little, "a queue's get()")

    def _get_a_little(self) -> tuple[bool, Any]:
        try:
            return True, self.queue.get(True, _SAMPLE)
        except queue.Empty:
            return False, None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.queue, name)

    def __reduce__(self) -> tuple[Callable[[Any], Any], tuple[Any]]:
        return _plain, (self.queue,)


def _plain(real: Any) -> Any:
    """What a ``RecordedQueue`` becomes in the process that unpickles it: the plain queue."""
    return real


class RecordingContext:
    """``RecordingContext(ctx)``: the context ``ctx`` (queues, locks, pools... are its own), except that
    ``Process(...)`` is recorded in ``made`` and returned as a ``RecordedProcess``. With ``stall``
    (seconds), waits that cannot end fail (see the module's docstring) and ``Queue()`` is recorded too."""

    def __init__(self, ctx: BaseContext, *, stall: float | None = None) -> None:
        self._ctx: Any = ctx  # typeshed gives BaseContext no Process; every concrete context has one
        self.stall = stall
        self.made: list[RecordedProcess] = []
        self._bystanders = frozenset(row[1] for row in _threads(os.getpid()))  # threads older than us

    def Process(self, *args: Any, **kwargs: Any) -> RecordedProcess:  # the name multiprocessing uses
        """Make a process as ``ctx.Process`` does, remember it, and return it recorded."""
        proc = RecordedProcess(self._ctx.Process(*args, **kwargs), self)
        self.made.append(proc)
        return proc

    def Queue(self, *args: Any, **kwargs: Any) -> Any:  # the name multiprocessing uses
        """``ctx.Queue(...)``; with a ``stall``, a ``RecordedQueue`` whose blocking ``get()`` is watched."""
        real = self._ctx.Queue(*args, **kwargs)
        return real if self.stall is None else RecordedQueue(real, self)

    def wait_or_fail(self, step: Callable[[], tuple[bool, Any]], what: str) -> Any:
        """Call ``step`` (one short wait: ``(done, value)``) until it is done and return its value; on a
        stall (nothing happens for ``self.stall`` seconds) kill the recorded processes and fail."""
        last_change, previous = time.monotonic(), None
        while True:
            done, value = step()
            if done:
                return value
            if self.stall is None or not os.path.isdir("/proc/self/task"):
                continue
            snapshot, busy = self._activity()
            now = time.monotonic()
            if busy or snapshot != previous:
                last_change, previous = now, snapshot
            elif now - last_change > self.stall:
                self.stop_all()
                msg = (
                    f"{what} waits for something that cannot happen: for {self.stall} s no process did "
                    "anything (a worker waiting for a job or a None that was never sent, a process never "
                    "started, a message nobody will put)"
                )
                raise AssertionError(msg)

    def _activity(self) -> tuple[tuple[Any, ...], bool]:
        """Every thread of the live recorded children, and of this process those started since the
        context was made (but the calling thread): ``(pid, tid, state, processor ticks)``, and whether
        any of them runs or waits for the disk."""
        me = threading.get_native_id()
        mine = [row for row in _threads(os.getpid()) if row[1] != me and row[1] not in self._bystanders]
        pids = [p.pid for p in self.made if p.pid is not None and p.exitcode is None]
        rows = mine + [row for pid in pids for row in _threads(pid)]
        return tuple(rows), any(row[2] in ("R", "D") for row in rows)

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


def _threads(pid: int) -> list[tuple[int, int, str, int]]:
    """``(pid, tid, state, utime + stime)`` of every thread of process ``pid`` (Linux /proc); [] once gone."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    rows = []
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()  # after "tid (comm) ", comm may hold spaces
        rows.append((pid, int(tid), fields[0].decode(), int(fields[11]) + int(fields[12])))
    return rows


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


@dataclass
class Blocks:
    """What ``shared_memory_blocks()`` saw: the names of the blocks created, and (filled on exit) those
    still there when the block ended, which it then removed."""

    made: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)


@contextlib.contextmanager
def shared_memory_blocks() -> Iterator[Blocks]:
    """While active, ``multiprocessing.shared_memory.SharedMemory(create=True, ...)`` makes a block under
    a name chosen here and records it; on exit each recorded block still there is unlinked and listed in
    ``leaked``. Code must reach the class through the module (``shared_memory.SharedMemory``, or an
    import that runs inside the block), which is how it is usually written."""
    real = shared_memory.SharedMemory
    seen = Blocks()

    class Recorded(real):  # type: ignore[valid-type,misc]
        def __init__(self, name: str | None = None, create: bool = False, size: int = 0, **kwargs: Any) -> None:
            if create and name is None:
                name = f"psm_course_{secrets.token_hex(6)}"
                seen.made.append(name)
            super().__init__(name, create, size, **kwargs)

    shared_memory.SharedMemory = Recorded  # type: ignore[misc]
    try:
        yield seen
    finally:
        shared_memory.SharedMemory = real  # type: ignore[misc]
        for name in seen.made:
            if _remove_block(real, name):
                seen.leaked.append(name)


def _remove_block(real: type[shared_memory.SharedMemory], name: str) -> bool:
    """Unlink block ``name`` if it still exists; True if it did."""
    try:
        left = real(name=name)
    except FileNotFoundError:
        return False
    except ValueError:  # an empty block (its creation failed half way) cannot be mapped: remove its file
        path = os.path.join("/dev/shm", name)  # noqa: S108 - where Linux keeps POSIX shared memory
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return True
    left.close()
    left.unlink()
    return True
