"""Real module files for a moment: write them to a scratch folder, make them importable, clean up.

``scratch_modules({"greetings.py": "WORD = 'hi'\\n"})`` is a context manager for lessons and tests about
imports (section 6.1 and later). Inside the ``with`` block the folder is first on ``sys.path``; on exit
the folder is deleted, its entry leaves ``sys.path`` and ``sys.path_importer_cache``, and every module
loaded from it leaves ``sys.modules``, so the next cell (or the next proof scenario) imports afresh.
Bytecode is not written while the block runs: a file rewritten within the same second and at the same
size could otherwise be read back from a stale ``.pyc``.

Standard library only: it runs in learners' kernels, the proof worker and nbgrader's autograder.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

__all__ = ["scratch_modules"]


def _inside(module: object, folder: str) -> bool:
    """Whether ``module`` was loaded from ``folder`` (its file, or a package's search locations).

    Reads the module's own namespace rather than calling ``getattr``: a module-level ``__getattr__``
    (PEP 562) or a non-module object some library put in ``sys.modules`` must not run code or raise here.
    """
    try:
        namespace = vars(module)
    except TypeError:  # an object without a __dict__
        return False
    places: list[object] = [namespace.get("__file__")]
    search = namespace.get("__path__")
    if isinstance(search, Iterable) and not isinstance(search, (str, bytes)):
        places += list(search)
    prefix = folder + os.sep
    return any(isinstance(p, str) and (p == folder or p.startswith(prefix)) for p in places)


@contextlib.contextmanager
def scratch_modules(files: Mapping[str, str] | None = None, *, on_path: bool = True) -> Iterator[Path]:
    """Write ``files`` (relative path -> source text) to a new temporary folder and yield the folder.

    With ``on_path`` (the default) the folder is put first on ``sys.path`` for the duration. Parent
    folders are created, so ``"tools/__init__.py"`` makes a package. Paths must stay inside the folder.
    """
    before = sys.dont_write_bytecode
    with tempfile.TemporaryDirectory(prefix="course-modules-") as tmp:
        folder = os.path.realpath(tmp)
        try:
            sys.dont_write_bytecode = True
            for name, text in (files or {}).items():
                target = Path(folder, name).resolve()
                if not target.is_relative_to(folder):
                    raise ValueError(f"scratch_modules: {name!r} would be written outside the scratch folder")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            if on_path:
                sys.path.insert(0, folder)
            importlib.invalidate_caches()
            yield Path(folder)
        finally:
            sys.dont_write_bytecode = before
            sys.path[:] = [p for p in sys.path if p != folder]
            for key in [k for k in sys.path_importer_cache if k == folder or k.startswith(folder + os.sep)]:
                del sys.path_importer_cache[key]
            for name in [n for n, m in list(sys.modules.items()) if _inside(m, folder)]:
                del sys.modules[name]
            importlib.invalidate_caches()
