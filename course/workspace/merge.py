"""Bring a newer build of a notebook into a learner's copy without losing their work.

Every generated cell carries ``metadata.course.id`` (stable) and ``metadata.course.hash`` (a
fingerprint of the source the generator wrote). For each cell of the learner's notebook:

* generator cell the learner never edited (its source still matches its hash) -> new version;
* generator cell the learner edited, which the generator did not change -> learner's version;
* both changed -> learner's version, reported as a conflict;
* cells the learner added (no ``course.id``) -> kept, after the cell they followed;
* a generator cell that is gone from the new build: kept only if the learner edited it;
* notebook metadata -> the new build's, with the learner's ``course.progress`` and any keys
  other tools added (widget state, table of contents...).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import nbformat
from nbformat import NotebookNode

from course.editions.cells import source_hash


@dataclass
class MergeReport:
    updated: list[str] = field(default_factory=list)  # generator cells taken from the new build
    kept: list[str] = field(default_factory=list)  # learner-edited cells kept
    conflicts: list[str] = field(default_factory=list)  # both sides changed: learner's kept
    added: list[str] = field(default_factory=list)  # learner's own cells kept
    orphaned: list[str] = field(default_factory=list)  # learner-edited cells whose place is gone
    restored: list[str] = field(default_factory=list)  # generator cells the learner had deleted
    dropped: list[str] = field(default_factory=list)  # unedited generator cells no longer built

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.orphaned or self.restored or self.dropped)

    def summary(self) -> str:
        parts = []
        for name, one, many in _SUMMARY:
            n = len(getattr(self, name))
            if n:
                parts.append((one if n == 1 else many).format(n=n))
        return ", ".join(parts) or "no changes"


# what each count means to the learner reading ``course update`` or ``course build`` output
_SUMMARY = (
    ("updated", "{n} cell updated", "{n} cells updated"),
    ("kept", "{n} of your edited cells kept", "{n} of your edited cells kept"),
    ("conflicts", "{n} conflict (your version kept)", "{n} conflicts (your versions kept)"),
    ("added", "{n} cell of your own kept", "{n} cells of your own kept"),
    ("orphaned", "{n} edited cell kept whose part is gone", "{n} edited cells kept whose part is gone"),
    ("restored", "{n} deleted cell restored", "{n} deleted cells restored"),
    ("dropped", "{n} cell no longer in the course removed", "{n} cells no longer in the course removed"),
)


def _course(cell_or_nb: Any) -> dict[str, Any]:
    meta = cell_or_nb.get("metadata", {})
    course = meta.get("course") if isinstance(meta, dict) else None
    return course if isinstance(course, dict) else {}


def owned_id(cell: NotebookNode) -> str | None:
    """The generator's id of a cell, or None for a cell the learner made."""
    cid = _course(cell).get("id")
    return cid if isinstance(cid, str) and cid else None


def edited(cell: NotebookNode) -> bool:
    """True when the learner changed a generator cell's source."""
    recorded = _course(cell).get("hash")
    return not isinstance(recorded, str) or recorded != source_hash(_source(cell))


def _source(cell: NotebookNode) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def merge_notebooks(old: NotebookNode, new: NotebookNode) -> tuple[NotebookNode, MergeReport]:
    """The learner's ``old`` notebook brought up to ``new``; neither input is modified."""
    report = MergeReport()
    new_cells = {owned_id(c): c for c in new.cells if owned_id(c)}
    old_owned = {owned_id(c): c for c in old.cells if owned_id(c)}

    # learner cells (added, or edited but gone from the new build) hang after an anchor
    after: dict[str | None, list[NotebookNode]] = {}
    anchor: str | None = None
    for cell in old.cells:
        cid = owned_id(cell)
        if cid is None:
            after.setdefault(anchor, []).append(copy.deepcopy(cell))
            report.added.append(_label(cell))
            continue
        if cid not in new_cells:
            if edited(cell):
                after.setdefault(anchor, []).append(copy.deepcopy(cell))
                report.orphaned.append(cid)
            else:
                report.dropped.append(cid)
            continue
        anchor = cid

    out: list[NotebookNode] = list(after.get(None, []))
    for cell in new.cells:
        cid = owned_id(cell)
        mine = old_owned.get(cid) if cid else None
        out.append(_pick(cell, mine, report) if cid else copy.deepcopy(cell))
        if cid:
            out.extend(after.get(cid, []))

    merged = copy.deepcopy(new)
    merged.cells = out
    merged.metadata = _merge_metadata(old.metadata, new.metadata)
    _unique_cell_ids(merged)
    return merged, report


