"""Make nbgrader's Python API usable, and affordable, from any process that has it installed."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def ensure_tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook; it is installed
    beside this interpreter, which is not on PATH when the venv is not activated."""
    if shutil.which("alembic"):
        return
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def remember_alembic_head(cache_dir: Path | None) -> None:
    """Ask nbgrader for its database schema version once, not once per new gradebook.

    Every new gradebook makes nbgrader start an ``alembic heads`` subprocess (2-3 s) to learn a
    value that is fixed for an installed nbgrader. We learn it once (cached on disk per nbgrader
    version when ``cache_dir`` is given) and hand nbgrader the answer. Worker processes forked
    afterwards inherit it.
    """
    from importlib.metadata import version

    import nbgrader.api as gradebook

    if getattr(gradebook.get_alembic_version, "course_cached", False):
        return
    ensure_tools_on_path()
    stored = cache_dir / f"nbgrader-{version('nbgrader')}-alembic-head" if cache_dir else None
    head = stored.read_text().strip() if stored and stored.is_file() else ""
    if not head:
        head = gradebook.get_alembic_version()
        if stored:
            try:
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_text(head + "\n")
            except OSError:
                pass

    def cached() -> str:
        return head

    cached.course_cached = True  # type: ignore[attr-defined]
    gradebook.get_alembic_version = cached
