"""Content files (jupytext percent format) -> :class:`SectionContent`, checked against the roadmap.

The format is documented with a complete example in ``docs/content-format.md``.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jupytext

from course.content import markers, shadowing
from course.content.model import (
    Cell,
    Exercise,
    Lesson,
    QuizAnswer,
    SectionContent,
    Task,
    TestCell,
    Trap,
    WrongAnswer,
)
from course.errors import ContentError, CourseError, did_you_mean
from course.ids import CELL_ID
from course.model import Roadmap, Section
from course.runtime import capstone
from course.text import decode_utf8

CONTENT_GLOB = "*.py"
_SECTION_FILE = re.compile(r"^(\d+\.\d+)\.py$")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$")
_CELL_MARK = re.compile(r"^# %%")
_MUTANT_ID = re.compile(r"^m-[0-9a-f]{8}$")
KINDS = {
    "intro": "markdown",
    "setup": "code",
    "lesson": "markdown",
    "demo": "code",
    "text": "markdown",
    "exercise": "markdown",
    "hint": "markdown",
    "solution": "code",
    "test": "code",
    "wrong": "code",
    "task": "markdown",
    "rubric": "markdown",
    "answer": "markdown",
    "trap": "code",
}


def content_files(content_dir: Path) -> list[Path]:
    """Section content files under ``content_dir``, in section order."""
    if not content_dir.is_dir():
        return []
    files = sorted(content_dir.glob(CONTENT_GLOB))
    return sorted(files, key=lambda p: tuple(int(x) for x in p.stem.split(".") if x.isdigit()))


def load_all_content(content_dir: Path, roadmap: Roadmap) -> dict[str, SectionContent]:
    """Every content file, keyed by section number; sections without one are absent."""
    out: dict[str, SectionContent] = {}
    for path in content_files(content_dir):
        content = load_section_content(path, roadmap)
        out[content.section] = content
    return out


def load_section_content(path: Path, roadmap: Roadmap) -> SectionContent:
    m = _SECTION_FILE.match(path.name)
    if not m:
        msg = f"content file name {path.name!r} does not name a section"
        raise ContentError(msg, path=path, line=1, expected="'<phase>.<section>.py', e.g. '1.2.py'")
    number = m.group(1)
    try:
        section = roadmap.section(number)
    except KeyError:
        hint = did_you_mean(number, [s.number for s in roadmap.sections])
        msg = f"content file for section {number}, which is not in the roadmap" + (f" ({hint})" if hint else "")
        raise ContentError(msg, path=path, line=1, expected="a section number from the roadmap") from None
    text = decode_utf8(path.read_bytes(), path, ContentError)
    try:
        nb = jupytext.reads(text, fmt="py:percent")
    except Exception as err:  # jupytext raises many types for malformed files
        msg = f"jupytext cannot read the file: {err}"
        raise ContentError(msg, path=path, line=1, expected="a jupytext percent-format file") from err
    starts = _cell_lines(text, len(nb.cells))
    return _Loader(path, section).load(nb.cells, starts)


def _cell_lines(text: str, n_cells: int) -> list[int]:
    """1-based line of each cell's ``# %%`` marker (jupytext does not report them)."""
    marks = [i + 1 for i, line in enumerate(text.split("\n")) if _CELL_MARK.match(line)]
    if len(marks) < n_cells:  # text before the first marker became a cell of its own
        marks = [1] * (n_cells - len(marks)) + marks
    return marks[:n_cells]


@dataclass
class _Draft:
    """A piece of content being assembled from consecutive cells."""

    kind: str
    meta: dict[str, Any]
    line: int
    text: str = ""
    cells: list[Cell] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    solution: tuple[str, int] | None = None
    equivalent: tuple[tuple[str, str], ...] = ()
    file: str = ""
    tests: list[TestCell] = field(default_factory=list)
    wrong: list[WrongAnswer] = field(default_factory=list)
    rubric: str = ""


