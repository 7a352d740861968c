"""PostgreSQL roles that really need their password, for password-rotation exercises.

The servers :mod:`course.runtime.postgres` starts trust every connection over their Unix socket (no password
asked), so a wrong password would still log in and a rotation could not be verified. :func:`password_role`
creates a ``LOGIN`` role with a password for one ``with`` block and, on a server whose ``pg_hba.conf`` this
process can write (one it started), puts a first line ``local all <role> scram-sha-256`` there and reloads the
configuration: from then on that role (and only that role) logs in with its current password or not at all.
At the end the role is dropped and the line removed. On a server of the learner's own (``DATABASE_URL``)
the file is left alone: such a server is expected to ask for passwords already.

:func:`can_login` tries one connection as a role with a password and says whether it was accepted;
:func:`login_url` is the URL for that connection. ``psycopg`` is imported when called.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["can_login", "login_url", "password_role"]

_counter = itertools.count(1)
_lock = threading.Lock()


def login_url(url: str, role: str, password: str) -> str:
    """``url`` (a ``postgresql://`` URL) with its user and password replaced by ``role`` and ``password``."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{quote(role, safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def can_login(url: str, role: str, password: str) -> bool:
    """True when the server behind ``url`` accepts ``role`` with ``password`` (one short connection)."""
    import psycopg

    try:
        with psycopg.connect(login_url(url, role, password), connect_timeout=10) as connection:
            connection.execute("SELECT 1")
    except psycopg.OperationalError:
        return False
    return True


def _edit_hba(hba: Path, line: str, add: bool) -> bool:
    with _lock:
        try:
            text = hba.read_text(encoding="utf-8")
            if add:
                hba.write_text(line + text, encoding="utf-8")
            else:
                hba.write_text(text.replace(line, ""), encoding="utf-8")
        except OSError:
            return False
    return True


@contextlib.contextmanager
def password_role(url: str, password: str, prefix: str = "app") -> Iterator[str]:
    """A new ``LOGIN`` role named ``<prefix>_<pid>_<n>`` with ``password`` for one block; yields its name.

    ``url`` is an administrator's URL (``shared_postgres()`` or a ``fresh_database`` URL). The role is dropped and
    the ``pg_hba.conf`` line removed (configuration reloaded) however the block ends, also when its set-up fails.
    """
    import psycopg
    from psycopg import sql

    role = f"{prefix}_{os.getpid()}_{next(_counter)}"
    line = f"local all {role} scram-sha-256\n"
    hba: Path | None = None
    edited = False
    try:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), sql.Literal(password))
            )
            hba_file = admin.execute("SHOW hba_file").fetchone()
            hba = Path(str(hba_file[0])) if hba_file else None
            edited = hba is not None and hba.is_file() and os.access(hba, os.W_OK) and _edit_hba(hba, line, add=True)
            if edited:
                admin.execute("SELECT pg_reload_conf()")
        yield role
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s AND pid <> pg_backend_pid()",
                (role,),
            )
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
            if edited and hba is not None and _edit_hba(hba, line, add=False):
                admin.execute("SELECT pg_reload_conf()")
