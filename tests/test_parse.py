"""The roadmap parser: inline inputs, and the real roadmap counted independently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.model import ListItem, Roadmap, Shape
from course.roadmap.parse import parse_roadmap
from tests.conftest import DATA, ROADMAP

SMALL = (DATA / "roadmaps" / "small.md").read_text()


def parse(text: str) -> Roadmap:
    return parse_roadmap(text, Path("inline.md"))


def test_small_roadmap_structure() -> None:
    r = parse(SMALL)
    assert r.title == "Tiny Roadmap"
    assert [p.number for p in r.phases] == [0, 1]
    assert [s.number for s in r.sections] == ["0.1", "1.1", "1.2"]
    assert r.phases[0].goal == "Get a working machine."
    assert r.phases[0].assignment == "phase-00"


def test_nested_checklist_items_keep_their_children() -> None:
    s = parse(SMALL).section("0.1")
    permissions = s.concepts[1]
    assert permissions.text == "Permissions:"
    assert [c.text for c in permissions.children] == ["Numeric: 755", "Symbolic: rwx"]
    assert [i.id for i in permissions.walk()] == ["c-permissions", "c-numeric-755", "c-symbolic-rwx"]


def test_project_bullets_and_nested_bullets() -> None:
    (project,) = parse(SMALL).section("0.1").projects
    assert (project.id, project.number, project.title) == ("project-0-1-1", "0.1.1", "Health Monitor")
    assert [b.text for b in project.bullets] == ["Print disk usage", "Print memory usage"]
    assert project.bullets[1].children[0].text == "Bonus: as a table"


def test_placeholder_problem_rows_are_table_rows_not_problems() -> None:
    r = parse(SMALL)
    part = r.section("0.1").part("problems")
    assert part is not None and part.table is not None
    assert len(part.table.rows) == 1 and part.problems == ()
    (problem,) = r.section("1.1").problems
    assert (problem.id, problem.platform, problem.difficulty) == ("dsa-say-hello", "HackerRank", "Easy")


def test_interview_notes_are_grouped_by_label() -> None:
    groups = parse(SMALL).section("0.1").notes
    assert [(g.kind, [n.id for n in g.notes]) for g in groups] == [
        ("questions", ["q-what-is-versus"]),
        ("traps", ["trap-overwrites-files"]),
    ]


def test_heading_inside_code_fence_is_not_a_heading() -> None:
    s = parse(SMALL).section("1.2")
    arch = s.part("architecture")
    assert arch is not None and arch.shape is Shape.TEXT
    assert "# not a heading" in arch.blocks[0].code  # type: ignore[union-attr]
    assert [i.id for i in s.part("features").items] == ["f-login", "f-logout"]  # type: ignore[union-attr]


def test_appendices_and_tracker() -> None:
    r = parse(SMALL)
    assert [(a.letter, a.title) for a in r.appendices] == [("C", "Checklist Summary"), ("", "Final Notes")]
    assert r.appendices[0].subsections[0].title == "Progress Tracker"


def test_ids_do_not_depend_on_order() -> None:
    swapped = SMALL.replace("- [ ] The REPL\n- [ ] Scripts", "- [ ] Scripts\n- [ ] The REPL")
    before = {i.text: i.id for i in parse(SMALL).section("1.1").concepts}
    after = {i.text: i.id for i in parse(swapped).section("1.1").concepts}
    assert before == after


def test_items_that_slug_alike_get_distinct_stable_ids() -> None:
    text = SMALL.replace("- [ ] Scripts", "- [ ] Scripts\n- [ ] Scripts!")
    ids = [i.id for i in parse(text).section("1.1").concepts]
    assert len(set(ids)) == 3
    assert all(i.startswith("c-scripts-") for i in ids[1:])
    again = [i.id for i in parse(text.replace("- [ ] The REPL\n", "")).section("1.1").concepts]
    assert again == ids[1:], "removing another item must not change these ids"


# --- the real roadmap, counted independently of the parser ---------------------------------


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return ROADMAP.read_text().splitlines()


def _body(lines: list[str]) -> list[str]:
    """Lines of the phases (between '## Phase 0' and the first appendix)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("## Phase 0"))
    end = next(i for i, line in enumerate(lines) if line.startswith("## Appendix"))
    return lines[start:end]


