"""Write generated files safely, or compare them with what is on disk.

Every file is written to a temporary file beside it and moved into place with ``os.replace``,
so a build that is interrupted leaves each file either old or new, never half-written.
Nothing is written at all until the whole course has been built and validated in memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from course.editions.layout import SELF_STUDY
from course.errors import BuildError

Merge = Callable[[PurePosixPath, bytes, bytes], tuple[bytes, list[str]]]
HoldsWork = Callable[[bytes], bool]


@dataclass
class WriteReport:
    written: list[PurePosixPath] = field(default_factory=list)
    unchanged: int = 0
    removed: list[PurePosixPath] = field(default_factory=list)
    kept: list[PurePosixPath] = field(default_factory=list)  # learner files left in place
    kept_work: list[PurePosixPath] = field(default_factory=list)  # stale notebooks kept: they hold learner work
    notes: list[str] = field(default_factory=list)  # what merging learner work did


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (temporary file + ``os.replace``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def existing_files(root: Path, dirs: tuple[str, ...]) -> set[PurePosixPath]:
    out: set[PurePosixPath] = set()
    for d in dirs:
        base = root / d
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            rel = path.relative_to(root)
            if path.is_file() and not any(p.startswith(".") for p in rel.parts):
                out.add(PurePosixPath(rel.as_posix()))
    return out


def is_generated(path: Path) -> bool:
    """True for a notebook this tool made (it carries ``metadata.course.edition``)."""
    if path.suffix != ".ipynb":
        return False
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and isinstance(meta.get("course"), dict) and "edition" in meta["course"]


def stale_files(root: Path, files: Mapping[PurePosixPath, bytes], dirs: tuple[str, ...]) -> list[PurePosixPath]:
    """Files on disk that the generator made before but makes no more (what a build would remove)."""
    return [
        rel
        for rel in sorted(existing_files(root, dirs) - set(files))
        if rel.parts[0] != SELF_STUDY or is_generated(root / rel)
    ]


def write_files(
    root: Path,
    files: Mapping[PurePosixPath, bytes],
    dirs: tuple[str, ...],
    merge: Merge | None = None,
    *,
    prune: bool = False,
    holds_work: HoldsWork | None = None,
) -> WriteReport:
    """Bring ``dirs`` under ``root`` in line with ``files``.

    In the self-study folder a learner may have worked: ``merge`` decides what to keep of an
    existing notebook that differs from the new one, and files the generator did not make
    are left alone. Generated files that the build no longer makes are removed only with
    ``prune`` (otherwise :class:`BuildError` names them and nothing is written), and never a
    self-study notebook for which ``holds_work`` says the learner worked in it.
    """
    stale = stale_files(root, files, dirs)
    if stale and not prune:
        shown = ", ".join(str(r) for r in stale[:8]) + (f" and {len(stale) - 8} more" if len(stale) > 8 else "")
        msg = f"this build would remove {len(stale)} generated file(s) that it no longer makes: {shown}"
        raise BuildError(msg, path=root, expected="'course build --prune' if the roadmap or content really lost them")
    report = WriteReport()
    for rel, generated in sorted(files.items()):
        path = root / rel
        old = path.read_bytes() if path.exists() else None
        data = generated
        if old == data:
            report.unchanged += 1
            continue
        if old is not None and merge is not None and rel.parts[0] == SELF_STUDY and rel.suffix == ".ipynb":
            data, notes = merge(rel, old, generated)
            report.notes.extend(notes)
            if old == data:
                report.unchanged += 1
                continue
        atomic_write(path, data)
        report.written.append(rel)
    for rel in sorted(existing_files(root, dirs) - set(files)):
        path = root / rel
        if rel.parts[0] == SELF_STUDY and not is_generated(path):
            report.kept.append(rel)
            continue
        if rel.parts[0] == SELF_STUDY and holds_work is not None and _holds_work(path, holds_work):
            report.kept_work.append(rel)
            continue
        path.unlink()
        report.removed.append(rel)
    return report


def _holds_work(path: Path, holds_work: HoldsWork) -> bool:
    try:
        return holds_work(path.read_bytes())
    except OSError:
        return True  # cannot tell: keep it


def diff_files(root: Path, files: Mapping[PurePosixPath, bytes], dirs: tuple[str, ...]) -> list[str]:
    """Lines naming every file on disk that differs from ``files`` (empty: all current)."""
    problems: list[str] = []
    for rel, data in sorted(files.items()):
        path = root / rel
        if not path.exists():
            problems.append(f"{rel}: missing (run 'course build')")
        elif path.read_bytes() != data:
            problems.append(f"{rel}: differs from what the generator makes now")
    problems.extend(f"{rel}: not made by the generator (stale or extra file)" for rel in stale_files(root, files, dirs))
    return problems
