"""A section's checklist: the groups the learner ticks, and which exercises tick what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from course.content.model import SectionContent
from course.model import ChecklistItem, Section, Shape
from course.roadmap.kinds import PART_KINDS

EXTRA_GROUP = "notebook"


@dataclass(frozen=True)
class Entry:
    id: str
    label: str
    depth: int = 0
    exercises: tuple[str, ...] = ()  # exercises whose passing tests tick this entry


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Checklist:
    section: str
    groups: tuple[Group, ...]
    tests: dict[str, tuple[str, ...]]  # exercise id -> its test cell ids

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for g in self.groups for e in g.entries)

    def to_json(self) -> dict[str, Any]:
        """The plain-data form the runtime widget takes."""
        return {
            "section": self.section,
            "groups": [
                {
                    "id": g.id,
                    "title": g.title,
                    "items": [
                        {"id": e.id, "label": e.label, "depth": e.depth, "exercises": list(e.exercises)}
                        for e in g.entries
                    ],
                }
                for g in self.groups
            ],
            "tests": {k: list(v) for k, v in self.tests.items()},
        }


def section_checklist(section: Section, content: SectionContent) -> Checklist:
    by_item: dict[str, list[str]] = {}
    loose: list[Entry] = []
    for ex in content.exercises:
        if ex.item:
            by_item.setdefault(ex.item, []).append(ex.id)
        else:
            loose.append(Entry(ex.id, f"Exercise: {ex.title}", 0, (ex.id,)))
    for task in content.tasks:
        if not task.item:
            loose.append(Entry(task.id, f"Task: {task.title}"))

    def entry(eid: str, label: str, depth: int = 0) -> Entry:
        return Entry(eid, label, depth, tuple(by_item.get(eid, ())))

    groups: list[Group] = []
    for part in section.parts:
        kind = PART_KINDS[part.title]
        if part.shape is Shape.CHECKLIST:
            entries = [entry(i.id, i.text, d) for i, d in _walk(part.items)]
        elif part.shape is Shape.PROJECTS:
            entries = [entry(p.id, f"Project {p.number}: {p.title}") for p in part.projects]
        elif part.shape is Shape.PROBLEMS:
            entries = [entry(p.id, f"{p.name} ({p.platform}, {p.difficulty})") for p in part.problems]
        else:
            continue
        if entries:
            groups.append(Group(part.kind, kind.group_title, tuple(entries)))
    if loose:
        groups.append(Group(EXTRA_GROUP, "Exercises in this notebook", tuple(loose)))
    tests = {ex.id: tuple(t.id for t in ex.tests) for ex in content.exercises}
    return Checklist(section.number, tuple(groups), tests)


def _walk(items: tuple[ChecklistItem, ...], depth: int = 0) -> list[tuple[ChecklistItem, int]]:
    out: list[tuple[ChecklistItem, int]] = []
    for item in items:
        out.append((item, depth))
        out.extend(_walk(item.children, depth + 1))
    return out
