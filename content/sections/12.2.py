# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can build a FastAPI service with typed path and query parameters,
# pydantic request and response models, the right status codes and file uploads, test it in-process with
# `TestClient`, and serve it for real with uvicorn to call it with `httpx`.

# %% course={"kind": "setup", "id": "web"}
# What the demos and tests below share. Apps are tested in-process with TestClient, and served for real
# by uvicorn with `serve(app)`: 127.0.0.1, a port the operating system picks, stopped when the block ends.
import pathlib
import warnings
from enum import Enum
from typing import Annotated, Literal

import httpx
from fastapi import FastAPI, File, Form, HTTPException, Path, Query, Response, UploadFile, status
from pydantic import BaseModel, Field

with warnings.catch_warnings():
    # Starlette 1.x would rather its TestClient ran on the new `httpx2` package and warns once when it
    # finds `httpx` instead; both work the same here, and httpx is the client we use on real servers.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from course.runtime.aio import run, serve


def problems(reply: httpx.Response) -> list[tuple[list[str | int], str]]:
    """Where and how a 422 answer says the request was wrong: its (loc, type) pairs, in order."""
    assert reply.status_code == 422, f"expected a 422, got {reply.status_code}: {reply.text[:200]}"
    return [(error["loc"], error["type"]) for error in reply.json()["detail"]]

# %% [markdown] course={"kind": "lesson", "id": "why-fastapi", "covers": ["c-fastapi-introduction", "c-why-fastapi", "c-asgi-and-uvicorn", "c-performance-characteristics"]}
# ### FastAPI, ASGI and uvicorn
#
# **FastAPI** is a web framework in which a Python function with type hints *is* the API description.
# From `def get_job(job_id: int, verbose: bool = False)` it knows that `job_id` comes from the URL and
# must be an integer, that `verbose` is an optional query parameter, how to answer a request that breaks
# those rules (status 422 with a JSON body saying what was wrong), and how to describe the endpoint in an
# **OpenAPI** schema, from which it serves interactive docs at `/docs`. It is built on two libraries:
# **Starlette** (routing, requests, responses) and **pydantic** (parsing and validating data).
# That is why platform and MLOps teams pick it for internal tools, model-serving endpoints and webhooks:
# little code, validation you do not have to write, and docs that cannot drift from the code.
#
# FastAPI does not listen on a socket itself. It is an **ASGI application**: an `async` callable
# `app(scope, receive, send)` that a server calls once per request. The **server**, here **uvicorn**,
# owns the sockets, parses HTTP, and runs every request's call on one asyncio event loop. The demo
# writes the smallest ASGI app by hand, with no framework at all, and serves it for real:

# %% course={"kind": "demo"}
async def bare_app(scope, receive, send):
    """An ASGI app: uvicorn calls it once per request with the request's `scope` (method, path...)."""
    body = f"{scope['method']} {scope['path']}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})


with serve(bare_app) as url:  # uvicorn on 127.0.0.1, a free port, stopped at the end of the block
    reply = httpx.get(f"{url}/hello/world")
    print(reply.status_code, reply.headers["content-type"], repr(reply.text))
    print("served by:", reply.headers["server"])

# %% [markdown] course={"kind": "text"}
# **Performance characteristics.** The speed people mean when they call FastAPI fast is *concurrency for
# I/O*: while one request awaits a database or another service, the same event loop serves others, so one
# process keeps hundreds of slow requests in flight. It does not make your Python code run faster, and it
# has one rule you must follow:
#
# - an `async def` endpoint runs **on the event loop**: it must only `await` slow things. A blocking call
#   inside it (`time.sleep`, `requests.get`, a lock's or event's `wait`) stops *every* request of that process;
# - a plain `def` endpoint runs in a **worker thread** (from a pool of 40 by default, shown below), so
#   blocking code is safe there. Use `def` for blocking libraries, `async def` only with async libraries.
#
# The demo sends five requests at once to each of three endpoints served for real. Each endpoint's "slow
# I/O" is to wait until all five requests are inside it (at most a few seconds), and counts how many were
# inside at once. Which requests *can* be inside together depends only on how the endpoint waits, never on
# the machine's speed:

# %% course={"kind": "demo"}
import asyncio
import threading
import time

import anyio.to_thread

perf = FastAPI()
inside = {"now": 0, "peak": 0}
changed = threading.Condition()  # guards `inside`; plain def endpoints run in several threads


def arrive() -> None:
    with changed:
        inside["now"] += 1
        inside["peak"] = max(inside["peak"], inside["now"])
        changed.notify_all()


def leave() -> str:
    with changed:
        inside["now"] -= 1
    return threading.current_thread().name


def all_five_came() -> bool:
    return inside["peak"] >= 5


@perf.get("/awaits")
async def awaits() -> str:
    arrive()
    for _ in range(1000):  # at most about 10 s
        if all_five_came():
            break
        await asyncio.sleep(0.01)  # gives the loop back: the other requests get in meanwhile
    return leave()


@perf.get("/blocks-the-loop")
async def blocks_the_loop() -> str:
    arrive()
    with changed:  # the mistake: a blocking wait inside async def holds the loop, nobody else gets in
        changed.wait_for(all_five_came, timeout=0.1)
    return leave()


@perf.get("/sync")
def sync_endpoint() -> str:
    arrive()
    with changed:  # fine here: a plain def blocks only its own worker thread
        changed.wait_for(all_five_came, timeout=10)
    return leave()


async def five_at_once(url: str, path: str) -> set[str]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        replies = await asyncio.gather(*(client.get(path) for _ in range(5)))
    return {r.json() for r in replies}


async def pool_size() -> int:
    return anyio.to_thread.current_default_thread_limiter().total_tokens


print("worker threads for plain def endpoints:", run(pool_size()))
with serve(perf) as url:
    for path in ["/awaits", "/blocks-the-loop", "/sync"]:
        inside.update(now=0, peak=0)
        start = time.perf_counter()
        threads = run(five_at_once(url, path))
        print(f"{path:16} ran on {sorted(threads)}, at most {inside['peak']} inside at once,"
              f" {time.perf_counter() - start:.2f} s for all five")

# %% [markdown] course={"kind": "text"}
# `/awaits` and `/sync` had all five requests inside at once, so each finished as soon as the fifth came.
# `/blocks-the-loop` never had more than one: while it waited, the event loop could not even accept the next
# request, so each of the five waited out its whole timeout alone, one after another (the times printed
# depend on your machine; the counts do not). Both `async def` endpoints ran on the thread that runs
# uvicorn's event loop (`course-aio-serve` here), which is exactly why the blocking one held everything
# up; the plain `def` ran in AnyIO's worker threads.

# %% [markdown] course={"kind": "lesson", "id": "first-app", "covers": ["c-basic-application", "c-creating-fastapi-app", "c-route-decorators", "c-path-operations"]}
# ### A first application: routes and path operations
#
# `app = FastAPI()` makes the application. A **route decorator** names an HTTP method and a path:
# `@app.get("/health")`, `@app.post("/jobs")`, and also `.put`, `.patch`, `.delete`. The decorated function
# is a **path operation**: FastAPI calls it for requests with that method and path, and turns what it
# returns (a dict, a list, a pydantic model, a string) into a JSON response.
#
# Two behaviours to know. Routes are matched **in the order they were declared**, so `/users/me` must come
# before `/users/{user_id}` or the parameter route swallows it. And a known path with the wrong method gets
# `405 Method Not Allowed`, an unknown path `404 Not Found`, both with a JSON `detail`.
#
# `TestClient(app)` calls the app in-process, with no socket: it has the same interface as an `httpx.Client`
# and is how FastAPI apps are tested.

# %% course={"kind": "demo"}
first = FastAPI(title="ops tools")


@first.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@first.get("/users/me")  # declared before the parameter route, so it wins
def who_am_i() -> dict[str, str]:
    return {"user": "the caller"}


@first.get("/users/{user_id}")
def get_user(user_id: int) -> dict[str, int]:
    return {"user_id": user_id}


client = TestClient(first)
for method, path in [("GET", "/health"), ("GET", "/users/me"), ("GET", "/users/7"), ("POST", "/health"),
                     ("GET", "/nowhere")]:
    reply = client.request(method, path)
    print(f"{method:4} {path:10} -> {reply.status_code} {reply.json()}")
print("routes:", [(sorted(r.methods), r.path) for r in first.routes if r.path.startswith(("/health", "/users"))])

# %% [markdown] course={"kind": "text"}
# The same app also serves its **OpenAPI schema** at `/openapi.json` (and the docs at `/docs`), built from
# the functions' signatures. Tests can read it too, with `app.openapi()`:

# %% course={"kind": "demo"}
schema = client.get("/openapi.json").json()
print(schema["info"], "| docs page:", client.get("/docs").status_code)
for path, operations in schema["paths"].items():
    for method, operation in operations.items():
        params = [(p["name"], p["in"], p["schema"].get("type")) for p in operation.get("parameters", [])]
        print(f"{method.upper():4} {path:16} {operation['operationId']:22} params={params}")

# %% [markdown] course={"kind": "lesson", "id": "path-params", "covers": ["c-path-parameters", "c-basic-path-parameters", "c-type-hints-and-validation", "c-path-converters"]}
# ### Path parameters
#
# A name in braces in the path, `/jobs/{job_id}`, is a **path parameter**; the function takes an argument
# of the same name. Its **type hint** decides the conversion: with `job_id: int` FastAPI hands your
# function an `int`, and a request for `/jobs/abc` never reaches it: the client gets **422** and a body
# that says where (`loc`), what (`type`, `msg`) and what was sent (`input`). An `Enum` restricts a parameter
# to a fixed set of values, and `Path(ge=1)` adds bounds and other constraints.
#
# A path parameter normally stops at the next `/`. The **path converter** `{name:path}` lets it take the
# rest of the path, slashes included: the way to put a file path or an object key in a URL.
# The one thing people get wrong: the 422 comes from FastAPI, before your code runs, so a `try`/`except`
# around `int(job_id)` inside the function is dead code.

# %% course={"kind": "demo"}
class Env(str, Enum):
    dev = "dev"
    staging = "staging"
    prod = "prod"


paths = FastAPI()


@paths.get("/jobs/{job_id}")
def get_job(job_id: Annotated[int, Path(ge=1)]) -> dict[str, object]:
    return {"job_id": job_id, "type": type(job_id).__name__}


@paths.get("/deploy/{env}")
def deploy(env: Env) -> dict[str, str]:
    return {"env": env.value}


@paths.get("/configs/{key:path}")
def read_config(key: str) -> dict[str, object]:
    return {"key": key, "parts": key.split("/")}


client = TestClient(paths)
for path in ["/jobs/42", "/jobs/abc", "/jobs/0", "/deploy/prod", "/deploy/qa", "/configs/team-a/api/prod.yaml"]:
    reply = client.get(path)
    print(f"{path:30} {reply.status_code} {reply.json()}")

# %% [markdown] course={"kind": "lesson", "id": "query-params", "covers": ["c-query-parameters", "c-optional-and-required", "c-default-values", "c-multiple-values"]}
# ### Query parameters
#
# Every function argument that is not in the path (and is a simple type: `int`, `str`, `bool`, `float`, an
# `Enum`...) is a **query parameter**, read from `?name=value` after the path:
#
# - **required** when it has no default (`service: str`): leaving it out is a 422 `missing`;
# - **optional with a default** (`limit: int = 10`); `str | None = None` for "may be absent";
# - **constrained** with `Annotated[int, Query(ge=1, le=100)]`, which also shows up in the schema;
# - **multiple values** (`?tag=a&tag=b`) with a list type **and** `Query()`. Without `Query()`, FastAPI
#   reads a `list[str]` argument from the request *body*, and the query string is silently ignored.
#
# A `bool` query parameter accepts `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, `t`/`f` and `y`/`n`, in
# any case; anything else (`2`, an empty value, `" true"`) is a 422. Every value arrives as text, so the type
# hint is what turns `"5"` into `5`.

# %% course={"kind": "demo"}
query = FastAPI()


@query.get("/logs")
def search_logs(
    service: str,  # required
    limit: Annotated[int, Query(ge=1, le=100)] = 10,  # optional, with a default and bounds
    since: str | None = None,  # optional, absent means None
    level: Annotated[list[str], Query()] = [],  # ?level=error&level=warning
    follow: bool = False,
) -> dict[str, object]:
    return {"service": service, "limit": limit, "since": since, "level": level, "follow": follow}


@query.get("/forgot-query")
def forgot_query(level: list[str] = []) -> list[str]:  # no Query(): FastAPI expects a JSON body
    return level


client = TestClient(query)
for url in ["/logs?service=api", "/logs?service=api&limit=5&level=error&level=warning&follow=yes",
            "/logs?limit=5", "/logs?service=api&limit=500", "/forgot-query?level=error"]:
    reply = client.get(url)
    body = reply.json()
    print(f"{url:66} {reply.status_code}", body if reply.status_code == 200 else [e["loc"] for e in body["detail"]])

