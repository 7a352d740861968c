"""Tests of threaded code that force interleavings and see a stuck thread, instead of trusting a clock.

``Background(target)`` runs ``target`` in a daemon thread and hands back what it raised. ``wait_until``
waits for a condition and gives up as soon as the threads that could make it true have all *settled*:
on Linux each of them is asleep (not running or waiting for a processor) and uses no processor time for
``stall`` seconds, so a thread blocked for ever is found in a fraction of a second, while a slow, busy
machine only makes a correct answer slower (a thread waiting for a processor counts as running).
``WatchedLock`` is a lock that reports a thread waiting for it, refuses a second acquire by its holder (a
certain deadlock) and lets a test free a lock that an ended thread forgot to release. ``PausingStore``
is a value kept "elsewhere" whose first read stops until the test lets it go: a lost update on demand.

Standard library only: learners' kernels, the proof worker and nbgrader's autograder import it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from types import TracebackType

from course.runtime.processes import has_proc, task_state

__all__ = ["Background", "PausingStore", "WatchedLock", "new_threads", "settled", "wait_until"]

Watching = Iterable[threading.Thread] | Callable[[], Iterable[threading.Thread]]


def _look(thread: threading.Thread) -> tuple[bool, int] | None:
    """(running or waiting for a processor, processor time in 10 ms steps), or None once it has ended
    (a thread id names its own /proc entry, so the process helper reads threads too)."""
    tid = thread.native_id
    if tid is None or not thread.is_alive():
        return None
    state = task_state(tid)
    return None if state is None else (state.busy, state.cpu)


def new_threads() -> Callable[[], list[threading.Thread]]:
    """A callable listing the threads alive now that were not alive when ``new_threads()`` was called
    (e.g. a pool's workers, which a test does not know by name): pass it as ``watching``."""
    before = set(threading.enumerate())
    return lambda: [t for t in threading.enumerate() if t not in before]


def _wait(condition: Callable[[], bool], watching: Watching, stall: float, backstop: float, fallback: float) -> str:
    """ "met", "still" or "backstop": see ``wait_until``."""
    proc = has_proc()
    start = last_change = time.monotonic()
    previous: object = None
    while True:
        if condition():
            return "met"
        now = time.monotonic()
        if now - start > backstop:
            return "backstop"
        # The waiting thread itself is never still (it is the one looking): a list that includes it (new_threads()
        # made before the waiter started, say) would otherwise only end at the backstop.
        me = threading.current_thread()
        threads = [t for t in (watching() if callable(watching) else watching) if t is not me]
        looks = [(t, _look(t) if proc else None) for t in threads]
        running = any(look is not None and look[0] for _, look in looks)
        snapshot = [(t, None if look is None else look[1]) for t, look in looks]
        if running or snapshot != previous:
            previous, last_change = snapshot, now
        elif now - last_change > (stall if proc else fallback):
            return "met" if condition() else "still"
        time.sleep(0.01)


def wait_until(
    condition: Callable[[], bool],
    watching: Watching = (),
    *,
    stall: float = 0.5,
    backstop: float = 60.0,
    fallback: float = 3.0,
) -> bool:
    """Wait until ``condition()`` holds (True). False once it cannot happen any more: every thread in
    ``watching`` has ended or has sat still (asleep, no processor time) for ``stall`` seconds, with no
    thread joining or leaving the list; or after ``backstop`` seconds. ``watching`` is a list of threads
    or a callable returning one (evaluated at every look); the waiting thread is left out of it. Without
    Linux's /proc a list that stays the same for ``fallback`` seconds counts as still (a clock, so only there)."""
    return _wait(condition, watching, stall, backstop, fallback) == "met"


def settled(watching: Watching, *, stall: float = 0.5, backstop: float = 60.0, fallback: float = 3.0) -> bool:
    """Wait until every thread in ``watching`` has ended or sat still for ``stall`` seconds (see
    ``wait_until``): the moment to count what they did, e.g. how many calls wait at a gate. False only
    when they are still busy after ``backstop`` seconds."""
    return _wait(lambda: False, watching, stall, backstop, fallback) == "still"


class Background:
    """``Background(target)`` runs ``target()`` in a daemon thread at once.

    ``done`` is set when it returns or raises, ``error`` keeps what it raised, ``result`` what it
    returned. ``finish()`` waits for it and raises what it raised, or an ``AssertionError`` if it is
    stuck: it and every thread started since it was created (a pool it runs, say) sat still for
    ``stall`` seconds while it had not ended.
    """

    def __init__(self, target: Callable[[], object], name: str = "background") -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.result: object = None
        self._newer = new_threads()
        self.thread = threading.Thread(target=self._run, args=(target,), daemon=True, name=name)
        self.thread.start()

    def _run(self, target: Callable[[], object]) -> None:
        try:
            self.result = target()
        except BaseException as err:  # noqa: BLE001 - handed to the test by finish()
            self.error = err
        finally:
            self.done.set()

    def finish(self, *, stall: float = 0.5, backstop: float = 60.0) -> object:
        """Wait for the thread to end; raise what it raised; return what it returned."""
        if not wait_until(self.done.is_set, self._newer, stall=stall, backstop=backstop):
            msg = f"{self.thread.name}: the call is stuck (it waits for something that never happens)"
            raise AssertionError(msg)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.result


class WatchedLock:
    """A ``threading.Lock`` that a test can watch.

    ``someone_waits`` is set when a thread finds it held and has to wait; ``acquired`` counts successful
    acquires; ``owner`` is the thread holding it. A blocking acquire by the thread that already holds it
    raises an ``AssertionError`` (a plain Lock would wait for ever). ``release_if_abandoned()`` releases it
    when its owner has ended without releasing it, so threads waiting for it can finish.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.someone_waits = threading.Event()
        self.acquired = 0
        self.owner: threading.Thread | None = None

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        me = threading.current_thread()
        if blocking and self.owner is me:
            msg = f"{me.name} acquires a lock it already holds: a plain Lock would wait for ever (release it first)"
            raise AssertionError(msg)
        if self._lock.locked():
            self.someone_waits.set()
        got = self._lock.acquire(blocking, timeout)
        if got:
            self.owner = me
            self.acquired += 1
        return got

    def release(self) -> None:
        self.owner = None
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def release_if_abandoned(self) -> bool:
        """Release the lock if the thread holding it has ended; True if it did."""
        owner = self.owner
        if owner is None or owner.is_alive() or not self._lock.locked():
            return False
        self.release()
        return True

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


class PausingStore:
    """A number kept somewhere else (a file, a database row): ``read()`` and ``write(value)``.

    The first ``read()`` sets ``first_read`` and then stops until the test sets ``go``, so the test
    decides what other threads do meanwhile. ``reads`` and ``writes`` count the calls. Set ``go`` in a
    ``finally`` so a failing test leaves no thread paused (``pause_backstop`` seconds at most).
    """

    pause_backstop = 60.0

    def __init__(self, value: int = 0) -> None:
        self.value = value
        self.reads = 0
        self.writes = 0
        self.first_read = threading.Event()
        self.go = threading.Event()

    def read(self) -> int:
        self.reads += 1
        value = self.value
        if self.reads == 1:
            self.first_read.set()
            self.go.wait(self.pause_backstop)
        return value

    def write(self, value: int) -> None:
        self.writes += 1
        self.value = value
