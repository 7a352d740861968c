# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can share logic between endpoints with dependencies (cleanup included),
# wrap an app in middleware, shape every error, run work after the response, push live updates over
# WebSockets, issue and check JWTs, test all of it with overrides and async clients, and split an app into routers.

# %% course={"kind": "setup", "id": "web"}
# What the demos and tests below share. Apps are tested in-process with TestClient (or httpx's ASGITransport),
# and served for real by uvicorn with `serve(app)`: 127.0.0.1, a free port, stopped when the block ends.
import asyncio
import base64
import hashlib
import hmac
import inspect
import json
import threading
import time
import warnings
from typing import Annotated, Any, Literal

import httpx
from cryptography.fernet import Fernet, InvalidToken
from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    FastAPI,
    Header,
    HTTPException,
    Query,
    Request,
    WebSocket,
    WebSocketDisconnect,
    status,
)
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

with warnings.catch_warnings():
    # Starlette 1.x would rather its TestClient ran on the new `httpx2` package and warns once when it
    # finds `httpx` instead; both work the same here.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from course.runtime.aio import run, serve
from course.runtime.clock import FakeClock


def next_text(ws: Any, seconds: float = 10.0) -> str:
    """The next text message of a TestClient WebSocket session; a message that never comes fails the test
    after `seconds` instead of hanging the notebook (a correct answer sends it at once)."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def receive() -> None:
        try:
            box["text"] = ws.receive_text()
        except BaseException as err:  # handed to the test below
            box["error"] = err
        finally:
            done.set()

    threading.Thread(target=receive, daemon=True).start()
    if not done.wait(seconds):
        raise AssertionError(f"no WebSocket message arrived within {seconds} s")
    if "error" in box:
        raise AssertionError(f"the WebSocket closed instead of sending: {box['error']!r}")
    return box["text"]


# %% course={"kind": "setup", "id": "kits"}
# Given code for the later exercises: a credentials kit for the auth service (12.4.1) and the quota app whose
# tests you write. Nothing here is an answer: the kit seals tokens with Fernet, not with your JWT code.
class TokenError(Exception):
    """A token that is malformed, forged, of the wrong kind or expired."""


class SealedKit:
    """Password hashing and token sealing for `make_auth_app`: `seal(claims) -> str`, `open(token) -> dict`
    (raises TokenError), `hash_password(pw) -> str`, `verify_password(pw, stored) -> bool`."""

    def __init__(self) -> None:
        self._fernet = Fernet(Fernet.generate_key())

    def seal(self, claims: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(claims).encode()).decode()

    def open(self, token: str) -> dict[str, Any]:
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError) as err:
            raise TokenError("token is not ours") from err

    def hash_password(self, password: str) -> str:
        salt = Fernet.generate_key()[:16]
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)
        return salt.decode() + "$" + digest.hex()

    def verify_password(self, password: str, stored: str) -> bool:
        salt, _, hexdigest = stored.partition("$")
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 1000)
        return hmac.compare_digest(digest.hex(), hexdigest)


def current_user(authorization: Annotated[str | None, Header()] = None) -> str:
    """The quota app's user: `Authorization: User <name>`; anything else is a 401."""
    if authorization is None or not authorization.startswith("User ") or not authorization[5:]:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="who are you?")
    return authorization[5:]


QUOTA = 3


def make_quota_app(bug: str | None = None) -> FastAPI:
    """The app your checks in "Write the tests" examine; `bug` plants one mistake in it."""
    app = FastAPI()
    used: dict[str, int] = {}
    who = lenient_user if bug == "no-auth" else current_user  # the planted bug lets everyone in

    @app.get("/quota")
    def quota(user: Annotated[str, Depends(who)]) -> dict[str, Any]:
        key = "everyone" if bug == "shared-quota" else user
        return {"user": user, "used": used.get(key, 0), "limit": QUOTA}

    @app.post("/jobs", status_code=200 if bug == "status-200" else 201)
    def submit(user: Annotated[str, Depends(who)]) -> dict[str, Any]:
        key = "everyone" if bug == "shared-quota" else user
        if used.get(key, 0) >= QUOTA + (1 if bug == "off-by-one" else 0):
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail="quota used up")
        used[key] = used.get(key, 0) + 1
        return {"user": user, "job": used[key]}

    return app


