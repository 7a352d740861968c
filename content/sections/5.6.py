# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can put two cloud SDKs behind one interface, choose deploy
# strategies by name, publish deployment events, undo operations, and keep a flaky API from taking
# your service down with retries and a circuit breaker; and you can say when a pattern is not worth it.

# %% course={"kind": "setup", "id": "fake-clock"}
# Time that only moves when code "sleeps" or a test advances it. Resilience code takes
# `clock.time` where it would take `time.monotonic` and `clock.sleep` where it would take
# `time.sleep`, so every test in this notebook runs instantly and gives the same answer each time.
class FakeClock:
    """A stand-in for time.monotonic and time.sleep that never waits."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []  # every delay asked for, in order

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds

# %% course={"kind": "setup", "id": "fake-sdks"}
# Two in-memory cloud storage SDKs with the SHAPES of the real ones (boto3's S3 client and
# google-cloud-storage): different method names, arguments, answers and errors. No network.
import hashlib
import io


class NoSuchKey(Exception):
    """What the S3-like SDK raises for a missing object."""


class FakeS3Client:
    """Keyword arguments and dict answers, like boto3; list answers come in pages."""

    def __init__(self, page_size: int = 1000) -> None:
        self._buckets: dict[str, dict[str, bytes]] = {}
        self.page_size = page_size  # real S3 returns at most 1000 keys per list call
        self.calls: list[str] = []  # the name of every method called, in order

    def create_bucket(self, *, Bucket: str) -> dict:
        self.calls.append("create_bucket")
        self._buckets.setdefault(Bucket, {})
        return {"Location": f"/{Bucket}"}

    def put_object(self, *, Bucket: str, Key: str, Body: bytes) -> dict:
        self.calls.append("put_object")
        self._buckets[Bucket][Key] = bytes(Body)
        return {"ETag": f'"{hashlib.md5(bytes(Body)).hexdigest()}"'}

    def get_object(self, *, Bucket: str, Key: str) -> dict:
        self.calls.append("get_object")
        if Key not in self._buckets[Bucket]:
            raise NoSuchKey(f"The specified key does not exist: {Key}")
        data = self._buckets[Bucket][Key]
        return {"Body": io.BytesIO(data), "ContentLength": len(data)}  # Body is a stream

    def delete_object(self, *, Bucket: str, Key: str) -> dict:
        self.calls.append("delete_object")
        self._buckets[Bucket].pop(Key, None)  # S3 answers success even when the key is missing
        return {}

    def list_objects_v2(self, *, Bucket: str, Prefix: str = "", ContinuationToken: str | None = None) -> dict:
        self.calls.append("list_objects_v2")
        if ContinuationToken is not None and not isinstance(ContinuationToken, str):
            raise TypeError("ContinuationToken must be a str")
        keys = sorted(k for k in self._buckets[Bucket] if k.startswith(Prefix))
        start = int(ContinuationToken or 0)
        page = keys[start : start + self.page_size]
        answer: dict = {"KeyCount": len(page), "IsTruncated": start + self.page_size < len(keys)}
        if page:  # like S3, no "Contents" entry at all when nothing matches
            answer["Contents"] = [{"Key": k, "Size": len(self._buckets[Bucket][k])} for k in page]
        if answer["IsTruncated"]:
            answer["NextContinuationToken"] = str(start + self.page_size)
        return answer


class NotFound(Exception):
    """What the GCS-like SDK raises for a missing object."""


class FakeBlob:
    def __init__(self, store: dict[str, bytes], name: str, calls: list[str]) -> None:
        self._store, self.name, self._calls = store, name, calls

    def upload_from_string(self, data: bytes) -> None:
        self._calls.append("upload_from_string")
        self._store[self.name] = bytes(data)

    def download_as_bytes(self) -> bytes:
        self._calls.append("download_as_bytes")
        if self.name not in self._store:
            raise NotFound(f"404 No such object: {self.name}")
        return self._store[self.name]

    def delete(self) -> None:
        self._calls.append("delete")
        if self.name not in self._store:
            raise NotFound(f"404 No such object: {self.name}")  # unlike S3, a missing object is an error
        del self._store[self.name]


class FakeBucket:
    def __init__(self, store: dict[str, bytes], name: str, calls: list[str]) -> None:
        self._store, self.name, self._calls = store, name, calls

    def blob(self, name: str) -> FakeBlob:
        return FakeBlob(self._store, name, self._calls)


class FakeGCSClient:
    """Objects reached through client.bucket(name).blob(key), like google-cloud-storage."""

    def __init__(self) -> None:
        self._buckets: dict[str, dict[str, bytes]] = {}
        self.calls: list[str] = []

    def bucket(self, name: str) -> FakeBucket:
        return FakeBucket(self._buckets.setdefault(name, {}), name, self.calls)

    def list_blobs(self, bucket_name: str, prefix: str | None = None):
        self.calls.append("list_blobs")
        store = self._buckets.setdefault(bucket_name, {})
        for key in sorted(store):  # an iterator that pages for you, like the real client
            if key.startswith(prefix or ""):
                yield FakeBlob(store, key, self.calls)

# %% [markdown] course={"kind": "lesson", "id": "what-patterns-are", "covers": ["c-creational-patterns", "c-factory-method", "c-abstract-factory"]}
# ### Design patterns, and the first creational ones: factories
#
# A **design pattern** is a named, proven shape for a problem that keeps coming back: "code must
# create one of several clients depending on the config", "many parts must hear about a deploy".
# The classic catalogue (Gamma, Helm, Johnson and Vlissides, 1994, the "Gang of Four") sorts them
# into **creational** (how objects get made), **structural** (how objects are put together) and
# **behavioural** (how objects share work). Cloud systems added their own: retries, circuit
# breakers, bulkheads, repositories. The names are the useful part: "put an adapter in front of
# the SDK" says in five words what would take a page to explain.
#
# The creational patterns answer "who decides which class to build?"
#
# - **Factory Method / factory function**: callers ask for "a storage client for `s3`" and one
#   function (or method) decides which class to build and how to configure it. In Python this is
#   usually a dict from a name to a class or function, not a class hierarchy. You see it in
#   `boto3.client("s3")`, in `logging.getLogger(name)`, and in every `--backend=...` option.
# - **Abstract Factory**: one object builds a whole *family* of related objects that must match:
#   an `AwsFactory` makes an AWS bucket, an AWS queue and an AWS VM, never a mix. Code that receives
#   a factory cannot accidentally combine a GCP bucket with an AWS queue.
#
# The mistake people make is the long `if provider == "aws": ... elif provider == "gcp": ...`
# copied into every function that needs a client: adding a provider then means editing all of
# them. A factory keeps that decision in one place.

# %% course={"kind": "demo"}
from dataclasses import dataclass


@dataclass(frozen=True)
class Queue:
    provider: str
    name: str


@dataclass(frozen=True)
class Bucket:
    provider: str
    name: str


@dataclass(frozen=True)
class SqsQueue:
    name: str


@dataclass(frozen=True)
class PubSubTopic:
    name: str


# Factory function: one table decides which class serves which name.
QUEUE_TYPES = {"sqs": SqsQueue, "pubsub": PubSubTopic}


def make_queue(kind: str, name: str):
    if kind not in QUEUE_TYPES:
        raise ValueError(f"unknown queue kind {kind!r}; known: {sorted(QUEUE_TYPES)}")
    return QUEUE_TYPES[kind](name)


print(make_queue("sqs", "jobs"), make_queue("pubsub", "events"))
try:
    make_queue("kafka", "events")
except ValueError as err:
    print("refused:", err)


# Abstract factory: one object per provider builds every kind of resource, all of one family.
class AwsFactory:
    def queue(self, name: str) -> Queue:
        return Queue("aws", name)

    def bucket(self, name: str) -> Bucket:
        return Bucket("aws", name)


class GcpFactory:
    def queue(self, name: str) -> Queue:
        return Queue("gcp", name)

    def bucket(self, name: str) -> Bucket:
        return Bucket("gcp", name)


def provision(factory) -> list:  # knows nothing about providers
    return [factory.bucket("artifacts"), factory.queue("events")]


for factory in (AwsFactory(), GcpFactory()):
    print(type(factory).__name__, "->", provision(factory))

# %% [markdown] course={"kind": "lesson", "id": "builder-prototype", "covers": ["c-builder", "c-prototype"]}
# ### Builder and Prototype: big objects, step by step or by copying
#
# - A **Builder** assembles a complicated object in small, named steps and checks the whole thing
#   once at the end: `builder.image("api:1.4").replicas(3).port(8080).build()`. It earns its
#   place when the object has many optional parts and rules that involve several of them (a
#   Kubernetes manifest, a CI pipeline, an SQL query). Each step returns the builder itself, so the
#   calls chain ("fluent" style). In Python, a function with keyword arguments is often enough; a
#   builder is worth it when parts are added one by one (in a loop, from a config file).
# - A **Prototype** makes new objects by copying a configured one and changing a few things: a base
#   job spec copied for each environment. In Python the copying is `copy.copy` (shallow: the new
#   object shares the inner lists and dicts) or `copy.deepcopy` (copies everything inside too).
#
# The mistake with both is **sharing**: a builder that hands out its own internal dict, or a
# prototype copied shallowly, lets a change to one result appear in another. The demo shows it.

# %% course={"kind": "demo"}
import copy


class JobBuilder:
    """Builds a CI job spec step by step; build() checks it and returns a fresh dict."""

    def __init__(self, name: str) -> None:
        self._name, self._image, self._steps = name, None, []

    def image(self, image: str) -> "JobBuilder":
        self._image = image
        return self  # returning self is what makes the calls chain

    def step(self, command: str) -> "JobBuilder":
        self._steps.append(command)
        return self

    def build(self) -> dict:
        if self._image is None or not self._steps:
            raise ValueError(f"job {self._name!r} needs an image and at least one step")
        return {"name": self._name, "image": self._image, "steps": list(self._steps)}


job = JobBuilder("test").image("python:3.11").step("pip install -e .").step("pytest").build()
print("built:", job)
try:
    JobBuilder("lint").step("ruff check").build()
except ValueError as err:
    print("refused:", err)

base = {"image": "python:3.11", "env": {"CI": "true"}}  # the prototype
shallow, deep = copy.copy(base), copy.deepcopy(base)
shallow["env"]["STAGE"] = "prod"  # changes the dict it SHARES with base
deep["env"]["STAGE"] = "dev"
print("base after the shallow copy was changed:", base["env"], "<- shared inner dict")
print("deep copy is independent:             ", deep["env"])

# %% [markdown] course={"kind": "lesson", "id": "singleton", "covers": ["c-singleton-and-why-to-avoid-in-python"]}
# ### Singleton, and why Python code rarely needs one
#
# A **Singleton** is a class that allows only one instance, reachable from anywhere: one config,
# one connection pool, one metrics registry. In Java the pattern makes sense because everything is
# a class. In Python a **module is already a singleton**: it is imported once and every
# `import settings` gets the same module object, so a module-level object (`pool = Pool()`) does
# the job with no tricks. `functools.cache` on a function that builds a client is the other
# common way ("build it on first use, then reuse it").
#
# Why avoid the class-based singleton (overriding `__new__` so `Config()` always returns the same
# object):
#
# 1. **It is global state in disguise.** Any code can change it, and every test that touches it
#    leaks into the next test (see the trap at the end of this notebook).
# 2. **`__init__` still runs on every call**, so `Config()` silently resets the shared object.
# 3. **It hides dependencies.** A function that calls `Config()` inside does not say it needs a
#    config; a function with a `config` parameter does, and a test can pass its own.
#
# The fix is almost always *create one object at the start of the program and pass it in*
# (dependency injection, section 5.4). One instance is fine; one instance *that nobody can replace*
# is the problem.

# %% course={"kind": "demo"}
class Config:
    _instance = None

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self, region: str = "eu-west-1") -> None:
        self.region = region  # runs on EVERY Config() call
        self.overrides: dict = {}


first = Config("us-east-1")
first.overrides["timeout"] = 5
second = Config()  # "just give me the config"
print("same object:", first is second)
print("but __init__ ran again:", first.region, first.overrides, "<- region and overrides were reset")

# The Pythonic alternatives: a module-level object, or a cached factory function.
import functools


@functools.cache
def storage_client() -> FakeS3Client:
    print("   (building the client: this happens once)")
    return FakeS3Client()


print("cached factory returns one client:", storage_client() is storage_client())

# %% [markdown] course={"kind": "lesson", "id": "adapter-facade-proxy", "covers": ["c-structural-patterns", "c-adapter", "c-facade", "c-proxy"]}
# ### Adapter, Facade and Proxy: a different face for the same object
#
# Structural patterns wrap objects. Three of them differ only in *why* they wrap:
#
# | pattern | the wrapper offers | you use it to |
# |---|---|---|
# | **Adapter** | the interface *your code* expects, on top of an object with another interface | put boto3 and google-cloud-storage behind one `put`/`get`/`keys` interface |
# | **Facade** | one simple call in front of a whole subsystem | `deploy(service, version)` instead of build, push, render manifests, apply, wait |
# | **Proxy** | the *same* interface as the object, adding control | lazy creation, caching, access checks, counting, remote calls |
#
# An adapter **has** the SDK object (composition) and translates: method names, arguments,
# answers (a stream becomes `bytes`), and errors (`NoSuchKey` becomes `KeyError`). Translating the
# errors is the part people forget: if `NoSuchKey` leaks out, every caller must know which cloud
# it talks to, and the adapter has achieved nothing. Adapters also should not inherit from the SDK
# class: inheriting would expose every SDK method next to yours, and tie you to its constructor.

# %% course={"kind": "demo"}
class S3Adapter:
    """Our interface (put/get), on top of the S3-like SDK. Has the client; is not one."""

    def __init__(self, client: FakeS3Client, bucket: str) -> None:
        self.client, self.bucket = client, bucket

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=key)
        except NoSuchKey:
            raise KeyError(key) from None  # callers catch KeyError, whatever the cloud
        return answer["Body"].read()


class CountingProxy:
    """Same interface as what it wraps; counts the calls that reach it."""

    def __init__(self, inner) -> None:
        self.inner, self.gets = inner, 0

    def put(self, key: str, data: bytes) -> None:
        self.inner.put(key, data)

    def get(self, key: str) -> bytes:
        self.gets += 1
        return self.inner.get(key)


def publish_model(store, name: str, weights: bytes) -> str:  # a tiny facade
    """One call for three steps: upload the weights, write a pointer, read it back."""
    store.put(f"models/{name}/weights.bin", weights)
    store.put(f"models/{name}/LATEST", b"weights.bin")
    return store.get(f"models/{name}/LATEST").decode()


sdk = FakeS3Client()
sdk.create_bucket(Bucket="ml")
store = CountingProxy(S3Adapter(sdk, "ml"))
print("facade result:", publish_model(store, "churn", b"\x00\x01"))
print("proxy counted", store.gets, "get; SDK calls:", sdk.calls)
try:
    store.get("models/missing")
except KeyError as err:
    print("a missing key is a KeyError, not NoSuchKey:", repr(err))

# %% [markdown] course={"kind": "lesson", "id": "bridge-composite-decorator", "covers": ["c-bridge", "c-composite", "c-decorator"]}
# ### Bridge, Composite and Decorator: wrappers that combine
#
# - **Composite** treats a group like a single item: a `CheckGroup` of health checks answers
#   `healthy()` exactly like one `Check` does, so groups nest (region → cluster → service → check)
#   and callers never ask "is this a group?". Tree-shaped things in infrastructure (directories,
#   Terraform modules, nested alert routes) are composites.
# - **Decorator** (the pattern) wraps an object in another with the *same* interface that adds one
#   behaviour: retry, cache, log, time. Wrappers stack in any order. Python's `@decorator` syntax
#   is the same idea applied to functions; the pattern applies it to whole objects.
# - **Bridge** splits a concept that varies in two directions into two hierarchies joined by a
#   reference: *what* an alert says (page, ticket, digest) and *where* it goes (Slack, e-mail,
#   SMS). Three kinds times three channels stay 3 + 3 classes instead of 9 subclasses.
#
# The one thing people get wrong with decorators is breaking the interface: a caching wrapper that
# only offers `get` cannot stand in for the store any more, and code that also calls `put` breaks.

# %% course={"kind": "demo"}
class Check:
    def __init__(self, name: str, probe) -> None:
        self.name, self.probe = name, probe

    def healthy(self) -> bool:
        return bool(self.probe())


class CheckGroup:
    def __init__(self, name: str, children: list) -> None:
        self.name, self.children = name, children

    def healthy(self) -> bool:  # same method as a single Check: that is the point
        return all(child.healthy() for child in self.children)


api = CheckGroup("api", [Check("http", lambda: True), Check("db", lambda: True)])
region = CheckGroup("eu-west", [api, Check("queue-depth", lambda: 7 < 100)])
print("region healthy:", region.healthy())
api.children.append(Check("cache", lambda: False))
print("after a failing cache check:", region.healthy())


# Bridge: the message kind holds a channel; kinds and channels vary independently.
class Slack:
    def send(self, text: str) -> str:
        return f"slack  <- {text}"


class Email:
    def send(self, text: str) -> str:
        return f"e-mail <- {text}"


class Page:
    def __init__(self, channel) -> None:
        self.channel = channel

    def notify(self, what: str) -> str:
        return self.channel.send(f"PAGE: {what.upper()}")


class Digest:
    def __init__(self, channel) -> None:
        self.channel = channel

    def notify(self, what: str) -> str:
        return self.channel.send(f"daily digest: {what}")


for alert in (Page(Slack()), Page(Email()), Digest(Email())):
    print(alert.notify("disk 91% on db-1"))

# %% [markdown] course={"kind": "lesson", "id": "strategy-template-state", "covers": ["c-behavioral-patterns", "c-strategy", "c-template-method", "c-state"]}
# ### Strategy, Template Method and State: choosing behaviour
#
# Behavioural patterns decide *which code runs*.
#
# - **Strategy**: an algorithm you can swap. The caller holds "a thing that plans a rollout" and
#   does not care whether it is rolling, blue-green or canary. In Python a strategy is often just a
#   function (`sorted(hosts, key=...)` takes a strategy), and a **registry** (a dict from name to
#   strategy) lets a config file choose one by name and lets new ones be added without editing
#   the code that uses them.
# - **Template Method**: a base class fixes the order of the steps (`run()` = `prepare`,
#   `execute`, `cleanup`, always cleanup) and subclasses fill in steps. Every test framework's
#   `setUp`/`tearDown` works this way. The risk is deep hierarchies; prefer it only when the
#   skeleton really is fixed.
# - **State**: an object whose allowed actions depend on its current state (a release can be
#   started only when pending, rolled back only after it failed). Writing the transitions as a
#   **table** keeps the rules in one readable place, instead of `if` checks scattered over every
#   method. The usual mistake is a status string that any code may overwrite with anything.

# %% course={"kind": "demo"}
import math

# Strategy + registry: plans are chosen by name; adding one is one more entry.
STRATEGIES = {
    "all-at-once": lambda hosts: [hosts],
    "one-by-one": lambda hosts: [[h] for h in hosts],
    "halves": lambda hosts: [hosts[: math.ceil(len(hosts) / 2)], hosts[math.ceil(len(hosts) / 2) :]],
}
hosts = ["web-1", "web-2", "web-3"]
for name in ("all-at-once", "halves"):
    print(f"{name:12} -> {STRATEGIES[name](hosts)}")


# Template method: the skeleton is fixed in the base class, steps are filled in below.
class Task:
    def run(self) -> list[str]:
        log = [self.prepare()]
        try:
            log.append(self.execute())
        except RuntimeError as err:
            log.append(f"failed: {err}")
        finally:
            log.append("cleanup")  # always runs, whatever the subclass does
        return log

    def prepare(self) -> str:
        return "prepare"


class Backup(Task):
    def execute(self) -> str:
        return "dump database"


class BrokenBackup(Task):
    def execute(self) -> str:
        raise RuntimeError("disk full")


print(Backup().run(), BrokenBackup().run())

# State as a transition table: (state, action) -> new state. Anything else is refused.
TRANSITIONS = {("pending", "start"): "deploying", ("deploying", "succeed"): "live", ("deploying", "fail"): "failed"}
state = "pending"
for action in ("start", "fail", "start"):
    new = TRANSITIONS.get((state, action))
    print(f"{state:9} --{action}--> {new or 'REFUSED'}")
    state = new or state

# %% [markdown] course={"kind": "lesson", "id": "observer-command-chain-iterator", "covers": ["c-observer", "c-command", "c-chain-of-responsibility", "c-iterator"]}
# ### Observer, Command, Chain of Responsibility and Iterator
#
# - **Observer** (publish/subscribe): a subject keeps a list of callbacks and calls them when
#   something happens. A deploy publishes `deploy.finished` and the Slack notifier, the metrics
#   exporter and the audit log each react, without the deploy code knowing any of them. Two things
#   go wrong: observers that are never **unsubscribed** (they keep running, and keep objects alive),
#   and a callback that unsubscribes while the list is being walked, which silently skips the next
#   one in a plain `for` loop over the list.
# - **Command**: an operation as an object, with everything needed to run it *and undo it*. A
#   history of commands gives undo/redo, audit logs, dry runs and retries of whole operations.
#   `functools.partial` is a command without undo.
# - **Chain of Responsibility**: a request goes along a chain of handlers until one deals with it:
#   a config value is looked up in command-line options, then environment variables, then a file,
#   then defaults; HTTP middleware is a chain too.
# - **Iterator**: walk a collection without knowing how it is stored. Python builds it in (`for`,
#   `iter`, `next`, generators). The infrastructure case is **pagination**: a generator that
#   fetches page after page of an API and yields items one by one, so callers simply loop.

# %% course={"kind": "demo"}
# Observer, kept tiny: subscribe returns the function that undoes it.
handlers: list = []


def subscribe(handler):
    handlers.append(handler)
    return lambda: handlers.remove(handler)


def publish(event: str) -> None:
    for handler in list(handlers):  # a copy: handlers may unsubscribe while we loop
        handler(event)


stop_audit = subscribe(lambda e: print("   audit log:", e))
subscribe(lambda e: print("   slack:    ", e))
publish("deploy api v1.4 finished")
stop_audit()
publish("deploy api v1.5 finished")  # the audit handler no longer hears it


# Iterator: a generator hides the paging of the S3-like SDK.
def all_keys(client: FakeS3Client, bucket: str):
    token = None
    while True:
        page = client.list_objects_v2(Bucket=bucket, **({"ContinuationToken": token} if token else {}))
        yield from (item["Key"] for item in page.get("Contents", []))
        if not page["IsTruncated"]:
            return
        token = page["NextContinuationToken"]


paged = FakeS3Client(page_size=2)
paged.create_bucket(Bucket="logs")
for day in range(1, 6):
    paged.put_object(Bucket="logs", Key=f"2024-05-0{day}.log", Body=b"...")
print("keys:", list(all_keys(paged, "logs")), "| list calls:", paged.calls.count("list_objects_v2"))

# %% [markdown] course={"kind": "text"}
# Command and Chain of Responsibility in a few lines: each change knows how to take itself back,
# and a lookup walks its sources in order, stopping at the first one that **has** the key (even
# when the value is `""` or `"0"`: present is not the same as truthy).

# %% course={"kind": "demo"}
class SetFlag:
    """A command: set flags[key] = value, and remember how to undo it."""

    def __init__(self, flags: dict, key: str, value) -> None:
        self.flags, self.key, self.value = flags, key, value

    def do(self) -> None:
        self.had, self.old = self.key in self.flags, self.flags.get(self.key)
        self.flags[self.key] = self.value

    def undo(self) -> None:
        if self.had:
            self.flags[self.key] = self.old
        else:
            del self.flags[self.key]


flags = {"new-ui": False}
history = [SetFlag(flags, "new-ui", True), SetFlag(flags, "beta-api", True)]
for command in history:
    command.do()
print("after two commands:", flags)
while history:
    history.pop().undo()  # undo in reverse order
print("after undoing both:", flags)

# Chain of responsibility: the first source that HAS the key answers.
sources = [("cli", {"replicas": "0"}), ("env", {"replicas": "3", "region": "eu"}), ("defaults", {"region": "us"})]


def lookup(key: str) -> tuple[str, str]:
    for name, values in sources:
        if key in values:  # not `if values.get(key)`: "0" is a real answer
            return name, values[key]
    raise KeyError(key)


print("replicas from", lookup("replicas"), "| region from", lookup("region"))

# %% [markdown] course={"kind": "lesson", "id": "repository-unit-of-work", "covers": ["c-infrastructure-specific-patterns", "c-repository-pattern", "c-unit-of-work"]}
# ### Repository and Unit of Work: data access behind an interface
#
# The patterns in the rest of this notebook come from building services, not from the 1994 book.
#
# - A **Repository** looks like a collection of domain objects (`repo.add(model)`,
#   `repo.get(name, version)`, `repo.list(name)`) and hides *where* they live: SQLite, PostgreSQL,
#   an HTTP API, a dict in a test. The code that makes decisions (which model to promote, which run
#   to delete) takes a repository and never writes SQL, so the same logic runs against a fast
#   in-memory repository in tests and against the database in production. It returns **domain
#   objects** (a frozen dataclass), never raw rows or tuples.
# - A **Unit of Work** groups the changes of one business operation so they are saved together or
#   not at all: "archive the old production model **and** promote the new one". In Python it is a
#   context manager: leave the `with` block normally and it commits; leave it with an exception and
#   it rolls back.
#
# The common mistake is a "repository" that leaks its storage: methods named after SQL
# (`select_where`), rows returned as tuples, or a `commit()` inside every method, which makes a
# two-step operation impossible to roll back.

# %% course={"kind": "demo"}
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    run_id: str
    accuracy: float


class SqliteRunRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, accuracy REAL)")

    def add(self, run: Run) -> None:
        self.conn.execute("INSERT INTO runs VALUES (?, ?)", (run.run_id, run.accuracy))  # no commit here

    def list(self) -> list[Run]:
        return [Run(*row) for row in self.conn.execute("SELECT run_id, accuracy FROM runs ORDER BY run_id")]


class UnitOfWork:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.runs = conn, SqliteRunRepository(conn)

    def __enter__(self) -> "UnitOfWork":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.commit()
        else:
            self.conn.rollback()  # and the exception goes on to the caller


conn = sqlite3.connect(":memory:")
with UnitOfWork(conn) as uow:
    uow.runs.add(Run("r1", 0.91))
try:
    with UnitOfWork(conn) as uow:
        uow.runs.add(Run("r2", 0.93))
        uow.runs.add(Run("r1", 0.99))  # duplicate id: the whole unit fails
except sqlite3.IntegrityError as err:
    print("unit of work failed:", err)
print("saved runs:", UnitOfWork(conn).runs.list(), "<- r2 was rolled back with it")
conn.close()

# %% [markdown] course={"kind": "lesson", "id": "resilience", "covers": ["c-retry-pattern", "c-circuit-breaker", "c-bulkhead-pattern"]}
# ### Retry, Circuit Breaker and Bulkhead: staying up when a dependency is not
#
# Networks drop packets, APIs throttle and databases fail over. Three patterns keep one sick
# dependency from becoming an outage:
#
# - **Retry with exponential backoff**: try again after a failure that is likely **transient**
#   (a connection reset, a timeout, HTTP 429/503), waiting longer each time: 0.5 s, 1 s, 2 s, ...
#   up to a cap, and give up after a few attempts. Add **jitter** (a random part of the delay) so
#   that a thousand clients that failed together do not retry together. Retry only what is safe to
#   repeat: a `GET`, a `PUT` of the same data, a `DELETE`; not "charge the card" unless the API
#   takes an idempotency key. Never retry a bug (`TypeError`, HTTP 400): it fails the same way.
# - **Circuit breaker**: after N failures in a row, stop calling the dependency for a while and
#   fail at once (**open**). When the wait is over, let one trial call through (**half-open**): if
#   it succeeds, close the circuit and carry on; if it fails, open again. This protects both sides:
#   your threads stop waiting on timeouts, and the struggling service gets room to recover.
#
#   ```
#              N failures in a row             reset timeout passed
#   closed -----------------------> open -----------------------> half-open
#     ^                              ^                              |    |
#     |                              +------ trial call fails ------+    |
#     +------------------------- trial call succeeds --------------------+
#   ```
# - **Bulkhead**: give each dependency its own limited pool (of threads, connections, or
#   concurrent calls), like the watertight compartments of a ship: when the slow reporting API
#   holds all of *its* 2 slots, checkout calls still have theirs.
#
# The usual mistake is to test these with real `time.sleep`: tests take minutes and depend on the
# machine. Take the clock and the sleep function as parameters, as the demo does with `FakeClock`.

# %% course={"kind": "demo"}
import random

# Backoff schedule: base * 2**attempt, capped; "full jitter" draws a delay between 0 and that.
rng = random.Random(7)  # seeded: the same "random" delays on every run
for attempt in range(6):
    capped = min(8.0, 0.5 * 2**attempt)
    print(f"retry {attempt + 1}: backoff {capped:4.1f} s, with full jitter {rng.uniform(0, capped):4.2f} s")

# How much waiting a breaker saves: a dead dependency that times out after 2 s per call.
clock = FakeClock()


def dead_dependency() -> None:
    clock.sleep(2.0)  # the timeout we wait for, on the fake clock
    raise TimeoutError("no answer")


for protected in (False, True):
    clock.now, calls, failures_in_a_row = 0.0, 0, 0
    for request in range(100):
        if protected and failures_in_a_row >= 5:
            continue  # circuit open: fail fast, do not call (real breakers retry after a while)
        calls += 1
        try:
            dead_dependency()
        except TimeoutError:
            failures_in_a_row += 1
    label = "with a breaker   " if protected else "without a breaker"
    print(f"{label}: {calls:3} calls reached the dependency, {clock.now:5.0f} s spent waiting")

# %% [markdown] course={"kind": "text"}
# A bulkhead with `threading.BoundedSemaphore`: `acquire(blocking=False)` answers at once whether a
# slot is free, so a full compartment rejects a call instead of queueing it behind the slow ones.

# %% course={"kind": "demo"}
import threading

bulkheads = {"reports-api": threading.BoundedSemaphore(2), "checkout-api": threading.BoundedSemaphore(4)}


def try_call(dependency: str) -> str:
    slot = bulkheads[dependency]
    if not slot.acquire(blocking=False):
        return f"{dependency}: rejected (compartment full)"
    return f"{dependency}: running"  # a real call would release() the slot when done


for dependency in ("reports-api", "reports-api", "reports-api", "checkout-api"):
    print(try_call(dependency))
for _ in range(2):
    bulkheads["reports-api"].release()  # the two slow calls finish
print(try_call("reports-api"), "(a slot is free again)")

# %% [markdown] course={"kind": "lesson", "id": "pythonic", "covers": ["c-pythonic-implementations", "c-using-decorators", "c-using-context-managers", "c-using-protocols"]}
# ### Patterns the Python way: decorators, context managers, protocols
#
# Many patterns need less code in Python than the class diagrams suggest:
#
# | need | Python tool | example |
# |---|---|---|
# | wrap behaviour around a call (Decorator, Proxy, retry) | a decorator function, `functools.wraps` | `@retry(attempts=3)` |
# | let plugins add themselves to a registry (Factory, Strategy) | a decorator that stores and returns the function | `@strategies.register("canary")` |
# | acquire and always release (Unit of Work, bulkhead slot, lock, temp resource) | a context manager, `contextlib.contextmanager`, `ExitStack` | `with uow:`, `with lock:` |
# | "anything with these methods" (the interfaces of Adapter, Strategy, Repository) | `typing.Protocol` | `class ObjectStore(Protocol): def get(...)` |
#
# A `Protocol` describes an interface **structurally**: any class with matching methods fits,
# without inheriting from anything, which is exactly what adapters for third-party SDKs need. A
# type checker (mypy) checks the method signatures; at run time, `@runtime_checkable` allows
# `isinstance(x, Proto)`, but that only checks that the **names** exist, not their parameters or
# return types (checked here on Python 3.11). The mistake is to trust that `isinstance` check as
# proof that the object really works.

# %% course={"kind": "demo"}
import contextlib
from typing import Protocol, runtime_checkable


@runtime_checkable
class ObjectStore(Protocol):
    def get(self, key: str) -> bytes: ...
    def put(self, key: str, data: bytes) -> None: ...


class Registry:
    def __init__(self) -> None:
        self.items: dict = {}

    def register(self, name: str):
        def add(fn):
            self.items[name] = fn
            return fn  # a registering decorator gives the function back unchanged

        return add


exporters = Registry()


@exporters.register("csv")
def to_csv(rows: list) -> str:
    return "\n".join(",".join(map(str, row)) for row in rows)


print("registered:", list(exporters.items), "->", repr(exporters.items["csv"]([[1, 2], [3, 4]])))


@contextlib.contextmanager
def leased(pool: list, name: str):
    pool.append(name)  # acquire
    try:
        yield name
    finally:
        pool.remove(name)  # release, even if the block raised


in_use: list = []
try:
    with leased(in_use, "gpu-0"):
        print("inside the block, leased:", in_use)
        raise RuntimeError("training crashed")
except RuntimeError:
    pass
print("after the crash, leased:", in_use)


class MemoryStore:  # inherits from nothing, yet fits the protocol
    def __init__(self) -> None:
        self.data: dict = {}

    def get(self, key: str) -> bytes:
        return self.data[key]

    def put(self, key: str, data: bytes) -> None:
        self.data[key] = data


class LooksRight:
    def get(self):  # wrong parameters...
        return None

    def put(self):
        return None


print("MemoryStore is an ObjectStore:", isinstance(MemoryStore(), ObjectStore))
print("LooksRight passes isinstance too:", isinstance(LooksRight(), ObjectStore), "<- names only, not signatures")

# %% [markdown] course={"kind": "lesson", "id": "anti-patterns", "covers": ["c-anti-patterns-to-avoid"]}
# ### Anti-patterns: designs that look helpful and hurt
#
# | anti-pattern | what it looks like | do instead |
# |---|---|---|
# | **pattern for its own sake** | an `AbstractExporterFactoryProvider` with one implementation | a function; add the pattern when the second case arrives |
# | **god object** | a `Manager` class that deploys, bills, alerts and parses YAML | one class per responsibility (section 5.5) |
# | **hidden global state** | singletons, module dicts that tests mutate | create once in `main()`, pass it in |
# | **string dispatch everywhere** | `if kind == "rolling" ... elif ...` copied into five functions | one registry, looked up once |
# | **retry everything** | `except Exception: retry`, retries at every layer | retry transient errors, in one layer, with a budget |
# | **silent observers** | `except Exception: pass` around each handler | collect the errors and report them after all handlers ran |
#
# Retrying in every layer deserves a demo, because it multiplies: if the HTTP client, the service
# client and the job runner each make 3 attempts, one failing request becomes 3 × 3 × 3 = 27 calls
# to a database that is already struggling.

# %% course={"kind": "demo"}
database_calls = 0


def query_database() -> None:
    global database_calls
    database_calls += 1
    raise ConnectionError("database overloaded")


def with_attempts(fn, attempts: int = 3):
    def wrapped() -> None:
        for attempt in range(attempts):
            try:
                return fn()
            except ConnectionError:
                if attempt == attempts - 1:
                    raise
        return None

    return wrapped


layered = with_attempts(with_attempts(with_attempts(query_database)))  # client, service, job runner
try:
    layered()
except ConnectionError:
    print("one request, retried in three layers:", database_calls, "calls to the database")
database_calls = 0
try:
    with_attempts(query_database)()
except ConnectionError:
    print("retried in one layer only:          ", database_calls, "calls")

# %% [markdown] course={"kind": "exercise", "id": "storage-adapters", "item": "x-implement-a-factory-for-creating-cloud"}
# ### Adapters: two storage SDKs behind one interface
#
# The setup cell at the top of this notebook defines two fake storage SDKs that behave like the
# real ones where it matters: `FakeS3Client` (keyword arguments, dict answers, listings in
# pages of `page_size` keys, `NoSuchKey` for a missing object) and `FakeGCSClient` (objects
# reached through `client.bucket(name).blob(key)`, `NotFound` for a missing object). Read it.
#
# Write two **adapters**, `S3Store(client, bucket)` and `GCSStore(client, bucket)`, that offer the
# same interface, so the rest of a platform never knows which cloud it talks to:
#
# | method | does |
# |---|---|
# | `put(key, data)` | stores the `bytes` under `key` (replacing what was there) |
# | `get(key)` | returns the stored `bytes`; a missing key raises `KeyError(key)` |
# | `delete(key)` | removes the object; deleting a missing key is **not** an error, on either cloud (so a cleanup job can run twice) |
# | `keys(prefix="")` | a `list` of every key that starts with `prefix`, in key order (both SDKs already list in that order), however many pages that takes |
#
# Design rules the tests check:
#
# - An adapter **wraps** the SDK client it is given (kept in the attribute `client`, the bucket
#   name in `bucket`); it does not inherit from any SDK class.
# - No SDK exception (`NoSuchKey`, `NotFound`) reaches the caller: translate it.
# - `get` asks the SDK **once**: do not list or check first (two requests cost twice, and another
#   writer can delete the object between them). Translate the error instead.
#
# ```python
# sdk = FakeS3Client(); sdk.create_bucket(Bucket="models")
# store = S3Store(sdk, "models")
# store.put("churn/v1.bin", b"\x00\x01")
# store.get("churn/v1.bin")          # b'\x00\x01'
# store.keys("churn/")               # ['churn/v1.bin']
# store.get("churn/v2.bin")          # KeyError: 'churn/v2.bin'
# ```

# %% [markdown] course={"kind": "hint"}
# Each method is a translation: find the SDK call that does the same job, and map the arguments
# and the answer. `get_object` answers a dict whose `"Body"` is a stream: `.read()` gives the
# bytes. Catch the SDK's own exception and `raise KeyError(key) from None`.

# %% [markdown] course={"kind": "hint"}
# S3 listings: call `list_objects_v2` again with `ContinuationToken=answer["NextContinuationToken"]`
# while `answer["IsTruncated"]` is true (leave the argument out on the first call: like boto3, the
# fake refuses `None`). An answer with no matches has **no** `"Contents"` key: use
# `answer.get("Contents", [])`. For GCS, `client.list_blobs(bucket, prefix=prefix)` yields blobs;
# their `.name` is the key.

# %% course={"kind": "solution"}
class S3Store:
    """put/get/delete/keys on top of the S3-like SDK."""

    def __init__(self, client: FakeS3Client, bucket: str) -> None:
        ### BEGIN SOLUTION
        self.client, self.bucket = client, bucket
        ### END SOLUTION

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=key)
        except NoSuchKey:
            raise KeyError(key) from None
        return answer["Body"].read()
        ### END SOLUTION

    def delete(self, key: str) -> None:
        ### BEGIN SOLUTION
        self.client.delete_object(Bucket=self.bucket, Key=key)
        ### END SOLUTION

    def keys(self, prefix: str = "") -> list[str]:
        ### BEGIN SOLUTION
        found: list[str] = []
        more: dict = {}  # no ContinuationToken on the first call
        while True:
            answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix, **more)
            found += [item["Key"] for item in answer.get("Contents", [])]
            if not answer["IsTruncated"]:
                return found
            more = {"ContinuationToken": answer["NextContinuationToken"]}
        ### END SOLUTION


class GCSStore:
    """The same interface on top of the GCS-like SDK."""

    def __init__(self, client: FakeGCSClient, bucket: str) -> None:
        ### BEGIN SOLUTION
        self.client, self.bucket = client, bucket
        ### END SOLUTION

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        self._blob(key).upload_from_string(data)
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        try:
            return self._blob(key).download_as_bytes()
        except NotFound:
            raise KeyError(key) from None
        ### END SOLUTION

    def delete(self, key: str) -> None:
        ### BEGIN SOLUTION
        try:
            self._blob(key).delete()
        except NotFound:
            pass  # already gone: that is what the caller wanted
        ### END SOLUTION

    def keys(self, prefix: str = "") -> list[str]:
        ### BEGIN SOLUTION
        return [blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix)]
        ### END SOLUTION

    def _blob(self, key: str) -> FakeBlob:
        ### BEGIN SOLUTION
        return self.client.bucket(self.bucket).blob(key)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
sdk = FakeS3Client()
sdk.create_bucket(Bucket="models")
s3 = S3Store(sdk, "models")
s3.put("churn/v1.bin", b"\x00\x01")
s3.put("churn/v2.bin", b"")
s3.put("README", b"hello")
got = s3.get("churn/v1.bin")
assert got == b"\x00\x01" and type(got) is bytes, f"S3Store.get returns the stored bytes, got {got!r}"
assert s3.get("churn/v2.bin") == b"", "an empty object is still an object: b''"
assert s3.keys("churn/") == ["churn/v1.bin", "churn/v2.bin"], f"keys('churn/') gave {s3.keys('churn/')!r}"
assert s3.keys() == ["README", "churn/v1.bin", "churn/v2.bin"], "keys() with no prefix lists every key"
s3.put("README", b"v2")
s3.delete("churn/v1.bin")
assert s3.keys() == ["README", "churn/v2.bin"] and s3.get("README") == b"v2", "put replaces, delete removes"

# %% course={"kind": "test", "points": 1}
sdk = FakeGCSClient()
gcs = GCSStore(sdk, "models")
gcs.put("churn/v1.bin", b"\x00\x01")
gcs.put("churn/v2.bin", b"")
gcs.put("README", b"hello")
got = gcs.get("churn/v1.bin")
assert got == b"\x00\x01" and type(got) is bytes, f"GCSStore.get returns the stored bytes, got {got!r}"
assert gcs.get("churn/v2.bin") == b"", "an empty object is still an object: b''"
assert gcs.keys("churn/") == ["churn/v1.bin", "churn/v2.bin"], f"keys('churn/') gave {gcs.keys('churn/')!r}"
assert gcs.keys() == ["README", "churn/v1.bin", "churn/v2.bin"], "keys() with no prefix lists every key"
gcs.put("README", b"v2")
gcs.delete("churn/v1.bin")
assert gcs.keys() == ["README", "churn/v2.bin"] and gcs.get("README") == b"v2", "put replaces, delete removes"
assert GCSStore(sdk, "other").keys() == [], "stores of different buckets do not see each other's keys"

# %% course={"kind": "test", "points": 2}
s3_sdk, gcs_sdk = FakeS3Client(), FakeGCSClient()
s3_sdk.create_bucket(Bucket="b")
for store in (S3Store(s3_sdk, "b"), GCSStore(gcs_sdk, "b")):
    kind = type(store).__name__
    try:
        store.get("nope.txt")
    except KeyError as err:
        assert err.args == ("nope.txt",), f"{kind}: raise KeyError(key), got {err!r}"
    except (NoSuchKey, NotFound) as err:
        raise AssertionError(f"{kind}: the SDK's {type(err).__name__} leaked out; translate it to KeyError")
    else:
        raise AssertionError(f"{kind}: get of a missing key must raise KeyError")
    try:
        store.delete("nope.txt")
        store.delete("nope.txt")
    except Exception as err:
        raise AssertionError(f"{kind}: deleting a missing key is not an error, got {err!r}")
    store.put("k", b"v")
    store.delete("k")
    store.delete("k")  # twice: still fine
    assert store.keys() == [], f"{kind}: the deleted key is gone"
S3Store(s3_sdk, "b").put("x", b"1")
GCSStore(gcs_sdk, "b").put("x", b"1")
mark = len(s3_sdk.calls), len(gcs_sdk.calls)
S3Store(s3_sdk, "b").get("x")
GCSStore(gcs_sdk, "b").get("x")
for store in (S3Store(s3_sdk, "b"), GCSStore(gcs_sdk, "b")):
    try:
        store.get("gone")
    except KeyError:
        pass
assert s3_sdk.calls[mark[0] :] == ["get_object", "get_object"], (
    f"S3: one SDK call per get, got {s3_sdk.calls[mark[0] :]}"
)
assert gcs_sdk.calls[mark[1] :] == ["download_as_bytes"] * 2, (
    f"GCS: one SDK call per get, got {gcs_sdk.calls[mark[1] :]}"
)

# %% course={"kind": "test", "points": 2}
sdk = FakeS3Client(page_size=2)
sdk.create_bucket(Bucket="logs")
s3 = S3Store(sdk, "logs")
assert s3.keys() == [], "an empty bucket: S3 leaves out 'Contents'; keys() must still answer []"
for day in range(1, 6):
    s3.put(f"app/2024-05-0{day}.log", b"...")
s3.put("db/2024-05-01.log", b"...")
sdk.calls.clear()
assert s3.keys("app/") == [f"app/2024-05-0{d}.log" for d in range(1, 6)], "5 keys in pages of 2: follow every page"
assert sdk.calls == ["list_objects_v2"] * 3, f"5 keys in pages of 2 take 3 list calls, not {len(sdk.calls)}"
assert s3.keys("db/") == ["db/2024-05-01.log"] and s3.keys("nothing/") == [], "prefixes filter; no match gives []"
### BEGIN HIDDEN TESTS
assert len(s3.keys()) == 6 and s3.keys("app/2024-05-05") == ["app/2024-05-05.log"]
exact = FakeS3Client(page_size=3)
exact.create_bucket(Bucket="e")
store = S3Store(exact, "e")
for name in "abcdef":
    store.put(name, b"")
assert store.keys() == list("abcdef"), "exactly two full pages"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
s3_sdk, gcs_sdk = FakeS3Client(page_size=1), FakeGCSClient()
s3_sdk.create_bucket(Bucket="prod")
source, target = S3Store(s3_sdk, "prod"), GCSStore(gcs_sdk, "backup")
assert source.client is s3_sdk and source.bucket == "prod", "the adapter keeps the SDK client it was given"
assert target.client is gcs_sdk and target.bucket == "backup"
for store in (source, target):
    assert not isinstance(store, (FakeS3Client, FakeGCSClient)), "an adapter wraps the SDK; it does not inherit from it"
for key, data in {"modèle/ünï.bin": "é".encode(), "a b/c": b"\xff", "z": b"0"}.items():
    source.put(key, data)
for key in source.keys():  # generic code: it only knows the four methods
    target.put(key, source.get(key))
assert target.keys() == ["a b/c", "modèle/ünï.bin", "z"], "copying S3 -> GCS through the shared interface"
assert target.get("modèle/ünï.bin") == "é".encode() and target.get("a b/c") == b"\xff"

# %% course={"kind": "wrong", "id": "first-page-only", "fails": ["t4", "t5"]}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except NoSuchKey:
            raise KeyError(key) from None

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def keys(self, prefix=""):
        answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return [item["Key"] for item in answer.get("Contents", [])]  # only the first page


class GCSStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        try:
            return self.client.bucket(self.bucket).blob(key).download_as_bytes()
        except NotFound:
            raise KeyError(key) from None

    def delete(self, key):
        try:
            self.client.bucket(self.bucket).blob(key).delete()
        except NotFound:
            pass

    def keys(self, prefix=""):
        return [b.name for b in self.client.list_blobs(self.bucket, prefix=prefix)]

# %% course={"kind": "wrong", "id": "sdk-errors-leak", "fails": ["t3"]}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except NoSuchKey:
            raise KeyError(key) from None

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def keys(self, prefix=""):
        found, more = [], {}
        while True:
            answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix, **more)
            found += [item["Key"] for item in answer.get("Contents", [])]
            if not answer["IsTruncated"]:
                return found
            more = {"ContinuationToken": answer["NextContinuationToken"]}


class GCSStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        return self.client.bucket(self.bucket).blob(key).download_as_bytes()  # NotFound leaks out

    def delete(self, key):
        self.client.bucket(self.bucket).blob(key).delete()  # and a second delete raises NotFound

    def keys(self, prefix=""):
        return [b.name for b in self.client.list_blobs(self.bucket, prefix=prefix)]

# %% course={"kind": "wrong", "id": "check-then-get", "fails": ["t3"]}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        if key not in self.keys(key):  # an extra request, and a race with other writers
            raise KeyError(key)
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def keys(self, prefix=""):
        found, more = [], {}
        while True:
            answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix, **more)
            found += [item["Key"] for item in answer.get("Contents", [])]
            if not answer["IsTruncated"]:
                return found
            more = {"ContinuationToken": answer["NextContinuationToken"]}


class GCSStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        if key not in self.keys(key):
            raise KeyError(key)
        return self.client.bucket(self.bucket).blob(key).download_as_bytes()

    def delete(self, key):
        try:
            self.client.bucket(self.bucket).blob(key).delete()
        except NotFound:
            pass

    def keys(self, prefix=""):
        return [b.name for b in self.client.list_blobs(self.bucket, prefix=prefix)]

# %% [markdown] course={"kind": "exercise", "id": "storage-factory", "item": "x-implement-a-factory-for-creating-cloud"}
# ### A factory that opens storage from a URL
#
# Platform code gets storage locations from configuration as URLs: `s3://models`,
# `gs://datasets`. Write `StoreFactory`, which turns such a URL into a ready store, and lets new
# clouds be added by **registering** them, without editing the factory's code.
#
# - `register(scheme, *, client, store)`: `client` is a function with no arguments that builds an
#   SDK client (in production that reads credentials and may take a second); `store` is a function
#   `store(client, bucket)` that builds the store, such as the adapters of the previous exercise.
#   The scheme is case-insensitive (`"S3"` and `"s3"` are one scheme) and must be an ASCII letter
#   followed by ASCII letters or digits; otherwise, or if it is already registered, `ValueError`.
# - `schemes()`: a new sorted list of the registered schemes, lower-case.
# - `open(url)`: `url` is `scheme://bucket`, with an optional `/` at the end; the scheme part is
#   case-insensitive. Returns `store(client, bucket)`. A URL without `://`, with an empty bucket,
#   or with anything after the bucket (`s3://a/b`) raises `ValueError`; so does a scheme nobody
#   registered, with a message that names it and lists the registered ones, sorted:
#   `unknown scheme 'azure'; registered: gs, s3`.
# - **Clients are expensive**: build each scheme's client only when a URL first needs it (never
#   in `register`), then reuse that one client for every later `open` of the scheme. Each factory
#   has its own clients: two factories never share one (no global cache).
#
# ```python
# factory = StoreFactory()
# factory.register("s3", client=FakeS3Client, store=S3Store)
# factory.register("gs", client=FakeGCSClient, store=GCSStore)
# models = factory.open("s3://models")       # S3Store on a new FakeS3Client
# logs = factory.open("S3://logs/")          # S3Store on the SAME client: models.client is logs.client
# factory.open("azure://x")                  # ValueError: unknown scheme 'azure'; registered: gs, s3
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two dicts on the factory: scheme → `(client function, store function)`, filled by
# `register`, and scheme → built client, filled by `open` the first time a scheme is used.
# `url.partition("://")` splits off the scheme; `str.removesuffix("/")` drops one trailing slash.

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"[a-z][a-z0-9]*", scheme.lower())` checks a scheme. For the error message,
# `", ".join(self.schemes())`. Make both dicts in `__init__` (a dict written in the class body
# would be shared by every factory).

# %% course={"kind": "solution"}
import re


class StoreFactory:
    """Opens stores from URLs like s3://bucket; clouds are added with register()."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._makers: dict[str, tuple] = {}
        self._clients: dict[str, object] = {}
        ### END SOLUTION

    def register(self, scheme: str, *, client, store) -> None:
        ### BEGIN SOLUTION
        key = scheme.lower()
        if not re.fullmatch(r"[a-z][a-z0-9]*", key):
            raise ValueError(f"a scheme is a letter then letters or digits, got {scheme!r}")
        if key in self._makers:
            raise ValueError(f"scheme {key!r} is already registered")
        self._makers[key] = (client, store)
        ### END SOLUTION

    def schemes(self) -> list[str]:
        ### BEGIN SOLUTION
        return sorted(self._makers)
        ### END SOLUTION

    def open(self, url: str):
        ### BEGIN SOLUTION
        scheme, separator, rest = url.partition("://")
        scheme, bucket = scheme.lower(), rest.removesuffix("/")
        if not separator or not bucket or "/" in bucket:
            raise ValueError(f"expected scheme://bucket, got {url!r}")
        if scheme not in self._makers:
            raise ValueError(f"unknown scheme {scheme!r}; registered: {', '.join(self.schemes())}")
        make_client, make_store = self._makers[scheme]
        if scheme not in self._clients:
            self._clients[scheme] = make_client()
        return make_store(self._clients[scheme], bucket)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class Handle:
    """A stand-in store for the tests: remembers what it was built with."""

    def __init__(self, client, bucket: str) -> None:
        self.client, self.bucket = client, bucket


