"""AWS services on a real local HTTP endpoint: moto's ``ThreadedMotoServer`` on 127.0.0.1, for a block or a kernel.

:func:`moto_server` starts a server for the ``with`` block and yields its endpoint URL
(``http://127.0.0.1:PORT``, a free port); :func:`shared_moto` starts one per process (a notebook's setup cell)
and stops it at interpreter exit. The server is a thread of this process, so a killed kernel takes it along.
Any service moto emulates answers there (S3, DynamoDB, SQS, Secrets Manager...); point boto3 at it with
``endpoint_url`` or use :func:`client`.

Clients are hermetic: :func:`client` passes fake keys and the region itself and reads no ``AWS_*`` variable nor any
config file, so boto3 never reads a learner's real ``~/.aws``, never asks the EC2 metadata service (which would
be the network) and never follows a configured ``AWS_ENDPOINT_URL``; it changes nothing in ``os.environ``.
For code that calls ``boto3.client(...)`` itself, :func:`fake_credentials` puts fake keys and a region in the
environment and points the config files at a path that does not exist: :func:`shared_moto` does that for the
whole process (a notebook), :func:`moto_server` only for its block (the environment is restored after it).

For tests of code that takes a client: :func:`recorded` lists the calls a block makes through it (operation and
parameters), and :func:`limited_reads` makes every S3 object body it returns refuse a read of more than a
number of bytes at once, so an answer that loads a whole object into memory fails at its own line.
:func:`throttled` makes the next calls of an operation fail with ``ThrottlingException`` (a real ``ClientError``,
raised by boto3 itself) before anything is sent, so retry code is tested without waiting for a real limit;
:func:`small_pages` forces a page-size parameter on every call of an operation, so code that reads only the first
page of a listing shows it with a handful of items; :func:`backdate` changes the ``LastModified`` time of an object
inside this process's moto server, for age-based clean-up code. :class:`CannedCostExplorer` answers Cost Explorer
reports from pages a test gives (moto's own Cost Explorer answers empty canned data).

moto keeps every service's state in this process, shared by all its servers (and by ``mock_aws``):
:func:`reset` empties it, which is how a notebook's setup cell or a test starts from nothing.
``moto``, ``flask`` and ``flask-cors`` are imported only when a server starts.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime
import logging
import os
import tempfile
import threading
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.runtime.environ import preserved_environ

if TYPE_CHECKING:
    from moto.server import ThreadedMotoServer

__all__ = [
    "REGION",
    "CannedCostExplorer",
    "TooBigRead",
    "TooManyCalls",
    "backdate",
    "client",
    "fake_credentials",
    "limited_reads",
    "moto_server",
    "recorded",
    "reset",
    "resource",
    "shared_moto",
    "small_pages",
    "throttled",
]

REGION = "us-east-1"
"""The region every fake client uses (moto's default; S3 buckets need no location constraint there)."""

_FAKE = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",  # moto accepts any key
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_EC2_METADATA_DISABLED": "true",
}


_MISSING = str(Path(tempfile.gettempdir()) / "course-no-aws-config" / "none")  # never created
_DROPPED = ("AWS_PROFILE", "AWS_ENDPOINT_URL")


def fake_credentials() -> None:
    """Put fake AWS credentials and region in this process's environment and hide the real config files."""
    os.environ.update(_FAKE, AWS_CONFIG_FILE=_MISSING, AWS_SHARED_CREDENTIALS_FILE=_MISSING)
    for name in _DROPPED:
        os.environ.pop(name, None)


@contextlib.contextmanager
def _fake_credentials_for_block() -> Iterator[None]:
    with preserved_environ(*_FAKE, "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", *_DROPPED):
        fake_credentials()
        yield


def _list_moto_modules_once() -> None:
    """moto's server lists its own package folder (a ``stat`` per service, about 180) on every request to learn
    whether the Host header names a service; the folder does not change while the process runs, so the list is
    read once. A moto without that function is left as it is."""
    from moto import backends

    listing = getattr(backends, "list_of_moto_modules", None)
    if listing is None or getattr(listing, "course_cached", False):
        return
    modules = tuple(listing())

    def cached() -> tuple[str, ...]:
        return modules

    cached.course_cached = True  # type: ignore[attr-defined]
    backends.list_of_moto_modules = cached


