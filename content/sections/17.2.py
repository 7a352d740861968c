# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can drive the Kubernetes API from Python with the official `kubernetes`
# client: load a kubeconfig or in-cluster credentials, create, read, patch and delete Pods, Deployments and
# ConfigMaps, select objects by label, page through long lists, keep a cache current from a watch, handle 404 and 409
# the way tools must, wait for a rollout without sleeping for real, and schedule Pods onto nodes by their requests.

# %% course={"kind": "setup", "id": "kube-helpers"}
# What the demos and tests share. `shared_cluster()` starts this kernel's emulated cluster (kmock, on 127.0.0.1,
# stopped when the kernel stops) and returns its URL; `api_client(url)` is a kubernetes ApiClient for it that reads
# no kubeconfig and no proxy setting of yours; `reset(url)` deletes every object; `objects(url)` lists what the
# emulator stores, for tests (course/runtime/kube.py). `PodLogs` and `PodExec` stand in for logs and exec
# (course/runtime/podio.py). `SleepLimit` is a FakeClock whose sleep fails a loop that would never end.
import base64
import copy
import functools
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import yaml
from kubernetes import client, config, dynamic, watch
from kubernetes.client.rest import ApiException

from course.runtime.deploys import SleepLimit, TooManySleeps
from course.runtime.kube import api_client, matches, objects, reset, shared_cluster
from course.runtime.podio import PodExec, PodLogs
from course.runtime.scratch import scratch_dir

URL = shared_cluster()
core = client.CoreV1Api(api_client(URL))
apps = client.AppsV1Api(api_client(URL))
SCRATCH = scratch_dir("k8s-client")


