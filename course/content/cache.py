"""Loaded content, cached by a hash of its inputs: unchanged files are not parsed again.

The key covers the content file, the roadmap (ids are checked against it) and the loader's own
code, so a change to any of them makes a fresh load. The cache is a local, git-ignored folder
(``.course-cache/``); deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from course.content import load as loader
from course.content.model import SectionContent
from course.model import Roadmap

_CODE = [
    Path(loader.__file__),
    Path(loader.__file__).with_name("markers.py"),
    Path(loader.__file__).with_name("model.py"),
]


def _key(path: Path, roadmap_hash: str) -> str:
    h = hashlib.sha256(roadmap_hash.encode())
    for code in _CODE:
        h.update(code.read_bytes())
    h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:32]


def load_all_content_cached(content_dir: Path, roadmap: Roadmap, cache_dir: Path | None) -> dict[str, SectionContent]:
    if cache_dir is None:
        return loader.load_all_content(content_dir, roadmap)
    roadmap_hash = hashlib.sha256(roadmap.path.read_bytes()).hexdigest() if roadmap.path.is_file() else ""
    out: dict[str, SectionContent] = {}
    for path in loader.content_files(content_dir):
        entry = cache_dir / f"{path.stem}-{_key(path, roadmap_hash)}.pickle"
        content: SectionContent | None = None
        if entry.is_file():
            try:
                loaded = pickle.loads(entry.read_bytes())  # noqa: S301 - our own local cache
                content = loaded if isinstance(loaded, SectionContent) and loaded.path == path else None
            except Exception:  # noqa: BLE001 - a damaged cache entry is simply rebuilt
                content = None
        if content is None:
            content = loader.load_section_content(path, roadmap)
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                for stale in cache_dir.glob(f"{path.stem}-*.pickle"):
                    stale.unlink()
                entry.write_bytes(pickle.dumps(content))
            except OSError:
                pass  # a read-only checkout still builds, just without the cache
        out[content.section] = content
    return out
