"""course.runtime.sql: fresh SQLite databases, exact row comparison, counted work and plans."""

from __future__ import annotations

import doctest
import sqlite3

import pytest

import course.runtime.sql
from course.runtime.sql import database, exactly, plan, run, vm_steps


def test_doctests() -> None:
    assert doctest.testmod(course.runtime.sql).failed == 0


def test_database_enforces_foreign_keys_and_runs_the_script() -> None:
    conn = database("CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER REFERENCES a(id));")
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO b VALUES (7)")


def test_each_database_is_new() -> None:
    database("CREATE TABLE t (x)")
    assert database().execute("SELECT name FROM sqlite_master").fetchall() == []


def test_run_takes_positional_and_named_parameters() -> None:
    script = "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)"
    assert run("SELECT n FROM t WHERE n >= ? ORDER BY n", script, (2,)) == [(2,), (3,)]
    assert run("SELECT n FROM t WHERE n < :top ORDER BY n", script, {"top": 2}) == [(1,)]
    assert run("SELECT 1") == [(1,)]


def test_exactly_compares_values_and_types_in_order() -> None:
    assert exactly([(1, "a", None)], [(1, "a", None)])
    assert not exactly([(1.0, "a", None)], [(1, "a", None)]), "200.0 is not 200"
    assert not exactly([(0,)], [(None,)]) and not exactly([(None,)], [(0,)]), "0 is not NULL"
    assert not exactly([("1",)], [(1,)]), "text is not an integer"
    assert not exactly([(True,)], [(1,)]), "bool is not int"
    assert not exactly([(2,), (1,)], [(1,), (2,)]), "order counts by default"
    assert not exactly([(1,)], [(1,), (1,)]) and not exactly([(1,), (1,)], [(1,)]), "row counts differ"
    assert exactly([], []) and not exactly([], [(1,)])


def test_exactly_wants_a_list_of_tuples() -> None:
    assert not exactly(((1,),), [(1,)]), "a tuple of rows is not a list"
    assert not exactly([[1]], [(1,)]), "a row must be a tuple"
    assert not exactly(iter([(1,)]), [(1,)])
    assert not exactly(None, [])


def test_exactly_unordered_is_a_multiset_comparison() -> None:
    assert exactly([(2,), (1,), (2,)], [(2,), (2,), (1,)], ordered=False)
    assert not exactly([(2,), (1,), (1,)], [(2,), (2,), (1,)], ordered=False), "multiplicity counts"
    assert not exactly([(2.0,), (1,)], [(1,), (2,)], ordered=False), "types count"


def test_vm_steps_counts_more_for_more_work_and_is_repeatable() -> None:
    conn = database("CREATE TABLE t (n INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(2000)])
    small = vm_steps(conn, "SELECT n FROM t WHERE n < ?", (0,))
    big = vm_steps(conn, "SELECT n FROM t ORDER BY -n")
    assert 0 < small < big
    assert vm_steps(conn, "SELECT n FROM t ORDER BY -n") == big
    conn.execute("SELECT 1")  # the handler is gone again: nothing counts or stops this
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (2000,)


def test_vm_steps_removes_the_handler_after_an_error() -> None:
    conn = database()
    with pytest.raises(sqlite3.OperationalError):
        vm_steps(conn, "SELECT * FROM missing")
    assert conn.execute("SELECT 1").fetchone() == (1,)


def test_plan_lists_scan_and_search() -> None:
    conn = database("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT); CREATE INDEX t_k ON t (k)")
    assert any("SCAN" in line for line in plan(conn, "SELECT * FROM t ORDER BY id + 0"))
    steps = plan(conn, "SELECT * FROM t WHERE k = ?", ("x",))
    assert any("SEARCH" in line and "INDEX" in line for line in steps), steps
