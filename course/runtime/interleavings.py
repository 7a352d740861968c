"""Forced thread interleavings for tests: the test decides the order, never the scheduler, and never a sleep.

A :class:`Stepper` starts threads one at a time and lets each run until it has *settled*: finished, or
blocked on a primitive the stepper watches. The primitives are the learner's own ``Lock``, ``Semaphore``,
``Event`` or ``Barrier`` wrapped with ``steps.watch(...)``: they behave as before, but every wait goes
through the stepper, which therefore knows at every moment which thread waits on what. So a test can say
"start B now, while A is inside its critical section" and get exactly that on every run, and when every
thread waits on something nobody can release (a deadlock, e.g. a slot never given back), ``join_all``
says so at once instead of waiting for a timeout. Leaving ``with Stepper() as steps:`` (or a failed
check) wakes every thread still waiting with :class:`Abandoned` and joins it: nothing is left behind.

:class:`Watched` without a stepper is a plain wrapper that calls ``on_wait()`` just before a thread
blocks on the primitive and counts acquires and releases; tests use it with threads they did not start
(a thread pool's).

The only time limit is ``patience``: a thread that neither settles nor changes anything the stepper sees
for that long (it waits on something unwatched, or loops) fails the check. Correct answers never reach it.

Standard library only: notebooks, nbgrader and the proof worker import it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

__all__ = ["Abandoned", "Stepper", "Watched", "collecting", "wait_until_collecting"]


class Abandoned(BaseException):
    """Raised inside a thread still waiting on a watched primitive when its stepper gives up on it.

    A ``BaseException``, so that ``except Exception`` in the code under test does not keep the thread alive."""


class Watched:
    """A ``Lock``, ``Semaphore``, ``BoundedSemaphore``, ``Event`` or ``Barrier`` (not an ``RLock``) that reports waits.

    ``acquired``/``released`` count successful acquires and releases, ``waits`` the times a thread had to
    wait. Other attributes (``locked()``, ``clear()``, ``parties``...) are the wrapped object's."""

    def __init__(
        self,
        inner: Any,
        on_wait: Callable[[], None] | None = None,
        *,
        stepper: Stepper | None = None,
        name: str = "",
    ) -> None:
        self.inner, self.on_wait, self.stepper = inner, on_wait, stepper
        self.name = name or type(inner).__name__
        self.acquired = self.released = self.waits = 0
        self._arrivals = 0  # Barrier.wait calls so far (with a stepper)
        self._holder: threading.Thread | None = None  # who holds it, for a plain Lock (with a stepper)
        self._count = threading.Lock()  # the counters are shared by the threads that use the primitive

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.inner, attr)

    def __repr__(self) -> str:
        return f"Watched({self.name})"

    # Lock and Semaphore
    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if timeout is not None and timeout < 0:
            timeout = None  # Lock.acquire's -1 means "no limit"
        if self.stepper is not None:
            return self.stepper._acquire(self, blocking, timeout)
        got: bool = self.inner.acquire(False)
        if not got and blocking:
            with self._count:
                self.waits += 1
            if self.on_wait is not None:
                self.on_wait()
            got = self.inner.acquire() if timeout is None else self.inner.acquire(True, timeout)
        with self._count:
            self.acquired += bool(got)
        return got

    def release(self, *n: int) -> None:
        if self.stepper is not None:
            self.stepper._release(self, n)
            return
        self.inner.release(*n)
        with self._count:
            self.released += 1

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    # Event and Barrier
    def wait(self, timeout: float | None = None) -> Any:
        if self.stepper is not None:
            return self.stepper._wait(self, timeout)
        if not (hasattr(self.inner, "is_set") and self.inner.is_set()):
            with self._count:
                self.waits += 1
            if self.on_wait is not None:
                self.on_wait()
        return self.inner.wait(timeout)

    def set(self) -> None:
        if self.stepper is not None:
            self.stepper._set(self)
        else:
            self.inner.set()


_LOCK = type(threading.Lock())
_RUNNING, _WAITING, _TIMED, _DONE = "running", "waiting", "waiting with a timeout", "done"
_SETTLING = "letting the others go first"


