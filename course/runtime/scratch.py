"""A scratch folder for a notebook's file work, removed when the kernel exits and swept up by the
next run if the kernel was killed instead.

``atexit`` alone is not enough: ``course verify`` and many Jupyter front ends stop kernels with a
kill, which runs no exit handlers. So each folder's name carries the id of the process that made
it (``course-<tag>-<pid>-<random>``), and :func:`scratch_dir` first removes the folders of the same
tag whose process is no longer running. Standard library only: it runs in learners' kernels and in
the proof worker (which points ``tempfile`` at its own scratch folder).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

_TAG = re.compile(r"[A-Za-z0-9._-]{1,40}")


def _running(pid: int) -> bool:
    """Whether a process with this id exists (on POSIX; elsewhere assume it does)."""
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep_stale(tag: str, root: Path | None = None) -> list[Path]:
    """Remove ``course-<tag>-<pid>-*`` folders in ``root`` (the temp folder) whose process is gone."""
    base = Path(root if root is not None else tempfile.gettempdir())
    pattern = re.compile(rf"course-{re.escape(tag)}-(\d+)-[^/]+")
    removed = []
    for entry in sorted(base.glob(f"course-{tag}-*")):
        match = pattern.fullmatch(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not _running(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def scratch_dir(tag: str, root: Path | None = None) -> Path:
    """A new empty folder ``<temp>/course-<tag>-<pid>-<random>``, removed when this process exits
    normally; stale folders of the same tag left by killed processes are removed first."""
    if not _TAG.fullmatch(tag):
        msg = f"scratch_dir: tag {tag!r} is not 1-40 letters, digits, '.', '_' or '-'"
        raise ValueError(msg)
    sweep_stale(tag, root)
    folder = Path(tempfile.mkdtemp(prefix=f"course-{tag}-{os.getpid()}-", dir=root))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
