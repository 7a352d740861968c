"""Catch files that code opened and then dropped without closing them.

CPython closes a file object when its last reference goes, and warns with a ``ResourceWarning``
(``unclosed file <...>``) when it had to do so: the program forgot ``close()``. Those warnings are
ignored by default, so a test that wants to see them turns them on for one block:

>>> with unclosed_files() as leaks:
...     handle = open(__file__, encoding="utf-8")
...     del handle
>>> len(leaks)
1

Standard library only; reference counting makes the verdict immediate on CPython (a final
``gc.collect()`` also catches files kept alive by a reference cycle).
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["unclosed_files"]


@contextmanager
def unclosed_files() -> Iterator[list[str]]:
    """For one block, record the message of every ``ResourceWarning`` about an unclosed file.

    Yields a list that is filled when the block ends (after a final garbage collection), also when it raises;
    read it after the ``with`` block, not inside it.
    Other warnings, ``ResourceWarning`` about sockets or transports included, are not recorded here and keep
    their usual handling.
    """
    found: list[str] = []
    others: list[warnings.WarningMessage] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        try:
            yield found
        finally:
            gc.collect()
            for warning in caught:
                text = str(warning.message)
                if issubclass(warning.category, ResourceWarning) and text.startswith("unclosed file"):
                    found.append(text)
                else:
                    others.append(warning)
    for warning in others:  # outside the recording block, so they reach the caller's filters
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
