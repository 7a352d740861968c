"""How deeply a call nests calls of functions written in the notebook: recursion, observed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from course.runtime.whose_line import is_cell_file

T = TypeVar("T")


def recursion_depth(func: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, int]:
    """Call ``func(*args, **kwargs)``; return ``(result, deepest nesting of notebook-written calls)``.

    Only functions compiled from notebook cells count (see :func:`course.runtime.whose_line.is_cell_file`):
    the standard library and installed packages do not, so a loop around ``sorted()``,
    ``os.walk()`` or ``itertools`` stays at depth 1 or 2, while a function that really recurses
    ``n`` levels deep reaches ``n`` or more.
    """
    depth = deepest = 0

    def watch(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal depth, deepest
        if event not in ("call", "return") or not is_cell_file(frame.f_code.co_filename):
            return
        if event == "call":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        result = func(*args, **kwargs)
    finally:
        sys.setprofile(previous)
    return result, deepest
