"""HTTP test doubles for client exercises: fake APIs for ``httpx.MockTransport``, and a recording stand-in
for ``http.client.HTTPConnection``. Nothing here opens a socket except through the real connection class.

>>> api = PagedApi([["a", "b"], ["c"]])
>>> with api.client() as client:
...     first = client.get("https://api.test/models")
>>> first.json(), first.links["next"]["url"], api.requests
({'items': ['a', 'b']}, 'https://api.test/models?page=2', [1])

Each fake records what it was asked (``requests``, ``calls``, ``log``) and fails at once, with an
``AssertionError`` naming the loop that does not stop, when asked far more than an answer needs.
"""

from __future__ import annotations

import contextlib
import http.client
import json
from collections.abc import Iterator
from typing import Any, ClassVar

import httpx

__all__ = [
    "REAL_HTTP_CONNECTION",
    "AuthApi",
    "ClosingTransport",
    "PagedApi",
    "RateLimitedApi",
    "RecordingConnection",
    "Scripted",
    "recording_connections",
]


class PagedApi:
    """A fake paginated API for httpx.MockTransport: `pages` maps a page number to its items; `links`
    maps a page to the text of its next link (default: the absolute URL of the next page, if any).
    `status` maps a page to an error status. `requests` lists the page numbers asked for."""

    def __init__(
        self,
        pages: list[list[Any]],
        links: dict[int, str] | None = None,
        status: dict[int, int] | None = None,
        limit: int = 50,
    ) -> None:
        self.pages, self.links, self.status, self.limit = pages, links or {}, status or {}, limit
        self.requests: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        self.requests.append(page)
        if len(self.requests) > self.limit:
            raise AssertionError(f"more than {self.limit} requests: the pagination loop never stops")
        if page in self.status:
            return httpx.Response(self.status[page], json={"error": "boom"})
        headers = {}
        link = self.links.get(page, f"https://api.test/models?page={page + 1}" if page < len(self.pages) else None)
        if link is not None:
            headers["Link"] = f'<{link}>; rel="next", <https://api.test/models?page=1>; rel="first"'
        return httpx.Response(200, json={"items": self.pages[page - 1]}, headers=headers)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


class Scripted:
    """A MockTransport handler that plays a script: each entry is a status code (a response with that
    status) or an exception class (raised, as a failing connection would). `calls` counts the requests;
    asking beyond the script fails at once."""

    def __init__(self, *script: int | type[Exception]) -> None:
        self.script = list(script)
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.calls >= len(self.script):
            raise AssertionError(f"request {self.calls + 1} was not expected (the script has {len(self.script)})")
        step = self.script[self.calls]
        self.calls += 1
        if isinstance(step, int):
            return httpx.Response(step, text=f"answer {self.calls}")
        if issubclass(step, httpx.TransportError):
            raise step(f"failure {self.calls}", request=request)
        raise step(f"failure {self.calls}")

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


class AuthApi:
    """A fake API for MockTransport: POST /login with the right JSON gives a token; GET /reports needs it.
    `log` records (method, path, Authorization header, body text) for each request."""

    USERS: ClassVar[dict[str, str]] = {"ana": "s3cret", "bo": ""}

    def __init__(self) -> None:
        self.log: list[tuple[str, str, str | None, str]] = []
        self.issued: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = request.content.decode()
        self.log.append((request.method, request.url.path, request.headers.get("authorization"), body))
        if request.url.host != "api.test":
            return httpx.Response(421, text="wrong host")
        if request.method == "POST" and request.url.path == "/login":
            sent = json.loads(body or "{}")
            if self.USERS.get(sent.get("user")) != sent.get("password") or sent.get("user") not in self.USERS:
                return httpx.Response(401, json={"error": "bad credentials"})
            token = f"tok-{sent['user']}-{len(self.issued) + 1}"
            self.issued.append(token)
            return httpx.Response(200, json={"token": token})
        if request.headers.get("authorization") not in [f"Bearer {t}" for t in self.issued]:
            return httpx.Response(401, json={"error": "log in first"})
        return httpx.Response(200, json={"path": request.url.path})


class ClosingTransport(httpx.MockTransport):
    """A MockTransport that notes when the client using it is closed (closing a client closes its transport)."""

    closed = False

    def close(self) -> None:
        self.closed = True


class RateLimitedApi:
    """MockTransport handler: plays `script` (status, Retry-After or None) before answering 200 with
    the query parameters as JSON; records (path, query, Authorization) in `log`."""

    def __init__(self, *script: tuple[int, str | None]) -> None:
        self.script = list(script)
        self.log: list[tuple[str, str, str | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.log.append((request.url.path, request.url.query.decode(), request.headers.get("authorization")))
        if len(self.log) > 20:
            raise AssertionError("more than 20 requests: the retry loop does not stop")
        if self.script:
            status, retry_after = self.script.pop(0)
            headers = {} if retry_after is None else {"Retry-After": retry_after}
            return httpx.Response(status, text=f"status {status}", headers=headers)
        return httpx.Response(200, json={"path": request.url.path, "params": dict(request.url.params)})


REAL_HTTP_CONNECTION = http.client.HTTPConnection


class RecordingConnection(REAL_HTTP_CONNECTION):
    """Stands in for http.client.HTTPConnection inside `recording_connections()`: notes (host, port,
    timeout) at each connect and counts close(); `fail` (an OSError class) makes every connect raise it,
    as a closed port (ConnectionRefusedError) or a silent host (TimeoutError) does."""

    connects: ClassVar[list[tuple[str, int, float | None]]] = []
    closes: ClassVar[int] = 0
    fail: ClassVar[type[OSError] | None] = None

    def connect(self) -> None:
        RecordingConnection.connects.append((self.host, self.port, self.timeout))
        if RecordingConnection.fail is not None:
            raise RecordingConnection.fail(f"test: nothing is contacted at {self.host}:{self.port}")
        super().connect()

    def close(self) -> None:
        RecordingConnection.closes += 1
        super().close()


@contextlib.contextmanager
def recording_connections(*, fail: type[OSError] | None = None) -> Iterator[type[RecordingConnection]]:
    """For one block, ``http.client.HTTPConnection`` is ``RecordingConnection`` (its records emptied
    first, ``fail`` set); afterwards the real class is put back."""
    RecordingConnection.connects, RecordingConnection.closes, RecordingConnection.fail = [], 0, fail
    http.client.HTTPConnection = RecordingConnection  # type: ignore[misc]
    try:
        yield RecordingConnection
    finally:
        http.client.HTTPConnection = REAL_HTTP_CONNECTION  # type: ignore[misc]
