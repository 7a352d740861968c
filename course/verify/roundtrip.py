"""The nbgrader round trip for every phase, the fast way: nbgrader's Python API in a few
processes (one scratch course each), instead of one ``nbgrader`` command per assignment and
per submission.

For each phase: release it; submit the released notebooks with every answer cell filled in
from the content's solutions; autograde. A correct round trip gives the perfect submission every
autograded point. A phase with no autograded cells is submitted untouched (nothing to fill in).

An untouched submission of a phase with exercises is graded only on request (``untouched=True``).
nbgrader grades with the test cells as the source has them (hidden tests put back), so what an
untouched submission scores is exactly what ``course.proof`` checks per exercise, much more
cheaply: every test cell fails on the stub. The classroom test still grades one end to end.
Grading it here ran every notebook a second time.

Grading is done exactly as ``course grade`` does it for a class: with the project's own
``nbgrader_config.py`` (its ``GradingExecute`` with the class's cell and notebook time limits,
output limits and local-socket kernels), so a solution that only passes with more time than a
class gives it fails here. A project without that file is graded with nbgrader's defaults.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from course.content import markers
from course.editions.cells import answer_text
from course.grading.coursedir import CONFIG_FILE
from course.nbgrader_env import scratch_dir

if TYPE_CHECKING:
    from course.grading.autograde import StudentResult

Progress = Callable[[str], None]
# for a project without a classroom configuration: nbgrader's defaults, and the two settings
# every course needs (graded against the original test cells; no 4 s graceful kernel shutdown)
DEFAULT_CONFIG = (
    "c = get_config()  # noqa: F821\n"
    "c.OverwriteCells.add_missing_cells = True\n"
    "c.Execute.shutdown_kernel = 'immediate'\n"
)


def grading_config(project_root: Path) -> str:
    """The text of the ``nbgrader_config.py`` a class of this project grades with."""
    path = project_root / CONFIG_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else DEFAULT_CONFIG


@dataclass(frozen=True)
class PhaseRoundTrip:
    assignment: str
    notebooks: int
    max_points: float
    perfect: float
    untouched: float | None  # None: not graded (see the module's docstring)
    seconds: float
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def fill_answers(nb: nbformat.NotebookNode, solutions: dict[str, str]) -> bool:
    """Put the solutions into the answer cells; True if there was any to fill."""
    filled = False
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code" and meta.get("grade_id") in solutions:
            cell.source = solutions[meta["grade_id"]]
            filled = True
        elif meta.get("solution"):
            cell.source = "An answer."
    return filled


def lost_points(graded: Path, result: StudentResult) -> list[str]:
    """One line per autograded cell that did not earn its points: ``notebook/grade id score/max``
    and the error the cell raised in the graded notebook under ``graded`` (if it kept one)."""
    lines = []
    for cell in result.cells:
        if cell.needs_manual or cell.score >= cell.max_score:
            continue
        why = cell_error(graded / f"{cell.notebook}.ipynb", cell.grade_id)
        line = f"  lost {cell.notebook}/{cell.grade_id} {cell.score:g}/{cell.max_score:g}"
        lines.append(f"{line}: {why}" if why else line)
    return lines


def cell_error(path: Path, grade_id: str) -> str:
    """The last line of the error the cell with ``grade_id`` raised in a graded notebook, or ``""``."""
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return ""
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") != grade_id:
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                value = " ".join(str(out.get("evalue", "")).split())
                return f"{out.get('ename', 'Error')}: {value[:300]}" if value else str(out.get("ename", "Error"))
    return ""


Job = tuple[str, list[str], dict[str, dict[str, str]], list[str] | None, str, bool]


def roundtrip_phases(job: Job) -> list[PhaseRoundTrip]:
    """Worker: ``(source_root, assignments, {notebook stem: {exercise id: solution}}, only, config, untouched)``;
    ``only`` (``phase-01/1.1-....ipynb`` paths), when given, limits each assignment to those notebooks;
    ``config`` is the text of the ``nbgrader_config.py`` to grade with (it must not fix
    ``CourseDirectory.root`` elsewhere: the course's own sets it to the file's folder)."""
    from course.grading.autograde import autograde
    from course.grading.coursedir import check, nbgrader_api

    source_root, assignments, solutions, only, config, with_untouched = job
    out: list[PhaseRoundTrip] = []
    with tempfile.TemporaryDirectory(prefix="course-roundtrip-", dir=scratch_dir()) as tmp:
        root = Path(tmp)
        (root / CONFIG_FILE).write_text(config, encoding="utf-8")
        for a in assignments:
            shutil.copytree(Path(source_root) / a, root / "source" / a)
            if only is not None:  # graded notebooks are independent: a subset round-trips the same
                for path in (root / "source" / a).glob("*.ipynb"):
                    if f"{a}/{path.name}" not in only:
                        path.unlink()
        with nbgrader_api(root) as api:
            for a in assignments:
                check(api.generate_assignment(a, force=True, create=True), f"generate_assignment {a}", root)
        for a in assignments:
            start = time.perf_counter()
            released = sorted((root / "release" / a).glob("*.ipynb"))
            # without any exercise to solve, a perfect submission is the untouched one
            if not any(p.stem in solutions for p in released):
                students = ["untouched"]
            else:
                students = ["untouched", "perfect"] if with_untouched else ["perfect"]
            for student in students:
                folder = root / "submitted" / student / a
                folder.mkdir(parents=True)
                for path in released:
                    nb = nbformat.read(path, as_version=4)
                    if student == "perfect":
                        fill_answers(nb, solutions.get(path.stem, {}))
                    nbformat.write(nb, folder / path.name)
            results = {r.student: r for r in autograde(root, a, students, workers=1)}
            untouched = results.get("untouched")
            perfect = results.get("perfect") or results["untouched"]
            problems = []
            if perfect.code_score != perfect.max_code_score:
                problems.append(f"perfect submission got {perfect.code_score:g} of {perfect.max_code_score:g}")
                problems += lost_points(root / "autograded" / "perfect" / a, perfect)
            if untouched is not None and untouched.code_score != 0:
                problems.append(f"untouched submission got {untouched.code_score:g} points")
            problems += [f"{s}: {p}" for r in results.values() for p in r.problems for s in [r.student]]
            out.append(
                PhaseRoundTrip(
                    a,
                    len(released),
                    perfect.max_code_score,
                    perfect.code_score,
                    None if untouched is None else untouched.code_score,
                    time.perf_counter() - start,
                    tuple(problems),
                )
            )
    return out


def roundtrip_all(
    source_root: Path,
    solutions: dict[str, dict[str, str]],
    *,
    workers: int = 0,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
    config: str = DEFAULT_CONFIG,
    untouched: bool = False,
) -> list[PhaseRoundTrip]:
    """Round trip for every assignment under ``source_root``, ``workers`` processes at a time
    (or for the notebooks in ``only``: ``phase-01/1.1-....ipynb`` paths under ``source_root``),
    graded with ``config`` (see :func:`grading_config`); ``untouched`` grades an untouched submission of
    the phases with exercises too."""
    from course.nbgrader_env import remember_alembic_head

    say = progress or (lambda _m: None)
    assignments = sorted(p.name for p in source_root.iterdir() if p.is_dir())
    if only is not None:
        assignments = [a for a in assignments if any(rel.startswith(f"{a}/") for rel in only)]
        if not assignments:
            return []
    workers = min(len(assignments), workers or (os.cpu_count() or 1) + 1)  # kernels wait; one extra fills it
    remember_alembic_head(None)  # learn it once, before forking

    # the phases with the most notebooks to grade first
    def weight(a: str) -> int:
        stems = [p.stem for p in (source_root / a).glob("*.ipynb")]
        return len(stems) * (2 if untouched and any(s in solutions for s in stems) else 1)

    ordered = sorted(assignments, key=lambda a: (-weight(a), a))
    subset = sorted(only) if only is not None else None
    jobs: list[Job] = [
        (str(source_root), ordered[i::workers], solutions, subset, config, untouched) for i in range(workers)
    ]
    results: list[PhaseRoundTrip] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(roundtrip_phases, jobs):
            results.extend(part)
            for r in part:
                extra = "" if r.untouched is None else f", untouched {r.untouched:g}"
                say(f"{r.assignment}: perfect {r.perfect:g}/{r.max_points:g}{extra}")
    return sorted(results, key=lambda r: r.assignment)


def solutions_by_notebook(course: object) -> dict[str, dict[str, str]]:
    """``{notebook stem: {exercise id: runnable solution}}`` for a loaded course."""
    from course.editions.pipeline import Course

    assert isinstance(course, Course)
    out: dict[str, dict[str, str]] = {}
    for section in course.roadmap.sections:
        content = course.contents.get(section.number)
        if content and content.exercises:
            out[section.stem] = {ex.id: answer_text(ex, markers.solved(ex.solution)) for ex in content.exercises}
    return out