class Recorder:
    """An API object whose method calls go through and are recorded in `.calls` as (method, args, kwargs)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)
        if not callable(target):
            return target

        @functools.wraps(target)
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return target(*args, **kwargs)

        return call

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]


def make_namespace(name: str) -> None:
    """Create namespace `name` unless it exists."""
    try:
        core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name)))
    except ApiException as error:
        if error.status != 409:
            raise


def make_pod(name: str, namespace: str = "default", labels: Mapping[str, str] | None = None,
             status: Mapping[str, Any] | None = None) -> None:
    """Create a one-container Pod; with `status`, write it as the kubelet would (the emulator has none)."""
    make_namespace(namespace)
    pod = client.V1Pod(metadata=client.V1ObjectMeta(name=name, labels=dict(labels or {})),
                       spec=client.V1PodSpec(containers=[client.V1Container(name="app", image="shop:1.0")]))
    core.create_namespaced_pod(namespace, pod)
    if status is not None:
        core.patch_namespaced_pod_status(name, namespace, {"status": dict(status)})


def make_deployment(name: str, namespace: str = "default", replicas: int = 1,
                    labels: Mapping[str, str] | None = None) -> None:
    """Create a Deployment whose selector matches its Pod template (app=<name>)."""
    make_namespace(namespace)
    pods = {"app": name}
    body = client.V1Deployment(
        metadata=client.V1ObjectMeta(name=name, labels=dict(labels or {})),
        spec=client.V1DeploymentSpec(
            replicas=replicas, selector=client.V1LabelSelector(match_labels=pods),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels=pods),
                spec=client.V1PodSpec(containers=[client.V1Container(name=name, image=f"{name}:1.0")]))))
    apps.create_namespaced_deployment(namespace, body)


# %% [markdown] course={"kind": "lesson", "id": "what-runs-here", "covers": ["c-kubernetes-python-library"]}
# ### What runs here: the real client, an emulated cluster
#
# The client library is the real `kubernetes` package, and it talks real
# HTTP to a server on 127.0.0.1. That server is **not Kubernetes**: it is `kmock`'s Kubernetes emulator, started by
# this notebook (and stopped with it), which stores objects in memory and answers the same REST paths. The course
# adds namespaces, resource versions, label and field selectors, watch timeouts and list paging to it
# (`course/runtime/kube.py`). What it does **not** do, and where it matters below we say so again:
#
# - no scheduler, no controllers, no kubelet: a Deployment makes no Pods, a Job never runs, and nothing writes
#   `status` except your own code (the tests write it to play the cluster's part);
# - `PATCH` merges JSON objects and replaces lists whatever the patch type (no strategic merge by name), and `PUT`
#   (`replace_*`) is not answered;
# - no authentication, RBAC or validation: any token works, any field is stored;
# - a watch starts by sending every existing object as `ADDED`, whatever `resource_version` asks for;
# - no logs, exec or port-forward: those come from stand-ins in `course/runtime/podio.py`.
#
# The code you write here runs unchanged against a real cluster: build the API classes from
# `config.new_client_from_config()` (a kind or minikube cluster) instead of `api_client(URL)` to see what the
# emulator leaves out.

# %% course={"kind": "demo"}
import kubernetes

print("client: kubernetes", kubernetes.__version__, "| API server (emulated, this kernel's):", URL)
print("a fresh cluster has the built-in namespaces:", sorted(ns.metadata.name for ns in core.list_namespace().items))
version = api_client(URL).call_api("/version", "GET", response_type="object", _return_http_data_only=True)
print("GET /version answers", version["gitVersion"], "- a canned answer of kmock's: no k3s runs here")

# %% [markdown] course={"kind": "lesson", "id": "client-setup", "covers": ["c-kubernetes-client-setup", "c-configuration-loading", "c-in-cluster-configuration", "c-kubeconfig-management"]}
# ### Client setup: kubeconfig, contexts and in-cluster credentials
#
# `pip install kubernetes` gives the official client, generated from the API's OpenAPI description: one class per
# API group and version (`CoreV1Api` for Pods, Services, ConfigMaps, Secrets, Namespaces; `AppsV1Api` for
# Deployments; `BatchV1Api` for Jobs and CronJobs; `RbacAuthorizationV1Api`), one model class per kind
# (`V1Pod`, `V1Deployment`...), plus `watch`, `dynamic`, `stream` and `config` modules. Its major version follows the
# Kubernetes minor version it was generated for (client 35 speaks the 1.35 API), and it works with servers a few
# minor versions around it.
#
# Every call needs to know **where** the API server is and **who** you are. Two sources:
#
# - a **kubeconfig** file (`~/.kube/config`, or the paths in `$KUBECONFIG`): YAML with `clusters` (server URL and
#   CA), `users` (token, client certificate, or an `exec` plugin that fetches a token, as cloud CLIs do) and
#   `contexts` that pair one cluster with one user and a default namespace; `current-context` picks one.
#   `config.load_kube_config(context=...)` reads it;
# - **in-cluster**: a Pod gets a ServiceAccount token mounted at
#   `/var/run/secrets/kubernetes.io/serviceaccount/` (`token`, `ca.crt`, `namespace`) and the variables
#   `KUBERNETES_SERVICE_HOST` / `_PORT`; `config.load_incluster_config()` reads those. `config.load_config()` tries
#   the kubeconfig first and in-cluster second, handy for a tool that runs both on a laptop and in a Pod.
#
# **The one thing people get wrong:** `load_kube_config()` changes the library's *global* default configuration,
# so a tool that talks to two clusters ends up talking to the last one loaded. For more than one cluster, make one
# `ApiClient` per context with `config.new_client_from_config(context=...)` and pass it to each API class.

# %% course={"kind": "demo"}
# A kubeconfig is data: write one (two contexts, the same emulated cluster), then load each context separately.
kubeconfig = {
    "apiVersion": "v1", "kind": "Config", "current-context": "dev",
    "clusters": [{"name": "local", "cluster": {"server": URL}}],
    "users": [{"name": "ci-bot", "user": {"token": "not-a-real-token"}}],
    "contexts": [{"name": "dev", "context": {"cluster": "local", "user": "ci-bot", "namespace": "default"}},
                 {"name": "ops", "context": {"cluster": "local", "user": "ci-bot", "namespace": "kube-system"}}],
}
path = SCRATCH / "kubeconfig"
path.write_text(yaml.safe_dump(kubeconfig), encoding="utf-8")
contexts, active = config.list_kube_config_contexts(config_file=str(path))
print("contexts:", [c["name"] for c in contexts], "| current:", active["name"])
ops = config.new_client_from_config(config_file=str(path), context="ops")  # touches no global state
print("ops client ->", ops.configuration.host, "| sends", ops.configuration.api_key)
print("namespaces:", sorted(ns.metadata.name for ns in client.CoreV1Api(ops).list_namespace().items))

# %% course={"kind": "demo"}
# Outside a Pod, in-cluster loading fails with ConfigException (the variables and the mounted token are missing).
saved = {k: os.environ.pop(k) for k in ("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT") if k in os.environ}
try:
    config.load_incluster_config()
except config.ConfigException as error:
    print("load_incluster_config:", error)
finally:
    os.environ.update(saved)

# %% [markdown] course={"kind": "lesson", "id": "core-api", "covers": ["c-core-api-operations", "c-pods-create-read-update-delete", "c-services", "c-configmaps-and-secrets", "c-deployments", "c-namespaces"]}
# ### Core operations: create, read, list, patch, delete
#
# Method names follow one pattern: `{create, read, list, patch, replace, delete}_namespaced_{kind}(...)` for
# namespaced kinds (Pods, Services, ConfigMaps, Secrets, Deployments), `..._{kind}` for cluster-wide ones
# (`create_namespace`), and `list_{kind}_for_all_namespaces()` to list across namespaces. Bodies can be model
# objects (`client.V1ConfigMap(...)`) or plain dicts shaped like the YAML; answers are model objects with
# snake_case attributes (`pod.metadata.creation_timestamp`, `deployment.spec.replicas`).
#
# Failures raise `ApiException` with the HTTP status in `.status` and the server's JSON `Status` in `.body`:
# **404** not found, **409** conflict (already exists, or a stale `resourceVersion`), **422** invalid, **403**
# forbidden by RBAC. Tools branch on `.status`, never on the message text.
#
# Lists take **selectors**: `label_selector="app=web,tier in (front,edge),!canary"` and
# `field_selector="metadata.name=web"`; the server filters, so only matching objects cross the network. Long lists
# come in **pages**: `limit=500` returns at most 500 items and `metadata._continue`, a token you pass back as
# `_continue=` for the next page, until it is empty. (A ConfigMap holds plain strings; a **Secret** holds base64 in
# `data`, and a real server turns `string_data` into `data` on write; the emulator does not, so use `data`.)
#
# **The one thing people get wrong:** expecting Pods as soon as `create_namespaced_deployment` returns. The API
# server only stores the Deployment; on a real cluster its controller makes a ReplicaSet, which makes the Pods,
# later, so your code waits for `status` (the rollout exercise below). The emulator has no controllers, so here
# the Pods never come, as the demo shows.

# %% course={"kind": "demo"}
reset(URL)
cm = core.create_namespaced_config_map(
    "default", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="shop", labels={"app": "shop"}),
                                  data={"LOG_LEVEL": "info"}))
print("created:", cm.metadata.name, "resourceVersion", cm.metadata.resource_version, cm.data)
cm = core.patch_namespaced_config_map("shop", "default", {"data": {"LOG_LEVEL": "debug"}})
print("patched:", cm.data, "resourceVersion", cm.metadata.resource_version)
for attempt in ("create again", "read a missing one"):
    try:
        if attempt == "create again":
            core.create_namespaced_config_map("default", {"metadata": {"name": "shop"}})
        else:
            core.read_namespaced_config_map("nope", "default")
    except ApiException as error:
        print(f"{attempt}: ApiException status={error.status} reason={error.reason!r}")
secret = core.create_namespaced_secret("default", client.V1Secret(
    metadata=client.V1ObjectMeta(name="db"), data={"password": base64.b64encode(b"s3cret").decode("ascii")}))
print("secret data is base64:", secret.data, "->", base64.b64decode(secret.data["password"]))
core.delete_namespaced_config_map("shop", "default")
print("after delete:", [c.metadata.name for c in core.list_namespaced_config_map("default").items])

# %% course={"kind": "demo"}
# Namespaces, Services, Deployments, selectors and pages.
reset(URL)
make_namespace("team-a")
for ns, name, tier in [("default", "web-1", "front"), ("default", "db-1", "data"), ("team-a", "web-2", "front")]:
    make_pod(name, ns, {"app": name.split("-")[0], "tier": tier})
svc = core.create_namespaced_service("default", client.V1Service(
    metadata=client.V1ObjectMeta(name="web"),
    spec=client.V1ServiceSpec(selector={"app": "web"}, ports=[client.V1ServicePort(port=80, target_port=8080)])))
print("service selects", svc.spec.selector, "port", svc.spec.ports[0].port, "->", svc.spec.ports[0].target_port)
front = core.list_pod_for_all_namespaces(label_selector="tier=front")
print("tier=front everywhere:", [(p.metadata.namespace, p.metadata.name) for p in front.items])
print("not web, in default:", [p.metadata.name for p in core.list_namespaced_pod("default", label_selector="app!=web").items])
make_deployment("shop", replicas=3)
print("deployment made; pods with app=shop:", core.list_pod_for_all_namespaces(label_selector="app=shop").items)
page = core.list_pod_for_all_namespaces(limit=2)
print("page 1:", [p.metadata.name for p in page.items], "continue token?", bool(page.metadata._continue))
page = core.list_pod_for_all_namespaces(limit=2, _continue=page.metadata._continue)
print("page 2:", [p.metadata.name for p in page.items], "continue token?", bool(page.metadata._continue))

# %% [markdown] course={"kind": "lesson", "id": "watch-api", "covers": ["c-watch-api", "c-watching-resources", "c-event-handling", "c-streaming-events"]}
# ### Watching: a stream of ADDED, MODIFIED and DELETED
#
# A **watch** is a long HTTP request on a list path with `watch=true`; the server streams one JSON event per line:
# `{"type": "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR", "object": {...}}`. In Python,
# `watch.Watch().stream(core.list_namespaced_pod, "default", label_selector=..., timeout_seconds=60)` yields
# dicts with `type`, `object` (a model, `V1Pod`) and `raw_object` (the dict); `w.stop()` ends it from inside the loop.
#
# Watches **end**: the server closes them after `timeout_seconds` (and after its own limit). The robust pattern,
# which every controller uses, is *list, then watch from the list's resourceVersion, and watch again from the last
# version seen when the stream ends*; if the server answers **410 Gone** (that version is too old), list again.
# Events are *level* information: treat ADDED and MODIFIED both as "this is the object now", and DELETED as
# "forget it"; never count on seeing every intermediate state.
#
# What client 35's `stream` does for you (read in its source, `kubernetes/watch/watch.py`): **without**
# `timeout_seconds` it opens the watch again itself, from the last resourceVersion it saw (if any), each time the
# server closes it; **with** `timeout_seconds` it never reconnects, so the loop ends. An `ERROR` event is never yielded:
# `stream` raises `ApiException` with the event's code instead (a 410 is retried once first, when there is no
# timeout), and that 410 is your signal to list again.
#
# **The one thing people get wrong:** one `for event in w.stream(...)` loop with a timeout is not a watcher:
# when the stream ends, the loop ends, and every change after that is missed without an error. The demo shows it.
# (The emulator's limit: a new watch replays every existing object as `ADDED` whatever `resource_version` asks for,
# so a re-watch sends duplicates that your code must treat as updates.)

# %% course={"kind": "demo"}
reset(URL)
make_pod("web-1", labels={"app": "web"})
seen = []
started = threading.Event()


def change_things() -> None:
    started.wait(10)  # the watch is open and has sent its first event
    core.patch_namespaced_pod("web-1", "default", {"metadata": {"labels": {"app": "web", "v": "2"}}})
    make_pod("web-2", labels={"app": "web"})
    core.delete_namespaced_pod("web-1", "default")


changer = threading.Thread(target=change_things)
changer.start()
w = watch.Watch()
for event in w.stream(core.list_namespaced_pod, "default", label_selector="app=web", timeout_seconds=5):
    seen.append((event["type"], event["object"].metadata.name))
    started.set()
    if len(seen) == 4:
        w.stop()
changer.join()
print(seen)

# %% course={"kind": "demo"}
# The classic bug: the stream ended (timeout_seconds=1), the loop ended, and the Pod made afterwards is missed.
reset(URL)
once = [e["object"].metadata.name for e in watch.Watch().stream(core.list_namespaced_pod, "default", timeout_seconds=1)]
make_pod("late")
print("events seen by the one-shot loop:", once, "| pods now:", [p.metadata.name for p in core.list_namespaced_pod("default").items])

# %% [markdown] course={"kind": "lesson", "id": "dynamic-client", "covers": ["c-dynamic-client", "c-working-with-crds", "c-generic-resource-operations"]}
# ### The dynamic client and custom resources
#
# The typed classes cover the built-in kinds. For anything else (a CRD's kind, or a tool that handles "any
# resource by name"), there are two generic routes:
#
# - `dynamic.DynamicClient(api_client)`: asks the server which resources exist (*discovery*), then
#   `dc.resources.get(api_version="apps/v1", kind="Deployment")` gives a resource with `.get`, `.create`, `.patch`,
#   `.delete`, `.watch` taking dicts; answers are `ResourceInstance`s with attribute access (`obj.spec.replicas`).
#   Its `.patch` takes a `content_type=` (`application/merge-patch+json`, `application/json-patch+json`...);
# - `client.CustomObjectsApi`: `create_namespaced_custom_object(group, version, namespace, plural, body)` and
#   friends, plain dicts in and out, no discovery needed.
#
# A **CRD** (CustomResourceDefinition) registers a new kind with an OpenAPI schema; the server then validates and
# stores objects of it like built-ins. Discovery costs requests, so the dynamic client keeps its result in a file
# (by default in the temp folder, named from the server URL, kept after your process ends; `cache_file=` puts it
# elsewhere); in client 35 a lookup that finds nothing refreshes that cache once, so a CRD created a moment ago is
# found.
#
# **The one thing people get wrong:** a kind's name is not unique. `resources.get(kind="Event")` matches both the
# core `v1` Events and `events.k8s.io/v1` and raises `ResourceNotUniqueError`; always pass `api_version` too. (Emulator
# limits: custom groups are not in its discovery, so the dynamic client finds only built-ins here;
# `CustomObjectsApi` works for any group, with no CRD and no schema check.)

# %% course={"kind": "demo"}
reset(URL)
dc = dynamic.DynamicClient(api_client(URL), cache_file=str(SCRATCH / "discovery.json"))
try:
    dc.resources.get(kind="Event")
except dynamic.exceptions.ResourceNotUniqueError as error:
    print("kind alone:", type(error).__name__, "| with api_version:", dc.resources.get(api_version="v1", kind="Event"))
deployments = dc.resources.get(api_version="apps/v1", kind="Deployment")
make_deployment("api", replicas=1)
scaled = deployments.patch(namespace="default", name="api", body={"spec": {"replicas": 4}},
                           content_type="application/merge-patch+json")
print(type(scaled).__name__, scaled.metadata.name, "replicas", scaled.spec.replicas)
custom = client.CustomObjectsApi(api_client(URL))
custom.create_namespaced_custom_object("ml.example.com", "v1", "default", "models", {
    "apiVersion": "ml.example.com/v1", "kind": "Model", "metadata": {"name": "ranker"},
    "spec": {"uri": "s3://models/ranker/7"}})
listed = custom.list_namespaced_custom_object("ml.example.com", "v1", "default", "models")
print("models:", [(m["metadata"]["name"], m["spec"]["uri"]) for m in listed["items"]])

# %% [markdown] course={"kind": "lesson", "id": "batch", "covers": ["c-batch-operations", "c-jobs", "c-cronjobs"]}
# ### Jobs and CronJobs
#
# A **Job** runs Pods to completion (a training run, a migration, a backfill): `spec.template` with
# `restartPolicy: Never` or `OnFailure`, `backoffLimit` (retries before the Job fails, 6 by default),
# `completions` / `parallelism`, `activeDeadlineSeconds`, and `ttlSecondsAfterFinished` to clean up. Progress is in
# `status.succeeded`, `status.failed` and `status.conditions` (`Complete` or `Failed`). A **CronJob** makes a Job on a
# cron `schedule` (`"0 3 * * *"`), with `concurrencyPolicy` (`Allow`, `Forbid`, `Replace`) for runs that overlap.
#
# **The one thing people get wrong:** deleting a Job through the API leaves its Pods behind unless you ask for
# cascading deletion: pass `propagation_policy="Background"` (or `"Foreground"`) to `delete_namespaced_job`.
# (`batch/v1` Jobs keep the old default, orphaning, for compatibility; `kubectl delete job` asks for cascading
# itself, which is why the API's default surprises people, and a current server answers with a warning about it.)
# (Emulator: no Job controller, so `status` stays empty; the demo shows only what is stored.)

# %% course={"kind": "demo"}
reset(URL)
batch = client.BatchV1Api(api_client(URL))
template = client.V1PodTemplateSpec(spec=client.V1PodSpec(
    restart_policy="Never", containers=[client.V1Container(name="train", image="trainer:2", args=["--epochs", "3"])]))
job = batch.create_namespaced_job("default", client.V1Job(
    metadata=client.V1ObjectMeta(name="train-7"), spec=client.V1JobSpec(template=template, backoff_limit=2)))
cron = batch.create_namespaced_cron_job("default", client.V1CronJob(
    metadata=client.V1ObjectMeta(name="nightly"),
    spec=client.V1CronJobSpec(schedule="0 3 * * *", concurrency_policy="Forbid",
                              job_template=client.V1JobTemplateSpec(spec=client.V1JobSpec(template=template)))))
print("job", job.metadata.name, "backoffLimit", job.spec.backoff_limit, "status", job.status)
print("cronjob", cron.metadata.name, repr(cron.spec.schedule), cron.spec.concurrency_policy)

# %% [markdown] course={"kind": "lesson", "id": "rbac", "covers": ["c-rbac", "c-serviceaccounts", "c-roles-and-rolebindings", "c-clusterroles"]}
# ### RBAC: who may do what
#
# | object | scope | says |
# |---|---|---|
# | ServiceAccount | namespace | an identity for Pods and tools (its token is what in-cluster config sends) |
# | Role | namespace | rules: `apiGroups` + `resources` + `verbs` (`get`, `list`, `watch`, `create`, `patch`, `delete`...) |
# | ClusterRole | cluster | the same rules, for cluster-wide kinds (nodes, namespaces) or for every namespace |
# | RoleBinding | namespace | gives a Role (or a ClusterRole, limited to this namespace) to subjects |
# | ClusterRoleBinding | cluster | gives a ClusterRole everywhere |
#
# A tool that watches Pods needs `get`, `list` **and** `watch` on `pods` (the empty group `""` is the core API);
# reading logs is a separate resource, `pods/log`, and exec another, `pods/exec`. Grant the least: a Role in
# one namespace rather than a ClusterRole, and no `*`.
#
# **The one thing people get wrong:** a RoleBinding can refer to a ClusterRole, and then grants it *only in the
# binding's namespace*; that is the usual way to reuse one set of rules in many namespaces. (Emulator: it stores
# these objects but enforces nothing; `kubectl auth can-i` or a `SelfSubjectAccessReview` asks a real server.)

# %% course={"kind": "demo"}
reset(URL)
rbac = client.RbacAuthorizationV1Api(api_client(URL))
core.create_namespaced_service_account("default", client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="pod-watcher")))
rbac.create_namespaced_role("default", client.V1Role(
    metadata=client.V1ObjectMeta(name="pod-reader"),
    rules=[client.V1PolicyRule(api_groups=[""], resources=["pods", "pods/log"], verbs=["get", "list", "watch"])]))
binding = rbac.create_namespaced_role_binding("default", client.V1RoleBinding(
    metadata=client.V1ObjectMeta(name="pod-watcher-reads"),
    role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="pod-reader"),
    subjects=[client.RbacV1Subject(kind="ServiceAccount", name="pod-watcher", namespace="default")]))
print(f"{binding.subjects[0].kind}/{binding.subjects[0].name} -> {binding.role_ref.kind}/{binding.role_ref.name}")
for rule in rbac.read_namespaced_role("pod-reader", "default").rules:
    print("  may", rule.verbs, "on", rule.resources)

# %% [markdown] course={"kind": "lesson", "id": "advanced", "covers": ["c-advanced-operations", "c-pod-exec", "c-port-forwarding", "c-log-streaming", "c-resource-patching"]}
# ### Patching, logs, exec and port-forward
#
# **Patch types.** The typed client picks the content type from the body: a **dict** is sent as a *strategic merge
# patch*, a **list** of operations as a *JSON patch*. (Client 35's typed methods take no content-type argument; the
# dynamic client's `patch(content_type=...)` can send a *JSON merge patch*, and its `server_side_apply` an apply.)
#
# | type | body | lists | delete a key |
# |---|---|---|---|
# | JSON merge patch (RFC 7386) | the fields to change | replaced whole | `null` |
# | strategic merge (Kubernetes only) | the fields to change | merged by a key (containers by `name`) | `null`, `$patch: delete` |
# | JSON patch (RFC 6902) | `[{"op": "replace", "path": "/spec/replicas", "value": 3}]` | by index | `{"op": "remove"}` |
# | server-side apply | the whole intent, with a field manager | by ownership | leave the field out |
#
# **Logs**: `core.read_namespaced_pod_log(name, ns, container=..., tail_lines=100, previous=True)` returns text
# (`previous` is the crashed instance before the restart: where the crash is); with `follow=True,
# _preload_content=False` it streams. **Exec**: `kubernetes.stream.stream(core.connect_get_namespaced_pod_exec,
# name, ns, command=["df", "-P", "/data"], stderr=True, stdin=False, stdout=True, tty=False)` runs a command over
# a WebSocket and returns its output; pass the command as a list (there is no shell unless you run one).
# **Port-forward**: `kubernetes.stream.portforward(core.connect_get_namespaced_pod_portforward, name, ns,
# ports="8080")` gives a socket per port, to reach a Pod without a Service.
#
# **The one thing people get wrong:** a strategic merge patch that sends `containers: [{"name": "app", "image":
# "v2"}]` changes one container's image on a real server; the same body as a JSON merge patch **replaces the whole
# list**, dropping the other containers. The emulator merges like JSON merge patch whatever you send, as the demo
# shows: on a real server the sidecar would stay. (Emulator: no logs, exec or port-forward; the exercises take the
# reading and running functions as arguments and get `PodLogs` and `PodExec` stand-ins.)

# %% course={"kind": "demo"}
reset(URL)
make_deployment("shop")
apps.patch_namespaced_deployment("shop", "default", {"spec": {"template": {"spec": {"containers": [
    {"name": "shop", "image": "shop:1.0"}, {"name": "proxy", "image": "envoy:1"}]}}}})
patched = apps.patch_namespaced_deployment("shop", "default", {"spec": {"template": {"spec": {"containers": [
    {"name": "shop", "image": "shop:2.0"}]}}}})
print("after a dict patch, the emulator keeps:", [c.name for c in patched.spec.template.spec.containers],
      "(a real server would keep shop and proxy)")
patched = apps.patch_namespaced_deployment("shop", "default", [{"op": "replace", "path": "/spec/replicas", "value": 3}])
print("JSON patch (a list): replicas", patched.spec.replicas, "generation", patched.metadata.generation)

# %% course={"kind": "demo"}
# The stand-ins answer with the real signatures (and errors), from texts we give them. One difference: PodExec
# refuses a command given as one string with TypeError; a real server would try to run a program named
# "cat /etc/hostname" and fail.
logs = PodLogs({("default", "web-1", "app"): "GET / 200\nGET /cart 500\nGET / 200\n"},
               previous={("default", "web-1", "app"): "panic: out of memory\n"})
print(repr(logs.read_namespaced_pod_log("web-1", "default", tail_lines=2)))
print(repr(logs.read_namespaced_pod_log("web-1", "default", previous=True)))
run = PodExec({("default", "web-1", ("cat", "/etc/hostname")): "web-1\n"})
print(repr(run("web-1", "default", command=["cat", "/etc/hostname"], stdout=True, stderr=True, stdin=False, tty=False)))

# %% [markdown] course={"kind": "exercise", "id": "label-selector"}
# ### Match a label selector
#
# The server filters lists with label selectors; a dashboard or a cache filters what it already holds with the same
# rules. Write `selects(labels, selector)` returning whether the labels (a dict) satisfy the selector. The selector
# is requirements separated by commas, **all** of which must hold (an empty selector selects everything); spaces
# around the parts are allowed:
#
# | requirement | holds when |
# |---|---|
# | `k=v`, `k==v` | label `k` exists and equals `v` |
# | `k!=v` | label `k` is missing or differs from `v` |
# | `k` / `!k` | label `k` exists / does not exist |
# | `k in (a,b)` | label `k` exists and is one of the listed values |
# | `k notin (a,b)` | label `k` is missing or none of the listed values |
#
# Keys and values use letters, digits, `.`, `_`, `-` (keys also `/`); a value may be empty (`app=` selects an
# empty `app` label). Anything else does not parse: raise
# `ValueError`, even when an earlier requirement already failed (a bad selector is a bug, whatever the labels).
#
# ```python
# >>> selects({"app": "web", "tier": "front"}, "app=web, tier in (front,edge), !canary")
# True
# ```

# %% [markdown] course={"kind": "hint"}
# Split the selector on the commas that are **not** inside parentheses (`tier in (front,edge)` is one
# requirement), then match each requirement with `re.fullmatch` against three patterns: set-based, equality, exists.

# %% [markdown] course={"kind": "hint"}
# Missing labels are where answers go wrong: `labels.get(key)` is `None` for a missing key, which is never equal to a
# value and never in a set, so `!=` and `notin` come out true and `=` and `in` false without special cases. Parse
# every requirement first, then evaluate.

# %% course={"kind": "solution"}
def selects(labels: Mapping[str, str], selector: str) -> bool:
    ### BEGIN SOLUTION
    parts, depth, current = [], 0, ""
    for char in selector:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        current += char
    parts.append(current)
    results = []
    for part in parts:
        rule = part.strip()
        if not rule:
            continue
        if found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^()]*)\)", rule):
            key, op, raw = found.groups()
            values = {value.strip() for value in raw.split(",")}
            results.append((labels.get(key) in values) == (op == "in"))
        elif found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)", rule):
            key, op, value = found.groups()
            results.append((labels.get(key) == value) != (op == "!="))
        elif found := re.fullmatch(r"(!?)\s*([A-Za-z0-9./_-]+)", rule):
            negated, key = found.groups()
            results.append((key in labels) != (negated == "!"))
        else:
            raise ValueError(f"cannot parse label requirement {rule!r}")
    return all(results)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert selects({"app": "web", "tier": "front"}, "app=web, tier in (front,edge), !canary") is True, "the example"
assert selects({"app": "web"}, "app=db") is False, "a different value does not match"
assert selects({"app": "web"}, "") is True, "an empty selector selects everything"

# %% course={"kind": "test", "points": 2}
assert selects({}, "app!=web") is True, "a missing label satisfies !="
assert selects({}, "tier notin (front)") is True, "a missing label satisfies notin"
assert selects({}, "tier in (front)") is False and selects({}, "app=web") is False, "but not = or in"
### BEGIN HIDDEN TESTS
assert selects({"app": "web"}, "app==web") is True and selects({"app": "web"}, "app == web") is True
assert selects({"app": ""}, "app=") is True and selects({}, "app=") is False, "an empty value is a value"
assert selects({"canary": "no"}, "!canary") is False and selects({"canary": "no"}, "canary") is True
assert selects({"tier": "edge"}, "tier notin (front, edge)") is False and selects({"tier": "back"}, "tier notin (front,edge)") is True
assert selects({"a": "1", "b": "2"}, "a=1,b=3") is False and selects({"a": "1", "b": "2"}, "a=1 , b=2") is True
assert selects({"app.kubernetes.io/name": "shop"}, "app.kubernetes.io/name=shop") is True
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("app in front", "app in (front", "=web", "app=we b", "app=a=b", "tier in (front),(edge)", "app=web;x"):
    try:
        selects({"app": "web"}, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} does not parse: raise ValueError")
try:
    selects({"app": "web"}, "app=db, app in 1")
except ValueError:
    pass
else:
    raise AssertionError("a bad requirement raises even after one that failed")
### BEGIN HIDDEN TESTS
grid = [{}, {"app": "web"}, {"app": "db", "tier": "front"}, {"tier": "edge", "canary": "yes"}, {"app": "", "tier": "back"}]
selectors = ["app", "!app", "app=web", "app!=web", "tier in (front, edge)", "tier notin (front,edge)", "app in (web,db),tier",
             "app=,!canary", "tier in (edge),canary=yes", "app notin (db),tier!=front", ",app,"]
for labels in grid:
    for sel in selectors:
        assert selects(labels, sel) is matches({"metadata": {"labels": labels}}, sel), (labels, sel)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-every-comma", "fails": ["t1", "t2", "t3"]}
def selects(labels, selector):
    for rule in selector.split(","):
        rule = rule.strip()
        if not rule:
            continue
        if found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^()]*)\)", rule):
            key, op, raw = found.groups()
            if (labels.get(key) in {v.strip() for v in raw.split(",")}) != (op == "in"):
                return False
        elif found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)", rule):
            key, op, value = found.groups()
            if (labels.get(key) == value) == (op == "!="):
                return False
        elif found := re.fullmatch(r"(!?)\s*([A-Za-z0-9./_-]+)", rule):
            if (found.group(2) in labels) == (found.group(1) == "!"):
                return False
        else:
            raise ValueError(rule)
    return True

# %% course={"kind": "wrong", "id": "missing-is-not-different"}
def selects(labels, selector):
    parts, depth, current = [], 0, ""
    for char in selector:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    parts.append(current)
    results = []
    for part in parts:
        rule = part.strip()
        if not rule:
            continue
        if found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^()]*)\)", rule):
            key, op, raw = found.groups()
            results.append(key in labels and (labels[key] in {v.strip() for v in raw.split(",")}) == (op == "in"))
        elif found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)", rule):
            key, op, value = found.groups()
            results.append(key in labels and (labels[key] == value) != (op == "!="))
        elif found := re.fullmatch(r"(!?)\s*([A-Za-z0-9./_-]+)", rule):
            results.append((found.group(2) in labels) != (found.group(1) == "!"))
        else:
            raise ValueError(rule)
    return all(results)

# %% course={"kind": "wrong", "id": "value-required", "fails": ["t2", "t3"]}
def selects(labels, selector):
    parts, depth, current = [], 0, ""
    for char in selector:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    parts.append(current)
    results = []
    for part in parts:
        rule = part.strip()
        if not rule:
            continue
        if found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^()]*)\)", rule):
            key, op, raw = found.groups()
            results.append((labels.get(key) in {v.strip() for v in raw.split(",")}) == (op == "in"))
        elif found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]+)", rule):
            key, op, value = found.groups()
            results.append((labels.get(key) == value) != (op == "!="))
        elif found := re.fullmatch(r"(!?)\s*([A-Za-z0-9./_-]+)", rule):
            results.append((found.group(2) in labels) != (found.group(1) == "!"))
        else:
            raise ValueError(rule)
    return all(results)

# %% course={"kind": "wrong", "id": "stops-at-first-failure", "fails": ["t3"]}
def selects(labels, selector):
    parts, depth, current = [], 0, ""
    for char in selector:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    parts.append(current)
    for part in parts:
        rule = part.strip()
        if not rule:
            continue
        if found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^()]*)\)", rule):
            key, op, raw = found.groups()
            ok = (labels.get(key) in {v.strip() for v in raw.split(",")}) == (op == "in")
        elif found := re.fullmatch(r"([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)", rule):
            key, op, value = found.groups()
            ok = (labels.get(key) == value) != (op == "!=")
        elif found := re.fullmatch(r"(!?)\s*([A-Za-z0-9./_-]+)", rule):
            ok = (found.group(2) in labels) != (found.group(1) == "!")
        else:
            raise ValueError(rule)
        if not ok:
            return False
    return True

# %% [markdown] course={"kind": "exercise", "id": "pod-inventory", "item": "x-list-pods-across-namespaces"}
# ### Inventory: Pods across namespaces, page by page
#
# Write `pod_inventory(api, label_selector="", page_size=100)` that returns `{namespace: [pod names]}` for the Pods
# matching `label_selector` in **every** namespace: names sorted, namespaces in sorted order, namespaces without a
# matching Pod left out. Make one `api.list_pod_for_all_namespaces(label_selector=..., limit=page_size)` call per
# page, the server doing the filtering, and follow `metadata._continue` (passed back as `_continue=`) until it is
# empty: on a big cluster one unpaged list can be hundreds of megabytes.
#
# ```python
# >>> pod_inventory(core, "app=web", page_size=2)   # web-1 in default, web-2 and web-3 in team-a
# {'default': ['web-1'], 'team-a': ['web-2', 'web-3']}
# ```

# %% [markdown] course={"kind": "hint"}
# A `while True:` loop: list with `_continue=token` (`None` on the first call), collect, then
# `token = page.metadata._continue` and stop when it is empty (`None` or `""`).

# %% [markdown] course={"kind": "hint"}
# Collect into a `defaultdict(list)` or `dict.setdefault`, then build the answer from
# `sorted(found)` with each list sorted.

# %% course={"kind": "solution"}
def pod_inventory(api: Any, label_selector: str = "", page_size: int = 100) -> dict[str, list[str]]:
    ### BEGIN SOLUTION
    found: dict[str, list[str]] = {}
    token = None
    while True:
        page = api.list_pod_for_all_namespaces(label_selector=label_selector, limit=page_size, _continue=token)
        for pod in page.items:
            found.setdefault(pod.metadata.namespace, []).append(pod.metadata.name)
        token = page.metadata._continue
        if not token:
            break
    return {namespace: sorted(found[namespace]) for namespace in sorted(found)}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
reset(URL)
for ns, name, app in [("team-a", "web-3", "web"), ("default", "web-1", "web"), ("team-a", "web-2", "web"), ("default", "db-1", "db")]:
    make_pod(name, ns, {"app": app})
assert pod_inventory(core, "app=web", page_size=2) == {"default": ["web-1"], "team-a": ["web-2", "web-3"]}, "the example"

# %% course={"kind": "test", "points": 2}
reset(URL)
for i in range(7):
    make_pod(f"p-{i}", ["zeta", "alpha", "default"][i % 3], {"app": "shop"})
make_pod("other", "alpha", {"app": "db"})
spy = Recorder(core)
got = pod_inventory(spy, "app=shop", page_size=3)
assert got == {"alpha": ["p-1", "p-4"], "default": ["p-2", "p-5"], "zeta": ["p-0", "p-3", "p-6"]}, f"every page, every namespace: {got}"
assert list(got) == ["alpha", "default", "zeta"], "namespaces in sorted order"
assert spy.names() == ["list_pod_for_all_namespaces"] * 3, f"one list call per page of 3 (7 Pods): {spy.names()}"
### BEGIN HIDDEN TESTS
assert all(kw.get("label_selector") == "app=shop" and kw.get("limit") == 3 for _, _, kw in spy.calls), "the server filters and pages"
assert type(got) is dict and all(type(v) is list for v in got.values())
assert pod_inventory(core, "app=none") == {}, "nothing matches: an empty dict"
spy = Recorder(core)
assert pod_inventory(spy, "app=db", page_size=1) == {"alpha": ["other"]} and len(spy.calls) == 1
assert sum(len(v) for v in pod_inventory(core, page_size=1).values()) == 8, "no selector: every Pod"
reset(URL)
for i in range(12):
    make_pod(f"n-{i:02d}", "default", {"app": "x"})
assert pod_inventory(core, "app=x", page_size=5) == {"default": [f"n-{i:02d}" for i in range(12)]}


class ReversedPages:  # a server may send items in any order: the answer sorts
    def list_pod_for_all_namespaces(self, **options):
        page = core.list_pod_for_all_namespaces(**options)
        page.items.reverse()
        return page


make_pod("a-0", "zz", {"app": "x"})
assert list(pod_inventory(ReversedPages(), "app=x", page_size=20)) == ["default", "zz"]
assert pod_inventory(ReversedPages(), "app=x", page_size=4)["default"] == [f"n-{i:02d}" for i in range(12)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-page-only", "fails": ["t1", "t2"]}
def pod_inventory(api, label_selector="", page_size=100):
    page = api.list_pod_for_all_namespaces(label_selector=label_selector, limit=page_size)
    found = {}
    for pod in page.items:
        found.setdefault(pod.metadata.namespace, []).append(pod.metadata.name)
    return {ns: sorted(found[ns]) for ns in sorted(found)}

# %% course={"kind": "wrong", "id": "default-namespace-only"}
def pod_inventory(api, label_selector="", page_size=100):
    found, token = {}, None
    while True:
        page = api.list_namespaced_pod("default", label_selector=label_selector, limit=page_size, _continue=token)
        for pod in page.items:
            found.setdefault(pod.metadata.namespace, []).append(pod.metadata.name)
        token = page.metadata._continue
        if not token:
            return {ns: sorted(found[ns]) for ns in sorted(found)}

# %% course={"kind": "wrong", "id": "filters-on-the-client", "fails": ["t2"]}
def pod_inventory(api, label_selector="", page_size=100):
    found, token = {}, None
    while True:
        page = api.list_pod_for_all_namespaces(limit=page_size, _continue=token)
        for pod in page.items:
            if matches(api.api_client.sanitize_for_serialization(pod), label_selector):
                found.setdefault(pod.metadata.namespace, []).append(pod.metadata.name)
        token = page.metadata._continue
        if not token:
            return {ns: sorted(found[ns]) for ns in sorted(found)}

# %% [markdown] course={"kind": "exercise", "id": "crashloop-report"}
# ### Which containers keep crashing?
#
# A Pod's `status.container_statuses` has one entry per container with its `name`, `restart_count` and `state`
# (`state.waiting.reason` is `"CrashLoopBackOff"` while the kubelet waits before restarting it again). Write
# `restart_report(api, namespace, min_restarts=3)` returning a list of `(pod, container, restarts, reason)` tuples
# for every container in the namespace's Pods that restarted **at least** `min_restarts` times **or** is waiting in
# `CrashLoopBackOff`; `reason` is the waiting reason, or `""` when the container is not waiting. Order: most restarts
# first, then pod name, then container name. A Pod that has no container statuses yet (just created, `Pending`)
# has nothing to report.
#
# ```python
# >>> restart_report(core, "default")
# [('web-1', 'app', 7, 'CrashLoopBackOff'), ('worker-2', 'app', 3, '')]
# ```

# %% [markdown] course={"kind": "hint"}
# `pod.status.container_statuses` is `None` (not `[]`) until the kubelet reports, and `state.waiting` is `None` for a
# running container: guard both with `or`.

# %% [markdown] course={"kind": "hint"}
# Sort with a key: `key=lambda row: (-row[2], row[0], row[1])`.

# %% course={"kind": "solution"}
def restart_report(api: Any, namespace: str, min_restarts: int = 3) -> list[tuple[str, str, int, str]]:
    ### BEGIN SOLUTION
    rows = []
    for pod in api.list_namespaced_pod(namespace).items:
        for status in (pod.status and pod.status.container_statuses) or []:
            waiting = status.state.waiting if status.state else None
            reason = (waiting.reason or "") if waiting else ""
            if status.restart_count >= min_restarts or reason == "CrashLoopBackOff":
                rows.append((pod.metadata.name, status.name, status.restart_count, reason))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def container(name, restarts, waiting=None):
    state = {"waiting": {"reason": waiting}} if waiting else {"running": {"startedAt": "2026-01-01T00:00:00Z"}}
    return {"name": name, "restartCount": restarts, "ready": waiting is None, "image": "shop:1.0", "imageID": "",
            "state": state}


reset(URL)
make_pod("web-1", status={"phase": "Running", "containerStatuses": [container("app", 7, "CrashLoopBackOff")]})
make_pod("worker-2", status={"phase": "Running", "containerStatuses": [container("app", 3)]})
make_pod("db-0", status={"phase": "Running", "containerStatuses": [container("app", 0)]})
assert restart_report(core, "default") == [("web-1", "app", 7, "CrashLoopBackOff"), ("worker-2", "app", 3, "")], "the example"

# %% course={"kind": "test", "points": 2}
make_pod("new-0")  # no status yet
make_pod("new-1", status={"phase": "Pending"})
assert restart_report(core, "default", min_restarts=3) == [("web-1", "app", 7, "CrashLoopBackOff"), ("worker-2", "app", 3, "")], (
    "Pods without container statuses report nothing (and do not crash the report)"
)
### BEGIN HIDDEN TESTS
make_pod("api-0", status={"phase": "Running", "containerStatuses": [
    container("proxy", 3, "CrashLoopBackOff"), container("app", 3, "ContainerCreating"), container("side", 1, "CrashLoopBackOff")]})
got = restart_report(core, "default")
assert got == [("web-1", "app", 7, "CrashLoopBackOff"), ("api-0", "app", 3, "ContainerCreating"),
               ("api-0", "proxy", 3, "CrashLoopBackOff"), ("worker-2", "app", 3, ""), ("api-0", "side", 1, "CrashLoopBackOff")], got
assert type(got) is list and all(type(row) is tuple and type(row[2]) is int for row in got)
assert restart_report(core, "default", min_restarts=4) == [("web-1", "app", 7, "CrashLoopBackOff"),
    ("api-0", "proxy", 3, "CrashLoopBackOff"), ("api-0", "side", 1, "CrashLoopBackOff")]
assert [row[:2] for row in restart_report(core, "default", min_restarts=0)][-1] == ("db-0", "app"), "0 restarts counts at min_restarts=0"
assert restart_report(core, "kube-system") == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
reset(URL)
make_namespace("jobs")
make_pod("a", "jobs", status={"phase": "Running", "containerStatuses": [container("x", 4)]})
make_pod("b", "default", status={"phase": "Running", "containerStatuses": [container("x", 9)]})
assert restart_report(core, "jobs") == [("a", "x", 4, "")], "only the namespace asked for"
### BEGIN HIDDEN TESTS
make_pod("c", "jobs", status={"phase": "Running", "containerStatuses": [container("x", 4, "ImagePullBackOff")]})
make_pod("b", "jobs", status={"phase": "Running", "containerStatuses": [container("y", 4), container("a", 4)]})
assert restart_report(core, "jobs") == [("a", "x", 4, ""), ("b", "a", 4, ""), ("b", "y", 4, ""), ("c", "x", 4, "ImagePullBackOff")]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "none-statuses"}
def restart_report(api, namespace, min_restarts=3):
    rows = []
    for pod in api.list_namespaced_pod(namespace).items:
        for status in pod.status.container_statuses:
            waiting = status.state.waiting
            reason = waiting.reason if waiting else ""
            if status.restart_count >= min_restarts or reason == "CrashLoopBackOff":
                rows.append((pod.metadata.name, status.name, status.restart_count, reason))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))

# %% course={"kind": "wrong", "id": "restarts-only"}
def restart_report(api, namespace, min_restarts=3):
    rows = []
    for pod in api.list_namespaced_pod(namespace).items:
        for status in (pod.status and pod.status.container_statuses) or []:
            waiting = status.state.waiting if status.state else None
            reason = waiting.reason if waiting else ""
            if status.restart_count >= min_restarts:
                rows.append((pod.metadata.name, status.name, status.restart_count, reason))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))

# %% course={"kind": "wrong", "id": "more-than", "fails": ["t1", "t2"]}
def restart_report(api, namespace, min_restarts=3):
    rows = []
    for pod in api.list_namespaced_pod(namespace).items:
        for status in (pod.status and pod.status.container_statuses) or []:
            waiting = status.state.waiting if status.state else None
            reason = waiting.reason if waiting else ""
            if status.restart_count > min_restarts or reason == "CrashLoopBackOff":
                rows.append((pod.metadata.name, status.name, status.restart_count, reason))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))

# %% [markdown] course={"kind": "exercise", "id": "scale-by-label"}
# ### Scale every Deployment with a label, with a dry run
#
# Write `scale_by_label(api, namespace, selector, replicas, *, dry_run=True)` for an `AppsV1Api`: it lists the
# namespace's Deployments matching the label `selector` (the server filters) and returns a list of
# `(name, current, wanted)` tuples, sorted by name, for each one whose `spec.replicas` differs from `replicas`. With
# `dry_run=True` (the default: a script that changes a cluster should have to be asked to) it changes nothing and
# sends no write at all; with `dry_run=False` it patches **only** `spec.replicas` of those Deployments. A negative
# `replicas` raises `ValueError` before any request.
#
# ```python
# >>> scale_by_label(apps, "default", "team=shop", 0)
# [('cart', 2, 0), ('web', 3, 0)]       # nothing changed: dry run
# ```
#
# (The real API has server-side dry runs, `dry_run="All"` on a write: the server checks the change and stores
# nothing. The emulator ignores that parameter and would store the change, so here a dry run sends no write.)

# %% [markdown] course={"kind": "hint"}
# `api.list_namespaced_deployment(namespace, label_selector=selector)`, then compare `d.spec.replicas` with
# `replicas`; skip the ones already right.

# %% [markdown] course={"kind": "hint"}
# The patch body is `{"spec": {"replicas": replicas}}` and goes to `api.patch_namespaced_deployment(name,
# namespace, body)`, only when `not dry_run`.

# %% course={"kind": "solution"}
def scale_by_label(api: Any, namespace: str, selector: str, replicas: int, *, dry_run: bool = True) -> list[tuple[str, int, int]]:
    ### BEGIN SOLUTION
    if replicas < 0:
        raise ValueError(f"replicas must be 0 or more, not {replicas}")
    changes = []
    for deployment in api.list_namespaced_deployment(namespace, label_selector=selector).items:
        current = deployment.spec.replicas
        if current != replicas:
            changes.append((deployment.metadata.name, current, replicas))
    changes.sort()
    if not dry_run:
        for name, _, _ in changes:
            api.patch_namespaced_deployment(name, namespace, {"spec": {"replicas": replicas}})
    return changes
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
reset(URL)
for name, count, team in [("web", 3, "shop"), ("cart", 2, "shop"), ("search", 0, "shop"), ("db", 1, "data")]:
    make_deployment(name, replicas=count, labels={"team": team})
spy = Recorder(apps)
assert scale_by_label(spy, "default", "team=shop", 0) == [("cart", 2, 0), ("web", 3, 0)], "the example"
assert not any(name.startswith(("patch", "replace", "create", "delete")) for name in spy.names()), f"a dry run writes nothing: {spy.names()}"

# %% course={"kind": "test", "points": 2}
spy = Recorder(apps)
assert scale_by_label(spy, "default", "team=shop", 1, dry_run=False) == [("cart", 2, 1), ("search", 0, 1), ("web", 3, 1)]
now = {d.metadata.name: d.spec.replicas for d in apps.list_namespaced_deployment("default").items}
assert now == {"web": 1, "cart": 1, "search": 1, "db": 1}, f"the shop Deployments are scaled, db is not: {now}"
### BEGIN HIDDEN TESTS
assert spy.names().count("patch_namespaced_deployment") == 3, spy.names()
for name, args, kwargs in spy.calls:
    if name == "patch_namespaced_deployment":
        body = args[2] if len(args) > 2 else kwargs["body"]
        assert body == {"spec": {"replicas": 1}}, f"patch only spec.replicas: {body}"
spy = Recorder(apps)
assert scale_by_label(spy, "default", "team=shop", 1, dry_run=False) == [], "already right: nothing to do"
assert "patch_namespaced_deployment" not in spy.names()
got = scale_by_label(apps, "default", "team in (shop,data)", 2)
assert got == [("cart", 1, 2), ("db", 1, 2), ("search", 1, 2), ("web", 1, 2)] and type(got) is list
assert all(type(row) is tuple for row in got)
assert {d.metadata.name: d.spec.replicas for d in apps.list_namespaced_deployment("default").items}["db"] == 1, "the default is a dry run"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
spy = Recorder(apps)
try:
    scale_by_label(spy, "default", "team=shop", -1, dry_run=False)
except ValueError:
    pass
else:
    raise AssertionError("replicas=-1 must raise ValueError")
assert spy.calls == [], "refused before any request"
### BEGIN HIDDEN TESTS
assert scale_by_label(apps, "default", "team=shop", 0, dry_run=False) == [("cart", 1, 0), ("search", 1, 0), ("web", 1, 0)]
assert scale_by_label(apps, "default", "team=shop", 0) == [], "0 replicas is allowed"
make_deployment("web", "other", replicas=5, labels={"team": "shop"})
assert scale_by_label(apps, "default", "team=shop", 0, dry_run=False) == [], "only the namespace asked for"
assert scale_by_label(apps, "other", "team=shop", 0) == [("web", 5, 0)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "every-namespace", "fails": ["t3"]}
def scale_by_label(api, namespace, selector, replicas, *, dry_run=True):
    if replicas < 0:
        raise ValueError(replicas)
    changes = []
    for d in api.list_deployment_for_all_namespaces(label_selector=selector).items:
        if d.spec.replicas != replicas:
            changes.append((d.metadata.name, d.spec.replicas, replicas))
            if not dry_run:
                api.patch_namespaced_deployment(d.metadata.name, d.metadata.namespace, {"spec": {"replicas": replicas}})
    return sorted(changes)

# %% course={"kind": "wrong", "id": "dry-run-writes", "fails": ["t1", "t2"]}
def scale_by_label(api, namespace, selector, replicas, *, dry_run=True):
    if replicas < 0:
        raise ValueError(replicas)
    changes = []
    for d in api.list_namespaced_deployment(namespace, label_selector=selector).items:
        if d.spec.replicas != replicas:
            changes.append((d.metadata.name, d.spec.replicas, replicas))
            api.patch_namespaced_deployment(d.metadata.name, namespace, {"spec": {"replicas": replicas}}, dry_run="All" if dry_run else None)
    return sorted(changes)

# %% course={"kind": "wrong", "id": "lists-unchanged-too"}
def scale_by_label(api, namespace, selector, replicas, *, dry_run=True):
    if replicas < 0:
        raise ValueError(replicas)
    changes = sorted((d.metadata.name, d.spec.replicas, replicas)
                     for d in api.list_namespaced_deployment(namespace, label_selector=selector).items)
    if not dry_run:
        for name, _, _ in changes:
            api.patch_namespaced_deployment(name, namespace, {"spec": {"replicas": replicas}})
    return changes

# %% course={"kind": "wrong", "id": "patches-whole-object"}
def scale_by_label(api, namespace, selector, replicas, *, dry_run=True):
    if replicas < 0:
        raise ValueError(replicas)
    changes = []
    for d in api.list_namespaced_deployment(namespace, label_selector=selector).items:
        if d.spec.replicas != replicas:
            changes.append((d.metadata.name, d.spec.replicas, replicas))
            if not dry_run:
                d.spec.replicas = replicas
                api.patch_namespaced_deployment(d.metadata.name, namespace, d)
    return sorted(changes)

# %% [markdown] course={"kind": "exercise", "id": "rollout-waiter"}
# ### Wait for a rollout, without sleeping for real
#
# After changing a Deployment, a deploy tool waits until the controller has rolled it out. Write
# `wait_for_rollout(api, name, namespace, *, timeout, clock, sleep, interval=2.0)` that reads the Deployment, and
# returns the seconds waited (`clock()` now minus `clock()` at the start) as soon as it is rolled out, which means
# all of:
#
# - `status.observed_generation` is at least `metadata.generation` (the controller has seen the latest spec: before
#   that, the status describes the *previous* version);
# - `status.updated_replicas`, `status.available_replicas` and `status.replicas` all equal `spec.replicas` (`None`
#   counts as 0; a missing `status` is not rolled out).
#
# If a `status.conditions` entry has reason `"ProgressDeadlineExceeded"`, raise `RuntimeError` naming the
# Deployment at once. Otherwise, when `timeout` seconds or more have passed, raise `TimeoutError` naming it; else
# `sleep(interval)` and read again. Check first, sleep after: a finished rollout costs no sleep, and a rollout that
# finishes exactly at the deadline counts as finished. Time comes only from `clock` and `sleep`.
#
# ```python
# >>> wait_for_rollout(apps, "web", "default", timeout=60, clock=clock, sleep=sleep)   # done after two polls
# 4.0
# ```

# %% [markdown] course={"kind": "hint"}
# The loop: `start = clock()`; `while True:` read, return if done, raise if stuck or out of time, sleep. Write the
# "done" test as its own small function; `(status.updated_replicas or 0)` handles `None`.

# %% [markdown] course={"kind": "hint"}
# The trap is the stale status: right after `patch_namespaced_deployment`, the old status still says "3 of 3
# updated". Only `observed_generation >= metadata.generation` tells you the numbers are about your change.

# %% course={"kind": "solution"}
def wait_for_rollout(api: Any, name: str, namespace: str, *, timeout: float, clock: Callable[[], float],
                     sleep: Callable[[float], None], interval: float = 2.0) -> float:
    ### BEGIN SOLUTION
    start = clock()
    while True:
        deployment = api.read_namespaced_deployment(name, namespace)
        status = deployment.status
        if status is not None:
            wanted = deployment.spec.replicas
            if ((status.observed_generation or 0) >= deployment.metadata.generation
                    and (status.updated_replicas or 0) == wanted
                    and (status.available_replicas or 0) == wanted
                    and (status.replicas or 0) == wanted):
                return clock() - start
            for condition in status.conditions or []:
                if condition.reason == "ProgressDeadlineExceeded":
                    raise RuntimeError(f"deployment {name}: ProgressDeadlineExceeded")
        if clock() - start >= timeout:
            raise TimeoutError(f"deployment {name} not rolled out after {timeout} s")
        sleep(interval)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def controller(clock, name, plan):
    """A sleep() that moves the fake clock, then writes the status planned for this sleep (the controller's part)."""
    def sleep(seconds):
        clock.sleep(seconds)
        status = plan.get(len(clock.sleeps))
        if status is not None:
            apps.patch_namespaced_deployment_status(name, "default", {"status": status})
    return sleep


def rollout(generation, updated, available, replicas=3, **more):
    return {"observedGeneration": generation, "replicas": replicas, "updatedReplicas": updated,
            "availableReplicas": available, **more}


reset(URL)
make_deployment("web", replicas=3)
apps.patch_namespaced_deployment_status("web", "default", {"status": rollout(1, 1, 3)})
clock = SleepLimit(limit=50)
sleep = controller(clock, "web", {2: rollout(1, 3, 3)})
assert wait_for_rollout(apps, "web", "default", timeout=60, clock=clock, sleep=sleep) == 4.0, "done after two polls"
assert clock.sleeps == [2.0, 2.0], f"slept twice, 2 s each: {clock.sleeps}"

# %% course={"kind": "test", "points": 2}
apps.patch_namespaced_deployment("web", "default", {"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "web:2.0"}]}}}})
clock = SleepLimit(limit=50)
sleep = controller(clock, "web", {1: rollout(2, 1, 3, 4), 3: rollout(2, 3, 3, 3)})
waited = wait_for_rollout(apps, "web", "default", timeout=60, clock=clock, sleep=sleep, interval=5)
assert waited == 15.0, f"the old status (generation 1, 3 of 3) is not the new rollout: waited {waited}"
### BEGIN HIDDEN TESTS
assert type(waited) is float and clock.sleeps == [5, 5, 5]
clock = SleepLimit(limit=50)
assert wait_for_rollout(apps, "web", "default", timeout=60, clock=clock, sleep=clock.sleep) == 0.0 and clock.sleeps == [], (
    "already rolled out: no sleep")
make_deployment("fresh", replicas=2)
clock = SleepLimit(limit=50)
sleep = controller(clock, "fresh", {1: rollout(1, 2, 1, 2), 2: rollout(1, 2, 2, 3), 3: rollout(1, 2, 2, 2)})
assert wait_for_rollout(apps, "fresh", "default", timeout=60, clock=clock, sleep=sleep) == 6.0, (
    "no status yet, then one available short, then an old Pod still terminating (replicas 3)")
make_deployment("zero", replicas=0)
clock = SleepLimit(limit=50)
sleep = controller(clock, "zero", {1: {"observedGeneration": 1}})
assert wait_for_rollout(apps, "zero", "default", timeout=60, clock=clock, sleep=sleep) == 2.0, "scaled to 0: absent counts as 0"
make_deployment("ahead", replicas=1)
apps.patch_namespaced_deployment_status("ahead", "default", {"status": rollout(2, 1, 1, 1)})
assert wait_for_rollout(apps, "ahead", "default", timeout=60, clock=clock, sleep=clock.sleep) == 0.0, "observed >= generation"
make_deployment("unseen", replicas=1)
apps.patch_namespaced_deployment_status("unseen", "default", {"status": {"replicas": 1, "updatedReplicas": 1, "availableReplicas": 1,
    "conditions": [{"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated"}]}})
clock = SleepLimit(limit=50)
sleep = controller(clock, "unseen", {1: {"observedGeneration": 1}})
assert wait_for_rollout(apps, "unseen", "default", timeout=60, clock=clock, sleep=sleep) == 2.0, (
    "no observedGeneration yet: not rolled out; a Progressing condition is not a failure")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
make_deployment("stuck", replicas=2)
apps.patch_namespaced_deployment_status("stuck", "default", {"status": rollout(1, 1, 1, 2)})
clock = SleepLimit(limit=50)
try:
    wait_for_rollout(apps, "stuck", "default", timeout=10, clock=clock, sleep=clock.sleep)
except TimeoutError as error:
    assert "stuck" in str(error), f"the error names the Deployment: {error}"
else:
    raise AssertionError("a rollout that never finishes must raise TimeoutError")
assert clock.sleeps == [2.0] * 5, f"checks at 0, 2, 4, 6, 8 and 10 s, then gives up: slept {clock.sleeps}"
### BEGIN HIDDEN TESTS
clock = SleepLimit(limit=50)
sleep = controller(clock, "stuck", {5: rollout(1, 2, 2, 2)})
assert wait_for_rollout(apps, "stuck", "default", timeout=10, clock=clock, sleep=sleep) == 10.0, "finished at the deadline counts"
apps.patch_namespaced_deployment_status("stuck", "default", {"status": rollout(1, 1, 1, 2, conditions=[
    {"type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable"},
    {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}])})
clock = SleepLimit(limit=50)
try:
    wait_for_rollout(apps, "stuck", "default", timeout=60, clock=clock, sleep=clock.sleep)
except RuntimeError as error:
    assert "stuck" in str(error) and clock.sleeps == [], "stuck for good: fail at once"
else:
    raise AssertionError("ProgressDeadlineExceeded must raise RuntimeError")
clock = SleepLimit(limit=50)
try:
    wait_for_rollout(apps, "stuck", "default", timeout=0, clock=clock, sleep=clock.sleep)
except RuntimeError:
    pass
else:
    raise AssertionError("stuck is reported before the deadline is")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "trusts-stale-status", "fails": ["t2"]}
def wait_for_rollout(api, name, namespace, *, timeout, clock, sleep, interval=2.0):
    start = clock()
    while True:
        d = api.read_namespaced_deployment(name, namespace)
        s = d.status
        if s is not None:
            want = d.spec.replicas
            if (s.updated_replicas or 0) == want and (s.available_replicas or 0) == want and (s.replicas or 0) == want:
                return clock() - start
            if any(c.reason == "ProgressDeadlineExceeded" for c in s.conditions or []):
                raise RuntimeError(name)
        if clock() - start >= timeout:
            raise TimeoutError(name)
        sleep(interval)

# %% course={"kind": "wrong", "id": "sleeps-first"}
def wait_for_rollout(api, name, namespace, *, timeout, clock, sleep, interval=2.0):
    start = clock()
    while clock() - start < timeout:
        sleep(interval)
        d = api.read_namespaced_deployment(name, namespace)
        s = d.status
        if s is not None:
            want = d.spec.replicas
            if ((s.observed_generation or 0) >= d.metadata.generation and (s.updated_replicas or 0) == want
                    and (s.available_replicas or 0) == want and (s.replicas or 0) == want):
                return clock() - start
            if any(c.reason == "ProgressDeadlineExceeded" for c in s.conditions or []):
                raise RuntimeError(name)
    raise TimeoutError(name)

# %% course={"kind": "wrong", "id": "deadline-before-check", "fails": ["t3"]}
def wait_for_rollout(api, name, namespace, *, timeout, clock, sleep, interval=2.0):
    start = clock()
    while True:
        if clock() - start >= timeout:
            raise TimeoutError(name)
        d = api.read_namespaced_deployment(name, namespace)
        s = d.status
        if s is not None:
            want = d.spec.replicas
            if ((s.observed_generation or 0) >= d.metadata.generation and (s.updated_replicas or 0) == want
                    and (s.available_replicas or 0) == want and (s.replicas or 0) == want):
                return clock() - start
            if any(c.reason == "ProgressDeadlineExceeded" for c in s.conditions or []):
                raise RuntimeError(name)
        sleep(interval)

# %% [markdown] course={"kind": "exercise", "id": "configmap-sync", "item": "x-manage-configmaps-and-secrets"}
# ### Sync a ConfigMap: create, update or leave alone
#
# A deploy tool runs again and again, so its writes must be *idempotent*. Write
# `sync_config_map(api, namespace, name, data)` that makes the ConfigMap `name` hold exactly `data` (a dict of
# strings) and returns what it did: `"created"`, `"updated"` or `"unchanged"`.
#
# - **Create first**; a 409 means it exists (asking first and creating after leaves a gap in which another run can
#   create it). Any other error (a missing namespace is a 404) propagates unchanged.
# - When it exists, read it: if its data already equals `data`, send no write and return `"unchanged"` (a
#   ConfigMap without data reads as `None`: the same as `{}`).
# - Otherwise patch the data. A patch *merges*: keys you leave out of it stay. Keys that are in the ConfigMap
#   but not in `data` must go, so send them with the value `None` (JSON `null` deletes a key in a merge patch).
# - Do not change the caller's `data`.
#
# ```python
# >>> sync_config_map(core, "default", "shop", {"LOG_LEVEL": "info"})
# 'created'
# >>> sync_config_map(core, "default", "shop", {"LOG_LEVEL": "info"})
# 'unchanged'
# ```

# %% [markdown] course={"kind": "hint"}
# `try: api.create_namespaced_config_map(namespace, {"metadata": {"name": name}, "data": dict(data)})`, then
# `except ApiException as error: if error.status != 409: raise`.

# %% [markdown] course={"kind": "hint"}
# `current = api.read_namespaced_config_map(name, namespace).data or {}` (a ConfigMap without data has `None`). The
# patch data is `{key: None for key in current if key not in data} | dict(data)`.

# %% course={"kind": "solution"}
def sync_config_map(api: Any, namespace: str, name: str, data: Mapping[str, str]) -> str:
    ### BEGIN SOLUTION
    try:
        api.create_namespaced_config_map(namespace, {"metadata": {"name": name}, "data": dict(data)})
        return "created"
    except ApiException as error:
        if error.status != 409:
            raise
    current = api.read_namespaced_config_map(name, namespace).data or {}
    if current == dict(data):
        return "unchanged"
    patch: dict[str, str | None] = {key: None for key in current if key not in data}
    patch.update(data)
    api.patch_namespaced_config_map(name, namespace, {"data": patch})
    return "updated"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
reset(URL)
assert sync_config_map(core, "default", "shop", {"LOG_LEVEL": "info"}) == "created", "first run creates"
assert core.read_namespaced_config_map("shop", "default").data == {"LOG_LEVEL": "info"}
assert sync_config_map(core, "default", "shop", {"LOG_LEVEL": "info"}) == "unchanged", "second run: nothing to do"

# %% course={"kind": "test", "points": 2}
before = core.read_namespaced_config_map("shop", "default").metadata.resource_version
spy = Recorder(core)
assert sync_config_map(spy, "default", "shop", {"LOG_LEVEL": "info"}) == "unchanged"
assert not any(n.startswith(("patch", "replace", "delete")) for n in spy.names()), f"unchanged sends no write: {spy.names()}"
assert core.read_namespaced_config_map("shop", "default").metadata.resource_version == before
wanted = {"LOG_LEVEL": "debug", "WORKERS": "4"}
assert sync_config_map(core, "default", "shop", wanted) == "updated"
assert sync_config_map(core, "default", "shop", {"WORKERS": "8"}) == "updated"
assert core.read_namespaced_config_map("shop", "default").data == {"WORKERS": "8"}, "a key that is no longer wanted is removed"
### BEGIN HIDDEN TESTS
assert spy.names()[0] == "create_namespaced_config_map", f"create first, then read: {spy.names()}"
assert wanted == {"LOG_LEVEL": "debug", "WORKERS": "4"}, "the caller's dict is not changed"
keep = {"a": "1"}
sync_config_map(core, "default", "shop", keep)
assert keep == {"a": "1"} and core.read_namespaced_config_map("shop", "default").data == {"a": "1"}
core.create_namespaced_config_map("default", {"metadata": {"name": "empty"}})
assert sync_config_map(core, "default", "empty", {}) == "unchanged", "no data and {} are the same"
assert sync_config_map(core, "default", "empty", {"x": ""}) == "updated" and core.read_namespaced_config_map("empty", "default").data == {"x": ""}
assert sync_config_map(core, "default", "empty", {}) == "updated"
assert not core.read_namespaced_config_map("empty", "default").data
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    sync_config_map(core, "no-such-namespace", "shop", {"a": "1"})
except ApiException as error:
    assert error.status == 404, f"the 404 propagates: {error.status}"
else:
    raise AssertionError("a missing namespace is an error the caller must see")
### BEGIN HIDDEN TESTS


class CannotCreate(Recorder):  # RBAC allows read and patch, not create: a 403 is not "it exists"
    def create_namespaced_config_map(self, *args, **kwargs):
        raise ApiException(status=403, reason="Forbidden")


try:
    sync_config_map(CannotCreate(core), "default", "shop", {"a": "2"})
except ApiException as error:
    assert error.status == 403
else:
    raise AssertionError("a 403 on create propagates")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "stale-keys-stay", "fails": ["t2"]}
def sync_config_map(api, namespace, name, data):
    try:
        api.create_namespaced_config_map(namespace, {"metadata": {"name": name}, "data": dict(data)})
        return "created"
    except ApiException as error:
        if error.status != 409:
            raise
    if (api.read_namespaced_config_map(name, namespace).data or {}) == dict(data):
        return "unchanged"
    api.patch_namespaced_config_map(name, namespace, {"data": dict(data)})
    return "updated"

# %% course={"kind": "wrong", "id": "always-patches"}
def sync_config_map(api, namespace, name, data):
    try:
        api.create_namespaced_config_map(namespace, {"metadata": {"name": name}, "data": dict(data)})
        return "created"
    except ApiException as error:
        if error.status != 409:
            raise
    current = api.read_namespaced_config_map(name, namespace).data or {}
    patch = {key: None for key in current if key not in data}
    patch.update(data)
    api.patch_namespaced_config_map(name, namespace, {"data": patch})
    return "updated"

# %% course={"kind": "wrong", "id": "mutates-data", "fails": ["t2"]}
def sync_config_map(api, namespace, name, data):
    try:
        api.create_namespaced_config_map(namespace, {"metadata": {"name": name}, "data": data})
        return "created"
    except ApiException as error:
        if error.status != 409:
            raise
    current = api.read_namespaced_config_map(name, namespace).data or {}
    if current == data:
        return "unchanged"
    for key in current:
        if key not in data:
            data[key] = None
    api.patch_namespaced_config_map(name, namespace, {"data": data})
    return "updated"

# %% course={"kind": "wrong", "id": "swallows-errors", "fails": ["t3"]}
def sync_config_map(api, namespace, name, data):
    try:
        api.create_namespaced_config_map(namespace, {"metadata": {"name": name}, "data": dict(data)})
        return "created"
    except ApiException:
        pass
    try:
        current = api.read_namespaced_config_map(name, namespace).data or {}
    except ApiException:
        return "unchanged"
    if current == dict(data):
        return "unchanged"
    patch = {key: None for key in current if key not in data}
    patch.update(data)
    api.patch_namespaced_config_map(name, namespace, {"data": patch})
    return "updated"

# %% [markdown] course={"kind": "exercise", "id": "watch-cache", "item": "x-watch-for-pod-events"}
# ### Keep a cache from a watch
#
# Complete the class `PodCache`: its `apply(event)` takes one event as
# `watch.Watch().stream(...)` yields it (a dict with `"type"`, `"object"` and `"raw_object"`, the object as a plain
# dict) and keeps `self.objects`, a dict from `(namespace, name)` to the object's dict:
#
# - `ADDED` and `MODIFIED` store the object (both mean "this is the object now": a re-watch sends `ADDED` again for
#   objects you know, and you may join in the middle); store a **copy**, so that nobody changing the event later
#   changes your cache;
# - `DELETED` removes it; a `DELETED` for an object you never saw is fine (you joined late);
# - `BOOKMARK` changes nothing;
# - `ERROR` (its `raw_object` is a `Status` with a `code`, 410 when your resource version is too old) raises
#   `RuntimeError` with the code in the message, so the caller lists again; any other type raises `ValueError`.
#   (Client 35's `Watch.stream` raises `ApiException` for an ERROR event itself, so from it you never get one; a
#   cache fed from elsewhere, such as a queue between threads or a recorded stream, still can.)
#
# `names(namespace)` (given) returns the sorted names the cache holds in that namespace.
#
# ```python
# >>> cache = PodCache()
# >>> for event in watch.Watch().stream(core.list_namespaced_pod, "default", timeout_seconds=1):
# ...     cache.apply(event)
# >>> cache.names("default")
# ['web-1', 'web-2']
# ```

# %% [markdown] course={"kind": "hint"}
# The key: `meta = event["raw_object"]["metadata"]`, then `(meta.get("namespace"), meta["name"])`. Two Pods called
# `web-1` in two namespaces are two Pods.

# %% [markdown] course={"kind": "hint"}
# `copy.deepcopy(raw)` for the copy; `self.objects.pop(key, None)` removes without failing.

# %% course={"kind": "solution"}
class PodCache:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], dict[str, Any]] = {}

    def names(self, namespace: str) -> list[str]:
        return sorted(name for ns, name in self.objects if ns == namespace)

    def apply(self, event: Mapping[str, Any]) -> None:
        ### BEGIN SOLUTION
        kind, raw = event["type"], event["raw_object"]
        if kind == "ERROR":
            raise RuntimeError(f"watch error {raw.get('code')}: {raw.get('message')}; list again")
        if kind == "BOOKMARK":
            return
        meta = raw["metadata"]
        key = (meta.get("namespace"), meta["name"])
        if kind in ("ADDED", "MODIFIED"):
            self.objects[key] = copy.deepcopy(raw)
        elif kind == "DELETED":
            self.objects.pop(key, None)
        else:
            raise ValueError(f"unknown watch event type {kind!r}")
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
reset(URL)
make_pod("web-2", labels={"app": "web"})
make_pod("web-1", labels={"app": "web"})
cache = PodCache()
w = watch.Watch()
for event in w.stream(core.list_namespaced_pod, "default", timeout_seconds=5):
    cache.apply(event)
    if event["raw_object"]["metadata"]["name"] == "web-1":  # the last one the watch sends: stop without waiting
        w.stop()
