"""The problem index of 24.1 cannot drift from the roadmap; the picker reads real progress."""

from __future__ import annotations

from pathlib import Path

from course.roadmap.parse import load_roadmap
from course.runtime.coursefolder import write_raw_notebook, write_section_notebook
from course.runtime.practice import (
    PATTERNS,
    TAGS,
    load_index,
    pattern_table,
    pick_next,
    problem_index,
    solved_problems,
    write_index,
)

ROOT = Path(__file__).resolve().parents[1]
ROADMAP = ROOT / "content" / "roadmap.md"
DATA = ROOT / "content" / "data" / "phase-24" / "24.1-problems.json"


def test_the_data_file_is_what_the_generator_writes(tmp_path: Path) -> None:
    fresh = write_index(ROADMAP, tmp_path / "index.json")
    assert DATA.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), "run practice.write_index again"


def test_the_index_lists_exactly_the_roadmaps_problems() -> None:
    expected = [(s.number, p.id, p.name, p.difficulty) for s in load_roadmap(ROADMAP).sections for p in s.problems]
    index = load_index(DATA)
    assert [(r["section"], r["id"], r["name"], r["difficulty"]) for r in index] == expected
    assert len(expected) > 100


def test_every_problem_has_known_patterns() -> None:
    for row in problem_index(ROADMAP):
        assert row["patterns"], f"{row['id']} has no pattern (add it to practice.TAGS)"
        assert set(row["patterns"]) <= set(PATTERNS), row
    assert all(set(tags) <= set(PATTERNS) for tags in TAGS.values())


def test_solved_problems_reads_ticks_and_skips_damage(tmp_path: Path) -> None:
    write_section_notebook(tmp_path, "2.2", ["dsa-two-sum", "x-loop", "dsa-loops"], ["dsa-two-sum", "x-loop"])
    write_section_notebook(tmp_path, "4.3", ["dsa-lru-cache"], "not a list")
    write_section_notebook(tmp_path, "2.3", ["dsa-binary-search"], ["dsa-binary-search", "dsa-gone"])
    write_raw_notebook(tmp_path, "3.1", "{ truncated")
    write_section_notebook(tmp_path, "5.1", ["dsa-classes"], course=["not", "a", "dict"])
    write_section_notebook(tmp_path, "5.2", ["dsa-classes"], course={"items": ["dsa-classes"], "progress": {}})
    assert solved_problems(tmp_path) == {("2.2", "dsa-two-sum"), ("2.3", "dsa-binary-search")}
    assert solved_problems(None) == set()
    assert solved_problems(tmp_path / "empty") == set()


def test_pick_next_order_filters_and_duplicates() -> None:
    index = [
        {"section": "4.3", "id": "dsa-b", "name": "B", "difficulty": "Medium", "patterns": ["hashing"]},
        {"section": "10.1", "id": "dsa-a", "name": "A", "difficulty": "Easy", "patterns": ["hashing"]},
        {"section": "2.2", "id": "dsa-c", "name": "C", "difficulty": "Easy", "patterns": ["math"]},
        {"section": "4.4", "id": "dsa-c", "name": "C", "difficulty": "Easy", "patterns": ["math"]},
        {"section": "9.1", "id": "dsa-d", "name": "D", "difficulty": "Hard", "patterns": ["hashing"]},
    ]
    names = [(p["section"], p["name"]) for p in pick_next(index, set(), count=10)]
    assert names == [("2.2", "C"), ("4.4", "C"), ("10.1", "A"), ("4.3", "B"), ("9.1", "D")]
    assert [p["name"] for p in pick_next(index, {("2.2", "dsa-c")}, pattern="hashing", count=2)] == ["A", "B"]
    assert pick_next(index, {("2.2", "dsa-c")}, difficulty="Easy") == [index[1]]
    assert pattern_table(index, {("2.2", "dsa-c")})[PATTERNS.index("math")] == ("math", 1, 1)
    assert pattern_table(index, set())[PATTERNS.index("hashing")] == ("hashing", 0, 3)
