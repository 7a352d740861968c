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


def _is_course_directory(path: Path) -> bool:
    return (path / "nbgrader_config.py").is_file() and (path / "source").is_dir()


def find_course_directory(root: Path | None = None) -> Path:
    """The nbgrader course directory to release and grade in: ``root`` (a class folder made by
    ``course build --overlay``, or the repository); else the nearest folder around the working
    directory holding ``nbgrader_config.py`` and ``source/``; else the course project."""
    if root is not None:
        if _is_course_directory(root):
            return root.resolve()
        return find_project(root).root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _is_course_directory(candidate):
            return candidate
    return find_project(None).root
