"""Pyodide for the Lite site, fetched from package registries at build time only and cached.

The runtime (``pyodide.mjs``, the WebAssembly, the standard library) comes from the npm package
``pyodide``; the pure-Python wheels the kernel and the course need come from PyPI. Every download is
checked against the digest its registry publishes and kept in ``.course-cache/lite/``, so a second build
fetches nothing. The result is a Pyodide folder whose ``pyodide-lock.json`` lists only the packages in it:
the served site never asks another host for anything.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.errors import CourseError

NPM_REGISTRY = "https://registry.npmjs.org"
PYPI = "https://pypi.org/simple"  # the index's JSON form (PEP 691): every file of a project, with its sha256
PYPI_JSON = "application/vnd.pypi.simple.v1+json"

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide.js")

# what the Pyodide kernel loads at start (micropip, then IPython and friends) and what the widgets need
KERNEL_PACKAGES = ("micropip", "ipython", "jedi", "typing-extensions")


@dataclass(frozen=True)
class ExtraWheel:
    """A pure-Python wheel Pyodide's own lock does not have, with the deps we declare for it (lock names)."""

    name: str
    version: str
    depends: tuple[str, ...]
    imports: tuple[str, ...]


Fetch = Callable[[str], bytes]


def fetch_url(url: str) -> bytes:
    """GET ``url`` (registries only); a failure is a CourseError naming the URL."""
    if not url.startswith("https://"):
        msg = f"not an https URL: {url}"
        raise CourseError(msg, expected="a registry's https URL")
    headers = {"Accept": PYPI_JSON} if url.startswith(PYPI) else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (https only: checked above)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return bytes(response.read())
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        msg = f"could not fetch {url}: {err}"
        raise CourseError(
            msg,
            expected="network access to the npm registry and PyPI for the first `course site --lite` "
            "(later builds use .course-cache/lite/)",
        ) from err


class PyodideCache:
    """Downloads kept under ``root`` (``.course-cache/lite``), each checked against its registry's digest."""

    def __init__(self, root: Path, fetch: Fetch = fetch_url, say: Callable[[str], None] | None = None) -> None:
        self.root = root
        self.fetch = fetch
        self.say = say or (lambda _m: None)

    def _kept(self, rel: str, url: str, check: Callable[[bytes], bool], what: str) -> Path:
        path = self.root / rel
        if path.is_file():
            return path
        self.say(f"fetching {what} from {url}")
        data = self.fetch(url)
        if not check(data):
            msg = f"{url}: the download does not match the digest its registry publishes"
            raise CourseError(msg, expected=f"{what} as the registry lists it; try the build again")
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        part.replace(path)  # never a half-written file in the cache
        return path

    def npm_tarball(self, package: str, version: str) -> Path:
        """The npm package's tarball, checked against the registry's ``integrity`` (sha512)."""
        rel = f"npm/{package}-{version}.tgz"
        if (self.root / rel).is_file():
            return self.root / rel
        meta = json.loads(self.fetch(f"{NPM_REGISTRY}/{package}/{version}"))
        dist = meta["dist"]
        algo, _sep, digest = str(dist["integrity"]).partition("-")
        if algo != "sha512":
            msg = f"npm package {package}@{version}: unexpected integrity {dist['integrity']!r}"
            raise CourseError(msg, expected="a sha512 integrity")

        def check(data: bytes) -> bool:
            return base64.b64encode(hashlib.sha512(data).digest()).decode() == digest

        return self._kept(rel, str(dist["tarball"]), check, f"{package} {version} (npm)")

    def pypi_wheel(self, name: str, version: str, filename: str | None = None) -> Path:
        """A pure-Python wheel of ``name==version`` from PyPI (``filename`` if given), checked by sha256."""
        found = sorted((self.root / "wheels").glob(f"{_wheel_stem(name)}-{version}-*.whl"))
        if filename:
            found = [p for p in found if p.name == filename]
        pure = [p for p in found if p.name.endswith("-none-any.whl")]
        if pure:
            return pure[0]
        project = json.loads(self.fetch(f"{PYPI}/{_normal(name)}/"))
        prefix = f"{_wheel_stem(name)}-{version}-"
        files = [
            f
            for f in project["files"]
            if f["filename"].lower().startswith(prefix)
            and f["filename"].endswith("-none-any.whl")
            and (filename is None or f["filename"] == filename)
        ]
        if not files:
            msg = f"PyPI has no pure-Python wheel {filename or ''} of {name} {version}"
            raise CourseError(msg, expected="a py3-none-any wheel on PyPI (the browser's Python cannot build one)")
        chosen = files[0]
        sha = str(chosen["hashes"]["sha256"])
        return self._kept(
            f"wheels/{chosen['filename']}",
            str(chosen["url"]),
            lambda data: hashlib.sha256(data).hexdigest() == sha,
            f"{name} {version} (PyPI)",
        )


