"""Where a page's "Run this" link goes: the notebook on Binder, built from the project's repository."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from course.errors import CourseError

BINDER = "https://mybinder.org/v2/gh"
_GITHUB = re.compile(r"^(?:https://github\.com/)?(?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def github_repo(value: str) -> str:
    """``owner/name`` from ``owner/name`` or ``https://github.com/owner/name``."""
    match = _GITHUB.match(value.strip())
    if not match:
        msg = f"not a GitHub repository: {value!r}"
        raise CourseError(msg, expected="owner/name or https://github.com/owner/name")
    return match["repo"]


def repo_from_pyproject(pyproject: Path) -> str | None:
    """The GitHub repository named in ``[project.urls]`` (Repository, Source or Homepage), if any."""
    if not pyproject.is_file():
        return None
    urls = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("urls", {})
    for key in ("Repository", "Source", "Homepage"):
        url = urls.get(key, "")
        if url.startswith("https://github.com/"):
            return github_repo(url)
    return None


def binder_url(repo: str, notebook: PurePosixPath, ref: str = "HEAD") -> str:
    """Open ``notebook`` (project-relative, e.g. ``notebooks/phase-01/1.1-x.ipynb``) in JupyterLab on Binder."""
    return f"{BINDER}/{repo}/{ref}?urlpath={quote('lab/tree/' + notebook.as_posix(), safe='')}"
