"""A fake Docker Engine on 127.0.0.1, so the real ``docker`` SDK has something to talk to where no engine runs.

It is NOT Docker: nothing runs, nothing is downloaded, no registry is contacted. It is a real HTTP server that
answers the Engine API routes the course uses, from a model kept in Python (images, containers, networks,
volumes), and the official client, ``docker.DockerClient``, talks to it over TCP as it would to ``dockerd``.

>>> with fake_engine() as engine:
...     client = engine.client()
...     image = client.images.pull("alpine", tag="3.20")
...     box = client.containers.run("alpine:3.20", ["sh", "-c", "echo hi; exit 3"], detach=True)
...     (image.tags, box.wait()["StatusCode"], box.logs())
(['alpine:3.20'], 3, b'hi\\n')

What a "container" does is scripted, never run:

- an image from the catalogue (:data:`CATALOGUE`, or your own ``{"name:tag": ImageSpec(...)}``) says which log lines
  its containers write, whether they exit (and with which code) or run until stopped, and the health statuses an
  inspect reports one after the other (the last one stays);
- a command ``["sh", "-c", "echo a; echo b >&2; exit 2"]`` (or ``"sh -c '...'"``) is read as a tiny script: ``echo``
  (``>&2``: to stderr), ``exit N``, ``sleep ...`` (runs until stopped); a script with neither exits with 0;
- a container that exits does so the moment it starts; a stopped one reports 143 (128 + SIGTERM's 15), a killed
  one 137 (128 + SIGKILL's 9). A real engine reports what the process did: 0 or its own code when it handles the
  stop signal, 143 when it dies of SIGTERM, 137 when it ignored the signal (a PID 1 with no handler does) and was
  killed after the stop timeout.

Time is the engine's own clock (:attr:`FakeEngine.now`, epoch seconds, moved by :meth:`FakeEngine.advance`), so
``Created``/``StartedAt``/``FinishedAt`` never depend on the machine. Timestamps are written as the engine writes
them, RFC 3339 with nanoseconds (``2026-01-01T00:00:00.000000000Z``).

Routes (with or without the ``/v1.NN`` prefix): ``/_ping``, ``/version``, ``/info``; images: list, inspect,
pull (``POST /images/create``, a chunked stream of JSON progress lines, from the catalogue only), tag, push (to an
in-memory "registry", :attr:`FakeEngine.pushed`; a push to Docker Hub (refused, as without a login) or of a tag
that does not exist gets an ``error`` event in the stream, as from the engine), remove, build (a tar context
whose Dockerfile is read with
:mod:`course.runtime.dockerfile`: ``FROM`` must be a local image, ``LABEL``/``CMD`` are kept, nothing runs);
containers: create, list (filters ``status``, ``label``, ``name``, ``id``, ``exited``), inspect, start, stop,
kill, restart, wait, logs (the multiplexed format: an 8-byte header per frame, unless created with ``tty``),
remove, prune; networks: create (a duplicate name is refused, as Engine 25+ does), list (filters ``name``, a
substring match as the engine's, ``label``, ``id``; like the engine's list it leaves ``Containers`` empty),
inspect, connect, disconnect, remove; volumes: create, list, inspect, remove.
Not there: exec (``exec_run``), attach, events, stats, copying files, swarm; such a route answers 501 naming itself.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import json
import re
import shlex
import struct
import tarfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from course.runtime.dockerfile import parse_dockerfile
from course.runtime.httpserve import LocalServer, QuietHandler, base_url, local_server

__all__ = [
    "API_VERSION",
    "CATALOGUE",
    "START",
    "FakeEngine",
    "ImageSpec",
    "fake_engine",
    "frame",
    "rfc3339",
    "shared_engine",
]

API_VERSION = "1.45"  # what the fake answers to and what engine.client() pins (Docker Engine 26)
START = 1_767_225_600.0  # 2026-01-01T00:00:00Z: the engine clock's default start
NEVER = "0001-01-01T00:00:00Z"  # the engine's "not yet" for StartedAt / FinishedAt


@dataclass(frozen=True)
class ImageSpec:
    """What containers of an image do: log lines ``(stream, text)`` with stream ``"stdout"``/``"stderr"``, the exit
    code (None: runs until stopped), health statuses reported by successive inspects of a running container
    (empty: no health check), labels, size in bytes and the default command."""

    logs: tuple[tuple[str, str], ...] = ()
    exit_code: int | None = None
    health: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    size: int = 5_000_000
    cmd: tuple[str, ...] = ()


CATALOGUE: dict[str, ImageSpec] = {
    "alpine:3.20": ImageSpec(cmd=("/bin/sh",), exit_code=0, size=7_800_000),
    "busybox:1.36": ImageSpec(cmd=("sh",), exit_code=0, size=4_300_000),
    "python:3.12-slim": ImageSpec(cmd=("python3",), exit_code=0, size=130_000_000),
    "nginx:1.27": ImageSpec(
        logs=(("stdout", "start worker processes"), ("stderr", "notice: ready for start up")),
        health=("starting", "healthy"),
        cmd=("nginx", "-g", "daemon off;"),
        size=190_000_000,
    ),
    "redis:7.4": ImageSpec(
        logs=(("stdout", "Ready to accept connections tcp"),), cmd=("redis-server",), size=117_000_000
    ),
    "postgres:16": ImageSpec(
        logs=(("stderr", "database system is ready to accept connections"),),
        health=("starting", "starting", "healthy"),
        cmd=("postgres",),
        size=430_000_000,
    ),
}


def rfc3339(seconds: float) -> str:
    """Epoch seconds as the engine writes a time: ``2026-01-01T00:00:01.500000000Z``."""
    nanos = round(seconds * 1_000_000_000)
    whole, fraction = divmod(nanos, 1_000_000_000)
    return datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{fraction:09d}Z"


def frame(stream: int, data: bytes) -> bytes:
    """One frame of the multiplexed log format: stream (1 stdout, 2 stderr), 3 zero bytes, big-endian length."""
    return struct.pack(">BxxxL", stream, len(data)) + data


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _split_ref(ref: str) -> tuple[str, str]:
    """``repo:tag`` -> (repo, tag); a colon before the last slash is a registry port, not a tag."""
    name, colon, tag = ref.rpartition(":")
    if colon and "/" not in tag:
        return name, tag
    return ref, "latest"


def _script(command: list[str]) -> tuple[list[tuple[str, str]], int | None] | None:
    """Log lines and exit code of ``sh -c "..."``, or None when the command is not a script we read."""
    if len(command) != 3 or command[0] not in ("sh", "/bin/sh", "bash") or command[1] != "-c":
        return None
    logs: list[tuple[str, str]] = []
    for part in command[2].split(";"):
        words = shlex.split(part)
        if not words:
            continue
        if words[0] == "echo":
            to_err = words[-1] == ">&2"
            logs.append(("stderr" if to_err else "stdout", " ".join(words[1:-1] if to_err else words[1:])))
        elif words[0] == "exit":
            return logs, int(words[1]) if len(words) > 1 else 0
        elif words[0] == "sleep":
            return logs, None
    return logs, 0


class FakeEngine:
    """The model behind the server: plain dicts of the objects the Engine API shows (``images``, ``containers``,
    ``networks``, ``volumes``, each keyed by id or name), an in-memory registry (``pushed``: reference -> image
    id) and the clock ``now``. ``requests`` records ``(method, path)`` of every call, the version prefix removed."""

    def __init__(self, catalogue: Mapping[str, ImageSpec] | None = None, start: float = START) -> None:
        self.catalogue = dict(CATALOGUE if catalogue is None else catalogue)
        self.start = start
        self.lock = threading.RLock()
        self.url = ""
        self.reset()

    def reset(self) -> None:
        """Forget every object and request; the clock goes back to its start; the default network comes back."""
        with self.lock:
            self.now = self.start
            self.images: dict[str, dict[str, Any]] = {}
            self.specs: dict[str, ImageSpec] = {}
            self.containers: dict[str, dict[str, Any]] = {}
            self.scripts: dict[str, tuple[list[tuple[str, str]], int | None, tuple[str, ...]]] = {}
            self.networks: dict[str, dict[str, Any]] = {}
            self.volumes: dict[str, dict[str, Any]] = {}
            self.pushed: dict[str, str] = {}
            self.requests: list[tuple[str, str]] = []
            self.counter = 0
            self._network("bridge", "bridge", {})

    def advance(self, seconds: float) -> None:
        """Move the engine's clock forward."""
        if seconds < 0:
            raise ValueError(f"the clock does not go back: advance({seconds!r})")
        with self.lock:
            self.now += seconds

    def client(self, **options: Any) -> Any:
        """A ``docker.DockerClient`` for this engine: API version pinned (no version probe), proxies ignored."""
        import docker

        client = docker.DockerClient(base_url=self.url.replace("http://", "tcp://"), version=API_VERSION, **options)
        client.api.trust_env = False  # an HTTP_PROXY in the environment must not catch 127.0.0.1
        return client

    # -- objects -------------------------------------------------------------------------------------------------

    def _new_id(self, kind: str) -> str:
        self.counter += 1
        return _digest(kind, str(self.counter))

    def add_image(self, ref: str, spec: ImageSpec | None = None) -> dict[str, Any]:
        """Put an image in the local store (as a pull would), from ``spec`` or the catalogue."""
        with self.lock:
            repo, tag = _split_ref(ref)
            full = f"{repo}:{tag}"
            chosen = spec if spec is not None else self.catalogue.get(full)
            if chosen is None:
                raise KeyError(f"{full} is not in the fake engine's catalogue")
            image_id = "sha256:" + _digest("image", full)
            existing = self.images.get(image_id)
            if existing is None:
                self.images[image_id] = {
                    "Id": image_id,
                    "RepoTags": [full],
                    "RepoDigests": [f"{repo}@sha256:{_digest('digest', full)}"],
                    "Created": rfc3339(self.now),
                    "Size": chosen.size,
                    "Config": {"Cmd": list(chosen.cmd), "Labels": dict(chosen.labels), "Env": []},
                }
                self.specs[image_id] = chosen
                return self.images[image_id]
            return existing

    def _image(self, name: str) -> dict[str, Any]:
        name = unquote(name)
        for image in self.images.values():
            if name in (image["Id"], image["Id"][7:]) or name in image["RepoTags"]:
                return image
            if len(name) >= 4 and image["Id"][7:].startswith(name.removeprefix("sha256:")):
                return image
        repo, tag = _split_ref(name)
        for image in self.images.values():
            if f"{repo}:{tag}" in image["RepoTags"]:
                return image
        raise ApiError(404, f"No such image: {name}")

    def _container(self, name: str) -> dict[str, Any]:
        name = unquote(name)
        for box in self.containers.values():
            if box["Name"] == "/" + name.lstrip("/") or box["Id"] == name:
                return box
        matches = [box for box in self.containers.values() if len(name) >= 3 and box["Id"].startswith(name)]
        if len(matches) == 1:
            return matches[0]
        raise ApiError(404, f"No such container: {name}")

    def _network(self, name: str, driver: str, labels: Mapping[str, str]) -> dict[str, Any]:
        network_id = self._new_id("network")
        self.networks[network_id] = {
            "Name": name,
            "Id": network_id,
            "Created": rfc3339(self.now),
            "Scope": "local",
            "Driver": driver,
            "Internal": False,
            "Labels": dict(labels),
            "Containers": {},
            "Options": {},
        }
        return self.networks[network_id]

    def _find_network(self, name: str) -> dict[str, Any]:
        name = unquote(name)
        for network in self.networks.values():
            if name in (network["Id"], network["Name"]):
                return network
        matches = [n for n in self.networks.values() if len(name) >= 3 and n["Id"].startswith(name)]
        if len(matches) == 1:
            return matches[0]
        raise ApiError(404, f"network {name} not found")

    # -- container life ------------------------------------------------------------------------------------------

    def _set_state(self, box: dict[str, Any], status: str, exit_code: int = 0) -> None:
        state = box["State"]
        state.update(Status=status, Running=status == "running", ExitCode=exit_code)
        if status == "running":
            state.update(StartedAt=rfc3339(self.now), FinishedAt=NEVER, ExitCode=0)
            if box["_health"]:
                state["Health"] = {"Status": box["_health"][0], "FailingStreak": 0, "Log": []}
            box["_checks"] = 0
        elif status == "exited":
            state["FinishedAt"] = rfc3339(self.now)

    def _start(self, box: dict[str, Any]) -> None:
        logs, exit_code, _ = self.scripts[box["Id"]]
        self._set_state(box, "running")
        stamp = self.now
        box["_logs"].extend((stream, text, stamp) for stream, text in logs)
        if exit_code is not None:
            self._set_state(box, "exited", exit_code)

    def _stop(self, box: dict[str, Any], exit_code: int) -> bool:
        if box["State"]["Status"] != "running":
            return False
        self._set_state(box, "exited", exit_code)
        return True

    def _inspect(self, box: dict[str, Any]) -> dict[str, Any]:
        health = box["_health"]
        if health and box["State"]["Status"] == "running":
            box["State"]["Health"]["Status"] = health[min(box["_checks"], len(health) - 1)]
            box["_checks"] += 1
        return {key: value for key, value in box.items() if not key.startswith("_")}

    def _summary(self, box: dict[str, Any]) -> dict[str, Any]:
        state = box["State"]
        created = box["_created"]
        return {
            "Id": box["Id"],
            "Names": [box["Name"]],
            "Image": box["Config"]["Image"],
            "ImageID": box["Image"],
            "Command": " ".join(box["Config"]["Cmd"]),
            "Created": int(created),
            "State": state["Status"],
            "Status": state["Status"],
            "Labels": dict(box["Config"]["Labels"]),
            "Mounts": [dict(m) for m in box["Mounts"]],
            "NetworkSettings": {"Networks": {name: {} for name in box["NetworkSettings"]["Networks"]}},
        }


