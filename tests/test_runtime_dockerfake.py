"""course.runtime.dockerfake: the real docker SDK against the course's fake Engine API on 127.0.0.1."""

from __future__ import annotations

import doctest
import io
import json
import struct
import tarfile
import threading
from collections.abc import Iterator

import docker
import pytest
import requests

from course.runtime import dockerfake
from course.runtime.dockerfake import START, FakeEngine, ImageSpec, fake_engine, frame, rfc3339


@pytest.fixture(scope="module")
def engine() -> Iterator[FakeEngine]:
    with fake_engine() as served:
        yield served


@pytest.fixture
def client(engine: FakeEngine) -> docker.DockerClient:
    engine.reset()
    return engine.client()


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(dockerfake).failed == 0


def test_timestamps_and_frames() -> None:
    assert rfc3339(START) == "2026-01-01T00:00:00.000000000Z"
    assert rfc3339(START + 1.5) == "2026-01-01T00:00:01.500000000Z"
    assert frame(2, b"hi") == b"\x02\x00\x00\x00\x00\x00\x00\x02hi"


def test_version_ping_and_the_pinned_api_version(client: docker.DockerClient, engine: FakeEngine) -> None:
    assert client.ping() is True
    assert client.version()["ApiVersion"] == "1.45"
    assert engine.requests == [("GET", "/_ping"), ("GET", "/version")], "no version probe: the client pins 1.45"


def test_pull_streams_progress_and_only_from_the_catalogue(client: docker.DockerClient) -> None:
    events = list(client.api.pull("redis", tag="7.4", stream=True, decode=True))
    assert events[0] == {"status": "Pulling from redis", "id": "7.4"}
    assert events[-1] == {"status": "Status: Downloaded newer image for redis:7.4"}
    assert [image.tags for image in client.images.list()] == [["redis:7.4"]]
    with pytest.raises(docker.errors.NotFound, match="catalogue"):
        client.images.pull("mysql", tag="8")


def test_container_life_logs_and_exit_codes(client: docker.DockerClient, engine: FakeEngine) -> None:
    client.images.pull("alpine", tag="3.20")
    job = client.containers.run("alpine:3.20", ["sh", "-c", "echo out; echo err >&2; exit 2"], name="job", detach=True)
    assert job.wait() == {"StatusCode": 2, "Error": None}
    assert job.logs() == b"out\nerr\n" and job.logs(stderr=False) == b"out\n" and job.logs(stdout=False) == b"err\n"
    raw = requests.get(f"{engine.url}/containers/job/logs?stdout=1&stderr=1", timeout=5).content
    assert raw == frame(1, b"out\n") + frame(2, b"err\n"), "the multiplexed format, 8-byte headers"
    job.reload()
    assert job.status == "exited" and job.attrs["State"]["FinishedAt"] == rfc3339(START)


def test_running_containers_stop_with_143_and_remove_needs_stopping(
    client: docker.DockerClient, engine: FakeEngine
) -> None:
    client.images.pull("nginx", tag="1.27")
    web = client.containers.run("nginx:1.27", name="web", detach=True)
    with pytest.raises(docker.errors.APIError, match="never exits"):
        web.wait()
    with pytest.raises(docker.errors.APIError, match="is running"):
        web.remove()
    engine.advance(30)
    web.stop()
    web.reload()
    assert (web.status, web.attrs["State"]["ExitCode"]) == ("exited", 143)
    assert web.attrs["State"]["FinishedAt"] == rfc3339(START + 30)
    web.remove()
    assert client.containers.list(all=True) == []


def test_health_moves_one_status_per_inspect(client: docker.DockerClient) -> None:
    client.images.pull("postgres", tag="16")
    db = client.containers.run("postgres:16", detach=True)
    seen = []
    for _ in range(4):
        db.reload()
        seen.append(db.health)
    assert seen == ["starting", "starting", "healthy", "healthy"]