assert cache.names("default") == ["web-1", "web-2"], "the example: a real watch's events"
assert cache.objects[("default", "web-1")]["metadata"]["labels"] == {"app": "web"}, "objects are the plain dicts"


# %% course={"kind": "test", "points": 2}
def event(kind, name, namespace="default", phase="Running"):
    raw = {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": name, "namespace": namespace}, "status": {"phase": phase}}
    return {"type": kind, "object": None, "raw_object": raw}


cache = PodCache()
for e in [event("ADDED", "a"), event("ADDED", "b"), event("MODIFIED", "a", phase="Failed"), event("DELETED", "b"),
          event("ADDED", "a", namespace="ops")]:
    cache.apply(e)
assert cache.names("default") == ["a"] and cache.names("ops") == ["a"], "keyed by namespace and name"
assert cache.objects[("default", "a")]["status"]["phase"] == "Failed", "MODIFIED replaces the object"
### BEGIN HIDDEN TESTS
assert set(cache.objects) == {("default", "a"), ("ops", "a")} and type(cache.objects) is dict
cache.apply(event("DELETED", "never-seen"))
cache.apply(event("MODIFIED", "late"))
cache.apply(event("ADDED", "a", phase="Succeeded"))
assert cache.names("default") == ["a", "late"] and cache.objects[("default", "a")]["status"]["phase"] == "Succeeded"
cache.apply({"type": "BOOKMARK", "object": None, "raw_object": {"kind": "Pod", "metadata": {"resourceVersion": "99"}}})
assert cache.names("default") == ["a", "late"] and cache.names("nowhere") == []
assert type(cache.names("default")) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
cache = PodCache()
given = event("ADDED", "c")
cache.apply(given)
given["raw_object"]["status"]["phase"] = "Changed"
assert cache.objects[("default", "c")]["status"]["phase"] == "Running", "the cache keeps its own copy"
try:
    cache.apply({"type": "ERROR", "object": None, "raw_object": {"kind": "Status", "code": 410, "message": "too old resource version"}})
except RuntimeError as error:
    assert "410" in str(error), f"the message has the code: {error}"
else:
    raise AssertionError("an ERROR event must raise RuntimeError")
### BEGIN HIDDEN TESTS
try:
    cache.apply(event("RENAMED", "c"))
except ValueError:
    pass
else:
    raise AssertionError("an unknown event type raises ValueError")
assert cache.names("default") == ["c"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keyed-by-name"}
class PodCache:
    def __init__(self):
        self.objects = {}

    def names(self, namespace):
        return sorted(name for ns, name in self.objects if ns == namespace)

    def apply(self, event):
        raw = event["raw_object"]
        if event["type"] == "ERROR":
            raise RuntimeError(f"watch error {raw.get('code')}")
        if event["type"] == "BOOKMARK":
            return
        if event["type"] not in ("ADDED", "MODIFIED", "DELETED"):
            raise ValueError(event["type"])
        key = ("default", raw["metadata"]["name"])  # the namespace of the watch: forgot it can differ
        if event["type"] == "DELETED":
            self.objects.pop(key, None)
        else:
            self.objects[key] = copy.deepcopy(raw)

# %% course={"kind": "wrong", "id": "delete-unknown-fails", "fails": ["t2"]}
class PodCache:
    def __init__(self):
        self.objects = {}

    def names(self, namespace):
        return sorted(name for ns, name in self.objects if ns == namespace)

    def apply(self, event):
        raw = event["raw_object"]
        if event["type"] == "ERROR":
            raise RuntimeError(f"watch error {raw.get('code')}")
        if event["type"] == "BOOKMARK":
            return
        key = (raw["metadata"].get("namespace"), raw["metadata"]["name"])
        if event["type"] == "ADDED" or event["type"] == "MODIFIED":
            self.objects[key] = copy.deepcopy(raw)
        elif event["type"] == "DELETED":
            del self.objects[key]
        else:
            raise ValueError(event["type"])

# %% course={"kind": "wrong", "id": "keeps-the-reference", "fails": ["t3"]}
class PodCache:
    def __init__(self):
        self.objects = {}

    def names(self, namespace):
        return sorted(name for ns, name in self.objects if ns == namespace)

    def apply(self, event):
        raw = event["raw_object"]
        if event["type"] == "ERROR":
            raise RuntimeError(f"watch error {raw.get('code')}")
        if event["type"] == "BOOKMARK":
            return
        key = (raw["metadata"].get("namespace"), raw["metadata"]["name"])
        if event["type"] in ("ADDED", "MODIFIED"):
            self.objects[key] = raw
        elif event["type"] == "DELETED":
            self.objects.pop(key, None)
        else:
            raise ValueError(event["type"])

# %% [markdown] course={"kind": "exercise", "id": "exec-disk-report", "item": "x-execute-commands-in-pods"}
# ### Run a command in Pods: a disk report
#
# Write `disk_report(run, pods, path="/data", threshold=80)`. `run` is called like the real exec helper,
# `run(name, namespace, command=[...], stderr=True, stdin=False, stdout=True, tty=False)`, and returns the
# command's output as one string (in production, `run = functools.partial(kubernetes.stream.stream,
# core.connect_get_namespaced_pod_exec)`; here a `PodExec` stand-in). For each `(namespace, name)` in `pods`, run
# `df -P <path>` (as a **list** of arguments: there is no shell) and read the use percentage from its output, the
# fifth column of the line after the header:
#
# ```
# Filesystem     1024-blocks    Used Available Capacity Mounted on
# /dev/sdb1         10255636 8513028   1742608      83% /data
# ```
#
# Return `(namespace, name, percent)` tuples (`percent` an `int`) for the Pods at or above `threshold`, fullest first,
# then by namespace and name. Output without a data line (an error message) raises `ValueError` naming the Pod.
#
# ```python
# >>> disk_report(run, [("default", "db-0"), ("default", "web-1")])
# [('default', 'db-0', 83)]
# ```

# %% [markdown] course={"kind": "hint"}
# `lines = output.strip().splitlines()`; the data is `lines[1].split()` and its fifth field (index 4) is `"83%"`:
# `int(field.rstrip("%"))`.

# %% [markdown] course={"kind": "hint"}
# Check `len(lines) >= 2` and that the field ends with `%` before converting; raise `ValueError(f"{namespace}/{name}:
# ...")` otherwise. Sort with `key=lambda row: (-row[2], row[0], row[1])`.

# %% course={"kind": "solution"}
def disk_report(run: Callable[..., str], pods: Iterable[tuple[str, str]], path: str = "/data",
                threshold: int = 80) -> list[tuple[str, str, int]]:
    ### BEGIN SOLUTION
    rows = []
    for namespace, name in pods:
        output = run(name, namespace, command=["df", "-P", path], stderr=True, stdin=False, stdout=True, tty=False)
        lines = output.splitlines()
        fields = lines[1].split() if len(lines) >= 2 else []
        if len(fields) < 5 or not fields[4].endswith("%"):
            raise ValueError(f"{namespace}/{name}: no df data line in {output!r}")
        percent = int(fields[4][:-1])
        if percent >= threshold:
            rows.append((namespace, name, percent))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def df(percent, path="/data"):
    return ("Filesystem     1024-blocks    Used Available Capacity Mounted on\n"
            f"/dev/sdb1         10255636 8513028   1742608      {percent}% {path}\n")


run = PodExec({("default", "db-0", ("df", "-P", "/data")): df(83), ("default", "web-1", ("df", "-P", "/data")): df(12)})
assert disk_report(run, [("default", "db-0"), ("default", "web-1")]) == [("default", "db-0", 83)], "the example"
assert run.calls[0] == ("default", "db-0", ("df", "-P", "/data"), None), f"df -P /data as a list: {run.calls[0]}"

# %% course={"kind": "test", "points": 2}
run = PodExec({("a", "x", ("df", "-P", "/data")): df(80), ("a", "y", ("df", "-P", "/data")): df(79),
               ("b", "x", ("df", "-P", "/data")): df(100), ("a", "z", ("df", "-P", "/data")): df(80)})
got = disk_report(run, [("a", "x"), ("a", "y"), ("b", "x"), ("a", "z")])
assert got == [("b", "x", 100), ("a", "x", 80), ("a", "z", 80)], f"80% is at the threshold; fullest first: {got}"
### BEGIN HIDDEN TESTS
assert all(type(row[2]) is int for row in got) and type(got) is list
run = PodExec({("m", "p", ("df", "-P", "/var/lib/models")): df(91, "/var/lib/models"),
               ("m", "q", ("df", "-P", "/var/lib/models")): df(5, "/var/lib/models")})
assert disk_report(run, iter([("m", "q"), ("m", "p")]), path="/var/lib/models", threshold=90) == [("m", "p", 91)]
assert disk_report(run, [("m", "q")], path="/var/lib/models", threshold=0) == [("m", "q", 5)]
assert disk_report(run, [], path="/var/lib/models") == []
run = PodExec({("a", "x", ("df", "-P", "/data")): df(7)})
assert disk_report(run, [("a", "x")], threshold=8) == [] and disk_report(run, [("a", "x")], threshold=7) == [("a", "x", 7)]
run = PodExec({(ns, name, ("df", "-P", "/data")): df(90) for ns, name in [("b", "a"), ("a", "z"), ("a", "x")]})
assert disk_report(run, [("b", "a"), ("a", "z"), ("a", "x")]) == [("a", "x", 90), ("a", "z", 90), ("b", "a", 90)], "ties: namespace, then name"
seen = []


def checked(name, namespace, **options):
    seen.append(options)
    return run(name, namespace, **options)


disk_report(checked, [("b", "a")])
assert seen == [{"command": ["df", "-P", "/data"], "stderr": True, "stdin": False, "stdout": True, "tty": False}], seen
five = "Filesystem 1024-blocks Used Available Capacity\n/dev/sdb1 100 95 5 95%\n"
assert disk_report(PodExec({("a", "x", ("df", "-P", "/data")): five}), [("a", "x")]) == [("a", "x", 95)], "the fifth column"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
run = PodExec({("a", "x", ("df", "-P", "/data")): "df: /data: No such file or directory\n"})
try:
    disk_report(run, [("a", "x")])
except ValueError as error:
    assert "a/x" in str(error), f"the error names the Pod: {error}"
else:
    raise AssertionError("output without a data line must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("", "Filesystem 1024-blocks Used Available Capacity Mounted on\n", df(83).replace("83%", "83"), "h\n/dev/sdb1 1 2 3\n"):
    try:
        disk_report(PodExec({("a", "x", ("df", "-P", "/data")): bad}), [("a", "x")])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} has no usable data line")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shell-string"}
def disk_report(run, pods, path="/data", threshold=80):
    rows = []
    for namespace, name in pods:
        output = run(name, namespace, command=f"df -P {path}", stderr=True, stdin=False, stdout=True, tty=False)
        fields = output.strip().splitlines()[1].split()
        percent = int(fields[4].rstrip("%"))
        if percent >= threshold:
            rows.append((namespace, name, percent))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))