class Other(Handle):
    pass


factory = StoreFactory()
factory.register("s3", client=FakeS3Client, store=Handle)
factory.register("gs", client=FakeGCSClient, store=Other)
models = factory.open("s3://models")
assert type(models) is Handle and models.bucket == "models", "open('s3://models') builds the s3 store for 'models'"
assert type(models.client) is FakeS3Client, "...with a client made by the registered client function"
data = factory.open("gs://datasets")
assert type(data) is Other and type(data.client) is FakeGCSClient and data.bucket == "datasets"
assert factory.schemes() == ["gs", "s3"], f"schemes() is sorted, got {factory.schemes()!r}"

# %% course={"kind": "test", "points": 2}
built: list[str] = []


def counting_client(name: str):
    def make() -> dict:
        built.append(name)
        return {"client": name, "number": len(built)}

    return make


factory = StoreFactory()
factory.register("s3", client=counting_client("s3"), store=Handle)
factory.register("gs", client=counting_client("gs"), store=Handle)
assert built == [], "register must not build a client: that waits until a URL needs it"
first = factory.open("s3://models")
assert built == ["s3"], "the first open of a scheme builds its client"
second = factory.open("s3://logs")
assert built == ["s3"] and second.client is first.client, "later opens of the scheme reuse the same client"
factory.open("gs://data")
factory.open("s3://models")
assert built == ["s3", "gs"], f"one client per scheme, built when first needed; built: {built}"

# %% course={"kind": "test", "points": 1}
built.clear()
a, b = StoreFactory(), StoreFactory()
for f in (a, b):
    f.register("s3", client=counting_client("s3"), store=Handle)
assert b.schemes() == ["s3"] and a.schemes() == ["s3"], "each factory has its own registrations"
from_a, from_b = a.open("s3://x"), b.open("s3://x")
assert from_a.client is not from_b.client and built == ["s3", "s3"], "two factories never share a client"
a.register("mem", client=dict, store=Handle)  # a new cloud, and open() was not edited
assert type(a.open("mem://scratch").client) is dict and b.schemes() == ["s3"], "registering on one factory only"

# %% course={"kind": "test", "points": 2}
factory = StoreFactory()
factory.register("s3", client=FakeS3Client, store=Handle)
factory.register("GS", client=FakeGCSClient, store=Other)
assert factory.schemes() == ["gs", "s3"], "schemes are stored lower-case"
assert type(factory.open("gs://data")) is Other, "a scheme registered as 'GS' opens 'gs://' URLs"
opened = factory.open("S3://Models/")
assert type(opened) is Handle and opened.bucket == "Models", "URL schemes are case-insensitive; one trailing / is fine"


def refused(call, *args, **kwargs) -> str:
    try:
        call(*args, **kwargs)
    except ValueError as err:
        return str(err)
    raise AssertionError(f"{call.__name__}{args} must raise ValueError")


message = refused(factory.open, "azure://x")
assert "'azure'" in message and "gs, s3" in message, f"name the scheme and list the registered ones: {message!r}"
for url in ("models", "s3:/models", "s3://", "s3:///", "s3://a/b", "s3://a//"):
    refused(factory.open, url)
for scheme in ("s3", "S3", "", "3s", "s-3", "s 3", "ß3"):
    refused(factory.register, scheme, client=dict, store=Handle)
### BEGIN HIDDEN TESTS
assert factory.schemes() == ["gs", "s3"], "refused registrations leave nothing behind"
assert refused(StoreFactory().open, "s3://x").endswith("registered: "), "nothing registered yet: an empty list"
factory.schemes().append("zz")
assert factory.schemes() == ["gs", "s3"], "schemes() returns a new list"
factory.register("x9", client=dict, store=Handle)
assert factory.open("x9://b").bucket == "b"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "eager-clients", "fails": ["t2"]}
import re


class StoreFactory:
    def __init__(self):
        self._makers, self._clients = {}, {}

    def register(self, scheme, *, client, store):
        key = scheme.lower()
        if not re.fullmatch(r"[a-z][a-z0-9]*", key) or key in self._makers:
            raise ValueError(f"bad or duplicate scheme {scheme!r}")
        self._makers[key] = store
        self._clients[key] = client()  # built now, even if no URL ever needs it

    def schemes(self):
        return sorted(self._makers)

    def open(self, url):
        scheme, separator, rest = url.partition("://")
        scheme, bucket = scheme.lower(), rest.removesuffix("/")
        if not separator or not bucket or "/" in bucket:
            raise ValueError(f"expected scheme://bucket, got {url!r}")
        if scheme not in self._makers:
            raise ValueError(f"unknown scheme {scheme!r}; registered: {', '.join(self.schemes())}")
        return self._makers[scheme](self._clients[scheme], bucket)

# %% course={"kind": "wrong", "id": "client-per-open", "fails": ["t2"]}
import re


class StoreFactory:
    def __init__(self):
        self._makers = {}

    def register(self, scheme, *, client, store):
        key = scheme.lower()
        if not re.fullmatch(r"[a-z][a-z0-9]*", key) or key in self._makers:
            raise ValueError(f"bad or duplicate scheme {scheme!r}")
        self._makers[key] = (client, store)

    def schemes(self):
        return sorted(self._makers)

    def open(self, url):
        scheme, separator, rest = url.partition("://")
        scheme, bucket = scheme.lower(), rest.removesuffix("/")
        if not separator or not bucket or "/" in bucket:
            raise ValueError(f"expected scheme://bucket, got {url!r}")
        if scheme not in self._makers:
            raise ValueError(f"unknown scheme {scheme!r}; registered: {', '.join(self.schemes())}")
        make_client, make_store = self._makers[scheme]
        return make_store(make_client(), bucket)  # a new client for every URL

# %% course={"kind": "wrong", "id": "class-level-cache", "fails": ["t2", "t3"]}
import re


class StoreFactory:
    _clients: dict = {}  # one dict for every factory ever made

    def __init__(self):
        self._makers = {}

    def register(self, scheme, *, client, store):
        key = scheme.lower()
        if not re.fullmatch(r"[a-z][a-z0-9]*", key) or key in self._makers:
            raise ValueError(f"bad or duplicate scheme {scheme!r}")
        self._makers[key] = (client, store)

    def schemes(self):
        return sorted(self._makers)

    def open(self, url):
        scheme, separator, rest = url.partition("://")
        scheme, bucket = scheme.lower(), rest.removesuffix("/")
        if not separator or not bucket or "/" in bucket:
            raise ValueError(f"expected scheme://bucket, got {url!r}")
        if scheme not in self._makers:
            raise ValueError(f"unknown scheme {scheme!r}; registered: {', '.join(self.schemes())}")
        make_client, make_store = self._makers[scheme]
        if scheme not in self._clients:
            self._clients[scheme] = make_client()
        return make_store(self._clients[scheme], bucket)

# %% course={"kind": "wrong", "id": "case-sensitive-url", "fails": ["t4"]}
import re


class StoreFactory:
    def __init__(self):
        self._makers, self._clients = {}, {}

    def register(self, scheme, *, client, store):
        key = scheme.lower()
        if not re.fullmatch(r"[a-z][a-z0-9]*", key) or key in self._makers:
            raise ValueError(f"bad or duplicate scheme {scheme!r}")
        self._makers[key] = (client, store)

    def schemes(self):
        return sorted(self._makers)

    def open(self, url):
        scheme, separator, rest = url.partition("://")  # 'S3' is looked up as it is
        bucket = rest.removesuffix("/")
        if not separator or not bucket or "/" in bucket:
            raise ValueError(f"expected scheme://bucket, got {url!r}")
        if scheme not in self._makers:
            raise ValueError(f"unknown scheme {scheme!r}; registered: {', '.join(self.schemes())}")
        make_client, make_store = self._makers[scheme]
        if scheme not in self._clients:
            self._clients[scheme] = make_client()
        return make_store(self._clients[scheme], bucket)

