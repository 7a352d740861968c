"""Where each edition's files live, relative to the project root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from course.model import Phase, Roadmap, Section

SELF_STUDY = "notebooks"
SOURCE = "source"
RELEASE = "release"
EDITIONS = (SELF_STUDY, SOURCE, RELEASE)
HOME = "course-home.ipynb"


def notebook_name(section: Section) -> str:
    return f"{section.stem}.ipynb"


def section_path(edition: str, phase: Phase, section: Section) -> PurePosixPath:
    return PurePosixPath(edition, phase.assignment, notebook_name(section))


def home_path() -> PurePosixPath:
    return PurePosixPath(SELF_STUDY, HOME)


@dataclass(frozen=True)
class Nav:
    """Links from one section notebook to its neighbours and the course home (self-study)."""

    prev: tuple[str, str] | None  # (label, relative href)
    next: tuple[str, str] | None
    home: str


def nav_for(roadmap: Roadmap, section: Section) -> Nav:
    sections = roadmap.sections
    i = sections.index(section)
    here = roadmap.phase_of(section)

    def link(other: Section) -> tuple[str, str]:
        phase = roadmap.phase_of(other)
        href = notebook_name(other) if phase is here else f"../{phase.assignment}/{notebook_name(other)}"
        return f"{other.number} {other.title}", href

    prev = link(sections[i - 1]) if i > 0 else None
    nxt = link(sections[i + 1]) if i + 1 < len(sections) else None
    return Nav(prev, nxt, f"../{HOME}")
