"""course.runtime.chaosbus: deterministic drops, duplicates, reorderings and crashes around a delivery function."""

from __future__ import annotations

import doctest

import pytest

import course.runtime.chaosbus
from course.runtime.chaosbus import ACTIONS, ChaosDelivery, Crash, deliver_until_done


def test_doctest() -> None:
    assert doctest.testmod(course.runtime.chaosbus).failed == 0


def test_each_action_does_what_it_says() -> None:
    got: list[str] = []
    bus = ChaosDelivery(got.append, ["drop", "dup", "hold", "ok"])
    for m in "abcd":
        bus(m)
    assert got == ["b", "b", "d", "c"]
    assert bus.delivered == got and bus.calls == 4 and bus.held == []


def test_crash_delivers_nothing_and_crash_after_delivers_then_raises() -> None:
    got: list[int] = []
    bus = ChaosDelivery(got.append, ["crash", "crash-after"])
    with pytest.raises(Crash):
        bus(1)
    assert got == []
    with pytest.raises(ConnectionError):
        bus(2)
    assert got == [2]
    bus(3)
    assert got == [2, 3] and [a for a, _ in bus.log] == ["crash", "crash-after", "ok"]


def test_held_message_waits_for_flush_when_nothing_follows() -> None:
    got: list[int] = []
    bus = ChaosDelivery(got.append, ["hold", "hold"])
    bus(1)
    bus(2)
    assert got == []
    bus.flush()
    assert got == [1, 2]


def test_unknown_action_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown action"):
        ChaosDelivery(print, ["ok", "explode"])


def test_seeded_scripts_repeat_and_differ_by_seed() -> None:
    a = ChaosDelivery.seeded(print, seed=7, length=30)
    b = ChaosDelivery.seeded(print, seed=7, length=30)
    c = ChaosDelivery.seeded(print, seed=8, length=30)
    assert a.script == b.script and a.script != c.script
    assert set(a.script) <= set(ACTIONS) and len(a.script) == 30
    only = ChaosDelivery.seeded(print, seed=1, length=5, actions=("dup",))
    assert only.script == ["dup"] * 5


def test_a_failing_handler_is_not_recorded_as_delivered() -> None:
    def refuse(m: int) -> None:
        raise RuntimeError("no")

    bus = ChaosDelivery(refuse)
    with pytest.raises(RuntimeError):
        bus(1)
    assert bus.delivered == [] and bus.log == [("ok", 1)]


def test_deliver_until_done_retries_after_crashes() -> None:
    got: list[int] = []
    bus = ChaosDelivery(got.append, ["crash", "crash-after", "ok", "crash"])
    assert deliver_until_done(bus, [1, 2, 3]) == 3
    assert got == [1, 1, 2, 3]
    always = ChaosDelivery(got.append, ["crash"] * 5)
    with pytest.raises(AssertionError, match="still failing"):
        deliver_until_done(always, [9], attempts=3)
