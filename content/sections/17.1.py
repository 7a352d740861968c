# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can drive Docker from Python with the official SDK (list, run, stop, clean up
# containers; pull, build, tag and push images; networks and volumes; logs and health), read the raw log stream
# the engine sends, order a Compose file's services, and check Dockerfiles for the mistakes that make images slow,
# big or unsafe.
#
# **What is real here and what is not.** No container engine runs where this notebook runs (Binder, CI). The
# `docker` package you use is the **real SDK** (`docker` 7.x), speaking real HTTP to a **fake engine** that the
# course starts on 127.0.0.1 (`course/runtime/dockerfake.py`). The fake keeps images, containers, networks and
# volumes as Python data and answers the Engine API routes this section uses; it runs nothing: a "container" writes
# the log lines and exits with the code its image or a tiny `sh -c "echo ...; exit N"` script says, health checks
# are a scripted list of statuses, a pull copies from a small built-in catalogue, a push goes to a dictionary.
# `exec_run`, attach, events and stats are not emulated. The code you write is the code you would run against a
# real engine (`docker.from_env()`); only what answers it is a stand-in, and where a real engine behaves differently
# (real processes, real timing) the lesson says so.

# %% course={"kind": "setup", "id": "docker-helpers"}
# What the demos and tests share. `shared_engine()` starts the fake engine once for this kernel (stopped when the
# kernel exits); `ENGINE.reset()` empties it; `ENGINE.advance(s)` moves its clock (container times never depend on
# your machine's clock). `fresh()` gives a client on an emptied engine with four images already pulled;
# `context_tar(files)` packs files into an in-memory tar, the build context `images.build(fileobj=...)` takes.
import heapq
import io
import json
import os
import re
import struct
import tarfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, NamedTuple

import docker
import yaml

from course.runtime.clock import FakeClock
from course.runtime.dockerfake import START, ImageSpec, frame, rfc3339, shared_engine
from course.runtime.dockerfile import Instruction, parse_dockerfile
from course.runtime.environ import preserved_environ
from course.runtime.iterators import Tap

ENGINE = shared_engine()
CLIENT = ENGINE.client()


def fresh() -> docker.DockerClient:
    """The shared client, on an engine emptied and holding alpine, nginx, redis and postgres images."""
    ENGINE.reset()
    for ref in ("alpine:3.20", "nginx:1.27", "redis:7.4", "postgres:16"):
        ENGINE.add_image(ref)
    return CLIENT


def context_tar(files: Mapping[str, str]) -> io.BytesIO:
    """A build context in memory: a tar holding `files` ({name: text})."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    return buffer


class ImageRef(NamedTuple):
    registry: str
    repository: str
    tag: str | None
    digest: str | None


# %% [markdown] course={"kind": "lesson", "id": "sdk-basics", "covers": ["c-docker-sdk-basics", "c-installation-and-setup", "c-docker-client", "c-connection-to-docker-daemon"]}
# ### The Docker SDK: a client for the engine's HTTP API
#
# The Docker command line is itself only a client: `docker ps` sends `GET /containers/json` to the **engine**
# (`dockerd`) over a socket, and prints the JSON it gets back. The Python SDK (`pip install docker`; the import is
# `docker`; before version 2.0 the package was called `docker-py`, which is not the one to install) sends the same requests. Two layers:
#
# - `docker.DockerClient` (high level): `client.containers`, `client.images`, `client.networks`, `client.volumes`,
#   each with `list`, `get`, `create`/`run`...; they return objects (`Container`, `Image`) with methods and `attrs`
#   (the raw JSON the engine answered);
# - `client.api`, an `APIClient` (low level): one method per API route, returning dicts and streams.
#
# **Connecting.** `docker.from_env()` reads `DOCKER_HOST` (`unix:///var/run/docker.sock` when unset on Linux,
# `tcp://host:2376` with `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH` for a remote engine over TLS, `ssh://user@host`
# through SSH). `docker.DockerClient(base_url=..., version=...)` says it explicitly. Pass `version="1.45"` (or
# whatever your engines support) to pin the API version; the default (`None`, or `"auto"`) asks the engine first.
#
# **The one thing people get wrong:** access to the engine's socket is root on that machine (a container started
# with `-v /:/host` can read and change every file). Mounting `/var/run/docker.sock` into a CI job or a web app
# hands out that power; never open the engine on TCP without TLS client certificates.

# %% course={"kind": "demo"}
# The real SDK, talking HTTP to the course's fake engine at 127.0.0.1 (a tcp:// URL, as for a remote engine).
print("SDK version:", docker.__version__)
print("engine URL: ", CLIENT.api.base_url, "| API version pinned:", CLIENT.api.api_version)
print("ping:", CLIENT.ping(), "| engine says:", CLIENT.version()["Version"])
ENGINE.requests.clear()
CLIENT.containers.list()
print("what the SDK sent for containers.list():", ENGINE.requests)

# %% [markdown] course={"kind": "text"}
# `docker.from_env()` is what scripts usually call; here `DOCKER_HOST` points it at the fake engine for one block.

# %% course={"kind": "demo"}
with preserved_environ("DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
    os.environ["DOCKER_HOST"] = CLIENT.api.base_url.replace("http://", "tcp://")
    for name in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        os.environ.pop(name, None)
    from_env = docker.from_env(version="1.45")
    from_env.api.trust_env = False  # ignore any HTTP proxy settings for 127.0.0.1
    print("from_env() reached", from_env.api.base_url, "->", from_env.ping())
    from_env.close()

# %% [markdown] course={"kind": "lesson", "id": "containers", "covers": ["c-container-operations", "c-listing-containers", "c-creating-containers", "c-starting-stopping-removing", "c-executing-commands", "c-logs-and-streaming", "c-container-inspection"]}
# ### Containers: create, start, stop, remove, inspect, logs
#
# | SDK call | what the engine does |
# |---|---|
# | `client.containers.run(image, cmd, detach=True, name=, labels=, environment=, ports=, volumes=)` | create + start; returns a `Container` |
# | `client.containers.run(image, cmd)` (no `detach`) | create, start, **wait for the exit**, return its output as bytes (raises `ContainerError` on a non-zero exit) |
# | `client.containers.create(...)`, `c.start()` | the two steps apart |
# | `c.stop(timeout=10)`, `c.kill()`, `c.restart()` | SIGTERM, then SIGKILL after the timeout / SIGKILL now |
# | `c.wait()` | block until it exits: `{"StatusCode": 3, "Error": None}` |
# | `c.remove(force=False, v=False)` | delete it (refused while running unless `force`); `v=True` also its anonymous volumes |
# | `client.containers.list(all=True, filters={"label": "team=shop", "status": "exited"})` | `docker ps -a --filter ...` |
# | `c.attrs`, `c.reload()` | the inspect JSON (`docker inspect`), and fetching it again |
# | `c.logs(stdout=, stderr=, stream=, follow=, tail=, since=, timestamps=)` | the container's output |
# | `c.exec_run(["ls", "/"])` | run a command inside a running container (`docker exec`) |
#
# `list()` without `all=True` shows **running** containers only, like `docker ps`. Filters run in the engine:
# `label` takes `key` or `key=value`; `status` is one of `created`, `running`, `exited`, `paused`...
#
# **Executing commands.** `exec_run(cmd, demux=True)` returns `(exit_code, (stdout, stderr))`. It needs a
# connection the engine takes over (a "hijacked" HTTP connection), which the course's fake does not emulate: the
# call below answers 501. Against a real engine it runs the command in the container.
#
# **The one thing people get wrong:** a `Container` object is a **snapshot**. `c.status` is what the engine said
# when the object was made; after `run(..., detach=True)` it still says `created`, because the object came from
# the create call. Call `c.reload()` before reading `status`, `health` or `attrs`.

# %% course={"kind": "demo"}
client = fresh()
web = client.containers.run("nginx:1.27", name="web", labels={"team": "shop"}, detach=True)
job = client.containers.run("alpine:3.20", ["sh", "-c", "echo migrated 3 tables; exit 0"], name="migrate", detach=True)
print("status right after run:", web.status)
web.reload()
print("after reload():        ", web.status)
print("job exit:", job.wait())
print("running only:", [c.name for c in client.containers.list()])
print("all:         ", [(c.name, c.status) for c in client.containers.list(all=True)])
print("label filter:", [c.name for c in client.containers.list(all=True, filters={"label": "team=shop"})])
print("inspect:", {key: web.attrs["State"][key] for key in ("Status", "Running", "StartedAt")})
try:
    web.exec_run(["nginx", "-t"])
except docker.errors.APIError as error:
    print("exec_run:", error.explanation)

# %% [markdown] course={"kind": "text"}
# `run()` without `detach` waits and returns the output; a non-zero exit becomes `docker.errors.ContainerError`
# carrying the exit status and stderr. Removing a running container is refused unless you stop it (or `force=True`).
#
# **Exit codes after `stop()`.** On a real engine the code says what the process did with the stop signal: its own
# code (often 0) when it handles SIGTERM and exits; 143 (128 + 15) when SIGTERM killed it; 137 (128 + SIGKILL's 9)
# when it ignored the signal and was killed when the timeout ran out. That last case is common: a program running as
# PID 1 in the container with no SIGTERM handler of its own ignores the signal, so `stop()` takes the full timeout.
# The fake engine always reports 143.

# %% course={"kind": "demo"}
print(client.containers.run("alpine:3.20", ["sh", "-c", "echo hello from a job"]))
try:
    client.containers.run("alpine:3.20", ["sh", "-c", "echo disk full >&2; exit 28"])
except docker.errors.ContainerError as error:
    print("ContainerError: exit", error.exit_status, "| stderr:", error.stderr)
try:
    web.remove()
except docker.errors.APIError as error:
    print("remove while running ->", error.status_code, error.explanation)
web.stop()
web.reload()
print("after stop:", web.status, "| exit code", web.attrs["State"]["ExitCode"], "(the fake's answer: 128 + SIGTERM's 15)")
web.remove()

# %% [markdown] course={"kind": "text"}
# **Logs and streaming.** A container without a terminal (`tty=False`, the default) has two output streams, and the
# engine sends both over one HTTP response, **multiplexed**: each piece is a *frame*, an 8-byte header (byte 0:
# the stream, 1 = stdout, 2 = stderr; bytes 1-3: zero; bytes 4-7: the payload's length, big-endian) followed by
# the payload. The SDK takes the frames apart for you (`logs()`, `logs(stream=True)`); you meet the raw format when
# you call the API yourself or read `attach` sockets. With `tty=True` there is one stream and no headers.

# %% course={"kind": "demo"}
client = fresh()
box = client.containers.run("alpine:3.20", ["sh", "-c", "echo starting; echo no config, using defaults >&2; echo done"],
                            name="talker", detach=True)
print("logs():          ", box.logs())
print("stderr only:     ", box.logs(stdout=False))
print("stream=True:     ", list(box.logs(stream=True)))
print("with timestamps: ", box.logs(timestamps=True, tail=1))
# CLIENT.api is a requests.Session: a plain GET on the logs route returns the bytes as the engine sent them.
raw = CLIENT.api.get(f"{CLIENT.api.base_url}/v1.45/containers/talker/logs", params={"stdout": 1, "stderr": 1}).content
print("the raw bytes:   ", raw[:26], "...")
print("first header:    ", struct.unpack(">BxxxL", raw[:8]), "= (stream 1: stdout, 9 bytes follow)")

# %% [markdown] course={"kind": "lesson", "id": "images", "covers": ["c-image-operations", "c-listing-images", "c-pulling-images", "c-building-images", "c-pushing-images", "c-image-tagging"]}
# ### Images: pull, build, tag, push
#
# An image reference has up to four parts: `registry/repository:tag@digest`. `nginx:1.27` is short for
# `docker.io/library/nginx:1.27`; `ghcr.io/acme/api:2.1` names another registry; `localhost:5000/app` has a
# registry with a **port** and no tag (so `latest`); `app@sha256:...` pins the exact content. A tag can move
# (someone pushes a new `1.27`); a digest cannot.
#
# | SDK call | what it does |
# |---|---|
# | `client.images.list(name=None, filters=)` | local images (`docker images`) |
# | `client.images.pull("nginx", tag="1.27")` | download from the registry; `client.api.pull(..., stream=True, decode=True)` yields the progress events |
# | `client.images.build(path=".", tag="shop/api:1.4", buildargs=, labels=, target=, pull=True)` | send the build context (a tar of the folder) to the engine, which runs the Dockerfile; returns `(image, log events)` |
# | `image.tag("registry.example.com/shop/api", "1.4")` | one more name for the same image id |
# | `client.images.push("registry.example.com/shop/api", tag="1.4", stream=True, decode=True)` | upload; **errors arrive as events** in the stream, not as exceptions |
# | `client.images.remove(ref)`, `client.images.prune(filters={"dangling": True})` | untag / delete; prune deletes dangling (untagged) images, and every unused one with `{"dangling": False}` |
#
# `images.build` with `fileobj=` and `custom_context=True` takes a tar you made in memory: handy when a program
# generates the Dockerfile. Registry log-in: `client.login(username, password, registry)`, or the credentials the
# `docker login` command stored.
#
# **The one thing people get wrong:** a push that fails usually does not raise. The engine answers `200` and starts
# streaming progress before it knows the outcome, so a refusal (not logged in, no such tag) arrives as an
# `{"error": ...}` event in the stream, and `images.push` just returns. Read every event and check for `error`. The
# same goes for a streamed pull that fails half-way; what fails before the stream starts (a pull of an image the
# registry does not have) raises `docker.errors.APIError`. `images.build` checks its stream itself and raises
# `BuildError`.

# %% course={"kind": "demo"}
client = fresh()
events = list(client.api.pull("python", tag="3.12-slim", stream=True, decode=True))
for event in events:
    print("  pull event:", event)
print("local images:", sorted(tag for image in client.images.list() for tag in image.tags))

# %% [markdown] course={"kind": "text"}
# Building from Python: a Dockerfile made in memory, packed into a tar as the build context. The fake engine reads
# the Dockerfile (FROM must be an image it has; LABEL and CMD are kept) but runs no step; a real engine runs them.

# %% course={"kind": "demo"}
dockerfile = 'FROM python:3.12-slim\nLABEL org.opencontainers.image.source="https://example.com/shop"\nCMD ["python", "-m", "shop"]\n'
image, log = client.images.build(fileobj=context_tar({"Dockerfile": dockerfile}), custom_context=True, tag="shop/api:1.4.0")
print("build log:", [event["stream"].strip() for event in log if "stream" in event])
print("built:", image.short_id, image.tags, image.labels)
image.tag("localhost:5000/shop/api", "1.4.0")
image.reload()
print("tags now:", sorted(image.tags))
for event in client.images.push("localhost:5000/shop/api", tag="1.4.0", stream=True, decode=True):
    print("  push event:", event)
for event in client.images.push("shop/api", tag="1.4.0", stream=True, decode=True):
    print("  push to Docker Hub, not logged in:", event)  # no exception was raised

# %% [markdown] course={"kind": "lesson", "id": "networks", "covers": ["c-network-operations", "c-creating-networks", "c-connecting-containers", "c-network-inspection"]}
# ### Networks: containers that find each other by name
#
# On a user-defined bridge network, containers reach each other by **container name** (the engine runs a DNS
# server for it); on the default `bridge` network they do not. `client.networks.create("shop", driver="bridge",
# labels=...)`, `network.connect(container, aliases=[...])`, `network.disconnect(container)`, `network.remove()`
# (refused while containers are attached). `client.containers.run(..., network="shop")` attaches at start.
#
# Two surprises, both shown below. **The `names` filter matches by substring**: `networks.list(names=["shop"])`
# also returns `shop-test`; compare `network.name == "shop"` yourself. **A list leaves out who is attached**:
# `network.containers` of a listed network is empty; `network.reload()` (an inspect) fills it, and so does
# `networks.list(..., greedy=True)`, which inspects every network it lists. About duplicates:
# network names were not unique in older engines (two networks named `shop` could exist, created through the API,
# and a name then matched both); since Docker Engine 25 (API 1.44) the engine refuses a second network with the
# same name, and the fake does too.

# %% course={"kind": "demo"}
client = fresh()
cache = client.containers.run("redis:7.4", name="cache", detach=True)
shop = client.networks.create("shop", labels={"app": "shop"})
client.networks.create("shop-test")
print("list(names=['shop']):", sorted(n.name for n in client.networks.list(names=["shop"])))
shop.connect(cache, aliases=["redis"])
listed = [n for n in client.networks.list(names=["shop"]) if n.name == "shop"][0]
print("containers of the listed network:", listed.containers)
listed.reload()
print("after reload():", [c.name for c in listed.containers])
cache.reload()
print("the container's side:", sorted(cache.attrs["NetworkSettings"]["Networks"]))
try:
    client.networks.create("shop")
except docker.errors.APIError as error:
    print("a second 'shop' ->", error.status_code, error.explanation)

# %% [markdown] course={"kind": "lesson", "id": "volumes", "covers": ["c-volume-operations", "c-creating-volumes", "c-mounting-volumes", "c-volume-management"]}
# ### Volumes: data that outlives the container
#
# A container's own file system goes away with `remove()`. A **named volume** (`client.volumes.create("pgdata",
# labels=...)`) is storage the engine manages, mounted with `volumes={"pgdata": {"bind": "/var/lib/postgresql/data",
# "mode": "rw"}}` (or the newer `mounts=[docker.types.Mount(...)]`); a **bind mount** uses a host path instead
# (`{"/srv/conf": {"bind": "/etc/app", "mode": "ro"}}`). `client.volumes.list(filters={"label": ...})`,
# `volume.remove()` (refused while a container uses it), `client.volumes.prune()` (unused volumes: a
# data-loss button, so filter by label). Since Docker Engine 23 (API 1.42) prune removes only unused *anonymous*
# volumes unless you add the filter `{"all": "true"}`; older engines removed named ones too.
#
# **The one thing people get wrong:** `container.remove()` keeps named volumes (that is the point), and `v=True`
# removes only *anonymous* ones; cleanup scripts that prune volumes without a label filter delete databases.

# %% course={"kind": "demo"}
client = fresh()
client.volumes.create("pgdata", labels={"app": "shop", "keep": "true"})
db = client.containers.run("postgres:16", name="db", detach=True,
                           volumes={"pgdata": {"bind": "/var/lib/postgresql/data", "mode": "rw"}})
print("mounts:", [(m["Type"], m["Name"], m["Destination"]) for m in db.attrs["Mounts"]])
try:
    client.volumes.get("pgdata").remove()
except docker.errors.APIError as error:
    print("remove while in use ->", error.explanation)
db.stop()
db.remove()
print("after the container is gone:", [v.name for v in client.volumes.list(filters={"label": "app=shop"})])

# %% [markdown] course={"kind": "lesson", "id": "compose", "covers": ["c-docker-compose", "c-docker-compose-python-library", "c-programmatic-compose-operations"]}
# ### Docker Compose from Python
#
# A Compose file (`compose.yaml`) declares services, networks and volumes; `docker compose up -d` creates them in
# dependency order. The original `docker-compose` was a Python program (Compose **v1**, on PyPI as
# `docker-compose`); Docker stopped updating it in July 2023. Compose **v2** is a Go plugin of the `docker`
# command (`docker compose`, with a space), and has no Python API. So "Compose from Python" today means:
#
# - run the command with `subprocess.run(["docker", "compose", "-f", path, "-p", project, "up", "-d", "--wait"],
#   check=True)`, and read machine output (`docker compose ps --format json`, `docker compose config --format json`);
# - or use a wrapper library such as `python-on-whales` (it calls the same command);
# - or read the file yourself (it is YAML) to check it, generate it, or order its services, and use the SDK.
#
# Compose puts labels on what it creates (`com.docker.compose.project`, `com.docker.compose.service`), so the SDK
# finds a project's containers with a label filter. `depends_on` orders **start-up only**; add
# `condition: service_healthy` to wait for the dependency's health check.

# %% course={"kind": "demo"}
compose = yaml.safe_load(
    """
