# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can build a service out of parts it holds (a client, a retry
# policy, a logger) instead of parents it inherits from, hand those parts in from outside so a test
# can pass fakes, say who owns a part and who must close it, and use Strategy, Decorator, Builder
# and Factory in the small Pythonic form that production code actually needs.

# %% [markdown] course={"kind": "lesson", "id": "has-a-or-is-a", "covers": ["c-composition-vs-inheritance", "c-has-a-vs-is-a-relationships", "c-flexibility-of-composition", "c-easier-testing-with-composition"]}
# ### Composition vs inheritance: "has a" or "is a"
#
# There are two ways to reuse a class in a new one:
#
# - **Inheritance** says the new class *is a* kind of the old one: `class InventoryService(HttpClient)`
#   declares that the service *is* an HTTP client. It gets every method of the parent, public or
#   not, and every future method the parent grows.
# - **Composition** says the new class *has a* part: `InventoryService.__init__(self, client)` stores
#   a client in an attribute and calls it when it needs it. The service decides which of the
#   client's abilities to offer; the rest stays hidden.
#
# Ask the sentence out loud. "An inventory service is an HTTP client" is false (it *uses* one);
# "a `TimeoutError` is an `OSError`" is true. When the sentence is "has a" or "uses a", compose.
#
# Composition pays twice in DevOps and MLOps code. It is **flexible**: the part is chosen when the
# object is built (a real client in production, a client with a proxy in the CI runner, a cached
# client in a batch job), and can even be swapped later. And it is **easy to test**: hand the
# object a small fake part that answers from a dict and records what it was asked, and the test
# needs no network, no patching and no subclass. The mistake people make is to inherit "to get the
# methods": the class then carries its parent's whole interface and cannot be tested without it.

# %% course={"kind": "demo"}
class HttpClient:
    """Stands in for a real HTTP client (requests, httpx); here it only pretends."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str) -> dict:
        raise ConnectionError(f"no network in this notebook: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network in this notebook: DELETE {self.base_url}{path}")


class InheritedInventory(HttpClient):  # is-a: the service IS a client
    def server_status(self, name: str) -> str:
        return self.get(f"/servers/{name}")["status"]


class Inventory:  # has-a: the service HAS a client
    def __init__(self, client) -> None:
        self._client = client

    def server_status(self, name: str) -> str:
        return self._client.get(f"/servers/{name}")["status"]


class FakeClient:
    """A test double: answers from a dict and records every path it is asked for."""

    def __init__(self, answers: dict) -> None:
        self.answers, self.asked = answers, []

    def get(self, path: str) -> dict:
        self.asked.append(path)
        return self.answers[path]


old = InheritedInventory("https://cmdb.example")
print("inheritance: the service can delete?", hasattr(old, "delete"))
try:
    old.server_status("web-1")
except ConnectionError as err:
    print("   and a test of it reaches for the network:", err)

fake = FakeClient({"/servers/web-1": {"status": "up"}})
new = Inventory(fake)
print("composition: the service can delete?", hasattr(new, "delete"))
print("   status from the fake:", new.server_status("web-1"), "| the fake was asked:", fake.asked)
print("   production builds it the same way: Inventory(HttpClient('https://cmdb.example'))")

# %% [markdown] course={"kind": "lesson", "id": "composition-patterns", "covers": ["c-composition-patterns", "c-object-contains-other-objects", "c-delegating-behavior", "c-dependency-injection"]}
# ### Parts, delegation and dependency injection
#
# Three habits make composition work:
#
# 1. **An object contains other objects.** A deployment pipeline holds its stages in a list; a
#    service holds a client, a retry policy and a logger in attributes. The whole is a small
#    coordinator; the parts do the work.
# 2. **It delegates.** `pipeline.run()` does not build or test anything itself: it calls
#    `stage.run(...)` on each part. A method that only forwards to a part (`def status(self):
#    return self._client.status()`) is called *delegation*; write it out by hand for the few
#    methods you mean to offer.
# 3. **The parts come in from outside (dependency injection).** The object does not create its
#    client, clock or logger; `__init__` *receives* them. Production code passes the real ones
#    (`time.monotonic`, `logging.getLogger(...).info`) in one place near `main()` (the
#    *composition root*); tests pass fakes. No framework is needed: a parameter is the injection.
#
# The thing people get wrong is hidden dependencies: a method that calls `time.time()`,
# `requests.get()` or `os.environ[...]` directly has a part nobody can replace, so the only way to
# test it is to patch a global. In the demo, the clock is a fake that moves 2.5 s each time it is
# read, and the log is a list's `append`: both are plain callables passed in.

# %% course={"kind": "demo"}
import itertools


class Build:
    name = "build"

    def run(self, release: str) -> str:
        return f"image app:{release}"


class Test:
    name = "test"

    def run(self, release: str) -> str:
        return "412 passed"


class Deploy:
    name = "deploy"

    def __init__(self, region: str) -> None:
        self.region = region

    def run(self, release: str) -> str:
        return f"{release} live in {self.region}"


class DeploymentPipeline:
    """Runs its stages in order; the clock and the log are injected."""

    def __init__(self, stages: list, clock, log) -> None:
        self._stages = list(stages)  # contains other objects
        self._clock = clock  # injected: time.monotonic in production
        self._log = log  # injected: a logger's info method in production

    def run(self, release: str) -> None:
        for stage in self._stages:
            started = self._clock()
            result = stage.run(release)  # delegation: the stage does the work
            self._log(f"{stage.name:<6} {result} ({self._clock() - started:.1f} s)")


ticks = itertools.count(100.0, 2.5)  # a fake clock: 100.0, 102.5, 105.0, ...
lines: list[str] = []
pipeline = DeploymentPipeline([Build(), Test(), Deploy("eu-west-1")], clock=lambda: next(ticks), log=lines.append)
pipeline.run("v2.4.1")
print("\n".join(lines))

# %% [markdown] course={"kind": "text"}
# **Automatic delegation** with `__getattr__`. Python calls `__getattr__(self, name)` only when
# normal lookup fails, so a wrapper can forward every attribute it does not have itself to the
# object it wraps. It is handy for a thin wrapper (count or log the calls of a client you do not
# control) and dangerous everywhere else: the wrapper silently offers everything the inner object
# has, typos included. If you use it, **never forward names that start with `_`**. Python's own
# machinery probes objects for names like `__setstate__`, sometimes on an object whose `__init__`
# never ran (`copy.copy` and `pickle` make such objects); a wrapper that forwards that probe asks
# for `self._inner`, which is missing, which calls `__getattr__` again, until Python gives up with
# `RecursionError` (checked on Python 3.11, 3.12 and 3.13; `copy.deepcopy` and a `pickle` round
# trip fail the same way):

# %% course={"kind": "demo"}
import copy


class ForwardsEverything:
    def __init__(self, inner) -> None:
        self._inner = inner

    def __getattr__(self, name: str):
        return getattr(self._inner, name)  # also for "_inner" itself, when it is missing


class ForwardsPublicNames:
    def __init__(self, inner) -> None:
        self._inner = inner

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)  # private and special names are the wrapper's own business
        return getattr(self._inner, name)


print("forwarded method:", ForwardsPublicNames(FakeClient({"/": {"ok": 1}})).get("/"))
for wrapper in (ForwardsEverything, ForwardsPublicNames):
    try:
        copy.copy(wrapper(FakeClient({})))
        print(f"{wrapper.__name__}: copy.copy works")
    except RecursionError as err:
        print(f"{wrapper.__name__}: RecursionError ({err})")

# %% [markdown] course={"kind": "lesson", "id": "aggregation-vs-composition", "covers": ["c-aggregation-vs-composition", "c-ownership-semantics", "c-lifecycle-management"]}
# ### Aggregation vs composition: who owns the part?
#
# Both are "has a"; they differ in **ownership**, and ownership decides the **life cycle**:
#
# | | composition | aggregation |
# |---|---|---|
# | who creates the part | the whole, inside `__init__` (or through a factory it was given) | someone else; the whole receives it |
# | can others use the part? | no, it is private to the whole | yes, it may belong to several wholes |
# | when the whole closes | it closes (stops, releases) its parts | it lets go of them and closes nothing |
# | example | a connection pool and its connections | a load balancer and the nodes it routes to |
#
# In Python both are just attributes holding references; nothing in the language marks the
# difference, so your code must: the constructor's signature says who creates the part, and
# `close()` (or `__exit__`) closes exactly what the object owns. For several owned resources,
# `contextlib.ExitStack` closes them in reverse order of opening; if one close fails, the others
# are still closed and the error is raised afterwards.
#
# The two classic bugs are mirror images: a whole that **closes parts it was only lent** (the load
# balancer that shuts down nodes another balancer still uses), and a whole that **forgets to close
# parts it created** (the pool whose connections leak). A third one: copying a part you were given
# (`copy.deepcopy(node)`) so that changes to the real node no longer reach you.

# %% course={"kind": "demo"}
import contextlib


class Node:
    def __init__(self, name: str) -> None:
        self.name, self.running = name, True

    def stop(self) -> None:
        self.running = False


class LoadBalancer:  # aggregation: routes to nodes it was given
    def __init__(self, nodes: list[Node]) -> None:
        self._nodes = list(nodes)  # our own list, the caller's node objects

    def close(self) -> None:
        self._nodes.clear()  # let go; the nodes are not ours to stop


class Connection:
    def __init__(self, number: int, events: list[str]) -> None:
        self.number, self._events = number, events
        events.append(f"open {number}")

    def close(self) -> None:
        self._events.append(f"close {self.number}")


class ConnectionPool:  # composition: creates and closes its own connections
    def __init__(self, size: int, events: list[str]) -> None:
        self._stack = contextlib.ExitStack()
        self._connections = [self._stack.enter_context(contextlib.closing(Connection(i, events))) for i in range(size)]

    def close(self) -> None:
        self._stack.close()  # closes in reverse order of opening

    def __enter__(self) -> "ConnectionPool":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


web1, web2 = Node("web-1"), Node("web-2")
blue, green = LoadBalancer([web1, web2]), LoadBalancer([web2])
blue.close()
print("after blue.close(): nodes still running?", web1.running, web2.running, "(green still routes to web-2)")

events: list[str] = []
with ConnectionPool(3, events) as pool:
    events.append("query")
print("pool life cycle:", events)

# %% [markdown] course={"kind": "lesson", "id": "strategy", "covers": ["c-strategy-pattern-with-composition"]}
# ### Strategy: one part, several interchangeable algorithms
#
# The **Strategy** pattern is composition applied to an algorithm. The object that needs a
# decision (how long to wait before the next retry, which node gets the next request, how many
# replicas to run) holds a *strategy* part and asks it; each algorithm is a small class with the
# same method. The caller picks the strategy when building the object, often from configuration,
# and a test can pass a strategy that returns fixed answers.
#
# In Python a strategy with one method is often just a **function**: `sorted(hosts, key=...)` and
# `max(nodes, key=load)` take their comparison strategy as a callable. Reach for classes when the
# strategy has settings (a base delay, a cap) or state. The mistake people make is the opposite
# of the pattern: one method with an `if kind == "exponential": ... elif kind == "fixed": ...`
# ladder that every new algorithm must edit.

# %% course={"kind": "demo"}
class FixedBackoff:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def delay(self, attempt: int) -> float:
        return self.seconds


class ExponentialBackoff:
    def __init__(self, base: float, cap: float) -> None:
        self.base, self.cap = base, cap

    def delay(self, attempt: int) -> float:
        return min(self.cap, self.base * 2 ** (attempt - 1))


class Retrier:
    """Retries an operation; WHEN to retry is its own code, HOW LONG to wait is the strategy's."""

    def __init__(self, backoff, attempts: int, sleep) -> None:
        self.backoff, self.attempts, self._sleep = backoff, attempts, sleep

    def call(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except ConnectionError:
                if attempt == self.attempts:
                    raise
                self._sleep(self.backoff.delay(attempt))


STRATEGIES = {"fixed": lambda: FixedBackoff(2.0), "exponential": lambda: ExponentialBackoff(0.5, cap=4.0)}
for name, make in STRATEGIES.items():  # picked by name, as from a config file
    waits: list[float] = []
    retrier = Retrier(make(), attempts=6, sleep=waits.append)  # a fake sleep: records, never waits
    try:
        retrier.call(lambda: HttpClient("https://cmdb.example").get("/health"))
    except ConnectionError:
        print(f"{name:<12} waited {waits} and gave up")

# %% [markdown] course={"kind": "lesson", "id": "decorator-pattern", "covers": ["c-decorator-pattern-with-composition"]}
# ### Decorator: wrap a part in another with the same interface
#
# The **Decorator** pattern adds behaviour to an object by wrapping it in another object that
# offers the *same methods* and forwards to it: a `CachingStore` has a `get(key)` like the store it
# wraps, answers from its cache when it can, and asks the inner store otherwise. Because wrapper
# and wrapped look alike, wrappers stack: `CachingStore(RetryingStore(BucketStore()))`. Each layer
# does one job, and each is tested alone with a fake inner object.
#
# This is composition, not inheritance: `CachingStore` is not a subclass of `BucketStore`, so one
# caching class works for every store. (Python's `@decorator` syntax for functions is a close
# relative: a function that wraps a function. The pattern here wraps objects.)
#
# What people get wrong is the **order** of the layers: it changes what each layer sees. A
# metrics layer outside the cache counts the reads your users made; one inside the retries counts
# the attempts that reached the network. Both numbers are useful, and a dashboard that mixes them
# up lies. The demo stacks the same three layers two ways over a store whose first call fails.

# %% course={"kind": "demo"}
class FlakyStore:
    """Fails its first call, like a store behind a link that was just reset."""

    def __init__(self) -> None:
        self.calls = 0

    def get(self, key: str) -> bytes:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("connection reset")
        return f"<contents of {key}>".encode()


class RetryingStore:
    def __init__(self, inner, attempts: int) -> None:
        self._inner, self._attempts = inner, attempts

    def get(self, key: str) -> bytes:
        for _ in range(self._attempts - 1):
            try:
                return self._inner.get(key)
            except ConnectionError:
                pass
        return self._inner.get(key)  # the last attempt's error reaches the caller


class CachingStore:
    def __init__(self, inner) -> None:
        self._inner, self._cache = inner, {}

    def get(self, key: str) -> bytes:
        if key not in self._cache:
            self._cache[key] = self._inner.get(key)
        return self._cache[key]


class MeteredStore:
    def __init__(self, inner) -> None:
        self._inner, self.reads = inner, 0

    def get(self, key: str) -> bytes:
        self.reads += 1
        return self._inner.get(key)


outside = MeteredStore(CachingStore(RetryingStore(FlakyStore(), attempts=3)))
inside = MeteredStore(FlakyStore())
stacked = CachingStore(RetryingStore(inside, attempts=3))
for label, client, meter in (("metered(cache(retry(store)))", outside, outside), ("cache(retry(metered(store)))", stacked, inside)):
    data = {client.get("model.pt") for _ in range(4)}
    print(f"{label}: 4 reads by the user, the metrics layer counted {meter.reads}; one answer: {len(data) == 1}")
print("a wrapper is not a subclass of what it wraps:", issubclass(CachingStore, FlakyStore))

# %% [markdown] course={"kind": "lesson", "id": "favor-composition", "covers": ["c-favor-composition-over-inheritance", "c-why-this-is-recommended", "c-when-inheritance-is-still-appropriate"]}
# ### Favor composition over inheritance, and when not to
#
# **Why it is the default advice.** Inheritance couples the child to the parent's *insides*: the
# child breaks when the parent changes how its own methods call each other, although nothing
# public changed (the first trap at the end shows a library upgrade doing exactly that; section
# 5.3 showed `dict` bypassing an overridden `__setitem__`). Inheritance is also fixed when the
# class is written, while composition is chosen when the object is built. And optional features
# multiply worse than the formats × destinations of 5.3: with three backends and three optional
# features (retry, cache, metrics), *every subset* of features is a combination, so one subclass
# per combination means 24 classes; as wrappers it is six. The demo counts them.
#
# **When inheritance is still the right tool:**
#
# - a true "is a" relation with the same contract: an exception hierarchy (`class
#   ConfigError(ValueError)`, so `except ValueError` still catches it);
# - a framework that is *designed* to be extended by subclassing and calls your override:
#   `logging.Handler.emit`, `unittest.TestCase`, `json.JSONEncoder.default`, `ast.NodeVisitor`;
# - an abstract base class that states an interface for subclasses to fill in (section 5.3;
#   a `typing.Protocol`, in section 5.5, states one without requiring inheritance at all).
#
# The mistake is to treat the advice as a ban. Subclass where the library asks you to; compose
# your own objects out of parts.

# %% course={"kind": "demo"}
import logging

backends, features = ["s3", "gcs", "local"], ["retry", "cache", "metrics"]
combinations = [c for r in range(len(features) + 1) for c in itertools.combinations(features, r)]
print(f"inheritance: {len(backends)} backends x {len(combinations)} feature sets = {len(backends) * len(combinations)} classes")
print(f"composition: {len(backends)} backends + {len(features)} wrappers = {len(backends) + len(features)} classes")


class ListHandler(logging.Handler):  # inheritance where the framework asks for it: logging calls emit()
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


log = logging.getLogger("course.5.4.demo")
log.propagate = False  # keep the demo's records out of the notebook's own log output
handler = ListHandler()
log.addHandler(handler)
log.warning("disk %d%% full", 91)
log.removeHandler(handler)
print("the handler received:", handler.lines)


class DeployError(RuntimeError):
    pass


class RollbackFailed(DeployError):  # an exception hierarchy: every RollbackFailed is a DeployError
    pass


try:
    raise RollbackFailed("v2.4.0 could not be restored")
except DeployError as err:
    print("caught through its parent:", type(err).__name__, "-", err)

# %% [markdown] course={"kind": "lesson", "id": "builders-and-factories", "covers": ["c-building-complex-objects", "c-builder-pattern", "c-factory-pattern"]}
# ### Building complex objects: Builder and Factory
#
# Once an object is made of parts, somebody must make the parts and plug them together. Two
# patterns keep that work in one place:
#
# - A **factory** is a function (or `classmethod`) that decides *which* class to build: from a
#   config entry `{"type": "slack", ...}` it returns a `SlackChannel`. The usual Python form is a
#   dict from names to classes (a *registry*) plus one function that looks the name up and raises
#   a clear error for an unknown one. Adding a type means adding one entry, not editing a chain of
#   `if`s. `Config.from_file(path)`-style `classmethod`s are factories too.
# - A **builder** assembles an object step by step: `PipelineBuilder().source(...).step(...)
#   .step(...).sink(...).build()`. Each step method records a part and returns the builder so calls
#   chain; `build()` checks the whole (a source, at least one sink) and returns the finished,
#   preferably immutable, object. Use it when a constructor would need many optional arguments
#   that must be consistent with each other.
#
# The mistake people make with builders is to hand out the object they are still building:
# `build()` must return something that later builder calls cannot change. The demo freezes the
# steps into a tuple inside a frozen dataclass.

# %% course={"kind": "demo"}
from dataclasses import dataclass


class EmailChannel:
    def __init__(self, to: str) -> None:
        self.to = to


class SlackChannel:
    def __init__(self, webhook: str) -> None:
        self.webhook = webhook


CHANNELS = {"email": EmailChannel, "slack": SlackChannel}  # the registry


def make_channel(spec: dict):
    """A factory: builds the channel a config entry names."""
    options = {k: v for k, v in spec.items() if k != "type"}  # never pop from the caller's dict
    try:
        cls = CHANNELS[spec["type"]]
    except KeyError:
        raise ValueError(f"unknown channel type {spec.get('type')!r}; known: {sorted(CHANNELS)}") from None
    return cls(**options)


config = [{"type": "slack", "webhook": "https://hooks.example/T1"}, {"type": "email", "to": "oncall@example.com"}]
print("factory made:", [type(make_channel(spec)).__name__ for spec in config])
try:
    make_channel({"type": "pager", "number": "+100"})
except ValueError as err:
    print("factory refused:", err)


@dataclass(frozen=True)
class Pipeline:
    source: str
    steps: tuple[str, ...]


class PipelineBuilder:
    def __init__(self) -> None:
        self._source: str | None = None
        self._steps: list[str] = []

    def source(self, name: str) -> "PipelineBuilder":
        self._source = name
        return self  # returning the builder lets calls chain

    def step(self, name: str) -> "PipelineBuilder":
        self._steps.append(name)
        return self

    def build(self) -> Pipeline:
        if self._source is None:
            raise ValueError("a pipeline needs a source")
        return Pipeline(self._source, tuple(self._steps))  # a snapshot, not the list we keep using


builder = PipelineBuilder().source("s3://raw/events").step("dedupe").step("normalise")
first = builder.build()
builder.step("enrich")
print("built:", first)
print("built again after one more step:", builder.build().steps)

# %% [markdown] course={"kind": "exercise", "id": "service-composition", "item": "x-refactor-an-inheritance-based-design-to"}
# ### Refactor: a service made of a client, a retry policy and a logger
#
# This inventory service was written by inheritance. It *is* an HTTP client, copies a retry loop
# into every method, logs with `print`, and cannot be tested without a network:
#
# ```python
# class InventoryService(HttpClient):
#     def server(self, name):
#         for attempt in range(3):
#             try:
#                 print(f"GET /servers/{name}")
#                 return self.get(f"/servers/{name}")
#             except ConnectionError:
#                 if attempt == 2:
#                     raise
#     ...
# ```
#
# Rewrite it by composition: `InventoryService(client, retry, logger)`.
#
# - It keeps the three parts it is **given** in the attributes `client`, `retry` and `logger` (the
#   very objects passed in; it creates none of them). `client` is anything with `get(path)`;
#   `retry` is a `RetryPolicy` (given below) or anything with its `run(operation)` method;
#   `logger` is anything with `info(message)`, such as a `logging.Logger`.
# - Every request is logged **once**, before it is made, as `"GET <path>"`, and then made
#   **through the retry policy**: `retry.run(operation)` with a zero-argument callable that calls
#   `client.get(path)`. Whatever `run` returns or raises is the request's result.
# - `server(name)` returns what `GET /servers/<name>` gives (a dict with `name`, `role`, `status`).
# - `servers(role=None)` asks `GET /servers` (a list of such dicts) and returns a new, sorted list
#   of the names whose `role` equals `role`, or of every name when `role` is `None`. It must not
#   reorder the list the client returned.
# - `is_up(name)` is `True` when that server's status is `"up"`, else `False`.
#
# It must **not** inherit from `HttpClient`, and it does not offer the client's own methods
# (`service.get` and `service.delete` do not exist).
#
# ```python
# service = InventoryService(HttpClient("https://cmdb.example"), RetryPolicy(3), logging.getLogger("cmdb"))
# service.servers(role="db")      # GET /servers -> ['db-1', 'db-2']
# service.is_up("web-1")          # GET /servers/web-1 -> True
# ```

# %% [markdown] course={"kind": "hint"}
# One private helper does the common part: `self.logger.info(f"GET {path}")`, then
# `return self.retry.run(lambda: self.client.get(path))`. The three public methods only build the
# path and shape the answer.

# %% [markdown] course={"kind": "hint"}
# Log outside the lambda: inside it, the line would be written again on every retry. For the role
# filter, test `role is None`, not `not role`: an empty role `""` is a real value to match.
# `sorted(...)` returns a new list and leaves the client's list alone; `.sort()` would not.

# %% course={"kind": "solution"}
class HttpClient:
    """Given: the real client (it only pretends here: there is no network in this notebook)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str):
        raise ConnectionError(f"no network: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network: DELETE {self.base_url}{path}")


class RetryPolicy:
    """Given: calls an operation up to `attempts` times while it raises a retryable error."""

    def __init__(self, attempts: int, retry_on: tuple = (ConnectionError, TimeoutError)) -> None:
        self.attempts, self.retry_on = attempts, retry_on

    def run(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except self.retry_on:
                if attempt == self.attempts:
                    raise
        raise ValueError("attempts must be at least 1")


class InventoryService:
    """Servers from the CMDB, through a client, a retry policy and a logger it is given."""

    def __init__(self, client, retry, logger) -> None:
        ### BEGIN SOLUTION
        self.client = client
        self.retry = retry
        self.logger = logger
        ### END SOLUTION

    def server(self, name: str) -> dict:
        ### BEGIN SOLUTION
        return self._request(f"/servers/{name}")
        ### END SOLUTION

    def servers(self, role: str | None = None) -> list[str]:
        ### BEGIN SOLUTION
        return sorted(s["name"] for s in self._request("/servers") if role is None or s["role"] == role)
        ### END SOLUTION

    def is_up(self, name: str) -> bool:
        ### BEGIN SOLUTION
        return self.server(name)["status"] == "up"
        ### END SOLUTION

    def _request(self, path: str):
        """Log the request once, then make it through the retry policy."""
        ### BEGIN SOLUTION
        self.logger.info(f"GET {path}")
        return self.retry.run(lambda: self.client.get(path))
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class FakeCmdb:
    """A fake client: answers from a list of servers, records each path, can fail its first calls."""

    def __init__(self, servers: list[dict], fail_first: int = 0) -> None:
        self.servers, self.asked, self.fail_first = servers, [], fail_first

    def get(self, path: str):
        self.asked.append(path)
        if len(self.asked) <= self.fail_first:
            raise ConnectionError("connection reset")
        if path == "/servers":
            return self.servers
        return next(s for s in self.servers if path == "/servers/" + s["name"])


class RecordingLogger:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, message: str) -> None:
        self.lines.append(message)


def fleet() -> list[dict]:
    return [
        {"name": "web-2", "role": "web", "status": "up"},
        {"name": "db-1", "role": "db", "status": "down"},
        {"name": "web-1", "role": "web", "status": "up"},
        {"name": "db-2", "role": "db", "status": "up"},
    ]


cmdb = FakeCmdb(fleet())
service = InventoryService(cmdb, RetryPolicy(3), RecordingLogger())
assert service.server("db-1") == {"name": "db-1", "role": "db", "status": "down"}, "server() returns the client's dict"
assert cmdb.asked == ["/servers/db-1"], f"server('db-1') must GET /servers/db-1, the client was asked {cmdb.asked}"
assert service.servers(role="db") == ["db-1", "db-2"], "servers(role='db'): the db names, sorted"
assert service.servers() == ["db-1", "db-2", "web-1", "web-2"], "servers(): every name, sorted"
assert service.is_up("web-1") is True and service.is_up("db-1") is False, "is_up() is True only for status 'up'"

# %% course={"kind": "test", "points": 2}
assert not issubclass(InventoryService, HttpClient), "compose: InventoryService must not inherit from HttpClient"
client, retry, logger = FakeCmdb(fleet()), RetryPolicy(2), RecordingLogger()
service = InventoryService(client, retry, logger)
assert service.client is client and service.retry is retry and service.logger is logger, "keep the very parts given"
assert not hasattr(service, "get") and not hasattr(service, "delete"), "the service does not offer the client's methods"
### BEGIN HIDDEN TESTS
assert InventoryService.__mro__ == (InventoryService, object), "no base class at all is needed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class RecordingRetry:
    """A fake retry policy: records each run and calls the operation exactly once."""

    def __init__(self) -> None:
        self.runs = 0

    def run(self, operation):
        self.runs += 1
        return operation()


retry = RecordingRetry()
service = InventoryService(FakeCmdb(fleet()), retry, RecordingLogger())
service.server("web-1")
service.servers()
assert retry.runs == 2, f"every request goes through retry.run(...): 2 requests, {retry.runs} runs"
flaky = FakeCmdb(fleet(), fail_first=2)
assert InventoryService(flaky, RetryPolicy(3), RecordingLogger()).is_up("db-2") is True, "3 attempts get past 2 failures"
assert flaky.asked == ["/servers/db-2"] * 3, f"the policy retried the request: {flaky.asked}"
try:
    InventoryService(FakeCmdb(fleet(), fail_first=2), RetryPolicy(2), RecordingLogger()).servers()
except ConnectionError:
    pass
else:
    raise AssertionError("with RetryPolicy(2) and two failures, the ConnectionError reaches the caller")

# %% course={"kind": "test", "points": 1}
logger = RecordingLogger()
service = InventoryService(FakeCmdb(fleet(), fail_first=1), RetryPolicy(3), logger)
service.servers(role="web")
service.is_up("db-1")
assert logger.lines == ["GET /servers", "GET /servers/db-1"], f"one line per request, not per attempt: {logger.lines}"
### BEGIN HIDDEN TESTS
data = fleet()
data.append({"name": "tmp-1", "role": "", "status": "up"})
snapshot = [dict(s) for s in data]
service = InventoryService(FakeCmdb(data), RecordingRetry(), RecordingLogger())
assert service.servers(role="") == ["tmp-1"], "an empty role is a role to match, not 'no filter'"
assert service.servers(role="gpu") == [] and type(service.servers()) is list
assert data == snapshot, "servers() must not reorder or change the list the client returned"
assert InventoryService(FakeCmdb([{"name": "ü-1", "role": "web", "status": "UP"}]), RecordingRetry(), logger).is_up("ü-1") is False
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "still-inherits", "fails": ["t2"]}
class HttpClient:
    """Given: the real client (it only pretends here: there is no network in this notebook)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str):
        raise ConnectionError(f"no network: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network: DELETE {self.base_url}{path}")


