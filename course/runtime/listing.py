"""Folder listings in a known, unhelpful order, for tests of code that must sort what it finds.

File systems list a folder's entries in no guaranteed order; many happen to give creation or
name order, so an answer that forgets to sort can pass on one machine and fail on another.
Inside :func:`listing_z_to_a` every listing comes back from Z to A, on every machine.
"""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Iterator
from types import TracebackType
from typing import Any
from unittest import mock


@contextlib.contextmanager
def listing_z_to_a() -> Iterator[None]:
    """While active, ``os.scandir`` and ``os.listdir`` list names from Z to A, and so do
    ``Path.iterdir``, ``glob``, ``rglob``, ``os.walk`` and ``glob.glob``, which are built on them
    (checked on Python 3.11 to 3.13; 3.13's pathlib glob keeps its own ``os.scandir``)."""
    real_scandir, real_listdir = os.scandir, os.listdir

    class Entries:
        """Like ``os.scandir``'s result: an iterator that is also a context manager."""

        def __init__(self, path: Any = ".") -> None:
            with real_scandir(path) as found:
                self._it = iter(sorted(found, key=lambda entry: entry.name, reverse=True))

        def __iter__(self) -> Entries:
            return self

        def __next__(self) -> os.DirEntry[Any]:
            return next(self._it)

        def __enter__(self) -> Entries:
            return self

        def __exit__(
            self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
        ) -> None:
            return None

        def close(self) -> None:
            return None

    def listdir(path: Any = ".") -> list[Any]:
        return sorted(real_listdir(path), reverse=True)

    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(os, "scandir", Entries))
        stack.enter_context(mock.patch.object(os, "listdir", listdir))
        globber = getattr(glob, "_StringGlobber", None)
        if globber is not None and "scandir" in vars(globber):
            stack.enter_context(mock.patch.object(globber, "scandir", staticmethod(Entries)))
        yield