def test_list_filters(client: docker.DockerClient) -> None:
    client.images.pull("busybox", tag="1.36")
    client.images.pull("redis", tag="7.4")
    client.containers.run("redis:7.4", name="cache-a", labels={"team": "shop"}, detach=True)
    client.containers.run("redis:7.4", name="cache-b", labels={"team": "data"}, detach=True)
    client.containers.run("busybox:1.36", ["sh", "-c", "exit 1"], name="failed", labels={"team": "shop"}, detach=True)
    client.containers.create("busybox:1.36", name="fresh")
    assert [c.name for c in client.containers.list()] == ["cache-b", "cache-a"], "running only, newest first"
    assert [c.name for c in client.containers.list(all=True)] == ["fresh", "failed", "cache-b", "cache-a"]
    assert [c.name for c in client.containers.list(filters={"label": "team=shop"})] == ["cache-a"]
    assert [c.name for c in client.containers.list(all=True, filters={"label": "team"})] == [
        "failed",
        "cache-b",
        "cache-a",
    ]
    assert [c.name for c in client.containers.list(all=True, filters={"status": "exited"})] == ["failed"]
    assert [c.name for c in client.containers.list(all=True, filters={"status": "created"})] == ["fresh"]
    assert [c.name for c in client.containers.list(filters={"status": "exited"})] == ["failed"], "status implies all"
    assert [c.name for c in client.containers.list(limit=3)] == ["fresh", "failed", "cache-b"], "a limit implies all"
    assert [c.name for c in client.containers.list(all=True, filters={"exited": 1})] == ["failed"]
    assert [c.name for c in client.containers.list(all=True, filters={"name": "cache"})] == ["cache-b", "cache-a"]
    with pytest.raises(docker.errors.APIError, match="already in use"):
        client.containers.create("busybox:1.36", name="fresh")


def test_networks_refuse_duplicates_and_match_names_by_substring(client: docker.DockerClient) -> None:
    client.images.pull("redis", tag="7.4")
    box = client.containers.run("redis:7.4", name="cache", detach=True)
    net = client.networks.create("app", labels={"env": "test"})
    client.networks.create("app-old")
    with pytest.raises(docker.errors.APIError, match="already exists"):
        client.networks.create("app")
    assert sorted(n.name for n in client.networks.list(names=["app"])) == ["app", "app-old"]
    assert [n.name for n in client.networks.list(filters={"label": "env=test"})] == ["app"]
    net.connect(box)
    assert client.networks.list(names=["app"])[0].containers == [], "a list does not say who is attached"
    net.reload()
    assert [c.id for c in net.containers] == [box.id]
    box.reload()
    assert sorted(box.attrs["NetworkSettings"]["Networks"]) == ["app", "bridge"]
    with pytest.raises(docker.errors.APIError, match="active endpoints"):
        net.remove()
    net.disconnect(box)
    net.remove()


def test_volumes_mount_and_refuse_removal_in_use(client: docker.DockerClient) -> None:
    client.images.pull("postgres", tag="16")
    client.volumes.create("pgdata", labels={"app": "db"})
    db = client.containers.create("postgres:16", volumes={"pgdata": {"bind": "/var/lib/postgresql/data", "mode": "rw"}})
    assert (
        db.attrs["Mounts"][0]["Name"] == "pgdata" and db.attrs["Mounts"][0]["Destination"] == "/var/lib/postgresql/data"
    )
    assert [v.name for v in client.volumes.list(filters={"label": "app=db"})] == ["pgdata"]
    with pytest.raises(docker.errors.APIError, match="in use"):
        client.volumes.get("pgdata").remove()
    db.remove()
    client.volumes.get("pgdata").remove()
    with pytest.raises(docker.errors.NotFound):
        client.volumes.get("pgdata")


