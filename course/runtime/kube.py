"""The Kubernetes API on a real local HTTP endpoint: ``kmock``'s Kubernetes emulator on 127.0.0.1, for a block or
a kernel.

There is no real Kubernetes API server on PyPI (nor in Debian), so the course uses the most faithful stand-in
that speaks the real protocol: kmock's ``KubernetesEmulator`` (by the author of kopf) keeps objects in memory and
answers the REST paths of the Kubernetes API (create, get, list, patch, delete, watch; built-in resources and
custom ones) over real HTTP, so the official ``kubernetes`` client and ``kopf`` talk to it unchanged.

:func:`kube_cluster` starts an emulator for the ``with`` block and yields its URL (``http://127.0.0.1:PORT``);
:func:`shared_cluster` starts one per process (a notebook's setup cell) and stops it at interpreter exit; it runs
in a daemon thread with its own event loop, so a killed kernel takes it along. :func:`api_client` is a
``kubernetes.client.ApiClient`` for a URL that reads no kubeconfig and no ``KUBERNETES_*`` variable;
:func:`reset` deletes every object (makes the built-in namespaces again, forgets custom resources);
:func:`objects` lists what the emulator stores, for tests.

Over the raw emulator this module adds what a learner would otherwise trip on (each one checked in
tests/test_runtime_kube.py):

- namespaces are a resource (``/api/v1/namespaces`` and ``/api/v1/namespaces/NAME``; kmock 0.8 reads the
  first as a malformed namespaced path and answers 500); ``default``, ``kube-system``, ``kube-public`` and
  ``kube-node-lease`` exist from the start, and creating a namespaced object in a namespace that does not
  exist is refused with 404, as a real server does;
- ``kind`` and ``apiVersion`` filled on create when the body has none (the typed client sends none unless told),
  and metadata: ``namespace`` (from the URL), ``uid``, ``creationTimestamp``, ``resourceVersion``,
  ``generation`` 1, and a name made from ``generateName``;
- every change gets a new, increasing ``resourceVersion``; a change to ``spec`` raises ``generation``;
- ``labelSelector`` (equality- and set-based) and ``fieldSelector`` (``metadata.name``, ``metadata.namespace``)
  filter lists and watches; a selector that does not parse is refused with 400; a list has its
  ``kind`` (``ConfigMapList``) and ``apiVersion``, which the dynamic client needs;
- ``watch=True`` (what the client sends) is a watch, and a watch ends after its ``timeoutSeconds``;
- ``limit`` and ``continue`` page a list as a real server does (items in namespace, name order, a ``continue``
  token and ``remainingItemCount`` while more remain; a token that does not parse is refused with 400); the
  token is not tied to a resource version, so it never expires (a real one can, with 410 Gone);
- a watch lists and subscribes under one lock, so no change made while it sends the existing objects is lost
  (kmock lists, then subscribes: a change in between was never sent);
- a created object gets ``apiVersion`` and ``kind`` from its URL when it has none; one whose
  ``metadata.namespace`` differs from the URL's namespace is refused with 400, as a real server does;
- creating a ``CustomResourceDefinition`` serves its resource (every served version, with its scope, kind,
  short names and ``status`` subresource) in discovery and at its REST paths, as a real API server does;
  deleting the CRD stops serving it (a real server also deletes its objects; here they stay in the store);
- finalizers (kmock's own logic, checked here): DELETE of an object with ``metadata.finalizers`` only sets
  ``deletionTimestamp``; the object goes (a ``DELETED`` event) once a PATCH empties the list.

:func:`wait_for` polls the stored objects until a condition holds, for tests and demos of controllers that act
asynchronously.

What it still does not do, and a notebook must say where it matters: there is no scheduler and no controller (a
Deployment never makes Pods, a Job never runs, nothing writes ``status`` but your code); PATCH merges JSON dicts
and replaces lists (no strategic merge, no ``$patch`` directives) and PUT (``replace_*``) is not answered; no
RBAC, admission, defaulting or schema validation of custom resources (a CRD's ``openAPIV3Schema`` is stored,
never enforced), no conversion between a CRD's versions, and no garbage collector (``ownerReferences`` are
stored, but deleting an owner leaves its children); deleting a namespace does not delete what is in it;
no real logs, exec, attach or port-forward (a pod's ``log`` subresource answers with the Pod's JSON, an exec
handshake fails); a custom group appears in discovery only once a CRD for it is created; a watch starts with
every existing object as ``ADDED`` whatever ``resourceVersion`` it asks from, and sends no bookmarks; ``kubectl``
fails at its discovery step.
``kmock`` and ``kubernetes`` are imported only when a cluster starts.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import binascii
import contextlib
import copy
import datetime
import itertools
import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BUILTIN_NAMESPACES",
    "SUPPORTED",
    "SelectorError",
    "api_client",
    "crd_resources",
    "kube_cluster",
    "matches",
    "objects",
    "reset",
    "shared_cluster",
    "wait_for",
]

SUPPORTED = ">=0.8,<0.9"
"""The ``kmock`` versions this module is tested with (it reads kmock internals: its path parser and handlers)."""

BUILTIN_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
"""The namespaces a fresh cluster (and one after :func:`reset`) has, as a real cluster does."""

START_TIMEOUT = 30.0
KEPT_REQUESTS = 32
"""How many past requests the emulator keeps (kmock keeps them all, for assertions). kmock reads every kept
request again on each new one, so a long list makes every request slower (measured over a notebook: 3 ms with 32,
60 ms with 1000)."""


class SelectorError(ValueError):
    """A label or field selector that does not parse."""


# --- selectors -------------------------------------------------------------------------------------------------

_SET_RULE = re.compile(r"^\s*([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^()]*)\)\s*$")
_EQ_RULE = re.compile(r"^\s*([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)\s*$")
_EXISTS_RULE = re.compile(r"^\s*(!?)\s*([A-Za-z0-9./_-]+)\s*$")


def _split_rules(selector: str) -> list[str]:
    """Split on the commas that are not inside ``( )`` (a set-based rule's values)."""
    rules: list[str] = []
    current: list[str] = []
    depth = 0
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            rules.append("".join(current))
            current = []
        else:
            current.append(char)
    rules.append("".join(current))
    return [rule for rule in rules if rule.strip()]


def _label_rule(rule: str) -> Callable[[Mapping[str, str]], bool]:
    if found := _SET_RULE.match(rule):
        key, op, raw = found.groups()
        values = {value.strip() for value in raw.split(",") if value.strip()}
        if op == "in":
            return lambda labels: labels.get(key) in values
        return lambda labels: labels.get(key) not in values  # notin also matches a missing key
    if found := _EQ_RULE.match(rule):
        key, op, value = found.groups()
        if op == "!=":
            return lambda labels: labels.get(key) != value  # != also matches a missing key
        return lambda labels: key in labels and labels[key] == value
    if found := _EXISTS_RULE.match(rule):
        negated, key = found.groups()
        return (lambda labels: key not in labels) if negated else (lambda labels: key in labels)
    msg = f"unable to parse requirement: {rule.strip()!r}"
    raise SelectorError(msg)


_FIELDS = {"metadata.name": ("name",), "metadata.namespace": ("namespace",)}


def _field_rule(rule: str) -> Callable[[Mapping[str, Any]], bool]:
    found = _EQ_RULE.match(rule)
    if not found or found.group(1) not in _FIELDS:
        msg = f"field selector {rule.strip()!r}: only metadata.name and metadata.namespace with =, == or != are served"
        raise SelectorError(msg)
    field, op, value = found.groups()
    (key,) = _FIELDS[field]
    if op == "!=":
        return lambda meta: meta.get(key) != value
    return lambda meta: meta.get(key) == value


def matches(obj: Mapping[str, Any], label_selector: str = "", field_selector: str = "") -> bool:
    """Whether the object (a dict as the API returns it) is selected by both selectors (empty selects all).

    Raises :class:`SelectorError` for a selector that does not parse."""
    meta = obj.get("metadata") or {}
    labels = meta.get("labels") or {}
    label_rules = [_label_rule(rule) for rule in _split_rules(label_selector)]
    field_rules = [_field_rule(rule) for rule in _split_rules(field_selector)]
    return all(rule(labels) for rule in label_rules) and all(rule(meta) for rule in field_rules)


# --- the emulator ----------------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


_classes: list[type] = []


def _emulator_class() -> type:
    """The course's emulator class (made once: kmock is imported on first use only)."""
    if _classes:
        return _classes[0]
    import attrs
    import kmock
    from kmock._internal import enums, parsing

    _patch_parser(parsing)

    @attrs.frozen
    class BadRequest(kmock.KubernetesError):
        status: int = 400
        reason: str = "BadRequest"
        message: str = "bad request"

    @attrs.frozen
    class NamespaceNotFound(kmock.KubernetesNotFoundError):
        reason: str = "NotFound"
        message: str = "namespace not found"

    namespaces = kmock.resource("", "v1", "namespaces")
    global _CRDS  # noqa: PLW0603 - kmock is imported on first use only
    _CRDS = kmock.resource(_CRD_GROUP, "v1", "customresourcedefinitions")

    class CourseEmulator(kmock.KubernetesEmulator):
        """kmock's emulator with real namespaces, filled metadata, resource versions and selectors."""

        _versions = itertools.count(1)

        def add_builtin_namespaces(self) -> None:
            for name in BUILTIN_NAMESPACES:
                self.objects[namespaces, None, name] = _namespace(name, str(next(self._versions)))

        async def _handle(self, request: Any) -> Any:
            # kmock keeps every request (and every error it answered) for a test's assertions: a kernel's cluster
            # would keep them for hours, so only the latest are kept.
            if len(self._requests) > KEPT_REQUESTS:
                del self._requests[: -KEPT_REQUESTS // 2]
            if self._errors and len(self._errors[-1]) > KEPT_REQUESTS:
                del self._errors[-1][: -KEPT_REQUESTS // 2]
            try:
                self._prepare(request)
            except SelectorError as err:
                raise BadRequest(message=str(err)) from None
            response = await super()._handle(request)
            if request.resource == _CRDS and request.action in (enums.action.CREATE, enums.action.DELETE):
                await self._serve_crds()
            return response

        async def _serve_crds(self) -> None:
            """Serve the resources of every live CRD, and stop serving those of CRDs that are gone."""
            async with self._lock:
                wanted: dict[str, Any] = {}
                for (resource, _, _), obj in self.objects.items():
                    if resource == _CRDS and not obj.deleted:
                        wanted.update(crd_resources(obj.raw))
            for key in self._custom() - set(wanted):
                del self.resources[key]
            for key, info in wanted.items():
                self.resources[key] = info
            self._custom().clear()
            self._custom().update(wanted)

        def _custom(self) -> set[str]:
            if not hasattr(self, "_custom_keys"):
                self._custom_keys: set[str] = set()
            return self._custom_keys

        def _fill_type(self, resource: Any, data: dict[str, Any]) -> None:
            info: Any = self.resources.get(resource, None)
            group = f"{resource.group}/{resource.version}" if resource.group else resource.version
            data.setdefault("apiVersion", group)
            if info is not None and info.kind:
                data.setdefault("kind", info.kind)

        def _prepare(self, request: Any) -> None:
            params = request.params
            if request.action in (enums.action.LIST, enums.action.WATCH):
                matches({}, params.get("labelSelector", ""), params.get("fieldSelector", ""))  # 400 if unparsable
                _paginate({"items": [], "metadata": {}}, params.get("limit", ""), params.get("continue", ""))
            data = request.data
            if not isinstance(data, dict) or request.resource is None:
                return
            meta = data.setdefault("metadata", {})
            if request.action == enums.action.CREATE:
                if request.namespace and not self._namespace_exists(request.namespace):
                    raise NamespaceNotFound(message=f'namespaces "{request.namespace}" not found')
                if request.namespace and meta.get("namespace") not in (None, request.namespace):
                    # a real API server refuses this; kmock would store it under the URL's namespace, mislabelled
                    msg = "the namespace of the provided object does not match the namespace sent on the request"
                    raise BadRequest(message=msg)
                if not meta.get("name") and meta.get("generateName"):
                    meta["name"] = meta["generateName"] + secrets.token_hex(3)[:5]
                if request.namespace:
                    meta.setdefault("namespace", request.namespace)
                self._fill_type(request.resource, data)
                meta.setdefault("uid", str(uuid.uuid4()))
                meta.setdefault("creationTimestamp", _now())
                meta["resourceVersion"] = str(next(self._versions))
                meta["generation"] = 1
            elif request.action == enums.action.UPDATE:
                meta["resourceVersion"] = str(next(self._versions))
                if "spec" in data and request.subresource != "status":
                    meta["generation"] = self._generation(request) + 1

        def _namespace_exists(self, name: str) -> bool:
            key = (namespaces, None, name)
            return key in self.objects and not self.objects[key].deleted

        def _generation(self, request: Any) -> int:
            key = (request.resource, request.namespace, request.name)
            if key not in self.objects:
                return 0
            return int((self.objects[key].get("metadata") or {}).get("generation") or 0)

        async def _serve_list(self, request: Any) -> Any:
            payload: Any = await super()._serve_list(request)
            label, field = request.params.get("labelSelector", ""), request.params.get("fieldSelector", "")
            payload["items"] = [item for item in payload["items"] if matches(item, label, field)]
            payload["metadata"]["resourceVersion"] = str(next(self._versions))
            _paginate(payload, request.params.get("limit", ""), request.params.get("continue", ""))
            # kmock's list has no kind: a real one is "<Kind>List" (the dynamic client needs it)
            resource = request.resource
            info: Any = self.resources.get(resource, None)
            if info is not None and info.kind:
                group = f"{resource.group}/{resource.version}" if resource.group else resource.version
                payload = {"apiVersion": group, "kind": f"{info.kind}List", **payload}
            return payload

        async def _serve_watch(self, request: Any) -> AsyncIterator[Any]:
            label, field = request.params.get("labelSelector", ""), request.params.get("fieldSelector", "")
            # kmock never ends a watch; a real server ends it after timeoutSeconds (the client's timeout_seconds).
            limit = float(request.params.get("timeoutSeconds") or 0)
            deadline = asyncio.get_running_loop().time() + limit
            events: Any = self._consistent_watch(request)
            task = asyncio.current_task()
            self._watches().add(task)
            try:
                while True:
                    left = deadline - asyncio.get_running_loop().time()
                    if limit and left <= 0:
                        return
                    try:
                        event = await (asyncio.wait_for(anext(events), left) if limit else anext(events))
                    except (StopAsyncIteration, TimeoutError):
                        return
                    if isinstance(event, dict) and not matches(event.get("object") or {}, label, field):
                        continue
                    yield event
            finally:
                self._watches().discard(task)
                await events.aclose()

        async def _consistent_watch(self, request: Any) -> AsyncIterator[Any]:
            """kmock's watch, but the listing and the subscription happen under one lock: kmock lists, releases
            the lock, sends the listed objects and only then subscribes, so a change made meanwhile was lost."""
            yield b""  # send the headers now, as kmock does
            resource = request.resource
            bus = self._buses[resource]
            async with self._lock:
                listed = [
                    {"type": "ADDED", "object": copy.deepcopy(obj.raw)}
                    for (kind, namespace, name), obj in self.objects.items()
                    if kind == resource and not obj.deleted and _in_scope(request, namespace, name)
                ]
                marker = await bus.mark()  # every change after the listing is put on the bus under this lock
            try:
                for event in listed:
                    yield event
                async for event in bus.stream(since=marker):
                    meta = (event.get("object") or {}).get("metadata") or {}
                    if _in_scope(request, meta.get("namespace"), meta.get("name")):
                        yield event
            finally:
                await bus.unmark(marker)

        def _watches(self) -> set[Any]:
            if not hasattr(self, "_watch_tasks"):
                self._watch_tasks: set[Any] = set()
            return self._watch_tasks

        def end_watches(self) -> None:
            """End every open watch (a stopping server would otherwise wait for each one's client to go)."""
            for task in list(self._watches()):
                task.cancel()

    _classes.append(CourseEmulator)
    return CourseEmulator


def _paginate(payload: dict[str, Any], limit: str, token: str) -> None:
    """Cut a list to one page: ``limit`` items in (namespace, name) order, as a real server orders them, after
    the item a ``continue`` token names; ``metadata.continue`` is set while more items remain."""
    if not limit and not token:
        return
    try:
        size = int(limit or 0)
        after = tuple(json.loads(base64.urlsafe_b64decode(token.encode("ascii")))) if token else None
    except (ValueError, TypeError, binascii.Error):
        msg = f"invalid limit {limit!r} or continue token {token!r}"  # a 400, like a selector that does not parse
        raise SelectorError(msg) from None
    items = sorted(payload["items"], key=_list_key)
    if after is not None:
        items = [item for item in items if _list_key(item) > after]
    if size > 0 and len(items) > size:
        last = json.dumps(list(_list_key(items[size - 1]))).encode("utf-8")
        payload["metadata"]["continue"] = base64.urlsafe_b64encode(last).decode("ascii")
        payload["metadata"]["remainingItemCount"] = len(items) - size
        items = items[:size]
    payload["items"] = items


def _list_key(item: Mapping[str, Any]) -> tuple[str, str]:
    meta = item.get("metadata") or {}
    return (str(meta.get("namespace") or ""), str(meta.get("name") or ""))


_CRD_GROUP = "apiextensions.k8s.io"
_CRDS: Any = None  # kmock's resource reference for CRDs, set when the emulator class is made


def _in_scope(request: Any, namespace: str | None, name: str | None) -> bool:
    """Whether an object is one the (list or watch) request asks for: its namespace (all for none) and name."""
    return (request.namespace is None or namespace == request.namespace) and (
        request.name is None or name == request.name
    )


def crd_resources(crd: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What a CustomResourceDefinition (a dict as the API returns it) makes an API server serve: for each
    *served* version, ``"group/version/plural"`` -> the discovery facts (kmock's ``ResourceDict``)."""
    spec = crd.get("spec") or {}
    names = spec.get("names") or {}
    group, plural = spec.get("group", ""), names.get("plural", "")
    served: dict[str, dict[str, Any]] = {}
    for version in spec.get("versions") or []:
        if not version.get("served", True):
            continue
        subresources = sorted((version.get("subresources") or {}).keys())
        served[f"{group}/{version['name']}/{plural}"] = {
            "namespaced": spec.get("scope", "Namespaced") == "Namespaced",
            "kind": names.get("kind", ""),
            "singular": names.get("singular") or names.get("kind", "").lower(),
            "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            "shortnames": list(names.get("shortNames") or []),
            "categories": list(names.get("categories") or []),
            "subresources": subresources,
        }
    return served


def _namespace(name: str, version: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": name,
            "uid": str(uuid.uuid4()),
            "creationTimestamp": _now(),
            "resourceVersion": version,
            "labels": {"kubernetes.io/metadata.name": name},
        },
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    }


def _patch_parser(parsing: Any) -> None:
    """Make kmock read ``/api/v1/namespaces[/NAME[/status|/finalize]]`` as the namespaces resource, and
    ``watch=True`` as a watch."""
    original = parsing.parse_path
    if getattr(original, "course_patched", False):
        return

    def parse_path(path: str) -> Any:
        parts = path.strip("/").split("/")
        if parts[:3] == ["api", "v1", "namespaces"] and (
            len(parts) in (3, 4) or (len(parts) == 5 and parts[4] in ("status", "finalize"))
        ):
            name = parts[3] if len(parts) > 3 else None
            sub = parts[4] if len(parts) > 4 else None
            return parsing.ParsedPath("", "v1", "namespaces", None, name, sub)
        return original(path)

    parse_path.course_patched = True  # type: ignore[attr-defined]
    parsing.parse_path = parse_path

    # kmock takes only ``watch=true`` for a watch; the kubernetes client sends ``watch=True`` (a Python bool in the
    # URL) and a real server parses the value as Go's strconv.ParseBool does.
    guess = parsing.guess_k8s

    def guess_k8s(k8s: Any, method: Any, query: dict[str, str]) -> Any:
        if query.get("watch") in _GO_TRUE:
            query = {**query, "watch": "true"}
        return guess(k8s, method, query)

    parsing.guess_k8s = guess_k8s


_GO_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})


# --- running it ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Running:
    url: str
    emulator: Any
    loop: asyncio.AbstractEventLoop
    stop: asyncio.Event
    thread: threading.Thread


_running: dict[str, _Running] = {}


def _start() -> _Running:
    import kmock

    emulator_class = _emulator_class()
    ready = threading.Event()
    box: dict[str, Any] = {}

    async def main() -> None:
        async with emulator_class() as emulator, kmock.Server(emulator, host="127.0.0.1") as server:
            emulator.resources.load_bundled()
            emulator.add_builtin_namespaces()
            box["url"] = str(server.url).rstrip("/")
            box["emulator"] = emulator
            box["stop"] = asyncio.Event()
            ready.set()
            await box["stop"].wait()

    def target() -> None:
        loop = asyncio.new_event_loop()
        box["loop"] = loop
        try:
            loop.run_until_complete(main())
        except BaseException as err:  # noqa: BLE001 - reported to the starting thread
            box["error"] = err
        finally:
            ready.set()
            loop.close()

    thread = threading.Thread(target=target, name="course-kube", daemon=True)
    thread.start()
    if not ready.wait(START_TIMEOUT) or "url" not in box:
        msg = "course.runtime.kube: the Kubernetes emulator did not start"
        raise RuntimeError(msg) from box.get("error")
    running = _Running(box["url"], box["emulator"], box["loop"], box["stop"], thread)
    _running[running.url] = running
    return running


def _stop(running: _Running) -> None:
    _running.pop(running.url, None)
    with contextlib.suppress(RuntimeError):  # the loop has already closed
        running.loop.call_soon_threadsafe(running.emulator.end_watches)
        running.loop.call_soon_threadsafe(running.stop.set)
    running.thread.join(START_TIMEOUT)


@contextlib.contextmanager
def kube_cluster() -> Iterator[str]:
    """An empty emulated cluster for the ``with`` block; yields its URL; stopped (its thread ended) at the end."""
    running = _start()
    try:
        yield running.url
    finally:
        _stop(running)


_shared: list[_Running] = []
_lock = threading.Lock()


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _stop(_shared.pop())


atexit.register(_stop_shared)


def shared_cluster() -> str:
    """The URL of this process's emulated cluster, started on first use and stopped at exit."""
    with _lock:
        if not _shared or not _shared[0].thread.is_alive():
            _shared.clear()
            _shared.append(_start())
        return _shared[0].url


def _emulator(url: str) -> Any:
    try:
        return _running[url.rstrip("/")].emulator
    except KeyError:
        msg = f"course.runtime.kube: no cluster of this process runs at {url}"
        raise KeyError(msg) from None


def reset(url: str) -> None:
    """Delete every object of the cluster at ``url`` (one this process started); the built-in namespaces
    are made again."""
    emulator = _emulator(url)
    running = _running[url.rstrip("/")]

    async def clear() -> None:
        async with emulator._lock:
            for key in list(emulator.objects):
                del emulator.objects[key]
            emulator.add_builtin_namespaces()
        await emulator._serve_crds()  # the CRDs are gone: so are their resources

    asyncio.run_coroutine_threadsafe(clear(), running.loop).result(START_TIMEOUT)


def objects(url: str) -> list[dict[str, Any]]:
    """Every live object the cluster at ``url`` stores (a copy of each, as the API would return it).

    The copy is taken on the emulator's own loop under its lock, so it never sees a request half done (and a
    caller polling while an operator writes gets no "dictionary changed size during iteration")."""
    emulator = _emulator(url)
    running = _running[url.rstrip("/")]

    async def snapshot() -> list[dict[str, Any]]:
        async with emulator._lock:
            return [copy.deepcopy(obj.raw) for obj in emulator.objects.values() if not obj.deleted]

    return asyncio.run_coroutine_threadsafe(snapshot(), running.loop).result(START_TIMEOUT)


def wait_for(url: str, condition: Callable[[list[dict[str, Any]]], Any], timeout: float = 10.0) -> Any:
    """Poll the objects of the cluster at ``url`` until ``condition(objects)`` is truthy; return that value.

    For checking what a controller running in another thread did: it raises ``TimeoutError`` (with the last
    objects seen) after ``timeout`` seconds, so a controller that never acts fails the check instead of hanging."""
    deadline = time.monotonic() + timeout
    while True:
        seen = objects(url)
        result = condition(seen)
        if result:
            return result
        if time.monotonic() >= deadline:
            names = sorted(f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}" for obj in seen)
            msg = f"course.runtime.kube: condition not met after {timeout} s; objects: {names}"
            raise TimeoutError(msg)
        time.sleep(0.02)


def api_client(url: str) -> Any:
    """A ``kubernetes.client.ApiClient`` for the cluster at ``url``: no kubeconfig, no token, no proxy read."""
    from kubernetes import client  # type: ignore[import-untyped]

    configuration = client.Configuration()
    configuration.host = url.rstrip("/")
    configuration.proxy = None
    return client.ApiClient(configuration)
