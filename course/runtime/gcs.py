"""Google Cloud Storage on a real local HTTP endpoint: ``gcp-storage-emulator`` on 127.0.0.1, for a block or a kernel.

:func:`gcs_server` starts an in-memory emulator for the ``with`` block and yields its endpoint URL
(``http://127.0.0.1:PORT``); :func:`shared_gcs` starts one per process (a notebook's setup cell) and stops it at
interpreter exit. The emulator runs in threads of this process, so a killed kernel takes it along.
:func:`gcs_client` is a ``google.cloud.storage.Client`` for an endpoint with anonymous credentials and a fixed
project, so the library never looks for real Google credentials nor asks the metadata server;
:func:`wipe` empties an emulator (every bucket and object).

The emulator's own log ("Resource not found" for every missing object) is silenced. The emulator and the
client library are imported only when used.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["PROJECT", "SUPPORTED", "gcs_client", "gcs_server", "shared_gcs", "wipe"]

PROJECT = "course-test"
"""The project id every emulated client uses."""

_servers: dict[str, tuple[Any, list[threading.Thread]]] = {}  # endpoint -> the emulator and its thread(s)


SUPPORTED = ">=2026.7.19,<2026.8"
"""The ``gcp-storage-emulator`` versions this module is tested with (pyproject.toml pins the same range)."""


def _port(server: Any) -> int:
    """The port the emulator bound. Its ``Server`` has no public way to tell (with port 0 the system picks one), so
    this reads a private attribute, pinned by :data:`SUPPORTED` and failing with a clear message if it moves."""
    try:
        return int(server._api._httpd.server_address[1])
    except (AttributeError, TypeError, IndexError) as err:
        from importlib.metadata import version

        found = version("gcp-storage-emulator")
        msg = (
            f"course.runtime.gcs cannot find the port of gcp-storage-emulator {found}: its internals moved "
            f"(this module supports {SUPPORTED}); install a version in that range or update _port()"
        )
        raise RuntimeError(msg) from err


def _start() -> tuple[str, Any]:
    from gcp_storage_emulator.server import APIThread, create_server  # type: ignore[import-untyped]

    for name in ("gcp_storage_emulator", "api.bucket", "api.object"):  # "Resource not found" on stderr: expected
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # The emulator's thread is not a daemon: Python would wait for it at exit before running the atexit handler
    # that stops it. A thread is a daemon when the thread that creates it is one, so the server (and its thread)
    # is created in a short-lived daemon thread.
    made: list[Any] = []
    maker = threading.Thread(target=lambda: made.append(create_server("127.0.0.1", 0, in_memory=True)), daemon=True)
    maker.start()
    maker.join()
    if not made:
        raise RuntimeError("gcp-storage-emulator: create_server failed (see the traceback above)")
    server = made[0]
    before = set(threading.enumerate())
    server.start()  # returns once the thread has bound its socket
    threads = [t for t in threading.enumerate() if isinstance(t, APIThread) and t not in before]
    endpoint = f"http://127.0.0.1:{_port(server)}"
    _servers[endpoint] = (server, threads)
    return endpoint, server


def _stop(endpoint: str, server: Any) -> None:
    _, threads = _servers.pop(endpoint, (None, []))
    server.stop()  # shuts the HTTP server down and closes its socket
    for thread in threads:  # APIThread.join() only stops the server; Thread.join waits for the thread to end
        threading.Thread.join(thread, timeout=30)


@contextlib.contextmanager
def gcs_server() -> Iterator[str]:
    """An empty in-memory GCS emulator for the ``with`` block; yields its endpoint URL; stopped at the end."""
    endpoint, server = _start()
    try:
        yield endpoint
    finally:
        _stop(endpoint, server)


_shared: list[tuple[str, Any]] = []
_lock = threading.Lock()


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _stop(*_shared.pop())


atexit.register(_stop_shared)


def shared_gcs() -> str:
    """The endpoint URL of this process's GCS emulator, started on first use and stopped at exit."""
    with _lock:
        if not _shared:
            _shared.append(_start())
        return _shared[0][0]


def wipe(endpoint: str) -> None:
    """Delete every bucket and object of the emulator at ``endpoint`` (one this process started)."""
    _servers[endpoint][0].wipe()


def gcs_client(endpoint: str) -> Any:
    """A ``google.cloud.storage.Client`` for the emulator at ``endpoint``: anonymous, project :data:`PROJECT`."""
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage  # type: ignore[import-untyped]

    anonymous = AnonymousCredentials()  # type: ignore[no-untyped-call]
    return storage.Client(project=PROJECT, credentials=anonymous, client_options={"api_endpoint": endpoint})