def lenient_user(authorization: Annotated[str | None, Header()] = None) -> str:
    return authorization[5:] if authorization and authorization.startswith("User ") else "anonymous"


# %% [markdown] course={"kind": "lesson", "id": "dependencies", "covers": ["c-dependency-injection", "c-depends-function", "c-sub-dependencies", "c-class-based-dependencies", "c-yield-dependencies-cleanup", "c-global-dependencies"]}
# ### Dependency injection with `Depends`
#
# An endpoint often needs things that are not part of the request body: a database session, the current user,
# the page size, a settings object. Instead of building them inside every endpoint, you **declare** them:
# `user: Annotated[str, Depends(current_user)]`. For each request FastAPI calls `current_user` (reading *its*
# parameters from the request the same way it reads an endpoint's: headers, query, path), and passes the result
# in. That is **dependency injection**: the endpoint says what it needs, the framework provides it.
#
# - **Sub-dependencies**: a dependency can itself depend on others; FastAPI resolves the whole tree, and calls a
#   dependency used twice in one request **once** (the result is cached per request).
# - **Class-based dependencies**: `Depends(Page)` calls the class, so its `__init__` parameters become query
#   parameters and the endpoint gets an instance, with methods of its own.
# - **Yield dependencies**: a generator that `yield`s the value; the code after `yield` is the cleanup (close the
#   session, release the lock). An error in the endpoint is raised *at the `yield`*, so `try/except/finally`
#   around it decides between commit and rollback.
# - **Global dependencies**: `FastAPI(dependencies=[Depends(check)])` runs `check` for every request of the app
#   (an `APIRouter` takes the same argument for its routes); its return value is thrown away.
#
# What people get wrong: calling the dependency yourself (`user = current_user()`), which bypasses the request
# parsing, the cache and the overrides tests rely on. The demo logs the order in which everything runs:

# %% course={"kind": "demo"}
calls: list[str] = []


def audit() -> None:  # a global dependency: runs for every request, its result is ignored
    calls.append("audit")


def settings() -> dict[str, int]:
    calls.append("settings")
    return {"max_page": 50}


def db_session():  # a yield dependency: the code after `yield` is the cleanup
    calls.append("open session")
    try:
        yield {"rows": ["a", "b", "c", "d"]}
    finally:
        calls.append("close session")


class Page:  # a class dependency: __init__'s parameters become query parameters
    def __init__(self, cfg: Annotated[dict[str, int], Depends(settings)], limit: int = 2, offset: int = 0) -> None:
        calls.append("page")
        self.limit, self.offset = min(limit, cfg["max_page"]), offset

    def cut(self, items: list[str]) -> list[str]:
        return items[self.offset : self.offset + self.limit]


di = FastAPI(dependencies=[Depends(audit)])


@di.get("/rows")
def rows(
    page: Annotated[Page, Depends()],  # Depends() with no argument: use the annotated class itself
    db: Annotated[dict[str, list[str]], Depends(db_session)],
    cfg: Annotated[dict[str, int], Depends(settings)],  # also a sub-dependency of Page: called once
) -> dict[str, Any]:
    calls.append("endpoint")
    return {"rows": page.cut(db["rows"]), "max_page": cfg["max_page"]}


reply = TestClient(di).get("/rows", params={"offset": 1})
print(reply.json())
print(" -> ".join(calls))

# %% [markdown] course={"kind": "text"}
# `settings` ran once although both `Page` and the endpoint asked for it, and `close session` came last: in
# FastAPI 0.165 (the version this course installs, checked here) the code after `yield` runs **after** the
# response has been sent, so a slow cleanup never delays the client. (Since 0.121 `Depends(db_session,
# scope="function")` closes before the response instead.) Check your own version with the same demo.

