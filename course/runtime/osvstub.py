"""A local stand-in for the OSV vulnerability API (``POST /v1/query``), for one ``with`` block.

>>> advisory = {"id": "COURSE-1", "summary": "fixture", "affected": [
...     {"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "versions": ["1.0"]}]}
>>> with osv_server([advisory]) as server:
...     query(server.url, "Demo_Pkg", "1.0")["vulns"][0]["id"], query(server.url, "demo-pkg", "2.0")
('COURSE-1', {})

It speaks the one call ``pip-audit -s osv --osv-url URL`` makes: a JSON body
``{"package": {"name": ..., "ecosystem": "PyPI"}, "version": ...}`` answered with
``{"vulns": [advisory, ...]}``, or ``{}`` when nothing matches (as the real API does). A query
matches an advisory when one of its ``affected`` entries names the same PyPI project (PEP 503
normalised) and lists the version in its explicit ``versions`` list. The stub does NOT evaluate
``ranges`` (that is an exercise of section 19.4), batch queries (``/v1/querybatch``), commits, other
ecosystems or ``page_token`` paging. Every query received is kept in ``server.queries`` (the parsed
bodies, in arrival order). Other paths answer 404, a body that is not a JSON query answers 400.

Standard library only (through ``course.runtime.httpserve``).
"""

from __future__ import annotations

import contextlib
import json
import re
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from course.runtime.httpserve import LocalServer, QuietHandler, base_url, local_server

__all__ = ["OsvHandler", "load_advisories", "matching", "normalize", "osv_server", "query"]


def normalize(name: str) -> str:
    """A project name as PEP 503 compares it: runs of ``-``, ``_`` and ``.`` become one ``-``, lower case."""
    return re.sub(r"[-_.]+", "-", name).lower()


def matching(advisories: Sequence[dict[str, Any]], name: str, version: str) -> list[dict[str, Any]]:
    """The advisories that list ``version`` of PyPI project ``name`` among their affected versions."""
    wanted = normalize(name)
    found = []
    for advisory in advisories:
        for affected in advisory.get("affected", []):
            package = affected.get("package", {})
            if (
                package.get("ecosystem") == "PyPI"
                and normalize(package.get("name", "")) == wanted
                and version in affected.get("versions", [])
            ):
                found.append(advisory)
                break
    return found


class OsvHandler(QuietHandler):
    """``POST /v1/query`` answered from ``self.server.advisories``; queries recorded in ``self.server.queries``."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path != "/v1/query":
            self.send_body(404, b"{}", "application/json")
            return
        try:
            body = json.loads(raw)
            name, version = body["package"]["name"], body["version"]
        except (ValueError, KeyError, TypeError):
            self.send_body(400, b'{"message": "not an OSV query"}', "application/json")
            return
        self.server.queries.append(body)  # type: ignore[attr-defined]
        vulns = matching(self.server.advisories, name, version)  # type: ignore[attr-defined]
        self.send_body(200, json.dumps({"vulns": vulns} if vulns else {}).encode(), "application/json")


@contextlib.contextmanager
def osv_server(advisories: Sequence[dict[str, Any]]) -> Iterator[LocalServer]:
    """Serve ``advisories`` (OSV records) on 127.0.0.1 at a free port for one block.

    The server has ``url`` (the full ``.../v1/query`` URL to give ``--osv-url``), ``advisories`` and
    ``queries``."""
    with local_server(OsvHandler, advisories=list(advisories), queries=[]) as server:
        server.url = base_url(server) + "/v1/query"  # type: ignore[attr-defined]
        yield server


def load_advisories(path: str | Path) -> list[dict[str, Any]]:
    """The advisories of a JSON file holding a list of OSV records (UTF-8)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of OSV records")
    return data


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def query(url: str, name: str, version: str) -> dict[str, Any]:
    """One OSV query, as pip-audit sends it (no proxy): the decoded JSON answer."""
    body = json.dumps({"package": {"name": name, "ecosystem": "PyPI"}, "version": version}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})  # noqa: S310
    with _NO_PROXY.open(request, timeout=10) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer
