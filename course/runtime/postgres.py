"""A real PostgreSQL server (from the ``pgserver`` wheel) for one block or for the kernel's lifetime.

:func:`postgres_server` runs ``initdb`` and ``postgres`` from the binaries inside the ``pgserver`` wheel
(PostgreSQL 16) in a fresh temporary folder (from :func:`course.runtime.scratch.scratch_dir`, so a killed
kernel's folder is swept by a later run), with TCP switched off (``listen_addresses=''``) and a Unix socket in
that folder: nothing is reachable from outside and there is no port to race for. It yields a URL that psycopg
and SQLAlchemy understand (``postgresql://postgres@/postgres?host=/tmp/...``); when the block ends the server
gets a fast shutdown (``SIGINT``), is reaped and its folder removed. Durability is switched off
(``fsync=off``): these databases live for seconds.

:func:`shared_postgres` is the same server started once per process and stopped at interpreter exit: what a
notebook's setup cell uses. :func:`fresh_database` makes a new, empty database on it (``CREATE DATABASE``, a
few tens of milliseconds), runs an optional SQL script there, yields its URL and drops it afterwards, so every
test starts from a known state.

PostgreSQL refuses to run as root. Run as root (as CI does), the server runs as the user ``nobody`` (no user
is created; its folders are handed to ``nobody``, the client still connects as the database user
``postgres`` over the socket); if ``nobody`` cannot reach the wheel's binaries (a venv under ``/root``), they
are copied into the server's folder first (about 40 MB).

On Linux a server started from the main thread is killed when its parent dies (``PR_SET_PDEATHSIG``, set
after the user switch, which would clear it), so a kernel that is killed outright does not leave it behind.

Only the standard library is imported here; ``pgserver`` is only located (its binaries), and ``psycopg``
is imported when a database is made.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib.util
import itertools
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from course.runtime.scratch import scratch_dir

__all__ = ["PostgresProcess", "fresh_database", "postgres_server", "reachable_by_others", "shared_postgres"]

START_TIMEOUT = 60.0
"""Seconds ``initdb`` plus the server get to be ready (together they usually take 1-3 s)."""

NOBODY = 65534
"""The user id the server runs as when this process is root (``nobody`` on Linux)."""


def _install() -> Path:
    """The wheel's PostgreSQL installation (``bin/``, ``lib/``, ``share/``)."""
    spec = importlib.util.find_spec("pgserver")  # found, not imported: its import warns about XDG_RUNTIME_DIR
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the pgserver wheel (PostgreSQL's binaries) is not installed: pip install pgserver")
    return Path(spec.submodule_search_locations[0]) / "pginstall"


def reachable_by_others(path: Path) -> bool:
    """True when a user who is neither the owner nor in the group can reach and execute ``path``: every folder
    above it is searchable by others (``o+x``) and ``path`` itself is executable by them."""
    path = path.resolve()
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in [path, *path.parents])


def _install_for(folder: Path) -> Path:
    """An installation the server's user can run: the wheel's own, or (as root, when the wheel sits where
    ``nobody`` cannot reach it, e.g. a venv under ``/root``) a copy in ``folder``, removed with it."""
    install = _install()
    if not _running_as_root() or reachable_by_others(install / "bin" / "postgres"):
        return install
    site = folder / "site"  # keep the wheel's layout: the binaries find their libraries at ../../../pgserver.libs
    copy = site / "pgserver" / "pginstall"
    shutil.copytree(install, copy, symlinks=True)
    libs = install.parent.parent / "pgserver.libs"
    if libs.is_dir():
        shutil.copytree(libs, site / "pgserver.libs", symlinks=True)
    site.chmod(0o755)
    (site / "pgserver").chmod(0o755)
    return copy


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that asks Linux to SIGKILL the child when its parent dies; ``None`` elsewhere,
    or when called outside the main thread (the signal fires when the starting *thread* ends)."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig, sigkill = 1, int(signal.SIGKILL)

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigkill)  # runs after Popen's user/group switch, which would clear it

    return preexec


def _as_user() -> dict[str, object]:
    """Popen arguments that run a child as ``nobody`` when we are root, and as ourselves otherwise."""
    if _running_as_root():
        return {"user": NOBODY, "group": NOBODY, "extra_groups": []}
    return {}


def _give(path: Path) -> None:
    if _running_as_root():
        os.chown(path, NOBODY, NOBODY)