# %% [markdown] course={"kind": "lesson", "id": "middleware", "covers": ["c-middleware", "c-creating-middleware", "c-cors-middleware", "c-timing-middleware", "c-authentication-middleware"]}
# ### Middleware: code around every request
#
# A **middleware** wraps the whole app: it sees each request before any route does, and each response after.
# `@app.middleware("http")` turns `async def mw(request, call_next)` into one: `response = await
# call_next(request)` runs the rest of the app. Uses in ops work: a **timing** header or metric per request,
# a request id for the logs, **authentication** that applies to every path at once, and **CORS**.
#
# **CORS** (cross-origin resource sharing) is a browser rule: a page from `https://dash.example.com` may call
# your API only if the API says so in `Access-Control-Allow-*` headers. For anything but simple requests the
# browser first sends a **preflight**: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
# `CORSMiddleware` answers those itself. The one thing people get wrong: CORS protects *browsers'* users, it is
# not access control. `curl` ignores it entirely.
#
# Middleware added later wraps the ones added before: the **last added runs first**. And a middleware
# sits outside the routes and their exception handlers: raising `HTTPException` there is not turned into a 4xx,
# so a middleware that refuses a request *returns* a response.

# %% course={"kind": "demo"}
mw = FastAPI()
clock = FakeClock(100.0)  # a clock the endpoint moves, so the timing header is the same on every machine


@mw.get("/slow")
def slow() -> dict[str, str]:
    clock.advance(0.25)  # pretend the work took 250 ms
    return {"done": "yes"}


@mw.middleware("http")
async def timing(request: Request, call_next):
    start = clock()
    response = await call_next(request)
    response.headers["X-Elapsed-Ms"] = f"{(clock() - start) * 1000:.0f}"
    return response


@mw.middleware("http")  # added last, so it runs first: it can refuse before timing even starts
async def refuse_without_key(request: Request, call_next):
    if request.url.path != "/slow" or request.headers.get("X-Key") == "s3cret":
        return await call_next(request)
    return JSONResponse({"detail": "no key"}, status_code=401)


mw.add_middleware(CORSMiddleware, allow_origins=["https://dash.example.com"], allow_methods=["GET"])

client = TestClient(mw)
print("no key:  ", client.get("/slow").status_code, client.get("/slow").json())
reply = client.get("/slow", headers={"X-Key": "s3cret"})
print("with key:", reply.status_code, "X-Elapsed-Ms =", reply.headers["x-elapsed-ms"])
for origin in ["https://dash.example.com", "https://evil.example.net"]:
    pre = client.options("/slow", headers={"Origin": origin, "Access-Control-Request-Method": "GET"})
    print(f"preflight from {origin}: {pre.status_code}, allow-origin={pre.headers.get('access-control-allow-origin')}")

# %% [markdown] course={"kind": "text"}
# The preflight was answered by `CORSMiddleware` (added last, so outermost) without reaching the key check: a
# browser sends no custom headers with a preflight, so an auth middleware *inside* CORS is what you want.
# The refused origin gets a 400 and no `Access-Control-Allow-Origin`, and the browser blocks the call.

# %% [markdown] course={"kind": "lesson", "id": "errors", "covers": ["c-exception-handling", "c-httpexception", "c-custom-exception-handlers", "c-validation-error-handling"]}
# ### Exception handling: one shape for every error
#
# `raise HTTPException(404, detail="...", headers={...})` anywhere in an endpoint or dependency ends the request
# with that status and `{"detail": ...}`. For your own exceptions, `@app.exception_handler(QuotaExceeded)` maps
# an error class to a response, so domain code raises domain errors and knows nothing about HTTP.
# Invalid input raises `RequestValidationError`; its default handler answers 422 with pydantic's list of
# errors, and you can replace it (many teams answer 400 with their own error envelope).
#
# The trap: FastAPI's `HTTPException` is a subclass of **Starlette's**. The router's own 404 (unknown path) and
# 405 (wrong method) raise Starlette's class, so a handler registered for `fastapi.HTTPException` never sees them:

