"""course.runtime.postgres: a real PostgreSQL for a block or a process, a fresh database per test, nothing left."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from course.runtime import postgres
from course.runtime.postgres import (
    PostgresProcess,
    fresh_database,
    postgres_server,
    shared_postgres,
    sqlalchemy_url,
    with_options,
)
from course.runtime.scratch import sweep_stale
from tests.processes import gone, running


def _socket_dir(url: str) -> Path:
    return Path(parse_qs(urlsplit(url).query)["host"][0])


def test_a_block_gets_a_working_postgres_that_stops_with_it() -> None:
    with postgres_server() as url:
        assert url.startswith("postgresql://postgres@/postgres?host=/")
        with psycopg.connect(url) as conn:
            assert conn.info.server_version // 10000 == 16
            conn.execute("CREATE TABLE t (id int PRIMARY KEY, doc jsonb, tags text[])")
            conn.execute("INSERT INTO t VALUES (1, %s, %s)", ('{"a": 1}', ["x", "y"]))
            assert conn.execute("SELECT doc->>'a', tags FROM t WHERE doc @> '{\"a\": 1}'").fetchall() == [
                ("1", ["x", "y"])
            ]
            assert conn.execute("SHOW listen_addresses").fetchone() == ("",), "no TCP: the Unix socket only"
        folder = _socket_dir(url).parent
        assert folder.exists()
    assert not folder.exists(), "the server's folder is removed"


def test_stop_reaps_the_process_and_is_idempotent() -> None:
    server = PostgresProcess()
    pid = server.pid
    assert server.alive()
    server.stop()
    assert server.process is not None and server.process.returncode is not None, "reaped"
    assert not running(pid)
    assert not server.folder.exists()
    server.stop()  # a second stop does nothing


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root must switch user")
def test_as_root_the_server_runs_as_nobody() -> None:
    with postgres_server() as url, psycopg.connect(url) as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()
        assert pid is not None
        uid = os.stat(f"/proc/{pid[0]}").st_uid
        assert uid == postgres.NOBODY, "PostgreSQL refuses root; it runs as nobody, and no user is created"


def _schema(url: str) -> str:
    return parse_qs(urlsplit(url).query)["application_name"][0]


def _schemas(admin: psycopg.Connection, name: str) -> int:
    row = admin.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (name,)).fetchone()
    assert row is not None
    return int(row[0])


def test_fresh_databases_are_separate_schemas_dropped_with_their_connections() -> None:
    with fresh_database("CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2)") as one, fresh_database() as two:
        assert one != two
        with psycopg.connect(one) as conn:
            assert conn.execute("SELECT n FROM t ORDER BY n").fetchall() == [(1,), (2,)]
            conn.execute("CREATE TABLE u (n int)")  # made in the block's schema, not in public
        with psycopg.connect(two) as conn, pytest.raises(psycopg.errors.UndefinedTable):
            conn.execute("SELECT n FROM t")
        held = psycopg.connect(one)  # left open on purpose, inside a transaction holding a lock on t
        held.execute("LOCK TABLE t")
    with psycopg.connect(shared_postgres()) as admin:
        assert _schemas(admin, _schema(one)) == 0, "the schema is dropped although a connection held a lock in it"
        left = admin.execute("SELECT count(*) FROM pg_tables WHERE tablename IN ('t', 'u')").fetchone()
        assert left == (0,), "nothing landed outside the schema"
    with pytest.raises(psycopg.OperationalError):
        held.execute("SELECT 1")  # it was ended by the drop
    held.close()


def test_settings_reach_every_connection_of_the_block() -> None:
    with fresh_database(lock_timeout="2s") as url, psycopg.connect(url) as conn:
        assert conn.execute("SHOW lock_timeout").fetchone() == ("2s",)
    with pytest.raises(ValueError, match="only letters"), fresh_database(lock_timeout="2s; DROP TABLE x"):
        pass


def test_a_failing_script_drops_its_schema_and_raises() -> None:
    with pytest.raises(psycopg.errors.SyntaxError), fresh_database("CREATE TABLE oops ("):
        pass
    with psycopg.connect(shared_postgres()) as admin:
        left = admin.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE %s", (f"course_{os.getpid()}_%",))
        assert left.fetchone() == (0,)


def test_with_options_keeps_the_urls_own_options() -> None:
    url = "postgresql://u@h:5433/db?sslmode=disable&options=-c%20work_mem%3D8MB&application_name=x"
    got = parse_qs(urlsplit(with_options(url, "course_1", {"search_path": "course_1"})).query)
    assert got == {
        "sslmode": ["disable"],
        "options": ["-c work_mem=8MB -c search_path=course_1"],
        "application_name": ["course_1"],
    }


def test_database_url_is_used_instead_of_a_server_of_our_own(monkeypatch: pytest.MonkeyPatch) -> None:
    with postgres_server() as other:  # stands for a server CI or a learner provides
        monkeypatch.setenv("DATABASE_URL", other)
        assert shared_postgres() == other
        started = list(postgres._shared)
        with fresh_database("CREATE TABLE t (n int)") as url, psycopg.connect(url) as conn:
            assert _socket_dir(url) == _socket_dir(other), "the schema lives on DATABASE_URL's server"
            conn.execute("INSERT INTO t VALUES (1)")
            name = _schema(url)
        assert postgres._shared == started, "no server of our own was started for it"
        with psycopg.connect(other) as admin:
            assert _schemas(admin, name) == 0
        postgres._admin_for(other).close()
    monkeypatch.setenv("DATABASE_URL", "host=/tmp dbname=x")
    with pytest.raises(ValueError, match="postgresql://"):
        shared_postgres()


def test_shared_server_is_reused_and_restarted_when_it_died() -> None:
    url = shared_postgres()
    assert shared_postgres() == url
    first = postgres._shared[0]
    assert first.process is not None
    first.process.kill()
    first.process.wait()
    again = shared_postgres()
    assert again != url and postgres._shared[0].alive()
    with psycopg.connect(again) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    postgres._stop_shared()
    assert not postgres._shared


def test_the_shared_server_stops_at_interpreter_exit() -> None:
    script = textwrap.dedent(
        """
        from course.runtime import postgres
        postgres.shared_postgres()
        print(postgres._shared[0].pid, postgres._shared[0].folder, flush=True)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    pid, folder = out.stdout.split()
    assert not running(int(pid))
    assert not Path(folder).exists()
    assert out.stderr == "", "nothing on stderr (nbgrader scores a cell that writes there 0)"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_killed_parent_takes_its_server_along() -> None:
    script = (
        "from course.runtime import postgres; postgres.shared_postgres();"
        " print(postgres._shared[0].pid, flush=True); import time; time.sleep(120)"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert running(pid)
    finally:
        parent.kill()
        parent.wait()
    assert gone(pid, within=60)
    assert sweep_stale("postgres"), "the killed parent's folder is left for the next sweep, which removes it"


def test_reachable_by_others_needs_every_folder_searchable() -> None:
    with tempfile.TemporaryDirectory() as name:  # under /tmp: pytest's tmp_path sits in a folder closed to others
        _check_reachable(Path(name))


def _check_reachable(tmp_path: Path) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    tool = inner / "tool"
    tool.write_text("", encoding="utf-8")
    for folder in [tmp_path, tmp_path / "a", inner]:
        folder.chmod(0o755)
    tool.chmod(0o755)
    if not postgres.reachable_by_others(tmp_path):
        pytest.skip("the temporary folder itself is not reachable by others here")
    assert postgres.reachable_by_others(tool)
    (tmp_path / "a").chmod(0o700)
    try:
        assert not postgres.reachable_by_others(tool), "a folder above it is closed to others"
    finally:
        (tmp_path / "a").chmod(0o755)
    tool.chmod(0o744)
    assert not postgres.reachable_by_others(tool), "not executable by others"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="the copy is made only for root")