class _Loader:
    def __init__(self, path: Path, section: Section) -> None:
        self.path = path
        self.section = section
        self.ids: dict[str, int] = {}
        self.intro = ""
        self.setup: list[Cell] = []
        self.done: list[_Draft] = []
        self.current: _Draft | None = None
        self._files: set[str] = set()

    def error(self, line: int, message: str, expected: str | None = None) -> ContentError:
        return ContentError(message, path=self.path, line=line, expected=expected)

    # --- reading cells --------------------------------------------------------------------

    def load(self, cells: list[Any], starts: list[int]) -> SectionContent:
        for cell, line in zip(cells, starts, strict=True):
            self._cell(cell, line)
        self._finish()
        lessons = [self._lesson(d) for d in self.done if d.kind == "lesson"]
        exercises = [self._exercise(d) for d in self.done if d.kind == "exercise"]
        tasks = [self._task(d) for d in self.done if d.kind == "task"]
        answers = [self._answer(d) for d in self.done if d.kind == "answer"]
        traps = [Trap(d.meta["trap"], tuple(d.cells), d.line) for d in self.done if d.kind == "trap"]
        self._check_unique(a.question for a in answers)
        self._check_setup_kept(lessons, traps, exercises)
        return SectionContent(
            self.section.number,
            self.path,
            self.intro,
            tuple(self.setup),
            tuple(lessons),
            tuple(exercises),
            tuple(tasks),
            tuple(answers),
            tuple(traps),
        )

    def _check_setup_kept(self, lessons: list[Lesson], traps: list[Trap], exercises: list[Exercise]) -> None:
        """No demo or solution replaces what a setup cell defines (setup cells run first: see shadowing)."""
        setup = shadowing.setup_names([(c.source, c.line) for c in self.setup])
        if not setup:
            return
        shown = [c for lesson in lessons for c in lesson.cells] + [c for trap in traps for c in trap.cells]
        cells = [(c.kind, c.source, c.line) for c in shown if c.code]
        # a milestone's answer is a module file: its names never enter the notebook's namespace
        cells += [("solution", e.solution, e.solution_line) for e in exercises if not e.file]
        for kind, source, line in sorted(cells, key=lambda c: c[2]):
            found = shadowing.rebinding(source, setup)
            if found:
                binding, original, setup_line = found
                raise self.error(
                    line + binding.line,
                    f"this {kind} cell rebinds {binding.name!r} ({binding.how}), which the setup cell at line"
                    f" {setup_line} defines ({original.how}); setup cells run first, so every test below would"
                    " see this cell's value",
                    f"another name in the {kind} cell",
                )

    def _cell(self, cell: Any, line: int) -> None:
        meta = cell.metadata.get("course")
        source = cell.source.strip("\n")
        if not isinstance(meta, dict) or "kind" not in meta:
            if not source.strip():
                return
            raise self.error(line, "cell has no course kind", 'a header like # %% course={"kind": "lesson", ...}')
        kind = meta["kind"]
        if kind not in KINDS:
            hint = did_you_mean(str(kind), KINDS)
            raise self.error(
                line,
                f"unknown cell kind {kind!r}" + (f" ({hint})" if hint else ""),
                "one of: " + ", ".join(KINDS),
            )
        if cell.cell_type != KINDS[kind]:
            raise self.error(line, f"a {kind!r} cell must be a {KINDS[kind]} cell, not {cell.cell_type}")
        handler = getattr(self, "_on_" + kind)
        handler(meta, source, line)

    def _start(self, kind: str, meta: dict[str, Any], source: str, line: int) -> _Draft:
        self._finish()
        self.current = _Draft(kind, meta, line, text=source)
        return self.current

    def _finish(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
            self.current = None

    def _attach(self, kinds: tuple[str, ...], what: str, line: int) -> _Draft:
        if self.current is None or self.current.kind not in kinds:
            raise self.error(
                line, f"{what} outside {' or '.join(repr(k) for k in kinds)}", f"it after a {kinds[0]!r} cell"
            )
        return self.current

    def _on_intro(self, meta: dict[str, Any], source: str, line: int) -> None:
        self.intro = source

    def _on_setup(self, meta: dict[str, Any], source: str, line: int) -> None:
        self.setup.append(
            Cell(self._new_id(meta.get("id") or f"setup-{len(self.setup) + 1}", line), "setup", source, line, True)
        )

    def _on_lesson(self, meta: dict[str, Any], source: str, line: int) -> None:
        self._new_id(self._required(meta, "id", line), line)
        self._start("lesson", meta, source, line)

    def _on_demo(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("lesson", "trap"), "a 'demo' cell", line)
        self._add_cell(draft, "demo", meta, source, line, code=True)

    def _on_text(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("lesson", "trap"), "a 'text' cell", line)
        self._add_cell(draft, "text", meta, source, line, code=False)

    def _add_cell(self, draft: _Draft, kind: str, meta: dict[str, Any], source: str, line: int, *, code: bool) -> None:
        base = draft.meta.get("id") or draft.meta.get("trap")
        cid = self._new_id(meta.get("id") or f"{base}-{len(draft.cells) + 1}", line)
        draft.cells.append(Cell(cid, kind, source, line, code, str(meta.get("raises", ""))))

    def _on_exercise(self, meta: dict[str, Any], source: str, line: int) -> None:
        self._new_id(self._required(meta, "id", line), line)
        self._start("exercise", meta, source, line)

    def _on_hint(self, meta: dict[str, Any], source: str, line: int) -> None:
        self._attach(("exercise",), "a 'hint' cell", line).hints.append(source)

    def _on_solution(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("exercise",), "a 'solution' cell", line)
        if draft.solution is not None:
            raise self.error(
                line, f"exercise {draft.meta['id']!r} has a second solution cell", "one solution per exercise"
            )
        self._check_markers(source, "solution", line)
        self._forbid(source, ("hidden", "mark scheme"), line, "solution")
        if not markers.regions(source, "solution")[0]:
            raise self.error(
                line, "solution cell has no solution region", f"'{markers.BEGIN_SOLUTION}' ... '{markers.END_SOLUTION}'"
            )
        draft.solution = (source, line)
        draft.equivalent = self._equivalent(meta, line)
        draft.file = self._milestone_file(meta, line)

    def _milestone_file(self, meta: dict[str, Any], line: int) -> str:
        """A capstone milestone's ``"file"``: the module the answer cell is (``course.runtime.capstone``)."""
        path = meta.get("file", "")
        if path == "":
            return ""
        expected = f'"file": "{self.section.number}-<name>/<package>/<module>.py" (a folder named after the section)'
        if not isinstance(path, str):
            raise self.error(line, f"'file' must be a string, not {type(path).__name__}", expected)
        try:
            repo, _inner = capstone.split_path(path)
        except CourseError as err:
            raise self.error(line, str(err), expected) from None
        if not repo.startswith(f"{self.section.number}-"):
            raise self.error(line, f"milestone file {path!r} is not in a folder named after section {self.section.number}", expected)
        if path in self._files:
            raise self.error(line, f"milestone file {path!r} is already the answer of another exercise", "one exercise per file")
        self._files.add(path)
        return path

    def _equivalent(self, meta: dict[str, Any], line: int) -> tuple[tuple[str, str], ...]:
        """The solution's ``"equivalent"`` declarations: mutant id -> one-line reason."""
        declared = meta.get("equivalent", {})
        expected = '"equivalent": {"m-1a2b3c4d": "one-line reason why this mutant behaves the same"}'
        if not isinstance(declared, dict):
            raise self.error(
                line, f"'equivalent' must map mutant ids to reasons, not {type(declared).__name__}", expected
            )
        for key, reason in declared.items():
            if not _MUTANT_ID.match(key):
                raise self.error(
                    line,
                    f"'equivalent' names {key!r}, which is not a mutant id",
                    "ids like 'm-1a2b3c4d' from 'course prove --mutants'",
                )
            if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
                raise self.error(line, f"equivalent mutant {key} needs a one-line reason, not {reason!r}", expected)
        return tuple((key, reason.strip()) for key, reason in declared.items())

    def _on_test(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("exercise",), "a 'test' cell", line)
        self._check_markers(source, "hidden", line)
        self._forbid(source, ("solution", "mark scheme"), line, "test")
        points = meta.get("points", 1)
        if not isinstance(points, int) or isinstance(points, bool) or points < 1:
            raise self.error(line, f"test points must be a whole number of at least 1, not {points!r}")
        tid = str(meta.get("id") or f"t{len(draft.tests) + 1}")
        self._valid_id(tid, line)
        if any(t.id == tid for t in draft.tests):
            raise self.error(line, f"duplicate test id {tid!r} in exercise {draft.meta['id']!r}", "unique test ids")
        if (offset := _multiline_string(source)) is not None:
            raise self.error(
                line + 1 + offset,
                "multi-line string in a test cell (the self-study edition indents test code, which would change it)",
                "'\\n' escapes or textwrap.dedent",
            )
        if not markers.public_tests(source).strip():
            raise self.error(line, "test cell has only hidden tests", "at least one public test a learner can run")
        draft.tests.append(TestCell(tid, source, points, line))

    def _on_wrong(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("exercise",), "a 'wrong' cell", line)
        self._forbid(source, ("solution", "hidden", "mark scheme"), line, "wrong")
        wid = str(meta.get("id") or f"wrong-{len(draft.wrong) + 1}")
        fails = meta.get("fails", [])
        if not isinstance(fails, list) or not all(isinstance(f, str) for f in fails):
            raise self.error(line, "'fails' must be a list of test ids", '["t1", "t2"]')
        draft.wrong.append(WrongAnswer(wid, source, line, tuple(fails)))

    def _on_task(self, meta: dict[str, Any], source: str, line: int) -> None:
        self._new_id(self._required(meta, "id", line), line)
        self._start("task", meta, source, line)

    def _on_rubric(self, meta: dict[str, Any], source: str, line: int) -> None:
        draft = self._attach(("task",), "a 'rubric' cell", line)
        self._forbid(source, ("solution", "hidden", "mark scheme"), line, "rubric")
        draft.rubric = source

    def _on_answer(self, meta: dict[str, Any], source: str, line: int) -> None:
        self._required(meta, "question", line)
        self._forbid(source, ("solution", "hidden", "mark scheme"), line, "answer")
        self._start("answer", meta, source, line)
        self._finish()

    def _on_trap(self, meta: dict[str, Any], source: str, line: int) -> None:
        trap = self._required(meta, "trap", line)
        draft = self._start("trap", meta, "", line)
        cid = self._new_id(meta.get("id") or f"{trap}-1", line)
        draft.cells.append(Cell(cid, "trap", source, line, True, str(meta.get("raises", ""))))

    # --- turning drafts into content ------------------------------------------------------

    def _lesson(self, d: _Draft) -> Lesson:
        covers = d.meta.get("covers", [])
        targets = self.section.lesson_targets()
        has_concepts = self.section.part("concepts") is not None
        if not isinstance(covers, list) or not covers:
            expected = (
                '"covers": ["c-..."] with concept ids'
                if has_concepts
                else '"covers": ["part-<kind>" or item ids] (see course ids)'
            )
            raise self.error(d.line, f"lesson {d.meta['id']!r} covers no concept", expected)
        for cid in covers:
            self._known(cid, set(targets), d.line, "concept" if has_concepts else "part or item")
        text_cell = Cell(d.meta["id"], "lesson", d.text, d.line, False)
        return Lesson(d.meta["id"], self._title(d), tuple(covers), (text_cell, *d.cells), d.line)

    def _exercise(self, d: _Draft) -> Exercise:
        eid = d.meta["id"]
        if d.solution is None:
            raise self.error(
                d.line, f"exercise {eid!r} has no solution cell", "a 'solution' cell with nbgrader's markers"
            )
        if not d.tests:
            raise self.error(d.line, f"exercise {eid!r} has no tests", "at least one 'test' cell")
        item = str(d.meta.get("item", ""))
        if item:
            self._known(item, self._checklist_ids(), d.line, "checklist item")
        test_ids = {t.id for t in d.tests}
        for w in d.wrong:
            for f in w.fails:
                if f not in test_ids:
                    raise self.error(
                        w.line, f"wrong answer names unknown test {f!r}", "one of: " + ", ".join(sorted(test_ids))
                    )
        timeout = d.meta.get("timeout", 30)
        return Exercise(
            eid,
            self._title(d),
            _without_title(d.text),
            item,
            d.solution[0],
            tuple(d.tests),
            tuple(d.hints),
            tuple(d.wrong),
            d.line,
            int(timeout),
            d.solution[1],
            d.equivalent,
            d.file,
        )

    def _task(self, d: _Draft) -> Task:
        points = d.meta.get("points")
        if not isinstance(points, int) or isinstance(points, bool) or points < 1:
            raise self.error(d.line, f"task {d.meta['id']!r} needs points", '"points": a whole number of at least 1')
        if not d.rubric:
            raise self.error(d.line, f"task {d.meta['id']!r} has no rubric", "a 'rubric' cell for the teacher")
        item = str(d.meta.get("item", ""))
        if item:
            self._known(item, self._checklist_ids(), d.line, "checklist item")
        return Task(d.meta["id"], self._title(d), _without_title(d.text), d.rubric, points, item, d.line)

    def _answer(self, d: _Draft) -> QuizAnswer:
        questions = {n.id for g in self.section.notes if g.kind == "questions" for n in g.notes}
        questions |= {i.id for i in self.section.question_items()}
        self._known(d.meta["question"], questions, d.line, "interview question")
        return QuizAnswer(d.meta["question"], d.text, d.line)

    # --- checks -----------------------------------------------------------------------------

    def _title(self, d: _Draft) -> str:
        first = d.text.split("\n", 1)[0]
        m = _HEADING.match(first)
        if not m:
            raise self.error(d.line, f"{d.kind} {d.meta.get('id')!r} has no title", "a first line like '### Title'")
        return m.group(1)

    def _required(self, meta: dict[str, Any], key: str, line: int) -> str:
        value = meta.get(key)
        if not isinstance(value, str) or not value:
            raise self.error(line, f"{meta['kind']!r} cell has no {key!r}", f'"{key}": "..." in the cell header')
        if key == "trap":
            traps = {n.id for g in self.section.notes if g.kind == "traps" for n in g.notes}
            self._known(value, traps, line, "trap")
        return value

    def _valid_id(self, value: str, line: int) -> None:
        if not CELL_ID.match(value) or len(value) > 48:
            raise self.error(line, f"id {value!r} is not valid", "letters, digits, '-' and '_', at most 48 characters")

    def _new_id(self, value: str, line: int) -> str:
        self._valid_id(value, line)
        if value in self.ids:
            raise self.error(
                line, f"duplicate id {value!r} (first at line {self.ids[value]})", "ids unique within the file"
            )
        self.ids[value] = line
        return value

    def _check_unique(self, values: Iterable[str]) -> None:
        seen: set[str] = set()
        for v in values:
            if v in seen:
                raise self.error(1, f"two answers for question {v!r}", "one answer per question")
            seen.add(v)

    def _known(self, value: str, known: set[str], line: int, what: str) -> None:
        if value not in known:
            hint = did_you_mean(value, known)
            raise self.error(
                line,
                f"unknown {what} {value!r} in section {self.section.number}" + (f" ({hint})" if hint else ""),
                f"an id listed by 'course ids {self.section.number}'",
            )

    def _checklist_ids(self) -> set[str]:
        ids: set[str] = set()
        for part in self.section.parts:
            ids.update(i.id for i in part.all_items())
            ids.update(p.id for p in part.projects)
            ids.update(p.id for p in part.problems)
        return ids

    def _check_markers(self, source: str, kind: str, line: int) -> None:
        _, problem = markers.regions(source, kind)
        if problem:
            raise self.error(line + 1 + problem.offset, problem.message, problem.expected)

    def _forbid(self, source: str, kinds: tuple[str, ...], line: int, where: str) -> None:
        for kind in kinds:
            if markers.has(source, kind):
                offset = next(i for i, s in enumerate(source.split("\n")) if markers.has(s, kind))
                raise self.error(
                    line + 1 + offset,
                    f"{kind} marker inside a {where!r} cell",
                    f"{kind} markers only in {_HOME[kind]} cells",
                )


_HOME = {"solution": "'solution'", "hidden": "'test'", "mark scheme": "'task' rubric"}


def _multiline_string(source: str) -> int | None:
    """0-based line where a string literal spanning several lines starts, if any."""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.STRING and tok.start[0] != tok.end[0]:
                return tok.start[0] - 1
    except (tokenize.TokenError, SyntaxError):
        return None  # broken code is reported when it runs
    return None


def _without_title(text: str) -> str:
    lines = text.split("\n")
    if lines and _HEADING.match(lines[0]):
        lines = lines[1:]
    return "\n".join(lines).strip("\n")