# %% [markdown] course={"kind": "lesson", "id": "request-body", "covers": ["c-request-body", "c-pydantic-models", "c-nested-models", "c-field-validation"]}
# ### Request bodies with pydantic models
#
# To accept a JSON body, declare a **pydantic model** (a class deriving from `BaseModel` whose annotated
# attributes are its fields) and take an argument of that type. FastAPI reads the body, validates it against
# the model and hands your function a model instance, or answers 422 listing *every* problem at once.
# Models **nest**: a field whose type is another model validates a JSON object inside the body, and the
# error's `loc` shows the whole way down (`["body", "resources", "cpus"]`). **`Field(...)`** adds
# constraints to a field: `ge`/`gt`/`le`/`lt` for numbers, `min_length`/`max_length` for strings and lists,
# a `default`. (Section 12.3 goes deeper: validators, custom types, settings.)
#
# The mistake to avoid: a `dict` argument instead of a model accepts any JSON object, so nothing is
# checked and a typo in a field name reaches your code as a missing key.

# %% course={"kind": "demo"}
class Resources(BaseModel):
    cpus: int = Field(ge=1, le=64)
    memory_gb: float = Field(gt=0)


class TrainingJob(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    resources: Resources
    tags: list[str] = []


bodies = FastAPI()


@bodies.post("/jobs")
def submit(job: TrainingJob) -> dict[str, object]:
    return {"accepted": job.name, "cpus": job.resources.cpus, "tags": job.tags, "model": type(job).__name__}


client = TestClient(bodies)
good = {"name": "resnet", "resources": {"cpus": 8, "memory_gb": 30}}
print(client.post("/jobs", json=good).json())
bad = {"name": "", "resources": {"cpus": 0, "memory_gb": 30}, "tags": "gpu"}
for error in client.post("/jobs", json=bad).json()["detail"]:
    print(422, error["loc"], error["type"], "-", error["msg"])

# %% [markdown] course={"kind": "lesson", "id": "response-models", "covers": ["c-response-models", "c-response-model-parameter", "c-response-filtering", "c-multiple-response-types"]}
# ### Response models: what leaves the service
#
# The output deserves a model too. With a return annotation (`-> UserOut`) or `response_model=UserOut` on
# the decorator, FastAPI validates what you return and **filters** it: fields the response model does not
# declare are dropped, even when the object you return has them. That is how a record with a password hash
# or a storage credential can be returned safely, and the response model is what the OpenAPI schema shows.
# Use `response_model=` when the function returns something else (a dict, a database row, a model with
# more fields) than the declared shape; `response_model_exclude_unset=True` leaves out fields that were
# never set.
#
# **Multiple response types**: one endpoint may answer 200 with a model or 404 with an error. Raise
# `HTTPException(404, detail)` for the error and document it with `responses={404: {"model": ErrorModel}}`,
# so clients generated from the schema know both shapes.

# %% course={"kind": "demo"}
class UserRecord(BaseModel):  # what the service stores
    name: str
    email: str
    password_hash: str


class UserOut(BaseModel):  # what it shows
    name: str
    email: str


class Message(BaseModel):
    detail: str


USERS = {"ada": UserRecord(name="ada", email="ada@example.org", password_hash="pbkdf2$...secret")}
responses_app = FastAPI()


@responses_app.get("/leaky/{name}")
def leaky(name: str) -> dict[str, str]:
    return USERS[name].model_dump()  # no response model: everything goes out


@responses_app.get("/users/{name}", response_model=UserOut, responses={404: {"model": Message}})
def get_user_safely(name: str) -> UserRecord:
    if name not in USERS:
        raise HTTPException(status_code=404, detail=f"no user {name!r}")
    return USERS[name]  # a UserRecord, filtered down to UserOut


client = TestClient(responses_app)
print("leaky:   ", client.get("/leaky/ada").json())
print("filtered:", client.get("/users/ada").json())
print("missing: ", client.get("/users/bob").status_code, client.get("/users/bob").json())
documented = responses_app.openapi()["paths"]["/users/{name}"]["get"]["responses"]
print({code: r["content"]["application/json"]["schema"].get("$ref") for code, r in documented.items()})

# %% [markdown] course={"kind": "text"}
# Two more kinds of "multiple": a **union** as the response model (`-> UserOut | Message`) when one status
# can carry either shape, and a **different media type**: return a `Response` subclass (`PlainTextResponse`,
# `FileResponse`, `StreamingResponse`...) and FastAPI sends it as it is, with no validation or filtering, so
# such an endpoint declares its other content types in `responses=` itself.

# %% course={"kind": "demo"}
from fastapi.responses import PlainTextResponse


@responses_app.get("/users/{name}/export", response_model=UserOut,
                   responses={200: {"content": {"text/csv": {}}}})
def export_user(name: str, format: Literal["json", "csv"] = "json") -> UserRecord | PlainTextResponse:
    user = USERS[name]
    if format == "csv":  # sent as it is: the response model is not applied, so pick the fields yourself
        return PlainTextResponse(f"name,email\n{user.name},{user.email}\n", media_type="text/csv")
    return user


for query_string in ["", "?format=csv"]:
    reply = client.get(f"/users/ada/export{query_string}")
    print(f"{query_string or '(json)':12} {reply.headers['content-type']:26} {reply.text!r}")
exported = responses_app.openapi()["paths"]["/users/{name}/export"]["get"]["responses"]["200"]["content"]
print("documented media types:", sorted(exported))

# %% [markdown] course={"kind": "lesson", "id": "status-codes", "covers": ["c-status-codes", "c-default-status-codes", "c-custom-status-codes", "c-status-code-constants"]}
# ### Status codes
#
# - **Defaults**: a path operation answers **200**, whatever its method: a `POST` that creates something
#   is still 200 until you say otherwise; validation failures are **422**, unknown paths **404**, a wrong
#   method **405**.
# - **Custom**: `status_code=201` on the decorator for "created", `204` for "done, nothing to send" (the
#   response then has no body at all); `raise HTTPException(status_code=404, detail=...)` for errors; or
#   take a `response: Response` argument and set `response.status_code` when it depends on the request.
# - **Constants**: `fastapi.status` names them (`status.HTTP_201_CREATED`, `status.HTTP_404_NOT_FOUND`),
#   which reads better than bare numbers and catches typos: a misspelt name is an `AttributeError`, a
#   mistyped number (`210`) is a valid, wrong, code.

# %% course={"kind": "demo"}
codes = FastAPI()
stored: dict[str, str] = {}


@codes.post("/default")
def create_default(key: str) -> dict[str, str]:
    stored[key] = "v"
    return {"created": key}


@codes.post("/items", status_code=status.HTTP_201_CREATED)
def create_item(key: str) -> dict[str, str]:
    stored[key] = "v"
    return {"created": key}


@codes.put("/items/{key}")
def upsert(key: str, response: Response) -> dict[str, str]:
    response.status_code = status.HTTP_200_OK if key in stored else status.HTTP_201_CREATED
    stored[key] = "v"
    return {"stored": key}


@codes.delete("/items/{key}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(key: str) -> None:
    if stored.pop(key, None) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no item {key!r}")


client = TestClient(codes)
for method, url in [("POST", "/default?key=a"), ("POST", "/items?key=b"), ("PUT", "/items/b"), ("PUT", "/items/c"),
                    ("DELETE", "/items/b"), ("DELETE", "/items/b")]:
    reply = client.request(method, url)
    print(f"{method:6} {url:16} -> {reply.status_code} {reply.content!r}")
print(status.HTTP_201_CREATED, status.HTTP_204_NO_CONTENT, status.HTTP_404_NOT_FOUND)

# %% [markdown] course={"kind": "lesson", "id": "forms-files", "covers": ["c-form-data-and-file-uploads", "c-form-class", "c-file-and-uploadfile", "c-multiple-file-uploads"]}
# ### Forms and file uploads
#
# HTML forms and file uploads do not send JSON: they send `application/x-www-form-urlencoded` or
# `multipart/form-data` bodies, which FastAPI parses with the `python-multipart` package.
#
# - `Annotated[str, Form()]` reads one form field (with the same constraints as `Query`);
# - `Annotated[bytes, File()]` reads a whole uploaded file into memory as `bytes`: fine for small files;
# - `UploadFile` gives an object with `.filename`, `.content_type`, `.size` and an async `.read()`; its
#   content is kept in memory up to 1 MB and spooled to a temporary file beyond that, so large uploads
#   do not fill the memory;
# - `list[UploadFile]` takes several files sent under the same field name.
#
# A form field sent empty (`folder=`) counts as **missing** in FastAPI: a required one is a 422 `missing`,
# an optional one gets its default, before any `min_length` is looked at.
#
# Two things people get wrong: the file name is whatever the *client* says it is (`../../etc/cron.d/x`
# is a valid file name in a request), so never use it as a path on your disk; and a body cannot be JSON
# and multipart at once, so an endpoint that takes files takes its other fields as `Form` fields.

# %% course={"kind": "demo"}
import hashlib

from starlette.formparsers import MultiPartParser

forms = FastAPI()


@forms.post("/login")
def login(username: Annotated[str, Form()], password: Annotated[str, Form(min_length=8)]) -> dict[str, str]:
    return {"user": username}


@forms.post("/checksum")
def checksum(blob: Annotated[bytes, File()]) -> dict[str, object]:  # the whole file, in memory, as bytes
    return {"size": len(blob), "sha256": hashlib.sha256(blob).hexdigest()[:12]}


@forms.post("/artifacts")
async def upload(run_id: Annotated[str, Form()], files: list[UploadFile]) -> dict[str, object]:
    report = []
    for upload_file in files:
        data = await upload_file.read()
        report.append({"name": upload_file.filename, "type": upload_file.content_type, "size": upload_file.size,
                       "sha256": hashlib.sha256(data).hexdigest()[:12]})
    return {"run_id": run_id, "files": report}


client = TestClient(forms)
print(client.post("/login", data={"username": "ada", "password": "correct horse"}).json())
for sent_form in [{"username": "ada", "password": "short"}, {"username": "", "password": "correct horse"}]:
    print(sent_form, "->", [(e["loc"], e["type"]) for e in client.post("/login", data=sent_form).json()["detail"]])
print(client.post("/checksum", files={"blob": ("w.bin", b"\x00" * 2048)}).json())
sent = [("files", ("model.onnx", b"\x08\x01binary", "application/octet-stream")),
        ("files", ("métriques.json", '{"acc": 0.9}'.encode(), "application/json"))]
print(client.post("/artifacts", data={"run_id": "r-17"}, files=sent).json())
print("an upload moves from memory to a temporary file beyond", MultiPartParser.spool_max_size, "bytes")

# %% course={"kind": "setup", "id": "release-data"}
# Deployments for the first exercise, oldest first.
RELEASES = [
    {"service": "api", "version": "1.0.0", "env": "dev"},
    {"service": "api", "version": "1.0.0", "env": "prod"},
    {"service": "billing", "version": "0.9.0", "env": "prod"},
    {"service": "api", "version": "1.1.0", "env": "dev"},
    {"service": "api", "version": "1.1.0", "env": "staging"},
    {"service": "api", "version": "1.2.0", "env": "dev"},
    {"service": "api", "version": "1.1.0", "env": "prod"},
    {"service": "api", "version": "1.3.0", "env": "dev"},
    {"service": "api", "version": "1.3.1", "env": "dev"},
]

# %% [markdown] course={"kind": "exercise", "id": "release-query", "item": "x-implement-path-and-query-parameters"}
# ### Which versions went where?
#
# Write `make_release_app(releases)`: it returns a FastAPI app for a list of deployments like `RELEASES`
# above (dicts with `service`, `version`, `env`, oldest first) with one endpoint,
# `GET /services/{service}/releases`, answering `{"service": ..., "versions": [...]}`:
#
# - the versions deployed for that service, **newest first**;
# - query parameter `env`, repeatable (`?env=prod&env=staging`): only deployments to those environments;
#   none given means all. Only `dev`, `staging` and `prod` are valid (anything else: 422);
# - query parameter `limit`: at most that many versions, an integer from 1 to 20, default 5 (out of range: 422);
# - a service with no deployment at all: 404 with `{"detail": "unknown service 'NAME'"}`. A known service
#   with nothing in the chosen environments is a 200 with an empty list.
#
# ```python
# client = TestClient(make_release_app(RELEASES))
# client.get("/services/api/releases", params={"env": ["prod", "staging"]}).json()
# # {'service': 'api', 'versions': ['1.1.0', '1.1.0', '1.0.0']}
# ```

# %% [markdown] course={"kind": "hint"}
# `service` is in the path; `env` and `limit` are not, so they are query parameters. A list-typed query
# parameter needs `Query()`, or FastAPI looks for it in the body.

# %% [markdown] course={"kind": "hint"}
# `env: Annotated[list[Literal["dev", "staging", "prod"]], Query()] = []` and
# `limit: Annotated[int, Query(ge=1, le=20)] = 5`. Filter first, then reverse, then cut to `limit`.

# %% course={"kind": "solution"}
def make_release_app(releases: list[dict[str, str]]) -> FastAPI:
    """An app with GET /services/{service}/releases over ``releases`` (oldest first)."""
    app = FastAPI()
    ### BEGIN SOLUTION

    @app.get("/services/{service}/releases")
    def list_releases(
        service: str,
        env: Annotated[list[Literal["dev", "staging", "prod"]], Query()] = [],
        limit: Annotated[int, Query(ge=1, le=20)] = 5,
    ) -> dict[str, object]:
        mine = [r for r in releases if r["service"] == service]
        if not mine:
            raise HTTPException(status_code=404, detail=f"unknown service {service!r}")
        versions = [r["version"] for r in reversed(mine) if not env or r["env"] in env]
        return {"service": service, "versions": versions[:limit]}

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
client = TestClient(make_release_app(RELEASES))
reply = client.get("/services/api/releases")
assert reply.status_code == 200, f"GET /services/api/releases answered {reply.status_code}: {reply.text}"
assert reply.json() == {"service": "api", "versions": ["1.3.1", "1.3.0", "1.1.0", "1.2.0", "1.1.0"]}, (
    f"newest first, all environments, at most 5 by default; got {reply.json()}")

# %% course={"kind": "test", "points": 2}
client = TestClient(make_release_app(RELEASES))
reply = client.get("/services/api/releases", params={"env": ["prod", "staging"]})
assert reply.json() == {"service": "api", "versions": ["1.1.0", "1.1.0", "1.0.0"]}, (
    f"?env=prod&env=staging keeps both environments, newest first; got {reply.json()}")
reply = client.get("/services/api/releases?env=staging")
assert reply.json()["versions"] == ["1.1.0"], f"one env given: only that one; got {reply.json()}"
reply = client.get("/services/api/releases?env=qa")
assert problems(reply) in ([(["query", "env", 0], "literal_error")], [(["query", "env", 0], "enum")]), (
    f"env=qa is not a valid environment: the 422 points at the first env value; got {reply.text}")
### BEGIN HIDDEN TESTS
assert client.get("/services/api/releases?env=prod&env=qa").status_code == 422, "one bad value among good ones"
assert client.get("/services/api/releases?env=Prod").status_code == 422, "environment names are lowercase"
assert client.get("/services/billing/releases?env=dev").json() == {"service": "billing", "versions": []}, (
    "a known service with nothing in that environment: 200 and an empty list")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_release_app(RELEASES))
reply = client.get("/services/api/releases?limit=2")
assert reply.json()["versions"] == ["1.3.1", "1.3.0"], f"limit=2 keeps the two newest; got {reply.json()}"
TOO_SMALL, TOO_BIG = {"greater_than_equal", "greater_than"}, {"less_than_equal", "less_than"}
for bad, kinds in [("0", TOO_SMALL), ("21", TOO_BIG), ("-1", TOO_SMALL), ("two", {"int_parsing"})]:
    got = problems(client.get(f"/services/api/releases?limit={bad}"))
    assert len(got) == 1 and got[0][0] == ["query", "limit"] and got[0][1] in kinds, f"limit={bad}: 422 {kinds}; got {got}"
### BEGIN HIDDEN TESTS
assert client.get("/services/api/releases?limit=1").json()["versions"] == ["1.3.1"], "limit=1 is allowed"
many = [{"service": "web", "version": f"2.{i}.0", "env": "prod"} for i in range(30)]
client = TestClient(make_release_app(many))
versions = client.get("/services/web/releases?limit=20").json()["versions"]
assert versions == [f"2.{i}.0" for i in range(29, 9, -1)], f"limit=20 is allowed and keeps 20; got {len(versions)}"
assert len(client.get("/services/web/releases").json()["versions"]) == 5, "the default limit is 5"
assert client.get("/services/web/releases?limit=6").json()["versions"][-1] == "2.24.0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_release_app(RELEASES))
reply = client.get("/services/search/releases")
assert reply.status_code == 404, f"an unknown service is a 404, got {reply.status_code}"
assert reply.json() == {"detail": "unknown service 'search'"}, f"got {reply.json()}"
### BEGIN HIDDEN TESTS
assert client.get("/services/API/releases").status_code == 404, "service names are matched exactly"
assert TestClient(make_release_app([])).get("/services/api/releases").status_code == 404, "no releases at all"
café = [{"service": "café", "version": "0.1.0", "env": "dev"}]
assert TestClient(make_release_app(café)).get("/services/café/releases").json()["versions"] == ["0.1.0"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
schema = make_release_app(RELEASES).openapi()
params = {p["name"]: p for p in schema["paths"]["/services/{service}/releases"]["get"].get("parameters", [])}
assert sorted(params) == ["env", "limit", "service"], f"the schema should list service, env and limit: {sorted(params)}"
assert {name: p["in"] for name, p in params.items()} == {"service": "path", "env": "query", "limit": "query"}
limit_schema = params["limit"]["schema"]
low = limit_schema.get("minimum", limit_schema.get("exclusiveMinimum", -1) + 1)  # ge=1 and gt=0 are the same rule
high = limit_schema.get("maximum", limit_schema.get("exclusiveMaximum", 10**9) - 1)
assert (low, high) == (1, 20), f"the schema should show limit's bounds, 1 to 20: {limit_schema}"
assert params["limit"]["schema"]["default"] == 5, params["limit"]

# %% course={"kind": "wrong", "id": "list-without-query"}
def make_release_app(releases):
    app = FastAPI()

    @app.get("/services/{service}/releases")
    def list_releases(service: str, env: list[str] = [], limit: Annotated[int, Query(ge=1, le=20)] = 5):
        # no Query(): FastAPI reads env from the request body, and ?env=prod is ignored
        mine = [r for r in releases if r["service"] == service]
        if not mine:
            raise HTTPException(status_code=404, detail=f"unknown service {service!r}")
        versions = [r["version"] for r in reversed(mine) if not env or r["env"] in env]
        return {"service": service, "versions": versions[:limit]}

    return app

# %% course={"kind": "wrong", "id": "no-bounds"}
def make_release_app(releases):
    app = FastAPI()

    @app.get("/services/{service}/releases")
    def list_releases(service: str, env: Annotated[list[Literal["dev", "staging", "prod"]], Query()] = [],
                      limit: int = 5):  # limit=0 gives an empty list and limit=1000 everything
        mine = [r for r in releases if r["service"] == service]
        if not mine:
            raise HTTPException(status_code=404, detail=f"unknown service {service!r}")
        versions = [r["version"] for r in reversed(mine) if not env or r["env"] in env]
        return {"service": service, "versions": versions[:limit]}

    return app

# %% course={"kind": "wrong", "id": "limit-before-filter"}
def make_release_app(releases):
    app = FastAPI()

    @app.get("/services/{service}/releases")
    def list_releases(service: str, env: Annotated[list[Literal["dev", "staging", "prod"]], Query()] = [],
                      limit: Annotated[int, Query(ge=1, le=20)] = 5):
        mine = [r for r in releases if r["service"] == service]
        if not mine:
            raise HTTPException(status_code=404, detail=f"unknown service {service!r}")
        newest = list(reversed(mine))[:limit]  # cuts before filtering: older prod releases are lost
        return {"service": service, "versions": [r["version"] for r in newest if not env or r["env"] in env]}

    return app

# %% course={"kind": "wrong", "id": "oldest-first"}
def make_release_app(releases):
    app = FastAPI()

    @app.get("/services/{service}/releases")
    def list_releases(service: str, env: Annotated[list[Literal["dev", "staging", "prod"]], Query()] = [],
                      limit: Annotated[int, Query(ge=1, le=20)] = 5):
        mine = [r for r in releases if r["service"] == service and (not env or r["env"] in env)]
        if not mine:  # also 404 for a known service with nothing in these environments
            raise HTTPException(status_code=404, detail=f"unknown service {service!r}")
        return {"service": service, "versions": [r["version"] for r in mine][-limit:]}

    return app

# %% [markdown] course={"kind": "exercise", "id": "job-models", "item": "x-create-endpoints-with-pydantic-models"}
# ### A training-job endpoint with pydantic models
#
# Write two pydantic models and an app factory:
#
# - `Resources`: `cpus` (an `int` from 1 to 64), `memory_gb` (a `float`, more than 0 and at most 512),
#   `gpus` (an `int` from 0 to 8, default 0);
# - `JobIn`: `name` (a `str` of 1 to 40 characters), `image` (a `str`), `resources` (a `Resources`),
#   `tags` (a `list[str]`, default empty);
# - `make_job_app()`: a new app with `POST /jobs` that takes a `JobIn` body and answers **201** with the
#   job as stored: its fields (defaults filled in), plus `"id"` (1, 2, 3... per app) and `"status": "queued"`.
#   A body that breaks a rule gets FastAPI's 422.
#
# ```python
# client = TestClient(make_job_app())
# client.post("/jobs", json={"name": "resnet", "image": "train:1.4", "resources": {"cpus": 8, "memory_gb": 30}}).json()
# # {'name': 'resnet', 'image': 'train:1.4', 'resources': {'cpus': 8, 'memory_gb': 30.0, 'gpus': 0},
# #  'tags': [], 'id': 1, 'status': 'queued'}
# ```

# %% [markdown] course={"kind": "hint"}
# A nested model is a field whose type is another model: `resources: Resources`. Constraints go in
# `Field(...)`: `ge`/`le` include the bound, `gt`/`lt` exclude it.

# %% [markdown] course={"kind": "hint"}
# In `make_job_app`, keep a counter in a list or dict defined inside the function, so each app numbers
# its own jobs; answer with `{**job.model_dump(), "id": ..., "status": "queued"}` and `status_code=201`.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class Resources(BaseModel):
    cpus: int = Field(ge=1, le=64)
    memory_gb: float = Field(gt=0, le=512)
    gpus: int = Field(default=0, ge=0, le=8)


class JobIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    image: str
    resources: Resources
    tags: list[str] = []


def make_job_app() -> FastAPI:
    app = FastAPI()
    jobs: list[dict[str, object]] = []

    @app.post("/jobs", status_code=status.HTTP_201_CREATED)
    def submit(job: JobIn) -> dict[str, object]:
        stored = {**job.model_dump(), "id": len(jobs) + 1, "status": "queued"}
        jobs.append(stored)
        return stored

    return app
### END SOLUTION

# %% course={"kind": "test", "points": 1}
GOOD_JOB = {"name": "resnet", "image": "train:1.4", "resources": {"cpus": 8, "memory_gb": 30}}
client = TestClient(make_job_app())
reply = client.post("/jobs", json=GOOD_JOB)
assert reply.status_code == 201, f"a created job answers 201, got {reply.status_code}: {reply.text}"
assert reply.json() == {"name": "resnet", "image": "train:1.4", "resources": {"cpus": 8, "memory_gb": 30.0, "gpus": 0},
                        "tags": [], "id": 1, "status": "queued"}, f"got {reply.json()}"
resources = reply.json()["resources"]
assert [type(resources[k]) for k in ["cpus", "memory_gb", "gpus"]] == [int, float, int], (
    f"cpus and gpus are ints, memory_gb a float (30 goes out as 30.0): {resources}")

# %% course={"kind": "test", "points": 1}
GOOD_JOB = {"name": "resnet", "image": "train:1.4", "resources": {"cpus": 8, "memory_gb": 30}}
client = TestClient(make_job_app())
ids = [client.post("/jobs", json=GOOD_JOB).json()["id"] for _ in range(3)]
assert ids == [1, 2, 3], f"ids count 1, 2, 3 per app; got {ids}"
assert TestClient(make_job_app()).post("/jobs", json=GOOD_JOB).json()["id"] == 1, "a new app starts again at 1"
reply = client.post("/jobs", json={**GOOD_JOB, "tags": ["gpu", "nightly"]})
assert reply.json()["tags"] == ["gpu", "nightly"], f"tags sent are kept; got {reply.json()}"

# %% course={"kind": "test", "points": 2}
GOOD_JOB = {"name": "resnet", "image": "train:1.4", "resources": {"cpus": 8, "memory_gb": 30}}
client = TestClient(make_job_app())


def locs(body: dict) -> list:
    reply = client.post("/jobs", json=body)
    assert reply.status_code == 422, f"{body} must be rejected with 422, got {reply.status_code}: {reply.text}"
    return [error["loc"] for error in reply.json()["detail"]]


got = problems(client.post("/jobs", json={**GOOD_JOB, "resources": {"cpus": 0, "memory_gb": 30}}))
assert [loc for loc, _ in got] == [["body", "resources", "cpus"]], f"cpus=0: the 422 points inside the nested model: {got}"
assert got[0][1] in {"greater_than_equal", "greater_than"}, f"cpus=0 is too small: {got}"
assert problems(client.post("/jobs", json={"name": "x", "image": "i"})) == [(["body", "resources"], "missing")], (
    "resources is required")
### BEGIN HIDDEN TESTS
assert locs({**GOOD_JOB, "resources": {"cpus": 65, "memory_gb": 30}}) == [["body", "resources", "cpus"]]
assert locs({**GOOD_JOB, "resources": {"cpus": 8, "memory_gb": 0}}) == [["body", "resources", "memory_gb"]]
reply = client.post("/jobs", json={**GOOD_JOB, "resources": {"cpus": 8.5, "memory_gb": 30}})
assert problems(reply) in ([(["body", "resources", "cpus"], "int_from_float")], [(["body", "resources", "cpus"], "int_type")]), (
    "cpus is a whole number")
assert locs({**GOOD_JOB, "resources": {"cpus": 8, "memory_gb": 512.5}}) == [["body", "resources", "memory_gb"]]
assert locs({**GOOD_JOB, "resources": {"cpus": 8, "memory_gb": 1, "gpus": 9}}) == [["body", "resources", "gpus"]]
assert locs({**GOOD_JOB, "resources": {"cpus": 8, "memory_gb": 1, "gpus": -1}}) == [["body", "resources", "gpus"]]
assert locs({**GOOD_JOB, "resources": "8 cpus"}) == [["body", "resources"]], "resources must be an object"
edge = {**GOOD_JOB, "name": "n" * 40, "resources": {"cpus": 1, "memory_gb": 512, "gpus": 8}}
assert client.post("/jobs", json=edge).status_code == 201, "cpus=1, gpus=8, memory_gb=512 and 40 chars are allowed"
edge = {**GOOD_JOB, "resources": {"cpus": 64, "memory_gb": 0.5, "gpus": 0}}
assert client.post("/jobs", json=edge).json()["resources"] == {"cpus": 64, "memory_gb": 0.5, "gpus": 0}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
GOOD_JOB = {"name": "resnet", "image": "train:1.4", "resources": {"cpus": 8, "memory_gb": 30}}
client = TestClient(make_job_app())
reply = client.post("/jobs", json={**GOOD_JOB, "name": ""})
assert reply.status_code == 422, f"an empty name must be rejected, got {reply.status_code}"
assert [e["loc"] for e in reply.json()["detail"]] == [["body", "name"]], reply.json()
### BEGIN HIDDEN TESTS
assert problems(client.post("/jobs", json={**GOOD_JOB, "name": "n" * 41})) == [(["body", "name"], "string_too_long")]
assert client.post("/jobs", json={**GOOD_JOB, "name": "é" * 40}).status_code == 201, "40 characters, not bytes"
assert client.post("/jobs", json={**GOOD_JOB, "tags": "gpu"}).status_code == 422, "tags must be a list"
reply = client.post("/jobs", json={"resources": {"cpus": 0, "memory_gb": 0}})
assert sorted(e["loc"] for e in reply.json()["detail"]) == [
    ["body", "image"], ["body", "name"], ["body", "resources", "cpus"], ["body", "resources", "memory_gb"]], (
    "every problem is reported at once")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
schemas = make_job_app().openapi()["components"]["schemas"]
assert "JobIn" in schemas and "Resources" in schemas, f"the schema names both models: {sorted(schemas)}"
assert sorted(schemas["JobIn"]["required"]) == ["image", "name", "resources"], schemas["JobIn"]
assert sorted(schemas["Resources"]["required"]) == ["cpus", "memory_gb"], schemas["Resources"]
assert schemas["JobIn"]["properties"]["resources"] == {"$ref": "#/components/schemas/Resources"}

# %% course={"kind": "wrong", "id": "dict-for-nested"}
class Resources(BaseModel):
    cpus: int = Field(ge=1, le=64)
    memory_gb: float = Field(gt=0, le=512)
    gpus: int = Field(default=0, ge=0, le=8)


class JobIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    image: str
    resources: dict  # any object passes: nothing inside is checked
    tags: list[str] = []


def make_job_app():
    app = FastAPI()
    jobs = []

    @app.post("/jobs", status_code=201)
    def submit(job: JobIn):
        stored = {**job.model_dump(), "id": len(jobs) + 1, "status": "queued"}
        jobs.append(stored)
        return stored

    return app

# %% course={"kind": "wrong", "id": "float-cpus"}
class Resources(BaseModel):
    cpus: float = Field(ge=1, le=64)  # 8.5 cpus passes, and 8 goes out as 8.0
    memory_gb: float = Field(gt=0, le=512)
    gpus: int = Field(default=0, ge=0, le=8)


class JobIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    image: str
    resources: Resources
    tags: list[str] = []


def make_job_app():
    app = FastAPI()
    jobs = []

    @app.post("/jobs", status_code=201)
    def submit(job: JobIn):
        stored = {**job.model_dump(), "id": len(jobs) + 1, "status": "queued"}
        jobs.append(stored)
        return stored

    return app

# %% course={"kind": "wrong", "id": "ge-for-gt"}
class Resources(BaseModel):
    cpus: int = Field(ge=1, le=64)
    memory_gb: float = Field(ge=0, le=512)  # ge lets memory_gb=0 through
    gpus: int = Field(default=0, ge=0, le=8)


class JobIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    image: str
    resources: Resources
    tags: list[str] = []


def make_job_app():
    app = FastAPI()
    jobs = []

    @app.post("/jobs", status_code=201)
    def submit(job: JobIn):
        stored = {**job.model_dump(), "id": len(jobs) + 1, "status": "queued"}
        jobs.append(stored)
        return stored

    return app

# %% course={"kind": "wrong", "id": "default-200"}
class Resources(BaseModel):
    cpus: int = Field(ge=1, le=64)
    memory_gb: float = Field(gt=0, le=512)
    gpus: int = Field(default=0, ge=0, le=8)


class JobIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    image: str
    resources: Resources
    tags: list[str] = []


JOBS = []  # one list for every app


def make_job_app():
    app = FastAPI()

    @app.post("/jobs")  # a POST answers 200 unless told otherwise
    def submit(job: JobIn):
        stored = {**job.model_dump(), "id": len(JOBS) + 1, "status": "queued"}
        JOBS.append(stored)
        return stored

    return app

# %% course={"kind": "setup", "id": "registry-data"}
# Records of the model registry in the third exercise; storage_uri and owner_email must never leave it.
MODEL_RECORDS = [
    {"name": "churn", "version": 7, "framework": "xgboost", "metrics": {"auc": 0.91},
     "storage_uri": "s3://AKIAEXAMPLE:secret@models/churn/7", "owner_email": "ana@example.org"},
    {"name": "anomaly", "version": 2, "framework": "sklearn", "metrics": {"f1": 0.78, "recall": 0.8},
     "storage_uri": "s3://AKIAEXAMPLE:secret@models/anomaly/2", "owner_email": "bo@example.org"},
]

# %% [markdown] course={"kind": "exercise", "id": "model-registry", "item": "x-implement-response-models"}
# ### A model registry that keeps its secrets
#
# The registry stores records like `MODEL_RECORDS` above, which include a storage URI with credentials and
# the owner's e-mail. Write `make_registry_app(records)` with two endpoints that show only what the
# response models given here declare:
#
# - `GET /models`: a `list[ModelSummary]`, sorted by name;
# - `GET /models/{name}`: a `ModelCard`, or **404** with `{"detail": "model 'NAME' not found"}`. Document
#   that second response in the schema too, with the `Message` model, so that `app.openapi()` lists a 404
#   whose schema is `Message`.
#
# ```python
# client = TestClient(make_registry_app(MODEL_RECORDS))
# client.get("/models/churn").json()
# # {'name': 'churn', 'version': 7, 'framework': 'xgboost', 'metrics': {'auc': 0.91}}
# ```

# %% [markdown] course={"kind": "hint"}
# Return the record as it is and let `response_model=ModelCard` (or `list[ModelSummary]`) filter it.

# %% [markdown] course={"kind": "hint"}
# `@app.get("/models/{name}", response_model=ModelCard, responses={404: {"model": Message}})`, and
# `raise HTTPException(status_code=404, detail=...)` when no record has that name.

# %% course={"kind": "solution"}
class ModelSummary(BaseModel):
    name: str
    version: int


class ModelCard(ModelSummary):
    framework: str
    metrics: dict[str, float]


class Message(BaseModel):
    detail: str


def make_registry_app(records: list[dict[str, object]]) -> FastAPI:
    app = FastAPI()
    ### BEGIN SOLUTION
    by_name = {record["name"]: record for record in records}

    @app.get("/models", response_model=list[ModelSummary])
    def list_models() -> list[dict[str, object]]:
        return [by_name[name] for name in sorted(by_name)]

    @app.get("/models/{name}", response_model=ModelCard, responses={404: {"model": Message}})
    def get_model(name: str) -> dict[str, object]:
        if name not in by_name:
            raise HTTPException(status_code=404, detail=f"model {name!r} not found")
        return by_name[name]

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
client = TestClient(make_registry_app(MODEL_RECORDS))
reply = client.get("/models/churn")
assert reply.status_code == 200, f"GET /models/churn answered {reply.status_code}: {reply.text}"
assert reply.json() == {"name": "churn", "version": 7, "framework": "xgboost", "metrics": {"auc": 0.91}}, (
    f"only the ModelCard fields may leave the service; got {reply.json()}")

# %% course={"kind": "test", "points": 2}
client = TestClient(make_registry_app(MODEL_RECORDS))
reply = client.get("/models")
assert reply.json() == [{"name": "anomaly", "version": 2}, {"name": "churn", "version": 7}], (
    f"summaries only, sorted by name; got {reply.json()}")
### BEGIN HIDDEN TESTS
assert TestClient(make_registry_app([])).get("/models").json() == [], "an empty registry lists nothing"
records = [{**MODEL_RECORDS[0], "name": n} for n in ["zeta", "Alpha", "beta", "élan"]]
names = [m["name"] for m in TestClient(make_registry_app(records)).get("/models").json()]
assert names == ["Alpha", "beta", "zeta", "élan"], f"sorted by name as Python sorts strings; got {names}"
assert "secret" not in client.get("/models").text and "example.org" not in client.get("/models").text
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_registry_app(MODEL_RECORDS))
reply = client.get("/models/fraud")
assert reply.status_code == 404, f"an unknown model is a 404, got {reply.status_code}"
assert reply.json() == {"detail": "model 'fraud' not found"}, f"got {reply.json()}"
### BEGIN HIDDEN TESTS
assert client.get("/models/Churn").status_code == 404, "names are matched exactly"
card = client.get("/models/anomaly").json()
assert card == {"name": "anomaly", "version": 2, "framework": "sklearn", "metrics": {"f1": 0.78, "recall": 0.8}}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
schema = make_registry_app(MODEL_RECORDS).openapi()
one = schema["paths"]["/models/{name}"]["get"]["responses"]
assert one["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ModelCard"}, one["200"]
assert "404" in one, f"the 404 answer must be documented; documented: {sorted(one)}"
assert one["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Message"}, one["404"]
listed = schema["paths"]["/models"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
assert listed["items"] == {"$ref": "#/components/schemas/ModelSummary"}, listed

# %% course={"kind": "wrong", "id": "no-response-model"}
class ModelSummary(BaseModel):
    name: str
    version: int


class ModelCard(ModelSummary):
    framework: str
    metrics: dict[str, float]


class Message(BaseModel):
    detail: str


def make_registry_app(records):
    app = FastAPI()
    by_name = {record["name"]: record for record in records}

    @app.get("/models")
    def list_models():
        return [by_name[name] for name in sorted(by_name)]  # whole records: the secrets go out

    @app.get("/models/{name}", responses={404: {"model": Message}})
    def get_model(name: str):
        if name not in by_name:
            raise HTTPException(status_code=404, detail=f"model {name!r} not found")
        return by_name[name]

    return app

# %% course={"kind": "wrong", "id": "undocumented-404"}
class ModelSummary(BaseModel):
    name: str
    version: int


class ModelCard(ModelSummary):
    framework: str
    metrics: dict[str, float]


class Message(BaseModel):
    detail: str


def make_registry_app(records):
    app = FastAPI()
    by_name = {record["name"]: record for record in records}

    @app.get("/models", response_model=list[ModelSummary])
    def list_models():
        return [by_name[name] for name in sorted(by_name)]

    @app.get("/models/{name}", response_model=ModelCard)  # the 404 works but the schema does not say so
    def get_model(name: str):
        if name not in by_name:
            raise HTTPException(status_code=404, detail=f"model {name!r} not found")
        return by_name[name]

    return app

# %% course={"kind": "wrong", "id": "unsorted"}
class ModelSummary(BaseModel):
    name: str
    version: int


class ModelCard(ModelSummary):
    framework: str
    metrics: dict[str, float]


class Message(BaseModel):
    detail: str


def make_registry_app(records):
    app = FastAPI()
    by_name = {record["name"]: record for record in records}

    @app.get("/models", response_model=list[ModelSummary])
    def list_models():
        return list(by_name.values())  # in the order they were stored

    @app.get("/models/{name}", response_model=ModelCard, responses={404: {"model": Message}})
    def get_model(name: str):
        if name not in by_name:
            raise HTTPException(status_code=404, detail=f"model {name!r} not found")
        return by_name[name]

    return app

# %% [markdown] course={"kind": "exercise", "id": "notes-crud", "item": "x-create-a-simple-crud-api"}
# ### A CRUD API for runbook notes
#
# Write `make_notes_app()`: a new app, with its own store, for notes `{"id": int, "text": str}`:
#
# | request | answer |
# |---|---|
# | `POST /notes` with a `NoteIn` body | **201** and the new note; ids are 1, 2, 3... and never reused, even after a delete |
# | `GET /notes` | 200 and every note, in id order |
# | `GET /notes/{note_id}` | 200 and the note |
# | `PUT /notes/{note_id}` with a `NoteIn` body | 200 and the note with its new text |
# | `DELETE /notes/{note_id}` | **204** with an empty body |
#
# A `note_id` that does not exist (or no longer does) gets **404** `{"detail": "note N not found"}` from
# `GET`, `PUT` and `DELETE`; a bad body gets FastAPI's 422.
#
# ```python
# client = TestClient(make_notes_app())
# client.post("/notes", json={"text": "restart the ingester"})   # 201 {'id': 1, 'text': 'restart the ingester'}
# client.delete("/notes/1").status_code                         # 204
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the notes in a dict and a counter created *inside* `make_notes_app`, so two apps never share them.
# Why not `len(notes) + 1` for the next id? Delete note 1 of two and try.

# %% [markdown] course={"kind": "hint"}
# `status_code=status.HTTP_201_CREATED` on the POST, `status_code=status.HTTP_204_NO_CONTENT` on the DELETE
# (whose function then returns nothing), and one small helper that raises the 404.

# %% course={"kind": "solution", "equivalent": {"m-10994c18": "ids only grow and a dict keeps insertion order, so notes is already in id order"}}
class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def make_notes_app() -> FastAPI:
    app = FastAPI()
    ### BEGIN SOLUTION
    notes: dict[int, dict[str, object]] = {}
    last_id = [0]

    def find(note_id: int) -> dict[str, object]:
        if note_id not in notes:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"note {note_id} not found")
        return notes[note_id]

    @app.post("/notes", status_code=status.HTTP_201_CREATED)
    def create(note: NoteIn) -> dict[str, object]:
        last_id[0] += 1
        notes[last_id[0]] = {"id": last_id[0], "text": note.text}
        return notes[last_id[0]]

    @app.get("/notes")
    def list_notes() -> list[dict[str, object]]:
        return [notes[key] for key in sorted(notes)]

    @app.get("/notes/{note_id}")
    def read(note_id: int) -> dict[str, object]:
        return find(note_id)

    @app.put("/notes/{note_id}")
    def replace(note_id: int, note: NoteIn) -> dict[str, object]:
        find(note_id)["text"] = note.text
        return notes[note_id]

    @app.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete(note_id: int) -> None:
        find(note_id)
        del notes[note_id]

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
client = TestClient(make_notes_app())
reply = client.post("/notes", json={"text": "restart the ingester"})
assert reply.status_code == 201, f"POST /notes answers 201, got {reply.status_code}: {reply.text}"
assert reply.json() == {"id": 1, "text": "restart the ingester"}, f"got {reply.json()}"
assert client.get("/notes/1").json() == {"id": 1, "text": "restart the ingester"}, "GET finds the note"

# %% course={"kind": "test", "points": 2}
client = TestClient(make_notes_app())
for text in ["one", "two", "three"]:
    client.post("/notes", json={"text": text})
reply = client.put("/notes/2", json={"text": "TWO"})
assert reply.status_code == 200 and reply.json() == {"id": 2, "text": "TWO"}, f"PUT replaces the text: {reply.json()}"
assert client.get("/notes").json() == [{"id": 1, "text": "one"}, {"id": 2, "text": "TWO"}, {"id": 3, "text": "three"}]
reply = client.delete("/notes/2")
assert reply.status_code == 204, f"DELETE answers 204, got {reply.status_code}"
assert reply.content == b"", f"a 204 has no body, got {reply.content!r}"
assert client.get("/notes").json() == [{"id": 1, "text": "one"}, {"id": 3, "text": "three"}], "note 2 is gone"
### BEGIN HIDDEN TESTS
assert TestClient(make_notes_app()).get("/notes").json() == [], "a new app has no notes"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_notes_app())
client.post("/notes", json={"text": "a"})
client.post("/notes", json={"text": "b"})
client.delete("/notes/2")
reply = client.post("/notes", json={"text": "c"})
assert reply.json() == {"id": 3, "text": "c"}, f"ids are never reused: after 1, 2 (deleted) comes 3; got {reply.json()}"
### BEGIN HIDDEN TESTS
client.delete("/notes/1")
client.delete("/notes/3")
assert client.post("/notes", json={"text": "d"}).json()["id"] == 4, "even when every note was deleted"
other = TestClient(make_notes_app())
assert other.post("/notes", json={"text": "x"}).json()["id"] == 1, "each app has its own notes and ids"
assert other.get("/notes").json() == [{"id": 1, "text": "x"}], "apps do not share notes"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_notes_app())
client.post("/notes", json={"text": "only"})
for method in ["GET", "DELETE"]:
    reply = client.request(method, "/notes/7")
    assert reply.status_code == 404, f"{method} /notes/7 (no such note) must be 404, got {reply.status_code}"
    assert reply.json() == {"detail": "note 7 not found"}, f"got {reply.json()}"
