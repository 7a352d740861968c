"""Cell factories: every generated cell gets a stable id and ``metadata.course``."""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode, from_dict

from course.content.model import Exercise
from course.ids import cell_id, short_hash
from course.runtime import capstone

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}


def _prefix(section: str) -> str:
    """``"1.2"`` -> ``"s1-2"``; other scopes (the course home) keep their name."""
    return "s" + section.replace(".", "-") if section[:1].isdigit() else section


def source_hash(source: str) -> str:
    """Fingerprint of the source the generator wrote, so an update can tell learner edits apart."""
    return short_hash(source.strip("\n"), 12)


def _meta(section: str, kind: str, piece: str, source: str, extra: dict[str, Any] | None) -> dict[str, Any]:
    course: dict[str, Any] = {"section": section, "kind": kind, "id": piece, "hash": source_hash(source)}
    if extra:
        course.update(extra)
    return {"course": course}


# Cells are built as plain nodes; the whole notebook is validated once, before it is written
# (nbformat's own factories validate every cell again, which costs seconds over the course).


def markdown(section: str, kind: str, piece: str, source: str, *, extra: dict[str, Any] | None = None) -> NotebookNode:
    return from_dict(
        {
            "cell_type": "markdown",
            "id": cell_id(_prefix(section), piece),
            "metadata": _meta(section, kind, piece, source, extra),
            "source": source.strip("\n"),
        }
    )


def code(
    section: str,
    kind: str,
    piece: str,
    source: str,
    *,
    extra: dict[str, Any] | None = None,
    hide_source: bool = False,
    tags: tuple[str, ...] = (),
) -> NotebookNode:
    meta = _meta(section, kind, piece, source, extra)
    if hide_source:
        meta["jupyter"] = {"source_hidden": True}
    if tags:
        meta["tags"] = list(tags)
    return from_dict(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": cell_id(_prefix(section), piece),
            "metadata": meta,
            "outputs": [],
            "source": source.strip("\n"),
        }
    )


def nbgrader(
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = False,
    task: bool = False,
    points: int | None = None,
) -> dict[str, Any]:
    """``metadata.nbgrader`` in nbgrader's schema 3 (which allows no other keys)."""
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
    }
    if task:
        meta["task"] = True
    if grade or task:
        meta["points"] = points if points is not None else 0
    return meta


def with_nbgrader(cell: NotebookNode, meta: dict[str, Any]) -> NotebookNode:
    cell.metadata["nbgrader"] = meta
    return cell


def notebook(cells: list[NotebookNode], course_meta: dict[str, Any]) -> NotebookNode:
    # like nbformat's new_notebook, without its validation: serialise() validates once
    return from_dict(
        {
            "cells": cells,
            "metadata": {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO), "course": course_meta},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def answer_text(exercise: Exercise, text: str) -> str:
    """An answer cell's text: a capstone milestone's answer starts with the ``%%repo_file`` line that makes
    the cell its module file (``course.runtime.capstone``); other answers are the text itself."""
    return f"%%{capstone.MAGIC} {exercise.file}\n{text}" if exercise.file else text
