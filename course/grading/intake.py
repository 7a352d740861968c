"""Look at each student's submission before nbgrader does, and stage only what it can grade.

nbgrader grades a student's notebooks all together: one notebook that is not JSON makes it drop
the student's whole submission, and a student whose notebooks are all renamed makes it fail.
Here each submitted notebook is read first. What nbgrader can grade is copied to a staging
folder (``submitted/`` itself is never changed); everything else is named, by student and file,
in the student's problems: a missing notebook scores zero, a renamed or unreadable one is not
graded.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

TIMESTAMP = "timestamp.txt"


@dataclass(frozen=True)
class Intake:
    student: str
    gradable: tuple[str, ...]  # notebook file names nbgrader will grade
    problems: tuple[str, ...]
    bad_timestamp: bool = False


def expected_notebooks(root: Path, assignment: str) -> list[str]:
    return sorted(p.name for p in (root / "source" / assignment).glob("*.ipynb"))


def _renamed_from(name: str, expected: list[str]) -> str:
    """The expected notebook a stray file is most likely a copy of (``x-Copy1.ipynb`` -> ``x.ipynb``)."""
    stem = Path(name).stem
    for candidate in expected:
        if stem.startswith(Path(candidate).stem):
            return candidate
    section = stem.split("-", 1)[0]
    same = [c for c in expected if c.split("-", 1)[0] == section]
    return same[0] if len(same) == 1 else ""


def unreadable(path: Path) -> str:
    """Why nbgrader could not read this notebook, or an empty string when it can."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return f"is not UTF-8 text (byte {err.start})"
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return f"is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
    if not isinstance(data, dict) or not isinstance(data.get("cells", []), list):
        return "is not a notebook (JSON without a list of cells)"
    try:
        nbformat.reads(text, as_version=4)
    except Exception as err:  # noqa: BLE001 - nbformat raises many kinds; any of them means "cannot grade"
        return f"is not a notebook nbformat can read ({type(err).__name__}: {str(err).splitlines()[0][:200]})"
    return ""


def _timestamp_ok(path: Path) -> bool:
    from nbgrader.utils import parse_utc

    try:
        parse_utc(path.read_text(encoding="utf-8").strip())
    except Exception:  # noqa: BLE001 - nbgrader 0.9.6 crashes on any unparsable timestamp (FINDINGS #5)
        return False
    return True


def inspect_submission(root: Path, assignment: str, student: str, expected: list[str] | None = None) -> Intake:
    """What of ``submitted/<student>/<assignment>/`` can be graded, and what cannot (and why)."""
    expected = expected if expected is not None else expected_notebooks(root, assignment)
    folder = root / "submitted" / student / assignment
    got = sorted(p.name for p in folder.glob("*.ipynb"))
    renamed = {name: _renamed_from(name, expected) for name in got if name not in expected}
    instead = {origin: name for name, origin in renamed.items() if origin and origin not in got}
    problems: list[str] = []
    gradable: list[str] = []
    for name in expected:
        if name in instead:
            problems.append(f"missing notebook {name}: found {instead[name]} instead (renamed? it is not graded)")
        elif name not in got:
            problems.append(f"missing notebook {name}")
    for name, origin in renamed.items():
        if instead.get(origin) != name:
            what = f"a copy of {origin}?" if origin else "not part of the assignment:"
            problems.append(f"unknown notebook {name} ({what} it is not graded)")
    for name in got:
        if name in expected:
            why = unreadable(folder / name)
            if why:
                problems.append(f"notebook {name} {why}: not graded, scored 0")
            else:
                gradable.append(name)
    stamp = folder / TIMESTAMP
    bad_stamp = stamp.is_file() and not _timestamp_ok(stamp)
    if bad_stamp:
        problems.append(f"{TIMESTAMP} cannot be read as a time: graded as submitted on time")
    return Intake(student, tuple(gradable), tuple(problems), bad_stamp)


def stage(root: Path, assignment: str, intake: Intake, staging: Path) -> None:
    """Copy what nbgrader can grade to ``staging/<student>/<assignment>/``: the gradable notebooks
    and every other file of the submission (data files, a readable ``timestamp.txt``)."""
    source = root / "submitted" / intake.student / assignment
    target = staging / intake.student / assignment
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or ".ipynb_checkpoints" in rel.parts:
            continue
        if path.suffix == ".ipynb" and len(rel.parts) == 1 and rel.name not in intake.gradable:
            continue
        if rel.as_posix() == TIMESTAMP and intake.bad_timestamp:
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / rel)
