"""Roadmap markdown -> :class:`course.model.Roadmap`. No I/O here but :func:`load_roadmap`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from course.errors import RoadmapError, did_you_mean
from course.ids import short_hash, slugify
from course.model import (
    Appendix,
    Block,
    ChecklistItem,
    ListBlock,
    ListItem,
    Note,
    NoteGroup,
    Paragraph,
    Part,
    Phase,
    Problem,
    Project,
    Quote,
    Roadmap,
    Rule,
    Section,
    Shape,
    Subsection,
    Table,
)
from course.roadmap.blocks import Heading, Node, UnclosedFence, tokenize
from course.roadmap.kinds import NOTE_GROUPS, PART_KINDS
from course.text import decode_utf8

_PHASE = re.compile(r"^Phase (\d+):\s*(.+)$")
_APPENDIX = re.compile(r"^Appendix ([A-Z]):\s*(.+)$")
_SECTION = re.compile(r"^(\d+)\.(\d+)\s+(.+)$")
_PROJECT = re.compile(r"^\*\*Project (\d+(?:\.\d+)+):\s*(.+?)\*\*$")
_NOTE_LABEL = re.compile(r"^\*\*(.+?):\*\*$")
_GOAL = re.compile(r"^\*\*Goal\*\*:\s*(.+)$", re.S)
_PROBLEM_HEADER = ("Problem", "Platform", "Difficulty", "Notes")
_PLACEHOLDER_PROBLEMS = {"none yet", "-", ""}

MakeId = Callable[[str, str, int, str], str]  # prefix, text, line, parent text


def load_roadmap(path: Path) -> Roadmap:
    """Read and parse a roadmap file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        msg = "roadmap file not found"
        raise RoadmapError(msg, path=path, expected="a markdown roadmap") from err
    except IsADirectoryError as err:
        msg = "the roadmap path is a folder"
        raise RoadmapError(msg, path=path, expected="a markdown file") from err
    return parse_roadmap(decode_utf8(raw, path, RoadmapError), path)