### BEGIN HIDDEN TESTS
reply = client.put("/notes/7", json={"text": "x"})
assert reply.status_code == 404 and reply.json() == {"detail": "note 7 not found"}, "PUT on a missing note"
assert client.get("/notes").json() == [{"id": 1, "text": "only"}], "a PUT on a missing note creates nothing"
client.delete("/notes/1")
assert client.delete("/notes/1").status_code == 404, "deleting twice: the second is a 404"
assert client.get("/notes/1").status_code == 404 and client.put("/notes/1", json={"text": "x"}).status_code == 404
assert client.get("/notes/0").status_code == 404 and client.get("/notes/-1").status_code == 404
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
client = TestClient(make_notes_app())
assert problems(client.post("/notes", json={"text": ""})) == [(["body", "text"], "string_too_short")], (
    "the body is a NoteIn: an empty text is rejected")
assert problems(client.post("/notes", json={})) == [(["body", "text"], "missing")], "a body without text is rejected"
assert problems(client.get("/notes/abc")) == [(["path", "note_id"], "int_parsing")], "note ids are integers"
### BEGIN HIDDEN TESTS
client.post("/notes", json={"text": "keep"})
assert problems(client.put("/notes/1", json={"text": ""})) == [(["body", "text"], "string_too_short")], (
    "PUT validates its body too")
