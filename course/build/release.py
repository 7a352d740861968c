"""``source/`` -> ``release/`` with nbgrader's own ``generate_assignment``, in this process."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import nbformat
from nbformat import NotebookNode

from course.build.layout import RELEASE, SOURCE
from course.errors import BuildError
from course.nbgrader_env import ensure_tools_on_path


def generate_release(source: Mapping[PurePosixPath, bytes]) -> dict[PurePosixPath, NotebookNode | bytes]:
    """Student files for every ``source/<assignment>/``, made by nbgrader.

    nbgrader works on files, so the source files go to a scratch course directory (with its
    own scratch gradebook) and the results are read back: notebooks as notebooks, the data
    files nbgrader copies along as bytes.
    """
    from nbgrader.apps import NbGraderAPI  # heavy import: only when releasing
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    ensure_tools_on_path()
    assignments = sorted({p.parts[1] for p in source})
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        root = Path(tmp)
        for rel, data in source.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        config = Config()
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
        config.CourseDirectory.source_directory = SOURCE
        config.CourseDirectory.release_directory = RELEASE
        config.Application.log_level = logging.WARNING
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        for assignment in assignments:
            result = api.generate_assignment(assignment, force=True, create=True)
            if not result.get("success"):
                msg = (
                    f"nbgrader generate_assignment failed for {assignment}:\n{result.get('error') or result.get('log')}"
                )
                raise BuildError(msg, path=Path(SOURCE) / assignment)
        out: dict[PurePosixPath, NotebookNode | bytes] = {}
        for path in sorted((root / RELEASE).rglob("*")):
            if path.is_file():
                rel = PurePosixPath(path.relative_to(root).as_posix())
                out[rel] = nbformat.read(path, as_version=4) if path.suffix == ".ipynb" else path.read_bytes()
        return out