# -- HTTP -----------------------------------------------------------------------------------------------------------


def _filters(query: Mapping[str, list[str]]) -> dict[str, list[str]]:
    raw = query.get("filters", [""])[0]
    if not raw:
        return {}
    parsed = json.loads(raw)
    return {
        key: (list(value) if isinstance(value, list) else [k for k, on in value.items() if on])
        for key, value in parsed.items()
    }


def _labels_match(labels: Mapping[str, str], wanted: list[str]) -> bool:
    for item in wanted:
        key, equals, value = item.partition("=")
        if key not in labels or (equals and labels[key] != value):
            return False
    return True


def _flag(query: Mapping[str, list[str]], name: str) -> bool:
    return query.get(name, ["0"])[0].lower() in ("1", "true")


class _Handler(QuietHandler):
    server: LocalServer

    def _send_json(self, status: int, value: Any) -> None:
        self.send_body(status, json.dumps(value).encode(), "application/json")

    def _send_stream(self, events: list[dict[str, Any]]) -> None:
        """A chunked stream of JSON lines, as pull/push/build answer."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for event in events:
            data = json.dumps(event).encode() + b"\r\n"
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def _route(self) -> None:
        engine: FakeEngine = self.server.engine  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        path = re.sub(r"^/v1\.\d+", "", parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with engine.lock:
            engine.requests.append((self.command, path))
            try:
                answer = _dispatch(engine, self.command, path, query, body)
            except ApiError as error:
                self._send_json(error.status, {"message": str(error)})
                return
        if answer is None:
            self.send_body(204, b"")
        elif isinstance(answer, _Stream):
            self._send_stream(answer.events)
        elif isinstance(answer, _Raw):
            self.send_body(answer.status, answer.data, answer.content_type)
        else:
            status, value = answer
            self._send_json(status, value)

    do_GET = do_POST = do_DELETE = do_PUT = do_HEAD = _route


@dataclass
class _Stream:
    events: list[dict[str, Any]]


@dataclass
class _Raw:
    status: int
    data: bytes
    content_type: str


_UNKNOWN = object()  # a route this part of the fake does not answer


def _one(query: Mapping[str, list[str]], name: str) -> str:
    return query.get(name, [""])[0]


def _dispatch(engine: FakeEngine, method: str, path: str, query: Mapping[str, list[str]], body: bytes) -> Any:
    route = f"{method} {path}"
    if route in ("GET /_ping", "HEAD /_ping"):
        return _Raw(200, b"OK", "text/plain; charset=utf-8")
    if route == "GET /version":
        return 200, {
            "Version": "26.1.0-fake",
            "ApiVersion": API_VERSION,
            "MinAPIVersion": "1.24",
            "Os": "linux",
            "Arch": "amd64",
            "Components": [{"Name": "Engine (course fake)", "Version": "26.1.0-fake"}],
        }
    if route == "GET /info":
        running = sum(box["State"]["Running"] for box in engine.containers.values())
        return 200, {
            "Name": "course-fake-engine",
            "Containers": len(engine.containers),
            "ContainersRunning": running,
            "Images": len(engine.images),
            "ServerVersion": "26.1.0-fake",
        }
    for handler in (_images, _containers, _networks, _volumes):
        answer = handler(engine, method, path, query, body)
        if answer is not _UNKNOWN:
            return answer
    raise ApiError(501, f"the course's fake engine does not emulate {method} {path}")


def _images(engine: FakeEngine, method: str, path: str, query: Mapping[str, list[str]], body: bytes) -> Any:
    route = f"{method} {path}"
    if route == "GET /images/json":
        return 200, [
            {
                "Id": i["Id"],
                "RepoTags": list(i["RepoTags"]),
                "Created": 0,
                "Size": i["Size"],
                "Labels": dict(i["Config"]["Labels"]),
            }
            for i in engine.images.values()
        ]
    if route == "POST /images/create":
        repo, tag = _one(query, "fromImage"), _one(query, "tag") or "latest"
        if "@" in repo:
            raise ApiError(400, "the fake engine pulls by tag only")
        full = f"{repo}:{tag}"
        if full not in engine.catalogue:
            raise ApiError(
                404, f"pull access denied for {repo}: manifest for {full} not found (course fake: not in its catalogue)"
            )
        short = _digest("layer", full)[:12]
        engine.add_image(full)
        return _Stream(
            [
                {"status": f"Pulling from {repo}", "id": tag},
                {"status": "Downloading", "progressDetail": {"current": 1, "total": 2}, "id": short},
                {"status": "Pull complete", "progressDetail": {}, "id": short},
                {"status": f"Digest: sha256:{_digest('digest', full)}"},
                {"status": f"Status: Downloaded newer image for {full}"},
            ]
        )
    if route == "POST /build":
        return _build(engine, query, body)
    match = re.fullmatch(r"/images/(.+?)(/json|/tag|/push)?", path)
    if match:
        name, action = match.group(1), match.group(2)
        if method == "POST" and action == "/push":  # the name is a repository; the tag comes as a parameter
            return _push(engine, unquote(name), _one(query, "tag"))
        image = engine._image(name)
        if method == "GET" and action == "/json":
            return 200, {k: (list(v) if isinstance(v, list) else v) for k, v in image.items()}
        if method == "POST" and action == "/tag":
            new = f"{_one(query, 'repo')}:{_one(query, 'tag') or 'latest'}"
            for other in engine.images.values():
                if new in other["RepoTags"]:
                    other["RepoTags"].remove(new)
            image["RepoTags"].append(new)
            return 201, {}
        if method == "DELETE" and action is None:
            users = [box for box in engine.containers.values() if box["Image"] == image["Id"]]
            if users and not _flag(query, "force"):
                raise ApiError(
                    409, f"conflict: unable to remove image {name}: in use by container {users[0]['Id'][:12]}"
                )
            ref = unquote(name)
            full = "{}:{}".format(*_split_ref(ref))
            if full in image["RepoTags"] and len(image["RepoTags"]) > 1:
                image["RepoTags"].remove(full)
                return 200, [{"Untagged": full}]
            del engine.images[image["Id"]]
            return 200, [{"Untagged": t} for t in image["RepoTags"]] + [{"Deleted": image["Id"]}]
    return _UNKNOWN


def _push(engine: FakeEngine, repo: str, tag: str) -> _Stream:
    """Push ``repo:tag`` (every local tag of ``repo`` when ``tag`` is empty) to :attr:`FakeEngine.pushed`.

    As the engine does, every refusal comes as an ``error`` event after the first status line (the answer is a
    200 stream already): no local tag of ``repo`` at all, no such tag, or Docker Hub (the course never logs in).
    """
    first = repo.partition("/")[0]
    registry = "/" in repo and ("." in first or ":" in first or first == "localhost")
    hub = not registry or first in ("docker.io", "index.docker.io")
    full = repo if registry else ("docker.io/" if "/" in repo else "docker.io/library/") + repo
    events: list[dict[str, Any]] = [{"status": f"The push refers to repository [{full}]"}]
    local = sorted(t for image in engine.images.values() for t in image["RepoTags"] if _split_ref(t)[0] == repo)
    refs = [f"{repo}:{tag}"] if tag else local
    if not local:
        refusal = f"An image does not exist locally with the tag: {repo}"
    elif refs[0] not in local:
        refusal = f"tag does not exist: {refs[0]}"
    elif hub:
        refusal = "denied: requested access to the resource is denied"
    else:
        for ref in refs:
            engine.pushed[ref] = engine._image(ref)["Id"]
            events.append({"status": f"{_split_ref(ref)[1]}: digest: sha256:{_digest('digest', ref)} size: 1234"})
        return _Stream(events)
    return _Stream([*events, {"errorDetail": {"message": refusal}, "error": refusal}])


def _containers(engine: FakeEngine, method: str, path: str, query: Mapping[str, list[str]], body: bytes) -> Any:
    route = f"{method} {path}"
    if route == "POST /containers/create":
        return _create(engine, _one(query, "name"), json.loads(body or b"{}"))
    if route == "GET /containers/json":
        return 200, _list_containers(engine, query)
    if route == "POST /containers/prune":
        wanted = _filters(query)
        until = wanted.get("until", [])
        gone = []
        for box in list(engine.containers.values()):
            if box["State"]["Running"] or not _labels_match(box["Config"]["Labels"], wanted.get("label", [])):
                continue
            if until and box["_created"] >= float(until[0]):
                continue
            del engine.containers[box["Id"]]
            gone.append(box["Id"])
        return 200, {"ContainersDeleted": gone or None, "SpaceReclaimed": 0}
    match = re.fullmatch(r"/containers/([^/]+)(/[a-z]+)?", path)
    if match:
        box = engine._container(match.group(1))
        action = match.group(2)
        if method == "GET" and action == "/json":
            return 200, engine._inspect(box)
        if method == "POST" and action == "/start":
            if box["State"]["Running"]:
                return _Raw(304, b"", "text/plain")
            engine._start(box)
            return None
        if method == "POST" and action in ("/stop", "/kill"):
            if not engine._stop(box, 143 if action == "/stop" else 137):
                if action == "/kill":
                    raise ApiError(409, f"Container {box['Id']} is not running")
                return _Raw(304, b"", "text/plain")
            return None
        if method == "POST" and action == "/restart":
            engine._stop(box, 143)
            engine._start(box)
            return None
        if method == "POST" and action == "/wait":
            if box["State"]["Running"]:
                raise ApiError(
                    409, "the course's fake engine cannot wait for a container that never exits: stop it first"
                )
            return 200, {"StatusCode": box["State"]["ExitCode"], "Error": None}
        if method == "GET" and action == "/logs":
            return _logs(engine, box, query)
        if method == "DELETE" and action is None:
            if box["State"]["Running"] and not _flag(query, "force"):
                raise ApiError(
                    409,
                    f"cannot remove container {box['Name']}: container is running: stop it first or force the removal",
                )
            for network in engine.networks.values():
                network["Containers"].pop(box["Id"], None)
            del engine.containers[box["Id"]]
            return None
        raise ApiError(501, f"the course's fake engine does not emulate {method} /containers/{{id}}{action or ''}")
    return _UNKNOWN


def _networks(engine: FakeEngine, method: str, path: str, query: Mapping[str, list[str]], body: bytes) -> Any:
    route = f"{method} {path}"
    if route == "GET /networks":
        wanted = _filters(query)
        found = []
        for network in engine.networks.values():
            if wanted.get("name") and not any(re.search(n, network["Name"]) for n in wanted["name"]):
                continue
            if wanted.get("id") and not any(network["Id"].startswith(i) for i in wanted["id"]):
                continue
            if not _labels_match(network["Labels"], wanted.get("label", [])):
                continue
            found.append({**_copy(network), "Containers": {}})  # a list does not say who is attached (API 1.28+)
        return 200, found
    if route == "POST /networks/create":
        spec = json.loads(body or b"{}")
        name = spec.get("Name", "")
        if any(n["Name"] == name for n in engine.networks.values()):
            raise ApiError(409, f"network with name {name} already exists")
        network = engine._network(name, spec.get("Driver") or "bridge", spec.get("Labels") or {})
        return 201, {"Id": network["Id"], "Warning": ""}
    match = re.fullmatch(r"/networks/([^/]+)(/connect|/disconnect)?", path)
    if match:
        network = engine._find_network(match.group(1))
        action = match.group(2)
        if method == "GET" and action is None:
            return 200, _copy(network)
        if method == "POST":
            box = engine._container(json.loads(body or b"{}").get("Container", ""))
            attached = box["NetworkSettings"]["Networks"]
            if action == "/connect":
                if network["Name"] in attached:
                    raise ApiError(
                        403, f"endpoint with name {box['Name'][1:]} already exists in network {network['Name']}"
                    )
                attached[network["Name"]] = {"NetworkID": network["Id"], "Aliases": [box["Name"][1:]]}
                network["Containers"][box["Id"]] = {"Name": box["Name"][1:]}
            else:
                attached.pop(network["Name"], None)
                network["Containers"].pop(box["Id"], None)
            return 200, {}
        if method == "DELETE":
            if network["Containers"]:
                raise ApiError(
                    403,
                    f"error while removing network: network {network['Name']} id {network['Id']} has active endpoints",
                )
            del engine.networks[network["Id"]]
            return None
    return _UNKNOWN


def _volumes(engine: FakeEngine, method: str, path: str, query: Mapping[str, list[str]], body: bytes) -> Any:
    route = f"{method} {path}"
    if route == "GET /volumes":
        wanted = _filters(query)
        found = [_copy(v) for v in engine.volumes.values() if _labels_match(v["Labels"], wanted.get("label", []))]
        return 200, {"Volumes": found, "Warnings": []}
    if route == "POST /volumes/create":
        spec = json.loads(body or b"{}")
        name = spec.get("Name") or engine._new_id("volume")
        if name not in engine.volumes:
            engine.volumes[name] = {
                "Name": name,
                "Driver": spec.get("Driver") or "local",
                "Labels": spec.get("Labels") or {},
                "Mountpoint": f"/var/lib/docker/volumes/{name}/_data",
                "Scope": "local",
                "CreatedAt": rfc3339(engine.now),
                "Options": {},
            }
        return 201, _copy(engine.volumes[name])
    match = re.fullmatch(r"/volumes/([^/]+)", path)
    if match:
        name = unquote(match.group(1))
        if name not in engine.volumes:
            raise ApiError(404, f"get {name}: no such volume")
        if method == "GET":
            return 200, _copy(engine.volumes[name])
        if method == "DELETE":
            users = [b["Name"] for b in engine.containers.values() if any(m.get("Name") == name for m in b["Mounts"])]
            if users:
                raise ApiError(409, f"remove {name}: volume is in use - [{users[0]}]")
            del engine.volumes[name]
            return None
    return _UNKNOWN


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _create(engine: FakeEngine, name: str, spec: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    ref = spec.get("Image", "")
    image = engine._image(ref)
    image_spec = engine.specs[image["Id"]]
    if name and not re.fullmatch(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
        raise ApiError(400, f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
    if name and any(box["Name"] == "/" + name.lstrip("/") for box in engine.containers.values()):
        raise ApiError(409, f'Conflict. The container name "/{name.lstrip("/")}" is already in use')
    container_id = engine._new_id("container")
    command = list(spec.get("Cmd") or image["Config"]["Cmd"])
    script = _script(command)
    if script is not None and spec.get("Cmd"):
        logs, exit_code = script
    else:
        logs, exit_code = list(image_spec.logs), image_spec.exit_code
    engine.scripts[container_id] = (logs, exit_code, image_spec.health)
    labels = {**image["Config"]["Labels"], **(spec.get("Labels") or {})}
    host = spec.get("HostConfig") or {}
    mounts = []
    for bind in host.get("Binds") or []:
        source, _, rest = bind.partition(":")
        target, _, mode = rest.partition(":")
        if "/" not in source:
            if source not in engine.volumes:
                _dispatch(engine, "POST", "/volumes/create", {}, json.dumps({"Name": source}).encode())
            mounts.append(
                {
                    "Type": "volume",
                    "Name": source,
                    "Source": engine.volumes[source]["Mountpoint"],
                    "Destination": target,
                    "RW": mode != "ro",
                }
            )
        else:
            mounts.append({"Type": "bind", "Source": source, "Destination": target, "RW": mode != "ro"})
    network_mode = host.get("NetworkMode") or "bridge"
    engine.containers[container_id] = box = {
        "Id": container_id,
        "Name": "/" + (name.lstrip("/") or f"fake_{engine.counter}"),
        "Created": rfc3339(engine.now),
        "Image": image["Id"],
        "State": {"Status": "created", "Running": False, "ExitCode": 0, "StartedAt": NEVER, "FinishedAt": NEVER},
        "Config": {
            "Image": ref,
            "Cmd": command,
            "Labels": labels,
            "Env": list(spec.get("Env") or []),
            "Tty": bool(spec.get("Tty")),
        },
        "HostConfig": {
            "NetworkMode": network_mode,
            "Binds": list(host.get("Binds") or []),
            "LogConfig": {"Type": "json-file", "Config": {}},
            "RestartPolicy": host.get("RestartPolicy") or {"Name": "no"},
        },
        "Mounts": mounts,
        "NetworkSettings": {"Networks": {}},
        "_created": engine.now,
        "_logs": [],
        "_health": image_spec.health,
        "_checks": 0,
    }
    network = engine._find_network("bridge" if network_mode == "default" else network_mode)
    box["NetworkSettings"]["Networks"][network["Name"]] = {"NetworkID": network["Id"], "Aliases": [box["Name"][1:]]}
    network["Containers"][container_id] = {"Name": box["Name"][1:]}
    return 201, {"Id": container_id, "Warnings": []}


def _list_containers(engine: FakeEngine, query: Mapping[str, list[str]]) -> list[dict[str, Any]]:
    wanted = _filters(query)
    limit = query.get("limit", [""])[0]
    # as the engine does: a status filter or a limit lists stopped containers too, as all=1 does
    everything = _flag(query, "all") or bool(wanted.get("status")) or bool(limit and int(limit) > 0)
    found = []
    for box in engine.containers.values():
        state = box["State"]
        if not everything and not state["Running"]:
            continue
        if wanted.get("status") and state["Status"] not in wanted["status"]:
            continue
        if wanted.get("exited") and (state["Status"] != "exited" or str(state["ExitCode"]) not in wanted["exited"]):
            continue
        if wanted.get("name") and not any(re.search(n, box["Name"]) for n in wanted["name"]):
            continue
        if wanted.get("id") and not any(box["Id"].startswith(i) for i in wanted["id"]):
            continue
        if not _labels_match(box["Config"]["Labels"], wanted.get("label", [])):
            continue
        found.append(engine._summary(box))
    found.reverse()  # newest first, as the engine lists them
    return found[: int(limit)] if limit and int(limit) > 0 else found


def _logs(engine: FakeEngine, box: dict[str, Any], query: Mapping[str, list[str]]) -> _Raw:
    streams = {"stdout": _flag(query, "stdout"), "stderr": _flag(query, "stderr")}
    lines = [(stream, text, stamp) for stream, text, stamp in box["_logs"] if streams[stream]]
    since = float(query.get("since", ["0"])[0] or 0)
    lines = [line for line in lines if line[2] >= since] if since else lines
    tail = query.get("tail", ["all"])[0]
    if tail not in ("all", "") and int(tail) >= 0:
        lines = lines[len(lines) - int(tail) :] if int(tail) else []
    out = io.BytesIO()
    for stream, text, stamp in lines:
        data = ((rfc3339(stamp) + " ") if _flag(query, "timestamps") else "") + text + "\n"
        encoded = data.encode()
        out.write(encoded if box["Config"]["Tty"] else frame(1 if stream == "stdout" else 2, encoded))
    kind = "application/vnd.docker.raw-stream" if box["Config"]["Tty"] else "application/vnd.docker.multiplexed-stream"
    return _Raw(200, out.getvalue(), kind)


def _build(engine: FakeEngine, query: Mapping[str, list[str]], body: bytes) -> _Stream:
    name = query.get("dockerfile", ["Dockerfile"])[0] or "Dockerfile"
    try:
        with tarfile.open(fileobj=io.BytesIO(body)) as tar:
            member = tar.extractfile(name)
            text = member.read().decode() if member else ""
    except (tarfile.TarError, KeyError):
        return _Stream(
            [
                {
                    "errorDetail": {"message": f"Cannot locate specified Dockerfile: {name}"},
                    "error": f"Cannot locate specified Dockerfile: {name}",
                }
            ]
        )
    steps = parse_dockerfile(text)
    events: list[dict[str, Any]] = []
    base: dict[str, Any] | None = None
    labels: dict[str, str] = {}
    cmd: list[str] = []
    for number, step in enumerate(steps, start=1):
        events.append({"stream": f"Step {number}/{len(steps)} : {step.keyword} {step.args}\n"})
        if step.keyword == "FROM":
            ref = step.args.split()[0]
            try:
                base = engine._image(ref)
            except ApiError:
                message = f"pull access denied for {ref} (course fake: FROM must name an image pulled first)"
                return _Stream([*events, {"errorDetail": {"message": message}, "error": message}])
            labels = dict(base["Config"]["Labels"])
            cmd = list(base["Config"]["Cmd"])
        elif step.keyword == "LABEL":
            for word in shlex.split(step.args):
                key, _, value = word.partition("=")
                labels[key] = value
        elif step.keyword == "CMD":
            cmd = step.exec_form if step.exec_form is not None else ["/bin/sh", "-c", step.args]
    if base is None:
        message = "the Dockerfile has no FROM"
        return _Stream([*events, {"errorDetail": {"message": message}, "error": message}])
    for key, value in json.loads(query.get("labels", ["{}"])[0] or "{}").items():
        labels[key] = value
    image_id = "sha256:" + _digest("build", text, json.dumps(labels, sort_keys=True))
    base_spec = engine.specs[base["Id"]]
    tags = ["{}:{}".format(*_split_ref(t)) for t in query.get("t", [])]
    for image in engine.images.values():
        image["RepoTags"] = [t for t in image["RepoTags"] if t not in tags]
    engine.images[image_id] = {
        "Id": image_id,
        "RepoTags": tags,
        "RepoDigests": [],
        "Created": rfc3339(engine.now),
        "Size": base["Size"] + len(body),
        "Config": {"Cmd": cmd, "Labels": labels, "Env": []},
    }
    engine.specs[image_id] = ImageSpec(
        base_spec.logs, base_spec.exit_code, base_spec.health, labels, base["Size"], tuple(cmd)
    )
    events.append({"aux": {"ID": image_id}})
    events.append({"stream": f"Successfully built {image_id[7:19]}\n"})
    events += [{"stream": f"Successfully tagged {tag}\n"} for tag in tags]
    return _Stream(events)


_SHARED: list[FakeEngine] = []
_SHARED_LOCK = threading.Lock()


def shared_engine() -> FakeEngine:
    """One engine for the whole process (a notebook's setup cell), served until the process exits; call
    ``reset()`` for a clean slate between exercises."""
    with _SHARED_LOCK:
        if not _SHARED:
            stack = contextlib.ExitStack()
            _SHARED.append(stack.enter_context(fake_engine()))
            atexit.register(stack.close)
        return _SHARED[0]


@contextlib.contextmanager
def fake_engine(catalogue: Mapping[str, ImageSpec] | None = None, start: float = START) -> Iterator[FakeEngine]:
    """A :class:`FakeEngine` served on 127.0.0.1 at a free port for one ``with`` block (``engine.url``); at its end
    the port is closed and no thread is left."""
    engine = FakeEngine(catalogue, start)
    with local_server(_Handler, engine=engine) as server:
        engine.url = base_url(server)
        yield engine