# %% course={"kind": "demo"}
def envelope(status_code: int, message: Any) -> JSONResponse:
    return JSONResponse({"error": {"status": status_code, "message": message}}, status_code=status_code)


for handled in [HTTPException, StarletteHTTPException]:
    errs = FastAPI()

    @errs.get("/jobs/{job_id}")
    def get_job(job_id: int) -> dict[str, int]:
        raise HTTPException(404, detail=f"job {job_id} not found")

    @errs.exception_handler(handled)
    async def shaped(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return envelope(exc.status_code, exc.detail)

    @errs.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return envelope(400, [".".join(map(str, e["loc"])) for e in exc.errors()])

    client = TestClient(errs)
    print(f"handler for {handled.__module__}.HTTPException:")
    for method, path in [("GET", "/jobs/7"), ("GET", "/nowhere"), ("POST", "/jobs/7"), ("GET", "/jobs/seven")]:
        reply = client.request(method, path)
        print(f"  {method:4} {path:12} {reply.status_code} {reply.json()}")

# %% [markdown] course={"kind": "lesson", "id": "background", "covers": ["c-background-tasks", "c-backgroundtasks", "c-long-running-operations"]}
# ### Background tasks: work after the response
#
# An endpoint that takes `tasks: BackgroundTasks` can `tasks.add_task(fn, *args)`; FastAPI calls `fn` **after
# the response has been sent**, in the same process (an `async def` task on the event loop, a plain `def` in the
# thread pool). The client does not wait for sending an email, writing an audit record or warming a cache.
#
# For **long-running operations** (a training run, a large export) the usual shape is a job resource: `POST`
# answers `202 Accepted` with a job id at once, a worker does the work, and the client polls `GET /jobs/{id}` or
# gets a push (a WebSocket, a webhook). What people get wrong: BackgroundTasks are not a job queue. They live in
# the web process, are lost if it restarts, and hold one of its workers while they run; work that must survive
# or that takes minutes belongs on a real queue (Celery, RQ, a Kafka consumer: phase 20).
#
# The demo wraps the app in a tiny ASGI layer that notes when the response body leaves, so the order is visible:

# %% course={"kind": "demo"}
events: list[str] = []
bg = FastAPI()
jobs: dict[int, str] = {}


async def export(job_id: int) -> None:
    events.append(f"task: export {job_id} runs")
    jobs[job_id] = "done"


@bg.post("/exports", status_code=202)
def start_export(tasks: BackgroundTasks) -> dict[str, Any]:
    job_id = len(jobs) + 1
    jobs[job_id] = "queued"
    tasks.add_task(export, job_id)
    events.append("endpoint returns")
    return {"job": job_id, "state": jobs[job_id]}


@bg.get("/exports/{job_id}")
def export_state(job_id: int) -> dict[str, Any]:
    return {"job": job_id, "state": jobs[job_id]}


async def noting_sends(scope, receive, send):
    async def noted(message):
        if message["type"] == "http.response.body":
            events.append("response sent")
        await send(message)

    await bg(scope, receive, noted)


client = TestClient(noting_sends)
print("POST:", client.post("/exports").json())
print("GET: ", client.get("/exports/1").json())
print(events[:3])

# %% [markdown] course={"kind": "text"}
# The client read `"queued"` because the task had not run when the response was built. `TestClient` returns only
# after the background tasks are done, which is what makes such tests deterministic: the `GET` that follows
# always sees `"done"`. Through a real server the task may still be running when the client reads the reply.

# %% [markdown] course={"kind": "lesson", "id": "websockets", "covers": ["c-websockets", "c-websocket-endpoints", "c-connection-management", "c-broadcasting"]}
# ### WebSockets: a connection that stays open
#
# HTTP is one request, one response. A **WebSocket** starts as an HTTP request, is "upgraded", and then both
# sides may send messages at any time until one closes it: live dashboards, log tails, notifications, streamed
# model output. `@app.websocket("/ws")` declares an endpoint taking a `WebSocket`: `await ws.accept()`, then
# `receive_text()`/`send_text()` (or `_json`). When the client goes away, the next receive raises
# `WebSocketDisconnect`.
#
# **Connection management** is on you: to **broadcast**, keep the open connections in a manager, add on connect,
# and remove in a `finally:` so that a disconnect, an error or a cancelled task all clean up. The mistake people
# make: forgetting the removal, so the next broadcast tries to write to a dead socket and fails for everyone
# after it. `TestClient.websocket_connect` opens a test connection; keep the client in `with TestClient(app) as
# client:` so that several connections share one event loop, as they do in a real server. In tests, hang up with
# `ws.close()` and wait for the message that proves the server noticed: leaving the `with` block of a test
# connection also *cancels* the server's handler, so what its cleanup still sends may be lost.

# %% course={"kind": "demo"}
class Hub:
    def __init__(self) -> None:
        self.sockets: list[WebSocket] = []

    async def broadcast(self, text: str) -> None:
        for ws in list(self.sockets):
            await ws.send_text(text)


hub = Hub()
live = FastAPI()


@live.websocket("/ws/{name}")
async def talk(ws: WebSocket, name: str) -> None:
    await ws.accept()
    hub.sockets.append(ws)
    try:
        while True:
            await hub.broadcast(f"{name}: {await ws.receive_text()}")
    except WebSocketDisconnect:
        pass
    finally:
        hub.sockets.remove(ws)
        await hub.broadcast(f"{name} left")


with TestClient(live) as client:
    with client.websocket_connect("/ws/ana") as ana:
        with client.websocket_connect("/ws/bo") as bo:
            bo.send_text("deploy done?")
            print("ana got:", next_text(ana), "| bo got:", next_text(bo))
            bo.close()  # bo hangs up; ana hears about it
            print("ana got:", next_text(ana), "| open connections:", len(hub.sockets))
print("open connections at the end:", len(hub.sockets))

# %% [markdown] course={"kind": "lesson", "id": "auth", "covers": ["c-authentication", "c-oauth2-with-password", "c-jwt-tokens", "c-api-keys", "c-security-dependencies"]}
# ### Authentication: passwords, tokens and API keys
#
# **OAuth2 with password** ("password flow") is the simplest OAuth2 flow: the client `POST`s a *form*
# (`username=...&password=...`, not JSON) to a token endpoint and gets back `{"access_token": ...,
# "token_type": "bearer"}`; afterwards it sends `Authorization: Bearer <token>` with every request.
# FastAPI gives you the pieces: `OAuth2PasswordRequestForm` parses the form, `OAuth2PasswordBearer(tokenUrl=...)`
# is a dependency that reads the bearer token (and answers 401 with `WWW-Authenticate: Bearer` when it is
# missing), and both show up in the OpenAPI docs' "Authorize" button.
#
# A **JWT** (JSON Web Token) is a common token format: three base64url parts, `header.payload.signature`. The
# header names the algorithm (`HS256`: HMAC-SHA256 with a shared secret); the payload holds **claims** such as
# `sub` (who) and `exp` (expiry, seconds since the epoch); the signature lets the server check that nobody
# changed the first two parts. What people get wrong: the payload is **signed, not encrypted**. Anyone can read it:

# %% course={"kind": "demo"}
token = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbmEiLCJleHAiOjE3NjcyMjU2MDAsInJvbGUiOiJzcmUifQ"
    ".udiuBJbLeSk0Yn-bAq3QGlwq1fYxR-G_4jExoxbUb9s"
)
header_b64, payload_b64, signature_b64 = token.split(".")
for name, part in [("header", header_b64), ("payload", payload_b64)]:
    print(f"{name:8}", json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))
