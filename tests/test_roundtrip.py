"""``course verify``'s nbgrader round trip grades as a class does: with the project's own
``nbgrader_config.py`` (its GradingExecute, its time limits), not with settings of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from course.cli import main
from course.editions.pipeline import Inputs, load_course
from course.project import Project
from course.verify.roundtrip import DEFAULT_CONFIG, grading_config, roundtrip_all, solutions_by_notebook
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow

SLOW_HELLO = '    import time\n    time.sleep(3)\n    return "hello"'


@pytest.fixture
def project(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    """The small course, whose `hello` solution takes 3 s, with the course's classroom config."""
    text = (DATA / "content" / "good-1.1.py").read_text()
    assert '    return "hello"' in text
    slow = tmp_path / "slow-1.1.py"
    slow.write_text(text.replace('    return "hello"', SLOW_HELLO))
    root = make_project(content={"1.1.py": slow})
    (root / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    assert main(["build", "--root", str(root), "-q"]) == 0
    return root


def _trip(root: Path, config: str) -> list[str]:
    project = Project(root)
    course = load_course(Inputs(project.roadmap, project.sections))
    results = roundtrip_all(root / "source", solutions_by_notebook(course), workers=1, config=config)
    assert results, "no assignment was round-tripped"
    return [p for r in results for p in r.problems]


def test_the_class_config_is_the_one_graded_with(project: Path) -> None:
    config = grading_config(project)
    assert config == (ROOT / "nbgrader_config.py").read_text()
    assert "course.grading.execute.GradingExecute" in config
    # the course's 60 s per cell: the 3 s solution earns every point
    assert _trip(project, config) == []
    # a class that allows 1 s per cell: the same solution loses the points, and the round trip says so
    problems = _trip(project, config + "\nc.Execute.timeout = 1\n")
    assert any("perfect submission got" in p for p in problems), problems
    # and names the cell that lost them, with the error the grader saw (interrupted at the limit)
    assert any(re.search(r"lost 1\.1-[^/]+/[\w-]+ 0/\d+: KeyboardInterrupt", p) for p in problems), problems


def test_a_project_without_a_class_config_is_graded_with_nbgrader_defaults(tmp_path: Path) -> None:
    assert grading_config(tmp_path) == DEFAULT_CONFIG


def test_an_untouched_submission_is_graded_only_when_asked(make_project: Callable[..., Path], tmp_path: Path) -> None:
    """nbgrader grades a submission with the test cells as the source has them, hidden tests put back, so what an
    untouched submission scores is what the proofs' starter scenario checks (every test cell fails on the stub).
    The round trip grades one only on request (it would run every notebook a second time). Shown on a test cell
    whose public part passes on the stub: nbgrader still gives it nothing, because its hidden part fails."""
    text = (DATA / "content" / "good-1.1.py").read_text()
    assert "assert double(2) == 4\n### BEGIN HIDDEN TESTS\nassert double(-3) == -6" in text
    weak = tmp_path / "weak-1.1.py"
    weak.write_text(
        text.replace(
            "assert double(2) == 4\n### BEGIN HIDDEN TESTS\n",
            "assert callable(double)\n### BEGIN HIDDEN TESTS\nassert double(2) == 4\n",
        )
    )
    root = make_project(content={"1.1.py": weak})
    assert main(["build", "--root", str(root), "-q"]) == 0
    project = Project(root)
    solutions = solutions_by_notebook(load_course(Inputs(project.roadmap, project.sections)))
    (plain,) = [r for r in roundtrip_all(root / "source", solutions, workers=1) if r.max_points]
    assert plain.untouched is None and plain.perfect == plain.max_points and plain.ok, plain
    (both,) = [r for r in roundtrip_all(root / "source", solutions, workers=1, untouched=True) if r.max_points]
    assert both.untouched == 0 and both.perfect == both.max_points and both.ok, both
