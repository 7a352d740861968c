# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can test a service together with its real PostgreSQL, its real cache and its
# real HTTP server: fixtures that start and clean them, per-test rollback, factories, contracts and end-to-end checks
# that pass twice in a row, run in parallel and never wait on `sleep`.

# %% course={"kind": "setup", "id": "given"}
# Real servers, all local: PostgreSQL 16 (one server for this notebook, a fresh *schema* per test), a
# Redis-protocol server (Valkey), and uvicorn serving FastAPI apps on 127.0.0.1 at a free port. Nothing leaves
# the machine; every server stops with the kernel. Starting them takes a few seconds, once: they start in the
# background while the libraries below are imported, and the cell waits for both at its end.
import threading

from course.runtime.postgres import fresh_database, shared_postgres
from course.runtime.valkey import shared_valkey

starting = [threading.Thread(target=start) for start in (shared_postgres, shared_valkey)]
for thread in starting:
    thread.start()

import json
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
import redis
from fastapi import FastAPI, Header, HTTPException, Response
from pydantic import BaseModel

from course.runtime.aio import serve
from course.runtime.clock import FakeClock

for thread in starting:
    thread.join()
shared_postgres()  # at once when the start above worked; a failed start is tried again here and raises here
shared_valkey()

SERVICES = """CREATE TABLE services (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    owner text NOT NULL,
    replicas int NOT NULL DEFAULT 1 CHECK (replicas >= 0));"""


# The data layer the exercises test. `make_repo()` returns the ServiceRepo class; `make_repo(bug)` the same class
# with one planted bug, to prove that your checks catch it.
def make_repo(bug: str | None = None) -> type:
    class ServiceRepo:
        """Services in the `services` table, through one psycopg connection."""

        def __init__(self, conn: psycopg.Connection) -> None:
            self.conn = conn

        def add(self, name: str, owner: str, replicas: int = 0 if bug == "default-0" else 1) -> int:
            """Insert a service and commit; a name already taken raises psycopg.errors.UniqueViolation."""
            sql = "INSERT INTO services (name, owner, replicas) VALUES (%s, %s, %s)"
            if bug == "upsert":
                sql += " ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, replicas = EXCLUDED.replicas"
            if bug == "ignore-duplicate":
                sql += " ON CONFLICT (name) DO NOTHING"
            row = self.conn.execute(sql + " RETURNING id", (name, owner, replicas)).fetchone()
            if bug != "no-commit":
                self.conn.commit()
            return 0 if row is None else int(row[0])

        def get(self, name: str) -> tuple[str, str, int] | None:
            """(name, owner, replicas) of the service called exactly `name`, or None."""
            match = "ILIKE" if bug == "ilike" else "="
            return self.conn.execute(
                f"SELECT name, owner, replicas FROM services WHERE name {match} %s", (name,)
            ).fetchone()

        def scale(self, name: str, replicas: int) -> bool:
            """Set the replicas of one service and commit; False when there is no such service."""
            where = "EXISTS (SELECT 1 FROM services WHERE name = %s)" if bug == "scale-all" else "name = %s"
            cursor = self.conn.execute(f"UPDATE services SET replicas = %s WHERE {where}", (replicas, name))
            if bug != "scale-no-commit":
                self.conn.commit()
            return True if bug == "scale-true" else cursor.rowcount > 0

    return ServiceRepo


# The small service the end-to-end exercises drive: FastAPI over PostgreSQL, with reads cached in Valkey under
# `prefix`. Writes need the header `Authorization: Bearer <TOKEN>`. `planted()` names the bug to plant in each request
# (None: the correct service), so one running server can play the correct service and each buggy one in turn.
TOKEN = "t-3f9c2a"


class NewService(BaseModel):
    name: str
    owner: str
    replicas: int = 1


class Replicas(BaseModel):
    replicas: int


def make_app(db_url: str, cache_url: str, prefix: str, planted: Callable[[], str | None] = lambda: None) -> FastAPI:
    app = FastAPI()
    cache = app.state.cache = redis.Redis.from_url(cache_url)  # closed by whoever stops the app

    def authorize(authorization: str | None) -> None:
        if planted() != "open-door" and authorization != f"Bearer {TOKEN}":
            raise HTTPException(403 if planted() == "forbidden-403" else 401, "missing or wrong token")

    @app.post("/services", status_code=201)
    def create(
        body: NewService, response: Response, authorization: str | None = Header(default=None)
    ) -> dict[str, Any]:
        bug = planted()
        authorize(authorization)
        sql = "INSERT INTO services (name, owner, replicas) VALUES (%s, %s, %s)"
        if bug == "overwrites":
            sql += " ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, replicas = EXCLUDED.replicas"
        else:
            sql += " ON CONFLICT (name) DO NOTHING"
        stored = 1 if bug == "drops-replicas" else body.replicas  # the reply still echoes what was sent
        with psycopg.connect(db_url) as conn:
            inserted = conn.execute(sql + " RETURNING id", (body.name, body.owner, stored)).fetchone()
        if inserted is None:
            raise HTTPException(409, f"service {body.name!r} exists")
        if bug == "created-200":
            response.status_code = 200
        if bug == "short-reply":
            return {"name": body.name, "owner": body.owner}
        return {"name": body.name, "owner": body.owner, "replicas": body.replicas}

    @app.get("/services/{name}")
    def read(name: str) -> dict[str, Any]:
        key = f"{prefix}:service:{name}"
        cached = cache.get(key)
        if cached is not None:
            return dict(json.loads(cached))
        with psycopg.connect(db_url) as conn:
            row = conn.execute("SELECT name, owner, replicas FROM services WHERE name = %s", (name,)).fetchone()
        if row is None:
            raise HTTPException(404, f"no service {name!r}")
        body = {"name": row[0], "owner": row[1], "replicas": row[2]}
        cache.set(key, json.dumps(body), ex=300)
        return body

    @app.put("/services/{name}/replicas")
    def scale(
        name: str, body: Replicas, response: Response, authorization: str | None = Header(default=None)
    ) -> dict[str, Any]:
        authorize(authorization)
        if planted() == "scale-202":
            response.status_code = 202
        with psycopg.connect(db_url) as conn:
            row = conn.execute(
                "UPDATE services SET replicas = %s WHERE name = %s RETURNING name, owner, replicas",
                (body.replicas, name),
            ).fetchone()
        if row is None:
            raise HTTPException(404, f"no service {name!r}")
        if planted() != "stale-cache":
            cache.delete(f"{prefix}:service:{name}")
        return {"name": row[0], "owner": row[1], "replicas": row[2]}

    return app


@dataclass
class Site:
    """A running copy of the service: its base URL, and the bug it has now (set `site.bug` to plant another)."""

    url: str
    bug: str | None = None


@contextmanager
def served() -> Iterator[Site]:
    """The service on a real uvicorn at 127.0.0.1, over a fresh schema and its own cache prefix, for one block.
    Everything it made (schema, cache keys, server thread) is gone after the block."""
    prefix = f"test-{secrets.token_hex(4)}"
    site = Site("")
    with fresh_database(SERVICES) as db_url:
        app = make_app(db_url, shared_valkey(), prefix, lambda: site.bug)
        try:
            with serve(app) as url:
                site.url = url
                yield site
        finally:
            cache = app.state.cache
            for key in cache.scan_iter(f"{prefix}:*"):
                cache.delete(key)
            cache.close()


# %% [markdown] course={"kind": "lesson", "id": "integration", "covers": ["c-integration-testing", "c-testing-component-interactions", "c-database-integration-tests", "c-api-integration-tests", "c-service-integration-tests"]}
# ### Integration tests: the pieces together, for real
#
# A unit test checks one function with its neighbours replaced (14.2). An **integration test** keeps a real
# neighbour: the repository with a real PostgreSQL, the HTTP client with a real server, the service with its real
# cache. It proves what a double cannot: the SQL is valid for *this* database, the transaction is committed, the
# JSON on the wire is what the client parses. The **test pyramid** says how many of each to have:
#
# | layer | what it proves | speed | how many |
# |---|---|---|---|
# | unit | one function's logic, every edge case | microseconds | hundreds |
# | integration | one boundary works with the real thing (DB, cache, HTTP) | milliseconds | dozens |
# | end-to-end | a user's journey through the whole running system | seconds | a handful |
#
# The usual mistake is to test a boundary through a mock of that very boundary. Below, `ServiceRepo` forgets to
# commit (the `no-commit` bug). Its own connection sees the row, so a test that reads back through the same
# connection (or a mock that records `execute`) passes; any *other* connection, the next web request included,
# does not see it.

# %% course={"kind": "demo"}
Repo = make_repo("no-commit")
with fresh_database(SERVICES) as url, psycopg.connect(url) as writer, psycopg.connect(url) as reader:
    Repo(writer).add("api", "team-a")
    print("the writer's connection sees:", Repo(writer).get("api"))
    print("another connection sees:     ", Repo(reader).get("api"))
    writer.rollback()  # what happens to an uncommitted row when the request ends

# %% [markdown] course={"kind": "lesson", "id": "test-databases", "covers": ["c-test-databases", "c-test-database-setup", "c-database-fixtures", "c-transaction-rollback", "c-database-factories"]}
# ### Test databases: a server per session, a clean place per test
#
# Starting PostgreSQL costs seconds; making a schema costs milliseconds. So a suite starts **one server per
# session** and gives **each test a clean place**: a fresh schema (what `fresh_database` does here), or one
# transaction that is rolled back at the end of the test. In pytest both are fixtures with a scope; the code after
# `yield` is the teardown, and it runs even when the test fails:
#
# ```python
# @pytest.fixture(scope="session")
# def pg_url():
#     return shared_postgres()          # one server for the whole run, stopped at exit
#
# @pytest.fixture                      # scope="function" is the default: one per test
# def conn(pg_url):
#     with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
#         yield conn                   # the test runs here
#     # after the with: connections ended, schema dropped, even if the test failed
# ```
#
# **Transaction per test.** The session opens one transaction and loads the seed data once; each test runs inside
# a `SAVEPOINT` and is rolled back to it, which is much cheaper than re-creating tables. Real PostgreSQL, by hand:

# %% course={"kind": "demo"}
with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
    conn.execute("INSERT INTO services (name, owner) VALUES ('seed', 'platform')")  # opens the transaction
    conn.execute("SAVEPOINT test_start")
    conn.execute("INSERT INTO services (name, owner) VALUES ('made-by-test', 'team-a')")
    print("inside the test:", conn.execute("SELECT name FROM services ORDER BY name").fetchall())
    conn.execute("ROLLBACK TO SAVEPOINT test_start")
    print("after rollback: ", conn.execute("SELECT name FROM services ORDER BY name").fetchall())
    print("still in the session's transaction:", conn.info.transaction_status.name)

# %% [markdown] course={"kind": "text"}
# The catch: code under test that calls `commit()` ends the outer transaction, and the rollback no longer undoes
# it. psycopg 3 guards against that: inside `conn.transaction()` (which is a savepoint when a transaction is
# already open) an explicit `commit()` is refused. Write code that takes a connection and lets its caller decide
# when to commit, or use a fresh schema per test for code that must commit. **Database factories** (a function that
# inserts a valid row with defaults you can override) keep each test's setup to one line; see the factory exercise.

# %% course={"kind": "demo"}
with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
    with conn.transaction(force_rollback=True):
        conn.execute("INSERT INTO services (name, owner) VALUES ('x', 'y')")
        try:
            conn.commit()
        except psycopg.ProgrammingError as error:
            print("refused:", str(error).split(".")[0])
    print("rows left:", conn.execute("SELECT count(*) FROM services").fetchone()[0])

