"""Shared fixtures: the real roadmap and content, one full build per session, tiny projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from course.editions.pipeline import Course, Inputs, build_all, load_course
from course.model import Roadmap
from course.roadmap.parse import load_roadmap

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
ROADMAP = ROOT / "content" / "roadmap.md"
SECTIONS = ROOT / "content" / "sections"


@pytest.fixture(scope="session")
def roadmap() -> Roadmap:
    return load_roadmap(ROADMAP)


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course(Inputs(ROADMAP, SECTIONS))


@pytest.fixture(scope="session")
def built() -> dict[PurePosixPath, bytes]:
    """Every generated file of the three editions, built once for the session (in memory)."""
    return build_all(Inputs(ROADMAP, SECTIONS))


def cut_roadmap(tmp_path: Path, start: str, end: str) -> Path:
    """The course's roadmap (its title line) cut to the text from ``start`` up to ``end`` (e.g. ``"## Phase 23:"``,
    ``"## Phase 24:"``), written to ``tmp_path/roadmap.md``."""
    text = ROADMAP.read_text(encoding="utf-8")
    roadmap = tmp_path / "roadmap.md"
    roadmap.write_text(text.splitlines()[0] + "\n\n" + text[text.index(start) : text.index(end)], encoding="utf-8")
    return roadmap


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A throwaway course project: a roadmap (the small one by default) and content files."""

    def make(roadmap: Path = DATA / "roadmaps" / "small.md", content: dict[str, Path] | None = None) -> Path:
        root = tmp_path / "project"
        (root / "content" / "sections").mkdir(parents=True)
        shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
        shutil.copy(roadmap, root / "content" / "roadmap.md")
        for name, src in (content or {}).items():
            shutil.copy(src, root / "content" / "sections" / name)
        return root

    return make


def selected_params(request: pytest.FixtureRequest, test: str, name: str) -> set[str]:
    """The values of parameter ``name`` of the selected (not deselected: ``-k``, node ids) items of the
    parametrised ``test``: a module fixture that does work per value does it only for these."""
    values = set()
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if getattr(item, "originalname", None) == test and callspec is not None and name in callspec.params:
            values.add(str(callspec.params[name]))
    return values


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Numbers some tests measure (recorded with ``record_property("measured", ...)``, never
    asserted), shown at the end of the run; works under pytest-xdist too."""
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "measured" and getattr(report, "when", "call") == "call":
                    terminalreporter.write_line(str(value))
