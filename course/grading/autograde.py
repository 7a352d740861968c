"""Autograde a whole class with nbgrader, several students at a time, and read the scores back.

One student at a time, in this order:

1. :mod:`course.grading.intake` reads each submitted notebook and stages the gradable ones;
2. a worker process runs nbgrader's ``autograde`` (and ``generate_feedback``) for the student
   through nbgrader's Python API: one import of nbgrader per worker, not one per student;
3. a failure is that student's problem, never the class's: it is reported by student, and the
   others are graded.

The workers share the course's ``gradebook.db``. nbgrader commits once per graded cell, each in a
short transaction that starts with its first write, so concurrent workers wait for each other's
locks; the database URL gets a generous SQLite busy timeout, and a student whose grading still
fails on a locked database is graded again once at the end, alone.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from course.grading.coursedir import check, load_config, nbgrader_api
from course.grading.execute import SKIPPED, TIMED_OUT
from course.grading.intake import Intake, expected_notebooks, inspect_submission, stage

Progress = Callable[[str], None]
SQLITE_BUSY_SECONDS = 120
LOCKED = ("database is locked", "error accessing the nbgrader database")


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
    seconds: float = 0.0  # time nbgrader spent on this student

    def cell(self, grade_id: str) -> CellScore:
        return next(c for c in self.cells if c.grade_id == grade_id)


@dataclass(frozen=True)
class Job:
    """What every worker needs to grade students of one assignment."""

    root: Path
    assignment: str
    staging: Path  # the staged submissions (a folder in root)
    feedback: bool  # make each graded student's feedback too


@dataclass(frozen=True)
class Outcome:
    """What a worker reports for one student."""

    student: str
    graded: bool
    error: str = ""  # the last lines of nbgrader's error, when not graded
    feedback_error: str = ""
    seconds: float = 0.0
    notes: tuple[str, ...] = ()  # e.g. notebooks that ran out of time


def submission_problems(root: Path, assignment: str, student: str) -> list[str]:
    """Notebooks the student renamed, left out or broke, by name (nbgrader would skip them)."""
    return list(inspect_submission(root, assignment, student).problems)


def students_with_submissions(root: Path, assignment: str) -> list[str]:
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir())


def default_workers(students: int) -> int:
    """One process per core and one more: a worker waits on its students' kernels part of the time."""
    return max(1, min(students, (os.cpu_count() or 1) + 1))


def autograde(
    root: Path,
    assignment: str,
    students: Iterable[str] | None = None,
    progress: Progress | None = None,
    *,
    workers: int = 0,
    feedback: bool = False,
) -> list[StudentResult]:
    """Autograde each student's submission (``workers`` at a time; 1: in this process) and
    return their scores and problems. With ``feedback``, make each graded student's feedback too."""
    say = progress or (lambda _m: None)
    root = root.resolve()
    todo = list(students) if students is not None else students_with_submissions(root, assignment)
    expected = expected_notebooks(root, assignment)
    intakes = {s: inspect_submission(root, assignment, s, expected) for s in todo}
    with nbgrader_api(root) as api:
        gradebook_ready(api, assignment)
    staging = Path(tempfile.mkdtemp(prefix=".course-grading-", dir=root))
    try:
        gradable = [s for s in todo if intakes[s].gradable]
        for s in gradable:
            stage(root, assignment, intakes[s], staging)
        job = Job(root, assignment, staging, feedback)
        outcomes = run_students(job, gradable, workers or default_workers(len(gradable)), say)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for s in todo:
        if not intakes[s].gradable:
            record_nothing_gradable(root, assignment, s)
            outcomes[s] = Outcome(s, graded=False)
    return read_scores(root, assignment, todo, {s: _problems(intakes[s], outcomes.get(s)) for s in todo}, outcomes)


def _problems(intake: Intake, outcome: Outcome | None) -> list[str]:
    problems = list(intake.problems)
    if not intake.gradable:
        problems.append("no notebook could be graded: scored 0")
    elif outcome is not None and not outcome.graded:
        problems.append(f"not graded: {outcome.error or 'nbgrader failed'}")
    if outcome is not None:
        problems.extend(outcome.notes)
    if outcome is not None and outcome.feedback_error:
        problems.append(f"no feedback: {outcome.feedback_error}")
    return problems


# --- the workers ------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _api_overrides(root: Path, staging: Path) -> dict[str, Any]:
    """Grade from the staging folder, and wait for the gradebook's lock instead of failing."""
    from course.grading.speedups import grading_overrides

    config = load_config(root)
    db_url = str(config.CourseDirectory.db_url)
    if db_url.startswith("sqlite") and "?" not in db_url:
        db_url += f"?timeout={SQLITE_BUSY_SECONDS}"
    overrides = {"CourseDirectory__submitted_directory": staging.name, "CourseDirectory__db_url": db_url}
    return overrides | grading_overrides(config)


def _start_worker(root: str, staging: str) -> None:
    """Each worker opens the course once; nbgrader is already imported (forked from the parent)."""
    from course.grading.speedups import cache_schema_validation

    cache_schema_validation()
    context = nbgrader_api(Path(root), **_api_overrides(Path(root), Path(staging)))
    _WORKER["api"] = context.__enter__()  # kept open for the worker's life (it changes directory)
    _WORKER["context"] = context