# %% [markdown] course={"kind": "exercise", "id": "manifest-builder"}
# ### A builder for Kubernetes Deployment manifests
#
# A Kubernetes `Deployment` is a nested document with rules that tie its parts together (the
# selector must match the pod labels; the container is named after the deployment). Write
# `DeploymentBuilder(name)`, which collects the parts step by step and returns the finished
# manifest as a dict from `build()`. Every method except `build` returns **the builder itself**,
# so calls chain.
#
# | method | rules (else `ValueError`, or `TypeError` where it says so) |
# |---|---|
# | `DeploymentBuilder(name)` | `name` is a DNS label: lower-case ASCII letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters (container names must be DNS labels) |
# | `image(ref)` | a non-empty string without whitespace; a second call replaces the first |
# | `replicas(count)` | a whole number `>= 0` (`0` is valid: scaled down; `True` is not a number); default `1` |
# | `port(number)` | a whole number from 1 to 65535, not already added; ports keep the order they were added in |
# | `env(name, value)` | `name` is letters, digits and `_`, not starting with a digit; `value` must be a `str` (`TypeError` otherwise: Kubernetes refuses `4` where it expects `"4"`). The same name again replaces the value and keeps its place |
# | `label(key, value)` | `value` must be a `str` (`TypeError`); the key `"app"` is reserved (the builder sets it to the name, and the selector relies on it); the same key again replaces the value |
# | `build()` | `ValueError` if no image was given; otherwise a **new** dict, shaped as below |
#
# A refused call changes nothing. `build()` may be called any number of times, also after more
# changes, and its results never share a list or dict with each other, with the builder, or
# inside one manifest (`metadata.labels` and the template's labels are equal but separate dicts,
# so editing one result can never change another). `ports` and `env` are left out of the
# container when empty.
#
# ```python
# DeploymentBuilder("api").image("registry.local/api:1.4").replicas(3).port(8080).env("LOG_LEVEL", "info").label("team", "core").build()
# {"apiVersion": "apps/v1", "kind": "Deployment",
#  "metadata": {"name": "api", "labels": {"app": "api", "team": "core"}},
#  "spec": {"replicas": 3,
#           "selector": {"matchLabels": {"app": "api"}},
#           "template": {"metadata": {"labels": {"app": "api", "team": "core"}},
#                        "spec": {"containers": [{"name": "api", "image": "registry.local/api:1.4",
#                                                 "ports": [{"containerPort": 8080}],
#                                                 "env": [{"name": "LOG_LEVEL", "value": "info"}]}]}}}}
# ```

# %% [markdown] course={"kind": "hint"}
# Store the parts in plain attributes (`self._ports = []`, `self._env = {}`, ...) and assemble the
# nested dict only in `build()`. Writing the dict literals inside `build()` makes new dicts on
# every call; `{"app": self._name, **self._labels}` written twice gives two separate dicts.

# %% [markdown] course={"kind": "hint"}
# Check before you change: validate the argument first, and only then store it. For numbers,
# `isinstance(x, bool) or not isinstance(x, int)` refuses `True` and `2.0`. A dict keeps the
# position of a key whose value you replace, which is what `env` needs.

# %% course={"kind": "solution"}
import re


class DeploymentBuilder:
    """Collects the parts of a Deployment; build() returns a fresh manifest dict."""

    def __init__(self, name: str) -> None:
        ### BEGIN SOLUTION
        if len(name) > 63 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name):
            raise ValueError(f"name must be a DNS label (a-z, 0-9, '-', at most 63), got {name!r}")
        self._name = name
        self._image: str | None = None
        self._replicas = 1
        self._ports: list[int] = []
        self._env: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        ### END SOLUTION

    def image(self, ref: str) -> "DeploymentBuilder":
        ### BEGIN SOLUTION
        if not ref or any(ch.isspace() for ch in ref):
            raise ValueError(f"image must be a reference without spaces, got {ref!r}")
        self._image = ref
        return self
        ### END SOLUTION

    def replicas(self, count: int) -> "DeploymentBuilder":
        ### BEGIN SOLUTION
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"replicas must be a whole number >= 0, got {count!r}")
        self._replicas = count
        return self
        ### END SOLUTION

    def port(self, number: int) -> "DeploymentBuilder":
        ### BEGIN SOLUTION
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 65535:
            raise ValueError(f"port must be a whole number from 1 to 65535, got {number!r}")
        if number in self._ports:
            raise ValueError(f"port {number} is already exposed")
        self._ports.append(number)
        return self
        ### END SOLUTION

    def env(self, name: str, value: str) -> "DeploymentBuilder":
        ### BEGIN SOLUTION
        if not isinstance(value, str):
            raise TypeError(f"env {name}: Kubernetes wants a string value, got {value!r}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"bad environment variable name {name!r}")
        self._env[name] = value
        return self
        ### END SOLUTION

    def label(self, key: str, value: str) -> "DeploymentBuilder":
        ### BEGIN SOLUTION
        if not isinstance(value, str):
            raise TypeError(f"label {key}: the value must be a string, got {value!r}")
        if key == "app":
            raise ValueError("the 'app' label is set from the name; the selector relies on it")
        self._labels[key] = value
        return self
        ### END SOLUTION

    def build(self) -> dict:
        ### BEGIN SOLUTION
        if self._image is None:
            raise ValueError(f"deployment {self._name!r} has no image")
        container: dict = {"name": self._name, "image": self._image}
        if self._ports:
            container["ports"] = [{"containerPort": port} for port in self._ports]
        if self._env:
            container["env"] = [{"name": k, "value": v} for k, v in self._env.items()]
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": self._name, "labels": {"app": self._name, **self._labels}},
            "spec": {
                "replicas": self._replicas,
                "selector": {"matchLabels": {"app": self._name}},
                "template": {
                    "metadata": {"labels": {"app": self._name, **self._labels}},
                    "spec": {"containers": [container]},
                },
            },
        }
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
manifest = DeploymentBuilder("worker").image("registry.local/worker:2.0").build()
expected = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "worker", "labels": {"app": "worker"}},
    "spec": {
        "replicas": 1,
        "selector": {"matchLabels": {"app": "worker"}},
        "template": {
            "metadata": {"labels": {"app": "worker"}},
            "spec": {"containers": [{"name": "worker", "image": "registry.local/worker:2.0"}]},
        },
    },
}
assert manifest == expected, f"the smallest manifest: one replica, no ports, no env; got {manifest}"

# %% course={"kind": "test", "points": 2}
builder = DeploymentBuilder("api")
same = builder.image("registry.local/api:1.4").replicas(3).port(8080).port(9090)
assert same is builder, "every method returns the builder itself, so calls chain"
builder.env("LOG_LEVEL", "info").env("WORKERS", "4").label("team", "core").label("tier", "web")
manifest = builder.build()
container = manifest["spec"]["template"]["spec"]["containers"][0]
assert container == {
    "name": "api",
    "image": "registry.local/api:1.4",
    "ports": [{"containerPort": 8080}, {"containerPort": 9090}],
    "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "WORKERS", "value": "4"}],
}, f"container: {container}"
assert manifest["spec"]["replicas"] == 3
labels = {"app": "api", "team": "core", "tier": "web"}
assert manifest["metadata"]["labels"] == labels and manifest["spec"]["template"]["metadata"]["labels"] == labels
assert manifest["spec"]["selector"] == {"matchLabels": {"app": "api"}}, "the selector uses the app label only"
assert list(manifest) == ["apiVersion", "kind", "metadata", "spec"] and manifest["metadata"]["name"] == "api"
### BEGIN HIDDEN TESTS
for method, args in (
    ("image", ("x:1",)),
    ("replicas", (2,)),
    ("port", (1,)),
    ("env", ("A", "b")),
    ("label", ("k", "v")),
):
    assert getattr(builder, method)(*args) is builder, f"{method}() returns the builder"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
scaled = DeploymentBuilder("batch").image("batch:1").replicas(0).build()
assert scaled["spec"]["replicas"] == 0, "replicas(0) is a real choice (scaled down), not 'use the default'"
b = DeploymentBuilder("svc").image("old:1").image("new:2").env("MODE", "a").env("DEBUG", "").env("MODE", "b")
b.label("team", "x").label("team", "y")
m = b.build()
container = m["spec"]["template"]["spec"]["containers"][0]
assert container["image"] == "new:2", "a second image() replaces the first"
assert container["env"] == [{"name": "MODE", "value": "b"}, {"name": "DEBUG", "value": ""}], (
    "env: same name replaces, keeps its place; '' is a value"
)
assert m["metadata"]["labels"] == {"app": "svc", "team": "y"}, "the same label key again replaces the value"
try:
    DeploymentBuilder("no-image").replicas(2).build()
except ValueError:
    pass
else:
    raise AssertionError("build() without an image raises ValueError")

# %% course={"kind": "test", "points": 2}
def raises(error, call, *args) -> bool:
    try:
        call(*args)
    except error:
        return True
    return False


for name in ("", "API", "api_v2", "-api", "api-", "a" * 64, "api.v2", "äpi", "api\n"):
    assert raises(ValueError, DeploymentBuilder, name), f"{name!r} is not a DNS label: ValueError"
for name in ("a", "9", "api-v2", "a" * 63, "a-1-b"):
    assert DeploymentBuilder(name).image("x").build()["metadata"]["name"] == name, f"{name!r} is a valid name"
b = DeploymentBuilder("api").image("api:1").port(80)
for bad in (0, 65536, -1, True, 80, 8080.0, "8080"):
    assert raises((ValueError, TypeError), b.port, bad), f"port({bad!r}) must be refused"
b.port(1).port(65535)
for bad in (-1, True, 2.0, "3"):
    assert raises((ValueError, TypeError), b.replicas, bad), f"replicas({bad!r}) must be refused"
for bad in ("", "api 1", "api:1\t", " "):
    assert raises(ValueError, b.image, bad), f"image({bad!r}) must be refused"
assert raises(TypeError, b.env, "WORKERS", 4), "env values must be strings: TypeError for 4"
for bad in ("1ST", "LOG-LEVEL", "", "A B", "Ä"):
    assert raises(ValueError, b.env, bad, "x"), f"env name {bad!r} must be refused with ValueError"
assert raises(ValueError, b.label, "app", "other"), "the 'app' label is reserved"
assert raises(TypeError, b.label, "replicas", 3), "label values must be strings"
m = b.build()
container = m["spec"]["template"]["spec"]["containers"][0]
assert container["ports"] == [{"containerPort": 80}, {"containerPort": 1}, {"containerPort": 65535}], (
    "refused ports change nothing"
)
assert "env" not in container and m["metadata"]["labels"] == {"app": "api"} and m["spec"]["replicas"] == 1, (
    "refused calls change nothing"
)
assert container["image"] == "api:1"
### BEGIN HIDDEN TESTS
ok = (
    DeploymentBuilder("ok")
    .image("i")
    .env("_x9", "1")
    .env("a", "2")
    .build()["spec"]["template"]["spec"]["containers"][0]
)
assert ok["env"] == [{"name": "_x9", "value": "1"}, {"name": "a", "value": "2"}]
assert raises(ValueError, DeploymentBuilder("ok").env, "A\n", "x"), "a newline is not part of a name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
b = DeploymentBuilder("api").image("api:1").port(80).env("A", "1").label("team", "core")
first, second = b.build(), b.build()
assert first == second and first is not second, "build() returns a new dict each time"
first["metadata"]["labels"]["team"] = "hacked"
first["spec"]["template"]["spec"]["containers"][0]["env"].append({"name": "B", "value": "2"})
first["spec"]["template"]["spec"]["containers"][0]["ports"].clear()
first["spec"]["selector"]["matchLabels"]["extra"] = "x"
assert second == b.build(), "editing one result must not change another, or the builder"
assert first["spec"]["template"]["metadata"]["labels"]["team"] == "core", (
    "metadata and template labels are separate dicts"
)
m = b.build()
assert m["spec"]["selector"]["matchLabels"] is not m["metadata"]["labels"], "the selector has its own dict"
b.replicas(5).port(443)
assert m["spec"]["replicas"] == 1 and len(m["spec"]["template"]["spec"]["containers"][0]["ports"]) == 1, (
    "old results do not follow later changes"
)
assert b.build()["spec"]["replicas"] == 5, "the builder keeps working after build()"

# %% course={"kind": "wrong", "id": "replicas-or-default", "fails": ["t3"]}
import re


class DeploymentBuilder:
    def __init__(self, name):
        if len(name) > 63 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name):
            raise ValueError(name)
        self._name, self._image, self._replicas, self._ports, self._env, self._labels = name, None, None, [], {}, {}

    def image(self, ref):
        if not ref or any(ch.isspace() for ch in ref):
            raise ValueError(ref)
        self._image = ref
        return self

    def replicas(self, count):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(count)
        self._replicas = count
        return self

    def port(self, number):
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 65535 or number in self._ports:
            raise ValueError(number)
        self._ports.append(number)
        return self

    def env(self, name, value):
        if not isinstance(value, str):
            raise TypeError(value)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(name)
        self._env[name] = value
        return self

    def label(self, key, value):
        if not isinstance(value, str):
            raise TypeError(value)
        if key == "app":
            raise ValueError(key)
        self._labels[key] = value
        return self

    def build(self):
        if self._image is None:
            raise ValueError("no image")
        container = {"name": self._name, "image": self._image}
        if self._ports:
            container["ports"] = [{"containerPort": p} for p in self._ports]
        if self._env:
            container["env"] = [{"name": k, "value": v} for k, v in self._env.items()]
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": self._name, "labels": {"app": self._name, **self._labels}},
            "spec": {
                "replicas": self._replicas or 1,  # 0 becomes 1
                "selector": {"matchLabels": {"app": self._name}},
                "template": {
                    "metadata": {"labels": {"app": self._name, **self._labels}},
                    "spec": {"containers": [container]},
                },
            },
        }

# %% course={"kind": "wrong", "id": "shared-labels", "fails": ["t5"]}
import re


class DeploymentBuilder:
    def __init__(self, name):
        if len(name) > 63 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name):
            raise ValueError(name)
        self._name, self._image, self._replicas, self._ports, self._env = name, None, 1, [], {}
        self._labels = {"app": name}

    def image(self, ref):
        if not ref or any(ch.isspace() for ch in ref):
            raise ValueError(ref)
        self._image = ref
        return self

    def replicas(self, count):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(count)
        self._replicas = count
        return self

    def port(self, number):
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 65535 or number in self._ports:
            raise ValueError(number)
        self._ports.append(number)
        return self

    def env(self, name, value):
        if not isinstance(value, str):
            raise TypeError(value)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(name)
        self._env[name] = value
        return self

    def label(self, key, value):
        if not isinstance(value, str):
            raise TypeError(value)
        if key == "app":
            raise ValueError(key)
        self._labels[key] = value
        return self

    def build(self):
        if self._image is None:
            raise ValueError("no image")
        container = {"name": self._name, "image": self._image}
        if self._ports:
            container["ports"] = [{"containerPort": p} for p in self._ports]
        if self._env:
            container["env"] = [{"name": k, "value": v} for k, v in self._env.items()]
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": self._name, "labels": self._labels},  # the builder's own dict, twice
            "spec": {
                "replicas": self._replicas,
                "selector": {"matchLabels": {"app": self._name}},
                "template": {"metadata": {"labels": self._labels}, "spec": {"containers": [container]}},
            },
        }

# %% course={"kind": "wrong", "id": "converts-env-values", "fails": ["t4"]}
import re


class DeploymentBuilder:
    def __init__(self, name):
        if len(name) > 63 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name):
            raise ValueError(name)
        self._name, self._image, self._replicas, self._ports, self._env, self._labels = name, None, 1, [], {}, {}

    def image(self, ref):
        if not ref or any(ch.isspace() for ch in ref):
            raise ValueError(ref)
        self._image = ref
        return self

    def replicas(self, count):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(count)
        self._replicas = count
        return self

    def port(self, number):
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 65535 or number in self._ports:
            raise ValueError(number)
        self._ports.append(number)
        return self

    def env(self, name, value):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(name)
        self._env[name] = str(value)  # "helpful": 4 becomes "4" instead of an error
        return self

    def label(self, key, value):
        if key == "app":
            raise ValueError(key)
        self._labels[key] = str(value)
        return self

    def build(self):
        if self._image is None:
            raise ValueError("no image")
        container = {"name": self._name, "image": self._image}
        if self._ports:
            container["ports"] = [{"containerPort": p} for p in self._ports]
        if self._env:
            container["env"] = [{"name": k, "value": v} for k, v in self._env.items()]
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": self._name, "labels": {"app": self._name, **self._labels}},
            "spec": {
                "replicas": self._replicas,
                "selector": {"matchLabels": {"app": self._name}},
                "template": {
                    "metadata": {"labels": {"app": self._name, **self._labels}},
                    "spec": {"containers": [container]},
                },
            },
        }

# %% [markdown] course={"kind": "exercise", "id": "deploy-strategies"}
# ### Deploy strategies chosen by name
#
# A deploy tool updates a list of hosts in **waves**: each wave is a tuple of hosts switched to
# the new version together, and the next wave starts only if the previous one is healthy. How the
# hosts are split into waves is the *strategy*. Write three strategies, a registry that finds them
# by name, and a deployer that runs whichever one a config file names.
#
# **Strategies.** Each has a method `waves(hosts)` that takes a list of host names and returns a
# new list of tuples, in host order, without changing `hosts`; no hosts means no waves (`[]`).
#
# - `Rolling(batch_size=1)`: waves of `batch_size` hosts; the last may be smaller. `batch_size`
#   must be a whole number `>= 1` (`True` is not), else `ValueError`.
# - `BlueGreen()`: every host in one wave (the new "green" fleet takes all traffic at once).
# - `Canary(percents=(10, 50, 100))`: after each step, `ceil(n * percent / 100)` of the `n` hosts
#   run the new version; each wave holds the hosts added at that step, and a step that adds no
#   host makes no wave. `percents` (any iterable; keep your own copy) must be whole numbers (not
#   `bool`), strictly increasing, the first at least 1 and the last exactly 100, else `ValueError`.
#
# **`StrategyRegistry()`**: `register(name, factory)` stores a factory (a class, or any callable
# that returns a strategy) under a name; a name already taken raises `ValueError`.
# `create(name, **options)` returns `factory(**options)`; an unknown name raises `ValueError`
# naming it and listing the known names, sorted: `unknown strategy 'big-bang'; known: canary,
# rolling`. `names()` returns a new sorted list. `default_registry()` returns a **new** registry
# holding `"rolling"`, `"blue-green"` and `"canary"`.
#
# **`Deployer(registry)`**: `rollout(strategy, hosts, apply, **options)` creates the strategy
# through the registry, then calls `apply(wave)` for each wave in order. `apply` returns whether
# the wave came up healthy; after the first unhealthy wave, stop: no later wave is applied. Return
# the list of waves applied (the unhealthy one included). The deployer must work with **any**
# registered strategy: a new one is added with `register`, never by editing `Deployer`.
#
# ```python
# hosts = [f"web-{i}" for i in range(1, 11)]
# Canary().waves(hosts)       # [('web-1',), ('web-2', 'web-3', 'web-4', 'web-5'), ('web-6', ..., 'web-10')]
# Rolling(4).waves(hosts)     # [('web-1', ..., 'web-4'), ('web-5', ..., 'web-8'), ('web-9', 'web-10')]
# Deployer(default_registry()).rollout("rolling", hosts, apply=switch_and_check, batch_size=4)
# ```

# %% [markdown] course={"kind": "hint"}
# `ceil(n * p / 100)` in whole numbers is `-(-n * p // 100)` (or `math.ceil`, which is exact
# here). Walk the percents keeping `done`, the number of hosts already switched:
# `wave = tuple(hosts[done:target])`, keep it if it is not empty, then `done = target`.

# %% [markdown] course={"kind": "hint"}
# The registry is a dict from name to factory, made in `__init__`. The deployer does not know any
# strategy name: `self.registry.create(strategy, **options).waves(hosts)`, then a loop that appends
# each wave and `break`s when `apply(wave)` is false.

# %% course={"kind": "solution"}
class Rolling:
    """Waves of batch_size hosts."""

    def __init__(self, batch_size: int = 1) -> None:
        ### BEGIN SOLUTION
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size!r}")
        self.batch_size = batch_size
        ### END SOLUTION

    def waves(self, hosts: list[str]) -> list[tuple[str, ...]]:
        ### BEGIN SOLUTION
        size = self.batch_size
        return [tuple(hosts[i : i + size]) for i in range(0, len(hosts), size)]
        ### END SOLUTION


class BlueGreen:
    """Every host at once."""

    def waves(self, hosts: list[str]) -> list[tuple[str, ...]]:
        ### BEGIN SOLUTION
        return [tuple(hosts)] if hosts else []
        ### END SOLUTION