class RetryPolicy:
    """Given: calls an operation up to `attempts` times while it raises a retryable error."""

    def __init__(self, attempts: int, retry_on: tuple = (ConnectionError, TimeoutError)) -> None:
        self.attempts, self.retry_on = attempts, retry_on

    def run(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except self.retry_on:
                if attempt == self.attempts:
                    raise
        raise ValueError("attempts must be at least 1")


class InventoryService(HttpClient):  # composed AND still a client
    def __init__(self, client, retry, logger):
        self.client, self.retry, self.logger = client, retry, logger

    def server(self, name):
        return self._request(f"/servers/{name}")

    def servers(self, role=None):
        return sorted(s["name"] for s in self._request("/servers") if role is None or s["role"] == role)

    def is_up(self, name):
        return self.server(name)["status"] == "up"

    def _request(self, path):
        self.logger.info(f"GET {path}")
        return self.retry.run(lambda: self.client.get(path))

# %% course={"kind": "wrong", "id": "builds-own-retry", "fails": ["t2", "t3"]}
class HttpClient:
    """Given: the real client (it only pretends here: there is no network in this notebook)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str):
        raise ConnectionError(f"no network: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network: DELETE {self.base_url}{path}")


class RetryPolicy:
    """Given: calls an operation up to `attempts` times while it raises a retryable error."""

    def __init__(self, attempts: int, retry_on: tuple = (ConnectionError, TimeoutError)) -> None:
        self.attempts, self.retry_on = attempts, retry_on

    def run(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except self.retry_on:
                if attempt == self.attempts:
                    raise
        raise ValueError("attempts must be at least 1")


class InventoryService:
    def __init__(self, client, retry, logger):
        self.client, self.logger = client, logger
        self.retry = RetryPolicy(3)  # ignores the policy it was given

    def server(self, name):
        return self._request(f"/servers/{name}")

    def servers(self, role=None):
        return sorted(s["name"] for s in self._request("/servers") if role is None or s["role"] == role)

    def is_up(self, name):
        return self.server(name)["status"] == "up"

    def _request(self, path):
        self.logger.info(f"GET {path}")
        return self.retry.run(lambda: self.client.get(path))

# %% course={"kind": "wrong", "id": "retry-loop-by-hand", "fails": ["t3"]}
class HttpClient:
    """Given: the real client (it only pretends here: there is no network in this notebook)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str):
        raise ConnectionError(f"no network: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network: DELETE {self.base_url}{path}")


class RetryPolicy:
    """Given: calls an operation up to `attempts` times while it raises a retryable error."""

    def __init__(self, attempts: int, retry_on: tuple = (ConnectionError, TimeoutError)) -> None:
        self.attempts, self.retry_on = attempts, retry_on

    def run(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except self.retry_on:
                if attempt == self.attempts:
                    raise
        raise ValueError("attempts must be at least 1")


class InventoryService:
    def __init__(self, client, retry, logger):
        self.client, self.retry, self.logger = client, retry, logger

    def server(self, name):
        return self._request(f"/servers/{name}")

    def servers(self, role=None):
        return sorted(s["name"] for s in self._request("/servers") if role is None or s["role"] == role)

    def is_up(self, name):
        return self.server(name)["status"] == "up"

    def _request(self, path):
        self.logger.info(f"GET {path}")
        for attempt in range(3):  # the old copied loop, not the injected policy
            try:
                return self.client.get(path)
            except ConnectionError:
                if attempt == 2:
                    raise

# %% course={"kind": "wrong", "id": "logs-every-attempt", "fails": ["t4"]}
class HttpClient:
    """Given: the real client (it only pretends here: there is no network in this notebook)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str):
        raise ConnectionError(f"no network: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network: DELETE {self.base_url}{path}")


class RetryPolicy:
    """Given: calls an operation up to `attempts` times while it raises a retryable error."""

    def __init__(self, attempts: int, retry_on: tuple = (ConnectionError, TimeoutError)) -> None:
        self.attempts, self.retry_on = attempts, retry_on

    def run(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except self.retry_on:
                if attempt == self.attempts:
                    raise
        raise ValueError("attempts must be at least 1")


class InventoryService:
    def __init__(self, client, retry, logger):
        self.client, self.retry, self.logger = client, retry, logger

    def server(self, name):
        return self._request(f"/servers/{name}")

    def servers(self, role=None):
        return sorted(s["name"] for s in self._request("/servers") if role is None or s["role"] == role)

    def is_up(self, name):
        return self.server(name)["status"] == "up"

    def _request(self, path):
        def attempt():
            self.logger.info(f"GET {path}")
            return self.client.get(path)

        return self.retry.run(attempt)

# %% course={"kind": "wrong", "id": "falsy-role-and-sort-in-place", "fails": ["t4"]}
class HttpClient:
    """Given: the real client (it only pretends here: there is no network in this notebook)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self, path: str):
        raise ConnectionError(f"no network: GET {self.base_url}{path}")

    def delete(self, path: str) -> None:
        raise ConnectionError(f"no network: DELETE {self.base_url}{path}")


class RetryPolicy:
    """Given: calls an operation up to `attempts` times while it raises a retryable error."""

    def __init__(self, attempts: int, retry_on: tuple = (ConnectionError, TimeoutError)) -> None:
        self.attempts, self.retry_on = attempts, retry_on

    def run(self, operation):
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except self.retry_on:
                if attempt == self.attempts:
                    raise
        raise ValueError("attempts must be at least 1")


class InventoryService:
    def __init__(self, client, retry, logger):
        self.client, self.retry, self.logger = client, retry, logger

    def server(self, name):
        return self._request(f"/servers/{name}")

    def servers(self, role=None):
        found = self._request("/servers")
        found.sort(key=lambda s: s["name"])  # reorders the client's own list
        return [s["name"] for s in found if not role or s["role"] == role]

    def is_up(self, name):
        return self.server(name)["status"] == "up"

    def _request(self, path):
        self.logger.info(f"GET {path}")
        return self.retry.run(lambda: self.client.get(path))

# %% [markdown] course={"kind": "exercise", "id": "rate-limiter", "item": "x-implement-dependency-injection-manually"}
# ### Dependency injection by hand: a rate limiter with a replaceable clock
#
# A client that calls a cloud API must stay under its quota. Write a **token bucket** limiter
# whose notion of time is *injected*, so that a test can move time forward without sleeping:
# `RateLimiter(rate, burst, clock)`.
#
# - `rate` is how many tokens are added per second (an `int` or `float` greater than 0);
#   `burst` is the bucket's size (an `int` of at least 1). Anything else raises `ValueError`
#   (a `bool` is not a number here).
# - `clock` is a zero-argument callable returning seconds as a float; production passes
#   `time.monotonic`. The limiter reads time **only** through it: once in `__init__` (the bucket
#   starts **full** at that moment) and once per call of `allow()` or `wait_time()`.
# - Each call first **refills**: the bucket gains `(now - last) * rate` tokens, never holding
#   more than `burst`, and `last` becomes `now`.
# - `allow()` then takes one token and returns `True` if at least one whole token is there, else
#   returns `False` and takes nothing.
# - `wait_time()` returns how many seconds until `allow()` would succeed, as a `float` (`0.0` when
#   it would succeed now); it takes nothing.
#
# Every limiter has its own bucket.
#
# ```python
# now = [0.0]
# limiter = RateLimiter(rate=2, burst=3, clock=lambda: now[0])
# [limiter.allow() for _ in range(4)]   # [True, True, True, False]: the burst is spent
# limiter.wait_time()                   # 0.5: two tokens a second, so one every half second
# now[0] = 0.5
# limiter.allow()                       # True
# ```

# %% [markdown] course={"kind": "hint"}
# Keep three things on `self`: the clock, the number of tokens (a float: it fills in fractions)
# and the time of the last refill. One private `_refill()` does the arithmetic for both public
# methods.

# %% [markdown] course={"kind": "hint"}
# Refill with `min(self._burst, self._tokens + (now - self._last) * self._rate)` and then set
# `self._last = now`, also when `allow()` refuses; otherwise the same seconds are counted twice.
# A bucket holding exactly `1.0` token allows: compare with `>=`.