print("signature", len(base64.urlsafe_b64decode(signature_b64 + "=")), "bytes of HMAC-SHA256: only the secret's holder can make it")

# %% [markdown] course={"kind": "text"}
# Never put a secret in a claim. Keep access tokens short-lived (minutes) and hand out a longer-lived **refresh
# token** that can only be exchanged for a new access token; the server checks the token's `type` so that one
# cannot be used as the other. Passwords are stored only as a slow, salted hash (`hashlib.pbkdf2_hmac` or
# `hashlib.scrypt` from the standard library), and compared with `hmac.compare_digest`.
#
# **API keys** suit machine clients (a CI job, a cron script): a long random string in a header such as
# `X-API-Key`, looked up on the server. `APIKeyHeader(name="X-API-Key")` reads it. Whatever the scheme, the
# check is a **security dependency**: a function that returns the caller or raises 401 (who are you?) or 403
# (I know you, but no). Endpoints declare it, so the docs show which ones are protected and tests can override it.
# The demo puts the password flow and an API key side by side (the `SealedKit` from the top of the notebook
# hashes the passwords and seals the tokens; you write a JWT version yourself below):

# %% course={"kind": "demo"}
kit = SealedKit()
people = {"ana": kit.hash_password("correct horse")}
robots = {"k-7f3a9c": "ci-pipeline"}
auth = FastAPI()
bearer = OAuth2PasswordBearer(tokenUrl="/token")
api_key = APIKeyHeader(name="X-API-Key", auto_error=False)


