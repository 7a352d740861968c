"""The learner's own course folder, read for a portfolio checklist (section 24.4).

Progress lives in each section notebook's metadata (see ``docs/progress.md``) and is read by
``course.progress``; this module adds only what a notebook needs around it:

- :func:`course_folder`: the course folder a notebook runs in (the parent of ``phase-NN/``);
- :func:`read_metadata`: one notebook's metadata, or ``None`` and one line saying why (never an
  exception, never a write);
- :func:`project_label`: ``"project-22-3-1"`` as ``"Project 22.3.1"``;
- :func:`write_section_notebook`: a tiny section notebook with the metadata a test wants (ticked,
  unticked, damaged), so tests and demos need no real course.

Standard library only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from course.progress.report import section_notebooks

__all__ = [
    "PROJECT_PREFIX",
    "course_folder",
    "project_label",
    "read_metadata",
    "section_notebooks",
    "write_section_notebook",
]

PROJECT_PREFIX = "project-"
"""Checklist ids of mini-projects start with this (``project-<phase>-<section>-<n>``)."""

_PHASE_DIR = re.compile(r"phase-\d+")
_PROJECT = re.compile(r"project-(\d+(?:-\d+)+)")


def course_folder(start: str | Path | None = None) -> Path | None:
    """The course folder that ``start`` (default: the current folder) is, or is a phase folder of.

    A course folder holds ``phase-NN/`` folders; a notebook runs inside one of them, so its course
    folder is the parent. ``None`` when neither ``start`` nor its parent looks like one.
    """
    here = Path(start) if start is not None else Path.cwd()
    if _PHASE_DIR.fullmatch(here.name) and here.parent.is_dir():
        return here.parent
    if any(p.is_dir() for p in here.glob("phase-[0-9]*")):
        return here
    return None


def read_metadata(path: str | Path) -> tuple[dict[str, Any] | None, str]:
    """The notebook's ``metadata`` mapping and ``""``, or ``None`` and one line saying why not.

    The file is parsed as JSON (UTF-8), which is what ``course progress`` gets from nbformat
    minus nbformat's schema validation: that validation takes about 50 ms a notebook, 5 s for
    a whole course folder, and ``course progress`` ignores its warnings anyway. Nothing is
    ever written; a file that cannot be read or parsed, or whose ``metadata`` is not a mapping,
    is reported, not raised.
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


def write_section_notebook(
    folder: str | Path,
    section: str,
    items: list[str],
    ticked: Any = None,
    *,
    title: str = "",
    course: Any = None,
    name: str | None = None,
) -> Path:
    """Write ``<folder>/phase-NN/<section>.ipynb``: one markdown cell and course metadata.

    ``ticked`` (any JSON value, so tests can store a damaged one) becomes
    ``metadata.course.progress[section]`` unless it is ``None``. ``course``, when given, replaces
    the whole ``metadata.course`` value (``...`` removes the key), for notebooks built by other
    tools. ``name`` overrides the file name. Returns the path.
    """
    phase = section.split(".", maxsplit=1)[0]
    target = Path(folder) / f"phase-{phase.zfill(2) if phase.isdigit() else phase}"
    target.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {"section": section, "title": title, "edition": "self-study", "items": list(items)}
    if ticked is not None:
        meta["progress"] = {section: ticked}
    metadata: dict[str, Any] = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    if course is None:
        metadata["course"] = meta
    elif course is not ...:
        metadata["course"] = course
    notebook = {
        "cells": [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": f"# {section} {title}"}],
        "metadata": metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = target / (name or f"{section}.ipynb")
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
