"""A stand-in for Azure Blob Storage's REST API, on 127.0.0.1, that the real ``azure-storage-blob`` client talks to.

It is not Azure and not Azurite: it answers the few requests a script makes to keep files in containers, in the
shapes the Blob service documents, so ``BlobServiceClient`` works against it unchanged::

    PUT    /<account>/<container>?restype=container          create a container (201; 409 ContainerAlreadyExists)
    HEAD   /<account>/<container>?restype=container          container properties (200; 404 ContainerNotFound)
    DELETE /<account>/<container>?restype=container          delete a container and its blobs (202)
    GET    /<account>/<container>?restype=container&comp=list    list blobs: prefix, delimiter, maxresults,
                                                             marker; XML <EnumerationResults>, with <Blob> and
                                                             <BlobPrefix> items in name order and <NextMarker>
    PUT    /<account>/<container>/<blob>                     Put Blob (x-ms-blob-type: BlockBlob, one request;
                                                             If-None-Match: * on an existing blob: 409)
    GET    /<account>/<container>/<blob>                     the bytes; x-ms-range / Range answered with 206
    HEAD   /<account>/<container>/<blob>                     properties (size, type, ETag, MD5, x-ms-meta-*)
    DELETE /<account>/<container>/<blob>                     202

Errors carry the ``x-ms-error-code`` header and an XML ``<Error><Code>`` body, which the client turns into
``ResourceNotFoundError`` / ``ResourceExistsError``. What it does **not** do: check the ``Authorization``
signature (any key, or none, is accepted; the header is recorded), SAS tokens, leases, snapshots, versions,
tags, access tiers, blocks (``Put Block`` / ``Put Block List``, used for uploads over 64 MiB), append and page
blobs, conditional requests other than ``If-None-Match: *``, CORS, or persistence (memory only).

>>> with blob_stand_in() as azure:
...     service = blob_service(azure.url)
...     _ = service.create_container("logs")
...     _ = service.get_container_client("logs").upload_blob("2026/01/a.txt", b"hi")
...     [item.name for item in service.get_container_client("logs").walk_blobs(delimiter="/")]
['2026/']

Every request is recorded in ``server.seen`` as :class:`Seen` (method, path, query, the ``Authorization``
header or ``None``). :func:`fail_next` makes the next requests answer the error codes it is given
(``"ServerBusy"``: 503), for retry lessons. :data:`DEV_ACCOUNT` and :data:`DEV_KEY` are Azurite's well-known
development account and key (published in Microsoft's documentation; not a secret). :func:`azurite_command`
finds a locally installed Azurite (``npm install azurite``), which the course does not ship.

Standard library only, apart from :func:`blob_service` (``azure-storage-blob``, imported when called).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import itertools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape, quoteattr

from course.runtime.httpserve import LocalServer, QuietHandler, base_url, local_server

__all__ = [
    "DEV_ACCOUNT",
    "DEV_KEY",
    "BlobHandler",
    "Seen",
    "StoredBlob",
    "azurite_command",
    "blob_service",
    "blob_stand_in",
    "fail_next",
    "list_items",
    "shared_blob_stand_in",
]

DEV_ACCOUNT = "devstoreaccount1"
"""Azurite's development account name."""

DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
"""Azurite's development account key: public, printed in Microsoft's Azurite documentation."""

API_VERSION = "2025-01-05"  # answered when the client sends none
MAX_RESULTS = 5000  # the service's default page size for List Blobs
_ERRORS = {
    "BlobNotFound": (404, "The specified blob does not exist."),
    "ContainerNotFound": (404, "The specified container does not exist."),
    "ContainerAlreadyExists": (409, "The specified container already exists."),
    "BlobAlreadyExists": (409, "The specified blob already exists."),
    "InvalidRange": (416, "The range specified is invalid for the current size of the resource."),
    "UnsupportedHttpVerb": (405, "The resource doesn't support the specified HTTP verb."),
    "InvalidQueryParameterValue": (
        400,
        "Value for one of the query parameters specified in the request URI is invalid.",
    ),
    "NotSupportedByStandIn": (501, "The course's stand-in does not implement this request (see its docstring)."),
    "ServerBusy": (503, "The server is busy."),
    "InternalError": (500, "The server encountered an internal error."),
}