def _wheel_stem(name: str) -> str:
    return name.replace("-", "_").replace(".", "_").lower()


def closure(lock: dict[str, Any], roots: Iterable[str]) -> list[str]:
    """``roots`` and everything they depend on in Pyodide's lock, sorted."""
    keys = {_normal(k): k for k in lock}  # a lock's depends may spell a name otherwise (prompt_toolkit)
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if _normal(name) not in keys:
            msg = f"{name} is not in Pyodide's pyodide-lock.json"
            raise CourseError(msg, expected="a package of the Pyodide version the kernel was built for")
        key = keys[_normal(name)]
        if key not in seen:
            seen.add(key)
            todo.extend(lock[key]["depends"])
    return sorted(seen)


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _extract_runtime(tarball: Path, target: Path) -> dict[str, Any]:
    """The runtime files of the npm tarball into ``target``; returns Pyodide's own lock."""
    lock: dict[str, Any] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if name in (*RUNTIME_FILES, "pyodide-lock.json") and member.isfile():
                data = tar.extractfile(member)
                assert data is not None
                content = data.read()
                if name == "pyodide-lock.json":
                    lock = json.load(io.BytesIO(content))
                else:
                    (target / name).write_bytes(content)
    missing = [f for f in RUNTIME_FILES if not (target / f).is_file()]
    if missing or not lock:
        msg = f"{tarball.name} lacks {', '.join(missing) or 'pyodide-lock.json'}"
        raise CourseError(msg, path=tarball, expected="the npm package pyodide with its runtime files")
    return lock


def assemble_pyodide(
    cache: PyodideCache,
    version: str,
    target: Path,
    extras: Iterable[ExtraWheel],
    local: Iterable[tuple[Path, ExtraWheel]] = (),
) -> list[str]:
    """Pyodide ``version`` with the kernel's packages, ``extras`` (PyPI) and ``local`` wheels in ``target``.

    ``pyodide-lock.json`` there lists exactly the packages in the folder, with the sha256 of the file
    we have. Returns the package names in the lock.
    """
    target.mkdir(parents=True, exist_ok=True)
    upstream = _extract_runtime(cache.npm_tarball("pyodide", version), target)
    packages: dict[str, Any] = {}
    for name in closure(upstream["packages"], KERNEL_PACKAGES):
        entry = dict(upstream["packages"][name])
        wheel = cache.pypi_wheel(entry["name"], entry["version"], entry["file_name"])
        packages[name] = _entry_for(wheel, target, entry)
    for extra in extras:
        wheel = cache.pypi_wheel(extra.name, extra.version)
        packages[extra.name] = _entry_for(wheel, target, _extra_entry(extra, wheel.name))
    for wheel, extra in local:
        packages[extra.name] = _entry_for(wheel, target, _extra_entry(extra, wheel.name))
    have = {_normal(name) for name in packages}
    for name, entry in packages.items():
        missing = [d for d in entry["depends"] if _normal(d) not in have]
        if missing:
            msg = f"{name} depends on {', '.join(missing)}, which the Lite site's Pyodide does not have"
            raise CourseError(msg, expected="every dependency listed among the Lite wheels")
    lock = {"info": upstream["info"], "packages": dict(sorted(packages.items()))}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sorted(packages)


def _extra_entry(extra: ExtraWheel, filename: str) -> dict[str, Any]:
    return {
        "name": extra.name,
        "version": extra.version,
        "file_name": filename,
        "install_dir": "site",
        "package_type": "package",
        "imports": list(extra.imports),
        "depends": list(extra.depends),
        "unvendored_tests": False,
    }


def _entry_for(wheel: Path, target: Path, entry: dict[str, Any]) -> dict[str, Any]:
    data = wheel.read_bytes()
    (target / wheel.name).write_bytes(data)
    return {**entry, "file_name": wheel.name, "sha256": hashlib.sha256(data).hexdigest()}