class Stepper:
    """Starts threads one at a time; ``start`` returns once every thread it started has settled."""

    patience = 5.0  # seconds without any change the stepper can see, before a check gives up
    grace = 5.0  # seconds abandon() waits for the woken threads to end

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._state: dict[threading.Thread, str] = {}
        self._on: dict[threading.Thread, Watched] = {}
        self._watched: list[Watched] = []
        self._changes = self._seq = 0
        self._order: dict[threading.Thread, int] = {}
        self._abandoned = False
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def __enter__(self) -> Stepper:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        left = self.abandon()
        assert exc is not None or not left, f"threads still running, waiting on something unwatched: {left}"

    def watch(self, inner: Any, name: str = "") -> Watched:
        """``inner`` wrapped so that waits on it go through this stepper."""
        watched = Watched(inner, stepper=self, name=name)
        self._watched.append(watched)
        return watched

    def start(self, target: Callable[..., object], *args: object, name: str | None = None) -> threading.Thread:
        """Start ``target(*args)`` in a new (daemon) thread and return once all threads have settled.
        An exception raised in a thread is raised here (or by ``join_all``)."""

        def run() -> None:
            try:
                target(*args)
            except Abandoned:
                pass
            except BaseException as error:  # noqa: BLE001 - handed to the test's own thread
                if not (self._abandoned and isinstance(error, threading.BrokenBarrierError)):  # abandon() broke it
                    self.errors.append(error)
            finally:
                self._mark(threading.current_thread(), _DONE)

        thread = threading.Thread(target=run, name=name, daemon=True)
        with self._cond:
            self._state[thread] = _RUNNING
            self.threads.append(thread)
            self._changes += 1
        thread.start()
        self.settle()
        return thread

    def settle(self) -> None:
        """Wait until every other thread has finished or waits on a watched primitive (without a timeout).

        Called from a thread the stepper started, it lets the others go first: a test's hook calls it to put
        the worst interleaving in front (``step()`` runs only after every thread a ``set()`` woke has moved).
        Several threads settling at once go last-come first, so the order is fixed too."""
        me = threading.current_thread()
        with self._cond:
            tracked = me in self._state
            if tracked:
                self._seq += 1
                mine = self._order[me] = self._seq
                self._state[me] = _SETTLING
                self._changes += 1
                self._cond.notify_all()

        def quiet() -> bool:
            for thread, state in self._state.items():
                if thread is me or state in (_WAITING, _DONE):
                    continue
                if tracked and state == _SETTLING and self._order[thread] < mine:
                    continue  # it settles after us
                return False
            return True

        try:
            self._wait_until(quiet, "settle")
        finally:
            if tracked:
                self._mark(me, _RUNNING)
        if not tracked:
            self.raise_errors()

    def join_all(self) -> None:
        """Wait until every thread has finished; fail at once on a deadlock (all left waiting on watched
        primitives), then wake and join them."""
        self._wait_until(
            lambda: all(s in (_WAITING, _DONE) for s in self._state.values()),
            "finish",
        )
        stuck = self.waiting()
        if stuck:
            self.abandon()
            raise AssertionError(f"deadlock: {', '.join(stuck)} (nobody left to wake them)")
        for thread in self.threads:
            thread.join()
        self.raise_errors()

    def waiting(self) -> list[str]:
        """``"name waits on primitive"`` for every thread now waiting on a watched primitive."""
        with self._cond:
            return [f"{t.name} waits on {self._on[t].name}" for t, s in self._state.items() if s == _WAITING]

    def raise_errors(self) -> None:
        """Raise the first exception a thread raised (after abandoning the others)."""
        if self.errors:
            error = self.errors[0]
            self.abandon()
            raise error

    def abandon(self) -> list[str]:
        """Wake every thread still waiting on a watched primitive with :class:`Abandoned` and join them;
        return the names of threads that are still running all the same (waiting on something unwatched)."""
        with self._cond:
            self._abandoned = True
            self._cond.notify_all()
        for watched in self._watched:
            if isinstance(watched.inner, threading.Barrier):
                watched.inner.abort()
        deadline = time.monotonic() + self.grace
        for thread in self.threads:
            if thread is not threading.current_thread():
                thread.join(max(0.0, deadline - time.monotonic()))
        return [t.name or "" for t in self.threads if t.is_alive()]

    # the waits, all under self._cond
    def _wait_until(self, done: Callable[[], bool], what: str) -> None:
        with self._cond:
            while not done():
                seen = self._changes
                if not self._cond.wait(self.patience) and seen == self._changes:
                    busy = [t.name for t, s in self._state.items() if s in (_RUNNING, _TIMED)]
                    self._cond.release()
                    try:
                        self.abandon()
                    finally:
                        self._cond.acquire()
                    msg = f"threads did not {what}: {busy} changed nothing for {self.patience} s"
                    raise AssertionError(msg + " (waiting on something unwatched, or looping?)")

    def _mark(self, thread: threading.Thread, state: str, on: Watched | None = None) -> None:
        with self._cond:
            if thread in self._state:
                self._state[thread] = state
                if on is not None:
                    self._on[thread] = on
                self._changes += 1
                self._cond.notify_all()

    def _wake(self, watched: Watched) -> None:  # with self._cond held: watched may let its waiters through
        for thread, state in self._state.items():
            if state in (_WAITING, _TIMED) and self._on.get(thread) is watched:
                self._state[thread] = _RUNNING
        self._changes += 1
        self._cond.notify_all()

    def _block(self, watched: Watched, timeout: float | None, ready: Callable[[], bool]) -> bool:
        """Wait (``self._cond`` held) until ``ready()``; False if ``timeout`` ran out first."""
        me = threading.current_thread()
        counted = False
        remaining = timeout
        while not ready():
            if self._abandoned:
                raise Abandoned
            if remaining is not None and remaining <= 0:
                if me in self._state:
                    self._state[me] = _RUNNING
                return False
            if not counted:
                watched.waits += 1
                counted = True
            if me in self._state:
                self._state[me], self._on[me] = (_WAITING if timeout is None else _TIMED), watched
                self._changes += 1
                self._cond.notify_all()
            if remaining is not None:
                start = time.monotonic()
                self._cond.wait(remaining)
                remaining -= time.monotonic() - start
            elif me in self._state:
                self._cond.wait()  # the stepper's checks see this thread waiting
            else:  # a thread the stepper did not start (the test's own): give up after a still spell
                seen = self._changes
                if not self._cond.wait(self.patience) and seen == self._changes:
                    msg = f"{me.name} waited {self.patience} s on {watched.name} and nothing changed (a deadlock?)"
                    raise AssertionError(msg)
        if me in self._state:
            self._state[me] = _RUNNING
        return True

    def _acquire(self, watched: Watched, blocking: bool, timeout: float | None) -> bool:
        me = threading.current_thread()
        with self._cond:
            if not blocking:
                got: bool = watched.inner.acquire(False)
            else:
                if timeout is None and watched._holder is me:
                    msg = (
                        f"{me.name} takes {watched.name} again while holding it: a Lock is not re-entrant (a deadlock)"
                    )
                    raise AssertionError(msg)
                got = self._block(watched, timeout, lambda: bool(watched.inner.acquire(False)))
            watched.acquired += got
            if got and isinstance(watched.inner, _LOCK):
                watched._holder = me
            return got

    def _release(self, watched: Watched, n: tuple[int, ...]) -> None:
        with self._cond:
            watched.inner.release(*n)
            watched.released += 1
            watched._holder = None
            self._wake(watched)

    def _set(self, watched: Watched) -> None:
        with self._cond:
            watched.inner.set()
            self._wake(watched)

    def _wait(self, watched: Watched, timeout: float | None) -> Any:
        inner = watched.inner
        if isinstance(inner, threading.Barrier):
            with self._cond:
                watched._arrivals += 1
                if watched._arrivals % inner.parties == 0:
                    self._wake(watched)  # this arrival lets the whole party through
                else:
                    me = threading.current_thread()
                    watched.waits += 1
                    if me in self._state:
                        self._state[me], self._on[me] = (_WAITING if timeout is None else _TIMED), watched
                        self._changes += 1
                        self._cond.notify_all()
            try:
                return inner.wait(timeout)
            finally:
                self._mark(threading.current_thread(), _RUNNING)
        with self._cond:
            return self._block(watched, timeout, inner.is_set)