class Canary:
    """A few hosts first, then more, by cumulative percentages."""

    def __init__(self, percents: tuple[int, ...] = (10, 50, 100)) -> None:
        ### BEGIN SOLUTION
        steps = tuple(percents)  # our own copy: the caller's list may change later
        if any(isinstance(p, bool) or not isinstance(p, int) for p in steps):
            raise ValueError(f"percents must be whole numbers, got {steps!r}")
        if not steps or steps[0] < 1 or steps[-1] != 100 or any(b <= a for a, b in zip(steps, steps[1:])):
            raise ValueError(f"percents must rise strictly from >= 1 to 100, got {steps!r}")
        self.percents = steps
        ### END SOLUTION

    def waves(self, hosts: list[str]) -> list[tuple[str, ...]]:
        ### BEGIN SOLUTION
        waves, done = [], 0
        for percent in self.percents:
            target = -(-len(hosts) * percent // 100)
            if target > done:
                waves.append(tuple(hosts[done:target]))
                done = target
        return waves
        ### END SOLUTION


class StrategyRegistry:
    """Strategy factories by name."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._factories: dict = {}
        ### END SOLUTION

    def register(self, name: str, factory) -> None:
        ### BEGIN SOLUTION
        if name in self._factories:
            raise ValueError(f"strategy {name!r} is already registered")
        self._factories[name] = factory
        ### END SOLUTION

    def create(self, name: str, **options):
        ### BEGIN SOLUTION
        if name not in self._factories:
            raise ValueError(f"unknown strategy {name!r}; known: {', '.join(self.names())}")
        return self._factories[name](**options)
        ### END SOLUTION

    def names(self) -> list[str]:
        ### BEGIN SOLUTION
        return sorted(self._factories)
        ### END SOLUTION


def default_registry() -> StrategyRegistry:
    ### BEGIN SOLUTION
    registry = StrategyRegistry()
    registry.register("rolling", Rolling)
    registry.register("blue-green", BlueGreen)
    registry.register("canary", Canary)
    return registry
    ### END SOLUTION


class Deployer:
    """Runs a rollout with whichever strategy the registry builds."""

    def __init__(self, registry: StrategyRegistry) -> None:
        self.registry = registry

    def rollout(self, strategy: str, hosts: list[str], apply, **options) -> list[tuple[str, ...]]:
        ### BEGIN SOLUTION
        applied = []
        for wave in self.registry.create(strategy, **options).waves(hosts):
            applied.append(wave)
            if not apply(wave):
                break
        return applied
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
hosts = [f"web-{i}" for i in range(1, 6)]
assert Rolling(2).waves(hosts) == [("web-1", "web-2"), ("web-3", "web-4"), ("web-5",)], (
    "batches of 2; the last is smaller"
)
assert Rolling().waves(hosts[:2]) == [("web-1",), ("web-2",)], "the default batch is one host"
assert BlueGreen().waves(hosts) == [("web-1", "web-2", "web-3", "web-4", "web-5")], "blue-green: one wave of every host"
assert Rolling(3).waves(hosts)[1] == ("web-4", "web-5") and type(Rolling(3).waves(hosts)[1]) is tuple, (
    "waves are tuples"
)
### BEGIN HIDDEN TESTS
assert Rolling(5).waves(hosts) == [tuple(hosts)] and Rolling(9).waves(hosts) == [tuple(hosts)], (
    "batch >= hosts: one wave"
)
assert Rolling(4).waves(hosts) == [tuple(hosts[:4]), ("web-5",)]
assert Rolling(1).waves([]) == [] and BlueGreen().waves([]) == [], "no hosts, no waves"
assert BlueGreen().waves(["solo"]) == [("solo",)]
for bad in (0, -1, True, 1.0, "2"):
    try:
        Rolling(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"Rolling({bad!r}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
ten = [f"h{i}" for i in range(1, 11)]
assert Canary().waves(ten) == [("h1",), ("h2", "h3", "h4", "h5"), tuple(ten[5:])], (
    f"10%, 50%, 100% of 10 hosts: {Canary().waves(ten)}"
)
three = ["a", "b", "c"]
assert Canary().waves(three) == [("a",), ("b",), ("c",)], "ceil: 10% of 3 hosts is 1 host, 50% is 2 hosts"
assert Canary((25, 100)).waves(three) == [("a",), ("b", "c")], "25% of 3 is ceil(0.75) = 1"
assert Canary((10, 20, 100)).waves(three) == [("a",), ("b", "c")], "a step that adds no host makes no wave"
assert Canary().waves(["solo"]) == [("solo",)] and Canary().waves([]) == [], "one host: one wave; none: no waves"
### BEGIN HIDDEN TESTS
assert Canary((100,)).waves(ten) == [tuple(ten)]
assert Canary((1, 99, 100)).waves(ten) == [
    ("h1",),
    tuple(ten[1:]),
], "99% of 10 is ceil(9.9) = 10"
hundred = [f"n{i}" for i in range(100)]
assert [len(w) for w in Canary((1, 2, 50, 100)).waves(hundred)] == [1, 1, 48, 50], "exact percentages of 100 hosts"
assert [len(w) for w in Canary((33, 66, 100)).waves(ten)] == [4, 3, 3], "ceil(3.3) = 4, ceil(6.6) = 7"
big = [f"b{i}" for i in range(200)]
assert [len(w) for w in Canary().waves(big)] == [20, 80, 100], "200 hosts: 20, then 80 more, then the last 100"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (
    (),
    (50,),
    (0, 100),
    (10, 10, 100),
    (50, 20, 100),
    (10, 50, 101),
    (10, True, 100),
    (10, 50.0, 100),
    (100, 100),
    (-5, 100),
):
    try:
        Canary(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"Canary({bad!r}) must raise ValueError")
assert Canary([1, 100]).waves(["x", "y"]) == [("x",), ("y",)], "percents may be a list"
assert Canary(p for p in (50, 100)).waves(["x", "y"]) == [("x",), ("y",)], "...or any iterable, even a generator"
steps = [50, 100]
canary = Canary(steps)
steps[0] = 1
steps.insert(0, 99)
assert canary.waves(list("abcd")) == [("a", "b"), ("c", "d")], "the strategy keeps its own copy of the percents"

# %% course={"kind": "test", "points": 2}
registry = default_registry()
assert registry.names() == ["blue-green", "canary", "rolling"], f"names() is sorted: {registry.names()}"
assert (
    type(registry.create("rolling", batch_size=3)) is Rolling
    and registry.create("rolling", batch_size=3).batch_size == 3
)
assert type(registry.create("canary")) is Canary and type(registry.create("blue-green")) is BlueGreen
try:
    registry.create("big-bang")
except ValueError as err:
    assert "'big-bang'" in str(err) and "blue-green, canary, rolling" in str(err), (
        f"name it and list the known ones: {err}"
    )
else:
    raise AssertionError("an unknown strategy name raises ValueError")
try:
    registry.register("canary", BlueGreen)
except ValueError:
    pass
else:
    raise AssertionError("registering a taken name raises ValueError")
assert type(registry.create("canary")) is Canary, "a refused registration changes nothing"
other = default_registry()
other.register("all-at-once", BlueGreen)
assert "all-at-once" not in registry.names() and other is not registry, (
    "default_registry() returns a new registry each time"
)
registry.names().append("x")
assert registry.names() == ["blue-green", "canary", "rolling"], "names() returns a new list"
### BEGIN HIDDEN TESTS
assert StrategyRegistry().names() == []
try:
    StrategyRegistry().create("rolling")
except ValueError as err:
    assert str(err).endswith("known: "), f"an empty registry knows nothing: {err}"
else:
    raise AssertionError("an empty registry knows no strategy")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
hosts = [f"web-{i}" for i in range(1, 8)]
original = list(hosts)
applied: list = []


def healthy_until(bad_host: str):
    def apply(wave: tuple) -> bool:
        applied.append(wave)
        return bad_host not in wave

    return apply


deployer = Deployer(default_registry())
done = deployer.rollout("rolling", hosts, healthy_until("nothing"), batch_size=3)
assert done == [("web-1", "web-2", "web-3"), ("web-4", "web-5", "web-6"), ("web-7",)] and applied == done, (
    "every wave applied"
)
applied.clear()
done = deployer.rollout("rolling", hosts, healthy_until("web-5"), batch_size=2)
assert done == [("web-1", "web-2"), ("web-3", "web-4"), ("web-5", "web-6")], f"stop after the unhealthy wave: {done}"
assert applied == done, "no wave is applied after the unhealthy one"
assert hosts == original, "the host list is not changed"


class Reverse:  # a strategy the deployer has never heard of
    def __init__(self, size: int) -> None:
        self.size = size

    def waves(self, hosts: list) -> list:
        backwards = hosts[::-1]
        return [tuple(backwards[i : i + self.size]) for i in range(0, len(backwards), self.size)]


registry = default_registry()
registry.register("reverse", Reverse)
applied.clear()
done = Deployer(registry).rollout("reverse", hosts, healthy_until("web-1"), size=4)
assert done == [("web-7", "web-6", "web-5", "web-4"), ("web-3", "web-2", "web-1")], "a newly registered strategy works"
assert Deployer(registry).rollout("canary", [], healthy_until("x")) == [], "no hosts: nothing applied"
### BEGIN HIDDEN TESTS
applied.clear()
assert Deployer(registry).rollout("blue-green", hosts, healthy_until("web-3")) == [tuple(hosts)] and len(applied) == 1
applied.clear()
first_bad = Deployer(registry).rollout("canary", hosts, healthy_until("web-1"), percents=(50, 100))
assert first_bad == [("web-1", "web-2", "web-3", "web-4")] and len(applied) == 1, (
    "the first wave fails: only it is applied"
)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "canary-floor", "fails": ["t2", "t3", "t5"]}
class Rolling:
    def __init__(self, batch_size=1):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(batch_size)
        self.batch_size = batch_size

    def waves(self, hosts):
        return [tuple(hosts[i : i + self.batch_size]) for i in range(0, len(hosts), self.batch_size)]


class BlueGreen:
    def waves(self, hosts):
        return [tuple(hosts)] if hosts else []


class Canary:
    def __init__(self, percents=(10, 50, 100)):
        steps = list(percents)
        if (
            any(isinstance(p, bool) or not isinstance(p, int) for p in steps)
            or not steps
            or steps[0] < 1
            or steps[-1] != 100
            or any(b <= a for a, b in zip(steps, steps[1:]))
        ):
            raise ValueError(percents)
        self.percents = tuple(steps)

    def waves(self, hosts):
        waves, done = [], 0
        for percent in self.percents:
            target = len(hosts) * percent // 100  # rounds down: 10% of 3 hosts is 0
            if target > done:
                waves.append(tuple(hosts[done:target]))
                done = target
        return waves


class StrategyRegistry:
    def __init__(self):
        self._factories = {}

    def register(self, name, factory):
        if name in self._factories:
            raise ValueError(name)
        self._factories[name] = factory

    def create(self, name, **options):
        if name not in self._factories:
            raise ValueError(f"unknown strategy {name!r}; known: {', '.join(self.names())}")
        return self._factories[name](**options)

    def names(self):
        return sorted(self._factories)


def default_registry():
    registry = StrategyRegistry()
    for name, factory in (("rolling", Rolling), ("blue-green", BlueGreen), ("canary", Canary)):
        registry.register(name, factory)
    return registry


class Deployer:
    def __init__(self, registry):
        self.registry = registry

    def rollout(self, strategy, hosts, apply, **options):
        applied = []
        for wave in self.registry.create(strategy, **options).waves(hosts):
            applied.append(wave)
            if not apply(wave):
                break
        return applied

# %% course={"kind": "wrong", "id": "dispatch-by-if", "fails": ["t5"]}
class Rolling:
    def __init__(self, batch_size=1):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(batch_size)
        self.batch_size = batch_size

    def waves(self, hosts):
        return [tuple(hosts[i : i + self.batch_size]) for i in range(0, len(hosts), self.batch_size)]


class BlueGreen:
    def waves(self, hosts):
        return [tuple(hosts)] if hosts else []


class Canary:
    def __init__(self, percents=(10, 50, 100)):
        steps = list(percents)
        if (
            any(isinstance(p, bool) or not isinstance(p, int) for p in steps)
            or not steps
            or steps[0] < 1
            or steps[-1] != 100
            or any(b <= a for a, b in zip(steps, steps[1:]))
        ):
            raise ValueError(percents)
        self.percents = tuple(steps)

    def waves(self, hosts):
        waves, done = [], 0
        for percent in self.percents:
            target = -(-len(hosts) * percent // 100)
            if target > done:
                waves.append(tuple(hosts[done:target]))
                done = target
        return waves


class StrategyRegistry:
    def __init__(self):
        self._factories = {}

    def register(self, name, factory):
        if name in self._factories:
            raise ValueError(name)
        self._factories[name] = factory

    def create(self, name, **options):
        if name not in self._factories:
            raise ValueError(f"unknown strategy {name!r}; known: {', '.join(self.names())}")
        return self._factories[name](**options)

    def names(self):
        return sorted(self._factories)


def default_registry():
    registry = StrategyRegistry()
    for name, factory in (("rolling", Rolling), ("blue-green", BlueGreen), ("canary", Canary)):
        registry.register(name, factory)
    return registry


class Deployer:
    def __init__(self, registry):
        self.registry = registry

    def rollout(self, strategy, hosts, apply, **options):
        if strategy == "rolling":  # the registry is ignored: a new strategy needs an edit here
            plan = Rolling(**options)
        elif strategy == "blue-green":
            plan = BlueGreen()
        elif strategy == "canary":
            plan = Canary(**options)
        else:
            raise ValueError(f"unknown strategy {strategy!r}")
        applied = []
        for wave in plan.waves(hosts):
            applied.append(wave)
            if not apply(wave):
                break
        return applied

# %% course={"kind": "wrong", "id": "rolling-drops-remainder", "fails": ["t1", "t5"]}
class Rolling:
    def __init__(self, batch_size=1):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(batch_size)
        self.batch_size = batch_size

    def waves(self, hosts):
        size = self.batch_size
        return [
            tuple(hosts[i : i + size]) for i in range(0, len(hosts) - size + 1, size)
        ]  # loses the last, smaller batch


class BlueGreen:
    def waves(self, hosts):
        return [tuple(hosts)] if hosts else []


class Canary:
    def __init__(self, percents=(10, 50, 100)):
        steps = list(percents)
        if (
            any(isinstance(p, bool) or not isinstance(p, int) for p in steps)
            or not steps
            or steps[0] < 1
            or steps[-1] != 100
            or any(b <= a for a, b in zip(steps, steps[1:]))
        ):
            raise ValueError(percents)
        self.percents = tuple(steps)

    def waves(self, hosts):
        waves, done = [], 0
        for percent in self.percents:
            target = -(-len(hosts) * percent // 100)
            if target > done:
                waves.append(tuple(hosts[done:target]))
                done = target
        return waves


class StrategyRegistry:
    def __init__(self):
        self._factories = {}

    def register(self, name, factory):
        if name in self._factories:
            raise ValueError(name)
        self._factories[name] = factory

    def create(self, name, **options):
        if name not in self._factories:
            raise ValueError(f"unknown strategy {name!r}; known: {', '.join(self.names())}")
        return self._factories[name](**options)

    def names(self):
        return sorted(self._factories)


def default_registry():
    registry = StrategyRegistry()
    for name, factory in (("rolling", Rolling), ("blue-green", BlueGreen), ("canary", Canary)):
        registry.register(name, factory)
    return registry


class Deployer:
    def __init__(self, registry):
        self.registry = registry

    def rollout(self, strategy, hosts, apply, **options):
        applied = []
        for wave in self.registry.create(strategy, **options).waves(hosts):
            applied.append(wave)
            if not apply(wave):
                break
        return applied

# %% course={"kind": "wrong", "id": "no-health-gate", "fails": ["t5"]}
class Rolling:
    def __init__(self, batch_size=1):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(batch_size)
        self.batch_size = batch_size

    def waves(self, hosts):
        return [tuple(hosts[i : i + self.batch_size]) for i in range(0, len(hosts), self.batch_size)]


class BlueGreen:
    def waves(self, hosts):
        return [tuple(hosts)] if hosts else []


class Canary:
    def __init__(self, percents=(10, 50, 100)):
        steps = list(percents)
        if (
            any(isinstance(p, bool) or not isinstance(p, int) for p in steps)
            or not steps
            or steps[0] < 1
            or steps[-1] != 100
            or any(b <= a for a, b in zip(steps, steps[1:]))
        ):
            raise ValueError(percents)
        self.percents = tuple(steps)

    def waves(self, hosts):
        waves, done = [], 0
        for percent in self.percents:
            target = -(-len(hosts) * percent // 100)
            if target > done:
                waves.append(tuple(hosts[done:target]))
                done = target
        return waves


class StrategyRegistry:
    def __init__(self):
        self._factories = {}

    def register(self, name, factory):
        if name in self._factories:
            raise ValueError(name)
        self._factories[name] = factory

    def create(self, name, **options):
        if name not in self._factories:
            raise ValueError(f"unknown strategy {name!r}; known: {', '.join(self.names())}")
        return self._factories[name](**options)

    def names(self):
        return sorted(self._factories)


def default_registry():
    registry = StrategyRegistry()
    for name, factory in (("rolling", Rolling), ("blue-green", BlueGreen), ("canary", Canary)):
        registry.register(name, factory)
    return registry


class Deployer:
    def __init__(self, registry):
        self.registry = registry

    def rollout(self, strategy, hosts, apply, **options):
        waves = self.registry.create(strategy, **options).waves(hosts)
        for wave in waves:
            apply(wave)  # the health answer is ignored
        return waves

# %% [markdown] course={"kind": "exercise", "id": "event-bus", "item": "x-implement-the-observer-pattern-for-event"}
# ### An event bus for deployment events
#
# A deploy tool announces what happens (`deploy.started`, `deploy.finished`, `deploy.failed`)
# and other parts react: a Slack notifier, a metrics exporter, an audit log. Write `EventBus`, so
# that none of them needs to know the others. `Event` (given) is what handlers receive.
#
# - `subscribe(name, handler)` registers `handler` for events called `name`; the name `"*"`
#   means every event. A `handler` that is not callable raises `TypeError` at once. It returns an
#   **unsubscribe** function (no arguments) that removes exactly this subscription; calling it
#   again does nothing. Subscribing the same handler twice makes two subscriptions.
# - `publish(name, **data)` calls every handler subscribed to `name`, in the order they
#   subscribed, then every `"*"` handler, in their order, each with `Event(name, data)`, and
#   returns how many handlers it called. Publishing the name `"*"` raises `ValueError`.
# - The handlers called are those subscribed **when the publish started**: a handler that
#   subscribes or unsubscribes others (or itself) during a publish changes the next publish, not
#   this one.
# - A handler that raises must not stop the others. When all have run, if any raised, raise an
#   `ExceptionGroup` holding their exceptions in the order they happened (message of your choice).
# - `subscribers(name)`: how many subscriptions there are for exactly `name`. After unsubscribing,
#   the bus holds no reference to the handler.
#
# ```python
# bus = EventBus()
# stop = bus.subscribe("deploy.finished", lambda e: print("slack:", e.data["service"]))
# bus.subscribe("*", lambda e: print("audit:", e.name))
# bus.publish("deploy.finished", service="api")   # slack: api / audit: deploy.finished; returns 2
# stop()
# bus.publish("deploy.finished", service="api")   # audit: deploy.finished; returns 1
# ```

# %% [markdown] course={"kind": "hint"}
# Give every subscription its own token (`token = object()`) and keep, for each name, a dict
# `token -> handler`: dicts keep insertion order, and the unsubscribe function pops its own token
# (`pop(token, None)` makes a second call harmless). Removing "the handler" by value would remove
# the wrong one when the same function subscribed twice.

# %% [markdown] course={"kind": "hint"}
# In `publish`, first copy the handlers into a new list (`[*specific.values(), *wildcard.values()]`),
# then loop over the copy, with `try`/`except Exception as err: errors.append(err)` around each
# call. At the end: `if errors: raise ExceptionGroup("...", errors)`.

# %% course={"kind": "solution"}
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    data: dict


class EventBus:
    """Publish/subscribe for named events; '*' subscribes to all of them."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._subscriptions: dict[str, dict[object, object]] = {}
        ### END SOLUTION

    def subscribe(self, name: str, handler):
        ### BEGIN SOLUTION
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {handler!r}")
        token = object()
        self._subscriptions.setdefault(name, {})[token] = handler

        def unsubscribe() -> None:
            self._subscriptions[name].pop(token, None)

        return unsubscribe
        ### END SOLUTION

    def publish(self, name: str, **data) -> int:
        ### BEGIN SOLUTION
        if name == "*":
            raise ValueError("'*' is for subscribing to every event; publish a real name")
        event = Event(name, data)
        handlers = [*self._subscriptions.get(name, {}).values(), *self._subscriptions.get("*", {}).values()]
        errors = []
        for handler in handlers:
            try:
                handler(event)
            except Exception as err:  # one broken handler must not silence the others
                errors.append(err)
        if errors:
            raise ExceptionGroup(f"{len(errors)} handler(s) failed on {name!r}", errors)
        return len(handlers)
        ### END SOLUTION

    def subscribers(self, name: str) -> int:
        ### BEGIN SOLUTION
        return len(self._subscriptions.get(name, {}))
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
bus = EventBus()
seen: list = []
bus.subscribe("deploy.finished", lambda e: seen.append(("slack", e)))
bus.subscribe("deploy.finished", lambda e: seen.append(("metrics", e)))
bus.subscribe("deploy.started", lambda e: seen.append(("started", e)))
count = bus.publish("deploy.finished", service="api", version="1.4")
assert [who for who, _ in seen] == ["slack", "metrics"], f"handlers of that name, in subscription order: {seen}"
assert count == 2 and type(count) is int, f"publish returns how many handlers it called, got {count!r}"
event = seen[0][1]
assert type(event) is Event and event == Event("deploy.finished", {"service": "api", "version": "1.4"}), (
    f"got {event!r}"
)
assert seen[1][1] is event or seen[1][1] == event
assert bus.publish("deploy.rolled_back") == 0, "no subscribers: nothing called, 0 returned"
assert (
    bus.subscribers("deploy.finished") == 2 and bus.subscribers("deploy.started") == 1 and bus.subscribers("nope") == 0
)

# %% course={"kind": "test", "points": 2}
import gc
import weakref

bus = EventBus()
calls: list = []
stop_audit = bus.subscribe("deploy.finished", lambda e: calls.append("audit"))
bus.subscribe("deploy.finished", lambda e: calls.append("slack"))
bus.publish("deploy.finished")
stop_audit()
bus.publish("deploy.finished")
assert calls == ["audit", "slack", "slack"], f"after unsubscribing, the handler is not called: {calls}"
assert bus.subscribers("deploy.finished") == 1, "unsubscribe removes the subscription"
stop_audit()  # a second call does nothing
assert bus.subscribers("deploy.finished") == 1, "calling unsubscribe twice removes nothing else"

calls.clear()
bus = EventBus()
a = lambda e: calls.append("a")  # noqa: E731
b = lambda e: calls.append("b")  # noqa: E731
bus.subscribe("x", a)
bus.subscribe("x", b)
stop_second_a = bus.subscribe("x", a)
bus.publish("x")
assert calls == ["a", "b", "a"], "the same handler subscribed twice is called twice"
calls.clear()
stop_second_a()
stop_second_a()
bus.publish("x")
assert calls == ["a", "b"], f"unsubscribe removes its own subscription, not the first one with that handler: {calls}"


class Exporter:
    def on_event(self, event: Event) -> None:
        calls.append("exporter")


exporter = Exporter()
stop = bus.subscribe("x", exporter.on_event)
alive = weakref.ref(exporter)
stop()
del exporter, stop  # the test drops its own references; only the bus could still hold one
gc.collect()
assert alive() is None, "after unsubscribing, the bus must not keep the handler (and its object) alive"

# %% course={"kind": "test", "points": 1}
bus = EventBus()
order: list = []
bus.subscribe("*", lambda e: order.append(("audit", e.name)))
bus.subscribe("deploy.failed", lambda e: order.append(("pager", e.name)))
bus.subscribe("*", lambda e: order.append(("archive", e.name)))
assert bus.publish("deploy.failed", reason="timeout") == 3
assert order == [("pager", "deploy.failed"), ("audit", "deploy.failed"), ("archive", "deploy.failed")], (
    f"named first, then '*': {order}"
)
order.clear()
assert bus.publish("deploy.started") == 2 and [w for w, _ in order] == ["audit", "archive"], "'*' hears every event"
assert bus.subscribers("*") == 2 and bus.subscribers("deploy.started") == 0
for bad in (None, "print", 42):
    try:
        bus.subscribe("x", bad)
    except TypeError:
        pass
    else:
        raise AssertionError(f"subscribe(..., {bad!r}) must raise TypeError")
assert bus.subscribers("x") == 0, "a refused handler is not subscribed"
try:
    bus.publish("*")
except ValueError:
    pass
else:
    raise AssertionError("publishing '*' raises ValueError")
assert order == [("audit", "deploy.started"), ("archive", "deploy.started")], "a refused publish calls nobody"

# %% course={"kind": "test", "points": 2}
bus = EventBus()
calls = []
stops: dict = {}


def once(event: Event) -> None:  # unsubscribes itself on the first event
    calls.append("once")
    stops["once"]()


stops["once"] = bus.subscribe("tick", once)
bus.subscribe("tick", lambda e: calls.append("second"))
bus.subscribe("tick", lambda e: calls.append("third"))
assert bus.publish("tick") == 3 and calls == ["once", "second", "third"], (
    f"a self-unsubscribing handler skips nobody: {calls}"
)
calls.clear()
assert bus.publish("tick") == 2 and calls == ["second", "third"], "...and is gone from the next publish"

calls.clear()
bus = EventBus()


def recruiter(event: Event) -> None:
    calls.append("recruiter")
    bus.subscribe("tick", lambda e: calls.append("late"))


bus.subscribe("tick", recruiter)
assert bus.publish("tick") == 1 and calls == ["recruiter"], "a handler added during a publish waits for the next one"
calls.clear()
assert bus.publish("tick") == 2 and calls == ["recruiter", "late"]
### BEGIN HIDDEN TESTS
calls.clear()
bus = EventBus()
stop_b: list = []
bus.subscribe("t", lambda e: (calls.append("a"), stop_b[0]()))
stop_b.append(bus.subscribe("t", lambda e: calls.append("b")))
assert bus.publish("t") == 2 and calls == ["a", "b"], (
    "unsubscribing a later handler during a publish changes the next one only"
)
calls.clear()
assert bus.publish("t") == 1 and calls == ["a"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
bus = EventBus()
calls = []


def broken(event: Event) -> None:
    calls.append("broken")
    raise RuntimeError("slack is down")


def also_broken(event: Event) -> None:
    calls.append("also_broken")
    raise KeyError("missing field")


bus.subscribe("deploy.finished", broken)
bus.subscribe("deploy.finished", lambda e: calls.append("metrics"))
bus.subscribe("*", also_broken)
bus.subscribe("*", lambda e: calls.append("audit"))
try:
    bus.publish("deploy.finished")
except ExceptionGroup as group:
    errors = group.exceptions
else:
    raise AssertionError("handlers raised: publish must raise an ExceptionGroup after running them all")
assert calls == ["broken", "metrics", "also_broken", "audit"], f"a failing handler must not stop the others: {calls}"
assert [type(e) for e in errors] == [RuntimeError, KeyError], f"the group holds every error, in order: {errors!r}"
assert str(errors[0]) == "slack is down"
calls.clear()
bus2 = EventBus()
bus2.subscribe("x", lambda e: calls.append("ok"))
assert bus2.publish("x") == 1, "no failure: no exception"

# %% course={"kind": "wrong", "id": "loop-over-live-list", "fails": ["t4"]}
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    data: dict


class EventBus:
    def __init__(self):
        self._subscriptions = {}

    def subscribe(self, name, handler):
        if not callable(handler):
            raise TypeError(handler)
        entry = [handler]  # a new list per subscription: removed by identity below
        subs = self._subscriptions.setdefault(name, [])
        subs.append(entry)

        def unsubscribe():
            for i, e in enumerate(subs):
                if e is entry:
                    del subs[i]
                    return

        return unsubscribe

    def publish(self, name, **data):
        if name == "*":
            raise ValueError(name)
        event, errors, count = Event(name, data), [], 0
        for group in (self._subscriptions.get(name, []), self._subscriptions.get("*", [])):
            for (handler,) in group:  # the live list: changing it during the loop skips a handler
                count += 1
                try:
                    handler(event)
                except Exception as err:
                    errors.append(err)
        if errors:
            raise ExceptionGroup("handlers failed", errors)
        return count

    def subscribers(self, name):
        return len(self._subscriptions.get(name, []))

# %% course={"kind": "wrong", "id": "first-error-wins", "fails": ["t5"]}
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    data: dict


class EventBus:
    def __init__(self):
        self._subscriptions = {}

    def subscribe(self, name, handler):
        if not callable(handler):
            raise TypeError(handler)
        token = object()
        self._subscriptions.setdefault(name, {})[token] = handler
        return lambda: self._subscriptions[name].pop(token, None)

    def publish(self, name, **data):
        if name == "*":
            raise ValueError(name)
        event = Event(name, data)
        handlers = [*self._subscriptions.get(name, {}).values(), *self._subscriptions.get("*", {}).values()]
        for handler in handlers:
            handler(event)  # the first exception stops every later handler
        return len(handlers)

    def subscribers(self, name):
        return len(self._subscriptions.get(name, {}))

# %% course={"kind": "wrong", "id": "remove-by-value", "fails": ["t2"]}
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    data: dict


class EventBus:
    def __init__(self):
        self._subscriptions = {}

    def subscribe(self, name, handler):
        if not callable(handler):
            raise TypeError(handler)
        handlers = self._subscriptions.setdefault(name, [])
        handlers.append(handler)

        def unsubscribe():
            if handler in handlers:
                handlers.remove(handler)  # removes the FIRST subscription of this handler

        return unsubscribe

    def publish(self, name, **data):
        if name == "*":
            raise ValueError(name)
        event, errors = Event(name, data), []
        handlers = [*self._subscriptions.get(name, []), *self._subscriptions.get("*", [])]
        for handler in handlers:
            try:
                handler(event)
            except Exception as err:
                errors.append(err)
        if errors:
            raise ExceptionGroup("handlers failed", errors)
        return len(handlers)

    def subscribers(self, name):
        return len(self._subscriptions.get(name, []))

# %% course={"kind": "wrong", "id": "wildcard-first", "fails": ["t3", "t5"]}
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    data: dict


class EventBus:
    def __init__(self):
        self._subscriptions = {}

    def subscribe(self, name, handler):
        if not callable(handler):
            raise TypeError(handler)
        token = object()
        self._subscriptions.setdefault(name, {})[token] = handler
        return lambda: self._subscriptions[name].pop(token, None)

    def publish(self, name, **data):
        if name == "*":
            raise ValueError(name)
        event, errors = Event(name, data), []
        handlers = [*self._subscriptions.get("*", {}).values(), *self._subscriptions.get(name, {}).values()]
        for handler in handlers:
            try:
                handler(event)
            except Exception as err:
                errors.append(err)
        if errors:
            raise ExceptionGroup("handlers failed", errors)
        return len(handlers)

    def subscribers(self, name):
        return len(self._subscriptions.get(name, {}))

# %% [markdown] course={"kind": "exercise", "id": "undo-commands", "item": "x-implement-the-command-pattern-for"}
# ### Commands you can undo: changing a live service's settings
#
# An ops console changes the settings of a running service (a plain `dict` here: feature flags,
# limits, log levels) and must be able to take any change back. Write each change as a
# **command**: an object with `do()` and `undo()`, so that `undo()` right after `do()` puts the
# dict back exactly as it was.
#
# - `SetValue(settings, key, value)`: `do()` sets `settings[key] = value`. `undo()` restores the
#   previous value, or removes the key if it did not exist before. A previous value of `""`, `0`,
#   `False` or `None` is a value: restore it.
# - `DeleteValue(settings, key)`: `do()` removes the key, raising `KeyError` (and changing
#   nothing) if it is missing; `undo()` puts it back with its old value.
# - `Batch(commands)`: one command made of several. `do()` runs them in order; if one raises, it
#   undoes the ones already done, **in reverse order**, and lets the exception go on. `undo()`
#   undoes all of them in reverse order. It keeps its own copy of the list.
# - `History()`: `run(command)` calls `command.do()` and, only if that succeeded, remembers it
#   for undo; running a new command forgets everything that could be redone. `undo()` undoes the
#   most recent command still done and returns it; `redo()` does again the most recently undone
#   one and returns it. Either raises `IndexError` when there is nothing to undo or redo.
#
# ```python
# settings = {"log_level": "info", "max_connections": 100}
# history = History()
# history.run(SetValue(settings, "log_level", "debug"))
# history.run(Batch([DeleteValue(settings, "max_connections"), SetValue(settings, "read_only", True)]))
# settings            # {'log_level': 'debug', 'read_only': True}
# history.undo(); history.undo()
# settings            # {'log_level': 'info', 'max_connections': 100}
# ```

# %% [markdown] course={"kind": "hint"}
# `SetValue.do()` must remember two things before it writes: *whether* the key existed
# (`key in settings`) and its old value. `undo()` decides with the first, never with the truth of
# the old value.

# %% [markdown] course={"kind": "hint"}
# `History` is two stacks (lists): done and undone. `undo` pops from done, calls `undo()`, pushes
# onto undone; `redo` the other way round; `run` clears undone. In `Batch.do`, keep a list of the
# commands that succeeded and, in an `except` block, undo `reversed(done)` and then `raise`.

# %% course={"kind": "solution", "equivalent": {"m-6ae6aca9": "without the explicit raise, pop() on the empty stack raises IndexError anyway; only the message differs, and the prompt fixes none", "m-739fad5a": "the same for redo: pop() on the empty undone stack raises IndexError"}}
class SetValue:
    """settings[key] = value, undoable."""

    def __init__(self, settings: dict, key: str, value) -> None:
        self.settings, self.key, self.value = settings, key, value

    def do(self) -> None:
        ### BEGIN SOLUTION
        self._existed = self.key in self.settings
        self._old = self.settings.get(self.key)
        self.settings[self.key] = self.value
        ### END SOLUTION

    def undo(self) -> None:
        ### BEGIN SOLUTION
        if self._existed:
            self.settings[self.key] = self._old
        else:
            del self.settings[self.key]
        ### END SOLUTION


class DeleteValue:
    """del settings[key], undoable."""

    def __init__(self, settings: dict, key: str) -> None:
        self.settings, self.key = settings, key

    def do(self) -> None:
        ### BEGIN SOLUTION
        self._old = self.settings.pop(self.key)  # KeyError if missing, and nothing changed
        ### END SOLUTION

    def undo(self) -> None:
        ### BEGIN SOLUTION
        self.settings[self.key] = self._old
        ### END SOLUTION


class Batch:
    """Several commands as one: all done, or none."""

    def __init__(self, commands: list) -> None:
        ### BEGIN SOLUTION
        self.commands = tuple(commands)
        ### END SOLUTION

    def do(self) -> None:
        ### BEGIN SOLUTION
        done = []
        try:
            for command in self.commands:
                command.do()
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo()
            raise
        ### END SOLUTION

    def undo(self) -> None:
        ### BEGIN SOLUTION
        for command in reversed(self.commands):
            command.undo()
        ### END SOLUTION


class History:
    """Runs commands and undoes/redoes them in order."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._done: list = []
        self._undone: list = []
        ### END SOLUTION

    def run(self, command) -> None:
        ### BEGIN SOLUTION
        command.do()
        self._done.append(command)
        self._undone.clear()
        ### END SOLUTION

    def undo(self):
        ### BEGIN SOLUTION
        if not self._done:
            raise IndexError("nothing to undo")
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return command
        ### END SOLUTION

    def redo(self):
        ### BEGIN SOLUTION
        if not self._undone:
            raise IndexError("nothing to redo")
        command = self._undone.pop()
        command.do()
        self._done.append(command)
        return command
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
settings = {"log_level": "info", "max_connections": 100}
change = SetValue(settings, "log_level", "debug")
change.do()
assert settings == {"log_level": "debug", "max_connections": 100}, "do() sets the value"
change.undo()
assert settings == {"log_level": "info", "max_connections": 100}, "undo() restores the old value"
new_key = SetValue(settings, "read_only", True)
new_key.do()
assert settings["read_only"] is True
new_key.undo()
assert settings == {"log_level": "info", "max_connections": 100}, "undo() of a new key removes it again"

# %% course={"kind": "test", "points": 2}
for old in ("", 0, False, None, [], 0.0):
    settings = {"banner": old}
    change = SetValue(settings, "banner", "maintenance at 22:00")
    change.do()
    change.undo()
    assert "banner" in settings and settings["banner"] is old, f"an old value of {old!r} must be restored, not deleted"
settings = {}
change = SetValue(settings, "banner", None)
change.do()
assert settings == {"banner": None}
change.undo()
assert settings == {}, "setting None on a missing key, then undo: the key is gone again"
settings = {"a": 1}
same = SetValue(settings, "a", 1)
same.do()
same.undo()
assert settings == {"a": 1}, "setting the value it already had, then undo: unchanged"

# %% course={"kind": "test", "points": 1}
settings = {"log_level": "info", "debug": False}
removal = DeleteValue(settings, "debug")
removal.do()
assert settings == {"log_level": "info"}, "do() removes the key"
removal.undo()
assert settings == {"log_level": "info", "debug": False}, "undo() puts back the key and its (falsy) value"
history = History()
try:
    history.run(DeleteValue(settings, "missing"))
except KeyError:
    pass
else:
    raise AssertionError("deleting a missing key raises KeyError")
assert settings == {"log_level": "info", "debug": False}, "a failed command changes nothing"
try:
    history.undo()
except IndexError:
    pass
else:
    raise AssertionError("a command that failed is not remembered: nothing to undo")

# %% course={"kind": "test", "points": 2}
settings = {"replicas": 2}
history = History()
first, second = SetValue(settings, "replicas", 3), SetValue(settings, "replicas", 5)
history.run(first)
history.run(second)
assert history.undo() is second and settings == {"replicas": 3}, "undo() undoes the most recent command and returns it"
assert history.undo() is first and settings == {"replicas": 2}
assert history.redo() is first and settings == {"replicas": 3}, "redo() does the last undone command again"
assert history.redo() is second and settings == {"replicas": 5}
for action in (history.redo, History().undo, History().redo):
    try:
        action()
    except IndexError:
        pass
    else:
        raise AssertionError(f"{action.__name__}() with nothing to do raises IndexError")
history.undo()
history.run(SetValue(settings, "replicas", 9))
try:
    history.redo()
except IndexError:
    pass
else:
    raise AssertionError("running a new command forgets what could be redone")
assert settings == {"replicas": 9}
history.undo()
history.undo()
assert settings == {"replicas": 2}, "undo walks back through every command"
### BEGIN HIDDEN TESTS
a, b = History(), History()
a.run(SetValue(settings, "x", 1))
try:
    b.undo()
except IndexError:
    pass
else:
    raise AssertionError("each History has its own stacks")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
settings = {"mode": "normal", "limit": 10}
steps = [SetValue(settings, "mode", "drain"), SetValue(settings, "mode", "maintenance"), DeleteValue(settings, "limit")]
batch = Batch(steps)
steps.clear()  # the batch keeps its own copy
batch.do()
assert settings == {"mode": "maintenance"}, "do() runs every command, in order"
batch.undo()
assert settings == {"mode": "normal", "limit": 10}, "undo() in REVERSE order restores 'normal', not 'drain'"
settings = {"mode": "normal"}
failing = Batch(
    [SetValue(settings, "mode", "drain"), SetValue(settings, "mode", "off"), DeleteValue(settings, "no-such-key")]
)
history = History()
try:
    history.run(failing)
except KeyError:
    pass
else:
    raise AssertionError("the failing command's KeyError goes on to the caller")
assert settings == {"mode": "normal"}, f"a batch that fails undoes what it did, in reverse order: {settings}"
try:
    history.undo()
except IndexError:
    pass
else:
    raise AssertionError("a failed batch is not remembered")
ok = Batch([SetValue(settings, "a", 1), SetValue(settings, "b", 2)])
history.run(ok)
assert history.undo() is ok and settings == {"mode": "normal"}, "a batch is one step in the history"
### BEGIN HIDDEN TESTS
empty = Batch([])
empty.do()
empty.undo()
history.redo()
assert settings == {"mode": "normal", "a": 1, "b": 2}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truthy-old-value", "fails": ["t2"]}
class SetValue:
    def __init__(self, settings, key, value):
        self.settings, self.key, self.value = settings, key, value

    def do(self):
        self._old = self.settings.get(self.key)
        self.settings[self.key] = self.value

    def undo(self):
        if self._old:  # "" and 0 and None look like "there was nothing"
            self.settings[self.key] = self._old
        else:
            del self.settings[self.key]


class DeleteValue:
    def __init__(self, settings, key):
        self.settings, self.key = settings, key

    def do(self):
        self._old = self.settings.pop(self.key)

    def undo(self):
        self.settings[self.key] = self._old


class Batch:
    def __init__(self, commands):
        self.commands = tuple(commands)

    def do(self):
        done = []
        try:
            for command in self.commands:
                command.do()
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo()
            raise

    def undo(self):
        for command in reversed(self.commands):
            command.undo()


class History:
    def __init__(self):
        self._done, self._undone = [], []

    def run(self, command):
        command.do()
        self._done.append(command)
        self._undone.clear()

    def undo(self):
        if not self._done:
            raise IndexError("nothing to undo")
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return command

    def redo(self):
        if not self._undone:
            raise IndexError("nothing to redo")
        command = self._undone.pop()
        command.do()
        self._done.append(command)
        return command

# %% course={"kind": "wrong", "id": "redo-survives-run", "fails": ["t4"]}
class SetValue:
    def __init__(self, settings, key, value):
        self.settings, self.key, self.value = settings, key, value

    def do(self):
        self._existed, self._old = self.key in self.settings, self.settings.get(self.key)
        self.settings[self.key] = self.value

    def undo(self):
        if self._existed:
            self.settings[self.key] = self._old
        else:
            del self.settings[self.key]


class DeleteValue:
    def __init__(self, settings, key):
        self.settings, self.key = settings, key

    def do(self):
        self._old = self.settings.pop(self.key)

    def undo(self):
        self.settings[self.key] = self._old


class Batch:
    def __init__(self, commands):
        self.commands = tuple(commands)

    def do(self):
        done = []
        try:
            for command in self.commands:
                command.do()
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo()
            raise

    def undo(self):
        for command in reversed(self.commands):
            command.undo()


class History:
    def __init__(self):
        self._done, self._undone = [], []

    def run(self, command):
        command.do()
        self._done.append(command)  # the redo stack is kept: redo after a new command replays stale changes

    def undo(self):
        if not self._done:
            raise IndexError("nothing to undo")
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return command

    def redo(self):
        if not self._undone:
            raise IndexError("nothing to redo")
        command = self._undone.pop()
        command.do()
        self._done.append(command)
        return command

# %% course={"kind": "wrong", "id": "batch-undo-forwards", "fails": ["t5"]}
class SetValue:
    def __init__(self, settings, key, value):
        self.settings, self.key, self.value = settings, key, value

    def do(self):
        self._existed, self._old = self.key in self.settings, self.settings.get(self.key)
        self.settings[self.key] = self.value

    def undo(self):
        if self._existed:
            self.settings[self.key] = self._old
        else:
            del self.settings[self.key]


class DeleteValue:
    def __init__(self, settings, key):
        self.settings, self.key = settings, key

    def do(self):
        self._old = self.settings.pop(self.key)

    def undo(self):
        self.settings[self.key] = self._old


class Batch:
    def __init__(self, commands):
        self.commands = tuple(commands)

    def do(self):
        done = []
        try:
            for command in self.commands:
                command.do()
                done.append(command)
        except Exception:
            for command in done:  # forwards: the first change is undone first
                command.undo()
            raise

    def undo(self):
        for command in self.commands:
            command.undo()


class History:
    def __init__(self):
        self._done, self._undone = [], []

    def run(self, command):
        command.do()
        self._done.append(command)
        self._undone.clear()

    def undo(self):
        if not self._done:
            raise IndexError("nothing to undo")
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return command

    def redo(self):
        if not self._undone:
            raise IndexError("nothing to redo")
        command = self._undone.pop()
        command.do()
        self._done.append(command)
        return command

# %% course={"kind": "wrong", "id": "records-before-do", "fails": ["t3", "t5"]}
class SetValue:
    def __init__(self, settings, key, value):
        self.settings, self.key, self.value = settings, key, value

    def do(self):
        self._existed, self._old = self.key in self.settings, self.settings.get(self.key)
        self.settings[self.key] = self.value

    def undo(self):
        if self._existed:
            self.settings[self.key] = self._old
        else:
            del self.settings[self.key]


class DeleteValue:
    def __init__(self, settings, key):
        self.settings, self.key = settings, key

    def do(self):
        self._old = self.settings.pop(self.key)

    def undo(self):
        self.settings[self.key] = self._old


class Batch:
    def __init__(self, commands):
        self.commands = tuple(commands)

    def do(self):
        done = []
        try:
            for command in self.commands:
                command.do()
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo()
            raise

    def undo(self):
        for command in reversed(self.commands):
            command.undo()


class History:
    def __init__(self):
        self._done, self._undone = [], []

    def run(self, command):
        self._done.append(command)  # remembered even if do() raises
        self._undone.clear()
        command.do()

    def undo(self):
        if not self._done:
            raise IndexError("nothing to undo")
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        return command

    def redo(self):
        if not self._undone:
            raise IndexError("nothing to redo")
        command = self._undone.pop()
        command.do()
        self._done.append(command)
        return command

# %% [markdown] course={"kind": "exercise", "id": "model-repository", "item": "x-create-a-repository-for-data-access"}
# ### A repository for a model registry, and a service that does not know SQL
#
# A model registry stores `ModelVersion` records (given, a frozen dataclass: `name`, `version`,
# `stage` and `uri`). The given `InMemoryModelRepository` states the **contract** in a few lines:
#
# | method | does |
# |---|---|
# | `add(mv)` | stores a new version; a `(name, version)` already stored raises `ValueError` |
# | `get(name, version)` | the stored `ModelVersion`; `KeyError` when absent |
# | `list(name)` | every version of `name`, as `ModelVersion`s sorted by `version` (numerically) |
# | `save(mv)` | replaces the stored record with the same `(name, version)`; `KeyError` when absent |
#
# 1. Write `SqliteModelRepository(conn)`, the same contract on an `sqlite3` connection. Its
#    `__init__` creates the table if it does not exist. Return `ModelVersion` objects (never rows
#    or tuples), with `version` an `int`. Pass values as query **parameters** (`?`), never by
#    building SQL text: names may contain quotes. Its methods must **not** commit: the caller
#    decides when a group of changes is saved (a unit of work: `with conn:` commits at the end, or
#    rolls back if the block raised).
# 2. Write `promote(repo, name, version)`, which works with **any** repository of this contract:
#    it moves that version to the stage `"production"`, moves every *other* version of the name
#    that is in `"production"` to `"archived"`, leaves all other records alone, and returns the
#    promoted `ModelVersion`. An unknown version raises `KeyError` and changes nothing.
#
# ```python
# conn = sqlite3.connect(":memory:")
# repo = SqliteModelRepository(conn)
# repo.add(ModelVersion("churn", 1, "production", "s3://models/churn/1"))
# repo.add(ModelVersion("churn", 2, "staging", "s3://models/churn/2"))
# with conn:                                     # one unit of work
#     promote(repo, "churn", 2)                  # ModelVersion('churn', 2, 'production', 's3://models/churn/2')
# [mv.stage for mv in repo.list("churn")]        # ['archived', 'production']
# ```

# %% [markdown] course={"kind": "hint"}
# A table `model_versions (name TEXT, version INTEGER, stage TEXT, uri TEXT, PRIMARY KEY (name,
# version))`. Adding a duplicate makes sqlite raise `sqlite3.IntegrityError`: catch it and raise
# `ValueError`. `cursor.fetchone()` gives `None` when no row matched; `ModelVersion(*row)` turns a
# row into a record. After an `UPDATE`, `cursor.rowcount` says how many rows it changed.

# %% [markdown] course={"kind": "hint"}
# `promote` uses only `get`, `list` and `save`: call `repo.get(name, version)` first (it raises
# `KeyError` before anything changes), then `dataclasses.replace(mv, stage="archived")` for each
# other production version, and `replace(target, stage="production")` for the new one.

# %% course={"kind": "solution"}
import sqlite3
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    stage: str = "none"  # none, staging, production or archived
    uri: str = ""


class InMemoryModelRepository:
    """Given: the contract, on a dict. Tests use it too."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, int], ModelVersion] = {}

    def add(self, mv: ModelVersion) -> None:
        if (mv.name, mv.version) in self._records:
            raise ValueError(f"{mv.name} v{mv.version} already exists")
        self._records[(mv.name, mv.version)] = mv

    def get(self, name: str, version: int) -> ModelVersion:
        return self._records[(name, version)]

    def list(self, name: str) -> list[ModelVersion]:
        return sorted((mv for mv in self._records.values() if mv.name == name), key=lambda mv: mv.version)

    def save(self, mv: ModelVersion) -> None:
        if (mv.name, mv.version) not in self._records:
            raise KeyError((mv.name, mv.version))
        self._records[(mv.name, mv.version)] = mv


class SqliteModelRepository:
    """The same contract on sqlite3. Never commits: the caller owns the transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        ### BEGIN SOLUTION
        self.conn = conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS model_versions ("
            "name TEXT, version INTEGER, stage TEXT, uri TEXT, PRIMARY KEY (name, version))"
        )
        ### END SOLUTION

    def add(self, mv: ModelVersion) -> None:
        ### BEGIN SOLUTION
        try:
            self.conn.execute("INSERT INTO model_versions VALUES (?, ?, ?, ?)", (mv.name, mv.version, mv.stage, mv.uri))
        except sqlite3.IntegrityError:
            raise ValueError(f"{mv.name} v{mv.version} already exists") from None
        ### END SOLUTION

    def get(self, name: str, version: int) -> ModelVersion:
        ### BEGIN SOLUTION
        row = self.conn.execute(
            "SELECT name, version, stage, uri FROM model_versions WHERE name = ? AND version = ?", (name, version)
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        return ModelVersion(*row)
        ### END SOLUTION

    def list(self, name: str) -> list[ModelVersion]:
        ### BEGIN SOLUTION
        rows = self.conn.execute(
            "SELECT name, version, stage, uri FROM model_versions WHERE name = ? ORDER BY version", (name,)
        )
        return [ModelVersion(*row) for row in rows]
        ### END SOLUTION

    def save(self, mv: ModelVersion) -> None:
        ### BEGIN SOLUTION
        cursor = self.conn.execute(
            "UPDATE model_versions SET stage = ?, uri = ? WHERE name = ? AND version = ?",
            (mv.stage, mv.uri, mv.name, mv.version),
        )
        if cursor.rowcount == 0:
            raise KeyError((mv.name, mv.version))
        ### END SOLUTION


def promote(repo, name: str, version: int) -> ModelVersion:
    ### BEGIN SOLUTION
    target = repo.get(name, version)
    for mv in repo.list(name):
        if mv.stage == "production" and mv.version != version:
            repo.save(replace(mv, stage="archived"))
    promoted = replace(target, stage="production")
    repo.save(promoted)
    return promoted
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
conn = sqlite3.connect(":memory:")
repo = SqliteModelRepository(conn)
repo.add(ModelVersion("churn", 1, "production", "s3://models/churn/1"))
repo.add(ModelVersion("churn", 2, "staging", "s3://models/churn/2"))
got = repo.get("churn", 2)
assert type(got) is ModelVersion, f"get returns a ModelVersion, not {type(got).__name__}"
assert got == ModelVersion("churn", 2, "staging", "s3://models/churn/2"), f"got {got!r}"
assert repo.list("churn") == [ModelVersion("churn", 1, "production", "s3://models/churn/1"), got], (
    "list is sorted by version"
)
repo.save(replace(got, stage="production", uri="s3://models/churn/2b"))
assert repo.get("churn", 2) == ModelVersion("churn", 2, "production", "s3://models/churn/2b"), (
    "save replaces the record"
)
conn.close()

# %% course={"kind": "test", "points": 2}
conn = sqlite3.connect(":memory:")
repo = SqliteModelRepository(conn)
repo.add(ModelVersion("churn", 1))
for call, args, error in (
    (repo.add, (ModelVersion("churn", 1, "staging"),), ValueError),
    (repo.get, ("churn", 2), KeyError),
    (repo.get, ("fraud", 1), KeyError),
    (repo.save, (ModelVersion("churn", 7, "production"),), KeyError),
):
    try:
        call(*args)
    except error:
        pass
    else:
        raise AssertionError(f"{call.__name__}{args} must raise {error.__name__}")
assert repo.list("churn") == [ModelVersion("churn", 1)], "refused calls change nothing"
assert repo.list("fraud") == [], "no versions: an empty list"
again = SqliteModelRepository(conn)
assert again.get("churn", 1) == ModelVersion("churn", 1), (
    "a second repository on the same database sees the table (IF NOT EXISTS)"
)
assert type(again.get("churn", 1).version) is int, "version comes back as an int"
conn.close()

# %% course={"kind": "test", "points": 2}
conn = sqlite3.connect(":memory:")
repo = SqliteModelRepository(conn)
for v in (10, 9, 2, 1):
    repo.add(ModelVersion("churn", v, "none", f"s3://m/{v}"))
versions = [mv.version for mv in repo.list("churn")]
assert versions == [1, 2, 9, 10], f"versions sort as numbers (10 after 9), got {versions}"
tricky = ModelVersion("o'brien's \"model\"; DROP TABLE model_versions; --", 1, "staging", "gs://b/ünï ködé")
repo.add(tricky)
assert repo.get(tricky.name, 1) == tricky, "quotes and unicode survive: pass values as parameters"
assert repo.list(tricky.name) == [tricky] and len(repo.list("churn")) == 4, "each name sees only its own versions"
repo.add(ModelVersion("churn-v2", 1))
assert [mv.name for mv in repo.list("churn")] == ["churn"] * 4, "the name must match exactly, not as a prefix"
### BEGIN HIDDEN TESTS
repo.add(ModelVersion("", 0, "", ""))
assert repo.get("", 0) == ModelVersion("", 0, "", ""), "empty strings and version 0 are values"
repo.add(ModelVersion("neg", -1))
assert repo.list("neg") == [ModelVersion("neg", -1)]
try:
    repo.save(ModelVersion("churn", 3))
except KeyError:
    pass
else:
    raise AssertionError("save of a version between stored ones is still unknown")
### END HIDDEN TESTS
conn.close()

# %% course={"kind": "test", "points": 2}
def registry(repo) -> object:
    repo.add(ModelVersion("churn", 1, "archived", "u1"))
    repo.add(ModelVersion("churn", 2, "production", "u2"))
    repo.add(ModelVersion("churn", 3, "staging", "u3"))
    repo.add(ModelVersion("churn", 4, "none", "u4"))
    repo.add(ModelVersion("fraud", 1, "production", "f1"))
    return repo


for repo in (registry(InMemoryModelRepository()), registry(SqliteModelRepository(sqlite3.connect(":memory:")))):
    kind = type(repo).__name__
    promoted = promote(repo, "churn", 3)
    assert promoted == ModelVersion("churn", 3, "production", "u3"), f"{kind}: promote returns the promoted record"
    stages = [mv.stage for mv in repo.list("churn")]
    assert stages == ["archived", "archived", "production", "none"], (
        f"{kind}: old production archived, others untouched: {stages}"
    )
    assert repo.get("fraud", 1).stage == "production", f"{kind}: other models are not touched"
    assert promote(repo, "churn", 3).stage == "production", f"{kind}: promoting the production version keeps it"
    assert [mv.stage for mv in repo.list("churn")] == ["archived", "archived", "production", "none"]
    try:
        promote(repo, "churn", 99)
    except KeyError:
        pass
    else:
        raise AssertionError(f"{kind}: promoting an unknown version raises KeyError")
    assert [mv.stage for mv in repo.list("churn")] == ["archived", "archived", "production", "none"], (
        "...and changes nothing"
    )
### BEGIN HIDDEN TESTS
messy = InMemoryModelRepository()
for v in (1, 2, 3):
    messy.add(ModelVersion("m", v, "production"))
promote(messy, "m", 2)
assert [mv.stage for mv in messy.list("m")] == ["archived", "production", "archived"], (
    "every other production version is archived"
)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
conn = sqlite3.connect(":memory:")
repo = SqliteModelRepository(conn)
conn.commit()
repo.add(ModelVersion("churn", 1, "production", "u1"))
repo.add(ModelVersion("churn", 2, "staging", "u2"))
assert conn.in_transaction, "add() must not commit: the caller decides when a unit of work is saved"
conn.commit()
repo.save(ModelVersion("churn", 2, "none", "changed"))
conn.rollback()
assert repo.get("churn", 2) == ModelVersion("churn", 2, "staging", "u2"), (
    "save() must not commit either: rollback undoes it"
)


class FailingSecondSave:
    """Wraps a repository; the second save fails, like a lost connection halfway through."""

    def __init__(self, inner) -> None:
        self.inner, self.saves = inner, 0

    def get(self, name, version):
        return self.inner.get(name, version)

    def list(self, name):
        return self.inner.list(name)

    def save(self, mv):
        self.saves += 1
        if self.saves == 2:
            raise ConnectionError("connection lost")
        self.inner.save(mv)


try:
    with conn:  # the unit of work: commit at the end, or roll back on an exception
        promote(FailingSecondSave(repo), "churn", 2)
except ConnectionError:
    pass
else:
    raise AssertionError("the ConnectionError reaches the caller")
assert [mv.stage for mv in repo.list("churn")] == ["production", "staging"], (
    "half a promotion was rolled back as one unit"
)
with conn:
    promote(repo, "churn", 2)
assert [mv.stage for mv in repo.list("churn")] == ["archived", "production"] and not conn.in_transaction, "committed"
conn.close()

# %% course={"kind": "wrong", "id": "commits-inside", "fails": ["t5"]}
import sqlite3
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    stage: str = "none"
    uri: str = ""


class InMemoryModelRepository:
    def __init__(self):
        self._records = {}

    def add(self, mv):
        if (mv.name, mv.version) in self._records:
            raise ValueError(mv)
        self._records[(mv.name, mv.version)] = mv

    def get(self, name, version):
        return self._records[(name, version)]

    def list(self, name):
        return sorted((mv for mv in self._records.values() if mv.name == name), key=lambda mv: mv.version)

    def save(self, mv):
        if (mv.name, mv.version) not in self._records:
            raise KeyError((mv.name, mv.version))
        self._records[(mv.name, mv.version)] = mv


class SqliteModelRepository:
    def __init__(self, conn):
        self.conn = conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS model_versions (name TEXT, version INTEGER, stage TEXT, uri TEXT, PRIMARY KEY (name, version))"
        )

    def add(self, mv):
        try:
            with self.conn:  # commits every single change: no unit of work is possible
                self.conn.execute(
                    "INSERT INTO model_versions VALUES (?, ?, ?, ?)", (mv.name, mv.version, mv.stage, mv.uri)
                )
        except sqlite3.IntegrityError:
            raise ValueError(mv) from None

    def get(self, name, version):
        row = self.conn.execute(
            "SELECT name, version, stage, uri FROM model_versions WHERE name = ? AND version = ?", (name, version)
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        return ModelVersion(*row)

    def list(self, name):
        return [
            ModelVersion(*row)
            for row in self.conn.execute(
                "SELECT name, version, stage, uri FROM model_versions WHERE name = ? ORDER BY version", (name,)
            )
        ]

    def save(self, mv):
        with self.conn:
            cursor = self.conn.execute(
                "UPDATE model_versions SET stage = ?, uri = ? WHERE name = ? AND version = ?",
                (mv.stage, mv.uri, mv.name, mv.version),
            )
        if cursor.rowcount == 0:
            raise KeyError((mv.name, mv.version))


def promote(repo, name, version):
    target = repo.get(name, version)
    for mv in repo.list(name):
        if mv.stage == "production" and mv.version != version:
            repo.save(replace(mv, stage="archived"))
    promoted = replace(target, stage="production")
    repo.save(promoted)
    return promoted

# %% course={"kind": "wrong", "id": "version-as-text", "fails": ["t1", "t2", "t3", "t4", "t5"]}
import sqlite3
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    stage: str = "none"
    uri: str = ""


class InMemoryModelRepository:
    def __init__(self):
        self._records = {}

    def add(self, mv):
        if (mv.name, mv.version) in self._records:
            raise ValueError(mv)
        self._records[(mv.name, mv.version)] = mv

    def get(self, name, version):
        return self._records[(name, version)]

    def list(self, name):
        return sorted((mv for mv in self._records.values() if mv.name == name), key=lambda mv: mv.version)

    def save(self, mv):
        if (mv.name, mv.version) not in self._records:
            raise KeyError((mv.name, mv.version))
        self._records[(mv.name, mv.version)] = mv


class SqliteModelRepository:
    def __init__(self, conn):
        self.conn = conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS model_versions (name TEXT, version TEXT, stage TEXT, uri TEXT, PRIMARY KEY (name, version))"
        )

    def add(self, mv):
        try:
            self.conn.execute("INSERT INTO model_versions VALUES (?, ?, ?, ?)", (mv.name, mv.version, mv.stage, mv.uri))
        except sqlite3.IntegrityError:
            raise ValueError(mv) from None

    def get(self, name, version):
        row = self.conn.execute(
            "SELECT name, version, stage, uri FROM model_versions WHERE name = ? AND version = ?", (name, version)
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        return ModelVersion(*row)  # version comes back as the text '10'

    def list(self, name):
        return [
            ModelVersion(*row)
            for row in self.conn.execute(
                "SELECT name, version, stage, uri FROM model_versions WHERE name = ? ORDER BY version", (name,)
            )
        ]

    def save(self, mv):
        cursor = self.conn.execute(
            "UPDATE model_versions SET stage = ?, uri = ? WHERE name = ? AND version = ?",
            (mv.stage, mv.uri, mv.name, mv.version),
        )
        if cursor.rowcount == 0:
            raise KeyError((mv.name, mv.version))


def promote(repo, name, version):
    target = repo.get(name, version)
    for mv in repo.list(name):
        if mv.stage == "production" and mv.version != version:
            repo.save(replace(mv, stage="archived"))
    promoted = replace(target, stage="production")
    repo.save(promoted)
    return promoted

# %% course={"kind": "wrong", "id": "sql-by-formatting", "fails": ["t3"]}
import sqlite3
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    stage: str = "none"
    uri: str = ""


class InMemoryModelRepository:
    def __init__(self):
        self._records = {}

    def add(self, mv):
        if (mv.name, mv.version) in self._records:
            raise ValueError(mv)
        self._records[(mv.name, mv.version)] = mv

    def get(self, name, version):
        return self._records[(name, version)]

    def list(self, name):
        return sorted((mv for mv in self._records.values() if mv.name == name), key=lambda mv: mv.version)

    def save(self, mv):
        if (mv.name, mv.version) not in self._records:
            raise KeyError((mv.name, mv.version))
        self._records[(mv.name, mv.version)] = mv


class SqliteModelRepository:
    def __init__(self, conn):
        self.conn = conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS model_versions (name TEXT, version INTEGER, stage TEXT, uri TEXT, PRIMARY KEY (name, version))"
        )

    def add(self, mv):
        try:
            self.conn.execute(
                f"INSERT INTO model_versions VALUES ('{mv.name}', {mv.version}, '{mv.stage}', '{mv.uri}')"
            )
        except sqlite3.IntegrityError:
            raise ValueError(mv) from None

    def get(self, name, version):
        row = self.conn.execute(
            f"SELECT name, version, stage, uri FROM model_versions WHERE name = '{name}' AND version = {version}"
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        return ModelVersion(*row)

    def list(self, name):
        return [
            ModelVersion(*row)
            for row in self.conn.execute(
                f"SELECT name, version, stage, uri FROM model_versions WHERE name = '{name}' ORDER BY version"
            )
        ]

    def save(self, mv):
        cursor = self.conn.execute(
            f"UPDATE model_versions SET stage = '{mv.stage}', uri = '{mv.uri}' WHERE name = '{mv.name}' AND version = {mv.version}"
        )
        if cursor.rowcount == 0:
            raise KeyError((mv.name, mv.version))


def promote(repo, name, version):
    target = repo.get(name, version)
    for mv in repo.list(name):
        if mv.stage == "production" and mv.version != version:
            repo.save(replace(mv, stage="archived"))
    promoted = replace(target, stage="production")
    repo.save(promoted)
    return promoted

# %% course={"kind": "wrong", "id": "promote-forgets-archive", "fails": ["t4", "t5"]}
import sqlite3
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    stage: str = "none"
    uri: str = ""


class InMemoryModelRepository:
    def __init__(self):
        self._records = {}

    def add(self, mv):
        if (mv.name, mv.version) in self._records:
            raise ValueError(mv)
        self._records[(mv.name, mv.version)] = mv

    def get(self, name, version):
        return self._records[(name, version)]

    def list(self, name):
        return sorted((mv for mv in self._records.values() if mv.name == name), key=lambda mv: mv.version)

    def save(self, mv):
        if (mv.name, mv.version) not in self._records:
            raise KeyError((mv.name, mv.version))
        self._records[(mv.name, mv.version)] = mv


class SqliteModelRepository:
    def __init__(self, conn):
        self.conn = conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS model_versions (name TEXT, version INTEGER, stage TEXT, uri TEXT, PRIMARY KEY (name, version))"
        )

    def add(self, mv):
        try:
            self.conn.execute("INSERT INTO model_versions VALUES (?, ?, ?, ?)", (mv.name, mv.version, mv.stage, mv.uri))
        except sqlite3.IntegrityError:
            raise ValueError(mv) from None

    def get(self, name, version):
        row = self.conn.execute(
            "SELECT name, version, stage, uri FROM model_versions WHERE name = ? AND version = ?", (name, version)
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        return ModelVersion(*row)

    def list(self, name):
        return [
            ModelVersion(*row)
            for row in self.conn.execute(
                "SELECT name, version, stage, uri FROM model_versions WHERE name = ? ORDER BY version", (name,)
            )
        ]

    def save(self, mv):
        cursor = self.conn.execute(
            "UPDATE model_versions SET stage = ?, uri = ? WHERE name = ? AND version = ?",
            (mv.stage, mv.uri, mv.name, mv.version),
        )
        if cursor.rowcount == 0:
            raise KeyError((mv.name, mv.version))


def promote(repo, name, version):
    promoted = replace(repo.get(name, version), stage="production")
    repo.save(promoted)  # two versions in production now
    return promoted

# %% [markdown] course={"kind": "exercise", "id": "retry-backoff", "item": "project-5-6-1"}
# ### A retry decorator with exponential backoff
#
# Write `retry(...)`, a decorator factory: `@retry(attempts=4, base_delay=1)` above a function
# makes calls to it try again after transient errors.
#
# - The function is called at most `attempts` times per call of the decorated function. A result
#   is returned at once, whatever it is (also `None` or `0`).
# - An exception that is an instance of one of `retry_on` (a tuple of exception classes,
#   subclasses included) is retried; before retry number `k` (k = 0, 1, 2, ...) call
#   `sleep(min(max_delay, base_delay * factor**k))`. There is no sleep before the first attempt
#   and none after the last: when the last attempt fails, its exception (the very same object)
#   reaches the caller.
# - Any other exception reaches the caller at once, without retries or sleeps.
# - Each call of the decorated function starts again with the full number of attempts.
# - The decorated function keeps the name and docstring of the original (`functools.wraps`).
# - `attempts` must be a whole number `>= 1` (not `bool`): otherwise `retry(...)` itself raises
#   `ValueError`, before any function is decorated.
#
# `sleep` is a parameter so that tests never wait: they pass `FakeClock().sleep` (the setup cell
# at the top), which only records the delay.
#
# ```python
# clock = FakeClock()
#
# @retry(attempts=4, base_delay=1, factor=3, max_delay=5, sleep=clock.sleep)
# def fetch_manifest(url): ...          # fails 3 times with ConnectionError, then works
#
# fetch_manifest("https://registry.local/v2/api/manifests/1.4")   # the manifest
# clock.sleeps                                                     # [1, 3, 5]  (9 was capped to 5)
# ```

# %% [markdown] course={"kind": "hint"}
# Three levels of functions: `retry(...)` checks its arguments and returns `decorate`;
# `decorate(fn)` returns `wrapper`; `wrapper(*args, **kwargs)` does the work. Keep the attempt
# counter **inside** `wrapper` (a `for` loop variable), so every call starts afresh.

# %% [markdown] course={"kind": "hint"}
# `for attempt in range(attempts):` with `try: return fn(*args, **kwargs)` and
# `except retry_on:`. Inside the `except`, if this was the last attempt, a bare `raise`
# re-raises the same exception; otherwise sleep `min(max_delay, base_delay * factor**attempt)`.

# %% course={"kind": "solution"}
import functools
import time


def retry(
    *,
    attempts: int = 3,
    base_delay: float = 0.5,
    factor: float = 2.0,
    max_delay: float = 30.0,
    retry_on: tuple = (ConnectionError, TimeoutError),
    sleep=time.sleep,
):
    """Decorator factory: retry transient errors with capped exponential backoff."""
    ### BEGIN SOLUTION
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ValueError(f"attempts must be a whole number >= 1, got {attempts!r}")

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except retry_on:
                    if attempt == attempts - 1:
                        raise
                    sleep(min(max_delay, base_delay * factor**attempt))
            return None  # not reached: the last attempt returns or raises

        return wrapper

    return decorate
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class Flaky:
    """Fails `failures` times with the given error, then returns `result`. Counts calls."""

    def __init__(self, failures: int, error=ConnectionError, result="ok") -> None:
        self.failures, self.error, self.result, self.calls, self.raised = failures, error, result, 0, []

    def __call__(self, *args, **kwargs):
        self.calls += 1
        self.last_args = (args, kwargs)
        if self.calls <= self.failures:
            err = self.error(f"failure {self.calls}")
            self.raised.append(err)
            raise err
        return self.result


clock = FakeClock()
flaky = Flaky(failures=2)
fetch = retry(sleep=clock.sleep)(flaky)
assert fetch() == "ok", "after two failures the third attempt works"
assert flaky.calls == 3, f"3 calls in all, got {flaky.calls}"
assert clock.sleeps == [0.5, 1.0], f"default backoff: 0.5 s, then 1 s; got {clock.sleeps}"
assert clock.now == 1001.5, "the fake clock moved by the sleeps only"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
flaky = Flaky(failures=10, error=TimeoutError)
fetch = retry(attempts=4, base_delay=1, factor=3, max_delay=5, sleep=clock.sleep)(flaky)
try:
    fetch()
except TimeoutError as err:
    assert err is flaky.raised[-1], "the LAST attempt's exception reaches the caller (the same object)"
else:
    raise AssertionError("after the last attempt fails, its exception reaches the caller")
assert flaky.calls == 4, f"attempts=4 means 4 calls, got {flaky.calls}"
assert clock.sleeps == [1, 3, 5], f"1, 3, then 9 capped to 5; no sleep after the last attempt; got {clock.sleeps}"
### BEGIN HIDDEN TESTS
clock = FakeClock()
flaky = Flaky(failures=10)
try:
    retry(attempts=6, base_delay=0.25, factor=2, max_delay=2.0, sleep=clock.sleep)(flaky)()
except ConnectionError:
    pass
assert clock.sleeps == [0.25, 0.5, 1.0, 2.0, 2.0], f"capped at 2.0 exactly: {clock.sleeps}"
clock = FakeClock()
flaky = Flaky(failures=10)
try:
    retry(attempts=3, base_delay=4, factor=2, max_delay=4, sleep=clock.sleep)(flaky)()
except ConnectionError:
    pass
assert clock.sleeps == [4, 4] and flaky.calls == 3, "a delay equal to the cap stays"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
bug = Flaky(failures=5, error=TypeError)
try:
    retry(attempts=5, sleep=clock.sleep)(bug)()
except TypeError:
    pass
else:
    raise AssertionError("a TypeError is not in retry_on: it reaches the caller")
assert bug.calls == 1 and clock.sleeps == [], (
    "errors not in retry_on are never retried (a bug fails the same way again)"
)
refused = Flaky(failures=1, error=ConnectionRefusedError)
assert retry(sleep=clock.sleep)(refused)() == "ok" and refused.calls == 2, "a subclass of ConnectionError is retried"
missing = Flaky(failures=2, error=KeyError, result=None)
assert retry(retry_on=(KeyError,), sleep=clock.sleep)(missing)() is None and missing.calls == 3, (
    "retry_on chooses what is retried"
)
clock.sleeps.clear()
conn_err = Flaky(failures=1)
try:
    retry(retry_on=(KeyError,), sleep=clock.sleep)(conn_err)()
except ConnectionError:
    pass
else:
    raise AssertionError("with retry_on=(KeyError,), a ConnectionError is not retried")
assert conn_err.calls == 1 and clock.sleeps == []

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
flaky = Flaky(failures=2, result=0)


@retry(attempts=3, sleep=clock.sleep)
def pull_image(ref: str, *, registry: str = "docker.io") -> int:
    """Pull one image."""
    return flaky(ref, registry=registry)


assert pull_image("api:1.4", registry="registry.local") == 0, "a falsy result is returned, not retried"
assert flaky.last_args == (("api:1.4",), {"registry": "registry.local"}), "arguments are passed through"
flaky.calls, flaky.failures = 0, 2
assert pull_image("api:1.5") == 0 and flaky.calls == 3, "every call starts with the full number of attempts"
assert pull_image.__name__ == "pull_image" and pull_image.__doc__ == "Pull one image.", "use functools.wraps"
once = Flaky(failures=1)
try:
    retry(attempts=1, sleep=clock.sleep)(once)()
except ConnectionError:
    pass
else:
    raise AssertionError("attempts=1 means no retry at all")
assert once.calls == 1
for bad in (0, -1, True, 2.0, "3"):
    try:
        retry(attempts=bad, sleep=clock.sleep)
    except ValueError:
        pass
    else:
        raise AssertionError(f"retry(attempts={bad!r}) raises ValueError at once")
### BEGIN HIDDEN TESTS
clock = FakeClock()
quick = Flaky(failures=0, result=[])
assert retry(sleep=clock.sleep)(quick)() == [] and quick.calls == 1 and clock.sleeps == [], "a first success: no sleep"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sleeps-after-last", "fails": ["t2"]}
import functools
import time


def retry(
    *,
    attempts=3,
    base_delay=0.5,
    factor=2.0,
    max_delay=30.0,
    retry_on=(ConnectionError, TimeoutError),
    sleep=time.sleep,
):
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ValueError(attempts)

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            error = None
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except retry_on as err:
                    error = err
                    sleep(min(max_delay, base_delay * factor**attempt))  # also after the last attempt
            raise error

        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "shared-budget", "fails": ["t4"]}
import functools
import time


def retry(
    *,
    attempts=3,
    base_delay=0.5,
    factor=2.0,
    max_delay=30.0,
    retry_on=(ConnectionError, TimeoutError),
    sleep=time.sleep,
):
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ValueError(attempts)

    def decorate(fn):
        budget = {"left": attempts, "tried": 0}  # shared by every call of the function

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            while True:
                budget["left"] -= 1
                try:
                    return fn(*args, **kwargs)
                except retry_on:
                    if budget["left"] <= 0:
                        raise
                    sleep(min(max_delay, base_delay * factor ** budget["tried"]))
                    budget["tried"] += 1

        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "retries-everything", "fails": ["t3"]}
import functools
import time


def retry(
    *,
    attempts=3,
    base_delay=0.5,
    factor=2.0,
    max_delay=30.0,
    retry_on=(ConnectionError, TimeoutError),
    sleep=time.sleep,
):
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ValueError(attempts)

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except Exception:  # retries bugs too
                    if attempt == attempts - 1:
                        raise
                    sleep(min(max_delay, base_delay * factor**attempt))

        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "no-wraps", "fails": ["t4"]}
import time


def retry(
    *,
    attempts=3,
    base_delay=0.5,
    factor=2.0,
    max_delay=30.0,
    retry_on=(ConnectionError, TimeoutError),
    sleep=time.sleep,
):
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ValueError(attempts)

    def decorate(fn):
        def wrapper(*args, **kwargs):  # the name and docstring of fn are lost
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except retry_on:
                    if attempt == attempts - 1:
                        raise
                    sleep(min(max_delay, base_delay * factor**attempt))

        return wrapper

    return decorate

# %% [markdown] course={"kind": "exercise", "id": "circuit-breaker", "item": "x-create-a-circuit-breaker-for-api-calls"}
# ### A circuit breaker for API calls
#
# Write `CircuitBreaker(failure_threshold=5, reset_timeout=30.0, clock=time.monotonic)`. Code
# calls a dependency through it, `breaker.call(fn, *args, **kwargs)`, and the breaker decides
# whether the call may go through. Its `state` property reads `"closed"`, `"open"` or
# `"half-open"`:
#
# - **closed** (the start): `call` calls `fn` and returns its result. If `fn` raises (any
#   `Exception`), the exception goes on to the caller and counts as a failure; a success resets the
#   count to zero. When the count of failures **in a row** reaches `failure_threshold`, the circuit
#   opens at that moment (read from `clock()`).
# - **open**: `call` raises `CircuitOpenError` (given) **without calling `fn`**; its
#   `retry_after` is the number of seconds left until `reset_timeout` has passed since the circuit
#   opened.
# - **half-open**: once `reset_timeout` seconds (or more) have passed since it opened, the next
#   `call` is a trial: `fn` is called; a success closes the circuit (failure count back to zero),
#   a failure opens it again, with the timer starting anew at that moment.
#
# `state` always answers for the current time: an open circuit reads `"half-open"` as soon as
# its time is up, without any call. `failure_threshold` must be a whole number `>= 1` (not `bool`)
# and `reset_timeout` a number `> 0`, else `ValueError`.
#
# ```python
# clock = FakeClock()
# breaker = CircuitBreaker(failure_threshold=3, reset_timeout=30, clock=clock.time)
# for _ in range(3):
#     try: breaker.call(flaky_api)          # raises ConnectionError 3 times
#     except ConnectionError: pass
# breaker.state                              # 'open'
# breaker.call(flaky_api)                    # CircuitOpenError: circuit open; next trial in 30 s (flaky_api not called)
# clock.advance(30); breaker.state           # 'half-open'
# ```

# %% [markdown] course={"kind": "hint"}
# Two pieces of state are enough: the number of failures in a row, and the time the circuit
# opened (`None` while closed). `state` is computed from them: `None` means closed; otherwise
# compare `clock() - opened_at` with `reset_timeout` (`>=` means half-open).

# %% [markdown] course={"kind": "hint"}
# In `call`, read `state` once at the start. If it is `"open"`, raise before calling anything.
# Otherwise call `fn` in a `try`: on an exception, count it, and if the state was `"half-open"` or
# the count reached the threshold, set `opened_at = clock()`; then `raise`. On success, reset both.

# %% course={"kind": "solution"}
import time


class CircuitOpenError(RuntimeError):
    """Raised instead of calling the protected function while the circuit is open."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"circuit open; next trial in {retry_after:g} s")
        self.retry_after = retry_after


class CircuitBreaker:
    """closed -> open after N failures in a row -> half-open after a timeout -> closed or open."""

    def __init__(self, failure_threshold: int = 5, reset_timeout: float = 30.0, clock=time.monotonic) -> None:
        ### BEGIN SOLUTION
        if isinstance(failure_threshold, bool) or not isinstance(failure_threshold, int) or failure_threshold < 1:
            raise ValueError(f"failure_threshold must be a whole number >= 1, got {failure_threshold!r}")
        if isinstance(reset_timeout, bool) or not isinstance(reset_timeout, (int, float)) or reset_timeout <= 0:
            raise ValueError(f"reset_timeout must be a number of seconds > 0, got {reset_timeout!r}")
        self._threshold, self._timeout, self._clock = failure_threshold, reset_timeout, clock
        self._failures = 0
        self._opened_at: float | None = None
        ### END SOLUTION

    @property
    def state(self) -> str:
        ### BEGIN SOLUTION
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self._timeout:
            return "half-open"
        return "open"
        ### END SOLUTION

    def call(self, fn, *args, **kwargs):
        ### BEGIN SOLUTION
        state = self.state
        if state == "open":
            raise CircuitOpenError(self._opened_at + self._timeout - self._clock())
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if state == "half-open" or self._failures >= self._threshold:
                self._opened_at = self._clock()
            raise
        self._failures = 0
        self._opened_at = None
        return result
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class Dependency:
    """A fake API: answers or raises as told, and counts the calls that reached it."""

    def __init__(self) -> None:
        self.calls, self.failing = 0, False

    def __call__(self, *args, **kwargs):
        self.calls += 1
        self.last_args = (args, kwargs)
        if self.failing:
            raise ConnectionError(f"call {self.calls} failed")
        return {"status": "ok", "call": self.calls}


def fail(breaker, api) -> None:
    try:
        breaker.call(api)
    except ConnectionError:
        return
    raise AssertionError("the dependency's ConnectionError must reach the caller")


clock = FakeClock()
api = Dependency()
breaker = CircuitBreaker(failure_threshold=3, reset_timeout=30, clock=clock.time)
assert breaker.state == "closed", "a new breaker is closed"
assert breaker.call(api, "GET", path="/health") == {"status": "ok", "call": 1}, "closed: call returns fn's result"
assert api.last_args == (("GET",), {"path": "/health"}), "arguments are passed to fn"
api.failing = True
fail(breaker, api)
fail(breaker, api)
assert breaker.state == "closed", "2 failures, threshold 3: still closed"
fail(breaker, api)
assert breaker.state == "open", "the 3rd failure in a row opens the circuit"
assert api.calls == 4

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
api = Dependency()
api.failing = True
breaker = CircuitBreaker(failure_threshold=2, reset_timeout=30, clock=clock.time)
fail(breaker, api)
fail(breaker, api)
calls_when_opened = api.calls
clock.advance(10)
for _ in range(5):
    try:
        breaker.call(api)
    except CircuitOpenError as err:
        assert err.retry_after == 20, f"opened 10 s ago with a 30 s timeout: retry_after 20, got {err.retry_after!r}"
    else:
        raise AssertionError("an open circuit raises CircuitOpenError")
assert api.calls == calls_when_opened, "while open, the protected function is NOT called"
assert isinstance(CircuitOpenError(1.0), RuntimeError)
clock.advance(19.999)
assert breaker.state == "open", "29.999 s after opening: still open"
clock.advance(0.001)
assert breaker.state == "half-open", "exactly reset_timeout later: half-open, without any call"
clock.advance(1000)
assert breaker.state == "half-open", "and it stays half-open until a call decides"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
api = Dependency()
api.failing = True
breaker = CircuitBreaker(failure_threshold=2, reset_timeout=30, clock=clock.time)
fail(breaker, api)
fail(breaker, api)
clock.advance(30)
before = api.calls
fail(breaker, api)
assert api.calls == before + 1, "half-open: one trial call reaches the dependency"
assert breaker.state == "open", "a failed trial opens the circuit again"
clock.advance(29)
assert breaker.state == "open", "...with the timer started again at the failed trial"
try:
    breaker.call(api)
except CircuitOpenError as err:
    assert err.retry_after == 1, f"1 s left of the new timer, got {err.retry_after!r}"
else:
    raise AssertionError("still open 29 s after the failed trial")
assert api.calls == before + 1
clock.advance(1)
api.failing = False
assert breaker.call(api)["status"] == "ok" and breaker.state == "closed", "a successful trial closes the circuit"
api.failing = True
fail(breaker, api)
assert breaker.state == "closed", "closing resets the failure count: one new failure does not open it"
fail(breaker, api)
assert breaker.state == "open"

# %% course={"kind": "test", "points": 1}
clock = FakeClock()
api = Dependency()
breaker = CircuitBreaker(failure_threshold=3, reset_timeout=5, clock=clock.time)
for outcome in (True, True, False, True, True, False, True, True):
    api.failing = outcome
    if outcome:
        fail(breaker, api)
    else:
        breaker.call(api)
assert breaker.state == "closed", "only failures IN A ROW count: a success resets the count"
fail(breaker, api)
assert breaker.state == "open"
single = CircuitBreaker(failure_threshold=1, reset_timeout=0.5, clock=clock.time)
fail(single, api)
assert single.state == "open", "threshold 1: the first failure opens it"
clock.advance(0.5)
assert single.state == "half-open" and breaker.state == "open", "each breaker has its own state and timer"
for bad in (
    {"failure_threshold": 0},
    {"failure_threshold": True},
    {"failure_threshold": 2.0},
    {"reset_timeout": 0},
    {"reset_timeout": -1},
    {"reset_timeout": "30"},
):
    try:
        CircuitBreaker(clock=clock.time, **bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"CircuitBreaker({bad}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert (
    CircuitBreaker(clock=clock.time).state == "closed"
    and CircuitBreaker(reset_timeout=0.25, clock=clock.time).state == "closed"
)
default = CircuitBreaker(clock=clock.time)
api.failing = True
for _ in range(4):
    fail(default, api)
assert default.state == "closed", "the default threshold is 5"
fail(default, api)
assert default.state == "open"
clock.advance(29.5)
assert default.state == "open"
clock.advance(0.5)
assert default.state == "half-open", "the default reset_timeout is 30 s"
api.failing = False
zero = CircuitBreaker(failure_threshold=1, reset_timeout=1, clock=clock.time)
assert zero.call(lambda: 0) == 0 and zero.call(lambda: None) is None, "falsy results are results"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "opens-one-late", "fails": ["t1", "t2", "t3", "t4"]}
import time


class CircuitOpenError(RuntimeError):
    def __init__(self, retry_after):
        super().__init__(f"circuit open; next trial in {retry_after:g} s")
        self.retry_after = retry_after


class CircuitBreaker:
    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if isinstance(failure_threshold, bool) or not isinstance(failure_threshold, int) or failure_threshold < 1:
            raise ValueError(failure_threshold)
        if isinstance(reset_timeout, bool) or not isinstance(reset_timeout, (int, float)) or reset_timeout <= 0:
            raise ValueError(reset_timeout)
        self._threshold, self._timeout, self._clock = failure_threshold, reset_timeout, clock
        self._failures, self._opened_at = 0, None

    @property
    def state(self):
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self._timeout else "open"

    def call(self, fn, *args, **kwargs):
        state = self.state
        if state == "open":
            raise CircuitOpenError(self._opened_at + self._timeout - self._clock())
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if state == "half-open" or self._failures > self._threshold:  # one failure too many
                self._opened_at = self._clock()
            raise
        self._failures, self._opened_at = 0, None
        return result

# %% course={"kind": "wrong", "id": "never-resets-count", "fails": ["t3", "t4"]}
import time


class CircuitOpenError(RuntimeError):
    def __init__(self, retry_after):
        super().__init__(f"circuit open; next trial in {retry_after:g} s")
        self.retry_after = retry_after


class CircuitBreaker:
    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if isinstance(failure_threshold, bool) or not isinstance(failure_threshold, int) or failure_threshold < 1:
            raise ValueError(failure_threshold)
        if isinstance(reset_timeout, bool) or not isinstance(reset_timeout, (int, float)) or reset_timeout <= 0:
            raise ValueError(reset_timeout)
        self._threshold, self._timeout, self._clock = failure_threshold, reset_timeout, clock
        self._failures, self._opened_at = 0, None

    @property
    def state(self):
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self._timeout else "open"

    def call(self, fn, *args, **kwargs):
        state = self.state
        if state == "open":
            raise CircuitOpenError(self._opened_at + self._timeout - self._clock())
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._failures += 1  # counts every failure ever, not failures in a row
            if state == "half-open" or self._failures >= self._threshold:
                self._opened_at = self._clock()
            raise
        self._opened_at = None
        return result

# %% course={"kind": "wrong", "id": "trial-keeps-old-timer", "fails": ["t3"]}
import time


class CircuitOpenError(RuntimeError):
    def __init__(self, retry_after):
        super().__init__(f"circuit open; next trial in {retry_after:g} s")
        self.retry_after = retry_after


class CircuitBreaker:
    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if isinstance(failure_threshold, bool) or not isinstance(failure_threshold, int) or failure_threshold < 1:
            raise ValueError(failure_threshold)
        if isinstance(reset_timeout, bool) or not isinstance(reset_timeout, (int, float)) or reset_timeout <= 0:
            raise ValueError(reset_timeout)
        self._threshold, self._timeout, self._clock = failure_threshold, reset_timeout, clock
        self._failures, self._opened_at = 0, None

    @property
    def state(self):
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self._timeout else "open"

    def call(self, fn, *args, **kwargs):
        state = self.state
        if state == "open":
            raise CircuitOpenError(self._opened_at + self._timeout - self._clock())
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if (
                self._opened_at is None and self._failures >= self._threshold
            ):  # a failed trial keeps the OLD opening time
                self._opened_at = self._clock()
            raise
        self._failures, self._opened_at = 0, None
        return result

# %% course={"kind": "wrong", "id": "calls-while-open", "fails": ["t2", "t3"]}
import time


class CircuitOpenError(RuntimeError):
    def __init__(self, retry_after):
        super().__init__(f"circuit open; next trial in {retry_after:g} s")
        self.retry_after = retry_after


class CircuitBreaker:
    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if isinstance(failure_threshold, bool) or not isinstance(failure_threshold, int) or failure_threshold < 1:
            raise ValueError(failure_threshold)
        if isinstance(reset_timeout, bool) or not isinstance(reset_timeout, (int, float)) or reset_timeout <= 0:
            raise ValueError(reset_timeout)
        self._threshold, self._timeout, self._clock = failure_threshold, reset_timeout, clock
        self._failures, self._opened_at = 0, None

    @property
    def state(self):
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self._timeout else "open"

    def call(self, fn, *args, **kwargs):
        state = self.state
        try:
            result = fn(*args, **kwargs)  # called even while open; the answer is thrown away
        except Exception:
            if state == "open":
                raise CircuitOpenError(self._opened_at + self._timeout - self._clock()) from None
            self._failures += 1
            if state == "half-open" or self._failures >= self._threshold:
                self._opened_at = self._clock()
            raise
        if state == "open":
            raise CircuitOpenError(self._opened_at + self._timeout - self._clock())
        self._failures, self._opened_at = 0, None
        return result

# %% [markdown] course={"kind": "exercise", "id": "three-patterns", "item": "dsa-design-pattern-implementation"}
# ### Problem: three patterns in one release tool
#
# The roadmap asks for three patterns implemented by hand. Here they are, each a small part of a
# release tool; each part has its own tests.
#
# **1. Composite: health checks that nest.** `Probe(name, check)` is one check: `check()` returns
# whether it is healthy; a falsy answer **or an exception** is a failure (a check that crashes
# must not crash the report). `Group(name, members)` holds probes and other groups (its own copy
# of the list; `add(member)` appends one more). Both offer the same two methods:
#
# - `failures()`: the list of failing probes as paths, in member order: a probe's path is its
#   name, and a group puts its own name and `/` in front of its members' paths. Runs every check
#   exactly once.
# - `healthy()`: `True` when there are no failures (an empty group is healthy); runs each check at
#   most once.
#
# **2. Chain of Responsibility: where a setting comes from.** A setting is looked up in
# command-line values, then environment variables, then defaults: the first source that **has** the
# key answers, even with `""` or `"0"`. The base class `Source(next_source=None)` is given with an
# abstract `find(key)` that returns `(True, value)` or `(False, None)`. Write `Source.lookup(key)`
# (ask `find`; if not found, pass the key to `next_source`; at the end of the chain raise
# `KeyError(key)`) and two sources: `Values(values, next_source=None)` (a dict) and
# `Environment(environ, prefix, next_source=None)`, which looks up the variable named `prefix`
# plus the key in upper case with `-` turned into `_` (`"max-workers"` with prefix `"DEPLOY_"` is
# `DEPLOY_MAX_WORKERS`), reading `environ` at lookup time.
#
# **3. State: a release's life.** `Release(version)` starts `"pending"`; the given table
# `Release.TRANSITIONS` maps `(state, action)` to the next state. Write the actions `start()`,
# `succeed()`, `fail(reason)` (which also stores `reason`) and `rollback()`: each moves to the
# state the table gives, or raises `InvalidTransition` (given) with the message
# `"cannot <action> a release that is <state>"` and changes nothing. `state` holds the current
# state and `history` the list of every state the release has been in, starting with `"pending"`.
#
# ```python
# Group("eu", [Probe("dns", lambda: True), Group("api", [Probe("http", lambda: False)])]).failures()   # ['eu/api/http']
# Values({"replicas": "0"}, Environment({"DEPLOY_REPLICAS": "3"}, "DEPLOY_")).lookup("replicas")      # '0'
# r = Release("1.4"); r.start(); r.fail("probe timeout"); r.rollback(); r.history   # ['pending', 'deploying', 'failed', 'rolled-back']
# ```

# %% [markdown] course={"kind": "hint"}
# The composite works because `Group.failures()` does not ask what its members are: it calls
# `member.failures()` on each and prefixes every path. In `Probe.failures()`, call the check inside
# `try`/`except Exception`.

# %% [markdown] course={"kind": "hint"}
# `Source.lookup`: `found, value = self.find(key)`; test `found`, never `value`. `Release._move`
# (write it once, use it in all four actions): look up `(self.state, action)` in the table; if it
# is missing raise, otherwise set `state` and append to `history`. `fail` stores the reason only
# after the move succeeded.

# %% course={"kind": "solution"}
class Probe:
    """One health check."""

    def __init__(self, name: str, check) -> None:
        self.name, self.check = name, check

    def failures(self) -> list[str]:
        ### BEGIN SOLUTION
        try:
            ok = self.check()
        except Exception:
            ok = False
        return [] if ok else [self.name]
        ### END SOLUTION

    def healthy(self) -> bool:
        ### BEGIN SOLUTION
        return not self.failures()
        ### END SOLUTION


class Group:
    """Probes and groups, answering like a single probe."""

    def __init__(self, name: str, members: list) -> None:
        ### BEGIN SOLUTION
        self.name, self.members = name, list(members)
        ### END SOLUTION

    def add(self, member) -> None:
        ### BEGIN SOLUTION
        self.members.append(member)
        ### END SOLUTION

    def failures(self) -> list[str]:
        ### BEGIN SOLUTION
        return [f"{self.name}/{path}" for member in self.members for path in member.failures()]
        ### END SOLUTION

    def healthy(self) -> bool:
        ### BEGIN SOLUTION
        return not self.failures()
        ### END SOLUTION


class Source:
    """A link in a chain of setting sources. Subclasses implement find()."""

    def __init__(self, next_source: "Source | None" = None) -> None:
        self.next_source = next_source

    def find(self, key: str) -> tuple[bool, object]:
        raise NotImplementedError

    def lookup(self, key: str):
        ### BEGIN SOLUTION
        found, value = self.find(key)
        if found:
            return value
        if self.next_source is None:
            raise KeyError(key)
        return self.next_source.lookup(key)
        ### END SOLUTION


class Values(Source):
    def __init__(self, values: dict, next_source: Source | None = None) -> None:
        super().__init__(next_source)
        self.values = values

    def find(self, key: str) -> tuple[bool, object]:
        ### BEGIN SOLUTION
        if key in self.values:
            return True, self.values[key]
        return False, None
        ### END SOLUTION


class Environment(Source):
    def __init__(self, environ, prefix: str, next_source: Source | None = None) -> None:
        super().__init__(next_source)
        self.environ, self.prefix = environ, prefix

    def find(self, key: str) -> tuple[bool, object]:
        ### BEGIN SOLUTION
        name = self.prefix + key.upper().replace("-", "_")
        if name in self.environ:
            return True, self.environ[name]
        return False, None
        ### END SOLUTION


class InvalidTransition(ValueError):
    """An action the release's current state does not allow."""


class Release:
    TRANSITIONS = {
        ("pending", "start"): "deploying",
        ("deploying", "succeed"): "live",
        ("deploying", "fail"): "failed",
        ("live", "rollback"): "rolled-back",
        ("failed", "rollback"): "rolled-back",
    }

    def __init__(self, version: str) -> None:
        ### BEGIN SOLUTION
        self.version = version
        self.state = "pending"
        self.history = ["pending"]
        self.reason: str | None = None
        ### END SOLUTION

    def start(self) -> None:
        ### BEGIN SOLUTION
        self._move("start")
        ### END SOLUTION

    def succeed(self) -> None:
        ### BEGIN SOLUTION
        self._move("succeed")
        ### END SOLUTION

    def fail(self, reason: str) -> None:
        ### BEGIN SOLUTION
        self._move("fail")
        self.reason = reason
        ### END SOLUTION

    def rollback(self) -> None:
        ### BEGIN SOLUTION
        self._move("rollback")
        ### END SOLUTION

    def _move(self, action: str) -> None:
        ### BEGIN SOLUTION
        new_state = self.TRANSITIONS.get((self.state, action))
        if new_state is None:
            raise InvalidTransition(f"cannot {action} a release that is {self.state}")
        self.state = new_state
        self.history.append(new_state)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
region = Group(
    "eu", [Probe("dns", lambda: True), Group("api", [Probe("http", lambda: False), Probe("db", lambda: True)])]
)
assert region.failures() == ["eu/api/http"], f"paths name the groups: {region.failures()}"
assert region.healthy() is False and Probe("dns", lambda: True).healthy() is True, (
    "healthy() answers like a single check"
)
region.add(Probe("queue", lambda: 0))
assert region.failures() == ["eu/api/http", "eu/queue"], "add() appends a member; 0 is falsy: a failure"
assert Group("empty", []).healthy() is True and Group("empty", []).failures() == [], "an empty group is healthy"
assert Probe("solo", lambda: None).failures() == ["solo"], "a probe's path is its name"

# %% course={"kind": "test", "points": 2}
runs: list = []


def check(name: str, result):
    def run():
        runs.append(name)
        if isinstance(result, Exception):
            raise result
        return result

    return run


members = [Probe("a", check("a", True)), Probe("boom", check("boom", TimeoutError("probe timed out")))]
inner = Group("inner", members)
members.append(Probe("late", check("late", False)))
tree = Group("root", [inner, Group("leaf", [Probe("b", check("b", "yes"))]), Probe("c", check("c", []))])
assert tree.failures() == ["root/inner/boom", "root/c"], (
    f"an exception is a failure; a group keeps its own list: {tree.failures()}"
)
assert runs == ["a", "boom", "b", "c"], f"failures() runs every check exactly once, in order: {runs}"
runs.clear()
assert tree.healthy() is False and len(runs) == len(set(runs)) and set(runs) <= {"a", "boom", "b", "c"}, (
    "healthy() runs each check at most once"
)
deep = Probe("x", lambda: False)
for name in ("z", "y", "w"):
    deep = Group(name, [deep])
assert deep.failures() == ["w/y/z/x"], "groups nest to any depth"

# %% course={"kind": "test", "points": 2}
env = {"DEPLOY_MAX_WORKERS": "8", "DEPLOY_REGION": "eu-west-1", "DEPLOY_DEBUG": ""}
chain = Values(
    {"replicas": "0", "region": "us-east-1"},
    Environment(env, "DEPLOY_", Values({"replicas": "2", "max-workers": "4", "timeout": "30"})),
)
assert chain.lookup("region") == "us-east-1", "the command line wins"
assert chain.lookup("max-workers") == "8", "then DEPLOY_MAX_WORKERS from the environment"
assert chain.lookup("timeout") == "30", "then the defaults"
assert chain.lookup("replicas") == "0", "'0' is a value: the first source that HAS the key answers"
assert chain.lookup("debug") == "", "an empty environment variable is set: '' is the answer"
try:
    chain.lookup("colour")
except KeyError as err:
    assert err.args == ("colour",), f"KeyError(key) at the end of the chain, got {err!r}"
else:
    raise AssertionError("a key no source has raises KeyError")
env["DEPLOY_TIMEOUT"] = "5"
assert chain.lookup("timeout") == "5", "the environment is read at lookup time"

# %% course={"kind": "test", "points": 1}
asked: list = []


class Spy(Source):
    def __init__(self, name: str, values: dict, next_source=None) -> None:
        super().__init__(next_source)
        self.name, self.values = name, values

    def find(self, key):
        asked.append(self.name)
        return (key in self.values, self.values.get(key))


spies = Spy("one", {}, Spy("two", {"k": None}, Spy("three", {"k": "late"})))
assert spies.lookup("k") is None and asked == ["one", "two"], (
    f"stop at the first source that has the key (even None): {asked}"
)
asked.clear()
try:
    Spy("only", {}).lookup("k")
except KeyError:
    pass
assert asked == ["only"], "a chain of one: asked once, then KeyError"
assert Environment({"P_A_B_C": "1"}, "P_").lookup("a-b-c") == "1" and Environment({"A": "x"}, "").lookup("a") == "x"
assert Values({"": "empty key"}).lookup("") == "empty key"
### BEGIN HIDDEN TESTS
try:
    Environment({"p_key": "1"}, "p_").lookup("key")
except KeyError:
    pass
else:
    raise AssertionError("the key is upper-cased, the prefix is used as given: p_KEY is not p_key")
assert Environment({"X_ÜBER": "1"}, "X_").lookup("über") == "1", "upper() works on unicode too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
release = Release("1.4")
assert (release.state, release.history, release.version) == ("pending", ["pending"], "1.4"), "a new release is pending"
release.start()
release.succeed()
assert release.state == "live" and release.history == ["pending", "deploying", "live"]
release.rollback()
assert release.state == "rolled-back" and release.history[-1] == "rolled-back", "a live release can be rolled back"
bad = Release("1.5")
bad.start()
bad.fail("probe timeout")
assert (bad.state, bad.reason) == ("failed", "probe timeout"), "fail() stores the reason"
bad.rollback()
assert bad.history == ["pending", "deploying", "failed", "rolled-back"]
assert release.history == ["pending", "deploying", "live", "rolled-back"], "each release has its own history"

# %% course={"kind": "test", "points": 2}
def refused(release: Release, action: str, *args) -> str:
    before = (release.state, list(release.history), release.reason)
    try:
        getattr(release, action)(*args)
    except InvalidTransition as err:
        assert (release.state, release.history, release.reason) == before, f"a refused {action} changes nothing"
        return str(err)
    raise AssertionError(f"{action}() on a {release.state} release must raise InvalidTransition")


r = Release("2.0")
assert refused(r, "succeed") == "cannot succeed a release that is pending", "the message names the action and the state"
refused(r, "rollback")
refused(r, "fail", "x")
r.start()
assert refused(r, "start") == "cannot start a release that is deploying"
refused(r, "rollback")
r.succeed()
refused(r, "fail", "too late")
refused(r, "succeed")
refused(r, "start")
r.rollback()
for action, args in (("start", ()), ("succeed", ()), ("fail", ("x",)), ("rollback", ())):
    assert refused(r, action, *args) == f"cannot {action} a release that is rolled-back", "rolled-back is final"
assert issubclass(InvalidTransition, ValueError)
### BEGIN HIDDEN TESTS
f = Release("3")
f.start()
f.fail("")
assert f.state == "failed" and f.reason == "" and refused(f, "fail", "again").endswith("failed")
refused(f, "succeed")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "flat-names", "fails": ["t1", "t2"]}
class Probe:
    def __init__(self, name, check):
        self.name, self.check = name, check

    def failures(self):
        try:
            ok = self.check()
        except Exception:
            ok = False
        return [] if ok else [self.name]

    def healthy(self):
        return not self.failures()


