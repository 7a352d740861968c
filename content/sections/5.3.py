# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can build class hierarchies that reuse code instead of copying
# it, make `super()` chains that run every `__init__` exactly once, read an MRO the way Python computes
# it, enforce an interface with an abstract base class, and tell when composition is the better design.

# %% course={"kind": "setup", "id": "meters"}
# count_steps(f, *args, limit=...) counts the Python lines a call runs: some tests use it to check
# how much work your code does, never how long it takes.
from course.runtime.meters import count_steps

# %% course={"kind": "setup", "id": "fake-s3"}
# A small in-memory stand-in for a boto3 S3 client, used by the storage exercises. It copies the
# shapes of the four calls they need (checked against moto 5 and boto3 1.43): put_object,
# get_object (a missing key raises client.exceptions.NoSuchKey), delete_object (a missing key is
# NOT an error, as on real S3) and list_objects_v2 (pages of at most MaxKeys keys, "Contents"
# left out when a page is empty, IsTruncated + NextContinuationToken for the next page).
# It has no bucket policies, versions, metadata, network errors or real HTTP: section 13.6
# meets a real S3 emulator.
import io as _io


class _FakeS3Errors:
    class NoSuchKey(Exception):
        """What get_object raises for a key that is not in the bucket."""


class FakeS3Client:
    exceptions = _FakeS3Errors

    def __init__(self, page_size: int = 1000) -> None:
        self.page_size = page_size  # real S3 returns at most 1000 keys per list call
        self.buckets: dict[str, dict[str, bytes]] = {}
        self.calls: list[str] = []  # the names of the calls made, in order

    def _bucket(self, name: str) -> dict[str, bytes]:
        return self.buckets.setdefault(name, {})

    def put_object(self, *, Bucket: str, Key: str, Body: bytes) -> dict:
        self.calls.append("put_object")
        if not isinstance(Body, bytes):
            raise TypeError(f"Body must be bytes, got {type(Body).__name__}")
        self._bucket(Bucket)[Key] = Body
        return {"ETag": f'"{hash(Body) & 0xFFFF:x}"'}

    def get_object(self, *, Bucket: str, Key: str) -> dict:
        self.calls.append("get_object")
        objects = self._bucket(Bucket)
        if Key not in objects:
            raise self.exceptions.NoSuchKey(f"NoSuchKey: {Key}")
        return {"Body": _io.BytesIO(objects[Key]), "ContentLength": len(objects[Key])}

    def delete_object(self, *, Bucket: str, Key: str) -> dict:
        self.calls.append("delete_object")
        self._bucket(Bucket).pop(Key, None)
        return {}

    def list_objects_v2(self, *, Bucket: str, Prefix: str = "", MaxKeys: int = 1000, ContinuationToken: str = "") -> dict:
        self.calls.append("list_objects_v2")
        keys = sorted(k for k in self._bucket(Bucket) if k.startswith(Prefix))
        start = int(ContinuationToken or 0)
        size = min(MaxKeys, self.page_size)
        page = keys[start : start + size]
        reply: dict = {"KeyCount": len(page), "IsTruncated": start + size < len(keys)}
        if page:
            reply["Contents"] = [{"Key": k, "Size": len(self._bucket(Bucket)[k])} for k in page]
        if reply["IsTruncated"]:
            reply["NextContinuationToken"] = str(start + size)
        return reply

# %% course={"kind": "setup", "id": "fake-gcs"}
# The same kind of stand-in for a google-cloud-storage client (the storage mini-project uses it),
# with the calls' shapes checked against google-cloud-storage 3 and gcp-storage-emulator:
# client.bucket(name).blob(key) gives a blob with upload_from_string(data), download_as_bytes()
# and delete(), both of which raise NotFound for a missing object (the real class is
# google.api_core.exceptions.NotFound; here it is GcsNotFound); client.list_blobs(bucket, prefix=...)
# yields blobs (each with .name) in name order, fetching the pages for you.


class GcsNotFound(Exception):
    """What a missing object raises (google.api_core.exceptions.NotFound in the real library)."""


class FakeBlob:
    def __init__(self, store: dict[str, bytes], name: str) -> None:
        self._store = store
        self.name = name

    def upload_from_string(self, data: bytes) -> None:
        self._store[self.name] = bytes(data)

    def download_as_bytes(self) -> bytes:
        if self.name not in self._store:
            raise GcsNotFound(f"404 No such object: {self.name}")
        return self._store[self.name]

    def delete(self) -> None:
        if self._store.pop(self.name, None) is None:
            raise GcsNotFound(f"404 No such object: {self.name}")


class FakeBucket:
    def __init__(self, store: dict[str, bytes], name: str) -> None:
        self._store = store
        self.name = name

    def blob(self, name: str) -> FakeBlob:
        return FakeBlob(self._store, name)


class FakeGCSClient:
    def __init__(self) -> None:
        self.buckets: dict[str, dict[str, bytes]] = {}

    def bucket(self, name: str) -> FakeBucket:
        return FakeBucket(self.buckets.setdefault(name, {}), name)

    def list_blobs(self, bucket_or_name, prefix: str | None = None):
        name = getattr(bucket_or_name, "name", bucket_or_name)
        store = self.buckets.setdefault(name, {})
        return iter([FakeBlob(store, key) for key in sorted(store) if key.startswith(prefix or "")])

# %% [markdown] course={"kind": "lesson", "id": "inheritance-basics", "covers": ["c-inheritance-basics", "c-parent-base-class", "c-child-derived-class", "c-class-child-parent-syntax", "c-attribute-inheritance"]}
# ### Inheritance: a child class starts from its parent
#
# `class SmsNotifier(Notifier):` makes `SmsNotifier` a **child** (derived class, subclass) of the
# **parent** `Notifier` (base class, superclass). The child starts with everything the parent has:
# its methods, its class attributes, and, because the parent's `__init__` is inherited too, the
# instance attributes that `__init__` sets. The child then adds or changes only what differs.
#
# Nothing is copied. When you read `sms.send`, Python looks in the instance's own `__dict__`, then
# in `SmsNotifier`, then in `Notifier`, then in `object`, and stops at the first hit (the exception:
# a `property` on the class wins over an entry of the same name in the instance's `__dict__`). That search
# path through the classes is the class's `__mro__`. So a fix to `Notifier.send` reaches every child at once, which is
# the whole point: in a plugin system or a family of notifiers, shared behaviour lives in one place.
#
# The one thing people get wrong: they think of a child as a *copy* of the parent. It is a
# *lookup chain*: `vars(SmsNotifier)` holds only what the child itself defines.

# %% course={"kind": "demo"}
class Notifier:
    """What every notifier shares."""

    channel = "generic"  # class attributes: shared defaults, inherited
    max_length = 60

    def __init__(self, target: str) -> None:
        self.target = target  # instance attributes, set by the parent's __init__
        self.sent: list[str] = []

    def format(self, message: str) -> str:
        return message[: self.max_length]

    def send(self, message: str) -> str:
        text = self.format(message)
        self.sent.append(text)
        return f"[{self.channel}] {self.target}: {text}"


class EmailNotifier(Notifier):
    channel = "email"


class SmsNotifier(Notifier):
    channel = "sms"
    max_length = 20  # a child changes a default by shadowing the class attribute


sms = SmsNotifier("+44 7700 900123")
print(sms.send("disk /var at 91% on web-3, please look"))
print(EmailNotifier("ops@example.com").send("disk /var at 91% on web-3, please look"))
print("SmsNotifier defines itself:", sorted(k for k in vars(SmsNotifier) if not k.startswith("__")))
print("the instance holds        :", vars(sms))
print("send is the parent's own  :", SmsNotifier.send is Notifier.send)
print("lookup order (__mro__)    :", [cls.__name__ for cls in SmsNotifier.__mro__])

# %% [markdown] course={"kind": "lesson", "id": "overriding", "covers": ["c-method-overriding"]}
# ### Overriding: the child's method wins
#
# A child **overrides** a method by defining one with the same name: lookup finds the child's first.
# The useful consequence is that code in the *parent* that calls `self.format(...)` runs the
# *child's* `format`, because `self` is the child instance. A base class can therefore fix the
# steps of an operation (`send`: format, record, deliver) and let each child change one step. This
# is the *template method* pattern, and it is how most framework base classes (a `logging.Handler`'s
# `emit`, a `unittest.TestCase`'s `setUp`) are meant to be extended.
#
# Keep the override's signature compatible with the parent's: callers that hold "some `Notifier`"
# call `format(message)` and nothing else. An override that needs an extra required argument breaks
# every one of them.

# %% course={"kind": "demo"}
class SlackNotifier(Notifier):
    channel = "slack"

    def format(self, message: str) -> str:  # overrides Notifier.format
        return f":rotating_light: *{message}*"


class BadSlackNotifier(Notifier):
    def format(self, message: str, emoji: str) -> str:  # a new required argument
        return f"{emoji} {message}"


slack = SlackNotifier("#ops")
print(slack.send("api p99 latency 2.3 s"))  # Notifier.send, calling SlackNotifier.format
try:
    BadSlackNotifier("#ops").send("api p99 latency 2.3 s")
except TypeError as err:
    print("TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "super", "covers": ["c-the-super-function", "c-calling-parent-methods", "c-cooperative-multiple-inheritance"]}
# ### `super()`: extend the parent's method instead of replacing it
#
# An override often wants the parent's behaviour *plus* a little more. `super().method(...)` calls
# the next class's version of `method`. The everyday case is `__init__`: a child that takes an extra
# argument must still let the parent set up its own attributes, or the inherited methods that rely on
# them fail later, far from the cause.
#
# `super()` does not mean "my parent". It means "the class after mine **in the MRO of the object
# I am working on**". With single inheritance that is the parent; with multiple inheritance it can
# be a sibling class the author of the method has never heard of. That is what makes
# **cooperative multiple inheritance** work: if every class in a hierarchy calls `super()` exactly
# once, and passes on the keyword arguments it does not use (`**kwargs`), every `__init__` runs
# once, in MRO order. One class that calls `Parent.__init__(self)` directly, or not at all, breaks
# the chain for everyone after it.

# %% course={"kind": "demo"}
class PagerNotifier(Notifier):
    channel = "pager"

    def __init__(self, target: str, escalate_after_min: int) -> None:
        super().__init__(target)  # the parent sets target and sent
        self.escalate_after_min = escalate_after_min

    def format(self, message: str) -> str:
        return "[P1] " + super().format(message)  # the parent's truncation, then our prefix


class ForgetfulPager(Notifier):
    def __init__(self, target: str, escalate_after_min: int) -> None:
        self.escalate_after_min = escalate_after_min  # no super().__init__: no target, no sent


print(PagerNotifier("oncall-db", 15).send("replica lag 900 s on db-2, primary still healthy"))
try:
    ForgetfulPager("oncall-db", 15).send("replica lag")
except AttributeError as err:
    print("AttributeError:", err)

# %% [markdown] course={"kind": "text"}
# Cooperative `__init__` methods each take what they need by keyword and pass the rest on. The
# trace below shows who runs, in which order, and that `super()` in `Retrying` reached `Metered`,
# a class `Retrying` does not inherit from:

# %% course={"kind": "demo"}
class Client:
    def __init__(self, *, url: str, **kwargs) -> None:
        print("  Client.__init__   url =", url)
        super().__init__(**kwargs)  # object.__init__ takes nothing: every keyword must be used by now
        self.url = url


class Retrying(Client):
    def __init__(self, *, retries: int = 3, **kwargs) -> None:
        print("  Retrying.__init__ retries =", retries, "-> next is", "Metered" if isinstance(self, Metered) else "Client")
        super().__init__(**kwargs)
        self.retries = retries


class Metered(Client):
    def __init__(self, *, metric: str, **kwargs) -> None:
        print("  Metered.__init__  metric =", metric)
        super().__init__(**kwargs)
        self.metric = metric


class ResilientClient(Retrying, Metered):
    pass


print("MRO:", [c.__name__ for c in ResilientClient.__mro__])
client = ResilientClient(url="https://api.internal", retries=5, metric="api_calls")
print(vars(client))

# %% [markdown] course={"kind": "lesson", "id": "multiple-inheritance", "covers": ["c-multiple-inheritance", "c-diamond-problem", "c-method-resolution-order-mro", "c-mro-attribute", "c-c3-linearization-algorithm"]}
# ### Multiple inheritance, the diamond, and the MRO
#
# A class may list several parents: `class ResilientClient(Retrying, Metered)`. Above, both parents
# share a grandparent, `Client`: the **diamond**. The "diamond problem" is the question of which
# version of a method wins when several paths lead to it, and how to avoid running the shared
# grandparent's code twice. Python answers it with one rule, the **method resolution order**: every
# class has a single list of its ancestors, `Cls.__mro__` (also `Cls.mro()`), and all lookups, and
# every `super()`, walk that list.
#
# Python builds the list with the **C3 linearization**. In words: the class comes first; then
# merge the MROs of the parents and the list of parents itself, repeatedly taking the first head
# (the first class of one of those lists) that does not appear in the *tail* (any later position)
# of another list. Two guarantees follow: a child always comes before its parents, and parents
# keep the left-to-right order you wrote. For the diamond:
#
# ```
# L[Retrying] = Retrying, Client, object      L[Metered] = Metered, Client, object
# L[ResilientClient] = ResilientClient + merge([Retrying, Client, object], [Metered, Client, object], [Retrying, Metered])
#   Retrying: a head, in no tail               -> take it
#   Client: head of list 1, but in the tail of list 2 -> skip; Metered: take it
#   Client, then object                        -> ResilientClient, Retrying, Metered, Client, object
# ```
#
# When no head can be taken, the order you asked for is contradictory and Python refuses to
# create the class with a `TypeError`. The common mistake is to expect depth-first order
# (`Retrying, Client, Metered`): the shared `Client` always waits until every class that inherits
# from it has had its turn.

# %% course={"kind": "demo"}
class Base:
    def describe(self) -> str:
        return "Base"


class Left(Base):
    def describe(self) -> str:
        return "Left > " + super().describe()


class Right(Base):
    def describe(self) -> str:
        return "Right > " + super().describe()


class Bottom(Left, Right):
    pass


print("Bottom.__mro__:", [c.__name__ for c in Bottom.__mro__])
print("Bottom().describe():", Bottom().describe())  # Left's super() is Right here, not Base
print("Left().describe():  ", Left().describe())  # ...but Base for a plain Left
try:
    class Confused(Base, Left):  # Base first, yet Left must come before its parent Base
        pass
except TypeError as err:
    print("TypeError:", " ".join(str(err).split()))

# %% [markdown] course={"kind": "lesson", "id": "mixins", "covers": ["c-mixins", "c-what-is-a-mixin", "c-mixin-design-patterns", "c-composing-behavior-with-mixins"]}
# ### Mixins: one behaviour, added to any class
#
# A **mixin** is a small class that is not meant to be used alone. It adds one behaviour (turn
# yourself into a dict, log what you do, retry, compare by a key) to whatever class lists it as a
# parent. The standard library has them: `http.server.ThreadingHTTPServer` is
# `class ThreadingHTTPServer(ThreadingMixIn, HTTPServer)`, and `collections.abc.Mapping` gives you
# `get`, `keys`, `items`, `__contains__` and `__eq__` once you write three methods.
#
# The patterns that keep mixins easy to combine:
#
# - **one behaviour each**, named for it, ending in `Mixin`;
# - **no state of its own and no `__init__`** (or, if unavoidable, a cooperative one that calls
#   `super().__init__(**kwargs)`): a mixin cannot know the host's constructor;
# - **depend on a small, documented part of the host** (an attribute or one method), nothing more;
# - **listed before the main base class**, `class Job(ToDictMixin, ReprMixin, Base)`, so its
#   methods are found first and its `super()` calls reach the real base.
#
# The mistake: a mixin that grows state, an `__init__` with positional arguments, and knowledge of
# its hosts. It is then an ordinary base class in disguise, and combining two of them breaks.

# %% course={"kind": "demo"}
class ToDictMixin:
    """Adds to_dict(): the instance's public attributes. Needs nothing from the host."""

    def to_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}


class ReprMixin:
    """Adds a readable repr built from to_dict(), so it needs ToDictMixin (or any to_dict)."""

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"{type(self).__name__}({fields})"


class DeploymentTarget:
    def __init__(self, name: str, region: str) -> None:
        self.name = name
        self.region = region
        self._token = "secret"  # private: kept out of to_dict


class K8sTarget(ReprMixin, ToDictMixin, DeploymentTarget):
    pass


class ModelEndpoint(ToDictMixin):  # an unrelated class reuses the same mixin
    def __init__(self, model: str, version: int) -> None:
        self.model = model
        self.version = version


print(K8sTarget("prod-eu", "eu-west-1"))
print(K8sTarget("prod-eu", "eu-west-1").to_dict())
print(ModelEndpoint("churn", 7).to_dict())
print("MRO:", [c.__name__ for c in K8sTarget.__mro__])

# %% [markdown] course={"kind": "lesson", "id": "polymorphism", "covers": ["c-polymorphism", "c-duck-typing", "c-method-polymorphism", "c-operator-overloading"]}
# ### Polymorphism: one call, many implementations
#
# **Polymorphism** means code that works with "anything that can do X" without knowing which
# class it has. Call `target.deploy(version)` over a list of Kubernetes, VM and serverless targets
# and each runs its own `deploy`: that is **method polymorphism**, and it replaces the
# `if kind == "k8s": ... elif kind == "vm": ...` chains that grow with every new kind.
#
# Python does not require the classes to share a parent. **Duck typing** ("if it walks like a
# duck...") means an object is acceptable when it has the methods the code calls. `json.dump`
# writes to anything with a `write` method (a file, `io.StringIO`, a socket wrapper); `for` accepts
# anything with `__iter__`. Check for the behaviour you need, or just call it, not for a class.
#
# **Operator overloading** is polymorphism for operators: `a + b` calls `a.__add__(b)`, `a < b`
# calls `a.__lt__(b)`, `a == b` calls `a.__eq__(b)`. The rule people miss: when your method does not
# know the other operand's type, **return `NotImplemented`** (do not raise). Python then tries the
# other side (`b.__radd__(a)`) and raises a clear `TypeError` only if both decline. And `sum()`
# starts from `0`, so a summable class needs `__radd__` that accepts `0`.

# %% course={"kind": "demo"}
class KubernetesTarget:
    def deploy(self, version: str) -> str:
        return f"kubectl set image deployment/api api=registry/api:{version}"


class VmTarget:
    def deploy(self, version: str) -> str:
        return f"ansible-playbook deploy.yml -e version={version}"


class LambdaTarget:
    def deploy(self, version: str) -> str:
        return f"aws lambda update-function-code --function-name api --s3-key api-{version}.zip"


for target in [KubernetesTarget(), VmTarget(), LambdaTarget()]:  # no common parent needed
    print(f"{type(target).__name__:>16}: {target.deploy('1.4.2')}")

# %% course={"kind": "demo"}
import functools