@dataclass(frozen=True)
class Seen:
    """One request as the stand-in received it."""

    method: str
    path: str
    query: str
    authorization: str | None


@dataclass
class StoredBlob:
    """A blob held in memory: its bytes and the properties the service reports."""

    data: bytes
    content_type: str
    etag: str
    last_modified: str
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def md5(self) -> str:
        """The base64 MD5 of the bytes, as ``Content-MD5`` carries it."""
        return base64.b64encode(hashlib.md5(self.data, usedforsecurity=False).digest()).decode("ascii")


def list_items(names: list[str], prefix: str, delimiter: str) -> list[tuple[str, bool]]:
    """What List Blobs returns for these blob names, in order: ``(name, is_prefix)``. A name whose rest after
    ``prefix`` holds ``delimiter`` is folded into one prefix item (``"a/"``); order is by name."""
    items: dict[str, bool] = {}
    for name in sorted(names):
        if not name.startswith(prefix):
            continue
        rest = name[len(prefix) :]
        cut = rest.find(delimiter) if delimiter else -1
        if cut >= 0:
            items[prefix + rest[: cut + len(delimiter)]] = True
        else:
            items[name] = False
    return sorted(items.items())


class BlobHandler(QuietHandler):
    """Answers Blob service requests from ``server.containers`` ({container: {name: StoredBlob}})."""

    def _route(self) -> None:
        server: Any = self.server
        parts = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
        server.seen.append(Seen(self.command, parts.path, parts.query, self.headers.get("Authorization")))
        body = self._body()
        with server.lock:
            if server.failures:
                self._error(server.failures.pop(0))
                return
            segments = parts.path.split("/", 3)  # "", account, container, blob
            if len(segments) < 3 or segments[1] != server.account or not segments[2]:
                self._error("NotSupportedByStandIn")
                return
            container = unquote(segments[2])
            blob = unquote(segments[3]) if len(segments) == 4 and segments[3] else None
            if blob is None:
                self._container(container, query)
            else:
                self._blob(container, blob, query, body)

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = _route

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                data += self.rfile.read(size)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return data
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _container(self, name: str, query: dict[str, str]) -> None:
        containers: dict[str, dict[str, StoredBlob]] = self.server.containers  # type: ignore[attr-defined]
        if query.get("restype") != "container":
            self._error("NotSupportedByStandIn")
        elif self.command == "PUT" and not query.get("comp"):
            if name in containers:
                self._error("ContainerAlreadyExists")
            else:
                containers[name] = {}
                self._reply(201, headers=self._stamp())
        elif name not in containers:
            self._error("ContainerNotFound")
        elif self.command == "GET" and query.get("comp") == "list":
            self._list(name, containers[name], query)
        elif self.command in ("GET", "HEAD") and not query.get("comp"):
            self._reply(200, headers={**self._stamp(), "x-ms-has-immutability-policy": "false"})
        elif self.command == "DELETE" and not query.get("comp"):
            del containers[name]
            self._reply(202)
        else:
            self._error("NotSupportedByStandIn")

    def _blob(self, container: str, name: str, query: dict[str, str], body: bytes) -> None:
        server: Any = self.server
        blobs = server.containers.get(container)
        if query.get("comp") or "blockid" in query:
            self._error("NotSupportedByStandIn")
        elif blobs is None:
            self._error("ContainerNotFound")
        elif self.command == "PUT":
            if self.headers.get("x-ms-blob-type", "BlockBlob") != "BlockBlob" or self.headers.get("x-ms-copy-source"):
                self._error("NotSupportedByStandIn")
            elif self.headers.get("If-None-Match") == "*" and name in blobs:
                self._error("BlobAlreadyExists")
            else:
                stamp = self._stamp()
                metadata = {
                    k[len("x-ms-meta-") :]: v for k, v in self.headers.items() if k.lower().startswith("x-ms-meta-")
                }
                kind = self.headers.get("x-ms-blob-content-type") or "application/octet-stream"
                stored = StoredBlob(body, kind, stamp["ETag"], stamp["Last-Modified"], metadata)
                blobs[name] = stored
                self._reply(201, headers={**stamp, "Content-MD5": stored.md5, "x-ms-request-server-encrypted": "false"})
        elif name not in blobs:
            self._error("BlobNotFound")
        elif self.command == "DELETE":
            del blobs[name]
            self._reply(202)
        elif self.command in ("GET", "HEAD"):
            self._read(blobs[name])
        else:
            self._error("UnsupportedHttpVerb")

    def _read(self, blob: StoredBlob) -> None:
        headers = {
            "Content-Type": blob.content_type,
            "ETag": blob.etag,
            "Last-Modified": blob.last_modified,
            "Content-MD5": blob.md5,
            "x-ms-blob-type": "BlockBlob",
            "x-ms-creation-time": blob.last_modified,
            "x-ms-server-encrypted": "false",
            "Accept-Ranges": "bytes",
            **{f"x-ms-meta-{key}": value for key, value in blob.metadata.items()},
        }
        wanted = self.headers.get("x-ms-range") or self.headers.get("Range")
        size = len(blob.data)
        if not wanted or self.command == "HEAD":
            self._reply(200, blob.data, headers, length=size)
            return
        start_text, _, end_text = wanted.removeprefix("bytes=").partition("-")
        start = int(start_text)
        end = min(int(end_text) if end_text else size - 1, size - 1)
        if start >= size:
            self._error("InvalidRange", {"Content-Range": f"bytes */{size}"})
            return
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        if start == 0 and end == size - 1:
            headers["x-ms-blob-content-md5"] = blob.md5
        del headers["Content-MD5"]  # it would be the MD5 of the range, which the client may check
        self._reply(206, blob.data[start : end + 1], headers)

    def _list(self, container: str, blobs: dict[str, StoredBlob], query: dict[str, str]) -> None:
        prefix, delimiter, marker = query.get("prefix", ""), query.get("delimiter", ""), query.get("marker", "")
        try:
            limit = int(query.get("maxresults") or MAX_RESULTS)
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_RESULTS:
            self._error("InvalidQueryParameterValue")
            return
        items = [item for item in list_items(list(blobs), prefix, delimiter) if item[0] >= marker]
        page, rest = items[:limit], items[limit:]
        include = query.get("include", "").split(",")
        out = [
            '<?xml version="1.0" encoding="utf-8"?>',
            f"<EnumerationResults ServiceEndpoint={quoteattr(base_url(self.server) + '/' + self.server.account + '/')}"  # type: ignore[arg-type, attr-defined]
            f" ContainerName={quoteattr(container)}>",
        ]
        for tag, value in (("Prefix", prefix), ("Marker", marker), ("Delimiter", delimiter)):
            if value:
                out.append(f"<{tag}>{escape(value)}</{tag}>")
        if "maxresults" in query:
            out.append(f"<MaxResults>{limit}</MaxResults>")
        out.append("<Blobs>")
        for name, is_prefix in page:
            if is_prefix:
                out.append(f"<BlobPrefix><Name>{escape(name)}</Name></BlobPrefix>")
                continue
            blob = blobs[name]
            meta = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in blob.metadata.items()) if "metadata" in include else ""
            out.append(
                f"<Blob><Name>{escape(name)}</Name><Properties>"
                f"<Creation-Time>{blob.last_modified}</Creation-Time><Last-Modified>{blob.last_modified}</Last-Modified>"
                f"<Etag>{blob.etag.strip(chr(34))}</Etag><Content-Length>{len(blob.data)}</Content-Length>"
                f"<Content-Type>{escape(blob.content_type)}</Content-Type><Content-MD5>{blob.md5}</Content-MD5>"
                "<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred>"
                "<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>false</ServerEncrypted>"
                f"</Properties>{'<Metadata>' + meta + '</Metadata>' if 'metadata' in include else ''}</Blob>"
            )
        out.append("</Blobs>")
        out.append(f"<NextMarker>{escape(rest[0][0])}</NextMarker>" if rest else "<NextMarker />")
        out.append("</EnumerationResults>")
        self._reply(200, "".join(out).encode("utf-8"), {"Content-Type": "application/xml"})

    def _stamp(self) -> dict[str, str]:
        server: Any = self.server
        return {"ETag": f'"0x8DE{next(server.etags):013X}"', "Last-Modified": formatdate(usegmt=True)}

    def _error(self, code: str, headers: dict[str, str] | None = None) -> None:
        status, message = _ERRORS[code]
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{escape(message)}\n'
            f"RequestId:00000000-0000-0000-0000-000000000000\nTime:{formatdate(usegmt=True)}</Message></Error>"
        ).encode()
        self._reply(status, body, {"Content-Type": "application/xml", "x-ms-error-code": code, **(headers or {})})

    def _reply(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, length: int | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.send_header("x-ms-version", self.headers.get("x-ms-version") or API_VERSION)
        self.send_header("x-ms-request-id", self.headers.get("x-ms-client-request-id") or "stand-in")
        self.send_header("Date", formatdate(usegmt=True))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def blob_stand_in(account: str = DEV_ACCOUNT) -> Iterator[LocalServer]:
    """An empty Blob service stand-in for the ``with`` block. The server yielded has ``url`` (the account URL,
    ``http://127.0.0.1:PORT/<account>``), ``containers``, ``seen`` and ``failures``; all stopped at the end."""
    state = {"account": account, "containers": {}, "seen": [], "failures": [], "lock": threading.Lock()}
    with local_server(BlobHandler, etags=itertools.count(1), **state) as server:
        server.url = f"{base_url(server)}/{account}"  # type: ignore[attr-defined]
        yield server


def fail_next(server: LocalServer, *codes: str) -> None:
    """The next ``len(codes)`` requests answer these error codes (``"ServerBusy"``: 503; ``"InternalError"``:
    500), whatever they ask; then the stand-in answers normally again."""
    unknown = [code for code in codes if code not in _ERRORS]
    if unknown:
        msg = f"unknown error code(s) {unknown}; known: {sorted(_ERRORS)}"
        raise ValueError(msg)
    with server.lock:  # type: ignore[attr-defined]
        server.failures.extend(codes)  # type: ignore[attr-defined]


_shared: list[tuple[contextlib.ExitStack, LocalServer]] = []
_lock = threading.Lock()


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _shared.pop()[0].close()


atexit.register(_stop_shared)


def shared_blob_stand_in() -> LocalServer:
    """This process's stand-in (a notebook's setup cell), started on first use and stopped at exit."""
    with _lock:
        if not _shared:
            stack = contextlib.ExitStack()
            _shared.append((stack, stack.enter_context(blob_stand_in())))
        return _shared[0][1]


def blob_service(account_url: str, *, retries: int = 0) -> Any:
    """An ``azure.storage.blob.BlobServiceClient`` for ``account_url`` with the development key and at most
    ``retries`` retries (the library's default policy sleeps for seconds between its 3 retries)."""
    from azure.storage.blob import BlobServiceClient

    account = account_url.rstrip("/").rsplit("/", 1)[-1]
    credential = {"account_name": account, "account_key": DEV_KEY}
    return BlobServiceClient(account_url, credential=credential, retry_total=retries)


def azurite_command() -> Path | None:
    """The ``azurite-blob`` program of a local Azurite install (``PATH``, or ``./node_modules/.bin``), or
    ``None``: the course does not install Azurite (a Node.js program)."""
    found = shutil.which("azurite-blob")
    if found:
        return Path(found)
    local = Path(os.getcwd()) / "node_modules" / ".bin" / "azurite-blob"
    return local if local.exists() else None