# %% course={"kind": "wrong", "id": "above-not-at", "fails": ["t2", "t3"]}
def disk_report(run, pods, path="/data", threshold=80):
    rows = []
    for namespace, name in pods:
        output = run(name, namespace, command=["df", "-P", path], stderr=True, stdin=False, stdout=True, tty=False)
        lines = output.strip().splitlines()
        if len(lines) < 2 or not lines[1].split()[4].endswith("%"):
            raise ValueError(f"{namespace}/{name}")
        percent = int(lines[1].split()[4][:-1])
        if percent > threshold:
            rows.append((namespace, name, percent))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))

# %% course={"kind": "wrong", "id": "unguarded-parse", "fails": ["t3"]}
def disk_report(run, pods, path="/data", threshold=80):
    rows = []
    for namespace, name in pods:
        output = run(name, namespace, command=["df", "-P", path], stderr=True, stdin=False, stdout=True, tty=False)
        percent = int(output.strip().splitlines()[-1].split()[4].rstrip("%"))
        if percent >= threshold:
            rows.append((namespace, name, percent))
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))

# %% [markdown] course={"kind": "exercise", "id": "warning-summary"}
# ### Summarise warnings, with the last error from each Pod's log
#
# When something breaks, the first look is at Warning Events and at the logs. Write
# `summarise(api, logs, namespace, tail_lines=20)`: list the namespace's Events (`api.list_namespaced_event`), keep
# those with `type == "Warning"`, and group them by the object they are about, written `"Kind/name"` from
# `event.involved_object` (`"Pod/web-1"`), adding up their `count` (a repeated Event carries a count; an unset one,
# `None` or `0`, counts as 1). For each group about a **Pod**, read the last `tail_lines` lines of its log with
# `logs.read_namespaced_pod_log(name, namespace, tail_lines=tail_lines)` and keep the last line containing `ERROR`
# (without its line end), or `""` when there is none or the log cannot be read (`ApiException`: the Pod is gone);
# other kinds have no log and get `""` without a read. Return a dict from `"Kind/name"` to `(warnings, line)`,
# most warnings first, then by key.
#
# ```python
# >>> summarise(core, logs, "default")
# {'Pod/web-1': (6, 'ERROR db down'), 'Deployment/shop': (1, ''), 'Pod/db-0': (1, '')}
# ```