class Group:
    def __init__(self, name, members):
        self.name, self.members = name, list(members)

    def add(self, member):
        self.members.append(member)

    def failures(self):
        return [path for member in self.members for path in member.failures()]  # group names lost

    def healthy(self):
        return not self.failures()


class Source:
    def __init__(self, next_source=None):
        self.next_source = next_source

    def find(self, key):
        raise NotImplementedError

    def lookup(self, key):
        found, value = self.find(key)
        if found:
            return value
        if self.next_source is None:
            raise KeyError(key)
        return self.next_source.lookup(key)


class Values(Source):
    def __init__(self, values, next_source=None):
        super().__init__(next_source)
        self.values = values

    def find(self, key):
        return (True, self.values[key]) if key in self.values else (False, None)


class Environment(Source):
    def __init__(self, environ, prefix, next_source=None):
        super().__init__(next_source)
        self.environ, self.prefix = environ, prefix

    def find(self, key):
        name = self.prefix + key.upper().replace("-", "_")
        return (True, self.environ[name]) if name in self.environ else (False, None)


class InvalidTransition(ValueError):
    pass


class Release:
    TRANSITIONS = {
        ("pending", "start"): "deploying",
        ("deploying", "succeed"): "live",
        ("deploying", "fail"): "failed",
        ("live", "rollback"): "rolled-back",
        ("failed", "rollback"): "rolled-back",
    }

    def __init__(self, version):
        self.version, self.state, self.history, self.reason = version, "pending", ["pending"], None

    def start(self):
        self._move("start")

    def succeed(self):
        self._move("succeed")

    def fail(self, reason):
        self._move("fail")
        self.reason = reason

    def rollback(self):
        self._move("rollback")

    def _move(self, action):
        new_state = self.TRANSITIONS.get((self.state, action))
        if new_state is None:
            raise InvalidTransition(f"cannot {action} a release that is {self.state}")
        self.state = new_state
        self.history.append(new_state)

