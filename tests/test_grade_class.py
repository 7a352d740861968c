"""Grading a whole class with the real nbgrader: one bad submission never stops the others.

A class of five: a perfect submission, one whose notebooks are all renamed, one with a notebook
that is not JSON, one whose answers loop for ever, one that prints 50 MB. Everyone is graded or
reported by student and file, the CSV has every student, the good notebooks get feedback.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_notebook

from course.editions.pipeline import Course
from course.grading.autograde import StudentResult
from course.grading.classroom import GradeReport, grade
from course.grading.execute import CUT_NOTE, SKIPPED, TIMED_OUT, GradingExecute
from course.grading.leaks import course_secrets, scan
from tests.classroom import Edit, make_course, solve_all, submit
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
PHASE = "phase-01"
CELL_TIMEOUT = 4  # seconds; the course's own nbgrader_config.py says 60 and 180
NOTEBOOK_TIMEOUT = 10


def looping(course: Course, notebook_prefix: str) -> Edit:
    """Every answer in one notebook loops for ever (where the stub raised NotImplementedError)."""
    solve = solve_all(course)

    def edit(name: str, nb: NotebookNode) -> None:
        if not name.startswith(notebook_prefix):
            solve(name, nb)
            return
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
                cell.source = re.sub(
                    r"^( *)raise NotImplementedError\(\)", r"\1while True:\n\1    pass", cell.source, flags=re.M
                )

    return edit


def printing(course: Course, notebook_prefix: str) -> Edit:
    """Solved, but the first answer cell of one notebook also prints 50 MB on one line."""
    solve = solve_all(course)

    def edit(name: str, nb: NotebookNode) -> None:
        solve(name, nb)
        if name.startswith(notebook_prefix):
            answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
            answer.source += "\nprint('x' * 50_000_000)\n"

    return edit


@pytest.fixture(scope="module")
def notebooks() -> list[str]:
    return sorted(p.name for p in (ROOT / "release" / PHASE).glob("*.ipynb"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, course: Course, notebooks: list[str]) -> tuple[Path, GradeReport]:
    root = make_course(tmp_path_factory.mktemp("class"), [PHASE])
    with (root / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}\nc.GradingExecute.notebook_timeout = {NOTEBOOK_TIMEOUT}\n")
    submit(root, PHASE, "perfect", solve_all(course))
    renamer = submit(root, PHASE, "renamer", solve_all(course))
    for path in renamer.glob("*.ipynb"):
        path.rename(path.with_name(path.stem + "-Copy1.ipynb"))
    broken = submit(root, PHASE, "broken", solve_all(course))
    text = (broken / notebooks[1]).read_text()
    (broken / notebooks[1]).write_text(text[: len(text) // 2])  # the upload stopped half way
    submit(root, PHASE, "looper", looping(course, notebooks[0][:4]))
    submit(root, PHASE, "printer", printing(course, notebooks[2][:4]))
    return root, grade(root, PHASE, workers=2)


def _result(report: GradeReport, student: str) -> StudentResult:
    return next(r for r in report.results if r.student == student)


def _points(result: StudentResult, notebook: str) -> tuple[float, float]:
    """Autograded points got and possible in one notebook of a result."""
    cells = [c for c in result.cells if c.notebook == Path(notebook).stem and not c.needs_manual]
    return sum(c.score for c in cells), sum(c.max_score for c in cells)


def test_every_student_is_in_the_table_and_the_csv(graded: tuple[Path, GradeReport]) -> None:
    root, report = graded
    everyone = {"perfect", "renamer", "broken", "looper", "printer"}
    assert {r.student for r in report.results} == everyone
    assert report.csv == root / f"grades-{PHASE}.csv"
    rows = {r["student"]: r for r in csv.DictReader(report.csv.open())}
    assert set(rows) == everyone
    assert rows["perfect"]["problems"] == "" and float(rows["perfect"]["autograded"]) > 0
    assert "renamed" in rows["renamer"]["problems"] and rows["renamer"]["autograded"] == "0"
    assert "is not valid JSON" in rows["broken"]["problems"]


def test_perfect_submission_gets_everything_and_feedback(
    graded: tuple[Path, GradeReport], notebooks: list[str]
) -> None:
    root, report = graded
    perfect = _result(report, "perfect")
    assert perfect.code_score == perfect.max_code_score > 0 and perfect.problems == ()
    assert sorted(p.name for p in (root / "feedback" / "perfect" / PHASE).glob("*.html")) == [
        Path(n).with_suffix(".html").name for n in notebooks
    ]


def test_renamed_only_submission_is_reported_by_file_and_scores_zero(
    graded: tuple[Path, GradeReport], notebooks: list[str]
) -> None:
    root, report = graded
    renamer = _result(report, "renamer")
    for name in notebooks:
        copy = Path(name).stem + "-Copy1.ipynb"
        assert f"missing notebook {name}: found {copy} instead (renamed? it is not graded)" in renamer.problems
    assert "no notebook could be graded: scored 0" in renamer.problems
    assert renamer.code_score == 0 and renamer.max_code_score == _result(report, "perfect").max_code_score
    assert not (root / "feedback" / "renamer").exists()
    assert sorted(p.name for p in (root / "submitted" / "renamer" / PHASE).glob("*.ipynb"))[0].endswith("-Copy1.ipynb")


def test_broken_notebook_is_named_and_the_others_are_graded(
    graded: tuple[Path, GradeReport], notebooks: list[str]
) -> None:
    root, report = graded
    broken = _result(report, "broken")
    (problem,) = broken.problems
    assert problem.startswith(f"notebook {notebooks[1]} is not valid JSON (line ") and problem.endswith("scored 0")
    assert _points(broken, notebooks[1])[0] == 0
    for name in (notebooks[0], notebooks[2]):
        got, best = _points(broken, name)
        assert got == best > 0, name
    feedback = sorted(p.stem for p in (root / "feedback" / "broken" / PHASE).glob("*.html"))
    assert feedback == [Path(notebooks[0]).stem, Path(notebooks[2]).stem]
    assert (root / "submitted" / "broken" / PHASE / notebooks[1]).is_file(), "the submission itself is left alone"


def test_looping_answers_stop_at_the_time_limits_and_score_zero_there_only(
    graded: tuple[Path, GradeReport], notebooks: list[str]
) -> None:
    root, report = graded
    looper = _result(report, "looper")
    assert _points(looper, notebooks[0])[0] == 0
    for name in notebooks[1:]:
        got, best = _points(looper, name)
        assert got == best > 0, name
    (note,) = looper.problems
    assert note.startswith(f"{notebooks[0]}: ") and "stopped at the time limit" in note
    autograded = nbformat.read(root / "autograded" / "looper" / PHASE / notebooks[0], as_version=4)
    errors = [o.ename for c in autograded.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    # the first looping cells were stopped after CELL_TIMEOUT; once NOTEBOOK_TIMEOUT was used up, the rest never ran
    assert 1 <= errors.count(TIMED_OUT) <= NOTEBOOK_TIMEOUT // CELL_TIMEOUT + 1
    assert errors.count(SKIPPED) > 0
    assert (root / "feedback" / "looper" / PHASE / Path(notebooks[0]).with_suffix(".html").name).is_file()


def test_a_50_mb_print_is_cut_before_it_reaches_the_notebook_or_the_feedback(
    graded: tuple[Path, GradeReport], notebooks: list[str]
) -> None:
    root, report = graded
    printer = _result(report, "printer")
    assert printer.code_score == printer.max_code_score and printer.problems == ()
    notebook = root / "autograded" / "printer" / PHASE / notebooks[2]
    assert notebook.stat().st_size < 1_000_000
    feedback = (
        notebook.parent.parent.parent.parent / "feedback" / "printer" / PHASE / notebook.with_suffix(".html").name
    )
    assert feedback.stat().st_size < 2_000_000
    assert "output cut by the grader" in notebook.read_text()


def test_feedback_of_the_whole_class_shows_no_hidden_tests(graded: tuple[Path, GradeReport]) -> None:
    root, report = graded
    assert len(report.feedback) == 3 + 0 + 2 + 3 + 3
    assert scan(report.feedback, course_secrets(root / "source")) == []


# --- the limits themselves, on a small notebook (one kernel) ------------------------------------


def _stream(outputs: list, name: str) -> str:
    return "".join(o.text for o in outputs if o.get("name") == name)


def test_grading_execute_cuts_output_keeps_errors_and_stderr_and_bounds_the_notebook(tmp_path: Path) -> None:
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = 3
    config.GradingExecute.notebook_timeout = 8
    config.GradingExecute.max_output_bytes = 2000
    nb = new_notebook(
        cells=[
            new_code_cell("print('a' * 5_000_000)"),
            new_code_cell("import sys\nfor i in range(10_000):\n    print(i)\nprint('oops', file=sys.stderr)"),
            new_code_cell("raise ValueError('v' * 100_000)"),
            new_code_cell("import os\nos.write(1, b'z' * 100_000)"),
            new_code_cell("'r' * 100_000"),
            new_code_cell("print('fine')"),
            *[new_code_cell("while True:\n    pass") for _ in range(3)],
            new_code_cell("print('never')"),
        ]
    )
    GradingExecute(config=config).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    outs = [c.outputs for c in nb.cells]
    note = CUT_NOTE.format(limit=2000)
    printed = "".join(o.text for o in outs[0])
    assert printed.endswith(note) and len(printed) <= 2000, "cut in the kernel, to half the cell's allowance"
    names = [o.get("name") for o in outs[1]]
    assert names[-1] == "stderr" and set(names) == {"stdout", "stderr"}, "stderr after a cut is kept: it costs points"
    assert _stream(outs[1], "stderr") == "oops\n"
    (error,) = outs[2]
    assert error.ename == "ValueError" and len(error.evalue) <= 2000
    assert sum(len(o.get("text", "")) for o in outs[3]) <= 2000 + len(note), "fd-level output is cut too"
    assert outs[4][0].data == {"text/plain": note.strip()}, "a huge result is replaced by the note"
    assert _stream(outs[5], "stdout") == "fine\n", "a loaded kernel may flush one print in two parts"
    loops = [o.ename for out in outs[6:9] for o in out if o.output_type == "error"]
    assert TIMED_OUT in loops, "a loop is stopped at the cell's time limit"
    assert [o.ename for o in outs[9]] == [SKIPPED], "once the notebook's time is used up, cells are not run"