@functools.total_ordering  # writes <=, >, >= from __eq__ and __lt__
class Millicores:
    """CPU in Kubernetes units: 1000m is one core."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __add__(self, other):
        if not isinstance(other, Millicores):
            return NotImplemented  # let Python try the other operand, then raise TypeError
        return Millicores(self.value + other.value)

    def __radd__(self, other):  # called for 0 + Millicores(...), which is how sum() starts
        return self if other == 0 else NotImplemented

    def __eq__(self, other):
        return self.value == other.value if isinstance(other, Millicores) else NotImplemented

    def __lt__(self, other):
        return self.value < other.value if isinstance(other, Millicores) else NotImplemented

    __hash__ = None  # mutable and compared by value: not usable as a dict key

    def __repr__(self) -> str:
        return f"{self.value}m"


requests = [Millicores(250), Millicores(500), Millicores(100)]
print("total:", sum(requests), "| biggest:", max(requests), "| sorted:", sorted(requests))
print("250m <= 500m:", Millicores(250) <= Millicores(500), "| 250m == 250:", Millicores(250) == 250)
try:
    Millicores(250) + 250
except TypeError as err:
    print("TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "isinstance-issubclass", "covers": ["c-isinstance-vs-type", "c-issubclass"]}
# ### `isinstance()` versus `type()`, and `issubclass()`
#
# - `type(x) is C` is true only when `x` was made by `C` itself.
# - `isinstance(x, C)` is true when `x`'s class is `C` **or any subclass** of it; it also takes a
#   tuple, `isinstance(x, (int, float))`.
# - `issubclass(D, C)` asks the same question about classes; a class counts as its own subclass.
#
# Prefer `isinstance`: a subclass is meant to be usable wherever its parent is, so `type(...) is`
# rejects objects it should accept. `pathlib.Path("x")` is really a `PosixPath` (on Linux and macOS),
# and a `defaultdict` is a `dict`. The surprise in the other direction: `bool` is a subclass of
# `int`, so `isinstance(True, int)` is `True`, and a config check for "an int port" lets `True` in
# unless it rejects `bool` first.
#
# With abstract base classes, `isinstance` and `issubclass` can be true **without** inheritance:
# `collections.abc.Iterable` answers `True` for any class with an `__iter__` method.

# %% course={"kind": "demo"}
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

checks = {
    "type(Path('x')) is Path": type(Path("x")) is Path,
    "isinstance(Path('x'), Path)": isinstance(Path("x"), Path),
    "isinstance(defaultdict(list), dict)": isinstance(defaultdict(list), dict),
    "isinstance(True, int)": isinstance(True, int),
    "type(True) is int": type(True) is int,
    "issubclass(bool, int)": issubclass(bool, int),
    "issubclass(int, int)": issubclass(int, int),
    "isinstance(3.0, (int, float))": isinstance(3.0, (int, float)),
}


class LogLines:  # inherits from nothing but object...
    def __iter__(self):
        return iter(["GET /health 200"])


checks["issubclass(LogLines, Iterable)"] = issubclass(LogLines, Iterable)  # ...yet it is an Iterable
for question, answer in checks.items():
    print(f"{question:<40} {answer}")
print("Path('x') is really a", type(Path("x")).__name__)

# %% [markdown] course={"kind": "lesson", "id": "abcs", "covers": ["c-abstract-base-classes-abcs", "c-abc-module", "c-abstractmethod", "c-abstractproperty", "c-enforcing-interfaces"]}
# ### Abstract base classes: an interface Python enforces
#
# An **abstract base class** declares what every subclass must provide. With the `abc` module you
# inherit from `ABC` and mark the required methods with `@abstractmethod`. Python then refuses to
# create an instance of any class that still has an abstract method, at **construction** time, with
# a `TypeError` naming the missing methods, instead of an `AttributeError` at 3 a.m. when the
# missing method is finally called. An ABC may also hold concrete methods built on the abstract
# ones (`predict_batch` below), so each implementation writes only the small part that differs.
#
# - An **abstract property** is `@property` stacked on top of `@abstractmethod`.
#   `abc.abstractproperty` still exists but has been deprecated since Python 3.3; do not use it in
#   new code.
# - The check happens only when an instance is created, and only looks at *names*: a subclass that
#   defines `predict = None` passes. An ABC enforces that methods exist, not what they do.
# - `ABC.register(SomeClass)` declares a "virtual subclass" without inheritance and without any check.
#
# The message wording changed: Python 3.11 says `Can't instantiate abstract class Echo with
# abstract method predict`; 3.12 and later say `... without an implementation for abstract method
# 'predict'`. Both name the class and the methods.

# %% course={"kind": "demo"}
from abc import ABC, abstractmethod


class ModelWrapper(ABC):
    """What the serving layer needs from any model, whatever library trained it."""

    @property
    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    def predict(self, features: dict) -> float: ...

    def predict_batch(self, rows: list[dict]) -> list[float]:  # concrete, built on predict
        return [self.predict(row) for row in rows]


class ThresholdModel(ModelWrapper):
    name = "threshold-v1"  # a plain class attribute satisfies the abstract property

    def predict(self, features: dict) -> float:
        return 1.0 if features["cpu"] > 0.9 else 0.0


class Echo(ModelWrapper):
    @property
    def name(self) -> str:
        return "echo"


print(ThresholdModel().predict_batch([{"cpu": 0.95}, {"cpu": 0.2}]))
print("still abstract:", sorted(ModelWrapper.__abstractmethods__), "/", sorted(Echo.__abstractmethods__))
for cls in (ModelWrapper, Echo):
    try:
        cls()
    except TypeError as err:
        print("TypeError:", err)

# %% [markdown] course={"kind": "text"}
# Python has no `interface` keyword. Besides ABCs it offers **protocols** (`typing.Protocol`,
# Python 3.8+): a class that lists methods, which any class *with those methods* satisfies, with no
# inheritance at all. A type checker such as mypy checks them statically; `@runtime_checkable`
# also lets `isinstance` check them, though only that the methods **exist**, not their signatures.
# Use an ABC when you own the hierarchy and want shared code and a construction-time check; use a
# protocol to describe what you accept from code you do not own.

# %% course={"kind": "demo"}
from typing import Protocol, runtime_checkable


@runtime_checkable
class SupportsPredict(Protocol):
    def predict(self, features: dict) -> float: ...


class SklearnAdapter:  # never heard of SupportsPredict
    def predict(self, features: dict) -> float:
        return 0.5


class WrongSignature:
    def predict(self) -> str:  # right name, wrong signature
        return "?"


print("SklearnAdapter:", isinstance(SklearnAdapter(), SupportsPredict))
print("WrongSignature:", isinstance(WrongSignature(), SupportsPredict), "(only the name is checked at run time)")
print("a dict        :", isinstance({}, SupportsPredict))

# %% [markdown] course={"kind": "lesson", "id": "inheritance-vs-composition", "covers": ["c-when-to-use-inheritance-vs-composition"]}
# ### Inheritance or composition?
#
# Inheritance says **is-a**: a `PagerNotifier` *is a* `Notifier` and can stand in anywhere one is
# expected. Composition says **has-a**: an exporter *has a* formatter and *has a* destination, and
# delegates to them. Use inheritance for a true is-a relation with a shared interface and a shallow
# tree (one or two levels); use composition when behaviours vary independently, when you want to
# swap a part at run time or in a test, or when you only want to *reuse* some code.
#
# The warning sign is a class name that is a product of choices: `CsvS3Exporter`,
# `JsonS3Exporter`, `CsvFileExporter`... With inheritance, every new format multiplies the classes
# by the number of destinations; with composition it adds one small class.
#
# | question | inheritance | composition |
# |---|---|---|
# | relation | is-a | has-a |
# | change behaviour | write a subclass | pass another part |
# | at run time | fixed when the class is written | swap the part |
# | testing | needs the whole parent | pass a fake part |
# | n formats × m destinations | n·m classes | n + m classes |

# %% course={"kind": "demo"}
import json


class CsvFormat:
    def render(self, rows: list[dict]) -> str:
        header = ",".join(rows[0])
        return "\n".join([header, *(",".join(str(v) for v in row.values()) for row in rows)])


class JsonFormat:
    def render(self, rows: list[dict]) -> str:
        return json.dumps(rows)


class PrintDestination:
    def put(self, name: str, text: str) -> None:
        print(f"--- {name}\n{text}")


class Exporter:
    """Has a format and a destination; knows nothing about either one's details."""

    def __init__(self, fmt, destination) -> None:
        self.fmt = fmt
        self.destination = destination

    def export(self, name: str, rows: list[dict]) -> None:
        self.destination.put(name, self.fmt.render(rows))


rows = [{"host": "web-1", "cpu": 0.42}, {"host": "web-2", "cpu": 0.97}]
exporter = Exporter(CsvFormat(), PrintDestination())
exporter.export("usage.csv", rows)
exporter.fmt = JsonFormat()  # swap one part at run time: no new class
exporter.export("usage.json", rows)
formats, destinations = 4, 3
print(f"\n{formats} formats x {destinations} destinations: {formats * destinations} subclasses or {formats + destinations} parts")

# %% [markdown] course={"kind": "exercise", "id": "vehicle-hierarchy", "item": "x-create-a-vehicle-hierarchy-car-truck"}
# ### A toll road's fleet: `Vehicle`, `Car`, `Motorcycle`, `Truck`
#
# A toll system charges each vehicle by its wheels. Complete the hierarchy so that shared
# behaviour is written **once**, in `Vehicle`:
#
# - `Vehicle(plate)` stores `plate` stripped of surrounding whitespace and upper-cased, and raises
#   `ValueError` if nothing is left. `toll()` returns `wheels * rate_per_wheel` (cents; the class
#   attributes are given). `describe()` returns `"<class name> <plate>: <wheels> wheels, toll <toll()>"`.
# - `Car` changes nothing; `Motorcycle` has 2 wheels (both given).
# - `Truck(plate, axles)` needs `axles >= 2` (else `ValueError`), has `2 * axles` wheels and pays
#   **double** what `Vehicle`'s `toll()` gives for that many wheels. Reuse, do not copy:
#   `Truck.__init__` lets `Vehicle.__init__` handle the plate through `super()`, `Truck.toll` calls
#   `Vehicle`'s `toll` through `super()`, and `describe` exists only in `Vehicle`.
# - `total_toll(vehicles)` adds up every vehicle's **own** `toll()` (any iterable; 0 for none).
#
# ```python
# Car(" ab-12 cd ").describe()       # 'Car AB-12 CD: 4 wheels, toll 600'
# Truck("hgv-7", axles=3).toll()     # 1800  (6 wheels * 150, doubled)
# total_toll([Car("a"), Motorcycle("b")])   # 900
# ```

# %% [markdown] course={"kind": "hint"}
# `describe` can use `type(self).__name__` for the class name and `self.toll()` for the price: called
# on a `Truck`, `self.toll()` finds `Truck.toll` first.

# %% [markdown] course={"kind": "hint"}
# In `Truck.__init__`, call `super().__init__(plate)` before anything else, then set
# `self.wheels = 2 * axles` (an instance attribute shadows the class attribute). `Truck.toll` is one
# line: `return 2 * super().toll()`.

# %% course={"kind": "solution"}
class Vehicle:
    wheels = 4
    rate_per_wheel = 150  # cents

    def __init__(self, plate: str) -> None:
        ### BEGIN SOLUTION
        plate = plate.strip().upper()
        if not plate:
            raise ValueError("a vehicle needs a plate")
        self.plate = plate
        ### END SOLUTION

    def toll(self) -> int:
        ### BEGIN SOLUTION
        return self.wheels * self.rate_per_wheel
        ### END SOLUTION

    def describe(self) -> str:
        ### BEGIN SOLUTION
        return f"{type(self).__name__} {self.plate}: {self.wheels} wheels, toll {self.toll()}"
        ### END SOLUTION


class Car(Vehicle):
    pass


class Motorcycle(Vehicle):
    wheels = 2


class Truck(Vehicle):
    def __init__(self, plate: str, axles: int) -> None:
        ### BEGIN SOLUTION
        super().__init__(plate)
        if axles < 2:
            raise ValueError(f"a truck has at least 2 axles, got {axles}")
        self.wheels = 2 * axles
        ### END SOLUTION

    def toll(self) -> int:
        ### BEGIN SOLUTION
        return 2 * super().toll()
        ### END SOLUTION


def total_toll(vehicles) -> int:
    ### BEGIN SOLUTION
    return sum(vehicle.toll() for vehicle in vehicles)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert Car(" ab-12 cd ").describe() == "Car AB-12 CD: 4 wheels, toll 600", f"got {Car(' ab-12 cd ').describe()!r}"
assert Motorcycle("m-1").toll() == 300, "a motorcycle pays for 2 wheels: 2 * 150"
assert Motorcycle("m-1").describe() == "Motorcycle M-1: 2 wheels, toll 300", "describe names the real class"

# %% course={"kind": "test", "points": 1}
assert Car("\tx-9\n").plate == "X-9", "the plate is stripped and upper-cased"
assert Car("ñ-1").plate == "Ñ-1", "upper() works on any letter, not only ASCII"
for blank in ("", "   ", "\n"):
    try:
        Car(blank)
    except ValueError:
        pass
    else:
        raise AssertionError(f"Car({blank!r}) must raise ValueError: a vehicle needs a plate")

# %% course={"kind": "test", "points": 2}
assert all(issubclass(c, Vehicle) for c in (Car, Motorcycle, Truck)), "Car, Motorcycle and Truck inherit from Vehicle"
for cls in (Car, Motorcycle, Truck):
    assert "describe" not in vars(cls), f"{cls.__name__} must inherit describe, not define its own copy"
assert "toll" not in vars(Car) and "toll" not in vars(Motorcycle), "Car and Motorcycle inherit toll"
seen = []
real_init = Vehicle.__init__


def spy_init(self, plate):
    seen.append(plate)
    real_init(self, plate)


Vehicle.__init__ = spy_init
try:
    Truck(" hgv-7 ", 3)
finally:
    Vehicle.__init__ = real_init
assert seen == [" hgv-7 "], f"Truck.__init__ must hand the plate to Vehicle.__init__ once, through super(); calls seen: {seen}"
real_toll = Vehicle.toll
Vehicle.toll = lambda self: 1000
try:
    patched = Truck("t", 2).toll()
finally:
    Vehicle.toll = real_toll
assert patched == 2000, "Truck.toll must double whatever Vehicle's toll() returns, by calling it through super()"

# %% course={"kind": "test", "points": 2}
truck = Truck(" hgv-7 ", axles=3)
assert truck.plate == "HGV-7" and truck.wheels == 6, "a truck gets its plate from Vehicle and 2 wheels per axle"
assert truck.toll() == 1800, f"6 wheels * 150, doubled, is 1800; got {truck.toll()}"
assert truck.describe() == "Truck HGV-7: 6 wheels, toll 1800", f"got {truck.describe()!r}"
### BEGIN HIDDEN TESTS
assert Truck("t", 2).toll() == 1200 and Truck("t", 2).wheels == 4, "2 axles is the smallest truck: 4 wheels, toll 1200"
for axles in (1, 0, -3):
    try:
        Truck("t", axles)
    except ValueError:
        pass
    else:
        raise AssertionError(f"Truck('t', {axles}) must raise ValueError: a truck has at least 2 axles")
try:
    Truck("  ", 3)
except ValueError:
    pass
else:
    raise AssertionError("a truck without a plate must raise ValueError, like any vehicle")
assert Vehicle.wheels == 4 and Car("c").wheels == 4, "making a truck must not change other vehicles' wheels"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert total_toll([Car("a"), Motorcycle("b")]) == 900, "600 + 300"
assert total_toll([]) == 0 and type(total_toll([])) is int, "no vehicles cost 0"
### BEGIN HIDDEN TESTS


class Bus(Vehicle):
    wheels = 6

    def toll(self):
        return 50  # public transport discount


fleet = [Car("a"), Truck("b", 3), Bus("c"), Motorcycle("d")]
assert total_toll(fleet) == 600 + 1800 + 50 + 300, "total_toll must call each vehicle's own toll(), whatever its class"
assert total_toll(v for v in fleet) == 2750, "any iterable, a generator included"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truck-sets-plate-itself", "fails": ["t3", "t4"]}
class Vehicle:
    wheels = 4
    rate_per_wheel = 150

    def __init__(self, plate):
        plate = plate.strip().upper()
        if not plate:
            raise ValueError("a vehicle needs a plate")
        self.plate = plate

    def toll(self):
        return self.wheels * self.rate_per_wheel

    def describe(self):
        return f"{type(self).__name__} {self.plate}: {self.wheels} wheels, toll {self.toll()}"


class Car(Vehicle):
    pass


class Motorcycle(Vehicle):
    wheels = 2


class Truck(Vehicle):
    def __init__(self, plate, axles):
        if axles < 2:
            raise ValueError("at least 2 axles")
        self.plate = plate.upper()  # copied from Vehicle, half of it, and never through super()
        self.wheels = 2 * axles

    def toll(self):
        return 2 * super().toll()


def total_toll(vehicles):
    return sum(vehicle.toll() for vehicle in vehicles)

# %% course={"kind": "wrong", "id": "truck-toll-hardcoded", "fails": ["t3"]}
class Vehicle:
    wheels = 4
    rate_per_wheel = 150

    def __init__(self, plate):
        plate = plate.strip().upper()
        if not plate:
            raise ValueError("a vehicle needs a plate")
        self.plate = plate

    def toll(self):
        return self.wheels * self.rate_per_wheel

    def describe(self):
        return f"{type(self).__name__} {self.plate}: {self.wheels} wheels, toll {self.toll()}"


class Car(Vehicle):
    pass


class Motorcycle(Vehicle):
    wheels = 2


class Truck(Vehicle):
    def __init__(self, plate, axles):
        super().__init__(plate)
        if axles < 2:
            raise ValueError("at least 2 axles")
        self.wheels = 2 * axles

    def toll(self):
        return 2 * self.wheels * 150  # right today, wrong the day the rate changes in Vehicle


def total_toll(vehicles):
    return sum(vehicle.toll() for vehicle in vehicles)

# %% course={"kind": "wrong", "id": "describe-copied", "fails": ["t3"]}
class Vehicle:
    wheels = 4
    rate_per_wheel = 150

    def __init__(self, plate):
        plate = plate.strip().upper()
        if not plate:
            raise ValueError("a vehicle needs a plate")
        self.plate = plate

    def toll(self):
        return self.wheels * self.rate_per_wheel

    def describe(self):
        return f"Vehicle {self.plate}: {self.wheels} wheels, toll {self.toll()}"


class Car(Vehicle):
    def describe(self):
        return f"Car {self.plate}: {self.wheels} wheels, toll {self.toll()}"


class Motorcycle(Vehicle):
    wheels = 2

    def describe(self):
        return f"Motorcycle {self.plate}: {self.wheels} wheels, toll {self.toll()}"


class Truck(Vehicle):
    def __init__(self, plate, axles):
        super().__init__(plate)
        if axles < 2:
            raise ValueError("at least 2 axles")
        self.wheels = 2 * axles

    def toll(self):
        return 2 * super().toll()

    def describe(self):
        return f"Truck {self.plate}: {self.wheels} wheels, toll {self.toll()}"


def total_toll(vehicles):
    return sum(vehicle.toll() for vehicle in vehicles)

# %% course={"kind": "wrong", "id": "total-from-wheels", "fails": ["t5"]}
class Vehicle:
    wheels = 4
    rate_per_wheel = 150

    def __init__(self, plate):
        plate = plate.strip().upper()
        if not plate:
            raise ValueError("a vehicle needs a plate")
        self.plate = plate

    def toll(self):
        return self.wheels * self.rate_per_wheel

    def describe(self):
        return f"{type(self).__name__} {self.plate}: {self.wheels} wheels, toll {self.toll()}"


class Car(Vehicle):
    pass


class Motorcycle(Vehicle):
    wheels = 2


class Truck(Vehicle):
    def __init__(self, plate, axles):
        super().__init__(plate)
        if axles < 2:
            raise ValueError("at least 2 axles")
        self.wheels = 2 * axles

    def toll(self):
        return 2 * super().toll()


def total_toll(vehicles):
    return sum(vehicle.wheels * vehicle.rate_per_wheel for vehicle in vehicles)  # skips each class's own toll()

# %% [markdown] course={"kind": "exercise", "id": "student-grades", "item": "dsa-class-inheritance"}
# ### Problem: A student is a person (after HackerRank's *Inheritance*)
#
# `Person(first, last, id_number)` is given. Write `Student(Person)`:
#
# - `Student(first, last, id_number, scores)` lets `Person.__init__` store the name and id (through
#   `super()`), and keeps its **own copy** of `scores` (a list of numbers from 0 to 100) so that later
#   changes to the caller's list do not change the student. No scores: `ValueError`.
# - `grade()` returns one letter for the **average** score:
#
#   | average | grade |
#   |---|---|
#   | 90 to 100 | `"O"` |
#   | 80 up to (not including) 90 | `"E"` |
#   | 70 up to 80 | `"A"` |
#   | 55 up to 70 | `"P"` |
#   | 40 up to 55 | `"D"` |
#   | below 40 | `"T"` |
#
# - `Student` inherits `card()` from `Person` unchanged.
#
# ```python
# s = Student("Ada", "Lovelace", 1815, [100, 80])
# s.card()    # 'Lovelace, Ada (#1815)'
# s.grade()   # 'O'   (average 90)
# ```

# %% [markdown] course={"kind": "hint"}
# The average is `sum(scores) / len(scores)`, a float: 89.5 is an `"E"`, not an `"O"`. Test the
# bands from the top down, so each `if` only needs a lower bound.

# %% [markdown] course={"kind": "hint"}
# `super().__init__(first, last, id_number)`, then `self.scores = list(scores)` (a copy), then check
# that it is not empty.

# %% course={"kind": "solution", "equivalent": {"m-b34e0b3b": "every band starts at a whole number, and floor(x) >= n exactly when x >= n for a whole n"}}
class Person:
    def __init__(self, first: str, last: str, id_number: int) -> None:
        self.first = first
        self.last = last
        self.id_number = id_number

    def card(self) -> str:
        return f"{self.last}, {self.first} (#{self.id_number})"


class Student(Person):
    def __init__(self, first: str, last: str, id_number: int, scores: list[float]) -> None:
        ### BEGIN SOLUTION
        super().__init__(first, last, id_number)
        if not scores:
            raise ValueError("a student needs at least one score")
        self.scores = list(scores)
        ### END SOLUTION

    def grade(self) -> str:
        ### BEGIN SOLUTION
        average = sum(self.scores) / len(self.scores)
        for lowest, letter in ((90, "O"), (80, "E"), (70, "A"), (55, "P"), (40, "D")):
            if average >= lowest:
                return letter
        return "T"
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ada = Student("Ada", "Lovelace", 1815, [100, 80])
assert ada.card() == "Lovelace, Ada (#1815)", "card() comes from Person"
assert ada.grade() == "O", "an average of exactly 90 is an O"
assert Student("Al", "Kh", 2, [40]).grade() == "D", "exactly 40 is a D"

# %% course={"kind": "test", "points": 2}
cases = {(100,): "O", (90,): "O", (89, 90): "E", (80,): "E", (79, 80): "A", (70,): "A", (69, 70): "P",
         (55,): "P", (54, 55): "D", (40,): "D", (39, 40): "T", (0,): "T", (0, 0, 1): "T"}
for scores, letter in cases.items():
    got = Student("x", "y", 1, list(scores)).grade()
    assert got == letter, f"scores {list(scores)} (average {sum(scores) / len(scores)}) give {letter!r}, got {got!r}"

# %% course={"kind": "test", "points": 2}
assert issubclass(Student, Person) and "card" not in vars(Student), "Student inherits card() from Person"
calls = []
real_init = Person.__init__


def spy_init(self, first, last, id_number):
    calls.append((first, last, id_number))
    real_init(self, first, last, id_number)


Person.__init__ = spy_init
try:
    Student("Grace", "Hopper", 1906, [95])
finally:
    Person.__init__ = real_init
assert calls == [("Grace", "Hopper", 1906)], f"Student.__init__ must call Person.__init__ once through super(): {calls}"
### BEGIN HIDDEN TESTS
marks = [95, 91]
grace = Student("Grace", "Hopper", 1906, marks)
marks.append(0)
assert grace.grade() == "O", "the student keeps its own copy: changing the caller's list afterwards changes nothing"
assert marks == [95, 91, 0], "and the caller's list is not modified by Student"
try:
    Student("No", "Scores", 3, [])
except ValueError:
    pass
else:
    raise AssertionError("a student with no scores must raise ValueError")
assert Student("t", "u", 4, (85, 95)).grade() == "O", "any sequence of scores works, a tuple too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "integer-average", "fails": ["t2"]}
class Person:
    def __init__(self, first, last, id_number):
        self.first, self.last, self.id_number = first, last, id_number

    def card(self):
        return f"{self.last}, {self.first} (#{self.id_number})"


class Student(Person):
    def __init__(self, first, last, id_number, scores):
        super().__init__(first, last, id_number)
        if not scores:
            raise ValueError("no scores")
        self.scores = list(scores)

    def grade(self):
        average = round(sum(self.scores) / len(self.scores))  # 89.5 rounds up to 90
        for lowest, letter in ((90, "O"), (80, "E"), (70, "A"), (55, "P"), (40, "D")):
            if average >= lowest:
                return letter
        return "T"

