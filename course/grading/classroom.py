"""The teacher's loop, in one process: release a phase; collect, autograde, give feedback, export.

``course release`` and ``course grade`` are thin wrappers over these functions.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat

from course.editions.writer import atomic_write
from course.errors import GradingError
from course.grading.autograde import StudentResult, autograde, students_with_submissions
from course.grading.coursedir import check, nbgrader_api
from course.grading.leaks import Leak, course_secrets, release_hygiene, scan

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReleaseSummary:
    assignment: str
    notebooks: tuple[str, ...]
    autograded_points: float
    manual_points: float
    exchange: bool


def release(root: Path, assignment: str, *, exchange: bool, progress: Progress | None = None) -> ReleaseSummary:
    """Generate ``release/<assignment>`` with nbgrader, check it leaks nothing, and (with
    ``exchange``) copy it to the nbgrader exchange for students on JupyterHub."""
    say = progress or (lambda _m: None)
    require_assignment(root, assignment)
    with nbgrader_api(root) as api:
        say(f"generating release/{assignment} with nbgrader")
        check(api.generate_assignment(assignment, force=True, create=True), f"generate_assignment {assignment}", root)
        problems = [str(leak) for leak in scan_release(root, assignment)]
        problems += release_hygiene(root / "release" / assignment)
        if problems:
            msg = "the release would show students what they must not see:\n" + "\n".join(problems)
            raise GradingError(msg, path=root / "release" / assignment)
        say(f"release/{assignment}: no solutions, hidden tests, outputs or widget state")
        if exchange:
            say("copying it to the nbgrader exchange")
            check(api.release_assignment(assignment), f"release_assignment {assignment}", root)
    return _summary(root, assignment, exchange)


def require_assignment(root: Path, assignment: str) -> None:
    """A :class:`GradingError` listing the valid assignments unless ``source/<assignment>`` exists."""
    if (root / "source" / assignment).is_dir():
        return
    source = root / "source"
    known = (
        sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) if source.is_dir() else []
    )
    msg = f"no assignment {assignment!r} in source/"
    raise GradingError(msg, path=source, expected="one of: " + ", ".join(known) if known else "a built course")


def scan_release(root: Path, assignment: str) -> list[Leak]:
    return scan(sorted((root / "release" / assignment).rglob("*.ipynb")), course_secrets(root / "source"))


def _summary(root: Path, assignment: str, exchange: bool) -> ReleaseSummary:
    auto = manual = 0.0
    names = []
    for path in sorted((root / "source" / assignment).glob("*.ipynb")):
        names.append(path.name)
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            points = float(meta.get("points", 0) or 0)
            if meta.get("grade") and not meta.get("solution"):
                auto += points
            elif meta.get("grade") or meta.get("task"):
                manual += points
    return ReleaseSummary(assignment, tuple(names), auto, manual, exchange)


# --- grading -------------------------------------------------------------------------------


@dataclass
class GradeReport:
    assignment: str
    results: list[StudentResult]
    feedback: list[Path] = field(default_factory=list)
    csv: Path | None = None
    imported: list[str] = field(default_factory=list)


def import_submissions(root: Path, assignment: str, inbox: Path) -> list[str]:
    """Copy ``inbox/<student>/*.ipynb`` into ``submitted/<student>/<assignment>/``."""
    if not inbox.is_dir():
        msg = "no such folder of submissions"
        raise GradingError(msg, path=inbox, expected="a folder with one sub-folder of notebooks per student")
    students = []
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir()):
        notebooks = sorted(folder.glob("*.ipynb"))
        if not notebooks:
            continue
        target = root / "submitted" / folder.name / assignment
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for nb in notebooks:
            shutil.copy2(nb, target / nb.name)
        students.append(folder.name)
    return students


def grade(
    root: Path,
    assignment: str,
    *,
    inbox: Path | None = None,
    feedback: bool = True,
    csv_path: Path | None = None,
    progress: Progress | None = None,
    workers: int = 0,
) -> GradeReport:
    """Autograde every submission of ``assignment``, make leak-checked feedback, export grades.

    A student whose submission cannot be graded (renamed or broken notebooks, code that runs
    out of time, nbgrader failing on it) is reported in their row; everyone else is graded.
    The CSV is written (atomically) for every student who submitted.
    """
    say = progress or (lambda _m: None)
    require_assignment(root, assignment)
    imported = import_submissions(root, assignment, inbox) if inbox else []
    if imported:
        say(f"imported {len(imported)} submission(s) from {inbox}")
    students = students_with_submissions(root, assignment)
    if not students:
        msg = f"no submissions for {assignment}"
        raise GradingError(msg, path=root / "submitted", expected=f"submitted/<student>/{assignment}/*.ipynb")
    say(f"grading {len(students)} submission(s) of {assignment}" + (" and making feedback" if feedback else ""))
    results = autograde(root, assignment, students, progress=say, workers=workers, feedback=feedback)
    report = GradeReport(assignment, results, imported=imported)
    target = csv_path or root / f"grades-{assignment}.csv"
    if feedback:
        report.results = withhold_leaking_feedback(root, assignment, results)
        report.feedback = sorted((root / "feedback").glob(f"*/{assignment}/*.html"))
        say(f"feedback for {len(report.feedback)} notebook(s), checked: no hidden tests or solutions")
    atomic_write(target, grades_csv(assignment, report.results).encode())
    report.csv = target
    return report


def withhold_leaking_feedback(root: Path, assignment: str, results: list[StudentResult]) -> list[StudentResult]:
    """Scan every feedback file for hidden tests and rubrics; delete each file that shows one and
    name it in that student's problems (a file that leaks is never left where it could be sent)."""
    files = sorted((root / "feedback").glob(f"*/{assignment}/*.html"))
    leaks = scan(files, course_secrets(root / "source"))
    by_student: dict[str, list[str]] = {}
    for leak in leaks:
        path = Path(leak.path)
        student = path.relative_to(root / "feedback").parts[0]
        if path.exists():
            path.unlink()
            by_student.setdefault(student, []).append(
                f"feedback {path.name} withheld: it would show a {leak.secret.kind} (line {leak.line})"
            )
    return [replace(r, problems=r.problems + tuple(by_student.get(r.student, []))) for r in results]


def grades_csv(assignment: str, results: list[StudentResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "student",
            "assignment",
            "score",
            "max_score",
            "autograded",
            "max_autograded",
            "needs_manual_grading",
            "problems",
        ]
    )
    for r in results:
        writer.writerow([
            r.student, assignment, f"{r.score:g}", f"{r.max_score:g}", f"{r.code_score:g}",
            f"{r.max_code_score:g}", "yes" if r.needs_manual else "no", "; ".join(r.problems),
        ])  # fmt: skip
    return out.getvalue()


def summary_table(results: list[StudentResult]) -> str:
    rows = [("student", "autograded", "total so far", "manual grading", "problems")]
    for r in results:
        rows.append((
            r.student, f"{r.code_score:g}/{r.max_code_score:g}", f"{r.score:g}/{r.max_score:g}",
            "needed" if r.needs_manual else "-", "; ".join(r.problems) or "-",
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
