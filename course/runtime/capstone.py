"""A capstone's repository in the learner's workspace, and milestone answers that are files.

A capstone (phase 23) is built over several milestones in a small, real repository next to its notebook,
for example ``23.1-idp/`` beside ``23.1-....ipynb``. The course gives some of its files (``pyproject.toml``,
the package's ``__init__.py``, fixtures, a README); the learner writes the others, one module per milestone.

- :func:`workspace` (a setup cell): copies the given files from ``data/<name>/`` into ``<name>/`` where they
  are missing (never over a file that is there), puts the repository first on ``sys.path`` and, in a Jupyter
  kernel, registers the ``%%repo_file`` cell magic;
- ``%%repo_file 23.1-idp/idp/catalog.py`` (first line of a milestone's answer cell): the rest of the cell *is*
  that file. Running the cell writes it (:func:`write_module`) and imports it afresh, so a syntax error shows
  at once. The cell is the answer that is graded; a file changed outside the cell since the cell last wrote
  it is kept as ``<file>.edited-N`` before it is replaced, so nothing a learner typed is lost;
- :meth:`Workspace.load` (tests): a fresh import of a module from the files on disk.

``course prove`` and ``course prove --mutants`` write a milestone's answer the same way, with every other
milestone's reference solution in place (``course.proof_worker``). Bytecode is never written for the
repository: a file rewritten within the same second at the same size would otherwise be read back stale.

Standard library only (IPython is used when it is there): it runs in learners' kernels, the proof worker and
nbgrader's autograder.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType

from course.errors import CourseError

__all__ = ["MAGIC", "Workspace", "forget", "module_name", "split_path", "workspace", "write_module"]

MAGIC = "repo_file"
"""The cell magic of a milestone's answer cell: ``%%repo_file <repository>/<package>/<module>.py``."""

_RECORD = PurePosixPath(".course", "written.json")
_SKIP = {"__pycache__", ".pytest_cache", ".course"}


def split_path(path: str) -> tuple[str, str]:
    """``"23.1-idp/idp/catalog.py"`` -> ``("23.1-idp", "idp/catalog.py")``: the repository folder and the
    file inside it. A ``CourseError`` for anything but a relative ``.py`` path with a package folder."""
    pure = PurePosixPath(path)
    expected = "a path like '23.1-idp/idp/catalog.py' (repository folder, package folder, module file)"
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or len(pure.parts) < 3 or pure.suffix != ".py":
        raise CourseError(f"{path!r} is not a milestone file: expected {expected}")
    return pure.parts[0], str(PurePosixPath(*pure.parts[1:]))


def module_name(inner: str) -> str:
    """``"idp/catalog.py"`` -> ``"idp.catalog"``; ``"idp/__init__.py"`` -> ``"idp"``."""
    parts = list(PurePosixPath(inner).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@contextlib.contextmanager
def _no_bytecode() -> Iterator[None]:
    before = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        yield
    finally:
        sys.dont_write_bytecode = before


def forget(package: str) -> None:
    """Drop ``package`` and its submodules from ``sys.modules`` (from wherever they were loaded), so the next
    import reads the files again."""
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


@dataclass(frozen=True)
class Workspace:
    """One capstone repository: ``root`` is its absolute folder."""

    root: Path

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def load(self, module: str) -> ModuleType:
        """``module`` (``"idp.catalog"``) imported afresh from the repository's files."""
        forget(module.split(".", maxsplit=1)[0])
        if str(self.root) not in sys.path:
            sys.path.insert(0, str(self.root))
        with _no_bytecode():
            return importlib.import_module(module)

    def files(self) -> list[str]:
        """The repository's files, relative and sorted (the course's bookkeeping and caches left out)."""
        return sorted(
            str(p.relative_to(self.root).as_posix())
            for p in self.root.rglob("*")
            if p.is_file() and not _SKIP & set(p.relative_to(self.root).parts)
        )


def workspace(name: str, given: str | Path | None = None) -> Workspace:
    """The capstone repository ``name`` (a folder next to the notebook), made ready for work.

    Files of ``given`` (default ``data/<name>``, as the course ships them) are copied where the repository
    does not have them yet; a file that is there is never replaced, so a learner's edits and answers stay.
    The repository goes first on ``sys.path``; in a Jupyter kernel the ``%%repo_file`` magic is registered."""
    source = Path(given) if given is not None else Path("data", name)
    if not source.is_dir():
        raise CourseError(
            f"{source}: the files the course gives for the capstone {name!r} are missing "
            "(expected the folder the course ships next to this notebook; rebuild or update the course)"
        )
    root = Path(name).resolve()
    for item in sorted(source.rglob("*")):
        rel = item.relative_to(source)
        if not item.is_file() or _SKIP & set(rel.parts):
            continue
        target = root / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item, target)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    register_magic()
    return Workspace(root)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_record(root: Path) -> dict[str, str]:
    """What the cells last wrote (file -> digest); a damaged record counts as empty (then a file that differs
    from the cell is kept as a backup: the safe side)."""
    try:
        data = json.loads((root / _RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.writing")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _backup(target: Path) -> Path:
    n = 1
    while (keep := target.with_name(f"{target.name}.edited-{n}")).exists():
        n += 1
    shutil.copyfile(target, keep)
    return keep


def write_module(path: str, text: str, *, check: bool = True) -> Path:
    """Write a milestone's module (``path`` relative to the notebook's folder) and, with ``check``, import it
    afresh so that its errors show now, naming the file and line.

    A file that changed since a cell last wrote it (edited in the editor, say) is first kept as
    ``<file>.edited-N``, with a line saying so."""
    repo, inner = split_path(path)
    root = Path(repo).resolve()
    target = root / inner
    record = _read_record(root)
    if target.is_file():
        current = target.read_text(encoding="utf-8", errors="replace")
        if current != text and _digest(current) != record.get(inner):
            keep = _backup(target)
            print(
                f"{path} was changed outside this cell since the cell last wrote it: that version is kept in "
                f"{keep.name} (this cell is the answer that runs and is graded)"
            )
    _write_atomic(target, text)
    record[inner] = _digest(text)
    _write_atomic(root / _RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")
    with contextlib.suppress(OSError):  # a cache some other tool wrote for an older version of the file
        os.remove(importlib.util.cache_from_source(str(target)))
    name = module_name(inner)
    forget(name.split(".")[0])
    if check:
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
        with _no_bytecode():
            importlib.import_module(name)
    return target


def _repo_file(line: str, cell: str) -> None:
    write_module(line.strip(), cell)


def register_magic() -> None:
    """Register ``%%repo_file`` in the running IPython kernel (nothing happens elsewhere)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.register_magic_function(_repo_file, "cell", MAGIC)