def test_as_root_unreachable_binaries_are_copied_into_the_server_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres, "reachable_by_others", lambda path: False)
    server = PostgresProcess()
    try:
        assert (server.folder / "site" / "pgserver" / "pginstall" / "bin" / "postgres").exists()
        assert Path(f"/proc/{server.pid}/exe").resolve().is_relative_to(server.folder), "runs the copy"
        with psycopg.connect(server.url()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        server.stop()
    assert not server.folder.exists(), "the copy goes with the folder"


def _start_in_kernel() -> tuple[object, int, Path]:
    """A real Jupyter kernel (jupyter_client) that started the shared server; its manager, server pid, folder."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", startup_timeout=120)
    out: list[str] = []

    def keep(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    try:
        reply = kc.execute_interactive(
            "from course.runtime import postgres\n"
            "postgres.shared_postgres()\n"
            "print(postgres._shared[0].pid, postgres._shared[0].folder)",
            output_hook=keep,
            timeout=120,
        )
    finally:
        kc.stop_channels()
    assert reply["content"]["status"] == "ok", reply["content"]
    pid, folder = "".join(out).split()
    return km, int(pid), Path(folder)


def test_a_kernel_shut_down_leaves_no_server_and_no_folder() -> None:
    km, pid, folder = _start_in_kernel()
    assert running(pid) and folder.is_dir()
    km.shutdown_kernel(now=False)  # type: ignore[attr-defined]  # what nbclient and Jupyter do
    assert not running(pid), "the server stopped with the kernel"
    assert not folder.exists(), "and its folder is gone"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_killed_kernel_leaves_a_folder_the_next_start_sweeps() -> None:
    km, pid, folder = _start_in_kernel()
    km.shutdown_kernel(now=True)  # type: ignore[attr-defined]  # a kill: no exit handler runs
    assert gone(pid, within=60), "the server died with its kernel"
    assert folder.exists(), "a killed kernel cannot remove its folder"
    with postgres_server():  # the next start (scratch_dir) sweeps folders whose owner is gone
        assert not folder.exists()


def test_sqlalchemy_url_keeps_the_schema_of_fresh_database() -> None:
    import asyncio

    from sqlalchemy import create_engine, text
    from sqlalchemy.ext.asyncio import create_async_engine

    assert sqlalchemy_url("postgres://u@/db?host=/x") == "postgresql+psycopg://u@/db?host=/x"
    assert sqlalchemy_url("postgresql://u@/db", asynchronous=True) == "postgresql+psycopg_async://u@/db"
    with pytest.raises(ValueError, match="postgresql://"):
        sqlalchemy_url("sqlite:///x.db")
    with fresh_database("CREATE TABLE here (x int); INSERT INTO here VALUES (7)") as url:
        schema = _schema(url)
        engine = create_engine(sqlalchemy_url(url))
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SELECT x FROM here")).all() == [(7,)]
                assert conn.execute(text("SELECT current_schema()")).scalar() == schema
        finally:
            engine.dispose()

        async def read() -> object:
            engine = create_async_engine(sqlalchemy_url(url, asynchronous=True))
            try:
                async with engine.connect() as conn:
                    return (await conn.execute(text("SELECT x FROM here"))).scalar()
            finally:
                await engine.dispose()

        assert asyncio.run(read()) == 7