assert client.get("/notes/1").json()["text"] == "keep", "a rejected PUT changes nothing"
assert client.post("/notes", json={"text": "ü" * 200}).status_code == 201, "200 characters are allowed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "len-plus-one"}
class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def make_notes_app():
    app = FastAPI()
    notes = {}

    def find(note_id):
        if note_id not in notes:
            raise HTTPException(404, detail=f"note {note_id} not found")
        return notes[note_id]

    @app.post("/notes", status_code=201)
    def create(note: NoteIn):
        new_id = len(notes) + 1  # after a delete, this id may still be taken
        notes[new_id] = {"id": new_id, "text": note.text}
        return notes[new_id]

    @app.get("/notes")
    def list_notes():
        return [notes[key] for key in sorted(notes)]

    @app.get("/notes/{note_id}")
    def read(note_id: int):
        return find(note_id)

    @app.put("/notes/{note_id}")
    def replace(note_id: int, note: NoteIn):
        find(note_id)["text"] = note.text
        return notes[note_id]

    @app.delete("/notes/{note_id}", status_code=204)
    def delete(note_id: int):
        find(note_id)
        del notes[note_id]

    return app

# %% course={"kind": "wrong", "id": "delete-returns-body"}
class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def make_notes_app():
    app = FastAPI()
    notes = {}
    last_id = [0]

    def find(note_id):
        if note_id not in notes:
            raise HTTPException(404, detail=f"note {note_id} not found")
        return notes[note_id]

    @app.post("/notes", status_code=201)
    def create(note: NoteIn):
        last_id[0] += 1
        notes[last_id[0]] = {"id": last_id[0], "text": note.text}
        return notes[last_id[0]]

    @app.get("/notes")
    def list_notes():
        return [notes[key] for key in sorted(notes)]

    @app.get("/notes/{note_id}")
    def read(note_id: int):
        return find(note_id)

    @app.put("/notes/{note_id}")
    def replace(note_id: int, note: NoteIn):
        find(note_id)["text"] = note.text
        return notes[note_id]

    @app.delete("/notes/{note_id}")  # 200 with the deleted note instead of 204
    def delete(note_id: int):
        return notes.pop(find(note_id)["id"])

    return app