services:
  api:
    image: shop/api:1.4.0
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started}
  db:
    image: postgres:16
  cache:
    image: redis:7.4
"""
)
project = "shop"
argv = ["docker", "compose", "-f", "compose.yaml", "-p", project, "up", "-d", "--wait"]
print("the command a script runs (not run here: no engine):", argv)
client = fresh()
for service, spec in compose["services"].items():  # what compose up does, by hand: labels make them findable
    if service != "api":
        client.containers.run(spec["image"], name=f"{project}-{service}-1", detach=True,
                              labels={"com.docker.compose.project": project, "com.docker.compose.service": service})
found = client.containers.list(filters={"label": f"com.docker.compose.project={project}"})
print("the project's containers:", sorted(c.labels["com.docker.compose.service"] for c in found))

# %% [markdown] course={"kind": "lesson", "id": "dockerfiles", "covers": ["c-dockerfile-generation", "c-generating-dockerfiles-programmatically", "c-best-practices-automation"]}
# ### Dockerfiles as text: generate them, check them
#
# A Dockerfile is a list of instructions, one per line; a line ending in `\` continues on the next. `RUN`, `CMD`
# and `ENTRYPOINT` take a **shell form** (`CMD python app.py`, run through `/bin/sh -c`) or an **exec form**, a JSON
# list (`CMD ["python", "app.py"]`, run directly, so the process gets signals such as the SIGTERM of `docker stop`).
# Each instruction makes a layer, and a layer is rebuilt when it or anything before it changes. The rules a team
# automates (in a generator, or in a linter such as hadolint run in CI):
#
# | rule | why |
# |---|---|
# | pin the base image (`python:3.12-slim`, or a digest), never `latest` or no tag | the same Dockerfile must build the same thing next month |
# | copy the dependency list and install it **before** `COPY . .` | a code change then reuses the cached install layer |
# | `apt-get install` and `rm -rf /var/lib/apt/lists/*` in the **same** `RUN` | a later `RUN rm` cannot shrink an earlier layer |
# | `COPY`, not `ADD`, for local files | `ADD` also fetches URLs and unpacks archives: surprises |
# | end with a `USER` that is not root | a process escaping the container is then not root |
# | exec form for `CMD`/`ENTRYPOINT` | the shell form puts `sh` at PID 1, which does not pass SIGTERM on |
#
# The course's parser (`course.runtime.dockerfile.parse_dockerfile`) turns the text into `Instruction` tuples:
# line, keyword, arguments, and the exec-form list when there is one. It is what you write in the exercise below.

# %% course={"kind": "demo"}
text = """\
# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir \\
      -r requirements.txt
