"""Finding the course project (the repository) from wherever a command is run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError

ROADMAP = Path("content/roadmap.md")
SECTIONS = Path("content/sections")
DATA = Path("content/data")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def roadmap(self) -> Path:
        return self.root / ROADMAP

    @property
    def sections(self) -> Path:
        return self.root / SECTIONS

    @property
    def data(self) -> Path:
        return self.root / DATA

    @property
    def cache(self) -> Path:
        return self.root / ".course-cache"


def _is_project(path: Path) -> bool:
    return (path / ROADMAP).is_file() and (path / "pyproject.toml").is_file()


def find_project(root: Path | None = None) -> Project:
    """The project at ``root``; else the one around the working directory; else the checkout
    this package was installed from (an editable install)."""
    if root is not None:
        if not _is_project(root):
            msg = "not a course project"
            raise CourseError(msg, path=root, expected=f"a folder with pyproject.toml and {ROADMAP}")
        return Project(root.resolve())
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _is_project(candidate):
            return Project(candidate)
    checkout = Path(__file__).resolve().parents[1]
    if _is_project(checkout):
        return Project(checkout)
    msg = "no course project found here or above"
    raise CourseError(msg, path=here, expected=f"a folder with pyproject.toml and {ROADMAP} (or pass --root)")
