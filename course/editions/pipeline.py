"""The whole build, in memory: roadmap + content -> every file of the three editions.

The order of steps, and why:
1. parse the roadmap and load every content file (all errors surface before anything is made);
2. build the self-study and instructor notebooks and the course home (pure functions);
3. let nbgrader make ``release/`` from the instructor notebooks (it needs files: a scratch dir);
4. validate every notebook and serialise it to bytes; the caller writes or compares them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import nbjson

from course.checklist import section_checklist
from course.content.cache import load_all_content_cached
from course.content.model import SectionContent, empty_content
from course.editions.home import build_home
from course.editions.instructor import Instructor
from course.editions.layout import SELF_STUDY, SOURCE, home_path, nav_for, section_path
from course.editions.release import generate_release
from course.editions.section import Edition, build_section_notebook
from course.editions.selfstudy import SelfStudy
from course.errors import BuildError
from course.model import Roadmap
from course.roadmap.parse import load_roadmap

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Inputs:
    roadmap: Path
    content: Path  # folder of section content files
    cache: Path | None = None  # where parsed content files are cached (None: no cache)

    @property
    def data(self) -> Path:
        """Data files shipped beside the notebooks: ``<content>/../data/phase-NN/...``."""
        return self.content.parent / "data"


@dataclass(frozen=True)
class Course:
    roadmap: Roadmap
    contents: dict[str, SectionContent]

    def content(self, number: str) -> SectionContent:
        return self.contents.get(number) or empty_content(number)


def load_course(inputs: Inputs) -> Course:
    roadmap = load_roadmap(inputs.roadmap)
    return Course(roadmap, load_all_content_cached(inputs.content, roadmap, inputs.cache))


def build_notebooks(
    course: Course, editions: tuple[str, ...] = (SELF_STUDY, SOURCE)
) -> dict[PurePosixPath, NotebookNode]:
    """Self-study and instructor notebooks plus the course home, keyed by project-relative path."""
    out: dict[PurePosixPath, NotebookNode] = {}
    editions_by_name: dict[str, Edition] = {SELF_STUDY: SelfStudy(), SOURCE: Instructor()}
    for phase in course.roadmap.phases:
        for section in phase.sections:
            content = course.content(section.number)
            checklist = section_checklist(section, content)
            nav = nav_for(course.roadmap, section)
            for name in editions:
                nb = build_section_notebook(
                    editions_by_name[name], section, phase, content=content, checklist=checklist, nav=nav
                )
                out[section_path(name, phase, section)] = nb
    if SELF_STUDY in editions:
        out[home_path()] = build_home(course.roadmap, course.contents)
    return out


def build_all(
    inputs: Inputs, progress: Progress | None = None, previous: Path | None = None
) -> dict[PurePosixPath, bytes]:
    """Every generated file of the three editions, as the bytes to write.

    ``previous`` is the project root holding the last build: release files of assignments
    whose source is unchanged are reused from there (see ``release.py``); without it nbgrader
    regenerates all of ``release/``.
    """
    say = progress or (lambda _m: None)
    course = load_course(inputs)
    say(f"read {len(course.roadmap.sections)} sections, {len(course.contents)} content files")
    notebooks = build_notebooks(course)
    say(f"built {len(notebooks)} self-study and instructor notebooks")
    files = {path: serialise(nb, path) for path, nb in notebooks.items()}
    files.update(data_files(inputs.data, course))
    source = {p: data for p, data in files.items() if p.parts[0] == SOURCE}
    reader = _reader(previous) if previous else None
    files.update(generate_release(source, reader, progress=say, cache=inputs.cache))
    return dict(sorted(files.items()))


def _reader(root: Path) -> Callable[[PurePosixPath], bytes | None]:
    def read(rel: PurePosixPath) -> bytes | None:
        path = root / rel
        return path.read_bytes() if path.is_file() else None

    return read


def data_files(data_root: Path, course: Course) -> dict[PurePosixPath, bytes]:
    """``content/data/phase-NN/**`` copied to ``notebooks/`` and ``source/`` (nbgrader copies
    what is in ``source/`` on to ``release/``)."""
    out: dict[PurePosixPath, bytes] = {}
    assignments = {p.assignment for p in course.roadmap.phases}
    if not data_root.is_dir():
        return out
    for folder in sorted(data_root.iterdir()):
        if not folder.is_dir():
            continue
        if folder.name not in assignments:
            msg = f"data folder {folder.name!r} names no phase"
            raise BuildError(msg, path=folder, expected="phase-NN, e.g. phase-00")
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                rel = path.relative_to(folder).as_posix()
                for edition in (SELF_STUDY, SOURCE):
                    out[PurePosixPath(edition, folder.name, "data", rel)] = path.read_bytes()
    return out


def serialise(nb: NotebookNode, path: PurePosixPath) -> bytes:
    """Validated, deterministic bytes (sorted keys, one-space indent, trailing newline)."""
    seen: set[str] = set()
    for cell in nb.cells:
        if cell.get("id") in seen:
            msg = f"two cells share the id {cell['id']!r} (content ids must not repeat roadmap or structural ids)"
            raise BuildError(msg, path=Path(path))
        seen.add(cell.get("id", ""))
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as err:
        msg = f"generated notebook is invalid: {err.message}"
        raise BuildError(msg, path=Path(path)) from err
    # nbformat.writes would validate a second time; its JSON writer alone gives the same bytes
    return (nbjson.writes(nb) + "\n").encode()
