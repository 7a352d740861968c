"""Every self-study notebook runs top to bottom with nbclient, with no error except in cells
meant to raise (tagged ``raises-exception``)."""

from __future__ import annotations

import shutil

import pytest

from course.project import Project
from course.verify.execute import Execution
from course.verify.full import execute_and_remember
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
IDS = [p.relative_to(ROOT / "notebooks").as_posix() for p in NOTEBOOKS]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def executions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Execution]:
    """All notebooks, run in a copy of notebooks/ (they may write scratch files), kernels in parallel.
    Clean runs are remembered for ``course verify`` (same keys), so CI does not run them twice."""
    copy = tmp_path_factory.mktemp("run") / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)
    paths = [copy / rel for rel in IDS]
    results = execute_and_remember(Project(ROOT), copy, paths)
    return {rel: r for rel, r in zip(IDS, results, strict=True)}


def test_there_is_a_notebook_per_section() -> None:
    assert len(NOTEBOOKS) == 102


@pytest.mark.parametrize("rel", IDS)
def test_notebook_runs_top_to_bottom(executions: dict[str, Execution], rel: str) -> None:
    result = executions[rel]
    assert result.ok, f"{rel}:\n" + "\n".join(result.errors)
