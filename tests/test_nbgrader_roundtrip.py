"""nbgrader round trip for Phase 1 with nbgrader's real code: release, submit, autograde."""

from __future__ import annotations

import pytest

from course.build.pipeline import Course
from course.grading.autograde import StudentResult, autograde
from course.grading.leaks import course_secrets, release_hygiene, scan
from tests.classroom import make_course, solve_all, submit
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, course: Course) -> dict[str, StudentResult]:
    root = make_course(tmp_path_factory.mktemp("phase1"), ["phase-01"])
    submit(root, "phase-01", "perfect", solve_all(course))
    submit(root, "phase-01", "untouched")
    return {r.student: r for r in autograde(root, "phase-01")}


def test_release_holds_no_solution_and_no_hidden_test() -> None:
    secrets = course_secrets(ROOT / "source" / "phase-01")
    assert len(secrets) > 20, "the scanner must have something to look for"
    assert scan(sorted((ROOT / "release" / "phase-01").rglob("*.ipynb")), secrets) == []
    assert release_hygiene(ROOT / "release" / "phase-01") == []
    text = "\n".join(p.read_text() for p in (ROOT / "release" / "phase-01").glob("*.ipynb"))
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text


def test_perfect_submission_gets_full_autograded_marks(graded: dict[str, StudentResult], course: Course) -> None:
    perfect = graded["perfect"]
    expected = sum(ex.points for n, c in course.contents.items() if n.startswith("1.") for ex in c.exercises)
    assert perfect.max_code_score == expected > 0
    failed = [c.grade_id for c in perfect.cells if c.max_score and not c.needs_manual and c.score < c.max_score]
    assert failed == [] and perfect.code_score == perfect.max_code_score


def test_untouched_submission_gets_zero(graded: dict[str, StudentResult]) -> None:
    untouched = graded["untouched"]
    assert untouched.max_code_score == graded["perfect"].max_code_score
    assert untouched.code_score == 0
