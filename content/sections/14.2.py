# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can replace a slow or unreachable dependency (an HTTP API, a database, the
# clock, the environment) with the right test double, patch it where it is looked up, and check what your code did
# to it, without writing tests that pass on broken code.

# %% course={"kind": "setup", "id": "given"}
# Everything here runs offline: HTTP goes to `httpx.MockTransport` (a function answers, no socket is opened), the
# clock is frozen with `freezegun` or replaced by `FakeClock`, files go to temporary folders that are removed.
import datetime
import importlib
import json
import os
import random
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest.mock import ANY, AsyncMock, MagicMock, Mock, call, create_autospec, patch

import httpx
from freezegun import freeze_time

from course.runtime.aio import run
from course.runtime.clock import FakeClock
from course.runtime.modules import scratch_modules


# Given code the exercises test. `latest_version` asks a package registry for a package's newest version;
# `make_latest_version(bug)` gives the same function with one planted bug, to prove that your checks catch it.
def make_latest_version(bug: str | None = None) -> Callable[[httpx.Client, str], str]:
    def latest_version(client: httpx.Client, package: str) -> str:
        """The newest release of `package` on the registry at the client's base URL."""
        path = f"/pypi/{package}/json"
        if bug == "wrong-path":
            path = f"/pypi/{package}"
        if bug == "fixed-name":
            path = "/pypi/requests/json"
        reply = client.post(path) if bug == "posts" else client.get(path)
        if bug == "asks-twice":  # a first request "to check it exists", then the real one
            reply = client.get(path)
        if reply.status_code == 404 and bug not in ("ignores-404", "404-as-status-error"):
            raise LookupError(f"no package named {package!r}")
        if bug == "lookup-for-every-error" and reply.status_code >= 400:
            raise LookupError(f"no package named {package!r}")
        if bug == "swallows-500" and reply.status_code >= 500:
            return ""
        if bug == "ignores-404" and reply.status_code == 404:
            return ""
        reply.raise_for_status()
        version = str(reply.json()["info"]["version"])
        return ".".join(version.split(".")[:2]) if bug == "truncates" else version

    return latest_version


class UserStore:
    """The real database layer. In production it talks to PostgreSQL; tests never build one."""

    def stale_users(self, days: int) -> list[str]:
        """Names of the users who have not logged in for `days` days, oldest first."""
        raise NotImplementedError("needs a database")

    def deactivate(self, name: str, *, reason: str) -> None:
        raise NotImplementedError("needs a database")

    def commit(self) -> None:
        raise NotImplementedError("needs a database")


def make_deactivate_stale(bug: str | None = None) -> Callable[..., int]:
    def deactivate_stale(store: UserStore, days: int = 90) -> int:
        """Deactivate every stale user, then commit once; return how many were deactivated."""
        if bug == "commit-first":
            store.commit()
        if bug == "unknown-method":
            store.begin()  # type: ignore[attr-defined]  # UserStore has no begin(): production raises AttributeError
        names = store.stale_users(90 if bug == "ignores-days" else days)
        order = names[1:] if bug == "skips-first" else names[::-1] if bug == "newest-first" else names
        for name in order:
            reason = f"no login for {90 if bug == 'reason-says-90' else days} days"
            if bug == "positional-reason":
                store.deactivate(name, reason)  # type: ignore[misc]
            else:
                store.deactivate(name, reason=reason)
            if bug == "commit-each":
                store.commit()
        if bug not in ("commit-first", "no-commit"):
            store.commit()
        return None if bug == "no-return" else len(names)  # type: ignore[return-value]

    return deactivate_stale


@dataclass(frozen=True)
class Job:
    id: str
    priority: int
    done: bool = False


