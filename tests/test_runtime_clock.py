"""course.runtime.clock: a fake clock for code that takes its clock and sleep as arguments."""

from __future__ import annotations

import doctest

import pytest

import course.runtime.clock
from course.runtime.clock import FakeClock


def test_reading_returns_the_time_and_counts_reads() -> None:
    clock = FakeClock(5.0)
    assert clock.reads == 0 and clock.sleeps == []
    assert clock() == 5.0 and clock() == 5.0
    assert clock.reads == 2


def test_default_start_is_not_zero() -> None:
    clock = FakeClock()
    assert clock() == 1000.0 and type(clock()) is float


def test_advance_moves_time_without_recording_a_sleep() -> None:
    clock = FakeClock(0.0)
    clock.advance(1.5)
    clock.advance(0)
    assert clock() == 1.5 and clock.sleeps == [] and clock.reads == 1


def test_sleep_records_each_delay_in_order_and_moves_time() -> None:
    clock = FakeClock(0.0)
    clock.sleep(2.0)
    clock.sleep(0.0)
    clock.sleep(0.25)
    assert clock.sleeps == [2.0, 0.0, 0.25]
    assert clock.now == 2.25 and clock.reads == 0, "sleeping is not reading"


@pytest.mark.parametrize("method", ["advance", "sleep"])
def test_time_never_goes_back(method: str) -> None:
    clock = FakeClock(3.0)
    with pytest.raises(ValueError, match="-1"):
        getattr(clock, method)(-1)
    assert clock.now == 3.0 and clock.sleeps == []


def test_two_clocks_are_independent() -> None:
    a, b = FakeClock(0.0), FakeClock(0.0)
    a.sleep(1.0)
    assert b() == 0.0 and b.sleeps == [] and a.reads == 0


def test_repr_shows_the_state() -> None:
    clock = FakeClock(1.0)
    clock.sleep(0.5)
    assert repr(clock) == "FakeClock(now=1.5, reads=0, sleeps=[0.5])"


def test_module_doctest() -> None:
    failures, tried = doctest.testmod(course.runtime.clock)
    assert tried > 0 and failures == 0
