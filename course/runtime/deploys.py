"""The models and stand-ins of the deployment exercises (section 15.4): small, readable, recorded.

A deployment exercise needs something to deploy *to*. Real servers are in the demos (``aio.serve``);
the tests use these stand-ins, which record every call in order, so a test can say exactly what an
answer did and in which order, with no timing and no network:

- :class:`Service`, :class:`Action`, :func:`manifest`: what a manifest declares, what a sync does;
  :class:`DirEnvironment`: an environment's actual state as one JSON file per application;
- :class:`FakePool` (rolling updates), :class:`FakeRouter` and :class:`FakeLauncher` (blue-green);
- :class:`Flag` (feature flags), :class:`ServerState` and :func:`counted_check` (health endpoints);
- :class:`Step`, :class:`StepLog`, :class:`Report` (the deployment orchestrator);
- the three versions of a ``users`` table's code for the expand/contract migration
  (:func:`users_v1`, ``old_*``, ``new_*``, :func:`final_add`);
- :func:`version_app`: a tiny FastAPI service saying its name and version, with a ``/healthz``;
- :class:`SleepLimit`: a :class:`~course.runtime.clock.FakeClock` whose ``sleep`` fails after a number of
  calls, so a wait loop that never ends fails at once instead of hanging a test.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from course.runtime.clock import FakeClock

__all__ = [
    "USERS_V1",
    "Action",
    "DirEnvironment",
    "FakeLauncher",
    "FakePool",
    "FakeRouter",
    "Flag",
    "Report",
    "ServerState",
    "Service",
    "SleepLimit",
    "Step",
    "StepLog",
    "TooManySleeps",
    "counted_check",
    "final_add",
    "manifest",
    "new_add",
    "new_names",
    "old_add",
    "old_names",
    "old_rename",
    "users_v1",
    "version_app",
]


@dataclass(frozen=True)
class Service:
    """One application as a manifest declares it: which version, how many copies."""

    name: str
    version: str
    replicas: int


@dataclass(frozen=True)
class Action:
    """One change a sync makes: "create" or "update" (with the wanted `service`), or "delete" (service None)."""

    kind: str
    name: str
    service: Service | None


def manifest(name: str, version: str, replicas: int) -> str:
    """The YAML text of one application's manifest (versions quoted, as they must be)."""
    return f'name: {name}\nversion: "{version}"\nreplicas: {replicas}\n'


class DirEnvironment:
    """The actual state of a local environment kept as files: `<name>.json` per deployed application.

    `actual()` reads what is deployed; `apply(action)` changes it and records the action in `applied`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.applied: list[Action] = []

    def actual(self) -> dict[str, Service]:
        found = {}
        for path in sorted(self.folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            found[path.stem] = Service(path.stem, data["version"], data["replicas"])
        return found

    def apply(self, action: Action) -> None:
        self.applied.append(action)
        path = self.folder / f"{action.name}.json"
        if action.kind == "delete":
            path.unlink()
        elif action.kind in ("create", "update") and action.service is not None:
            body = {"version": action.service.version, "replicas": action.service.replicas}
            path.write_text(json.dumps(body), encoding="utf-8")
        else:
            raise ValueError(f"unknown action {action!r}")


def version_app(name: str, version: str, *, healthy: bool = True) -> FastAPI:
    """A tiny service: `/` says who it is, `/healthz` is 200 when healthy, 503 when not."""
    app = FastAPI()

    @app.get("/")
    def hello() -> dict[str, str]:
        return {"service": name, "version": version}

    @app.get("/healthz")
    def health() -> JSONResponse:
        return JSONResponse({"ok": healthy}, status_code=200 if healthy else 503)

    return app


class FakePool:
    """Instances behind a load balancer, for the rolling-update tests: `log` records every call in order.

    `names()` lists Z to A (sort it yourself); `replace(name, version)` stops the instance and starts one of
    `version` in its place; `healthy(name)` is False for the (name, version) pairs in `broken`."""

    def __init__(self, versions: dict[str, str], broken: set[tuple[str, str]] | None = None) -> None:
        self.versions = dict(versions)
        self.broken = broken or set()
        self.log: list[str] = []

    def names(self) -> list[str]:
        return sorted(self.versions, reverse=True)

    def version(self, name: str) -> str:
        return self.versions[name]

    def replace(self, name: str, version: str) -> None:
        self.log.append(f"replace {name} {self.versions[name]}->{version}")
        self.versions[name] = version

    def healthy(self, name: str) -> bool:
        ok = (name, self.versions[name]) not in self.broken
        self.log.append(f"check {name} {'ok' if ok else 'FAILED'}")
        return ok


class FakeRouter:
    """The routing layer for the blue-green tests: `switch(url)` changes `target` in one step; `switches` counts."""

    def __init__(self) -> None:
        self.target: str | None = None
        self.switches = 0

    def switch(self, url: str) -> None:
        self.target = url
        self.switches += 1


class FakeLauncher:
    """Starts and stops "instances" for the blue-green tests: `launch(color, version)` returns a URL,
    `healthy(url)` is False for versions in `broken`; `running` is the set of URLs up; `log` the calls."""

    def __init__(self, broken: set[str] | None = None) -> None:
        self.broken = broken or set()
        self.running: set[str] = set()
        self.log: list[str] = []

    def launch(self, color: str, version: str) -> str:
        url = f"http://{color}-{version}.local"
        if url in self.running:
            raise RuntimeError(f"{url} is already running")
        self.running.add(url)
        self.log.append(f"launch {url}")
        return url

    def healthy(self, url: str) -> bool:
        self.log.append(f"check {url}")
        return url in self.running and url.split("-", 1)[1].removesuffix(".local") not in self.broken

    def stop(self, url: str) -> None:
        if url not in self.running:
            raise RuntimeError(f"{url} is not running")
        self.running.remove(url)
        self.log.append(f"stop {url}")


@dataclass(frozen=True)
class Flag:
    """A feature flag's rules: `on` is the kill switch, `allow` the users always on, `percent` the rollout."""

    key: str
    on: bool
    percent: int
    allow: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if type(self.percent) is not int or not 0 <= self.percent <= 100:
            raise ValueError(f"flag {self.key!r}: percent must be a whole number 0..100, got {self.percent!r}")


