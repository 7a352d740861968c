"""The course's own package as a pure-Python wheel for the browser's Python (no build backend needed).

Same sources, same bytes: files in sorted order with a fixed timestamp. The wheel carries no
dependencies; the Lite site's Pyodide lock says what it needs (see ``course.site.lite``).
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import course

DIST = "python_roadmap_course"
PACKAGE = Path(course.__file__).resolve().parent
_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIP = {"__pycache__", "labextension"}  # the front end is served as a federated extension, not imported


def _package_files(package: Path) -> list[Path]:
    return sorted(
        p
        for p in package.rglob("*")
        if p.is_file() and not _SKIP.intersection(p.relative_to(package).parts) and p.suffix not in {".pyc"}
    )


def build_course_wheel(out: Path, package: Path = PACKAGE) -> Path:
    """Write ``python_roadmap_course-<version>-py3-none-any.whl`` into ``out``; returns its path."""
    version = course.__version__
    info = f"{DIST}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [
        (f"{package.name}/{p.relative_to(package).as_posix()}", p.read_bytes()) for p in _package_files(package)
    ]
    entries.append(
        (f"{info}/METADATA", f"Metadata-Version: 2.1\nName: python-roadmap-course\nVersion: {version}\n".encode())
    )
    entries.append(
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: course site\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
    )
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in entries]
    entries.append((f"{info}/RECORD", ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()))
    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{DIST}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name, _EPOCH), data, compress_type=zipfile.ZIP_DEFLATED)
    return wheel


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
