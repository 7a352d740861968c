"""What ``course verify`` already proved, keyed by everything that decides each result.

A *unit* is the smallest piece of validation that is cached: one section's both-ways proofs,
one exercise's mutants, one self-study notebook's run, one instructor notebook's nbgrader round
trip. Its *key* is a hash of every input that can change its outcome: the content file (or the
exercise's cells), the phase's data files, the generated notebook, the course package's own
code, the Python version and every installed distribution's version.

Only passing units are recorded, and a unit is reused only when its key is unchanged, so the
cache can never turn a failure into a pass: a failure is never stored, and a unit whose inputs
changed is run again. A damaged or foreign cache file is ignored (everything runs). The file
lives in ``.course-cache/`` (git-ignored); deleting it only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import platform
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from course.content.model import Exercise, SectionContent

try:
    import fcntl
except ImportError:  # Windows: merges are not locked
    fcntl = None  # type: ignore[assignment]

FILE = "verify.json"
FORMAT = 1


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


def tree_digest(paths: Iterable[Path], base: Path) -> str:
    """A hash of these files' paths (relative to ``base``) and bytes, in path order."""
    parts: list[bytes | str] = []
    for path in sorted(paths):
        if path.is_file():
            parts += [path.relative_to(base).as_posix(), path.read_bytes()]
    return digest(*parts)


def environment_digest(package: Path) -> str:
    """The course package's code, the Python version and every installed distribution's version."""
    code = [p for p in package.rglob("*") if p.suffix in (".py", ".js", ".css") and "__pycache__" not in p.parts]
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"])
    return digest(sys.version, platform.platform(terse=True), tree_digest(code, package), "\n".join(dists))


@dataclass(frozen=True)
class Keys:
    """Computes unit keys for one project state."""

    environment: str
    roadmap: str  # content is checked against the roadmap's ids
    data: Mapping[int, str]  # phase number -> digest of its data folder
    committed: str = ""  # the mutation code and the Python version (see course.verify.committed)

    @classmethod
    def for_project(cls, package: Path, roadmap: Path, data_root: Path) -> Keys:
        data: dict[int, str] = {}
        if data_root.is_dir():
            for folder in sorted(data_root.iterdir()):
                if folder.is_dir() and folder.name.startswith("phase-") and folder.name[6:].isdigit():
                    data[int(folder.name[6:])] = tree_digest(folder.rglob("*"), folder)
        from course.verify.committed import portable_environment

        roadmap_bytes = roadmap.read_bytes() if roadmap.is_file() else b""
        return cls(environment_digest(package), digest(roadmap_bytes), data, portable_environment(package))

    def _phase_data(self, section: str) -> str:
        phase = section.split(".", maxsplit=1)[0]
        return self.data.get(int(phase), "") if phase.isdigit() else ""

    def proofs(self, content: SectionContent) -> str:
        return digest(
            "proofs", self.environment, self.roadmap, self._phase_data(content.section), content.path.read_bytes()
        )

    def mutants(self, content: SectionContent, exercise: Exercise) -> str:
        """An exercise's mutants depend on its own cells and the section's setup, not on the rest of the file
        (a capstone milestone's on the other milestones' reference files too: they are in place when it runs)."""
        return digest("mutants", self.environment, *self._mutant_inputs(content, exercise))

    def committed_mutants(self, content: SectionContent, exercise: Exercise) -> str:
        """The same inputs with the repository's mutation code in place of this machine's environment: the key
        of ``content/mutants-verified.json``, the same on every machine with this Python."""
        return digest("mutants", self.committed, *self._mutant_inputs(content, exercise))

    def _mutant_inputs(self, content: SectionContent, exercise: Exercise) -> list[str]:
        setup = [c.source for c in content.setup]
        if exercise.file:
            setup += [exercise.file, json.dumps(content.reference_files(), sort_keys=True)]
        tests = [f"{t.id}:{t.points}:{t.source}" for t in exercise.tests]
        declared = json.dumps(sorted(exercise.equivalent))
        data = self._phase_data(content.section)
        return [data, exercise.id, str(exercise.timeout), exercise.solution, *setup, *tests, declared]

    def notebook(self, section: str, data: bytes) -> str:
        return digest("run", self.environment, self._phase_data(section), data)

    def roundtrip(self, source: bytes, solutions: Mapping[str, str], config: str) -> str:
        return digest("roundtrip", self.environment, source, json.dumps(sorted(solutions.items())), config)


@dataclass
class VerifyCache:
    """Passing units from earlier runs: ``unit -> key``.

    Several runs may write one cache at once (``pytest -n 2`` records proofs in one worker and
    notebook runs in the other; ``course verify`` may follow): :meth:`save` merges this run's
    changes into the file as it is now, under a lock, instead of replacing it.
    """

    path: Path | None
    passed: dict[str, str] = field(default_factory=dict)
    damaged: bool = False  # the file existed but could not be used
    changes: dict[str, str | None] = field(default_factory=dict)  # unit -> new key, or None: forgotten

    @classmethod
    def load(cls, folder: Path | None) -> VerifyCache:
        if folder is None:
            return cls(None)
        path = folder / FILE
        entries = _read(path)
        if entries is None:
            return cls(path, damaged=path.exists())
        return cls(path, entries)

    def fresh(self, unit: str, key: str) -> bool:
        return self.passed.get(unit) == key

    def record(self, unit: str, key: str, ok: bool) -> None:
        if ok:
            self.passed[unit] = key
            self.changes[unit] = key
        else:
            self.passed.pop(unit, None)  # a failure is never remembered as anything
            self.changes[unit] = None

    def save(self) -> None:
        if self.path is None or not self.changes:
            return
        from course.editions.writer import atomic_write

        with contextlib.suppress(OSError), _locked(self.path):  # a read-only checkout still verifies
            on_disk = _read(self.path) or {}
            for unit, key in self.changes.items():
                if key is None:
                    on_disk.pop(unit, None)
                else:
                    on_disk[unit] = key
            data = json.dumps({"format": FORMAT, "passed": dict(sorted(on_disk.items()))}, indent=0)
            atomic_write(self.path, data.encode())
            self.changes.clear()


def _read(path: Path) -> dict[str, str] | None:
    """The file's passing units; ``None`` when it is missing, unreadable or not ours."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entries = raw.get("passed") if isinstance(raw, dict) and raw.get("format") == FORMAT else None
    if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        return None
    return dict(entries)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<path>.lock`` for one read-merge-write (no lock where there is no flock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
