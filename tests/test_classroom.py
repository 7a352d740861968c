"""The teacher's loop with the real nbgrader, for three phases: release, submit, autograde,
feedback, grades. Also the nbgrader round trip of issue 2 (Phase 1)."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

from course.content import markers
from course.content.model import Exercise
from course.editions.pipeline import Course
from course.grading.autograde import StudentResult
from course.grading.classroom import GradeReport, grade, release
from course.grading.feedback import HIDDEN_NOTE
from course.grading.leaks import Secret, course_secrets, release_hygiene, scan
from tests.classroom import grade_id, make_course, solve_all, submit
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
PHASES = ["phase-01", "phase-02", "phase-03"]


@dataclass(frozen=True)
class Plan:
    """What the 'mixed' student does, and the score that must follow."""

    wrong: Exercise  # answered with an authored wrong answer
    deleted: Exercise  # answered correctly, all its test cells deleted
    edited: Exercise  # answered wrongly, its failing test cells edited to `pass`
    notebook: str

    def lost(self) -> float:
        return float(_failing_points(self.wrong) + _failing_points(self.edited))


def _failing_points(ex: Exercise) -> int:
    """Points of the test cells the exercise's first wrong answer fails."""
    failing = set(ex.wrong[0].fails)
    return sum(t.points for t in ex.tests if t.id in failing)


def _exercises_by_notebook(course: Course, phase: str) -> dict[str, list[Exercise]]:
    out: dict[str, list[Exercise]] = {}
    for p in course.roadmap.phases:
        if p.assignment == phase:
            for s in p.sections:
                if s.number in course.contents:
                    out[f"{s.stem}.ipynb"] = list(course.contents[s.number].exercises)
    return out


def plan_for(course: Course, phase: str) -> Plan:
    for name, exercises in _exercises_by_notebook(course, phase).items():
        exact = [ex for ex in exercises if ex.wrong and ex.wrong[0].fails]
        if len(exact) >= 2 and len(exercises) >= 3:
            other = next(ex for ex in exercises if ex not in exact[:2])
            return Plan(exact[0], other, exact[1], name)
    raise AssertionError(f"{phase}: no notebook with two exercises whose wrong answers name the tests they fail")


def mixed_edit(course: Course, plan: Plan):
    solve = solve_all(course)

    def edit(name: str, nb: NotebookNode) -> None:
        solve(name, nb)
        if name != plan.notebook:
            return
        for cell in nb.cells:
            gid = grade_id(cell)
            if gid == plan.wrong.id:
                cell.source = plan.wrong.wrong[0].source
            elif gid == plan.edited.id:
                cell.source = plan.edited.wrong[0].source
            elif gid in {f"{plan.edited.id}-{t}" for t in plan.edited.wrong[0].fails}:
                cell.source = "pass  # a student 'fixed' the test"
        nb.cells = [c for c in nb.cells if not grade_id(c).startswith(f"{plan.deleted.id}-t")]

    return edit


@pytest.fixture(scope="module")
def source_secrets() -> list[Secret]:
    """The course's secret lines, gathered once for the tests that read them."""
    return course_secrets(ROOT / "source")


@pytest.fixture(scope="module", params=PHASES)
def phase(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, course: Course, phase: str) -> tuple[Path, GradeReport, Plan]:
    root = make_course(tmp_path_factory.mktemp(phase), [phase])
    plan = plan_for(course, phase)
    submit(root, phase, "perfect", solve_all(course))
    submit(root, phase, "untouched")
    submit(root, phase, "mixed", mixed_edit(course, plan))
    folder = submit(root, phase, "renamer", solve_all(course))
    first = sorted(folder.glob("*.ipynb"))[0]
    first.rename(first.with_name(first.stem + "-Copy1.ipynb"))
    report = grade(root, phase)
    return root, report, plan


def _result(report: GradeReport, student: str) -> StudentResult:
    return next(r for r in report.results if r.student == student)


def test_perfect_submission_gets_full_autograded_marks(
    graded: tuple[Path, GradeReport, Plan], course: Course, phase: str
) -> None:
    _, report, _ = graded
    perfect = _result(report, "perfect")
    expected = sum(ex.points for exs in _exercises_by_notebook(course, phase).values() for ex in exs)
    assert perfect.max_code_score == expected > 0
    failed = [c.grade_id for c in perfect.cells if not c.needs_manual and c.score < c.max_score]
    assert failed == [] and perfect.code_score == perfect.max_code_score


