"""Streams that watch how code reads them, for tests of laziness and streaming.

:class:`Tap` is an iterator that counts how far code reads it; :class:`LateQueue` a queue whose
producer is always slower than its consumer.

A test hands the learner's generator, pipeline or iterator class a :class:`Tap` instead of a
list, often over an endless source (``itertools.count()``, ``itertools.cycle(...)``), and then
checks ``tap.pulled``: how many items the code has taken so far. With a ``limit`` the Tap also
stops a greedy answer (one that calls ``list()`` on its input, reads ahead, or loops over an
endless stream) at the first item too many, with :class:`~course.runtime.meters.TooMuchWork`
(an ``AssertionError``) naming the learner's line that asked, instead of letting it run for ever.

Standard library only: it runs in learners' kernels, the proof worker and nbgrader's autograder.
"""

from __future__ import annotations

import queue
from collections import deque
from collections.abc import Iterable
from typing import Generic, TypeVar

from course.runtime.meters.meter import TooMuchWork
from course.runtime.whose_line import locate_stack

T = TypeVar("T")


class Tap(Generic[T]):
    """Iterate over ``items``, counting in ``pulled`` the items handed out and in ``ends`` the
    ``next()`` calls that found the source exhausted.

    ``limit`` (``None``: no limit) is the number of items the code may take: asking for item
    number ``limit + 1`` raises :class:`TooMuchWork` *before* the source is touched, so an endless
    or expensive source is never read further. The check comes first, so over a finite source of
    exactly ``limit`` items the call that would find its end fails too: give ``limit + 1`` when the
    code must see the end. ``limit`` may be changed between checks (``tap.limit = 5``).
    """

    def __init__(self, items: Iterable[T], limit: int | None = None) -> None:
        self._source = iter(items)
        self.limit = limit
        self.pulled = 0
        self.ends = 0

    def __iter__(self) -> Tap[T]:
        return self

    def __next__(self) -> T:
        if self.limit is not None and self.pulled >= self.limit:
            raise TooMuchWork(
                f"asked for item {self.pulled + 1} of a stream when {self.limit} are enough: the code reads "
                "further than it needs (a list() or sorted() of the whole input? reading ahead?)",
                locate_stack(),
            )
        try:
            item = next(self._source)
        except StopIteration:
            self.ends += 1
            raise
        self.pulled += 1
        return item

    def __repr__(self) -> str:
        return f"Tap(pulled={self.pulled}, ends={self.ends}, limit={self.limit})"


class LateQueue(queue.Queue[T], Generic[T]):
    """A ``queue.Queue`` fed by a producer slower than its consumer: each of ``items``, in order,
    arrives only when a consumer waits in a blocking ``get()`` on the empty queue.

    So ``empty()`` is true whenever the consumer has taken all that has arrived, though more is
    coming: code that takes an empty queue for "the stream is done" stops early, on every machine,
    with no thread and no timing. A blocking ``get()`` when nothing is left to arrive raises
    ``AssertionError`` at once instead of waiting for ever (code that reads past its stop marker
    fails instead of hanging the notebook). Non-blocking gets (``get_nowait()``) behave as on any
    queue and raise ``queue.Empty``. ``undelivered`` counts the items not taken yet, queued or to come.
    For one consumer thread.
    """

    def __init__(self, items: Iterable[T]) -> None:
        super().__init__()
        self._later = deque(items)

    @property
    def undelivered(self) -> int:
        return len(self._later) + self.qsize()

    def get(self, block: bool = True, timeout: float | None = None) -> T:
        if block and self.empty():
            if not self._later:
                raise AssertionError(
                    "get() waits on an empty queue that will never receive another item: the code "
                    "would hang here (did it read past the stop marker?)"
                )
            self.put(self._later.popleft())
        return super().get(block, timeout)
