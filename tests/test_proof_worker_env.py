"""Proof workers import the same ``course`` package as the process that starts them, even from a
scratch folder and with a relative PYTHONPATH (a worktree used with ``PYTHONPATH=.``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import course
from course import proof_worker
from tests.conftest import ROOT


def test_the_checkout_goes_first_and_relative_entries_become_absolute(tmp_path: Path) -> None:
    env = proof_worker.environment({"PYTHONPATH": os.pathsep.join(["relative/dir", str(ROOT)]), "X": "1"})
    paths = env["PYTHONPATH"].split(os.pathsep)
    assert paths == [str(ROOT), os.path.abspath("relative/dir")], "checkout first, once; the rest absolute"
    assert env["X"] == "1" and env["PYTHONDONTWRITEBYTECODE"] == "1"


def test_a_worker_in_a_scratch_folder_imports_this_checkout(tmp_path: Path) -> None:
    env = proof_worker.environment({k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": "."})
    out = subprocess.run(
        [sys.executable, "-c", "import course; print(course.__file__)"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out) == Path(course.__file__)