def _walk(items: tuple[ListItem, ...]) -> int:
    return sum(1 + _walk(i.children) for i in items)


def test_all_101_sections_in_25_phases(roadmap: Roadmap) -> None:
    numbers = [s.number for s in roadmap.sections]
    assert len(roadmap.phases) == 25 and len(numbers) == 101
    assert numbers[0] == "0.1" and numbers[-1] == "24.5"
    assert {"23.1", "23.5", "24.1", "24.3"} <= set(numbers)
    assert roadmap.section("23.1").part("features") is not None
    assert roadmap.section("24.2").part("framework") is not None


def test_every_checklist_item_reaches_the_model(roadmap: Roadmap, source_lines: list[str]) -> None:
    in_source = sum(1 for line in source_lines if re.match(r"^\s*- \[[ xX]\] ", line))
    in_model = sum(len(p.all_items()) for s in roadmap.sections for p in s.parts)
    assert in_model == in_source == 3362


def test_every_table_row_reaches_the_model(roadmap: Roadmap, source_lines: list[str]) -> None:
    rows = [line for line in source_lines if line.startswith("|")]
    separators = [line for line in rows if re.match(r"^\|[\s\-:|]+\|$", line)]
    in_source = len(rows) - 2 * len(separators)  # minus each table's header and separator
    tables = [p.table for s in roadmap.sections for p in s.parts if p.table is not None]
    tables += [b for a in roadmap.appendices for sub in a.subsections for b in sub.blocks if hasattr(b, "rows")]
    assert sum(len(t.rows) for t in tables) == in_source  # type: ignore[union-attr]


def test_every_project_problem_and_note_reaches_the_model(roadmap: Roadmap, source_lines: list[str]) -> None:
    body = _body(source_lines)
    projects = [line for line in body if re.match(r"^\*\*Project \d", line)]
    assert len(projects) == sum(len(s.projects) for s in roadmap.sections) == 171
    problem_rows = []
    in_problems = False
    for line in body:
        if line.startswith("#### "):
            in_problems = line == "#### Logic-Building / DSA Problems"
        elif in_problems and line.startswith("| ") and not line.startswith(("| Problem ", "| None yet")):
            problem_rows.append(line)
    assert len(problem_rows) == sum(len(s.problems) for s in roadmap.sections)
    labels = {
        "**Common Questions:**": "questions",
        "**Traps & Misconceptions:**": "traps",
        "**How Interviewers Evaluate:**": "evaluation",
    }
    counted: dict[str, int] = dict.fromkeys(labels.values(), 0)
    current = None
    for line in body:
        if line in labels:
            current = labels[line]
        elif current and line.startswith("- "):
            counted[current] += 1
        elif not line.strip() and current and counted[current]:
            current = None
    for kind, n in counted.items():
        assert n == sum(len(g.notes) for s in roadmap.sections for g in s.notes if g.kind == kind), kind


def test_every_list_line_of_the_phases_reaches_the_model(roadmap: Roadmap, source_lines: list[str]) -> None:
    in_source = sum(1 for line in _body(source_lines) if re.match(r"^\s*(- |\d+\. )", line))
    in_model = 0
    for s in roadmap.sections:
        for p in s.parts:
            in_model += len(p.all_items()) + sum(_walk(pr.bullets) for pr in p.projects)
            in_model += sum(len(g.notes) for g in p.groups)
            in_model += sum(_walk(b.items) for b in p.blocks if hasattr(b, "items"))  # type: ignore[attr-defined]
    assert in_model == in_source
