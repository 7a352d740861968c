"""``course start``: copy the self-study notebooks into a workspace outside the repository."""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_ENV = "COURSE_WORKSPACE"


def default_workspace() -> Path:
    """``$COURSE_WORKSPACE``, else ``~/python-roadmap-course``."""
    env = os.environ.get(WORKSPACE_ENV)
    return Path(env).expanduser() if env else Path.home() / "python-roadmap-course"