# %% [markdown] course={"kind": "lesson", "id": "api-testing", "covers": ["c-api-testing", "c-fastapi-testclient", "c-request-simulation", "c-response-validation", "c-authentication-testing"]}
# ### API tests: in-process with `TestClient`, or over a real socket
#
# FastAPI's `TestClient` calls the app **in the same process**, with no socket: fast and good for most API tests
# (request simulation). Serving it on a real uvicorn (`course.runtime.aio.serve`) adds what TestClient skips:
# a listening port, the server's own HTTP parsing, and a server that runs apart from the test's code. Check the **status first, then the body**, exactly: a 200 with an error
# message inside is a bug. Authentication is tested from both sides: without a token the write is refused *and
# nothing was written*; with the right token it works. (The app here needs a real database either way.)

# %% course={"kind": "demo"}
import warnings

with warnings.catch_warnings():
    # Starlette 1.10 (installed here) would rather its TestClient ran on the new `httpx2` package and warns once on
    # import when it finds `httpx`; both work the same here.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

with fresh_database(SERVICES) as db_url:
    app = make_app(db_url, shared_valkey(), f"demo-{secrets.token_hex(3)}")
    with TestClient(app) as client:
        refused = client.post("/services", json={"name": "api", "owner": "team-a"})
        print("no token:      ", refused.status_code, refused.json())
        print("after refusal: ", client.get("/services/api").status_code)
        bad = client.post("/services", json={"name": "api"}, headers={"Authorization": f"Bearer {TOKEN}"})
        print("missing owner: ", bad.status_code, bad.json()["detail"][0]["loc"])
        good = client.post("/services", json={"name": "api", "owner": "team-a"}, headers={"Authorization": f"Bearer {TOKEN}"})
        print("with token:    ", good.status_code, good.json())
    app.state.cache.close()

# %% [markdown] course={"kind": "lesson", "id": "docker", "covers": ["c-docker-for-testing", "c-testcontainers-library", "c-ephemeral-containers", "c-docker-compose-for-tests"]}
# ### Docker for tests, and what we do without it
#
# On a laptop or a CI runner with Docker, the `testcontainers` library starts a throwaway container per session,
# waits until it accepts connections, hands you its URL and removes it afterwards (a helper container, Ryuk,
# removes leftovers if the test process dies). **This course cannot run Docker** (no engine in Binder or in our CI),
# so here is what such a fixture looks like, as text:
#
# ```python
# # Shown, not run: it needs a Docker engine (pip install testcontainers[postgres]).
# from testcontainers.postgres import PostgresContainer
#
# @pytest.fixture(scope="session")
# def pg_url():
#     with PostgresContainer("postgres:16", driver=None) as pg:   # pulls the image, starts it, waits for it
#         yield pg.get_connection_url()     # driver=None: a plain postgresql://... URL that psycopg takes
#     # the container is stopped and removed here
# ```
#
# (Without `driver=None`, `get_connection_url()` names a SQLAlchemy driver, `postgresql+psycopg2://...`, which
# psycopg itself does not accept.)
#
# **Docker Compose for tests** does the same for a whole stack: a `compose.test.yaml` with `db`, `cache` and the
# `api`, started by `docker compose -f compose.test.yaml up -d --wait` before the suite and removed with
# `docker compose ... down -v` after it (`-v` drops the volumes, so the next run starts empty).
#
# The shape is what matters, and it is the same with the local servers of this notebook: a **session** fixture that
# starts an **ephemeral** server (PostgreSQL and Valkey from pip wheels, on Unix sockets in temporary folders) and
# a **function** fixture that gives each test a clean place inside it.
#
# ```python
# @pytest.fixture(scope="session")
# def pg_url():
#     with postgres_server() as url:     # course.runtime.postgres: a real PostgreSQL 16, removed after the block
#         yield url
#
# @pytest.fixture(scope="session")
# def cache_url():
#     with valkey_server() as url:       # course.runtime.valkey: a real Redis-protocol server
#         yield url
# ```

# %% course={"kind": "demo"}
with psycopg.connect(shared_postgres()) as conn:
    print(conn.execute("SHOW server_version").fetchone()[0], "on", conn.info.host)
    schemas = "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'course_%'"
    before = conn.execute(schemas).fetchone()[0]
    with fresh_database(SERVICES):
        during = conn.execute(schemas).fetchone()[0]
    after = conn.execute(schemas).fetchone()[0]
print(f"schemas made by fresh_database: {during - before} during the block, {after - before} after it")
with redis.Redis.from_url(shared_valkey()) as cache:
    print("Valkey reports redis_version", cache.info()["redis_version"])

# %% [markdown] course={"kind": "lesson", "id": "e2e", "covers": ["c-end-to-end-testing", "c-full-system-tests", "c-playwright-selenium-basics", "c-api-e2e-testing"]}
# ### End-to-end: drive the running system from outside
#
# An end-to-end (E2E) test talks to the system only the way a user or another service does: over HTTP to the API,
# which talks to its database and its cache. It catches what no layer alone shows, like a cache that keeps
# serving the old value after an update. For web pages the driver is a real browser: **Playwright** or
# **Selenium** (WebDriver) open the page, type and click like a user, and check what the page shows. A Playwright
# test with the `pytest-playwright` plugin looks like this; it is **shown as text, not run**: it needs a browser
# (`playwright install chromium` downloads one), and Binder and our CI have none. `app_url` stands for a session
# fixture of yours that serves the app, like `served()` below.
#
# ```python
# from playwright.sync_api import Page, expect
#
# def test_scale_from_the_page(page: Page, app_url: str) -> None:   # `page`: a fresh browser tab per test
#     page.goto(f"{app_url}/services/api/edit")
#     page.get_by_label("Replicas").fill("4")
#     page.get_by_role("button", name="Save").click()
#     expect(page.get_by_text("4 replicas")).to_be_visible()   # retries until it shows, or fails at its timeout
# ```
#
# Locate elements the way a user sees them (role and name, label, text), not by CSS paths that change with every
# redesign; and let `expect` wait for the page instead of a `sleep`. This notebook runs **API E2E** with `httpx`
# against a real server. Keep E2E tests few: they are slow and, when they fail, say little about where.

# %% course={"kind": "demo"}
auth = {"Authorization": f"Bearer {TOKEN}"}
with served() as site, httpx.Client(base_url=site.url) as client:
    print("POST  ", client.post("/services", json={"name": "api", "owner": "team-a"}, headers=auth).status_code)
    print("GET   ", client.get("/services/api").json())
    print("PUT   ", client.put("/services/api/replicas", json={"replicas": 4}, headers=auth).json())
    print("GET   ", client.get("/services/api").json(), "(the cache entry was dropped by the PUT)")
    site.bug = "stale-cache"
    client.put("/services/api/replicas", json={"replicas": 9}, headers=auth)
    print("GET   ", client.get("/services/api").json(), "<- with the stale-cache bug: still 4")

# %% [markdown] course={"kind": "lesson", "id": "test-data", "covers": ["c-test-data-management", "c-factories-factory-boy", "c-fake-data-faker", "c-seed-data"]}
# ### Test data: factories, fake data, seed data
#
# A **factory** builds a valid object with sensible defaults, so a test states only what matters to it:
# `build(replicas=0)`. Each object gets a unique name from a **sequence**, so two objects never collide on a
# unique column. `factory_boy` is the usual library (`class ServiceFactory(factory.Factory)` with
# `factory.Sequence(lambda n: f"svc-{n}")` and `factory.SubFactory` for related objects); `faker` makes
# realistic values (`Faker().user_name()`), and `Faker.seed(…)` makes them repeatable. Neither is installed here:
# you write a small factory yourself below, which is all they do at heart.
#
# **Seed data** is the fixed data every test may rely on (a default team, the plans table). Load it once,
# identically every run: realistic-looking values from a *seeded* random generator, never from the clock.

# %% course={"kind": "demo"}
import random


def seed_services(seed: int, count: int) -> list[tuple[str, str, int]]:
    """Realistic-looking rows, the same for the same seed on every machine."""
    rng = random.Random(seed)
    words, teams = ["billing", "search", "auth", "ledger", "ingest", "report"], ["payments", "platform", "data"]
    return [(f"{rng.choice(words)}-{n}", rng.choice(teams), rng.randint(1, 5)) for n in range(1, count + 1)]


print(seed_services(7, 3))
print(seed_services(7, 3) == seed_services(7, 3), "(same seed, same rows)")

# %% [markdown] course={"kind": "lesson", "id": "contracts", "covers": ["c-contract-testing", "c-consumer-driven-contracts", "c-pact-basics"]}
# ### Contract tests: both sides check the same promise
#
# When a client (the *consumer*) and an API (the *provider*) are built by different teams, an E2E test of both is
# slow and needs both deployed. A **contract** is a file that says what the consumer relies on: for this request,
# this status and these fields of these types. **Consumer-driven**: the consumer writes it, listing only what it
# really reads, so the provider stays free to add fields. Then each side runs it alone: the consumer's tests use
# a stub that answers from the contract; the provider's CI replays the requests against the real API and checks
# the answers. **Pact** is the common tool: consumer tests produce a JSON pact file, a broker shares it, and the
# provider verifies it. The mistake: contracts that demand the provider's whole response (every field, exact
# values): then any harmless addition breaks them.

# %% course={"kind": "demo"}
CONTRACT = {"request": ("GET", "/services/api"), "status": 200, "fields": {"name": str, "owner": str, "replicas": int}}


def meets(body: dict[str, Any], fields: dict[str, type]) -> bool:
    return all(type(body.get(name)) is kind for name, kind in fields.items())


with served() as site, httpx.Client(base_url=site.url) as client:  # the provider side, against the real API
    client.post("/services", json={"name": "api", "owner": "team-a"}, headers={"Authorization": f"Bearer {TOKEN}"})
    method, path = CONTRACT["request"]
    reply = client.request(method, path)
    print("provider keeps the contract:", reply.status_code == CONTRACT["status"] and meets(reply.json(), CONTRACT["fields"]))
print("an added field is fine:     ", meets({"name": "a", "owner": "b", "replicas": 1, "region": "eu"}, CONTRACT["fields"]))
print("replicas as text is not:    ", meets({"name": "a", "owner": "b", "replicas": "1"}, CONTRACT["fields"]))

# %% [markdown] course={"kind": "lesson", "id": "environments", "covers": ["c-test-environments", "c-local-testing", "c-ci-testing", "c-staging-validation"]}
# ### Where tests run, and why they flake
#
# **Locally** you run the fast layers on every save and the integration tests before a push. **CI** runs
# everything on every change, on a loaded machine, often in parallel (`pytest -n 4` with pytest-xdist). **Staging**
# is a copy of production: after a deploy, a few *smoke* E2E tests check the real wiring (DNS, secrets, migrations)
# before users see it.
#
# A **flaky** test passes and fails on the same code. The usual causes, each with its cure:
#
# | cause | example | cure |
# |---|---|---|
# | order | a test relies on a row another test left | each test makes its own data; clean place per test |
# | time | `sleep(0.1)` "to let the server start"; "today" near midnight | wait for a condition with a deadline; inject the clock |
# | shared state | two parallel workers use the key `user:1` or the same schema | a unique prefix or schema per worker |
# | ports | a fixed port 8000 already taken | bind port 0 and ask the OS which port it gave |
#
# The demos below show each cause **deterministically** (a real flake would make this notebook flaky).

