"""An nbgrader course directory, driven through nbgrader's Python API from any working directory."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from course.errors import GradingError
from course.nbgrader_env import ensure_tools_on_path, remember_alembic_head

CONFIG_FILE = "nbgrader_config.py"


@contextmanager
def _inside(root: Path) -> Iterator[None]:
    """nbgrader reads some paths relative to the working directory; run inside the course root."""
    here = Path.cwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(here)


def load_config(root: Path) -> Any:
    """The course's nbgrader configuration, with the root and gradebook made absolute."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (root / CONFIG_FILE).is_file():
        config.merge(PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config())
    config.CourseDirectory.root = str(root)
    if "db_url" not in config.CourseDirectory:
        config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.Application.log_level = logging.WARNING
    return config


@contextmanager
def nbgrader_api(root: Path, **overrides: Any) -> Iterator[Any]:
    """``NbGraderAPI`` for the course at ``root``; ``overrides`` are ``Section__option=value``."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    ensure_tools_on_path()
    quiet_known_warnings()
    root = root.resolve()
    remember_alembic_head(root / ".course-cache")
    if not (root / "source").is_dir():
        msg = "not an nbgrader course directory (no source/ folder)"
        raise GradingError(msg, path=root, expected="a folder with nbgrader_config.py and source/")
    config = load_config(root)
    for key, value in overrides.items():
        section, option = key.split("__", 1)
        setattr(getattr(config, section), option, value)
    with _inside(root):
        yield NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def quiet_known_warnings() -> None:
    """nbgrader 0.9.6 with SQLAlchemy 2.1 warns "Object of type <Submitted...> not in session"
    on every autograde; it is harmless (nbgrader FINDINGS #11) and would bury real messages."""
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", message=r"Object of type <Submitted", category=SAWarning)


def check(result: dict[str, Any], what: str, path: Path) -> str:
    """The log of a successful nbgrader API call; a :class:`GradingError` otherwise."""
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        msg = f"nbgrader {what} failed: " + ("\n".join(detail[-15:]) if detail else "no details")
        raise GradingError(msg, path=path)
    return str(result.get("log", ""))
