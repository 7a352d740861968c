"""Try SQL on a fresh SQLite database and compare the rows exactly, for SQL exercises.

A test makes a fresh in-memory database for each case (:func:`database`, with foreign keys
enforced, as every serious use of SQLite should), runs the learner's query on it (:func:`run`) and
compares the rows with :func:`exactly`: the same values *and* the same type in every place, so
``200`` is not ``200.0``, ``0`` is not ``NULL`` (``None``) and ``'1'`` is not ``1``. Where the prompt
asks for no order, ``exactly(rows, expected, ordered=False)`` compares the rows as a multiset.

Work is counted, never timed: :func:`vm_steps` counts SQLite's own virtual-machine instructions
(in tens) through a progress handler, and :func:`plan` returns the ``EXPLAIN QUERY PLAN`` lines.

>>> rows = run("SELECT n * 2 FROM t ORDER BY n", "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (2), (1)")
>>> rows, exactly(rows, [(2,), (4,)]), exactly(rows, [(2.0,), (4.0,)])
([(2,), (4,)], True, False)
>>> exactly([(4,), (2,)], [(2,), (4,)], ordered=False)
True
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["database", "exactly", "plan", "run", "vm_steps"]

Params = Sequence[Any] | Mapping[str, Any]


def database(script: str = "") -> sqlite3.Connection:
    """A new in-memory database with ``PRAGMA foreign_keys = ON``, after running ``script`` in it."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(script)
    return conn


def run(sql: str, script: str = "", params: Params = ()) -> list[Any]:
    """The rows ``sql`` (with ``params``) returns on a fresh :func:`database` made by ``script``."""
    with contextlib.closing(database(script)) as conn:
        return conn.execute(sql, params).fetchall()


def _typed(row: tuple[Any, ...]) -> tuple[tuple[type, Any], ...]:
    return tuple((type(value), value) for value in row)


def exactly(rows: object, expected: Sequence[tuple[Any, ...]], *, ordered: bool = True) -> bool:
    """``rows`` is a list of tuples equal to ``expected`` with the same type in every place.

    With ``ordered=False`` the order of the rows does not matter (each row still counts as often
    as it occurs)."""
    if type(rows) is not list or len(rows) != len(expected) or any(type(row) is not tuple for row in rows):
        return False
    got, want = [_typed(row) for row in rows], [_typed(row) for row in expected]
    if ordered:
        return got == want
    return Counter(got) == Counter(want)


def vm_steps(conn: sqlite3.Connection, sql: str, params: Params = ()) -> int:
    """How much work SQLite does to run ``sql`` to the end: its VM instructions, in tens.

    Counted by a progress handler called every 10 instructions, so the number is the same on
    every run and every machine for the same SQLite version, data and plan."""
    calls = 0

    def count() -> int:
        nonlocal calls
        calls += 1
        return 0  # 0: go on

    conn.set_progress_handler(count, 10)
    try:
        conn.execute(sql, params).fetchall()
    finally:
        conn.set_progress_handler(None, 0)
    return calls


def plan(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[str]:
    """The detail lines of ``EXPLAIN QUERY PLAN`` for ``sql`` (their wording varies by SQLite version:
    test for words like ``SEARCH``, ``SCAN``, ``INDEX``, ``TEMP B-TREE``, not whole lines)."""
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
