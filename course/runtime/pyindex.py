"""Tiny wheels and a private package index (PEP 503 HTML, PEP 691 JSON) on 127.0.0.1, for one block.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> wheel = tiny_wheel(folder, "demo-pkg", "1.0")
>>> wheel.name
'demo_pkg-1.0-py3-none-any.whl'
>>> with package_index([wheel]) as index:
...     "demo_pkg-1.0-py3-none-any.whl#sha256=" in fetch(index.url + "demo-pkg/").decode()
True

``tiny_wheel(folder, name, version, code=...)`` writes a real, installable pure-Python wheel (one
module named after the project, ``.dist-info`` with ``METADATA``, ``WHEEL`` and a ``RECORD`` of
sha256 hashes) with fixed timestamps, so the same arguments give the same bytes and the same hash
on every machine. ``sha256_file(path)`` is the hex digest pip's ``--hash=sha256:`` compares.

``package_index(files, yanked=())`` serves those files the way pip's ``--index-url`` expects
(``index.url`` ends in ``/simple/``): the root page lists the projects, ``/simple/<project>/`` lists
its files with ``#sha256=`` fragments (``data-yanked`` for file names in ``yanked``), and
``/files/<name>`` gives the bytes. A request that accepts ``application/vnd.pypi.simple.v1+json``
gets the PEP 691 JSON form instead. Project names are PEP 503 normalised; a name that is not
normalised is redirected (301) as PyPI does. Every path asked is kept in ``index.requests``.
Not served: uploads, ``data-requires-python``, metadata files (PEP 658), authentication.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import json
import re
import urllib.request
import zipfile
from base64 import urlsafe_b64encode
from collections.abc import Iterable, Iterator
from pathlib import Path

from course.runtime.httpserve import LocalServer, QuietHandler, base_url, local_server

__all__ = ["IndexHandler", "fetch", "normalize", "package_index", "sha256_file", "tiny_wheel"]

JSON_TYPE = "application/vnd.pypi.simple.v1+json"
_STAMP = (2024, 1, 1, 0, 0, 0)


def normalize(name: str) -> str:
    """A project name as PEP 503 compares it: runs of ``-``, ``_`` and ``.`` become one ``-``, lower case."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256_file(path: str | Path) -> str:
    """The sha256 hex digest of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tiny_wheel(folder: str | Path, name: str, version: str, code: str = "") -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` (name with ``_`` for ``-``) into ``folder``: one module,
    ``<name>.py`` holding ``code`` plus ``VERSION = "<version>"``. Returns its path."""
    dist = re.sub(r"[-_.]+", "_", name)
    info = f"{dist}-{version}.dist-info"
    files = {
        f"{dist}.py": f"{code}\nVERSION = {version!r}\n".lstrip("\n"),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: course\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        data = text.encode()
        digest = urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    target = Path(folder) / f"{dist}-{version}-py3-none-any.whl"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, text in files.items():
            archive.writestr(zipfile.ZipInfo(path, _STAMP), text)
    target.write_bytes(buffer.getvalue())
    return target


def _project_of(filename: str) -> str:
    return normalize(filename.split("-", 1)[0])


class IndexHandler(QuietHandler):
    """The simple API over ``self.server.files`` (file name -> path), ``self.server.yanked``; records
    ``self.server.requests``."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        files: dict[str, Path] = self.server.files  # type: ignore[attr-defined]
        wants_json = JSON_TYPE in (self.headers.get("Accept") or "")
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        if parts[:1] == ["files"] and len(parts) == 2 and parts[1] in files:
            self.send_body(200, files[parts[1]].read_bytes(), "application/octet-stream")
        elif parts == ["simple"]:
            projects = sorted({_project_of(f) for f in files})
            if wants_json:
                body = {"meta": {"api-version": "1.0"}, "projects": [{"name": p} for p in projects]}
                self.send_body(200, json.dumps(body).encode(), JSON_TYPE)
            else:
                links = "".join(f'<a href="/simple/{p}/">{p}</a>\n' for p in projects)
                self.send_body(200, f"<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n".encode(), "text/html")
        elif parts[:1] == ["simple"] and len(parts) == 2:
            project = normalize(parts[1])
            if project != parts[1]:
                self.send_body(301, b"", headers={"Location": f"/simple/{project}/"})
                return
            self._project_page(project, sorted(f for f in files if _project_of(f) == project), wants_json)
        else:
            self.send_body(404, b"not found\n")

    def _project_page(self, project: str, names: list[str], wants_json: bool) -> None:
        if not names:
            self.send_body(404, b"no such project\n")
            return
        files: dict[str, Path] = self.server.files  # type: ignore[attr-defined]
        yanked: set[str] = self.server.yanked  # type: ignore[attr-defined]
        if wants_json:
            entries = [
                {
                    "filename": n,
                    "url": f"/files/{n}",
                    "hashes": {"sha256": sha256_file(files[n])},
                    "yanked": n in yanked,
                }
                for n in names
            ]
            body = {"meta": {"api-version": "1.0"}, "name": project, "files": entries}
            self.send_body(200, json.dumps(body).encode(), JSON_TYPE)
            return
        links = "".join(
            f'<a href="/files/{html.escape(n)}#sha256={sha256_file(files[n])}"'
            + (' data-yanked=""' if n in yanked else "")
            + f">{html.escape(n)}</a><br>\n"
            for n in names
        )
        self.send_body(200, f"<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n".encode(), "text/html")


@contextlib.contextmanager
def package_index(files: Iterable[str | Path], yanked: Iterable[str] = ()) -> Iterator[LocalServer]:
    """Serve these distribution files as a simple index for one block; ``index.url`` is ``http://127.0.0.1:P/simple/``."""
    by_name = {Path(f).name: Path(f) for f in files}
    with local_server(IndexHandler, files=by_name, yanked=set(yanked), requests=[]) as server:
        server.url = base_url(server) + "/simple/"  # type: ignore[attr-defined]
        yield server


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, accept: str = "text/html") -> bytes:
    """GET ``url`` (no proxy) and return the body."""
    request = urllib.request.Request(url, headers={"Accept": accept})  # noqa: S310
    with _NO_PROXY.open(request, timeout=10) as response:
        data: bytes = response.read()
    return data
