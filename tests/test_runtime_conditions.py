"""course.runtime.conditions.WatchedCondition: a Condition that reports waits, wake-ups and thread ends."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from course.runtime.conditions import WaitAbandoned, WatchedCondition, watched_condition


def test_it_is_a_condition_that_counts_waits_and_notifies() -> None:
    cond = WatchedCondition()
    assert isinstance(cond, threading.Condition)
    ready: list[str] = []

    def consumer() -> None:
        with cond:
            assert cond.wait_for(lambda: ready, 60)

    cond.spawn(consumer)
    assert cond.settle(lambda: cond.waiting == 1)
    assert (cond.waits, cond.notifies, cond.finished) == (1, 0, 0)
    with cond:
        ready.append("item")
        cond.notify()
    assert cond.settle(lambda: cond.finished == 1)
    assert (cond.waiting, cond.waits, cond.notifies, cond.errors) == (0, 1, 1, [])
    cond.abandon()


def test_notify_all_counts_once() -> None:
    cond = WatchedCondition()
    with cond:
        cond.notify_all()
        cond.notify(2)
    assert cond.notifies == 2


def test_a_thread_woken_for_nothing_waits_again_and_it_shows() -> None:
    cond = WatchedCondition()
    ready: list[str] = []

    def consumer() -> None:
        with cond:
            cond.wait_for(lambda: ready, 60)

    cond.spawn(consumer)
    assert cond.settle(lambda: cond.waiting == 1)
    with cond:
        cond.notify()  # nothing is ready yet
    assert cond.settle(lambda: cond.waits == 2)
    assert cond.waiting == 1
    cond.abandon()
    assert cond.finished == 1 and isinstance(cond.errors[0], WaitAbandoned)


def test_abandon_ends_every_wait_and_joins_the_threads() -> None:
    cond = WatchedCondition()

    def forever() -> None:
        with cond:
            cond.wait()

    threads = [cond.spawn(forever) for _ in range(3)]
    assert cond.settle(lambda: cond.waiting == 3)
    cond.abandon()
    assert not any(t.is_alive() for t in threads)
    assert [type(e) for e in cond.errors] == [WaitAbandoned] * 3
    with cond, pytest.raises(WaitAbandoned):
        cond.wait(0)


def test_held_sees_the_callers_own_hold_and_other_threads() -> None:
    cond = WatchedCondition()
    assert cond.held() is False
    with cond:
        assert cond.held() is True  # the RLock is re-entrant for its owner, but not for the probe
    assert cond.held() is False
    plain = WatchedCondition(threading.Lock())
    with plain:
        assert plain.held() is True


def test_settle_returns_false_after_its_backstop_and_errors_are_kept() -> None:
    cond = WatchedCondition()
    assert cond.settle(lambda: False, timeout=0.01) is False

    def broken() -> None:
        raise KeyError("lost")

    cond.spawn(broken)
    assert cond.settle(lambda: cond.finished == 1)
    assert [e.args for e in cond.errors] == [("lost",)]
    cond.poke()
    cond.abandon()


def test_watched_condition_abandons_even_when_the_block_fails() -> None:
    seen: dict[str, Any] = {}

    def forever(cond: WatchedCondition) -> None:
        with cond:
            cond.wait()

    def failing_test() -> None:
        with watched_condition() as cond:
            seen["cond"], seen["thread"] = cond, cond.spawn(forever, cond)
            assert cond.settle(lambda: cond.waiting == 1)
            raise AssertionError("a test failed here")

    with pytest.raises(AssertionError, match="failed here"):
        failing_test()
    assert not seen["thread"].is_alive() and isinstance(seen["cond"].errors[0], WaitAbandoned)