def _context(dockerfile: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        data = dockerfile.encode()
        info = tarfile.TarInfo("Dockerfile")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    return buffer


def test_build_tag_push(client: docker.DockerClient, engine: FakeEngine) -> None:
    client.images.pull("python", tag="3.12-slim")
    text = 'FROM python:3.12-slim\nLABEL org.team=shop\nCMD ["python", "-m", "app"]\n'
    image, logs = client.images.build(fileobj=_context(text), custom_context=True, tag="shop/api:1.0")
    assert image.tags == ["shop/api:1.0"] and image.labels == {"org.team": "shop"}
    assert image.attrs["Config"]["Cmd"] == ["python", "-m", "app"]
    assert next(e["stream"] for e in logs if "stream" in e) == "Step 1/3 : FROM python:3.12-slim\n"
    assert image.tag("localhost:5000/shop/api", "1.0") is True
    assert image.reload() is None and sorted(image.tags) == ["localhost:5000/shop/api:1.0", "shop/api:1.0"]
    events = list(client.images.push("localhost:5000/shop/api", tag="1.0", stream=True, decode=True))
    assert "error" not in events[-1] and engine.pushed == {"localhost:5000/shop/api:1.0": image.id}
    refused = list(client.images.push("shop/api", tag="1.0", stream=True, decode=True))
    assert refused[-1]["error"] == "denied: requested access to the resource is denied"
    assert list(engine.pushed) == ["localhost:5000/shop/api:1.0"]
    with pytest.raises(docker.errors.BuildError, match="pulled first"):
        client.images.build(fileobj=_context("FROM ubuntu:24.04\n"), custom_context=True)


def test_push_refusals_come_in_the_stream(client: docker.DockerClient, engine: FakeEngine) -> None:
    client.images.pull("alpine", tag="3.20")
    client.images.get("alpine:3.20").tag("localhost:5000/a", "1")
    nothing = list(client.images.push("localhost:5000/b", tag="1", stream=True, decode=True))
    assert nothing[0] == {"status": "The push refers to repository [localhost:5000/b]"}
    assert nothing[-1]["error"] == "An image does not exist locally with the tag: localhost:5000/b"
    wrong_tag = list(client.images.push("localhost:5000/a", tag="2", stream=True, decode=True))
    assert wrong_tag[-1]["error"] == "tag does not exist: localhost:5000/a:2"
    hub = list(client.images.push("alpine", tag="3.20", stream=True, decode=True))
    assert (
        hub[0]["status"] == "The push refers to repository [docker.io/library/alpine]" and "denied" in hub[-1]["error"]
    )
    assert engine.pushed == {}
    every_tag = list(client.images.push("localhost:5000/a", stream=True, decode=True))
    assert "error" not in every_tag[-1] and list(engine.pushed) == ["localhost:5000/a:1"]


def test_prune_until_and_unknown_routes(client: docker.DockerClient, engine: FakeEngine) -> None:
    client.images.pull("busybox", tag="1.36")
    old = client.containers.run("busybox:1.36", name="old", detach=True)
    engine.advance(100)
    client.containers.run("busybox:1.36", name="new", detach=True)
    report = client.containers.prune(filters={"until": int(START + 50)})
    assert report["ContainersDeleted"] == [old.id]
    with pytest.raises(docker.errors.APIError, match="does not emulate"):
        client.containers.get("new").exec_run("ls")


def test_tty_logs_are_raw_and_timestamps_are_the_engines(client: docker.DockerClient, engine: FakeEngine) -> None:
    client.images.pull("alpine", tag="3.20")
    box = client.containers.run("alpine:3.20", ["sh", "-c", "echo hi"], tty=True, name="t", detach=True)
    raw = requests.get(f"{engine.url}/containers/t/logs?stdout=1&timestamps=1", timeout=5).content
    assert raw == b"2026-01-01T00:00:00.000000000Z hi\n" and box.wait()["StatusCode"] == 0


def test_custom_catalogue_and_clean_shutdown() -> None:
    before = set(threading.enumerate())
    with fake_engine({"app:1": ImageSpec(logs=(("stdout", "ok"),), exit_code=0)}) as served:
        client = served.client()
        client.images.pull("app", tag="1")
        assert client.containers.run("app:1", remove=False) == b"ok\n"
        url = served.url
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/_ping", timeout=2)
    assert [t for t in threading.enumerate() if t not in before] == [], "no thread of this engine is left"
    assert json.loads(json.dumps(dockerfake.CATALOGUE["alpine:3.20"].cmd)) == ["/bin/sh"]
    assert struct.calcsize(">BxxxL") == 8