# %% [markdown] course={"kind": "hint"}
# Sum into a dict keyed by `f"{e.involved_object.kind}/{e.involved_object.name}"` with `e.count or 1`; remember
# which name each key is about to read the log.

# %% [markdown] course={"kind": "hint"}
# `[line for line in text.splitlines() if "ERROR" in line]` and take the last one if any; wrap the read in
# `try: ... except ApiException:`. Build the result from `sorted(totals, key=lambda k: (-totals[k], k))`.

# %% course={"kind": "solution"}
def summarise(api: Any, logs: Any, namespace: str, tail_lines: int = 20) -> dict[str, tuple[int, str]]:
    ### BEGIN SOLUTION
    totals: dict[str, int] = {}
    pods: dict[str, str] = {}
    for event in api.list_namespaced_event(namespace).items:
        if event.type != "Warning":
            continue
        about = event.involved_object
        key = f"{about.kind}/{about.name}"
        totals[key] = totals.get(key, 0) + (event.count or 1)
        if about.kind == "Pod":
            pods[key] = about.name
    summary = {}
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        line = ""
        if key in pods:
            try:
                text = logs.read_namespaced_pod_log(pods[key], namespace, tail_lines=tail_lines)
            except ApiException:
                text = ""
            errors = [row for row in text.splitlines() if "ERROR" in row]
            if errors:
                line = errors[-1]
        summary[key] = (totals[key], line)
    return summary
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def make_event(name, kind, about, reason, kind_of="Warning", count=None, namespace="default"):
    core.create_namespaced_event(namespace, client.CoreV1Event(
        metadata=client.V1ObjectMeta(name=name), reason=reason, type=kind_of, count=count, message=reason,
        involved_object=client.V1ObjectReference(kind=kind, name=about, namespace=namespace)))


