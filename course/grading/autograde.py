"""Autograde submissions with nbgrader and read the scores back from its gradebook."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.grading.coursedir import check, nbgrader_api

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CellScore:
    notebook: str
    grade_id: str
    score: float
    max_score: float
    needs_manual: bool


@dataclass(frozen=True)
class StudentResult:
    student: str
    score: float
    max_score: float
    code_score: float
    max_code_score: float
    needs_manual: bool
    cells: tuple[CellScore, ...]
    problems: tuple[str, ...]  # e.g. notebooks missing from the submission, unknown notebooks

    def cell(self, grade_id: str) -> CellScore:
        return next(c for c in self.cells if c.grade_id == grade_id)


def submission_problems(root: Path, assignment: str, student: str) -> list[str]:
    """Notebooks the student renamed, added or left out, by name (nbgrader would skip them)."""
    expected = {p.name for p in (root / "source" / assignment).glob("*.ipynb")}
    folder = root / "submitted" / student / assignment
    got = {p.name for p in folder.glob("*.ipynb")}
    problems = [f"missing notebook {name}" for name in sorted(expected - got)]
    problems += [f"unknown notebook {name} (renamed? it is not graded)" for name in sorted(got - expected)]
    return problems


def students_with_submissions(root: Path, assignment: str) -> list[str]:
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir())


def autograde(
    root: Path,
    assignment: str,
    students: Iterable[str] | None = None,
    progress: Progress | None = None,
) -> list[StudentResult]:
    """Autograde each student's submission in one process and return their scores."""
    say = progress or (lambda _m: None)
    todo = list(students) if students is not None else students_with_submissions(root, assignment)
    problems = {s: submission_problems(root, assignment, s) for s in todo}
    with nbgrader_api(root) as api:
        gradebook_ready(api, assignment)
        for i, student in enumerate(todo, start=1):
            say(f"autograding {assignment} for {student} ({i}/{len(todo)})")
            check(api.autograde(assignment, student, force=True, create=True), f"autograde of {student}", root)
    return read_scores(root, assignment, todo, problems)


def gradebook_ready(api: Any, assignment: str) -> None:
    """Make sure the gradebook knows the assignment (a release on another machine may not)."""
    from nbgrader.api import Gradebook, MissingEntry

    coursedir = api.coursedir
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        try:
            gb.find_assignment(assignment)
            known = True
        except MissingEntry:
            known = False
    if not known:
        check(
            api.generate_assignment(assignment, force=True, create=True),
            f"generate_assignment {assignment}",
            Path(coursedir.root),
        )


def read_scores(
    root: Path, assignment: str, students: Iterable[str], problems: dict[str, list[str]] | None = None
) -> list[StudentResult]:
    from nbgrader.api import Gradebook, MissingEntry

    from course.grading.coursedir import load_config

    config = load_config(root.resolve())
    out: list[StudentResult] = []
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.get("course_id", "")) as gb:
        for student in students:
            try:
                sub = gb.find_submission(assignment, student)
            except MissingEntry:
                out.append(StudentResult(student, 0, 0, 0, 0, False, (), ("no submission graded",)))
                continue
            cells = tuple(
                CellScore(nb.name, g.name, float(g.score or 0), float(g.max_score or 0), bool(g.needs_manual_grade))
                for nb in sub.notebooks
                for g in nb.grades
            )
            out.append(
                StudentResult(
                    student,
                    float(sub.score or 0),
                    float(sub.max_score or 0),
                    float(sub.code_score or 0),
                    float(sub.max_code_score or 0),
                    bool(sub.needs_manual_grade),
                    cells,
                    tuple((problems or {}).get(student, [])),
                )
            )
    return out
