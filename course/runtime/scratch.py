"""A scratch folder for a notebook's file work, removed when the kernel exits and swept up by a
later run if the kernel was killed instead.

``atexit`` alone is not enough: ``course verify`` and many Jupyter front ends stop kernels with a
kill, which runs no exit handlers. So :func:`scratch_dir` first removes the folders of the same tag
whose owner is gone, and it must never remove the folder of a process that is still running, even
one this process cannot see (another container or PID namespace sharing ``/tmp``). A process id
cannot tell that: an invisible process looks dead, and a reused id looks alive. So the owner keeps
an exclusive ``flock`` on its folder for as long as it lives; the kernel drops that lock however
the owner ends (``exit``, ``kill -9``, a crash), and every container on the machine shares
that kernel. A sweep removes a folder only
after taking that lock itself, and holds it until the folder is gone, so two sweeps never race.
The folder is locked under a name no sweep looks at (``course-<tag>-new<pid>-<random>``) and then
renamed, so no sweep ever sees it unlocked while its owner lives.

A folder without the lock (its owner died before locking it, or the file system refused the lock)
is removed only when it is older than :data:`GRACE_SECONDS` and its process is not running. Where
``fcntl`` does not exist (Windows), nothing is swept: only the exit handler cleans up.

The folder name, ``course-<tag>-<pid>-<random>``, carries the owner's process id for people
reading ``/tmp``. Standard library only: this runs in learners' kernels and in the proof worker.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock, so no sweeping
    fcntl = None  # type: ignore[assignment]

GRACE_SECONDS = 3600.0
"""How old a folder its owner never locked must be before a sweep may remove it."""

_TAG = re.compile(r"[A-Za-z0-9._-]{1,40}")
_held: list[int] = []  # descriptors of this process's folders: open, and locked, until it exits


def _check_tag(tag: str) -> None:
    if not _TAG.fullmatch(tag):
        msg = f"scratch_dir: tag {tag!r} is not 1-40 letters, digits, '.', '_' or '-'"
        raise ValueError(msg)


def _running(pid: int) -> bool:
    """Whether a process with this id is visible and running (on POSIX; elsewhere assume it is)."""
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _abandoned(folder: Path, pid: int, staging: bool, now: float, stack: contextlib.ExitStack) -> bool:
    """Whether folder's owner is gone, so that a sweep may remove it. Yes when its lock can be
    taken (it is then held until ``stack`` closes); for a folder never locked (``staging``, or no
    locks on this file system) only when it is older than GRACE_SECONDS and process ``pid`` is not
    running. Only real folders (not symlinks) of this user count; when in doubt, no."""
    if fcntl is None:
        return False
    try:
        info = folder.lstat()
        fd = os.open(folder, os.O_RDONLY | os.O_NOFOLLOW | os.O_DIRECTORY)  # a symlink fails here
    except OSError:
        return False
    stack.callback(os.close, fd)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    old_and_gone = now - info.st_mtime > GRACE_SECONDS and not _running(pid)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # its owner holds the lock: alive
        return False
    except OSError:  # no locks on this file system
        return old_and_gone
    return old_and_gone if staging else True


def sweep_stale(tag: str, root: Path | None = None, *, now: float | None = None) -> list[Path]:
    """Remove the folders of ``tag`` in ``root`` (the temp folder) whose owner is gone; return
    them. ``now`` (seconds since the epoch) replaces the clock, for tests."""
    _check_tag(tag)
    base = Path(root if root is not None else tempfile.gettempdir())
    moment = time.time() if now is None else now
    pattern = re.compile(rf"course-{re.escape(tag)}-(new)?(\d+)-[a-z0-9_]+")  # mkdtemp's letters
    removed = []
    for entry in sorted(base.glob(f"course-{tag}-*")):
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        with contextlib.ExitStack() as stack:
            if _abandoned(entry, int(match.group(2)), match.group(1) is not None, moment, stack):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
    return removed


def _remove(folder: Path, owner: int) -> None:
    """The exit handler: remove folder, but only in the process that made it (not a forked child)."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


def scratch_dir(tag: str, root: Path | None = None) -> Path:
    """A new empty folder ``<temp>/course-<tag>-<pid>-<random>``, locked by this process while it
    lives and removed when it exits normally; the folders of the same tag whose owner is gone are
    removed first."""
    _check_tag(tag)
    sweep_stale(tag, root)
    pid = os.getpid()
    if fcntl is None:
        folder = Path(tempfile.mkdtemp(prefix=f"course-{tag}-{pid}-", dir=root))
    else:
        prefix = f"course-{tag}-new{pid}-"
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
        fd = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
        _held.append(fd)
        # Blocking: a sweep may hold the lock for a moment while it looks at the new folder.
        with contextlib.suppress(OSError):  # no locks on this file system: sweeps use age and pid
            fcntl.flock(fd, fcntl.LOCK_EX)
        folder = staging.with_name(f"course-{tag}-{pid}-{staging.name[len(prefix) :]}")
        os.rename(staging, folder)
    atexit.register(_remove, folder, pid)
    return folder