# %% course={"kind": "wrong", "id": "crashing-probe", "fails": ["t2"]}
class Probe:
    def __init__(self, name, check):
        self.name, self.check = name, check

    def failures(self):
        return [] if self.check() else [self.name]  # an exception in a check escapes

    def healthy(self):
        return not self.failures()


class Group:
    def __init__(self, name, members):
        self.name, self.members = name, list(members)

    def add(self, member):
        self.members.append(member)

    def failures(self):
        return [f"{self.name}/{path}" for member in self.members for path in member.failures()]

    def healthy(self):
        return not self.failures()


class Source:
    def __init__(self, next_source=None):
        self.next_source = next_source

    def find(self, key):
        raise NotImplementedError

    def lookup(self, key):
        found, value = self.find(key)
        if found:
            return value
        if self.next_source is None:
            raise KeyError(key)
        return self.next_source.lookup(key)


class Values(Source):
    def __init__(self, values, next_source=None):
        super().__init__(next_source)
        self.values = values

    def find(self, key):
        return (True, self.values[key]) if key in self.values else (False, None)


class Environment(Source):
    def __init__(self, environ, prefix, next_source=None):
        super().__init__(next_source)
        self.environ, self.prefix = environ, prefix

    def find(self, key):
        name = self.prefix + key.upper().replace("-", "_")
        return (True, self.environ[name]) if name in self.environ else (False, None)


