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

__all__ = ["PROJECT", "gcs_client", "gcs_server", "shared_gcs", "wipe"]

PROJECT = "course-test"
"""The project id every emulated client uses."""

_servers: dict[str, Any] = {}  # endpoint -> the emulator's server object, for wipe()


def _start() -> tuple[str, Any]:
    from gcp_storage_emulator.server import create_server  # type: ignore[import-untyped]

    for name in ("gcp_storage_emulator", "api.bucket", "api.object"):  # "Resource not found" on stderr: expected
        logging.getLogger(name).setLevel(logging.CRITICAL)
    server = create_server("127.0.0.1", 0, in_memory=True)  # port 0: the system picks a free one
    # The emulator's thread is not a daemon: Python would wait for it at exit before running the atexit
    # handler that stops it. As a daemon it cannot hold up the exit.
    server._api.daemon = True
    server.start()  # returns once the thread has bound its socket
    endpoint = f"http://127.0.0.1:{server._api._httpd.server_address[1]}"
    _servers[endpoint] = server
    return endpoint, server


def _stop(endpoint: str, server: Any) -> None:
    _servers.pop(endpoint, None)
    server.stop()


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
    _servers[endpoint].wipe()


def gcs_client(endpoint: str) -> Any:
    """A ``google.cloud.storage.Client`` for the emulator at ``endpoint``: anonymous, project :data:`PROJECT`."""
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage  # type: ignore[import-untyped]

    anonymous = AnonymousCredentials()  # type: ignore[no-untyped-call]
    return storage.Client(project=PROJECT, credentials=anonymous, client_options={"api_endpoint": endpoint})