# %% course={"kind": "wrong", "id": "own-attributes-no-super", "fails": ["t3"]}
class Person:
    def __init__(self, first, last, id_number):
        self.first, self.last, self.id_number = first, last, id_number

    def card(self):
        return f"{self.last}, {self.first} (#{self.id_number})"


class Student(Person):
    def __init__(self, first, last, id_number, scores):
        self.first, self.last, self.id_number = first, last, id_number  # Person's job, copied
        if not scores:
            raise ValueError("no scores")
        self.scores = list(scores)

    def grade(self):
        average = sum(self.scores) / len(self.scores)
        for lowest, letter in ((90, "O"), (80, "E"), (70, "A"), (55, "P"), (40, "D")):
            if average >= lowest:
                return letter
        return "T"

# %% course={"kind": "wrong", "id": "keeps-callers-list", "fails": ["t3"]}
class Person:
    def __init__(self, first, last, id_number):
        self.first, self.last, self.id_number = first, last, id_number

    def card(self):
        return f"{self.last}, {self.first} (#{self.id_number})"


class Student(Person):
    def __init__(self, first, last, id_number, scores):
        super().__init__(first, last, id_number)
        if not scores:
            raise ValueError("no scores")
        self.scores = scores  # the caller's list itself

    def grade(self):
        average = sum(self.scores) / len(self.scores)
        for lowest, letter in ((90, "O"), (80, "E"), (70, "A"), (55, "P"), (40, "D")):
            if average >= lowest:
                return letter
        return "T"

# %% [markdown] course={"kind": "exercise", "id": "logging-mixin", "item": "x-implement-a-logging-mixin-that-adds"}
# ### A logging mixin for any class
#
# Write `LoggingMixin`, which gives any class structured log lines through the standard `logging`
# module:
#
# - the property `logger` returns the logger named `"<log_namespace>.<class name of the instance>"`;
#   `log_namespace` is a class attribute, `"ops"` by default, that a host class may override;
# - `log(event, level=logging.INFO, **fields)` builds the message `event` followed by
#   `key=value` for each field **in the order given**, each value written with `repr()`, separated
#   by single spaces; it logs the message at `level` through `self.logger` and returns it.
#
# A mixin cannot know its host's constructor, so `LoggingMixin` defines **no `__init__`** and keeps
# **no state** in the instance (`vars(obj)` is the same after `log()` as before). It must work in a
# host whose `__init__` never calls `super().__init__()`, and in front of a built-in base such as `dict`.
#
# ```python
# class Deployer(LoggingMixin):
#     def __init__(self, service): self.service = service
#
# Deployer("api").log("deploy.start", version="1.4.2", replicas=3)
# # logs "deploy.start version='1.4.2' replicas=3" at INFO on the logger "ops.Deployer", and returns it
# ```

# %% [markdown] course={"kind": "hint"}
# `logging.getLogger(name)` returns the same logger object for the same name every time, so the
# property can look it up on each access: nothing needs to be stored. `type(self).__name__` is the
# class of the instance, a subclass included.

# %% [markdown] course={"kind": "hint"}
# `**fields` keeps the order of the keywords in the call. Build the parts with
# `[event, *(f"{key}={value!r}" for key, value in fields.items())]`, join them with `" "`, then call
# `self.logger.log(level, message)`.

# %% course={"kind": "solution"}
import logging


class LoggingMixin:
    """Adds ``logger`` and ``log(event, **fields)`` to any class; no __init__, no state."""

    log_namespace = "ops"

    @property
    def logger(self) -> logging.Logger:
        ### BEGIN SOLUTION
        return logging.getLogger(f"{self.log_namespace}.{type(self).__name__}")
        ### END SOLUTION

    def log(self, event: str, level: int = logging.INFO, **fields) -> str:
        ### BEGIN SOLUTION
        message = " ".join([event, *(f"{key}={value!r}" for key, value in fields.items())])
        self.logger.log(level, message)
        return message
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import logging