# %% course={"kind": "solution"}
class RateLimiter:
    """A token bucket: `rate` tokens a second, at most `burst` saved up; time from `clock()`."""

    def __init__(self, rate: float, burst: int, clock) -> None:
        ### BEGIN SOLUTION
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ValueError(f"rate must be a number of tokens per second > 0, got {rate!r}")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError(f"burst must be a whole number >= 1, got {burst!r}")
        self._rate, self._burst, self._clock = rate, burst, clock
        self._tokens = burst
        self._last = clock()
        ### END SOLUTION

    def allow(self) -> bool:
        ### BEGIN SOLUTION
        self._refill()
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False
        ### END SOLUTION

    def wait_time(self) -> float:
        ### BEGIN SOLUTION
        self._refill()
        return max(0.0, (1 - self._tokens) / self._rate)
        ### END SOLUTION

    def _refill(self) -> None:
        ### BEGIN SOLUTION
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class FakeClock:
    """Time that moves only when the test says so; counts how often it is read."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now, self.reads = start, 0

    def __call__(self) -> float:
        self.reads += 1
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


clock = FakeClock()
limiter = RateLimiter(rate=2, burst=3, clock=clock)
assert [limiter.allow() for _ in range(4)] == [True, True, True, False], "a new bucket is full: 3 allowed, then no"
assert limiter.wait_time() == 0.5, f"empty bucket, 2 tokens a second: wait 0.5 s, got {limiter.wait_time()!r}"
clock.advance(0.5)
assert limiter.allow() is True, "after 0.5 s one token is back"
assert limiter.allow() is False, "...and only one"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
limiter = RateLimiter(rate=4, burst=2, clock=clock)
limiter.allow(), limiter.allow()
clock.advance(0.125)
assert limiter.allow() is False, "half a token (0.125 s at 4/s) is not enough"
assert limiter.wait_time() == 0.125, "the half token already earned counts: 0.125 s to go"
clock.advance(0.125)
assert limiter.allow() is True, "exactly one whole token allows"
assert limiter.wait_time() == 0.25 and type(limiter.wait_time()) is float, "empty again: a quarter second"
clock.advance(3600)
assert [limiter.allow() for _ in range(3)] == [True, True, False], "after an idle hour, still at most `burst` tokens"
### BEGIN HIDDEN TESTS
assert limiter.wait_time() == 0.25
clock.advance(0.25)
assert limiter.wait_time() == 0.0 and type(limiter.wait_time()) is float, "0.0 (a float) when a token is there"
assert limiter.wait_time() == 0.0, "wait_time() takes no token"
assert limiter.allow() is True and limiter.allow() is False
one = RateLimiter(rate=0.5, burst=1, clock=clock)
assert one.allow() is True and one.wait_time() == 2.0, "0.5 tokens a second: 2 s per token"
clock.advance(1.5)
assert one.allow() is False and one.wait_time() == 0.5
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
first = RateLimiter(rate=1, burst=1, clock=clock)
assert clock.reads == 1, f"__init__ reads the injected clock once, it read it {clock.reads} times"
first.allow()
first.wait_time()
first.allow()
assert clock.reads == 4, f"one read per allow()/wait_time() call, got {clock.reads - 1} reads for 3 calls"
second = RateLimiter(rate=1, burst=1, clock=clock)
assert second.allow() is True, "a new limiter has its own full bucket, whatever the others spent"
other_clock = FakeClock(start=5.0)
third = RateLimiter(rate=1, burst=1, clock=other_clock)
third.allow()
clock.advance(10)
assert third.allow() is False, "each limiter follows its own clock"
assert first.allow() is True

# %% course={"kind": "test", "points": 1}
def refused(**kwargs) -> bool:
    try:
        RateLimiter(clock=FakeClock(), **kwargs)
    except ValueError:
        return True
    return False


assert refused(rate=0, burst=1) and refused(rate=-2, burst=1), "rate must be > 0"
assert refused(rate=1, burst=0) and refused(rate=1, burst=-1), "burst must be at least 1"
assert not refused(rate=0.001, burst=1) and not refused(rate=5, burst=1), "small rates and burst=1 are fine"
### BEGIN HIDDEN TESTS
assert refused(rate=1, burst=True) and refused(rate=True, burst=1), "a bool is not a number here"
assert refused(rate=1, burst=2.0) and refused(rate="1", burst=1) and refused(rate=1, burst="2")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "real-time-inside", "fails": ["t1", "t2", "t3"]}
import time


class RateLimiter:
    def __init__(self, rate, burst, clock):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ValueError("rate")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError("burst")
        self._rate, self._burst = rate, burst
        self._tokens, self._last = burst, time.monotonic()  # a hidden dependency on the real clock

    def allow(self):
        self._refill()
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    def wait_time(self):
        self._refill()
        return max(0.0, (1 - self._tokens) / self._rate)

    def _refill(self):
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now

# %% course={"kind": "wrong", "id": "no-cap", "fails": ["t2"]}
class RateLimiter:
    def __init__(self, rate, burst, clock):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ValueError("rate")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError("burst")
        self._rate, self._clock = rate, clock
        self._tokens, self._last = burst, clock()

    def allow(self):
        self._refill()
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    def wait_time(self):
        self._refill()
        return max(0.0, (1 - self._tokens) / self._rate)

    def _refill(self):
        now = self._clock()
        self._tokens += (now - self._last) * self._rate  # an idle hour saves up 14400 tokens
        self._last = now

# %% course={"kind": "wrong", "id": "strictly-more-than-one", "fails": ["t1", "t2", "t3"]}
class RateLimiter:
    def __init__(self, rate, burst, clock):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ValueError("rate")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError("burst")
        self._rate, self._burst, self._clock = rate, burst, clock
        self._tokens, self._last = burst, clock()

    def allow(self):
        self._refill()
        if self._tokens > 1:
            self._tokens -= 1
            return True
        return False

    def wait_time(self):
        self._refill()
        return max(0.0, (1 - self._tokens) / self._rate)

    def _refill(self):
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now

# %% course={"kind": "wrong", "id": "last-moves-only-on-success", "fails": ["t2"]}
class RateLimiter:
    def __init__(self, rate, burst, clock):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ValueError("rate")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError("burst")
        self._rate, self._burst, self._clock = rate, burst, clock
        self._tokens, self._last = burst, clock()

    def allow(self):
        now = self._clock()
        tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        if tokens >= 1:
            self._tokens, self._last = tokens - 1, now
            return True
        self._tokens = tokens  # earned, but the same seconds will be counted again
        return False

    def wait_time(self):
        now = self._clock()
        tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        return max(0.0, (1 - tokens) / self._rate)

# %% course={"kind": "wrong", "id": "shared-bucket", "fails": ["t2", "t3"]}
class RateLimiter:
    tokens = None  # one bucket on the class, shared by every limiter

    def __init__(self, rate, burst, clock):
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
            raise ValueError("rate")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError("burst")
        self._rate, self._burst, self._clock = rate, burst, clock
        if RateLimiter.tokens is None:
            RateLimiter.tokens = burst
        self._last = clock()

    def allow(self):
        self._refill()
        if RateLimiter.tokens >= 1:
            RateLimiter.tokens -= 1
            return True
        return False

    def wait_time(self):
        self._refill()
        return max(0.0, (1 - RateLimiter.tokens) / self._rate)

    def _refill(self):
        now = self._clock()
        RateLimiter.tokens = min(self._burst, RateLimiter.tokens + (now - self._last) * self._rate)
        self._last = now

# %% [markdown] course={"kind": "exercise", "id": "cluster-and-pool"}
# ### Aggregation and composition: a cluster of nodes, a pool of workers
#
# `Node` is given: a machine with a `name`, a number of `cpus`, a `running` flag and `stop()`.
# Write two wholes that hold nodes and treat them differently, because they own them differently.
#
# **`Cluster(name, nodes=())` aggregates nodes it does not own.** A scheduler builds a cluster out
# of machines that exist anyway, and one machine may sit in several clusters.
#
# - It keeps its `name`, and the very `Node` objects it is given, in their order, in a collection
#   of its own: the caller may change their list or tuple afterwards without changing the cluster,
#   and the nodes are **not copied**.
# - `add(node)`; a node whose name is already in the cluster raises `ValueError` (also among the
#   first `nodes`). `remove(name)` returns that node as it is (still running); `KeyError` when
#   absent.
# - `nodes()` returns a new tuple of its nodes in order; `capacity()` the total `cpus` of its
#   nodes that are **running** right now.
# - `close()` lets go of every node (the cluster is empty afterwards) and **stops none**.
#
# **`WorkerPool(size, cpus, make_node=Node)` is composed of workers it creates and owns.**
#
# - It creates its `size` workers itself, by calling `make_node(f"worker-{i}", cpus)` for `i`
#   from 0 to `size - 1`, in that order (`make_node` is injected so that a test can watch).
#   `size` must be an `int` of at least 1, else `ValueError`.
# - `workers()` returns a new tuple of its workers; `capacity()` the total `cpus` of the running
#   ones.
# - `close()` **stops** every worker it created and forgets them (`workers()` is `()` afterwards);
#   a second `close()` stops nothing again.
# - It is a context manager: `with WorkerPool(2, 8) as pool:` gives the pool itself and closes it
#   when the block ends, also when the block raises (the exception still reaches the caller).
#
# ```python
# a, b = Node("a", 8), Node("b", 16)
# batch, web = Cluster("batch", [a, b]), Cluster("web", [b])
# batch.close()
# b.running, web.capacity()           # (True, 16): closing batch stopped nothing
# with WorkerPool(3, cpus=4) as pool:
#     workers = pool.workers()
#     pool.capacity()                 # 12
# [w.running for w in workers]        # [False, False, False]: the pool stopped what it created
# ```

# %% [markdown] course={"kind": "hint"}
# A dict from name to node keeps insertion order and finds duplicates at once; `tuple(d.values())`
# is a fresh snapshot. Iterate over the nodes you are given and `add` each one, so the duplicate
# check lives in one place.

# %% [markdown] course={"kind": "hint"}
# The pool differs in two lines: it builds its workers with `make_node(...)` in `__init__`, and
# its `close()` calls `stop()` on each before clearing its list. `__exit__` must return `None` (or
# `False`): returning `True` would swallow the exception raised in the `with` block.

# %% course={"kind": "solution"}
class Node:
    """Given: a machine. `stop()` shuts it down."""

    def __init__(self, name: str, cpus: int) -> None:
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self) -> None:
        self.running = False


class Cluster:
    """Nodes grouped for scheduling. The cluster does not own them: it never stops them."""

    def __init__(self, name: str, nodes=()) -> None:
        ### BEGIN SOLUTION
        self.name = name
        self._nodes: dict[str, Node] = {}
        for node in nodes:
            self.add(node)
        ### END SOLUTION

    def add(self, node: Node) -> None:
        ### BEGIN SOLUTION
        if node.name in self._nodes:
            raise ValueError(f"{node.name} is already in cluster {self.name}")
        self._nodes[node.name] = node
        ### END SOLUTION

    def remove(self, name: str) -> Node:
        ### BEGIN SOLUTION
        return self._nodes.pop(name)
        ### END SOLUTION

    def nodes(self) -> tuple:
        ### BEGIN SOLUTION
        return tuple(self._nodes.values())
        ### END SOLUTION

    def capacity(self) -> int:
        ### BEGIN SOLUTION
        return sum(node.cpus for node in self._nodes.values() if node.running)
        ### END SOLUTION

    def close(self) -> None:
        ### BEGIN SOLUTION
        self._nodes.clear()
        ### END SOLUTION


class WorkerPool:
    """Workers the pool creates, owns, and stops when it closes."""

    def __init__(self, size: int, cpus: int, make_node=Node) -> None:
        ### BEGIN SOLUTION
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"size must be a whole number >= 1, got {size!r}")
        self._workers = [make_node(f"worker-{i}", cpus) for i in range(size)]
        ### END SOLUTION

    def workers(self) -> tuple:
        ### BEGIN SOLUTION
        return tuple(self._workers)
        ### END SOLUTION

    def capacity(self) -> int:
        ### BEGIN SOLUTION
        return sum(worker.cpus for worker in self._workers if worker.running)
        ### END SOLUTION

    def close(self) -> None:
        ### BEGIN SOLUTION
        for worker in self._workers:
            worker.stop()
        self._workers.clear()
        ### END SOLUTION

    def __enter__(self) -> "WorkerPool":
        ### BEGIN SOLUTION
        return self
        ### END SOLUTION

    def __exit__(self, *exc_info) -> None:
        ### BEGIN SOLUTION
        self.close()
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
a, b, c = Node("a", 8), Node("b", 16), Node("c", 4)
batch = Cluster("batch", [a, b])
assert batch.name == "batch" and batch.nodes() == (a, b), "the nodes given, in order"
assert batch.nodes()[0] is a and batch.nodes()[1] is b, "the very same Node objects, not copies"
assert type(batch.nodes()) is tuple, "nodes() returns a tuple"
assert batch.capacity() == 24, f"8 + 16 cpus, got {batch.capacity()}"
batch.add(c)
assert batch.nodes() == (a, b, c) and batch.capacity() == 28, "add() appends"
removed = batch.remove("b")
assert removed is b and b.running, "remove() returns the same node, still running"
assert batch.nodes() == (a, c)
for call, arg, error in ((batch.add, Node("a", 2), ValueError), (batch.remove, "zz", KeyError)):
    try:
        call(arg)
    except error:
        pass
    else:
        raise AssertionError(f"{call.__name__}({arg!r}) must raise {error.__name__}")

# %% course={"kind": "test", "points": 2}
a, b = Node("a", 8), Node("b", 16)
given = [a, b]
batch, web = Cluster("batch", given), Cluster("web", (b,))
given.append(Node("c", 4))
assert batch.nodes() == (a, b), "the cluster keeps its own collection: the caller's list may change"
batch.close()
assert a.running and b.running, "closing a cluster must not stop nodes it does not own"
assert batch.nodes() == () and batch.capacity() == 0, "after close() the cluster holds nothing"
assert web.nodes() == (b,) and web.capacity() == 16, "another cluster still has b"
b.stop()
assert web.capacity() == 0, "the cluster sees the real node: once b is stopped it adds no capacity"
### BEGIN HIDDEN TESTS
try:
    Cluster("x", [Node("n", 1), Node("n", 2)])
except ValueError:
    pass
else:
    raise AssertionError("duplicate names among the first nodes raise ValueError")
assert Cluster("empty").nodes() == () and Cluster("empty").capacity() == 0
gen = Cluster("g", (Node(f"g{i}", 1) for i in range(3)))
assert gen.capacity() == 3, "any iterable of nodes works, a generator too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class WatchedNode(Node):
    """A node that counts its stops."""

    def __init__(self, name: str, cpus: int) -> None:
        super().__init__(name, cpus)
        self.stops = 0

    def stop(self) -> None:
        self.stops += 1
        super().stop()


def recording_factory(made: list):
    """A make_node for the pool that records every node it makes in `made`."""

    def make_node(name: str, cpus: int) -> WatchedNode:
        made.append(WatchedNode(name, cpus))
        return made[-1]

    return make_node


made: list = []
pool = WorkerPool(3, 4, make_node=recording_factory(made))
assert [w.name for w in made] == ["worker-0", "worker-1", "worker-2"], "make_node('worker-<i>', cpus), in order"
assert pool.workers() == tuple(made) and type(pool.workers()) is tuple, "the workers are the nodes it made"
assert pool.capacity() == 12 and all(w.cpus == 4 for w in made), "3 workers of 4 cpus"
pool.close()
assert [w.stops for w in made] == [1, 1, 1], "close() stops every worker the pool created"
assert pool.workers() == () and pool.capacity() == 0, "...and forgets them"
pool.close()
assert [w.stops for w in made] == [1, 1, 1], "a second close() stops nothing again"
### BEGIN HIDDEN TESTS
made = []
solo = WorkerPool(1, 64, make_node=recording_factory(made))
assert [w.name for w in made] == ["worker-0"] and solo.capacity() == 64
made[0].running = False
assert solo.capacity() == 0, "capacity counts running workers only"
for bad in (0, -1, True, 2.0, "3"):
    try:
        WorkerPool(bad, 4)
    except ValueError:
        pass
    else:
        raise AssertionError(f"size={bad!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with WorkerPool(2, 8) as pool:
    inside = pool.workers()
    assert pool.capacity() == 16 and all(type(w) is Node for w in inside), "the default make_node is Node"
assert all(not w.running for w in inside), "leaving the with block closes the pool"
try:
    with WorkerPool(2, 8) as pool:
        inside = pool.workers()
        raise RuntimeError("deploy failed")
except RuntimeError as err:
    assert str(err) == "deploy failed"
else:
    raise AssertionError("an exception inside the with block must reach the caller")
assert all(not w.running for w in inside), "the pool is closed even when the block raises"
assert WorkerPool(1, 1).__enter__().capacity() == 1, "__enter__ returns the pool itself"

# %% course={"kind": "wrong", "id": "cluster-stops-nodes", "fails": ["t2"]}
class Node:
    def __init__(self, name, cpus):
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self):
        self.running = False


class Cluster:
    def __init__(self, name, nodes=()):
        self.name, self._nodes = name, {}
        for node in nodes:
            self.add(node)

    def add(self, node):
        if node.name in self._nodes:
            raise ValueError(node.name)
        self._nodes[node.name] = node

    def remove(self, name):
        return self._nodes.pop(name)

    def nodes(self):
        return tuple(self._nodes.values())

    def capacity(self):
        return sum(n.cpus for n in self._nodes.values() if n.running)

    def close(self):
        for node in self._nodes.values():
            node.stop()  # stops machines the cluster was only lent
        self._nodes.clear()


class WorkerPool:
    def __init__(self, size, cpus, make_node=Node):
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(size)
        self._workers = [make_node(f"worker-{i}", cpus) for i in range(size)]

    def workers(self):
        return tuple(self._workers)

    def capacity(self):
        return sum(w.cpus for w in self._workers if w.running)

    def close(self):
        for w in self._workers:
            w.stop()
        self._workers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "cluster-copies-nodes", "fails": ["t1", "t2"]}
import copy


class Node:
    def __init__(self, name, cpus):
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self):
        self.running = False


class Cluster:
    def __init__(self, name, nodes=()):
        self.name, self._nodes = name, {}
        for node in nodes:
            self.add(node)

    def add(self, node):
        if node.name in self._nodes:
            raise ValueError(node.name)
        self._nodes[node.name] = copy.copy(node)  # "to be safe": now it watches a stale copy

    def remove(self, name):
        return self._nodes.pop(name)

    def nodes(self):
        return tuple(self._nodes.values())

    def capacity(self):
        return sum(n.cpus for n in self._nodes.values() if n.running)

    def close(self):
        self._nodes.clear()


class WorkerPool:
    def __init__(self, size, cpus, make_node=Node):
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(size)
        self._workers = [make_node(f"worker-{i}", cpus) for i in range(size)]

    def workers(self):
        return tuple(self._workers)

    def capacity(self):
        return sum(w.cpus for w in self._workers if w.running)

    def close(self):
        for w in self._workers:
            w.stop()
        self._workers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "cluster-keeps-callers-list", "fails": ["t2"]}
class Node:
    def __init__(self, name, cpus):
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self):
        self.running = False


class Cluster:
    def __init__(self, name, nodes=()):
        self.name = name
        self._nodes = nodes if isinstance(nodes, list) else list(nodes)  # the caller's list itself

    def add(self, node):
        if any(n.name == node.name for n in self._nodes):
            raise ValueError(node.name)
        self._nodes.append(node)

    def remove(self, name):
        for i, node in enumerate(self._nodes):
            if node.name == name:
                return self._nodes.pop(i)
        raise KeyError(name)

    def nodes(self):
        return tuple(self._nodes)

    def capacity(self):
        return sum(n.cpus for n in self._nodes if n.running)

    def close(self):
        self._nodes = []


class WorkerPool:
    def __init__(self, size, cpus, make_node=Node):
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(size)
        self._workers = [make_node(f"worker-{i}", cpus) for i in range(size)]

    def workers(self):
        return tuple(self._workers)

    def capacity(self):
        return sum(w.cpus for w in self._workers if w.running)

    def close(self):
        for w in self._workers:
            w.stop()
        self._workers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "pool-ignores-factory", "fails": ["t3"]}
class Node:
    def __init__(self, name, cpus):
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self):
        self.running = False


class Cluster:
    def __init__(self, name, nodes=()):
        self.name, self._nodes = name, {}
        for node in nodes:
            self.add(node)

    def add(self, node):
        if node.name in self._nodes:
            raise ValueError(node.name)
        self._nodes[node.name] = node

    def remove(self, name):
        return self._nodes.pop(name)

    def nodes(self):
        return tuple(self._nodes.values())

    def capacity(self):
        return sum(n.cpus for n in self._nodes.values() if n.running)

    def close(self):
        self._nodes.clear()


class WorkerPool:
    def __init__(self, size, cpus, make_node=Node):
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(size)
        self._workers = [Node(f"worker-{i}", cpus) for i in range(size)]  # the injected factory is unused

    def workers(self):
        return tuple(self._workers)

    def capacity(self):
        return sum(w.cpus for w in self._workers if w.running)

    def close(self):
        for w in self._workers:
            w.stop()
        self._workers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "pool-forgets-nothing", "fails": ["t3"]}
class Node:
    def __init__(self, name, cpus):
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self):
        self.running = False


class Cluster:
    def __init__(self, name, nodes=()):
        self.name, self._nodes = name, {}
        for node in nodes:
            self.add(node)

    def add(self, node):
        if node.name in self._nodes:
            raise ValueError(node.name)
        self._nodes[node.name] = node

    def remove(self, name):
        return self._nodes.pop(name)

    def nodes(self):
        return tuple(self._nodes.values())

    def capacity(self):
        return sum(n.cpus for n in self._nodes.values() if n.running)

    def close(self):
        self._nodes.clear()


class WorkerPool:
    def __init__(self, size, cpus, make_node=Node):
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(size)
        self._workers = [make_node(f"worker-{i}", cpus) for i in range(size)]

    def workers(self):
        return tuple(self._workers)

    def capacity(self):
        return sum(w.cpus for w in self._workers if w.running)

    def close(self):
        for w in self._workers:
            w.stop()  # stops them, but keeps them: a second close() stops them again

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "exit-swallows-errors", "fails": ["t4"]}
class Node:
    def __init__(self, name, cpus):
        self.name, self.cpus, self.running = name, cpus, True

    def stop(self):
        self.running = False


class Cluster:
    def __init__(self, name, nodes=()):
        self.name, self._nodes = name, {}
        for node in nodes:
            self.add(node)

    def add(self, node):
        if node.name in self._nodes:
            raise ValueError(node.name)
        self._nodes[node.name] = node

    def remove(self, name):
        return self._nodes.pop(name)

    def nodes(self):
        return tuple(self._nodes.values())

    def capacity(self):
        return sum(n.cpus for n in self._nodes.values() if n.running)

    def close(self):
        self._nodes.clear()


class WorkerPool:
    def __init__(self, size, cpus, make_node=Node):
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(size)
        self._workers = [make_node(f"worker-{i}", cpus) for i in range(size)]

    def workers(self):
        return tuple(self._workers)

    def capacity(self):
        return sum(w.cpus for w in self._workers if w.running)

    def close(self):
        for w in self._workers:
            w.stop()
        self._workers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return True  # swallows the exception raised in the with block

# %% [markdown] course={"kind": "exercise", "id": "call-counter"}
# ### Delegation with `__getattr__`: count the calls a client makes
#
# A nightly job is slow and you suspect it asks the object store for every file one by one. Wrap
# its client, without changing the client or the job, in `CallCounter(target)`: an object that
# offers everything the client offers and counts the calls.
#
# - `calls` is the proxy's own `collections.Counter`, empty at first: method name → number of
#   calls. Every proxy has its own.
# - Reading a **public** name the proxy does not have itself is forwarded to `target` through
#   `__getattr__`. If the target's value is callable, return a function that, **when called**,
#   adds one to `calls[name]` and then calls the target's method with the same positional and
#   keyword arguments, returning its result. A call that raises still counts (it was made), and
#   its exception reaches the caller. Merely reading `proxy.get_object` counts nothing.
# - Values that are not callable (`client.region`) are returned as they are, and not counted.
# - A name the target does not have raises `AttributeError`, as the target itself would.
# - Names that start with `_` are **never forwarded**: raise `AttributeError` at once, without
#   asking the target (the lesson on delegation shows why: `copy.copy(proxy)` must work).
#
# ```python
# store = CallCounter(s3_client)
# keys = store.list_objects("logs/")            # forwarded, and counted
# blobs = [store.get_object(k) for k in keys]   # 3 keys: 3 more calls
# store.region                                  # 'eu-west-1': forwarded, not counted
# store.calls                                   # Counter({'get_object': 3, 'list_objects': 1})
# store._credentials                            # AttributeError: not forwarded
# ```

# %% [markdown] course={"kind": "hint"}
# `__getattr__` runs only when normal lookup fails, so `self.calls` and `self._target` (set in
# `__init__`) are found without it. Inside `__getattr__`, check the leading underscore first,
# then `value = getattr(self._target, name)`.

# %% [markdown] course={"kind": "hint"}
# For a callable, define a small inner function `def counted(*args, **kwargs):` that increments
# `self.calls[name]` **before** calling `value(*args, **kwargs)`, and return `counted` (not its
# result). Counting in `__getattr__` itself would count reads, not calls.

# %% course={"kind": "solution"}
import collections


class CallCounter:
    """Forwards public attributes to `target` and counts the calls made through it."""

    def __init__(self, target) -> None:
        ### BEGIN SOLUTION
        self._target = target
        self.calls = collections.Counter()
        ### END SOLUTION

    def __getattr__(self, name: str):
        ### BEGIN SOLUTION
        if name.startswith("_"):
            raise AttributeError(f"CallCounter does not forward the private name {name!r}")
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def counted(*args, **kwargs):
            self.calls[name] += 1
            return value(*args, **kwargs)

        return counted
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class FakeS3:
    region = "eu-west-1"
    _credentials = "AKIA-SECRET"

    def __init__(self) -> None:
        self.objects = {"logs/a": b"1", "logs/b": b"22", "logs/c": b"333", "tmp/x": b""}

    def list_objects(self, prefix: str) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))

    def get_object(self, key: str) -> bytes:
        return self.objects[key]


store = CallCounter(FakeS3())
keys = store.list_objects("logs/")
assert keys == ["logs/a", "logs/b", "logs/c"], "calls are forwarded to the target and return its result"
assert [store.get_object(k) for k in keys] == [b"1", b"22", b"333"]
assert store.calls == {"list_objects": 1, "get_object": 3}, f"one count per call, got {dict(store.calls)}"
assert type(store.calls) is collections.Counter and store.calls["delete_object"] == 0, "calls is a Counter"
assert store.region == "eu-west-1", "non-callable attributes are forwarded as they are"
assert "region" not in store.calls, "...and not counted"

# %% course={"kind": "test", "points": 2}
store = CallCounter(FakeS3())
method = store.get_object
assert store.calls == {}, "reading a method without calling it counts nothing"
method("logs/a")
method(key="logs/b")
assert store.calls == {"get_object": 2}, "each call counts, keyword arguments are passed on"
try:
    store.get_object("missing")
except KeyError:
    pass
else:
    raise AssertionError("the target's KeyError must reach the caller")
assert store.calls["get_object"] == 3, "a call that raised was still made: count it"
try:
    store.delete_bucket
except AttributeError:
    pass
else:
    raise AssertionError("a name the target does not have raises AttributeError")

# %% course={"kind": "test", "points": 2}
import copy


class Nosy:
    """A target that records every name it is asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str):
        self.asked.append(name)
        return lambda: name


target = Nosy()
proxy = CallCounter(target)
assert proxy.anything() == "anything" and target.asked == ["anything"], "public names reach the target"
for private in ("_credentials", "__deepcopy__", "_target_x"):
    try:
        getattr(proxy, private)
    except AttributeError:
        pass
    else:
        raise AssertionError(f"proxy.{private} must raise AttributeError: private names are not forwarded")
assert target.asked == ["anything"], f"private names must not even be asked of the target: {target.asked}"
assert not hasattr(CallCounter(FakeS3()), "_credentials"), "the target's private attribute stays hidden"
try:
    duplicate = copy.copy(CallCounter(FakeS3()))
except RecursionError:
    raise AssertionError("copy.copy(proxy) recursed: __getattr__ forwarded a private name") from None
assert duplicate.get_object("logs/a") == b"1"

# %% course={"kind": "test", "points": 1}
class HasCalls:
    calls = "the target's own attribute"

    def ping(self) -> str:
        return "pong"


first, second = CallCounter(HasCalls()), CallCounter(HasCalls())
first.ping()
first.ping()
assert first.calls == {"ping": 2} and second.calls == {}, "every proxy has its own Counter"
assert type(second.calls) is collections.Counter, "the proxy's own attributes are not forwarded"
### BEGIN HIDDEN TESTS
inner = CallCounter(FakeS3())
outer = CallCounter(inner)
assert outer.list_objects("tmp/") == ["tmp/x"], "proxies nest"
assert outer.calls == {"list_objects": 1} and inner.calls == {"list_objects": 1}
assert outer.region == "eu-west-1" and CallCounter(FakeS3()).get_object("tmp/x") == b"", "falsy results pass through"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "forwards-private-names", "fails": ["t3"]}
import collections


class CallCounter:
    def __init__(self, target):
        self._target = target
        self.calls = collections.Counter()

    def __getattr__(self, name):
        value = getattr(self._target, name)  # every name, _private and __dunder__ ones too
        if not callable(value):
            return value

        def counted(*args, **kwargs):
            self.calls[name] += 1
            return value(*args, **kwargs)

        return counted

# %% course={"kind": "wrong", "id": "counts-reads", "fails": ["t2"]}
import collections


class CallCounter:
    def __init__(self, target):
        self._target = target
        self.calls = collections.Counter()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if callable(value):
            self.calls[name] += 1  # counts when the method is looked up, not when it is called
        return value

# %% course={"kind": "wrong", "id": "counts-after-success", "fails": ["t2"]}
import collections


class CallCounter:
    def __init__(self, target):
        self._target = target
        self.calls = collections.Counter()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def counted(*args, **kwargs):
            result = value(*args, **kwargs)
            self.calls[name] += 1  # never reached when the call raises
            return result

        return counted

# %% course={"kind": "wrong", "id": "counts-everything", "fails": ["t1", "t4"]}
import collections


class CallCounter:
    def __init__(self, target):
        self._target = target
        self.calls = collections.Counter()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)

        def counted(*args, **kwargs):
            self.calls[name] += 1
            return value(*args, **kwargs)

        return counted  # wraps plain values too: store.region is now a function

# %% course={"kind": "wrong", "id": "counter-on-the-class", "fails": ["t2", "t4"]}
import collections


class CallCounter:
    calls = collections.Counter()  # one Counter shared by every proxy

    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def counted(*args, **kwargs):
            self.calls[name] += 1
            return value(*args, **kwargs)

        return counted

# %% [markdown] course={"kind": "exercise", "id": "store-decorators"}
# ### Decorators for an artifact store: retry and cache as wrappers
#
# An artifact store has `get(key)`, which returns bytes, raises `KeyError` for a missing key and
# `ConnectionError` when the network fails, and `put(key, data)`. Write two **wrappers** that
# offer the same two methods, add one behaviour each, and keep the store they wrap in the
# attribute `inner`. Neither inherits from the other or from any store, so they stack in any
# order: `CachingStore(RetryingStore(store, ...), ...)`.
#
# **`RetryingStore(inner, attempts, sleep, delay=1.0)`**
#
# - `get(key)` and `put(key, data)` call the inner method; when it raises `ConnectionError`, call
#   `sleep(delay)` and try again, making at most `attempts` calls in total. The last attempt's
#   error reaches the caller. There is no sleep before the first attempt or after the last.
# - Any other exception (such as the `KeyError` for a missing key) is not retried.
# - `attempts` must be an `int` of at least 1, else `ValueError`. `sleep` is injected
#   (`time.sleep` in production; the tests pass a function that only records).
#
# **`CachingStore(inner, ttl, clock)`**
#
# - `get(key)` returns the cached bytes when they were fetched **less than** `ttl` seconds ago,
#   by the injected `clock()`; otherwise it asks `inner`, remembers the answer with the time, and
#   returns it. A `get` that raises caches nothing.
# - `put(key, data)` writes through to `inner.put` and then forgets the cached entry for `key`,
#   **also when** `inner.put` raised (the store may now hold either version); the error still
#   reaches the caller.
#
# ```python
# store = CachingStore(RetryingStore(bucket, attempts=3, sleep=time.sleep, delay=0.5), ttl=60, clock=time.monotonic)
# store.get("model.pt")    # may retry; then cached for 60 s
# store.get("model.pt")    # from the cache: the bucket is not asked
# ```

# %% [markdown] course={"kind": "hint"}
# For the retries, loop `attempts - 1` times with `try: return operation() except
# ConnectionError: sleep(delay)`, then make the last attempt outside the loop so its error
# propagates by itself. `get` and `put` both pass a `lambda` to that one helper.

# %% [markdown] course={"kind": "hint"}
# Cache `key -> (time fetched, data)`. An entry is fresh while `now - fetched < ttl`. In `put`,
# `try: self.inner.put(key, data)` with `finally: self._cache.pop(key, None)` forgets the entry
# whatever happens.

# %% course={"kind": "solution"}
class RetryingStore:
    """Wraps a store: retries calls that fail with ConnectionError."""

    def __init__(self, inner, attempts: int, sleep, delay: float = 1.0) -> None:
        ### BEGIN SOLUTION
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(f"attempts must be a whole number >= 1, got {attempts!r}")
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        return self._retry(lambda: self.inner.get(key))
        ### END SOLUTION

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        self._retry(lambda: self.inner.put(key, data))
        ### END SOLUTION

    def _retry(self, operation):
        ### BEGIN SOLUTION
        for _ in range(self._attempts - 1):
            try:
                return operation()
            except ConnectionError:
                self._sleep(self._delay)
        return operation()
        ### END SOLUTION


class CachingStore:
    """Wraps a store: answers repeated reads from memory for `ttl` seconds."""

    def __init__(self, inner, ttl: float, clock) -> None:
        ### BEGIN SOLUTION
        self.inner, self._ttl, self._clock = inner, ttl, clock
        self._cache: dict[str, tuple[float, bytes]] = {}
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        now = self._clock()
        if key in self._cache:
            fetched, data = self._cache[key]
            if now - fetched < self._ttl:
                return data
        data = self.inner.get(key)
        self._cache[key] = (now, data)
        return data
        ### END SOLUTION

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        try:
            self.inner.put(key, data)
        finally:
            self._cache.pop(key, None)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class FakeStore:
    """A store in memory that fails its next `failures` calls and logs every call."""

    def __init__(self, data: dict, failures: int = 0) -> None:
        self.data, self.failures, self.log = dict(data), failures, []

    def _maybe_fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("connection reset by peer")

    def get(self, key: str) -> bytes:
        self.log.append(("get", key))
        self._maybe_fail()
        return self.data[key]

    def put(self, key: str, data: bytes) -> None:
        self.log.append(("put", key))
        self._maybe_fail()
        self.data[key] = data


waits: list[float] = []
store = RetryingStore(FakeStore({"model.pt": b"weights"}, failures=2), attempts=3, sleep=waits.append, delay=0.5)
assert store.get("model.pt") == b"weights", "two failures, three attempts: the third one succeeds"
assert waits == [0.5, 0.5], f"sleep(delay) between attempts, none before the first: {waits}"
assert store.inner.log == [("get", "model.pt")] * 3
waits.clear()
store = RetryingStore(FakeStore({"model.pt": b"w"}, failures=3), attempts=3, sleep=waits.append, delay=0.5)
try:
    store.get("model.pt")
except ConnectionError:
    pass
else:
    raise AssertionError("three failures with attempts=3: the ConnectionError reaches the caller")
assert waits == [0.5, 0.5] and len(store.inner.log) == 3, f"3 calls, and no sleep after the last one: {waits}"
waits.clear()
store = RetryingStore(FakeStore({}), attempts=3, sleep=waits.append)
try:
    store.get("missing")
except KeyError:
    pass
else:
    raise AssertionError("a missing key raises KeyError")
assert store.inner.log == [("get", "missing")] and waits == [], "KeyError is not retried"

# %% course={"kind": "test", "points": 1}
waits = []
bucket = FakeStore({}, failures=1)
store = RetryingStore(bucket, attempts=2, sleep=waits.append, delay=2)
assert store.put("a.txt", b"A") is None and bucket.data == {"a.txt": b"A"}, "put() is retried too"
assert waits == [2] and bucket.log == [("put", "a.txt")] * 2
once = RetryingStore(FakeStore({"k": b""}, failures=1), attempts=1, sleep=waits.append)
try:
    once.get("k")
except ConnectionError:
    pass
else:
    raise AssertionError("attempts=1 means one call and no retry")
assert waits == [2], "attempts=1 never sleeps"
assert RetryingStore(FakeStore({"k": b""}), 1, waits.append).get("k") == b"", "empty bytes are data too"
for bad in (0, -1, True, 1.5):
    try:
        RetryingStore(FakeStore({}), bad, waits.append)
    except ValueError:
        pass
    else:
        raise AssertionError(f"attempts={bad!r} must raise ValueError")

# %% course={"kind": "test", "points": 2}
now = [100.0]
bucket = FakeStore({"model.pt": b"v1", "data.csv": b"a,b"})
cache = CachingStore(bucket, ttl=60, clock=lambda: now[0])
assert cache.get("model.pt") == b"v1" and cache.get("model.pt") == b"v1"
assert bucket.log == [("get", "model.pt")], "the second read comes from the cache"
now[0] += 59.5
bucket.data["model.pt"] = b"v2"
assert cache.get("model.pt") == b"v1", "59.5 s old: still fresh"
now[0] += 0.5
assert cache.get("model.pt") == b"v2", "exactly ttl seconds old: expired, ask the store again"
assert cache.get("data.csv") == b"a,b" and len(bucket.log) == 3, "every key has its own entry"
cache.put("model.pt", b"v3")
assert bucket.data["model.pt"] == b"v3", "put() writes through to the inner store"
assert cache.get("model.pt") == b"v3", "after put() the old cached bytes are forgotten"
### BEGIN HIDDEN TESTS
flaky = FakeStore({"k": b"old"}, failures=1)
cache = CachingStore(flaky, ttl=60, clock=lambda: now[0])
try:
    cache.get("k")
except ConnectionError:
    pass
else:
    raise AssertionError("the inner error reaches the caller")
assert cache.get("k") == b"old" and len(flaky.log) == 2, "a failed get caches nothing"
flaky.failures, flaky.data["k"] = 1, b"new"
try:
    cache.put("k", b"newer")
except ConnectionError:
    pass