# %% course={"kind": "demo"}
# Order: the second test only passes when the first one ran before it and left its row behind.
def test_create(conn: psycopg.Connection) -> None:
    conn.execute("INSERT INTO services (name, owner) VALUES ('api', 'team-a')")


def test_count(conn: psycopg.Connection) -> None:
    assert conn.execute("SELECT count(*) FROM services").fetchone()[0] == 1, "expected the one service"


for order in [(test_create, test_count), (test_count, test_create)]:
    with fresh_database(SERVICES) as url, psycopg.connect(url, autocommit=True) as shared_conn:  # shared by both tests
        try:
            for test in order:
                test(shared_conn)
            print(" then ".join(t.__name__ for t in order), "-> pass")
        except AssertionError as error:
            print(" then ".join(t.__name__ for t in order), "-> FAIL:", error)

# %% course={"kind": "demo"}
# Ports: a fixed port fails as soon as something else holds it; port 0 never collides.
import errno
import socket

with socket.socket() as first, socket.socket() as second:
    first.bind(("127.0.0.1", 0))
    taken = first.getsockname()[1]
    try:
        second.bind(("127.0.0.1", taken))
    except OSError as error:
        print(f"the same port again: {type(error).__name__}, errno {errno.errorcode[error.errno]}")
    second.bind(("127.0.0.1", 0))
    print("port 0 gave a free port:", second.getsockname()[1] != taken)

# %% course={"kind": "demo"}
# Shared state between parallel workers: pytest-xdist names each worker in PYTEST_XDIST_WORKER (gw0, gw1...).
# Put that name (and a random part, for two runs at once) into every key and schema the worker makes.
def key_prefix(worker: str, run: str) -> str:
    return f"test:{worker}:{run}"


run_id = "5e1f"  # secrets.token_hex(2) in real life; fixed here so the output is the same
with redis.Redis.from_url(shared_valkey()) as cache:
    for worker in ["gw0", "gw1"]:
        cache.set(f"{key_prefix(worker, run_id)}:user:1", worker)
    print([cache.get(f"{key_prefix(w, run_id)}:user:1") for w in ["gw0", "gw1"]], "(each worker kept its own)")
    cache.delete(*(f"{key_prefix(w, run_id)}:user:1" for w in ["gw0", "gw1"]))

# %% [markdown] course={"kind": "text"}
# **Time.** "Start the server, `sleep(1)`, then test" is wrong twice: on a fast machine it wastes a second, on a
# loaded CI runner one second is not enough. Wait *for the condition* (the port answers, the row exists), checking
# again and again until a **deadline**, and fail with a clear message when the deadline passes. You write that
# helper in the last exercise, tested with a fake clock so nothing really waits.

# %% [markdown] course={"kind": "exercise", "id": "repo-checks", "item": "x-write-integration-tests-with-real"}
# ### Write the tests: `ServiceRepo` against a real PostgreSQL
#
# Here *you* write the test. `make_repo()` (given at the top) returns the class `ServiceRepo(conn)` with three
# methods over the `services` table (`SERVICES` at the top):
#
# - `add(name, owner, replicas=1)` inserts and **commits**; a name already taken raises
#   `psycopg.errors.UniqueViolation` (and leaves the first row as it was);
# - `get(name)` returns `(name, owner, replicas)` of the service called exactly `name` (case matters), or `None`;
# - `scale(name, replicas)` sets the replicas of that one service, commits, and returns `True`; `False` when there
#   is no such service.
#
# Write `check_repo(ServiceRepo)` that raises (an `AssertionError`, or whatever error the code lets out) unless the
# class does all of that on a fresh database: `with fresh_database(SERVICES) as url:`. Read back through a
# **second connection**, as the next request of a web app would. The tests run your checks on the correct class
# (they must pass) and on classes with one bug each (they must fail): `make_repo(bug)` for `"no-commit"`,
# `"default-0"` (`replicas` defaults to 0), `"ilike"` (`get("API")` finds `"api"`), `"upsert"` (a second `add` of a
# name overwrites instead of raising), `"ignore-duplicate"` (a second `add` does nothing and returns 0),
# `"scale-all"` (scales every service), `"scale-true"` (`True` for a missing service) and `"scale-no-commit"`.
#
# ```python
# check_repo(make_repo())              # returns None
# check_repo(make_repo("no-commit"))   # AssertionError: another connection does not see the row
# ```

# %% [markdown] course={"kind": "hint"}
# `with fresh_database(SERVICES) as url, psycopg.connect(url) as writer, psycopg.connect(url) as reader:` then
# `repo, other = ServiceRepo(writer), ServiceRepo(reader)`: write with `repo`, read with `other`.

# %% [markdown] course={"kind": "hint"}
# Add **two** services, or a bug that touches every row looks right. After a `UniqueViolation` the writer's
# transaction is aborted: `writer.rollback()` before you use it again.

# %% course={"kind": "solution", "equivalent": {"m-86f37d23": "scaling a missing service returns False whatever the count: 4 works like 5", "m-f6b59bcb": "scaling a missing service returns False whatever the count: 6 works like 5"}}
def check_repo(ServiceRepo: type) -> None:
    ### BEGIN SOLUTION
    with fresh_database(SERVICES) as url, psycopg.connect(url) as writer, psycopg.connect(url) as reader:
        repo, other = ServiceRepo(writer), ServiceRepo(reader)
        repo.add("api", "team-a")
        repo.add("web", "team-b", 2)
        assert other.get("api") == ("api", "team-a", 1), "another connection must see a committed row"
        assert other.get("API") is None, "get matches the name exactly, case included"
        try:
            repo.add("api", "team-c")
        except psycopg.errors.UniqueViolation:
            writer.rollback()
        else:
            raise AssertionError("adding a name twice must raise UniqueViolation")
        assert repo.scale("api", 3) is True, "scaling a service that exists returns True"
        assert other.get("api") == ("api", "team-a", 3), "the new replicas are committed"
        assert other.get("web") == ("web", "team-b", 2), "scale changes only the named service"
        assert repo.scale("nope", 5) is False, "scaling a missing service returns False"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert check_repo(make_repo()) is None, "on the correct class the checks pass"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    """Whether the checks raise on the class with `bug` planted."""
    try:
        check_repo(make_repo(bug))
    except Exception:
        return True
    return False


assert check_repo(make_repo()) is None, "first of all, the checks pass on the correct class"
assert fails_on("no-commit"), "a class that never commits must fail your checks: read through a second connection"
assert fails_on("default-0"), "an add() whose replicas default to 0 must fail your checks"
assert fails_on("ilike"), "a get() that ignores case must fail your checks"


# %% course={"kind": "test", "points": 2}
def fails_on(bug: str) -> bool:
    try:
        check_repo(make_repo(bug))
    except Exception:
        return True
    return False


assert check_repo(make_repo()) is None, "first of all, the checks pass on the correct class"
assert fails_on("upsert"), "an add() that overwrites a taken name must fail your checks"
assert fails_on("ignore-duplicate"), "an add() that quietly skips a taken name must fail your checks"
assert fails_on("scale-no-commit"), "a scale() that never commits must fail your checks"
assert fails_on("scale-all"), "a scale() that changes every service must fail your checks"
assert fails_on("scale-true"), "a scale() that returns True for a missing service must fail your checks"

# %% course={"kind": "wrong", "id": "same-connection"}
def check_repo(ServiceRepo: type) -> None:
    with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
        repo = ServiceRepo(conn)  # writes and reads on one connection: uncommitted rows look fine
        repo.add("api", "team-a")
        repo.add("web", "team-b", 2)
        assert repo.get("api") == ("api", "team-a", 1)
        assert repo.get("API") is None
        assert repo.scale("api", 3) is True
        assert repo.get("api") == ("api", "team-a", 3)
        assert repo.get("web") == ("web", "team-b", 2)
        assert repo.scale("nope", 5) is False
        try:
            repo.add("api", "team-c", 7)
        except psycopg.errors.UniqueViolation:
            conn.rollback()
        else:
            raise AssertionError("adding a name twice must raise UniqueViolation")

# %% course={"kind": "wrong", "id": "one-service-only", "fails": ["t3"]}
def check_repo(ServiceRepo: type) -> None:
    with fresh_database(SERVICES) as url, psycopg.connect(url) as writer, psycopg.connect(url) as reader:
        repo, other = ServiceRepo(writer), ServiceRepo(reader)
        repo.add("api", "team-a")  # only one row: scaling "every" service looks the same
        assert other.get("api") == ("api", "team-a", 1)
        assert other.get("API") is None
        try:
            repo.add("api", "team-c", 7)
        except psycopg.errors.UniqueViolation:
            writer.rollback()
        else:
            raise AssertionError("adding a name twice must raise UniqueViolation")
        assert repo.scale("api", 3) is True
        assert other.get("api") == ("api", "team-a", 3)
        assert repo.scale("nope", 5) is False

# %% course={"kind": "wrong", "id": "no-duplicate-check", "fails": ["t3"]}
def check_repo(ServiceRepo: type) -> None:
    with fresh_database(SERVICES) as url, psycopg.connect(url) as writer, psycopg.connect(url) as reader:
        repo, other = ServiceRepo(writer), ServiceRepo(reader)
        repo.add("api", "team-a")
        repo.add("web", "team-b", 2)
        assert other.get("api") == ("api", "team-a", 1)
        assert other.get("API") is None
        assert repo.scale("api", 3) is True  # never adds a name twice: an upsert goes unnoticed
        assert other.get("api") == ("api", "team-a", 3)
        assert other.get("web") == ("web", "team-b", 2)
        assert repo.scale("nope", 5) is False

# %% [markdown] course={"kind": "exercise", "id": "rollback-fixture", "item": "x-use-testcontainers-for-postgresql"}
# ### The per-test fixture: every test rolled back, the session's data kept
#
# With testcontainers you would get the PostgreSQL URL from a session fixture (the `docker` lesson); here the
# session's server is `shared_postgres()`. What each *test* gets is the same either way, and you write it:
# `rolled_back(conn)`, a context manager (a pytest fixture has the same shape) that
#
# - yields `conn` itself, with a savepoint set: everything the test writes through it is undone when the block
#   ends, **whether the block ends normally or by an exception** (which must still reach the caller);
# - keeps what was there before the block (the seed data, not committed yet) and leaves the session's transaction
#   **open**, so the next test can run in it;
# - leaves the connection usable even when a statement in the block failed (PostgreSQL refuses every statement
#   after an error until the transaction, or the savepoint, is rolled back);
# - works nested: `rolled_back` inside `rolled_back` undoes only the inner block's writes at the inner end.
#
# ```python
# conn.execute("INSERT INTO services (name, owner) VALUES ('seed', 'platform')")
# with rolled_back(conn):
#     conn.execute("INSERT INTO services (name, owner) VALUES ('tmp', 'team-a')")
# conn.execute("SELECT name FROM services").fetchall()   # [('seed',)]
# ```

# %% [markdown] course={"kind": "hint"}
# Either by hand: `SAVEPOINT name` before the `yield`, `ROLLBACK TO SAVEPOINT name` in a `finally:` after it. Or let
# psycopg do it: inside an open transaction, `with conn.transaction(...)` is a savepoint.

# %% [markdown] course={"kind": "hint"}
# `conn.rollback()` would end the whole transaction and lose the seed. `conn.transaction(force_rollback=True)`
# rolls back to its savepoint at the end of its block, whatever happened inside.