_regions_lock = threading.RLock()


def _share_region_lists() -> None:
    """moto's EC2 module asks boto3 for the regions of three partitions while it is imported, each time through a
    new boto3 session that parses botocore's big EC2 model again (about 0.5 s each, most of the first EC2 call). While
    moto imports a service, those questions go to the one session moto keeps for the same purpose
    (``AccountSpecificBackend.get_session()``), so the model is parsed once; the answers are the same. A moto
    without these functions is left as it is."""
    import boto3.session  # type: ignore[import-untyped]
    from moto import backends
    from moto.core.base_backend import AccountSpecificBackend

    original_import = getattr(backends, "_import_backend", None)
    moto_session = getattr(AccountSpecificBackend, "get_session", None)
    if original_import is None or moto_session is None or getattr(original_import, "course_shared", False):
        return
    original_regions = boto3.session.Session.get_available_regions

    def regions(_self: Any, service_name: str, partition_name: str = "aws", allow_non_regional: bool = False) -> Any:
        return original_regions(moto_session(), service_name, partition_name, allow_non_regional)

    def import_backend(*args: Any, **kwargs: Any) -> Any:
        with _regions_lock:  # one import at a time, so the method put back is always the original
            boto3.session.Session.get_available_regions = regions
            try:
                return original_import(*args, **kwargs)
            finally:
                boto3.session.Session.get_available_regions = original_regions

    import_backend.course_shared = True  # type: ignore[attr-defined]
    backends._import_backend = import_backend


def _start() -> ThreadedMotoServer:
    # werkzeug (under moto's server) logs every request to stderr at INFO unless its logger has a level.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    from moto.server import ThreadedMotoServer

    _list_moto_modules_once()
    _share_region_lists()

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    return server


def _url(server: ThreadedMotoServer) -> str:
    host, port = server.get_host_and_port()
    return f"http://{host}:{port}"


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """A moto server for the ``with`` block; yields its endpoint URL; stopped (port closed, thread joined) and the
    environment restored at the end."""
    with _fake_credentials_for_block():
        server = _start()
        try:
            yield _url(server)
        finally:
            server.stop()


_shared: list[ThreadedMotoServer] = []
_lock = threading.Lock()


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _shared.pop().stop()


atexit.register(_stop_shared)


def shared_moto() -> str:
    """The endpoint URL of this process's moto server, started on first use and stopped at exit."""
    with _lock:
        if not _shared:
            fake_credentials()
            _shared.append(_start())
        return _url(_shared[0])


def reset(endpoint: str) -> None:
    """Forget every bucket, table, queue... of every service (all of this process's moto state)."""
    if not endpoint.startswith("http://127.0.0.1:"):
        raise ValueError(f"reset: {endpoint!r} is not a local moto server (expected http://127.0.0.1:PORT)")
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST", data=b"")  # noqa: S310  # checked
    with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310  # just above
        reply.read()


_session_lock = threading.Lock()
_sessions: list[Any] = []  # one boto3 session for every client: its loaders cache the service models