COPY . .
USER 10001
CMD ["python", "-m", "shop"]
"""
for instruction in parse_dockerfile(text):
    print(instruction)

# %% [markdown] course={"kind": "exercise", "id": "image-ref", "item": "project-17-1-2"}
# ### Take an image reference apart
#
# Write `parse_image_ref(ref)` returning an `ImageRef(registry, repository, tag, digest)` (the `NamedTuple` from the
# setup cell) for a reference `[registry/]repository[:tag][@digest]`:
#
# - **digest**: after an `@`; it must be `sha256:` and 64 lowercase hex digits; `None` when there is no `@`;
# - **tag**: after the last `:` **that comes after the last `/`** (in `localhost:5000/app` the colon belongs to
#   the registry's port); 1 to 128 characters of letters, digits, `_`, `.`, `-`, not starting with `.` or `-`;
#   when there is no tag: `"latest"` if there is no digest either, otherwise `None`;
# - **registry**: the first `/`-separated part when there is more than one part and the first contains a `.` or
#   a `:`, or is exactly `localhost`; otherwise `"docker.io"`. It is taken as written, not checked further (Docker
#   also counts a first part with an upper-case letter as a registry; leave that rule out);
# - **repository**: the rest; on `docker.io`, a repository with no `/` gets `library/` in front (the official
#   images: `alpine` and `docker.io/alpine` both mean `docker.io/library/alpine`);
#   each `/`-separated component is lowercase letters and digits, possibly joined by one `.`, one or two `_`, or
#   any number of `-` (`my-app`, `my__app`, `v1.2`; not `My`, `app-`, `a..b`).
#
# Anything else (an empty string, a bad digest, tag or repository) raises `ValueError` naming the reference.
#
# ```python
# >>> parse_image_ref("localhost:5000/app")
# ImageRef(registry='localhost:5000', repository='app', tag='latest', digest=None)
# ```

# %% [markdown] course={"kind": "hint"}
# Cut the digest off first (`partition("@")`), then the tag: compare `name.rfind(":")` with `name.rfind("/")`.
# Then decide the registry, and only then add `library/` (it depends on the registry, not on the text having a `/`).

# %% [markdown] course={"kind": "hint"}
# One component of a repository: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`. Check each part of `repository.split("/")`
# with `re.fullmatch` (not `re.match`, which accepts a good prefix of a bad name).

# %% course={"kind": "solution"}
def parse_image_ref(ref: str) -> ImageRef:
    ### BEGIN SOLUTION
    name, at, digest = ref.partition("@")
    if at and not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
        raise ValueError(f"bad digest in {ref!r}")
    tag = None
    if name.rfind(":") > name.rfind("/"):
        name, _, tag = name.rpartition(":")
        if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag):
            raise ValueError(f"bad tag in {ref!r}")
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, rest
    else:
        registry, repository = "docker.io", name
    if registry == "docker.io" and "/" not in repository:
        repository = "library/" + repository
    for part in repository.split("/"):
        if not re.fullmatch(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", part):
            raise ValueError(f"bad repository in {ref!r}")
    if tag is None and not at:
        tag = "latest"
    return ImageRef(registry, repository, tag, digest if at else None)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert parse_image_ref("nginx:1.27") == ImageRef("docker.io", "library/nginx", "1.27", None), "official images live under library/"

# %% course={"kind": "test", "points": 2}
assert parse_image_ref("localhost:5000/app") == ImageRef("localhost:5000", "app", "latest", None), "a port is not a tag"
assert parse_image_ref("ghcr.io/acme/api:2.1") == ImageRef("ghcr.io", "acme/api", "2.1", None), "a dot makes a registry"
### BEGIN HIDDEN TESTS
assert parse_image_ref("localhost/app:v1") == ImageRef("localhost", "app", "v1", None)
assert parse_image_ref("acme/api") == ImageRef("docker.io", "acme/api", "latest", None)
assert parse_image_ref("registry:5000/a/b/c:x") == ImageRef("registry:5000", "a/b/c", "x", None)
assert parse_image_ref("docker.io/alpine") == ImageRef("docker.io", "library/alpine", "latest", None), "docker.io/alpine is official"
assert parse_image_ref("docker.io/acme/api:1") == ImageRef("docker.io", "acme/api", "1", None)
assert parse_image_ref("localhostx/app") == ImageRef("docker.io", "localhostx/app", "latest", None)
assert parse_image_ref("app") == ImageRef("docker.io", "library/app", "latest", None)
got = parse_image_ref("a:b")
assert type(got) is ImageRef and type(got.tag) is str
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
digest = "sha256:" + "0123456789abcdef" * 4
assert parse_image_ref("alpine@" + digest) == ImageRef("docker.io", "library/alpine", None, digest), "a digest and no tag: no tag"
assert parse_image_ref("alpine:3.20@" + digest) == ImageRef("docker.io", "library/alpine", "3.20", digest)
### BEGIN HIDDEN TESTS
assert parse_image_ref("localhost:5000/app@" + digest) == ImageRef("localhost:5000", "app", None, digest)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("", "acme/My", "app-", "a..b", "app:", "app:-x", "app:.x", "app:" + "x" * 129, "app@sha256:123",
            "app@" + digest.upper().replace("SHA", "sha"), "app@md5:" + "0" * 64, "/app", "app/", "a/-b", "app@" + digest + "0"):
    try:
        parse_image_ref(bad)
    except ValueError as error:
        assert repr(bad) in str(error) or bad in str(error), f"the error names the reference: {error}"
    else:
        raise AssertionError(f"{bad!r} must be refused")
### BEGIN HIDDEN TESTS
assert parse_image_ref("app:" + "x" * 128).tag == "x" * 128
assert parse_image_ref("app:_x").tag == "_x" and parse_image_ref("app:X.1-a").tag == "X.1-a"
assert parse_image_ref("my__app:1").repository == "library/my__app"
assert parse_image_ref("my---app:1").repository == "library/my---app"
assert parse_image_ref("Registry.Example.com/d") == ImageRef("Registry.Example.com", "d", "latest", None), "a registry is not a repository"
for bad in ("my___app", "a_.b", "a.-b", "app\n", "app:1\n"):
    try:
        parse_image_ref(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must be refused")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-colon"}
def parse_image_ref(ref):
    name, at, digest = ref.partition("@")
    if at and not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
        raise ValueError(ref)
    tag = None
    if ":" in name:
        name, _, tag = name.partition(":")
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, rest
    else:
        registry, repository = "docker.io", name if slash else "library/" + name
    for part in repository.split("/"):
        if not re.fullmatch(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", part):
            raise ValueError(ref)
    return ImageRef(registry, repository, tag or ("latest" if not at else None), digest if at else None)

# %% course={"kind": "wrong", "id": "no-library"}
def parse_image_ref(ref):
    name, at, digest = ref.partition("@")
    if at and not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
        raise ValueError(ref)
    tag = None
    if name.rfind(":") > name.rfind("/"):
        name, _, tag = name.rpartition(":")
        if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag):
            raise ValueError(ref)
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, rest
    else:
        registry, repository = "docker.io", name
    for part in repository.split("/"):
        if not re.fullmatch(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", part):
            raise ValueError(ref)
    return ImageRef(registry, repository, tag or ("latest" if not at else None), digest if at else None)

# %% course={"kind": "wrong", "id": "always-latest"}
def parse_image_ref(ref):
    name, at, digest = ref.partition("@")
    if at and not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
        raise ValueError(ref)
    tag = "latest"
    if name.rfind(":") > name.rfind("/"):
        name, _, tag = name.rpartition(":")
        if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag):
            raise ValueError(ref)
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, rest
    else:
        registry, repository = "docker.io", name if slash else "library/" + name
    for part in repository.split("/"):
        if not re.fullmatch(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", part):
            raise ValueError(ref)
    return ImageRef(registry, repository, tag, digest if at else None)

# %% course={"kind": "wrong", "id": "library-only-without-slash"}
def parse_image_ref(ref):
    name, at, digest = ref.partition("@")
    if at and not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
        raise ValueError(ref)
    tag = None
    if name.rfind(":") > name.rfind("/"):
        name, _, tag = name.rpartition(":")
        if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag):
            raise ValueError(ref)
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, rest
    else:
        registry, repository = "docker.io", name if slash else "library/" + name
    for part in repository.split("/"):
        if not re.fullmatch(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", part):
            raise ValueError(ref)
    return ImageRef(registry, repository, tag or ("latest" if not at else None), digest if at else None)

# %% course={"kind": "wrong", "id": "match-not-fullmatch"}
def parse_image_ref(ref):
    name, at, digest = ref.partition("@")
    if at and not re.match(r"sha256:[0-9a-f]{64}", digest):
        raise ValueError(ref)
    tag = None
    if name.rfind(":") > name.rfind("/"):
        name, _, tag = name.rpartition(":")
        if not re.match(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag):
            raise ValueError(ref)
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first, rest
    else:
        registry, repository = "docker.io", name if slash else "library/" + name
    for part in repository.split("/"):
        if not re.match(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", part):
            raise ValueError(ref)
    return ImageRef(registry, repository, tag or ("latest" if not at else None), digest if at else None)

# %% [markdown] course={"kind": "exercise", "id": "parse-dockerfile", "item": "project-17-1-2"}
# ### Read a Dockerfile as instructions
#
# Write `instructions(text)` returning a `list` of `Instruction(line, keyword, args, exec_form)` (imported in the
# setup cell), one per instruction, in order:
#
# - skip blank lines and comment lines (first non-blank character `#`), **also in the middle of an instruction
#   continued over several lines**;
# - a line ending in `\` continues on the next line: strip each piece (and the `\`) and join the non-empty pieces
#   with one space; `line` is the number (from 1) of the line where the instruction starts; a `\` on the very last
#   line still ends the instruction;
# - `keyword` is the first word in upper case (`from` is `FROM`), `args` the rest, stripped (words may be separated
#   by spaces or tabs);
# - `exec_form` is the list when `args` is a JSON list of strings (`["python", "app.py"]`), otherwise `None`
#   (`[python]` is not JSON; `[1, 2]` holds no strings).
#
# ```python
# >>> instructions('FROM alpine:3.20\nRUN apk add curl \\\n    jq\nCMD ["sh"]\n')
# [Instruction(line=1, keyword='FROM', args='alpine:3.20', exec_form=None),
#  Instruction(line=2, keyword='RUN', args='apk add curl jq', exec_form=None),
#  Instruction(line=4, keyword='CMD', args='["sh"]', exec_form=['sh'])]
# ```
#
# (The course's own `parse_dockerfile` follows the same rules; write yours without it.)

# %% [markdown] course={"kind": "hint"}
# Keep a list of pending pieces and the line number where they started; when a line does not end in `\`, join the
# pieces into one instruction and start again.

# %% [markdown] course={"kind": "hint"}
# `json.loads` raises `ValueError` (its `JSONDecodeError` is one) on text that is not JSON; after it, check
# `isinstance(value, list) and all(isinstance(item, str) for item in value)`. `joined.split(None, 1)` splits the
# keyword off at any whitespace.

# %% course={"kind": "solution"}
def instructions(text: str) -> list[Instruction]:
    ### BEGIN SOLUTION
    def make(line: int, pieces: list[str]) -> Instruction:
        keyword, *rest = " ".join(pieces).split(None, 1)
        args = rest[0] if rest else ""
        exec_form = None
        if args.startswith("["):
            try:
                value = json.loads(args)
            except ValueError:
                value = None
            if isinstance(value, list) and all(isinstance(item, str) for item in value):
                exec_form = value
        return Instruction(line, keyword.upper(), args, exec_form)

    found = []
    pieces: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not pieces:
            start = number
        continued = stripped.endswith("\\")
        piece = stripped[:-1].strip() if continued else stripped
        if piece:
            pieces.append(piece)
        if not continued:
            found.append(make(start, pieces))
            pieces = []
    if pieces:
        found.append(make(start, pieces))
    return found
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert instructions("FROM alpine:3.20\nUSER app\n") == [
    Instruction(1, "FROM", "alpine:3.20", None), Instruction(2, "USER", "app", None)
], "one instruction per line, numbered from 1"

# %% course={"kind": "test", "points": 2}
text = "# build\nFROM python:3.12\n\nRUN pip install \\\n    # pinned versions\n\n    -r requirements.txt\nexpose 8000\n"
assert instructions(text) == [
    Instruction(2, "FROM", "python:3.12", None),
    Instruction(4, "RUN", "pip install -r requirements.txt", None),
    Instruction(8, "EXPOSE", "8000", None),
], "continuations join; comments and blank lines inside them are skipped; keywords in upper case"
### BEGIN HIDDEN TESTS
assert instructions("RUN a \\\n  \\\n  b") == [Instruction(1, "RUN", "a b", None)], "an empty piece adds nothing"
assert instructions("RUN a \\") == [Instruction(1, "RUN", "a", None)], "a continuation on the last line"
assert instructions("RUN a\\\nb") == [Instruction(1, "RUN", "a b", None)], "no space before the backslash"
assert instructions("RUN a \\\n# only a comment after") == [Instruction(1, "RUN", "a", None)]
assert instructions("") == [] and instructions("\n  # x\n\n") == []
assert instructions("  from\talpine  ") == [Instruction(1, "FROM", "alpine", None)]
assert instructions("HEALTHCHECK") == [Instruction(1, "HEALTHCHECK", "", None)]
assert instructions("RUN a \\\r\n  b\r\n") == [Instruction(1, "RUN", "a b", None)]
assert type(instructions("USER a")) is list


def refuse(text):
    raise AssertionError("write your own parser: instructions() must not call the course's parse_dockerfile")


course_parser, parse_dockerfile = parse_dockerfile, refuse
try:
    assert instructions("FROM a:1\n") == [Instruction(1, "FROM", "a:1", None)]
finally:
    parse_dockerfile = course_parser
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
got = instructions('CMD ["python", "-m", "app"]\nCMD [python]\nENTRYPOINT [1, 2]\nCMD python app.py\nCMD []\n')
assert [i.exec_form for i in got] == [["python", "-m", "app"], None, None, None, []], "only a JSON list of strings is the exec form"
assert got[0].args == '["python", "-m", "app"]', "args keep the text as written"
### BEGIN HIDDEN TESTS
assert instructions('CMD "python"')[0].exec_form is None, "a JSON string is not a list"
assert instructions('RUN ["a", \\\n "b"]')[0] == Instruction(1, "RUN", '["a", "b"]', ["a", "b"])
assert instructions("CMD [\"a\"] trailing")[0].exec_form is None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "calls-the-course-parser"}
def instructions(text):
    return parse_dockerfile(text)

# %% course={"kind": "wrong", "id": "no-continuation"}
def instructions(text):
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        keyword, *rest = stripped.rstrip("\\").split(None, 1)
        args = rest[0].strip() if rest else ""
        try:
            value = json.loads(args)
        except ValueError:
            value = None
        exec_form = value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None
        found.append(Instruction(number, keyword.upper(), args, exec_form))
    return found

# %% course={"kind": "wrong", "id": "bracket-means-exec"}
def instructions(text):
    found, pieces, start = [], [], 0
    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not pieces:
            start = number
        continued = stripped.endswith("\\")
        piece = stripped[:-1].strip() if continued else stripped
        if piece:
            pieces.append(piece)
        if not continued or number == len(lines):
            keyword, *rest = " ".join(pieces).split(None, 1)
            args = rest[0] if rest else ""
            exec_form = [w.strip(' "') for w in args[1:-1].split(",") if w.strip()] if args.startswith("[") else None
            found.append(Instruction(start, keyword.upper(), args, exec_form))
            pieces = []
    return found

# %% course={"kind": "wrong", "id": "comment-ends-instruction"}
def instructions(text):
    found, pieces, start = [], [], 0
    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped and not pieces:
            continue
        if stripped.startswith("#") and not pieces:
            continue
        if not pieces:
            start = number
        continued = stripped.endswith("\\")
        piece = stripped[:-1].strip() if continued else stripped
        if piece:
            pieces.append(piece)
        if not continued or number == len(lines):
            keyword, *rest = " ".join(pieces).split(None, 1)
            args = rest[0] if rest else ""
            try:
                value = json.loads(args)
            except ValueError:
                value = None
            exec_form = value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None
            found.append(Instruction(start, keyword.upper(), args, exec_form))
            pieces = []
    return found

# %% [markdown] course={"kind": "exercise", "id": "lint-dockerfile", "item": "project-17-1-2"}
# ### A Dockerfile linter
#
# Write `lint_dockerfile(text)` returning the findings as a **sorted** `list` of `(line, code)` tuples, reading the
# text with the course's `parse_dockerfile` (same rules as your `instructions`). In each instruction, words
# starting with `--` (`--platform=linux/amd64`, `--chown=app`) are options and do not count as words; the words of
# an exec-form instruction are its list. A **stage** starts at each `FROM`. The rules:
#
# | code | where | when |
# |---|---|---|
# | `unpinned-base` | the `FROM` | its image has no digest (`@`) and no tag, or the tag `latest`; the tag is after a `:` in the part after the last `/` (so `localhost:5000/app` has none). Not for `scratch` nor for the name of an earlier stage (`FROM python:3.12 AS build` ... `FROM build`); both compared in lower case |
# | `add-not-copy` | the `ADD` | none of its sources (every word but the last) is a URL (`http://`, `https://`) or an archive that `ADD` unpacks, told by its name: `.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tar.xz` (not `.zip`, which `ADD` copies as it is) |
# | `apt-lists-kept` | the `RUN` | it contains `apt-get install` but not `rm -rf /var/lib/apt/lists` |
# | `cache-order` | the `COPY`/`ADD` | it copies the whole context (a source `.` or `./`) and a **later** `RUN` of the **same stage** contains `pip install`, `npm ci` or `npm install` |
# | `shell-form` | the `CMD`/`ENTRYPOINT` | it is not in exec form |
# | `runs-as-root` | the last `USER` of the final stage, or the final `FROM` when that stage has none | the final stage has no `USER`, or its last `USER` is `root` or `0` (a `:group` after it does not matter). Nothing when there is no `FROM` at all |
#
# ```python
# >>> lint_dockerfile("FROM python\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD python /app/main.py\n")
# [(1, 'runs-as-root'), (1, 'unpinned-base'), (2, 'cache-order'), (4, 'shell-form')]
# ```

# %% [markdown] course={"kind": "hint"}
# Walk the instructions once, keeping per-stage state that you reset at each `FROM`: the last `USER` seen, and the
# lines of whole-context copies not yet reported. A `RUN` that installs reports those lines.

# %% [markdown] course={"kind": "hint"}
# For the tag: `image.split("/")[-1].partition(":")[2]`. Stage names come from `FROM image AS name`
# (`words[1].lower() == "as"`).

# %% course={"kind": "solution"}
def lint_dockerfile(text: str) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    found = []
    stages = set()
    final_from = None
    whole_copies: list[int] = []
    for step in parse_dockerfile(text):
        words = [w for w in (step.exec_form if step.exec_form is not None else step.args.split()) if not w.startswith("--")]
        if step.keyword == "FROM":
            image = words[0].lower() if words else ""
            tag = image.split("/")[-1].partition(":")[2]
            pinned = "@" in image or tag not in ("", "latest")
            if not pinned and image != "scratch" and image not in stages:
                found.append((step.line, "unpinned-base"))
            if len(words) > 2 and words[1].lower() == "as":
                stages.add(words[2].lower())
            final_from, user, whole_copies = step.line, None, []
        if step.keyword == "ADD":
            sources = words[:-1]
            if not any(s.startswith(("http://", "https://")) or s.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")) for s in sources):
                found.append((step.line, "add-not-copy"))
        if step.keyword in ("COPY", "ADD") and any(s in (".", "./") for s in words[:-1]):
            whole_copies.append(step.line)
        if step.keyword == "RUN":
            if "apt-get install" in step.args and "rm -rf /var/lib/apt/lists" not in step.args:
                found.append((step.line, "apt-lists-kept"))
            if any(tool in step.args for tool in ("pip install", "npm ci", "npm install")):
                found += [(line, "cache-order") for line in whole_copies]
                whole_copies = []
        if step.keyword in ("CMD", "ENTRYPOINT") and step.exec_form is None:
            found.append((step.line, "shell-form"))
        if step.keyword == "USER":
            user = (step.line, words[0] if words else "")
    if final_from is not None:
        if user is None:
            found.append((final_from, "runs-as-root"))
        elif user[1].partition(":")[0] in ("root", "0"):
            found.append((user[0], "runs-as-root"))
    return sorted(found)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
good = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nUSER 10001\nCMD ["python", "app.py"]\n'
assert lint_dockerfile(good) == [], "a Dockerfile that follows every rule has no findings"
assert lint_dockerfile("FROM python\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD python /app/main.py\n") == [
    (1, "runs-as-root"), (1, "unpinned-base"), (2, "cache-order"), (4, "shell-form")
], "the example: sorted (line, code) tuples"

# %% course={"kind": "test", "points": 2}
def codes(text):
    return [code for _, code in lint_dockerfile(text + "\nUSER app\n")]


assert codes("FROM python:latest") == ["unpinned-base"] and codes("FROM localhost:5000/app") == ["unpinned-base"], "latest and no tag"
assert codes("FROM python:3.12") == [] and codes("FROM python@sha256:" + "a" * 64) == [], "a tag or a digest pins"
assert codes("FROM scratch") == [] and codes("FROM --platform=linux/arm64 python:3.12") == []
### BEGIN HIDDEN TESTS
assert codes("FROM localhost:5000/app:1.2") == [] and codes("FROM registry:5000/team/app:latest") == ["unpinned-base"]
assert codes("FROM Python:LATEST") == ["unpinned-base"]
assert lint_dockerfile("FROM python:3.12 AS Build\nRUN make\nFROM build\nUSER app\n") == [], "an earlier stage's name"
assert lint_dockerfile("FROM base\nUSER app\nFROM python:3.12 AS base\nUSER app\n") == [(1, "unpinned-base")], "a later stage does not count"
assert lint_dockerfile("FROM\nUSER app\n") == [(1, "unpinned-base")]
assert lint_dockerfile("FROM a:1 AS\nUSER app\n") == [] and lint_dockerfile("FROM a:1 as b\nFROM B\nUSER app\n") == []
assert lint_dockerfile("RUN pip install x\n") == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert codes("FROM a:1\nADD app.py /app/") == ["add-not-copy"], "ADD of a local file"
assert codes("FROM a:1\nADD https://example.com/x.bin /x\nADD site.tar.gz /srv/") == [], "URLs and archives are what ADD is for"
assert codes("FROM a:1\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*") == ["apt-lists-kept"], (
    "cleaning up in a later RUN does not shrink the layer"
)
assert codes("FROM a:1\nRUN apt-get update && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*") == []
### BEGIN HIDDEN TESTS
assert codes('FROM a:1\nADD ["a.tgz", "b.txt", "/x/"]') == [] and codes('FROM a:1\nADD ["b.txt", "/x/"]') == ["add-not-copy"]
assert codes("FROM a:1\nADD --chown=app http://x/y.bin /y") == [] and codes("FROM a:1\nADD --chown=app b.tar /y") == []
assert codes("FROM a:1\nADD app.py /srv/app.tar") == ["add-not-copy"], "the destination is not a source"
assert codes("FROM a:1\nADD x.zip /y") == ["add-not-copy"] and codes("FROM a:1\nADD http /y") == ["add-not-copy"]
assert codes("FROM a:1\nADD x.tar.xz /y\nADD y.tar.bz2 /z") == []
assert codes("FROM a:1\nRUN apt-get install -y x") == ["apt-lists-kept"] and codes("FROM a:1\nRUN apt-get update") == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert lint_dockerfile("FROM a:1\nCOPY . .\nRUN pip install .\nUSER app\n") == [(2, "cache-order")], "whole-context copy, then an install"
assert lint_dockerfile("FROM a:1\nCOPY . .\nRUN make\nUSER app\n") == [], "no install after it: nothing to cache"
assert lint_dockerfile("FROM a:1\nCOPY . .\nFROM b:1\nRUN pip install x\nUSER app\n") == [], "another stage's install does not count"
### BEGIN HIDDEN TESTS
assert lint_dockerfile("FROM a:1\nCOPY ./ /src\nCOPY . /x\nRUN npm ci\nRUN npm install\nUSER app\n") == [(2, "cache-order"), (3, "cache-order")]
assert lint_dockerfile("FROM a:1\nRUN pip install x\nCOPY . .\nUSER app\n") == [], "install first is the right order"
assert lint_dockerfile("FROM a:1\nCOPY --chown=app . .\nRUN pip install x\nUSER app\n") == [(2, "cache-order")]
assert lint_dockerfile("FROM a:1\nADD . .\nRUN npm install\nUSER app\n") == [(2, "add-not-copy"), (2, "cache-order")]
assert lint_dockerfile("FROM a:1\nCOPY src/ .\nRUN pip install x\nUSER app\n") == [], "the destination '.' is not a source"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert lint_dockerfile("FROM a:1\nUSER app\nCMD python app.py\nENTRYPOINT run.sh\n") == [(3, "shell-form"), (4, "shell-form")]
assert lint_dockerfile("FROM a:1 AS build\nUSER app\nFROM b:1\n") == [(3, "runs-as-root")], "the final stage has no USER"
assert lint_dockerfile("FROM a:1\nUSER app\nRUN x\nUSER root\n") == [(4, "runs-as-root")], "the last USER counts"
### BEGIN HIDDEN TESTS
assert lint_dockerfile("FROM a:1\nUSER 0:0\n") == [(2, "runs-as-root")] and lint_dockerfile("FROM a:1\nUSER root:app\n") == [(2, "runs-as-root")]
assert lint_dockerfile("FROM a:1\nUSER root\nUSER 1000:0\n") == [] and lint_dockerfile("FROM a:1\nUSER rooted\n") == []
assert lint_dockerfile("") == [] and lint_dockerfile("RUN x\n") == []
assert lint_dockerfile('FROM a:1\nUSER app\nCMD ["x"]\nENTRYPOINT ["y", "z"]\n') == []
got = lint_dockerfile("FROM a\n")
assert type(got) is list and all(type(item) is tuple for item in got)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "colon-means-tag"}
def lint_dockerfile(text):
    found, stages, final_from, user, whole = [], set(), None, None, []
    for step in parse_dockerfile(text):
        words = [w for w in (step.exec_form if step.exec_form is not None else step.args.split()) if not w.startswith("--")]
        if step.keyword == "FROM":
            image = words[0].lower() if words else ""
            if not ("@" in image or (":" in image and not image.endswith(":latest"))) and image != "scratch" and image not in stages:
                found.append((step.line, "unpinned-base"))
            if len(words) > 2 and words[1].lower() == "as":
                stages.add(words[2].lower())
            final_from, user, whole = step.line, None, []
        if step.keyword == "ADD" and not any(s.startswith(("http://", "https://")) or s.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")) for s in words[:-1]):
            found.append((step.line, "add-not-copy"))
        if step.keyword in ("COPY", "ADD") and any(s in (".", "./") for s in words[:-1]):
            whole.append(step.line)
        if step.keyword == "RUN":
            if "apt-get install" in step.args and "rm -rf /var/lib/apt/lists" not in step.args:
                found.append((step.line, "apt-lists-kept"))
            if any(tool in step.args for tool in ("pip install", "npm ci", "npm install")):
                found += [(line, "cache-order") for line in whole]
                whole = []
        if step.keyword in ("CMD", "ENTRYPOINT") and step.exec_form is None:
            found.append((step.line, "shell-form"))
        if step.keyword == "USER":
            user = (step.line, words[0] if words else "")
    if final_from is not None:
        if user is None:
            found.append((final_from, "runs-as-root"))
        elif user[1].partition(":")[0] in ("root", "0"):
            found.append((user[0], "runs-as-root"))
    return sorted(found)

# %% course={"kind": "wrong", "id": "any-stage-user"}
def lint_dockerfile(text):
    found, stages, final_from, user, whole = [], set(), None, None, []
    for step in parse_dockerfile(text):
        words = [w for w in (step.exec_form if step.exec_form is not None else step.args.split()) if not w.startswith("--")]
        if step.keyword == "FROM":
            image = words[0].lower() if words else ""
            tag = image.rsplit("/", 1)[-1].partition(":")[2]
            if not ("@" in image or tag not in ("", "latest")) and image != "scratch" and image not in stages:
                found.append((step.line, "unpinned-base"))
            if len(words) > 2 and words[1].lower() == "as":
                stages.add(words[2].lower())
            final_from, whole = step.line, []
        if step.keyword == "ADD" and not any(s.startswith(("http://", "https://")) or s.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")) for s in words[:-1]):
            found.append((step.line, "add-not-copy"))
        if step.keyword in ("COPY", "ADD") and any(s in (".", "./") for s in words[:-1]):
            whole.append(step.line)
        if step.keyword == "RUN":
            if "apt-get install" in step.args and "rm -rf /var/lib/apt/lists" not in step.args:
                found.append((step.line, "apt-lists-kept"))
            if any(tool in step.args for tool in ("pip install", "npm ci", "npm install")):
                found += [(line, "cache-order") for line in whole]
                whole = []
        if step.keyword in ("CMD", "ENTRYPOINT") and step.exec_form is None:
            found.append((step.line, "shell-form"))
        if step.keyword == "USER":
            user = (step.line, words[0] if words else "")
    if final_from is not None:
        if user is None:
            found.append((final_from, "runs-as-root"))
        elif user[1].partition(":")[0] in ("root", "0"):
            found.append((user[0], "runs-as-root"))
    return sorted(found)

# %% course={"kind": "wrong", "id": "copy-order-across-stages"}
def lint_dockerfile(text):
    found, stages, final_from, user, whole = [], set(), None, None, []
    for step in parse_dockerfile(text):
        words = [w for w in (step.exec_form if step.exec_form is not None else step.args.split()) if not w.startswith("--")]
        if step.keyword == "FROM":
            image = words[0].lower() if words else ""
            tag = image.rsplit("/", 1)[-1].partition(":")[2]
            if not ("@" in image or tag not in ("", "latest")) and image != "scratch" and image not in stages:
                found.append((step.line, "unpinned-base"))
            if len(words) > 2 and words[1].lower() == "as":
                stages.add(words[2].lower())
            final_from, user = step.line, None
        if step.keyword == "ADD" and not any(s.startswith(("http://", "https://")) or s.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")) for s in words[:-1]):
            found.append((step.line, "add-not-copy"))
        if step.keyword in ("COPY", "ADD") and any(s in (".", "./") for s in words[:-1]):
            whole.append(step.line)
        if step.keyword == "RUN":
            if "apt-get install" in step.args and "rm -rf /var/lib/apt/lists" not in step.args:
                found.append((step.line, "apt-lists-kept"))
            if any(tool in step.args for tool in ("pip install", "npm ci", "npm install")):
                found += [(line, "cache-order") for line in whole]
                whole = []
        if step.keyword in ("CMD", "ENTRYPOINT") and step.exec_form is None:
            found.append((step.line, "shell-form"))
        if step.keyword == "USER":
            user = (step.line, words[0] if words else "")
    if final_from is not None:
        if user is None:
            found.append((final_from, "runs-as-root"))
        elif user[1].partition(":")[0] in ("root", "0"):
            found.append((user[0], "runs-as-root"))
    return sorted(found)

# %% [markdown] course={"kind": "exercise", "id": "inventory", "item": "x-list-and-manage-containers"}
# ### A container inventory by label
#
# Teams label their containers (`team=shop`, `env=prod`). Write `inventory(client, label)` returning a `dict` that
# maps each value of the label to a **sorted** `list` of `(name, status)` tuples, with the keys in sorted order, for
# **every** container that has the label, running or not. Containers without the label are not in it. Let the
# engine do the filtering: one `containers.list` call with a `label` filter (the engine holds thousands of
# containers; the SDK inspects each one it lists).
#
# ```python
# >>> inventory(client, "team")
# {'data': [('etl', 'exited')], 'shop': [('api', 'running'), ('cache', 'running')]}
# ```

# %% [markdown] course={"kind": "hint"}
# `client.containers.list(all=True, filters={"label": label})`; without `all=True` you get the running ones only.

# %% [markdown] course={"kind": "hint"}
# `container.labels[label]`, `container.name`, `container.status`; `dict.setdefault(key, []).append(...)`, then
# build the result from `sorted(groups)`.

# %% course={"kind": "solution"}
def inventory(client: docker.DockerClient, label: str) -> dict[str, list[tuple[str, str]]]:
    ### BEGIN SOLUTION
    groups: dict[str, list[tuple[str, str]]] = {}
    for container in client.containers.list(all=True, filters={"label": label}):
        groups.setdefault(container.labels[label], []).append((container.name, container.status))
    return {value: sorted(groups[value]) for value in sorted(groups)}
    ### END SOLUTION


# %% course={"kind": "setup", "id": "inventory-scene"}
def inventory_scene() -> docker.DockerClient:
    """Six containers: four labelled team=..., one labelled env only, one with no label; made in a shuffled order."""
    client = fresh()
    client.containers.run("redis:7.4", name="cache", labels={"team": "shop"}, detach=True)
    client.containers.create("alpine:3.20", name="batch", labels={"team": "data"})
    client.containers.run("alpine:3.20", ["sh", "-c", "exit 1"], name="etl", labels={"team": "data"}, detach=True)
    client.containers.run("redis:7.4", name="other", labels={"env": "prod"}, detach=True)
    client.containers.run("nginx:1.27", name="api", labels={"team": "shop", "env": "prod"}, detach=True)
    client.containers.run("redis:7.4", name="plain", detach=True)
    ENGINE.requests.clear()
    return client


# %% course={"kind": "test", "points": 1}
client = inventory_scene()
got = inventory(client, "team")
assert got["shop"] == [("api", "running"), ("cache", "running")], f"running containers by name: {got}"

# %% course={"kind": "test", "points": 2}
client = inventory_scene()
got = inventory(client, "team")
assert got == {"data": [("batch", "created"), ("etl", "exited")], "shop": [("api", "running"), ("cache", "running")]}, (
    f"stopped and never-started containers count too: {got}"
)
assert list(got) == ["data", "shop"], "keys in sorted order"
### BEGIN HIDDEN TESTS
assert type(got) is dict and all(type(v) is list and all(type(t) is tuple for t in v) for v in got.values())
assert inventory(client, "env") == {"prod": [("api", "running"), ("other", "running")]}
assert inventory(client, "nobody-uses-this") == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = inventory_scene()
inventory(client, "team")
lists = [path for method, path in ENGINE.requests if path == "/containers/json"]
inspects = [path for method, path in ENGINE.requests if path.startswith("/containers/") and path.endswith("/json") and path != "/containers/json"]
assert len(lists) == 1, f"one list call: {ENGINE.requests}"
assert len(inspects) <= 4, f"only the labelled containers are fetched (the engine filters): {len(inspects)} inspected"

# %% course={"kind": "wrong", "id": "running-only"}
def inventory(client, label):
    groups = {}
    for container in client.containers.list(filters={"label": label}):
        groups.setdefault(container.labels[label], []).append((container.name, container.status))
    return {value: sorted(groups[value]) for value in sorted(groups)}

# %% course={"kind": "wrong", "id": "filter-in-python"}
def inventory(client, label):
    groups = {}
    for container in client.containers.list(all=True):
        if label in container.labels:
            groups.setdefault(container.labels[label], []).append((container.name, container.status))
    return {value: sorted(groups[value]) for value in sorted(groups)}

# %% course={"kind": "wrong", "id": "engine-order"}
def inventory(client, label):
    groups = {}
    for container in client.containers.list(all=True, filters={"label": label}):
        groups.setdefault(container.labels[label], []).append((container.name, container.status))
    return groups

# %% [markdown] course={"kind": "exercise", "id": "cleanup", "item": "project-17-1-1"}
# ### Clean up old exited containers
#
# Write `remove_exited(client, older_than, now)` that removes every container that **exited** at least
# `older_than` seconds before `now` (epoch seconds), except those labelled `keep=true`, and returns the removed
# names as a sorted `list`. Running containers and containers that were created but never started stay. The time a
# container exited is `attrs["State"]["FinishedAt"]`, an RFC 3339 text with nanoseconds
# (`2026-01-01T00:00:30.000000000Z`); Python 3.11's `datetime.fromisoformat` reads it (earlier versions do not).
#
# ```python
# >>> remove_exited(client, older_than=3600, now=ENGINE.now)   # exited two hours ago, and ten minutes ago
# ['old-job']
# ```

# %% [markdown] course={"kind": "hint"}
# A container that never ran has `FinishedAt` = `0001-01-01T00:00:00Z`: very old, and not exited. Ask the engine
# for `filters={"status": "exited"}` rather than trusting the time alone.

# %% [markdown] course={"kind": "hint"}
# `datetime.fromisoformat(text).timestamp()` gives epoch seconds; "at least `older_than`" is `now - finished >=
# older_than`.

# %% course={"kind": "solution", "equivalent": {"m-36d421d3": "with a status filter the engine lists stopped containers without all=True (docker ps -f status=exited), and so does the fake"}}
def remove_exited(client: docker.DockerClient, older_than: float, now: float) -> list[str]:
    ### BEGIN SOLUTION
    removed = []
    for container in client.containers.list(all=True, filters={"status": "exited"}):
        if container.labels.get("keep") == "true":
            continue
        finished = datetime.fromisoformat(container.attrs["State"]["FinishedAt"]).timestamp()
        if now - finished >= older_than:
            container.remove()
            removed.append(container.name)
    return sorted(removed)
    ### END SOLUTION


# %% course={"kind": "setup", "id": "cleanup-scene"}
def cleanup_scene() -> docker.DockerClient:
    """At START: old-job and kept exit, mid-job starts; START+3000: mid-job is stopped; START+3600: never-ran is created, web runs;
    START+7000: new-job exits; the clock ends at START+7200."""
    client = fresh()
    client.containers.run("alpine:3.20", ["sh", "-c", "exit 0"], name="old-job", detach=True)
    client.containers.run("alpine:3.20", ["sh", "-c", "exit 2"], name="kept", labels={"keep": "true"}, detach=True)
    mid = client.containers.run("redis:7.4", name="mid-job", labels={"keep": "false"}, detach=True)
    ENGINE.advance(3000)
    mid.stop()
    ENGINE.advance(600)
    client.containers.create("alpine:3.20", name="never-ran")
    client.containers.run("nginx:1.27", name="web", detach=True)
    ENGINE.advance(3400)
    client.containers.run("alpine:3.20", ["sh", "-c", "exit 0"], name="new-job", detach=True)
    ENGINE.advance(200)
    return client


def names_left(client: docker.DockerClient) -> list[str]:
    return sorted(c.name for c in client.containers.list(all=True))


# %% course={"kind": "test", "points": 1}
client = cleanup_scene()
assert remove_exited(client, older_than=7000, now=ENGINE.now) == ["old-job"], "exited 7200 s ago: removed"
assert "old-job" not in names_left(client), "and really removed from the engine"

# %% course={"kind": "test", "points": 2}
client = cleanup_scene()
assert remove_exited(client, older_than=4200, now=ENGINE.now) == ["mid-job", "old-job"], "exactly 4200 s old counts"
assert names_left(client) == ["kept", "never-ran", "new-job", "web"], "keep=true, running and never-started stay"
### BEGIN HIDDEN TESTS
client = cleanup_scene()
assert remove_exited(client, older_than=4201, now=ENGINE.now) == ["old-job"]
client = cleanup_scene()
got = remove_exited(client, older_than=0, now=ENGINE.now)
assert got == ["mid-job", "new-job", "old-job"] and type(got) is list
assert names_left(client) == ["kept", "never-ran", "web"]
client = cleanup_scene()
assert remove_exited(client, older_than=101, now=START + 7100) == ["mid-job", "old-job"], "now is the argument, not a clock"
assert remove_exited(client, older_than=10**9, now=ENGINE.now) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "finished-at-only"}
def remove_exited(client, older_than, now):
    removed = []
    for container in client.containers.list(all=True):
        if container.labels.get("keep") == "true" or container.status == "running":
            continue
        finished = datetime.fromisoformat(container.attrs["State"]["FinishedAt"]).timestamp()
        if now - finished >= older_than:
            container.remove()
            removed.append(container.name)
    return sorted(removed)

# %% course={"kind": "wrong", "id": "created-time"}
def remove_exited(client, older_than, now):
    removed = []
    for container in client.containers.list(all=True, filters={"status": "exited"}):
        if container.labels.get("keep") == "true":
            continue
        created = datetime.fromisoformat(container.attrs["Created"]).timestamp()
        if now - created >= older_than:
            container.remove()
            removed.append(container.name)
    return sorted(removed)

# %% course={"kind": "wrong", "id": "strictly-older"}
def remove_exited(client, older_than, now):
    removed = []
    for container in client.containers.list(all=True, filters={"status": "exited"}):
        if container.labels.get("keep") == "true":
            continue
        finished = datetime.fromisoformat(container.attrs["State"]["FinishedAt"]).timestamp()
        if now - finished > older_than:
            container.remove()
            removed.append(container.name)
    return sorted(removed)

# %% course={"kind": "wrong", "id": "keep-label-present"}
def remove_exited(client, older_than, now):
    removed = []
    for container in client.containers.list(all=True, filters={"status": "exited"}):
        if "keep" in container.labels:
            continue
        finished = datetime.fromisoformat(container.attrs["State"]["FinishedAt"]).timestamp()
        if now - finished >= older_than:
            container.remove()
            removed.append(container.name)
    return sorted(removed)

# %% [markdown] course={"kind": "exercise", "id": "wait-healthy", "item": "project-17-1-1"}
# ### Wait until a container is healthy
#
# A container with a health check reports `starting`, then `healthy` or `unhealthy` (`container.health`, after a
# `reload()`). Write `wait_healthy(container, *, retries, interval, sleep)` that checks up to `retries` times and
# returns the number of the check (from 1) that saw `healthy`. One check is one `container.reload()`; between two
# checks it calls `sleep(interval)` (never after the last check, never before the first; the tests pass a fake
# sleep, so nothing waits). It raises:
#
# - `ValueError` when `retries` is less than 1 (before any check), or when the container has no health check
#   (`health` is `"unknown"`);
# - `RuntimeError` naming the container when it is not running (it exited or never started) or is `unhealthy`
#   (then the message says `unhealthy`);
# - `TimeoutError` naming the container when `retries` checks saw no `healthy`.
#
# ```python
# >>> db = client.containers.run("postgres:16", detach=True)   # starting, starting, healthy
# >>> clock = FakeClock(); wait_healthy(db, retries=10, interval=2.0, sleep=clock.sleep), clock.sleeps
# (3, [2.0, 2.0])
# ```

# %% [markdown] course={"kind": "hint"}
# `for check in range(1, retries + 1):` reload, look at `container.status` first, then at `container.health`;
# sleep only `if check < retries`. After the loop, raise the `TimeoutError`.

# %% course={"kind": "solution"}
def wait_healthy(container: Any, *, retries: int, interval: float, sleep: Any) -> int:
    ### BEGIN SOLUTION
    if retries < 1:
        raise ValueError(f"retries must be at least 1, got {retries}")
    for check in range(1, retries + 1):
        container.reload()
        if container.status != "running":
            raise RuntimeError(f"{container.name} is {container.status}, not running")
        health = container.health
        if health == "healthy":
            return check
        if health == "unhealthy":
            raise RuntimeError(f"{container.name} is unhealthy")
        if health == "unknown":
            raise ValueError(f"{container.name} has no health check")
        if check < retries:
            sleep(interval)
    raise TimeoutError(f"{container.name} is not healthy after {retries} checks")
    ### END SOLUTION


# %% course={"kind": "setup", "id": "health-scene"}
def health_scene(image: str, **options: Any) -> Any:
    """A fresh engine, one container of `image` started, and a fake clock to sleep on."""
    client = fresh()
    ENGINE.add_image("flaky:1", ImageSpec(health=("starting", "starting", "unhealthy")))
    ENGINE.add_image("quick:1", ImageSpec(health=("healthy",)))
    return client.containers.run(image, name="svc", detach=True, **options), FakeClock()


# %% course={"kind": "test", "points": 1}
db, clock = health_scene("postgres:16")
assert wait_healthy(db, retries=10, interval=2.0, sleep=clock.sleep) == 3, "postgres: starting, starting, healthy"

# %% course={"kind": "test", "points": 2}
db, clock = health_scene("postgres:16")
wait_healthy(db, retries=10, interval=2.0, sleep=clock.sleep)
assert clock.sleeps == [2.0, 2.0], f"a sleep between two checks only: {clock.sleeps}"
db, clock = health_scene("postgres:16")
try:
    wait_healthy(db, retries=2, interval=5, sleep=clock.sleep)
except TimeoutError as error:
    assert "svc" in str(error), f"the error names the container: {error}"
    assert clock.sleeps == [5], f"no sleep after the last check: {clock.sleeps}"
else:
    raise AssertionError("two checks see no healthy: TimeoutError")
### BEGIN HIDDEN TESTS
db, clock = health_scene("postgres:16")
assert wait_healthy(db, retries=3, interval=1, sleep=clock.sleep) == 3 and clock.sleeps == [1, 1], "the last allowed check counts"
db, clock = health_scene("quick:1")
assert wait_healthy(db, retries=1, interval=1, sleep=clock.sleep) == 1 and clock.sleeps == []
db, clock = health_scene("nginx:1.27")
try:
    wait_healthy(db, retries=1, interval=3, sleep=clock.sleep)
except TimeoutError:
    assert clock.sleeps == []
else:
    raise AssertionError("one check that sees starting: TimeoutError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for image, options, error_type in (("flaky:1", {}, RuntimeError), ("alpine:3.20", {}, RuntimeError),
                                   ("redis:7.4", {}, ValueError), ("postgres:16", {"retries": 0}, ValueError)):
    box, clock = health_scene(image)
    try:
        wait_healthy(box, **{"retries": 10, "interval": 1.0, "sleep": clock.sleep, **options})
    except error_type as error:
        assert "svc" in str(error) or error_type is ValueError, f"the error names the container: {error}"
    else:
        raise AssertionError(f"{image} with {options}: {error_type.__name__} expected")
### BEGIN HIDDEN TESTS
box, clock = health_scene("flaky:1")
try:
    wait_healthy(box, retries=10, interval=1.0, sleep=clock.sleep)
except RuntimeError as error:
    assert clock.sleeps == [1.0, 1.0] and "unhealthy" in str(error)
box = fresh().containers.create("postgres:16", name="idle")
try:
    wait_healthy(box, retries=3, interval=1.0, sleep=FakeClock().sleep)
except RuntimeError as error:
    assert "idle" in str(error)
else:
    raise AssertionError("a container that never started is not running")
box, clock = health_scene("postgres:16")
for retries in (0, -1):
    try:
        wait_healthy(box, retries=retries, interval=1.0, sleep=clock.sleep)
    except ValueError:
        pass
    else:
        raise AssertionError(f"retries={retries} must be refused")
assert clock.sleeps == [] and wait_healthy(box, retries=3, interval=1.0, sleep=clock.sleep) == 3, "refused before any check"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sleep-after-last"}
def wait_healthy(container, *, retries, interval, sleep):
    if retries < 1:
        raise ValueError(retries)
    for check in range(1, retries + 1):
        container.reload()
        if container.status != "running":
            raise RuntimeError(f"{container.name} is {container.status}")
        if container.health == "healthy":
            return check
        if container.health == "unhealthy":
            raise RuntimeError(f"{container.name} is unhealthy")
        if container.health == "unknown":
            raise ValueError(container.name)
        sleep(interval)
    raise TimeoutError(container.name)

# %% course={"kind": "wrong", "id": "no-reload"}
def wait_healthy(container, *, retries, interval, sleep):
    if retries < 1:
        raise ValueError(retries)
    for check in range(1, retries + 1):
        if container.health == "healthy":
            return check
        if container.health == "unhealthy":
            raise RuntimeError(f"{container.name} is unhealthy")
        if check < retries:
            sleep(interval)
    raise TimeoutError(container.name)

# %% course={"kind": "wrong", "id": "waits-on-unhealthy"}
def wait_healthy(container, *, retries, interval, sleep):
    if retries < 1:
        raise ValueError(retries)
    for check in range(1, retries + 1):
        container.reload()
        if container.status != "running":
            raise RuntimeError(f"{container.name} is {container.status}")
        if container.health == "healthy":
            return check
        if check < retries:
            sleep(interval)
    raise TimeoutError(container.name)

# %% [markdown] course={"kind": "exercise", "id": "split-frames", "item": "x-stream-container-logs"}
# ### Take the multiplexed log stream apart
#
# Write a generator `split_frames(chunks)` over an iterable of `bytes` chunks as they arrive from the socket (a
# chunk can hold several frames, part of a frame, or even part of a header). It yields `(stream, payload)` for
# each frame, `stream` being `"stdin"` (0), `"stdout"` (1) or `"stderr"` (2), `payload` the frame's `bytes`:
#
# - each frame as soon as its last byte has arrived (a stream from `follow=True` never ends: do not read ahead);
# - frames with an empty payload are skipped;
# - an unknown stream number raises `ValueError`; so does input that ends in the middle of a frame (after the
#   complete frames before it were yielded).
#
# ```python
# >>> list(split_frames([b"\x01\x00\x00\x00\x00\x00\x00\x03hi\n\x02\x00\x00", b"\x00\x00\x00\x00\x04oops"]))
# [('stdout', b'hi\n'), ('stderr', b'oops')]
# ```
#
# `frame(stream, data)` from the setup cell makes a frame, for your own tries.

# %% [markdown] course={"kind": "hint"}
# Keep a buffer of the bytes not used yet. After adding a chunk, take frames off its front while it holds a whole
# header **and** the whole payload that header announces.

# %% [markdown] course={"kind": "hint"}
# `stream, length = struct.unpack(">BxxxL", buffer[:8])`: `>` big-endian, `B` one unsigned byte, `xxx` three
# bytes skipped, `L` a 4-byte unsigned length. After the loop over the chunks, a non-empty buffer is a cut frame.

# %% course={"kind": "solution"}
def split_frames(chunks: Iterable[bytes]) -> Iterator[tuple[str, bytes]]:
    ### BEGIN SOLUTION
    names = {0: "stdin", 1: "stdout", 2: "stderr"}
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= 8:
            stream, length = struct.unpack(">BxxxL", buffer[:8])
            if stream not in names:
                raise ValueError(f"unknown stream number {stream}")
            if len(buffer) < 8 + length:
                break
            payload, buffer = buffer[8 : 8 + length], buffer[8 + length :]
            if payload:
                yield names[stream], payload
    if buffer:
        raise ValueError(f"the stream ends inside a frame ({len(buffer)} bytes left over)")
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert list(split_frames([frame(1, b"hi\n") + frame(2, b"oops")])) == [("stdout", b"hi\n"), ("stderr", b"oops")], (
    "two whole frames in one chunk"
)

# %% course={"kind": "test", "points": 2}
data = frame(1, b"starting\n") + frame(2, b"warning: no config\n") + frame(1, b"x" * 300)
one_byte_chunks = [data[i : i + 1] for i in range(len(data))]
assert list(split_frames(one_byte_chunks)) == [("stdout", b"starting\n"), ("stderr", b"warning: no config\n"), ("stdout", b"x" * 300)], (
    "headers and payloads split over chunks"
)
### BEGIN HIDDEN TESTS
assert list(split_frames([])) == [] and list(split_frames(iter([b"", b""]))) == []
assert list(split_frames([frame(0, b"in"), frame(1, b""), frame(2, b"e")])) == [("stdin", b"in"), ("stderr", b"e")], "empty frames are skipped"
assert list(split_frames([frame(1, b"")])) == []
big = b"y" * 70000
assert list(split_frames([frame(1, big)[:5], frame(1, big)[5:40000], frame(1, big)[40000:]])) == [("stdout", big)]
got = next(split_frames([frame(1, b"a")]))
assert type(got) is tuple and type(got[1]) is bytes
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tap = Tap([frame(1, b"ready\n"), frame(2, b"later\n")], limit=1)
frames = split_frames(tap)
assert next(frames) == ("stdout", b"ready\n") and tap.pulled == 1, "a frame is yielded as soon as it is complete"
### BEGIN HIDDEN TESTS
tap = Tap([frame(1, b"ab")[:9], frame(1, b"ab")[9:] + frame(2, b"c")[:3], frame(2, b"c")[3:]], limit=2)
frames = split_frames(tap)
assert next(frames) == ("stdout", b"ab") and tap.pulled == 2
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
seen = []
try:
    for item in split_frames([frame(1, b"ok"), frame(2, b"cut off")[:-2]]):
        seen.append(item)
except ValueError:
    assert seen == [("stdout", b"ok")], f"the complete frames come first: {seen}"
else:
    raise AssertionError("a stream that ends inside a frame raises ValueError")
### BEGIN HIDDEN TESTS
for bad in ([frame(3, b"x")], [frame(1, b"ok") + b"\x01\x00\x00"], [b"\x01\x00\x00\x00\x00\x00\x00\x05abcd"], [frame(255, b"")], [b"\x01"]):
    try:
        list(split_frames(bad))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "chunk-is-frame"}
def split_frames(chunks):
    names = {0: "stdin", 1: "stdout", 2: "stderr"}
    for chunk in chunks:
        if not chunk:
            continue
        stream, length = struct.unpack(">BxxxL", chunk[:8])
        if stream not in names:
            raise ValueError(stream)
        if len(chunk) < 8 + length:
            raise ValueError("cut")
        if length:
            yield names[stream], chunk[8 : 8 + length]

# %% course={"kind": "wrong", "id": "reads-everything-first"}
def split_frames(chunks):
    names = {0: "stdin", 1: "stdout", 2: "stderr"}
    data = b"".join(chunks)
    while data:
        if len(data) < 8:
            raise ValueError("cut")
        stream, length = struct.unpack(">BxxxL", data[:8])
        if stream not in names:
            raise ValueError(stream)
        if len(data) < 8 + length:
            raise ValueError("cut")
        payload, data = data[8 : 8 + length], data[8 + length :]
        if payload:
            yield names[stream], payload

# %% course={"kind": "wrong", "id": "drops-leftover"}
def split_frames(chunks):
    names = {0: "stdin", 1: "stdout", 2: "stderr"}
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= 8:
            stream, length = struct.unpack(">BxxxL", buffer[:8])
            if stream not in names:
                raise ValueError(stream)
            if len(buffer) < 8 + length:
                break
            payload, buffer = buffer[8 : 8 + length], buffer[8 + length :]
            if payload:
                yield names[stream], payload

# %% [markdown] course={"kind": "exercise", "id": "ensure-network", "item": "x-create-container-networks"}
# ### Make sure a network exists and has its members
#
# Write `ensure_network(client, name, members)`: make sure a network named exactly `name` exists (create it with
# the `bridge` driver when it does not) and that each container in `members` (container names) is connected to it.
# Return the `list` of the names connected by this call, in the order of `members`, each once. Running it twice
# changes nothing the second time (it returns `[]`), and it never touches another network, even one whose name
# contains `name`.
#
# ```python
# >>> ensure_network(client, "shop", ["api", "cache"])
# ['api', 'cache']
# >>> ensure_network(client, "shop", ["api", "cache", "db"])
# ['db']
# ```

# %% [markdown] course={"kind": "hint"}
# `client.networks.list(names=[name])` matches by **substring**; keep only `n.name == name`. A listed network's
# `containers` is empty: `network.reload()` first (it inspects the network).

# %% [markdown] course={"kind": "hint"}
# `network.connect(container_name)` takes a name or an id. Connecting a container that is already attached is an
# error (`APIError`), so compare with `{c.name for c in network.containers}` first, and remember the ones you added.

# %% course={"kind": "solution"}
def ensure_network(client: docker.DockerClient, name: str, members: list[str]) -> list[str]:
    ### BEGIN SOLUTION
    matches = [network for network in client.networks.list(names=[name]) if network.name == name]
    network = matches[0] if matches else client.networks.create(name, driver="bridge")
    network.reload()
    attached = {container.name for container in network.containers}
    added: list[str] = []
    for member in members:
        if member not in attached and member not in added:
            network.connect(member)
            added.append(member)
    return added
    ### END SOLUTION


# %% course={"kind": "setup", "id": "network-scene"}
def network_scene() -> docker.DockerClient:
    """Containers api, cache, db, worker running; a network shop-old (with worker attached) already exists."""
    client = fresh()
    for name, image in (("api", "nginx:1.27"), ("cache", "redis:7.4"), ("db", "postgres:16"), ("worker", "redis:7.4")):
        client.containers.run(image, name=name, detach=True)
    client.networks.create("shop-old").connect("worker")
    return client


def members_of(client: docker.DockerClient, name: str) -> list[str]:
    network = client.networks.get(name)
    return sorted(c.name for c in network.containers)


# %% course={"kind": "test", "points": 1}
client = network_scene()
assert ensure_network(client, "shop", ["api", "cache"]) == ["api", "cache"], "a new network, both connected"
assert members_of(client, "shop") == ["api", "cache"]

# %% course={"kind": "test", "points": 2}
client = network_scene()
ensure_network(client, "shop", ["api", "cache"])
assert ensure_network(client, "shop", ["api", "cache"]) == [], "the second run changes nothing"
assert ensure_network(client, "shop", ["cache", "db", "api"]) == ["db"], "only the missing member"
assert members_of(client, "shop") == ["api", "cache", "db"] and members_of(client, "shop-old") == ["worker"]
### BEGIN HIDDEN TESTS
assert ensure_network(client, "shop", []) == []
client = network_scene()
assert ensure_network(client, "shop", ["db", "db", "api"]) == ["db", "api"], "each once, in the given order"
assert type(ensure_network(client, "other", [])) is list
assert sorted(n.name for n in client.networks.list()) == ["bridge", "other", "shop", "shop-old"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = network_scene()
assert ensure_network(client, "shop", ["worker"]) == ["worker"], "shop-old is not shop"
assert [n.name for n in client.networks.list() if n.name.startswith("shop")] == ["shop-old", "shop"]
assert members_of(client, "shop") == ["worker"] and members_of(client, "shop-old") == ["worker"]
### BEGIN HIDDEN TESTS
client = network_scene()
assert ensure_network(client, "old", ["api"]) == ["api"] and members_of(client, "shop-old") == ["worker"]
assert client.networks.get("old").attrs["Driver"] == "bridge"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-match"}
def ensure_network(client, name, members):
    matches = client.networks.list(names=[name])
    network = matches[0] if matches else client.networks.create(name, driver="bridge")
    network.reload()
    attached = {c.name for c in network.containers}
    added = []
    for member in members:
        if member not in attached and member not in added:
            network.connect(member)
            added.append(member)
    return added

# %% course={"kind": "wrong", "id": "listed-members"}
def ensure_network(client, name, members):
    matches = [n for n in client.networks.list(names=[name]) if n.name == name]
    network = matches[0] if matches else client.networks.create(name, driver="bridge")
    attached = {c.name for c in network.containers}
    added = []
    for member in members:
        if member not in attached and member not in added:
            network.connect(member)
            added.append(member)
    return added

# %% course={"kind": "wrong", "id": "duplicates-twice"}
def ensure_network(client, name, members):
    matches = [n for n in client.networks.list(names=[name]) if n.name == name]
    network = matches[0] if matches else client.networks.create(name, driver="bridge")
    network.reload()
    attached = {c.name for c in network.containers}
    added = []
    for member in members:
        if member not in attached:
            network.connect(member)
            added.append(member)
    return added

# %% [markdown] course={"kind": "exercise", "id": "build-release", "item": "x-build-images-from-python"}
# ### Build, tag and push a release
#
# Write `build_release(client, dockerfile, repo, version)`: build an image from the Dockerfile text (a build
# context holding only the file `Dockerfile`; `context_tar` from the setup cell makes one) with the label
# `org.opencontainers.image.version` set to `version`, then tag and push it under these tags, in this order:
#
# - a release `MAJOR.MINOR.PATCH` (three numbers, no leading zeros: `1.4.2`, `0.10.0`): `1.4.2`, `1.4`, `1`, `latest`;
# - a pre-release, `MAJOR.MINOR.PATCH-something` (letters, digits, `.` and `-`: `2.0.0-rc.1`): only `2.0.0-rc.1`.
#
# Return the `list` of references pushed (`"repo:tag"`). Anything else as `version` (`v1.4.2`, `1.4`, `01.2.3`)
# raises `ValueError` **before anything is built**. A push is refused in the stream, not by an exception: when an
# event has an `error`, raise `RuntimeError` with that error's text and push nothing more.
#
# ```python
# >>> build_release(client, "FROM python:3.12-slim\n", "localhost:5000/shop/api", "1.4.2")
# ['localhost:5000/shop/api:1.4.2', 'localhost:5000/shop/api:1.4', 'localhost:5000/shop/api:1', 'localhost:5000/shop/api:latest']
# ```

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?", version)`; its groups give the
# numbers and the pre-release part.

# %% [markdown] course={"kind": "hint"}
# `image, _ = client.images.build(fileobj=context_tar({"Dockerfile": dockerfile}), custom_context=True,
# labels={...})`, then for each tag `image.tag(repo, tag)` and
# `for event in client.images.push(repo, tag=tag, stream=True, decode=True)`.

# %% course={"kind": "solution"}
def build_release(client: docker.DockerClient, dockerfile: str, repo: str, version: str) -> list[str]:
    ### BEGIN SOLUTION
    match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?", version)
    if match is None:
        raise ValueError(f"not a release version: {version!r}")
    major, minor, _, pre = match.groups()
    tags = [version] if pre else [version, f"{major}.{minor}", major, "latest"]
    context = context_tar({"Dockerfile": dockerfile})
    image, _ = client.images.build(fileobj=context, custom_context=True, labels={"org.opencontainers.image.version": version})
    pushed = []
    for tag in tags:
        image.tag(repo, tag)
        for event in client.images.push(repo, tag=tag, stream=True, decode=True):
            if "error" in event:
                raise RuntimeError(f"push of {repo}:{tag} refused: {event['error']}")
        pushed.append(f"{repo}:{tag}")
    return pushed
    ### END SOLUTION


# %% course={"kind": "setup", "id": "release-scene"}
APP = 'FROM python:3.12-slim\nCMD ["python", "-m", "shop"]\n'


def release_scene() -> docker.DockerClient:
    client = fresh()
    ENGINE.add_image("python:3.12-slim")
    return client


# %% course={"kind": "test", "points": 1}
client = release_scene()
repo = "localhost:5000/shop/api"
assert build_release(client, APP, repo, "1.4.2") == [f"{repo}:1.4.2", f"{repo}:1.4", f"{repo}:1", f"{repo}:latest"], (
    "a release gets four tags, most precise first"
)

# %% course={"kind": "test", "points": 2}
client = release_scene()
build_release(client, APP, "localhost:5000/shop/api", "0.10.0")
ids = set(ENGINE.pushed.values())
assert sorted(ENGINE.pushed) == sorted(f"localhost:5000/shop/api:{t}" for t in ("0.10.0", "0.10", "0", "latest")), ENGINE.pushed
assert len(ids) == 1, "all four tags are the same image"
image = client.images.get("localhost:5000/shop/api:0.10.0")
assert image.labels.get("org.opencontainers.image.version") == "0.10.0", f"the version label: {image.labels}"
assert image.attrs["Config"]["Cmd"] == ["python", "-m", "shop"], "built from the given Dockerfile"
### BEGIN HIDDEN TESTS
client = release_scene()
got = build_release(client, APP, "registry.example.com/x", "2.0.0-rc.1")
assert got == ["registry.example.com/x:2.0.0-rc.1"] and list(ENGINE.pushed) == got, "a pre-release gets only its own tag"
assert type(got) is list
client = release_scene()
assert build_release(client, APP, "localhost:5000/a", "10.0.7-beta-2.x")[0] == "localhost:5000/a:10.0.7-beta-2.x"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("v1.4.2", "1.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "1.2.3-rc_1", "1.2.3.4", "", "1.2.3\n", "1.2.3-rc 1"):
    client = release_scene()
    ENGINE.requests.clear()
    try:
        build_release(client, APP, "localhost:5000/x", bad)
    except ValueError:
        assert ("POST", "/build") not in ENGINE.requests, f"{bad!r}: refused before building"
    else:
        raise AssertionError(f"version {bad!r} must be refused")
### BEGIN HIDDEN TESTS
client = release_scene()
assert build_release(client, APP, "localhost:5000/x", "0.0.0")[1:] == ["localhost:5000/x:0.0", "localhost:5000/x:0", "localhost:5000/x:latest"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = release_scene()
try:
    build_release(client, APP, "shop/api", "1.0.0")
except RuntimeError as error:
    assert "denied" in str(error), f"the registry's error text: {error}"
    assert [p for m, p in ENGINE.requests if p.endswith("/push")] == ["/images/shop/api/push"], "nothing pushed after a refusal"
else:
    raise AssertionError("a push refused in the stream must raise RuntimeError")

# %% course={"kind": "wrong", "id": "ignores-stream-errors"}
def build_release(client, dockerfile, repo, version):
    match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?", version)
    if match is None:
        raise ValueError(version)
    major, minor, _, pre = match.groups()
    tags = [version] if pre else [version, f"{major}.{minor}", major, "latest"]
    image, _ = client.images.build(fileobj=context_tar({"Dockerfile": dockerfile}), custom_context=True,
                                   labels={"org.opencontainers.image.version": version})
    pushed = []
    for tag in tags:
        image.tag(repo, tag)
        client.images.push(repo, tag=tag)
        pushed.append(f"{repo}:{tag}")
    return pushed

# %% course={"kind": "wrong", "id": "latest-for-rc"}
def build_release(client, dockerfile, repo, version):
    match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?", version)
    if match is None:
        raise ValueError(version)
    major, minor, _, pre = match.groups()
    tags = [version, f"{major}.{minor}", major, "latest"]
    image, _ = client.images.build(fileobj=context_tar({"Dockerfile": dockerfile}), custom_context=True,
                                   labels={"org.opencontainers.image.version": version})
    pushed = []
    for tag in tags:
        image.tag(repo, tag)
        for event in client.images.push(repo, tag=tag, stream=True, decode=True):
            if "error" in event:
                raise RuntimeError(event["error"])
        pushed.append(f"{repo}:{tag}")
    return pushed

# %% course={"kind": "wrong", "id": "validates-after-build"}
def build_release(client, dockerfile, repo, version):
    image, _ = client.images.build(fileobj=context_tar({"Dockerfile": dockerfile}), custom_context=True,
                                   labels={"org.opencontainers.image.version": version})
    match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?", version)
    if match is None:
        raise ValueError(version)
    major, minor, _, pre = match.groups()
    tags = [version] if pre else [version, f"{major}.{minor}", major, "latest"]
    pushed = []
    for tag in tags:
        image.tag(repo, tag)
        for event in client.images.push(repo, tag=tag, stream=True, decode=True):
            if "error" in event:
                raise RuntimeError(event["error"])
        pushed.append(f"{repo}:{tag}")
    return pushed

# %% [markdown] course={"kind": "exercise", "id": "compose-order", "item": "x-automate-docker-compose-operations"}
# ### Start order of a Compose file
#
# Write `compose_order(text)` that reads a Compose file (YAML text) and returns the `list` of its service names in
# an order `docker compose up` could start them: every service after the services in its `depends_on`. When several
# services could come next, take the alphabetically first. `depends_on` is either a list of names or a mapping
# from names to options (`{db: {condition: service_healthy}}`); a service may have no `depends_on`.
#
# Raise `ValueError` when: the text has no `services` mapping; a service has neither `image` nor `build` (name it);
# a service depends on a service that is not in the file (name it); or the dependencies have a **cycle**: the
# message then contains `cycle` and the name of every service that can never start.
#
# ```python
# >>> compose_order("services:\n  web: {image: nginx, depends_on: [api]}\n  api: {build: ., depends_on: {db: {condition: service_healthy}}}\n  db: {image: postgres:16}\n")
# ['db', 'api', 'web']
# ```

# %% [markdown] course={"kind": "hint"}
# Kahn's algorithm: count each service's unmet dependencies; the ready ones (count 0) go in a heap
# (`heapq.heappush`/`heappop` give the alphabetically first); starting a service lowers its dependents' counts.

# %% [markdown] course={"kind": "hint"}
# Iterating over a dict gives its keys, so `for dep in spec.get("depends_on") or []` works for both forms. Services
# still not started when the heap is empty are in a cycle or wait on one.

# %% course={"kind": "solution", "equivalent": {"m-a2026ece": "the message must name every stuck service; their order in it is not asked for"}}
def compose_order(text: str) -> list[str]:
    ### BEGIN SOLUTION
    document = yaml.safe_load(text)
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict):
        raise ValueError("the file has no services mapping")
    needs: dict[str, set[str]] = {}
    for name, spec in services.items():
        spec = spec or {}
        if "image" not in spec and "build" not in spec:
            raise ValueError(f"service {name!r} has neither image nor build")
        deps = set(spec.get("depends_on") or [])
        for dep in deps:
            if dep not in services:
                raise ValueError(f"service {name!r} depends on {dep!r}, which is not in the file")
        needs[name] = deps
    waiting = {name: len(deps) for name, deps in needs.items()}
    ready = [name for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for other, deps in needs.items():
            if name in deps:
                waiting[other] -= 1
                if waiting[other] == 0:
                    heapq.heappush(ready, other)
    if len(order) < len(needs):
        stuck = sorted(set(needs) - set(order))
        raise ValueError(f"a dependency cycle: {', '.join(stuck)} can never start")
    return order
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
three = "services:\n  web: {image: nginx, depends_on: [api]}\n  api: {build: ., depends_on: {db: {condition: service_healthy}}}\n  db: {image: postgres:16}\n"
assert compose_order(three) == ["db", "api", "web"], "dependencies first; both forms of depends_on"

# %% course={"kind": "test", "points": 2}
text = "services:\n  z: {image: a}\n  b: {image: a, depends_on: [z]}\n  a: {image: a}\n  m: {image: a, depends_on: [a]}\n"
assert compose_order(text) == ["a", "m", "z", "b"], "the alphabetically first ready service each time"
### BEGIN HIDDEN TESTS
assert compose_order("services: {}\n") == []
assert compose_order("services:\n  solo: {image: x}\n") == ["solo"]
assert compose_order("services:\n  c: {image: x, depends_on: [a, b]}\n  b: {image: x, depends_on: [a]}\n  a: {image: x}\n") == ["a", "b", "c"]
assert compose_order("services:\n  b: {image: x, depends_on: [a, a]}\n  a: {image: x}\n") == ["a", "b"]
assert compose_order("services:\n  b: {image: x}\n  a: {image: x, depends_on: []}\n") == ["a", "b"]
diamond = "services:\n  top: {image: x, depends_on: [l, r]}\n  l: {image: x, depends_on: [base]}\n  r: {image: x, depends_on: [base]}\n  base: {image: x}\n  aa: {image: x, depends_on: [top]}\n"
assert compose_order(diamond) == ["base", "l", "r", "top", "aa"]
got = compose_order(three)
assert type(got) is list
chain = "services:\n" + "".join(f"  s{i:03d}: {{image: x, depends_on: [s{i + 1:03d}]}}\n" for i in range(300)) + "  s300: {image: x}\n"
assert compose_order(chain) == [f"s{i:03d}" for i in range(300, -1, -1)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad, needle in (("services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [a]}\n", "cycle"),
                    ("services:\n  a: {image: x, depends_on: [ghost]}\n", "ghost"),
                    ("services:\n  a: {ports: ['80:80']}\n", "a"),
                    ("version: '3'\n", "services")):
    try:
        compose_order(bad)
    except ValueError as error:
        assert needle in str(error), f"the error should mention {needle!r}: {error}"
    else:
        raise AssertionError(f"must be refused: {bad!r}")
### BEGIN HIDDEN TESTS
try:
    compose_order("services:\n  ok: {image: x}\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n  c: {image: x, depends_on: [a]}\n  d: {image: x, depends_on: [c]}\n")
except ValueError as error:
    assert all(name in str(error) for name in ("a", "b", "c", "d")) and "ok" not in str(error) and "cycle" in str(error)
else:
    raise AssertionError("a cycle of three")
for bad in ("services:\n  a: {image: x, depends_on: [a]}\n", "", "- a\n", "services: [a, b]\n", "services:\n  a:\n"):
    try:
        compose_order(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"must be refused: {bad!r}")
assert compose_order("services:\n  a: {build: {context: .}}\n") == ["a"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "file-order"}
def compose_order(text):
    document = yaml.safe_load(text)
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict):
        raise ValueError("no services")
    order, visiting = [], set()

    def visit(name):
        if name in order:
            return
        if name in visiting:
            raise ValueError(f"cycle at {name}")
        if name not in services:
            raise ValueError(f"unknown {name}")
        spec = services[name] or {}
        if "image" not in spec and "build" not in spec:
            raise ValueError(name)
        visiting.add(name)
        for dep in spec.get("depends_on") or []:
            visit(dep)
        order.append(name)

    for name in services:
        visit(name)
    return order

# %% course={"kind": "wrong", "id": "list-form-only"}
def compose_order(text):
    document = yaml.safe_load(text)
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict):
        raise ValueError("no services")
    needs = {}
    for name, spec in services.items():
        spec = spec or {}
        if "image" not in spec and "build" not in spec:
            raise ValueError(name)
        deps = spec.get("depends_on") or []
        deps = set(deps) if isinstance(deps, list) else set()
        for dep in deps:
            if dep not in services:
                raise ValueError(dep)
        needs[name] = deps
    waiting = {name: len(deps) for name, deps in needs.items()}
    ready = sorted(name for name, count in waiting.items() if count == 0)
    order = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for other, deps in needs.items():
            if name in deps:
                waiting[other] -= 1
                if waiting[other] == 0:
                    heapq.heappush(ready, other)
    if len(order) < len(needs):
        raise ValueError("cycle: " + ", ".join(sorted(set(needs) - set(order))))
    return order

# %% course={"kind": "wrong", "id": "silent-cycle"}
def compose_order(text):
    document = yaml.safe_load(text)
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict):
        raise ValueError("no services")
    needs = {}
    for name, spec in services.items():
        spec = spec or {}
        if "image" not in spec and "build" not in spec:
            raise ValueError(name)
        deps = set(spec.get("depends_on") or [])
        for dep in deps:
            if dep not in services:
                raise ValueError(dep)
        needs[name] = deps
    waiting = {name: len(deps) for name, deps in needs.items()}
    ready = sorted(name for name, count in waiting.items() if count == 0)
    order = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for other, deps in needs.items():
            if name in deps:
                waiting[other] -= 1
                if waiting[other] == 0:
                    heapq.heappush(ready, other)
    return order

# %% [markdown] course={"kind": "task", "id": "container-manager", "points": 3, "item": "project-17-1-1"}
# ### Project: a container manager
#
# Build on `inventory`, `wait_healthy`, `split_frames` and `remove_exited`: a small command-line tool (a module with
# `argparse` and one function per command, each taking a `DockerClient`) that lists running containers by label,
# reports each one's health, aggregates the last N log lines of every container of a label into one stream (each
# line prefixed by the container's name, ordered by the timestamps `logs(timestamps=True)` gives), shows resource
# usage where the engine provides it (`container.stats(stream=False)`: CPU and memory; not emulated by the course's
# fake, so make it optional), and cleans up exited containers and dangling images older than a given age, with a
# `--dry-run` that only prints. Test every command against `fake_engine()` from `course.runtime.dockerfake`.

# %% [markdown] course={"kind": "rubric"}
# - every command takes the client as an argument (no `docker.from_env()` inside), and is tested against the fake engine (1)
# - cleanup never touches running containers, `keep=true` labels or containers that never ran, and `--dry-run` changes nothing (1)
# - log aggregation orders lines by the engine's timestamps across containers and keeps stdout/stderr apart (1)

# %% [markdown] course={"kind": "task", "id": "image-builder", "points": 3, "item": "project-17-1-2"}
# ### Project: an image builder
#
# From a small spec per service (`{"name": "api", "python": "3.12", "requirements": [...], "module": "shop.api"}`),
# generate a Dockerfile from a Jinja2 template that follows the linter's rules (pinned base, dependencies before
# `COPY . .`, a non-root `USER`, exec-form `CMD`), check it with `lint_dockerfile` (no findings allowed), build it with
# `build_release`'s approach, run the image's tests in a container (`containers.run(image, ["python", "-m",
# "pytest"])`, a non-zero exit fails the build), and push the release tags only when the tests pass. A real engine
# runs the tests; against the course's fake, script the test container's exit code.

# %% [markdown] course={"kind": "rubric"}
# - the generated Dockerfiles pass `lint_dockerfile` for at least two specs, and a spec asking for `latest` is refused (1)
# - nothing is pushed when the build or the test container fails; the failure names the step (1)
# - tags follow `build_release`'s rules, and push errors read from the stream stop the run (1)

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-interact-with-docker-from"}
# With the official SDK, `pip install docker`: `client = docker.from_env()` reads `DOCKER_HOST` (the local socket
# by default, `tcp://` with TLS certificates or `ssh://` for a remote engine), then `client.containers`,
# `client.images`, `client.networks` and `client.volumes` give objects with methods (`run`, `list`, `logs`,
# `stop`, `remove`), and `client.api` gives one method per Engine API route when you need the raw answer or a
# stream. I pin the API version in production code, reload objects before reading their state, read streamed
# answers (pull, push, build) to the end and check every event for `error`, and pass the client into functions so
# tests can give them a fake engine. Access to the engine's socket is root on that host, so it stays out of web apps.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-build-images-programmatically"}
# `client.images.build(path=".", tag="repo:1.4.2", buildargs={...}, labels={...}, target="runtime", pull=True)`
# sends the folder as a tar to the engine and returns the image and the build log; with `fileobj=` and
# `custom_context=True` the context is a tar made in memory, which suits generated Dockerfiles. I generate the
# Dockerfile from a template, lint it (pinned base, dependency layers before the code, non-root user), build, run
# the tests in the new image, then `image.tag(...)` and `client.images.push(..., stream=True, decode=True)` for each
# release tag, checking the stream for errors. For BuildKit features (cache mounts, multi-platform) CI usually
# calls `docker buildx build` instead; the SDK's `images.build` gets the engine's classic builder, not BuildKit.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-docker-in-ci-cd"}
# The pipeline builds once per commit, tags the image with the commit SHA (immutable) and, for releases, the
# version tags; runs tests inside that image; scans it (Trivy, Grype); pushes to the registry with credentials from
# the CI's secret store; and deploys by digest so what was tested is what runs. Build speed comes from layer order
# and a registry cache (`--cache-from`). The job gets a Docker engine through a service (Docker-in-Docker, with its
# risks), a remote builder, or a daemonless builder (BuildKit rootless, Kaniko); mounting the host's socket into
# jobs gives every job root on the host. Python code in the pipeline (the SDK or `subprocess` with argument lists)
# reads structured output, not text.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-clean-up-docker-resources"}
# With filters, never blindly: `client.containers.prune(filters={"until": "24h", "label": "ci=true"})`,
# `client.images.prune(filters={"dangling": True})`, `client.networks.prune()`, and volumes only by label, because a
# volume holds data (`docker system prune` leaves volumes unless asked with `--volumes`, and since Engine 23 volume
# pruning takes named volumes only with the `all` filter). In code: list with
# `status=exited` and a label, check the finish time, skip what is marked keep, log what was removed, and offer a
# dry run. Prevent the mess too: `auto_remove=True` (`--rm`) for one-off jobs, labels on everything a pipeline
# creates, and a scheduled cleanup job on build machines.
