"""The course's logic/DSA problems as one index, and practice picks from a learner's own progress (24.1).

- :func:`problem_index`: every row of every "Logic-Building / DSA Problems" table of the roadmap
  (section, id, name, platform, difficulty) with the patterns it practises (:data:`TAGS`, chosen by
  hand from the fixed list :data:`PATTERNS`); :func:`write_index` stores it as JSON and
  :func:`load_index` reads it back;
- :func:`solved_problems`: the ``(section, id)`` pairs ticked in a course folder's section notebooks
  (read with :mod:`course.runtime.coursefolder` and :func:`course.progress.store.read_ticks`; a damaged
  notebook is skipped, never an error);
- :func:`pick_next`: unsolved problems, filtered by pattern and difficulty, in a stated order;
- :func:`pattern_table`: solved/total per pattern.

Standard library only (the roadmap parser is the course's own).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from course.ids import section_key
from course.progress.attempts import Attempt, read_attempts
from course.progress.store import read_ticks
from course.runtime.coursefolder import read_metadata, section_notebooks

__all__ = [
    "DIFFICULTIES",
    "PATTERNS",
    "TAGS",
    "load_index",
    "pattern_table",
    "pick_next",
    "practice_log",
    "problem_index",
    "solved_problems",
    "write_index",
]

PATTERNS = (
    "two-pointers",
    "sliding-window",
    "hashing",
    "stack",
    "bfs-dfs",
    "dp",
    "heap",
    "intervals",
    "sorting",
    "binary-search",
    "recursion",
    "math",
    "strings",
    "simulation",
)
"""The fixed pattern list every problem is tagged from."""

DIFFICULTIES = ("Easy", "Medium", "Medium-Hard", "Hard")
"""The roadmap's difficulty labels, easiest first (the picker's first sort key)."""

_T = tuple[str, ...]
TAGS: dict[str, _T] = {
    "dsa-say-hello-world-with-python": ("simulation",),
    "dsa-python-if-else": ("math",),
    "dsa-arithmetic-operators": ("math",),
    "dsa-python-division": ("math",),
    "dsa-swap-case": ("strings",),
    "dsa-string-split-and-join": ("strings",),
    "dsa-what-s-your-name": ("strings",),
    "dsa-print-function": ("simulation",),
    "dsa-input": ("simulation",),
    "dsa-find-the-runner-up-score": ("sorting",),
    "dsa-solve-me-first": ("math",),
    "dsa-simple-array-sum": ("math",),
    "dsa-compare-the-triplets": ("simulation",),
    "dsa-fizzbuzz": ("math", "simulation"),
    "dsa-number-of-1-bits": ("math",),
    "dsa-loops": ("simulation",),
    "dsa-two-sum": ("hashing",),
    "dsa-palindrome-number": ("math",),
    "dsa-reverse-integer": ("math",),
    "dsa-count-primes": ("math",),
    "dsa-missing-number": ("math",),
    "dsa-single-number": ("math", "hashing"),
    "dsa-binary-search": ("binary-search",),
    "dsa-climbing-stairs": ("dp",),
    "dsa-contains-duplicate": ("hashing",),
    "dsa-maximum-subarray": ("dp",),
    "dsa-write-a-function": ("math",),
    "dsa-valid-parentheses": ("stack", "strings"),
    "dsa-merge-two-sorted-lists": ("two-pointers",),
    "dsa-power-of-two": ("math",),
    "dsa-add-two-numbers": ("math", "simulation"),
    "dsa-fibonacci-number": ("dp", "recursion"),
    "dsa-design-counter": ("simulation",),
    "dsa-filter-elements": ("hashing",),
    "dsa-map-and-filter": ("simulation",),
    "dsa-reduce-function": ("math",),
    "dsa-sort-characters-by-frequency": ("hashing", "sorting", "strings"),
    "dsa-group-anagrams": ("hashing", "strings"),
    "dsa-recursion": ("recursion",),
    "dsa-factorial": ("recursion", "math"),
    "dsa-reverse-string": ("two-pointers", "strings"),
    "dsa-maximum-depth-of-binary-tree": ("bfs-dfs", "recursion"),
    "dsa-pow-x-n": ("recursion", "math"),
    "dsa-generate-parentheses": ("recursion",),
    "dsa-permutations": ("recursion",),
    "dsa-subsets": ("recursion",),
    "dsa-lists": ("simulation",),
    "dsa-nested-lists": ("sorting",),
    "dsa-remove-duplicates": ("two-pointers",),
    "dsa-rotate-array": ("two-pointers",),
    "dsa-best-time-to-buy-sell-stock": ("dp",),
    "dsa-product-of-array-except-self": ("math",),
    "dsa-container-with-most-water": ("two-pointers",),
    "dsa-3sum": ("two-pointers", "sorting"),
    "dsa-trapping-rain-water": ("two-pointers", "stack"),
    "dsa-sliding-window-maximum": ("sliding-window", "heap"),
    "dsa-tuples": ("hashing",),
    "dsa-swap-tuple-elements": ("simulation",),
    "dsa-group-by-key": ("hashing",),
    "dsa-collections-counter": ("hashing",),
    "dsa-defaultdict-tutorial": ("hashing",),
    "dsa-valid-anagram": ("hashing", "strings"),
    "dsa-isomorphic-strings": ("hashing", "strings"),
    "dsa-word-pattern": ("hashing", "strings"),
    "dsa-lru-cache": ("hashing", "simulation"),
    "dsa-design-hashmap": ("hashing",),
    "dsa-subarray-sum-equals-k": ("hashing",),
    "dsa-longest-consecutive-sequence": ("hashing",),
    "dsa-sets": ("hashing",),
    "dsa-set-operations": ("hashing",),
    "dsa-intersection-of-two-arrays": ("hashing",),
    "dsa-happy-number": ("hashing", "math"),
    "dsa-contains-duplicate-ii": ("sliding-window", "hashing"),
    "dsa-longest-substring-without-repeating": ("sliding-window", "hashing", "strings"),
    "dsa-string-validators": ("strings",),
    "dsa-text-wrap": ("strings",),
    "dsa-valid-palindrome": ("two-pointers", "strings"),
    "dsa-longest-common-prefix": ("strings",),
    "dsa-string-to-integer-atoi": ("strings", "simulation"),
    "dsa-regular-expression-matching": ("dp", "strings"),
    "dsa-wildcard-matching": ("dp", "strings"),
    "dsa-classes": ("simulation",),
    "dsa-class-2-find-the-torsional-angle": ("math",),
    "dsa-design-parking-system": ("simulation",),
    "dsa-implement-a-property-based-class": ("simulation",),
    "dsa-class-inheritance": ("simulation",),
    "dsa-design-browser-history": ("stack", "simulation"),
    "dsa-design-patterns-practice": ("simulation",),
    "dsa-refactoring-exercises": ("simulation",),
    "dsa-design-pattern-implementation": ("simulation",),
    "dsa-implement-custom-iterator": ("simulation",),
    "dsa-design-vector-class": ("math",),
    "dsa-file-handling": ("strings",),
    "dsa-read-n-characters": ("simulation",),
    "dsa-iterables-and-iterators": ("math",),
    "dsa-flatten-nested-list-iterator": ("stack", "recursion"),
    "dsa-peeking-iterator": ("simulation",),
    "dsa-print-in-order": ("simulation",),
    "dsa-print-foobar-alternately": ("simulation",),
    "dsa-building-h2o": ("simulation",),
    "dsa-async-exercises": ("simulation",),
    "dsa-design-document-schema": ("hashing",),
    "dsa-implement-search-with-ranking": ("hashing", "sorting", "heap"),
    "dsa-implement-chunked-upload": ("intervals",),
    "dsa-design-prefix-structure": ("strings", "bfs-dfs"),
    "dsa-write-tests-for-two-sum-solution": ("hashing",),
    "dsa-write-tests-for-lru-cache": ("hashing",),
    "dsa-implement-cli-argument-parser": ("strings", "simulation"),
    "dsa-implement-resource-scheduler": ("heap", "intervals"),
    "dsa-design-message-queue": ("heap", "simulation"),
    "dsa-implement-consumer-group": ("hashing", "simulation"),
}
"""Problem id -> the patterns it practises (our judgement; every pattern is one of :data:`PATTERNS`)."""


def problem_index(roadmap: str | Path) -> list[dict[str, Any]]:
    """Every problem row of the roadmap at ``roadmap`` in roadmap order, one dict each:
    ``section``, ``id``, ``name``, ``platform``, ``difficulty``, ``patterns`` (a list).

    A problem with no entry in :data:`TAGS` gets ``[]`` (the index test then fails, so a new
    roadmap problem cannot slip in untagged)."""
    from course.roadmap.parse import load_roadmap

    rows: list[dict[str, Any]] = []
    for section in load_roadmap(Path(roadmap)).sections:
        for problem in section.problems:
            rows.append(
                {
                    "section": section.number,
                    "id": problem.id,
                    "name": problem.name,
                    "platform": problem.platform,
                    "difficulty": problem.difficulty,
                    "patterns": list(TAGS.get(problem.id, ())),
                }
            )
    return rows


def write_index(roadmap: str | Path, out: str | Path) -> Path:
    """Write :func:`problem_index` as indented, key-sorted UTF-8 JSON to ``out`` and return its path."""
    path = Path(out)
    text = json.dumps(problem_index(roadmap), indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def load_index(path: str | Path) -> list[dict[str, Any]]:
    """The index written by :func:`write_index`."""
    data: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def solved_problems(folder: str | Path | None) -> set[tuple[str, str]]:
    """``(section, id)`` of every ``dsa-`` item ticked in the section notebooks of ``folder``
    (``None``: no course folder, so nothing solved). Notebooks that cannot be read are skipped."""
    solved: set[tuple[str, str]] = set()
    if folder is None:
        return solved
    for path in section_notebooks(Path(folder)):
        metadata, _why = read_metadata(path)
        course = metadata.get("course") if metadata else None
        if not isinstance(course, dict) or not isinstance(course.get("section"), str):
            continue
        items = course.get("items")
        known = [i for i in items if isinstance(i, str)] if isinstance(items, list) else []
        section = course["section"]
        for item in read_ticks(metadata, section, known).ticked:
            if item.startswith("dsa-"):
                solved.add((section, item))
    return solved


def practice_log(folder: str | Path | None) -> dict[tuple[str, str], Attempt]:
    """``(section, item) -> Attempt`` for every exercise of a ``dsa-`` item the learner attempted in the
    section notebooks of ``folder``: how many attempts, when the first ran, when it was solved (the kernel
    counts them and the checklist stores them in each notebook's metadata: ``course.progress.attempts``).
    Unreadable notebooks and records are skipped; ``None``: nothing."""
    out: dict[tuple[str, str], Attempt] = {}
    for path in section_notebooks(Path(folder)) if folder is not None else []:
        metadata, _why = read_metadata(path)
        course = metadata.get("course") if metadata else None
        if not isinstance(course, dict) or not isinstance(course.get("section"), str):
            continue
        for record in read_attempts(metadata, course["section"])[0].values():
            if record.item.startswith("dsa-"):
                out[(course["section"], record.item)] = record
    return out


def pick_next(
    index: Iterable[dict[str, Any]],
    solved: Collection[tuple[str, str]],
    *,
    pattern: str | None = None,
    difficulty: str | None = None,
    count: int = 3,
) -> list[dict[str, Any]]:
    """Up to ``count`` unsolved problems having ``pattern`` and ``difficulty`` (``None``: any), easiest
    first, then by section number, then by name. A problem listed in two sections counts
    as solved when either is ticked."""
    done_ids = {pid for _section, pid in solved}
    rank = {d: i for i, d in enumerate(DIFFICULTIES)}
    todo = [
        p
        for p in index
        if p["id"] not in done_ids
        and (pattern is None or pattern in p["patterns"])
        and (difficulty is None or p["difficulty"] == difficulty)
    ]
    todo.sort(key=lambda p: (rank.get(p["difficulty"], len(rank)), section_key(p["section"]), p["name"]))
    return todo[:count]


def pattern_table(index: Iterable[dict[str, Any]], solved: Collection[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """``(pattern, solved, total)`` for every pattern of :data:`PATTERNS`, in that order; a problem
    counts once per pattern even when two sections list it."""
    done_ids = {pid for _section, pid in solved}
    ids: dict[str, set[str]] = {p: set() for p in PATTERNS}
    for problem in index:
        for pattern in problem["patterns"]:
            ids.setdefault(pattern, set()).add(problem["id"])
    return [(p, len(ids[p] & done_ids), len(ids[p])) for p in PATTERNS]
