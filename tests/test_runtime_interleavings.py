"""course.runtime.interleavings: forced interleavings, deadlocks found at once, and no thread left behind."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

import pytest

from course.runtime.interleavings import Stepper, Watched, collecting, wait_until_collecting


def _unwatched_lost_update(lock: threading.Lock | None) -> int:
    """Two increments; the second thread runs inside the first one's read-modify-write."""
    box = {"n": 0}
    with Stepper() as steps:
        guard = steps.watch(lock) if lock is not None else None

        def add(nested: bool) -> None:
            if guard is not None:
                guard.acquire()
            current = box["n"]
            if nested:
                steps.start(add, False, name="second")
            box["n"] = current + 1
            if guard is not None:
                guard.release()

        steps.start(add, True, name="first")
        steps.join_all()
    return box["n"]


def test_start_runs_a_thread_until_it_finishes_or_waits() -> None:
    assert _unwatched_lost_update(None) == 1  # the race, forced: the second add happens between read and write
    assert _unwatched_lost_update(threading.Lock()) == 2  # with the lock the second one waits, every run


def test_a_thread_waiting_on_a_watched_event_is_settled() -> None:
    with Stepper() as steps:
        event = steps.watch(threading.Event(), "go")
        said: list[str] = []
        steps.start(lambda: (event.wait(), said.append("waiter")), name="waiter")
        assert said == [] and steps.waiting() == ["waiter waits on go"]
        steps.start(lambda: (said.append("setter"), event.set()), name="setter")
        steps.join_all()
    assert said == ["setter", "waiter"]
    assert event.waits == 1


def test_semaphores_hand_turns_over() -> None:
    said: list[str] = []
    with Stepper() as steps:
        ping, pong = steps.watch(threading.Semaphore(1), "ping"), steps.watch(threading.Semaphore(0), "pong")

        def player(mine: Watched, other: Watched, word: str) -> None:
            for _ in range(3):
                mine.acquire()
                said.append(word)
                other.release()

        steps.start(player, pong, ping, "pong", name="pong")  # starts first, but must wait for its turn
        steps.start(player, ping, pong, "ping", name="ping")
        steps.join_all()
    assert said == ["ping", "pong"] * 3
    assert (ping.acquired, ping.released, pong.acquired, pong.released) == (3, 3, 3, 3)


def test_a_barrier_lets_the_party_through_together() -> None:
    out: list[str] = []
    with Stepper() as steps:
        meet = steps.watch(threading.Barrier(2), "meet")
        steps.start(lambda: (meet.wait(), out.append("a")), name="a")
        assert out == [] and steps.waiting() == ["a waits on meet"]
        steps.start(lambda: (meet.wait(), out.append("b")), name="b")
        assert sorted(out) == ["a", "b"]  # start() returned only after both had gone through
        steps.join_all()


def test_a_deadlock_fails_at_once_and_leaves_no_thread() -> None:
    before = set(threading.enumerate())
    with Stepper() as steps:
        slot = steps.watch(threading.Semaphore(1), "slot")
        steps.start(slot.acquire, name="keeps-it")  # never gives it back
        steps.start(slot.acquire, name="waits")
        with pytest.raises(AssertionError, match=r"deadlock: waits waits on slot"):
            steps.join_all()
    assert set(threading.enumerate()) == before


def test_a_lock_taken_twice_by_its_thread_is_a_deadlock() -> None:
    with Stepper() as steps:
        lock = steps.watch(threading.Lock(), "lock")

        def twice() -> None:
            with lock, lock:
                pass

        with pytest.raises(AssertionError, match="twice takes lock again while holding it"):
            steps.start(twice, name="twice")


def test_leaving_the_block_wakes_waiters_and_barriers() -> None:
    before = set(threading.enumerate())
    caught: list[str] = []
    with Stepper() as steps:
        never = steps.watch(threading.Event(), "never")
        party = steps.watch(threading.Barrier(3), "party")

        def wait_and_catch_everything() -> None:
            try:
                never.wait()
            except Exception:  # noqa: BLE001 - the point: Abandoned is no Exception
                caught.append("swallowed")

        steps.start(wait_and_catch_everything, name="e")
        steps.start(party.wait, name="b")
    assert set(threading.enumerate()) == before and caught == []
    assert not steps.errors  # the broken barrier is the stepper's doing, not an error of the code


def test_an_exception_in_a_thread_is_raised_in_the_test() -> None:
    with Stepper() as steps, pytest.raises(ZeroDivisionError):
        steps.start(lambda: 1 / 0, name="bad")


def test_a_thread_stuck_on_something_unwatched_fails_after_patience() -> None:
    hidden = threading.Event()
    steps = Stepper()
    steps.patience = 0.2  # only this test waits for it; real checks never reach it
    steps.grace = 0.2
    with pytest.raises(AssertionError, match=r"did not settle: \['stuck'\]"):
        steps.start(hidden.wait, name="stuck")
    hidden.set()
    steps.threads[0].join()


def test_watched_primitives_keep_working_after_the_stepper() -> None:
    with Stepper() as steps:
        lock = steps.watch(threading.Lock())
    with lock:
        assert lock.locked()
    assert not lock.locked() and lock.acquire(blocking=False)
    lock.release()


def test_a_timed_wait_times_out() -> None:
    with Stepper() as steps:
        event = steps.watch(threading.Event())
        got: list[bool] = []
        steps.start(lambda: got.append(event.wait(0.01)), name="timed")
        steps.join_all()
    assert got == [False]


def test_watched_without_stepper_calls_on_wait_before_blocking() -> None:
    calls: list[str] = []
    waiting = threading.Event()
    slot = Watched(threading.BoundedSemaphore(1), on_wait=lambda: (calls.append("wait"), waiting.set()))
    assert slot.acquire() and calls == []
    assert slot.acquire(blocking=False) is False and calls == []
    got: list[bool] = []
    waiter = threading.Thread(target=lambda: got.append(slot.acquire()))
    waiter.start()
    assert waiting.wait(60)  # on_wait runs in the waiter just before it blocks
    slot.release()
    waiter.join()
    slot.release()
    assert got == [True] and (slot.acquired, slot.released, slot.waits) == (2, 2, 1)
    with pytest.raises(ValueError, match="released too many times"):
        slot.release()  # the wrapped BoundedSemaphore still checks


def test_collecting_sees_a_caller_waiting_for_its_pool() -> None:
    caller = threading.current_thread()
    seen: list[bool] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        late = pool.submit(lambda: seen.append(wait_until_collecting(caller)) or "late")
        early = pool.submit(lambda: "early")
        order = [f.result() for f in as_completed([late, early])]
    assert seen == [True] and order == ["early", "late"]  # "late" finished only once as_completed was waiting


def test_collecting_is_false_for_other_waits() -> None:
    never = threading.Event()
    waiter = threading.Thread(target=never.wait)
    waiter.start()
    try:
        assert not collecting(waiter) and not collecting(threading.current_thread())
        assert wait_until_collecting(waiter, patience=0.05) is False
    finally:
        never.set()
        waiter.join()
