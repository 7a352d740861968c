"""course.runtime.deploys: the recording stand-ins of the deployment exercises."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from course.runtime.deploys import (
    Action,
    DirEnvironment,
    FakeLauncher,
    FakePool,
    FakeRouter,
    Flag,
    Service,
    SleepLimit,
    StepLog,
    TooManySleeps,
    counted_check,
    final_add,
    new_add,
    new_names,
    old_names,
    users_v1,
    version_app,
)

with warnings.catch_warnings():  # Starlette warns on import that its TestClient prefers httpx2; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def test_dir_environment_applies_and_reads_back(tmp_path: Path) -> None:
    env = DirEnvironment(tmp_path / "env")
    web = Service("web", "1.0", 2)
    env.apply(Action("create", "web", web))
    assert env.actual() == {"web": web}
    env.apply(Action("delete", "web", None))
    assert env.actual() == {} and [a.kind for a in env.applied] == ["create", "delete"]
    with pytest.raises(ValueError, match="unknown action"):
        env.apply(Action("restart", "web", None))


def test_fake_pool_lists_z_to_a_and_logs_in_order() -> None:
    pool = FakePool({"a": "1", "b": "1"}, broken={("b", "2")})
    assert pool.names() == ["b", "a"]
    pool.replace("b", "2")
    assert pool.healthy("b") is False and pool.healthy("a") is True
    assert pool.log == ["replace b 1->2", "check b FAILED", "check a ok"]


def test_router_and_launcher() -> None:
    router, fleet = FakeRouter(), FakeLauncher(broken={"2"})
    url = fleet.launch("blue", "2")
    router.switch(url)
    assert (router.target, router.switches, fleet.healthy(url)) == ("http://blue-2.local", 1, False)
    with pytest.raises(RuntimeError, match="already running"):
        fleet.launch("blue", "2")
    fleet.stop(url)
    with pytest.raises(RuntimeError, match="not running"):
        fleet.stop(url)


def test_flag_refuses_a_bad_percent() -> None:
    for percent in (-1, 101, 5.0, True):
        with pytest.raises(ValueError, match="percent"):
            Flag("f", True, percent)  # type: ignore[arg-type]
    assert Flag("f", True, 0).percent == 0 and Flag("f", True, 100).allow == frozenset()


def test_step_log_and_counted_check() -> None:
    steps = StepLog()
    ok, broken = steps.step("a"), steps.step("b", fail=True, undo_fails=True)
    ok.run()
    with pytest.raises(RuntimeError, match="b broke"):
        broken.run()
    assert broken.undo is not None
    with pytest.raises(OSError, match="cannot undo b"):
        broken.undo()
    assert steps.lines == ["run a", "run b", "undo b"] and steps.step("c", undo=False).undo is None
    calls: dict[str, int] = {}
    check = counted_check(calls, "db", False)
    assert check() is False and check() is False and calls == {"db": 2}


def test_the_three_versions_of_the_users_table() -> None:
    conn = users_v1("Ada")
    assert old_names(conn) == ["Ada"]
    conn.execute("ALTER TABLE users ADD COLUMN display_name TEXT")
    new_add(conn, "Bo")
    assert old_names(conn) == ["Ada", "Bo"] and new_names(conn) == [None, "Bo"]
    conn.execute("ALTER TABLE users DROP COLUMN fullname")
    final_add(conn, "Cy")
    assert new_names(conn) == [None, "Bo", "Cy"]


def test_version_app_answers_who_and_health() -> None:
    with TestClient(version_app("web", "1.2", healthy=False)) as client:
        assert client.get("/").json() == {"service": "web", "version": "1.2"}
        assert client.get("/healthz").status_code == 503


def test_sleep_limit_ends_a_loop_that_never_ends() -> None:
    clock = SleepLimit(0.0, limit=3)
    for _ in range(3):
        clock.sleep(0)
    with pytest.raises(TooManySleeps, match="more than 3 times"):
        clock.sleep(0)
    assert clock.sleeps == [0, 0, 0] and clock() == 0.0