class SqliteJobRepo:
    """The real job repository, on SQLite. The fake you write must behave exactly like it."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, priority INTEGER NOT NULL, done INTEGER NOT NULL)")

    def add(self, job: Job) -> None:
        try:
            self.conn.execute("INSERT INTO jobs VALUES (?, ?, ?)", (job.id, job.priority, int(job.done)))
        except sqlite3.IntegrityError:
            raise ValueError(f"job {job.id!r} already exists") from None

    def get(self, job_id: str) -> Job | None:
        row = self.conn.execute("SELECT id, priority, done FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else Job(row[0], row[1], bool(row[2]))

    def pending(self) -> list[Job]:
        rows = self.conn.execute("SELECT id, priority, done FROM jobs WHERE done = 0 ORDER BY priority DESC, id")
        return [Job(i, p, bool(d)) for i, p, d in rows]

    def mark_done(self, job_id: str) -> None:
        if self.conn.execute("UPDATE jobs SET done = 1 WHERE id = ?", (job_id,)).rowcount == 0:
            raise KeyError(job_id)


# `pager.send` pages the on-call engineer (the real one needs the network); `alerts` imports it with `from pager import
# send`. `alerts_module(bug)` makes both importable for one block and yields `alerts`, with one planted bug or none.
PAGER_PY = "async def send(channel: str, text: str) -> None:\n    raise ConnectionError('the real pager: no network')\n"


def alerts_source(bug: str | None = None) -> str:
    compare = ">" if bug == "strictly-more" else ">="
    channel = "dev" if bug == "wrong-channel" else "ops"
    page = f"send({channel!r}, f'{{errors}} errors in the last batch')"
    body = f"        {page}\n" if bug == "not-awaited" else f"        await {page}\n" * (2 if bug == "sends-twice" else 1)
    condition = "True" if bug == "alerts-always" else f"errors {compare} threshold"
    return (
        "from pager import send\n\n\n"
        "async def alert_on_errors(lines: list[str], threshold: int = 3) -> int:\n"
        "    errors = sum(1 for line in lines if line.startswith('ERROR'))\n"
        f"    if {condition}:\n{body}"
        f"    return {'None' if bug == 'no-return' else 'errors'}\n"
    )


@contextmanager
def alerts_module(bug: str | None = None) -> Iterator[ModuleType]:
    with scratch_modules({"pager.py": PAGER_PY, "alerts.py": alerts_source(bug)}), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "coroutine ... was never awaited" from the not-awaited bug
        yield importlib.import_module("alerts")


@dataclass(frozen=True)
class Planned:
    """One planned answer of a mocked service: a status and JSON body, or a connection error."""

    status: int = 200
    json: Any = None
    error: str | None = None


# %% [markdown] course={"kind": "lesson", "id": "doubles", "covers": ["c-test-doubles", "c-dummy-objects", "c-stubs", "c-spies", "c-mocks", "c-fakes"]}
# ### Test doubles: five kinds of stand-in
#
# A *test double* is anything a test hands to the code in place of the real collaborator (an API client, a
# database, a mailer), so the test runs fast, offline and the same way every time. They differ in what they do:
#
# | double | what it does | example |
# |---|---|---|
# | **dummy** | fills a parameter; never used | a `logger=None` the path under test never touches |
# | **stub** | answers with canned values | "the registry says the newest version is 2.3.1" |
# | **spy** | a real or stub object that also *records* how it was called | a list of every alert sent |
# | **mock** | a spy that the test checks against expectations: *was it called, how, how often* | `mailer.send.assert_called_once_with(...)` |
# | **fake** | a small working implementation | an in-memory repository instead of PostgreSQL |
#
# In DevOps and MLOps code the collaborator is usually infrastructure: a cloud API, a model server, a metrics
# backend, a GPU. A stub decides what the code *sees*; a mock checks what the code *does*; a fake behaves like the
# real thing for many calls. The one thing people get wrong: reaching for a mock for everything. A stub or a fake
# lets the test check the *result*; a mock ties the test to the calls, which change whenever the code is refactored.

# %% course={"kind": "demo"}
def page_on_call(disk_free: Callable[[], float], send: Callable[[str], None], log: Any) -> bool:
    """Send a page when less than 10 % of the disk is free; `log` is unused on this path."""
    free = disk_free()
    if free < 0.10:
        send(f"disk almost full: {free:.0%} free")
        return True
    return False


sent: list[str] = []  # a spy: a real function that records
print("stub says 5 % free ->", page_on_call(lambda: 0.05, sent.append, log=None), sent)  # None is the dummy
mailer = Mock()  # a mock: records everything, then the test checks it
page_on_call(lambda: 0.50, mailer, log=None)
mailer.assert_not_called()
print("mock after 50 % free: called", mailer.call_count, "times")

# %% [markdown] course={"kind": "lesson", "id": "unittest-mock", "covers": ["c-unittest-mock", "c-mock-class", "c-magicmock-class", "c-patch-decorator-and-context-manager", "c-patch-object", "c-patch-dict"]}
# ### `unittest.mock`: Mock, MagicMock and patch
#
# `Mock()` makes an object that accepts any attribute and any call, and remembers them; every attribute is itself a
# `Mock`. `MagicMock()` also supports the *magic methods* (`len()`, iteration, `with`, `int()`...) with harmless
# defaults; a plain `Mock` refuses them with `TypeError`. `patch` swaps a name for a mock for the length of a `with`
# block or a decorated test and puts the original back afterwards, even when the test fails.

# %% course={"kind": "demo"}
magic = MagicMock()
print("MagicMock: len", len(magic), "| list", list(magic), "| int", int(magic))
try:
    len(Mock())
except TypeError as error:
    print("Mock:", error)

# %% [markdown] course={"kind": "text"}
# **Patch where the name is looked up, not where it is defined.** `from weather import fetch` copies a reference
# into the importing module. Patching `weather.fetch` afterwards replaces the name in `weather`, but `report`
# still holds the original: the patch does nothing for the code under test. Patch `report.fetch`:

# %% course={"kind": "demo"}
modules = {
    "weather.py": "def fetch(city):\n    raise ConnectionError('no network in tests')\n",
    "report.py": "from weather import fetch\n\ndef headline(city):\n    return f\"{city}: {fetch(city)['temp']} C\"\n",
}
with scratch_modules(modules):
    import report

    with patch("weather.fetch", return_value={"temp": 21}):  # the definition site: report does not see it
        try:
            report.headline("Oslo")
        except ConnectionError as error:
            print("patched weather.fetch -> still the real one:", error)
    with patch("report.fetch", return_value={"temp": 21}) as fake_fetch:  # where report looks it up
        print("patched report.fetch ->", report.headline("Oslo"))
    fake_fetch.assert_called_once_with("Oslo")
    print("after the block the original is back:", report.fetch.__module__ + "." + report.fetch.__name__)

# %% [markdown] course={"kind": "text"}
# `patch.object(obj, "name")` patches an attribute of an object you already hold (no dotted string to mistype);
# `patch.dict(os.environ, {...})` changes a dict for the block and restores it *exactly* afterwards (with
# `clear=True` the dict starts empty). As a decorator, `@patch("report.fetch")` passes the mock as an extra argument.

# %% course={"kind": "demo"}
class Registry:
    def ping(self) -> str:
        return "real network call"


registry = Registry()
with patch.object(registry, "ping", return_value="pong"):
    print("patch.object:", registry.ping())
print("restored:", registry.ping())

with patch.dict(os.environ, {"APP_ENV": "test"}, clear=True):
    print("inside patch.dict:", dict(os.environ))
print("APP_ENV after the block:", os.environ.get("APP_ENV"))


@patch("random.random", return_value=0.25)
def roll(fake_random: Mock) -> float:
    return random.random()


print("decorated:", roll(), "| outside:", type(random.random()).__name__)

# %% [markdown] course={"kind": "lesson", "id": "configuration", "covers": ["c-mock-configuration", "c-return-value", "c-side-effect", "c-spec-and-spec-set", "c-autospec"]}
# ### Configuring a mock: return_value, side_effect, spec, autospec
#
# - `return_value`: what every call returns.
# - `side_effect`: an exception (class or instance) to raise, an iterable of results handed out one per call (an
#   exception in it is raised on that call; past the end comes `StopIteration`), or a function called with the
#   same arguments whose result is returned.
# - `spec=Class`: the mock only has the attributes `Class` has; `spec_set=Class` also refuses *setting* unknown ones.
# - `create_autospec(Class)` (or `patch(..., autospec=True)`): spec all the way down, and every method checks its
#   **signature** like the real one.
#
# Why `spec` matters: a bare mock accepts any name, so a typo or a renamed method passes the test.

# %% course={"kind": "demo"}
flaky = Mock(side_effect=[ConnectionError("reset"), {"status": "ok"}])
try:
    flaky()
except ConnectionError as error:
    print("first call raised:", error)
print("second call:", flaky())
print("function side_effect:", Mock(side_effect=lambda x: x * 2)(21))


def close_stale(store: UserStore) -> int:
    names = store.stale_users(30)
    for name in names:
        store.deactivate_user(name, reason="stale")  # type: ignore[attr-defined]  # typo: the method is `deactivate`
    return len(names)


bare = Mock()
bare.stale_users.return_value = ["ana", "bo"]
print("bare Mock, the typo passes:", close_stale(bare) == 2)
specced = Mock(spec=UserStore)
specced.stale_users.return_value = ["ana", "bo"]
try:
    close_stale(specced)
except AttributeError as error:
    print("Mock(spec=UserStore) catches it:", error)

# %% course={"kind": "demo"}
specced = Mock(spec=UserStore)
specced.deactivate("ana", "stale")  # spec checks names only: a wrong signature still passes
auto = create_autospec(UserStore, instance=True)
try:
    auto.deactivate("ana", "stale")  # `reason` is keyword-only in the real method
except TypeError as error:
    print("autospec checks the signature:", error)
try:
    Mock(spec_set=UserStore).comit = Mock()
except AttributeError as error:
    print("spec_set refuses to set an unknown attribute:", error)

# %% [markdown] course={"kind": "lesson", "id": "assertions", "covers": ["c-mock-assertions", "c-assert-called", "c-assert-called-once", "c-assert-called-with", "c-assert-called-once-with", "c-call-count", "c-call-args-call-args-list"]}
# ### Asserting what was done to a mock
#
# | check | passes when |
# |---|---|
# | `m.assert_called()` | at least one call |
# | `m.assert_called_once()` | exactly one call |
# | `m.assert_called_with(*a, **k)` | the **last** call had these arguments |
# | `m.assert_called_once_with(*a, **k)` | exactly one call, with these arguments |
# | `m.call_count` | the number of calls |
# | `m.call_args`, `m.call_args_list` | the last call / every call, as `call(...)` objects to compare |
#
# `ANY` matches any single argument. `m.mock_calls` lists calls on the mock *and its children*, in order, which
# checks ordering across methods (a commit after the writes). `AsyncMock` is the same for `async def`: calling it
# returns a coroutine, and `assert_awaited_once_with` checks it was awaited. The mistake people make:
# `assert_called_with` checks only the last call; earlier calls may be wrong and it still passes.

# %% course={"kind": "demo"}
store = create_autospec(UserStore, instance=True)
store.deactivate("ana", reason="stale")
store.deactivate("bo", reason="stale")
store.commit()
store.deactivate.assert_called_with("bo", reason=ANY)  # the last call only
print("call_count:", store.deactivate.call_count)
print("call_args_list == expected:", store.deactivate.call_args_list == [call("ana", reason="stale"), call("bo", reason="stale")])
print("commit was last:", store.mock_calls[-1] == call.commit())
try:
    store.deactivate.assert_called_once()
except AssertionError as error:
    print("assert_called_once:", str(error).splitlines()[0])

notify = AsyncMock(return_value=202)
print("AsyncMock returns", run(notify("ops", text="disk full")))
notify.assert_awaited_once_with("ops", text=ANY)

# %% [markdown] course={"kind": "lesson", "id": "strategies", "covers": ["c-mocking-strategies", "c-mocking-external-services", "c-mocking-database-calls", "c-mocking-file-system", "c-mocking-time", "c-mocking-environment-variables"]}
# ### What to replace, and with what
#
# - **External services**: replace the *transport*, not your client code. `httpx.MockTransport(handler)` sends
#   every request to a function you write: your code builds real requests, parses real responses, and no socket
#   opens. The handler can also check what was asked (path, query, headers, body).
# - **Databases**: for "did we call the right queries", a `create_autospec` of your repository class; for
#   behaviour over many calls, a **fake** (an in-memory repository) checked against the real one by the same tests;
#   SQLite in memory is often real enough.
# - **The file system**: do not mock `open`; give the code a real temporary folder (`tempfile.TemporaryDirectory`,
#   pytest's `tmp_path`). Real files catch encoding, newline and path mistakes that a mocked `open` hides.
# - **Time and randomness**: take `clock=` / `sleep=` / `rng=` parameters (`FakeClock` here), or freeze the clock
#   with `freezegun` where code calls `datetime.now()` itself; seed a `random.Random(42)`.
# - **Environment variables**: `patch.dict(os.environ, {...}, clear=True)`, and read them at *call* time.

# %% course={"kind": "demo"}
def registry_handler(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/pypi/httpx/json":
        return httpx.Response(200, json={"info": {"version": "0.28.1"}})
    return httpx.Response(404, json={"message": "Not Found"})


with httpx.Client(transport=httpx.MockTransport(registry_handler), base_url="https://registry.test") as client:
    latest = make_latest_version()
    print("httpx:", latest(client, "httpx"))
    try:
        latest(client, "no-such-thing")
    except LookupError as error:
        print("404 ->", error)


def biggest_file(folder: Path) -> str:
    return max(folder.iterdir(), key=lambda p: p.stat().st_size).name


with tempfile.TemporaryDirectory() as tmp:  # a real folder instead of a mocked os.listdir
    Path(tmp, "small.log").write_text("x\n", encoding="utf-8")
    Path(tmp, "big.log").write_text("x\n" * 100, encoding="utf-8")
    print("biggest file:", biggest_file(Path(tmp)))


def backoff(attempt: int, rng: random.Random) -> float:
    return min(30.0, 2.0**attempt) * rng.uniform(0.5, 1.0)  # jitter


print("seeded jitter is repeatable:", backoff(3, random.Random(42)) == backoff(3, random.Random(42)))
clock = FakeClock()
clock.sleep(backoff(3, random.Random(42)))
print("FakeClock recorded the sleep without waiting:", clock)

# %% [markdown] course={"kind": "lesson", "id": "pytest-mock", "covers": ["c-pytest-mock", "c-mocker-fixture", "c-simplified-patching"]}
# ### `pytest-mock`: the `mocker` fixture
#
# The `pytest-mock` plugin (not installed here) gives tests a `mocker` fixture: `mocker.patch("report.fetch",
# return_value=...)`, `mocker.patch.object(...)`, `mocker.patch.dict(...)` and `mocker.spy(obj, "name")` (wraps the
# real method and records the calls). They are `unittest.mock`'s functions with one change: no `with` block and no
# decorator; every patch is undone when the test ends. That is all: the same targets (where the name is looked up),
# the same `autospec=True`, the same assertions. What `mocker` does for you is this, an `ExitStack` closed at the end:

# %% course={"kind": "demo"}
from contextlib import ExitStack


def a_test(stack: ExitStack) -> None:
    fake_random = stack.enter_context(patch("random.random", return_value=0.5))  # mocker.patch(...)
    spied = stack.enter_context(patch.object(registry, "ping", wraps=registry.ping))  # mocker.spy(registry, "ping")
    assert random.random() == 0.5 and registry.ping() == "real network call"
    fake_random.assert_called_once_with()
    spied.assert_called_once_with()


with ExitStack() as stack:  # pytest-mock closes it when the test ends, pass or fail
    a_test(stack)
print("after the test everything is restored:", random.random() != 0.5, registry.ping())

# %% [markdown] course={"kind": "lesson", "id": "responses", "covers": ["c-responses-library", "c-mocking-http-requests", "c-request-matching"]}
# ### HTTP mocking libraries: `responses` for requests, `MockTransport` for httpx
#
# `responses` (for the `requests` library; not installed here) and `respx` (for `httpx`) register canned answers
# for URLs and **match** requests on method, URL, query, headers or body; an unmatched request is an error, so a
# test notices a call it did not plan. `requests` offers the same hook without a library: a *transport adapter*
# mounted on a `Session` for a URL prefix. `httpx.MockTransport` is that idea built in. Matching is plain code in
# the handler, and the handler records every request for the checks afterwards:

# %% course={"kind": "demo"}
import requests
from requests.adapters import BaseAdapter


class CannedAdapter(BaseAdapter):
    """A requests transport that answers from a dict and records what was asked: no socket opens."""

    def __init__(self, answers: dict[tuple[str, str], tuple[int, bytes]]) -> None:
        super().__init__()
        self.answers, self.seen = answers, []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.seen.append((request.method, request.url))
        response = requests.Response()
        response.status_code, response._content = self.answers.get((str(request.method), str(request.url)), (404, b"{}"))
        response.request, response.url = request, str(request.url)
        return response

    def close(self) -> None:
        """Nothing to release: no connection pool."""


adapter = CannedAdapter({("GET", "https://status.test/health?deep=1"): (200, b'{"ok": true}')})
with requests.Session() as session:
    session.mount("https://status.test/", adapter)
    print("matched:", session.get("https://status.test/health", params={"deep": 1}).json())
    print("unmatched:", session.get("https://status.test/health").status_code)
print("recorded:", adapter.seen)


def match_deploy(request: httpx.Request) -> httpx.Response:
    """Answer only a POST of the right JSON with the right token; anything else is a loud 418."""
    if request.method == "POST" and request.url.path == "/deploys" and request.headers.get("authorization") == "Bearer t0k3n":
        return httpx.Response(201, json={"accepted": json.loads(request.content)})
    return httpx.Response(418, json={"error": f"unexpected {request.method} {request.url.path}"})


with httpx.Client(transport=httpx.MockTransport(match_deploy), base_url="https://ci.test") as client:
    print(client.post("/deploys", json={"app": "api"}, headers={"Authorization": "Bearer t0k3n"}).json())
    print(client.post("/deploys", json={"app": "api"}).status_code, "without the token")

# %% [markdown] course={"kind": "lesson", "id": "freezegun", "covers": ["c-freezegun", "c-mocking-datetime", "c-time-travel-in-tests"]}
# ### `freezegun`: stopping and moving the clock
#
# Code that calls `datetime.now()` itself cannot take a fake clock as a parameter, and `datetime.datetime` is a
# built-in type: `patch` cannot set its `now` attribute (`TypeError`, shown below). `freezegun`'s `freeze_time("...")`
# (a context manager or decorator) replaces `datetime.datetime`, `datetime.date`, `time.time` and friends for the
# block, so every read gives the frozen moment; `.tick(seconds)` and `.move_to(...)` travel in time. The trap: a
# value computed *before* the freeze (at import, or as a default argument) keeps the real time.

# %% course={"kind": "demo", "raises": "TypeError"}
datetime.datetime.now = lambda tz=None: datetime.datetime(2026, 1, 1)  # type: ignore[method-assign]

# %% course={"kind": "demo"}
with freeze_time("2026-03-01 12:00:00+00:00") as frozen:
    print("now:", datetime.datetime.now(datetime.timezone.utc))
    frozen.tick(90)
    print("after tick(90):", datetime.datetime.now(datetime.timezone.utc))
    frozen.move_to("2026-12-31 23:59:59+00:00")
    print("after move_to:", datetime.datetime.now(datetime.timezone.utc), "| time.time():", time.time())
print("outside, real time again:", datetime.datetime.now(datetime.timezone.utc).year >= 2024)

# %% [markdown] course={"kind": "exercise", "id": "registry-checks", "item": "x-mock-an-http-api-call"}
# ### Write the tests: mock the registry API with `httpx.MockTransport`
#
# Here *you* write the test. `make_latest_version()` (given at the top) returns `latest_version(client, package)`,
# which asks `GET /pypi/<package>/json` on the client's base URL and returns `reply.json()["info"]["version"]`; a
# 404 raises `LookupError`, any other error status raises `httpx.HTTPStatusError`. Write
# `check_latest_version(latest_version)` that raises (an `AssertionError`, or the error the code lets out) unless
# the function does all of this against a registry you fake with `httpx.MockTransport`:
#
# | # | the fake registry answers | expected |
# |---|---|---|
# | 1 | `/pypi/requests/json` with `{"info": {"version": "2.34.2"}}` | returns `"2.34.2"`, after exactly one request: `GET /pypi/requests/json` |
# | 2 | `/pypi/numpy/json` with `{"info": {"version": "2.3.1"}}` | returns `"2.3.1"`, after exactly one request: `GET /pypi/numpy/json` |
# | 3 | 404 for a package it does not know | `LookupError` |
# | 4 | 500 (a package name of your choice) | `httpx.HTTPStatusError` |
#
# The tests run your checks on the correct function (they must pass) and on versions with one planted bug each
# (they must fail): `make_latest_version(bug)` for `bug` in `"wrong-path"`, `"fixed-name"`, `"asks-twice"`,
# `"posts"` (sends a `POST`), `"truncates"` (returns `"2.34"` for `"2.34.2"`), `"ignores-404"`, `"swallows-500"`,
# `"404-as-status-error"` (a 404 raises `httpx.HTTPStatusError`) and `"lookup-for-every-error"` (a 500 raises
# `LookupError`). Nothing may touch the network: give the client `transport=httpx.MockTransport(handler)`.
#
# ```python
# check_latest_version(make_latest_version())               # returns None
# check_latest_version(make_latest_version("ignores-404"))  # AssertionError: a 404 must raise LookupError
# ```

# %% [markdown] course={"kind": "hint"}
# The handler gets an `httpx.Request`: append it to a list (your spy), then answer from `request.url.path`. Answer
# only the exact paths of the table; everything else gets a 404, so a wrong path cannot pass.

# %% [markdown] course={"kind": "hint"}
# `with httpx.Client(transport=httpx.MockTransport(handler), base_url="https://registry.test") as client:`. For the
# errors: `try: latest_version(client, "nope") except LookupError: pass else: raise AssertionError("...")`.

# %% course={"kind": "solution", "equivalent": {"m-6dd161e5": "latest_version reads the JSON of any 2xx answer: 201 is a success like 200", "m-a379e092": "any 5xx makes raise_for_status raise HTTPStatusError: 501 is a server error like 500"}}
def check_latest_version(latest_version: Callable[[httpx.Client, str], str]) -> None:
    ### BEGIN SOLUTION
    versions = {"requests": "2.34.2", "numpy": "2.3.1"}
    seen: list[httpx.Request] = []

    def registry(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        for name, version in versions.items():
            if request.url.path == f"/pypi/{name}/json":
                return httpx.Response(200, json={"info": {"version": version}})
        if request.url.path == "/pypi/broken/json":
            return httpx.Response(500, json={"message": "Internal Server Error"})
        return httpx.Response(404, json={"message": "Not Found"})

    with httpx.Client(transport=httpx.MockTransport(registry), base_url="https://registry.test") as client:
        for name, version in versions.items():
            seen.clear()
            got = latest_version(client, name)
            assert got == version, f"{name}: expected {version!r}, got {got!r}"
            asked = [(r.method, r.url.path) for r in seen]
            assert asked == [("GET", f"/pypi/{name}/json")], f"{name}: expected one GET of its JSON page, got {asked}"
        try:
            latest_version(client, "no-such-package")
        except LookupError:
            pass
        else:
            raise AssertionError("a 404 must raise LookupError")
        try:
            latest_version(client, "broken")
        except httpx.HTTPStatusError:
            pass
        else:
            raise AssertionError("a 500 must raise httpx.HTTPStatusError")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert check_latest_version(make_latest_version()) is None, "on the correct function the checks pass"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    """Whether the checks raise on the function with `bug` planted."""
    try:
        check_latest_version(make_latest_version(bug))
    except Exception:
        return True
    return False


assert check_latest_version(make_latest_version()) is None, "first of all, the checks pass on the correct function"
assert fails_on("wrong-path"), "a function that asks /pypi/<name> (no /json) must fail your checks (rows 1-2)"
assert fails_on("fixed-name"), "a function that always asks for requests must fail your checks (row 2)"
assert fails_on("asks-twice"), "a function that sends two requests for one answer must fail your checks (rows 1-2)"
assert fails_on("truncates"), "a function that returns '2.34' for '2.34.2' must fail your checks (rows 1-2)"
assert fails_on("posts"), "a function that sends a POST instead of a GET must fail your checks (rows 1-2)"
### BEGIN HIDDEN TESTS
assert check_latest_version(make_latest_version()) is None, "the checks pass again on a fresh correct function"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    try:
        check_latest_version(make_latest_version(bug))
    except Exception:
        return True
    return False


assert check_latest_version(make_latest_version()) is None, "first of all, the checks pass on the correct function"
assert fails_on("ignores-404"), "a function that returns '' for a 404 must fail your checks (row 3)"
assert fails_on("swallows-500"), "a function that returns '' for a 500 must fail your checks (row 4)"
assert fails_on("404-as-status-error"), "a 404 that raises HTTPStatusError, not LookupError, must fail your checks (row 3)"
assert fails_on("lookup-for-every-error"), "a 500 that raises LookupError must fail your checks (row 4)"

# %% course={"kind": "wrong", "id": "answers-everything"}
def check_latest_version(latest_version: Callable[[httpx.Client, str], str]) -> None:
    # over-mocked: the fake registry answers every path, so a wrong URL passes
    def registry(request: httpx.Request) -> httpx.Response:
        name = request.url.path.split("/")[2]
        if name == "broken":
            return httpx.Response(500)
        version = {"requests": "2.34.2", "numpy": "2.3.1"}.get(name)
        return httpx.Response(404) if version is None else httpx.Response(200, json={"info": {"version": version}})

    with httpx.Client(transport=httpx.MockTransport(registry), base_url="https://registry.test") as client:
        assert latest_version(client, "requests") == "2.34.2"
        assert latest_version(client, "numpy") == "2.3.1"
        try:
            latest_version(client, "nope")
            raise AssertionError("a 404 must raise LookupError")
        except LookupError:
            pass
        try:
            latest_version(client, "broken")
            raise AssertionError("a 500 must raise")
        except httpx.HTTPStatusError:
            pass

# %% course={"kind": "wrong", "id": "paths-not-methods", "fails": ["t2"]}
def check_latest_version(latest_version: Callable[[httpx.Client, str], str]) -> None:
    paths: list[str] = []

    def registry(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)  # records the path only: a POST looks like a GET
        versions = {"/pypi/requests/json": "2.34.2", "/pypi/numpy/json": "2.3.1"}
        if request.url.path in versions:
            return httpx.Response(200, json={"info": {"version": versions[request.url.path]}})
        return httpx.Response(500 if "broken" in request.url.path else 404)

    with httpx.Client(transport=httpx.MockTransport(registry), base_url="https://registry.test") as client:
        for name, version in (("requests", "2.34.2"), ("numpy", "2.3.1")):
            paths.clear()
            assert latest_version(client, name) == version
            assert paths == [f"/pypi/{name}/json"]
        try:
            latest_version(client, "no-such-package")
        except LookupError:
            pass
        else:
            raise AssertionError("a 404 must raise LookupError")
        try:
            latest_version(client, "broken")
        except httpx.HTTPStatusError:
            pass
        else:
            raise AssertionError("a 500 must raise httpx.HTTPStatusError")

# %% course={"kind": "wrong", "id": "any-error-will-do", "fails": ["t3"]}
def check_latest_version(latest_version: Callable[[httpx.Client, str], str]) -> None:
    seen: list[httpx.Request] = []

    def registry(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        versions = {"/pypi/requests/json": "2.34.2", "/pypi/numpy/json": "2.3.1"}
        if request.url.path in versions:
            return httpx.Response(200, json={"info": {"version": versions[request.url.path]}})
        return httpx.Response(500 if "broken" in request.url.path else 404)

    with httpx.Client(transport=httpx.MockTransport(registry), base_url="https://registry.test") as client:
        for name, version in (("requests", "2.34.2"), ("numpy", "2.3.1")):
            seen.clear()
            assert latest_version(client, name) == version
            assert [(r.method, r.url.path) for r in seen] == [("GET", f"/pypi/{name}/json")]
        for name in ("no-such-package", "broken"):
            try:
                latest_version(client, name)
            except Exception:  # any error passes: a 404 that raises HTTPStatusError is not caught as a mistake
                continue
            raise AssertionError(f"{name} must raise")

# %% course={"kind": "wrong", "id": "happy-path-only"}
def check_latest_version(latest_version: Callable[[httpx.Client, str], str]) -> None:
    seen: list[httpx.Request] = []

    def registry(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        versions = {"/pypi/requests/json": "2.34.2", "/pypi/numpy/json": "2.3.1"}
        return httpx.Response(200, json={"info": {"version": versions.get(request.url.path, "0")}})

    with httpx.Client(transport=httpx.MockTransport(registry), base_url="https://registry.test") as client:
        assert latest_version(client, "requests") == "2.34.2"
        assert latest_version(client, "numpy") == "2.3.1"  # never tries a 404 or a 500

# %% [markdown] course={"kind": "exercise", "id": "store-checks", "item": "x-mock-database-operations"}
# ### Write the tests: mock the database layer with `create_autospec`
#
# `make_deactivate_stale()` (given at the top) returns `deactivate_stale(store, days=90)`: it asks
# `store.stale_users(days)` for names, calls `store.deactivate(name, reason=f"no login for {days} days")` for each
# in order, then `store.commit()` once, and returns how many it deactivated. `UserStore` is the real database class
# (its methods need PostgreSQL). Write `check_deactivate_stale(deactivate_stale)` that builds
# `store = create_autospec(UserStore, instance=True)`, lets `store.stale_users` return `["ana", "bo", "cy"]`, calls
# `deactivate_stale(store, days=30)` and raises unless:
#
# 1. it returns `3`, and `stale_users` was called once, with `30`;
# 2. `deactivate` was called exactly three times: `call("ana", reason="no login for 30 days")`, then bo, then cy;
# 3. `commit` was called once, with no arguments, **after** the last `deactivate` (look at `store.mock_calls`).
#
# The tests prove your checks on the correct function and on `make_deactivate_stale(bug)` for `bug` in
# `"ignores-days"`, `"skips-first"`, `"newest-first"` (cy, bo, ana), `"reason-says-90"` (the reason always says 90
# days), `"no-return"`, `"positional-reason"` (passes the reason positionally: the real method would refuse it),
# `"unknown-method"` (also calls `store.begin()`, which `UserStore` does not have), `"commit-first"`,
# `"commit-each"` (commits after every user), `"no-commit"`.
#
# ```python
# check_deactivate_stale(make_deactivate_stale())                  # returns None
# check_deactivate_stale(make_deactivate_stale("commit-first"))    # AssertionError
# ```

# %% [markdown] course={"kind": "hint"}
# `store.stale_users.return_value = [...]` configures the stub part. `store.deactivate.call_args_list` compares
# equal to a list of `call(...)` objects; `store.commit.assert_called_once_with()` checks the count and arguments.

# %% [markdown] course={"kind": "hint"}
# Order across methods: `store.mock_calls[-1] == call.commit()` says nothing came after the commit. A bare `Mock()`
# would let a call with a wrong signature through; the autospec raises `TypeError` on it, as the real class would.

# %% course={"kind": "solution", "equivalent": {"m-ec9706c6": "the store is never called itself; a class autospec checks method names and signatures like an instance one (run on 3.11-3.13)"}}
def check_deactivate_stale(deactivate_stale: Callable[..., int]) -> None:
    ### BEGIN SOLUTION
    store = create_autospec(UserStore, instance=True)
    store.stale_users.return_value = ["ana", "bo", "cy"]
    count = deactivate_stale(store, days=30)
    assert count == 3, f"three stale users: expected 3, got {count!r}"
    store.stale_users.assert_called_once_with(30)
    reason = "no login for 30 days"
    expected = [call("ana", reason=reason), call("bo", reason=reason), call("cy", reason=reason)]
    assert store.deactivate.call_args_list == expected, f"deactivations: {store.deactivate.call_args_list}"
    store.commit.assert_called_once_with()
    assert store.mock_calls[-1] == call.commit(), f"commit must come last: {store.mock_calls}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert check_deactivate_stale(make_deactivate_stale()) is None, "on the correct function the checks pass"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    try:
        check_deactivate_stale(make_deactivate_stale(bug))
    except Exception:
        return True
    return False


assert check_deactivate_stale(make_deactivate_stale()) is None, "first of all, the checks pass on the correct function"
assert fails_on("ignores-days"), "a function that always asks for 90 days must fail your checks (1)"
assert fails_on("skips-first"), "a function that skips the first user must fail your checks (2)"
assert fails_on("no-return"), "a function that forgets to return the count must fail your checks (1)"
assert fails_on("positional-reason"), "a call the real signature refuses must fail your checks (use the autospec)"
assert fails_on("newest-first"), "a function that deactivates cy, bo, ana must fail your checks (2: order and names)"
assert fails_on("reason-says-90"), "a function whose reason always says 90 days must fail your checks (2: arguments)"
assert fails_on("unknown-method"), "a call of a method UserStore does not have must fail your checks (use the autospec)"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    try:
        check_deactivate_stale(make_deactivate_stale(bug))
    except Exception:
        return True
    return False


assert check_deactivate_stale(make_deactivate_stale()) is None, "first of all, the checks pass on the correct function"
assert fails_on("no-commit"), "a function that never commits must fail your checks (3)"
assert fails_on("commit-first"), "a function that commits before deactivating must fail your checks (3)"
assert fails_on("commit-each"), "a function that commits once per user must fail your checks (3)"

# %% course={"kind": "wrong", "id": "bare-mock-names-only"}
def check_deactivate_stale(deactivate_stale: Callable[..., int]) -> None:
    store = Mock()  # no spec: any call signature is accepted
    store.stale_users.return_value = ["ana", "bo", "cy"]
    assert deactivate_stale(store, days=30) == 3
    store.stale_users.assert_called_once_with(30)
    assert [c.args[0] for c in store.deactivate.call_args_list] == ["ana", "bo", "cy"]
    assert store.mock_calls[-1] == call.commit()

# %% course={"kind": "wrong", "id": "counts-not-arguments", "fails": ["t2"]}
def check_deactivate_stale(deactivate_stale: Callable[..., int]) -> None:
    store = create_autospec(UserStore, instance=True)
    store.stale_users.return_value = ["ana", "bo", "cy"]
    assert deactivate_stale(store, days=30) == 3
    store.stale_users.assert_called_once_with(30)
    assert store.deactivate.call_count == 3  # how many, but not who or why
    store.commit.assert_called_once_with()
    assert store.mock_calls[-1] == call.commit()

# %% course={"kind": "wrong", "id": "commit-called-anywhere"}
def check_deactivate_stale(deactivate_stale: Callable[..., int]) -> None:
    store = create_autospec(UserStore, instance=True)
    store.stale_users.return_value = ["ana", "bo", "cy"]
    assert deactivate_stale(store, days=30) == 3
    store.stale_users.assert_called_once_with(30)
    store.deactivate.assert_called_with("cy", reason="no login for 30 days")  # the last call only
    store.commit.assert_called_once_with()  # but not when

# %% [markdown] course={"kind": "exercise", "id": "fake-job-repo", "item": "x-create-a-fake-implementation-for-testing"}
# ### A fake: an in-memory job repository that behaves like the real one
#
# `SqliteJobRepo` (given at the top) stores `Job(id, priority, done=False)` records. Tests of a scheduler want
# something lighter with **the same behaviour**. Write `InMemoryJobRepo` with the same four methods:
#
# - `add(job)`: store it; a second job with an id already stored raises `ValueError` (the first one stays);
# - `get(job_id)`: the stored `Job`, or `None`;
# - `pending()`: a new `list` of the jobs not done, highest `priority` first, ties by `id` A to Z;
# - `mark_done(job_id)`: from now on that job has `done=True` (jobs are frozen: store a `replace(job, done=True)`);
#   an unknown id raises `KeyError`.
#
# Every repository has its own jobs. The tests run the *same* checks on `SqliteJobRepo` and on your fake, so a
# fake that drifts from the real class fails.
#
# ```python
# repo = InMemoryJobRepo()
# repo.add(Job("backup", 1)); repo.add(Job("deploy", 5)); repo.mark_done("backup")
# repo.pending()   # [Job(id='deploy', priority=5, done=False)]
# ```

# %% [markdown] course={"kind": "hint"}
# A dict from id to `Job`, created in `__init__` (not on the class, or every repository shares it).

# %% [markdown] course={"kind": "hint"}
# `sorted(jobs, key=lambda j: (-j.priority, j.id))` sorts by priority high to low, then id A to Z.

# %% course={"kind": "solution"}
class InMemoryJobRepo:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._jobs: dict[str, Job] = {}
        ### END SOLUTION

    def add(self, job: Job) -> None:
        ### BEGIN SOLUTION
        if job.id in self._jobs:
            raise ValueError(f"job {job.id!r} already exists")
        self._jobs[job.id] = job
        ### END SOLUTION

    def get(self, job_id: str) -> Job | None:
        ### BEGIN SOLUTION
        return self._jobs.get(job_id)
        ### END SOLUTION

    def pending(self) -> list[Job]:
        ### BEGIN SOLUTION
        return sorted((job for job in self._jobs.values() if not job.done), key=lambda job: (-job.priority, job.id))
        ### END SOLUTION

    def mark_done(self, job_id: str) -> None:
        ### BEGIN SOLUTION
        self._jobs[job_id] = replace(self._jobs[job_id], done=True)  # an unknown id raises KeyError(job_id)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
repo = InMemoryJobRepo()
repo.add(Job("backup", 1))
repo.add(Job("deploy", 5))
repo.mark_done("backup")
assert repo.pending() == [Job("deploy", 5)], f"only deploy is pending: {repo.pending()}"
assert repo.get("backup") == Job("backup", 1, True), f"backup is done: {repo.get('backup')}"


# %% course={"kind": "test", "points": 2}
def contract(make: Callable[[], Any]) -> list[Any]:
    """The same story on any repository; returns what it saw, to compare the fake with the real one."""
    repo = make()
    seen: list[Any] = [repo.get("x"), repo.pending()]
    for job in (Job("b", 2), Job("a", 2), Job("c", 9), Job("d", 0), Job("e", -3)):
        repo.add(job)
    seen += [repo.pending(), repo.get("a")]
    repo.mark_done("c")
    repo.mark_done("e")
    seen += [repo.pending(), repo.get("c"), repo.get("e")]
    return seen


real, fake = contract(SqliteJobRepo), contract(InMemoryJobRepo)
assert fake == real, f"the fake must behave like SqliteJobRepo:\n fake {fake}\n real {real}"
assert type(fake[1]) is list and type(fake[2]) is list, "pending() returns a list"
### BEGIN HIDDEN TESTS
assert fake[2] == [Job("c", 9), Job("a", 2), Job("b", 2), Job("d", 0), Job("e", -3)], fake[2]
assert fake[0] is None and fake[1] == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
repo = InMemoryJobRepo()
repo.add(Job("a", 1))
try:
    repo.add(Job("a", 7))
except ValueError:
    pass
else:
    raise AssertionError("a second job with the same id raises ValueError")
assert repo.get("a") == Job("a", 1), "the first job stays"
try:
    repo.mark_done("zzz")
except KeyError:
    pass
else:
    raise AssertionError("mark_done of an unknown id raises KeyError")
assert repo.pending() == [Job("a", 1)], "a failed mark_done changes nothing"
### BEGIN HIDDEN TESTS
other = InMemoryJobRepo()
assert other.get("a") is None and other.pending() == [], "each repository has its own jobs"
listed = repo.pending()
listed.clear()
assert repo.pending() == [Job("a", 1)], "pending() returns a new list each time"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shared-class-dict"}
class InMemoryJobRepo:
    _jobs: dict[str, Job] = {}  # on the class: every repository shares it

    def add(self, job: Job) -> None:
        if job.id in self._jobs:
            raise ValueError(job.id)
        self._jobs[job.id] = job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def pending(self) -> list[Job]:
        return sorted((j for j in self._jobs.values() if not j.done), key=lambda j: (-j.priority, j.id))

    def mark_done(self, job_id: str) -> None:
        self._jobs[job_id] = replace(self._jobs[job_id], done=True)

# %% course={"kind": "wrong", "id": "drifted-order"}
class InMemoryJobRepo:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def add(self, job: Job) -> None:
        self._jobs[job.id] = job  # silently replaces a duplicate

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def pending(self) -> list[Job]:
        return sorted((j for j in self._jobs.values() if not j.done), key=lambda j: j.priority, reverse=True)

    def mark_done(self, job_id: str) -> None:
        if job_id in self._jobs:
            self._jobs[job_id] = replace(self._jobs[job_id], done=True)

# %% [markdown] course={"kind": "exercise", "id": "token-refresh", "item": "x-use-freezegun-to-test-time-dependent"}
# ### Time-dependent code, tested with `freezegun`
#
# An API token is valid for `ttl` seconds from `issued_at` (an aware UTC `datetime`). Write
# `needs_refresh(issued_at, ttl, *, margin=30)` that returns `True` when the token should be renewed now: when
# *now* is at or after `issued_at + ttl - margin` seconds. Read the time **inside** the function with
# `datetime.datetime.now(datetime.timezone.utc)`; the tests freeze and move it with `freeze_time`.
#
# ```python
# with freeze_time("2026-03-01 12:00:00+00:00"):
#     issued = datetime.datetime.now(datetime.timezone.utc)
#     needs_refresh(issued, ttl=3600)                      # False
# with freeze_time("2026-03-01 12:59:30+00:00"):
#     needs_refresh(issued, ttl=3600)                      # True: 30 s before expiry
# ```

# %% [markdown] course={"kind": "hint"}
# `issued_at + datetime.timedelta(seconds=ttl - margin)` is the moment to renew; compare with `>=`.

# %% [markdown] course={"kind": "hint"}
# Do not compute *now* in a default argument (`now=datetime.now(...)`): a default is evaluated once, when `def` runs,
# so later calls (and the frozen clock) never change it.

# %% course={"kind": "solution"}
def needs_refresh(issued_at: datetime.datetime, ttl: float, *, margin: float = 30) -> bool:
    ### BEGIN SOLUTION
    now = datetime.datetime.now(datetime.timezone.utc)
    return now >= issued_at + datetime.timedelta(seconds=ttl - margin)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ISSUED = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
with freeze_time("2026-03-01 12:00:00+00:00"):
    assert needs_refresh(ISSUED, 3600) is False, "a token issued just now is fresh"
with freeze_time("2026-03-01 13:30:00+00:00"):
    assert needs_refresh(ISSUED, 3600) is True, "a token expired half an hour ago needs a refresh"

# %% course={"kind": "test", "points": 2}
with freeze_time("2026-03-01 12:59:29+00:00") as frozen:
    assert needs_refresh(ISSUED, 3600) is False, "31 s before expiry: still fresh (margin 30 s)"
    frozen.tick(1)
    assert needs_refresh(ISSUED, 3600) is True, "exactly 30 s before expiry: renew (at or after)"
### BEGIN HIDDEN TESTS
with freeze_time("2026-03-01 12:00:59+00:00") as frozen:
    assert needs_refresh(ISSUED, 60, margin=0) is False, "margin 0, one second before expiry"
    frozen.tick(1)
    assert needs_refresh(ISSUED, 60, margin=0) is True, "margin 0, at expiry"
    assert needs_refresh(ISSUED, 100, margin=40) is True, "ttl 100 - margin 40 = 60 s: renew now"
    assert needs_refresh(ISSUED, 102, margin=40) is False, "62 s: not yet"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with freeze_time("2026-03-01 12:00:10+00:00") as frozen:
    assert needs_refresh(ISSUED, 60) is False, "ttl 60, margin 30: fresh after 10 s"
    frozen.move_to("2026-03-01 12:00:31+00:00")
    assert needs_refresh(ISSUED, 60) is True, "ttl 60, margin 30: renew after 31 s (the clock was moved)"
### BEGIN HIDDEN TESTS
with freeze_time("2026-03-01 11:00:00+00:00"):
    assert needs_refresh(ISSUED, 3600) is False, "a token from the future (clock skew) is not due"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "now-in-default"}
def needs_refresh(
    issued_at: datetime.datetime,
    ttl: float,
    *,
    margin: float = 30,
    now: datetime.datetime = datetime.datetime.now(datetime.timezone.utc),  # evaluated once, at def time
) -> bool:
    return now >= issued_at + datetime.timedelta(seconds=ttl - margin)

# %% course={"kind": "wrong", "id": "strictly-after"}
def needs_refresh(issued_at: datetime.datetime, ttl: float, *, margin: float = 30) -> bool:
    now = datetime.datetime.now(datetime.timezone.utc)
    return now > issued_at + datetime.timedelta(seconds=ttl - margin)

# %% course={"kind": "wrong", "id": "margin-added"}
def needs_refresh(issued_at: datetime.datetime, ttl: float, *, margin: float = 30) -> bool:
    now = datetime.datetime.now(datetime.timezone.utc)
    return now >= issued_at + datetime.timedelta(seconds=ttl + margin)

# %% [markdown] course={"kind": "exercise", "id": "env-settings", "item": "x-mock-environment-variables"}
# ### Settings from the environment, tested with `patch.dict`
#
# Write `load_settings()` that reads the environment **when it is called** and returns a `Settings`:
#
# - `port` from `APP_PORT` (an `int`, default `8080`); a value outside 1 to 65535 raises `ValueError`;
# - `debug` from `APP_DEBUG`: `True` when the value, stripped and lower-cased, is `"1"`, `"true"` or `"yes"`;
#   otherwise (or when unset) `False`;
# - `db_url` from `APP_DB_URL`, required: unset or empty raises `KeyError("APP_DB_URL")`.
#
# ```python
# with patch.dict(os.environ, {"APP_DB_URL": "sqlite://", "APP_DEBUG": " True "}, clear=True):
#     load_settings()   # Settings(port=8080, debug=True, db_url='sqlite://')
# ```

# %% [markdown] course={"kind": "hint"}
# `os.environ.get(name, default)` returns a `str` (or the default): convert the port with `int(...)`.

# %% [markdown] course={"kind": "hint"}
# `bool("0")` is `True`: compare the cleaned text with a set of accepted words. Read everything inside the
# function: a module-level `PORT = os.environ.get(...)` is read once, before any test patches the environment.

# %% course={"kind": "solution"}
@dataclass(frozen=True)
class Settings:
    port: int
    debug: bool
    db_url: str


def load_settings() -> Settings:
    ### BEGIN SOLUTION
    port = int(os.environ.get("APP_PORT", "8080"))
    if not 1 <= port <= 65535:
        raise ValueError(f"APP_PORT must be 1-65535, got {port}")
    debug = os.environ.get("APP_DEBUG", "").strip().lower() in {"1", "true", "yes"}
    db_url = os.environ.get("APP_DB_URL", "")
    if not db_url:
        raise KeyError("APP_DB_URL")
    return Settings(port, debug, db_url)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with patch.dict(os.environ, {"APP_DB_URL": "sqlite://"}, clear=True):
    got = load_settings()
assert got == Settings(8080, False, "sqlite://"), f"defaults: {got}"
assert type(got.port) is int, "the port is an int"

# %% course={"kind": "test", "points": 2}
with patch.dict(os.environ, {"APP_DB_URL": "postgres://db", "APP_PORT": "9000", "APP_DEBUG": " True "}, clear=True):
    got = load_settings()
assert got == Settings(9000, True, "postgres://db"), f"from the environment: {got}"
assert type(got.port) is int, "APP_PORT='9000' becomes the int 9000"
### BEGIN HIDDEN TESTS
for word, expected in (("1", True), ("YES", True), ("true", True), ("0", False), ("false", False), ("", False), ("no", False)):
    with patch.dict(os.environ, {"APP_DB_URL": "x", "APP_DEBUG": word}, clear=True):
        assert load_settings().debug is expected, f"APP_DEBUG={word!r} -> {expected}"
for port in ("1", "65535"):
    with patch.dict(os.environ, {"APP_DB_URL": "x", "APP_PORT": port}, clear=True):
        assert load_settings().port == int(port), f"port {port} is allowed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for env in ({}, {"APP_DB_URL": ""}):
    with patch.dict(os.environ, env, clear=True):
        try:
            load_settings()
        except KeyError as error:
            assert error.args == ("APP_DB_URL",), f"the KeyError names the variable: {error.args}"
        else:
            raise AssertionError(f"a missing or empty APP_DB_URL raises KeyError ({env})")
for port in ("0", "65536", "-1"):
    with patch.dict(os.environ, {"APP_DB_URL": "x", "APP_PORT": port}, clear=True):
        try:
            load_settings()
        except ValueError:
            pass
        else:
            raise AssertionError(f"APP_PORT={port} is out of range and raises ValueError")

# %% course={"kind": "wrong", "id": "read-at-import"}
@dataclass(frozen=True)
class Settings:
    port: int
    debug: bool
    db_url: str


PORT = int(os.environ.get("APP_PORT", "8080"))  # read once, when the cell runs: patch.dict comes too late
DEBUG = os.environ.get("APP_DEBUG", "").strip().lower() in {"1", "true", "yes"}


def load_settings() -> Settings:
    db_url = os.environ.get("APP_DB_URL", "")
    if not db_url:
        raise KeyError("APP_DB_URL")
    return Settings(PORT, DEBUG, db_url)

# %% course={"kind": "wrong", "id": "truthy-strings"}
@dataclass(frozen=True)
class Settings:
    port: int
    debug: bool
    db_url: str


def load_settings() -> Settings:
    port = int(os.environ.get("APP_PORT", 8080))
    if not 0 < port < 65536:
        raise ValueError(port)
    debug = bool(os.environ.get("APP_DEBUG"))  # "0" and "false" are non-empty strings: True
    return Settings(port, debug, os.environ["APP_DB_URL"])

# %% [markdown] course={"kind": "exercise", "id": "retry-with-doubles"}
# ### Retries, tested with `side_effect` and a fake clock
#
# Write `fetch_with_retry(get, url, *, attempts=3, base=0.5, sleep=time.sleep)`: call `get(url)` and return its
# result. When it raises `ConnectionError`, sleep and try again, at most `attempts` calls in all; the sleep before
# retry number `n` (1, 2, ...) is `base * 2 ** (n - 1)` seconds. After the last attempt fails, let that
# `ConnectionError` out; never sleep after the last attempt. Any other exception goes out at once, without a retry.
#
# ```python
# get = Mock(side_effect=[ConnectionError("reset"), ConnectionError("reset"), {"ok": True}])
# clock = FakeClock()
# fetch_with_retry(get, "https://api.test/health", sleep=clock.sleep)   # {'ok': True}
# clock.sleeps, get.call_count                                          # ([0.5, 1.0], 3)
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over the attempts that may still be retried (`range(1, attempts)`), with `try: return get(url)` and
# `except ConnectionError:` then sleep; after the loop, the last attempt is a plain `return get(url)`.

# %% [markdown] course={"kind": "hint"}
# Catch only `ConnectionError`: `except Exception` would retry a `ValueError` from a bad response too.

# %% course={"kind": "solution"}
def fetch_with_retry(
    get: Callable[[str], Any], url: str, *, attempts: int = 3, base: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> Any:
    ### BEGIN SOLUTION
    for attempt in range(1, attempts):
        try:
            return get(url)
        except ConnectionError:
            sleep(base * 2 ** (attempt - 1))
    return get(url)  # the last attempt: its ConnectionError goes out
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
get = Mock(side_effect=[ConnectionError("reset"), ConnectionError("reset"), {"ok": True}])
clock = FakeClock()
assert fetch_with_retry(get, "https://api.test/health", sleep=clock.sleep) == {"ok": True}, "the third call works"
assert clock.sleeps == [0.5, 1.0], f"sleeps 0.5 then 1.0: {clock.sleeps}"
assert get.call_args_list == [call("https://api.test/health")] * 3, f"three calls with the url: {get.call_args_list}"

# %% course={"kind": "test", "points": 2}
get = Mock(side_effect=ConnectionError("down"))
clock = FakeClock()
try:
    fetch_with_retry(get, "u", attempts=4, base=1, sleep=clock.sleep)
except ConnectionError as error:
    assert str(error) == "down", f"the last ConnectionError goes out: {error!r}"
else:
    raise AssertionError("after the last attempt the ConnectionError goes out")
assert get.call_count == 4, f"four attempts: {get.call_count}"
assert clock.sleeps == [1, 2, 4], f"no sleep after the last attempt: {clock.sleeps}"
### BEGIN HIDDEN TESTS
get = Mock(return_value="")
clock = FakeClock()
assert fetch_with_retry(get, "u", sleep=clock.sleep) == "", "a falsy result is a result"
assert get.call_count == 1 and clock.sleeps == [], "no retry after a success"
get = Mock(side_effect=[ConnectionError(), 0])
assert fetch_with_retry(get, "u", attempts=2, base=0.25, sleep=clock.sleep) == 0 and clock.sleeps == [0.25]
get = Mock(side_effect=ConnectionError("once"))
clock = FakeClock()
try:
    fetch_with_retry(get, "u", attempts=1, sleep=clock.sleep)
except ConnectionError:
    pass
else:
    raise AssertionError("attempts=1: one call, then the error")
assert get.call_count == 1 and clock.sleeps == [], "attempts=1: no retry, no sleep"
get = Mock(side_effect=[ConnectionResetError(), ConnectionRefusedError(), "up"])
clock = FakeClock()
assert fetch_with_retry(get, "u", sleep=clock.sleep) == "up", "subclasses of ConnectionError are retried too"
assert clock.sleeps == [0.5, 1.0], f"sleeps after a reset and a refusal: {clock.sleeps}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
get = Mock(side_effect=[ValueError("bad JSON"), "never reached"])
clock = FakeClock()
try:
    fetch_with_retry(get, "u", sleep=clock.sleep)
except ValueError:
    pass
else:
    raise AssertionError("a ValueError is not retried: it goes out at once")
get.assert_called_once_with("u")
assert clock.sleeps == [], "no sleep before giving up on a ValueError"
### BEGIN HIDDEN TESTS
get = Mock(side_effect=[TimeoutError("read timed out"), "never reached"])
try:
    fetch_with_retry(get, "u", sleep=clock.sleep)
except TimeoutError:
    pass
else:
    raise AssertionError("TimeoutError is an OSError but not a ConnectionError: it goes out at once")
assert get.call_count == 1 and clock.sleeps == [], "no retry and no sleep for a TimeoutError"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "retries-everything"}
def fetch_with_retry(
    get: Callable[[str], Any], url: str, *, attempts: int = 3, base: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> Any:
    for attempt in range(1, attempts + 1):
        try:
            return get(url)
        except Exception:  # a ValueError is retried too
            if attempt == attempts:
                raise
            sleep(base * 2 ** (attempt - 1))

# %% course={"kind": "wrong", "id": "retries-oserror", "fails": ["t3"]}
def fetch_with_retry(
    get: Callable[[str], Any], url: str, *, attempts: int = 3, base: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> Any:
    for attempt in range(1, attempts):
        try:
            return get(url)
        except OSError:  # "network errors": but a TimeoutError (an OSError) is retried too
            sleep(base * 2 ** (attempt - 1))
    return get(url)

# %% course={"kind": "wrong", "id": "sleeps-after-last"}
def fetch_with_retry(
    get: Callable[[str], Any], url: str, *, attempts: int = 3, base: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> Any:
    error: ConnectionError | None = None
    for attempt in range(attempts):
        try:
            return get(url)
        except ConnectionError as caught:
            error = caught
            sleep(base * 2**attempt)  # also after the last attempt: a wasted wait
    raise error  # type: ignore[misc]

# %% course={"kind": "wrong", "id": "swallows-last-error"}
def fetch_with_retry(
    get: Callable[[str], Any], url: str, *, attempts: int = 3, base: float = 0.5, sleep: Callable[[float], None] = time.sleep
) -> Any:
    for attempt in range(1, attempts + 1):
        try:
            return get(url)
        except ConnectionError:
            if attempt < attempts:
                sleep(base * 2 ** (attempt - 1))
    return None  # the caller cannot tell "down" from an empty answer

# %% [markdown] course={"kind": "exercise", "id": "notify-owners"}
# ### Async collaborators, tested with `AsyncMock`
#
# Write `async def notify_owners(send, owners, text)`: for each owner in `owners`, in order, `await send(owner,
# text)`. An owner whose `send` raises `TimeoutError` is collected, and the others are still notified; return the
# list of owners that timed out, in order. Any other exception goes out at once. The tests pass an `AsyncMock` as
# `send` and check its awaits.
#
# ```python
# send = AsyncMock(side_effect=[None, TimeoutError(), None])
# run(notify_owners(send, ["ana", "bo", "cy"], "disk full"))   # ['bo']
# send.await_args_list   # [call('ana', 'disk full'), call('bo', 'disk full'), call('cy', 'disk full')]
# ```

# %% [markdown] course={"kind": "hint"}
# `try: await send(owner, text)` then `except TimeoutError: timed_out.append(owner)`. Without `await`, calling an
# async function only makes a coroutine: nothing is sent (and `send.await_count` stays 0).

# %% course={"kind": "solution"}
async def notify_owners(send: Callable[[str, str], Any], owners: list[str], text: str) -> list[str]:
    ### BEGIN SOLUTION
    timed_out: list[str] = []
    for owner in owners:
        try:
            await send(owner, text)
        except TimeoutError:
            timed_out.append(owner)
    return timed_out
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
send = AsyncMock(return_value=None)
assert run(notify_owners(send, ["ana", "bo"], "hi")) == [], "nobody timed out"
assert send.await_args_list == [call("ana", "hi"), call("bo", "hi")], f"each owner awaited once, in order: {send.await_args_list}"

# %% course={"kind": "test", "points": 2}
send = AsyncMock(side_effect=[None, TimeoutError(), None, TimeoutError()])
assert run(notify_owners(send, ["ana", "bo", "cy", "dee"], "disk full")) == ["bo", "dee"], "timeouts collected in order"
assert send.await_count == 4, f"the others are still notified: {send.await_count} awaits"
### BEGIN HIDDEN TESTS
send = AsyncMock()
result = run(notify_owners(send, [], "x"))
assert result == [] and type(result) is list and send.await_count == 0, "no owners, no awaits"
send = AsyncMock(side_effect=TimeoutError())
assert run(notify_owners(send, ["ä", "ä"], "")) == ["ä", "ä"], "every timed-out call is reported, even repeated owners"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
send = AsyncMock(side_effect=[ValueError("bad address"), None])
try:
    run(notify_owners(send, ["ana", "bo"], "x"))
except ValueError:
    pass
else:
    raise AssertionError("a ValueError is not a timeout: it goes out")
send.assert_awaited_once_with("ana", "x")

# %% course={"kind": "wrong", "id": "catches-everything"}
async def notify_owners(send: Callable[[str, str], Any], owners: list[str], text: str) -> list[str]:
    timed_out: list[str] = []
    for owner in owners:
        try:
            await send(owner, text)
        except Exception:  # a bad address is reported as a timeout
            timed_out.append(owner)
    return timed_out

# %% course={"kind": "wrong", "id": "forgot-await"}
async def notify_owners(send: Callable[[str, str], Any], owners: list[str], text: str) -> list[str]:
    timed_out: list[str] = []
    for owner in owners:
        try:
            send(owner, text)  # makes a coroutine and drops it: nothing is sent, nothing can time out
        except TimeoutError:
            timed_out.append(owner)
    return timed_out

# %% course={"kind": "wrong", "id": "stops-at-first-timeout"}
async def notify_owners(send: Callable[[str, str], Any], owners: list[str], text: str) -> list[str]:
    for owner in owners:
        try:
            await send(owner, text)
        except TimeoutError:
            return [owner]  # the owners after it are never notified
    return []

# %% [markdown] course={"kind": "exercise", "id": "alert-checks"}
# ### Write the tests: patch where the name is looked up, and check the await
#
# The module `alerts` pages the on-call team through `pager.send`, an `async def` that needs the network:
#
# ```python
# from pager import send
#
# async def alert_on_errors(lines: list[str], threshold: int = 3) -> int:
#     errors = sum(1 for line in lines if line.startswith('ERROR'))
#     if errors >= threshold:
#         await send('ops', f'{errors} errors in the last batch')
#     return errors
# ```
#
# Write `check_alerts(alerts)`: it gets the imported module, replaces `send` for the length of the check with an
# `AsyncMock` (patch it where `alerts` looks it up), runs `alert_on_errors` with `run(...)` and raises unless:
#
# 1. on `["ERROR disk", "INFO ok", "ERROR net", "ERROR db"]` it returns `3` and **awaited** `send` exactly once,
#    with `("ops", "3 errors in the last batch")`;
# 2. on `["ERROR a", "ERROR b", "WARN c"]` it returns `2` and never calls `send`.
#
# The tests run your check on the module above (it must pass; the real `send` raises `ConnectionError`) and on
# versions with one planted bug each (it must fail): `"not-awaited"` (calls `send(...)` without `await`: nothing is
# sent), `"wrong-channel"`, `"sends-twice"`, `"strictly-more"` (`>` for `>=`), `"alerts-always"`, `"no-return"`
# (returns `None`).
#
# ```python
# with alerts_module() as alerts:
#     check_alerts(alerts)          # returns None
# with alerts_module("not-awaited") as alerts:
#     check_alerts(alerts)          # AssertionError: Expected send to have been awaited once. Awaited 0 times.
# ```

# %% [markdown] course={"kind": "hint"}
# `alerts` holds its own reference to `send`, copied by `from pager import send`: patching `pager.send` changes
# nothing for it. Use `patch.object(alerts, "send")` (or `patch("alerts.send")`).

# %% [markdown] course={"kind": "hint"}
# `patch` sees that `send` is an `async def` and makes an `AsyncMock`. `assert_called_once_with` is satisfied by a
# call that made a coroutine and dropped it; `assert_awaited_once_with` is not. `send.reset_mock()` between the cases.

# %% course={"kind": "solution"}
def check_alerts(alerts: ModuleType) -> None:
    ### BEGIN SOLUTION
    with patch.object(alerts, "send", new_callable=AsyncMock) as send:
        loud = run(alerts.alert_on_errors(["ERROR disk", "INFO ok", "ERROR net", "ERROR db"]))
        send.assert_awaited_once_with("ops", "3 errors in the last batch")
        send.reset_mock()
        quiet = run(alerts.alert_on_errors(["ERROR a", "ERROR b", "WARN c"]))
        send.assert_not_called()
    assert (loud, quiet) == (3, 2), f"the counts of ERROR lines: expected (3, 2), got {(loud, quiet)!r}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with alerts_module() as alerts:
    try:
        outcome = check_alerts(alerts)
    except ConnectionError as error:
        raise AssertionError(f"the real pager.send ran ({error}): patch `send` where `alerts` looks it up") from None
assert outcome is None, "on the correct module the check passes"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    """Whether the check raises on the module with `bug` planted."""
    with alerts_module(bug) as alerts:
        try:
            check_alerts(alerts)
        except Exception:
            return True
        return False


with alerts_module() as alerts:
    assert check_alerts(alerts) is None, "first of all, the check passes on the correct module"
assert fails_on("not-awaited"), "a module that calls send without await (nothing is sent) must fail your check (1)"
assert fails_on("wrong-channel"), "a module that pages 'dev' must fail your check (1)"
assert fails_on("sends-twice"), "a module that pages twice must fail your check (1)"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    with alerts_module(bug) as alerts:
        try:
            check_alerts(alerts)
        except Exception:
            return True
        return False


with alerts_module() as alerts:
    assert check_alerts(alerts) is None, "first of all, the check passes on the correct module"
assert fails_on("strictly-more"), "a module that needs more than 3 errors must fail your check (1: exactly 3)"
assert fails_on("alerts-always"), "a module that pages on every batch must fail your check (2)"
assert fails_on("no-return"), "a module that returns None instead of the count must fail your check (1 and 2)"

# %% course={"kind": "wrong", "id": "patches-definition-site", "fails": ["t1", "t2", "t3"]}
def check_alerts(alerts: ModuleType) -> None:
    with patch("pager.send", new_callable=AsyncMock) as send:  # alerts still holds the real send
        assert run(alerts.alert_on_errors(["ERROR disk", "INFO ok", "ERROR net", "ERROR db"])) == 3
        send.assert_awaited_once_with("ops", "3 errors in the last batch")
        send.reset_mock()
        assert run(alerts.alert_on_errors(["ERROR a", "ERROR b", "WARN c"])) == 2
        send.assert_not_called()

# %% course={"kind": "wrong", "id": "called-not-awaited", "fails": ["t2"]}
def check_alerts(alerts: ModuleType) -> None:
    with patch.object(alerts, "send", new_callable=AsyncMock) as send:
        assert run(alerts.alert_on_errors(["ERROR disk", "INFO ok", "ERROR net", "ERROR db"])) == 3
        send.assert_called_once_with("ops", "3 errors in the last batch")  # a dropped coroutine counts as a call
        send.reset_mock()
        assert run(alerts.alert_on_errors(["ERROR a", "ERROR b", "WARN c"])) == 2
        send.assert_not_called()

# %% course={"kind": "wrong", "id": "alert-case-only", "fails": ["t3"]}
def check_alerts(alerts: ModuleType) -> None:
    with patch.object(alerts, "send", new_callable=AsyncMock) as send:
        assert run(alerts.alert_on_errors(["ERROR disk", "INFO ok", "ERROR net", "ERROR db"])) == 3
        send.assert_awaited_once_with("ops", "3 errors in the last batch")  # never tries a quiet batch

# %% [markdown] course={"kind": "exercise", "id": "service-mocker", "item": "project-14-2-1"}
# ### Project 14.2.1: an external service mocker
#
# Write `ServiceMocker`, a fake HTTP service to plug into `httpx.MockTransport(mocker)`:
#
# - `on(method, path, *, status=200, json=None, error=None)` plans one answer for a route (method compared without
#   case) and returns the mocker, so calls chain. Several plans for one route are answered **in order**, and the
#   last one repeats for ever. `error="..."` simulates a network failure: that answer raises
#   `httpx.ConnectError(error, request=request)` instead of returning. Store plans as `Planned(status, json, error)`.
# - calling the mocker with an `httpx.Request` records it in `.calls` (every request, matched or not) and returns
#   the planned `httpx.Response(status, json=json)`; a route with no plan gets a 404 with JSON
#   `{"error": "no route for GET /path"}` (its method and path).
# - `count(method, path)`: how many recorded requests had that method (without case) and path.
#
# ```python
# mocker = ServiceMocker().on("GET", "/health", error="refused").on("GET", "/health", json={"ok": True})
# with httpx.Client(transport=httpx.MockTransport(mocker), base_url="https://svc.test") as client:
#     client.get("/health")          # raises httpx.ConnectError: refused
#     client.get("/health").json()   # {'ok': True}, and again on every later call
# mocker.count("get", "/health")     # 2
# ```

# %% [markdown] course={"kind": "hint"}
# A dict from `(METHOD, path)` to a list of `Planned`. To answer: take the first plan, and remove it only when more
# than one is left.

# %% [markdown] course={"kind": "hint"}
# Record the request before anything can fail or raise. `request.method` is already upper case in httpx;
# `request.url.path` is the path without the query string.

# %% course={"kind": "solution"}
class ServiceMocker:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self.routes: dict[tuple[str, str], list[Planned]] = {}
        self.calls: list[httpx.Request] = []
        ### END SOLUTION

    def on(self, method: str, path: str, *, status: int = 200, json: Any = None, error: str | None = None) -> "ServiceMocker":
        ### BEGIN SOLUTION
        self.routes.setdefault((method.upper(), path), []).append(Planned(status, json, error))
        return self
        ### END SOLUTION

    def __call__(self, request: httpx.Request) -> httpx.Response:
        ### BEGIN SOLUTION
        self.calls.append(request)
        plans = self.routes.get((request.method, request.url.path))
        if not plans:
            return httpx.Response(404, json={"error": f"no route for {request.method} {request.url.path}"})
        plan = plans.pop(0) if len(plans) > 1 else plans[0]
        if plan.error is not None:
            raise httpx.ConnectError(plan.error, request=request)
        return httpx.Response(plan.status, json=plan.json)
        ### END SOLUTION

    def count(self, method: str, path: str) -> int:
        ### BEGIN SOLUTION
        return sum(1 for request in self.calls if request.method == method.upper() and request.url.path == path)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
mocker = ServiceMocker().on("GET", "/health", json={"ok": True})
with httpx.Client(transport=httpx.MockTransport(mocker), base_url="https://svc.test") as client:
    reply = client.get("/health")
assert (reply.status_code, reply.json()) == (200, {"ok": True}), f"the planned answer: {reply.status_code} {reply.text}"
assert mocker.count("GET", "/health") == 1, "one request recorded"

# %% course={"kind": "test", "points": 2}
mocker = ServiceMocker()
assert mocker.on("post", "/jobs", status=503).on("POST", "/jobs", status=201, json={"id": 7}) is mocker, "on() chains"
with httpx.Client(transport=httpx.MockTransport(mocker), base_url="https://svc.test") as client:
    statuses = [client.post("/jobs", json={"n": n}).status_code for n in range(4)]
assert statuses == [503, 201, 201, 201], f"plans in order, then the last repeats: {statuses}"
assert mocker.count("post", "/jobs") == 4 and mocker.count("GET", "/jobs") == 0, "count by method and path"
assert [json.loads(r.content) for r in mocker.calls] == [{"n": 0}, {"n": 1}, {"n": 2}, {"n": 3}], "calls records the requests"
### BEGIN HIDDEN TESTS
mocker = ServiceMocker().on("GET", "/a", json=[]).on("GET", "/a", json=0).on("GET", "/a", json="last")
with httpx.Client(transport=httpx.MockTransport(mocker), base_url="https://svc.test") as client:
    bodies = [client.get("/a").json() for _ in range(5)]
assert bodies == [[], 0, "last", "last", "last"], f"three plans in order, falsy bodies kept: {bodies}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
mocker = ServiceMocker().on("GET", "/health", error="refused").on("GET", "/health", status=204)
with httpx.Client(transport=httpx.MockTransport(mocker), base_url="https://svc.test") as client:
    try:
        client.get("/health")
    except httpx.ConnectError as error:
        assert str(error) == "refused", f"the simulated error carries its message: {error}"
    else:
        raise AssertionError("an error plan raises httpx.ConnectError")
    assert client.get("/health").status_code == 204, "after the error, the next plan"
    missing = client.delete("/nothing/here", params={"x": "1"})
assert missing.status_code == 404, f"no plan: 404, got {missing.status_code}"
assert missing.json() == {"error": "no route for DELETE /nothing/here"}, f"404 body: {missing.json()}"
assert mocker.count("GET", "/health") == 2 and mocker.count("DELETE", "/nothing/here") == 1, "every request is recorded"
assert len(mocker.calls) == 3, f"three requests in all: {len(mocker.calls)}"

# %% course={"kind": "wrong", "id": "pops-the-last-plan"}
class ServiceMocker:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Planned]] = {}
        self.calls: list[httpx.Request] = []

    def on(self, method: str, path: str, *, status: int = 200, json: Any = None, error: str | None = None) -> "ServiceMocker":
        self.routes.setdefault((method.upper(), path), []).append(Planned(status, json, error))
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        plans = self.routes.get((request.method, request.url.path))
        if not plans:
            return httpx.Response(404, json={"error": f"no route for {request.method} {request.url.path}"})
        plan = plans.pop(0)  # the last plan is used up too: the route becomes a 404
        if plan.error is not None:
            raise httpx.ConnectError(plan.error, request=request)
        return httpx.Response(plan.status, json=plan.json)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.calls if r.method == method.upper() and r.url.path == path)

# %% course={"kind": "wrong", "id": "records-matches-only"}
class ServiceMocker:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Planned]] = {}
        self.calls: list[httpx.Request] = []

    def on(self, method: str, path: str, *, status: int = 200, json: Any = None, error: str | None = None) -> "ServiceMocker":
        self.routes.setdefault((method, path), []).append(Planned(status, json, error))  # case kept
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        plans = self.routes.get((request.method, request.url.path))
        if not plans:
            return httpx.Response(404, json={"error": f"no route for {request.method} {request.url.path}"})
        plan = plans.pop(0) if len(plans) > 1 else plans[0]
        if plan.error is not None:
            return httpx.Response(503)  # an error status is not a network failure
        self.calls.append(request)
        return httpx.Response(plan.status, json=plan.json)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.calls if r.method == method and r.url.path == path)

# %% [markdown] course={"kind": "exercise", "id": "env-fixture", "item": "project-14-2-2"}
# ### Project 14.2.2, part 1: a reusable environment fixture
#
# `patch.dict(os.environ, ...)` can set variables but not remove a single one. Write a context manager
# `environment(changes)` for a fixture library: `changes` maps a variable name to a new value (`str`) or to `None`
# (the variable must be **absent** inside the block). On leaving the block, even by an exception, `os.environ` is
# exactly as before: changed variables get their old values back, variables that did not exist before are
# removed again. It yields nothing.
#
# ```python
# with environment({"AWS_REGION": "eu-north-1", "AWS_PROFILE": None}):
#     os.environ["AWS_REGION"], "AWS_PROFILE" in os.environ   # ('eu-north-1', False)
# ```

# %% [markdown] course={"kind": "hint"}
# Before changing anything, save `{name: os.environ.get(name) for name in changes}` (None = it was absent).

# %% [markdown] course={"kind": "hint"}
# Do the changes, `yield` inside `try:`, and restore in `finally:`: set back the saved strings, and
# `os.environ.pop(name, None)` for the names saved as `None`.

# %% course={"kind": "solution"}
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    ### BEGIN SOLUTION
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with patch.dict(os.environ, {"KEEP": "1", "GONE": "x"}, clear=True):
    with environment({"NEW": "n", "GONE": None}):
        inside = dict(os.environ)
    after = dict(os.environ)
assert inside == {"KEEP": "1", "NEW": "n"}, f"inside: NEW set, GONE removed: {inside}"
assert after == {"KEEP": "1", "GONE": "x"}, f"after: exactly as before: {after}"

# %% course={"kind": "test", "points": 2}
with patch.dict(os.environ, {"A": "old", "B": ""}, clear=True):
    try:
        with environment({"A": "new", "B": None, "C": "", "D": None}):
            assert dict(os.environ) == {"A": "new", "C": ""}, f"inside: {dict(os.environ)}"
            raise RuntimeError("the test failed")
    except RuntimeError:
        pass
    after = dict(os.environ)
assert after == {"A": "old", "B": ""}, f"restored after an exception, empty value kept, C removed: {after}"
### BEGIN HIDDEN TESTS
with patch.dict(os.environ, {"Z": "1"}, clear=True):
    with environment({}) as given:
        assert given is None, f"it yields nothing: {given!r}"
        assert dict(os.environ) == {"Z": "1"}, "no changes, nothing touched"
    with environment({"Z": "2"}):
        with environment({"Z": None}):
            assert "Z" not in os.environ, "nested: removed"
        assert os.environ["Z"] == "2", "nested: the outer value is back"
    assert dict(os.environ) == {"Z": "1"}, "nested blocks restore in turn"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-finally"}
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in changes}
    for name, value in changes.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    yield  # an exception in the block skips the restore below
    for name, old in saved.items():
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old

# %% course={"kind": "wrong", "id": "new-names-left-behind"}
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ[name] for name in changes if name in os.environ}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        os.environ.update(saved)  # a variable that was absent before stays set

# %% [markdown] course={"kind": "task", "id": "fixture-library", "item": "project-14-2-2", "points": 4}
# ### Project 14.2.2: a test fixture library
#
# Turn this section's doubles into a small package `fixturekit` that your team's tests import:
#
# 1. Fixtures (pytest fixtures, or context managers for `unittest`) for the services your code meets: a fake HTTP
#    service (`ServiceMocker` behind `httpx.MockTransport`), the environment (`environment`), a frozen clock
#    (`freeze_time` or `FakeClock`), a seeded `random.Random`, a temporary folder, and one fake of your own (an
#    object store or a queue, in memory, checked against the real client's interface with `create_autospec`).
# 2. Options for each: planned answers and simulated errors, start time, seed, initial files or keys.
# 3. Tests of the library itself: each fixture restores everything after a failing test, and each fake passes
#    the same contract tests as the real implementation it stands in for (as `fake-job-repo` did).
# 4. A `README.md` with one usage example per fixture and a short "when not to mock" section.

# %% [markdown] course={"kind": "rubric"}
# - Every fixture cleans up on failure (a test that raises inside each one shows it); nothing touches the network
#   or the real environment (1 point).
# - Fakes are contract-tested against the real implementation or an autospec of it, so they cannot drift
#   silently (1 point).
# - Options are explicit parameters with sensible defaults; simulated errors are real exception types of the
#   client library (1 point).
# - The README shows each fixture in a few lines and says when a real dependency (SQLite, a temp folder, a local
#   server) is the better choice (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-a-mock"}
# A **stub** only answers: it returns canned values so the code under test can run, and the test then checks the
# code's *result* (what it returned, what state it left). A **mock** is checked itself: the test asserts which calls
# the code made on it, with which arguments, how often and in what order. Use a stub when the collaborator is an
# input ("the API says version 2.3.1"); use a mock when the call *is* the behaviour you care about and has no
# visible result ("a page was sent", "the transaction was committed once, last"). `unittest.mock.Mock` can be
# either: configuring `return_value` makes it a stub, asserting `assert_called_once_with` makes it a mock.

# %% [markdown] course={"kind": "answer", "question": "q-when-should-you-use-mocks-vs-real"}
# Use the real thing when it is fast, deterministic and local: pure functions, SQLite in memory, a temporary folder,
# an app served on 127.0.0.1. Replace a dependency when it is slow, costs money, is not under your control or
# cannot be made to fail on demand: a cloud API, a payment provider, the clock, randomness, a GPU. Prefer the
# lightest double that does the job (a stub, then a fake), and keep at least a few integration tests against the
# real service (or its official emulator) so the doubles are checked against reality. Never mock the code under
# test itself, or a plain value object you could simply build.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-mock-external-apis"}
# At the transport, not inside my code: with httpx I give the client `httpx.MockTransport(handler)` (or use
# `respx`); with requests I use `responses` or a mounted adapter. My code then builds real requests and parses real
# responses; the handler matches on method, path, query and body, answers with recorded JSON, and records what
# was asked so the test can check it. I plan the failures too: 404, 429 with `Retry-After`, 500, timeouts and
# connection errors. The client is injected (a parameter or a factory), so no `patch` on module names is needed;
# and a few contract or integration tests run against the real API's sandbox, so my canned answers do not drift.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-dangers-of-over-mocking"}
# A test that mocks everything the code touches only checks that the code calls what the test expects; it can pass
# on code that would fail on the first real run (wrong path joins, a wrong signature, a renamed method), as the
# trap below shows. It also ties tests to the implementation, so a harmless refactor breaks dozens of tests, and
# mocks drift from the real interface unless they are specced. Signs of over-mocking: more mock setup than
# assertions, asserting calls instead of results, patching private helpers. The cure: real objects where they are
# cheap, fakes with contract tests, `autospec` for what remains, and a few integration tests.

# %% course={"kind": "trap", "trap": "trap-over-mocking-leads-to-tests-that-pass"}
def bytes_per_extension(folder: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for name in os.listdir(folder):
        extension = os.path.splitext(name)[1]
        totals[extension] = totals.get(extension, 0) + os.path.getsize(name)  # bug: should be os.path.join(folder, name)
    return totals


with patch("os.listdir", return_value=["a.log", "b.log"]), patch("os.path.getsize", return_value=10):
    assert bytes_per_extension("/var/log/app") == {".log": 20}
print("the over-mocked test passes")
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "only-in-the-temp-folder.log").write_text("hello\n", encoding="utf-8")
    try:
        bytes_per_extension(tmp)
    except FileNotFoundError as error:
        print("on a real folder the code fails:", type(error).__name__, error.filename)

# %% course={"kind": "trap", "trap": "trap-mocking-implementation-details", "raises": "AssertionError"}
class CachedConfig:
    """Reads its settings once: a refactor of a version that called `load()` on every `get`."""

    def __init__(self, load: Callable[[], dict[str, int]]) -> None:
        self._settings = load()

    def get(self, key: str) -> int:
        return self._settings[key]


load = Mock(return_value={"workers": 4, "timeout": 30})
config = CachedConfig(load)
assert (config.get("workers"), config.get("timeout")) == (4, 30)  # the behaviour is right...
assert load.call_count == 2, "the old test pinned how often load() runs: the refactor fails it"  # ...but this fails

# %% course={"kind": "trap", "trap": "trap-not-verifying-mock-interactions"}
def page_if_down(is_up: Callable[[], bool], pager: Any) -> None:
    if not is_up():
        pager.page  # forgot the parentheses: nobody is paged


pager = Mock()
page_if_down(lambda: False, pager)
print("a test that only checks 'no exception' passes")
try:
    pager.page.assert_called_once()
except AssertionError as error:
    print("verifying the interaction catches it:", error)

# %% [markdown] course={"kind": "text"}
# A related slip: a misspelt assertion. A `Mock` refuses attribute names that start with `assert`, `assret`,
# `asert`, `aseert` or `assrt` (`AttributeError`: "not a valid assertion"; the last three since Python 3.10), so
# `pager.page.assert_called_once_wiht()` fails loudly. But `pager.page.called_once_with("ops")` (no `assert_`) is a
# different name. On Python 3.11 it is just another child `Mock`, truthy, so `assert
# pager.page.called_once_with("ops")` always passes. Since Python 3.12 (CPython issue gh-100690) a `Mock` also refuses
# the name of every `assert_...` method without its `assert_` (`called_once_with`, `called_with`, `has_calls`,
# `any_call`, `not_called`...). Checked on 3.11.7, 3.12.1 and 3.13.0. Both checks are skipped for a name the mock's
# `spec` really has, and `Mock(unsafe=True)` turns them off. Only the `assert_...` methods check anything:

# %% course={"kind": "demo"}
import sys

for name in ("assert_called_once_wiht", "called_once_with"):
    try:
        getattr(Mock(), name)
        print(f"Python {sys.version_info.major}.{sys.version_info.minor}: m.{name} is a child Mock, always truthy")
    except AttributeError as error:
        print(f"Python {sys.version_info.major}.{sys.version_info.minor}: m.{name} -> AttributeError: {error}")

# %% course={"kind": "trap", "trap": "trap-mocks-drifting-from-real-implementations"}
class Notifier:
    """The real client, version 2: `send(text)` was renamed `publish(topic, text)`."""

    def publish(self, topic: str, text: str) -> None:
        raise NotImplementedError("talks to the message bus")


def announce_deploy(notifier: Any, version: str) -> None:
    notifier.send(f"deployed {version}")  # still written against version 1


loose = Mock()
announce_deploy(loose, "1.4.0")
loose.send.assert_called_once_with("deployed 1.4.0")
print("with a bare Mock the test still passes after the rename")
try:
    announce_deploy(create_autospec(Notifier, instance=True), "1.4.0")
except AttributeError as error:
    print("an autospec of the real class fails it:", error)
