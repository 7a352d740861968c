"""A stand-in for HashiCorp Vault's KV version 2 read API, on 127.0.0.1, for one ``with`` block.

It is not Vault (no TLS, policies, leases, logins or writes): it answers the one request a script makes
to read a secret, with the shapes Vault's KV v2 API documents::

    GET /v1/<mount>/data/<path>          X-Vault-Token: <token>
    200 {"request_id": ..., "lease_id": "", "renewable": false, "lease_duration": 0,
         "data": {"data": {<the secret>}, "metadata": {"created_time": ..., "custom_metadata": null,
                  "deletion_time": "", "destroyed": false, "version": 1}},
         "wrap_info": null, "warnings": null, "auth": null}
    GET /v1/<mount>/metadata/<path>      the secret's metadata (current_version, versions, ...)
    403 {"errors": ["permission denied"]}    missing or wrong token
    404 {"errors": []}                       no secret at that path

>>> with vault_stand_in("t-1", {"secret/app/db": {"password": "pw"}}) as vault:
...     request = urllib.request.Request(f"{vault.url}/v1/secret/data/app/db", headers={"X-Vault-Token": "t-1"})
...     with direct_opener().open(request, timeout=10) as response:
...         json.load(response)["data"]["data"]
{'password': 'pw'}

``store`` maps ``"<mount>/<path>"`` to the secret (a dict of strings); a value that is an ``int`` is
answered with that status instead (``503``: a sealed Vault, ``{"errors": ["Vault is sealed"]}``).
Every request is recorded in ``server.seen`` as ``(method, path, token)``, the query string included.

Proxies: ``urllib`` sends requests to ``HTTP_PROXY`` even for ``127.0.0.1`` unless ``no_proxy`` names it.
While the block runs, ``vault_stand_in`` adds ``127.0.0.1`` and ``localhost`` to ``no_proxy``/``NO_PROXY``
(restored afterwards), so a client using ``urllib.request.urlopen`` reaches the stand-in on a machine
with a proxy set; ``direct_opener()`` is an opener that never uses a proxy at all.

Standard library only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from course.runtime.environ import preserved_environ
from course.runtime.httpserve import LocalServer, QuietHandler, base_url, local_server

__all__ = ["LOOPBACK", "VaultHandler", "direct_opener", "vault_stand_in"]

LOOPBACK = ("127.0.0.1", "localhost")
CREATED = "2026-01-01T00:00:00.000000Z"  # a fixed time: answers are the same on every run
_ROUTE = re.compile(r"/v1/([^/]+)/(data|metadata)/(.+)")

Store = Mapping[str, "Mapping[str, str] | int"]


class VaultHandler(QuietHandler):
    """Answers GET requests like Vault's KV v2 engine, from ``server.store`` with ``server.token``."""

    def do_GET(self) -> None:
        server: Any = self.server
        token = self.headers.get("X-Vault-Token")
        server.seen.append(("GET", self.path, token))
        match = _ROUTE.fullmatch(urlsplit(self.path).path)
        secret = server.store.get(f"{match[1]}/{match[3]}") if match else None
        if token != server.token:
            self._json(403, {"errors": ["permission denied"]})
        elif match is None or secret is None:
            self._json(404, {"errors": []})
        elif isinstance(secret, int):
            self._json(secret, {"errors": ["Vault is sealed"] if secret == 503 else [f"status {secret}"]})
        elif match[2] == "metadata":
            self._json(200, _envelope(_metadata()))
        else:
            self._json(200, _envelope({"data": dict(secret), "metadata": _version()}))

    def _json(self, status: int, body: object) -> None:
        self.send_body(status, json.dumps(body).encode("utf-8"), "application/json")


def _version() -> dict[str, Any]:
    return {"created_time": CREATED, "custom_metadata": None, "deletion_time": "", "destroyed": False, "version": 1}


def _metadata() -> dict[str, Any]:
    return {
        "cas_required": False,
        "created_time": CREATED,
        "current_version": 1,
        "custom_metadata": None,
        "delete_version_after": "0s",
        "max_versions": 0,
        "oldest_version": 0,
        "updated_time": CREATED,
        "versions": {"1": {"created_time": CREATED, "deletion_time": "", "destroyed": False}},
    }


def _envelope(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "request_id": "00000000-0000-0000-0000-000000000001",
        "lease_id": "",
        "renewable": False,
        "lease_duration": 0,
        "data": data,
        "wrap_info": None,
        "warnings": None,
        "auth": None,
    }


@contextlib.contextmanager
def _loopback_without_proxy() -> Iterator[None]:
    with preserved_environ("no_proxy", "NO_PROXY") as saved:
        listed = [part.strip() for value in saved.values() if value for part in value.split(",") if part.strip()]
        os.environ["no_proxy"] = os.environ["NO_PROXY"] = ",".join(dict.fromkeys([*listed, *LOOPBACK]))
        yield


@contextlib.contextmanager
def vault_stand_in(token: str, store: Store) -> Iterator[LocalServer]:
    """The stand-in at 127.0.0.1 (free port) for one block; yields the server, whose ``url`` is its
    address (``http://127.0.0.1:PORT``) and ``seen`` the requests it got. Loopback bypasses proxies."""
    with _loopback_without_proxy(), local_server(VaultHandler, token=token, store=store, seen=[]) as server:
        server.url = base_url(server)  # type: ignore[attr-defined]
        yield server


def direct_opener() -> urllib.request.OpenerDirector:
    """A ``urllib`` opener that ignores every proxy setting (``ProxyHandler({})``)."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))