def _pick(new_cell: NotebookNode, mine: NotebookNode | None, report: MergeReport) -> NotebookNode:
    cid = owned_id(new_cell) or ""
    if mine is None:
        report.restored.append(cid)
        return copy.deepcopy(new_cell)
    generator_changed = _course(mine).get("hash") != _course(new_cell).get("hash")
    if edited(mine):
        (report.conflicts if generator_changed else report.kept).append(cid)
        return copy.deepcopy(mine)
    if not generator_changed and mine.cell_type == new_cell.cell_type:
        keep = copy.deepcopy(new_cell)
        if keep.cell_type == "code" and mine.cell_type == "code":
            keep.outputs = copy.deepcopy(mine.get("outputs", []))
            keep.execution_count = mine.get("execution_count")
        return keep
    report.updated.append(cid)
    return copy.deepcopy(new_cell)


def _merge_metadata(old: dict[str, Any], new: dict[str, Any]) -> NotebookNode:
    merged: dict[str, Any] = copy.deepcopy(dict(new))
    for key, value in old.items():
        if key not in merged:
            merged[key] = copy.deepcopy(value)  # e.g. widget state, toc settings
    old_course = old.get("course")
    if isinstance(old_course, dict):
        course = dict(merged.get("course", {}))
        for key, value in old_course.items():
            if key not in course:
                course[key] = copy.deepcopy(value)  # progress, and whatever else the learner's tools stored
        merged["course"] = course
    return nbformat.from_dict(merged)


def _unique_cell_ids(nb: NotebookNode) -> None:
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not cid or cid in seen:
            cell["id"] = f"learner-{i}-{source_hash(_source(cell))[:8]}"
        seen.add(cell["id"])


def _label(cell: NotebookNode) -> str:
    first = _source(cell).strip().split("\n", 1)[0]
    return first[:60] or f"empty {cell.get('cell_type', 'cell')}"


def merge_bytes(old: bytes, new: bytes) -> tuple[bytes, MergeReport] | None:
    """:func:`merge_notebooks` on notebook files; None when ``old`` is not a readable notebook."""
    try:
        old_nb = nbformat.reads(old.decode("utf-8"), as_version=4)
    except Exception:  # noqa: BLE001 - any unreadable notebook is handled the same way
        return None
    merged, report = merge_notebooks(old_nb, nbformat.reads(new.decode("utf-8"), as_version=4))
    return (nbformat.writes(merged, version=4) + "\n").encode(), report


def holds_learner_work(data: bytes) -> bool:
    """True when a notebook file holds anything of the learner's: ticks, edited or added cells.

    An unreadable file counts as holding work: nothing may delete what cannot be checked.
    """
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception:  # noqa: BLE001 - unreadable: assume it matters
        return True
    progress = _course(nb).get("progress")
    if isinstance(progress, dict) and any(progress.values()):
        return True
    return any(owned_id(cell) is None or edited(cell) for cell in nb.cells)


def merge_notebook_bytes(rel: PurePosixPath, old: bytes, new: bytes) -> tuple[bytes, list[str]]:
    """``course build``'s hook: merge a learner-edited notebook in the self-study folder."""
    result = merge_bytes(old, new)
    if result is None:
        return new, [f"{rel}: the existing file could not be read as a notebook; replaced (see git for the old one)"]
    data, report = result
    if data == new:
        return new, []
    return data, [f"{rel}: kept learner work ({report.summary()})"]
