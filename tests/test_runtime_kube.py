"""course.runtime.kube: the emulated Kubernetes API driven by the official client, and what kube.py adds to kmock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from course.runtime import kube

kubernetes = pytest.importorskip("kubernetes")
from kubernetes import client, watch  # noqa: E402
from kubernetes.client.rest import ApiException  # noqa: E402


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with kube.kube_cluster() as endpoint:
        yield endpoint


@pytest.fixture
def core(url: str) -> Any:
    kube.reset(url)
    return client.CoreV1Api(kube.api_client(url))


def _cm(name: str, labels: dict[str, str] | None = None, namespace: str | None = None) -> Any:
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels=labels, namespace=namespace))


def test_the_builtin_namespaces_exist_and_new_ones_can_be_made(core: Any) -> None:
    names = {ns.metadata.name for ns in core.list_namespace().items}
    assert names == set(kube.BUILTIN_NAMESPACES)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="team-a")))
    made = core.read_namespace("team-a")
    assert made.metadata.name == "team-a"
    assert made.metadata.namespace is None
    assert "team-a" in {ns.metadata.name for ns in core.list_namespace().items}


def test_creating_in_a_missing_namespace_is_refused_with_404(core: Any) -> None:
    with pytest.raises(ApiException) as caught:
        core.create_namespaced_config_map("nowhere", _cm("c"))
    assert caught.value.status == 404
    assert "nowhere" in caught.value.body


def test_metadata_is_filled_on_create_and_versions_rise(core: Any) -> None:
    made = core.create_namespaced_config_map("default", _cm("app"))
    meta = made.metadata
    assert meta.namespace == "default"
    assert meta.uid
    assert meta.creation_timestamp is not None
    assert meta.generation == 1
    first = int(meta.resource_version)
    patched = core.patch_namespaced_config_map("app", "default", {"data": {"k": "v"}})
    assert int(patched.metadata.resource_version) > first
    assert patched.metadata.uid == meta.uid


def test_generate_name_makes_a_unique_name(core: Any) -> None:
    body = client.V1ConfigMap(metadata=client.V1ObjectMeta(generate_name="job-"))
    one = core.create_namespaced_config_map("default", body).metadata.name
    two = core.create_namespaced_config_map("default", body).metadata.name
    assert one.startswith("job-")
    assert two.startswith("job-")
    assert one != two


def test_a_spec_change_raises_generation_a_status_change_does_not(url: str) -> None:
    kube.reset(url)
    apps = client.AppsV1Api(kube.api_client(url))
    labels = {"app": "web"}
    template = client.V1PodTemplateSpec(
        metadata=client.V1ObjectMeta(labels=labels),
        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27")]),
    )
    spec = client.V1DeploymentSpec(replicas=1, selector=client.V1LabelSelector(match_labels=labels), template=template)
    apps.create_namespaced_deployment(
        "default", client.V1Deployment(metadata=client.V1ObjectMeta(name="web"), spec=spec)
    )
    assert apps.patch_namespaced_deployment("web", "default", {"spec": {"replicas": 3}}).metadata.generation == 2
    status = apps.patch_namespaced_deployment_status("web", "default", {"status": {"readyReplicas": 3}})
    assert status.metadata.generation == 2
    assert status.status.ready_replicas == 3


def test_conflict_and_not_found_are_real_status_codes(core: Any) -> None:
    core.create_namespaced_config_map("default", _cm("dup"))
    with pytest.raises(ApiException) as conflict:
        core.create_namespaced_config_map("default", _cm("dup"))
    assert conflict.value.status == 409
    with pytest.raises(ApiException) as missing:
        core.read_namespaced_config_map("absent", "default")
    assert missing.value.status == 404


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("app=web", {"web-1", "web-2"}),
        ("app==web,tier=front", {"web-1"}),
        ("app!=web", {"db", "bare"}),
        ("app in (web, db)", {"web-1", "web-2", "db"}),
        ("app notin (web)", {"db", "bare"}),
        ("tier", {"web-1", "db"}),
        ("!tier", {"web-2", "bare"}),
        ("", {"web-1", "web-2", "db", "bare"}),
    ],
)
def test_label_selectors_filter_lists(core: Any, selector: str, expected: set[str]) -> None:
    for name, labels in [
        ("web-1", {"app": "web", "tier": "front"}),
        ("web-2", {"app": "web"}),
        ("db", {"app": "db", "tier": "back"}),
        ("bare", None),
    ]:
        core.create_namespaced_config_map("default", _cm(name, labels))
    found = core.list_namespaced_config_map("default", label_selector=selector).items
    assert {item.metadata.name for item in found} == expected


def test_field_selector_by_name_and_a_bad_selector_is_a_400(core: Any) -> None:
    core.create_namespaced_config_map("default", _cm("a"))
    core.create_namespaced_config_map("default", _cm("b"))
    found = core.list_namespaced_config_map("default", field_selector="metadata.name=b").items
    assert [item.metadata.name for item in found] == ["b"]
    with pytest.raises(ApiException) as caught:
        core.list_namespaced_config_map("default", label_selector="app in web")
    assert caught.value.status == 400
    with pytest.raises(ApiException) as field:
        core.list_namespaced_config_map("default", field_selector="spec.nodeName=x")
    assert field.value.status == 400


def test_a_namespaced_watch_sees_objects_created_without_a_namespace_in_the_body(core: Any) -> None:
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="other")))
    core.create_namespaced_config_map("other", _cm("elsewhere"))
    core.create_namespaced_config_map("default", _cm("before", {"app": "x"}))
    seen: list[tuple[str, str]] = []
    stream = watch.Watch()
    created = threading.Event()

    def create_after_first_event() -> None:
        created.wait(30)
        core.create_namespaced_config_map("default", _cm("after", {"app": "x"}))
        core.create_namespaced_config_map("default", _cm("unlabelled"))

    maker = threading.Thread(target=create_after_first_event)
    maker.start()
    try:
        for event in stream.stream(
            core.list_namespaced_config_map, "default", label_selector="app=x", timeout_seconds=20
        ):
            seen.append((event["type"], event["object"].metadata.name))
            created.set()
            if len(seen) == 2:
                stream.stop()
    finally:
        created.set()
        maker.join(30)
    assert seen == [("ADDED", "before"), ("ADDED", "after")]


def test_matches_is_the_selector_logic_on_plain_dicts() -> None:
    obj = {"metadata": {"name": "n", "namespace": "ns", "labels": {"a": "1"}}}
    assert kube.matches(obj, "a=1", "metadata.namespace=ns")
    assert not kube.matches(obj, "a=2")
    assert kube.matches(obj, "b!=1")
    with pytest.raises(kube.SelectorError):
        kube.matches(obj, "a in 1")


def test_reset_empties_and_objects_lists(url: str, core: Any) -> None:
    core.create_namespaced_config_map("default", _cm("gone"))
    assert "gone" in {o["metadata"]["name"] for o in kube.objects(url)}
    kube.reset(url)
    names = {o["metadata"]["name"] for o in kube.objects(url)}
    assert names == set(kube.BUILTIN_NAMESPACES)


def test_a_cluster_block_leaves_no_thread_and_no_listener() -> None:
    import socket

    before = {t.name for t in threading.enumerate()}
    with kube.kube_cluster() as endpoint:
        port = int(endpoint.rsplit(":", 1)[1])
        api = client.CoreV1Api(kube.api_client(endpoint))
        assert api.list_namespace().items
    assert "course-kube" not in {t.name for t in threading.enumerate()} - before
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


def test_the_api_client_ignores_a_kubeconfig_and_proxies(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUBECONFIG", "/nonexistent/config")
    monkeypatch.setenv("HTTP_PROXY", "http://203.0.113.1:9")
    api = client.CoreV1Api(kube.api_client(url))
    assert api.read_namespace("default").metadata.name == "default"


def test_a_watch_ends_after_its_timeout_seconds(core: Any) -> None:
    core.create_namespaced_config_map("default", _cm("only"))
    events = list(watch.Watch().stream(core.list_namespaced_config_map, "default", timeout_seconds=1))
    assert [(e["type"], e["object"].metadata.name) for e in events] == [("ADDED", "only")]


def test_a_list_says_its_kind_and_api_version(url: str, core: Any) -> None:
    core.create_namespaced_config_map("default", _cm("one"))
    listed = core.api_client.call_api(
        "/api/v1/namespaces/default/configmaps", "GET", response_type="object", _return_http_data_only=True
    )
    assert (listed["kind"], listed["apiVersion"]) == ("ConfigMapList", "v1")
    apps = client.AppsV1Api(kube.api_client(url))
    deployments = apps.api_client.call_api(
        "/apis/apps/v1/namespaces/default/deployments", "GET", response_type="object", _return_http_data_only=True
    )
    assert (deployments["kind"], deployments["apiVersion"]) == ("DeploymentList", "apps/v1")


def test_the_emulator_keeps_only_the_latest_requests(url: str, core: Any) -> None:
    # kmock reads every kept request again on each new one: an unbounded list makes a notebook's requests slower
    emulator = kube._emulator(url)
    for _ in range(3 * kube.KEPT_REQUESTS):
        core.read_namespace("default")
    assert kube.KEPT_REQUESTS <= 64
    assert len(emulator._requests) <= kube.KEPT_REQUESTS + 1


def test_a_list_with_limit_comes_in_pages_in_name_order(core: Any) -> None:
    for name in ("e", "a", "d", "b", "c"):
        core.create_namespaced_config_map("default", _cm(name, {"keep": "yes"} if name != "d" else None))
    first = core.list_namespaced_config_map("default", limit=2, label_selector="keep=yes")
    assert [item.metadata.name for item in first.items] == ["a", "b"]
    assert first.metadata.remaining_item_count == 2
    second = core.list_namespaced_config_map(
        "default", limit=2, label_selector="keep=yes", _continue=first.metadata._continue
    )
    assert [item.metadata.name for item in second.items] == ["c", "e"]
    assert second.metadata._continue is None
    whole = core.list_namespaced_config_map("default")
    assert len(whole.items) == 5 and whole.metadata._continue is None
    across = core.list_config_map_for_all_namespaces(limit=10)
    assert [item.metadata.name for item in across.items] == ["a", "b", "c", "d", "e"]
    with pytest.raises(ApiException) as bad:
        core.list_namespaced_config_map("default", limit=2, _continue="not-a-token")
    assert bad.value.status == 400


def test_create_fills_kind_and_api_version_so_the_dynamic_client_reads_it(url: str, core: Any) -> None:
    from kubernetes import dynamic

    apps = client.AppsV1Api(kube.api_client(url))
    pods = {"app": "web"}
    apps.create_namespaced_deployment(
        "default",
        client.V1Deployment(
            metadata=client.V1ObjectMeta(name="web"),
            spec=client.V1DeploymentSpec(
                selector=client.V1LabelSelector(match_labels=pods),
                template=client.V1PodTemplateSpec(
                    metadata=client.V1ObjectMeta(labels=pods),
                    spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="web:1")]),
                ),
            ),
        ),
    )
    stored = next(o for o in kube.objects(url) if o["metadata"]["name"] == "web")
    assert (stored["kind"], stored["apiVersion"]) == ("Deployment", "apps/v1")
    core.create_namespaced_config_map("default", _cm("plain"))
    assert core.read_namespaced_config_map("plain", "default").kind == "ConfigMap"
    deployments = dynamic.DynamicClient(kube.api_client(url)).resources.get(api_version="apps/v1", kind="Deployment")
    patched = deployments.patch(
        namespace="default", name="web", body={"spec": {"replicas": 2}}, content_type="application/merge-patch+json"
    )
    assert patched.spec.replicas == 2