reset(URL)
make_event("e1", "Pod", "web-1", "BackOff", count=4)
make_event("e2", "Pod", "web-1", "Unhealthy", count=2)
make_event("e3", "Pod", "db-0", "FailedMount")
make_event("e4", "Pod", "web-1", "Pulled", kind_of="Normal", count=9)
make_event("e5", "Deployment", "shop", "ReplicaSetCreateError", count=1)
logs = PodLogs({("default", "web-1", "app"): "INFO start\nERROR db down\nINFO retry\n"})
got = summarise(core, logs, "default")
assert got == {"Pod/web-1": (6, "ERROR db down"), "Deployment/shop": (1, ""), "Pod/db-0": (1, "")}, f"the example: {got}"

# %% course={"kind": "test", "points": 2}
assert list(got) == ["Pod/web-1", "Deployment/shop", "Pod/db-0"], "most warnings first, then by key"
assert [call["name"] for call in logs.calls] == ["web-1", "db-0"], f"logs are read for Pods only: {logs.calls}"
assert all(call["tail_lines"] == 20 for call in logs.calls), "only the tail is read"
### BEGIN HIDDEN TESTS
logs = PodLogs({("default", "web-1", "app"): "ERROR one\nERROR two\nINFO fine\nERROR three\n" + "INFO x\n" * 2,
                ("default", "db-0", "app"): "ERROR disk full\n" + "INFO ok\n" * 5})
