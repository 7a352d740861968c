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


def test_what_one_run_changes_in_the_interpreter_does_not_reach_the_next(tmp_path: Path) -> None:
    import gc
    import tracemalloc
    import warnings

    careless = (
        "import gc, sys, tracemalloc, warnings\n"
        "tracemalloc.start()\ngc.disable()\ngc.set_threshold(5)\n"
        "sys.setswitchinterval(0.5)\nsys.setrecursionlimit(200)\n"
        "warnings.simplefilter('error')\nraise RuntimeError('a mutant that forgot to clean up')"
    )
    before = (gc.get_threshold(), sys.getswitchinterval(), sys.getrecursionlimit(), len(warnings.filters))
    assert not tracemalloc.is_tracing() and gc.isenabled()
    result = proof_worker._in_scratch(None, lambda: proof_worker.run_scenario([], careless, [], 10))
    assert result["answer_error"].startswith("RuntimeError")
    assert not tracemalloc.is_tracing() and gc.isenabled(), "the next exercise starts as the worker did"
    assert (gc.get_threshold(), sys.getswitchinterval(), sys.getrecursionlimit(), len(warnings.filters)) == before
    check = "import tracemalloc\nassert not tracemalloc.is_tracing()"
    clean = proof_worker._in_scratch(None, lambda: proof_worker.run_scenario([], check, [], 10))
    assert clean["answer_error"] is None