def _ready(data: Path) -> bool:
    """``postmaster.pid``'s status line (the 8th) says ``ready`` once the server accepts connections."""
    try:
        lines = (data / "postmaster.pid").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return len(lines) >= 8 and lines[7].strip() == "ready"


class PostgresProcess:
    """One running PostgreSQL server on a Unix socket in its own temporary folder."""

    def __init__(self) -> None:
        self.folder = scratch_dir("postgres")
        self.folder.chmod(0o755)  # nobody must reach its own folders inside when we are root
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "run"
        for sub in (self.data, self.socket_dir):
            sub.mkdir(mode=0o700)
            _give(sub)
        self.process: subprocess.Popen[bytes] | None = None
        bin_dir = _install_for(self.folder) / "bin"
        self._admin: Any = None  # a psycopg connection, opened on first use
        self._admin_lock = threading.Lock()
        try:
            deadline = time.monotonic() + START_TIMEOUT
            init = subprocess.run(
                [str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync",
                 "-E", "UTF8", "--locale=C", "--no-instructions"],
                stdin=subprocess.DEVNULL, capture_output=True, timeout=START_TIMEOUT, check=False,
                **_as_user(),  # type: ignore[call-overload]
            )  # fmt: skip
            if init.returncode != 0:
                raise RuntimeError(f"initdb failed: {init.stderr.decode('utf-8', 'replace').strip()[-500:]}")
            log = (self.folder / "postgres.log").open("wb")
            try:
                self.process = subprocess.Popen(
                    [str(bin_dir / "postgres"), "-D", str(self.data), "-k", str(self.socket_dir),
                     "-c", "listen_addresses=", "-c", "fsync=off", "-c", "full_page_writes=off",
                     "-c", "synchronous_commit=off", "-c", "max_connections=40"],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    preexec_fn=_die_with_parent(),  # noqa: PLW1509
                    **_as_user(),  # type: ignore[call-overload]
                )  # fmt: skip
            finally:
                log.close()
            while not _ready(self.data):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    text = (self.folder / "postgres.log").read_text(encoding="utf-8", errors="replace")
                    raise RuntimeError(f"postgres did not start in {self.folder}: {text.strip()[-500:]}")
                time.sleep(0.02)
        except BaseException:
            self.stop()
            raise

    def url(self, dbname: str = "postgres") -> str:
        """A ``postgresql://`` URL for database ``dbname`` on this server (user ``postgres``, Unix socket)."""
        return f"postgresql://postgres@/{quote(dbname)}?host={quote(str(self.socket_dir))}"

    def admin(self, statement: str) -> None:
        """Run one statement (``CREATE DATABASE`` ...) on the ``postgres`` database, in autocommit mode, through
        one connection kept open for the server's life (opening one costs a server process each time)."""
        import psycopg

        with self._admin_lock:
            if self._admin is None or self._admin.closed or self._admin.broken:
                self._admin = psycopg.connect(self.url(), autocommit=True)
            self._admin.execute(statement)  # statements of our own

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        """True while the server process runs and says it is ready."""
        return self.process is not None and self.process.poll() is None and _ready(self.data)

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then SIGKILL after 10 s; reap it and remove its folder. Idempotent."""
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10.0)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL server for the ``with`` block; yields the URL of its ``postgres`` database."""
    server = PostgresProcess()
    try:
        yield server.url()
    finally:
        server.stop()


_shared: list[PostgresProcess] = []
_lock = threading.Lock()
_names = itertools.count(1)


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _shared.pop().stop()


atexit.register(_stop_shared)


def _shared_server() -> PostgresProcess:
    with _lock:
        if _shared and not _shared[0].alive():
            _shared.pop().stop()
        if not _shared:
            _shared.append(PostgresProcess())
        return _shared[0]


def shared_postgres() -> str:
    """The URL of this process's shared server's ``postgres`` database, started on first use, stopped at exit."""
    return _shared_server().url()


@contextlib.contextmanager
def fresh_database(script: str = "") -> Iterator[str]:
    """A new empty database on the shared server, after running ``script`` in it; dropped after the block.

    Yields its URL. Connections still open at the end are ended by the drop (``WITH (FORCE)``)."""
    import psycopg

    server = _shared_server()
    name = f"db_{os.getpid()}_{next(_names)}"
    server.admin(f'CREATE DATABASE "{name}"')  # a name we made: digits and underscores only
    try:
        if script:
            with psycopg.connect(server.url(name), autocommit=True) as conn:
                conn.execute(script)  # a script of our own, several statements
        yield server.url(name)
    finally:
        with contextlib.suppress(psycopg.OperationalError):
            server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