else:
    raise AssertionError("a failing put raises")
assert cache.get("k") == b"new", "even a failed put forgets the cached entry"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert not issubclass(CachingStore, RetryingStore) and not issubclass(RetryingStore, CachingStore), "wrap, do not inherit"
bucket = FakeStore({"model.pt": b"w"}, failures=1)
retrying = RetryingStore(bucket, attempts=2, sleep=lambda s: None)
stack = CachingStore(retrying, ttl=10, clock=lambda: 0.0)
assert stack.inner is retrying and retrying.inner is bucket, "each wrapper keeps the object it wraps as .inner"
assert [stack.get("model.pt") for _ in range(3)] == [b"w"] * 3 and len(bucket.log) == 2, "cache outside retry"
other = CachingStore(FakeStore({"model.pt": b"other"}), ttl=10, clock=lambda: 0.0)
assert other.get("model.pt") == b"other", "every cache has its own entries"
reverse = RetryingStore(CachingStore(FakeStore({"x": b"1"}), ttl=10, clock=lambda: 0.0), 2, lambda s: None)
assert reverse.get("x") == b"1" and reverse.get("x") == b"1" and len(reverse.inner.inner.log) == 1, "retry outside cache"

# %% course={"kind": "wrong", "id": "sleeps-after-last", "fails": ["t1", "t2"]}
class RetryingStore:
    def __init__(self, inner, attempts, sleep, delay=1.0):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay

    def get(self, key):
        return self._retry(lambda: self.inner.get(key))

    def put(self, key, data):
        self._retry(lambda: self.inner.put(key, data))

    def _retry(self, operation):
        for attempt in range(self._attempts):
            try:
                return operation()
            except ConnectionError:
                self._sleep(self._delay)  # also after the last attempt
                if attempt == self._attempts - 1:
                    raise


class CachingStore:
    def __init__(self, inner, ttl, clock):
        self.inner, self._ttl, self._clock, self._cache = inner, ttl, clock, {}

    def get(self, key):
        now = self._clock()
        if key in self._cache and now - self._cache[key][0] < self._ttl:
            return self._cache[key][1]
        data = self.inner.get(key)
        self._cache[key] = (now, data)
        return data

    def put(self, key, data):
        try:
            self.inner.put(key, data)
        finally:
            self._cache.pop(key, None)

# %% course={"kind": "wrong", "id": "retries-every-error", "fails": ["t1"]}
class RetryingStore:
    def __init__(self, inner, attempts, sleep, delay=1.0):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay

    def get(self, key):
        return self._retry(lambda: self.inner.get(key))

    def put(self, key, data):
        self._retry(lambda: self.inner.put(key, data))

    def _retry(self, operation):
        for _ in range(self._attempts - 1):
            try:
                return operation()
            except Exception:  # a missing key is retried too
                self._sleep(self._delay)
        return operation()


class CachingStore:
    def __init__(self, inner, ttl, clock):
        self.inner, self._ttl, self._clock, self._cache = inner, ttl, clock, {}

    def get(self, key):
        now = self._clock()
        if key in self._cache and now - self._cache[key][0] < self._ttl:
            return self._cache[key][1]
        data = self.inner.get(key)
        self._cache[key] = (now, data)
        return data

    def put(self, key, data):
        try:
            self.inner.put(key, data)
        finally:
            self._cache.pop(key, None)

# %% course={"kind": "wrong", "id": "fresh-at-ttl", "fails": ["t3"]}
class RetryingStore:
    def __init__(self, inner, attempts, sleep, delay=1.0):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay

    def get(self, key):
        return self._retry(lambda: self.inner.get(key))

    def put(self, key, data):
        self._retry(lambda: self.inner.put(key, data))

    def _retry(self, operation):
        for _ in range(self._attempts - 1):
            try:
                return operation()
            except ConnectionError:
                self._sleep(self._delay)
        return operation()


class CachingStore:
    def __init__(self, inner, ttl, clock):
        self.inner, self._ttl, self._clock, self._cache = inner, ttl, clock, {}

    def get(self, key):
        now = self._clock()
        if key in self._cache and now - self._cache[key][0] <= self._ttl:  # still "fresh" at exactly ttl
            return self._cache[key][1]
        data = self.inner.get(key)
        self._cache[key] = (now, data)
        return data

    def put(self, key, data):
        try:
            self.inner.put(key, data)
        finally:
            self._cache.pop(key, None)

# %% course={"kind": "wrong", "id": "forgets-only-on-success", "fails": ["t3"]}
class RetryingStore:
    def __init__(self, inner, attempts, sleep, delay=1.0):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay

    def get(self, key):
        return self._retry(lambda: self.inner.get(key))

    def put(self, key, data):
        self._retry(lambda: self.inner.put(key, data))

    def _retry(self, operation):
        for _ in range(self._attempts - 1):
            try:
                return operation()
            except ConnectionError:
                self._sleep(self._delay)
        return operation()


class CachingStore:
    def __init__(self, inner, ttl, clock):
        self.inner, self._ttl, self._clock, self._cache = inner, ttl, clock, {}

    def get(self, key):
        now = self._clock()
        if key in self._cache and now - self._cache[key][0] < self._ttl:
            return self._cache[key][1]
        data = self.inner.get(key)
        self._cache[key] = (now, data)
        return data

    def put(self, key, data):
        self.inner.put(key, data)
        self._cache.pop(key, None)  # skipped when put raises: the stale entry stays

# %% course={"kind": "wrong", "id": "cache-inherits-retry", "fails": ["t4"]}
class RetryingStore:
    def __init__(self, inner, attempts, sleep, delay=1.0):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay

    def get(self, key):
        return self._retry(lambda: self.inner.get(key))

    def put(self, key, data):
        self._retry(lambda: self.inner.put(key, data))

    def _retry(self, operation):
        for _ in range(self._attempts - 1):
            try:
                return operation()
            except ConnectionError:
                self._sleep(self._delay)
        return operation()


class CachingStore(RetryingStore):  # a cache that IS a retrier: the two features are welded together
    def __init__(self, inner, ttl, clock):
        super().__init__(inner, 1, lambda s: None)
        self._ttl, self._clock, self._cache = ttl, clock, {}

    def get(self, key):
        now = self._clock()
        if key in self._cache and now - self._cache[key][0] < self._ttl:
            return self._cache[key][1]
        data = super().get(key)
        self._cache[key] = (now, data)
        return data

    def put(self, key, data):
        try:
            super().put(key, data)
        finally:
            self._cache.pop(key, None)

# %% course={"kind": "wrong", "id": "one-cache-for-all", "fails": ["t4"]}
class RetryingStore:
    def __init__(self, inner, attempts, sleep, delay=1.0):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.inner, self._attempts, self._sleep, self._delay = inner, attempts, sleep, delay

    def get(self, key):
        return self._retry(lambda: self.inner.get(key))

    def put(self, key, data):
        self._retry(lambda: self.inner.put(key, data))

    def _retry(self, operation):
        for _ in range(self._attempts - 1):
            try:
                return operation()
            except ConnectionError:
                self._sleep(self._delay)
        return operation()


class CachingStore:
    _cache = {}  # a class attribute: every cache shares one dict

    def __init__(self, inner, ttl, clock):
        self.inner, self._ttl, self._clock = inner, ttl, clock

    def get(self, key):
        now = self._clock()
        if key in self._cache and now - self._cache[key][0] < self._ttl:
            return self._cache[key][1]
        data = self.inner.get(key)
        self._cache[key] = (now, data)
        return data

    def put(self, key, data):
        try:
            self.inner.put(key, data)
        finally:
            self._cache.pop(key, None)

# %% [markdown] course={"kind": "exercise", "id": "ml-pipeline", "item": "x-create-a-configurable-pipeline-using"}
# ### A configurable preprocessing pipeline
#
# Feature preprocessing in ML is a chain of *transformers*: each learns something from the
# training data in `fit(values)` (which returns the transformer itself) and applies it in
# `transform(values)` (which returns a new list). Three are given: `MeanCenter` (learns the mean,
# subtracts it), `Clip(low, high)` and `Scale(factor)`, plus `REGISTRY`, which maps the type
# names `"center"`, `"clip"`, `"scale"` to those classes. Compose them: `Pipeline(steps)`, where
# `steps` is a list of `(name, transformer)` pairs.
#
# - **Checks.** At least one step; every name a non-empty `str`, and no name twice: else
#   `ValueError`. A transformer without callable `fit` and `transform` methods: `TypeError`
#   naming the step.
# - **Aggregation.** The pipeline keeps the very transformer objects it is given (no copies), so
#   what they learn can be inspected afterwards: `step(name)` returns that object (`KeyError` for
#   an unknown name), and `names()` returns the names in order, as a tuple.
# - **`fit(values)`** fits each step **on the output of the steps before it**: the first on
#   `values`, the second on the first one's `transform(values)`, and so on. The last step is
#   fitted but its `transform` is not called (nobody needs that output). Returns the pipeline,
#   so that `pipeline.fit(train).transform(test)` works.
# - **`transform(values)`** passes the values through every step's `transform`, in order, and
#   fits nothing. Before the first `fit` it raises `RuntimeError`.
# - **`Pipeline.from_config(spec, registry)`**, a factory `classmethod`: `spec` is a list of
#   dicts such as `{"name": "clip", "type": "clip", "low": -3, "high": 3}`. Each becomes the
#   step `(name, registry[type](**the other keys))`. A `type` that is missing or not in the
#   registry raises `ValueError` naming it. The caller's dicts must not change.
#
# ```python
# pipeline = Pipeline([("center", MeanCenter()), ("clip", Clip(-1, 1))])
# pipeline.fit([1.0, 2.0, 3.0, 4.0, 5.0]).transform([3.0, 5.0, 9.0])   # [0.0, 1, 1]: centred on 3, clipped
# pipeline.step("center").mean                                         # 3.0
# Pipeline.from_config([{"name": "x10", "type": "scale", "factor": 10}], REGISTRY).names()   # ('x10',)
# ```

# %% [markdown] course={"kind": "hint"}
# In `fit`, keep a variable `current` that starts as `values`. For every step except the last:
# `transformer.fit(current)`, then `current = transformer.transform(current)`. Then fit the last
# one on `current`. A flag `self._fitted` set at the end lets `transform` refuse to run early.

# %% [markdown] course={"kind": "hint"}
# In `from_config`, build the keyword arguments with a comprehension that skips `"name"` and
# `"type"` instead of `pop`ping them from the caller's dict, and end with `return cls(steps)`
# so the constructor's checks run on configured pipelines too.

# %% course={"kind": "solution"}
class MeanCenter:
    """Given: subtracts the mean that fit() learned."""

    def __init__(self) -> None:
        self.mean: float | None = None

    def fit(self, values: list[float]) -> "MeanCenter":
        self.mean = sum(values) / len(values)
        return self

    def transform(self, values: list[float]) -> list[float]:
        if self.mean is None:
            raise RuntimeError("MeanCenter is not fitted")
        return [v - self.mean for v in values]


class Clip:
    """Given: limits values to [low, high]; nothing to learn."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def fit(self, values: list[float]) -> "Clip":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [min(max(v, self.low), self.high) for v in values]


class Scale:
    """Given: multiplies by a factor; nothing to learn."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def fit(self, values: list[float]) -> "Scale":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [v * self.factor for v in values]


REGISTRY = {"center": MeanCenter, "clip": Clip, "scale": Scale}


class Pipeline:
    """Named transformers, fitted and applied in order."""

    def __init__(self, steps: list[tuple[str, object]]) -> None:
        ### BEGIN SOLUTION
        steps = list(steps)
        if not steps:
            raise ValueError("a pipeline needs at least one step")
        for name, transformer in steps:
            if not isinstance(name, str) or not name:
                raise ValueError(f"step names must be non-empty strings, got {name!r}")
            if not (callable(getattr(transformer, "fit", None)) and callable(getattr(transformer, "transform", None))):
                raise TypeError(f"step {name!r} needs fit() and transform() methods")
        if len({name for name, _ in steps}) != len(steps):
            raise ValueError(f"step names must be unique: {[name for name, _ in steps]}")
        self._steps = steps
        self._fitted = False
        ### END SOLUTION

    @classmethod
    def from_config(cls, spec: list[dict], registry: dict) -> "Pipeline":
        ### BEGIN SOLUTION
        steps = []
        for entry in spec:
            kind = entry.get("type")
            if kind not in registry:
                raise ValueError(f"unknown transformer type {kind!r} in step {entry.get('name')!r}")
            options = {key: value for key, value in entry.items() if key not in ("name", "type")}
            steps.append((entry["name"], registry[kind](**options)))
        return cls(steps)
        ### END SOLUTION

    def names(self) -> tuple[str, ...]:
        ### BEGIN SOLUTION
        return tuple(name for name, _ in self._steps)
        ### END SOLUTION

    def step(self, name: str):
        ### BEGIN SOLUTION
        for step_name, transformer in self._steps:
            if step_name == name:
                return transformer
        raise KeyError(name)
        ### END SOLUTION

    def fit(self, values: list[float]) -> "Pipeline":
        ### BEGIN SOLUTION
        current = values
        for _, transformer in self._steps[:-1]:
            transformer.fit(current)
            current = transformer.transform(current)
        self._steps[-1][1].fit(current)
        self._fitted = True
        return self
        ### END SOLUTION

    def transform(self, values: list[float]) -> list[float]:
        ### BEGIN SOLUTION
        if not self._fitted:
            raise RuntimeError("the pipeline is not fitted: call fit() first")
        for _, transformer in self._steps:
            values = transformer.transform(values)
        return values
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
pipeline = Pipeline([("center", MeanCenter()), ("clip", Clip(-1, 1))])
assert pipeline.fit([1.0, 2.0, 3.0, 4.0, 5.0]) is pipeline, "fit() returns the pipeline itself"
assert pipeline.transform([3.0, 5.0, 9.0]) == [0.0, 1, 1], f"centre on 3, then clip: {pipeline.transform([3.0, 5.0, 9.0])}"
assert pipeline.step("center").mean == 3.0, "the MeanCenter given learned the mean"
assert pipeline.names() == ("center", "clip"), "names() in order, as a tuple"

# %% course={"kind": "test", "points": 2}
class Recorder:
    """A fake transformer: logs every call (with a copy of its input) and adds `add` in transform."""

    def __init__(self, label: str, log: list, add: float = 0.0) -> None:
        self.label, self.log, self.add = label, log, add

    def fit(self, values):
        self.log.append((self.label, "fit", list(values)))
        return self

    def transform(self, values):
        self.log.append((self.label, "transform", list(values)))
        return [v + self.add for v in values]


log: list = []
steps = [("a", Recorder("a", log, 10)), ("b", Recorder("b", log, 100)), ("c", Recorder("c", log))]
Pipeline(steps).fit([1, 2])
assert log == [
    ("a", "fit", [1, 2]),
    ("a", "transform", [1, 2]),
    ("b", "fit", [11, 12]),
    ("b", "transform", [11, 12]),
    ("c", "fit", [111, 112]),
], f"each step is fitted on the output of the steps before it; the last one is not transformed: {log}"
### BEGIN HIDDEN TESTS
log.clear()
Pipeline([("only", Recorder("only", log, 1))]).fit([])
assert log == [("only", "fit", [])], "a one-step pipeline fits its step on the input (even an empty list)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
log = []
first, second = Recorder("a", log, 10), Recorder("b", log, 100)
pipeline = Pipeline([("a", first), ("b", second)])
try:
    pipeline.transform([1])
except RuntimeError:
    pass
else:
    raise AssertionError("transform() before fit() raises RuntimeError")
pipeline.fit([0])
log.clear()
assert pipeline.transform([1, 2]) == [111, 112], "transform() runs every step in order"
assert log == [("a", "transform", [1, 2]), ("b", "transform", [11, 12])], f"and fits nothing: {log}"
assert pipeline.step("a") is first and pipeline.step("b") is second, "step() returns the very objects given"
center = MeanCenter()
Pipeline([("scale", Scale(2)), ("center", center)]).fit([1.0, 2.0, 6.0])
assert center.mean == 6.0, "the transformer you passed in is the one that learned (mean of [2, 4, 12])"
try:
    pipeline.step("c")
except KeyError:
    pass
else:
    raise AssertionError("step() of an unknown name raises KeyError")
### BEGIN HIDDEN TESTS
data = [5.0, 1.0, 3.0]
fitted = Pipeline([("center", MeanCenter()), ("x2", Scale(2))]).fit(data)
assert fitted.transform(data) == [4.0, -4.0, 0.0] and data == [5.0, 1.0, 3.0], "the input list is unchanged"
assert Pipeline([("s", Scale(3))]).fit([]).transform([]) == [] and type(fitted.names()) is tuple
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def raises(error, steps) -> bool:
    try:
        Pipeline(steps)
    except error:
        return True
    return False


assert raises(ValueError, []), "a pipeline needs at least one step"
assert raises(ValueError, [("x", Scale(1)), ("x", Clip(0, 1))]), "step names are unique"
assert raises(ValueError, [("", Scale(1))]) and raises(ValueError, [(3, Scale(1))]), "names are non-empty strings"
assert raises(TypeError, [("ok", Scale(1)), ("bad", object())]), "a step needs fit() and transform()"
### BEGIN HIDDEN TESTS
class FitOnly:
    def fit(self, values):
        return self


class NotCallable:
    fit = transform = "not a method"


assert raises(TypeError, [("half", FitOnly())]) and raises(TypeError, [("odd", NotCallable())])
assert not raises(ValueError, [("ünï", Scale(1)), ("b", Scale(1))])
assert raises(ValueError, iter([])), "an empty iterator of steps is empty too"
assert Pipeline(iter([("a", Scale(1)), ("b", Scale(2))])).names() == ("a", "b"), "any iterable of pairs works"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
spec = [
    {"name": "center", "type": "center"},
    {"name": "clip", "type": "clip", "low": -1, "high": 1},
    {"name": "x10", "type": "scale", "factor": 10},
]
original = [dict(entry) for entry in spec]
pipeline = Pipeline.from_config(spec, REGISTRY)
assert type(pipeline) is Pipeline and pipeline.names() == ("center", "clip", "x10"), "one step per entry, in order"
assert type(pipeline.step("clip")) is Clip and (pipeline.step("clip").low, pipeline.step("clip").high) == (-1, 1)
assert pipeline.fit([0.0, 2.0, 4.0]).transform([1.0, 2.0, 5.0]) == [-10, 0.0, 10], "the configured pipeline works"
assert spec == original, "from_config must not change the caller's dicts"
for bad in ([{"name": "norm", "type": "normalise"}], [{"name": "oops"}]):
    try:
        Pipeline.from_config(bad, REGISTRY)
    except ValueError as err:
        assert repr(bad[0].get("type")) in str(err), f"the message names the bad type: {err}"
    else:
        raise AssertionError(f"{bad}: an unknown or missing type raises ValueError")
### BEGIN HIDDEN TESTS
try:
    Pipeline.from_config([{"name": "a", "type": "scale", "factor": 1}, {"name": "a", "type": "clip", "low": 0, "high": 1}], REGISTRY)
except ValueError:
    pass
else:
    raise AssertionError("configured pipelines get the same checks (duplicate names)")
try:
    Pipeline.from_config([], REGISTRY)
except ValueError:
    pass
else:
    raise AssertionError("an empty config is an empty pipeline: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fits-on-raw-input", "fails": ["t2", "t3"]}
class MeanCenter:
    """Given: subtracts the mean that fit() learned."""

    def __init__(self) -> None:
        self.mean: float | None = None

    def fit(self, values: list[float]) -> "MeanCenter":
        self.mean = sum(values) / len(values)
        return self

    def transform(self, values: list[float]) -> list[float]:
        if self.mean is None:
            raise RuntimeError("MeanCenter is not fitted")
        return [v - self.mean for v in values]


class Clip:
    """Given: limits values to [low, high]; nothing to learn."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def fit(self, values: list[float]) -> "Clip":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [min(max(v, self.low), self.high) for v in values]


class Scale:
    """Given: multiplies by a factor; nothing to learn."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def fit(self, values: list[float]) -> "Scale":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [v * self.factor for v in values]


REGISTRY = {"center": MeanCenter, "clip": Clip, "scale": Scale}


class Pipeline:
    def __init__(self, steps):
        steps = list(steps)
        if not steps:
            raise ValueError("no steps")
        for name, transformer in steps:
            if not isinstance(name, str) or not name:
                raise ValueError(name)
            if not (callable(getattr(transformer, "fit", None)) and callable(getattr(transformer, "transform", None))):
                raise TypeError(name)
        if len({name for name, _ in steps}) != len(steps):
            raise ValueError("duplicate step names")
        self._steps, self._fitted = steps, False

    @classmethod
    def from_config(cls, spec, registry):
        steps = []
        for entry in spec:
            if entry.get("type") not in registry:
                raise ValueError(f"unknown transformer type {entry.get('type')!r}")
            options = {k: v for k, v in entry.items() if k not in ("name", "type")}
            steps.append((entry["name"], registry[entry["type"]](**options)))
        return cls(steps)

    def names(self):
        return tuple(name for name, _ in self._steps)

    def step(self, name):
        for step_name, transformer in self._steps:
            if step_name == name:
                return transformer
        raise KeyError(name)

    def fit(self, values):
        for _, transformer in self._steps:
            transformer.fit(values)  # every step learns from the raw values, not from its input
        self._fitted = True
        return self

    def transform(self, values):
        if not self._fitted:
            raise RuntimeError("pipeline is not fitted")
        for _, transformer in self._steps:
            values = transformer.transform(values)
        return values

# %% course={"kind": "wrong", "id": "transforms-last-step-in-fit", "fails": ["t2"]}
class MeanCenter:
    """Given: subtracts the mean that fit() learned."""

    def __init__(self) -> None:
        self.mean: float | None = None

    def fit(self, values: list[float]) -> "MeanCenter":
        self.mean = sum(values) / len(values)
        return self

    def transform(self, values: list[float]) -> list[float]:
        if self.mean is None:
            raise RuntimeError("MeanCenter is not fitted")
        return [v - self.mean for v in values]


class Clip:
    """Given: limits values to [low, high]; nothing to learn."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def fit(self, values: list[float]) -> "Clip":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [min(max(v, self.low), self.high) for v in values]


class Scale:
    """Given: multiplies by a factor; nothing to learn."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def fit(self, values: list[float]) -> "Scale":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [v * self.factor for v in values]


REGISTRY = {"center": MeanCenter, "clip": Clip, "scale": Scale}


class Pipeline:
    def __init__(self, steps):
        steps = list(steps)
        if not steps:
            raise ValueError("no steps")
        for name, transformer in steps:
            if not isinstance(name, str) or not name:
                raise ValueError(name)
            if not (callable(getattr(transformer, "fit", None)) and callable(getattr(transformer, "transform", None))):
                raise TypeError(name)
        if len({name for name, _ in steps}) != len(steps):
            raise ValueError("duplicate step names")
        self._steps, self._fitted = steps, False

    @classmethod
    def from_config(cls, spec, registry):
        steps = []
        for entry in spec:
            if entry.get("type") not in registry:
                raise ValueError(f"unknown transformer type {entry.get('type')!r}")
            options = {k: v for k, v in entry.items() if k not in ("name", "type")}
            steps.append((entry["name"], registry[entry["type"]](**options)))
        return cls(steps)

    def names(self):
        return tuple(name for name, _ in self._steps)

    def step(self, name):
        for step_name, transformer in self._steps:
            if step_name == name:
                return transformer
        raise KeyError(name)

    def fit(self, values):
        for _, transformer in self._steps:
            transformer.fit(values)
            values = transformer.transform(values)  # one transform too many: the last output is thrown away
        self._fitted = True
        return self

    def transform(self, values):
        if not self._fitted:
            raise RuntimeError("pipeline is not fitted")
        for _, transformer in self._steps:
            values = transformer.transform(values)
        return values

# %% course={"kind": "wrong", "id": "transform-refits", "fails": ["t1", "t3", "t5"]}
class MeanCenter:
    """Given: subtracts the mean that fit() learned."""

    def __init__(self) -> None:
        self.mean: float | None = None

    def fit(self, values: list[float]) -> "MeanCenter":
        self.mean = sum(values) / len(values)
        return self

    def transform(self, values: list[float]) -> list[float]:
        if self.mean is None:
            raise RuntimeError("MeanCenter is not fitted")
        return [v - self.mean for v in values]


class Clip:
    """Given: limits values to [low, high]; nothing to learn."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def fit(self, values: list[float]) -> "Clip":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [min(max(v, self.low), self.high) for v in values]


class Scale:
    """Given: multiplies by a factor; nothing to learn."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def fit(self, values: list[float]) -> "Scale":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [v * self.factor for v in values]


REGISTRY = {"center": MeanCenter, "clip": Clip, "scale": Scale}