# %% course={"kind": "wrong", "id": "put-creates"}
class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def make_notes_app():
    app = FastAPI()
    notes = {}
    last_id = [0]

    def find(note_id):
        if note_id not in notes:
            raise HTTPException(404, detail=f"note {note_id} not found")
        return notes[note_id]

    @app.post("/notes", status_code=201)
    def create(note: NoteIn):
        last_id[0] += 1
        notes[last_id[0]] = {"id": last_id[0], "text": note.text}
        return notes[last_id[0]]

    @app.get("/notes")
    def list_notes():
        return [notes[key] for key in sorted(notes)]

    @app.get("/notes/{note_id}")
    def read(note_id: int):
        return find(note_id)

    @app.put("/notes/{note_id}")
    def replace(note_id: int, note: NoteIn):
        notes[note_id] = {"id": note_id, "text": note.text}  # a missing note is created, not a 404
        return notes[note_id]

    @app.delete("/notes/{note_id}", status_code=204)
    def delete(note_id: int):
        find(note_id)
        del notes[note_id]

    return app

# %% [markdown] course={"kind": "exercise", "id": "upload-report", "item": "x-handle-file-uploads"}
# ### Checksums for uploaded artefacts
#
# Write `make_upload_app()` with `POST /uploads`, a multipart form with a text field `folder` (1 to 50
# characters) and one or more files under the field name `files`. It answers
# `{"folder": ..., "files": [{"name": ..., "size": ..., "sha256": ...}, ...], "total_bytes": ...}`:
# one entry per file in the order sent, with the file name the client gave, its size **in bytes** and the
# hex SHA-256 of its content. An empty file (0 bytes) is a mistake: answer **400** with
# `{"detail": "empty file: NAME"}`. A missing `folder` or no file at all gets FastAPI's 422.
#
# ```python
# client = TestClient(make_upload_app())
# client.post("/uploads", data={"folder": "run-17"}, files=[("files", ("a.txt", b"abc"))]).json()
# # {'folder': 'run-17', 'files': [{'name': 'a.txt', 'size': 3,
# #   'sha256': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'}], 'total_bytes': 3}
# ```

# %% [markdown] course={"kind": "hint"}
# The form field is `folder: Annotated[str, Form(min_length=1, max_length=50)]`; the files are
# `files: list[UploadFile]`. Other fields of a multipart request must be `Form` fields, not a JSON model.

# %% [markdown] course={"kind": "hint"}
# `data = await upload.read()` in an `async def` endpoint gives the bytes: `len(data)` is the size and
# `hashlib.sha256(data).hexdigest()` the checksum.

# %% course={"kind": "solution"}
import hashlib


