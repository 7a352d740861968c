"""Every self-study notebook runs top to bottom with nbclient, with no error except in cells
meant to raise (tagged ``raises-exception``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from course.project import Project
from course.verify.execute import Execution, execute_notebook
from course.verify.full import execute_and_remember
from tests.conftest import ROOT, selected_params

NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
IDS = [p.relative_to(ROOT / "notebooks").as_posix() for p in NOTEBOOKS]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def executions(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Execution]:
    """The notebooks a selected test asks about (``-k 16.2`` runs 16.2's only), run in a copy of notebooks/
    (they may write scratch files), kernels in parallel. Clean runs are remembered for ``course verify`` (same
    keys), so CI does not run them twice."""
    wanted = [rel for rel in IDS if rel in selected_params(request, "test_notebook_runs_top_to_bottom", "rel")]
    copy = tmp_path_factory.mktemp("run") / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)
    results = execute_and_remember(Project(ROOT), copy, [copy / rel for rel in wanted]) if wanted else []
    return {rel: r for rel, r in zip(wanted, results, strict=True)}


def test_there_is_a_notebook_per_section() -> None:
    assert len(NOTEBOOKS) == 102


@pytest.mark.parametrize("rel", IDS)
def test_notebook_runs_top_to_bottom(executions: dict[str, Execution], rel: str) -> None:
    result = executions[rel]
    assert result.ok, f"{rel}:\n" + "\n".join(result.errors)


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="POSIX named semaphores live in /dev/shm on Linux")
def test_a_run_leaves_no_semaphore_behind(tmp_path: Path) -> None:
    """The kernel is shut down gracefully, so multiprocessing's resource tracker (which an
    immediate shutdown kills with the kernel's process group) unlinks what a notebook leaves."""
    record = tmp_path / "semaphore.txt"
    nb = nbformat.v4.new_notebook()
    code = (
        "import multiprocessing as mp, pathlib\n"
        'lock = mp.get_context("spawn").Lock()  # registered with the resource tracker, kept to the end\n'
        f"pathlib.Path({str(record)!r}).write_text(lock._semlock.name)"
    )
    nb.cells.append(nbformat.v4.new_code_cell(code))
    path = tmp_path / "keeps-a-lock.ipynb"
    nbformat.write(nb, path)
    result = execute_notebook(path)
    assert result.ok, result.errors
    name = record.read_text().lstrip("/")
    assert name, "the notebook recorded its semaphore's name"
    assert not (Path("/dev/shm") / f"sem.{name}").exists(), f"sem.{name} left in /dev/shm"