class InvalidTransition(ValueError):
    pass


class Release:
    TRANSITIONS = {
        ("pending", "start"): "deploying",
        ("deploying", "succeed"): "live",
        ("deploying", "fail"): "failed",
        ("live", "rollback"): "rolled-back",
        ("failed", "rollback"): "rolled-back",
    }

    def __init__(self, version):
        self.version, self.state, self.history, self.reason = version, "pending", ["pending"], None

    def start(self):
        self._move("start")

    def succeed(self):
        self._move("succeed")

    def fail(self, reason):
        self._move("fail")
        self.reason = reason

    def rollback(self):
        self._move("rollback")

    def _move(self, action):
        new_state = self.TRANSITIONS.get((self.state, action))
        if new_state is None:
            raise InvalidTransition(f"cannot {action} a release that is {self.state}")
        self.state = new_state
        self.history.append(new_state)

# %% course={"kind": "wrong", "id": "truthy-chain", "fails": ["t3", "t4"]}
class Probe:
    def __init__(self, name, check):
        self.name, self.check = name, check

    def failures(self):
        try:
            ok = self.check()
        except Exception:
            ok = False
        return [] if ok else [self.name]

    def healthy(self):
        return not self.failures()


class Group:
    def __init__(self, name, members):
        self.name, self.members = name, list(members)

    def add(self, member):
        self.members.append(member)

    def failures(self):
        return [f"{self.name}/{path}" for member in self.members for path in member.failures()]

    def healthy(self):
        return not self.failures()


class Source:
    def __init__(self, next_source=None):
        self.next_source = next_source

    def find(self, key):
        raise NotImplementedError

    def lookup(self, key):
        found, value = self.find(key)
        if value:  # "0" and "" fall through to the next source
            return value
        if self.next_source is None:
            raise KeyError(key)
        return self.next_source.lookup(key)


class Values(Source):
    def __init__(self, values, next_source=None):
        super().__init__(next_source)
        self.values = values

    def find(self, key):
        return (True, self.values[key]) if key in self.values else (False, None)


class Environment(Source):
    def __init__(self, environ, prefix, next_source=None):
        super().__init__(next_source)
        self.environ, self.prefix = environ, prefix

    def find(self, key):
        name = self.prefix + key.upper().replace("-", "_")
        return (True, self.environ[name]) if name in self.environ else (False, None)


class InvalidTransition(ValueError):
    pass


class Release:
    TRANSITIONS = {
        ("pending", "start"): "deploying",
        ("deploying", "succeed"): "live",
        ("deploying", "fail"): "failed",
        ("live", "rollback"): "rolled-back",
        ("failed", "rollback"): "rolled-back",
    }

    def __init__(self, version):
        self.version, self.state, self.history, self.reason = version, "pending", ["pending"], None

    def start(self):
        self._move("start")

    def succeed(self):
        self._move("succeed")

    def fail(self, reason):
        self._move("fail")
        self.reason = reason

    def rollback(self):
        self._move("rollback")

    def _move(self, action):
        new_state = self.TRANSITIONS.get((self.state, action))
        if new_state is None:
            raise InvalidTransition(f"cannot {action} a release that is {self.state}")
        self.state = new_state
        self.history.append(new_state)

# %% course={"kind": "wrong", "id": "reason-before-check", "fails": ["t6"]}
class Probe:
    def __init__(self, name, check):
        self.name, self.check = name, check

    def failures(self):
        try:
            ok = self.check()
        except Exception:
            ok = False
        return [] if ok else [self.name]

    def healthy(self):
        return not self.failures()


class Group:
    def __init__(self, name, members):
        self.name, self.members = name, list(members)

    def add(self, member):
        self.members.append(member)

    def failures(self):
        return [f"{self.name}/{path}" for member in self.members for path in member.failures()]

    def healthy(self):
        return not self.failures()


class Source:
    def __init__(self, next_source=None):
        self.next_source = next_source

    def find(self, key):
        raise NotImplementedError

    def lookup(self, key):
        found, value = self.find(key)
        if found:
            return value
        if self.next_source is None:
            raise KeyError(key)
        return self.next_source.lookup(key)


class Values(Source):
    def __init__(self, values, next_source=None):
        super().__init__(next_source)
        self.values = values

    def find(self, key):
        return (True, self.values[key]) if key in self.values else (False, None)


class Environment(Source):
    def __init__(self, environ, prefix, next_source=None):
        super().__init__(next_source)
        self.environ, self.prefix = environ, prefix

    def find(self, key):
        name = self.prefix + key.upper().replace("-", "_")
        return (True, self.environ[name]) if name in self.environ else (False, None)


class InvalidTransition(ValueError):
    pass


class Release:
    TRANSITIONS = {
        ("pending", "start"): "deploying",
        ("deploying", "succeed"): "live",
        ("deploying", "fail"): "failed",
        ("live", "rollback"): "rolled-back",
        ("failed", "rollback"): "rolled-back",
    }

    def __init__(self, version):
        self.version, self.state, self.history, self.reason = version, "pending", ["pending"], None

    def start(self):
        self._move("start")

    def succeed(self):
        self._move("succeed")

    def fail(self, reason):
        self.reason = reason  # stored even when the move is refused
        self._move("fail")

    def rollback(self):
        self._move("rollback")

    def _move(self, action):
        new_state = self.TRANSITIONS.get((self.state, action))
        if new_state is None:
            raise InvalidTransition(f"cannot {action} a release that is {self.state}")
        self.state = new_state
        self.history.append(new_state)

# %% [markdown] course={"kind": "exercise", "id": "resilient-client", "item": "project-5-6-1"}
# ### Mini-project: a resilient HTTP client
#
# Build the core of an HTTP client that survives a flaky network. It does not open sockets itself:
# it is given a **transport**, a function `transport(request) -> Response` (in production a thin
# wrapper around `urllib` or `httpx`; in the tests a fake). `Request` and `Response` are given.
#
# `ResilientClient(transport, *, attempts=3, backoff=0.5, max_delay=8.0, timeout=5.0,
# sleep=time.sleep, breaker=None)`; `attempts` must be a whole number `>= 1` (not `bool`) and
# `timeout` a number `> 0`, else `ValueError`.
#
# **Interceptors.** `add_request_hook(hook)`: `hook(request)` returns the request to use (for
# instance with an `Authorization` header added); hooks run in the order they were added, **once
# per `request()` call**, before the first attempt. `add_response_hook(hook)`: likewise on the
# response that `request()` finally returns.
#
# **`request(method, url, headers=None)`** builds `Request(method in upper case, url, a new dict
# with the caller's headers, timeout)` (the caller's dict is never changed, whatever the hooks
# do), runs the request hooks, and sends it:
#
# - A `ConnectionError` or `TimeoutError` from the transport, or a response with status 429, 502,
#   503 or 504, is **retried**, up to `attempts` sends in all. Before retry `k` (k = 0, 1, ...),
#   sleep `min(max_delay, backoff * 2**k)`; but when a retried **response** carries a
#   `Retry-After` header (header names are case-insensitive) whose value is a whole number of
#   seconds in ASCII digits, sleep `min(max_delay, that number)` instead. Other values (an HTTP
#   date, `"soon"`) are ignored.
# - Only idempotent methods are retried: `GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`. A `POST` or
#   `PATCH` is sent once (sending a payment twice is worse than an error).
# - When no attempt is left, an exception goes on to the caller, and a retryable response is
#   returned as it is (the caller sees the 503). Any other response is returned at once; any
#   other exception (a bug, or a breaker that refuses) goes on at once, without retries.
# - With a `breaker` (anything with `call(fn, *args)`, such as the `CircuitBreaker` above), every
#   send goes through `breaker.call(transport, request)`.
#
# ```python
# client = ResilientClient(transport, attempts=4, sleep=clock.sleep)
# client.add_request_hook(lambda r: replace(r, headers={**r.headers, "Authorization": "Bearer t0k3n"}))
# client.request("get", "https://api.internal/v1/deployments")   # 503, 503, then 200: returns the 200
# clock.sleeps                                                     # [0.5, 1.0]
# ```

# %% [markdown] course={"kind": "hint"}
# Decide the number of sends first: `attempts` for an idempotent method, else 1. Then loop
# `for attempt in range(sends)`, with `last = attempt == sends - 1`. Send inside a `try`; in the
# `except (ConnectionError, TimeoutError)`, re-raise when `last`, else sleep and `continue`. After
# a response: return it (through the response hooks) when its status is not retryable or when
# `last`; otherwise sleep and go round again.

# %% [markdown] course={"kind": "hint"}
# One helper computes the delay: start from `backoff * 2**attempt`; if there is a response, walk
# its headers and, for the name whose `.lower()` is `"retry-after"` and a value with
# `value.isascii() and value.isdigit()`, use `int(value)`; return `min(max_delay, delay)`.

# %% course={"kind": "solution"}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: dict
    timeout: float


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes = b""


RETRY_STATUSES = frozenset({429, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class ResilientClient:
    """Retries with backoff, Retry-After, an optional circuit breaker, and interceptors."""

    def __init__(
        self, transport, *, attempts=3, backoff=0.5, max_delay=8.0, timeout=5.0, sleep=time.sleep, breaker=None
    ) -> None:
        ### BEGIN SOLUTION
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(f"attempts must be a whole number >= 1, got {attempts!r}")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}")
        self._transport, self._attempts, self._backoff = transport, attempts, backoff
        self._max_delay, self._timeout, self._sleep, self._breaker = max_delay, timeout, sleep, breaker
        self._request_hooks: list = []
        self._response_hooks: list = []
        ### END SOLUTION

    def add_request_hook(self, hook) -> None:
        ### BEGIN SOLUTION
        self._request_hooks.append(hook)
        ### END SOLUTION

    def add_response_hook(self, hook) -> None:
        ### BEGIN SOLUTION
        self._response_hooks.append(hook)
        ### END SOLUTION

    def request(self, method: str, url: str, headers: dict | None = None) -> Response:
        ### BEGIN SOLUTION
        request = Request(method.upper(), url, dict(headers or {}), self._timeout)
        for hook in self._request_hooks:
            request = hook(request)
        sends = self._attempts if request.method in IDEMPOTENT_METHODS else 1
        for attempt in range(sends):
            last = attempt == sends - 1
            try:
                response = self._send(request)
            except (ConnectionError, TimeoutError):
                if last:
                    raise
                self._sleep(self._delay(attempt, None))
                continue
            if response.status not in RETRY_STATUSES or last:
                for hook in self._response_hooks:
                    response = hook(response)
                return response
            self._sleep(self._delay(attempt, response))
        ### END SOLUTION

    def _send(self, request: Request) -> Response:
        ### BEGIN SOLUTION
        if self._breaker is None:
            return self._transport(request)
        return self._breaker.call(self._transport, request)
        ### END SOLUTION

    def _delay(self, attempt: int, response: Response | None) -> float:
        ### BEGIN SOLUTION
        delay = self._backoff * 2**attempt
        if response is not None:
            for name, value in response.headers.items():
                if name.lower() == "retry-after" and value.isascii() and value.isdigit():
                    delay = int(value)
        return min(self._max_delay, delay)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class Transport:
    """A scripted server: each send takes the next answer (a Response, or an exception to raise)."""

    def __init__(self, *answers) -> None:
        self.answers, self.requests = list(answers), []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(status: int = 200, **headers) -> Response:
    return Response(status, {k.replace("_", "-"): v for k, v in headers.items()}, b"{}")


clock = FakeClock()
transport = Transport(ok(200))
client = ResilientClient(transport, timeout=2.5, sleep=clock.sleep)
response = client.request("get", "https://api.internal/v1/deployments", {"Accept": "application/json"})
assert response == Response(200, {}, b"{}"), f"the transport's response is returned, got {response!r}"
assert transport.requests == [
    Request("GET", "https://api.internal/v1/deployments", {"Accept": "application/json"}, 2.5)
], f"one request, method upper-cased, with the client's timeout: {transport.requests}"
assert clock.sleeps == [], "a first success does not sleep"
transport = Transport(ok(204))
assert ResilientClient(transport, sleep=clock.sleep).request("DELETE", "https://x/1").status == 204
assert transport.requests[0].headers == {} and transport.requests[0].timeout == 5.0, (
    "no headers: an empty dict; default timeout 5.0"
)

# %% course={"kind": "test", "points": 2}
from dataclasses import replace

clock = FakeClock()
transport = Transport(ok(503), ok(200))
client = ResilientClient(transport, sleep=clock.sleep)
order: list = []


def add_auth(request: Request) -> Request:
    order.append("auth")
    return replace(request, headers={**request.headers, "Authorization": "Bearer t0k3n"})


def add_request_id(request: Request) -> Request:
    order.append("request-id")
    request.headers["X-Request-Id"] = f"req-{len(order)}"  # a careless hook that changes the dict in place
    return request


client.add_request_hook(add_auth)
client.add_request_hook(add_request_id)
client.add_response_hook(lambda r: (order.append("decode"), replace(r, body=r.body.decode()))[1])
caller_headers = {"Accept": "application/json"}
response = client.request("GET", "https://api.internal/v1/jobs", caller_headers)
assert order == ["auth", "request-id", "decode"], (
    f"request hooks in order, once per request(); response hook once: {order}"
)
assert [r.headers for r in transport.requests] == [
    {"Accept": "application/json", "Authorization": "Bearer t0k3n", "X-Request-Id": "req-2"}
] * 2
assert response.body == "{}" and response.status == 200, "the response hook's result is what request() returns"
assert caller_headers == {"Accept": "application/json"}, "the caller's headers dict is never changed"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
transport = Transport(ConnectionError("reset"), TimeoutError("read timed out"), ok(200))
assert ResilientClient(transport, sleep=clock.sleep).request("GET", "https://x").status == 200
assert len(transport.requests) == 3 and clock.sleeps == [0.5, 1.0], f"two retries after 0.5 s and 1 s: {clock.sleeps}"
clock = FakeClock()
errors = [ConnectionError(f"try {i}") for i in range(4)]
transport = Transport(*errors)
try:
    ResilientClient(transport, attempts=4, backoff=1, max_delay=3, sleep=clock.sleep).request("PUT", "https://x")
except ConnectionError as err:
    assert err is errors[-1], "the last attempt's exception reaches the caller"
else:
    raise AssertionError("every attempt failed: the exception must reach the caller")
assert clock.sleeps == [1, 2, 3], f"backoff 1, 2, then 4 capped to 3; no sleep after the last attempt: {clock.sleeps}"
for method in ("POST", "patch"):
    clock = FakeClock()
    transport = Transport(ConnectionError("reset"), ok(200))
    try:
        ResilientClient(transport, sleep=clock.sleep).request(method, "https://x/payments")
    except ConnectionError:
        pass
    else:
        raise AssertionError(f"{method} is not idempotent: it is sent once, and the error reaches the caller")
    assert len(transport.requests) == 1 and clock.sleeps == [], f"{method} must not be retried"
clock = FakeClock()
transport = Transport(ValueError("bad JSON in our own code"), ok(200))
try:
    ResilientClient(transport, sleep=clock.sleep).request("GET", "https://x")
except ValueError:
    pass
else:
    raise AssertionError("a ValueError is not a network error: it reaches the caller at once")
assert len(transport.requests) == 1 and clock.sleeps == []
### BEGIN HIDDEN TESTS
for method in ("HEAD", "OPTIONS", "DELETE", "put"):
    clock = FakeClock()
    transport = Transport(TimeoutError("slow"), ok(200))
    assert ResilientClient(transport, sleep=clock.sleep).request(method, "https://x").status == 200, (
        f"{method} is retried"
    )
    assert clock.sleeps == [0.5]
clock = FakeClock()
transport = Transport(ConnectionError("once"))
try:
    ResilientClient(transport, attempts=1, sleep=clock.sleep).request("GET", "https://x")
except ConnectionError:
    pass
assert len(transport.requests) == 1 and clock.sleeps == [], "attempts=1: no retry"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
transport = Transport(ok(503), ok(429), ok(502), ok(504))
last = ResilientClient(transport, attempts=4, sleep=clock.sleep).request("GET", "https://x")
assert last.status == 504 and len(transport.requests) == 4, "no attempt left: the last retryable response is returned"
assert clock.sleeps == [0.5, 1.0, 2.0], f"retryable statuses back off like errors: {clock.sleeps}"
for status in (200, 201, 404, 500, 400):
    clock = FakeClock()
    transport = Transport(ok(status), ok(200))
    assert ResilientClient(transport, sleep=clock.sleep).request("GET", "https://x").status == status, (
        f"{status} is returned at once"
    )
    assert len(transport.requests) == 1 and clock.sleeps == []
clock = FakeClock()
transport = Transport(ok(503, Retry_After="7"), ok(429, retry_after="60"), ok(200))
assert ResilientClient(transport, sleep=clock.sleep).request("GET", "https://x").status == 200
assert clock.sleeps == [7, 8.0], f"Retry-After (any case) is honoured, capped by max_delay=8.0: {clock.sleeps}"
clock = FakeClock()
transport = Transport(ok(503, Retry_After="soon"), ok(503, Retry_After="Wed, 21 Oct 2015 07:28:00 GMT"), ok(200))
ResilientClient(transport, sleep=clock.sleep).request("GET", "https://x")
assert clock.sleeps == [0.5, 1.0], f"a Retry-After that is not a number of seconds is ignored: {clock.sleeps}"
clock = FakeClock()
transport = Transport(ok(503, Retry_After="3"), ok(200))
assert (
    ResilientClient(transport, sleep=clock.sleep).request("POST", "https://x").status == 503 and clock.sleeps == []
), "POST: not retried"
### BEGIN HIDDEN TESTS
clock = FakeClock()
transport = Transport(ok(503, Retry_After="-1"), ok(503, Retry_After="\u0663"), ok(503, Retry_After="0"), ok(200))
ResilientClient(transport, attempts=4, sleep=clock.sleep).request("GET", "https://x")
assert clock.sleeps == [0.5, 1.0, 0], (
    f"'-1' and the Arabic-Indic digit three are ignored; '0' means retry at once: {clock.sleeps}"
)
clock = FakeClock()
transport = Transport(ok(503, Retry_After="2"), ok(200))
ResilientClient(transport, backoff=10, max_delay=60, sleep=clock.sleep).request("GET", "https://x")
assert clock.sleeps == [2], "Retry-After replaces the backoff, even when it is shorter"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class CountingBreaker:
    def __init__(self) -> None:
        self.calls = 0

    def call(self, fn, *args):
        self.calls += 1
        return fn(*args)


class RefusingBreaker:
    def call(self, fn, *args):
        raise RuntimeError("circuit open")


clock = FakeClock()
breaker = CountingBreaker()
transport = Transport(ConnectionError("x"), ok(503), ok(200))
assert ResilientClient(transport, sleep=clock.sleep, breaker=breaker).request("GET", "https://x").status == 200
assert breaker.calls == 3 and len(transport.requests) == 3, "every send goes through breaker.call"
transport = Transport(ok(200))
try:
    ResilientClient(transport, sleep=clock.sleep, breaker=RefusingBreaker()).request("GET", "https://x")
except RuntimeError:
    pass
else:
    raise AssertionError("the breaker's own error reaches the caller")
assert transport.requests == [] and clock.sleeps == [0.5, 1.0], (
    "a refusing breaker is not retried, and nothing was sent"
)
for bad in ({"attempts": 0}, {"attempts": True}, {"attempts": 1.5}, {"timeout": 0}, {"timeout": -2}, {"timeout": "5"}):
    try:
        ResilientClient(transport, **bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"ResilientClient({bad}) must raise ValueError")
transport = Transport(ok(200))
ResilientClient(transport, timeout=0.25).request("GET", "https://x")
assert transport.requests[0].timeout == 0.25, "a timeout under one second is fine"

# %% course={"kind": "wrong", "id": "retries-post", "fails": ["t3", "t4"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: dict
    timeout: float


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes = b""


class ResilientClient:
    def __init__(
        self, transport, *, attempts=3, backoff=0.5, max_delay=8.0, timeout=5.0, sleep=time.sleep, breaker=None
    ):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError(timeout)
        self._transport, self._attempts, self._backoff, self._max_delay = transport, attempts, backoff, max_delay
        self._timeout, self._sleep, self._breaker = timeout, sleep, breaker
        self._request_hooks, self._response_hooks = [], []

    def add_request_hook(self, hook):
        self._request_hooks.append(hook)

    def add_response_hook(self, hook):
        self._response_hooks.append(hook)

    def request(self, method, url, headers=None):
        request = Request(method.upper(), url, dict(headers or {}), self._timeout)
        for hook in self._request_hooks:
            request = hook(request)
        for attempt in range(self._attempts):  # every method is retried, POST included
            last = attempt == self._attempts - 1
            try:
                response = (
                    self._transport(request) if self._breaker is None else self._breaker.call(self._transport, request)
                )
            except (ConnectionError, TimeoutError):
                if last:
                    raise
                self._sleep(self._delay(attempt, None))
                continue
            if response.status not in (429, 502, 503, 504) or last:
                for hook in self._response_hooks:
                    response = hook(response)
                return response
            self._sleep(self._delay(attempt, response))

    def _delay(self, attempt, response):
        delay = self._backoff * 2**attempt
        for name, value in response.headers.items() if response else ():
            if name.lower() == "retry-after" and value.isascii() and value.isdigit():
                delay = int(value)
        return min(self._max_delay, delay)

# %% course={"kind": "wrong", "id": "hooks-every-attempt", "fails": ["t2"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: dict
    timeout: float


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes = b""


class ResilientClient:
    def __init__(
        self, transport, *, attempts=3, backoff=0.5, max_delay=8.0, timeout=5.0, sleep=time.sleep, breaker=None
    ):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError(timeout)
        self._transport, self._attempts, self._backoff, self._max_delay = transport, attempts, backoff, max_delay
        self._timeout, self._sleep, self._breaker = timeout, sleep, breaker
        self._request_hooks, self._response_hooks = [], []

    def add_request_hook(self, hook):
        self._request_hooks.append(hook)

    def add_response_hook(self, hook):
        self._response_hooks.append(hook)

    def request(self, method, url, headers=None):
        method = method.upper()
        sends = self._attempts if method in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"} else 1
        for attempt in range(sends):
            last = attempt == sends - 1
            request = Request(
                method, url, headers if headers is not None else {}, self._timeout
            )  # the caller's dict itself
            for hook in self._request_hooks:  # the hooks run again for every attempt
                request = hook(request)
            try:
                response = (
                    self._transport(request) if self._breaker is None else self._breaker.call(self._transport, request)
                )
            except (ConnectionError, TimeoutError):
                if last:
                    raise
                self._sleep(self._delay(attempt, None))
                continue
            if response.status not in (429, 502, 503, 504) or last:
                for hook in self._response_hooks:
                    response = hook(response)
                return response
            self._sleep(self._delay(attempt, response))

    def _delay(self, attempt, response):
        delay = self._backoff * 2**attempt
        for name, value in response.headers.items() if response else ():
            if name.lower() == "retry-after" and value.isascii() and value.isdigit():
                delay = int(value)
        return min(self._max_delay, delay)

# %% course={"kind": "wrong", "id": "retry-after-ignored", "fails": ["t4"]}
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: dict
    timeout: float


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes = b""


class ResilientClient:
    def __init__(
        self, transport, *, attempts=3, backoff=0.5, max_delay=8.0, timeout=5.0, sleep=time.sleep, breaker=None
    ):
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ValueError(attempts)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError(timeout)
        self._transport, self._attempts, self._backoff, self._max_delay = transport, attempts, backoff, max_delay
        self._timeout, self._sleep, self._breaker = timeout, sleep, breaker
        self._request_hooks, self._response_hooks = [], []

    def add_request_hook(self, hook):
        self._request_hooks.append(hook)

    def add_response_hook(self, hook):
        self._response_hooks.append(hook)

    def request(self, method, url, headers=None):
        request = Request(method.upper(), url, dict(headers or {}), self._timeout)
        for hook in self._request_hooks:
            request = hook(request)
        sends = self._attempts if request.method in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"} else 1
        for attempt in range(sends):
            last = attempt == sends - 1
            try:
                response = (
                    self._transport(request) if self._breaker is None else self._breaker.call(self._transport, request)
                )
            except (ConnectionError, TimeoutError):
                if last:
                    raise
                self._sleep(min(self._max_delay, self._backoff * 2**attempt))
                continue
            if response.status not in (429, 502, 503, 504) or last:
                for hook in self._response_hooks:
                    response = hook(response)
                return response
            self._sleep(min(self._max_delay, self._backoff * 2**attempt))  # the server said how long to wait; ignored

# %% [markdown] course={"kind": "task", "id": "resilient-client-real", "item": "project-5-6-1", "points": 3}
# ### Put the client on a real network
#
# In a module `resilient.py`, give your `ResilientClient` a real transport and try it against a
# server that misbehaves on purpose:
#
# 1. A transport function built on `urllib.request` that turns a `Request` into a real HTTP call
#    with its `timeout`, returns a `Response` for every status (an `HTTPError` is a response, not an
#    exception), and turns `URLError` and `socket.timeout` into `ConnectionError` / `TimeoutError`.
# 2. A test server from `http.server` in a thread, on `127.0.0.1` port 0, that answers `503` with
#    `Retry-After: 1` to the first two requests of each path, sleeps 3 s on `/slow`, and answers
#    `200` otherwise. Stop it at the end of the script (`server.shutdown()`).
# 3. Two interceptors: one adds an `X-Request-Id` header, one logs the status and the time the
#    request took. Wrap the transport in your `CircuitBreaker` from this notebook.
#
# Paste the log of: a `GET` that succeeds on its third try, a `POST` that gets the `503` back, and
# enough requests to `/slow` with `timeout=1` that the breaker opens and the next call fails at
# once with `CircuitOpenError`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the transport maps HTTP errors to `Response`s and network failures to
#   `ConnectionError`/`TimeoutError`, and passes the timeout to `urlopen`.
# - 1 point: the server runs on port 0 in a thread and is shut down; the log shows the retried
#   `GET` (two waits of about 1 s, from `Retry-After`) and the `POST` sent once.
# - 1 point: the log shows the breaker opening after the slow calls and then failing fast without
#   a request reaching the server; interceptors do not repeat the retry or breaker logic.

# %% [markdown] course={"kind": "exercise", "id": "cloud-resource-factory", "item": "project-5-6-2"}
# ### Mini-project: a cloud resource factory with lifecycle management
#
# Provision buckets and virtual machines on any cloud through one interface, and never leak
# them. The pieces:
#
# - `Resource` (given): a mutable record with `provider`, `kind` (`"bucket"` or `"vm"`), `name`,
#   `region`, `spec` (a dict) and `state`.
# - An **abstract factory** per cloud with two methods, `bucket(name, versioning=False)` and
#   `vm(name, size)`, that return new `Resource`s in state `"planned"`. `AwsFactory(region)` is
#   given: read it. **Write `GcpFactory(region)`** the same way: provider `"gcp"`; a region looks
#   like `europe-west1` (lower-case letters, `-`, lower-case letters, then digits: the regular
#   expression `[a-z]+-[a-z]+[0-9]+`), else `ValueError`; a bucket's spec is
#   `{"versioning": versioning}`; a VM's spec is `{"machine_type": GcpFactory.SIZES[size]}`, and an
#   unknown size raises `ValueError`.
# - **Write `ResourceManager(factory)`**, which works with **any** factory of that interface (it
#   never asks which cloud it is) and manages the life of what it creates, following the given
#   table `LIFECYCLE` (per kind: `(state, action) -> new state`; a bucket can only be deleted):
#
# | method | does |
# |---|---|
# | `create(kind, name, **spec)` | `kind` must be `"bucket"` or `"vm"` (else `ValueError`); a name already used by a live (not deleted) resource raises `ValueError`; builds the resource with the factory's method of that kind, sets its state to `"running"`, remembers it and returns it. If the factory raises, nothing is remembered |
# | `get(name)` | the live resource with that name; `KeyError` if there is none |
# | `stop(name)`, `start(name)`, `delete(name)` | move the live resource as `LIFECYCLE` says, else `LifecycleError` (given) and nothing changes; `KeyError` for an unknown or deleted name |
# | `live()` | the names of the live resources, in creation order |
# | `cleanup()` | deletes every live resource, **newest first** (a VM may use a bucket made before it), and returns the names it deleted in that order; a second call returns `[]` |
# | `with ResourceManager(factory) as rm:` | `__enter__` returns the manager; leaving the block calls `cleanup()`, also when the block raised, and the exception still reaches the caller |
#
# ```python
# with ResourceManager(GcpFactory("europe-west1")) as rm:
#     rm.create("bucket", "training-data", versioning=True)
#     rm.create("vm", "trainer-1", size="large")     # machine_type 'e2-standard-4'
#     rm.stop("trainer-1")
#     rm.live()                                     # ['training-data', 'trainer-1']
# # leaving the block deleted 'trainer-1', then 'training-data'
# ```

# %% [markdown] course={"kind": "hint"}
# `GcpFactory` is `AwsFactory` with other names: copy its shape, not its tables. In the manager,
# `getattr(self.factory, kind)(name, **spec)` calls the right factory method once `kind` has been
# checked against `("bucket", "vm")`; keep the created resources in a list (creation order).

# %% [markdown] course={"kind": "hint"}
# For the lifecycle, look up `LIFECYCLE[resource.kind].get((resource.state, action))`: `None`
# means the move is not allowed. `cleanup` walks `reversed(self._resources)` and deletes those
# not yet deleted. `__exit__(self, *exc_info)` calls `cleanup()` and returns `None`, which lets
# the exception go on.

# %% course={"kind": "solution"}
import re
from dataclasses import dataclass


@dataclass
class Resource:
    provider: str
    kind: str
    name: str
    region: str
    spec: dict
    state: str = "planned"


class LifecycleError(ValueError):
    """A lifecycle action the resource's kind or state does not allow."""


LIFECYCLE = {
    "vm": {
        ("running", "stop"): "stopped",
        ("stopped", "start"): "running",
        ("running", "delete"): "deleted",
        ("stopped", "delete"): "deleted",
    },
    "bucket": {("running", "delete"): "deleted"},
}


class AwsFactory:
    """Given: the AWS family of resources."""

    provider = "aws"
    SIZES = {"small": "t3.small", "medium": "t3.medium", "large": "t3.large"}

    def __init__(self, region: str) -> None:
        if not re.fullmatch(r"[a-z]{2}-[a-z]+-[0-9]+", region):  # simplified: the common shape only
            raise ValueError(f"not an AWS region: {region!r} (like eu-west-1)")
        self.region = region

    def bucket(self, name: str, versioning: bool = False) -> Resource:
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name: str, size: str) -> Resource:
        if size not in self.SIZES:
            raise ValueError(f"unknown size {size!r}; sizes: {sorted(self.SIZES)}")
        return Resource(self.provider, "vm", name, self.region, {"instance_type": self.SIZES[size]})


