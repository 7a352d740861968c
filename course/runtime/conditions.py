"""A ``threading.Condition`` that tells a test what the threads using it do, so the test can wait for
a state ("a thread is waiting", "it was woken and finished") instead of sleeping and hoping.

Put a :class:`WatchedCondition` where the code under test expects its condition (it *is* a
``threading.Condition``, with an ``RLock`` unless given another lock) and read:

- :attr:`~WatchedCondition.waiting`: threads inside ``wait()`` now (``wait_for`` calls ``wait``);
- :attr:`~WatchedCondition.waits`: calls of ``wait()`` so far (a thread woken for nothing and
  waiting again makes it grow);
- :attr:`~WatchedCondition.notifies`: calls of ``notify()``/``notify_all()`` so far;
- :meth:`~WatchedCondition.held`: whether some thread (the caller included) holds the lock now.

:meth:`~WatchedCondition.spawn` runs a function in a daemon thread and records its end
(:attr:`~WatchedCondition.finished`, and :attr:`~WatchedCondition.errors` for what it raised).
:meth:`~WatchedCondition.settle` blocks until a predicate over all that is true; it is checked
again on every change, so no verdict depends on how fast a machine is. Its timeout is only a
backstop for code that hangs. :meth:`~WatchedCondition.abandon` ends the test: every wait, now or
later, raises :class:`WaitAbandoned` and the spawned threads are joined, so a failed test leaves
no thread behind; :func:`watched_condition` is a ``with`` block that abandons on the way out, so
a failing assertion cannot skip the clean-up. Standard library only.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

BACKSTOP_SECONDS = 60.0
"""How long :meth:`WatchedCondition.settle` waits at most for a state that never comes (a hang)."""


class WaitAbandoned(Exception):
    """Raised in a thread waiting on a :class:`WatchedCondition` after the test abandoned it."""


class WatchedCondition(threading.Condition):
    """A ``threading.Condition`` that counts waits and notifies and can wait for a state of them."""

    def __init__(self, lock: Any = None) -> None:
        super().__init__(lock)
        self._monitor = threading.Condition(threading.Lock())  # a leaf lock: never held while waiting
        self.waiting = 0
        self.waits = 0
        self.notifies = 0
        self.finished = 0
        self.errors: list[BaseException] = []
        self._abandoned = False
        self._threads: list[threading.Thread] = []

    def _changed(self, **deltas: int) -> None:
        with self._monitor:
            for name, delta in deltas.items():
                setattr(self, name, getattr(self, name) + delta)
            self._monitor.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        if self._abandoned:
            raise WaitAbandoned("the test abandoned this condition")
        self._changed(waiting=1, waits=1)
        try:
            woken = super().wait(timeout)
        finally:
            self._changed(waiting=-1)
        if self._abandoned:
            raise WaitAbandoned("the test abandoned this condition")
        return woken

    def notify(self, n: int = 1) -> None:
        super().notify(n)
        self._changed(notifies=1)

    def notify_all(self) -> None:
        # CPython's notify_all calls notify(); count it once either way.
        before = self.notifies
        super().notify_all()
        if self.notifies == before:
            self._changed(notifies=1)

    def held(self) -> bool:
        """Whether any thread, the caller included, holds the lock now (asked from another thread)."""
        box: list[bool] = []

        def probe() -> None:
            got = self.acquire(blocking=False)
            if got:
                self.release()
            box.append(not got)

        prober = threading.Thread(target=probe, name="course-held-probe", daemon=True)
        prober.start()
        prober.join()
        return box[0]

    def spawn(self, target: Callable[..., Any], *args: Any) -> threading.Thread:
        """Run ``target(*args)`` in a daemon thread; its end counts as a change for :meth:`settle`.
        What it raises is kept in :attr:`errors` (not printed)."""

        def body() -> None:
            try:
                target(*args)
            except BaseException as err:  # noqa: BLE001 - kept for the test to read
                with self._monitor:
                    self.errors.append(err)
            finally:
                self._changed(finished=1)

        thread = threading.Thread(target=body, name="course-watched", daemon=True)
        self._threads.append(thread)
        thread.start()
        return thread

    def poke(self) -> None:
        """Count as a change: :meth:`settle` checks its predicate again."""
        self._changed()

    def settle(self, predicate: Callable[[], object], timeout: float = BACKSTOP_SECONDS) -> bool:
        """Block until ``predicate()`` is true (checked after every wait, wake-up, notify and thread
        end); return its last truth value, false only if ``timeout`` seconds passed first."""
        with self._monitor:
            return bool(self._monitor.wait_for(predicate, timeout))

    def abandon(self, timeout: float = BACKSTOP_SECONDS) -> None:
        """Make every wait on this condition, now or later, raise :class:`WaitAbandoned`; then join
        the threads :meth:`spawn` started (each for at most ``timeout`` seconds)."""
        self._abandoned = True
        if self.acquire(timeout=timeout):  # a thread that never released it keeps its waiters asleep
            try:
                super().notify_all()
            finally:
                self.release()
        for thread in self._threads:
            thread.join(timeout)


@contextlib.contextmanager
def watched_condition(lock: Any = None) -> Iterator[WatchedCondition]:
    """A fresh :class:`WatchedCondition` for the block; abandoned when the block ends, however it ends."""
    cond = WatchedCondition(lock)
    try:
        yield cond
    finally:
        cond.abandon()
