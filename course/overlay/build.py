"""``course build --overlay DIR --out CLASS``: the instructor and student editions of one class.

The class folder is an nbgrader course directory of its own (``source/``, ``release/``,
``nbgrader_config.py``; later ``submitted/``, ``gradebook.db``...). Both the overlay and the
class folder must be outside the public repository: what they hold must never be committed to it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from course.editions.layout import RELEASE, SOURCE
from course.editions.pipeline import Inputs, build_notebooks, data_files, load_course, serialise
from course.editions.release import generate_release
from course.errors import BuildError
from course.overlay.load import load_overlay
from course.overlay.merge import merge_course

Progress = Callable[[str], None]
CLASS_EDITIONS = (SOURCE, RELEASE)


def outside(project_root: Path, path: Path, what: str) -> None:
    """A :class:`BuildError` when ``path`` is inside the public repository."""
    resolved = path.resolve()
    if resolved == project_root or project_root in resolved.parents:
        msg = f"the {what} is inside the public repository, where it could be committed and published"
        raise BuildError(msg, path=path, expected=f"a {what} outside {project_root}")


def build_class(
    inputs: Inputs, overlay_dir: Path, out: Path, progress: Progress | None = None, public: Path | None = None
) -> dict[PurePosixPath, bytes]:
    """Every file of the class's ``source/`` and ``release/`` (public content + the overlay).

    nbgrader runs only for assignments whose source differs from the last class build and from
    the public build (``public``: the repository, whose ``release/`` is reused where the overlay
    changes nothing)."""
    say = progress or (lambda _m: None)
    course = load_course(inputs)
    overlay = load_overlay(overlay_dir, course.roadmap)
    say(f"overlay {overlay.name or overlay.root}: sections {', '.join(sorted(overlay.sections))}")
    merged = merge_course(course, overlay)
    notebooks = build_notebooks(merged, editions=(SOURCE,))
    files = {path: serialise(nb, path) for path, nb in notebooks.items()}
    files.update({p: d for p, d in data_files(inputs.data, merged).items() if p.parts[0] == SOURCE})
    roots = [r for r in (out, public) if r is not None and (r / RELEASE).is_dir()]
    previous = _reader(roots) if roots else None
    files.update(generate_release(files, previous, progress=say, cache=inputs.cache))
    return dict(sorted(files.items()))


def _reader(roots: list[Path]) -> Callable[[PurePosixPath], bytes | None]:
    """Files of earlier builds: the class folder's first, then the public repository's. Their
    manifests are merged (the class's entries win); ``generate_release`` reuses an assignment's
    release only when its source hash and the files' digest both match."""
    import json

    from course.editions.release import MANIFEST

    def manifest() -> bytes | None:
        assignments: dict[str, object] = {}
        version = None
        for root in reversed(roots):
            try:
                data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if version not in (None, data.get("nbgrader")):
                continue
            version = data.get("nbgrader")
            assignments.update(data.get("assignments", {}))
        return json.dumps({"nbgrader": version, "assignments": assignments}).encode() if assignments else None

    def read(rel: PurePosixPath) -> bytes | None:
        if rel == MANIFEST:
            return manifest()
        for root in roots:
            if (root / rel).is_file():
                return (root / rel).read_bytes()
        return None

    return read


def ensure_course_directory(project_root: Path, out: Path) -> bool:
    """Give the class folder the course's ``nbgrader_config.py`` (once; the teacher may edit it)."""
    target = out / "nbgrader_config.py"
    if target.exists():
        return False
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(project_root / "nbgrader_config.py", target)
    return True
