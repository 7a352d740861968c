"""course.runtime.kube: custom resources from CRDs, kind/apiVersion on create, finalizers, a watch that loses
nothing, and wait_for."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from course.runtime import kube

kubernetes = pytest.importorskip("kubernetes")
from kubernetes import client, watch  # noqa: E402
from kubernetes.client.rest import ApiException  # noqa: E402

GROUP, VERSION, PLURAL = "example.com", "v1", "databases"


def _crd(*, served_old: bool = False) -> dict[str, Any]:
    schema = {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object"}}}}
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{PLURAL}.{GROUP}"},
        "spec": {
            "group": GROUP,
            "scope": "Namespaced",
            "names": {"plural": PLURAL, "singular": "database", "kind": "Database", "shortNames": ["db"]},
            "versions": [
                {"name": "v1", "served": True, "storage": True, "schema": schema, "subresources": {"status": {}}},
                {"name": "v1alpha1", "served": served_old, "storage": False, "schema": schema},
            ],
        },
    }


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with kube.kube_cluster() as endpoint:
        yield endpoint


@pytest.fixture
def custom(url: str) -> Any:
    kube.reset(url)
    return client.CustomObjectsApi(kube.api_client(url))


def _install(url: str) -> None:
    client.ApiextensionsV1Api(kube.api_client(url)).create_custom_resource_definition(_crd())


def _db(name: str, **meta: Any) -> dict[str, Any]:
    return {"apiVersion": f"{GROUP}/{VERSION}", "kind": "Database", "metadata": {"name": name, **meta}, "spec": {}}


def test_crd_resources_lists_only_served_versions_with_their_facts() -> None:
    served = kube.crd_resources(_crd())
    assert list(served) == ["example.com/v1/databases"]
    info = served["example.com/v1/databases"]
    assert info["kind"] == "Database"
    assert info["namespaced"] is True
    assert info["shortnames"] == ["db"]
    assert info["subresources"] == ["status"]
    assert sorted(kube.crd_resources(_crd(served_old=True))) == [
        "example.com/v1/databases",
        "example.com/v1alpha1/databases",
    ]


def test_a_created_crd_is_served_in_discovery_and_at_its_paths(url: str, custom: Any) -> None:
    with pytest.raises(ApiException) as caught:
        custom.list_namespaced_custom_object(GROUP, VERSION, "default", PLURAL)
    assert caught.value.status == 404
    _install(url)
    resources = client.CustomObjectsApi(kube.api_client(url)).get_api_resources(GROUP, VERSION)
    names = sorted(item.name for item in resources.resources)
    assert names == ["databases", "databases/status"]
    custom.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, _db("orders"))
    listed = custom.list_namespaced_custom_object(GROUP, VERSION, "default", PLURAL)
    assert [item["metadata"]["name"] for item in listed["items"]] == ["orders"]
    assert listed["kind"] == "DatabaseList"


def test_reset_and_deleting_the_crd_stop_serving_it(url: str, custom: Any) -> None:
    _install(url)
    client.ApiextensionsV1Api(kube.api_client(url)).delete_custom_resource_definition(f"{PLURAL}.{GROUP}")
    with pytest.raises(ApiException):
        custom.get_api_resources(GROUP, VERSION)
    _install(url)
    kube.reset(url)
    with pytest.raises(ApiException):
        custom.get_api_resources(GROUP, VERSION)


def test_kind_and_api_version_are_filled_on_create(url: str, custom: Any) -> None:
    _install(url)
    made = custom.create_namespaced_custom_object(
        GROUP, VERSION, "default", PLURAL, {"metadata": {"name": "bare"}, "spec": {"size": 1}}
    )
    assert made["kind"] == "Database"
    assert made["apiVersion"] == "example.com/v1"
    core = client.CoreV1Api(kube.api_client(url))
    raw = core.api_client.call_api(
        "/api/v1/namespaces/default/configmaps",
        "POST",
        body={"metadata": {"name": "c"}},
        response_type="object",
        _return_http_data_only=True,
    )
    assert (raw["apiVersion"], raw["kind"]) == ("v1", "ConfigMap")


def test_status_subresource_patch_keeps_the_generation(url: str, custom: Any) -> None:
    _install(url)
    custom.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, _db("orders"))
    done = custom.patch_namespaced_custom_object_status(
        GROUP, VERSION, "default", PLURAL, "orders", {"status": {"phase": "Ready"}}
    )
    assert done["status"] == {"phase": "Ready"}
    assert done["metadata"]["generation"] == 1


def test_finalizers_hold_a_deleted_object_until_they_are_removed(url: str, custom: Any) -> None:
    _install(url)
    custom.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, _db("kept", finalizers=["x/y"]))
    custom.delete_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "kept")
    held = custom.get_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "kept")
    assert held["metadata"]["deletionTimestamp"]
    assert held["metadata"]["finalizers"] == ["x/y"]
    custom.patch_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "kept", {"metadata": {"finalizers": []}})
    with pytest.raises(ApiException) as caught:
        custom.get_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "kept")
    assert caught.value.status == 404


def test_a_watch_sends_changes_made_while_it_lists(url: str, custom: Any) -> None:
    core = client.CoreV1Api(kube.api_client(url))
    for name in ("a", "b", "c"):
        core.create_namespaced_config_map("default", client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name)))
    seen: list[tuple[str, str]] = []
    for event in watch.Watch().stream(core.list_namespaced_config_map, "default", timeout_seconds=2):
        seen.append((event["type"], event["object"].metadata.name))
        if len(seen) == 1:  # the watch is still sending the listing: make a change now
            core.create_namespaced_config_map("default", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="d")))
        if ("ADDED", "d") in seen:
            break
    assert ("ADDED", "d") in seen, seen
    assert len(seen) == 4


def test_wait_for_returns_the_first_truthy_value_and_times_out(url: str, custom: Any) -> None:
    core = client.CoreV1Api(kube.api_client(url))

    def named(name: str) -> Any:
        return lambda objs: next((o for o in objs if o["metadata"]["name"] == name), None)

    later = threading.Timer(
        0.1, core.create_namespaced_config_map, ("default", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="w")))
    )
    later.start()
    try:
        found = kube.wait_for(url, named("w"), timeout=5)
    finally:
        later.join()
    assert found["metadata"]["name"] == "w"
    with pytest.raises(TimeoutError, match="condition not met"):
        kube.wait_for(url, named("never"), timeout=0.1)


def test_a_body_namespace_that_differs_from_the_url_is_refused(url: str, custom: Any) -> None:
    core = client.CoreV1Api(kube.api_client(url))
    body = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="c", namespace="kube-system"))
    with pytest.raises(ApiException) as caught:
        core.create_namespaced_config_map("default", body)
    assert caught.value.status == 400
    assert "does not match the namespace" in caught.value.body
    same = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="c", namespace="default"))
    assert core.create_namespaced_config_map("default", same).metadata.namespace == "default"


def test_objects_is_a_snapshot_taken_under_the_emulators_lock(url: str, custom: Any) -> None:
    emulator, loop = kube._emulator(url), kube._running[url.rstrip("/")].loop
    asyncio.run_coroutine_threadsafe(emulator._lock.acquire(), loop).result(5)  # a request half done
    got: list[list[dict[str, Any]]] = []
    reader = threading.Thread(target=lambda: got.append(kube.objects(url)))
    try:
        reader.start()
        reader.join(0.2)
        assert reader.is_alive() and got == [], "objects() waits while the emulator holds its lock"
    finally:
        loop.call_soon_threadsafe(emulator._lock.release)
        reader.join(5)
    assert sorted(o["metadata"]["name"] for o in got[0] if o["kind"] == "Namespace") == [
        "default",
        "kube-node-lease",
        "kube-public",
        "kube-system",
    ]
