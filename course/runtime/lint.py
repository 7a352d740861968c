"""The real code-quality tools on files in a folder: ``ruff`` (lint and format), ``mypy`` and ``bandit``.

Section 14.4 writes small projects into new folders (:func:`project`, inside a scratch folder of the
kernel) and runs the tools on them. Each function here runs one tool, reads its machine output (JSON) and
returns :class:`Finding` tuples sorted by path, line and code, so tests compare rule codes, never the
message wording, which changes between tool versions.

No tool reads a configuration from outside the folder: ruff gets ``--isolated`` or an explicit
``--config``, mypy an explicit ``--config-file`` (an empty one by default), bandit (in this process) only
the folder; HOME and XDG_CONFIG_HOME point into the folder, and the caller's ``RUFF*`` and ``MYPY*``
environment variables are not passed on. Nothing touches the network.

Start-up is paid once per process (a kernel, a proof worker): bandit's plugins load on the first
report; mypy runs in this process with one cache folder per set of options (default, strict...), so
the standard library's stubs are read once per set, whatever order the checks run in; ruff is one
short process per call (``ruff_unformatted`` formats all the files in one run).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tokenize
import warnings
from collections.abc import Iterator, Mapping, Sequence
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
    "silencers",
    "write_files",
]

_mypy_cache: list[Path] = []
_bandit_parts: list[tuple[Any, Any]] = []
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


_SILENCING_COMMENT = re.compile(r"noqa|nosec|type:ignore|(mypy|ruff|flake8|pyright|pylint):", re.IGNORECASE)
_SILENCING_NAMES = frozenset({"Any", "cast", "no_type_check", "no_type_check_decorator"})


def silencers(source: str) -> tuple[str, ...]:
    """How ``source`` (module text) silences a checker instead of satisfying it, in source order (by line, then column):
    ``"line N: # ..."`` for a comment that holds ``noqa``, ``nosec``, ``type: ignore`` or a tool's
    inline configuration (``# mypy: ...``, ``# ruff: ...``), in any case and spacing, and ``"line N: Name"``
    for the typing escape hatches ``Any``, ``cast`` and ``no_type_check`` (imported, renamed or used as
    ``typing.X``). Text inside strings is not a comment. A source that does not parse gives
    ``("unparsable",)``."""
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError):
        return ("unparsable",)
    found: list[tuple[int, int, str]] = []
    for token in tokens:
        if token.type == tokenize.COMMENT and _SILENCING_COMMENT.search(re.sub(r"\s+", "", token.string)):
            found.append((token.start[0], token.start[1], token.string))
    for node in ast.walk(tree):
        names: list[tuple[str, ast.AST]] = []
        if isinstance(node, ast.Name):
            names.append((node.id, node))
        elif isinstance(node, ast.Attribute):
            names.append((node.attr, node))
        elif isinstance(node, ast.ImportFrom):
            names += [(alias.name, node) for alias in node.names]
        for name, where in names:
            if name in _SILENCING_NAMES:
                found.append((getattr(where, "lineno", 0), getattr(where, "col_offset", 0), name))
    return tuple(f"line {line}: {what}" for line, _, what in sorted(set(found)))


def _relative(folder: Path, name: str) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = Path(folder) / path
    return path.resolve().relative_to(Path(folder).resolve()).as_posix()


def _ruff_bin() -> str:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]  # the binary of the ruff wheel

    return os.fspath(find_ruff_bin())


def _ruff_env(folder: Path) -> dict[str, str]:
    """The environment ruff runs in: HOME and XDG_CONFIG_HOME in ``folder`` (no user configuration),
    and none of the caller's ``RUFF_*`` variables (``RUFF_OUTPUT_FORMAT``, ``RUFF_CACHE_DIR``...)."""
    env = {name: value for name, value in os.environ.items() if not name.upper().startswith("RUFF")}
    return {**env, "HOME": os.fspath(folder), "XDG_CONFIG_HOME": os.fspath(folder)}


def _run(args: Sequence[str], folder: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args),
        cwd=folder,
        env=_ruff_env(folder),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
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
    done = _run(cmd, root, stdin=source)
    if done.returncode != 0:
        raise RuntimeError(f"ruff format failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def ruff_unformatted(folder: Path, *, config: str | None = None) -> tuple[str, ...]:
    """The ``.py`` files under ``folder`` (relative paths, sorted) that ``ruff format`` would change.

    One ``ruff format`` run formats copies of all the files (in a scratch folder, named on the command
    line) and each copy is compared with its file, which stays as it was (the wording of
    ``ruff format --check`` has changed between versions; the formatted text has not)."""
    root = Path(folder).resolve()
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.py") if path.is_file())
    if not names:
        return ()
    with tempfile.TemporaryDirectory(prefix="format-", dir=_cache_dir()) as scratch:
        copies = Path(scratch)
        write_files(copies, {name: (root / name).read_text(encoding="utf-8") for name in names})
        cmd = [_ruff_bin(), "format", "--no-cache", *_config_args(root, config), "--", *names]
        done = _run(cmd, copies)
        if done.returncode != 0:
            raise RuntimeError(f"ruff format failed ({done.returncode}): {done.stderr.strip()}")
        return tuple(
            name
            for name in names
            if (copies / name).read_text(encoding="utf-8") != (root / name).read_text(encoding="utf-8")
        )


def _cache_dir() -> Path:
    if not _mypy_cache:
        _mypy_cache.append(scratch_dir("mypy-cache"))
    return _mypy_cache[0]


@contextlib.contextmanager
def _mypy_sealed() -> Iterator[None]:
    """While mypy runs in this process: no ``MYPY*`` variable of the caller (``MYPYPATH`` adds stub
    folders, ``MYPY_CACHE_DIR`` moves the cache, ``MYPY_NUM_WORKERS`` starts workers) reaches it, and
    what mypy changes for the whole process is put back: the environment (it sets
    ``MYPY_CONFIG_FILE_DIR``), the recursion limit (it raises it to 2**14) and the garbage collector's
    thresholds (it sets 200000, 30, 30)."""
    environ, limit, thresholds, gc_on = dict(os.environ), sys.getrecursionlimit(), gc.get_threshold(), gc.isenabled()
    for name in [name for name in os.environ if name.upper().startswith("MYPY")]:
        del os.environ[name]
    try:
        yield
    finally:
        if dict(os.environ) != environ:
            os.environ.clear()
            os.environ.update(environ)
        sys.setrecursionlimit(limit)
        gc.set_threshold(*thresholds)
        (gc.enable if gc_on else gc.disable)()


def _mypy_cache_for(args: Sequence[str]) -> Path:
    """The cache folder of this process for the options ``args`` give mypy (config file included).

    mypy's cache entry for a module is valid only for the options it was written with, and a strict
    run rewrites the standard library's entries a default run wrote (reading their stubs again: most of
    a cold run's time, about 0.6 s of processor time with mypy 2.4). So each set of the options that
    mypy says affect its cache gets its own folder: ``--strict`` and a config file saying
    ``strict = true`` share one, a default run has another, and switching between them costs nothing.
    Called inside :func:`_mypy_sealed`."""
    from mypy.fscache import FileSystemCache
    from mypy.main import process_options

    try:
        _, options = process_options(list(args), stdout=io.StringIO(), stderr=io.StringIO(), fscache=FileSystemCache())
        key = repr(options.select_options_affecting_cache())
    except (SystemExit, Exception):  # noqa: BLE001 - a config mypy rejects: mypy itself reports it below
        key = "unreadable"
    return _cache_dir() / f"cache-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def mypy_check(folder: Path, *targets: str, config: str | None = None, strict: bool = False) -> tuple[Finding, ...]:
    """mypy (in this process, through ``mypy.api``) on ``targets`` (paths relative to ``folder``; default
    ``"."``), run from inside ``folder``. ``config`` names a config file in the folder (``pyproject.toml``
    or ``mypy.ini``); without one an empty config is used, so nothing outside the folder is read (nor any
    ``MYPY*`` environment variable). Findings carry mypy's error code (``arg-type``, ``union-attr``...);
    notes are left out.

    The standard library's stubs are read once per process and set of options (a cold run: about
    0.6 s of processor time), later runs with the same options reuse them (about 0.02 s)."""
    from mypy import api

    folder = Path(folder).resolve()
    if config is None:
        config_path = _cache_dir() / "empty-mypy.ini"
        config_path.write_text("[mypy]\n", encoding="utf-8")
    else:
        config_path = folder / config
    args = ["--config-file", os.fspath(config_path)]
    args += ["--output", "json", "--no-error-summary", "--hide-error-context", "--no-color-output"]
    if strict:
        args.append("--strict")
    args += targets or (".",)
    with contextlib.chdir(folder), _mypy_sealed():
        out, err, status = api.run(["--cache-dir", os.fspath(_mypy_cache_for(args)), *args])
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


def _bandit() -> tuple[Any, Any]:
    """bandit's configuration (its defaults: no file read) and its ``manager`` module, made once per
    process. Importing the manager loads every plugin (stevedore reads the entry points of all installed
    packages): about 0.1 s of processor time, the whole of bandit's start-up; each later report only
    walks the folder's files (under 0.01 s for a small project)."""
    if not _bandit_parts:
        with warnings.catch_warnings():  # bandit 1.9 passes stevedore an argument it deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            from bandit.core import config as bandit_config  # type: ignore[import-untyped]
            from bandit.core import manager as bandit_manager

        _bandit_parts.append((bandit_config.BanditConfig(), bandit_manager))
    return _bandit_parts[0]


def bandit_report(folder: Path, *, honor_nosec: bool = True) -> dict[str, Any]:
    """bandit's report on ``folder`` (every ``.py`` file under it), as the dict ``bandit -r . -f json``
    prints: ``"results"`` (one dict per finding, ``"filename"`` like ``"./jobs.py"``, ``"line_number"``,
    ``"test_id"``, ``"issue_severity"``, ``"issue_confidence"``...) and ``"errors"`` (files it skipped).

    bandit runs in this process (its plugins load once, on the first call: :func:`_bandit`), reading
    no configuration file. ``honor_nosec=False`` reports the lines a ``# nosec`` comment would hide
    (bandit's ``--ignore-nosec``)."""
    config, bandit_manager = _bandit()
    folder = Path(folder).resolve()
    checker = bandit_manager.BanditManager(config, "file", quiet=True, ignore_nosec=not honor_nosec)
    with contextlib.chdir(folder):
        checker.discover_files(["."], True)
        checker.run_tests()
    results = sorted((issue.as_dict() for issue in checker.get_issue_list()), key=lambda r: str(r["filename"]))
    errors = [{"filename": name, "reason": reason} for name, reason in checker.get_skipped()]
    return {"results": results, "errors": errors}


def bandit_check(folder: Path, *, honor_nosec: bool = True) -> tuple[Finding, ...]:
    """bandit's findings on ``folder``: test ids (``B602``...) with file and line."""
    report = bandit_report(folder, honor_nosec=honor_nosec)
    return tuple(
        sorted(
            Finding(_relative(folder, r["filename"]), int(r["line_number"]), str(r["test_id"]), "bandit")
            for r in report["results"]
        )
    )