class _Collect(logging.Handler):
    """Keeps every record it is given (the tests read them instead of the console)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _capture(namespace: str) -> _Collect:
    handler = _Collect()
    top = logging.getLogger(namespace)
    top.handlers[:] = [handler]
    top.setLevel(logging.DEBUG)
    top.propagate = False
    return handler


class Deployer(LoggingMixin):
    def __init__(self, service: str) -> None:
        self.service = service  # no super().__init__(): the mixin must not need one


ops = _capture("ops")
message = Deployer("api").log("deploy.start", version="1.4.2", replicas=3)
assert message == "deploy.start version='1.4.2' replicas=3", f"log() returns the message; got {message!r}"
assert [r.getMessage() for r in ops.records] == [message], "the same message goes to the logger"
assert ops.records[0].name == "ops.Deployer", f"logger name: {ops.records[0].name!r}"
assert ops.records[0].levelno == logging.INFO, "INFO is the default level"

# %% course={"kind": "test", "points": 2}
ops = _capture("ops")
ml = _capture("ml")


class CanaryDeployer(Deployer):
    pass


class ModelRegistry(LoggingMixin, dict):
    log_namespace = "ml"


CanaryDeployer("web").log("deploy.done", level=logging.WARNING)
registry = ModelRegistry(churn=3)  # dict's own constructor still works behind the mixin
registry.log("model.promoted", name="churn", stage="prod")
assert registry == {"churn": 3}, "the mixin must not get in the way of the host's constructor"
assert [(r.name, r.levelno, r.getMessage()) for r in ops.records] == [("ops.CanaryDeployer", logging.WARNING, "deploy.done")], \
    "a subclass logs under its own name, at the level asked for; an event without fields is just the event"
assert [(r.name, r.getMessage()) for r in ml.records] == [("ml.ModelRegistry", "model.promoted name='churn' stage='prod'")], \
    "a host overriding log_namespace logs under it"
### BEGIN HIDDEN TESTS
ops = _capture("ops")
d = Deployer("db")
d.log("restore", snapshot="snap 01", tables=0, dry_run=False, owner=None, note="")
assert ops.records[-1].getMessage() == "restore snapshot='snap 01' tables=0 dry_run=False owner=None note=''", \
    "fields keep the call's order, values written with repr(), falsy values included"
d.log("debug.detail", level=logging.DEBUG, zeta=1, alpha=2)
assert (ops.records[-1].levelno, ops.records[-1].getMessage()) == (logging.DEBUG, "debug.detail zeta=1 alpha=2"), \
    "the order given, not sorted"
assert d.logger is logging.getLogger("ops.Deployer"), "logger is the logging module's logger of that name"
assert Deployer.log_namespace == "ops" and ModelRegistry.log_namespace == "ml", "namespaces stay per class"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
ops = _capture("ops")
d = Deployer("api")
before = dict(vars(d))
d.log("deploy.start")
_ = d.logger
assert vars(d) == before, f"the mixin keeps no state in the instance: vars() changed to {vars(d)}"
assert "__init__" not in vars(LoggingMixin), "a mixin defines no __init__"
assert "log" not in vars(Deployer) and issubclass(Deployer, LoggingMixin), "hosts inherit log() from the mixin"
assert LoggingMixin.__bases__ == (object,), "the mixin stands alone: it inherits from nothing but object"

# %% course={"kind": "wrong", "id": "mixin-init", "fails": ["t1", "t2", "t3"]}
import logging


class LoggingMixin:
    log_namespace = "ops"

    def __init__(self):
        self._logger = logging.getLogger(f"{self.log_namespace}.{type(self).__name__}")

    @property
    def logger(self):
        return self._logger

    def log(self, event, level=logging.INFO, **fields):
        message = " ".join([event, *(f"{k}={v!r}" for k, v in fields.items())])
        self.logger.log(level, message)
        return message

# %% course={"kind": "wrong", "id": "fixed-logger-name", "fails": ["t2"]}
import logging


class LoggingMixin:
    log_namespace = "ops"

    @property
    def logger(self):
        return logging.getLogger("ops." + type(self).__name__)  # ignores the host's log_namespace

    def log(self, event, level=logging.INFO, **fields):
        message = " ".join([event, *(f"{k}={v!r}" for k, v in fields.items())])
        self.logger.log(level, message)
        return message

# %% course={"kind": "wrong", "id": "str-values-sorted", "fails": ["t1", "t2"]}
import logging


class LoggingMixin:
    log_namespace = "ops"

    @property
    def logger(self):
        return logging.getLogger(f"{self.log_namespace}.{type(self).__name__}")

    def log(self, event, level=logging.INFO, **fields):
        message = " ".join([event, *(f"{k}={v}" for k, v in sorted(fields.items()))])
        self.logger.log(level, message)
        return message

# %% course={"kind": "wrong", "id": "caches-logger-on-self", "fails": ["t3"]}
import logging


class LoggingMixin:
    log_namespace = "ops"

    @property
    def logger(self):
        if "_logger" not in vars(self):
            self._logger = logging.getLogger(f"{self.log_namespace}.{type(self).__name__}")
        return self._logger

    def log(self, event, level=logging.INFO, **fields):
        message = " ".join([event, *(f"{k}={v!r}" for k, v in fields.items())])
        self.logger.log(level, message)
        return message

# %% [markdown] course={"kind": "exercise", "id": "cooperative-stages", "item": "x-demonstrate-diamond-problem-and-mro"}
# ### A diamond that runs every `__init__` once
#
# A CI/CD pipeline has stages. `RetryingStage` and `TimedStage` both extend `Stage`, and
# `RobustStage` inherits from both: a diamond. The class statements are given; write the method
# bodies so that the hierarchy is **cooperative**:
#
# - every `__init__` takes its own keyword argument(s), passes **all the others** on with
#   `super().__init__(**kwargs)` **first**, then sets its own attribute(s) and appends **its own
#   class's name** (written out, e.g. `"TimedStage"`) to `self.initialized`. `Stage` creates the list.
#   So each `__init__` in the diamond runs exactly once, and an unknown keyword still reaches
#   `object.__init__`, which raises `TypeError`.
# - `RetryingStage` rejects `retries < 0` and `TimedStage` rejects `timeout_s <= 0` with `ValueError`.
# - `settings()` returns a dict: `Stage` gives `{"name": ...}`, and every subclass returns
#   `super().settings()` plus its own keys.
#
# ```python
# stage = RobustStage(name="deploy", retries=2, timeout_s=30.0, alert="#oncall")
# stage.initialized   # ['Stage', 'TimedStage', 'RetryingStage', 'RobustStage']  (the MRO, reversed)
# stage.settings()    # {'name': 'deploy', 'timeout_s': 30.0, 'retries': 2, 'alert': '#oncall'}
# ```

# %% [markdown] course={"kind": "hint"}
# Look at `RobustStage.__mro__`: `RobustStage, RetryingStage, TimedStage, Stage, object`. Inside
# `RetryingStage.__init__`, `super()` is `TimedStage` when the object is a `RobustStage`. Never name
# a parent class in a call (`Stage.__init__(self, ...)`): that skips whoever comes between.

# %% [markdown] course={"kind": "hint"}
# `Stage.__init__` does `super().__init__(**kwargs)` (reaching `object`), then `self.name = name` and
# `self.initialized = ["Stage"]`. `RetryingStage.__init__`: check `retries`, call
# `super().__init__(**kwargs)`, set `self.retries`, append `"RetryingStage"`. `settings()` in a
# subclass: `return {**super().settings(), "retries": self.retries}`.

# %% course={"kind": "solution"}
class Stage:
    def __init__(self, *, name: str, **kwargs) -> None:
        ### BEGIN SOLUTION
        super().__init__(**kwargs)
        self.name = name
        self.initialized = ["Stage"]
        ### END SOLUTION

    def settings(self) -> dict:
        ### BEGIN SOLUTION
        return {"name": self.name}
        ### END SOLUTION


class RetryingStage(Stage):
    def __init__(self, *, retries: int = 3, **kwargs) -> None:
        ### BEGIN SOLUTION
        if retries < 0:
            raise ValueError(f"retries must be 0 or more, got {retries}")
        super().__init__(**kwargs)
        self.retries = retries
        self.initialized.append("RetryingStage")
        ### END SOLUTION

    def settings(self) -> dict:
        ### BEGIN SOLUTION
        return {**super().settings(), "retries": self.retries}
        ### END SOLUTION


class TimedStage(Stage):
    def __init__(self, *, timeout_s: float = 60.0, **kwargs) -> None:
        ### BEGIN SOLUTION
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        super().__init__(**kwargs)
        self.timeout_s = timeout_s
        self.initialized.append("TimedStage")
        ### END SOLUTION

    def settings(self) -> dict:
        ### BEGIN SOLUTION
        return {**super().settings(), "timeout_s": self.timeout_s}
        ### END SOLUTION


class RobustStage(RetryingStage, TimedStage):
    def __init__(self, *, alert: str, **kwargs) -> None:
        ### BEGIN SOLUTION
        super().__init__(**kwargs)
        self.alert = alert
        self.initialized.append("RobustStage")
        ### END SOLUTION

    def settings(self) -> dict:
        ### BEGIN SOLUTION
        return {**super().settings(), "alert": self.alert}
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert RobustStage.__mro__ == (RobustStage, RetryingStage, TimedStage, Stage, object), "the MRO Python computes for the diamond"
stage = RobustStage(name="deploy", retries=2, timeout_s=30.0, alert="#oncall")
assert stage.initialized == ["Stage", "TimedStage", "RetryingStage", "RobustStage"], \
    f"every __init__ once, finishing in reverse MRO order; got {stage.initialized}"
assert (stage.name, stage.retries, stage.timeout_s, stage.alert) == ("deploy", 2, 30.0, "#oncall"), "every class sets its attribute"

# %% course={"kind": "test", "points": 2}
assert RetryingStage(name="build").initialized == ["Stage", "RetryingStage"], "alone, RetryingStage's super() is Stage"
assert TimedStage(name="test").initialized == ["Stage", "TimedStage"], "alone, TimedStage's super() is Stage"
assert Stage(name="lint").initialized == ["Stage"], "Stage starts the list"
defaults = RobustStage(name="d", alert="#a")
assert (defaults.retries, defaults.timeout_s) == (3, 60.0), "defaults: retries 3, timeout_s 60.0"
runs = []
real_init = Stage.__init__


def spy(self, **kwargs):
    runs.append(kwargs)
    real_init(self, **kwargs)


Stage.__init__ = spy
try:
    RobustStage(name="deploy", alert="#oncall")
finally:
    Stage.__init__ = real_init
assert runs == [{"name": "deploy"}], f"Stage.__init__ runs exactly once, given only what the others did not use; got {runs}"

# %% course={"kind": "test", "points": 2}
stage = RobustStage(name="deploy", retries=2, timeout_s=30.0, alert="#oncall")
assert stage.settings() == {"name": "deploy", "timeout_s": 30.0, "retries": 2, "alert": "#oncall"}, f"got {stage.settings()}"
assert list(stage.settings()) == ["name", "timeout_s", "retries", "alert"], "each class adds its keys after super()'s"
assert RetryingStage(name="b", retries=0).settings() == {"name": "b", "retries": 0}, "RetryingStage alone"
### BEGIN HIDDEN TESTS
assert TimedStage(name="t", timeout_s=0.5).settings() == {"name": "t", "timeout_s": 0.5}, "TimedStage alone"
assert Stage(name="s").settings() == {"name": "s"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ({"retries": -1}, {"timeout_s": 0}, {"timeout_s": -5.0}):
    try:
        RobustStage(name="x", alert="#a", **bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} must raise ValueError")
try:
    RobustStage(name="x", alert="#a", colour="red")
except TypeError:
    pass
else:
    raise AssertionError("an unknown keyword must travel up to object.__init__ and raise TypeError, not vanish")
### BEGIN HIDDEN TESTS
assert RobustStage(name="x", alert="#a", retries=0, timeout_s=0.001).retries == 0, "0 retries is allowed"
try:
    RetryingStage(name="x", timeout=5)
except TypeError:
    pass
else:
    raise AssertionError("a typo (timeout instead of timeout_s) must raise TypeError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "calls-parent-by-name", "fails": ["t1", "t2", "t3", "t4"]}
class Stage:
    def __init__(self, *, name, **kwargs):
        super().__init__(**kwargs)
        self.name = name
        self.initialized = ["Stage"]

    def settings(self):
        return {"name": self.name}


class RetryingStage(Stage):
    def __init__(self, *, retries=3, **kwargs):
        if retries < 0:
            raise ValueError("retries")
        Stage.__init__(self, **kwargs)  # skips TimedStage inside a RobustStage
        self.retries = retries
        self.initialized.append("RetryingStage")

    def settings(self):
        return {**super().settings(), "retries": self.retries}


class TimedStage(Stage):
    def __init__(self, *, timeout_s=60.0, **kwargs):
        if timeout_s <= 0:
            raise ValueError("timeout_s")
        Stage.__init__(self, **kwargs)
        self.timeout_s = timeout_s
        self.initialized.append("TimedStage")

    def settings(self):
        return {**super().settings(), "timeout_s": self.timeout_s}


class RobustStage(RetryingStage, TimedStage):
    def __init__(self, *, alert, **kwargs):
        super().__init__(**kwargs)
        self.alert = alert
        self.initialized.append("RobustStage")

    def settings(self):
        return {**super().settings(), "alert": self.alert}

# %% course={"kind": "wrong", "id": "both-parents-explicitly", "fails": ["t1", "t2", "t4"]}
class Stage:
    def __init__(self, *, name, **kwargs):
        super().__init__()
        self.name = name
        self.initialized = ["Stage"]

    def settings(self):
        return {"name": self.name}


class RetryingStage(Stage):
    def __init__(self, *, retries=3, **kwargs):
        if retries < 0:
            raise ValueError("retries")
        super().__init__(**kwargs)
        self.retries = retries
        self.initialized.append("RetryingStage")

    def settings(self):
        return {**super().settings(), "retries": self.retries}


class TimedStage(Stage):
    def __init__(self, *, timeout_s=60.0, **kwargs):
        if timeout_s <= 0:
            raise ValueError("timeout_s")
        super().__init__(**kwargs)
        self.timeout_s = timeout_s
        self.initialized.append("TimedStage")

    def settings(self):
        return {**super().settings(), "timeout_s": self.timeout_s}


class RobustStage(RetryingStage, TimedStage):
    def __init__(self, *, alert, retries=3, timeout_s=60.0, **kwargs):
        RetryingStage.__init__(self, retries=retries, **kwargs)  # runs TimedStage and Stage already...
        TimedStage.__init__(self, timeout_s=timeout_s, **kwargs)  # ...and now Stage again
        self.alert = alert
        self.initialized.append("RobustStage")

    def settings(self):
        return {**super().settings(), "alert": self.alert}

# %% course={"kind": "wrong", "id": "class-name-from-type", "fails": ["t1", "t2"]}
class Stage:
    def __init__(self, *, name, **kwargs):
        super().__init__(**kwargs)
        self.name = name
        self.initialized = [type(self).__name__]  # the instance's class, not this one

    def settings(self):
        return {"name": self.name}


class RetryingStage(Stage):
    def __init__(self, *, retries=3, **kwargs):
        if retries < 0:
            raise ValueError("retries")
        super().__init__(**kwargs)
        self.retries = retries
        self.initialized.append(type(self).__name__)

    def settings(self):
        return {**super().settings(), "retries": self.retries}


class TimedStage(Stage):
    def __init__(self, *, timeout_s=60.0, **kwargs):
        if timeout_s <= 0:
            raise ValueError("timeout_s")
        super().__init__(**kwargs)
        self.timeout_s = timeout_s
        self.initialized.append(type(self).__name__)

    def settings(self):
        return {**super().settings(), "timeout_s": self.timeout_s}


class RobustStage(RetryingStage, TimedStage):
    def __init__(self, *, alert, **kwargs):
        super().__init__(**kwargs)
        self.alert = alert
        self.initialized.append(type(self).__name__)

    def settings(self):
        return {**super().settings(), "alert": self.alert}

# %% course={"kind": "wrong", "id": "swallows-kwargs", "fails": ["t4"]}
class Stage:
    def __init__(self, *, name, **kwargs):
        super().__init__()  # the leftovers (typos included) disappear here
        self.name = name
        self.initialized = ["Stage"]

    def settings(self):
        return {"name": self.name}


class RetryingStage(Stage):
    def __init__(self, *, retries=3, **kwargs):
        if retries < 0:
            raise ValueError("retries")
        super().__init__(**kwargs)
        self.retries = retries
        self.initialized.append("RetryingStage")

    def settings(self):
        return {**super().settings(), "retries": self.retries}


class TimedStage(Stage):
    def __init__(self, *, timeout_s=60.0, **kwargs):
        if timeout_s <= 0:
            raise ValueError("timeout_s")
        super().__init__(**kwargs)
        self.timeout_s = timeout_s
        self.initialized.append("TimedStage")

    def settings(self):
        return {**super().settings(), "timeout_s": self.timeout_s}


class RobustStage(RetryingStage, TimedStage):
    def __init__(self, *, alert, **kwargs):
        super().__init__(**kwargs)
        self.alert = alert
        self.initialized.append("RobustStage")

    def settings(self):
        return {**super().settings(), "alert": self.alert}

# %% [markdown] course={"kind": "exercise", "id": "c3-linearization", "item": "x-demonstrate-diamond-problem-and-mro"}
# ### Compute an MRO yourself: the C3 linearization
#
# Write `c3_mro(bases, name)`. `bases` maps every class name to the list of its direct parents, in
# the order of the `class` statement (a root class maps to `[]`; there is no implicit `object`).
# Return the linearization of `name` as a list of names, exactly as Python would order those
# classes, using C3:
#
# `L[C] = [C] + merge(L[P1], ..., L[Pn], [P1, ..., Pn])`, where `merge` repeatedly takes the first
# head (first item) of the lists, in order, that appears in no other list's **tail** (any position
# but the first), appends it, and removes it from the front of every list that starts with it.
#
# When no head can be taken, raise `TypeError` naming `name`, as Python refuses such a class.
# Do not modify `bases`.
#
# ```python
# bases = {"Stage": [], "Retrying": ["Stage"], "Timed": ["Stage"], "Robust": ["Retrying", "Timed"]}
# c3_mro(bases, "Robust")    # ['Robust', 'Retrying', 'Timed', 'Stage']
# c3_mro({"A": [], "B": ["A"], "C": ["A", "B"]}, "C")    # TypeError: no consistent order for C
# ```

# %% [markdown] course={"kind": "hint"}
# Recursion gives the parents' linearizations: `[c3_mro(bases, p) for p in bases[name]]`, plus the
# list of parents itself. Then loop while any of those lists is non-empty.

# %% [markdown] course={"kind": "hint"}
# To find a good head: `for seq in lists: if seq and not any(seq[0] in other[1:] for other in lists)`.
# If the loop ends without finding one, raise. After taking `head`, rebuild every list as
# `seq[1:] if seq and seq[0] == head else seq` (new lists: nothing of `bases` is touched).

# %% course={"kind": "solution"}
def c3_mro(bases: dict[str, list[str]], name: str) -> list[str]:
    ### BEGIN SOLUTION
    lists = [c3_mro(bases, parent) for parent in bases[name]] + [bases[name]]
    result = [name]
    while any(lists):
        for seq in lists:
            if seq and not any(seq[0] in other[1:] for other in lists):
                head = seq[0]
                break
        else:
            raise TypeError(f"no consistent order for {name}")
        result.append(head)
        lists = [seq[1:] if seq and seq[0] == head else seq for seq in lists]
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
diamond = {"Stage": [], "Retrying": ["Stage"], "Timed": ["Stage"], "Robust": ["Retrying", "Timed"]}
assert c3_mro(diamond, "Robust") == ["Robust", "Retrying", "Timed", "Stage"], f"got {c3_mro(diamond, 'Robust')}"
assert c3_mro(diamond, "Stage") == ["Stage"], "a root class is its own linearization"
assert c3_mro(diamond, "Timed") == ["Timed", "Stage"]

# %% course={"kind": "test", "points": 2}
def python_mro(bases, name):
    """What Python itself computes: build real classes from the table, read __mro__."""
    made = {}

    def make(n):
        if n not in made:
            made[n] = type(n, tuple(make(p) for p in bases[n]), {})
        return made[n]

    return [c.__name__ for c in make(name).__mro__ if c is not object]


plugins = {
    "Base": [], "Loader": ["Base"], "Cache": ["Base"], "Auth": ["Base"],
    "Remote": ["Loader", "Cache"], "Secure": ["Cache", "Auth"], "Store": ["Loader", "Auth"],
    "Service": ["Remote", "Secure", "Store"],
}
for cls in plugins:
    assert c3_mro(plugins, cls) == python_mro(plugins, cls), f"{cls}: expected {python_mro(plugins, cls)}, got {c3_mro(plugins, cls)}"
### BEGIN HIDDEN TESTS
chain = {"A": [], "B": ["A"], "C": ["B"], "D": ["C"]}
assert c3_mro(chain, "D") == ["D", "C", "B", "A"], "single inheritance: a straight line"
two_roots = {"Json": [], "Repr": [], "Model": [], "Job": ["Json", "Repr", "Model"], "Nightly": ["Job", "Repr"]}
for cls in two_roots:
    assert c3_mro(two_roots, cls) == python_mro(two_roots, cls), f"{cls}: expected {python_mro(two_roots, cls)}"
wide = {"O": [], "X": ["O"], "Y": ["O"], "Z": ["X", "Y"], "W": ["Y", "X"], "V": ["Z"], "U": ["V", "X"]}
for cls in wide:
    assert c3_mro(wide, cls) == python_mro(wide, cls), f"{cls}: expected {python_mro(wide, cls)}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import copy

for table, name in (({"A": [], "B": ["A"], "C": ["A", "B"]}, "C"),
                    ({"O": [], "X": ["O"], "Y": ["O"], "Z": ["X", "Y"], "W": ["Y", "X"], "Q": ["Z", "W"]}, "Q")):
    try:
        c3_mro(table, name)
    except TypeError as err:
        assert name in str(err), f"the error names the class {name!r}: {err}"
    else:
        raise AssertionError(f"{name}: the order asked for is contradictory, so TypeError (Python refuses this class too)")
table = {"Stage": [], "Retrying": ["Stage"], "Timed": ["Stage"], "Robust": ["Retrying", "Timed"]}
snapshot = copy.deepcopy(table)
c3_mro(table, "Robust")
assert table == snapshot, "c3_mro must not modify the table it is given"

# %% course={"kind": "wrong", "id": "depth-first", "fails": ["t1", "t2", "t3"]}
def c3_mro(bases, name):
    order = [name]
    for parent in bases[name]:  # depth-first, left to right, first visit wins
        for cls in c3_mro(bases, parent):
            if cls not in order:
                order.append(cls)
    return order

# %% course={"kind": "wrong", "id": "depth-first-last-wins", "fails": ["t2", "t3"]}
def c3_mro(bases, name):
    order = [name]
    for parent in bases[name]:  # the old "keep the last occurrence" rule: right for diamonds only
        for cls in c3_mro(bases, parent):
            if cls in order:
                order.remove(cls)
            order.append(cls)
    return order

# %% course={"kind": "wrong", "id": "pops-from-bases", "fails": ["t1", "t2", "t3"]}
def c3_mro(bases, name):
    lists = [c3_mro(bases, parent) for parent in bases[name]] + [bases[name]]
    result = [name]
    while any(lists):
        for seq in lists:
            if seq and not any(seq[0] in other[1:] for other in lists):
                head = seq[0]
                break
        else:
            raise TypeError(f"no consistent order for {name}")
        result.append(head)
        for seq in lists:
            if seq and seq[0] == head:
                seq.pop(0)  # empties the caller's lists of parents
    return result

# %% [markdown] course={"kind": "exercise", "id": "memory-quantity"}
# ### Memory sizes that add, compare and sum: operator overloading
#
# Kubernetes writes memory as `"512Mi"` or `"2G"`. Complete `Memory` so that sizes behave like numbers:
#
# - `Memory(n_bytes)` takes an `int` of 0 or more: a `bool` or another type raises `TypeError`, a
#   negative number `ValueError`. The value is kept in `.bytes`.
# - `Memory.parse(text)`: ASCII digits and an optional unit from `UNITS` (`k M G T` are powers of
#   1000, `Ki Mi Gi Ti` powers of 1024), surrounding whitespace ignored; anything else is `ValueError`.
# - `a + b` gives a new `Memory`; `sum([...])` works (it starts from `0`); `m * 3` and `3 * m` scale
#   by an `int`. Any other operand type must make Python raise `TypeError`: return `NotImplemented`.
# - `==`, `<` (the other comparisons come from `@functools.total_ordering`) compare bytes;
#   a `Memory` is never equal to a plain number, and equal sizes have equal hashes.
# - `str(m)` uses the largest of `Ti Gi Mi Ki` that divides the size exactly, else plain bytes;
#   `repr(m)` is `Memory(<bytes>)`.
#
# ```python
# total = sum(Memory.parse(q) for q in ["512Mi", "1Gi", "512Mi"])
# str(total), total > Memory.parse("1G")     # ('2Gi', True)
# Memory.parse("1Gi") + 1                    # TypeError
# ```

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?", text.strip())`: `[0-9]` rather than `\d`, which
# also matches digits of other scripts. In `__add__`, start with
# `if not isinstance(other, Memory): return NotImplemented`.

# %% [markdown] course={"kind": "hint"}
# `__radd__(self, other)` is what `0 + Memory(...)` calls: return `self` (or a copy) when `other == 0`,
# else `NotImplemented`. `__hash__` can return `hash(self.bytes)`. In `__mul__`, reject `bool` first:
# `isinstance(True, int)` is true.

# %% course={"kind": "solution"}
import functools
import re


@functools.total_ordering
class Memory:
    UNITS = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}

    def __init__(self, n_bytes: int) -> None:
        ### BEGIN SOLUTION
        if isinstance(n_bytes, bool) or not isinstance(n_bytes, int):
            raise TypeError(f"Memory needs an int number of bytes, got {type(n_bytes).__name__}")
        if n_bytes < 0:
            raise ValueError(f"a memory size cannot be negative: {n_bytes}")
        self.bytes = n_bytes
        ### END SOLUTION

    @classmethod
    def parse(cls, text: str) -> "Memory":
        ### BEGIN SOLUTION
        match = re.fullmatch(r"([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?", text.strip())
        if match is None:
            raise ValueError(f"not a memory quantity: {text!r}")
        return cls(int(match[1]) * cls.UNITS[match[2] or ""])
        ### END SOLUTION

    def __add__(self, other):
        ### BEGIN SOLUTION
        if not isinstance(other, Memory):
            return NotImplemented
        return Memory(self.bytes + other.bytes)
        ### END SOLUTION

    def __radd__(self, other):
        ### BEGIN SOLUTION
        return Memory(self.bytes) if other == 0 else NotImplemented
        ### END SOLUTION

    def __mul__(self, factor):
        ### BEGIN SOLUTION
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Memory(self.bytes * factor)
        ### END SOLUTION

    __rmul__ = __mul__

    def __eq__(self, other):
        ### BEGIN SOLUTION
        if not isinstance(other, Memory):
            return NotImplemented
        return self.bytes == other.bytes
        ### END SOLUTION

    def __lt__(self, other):
        ### BEGIN SOLUTION
        if not isinstance(other, Memory):
            return NotImplemented
        return self.bytes < other.bytes
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash(self.bytes)
        ### END SOLUTION

    def __str__(self) -> str:
        ### BEGIN SOLUTION
        for unit in ("Ti", "Gi", "Mi", "Ki"):
            size = self.UNITS[unit]
            if self.bytes and self.bytes % size == 0:
                return f"{self.bytes // size}{unit}"
        return str(self.bytes)
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Memory({self.bytes})"
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert Memory.parse("512Mi").bytes == 512 * 1024**2, "Mi is 1024**2 bytes"
assert Memory.parse("2G").bytes == 2_000_000_000, "G is 1000**3 bytes"
total = sum(Memory.parse(q) for q in ["512Mi", "1Gi", "512Mi"])
assert type(total) is Memory and str(total) == "2Gi", f"sum() of Memory values is a Memory: got {total!r}"
assert total > Memory.parse("1G") and Memory.parse("1G") < total, "comparisons work both ways"

# %% course={"kind": "test", "points": 2}
units = {"0": 0, "1": 1, "7k": 7000, "3M": 3 * 10**6, "1T": 10**12, "1Ki": 1024, "3Gi": 3 * 2**30, "2Ti": 2 * 2**40, " 64Mi\n": 64 * 2**20}
for text, size in units.items():
    got = Memory.parse(text)
    assert type(got) is Memory and got.bytes == size, f"parse({text!r}) should be {size} bytes, got {got!r}"
for bad in ("", "Mi", "1.5Gi", "-1Mi", "1 Mi", "1mi", "1KB", "1Kii", "１２Mi", "12Mi5"):
    try:
        Memory.parse(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"parse({bad!r}) must raise ValueError")
for bad, error in ((-1, ValueError), (True, TypeError), (1.0, TypeError), ("1", TypeError)):
    try:
        Memory(bad)
    except error:
        pass
    else:
        raise AssertionError(f"Memory({bad!r}) must raise {error.__name__}")
assert Memory(0).bytes == 0, "zero bytes is a valid size"

# %% course={"kind": "test", "points": 2}
a, b = Memory(1024), Memory(2048)
keep = a
a += b
assert a == Memory(3072) and keep == Memory(1024) and keep.bytes == 1024, "+ makes a new Memory; the old one is unchanged"
assert a * 2 == Memory(6144) and 2 * a == Memory(6144), "* by an int works on either side"
assert sum([]) == 0 and sum([Memory(5)]) == Memory(5), "sum of one Memory is that size"
for operation in (lambda: Memory(1) + 1, lambda: 1 + Memory(1), lambda: Memory(1) * 1.5, lambda: Memory(1) * True,
                  lambda: Memory(1) * Memory(2), lambda: Memory(1) < 2, lambda: Memory(1) >= 0, lambda: sum([Memory(1)], 5)):
    try:
        operation()
    except TypeError:
        pass
    else:
        raise AssertionError("mixing Memory with numbers (other than * int and sum's 0) must raise TypeError")

# %% course={"kind": "test", "points": 2}
assert Memory(1) != 1 and not (Memory(0) == 0) and Memory(5) != "5", "a Memory never equals a plain value"
assert (Memory(5) == 5) is False and (Memory(5) != 5) is True, "== with a number answers False (NotImplemented lets Python decide)"
assert Memory.parse("1Ki") == Memory(1024) and not (Memory(1024) != Memory(1024)), "equal sizes are equal"
sizes = [Memory.parse(q) for q in ["1Gi", "512Mi", "1G", "1Ki", "0"]]
assert [str(m) for m in sorted(sizes)] == ["0", "1Ki", "512Mi", "1000000000", "1Gi"], f"sorted: {[str(m) for m in sorted(sizes)]}"
assert max(sizes) == Memory(2**30) and min(sizes) == Memory(0), "max and min use <"
assert Memory(5) <= Memory(5) and Memory(5) >= Memory(5) and not Memory(5) < Memory(5), "both ends of <="
limits = {Memory.parse("1Gi"): "large", Memory.parse("512Mi"): "small"}
assert limits[Memory(2**30)] == "large" and len({Memory(7), Memory(7)}) == 1, "equal sizes hash alike (usable as keys)"

# %% course={"kind": "test", "points": 1}
cases = {0: "0", 1: "1", 1000: "1000", 1024: "1Ki", 1536: "1536", 3 * 2**20: "3Mi", 1536 * 2**20: "1536Mi",
         2**30: "1Gi", 5 * 2**40: "5Ti", 2**50: "1024Ti", 2**20 + 1024: "1025Ki"}
for size, text in cases.items():
    assert str(Memory(size)) == text, f"str(Memory({size})) should be {text!r}, got {str(Memory(size))!r}"
assert repr(Memory(2**20)) == "Memory(1048576)", f"repr: {Memory(2**20)!r}"

# %% course={"kind": "wrong", "id": "raises-instead-of-notimplemented", "fails": ["t1", "t3"]}
import functools
import re


@functools.total_ordering
class Memory:
    UNITS = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}

    def __init__(self, n_bytes):
        if isinstance(n_bytes, bool) or not isinstance(n_bytes, int):
            raise TypeError("int")
        if n_bytes < 0:
            raise ValueError("negative")
        self.bytes = n_bytes

    @classmethod
    def parse(cls, text):
        match = re.fullmatch(r"([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?", text.strip())
        if match is None:
            raise ValueError(text)
        return cls(int(match[1]) * cls.UNITS[match[2] or ""])

    def __add__(self, other):
        return Memory(self.bytes + other.bytes)  # AttributeError for a number; and no __radd__, so sum() fails

    def __mul__(self, factor):
        return Memory(self.bytes * factor)

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Memory) and self.bytes == other.bytes

    def __lt__(self, other):
        return self.bytes < other.bytes

    def __hash__(self):
        return hash(self.bytes)

    def __str__(self):
        for unit in ("Ti", "Gi", "Mi", "Ki"):
            if self.bytes and self.bytes % self.UNITS[unit] == 0:
                return f"{self.bytes // self.UNITS[unit]}{unit}"
        return str(self.bytes)

    def __repr__(self):
        return f"Memory({self.bytes})"

# %% course={"kind": "wrong", "id": "eq-without-hash", "fails": ["t4"]}
import functools
import re


@functools.total_ordering
class Memory:
    UNITS = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}

    def __init__(self, n_bytes):
        if isinstance(n_bytes, bool) or not isinstance(n_bytes, int):
            raise TypeError("int")
        if n_bytes < 0:
            raise ValueError("negative")
        self.bytes = n_bytes

    @classmethod
    def parse(cls, text):
        match = re.fullmatch(r"([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?", text.strip())
        if match is None:
            raise ValueError(text)
        return cls(int(match[1]) * cls.UNITS[match[2] or ""])

    def __add__(self, other):
        return Memory(self.bytes + other.bytes) if isinstance(other, Memory) else NotImplemented

    def __radd__(self, other):
        return Memory(self.bytes) if other == 0 else NotImplemented

    def __mul__(self, factor):
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Memory(self.bytes * factor)

    __rmul__ = __mul__

    def __eq__(self, other):  # defining __eq__ alone sets __hash__ to None: unhashable
        return self.bytes == other.bytes if isinstance(other, Memory) else NotImplemented

    def __lt__(self, other):
        return self.bytes < other.bytes if isinstance(other, Memory) else NotImplemented

    def __str__(self):
        for unit in ("Ti", "Gi", "Mi", "Ki"):
            if self.bytes and self.bytes % self.UNITS[unit] == 0:
                return f"{self.bytes // self.UNITS[unit]}{unit}"
        return str(self.bytes)

    def __repr__(self):
        return f"Memory({self.bytes})"

# %% course={"kind": "wrong", "id": "unicode-digits-and-bool", "fails": ["t2", "t3"]}
import functools
import re


@functools.total_ordering
class Memory:
    UNITS = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}

    def __init__(self, n_bytes):
        if not isinstance(n_bytes, int):  # True is an int
            raise TypeError("int")
        if n_bytes < 0:
            raise ValueError("negative")
        self.bytes = n_bytes

    @classmethod
    def parse(cls, text):
        match = re.fullmatch(r"(\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?", text.strip())  # \d matches '１２' too
        if match is None:
            raise ValueError(text)
        return cls(int(match[1]) * cls.UNITS[match[2] or ""])

    def __add__(self, other):
        return Memory(self.bytes + other.bytes) if isinstance(other, Memory) else NotImplemented

    def __radd__(self, other):
        return Memory(self.bytes) if other == 0 else NotImplemented

    def __mul__(self, factor):
        return Memory(self.bytes * factor) if isinstance(factor, int) else NotImplemented

    __rmul__ = __mul__

    def __eq__(self, other):
        return self.bytes == other.bytes if isinstance(other, Memory) else NotImplemented

    def __lt__(self, other):
        return self.bytes < other.bytes if isinstance(other, Memory) else NotImplemented

    def __hash__(self):
        return hash(self.bytes)

    def __str__(self):
        for unit in ("Ti", "Gi", "Mi", "Ki"):
            if self.bytes and self.bytes % self.UNITS[unit] == 0:
                return f"{self.bytes // self.UNITS[unit]}{unit}"
        return str(self.bytes)

    def __repr__(self):
        return f"Memory({self.bytes})"

# %% [markdown] course={"kind": "exercise", "id": "broadcast"}
# ### Broadcast to anything that can `send`: duck typing with a protocol
#
# An alert must reach every channel: Slack, e-mail, a pager, a webhook. They come from different
# libraries and share no base class; all they have in common is a method `send(message)` that
# returns whether the message was delivered. That is the `Notifier` protocol below (given).
#
# Write `broadcast(notifiers, message)` for any iterable of notifiers:
#
# 1. **First** check every item: one that does not satisfy `Notifier` (no `send` method) raises
#    `TypeError` naming its position and its type, **before anything is sent** to anyone.
# 2. Then call each notifier's `send(message)`, in order, and return a list with one outcome per
#    notifier: `"sent"` when `send` returns a true value, `"failed"` when it returns a false one, and
#    `"error: <exception class name>"` when it raises an `Exception`; one failing channel never stops
#    the others.
#
# ```python
# broadcast([SlackChannel("#ops"), Pager("db-oncall"), BrokenWebhook()], "disk full on db-2")
# # ['sent', 'failed', 'error: ConnectionError']
# ```

# %% [markdown] course={"kind": "hint"}
# `isinstance(obj, Notifier)` works because the protocol is `@runtime_checkable`: it checks that a
# `send` attribute exists, whatever the class. An iterator can be walked only once, so make a list
# of the notifiers before the checking pass.

# %% [markdown] course={"kind": "hint"}
# `for position, item in enumerate(items): if not isinstance(item, Notifier): raise TypeError(...)`.
# Then `try: delivered = n.send(message)` / `except Exception as exc: outcomes.append(f"error: {type(exc).__name__}")`
# / `else: outcomes.append("sent" if delivered else "failed")`.

# %% course={"kind": "solution"}
from typing import Protocol, runtime_checkable


@runtime_checkable
class Notifier(Protocol):
    def send(self, message: str) -> bool: ...


def broadcast(notifiers, message: str) -> list[str]:
    ### BEGIN SOLUTION
    items = list(notifiers)
    for position, item in enumerate(items):
        if not isinstance(item, Notifier):
            raise TypeError(f"notifier {position} is a {type(item).__name__}, which has no send() method")
    outcomes = []
    for item in items:
        try:
            delivered = item.send(message)
        except Exception as exc:
            outcomes.append(f"error: {type(exc).__name__}")
        else:
            outcomes.append("sent" if delivered else "failed")
    return outcomes
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class SlackChannel:
    def __init__(self, room):
        self.room, self.messages = room, []

    def send(self, message):
        self.messages.append(message)
        return True


class Pager:
    def send(self, message):
        return False  # nobody acknowledged


class BrokenWebhook:
    def send(self, message):
        raise ConnectionError("connection refused")


slack = SlackChannel("#ops")
outcomes = broadcast([slack, Pager(), BrokenWebhook()], "disk full on db-2")
assert outcomes == ["sent", "failed", "error: ConnectionError"], f"got {outcomes}"
assert slack.messages == ["disk full on db-2"], "each notifier's own send() receives the message"

# %% course={"kind": "test", "points": 2}
slack = SlackChannel("#ops")
try:
    broadcast([slack, 42, SlackChannel("#dev")], "deploy done")
except TypeError as err:
    assert "1" in str(err) and "int" in str(err), f"the error names the position (1) and the type (int): {err}"
else:
    raise AssertionError("an item without send() must raise TypeError")
assert slack.messages == [], "nothing may be sent before every notifier has been checked"
assert broadcast([], "x") == [] and broadcast(iter([]), "x") == [], "no notifiers, no outcomes"
### BEGIN HIDDEN TESTS
rooms = [SlackChannel("#a"), SlackChannel("#b")]
assert broadcast((r for r in rooms), "hi") == ["sent", "sent"], "a generator of notifiers works (checked, then sent to)"
assert [r.messages for r in rooms] == [["hi"], ["hi"]], "each one gets the message once"
try:
    broadcast([SlackChannel("#a"), "not a notifier"], "x")
except TypeError as err:
    assert "str" in str(err), f"the error names the type: {err}"
else:
    raise AssertionError("a str has no send(): TypeError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class Flaky:
    def __init__(self):
        self.calls = 0

    def send(self, message):
        self.calls += 1
        raise TimeoutError("no answer")


class Counts:
    def __init__(self, value):
        self.value = value

    def send(self, message):
        return self.value


flaky, after = Flaky(), SlackChannel("#after")
result = broadcast([flaky, after, Counts(0), Counts(None), Counts(""), Counts(1), Counts("queued")], "cpu 99%")
assert result == ["error: TimeoutError", "sent", "failed", "failed", "failed", "sent", "sent"], f"got {result}"
assert flaky.calls == 1 and after.messages == ["cpu 99%"], "a failing channel never stops the others, and is not retried"

# %% course={"kind": "wrong", "id": "checks-while-sending", "fails": ["t2"]}
from typing import Protocol, runtime_checkable


@runtime_checkable
class Notifier(Protocol):
    def send(self, message: str) -> bool: ...


def broadcast(notifiers, message):
    outcomes = []
    for position, item in enumerate(notifiers):
        if not isinstance(item, Notifier):  # too late: the earlier ones were already sent to
            raise TypeError(f"notifier {position} is a {type(item).__name__}")
        try:
            outcomes.append("sent" if item.send(message) else "failed")
        except Exception as exc:
            outcomes.append(f"error: {type(exc).__name__}")
    return outcomes

# %% course={"kind": "wrong", "id": "two-passes-over-iterator", "fails": ["t2"]}
from typing import Protocol, runtime_checkable


@runtime_checkable
class Notifier(Protocol):
    def send(self, message: str) -> bool: ...


def broadcast(notifiers, message):
    for position, item in enumerate(notifiers):
        if not isinstance(item, Notifier):
            raise TypeError(f"notifier {position} is a {type(item).__name__}")
    outcomes = []
    for item in notifiers:  # a generator is already used up by the first loop
        try:
            outcomes.append("sent" if item.send(message) else "failed")
        except Exception as exc:
            outcomes.append(f"error: {type(exc).__name__}")
    return outcomes

# %% course={"kind": "wrong", "id": "stops-at-first-error", "fails": ["t3"]}
from typing import Protocol, runtime_checkable


@runtime_checkable
class Notifier(Protocol):
    def send(self, message: str) -> bool: ...


def broadcast(notifiers, message):
    items = list(notifiers)
    for position, item in enumerate(items):
        if not isinstance(item, Notifier):
            raise TypeError(f"notifier {position} is a {type(item).__name__}")
    outcomes = []
    try:
        for item in items:
            outcomes.append("sent" if item.send(message) else "failed")
    except Exception as exc:  # one broken channel silences all the ones after it
        outcomes.append(f"error: {type(exc).__name__}")
    return outcomes

# %% [markdown] course={"kind": "exercise", "id": "check-setting"}
# ### Type-checking configuration values: `isinstance` or `type`?
#
# Write `check_setting(name, value, expected)` for a config loader. `expected` is a class. Return
# the value when it is acceptable, else raise `TypeError("<name>: expected <expected class name>, got
# <value's class name>")`. Acceptable means:
#
# - `value` is an instance of `expected` **or of any subclass** (a `PosixPath` is a `Path`, an
#   `OrderedDict` is a `dict`): return the value itself;
# - **except** that `True`/`False` are never accepted where `int` or `float` is expected (`bool` is a
#   subclass of `int`, and `port: true` in a YAML file is a mistake, not port 1);
# - an `int` is accepted where `float` is expected and returned converted to `float`.
#
# ```python
# check_setting("timeout", 30, float)     # 30.0
# check_setting("port", True, int)        # TypeError: port: expected int, got bool
# check_setting("root", Path("/srv"), Path)   # PosixPath('/srv'), the same object
# ```

# %% [markdown] course={"kind": "hint"}
# `type(value) is expected` rejects subclasses, which the first rule accepts; `isinstance` accepts
# them, and `bool` too, which the second rule forbids. Deal with `bool` first.

# %% [markdown] course={"kind": "hint"}
# Order: (1) a `bool` when `expected` is `int` or `float` fails; (2) `expected is float` and the value
# is an `int`: return `float(value)`; (3) `isinstance(value, expected)`: return it; otherwise fail.
# `type(value).__name__` names the value's class (`NoneType` for `None`).

# %% course={"kind": "solution"}
def check_setting(name: str, value, expected: type):
    ### BEGIN SOLUTION
    if isinstance(value, bool) and expected in (int, float):
        acceptable = False
    elif expected is float and isinstance(value, int):
        return float(value)
    else:
        acceptable = isinstance(value, expected)
    if not acceptable:
        raise TypeError(f"{name}: expected {expected.__name__}, got {type(value).__name__}")
    return value
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert check_setting("port", 8080, int) == 8080, "an int is an int"
result = check_setting("timeout", 30, float)
assert result == 30.0 and type(result) is float, f"an int where a float is expected comes back as a float: {result!r}"
try:
    check_setting("port", True, int)
except TypeError as err:
    assert str(err) == "port: expected int, got bool", f"message: {err}"
else:
    raise AssertionError("True is not a port number, although isinstance(True, int) is True")

# %% course={"kind": "test", "points": 2}
from collections import OrderedDict
from pathlib import Path, PurePosixPath

root = Path("/srv/models")
labels = OrderedDict(team="ml")
assert check_setting("root", root, Path) is root, "a PosixPath is a Path: the same object comes back"
assert check_setting("labels", labels, dict) is labels, "an OrderedDict is a dict"
assert check_setting("root", root, PurePosixPath) is root, "and a PosixPath is a PurePosixPath, further up"
assert check_setting("debug", True, bool) is True and check_setting("debug", False, bool) is False, "a bool is fine where bool is expected"
assert check_setting("ratio", 2.5, float) == 2.5, "a float is a float"

# %% course={"kind": "test", "points": 2}
from pathlib import Path

bad = [("port", "8080", int, "port: expected int, got str"), ("port", 80.0, int, "port: expected int, got float"),
       ("timeout", False, float, "timeout: expected float, got bool"), ("debug", 1, bool, "debug: expected bool, got int"),
       ("root", "/srv", Path, "root: expected Path, got str"), ("replicas", None, int, "replicas: expected int, got NoneType"),
       ("labels", [("team", "ml")], dict, "labels: expected dict, got list")]
for name, value, expected, message in bad:
    try:
        check_setting(name, value, expected)
    except TypeError as err:
        assert str(err) == message, f"expected the message {message!r}, got {str(err)!r}"
    else:
        raise AssertionError(f"check_setting({name!r}, {value!r}, {expected.__name__}) must raise TypeError")
### BEGIN HIDDEN TESTS
assert check_setting("name", "", str) == "" and check_setting("replicas", 0, int) == 0, "falsy values are still values"
zero = check_setting("ratio", 0, float)
assert zero == 0.0 and type(zero) is float, "0 where a float is expected is 0.0"
assert check_setting("anything", True, object) is True, "bool is only refused for int and float"
big = check_setting("bytes", 2**70, float)
assert type(big) is float and big == float(2**70), "a large int still converts"
assert check_setting("mode", 0o644, int) == 420 and type(check_setting("mode", 420, int)) is int, "an int stays an int"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "exact-type", "fails": ["t1", "t2", "t3"]}
def check_setting(name, value, expected):
    if type(value) is not expected:  # refuses every subclass, and the int-for-float case
        raise TypeError(f"{name}: expected {expected.__name__}, got {type(value).__name__}")
    return value

# %% course={"kind": "wrong", "id": "plain-isinstance", "fails": ["t1", "t3"]}
def check_setting(name, value, expected):
    if expected is float and isinstance(value, int):
        return float(value)
    if not isinstance(value, expected):  # lets True in as an int
        raise TypeError(f"{name}: expected {expected.__name__}, got {type(value).__name__}")
    return value

# %% course={"kind": "wrong", "id": "no-float-conversion", "fails": ["t1", "t3"]}
def check_setting(name, value, expected):
    if isinstance(value, bool) and expected in (int, float):
        raise TypeError(f"{name}: expected {expected.__name__}, got bool")
    if expected is float and isinstance(value, int):
        return value  # 30 stays an int
    if not isinstance(value, expected):
        raise TypeError(f"{name}: expected {expected.__name__}, got {type(value).__name__}")
    return value

# %% [markdown] course={"kind": "exercise", "id": "storage-backends", "item": "x-create-an-abstract-storagebackend-with"}
# ### An abstract `StorageBackend` with `FileStorage` and `S3Storage`
#
# Model artefacts, reports and state files end up on a local disk in development and in S3 in
# production. Write the whole cell, below the imports it starts with (until the classes exist,
# each test cell reports the first name it cannot find):
#
# - `StorageBackend`, an **abstract** base class (`abc.ABC`) with four abstract methods:
#   `read(key) -> bytes` (`KeyError(key)` when there is no such key), `write(key, data: bytes)`,
#   `delete(key)` (a missing key is **not** an error, as on S3) and `keys(prefix="") -> list[str]`
#   (every key starting with `prefix`, sorted). It also has three concrete methods, written once:
#   `check_key(key)` returns `key` or raises `ValueError` when `key` is empty or has an empty, `.` or
#   `..` part between its `/` (so `"/etc/x"`, `"a//b"`, `"dir/"`, `"../x"` are refused);
#   `exists(key)` and `copy_to(other, key)` (copy one key into **any** other backend), both built
#   on the abstract methods.
# - `FileStorage(root)`: key `"models/churn/v3.bin"` is the file `root/models/churn/v3.bin`
#   (folders made as needed). Reading a key that is a folder is a `KeyError` too.
# - `S3Storage(client, bucket)` over a boto3-style client (here the `FakeS3Client` from the setup
#   cell): `put_object`, `get_object` (a missing key raises `client.exceptions.NoSuchKey`),
#   `delete_object`, and `list_objects_v2`, which returns at most one **page** of keys per call
#   and leaves `"Contents"` out when a page is empty.
#
# Every public method of both backends calls `check_key` first.
#
# ```python
# s3 = S3Storage(FakeS3Client(), "artefacts")
# s3.write("models/churn/v3.bin", b"\x00\x01")
# s3.keys("models/")          # ['models/churn/v3.bin']
# s3.copy_to(FileStorage("/tmp/cache"), "models/churn/v3.bin")
# ```

# %% [markdown] course={"kind": "hint"}
# Decorate each of the four methods with `@abstractmethod` and give them only a docstring. `exists`
# can be `return key in self.keys(key)`; `copy_to` is `other.write(key, self.read(key))`: neither
# knows which backend it runs on. For `check_key`, look at `key.split("/")`.

# %% [markdown] course={"kind": "hint"}
# `FileStorage.keys`: `self.root.rglob("*")`, keep files, `p.relative_to(self.root).as_posix()`.
# `read` catches `FileNotFoundError` and `IsADirectoryError`; `delete` is `unlink(missing_ok=True)`.
# `S3Storage.keys` loops: call `list_objects_v2(Bucket=..., Prefix=prefix)` (plus
# `ContinuationToken=token` after the first page), collect `reply.get("Contents", [])`, stop when
# `reply["IsTruncated"]` is false.

# %% course={"kind": "solution"}
from abc import ABC, abstractmethod
from pathlib import Path

### BEGIN SOLUTION


class StorageBackend(ABC):
    """One interface for every place bytes can live."""

    @abstractmethod
    def read(self, key: str) -> bytes:
        """The bytes stored under ``key``; KeyError(key) if there are none."""

    @abstractmethod
    def write(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``, replacing what was there."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key``; a missing key is not an error."""

    @abstractmethod
    def keys(self, prefix: str = "") -> list[str]:
        """Every key that starts with ``prefix``, sorted."""

    @staticmethod
    def check_key(key: str) -> str:
        parts = key.split("/")
        if "" in parts or "." in parts or ".." in parts:
            raise ValueError(f"not a valid storage key: {key!r}")
        return key

    def exists(self, key: str) -> bool:
        return self.check_key(key) in self.keys(key)

    def copy_to(self, other: "StorageBackend", key: str) -> None:
        other.write(key, self.read(key))


