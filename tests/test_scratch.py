"""course.runtime.scratch: scratch folders that do not outlive their kernel, even a killed one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.runtime.scratch import scratch_dir, sweep_stale


def test_a_scratch_folder_is_new_empty_and_named_after_its_process(tmp_path: Path) -> None:
    folder = scratch_dir("7.1", tmp_path)
    assert folder.parent == tmp_path and folder.is_dir() and not any(folder.iterdir())
    assert folder.name.startswith(f"course-7.1-{os.getpid()}-")
    assert scratch_dir("7.1", tmp_path) != folder, "every call makes a new folder"


def test_folders_of_dead_processes_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    stale = tmp_path / f"course-7.1-{dead.stdout.strip()}-abc"
    (stale / "inner").mkdir(parents=True)
    live = tmp_path / f"course-7.1-{os.getpid()}-def"
    live.mkdir()
    other_tag = tmp_path / f"course-7.2-{dead.stdout.strip()}-abc"
    other_tag.mkdir()
    not_ours = tmp_path / "course-7.1-notapid-x"
    not_ours.mkdir()
    assert sweep_stale("7.1", tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other_tag.exists() and not_ours.exists()


def test_the_folder_is_removed_when_the_process_exits(tmp_path: Path) -> None:
    code = "import sys; from pathlib import Path; from course.runtime.scratch import scratch_dir; print(scratch_dir('t', Path(sys.argv[1])))"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True, env=env
    )
    assert run.stdout.strip().startswith(str(tmp_path)) and not Path(run.stdout.strip()).exists()


def test_a_tag_that_could_escape_the_temp_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=re.escape("tag '../x' is not")):
        scratch_dir("../x", tmp_path)