def _tail(result: dict[str, Any]) -> str:
    text = (result.get("error") or result.get("log") or "").strip().splitlines()
    useful = [line.strip() for line in text if line.strip() and not line.startswith("[")]
    return (useful or text or ["no details"])[-1][:300]


def grade_student(assignment: str, student: str, feedback: bool) -> Outcome:
    """Worker: autograde one student (and make their feedback); never raises for the student's sake."""
    api = _WORKER["api"]
    start = time.perf_counter()
    result = api.autograde(assignment, student, force=True, create=True)
    if not result.get("success"):
        return Outcome(student, False, _tail(result), seconds=time.perf_counter() - start)
    notes = out_of_time(Path(api.coursedir.root) / "autograded" / student / assignment)
    feedback_error = ""
    if feedback:
        made = api.generate_feedback(assignment, student, force=True)
        feedback_error = "" if made.get("success") else _tail(made)
    return Outcome(student, True, feedback_error=feedback_error, seconds=time.perf_counter() - start, notes=notes)


def out_of_time(folder: Path) -> tuple[str, ...]:
    """Notebooks in which cells were stopped by a time limit, or not run because the notebook's
    time was used up: worth a look (a loop that never ends?), since those cells scored zero."""
    notes = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        names = [o.get("ename") for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        stopped, skipped = names.count(TIMED_OUT), names.count(SKIPPED)
        if stopped or skipped:
            notes.append(
                f"{path.name}: {stopped} cell(s) stopped at the time limit, {skipped} not run "
                "(the notebook's time was used up): scored 0"
            )
    return tuple(notes)


def run_students(job: Job, students: list[str], workers: int, say: Progress) -> dict[str, Outcome]:
    """Grade ``students`` from the staging folder; students whose worker failed on a locked
    gradebook or died are graded again, one at a time, at the end."""
    from course.nbgrader_env import remember_alembic_head

    remember_alembic_head(job.root / ".course-cache")
    import nbgrader.apps  # noqa: F401 - imported once here, inherited by every forked worker

    outcomes: dict[str, Outcome] = {}

    def record(outcome: Outcome) -> None:
        outcomes[outcome.student] = outcome
        state = "graded" if outcome.graded else f"NOT graded ({outcome.error})"
        say(f"{state}: {outcome.student} ({len(outcomes)}/{len(students)}, {outcome.seconds:.1f} s)")

    again = _in_pool(job, students, workers, record) if workers > 1 and len(students) > 1 else list(students)
    if again:
        if workers > 1:
            say(f"grading {len(again)} student(s) again, one at a time")
        _start_worker(str(job.root), str(job.staging))
        try:
            for student in again:
                record(grade_student(job.assignment, student, job.feedback))
        finally:
            _WORKER.pop("context").__exit__(None, None, None)
    return outcomes


def _in_pool(job: Job, students: list[str], workers: int, record: Callable[[Outcome], None]) -> list[str]:
    """Grade in ``workers`` processes; return the students to grade again (locked database, lost worker)."""
    again: list[str] = []
    context = multiprocessing.get_context("fork")
    initargs = (str(job.root), str(job.staging))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=initargs) as pool:
        futures = {pool.submit(grade_student, job.assignment, s, job.feedback): s for s in students}
        pending: set[Future[Outcome]] = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                student = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    again.append(student)
                    continue
                if not outcome.graded and any(word in outcome.error.lower() for word in LOCKED):
                    again.append(student)
                    continue
                record(outcome)
    return sorted(again)


# --- the gradebook ------------------------------------------------------------------------------


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


def record_nothing_gradable(root: Path, assignment: str, student: str) -> None:
    """A submission with no notebook nbgrader can read scores zero, as nbgrader scores a missing
    notebook, and its stale autograded notebooks and feedback (from an earlier submission) go."""
    from nbgrader.api import Gradebook

    config = load_config(root)
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.get("course_id", "")) as gb:
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()
    for step in ("autograded", "feedback"):
        shutil.rmtree(root / step / student / assignment, ignore_errors=True)


def read_scores(
    root: Path,
    assignment: str,
    students: Iterable[str],
    problems: dict[str, list[str]] | None = None,
    outcomes: dict[str, Outcome] | None = None,
) -> list[StudentResult]:
    from nbgrader.api import Gradebook, MissingEntry

    config = load_config(root.resolve())
    out: list[StudentResult] = []
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.get("course_id", "")) as gb:
        for student in students:
            found = tuple((problems or {}).get(student, []))
            outcome = (outcomes or {}).get(student)
            seconds = outcome.seconds if outcome else 0.0
            try:
                sub = gb.find_submission(assignment, student)
            except MissingEntry:
                out.append(StudentResult(student, 0, 0, 0, 0, False, (), found or ("no submission graded",), seconds))
                continue
            cells = tuple(
                CellScore(nb.name, g.name, float(g.score or 0), float(g.max_score or 0), bool(g.needs_manual_grade))
                for nb in sub.notebooks
                for g in nb.grades
            )
            result = StudentResult(
                student,
                float(sub.score or 0),
                float(sub.max_score or 0),
                float(sub.code_score or 0),
                float(sub.max_code_score or 0),
                bool(sub.needs_manual_grade),
                cells,
                found,
                seconds,
            )
            if outcome is not None and not outcome.graded and any(p.startswith("not graded") for p in found):
                # nbgrader stopped part way: what the gradebook holds is not a grade
                result = replace(result, score=0, code_score=0, cells=())
            out.append(result)
    return out
