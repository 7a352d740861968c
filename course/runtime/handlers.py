"""HTTP as plain values, for sections that teach HTTP before they teach a web framework.

:class:`Call` is one request and :class:`Reply` one response, both frozen dataclasses a learner can build
and compare in a test without any server. :func:`handler_app` turns a plain function
``handle(call) -> Reply`` into an ASGI application (FastAPI) that sends every request, whatever its path
and method, to that function; the application is then called in memory with
``fastapi.testclient.TestClient`` or served for real with :func:`course.runtime.aio.serve`.
Importing this module imports FastAPI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# At module level, not inside handler_app: FastAPI reads the endpoint's annotations (strings here, because of
# the __future__ import) in this module's globals, and a `request: Request` it cannot resolve becomes a
# query parameter.
from fastapi import FastAPI, Request, Response

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
"""The methods :func:`handler_app` passes on to the handler."""


@dataclass(frozen=True)
class Call:
    """One HTTP request as a plain value. Header names are lower case, as ASGI servers hand them over."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Reply:
    """One HTTP response as a plain value: a ``bytes`` body is sent as it is, ``None`` as no body, and any
    other body as JSON (with ``content-type: application/json`` unless the headers name a content type)."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def encode(reply: Reply) -> tuple[bytes, dict[str, str]]:
    """The bytes and headers that go on the wire for ``reply``."""
    headers = dict(reply.headers)
    if reply.body is None:
        return b"", headers
    if isinstance(reply.body, bytes):
        return reply.body, headers
    if not any(name.lower() == "content-type" for name in headers):
        headers["content-type"] = "application/json"
    return json.dumps(reply.body).encode(), headers


def handler_app(handle: Callable[[Call], Reply]) -> FastAPI:
    """A FastAPI app that sends every request, whatever its path and method, to ``handle``.

    The query string becomes ``Call.query`` (the last value of a repeated name wins), the headers
    ``Call.headers`` (lower-case names; of a repeated header, the last value wins)."""
    app = FastAPI(openapi_url=None)

    @app.api_route("/{path:path}", methods=list(METHODS))
    async def every_request(request: Request) -> Response:
        call = Call(
            request.method,
            request.url.path,
            dict(request.query_params),
            dict(request.headers.items()),
            await request.body(),
        )
        reply = handle(call)
        content, headers = encode(reply)
        return Response(content, status_code=reply.status, headers=headers)

    return app
