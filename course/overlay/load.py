"""A teacher's private overlay: hidden tests, exercises, points and rubrics kept outside the
public repository, in the content format (``DIR/sections/<n>.py``) plus ``DIR/course.toml``.

What an overlay file may hold, keyed by the public content's stable ids:

* ``exercise`` with ``"extend": true`` and an existing id: its ``test`` cells are added to the
  public exercise (a test id the exercise already has replaces that test; a test cell with that
  id and no code changes only its points), its ``wrong`` cells are added to its wrong answers;
* ``exercise`` without ``extend``: a complete exercise (prompt, solution, tests) that replaces
  the public exercise of the same id, or is added to the section when the id is new;
* ``task`` with ``"extend": true``: new ``points`` in the header and/or a new ``rubric`` cell;
  without ``extend``: a complete task that replaces the public one or is added.

Test cells may hold only hidden tests (they never reach the self-study edition), and hidden
tests may use ``CLASS_SEED``, the whole number ``seed`` of ``course.toml``, which the build
writes into the hidden tests of the class's instructor edition.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jupytext

from course.content import markers
from course.content.load import _Draft, _Loader, _without_title, content_files
from course.content.model import Exercise, Task, TestCell
from course.errors import ContentError, did_you_mean
from course.model import Roadmap
from course.text import decode_utf8

CONFIG = "course.toml"
SEED_NAME = "CLASS_SEED"
ALLOWED = ("exercise", "hint", "solution", "test", "wrong", "task", "rubric")
_SECTION_FILE = re.compile(r"^(\d+\.\d+)\.py$")


@dataclass(frozen=True)
class ExercisePatch:
    """Tests and wrong answers added to (or replacing those of) a public exercise."""

    id: str
    line: int
    tests: tuple[TestCell, ...]  # a test with an empty source changes only the points of that test
    wrong: tuple[Any, ...]


@dataclass(frozen=True)
class TaskPatch:
    id: str
    line: int
    points: int | None
    rubric: str


@dataclass(frozen=True)
class OverlaySection:
    section: str
    path: Path
    exercises: tuple[Exercise, ...]  # complete: replace the public one of the same id, or added
    patches: tuple[ExercisePatch, ...]
    tasks: tuple[Task, ...]
    task_patches: tuple[TaskPatch, ...]


@dataclass(frozen=True)
class Overlay:
    root: Path
    name: str
    seed: int | None
    sections: dict[str, OverlaySection]


def load_overlay(root: Path, roadmap: Roadmap) -> Overlay:
    """Read ``root/course.toml`` and ``root/sections/*.py``; a :class:`ContentError` names the
    file and line of anything that is not a valid overlay."""
    if not root.is_dir():
        msg = "no such overlay folder"
        raise ContentError(msg, path=root, expected=f"a folder with sections/<n>.py and an optional {CONFIG}")
    name, seed = _config(root / CONFIG)
    sections: dict[str, OverlaySection] = {}
    files = content_files(root / "sections")
    if not files:
        msg = "the overlay has no section files"
        raise ContentError(msg, path=root / "sections", expected="files like sections/1.2.py")
    for path in files:
        loaded = load_overlay_section(path, roadmap)
        sections[loaded.section] = loaded
    return Overlay(root.resolve(), name, seed, sections)


def _config(path: Path) -> tuple[str, int | None]:
    if not path.is_file():
        return "", None
    try:
        data = tomllib.loads(decode_utf8(path.read_bytes(), path, ContentError))
    except tomllib.TOMLDecodeError as err:
        raise ContentError(f"not valid TOML: {err}", path=path, expected="name = '...' and seed = 12345") from err
    unknown = sorted(set(data) - {"name", "seed"})
    if unknown:
        hint = did_you_mean(unknown[0], ["name", "seed"])
        msg = f"unknown setting {unknown[0]!r}" + (f" ({hint})" if hint else "")
        raise ContentError(msg, path=path, expected="only 'name' and 'seed'")
    seed = data.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise ContentError(f"seed must be a whole number, not {seed!r}", path=path, expected="seed = 12345")
    return str(data.get("name", "")), seed


def load_overlay_section(path: Path, roadmap: Roadmap) -> OverlaySection:
    m = _SECTION_FILE.match(path.name)
    if not m:
        msg = f"overlay file name {path.name!r} does not name a section"
        raise ContentError(msg, path=path, line=1, expected="'<phase>.<section>.py', e.g. '1.2.py'")
    try:
        section = roadmap.section(m.group(1))
    except KeyError:
        msg = f"overlay file for section {m.group(1)}, which is not in the roadmap"
        raise ContentError(msg, path=path, line=1, expected="a section number from the roadmap") from None
    text = decode_utf8(path.read_bytes(), path, ContentError)
    try:
        nb = jupytext.reads(text, fmt="py:percent")
    except Exception as err:  # jupytext raises many types for malformed files
        raise ContentError(f"jupytext cannot read the file: {err}", path=path, line=1) from err
    from course.content.load import _cell_lines

    return _OverlayLoader(path, section).read(nb.cells, _cell_lines(text, len(nb.cells)))


class _OverlayLoader(_Loader):
    """The content loader, with an overlay's rules: exercises and tasks only, ``extend``
    drafts may be partial, and test cells may hold only hidden tests."""

    def read(self, cells: list[Any], starts: list[int]) -> OverlaySection:
        for cell, line in zip(cells, starts, strict=True):
            kind = (cell.metadata.get("course") or {}).get("kind") if isinstance(cell.metadata, dict) else None
            if kind is not None and kind not in ALLOWED:
                raise self.error(
                    line,
                    f"an overlay cannot hold {kind!r} cells",
                    "exercise, hint, solution, test, wrong, task and rubric cells (lessons stay public)",
                )
            self._cell(cell, line)
        self._finish()
        exercises, patches, tasks, task_patches = [], [], [], []
        for d in self.done:
            extend = d.meta.get("extend", False)
            if not isinstance(extend, bool):
                raise self.error(d.line, f"'extend' must be true or false, not {extend!r}")
            if d.kind == "exercise":
                if extend:
                    patches.append(self._patch(d))
                else:
                    exercises.append(self._exercise(d))
            elif d.kind == "task":
                if extend:
                    task_patches.append(self._task_patch(d))
                else:
                    tasks.append(self._task(d))
        return OverlaySection(
            self.section.number, self.path, tuple(exercises), tuple(patches), tuple(tasks), tuple(task_patches)
        )

    def _on_test(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("exercise",), "a 'test' cell", line)
        self._check_markers(source, "hidden", line)
        self._forbid(source, ("solution", "mark scheme"), line, "test")
        points = meta.get("points", 1)
        if not isinstance(points, int) or isinstance(points, bool) or points < 1:
            raise self.error(line, f"test points must be a whole number of at least 1, not {points!r}")
        if not source.strip() and not meta.get("id"):
            raise self.error(line, "a test cell without code must name the test whose points it changes", '"id": "t2"')
        prefix = "class-t" if draft.meta.get("extend") else "t"  # added tests never take a public test's id
        tid = str(meta.get("id") or f"{prefix}{len(draft.tests) + 1}")
        self._valid_id(tid, line)
        if any(t.id == tid for t in draft.tests):
            raise self.error(line, f"duplicate test id {tid!r} in exercise {draft.meta['id']!r}", "unique test ids")
        self._seed_only_hidden(source, line)
        draft.tests.append(TestCell(tid, source, points, line))

    def _seed_only_hidden(self, source: str, line: int) -> None:
        """``CLASS_SEED`` is given to hidden tests only: the release must not need (or show) it."""
        if SEED_NAME not in source:
            return
        hidden_lines: set[int] = set()
        for a, b in markers.regions(source, "hidden")[0]:
            hidden_lines.update(range(a, b + 1))
        for i, text in enumerate(source.split("\n")):
            if SEED_NAME in text and i not in hidden_lines:
                raise self.error(
                    line + 1 + i,
                    f"{SEED_NAME} outside the hidden tests",
                    f"{SEED_NAME} only between '{markers.BEGIN_HIDDEN}' and '{markers.END_HIDDEN}'",
                )

    def _patch(self, d: _Draft) -> ExercisePatch:
        if d.solution is not None or d.hints:
            raise self.error(
                d.line,
                f"exercise {d.meta['id']!r} extends the public one, so it takes only tests and wrong answers",
                "no solution or hint cells (leave out 'extend' to replace the whole exercise)",
            )
        if _without_title(d.text).strip():
            raise self.error(d.line, f"exercise {d.meta['id']!r} extends the public one, so its prompt stays")
        if not d.tests and not d.wrong:
            raise self.error(d.line, f"exercise {d.meta['id']!r} adds nothing", "'test' or 'wrong' cells after it")
        return ExercisePatch(d.meta["id"], d.line, tuple(d.tests), tuple(d.wrong))

    def _task_patch(self, d: _Draft) -> TaskPatch:
        points = d.meta.get("points")
        if points is not None and (not isinstance(points, int) or isinstance(points, bool) or points < 1):
            raise self.error(d.line, f"task points must be a whole number of at least 1, not {points!r}")
        if points is None and not d.rubric:
            expected = '"points" in the header or a rubric cell'
            raise self.error(d.line, f"task {d.meta['id']!r} changes nothing", expected)
        return TaskPatch(d.meta["id"], d.line, points, d.rubric)

    def _exercise(self, d: _Draft) -> Exercise:
        for t in d.tests:
            if not t.source.strip():
                raise self.error(t.line, 'a test cell without code only makes sense with "extend": true')
        return super()._exercise(d)
