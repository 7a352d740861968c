"""Counting executed Python lines, for code whose work is not done on metered values."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from course.runtime.meters.meter import Meter

T = TypeVar("T")


def count_steps(func: Callable[..., T], *args: Any, limit: int | None = None, **kwargs: Any) -> tuple[T, int]:
    """Call ``func(*args, **kwargs)``; return ``(result, steps)``, steps = Python lines executed.

    Every line of Python run by the call counts, in any function; lines run inside C code
    (``sum``, ``sorted``, slice assignment...) do not. Past ``limit`` steps it raises
    :class:`TooMuchWork` at once, naming the line that was running.
    """
    meter = Meter(limit, unit="steps", hint="the work grows faster than this exercise allows")

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            meter.tick()
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, meter.count
