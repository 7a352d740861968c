"""The real code-quality tools on files in a folder: ``ruff`` (lint and format), ``mypy`` and ``bandit``.

Section 14.4 writes small projects into new folders (:func:`project`, inside a scratch folder of the
kernel) and runs the tools on them. Each function here runs one tool, reads its machine output (JSON) and
returns :class:`Finding` tuples sorted by path, line and code, so tests compare rule codes, never the
message wording, which changes between tool versions.

No tool reads a configuration from outside the folder: ruff gets ``--isolated`` or an explicit
``--config``, mypy an explicit ``--config-file`` (an empty one by default) and a cache folder of this
process (made once by :func:`~course.runtime.scratch.scratch_dir`, so only the first mypy run pays for
reading the standard library's stubs; one cache per kind of run: default, ``strict``, own config),
bandit only the folder. Nothing touches the network.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.runtime.scratch import scratch_dir

__all__ = [
    "Finding",
    "bandit_check",
    "bandit_report",
    "mypy_check",
    "project",
    "ruff_check",
    "ruff_formatted",
    "ruff_unformatted",
    "write_files",
]

_mypy_cache: list[Path] = []
_projects: list[Path] = []


@dataclass(frozen=True, order=True)
class Finding:
    """One finding: the file (relative to the folder, with ``/``), its line, the rule code, the tool."""

    path: str
    line: int
    code: str
    tool: str


def write_files(folder: Path, files: Mapping[str, str]) -> None:
    """Write ``files`` (relative path -> text, UTF-8) under ``folder``, making parent folders."""
    root = Path(folder).resolve()
    for name, text in files.items():
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"write_files: {name!r} would be written outside {root}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def project(files: Mapping[str, str]) -> Path:
    """A new folder holding ``files`` (relative path -> text), inside a scratch folder of this process
    that is removed when it exits."""
    if not _projects:
        _projects.append(scratch_dir("lint"))
    folder = _projects[0] / f"p{len(list(_projects[0].iterdir())) + 1}"
    folder.mkdir()
    write_files(folder, files)
    return folder


def _relative(folder: Path, name: str) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = Path(folder) / path
    return path.resolve().relative_to(Path(folder).resolve()).as_posix()


def _ruff_bin() -> str:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]  # the binary of the ruff wheel

    return os.fspath(find_ruff_bin())


def _run(args: Sequence[str], folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": os.fspath(folder), "XDG_CONFIG_HOME": os.fspath(folder)}
    env.pop("RUFF_CACHE_DIR", None)
    return subprocess.run(
        list(args), cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120
    )


def _config_args(folder: Path, config: str | None) -> list[str]:
    return ["--isolated"] if config is None else ["--config", os.fspath(Path(folder) / config)]


def ruff_check(folder: Path, *args: str, config: str | None = None) -> tuple[Finding, ...]:
    """``ruff check`` on ``folder`` with extra ``args`` (e.g. ``"--select", "E,F"``); ``config`` names a
    file in the folder (``"pyproject.toml"``) that ruff must obey, else no configuration file is read."""
    cmd = [_ruff_bin(), "check", "--no-cache", "--output-format", "json", *_config_args(folder, config), *args, "."]
    done = _run(cmd, folder)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"ruff check failed ({done.returncode}): {done.stderr.strip()}")
    found = json.loads(done.stdout or "[]")
    return tuple(
        sorted(
            Finding(_relative(folder, f["filename"]), int(f["location"]["row"]), str(f["code"]), "ruff") for f in found
        )
    )


def ruff_formatted(source: str, *, folder: Path | None = None, config: str | None = None) -> str:
    """``source`` as ``ruff format`` would write it (``config``: a file in ``folder`` to obey)."""
    root = Path(folder).resolve() if folder is not None else _cache_dir()
    cmd = [_ruff_bin(), "format", "--no-cache", *_config_args(root, config), "--stdin-filename", "input.py", "-"]
    env = {**os.environ, "HOME": os.fspath(root), "XDG_CONFIG_HOME": os.fspath(root)}
    done = subprocess.run(
        cmd, cwd=root, env=env, input=source, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"ruff format failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def ruff_unformatted(folder: Path, *, config: str | None = None) -> tuple[str, ...]:
    """The ``.py`` files under ``folder`` (relative paths, sorted) that ``ruff format`` would change.

    Each file goes through ``ruff format -`` and the result is compared with the file, which stays
    as it was (the wording of ``ruff format --check`` has changed between versions; this has not)."""
    root = Path(folder).resolve()
    return tuple(
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*.py"))
        if ruff_formatted(path.read_text(encoding="utf-8"), folder=root, config=config)
        != path.read_text(encoding="utf-8")
    )


def _cache_dir() -> Path:
    if not _mypy_cache:
        _mypy_cache.append(scratch_dir("mypy-cache"))
    return _mypy_cache[0]


def mypy_check(folder: Path, *targets: str, config: str | None = None, strict: bool = False) -> tuple[Finding, ...]:
    """mypy (in this process, through ``mypy.api``) on ``targets`` (paths relative to ``folder``; default
    ``"."``), run from inside ``folder``. ``config`` names a config file in the folder (``pyproject.toml``
    or ``mypy.ini``); without one an empty config is used, so nothing outside the folder is read.
    Findings carry mypy's error code (``arg-type``, ``union-attr``...); notes are left out."""
    from mypy import api

    folder = Path(folder).resolve()
    if config is None:
        config_path = _cache_dir() / "empty-mypy.ini"
        config_path.write_text("[mypy]\n", encoding="utf-8")
    else:
        config_path = folder / config
    # mypy's cache is only valid for the options it was written with: switching between strict and
    # default runs would re-read the standard library every time, so each kind keeps its own cache.
    kind = "strict" if strict else "default" if config is None else "config"
    args = ["--config-file", os.fspath(config_path), "--cache-dir", os.fspath(_cache_dir() / f"cache-{kind}")]
    args += ["--output", "json", "--no-error-summary", "--hide-error-context", "--no-color-output"]
    if strict:
        args.append("--strict")
    with contextlib.chdir(folder):
        out, err, status = api.run([*args, *(targets or (".",))])
    if status not in (0, 1):
        raise RuntimeError(f"mypy failed ({status}): {(err or out).strip()}")
    findings = []
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        item: dict[str, Any] = json.loads(line)
        if item.get("severity") == "error":
            findings.append(Finding(_relative(folder, item["file"]), int(item["line"]), str(item["code"]), "mypy"))
    return tuple(sorted(findings))


def bandit_report(folder: Path) -> dict[str, Any]:
    """bandit's whole JSON report on ``folder`` (every ``.py`` file under it), as a dict."""
    cmd = [sys.executable, "-m", "bandit", "-r", ".", "-f", "json", "-q"]
    done = _run(cmd, folder)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"bandit failed ({done.returncode}): {done.stderr.strip()}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def bandit_check(folder: Path) -> tuple[Finding, ...]:
    """bandit's findings on ``folder``: test ids (``B602``...) with file and line."""
    report = bandit_report(folder)
    return tuple(
        sorted(
            Finding(_relative(folder, r["filename"]), int(r["line_number"]), str(r["test_id"]), "bandit")
            for r in report["results"]
        )
    )