@auth.post("/token")
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
    stored = people.get(form.username)
    if stored is None or not kit.verify_password(form.password, stored):
        raise HTTPException(401, "wrong username or password", headers={"WWW-Authenticate": "Bearer"})
    return {"access_token": kit.seal({"sub": form.username}), "token_type": "bearer"}


def person(token: Annotated[str, Depends(bearer)]) -> str:  # a security dependency
    try:
        return kit.open(token)["sub"]
    except TokenError:
        raise HTTPException(401, "bad token", headers={"WWW-Authenticate": "Bearer"}) from None


def robot(key: Annotated[str | None, Depends(api_key)]) -> str:
    if key is None or key not in robots:
        raise HTTPException(401, "unknown API key")
    return robots[key]


@auth.get("/me")
def me(who: Annotated[str, Depends(person)]) -> dict[str, str]:
    return {"you are": who}


@auth.post("/deploys")
def deploy(caller: Annotated[str, Depends(robot)]) -> dict[str, str]:
    return {"deploy started by": caller}


client = TestClient(auth)
print("wrong password:", client.post("/token", data={"username": "ana", "password": "guess"}).status_code)
access = client.post("/token", data={"username": "ana", "password": "correct horse"}).json()["access_token"]
print("/me with token:", client.get("/me", headers={"Authorization": f"Bearer {access}"}).json())
reply = client.get("/me")
print("/me without:   ", reply.status_code, reply.json(), "WWW-Authenticate:", reply.headers["www-authenticate"])
print("API key:       ", client.post("/deploys", headers={"X-API-Key": "k-7f3a9c"}).json(),
      client.post("/deploys", headers={"X-API-Key": "k-wrong"}).status_code)

