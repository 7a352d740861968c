"""Real git repositories in a scratch folder, with a configuration of our own.

Notebooks about GitOps and releases run the real ``git`` command line. Nothing may come from the
learner's ``~/.gitconfig`` or ``/etc/gitconfig`` (an alias, ``init.defaultBranch``, a signing key), and
nothing may be written there: :func:`git_env` points ``HOME``, ``XDG_CONFIG_HOME`` and
``GIT_CONFIG_GLOBAL`` at the scratch folder, turns the system file off, and fixes the author and the
date, so the same commits get the same ids on every machine.

>>> repo = new_repo("doc")
>>> len(commit(repo, "first", {"a.txt": "hello\\n"}))
40
>>> git(repo, "log", "--format=%an %s").strip()
'Course Bot first'

Standard library only; needs a ``git`` on ``PATH`` (any version since 2.0: the branch is named with
``symbolic-ref``, not ``init -b``, which came with 2.28).
"""

from __future__ import annotations

import itertools
import os
import subprocess
from functools import cache
from pathlib import Path

from course.runtime.scratch import scratch_dir

__all__ = ["commit", "git", "git_env", "git_version", "new_repo", "scratch"]

_numbers = itertools.count(1)


@cache
def scratch() -> Path:
    """The folder of every repository of this process (made on first use, removed at exit)."""
    folder = scratch_dir("gitops")
    # A real empty file, never os.devnull: `git config --global` renames a new file over its config file.
    (folder / "gitconfig").write_text("", encoding="utf-8")
    return folder


@cache
def git_env() -> dict[str, str]:
    """The environment every git command here runs with (a copy of os.environ without GIT_* variables)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    home = str(scratch())
    env.update(
        {
            "HOME": home,
            "XDG_CONFIG_HOME": home,
            "GIT_CONFIG_GLOBAL": str(scratch() / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Course Bot",
            "GIT_AUTHOR_EMAIL": "bot@example.invalid",
            "GIT_COMMITTER_NAME": "Course Bot",
            "GIT_COMMITTER_EMAIL": "bot@example.invalid",
            "GIT_AUTHOR_DATE": "2026-01-05T09:00:00+00:00",
            "GIT_COMMITTER_DATE": "2026-01-05T09:00:00+00:00",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_EDITOR": ":",
            "LC_ALL": "C",
        }
    )
    return env


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, check=False, cwd=cwd, env=git_env(), capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def git(repo: Path, *args: str) -> str:
    """Run ``git <args>`` inside ``repo``; return what it printed, or raise RuntimeError with git's message."""
    done = _run(["git", *args], repo)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {(done.stderr or done.stdout).strip()}")
    return done.stdout


@cache
def git_version() -> tuple[int, ...]:
    """The installed git's version as numbers, e.g. ``(2, 34, 1)``."""
    words = git(scratch(), "--version").split()  # "git version 2.34.1" (Apple adds " (Apple Git-..)")
    return tuple(int(part) for part in words[2].split(".")[:3] if part.isdigit())


def new_repo(tag: str = "repo") -> Path:
    """A new, empty repository on branch ``main`` in the scratch folder."""
    repo = scratch() / f"{tag}-{next(_numbers)}"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "symbolic-ref", "HEAD", "refs/heads/main")
    return repo


def commit(repo: Path, message: str, files: dict[str, str | None] | None = None) -> str:
    """Write ``files`` (None deletes one), commit everything with ``message``; return the new commit id."""
    for name, text in (files or {}).items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    # One shell runs the three git commands: a third of the process starts (tests make many commits).
    script = 'git add -A && git commit -q --allow-empty -m "$1" && git rev-parse HEAD'
    done = _run(["sh", "-c", script, "sh", message], repo)
    if done.returncode != 0:
        raise RuntimeError(f"commit {message!r} failed: {(done.stderr or done.stdout).strip()}")
    return done.stdout.strip()