got = summarise(core, logs, "default", tail_lines=5)
assert got == {"Pod/web-1": (6, "ERROR three"), "Deployment/shop": (1, ""), "Pod/db-0": (1, "")}, f"the last ERROR line of the tail: {got}"
assert all(call["tail_lines"] == 5 for call in logs.calls)
assert type(got) is dict and all(type(v) is tuple and type(v[0]) is int for v in got.values())
assert summarise(core, logs, "kube-system") == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
make_namespace("ml")
make_event("a", "Pod", "train-0", "OOMKilling", count=3, namespace="ml")
make_event("b", "Job", "train", "BackoffLimitExceeded", namespace="ml")
make_event("c", "Pod", "b-pod", "BackOff", count=1, namespace="ml")
make_event("d", "Pod", "a-pod", "BackOff", count=1, namespace="ml")
logs = PodLogs({("ml", "train-0", "trainer"): "epoch 1\nERROR CUDA out of memory\n"})
got = summarise(core, logs, "ml")
assert got == {"Pod/train-0": (3, "ERROR CUDA out of memory"), "Job/train": (1, ""), "Pod/a-pod": (1, ""), "Pod/b-pod": (1, "")}, got
assert list(got)[1:] == ["Job/train", "Pod/a-pod", "Pod/b-pod"], "ties by key"
### BEGIN HIDDEN TESTS
make_event("e", "Pod", "train-0", "OOMKilling", count=0, namespace="ml")
assert summarise(core, logs, "ml")["Pod/train-0"][0] == 4, "count None (or 0, unset) counts as one"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-events", "fails": ["t1", "t2", "t3"]}
def summarise(api, logs, namespace, tail_lines=20):
    totals, pods = {}, {}
    for event in api.list_namespaced_event(namespace).items:
        if event.type == "Warning":
            key = f"{event.involved_object.kind}/{event.involved_object.name}"
            totals[key] = totals.get(key, 0) + 1
            if event.involved_object.kind == "Pod":
                pods[key] = event.involved_object.name
    summary = {}
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        line = ""
        if key in pods:
            try:
                errors = [r for r in logs.read_namespaced_pod_log(pods[key], namespace, tail_lines=tail_lines).splitlines() if "ERROR" in r]
            except ApiException:
                errors = []
            line = errors[-1] if errors else ""
        summary[key] = (totals[key], line)
    return summary

# %% course={"kind": "wrong", "id": "reads-every-log", "fails": ["t2"]}
def summarise(api, logs, namespace, tail_lines=20):
    totals = {}
    for event in api.list_namespaced_event(namespace).items:
        if event.type == "Warning":
            key = f"{event.involved_object.kind}/{event.involved_object.name}"
            totals[key] = totals.get(key, 0) + (event.count or 1)
    summary = {}
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        try:
            text = logs.read_namespaced_pod_log(key.split("/")[1], namespace, tail_lines=tail_lines)
        except ApiException:
            text = ""
        errors = [r for r in text.splitlines() if "ERROR" in r]
        summary[key] = (totals[key], errors[-1] if errors else "")
    return summary

# %% course={"kind": "wrong", "id": "zero-count-counts-zero", "fails": ["t3"]}
def summarise(api, logs, namespace, tail_lines=20):
    totals, pods = {}, {}
    for event in api.list_namespaced_event(namespace).items:
        if event.type == "Warning":
            key = f"{event.involved_object.kind}/{event.involved_object.name}"
            totals[key] = totals.get(key, 0) + (1 if event.count is None else event.count)
            if event.involved_object.kind == "Pod":
                pods[key] = event.involved_object.name
    summary = {}
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        line = ""
        if key in pods:
            try:
                text = logs.read_namespaced_pod_log(pods[key], namespace, tail_lines=tail_lines)
            except ApiException:
                text = ""
            errors = [row for row in text.splitlines() if "ERROR" in row]
            line = errors[-1] if errors else ""
        summary[key] = (totals[key], line)
    return summary

# %% course={"kind": "wrong", "id": "whole-log-first-error"}
def summarise(api, logs, namespace, tail_lines=20):
    totals, pods = {}, {}
    for event in api.list_namespaced_event(namespace).items:
        if event.type == "Warning":
            key = f"{event.involved_object.kind}/{event.involved_object.name}"
            totals[key] = totals.get(key, 0) + (event.count or 1)
            if event.involved_object.kind == "Pod":
                pods[key] = event.involved_object.name
    summary = {}
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        line = ""
        if key in pods:
            try:
                text = logs.read_namespaced_pod_log(pods[key], namespace)
            except ApiException:
                text = ""
            for row in text.splitlines():
                if "ERROR" in row:
                    line = row
                    break
        summary[key] = (totals[key], line)
    return summary

# %% [markdown] course={"kind": "exercise", "id": "parse-quantity"}
# ### Parse resource quantities exactly
#
# Requests and limits are *quantities*: `250m` CPU is a quarter of a core, `1Gi` memory is 1024³ bytes, `1G` is
# 10⁹. Write `parse_quantity(text)` returning the value as a `decimal.Decimal`, **exactly** (floats cannot hold
# `0.1` and would turn `0.1Gi` into 107374182.40000001). The grammar we accept:
#
# - an optional sign `+` or `-`, then a number: ASCII digits with an optional fraction (`5`, `1.5`, `1.`, `.5`);
# - then at most one suffix: a binary one `Ki Mi Gi Ti Pi Ei` (1024¹ … 1024⁶), a decimal one `n u m k M G T P E`
#   (1000⁻³ … 1000⁶: note `m` is milli and `M` mega, and kilo is lowercase `k`), or an exponent `e`/`E` with an
#   optional sign and digits (`1e3` is 1000; a lone `E` is exa).
#
# Anything else (spaces, `1K`, `1ki`, `1e`, `Gi`, `1.5.2`, `1_000`, `NaN`, other digits) raises `ValueError`.
#
# ```python
# >>> parse_quantity("250m"), parse_quantity("1Gi"), parse_quantity("1.5")
# (Decimal('0.250'), Decimal('1073741824'), Decimal('1.5'))
# ```

# %% [markdown] course={"kind": "hint"}
# One `re.fullmatch` does the grammar: `([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?`.
# Use `[0-9]`, not `\d`: `\d` also matches other scripts' digits.

# %% [markdown] course={"kind": "hint"}
# Build the `Decimal` from the matched text (never from a float), then multiply by `1024 ** n` or
# `Decimal(1000) ** n` (a negative `n` stays exact in `Decimal`), or use `number.scaleb(exponent)`.

# %% course={"kind": "solution"}
BINARY = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
DECIMAL = {"n": -3, "u": -2, "m": -1, "k": 1, "M": 2, "G": 3, "T": 4, "P": 5, "E": 6}


