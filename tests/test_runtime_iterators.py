"""Tap: counts the items code pulls, stops a greedy reader at limit + 1 and names its line.
LateQueue: items arrive only while a consumer waits; a wait that could never end fails at once."""

from __future__ import annotations

import itertools
import linecache
import queue
from typing import Any

import pytest

from course.runtime.iterators import LateQueue, Tap
from course.runtime.meters import TooMuchWork


def test_counts_pulled_items_and_ends() -> None:
    tap = Tap("ab")
    assert iter(tap) is tap and (tap.pulled, tap.ends) == (0, 0)
    assert next(tap) == "a" and tap.pulled == 1
    assert list(tap) == ["b"] and (tap.pulled, tap.ends) == (2, 1)
    assert next(tap, "end") == "end" and (tap.pulled, tap.ends) == (2, 2)


def test_creating_a_tap_pulls_nothing() -> None:
    source = iter([1, 2])
    Tap(source, limit=0)
    assert next(source) == 1


def test_limit_passes_limit_items_and_fails_before_touching_the_source() -> None:
    asked = []

    def expensive() -> Any:
        for n in itertools.count():
            asked.append(n)
            yield n

    tap = Tap(expensive(), limit=3)
    assert list(itertools.islice(tap, 3)) == [0, 1, 2]
    with pytest.raises(TooMuchWork, match=r"^asked for item 4 of a stream when 3 are enough"):
        next(tap)
    assert isinstance(TooMuchWork("x"), AssertionError)
    assert asked == [0, 1, 2] and tap.pulled == 3, "the source is not read past the limit"
    with pytest.raises(TooMuchWork):  # and it keeps failing
        next(tap)


def test_an_endless_greedy_reader_fails_at_once() -> None:
    with pytest.raises(TooMuchWork):
        list(Tap(itertools.count(), limit=1000))


def test_limit_can_be_raised_between_checks() -> None:
    tap = Tap(itertools.count(), limit=1)
    assert next(tap) == 0
    tap.limit = 2
    assert next(tap) == 1 and tap.pulled == 2
    tap.limit = None
    assert next(tap) == 2


def test_a_finite_source_of_exactly_limit_items_fails_when_its_end_is_asked_for() -> None:
    with pytest.raises(TooMuchWork):
        list(Tap([1, 2], limit=2))
    assert list(Tap([1, 2], limit=3)) == [1, 2]


def test_errors_of_the_source_pass_through() -> None:
    def broken() -> Any:
        yield 1
        raise OSError("disk")

    tap = Tap(broken())
    assert next(tap) == 1
    with pytest.raises(OSError, match="disk"):
        next(tap)
    assert tap.pulled == 1


def test_the_failure_names_the_learners_line() -> None:
    """Code from one notebook cell reads a Tap made in another: the message names the reader's line."""
    ns: dict[str, Any] = {"Tap": Tap}
    cells = ["def greedy(lines):\n    everything = list(lines)\n    yield from everything\n"]
    cells.append("next(greedy(Tap(range(10), limit=2)))\n")
    for number, code in enumerate(cells):
        name = f"/tmp/ipykernel_4242/{900 + number}.py"
        linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
    define, run = (compile(code, f"/tmp/ipykernel_4242/{900 + n}.py", "exec") for n, code in enumerate(cells))
    exec(define, ns)
    with pytest.raises(TooMuchWork) as caught:
        exec(run, ns)
    where = caught.value.where
    assert where is not None and where.yours and (where.lineno, where.function) == (2, "greedy")
    assert str(caught.value).endswith("(spent in your code at line 2: everything = list(lines))")


def test_repr() -> None:
    tap = Tap([1], limit=4)
    next(tap)
    assert repr(tap) == "Tap(pulled=1, ends=0, limit=4)"


def test_late_queue_delivers_one_item_per_waiting_get() -> None:
    q = LateQueue(["a", None, 0])
    assert q.empty() and q.qsize() == 0 and q.undelivered == 3, "nothing has arrived before anybody waits"
    assert q.get() == "a" and q.empty() and q.undelivered == 2
    with pytest.raises(queue.Empty):
        q.get_nowait()  # a consumer that does not wait sees an empty queue
    assert q.get(timeout=5) is None and q.get() == 0 and q.undelivered == 0


def test_late_queue_keeps_what_was_put_first() -> None:
    q: LateQueue[str] = LateQueue(["later"])
    q.put("now")
    assert q.get() == "now" and q.undelivered == 1 and q.get() == "later"


def test_late_queue_fails_instead_of_waiting_for_ever() -> None:
    q = LateQueue(["only"])
    assert q.get() == "only"
    with pytest.raises(AssertionError, match="never receive another item"):
        q.get()
    with pytest.raises(queue.Empty):
        q.get(block=False)


def test_an_empty_check_stops_early_on_a_late_queue() -> None:
    def drain_until_empty(q: queue.Queue[int]) -> list[int]:
        out = []
        while not q.empty():
            out.append(q.get())
        return out

    assert drain_until_empty(LateQueue([1, 2])) == []