def _session() -> Any:
    import boto3
    import botocore.session  # type: ignore[import-untyped]

    if not _sessions:
        nowhere = {  # (config file key, environment variable, default, conversion): no variable, no file
            "profile": (None, None, None, None),
            "config_file": (None, None, _MISSING, None),
            "credentials_file": (None, None, _MISSING, None),
        }
        core = botocore.session.Session(session_vars=nowhere)
        core.set_config_variable("ignore_configured_endpoint_urls", True)
        session = boto3.session.Session(
            botocore_session=core,
            aws_access_key_id=_FAKE["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=_FAKE["AWS_SECRET_ACCESS_KEY"],
            region_name=REGION,
        )
        _sessions.append(session)
    return _sessions[0]


def client(service: str, endpoint: str | None, **options: Any) -> Any:
    """``boto3.client(service)`` talking to ``endpoint`` (``None``: AWS itself) with fake keys and :data:`REGION`
    (unless ``region_name=`` says otherwise), whatever the environment and ``~/.aws`` hold. Making a client takes
    about 0.1 s: make one per service and keep it."""
    with _session_lock:  # a boto3 session is not safe to share between threads; its clients are
        return _session().client(service, endpoint_url=endpoint, **options)


def resource(service: str, endpoint: str | None, **options: Any) -> Any:
    """``boto3.resource(service)`` (e.g. DynamoDB's tables and items API) talking to ``endpoint``, hermetic as
    :func:`client` is (its ``meta.client`` is such a client). Unlike clients, a resource is not safe to share
    between threads."""
    with _session_lock:
        return _session().resource(service, endpoint_url=endpoint, **options)


@contextlib.contextmanager
def recorded(
    boto_client: Any, *operations: str, limit: int | None = None
) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """For the block, every call of ``operations`` (e.g. ``"ListObjectsV2"``) made through ``boto_client``, in
    order, as ``(operation, parameters)``; the list fills as the calls are made (before they are sent).
    With ``limit``, the call after the first ``limit`` of them raises :class:`TooManyCalls` instead of being
    sent, so code that loops for ever (a paginator that never moves on) fails at once."""
    calls: list[tuple[str, dict[str, Any]]] = []
    service = boto_client.meta.service_model.service_id.hyphenize()
    handlers = []
    for operation in operations:

        def record(params: dict[str, Any], _operation: str = operation, **_: Any) -> None:
            if limit is not None and len(calls) >= limit:
                names = ", ".join(operations)
                raise TooManyCalls(f"more than {limit} calls of {names}: does a loop never end?")
            calls.append((_operation, dict(params)))

        event = f"provide-client-params.{service}.{operation}"
        boto_client.meta.events.register(event, record)
        handlers.append((event, record))
    try:
        yield calls
    finally:
        for event, handler in handlers:
            boto_client.meta.events.unregister(event, handler)


class TooManyCalls(AssertionError):
    """A block made more calls through a client than its test allows."""


class TooBigRead(AssertionError):
    """A read of an object body asked for more bytes at once than the test allows."""


@contextlib.contextmanager
def limited_reads(s3_client: Any, max_bytes: int) -> Iterator[list[int | None]]:
    """For the block, the body of every ``GetObject`` answer of ``s3_client`` refuses ``read()`` (everything) and
    ``read(n)`` with ``n > max_bytes`` by raising :class:`TooBigRead`; yields the sizes asked for, in order.
    ``iter_chunks``, ``download_fileobj`` and ``shutil.copyfileobj`` read in pieces and pass."""
    sizes: list[int | None] = []

    def limit(parsed: dict[str, Any], **_: Any) -> None:
        body = parsed.get("Body")
        if body is None:
            return
        real_read = body.read

        def read(amt: int | None = None) -> bytes:
            sizes.append(amt)
            if amt is None or amt > max_bytes:
                asked = "everything" if amt is None else f"{amt:,} bytes"
                raise TooBigRead(f"read {asked} of an S3 object at once; at most {max_bytes:,} bytes per read here")
            return bytes(real_read(amt))

        body.read = read

    event = "after-call.s3.GetObject"
    s3_client.meta.events.register(event, limit)
    try:
        yield sizes
    finally:
        s3_client.meta.events.unregister(event, limit)


@contextlib.contextmanager
def throttled(
    boto_client: Any, operation: str, times: int, *, code: str = "ThrottlingException"
) -> Iterator[list[str]]:
    """For the block, the next ``times`` calls of ``operation`` (e.g. ``"SendMessage"``) through ``boto_client`` fail
    with a ``ClientError`` whose ``response["Error"]["Code"]`` is ``code`` (HTTP 400), as AWS answers a caller over
    its rate limit; later calls go through. Nothing is sent for a refused call, and botocore's own retries do not
    see it (the error is raised where a stubbed answer would be), so only the caller's retry code can retry.
    Yields a list that gets the operation's name for every refused call (its length: how many were refused)."""
    refused: list[str] = []
    service = boto_client.meta.service_model.service_id.hyphenize()

    def refuse(**_: Any) -> tuple[Any, dict[str, Any]] | None:
        if len(refused) >= times:
            return None
        refused.append(operation)
        status = 400
        answer = {
            "Error": {"Code": code, "Message": "Rate exceeded"},
            "ResponseMetadata": {"HTTPStatusCode": status, "HTTPHeaders": {}, "RetryAttempts": 0},
        }
        return _StubbedHTTP(status), answer

    event = f"before-call.{service}.{operation}"
    boto_client.meta.events.register(event, refuse)
    try:
        yield refused
    finally:
        boto_client.meta.events.unregister(event, refuse)


class _StubbedHTTP:
    """The little of an HTTP response botocore reads from a stubbed answer."""

    def __init__(self, status_code: int) -> None:
        self.status_code = status_code
        self.headers: dict[str, str] = {}
        self.content = b""


@contextlib.contextmanager
def small_pages(boto_client: Any, operation: str, parameter: str, size: int) -> Iterator[None]:
    """For the block, every call of ``operation`` through ``boto_client`` asks for at most ``size`` items per page:
    ``parameter`` (``"MaxKeys"`` for S3's ``ListObjectsV2``, ``"MaxResults"`` for EC2...) is set to ``size``, or
    lowered to it when the caller asked for more. A paginator's ``PageSize`` is such a parameter too."""
    if size < 1:
        raise ValueError(f"small_pages: a page holds at least one item, not {size}")
    service = boto_client.meta.service_model.service_id.hyphenize()

    def shrink(params: dict[str, Any], **_: Any) -> dict[str, Any]:
        asked = params.get(parameter)
        return {**params, parameter: size if asked is None else min(int(asked), size)}

    event = f"provide-client-params.{service}.{operation}"
    boto_client.meta.events.register(event, shrink)
    try:
        yield
    finally:
        boto_client.meta.events.unregister(event, shrink)


def backdate(bucket: str, key: str, when: datetime.datetime) -> None:
    """Set the ``LastModified`` time S3 reports for ``bucket/key`` (its current version) in this process's moto
    server to ``when`` (an aware datetime; moto keeps naive UTC). Reaches into moto's in-memory S3 backend of the
    default account, so it works only for the moto of this process (:func:`shared_moto`, :func:`moto_server`)."""
    if when.tzinfo is None:
        raise ValueError("backdate: give an aware datetime (e.g. datetime.timezone.utc), not a naive one")
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    found = s3_backends[DEFAULT_ACCOUNT_ID]["aws"].get_object(bucket, key)
    if found is None:
        raise KeyError(f"backdate: no object {key!r} in bucket {bucket!r}")
    found.last_modified = when.astimezone(datetime.UTC).replace(tzinfo=None)


class CannedCostExplorer:
    """Stands in for a Cost Explorer client, whose reports moto answers with empty canned data:
    ``get_cost_and_usage(**params)`` answers the given pages in order, each but the last with a ``NextPageToken``
    (``"page-1"``, ``"page-2"``...) that the caller passes back to get the next one, and records the parameters of
    every call in ``calls``. A caller that makes many more calls than there are pages (a token never passed back)
    gets an ``AssertionError`` instead of looping for ever."""

    def __init__(self, pages: Sequence[Mapping[str, Any]]) -> None:
        if not pages:
            raise ValueError("CannedCostExplorer: give at least one page")
        self.pages = [dict(page) for page in pages]
        self.calls: list[dict[str, Any]] = []

    def get_cost_and_usage(self, **params: Any) -> dict[str, Any]:
        """The page ``params["NextPageToken"]`` names (the first without one), with the next page's token."""
        self.calls.append(params)
        if len(self.calls) > 2 * len(self.pages) + 2:
            raise AssertionError("many more calls than pages: is the NextPageToken passed back?")
        index = int(params.get("NextPageToken", "page-0").removeprefix("page-"))
        page = dict(self.pages[index])
        if index + 1 < len(self.pages):
            page["NextPageToken"] = f"page-{index + 1}"
        return page