class FileStorage(StorageBackend):
    def __init__(self, root) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / self.check_key(key)

    def read(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> list[str]:
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))


class S3Storage(StorageBackend):
    def __init__(self, client, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    def read(self, key: str) -> bytes:
        try:
            reply = self.client.get_object(Bucket=self.bucket, Key=self.check_key(key))
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None
        return reply["Body"].read()

    def write(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.check_key(key), Body=data)

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.check_key(key))

    def keys(self, prefix: str = "") -> list[str]:
        found: list[str] = []
        request = {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            reply = self.client.list_objects_v2(**request)
            found += [item["Key"] for item in reply.get("Contents", [])]
            if not reply["IsTruncated"]:
                return found  # S3 lists in UTF-8 byte order, which is the order of sorted() on str
            request["ContinuationToken"] = reply["NextContinuationToken"]
### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    disk = FileStorage(tmp)
    disk.write("models/churn/v3.bin", b"\x00\x01")
    disk.write("reports/daily.csv", b"host,cpu\n")
    assert Path(tmp, "models", "churn", "v3.bin").read_bytes() == b"\x00\x01", "a key is a path under root"
    assert disk.read("reports/daily.csv") == b"host,cpu\n", "read returns what write stored"
    assert disk.keys() == ["models/churn/v3.bin", "reports/daily.csv"], f"keys(): {disk.keys()}"
    assert disk.keys("models/") == ["models/churn/v3.bin"], "keys(prefix) filters"

# %% course={"kind": "test", "points": 2}
client = FakeS3Client(page_size=2)
s3 = S3Storage(client, "artefacts")
assert s3.keys() == [], "an empty bucket has no keys (and its reply has no 'Contents')"
for name in ["e", "a", "d", "c", "b"]:
    s3.write(f"logs/{name}.txt", name.encode())
assert client.buckets["artefacts"]["logs/a.txt"] == b"a", "write puts the object into the given bucket"
assert s3.keys() == ["logs/a.txt", "logs/b.txt", "logs/c.txt", "logs/d.txt", "logs/e.txt"], \
    f"five keys come back in three pages of at most two: follow NextContinuationToken; got {s3.keys()}"
assert s3.keys("logs/c") == ["logs/c.txt"] and s3.keys("nope/") == [], "keys(prefix) passes the prefix to S3"
assert s3.read("logs/d.txt") == b"d", "read returns the object's bytes"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    for store in (FileStorage(Path(tmp, "store")), S3Storage(FakeS3Client(page_size=3), "bkt")):
        kind = type(store).__name__
        assert store.keys() == [], f"{kind}: a new store is empty"
        store.write("state/empty.lock", b"")
        store.write("state/tf.json", b"{}")
        store.write("state/tf.json", b'{"v": 2}')
        assert store.read("state/empty.lock") == b"" and store.exists("state/empty.lock"), f"{kind}: an empty value is still there"
        assert store.read("state/tf.json") == b'{"v": 2}', f"{kind}: write replaces"
        assert store.exists("state/tf.json") and not store.exists("state/tf"), f"{kind}: exists() means this exact key"
        for missing in ("state/nope.json", "state"):
            try:
                store.read(missing)
            except KeyError as err:
                assert err.args == (missing,), f"{kind}: KeyError carries the key: {err!r}"
            else:
                raise AssertionError(f"{kind}: reading {missing!r} must raise KeyError")
        store.delete("state/tf.json")
        store.delete("state/tf.json")  # already gone: not an error
        assert store.keys("state/") == ["state/empty.lock"], f"{kind}: after delete: {store.keys()}"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as tmp:
    disk, s3 = FileStorage(tmp), S3Storage(FakeS3Client(page_size=1), "b")
    disk.write("a/model.bin", b"weights")
    disk.copy_to(s3, "a/model.bin")
    assert s3.read("a/model.bin") == b"weights", "copy_to works from disk to S3..."
    s3.write("b/z", b"1")
    s3.write("b/y", "ü".encode())
    s3.copy_to(disk, "b/y")
    assert disk.read("b/y") == "ü".encode() and disk.keys("b/") == ["b/y"], "...and from S3 to disk"
    assert s3.keys("b/") == ["b/y", "b/z"] and s3.exists("b/z") and not s3.exists("b/x"), "page size 1 still lists all"
    try:
        disk.copy_to(s3, "missing")
    except KeyError:
        pass
    else:
        raise AssertionError("copying a missing key raises KeyError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert issubclass(FileStorage, StorageBackend) and issubclass(S3Storage, StorageBackend), "both backends are StorageBackends"
assert StorageBackend.__abstractmethods__ == frozenset({"read", "write", "delete", "keys"}), \
    f"exactly read, write, delete and keys are abstract: {sorted(StorageBackend.__abstractmethods__)}"
try:
    StorageBackend()
except TypeError as err:
    assert "read" in str(err), f"the error names the missing methods: {err}"
else:
    raise AssertionError("StorageBackend is abstract: creating one must raise TypeError")


class HalfDone(StorageBackend):
    def read(self, key): return b""
    def write(self, key, data): pass
    def delete(self, key): pass


try:
    HalfDone()
except TypeError as err:
    assert "keys" in str(err), f"the error names the one missing method, keys: {err}"
else:
    raise AssertionError("a backend without keys() must not be instantiable")
for cls in (FileStorage, S3Storage):
    for name in ("exists", "copy_to", "check_key"):
        assert name not in vars(cls), f"{cls.__name__} must inherit {name} from StorageBackend, not define it again"


class DictStorage(StorageBackend):
    def __init__(self): self.data = {}
    def read(self, key): return self.data[key]
    def write(self, key, data): self.data[key] = data
    def delete(self, key): self.data.pop(key, None)
    def keys(self, prefix=""): return sorted(k for k in self.data if k.startswith(prefix))


memory = DictStorage()
memory.write("x/1", b"one")
assert memory.exists("x/1") and not memory.exists("x/2"), "exists() works for any backend, built on keys()"
other = DictStorage()
memory.copy_to(other, "x/1")
assert other.data == {"x/1": b"one"}, "copy_to() works for any pair of backends"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "root")
    for store in (FileStorage(root), S3Storage(FakeS3Client(), "bkt")):
        absolute = Path(tmp, "absolute.txt").as_posix()  # inside the temp folder, even if a mistake writes it
        for bad in ("", absolute, "../outside.txt", "a/../../b", "a//b", "dir/", "./x", "a/./b"):
            for attempt in (lambda: store.write(bad, b"x"), lambda: store.read(bad), lambda: store.delete(bad), lambda: store.exists(bad)):
                try:
                    attempt()
                except ValueError:
                    pass
                else:
                    raise AssertionError(f"{type(store).__name__}: key {bad!r} must raise ValueError in every method")
    assert sorted(p.name for p in Path(tmp).rglob("*")) == [], f"nothing may be written anywhere: {list(Path(tmp).rglob('*'))}"
    assert StorageBackend.check_key("a.b/..c/x..") == "a.b/..c/x..", "dots inside a name are fine"
    assert FileStorage(root).keys() == [], "a root that does not exist yet is simply empty"

# %% course={"kind": "wrong", "id": "s3-one-page", "fails": ["t2", "t3"]}
from abc import ABC, abstractmethod
from pathlib import Path


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key): ...

    @abstractmethod
    def write(self, key, data): ...

    @abstractmethod
    def delete(self, key): ...

    @abstractmethod
    def keys(self, prefix=""): ...

    @staticmethod
    def check_key(key):
        parts = key.split("/")
        if "" in parts or "." in parts or ".." in parts:
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)

    def copy_to(self, other, key):
        other.write(key, self.read(key))


class FileStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))


class S3Storage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def read(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.check_key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None

    def write(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=self.check_key(key), Body=data)

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self.check_key(key))

    def keys(self, prefix=""):
        reply = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)  # only the first page
        return [item["Key"] for item in reply.get("Contents", [])]

# %% course={"kind": "wrong", "id": "s3-contents-always-there", "fails": ["t2", "t3"]}
from abc import ABC, abstractmethod
from pathlib import Path


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key): ...

    @abstractmethod
    def write(self, key, data): ...

    @abstractmethod
    def delete(self, key): ...

    @abstractmethod
    def keys(self, prefix=""): ...

    @staticmethod
    def check_key(key):
        parts = key.split("/")
        if "" in parts or "." in parts or ".." in parts:
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)

    def copy_to(self, other, key):
        other.write(key, self.read(key))


class FileStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))


class S3Storage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def read(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.check_key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None

    def write(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=self.check_key(key), Body=data)

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self.check_key(key))

    def keys(self, prefix=""):
        found, request = [], {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            reply = self.client.list_objects_v2(**request)
            found += [item["Key"] for item in reply["Contents"]]  # KeyError when the page is empty
            if not reply["IsTruncated"]:
                return found
            request["ContinuationToken"] = reply["NextContinuationToken"]

# %% course={"kind": "wrong", "id": "not-really-abstract", "fails": ["t4"]}
from pathlib import Path


class StorageBackend:  # "abstract" by convention only: nothing stops StorageBackend() or a half-done subclass
    def read(self, key):
        raise NotImplementedError

    def write(self, key, data):
        raise NotImplementedError

    def delete(self, key):
        raise NotImplementedError

    def keys(self, prefix=""):
        raise NotImplementedError

    @staticmethod
    def check_key(key):
        parts = key.split("/")
        if "" in parts or "." in parts or ".." in parts:
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)

    def copy_to(self, other, key):
        other.write(key, self.read(key))


class FileStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))


class S3Storage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def read(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.check_key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None

    def write(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=self.check_key(key), Body=data)

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self.check_key(key))

    def keys(self, prefix=""):
        found, request = [], {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            reply = self.client.list_objects_v2(**request)
            found += [item["Key"] for item in reply.get("Contents", [])]
            if not reply["IsTruncated"]:
                return found
            request["ContinuationToken"] = reply["NextContinuationToken"]

# %% course={"kind": "wrong", "id": "file-delete-and-traversal", "fails": ["t3", "t5"]}
from abc import ABC, abstractmethod
from pathlib import Path


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key): ...

    @abstractmethod
    def write(self, key, data): ...

    @abstractmethod
    def delete(self, key): ...

    @abstractmethod
    def keys(self, prefix=""): ...

    @staticmethod
    def check_key(key):
        if not key or key.startswith("/"):  # forgets '..', '.', and empty parts
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)

    def copy_to(self, other, key):
        other.write(key, self.read(key))


class FileStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def delete(self, key):
        self._path(key).unlink()  # FileNotFoundError for a missing key: S3 does not complain

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))


class S3Storage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def read(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.check_key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None

    def write(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=self.check_key(key), Body=data)

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self.check_key(key))

    def keys(self, prefix=""):
        found, request = [], {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            reply = self.client.list_objects_v2(**request)
            found += [item["Key"] for item in reply.get("Contents", [])]
            if not reply["IsTruncated"]:
                return found
            request["ContinuationToken"] = reply["NextContinuationToken"]

# %% [markdown] course={"kind": "exercise", "id": "alerter-composition", "item": "x-refactor-an-inheritance-hierarchy-to-use"}
# ### Refactor: from a tower of alerter subclasses to composed parts
#
# The code at the top of the cell below is an alerting module that grew by subclassing:
# `OldSlackAlerter` changes the format, `OldDedupSlackAlerter` adds "send each key once",
# `OldLimitedDedupSlackAlerter` adds "at most 3 alerts". E-mail with a limit but no dedup would need
# yet another subclass, and so would every other mix. Replace it with composition:
#
# - **formats** `PlainFormat` and `SlackFormat`, each with `render(key, text) -> str` producing the
#   same text as `OldAlerter` and `OldSlackAlerter`;
# - **policies** `Dedup()` and `Limit(n)`, each with `allow(key) -> bool` (may this alert go out?
#   a pure question: it changes nothing) and `delivered(key)` (told after an alert went out);
# - `Alerter(fmt, policies=())`, a plain class (it inherits from nothing): `send(key, text)` asks
#   every policy; if all allow, it appends `fmt.render(key, text)` to `self.delivered`, tells every
#   policy `delivered(key)` and returns `True`; otherwise it returns `False`. It keeps its **own
#   list** of the policies, and works with **any** object that has the right methods.
#
# The old classes must still match: `Alerter(SlackFormat(), [Limit(3), Dedup()])` delivers exactly
# what `OldLimitedDedupSlackAlerter()` delivers, for any sequence of alerts.
#
# ```python
# alerter = Alerter(SlackFormat(), [Dedup()])
# alerter.send("disk-full", "db-2 at 97%"), alerter.send("disk-full", "db-2 at 98%")   # (True, False)
# alerter.delivered        # [':warning: *disk-full* db-2 at 97%']
# ```

# %% [markdown] course={"kind": "hint"}
# Each old class's extra behaviour becomes one small class: the old `render` overrides are the
# formats; `OldDedup...`'s `allow`/`after_delivery` pair is `Dedup`; the `len(self.delivered) <
# self.limit` check is `Limit`, which counts in `delivered()` the alerts that really went out.

# %% [markdown] course={"kind": "hint"}
# `send`: `if not all(p.allow(key) for p in self.policies): return False`, then append the rendered
# text, then `for p in self.policies: p.delivered(key)`. Never record anything in `allow`: a later
# policy may still refuse the alert. `self.policies = list(policies)` makes the alerter's own list.

# %% course={"kind": "solution"}
# ---- the inheritance version, to be replaced (given: do not change it) ----
class OldAlerter:
    def __init__(self) -> None:
        self.delivered: list[str] = []

    def allow(self, key: str) -> bool:
        return True

    def after_delivery(self, key: str) -> None:
        pass

    def render(self, key: str, text: str) -> str:
        return f"{key}: {text}"

    def send(self, key: str, text: str) -> bool:
        if not self.allow(key):
            return False
        self.delivered.append(self.render(key, text))
        self.after_delivery(key)
        return True


class OldSlackAlerter(OldAlerter):
    def render(self, key: str, text: str) -> str:
        return f":warning: *{key}* {text}"


class OldDedupSlackAlerter(OldSlackAlerter):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def allow(self, key: str) -> bool:
        return key not in self.seen and super().allow(key)

    def after_delivery(self, key: str) -> None:
        self.seen.add(key)
        super().after_delivery(key)


class OldLimitedDedupSlackAlerter(OldDedupSlackAlerter):
    limit = 3

    def allow(self, key: str) -> bool:
        return len(self.delivered) < self.limit and super().allow(key)


# ---- the composed version: yours ----
class PlainFormat:
    def render(self, key: str, text: str) -> str:
        ### BEGIN SOLUTION
        return f"{key}: {text}"
        ### END SOLUTION


class SlackFormat:
    def render(self, key: str, text: str) -> str:
        ### BEGIN SOLUTION
        return f":warning: *{key}* {text}"
        ### END SOLUTION


class Dedup:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self.seen: set[str] = set()
        ### END SOLUTION

    def allow(self, key: str) -> bool:
        ### BEGIN SOLUTION
        return key not in self.seen
        ### END SOLUTION

    def delivered(self, key: str) -> None:
        ### BEGIN SOLUTION
        self.seen.add(key)
        ### END SOLUTION


class Limit:
    def __init__(self, limit: int) -> None:
        ### BEGIN SOLUTION
        self.limit = limit
        self.count = 0
        ### END SOLUTION

    def allow(self, key: str) -> bool:
        ### BEGIN SOLUTION
        return self.count < self.limit
        ### END SOLUTION

    def delivered(self, key: str) -> None:
        ### BEGIN SOLUTION
        self.count += 1
        ### END SOLUTION


class Alerter:
    def __init__(self, fmt, policies=()) -> None:
        ### BEGIN SOLUTION
        self.fmt = fmt
        self.policies = list(policies)
        self.delivered: list[str] = []
        ### END SOLUTION

    def send(self, key: str, text: str) -> bool:
        ### BEGIN SOLUTION
        if not all(policy.allow(key) for policy in self.policies):
            return False
        self.delivered.append(self.fmt.render(key, text))
        for policy in self.policies:
            policy.delivered(key)
        return True
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
alerter = Alerter(SlackFormat(), [Dedup()])
assert (alerter.send("disk-full", "db-2 at 97%"), alerter.send("disk-full", "db-2 at 98%")) == (True, False), \
    "Dedup lets a key through once"
assert alerter.delivered == [":warning: *disk-full* db-2 at 97%"], f"delivered: {alerter.delivered}"
plain = Alerter(PlainFormat())
assert plain.send("cpu", "web-1 at 99%") is True and plain.delivered == ["cpu: web-1 at 99%"], "no policies: everything goes out"

# %% course={"kind": "test", "points": 2}
alerts = [("disk", "97%"), ("cpu", "99%"), ("disk", "98%"), ("mem", "91%"), ("net", "loss 3%"), ("cpu", "100%"),
          ("gpu", "ecc errors"), ("", "empty key"), ("", "again"), ("ünïcode", "naïve")]


def replay(target):
    return [target.send(key, text) for key, text in alerts], target.delivered


pairs = [
    (OldAlerter(), Alerter(PlainFormat())),
    (OldSlackAlerter(), Alerter(SlackFormat())),
    (OldDedupSlackAlerter(), Alerter(SlackFormat(), [Dedup()])),
    (OldLimitedDedupSlackAlerter(), Alerter(SlackFormat(), [Limit(3), Dedup()])),
    (OldLimitedDedupSlackAlerter(), Alerter(SlackFormat(), [Dedup(), Limit(3)])),
]
for old, new in pairs:
    assert replay(new) == replay(old), f"the composed alerter must behave like {type(old).__name__}:\n{replay(new)}"
### BEGIN HIDDEN TESTS
for n in (0, 1, 2, 12):
    old = OldLimitedDedupSlackAlerter()
    old.limit = n
    got, expected = replay(Alerter(SlackFormat(), [Limit(n), Dedup()])), replay(old)
    assert got == expected, f"Limit({n}) must match the old class with limit {n}: {got} != {expected}"
limited = Alerter(PlainFormat(), [Limit(2)])
assert [limited.send("same", str(i)) for i in range(4)] == [True, True, False, False], "Limit alone counts every alert sent"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert Alerter.__mro__ == (Alerter, object), f"Alerter inherits from nothing: {Alerter.__mro__}"
for cls in (PlainFormat, SlackFormat, Dedup, Limit, Alerter):
    assert not issubclass(cls, OldAlerter), f"{cls.__name__} must not reuse the old hierarchy"


class Maintenance:
    """A new policy, written later by someone else: no base class, just the two methods."""

    def __init__(self):
        self.on = False

    def allow(self, key):
        return not self.on

    def delivered(self, key):
        pass


window = Maintenance()
alerter = Alerter(PlainFormat(), [Dedup(), window])
window.on = True
assert alerter.send("db-down", "primary lost") is False, "a refusing policy stops the alert"
window.on = False
assert alerter.send("db-down", "primary lost") is True, \
    "the alert never went out, so Dedup must not remember it: record in delivered(), never in allow()"
assert alerter.send("db-down", "still lost") is False and alerter.delivered == ["db-down: primary lost"], "now it is a duplicate"
alerter.fmt = SlackFormat()
alerter.send("new", "x")
assert alerter.delivered[-1] == ":warning: *new* x", "the format is a part that can be swapped at run time"

# %% course={"kind": "test", "points": 1}
policies = [Dedup()]
alerter = Alerter(PlainFormat(), policies)
policies.append(Limit(0))  # the caller changes its own list afterwards
assert alerter.send("a", "1") is True, "the alerter keeps its own list of policies"
first = Alerter(PlainFormat())
first.policies.append(Limit(0))
second = Alerter(PlainFormat())
assert second.send("b", "2") is True and second.delivered == ["b: 2"] and first.delivered == [], \
    "two alerters share neither policies nor deliveries"

# %% course={"kind": "wrong", "id": "records-in-allow", "fails": ["t3"]}
class OldAlerter:
    def __init__(self):
        self.delivered = []

    def allow(self, key):
        return True

    def after_delivery(self, key):
        pass

    def render(self, key, text):
        return f"{key}: {text}"

    def send(self, key, text):
        if not self.allow(key):
            return False
        self.delivered.append(self.render(key, text))
        self.after_delivery(key)
        return True


class OldSlackAlerter(OldAlerter):
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class OldDedupSlackAlerter(OldSlackAlerter):
    def __init__(self):
        super().__init__()
        self.seen = set()

    def allow(self, key):
        return key not in self.seen and super().allow(key)

    def after_delivery(self, key):
        self.seen.add(key)
        super().after_delivery(key)


class OldLimitedDedupSlackAlerter(OldDedupSlackAlerter):
    limit = 3

    def allow(self, key):
        return len(self.delivered) < self.limit and super().allow(key)


class PlainFormat:
    def render(self, key, text):
        return f"{key}: {text}"


class SlackFormat:
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class Dedup:
    def __init__(self):
        self.seen = set()

    def allow(self, key):
        if key in self.seen:
            return False
        self.seen.add(key)  # remembered even if a later policy refuses the alert
        return True

    def delivered(self, key):
        pass


class Limit:
    def __init__(self, limit):
        self.limit, self.count = limit, 0

    def allow(self, key):
        return self.count < self.limit

    def delivered(self, key):
        self.count += 1


class Alerter:
    def __init__(self, fmt, policies=()):
        self.fmt, self.policies, self.delivered = fmt, list(policies), []

    def send(self, key, text):
        if not all(policy.allow(key) for policy in self.policies):
            return False
        self.delivered.append(self.fmt.render(key, text))
        for policy in self.policies:
            policy.delivered(key)
        return True

# %% course={"kind": "wrong", "id": "limit-counts-questions", "fails": ["t2"]}
class OldAlerter:
    def __init__(self):
        self.delivered = []

    def allow(self, key):
        return True

    def after_delivery(self, key):
        pass

    def render(self, key, text):
        return f"{key}: {text}"

    def send(self, key, text):
        if not self.allow(key):
            return False
        self.delivered.append(self.render(key, text))
        self.after_delivery(key)
        return True


class OldSlackAlerter(OldAlerter):
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class OldDedupSlackAlerter(OldSlackAlerter):
    def __init__(self):
        super().__init__()
        self.seen = set()

    def allow(self, key):
        return key not in self.seen and super().allow(key)

    def after_delivery(self, key):
        self.seen.add(key)
        super().after_delivery(key)


class OldLimitedDedupSlackAlerter(OldDedupSlackAlerter):
    limit = 3

    def allow(self, key):
        return len(self.delivered) < self.limit and super().allow(key)


class PlainFormat:
    def render(self, key, text):
        return f"{key}: {text}"


class SlackFormat:
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class Dedup:
    def __init__(self):
        self.seen = set()

    def allow(self, key):
        return key not in self.seen

    def delivered(self, key):
        self.seen.add(key)


class Limit:
    def __init__(self, limit):
        self.limit, self.count = limit, 0

    def allow(self, key):
        self.count += 1  # counts every question, duplicates that Dedup refuses included
        return self.count <= self.limit

    def delivered(self, key):
        pass


class Alerter:
    def __init__(self, fmt, policies=()):
        self.fmt, self.policies, self.delivered = fmt, list(policies), []

    def send(self, key, text):
        if not all(policy.allow(key) for policy in self.policies):
            return False
        self.delivered.append(self.fmt.render(key, text))
        for policy in self.policies:
            policy.delivered(key)
        return True

# %% course={"kind": "wrong", "id": "alerter-subclasses-format", "fails": ["t3"]}
class OldAlerter:
    def __init__(self):
        self.delivered = []

    def allow(self, key):
        return True

    def after_delivery(self, key):
        pass

    def render(self, key, text):
        return f"{key}: {text}"

    def send(self, key, text):
        if not self.allow(key):
            return False
        self.delivered.append(self.render(key, text))
        self.after_delivery(key)
        return True


class OldSlackAlerter(OldAlerter):
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class OldDedupSlackAlerter(OldSlackAlerter):
    def __init__(self):
        super().__init__()
        self.seen = set()

    def allow(self, key):
        return key not in self.seen and super().allow(key)

    def after_delivery(self, key):
        self.seen.add(key)
        super().after_delivery(key)


class OldLimitedDedupSlackAlerter(OldDedupSlackAlerter):
    limit = 3

    def allow(self, key):
        return len(self.delivered) < self.limit and super().allow(key)


class PlainFormat:
    def render(self, key, text):
        return f"{key}: {text}"


class SlackFormat:
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class Dedup:
    def __init__(self):
        self.seen = set()

    def allow(self, key):
        return key not in self.seen

    def delivered(self, key):
        self.seen.add(key)


class Limit:
    def __init__(self, limit):
        self.limit, self.count = limit, 0

    def allow(self, key):
        return self.count < self.limit

    def delivered(self, key):
        self.count += 1


class Alerter(PlainFormat):  # "is-a format": inheritance again, for reuse only
    def __init__(self, fmt, policies=()):
        self.fmt, self.policies, self.delivered = fmt, list(policies), []

    def send(self, key, text):
        if not all(policy.allow(key) for policy in self.policies):
            return False
        self.delivered.append(self.fmt.render(key, text))
        for policy in self.policies:
            policy.delivered(key)
        return True

# %% course={"kind": "wrong", "id": "shares-callers-list", "fails": ["t4"]}
class OldAlerter:
    def __init__(self):
        self.delivered = []

    def allow(self, key):
        return True

    def after_delivery(self, key):
        pass

    def render(self, key, text):
        return f"{key}: {text}"

    def send(self, key, text):
        if not self.allow(key):
            return False
        self.delivered.append(self.render(key, text))
        self.after_delivery(key)
        return True


class OldSlackAlerter(OldAlerter):
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class OldDedupSlackAlerter(OldSlackAlerter):
    def __init__(self):
        super().__init__()
        self.seen = set()

    def allow(self, key):
        return key not in self.seen and super().allow(key)

    def after_delivery(self, key):
        self.seen.add(key)
        super().after_delivery(key)


class OldLimitedDedupSlackAlerter(OldDedupSlackAlerter):
    limit = 3

    def allow(self, key):
        return len(self.delivered) < self.limit and super().allow(key)


class PlainFormat:
    def render(self, key, text):
        return f"{key}: {text}"


class SlackFormat:
    def render(self, key, text):
        return f":warning: *{key}* {text}"


class Dedup:
    def __init__(self):
        self.seen = set()

    def allow(self, key):
        return key not in self.seen

    def delivered(self, key):
        self.seen.add(key)


class Limit:
    def __init__(self, limit):
        self.limit, self.count = limit, 0

    def allow(self, key):
        return self.count < self.limit

    def delivered(self, key):
        self.count += 1


class Alerter:
    def __init__(self, fmt, policies=[]):  # one default list for every alerter, and the caller's list kept as is
        self.fmt, self.policies, self.delivered = fmt, policies, []

    def send(self, key, text):
        if not all(policy.allow(key) for policy in self.policies):
            return False
        self.delivered.append(self.fmt.render(key, text))
        for policy in self.policies:
            policy.delivered(key)
        return True

# %% [markdown] course={"kind": "exercise", "id": "storage-layer", "item": "project-5-3-2"}
# ### Mini-project: a storage abstraction layer with a factory
#
# The layer so far is given in the cell: an abstract `StorageBackend` (now with an abstract
# **class method** `from_url(url, **options)`: each backend knows how to build itself from a parsed
# URL), a `MemoryStorage` for tests, a `LocalStorage` for disks, and `BACKENDS`, the registry that
# maps a URL scheme to a backend class. Add:
#
# 1. `GCSStorage(client, bucket)` for Google Cloud Storage, over a google-cloud-storage style client
#    (the `FakeGCSClient` of the setup cell): same contract as the others, so `read` of a missing
#    key raises `KeyError(key)` and `delete` of a missing key does nothing, although the client
#    raises `GcsNotFound` for both. `from_url` takes the bucket from `gs://<bucket>` and the client
#    from the option `gcs_client`; a missing bucket or client is a `ValueError`. Register it as `"gs"`.
# 2. `create_storage(url, **options)`, the factory: parse `url` with `urllib.parse.urlsplit`, find
#    the class for its scheme in `BACKENDS` (unknown scheme: `ValueError` listing the known ones)
#    and return `cls.from_url(parts, **options)`. It must not name any backend class: a backend
#    added to `BACKENDS` later works without touching it.
#
# ```python
# store = create_storage("gs://ml-models", gcs_client=FakeGCSClient())
# store.write("churn/v3.onnx", b"...")
# create_storage("memory://").keys()       # []
# create_storage("ftp://old-server")       # ValueError: unknown storage scheme 'ftp' (known: file, gs, memory)
# ```

# %% [markdown] course={"kind": "hint"}
# `GCSStorage` keeps `client` and `bucket`; a helper `self.client.bucket(self.bucket).blob(key)` gives
# the blob for a key. `keys(prefix)` is `[blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix)]`
# (GCS returns names in order). Translate `GcsNotFound` with `try`/`except`.

# %% [markdown] course={"kind": "hint"}
# `from_url` is a `@classmethod`: `def from_url(cls, url, *, gcs_client=None, **options)`, check both
# values, `return cls(gcs_client, url.netloc)`. In `create_storage`, `urlsplit(url).scheme` is already
# lower-case. After the class: `BACKENDS["gs"] = GCSStorage`.

# %% course={"kind": "solution"}
from abc import ABC, abstractmethod
from pathlib import Path
from urllib.parse import SplitResult, urlsplit


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key: str) -> bytes:
        """The bytes under ``key``; KeyError(key) if there are none."""

    @abstractmethod
    def write(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key``; a missing key is not an error."""

    @abstractmethod
    def keys(self, prefix: str = "") -> list[str]:
        """Every key starting with ``prefix``, sorted."""

    @classmethod
    @abstractmethod
    def from_url(cls, url: SplitResult, **options) -> "StorageBackend":
        """A backend built from a parsed URL and the options create_storage() was given."""

    @staticmethod
    def check_key(key: str) -> str:
        if {"", ".", ".."} & set(key.split("/")):
            raise ValueError(f"not a valid storage key: {key!r}")
        return key

    def exists(self, key: str) -> bool:
        return self.check_key(key) in self.keys(key)


class MemoryStorage(StorageBackend):
    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def read(self, key: str) -> bytes:
        try:
            return self.data[self.check_key(key)]
        except KeyError:
            raise KeyError(key) from None

    def write(self, key: str, data: bytes) -> None:
        self.data[self.check_key(key)] = bytes(data)

    def delete(self, key: str) -> None:
        self.data.pop(self.check_key(key), None)

    def keys(self, prefix: str = "") -> list[str]:
        return sorted(k for k in self.data if k.startswith(prefix))

    @classmethod
    def from_url(cls, url: SplitResult, **options) -> "MemoryStorage":
        return cls()


class LocalStorage(StorageBackend):
    def __init__(self, root) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / self.check_key(key)

    def read(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key: str, data: bytes) -> None:
        self._path(key).parent.mkdir(parents=True, exist_ok=True)
        self._path(key).write_bytes(data)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> list[str]:
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))

    @classmethod
    def from_url(cls, url: SplitResult, **options) -> "LocalStorage":
        if url.netloc or not url.path:
            raise ValueError(f"a file URL is file:///absolute/path, got {url.geturl()!r}")
        return cls(url.path)


BACKENDS: dict[str, type[StorageBackend]] = {"file": LocalStorage, "memory": MemoryStorage}

### BEGIN SOLUTION


class GCSStorage(StorageBackend):
    def __init__(self, client, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    def _blob(self, key: str):
        return self.client.bucket(self.bucket).blob(self.check_key(key))

    def read(self, key: str) -> bytes:
        try:
            return self._blob(key).download_as_bytes()
        except GcsNotFound:
            raise KeyError(key) from None

    def write(self, key: str, data: bytes) -> None:
        self._blob(key).upload_from_string(data)

    def delete(self, key: str) -> None:
        try:
            self._blob(key).delete()
        except GcsNotFound:
            pass

    def keys(self, prefix: str = "") -> list[str]:
        return [blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix)]

    @classmethod
    def from_url(cls, url: SplitResult, *, gcs_client=None, **options) -> "GCSStorage":
        if not url.netloc:
            raise ValueError(f"a GCS URL names its bucket: gs://<bucket>, got {url.geturl()!r}")
        if gcs_client is None:
            raise ValueError("gs:// storage needs a client: create_storage(url, gcs_client=...)")
        return cls(gcs_client, url.netloc)


BACKENDS["gs"] = GCSStorage
### END SOLUTION


def create_storage(url: str, **options) -> StorageBackend:
    ### BEGIN SOLUTION
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise ValueError(f"unknown storage scheme {parts.scheme!r} in {url!r} (known: {known})")
    return BACKENDS[parts.scheme].from_url(parts, **options)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
gcs = FakeGCSClient()
store = create_storage("gs://ml-models", gcs_client=gcs)
assert type(store) is GCSStorage and store.bucket == "ml-models", "gs://<bucket> makes a GCSStorage for that bucket"
store.write("churn/v3.onnx", b"\x08\x01")
assert gcs.buckets["ml-models"] == {"churn/v3.onnx": b"\x08\x01"}, "the object lands in the bucket, through the client"
assert type(create_storage("memory://")) is MemoryStorage, "memory:// makes a MemoryStorage"
assert issubclass(GCSStorage, StorageBackend) and BACKENDS["gs"] is GCSStorage, "GCSStorage is a StorageBackend, registered as 'gs'"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    urls = {f"file://{Path(tmp, 'disk').as_posix()}": {}, "memory://": {}, "gs://bkt": {"gcs_client": FakeGCSClient()}}
    for url, options in urls.items():
        store = create_storage(url, **options)
        kind = type(store).__name__
        store.write("b/2", b"two")
        store.write("a/1", b"")
        store.write("b/1", b"one")
        assert store.keys() == ["a/1", "b/1", "b/2"] and store.keys("b/") == ["b/1", "b/2"], f"{kind}: keys: {store.keys()}"
        assert store.read("a/1") == b"" and store.exists("a/1") and not store.exists("a"), f"{kind}: empty value, exact keys"
        try:
            store.read("nope")
        except KeyError as err:
            assert err.args == ("nope",), f"{kind}: KeyError carries the key: {err!r}"
        else:
            raise AssertionError(f"{kind}: reading a missing key raises KeyError")
        store.delete("b/1")
        store.delete("b/1")  # missing now: no error, on every backend
        assert store.keys() == ["a/1", "b/2"], f"{kind}: after delete: {store.keys()}"
        try:
            store.write("../escape", b"x")
        except ValueError:
            pass
        else:
            raise AssertionError(f"{kind}: keys are checked with check_key")
    assert "exists" not in vars(GCSStorage) and "check_key" not in vars(GCSStorage), "GCSStorage inherits exists and check_key"

# %% course={"kind": "test", "points": 2}
for url, options, words in (("ftp://old-server", {}, ["'ftp'", "file, gs, memory"]),
                            ("relative/path", {}, ["known"]),
                            ("gs://bkt", {}, ["gcs_client"]),
                            ("gs:///path-only", {"gcs_client": FakeGCSClient()}, ["bucket"])):
    try:
        create_storage(url, **options)
    except ValueError as err:
        assert all(w in str(err) for w in words), f"create_storage({url!r}): the message should mention {words}: {err}"
    else:
        raise AssertionError(f"create_storage({url!r}, {options}) must raise ValueError")
assert type(create_storage("GS://Bkt", gcs_client=FakeGCSClient())) is GCSStorage, "URL schemes are case-insensitive"
### BEGIN HIDDEN TESTS
try:
    create_storage("file://host/tmp")
except ValueError:
    pass
else:
    raise AssertionError("LocalStorage.from_url still decides what a good file URL is (create_storage passes it on)")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class RecordingStorage(MemoryStorage):
    """A backend added after create_storage was written."""

    built_with: list = []

    @classmethod
    def from_url(cls, url, **options):
        cls.built_with.append((url.scheme, url.netloc, url.path, options))
        return cls()


BACKENDS["rec"] = RecordingStorage
try:
    store = create_storage("rec://cluster-a/data", region="eu", retries=2)
finally:
    del BACKENDS["rec"]
assert type(store) is RecordingStorage, "create_storage finds any backend registered in BACKENDS"
assert RecordingStorage.built_with == [("rec", "cluster-a", "/data", {"region": "eu", "retries": 2})], \
    f"it passes the parsed URL and every option on to from_url: {RecordingStorage.built_with}"
try:
    create_storage("rec://cluster-a")
except ValueError as err:
    assert "rec" in str(err), "once unregistered, the scheme is unknown again"
else:
    raise AssertionError("an unregistered scheme must raise ValueError")

# %% course={"kind": "wrong", "id": "gcs-not-found-leaks", "fails": ["t2"]}
from abc import ABC, abstractmethod
from pathlib import Path
from urllib.parse import urlsplit


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key): ...

    @abstractmethod
    def write(self, key, data): ...

    @abstractmethod
    def delete(self, key): ...

    @abstractmethod
    def keys(self, prefix=""): ...

    @classmethod
    @abstractmethod
    def from_url(cls, url, **options): ...

    @staticmethod
    def check_key(key):
        if {"", ".", ".."} & set(key.split("/")):
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)


class MemoryStorage(StorageBackend):
    def __init__(self):
        self.data = {}

    def read(self, key):
        try:
            return self.data[self.check_key(key)]
        except KeyError:
            raise KeyError(key) from None

    def write(self, key, data):
        self.data[self.check_key(key)] = bytes(data)

    def delete(self, key):
        self.data.pop(self.check_key(key), None)

    def keys(self, prefix=""):
        return sorted(k for k in self.data if k.startswith(prefix))

    @classmethod
    def from_url(cls, url, **options):
        return cls()


class LocalStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        self._path(key).parent.mkdir(parents=True, exist_ok=True)
        self._path(key).write_bytes(data)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))

    @classmethod
    def from_url(cls, url, **options):
        if url.netloc or not url.path:
            raise ValueError(url.geturl())
        return cls(url.path)


BACKENDS = {"file": LocalStorage, "memory": MemoryStorage}


class GCSStorage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def _blob(self, key):
        return self.client.bucket(self.bucket).blob(self.check_key(key))

    def read(self, key):
        return self._blob(key).download_as_bytes()  # GcsNotFound instead of KeyError

    def write(self, key, data):
        self._blob(key).upload_from_string(data)

    def delete(self, key):
        self._blob(key).delete()  # GcsNotFound for a missing key

    def keys(self, prefix=""):
        return [blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix)]

    @classmethod
    def from_url(cls, url, *, gcs_client=None, **options):
        if not url.netloc:
            raise ValueError("a GCS URL names its bucket")
        if gcs_client is None:
            raise ValueError("gs:// needs gcs_client=...")
        return cls(gcs_client, url.netloc)


BACKENDS["gs"] = GCSStorage


def create_storage(url, **options):
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ValueError(f"unknown storage scheme {parts.scheme!r} (known: {', '.join(sorted(BACKENDS))})")
    return BACKENDS[parts.scheme].from_url(parts, **options)

# %% course={"kind": "wrong", "id": "if-chain-factory", "fails": ["t4"]}
from abc import ABC, abstractmethod
from pathlib import Path
from urllib.parse import urlsplit


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key): ...

    @abstractmethod
    def write(self, key, data): ...

    @abstractmethod
    def delete(self, key): ...

    @abstractmethod
    def keys(self, prefix=""): ...

    @classmethod
    @abstractmethod
    def from_url(cls, url, **options): ...

    @staticmethod
    def check_key(key):
        if {"", ".", ".."} & set(key.split("/")):
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)


class MemoryStorage(StorageBackend):
    def __init__(self):
        self.data = {}

    def read(self, key):
        try:
            return self.data[self.check_key(key)]
        except KeyError:
            raise KeyError(key) from None

    def write(self, key, data):
        self.data[self.check_key(key)] = bytes(data)

    def delete(self, key):
        self.data.pop(self.check_key(key), None)

    def keys(self, prefix=""):
        return sorted(k for k in self.data if k.startswith(prefix))

    @classmethod
    def from_url(cls, url, **options):
        return cls()


class LocalStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        self._path(key).parent.mkdir(parents=True, exist_ok=True)
        self._path(key).write_bytes(data)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))

    @classmethod
    def from_url(cls, url, **options):
        if url.netloc or not url.path:
            raise ValueError(url.geturl())
        return cls(url.path)


BACKENDS = {"file": LocalStorage, "memory": MemoryStorage}


class GCSStorage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def _blob(self, key):
        return self.client.bucket(self.bucket).blob(self.check_key(key))

    def read(self, key):
        try:
            return self._blob(key).download_as_bytes()
        except GcsNotFound:
            raise KeyError(key) from None

    def write(self, key, data):
        self._blob(key).upload_from_string(data)

    def delete(self, key):
        try:
            self._blob(key).delete()
        except GcsNotFound:
            pass

    def keys(self, prefix=""):
        return [blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix)]

    @classmethod
    def from_url(cls, url, *, gcs_client=None, **options):
        if not url.netloc:
            raise ValueError("a GCS URL names its bucket")
        if gcs_client is None:
            raise ValueError("gs:// needs gcs_client=...")
        return cls(gcs_client, url.netloc)


BACKENDS["gs"] = GCSStorage


def create_storage(url, **options):
    parts = urlsplit(url)
    if parts.scheme == "file":  # every new backend means editing this function
        return LocalStorage.from_url(parts, **options)
    if parts.scheme == "memory":
        return MemoryStorage()
    if parts.scheme == "gs":
        return GCSStorage.from_url(parts, **options)
    raise ValueError(f"unknown storage scheme {parts.scheme!r} (known: file, gs, memory)")

# %% course={"kind": "wrong", "id": "splits-scheme-by-hand", "fails": ["t3"]}
from abc import ABC, abstractmethod
from pathlib import Path
from urllib.parse import urlsplit


class StorageBackend(ABC):
    @abstractmethod
    def read(self, key): ...

    @abstractmethod
    def write(self, key, data): ...

    @abstractmethod
    def delete(self, key): ...

    @abstractmethod
    def keys(self, prefix=""): ...

    @classmethod
    @abstractmethod
    def from_url(cls, url, **options): ...

    @staticmethod
    def check_key(key):
        if {"", ".", ".."} & set(key.split("/")):
            raise ValueError(key)
        return key

    def exists(self, key):
        return self.check_key(key) in self.keys(key)


class MemoryStorage(StorageBackend):
    def __init__(self):
        self.data = {}

    def read(self, key):
        try:
            return self.data[self.check_key(key)]
        except KeyError:
            raise KeyError(key) from None

    def write(self, key, data):
        self.data[self.check_key(key)] = bytes(data)

    def delete(self, key):
        self.data.pop(self.check_key(key), None)

    def keys(self, prefix=""):
        return sorted(k for k in self.data if k.startswith(prefix))

    @classmethod
    def from_url(cls, url, **options):
        return cls()


class LocalStorage(StorageBackend):
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / self.check_key(key)

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise KeyError(key) from None

    def write(self, key, data):
        self._path(key).parent.mkdir(parents=True, exist_ok=True)
        self._path(key).write_bytes(data)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix=""):
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix))

    @classmethod
    def from_url(cls, url, **options):
        if url.netloc or not url.path:
            raise ValueError(url.geturl())
        return cls(url.path)


BACKENDS = {"file": LocalStorage, "memory": MemoryStorage}


class GCSStorage(StorageBackend):
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def _blob(self, key):
        return self.client.bucket(self.bucket).blob(self.check_key(key))

    def read(self, key):
        try:
            return self._blob(key).download_as_bytes()
        except GcsNotFound:
            raise KeyError(key) from None

    def write(self, key, data):
        self._blob(key).upload_from_string(data)

    def delete(self, key):
        try:
            self._blob(key).delete()
        except GcsNotFound:
            pass

    def keys(self, prefix=""):
        return [blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix)]

    @classmethod
    def from_url(cls, url, *, gcs_client=None, **options):
        if not url.netloc:
            raise ValueError("a GCS URL names its bucket")
        if gcs_client is None:
            raise ValueError("gs:// needs gcs_client=...")
        return cls(gcs_client, url.netloc)


BACKENDS["gs"] = GCSStorage


def create_storage(url, **options):
    scheme = url.split("://")[0] if "://" in url else ""  # 'GS' stays upper-case
    if scheme not in BACKENDS:
        raise ValueError(f"unknown storage scheme {scheme!r} (known: {', '.join(sorted(BACKENDS))})")
    return BACKENDS[scheme].from_url(urlsplit(url), **options)

# %% [markdown] course={"kind": "task", "id": "storage-layer-s3-and-contract", "item": "project-5-3-2", "points": 3}
# ### Finish the layer: S3 in the registry, and one contract test for every backend
#
# In a cell of your own (or a small package next to the notebook):
#
# 1. Give your `S3Storage` from the exercise above a `from_url` (bucket from `s3://<bucket>`, client
#    from an `s3_client` option) and register it, so that `create_storage("s3://...", s3_client=...)` works.
# 2. Write **one** function `check_backend(store)` that asserts the whole contract (round trip,
#    overwrite, empty value, `KeyError` with the key, idempotent `delete`, sorted `keys` with and
#    without a prefix, refused keys) and run it on all four backends. Add a backend that breaks
#    the contract on purpose and show that `check_backend` catches it.
# 3. In three or four sentences: what would you change so that `create_storage` can also read a
#    default URL from an environment variable (`STORAGE_URL`) in production, and why does that
#    change not touch any backend class?

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `S3Storage.from_url` validates the bucket and the client option like `GCSStorage.from_url`;
#   registration happens once, outside `create_storage`, whose code is unchanged.
# - 1 point: `check_backend` covers every item of the contract, runs unchanged against all four
#   backends (polymorphism, no `isinstance` branches), and fails on the deliberately broken backend.
# - 1 point: the answer puts the environment lookup in the factory (or a small wrapper around it),
#   explains that backends only receive a parsed URL and options, and mentions a clear error when
#   the variable is missing.

# %% [markdown] course={"kind": "exercise", "id": "plugin-system", "item": "project-5-3-1"}
# ### Mini-project: a plugin system
#
# Health checks, report generators and deploy hooks are often **plugins**: classes written by other
# teams, loaded by name from configuration, run by one manager that knows only their base class.
# Write the whole cell, below its imports:
#
# - `Plugin`, an abstract base class: an abstract **property** `name`, an abstract method
#   `run(context: dict) -> dict`, a class attribute `priority = 100` (lower runs first) and a
#   concrete `describe()` returning `"<name> (priority <priority>)"`.
# - `PluginManager()` with:
#   - `register(plugin_cls)`: `plugin_cls` must be a **class** derived from `Plugin` (else `TypeError`
#     naming what was given); it is instantiated with no arguments (an abstract one raises `TypeError`
#     by itself); a second plugin with the same `name` is a `ValueError`. Returns the instance.
#   - `load(spec)`: `spec` is `"module.path:ClassName"`, as in a config file or an entry point.
#     Import the module with `importlib.import_module`, get the class (a missing one is an
#     `ImportError`), then `register` it. A spec without exactly one `:` between two non-empty
#     parts is a `ValueError`.
#   - `names()`: the plugins' names in run order: by `priority`, ties in registration order.
#   - `run_all(context)`: runs every plugin in that order, each on its **own copy** of `context`,
#     and returns `{name: result}`; a plugin that raises an `Exception` gets
#     `{"error": "<ExceptionClass>: <message>"}` and the others still run.
#
# ```python
# class DiskCheck(Plugin):
#     name, priority = "disk", 10
#     def run(self, context): return {"ok": context["free_gb"] > 5}
#
# manager = PluginManager()
# manager.register(DiskCheck)
# manager.load("ops_plugins.versions:VersionReport")
# manager.names()                    # ['disk', 'versions']
# manager.run_all({"free_gb": 12})   # {'disk': {'ok': True}, 'versions': {...}}
# ```

# %% [markdown] course={"kind": "hint"}
# An abstract property is `@property` on top of `@abstractmethod`. In `register`, test
# `isinstance(plugin_cls, type) and issubclass(plugin_cls, Plugin)`: `issubclass` itself raises
# for something that is not a class. `sorted(plugins, key=lambda p: p.priority)` is stable, so
# ties keep their registration order.

# %% [markdown] course={"kind": "hint"}
# `module_name, sep, class_name = spec.partition(":")`, then check `sep`, both parts and that
# `class_name` has no further `:`. `getattr(module, class_name, None)`. In `run_all`, call
# `plugin.run(dict(context))` inside `try`; `f"{type(exc).__name__}: {exc}"` is the error text.

# %% course={"kind": "solution"}
import importlib
from abc import ABC, abstractmethod

### BEGIN SOLUTION


class Plugin(ABC):
    """A unit of work the manager runs. Subclasses give a name and implement run()."""

    priority = 100  # lower runs first

    @property
    @abstractmethod
    def name(self) -> str:
        """A unique name, used as the key of the results."""

    @abstractmethod
    def run(self, context: dict) -> dict:
        """Do the work; return a dict of results."""

    def describe(self) -> str:
        return f"{self.name} (priority {self.priority})"


class PluginManager:
    def __init__(self) -> None:
        self._plugins: list[Plugin] = []

    def register(self, plugin_cls) -> Plugin:
        if not (isinstance(plugin_cls, type) and issubclass(plugin_cls, Plugin)):
            raise TypeError(f"{plugin_cls!r} is not a Plugin class")
        plugin = plugin_cls()
        if plugin.name in self.names():
            raise ValueError(f"a plugin named {plugin.name!r} is already registered")
        self._plugins.append(plugin)
        return plugin

    def load(self, spec: str) -> Plugin:
        module_name, sep, class_name = spec.partition(":")
        if not (sep and module_name and class_name) or ":" in class_name:
            raise ValueError(f"a plugin spec is 'module.path:ClassName', got {spec!r}")
        module = importlib.import_module(module_name)
        plugin_cls = getattr(module, class_name, None)
        if plugin_cls is None:
            raise ImportError(f"module {module_name!r} has no {class_name!r}")
        return self.register(plugin_cls)

    def _in_order(self) -> list[Plugin]:
        return sorted(self._plugins, key=lambda plugin: plugin.priority)

    def names(self) -> list[str]:
        return [plugin.name for plugin in self._in_order()]

    def run_all(self, context: dict) -> dict[str, dict]:
        results: dict[str, dict] = {}
        for plugin in self._in_order():
            try:
                results[plugin.name] = plugin.run(dict(context))
            except Exception as exc:
                results[plugin.name] = {"error": f"{type(exc).__name__}: {exc}"}
        return results
### END SOLUTION

# %% course={"kind": "test", "points": 1}
class DiskCheck(Plugin):
    name, priority = "disk", 10

    def run(self, context):
        return {"ok": context["free_gb"] > 5}


class VersionReport(Plugin):
    name = "versions"

    def run(self, context):
        return {"python": "3.11"}


manager = PluginManager()
plugin = manager.register(VersionReport)
assert type(plugin) is VersionReport, "register returns the new instance"
manager.register(DiskCheck)
assert manager.names() == ["disk", "versions"], f"priority 10 runs before the default 100: {manager.names()}"
assert manager.run_all({"free_gb": 12}) == {"disk": {"ok": True}, "versions": {"python": "3.11"}}, "results by name"
assert plugin.describe() == "versions (priority 100)", f"describe(): {plugin.describe()!r}"

# %% course={"kind": "test", "points": 2}
assert Plugin.__abstractmethods__ == frozenset({"name", "run"}), f"name and run are abstract: {set(Plugin.__abstractmethods__)}"
assert isinstance(vars(Plugin)["name"], property), "name is an abstract property"
assert Plugin.priority == 100 and "describe" not in vars(DiskCheck), "priority defaults to 100; describe is inherited"
for cls, missing in ((Plugin, "run"),):
    try:
        cls()
    except TypeError as err:
        assert missing in str(err), f"the error names {missing!r}: {err}"
    else:
        raise AssertionError("Plugin is abstract: Plugin() must raise TypeError")


class Nameless(Plugin):
    def run(self, context):
        return {}


try:
    Nameless()
except TypeError as err:
    assert "name" in str(err), f"the error names the missing property: {err}"
else:
    raise AssertionError("a plugin without a name must not be instantiable")
assert DiskCheck().describe() == "disk (priority 10)", "describe uses the subclass's name and priority"

# %% course={"kind": "test", "points": 2}
from collections import OrderedDict

manager = PluginManager()
manager.register(DiskCheck)
for bad in (DiskCheck(), OrderedDict, "DiskCheck", None):
    try:
        manager.register(bad)
    except TypeError as err:
        assert "Plugin" in str(err), f"the error says a Plugin class was expected: {err}"
    else:
        raise AssertionError(f"register({bad!r}) must raise TypeError: only Plugin classes are accepted")
try:
    manager.register(Nameless)
except TypeError:
    pass
else:
    raise AssertionError("an abstract plugin cannot be registered")


class OtherDisk(Plugin):
    name = "disk"

    def run(self, context):
        return {}


try:
    manager.register(OtherDisk)
except ValueError as err:
    assert "disk" in str(err), f"the error names the duplicate: {err}"
else:
    raise AssertionError("two plugins named 'disk' must raise ValueError")
assert manager.names() == ["disk"], f"failed registrations leave the manager unchanged: {manager.names()}"

# %% course={"kind": "test", "points": 2}
class Boom(Plugin):
    name, priority = "boom", 50

    def run(self, context):
        return {"ratio": 1 / context["zero"]}


class Greedy(Plugin):
    name, priority = "greedy", -5

    def run(self, context):
        context["free_gb"] = 0  # tries to change what the others see
        context.setdefault("injected", True)
        return {"took": "everything"}


class Late(Plugin):
    name, priority = "late", 50

    def run(self, context):
        return {"seen": sorted(context.items())}


manager = PluginManager()
assert manager.names() == [] and manager.run_all({}) == {}, "an empty manager runs nothing"
for cls in (Late, DiskCheck, Boom, Greedy, VersionReport):
    manager.register(cls)
assert manager.names() == ["greedy", "disk", "late", "boom", "versions"], \
    f"by priority (negative first), ties in registration order: {manager.names()}"
context = {"free_gb": 12, "zero": 0}
results = manager.run_all(context)
assert list(results) == ["greedy", "disk", "late", "boom", "versions"], "results in run order"
assert results["boom"] == {"error": "ZeroDivisionError: division by zero"}, f"a failing plugin is reported: {results['boom']}"
assert results["versions"] == {"python": "3.11"}, "a failure never stops the plugins after it"
assert results["disk"] == {"ok": True} and results["late"] == {"seen": [("free_gb", 12), ("zero", 0)]}, \
    "each plugin gets its own copy of the context: Greedy's changes are invisible to the others"
assert context == {"free_gb": 12, "zero": 0}, "and the caller's dict is untouched"

# %% course={"kind": "test", "points": 2}
import sys
import tempfile
import types
from pathlib import Path

api = types.ModuleType("plugin_api_s53")  # the package plugin authors import the base class from
api.Plugin = Plugin
sys.modules["plugin_api_s53"] = api
source = "\n".join([
    "from plugin_api_s53 import Plugin",
    "",
    "class VersionReport(Plugin):",
    "    name = 'versions'",
    "    def run(self, context):",
    "        return {'service': context['service'], 'version': '1.4.2'}",
    "",
    "class NotAPlugin:",
    "    pass",
])
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "ops_plugins_s53").mkdir()
    Path(tmp, "ops_plugins_s53", "__init__.py").write_text("")
    Path(tmp, "ops_plugins_s53", "versions.py").write_text(source)
    sys.path.insert(0, tmp)
    try:
        manager = PluginManager()
        loaded = manager.load("ops_plugins_s53.versions:VersionReport")
        assert type(loaded).__name__ == "VersionReport" and isinstance(loaded, Plugin), "load imports and registers the class"
        assert manager.run_all({"service": "api"}) == {"versions": {"service": "api", "version": "1.4.2"}}
        for spec, error in (("ops_plugins_s53.versions", ValueError), (":VersionReport", ValueError), ("ops_plugins_s53.versions:", ValueError),
                            ("a:b:c", ValueError), ("ops_plugins_s53.versions:Missing", ImportError),
                            ("ops_plugins_s53.nothing_here:X", ImportError), ("ops_plugins_s53.versions:NotAPlugin", TypeError)):
            try:
                manager.load(spec)
            except error:
                pass
            else:
                raise AssertionError(f"load({spec!r}) must raise {error.__name__}")
        assert manager.names() == ["versions"], "failed loads register nothing"
    finally:
        sys.path.remove(tmp)
        for name in [m for m in sys.modules if m.startswith(("ops_plugins_s53", "plugin_api_s53"))]:
            del sys.modules[name]

# %% course={"kind": "wrong", "id": "no-class-check", "fails": ["t3", "t5"]}
import importlib
from abc import ABC, abstractmethod


class Plugin(ABC):
    priority = 100

    @property
    @abstractmethod
    def name(self): ...

    @abstractmethod
    def run(self, context): ...

    def describe(self):
        return f"{self.name} (priority {self.priority})"


class PluginManager:
    def __init__(self):
        self._plugins = []

    def register(self, plugin_cls):
        plugin = plugin_cls()  # OrderedDict() or an instance's __call__... anything goes
        if plugin.name in self.names():
            raise ValueError(plugin.name)
        self._plugins.append(plugin)
        return plugin

    def load(self, spec):
        module_name, sep, class_name = spec.partition(":")
        if not (sep and module_name and class_name) or ":" in class_name:
            raise ValueError(spec)
        plugin_cls = getattr(importlib.import_module(module_name), class_name, None)
        if plugin_cls is None:
            raise ImportError(class_name)
        return self.register(plugin_cls)

    def names(self):
        return [p.name for p in sorted(self._plugins, key=lambda p: p.priority)]

    def run_all(self, context):
        results = {}
        for plugin in sorted(self._plugins, key=lambda p: p.priority):
            try:
                results[plugin.name] = plugin.run(dict(context))
            except Exception as exc:
                results[plugin.name] = {"error": f"{type(exc).__name__}: {exc}"}
        return results

# %% course={"kind": "wrong", "id": "shared-context-and-stop", "fails": ["t4"]}
import importlib
from abc import ABC, abstractmethod


class Plugin(ABC):
    priority = 100

    @property
    @abstractmethod
    def name(self): ...

    @abstractmethod
    def run(self, context): ...

    def describe(self):
        return f"{self.name} (priority {self.priority})"


class PluginManager:
    def __init__(self):
        self._plugins = []

    def register(self, plugin_cls):
        if not (isinstance(plugin_cls, type) and issubclass(plugin_cls, Plugin)):
            raise TypeError(f"{plugin_cls!r} is not a Plugin class")
        plugin = plugin_cls()
        if plugin.name in self.names():
            raise ValueError(plugin.name)
        self._plugins.append(plugin)
        return plugin

    def load(self, spec):
        module_name, sep, class_name = spec.partition(":")
        if not (sep and module_name and class_name) or ":" in class_name:
            raise ValueError(spec)
        plugin_cls = getattr(importlib.import_module(module_name), class_name, None)
        if plugin_cls is None:
            raise ImportError(class_name)
        return self.register(plugin_cls)

    def names(self):
        return [p.name for p in sorted(self._plugins, key=lambda p: p.priority)]

    def run_all(self, context):
        return {plugin.name: plugin.run(context)  # one shared dict, and the first exception ends everything
                for plugin in sorted(self._plugins, key=lambda p: p.priority)}

# %% course={"kind": "wrong", "id": "sorted-by-name", "fails": ["t4"]}
import importlib
from abc import ABC, abstractmethod


class Plugin(ABC):
    priority = 100

    @property
    @abstractmethod
    def name(self): ...

    @abstractmethod
    def run(self, context): ...

    def describe(self):
        return f"{self.name} (priority {self.priority})"


class PluginManager:
    def __init__(self):
        self._plugins = []

    def register(self, plugin_cls):
        if not (isinstance(plugin_cls, type) and issubclass(plugin_cls, Plugin)):
            raise TypeError(f"{plugin_cls!r} is not a Plugin class")
        plugin = plugin_cls()
        if plugin.name in self.names():
            raise ValueError(plugin.name)
        self._plugins.append(plugin)
        return plugin

    def load(self, spec):
        module_name, sep, class_name = spec.partition(":")
        if not (sep and module_name and class_name) or ":" in class_name:
            raise ValueError(spec)
        plugin_cls = getattr(importlib.import_module(module_name), class_name, None)
        if plugin_cls is None:
            raise ImportError(class_name)
        return self.register(plugin_cls)

    def names(self):
        return sorted(p.name for p in self._plugins)  # alphabetical, priority ignored

    def run_all(self, context):
        results = {}
        for plugin in sorted(self._plugins, key=lambda p: p.name):
            try:
                results[plugin.name] = plugin.run(dict(context))
            except Exception as exc:
                results[plugin.name] = {"error": f"{type(exc).__name__}: {exc}"}
        return results

# %% [markdown] course={"kind": "task", "id": "plugin-system-real-plugins", "item": "project-5-3-1", "points": 3}
# ### Real plugins for your manager
#
# Put your `Plugin` base class in a small module of its own (say `ops_api.py`) and write, in a
# second module, **three** plugins a platform team would actually run before a deploy: for example a
# disk-space check (`shutil.disk_usage`), a "required environment variables are set" check, and a
# report of installed package versions (`importlib.metadata.version`). Load all three with
# `PluginManager.load` from a list of specs, as if read from a config file, and print the results
# of `run_all` as a table. Then make one of them fail on purpose and show the run continues.
# Finally, two or three sentences: why does the manager accept any `Plugin` subclass but refuse
# objects that merely have a `run` method, and when would a `Protocol` be the better choice?

# %% [markdown] course={"kind": "rubric"}
# - 1 point: three distinct plugins in their own module, each with a unique `name`, a sensible
#   `priority` and a `run` that returns a dict; the base class is imported, not copied.
# - 1 point: plugins are loaded only through `load("module:Class")` specs; the results table
#   shows every plugin, and the deliberately failing one appears as an error while the others run.
# - 1 point: the explanation contrasts nominal checks (an ABC: a construction-time guarantee,
#   shared code such as `describe`) with structural ones (a Protocol: third-party classes need
#   not inherit), and names a case for each.

# %% [markdown] course={"kind": "exercise", "id": "browser-history", "item": "dsa-design-browser-history"}
# ### Problem: Back and forward through history (after LeetCode 1472, *Design Browser History*)
#
# An internal dashboard app keeps a tab history. Write `BrowserHistory(homepage)`:
#
# - `visit(url)`: open `url` after the current page; every page you could have gone **forward** to is
#   forgotten;
# - `back(steps)`: go back `steps` pages, or to the first page if there are fewer; return the current url;
# - `forward(steps)`: go forward `steps` pages, or to the last one; return the current url.
#
# `steps` is 0 or more (a negative number is a `ValueError`). `back` and `forward` must do a **constant**
# amount of work however large `steps` is and however long the history: no loop over the steps.
#
# ```python
# tab = BrowserHistory("status")
# tab.visit("grafana"); tab.visit("kibana"); tab.visit("argo")
# tab.back(2)         # 'grafana'
# tab.visit("vault")  # 'kibana' and 'argo' are forgotten
# tab.forward(5)      # 'vault'
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the pages in a list and the position of the current page as an index. Going back is
# `max(0, current - steps)`: one step of arithmetic, not a loop.

# %% [markdown] course={"kind": "hint"}
# After going back and visiting, the list may still hold pages that are no longer reachable. Keep a
# second index, `last`, the furthest page `forward` may reach: `visit` writes the url at
# `current + 1` (appending only at the end of the list) and sets `last = current`.

# %% course={"kind": "solution"}
class BrowserHistory:
    def __init__(self, homepage: str) -> None:
        ### BEGIN SOLUTION
        self._pages = [homepage]
        self._current = 0
        self._last = 0  # the furthest page forward() may reach
        ### END SOLUTION

    def visit(self, url: str) -> None:
        ### BEGIN SOLUTION
        self._current += 1
        if self._current == len(self._pages):
            self._pages.append(url)
        else:
            self._pages[self._current] = url
        self._last = self._current
        ### END SOLUTION

    def back(self, steps: int) -> str:
        ### BEGIN SOLUTION
        if steps < 0:
            raise ValueError(f"steps must be 0 or more, got {steps}")
        self._current = max(0, self._current - steps)
        return self._pages[self._current]
        ### END SOLUTION

    def forward(self, steps: int) -> str:
        ### BEGIN SOLUTION
        if steps < 0:
            raise ValueError(f"steps must be 0 or more, got {steps}")
        self._current = min(self._last, self._current + steps)
        return self._pages[self._current]
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
tab = BrowserHistory("status")
for url in ("grafana", "kibana", "argo"):
    tab.visit(url)
assert tab.back(1) == "kibana" and tab.back(1) == "grafana", "back one page at a time"
assert tab.forward(1) == "kibana", "forward returns to where you were"
tab.visit("jenkins")
assert tab.forward(2) == "jenkins", "visiting forgets the forward pages ('argo' is gone)"
assert tab.back(2) == "grafana" and tab.back(7) == "status", "back stops at the first page"

# %% course={"kind": "test", "points": 2}
tab = BrowserHistory("home")
assert tab.forward(3) == "home" and tab.back(3) == "home", "a new tab has only its homepage"
assert tab.back(0) == "home" and tab.forward(0) == "home", "0 steps stays put"
for url in ("a", "b", "c", "d"):
    tab.visit(url)
assert tab.back(3) == "a", "back 3 from 'd'"
tab.visit("x")
assert tab.forward(1) == "x" and tab.forward(10) == "x", "'b', 'c', 'd' are unreachable after visiting 'x'"
assert tab.back(1) == "a" and tab.forward(1) == "x", "back and forth around the new page"
### BEGIN HIDDEN TESTS
tab.visit("")
tab.visit("")
assert tab.back(1) == "" and tab.back(1) == "x", "an empty url is still a page, and a repeated url too"
assert tab.forward(2) == "" and tab.back(4) == "home", "forward to the last page, back past the start"
tab.visit("y")
assert tab.forward(1) == "y" and tab.back(1) == "home" and tab.forward(5) == "y", "visiting from the first page"
long = BrowserHistory("0")
for i in range(1, 101):
    long.visit(str(i))
assert long.back(50) == "50" and long.forward(49) == "99" and long.forward(1) == "100" and long.forward(1) == "100"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
tab = BrowserHistory("home")
tab.visit("a")
for bad in (lambda: tab.back(-1), lambda: tab.forward(-2)):
    try:
        bad()
    except ValueError:
        pass
    else:
        raise AssertionError("negative steps must raise ValueError")
assert tab.back(1) == "home" and tab.forward(1) == "a", "a refused call changes nothing"

# %% course={"kind": "test", "points": 2}
tab = BrowserHistory("p0")
for i in range(1, 3001):
    tab.visit(f"p{i}")
page, steps = count_steps(tab.back, 2000, limit=30)
assert page == "p1000", f"back(2000) from p3000 is p1000, got {page}"
page, steps = count_steps(tab.forward, 10**9, limit=30)
assert page == "p3000", "forward(10**9) stops at the last page"
page, steps = count_steps(tab.back, 10**12, limit=30)
assert page == "p0", "back(10**12) must be as cheap as back(1): no loop over the steps"

# %% course={"kind": "wrong", "id": "forward-reaches-forgotten-pages", "fails": ["t2"]}
class BrowserHistory:
    def __init__(self, homepage):
        self._pages, self._current = [homepage], 0

    def visit(self, url):
        self._current += 1
        if self._current == len(self._pages):
            self._pages.append(url)
        else:
            self._pages[self._current] = url  # the pages after it stay in the list...

    def back(self, steps):
        if steps < 0:
            raise ValueError(steps)
        self._current = max(0, self._current - steps)
        return self._pages[self._current]

    def forward(self, steps):
        if steps < 0:
            raise ValueError(steps)
        self._current = min(len(self._pages) - 1, self._current + steps)  # ...and forward still reaches them
        return self._pages[self._current]

# %% course={"kind": "wrong", "id": "one-step-at-a-time", "fails": ["t4"]}
class BrowserHistory:
    def __init__(self, homepage):
        self._pages, self._current = [homepage], 0

    def visit(self, url):
        del self._pages[self._current + 1 :]
        self._pages.append(url)
        self._current += 1

    def back(self, steps):
        if steps < 0:
            raise ValueError(steps)
        while steps and self._current > 0:  # one loop turn per step
            self._current -= 1
            steps -= 1
        return self._pages[self._current]

    def forward(self, steps):
        if steps < 0:
            raise ValueError(steps)
        while steps and self._current < len(self._pages) - 1:
            self._current += 1
            steps -= 1
        return self._pages[self._current]

# %% course={"kind": "wrong", "id": "visit-appends-at-end", "fails": ["t1", "t2"]}
class BrowserHistory:
    def __init__(self, homepage):
        self._pages, self._current = [homepage], 0

    def visit(self, url):
        self._pages.append(url)  # forgets nothing: 'argo' is still ahead of 'jenkins'
        self._current = len(self._pages) - 1

    def back(self, steps):
        if steps < 0:
            raise ValueError(steps)
        self._current = max(0, self._current - steps)
        return self._pages[self._current]

    def forward(self, steps):
        if steps < 0:
            raise ValueError(steps)
        self._current = min(len(self._pages) - 1, self._current + steps)
        return self._pages[self._current]

# %% [markdown] course={"kind": "answer", "question": "q-explain-the-difference-between"}
# **Inheritance** makes a class a special case of another (*is-a*): the child gets the parent's
# methods and attributes and can be used wherever the parent is expected. **Composition** builds a
# class from other objects it holds (*has-a*) and delegates work to them. Inheritance fixes the
# relation when the class is written and couples the child to the parent's internals; composition
# lets you swap parts at run time and in tests (pass a fake client), and avoids the n × m explosion
# of subclasses when behaviours vary independently (format × destination, backend × retry policy).
# Rule of thumb: inherit for a genuine is-a with a shared interface and a shallow tree; compose to
# reuse code or to combine behaviours.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-diamond-problem"}
# It arises when a class inherits from two classes that share a common ancestor: `D(B, C)` with
# `B(A)` and `C(A)`. Two questions follow: if `B` and `C` both override a method of `A`, which one
# does `D` get, and does `A`'s code (its `__init__`, say) run once or twice? Python answers with the
# MRO: one linear order (`D, B, C, A, object`) used for every lookup, so `B`'s version wins, and,
# provided every class calls `super()` instead of naming its parent, each method in the chain
# runs exactly once, `A`'s last. Calling `A.__init__(self)` directly from `B` and `C` is what
# makes `A` run twice.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-python-s-mro-work"}
# Every class has a method resolution order, `Cls.__mro__`: the list of classes that attribute
# lookup and `super()` walk, first hit wins. Python computes it once, when the class is created,
# with the **C3 linearization**: the class, then a merge of its parents' MROs and the list of its
# parents, repeatedly taking the first candidate that does not appear later in any other list. The
# result keeps every class before its parents and keeps parents in the order you wrote them; when
# both cannot hold, `class` raises `TypeError` ("Cannot create a consistent method resolution
# order"). `super()` means "the next class in the MRO of the instance's type", which may be a sibling.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-an-abstract-class-vs"}
# Python has no `interface` keyword; the two tools are an **abstract base class** (`abc.ABC` with
# `@abstractmethod`) and a **protocol** (`typing.Protocol`). Use an ABC when you own the
# hierarchy: implementations inherit from it, it can carry shared concrete code (a template method,
# `exists()` built on `keys()`), and an incomplete subclass fails at construction. Use a protocol
# when you only want to state what you need from objects you do not control (a boto3 client, any
# file-like object): no inheritance needed, checked by mypy, and with `@runtime_checkable` by
# `isinstance` (names only). In Java terms: an ABC is an abstract class, a protocol is closest to
# an interface that classes satisfy without declaring it.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-duck-typing"}
# Duck typing means an object is judged by what it can do, not by its class: "if it walks like a
# duck and quacks like a duck, it is a duck". Code simply calls the methods it needs, and any object
# that has them works: `json.dump` writes to anything with `.write()`, `for` loops over anything with
# `__iter__`, a deploy loop calls `.deploy()` on any target. It keeps code open to classes you have
# never seen (test fakes, third-party clients). The cost is that a missing method shows up only
# when it is called, so check early where it matters (`isinstance` against a runtime-checkable
# protocol), and describe the expectation with a `Protocol` so type checkers can verify it.

# %% course={"kind": "trap", "trap": "trap-overusing-inheritance-when-composition"}
# Inheriting from dict to "add validation" looks like reuse, but dict's own methods bypass your override.
class PortMap(dict):
    def __setitem__(self, key, value):
        if not 0 < value < 65536:
            raise ValueError(f"bad port {value}")
        super().__setitem__(key, value)


ports = PortMap()
try:
    ports["api"] = 70000
except ValueError as err:
    print("ports['api'] = 70000 ->", err)
ports.update(db=99999)  # update() does not call __setitem__
print("after update():", ports)
print("constructor too:", PortMap(cache=-1))


class Ports:  # composition: hold a dict, expose only what is validated
    def __init__(self):
        self._ports: dict[str, int] = {}

    def set(self, name: str, port: int) -> None:
        if not 0 < port < 65536:
            raise ValueError(f"bad port {port}")
        self._ports[name] = port


try:
    Ports().set("db", 99999)
except ValueError as err:
    print("composed version ->", err, "(and there is no other way in)")

# %% course={"kind": "trap", "trap": "trap-not-calling-super-in-cooperative"}
# One __init__ that skips super() silently cuts the chain: the classes after it in the MRO never run.
class Service:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.started = False


class WithMetrics(Service):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.metrics = {}


class WithCache(Service):
    def __init__(self, **kwargs):
        self.cache = {}  # forgot super().__init__(**kwargs)


class Api(WithCache, WithMetrics):
    pass


api = Api()
print("MRO:", [c.__name__ for c in Api.__mro__])
print("attributes set:", sorted(vars(api)))
try:
    api.metrics["requests"] = 1
except AttributeError as err:
    print("AttributeError:", err, "<- WithMetrics.__init__ and Service.__init__ never ran")

# %% course={"kind": "trap", "trap": "trap-forgetting-that-python-has-no-true"}
# An ABC checks that names exist, at construction time only; it checks neither kind nor signature.
from abc import ABC, abstractmethod


class HealthCheck(ABC):
    @abstractmethod
    def run(self, host: str) -> bool: ...


class Lazy(HealthCheck):
    run = None  # a name is a name: the ABC is satisfied


class Wrong(HealthCheck):
    def run(self):  # forgot the host argument
        return True


for cls in (Lazy, Wrong):
    check = cls()  # both construct without complaint
    try:
        check.run("web-1")
    except TypeError as err:
        print(f"{cls.__name__}().run('web-1') -> TypeError: {err}")
print("only a type checker (mypy) compares signatures; at run time Python trusts you")

# %% course={"kind": "trap", "trap": "trap-deep-inheritance-hierarchies-become-hard"}
# Six levels deep, "where does this value come from?" needs a walk through the MRO.
class Handler:
    timeout = 30
    retries = 3


class HttpHandler(Handler):
    timeout = 10


class JsonHandler(HttpHandler):
    pass


class AuthJsonHandler(JsonHandler):
    retries = 5


class CachedAuthJsonHandler(AuthJsonHandler):
    pass


class PaymentsHandler(CachedAuthJsonHandler):
    pass


def defined_in(cls, name):
    return next(c.__name__ for c in cls.__mro__ if name in vars(c))


for name in ("timeout", "retries"):
    print(f"PaymentsHandler.{name} = {getattr(PaymentsHandler, name)} (from {defined_in(PaymentsHandler, name)})")
HttpHandler.timeout = 1  # someone "fixes" a middle class for their own handler...
print("...and PaymentsHandler.timeout is now", PaymentsHandler.timeout, f"({len(PaymentsHandler.__mro__)} classes to read to see why)")
