"""A real PostgreSQL server (from the ``pgserver`` wheel) for one block or for the kernel's lifetime.

:func:`postgres_server` runs ``initdb`` and ``postgres`` from the binaries inside the ``pgserver`` wheel
(PostgreSQL 16) in a fresh temporary folder (from :func:`course.runtime.scratch.scratch_dir`, so a killed
kernel's folder is swept by a later run), with TCP switched off (``listen_addresses=''``) and a Unix socket in
that folder: nothing is reachable from outside and there is no port to race for. It yields a URL that psycopg
and SQLAlchemy understand (``postgresql://postgres@/postgres?host=/tmp/...``); when the block ends the server
gets an immediate shutdown (``SIGQUIT``), is reaped and its folder removed. Durability is switched off
(``fsync=off``): these databases live for seconds.

:func:`shared_postgres` is the same server started once per process and stopped at interpreter exit: what a
notebook's setup cell uses. When the environment variable ``DATABASE_URL`` holds a ``postgresql://`` URL, that
server is used instead and nothing is started. :func:`fresh_database` gives every example and test a clean
place: a new, empty *schema* on that database, made the first entry of ``search_path`` by the URL it yields
(``options=-c search_path=...``), after an optional SQL script ran there; the schema is dropped afterwards
(``DROP SCHEMA ... CASCADE``; connections still open from the URL are ended first, found by their
``application_name``). A schema costs a few milliseconds to make and drop; a database (``CREATE DATABASE`` and
``DROP DATABASE``) cost 150-450 ms at load 8-9 here, which made a notebook of forty tests slow.

PostgreSQL refuses to run as root. Run as root (as CI does), the server runs as the user ``nobody`` (no user
is created; its folders are handed to ``nobody``, the client still connects as the database user
``postgres`` over the socket); if ``nobody`` cannot reach the wheel's binaries (a venv under ``/root``), they
are copied into the server's folder first (about 40 MB).

Starting, stopping and sharing come from :mod:`course.runtime.servers`: on Linux the server is killed when the
process that started it dies, whichever thread asked for it, so a kernel killed outright leaves no server (its
folder is swept by the next start).

Only the standard library is imported here; ``pgserver`` is only located (its binaries), and ``psycopg``
is imported when a database is made.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import itertools
import os
import re
import secrets
import shutil
import signal
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from course.runtime.scratch import scratch_dir
from course.runtime.servers import SharedServer, spawn, stop_process, wait_ready

__all__ = [
    "PostgresProcess",
    "fresh_database",
    "postgres_server",
    "reachable_by_others",
    "shared_postgres",
    "sqlalchemy_url",
    "with_options",
]

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


class _Admin:
    """One autocommit connection to ``url``, opened on first use and kept (each new one costs a server process),
    for our own statements (``CREATE SCHEMA`` ...). Thread-safe."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: Any = None
        self._lock = threading.Lock()

    def execute(self, statement: str, params: object = None) -> None:
        import psycopg

        with self._lock:
            if self._conn is None or self._conn.closed or self._conn.broken:
                self._conn = psycopg.connect(self.url, autocommit=True)
            self._conn.execute(statement, params)  # statements of our own

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._conn.close()
                self._conn = None