def test_untouched_submission_gets_zero(graded: tuple[Path, GradeReport, Plan]) -> None:
    _, report, _ = graded
    untouched = _result(report, "untouched")
    assert untouched.max_code_score == _result(report, "perfect").max_code_score
    assert untouched.code_score == 0


def test_wrong_answers_lose_exactly_their_failing_cells_even_with_tests_deleted_or_edited(
    graded: tuple[Path, GradeReport, Plan],
) -> None:
    _, report, plan = graded
    mixed = _result(report, "mixed")
    assert mixed.code_score == mixed.max_code_score - plan.lost(), (
        plan,
        [c for c in mixed.cells if c.score < c.max_score],
    )
    for t in plan.deleted.tests:  # deleted cells were restored and graded: full marks for a right answer
        cell = mixed.cell(f"{plan.deleted.id}-{t.id}")
        assert cell.score == cell.max_score == t.points
    for t in plan.edited.wrong[0].fails:  # edited cells were graded as the teacher wrote them
        assert mixed.cell(f"{plan.edited.id}-{t}").score == 0


def test_renamed_notebook_is_reported_by_name(graded: tuple[Path, GradeReport, Plan]) -> None:
    root, report, _ = graded
    renamer = _result(report, "renamer")
    first = sorted((root / "source" / report.assignment).glob("*.ipynb"))[0].name
    copy = first.removesuffix(".ipynb") + "-Copy1.ipynb"
    assert f"missing notebook {first}: found {copy} instead (renamed? it is not graded)" in renamer.problems
    rows = list(csv.DictReader((report.csv or Path()).open()))
    assert {r["student"] for r in rows} == {"perfect", "untouched", "mixed", "renamer"}
    assert "missing notebook" in next(r for r in rows if r["student"] == "renamer")["problems"]


def test_feedback_shows_no_hidden_tests(graded: tuple[Path, GradeReport, Plan]) -> None:
    root, report, _ = graded
    assert report.feedback, "feedback HTML was generated"
    mixed = [p for p in report.feedback if "/mixed/" in p.as_posix()]
    assert mixed and any(HIDDEN_NOTE.lstrip("# ") in p.read_text() for p in mixed)
    assert scan(report.feedback, course_secrets(root / "source")) == []


def test_release_holds_no_solution_and_no_hidden_test(phase: str, source_secrets: list[Secret]) -> None:
    secrets = [s for s in source_secrets if f"/{phase}/" in s.source]
    assert len(secrets) > 20, "the scanner must have something to look for"
    shipped = sorted(p for p in (ROOT / "release" / phase).rglob("*") if p.is_file())  # notebooks and data
    assert scan(shipped, source_secrets) == []
    assert release_hygiene(ROOT / "release" / phase) == []
    text = "\n".join(p.read_text() for p in (ROOT / "release" / phase).glob("*.ipynb"))
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text


# --- the leak scanner finds what is planted --------------------------------------------------


def test_scanner_finds_a_planted_solution_line_and_hidden_test(
    tmp_path: Path, course: Course, source_secrets: list[Secret]
) -> None:
    release_copy = tmp_path / "release" / "phase-01"
    shutil.copytree(ROOT / "release" / "phase-01", release_copy)
    ex = course.contents["1.1"].exercise("weird-numbers")
    planted = markers.solution_lines(ex.solution)[2]  # 'if 2 <= n <= 5:'
    target = sorted(release_copy.glob("1.1-*.ipynb"))[0]
    nb = nbformat.read(target, as_version=4)
    nb.cells[-1].source += "\n" + planted
    nbformat.write(nb, target)
    hidden = markers.hidden_lines(ex.tests[1].source)[-1]
    feedback = tmp_path / "feedback.html"
    feedback.write_text(f"<html><pre><span>{hidden[:10]}</span>{hidden[10:]}</pre></html>")
    leaks = scan([target, feedback], source_secrets)
    found = {(Path(leak.path).name, leak.secret.kind) for leak in leaks}
    assert (target.name, "solution") in found
    assert ("feedback.html", "hidden test") in found
    assert all(str(leak).startswith(leak.path + ":") for leak in leaks)