# %% course={"kind": "solution"}
@contextmanager
def rolled_back(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    ### BEGIN SOLUTION
    with conn.transaction(force_rollback=True):
        yield conn
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
    conn.execute("INSERT INTO services (name, owner) VALUES ('seed', 'platform')")
    with rolled_back(conn) as inside:
        assert inside is conn, "the block gets the same connection"
        conn.execute("INSERT INTO services (name, owner) VALUES ('tmp', 'team-a')")
    names = conn.execute("SELECT name FROM services ORDER BY name").fetchall()
    assert names == [("seed",)], f"the test's row is undone, the seed kept: {names}"
    ### BEGIN HIDDEN TESTS
    status = conn.info.transaction_status
    assert status == psycopg.pq.TransactionStatus.INTRANS, f"the session's transaction stays open: {status.name}"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
    conn.execute("INSERT INTO services (name, owner) VALUES ('seed', 'platform')")
    try:
        with rolled_back(conn):
            conn.execute("UPDATE services SET replicas = 5")
            raise ValueError("the test failed")
    except ValueError:
        pass
    else:
        raise AssertionError("the test's exception must reach the caller")
    rows = conn.execute("SELECT name, replicas FROM services").fetchall()
    assert rows == [("seed", 1)], f"a failing test is rolled back too: {rows}"
    try:
        with rolled_back(conn):
            conn.execute("INSERT INTO services (name, owner) VALUES ('seed', 'dup')")  # UniqueViolation
    except psycopg.errors.UniqueViolation:
        pass
    else:
        raise AssertionError("the database error must reach the caller")
    rows = conn.execute("SELECT name, owner FROM services").fetchall()
    assert rows == [("seed", "platform")], f"after an SQL error in the block the connection works again: {rows}"

# %% course={"kind": "test", "points": 2}
with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
    conn.execute("INSERT INTO services (name, owner) VALUES ('seed', 'platform')")
    with rolled_back(conn):
        conn.execute("INSERT INTO services (name, owner) VALUES ('outer', 'a')")
        with rolled_back(conn):
            conn.execute("INSERT INTO services (name, owner) VALUES ('inner', 'b')")
        names = conn.execute("SELECT name FROM services ORDER BY name").fetchall()
        assert names == [("outer",), ("seed",)], f"the inner block undoes only its own row: {names}"
    names = conn.execute("SELECT name FROM services ORDER BY name").fetchall()
    assert names == [("seed",)], f"the outer block undoes its row: {names}"
    ### BEGIN HIDDEN TESTS
    for round_ in range(3):  # test after test in one session
        with rolled_back(conn):
            conn.execute("INSERT INTO services (name, owner) VALUES ('again', %s)", (str(round_),))
    assert conn.execute("SELECT name FROM services").fetchall() == [("seed",)], "three tests in a row leave nothing"
    conn.commit()
    with psycopg.connect(url) as other:
        seen = other.execute("SELECT name FROM services").fetchall()
    assert seen == [("seed",)], f"only the seed was ever committed: {seen}"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rollback-everything"}
@contextmanager
def rolled_back(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    try:
        yield conn
    finally:
        conn.rollback()  # ends the whole transaction: the seed goes too

# %% course={"kind": "wrong", "id": "no-finally"}
@contextmanager
def rolled_back(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    conn.execute("SAVEPOINT test_start")
    yield conn  # an exception in the block stops here: the rollback below never runs
    conn.execute("ROLLBACK TO SAVEPOINT test_start")

# %% course={"kind": "wrong", "id": "fixed-savepoint-name", "fails": ["t3"]}
@contextmanager
def rolled_back(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    conn.execute("SAVEPOINT test_start")  # nested, two savepoints share the name: the outer end finds the inner one
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK TO SAVEPOINT test_start")

# %% course={"kind": "wrong", "id": "release-keeps-writes"}
@contextmanager
def rolled_back(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    conn.execute("SAVEPOINT test_start")
    try:
        yield conn
    finally:
        conn.execute("RELEASE SAVEPOINT test_start")  # RELEASE keeps the writes; only ROLLBACK TO undoes them

# %% [markdown] course={"kind": "exercise", "id": "service-factory", "item": "x-create-test-data-factories"}
# ### A test data factory with a sequence
#
# `Service` (below, given) is a frozen dataclass. Write `ServiceFactory(prefix="svc")` with two methods:
#
# - `build(**overrides)` returns a new `Service` with the defaults `name=f"{prefix}-{n}"`, `owner="team-a"`,
#   `replicas=1`, `labels={}`, where `n` counts this factory's builds from 1 (every build counts, also one whose
#   name is overridden). Keywords replace defaults, and a value passed in is used as it is (not copied). Every
#   `Service` built with the default gets **its own** empty `labels` dict. A keyword that is not a field raises
#   `TypeError` naming it, and then nothing is counted;
# - `batch(count, **overrides)` returns a `list` of `count` services built with the same overrides; `batch(0)` is
#   `[]`; a negative count raises `ValueError`.
#
# Each factory has its own sequence: two factories (say, two parallel workers) both start at 1, so give them
# different prefixes.
#
# ```python
# f = ServiceFactory()
# f.build()                      # Service(name='svc-1', owner='team-a', replicas=1, labels={})
# f.build(replicas=0).name       # 'svc-2'
# [s.name for s in ServiceFactory("gw1").batch(2, owner="data")]   # ['gw1-1', 'gw1-2']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the counter on the instance (`self.count` set in `__init__`), not on the class. Put the defaults in a new
# dict on every call, then check `set(overrides) - set(defaults)` before counting.

# %% [markdown] course={"kind": "hint"}
# `labels={}` written once (as a class attribute or a default argument) is one dict shared by every service:
# `labels.setdefault(...)` on one would show up on all. Make the dict inside `build`.

# %% course={"kind": "solution"}
@dataclass(frozen=True)
class Service:
    name: str
    owner: str
    replicas: int
    labels: dict[str, str] = field(default_factory=dict)


class ServiceFactory:
    def __init__(self, prefix: str = "svc") -> None:
        ### BEGIN SOLUTION
        self.prefix = prefix
        self.count = 0
        ### END SOLUTION

    def build(self, **overrides: Any) -> Service:
        ### BEGIN SOLUTION
        values: dict[str, Any] = {"owner": "team-a", "replicas": 1, "labels": {}}
        unknown = sorted(set(overrides) - {"name", *values})
        if unknown:
            raise TypeError(f"Service has no field {unknown[0]!r}")
        self.count += 1
        values["name"] = f"{self.prefix}-{self.count}"
        values.update(overrides)
        return Service(**values)
        ### END SOLUTION

    def batch(self, count: int, **overrides: Any) -> list[Service]:
        ### BEGIN SOLUTION
        if count < 0:
            raise ValueError(f"count must be 0 or more, got {count}")
        return [self.build(**overrides) for _ in range(count)]
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
f = ServiceFactory()
first = f.build()
assert first == Service("svc-1", "team-a", 1, {}), f"the defaults: {first}"
assert f.build(replicas=0) == Service("svc-2", "team-a", 0, {}), "a keyword replaces one default; n goes on"

# %% course={"kind": "test", "points": 2}
f = ServiceFactory("gw1")
made = f.batch(2, owner="data")
assert type(made) is list, f"batch returns a list, got {type(made).__name__}"
assert made == [Service("gw1-1", "data", 1, {}), Service("gw1-2", "data", 1, {})], f"batch of two: {made}"
assert f.batch(0) == [], "batch(0) is an empty list"
assert f.build(name="custom").name == "custom", "name can be overridden"
assert f.build().name == "gw1-4", "the overridden build counted too"
assert ServiceFactory("gw2").build().name == "gw2-1", "each factory has its own sequence, from 1"
### BEGIN HIDDEN TESTS
assert ServiceFactory().build().name == "svc-1", "a new factory starts at 1 however many builds came before"
g = ServiceFactory("p")
assert [s.name for s in g.batch(3)] == ["p-1", "p-2", "p-3"] and g.build().name == "p-4"
assert g.batch(1, replicas=0, owner="") == [Service("p-5", "", 0, {})], "falsy overrides are kept"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
f = ServiceFactory()
a, b = f.build(), f.build()
a.labels["env"] = "test"
assert b.labels == {}, "every service gets its own labels dict"
try:
    f.build(replica=3)
except TypeError as error:
    assert "replica" in str(error), f"the error names the unknown keyword: {error}"
else:
    raise AssertionError("an unknown keyword raises TypeError")
assert f.build().name == "svc-3", "a refused build is not counted"
try:
    f.batch(-1)
except ValueError:
    pass
else:
    raise AssertionError("a negative count raises ValueError")
### BEGIN HIDDEN TESTS
shared = {"team": "x"}
one, two = f.batch(2, labels=shared)
assert one.labels is shared and two.labels is shared, "an overridden value is used as given"
assert f.build().name == "svc-6", "batch(-1) built nothing"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "class-counter"}
@dataclass(frozen=True)
class Service:
    name: str
    owner: str
    replicas: int
    labels: dict[str, str] = field(default_factory=dict)


class ServiceFactory:
    count = 0  # on the class: every factory shares one sequence

    def __init__(self, prefix: str = "svc") -> None:
        self.prefix = prefix

    def build(self, **overrides: Any) -> Service:
        values: dict[str, Any] = {"owner": "team-a", "replicas": 1, "labels": {}}
        unknown = sorted(set(overrides) - {"name", *values})
        if unknown:
            raise TypeError(f"Service has no field {unknown[0]!r}")
        ServiceFactory.count += 1
        values["name"] = f"{self.prefix}-{ServiceFactory.count}"
        values.update(overrides)
        return Service(**values)

    def batch(self, count: int, **overrides: Any) -> list[Service]:
        if count < 0:
            raise ValueError(f"count must be 0 or more, got {count}")
        return [self.build(**overrides) for _ in range(count)]

# %% course={"kind": "wrong", "id": "shared-labels", "fails": ["t3"]}
@dataclass(frozen=True)
class Service:
    name: str
    owner: str
    replicas: int
    labels: dict[str, str] = field(default_factory=dict)


class ServiceFactory:
    DEFAULTS: dict[str, Any] = {"owner": "team-a", "replicas": 1, "labels": {}}  # one labels dict for all

    def __init__(self, prefix: str = "svc") -> None:
        self.prefix = prefix
        self.count = 0

    def build(self, **overrides: Any) -> Service:
        unknown = sorted(set(overrides) - {"name", *self.DEFAULTS})
        if unknown:
            raise TypeError(f"Service has no field {unknown[0]!r}")
        self.count += 1
        values = {**self.DEFAULTS, "name": f"{self.prefix}-{self.count}", **overrides}
        return Service(**values)

    def batch(self, count: int, **overrides: Any) -> list[Service]:
        if count < 0:
            raise ValueError(f"count must be 0 or more, got {count}")
        return [self.build(**overrides) for _ in range(count)]

# %% course={"kind": "wrong", "id": "counts-refused-builds", "fails": ["t3"]}
@dataclass(frozen=True)
class Service:
    name: str
    owner: str
    replicas: int
    labels: dict[str, str] = field(default_factory=dict)


class ServiceFactory:
    def __init__(self, prefix: str = "svc") -> None:
        self.prefix = prefix
        self.count = 0

    def build(self, **overrides: Any) -> Service:
        self.count += 1  # counted before the check: a refused build uses up a number
        values: dict[str, Any] = {"name": f"{self.prefix}-{self.count}", "owner": "team-a", "replicas": 1, "labels": {}}
        values.update(overrides)
        return Service(**values)  # Service(...) raises TypeError for an unknown keyword

    def batch(self, count: int, **overrides: Any) -> list[Service]:
        return [self.build(**overrides) for _ in range(max(count, 0))]

# %% [markdown] course={"kind": "exercise", "id": "related-factories", "item": "project-14-3-2"}
# ### Factories with relationships (the core of project 14.3.2)
#
# A release belongs to an app, an app to a team (`Team`, `App`, `Release` below, given). Write `Factories` with
# three methods, each with its own sequence counting from 1 (every call counts, also one given a name or a
# version):
#
# - `team(name=None)` returns `Team(name)`, by default named `f"team-{n}"`;
# - `app(name=None, team=None)` returns `App(name, team)`, by default `f"app-{n}"` and a **new team** built by
#   `self.team()`; a team passed in is used as it is (and no team is built);
# - `release(app=None, version=None)` returns `Release(app, version)`, by default a new app (with its new team) and
#   the version `f"1.0.{n}"`; an explicit value is kept even when it is falsy, such as `version=""`.
#
# Every object built is appended to the list `self.made`, **parents before children**, in the order they can be
# inserted into a database with foreign keys.
#
# ```python
# f = Factories()
# r = f.release()
# r                 # Release(app=App(name='app-1', team=Team(name='team-1')), version='1.0.1')
# f.made            # [Team(name='team-1'), App(name='app-1', team=...), Release(...)]
# f.app(team=r.app.team).name, len(f.made)   # ('app-2', 4): the team was reused
# ```

# %% [markdown] course={"kind": "hint"}
# One counter per kind, made in `__init__` (a dict `{"team": 0, "app": 0, "release": 0}` works). Build the parent
# first, then the child, and append each right after it is made.

# %% [markdown] course={"kind": "hint"}
# `version or f"1.0.{n}"` replaces `""` as well as `None`: test `version is None` instead.

# %% course={"kind": "solution"}
@dataclass(frozen=True)
class Team:
    name: str


@dataclass(frozen=True)
class App:
    name: str
    team: Team


@dataclass(frozen=True)
class Release:
    app: App
    version: str


class Factories:
    def __init__(self) -> None:
        self.made: list[Any] = []
        ### BEGIN SOLUTION
        self.counts = {"team": 0, "app": 0, "release": 0}
        ### END SOLUTION

    def team(self, name: str | None = None) -> Team:
        ### BEGIN SOLUTION
        self.counts["team"] += 1
        team = Team(f"team-{self.counts['team']}" if name is None else name)
        self.made.append(team)
        return team
        ### END SOLUTION

    def app(self, name: str | None = None, team: Team | None = None) -> App:
        ### BEGIN SOLUTION
        if team is None:
            team = self.team()
        self.counts["app"] += 1
        app = App(f"app-{self.counts['app']}" if name is None else name, team)
        self.made.append(app)
        return app
        ### END SOLUTION

    def release(self, app: App | None = None, version: str | None = None) -> Release:
        ### BEGIN SOLUTION
        if app is None:
            app = self.app()
        self.counts["release"] += 1
        release = Release(app, f"1.0.{self.counts['release']}" if version is None else version)
        self.made.append(release)
        return release
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
f = Factories()
r = f.release()
assert r == Release(App("app-1", Team("team-1")), "1.0.1"), f"a release brings its app and team: {r}"
assert f.made == [Team("team-1"), App("app-1", Team("team-1")), r], f"parents first: {f.made}"

# %% course={"kind": "test", "points": 2}
f = Factories()
team = f.team("payments")
a = f.app(team=team)
assert a == App("app-1", Team("payments")) and a.team is team, f"a team passed in is used as it is: {a}"
assert f.made == [Team("payments"), a], f"no extra team was built: {f.made}"
r1, r2 = f.release(app=a), f.release(app=a, version="2.0.0")
assert (r1.version, r2.version) == ("1.0.1", "2.0.0"), f"versions count per release: {r1.version}, {r2.version}"
assert r1.app is a and len(f.made) == 4, f"an app passed in is reused: {f.made}"
assert f.team().name == "team-2" and f.app().name == "app-2", "each kind has its own sequence"
### BEGIN HIDDEN TESTS
assert f.made[-2:] == [Team("team-3"), App("app-2", Team("team-3"))], f.made[-2:]
g = Factories()
assert g.release().version == "1.0.1" and g.made[0] == Team("team-1"), "each Factories starts again at 1"
assert f.made[0] == Team("payments"), "factories do not share their lists"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
f = Factories()
r = f.release(version="")
assert r.version == "", f"an explicit empty version is kept: {r.version!r}"
assert f.team(name="").name == "" and f.app(name="").name == "", "an explicit empty name is kept"
assert f.release().version == "1.0.2", "the falsy version still counted as a release"
### BEGIN HIDDEN TESTS
assert [type(x).__name__ for x in f.made] == ["Team", "App", "Release", "Team", "Team", "App", "Team", "App", "Release"], [
    type(x).__name__ for x in f.made
]
assert f.made[5] == App("", Team("team-3")), f.made[5]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "parent-always-built"}
@dataclass(frozen=True)
class Team:
    name: str


@dataclass(frozen=True)
class App:
    name: str
    team: Team


@dataclass(frozen=True)
class Release:
    app: App
    version: str


class Factories:
    def __init__(self) -> None:
        self.made: list[Any] = []
        self.counts = {"team": 0, "app": 0, "release": 0}

    def team(self, name: str | None = None) -> Team:
        self.counts["team"] += 1
        team = Team(f"team-{self.counts['team']}" if name is None else name)
        self.made.append(team)
        return team

    def app(self, name: str | None = None, team: Team | None = None) -> App:
        default = self.team()  # built even when a team is passed in: an orphan row and a skipped number
        self.counts["app"] += 1
        app = App(f"app-{self.counts['app']}" if name is None else name, team or default)
        self.made.append(app)
        return app

    def release(self, app: App | None = None, version: str | None = None) -> Release:
        app = app or self.app()
        self.counts["release"] += 1
        release = Release(app, f"1.0.{self.counts['release']}" if version is None else version)
        self.made.append(release)
        return release

# %% course={"kind": "wrong", "id": "or-default", "fails": ["t3"]}
@dataclass(frozen=True)
class Team:
    name: str


@dataclass(frozen=True)
class App:
    name: str
    team: Team


@dataclass(frozen=True)
class Release:
    app: App
    version: str


class Factories:
    def __init__(self) -> None:
        self.made: list[Any] = []
        self.counts = {"team": 0, "app": 0, "release": 0}

    def team(self, name: str | None = None) -> Team:
        self.counts["team"] += 1
        team = Team(name or f"team-{self.counts['team']}")  # "" is replaced too
        self.made.append(team)
        return team

    def app(self, name: str | None = None, team: Team | None = None) -> App:
        team = team or self.team()
        self.counts["app"] += 1
        app = App(name or f"app-{self.counts['app']}", team)
        self.made.append(app)
        return app

    def release(self, app: App | None = None, version: str | None = None) -> Release:
        app = app or self.app()
        self.counts["release"] += 1
        release = Release(app, version or f"1.0.{self.counts['release']}")
        self.made.append(release)
        return release

# %% course={"kind": "wrong", "id": "child-first"}
@dataclass(frozen=True)
class Team:
    name: str


@dataclass(frozen=True)
class App:
    name: str
    team: Team


@dataclass(frozen=True)
class Release:
    app: App
    version: str


class Factories:
    def __init__(self) -> None:
        self.made: list[Any] = []
        self.counts = {"team": 0, "app": 0, "release": 0}

    def team(self, name: str | None = None) -> Team:
        self.counts["team"] += 1
        team = Team(f"team-{self.counts['team']}" if name is None else name)
        self.made.append(team)
        return team

    def app(self, name: str | None = None, team: Team | None = None) -> App:
        self.counts["app"] += 1
        app_name = f"app-{self.counts['app']}" if name is None else name
        self.made.append(app_name)  # recorded before its team exists: inserts would break the foreign key
        app = App(app_name, team if team is not None else self.team())
        self.made[self.made.index(app_name)] = app
        return app

    def release(self, app: App | None = None, version: str | None = None) -> Release:
        self.counts["release"] += 1
        version = f"1.0.{self.counts['release']}" if version is None else version
        release = Release(app if app is not None else self.app(), version)
        self.made.append(release)
        return release

# %% [markdown] course={"kind": "exercise", "id": "contract-check", "item": "x-write-contract-tests-for-an-api"}
# ### The contract checker both sides run
#
# A consumer's contract lists the fields it reads and their types; nested objects are nested dicts:
#
# ```python
# SHAPE = {"name": str, "replicas": int, "owner": {"team": str, "oncall": bool}}
# ```
#
# Write `violations(body, shape)` that returns a `list` of messages, one per broken promise, in the order of the
# shape (depth first), and `[]` when `body` keeps the contract:
#
# - a field of the shape missing from the body: `"owner.team: missing"` (nested names joined with `.`);
# - a field of the wrong type: `"replicas: expected int, got str"`. Types are compared **exactly**, as JSON
#   decoders produce them: `True` is not an `int`, `1` is not a `float`, `None` is `NoneType`;
# - a nested shape where the body has no object: `"owner: expected object, got list"` (nothing inside it is
#   reported then); the same for `body` itself, named `body`: `"body: expected object, got list"`;
# - fields the shape does not mention are **allowed**: the provider may add fields without breaking anyone.
#
# ```python
# violations({"name": "api", "replicas": "2", "owner": {"oncall": 1}, "region": "eu"}, SHAPE)
# # ['replicas: expected int, got str', 'owner.team: missing', 'owner.oncall: expected bool, got int']
# ```

# %% [markdown] course={"kind": "hint"}
# A helper `walk(value, shape, path)` that appends to one list: for each `name, kind` in `shape.items()`, the
# dotted name is `f"{path}.{name}"` (or just `name` at the top). When `kind` is a dict, recurse.

# %% [markdown] course={"kind": "hint"}
# `isinstance(True, int)` is `True` (bool is a subclass of int): compare `type(value) is kind` instead. The
# type's name is `type(value).__name__`; a nested shape is an "object" in the messages.

# %% course={"kind": "solution"}
def violations(body: Any, shape: dict[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    found: list[str] = []

    def walk(value: Any, expected: dict[str, Any], path: str) -> None:
        if type(value) is not dict:
            found.append(f"{path or 'body'}: expected object, got {type(value).__name__}")
            return
        for name, kind in expected.items():
            where = f"{path}.{name}" if path else name
            if name not in value:
                found.append(f"{where}: missing")
            elif type(kind) is dict:
                walk(value[name], kind, where)
            elif type(value[name]) is not kind:
                found.append(f"{where}: expected {kind.__name__}, got {type(value[name]).__name__}")

    walk(body, shape, "")
    return found
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
SHAPE = {"name": str, "replicas": int, "owner": {"team": str, "oncall": bool}}
good = {"name": "api", "replicas": 2, "owner": {"team": "a", "oncall": False}}
assert violations(good, SHAPE) == [], f"a body that keeps the contract: {violations(good, SHAPE)}"
got = violations({"name": "api", "replicas": "2", "owner": {"oncall": 1}, "region": "eu"}, SHAPE)
assert got == ["replicas: expected int, got str", "owner.team: missing", "owner.oncall: expected bool, got int"], got

# %% course={"kind": "test", "points": 2}
SHAPE = {"name": str, "replicas": int, "owner": {"team": str, "oncall": bool}}
extra = {"name": "api", "replicas": 2, "owner": {"team": "a", "oncall": True, "pager": "x"}, "region": "eu"}
assert violations(extra, SHAPE) == [], "fields the contract does not mention are allowed, at every depth"
got = violations({"name": "api", "replicas": True, "owner": {"team": "a", "oncall": False}}, SHAPE)
assert got == ["replicas: expected int, got bool"], f"True is not an int: {got}"
got = violations({"name": None, "replicas": 0, "owner": {"team": "", "oncall": 0}}, SHAPE)
assert got == ["name: expected str, got NoneType", "owner.oncall: expected bool, got int"], got
### BEGIN HIDDEN TESTS
assert violations({"v": 1}, {"v": float}) == ["v: expected float, got int"], "1 is not a float"
assert violations({"v": 1.5}, {"v": float}) == []
assert violations({"v": [1]}, {"v": list}) == [] and violations({"v": (1,)}, {"v": list}) == ["v: expected list, got tuple"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
SHAPE = {"name": str, "replicas": int, "owner": {"team": str, "oncall": bool}}
got = violations({"name": "api", "owner": ["a"]}, SHAPE)
assert got == ["replicas: missing", "owner: expected object, got list"], f"a list where an object belongs: {got}"
assert violations([], SHAPE) == ["body: expected object, got list"], "the body itself must be an object"
assert violations({}, SHAPE) == ["name: missing", "replicas: missing", "owner: missing"], "every missing field, in order"
### BEGIN HIDDEN TESTS
deep = {"a": {"b": {"c": int}}, "z": str}
assert violations({"a": {"b": {"c": "1"}}, "z": "ok"}, deep) == ["a.b.c: expected int, got str"]
assert violations({"a": {"b": None}}, deep) == ["a.b: expected object, got NoneType", "z: missing"]
assert violations({"é": 1}, {"é": str}) == ["é: expected str, got int"], "unicode field names"
assert violations(None, {}) == ["body: expected object, got NoneType"] and violations({}, {}) == []
body = {"name": "x"}
violations(body, SHAPE)
assert body == {"name": "x"}, "the body is not changed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "isinstance-bool"}
def violations(body: Any, shape: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(value: Any, expected: dict[str, Any], path: str) -> None:
        if not isinstance(value, dict):
            found.append(f"{path or 'body'}: expected object, got {type(value).__name__}")
            return
        for name, kind in expected.items():
            where = f"{path}.{name}" if path else name
            if name not in value:
                found.append(f"{where}: missing")
            elif isinstance(kind, dict):
                walk(value[name], kind, where)
            elif not isinstance(value[name], kind):  # True passes as an int
                found.append(f"{where}: expected {kind.__name__}, got {type(value[name]).__name__}")

    walk(body, shape, "")
    return found

# %% course={"kind": "wrong", "id": "no-extra-fields", "fails": ["t1", "t2"]}
def violations(body: Any, shape: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(value: Any, expected: dict[str, Any], path: str) -> None:
        if type(value) is not dict:
            found.append(f"{path or 'body'}: expected object, got {type(value).__name__}")
            return
        for name, kind in expected.items():
            where = f"{path}.{name}" if path else name
            if name not in value:
                found.append(f"{where}: missing")
            elif type(kind) is dict:
                walk(value[name], kind, where)
            elif type(value[name]) is not kind:
                found.append(f"{where}: expected {kind.__name__}, got {type(value[name]).__name__}")
        for name in value:  # too strict: every field the provider adds breaks the consumer's contract
            if name not in expected:
                found.append(f"{path}.{name}: unexpected" if path else f"{name}: unexpected")

    walk(body, shape, "")
    return found

# %% course={"kind": "wrong", "id": "first-problem-only"}
def violations(body: Any, shape: dict[str, Any], path: str = "") -> list[str]:
    if type(body) is not dict:
        return [f"{path or 'body'}: expected object, got {type(body).__name__}"]
    for name, kind in shape.items():
        where = f"{path}.{name}" if path else name
        if name not in body:
            return [f"{where}: missing"]  # stops at the first problem: the provider fixes one at a time
        if type(kind) is dict:
            inner = violations(body[name], kind, where)
            if inner:
                return inner
        elif type(body[name]) is not kind:
            return [f"{where}: expected {kind.__name__}, got {type(body[name]).__name__}"]
    return []

# %% [markdown] course={"kind": "exercise", "id": "contract-stub"}
# ### The consumer's side: a stub that answers only what the contract promises
#
# In a consumer-driven contract the consumer's tests never talk to the real provider: they talk to a stub built
# from the contract's **interactions**, and afterwards the stub checks that the tests used exactly those (this is
# what Pact's mock server does). Write `ContractStub(interactions)`, a handler for `httpx.MockTransport`:
#
# - each interaction is a dict `{"method": "GET", "path": "/services/api", "status": 200, "body": {...}}`;
# - calling the stub with an `httpx.Request` answers with the **first** interaction whose method and path equal
#   the request's (`request.method`, `request.url.path`: the query string does not count): its status, its body as
#   JSON;
# - a request that matches nothing gets a 500 with the JSON `{"error": "no interaction for GET /x"}`, and
#   `"GET /x"` is appended to the list `stub.unmatched`;
# - `verify()` returns `None` when every request matched and every interaction was used at least once; otherwise it
#   raises `AssertionError` whose message names each unmatched request and each unused interaction (`"GET /x"`).
#   An unused interaction is a promise nobody relies on: the provider is held to it for nothing.
#
# The interactions list you are given is not changed.
#
# ```python
# stub = ContractStub([{"method": "GET", "path": "/services/api", "status": 200, "body": {"replicas": 2}}])
# with httpx.Client(transport=httpx.MockTransport(stub), base_url="http://provider") as client:
#     client.get("/services/api").json()     # {'replicas': 2}
# stub.verify()                              # None
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a list of booleans (or a set of indexes) for the interactions used; `enumerate` gives the index of the one
# that matched. `httpx.Response(status, json=body)` builds the answer.

# %% [markdown] course={"kind": "hint"}
# Compare the method **and** the path: a stub that matches on the path alone lets a consumer that sends `POST`
# where the contract says `GET` pass its tests, and then fail against the real provider.

# %% course={"kind": "solution"}
class ContractStub:
    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self.interactions = interactions
        self.unmatched: list[str] = []
        ### BEGIN SOLUTION
        self.used: set[int] = set()
        ### END SOLUTION

    def __call__(self, request: httpx.Request) -> httpx.Response:
        ### BEGIN SOLUTION
        for index, item in enumerate(self.interactions):
            if item["method"] == request.method and item["path"] == request.url.path:
                self.used.add(index)
                return httpx.Response(item["status"], json=item["body"])
        where = f"{request.method} {request.url.path}"
        self.unmatched.append(where)
        return httpx.Response(500, json={"error": f"no interaction for {where}"})
        ### END SOLUTION

    def verify(self) -> None:
        ### BEGIN SOLUTION
        unused = [f"{item['method']} {item['path']}" for i, item in enumerate(self.interactions) if i not in self.used]
        if self.unmatched or unused:
            raise AssertionError(f"requests the contract does not cover: {self.unmatched}; never used: {unused}")
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def fetch_replicas(client: httpx.Client, name: str) -> int:
    """The consumer's code under test: how many replicas a service runs."""
    return int(client.get(f"/services/{name}").json()["replicas"])


stub = ContractStub([{"method": "GET", "path": "/services/api", "status": 200, "body": {"name": "api", "replicas": 2}}])
with httpx.Client(transport=httpx.MockTransport(stub), base_url="http://provider") as client:
    assert fetch_replicas(client, "api") == 2, "the stub answers with the interaction's body"
assert stub.verify() is None, "every request matched and every interaction was used: verify() passes"

# %% course={"kind": "test", "points": 2}
stub = ContractStub([{"method": "GET", "path": "/services/api", "status": 200, "body": {"replicas": 2}}])
with httpx.Client(transport=httpx.MockTransport(stub), base_url="http://provider") as client:
    web = client.get("/services/web")
    posted = client.post("/services/api", json={})
    ok = client.get("/services/api", params={"verbose": "1"})
assert (web.status_code, web.json()) == (500, {"error": "no interaction for GET /services/web"}), web.text
assert posted.status_code == 500, "the method must match too: POST is not the GET of the contract"
assert (ok.status_code, ok.json()) == (200, {"replicas": 2}), "the query string does not count"
assert stub.unmatched == ["GET /services/web", "POST /services/api"], f"unmatched requests: {stub.unmatched}"
try:
    stub.verify()
except AssertionError as error:
    assert "GET /services/web" in str(error) and "POST /services/api" in str(error), f"name them: {error}"
else:
    raise AssertionError("verify() must fail when requests matched nothing")

# %% course={"kind": "test", "points": 2}
interactions = [
    {"method": "GET", "path": "/services/api", "status": 200, "body": {"replicas": 2}},
    {"method": "GET", "path": "/services/api", "status": 200, "body": {"replicas": 9}},
    {"method": "DELETE", "path": "/services/api", "status": 404, "body": {"detail": "gone"}},
    {"method": "GET", "path": "/services/db", "status": 200, "body": {"replicas": 1}},
]
copy = [dict(item) for item in interactions]
stub = ContractStub(interactions)
with httpx.Client(transport=httpx.MockTransport(stub), base_url="http://provider") as client:
    first = client.get("/services/api").json()
    gone = client.delete("/services/api")
assert first == {"replicas": 2}, f"the first matching interaction answers: {first}"
assert (gone.status_code, gone.json()) == (404, {"detail": "gone"}), "status and body come from the interaction"
### BEGIN HIDDEN TESTS
with httpx.Client(transport=httpx.MockTransport(stub), base_url="http://provider") as client:
    again = client.get("/services/api").json()
assert again == {"replicas": 2}, f"the first matching interaction answers every time: {again}"
### END HIDDEN TESTS
try:
    stub.verify()
except AssertionError as error:
    assert "GET /services/db" in str(error), f"the unused interaction is named: {error}"
else:
    raise AssertionError("verify() must fail when an interaction was never used")
assert stub.unmatched == [] and interactions == copy, "nothing unmatched; the interactions are not changed"
### BEGIN HIDDEN TESTS
empty = ContractStub([])
assert empty.verify() is None, "no interactions and no requests: nothing to complain about"
with httpx.Client(transport=httpx.MockTransport(empty), base_url="http://provider") as client:
    assert client.get("/").status_code == 500
assert empty.unmatched == ["GET /"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "path-only"}
class ContractStub:
    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self.interactions = interactions
        self.unmatched: list[str] = []
        self.used: set[int] = set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        for index, item in enumerate(self.interactions):
            if item["path"] == request.url.path:  # the method is never compared
                self.used.add(index)
                return httpx.Response(item["status"], json=item["body"])
        where = f"{request.method} {request.url.path}"
        self.unmatched.append(where)
        return httpx.Response(500, json={"error": f"no interaction for {where}"})

    def verify(self) -> None:
        unused = [f"{item['method']} {item['path']}" for i, item in enumerate(self.interactions) if i not in self.used]
        if self.unmatched or unused:
            raise AssertionError(f"requests the contract does not cover: {self.unmatched}; never used: {unused}")

# %% course={"kind": "wrong", "id": "unused-not-checked", "fails": ["t3"]}
class ContractStub:
    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self.interactions = interactions
        self.unmatched: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        for item in self.interactions:
            if item["method"] == request.method and item["path"] == request.url.path:
                return httpx.Response(item["status"], json=item["body"])
        where = f"{request.method} {request.url.path}"
        self.unmatched.append(where)
        return httpx.Response(500, json={"error": f"no interaction for {where}"})

    def verify(self) -> None:
        if self.unmatched:  # a promise nobody uses is never reported
            raise AssertionError(f"requests the contract does not cover: {self.unmatched}")

# %% course={"kind": "wrong", "id": "each-answers-once", "fails": ["t3"]}
class ContractStub:
    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self.interactions = interactions
        self.unmatched: list[str] = []
        self.used: set[int] = set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        for index, item in enumerate(self.interactions):
            if index in self.used:
                continue  # an interaction answers once, then the next matching one takes over
            if item["method"] == request.method and item["path"] == request.url.path:
                self.used.add(index)
                return httpx.Response(item["status"], json=item["body"])
        where = f"{request.method} {request.url.path}"
        self.unmatched.append(where)
        return httpx.Response(500, json={"error": f"no interaction for {where}"})

    def verify(self) -> None:
        unused = [f"{item['method']} {item['path']}" for i, item in enumerate(self.interactions) if i not in self.used]
        if self.unmatched or unused:
            raise AssertionError(f"requests the contract does not cover: {self.unmatched}; never used: {unused}")

# %% course={"kind": "wrong", "id": "matches-full-url", "fails": ["t2"]}
class ContractStub:
    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self.interactions = interactions
        self.unmatched: list[str] = []
        self.used: set[int] = set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        target = request.url.raw_path.decode()  # includes the query string: ?verbose=1 no longer matches
        for index, item in enumerate(self.interactions):
            if item["method"] == request.method and item["path"] == target:
                self.used.add(index)
                return httpx.Response(item["status"], json=item["body"])
        where = f"{request.method} {request.url.path}"
        self.unmatched.append(where)
        return httpx.Response(500, json={"error": f"no interaction for {where}"})

    def verify(self) -> None:
        unused = [f"{item['method']} {item['path']}" for i, item in enumerate(self.interactions) if i not in self.used]
        if self.unmatched or unused:
            raise AssertionError(f"requests the contract does not cover: {self.unmatched}; never used: {unused}")

# %% [markdown] course={"kind": "exercise", "id": "e2e-checks", "item": "x-test-a-fastapi-application-end-to-end"}
# ### Write the end-to-end test: API, database and cache over real HTTP
#
# `served()` (given at the top) runs the service of the `e2e` lesson on a real uvicorn, over its own schema and
# cache prefix, and yields a `Site` whose `url` you talk to with `httpx`. Write `check_service(base_url)` that
# raises unless the service does this, in this order, for a service name **new to this run**:
#
# | # | request | expected |
# |---|---|---|
# | 1 | `POST /services` with `{"name": n, "owner": "team-a", "replicas": 2}` and **no token** | 401 (not 403: the client did not authenticate) |
# | 2 | the same `POST` with the header `Authorization: Bearer <TOKEN>` | 201, and the JSON body equals what was sent |
# | 3 | `GET /services/n` | 200 and the same JSON |
# | 4 | the `POST` again (same name, with the token) | 409 |
# | 5 | `PUT /services/n/replicas` with `{"replicas": 5}` and the token, then `GET /services/n` | 200, then the JSON with `"replicas": 5` |
#
# The tests run `check_service` **twice against the same server** (a test suite is re-run against a long-lived
# staging server, and state from the first run is still there), and against the service with one bug planted
# each (`site.bug = ...`): `"open-door"` (writes need no token), `"forbidden-403"`, `"stale-cache"` (a read after the
# `PUT` still gets the cached old value), `"created-200"`, `"short-reply"` (the 201 body lacks `replicas`),
# `"overwrites"` (a second `POST` of a name replaces it with 201), `"drops-replicas"` (stores 1 whatever was sent,
# but echoes what was sent) and `"scale-202"` (the `PUT` answers 202).
#
# ```python
# with served() as site:
#     check_service(site.url)       # passes
#     site.bug = "stale-cache"
#     check_service(site.url)       # AssertionError: after the PUT, GET still shows 2 replicas
# ```

# %% [markdown] course={"kind": "hint"}
# `name = f"svc-{secrets.token_hex()}"` is new on every run. Send the token only where the table says so:
# `client.post(..., headers={"Authorization": f"Bearer {TOKEN}"})`. Give the client a generous timeout
# (`httpx.Client(base_url=base_url, timeout=30.0)`): a loaded CI machine can be slower than httpx's default 5 s.

# %% [markdown] course={"kind": "hint"}
# Read with a `GET` **after** the `PUT`: the `PUT`'s own reply comes from the database, so it cannot show a stale
# cache. And do the `GET` of row 3 before the `PUT`, so that there is a cached value to go stale.

# %% course={"kind": "solution", "equivalent": {"m-7fe30c3b": "any replicas other than 1 (the default) and 5 (the PUT) tells the bugs apart: 3 works like 2"}}
def check_service(base_url: str) -> None:
    ### BEGIN SOLUTION
    name = f"svc-{secrets.token_hex()}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    new = {"name": name, "owner": "team-a", "replicas": 2}
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        refused = client.post("/services", json=new)
        assert refused.status_code == 401, f"a write without a token is refused: {refused.status_code}"
        created = client.post("/services", json=new, headers=auth)
        assert created.status_code == 201, f"a created service is 201: {created.status_code}"
        assert created.json() == new, f"the created service is echoed: {created.json()}"
        read = client.get(f"/services/{name}")
        assert (read.status_code, read.json()) == (200, new), f"reading it back: {read.status_code} {read.json()}"
        again = client.post("/services", json=new, headers=auth)
        assert again.status_code == 409, f"a taken name is a conflict: {again.status_code}"
        scaled = client.put(f"/services/{name}/replicas", json={"replicas": 5}, headers=auth)
        assert scaled.status_code == 200, f"scaling answers 200: {scaled.status_code}"
        after = client.get(f"/services/{name}").json()
        assert after == {**new, "replicas": 5}, f"a read after the PUT shows 5 replicas: {after}"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with served() as site:
    check_service(site.url)
    check_service(site.url)  # a second run against the same server: what the first run left must not break it


# %% course={"kind": "test", "points": 2}
def fails_on(site: Site, bug: str) -> bool:
    """Whether the checks raise on the service with `bug` planted."""
    site.bug = bug
    try:
        check_service(site.url)
    except Exception:
        return True
    finally:
        site.bug = None
    return False


with served() as site:
    check_service(site.url)
    assert fails_on(site, "open-door"), "a service that takes writes without a token must fail your checks (row 1)"
    assert fails_on(site, "forbidden-403"), "a service that answers 403 to a missing token must fail (row 1)"
    assert fails_on(site, "stale-cache"), "a service whose reads stay stale after a PUT must fail your checks (row 5)"


# %% course={"kind": "test", "points": 2}
def fails_on(site: Site, bug: str) -> bool:
    site.bug = bug
    try:
        check_service(site.url)
    except Exception:
        return True
    finally:
        site.bug = None
    return False


with served() as site:
    check_service(site.url)
    assert fails_on(site, "created-200"), "a service that answers 200 to a create must fail your checks (row 2)"
    assert fails_on(site, "short-reply"), "a create whose reply lacks a field must fail your checks (row 2)"
    assert fails_on(site, "overwrites"), "a service that replaces a taken name must fail your checks (row 4)"
    assert fails_on(site, "drops-replicas"), "a service that stores 1 replica whatever was sent must fail (row 3)"
    assert fails_on(site, "scale-202"), "a PUT that answers 202 must fail your checks (row 5)"

# %% course={"kind": "wrong", "id": "fixed-name", "fails": ["t1"]}
def check_service(base_url: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    new = {"name": "api", "owner": "team-a", "replicas": 2}  # the second run finds "api" already there: 409
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        assert client.post("/services", json=new).status_code == 401
        assert client.get("/services/api").status_code == 404
        created = client.post("/services", json=new, headers=auth)
        assert created.status_code == 201 and created.json() == new
        read = client.get("/services/api")
        assert (read.status_code, read.json()) == (200, new)
        assert client.post("/services", json=new, headers=auth).status_code == 409
        assert client.put("/services/api/replicas", json={"replicas": 5}, headers=auth).status_code == 200
        assert client.get("/services/api").json() == {**new, "replicas": 5}

# %% course={"kind": "wrong", "id": "trusts-put-reply"}
def check_service(base_url: str) -> None:
    name = f"svc-{secrets.token_hex()}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    new = {"name": name, "owner": "team-a", "replicas": 2}
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        assert client.post("/services", json=new).status_code == 401
        assert client.get(f"/services/{name}").status_code == 404
        created = client.post("/services", json=new, headers=auth)
        assert created.status_code == 201 and created.json() == new
        read = client.get(f"/services/{name}")
        assert (read.status_code, read.json()) == (200, new)
        assert client.post("/services", json=new, headers=auth).status_code == 409
        scaled = client.put(f"/services/{name}/replicas", json={"replicas": 5}, headers=auth)
        assert scaled.json() == {**new, "replicas": 5}  # the PUT's reply comes from the database, not the cache

# %% course={"kind": "wrong", "id": "token-on-every-request", "fails": ["t2"]}
def check_service(base_url: str) -> None:
    name = f"svc-{secrets.token_hex()}"
    new = {"name": name, "owner": "team-a", "replicas": 2}
    # the token on the client: every request has it, so nothing checks that a write without one is refused
    with httpx.Client(base_url=base_url, timeout=30.0, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        assert client.get(f"/services/{name}").status_code == 404
        created = client.post("/services", json=new)
        assert created.status_code == 201 and created.json() == new
        read = client.get(f"/services/{name}")
        assert (read.status_code, read.json()) == (200, new)
        assert client.post("/services", json=new).status_code == 409
        assert client.put(f"/services/{name}/replicas", json={"replicas": 5}).status_code == 200
        assert client.get(f"/services/{name}").json() == {**new, "replicas": 5}

# %% [markdown] course={"kind": "exercise", "id": "wait-until"}
# ### Wait for readiness with a deadline, not with `sleep`
#
# Write `wait_until(ready, timeout, *, interval=0.1, clock=time.monotonic, sleep=time.sleep)`: call `ready()`
# until it returns something true, and return how many calls that took (an `int`).
#
# - The deadline is `timeout` seconds after the start, measured by `clock()`; the time `ready()` itself takes
#   counts (a check that takes 2 s uses up 2 s).
# - Check first: a `ready()` that is true at once means no sleep at all. Between checks sleep `interval`, but
#   **never past the deadline** (sleep only what is left), and check **once more at the deadline** itself.
# - When `ready()` is still false at or after the deadline, raise `TimeoutError` with a message that names the
#   `timeout` and the number of checks: `"not ready after 2 s (5 checks)"` (format the timeout with `{timeout:g}`).
# - `timeout` must be 0 or more and `interval` more than 0: otherwise `ValueError`. `timeout=0` means one check.
#
# The tests pass a `FakeClock` (given): its `sleep` moves its time without waiting, so they run in no time.
#
# ```python
# clock = FakeClock()
# calls = iter([False, False, True])
# wait_until(lambda: next(calls), 5, interval=1, clock=clock, sleep=clock.sleep)   # 3
# clock.sleeps                                                                    # [1, 1]
# ```

# %% [markdown] course={"kind": "hint"}
# `deadline = clock() + timeout` once at the start. In the loop: check; then `now = clock()`; if `now >= deadline`,
# raise; else `sleep(min(interval, deadline - now))`.

# %% [markdown] course={"kind": "hint"}
# Counting attempts (`for _ in range(int(timeout / interval))`) ignores the time each check takes: with a check
# that takes 2 s and a 3 s timeout you must stop after about 2 checks, not 30.

# %% course={"kind": "solution"}
def wait_until(
    ready: Callable[[], object],
    timeout: float,
    *,
    interval: float = 0.1,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    ### BEGIN SOLUTION
    if timeout < 0 or interval <= 0:
        raise ValueError(f"need timeout >= 0 and interval > 0, got {timeout}, {interval}")
    deadline = clock() + timeout
    checks = 0
    while True:
        checks += 1
        if ready():
            return checks
        now = clock()
        if now >= deadline:
            raise TimeoutError(f"not ready after {timeout:g} s ({checks} checks)")
        sleep(min(interval, deadline - now))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
clock = FakeClock()
calls = iter([False, False, True])
got = wait_until(lambda: next(calls), 5, interval=1, clock=clock, sleep=clock.sleep)
assert got == 3 and type(got) is int, f"ready on the third check: {got!r}"
assert clock.sleeps == [1, 1], f"one interval between checks: {clock.sleeps}"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
assert wait_until(lambda: "yes", 5, clock=clock, sleep=clock.sleep) == 1, "a true value at once: one check"
assert clock.sleeps == [], "ready at once: no sleep"
clock = FakeClock()
seen: list[float] = []


def never_ready() -> bool:
    seen.append(clock())
    assert len(seen) < 2 or seen[-1] > seen[-2], "the clock stood still between two checks: sleep with `sleep`"
    assert len(seen) < 50, "far too many checks: is the deadline ever reached?"
    return False


try:
    wait_until(never_ready, 2, interval=0.75, clock=clock, sleep=clock.sleep)
except TimeoutError as error:
    assert str(error) == "not ready after 2 s (4 checks)", f"the message: {error}"
else:
    raise AssertionError("never ready: TimeoutError")
assert clock.sleeps == [0.75, 0.75, 0.5], f"never sleep past the deadline: {clock.sleeps}"
assert seen == [1000.0, 1000.75, 1001.5, 1002.0], f"the last check is at the deadline: {seen}"
### BEGIN HIDDEN TESTS
clock = FakeClock()
calls = iter([0, "", None, [], 7])
assert wait_until(lambda: next(calls), 10, interval=2, clock=clock, sleep=clock.sleep) == 5, "falsy values are not ready"
clock = FakeClock()
assert wait_until(lambda: clock.now >= 1003, 3, interval=1, clock=clock, sleep=clock.sleep) == 4, "ready exactly at the deadline counts"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()


def slow_check() -> bool:
    clock.advance(2)  # this check takes 2 s
    return False


try:
    wait_until(slow_check, 3, interval=0.5, clock=clock, sleep=clock.sleep)
except TimeoutError as error:
    assert "(2 checks)" in str(error), f"the checks' own time counts: {error}"
else:
    raise AssertionError("never ready: TimeoutError")
assert clock.sleeps == [0.5], f"one short sleep between the two checks: {clock.sleeps}"
clock = FakeClock()
seen: list[float] = []


def never_ready() -> bool:
    seen.append(clock())
    assert len(seen) < 2 or seen[-1] > seen[-2], "the clock stood still between two checks: sleep with `sleep`"
    assert len(seen) < 50, "far too many checks: is the deadline ever reached?"
    return False


try:
    wait_until(never_ready, 0, clock=clock, sleep=clock.sleep)
except TimeoutError as error:
    assert str(error) == "not ready after 0 s (1 checks)", f"timeout 0: one check, then give up: {error}"
else:
    raise AssertionError("timeout 0 and not ready: TimeoutError")
assert clock.sleeps == [], "timeout 0: no sleep"
### BEGIN HIDDEN TESTS
for bad in [dict(timeout=-1), dict(timeout=1, interval=0), dict(timeout=1, interval=-0.5)]:
    try:
        wait_until(lambda: True, clock=clock, sleep=clock.sleep, **bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} raises ValueError")
clock = FakeClock()
try:
    wait_until(lambda: False, 1.5, interval=1, clock=clock, sleep=clock.sleep)
except TimeoutError as error:
    assert str(error) == "not ready after 1.5 s (3 checks)", str(error)
assert clock.sleeps == [1, 0.5]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-attempts"}
def wait_until(
    ready: Callable[[], object],
    timeout: float,
    *,
    interval: float = 0.1,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    if timeout < 0 or interval <= 0:
        raise ValueError(f"need timeout >= 0 and interval > 0, got {timeout}, {interval}")
    attempts = int(timeout / interval) + 1  # the time the checks take is never counted
    for checks in range(1, attempts + 1):
        if ready():
            return checks
        if checks < attempts:
            sleep(interval)
    raise TimeoutError(f"not ready after {timeout:g} s ({attempts} checks)")

# %% course={"kind": "wrong", "id": "real-sleep", "fails": ["t1", "t2", "t3"]}
def wait_until(
    ready: Callable[[], object],
    timeout: float,
    *,
    interval: float = 0.1,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    if timeout < 0 or interval <= 0:
        raise ValueError(f"need timeout >= 0 and interval > 0, got {timeout}, {interval}")
    deadline = clock() + timeout
    checks = 0
    while True:
        checks += 1
        if ready():
            return checks
        now = clock()
        if now >= deadline:
            raise TimeoutError(f"not ready after {timeout:g} s ({checks} checks)")
        time.sleep(min(interval, deadline - now))  # the real sleep, not the one given: the fake clock never moves

# %% course={"kind": "wrong", "id": "full-interval", "fails": ["t2", "t3"]}
def wait_until(
    ready: Callable[[], object],
    timeout: float,
    *,
    interval: float = 0.1,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    if timeout < 0 or interval <= 0:
        raise ValueError(f"need timeout >= 0 and interval > 0, got {timeout}, {interval}")
    deadline = clock() + timeout
    checks = 0
    while True:
        checks += 1
        if ready():
            return checks
        if clock() >= deadline:
            raise TimeoutError(f"not ready after {timeout:g} s ({checks} checks)")
        sleep(interval)  # may sleep past the deadline

# %% course={"kind": "wrong", "id": "no-check-at-deadline", "fails": ["t2", "t3"]}
def wait_until(
    ready: Callable[[], object],
    timeout: float,
    *,
    interval: float = 0.1,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    if timeout < 0 or interval <= 0:
        raise ValueError(f"need timeout >= 0 and interval > 0, got {timeout}, {interval}")
    deadline = clock() + timeout
    checks = 0
    while True:
        checks += 1
        if ready():
            return checks
        now = clock()
        if now + interval > deadline:  # gives up when a whole interval no longer fits: no check at the deadline
            raise TimeoutError(f"not ready after {timeout:g} s ({checks} checks)")
        sleep(interval)

# %% [markdown] course={"kind": "task", "id": "suite-project", "points": 5, "item": "project-14-3-1"}
# ### Project 14.3.1: an integration test suite for the service
#
# Turn this notebook's pieces into a pytest suite in a folder of your own: `conftest.py` with a **session** fixture
# for the database server and one for the cache (`shared_postgres()`/`shared_valkey()` here, or testcontainers
# where Docker exists), a **function** fixture that gives each test a fresh schema or a `rolled_back` connection,
# and one that serves the app (`served()`-like) with a unique cache prefix. Write database tests for `ServiceRepo`,
# API tests with `TestClient`, authentication tests (no token, wrong token, right token) and the end-to-end journey.
# Mark the slow ones (`@pytest.mark.integration`) and add a CI job (GitHub Actions YAML is fine) that runs the
# unit tests on every push and the integration tests in parallel (`pytest -n 2 -m integration`). Show that the
# suite passes twice in a row and in shuffled order (with `pytest-randomly` installed, every run shuffles the tests).

# %% [markdown] course={"kind": "rubric"}
# - Session and function scopes are used for what they are for: one server per run, a clean place per test; every
#   fixture cleans up after `yield` even when the test fails. (1)
# - Database tests read through a second connection or check commits; API tests check status before body and cover
#   401/404/409/422. (1)
# - Authentication is tested from both sides: refused without or with a wrong token *and* nothing written. (1)
# - No `sleep` to wait for readiness; no fixed ports; unique names/prefixes per test and per worker, so the suite
#   passes twice in a row, in any order and with `-n 2`. (1)
# - CI file: fast layer first, integration marked and run separately; the README says how to run each locally. (1)

# %% [markdown] course={"kind": "task", "id": "generator-project", "points": 5, "item": "project-14-3-2"}
# ### Project 14.3.2: a test data generator
#
# Extend `ServiceFactory` into a small library: factories for `Team`, `Service` (belongs to a team) and
# `Deployment` (belongs to a service, with a version and a time), where building a `Deployment` without a service
# builds one (and its team), the way `factory.SubFactory` does. Add realistic fake values from a **seeded**
# `random.Random` (or `faker` with `Faker.seed`), `batch(n)` for bulk generation, and a `create(conn, ...)` on each
# factory that inserts the rows in the right order (parents first) into PostgreSQL. Include tests: the same seed
# gives the same data, two factories never collide on a unique column, 10 000 services insert in one `executemany`
# or `COPY` rather than 10 000 round trips.

# %% [markdown] course={"kind": "rubric"}
# - Relationships: a child built alone brings its parents; a parent passed in is reused, not duplicated. (1)
# - Defaults valid, overrides explicit, unknown fields refused; mutable defaults not shared. (1)
# - Deterministic: a seed fixes every generated value; no clock or global random state. (1)
# - Bulk: `batch` and a bulk insert (executemany/COPY) measured by the number of statements, not by time. (1)
# - Tests cover sequences per factory, relationships and the seeded output. (1)

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-unit-and"}
# A unit test checks one piece of logic with its collaborators replaced by doubles: it is fast, pinpoints the
# broken line and covers every edge case, but it can only prove that the code does what the *test author believes*
# the database or API does. An integration test keeps at least one real collaborator (PostgreSQL, the cache, an
# HTTP server) and proves the boundary itself: the SQL is valid, the transaction commits, the JSON parses. It is
# slower and says less precisely *where* a failure is. So: many unit tests for logic, fewer integration tests, one
# per boundary and behaviour (the no-commit bug of this section passes a mocked unit test and fails the real one),
# and a handful of end-to-end tests for the main journeys.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-test-databases"}
# One real server of the same major version as production per test session: a testcontainers container, a
# service container in CI, or a local server started by a fixture. The schema comes from the real migrations,
# run once per session. Each test gets a clean place: a transaction rolled back to a savepoint at the end (fast, but
# the code under test must not commit), or a fresh schema/database per test (slower, works for code that commits).
# Data comes from factories inside the test, plus a small seed loaded once; never from another test. Under
# parallel runners each worker gets its own schema or database name, and teardown runs even when a test fails.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-test-external-service"}
# In layers. Unit tests replace the service's client with a double (MockTransport, respx) to test our handling of
# every answer, errors and timeouts included. Contract tests pin what we rely on: the consumer publishes the
# requests and the fields it reads, our stub answers from that contract, and the provider verifies the same
# contract in its CI (Pact, or a shared schema). Integration tests run against the real thing where it can run
# locally (a database, a cache, an emulator such as moto) or a sandbox account. A few smoke tests after each deploy
# check the real wiring in staging. Never call a production third party from CI.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-slow-integration-tests"}
# First make them cheaper: one server per session instead of per test, a savepoint or schema per test instead of a
# new database, no `sleep` (wait for a condition with a deadline), data from factories instead of big fixtures.
# Then split: mark them (`-m integration`), run unit tests first so most failures come back in seconds, run the
# integration job in parallel (`pytest -n auto` with a schema and key prefix per worker) and shard it across CI
# machines if needed. Run only the affected suites on a pull request and everything on main. Track the slowest
# tests (`--durations`), and fix or quarantine flaky ones quickly instead of adding retries.
