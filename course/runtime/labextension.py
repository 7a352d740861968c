"""The prebuilt ``course-progress`` JupyterLab extension shipped inside the package."""

from __future__ import annotations

import hashlib
from pathlib import Path

NAME = "course-progress"
BUILT = Path(__file__).resolve().parents[1] / "labextension"
# the extension bundles the widget's own script and stylesheet, so they are part of its source
SOURCES = (
    "src/index.ts",
    "package.json",
    "tsconfig.json",
    "../course/runtime/static/checklist.js",
    "../course/runtime/static/checklist.css",
)


def source_digest(source_dir: Path) -> str:
    """SHA-256 over the extension's source files; the build records it in ``source.sha256``."""
    h = hashlib.sha256()
    for name in SOURCES:
        h.update(name.encode() + b"\0" + (source_dir / name).read_bytes() + b"\0")
    return h.hexdigest()


def recorded_digest() -> str:
    return (BUILT / "source.sha256").read_text().strip()
