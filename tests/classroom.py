"""Helpers for classroom tests: a scratch nbgrader course and students' submissions."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from course.editions.pipeline import Course
from course.grading.coursedir import check, nbgrader_api
from course.verify.roundtrip import fill_answers, solutions_by_notebook
from tests.conftest import ROOT

Edit = Callable[[str, NotebookNode], None]  # (notebook name, notebook) -> None, edits in place


def make_course(tmp: Path, assignments: list[str]) -> Path:
    """A course directory with the committed source/ of these assignments, released by nbgrader."""
    root = tmp / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for a in assignments:
        shutil.copytree(ROOT / "source" / a, root / "source" / a)
    with nbgrader_api(root) as api:
        for a in assignments:
            check(api.generate_assignment(a, force=True, create=True), f"generate_assignment {a}", root)
    return root


def submit(root: Path, assignment: str, student: str, edit: Edit | None = None) -> Path:
    """Copy the released notebooks to submitted/<student>/<assignment>/ and apply ``edit``."""
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True)
    for path in sorted((root / "release" / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if edit:
            edit(path.name, nb)
        nbformat.write(nb, folder / path.name)
    return folder


def grade_id(cell: NotebookNode) -> str:
    return str(cell.metadata.get("nbgrader", {}).get("grade_id", ""))


def solve_all(course: Course) -> Edit:
    """An edit that fills every answer cell with the content's solution."""
    solutions = solutions_by_notebook(course)

    def edit(name: str, nb: NotebookNode) -> None:
        fill_answers(nb, solutions.get(Path(name).stem, {}))

    return edit
