"""Attempts at exercises and when they were solved, kept beside the ticks in a notebook's metadata.

``nb.metadata["course"]["attempts"][<section>][<exercise id>] = {"item": ..., "attempts": 3,
"first": "2026-12-02T13:40:05Z", "solved": "2026-12-02T13:52:41Z"}``

An attempt is a run of an exercise's first test cell (running the tests from the top); ``first`` is when
the first attempt ran and ``solved`` when every test cell of the exercise first passed (``""``: not yet).
The kernel counts (``course.runtime.checklist``); the widget's script stores the counts in the open document
with the same merge as :func:`merge` here, so two views, a reopened notebook or a new kernel never lose one:
the larger count wins, and the earlier time. 24.1's practice mode reads them (``course.runtime.practice``).

Read defensively, like the ticks (``course.progress.store``): a record of the wrong shape is skipped, never
raised on, and never removed from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from course.progress.store import NAMESPACE

ATTEMPTS = "attempts"


@dataclass(frozen=True)
class Attempt:
    exercise: str
    item: str  # the checklist item the exercise ticks ("" when none)
    attempts: int
    first: str  # ISO 8601 UTC, seconds
    solved: str  # ISO 8601 UTC, or "" when not solved yet

    @property
    def minutes(self) -> float | None:
        """Minutes from the first attempt to the solve, or ``None`` (not solved, or a time that does not parse)."""
        try:
            return (_parse(self.solved) - _parse(self.first)).total_seconds() / 60 if self.solved else None
        except ValueError:
            return None

    def as_json(self) -> dict[str, Any]:
        return {"item": self.item, "attempts": self.attempts, "first": self.first, "solved": self.solved}


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def from_json(exercise: str, value: Any) -> Attempt | None:
    """One stored record, or ``None`` when it is not of the right shape."""
    if not isinstance(value, dict):
        return None
    count, first, solved, item = (
        value.get("attempts"),
        value.get("first"),
        value.get("solved", ""),
        value.get("item", ""),
    )
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return None
    if not isinstance(first, str) or not isinstance(solved, str) or not isinstance(item, str):
        return None
    return Attempt(exercise, item, count, first, solved)


def read_attempts(metadata: Any, section: str) -> tuple[dict[str, Attempt], list[str]]:
    """The usable records of ``section`` and one line per thing skipped."""
    course = metadata.get(NAMESPACE) if isinstance(metadata, dict) else None
    if not isinstance(course, dict) or ATTEMPTS not in course:
        return {}, []
    every = course[ATTEMPTS]
    if not isinstance(every, dict):
        return {}, [f"metadata.course.attempts is a {type(every).__name__}, not a mapping"]
    mine = every.get(section, {})
    if not isinstance(mine, dict):
        return {}, [f"attempts for {section} are a {type(mine).__name__}, not a mapping"]
    out: dict[str, Attempt] = {}
    skipped: list[str] = []
    for exercise, value in mine.items():
        record = from_json(str(exercise), value)
        if record is None:
            skipped.append(f"attempts of {exercise} are not a record of attempts")
        else:
            out[str(exercise)] = record
    return out, skipped


def _earliest(a: str, b: str) -> str:
    """The earlier of two stamps; ``""`` counts as none (ISO 8601 in UTC sorts as text)."""
    return min(x for x in (a, b) if x) if (a or b) else ""


def merge(a: Attempt | None, b: Attempt | None) -> Attempt | None:
    """One record from two views of it: the larger count, the earlier first attempt and solve."""
    if a is None or b is None:
        return a or b
    return Attempt(
        a.exercise,
        a.item or b.item,
        max(a.attempts, b.attempts),
        _earliest(a.first, b.first),
        _earliest(a.solved, b.solved),
    )


def attempted(log: dict[str, Attempt], exercise: str, item: str, when: str) -> Attempt:
    """``log``'s record of ``exercise`` with one more attempt made at ``when``."""
    old = log.get(exercise)
    count = old.attempts + 1 if old else 1
    return Attempt(
        exercise,
        item or (old.item if old else ""),
        count,
        old.first if old and old.first else when,
        old.solved if old else "",
    )


def solved(log: dict[str, Attempt], exercise: str, item: str, when: str) -> Attempt:
    """``log``'s record of ``exercise``, solved at ``when`` unless it was solved before."""
    old = log.get(exercise) or Attempt(exercise, item, 1, when, "")
    return Attempt(exercise, old.item or item, max(old.attempts, 1), old.first or when, old.solved or when)
