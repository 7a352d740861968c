"""Make nbgrader's Python API usable, and affordable, from any process that has it installed."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def scratch_dir() -> str | None:
    """A RAM disk for nbgrader's scratch course folders where there is one (``/dev/shm``): its
    gradebook commits to SQLite once per cell, which costs far more on a real disk."""
    shm = Path("/dev/shm")  # noqa: S108 - only a parent for mkdtemp, which is safe
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        return None
    # containers often give /dev/shm only 64 MB; a scratch course of graded notebooks needs more
    return str(shm) if shutil.disk_usage(shm).free > 1 << 30 else None


def ensure_tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook; it is installed
    beside this interpreter, which is not on PATH when the venv is not activated."""
    if shutil.which("alembic"):
        return
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def alembic_head_from_files() -> str:
    """nbgrader's gradebook schema version, read from its migration files (no subprocess).

    The head is the revision no other revision names as its ``down_revision``; an empty string
    when that is not exactly one (then nbgrader's own way is used).
    """
    import ast

    import nbgrader

    revisions: dict[str, set[str]] = {}
    for path in (Path(nbgrader.__file__).parent / "alembic" / "versions").glob("*.py"):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign) or len(node.targets) != 1:
                continue
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(node.value)
        rev, down = values.get("revision"), values.get("down_revision")
        if isinstance(rev, str):
            revisions[rev] = {down} if isinstance(down, str) else set(down) if isinstance(down, tuple) else set()
    named = set().union(*revisions.values()) if revisions else set()
    heads = [r for r in revisions if r not in named]
    return heads[0] if len(heads) == 1 else ""


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
        head = alembic_head_from_files() or gradebook.get_alembic_version()
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
