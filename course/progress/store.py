"""The on-disk shape of progress, read defensively.

``nb.metadata["course"]["progress"][<section>] = [<ticked item ids>]``

Notebooks come from older builds, other tools and hand edits, so nothing here trusts the
shape it finds: whatever cannot be used is skipped and described, never raised, and nothing
is ever removed from the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

NAMESPACE = "course"
PROGRESS = "progress"


@dataclass(frozen=True)
class Ticks:
    ticked: tuple[str, ...]  # known item ids, in checklist order
    ignored: tuple[str, ...]  # one line per thing that was skipped


def raw_progress(metadata: Any) -> tuple[Any, list[str]]:
    """``metadata.course.progress`` as found, or ``{}`` with a note when the shape is wrong."""
    if not isinstance(metadata, dict):
        return {}, ["notebook metadata is not a mapping"]
    course = metadata.get(NAMESPACE)
    if course is None:
        return {}, []
    if not isinstance(course, dict):
        return {}, [f"metadata.course is a {type(course).__name__}, not a mapping"]
    progress = course.get(PROGRESS)
    if progress is None:
        return {}, []
    if not isinstance(progress, dict):
        return {}, [f"metadata.course.progress is a {type(progress).__name__}, not a mapping"]
    return progress, []


def read_ticks(metadata: Any, key: str, known: Iterable[str]) -> Ticks:
    """The ticks stored under ``key`` that name items of ``known``, and what was ignored."""
    progress, notes = raw_progress(metadata)
    value = progress.get(key, []) if isinstance(progress, dict) else []
    if not isinstance(value, list):
        notes.append(f"progress for {key} is a {type(value).__name__}, not a list of item ids")
        value = []
    order = list(known)
    known_set = set(order)
    strings = [v for v in value if isinstance(v, str)]
    if len(strings) != len(value):
        notes.append(f"{len(value) - len(strings)} tick(s) that are not item ids")
    stale = sorted({v for v in strings if v not in known_set})
    if stale:
        notes.append(f"{len(stale)} tick(s) for items no longer in this section (kept): {', '.join(stale)}")
    ticked = set(strings) & known_set
    return Ticks(tuple(i for i in order if i in ticked), tuple(notes))
