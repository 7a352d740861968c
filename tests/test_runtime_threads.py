"""course.runtime.threads: stuck threads are seen without a clock, busy ones are waited for, the test
doubles force the interleavings they promise and leave no thread behind."""

from __future__ import annotations

import threading

import pytest

from course.runtime.threads import Background, PausingStore, WatchedLock, new_threads, settled, wait_until


def test_background_returns_and_raises() -> None:
    assert Background(lambda: 42).finish() == 42
    with pytest.raises(KeyError):
        Background(lambda: {}["missing"]).finish()


def test_a_blocked_thread_is_found_stuck_quickly() -> None:
    never = threading.Event()
    blocked = Background(never.wait, name="blocked")
    try:
        with pytest.raises(AssertionError, match="blocked: the call is stuck"):
            blocked.finish(stall=0.2, backstop=30)
    finally:
        never.set()
        blocked.thread.join()


def test_a_busy_thread_is_waited_for() -> None:
    def count() -> int:
        total = 0
        for i in range(3_000_000):  # processor work: never "still", however slow the machine
            total += i & 1
        return total

    assert Background(count).finish(stall=0.05) == 1_500_000


def test_wait_until_true_false_and_settled() -> None:
    flag = threading.Event()
    flag.set()
    assert wait_until(flag.is_set) is True
    gate = threading.Event()
    watch = new_threads()
    sleeper = Background(gate.wait)
    assert watch() == [sleeper.thread]
    assert wait_until(lambda: False, watch, stall=0.1) is False, "the only thread that could help is asleep"
    assert settled(watch, stall=0.1) is True
    gate.set()
    sleeper.finish()
    assert settled(watch, stall=0.1) is True, "ended threads are settled too"


def test_a_waiter_inside_the_watched_list_leaves_itself_out() -> None:
    # new_threads() made before the waiting thread started lists that thread too: it is always running (it is
    # the one looking), so it must not count, or the wait only ends at the backstop and reports "busy".
    gate = threading.Event()
    watch = new_threads()
    sleeper = Background(gate.wait, name="sleeper")
    waiter = Background(lambda: settled(watch, stall=0.1, backstop=10), name="waiter")
    try:
        assert waiter.finish(stall=30) is True
    finally:
        gate.set()
        sleeper.finish()


def test_watched_lock_reports_waiters_and_refuses_self_deadlock() -> None:
    lock = WatchedLock()
    with lock:
        assert lock.owner is threading.current_thread() and lock.locked()
        with pytest.raises(AssertionError, match="already holds"):
            lock.acquire()
        assert lock.acquire(blocking=False) is False
        waiter = Background(lambda: lock.acquire() and lock.release())
        assert wait_until(lock.someone_waits.is_set, [waiter.thread])
    waiter.finish()
    assert lock.acquired == 2 and not lock.locked() and lock.owner is None


def test_watched_lock_abandoned_by_an_ended_thread_is_released() -> None:
    lock = WatchedLock()
    Background(lock.acquire).finish()
    assert lock.locked()
    assert lock.release_if_abandoned() is True
    assert not lock.locked() and lock.release_if_abandoned() is False


def test_pausing_store_pauses_only_the_first_read() -> None:
    store = PausingStore(7)
    first = Background(store.read)
    assert wait_until(store.first_read.is_set, [first.thread])
    assert not first.done.is_set(), "the first read waits for go"
    assert store.read() == 7, "later reads do not pause"
    store.write(9)
    store.go.set()
    assert first.finish() == 7, "the paused read returns the value it read before pausing"
    assert (store.value, store.reads, store.writes) == (9, 2, 1)
