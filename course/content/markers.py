"""nbgrader's region markers: find, check, strip and replace them exactly as nbgrader does."""

from __future__ import annotations

import re
from dataclasses import dataclass

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
BEGIN_MARK_SCHEME = "### BEGIN MARK SCHEME"
END_MARK_SCHEME = "### END MARK SCHEME"

# nbgrader's own default stub (ClearSolutions.code_stub["python"]); the self-study starter
# uses the same text so both editions look alike.
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")

# nbgrader matches these words anywhere in a line, so they are what we look for too.
_WORDS = {
    "solution": ("BEGIN SOLUTION", "END SOLUTION"),
    "hidden": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    "mark scheme": ("BEGIN MARK SCHEME", "END MARK SCHEME"),
}


@dataclass(frozen=True)
class MarkerProblem:
    offset: int  # 0-based line within the cell
    message: str
    expected: str


def regions(source: str, kind: str) -> tuple[list[tuple[int, int]], MarkerProblem | None]:
    """Line spans ``(begin, end)`` of ``kind`` regions, or the first structural problem."""
    begin, end = _WORDS[kind]
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(source.split("\n")):
        if begin in line:
            if start is not None:
                return spans, MarkerProblem(i, f"nested '### {begin}' marker", f"'### {end}' first")
            start = i
        elif end in line:
            if start is None:
                return spans, MarkerProblem(i, f"'### {end}' without a '### {begin}'", f"'### {begin}' above it")
            spans.append((start, i))
            start = None
    if start is not None:
        return spans, MarkerProblem(start, f"unclosed '### {begin}' marker", f"a matching '### {end}'")
    return spans, None


def has(source: str, kind: str) -> bool:
    begin, end = _WORDS[kind]
    return begin in source or end in source


def keep_inside(source: str, kind: str) -> str:
    """Drop the marker lines, keep what they enclose (the code a solution runs)."""
    begin, end = _WORDS[kind]
    return "\n".join(line for line in source.split("\n") if begin not in line and end not in line)


def drop_inside(
    source: str, kind: str, stub: tuple[str, ...] = (), top_level_stub: tuple[str, ...] | None = None
) -> str:
    """Replace each region (markers included) by ``stub``, indented like its begin marker
    (``top_level_stub`` instead, if given, for a region that is not indented)."""
    begin, end = _WORDS[kind]
    out: list[str] = []
    inside = False
    for line in source.split("\n"):
        if begin in line:
            inside = True
            indent = re.match(r"\s*", line)
            pad = indent.group(0) if indent else ""
            lines = top_level_stub if top_level_stub is not None and not pad else stub
            out.extend(pad + s for s in lines)
        elif end in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def starter(solution: str) -> str:
    """The student's starting code in release/: nbgrader's stub where the solution was."""
    return drop_inside(solution, "solution", CODE_STUB)


def selfstudy_starter(solution: str) -> str:
    """The self-study starting code: nbgrader's stub, except that a solution region at the top
    level gets only the comment, so *Run All* does not stop at an exercise not yet done."""
    return drop_inside(solution, "solution", CODE_STUB, top_level_stub=CODE_STUB[:1])


def solved(solution: str) -> str:
    """The solution as runnable code."""
    return keep_inside(solution, "solution")


def public_tests(test: str) -> str:
    """A test cell as students see it: hidden tests removed (as nbgrader's ClearHiddenTests does)."""
    return drop_inside(test, "hidden")


def all_tests(test: str) -> str:
    return keep_inside(test, "hidden")


def hidden_lines(test: str) -> list[str]:
    """The non-blank lines inside hidden-test regions (what must never reach students)."""
    lines = test.split("\n")
    spans, _ = regions(test, "hidden")
    return [lines[i].strip() for a, b in spans for i in range(a + 1, b) if lines[i].strip()]


def solution_lines(solution: str) -> list[str]:
    lines = solution.split("\n")
    spans, _ = regions(solution, "solution")
    return [lines[i].strip() for a, b in spans for i in range(a + 1, b) if lines[i].strip()]
