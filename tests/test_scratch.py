"""course.runtime.scratch: scratch folders that do not outlive their kernel, even a killed one,
and are never swept while their owner lives, even an owner this process cannot see."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.runtime.scratch import GRACE_SECONDS, scratch_dir, sweep_stale

ROOT = str(Path(__file__).resolve().parents[1])
NO_SUCH_PID = 4_194_305  # above Linux's PID_MAX_LIMIT (and macOS's 99999): never a running process
OWNER = """
import sys
from pathlib import Path
from course.runtime.scratch import scratch_dir
print(scratch_dir("7.1", Path(sys.argv[1])), flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def owner(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another process that made a scratch folder in tmp_path and waits (until its stdin closes)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert proc.stdout is not None
    folder = Path(proc.stdout.readline().strip())
    try:
        yield proc, folder
    finally:
        proc.kill()
        proc.wait()


def _made(path: Path, age: float = 0) -> Path:
    """A folder at path whose modification time is age seconds in the past."""
    (path / "inner").mkdir(parents=True)
    mtime = path.stat().st_mtime - age
    os.utime(path, (mtime, mtime))
    return path


def test_a_scratch_folder_is_new_empty_and_named_after_its_process(tmp_path: Path) -> None:
    folder = scratch_dir("7.1", tmp_path)
    assert folder.parent == tmp_path and folder.is_dir() and not any(folder.iterdir())
    assert re.fullmatch(rf"course-7\.1-{os.getpid()}-[a-z0-9_]+", folder.name), folder.name
    assert scratch_dir("7.1", tmp_path) != folder, "every call makes a new folder"
    assert sorted(p.name.split("-")[2] for p in tmp_path.iterdir()) == [str(os.getpid())] * 2, "no staging left"


def test_a_killed_owners_folder_is_swept_and_a_live_ones_kept(
    tmp_path: Path, owner: tuple[subprocess.Popen[str], Path]
) -> None:
    proc, folder = owner
    assert folder.parent == tmp_path and folder.is_dir()
    assert sweep_stale("7.1", tmp_path) == [] and folder.is_dir(), "its owner is alive"
    proc.kill()  # like a kernel stopped with SIGKILL: no exit handler runs
    proc.wait()
    assert folder.is_dir(), "the killed owner could not clean up"
    assert sweep_stale("7.1", tmp_path) == [folder] and not folder.exists()


def test_a_live_owner_that_this_process_cannot_see_keeps_its_folder(tmp_path: Path) -> None:
    # An owner in another PID namespace: its pid means nothing here, but its lock is held.
    hidden = _made(tmp_path / f"course-7.1-{NO_SUCH_PID}-abc", age=10 * GRACE_SECONDS)
    fd = os.open(hidden, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert sweep_stale("7.1", tmp_path) == [] and hidden.is_dir()
    finally:
        os.close(fd)
    assert sweep_stale("7.1", tmp_path) == [hidden], "once its lock is free, it is swept"


def test_this_processs_own_folders_are_kept(tmp_path: Path) -> None:
    mine = scratch_dir("7.1", tmp_path)
    assert sweep_stale("7.1", tmp_path) == [] and mine.is_dir()
    assert scratch_dir("7.1", tmp_path).is_dir() and mine.is_dir()


def test_a_folder_never_locked_is_swept_only_when_old_and_its_process_gone(tmp_path: Path) -> None:
    young = _made(tmp_path / f"course-7.1-new{NO_SUCH_PID}-young")
    old_live = _made(tmp_path / f"course-7.1-new{os.getpid()}-live", age=2 * GRACE_SECONDS)
    old_dead = _made(tmp_path / f"course-7.1-new{NO_SUCH_PID}-dead", age=2 * GRACE_SECONDS)
    assert sweep_stale("7.1", tmp_path) == [old_dead]
    assert young.is_dir() and old_live.is_dir() and not old_dead.exists()


def test_only_real_folders_of_the_tag_are_swept(tmp_path: Path) -> None:
    dead = _made(tmp_path / f"course-7.1-{NO_SUCH_PID}-abc")
    others = [
        _made(tmp_path / f"course-7.2-{NO_SUCH_PID}-abc"),
        _made(tmp_path / f"course-7.1-1-{NO_SUCH_PID}-abc"),  # tag "7.1-1", not "7.1"
        _made(tmp_path / "course-7.1-notapid-abc"),
        _made(tmp_path / f"course-7.1-{NO_SUCH_PID}-ABC.keep"),
    ]
    target = _made(tmp_path / "elsewhere")
    (tmp_path / f"course-7.1-{NO_SUCH_PID}-link").symlink_to(target, target_is_directory=True)
    assert sweep_stale("7.1", tmp_path) == [dead]
    assert all(p.is_dir() for p in others) and (target / "inner").is_dir()


def test_the_folder_is_removed_when_the_process_exits_but_not_by_a_forked_child(tmp_path: Path) -> None:
    code = (
        "import os, sys; from pathlib import Path; from course.runtime.scratch import scratch_dir\n"
        "folder = scratch_dir('t', Path(sys.argv[1]))\n"
        "pid = os.fork()\n"
        "if pid == 0: sys.exit(0)  # the child runs the exit handlers it inherited\n"
        "os.waitpid(pid, 0)\n"
        "print(folder, folder.is_dir())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    printed, still_there = run.stdout.split()
    assert Path(printed).parent == tmp_path and still_there == "True", "the child must not remove it"
    assert not Path(printed).exists(), "the owner removes it when it exits"


def test_a_tag_that_could_escape_the_temp_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=re.escape("tag '../x' is not")):
        scratch_dir("../x", tmp_path)
    with pytest.raises(ValueError, match=re.escape("tag '*' is not")):
        sweep_stale("*", tmp_path)
