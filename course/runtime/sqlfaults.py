"""Failures on cue for SQLite code: a rival writer between a read and a write, a crash in the middle of a write.

:class:`MeddlingConnection` wraps a ``sqlite3.Connection`` and runs ``meddle()`` once, right after the first
``SELECT`` it executes: another service committing between your read and your write, on every run, with no
threads and no timing. If the wrapped connection already holds the write lock (``BEGIN IMMEDIATE``), the
rival cannot commit (SQLite says "database is locked"); :attr:`MeddlingConnection.blocked` records that, so a
test accepts a design that cannot lose the race.

:class:`CrashSwitch` is a crash point for SQL triggers: register it with
``conn.create_function("crash_point", 1, switch)``, call ``crash_point('<table>')`` from a ``BEFORE`` trigger,
and ``switch.arm(table)`` makes the next write to that table fail as if the process died there (SQLite hands
the Python error back as ``sqlite3.OperationalError``, and the statement is aborted).

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:")
>>> switch = CrashSwitch()
>>> conn.create_function("crash_point", 1, switch)
>>> _ = conn.executescript(
...     "CREATE TABLE t (n INTEGER);"
...     "CREATE TRIGGER crash_t BEFORE INSERT ON t BEGIN SELECT crash_point('t'); END;"
... )
>>> switch.arm("t")
>>> try:
...     conn.execute("INSERT INTO t VALUES (1)")
... except sqlite3.OperationalError:
...     print("crashed")
crashed
>>> _ = conn.execute("INSERT INTO t VALUES (2)")  # the switch disarmed itself
>>> conn.execute("SELECT n FROM t").fetchall()
[(2,)]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from course.runtime.chaosbus import Crash

__all__ = ["CrashSwitch", "MeddlingConnection"]


class _Rows(list[Any]):
    """The rows of a finished ``SELECT``, read like a cursor (``fetchone``, ``fetchall``, iteration)."""

    def fetchone(self) -> Any:
        return self.pop(0) if self else None

    def fetchall(self) -> list[Any]:
        rows, self[:] = list(self), []
        return rows


class MeddlingConnection:
    """A ``sqlite3.Connection`` that runs ``meddle()`` once, right after the first ``SELECT`` it executes.

    Everything else (``commit``, ``rollback``, ``with conn:``, attributes) goes to the wrapped connection.
    The first ``SELECT`` is read to the end before ``meddle()`` runs (an unfinished read would keep the
    database file locked against the rival) and its rows come back as a list with ``fetchone``/``fetchall``.
    Only ``execute`` is watched: a cursor from ``cursor()`` reads past the wrapper, and nothing meddles.
    """

    def __init__(self, inner: sqlite3.Connection, meddle: Callable[[], object]) -> None:
        self.inner = inner
        self.meddle = meddle
        self.meddled = False
        """Whether ``meddle()`` has run."""
        self.blocked = False
        """Whether ``meddle()`` met "database is locked": this connection held the write lock at its read."""

    def execute(self, sql: str, params: Any = ()) -> Any:
        cursor = self.inner.execute(sql, params)
        if self.meddled or not sql.lstrip().upper().startswith("SELECT"):
            return cursor
        rows = _Rows(cursor.fetchall())
        self.meddled = True
        try:
            self.meddle()
        except sqlite3.OperationalError:
            self.blocked = True
        return rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> MeddlingConnection:
        self.inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self.inner.__exit__(*exc)


class CrashSwitch:
    """A crash point: ``switch(table)`` raises :class:`~course.runtime.chaosbus.Crash` once after ``arm(table)``."""

    def __init__(self) -> None:
        self.armed: str | None = None
        """The table whose next write crashes, or ``None``."""
        self.fired: list[str] = []
        """The tables at which a crash happened, in order."""

    def arm(self, table: str) -> None:
        """Make the next write to ``table`` crash (then the switch disarms itself)."""
        self.armed = table

    def __call__(self, table: str) -> None:
        if self.armed == table:
            self.armed = None
            self.fired.append(table)
            raise Crash(f"crashed while writing to {table}")
