"""``source/`` -> ``release/`` with nbgrader's own ``generate_assignment``.

nbgrader works on files, so each assignment's source files go to a scratch course directory
(with its own scratch gradebook, on a RAM disk where there is one: nbgrader commits to SQLite
once per cell) and what nbgrader writes is read back as bytes. Assignments are independent, so
they are released by several processes at once.

``release/.manifest.json`` records, per assignment, a hash of the source files and of the
release files nbgrader made from them. A build whose source for an assignment hashes the same,
and whose release files on disk still match, reuses them instead of running nbgrader again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any

from course.editions.layout import RELEASE, SOURCE
from course.errors import BuildError
from course.nbgrader_env import ensure_tools_on_path, remember_alembic_head, scratch_dir

MANIFEST = PurePosixPath(RELEASE, ".manifest.json")
Files = dict[PurePosixPath, bytes]
Progress = Callable[[str], None]


def nbgrader_version() -> str:
    from importlib.metadata import version

    return version("nbgrader")


def _digest(files: Mapping[PurePosixPath, bytes]) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(str(path).encode() + b"\0" + files[path] + b"\0")
    return h.hexdigest()


def _by_assignment(files: Mapping[PurePosixPath, bytes], edition: str) -> dict[str, Files]:
    out: dict[str, Files] = {}
    for path, data in files.items():
        if path.parts[0] == edition and len(path.parts) > 2:
            out.setdefault(path.parts[1], {})[path] = data
    return out


def release_assignments(source: Mapping[str, bytes]) -> dict[str, bytes]:
    """Run nbgrader on some assignments' source files (posix path -> bytes); return release files.

    Plain strings and bytes in and out, so it can run in a worker process.
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    ensure_tools_on_path()
    assignments = sorted({PurePosixPath(p).parts[1] for p in source})
    with tempfile.TemporaryDirectory(prefix="course-release-", dir=scratch_dir()) as tmp:
        root = Path(tmp)
        for rel, data in source.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        config = Config()
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
        config.CourseDirectory.source_directory = SOURCE
        config.CourseDirectory.release_directory = RELEASE
        config.Application.log_level = logging.WARNING
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        for assignment in assignments:
            result = api.generate_assignment(assignment, force=True, create=True)
            if not result.get("success"):
                detail = result.get("error") or result.get("log")
                msg = f"nbgrader generate_assignment failed for {assignment}:\n{detail}"
                raise BuildError(msg, path=Path(SOURCE) / assignment)
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted((root / RELEASE).rglob("*"))
            if path.is_file()
        }


def _run(chunks: list[dict[str, bytes]], workers: int) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if workers > 1 and len(chunks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(release_assignments, chunks):
                out.update(part)
    else:
        for chunk in chunks:
            out.update(release_assignments(chunk))
    return out


def generate_release(
    source: Mapping[PurePosixPath, bytes],
    previous: Callable[[PurePosixPath], bytes | None] | None = None,
    workers: int = 0,
    progress: Progress | None = None,
    cache: Path | None = None,
) -> Files:
    """Every file of ``release/`` (and its manifest) for the ``source/`` files given.

    ``previous(path)`` reads a file of the last build (or returns None); with it, assignments
    whose source is unchanged reuse their release files. Without it, nbgrader runs for all.
    """
    say = progress or (lambda _m: None)
    version = nbgrader_version()
    by_assignment = _by_assignment(source, SOURCE)
    old = _read_manifest(previous) if previous else {}
    entries: dict[str, dict[str, object]] = {}
    out: Files = {}
    todo: list[str] = []
    for assignment, files in sorted(by_assignment.items()):
        src_hash = _digest(files)
        entry = old.get("assignments", {}).get(assignment) if old.get("nbgrader") == version else None
        reused = _reuse(entry, src_hash, previous) if previous and entry else None
        if reused is None:
            todo.append(assignment)
            entries[assignment] = {"source": src_hash}
        else:
            out.update(reused)
            entries[assignment] = dict(entry or {})
    if todo:
        say(f"nbgrader generate_assignment for {len(todo)} of {len(by_assignment)} assignment(s)")
        remember_alembic_head(cache)  # before the workers fork
        workers = workers or min(len(todo), os.cpu_count() or 1)
        chunks = [{str(p): d for a in todo[i::workers] for p, d in by_assignment[a].items()} for i in range(workers)]
        made = {PurePosixPath(p): d for p, d in _run([c for c in chunks if c], workers).items()}
        out.update(made)
        released = _by_assignment(made, RELEASE)
        for assignment in todo:
            files = released.get(assignment, {})
            entries[assignment]["release"] = _digest(files)
            entries[assignment]["files"] = sorted(str(p) for p in files)
    else:
        say(f"release/ is current for all {len(by_assignment)} assignments (source unchanged)")
    manifest = {"nbgrader": version, "assignments": entries}
    out[MANIFEST] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    return out


def _read_manifest(previous: Callable[[PurePosixPath], bytes | None]) -> dict[str, Any]:
    data = previous(MANIFEST)
    if not data:
        return {}
    try:
        loaded = json.loads(data)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _reuse(entry: dict[str, Any], src_hash: str, previous: Callable[[PurePosixPath], bytes | None]) -> Files | None:
    """The last build's release files of an assignment, if its source is unchanged and they are intact."""
    if entry.get("source") != src_hash or "release" not in entry:
        return None
    listing = entry.get("files")
    paths = [PurePosixPath(p) for p in listing if isinstance(p, str)] if isinstance(listing, list) else []
    files: Files = {}
    for path in paths:
        data = previous(path)
        if data is None:
            return None
        files[path] = data
    return files if files and _digest(files) == entry["release"] else None