class GcpFactory:
    """The GCP family of resources."""

    provider = "gcp"
    SIZES = {"small": "e2-small", "medium": "e2-medium", "large": "e2-standard-4"}

    def __init__(self, region: str) -> None:
        ### BEGIN SOLUTION
        if not re.fullmatch(r"[a-z]+-[a-z]+[0-9]+", region):
            raise ValueError(f"not a GCP region: {region!r} (like europe-west1)")
        self.region = region
        ### END SOLUTION

    def bucket(self, name: str, versioning: bool = False) -> Resource:
        ### BEGIN SOLUTION
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})
        ### END SOLUTION

    def vm(self, name: str, size: str) -> Resource:
        ### BEGIN SOLUTION
        if size not in self.SIZES:
            raise ValueError(f"unknown size {size!r}; sizes: {sorted(self.SIZES)}")
        return Resource(self.provider, "vm", name, self.region, {"machine_type": self.SIZES[size]})
        ### END SOLUTION


class ResourceManager:
    """Creates resources through any factory and manages their lifecycle."""

    def __init__(self, factory) -> None:
        ### BEGIN SOLUTION
        self.factory = factory
        self._resources: list[Resource] = []
        ### END SOLUTION

    def create(self, kind: str, name: str, **spec) -> Resource:
        ### BEGIN SOLUTION
        if kind not in ("bucket", "vm"):
            raise ValueError(f"kind must be 'bucket' or 'vm', got {kind!r}")
        if name in self.live():
            raise ValueError(f"a live resource is already named {name!r}")
        resource = getattr(self.factory, kind)(name, **spec)
        resource.state = "running"
        self._resources.append(resource)
        return resource
        ### END SOLUTION

    def get(self, name: str) -> Resource:
        ### BEGIN SOLUTION
        for resource in self._resources:
            if resource.name == name and resource.state != "deleted":
                return resource
        raise KeyError(name)
        ### END SOLUTION

    def stop(self, name: str) -> None:
        ### BEGIN SOLUTION
        self._move(name, "stop")
        ### END SOLUTION

    def start(self, name: str) -> None:
        ### BEGIN SOLUTION
        self._move(name, "start")
        ### END SOLUTION

    def delete(self, name: str) -> None:
        ### BEGIN SOLUTION
        self._move(name, "delete")
        ### END SOLUTION

    def live(self) -> list[str]:
        ### BEGIN SOLUTION
        return [r.name for r in self._resources if r.state != "deleted"]
        ### END SOLUTION

    def cleanup(self) -> list[str]:
        ### BEGIN SOLUTION
        deleted = []
        for resource in reversed(self._resources):
            if resource.state != "deleted":
                resource.state = "deleted"
                deleted.append(resource.name)
        return deleted
        ### END SOLUTION

    def __enter__(self) -> "ResourceManager":
        ### BEGIN SOLUTION
        return self
        ### END SOLUTION

    def __exit__(self, *exc_info) -> None:
        ### BEGIN SOLUTION
        self.cleanup()
        ### END SOLUTION

    def _move(self, name: str, action: str) -> None:
        ### BEGIN SOLUTION
        resource = self.get(name)
        new_state = LIFECYCLE[resource.kind].get((resource.state, action))
        if new_state is None:
            raise LifecycleError(f"cannot {action} {resource.kind} {name!r} while it is {resource.state}")
        resource.state = new_state
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
gcp = GcpFactory("europe-west1")
bucket = gcp.bucket("training-data", versioning=True)
assert bucket == Resource("gcp", "bucket", "training-data", "europe-west1", {"versioning": True}, "planned"), (
    f"got {bucket!r}"
)
assert gcp.bucket("logs") == Resource("gcp", "bucket", "logs", "europe-west1", {"versioning": False}), (
    "versioning defaults to False"
)
vms = [gcp.vm(f"vm-{size}", size) for size in ("small", "medium", "large")]
assert [vm.spec for vm in vms] == [
    {"machine_type": "e2-small"},
    {"machine_type": "e2-medium"},
    {"machine_type": "e2-standard-4"},
]
assert all(
    vm.provider == "gcp" and vm.kind == "vm" and vm.state == "planned" and vm.region == "europe-west1" for vm in vms
)
assert gcp.bucket("a") is not gcp.bucket("a"), "every call makes a new resource"
for bad in ("eu-west-1", "Europe-west1", "europe-west", "europe_west1", "", "us-central1 "):
    try:
        GcpFactory(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not a GCP region: ValueError")
assert (
    GcpFactory("us-central1").region == "us-central1"
    and GcpFactory("asia-northeast12").vm("x", "small").region == "asia-northeast12"
)
try:
    gcp.vm("huge-1", "xlarge")
except ValueError:
    pass
else:
    raise AssertionError("an unknown size raises ValueError")

# %% course={"kind": "test", "points": 2}
for factory in (AwsFactory("eu-west-1"), GcpFactory("europe-west1")):
    rm = ResourceManager(factory)
    data = rm.create("bucket", "training-data", versioning=True)
    vm = rm.create("vm", "trainer-1", size="large")
    assert data.state == "running" and vm.state == "running", "create() leaves the resource running"
    assert data.provider == factory.provider and vm.spec == factory.vm("x", "large").spec, "the factory built them"
    assert rm.get("trainer-1") is vm and rm.live() == ["training-data", "trainer-1"], (
        "get() and live(), in creation order"
    )
    rm.stop("trainer-1")
    assert vm.state == "stopped"
    rm.start("trainer-1")
    assert vm.state == "running"
    rm.stop("trainer-1")
    rm.delete("trainer-1")
    assert vm.state == "deleted" and rm.live() == ["training-data"], "a deleted resource is not live"
    rm.delete("training-data")
    assert rm.live() == []


class RecordingFactory:
    """A cloud the manager has never heard of."""

    provider = "test"

    def __init__(self) -> None:
        self.made: list = []

    def bucket(self, name, versioning=False):
        self.made.append(("bucket", name))
        return Resource("test", "bucket", name, "lab", {"versioning": versioning})

    def vm(self, name, size):
        self.made.append(("vm", name, size))
        return Resource("test", "vm", name, "lab", {"size": size})


recording = RecordingFactory()
rm = ResourceManager(recording)
rm.create("vm", "gpu-1", size="a100")
assert recording.made == [("vm", "gpu-1", "a100")] and rm.get("gpu-1").spec == {"size": "a100"}, "any factory works"

# %% course={"kind": "test", "points": 2}
rm = ResourceManager(GcpFactory("europe-west1"))
rm.create("bucket", "data")
rm.create("vm", "web-1", size="small")


def raises(error, call, *args, **kwargs) -> bool:
    try:
        call(*args, **kwargs)
    except error:
        return True
    return False


assert raises(LifecycleError, rm.stop, "data"), "a bucket cannot be stopped"
assert raises(LifecycleError, rm.start, "web-1"), "a running VM cannot be started"
rm.stop("web-1")
assert raises(LifecycleError, rm.stop, "web-1"), "a stopped VM cannot be stopped again"
assert rm.get("web-1").state == "stopped" and rm.get("data").state == "running", "refused moves change nothing"
assert issubclass(LifecycleError, ValueError)
for call in (rm.get, rm.stop, rm.start, rm.delete):
    assert raises(KeyError, call, "nope"), f"{call.__name__}() of an unknown name raises KeyError"
rm.delete("data")
assert raises(KeyError, rm.get, "data") and raises(KeyError, rm.delete, "data"), "a deleted resource is gone"
assert raises(ValueError, rm.create, "vm", "web-1", size="small"), "the name of a live resource is taken"
again = rm.create("bucket", "data")
assert rm.get("data") is again and rm.live() == ["web-1", "data"], "a deleted resource's name can be used again"
for kind in ("queue", "__init__", "VM", ""):
    assert raises(ValueError, rm.create, kind, "x"), f"kind {kind!r} is refused"
assert raises(ValueError, rm.create, "vm", "big-1", size="xlarge"), "the factory's error reaches the caller"
assert rm.live() == ["web-1", "data"], "a refused create remembers nothing"

# %% course={"kind": "test", "points": 2}
rm = ResourceManager(AwsFactory("us-east-1"))
made = [
    rm.create("bucket", "artifacts"),
    rm.create("vm", "builder", size="medium"),
    rm.create("vm", "runner", size="small"),
]
rm.stop("runner")
assert rm.cleanup() == ["runner", "builder", "artifacts"], "cleanup deletes newest first and returns the names"
assert all(r.state == "deleted" for r in made) and rm.live() == []
assert rm.cleanup() == [], "a second cleanup has nothing to do"
rm.create("bucket", "a")
rm.create("bucket", "b")
rm.delete("a")
assert rm.cleanup() == ["b"], "already deleted resources are skipped"

# %% course={"kind": "test", "points": 2}
with ResourceManager(GcpFactory("europe-west1")) as rm:
    assert type(rm) is ResourceManager, "__enter__ returns the manager"
    data = rm.create("bucket", "training-data", versioning=True)
    trainer = rm.create("vm", "trainer-1", size="large")
assert data.state == trainer.state == "deleted", "leaving the block cleans up"
rm2 = ResourceManager(GcpFactory("europe-west1"))
try:
    with rm2:
        kept = rm2.create("vm", "job-1", size="small")
        raise RuntimeError("training crashed")
except RuntimeError as err:
    assert str(err) == "training crashed", "the block's own exception reaches the caller"
else:
    raise AssertionError("__exit__ must not swallow the exception")
assert kept.state == "deleted" and rm2.live() == [], "resources are cleaned up even when the block raised"

# %% course={"kind": "wrong", "id": "cleanup-oldest-first", "fails": ["t4"]}
import re
from dataclasses import dataclass


@dataclass
class Resource:
    provider: str
    kind: str
    name: str
    region: str
    spec: dict
    state: str = "planned"


class LifecycleError(ValueError):
    pass


LIFECYCLE = {
    "vm": {
        ("running", "stop"): "stopped",
        ("stopped", "start"): "running",
        ("running", "delete"): "deleted",
        ("stopped", "delete"): "deleted",
    },
    "bucket": {("running", "delete"): "deleted"},
}


class AwsFactory:
    provider, SIZES = "aws", {"small": "t3.small", "medium": "t3.medium", "large": "t3.large"}

    def __init__(self, region):
        if not re.fullmatch(r"[a-z]{2}-[a-z]+-[0-9]+", region):
            raise ValueError(region)
        self.region = region

    def bucket(self, name, versioning=False):
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name, size):
        if size not in self.SIZES:
            raise ValueError(size)
        return Resource(self.provider, "vm", name, self.region, {"instance_type": self.SIZES[size]})


class GcpFactory:
    provider, SIZES = "gcp", {"small": "e2-small", "medium": "e2-medium", "large": "e2-standard-4"}

    def __init__(self, region):
        if not re.fullmatch(r"[a-z]+-[a-z]+[0-9]+", region):
            raise ValueError(region)
        self.region = region

    def bucket(self, name, versioning=False):
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name, size):
        if size not in self.SIZES:
            raise ValueError(size)
        return Resource(self.provider, "vm", name, self.region, {"machine_type": self.SIZES[size]})


class ResourceManager:
    def __init__(self, factory):
        self.factory, self._resources = factory, []

    def create(self, kind, name, **spec):
        if kind not in ("bucket", "vm") or name in self.live():
            raise ValueError((kind, name))
        resource = getattr(self.factory, kind)(name, **spec)
        resource.state = "running"
        self._resources.append(resource)
        return resource

    def get(self, name):
        for resource in self._resources:
            if resource.name == name and resource.state != "deleted":
                return resource
        raise KeyError(name)

    def stop(self, name):
        self._move(name, "stop")

    def start(self, name):
        self._move(name, "start")

    def delete(self, name):
        self._move(name, "delete")

    def live(self):
        return [r.name for r in self._resources if r.state != "deleted"]

    def cleanup(self):
        deleted = []
        for resource in self._resources:  # oldest first: the bucket goes before the VM that uses it
            if resource.state != "deleted":
                resource.state = "deleted"
                deleted.append(resource.name)
        return deleted

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cleanup()

    def _move(self, name, action):
        resource = self.get(name)
        new_state = LIFECYCLE[resource.kind].get((resource.state, action))
        if new_state is None:
            raise LifecycleError(action)
        resource.state = new_state

# %% course={"kind": "wrong", "id": "exit-swallows", "fails": ["t5"]}
import re
from dataclasses import dataclass


@dataclass
class Resource:
    provider: str
    kind: str
    name: str
    region: str
    spec: dict
    state: str = "planned"


class LifecycleError(ValueError):
    pass


LIFECYCLE = {
    "vm": {
        ("running", "stop"): "stopped",
        ("stopped", "start"): "running",
        ("running", "delete"): "deleted",
        ("stopped", "delete"): "deleted",
    },
    "bucket": {("running", "delete"): "deleted"},
}


class AwsFactory:
    provider, SIZES = "aws", {"small": "t3.small", "medium": "t3.medium", "large": "t3.large"}

    def __init__(self, region):
        if not re.fullmatch(r"[a-z]{2}-[a-z]+-[0-9]+", region):
            raise ValueError(region)
        self.region = region

    def bucket(self, name, versioning=False):
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name, size):
        if size not in self.SIZES:
            raise ValueError(size)
        return Resource(self.provider, "vm", name, self.region, {"instance_type": self.SIZES[size]})


class GcpFactory:
    provider, SIZES = "gcp", {"small": "e2-small", "medium": "e2-medium", "large": "e2-standard-4"}

    def __init__(self, region):
        if not re.fullmatch(r"[a-z]+-[a-z]+[0-9]+", region):
            raise ValueError(region)
        self.region = region

    def bucket(self, name, versioning=False):
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name, size):
        if size not in self.SIZES:
            raise ValueError(size)
        return Resource(self.provider, "vm", name, self.region, {"machine_type": self.SIZES[size]})


class ResourceManager:
    def __init__(self, factory):
        self.factory, self._resources = factory, []

    def create(self, kind, name, **spec):
        if kind not in ("bucket", "vm") or name in self.live():
            raise ValueError((kind, name))
        resource = getattr(self.factory, kind)(name, **spec)
        resource.state = "running"
        self._resources.append(resource)
        return resource

    def get(self, name):
        for resource in self._resources:
            if resource.name == name and resource.state != "deleted":
                return resource
        raise KeyError(name)

    def stop(self, name):
        self._move(name, "stop")

    def start(self, name):
        self._move(name, "start")

    def delete(self, name):
        self._move(name, "delete")

    def live(self):
        return [r.name for r in self._resources if r.state != "deleted"]

    def cleanup(self):
        deleted = []
        for resource in reversed(self._resources):
            if resource.state != "deleted":
                resource.state = "deleted"
                deleted.append(resource.name)
        return deleted

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cleanup()
        return True  # "handled": the crash disappears

    def _move(self, name, action):
        resource = self.get(name)
        new_state = LIFECYCLE[resource.kind].get((resource.state, action))
        if new_state is None:
            raise LifecycleError(action)
        resource.state = new_state

# %% course={"kind": "wrong", "id": "provider-if-else", "fails": ["t2"]}
import re
from dataclasses import dataclass


@dataclass
class Resource:
    provider: str
    kind: str
    name: str
    region: str
    spec: dict
    state: str = "planned"


class LifecycleError(ValueError):
    pass


LIFECYCLE = {
    "vm": {
        ("running", "stop"): "stopped",
        ("stopped", "start"): "running",
        ("running", "delete"): "deleted",
        ("stopped", "delete"): "deleted",
    },
    "bucket": {("running", "delete"): "deleted"},
}


class AwsFactory:
    provider, SIZES = "aws", {"small": "t3.small", "medium": "t3.medium", "large": "t3.large"}

    def __init__(self, region):
        if not re.fullmatch(r"[a-z]{2}-[a-z]+-[0-9]+", region):
            raise ValueError(region)
        self.region = region

    def bucket(self, name, versioning=False):
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name, size):
        if size not in self.SIZES:
            raise ValueError(size)
        return Resource(self.provider, "vm", name, self.region, {"instance_type": self.SIZES[size]})


class GcpFactory:
    provider, SIZES = "gcp", {"small": "e2-small", "medium": "e2-medium", "large": "e2-standard-4"}

    def __init__(self, region):
        if not re.fullmatch(r"[a-z]+-[a-z]+[0-9]+", region):
            raise ValueError(region)
        self.region = region

    def bucket(self, name, versioning=False):
        return Resource(self.provider, "bucket", name, self.region, {"versioning": versioning})

    def vm(self, name, size):
        if size not in self.SIZES:
            raise ValueError(size)
        return Resource(self.provider, "vm", name, self.region, {"machine_type": self.SIZES[size]})


class ResourceManager:
    def __init__(self, factory):
        self.factory, self._resources = factory, []

    def create(self, kind, name, **spec):
        if kind not in ("bucket", "vm") or name in self.live():
            raise ValueError((kind, name))
        if self.factory.provider == "aws":  # the manager knows the clouds: a third one needs an edit here
            resource = (
                AwsFactory(self.factory.region).bucket(name, **spec)
                if kind == "bucket"
                else AwsFactory(self.factory.region).vm(name, **spec)
            )
        elif self.factory.provider == "gcp":
            resource = (
                GcpFactory(self.factory.region).bucket(name, **spec)
                if kind == "bucket"
                else GcpFactory(self.factory.region).vm(name, **spec)
            )
        else:
            raise ValueError(f"unknown provider {self.factory.provider}")
        resource.state = "running"
        self._resources.append(resource)
        return resource

    def get(self, name):
        for resource in self._resources:
            if resource.name == name and resource.state != "deleted":
                return resource
        raise KeyError(name)

    def stop(self, name):
        self._move(name, "stop")

    def start(self, name):
        self._move(name, "start")

    def delete(self, name):
        self._move(name, "delete")

    def live(self):
        return [r.name for r in self._resources if r.state != "deleted"]

    def cleanup(self):
        deleted = []
        for resource in reversed(self._resources):
            if resource.state != "deleted":
                resource.state = "deleted"
                deleted.append(resource.name)
        return deleted

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cleanup()

    def _move(self, name, action):
        resource = self.get(name)
        new_state = LIFECYCLE[resource.kind].get((resource.state, action))
        if new_state is None:
            raise LifecycleError(action)
        resource.state = new_state

# %% [markdown] course={"kind": "task", "id": "cloud-factory-azure", "item": "project-5-6-2", "points": 3}
# ### A third cloud, and a plan before you apply
#
# Extend the resource factory in a module `cloudfactory.py`:
#
# 1. `AzureFactory(region)`: regions like `westeurope` or `eastus` (lower-case letters and digits),
#    VM sizes `Standard_B1s`, `Standard_B2s`, `Standard_B4ms` for small, medium and large. Add it
#    without changing `ResourceManager`, and show that the same script provisions on all three
#    clouds by changing one command-line option (`--cloud aws|gcp|azure`), chosen through a
#    registry of factories, not an `if` chain.
# 2. A **dry run**: `ResourceManager.plan(specs)` takes a list of `(kind, name, spec)` and returns
#    the lines that `create` would do (`+ vm trainer-1 (gcp, europe-west1, e2-standard-4)`),
#    using the factory but changing nothing; refuse the whole plan if any line would fail.
#
# Paste the plan and the applied output for one set of specs on two clouds, and the error for a
# plan with an unknown size.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `AzureFactory` has the same two methods and validation style; `ResourceManager` is
#   unchanged (diff shown or stated), and the cloud is picked from a registry.
# - 1 point: `plan()` builds resources through the factory without remembering them, and a bad
#   line refuses the whole plan with a message naming the line.
# - 1 point: the pasted outputs show the same specs planned and applied on two clouds, with the
#   provider-specific machine types.

# %% [markdown] course={"kind": "answer", "question": "q-what-design-patterns-have-you-used"}
# Name patterns with the problem they solved, not as a list. For example: an **adapter** put two
# storage SDKs (S3 and GCS) behind one `put`/`get`/`keys` interface, so the ML pipeline never
# imports a cloud SDK and tests use an in-memory store. A **registry of strategies** picked the
# rollout (rolling, canary, blue-green) from the deploy config, and adding one meant registering a
# class, not editing the deployer. **Retry with backoff** and a **circuit breaker** wrapped calls
# to a flaky internal API. An **observer**-style event bus sent deploy events to Slack, metrics and
# the audit log. A **context manager** (unit of work) made a two-step database change commit or
# roll back as one. Then say what you avoided: no singletons; configuration is built once and
# passed in.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-the-factory-pattern"}
# When the code that *uses* an object should not decide *which class* it is or *how to build it*:
# the choice comes from configuration or input (`storage: s3://models`, `--cloud gcp`), building it
# takes work worth hiding (credentials, retries, regions), or the set of choices grows (plugins
# register themselves). The factory keeps that decision in one place instead of an `if`/`elif`
# chain repeated across the code. Use an **abstract factory** when several objects must come from
# the same family (all AWS or all GCP). In Python a factory is usually a function or a dict from
# name to class; do not build one while there is only one class to create.

# %% [markdown] course={"kind": "answer", "question": "q-explain-the-circuit-breaker-pattern"}
# A circuit breaker wraps calls to a dependency and tracks failures. **Closed**: calls go through;
# consecutive failures are counted and a success resets the count. After N failures in a row it
# **opens**: calls fail immediately (no network call, no waiting on timeouts) for a reset timeout.
# Then it is **half-open**: one trial call goes through; success closes the circuit, failure opens
# it again for another timeout. It protects the caller (threads and latency are not spent on a dead
# service) and the dependency (it gets room to recover instead of a retry storm). It pairs with
# retries (each attempt goes through the breaker, and its "circuit open" error is never retried, so
# retrying stops the moment the circuit opens), timeouts, and a fallback answer; export its state
# as a metric so an open circuit is visible on a dashboard.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-singleton-in-python"}
# The simplest singleton in Python is a **module**: it is imported once, so a module-level object
# (`settings = load_settings()`) is shared by every importer. `functools.cache` on a factory
# function gives "create on first use, then reuse". Overriding `__new__` to always return one
# instance works but has traps: `__init__` still runs on every call and can reset the state, and
# subclasses share or break it. Usually you **should not**: a singleton is global state that tests
# leak through and that hides dependencies. Create the object once in `main()` and pass it to what
# needs it (dependency injection); "exactly one" then becomes a decision of the program, not a
# restriction of the class.

# %% course={"kind": "trap", "trap": "trap-patterns-are-not-always-needed-don-t"}
# A "pattern" version of choosing how to sort hosts: an abstract strategy, two classes, a factory...
from abc import ABC, abstractmethod


class SortStrategy(ABC):
    @abstractmethod
    def key(self, host: dict): ...


class ByLoad(SortStrategy):
    def key(self, host: dict):
        return host["load"]


class ByName(SortStrategy):
    def key(self, host: dict):
        return host["name"]


class SortStrategyFactory:
    def create(self, name: str) -> SortStrategy:
        return {"load": ByLoad, "name": ByName}[name]()


hosts = [{"name": "web-2", "load": 0.7}, {"name": "web-1", "load": 0.2}, {"name": "web-3", "load": 0.4}]
heavy = sorted(hosts, key=SortStrategyFactory().create("load").key)

# ...and what Python already offers: a function is a strategy, a dict is a factory.
SORT_KEYS = {"load": lambda h: h["load"], "name": lambda h: h["name"]}
light = sorted(hosts, key=SORT_KEYS["load"])
print("same order:", heavy == light, [h["name"] for h in light])
print("classes written for the pattern version: 4; for the plain version: 0")

# %% course={"kind": "trap", "trap": "trap-singleton-in-python-is-often-an-anti"}
# A singleton holds state for the whole process, so one test's changes leak into the next.
class FeatureFlags:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.flags = {"new-ui": False}
        return cls._instance


def test_new_ui_can_be_enabled() -> bool:
    FeatureFlags().flags["new-ui"] = True
    return FeatureFlags().flags["new-ui"] is True


def test_new_ui_is_off_by_default() -> bool:
    return FeatureFlags().flags["new-ui"] is False


for order in (
    [test_new_ui_is_off_by_default, test_new_ui_can_be_enabled],
    [test_new_ui_can_be_enabled, test_new_ui_is_off_by_default],
):
    FeatureFlags._instance = None  # a fresh process, as if the test run started again
    results = {test.__name__: ("pass" if test() else "FAIL") for test in order}
    print("run in this order:", results)
print("-> the same tests pass or fail depending on their order")


# The fix: an ordinary class, created once by the program and passed in; every test makes its own.
class Flags:
    def __init__(self) -> None:
        self.flags = {"new-ui": False}


def is_new_ui(flags: Flags) -> bool:
    return flags.flags["new-ui"]


enabled = Flags()
enabled.flags["new-ui"] = True
print("with injected objects:", is_new_ui(enabled), is_new_ui(Flags()), "<- no shared state")

# %% course={"kind": "trap", "trap": "trap-pattern-names-vary-across-languages"}
# The same ideas go by other names, or by no name at all, in Python.
import functools

# "Iterator" (GoF): in Python, any generator.
pages = (f"page-{n}" for n in range(1, 4))
print("Iterator   -> a generator:", next(pages), next(pages))

# "Strategy": in Python usually just a function passed in (key=, retry policy, serializer).
print("Strategy   -> key= function:", sorted(["b", "A", "c"], key=str.lower))

# "Command": an operation as an object; functools.partial is one (without undo).
restart = functools.partial(print, "   restarting", "web-1")
restart()


# "Decorator" means two things: the GoF pattern (an object wrapping an object with the same
# interface) and Python's @ syntax (a function wrapping a function). @functools.cache is the @
# kind, and in GoF terms it is a caching *Proxy*.
@functools.cache
def resolve(host: str) -> str:
    print("   looking up", host)
    return "10.0.0.5"


resolve("db-1")
resolve("db-1")
print("@cache      -> a 'decorator' in Python, a caching proxy in GoF terms; hits:", resolve.cache_info().hits)
print("Observer    -> also called signals (Django, blinker), hooks, callbacks, event emitters (Node.js)")
