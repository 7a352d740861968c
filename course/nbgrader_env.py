"""Make nbgrader's Python API usable from any process that has nbgrader installed."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def ensure_tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook; it is installed
    beside this interpreter, which is not on PATH when the venv is not activated."""
    if shutil.which("alembic"):
        return
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
