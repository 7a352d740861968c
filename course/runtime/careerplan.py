"""Small course folders for the career-planning notebook (24.5): section notebooks whose
``metadata.course`` holds the items and ticks that :mod:`course.progress` reads.

Plans in 24.5 read progress with :func:`course.progress.report.folder_report`; its exercises are
tested on folders built here in a temporary directory: ticked and unticked sections, a notebook
with no ``course`` metadata, one whose progress has the wrong shape, one that is not JSON at all.
:func:`course_folder` finds the course folder a notebook sits in (the parent of ``phase-NN/``).
Standard library and ``nbformat`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from course.progress.report import is_course_folder


def _phase_dir(folder: Path, section: str) -> Path:
    phase = int(section.split(".", maxsplit=1)[0])
    path = Path(folder) / f"phase-{phase:02d}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_section_notebook(
    folder: str | Path,
    section: str,
    items: Sequence[str],
    ticked: Any = (),
    *,
    title: str = "",
) -> Path:
    """Write ``<folder>/phase-NN/<section>.ipynb``: one markdown cell and the metadata a built
    section notebook carries (``section``, ``title``, ``items``, ``progress[section]``).

    ``ticked`` is stored as given when it is not a list or tuple (a string, a dict...), so a test
    can build a damaged progress block; ``ticked=None`` leaves the ``progress`` key out.
    Returns the notebook's path."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {section} {title}".rstrip()))
    course: dict[str, Any] = {"section": section, "title": title, "edition": "self-study", "items": list(items)}
    if ticked is not None:
        course["progress"] = {section: list(ticked) if isinstance(ticked, (list, tuple)) else ticked}
    nb.metadata["course"] = course
    path = _phase_dir(Path(folder), section) / f"{section}.ipynb"
    nbformat.write(nb, str(path))
    return path


def write_raw_notebook(folder: str | Path, section: str, text: str) -> Path:
    """Write ``text`` as ``<folder>/phase-NN/<section>.ipynb`` unchanged (a truncated or hand-broken
    file) and return its path."""
    path = _phase_dir(Path(folder), section) / f"{section}.ipynb"
    path.write_text(text, encoding="utf-8")
    return path


def course_folder(start: str | Path | None = None) -> Path | None:
    """The course folder a notebook runs in: ``start`` (default: the working directory) when it
    is a course folder, else its parent when that is one (a notebook runs in ``phase-NN/``), else
    ``None``."""
    here = Path(start) if start is not None else Path.cwd()
    for candidate in (here, here.parent):
        if is_course_folder(candidate):
            return candidate
    return None