_COLLECTING = {"result", "exception", "as_completed", "wait", "shutdown", "__exit__"}


def collecting(thread: threading.Thread) -> bool:
    """Whether ``thread`` is blocked waiting for a thread pool's results: its innermost frame is a wait of the
    :mod:`threading` module, called (further out) from ``Future.result``/``exception``, ``as_completed``,
    ``concurrent.futures.wait`` or the pool's ``shutdown``. Waits inside ``submit`` (starting a worker) do not
    count. So a task that waits for this has the caller's ``as_completed`` already past the futures that were
    done when it started: what a task finishes from then on comes out in completion order (CPython 3.11-3.13)."""
    import concurrent.futures  # noqa: F401 - so that its folder is known

    frame = sys._current_frames().get(thread.ident or -1)
    if frame is None or frame.f_code.co_filename != threading.__file__:
        return False
    if frame.f_code.co_name not in ("wait", "_wait_for_tstate_lock"):
        return False
    folder = os.path.dirname(sys.modules["concurrent.futures"].__file__ or "")
    outer = frame.f_back
    while outer is not None:
        code = outer.f_code
        if code.co_filename.startswith(folder) and code.co_name in _COLLECTING:
            return True
        if code.co_filename.startswith(folder) and code.co_name in ("submit", "map"):
            return False
        outer = outer.f_back
    return False


def wait_until_collecting(thread: threading.Thread, patience: float = 10.0) -> bool:
    """Wait until :func:`collecting` is true for ``thread`` (looking every millisecond); False if ``thread``
    ends first or ``patience`` seconds pass without it (a caller that never waits for its pool)."""
    end = time.monotonic() + patience
    pause = threading.Event()
    while not collecting(thread):
        if not thread.is_alive() or time.monotonic() > end:
            return False
        pause.wait(0.001)
    return True