class Pipeline:
    def __init__(self, steps):
        steps = list(steps)
        if not steps:
            raise ValueError("no steps")
        for name, transformer in steps:
            if not isinstance(name, str) or not name:
                raise ValueError(name)
            if not (callable(getattr(transformer, "fit", None)) and callable(getattr(transformer, "transform", None))):
                raise TypeError(name)
        if len({name for name, _ in steps}) != len(steps):
            raise ValueError("duplicate step names")
        self._steps, self._fitted = steps, False

    @classmethod
    def from_config(cls, spec, registry):
        steps = []
        for entry in spec:
            if entry.get("type") not in registry:
                raise ValueError(f"unknown transformer type {entry.get('type')!r}")
            options = {k: v for k, v in entry.items() if k not in ("name", "type")}
            steps.append((entry["name"], registry[entry["type"]](**options)))
        return cls(steps)

    def names(self):
        return tuple(name for name, _ in self._steps)

    def step(self, name):
        for step_name, transformer in self._steps:
            if step_name == name:
                return transformer
        raise KeyError(name)

    def fit(self, values):
        current = values
        for _, transformer in self._steps[:-1]:
            transformer.fit(current)
            current = transformer.transform(current)
        self._steps[-1][1].fit(current)
        self._fitted = True
        return self

    def transform(self, values):
        if not self._fitted:
            raise RuntimeError("pipeline is not fitted")
        for _, transformer in self._steps:
            values = transformer.fit(values).transform(values)  # learns from the data it should only transform
        return values

# %% course={"kind": "wrong", "id": "copies-the-steps", "fails": ["t2", "t3"]}
class MeanCenter:
    """Given: subtracts the mean that fit() learned."""

    def __init__(self) -> None:
        self.mean: float | None = None

    def fit(self, values: list[float]) -> "MeanCenter":
        self.mean = sum(values) / len(values)
        return self

    def transform(self, values: list[float]) -> list[float]:
        if self.mean is None:
            raise RuntimeError("MeanCenter is not fitted")
        return [v - self.mean for v in values]


class Clip:
    """Given: limits values to [low, high]; nothing to learn."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def fit(self, values: list[float]) -> "Clip":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [min(max(v, self.low), self.high) for v in values]


class Scale:
    """Given: multiplies by a factor; nothing to learn."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def fit(self, values: list[float]) -> "Scale":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [v * self.factor for v in values]


REGISTRY = {"center": MeanCenter, "clip": Clip, "scale": Scale}


import copy


class Pipeline:
    def __init__(self, steps):
        steps = list(steps)
        if not steps:
            raise ValueError("no steps")
        for name, transformer in steps:
            if not isinstance(name, str) or not name:
                raise ValueError(name)
            if not (callable(getattr(transformer, "fit", None)) and callable(getattr(transformer, "transform", None))):
                raise TypeError(name)
        if len({name for name, _ in steps}) != len(steps):
            raise ValueError("duplicate step names")
        self._steps = [(n, copy.deepcopy(t)) for n, t in steps]  # fitted state ends up in copies
        self._fitted = False

    @classmethod
    def from_config(cls, spec, registry):
        steps = []
        for entry in spec:
            if entry.get("type") not in registry:
                raise ValueError(f"unknown transformer type {entry.get('type')!r}")
            options = {k: v for k, v in entry.items() if k not in ("name", "type")}
            steps.append((entry["name"], registry[entry["type"]](**options)))
        return cls(steps)

    def names(self):
        return tuple(name for name, _ in self._steps)

    def step(self, name):
        for step_name, transformer in self._steps:
            if step_name == name:
                return transformer
        raise KeyError(name)

    def fit(self, values):
        current = values
        for _, transformer in self._steps[:-1]:
            transformer.fit(current)
            current = transformer.transform(current)
        self._steps[-1][1].fit(current)
        self._fitted = True
        return self

    def transform(self, values):
        if not self._fitted:
            raise RuntimeError("pipeline is not fitted")
        for _, transformer in self._steps:
            values = transformer.transform(values)
        return values

# %% course={"kind": "wrong", "id": "pops-config-keys", "fails": ["t5"]}
class MeanCenter:
    """Given: subtracts the mean that fit() learned."""

    def __init__(self) -> None:
        self.mean: float | None = None

    def fit(self, values: list[float]) -> "MeanCenter":
        self.mean = sum(values) / len(values)
        return self

    def transform(self, values: list[float]) -> list[float]:
        if self.mean is None:
            raise RuntimeError("MeanCenter is not fitted")
        return [v - self.mean for v in values]


class Clip:
    """Given: limits values to [low, high]; nothing to learn."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def fit(self, values: list[float]) -> "Clip":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [min(max(v, self.low), self.high) for v in values]


class Scale:
    """Given: multiplies by a factor; nothing to learn."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def fit(self, values: list[float]) -> "Scale":
        return self

    def transform(self, values: list[float]) -> list[float]:
        return [v * self.factor for v in values]


REGISTRY = {"center": MeanCenter, "clip": Clip, "scale": Scale}


class Pipeline:
    def __init__(self, steps):
        steps = list(steps)
        if not steps:
            raise ValueError("no steps")
        for name, transformer in steps:
            if not isinstance(name, str) or not name:
                raise ValueError(name)
            if not (callable(getattr(transformer, "fit", None)) and callable(getattr(transformer, "transform", None))):
                raise TypeError(name)
        if len({name for name, _ in steps}) != len(steps):
            raise ValueError("duplicate step names")
        self._steps, self._fitted = steps, False

    @classmethod
    def from_config(cls, spec, registry):
        steps = []
        for entry in spec:
            kind, name = entry.pop("type", None), entry.pop("name", None)  # empties the caller's config
            if kind not in registry:
                raise ValueError(f"unknown transformer type {kind!r}")
            steps.append((name, registry[kind](**entry)))
        return cls(steps)

    def names(self):
        return tuple(name for name, _ in self._steps)

    def step(self, name):
        for step_name, transformer in self._steps:
            if step_name == name:
                return transformer
        raise KeyError(name)

    def fit(self, values):
        current = values
        for _, transformer in self._steps[:-1]:
            transformer.fit(current)
            current = transformer.transform(current)
        self._steps[-1][1].fit(current)
        self._fitted = True
        return self

    def transform(self, values):
        if not self._fitted:
            raise RuntimeError("pipeline is not fitted")
        for _, transformer in self._steps:
            values = transformer.transform(values)
        return values

# %% [markdown] course={"kind": "exercise", "id": "sort-strategies", "item": "x-implement-the-strategy-pattern-for"}
# ### Strategy: interchangeable sorting algorithms
#
# A report tool sorts hosts by load and jobs by duration. Which algorithm does the sorting is a
# **strategy**: an object with one method, `sort(items, key=None)`, that the tool holds and can
# swap. Every strategy's `sort`:
#
# - takes any iterable of items and returns a **new list**, in ascending order of `key(item)`
#   (of the item itself when `key` is `None`), without changing the input;
# - is **stable**: items with equal keys keep their input order;
# - calls `key` exactly **once per item**, and compares keys **only with `<`**.
#
# Write two algorithms and two classes that use them:
#
# - `InsertionSort`: takes the items one by one and walks each new one left past the items whose
#   keys are larger. On input already in order it makes exactly `n - 1` comparisons.
# - `MergeSort`: splits the items in halves, sorts each half, merges them. At most
#   `n * ceil(log2(n))` comparisons, whatever the input.
# - `AdaptiveSort(small, large, threshold=16)`: a strategy **made of two strategies**. It turns
#   the items into a list and hands it, with `key`, to `small` when there are fewer than
#   `threshold` items, else to `large`, and returns that strategy's result.
# - `Sorter(strategy)`: the tool's side. It keeps the strategy in the public attribute
#   `strategy`, which may be replaced at any time; `sort(items, key=None)` passes its arguments
#   unchanged to the current strategy's `sort` and returns what it returns.
#
# ```python
# hosts = [("web-1", 0.72), ("db-1", 0.31), ("web-2", 0.31)]
# sorter = Sorter(InsertionSort())
# sorter.sort(hosts, key=lambda h: h[1])      # [('db-1', 0.31), ('web-2', 0.31), ('web-1', 0.72)]
# sorter.strategy = MergeSort()               # same answer, n log n comparisons
# Sorter(AdaptiveSort(InsertionSort(), MergeSort())).sort(range(5, 0, -1))   # [1, 2, 3, 4, 5]
# ```

# %% [markdown] course={"kind": "hint"}
# Compute the keys first, once: keep `(key, item)` pairs, or a list of keys beside a list of
# items. Then compare only the keys (`pair[0]`): comparing whole tuples would compare the items
# on ties, which may not even be comparable.

# %% [markdown] course={"kind": "hint"}
# Insertion: `i = len(keys)`, then `while i > 0 and k < keys[i - 1]: i -= 1`, then insert at
# `i`. Merge: when merging, take from the right half only when its key is strictly smaller
# (`right[j][0] < left[i][0]`); on ties take the left one: that is what makes it stable.

# %% course={"kind": "solution"}
class InsertionSort:
    """Good for small or nearly sorted inputs: n - 1 comparisons on sorted input."""

    def sort(self, items, key=None) -> list:
        ### BEGIN SOLUTION
        keys, result = [], []
        for item in items:
            k = item if key is None else key(item)
            i = len(keys)
            while i > 0 and k < keys[i - 1]:
                i -= 1
            keys.insert(i, k)
            result.insert(i, item)
        return result
        ### END SOLUTION


