"""Progress across a folder of section notebooks, read with nbformat (never written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.editions.layout import HOME
from course.ids import section_key
from course.progress.store import read_ticks


@dataclass(frozen=True)
class SectionProgress:
    section: str
    title: str
    phase: int
    path: str
    done: int
    total: int
    ignored: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class PhaseProgress:
    phase: int
    description: str
    sections: tuple[SectionProgress, ...]

    @property
    def done(self) -> int:
        return sum(s.done for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def status(self) -> str:
        if self.total and self.done == self.total:
            return "☑"
        return "◐" if self.done else "☐"


@dataclass(frozen=True)
class Report:
    folder: str
    phases: tuple[PhaseProgress, ...]
    problems: tuple[str, ...]  # notebooks that could not be read, and why

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "phases": [
                {
                    "phase": p.phase,
                    "description": p.description,
                    "status": p.status,
                    "done": p.done,
                    "total": p.total,
                    "percent": p.percent,
                    "sections": [
                        {
                            "section": s.section,
                            "title": s.title,
                            "path": s.path,
                            "done": s.done,
                            "total": s.total,
                            "percent": s.percent,
                            "ignored": list(s.ignored),
                        }
                        for s in p.sections
                    ],
                }
                for p in self.phases
            ],
            "problems": list(self.problems),
        }


def _read_notebook(path: Path) -> tuple[dict[str, Any] | None, str]:
    """A notebook read with nbformat (no conversion, no validation errors raised), or why not."""
    import logging
    import warnings

    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, f"{path}: cannot read ({err})"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a notebook of another nbformat version is still readable
            logging.getLogger("nbformat").setLevel(logging.CRITICAL)
            data = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except Exception as err:  # noqa: BLE001 - nbformat raises several types for broken files
        return None, f"{path}: not a readable notebook ({type(err).__name__}: {str(err)[:120]})"
    if not isinstance(data, dict):
        return None, f"{path}: not a notebook"
    return data, ""


def _section_progress(path: Path, root: Path, data: dict[str, Any]) -> SectionProgress | None:
    meta = data.get("metadata")
    course = meta.get("course") if isinstance(meta, dict) else None
    if not isinstance(course, dict):
        return None
    section = course.get("section")
    items = course.get("items")
    if not isinstance(section, str) or not section[:1].isdigit():
        return None
    if not isinstance(items, list):
        items = []
    known = [i for i in items if isinstance(i, str)]
    ticks = read_ticks(meta, section, known)
    try:
        phase = int(section.split(".")[0])
    except ValueError:
        return None
    title = course.get("title") if isinstance(course.get("title"), str) else ""
    rel = path.relative_to(root).as_posix()
    return SectionProgress(section, str(title), phase, rel, len(ticks.ticked), len(known), ticks.ignored)


def _tracker(root: Path) -> dict[int, str]:
    """Phase descriptions from the course home's Appendix C tracker, if the home is there."""
    data, _ = _read_notebook(root / HOME)
    course = (data or {}).get("metadata", {}).get("course", {}) if data else {}
    rows = course.get("tracker", []) if isinstance(course, dict) else []
    out: dict[int, str] = {}
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, list) and len(row) >= 2 and str(row[0]).isdigit():
            out[int(row[0])] = str(row[1])
    return out


# Where section notebooks sit in a course folder (the self-study edition or a workspace):
# ``phase-NN/<section>.ipynb``. Backups (``.course-backups/``), checkpoints and anything else
# below the folder are not the learner's course and are never counted.
SECTION_GLOB = "phase-[0-9]*/*.ipynb"


def section_notebooks(root: Path) -> list[Path]:
    """The section notebooks of a course folder, in path order."""
    return sorted(p for p in root.glob(SECTION_GLOB) if not p.name.startswith("."))


def is_course_folder(root: Path) -> bool:
    """True when ``root`` looks like a course folder: its home notebook or phase folders."""
    return (root / HOME).is_file() or any(root.glob("phase-[0-9]*/"))


def folder_report(root: Path) -> Report:
    """Progress of every section notebook of the course folder ``root``."""
    problems: list[str] = []
    by_phase: dict[int, list[SectionProgress]] = {}
    for path in section_notebooks(root):
        data, problem = _read_notebook(path)
        if data is None:
            problems.append(problem)
            continue
        sp = _section_progress(path, root, data)
        if sp is not None:
            by_phase.setdefault(sp.phase, []).append(sp)
    tracker = _tracker(root)
    phases = []
    for number in sorted(set(by_phase) | set(tracker)):
        sections = sorted(by_phase.get(number, []), key=lambda s: section_key(s.section))
        phases.append(PhaseProgress(number, tracker.get(number, ""), tuple(sections)))
    return Report(str(root), tuple(phases), tuple(problems))


def tracker_table(report: Report) -> str:
    """Appendix C's progress tracker, filled in, as a plain-text table."""
    rows = [("Phase", "Description", "Status", "Done")]
    for p in report.phases:
        rows.append((str(p.phase), p.description, p.status, f"{p.done}/{p.total} ({p.percent}%)"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
