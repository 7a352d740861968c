"""A learner's course folder, for the career sections (24.4's portfolio checklist, 24.5's plans).

Progress lives in each section notebook's metadata (``docs/progress.md``) and is read by
:mod:`course.progress` (``folder_report``, ``read_ticks``); this module adds what a notebook needs
around it:

- :func:`course_folder`: the course folder a notebook runs in (itself, or the parent of ``phase-NN/``);
- :func:`read_metadata`: one notebook's metadata, or ``None`` and one line saying why (never an
  exception, never a write);
- :func:`project_label`: ``"project-22-3-1"`` as ``"Project 22.3.1"``;
- :func:`write_section_notebook` / :func:`write_raw_notebook`: tiny section notebooks (ticked,
  unticked, damaged, not JSON at all), so tests and demos need no real course.

Standard library only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from course.progress.report import is_course_folder, section_notebooks

__all__ = [
    "PROJECT_PREFIX",
    "course_folder",
    "project_label",
    "read_metadata",
    "section_notebooks",
    "write_raw_notebook",
    "write_section_notebook",
]

PROJECT_PREFIX = "project-"
"""Checklist ids of mini-projects start with this (``project-<phase>-<section>-<n>``)."""

_PHASE_DIR = re.compile(r"phase-\d+")
_PROJECT = re.compile(r"project-(\d+(?:-\d+)+)")


def course_folder(start: str | Path | None = None) -> Path | None:
    """The course folder that ``start`` (default: the current folder) is, or is a phase folder of
    (a section notebook runs in ``phase-NN/``); ``None`` when it is neither."""
    here = Path(start) if start is not None else Path.cwd()
    if is_course_folder(here):
        return here
    if _PHASE_DIR.fullmatch(here.name) and is_course_folder(here.parent):
        return here.parent
    return None


def read_metadata(path: str | Path) -> tuple[dict[str, Any] | None, str]:
    """The notebook's ``metadata`` mapping and ``""``, or ``None`` and one line saying why not.

    The file is parsed as JSON (UTF-8): what ``course progress`` gets from nbformat, without
    nbformat's schema validation (about 50 ms a notebook, 5 s for a whole course folder, and
    ``course progress`` ignores its warnings anyway). Nothing is ever written; a file that cannot
    be read or parsed, or whose ``metadata`` is not a mapping, is reported, not raised.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        return None, f"{path}: cannot read ({err})"
    except ValueError as err:  # json.JSONDecodeError
        return None, f"{path}: not a readable notebook (JSONDecodeError: {str(err)[:120]})"
    if not isinstance(data, dict):
        return None, f"{path}: not a notebook (a JSON {type(data).__name__})"
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return None, f"{path}: notebook metadata is a {type(metadata).__name__}, not a mapping"
    return metadata, ""


def project_label(project_id: str) -> str:
    """``"project-22-3-1"`` -> ``"Project 22.3.1"``; any other id comes back unchanged."""
    match = _PROJECT.fullmatch(project_id)
    if not match:
        return project_id
    return "Project " + match.group(1).replace("-", ".")


def _phase_dir(folder: str | Path, section: str) -> Path:
    phase = section.split(".", maxsplit=1)[0]
    target = Path(folder) / f"phase-{phase.zfill(2) if phase.isdigit() else phase}"
    target.mkdir(parents=True, exist_ok=True)
    return target


def write_section_notebook(
    folder: str | Path,
    section: str,
    items: Sequence[str],
    ticked: Any = None,
    *,
    title: str = "",
    course: Any = None,
    name: str | None = None,
) -> Path:
    """Write ``<folder>/phase-NN/<section>.ipynb``: one markdown cell and the metadata a built section
    notebook carries (``section``, ``title``, ``items``, ``progress[section]``); return its path.

    ``ticked`` (any JSON value, so a test can store a damaged one: a string, a dict) becomes
    ``metadata.course.progress[section]`` unless it is ``None`` (then there is no ``progress``
    key). ``course``, when given, replaces the whole ``metadata.course`` value (``...`` removes the
    key), for notebooks written by other tools. ``name`` overrides the file name.
    """
    meta: dict[str, Any] = {"section": section, "title": title, "edition": "self-study", "items": list(items)}
    if ticked is not None:
        meta["progress"] = {section: list(ticked) if isinstance(ticked, (list, tuple)) else ticked}
    metadata: dict[str, Any] = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    if course is None:
        metadata["course"] = meta
    elif course is not ...:
        metadata["course"] = course
    notebook = {
        "cells": [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": f"# {section} {title}".rstrip()}],
        "metadata": metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = _phase_dir(folder, section) / (name or f"{section}.ipynb")
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def write_raw_notebook(folder: str | Path, section: str, text: str) -> Path:
    """Write ``text`` unchanged as ``<folder>/phase-NN/<section>.ipynb`` (a truncated or hand-broken
    file) and return its path."""
    path = _phase_dir(folder, section) / f"{section}.ipynb"
    path.write_text(text, encoding="utf-8")
    return path
