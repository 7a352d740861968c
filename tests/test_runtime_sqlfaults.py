"""course.runtime.sqlfaults: a rival writer between a read and a write, and crash points in SQL triggers."""

from __future__ import annotations

import doctest
import sqlite3
from pathlib import Path

import pytest

import course.runtime.sqlfaults
from course.runtime.chaosbus import Crash
from course.runtime.sqlfaults import CrashSwitch, MeddlingConnection


def test_doctest() -> None:
    assert doctest.testmod(course.runtime.sqlfaults).failed == 0


def _database(tmp_path: Path) -> Path:
    path = tmp_path / "t.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
    return path


def test_meddle_runs_once_right_after_the_first_select(tmp_path: Path) -> None:
    path = _database(tmp_path)
    rival = sqlite3.connect(path)
    calls: list[str] = []

    def meddle() -> None:
        calls.append("meddle")
        rival.execute("INSERT INTO t VALUES ('a', 1)")
        rival.commit()

    conn = MeddlingConnection(sqlite3.connect(path), meddle)
    conn.execute("INSERT INTO t VALUES ('z', 0)")  # not a SELECT: no meddling yet
    conn.commit()
    assert calls == [] and not conn.meddled
    rows = conn.execute("SELECT k FROM t WHERE k = 'a'")
    assert rows.fetchall() == [] and calls == ["meddle"] and conn.meddled, "the read saw the table before the rival"
    assert conn.execute("  select k from t where k = 'a'").fetchone() == ("a",), "the rival's row is there afterwards"
    assert calls == ["meddle"] and not conn.blocked


def test_rows_read_like_a_cursor(tmp_path: Path) -> None:
    path = _database(tmp_path)
    with sqlite3.connect(path) as setup:
        setup.executemany("INSERT INTO t VALUES (?, ?)", [("a", 1), ("b", 2)])
    conn = MeddlingConnection(sqlite3.connect(path), lambda: None)
    rows = conn.execute("SELECT k, v FROM t ORDER BY k")
    assert rows.fetchone() == ("a", 1) and rows.fetchall() == [("b", 2)]
    assert rows.fetchone() is None and rows.fetchall() == []


def test_with_block_commits_and_rolls_back_on_the_inner_connection(tmp_path: Path) -> None:
    path = _database(tmp_path)
    conn = MeddlingConnection(sqlite3.connect(path), lambda: None)
    with conn as entered:
        assert entered is conn
        conn.execute("INSERT INTO t VALUES ('a', 1)")

    def fail_inside() -> None:
        with conn:
            conn.execute("INSERT INTO t VALUES ('b', 2)")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail_inside()
    assert sqlite3.connect(path).execute("SELECT k FROM t").fetchall() == [("a",)]
    assert conn.in_transaction is False, "attributes come from the inner connection"


def test_a_connection_holding_the_write_lock_blocks_the_rival(tmp_path: Path) -> None:
    path = _database(tmp_path)
    rival = sqlite3.connect(path, timeout=0.05)
    conn = MeddlingConnection(
        sqlite3.connect(path, isolation_level=None),
        lambda: rival.execute("INSERT INTO t VALUES ('r', 1)"),
    )
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("SELECT COUNT(*) FROM t").fetchone()
    conn.execute("INSERT INTO t VALUES ('me', 1)")
    conn.execute("COMMIT")
    assert conn.blocked and conn.meddled
    assert sqlite3.connect(path).execute("SELECT k FROM t").fetchall() == [("me",)]


def test_crash_switch_fires_once_at_the_armed_table() -> None:
    switch = CrashSwitch()
    switch("t")  # not armed: nothing happens
    switch.arm("t")
    switch("other")
    with pytest.raises(Crash):
        switch("t")
    switch("t")
    assert switch.fired == ["t"] and switch.armed is None


def test_crash_in_a_trigger_aborts_the_statement_and_the_transaction_rolls_back() -> None:
    conn = sqlite3.connect(":memory:")
    switch = CrashSwitch()
    conn.create_function("crash_point", 1, switch)
    conn.executescript(
        "CREATE TABLE a (n INTEGER); CREATE TABLE b (n INTEGER);"
        "CREATE TRIGGER crash_b BEFORE INSERT ON b BEGIN SELECT crash_point('b'); END;"
    )
    switch.arm("b")

    def write_both() -> None:
        with conn:
            conn.execute("INSERT INTO a VALUES (1)")
            conn.execute("INSERT INTO b VALUES (1)")

    with pytest.raises(sqlite3.OperationalError):
        write_both()
    assert conn.execute("SELECT COUNT(*) FROM a").fetchone() == (0,) and switch.fired == ["b"]