class ServerState:
    """What a health endpoint may look at: `draining` becomes True when shutdown begins."""

    def __init__(self) -> None:
        self.draining = False


def counted_check(calls: dict[str, int], name: str, result: object) -> Callable[[], Any]:
    """A health check that returns `result` and counts its calls in `calls[name]`."""

    def check() -> Any:
        calls[name] = calls.get(name, 0) + 1
        return result

    return check


@dataclass(frozen=True)
class Step:
    """One step of a deployment: `run()` does it (raising on failure), `undo()` reverses it (None: cannot)."""

    name: str
    run: Callable[[], None]
    undo: Callable[[], None] | None = None


class StepLog:
    """Deployment steps for the orchestrator tests that write what ran into `lines`."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def step(self, name: str, fail: bool = False, undo: bool = True, undo_fails: bool = False) -> Step:
        def run() -> None:
            self.lines.append(f"run {name}")
            if fail:
                raise RuntimeError(f"{name} broke")

        def back() -> None:
            self.lines.append(f"undo {name}")
            if undo_fails:
                raise OSError(f"cannot undo {name}")

        return Step(name, run, back if undo else None)


@dataclass(frozen=True)
class Report:
    """What a deployment did: ok, the steps done in order, the one that failed, the steps undone (in the order
    undone) and the undo errors as "step: message"."""

    ok: bool
    done: tuple[str, ...]
    failed: str | None
    rolled_back: tuple[str, ...]
    errors: tuple[str, ...]


USERS_V1 = "CREATE TABLE users (id INTEGER PRIMARY KEY, fullname TEXT NOT NULL)"


def users_v1(*names: str) -> sqlite3.Connection:
    """A new in-memory database with version 1's table, and `names` added by version 1."""
    conn = sqlite3.connect(":memory:")
    conn.execute(USERS_V1)
    for name in names:
        old_add(conn, name)
    return conn


def old_add(conn: sqlite3.Connection, name: str) -> None:
    """Version 1 of the app: knows only `fullname`."""
    conn.execute("INSERT INTO users (fullname) VALUES (?)", (name,))


def old_rename(conn: sqlite3.Connection, user_id: int, name: str) -> None:
    conn.execute("UPDATE users SET fullname = ? WHERE id = ?", (name, user_id))


def old_names(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT fullname FROM users ORDER BY id")]


def new_add(conn: sqlite3.Connection, name: str) -> None:
    """Version 2, during the expand phase: reads `display_name`, writes both columns."""
    conn.execute("INSERT INTO users (fullname, display_name) VALUES (?, ?)", (name, name))


def new_names(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT display_name FROM users ORDER BY id")]


def final_add(conn: sqlite3.Connection, name: str) -> None:
    """Version 3, after the contract step: `fullname` is gone."""
    conn.execute("INSERT INTO users (display_name) VALUES (?)", (name,))


class TooManySleeps(AssertionError):
    """A wait loop slept more times than its test allows: it would never have ended."""


class SleepLimit(FakeClock):
    """A :class:`FakeClock` whose :meth:`sleep` raises :class:`TooManySleeps` on call ``limit + 1``.

    A loop that sleeps ``0`` for ever (``now > deadline`` where ``>=`` was meant) moves no fake time;
    this ends it after ``limit`` sleeps with a message, instead of hanging until a timeout."""

    def __init__(self, start: float = 1000.0, limit: int = 100) -> None:
        super().__init__(start)
        self.limit = limit

    def sleep(self, seconds: float) -> None:
        if len(self.sleeps) >= self.limit:
            raise TooManySleeps(
                f"sleep() called more than {self.limit} times ({self.sleeps[-3:]} last): a loop that never ends?"
            )
        super().sleep(seconds)