def make_upload_app() -> FastAPI:
    app = FastAPI()
    ### BEGIN SOLUTION

    @app.post("/uploads")
    async def upload(folder: Annotated[str, Form(min_length=1, max_length=50)],
                     files: list[UploadFile]) -> dict[str, object]:
        report = []
        for item in files:
            data = await item.read()
            if not data:
                raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=f"empty file: {item.filename}")
            report.append({"name": item.filename, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        return {"folder": folder, "files": report, "total_bytes": sum(entry["size"] for entry in report)}

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
import hashlib

client = TestClient(make_upload_app())
reply = client.post("/uploads", data={"folder": "run-17"}, files=[("files", ("a.txt", b"abc"))])
assert reply.status_code == 200, f"POST /uploads answered {reply.status_code}: {reply.text}"
assert reply.json() == {"folder": "run-17", "total_bytes": 3, "files": [
    {"name": "a.txt", "size": 3, "sha256": hashlib.sha256(b"abc").hexdigest()}]}, f"got {reply.json()}"

# %% course={"kind": "test", "points": 2}
import hashlib

client = TestClient(make_upload_app())
blobs = [("model.onnx", bytes(range(256)) * 5), ("métriques.json", "{'précision': 0.9}".encode()), ("z", b"\x00")]
reply = client.post("/uploads", data={"folder": "r"}, files=[("files", (n, b)) for n, b in blobs])
files = reply.json()["files"]
assert [f["name"] for f in files] == ["model.onnx", "métriques.json", "z"], f"every file, in the order sent: {files}"
assert [f["size"] for f in files] == [1280, 19, 1], f"sizes are counted in bytes, not characters: {files}"
assert [f["sha256"] for f in files] == [hashlib.sha256(b).hexdigest() for _, b in blobs], "checksum of each content"
assert reply.json()["total_bytes"] == 1300, f"total_bytes adds up the sizes: {reply.json()['total_bytes']}"
### BEGIN HIDDEN TESTS
big = bytes(range(256)) * 8192  # 2 MiB: past the 1 MiB the upload keeps in memory
reply = client.post("/uploads", data={"folder": "r"}, files=[("files", ("big.bin", big))])
assert reply.json()["files"][0] == {"name": "big.bin", "size": len(big), "sha256": hashlib.sha256(big).hexdigest()}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_upload_app())
reply = client.post("/uploads", data={"folder": "r"}, files=[("files", ("ok.txt", b"x")), ("files", ("empty.txt", b""))])
assert reply.status_code == 400, f"an empty file is a 400, got {reply.status_code}"
assert reply.json() == {"detail": "empty file: empty.txt"}, f"got {reply.json()}"
### BEGIN HIDDEN TESTS
reply = client.post("/uploads", data={"folder": "r"}, files=[("files", ("zero", b""))])
assert reply.status_code == 400 and reply.json() == {"detail": "empty file: zero"}, "a single empty file"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
client = TestClient(make_upload_app())
one = [("files", ("a.txt", b"abc"))]
assert problems(client.post("/uploads", files=one)) == [(["body", "folder"], "missing")], "folder is required"
assert problems(client.post("/uploads", data={"folder": "r"})) == [(["body", "files"], "missing")], (
    "at least one file is required")
### BEGIN HIDDEN TESTS
reply = client.post("/uploads", data={"folder": ""}, files=one)
assert problems(reply) == [(["body", "folder"], "missing")], "FastAPI treats an empty form field as missing"
reply = client.post("/uploads", data={"folder": "f" * 51}, files=one)
assert problems(reply) == [(["body", "folder"], "string_too_long")], "51 characters"
assert client.post("/uploads", data={"folder": "f" * 50}, files=one).json()["folder"] == "f" * 50, "50 are fine"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "characters-not-bytes"}
import hashlib


def make_upload_app():
    app = FastAPI()

    @app.post("/uploads")
    async def upload(folder: Annotated[str, Form(min_length=1, max_length=50)], files: list[UploadFile]):
        report = []
        for item in files:
            data = await item.read()
            if not data:
                raise HTTPException(400, detail=f"empty file: {item.filename}")
            text = data.decode(errors="replace")  # len() of the text counts characters, not bytes
            report.append({"name": item.filename, "size": len(text), "sha256": hashlib.sha256(data).hexdigest()})
        return {"folder": folder, "files": report, "total_bytes": sum(e["size"] for e in report)}

    return app

# %% course={"kind": "wrong", "id": "single-file"}
import hashlib


def make_upload_app():
    app = FastAPI()

    @app.post("/uploads")
    async def upload(folder: Annotated[str, Form(min_length=1, max_length=50)], files: UploadFile):
        data = await files.read()  # one UploadFile: only the first file sent is read
        if not data:
            raise HTTPException(400, detail=f"empty file: {files.filename}")
        entry = {"name": files.filename, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        return {"folder": folder, "files": [entry], "total_bytes": len(data)}

    return app

# %% course={"kind": "wrong", "id": "empty-is-fine"}
import hashlib


def make_upload_app():
    app = FastAPI()

    @app.post("/uploads")
    async def upload(folder: Annotated[str, Form(min_length=1, max_length=50)], files: list[UploadFile]):
        report = [{"name": f.filename, "size": f.size, "sha256": hashlib.sha256(await f.read()).hexdigest()}
                  for f in files]  # an empty file goes through
        return {"folder": folder, "files": report, "total_bytes": sum(e["size"] for e in report)}

    return app

# %% [markdown] course={"kind": "exercise", "id": "task-api", "item": "project-12-2-1", "timeout": 60}
# ### Project: a task API, served for real
#
# Write `make_task_app()`: a new app with its own store of tasks, using the models given in the cell.
# The tests serve it with uvicorn on 127.0.0.1 and call it over real HTTP with `httpx`.
#
# | request | answer |
# |---|---|
# | `POST /tasks` with a `TaskIn` body | **201** and the new `Task`; ids 1, 2, 3... per app, never reused |
# | `GET /tasks/{task_id}` | the `Task` |
# | `PATCH /tasks/{task_id}` with a `TaskPatch` body | the changed `Task`: only the fields sent (and not null) change |
# | `DELETE /tasks/{task_id}` | **204**, empty body |
# | `GET /tasks` | a `TaskPage`: `total` = how many tasks match the filter, `items` = one page of them |
#
# An unknown `task_id` gets **404** `{"detail": "task N not found"}`. `GET /tasks` takes query parameters
# `done` (a bool; absent means all tasks), `sort` (`id`, the default; `priority`, lowest first; `-priority`,
# highest first; tasks with equal priority always stay in id order), `limit` (1 to 50, default 10) and
# `offset` (0 or more, default 0: how many matching tasks to skip). Values outside these: 422.
#
# ```python
# with serve(make_task_app()) as url, httpx.Client(base_url=url) as http:
#     http.post("/tasks", json={"title": "rotate certs", "priority": 5}).json()
#     # {'title': 'rotate certs', 'priority': 5, 'done': False, 'id': 1}
#     http.get("/tasks", params={"sort": "-priority", "limit": 1}).json()
#     # {'total': 1, 'items': [{'title': 'rotate certs', 'priority': 5, 'done': False, 'id': 1}]}
# ```

# %% [markdown] course={"kind": "hint"}
# Filter, then sort, then count (`total`), then cut the page with `items[offset:offset + limit]`.
# `sort` can be `Literal["id", "priority", "-priority"]`, and FastAPI rejects anything else.

# %% [markdown] course={"kind": "hint"}
# Python's sort is stable: sorting tasks that are in id order by `priority` (or by `-priority`) keeps
# equal priorities in id order. Reversing a sorted list (`[::-1]`) does not. For PATCH,
# `patch.model_dump(exclude_none=True)` is the dict of the fields sent with a value (not null), and
# `task.model_copy(update=...)` a changed copy.

# %% course={"kind": "solution"}
class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    priority: int = Field(default=3, ge=1, le=5)
    done: bool = False


class Task(TaskIn):
    id: int


class TaskPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=100)
    priority: int | None = Field(default=None, ge=1, le=5)
    done: bool | None = None


class TaskPage(BaseModel):
    total: int
    items: list[Task]


def make_task_app() -> FastAPI:
    app = FastAPI()
    ### BEGIN SOLUTION
    tasks: dict[int, Task] = {}  # ids go up, so the dict's own order is id order
    last_id = [0]

    def find(task_id: int) -> Task:
        if task_id not in tasks:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"task {task_id} not found")
        return tasks[task_id]

    @app.post("/tasks", status_code=status.HTTP_201_CREATED)
    def create(task: TaskIn) -> Task:
        last_id[0] += 1
        tasks[last_id[0]] = Task(id=last_id[0], **task.model_dump())
        return tasks[last_id[0]]

    @app.get("/tasks")
    def list_tasks(
        done: bool | None = None,
        sort: Literal["id", "priority", "-priority"] = "id",
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> TaskPage:
        chosen = [task for task in tasks.values() if done is None or task.done == done]
        if sort == "priority":
            chosen.sort(key=lambda task: task.priority)
        elif sort == "-priority":
            chosen.sort(key=lambda task: -task.priority)
        return TaskPage(total=len(chosen), items=chosen[offset : offset + limit])

    @app.get("/tasks/{task_id}")
    def read(task_id: int) -> Task:
        return find(task_id)

    @app.patch("/tasks/{task_id}")
    def update(task_id: int, patch: TaskPatch) -> Task:
        tasks[task_id] = find(task_id).model_copy(update=patch.model_dump(exclude_none=True))
        return tasks[task_id]

    @app.delete("/tasks/{task_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete(task_id: int) -> None:
        find(task_id)
        del tasks[task_id]

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
with serve(make_task_app()) as url, httpx.Client(base_url=url, timeout=30) as http:
    reply = http.post("/tasks", json={"title": "rotate certs", "priority": 5})
    assert reply.status_code == 201, f"POST /tasks answers 201, got {reply.status_code}: {reply.text}"
    assert reply.json() == {"title": "rotate certs", "priority": 5, "done": False, "id": 1}, f"got {reply.json()}"
    reply = http.post("/tasks", json={"title": "renew domain"})
    assert reply.json() == {"title": "renew domain", "priority": 3, "done": False, "id": 2}, "defaults are filled in"
    assert http.get("/tasks/1").json()["title"] == "rotate certs", "GET /tasks/1 finds the first task"

# %% course={"kind": "test", "points": 2}
with serve(make_task_app()) as url, httpx.Client(base_url=url, timeout=30) as http:
    for i in range(1, 8):
        http.post("/tasks", json={"title": f"t{i}", "done": i % 3 == 0})
    page = http.get("/tasks", params={"done": "false"}).json()
    assert page["total"] == 5 and [t["id"] for t in page["items"]] == [1, 2, 4, 5, 7], f"done=false: {page}"
    page = http.get("/tasks", params={"limit": 2, "offset": 2}).json()
    assert [t["id"] for t in page["items"]] == [3, 4], f"limit=2&offset=2 is the second page of two: {page}"
    assert page["total"] == 7, f"total counts every matching task, not just this page: {page['total']}"
    ### BEGIN HIDDEN TESTS
    page = http.get("/tasks", params={"done": "true"}).json()
    assert page == {"total": 2, "items": [http.get("/tasks/3").json(), http.get("/tasks/6").json()]}, page
    assert [t["id"] for t in http.get("/tasks").json()["items"]] == [1, 2, 3, 4, 5, 6, 7], "no filter: all, id order"
    page = http.get("/tasks", params={"done": "false", "offset": 4}).json()
    assert page["total"] == 5 and [t["id"] for t in page["items"]] == [7], f"offset counts matching tasks: {page}"
    assert http.get("/tasks", params={"offset": 7}).json() == {"total": 7, "items": []}, "past the end: empty page"
    assert [t["id"] for t in http.get("/tasks", params={"offset": 6}).json()["items"]] == [7], "offset 6 of 7"
    assert [t["id"] for t in http.get("/tasks", params={"limit": 1, "offset": 0}).json()["items"]] == [1]
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with serve(make_task_app()) as url, httpx.Client(base_url=url, timeout=30) as http:
    for i, priority in enumerate([2, 5, 2, 1, 5], start=1):
        http.post("/tasks", json={"title": f"t{i}", "priority": priority})
    ids = [t["id"] for t in http.get("/tasks", params={"sort": "priority"}).json()["items"]]
    assert ids == [4, 1, 3, 2, 5], f"sort=priority: lowest first, equal priorities in id order; got {ids}"
    ids = [t["id"] for t in http.get("/tasks", params={"sort": "-priority"}).json()["items"]]
    assert ids == [2, 5, 1, 3, 4], f"sort=-priority: highest first, equal priorities still in id order; got {ids}"
    assert http.get("/tasks", params={"sort": "title"}).status_code == 422, "sort=title is not allowed"
    ### BEGIN HIDDEN TESTS
    ids = [t["id"] for t in http.get("/tasks", params={"sort": "id"}).json()["items"]]
    assert ids == [1, 2, 3, 4, 5], f"sort=id: {ids}"
    page = http.get("/tasks", params={"sort": "-priority", "limit": 2, "offset": 1}).json()
    assert [t["id"] for t in page["items"]] == [5, 1] and page["total"] == 5, f"sort, then page: {page}"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with serve(make_task_app()) as url, httpx.Client(base_url=url, timeout=30) as http:
    http.post("/tasks", json={"title": "patch me", "priority": 4})
    reply = http.patch("/tasks/1", json={"done": True})
    assert reply.json() == {"title": "patch me", "priority": 4, "done": True, "id": 1}, (
        f"PATCH changes only the fields sent; got {reply.json()}")
    reply = http.delete("/tasks/1")
    assert reply.status_code == 204 and reply.content == b"", f"DELETE: 204, no body; got {reply.status_code}"
    reply = http.get("/tasks/1")
    assert reply.status_code == 404 and reply.json() == {"detail": "task 1 not found"}, f"got {reply.text}"
    ### BEGIN HIDDEN TESTS
    http.post("/tasks", json={"title": "second"})
    reply = http.patch("/tasks/2", json={"title": "renamed", "priority": None})
    assert reply.json() == {"title": "renamed", "priority": 3, "done": False, "id": 2}, f"null leaves a field: {reply.json()}"
    assert http.get("/tasks/2").json()["title"] == "renamed", "the change is stored"
    assert http.patch("/tasks/2", json={"priority": 6}).status_code == 422, "PATCH validates its values"
    assert http.patch("/tasks/9", json={"done": True}).status_code == 404, "PATCH of a missing task"
    assert http.delete("/tasks/1").status_code == 404, "DELETE of a deleted task"
    assert http.post("/tasks", json={"title": "third"}).json()["id"] == 3, "ids are never reused"
    assert http.get("/tasks").json()["total"] == 2, "tasks 2 and 3 are left"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with serve(make_task_app()) as url, httpx.Client(base_url=url, timeout=30) as http:
    http.post("/tasks", json={"title": "x"})
    too_small, too_big = {"greater_than_equal", "greater_than"}, {"less_than_equal", "less_than"}
    for name, value, kinds in [("limit", 0, too_small), ("limit", 51, too_big), ("offset", -1, too_small),
                               ("done", "maybe", {"bool_parsing"}), ("sort", "title", {"literal_error", "enum"})]:
        got = problems(http.get("/tasks", params={name: value}))
        assert len(got) == 1 and got[0][0] == ["query", name] and got[0][1] in kinds, f"GET /tasks?{name}={value}: {got}"
    ### BEGIN HIDDEN TESTS
    for _ in range(60):
        http.post("/tasks", json={"title": "y"})
    assert len(http.get("/tasks", params={"limit": 50}).json()["items"]) == 50, "limit=50 is allowed"
    assert len(http.get("/tasks").json()["items"]) == 10, "the default limit is 10"
    assert http.get("/tasks", params={"limit": 1}).json()["total"] == 61
    for body, where in [({"title": ""}, "title"), ({"title": "t" * 101}, "title"), ({"title": "t", "priority": 0}, "priority"),
                        ({"title": "t", "priority": 6}, "priority")]:
        assert [loc for loc, _ in problems(http.post("/tasks", json=body))] == [["body", where]], f"{body} must be rejected"
    assert http.post("/tasks", json={"title": "t" * 100, "priority": 1}).status_code == 201
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "total-of-page"}
class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    priority: int = Field(default=3, ge=1, le=5)
    done: bool = False


class Task(TaskIn):
    id: int


class TaskPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=100)
    priority: int | None = Field(default=None, ge=1, le=5)
    done: bool | None = None


