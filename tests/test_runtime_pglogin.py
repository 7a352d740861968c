"""course.runtime.pglogin: roles that need their password on the course's PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import psycopg
from psycopg import sql

from course.runtime.pglogin import can_login, login_url, password_role
from course.runtime.postgres import shared_postgres


def test_login_url_replaces_the_user_and_quotes_the_password() -> None:
    url = "postgresql://postgres@/postgres?host=/tmp/x/run"
    assert login_url(url, "app", "p@ss:w/rd") == "postgresql://app:p%40ss%3Aw%2Frd@/postgres?host=/tmp/x/run"


def test_only_the_current_password_logs_in_and_a_change_takes_effect() -> None:
    url = shared_postgres()
    with password_role(url, "first") as role:
        assert can_login(url, role, "first")
        assert not can_login(url, role, "wrong")
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(role), sql.Literal("second")))
        assert can_login(url, role, "second")
        assert not can_login(url, role, "first")
    with psycopg.connect(url) as admin:
        assert admin.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (role,)).fetchone() == (0,)
        hba = admin.execute("SHOW hba_file").fetchone()
    assert hba is not None and role not in Path(str(hba[0])).read_text(encoding="utf-8")


def test_roles_get_distinct_names() -> None:
    url = shared_postgres()
    with password_role(url, "a") as one, password_role(url, "b", prefix="svc") as two:
        assert one != two and two.startswith("svc_")
        assert can_login(url, two, "b") and not can_login(url, one, "b")


def test_a_failing_block_still_drops_the_role_and_restores_pg_hba_conf() -> None:
    url = shared_postgres()
    with psycopg.connect(url) as admin:
        hba_row = admin.execute("SHOW hba_file").fetchone()
    assert hba_row is not None
    hba = Path(str(hba_row[0]))
    before = hba.read_text(encoding="utf-8")
    role = ""
    try:
        with password_role(url, "pw") as role:
            assert f"local all {role} scram-sha-256" in hba.read_text(encoding="utf-8")
            raise KeyError("a cell failed")
    except KeyError:
        pass
    assert hba.read_text(encoding="utf-8") == before
    assert role and not can_login(url, role, "pw")
    with psycopg.connect(url) as admin:
        assert admin.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (role,)).fetchone() == (0,)
