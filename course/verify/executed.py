"""Executed copies of the notebooks that ran cleanly, kept under their run key.

The test suite and ``course verify`` run every self-study notebook; ``course site`` needs every one
executed too, to show its outputs. Each clean run is kept here under the same key the verification
cache uses for it (see :mod:`course.verify.cache`: the notebook's bytes, its phase's data files, the
course package's code, the Python version and every installed distribution's version), so a later step
with exactly the same inputs takes the outputs instead of running the notebook again.

As with the verification cache, only clean runs are kept and a copy is used only under an unchanged key:
a notebook that failed, or whose inputs changed, runs again. A damaged file reads as missing. The folder
is ``.course-cache/executed/`` (git-ignored); deleting it only costs time.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

FOLDER = "executed"


@dataclass(frozen=True)
class ExecutedStore:
    folder: Path

    @classmethod
    def of(cls, cache: Path) -> ExecutedStore:
        """The store inside a project's cache folder (``Project.cache``)."""
        return cls(cache / FOLDER)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.ipynb"

    def get(self, key: str) -> NotebookNode | None:
        """The executed notebook kept under ``key``; ``None`` when there is none or it cannot be read."""
        try:
            return nbformat.reads(self._path(key).read_text(encoding="utf-8"), as_version=4)
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            return None

    def put(self, key: str, nb: NotebookNode) -> None:
        """Keep ``nb`` (a notebook that ran cleanly) under ``key``; a read-only checkout keeps nothing."""
        from course.editions.writer import atomic_write

        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._path(key), json.dumps(nb).encode())

    def keep_only(self, keys: Collection[str]) -> int:
        """Delete every copy whose key is not in ``keys`` (older states of the notebooks); returns how many."""
        removed = 0
        wanted = {f"{k}.ipynb" for k in keys}
        for path in self.folder.glob("*.ipynb") if self.folder.is_dir() else ():
            if path.name not in wanted:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed
