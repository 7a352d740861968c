"""course.runtime.operators: a real kopf operator against the emulated cluster, stopped and cleaned up after."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from course.runtime import kube, operators

kopf = pytest.importorskip("kopf")
from kubernetes import client  # noqa: E402

GROUP, VERSION, PLURAL = "example.com", "v1", "widgets"
CRD = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": f"{PLURAL}.{GROUP}"},
    "spec": {
        "group": GROUP,
        "scope": "Namespaced",
        "names": {"plural": PLURAL, "singular": "widget", "kind": "Widget"},
        "versions": [{"name": VERSION, "served": True, "storage": True, "subresources": {"status": {}}}],
    },
}


def _named(kind: str, name: str) -> Any:
    return lambda objs: next((o for o in objs if o.get("kind") == kind and o["metadata"]["name"] == name), None)


def test_an_operator_handles_create_and_delete_and_leaves_nothing_behind() -> None:
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logging.getLogger("asyncio").propagate)
    threads_before = set(threading.enumerate())
    registry = kopf.OperatorRegistry()
    deleted: list[str] = []

    @kopf.on.create(GROUP, VERSION, PLURAL, registry=registry)
    def made(name: str, namespace: str, patch: Any, **_: Any) -> None:
        core = client.CoreV1Api(kube.api_client(url))
        core.create_namespaced_config_map(
            namespace, client.V1ConfigMap(metadata=client.V1ObjectMeta(name=f"{name}-cfg"))
        )
        patch.status["phase"] = "Ready"

    @kopf.on.delete(GROUP, VERSION, PLURAL, registry=registry)
    def gone(name: str, **_: Any) -> None:
        deleted.append(name)

    with kube.kube_cluster() as url:
        client.ApiextensionsV1Api(kube.api_client(url)).create_custom_resource_definition(CRD)
        custom = client.CustomObjectsApi(kube.api_client(url))
        with operators.running_operator(url, registry) as runner:
            body = {"apiVersion": f"{GROUP}/{VERSION}", "kind": "Widget", "metadata": {"name": "w1"}, "spec": {}}
            custom.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, body)
            kube.wait_for(url, _named("ConfigMap", "w1-cfg"))
            ready = kube.wait_for(url, lambda objs: (_named("Widget", "w1")(objs) or {}).get("status", {}).get("phase"))
            widget = custom.get_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "w1")
            assert widget["metadata"]["finalizers"] == ["kopf.zalando.org/KopfFinalizerMarker"]
            custom.delete_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "w1")
            kube.wait_for(url, lambda objs: _named("Widget", "w1")(objs) is None)
        assert ready == "Ready"
        assert deleted == ["w1"]
        assert "made' succeeded" in runner.output
    after = (list(root.handlers), root.level, logging.getLogger("asyncio").propagate)
    assert after == before, "kopf's logging configuration is put back"
    alive = [
        t.name
        for t in threading.enumerate()
        if t not in threads_before and (t.name.startswith("course-") or t.name.endswith("(_target)"))
    ]
    # KopfRunner's thread runs `_target`; pycares (aiohttp's DNS resolver) keeps one daemon thread per process
    assert alive == [], "the operator's thread, its executor and the cluster's thread have ended"


def test_explicit_events_are_posted_and_log_lines_are_not() -> None:
    registry = kopf.OperatorRegistry()

    @kopf.on.create(GROUP, VERSION, PLURAL, registry=registry)
    def made(body: Any, logger: Any, **_: Any) -> None:
        logger.info("a log line only")
        kopf.info(body, reason="Made", message="an Event")

    def events(objs: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return sorted((o["reason"], o["message"]) for o in objs if o.get("kind") == "Event")

    with kube.kube_cluster() as url:
        client.ApiextensionsV1Api(kube.api_client(url)).create_custom_resource_definition(CRD)
        custom = client.CustomObjectsApi(kube.api_client(url))
        with operators.running_operator(url, registry) as runner:
            body = {"apiVersion": f"{GROUP}/{VERSION}", "kind": "Widget", "metadata": {"name": "w2"}, "spec": {}}
            custom.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, body)
            posted = kube.wait_for(url, events)
            kube.wait_for(url, lambda objs: "kopf.zalando.org/last-handled-configuration" in str(objs))
        assert "a log line only" in runner.output
        assert posted == [("Made", "an Event")]
        assert events(kube.objects(url)) == [("Made", "an Event")], "kopf's own log lines posted no Events"