class TaskPage(BaseModel):
    total: int
    items: list[Task]


def make_task_app():
    app = FastAPI()
    tasks = {}
    last_id = [0]

    def find(task_id):
        if task_id not in tasks:
            raise HTTPException(404, detail=f"task {task_id} not found")
        return tasks[task_id]

    @app.post("/tasks", status_code=201)
    def create(task: TaskIn) -> Task:
        last_id[0] += 1
        tasks[last_id[0]] = Task(id=last_id[0], **task.model_dump())
        return tasks[last_id[0]]

    @app.get("/tasks")
    def list_tasks(done: bool | None = None, sort: Literal["id", "priority", "-priority"] = "id",
                   limit: Annotated[int, Query(ge=1, le=50)] = 10, offset: Annotated[int, Query(ge=0)] = 0) -> TaskPage:
        chosen = [task for task in tasks.values() if done is None or task.done == done]
        if sort != "id":
            chosen.sort(key=lambda task: task.priority if sort == "priority" else -task.priority)
        page = chosen[offset : offset + limit]
        return TaskPage(total=len(page), items=page)  # the size of this page, not of the result

    @app.get("/tasks/{task_id}")
    def read(task_id: int) -> Task:
        return find(task_id)

    @app.patch("/tasks/{task_id}")
    def update(task_id: int, patch: TaskPatch) -> Task:
        tasks[task_id] = find(task_id).model_copy(update=patch.model_dump(exclude_none=True))
        return tasks[task_id]

    @app.delete("/tasks/{task_id}", status_code=204)
    def delete(task_id: int):
        find(task_id)
        del tasks[task_id]

    return app

# %% course={"kind": "wrong", "id": "reversed-ties"}
class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    priority: int = Field(default=3, ge=1, le=5)
    done: bool = False


class Task(TaskIn):
    id: int


class TaskPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=100)
    priority: int | None = Field(default=None, ge=1, le=5)
    done: bool | None = None


class TaskPage(BaseModel):
    total: int
    items: list[Task]


def make_task_app():
    app = FastAPI()
    tasks = {}
    last_id = [0]

    def find(task_id):
        if task_id not in tasks:
            raise HTTPException(404, detail=f"task {task_id} not found")
        return tasks[task_id]

    @app.post("/tasks", status_code=201)
    def create(task: TaskIn) -> Task:
        last_id[0] += 1
        tasks[last_id[0]] = Task(id=last_id[0], **task.model_dump())
        return tasks[last_id[0]]

    @app.get("/tasks")
    def list_tasks(done: bool | None = None, sort: Literal["id", "priority", "-priority"] = "id",
                   limit: Annotated[int, Query(ge=1, le=50)] = 10, offset: Annotated[int, Query(ge=0)] = 0) -> TaskPage:
        chosen = [task for task in tasks.values() if done is None or task.done == done]
        if sort != "id":
            chosen.sort(key=lambda task: task.priority)
            if sort == "-priority":
                chosen = chosen[::-1]  # highest first, but equal priorities come out in reverse id order
        return TaskPage(total=len(chosen), items=chosen[offset : offset + limit])

    @app.get("/tasks/{task_id}")
    def read(task_id: int) -> Task:
        return find(task_id)

    @app.patch("/tasks/{task_id}")
    def update(task_id: int, patch: TaskPatch) -> Task:
        tasks[task_id] = find(task_id).model_copy(update=patch.model_dump(exclude_none=True))
        return tasks[task_id]

    @app.delete("/tasks/{task_id}", status_code=204)
    def delete(task_id: int):
        find(task_id)
        del tasks[task_id]

    return app

# %% course={"kind": "wrong", "id": "offset-as-end"}
class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    priority: int = Field(default=3, ge=1, le=5)
    done: bool = False


class Task(TaskIn):
    id: int


class TaskPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=100)
    priority: int | None = Field(default=None, ge=1, le=5)
    done: bool | None = None


class TaskPage(BaseModel):
    total: int
    items: list[Task]


def make_task_app():
    app = FastAPI()
    tasks = {}
    last_id = [0]

    def find(task_id):
        if task_id not in tasks:
            raise HTTPException(404, detail=f"task {task_id} not found")
        return tasks[task_id]

    @app.post("/tasks", status_code=201)
    def create(task: TaskIn) -> Task:
        last_id[0] += 1
        tasks[last_id[0]] = Task(id=last_id[0], **task.model_dump())
        return tasks[last_id[0]]

    @app.get("/tasks")
    def list_tasks(done: bool | None = None, sort: Literal["id", "priority", "-priority"] = "id",
                   limit: Annotated[int, Query(ge=1, le=50)] = 10, offset: Annotated[int, Query(ge=0)] = 0) -> TaskPage:
        chosen = [task for task in tasks.values() if done is None or task.done == done]
        if sort != "id":
            chosen.sort(key=lambda task: task.priority if sort == "priority" else -task.priority)
        return TaskPage(total=len(chosen), items=chosen[offset:limit])  # limit used as an end, not a size

    @app.get("/tasks/{task_id}")
    def read(task_id: int) -> Task:
        return find(task_id)

    @app.patch("/tasks/{task_id}")
    def update(task_id: int, patch: TaskPatch) -> Task:
        tasks[task_id] = find(task_id).model_copy(update=patch.model_dump(exclude_none=True))
        return tasks[task_id]

    @app.delete("/tasks/{task_id}", status_code=204)
    def delete(task_id: int):
        find(task_id)
        del tasks[task_id]

    return app

# %% [markdown] course={"kind": "task", "id": "task-api-review", "points": 2, "item": "project-12-2-1"}
# ### Project review: your task API's design
#
# In a markdown cell under this one, explain in a few sentences: why `total` counts the matching tasks rather
# than the page; what a client must do to read *every* task, page by page, and what can go wrong when tasks
# are created or deleted between two page requests with `offset` paging; and which of your endpoints would
# you change to return `Task` via `response_model=` if the store kept extra, private fields per task.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `total` lets a client know how many pages there are (and show "n of N") without fetching all;
#   reading everything means asking for `offset = 0, limit, 2 * limit, ...` until `offset >= total` (or an
#   empty page).
# - 1 point: names the offset-paging problem: a task deleted before the current position shifts the rest
#   one place left (a task is skipped), a task inserted before it shifts them right (one is seen twice);
#   cursor ("after id N") paging avoids it. Mentions that every endpoint returning tasks (POST, GET one,
#   PATCH, GET list) needs the public model, so that private fields are filtered.

# %% [markdown] course={"kind": "exercise", "id": "file-store", "item": "project-12-2-2", "timeout": 60}
# ### Project: a file storage API, served for real
#
# Write `make_file_app(root)`: a new app that keeps uploaded files in the folder `root` (a `pathlib.Path`
# that exists) and their metadata as `StoredFile` records (given in the cell):
#
# | request | answer |
# |---|---|
# | `POST /files`: multipart, a file under `file`, an optional form field `description` (at most 200 characters, default `""`) | **201** and the `StoredFile`: `id` 1, 2, 3... per app, the client's `filename` and `content_type`, the `size` in bytes |
# | `GET /files` | the list of `StoredFile`s, in id order |
# | `GET /files/{file_id}` | the content, with the stored content type and a `Content-Disposition: attachment` header naming the file |
# | `DELETE /files/{file_id}` | **204**; the file is gone from `root` too |
#
# An unknown `file_id` gets **404** `{"detail": "file N not found"}`. The file name comes from the client:
# two uploads may share a name, and a name may be `../../somewhere`. So store the content inside `root`
# under a name of **your** choosing (the id), never the client's, and nowhere else.
#
# ```python
# with serve(make_file_app(root)) as url, httpx.Client(base_url=url) as http:
#     http.post("/files", files={"file": ("report.csv", b"a,b\n1,2\n", "text/csv")}, data={"description": "Q3"}).json()
#     # {'id': 1, 'filename': 'report.csv', 'size': 8, 'content_type': 'text/csv', 'description': 'Q3'}
#     http.get("/files/1").content     # b'a,b\n1,2\n'
# ```

# %% [markdown] course={"kind": "hint"}
# The upload endpoint takes `file: UploadFile` and `description: Annotated[str, Form(max_length=200)] = ""`.
# Keep the records in a dict inside `make_file_app`, and write the bytes to `root / str(file_id)`.

# %% [markdown] course={"kind": "hint"}
# `FileResponse(path, media_type=record.content_type, filename=record.filename)` (from `fastapi.responses`)
# sends a file with both headers. `path.unlink()` deletes it.

# %% course={"kind": "solution", "equivalent": {"m-f19bd1f5": "list[StoredFile] validation copies the dict_values view into the same list, in id order; only an upload racing that copy could tell"}}
from fastapi.responses import FileResponse


class StoredFile(BaseModel):
    id: int
    filename: str
    size: int
    content_type: str
    description: str