class MergeSort:
    """n log n comparisons on any input, and stable."""

    def sort(self, items, key=None) -> list:
        ### BEGIN SOLUTION
        def merge_sort(pairs: list) -> list:
            if len(pairs) <= 1:
                return pairs
            mid = len(pairs) // 2
            left, right = merge_sort(pairs[:mid]), merge_sort(pairs[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if right[j][0] < left[i][0]:
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            return merged + left[i:] + right[j:]

        return [item for _, item in merge_sort([(item if key is None else key(item), item) for item in items])]
        ### END SOLUTION


class AdaptiveSort:
    """A strategy made of two: `small` below `threshold` items, `large` from there on."""

    def __init__(self, small, large, threshold: int = 16) -> None:
        ### BEGIN SOLUTION
        self.small, self.large, self.threshold = small, large, threshold
        ### END SOLUTION

    def sort(self, items, key=None) -> list:
        ### BEGIN SOLUTION
        items = list(items)
        chosen = self.small if len(items) < self.threshold else self.large
        return chosen.sort(items, key)
        ### END SOLUTION


class Sorter:
    """Sorts with whatever strategy it currently holds."""

    def __init__(self, strategy) -> None:
        ### BEGIN SOLUTION
        self.strategy = strategy
        ### END SOLUTION

    def sort(self, items, key=None) -> list:
        ### BEGIN SOLUTION
        return self.strategy.sort(items, key)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
for strategy in (InsertionSort(), MergeSort()):
    name = type(strategy).__name__
    given = [5, 3, 9, 1, 3]
    result = strategy.sort(given)
    assert result == [1, 3, 3, 5, 9] and type(result) is list, f"{name}: ascending order, as a new list; got {result!r}"
    assert given == [5, 3, 9, 1, 3], f"{name}: the input list must not change"
    hosts = [("web-1", 0.72), ("db-1", 0.31), ("web-2", 0.5)]
    assert strategy.sort(hosts, key=lambda h: h[1]) == [("db-1", 0.31), ("web-2", 0.5), ("web-1", 0.72)], f"{name}: key"
    assert strategy.sort([]) == [] and strategy.sort((7,)) == [7], f"{name}: empty and one-item inputs"
    assert strategy.sort(["b", "a", "B"], key=str.lower) == ["a", "b", "B"], f"{name}: keys are what is compared"
### BEGIN HIDDEN TESTS
for strategy in (InsertionSort(), MergeSort()):
    assert strategy.sort(x for x in [2, 1]) == [1, 2], "a generator works too"
    assert strategy.sort(iter([])) == [] and strategy.sort((-1, -5, 0)) == [-5, -1, 0]
    assert strategy.sort([2, 1, 2, 1, 0, 2]) == [0, 1, 1, 2, 2, 2]
    assert strategy.sort(range(30, 0, -1)) == list(range(1, 31))
    assert strategy.sort([[3], [1], [2]]) == [[1], [2], [3]]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
jobs = [("lint", 2), ("build", 5), ("test", 2), ("deploy", 5), ("docs", 1), ("scan", 2)]
for strategy in (InsertionSort(), MergeSort()):
    name = type(strategy).__name__
    expected = [("docs", 1), ("lint", 2), ("test", 2), ("scan", 2), ("build", 5), ("deploy", 5)]
    assert strategy.sort(jobs, key=lambda j: j[1]) == expected, f"{name}: equal keys keep their input order (stable)"
    asked: list = []
    strategy.sort(jobs, key=lambda j: asked.append(j) or j[1])
    assert sorted(asked) == sorted(jobs), f"{name}: key is called exactly once per item, got {len(asked)} calls for 6"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(54)
records = [(rng.randrange(5), i) for i in range(200)]
for strategy in (InsertionSort(), MergeSort()):
    asked = []
    out = strategy.sort(records, key=lambda r: asked.append(r) or r[0])
    assert out == sorted(records, key=lambda r: r[0]) and len(asked) == 200, "stable and one key call each, at scale"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random


class OnlyLess:
    """A key that counts its `<` comparisons in `tally`; it offers no other comparison."""

    def __init__(self, value: int, tally: list) -> None:
        self.value, self.tally = value, tally

    def __lt__(self, other: "OnlyLess") -> bool:
        self.tally[0] += 1
        return self.value < other.value


def comparisons(strategy, values: list) -> int:
    tally = [0]
    out = strategy.sort([OnlyLess(v, tally) for v in values])
    assert [o.value for o in out] == sorted(values), f"{type(strategy).__name__} sorted wrongly"
    return tally[0]


assert comparisons(InsertionSort(), list(range(50))) == 49, "InsertionSort on sorted input: n - 1 comparisons"
assert comparisons(MergeSort(), list(range(1024, 0, -1))) <= 1024 * 10, "MergeSort: at most n log2 n comparisons"
### BEGIN HIDDEN TESTS
assert comparisons(InsertionSort(), list(range(40, 0, -1))) == 40 * 39 // 2, "insertion walks every item all the way left"
shuffled = list(range(1000))
random.Random(7).shuffle(shuffled)
assert comparisons(MergeSort(), shuffled) <= 1000 * 10 and comparisons(MergeSort(), list(range(1000))) <= 1000 * 10
assert comparisons(InsertionSort(), [1]) == 0 and comparisons(MergeSort(), [2, 1]) == 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class Recording:
    """A fake strategy: records what it was given and returns a marker list."""

    def __init__(self) -> None:
        self.given: list = []
        self.result = ["sorted by the fake"]

    def sort(self, items, key=None):
        self.given.append((items, key))
        return self.result


small, large = Recording(), Recording()
adaptive = AdaptiveSort(small, large)
by_size = len
assert adaptive.sort(range(15), key=by_size) is small.result, "15 items (< 16): the small strategy's result"
assert small.given == [(list(range(15)), by_size)] and type(small.given[0][0]) is list, "it gets a list and the key"
assert adaptive.sort(iter(range(16))) is large.result, "16 items: the large strategy"
assert large.given == [(list(range(16)), None)] and len(small.given) == 1
### BEGIN HIDDEN TESTS
tiny = AdaptiveSort(small, large, threshold=1)
tiny.sort([])
tiny.sort([0])
assert len(small.given) == 2 and len(large.given) == 2, "threshold=1: only an empty input goes to small"
assert AdaptiveSort(InsertionSort(), MergeSort()).sort(range(20, 0, -1)) == list(range(1, 21))
assert AdaptiveSort(InsertionSort(), MergeSort()).threshold == 16
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
first, second = Recording(), Recording()
sorter = Sorter(first)
items, key = [3, 1, 2], abs
assert sorter.sort(items, key=key) is first.result, "Sorter returns what its strategy returns"
assert first.given[0][0] is items and first.given[0][1] is key, "Sorter passes its arguments on unchanged"
sorter.strategy = second
sorter.sort(items)
assert len(first.given) == 1 and second.given == [(items, None)], "after replacing .strategy, the new one is used"
assert Sorter(MergeSort()).sort([2, 3, 1]) == [1, 2, 3] and Sorter(InsertionSort()).strategy.sort([1]) == [1]

# %% course={"kind": "wrong", "id": "insertion-in-place", "fails": ["t1", "t2"]}
class InsertionSort:
    def sort(self, items, key=None):
        key = key or (lambda item: item)
        for n in range(1, len(items)):  # sorts the caller's list itself
            item, k, i = items[n], key(items[n]), n
            while i > 0 and k < key(items[i - 1]):
                items[i] = items[i - 1]
                i -= 1
            items[i] = item
        return items


class MergeSort:
    def sort(self, items, key=None):
        def merge_sort(pairs):
            if len(pairs) <= 1:
                return pairs
            mid = len(pairs) // 2
            left, right = merge_sort(pairs[:mid]), merge_sort(pairs[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if right[j][0] < left[i][0]:
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            return merged + left[i:] + right[j:]

        return [item for _, item in merge_sort([(item if key is None else key(item), item) for item in items])]


class AdaptiveSort:
    def __init__(self, small, large, threshold=16):
        self.small, self.large, self.threshold = small, large, threshold

    def sort(self, items, key=None):
        items = list(items)
        chosen = self.small if len(items) < self.threshold else self.large
        return chosen.sort(items, key)


class Sorter:
    def __init__(self, strategy):
        self.strategy = strategy

    def sort(self, items, key=None):
        return self.strategy.sort(items, key)

# %% course={"kind": "wrong", "id": "merge-takes-right-on-ties", "fails": ["t1", "t2"]}
class InsertionSort:
    def sort(self, items, key=None):
        keys, result = [], []
        for item in items:
            k = item if key is None else key(item)
            i = len(keys)
            while i > 0 and k < keys[i - 1]:
                i -= 1
            keys.insert(i, k)
            result.insert(i, item)
        return result


class MergeSort:
    def sort(self, items, key=None):
        def merge_sort(pairs):
            if len(pairs) <= 1:
                return pairs
            mid = len(pairs) // 2
            left, right = merge_sort(pairs[:mid]), merge_sort(pairs[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if left[i][0] < right[j][0]:
                    merged.append(left[i])
                    i += 1
                else:  # equal keys: the right one goes first, so the sort is not stable
                    merged.append(right[j])
                    j += 1
            return merged + left[i:] + right[j:]

        return [item for _, item in merge_sort([(item if key is None else key(item), item) for item in items])]


class AdaptiveSort:
    def __init__(self, small, large, threshold=16):
        self.small, self.large, self.threshold = small, large, threshold

    def sort(self, items, key=None):
        items = list(items)
        chosen = self.small if len(items) < self.threshold else self.large
        return chosen.sort(items, key)


class Sorter:
    def __init__(self, strategy):
        self.strategy = strategy

    def sort(self, items, key=None):
        return self.strategy.sort(items, key)

# %% course={"kind": "wrong", "id": "key-on-every-comparison", "fails": ["t2"]}
class InsertionSort:
    def sort(self, items, key=None):
        keys, result = [], []
        for item in items:
            k = item if key is None else key(item)
            i = len(keys)
            while i > 0 and k < keys[i - 1]:
                i -= 1
            keys.insert(i, k)
            result.insert(i, item)
        return result


class MergeSort:
    def sort(self, items, key=None):
        key = key or (lambda item: item)

        def merge_sort(items):
            if len(items) <= 1:
                return list(items)
            mid = len(items) // 2
            left, right = merge_sort(items[:mid]), merge_sort(items[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if key(right[j]) < key(left[i]):  # the key is computed again for every comparison
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            return merged + left[i:] + right[j:]

        return merge_sort(list(items))


class AdaptiveSort:
    def __init__(self, small, large, threshold=16):
        self.small, self.large, self.threshold = small, large, threshold

    def sort(self, items, key=None):
        items = list(items)
        chosen = self.small if len(items) < self.threshold else self.large
        return chosen.sort(items, key)


class Sorter:
    def __init__(self, strategy):
        self.strategy = strategy

    def sort(self, items, key=None):
        return self.strategy.sort(items, key)

# %% course={"kind": "wrong", "id": "insertion-is-just-sorted", "fails": ["t3"]}
class InsertionSort:
    def sort(self, items, key=None):
        return sorted(items, key=key)  # correct output, but not the algorithm the strategy names


class MergeSort:
    def sort(self, items, key=None):
        def merge_sort(pairs):
            if len(pairs) <= 1:
                return pairs
            mid = len(pairs) // 2
            left, right = merge_sort(pairs[:mid]), merge_sort(pairs[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if right[j][0] < left[i][0]:
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            return merged + left[i:] + right[j:]

        return [item for _, item in merge_sort([(item if key is None else key(item), item) for item in items])]


class AdaptiveSort:
    def __init__(self, small, large, threshold=16):
        self.small, self.large, self.threshold = small, large, threshold

    def sort(self, items, key=None):
        items = list(items)
        chosen = self.small if len(items) < self.threshold else self.large
        return chosen.sort(items, key)


class Sorter:
    def __init__(self, strategy):
        self.strategy = strategy

    def sort(self, items, key=None):
        return self.strategy.sort(items, key)

# %% course={"kind": "wrong", "id": "threshold-off-by-one", "fails": ["t4"]}
class InsertionSort:
    def sort(self, items, key=None):
        keys, result = [], []
        for item in items:
            k = item if key is None else key(item)
            i = len(keys)
            while i > 0 and k < keys[i - 1]:
                i -= 1
            keys.insert(i, k)
            result.insert(i, item)
        return result


class MergeSort:
    def sort(self, items, key=None):
        def merge_sort(pairs):
            if len(pairs) <= 1:
                return pairs
            mid = len(pairs) // 2
            left, right = merge_sort(pairs[:mid]), merge_sort(pairs[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if right[j][0] < left[i][0]:
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            return merged + left[i:] + right[j:]

        return [item for _, item in merge_sort([(item if key is None else key(item), item) for item in items])]


class AdaptiveSort:
    def __init__(self, small, large, threshold=16):
        self.small, self.large, self.threshold = small, large, threshold

    def sort(self, items, key=None):
        items = list(items)
        chosen = self.small if len(items) <= self.threshold else self.large
        return chosen.sort(items, key)


class Sorter:
    def __init__(self, strategy):
        self.strategy = strategy

    def sort(self, items, key=None):
        return self.strategy.sort(items, key)

# %% course={"kind": "wrong", "id": "sorter-keeps-first-strategy", "fails": ["t5"]}
class InsertionSort:
    def sort(self, items, key=None):
        keys, result = [], []
        for item in items:
            k = item if key is None else key(item)
            i = len(keys)
            while i > 0 and k < keys[i - 1]:
                i -= 1
            keys.insert(i, k)
            result.insert(i, item)
        return result


class MergeSort:
    def sort(self, items, key=None):
        def merge_sort(pairs):
            if len(pairs) <= 1:
                return pairs
            mid = len(pairs) // 2
            left, right = merge_sort(pairs[:mid]), merge_sort(pairs[mid:])
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if right[j][0] < left[i][0]:
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            return merged + left[i:] + right[j:]

        return [item for _, item in merge_sort([(item if key is None else key(item), item) for item in items])]


class AdaptiveSort:
    def __init__(self, small, large, threshold=16):
        self.small, self.large, self.threshold = small, large, threshold

    def sort(self, items, key=None):
        items = list(items)
        chosen = self.small if len(items) < self.threshold else self.large
        return chosen.sort(items, key)


class Sorter:
    def __init__(self, strategy):
        self.strategy = strategy
        self._sort = strategy.sort  # bound once: replacing .strategy later changes nothing

    def sort(self, items, key=None):
        return self._sort(items, key)

# %% [markdown] course={"kind": "exercise", "id": "notification-channels", "item": "x-create-a-notification-system-with"}
# ### A notification system with composable channels
#
# Alerts go to channels (email, Slack, SMS), and the routing rules are where incidents are won
# or lost: "critical alerts by SMS, everything by Slack, and by email if Slack is down". Build
# those rules out of small channel objects that **compose**: each has the same method
# `send(message)`, so a channel can be made of other channels, to any depth.
#
# Given: `Message(title, severity="info")`, the ordered `SEVERITIES = ("info", "warning",
# "critical")`, `DeliveryError`, and `ListChannel(name, fail=False)`, a leaf channel that
# "delivers" into its list `sent` (or raises `DeliveryError` when `fail` is true). Every
# channel's `send(message)` returns the **list of names of the leaf channels that delivered**
# the message, in order, and raises `DeliveryError` when it could deliver it nowhere.
#
# - `Filtered(channel, minimum)`: passes messages whose severity is **at least** `minimum` (in
#   the order of `SEVERITIES`) to `channel` and returns its answer; returns `[]` for the others
#   without asking `channel`. A `minimum` not in `SEVERITIES` raises `ValueError`.
# - `Broadcast(channels)`: sends the message to **every** channel, in order, even after one has
#   failed, and returns all the names delivered. It raises `DeliveryError` only when at least
#   one channel failed **and** none delivered; the error's message includes the failed
#   channels' messages. (All channels filtering the message out is no error: `[]`.)
# - `Fallback(channels)`: tries the channels in order and returns the answer of the **first one
#   that delivered** (a non-empty list); later channels are not asked. A channel that raises
#   `DeliveryError` or delivers nothing passes the turn to the next. When none delivered, it
#   raises `DeliveryError` (with the failures' messages) if any channel failed, else returns `[]`.
# - `Broadcast` and `Fallback` take any iterable of channels, keep them in a list of their own,
#   and need at least one channel (`ValueError`). Only `DeliveryError`
#   is handled: any other exception is a bug and reaches the caller.
#
# ```python
# sms, slack, email = ListChannel("sms"), ListChannel("slack", fail=True), ListChannel("email")
# route = Broadcast([Filtered(sms, "critical"), Fallback([slack, email])])
# route.send(Message("disk 95% full", "critical"))   # ['sms', 'email']: Slack is down
# route.send(Message("deploy finished"))              # ['email']: not critical, no SMS
# ```

# %% [markdown] course={"kind": "hint"}
# Compare severities by position: `SEVERITIES.index(message.severity) <
# SEVERITIES.index(self.minimum)`. Comparing the words themselves sorts them alphabetically,
# and `"critical" < "info"`.

# %% [markdown] course={"kind": "hint"}
# `Broadcast.send`: a `try`/`except DeliveryError` *inside* the loop, collecting delivered names
# (`delivered += channel.send(message)`) and error messages; decide after the loop. `Fallback.send`:
# the same loop, but `return` as soon as a channel gives a non-empty list.

# %% course={"kind": "solution"}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    """Passes only messages of at least `minimum` severity to `channel`."""

    def __init__(self, channel, minimum: str) -> None:
        ### BEGIN SOLUTION
        if minimum not in SEVERITIES:
            raise ValueError(f"minimum must be one of {SEVERITIES}, got {minimum!r}")
        self.channel, self.minimum = channel, minimum
        ### END SOLUTION

    def send(self, message: Message) -> list[str]:
        ### BEGIN SOLUTION
        if SEVERITIES.index(message.severity) < SEVERITIES.index(self.minimum):
            return []
        return self.channel.send(message)
        ### END SOLUTION


class Broadcast:
    """Sends to every channel; fails only if nothing was delivered and something failed."""

    def __init__(self, channels) -> None:
        ### BEGIN SOLUTION
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("a broadcast needs at least one channel")
        ### END SOLUTION

    def send(self, message: Message) -> list[str]:
        ### BEGIN SOLUTION
        delivered, errors = [], []
        for channel in self.channels:
            try:
                delivered += channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
        if errors and not delivered:
            raise DeliveryError(f"{message.title!r} was delivered nowhere: " + "; ".join(errors))
        return delivered
        ### END SOLUTION


class Fallback:
    """Tries channels in order until one delivers."""

    def __init__(self, channels) -> None:
        ### BEGIN SOLUTION
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("a fallback needs at least one channel")
        ### END SOLUTION

    def send(self, message: Message) -> list[str]:
        ### BEGIN SOLUTION
        errors = []
        for channel in self.channels:
            try:
                delivered = channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
                continue
            if delivered:
                return delivered
        if errors:
            raise DeliveryError(f"{message.title!r} was delivered nowhere: " + "; ".join(errors))
        return []
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
pager = ListChannel("pager")
only_warnings = Filtered(pager, "warning")
assert only_warnings.send(Message("cpu 60%", "info")) == [], "info is below warning: not sent"
assert pager.sent == [], "a filtered-out message never reaches the channel"
assert only_warnings.send(Message("cpu 85%", "warning")) == ["pager"], "warning is at least warning: sent"
assert only_warnings.send(Message("cpu 99%", "critical")) == ["pager"], "critical is above warning: sent"
assert [m.title for m in pager.sent] == ["cpu 85%", "cpu 99%"]
### BEGIN HIDDEN TESTS
assert Filtered(pager, "info").send(Message("x", "info")) == ["pager"], "minimum info passes everything"
assert Filtered(pager, "critical").send(Message("y", "warning")) == [] and Filtered(pager, "critical").send(Message("z", "critical")) == ["pager"]
for bad in ("error", "", "CRITICAL"):
    try:
        Filtered(pager, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"minimum={bad!r} is not a severity: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
email, slack, sms = ListChannel("email"), ListChannel("slack", fail=True), ListChannel("sms")
everyone = Broadcast([email, slack, sms])
assert everyone.send(Message("db failover", "critical")) == ["email", "sms"], "Slack is down; the others still deliver"
assert len(email.sent) == 1 and len(sms.sent) == 1, "a failed channel does not stop the broadcast"
dead = Broadcast([ListChannel("a", fail=True), ListChannel("b", fail=True)])
try:
    dead.send(Message("x"))
except DeliveryError as err:
    assert "a is down" in str(err) and "b is down" in str(err), f"the error includes the failures: {err}"
else:
    raise AssertionError("every channel failed: DeliveryError")
quiet = Broadcast([Filtered(ListChannel("sms"), "critical"), Filtered(ListChannel("pager"), "warning")])
assert quiet.send(Message("fyi")) == [], "filtered everywhere is not a failure: []"
### BEGIN HIDDEN TESTS
mixed = Broadcast([Filtered(ListChannel("sms"), "critical"), ListChannel("slack", fail=True)])
try:
    mixed.send(Message("deploy failed", "warning"))
except DeliveryError:
    pass
else:
    raise AssertionError("one filtered, one failed, none delivered: DeliveryError")
assert Broadcast([ListChannel("x")]).send(Message("")) == ["x"] and Broadcast(iter([ListChannel("y")])).send(Message("m")) == ["y"]


class Buggy:
    def send(self, message):
        raise KeyError("template")


try:
    Broadcast([ListChannel("ok"), Buggy()]).send(Message("m"))
except KeyError:
    pass
else:
    raise AssertionError("a bug (not a DeliveryError) in a channel must reach the caller")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
slack, email = ListChannel("slack"), ListChannel("email")
assert Fallback([slack, email]).send(Message("a")) == ["slack"] and email.sent == [], "the first that delivers wins"
slack.fail = True
assert Fallback([slack, email]).send(Message("b")) == ["email"], "when Slack fails, email gets it"
sms = ListChannel("sms")
assert Fallback([Filtered(sms, "critical"), email]).send(Message("c", "warning")) == ["email"], "delivered nothing: next"
try:
    Fallback([ListChannel("a", fail=True), ListChannel("b", fail=True)]).send(Message("d"))
except DeliveryError as err:
    assert "a is down" in str(err) and "b is down" in str(err), f"the error includes the failures: {err}"
else:
    raise AssertionError("no channel delivered and some failed: DeliveryError")
assert Fallback([Filtered(sms, "critical")]).send(Message("e")) == [], "nothing delivered, nothing failed: []"
### BEGIN HIDDEN TESTS
third = ListChannel("third")
assert Fallback([ListChannel("x", fail=True), Filtered(sms, "critical"), third]).send(Message("f")) == ["third"]
try:
    Fallback([ListChannel("x", fail=True), Filtered(sms, "critical")]).send(Message("g"))
except DeliveryError:
    pass
else:
    raise AssertionError("one failed, one filtered, none delivered: DeliveryError")
class BrokenTemplate:
    def send(self, message):
        raise KeyError("template")


try:
    Fallback([BrokenTemplate(), third]).send(Message("h"))
except KeyError:
    pass
else:
    raise AssertionError("only DeliveryError passes the turn; a bug reaches the caller")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
sms, slack, email = ListChannel("sms"), ListChannel("slack", fail=True), ListChannel("email")
route = Broadcast([Filtered(sms, "critical"), Fallback([slack, email])])
assert route.send(Message("disk 95% full", "critical")) == ["sms", "email"], "a tree of channels: SMS and the fallback"
assert route.send(Message("deploy finished")) == ["email"], "not critical: no SMS; Slack down: email"
deep = Fallback([Broadcast([ListChannel("p", fail=True)]), Broadcast([Fallback([ListChannel("q")]), ListChannel("r")])])
assert deep.send(Message("nested")) == ["q", "r"], "composites nest to any depth"
for make in (Broadcast, Fallback):
    try:
        make([])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{make.__name__}([]) must raise ValueError")
### BEGIN HIDDEN TESTS
for make in (Broadcast, Fallback):
    try:
        make(iter([]))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{make.__name__}(iter([])): an empty iterator is no channel either")
    once = make(c for c in [ListChannel("g")])
    assert once.send(Message("1")) == ["g"] and once.send(Message("2")) == ["g"], "a generator of channels works every time"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "severity-as-text", "fails": ["t1", "t2", "t3", "t4"]}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    def __init__(self, channel, minimum):
        if minimum not in SEVERITIES:
            raise ValueError(minimum)
        self.channel, self.minimum = channel, minimum

    def send(self, message):
        if message.severity < self.minimum:  # compares the words: "critical" < "info" < "warning"
            return []
        return self.channel.send(message)


class Broadcast:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered, errors = [], []
        for channel in self.channels:
            try:
                delivered += channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
        if errors and not delivered:
            raise DeliveryError("; ".join(errors))
        return delivered


class Fallback:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        errors = []
        for channel in self.channels:
            try:
                delivered = channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
                continue
            if delivered:
                return delivered
        if errors:
            raise DeliveryError("; ".join(errors))
        return []

# %% course={"kind": "wrong", "id": "broadcast-stops-at-first-failure", "fails": ["t2"]}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    def __init__(self, channel, minimum):
        if minimum not in SEVERITIES:
            raise ValueError(minimum)
        self.channel, self.minimum = channel, minimum

    def send(self, message):
        if SEVERITIES.index(message.severity) < SEVERITIES.index(self.minimum):
            return []
        return self.channel.send(message)


class Broadcast:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered = []
        for channel in self.channels:
            delivered += channel.send(message)  # one dead channel and the rest never hear of it
        return delivered


class Fallback:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        errors = []
        for channel in self.channels:
            try:
                delivered = channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
                continue
            if delivered:
                return delivered
        if errors:
            raise DeliveryError("; ".join(errors))
        return []

# %% course={"kind": "wrong", "id": "broadcast-hides-total-failure", "fails": ["t2"]}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    def __init__(self, channel, minimum):
        if minimum not in SEVERITIES:
            raise ValueError(minimum)
        self.channel, self.minimum = channel, minimum

    def send(self, message):
        if SEVERITIES.index(message.severity) < SEVERITIES.index(self.minimum):
            return []
        return self.channel.send(message)


class Broadcast:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered = []
        for channel in self.channels:
            try:
                delivered += channel.send(message)
            except DeliveryError:
                pass  # when every channel fails, the caller is told "delivered nowhere", not an error
        return delivered


class Fallback:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        errors = []
        for channel in self.channels:
            try:
                delivered = channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
                continue
            if delivered:
                return delivered
        if errors:
            raise DeliveryError("; ".join(errors))
        return []

# %% course={"kind": "wrong", "id": "catches-every-exception", "fails": ["t2", "t3"]}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    def __init__(self, channel, minimum):
        if minimum not in SEVERITIES:
            raise ValueError(minimum)
        self.channel, self.minimum = channel, minimum

    def send(self, message):
        if SEVERITIES.index(message.severity) < SEVERITIES.index(self.minimum):
            return []
        return self.channel.send(message)


class Broadcast:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered, errors = [], []
        for channel in self.channels:
            try:
                delivered += channel.send(message)
            except Exception as err:  # a bug in a channel is hidden too
                errors.append(str(err))
        if errors and not delivered:
            raise DeliveryError("; ".join(errors))
        return delivered


class Fallback:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        errors = []
        for channel in self.channels:
            try:
                delivered = channel.send(message)
            except Exception as err:
                errors.append(str(err))
                continue
            if delivered:
                return delivered
        if errors:
            raise DeliveryError("; ".join(errors))
        return []

# %% course={"kind": "wrong", "id": "fallback-stops-at-empty", "fails": ["t3"]}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    def __init__(self, channel, minimum):
        if minimum not in SEVERITIES:
            raise ValueError(minimum)
        self.channel, self.minimum = channel, minimum

    def send(self, message):
        if SEVERITIES.index(message.severity) < SEVERITIES.index(self.minimum):
            return []
        return self.channel.send(message)


class Broadcast:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered, errors = [], []
        for channel in self.channels:
            try:
                delivered += channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
        if errors and not delivered:
            raise DeliveryError("; ".join(errors))
        return delivered


class Fallback:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        errors = []
        for channel in self.channels:
            try:
                return channel.send(message)  # [] from a filtered channel ends the search
            except DeliveryError as err:
                errors.append(str(err))
        raise DeliveryError("; ".join(errors))

# %% course={"kind": "wrong", "id": "fallback-asks-everyone", "fails": ["t3"]}
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Message:
    title: str
    severity: str = "info"


class DeliveryError(Exception):
    """A channel could not deliver a message."""


class ListChannel:
    """Given: a leaf channel that 'delivers' into its list `sent` (a stand-in for email, Slack, SMS)."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.name, self.fail, self.sent = name, fail, []

    def send(self, message: Message) -> list[str]:
        if self.fail:
            raise DeliveryError(f"{self.name} is down")
        self.sent.append(message)
        return [self.name]


class Filtered:
    def __init__(self, channel, minimum):
        if minimum not in SEVERITIES:
            raise ValueError(minimum)
        self.channel, self.minimum = channel, minimum

    def send(self, message):
        if SEVERITIES.index(message.severity) < SEVERITIES.index(self.minimum):
            return []
        return self.channel.send(message)


class Broadcast:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered, errors = [], []
        for channel in self.channels:
            try:
                delivered += channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
        if errors and not delivered:
            raise DeliveryError("; ".join(errors))
        return delivered


class Fallback:
    def __init__(self, channels):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")

    def send(self, message):
        delivered, errors = [], []
        for channel in self.channels:  # keeps going after a success: pages the on-call twice
            try:
                delivered += channel.send(message)
            except DeliveryError as err:
                errors.append(str(err))
        if errors and not delivered:
            raise DeliveryError("; ".join(errors))
        return delivered

# %% [markdown] course={"kind": "exercise", "id": "autoscaler-policies", "item": "dsa-design-patterns-practice"}
# ### Problem: Design patterns practice, an autoscaler with pluggable policies
#
# The roadmap's custom problem: *implement the Strategy pattern*. Here it decides how many
# replicas a service runs. *What* the right number is depends on the workload (web servers scale
# on CPU, queue workers on the backlog), so that part is a **policy** object with one method,
# `desired(current, metrics)`, returning a whole number of replicas. The safety rules that every
# policy must obey stay in the `Autoscaler`.
#
# **Policies**
#
# - `TargetCpu(target)`: `target` is a CPU percentage with `0 < target <= 100` (else
#   `ValueError`). `desired` returns `ceil(current * metrics["cpu"] / target)`, the formula
#   Kubernetes documents for its Horizontal Pod Autoscaler: at 90 % CPU with a 60 % target, 4
#   replicas become 6.
# - `QueueDepth(per_replica)`: `per_replica` is an `int` of at least 1 (else `ValueError`).
#   `desired` returns `ceil(metrics["queue"] / per_replica)`: enough workers for each to have at
#   most `per_replica` waiting messages.
#
# **`Autoscaler(policy, min_replicas, max_replicas, max_step)`**
#
# - All three limits are `int`s (not `bool`s) with `min_replicas >= 0` (0 allows scaling to
#   zero), `max_replicas >= max(min_replicas, 1)` and `max_step >= 1`; else `ValueError`.
# - `policy` is a public attribute and may be replaced at any time.
# - `decide(current, metrics)` asks the current policy for its number, then **first** limits the
#   change to at most `max_step` replicas up or down from `current`, **then** keeps the result
#   within `[min_replicas, max_replicas]` (so a service scaled by hand outside the limits is
#   brought back inside at once). It returns an `int`.
#
# ```python
# web = Autoscaler(TargetCpu(60), min_replicas=2, max_replicas=20, max_step=4)
# web.decide(4, {"cpu": 90})        # 6
# web.decide(4, {"cpu": 300})       # 8: the policy says 20, but at most 4 more at a time
# web.policy = QueueDepth(100)
# web.decide(8, {"queue": 0})       # 4: at most 4 fewer
# ```

# %% [markdown] course={"kind": "hint"}
# `math.ceil` returns an `int`. Beware of `queue // per_replica + 1`: it is one too many when the
# queue divides evenly (200 messages, 100 per replica, needs 2 workers).

# %% [markdown] course={"kind": "hint"}
# Two clamps, in this order: `stepped = max(current - max_step, min(current + max_step, wanted))`,
# then `max(min_replicas, min(max_replicas, stepped))`. Read `self.policy` inside `decide`, so a
# replaced policy takes effect.

# %% course={"kind": "solution"}
import math


class TargetCpu:
    """Scale so that average CPU comes back to `target` percent."""

    def __init__(self, target: float) -> None:
        ### BEGIN SOLUTION
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 100:
            raise ValueError(f"target must be a CPU percentage in (0, 100], got {target!r}")
        self.target = target
        ### END SOLUTION

    def desired(self, current: int, metrics: dict) -> int:
        ### BEGIN SOLUTION
        return math.ceil(current * metrics["cpu"] / self.target)
        ### END SOLUTION


class QueueDepth:
    """Enough workers for at most `per_replica` waiting messages each."""

    def __init__(self, per_replica: int) -> None:
        ### BEGIN SOLUTION
        if isinstance(per_replica, bool) or not isinstance(per_replica, int) or per_replica < 1:
            raise ValueError(f"per_replica must be a whole number >= 1, got {per_replica!r}")
        self.per_replica = per_replica
        ### END SOLUTION

    def desired(self, current: int, metrics: dict) -> int:
        ### BEGIN SOLUTION
        return math.ceil(metrics["queue"] / self.per_replica)
        ### END SOLUTION


class Autoscaler:
    """Asks its policy for a replica count, then applies the limits every policy must obey."""

    def __init__(self, policy, min_replicas: int, max_replicas: int, max_step: int) -> None:
        ### BEGIN SOLUTION
        for value in (min_replicas, max_replicas, max_step):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"replica limits must be whole numbers, got {value!r}")
        if min_replicas < 0 or max_replicas < max(min_replicas, 1) or max_step < 1:
            raise ValueError(f"need 0 <= min <= max, max >= 1, step >= 1: {min_replicas}, {max_replicas}, {max_step}")
        self.policy = policy
        self.min_replicas, self.max_replicas, self.max_step = min_replicas, max_replicas, max_step
        ### END SOLUTION

    def decide(self, current: int, metrics: dict) -> int:
        ### BEGIN SOLUTION
        wanted = self.policy.desired(current, metrics)
        stepped = max(current - self.max_step, min(current + self.max_step, wanted))
        return max(self.min_replicas, min(self.max_replicas, stepped))
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
cpu = TargetCpu(60)
assert cpu.desired(4, {"cpu": 90}) == 6 and type(cpu.desired(4, {"cpu": 90})) is int, "ceil(4 * 90 / 60) = 6, an int"
assert cpu.desired(4, {"cpu": 60}) == 4, "on target: no change"
assert cpu.desired(3, {"cpu": 50}) == 3, "ceil(2.5) = 3: round up, never under-provision"
assert cpu.desired(4, {"cpu": 30}) == 2, "half the target: half the replicas"
queue = QueueDepth(100)
assert queue.desired(5, {"queue": 250}) == 3, "250 messages, 100 each: 3 workers"
assert queue.desired(5, {"queue": 200}) == 2, "200 messages, 100 each: exactly 2 workers"
assert queue.desired(5, {"queue": 0}) == 0 and queue.desired(5, {"queue": 1}) == 1, "an empty queue needs no worker"
### BEGIN HIDDEN TESTS
assert TargetCpu(100).desired(2, {"cpu": 100}) == 2 and TargetCpu(80).desired(4, {"cpu": 100}) == 5
assert TargetCpu(50).desired(0, {"cpu": 75}) == 0 and TargetCpu(50).desired(1, {"cpu": 51}) == 2
assert QueueDepth(1).desired(0, {"queue": 7}) == 7 and type(QueueDepth(3).desired(0, {"queue": 7})) is int
for make, bad in ((TargetCpu, 0), (TargetCpu, -5), (TargetCpu, 100.5), (TargetCpu, True), (QueueDepth, 0), (QueueDepth, 2.0), (QueueDepth, True)):
    try:
        make(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{make.__name__}({bad!r}) must raise ValueError")
assert TargetCpu(0.5).target == 0.5 and QueueDepth(1).per_replica == 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class Says:
    """A fake policy that always wants `n` replicas."""

    def __init__(self, n: int) -> None:
        self.n = n

    def desired(self, current, metrics):
        return self.n


def decide(n: int, current: int, low: int = 2, high: int = 20, step: int = 4) -> int:
    return Autoscaler(Says(n), low, high, step).decide(current, {})


assert decide(6, 4) == 6, "within the limits: what the policy says"
assert decide(20, 4) == 8 and decide(8, 4) == 8, "at most max_step more (4 + 4 = 8)"
assert decide(0, 10) == 6 and decide(6, 10) == 6, "at most max_step fewer (10 - 4 = 6)"
assert decide(1, 3) == 2 and decide(2, 3) == 2, "never below min_replicas"
assert decide(25, 19) == 20 and decide(20, 19) == 20, "never above max_replicas"
assert decide(40, 30) == 20, "step first, then the limits: a service at 30 comes back to 20 at once"
assert decide(0, 1) == 2, "...and one below the minimum comes up to it"
### BEGIN HIDDEN TESTS
assert decide(5, 5) == 5 and decide(9, 4) == 8 and decide(7, 4) == 7 and decide(3, 7) == 3 and decide(2, 7) == 3
assert Autoscaler(Says(0), 0, 5, 10).decide(3, {}) == 0, "min_replicas=0 allows scaling to zero"
assert Autoscaler(Says(9), 1, 1, 1).decide(1, {}) == 1, "min == max pins the count"
assert type(Autoscaler(Says(3), 1, 5, 1).decide(2, {})) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class Recording:
    def __init__(self) -> None:
        self.asked: list = []

    def desired(self, current, metrics):
        self.asked.append((current, metrics))
        return current


first, second = Recording(), Recording()
scaler = Autoscaler(first, 1, 10, 2)
metrics = {"cpu": 55, "queue": 12}
assert scaler.decide(3, metrics) == 3
assert len(first.asked) == 1 and first.asked[0][0] == 3 and first.asked[0][1] is metrics, "the policy gets current and metrics"
scaler.policy = second
scaler.decide(4, metrics)
assert len(first.asked) == 1 and len(second.asked) == 1, "after replacing .policy, the new one decides"
web = Autoscaler(TargetCpu(60), min_replicas=2, max_replicas=20, max_step=4)
assert web.decide(4, {"cpu": 90}) == 6 and web.decide(4, {"cpu": 300}) == 8
web.policy = QueueDepth(100)
assert web.decide(8, {"queue": 0}) == 4, "the example of the prompt"

# %% course={"kind": "test", "points": 1}
def refused(*limits) -> bool:
    try:
        Autoscaler(Says(1), *limits)
    except ValueError:
        return True
    return False


assert refused(-1, 5, 1) and refused(5, 4, 1) and refused(0, 0, 1), "need 0 <= min <= max and max >= 1"
assert refused(1, 5, 0), "max_step must be at least 1"
assert not refused(0, 1, 1) and not refused(3, 3, 1), "min 0, and min == max, are allowed"
### BEGIN HIDDEN TESTS
assert refused(True, 5, 1) and refused(1, 5.0, 1) and refused(1, 5, True) and refused("1", 5, 1)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truncates", "fails": ["t1"]}
import math


class TargetCpu:
    def __init__(self, target):
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 100:
            raise ValueError(target)
        self.target = target

    def desired(self, current, metrics):
        return int(current * metrics["cpu"] / self.target)  # 4.5 replicas becomes 4: under-provisioned


class QueueDepth:
    def __init__(self, per_replica):
        if isinstance(per_replica, bool) or not isinstance(per_replica, int) or per_replica < 1:
            raise ValueError(per_replica)
        self.per_replica = per_replica

    def desired(self, current, metrics):
        return math.ceil(metrics["queue"] / self.per_replica)


class Autoscaler:
    def __init__(self, policy, min_replicas, max_replicas, max_step):
        for value in (min_replicas, max_replicas, max_step):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(value)
        if min_replicas < 0 or max_replicas < max(min_replicas, 1) or max_step < 1:
            raise ValueError("bad limits")
        self.policy, self.min_replicas, self.max_replicas, self.max_step = policy, min_replicas, max_replicas, max_step

    def decide(self, current, metrics):
        wanted = self.policy.desired(current, metrics)
        stepped = max(current - self.max_step, min(current + self.max_step, wanted))
        return max(self.min_replicas, min(self.max_replicas, stepped))

# %% course={"kind": "wrong", "id": "floor-plus-one", "fails": ["t1"]}
import math


class TargetCpu:
    def __init__(self, target):
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 100:
            raise ValueError(target)
        self.target = target

    def desired(self, current, metrics):
        return math.ceil(current * metrics["cpu"] / self.target)


class QueueDepth:
    def __init__(self, per_replica):
        if isinstance(per_replica, bool) or not isinstance(per_replica, int) or per_replica < 1:
            raise ValueError(per_replica)
        self.per_replica = per_replica

    def desired(self, current, metrics):
        return metrics["queue"] // self.per_replica + 1  # one too many when the queue divides evenly


class Autoscaler:
    def __init__(self, policy, min_replicas, max_replicas, max_step):
        for value in (min_replicas, max_replicas, max_step):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(value)
        if min_replicas < 0 or max_replicas < max(min_replicas, 1) or max_step < 1:
            raise ValueError("bad limits")
        self.policy, self.min_replicas, self.max_replicas, self.max_step = policy, min_replicas, max_replicas, max_step

    def decide(self, current, metrics):
        wanted = self.policy.desired(current, metrics)
        stepped = max(current - self.max_step, min(current + self.max_step, wanted))
        return max(self.min_replicas, min(self.max_replicas, stepped))

# %% course={"kind": "wrong", "id": "clamp-then-step", "fails": ["t2"]}
import math


class TargetCpu:
    def __init__(self, target):
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 100:
            raise ValueError(target)
        self.target = target

    def desired(self, current, metrics):
        return math.ceil(current * metrics["cpu"] / self.target)


class QueueDepth:
    def __init__(self, per_replica):
        if isinstance(per_replica, bool) or not isinstance(per_replica, int) or per_replica < 1:
            raise ValueError(per_replica)
        self.per_replica = per_replica

    def desired(self, current, metrics):
        return math.ceil(metrics["queue"] / self.per_replica)


class Autoscaler:
    def __init__(self, policy, min_replicas, max_replicas, max_step):
        for value in (min_replicas, max_replicas, max_step):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(value)
        if min_replicas < 0 or max_replicas < max(min_replicas, 1) or max_step < 1:
            raise ValueError("bad limits")
        self.policy, self.min_replicas, self.max_replicas, self.max_step = policy, min_replicas, max_replicas, max_step

    def decide(self, current, metrics):
        wanted = max(self.min_replicas, min(self.max_replicas, self.policy.desired(current, metrics)))
        return max(current - self.max_step, min(current + self.max_step, wanted))  # can end outside the limits

# %% course={"kind": "wrong", "id": "limits-only-scale-up", "fails": ["t2", "t3"]}
import math


class TargetCpu:
    def __init__(self, target):
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 100:
            raise ValueError(target)
        self.target = target

    def desired(self, current, metrics):
        return math.ceil(current * metrics["cpu"] / self.target)


class QueueDepth:
    def __init__(self, per_replica):
        if isinstance(per_replica, bool) or not isinstance(per_replica, int) or per_replica < 1:
            raise ValueError(per_replica)
        self.per_replica = per_replica

    def desired(self, current, metrics):
        return math.ceil(metrics["queue"] / self.per_replica)


class Autoscaler:
    def __init__(self, policy, min_replicas, max_replicas, max_step):
        for value in (min_replicas, max_replicas, max_step):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(value)
        if min_replicas < 0 or max_replicas < max(min_replicas, 1) or max_step < 1:
            raise ValueError("bad limits")
        self.policy, self.min_replicas, self.max_replicas, self.max_step = policy, min_replicas, max_replicas, max_step

    def decide(self, current, metrics):
        wanted = min(current + self.max_step, self.policy.desired(current, metrics))  # scale-down is unlimited
        return max(self.min_replicas, min(self.max_replicas, wanted))

# %% course={"kind": "wrong", "id": "policy-bound-once", "fails": ["t3"]}
import math


class TargetCpu:
    def __init__(self, target):
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 100:
            raise ValueError(target)
        self.target = target

    def desired(self, current, metrics):
        return math.ceil(current * metrics["cpu"] / self.target)


class QueueDepth:
    def __init__(self, per_replica):
        if isinstance(per_replica, bool) or not isinstance(per_replica, int) or per_replica < 1:
            raise ValueError(per_replica)
        self.per_replica = per_replica

    def desired(self, current, metrics):
        return math.ceil(metrics["queue"] / self.per_replica)


class Autoscaler:
    def __init__(self, policy, min_replicas, max_replicas, max_step):
        for value in (min_replicas, max_replicas, max_step):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(value)
        if min_replicas < 0 or max_replicas < max(min_replicas, 1) or max_step < 1:
            raise ValueError("bad limits")
        self.policy, self.min_replicas, self.max_replicas, self.max_step = policy, min_replicas, max_replicas, max_step
        self._desired = policy.desired  # replacing .policy later changes nothing

    def decide(self, current, metrics):
        wanted = self._desired(current, metrics)
        stepped = max(current - self.max_step, min(current + self.max_step, wanted))
        return max(self.min_replicas, min(self.max_replicas, stepped))

# %% [markdown] course={"kind": "exercise", "id": "etl-builder", "item": "project-5-4-1"}
# ### Mini-project: ETL Pipeline Builder (the tested core)
#
# An ETL job **extracts** rows from a source, **transforms** them, and **loads** them into one or
# more destinations. Here every part is a small object or function, and a builder plugs them
# together. Given (run the cell and read it):
#
# - **sources**, objects with `rows()` returning an iterator of dicts: `ListSource(rows)` and
#   `CsvSource(text)`;
# - **sinks**, objects with `write(row)`: `ListSink()` (keeps rows in `.rows`) and
#   `JsonLinesSink(stream)`;
# - **transforms**, plain callables `row -> new row`, or `None` to drop the row; a transform
#   raises `ValueError` for bad data. `rename(old, new)`, `cast(field, to)` and
#   `keep_if(predicate)` make some; any function or callable object is a custom transform.
#
# Write **`ETLBuilder`**:
#
# - `extract(source)` sets the one source (a second call raises `ValueError`; a source without
#   a callable `rows` raises `TypeError`); `transform(fn)` adds a transform after the others
#   (`TypeError` if not callable); `load(sink)` adds a destination (`TypeError` without a
#   callable `write`). Each returns the builder, so calls chain.
# - `build()` raises `ValueError` without a source or without a sink, and otherwise returns an
#   `ETLPipeline(source, transforms, sinks)`. The builder can go on being used: steps added after
#   `build()` must not change pipelines already built.
#
# And **`ETLPipeline.run()`**, which returns the counts `{"read": ..., "loaded": ..., "dropped":
# ..., "rejected": ...}`:
#
# - It **streams**: each row read goes through the transforms and into every sink before the
#   next row is read (a 10 GB file is never in memory at once).
# - Transforms run in the order added, each on the previous one's output. A transform returning
#   `None` **drops** the row; a transform raising `ValueError` **rejects** it. Either way the
#   remaining transforms are not called and nothing is written. Only `None` drops: an empty dict
#   is a row. Any other exception is a bug and reaches the caller.
# - Every row that survives is written to every sink, in the order the sinks were added.
# - `errors` lists `(row number, error message)` for the rows rejected by the last run (rows
#   are numbered from 1 in the order read); it is empty before the first run. Every run starts
#   its counts and `errors` afresh.
# - The pipeline does not close its sinks: it did not create them.
#
# ```python
# csv_text = "host,port\nweb-1,80\ndb-1,5432\nbad,eighty\n"
# out = ListSink()
# job = (ETLBuilder().extract(CsvSource(csv_text)).transform(cast("port", int))
#        .transform(keep_if(lambda r: r["port"] < 1024)).transform(rename("host", "name")).load(out).build())
# job.run()      # {'read': 3, 'loaded': 1, 'dropped': 1, 'rejected': 1}
# out.rows       # [{'name': 'web-1', 'port': 80}]
# job.errors     # [(3, "invalid literal for int() with base 10: 'eighty'")]
# ```

# %% [markdown] course={"kind": "hint"}
# `for number, row in enumerate(self.source.rows(), start=1):` reads one row at a time. Inside,
# a `try:` around the loop over the transforms, with `break` when a transform returns `None`,
# and `except ValueError` for rejected rows; after it, `if row is None` counts a drop.

# %% [markdown] course={"kind": "hint"}
# In `ETLPipeline.__init__`, store `tuple(transforms)` and `tuple(sinks)`: a snapshot of the
# builder's lists, so later builder calls cannot reach into a built pipeline.

# %% course={"kind": "solution"}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    """One source, transforms in order, any number of sinks; rows stream through one at a time."""

    def __init__(self, source, transforms, sinks) -> None:
        ### BEGIN SOLUTION
        self.source, self.transforms, self.sinks = source, tuple(transforms), tuple(sinks)
        self.errors: list[tuple[int, str]] = []
        ### END SOLUTION

    def run(self) -> dict[str, int]:
        ### BEGIN SOLUTION
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        for number, row in enumerate(self.source.rows(), start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)
                    if row is None:
                        break
            except ValueError as err:
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if row is None:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats
        ### END SOLUTION


class ETLBuilder:
    """Collects a source, transforms and sinks, checks them, and builds an ETLPipeline."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._source = None
        self._transforms: list = []
        self._sinks: list = []
        ### END SOLUTION

    def extract(self, source) -> "ETLBuilder":
        ### BEGIN SOLUTION
        if self._source is not None:
            raise ValueError("a pipeline has exactly one source; extract() was already called")
        if not callable(getattr(source, "rows", None)):
            raise TypeError(f"a source needs a rows() method, got {source!r}")
        self._source = source
        return self
        ### END SOLUTION

    def transform(self, fn) -> "ETLBuilder":
        ### BEGIN SOLUTION
        if not callable(fn):
            raise TypeError(f"a transform must be callable, got {fn!r}")
        self._transforms.append(fn)
        return self
        ### END SOLUTION

    def load(self, sink) -> "ETLBuilder":
        ### BEGIN SOLUTION
        if not callable(getattr(sink, "write", None)):
            raise TypeError(f"a sink needs a write() method, got {sink!r}")
        self._sinks.append(sink)
        return self
        ### END SOLUTION

    def build(self) -> ETLPipeline:
        ### BEGIN SOLUTION
        if self._source is None:
            raise ValueError("no source: call extract() first")
        if not self._sinks:
            raise ValueError("no destination: call load() at least once")
        return ETLPipeline(self._source, self._transforms, self._sinks)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
csv_text = "host,port\nweb-1,80\ndb-1,5432\nbad,eighty\n"
out = ListSink()
job = (
    ETLBuilder()
    .extract(CsvSource(csv_text))
    .transform(cast("port", int))
    .transform(keep_if(lambda r: r["port"] < 1024))
    .transform(rename("host", "name"))
    .load(out)
    .build()
)
assert type(job) is ETLPipeline, "build() returns an ETLPipeline"
stats = job.run()
assert stats == {"read": 3, "loaded": 1, "dropped": 1, "rejected": 1}, f"counts of the example: {stats}"
assert out.rows == [{"name": "web-1", "port": 80}], f"only web-1 survives, renamed and cast: {out.rows}"
assert job.errors == [(3, "invalid literal for int() with base 10: 'eighty'")], f"errors: {job.errors}"
stream = io.StringIO()
ETLBuilder().extract(ListSource([{"a": 1}, {"a": 2}])).load(JsonLinesSink(stream)).build().run()
assert stream.getvalue() == '{"a": 1}\n{"a": 2}\n', "no transform at all: rows go straight to the sink"

# %% course={"kind": "test", "points": 2}
events: list[str] = []


class WatchedSource:
    def rows(self):
        for i in range(1, 4):
            events.append(f"read {i}")
            yield {"n": i}


class WatchedSink:
    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, row: dict) -> None:
        events.append(f"{self.name} {row['n']}")


def tag(label: str):
    def step(row):
        events.append(f"{label} {row['n']}")
        return None if label == "drop-even" and row["n"] % 2 == 0 else row

    return step


pipeline = ETLBuilder().extract(WatchedSource()).transform(tag("t1")).transform(tag("drop-even")).transform(tag("t3"))
stats = pipeline.load(WatchedSink("a")).load(WatchedSink("b")).build().run()
assert events[:6] == ["read 1", "t1 1", "drop-even 1", "t3 1", "a 1", "b 1"], f"row 1 is loaded before row 2 is read: {events}"
assert events[6:9] == ["read 2", "t1 2", "drop-even 2"], "a dropped row goes no further (t3 is not called, nothing written)"
assert events[9:] == ["read 3", "t1 3", "drop-even 3", "t3 3", "a 3", "b 3"], f"events: {events}"
assert stats == {"read": 3, "loaded": 2, "dropped": 1, "rejected": 0}
### BEGIN HIDDEN TESTS
sink = ListSink()
stats = ETLBuilder().extract(ListSource([{"x": 0}, {"x": ""}, {}])).transform(lambda r: {}).load(sink).build().run()
assert stats == {"read": 3, "loaded": 3, "dropped": 0, "rejected": 0} and sink.rows == [{}, {}, {}], "only None drops a row"
falsy = ListSink()
ETLBuilder().extract(ListSource([{"x": 0, "y": ""}])).load(falsy).build().run()
assert falsy.rows == [{"x": 0, "y": ""}], "falsy values pass through untouched"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
rows = [{"id": "1"}, {"id": "x"}, {"id": "3"}, {"id": ""}]
first, second = ListSink(), ListSink()
job = ETLBuilder().extract(ListSource(rows)).transform(cast("id", int)).load(first).load(second).build()
assert job.run() == {"read": 4, "loaded": 2, "dropped": 0, "rejected": 2}
assert first.rows == [{"id": 1}, {"id": 3}] and second.rows == first.rows, "every sink gets every surviving row"
assert [n for n, _ in job.errors] == [2, 4], f"rows are numbered from 1: {job.errors}"
assert job.run() == {"read": 4, "loaded": 2, "dropped": 0, "rejected": 2}, "a second run counts afresh"
assert len(job.errors) == 2 and len(first.rows) == 4, "errors are those of the last run only"


def buggy(row):
    return row["missing"]


try:
    ETLBuilder().extract(ListSource([{"a": 1}])).transform(buggy).load(ListSink()).build().run()
except KeyError:
    pass
else:
    raise AssertionError("an exception other than ValueError is a bug: it must reach the caller")
### BEGIN HIDDEN TESTS
empty = ETLBuilder().extract(ListSource([])).load(ListSink()).build()
assert empty.run() == {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0} and empty.errors == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
builder = ETLBuilder()
assert builder.extract(ListSource([{"v": 1}])) is builder, "each builder method returns the builder"
sink = ListSink()
assert builder.load(sink) is builder and builder.transform(lambda r: {**r, "seen": 1}) is builder
job = builder.build()
assert job.errors == [], "errors is an empty list before the first run"
late = ListSink()
builder.transform(lambda r: None).load(late)
assert job.run() == {"read": 1, "loaded": 1, "dropped": 0, "rejected": 0}, "steps added after build() do not reach the built pipeline"
assert sink.rows == [{"v": 1, "seen": 1}] and late.rows == [], "nor do sinks added after build()"
assert builder.build().run()["dropped"] == 1, "...but the next build() has them"
for call, error in (
    (lambda: builder.extract(ListSource([])), ValueError),
    (lambda: ETLBuilder().load(ListSink()).build(), ValueError),
    (lambda: ETLBuilder().extract(ListSource([])).build(), ValueError),
    (lambda: ETLBuilder().transform("upper"), TypeError),
    (lambda: ETLBuilder().load([]), TypeError),
    (lambda: ETLBuilder().extract([{"a": 1}]), TypeError),
):
    try:
        call()
    except error:
        pass
    else:
        raise AssertionError(f"expected {error.__name__}: one source, a sink before build(), callables and write()/rows()")

# %% course={"kind": "wrong", "id": "reads-everything-first", "fails": ["t2"]}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    def __init__(self, source, transforms, sinks):
        self.source, self.transforms, self.sinks = source, tuple(transforms), tuple(sinks)
        self.errors = []

    def run(self):
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        rows = list(self.source.rows())  # the whole file in memory before the first row is written
        for number, row in enumerate(rows, start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)
                    if row is None:
                        break
            except ValueError as err:
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if row is None:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats


class ETLBuilder:
    def __init__(self):
        self._source, self._transforms, self._sinks = None, [], []

    def extract(self, source):
        if self._source is not None:
            raise ValueError("one source per pipeline")
        if not callable(getattr(source, "rows", None)):
            raise TypeError("a source needs rows()")
        self._source = source
        return self

    def transform(self, fn):
        if not callable(fn):
            raise TypeError("a transform is a callable")
        self._transforms.append(fn)
        return self

    def load(self, sink):
        if not callable(getattr(sink, "write", None)):
            raise TypeError("a sink needs write()")
        self._sinks.append(sink)
        return self

    def build(self):
        if self._source is None:
            raise ValueError("no source")
        if not self._sinks:
            raise ValueError("no sink")
        return ETLPipeline(self._source, self._transforms, self._sinks)

# %% course={"kind": "wrong", "id": "keeps-transforming-dropped-rows", "fails": ["t1", "t2"]}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    def __init__(self, source, transforms, sinks):
        self.source, self.transforms, self.sinks = source, tuple(transforms), tuple(sinks)
        self.errors = []

    def run(self):
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        for number, row in enumerate(self.source.rows(), start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)  # no early exit: a dropped row (None) goes on to the next transform
            except ValueError as err:
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if row is None:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats


class ETLBuilder:
    def __init__(self):
        self._source, self._transforms, self._sinks = None, [], []

    def extract(self, source):
        if self._source is not None:
            raise ValueError("one source per pipeline")
        if not callable(getattr(source, "rows", None)):
            raise TypeError("a source needs rows()")
        self._source = source
        return self

    def transform(self, fn):
        if not callable(fn):
            raise TypeError("a transform is a callable")
        self._transforms.append(fn)
        return self

    def load(self, sink):
        if not callable(getattr(sink, "write", None)):
            raise TypeError("a sink needs write()")
        self._sinks.append(sink)
        return self

    def build(self):
        if self._source is None:
            raise ValueError("no source")
        if not self._sinks:
            raise ValueError("no sink")
        return ETLPipeline(self._source, self._transforms, self._sinks)

# %% course={"kind": "wrong", "id": "empty-row-means-dropped", "fails": ["t2"]}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    def __init__(self, source, transforms, sinks):
        self.source, self.transforms, self.sinks = source, tuple(transforms), tuple(sinks)
        self.errors = []

    def run(self):
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        for number, row in enumerate(self.source.rows(), start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)
                    if not row:  # {} is a row with no fields, not a dropped row
                        break
            except ValueError as err:
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if not row:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats


class ETLBuilder:
    def __init__(self):
        self._source, self._transforms, self._sinks = None, [], []

    def extract(self, source):
        if self._source is not None:
            raise ValueError("one source per pipeline")
        if not callable(getattr(source, "rows", None)):
            raise TypeError("a source needs rows()")
        self._source = source
        return self

    def transform(self, fn):
        if not callable(fn):
            raise TypeError("a transform is a callable")
        self._transforms.append(fn)
        return self

    def load(self, sink):
        if not callable(getattr(sink, "write", None)):
            raise TypeError("a sink needs write()")
        self._sinks.append(sink)
        return self

    def build(self):
        if self._source is None:
            raise ValueError("no source")
        if not self._sinks:
            raise ValueError("no sink")
        return ETLPipeline(self._source, self._transforms, self._sinks)

# %% course={"kind": "wrong", "id": "rejects-every-exception", "fails": ["t3"]}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    def __init__(self, source, transforms, sinks):
        self.source, self.transforms, self.sinks = source, tuple(transforms), tuple(sinks)
        self.errors = []

    def run(self):
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        for number, row in enumerate(self.source.rows(), start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)
                    if row is None:
                        break
            except Exception as err:  # a bug in a transform is counted as bad data
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if row is None:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats


class ETLBuilder:
    def __init__(self):
        self._source, self._transforms, self._sinks = None, [], []

    def extract(self, source):
        if self._source is not None:
            raise ValueError("one source per pipeline")
        if not callable(getattr(source, "rows", None)):
            raise TypeError("a source needs rows()")
        self._source = source
        return self

    def transform(self, fn):
        if not callable(fn):
            raise TypeError("a transform is a callable")
        self._transforms.append(fn)
        return self

    def load(self, sink):
        if not callable(getattr(sink, "write", None)):
            raise TypeError("a sink needs write()")
        self._sinks.append(sink)
        return self

    def build(self):
        if self._source is None:
            raise ValueError("no source")
        if not self._sinks:
            raise ValueError("no sink")
        return ETLPipeline(self._source, self._transforms, self._sinks)

# %% course={"kind": "wrong", "id": "pipeline-shares-builder-lists", "fails": ["t4"]}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    def __init__(self, source, transforms, sinks):
        self.source, self.transforms, self.sinks = source, transforms, sinks  # the builder's own lists
        self.errors = []

    def run(self):
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        for number, row in enumerate(self.source.rows(), start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)
                    if row is None:
                        break
            except ValueError as err:
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if row is None:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats


class ETLBuilder:
    def __init__(self):
        self._source, self._transforms, self._sinks = None, [], []

    def extract(self, source):
        if self._source is not None:
            raise ValueError("one source per pipeline")
        if not callable(getattr(source, "rows", None)):
            raise TypeError("a source needs rows()")
        self._source = source
        return self

    def transform(self, fn):
        if not callable(fn):
            raise TypeError("a transform is a callable")
        self._transforms.append(fn)
        return self

    def load(self, sink):
        if not callable(getattr(sink, "write", None)):
            raise TypeError("a sink needs write()")
        self._sinks.append(sink)
        return self

    def build(self):
        if self._source is None:
            raise ValueError("no source")
        if not self._sinks:
            raise ValueError("no sink")
        return ETLPipeline(self._source, self._transforms, self._sinks)

# %% course={"kind": "wrong", "id": "second-extract-replaces", "fails": ["t4"]}
import csv
import io
import json


class ListSource:
    """Given: rows from a list of dicts."""

    def __init__(self, rows: list[dict]) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)


class CsvSource:
    """Given: rows from CSV text with a header line; every value is a str."""

    def __init__(self, text: str) -> None:
        self._text = text

    def rows(self):
        return csv.DictReader(io.StringIO(self._text))


class ListSink:
    """Given: keeps what it is sent in `rows`."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def write(self, row: dict) -> None:
        self.rows.append(row)


class JsonLinesSink:
    """Given: writes one JSON object per line to a text stream (an open file, io.StringIO...)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, row: dict) -> None:
        self._stream.write(json.dumps(row) + "\n")


def rename(old: str, new: str):
    """Given: a transform that renames one field."""
    return lambda row: {(new if key == old else key): value for key, value in row.items()}


def cast(field: str, to):
    """Given: a transform that converts one field, e.g. cast("port", int); bad data raises ValueError."""
    return lambda row: {**row, field: to(row[field])}


def keep_if(predicate):
    """Given: a transform that drops (returns None for) the rows the predicate rejects."""
    return lambda row: row if predicate(row) else None


class ETLPipeline:
    def __init__(self, source, transforms, sinks):
        self.source, self.transforms, self.sinks = source, tuple(transforms), tuple(sinks)
        self.errors = []

    def run(self):
        stats = {"read": 0, "loaded": 0, "dropped": 0, "rejected": 0}
        self.errors = []
        for number, row in enumerate(self.source.rows(), start=1):
            stats["read"] += 1
            try:
                for transform in self.transforms:
                    row = transform(row)
                    if row is None:
                        break
            except ValueError as err:
                stats["rejected"] += 1
                self.errors.append((number, str(err)))
                continue
            if row is None:
                stats["dropped"] += 1
                continue
            for sink in self.sinks:
                sink.write(row)
            stats["loaded"] += 1
        return stats


class ETLBuilder:
    def __init__(self):
        self._source, self._transforms, self._sinks = None, [], []

    def extract(self, source):
        if not callable(getattr(source, "rows", None)):
            raise TypeError("a source needs rows()")
        self._source = source
        return self

    def transform(self, fn):
        if not callable(fn):
            raise TypeError("a transform is a callable")
        self._transforms.append(fn)
        return self

    def load(self, sink):
        if not callable(getattr(sink, "write", None)):
            raise TypeError("a sink needs write()")
        self._sinks.append(sink)
        return self

    def build(self):
        if self._source is None:
            raise ValueError("no source")
        if not self._sinks:
            raise ValueError("no sink")
        return ETLPipeline(self._source, self._transforms, self._sinks)

# %% [markdown] course={"kind": "task", "id": "etl-tool", "item": "project-5-4-1", "points": 3}
# ### ETL Pipeline Builder: real sources and destinations
#
# Turn the tested core into a small tool, in a module `etl.py` plus a command line:
#
# 1. **Sources and destinations that touch files.** A `CsvFileSource(path)` and a
#    `JsonLinesFileSource(path)` that read **one line at a time** from an open file (never
#    `read()` the whole file), and a `SqliteSink(path, table)` that inserts rows with the
#    standard library's `sqlite3`, committing in batches of 500 rows.
# 2. **Pipelines from configuration.** A factory `pipeline_from_config(config)` that reads a JSON
#    document such as `{"source": {"type": "csv", "path": "in.csv"}, "transforms": [{"type":
#    "cast", "field": "port", "to": "int"}], "sinks": [{"type": "sqlite", "path": "out.db",
#    "table": "hosts"}]}` through three registries (sources, transforms, sinks) and the builder.
#    An unknown type is an error that names it and lists the known ones.
# 3. **Ownership.** `python etl.py run pipeline.json` opens the files, runs the pipeline, prints
#    the counts and the rejected rows, and closes every file and connection **it** opened, also
#    when the run fails (`contextlib.ExitStack`). The pipeline itself still closes nothing.
#
# Run it on a CSV file of at least 10 000 rows that contains some bad rows, and paste the
# command, its output, and `sqlite3 out.db "select count(*) from hosts"`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the file sources stream (a generator over the open file, or `csv.DictReader` on
#   it); the SQLite sink uses parameterised `executemany` inserts, not string formatting, and
#   commits in batches.
# - 1 point: configuration goes through registries and the builder; adding a new transform type
#   means adding one registry entry; an unknown type gets a clear error listing the known ones.
# - 1 point: the command closes what it opened even when a row raises a bug (an `ExitStack` or
#   `with` blocks), and the pasted counts add up (`read == loaded + dropped + rejected`).

# %% [markdown] course={"kind": "exercise", "id": "notifier", "item": "project-5-4-2"}
# ### Mini-project: Notification System (the tested core)
#
# The finished system of the roadmap's project 5.4.2: a `Notifier` that accepts channels,
# `EmailChannel`, `SlackChannel` and `SMSChannel`, several channels per notifier, retries and a
# fallback. Every channel talks to the outside world through a **transport it is given**
# (dependency injection): in production an SMTP client, an HTTP client, an SMS gateway's SDK; in
# the tests, a fake that records each call. A transport raises `ConnectionError` when the
# outside world does not answer; channels let that error through, and the notifier decides what
# to do about it. Given: `Message(title, body="", severity="info")` and the result type
# `Report(delivered, failed, used_fallback)`.
#
# **Channels.** Each has a class attribute `name` and a method `send(message)`; every message
# starts with the tag `[SEVERITY]`, the severity in upper case: `"[CRITICAL] disk full"`.
#
# | channel | `send(message)` calls | notes |
# |---|---|---|
# | `EmailChannel(transport, sender, recipients)`, name `"email"` | `transport.send_mail(sender, recipients, "[SEVERITY] title", body)` | `recipients` is kept as a tuple, and passed as that tuple; none at all: `ValueError` |
# | `SlackChannel(transport, webhook_url)`, name `"slack"` | `transport.post(webhook_url, {"text": text})` | `text` is the tagged title, then a newline and the body **only if** the body is not empty |
# | `SMSChannel(transport, numbers, limit=160)`, name `"sms"` | `transport.send_sms(number, text)` for each number, in order | `numbers` kept as a tuple, none: `ValueError`; `text` is the tagged title; if it is longer than `limit` characters, it is cut to `limit - 1` characters followed by `"…"` (exactly `limit` in all) |
#
# **`Notifier(channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0)`**
#
# - Needs at least one channel (`ValueError`), and `attempts` an `int` of at least 1
#   (`ValueError`). It keeps the channel objects it is given, in a list of its own.
# - `notify(message)` sends the message through **every** channel, in order. Each channel gets
#   up to `attempts` tries: after a `ConnectionError` it calls `sleep(delay)` and tries again
#   (no sleep after the last try). Any other exception is a bug and reaches the caller.
# - If **no** channel delivered and there is a `fallback` channel, the message goes to the
#   fallback, with the same retries.
# - It returns `Report(delivered, failed, used_fallback)`: the names of the channels that
#   delivered and of those that gave up, as tuples in the order tried (the fallback last), and
#   whether the fallback was tried.
#
# ```python
# mail, hook, sms = SmtpTransport(...), HttpTransport(...), GatewayTransport(...)   # production transports
# notifier = Notifier([SlackChannel(hook, "https://hooks.example/T1"), EmailChannel(mail, "alerts@example.com", ["oncall@example.com"])],
#                     fallback=SMSChannel(sms, ["+15550100"]), attempts=3, delay=2.0)
# notifier.notify(Message("db-1 down", severity="critical"))
# # Report(delivered=('slack', 'email'), failed=(), used_fallback=False)
# ```

# %% [markdown] course={"kind": "hint"}
# Write one private helper `_try(channel, message) -> bool` that loops `for attempt in range(1,
# self.attempts + 1)`, returns `True` after a `send` that did not raise, sleeps after a
# `ConnectionError` only when `attempt < self.attempts`, and returns `False` at the end.
# `notify` is then two short loops over channel names.

# %% [markdown] course={"kind": "hint"}
# SMS: `if len(text) > self.limit: text = text[: self.limit - 1] + "…"`. Python strings count
# characters, not bytes, so `"…"` and `"🔥"` each count as one.

# %% course={"kind": "solution", "equivalent": {"m-5a16598c": "_try is private and notify only tests its result for truth: None and False act alike"}}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    """Sends a message as an e-mail through an injected mail transport."""

    name = "email"

    def __init__(self, transport, sender: str, recipients) -> None:
        ### BEGIN SOLUTION
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("an email channel needs at least one recipient")
        ### END SOLUTION

    def send(self, message: Message) -> None:
        ### BEGIN SOLUTION
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)
        ### END SOLUTION


class SlackChannel:
    """Posts a message to a Slack webhook through an injected HTTP transport."""

    name = "slack"

    def __init__(self, transport, webhook_url: str) -> None:
        ### BEGIN SOLUTION
        self.transport, self.webhook_url = transport, webhook_url
        ### END SOLUTION

    def send(self, message: Message) -> None:
        ### BEGIN SOLUTION
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})
        ### END SOLUTION


class SMSChannel:
    """Texts the tagged title, cut to `limit` characters, to every number."""

    name = "sms"

    def __init__(self, transport, numbers, limit: int = 160) -> None:
        ### BEGIN SOLUTION
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("an SMS channel needs at least one number")
        ### END SOLUTION

    def send(self, message: Message) -> None:
        ### BEGIN SOLUTION
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)
        ### END SOLUTION


class Notifier:
    """Sends through every channel with retries; falls back when nothing got through."""

    def __init__(self, channels, fallback=None, attempts: int = 2, sleep=time.sleep, delay: float = 1.0) -> None:
        ### BEGIN SOLUTION
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("a notifier needs at least one channel")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(f"attempts must be a whole number >= 1, got {attempts!r}")
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay
        ### END SOLUTION

    def notify(self, message: Message) -> Report:
        ### BEGIN SOLUTION
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)
        ### END SOLUTION

    def _try(self, channel, message: Message) -> bool:
        """Send with retries; True if it got through."""
        ### BEGIN SOLUTION
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class FakeTransport:
    """Offers all three transport methods; records successful calls; fails its next `failures` calls."""

    def __init__(self, failures: int = 0) -> None:
        self.calls: list[tuple] = []
        self.failures, self.attempts = failures, 0

    def _record(self, *call) -> None:
        self.attempts += 1
        if self.failures:
            self.failures -= 1
            raise ConnectionError("connection refused")
        self.calls.append(call)

    def send_mail(self, sender, recipients, subject, body) -> None:
        self._record("mail", sender, recipients, subject, body)

    def post(self, url, payload) -> None:
        self._record("post", url, payload)

    def send_sms(self, number, text) -> None:
        self._record("sms", number, text)


mail = FakeTransport()
email = EmailChannel(mail, "alerts@example.com", ["oncall@example.com", "sre@example.com"])
assert email.send(Message("disk full", "db-1: /var at 95%", "critical")) is None
assert mail.calls == [
    ("mail", "alerts@example.com", ("oncall@example.com", "sre@example.com"), "[CRITICAL] disk full", "db-1: /var at 95%")
], f"send_mail(sender, recipients as a tuple, tagged subject, body): {mail.calls}"
hook = FakeTransport()
slack = SlackChannel(hook, "https://hooks.example/T1")
slack.send(Message("deploy done", "v2.4.1 is live"))
slack.send(Message("cache warm"))
assert hook.calls == [
    ("post", "https://hooks.example/T1", {"text": "[INFO] deploy done\nv2.4.1 is live"}),
    ("post", "https://hooks.example/T1", {"text": "[INFO] cache warm"}),
], f"the body goes on a new line, and only when there is one: {hook.calls}"
assert (email.name, slack.name) == ("email", "slack")
### BEGIN HIDDEN TESTS
given = ["a@example.com"]
keeps = EmailChannel(mail, "x@example.com", given)
given.append("b@example.com")
assert keeps.recipients == ("a@example.com",), "the channel keeps its own tuple of recipients"
assert type(EmailChannel(mail, "x", iter(["c@example.com"])).recipients) is tuple
for bad in ([], iter([])):
    try:
        EmailChannel(mail, "x@example.com", bad)
    except ValueError:
        pass
    else:
        raise AssertionError("an email channel needs at least one recipient")
hook.calls.clear()
SlackChannel(hook, "u").send(Message("t", "0", "warning"))
assert hook.calls == [("post", "u", {"text": "[WARNING] t\n0"})], "a body of '0' is a body"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
gateway = FakeTransport()
sms = SMSChannel(gateway, ["+15550100", "+15550101"])
sms.send(Message("db-1 down", severity="critical"))
assert gateway.calls == [("sms", "+15550100", "[CRITICAL] db-1 down"), ("sms", "+15550101", "[CRITICAL] db-1 down")], "every number, in order"
assert sms.name == "sms" and sms.limit == 160, "the default limit is 160 characters"
gateway.calls.clear()
short = SMSChannel(gateway, ["+1"], limit=20)
short.send(Message("x" * 13))
short.send(Message("x" * 14))
sent = [text for _, _, text in gateway.calls]
assert sent[0] == "[INFO] " + "x" * 13, "exactly 20 characters: sent as it is"
assert sent[1] == "[INFO] " + "x" * 12 + "…" and len(sent[1]) == 20, f"21 characters: cut to 19 plus '…': {sent[1]!r}"
### BEGIN HIDDEN TESTS
gateway.calls.clear()
SMSChannel(gateway, ("+2",), limit=12).send(Message("Диск 95 % 🔥", severity="warning"))
assert gateway.calls == [("sms", "+2", "[WARNING] Д…")], f"characters, not bytes: {gateway.calls}"
gateway.calls.clear()
SMSChannel(gateway, ("+3",)).send(Message("é" * 153))
assert gateway.calls[0][2] == "[INFO] " + "é" * 153 and len(gateway.calls[0][2]) == 160
numbers = ["+4"]
kept = SMSChannel(gateway, numbers)
numbers.append("+5")
assert kept.numbers == ("+4",) and type(SMSChannel(gateway, iter(["+6"])).numbers) is tuple, "numbers: a tuple of its own"
for bad in ([], (), iter([])):
    try:
        SMSChannel(gateway, bad)
    except ValueError:
        pass
    else:
        raise AssertionError("an SMS channel needs at least one number")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
waits: list[float] = []
flaky_hook, mail = FakeTransport(failures=2), FakeTransport()
notifier = Notifier(
    [SlackChannel(flaky_hook, "https://hooks.example/T1"), EmailChannel(mail, "alerts@example.com", ["oncall@example.com"])],
    attempts=3,
    sleep=waits.append,
    delay=2.0,
)
report = notifier.notify(Message("db-1 down", severity="critical"))
assert report == Report(("slack", "email"), (), False), f"Slack got through on its third try: {report}"
assert flaky_hook.attempts == 3 and waits == [2.0, 2.0], f"sleep(delay) between tries of a channel: {waits}"
assert len(mail.calls) == 1, "every channel gets the message, not only the first that works"
waits.clear()
dead_hook = FakeTransport(failures=5)
report = Notifier([SlackChannel(dead_hook, "u"), EmailChannel(FakeTransport(), "a", ["b"])], attempts=2, sleep=waits.append).notify(Message("m"))
assert report == Report(("email",), ("slack",), False), f"a channel that gives up is reported as failed: {report}"
assert dead_hook.attempts == 2 and waits == [1.0], "attempts=2: two tries, one sleep (delay defaults to 1.0)"
### BEGIN HIDDEN TESTS
class Broken:
    name = "broken"

    def send(self, message):
        raise KeyError("template")


try:
    Notifier([Broken()], sleep=waits.append).notify(Message("m"))
except KeyError:
    pass
else:
    raise AssertionError("a bug in a channel (not a ConnectionError) must reach the caller")
waits.clear()
once = FakeTransport(failures=1)
assert Notifier([SlackChannel(once, "u")], attempts=1, sleep=waits.append).notify(Message("m")) == Report((), ("slack",), False)
assert once.attempts == 1 and waits == [], "attempts=1: one try, no sleep"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
waits = []
pager = FakeTransport()
fallback = SMSChannel(pager, ["+15550100"])
down = Notifier([SlackChannel(FakeTransport(failures=9), "u"), EmailChannel(FakeTransport(failures=9), "a", ["b"])], fallback=fallback, sleep=waits.append)
report = down.notify(Message("everything is down", severity="critical"))
assert report == Report(("sms",), ("slack", "email"), True), f"nothing got through: the fallback is used: {report}"
assert pager.calls == [("sms", "+15550100", "[CRITICAL] everything is down")]
partly = Notifier([SlackChannel(FakeTransport(failures=9), "u"), EmailChannel(FakeTransport(), "a", ["b"])], fallback=fallback, sleep=waits.append)
assert partly.notify(Message("x")) == Report(("email",), ("slack",), False), "email got through: no fallback"
assert len(pager.calls) == 1, "the fallback was not paged"
### BEGIN HIDDEN TESTS
dead_pager = FakeTransport(failures=9)
worst = Notifier([SlackChannel(FakeTransport(failures=9), "u")], fallback=SMSChannel(dead_pager, ["+1"]), attempts=2, sleep=waits.append)
assert worst.notify(Message("x")) == Report((), ("slack", "sms"), True), "the fallback that fails is reported too"
assert dead_pager.attempts == 2, "the fallback gets the same retries"
assert Notifier([SlackChannel(FakeTransport(failures=9), "u")], sleep=waits.append).notify(Message("y")) == Report((), ("slack",), False)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
transport = FakeTransport()
slack, email = SlackChannel(transport, "u"), EmailChannel(transport, "a", ["b"])
given = [slack, email]
notifier = Notifier(given, sleep=waits.append)
given.clear()
assert notifier.channels == [slack, email] and notifier.channels[0] is slack, "the notifier keeps the channel objects given, in its own list"
assert slack.transport is transport and email.transport is transport, "channels keep the transport they were given"
assert not any(issubclass(Notifier, c) for c in (EmailChannel, SlackChannel, SMSChannel)), "a notifier has channels; it is none"
for bad in ({"channels": []}, {"channels": [slack], "attempts": 0}, {"channels": [slack], "attempts": True}):
    try:
        Notifier(**bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"Notifier({bad}) must raise ValueError")
assert Notifier(iter([slack]), sleep=waits.append).notify(Message("ok")).delivered == ("slack",), "any iterable of channels"

# %% course={"kind": "wrong", "id": "slack-newline-for-empty-body", "fails": ["t1"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}\n{message.body}"  # a trailing newline when there is no body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False

# %% course={"kind": "wrong", "id": "sms-one-char-too-long", "fails": ["t2"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit] + "…"  # limit + 1 characters
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False

# %% course={"kind": "wrong", "id": "sms-cuts-at-exactly-the-limit", "fails": ["t2"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) >= self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False

# %% course={"kind": "wrong", "id": "sleeps-after-last-attempt", "fails": ["t3"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                self.sleep(self.delay)  # also after the last attempt: a pointless wait
        return False

# %% course={"kind": "wrong", "id": "retries-every-error", "fails": ["t3"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except Exception:  # a bug (KeyError in a template) is retried and hidden
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False

# %% course={"kind": "wrong", "id": "fallback-when-anything-failed", "fails": ["t4"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            (delivered if self._try(channel, message) else failed).append(channel.name)
        used_fallback = bool(failed) and self.fallback is not None  # pages the fallback although Slack delivered
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False

# %% course={"kind": "wrong", "id": "stops-after-first-delivery", "fails": ["t3"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    severity: str = "info"


@dataclass(frozen=True)
class Report:
    delivered: tuple[str, ...]
    failed: tuple[str, ...]
    used_fallback: bool


class EmailChannel:
    name = "email"

    def __init__(self, transport, sender, recipients):
        self.transport, self.sender, self.recipients = transport, sender, tuple(recipients)
        if not self.recipients:
            raise ValueError("no recipients")

    def send(self, message):
        subject = f"[{message.severity.upper()}] {message.title}"
        self.transport.send_mail(self.sender, self.recipients, subject, message.body)


class SlackChannel:
    name = "slack"

    def __init__(self, transport, webhook_url):
        self.transport, self.webhook_url = transport, webhook_url

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if message.body:
            text += "\n" + message.body
        self.transport.post(self.webhook_url, {"text": text})


class SMSChannel:
    name = "sms"

    def __init__(self, transport, numbers, limit=160):
        self.transport, self.numbers, self.limit = transport, tuple(numbers), limit
        if not self.numbers:
            raise ValueError("no numbers")

    def send(self, message):
        text = f"[{message.severity.upper()}] {message.title}"
        if len(text) > self.limit:
            text = text[: self.limit - 1] + "…"
        for number in self.numbers:
            self.transport.send_sms(number, text)


class Notifier:
    def __init__(self, channels, fallback=None, attempts=2, sleep=time.sleep, delay=1.0):
        self.channels = list(channels)
        if not self.channels:
            raise ValueError("no channels")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        self.fallback, self.attempts, self.sleep, self.delay = fallback, attempts, sleep, delay

    def notify(self, message):
        delivered, failed = [], []
        for channel in self.channels:
            if self._try(channel, message):
                delivered.append(channel.name)
                break  # a fallback chain, not "send to every channel"
            failed.append(channel.name)
        used_fallback = not delivered and self.fallback is not None
        if used_fallback:
            (delivered if self._try(self.fallback, message) else failed).append(self.fallback.name)
        return Report(tuple(delivered), tuple(failed), used_fallback)

    def _try(self, channel, message):
        for attempt in range(1, self.attempts + 1):
            try:
                channel.send(message)
                return True
            except ConnectionError:
                if attempt < self.attempts:
                    self.sleep(self.delay)
        return False

# %% [markdown] course={"kind": "task", "id": "notifier-real-transports", "item": "project-5-4-2", "points": 3}
# ### Notification System: real transports
#
# Give your notifier real transports, and show it working against local stand-ins for the
# outside world (no real e-mail, Slack or SMS leaves your machine):
#
# 1. `SmtpTransport(host, port)` whose `send_mail` builds an `email.message.EmailMessage` and
#    sends it with `smtplib.SMTP`; test it against a local SMTP server (for example the
#    `aiosmtpd` package, listening on 127.0.0.1) and show the received message.
# 2. `HttpTransport(client)` whose `post` sends JSON with an `httpx.Client` and raises
#    `ConnectionError` for connection errors **and** for 5xx answers; test it with
#    `httpx.MockTransport`, or against a small `http.server` on 127.0.0.1 that answers 503 twice
#    and then 200, so that the notifier's retries are visible.
# 3. A `Notifier.from_config(config, transports)` factory that builds the channels and the
#    fallback from a dict such as `{"channels": [{"type": "slack", "webhook_url": "..."}],
#    "fallback": {"type": "sms", "numbers": ["+15550100"]}, "attempts": 3}`.
#
# Paste the code of the transports, the run with the 503-then-200 server, and its `Report`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the transports turn failures into `ConnectionError` (including HTTP 5xx), put a
#   timeout on every network call, and never build messages by hand (`EmailMessage`, `json=`).
# - 1 point: the pasted run shows the retries (two failed tries, then success) and the
#   notifier's `sleep` was injected or configured, not patched.
# - 1 point: `from_config` uses a registry of channel types; an unknown type gets an error naming
#   it; no channel constructs its own transport.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-composition-over"}
# Whenever the honest sentence is "has a" or "uses a" rather than "is a": a service *has* an HTTP
# client, a pipeline *has* stages, a notifier *has* channels. Composition also wins when the part
# must vary (chosen from configuration, swapped at run time, replaced by a fake in a test) and
# when features combine: retry, cache and metrics as wrappers are three classes, while a subclass
# per combination grows as a product. I keep inheritance for real subtypes that honour the
# parent's whole contract (an exception hierarchy) and for frameworks built to be subclassed
# (`logging.Handler`, `unittest.TestCase`). A quick check: if I want only some of the parent's
# methods, or would override some to disable them, I should compose instead.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-dependency-injection"}
# An object receives what it depends on (a client, a clock, a logger, a repository) from
# outside, usually as constructor arguments, instead of creating it or reaching for a global.
# In Python no framework is needed: `RateLimiter(rate, burst, clock=time.monotonic)` is
# dependency injection. The real parts are created in one place near the program's start (the
# composition root) and handed down. What it buys: tests pass fakes (a clock they move by hand, a
# transport that records) without patching globals; the same class works against another backend;
# the dependencies are visible in the signature. What it costs: a parameter more, and someone
# must do the wiring; a default for the usual production part keeps call sites short.

# %% [markdown] course={"kind": "answer", "question": "q-explain-the-strategy-pattern"}
# Strategy puts a family of interchangeable algorithms behind one small interface and lets the
# object that needs the decision hold one of them. An autoscaler holds a policy and asks it
# `policy.desired(current, metrics)`; `TargetCpu` and `QueueDepth` are two strategies, and the
# autoscaler keeps the rules common to all of them (min, max, step). A new algorithm is a new
# class, not another branch in an `if kind == ...` ladder; the strategy can come from
# configuration, be swapped at run time and be tested alone. In Python a strategy with one
# method is often just a function: `sorted(items, key=...)` takes its ordering strategy as one.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-test-code-that-uses"}
# Test each part alone, then the whole with fake parts. Because the composite receives its parts
# in its constructor, the test passes small fakes: a client that answers from a dict and records
# the requests, a clock the test advances, a `sleep` that records instead of waiting. Then assert
# both the result and the interactions (the transport saw exactly these calls, the retry policy
# ran once per request), and the design where it matters: injected parts are the very objects
# given (`service.client is client`), owned parts get closed and borrowed ones do not. Keep the
# fakes honest with a few integration tests against the real part or a local stand-in server,
# and prefer injection to `mock.patch` on module globals.

# %% course={"kind": "trap", "trap": "trap-inheritance-can-create-tight-coupling"}
# A subclass leans on how its parent calls ITSELF, which the parent never promised to keep.
# Two releases of a library's cache client, with the same public behaviour:
class CacheClientV1:
    def __init__(self) -> None:
        self.store = {"a": 1, "b": 2, "c": 3}

    def get(self, key: str):
        return self.store.get(key)

    def get_many(self, keys: list[str]) -> list:
        return [self.get(key) for key in keys]  # v1 happens to loop over get()


class CacheClientV2:
    def __init__(self) -> None:
        self.store = {"a": 1, "b": 2, "c": 3}

    def get(self, key: str):
        return self.store.get(key)

    def get_many(self, keys: list[str]) -> list:
        return [self.store.get(key) for key in keys]  # v2 reads the store directly: same answers


def counting_subclass(base):
    class CountingClient(base):  # "count the lookups" by overriding get()
        def __init__(self) -> None:
            super().__init__()
            self.lookups = 0

        def get(self, key: str):
            self.lookups += 1
            return super().get(key)

    return CountingClient


class CountingWrapper:  # the same feature by composition: it counts at its own front door
    def __init__(self, inner) -> None:
        self._inner, self.lookups = inner, 0

    def get(self, key: str):
        self.lookups += 1
        return self._inner.get(key)

    def get_many(self, keys: list[str]) -> list:
        self.lookups += len(keys)
        return self._inner.get_many(keys)


for base in (CacheClientV1, CacheClientV2):
    sub, wrapped = counting_subclass(base)(), CountingWrapper(base())
    for client in (sub, wrapped):
        client.get("a")
        client.get_many(["a", "b", "c"])
    print(f"{base.__name__}: subclass counted {sub.lookups} lookups, wrapper counted {wrapped.lookups}")
print("the library changed nothing it promised, and the subclass's numbers broke")

# %% course={"kind": "trap", "trap": "trap-over-engineering-with-too-many-small"}
# Five classes to choose how a log record is printed...
import abc
import json


class FormatterStrategy(abc.ABC):
    @abc.abstractmethod
    def format(self, record: dict) -> str: ...


class JsonFormatter(FormatterStrategy):
    def format(self, record: dict) -> str:
        return json.dumps(record, sort_keys=True)


class PlainFormatter(FormatterStrategy):
    def format(self, record: dict) -> str:
        return f"{record['level']} {record['msg']}"


class FormatterFactory:
    _known = {"json": JsonFormatter, "plain": PlainFormatter}

    def create(self, kind: str) -> FormatterStrategy:
        return self._known[kind]()


class FormattingContext:
    def __init__(self, strategy: FormatterStrategy) -> None:
        self._strategy = strategy

    def render(self, record: dict) -> str:
        return self._strategy.format(record)


# ...and the same behaviour as a dict of functions: one-method strategies with no state are functions.
FORMATTERS = {"json": lambda r: json.dumps(r, sort_keys=True), "plain": lambda r: f"{r['level']} {r['msg']}"}

record = {"level": "WARNING", "msg": "disk 91% full"}
for kind in FORMATTERS:
    heavy = FormattingContext(FormatterFactory().create(kind)).render(record)
    light = FORMATTERS[kind](record)
    print(f"{kind:<5} same output: {heavy == light} -> {light}")
print("classes written for the heavy version: 5; for the light one: 0")

# %% course={"kind": "trap", "trap": "trap-not-considering-testability-in-design"}
# A class that builds its own dependencies cannot even be created in a test.
from unittest import mock


class ApiClient:
    def __init__(self, url: str) -> None:
        raise ConnectionError(f"cannot reach {url} from a test runner")  # a real client would connect here


class HardWiredDeployer:
    def __init__(self) -> None:
        self.api = ApiClient("https://k8s.prod.internal")  # built inside: no way in for a fake

    def rollout(self, version: str) -> None:
        self.api.patch("deployment/web", {"image": f"web:{version}"})


try:
    HardWiredDeployer()
except ConnectionError as err:
    print("the test cannot even build it:", err)


class FakeApi:
    def __init__(self, url: str = "") -> None:
        self.calls: list = []

    def patch(self, path: str, body: dict) -> None:
        self.calls.append((path, body))


# The usual rescue is to patch the name the class looks up. It works, but now the test depends on
# where and how the class imports ApiClient, and a refactor breaks the test without touching behaviour.
with mock.patch(f"{__name__}.ApiClient", FakeApi):
    patched = HardWiredDeployer()
patched.rollout("2.4.1")
print("with mock.patch:", patched.api.calls)


class Deployer:  # designed for testing: the dependency comes in through the constructor
    def __init__(self, api) -> None:
        self.api = api

    def rollout(self, version: str) -> None:
        self.api.patch("deployment/web", {"image": f"web:{version}"})


fake = FakeApi()
Deployer(fake).rollout("2.4.1")
print("injected:       ", fake.calls)