def parse_quantity(text: str) -> Decimal:
    ### BEGIN SOLUTION
    found = re.fullmatch(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?", text)
    if found is None:
        raise ValueError(f"not a quantity: {text!r}")
    number, suffix = Decimal(found.group(1)), found.group(2)
    if suffix is None:
        return number
    if suffix in BINARY:
        return number * 1024 ** BINARY[suffix]
    if suffix in DECIMAL:
        return number * Decimal(1000) ** DECIMAL[suffix]
    return number.scaleb(int(suffix[1:]))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert parse_quantity("250m") == Decimal("0.25") and type(parse_quantity("250m")) is Decimal, "a quarter of a core, as a Decimal"
assert parse_quantity("1Gi") == 1073741824, "1Gi is 1024**3"
assert parse_quantity("1.5") == Decimal("1.5"), "no suffix: the number itself"

# %% course={"kind": "test", "points": 2}
assert parse_quantity("1G") == 10**9 and parse_quantity("1M") == 10**6 and parse_quantity("2k") == 2000, "decimal suffixes"
assert parse_quantity("1m") == Decimal("0.001"), "m is milli, M is mega"
assert parse_quantity("0.1Gi") == Decimal("107374182.4"), "exact: no float on the way"
assert parse_quantity("1e3") == 1000 and parse_quantity("1E") == 10**18, "an exponent; a lone E is exa"
### BEGIN HIDDEN TESTS
expected = {"5n": Decimal("5e-9"), "3u": Decimal("0.000003"), "1Ki": 1024, "1Mi": 1024**2, "1Ti": 1024**4, "1Pi": 1024**5,
            "1Ei": 1024**6, "1T": 10**12, "1P": 10**15, "100": 100, "0": 0, "-1": -1, "+2": 2, "1.": 1, ".5": Decimal("0.5"),
            "1.5Gi": 1610612736, "12e-1": Decimal("1.2"), "1E+2": 100, "5e0": 5, "-250m": Decimal("-0.25"), "0.5Mi": 524288}
for text, value in expected.items():
    got = parse_quantity(text)
    assert got == value and type(got) is Decimal, (text, got, value)
assert parse_quantity("0.1") * 3 == Decimal("0.3"), "0.1 is exact"
from kubernetes.utils import parse_quantity as client_parse
for text in ("250m", "1Gi", "1.5", "128974848", "129e6", "129M", "123Mi", "100Ki", "0.5", "3E"):
    assert parse_quantity(text) == client_parse(text), text
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("", " 1Gi", "1Gi ", "1 Gi", "1K", "1ki", "1e", "Gi", "1.5.2", "1_000", "NaN", "inf", "١", "1GiB", "m", "1e3m", "--1", "1i"):
    try:
        parse_quantity(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not a quantity: raise ValueError")

# %% course={"kind": "wrong", "id": "through-float", "fails": ["t1", "t2"]}
def parse_quantity(text):
    found = re.fullmatch(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?", text)
    if found is None:
        raise ValueError(text)
    number, suffix = float(found.group(1)), found.group(2)
    if suffix is None:
        return Decimal(found.group(1))
    if suffix in BINARY:
        return Decimal(number * 1024 ** BINARY[suffix])
    if suffix in DECIMAL:
        return Decimal(number * 1000.0 ** DECIMAL[suffix])
    return Decimal(number * 10.0 ** int(suffix[1:]))

# %% course={"kind": "wrong", "id": "case-blind", "fails": ["t1", "t2", "t3"]}
def parse_quantity(text):
    found = re.fullmatch(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?", text, re.IGNORECASE)
    if found is None:
        raise ValueError(text)
    number, suffix = Decimal(found.group(1)), found.group(2)
    if suffix is None:
        return number
    if suffix.capitalize() in BINARY:
        return number * 1024 ** BINARY[suffix.capitalize()]
    if suffix.lower() in DECIMAL:
        return number * Decimal(1000) ** DECIMAL[suffix.lower()]
    return number.scaleb(int(suffix[1:]))

# %% course={"kind": "wrong", "id": "decimal-binary-units", "fails": ["t1", "t2"]}
def parse_quantity(text):
    found = re.fullmatch(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?", text)
    if found is None:
        raise ValueError(text)
    number, suffix = Decimal(found.group(1)), found.group(2)
    if suffix is None:
        return number
    if suffix in BINARY:
        return number * 1000 ** BINARY[suffix]
    if suffix in DECIMAL:
        return number * Decimal(1000) ** DECIMAL[suffix]
    return number.scaleb(int(suffix[1:]))

# %% [markdown] course={"kind": "exercise", "id": "resource-scheduler", "item": "dsa-implement-resource-scheduler"}
# ### Problem: a resource scheduler
#
# The kube-scheduler places each pending Pod on a node in two steps: **filter** the nodes where the Pod's requests
# fit in what is still free, then **score** the ones left and take the best. Write `schedule(nodes, pods)`:
#
# - `nodes` maps a node name to its allocatable `(millicores, bytes)`; `pods` is the queue, an iterable of
#   `(name, millicores, bytes)` requests, placed one after the other in that order;
# - a Pod fits a node when its CPU request is at most the node's free CPU **and** its memory request at most the free
#   memory (an exact fit fits);
# - the score of a node that fits is what it would have free *after* placing the Pod, in whole percent, CPU plus
#   memory: `free_cpu_after * 100 // cpu + free_memory_after * 100 // memory` (kube-scheduler's *least allocated*
#   idea: spread the load). Highest score wins; a tie goes to the node whose name sorts first;
# - the Pod then uses that much of the node; a Pod that fits nowhere gets `None` (it stays Pending) and uses nothing.
#
# Return a dict from Pod name to node name (or `None`), in queue order. Do not change `nodes`. Aim for
# O(pods × nodes).
#
# ```python
# >>> schedule({"n1": (4000, 8 * 2**30), "n2": (2000, 8 * 2**30)},
# ...          [("a", 1000, 2**30), ("b", 3000, 2**30), ("c", 3000, 2**30)])
# {'a': 'n1', 'b': 'n1', 'c': None}
# ```
#
# (`a` leaves n1 75 % + 87 % free and n2 50 % + 87 %: n1. Then `b` fits only n1, and `c` fits nowhere.)

# %% [markdown] course={"kind": "hint"}
# Keep a `free` dict of `[cpu, memory]` lists, copied from `nodes`; for each Pod, loop over the node names in
# sorted order and keep the best `(score, name)` with a strict `>` so that the first name wins a tie.

# %% [markdown] course={"kind": "hint"}
# Start `best_score` below any possible score (`-1`): a Pod that fills a node exactly scores 0 and must still be
# placed there. Subtract the Pod's requests from the winner only.

# %% course={"kind": "solution", "equivalent": {"m-83df7dd1": "scores are never negative, so any start below 0 lets the first fitting node win"}}
def schedule(nodes: Mapping[str, tuple[int, int]], pods: Iterable[tuple[str, int, int]]) -> dict[str, str | None]:
    ### BEGIN SOLUTION
    order = sorted(nodes)
    free = {name: [cpu, memory] for name, (cpu, memory) in nodes.items()}
    placed: dict[str, str | None] = {}
    for pod, cpu, memory in pods:
        best, best_score = None, -1
        for node in order:
            free_cpu, free_memory = free[node]
            if cpu <= free_cpu and memory <= free_memory:
                total_cpu, total_memory = nodes[node]
                score = (free_cpu - cpu) * 100 // total_cpu + (free_memory - memory) * 100 // total_memory
                if score > best_score:
                    best, best_score = node, score
        placed[pod] = best
        if best is not None:
            free[best][0] -= cpu
            free[best][1] -= memory
    return placed
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
GI = 2**30
got = schedule({"n1": (4000, 8 * GI), "n2": (2000, 8 * GI)}, [("a", 1000, GI), ("b", 3000, GI), ("c", 3000, GI)])
assert got == {"a": "n1", "b": "n1", "c": None}, f"the example: {got}"

# %% course={"kind": "test", "points": 2}
nodes = {"n2": (1000, 4 * GI), "n1": (1000, 4 * GI)}
got = schedule(nodes, [("p1", 500, GI), ("p2", 500, GI), ("p3", 500, 3 * GI), ("p4", 500, 3 * GI)])
assert got == {"p1": "n1", "p2": "n2", "p3": "n1", "p4": "n2"}, f"ties go to the first name; the load spreads: {got}"
assert list(got) == ["p1", "p2", "p3", "p4"], "queue order"
### BEGIN HIDDEN TESTS
assert nodes == {"n2": (1000, 4 * GI), "n1": (1000, 4 * GI)}, "nodes is not changed"
assert schedule({"only": (1000, GI)}, [("exact", 1000, GI), ("more", 0, 0), ("one", 1, 0)]) == {"exact": "only", "more": "only", "one": None}, (
    "an exact fit fits (score 0); a zero request fits a full node")
assert schedule({"a": (1000, GI), "b": (4000, GI)}, [("cpu-heavy", 900, GI // 2)]) == {"cpu-heavy": "b"}
assert schedule({"a": (1000, 4 * GI), "b": (1000, GI)}, [("mem", 500, GI)]) == {"mem": "a"}, "memory counts in the score"
assert schedule({"a": (1000, GI), "b": (1000, 4 * GI)}, [("mem", 500, GI)]) == {"mem": "b"}, "memory counts in the score"
assert schedule({"a": (1000, GI)}, [("cpu", 1001, 1), ("mem", 1, GI + 1), ("ok", 1000, GI)]) == {"cpu": None, "mem": None, "ok": "a"}, (
    "a Pod that fits nowhere uses nothing")
assert schedule({}, [("x", 1, 1)]) == {"x": None} and schedule({"a": (1, 1)}, iter([])) == {}
assert schedule({"b": (3000, 3 * GI), "a": (1000, GI)}, [("x", 1000, GI)]) == {"x": "b"}, "after: b 66 + 66, a 0 + 0"
assert schedule({"z": (100, 100), "y": (100, 100)}, [("p", 50, 50), ("q", 50, 50), ("r", 50, 50)]) == {"p": "y", "q": "z", "r": "y"}
got = schedule({"a": (1000, 1000), "b": (1000, 1000)}, [("p", 499, 0), ("q", 500, 0)])
assert got == {"p": "a", "q": "b"}, f"the score uses what is free after the Pod: {got}"
assert schedule({"b": (2037, 1000), "a": (2000, 1000)}, [("p", 1000, 0)]) == {"p": "a"}, "whole percent: 50 + 100 each, a tie"
assert schedule({"b": (1000, 2037), "a": (1000, 2000)}, [("p", 0, 1000)]) == {"p": "a"}, "whole percent of memory too"
assert schedule({"b": (2037, 1000), "a": (1900, 1000)}, [("p", 1000, 0)]) == {"p": "b"}, "b: 50 %, a: 47 %"
assert schedule({"a": (1000, GI)}, [("m1", 1, GI), ("m2", 1, 1)]) == {"m1": "a", "m2": None}, "memory is used up too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
many_nodes = {f"node-{i:02d}": (64000, 256 * GI) for i in range(40)}
queue = [(f"pod-{i:04d}", 100 + (i * 37) % 900, (1 + i % 7) * GI // 4) for i in range(3000)]
got = schedule(many_nodes, queue)
used = {name: [0, 0] for name in many_nodes}
for pod, cpu, memory in queue:
    if got[pod] is not None:
        used[got[pod]][0] += cpu
        used[got[pod]][1] += memory
assert all(used[n][0] <= 64000 and used[n][1] <= 256 * GI for n in used), "no node is over-committed"
### BEGIN HIDDEN TESTS
placed = [n for n in got.values() if n is not None]
assert len(placed) == 3000, "everything fits on 40 big nodes"
counts = sorted(placed.count(n) for n in many_nodes)
assert counts[-1] - counts[0] <= 20, f"least allocated spreads the load: {counts[0]}..{counts[-1]} Pods per node"
assert got["pod-0000"] == "node-00", "all equal: the first name"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-fit", "fails": ["t2", "t3"]}
def schedule(nodes, pods):
    free = {name: list(capacity) for name, capacity in nodes.items()}
    placed = {}
    for pod, cpu, memory in pods:
        placed[pod] = None
        for node in sorted(free):
            if cpu <= free[node][0] and memory <= free[node][1]:
                free[node][0] -= cpu
                free[node][1] -= memory
                placed[pod] = node
                break
    return placed

# %% course={"kind": "wrong", "id": "cpu-only"}
def schedule(nodes, pods):
    free = {name: list(capacity) for name, capacity in nodes.items()}
    placed = {}
    for pod, cpu, memory in pods:
        best, best_score = None, -1
        for node in sorted(free):
            if cpu <= free[node][0]:
                score = (free[node][0] - cpu) * 100 // nodes[node][0] + (free[node][1] - memory) * 100 // nodes[node][1]
                if score > best_score:
                    best, best_score = node, score
        placed[pod] = best
        if best is not None:
            free[best][0] -= cpu
            free[best][1] -= memory
    return placed

# %% course={"kind": "wrong", "id": "score-before-placing", "fails": ["t2"]}
def schedule(nodes, pods):
    free = {name: list(capacity) for name, capacity in nodes.items()}
    placed = {}
    for pod, cpu, memory in pods:
        best, best_score = None, -1
        for node in sorted(free):
            if cpu <= free[node][0] and memory <= free[node][1]:
                score = free[node][0] * 100 // nodes[node][0] + free[node][1] * 100 // nodes[node][1]
                if score > best_score:
                    best, best_score = node, score
        placed[pod] = best
        if best is not None:
            free[best][0] -= cpu
            free[best][1] -= memory
    return placed

# %% [markdown] course={"kind": "task", "id": "dashboard-backend", "points": 3, "item": "project-17-2-1"}
# ### Project: a Kubernetes dashboard backend
#
# A small HTTP API (FastAPI) over the client: `GET /resources/{kind}?namespace=&selector=` lists any kind through
# the dynamic client (or `CustomObjectsApi` for custom ones), paging with `limit`/`_continue`; `GET
# /resources/{kind}/{namespace}/{name}` returns one object (404 when the API says 404); `GET
# /pods/{namespace}/{name}/logs?tail=` reads logs, `POST /pods/{namespace}/{name}/exec` runs an allowed command
# (a fixed list, as argument lists, never a shell string); `GET /events` streams the watch as server-sent events,
# resuming from the last resource version. The API client, the log reader and the exec function are injected, so
# the tests run against this notebook's emulated cluster with `PodLogs` and `PodExec`.

# %% [markdown] course={"kind": "rubric"}
# - every route is tested against the emulated cluster (or the stand-ins) with FastAPI's `TestClient`; a 404 from
#   Kubernetes is a 404 from the API, a 403 a 403 (1)
# - lists page with `limit`/`_continue`; the event stream survives the end of one watch and starts the next from
#   the last resource version it saw (1)
# - exec accepts only commands from an allow-list, passed as lists; logs take a bounded `tail` (1)

# %% [markdown] course={"kind": "task", "id": "deployment-automator", "points": 3, "item": "project-17-2-2"}
# ### Project: a deployment automator
#
# A command-line tool: render manifests from templates and values (Jinja2, section 17.4), apply each one
# idempotently (create, and on 409 patch, like `sync_config_map`), wait for every Deployment with
# `wait_for_rollout`, check health (the Pods' readiness, `restart_report` empty), and on failure roll back by
# patching the previous Pod template back (kept from before the change, or from the annotation
# `deployment.kubernetes.io/revision` and its ReplicaSet on a real cluster). It prints a status report and exits
# non-zero on failure; `--dry-run` prints the changes without writing.

# %% [markdown] course={"kind": "rubric"}
# - apply is idempotent: a second run reports "unchanged" and sends no write (tested with a recorder) (1)
# - the rollout wait and the rollback are tested with an injected clock and sleep, the test playing the
#   controller by writing `status` (1)
# - a failed health check restores the previous template and the tool exits non-zero; `--dry-run` writes nothing (1)

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-interact-with-kubernetes-from"}
# With the official `kubernetes` client: load credentials (`config.load_kube_config()` on a laptop or in CI,
# `config.load_incluster_config()` in a Pod, or `new_client_from_config(context=...)` per cluster), then call the
# typed API classes (`CoreV1Api`, `AppsV1Api`, `BatchV1Api`...) with model objects or dicts, catching `ApiException`
# and branching on `.status` (404, 409). For kinds without a typed class (CRDs) use `CustomObjectsApi` or the
# dynamic client. `watch.Watch().stream` follows changes; `kubernetes.stream.stream` runs exec. For controllers,
# frameworks such as kopf (17.3) add the watch loop, retries and finalizers. Shelling out to `kubectl` works but
# gives text to parse and no typed errors.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-authentication-to-k8s"}
# The client authenticates with whatever the kubeconfig user or the Pod provides: a bearer token (a ServiceAccount
# token, mounted in Pods and read by `load_incluster_config`, short-lived and rotated in current Kubernetes), a
# client certificate, or an `exec` plugin that fetches a short-lived token from the cloud (`aws eks get-token`,
# `gke-gcloud-auth-plugin`, `kubelogin` for Azure/OIDC). Authorization is then RBAC: give the tool its own
# ServiceAccount with a Role granting only the verbs and resources it needs, bound in its namespace. Never bake a
# long-lived admin kubeconfig into an image; in CI prefer OIDC federation to static tokens.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-watch-for-resource-changes"}
# `w = watch.Watch(); for event in w.stream(api.list_namespaced_pod, ns, label_selector=..., resource_version=rv,
# timeout_seconds=300)`: each event has `type` (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) and the object. A robust
# watcher lists first, keeps a cache keyed by namespace and name, watches from the list's `resourceVersion`, treats
# ADDED and MODIFIED alike, restarts the watch from the last version seen whenever the stream ends (it always ends),
# and lists again on 410 Gone. Handlers must be idempotent, since events can repeat after a restart. Informers in
# client-go, and kopf in Python, package exactly this loop.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-rollback-logic"}
# Record what was running before the change (the Pod template, image tags, or the Helm revision), apply the change,
# then wait for the rollout with a deadline, checking `observedGeneration` against `generation` and the updated and
# available replica counts, plus your own health checks (error rate, readiness). When the wait times out, the
# Deployment reports `ProgressDeadlineExceeded`, or health fails, apply the recorded template back (what
# `kubectl rollout undo` does from the previous ReplicaSet) or `helm rollback` and wait again. Make every step
# idempotent and report what happened; remember that a rollback restores code and config, not data changed by
# migrations.