def make_file_app(root: pathlib.Path) -> FastAPI:
    app = FastAPI()
    ### BEGIN SOLUTION
    records: dict[int, StoredFile] = {}
    last_id = [0]

    def find(file_id: int) -> StoredFile:
        if file_id not in records:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"file {file_id} not found")
        return records[file_id]

    @app.post("/files", status_code=status.HTTP_201_CREATED)
    async def upload(file: UploadFile, description: Annotated[str, Form(max_length=200)] = "") -> StoredFile:
        data = await file.read()
        last_id[0] += 1
        (root / str(last_id[0])).write_bytes(data)
        records[last_id[0]] = StoredFile(id=last_id[0], filename=file.filename, size=len(data),
                                         content_type=file.content_type, description=description)
        return records[last_id[0]]

    @app.get("/files")
    def list_files() -> list[StoredFile]:
        return list(records.values())

    @app.get("/files/{file_id}")
    def download(file_id: int) -> FileResponse:
        record = find(file_id)
        return FileResponse(root / str(file_id), media_type=record.content_type, filename=record.filename)

    @app.delete("/files/{file_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete(file_id: int) -> None:
        find(file_id)
        (root / str(file_id)).unlink()
        del records[file_id]

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp, "store")
    root.mkdir()
    with serve(make_file_app(root)) as url, httpx.Client(base_url=url, timeout=30) as http:
        reply = http.post("/files", files={"file": ("report.csv", b"a,b\n1,2\n", "text/csv")}, data={"description": "Q3"})
        assert reply.status_code == 201, f"an upload answers 201, got {reply.status_code}: {reply.text}"
        assert reply.json() == {"id": 1, "filename": "report.csv", "size": 8, "content_type": "text/csv",
                                "description": "Q3"}, f"got {reply.json()}"
        reply = http.get("/files/1")
        assert reply.status_code == 200 and reply.content == b"a,b\n1,2\n", f"the download gives the bytes back: {reply}"

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp, "store")
    root.mkdir()
    with serve(make_file_app(root)) as url, httpx.Client(base_url=url, timeout=30) as http:
        blob = bytes(range(256)) * 4
        http.post("/files", files={"file": ("weights.bin", blob, "application/octet-stream")})
        http.post("/files", files={"file": ("notes.txt", "ünïcode".encode(), "text/markdown")})
        listed = http.get("/files").json()
        assert [(f["id"], f["filename"], f["size"], f["description"]) for f in listed] == [
            (1, "weights.bin", 1024, ""), (2, "notes.txt", 9, "")], f"GET /files lists both, sizes in bytes: {listed}"
        reply = http.get("/files/1")
        assert reply.content == blob, "binary content comes back byte for byte"
        assert reply.headers["content-type"] == "application/octet-stream", reply.headers["content-type"]
        disposition = reply.headers.get("content-disposition", "")
        assert disposition.startswith("attachment") and "weights.bin" in disposition, f"got {disposition!r}"
        reply = http.get("/files/2")
        assert reply.headers["content-type"].split(";")[0] == "text/markdown", (
            f"the content type the client sent, not one guessed from the name: {reply.headers['content-type']}")
        ### BEGIN HIDDEN TESTS
        assert reply.content == "ünïcode".encode(), reply.content
        reply = http.post("/files", files={"file": ("big.bin", blob * 2048)}, data={"description": "d" * 200})
        assert reply.json()["size"] == 2 * 1024 * 1024 and http.get("/files/3").content == blob * 2048, "2 MiB"
        assert reply.json()["description"] == "d" * 200, "200 characters of description are allowed"
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp, "store")
    root.mkdir()
    with serve(make_file_app(root)) as url, httpx.Client(base_url=url, timeout=30) as http:
        http.post("/files", files={"file": ("same.txt", b"first")})
        http.post("/files", files={"file": ("same.txt", b"second")})
        assert http.get("/files/1").content == b"first", "two uploads with one name are two files"
        assert http.get("/files/2").content == b"second"
        http.post("/files", files={"file": ("../escape.txt", b"sneaky")})
        stored = sorted(p for p in pathlib.Path(tmp).rglob("*") if p.is_file())
        assert len(stored) == 3 and all(p.parent == root for p in stored), (
            f"every upload is stored directly in root, under a name of our own: {[str(p) for p in stored]}")
        assert http.get("/files/3").content == b"sneaky", "the file with the odd name still downloads"

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp, "store")
    root.mkdir()
    with serve(make_file_app(root)) as url, httpx.Client(base_url=url, timeout=30) as http:
        http.post("/files", files={"file": ("a.txt", b"a")})
        http.post("/files", files={"file": ("b.txt", b"b")})
        reply = http.delete("/files/1")
        assert reply.status_code == 204 and reply.content == b"", f"DELETE: 204, no body; got {reply.status_code}"
        assert [f["id"] for f in http.get("/files").json()] == [2], "the record is gone"
        assert len(list(root.iterdir())) == 1, "the file is gone from the folder too"
        reply = http.get("/files/1")
        assert reply.status_code == 404 and reply.json() == {"detail": "file 1 not found"}, f"got {reply.text}"
        ### BEGIN HIDDEN TESTS
        assert http.delete("/files/1").status_code == 404, "deleting twice"
        assert http.delete("/files/7").json() == {"detail": "file 7 not found"}
        assert http.post("/files", files={"file": ("c.txt", b"c")}).json()["id"] == 3, "ids are never reused"
        assert problems(http.post("/files", data={"description": "no file"})) == [(["body", "file"], "missing")]
        reply = http.post("/files", files={"file": ("d.txt", b"d")}, data={"description": "d" * 201})
        assert problems(reply) == [(["body", "description"], "string_too_long")], "more than 200 characters"
        assert len(list(root.iterdir())) == 2, "rejected uploads store nothing: two files are left"
        ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "client-file-name"}
from fastapi.responses import FileResponse


class StoredFile(BaseModel):
    id: int
    filename: str
    size: int
    content_type: str
    description: str


def make_file_app(root):
    app = FastAPI()
    records = {}

    @app.post("/files", status_code=201)
    async def upload(file: UploadFile, description: Annotated[str, Form(max_length=200)] = ""):
        data = await file.read()
        (root / file.filename).write_bytes(data)  # the client picks the path: '../escape.txt' leaves root
        new_id = len(records) + 1
        records[new_id] = StoredFile(id=new_id, filename=file.filename, size=len(data),
                                     content_type=file.content_type, description=description)
        return records[new_id]

    @app.get("/files")
    def list_files():
        return list(records.values())

    @app.get("/files/{file_id}")
    def download(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        record = records[file_id]
        return FileResponse(root / record.filename, media_type=record.content_type, filename=record.filename)

    @app.delete("/files/{file_id}", status_code=204)
    def delete(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        (root / records.pop(file_id).filename).unlink()

    return app

# %% course={"kind": "wrong", "id": "guessed-content-type"}
class StoredFile(BaseModel):
    id: int
    filename: str
    size: int
    content_type: str
    description: str


from fastapi.responses import FileResponse


def make_file_app(root):
    app = FastAPI()
    records = {}
    last_id = [0]

    @app.post("/files", status_code=201)
    async def upload(file: UploadFile, description: Annotated[str, Form(max_length=200)] = ""):
        data = await file.read()
        last_id[0] += 1
        (root / str(last_id[0])).write_bytes(data)
        records[last_id[0]] = StoredFile(id=last_id[0], filename=file.filename, size=len(data),
                                         content_type=file.content_type, description=description)
        return records[last_id[0]]

    @app.get("/files")
    def list_files():
        return list(records.values())

    @app.get("/files/{file_id}")
    def download(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        return FileResponse(root / str(file_id), filename=records[file_id].filename)  # type guessed from the name

    @app.delete("/files/{file_id}", status_code=204)
    def delete(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        (root / str(file_id)).unlink()
        del records[file_id]

    return app

# %% course={"kind": "wrong", "id": "delete-keeps-bytes"}
from fastapi.responses import FileResponse


class StoredFile(BaseModel):
    id: int
    filename: str
    size: int
    content_type: str
    description: str


def make_file_app(root):
    app = FastAPI()
    records = {}
    last_id = [0]

    @app.post("/files", status_code=201)
    async def upload(file: UploadFile, description: Annotated[str, Form(max_length=200)] = ""):
        data = await file.read()
        last_id[0] += 1
        (root / str(last_id[0])).write_bytes(data)
        records[last_id[0]] = StoredFile(id=last_id[0], filename=file.filename, size=len(data),
                                         content_type=file.content_type, description=description)
        return records[last_id[0]]

    @app.get("/files")
    def list_files():
        return list(records.values())

    @app.get("/files/{file_id}")
    def download(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        record = records[file_id]
        return FileResponse(root / str(file_id), media_type=record.content_type, filename=record.filename)

    @app.delete("/files/{file_id}", status_code=204)
    def delete(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        del records[file_id]  # the record goes, the bytes stay on disk for ever

    return app

# %% course={"kind": "wrong", "id": "json-download"}
class StoredFile(BaseModel):
    id: int
    filename: str
    size: int
    content_type: str
    description: str


def make_file_app(root):
    app = FastAPI()
    records = {}
    last_id = [0]

    @app.post("/files", status_code=201)
    async def upload(file: UploadFile, description: Annotated[str, Form(max_length=200)] = ""):
        data = await file.read()
        last_id[0] += 1
        (root / str(last_id[0])).write_bytes(data)
        records[last_id[0]] = StoredFile(id=last_id[0], filename=file.filename, size=len(data),
                                         content_type=file.content_type, description=description)
        return records[last_id[0]]

    @app.get("/files")
    def list_files():
        return list(records.values())

    @app.get("/files/{file_id}")
    def download(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        return (root / str(file_id)).read_text(errors="replace")  # a JSON string, not the file's bytes

    @app.delete("/files/{file_id}", status_code=204)
    def delete(file_id: int):
        if file_id not in records:
            raise HTTPException(404, detail=f"file {file_id} not found")
        (root / str(file_id)).unlink()
        del records[file_id]

    return app

# %% [markdown] course={"kind": "task", "id": "file-store-metadata", "points": 2, "item": "project-12-2-2"}
# ### Project extension: metadata you can search
#
# Extend your file store (in a new cell, with your own tests using `TestClient` or `serve`): uploads take
# repeatable `tags` form fields (`tags=q3&tags=finance`), `GET /files?tag=finance` lists only files carrying
# that tag, and `PATCH /files/{file_id}` with a JSON body changes the description and tags without touching
# the content. Then answer in a sentence: why can the `PATCH` take JSON when the upload could not?

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `tags: Annotated[list[str], Form()] = []` on the upload and `tag: str | None = None` on the list
#   (a list-typed form or query field needs `Form()`/`Query()`); the tests show a filtered list, a file with
#   no tags, and a PATCH that leaves the bytes unchanged (download before and after).
# - 1 point: the explanation: a request has one body with one content type; the upload's body is
#   `multipart/form-data` (it carries the file), so its other fields are form fields, while the PATCH
#   carries no file and its body can be JSON validated by a pydantic model.

# %% [markdown] course={"kind": "answer", "question": "q-why-would-you-choose-fastapi-over-flask"}
# For an API (not server-rendered pages), FastAPI gives for free what Flask leaves to extensions: request
# parsing and validation from type hints, response filtering through models, and an OpenAPI schema with
# interactive docs that always match the code. It is ASGI, so `async def` endpoints can keep many slow
# I/O calls in flight in one process, and WebSockets are built in; Flask is WSGI, where each request holds
# a worker for its whole duration (Flask 2.0+ accepts `async def` views, but each still runs inside one
# WSGI request). Flask is still a fine choice for a small synchronous app or a team that knows its
# ecosystem; the price of FastAPI is learning its dependency and typing conventions, and the async rule
# (never block inside `async def`).

# %% [markdown] course={"kind": "answer", "question": "q-how-does-fastapi-handle-validation"}
# From the endpoint's signature: each parameter's type and place (path, query, header, body, form) is
# read when the route is declared. On each request FastAPI converts and validates every input with
# pydantic before calling your function: `"42"` becomes `42` for an `int`, `Query(ge=1)` and `Field`
# constraints are checked, a body model is validated field by field, nested models included. If anything
# fails, your function is not called; the client gets **422** with a `detail` list of every error, each
# with `loc` (where: `["body", "resources", "cpus"]`), `type`, `msg` and the `input`. Output is
# validated too, against the response model. The same rules produce the OpenAPI schema.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-role-of-pydantic-in-fastapi"}
# Pydantic is FastAPI's data layer. Models (`BaseModel` subclasses) declare the shape of request bodies
# and responses; pydantic parses JSON into model instances, coerces and validates values and reports
# every error in the structured form FastAPI returns as a 422. On the way out it serializes return values
# and filters them to the response model (so private fields never leak). And its JSON Schema generation
# is where the `components/schemas` of FastAPI's OpenAPI document come from. FastAPI itself adds routing
# (from Starlette), dependency injection and the wiring between HTTP and these models.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-file-uploads"}
# With a `multipart/form-data` endpoint (FastAPI needs the `python-multipart` package): `file: UploadFile`
# for one file, `list[UploadFile]` for several under one field name, and any other fields as
# `Annotated[str, Form()]`, since a multipart body cannot also be JSON. `UploadFile` keeps small files in
# memory and spools bigger ones (beyond 1 MB in Starlette) to a temporary file; read it with
# `await file.read()` or in chunks. `bytes = File()` is simpler but loads the whole file into memory.
# In production: limit the size, check the content rather than trusting `content_type`, never use the
# client's `filename` as a path (store under an id, keep the name as metadata), and stream large files
# to object storage instead of the app's disk.