# %% [markdown] course={"kind": "lesson", "id": "testing", "covers": ["c-testing", "c-testclient", "c-async-testing", "c-dependency-overrides"]}
# ### Testing FastAPI apps
#
# `TestClient(app)` calls the app in-process with an `httpx`-style interface: no server, no port, and it also
# drives WebSockets (`websocket_connect`) and runs background tasks before it returns. Use `with TestClient(app)
# as client:` when the app has startup/shutdown code (lifespan) or when several connections must share a loop.
#
# **Async testing**: inside an `async def` test (pytest-asyncio, anyio, or a notebook's own loop) use
# `httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")`: the same calls, awaited,
# so the test can also `await` other things (a fake queue, a second client) in between.
#
# **Dependency overrides** replace a dependency for tests: `app.dependency_overrides[current_user] = lambda:
# "ana"` makes every endpoint that depends on `current_user` see `"ana"`, wherever it sits in the tree; the real
# one is never called. The key is the original function object. What people forget: overrides live on the app
# and stay there, so clear them (`app.dependency_overrides.clear()`, best in a `finally:` or a fixture's
# teardown), or one test's fake user leaks into the next. The demo tests the quota app from the top of the
# notebook both ways:

# %% course={"kind": "demo"}
quota_app = make_quota_app()
print("TestClient, no user:", TestClient(quota_app).get("/quota").status_code)


async def as_ana() -> list[Any]:
    quota_app.dependency_overrides[current_user] = lambda: "ana"
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=quota_app), base_url="http://test") as http:
            submitted = await asyncio.gather(*(http.post("/jobs") for _ in range(4)))
            return [r.status_code for r in submitted] + [(await http.get("/quota")).json()]
    finally:
        quota_app.dependency_overrides.clear()


print("AsyncClient as ana: ", run(as_ana()))
print("overrides left:", quota_app.dependency_overrides)

# %% [markdown] course={"kind": "text"}
# `run(...)` is the course's helper that runs a coroutine both in a notebook (where a loop is already running)
# and in a plain script; in a pytest-asyncio test you would simply `await as_ana()`. Three of the four concurrent
# posts got 201 and one got 429 (which one depends on the order they were scheduled, so the test checks the
# counts, not the positions).

# %% [markdown] course={"kind": "lesson", "id": "structure", "covers": ["c-application-structure", "c-routers", "c-modular-applications", "c-shared-dependencies"]}
# ### Structuring a larger application
#
# One file with fifty endpoints does not scale. An **`APIRouter`** is a group of routes with the same decorators
# as the app; `app.include_router(router, prefix="/v1/models", tags=["models"], dependencies=[...])` mounts it.
# A typical **modular application**:
#
# ```text
# service/
#   main.py          create_app(): builds FastAPI(), adds middleware, includes the routers
#   deps.py          shared dependencies: get_settings, get_session, current_user
#   routers/
#     models.py      router = APIRouter(); @router.get("/") ...
#     health.py
#   schemas.py       pydantic models
# ```
#
# An **app factory** (`create_app(settings)`) instead of a module-level `app` lets every test build a fresh app
# with its own settings and state. **Shared dependencies** go where they apply: on a router
# (`APIRouter(dependencies=[Depends(require_admin)])`) they protect every route in it, so a new endpoint cannot
# forget the check; what the routes need as a value (`current_user`) they still declare themselves, and FastAPI
# calls it once per request. What people get wrong: the order of `prefix` parts (a router's own `prefix` and the
# one given to `include_router` add up) and defining the same path twice, where the first one silently wins.

# %% course={"kind": "demo"}
def require_admin(x_role: Annotated[str | None, Header()] = None) -> None:
    if x_role != "admin":
        raise HTTPException(403, "admins only")


models = APIRouter(prefix="/models", tags=["models"])
admin = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])  # every route below is protected


@models.get("/")
def list_models() -> list[str]:
    return ["churn", "fraud"]


@admin.delete("/cache")
def clear_cache() -> dict[str, bool]:
    return {"cleared": True}


def create_app() -> FastAPI:
    app = FastAPI(title="model registry")
    app.include_router(models, prefix="/v1")
    app.include_router(admin, prefix="/v1")
    return app


app = create_app()
print({path: sorted(ops) for path, ops in app.openapi()["paths"].items()})
client = TestClient(app)
print(client.get("/v1/models/").json(), client.delete("/v1/admin/cache").status_code,
      client.delete("/v1/admin/cache", headers={"X-Role": "admin"}).json())