def test_a_data_file_is_checked_against_the_answers_of_its_own_section(
    tmp_path: Path, course: Course, source_secrets: list[Secret]
) -> None:
    ex = course.contents["1.1"].exercise("weird-numbers")
    planted = markers.solution_lines(ex.solution)[2]
    secrets = source_secrets
    folders = ("phase-01/data/1.1", "phase-01/data/1.2", "phase-01/data", "phase-02/data")
    for folder in folders:
        helper = tmp_path / "release" / folder / "helpers.py"
        helper.parent.mkdir(parents=True, exist_ok=True)
        helper.write_text(f"def given(n):\n    {planted.strip()}\n        return 1\n")
    leaks = scan([tmp_path / "release" / folder / "helpers.py" for folder in folders], secrets)
    where = [(Path(leak.path).parent.relative_to(tmp_path / "release").as_posix(), leak.line) for leak in leaks]
    assert where == [("phase-01/data/1.1", 2), ("phase-01/data", 2)], (
        "1.1's answer is a leak in 1.1's data and in phase 1's shared data; a line that happens to match it "
        "in another section's given code is not"
    )
    outside = tmp_path / "handout.py"
    outside.write_text(planted)
    assert len(scan([outside], secrets)) == 1, "a file outside any phase is checked against every answer"


def test_release_hygiene_catches_widget_state_outputs_and_stray_files(tmp_path: Path) -> None:
    release_copy = tmp_path / "release" / "phase-01"
    shutil.copytree(ROOT / "release" / "phase-01", release_copy)
    target = sorted(release_copy.glob("*.ipynb"))[0]
    nb = json.loads(target.read_text())
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "42"}]
    target.write_text(json.dumps(nb))
    (release_copy / "answers_helper.py").write_text("SECRET = 1\n")
    problems = "\n".join(release_hygiene(release_copy))
    assert "metadata.widgets" in problems and "answers_helper.py" in problems and "has outputs" in problems


@pytest.mark.parametrize("slip", ["widget-state", "extra-file"])
def test_release_command_refuses_what_nbgrader_lets_through(tmp_path: Path, slip: str) -> None:
    """nbgrader copies saved widget state and extra files from source/ to release/; we stop it."""
    root = make_course(tmp_path, ["phase-01"])
    summary = release(root, "phase-01", exchange=False)
    assert summary.autograded_points > 0 and summary.manual_points > 0
    if slip == "widget-state":
        target = sorted((root / "source" / "phase-01").glob("*.ipynb"))[0]
        nb = nbformat.read(target, as_version=4)
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
        nbformat.write(nb, target)
    else:
        (root / "source" / "phase-01" / "answers_helper.py").write_text("ANSWER = 42\n")
    from course.errors import GradingError

    with pytest.raises(GradingError, match="would show students"):
        release(root, "phase-01", exchange=False)


def test_release_and_grade_commands_work_from_any_folder(
    tmp_path: Path, course: Course, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from course.cli import main

    root = make_course(tmp_path, ["phase-01"])
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "content").mkdir()
    shutil.copy(ROOT / "content" / "roadmap.md", root / "content" / "roadmap.md")
    inbox = tmp_path / "inbox"
    for path in sorted((root / "release" / "phase-01").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        solve_all(course)(path.name, nb)
        (inbox / "ada").mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, inbox / "ada" / path.name)
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    assert main(["release", "1", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "released phase-01: 3 notebook(s)" in out and "autograded points" in out
    assert main(["grade", "phase-01", "--root", str(root), "--from", str(inbox)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("student"))
    row = lines[header + 2].split()
    assert lines[header].split()[:2] == ["student", "autograded"] and row[0] == "ada"
    got, best = row[1].split("/")
    assert got == best and float(best) > 0, "a perfect submission gets every autograded point"
    assert (root / "grades-phase-01.csv").read_text().startswith("student,assignment,score")
    assert main(["grade", "7", "--root", str(root)]) == 1
    assert "phase-07" in capsys.readouterr().err