def parse_roadmap(text: str, path: Path) -> Roadmap:
    """Parse roadmap markdown; raise :class:`RoadmapError` naming the line of any problem."""
    try:
        nodes = tokenize(text)
    except UnclosedFence as err:
        msg = f"code fence {err.marker!r} is never closed, so it would swallow the rest of the roadmap"
        raise RoadmapError(msg, path=path, line=err.line, expected=f"a closing {err.marker!r} line") from None
    return _Parser(path).parse(nodes)


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.contents_lines: dict[str, int] = {}  # table-of-contents entry -> its line

    def error(self, line: int, message: str, expected: str | None = None) -> RoadmapError:
        return RoadmapError(message, path=self.path, line=line, expected=expected)

    # --- document level -------------------------------------------------------------------

    def parse(self, nodes: list[Node]) -> Roadmap:
        if not nodes or not isinstance(nodes[0], Heading) or nodes[0].level != 1:
            line = nodes[0].line if nodes else 1
            raise self.error(line, "the roadmap must start with its title", "a '# Title' line")
        title = nodes[0].text
        chapters = _split(nodes[1:], level=2)
        intro = self._plain_blocks(chapters[0][1], "before the first '##' chapter")
        how_to_use: tuple[Block, ...] = ()
        contents: tuple[str, ...] = ()
        phases: list[Phase] = []
        appendices: list[Appendix] = []
        for heading, body in chapters[1:]:
            assert heading is not None
            if m := _PHASE.match(heading.text):
                phases.append(self._phase(int(m.group(1)), m.group(2), heading, body))
            elif m := _APPENDIX.match(heading.text):
                appendices.append(self._appendix(m.group(1), m.group(2), heading, body))
            elif heading.text == "Final Notes":
                appendices.append(self._appendix("", heading.text, heading, body))
            elif heading.text == "Table of Contents":
                contents = self._contents(body)
            elif heading.text == "How to Use This Roadmap":
                how_to_use = self._plain_blocks(body, "in 'How to Use This Roadmap'")
            else:
                raise self.error(
                    heading.line,
                    f"unknown chapter heading '## {heading.text}'",
                    "'## Phase N: Title', '## Appendix X: Title', 'Table of Contents', "
                    "'How to Use This Roadmap' or 'Final Notes'",
                )
        if not phases:
            raise self.error(1, "the roadmap has no phases", "'## Phase N: Title' chapters")
        self._check_numbers(phases)
        self._check_contents(contents, phases)
        return Roadmap(self.path, title, intro, how_to_use, tuple(phases), tuple(appendices), contents)

    def _plain_blocks(self, body: list[Node], where: str) -> tuple[Block, ...]:
        """Blocks of a chapter without sections; ``where`` names it in messages."""
        del where
        out: list[Block] = []
        for node in body:
            if isinstance(node, Heading):
                raise self._misplaced(node)
            if not isinstance(node, Rule):
                out.append(node)
        return tuple(out)

    def _contents(self, body: list[Node]) -> tuple[str, ...]:
        entries: list[str] = []
        for node in self._plain_blocks(body, "in the table of contents"):
            if isinstance(node, ListBlock):
                entries.extend(item.text for item in node.items)
                self.contents_lines.update((item.text, item.line) for item in node.items)
        return tuple(entries)

    def _check_contents(self, contents: tuple[str, ...], phases: list[Phase]) -> None:
        """The roadmap's own table of contents and its body must list the same phases."""
        listed: dict[int, tuple[str, int]] = {}
        for entry in contents:
            text = re.sub(r"^\[(.*?)\]\(.*\)$", r"\1", entry).strip()
            if m := _PHASE.match(text):
                listed[int(m.group(1))] = (text, self.contents_lines.get(entry, 1))
        if not listed:
            return
        present = {p.number: p for p in phases}
        missing = sorted(set(listed) - set(present))
        if missing:
            text, line = listed[missing[0]]
            msg = f"the table of contents lists {text}, but the roadmap has no such chapter"
            raise self.error(line, msg, "a '## Phase N: Title' chapter for every phase the contents list")
        extra = sorted(set(present) - set(listed))
        if extra:
            first = present[extra[0]]
            msg = f"phase {first.number} is not in the table of contents"
            raise self.error(first.line, msg, "every phase listed in '## Table of Contents'")

    def _check_numbers(self, phases: list[Phase]) -> None:
        seen_phase: dict[int, int] = {}
        seen_section: dict[str, int] = {}
        for phase in phases:
            if phase.number in seen_phase:
                raise self.error(
                    phase.line,
                    f"duplicate phase number {phase.number} (first at line {seen_phase[phase.number]})",
                    "each phase number once",
                )
            seen_phase[phase.number] = phase.line
            for section in phase.sections:
                if section.number in seen_section:
                    raise self.error(
                        section.line,
                        f"duplicate section number {section.number} (first at line {seen_section[section.number]})",
                        "each section number once",
                    )
                seen_section[section.number] = section.line

    # --- phases and sections --------------------------------------------------------------

    def _phase(self, number: int, title: str, heading: Heading, body: list[Node]) -> Phase:
        parts = _split(body, level=3)
        goal = ""
        for node in parts[0][1]:
            if isinstance(node, Quote) and (m := _GOAL.match(node.text)):
                goal = m.group(1).strip()
            elif isinstance(node, Heading):
                raise self._misplaced(node)
            elif not isinstance(node, Rule):
                raise self.error(
                    node.line,
                    f"unexpected text in Phase {number} before its first section",
                    "'> **Goal**: ...' then '### N.M Title' sections",
                )
        sections = []
        for sub, sub_body in parts[1:]:
            assert sub is not None
            m = _SECTION.match(sub.text)
            if not m:
                raise self.error(
                    sub.line,
                    f"unknown section heading '### {sub.text}' in Phase {number}",
                    f"'### {number}.N Title'",
                )
            if int(m.group(1)) != number:
                raise self.error(
                    sub.line,
                    f"section {m.group(1)}.{m.group(2)} is outside its phase (it sits in Phase {number})",
                    f"a section numbered {number}.N",
                )
            sections.append(self._section(f"{m.group(1)}.{m.group(2)}", m.group(3), number, sub, sub_body))
        if not sections:
            raise self.error(heading.line, f"Phase {number} has no sections", "'### N.M Title' sections")
        return Phase(number, title.strip(), goal, heading.line, tuple(sections))

    def _misplaced(self, node: Heading) -> RoadmapError:
        if node.level == 3:
            return self.error(
                node.line, f"section '### {node.text}' is outside a phase", "it under a '## Phase N: Title'"
            )
        if node.level == 4:
            return self.error(node.line, f"part '#### {node.text}' is outside a section", "it under a '### N.M Title'")
        return self.error(
            node.line,
            f"unknown heading kind '{'#' * node.level} {node.text}'",
            "headings of level 1 to 4",
        )

    def _section(self, number: str, title: str, phase: int, heading: Heading, body: list[Node]) -> Section:
        chunks = _split(body, level=4)
        for node in chunks[0][1]:
            if isinstance(node, Heading):
                raise self._misplaced(node)
            if not isinstance(node, Rule):
                raise self.error(
                    node.line,
                    f"unexpected text in section {number} before its first part",
                    "a '#### Concepts to Learn' (or another part) heading",
                )

        def build(make_id: MakeId) -> tuple[Part, ...]:
            return tuple(self._part(number, h, b, make_id) for h, b in chunks[1:] if h is not None)

        seen: dict[str, tuple[str, str, int]] = {}
        clashes: set[str] = set()

        def record(prefix: str, text: str, line: int, parent: str) -> str:
            base = f"{prefix}-{slugify(text)}"
            if base in seen and seen[base][:2] == (text, parent):
                raise self.error(
                    line,
                    f"duplicate item {text!r} in section {number} (first at line {seen[base][2]})",
                    "each item once per section",
                )
            if base in seen:
                clashes.add(base)
            seen.setdefault(base, (text, parent, line))
            return base

        parts = build(record)
        if clashes:
            # Items that slug alike are told apart by a hash of their parent and text, which
            # does not change when items are reordered or new ones are added.
            def disambiguate(prefix: str, text: str, line: int, parent: str) -> str:
                base = f"{prefix}-{slugify(text)}"
                return f"{base}-{short_hash(parent + chr(0) + text)}" if base in clashes else base

            parts = build(disambiguate)
        kinds = [p.kind for p in parts]
        for part in parts:
            if kinds.count(part.kind) > 1:
                raise self.error(
                    part.line, f"part '#### {part.title}' appears twice in section {number}", "each part once"
                )
        return Section(number, title.strip(), slugify(title, 48), heading.line, phase, parts)

    def _part(self, number: str, heading: Heading, body: list[Node], make_id: MakeId) -> Part:
        if heading.level != 4:
            raise self._misplaced(heading)
        kind = PART_KINDS.get(heading.text)
        if kind is None:
            hint = did_you_mean(heading.text, PART_KINDS)
            raise self.error(
                heading.line,
                f"unknown heading kind '#### {heading.text}'" + (f" ({hint})" if hint else ""),
                "one of: " + ", ".join(f"'{k}'" for k in PART_KINDS),
            )
        blocks: list[Block] = []
        for node in body:
            if isinstance(node, Heading):
                raise self._misplaced(node)
            if not isinstance(node, Rule):
                blocks.append(node)
        base = Part(kind.kind, heading.text, kind.shape, heading.line)
        if kind.shape is Shape.CHECKLIST:
            return replace(base, items=self._checklist(heading, blocks, kind.prefix, make_id))
        if kind.shape is Shape.TABLE:
            return replace(base, table=self._one_table(heading, blocks))
        if kind.shape is Shape.PROBLEMS:
            table = self._one_table(heading, blocks)
            return replace(base, table=table, problems=self._problems(heading, table, kind.prefix, make_id))
        if kind.shape is Shape.PROJECTS:
            return replace(base, projects=self._projects(number, heading, blocks))
        if kind.shape is Shape.NOTES:
            return replace(base, groups=self._notes(heading, blocks, make_id))
        return replace(base, blocks=tuple(blocks))

    def _checklist(
        self, heading: Heading, blocks: list[Block], prefix: str, make_id: MakeId
    ) -> tuple[ChecklistItem, ...]:
        items: list[ChecklistItem] = []
        for block in blocks:
            if not isinstance(block, ListBlock):
                raise self.error(block.line, f"'#### {heading.text}' may hold only a checklist", "'- [ ] item' lines")
            items.extend(self._check_item(heading, item, prefix, make_id, "") for item in block.items)
        if not items:
            raise self.error(heading.line, f"'#### {heading.text}' is empty", "'- [ ] item' lines")
        return tuple(items)

    def _check_item(self, heading: Heading, item: ListItem, prefix: str, make_id: MakeId, parent: str) -> ChecklistItem:
        if item.checkbox is None:
            raise self.error(
                item.line,
                f"list item {item.text!r} under '#### {heading.text}' has no checkbox",
                "'- [ ] item'",
            )
        children = tuple(self._check_item(heading, c, prefix, make_id, item.text) for c in item.children)
        return ChecklistItem(make_id(prefix, item.text, item.line, parent), item.text, item.line, children)

    def _one_table(self, heading: Heading, blocks: list[Block]) -> Table:
        tables = [b for b in blocks if isinstance(b, Table)]
        others = [b for b in blocks if not isinstance(b, Table)]
        if len(tables) != 1 or others:
            line = others[0].line if others else heading.line
            raise self.error(line, f"'#### {heading.text}' must hold exactly one table", "a markdown table")
        return tables[0]

    def _problems(self, heading: Heading, table: Table, prefix: str, make_id: MakeId) -> tuple[Problem, ...]:
        if table.header != _PROBLEM_HEADER:
            raise self.error(
                table.line,
                f"problem table has columns {' | '.join(table.header)}",
                " | ".join(_PROBLEM_HEADER),
            )
        out: list[Problem] = []
        for row in table.rows:
            name, platform, difficulty, notes = [*row.cells, "", "", "", ""][:4]
            if name.strip().lower() in _PLACEHOLDER_PROBLEMS:
                continue
            out.append(Problem(make_id(prefix, name, row.line, ""), name, platform, difficulty, notes, row.line))
        return tuple(out)

    def _projects(self, number: str, heading: Heading, blocks: list[Block]) -> tuple[Project, ...]:
        projects: list[Project] = []
        pending: tuple[str, str, int] | None = None
        for block in blocks:
            if isinstance(block, Paragraph) and (m := _PROJECT.match(block.text)):
                if pending:
                    projects.append(Project(_project_id(pending[0]), *pending, bullets=()))
                pending = (m.group(1), m.group(2).strip(), block.line)
            elif isinstance(block, ListBlock) and pending:
                projects.append(Project(_project_id(pending[0]), *pending, bullets=block.items))
                pending = None
            else:
                raise self.error(
                    block.line,
                    f"unexpected {type(block).__name__.lower()} under '#### {heading.text}'",
                    "'**Project N.M.K: Title**' followed by a bullet list",
                )
        if pending:
            projects.append(Project(_project_id(pending[0]), *pending, bullets=()))
        ids = [p.id for p in projects]
        for project in projects:
            if ids.count(project.id) > 1:
                raise self.error(project.line, f"duplicate project number {project.number}", "each project number once")
        return tuple(projects)

    def _notes(self, heading: Heading, blocks: list[Block], make_id: MakeId) -> tuple[NoteGroup, ...]:
        groups: list[NoteGroup] = []
        label: tuple[str, int] | None = None
        for block in blocks:
            if isinstance(block, Paragraph) and (m := _NOTE_LABEL.match(block.text)):
                label = (m.group(1), block.line)
                if label[0] not in NOTE_GROUPS:
                    hint = did_you_mean(label[0], NOTE_GROUPS)
                    raise self.error(
                        block.line,
                        f"unknown note group '{label[0]}'" + (f" ({hint})" if hint else ""),
                        "one of: " + ", ".join(f"'**{k}:**'" for k in NOTE_GROUPS),
                    )
            elif isinstance(block, ListBlock) and label:
                kind, prefix = NOTE_GROUPS[label[0]]
                notes = tuple(
                    Note(make_id(prefix, i.text, i.line, label[0]), i.text, i.line) for i in _flatten(block.items)
                )
                groups.append(NoteGroup(kind, label[0], label[1], notes))
                label = None
            else:
                raise self.error(
                    block.line,
                    f"unexpected {type(block).__name__.lower()} under '#### {heading.text}'",
                    "'**Common Questions:**' (or another label) followed by a bullet list",
                )
        return tuple(groups)

    # --- appendices -----------------------------------------------------------------------

    def _appendix(self, letter: str, title: str, heading: Heading, body: list[Node]) -> Appendix:
        chunks = _split(body, level=3)
        intro = self._plain_blocks(chunks[0][1], f"in '## {heading.text}'")
        subsections = []
        for sub, sub_body in chunks[1:]:
            assert sub is not None
            blocks = self._plain_blocks(sub_body, f"in '### {sub.text}'")
            subsections.append(Subsection(sub.text, sub.line, blocks))
        return Appendix(letter, title.strip(), heading.line, intro, tuple(subsections))


def _split(nodes: list[Node], level: int) -> list[tuple[Heading | None, list[Node]]]:
    """Split at headings of ``level`` (or higher); the first chunk has no heading."""
    chunks: list[tuple[Heading | None, list[Node]]] = [(None, [])]
    for node in nodes:
        if isinstance(node, Heading) and node.level <= level:
            if node.level < level:
                chunks[-1][1].append(node)  # reported by the caller as misplaced
                continue
            chunks.append((node, []))
        else:
            chunks[-1][1].append(node)
    return chunks


def _flatten(items: tuple[ListItem, ...]) -> Iterator[ListItem]:
    for item in items:
        yield item
        yield from _flatten(item.children)


def _project_id(number: str) -> str:
    return "project-" + number.replace(".", "-")