class PostgresProcess:
    """One running PostgreSQL server on a Unix socket in its own temporary folder."""

    def __init__(self) -> None:
        self.folder = scratch_dir("postgres")  # removed at exit; swept by a later start if this process was killed
        self.folder.chmod(0o755)  # nobody must reach its own folders inside when we are root
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "run"
        for sub in (self.data, self.socket_dir):
            sub.mkdir(mode=0o700)
            _give(sub)
        self.process: subprocess.Popen[bytes] | None = None
        self._admin = _Admin(self.url())
        try:
            bin_dir = _install_for(self.folder) / "bin"
            init = subprocess.run(
                [str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync",
                 "-E", "UTF8", "--locale=C", "--no-instructions"],
                stdin=subprocess.DEVNULL, capture_output=True, timeout=START_TIMEOUT, check=False,
                **_as_user(),  # type: ignore[call-overload]
            )  # fmt: skip
            if init.returncode != 0:
                raise RuntimeError(f"initdb failed: {init.stderr.decode('utf-8', 'replace').strip()[-500:]}")
            log = self.folder / "postgres.log"
            self.process = spawn(
                [str(bin_dir / "postgres"), "-D", str(self.data), "-k", str(self.socket_dir),
                 "-c", "listen_addresses=", "-c", "fsync=off", "-c", "full_page_writes=off",
                 "-c", "synchronous_commit=off", "-c", "max_connections=40"],
                log, **_as_user(),
            )  # fmt: skip
            wait_ready(
                self.process,
                lambda: _ready(self.data),
                timeout=START_TIMEOUT,
                log=log,
                what=f"postgres in {self.folder}",
            )
        except BaseException:  # an interrupted cell too: the server goes with the half-made object
            self.stop()
            raise

    def url(self, dbname: str = "postgres") -> str:
        """A ``postgresql://`` URL for database ``dbname`` on this server (user ``postgres``, Unix socket)."""
        return f"postgresql://postgres@/{quote(dbname)}?host={quote(str(self.socket_dir))}"

    def admin(self, statement: str, params: object = None) -> None:
        """Run one statement of our own on the ``postgres`` database, in autocommit mode, through one connection
        kept open for the server's life."""
        self._admin.execute(statement, params)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        """True while the server process runs and says it is ready."""
        return self.process is not None and self.process.poll() is None and _ready(self.data)

    def stop(self) -> None:
        """Immediate shutdown (SIGQUIT: no checkpoint, the data is thrown away), then SIGKILL after 10 s; reap it
        and remove its folder. Idempotent."""
        self._admin.close()
        try:
            if self.process is not None:
                stop_process(self.process, signal.SIGQUIT, 10.0)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL server for the ``with`` block; yields the URL of its ``postgres`` database."""
    server = PostgresProcess()
    try:
        yield server.url()
    finally:
        server.stop()


_holder: SharedServer[PostgresProcess] = SharedServer(PostgresProcess)
_shared = _holder.servers  # the running shared server, if any (tests look at it)
_stop_shared = _holder.stop
_external: dict[str, _Admin] = {}  # DATABASE_URL -> its admin connection
_names = itertools.count(1)
_SETTING = re.compile(r"[A-Za-z0-9_.:+-]+")


def _database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        raise ValueError(f"DATABASE_URL must be a postgresql:// URL, got {url.split('://')[0]!r}://...")
    return url


def _admin_for(url: str) -> _Admin:
    if url not in _external:
        _external[url] = _Admin(url)
        atexit.register(_external[url].close)
    return _external[url]


def shared_postgres() -> str:
    """The URL of the database to use: ``DATABASE_URL`` when set, else this process's shared server's
    ``postgres`` database, started on first use and stopped at exit."""
    return _database_url() or _holder.get().url()


def with_options(url: str, application_name: str, settings: dict[str, str]) -> str:
    """``url`` whose connections get ``-c name=value`` for every setting (after any ``options`` it had) and the
    given ``application_name``. Names and values are letters, digits and ``_.:+-`` (no escaping needed)."""
    for item in (application_name, *settings, *settings.values()):
        if not _SETTING.fullmatch(item):
            raise ValueError(f"setting {item!r}: only letters, digits and _.:+- are allowed here")
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    options = [value for key, value in query if key == "options"]
    kept = [(key, value) for key, value in query if key not in ("options", "application_name")]
    options += [f"-c {name}={value}" for name, value in settings.items()]
    kept += [("options", " ".join(options)), ("application_name", application_name)]
    text = "&".join(f"{quote(key)}={quote(value, safe='/')}" for key, value in kept)
    return urlunsplit(parts._replace(query=text))


def sqlalchemy_url(url: str, *, asynchronous: bool = False) -> str:
    """``url`` (``postgresql://`` or ``postgres://``) for SQLAlchemy's psycopg 3 dialect: ``postgresql+psycopg://``, or
    ``postgresql+psycopg_async://`` for ``create_async_engine``. The query (``host``, ``options`` with
    ``search_path``, ``application_name``) is kept: SQLAlchemy hands it to ``psycopg.connect`` as keywords, so an
    engine made from a :func:`fresh_database` URL works in that block's schema."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("postgresql", "postgres"):
        raise ValueError(f"expected a postgresql:// URL, got {scheme + sep if sep else url[:20]!r}...")
    return f"postgresql+{'psycopg_async' if asynchronous else 'psycopg'}://{rest}"


@contextlib.contextmanager
def fresh_database(script: str = "", **settings: str) -> Iterator[str]:
    """A clean place for one block: a new empty schema on :func:`shared_postgres`'s database, after ``script``
    ran in it. Yields a URL whose connections use that schema (``search_path``) and the server settings given
    as keywords (``fresh_database(script, lock_timeout="2s")``). Afterwards the connections still open from that
    URL are ended and the schema is dropped with everything in it."""
    import psycopg

    external = _database_url()
    if external:
        base, admin = external, _admin_for(external)
    else:
        server = _holder.get()
        base, admin = server.url(), server._admin
    schema = f"course_{os.getpid()}_{next(_names)}_{secrets.token_hex(3)}"  # digits, letters and underscores
    url = with_options(base, schema, {"search_path": schema, **settings})
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        if script:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(script)  # a script of our own, several statements
        yield url
    finally:
        with contextlib.suppress(psycopg.OperationalError):
            admin.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                " WHERE application_name = %s AND pid <> pg_backend_pid()",
                (schema,),
            )
            admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
