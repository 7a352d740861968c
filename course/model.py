"""The roadmap as frozen dataclasses: phases, sections, their parts and the appendices.

Everything carries the 1-based source line it came from, so later stages can point at it.
``NotebookNode`` never appears here; builders turn this model into notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# --- generic markdown blocks -------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class ListItem:
    """One list item; ``checkbox`` is None for a plain bullet, False/True for ``[ ]``/``[x]``."""

    text: str
    line: int
    checkbox: bool | None = None
    children: tuple[ListItem, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool
    line: int


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    line: int


@dataclass(frozen=True)
class CodeBlock:
    code: str
    info: str
    line: int


@dataclass(frozen=True)
class Quote:
    text: str
    line: int


@dataclass(frozen=True)
class Rule:
    line: int


Block = Paragraph | ListBlock | Table | CodeBlock | Quote | Rule


# --- typed section parts -----------------------------------------------------------------


class Shape(StrEnum):
    """What a ``####`` part of a section must contain."""

    CHECKLIST = "checklist"
    TABLE = "table"
    PROJECTS = "projects"
    PROBLEMS = "problems"
    NOTES = "notes"
    TEXT = "text"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    line: int
    children: tuple[ChecklistItem, ...] = ()

    def walk(self) -> tuple[ChecklistItem, ...]:
        """This item and all nested items, depth first."""
        out: list[ChecklistItem] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True)
class Project:
    id: str
    number: str
    title: str
    line: int
    bullets: tuple[ListItem, ...]


@dataclass(frozen=True)
class Problem:
    id: str
    name: str
    platform: str
    difficulty: str
    notes: str
    line: int


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    line: int


@dataclass(frozen=True)
class NoteGroup:
    kind: str  # questions | traps | evaluation
    title: str
    line: int
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Part:
    """One ``####`` part of a section. Which fields are filled depends on ``shape``."""

    kind: str
    title: str
    shape: Shape
    line: int
    items: tuple[ChecklistItem, ...] = ()
    table: Table | None = None
    projects: tuple[Project, ...] = ()
    problems: tuple[Problem, ...] = ()
    groups: tuple[NoteGroup, ...] = ()
    blocks: tuple[Block, ...] = ()

    def all_items(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for top in self.items for i in top.walk())


@dataclass(frozen=True)
class Section:
    number: str  # "1.2"
    title: str
    slug: str
    line: int
    phase: int
    parts: tuple[Part, ...]

    @property
    def key(self) -> str:
        """Identifier safe for cell ids and file names: ``s1-2``."""
        return "s" + self.number.replace(".", "-")

    @property
    def stem(self) -> str:
        """File stem of the section's notebooks: ``1.2-variables-data-types``."""
        return f"{self.number}-{self.slug}"

    def part(self, kind: str) -> Part | None:
        return next((p for p in self.parts if p.kind == kind), None)

    def parts_of(self, shape: Shape) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.shape is shape)

    @property
    def concepts(self) -> tuple[ChecklistItem, ...]:
        part = self.part("concepts")
        return part.items if part else ()

    def lesson_targets(self) -> dict[str, Part]:
        """What a lesson may cover, with the part each id belongs to: the concept items, or, in a section
        without a "Concepts to Learn" part (the capstones and career sections), every other part as
        ``part-<kind>`` and the items of its checklist parts."""
        from course.roadmap.kinds import PART_PREFIX

        concepts = self.part("concepts")
        if concepts is not None:
            return {i.id: concepts for i in concepts.all_items()}
        out: dict[str, Part] = {}
        for p in self.parts:
            if p.kind != "why":
                out[PART_PREFIX + p.kind] = p
                out.update((i.id, p) for i in p.all_items())
        return out

    def question_items(self) -> tuple[ChecklistItem, ...]:
        """Checklist items that are interview questions (a career section's "Common Questions", ...)."""
        from course.roadmap.kinds import QUESTION_PARTS

        return tuple(i for p in self.parts if p.kind in QUESTION_PARTS for i in p.all_items())

    @property
    def projects(self) -> tuple[Project, ...]:
        return tuple(pr for p in self.parts_of(Shape.PROJECTS) for pr in p.projects)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(pr for p in self.parts_of(Shape.PROBLEMS) for pr in p.problems)

    @property
    def notes(self) -> tuple[NoteGroup, ...]:
        return tuple(g for p in self.parts_of(Shape.NOTES) for g in p.groups)


@dataclass(frozen=True)
class Phase:
    number: int
    title: str
    goal: str
    line: int
    sections: tuple[Section, ...]

    @property
    def assignment(self) -> str:
        """nbgrader assignment name and folder name: ``phase-01``."""
        return f"phase-{self.number:02d}"


@dataclass(frozen=True)
class Subsection:
    title: str
    line: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Appendix:
    """An ``## Appendix X: ...`` chapter, or the closing ``## Final Notes``."""

    letter: str  # "A", "B", "C", or "" for Final Notes
    title: str
    line: int
    blocks: tuple[Block, ...]
    subsections: tuple[Subsection, ...]


@dataclass(frozen=True)
class Roadmap:
    path: Path
    title: str
    intro: tuple[Block, ...]
    how_to_use: tuple[Block, ...]
    phases: tuple[Phase, ...]
    appendices: tuple[Appendix, ...]
    contents: tuple[str, ...] = field(default=())  # the table of contents, as written

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for p in self.phases for s in p.sections)

    def section(self, number: str) -> Section:
        for s in self.sections:
            if s.number == number:
                return s
        raise KeyError(number)

    def phase_of(self, section: Section) -> Phase:
        return next(p for p in self.phases if p.number == section.phase)
