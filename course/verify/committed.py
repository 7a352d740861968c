"""The exercises whose mutants all died, recorded in the repository (``content/mutants-verified.json``).

``.course-cache/verify.json`` is per machine: its keys hold every installed distribution's version, so a
fresh checkout (CI) has nothing to reuse and runs all ~21,000 mutants again. This record is committed with
the content it vouches for, like ``release/.manifest.json`` is for nbgrader's releases: ``course verify``
writes into it each exercise whose mutants were all killed (or declared equivalent), under a key of
everything in the repository that decides that result:

- the exercise's own cells, the section's setup cells, its declared-equivalent mutants, its time limit,
  the phase's data files (and, for a capstone milestone, the other milestones' reference files), as the
  machine's key has them;
- the code that makes, runs and judges mutants: every module of the ``course`` package that the proof
  worker, the mutation package or the runtime package (which exercises import) import, found by reading
  their import statements (:func:`code_closure`), so an edit to, say, ``course/site`` keeps the record and an
  edit to ``course/runtime`` or ``course/mutation`` voids it;
- the Python version (major.minor).

Installed library versions are not in this key (they change daily, and the key must mean the same on
every machine): that is the one thing the record takes on trust, and ``.course-cache/verify.json`` (whose
key has them) still re-checks an author's machine after an upgrade. Only passes are recorded, an
exercise whose mutants run again and fail is removed, and a damaged or foreign file is ignored (every
mutant runs), so the record can never turn a failure into a pass; ``course verify --all`` ignores it.
"""

from __future__ import annotations

import ast
import contextlib
import json
import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from course.verify.cache import digest, tree_digest

FILE = "mutants-verified.json"  # in content/
FORMAT = 1
ROOTS = ("course.proof_worker", "course.mutation.operators", "course.mutation.run", "course.mutation.check")
"""Where mutants are made, run and judged; every module of ``course.runtime`` is a root too."""


def module_file(package: Path, name: str) -> Path | None:
    """The file of module ``name`` (``course.x.y``) in the package folder ``package`` (``.../course``)."""
    parts = name.split(".")[1:]
    base = package.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, name: str) -> Iterable[str]:
    """The ``course.*`` modules a module imports (``if TYPE_CHECKING:`` blocks left out: never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "course")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: up from this module's package
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            if base.split(".")[0] != "course":
                continue
            yield base
            yield from (f"{base}.{a.name}" for a in node.names)  # ``from course.x import y``: y may be a module


def code_closure(package: Path) -> list[Path]:
    """The files of every ``course`` module the roots and the runtime import, directly or not, with the
    ``__init__.py`` of every package on the way (importing ``course.a.b`` runs ``course/a/__init__.py``)."""
    runtime = package / "runtime"
    todo = list(ROOTS) + [
        "course." + ".".join(p.relative_to(package).with_suffix("").parts).removesuffix(".__init__")
        for p in sorted(runtime.rglob("*.py"))
        if "__pycache__" not in p.parts
    ]
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_file(package, name)
        if path is None:
            continue  # ``from course.x import function``: not a module
        seen[name] = path
        parents = name.split(".")
        todo += [".".join(parents[:i]) for i in range(1, len(parents))]
        todo += list(_imports(path, name))
    return sorted(set(seen.values()))


def portable_environment(package: Path) -> str:
    """What a committed key holds instead of the machine's environment: the mutation code and the Python version."""
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return digest("committed", python, tree_digest(code_closure(package), package))


@dataclass
class MutantsRecord:
    """``unit -> key`` of exercises whose mutants all died, read from and written to the repository."""

    path: Path
    passed: dict[str, str] = field(default_factory=dict)
    damaged: bool = False
    changed: bool = False

    @classmethod
    def load(cls, path: Path) -> MutantsRecord:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError):
            return cls(path, damaged=True)
        entries = raw.get("passed") if isinstance(raw, dict) and raw.get("format") == FORMAT else None
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            return cls(path, damaged=True)
        return cls(path, dict(entries))

    def fresh(self, unit: str, key: str) -> bool:
        return self.passed.get(unit) == key

    def record(self, unit: str, key: str, ok: bool) -> None:
        before = self.passed.get(unit)
        if ok:
            self.passed[unit] = key
        else:
            self.passed.pop(unit, None)
        self.changed |= self.passed.get(unit) != before

    def keep_only(self, units: Collection[str]) -> None:
        """Forget exercises that are gone."""
        for unit in [u for u in self.passed if u not in units]:
            del self.passed[unit]
            self.changed = True

    def save(self) -> None:
        """Write the record if anything changed (sorted, one unit per line: diffs stay readable)."""
        if not self.changed:
            return
        from course.editions.writer import atomic_write

        text = json.dumps({"format": FORMAT, "passed": dict(sorted(self.passed.items()))}, indent=1) + "\n"
        with contextlib.suppress(OSError):  # a read-only checkout still verifies
            atomic_write(self.path, text.encode())
            self.changed = False
