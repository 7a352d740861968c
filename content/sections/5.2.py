# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can give an object a small public surface that keeps its
# own rules: properties that validate, compute and cache, descriptors that reuse one check across
# many fields, secrets that stay out of logs, and `__slots__` where millions of objects must be small.

# %% course={"kind": "setup", "id": "raised"}
# A helper the tests use: run action() and hand back the exception of the given kind it raised,
# or None when it raised nothing. Any other exception is not caught, so the test shows it.
def raised(kind, action):
    try:
        action()
    except kind as err:
        return err
    return None

# %% [markdown] course={"kind": "lesson", "id": "encapsulation", "covers": ["c-encapsulation-principles", "c-public-attributes-default"]}
# ### Encapsulation: an object keeps its own rules
#
# **Encapsulation** means an object owns its data and offers a small public surface for using
# it, so that the rules about that data (its *invariants*: "a pool has at least one connection",
# "a port is between 1 and 65535") are kept in one place, by the object, and every caller gets
# them for free. Callers use *what* the object offers; *how* it stores things can change.
#
# In Python every attribute is **public by default**: there is no `private` keyword, and
# `pool.size = -2` works unless the class does something about it. That is fine. The Python way
# is to start with plain attributes and, on the day a rule is needed, turn the attribute into a
# **property** (a lesson below): reading and writing `pool.size` stays the same for every caller,
# but now a method runs and can refuse bad values. So you never need Java-style `get_size()` /
# `set_size()` methods "just in case".
#
# Where DevOps and MLOps code needs it: a config object that refuses `replicas=-1` before it
# reaches the cluster, credentials that do not print their secret, a connection pool whose idle
# list nobody else appends to. The thing people get wrong is the other side of the deal:
# reaching into an object's internals (`pool._idle.append(conn)`) from outside. It works
# today, and it breaks the object's rules, or breaks outright when the internals change.

# %% course={"kind": "demo"}
class PoolV1:
    """Version 1: a plain public attribute, no rules."""

    def __init__(self, size: int) -> None:
        self.size = size


pool = PoolV1(5)
pool.size = -2  # nothing stops a nonsense value
print("v1 accepted size", pool.size)


class PoolV2:
    """Version 2: the same attribute name, now a property that keeps the rule."""

    def __init__(self, size: int) -> None:
        self.size = size  # this line runs the setter below

    @property
    def size(self) -> int:
        return self._size

    @size.setter
    def size(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"size must be a whole number >= 1, got {value!r}")
        self._size = value


pool = PoolV2(5)
pool.size = 8  # the caller's code is exactly what it was for version 1
print("v2 size", pool.size)
try:
    pool.size = -2
except ValueError as err:
    print("v2 refused:", err)
print("v2 still has size", pool.size)

# %% [markdown] course={"kind": "lesson", "id": "underscores", "covers": ["c-private-convention-single-underscore", "c-name-mangling-double-underscore", "c-why-python-doesn-t-have-true-private"]}
# ### One underscore, two underscores, and why nothing is truly private
#
# - **`_name`** (one leading underscore) is a *convention*: "internal, not part of the public
#   API, may change without notice". Python enforces nothing on attributes. It only matters in
#   two places: `from module import *` skips module-level `_names` (when the module defines no
#   `__all__`), and tools (IDEs, documentation generators, linters) treat them as internal.
# - **`__name`** (two leading underscores, at most one trailing) inside a `class` body is
#   rewritten by the compiler to `_ClassName__name`. This is **name mangling**. Its purpose is
#   to stop a *subclass* from clobbering a base class's attribute by accident when both pick the
#   same name; it is not a lock. Names with two underscores on both sides (`__init__`) are never
#   mangled.
# - Mangling is a rewrite of the source text of the class body. `getattr(obj, "__name")` (a
#   string), or code outside the class, gets no rewrite.
#
# Python has no true private attributes on purpose: debuggers, `pickle`, `copy`, test code and
# serialisers all need to reach every attribute, and the community's rule is that an underscore
# is a clear "do not touch" sign among adults. What people get wrong is to think `__token`
# hides a credential. It is still in `vars(obj)`, in every pickle and in a debugger's view.
# Keeping a secret out of **logs** is a different job, done by `__repr__` (an exercise below).

# %% course={"kind": "demo"}
class HttpClient:
    def __init__(self) -> None:
        self._timeout = 30  # internal by convention only
        self.__retries = 3  # stored as _HttpClient__retries

    def retries_by_string(self):
        return getattr(self, "__retries", "not found: strings are not mangled")


class TracingClient(HttpClient):
    def __init__(self) -> None:
        super().__init__()
        self.__retries = "tracing's own"  # stored as _TracingClient__retries: no clash


client = TracingClient()
print("what the object holds:", vars(client))
print("reached from outside :", client._timeout, "and", client._HttpClient__retries)
try:
    client.__retries
except AttributeError as err:
    print("client.__retries     : AttributeError:", err)
print("getattr with a string:", client.retries_by_string())

# %% [markdown] course={"kind": "text"}
# The one thing a single underscore *does* change: `import *` from a module without `__all__`
# leaves `_names` out. The demo builds a tiny module in memory to show it.

# %% course={"kind": "demo"}
import sys
import types

settings = types.ModuleType("settings_demo")
exec("REGION = 'eu-west-1'\n_VAULT_PATH = 'secret/data/ci'\n", settings.__dict__)
sys.modules["settings_demo"] = settings
namespace: dict = {}
exec("from settings_demo import *", namespace)
print("import * brought in:", sorted(k for k in namespace if not k.startswith("__")))
print("but nothing is hidden:", settings._VAULT_PATH)
del sys.modules["settings_demo"]

# %% [markdown] course={"kind": "lesson", "id": "properties", "covers": ["c-properties", "c-property-decorator", "c-getter-methods", "c-property-name-setter", "c-property-name-deleter", "c-read-only-properties"]}
# ### Properties: attributes that run code
#
# A **property** looks like an attribute to the caller and runs a method behind it:
#
# | you write | runs on | typical use |
# |---|---|---|
# | `@property` over `def replicas(self)` | `obj.replicas` | the **getter**: return the stored value, or compute one |
# | `@replicas.setter` over `def replicas(self, value)` | `obj.replicas = 3` | check and normalise, then store |
# | `@replicas.deleter` over `def replicas(self)` | `del obj.replicas` | reset to a default, wipe a secret |
#
# All three methods carry **the same name** as the property. The value itself lives in another
# attribute, by convention the same name with one underscore (`self._replicas`).
#
# A property with only a getter is **read-only**: assigning raises `AttributeError` (Python 3.11
# to 3.13 say `property 'name' of 'Deployment' object has no setter`; 3.10 said `can't set
# attribute 'name'`), and so does `del` without a deleter. Use read-only properties for identity (a name,
# an ID) and for values derived from others.
#
# **Getter methods** (`get_replicas()`, `set_replicas(n)`) are the Java habit. In Python, keep a
# plain attribute until you need logic, then use a property. Keep a *method* when the work is
# slow or has side effects (`fetch_status()`, `reload()`): a reader expects `obj.x` to be cheap
# and harmless, and a property that makes a network call hides that from them.

# %% course={"kind": "demo"}
class Deployment:
    DEFAULT_REPLICAS = 1

    def __init__(self, name: str, replicas: int = DEFAULT_REPLICAS) -> None:
        self._name = name
        self.replicas = replicas  # through the setter

    @property
    def name(self) -> str:
        """Read-only: a deployment never changes its name."""
        return self._name

    @property
    def replicas(self) -> int:
        return self._replicas

    @replicas.setter
    def replicas(self, value: int) -> None:
        if not 0 <= value <= 50:
            raise ValueError(f"replicas must be from 0 to 50, got {value}")
        self._replicas = value

    @replicas.deleter
    def replicas(self) -> None:
        self._replicas = self.DEFAULT_REPLICAS  # "forget my setting": back to the default


api = Deployment("api", replicas=3)
api.replicas += 2  # reads with the getter, writes with the setter
print(api.name, "has", api.replicas, "replicas; stored as", vars(api))
del api.replicas
print("after del:", api.replicas)
for action in ("api.name = 'web'", "del api.name", "api.replicas = 99"):
    try:
        exec(action)
    except (AttributeError, ValueError) as err:
        print(f"{action:18} -> {type(err).__name__}: {err}")

# %% [markdown] course={"kind": "lesson", "id": "property-function", "covers": ["c-property-function-alternative-syntax"]}
# ### `property()` without decorators
#
# The decorators are shorthand for a plain call: `name = property(fget, fset, fdel, doc)`,
# where each argument is a function (or `None`). `@property` is `property(fget)`, and
# `@name.setter` calls `name.setter(fset)`, which returns a **new** property holding the old
# getter and the new setter; the class attribute is then rebound to that new object.
#
# Use the call form when the functions already exist, for example to give an old class with
# `get_timeout()` / `set_timeout()` a modern `timeout` attribute while the old methods keep
# working for old callers.
#
# What people get wrong follows from "returns a new property": the setter function must have
# the property's name. Write `@timeout.setter` over `def set_timeout(...)` and you get two
# attributes: `timeout`, still read-only, and a new property called `set_timeout`.

# %% course={"kind": "demo"}
class LegacyClient:
    def __init__(self) -> None:
        self._timeout = 30.0

    def get_timeout(self) -> float:
        return self._timeout

    def set_timeout(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("timeout must be positive")
        self._timeout = float(seconds)

    timeout = property(get_timeout, set_timeout, doc="Seconds before a request is abandoned.")


client = LegacyClient()
client.timeout = 5  # new style
client.set_timeout(client.get_timeout() * 2)  # old style still works
print("timeout:", client.timeout, "| doc:", LegacyClient.timeout.__doc__)


class Misnamed:
    @property
    def timeout(self):
        return 30

    @timeout.setter
    def set_timeout(self, value):  # wrong name: creates a second property
        print("setting", value)


print("properties on the class:", [k for k, v in vars(Misnamed).items() if isinstance(v, property)])
try:
    Misnamed().timeout = 5
except AttributeError as err:
    print("AttributeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "computed-and-cached", "covers": ["c-computed-properties", "c-cached-properties-functools-cached"]}
# ### Computed and cached properties
#
# A **computed property** stores nothing: its getter works the value out from other attributes
# each time it is read, so it can never be stale. `available = capacity - used`, `is_full`,
# `url` built from host and port. Prefer it to a second stored attribute that you must
# remember to update.
#
# When the computation is **expensive** and the inputs do not change (the SHA-256 of a model
# file, a parsed schema), `functools.cached_property` (Python 3.8+) computes it on first access
# and stores the result in the instance's `__dict__` under the same name. The next read finds
# the value there and never calls your function again. `del obj.checksum` forgets it, so the
# next read computes it afresh.
#
# What people get wrong:
#
# - the cache is not invalidated for you: change the inputs and the cached value is stale until
#   you `del` it;
# - it needs a writable `__dict__`, so it fails on classes with `__slots__` (lesson below);
# - it can be overwritten by plain assignment (`obj.checksum = "x"` just works);
# - threads: up to Python 3.11 it held a lock that made threads wait even for *other*
#   instances of the class; 3.12 removed the lock, so two threads may now compute the value
#   at the same time.

# %% course={"kind": "demo"}
import functools
import hashlib


class ModelArtifact:
    def __init__(self, name: str, blob: bytes) -> None:
        self.name = name
        self.blob = blob
        self.hash_runs = 0

    @property
    def size_kib(self) -> float:  # computed: cheap, always fresh
        return len(self.blob) / 1024

    @functools.cached_property
    def sha256(self) -> str:  # cached: expensive, computed once
        self.hash_runs += 1
        return hashlib.sha256(self.blob).hexdigest()


model = ModelArtifact("churn-v3", b"\x00" * 4096)
print("size:", model.size_kib, "KiB | sha256:", model.sha256[:12], model.sha256[:12])
print("hashed", model.hash_runs, "time(s); the value now sits in vars():", "sha256" in vars(model))
model.blob = b"\x01" * 2048
print("after changing the blob: size", model.size_kib, "KiB, but sha256 is stale:", model.sha256[:12])
del model.sha256  # invalidate
print("after del: sha256", model.sha256[:12], "| hashed", model.hash_runs, "times")

# %% [markdown] course={"kind": "lesson", "id": "validation", "covers": ["c-data-validation-in-setters"]}
# ### Validation in setters
#
# A setter is the one gate every value passes through, so it is where the checks belong. A
# good validating setter:
#
# 1. checks the **type** first and raises `TypeError` (remember that `True` is an `int`:
#    `isinstance(True, int)` is true, so refuse `bool` explicitly where it makes no sense);
# 2. **normalises** (strip spaces, lower-case a hostname) before checking the **value**, and
#    raises `ValueError` for a value of the right type that breaks a rule;
# 3. says in the message *which* field, *what* is allowed and *what it got* (`{value!r}`):
#    `port must be from 1 to 65535, got 70000` is fixed in seconds; `invalid value` is not;
# 4. stores only after every check passed, so a refused value leaves the old one in place.
#
# Let `__init__` assign through the property (`self.port = port`, not `self._port = port`):
# then the same checks run at creation and on every later change, and no invalid object can
# exist. The classic bug is the opposite one: storing under the *property's own name* inside
# its setter, which calls the setter again, forever.

# %% course={"kind": "demo"}
class Endpoint:
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port

    @property
    def host(self) -> str:
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"host must be a str, got {type(value).__name__}")
        value = value.strip().lower()
        if not value or " " in value:
            raise ValueError(f"host must be one non-empty word, got {value!r}")
        self._host = value

    @property
    def port(self) -> int:
        return self._port

    @port.setter
    def port(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"port must be an int, got {value!r}")
        if not 1 <= value <= 65535:
            raise ValueError(f"port must be from 1 to 65535, got {value}")
        self._port = value

    @property
    def url(self) -> str:  # computed from the two validated fields
        return f"https://{self.host}:{self.port}"


ep = Endpoint("  API.Example.com ", 8443)
print(ep.url)
for bad in ("Endpoint('db', 70000)", "Endpoint('db', True)", "Endpoint('', 80)", "Endpoint(None, 80)"):
    try:
        eval(bad)
    except (TypeError, ValueError) as err:
        print(f"{bad:24} -> {type(err).__name__}: {err}")


class Recursive:
    @property
    def port(self):
        return self._port

    @port.setter
    def port(self, value):
        self.port = value  # should be self._port: this line calls the setter again


try:
    Recursive().port = 80
except RecursionError as err:
    print("storing under the property's own name -> RecursionError:", err)

# %% [markdown] course={"kind": "lesson", "id": "descriptors", "covers": ["c-descriptors-introduction", "c-get-set-delete", "c-data-vs-non-data-descriptors"]}
# ### Descriptors: the machinery under properties
#
# A **descriptor** is an object, stored as a class attribute, whose class defines one or more
# of these methods:
#
# | method | called for | with |
# |---|---|---|
# | `__get__(self, instance, owner)` | `obj.attr` (and `Class.attr`, with `instance=None`) | the object and its class |
# | `__set__(self, instance, value)` | `obj.attr = value` | the object and the value |
# | `__delete__(self, instance)` | `del obj.attr` | the object |
# | `__set_name__(self, owner, name)` | once, when the class is created | the class and the attribute's name |
#
# `property` is a descriptor (written in C). Functions are descriptors too (that is how
# `obj.method` binds `self`), and so are `classmethod`, `staticmethod`, `cached_property` and
# each `__slots__` entry. Write your own when **the same rule applies to many attributes**: one
# `Positive()` class used for `cpu`, `memory` and `disk` instead of three copy-pasted
# properties. ORMs work this way: a SQLAlchemy model's columns are descriptors on the class.
#
# The lookup order for `obj.attr` depends on which methods the descriptor has:
#
# 1. a **data descriptor** (it defines `__set__` or `__delete__`; `property` always does) found
#    on the class wins, even over a value in the instance's `__dict__`;
# 2. otherwise the instance's `__dict__`;
# 3. otherwise a **non-data descriptor** (only `__get__`: functions, `cached_property`) or a plain
#    class attribute.
#
# This is why `cached_property` works (its value in `__dict__` hides it) and why a property can
# never be shadowed by an instance attribute. The mistake people make with their own
# descriptors: storing the value **on the descriptor** (`self.value = value`). There is one
# descriptor per class, shared by all instances, so every object would see the last value set.
# Store it on the instance instead.

# %% course={"kind": "demo"}
class Positive:
    """A data descriptor: every assignment must be a number > 0."""

    def __set_name__(self, owner, name):
        self.name = name  # learn the attribute's name from the class statement

    def __get__(self, instance, owner=None):
        if instance is None:
            return self  # Class.attr gives the descriptor itself
        return instance.__dict__[self.name]

    def __set__(self, instance, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"{self.name} must be a number > 0, got {value!r}")
        instance.__dict__[self.name] = value  # on the instance, never on self


class NodeSize:
    cpu = Positive()
    memory_gib = Positive()

    def __init__(self, cpu, memory_gib):
        self.cpu, self.memory_gib = cpu, memory_gib


small, large = NodeSize(2, 4), NodeSize(16, 64)
print("two instances, own values:", vars(small), vars(large))
print("class access gives the descriptor:", type(NodeSize.cpu).__name__, "named", repr(NodeSize.cpu.name))
try:
    small.memory_gib = 0
except ValueError as err:
    print("ValueError:", err)


class NonData:
    def __get__(self, instance, owner=None):
        return "from the descriptor"


class Lookup:
    data = property(lambda self: "from the property")
    non_data = NonData()


obj = Lookup()
obj.__dict__.update(data="from __dict__", non_data="from __dict__")  # bypass the descriptors
print("data descriptor beats __dict__:  ", obj.data)
print("__dict__ beats non-data descriptor:", obj.non_data)


def handler(self):
    return "a method"


print("a function has __get__:", hasattr(handler, "__get__"), "| and __set__:", hasattr(handler, "__set__"))

# %% [markdown] course={"kind": "lesson", "id": "slots", "covers": ["c-slots", "c-memory-optimization", "c-preventing-dynamic-attributes", "c-trade-offs"]}
# ### `__slots__`: fixed attributes, smaller objects
#
# `__slots__ = ("name", "value", "timestamp")` in a class body tells Python the complete list of
# instance attributes. Instances then get a fixed row of slots (each one a descriptor on the
# class) instead of a per-object `__dict__`:
#
# - **memory**: no dictionary per object. With millions of small objects (metric samples, log
#   records, graph nodes, tokens) that is a real saving; the demo measures it. Since Python 3.11
#   an ordinary object keeps its attributes in a compact array and builds the real dict only when
#   something asks for `__dict__` (calling `vars()` on each point of the demo adds about 64 bytes
#   to it), so the saving is smaller than older articles promise, but it is still there;
# - **no dynamic attributes**: assigning a name that is not in the slots raises
#   `AttributeError`, so a typo such as `point.timestmap = ...` fails at once instead of
#   silently making a new attribute (Python 3.13 adds "and no __dict__ for setting new
#   attributes" to the message).
#
# The **trade-offs** are where people get caught:
#
# | you lose | because | the fix |
# |---|---|---|
# | `vars(obj)`, `obj.__dict__` | there is no dict | list `__slots__` when you need the data |
# | `functools.cached_property` | it stores into `__dict__` | compute in `__init__`, or add `"__dict__"` to the slots (and lose the saving) |
# | weak references | no room for one | add `"__weakref__"` to the slots |
# | class-level defaults for slot names | `x = 0` next to `__slots__ = ("x",)` is a `ValueError` | set defaults in `__init__` |
# | the saving, in a subclass without its own `__slots__` | that subclass gets a `__dict__` again | give every subclass `__slots__` (only its *new* names) |
# | multiple inheritance from two slotted bases | their layouts conflict (`TypeError`) | keep slots in one base, or use empty `__slots__ = ()` in mixins |
#
# Use slots for small classes with very many instances; do not bother for a config object made
# once. `@dataclass(slots=True)` (Python 3.10+) writes the slots for you.

# %% course={"kind": "demo"}
import tracemalloc


class PointDict:
    def __init__(self, name, value, timestamp):
        self.name, self.value, self.timestamp = name, value, timestamp


class PointSlots:
    __slots__ = ("name", "value", "timestamp")

    def __init__(self, name, value, timestamp):
        self.name, self.value, self.timestamp = name, value, timestamp


def bytes_per_object(cls, count=20_000):
    stamps = list(range(1_700_000_000, 1_700_000_000 + count))  # made before measuring,
    keep = [None] * count  # and so is the list that keeps the points alive
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    for i, ts in enumerate(stamps):
        keep[i] = cls("cpu_seconds", 0.5, ts)
    used = tracemalloc.get_traced_memory()[0] - start  # only the points themselves
    tracemalloc.stop()
    return used / count


print(f"Python {sys.version.split()[0]}: with __dict__ {bytes_per_object(PointDict):.0f} bytes per point, "
      f"with __slots__ {bytes_per_object(PointSlots):.0f}")

point = PointSlots("cpu_seconds", 0.5, 1700000000)
print("has __dict__:", hasattr(point, "__dict__"), "| slots are descriptors:", type(PointSlots.value).__name__)
try:
    point.timestmap = 1  # a typo
except AttributeError as err:
    print("AttributeError:", err)


class LabelledPoint(PointSlots):  # forgot __slots__ here
    pass


print("subclass without __slots__ has a __dict__ again:", hasattr(LabelledPoint("x", 1, 2), "__dict__"))

# %% [markdown] course={"kind": "exercise", "id": "temperature", "item": "x-create-a-temperature-class-with-celsius"}
# ### `Temperature`: one stored value, three scales
#
# GPU sensors report in Celsius, an old data-centre controller in Fahrenheit, a physics model in
# Kelvin. Finish `Temperature(celsius)` so that every part of the fleet can read and write the
# scale it knows:
#
# - The object stores **one** value only: degrees Celsius, as a `float`, in the attribute
#   `_celsius` (so `vars(Temperature(21.5)) == {"_celsius": 21.5}`). Nothing else is stored.
# - `celsius`, `fahrenheit` and `kelvin` are properties with a getter and a setter;
#   $F = C \cdot 9/5 + 32$ and $K = C + 273.15$. Setting any one of them changes the stored
#   Celsius value, so the other two follow. All three return a `float`.
# - A value that is not an `int` or `float` (a `bool` included) raises `TypeError`. A temperature
#   below absolute zero (below −273.15 °C) raises `ValueError`, with the value as given in the
#   message; absolute zero itself is allowed. A refused value leaves the temperature unchanged.
#   The same checks run when the object is created.
#
# ```python
# t = Temperature(100)
# t.fahrenheit          # 212.0
# t.kelvin = 0          # absolute zero
# t.celsius             # -273.15
# t.fahrenheit = -500   # ValueError: -500 is below absolute zero
# ```

# %% [markdown] course={"kind": "hint"}
# Each setter converts its input to Celsius and hands it to one shared helper that checks and
# stores, so the rules live in one place. `__init__` can simply say `self.celsius = celsius`.

# %% [markdown] course={"kind": "hint"}
# The helper needs the converted Celsius value (to compare with −273.15) *and* the value as
# given (for the message). From Fahrenheit: $C = (F - 32) \cdot 5/9$; from Kelvin: $C = K - 273.15$.
# Check the type with `isinstance(value, bool) or not isinstance(value, (int, float))`. Floats
# round: written as `(f - 32) * (5 / 9)`, −459.67 °F comes out as `-273.15000000000003`, a hair
# below absolute zero, while `(f - 32) * 5 / 9` gives `-273.15`. The tests keep clear of that last digit.

# %% course={"kind": "solution"}
class Temperature:
    """A temperature, stored once in degrees Celsius, readable and writable in three scales."""

    ABSOLUTE_ZERO = -273.15  # in degrees Celsius

    def __init__(self, celsius: float) -> None:
        ### BEGIN SOLUTION
        self.celsius = celsius
        ### END SOLUTION

    @property
    def celsius(self) -> float:
        ### BEGIN SOLUTION
        return self._celsius
        ### END SOLUTION

    @celsius.setter
    def celsius(self, value: float) -> None:
        ### BEGIN SOLUTION
        self._store(self._number(value), value)
        ### END SOLUTION

    @property
    def fahrenheit(self) -> float:
        ### BEGIN SOLUTION
        return self._celsius * 9 / 5 + 32
        ### END SOLUTION

    @fahrenheit.setter
    def fahrenheit(self, value: float) -> None:
        ### BEGIN SOLUTION
        self._store((self._number(value) - 32) * 5 / 9, value)
        ### END SOLUTION

    @property
    def kelvin(self) -> float:
        ### BEGIN SOLUTION
        return self._celsius + 273.15
        ### END SOLUTION

    @kelvin.setter
    def kelvin(self, value: float) -> None:
        ### BEGIN SOLUTION
        self._store(self._number(value) - 273.15, value)
        ### END SOLUTION

    @staticmethod
    def _number(value: object) -> float:
        """``value`` as a float, or TypeError when it is not a real number."""
        ### BEGIN SOLUTION
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"a temperature must be an int or float, got {value!r}")
        return float(value)
        ### END SOLUTION

    def _store(self, celsius: float, given: object) -> None:
        """Keep ``celsius`` unless it is below absolute zero (``given`` is the value as typed)."""
        ### BEGIN SOLUTION
        if celsius < self.ABSOLUTE_ZERO:
            raise ValueError(f"{given!r} is below absolute zero")
        self._celsius = celsius
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import math

t = Temperature(100)
assert t.celsius == 100.0 and type(t.celsius) is float, "celsius gives back the value as a float"
assert t.fahrenheit == 212.0 and type(t.fahrenheit) is float, f"100 °C is 212 °F, got {t.fahrenheit!r}"
assert math.isclose(t.kelvin, 373.15) and type(t.kelvin) is float, f"100 °C is 373.15 K, got {t.kelvin!r}"
assert Temperature(-40).fahrenheit == -40.0, "-40 is the same in Celsius and Fahrenheit"
assert math.isclose(Temperature(37).fahrenheit, 98.6), "37 °C is 98.6 °F"
assert Temperature(0).fahrenheit == 32.0 and Temperature(0).kelvin == 273.15, "0 °C is 32 °F and 273.15 K"

# %% course={"kind": "test", "points": 2}
t = Temperature(20)
t.fahrenheit = 212
assert t.celsius == 100.0, f"setting 212 °F must make celsius 100.0, got {t.celsius!r}"
assert math.isclose(t.kelvin, 373.15), "kelvin follows a change made in Fahrenheit"
t.kelvin = 300
assert math.isclose(t.celsius, 26.85) and math.isclose(t.fahrenheit, 80.33), "setting kelvin moves the others"
t.celsius = 5
assert t.fahrenheit == 41.0 and vars(t) == {"_celsius": 5.0}, f"one stored value only, got {vars(t)}"
for name in ("celsius", "fahrenheit", "kelvin"):
    attr = Temperature.__dict__.get(name)
    assert isinstance(attr, property) and attr.fset is not None, f"{name} must be a property with a setter"
### BEGIN HIDDEN TESTS
for c in range(-273, 1000, 7):
    t = Temperature(c)
    assert math.isclose(t.fahrenheit, c * 1.8 + 32, abs_tol=1e-9) and math.isclose(t.kelvin, c + 273.15)
    t.fahrenheit = c
    assert math.isclose(t.celsius, (c - 32) / 1.8, abs_tol=1e-9), f"{c} °F"
    t.kelvin = c + 300
    assert math.isclose(t.celsius, c + 300 - 273.15, abs_tol=1e-9), f"{c + 300} K"
    assert vars(t) == {"_celsius": t.celsius} and type(t.celsius) is float
t = Temperature(0.5)
t.fahrenheit = 33.8
assert math.isclose(t.celsius, 1.0) and type(t.fahrenheit) is float
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert Temperature(-273.15).kelvin == 0.0, "absolute zero itself is allowed"
err = raised(ValueError, lambda: Temperature(-273.16))
assert err is not None, "-273.16 °C is below absolute zero: raise ValueError"
assert "-273.16" in str(err), f"the message must show the value given, got {str(err)!r}"
t = Temperature(25)
err = raised(ValueError, lambda: setattr(t, "fahrenheit", -500))
assert err is not None and "-500" in str(err), "-500 °F is below absolute zero; show the value given"
assert t.celsius == 25.0, "a refused value leaves the temperature unchanged"
assert raised(ValueError, lambda: setattr(t, "kelvin", -0.01)) is not None, "a negative kelvin is refused"
t.fahrenheit = -459.6
assert math.isclose(t.celsius, -273.1111111111111), "-459.6 °F is just above absolute zero, allowed"
t.kelvin = 0
assert t.celsius == -273.15, "0 K is allowed and is -273.15 °C"
for bad in ("20", True, None, [20]):
    assert raised(TypeError, lambda: Temperature(bad)) is not None, f"Temperature({bad!r}) must raise TypeError"
assert raised(TypeError, lambda: setattr(t, "kelvin", False)) is not None, "bool is refused by every setter"
assert t.celsius == -273.15, "a refused type leaves the temperature unchanged"
### BEGIN HIDDEN TESTS
t = Temperature(10)
assert raised(ValueError, lambda: setattr(t, "fahrenheit", -459.68)) is not None and t.celsius == 10.0
assert raised(ValueError, lambda: setattr(t, "celsius", -1e9)) is not None and t.celsius == 10.0
assert raised(TypeError, lambda: setattr(t, "fahrenheit", "50")) is not None and t.celsius == 10.0
assert raised(TypeError, lambda: setattr(t, "celsius", True)) is not None and t.celsius == 10.0
err = raised(ValueError, lambda: setattr(t, "kelvin", -5))
assert err is not None and "-5" in str(err) and t.celsius == 10.0
t.celsius = 1e6
assert t.kelvin == 1e6 + 273.15
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "two-stored-values", "fails": ["t2"]}
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius
        self._fahrenheit = self._celsius * 9 / 5 + 32  # a second stored copy

    @staticmethod
    def _number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("not a number")
        return float(value)

    def _store(self, celsius, given):
        if celsius < -273.15:
            raise ValueError(f"{given!r} is below absolute zero")
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._store(self._number(value), value)  # _fahrenheit is not updated: stale

    @property
    def fahrenheit(self):
        return self._fahrenheit

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._store((self._number(value) - 32) * 5 / 9, value)
        self._fahrenheit = float(value)

    @property
    def kelvin(self):
        return self._celsius + 273.15

    @kelvin.setter
    def kelvin(self, value):
        self._store(self._number(value) - 273.15, value)

# %% course={"kind": "wrong", "id": "absolute-zero-refused", "fails": ["t3"]}
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @staticmethod
    def _number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("not a number")
        return float(value)

    def _store(self, celsius, given):
        if celsius <= -273.15:  # absolute zero itself is refused too
            raise ValueError(f"{given!r} is below absolute zero")
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._store(self._number(value), value)

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._store((self._number(value) - 32) * 5 / 9, value)

    @property
    def kelvin(self):
        return self._celsius + 273.15

    @kelvin.setter
    def kelvin(self, value):
        self._store(self._number(value) - 273.15, value)

# %% course={"kind": "wrong", "id": "inverse-formula", "fails": ["t2", "t3"]}
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @staticmethod
    def _number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("not a number")
        return float(value)

    def _store(self, celsius, given):
        if celsius < -273.15:
            raise ValueError(f"{given!r} is below absolute zero")
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._store(self._number(value), value)

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._store((self._number(value) - 32) * 9 / 5, value)  # the forward factor, not its inverse

    @property
    def kelvin(self):
        return self._celsius + 273.15

    @kelvin.setter
    def kelvin(self, value):
        self._store(self._number(value) - 273.15, value)

# %% course={"kind": "wrong", "id": "only-celsius-checked", "fails": ["t3"]}
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("not a number")
        if value < -273.15:
            raise ValueError(f"{value!r} is below absolute zero")
        self._celsius = float(value)

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._celsius = (value - 32) * 5 / 9  # skips the checks

    @property
    def kelvin(self):
        return self._celsius + 273.15

    @kelvin.setter
    def kelvin(self, value):
        self._celsius = value - 273.15  # skips the checks

# %% course={"kind": "wrong", "id": "bool-accepted", "fails": ["t3"]}
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @staticmethod
    def _number(value):
        if not isinstance(value, (int, float)):  # True and False are ints
            raise TypeError("not a number")
        return float(value)

    def _store(self, celsius, given):
        if celsius < -273.15:
            raise ValueError(f"{given!r} is below absolute zero")
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._store(self._number(value), value)

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._store((self._number(value) - 32) * 5 / 9, value)

    @property
    def kelvin(self):
        return self._celsius + 273.15

    @kelvin.setter
    def kelvin(self, value):
        self._store(self._number(value) - 273.15, value)

# %% [markdown] course={"kind": "exercise", "id": "user-email", "item": "x-implement-a-user-class-with-validated"}
# ### A `User` whose email is always valid
#
# Alerts, password resets and on-call pages go to `user.email`, so a bad address must be refused
# when it is set, not discovered when the pager fails. Finish `User(username, email)`:
#
# - `username` is **read-only** (a property without a setter, stored in `_username`). It must
#   be a `str` (`TypeError` otherwise) that is not empty once surrounding whitespace is removed
#   (`ValueError` otherwise); it is stored stripped.
# - `email` is a property with a getter, a setter and a deleter.
#   - The setter raises `TypeError` for anything but a `str`. It removes surrounding whitespace,
#     then accepts the address only if it has exactly one `@`, something before it, no
#     whitespace anywhere, and a domain of at least two dot-separated labels, none of them empty
#     (`example.com` yes; `localhost`, `.example.com`, `example..com`, `example.com.` no).
#     Otherwise it raises `ValueError` whose message contains the word `email` and the `repr()`
#     of the value as given. A refused value leaves the old address in place.
#   - It stores the address with the **domain lower-cased** and the part before `@` unchanged
#     (domains ignore case; mailbox names may not).
#   - The deleter forgets the address (a user asked to be removed from mailings): `email` then
#     returns `None`. A new address can be set later.
# - `domain` is a read-only computed property: the part after `@` of the stored address, or
#   `None` when there is none.
# - `__init__` applies all of these rules.
#
# ```python
# u = User(" alice ", "  Alice.Ops@Example.COM ")
# u.username, u.email, u.domain   # ('alice', 'Alice.Ops@example.com', 'example.com')
# u.email = "alice@localhost"     # ValueError: invalid email 'alice@localhost' ...
# del u.email; u.email            # None
# ```

# %% [markdown] course={"kind": "hint"}
# Let `__init__` assign `self.email = email` so the setter's checks run at creation. Check every
# rule before storing anything, and store into `self._email`, never `self.email`, inside the setter.

# %% [markdown] course={"kind": "hint"}
# `text.split("@")` gives exactly two parts only when there is exactly one `@`. Then
# `domain.split(".")` gives the labels: at least two, and `all(labels)` is false if any is
# empty. `any(ch.isspace() for ch in text)` finds tabs and newlines as well as spaces.

# %% course={"kind": "solution"}
class User:
    """An account whose email address is checked on every change."""

    def __init__(self, username: str, email: str) -> None:
        ### BEGIN SOLUTION
        if not isinstance(username, str):
            raise TypeError(f"username must be a str, got {type(username).__name__}")
        if not username.strip():
            raise ValueError(f"username must not be empty, got {username!r}")
        self._username = username.strip()
        self.email = email
        ### END SOLUTION

    @property
    def username(self) -> str:
        ### BEGIN SOLUTION
        return self._username
        ### END SOLUTION

    @property
    def email(self) -> str | None:
        ### BEGIN SOLUTION
        return self._email
        ### END SOLUTION

    @email.setter
    def email(self, value: str) -> None:
        ### BEGIN SOLUTION
        if not isinstance(value, str):
            raise TypeError(f"email must be a str, got {type(value).__name__}")
        text = value.strip()
        parts = text.split("@")
        labels = parts[-1].split(".")
        if len(parts) != 2 or not parts[0] or len(labels) < 2 or not all(labels) or any(c.isspace() for c in text):
            raise ValueError(f"invalid email {value!r}: expected name@domain.tld")
        self._email = parts[0] + "@" + parts[1].lower()
        ### END SOLUTION

    @email.deleter
    def email(self) -> None:
        ### BEGIN SOLUTION
        self._email = None
        ### END SOLUTION

    @property
    def domain(self) -> str | None:
        ### BEGIN SOLUTION
        return None if self._email is None else self._email.split("@")[1]
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
u = User("alice", "alice@example.com")
assert (u.username, u.email, u.domain) == ("alice", "alice@example.com", "example.com"), "keep what was given"
u.email = "alice@ops.example.org"
assert u.email == "alice@ops.example.org", "the setter stores a valid new address"
assert u.domain == "ops.example.org", "domain follows the email: it is computed, not stored"

# %% course={"kind": "test", "points": 2}
u = User(" alice ", "  Alice.Ops@Example.COM \n")
assert u.username == "alice", "the username is stored stripped"
assert u.email == "Alice.Ops@example.com", f"strip, lower-case the domain only; got {u.email!r}"
u.email = "józef@Bücher.DE"
assert u.email == "józef@bücher.de" and u.domain == "bücher.de", "unicode works; the domain is lower-cased"
for bad in ("alice", "alice@localhost", "alice@@example.com", "a@b@example.com", "@example.com",
            "alice@.example.com", "alice@example..com", "alice@example.com.", "al ice@example.com", "",
            " alice@localhost\t"):
    err = raised(ValueError, lambda: setattr(u, "email", bad))
    assert err is not None, f"{bad!r} is not a valid address: raise ValueError"
    assert repr(bad) in str(err) and "email" in str(err).lower(), f"the message must name the field and show {bad!r}"
    assert u.email == "józef@bücher.de", "a refused address leaves the old one in place"
assert raised(ValueError, lambda: User("bob", "bob@localhost")) is not None, "__init__ checks the email too"
### BEGIN HIDDEN TESTS
for good, stored in [("a@b.c", "a@b.c"), ("First.Last+CI@Sub.Example.CO.UK", "First.Last+CI@sub.example.co.uk"),
                     ("x@xn--bcher-kva.de", "x@xn--bcher-kva.de"), ("\tops@EXAMPLE.com  ", "ops@example.com")]:
    u.email = good
    assert u.email == stored and type(u.email) is str, (good, u.email)
for bad in ("a@b", "a@b.", "a@.b", "a\t@b.com", "a@b .com", "a@b\n.com", "a.b.c", "   ", "@", "a@"):
    assert raised(ValueError, lambda: setattr(u, "email", bad)) is not None, bad
    assert u.email == "ops@example.com"
assert User("bob", "  Bob@Example.com").email == "Bob@example.com"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
u = User("alice", "alice@example.com")
for name in ("username", "email", "domain"):
    assert isinstance(User.__dict__.get(name), property), f"{name} must be a property"
assert User.__dict__["email"].fset is not None and User.__dict__["email"].fdel is not None, "email: setter and deleter"
assert raised(AttributeError, lambda: setattr(u, "username", "mallory")) is not None, "username is read-only"
assert raised(AttributeError, lambda: setattr(u, "domain", "evil.com")) is not None, "domain is read-only"
assert u.username == "alice", "username never changes"
del u.email
assert u.email is None and u.domain is None, "after del, email and domain are None"
u.email = "alice@new.example.com"
assert u.email == "alice@new.example.com" and u.domain == "new.example.com", "a new address can be set after del"
for bad in (None, b"alice@example.com", 42):
    assert raised(TypeError, lambda: setattr(u, "email", bad)) is not None, f"email={bad!r} must raise TypeError"
    assert raised(TypeError, lambda: User("bob", bad)) is not None, f"User('bob', {bad!r}) must raise TypeError"
assert raised(TypeError, lambda: User(None, "bob@example.com")) is not None, "a username must be a str"
assert raised(ValueError, lambda: User("  ", "bob@example.com")) is not None, "an empty username is refused"
assert u.email == "alice@new.example.com", "a refused type leaves the old address"
### BEGIN HIDDEN TESTS
assert raised(ValueError, lambda: User("", "bob@example.com")) is not None
assert User("ünïcode", "u@example.com").username == "ünïcode"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "init-skips-setter", "fails": ["t2", "t3"]}
class User:
    def __init__(self, username, email):
        if not isinstance(username, str):
            raise TypeError("username must be a str")
        if not username.strip():
            raise ValueError("empty username")
        self._username = username.strip()
        self._email = email  # straight into storage: the setter's checks never run

    @property
    def username(self):
        return self._username

    @property
    def email(self):
        return self._email

    @email.setter
    def email(self, value):
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        text = value.strip()
        parts = text.split("@")
        labels = parts[-1].split(".")
        if len(parts) != 2 or not parts[0] or len(labels) < 2 or not all(labels) or any(c.isspace() for c in text):
            raise ValueError(f"invalid email {value!r}")
        self._email = parts[0] + "@" + parts[1].lower()

    @email.deleter
    def email(self):
        self._email = None

    @property
    def domain(self):
        return None if self._email is None else self._email.split("@")[1]

# %% course={"kind": "wrong", "id": "whole-address-lowered", "fails": ["t2"]}
class User:
    def __init__(self, username, email):
        if not isinstance(username, str):
            raise TypeError("username must be a str")
        if not username.strip():
            raise ValueError("empty username")
        self._username = username.strip()
        self.email = email

    @property
    def username(self):
        return self._username

    @property
    def email(self):
        return self._email

    @email.setter
    def email(self, value):
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        text = value.strip().lower()  # lower-cases the mailbox name too
        parts = text.split("@")
        labels = parts[-1].split(".")
        if len(parts) != 2 or not parts[0] or len(labels) < 2 or not all(labels) or any(c.isspace() for c in text):
            raise ValueError(f"invalid email {value!r}")
        self._email = text

    @email.deleter
    def email(self):
        self._email = None

    @property
    def domain(self):
        return None if self._email is None else self._email.split("@")[1]

# %% course={"kind": "wrong", "id": "at-sign-anywhere", "fails": ["t2"]}
class User:
    def __init__(self, username, email):
        if not isinstance(username, str):
            raise TypeError("username must be a str")
        if not username.strip():
            raise ValueError("empty username")
        self._username = username.strip()
        self.email = email

    @property
    def username(self):
        return self._username

    @property
    def email(self):
        return self._email

    @email.setter
    def email(self, value):
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        text = value.strip()
        local, _, domain = text.partition("@")  # a second @ ends up inside the domain
        if "@" not in text or not local or "." not in domain or " " in text:
            raise ValueError(f"invalid email {value!r}")
        self._email = local + "@" + domain.lower()

    @email.deleter
    def email(self):
        self._email = None

    @property
    def domain(self):
        return None if self._email is None else self._email.split("@")[1]

# %% course={"kind": "wrong", "id": "username-writable", "fails": ["t3"]}
class User:
    def __init__(self, username, email):
        self.username = username
        self.email = email

    @property
    def username(self):
        return self._username

    @username.setter  # anyone can rename the account
    def username(self, value):
        if not isinstance(value, str):
            raise TypeError("username must be a str")
        if not value.strip():
            raise ValueError("empty username")
        self._username = value.strip()

    @property
    def email(self):
        return self._email

    @email.setter
    def email(self, value):
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        text = value.strip()
        parts = text.split("@")
        labels = parts[-1].split(".")
        if len(parts) != 2 or not parts[0] or len(labels) < 2 or not all(labels) or any(c.isspace() for c in text):
            raise ValueError(f"invalid email {value!r}")
        self._email = parts[0] + "@" + parts[1].lower()

    @email.deleter
    def email(self):
        self._email = None

    @property
    def domain(self):
        return None if self._email is None else self._email.split("@")[1]

# %% course={"kind": "wrong", "id": "message-without-value", "fails": ["t2"]}
class User:
    def __init__(self, username, email):
        if not isinstance(username, str):
            raise TypeError("username must be a str")
        if not username.strip():
            raise ValueError("empty username")
        self._username = username.strip()
        self.email = email

    @property
    def username(self):
        return self._username

    @property
    def email(self):
        return self._email

    @email.setter
    def email(self, value):
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        text = value.strip()
        parts = text.split("@")
        labels = parts[-1].split(".")
        if len(parts) != 2 or not parts[0] or len(labels) < 2 or not all(labels) or any(c.isspace() for c in text):
            raise ValueError("invalid email address")  # which one? the log reader cannot tell
        self._email = parts[0] + "@" + parts[1].lower()

    @email.deleter
    def email(self):
        self._email = None

    @property
    def domain(self):
        return None if self._email is None else self._email.split("@")[1]

# %% course={"kind": "wrong", "id": "message-shows-stripped", "fails": ["t2"]}
class User:
    def __init__(self, username, email):
        if not isinstance(username, str):
            raise TypeError("username must be a str")
        if not username.strip():
            raise ValueError("empty username")
        self._username = username.strip()
        self.email = email

    @property
    def username(self):
        return self._username

    @property
    def email(self):
        return self._email

    @email.setter
    def email(self, value):
        if not isinstance(value, str):
            raise TypeError("email must be a str")
        text = value.strip()
        parts = text.split("@")
        labels = parts[-1].split(".")
        if len(parts) != 2 or not parts[0] or len(labels) < 2 or not all(labels) or any(c.isspace() for c in text):
            raise ValueError(f"invalid email {text!r}")  # the cleaned text, not what the caller passed
        self._email = parts[0] + "@" + parts[1].lower()

    @email.deleter
    def email(self):
        self._email = None

    @property
    def domain(self):
        return None if self._email is None else self._email.split("@")[1]

# %% [markdown] course={"kind": "exercise", "id": "bounded-value", "item": "x-create-a-boundedvalue-class-that"}
# ### `BoundedValue`: a knob that stays inside its range
#
# An autoscaler is full of settings with a range: "replicas between 2 and 20", "target CPU
# between 0.2 and 0.9". Finish `BoundedValue(value, minimum, maximum)`:
#
# - Every number it accepts (`value`, `minimum`, `maximum`, and `delta` below) must be an `int`
#   or a `float`, not a `bool`: `TypeError` otherwise. NaN (`float("nan")`) is refused everywhere
#   with `ValueError`. `minimum > maximum` raises `ValueError`; equal bounds are fine.
# - `minimum` and `maximum` are **read-only** properties. Store them **name-mangled**, as
#   `self.__minimum` and `self.__maximum` (so `vars(knob)` shows `_BoundedValue__minimum`):
#   other teams subclass this class, and a subclass that uses a name such as `_minimum` for its
#   own purposes must not be able to move the bounds by accident.
# - `value` is a property whose setter accepts a number with `minimum <= value <= maximum` (both
#   ends included) and otherwise raises `ValueError` with exactly the message
#   `f"{value!r} is outside [{minimum!r}, {maximum!r}]"`. A refused value leaves the old one.
#   `__init__` uses the same rule.
# - `nudge(delta)` adds `delta` (it may be negative) to the value but **clamps** the result to
#   the bounds instead of raising, stores it, and returns the new value.
#
# ```python
# replicas = BoundedValue(4, minimum=2, maximum=20)
# replicas.nudge(+30)    # 20   (clamped at the top)
# replicas.nudge(-25)    # 2    (clamped at the bottom)
# replicas.value = 25    # ValueError: 25 is outside [2, 20]
# ```

# %% [markdown] course={"kind": "hint"}
# Write the checks for "a real number, not bool, not NaN" once, in `_number`, and use it for every
# input. `math.isnan(x)` works on ints too. Inside the class, `self.__minimum` is all you write;
# Python does the renaming.

# %% [markdown] course={"kind": "hint"}
# NaN compares false with everything, so `value < low or value > high` lets it through, while
# `not low <= value <= high` refuses it. Clamping is `min(max(x, low), high)`.

# %% course={"kind": "solution", "equivalent": {"m-0218a9ef": "with minimum > maximum no value passes minimum <= value <= maximum, so __init__ raises ValueError anyway; only the message differs", "m-9142ae81": "a NaN let through is refused by the setter's chained comparison (false for NaN) whether it is the value, a delta or a bound, so ValueError comes anyway"}}
import math


class BoundedValue:
    """A number that always stays between its minimum and maximum (both included)."""

    def __init__(self, value: float, minimum: float, maximum: float) -> None:
        ### BEGIN SOLUTION
        minimum, maximum = self._number(minimum), self._number(maximum)
        if minimum > maximum:
            raise ValueError(f"minimum {minimum!r} is above maximum {maximum!r}")
        self.__minimum = minimum
        self.__maximum = maximum
        self.value = value
        ### END SOLUTION

    @property
    def minimum(self) -> float:
        ### BEGIN SOLUTION
        return self.__minimum
        ### END SOLUTION

    @property
    def maximum(self) -> float:
        ### BEGIN SOLUTION
        return self.__maximum
        ### END SOLUTION

    @property
    def value(self) -> float:
        ### BEGIN SOLUTION
        return self._value
        ### END SOLUTION

    @value.setter
    def value(self, new: float) -> None:
        ### BEGIN SOLUTION
        new = self._number(new)
        if not self.__minimum <= new <= self.__maximum:
            raise ValueError(f"{new!r} is outside [{self.__minimum!r}, {self.__maximum!r}]")
        self._value = new
        ### END SOLUTION

    def nudge(self, delta: float) -> float:
        """Add ``delta``, clamped to the bounds; return the new value."""
        ### BEGIN SOLUTION
        self.value = min(max(self._value + self._number(delta), self.__minimum), self.__maximum)
        return self._value
        ### END SOLUTION

    @staticmethod
    def _number(x: object) -> float:
        """``x`` itself if it is a real number that is not NaN; TypeError or ValueError otherwise."""
        ### BEGIN SOLUTION
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError(f"expected an int or float, got {x!r}")
        if math.isnan(x):
            raise ValueError("NaN is not a usable bound or value")
        return x
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
knob = BoundedValue(4, minimum=2, maximum=20)
assert (knob.value, knob.minimum, knob.maximum) == (4, 2, 20), "keep the value and the bounds"
knob.value = 20
assert knob.value == 20, "the maximum itself is allowed"
knob.value = 2
assert knob.value == 2, "the minimum itself is allowed"
assert knob.nudge(3) == 5 and knob.value == 5, "nudge(3) adds 3, stores and returns the result"
assert knob.nudge(30) == 20 and knob.value == 20, "nudge clamps at the maximum instead of raising"
assert knob.nudge(-25) == 2 and knob.value == 2, "nudge clamps at the minimum instead of raising"

# %% course={"kind": "test", "points": 2}
knob = BoundedValue(4, 2, 20)
err = raised(ValueError, lambda: setattr(knob, "value", 25))
assert err is not None and str(err) == "25 is outside [2, 20]", f"expected '25 is outside [2, 20]', got {err}"
for bad in (21, 1, -4, 20.000001, 1.999999):
    assert raised(ValueError, lambda: setattr(knob, "value", bad)) is not None, f"{bad} is outside [2, 20]"
assert knob.value == 4, "a refused value leaves the old one"
cpu = BoundedValue(0.5, 0.2, 0.9)
err = raised(ValueError, lambda: setattr(cpu, "value", 0.95))
assert err is not None and str(err) == "0.95 is outside [0.2, 0.9]", f"the message for floats, got {err}"
assert raised(ValueError, lambda: BoundedValue(25, 2, 20)) is not None, "__init__ checks the value too"
assert raised(ValueError, lambda: BoundedValue(5, 10, 1)) is not None, "minimum above maximum is refused"
assert BoundedValue(3, 3, 3).nudge(5) == 3, "equal bounds are allowed: the only value is 3"
nan = float("nan")
assert raised(ValueError, lambda: setattr(cpu, "value", nan)) is not None, "NaN is not a value"
assert cpu.value == 0.5, "a refused NaN leaves the old value"
for args in ((nan, 0, 1), (0.5, nan, 1), (0.5, 0, nan)):
    assert raised(ValueError, lambda: BoundedValue(*args)) is not None, f"BoundedValue{args} must refuse NaN"
assert raised(ValueError, lambda: cpu.nudge(nan)) is not None and cpu.value == 0.5, "nudge refuses NaN"
### BEGIN HIDDEN TESTS
neg = BoundedValue(-5, -10, -1)
assert neg.nudge(-100) == -10 and neg.nudge(100) == -1 and neg.nudge(-3) == -4
assert raised(ValueError, lambda: setattr(neg, "value", 0)) is not None and neg.value == -4
err = raised(ValueError, lambda: setattr(neg, "value", -11))
assert err is not None and str(err) == "-11 is outside [-10, -1]"
wide = BoundedValue(0, -math.inf, math.inf)
assert wide.nudge(1e308) == 1e308 and wide.nudge(math.inf) == math.inf
assert BoundedValue(-0.0, 0, 0).value == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
knob = BoundedValue(4, 2, 20)
for name in ("minimum", "maximum"):
    attr = BoundedValue.__dict__.get(name)
    assert isinstance(attr, property) and attr.fset is None, f"{name} must be a read-only property"
    assert raised(AttributeError, lambda: setattr(knob, name, 0)) is not None, f"assigning {name} must fail"
assert isinstance(BoundedValue.__dict__.get("value"), property), "value must be a property"
state = vars(knob)
assert state.get("_BoundedValue__minimum") == 2 and state.get("_BoundedValue__maximum") == 20, \
    f"store the bounds as self.__minimum and self.__maximum; the object holds {state}"


class Replicas(BoundedValue):
    """A subclass from another team, with attribute names of its own."""

    def __init__(self, value):
        super().__init__(value, 1, 50)
        self._minimum = 0  # this team's own 'alert below' setting
        self._maximum = 10**6
        self.__minimum = "this team's own too"


r = Replicas(10)
assert (r.minimum, r.maximum) == (1, 50), "a subclass's own attributes must not move the bounds"
assert raised(ValueError, lambda: setattr(r, "value", 0)) is not None, "0 is still outside [1, 50] in the subclass"
assert r.nudge(100) == 50, "the subclass still clamps at 50"

# %% course={"kind": "test", "points": 1}
knob = BoundedValue(4, 2, 20)
for bad in ("5", True, None, [5]):
    assert raised(TypeError, lambda: setattr(knob, "value", bad)) is not None, f"value={bad!r} must raise TypeError"
    assert raised(TypeError, lambda: knob.nudge(bad)) is not None, f"nudge({bad!r}) must raise TypeError"
assert raised(TypeError, lambda: BoundedValue(4, "2", 20)) is not None, "bounds must be numbers"
assert raised(TypeError, lambda: BoundedValue(4, 2, False)) is not None, "bool is not a bound"
assert knob.value == 4, "nothing above changed the value"
cpu = BoundedValue(0.5, 0.2, 0.9)
assert cpu.nudge(0.25) == 0.75 and type(cpu.value) is float, "nudge works with floats"
assert cpu.nudge(1) == 0.9 and cpu.nudge(-1) == 0.2, "and clamps them"
assert knob.nudge(0) == 4 and type(knob.nudge(16)) is int, "ints stay ints"

# %% course={"kind": "wrong", "id": "single-underscore", "fails": ["t3"]}
import math


class BoundedValue:
    def __init__(self, value, minimum, maximum):
        minimum, maximum = self._number(minimum), self._number(maximum)
        if minimum > maximum:
            raise ValueError("minimum above maximum")
        self._minimum = minimum  # one underscore: a subclass can overwrite it by accident
        self._maximum = maximum
        self.value = value

    @property
    def minimum(self):
        return self._minimum

    @property
    def maximum(self):
        return self._maximum

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, new):
        new = self._number(new)
        if not self._minimum <= new <= self._maximum:
            raise ValueError(f"{new!r} is outside [{self._minimum!r}, {self._maximum!r}]")
        self._value = new

    def nudge(self, delta):
        self.value = min(max(self._value + self._number(delta), self._minimum), self._maximum)
        return self._value

    @staticmethod
    def _number(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("not a number")
        if math.isnan(x):
            raise ValueError("NaN")
        return x

# %% course={"kind": "wrong", "id": "nan-slips-through", "fails": ["t2"]}
import math
class BoundedValue:
    def __init__(self, value, minimum, maximum):
        minimum, maximum = self._number(minimum), self._number(maximum)
        if minimum > maximum:
            raise ValueError("minimum above maximum")
        self.__minimum = minimum
        self.__maximum = maximum
        self.value = value

    @property
    def minimum(self):
        return self.__minimum

    @property
    def maximum(self):
        return self.__maximum

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, new):
        new = self._number(new)
        if new < self.__minimum or new > self.__maximum:  # both comparisons are False for NaN
            raise ValueError(f"{new!r} is outside [{self.__minimum!r}, {self.__maximum!r}]")
        self._value = new

    def nudge(self, delta):
        self.value = min(max(self._value + self._number(delta), self.__minimum), self.__maximum)
        return self._value

    @staticmethod
    def _number(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("not a number")
        return x

# %% course={"kind": "wrong", "id": "exclusive-bounds", "fails": ["t1", "t2", "t3", "t4"]}
import math


class BoundedValue:
    def __init__(self, value, minimum, maximum):
        minimum, maximum = self._number(minimum), self._number(maximum)
        if minimum > maximum:
            raise ValueError("minimum above maximum")
        self.__minimum = minimum
        self.__maximum = maximum
        self.value = value

    @property
    def minimum(self):
        return self.__minimum

    @property
    def maximum(self):
        return self.__maximum

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, new):
        new = self._number(new)
        if not self.__minimum < new < self.__maximum:  # the bounds themselves refused
            raise ValueError(f"{new!r} is outside [{self.__minimum!r}, {self.__maximum!r}]")
        self._value = new

    def nudge(self, delta):
        self.value = min(max(self._value + self._number(delta), self.__minimum), self.__maximum)
        return self._value

    @staticmethod
    def _number(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("not a number")
        if math.isnan(x):
            raise ValueError("NaN")
        return x

# %% course={"kind": "wrong", "id": "nudge-not-clamped", "fails": ["t1", "t2", "t3", "t4"]}
import math


class BoundedValue:
    def __init__(self, value, minimum, maximum):
        minimum, maximum = self._number(minimum), self._number(maximum)
        if minimum > maximum:
            raise ValueError("minimum above maximum")
        self.__minimum = minimum
        self.__maximum = maximum
        self.value = value

    @property
    def minimum(self):
        return self.__minimum

    @property
    def maximum(self):
        return self.__maximum

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, new):
        new = self._number(new)
        if not self.__minimum <= new <= self.__maximum:
            raise ValueError(f"{new!r} is outside [{self.__minimum!r}, {self.__maximum!r}]")
        self._value = new

    def nudge(self, delta):
        self.value = self._value + self._number(delta)  # raises past a bound instead of clamping
        return self._value

    @staticmethod
    def _number(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("not a number")
        if math.isnan(x):
            raise ValueError("NaN")
        return x

# %% course={"kind": "wrong", "id": "bounds-order-unchecked", "fails": ["t2"]}
import math


class BoundedValue:
    def __init__(self, value, minimum, maximum):
        self.__minimum = self._number(minimum)  # BoundedValue(5, 10, 1) slips through...
        self.__maximum = self._number(maximum)
        self._value = self._number(value)  # ...because the value is stored unchecked

    @property
    def minimum(self):
        return self.__minimum

    @property
    def maximum(self):
        return self.__maximum

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, new):
        new = self._number(new)
        if not self.__minimum <= new <= self.__maximum:
            raise ValueError(f"{new!r} is outside [{self.__minimum!r}, {self.__maximum!r}]")
        self._value = new

    def nudge(self, delta):
        self.value = min(max(self._value + self._number(delta), self.__minimum), self.__maximum)
        return self._value

    @staticmethod
    def _number(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("not a number")
        if math.isnan(x):
            raise ValueError("NaN")
        return x

# %% [markdown] course={"kind": "exercise", "id": "metric-points", "item": "x-use-slots-to-optimize-a-frequently"}
# ### Metric points with `__slots__`
#
# A metrics agent makes millions of sample objects a minute, so each one must be small. Write
# two classes, both with `__slots__`, so that their instances have **no `__dict__`** and
# assigning any attribute not listed raises `AttributeError`:
#
# - `MetricPoint(name, value, timestamp, labels=None)` with exactly the attributes `name`,
#   `value`, `timestamp` and `labels`. `labels` arrives as a dict (or `None`) and is stored as a
#   **tuple of `(key, value)` pairs sorted by key** (`()` when there are none), which is smaller
#   than a dict and hashable; the caller's dict is not changed. `series()` returns
#   `(name, labels)`, the identity of the time series the point belongs to.
# - The exporter keeps points waiting to be sent in a `weakref.WeakSet`, so both classes must
#   support **weak references**.
# - `HistogramPoint(name, value, timestamp, bucket, labels=None)` is a subclass that adds one
#   attribute, `bucket` (the bucket's upper bound). Its own `__slots__` names **only** what it
#   adds: repeating the parent's names would give every object a second, unused copy of each slot.
#
# ```python
# p = MetricPoint("http_requests_total", 42, 1700000000, {"method": "GET", "code": "200"})
# p.labels              # (('code', '200'), ('method', 'GET'))
# p.series()            # ('http_requests_total', (('code', '200'), ('method', 'GET')))
# p.lables = {}         # AttributeError (a typo is caught at once)
# ```

# %% [markdown] course={"kind": "hint"}
# `tuple(sorted(labels.items()))` sorts the pairs by key. Default values for slot names belong in
# `__init__`: a class attribute with the same name as a slot is an error.

# %% [markdown] course={"kind": "hint"}
# Weak references need a slot of their own: add `"__weakref__"` to the base class's `__slots__`
# (the subclass inherits it). The subclass writes `__slots__ = ("bucket",)` and calls
# `super().__init__(...)` for the rest.

# %% course={"kind": "solution"}
import weakref

### BEGIN SOLUTION
class MetricPoint:
    """One sample of one time series."""

    __slots__ = ("name", "value", "timestamp", "labels", "__weakref__")

    def __init__(self, name: str, value: float, timestamp: int, labels: dict | None = None) -> None:
        self.name = name
        self.value = value
        self.timestamp = timestamp
        self.labels = tuple(sorted(labels.items())) if labels else ()

    def series(self) -> tuple:
        return (self.name, self.labels)


class HistogramPoint(MetricPoint):
    """A histogram bucket's sample: a MetricPoint plus the bucket's upper bound."""

    __slots__ = ("bucket",)

    def __init__(self, name: str, value: float, timestamp: int, bucket: float, labels: dict | None = None) -> None:
        super().__init__(name, value, timestamp, labels)
        self.bucket = bucket
### END SOLUTION

# %% course={"kind": "test", "points": 1}
given = {"method": "GET", "code": "200"}
p = MetricPoint("http_requests_total", 42, 1700000000, given)
assert (p.name, p.value, p.timestamp) == ("http_requests_total", 42, 1700000000), "keep name, value and timestamp"
assert p.labels == (("code", "200"), ("method", "GET")), f"labels: sorted (key, value) pairs, got {p.labels!r}"
assert type(p.labels) is tuple, "labels are stored as a tuple"
assert given == {"method": "GET", "code": "200"}, "the caller's dict is not changed"
assert p.series() == ("http_requests_total", (("code", "200"), ("method", "GET"))), "series() is (name, labels)"
assert MetricPoint("up", 1, 5).labels == () and MetricPoint("up", 1, 5, {}).labels == (), "no labels: ()"
assert hash(p.series()) == hash(p.series()), "a series is hashable"
### BEGIN HIDDEN TESTS
q = MetricPoint("temp", -3.5, 0, {"zone": "b", "rack": "ä1", "Zone": "x"})
assert q.labels == (("Zone", "x"), ("rack", "ä1"), ("zone", "b")) and q.value == -3.5 and q.timestamp == 0
assert q.series() == ("temp", q.labels) and MetricPoint("", 0, 0).series() == ("", ())
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import weakref

p = MetricPoint("up", 1, 1700000000)
assert "__slots__" in MetricPoint.__dict__, "MetricPoint must define __slots__"
assert not hasattr(p, "__dict__"), "with __slots__ a point has no __dict__"
assert raised(AttributeError, lambda: setattr(p, "lables", {})) is not None, "an unknown attribute is refused"
p.value = 0
assert p.value == 0, "the listed attributes can still be changed"
assert weakref.ref(p)() is p, "points must support weak references"
pending = weakref.WeakSet([p])
assert p in pending and len(pending) == 1, "the exporter's WeakSet can hold a point"

# %% course={"kind": "test", "points": 2}
import weakref

h = HistogramPoint("latency_seconds_bucket", 17, 1700000000, 0.25, {"route": "/api"})
assert isinstance(h, MetricPoint), "HistogramPoint is a subclass of MetricPoint"
assert (h.name, h.value, h.timestamp, h.bucket) == ("latency_seconds_bucket", 17, 1700000000, 0.25), "keep every field"
assert h.labels == (("route", "/api"),), f"labels work as in MetricPoint, got {h.labels!r}"
assert h.series() == ("latency_seconds_bucket", (("route", "/api"),)), "series() is inherited"
assert HistogramPoint("b", 0, 1, 1.0).labels == (), "labels default to ()"
assert "__slots__" in HistogramPoint.__dict__, "the subclass needs its own __slots__"
assert not hasattr(h, "__dict__"), "a subclass without __slots__ gets a __dict__ back"
assert raised(AttributeError, lambda: setattr(h, "buckt", 1)) is not None, "an unknown attribute is refused"
assert weakref.ref(h)() is h, "histogram points support weak references too"
own = HistogramPoint.__dict__["__slots__"]
own = (own,) if isinstance(own, str) else tuple(own)
assert own == ("bucket",), f"HistogramPoint.__slots__ should name only 'bucket', got {own}"

# %% course={"kind": "wrong", "id": "subclass-without-slots", "fails": ["t3"]}
import weakref
class MetricPoint:
    __slots__ = ("name", "value", "timestamp", "labels", "__weakref__")

    def __init__(self, name, value, timestamp, labels=None):
        self.name, self.value, self.timestamp = name, value, timestamp
        self.labels = tuple(sorted(labels.items())) if labels else ()

    def series(self):
        return (self.name, self.labels)


class HistogramPoint(MetricPoint):  # no __slots__: every histogram point gets a __dict__ again
    def __init__(self, name, value, timestamp, bucket, labels=None):
        super().__init__(name, value, timestamp, labels)
        self.bucket = bucket

# %% course={"kind": "wrong", "id": "no-weakref-slot", "fails": ["t2", "t3"]}
import weakref
class MetricPoint:
    __slots__ = ("name", "value", "timestamp", "labels")

    def __init__(self, name, value, timestamp, labels=None):
        self.name, self.value, self.timestamp = name, value, timestamp
        self.labels = tuple(sorted(labels.items())) if labels else ()

    def series(self):
        return (self.name, self.labels)


class HistogramPoint(MetricPoint):
    __slots__ = ("bucket",)

    def __init__(self, name, value, timestamp, bucket, labels=None):
        super().__init__(name, value, timestamp, labels)
        self.bucket = bucket

# %% course={"kind": "wrong", "id": "slots-repeated", "fails": ["t3"]}
import weakref
class MetricPoint:
    __slots__ = ("name", "value", "timestamp", "labels", "__weakref__")

    def __init__(self, name, value, timestamp, labels=None):
        self.name, self.value, self.timestamp = name, value, timestamp
        self.labels = tuple(sorted(labels.items())) if labels else ()

    def series(self):
        return (self.name, self.labels)


class HistogramPoint(MetricPoint):
    __slots__ = ("name", "value", "timestamp", "labels", "bucket")  # four unused copies per object

    def __init__(self, name, value, timestamp, bucket, labels=None):
        super().__init__(name, value, timestamp, labels)
        self.bucket = bucket

# %% course={"kind": "wrong", "id": "class-level-default"}
class MetricPoint:
    __slots__ = ("name", "value", "timestamp", "labels", "__weakref__")
    labels = ()  # a default next to the slot of the same name: ValueError when the class is made

    def __init__(self, name, value, timestamp, labels=None):
        self.name, self.value, self.timestamp = name, value, timestamp
        if labels:
            self.labels = tuple(sorted(labels.items()))

    def series(self):
        return (self.name, self.labels)


class HistogramPoint(MetricPoint):
    __slots__ = ("bucket",)

    def __init__(self, name, value, timestamp, bucket, labels=None):
        super().__init__(name, value, timestamp, labels)
        self.bucket = bucket

# %% course={"kind": "wrong", "id": "labels-as-given", "fails": ["t1", "t3"]}
import weakref
class MetricPoint:
    __slots__ = ("name", "value", "timestamp", "labels", "__weakref__")

    def __init__(self, name, value, timestamp, labels=None):
        self.name, self.value, self.timestamp = name, value, timestamp
        self.labels = labels or {}  # the caller's dict, shared and unhashable

    def series(self):
        return (self.name, self.labels)


class HistogramPoint(MetricPoint):
    __slots__ = ("bucket",)

    def __init__(self, name, value, timestamp, bucket, labels=None):
        super().__init__(name, value, timestamp, labels)
        self.bucket = bucket

# %% [markdown] course={"kind": "exercise", "id": "cached-dataset", "item": "x-implement-a-cached-property-for"}
# ### Cache what is expensive: a `Dataset` that downloads once
#
# A training job checks a dataset's SHA-256 before it trains, and downloading a 20 GB file from
# object storage for every check is slow and costs money. Finish `Dataset(name, loader)`, where
# `loader` is a function with no arguments that returns the file's bytes (in production it
# downloads; the tests give you one that counts its calls):
#
# - Creating a `Dataset` does **not** call `loader`: nothing is fetched until it is needed.
# - `raw` (a `functools.cached_property`) is the bytes `loader()` returns. `loader` runs **at
#   most once**, however often `raw` or anything built on it is read, until `refresh()`.
# - `sha256` (cached) is the hex digest of `raw`; `line_count` (cached) is the number of lines,
#   as `bytes.splitlines()` counts them (`b"a\nb"` and `b"a\nb\n"` both have 2, `b""` has 0).
# - `size` is a plain `property`, computed on every read: `len(raw)` (cheap once `raw` is cached).
# - `refresh()` forgets every cached value, so the next read loads again. It does not call
#   `loader` itself, and it works whatever has been cached so far (everything, some, nothing).
# - If `loader` raises, the error reaches the caller and nothing is cached: the next read tries again.
#
# ```python
# ds = Dataset("churn-2024-06", loader)     # loader() returns b"a\nb\nc"; not called yet
# ds.sha256[:8], ds.line_count, ds.size     # ('ea7fb08b', 3, 5): loader called once for all three
# ds.refresh()                              # loader still called once
# ds.size                                   # downloads again: twice in total
# ```

# %% [markdown] course={"kind": "hint"}
# Build `sha256`, `line_count` and `size` on `self.raw`, never on `self._loader()`: then only
# `raw` ever calls the loader, and its cache covers the others.

# %% [markdown] course={"kind": "hint"}
# A `cached_property` keeps its value in the instance's `__dict__` under its own name. `del
# self.raw` raises `AttributeError` when nothing is cached; `self.__dict__.pop("raw", None)` does not.

# %% course={"kind": "solution"}
import functools
import hashlib
from collections.abc import Callable


class Dataset:
    """A dataset file fetched on first use; its checksum and line count are computed once."""

    def __init__(self, name: str, loader: Callable[[], bytes]) -> None:
        self.name = name
        self._loader = loader

    @functools.cached_property
    def raw(self) -> bytes:
        ### BEGIN SOLUTION
        return self._loader()
        ### END SOLUTION

    @functools.cached_property
    def sha256(self) -> str:
        ### BEGIN SOLUTION
        return hashlib.sha256(self.raw).hexdigest()
        ### END SOLUTION

    @functools.cached_property
    def line_count(self) -> int:
        ### BEGIN SOLUTION
        return len(self.raw.splitlines())
        ### END SOLUTION

    @property
    def size(self) -> int:
        ### BEGIN SOLUTION
        return len(self.raw)
        ### END SOLUTION

    def refresh(self) -> None:
        """Forget the cached values; the next read fetches the file again."""
        ### BEGIN SOLUTION
        for name in ("raw", "sha256", "line_count"):
            self.__dict__.pop(name, None)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import hashlib

data = b"id,label\n1,0\n2,1\n"
ds = Dataset("churn", lambda: data)
assert ds.raw == data, "raw is what the loader returns"
assert ds.sha256 == hashlib.sha256(data).hexdigest(), "sha256 is the hex digest of raw"
assert ds.line_count == 3, f"three lines, got {ds.line_count!r}"
assert ds.size == 17, f"17 bytes, got {ds.size!r}"


# %% course={"kind": "test", "points": 2}
import functools


def counting(*payloads):
    """A loader that returns each payload in turn (the last one again and again), counting calls."""

    def loader():
        loader.calls += 1
        return payloads[min(loader.calls, len(payloads)) - 1]

    loader.calls = 0
    return loader


load = counting(b"a\nb\nc")
ds = Dataset("events", load)
assert load.calls == 0, "creating a Dataset must not call the loader"
for _ in range(3):
    assert (ds.size, ds.line_count, ds.raw, ds.sha256[:8]) == (5, 3, b"a\nb\nc", "ea7fb08b"), "size, line_count, raw, sha256"
assert load.calls == 1, f"the loader must run once for all of that, it ran {load.calls} times"
for name in ("raw", "sha256", "line_count"):
    assert isinstance(Dataset.__dict__.get(name), functools.cached_property), f"{name} must be a cached_property"
assert isinstance(Dataset.__dict__.get("size"), property), "size is a plain property"
assert {"raw", "sha256", "line_count"} <= vars(ds).keys(), "cached values live in the instance's __dict__"
ds2 = Dataset("other", load)
assert ds2.size == 5 and load.calls == 2, "every Dataset has its own cache"
### BEGIN HIDDEN TESTS
load = counting(b"x\n")
ds = Dataset("one", load)
assert ds.sha256 == hashlib.sha256(b"x\n").hexdigest() and load.calls == 1, "sha256 alone loads once"
assert ds.line_count == 1 and ds.size == 2 and load.calls == 1
load = counting(b"x\n")
ds = Dataset("two", load)
assert ds.size == 2 and ds.size == 2 and ds.line_count == 1 and load.calls == 1, "size alone loads once"
ds = Dataset("form-feeds", lambda: b"name\x0cid\r\n1\x0c2\r\n")
assert ds.line_count == 2, f"bytes.splitlines() splits at \\n, \\r and \\r\\n only, not at form feeds: got {ds.line_count}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
load = counting(b"v1\n", b"v2\nmore\n")
ds = Dataset("features", load)
ds.refresh()
assert load.calls == 0, "refresh() on a fresh Dataset must not fail or load anything"
first = ds.sha256
assert load.calls == 1 and ds.line_count == 1, "the first version has one line"
ds.refresh()
assert load.calls == 1, "refresh() forgets; it does not download by itself"
assert ds.sha256 == hashlib.sha256(b"v2\nmore\n").hexdigest() != first, "after refresh, sha256 is recomputed"
assert ds.line_count == 2 and ds.size == 8, "after refresh, line_count and size describe the new bytes"
assert load.calls == 2, f"one more download after refresh, not {load.calls - 1}"
### BEGIN HIDDEN TESTS
load = counting(b"a", b"bb", b"ccc")
ds = Dataset("partial", load)
assert ds.raw == b"a"
ds.refresh()
ds.refresh()
assert ds.line_count == 1 and ds.size == 2 and load.calls == 2, "refresh twice in a row is fine"
ds.refresh()
assert ds.sha256 == hashlib.sha256(b"ccc").hexdigest() and ds.size == 3 and load.calls == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
attempts = []


def flaky():
    attempts.append(1)
    if len(attempts) == 1:
        raise OSError("connection reset by peer")
    return b""


ds = Dataset("empty", flaky)
assert raised(OSError, lambda: ds.raw) is not None, "the loader's error reaches the caller"
assert "raw" not in vars(ds), "nothing is cached after a failed load"
assert ds.size == 0 and ds.line_count == 0, "an empty file: size 0 and 0 lines"
assert ds.sha256 == hashlib.sha256(b"").hexdigest(), "the checksum of empty bytes is still a checksum"
assert len(attempts) == 2, "one failed attempt, then one that worked"

# %% course={"kind": "wrong", "id": "refresh-with-del", "fails": ["t3"]}
import functools
import hashlib


class Dataset:
    def __init__(self, name, loader):
        self.name = name
        self._loader = loader

    @functools.cached_property
    def raw(self):
        return self._loader()

    @functools.cached_property
    def sha256(self):
        return hashlib.sha256(self.raw).hexdigest()

    @functools.cached_property
    def line_count(self):
        return len(self.raw.splitlines())

    @property
    def size(self):
        return len(self.raw)

    def refresh(self):
        del self.raw  # AttributeError when raw was never read
        del self.sha256
        del self.line_count

# %% course={"kind": "wrong", "id": "refresh-raw-only", "fails": ["t3"]}
import functools
import hashlib


class Dataset:
    def __init__(self, name, loader):
        self.name = name
        self._loader = loader

    @functools.cached_property
    def raw(self):
        return self._loader()

    @functools.cached_property
    def sha256(self):
        return hashlib.sha256(self.raw).hexdigest()

    @functools.cached_property
    def line_count(self):
        return len(self.raw.splitlines())

    @property
    def size(self):
        return len(self.raw)

    def refresh(self):
        self.__dict__.pop("raw", None)  # sha256 and line_count keep describing the old bytes

# %% course={"kind": "wrong", "id": "checksum-downloads-again", "fails": ["t2", "t3", "t4"]}
import functools
import hashlib


class Dataset:
    def __init__(self, name, loader):
        self.name = name
        self._loader = loader

    @functools.cached_property
    def raw(self):
        return self._loader()

    @functools.cached_property
    def sha256(self):
        return hashlib.sha256(self._loader()).hexdigest()  # a second download

    @functools.cached_property
    def line_count(self):
        return len(self.raw.splitlines())

    @property
    def size(self):
        return len(self.raw)

    def refresh(self):
        for name in ("raw", "sha256", "line_count"):
            self.__dict__.pop(name, None)

# %% course={"kind": "wrong", "id": "refresh-reloads-now", "fails": ["t3"]}
import functools
import hashlib


class Dataset:
    def __init__(self, name, loader):
        self.name = name
        self._loader = loader

    @functools.cached_property
    def raw(self):
        return self._loader()

    @functools.cached_property
    def sha256(self):
        return hashlib.sha256(self.raw).hexdigest()

    @functools.cached_property
    def line_count(self):
        return len(self.raw.splitlines())

    @property
    def size(self):
        return len(self.raw)

    def refresh(self):
        for name in ("raw", "sha256", "line_count"):
            self.__dict__.pop(name, None)
        self.raw  # downloads at once, even if nobody reads it again

# %% course={"kind": "wrong", "id": "plain-properties", "fails": ["t2", "t3", "t4"]}
import functools
import hashlib


class Dataset:
    def __init__(self, name, loader):
        self.name = name
        self._loader = loader

    @property  # recomputed, and downloaded, on every read
    def raw(self):
        return self._loader()

    @property
    def sha256(self):
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def line_count(self):
        return len(self.raw.splitlines())

    @property
    def size(self):
        return len(self.raw)

    def refresh(self):
        pass

# %% course={"kind": "wrong", "id": "str-splitlines", "fails": ["t2"]}
import functools
import hashlib


class Dataset:
    def __init__(self, name, loader):
        self.name = name
        self._loader = loader

    @functools.cached_property
    def raw(self):
        return self._loader()

    @functools.cached_property
    def sha256(self):
        return hashlib.sha256(self.raw).hexdigest()

    @functools.cached_property
    def line_count(self):
        return len(self.raw.decode().splitlines())  # str.splitlines also splits at \f, \v, \x1c...

    @property
    def size(self):
        return len(self.raw)

    def refresh(self):
        for name in ("raw", "sha256", "line_count"):
            self.__dict__.pop(name, None)

# %% [markdown] course={"kind": "exercise", "id": "credentials"}
# ### Credentials that stay out of the logs
#
# A deploy bot logs `f"connecting as {creds}"`, an exception handler logs `repr()` of every local
# variable, and a token ends up in the log archive for years. Finish `Credentials(username, secret)`
# so that printing or logging one can never show the secret:
#
# - `username` is a read-only property.
# - The secret is stored **name-mangled**, as `self.__secret` (so `vars(creds)` holds it under
#   `_Credentials__secret` and nowhere else). There is no `secret` attribute at all; the method
#   `reveal()` returns it, so the one place where code takes the secret out is easy to search for.
# - `repr(creds)` (and so `str(creds)`, f-strings and `%s`/`%r` in logging) gives exactly
#   `Credentials(username='ci-bot', secret='***')`: no part of the secret, ever.
# - `fingerprint` is a read-only computed property: the first 12 hex characters of the SHA-256
#   of the secret's UTF-8 bytes. It is safe to log and tells you whether two services hold the
#   same secret.
# - A secret must be a `str` (`TypeError` otherwise) of at least 16 characters (`ValueError`
#   otherwise). Error messages must **never contain the secret**, since error messages get logged too.
# - `rotate(new_secret)` replaces the secret after the same checks, and also refuses (with
#   `ValueError`) a new secret equal to the current one. A refused secret leaves the old one.
#
# ```python
# creds = Credentials("ci-bot", "ghp-0123456789abcdefXYZ")
# print(creds)             # Credentials(username='ci-bot', secret='***')
# creds.fingerprint        # 12 hex characters, the same for the same secret
# creds.reveal()           # 'ghp-0123456789abcdefXYZ'
# creds.rotate("short")    # ValueError: a secret needs at least 16 characters, got 5
# ```

# %% [markdown] course={"kind": "hint"}
# Inside the class, write `self.__secret`; Python stores it as `_Credentials__secret`. Put the
# type and length checks in one helper that both `__init__` and `rotate` call.

# %% [markdown] course={"kind": "hint"}
# A message may describe the secret (its type's name, its length) but must not contain its value:
# `f"got {value!r}"` would print it, and so would `repr()` of a `bytes` secret.
# `hashlib.sha256(text.encode()).hexdigest()[:12]` gives the fingerprint.

# %% course={"kind": "solution"}
import hashlib


class Credentials:
    """A username and a secret that never shows up in repr(), str() or logs."""

    MIN_LENGTH = 16

    def __init__(self, username: str, secret: str) -> None:
        ### BEGIN SOLUTION
        self._username = username
        self.__secret = self._checked(secret)
        ### END SOLUTION

    @property
    def username(self) -> str:
        ### BEGIN SOLUTION
        return self._username
        ### END SOLUTION

    @property
    def fingerprint(self) -> str:
        ### BEGIN SOLUTION
        return hashlib.sha256(self.__secret.encode("utf-8")).hexdigest()[:12]
        ### END SOLUTION

    def reveal(self) -> str:
        ### BEGIN SOLUTION
        return self.__secret
        ### END SOLUTION

    def rotate(self, new_secret: str) -> None:
        ### BEGIN SOLUTION
        new_secret = self._checked(new_secret)
        if new_secret == self.__secret:
            raise ValueError("the new secret must differ from the current one")
        self.__secret = new_secret
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Credentials(username={self._username!r}, secret='***')"
        ### END SOLUTION

    def _checked(self, secret: object) -> str:
        """``secret`` if it is usable; otherwise an error whose message does not contain it."""
        ### BEGIN SOLUTION
        if not isinstance(secret, str):
            raise TypeError(f"a secret must be a str, got {type(secret).__name__}")
        if len(secret) < self.MIN_LENGTH:
            raise ValueError(f"a secret needs at least {self.MIN_LENGTH} characters, got {len(secret)}")
        return secret
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import hashlib

secret = "ghp-0123456789abcdefXYZ"
creds = Credentials("ci-bot", secret)
assert creds.username == "ci-bot", "username is kept"
assert creds.reveal() == secret, "reveal() returns the secret"
assert creds.fingerprint == hashlib.sha256(secret.encode()).hexdigest()[:12], "fingerprint: 12 hex chars of SHA-256"
creds.rotate("ghp-ROTATED-9876543210")
assert creds.reveal() == "ghp-ROTATED-9876543210", "rotate() replaces the secret"
assert creds.fingerprint == hashlib.sha256(b"ghp-ROTATED-9876543210").hexdigest()[:12], "the fingerprint follows"

# %% course={"kind": "test", "points": 2}
import io
import logging

secret = "ghp-0123456789abcdefXYZ"
creds = Credentials("ci-bot", secret)
expected = "Credentials(username='ci-bot', secret='***')"
assert repr(creds) == expected, f"repr must be {expected!r}, got {repr(creds)!r}"
assert str(creds) == expected and f"{creds}" == expected, "str() and f-strings show the same masked text"
stream = io.StringIO()
log = logging.getLogger("course-5-2-credentials")
handler = logging.StreamHandler(stream)
log.addHandler(handler)
log.setLevel(logging.INFO)
log.propagate = False
try:
    log.info("connecting as %s (%r) with %s", creds, creds, [creds])
finally:
    log.removeHandler(handler)
assert secret not in stream.getvalue(), "logging a Credentials must not print the secret"
pieces = {secret[i:i + 4] for i in range(len(secret) - 3)}
shown = repr(creds) + str([creds])
assert not any(p in shown for p in pieces), "not even a part of the secret may be shown"
state = vars(creds)
assert state.get("_Credentials__secret") == secret, f"store the secret as self.__secret; the object holds {list(state)}"
assert [k for k, v in state.items() if v == secret] == ["_Credentials__secret"], "the secret is stored once"
assert not hasattr(creds, "secret"), "there must be no public 'secret' attribute"
for name in ("username", "fingerprint"):
    assert isinstance(Credentials.__dict__.get(name), property), f"{name} must be a property"
    assert raised(AttributeError, lambda: setattr(creds, name, "x")) is not None, f"{name} is read-only"
### BEGIN HIDDEN TESTS
other = Credentials("ünïcode-bot", "pässwörd-ünïcode-1")
assert repr(other) == "Credentials(username='ünïcode-bot', secret='***')"
assert other.fingerprint == hashlib.sha256("pässwörd-ünïcode-1".encode("utf-8")).hexdigest()[:12]
assert creds.username == "ci-bot" and creds.reveal() == secret
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
creds = Credentials("ci-bot", "ghp-0123456789abcdefXYZ")
assert Credentials("ci-bot", "x" * 16).reveal() == "x" * 16, "exactly 16 characters is enough"
err = raised(ValueError, lambda: Credentials("ci-bot", "hunter2-hunter2"))
assert err is not None, "15 characters is too short: ValueError"
assert "hunter2" not in str(err), f"the message must not contain the secret: {err}"
err = raised(ValueError, lambda: creds.rotate("tiny-token"))
assert err is not None and "tiny-token" not in str(err), "rotate() checks the length too, without leaking"
assert creds.reveal() == "ghp-0123456789abcdefXYZ", "a refused secret leaves the old one"
err = raised(ValueError, lambda: creds.rotate("ghp-0123456789abcdefXYZ"))
assert err is not None and "0123456789" not in str(err), "rotating to the same secret is refused"
for bad in (None, 1234567890123456789, ["ghp-0123456789abcdefXYZ"]):
    assert raised(TypeError, lambda: Credentials("ci-bot", bad)) is not None, f"a {type(bad).__name__} secret"
    assert raised(TypeError, lambda: creds.rotate(bad)) is not None, "rotate() checks the type too"
assert creds.reveal() == "ghp-0123456789abcdefXYZ", "still the old secret"
### BEGIN HIDDEN TESTS
err = raised(TypeError, lambda: Credentials("ci-bot", b"ghp-0123456789abcdefXYZ"))
assert err is not None and "0123456789" not in str(err), "a bytes secret must not be printed in the message"
err = raised(TypeError, lambda: creds.rotate(["ghp-SECRET-IN-A-LIST-000"]))
assert err is not None and "SECRET-IN-A-LIST" not in str(err)
creds.rotate("y" * 16)
assert creds.reveal() == "y" * 16
assert raised(ValueError, lambda: creds.rotate("")) is not None and creds.reveal() == "y" * 16
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "single-underscore-secret", "fails": ["t2"]}
import hashlib


class Credentials:
    def __init__(self, username, secret):
        self._username = username
        self._secret = self._checked(secret)  # no mangling: _secret is what every subclass reaches for

    @property
    def username(self):
        return self._username

    @property
    def fingerprint(self):
        return hashlib.sha256(self._secret.encode("utf-8")).hexdigest()[:12]

    def reveal(self):
        return self._secret

    def rotate(self, new_secret):
        new_secret = self._checked(new_secret)
        if new_secret == self._secret:
            raise ValueError("the new secret must differ")
        self._secret = new_secret

    def __repr__(self):
        return f"Credentials(username={self._username!r}, secret='***')"

    def _checked(self, secret):
        if not isinstance(secret, str):
            raise TypeError(f"a secret must be a str, got {type(secret).__name__}")
        if len(secret) < 16:
            raise ValueError(f"a secret needs at least 16 characters, got {len(secret)}")
        return secret

# %% course={"kind": "wrong", "id": "last-four-shown", "fails": ["t2"]}
import hashlib


class Credentials:
    def __init__(self, username, secret):
        self._username = username
        self.__secret = self._checked(secret)

    @property
    def username(self):
        return self._username

    @property
    def fingerprint(self):
        return hashlib.sha256(self.__secret.encode("utf-8")).hexdigest()[:12]

    def reveal(self):
        return self.__secret

    def rotate(self, new_secret):
        new_secret = self._checked(new_secret)
        if new_secret == self.__secret:
            raise ValueError("the new secret must differ")
        self.__secret = new_secret

    def __repr__(self):  # "just the last four, for debugging"
        return f"Credentials(username={self._username!r}, secret='***{self.__secret[-4:]}')"

    def _checked(self, secret):
        if not isinstance(secret, str):
            raise TypeError(f"a secret must be a str, got {type(secret).__name__}")
        if len(secret) < 16:
            raise ValueError(f"a secret needs at least 16 characters, got {len(secret)}")
        return secret

# %% course={"kind": "wrong", "id": "message-shows-secret", "fails": ["t3"]}
import hashlib


class Credentials:
    def __init__(self, username, secret):
        self._username = username
        self.__secret = self._checked(secret)

    @property
    def username(self):
        return self._username

    @property
    def fingerprint(self):
        return hashlib.sha256(self.__secret.encode("utf-8")).hexdigest()[:12]

    def reveal(self):
        return self.__secret

    def rotate(self, new_secret):
        new_secret = self._checked(new_secret)
        if new_secret == self.__secret:
            raise ValueError("the new secret must differ")
        self.__secret = new_secret

    def __repr__(self):
        return f"Credentials(username={self._username!r}, secret='***')"

    def _checked(self, secret):
        if not isinstance(secret, str):
            raise TypeError(f"a secret must be a str, got {type(secret).__name__}")
        if len(secret) < 16:
            raise ValueError(f"secret {secret!r} is too short")  # the message lands in the log
        return secret

# %% course={"kind": "wrong", "id": "sixteen-refused", "fails": ["t3"]}
import hashlib


class Credentials:
    def __init__(self, username, secret):
        self._username = username
        self.__secret = self._checked(secret)

    @property
    def username(self):
        return self._username

    @property
    def fingerprint(self):
        return hashlib.sha256(self.__secret.encode("utf-8")).hexdigest()[:12]

    def reveal(self):
        return self.__secret

    def rotate(self, new_secret):
        new_secret = self._checked(new_secret)
        if new_secret == self.__secret:
            raise ValueError("the new secret must differ")
        self.__secret = new_secret

    def __repr__(self):
        return f"Credentials(username={self._username!r}, secret='***')"

    def _checked(self, secret):
        if not isinstance(secret, str):
            raise TypeError(f"a secret must be a str, got {type(secret).__name__}")
        if len(secret) <= 16:  # "at least 16" means 16 is fine
            raise ValueError(f"a secret needs at least 16 characters, got {len(secret)}")
        return secret

# %% course={"kind": "wrong", "id": "type-message-shows-value", "fails": ["t3"]}
import hashlib


class Credentials:
    def __init__(self, username, secret):
        self._username = username
        self.__secret = self._checked(secret)

    @property
    def username(self):
        return self._username

    @property
    def fingerprint(self):
        return hashlib.sha256(self.__secret.encode("utf-8")).hexdigest()[:12]

    def reveal(self):
        return self.__secret

    def rotate(self, new_secret):
        new_secret = self._checked(new_secret)
        if new_secret == self.__secret:
            raise ValueError("the new secret must differ")
        self.__secret = new_secret

    def __repr__(self):
        return f"Credentials(username={self._username!r}, secret='***')"

    def _checked(self, secret):
        if not isinstance(secret, str):
            raise TypeError(f"a secret must be a str, got {secret!r}")  # a bytes token is printed whole
        if len(secret) < 16:
            raise ValueError(f"a secret needs at least 16 characters, got {len(secret)}")
        return secret

# %% [markdown] course={"kind": "exercise", "id": "token-bucket"}
# ### A rate limiter with a computed property: `TokenBucket`
#
# The deploy API lets each client make a burst of `capacity` calls, then refills at `rate` calls
# per second: a **token bucket**. Finish `TokenBucket(capacity, rate, clock=time.monotonic)`;
# `clock` is a function returning the time in seconds (the tests pass a fake clock they move by hand).
#
# - `capacity` is a read-only property: an `int` of at least 1 (`TypeError` for other types,
#   `bool` included; `ValueError` below 1). The bucket starts **full**.
# - `rate` is a property with a setter: an `int` or `float` above 0 (`TypeError` for other
#   types and `bool`, `ValueError` for 0 or less and for NaN; a refused rate leaves the old
#   one). Changing the rate never rewrites history: tokens earned until the change were earned
#   at the old rate; only time after the change earns at the new one.
# - `tokens` is a read-only **computed** property: the tokens available now, as a `float`:
#   what was left at the last update plus `elapsed seconds × rate`, but never more than
#   `capacity`. Reading it changes nothing.
# - `try_acquire(n=1)`: if at least `n` tokens are available now, take them and return `True`;
#   otherwise take nothing and return `False`. `n` must be an `int` (`TypeError`; `bool`
#   refused) from 1 to `capacity` (`ValueError`).
#
# ```python
# clock = FakeClock(1000.0)                    # clock() returns clock.now
# bucket = TokenBucket(3, rate=0.5, clock=clock)
# [bucket.try_acquire() for _ in range(4)]     # [True, True, True, False]
# clock.now += 2                               # two seconds later
# bucket.tokens                                # 1.0
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two stored values: the tokens left at the last update (`_tokens`) and the time of that
# update (`_stamp`). The getter computes `min(capacity, _tokens + (clock() - _stamp) * rate)`
# without storing anything.

# %% [markdown] course={"kind": "hint"}
# Write a `_settle()` helper that stores the computed value into `_tokens` and moves `_stamp` to
# now. Call it at the start of `try_acquire`, and in the `rate` setter *before* the new rate is
# stored: that is what keeps the tokens earned at the old rate.

# %% course={"kind": "solution"}
import time
from collections.abc import Callable


class TokenBucket:
    """A rate limiter: bursts of up to ``capacity`` calls, refilled at ``rate`` tokens per second."""

    def __init__(self, capacity: int, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        ### BEGIN SOLUTION
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError(f"capacity must be an int, got {capacity!r}")
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self._capacity = capacity
        self._clock = clock
        self._rate = self._checked_rate(rate)
        self._tokens = capacity  # the getter turns it into a float
        self._stamp = clock()
        ### END SOLUTION

    @property
    def capacity(self) -> int:
        ### BEGIN SOLUTION
        return self._capacity
        ### END SOLUTION

    @property
    def rate(self) -> float:
        ### BEGIN SOLUTION
        return self._rate
        ### END SOLUTION

    @rate.setter
    def rate(self, value: float) -> None:
        ### BEGIN SOLUTION
        value = self._checked_rate(value)
        self._settle()
        self._rate = value
        ### END SOLUTION

    @property
    def tokens(self) -> float:
        ### BEGIN SOLUTION
        return float(min(self._capacity, self._tokens + (self._clock() - self._stamp) * self._rate))
        ### END SOLUTION

    def try_acquire(self, n: int = 1) -> bool:
        ### BEGIN SOLUTION
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, got {n!r}")
        if not 1 <= n <= self._capacity:
            raise ValueError(f"n must be from 1 to {self._capacity}, got {n}")
        self._settle()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True
        ### END SOLUTION

    def _settle(self) -> None:
        """Store the tokens earned so far and start counting again from now."""
        ### BEGIN SOLUTION
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now
        ### END SOLUTION

    @staticmethod
    def _checked_rate(value: object) -> float:
        ### BEGIN SOLUTION
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"rate must be a number, got {value!r}")
        if not value > 0:
            raise ValueError(f"rate must be above 0, got {value}")
        return value
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class FakeClock:
    """A clock the test moves by hand: clock() returns clock.now."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


clock = FakeClock(1000.0)
bucket = TokenBucket(3, rate=0.5, clock=clock)
assert bucket.tokens == 3.0 and type(bucket.tokens) is float, "the bucket starts full; tokens is a float"
assert [bucket.try_acquire() for _ in range(4)] == [True, True, True, False], "a burst of 3, then refused"
assert bucket.tokens == 0.0, "all three tokens were taken"
clock.now += 2
assert bucket.tokens == 1.0, f"two seconds at 0.5 tokens/s earn 1 token, got {bucket.tokens!r}"
assert bucket.tokens == 1.0, "reading tokens changes nothing"
clock.now += 1000
assert bucket.tokens == 3.0, "a bucket never holds more than its capacity"

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
bucket = TokenBucket(4, rate=2, clock=clock)
assert bucket.try_acquire(4) is True and bucket.try_acquire(1) is False, "take all 4, then nothing is left"
clock.now += 0.75
assert bucket.tokens == 1.5, f"0.75 s at 2/s is 1.5 tokens, got {bucket.tokens!r}"
assert bucket.try_acquire(2) is False, "1.5 tokens are not enough for 2"
assert bucket.tokens == 1.5, "a refused call takes nothing"
clock.now += 0.25
assert bucket.try_acquire(2) is True, "exactly 2 tokens are enough for 2"
assert bucket.tokens == 0.0 and bucket.try_acquire() is False, "and then none are left"
clock.now += 60
assert bucket.try_acquire(4) is True and bucket.tokens == 0.0, "after a long pause: a full burst, no more"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(52)
clock = FakeClock(5000.0)
bucket = TokenBucket(7, rate=1.5, clock=clock)
model_tokens, model_time = 7.0, 5000.0
for _ in range(400):
    clock.now += rng.choice([0.0, 0.25, 0.5, 1.0, 2.0, 8.0])
    n = rng.randint(1, 7)
    model_tokens = min(7.0, model_tokens + (clock.now - model_time) * 1.5)
    model_time = clock.now
    expected = model_tokens >= n
    if expected:
        model_tokens -= n
    assert bucket.try_acquire(n) is expected, (clock.now, n)
    assert bucket.tokens == model_tokens
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
bucket = TokenBucket(100, rate=1, clock=clock)
assert bucket.try_acquire(100) is True
clock.now += 4
bucket.rate = 10
assert bucket.rate == 10, "rate can be changed"
assert bucket.tokens == 4.0, f"the 4 tokens earned at the old rate stay 4, got {bucket.tokens!r}"
clock.now += 1
assert bucket.tokens == 14.0, f"4 earned at 1/s, then 1 s at 10/s: 14 tokens, got {bucket.tokens!r}"
bucket.rate = 0.5
clock.now += 2
assert bucket.tokens == 15.0, f"14, then 2 s at 0.5/s: 15 tokens, got {bucket.tokens!r}"
for bad, kind in ((0, ValueError), (-1, ValueError), (-0.5, ValueError), ("2", TypeError), (True, TypeError)):
    assert raised(kind, lambda: setattr(bucket, "rate", bad)) is not None, f"rate={bad!r} must raise {kind.__name__}"
assert bucket.rate == 0.5 and bucket.tokens == 15.0, "a refused rate changes nothing"
### BEGIN HIDDEN TESTS
bucket.rate = 3
bucket.rate = 3
clock.now += 1
assert bucket.tokens == 18.0 and bucket.try_acquire(18) is True and bucket.tokens == 0.0
assert raised(ValueError, lambda: setattr(bucket, "rate", float("nan"))) is not None and bucket.rate == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
clock = FakeClock(1000.0)
bucket = TokenBucket(5, 1.0, clock)
for name in ("capacity", "tokens"):
    assert isinstance(TokenBucket.__dict__.get(name), property), f"{name} must be a property"
    assert raised(AttributeError, lambda: setattr(bucket, name, 99)) is not None, f"{name} is read-only"
assert isinstance(TokenBucket.__dict__.get("rate"), property) and TokenBucket.__dict__["rate"].fset, "rate: a setter"
assert bucket.capacity == 5 and bucket.tokens == 5.0, "nothing above changed the bucket"
for bad in (0, 6, -1):
    assert raised(ValueError, lambda: bucket.try_acquire(bad)) is not None, f"try_acquire({bad}) must raise ValueError"
for bad in (1.0, True, "1"):
    assert raised(TypeError, lambda: bucket.try_acquire(bad)) is not None, f"try_acquire({bad!r}) must raise TypeError"
assert bucket.try_acquire(5) is True, "n equal to the capacity is allowed"
assert raised(ValueError, lambda: TokenBucket(0, 1.0, clock)) is not None, "capacity 0 is refused"
for bad in (True, 2.5, "3"):
    assert raised(TypeError, lambda: TokenBucket(bad, 1.0, clock)) is not None, f"capacity {bad!r}: TypeError"
assert raised(ValueError, lambda: TokenBucket(3, 0, clock)) is not None, "__init__ checks the rate too"
assert raised(TypeError, lambda: TokenBucket(3, "1", clock)) is not None, "__init__ checks the rate's type too"
assert TokenBucket(1, 1, clock).try_acquire() is True, "the smallest bucket holds 1 token"

# %% course={"kind": "wrong", "id": "no-capacity-cap", "fails": ["t1", "t2"]}
import time


class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError("capacity must be an int")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity, self._clock = capacity, clock
        self._rate = self._checked_rate(rate)
        self._tokens, self._stamp = float(capacity), clock()

    @property
    def capacity(self):
        return self._capacity

    @property
    def rate(self):
        return self._rate

    @rate.setter
    def rate(self, value):
        value = self._checked_rate(value)
        self._settle()
        self._rate = value

    @property
    def tokens(self):
        return float(self._tokens + (self._clock() - self._stamp) * self._rate)  # an idle bucket fills forever

    def try_acquire(self, n=1):
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an int")
        if not 1 <= n <= self._capacity:
            raise ValueError("n out of range")
        self._settle()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    def _settle(self):
        now = self._clock()
        self._tokens = self._tokens + (now - self._stamp) * self._rate
        self._stamp = now

    @staticmethod
    def _checked_rate(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("rate must be a number")
        if not value > 0:
            raise ValueError("rate must be above 0")
        return value

# %% course={"kind": "wrong", "id": "rate-rewrites-history", "fails": ["t3"]}
import time


class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError("capacity must be an int")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity, self._clock = capacity, clock
        self._rate = self._checked_rate(rate)
        self._tokens, self._stamp = float(capacity), clock()

    @property
    def capacity(self):
        return self._capacity

    @property
    def rate(self):
        return self._rate

    @rate.setter
    def rate(self, value):
        self._rate = self._checked_rate(value)  # the whole time since the last update now counts at the new rate

    @property
    def tokens(self):
        return float(min(self._capacity, self._tokens + (self._clock() - self._stamp) * self._rate))

    def try_acquire(self, n=1):
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an int")
        if not 1 <= n <= self._capacity:
            raise ValueError("n out of range")
        self._settle()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    def _settle(self):
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    @staticmethod
    def _checked_rate(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("rate must be a number")
        if not value > 0:
            raise ValueError("rate must be above 0")
        return value

# %% course={"kind": "wrong", "id": "last-token-refused", "fails": ["t1", "t2", "t3", "t4"]}
import time


class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError("capacity must be an int")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity, self._clock = capacity, clock
        self._rate = self._checked_rate(rate)
        self._tokens, self._stamp = float(capacity), clock()

    @property
    def capacity(self):
        return self._capacity

    @property
    def rate(self):
        return self._rate

    @rate.setter
    def rate(self, value):
        value = self._checked_rate(value)
        self._settle()
        self._rate = value

    @property
    def tokens(self):
        return float(min(self._capacity, self._tokens + (self._clock() - self._stamp) * self._rate))

    def try_acquire(self, n=1):
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an int")
        if not 1 <= n <= self._capacity:
            raise ValueError("n out of range")
        self._settle()
        if self._tokens <= n:  # exactly n tokens should be enough
            return False
        self._tokens -= n
        return True

    def _settle(self):
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    @staticmethod
    def _checked_rate(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("rate must be a number")
        if not value > 0:
            raise ValueError("rate must be above 0")
        return value

# %% course={"kind": "wrong", "id": "stamp-not-moved", "fails": ["t2", "t3"]}
import time


class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError("capacity must be an int")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity, self._clock = capacity, clock
        self._rate = self._checked_rate(rate)
        self._tokens, self._stamp = float(capacity), clock()

    @property
    def capacity(self):
        return self._capacity

    @property
    def rate(self):
        return self._rate

    @rate.setter
    def rate(self, value):
        value = self._checked_rate(value)
        self._settle()
        self._rate = value

    @property
    def tokens(self):
        return float(min(self._capacity, self._tokens + (self._clock() - self._stamp) * self._rate))

    def try_acquire(self, n=1):
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an int")
        if not 1 <= n <= self._capacity:
            raise ValueError("n out of range")
        self._settle()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    def _settle(self):
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        # forgot self._stamp = now: the same seconds are paid out again at every update

    @staticmethod
    def _checked_rate(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("rate must be a number")
        if not value > 0:
            raise ValueError("rate must be above 0")
        return value

# %% course={"kind": "wrong", "id": "capacity-public", "fails": ["t4"]}
import time


class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError("capacity must be an int")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity  # a plain attribute: anyone can raise their own limit
        self._clock = clock
        self._rate = self._checked_rate(rate)
        self._tokens, self._stamp = float(capacity), clock()

    @property
    def rate(self):
        return self._rate

    @rate.setter
    def rate(self, value):
        value = self._checked_rate(value)
        self._settle()
        self._rate = value

    @property
    def tokens(self):
        return float(min(self.capacity, self._tokens + (self._clock() - self._stamp) * self._rate))

    def try_acquire(self, n=1):
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an int")
        if not 1 <= n <= self.capacity:
            raise ValueError("n out of range")
        self._settle()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    def _settle(self):
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    @staticmethod
    def _checked_rate(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("rate must be a number")
        if not value > 0:
            raise ValueError("rate must be above 0")
        return value

# %% [markdown] course={"kind": "exercise", "id": "managed-property", "item": "dsa-implement-a-property-based-class"}
# ### Problem: build `property` yourself
#
# The best way to see that a property is "just" a descriptor is to write one. Write the class
# `Managed`, which does what the built-in `property` does, in plain Python:
#
# - `Managed(fget=None, fset=None, fdel=None, doc=None)` keeps the three functions as the
#   attributes `fget`, `fset` and `fdel`. Its `__doc__` is `doc`, or, when `doc` is `None`,
#   the docstring of `fget` (or `None` without one).
# - `__set_name__(owner, name)` stores the attribute's name in `self.name` (it is `None` until then).
# - It is a **data descriptor**:
#   - `__get__(instance, owner=None)` returns the `Managed` object itself when `instance` is
#     `None` (access through the class); otherwise `fget(instance)`, or `AttributeError` when
#     there is no `fget`;
#   - `__set__(instance, value)` calls `fset(instance, value)`, or raises `AttributeError` when
#     there is no `fset` (a read-only attribute);
#   - `__delete__(instance)` calls `fdel(instance)`, or raises `AttributeError` when there is no `fdel`.
#
#   Each `AttributeError` message contains the attribute's name.
# - `getter(f)`, `setter(f)` and `deleter(f)` return a **new** `Managed` in which that one
#   function is replaced, the other two are kept, and `doc` is the `doc` originally given (so a
#   docstring that came from the getter follows a new getter). The object they are called on
#   does not change: that is what lets a subclass add a setter to its parent's attribute
#   without giving the parent one.
#
# ```python
# class Service:
#     def __init__(self):
#         self._port = 80
#
#     @Managed
#     def port(self):
#         """The TCP port."""
#         return self._port
#
#     @port.setter
#     def port(self, value):
#         self._port = value
#
# s = Service(); s.port = 8080; s.port      # 8080
# Service.port.__doc__, Service.port.name   # ('The TCP port.', 'port')
# ```

# %% [markdown] course={"kind": "hint"}
# `@Managed` over `def port` is `port = Managed(port)`; `@port.setter` over the second `def
# port` is `port = port.setter(that_function)`. So `setter` must return
# `Managed(self.fget, f, self.fdel, <the doc given at first>)`: keep that `doc` argument in an
# attribute of its own.

# %% [markdown] course={"kind": "hint"}
# In `__get__`, test `if instance is None: return self` first. Define `__set__` and
# `__delete__` always (that is what makes it a *data* descriptor), and raise inside them when
# the function is missing: `raise AttributeError(f"{self.name!r} is read-only")`.

# %% course={"kind": "solution"}
class Managed:
    """A pure-Python ``property``: a data descriptor calling the functions it was given."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None) -> None:
        ### BEGIN SOLUTION
        self.fget, self.fset, self.fdel = fget, fset, fdel
        self._doc = doc
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = None
        ### END SOLUTION

    def __set_name__(self, owner, name) -> None:
        ### BEGIN SOLUTION
        self.name = name
        ### END SOLUTION

    def __get__(self, instance, owner=None):
        ### BEGIN SOLUTION
        if instance is None:
            return self
        if self.fget is None:
            raise AttributeError(f"{self.name!r} is not readable")
        return self.fget(instance)
        ### END SOLUTION

    def __set__(self, instance, value) -> None:
        ### BEGIN SOLUTION
        if self.fset is None:
            raise AttributeError(f"{self.name!r} is read-only")
        self.fset(instance, value)
        ### END SOLUTION

    def __delete__(self, instance) -> None:
        ### BEGIN SOLUTION
        if self.fdel is None:
            raise AttributeError(f"{self.name!r} cannot be deleted")
        self.fdel(instance)
        ### END SOLUTION

    def getter(self, fget) -> "Managed":
        ### BEGIN SOLUTION
        return Managed(fget, self.fset, self.fdel, self._doc)
        ### END SOLUTION

    def setter(self, fset) -> "Managed":
        ### BEGIN SOLUTION
        return Managed(self.fget, fset, self.fdel, self._doc)
        ### END SOLUTION

    def deleter(self, fdel) -> "Managed":
        ### BEGIN SOLUTION
        return Managed(self.fget, self.fset, fdel, self._doc)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class Service:
    def __init__(self):
        self._port = 80

    @Managed
    def port(self):
        """The TCP port."""
        return self._port

    @port.setter
    def port(self, value):
        if not 1 <= value <= 65535:
            raise ValueError(f"bad port {value}")
        self._port = value

    @port.deleter
    def port(self):
        self._port = 80


s = Service()
assert s.port == 80, "reading calls fget"
s.port = 8080
assert s.port == 8080 and s._port == 8080, "assigning calls fset"
assert raised(ValueError, lambda: setattr(s, "port", 0)) is not None, "fset's own checks run"
del s.port
assert s.port == 80, "del calls fdel"
assert type(Service.__dict__["port"]) is Managed, "the class attribute is a Managed object"
assert Service.port is Service.__dict__["port"], "access through the class gives the Managed object itself"
assert Service.port.name == "port", "__set_name__ stores the attribute's name"
assert Service.port.__doc__ == "The TCP port.", "the docstring comes from fget"

# %% course={"kind": "test", "points": 2}
class Job:
    def __init__(self, job_id):
        self._id = job_id

    @Managed
    def job_id(self):
        return self._id

    status = Managed(fset=lambda self, value: setattr(self, "_status", value))


job = Job("build-7")
err = raised(AttributeError, lambda: setattr(job, "job_id", "other"))
assert err is not None, "without fset, assignment raises AttributeError"
assert "job_id" in str(err), f"the message names the attribute, got {str(err)!r}"
assert job.job_id == "build-7" and vars(job) == {"_id": "build-7"}, "a refused assignment stores nothing"
err = raised(AttributeError, lambda: delattr(job, "job_id"))
assert err is not None and "job_id" in str(err), "without fdel, del raises AttributeError naming the attribute"
job.status = "queued"
err = raised(AttributeError, lambda: job.status)
assert err is not None and "status" in str(err), "without fget, reading raises AttributeError naming the attribute"
job.__dict__["job_id"] = "sneaky"
assert job.job_id == "build-7", "a data descriptor wins over the instance's __dict__"
assert Managed(doc="explicit").__doc__ == "explicit" and Managed(lambda self: 1).__doc__ is None, "doc rules"
assert Managed().name is None, "name is None until __set_name__ runs"
### BEGIN HIDDEN TESTS
assert Job.__dict__["status"].name == "status" and Job.__dict__["status"].fget is None
assert raised(AttributeError, lambda: delattr(job, "status")) is not None
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def read_level(self):
    """The log level."""
    return self._level


def write_level(self, value):
    self._level = value.upper()


base = Managed(read_level)
extended = base.setter(write_level)
assert type(extended) is Managed and extended is not base, "setter() returns a new Managed"
assert base.fset is None, "setter() must not change the Managed it was called on"
assert (extended.fget, extended.fset, extended.fdel) == (read_level, write_level, None), "keep fget, replace fset"
assert extended.__doc__ == "The log level.", "the new object keeps the doc"


class Logger:
    def __init__(self):
        self._level = "INFO"

    level = Managed(read_level)


class VerboseLogger(Logger):
    @Logger.level.setter
    def level(self, value):
        self._level = value.upper()


child = VerboseLogger()
child.level = "debug"
assert child.level == "DEBUG", "the subclass has a writable level"
assert raised(AttributeError, lambda: setattr(Logger(), "level", "debug")) is not None, "the parent stays read-only"
### BEGIN HIDDEN TESTS
def drop(self):
    self._level = "INFO"


def other_read(self):
    """Another docstring."""
    return "x"


chain = Managed(read_level).deleter(drop).setter(write_level)
assert (chain.fget, chain.fset, chain.fdel) == (read_level, write_level, drop), "every copy keeps the other two"
swapped = chain.getter(other_read)
assert (swapped.fget, swapped.fset, swapped.fdel) == (other_read, write_level, drop)
assert swapped.__doc__ == "Another docstring.", "a doc taken from the getter follows a new getter"
fixed = Managed(read_level, doc="Fixed.").getter(other_read).deleter(drop)
assert fixed.__doc__ == "Fixed." and fixed.fdel is drop and chain.fget is read_level
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "setter-changes-self", "fails": ["t3"]}
class Managed:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        self._doc = doc
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.fget is None:
            raise AttributeError(f"{self.name!r} is not readable")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError(f"{self.name!r} is read-only")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError(f"{self.name!r} cannot be deleted")
        self.fdel(instance)

    def getter(self, fget):
        self.fget = fget
        return self

    def setter(self, fset):
        self.fset = fset  # the parent class's attribute gains the setter too
        return self

    def deleter(self, fdel):
        self.fdel = fdel
        return self

# %% course={"kind": "wrong", "id": "stores-when-read-only", "fails": ["t2", "t3"]}
class Managed:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        self._doc = doc
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.fget is None:
            raise AttributeError(f"{self.name!r} is not readable")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            instance.__dict__[self.name] = value  # silently stored, and never read back
        else:
            self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError(f"{self.name!r} cannot be deleted")
        self.fdel(instance)

    def getter(self, fget):
        return Managed(fget, self.fset, self.fdel, self._doc)

    def setter(self, fset):
        return Managed(self.fget, fset, self.fdel, self._doc)

    def deleter(self, fdel):
        return Managed(self.fget, self.fset, fdel, self._doc)

# %% course={"kind": "wrong", "id": "class-access-calls-fget", "fails": ["t1", "t3"]}
class Managed:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        self._doc = doc
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if self.fget is None:  # no "instance is None" case: Service.port calls fget(None)
            raise AttributeError(f"{self.name!r} is not readable")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError(f"{self.name!r} is read-only")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError(f"{self.name!r} cannot be deleted")
        self.fdel(instance)

    def getter(self, fget):
        return Managed(fget, self.fset, self.fdel, self._doc)

    def setter(self, fset):
        return Managed(self.fget, fset, self.fdel, self._doc)

    def deleter(self, fdel):
        return Managed(self.fget, self.fset, fdel, self._doc)

# %% course={"kind": "wrong", "id": "copies-drop-deleter", "fails": ["t3"]}
class Managed:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        self._doc = doc
        self.__doc__ = doc if doc is not None else getattr(fget, "__doc__", None)
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.fget is None:
            raise AttributeError(f"{self.name!r} is not readable")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError(f"{self.name!r} is read-only")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError(f"{self.name!r} cannot be deleted")
        self.fdel(instance)

    def getter(self, fget):
        return Managed(fget, self.fset, None, self._doc)

    def setter(self, fset):
        return Managed(self.fget, fset, None, self._doc)  # assumes the deleter always comes last

    def deleter(self, fdel):
        return Managed(self.fget, self.fset, fdel, self._doc)

# %% course={"kind": "wrong", "id": "doc-ignored", "fails": ["t1", "t2", "t3"]}
class Managed:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        self.name = None  # __doc__ stays the class's own docstring

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.fget is None:
            raise AttributeError(f"{self.name!r} is not readable")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError(f"{self.name!r} is read-only")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError(f"{self.name!r} cannot be deleted")
        self.fdel(instance)

    def getter(self, fget):
        return Managed(fget, self.fset, self.fdel)

    def setter(self, fset):
        return Managed(self.fget, fset, self.fdel)

    def deleter(self, fdel):
        return Managed(self.fget, self.fset, fdel)

# %% [markdown] course={"kind": "exercise", "id": "config-fields", "item": "project-5-2-1"}
# ### Mini-project: Configuration Validator, part 1: typed fields
#
# Settings arrive from YAML files and environment variables, as numbers or as strings of every
# shape. A config class should refuse a bad value the moment it is assigned, with a message that
# says which setting, what it needs and what it got. Writing a property for each of thirty
# settings is copy-paste; a few **descriptor classes** do it once. Finish `Field` and its four
# subclasses (`ConfigError` is given):
#
# **`Field`**, the base class. `__set_name__` (given) records the owner class's name and the
# attribute's name. You write:
#
# - `__get__(instance, owner=None)`: the field itself when `instance` is `None`; otherwise the
#   value stored in **the instance's `__dict__` under the field's name**, or `AttributeError`
#   whose message contains `"<Owner>.<name>"` when nothing has been assigned yet.
# - `__set__(instance, value)`: `self.convert(value)` gives the value to store; if it raises
#   `TypeError` or `ValueError`, raise `ConfigError` **from** that error (chained), with exactly
#   the message `f"{owner}.{name}: expected {self.expected}, got {value!r}"`. A refused value
#   leaves the old one.
#
# **The subclasses** set `self.expected` in `__init__` and override `convert`:
#
# | field | accepts | stores | `expected` |
# |---|---|---|---|
# | `IntField(minimum=None, maximum=None)` | an `int` (not `bool`), or a `str` that `int()` reads (`" 8080 "`); within the bounds given, both included | `int` | `an int`, `an int >= 1`, `an int <= 10`, `an int from 1 to 65535` |
# | `StrField(choices=None)` | a `str`, not empty once stripped; if `choices` (any iterable of strings) is given, one of them | the stripped `str` | `a non-empty string`, or `one of 'debug', 'info'` (the `repr` of each choice, joined by `", "`) |
# | `UrlField(schemes=("http", "https"))` | a `str` that, stripped, has no whitespace inside and that `urllib.parse.urlsplit` reads with a scheme in `schemes` (any iterable of lower-case names) and a host; a port, if present, must be valid | the stripped `str` | `a URL with scheme http or https` (joined by `" or "`) |
# | `PathField(absolute=False)` | a `str` or an `os.PathLike` (`bytes` refused), not empty; absolute if `absolute=True` | a `pathlib.Path` | `a path`, `an absolute path` |
#
# ```python
# class ServiceConfig:
#     port = IntField(1, 65535)
#     level = StrField(choices=("debug", "info"))
#
# cfg = ServiceConfig()
# cfg.port = " 8080 "; cfg.port      # 8080
# cfg.level = "verbose"              # ConfigError: ServiceConfig.level: expected one of 'debug', 'info', got 'verbose'
# ```

# %% [markdown] course={"kind": "hint"}
# The value goes in `instance.__dict__[self.name]`. That entry has the same name as the field,
# but a data descriptor wins over the instance's `__dict__`, so reads still go through `__get__`.
# Never keep the value on `self`: there is one field object per class, shared by every instance.

# %% [markdown] course={"kind": "hint"}
# `try: converted = self.convert(value)` / `except (TypeError, ValueError) as err: raise
# ConfigError(...) from err`. In `UrlField.convert`, reading `urlsplit(text).port` raises
# `ValueError` for `:99999` or `:abc`; `.hostname` is `None` when there is no host. `os.fspath`
# turns a path-like into `str` (or `bytes`) and raises `TypeError` for anything else.

# %% course={"kind": "solution", "equivalent": {"m-adab6f9d": "pathlib.Path refuses bytes (and a path-like giving bytes) with TypeError as well on 3.11 to 3.13, which __set__ turns into the same ConfigError"}}
import os
import pathlib
import urllib.parse


class ConfigError(ValueError):
    """A setting that breaks its field's rules."""


class Field:
    """A validated setting: a data descriptor that converts and checks every value assigned."""

    expected = "a value"

    def __set_name__(self, owner: type, name: str) -> None:
        self.owner = owner.__name__
        self.name = name

    def convert(self, value: object) -> object:
        """The value to store; TypeError or ValueError when ``value`` is not acceptable."""
        return value

    def __get__(self, instance, owner=None):
        ### BEGIN SOLUTION
        if instance is None:
            return self
        try:
            return instance.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{self.owner}.{self.name} has not been set") from None
        ### END SOLUTION

    def __set__(self, instance, value) -> None:
        ### BEGIN SOLUTION
        try:
            converted = self.convert(value)
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{self.owner}.{self.name}: expected {self.expected}, got {value!r}") from err
        instance.__dict__[self.name] = converted
        ### END SOLUTION


class IntField(Field):
    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        ### BEGIN SOLUTION
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"an int from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"an int >= {minimum}"
        elif maximum is not None:
            self.expected = f"an int <= {maximum}"
        else:
            self.expected = "an int"
        ### END SOLUTION

    def convert(self, value: object) -> int:
        ### BEGIN SOLUTION
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("not an int")
        number = int(value)
        if self.minimum is not None and number < self.minimum:
            raise ValueError("too small")
        if self.maximum is not None and number > self.maximum:
            raise ValueError("too large")
        return number
        ### END SOLUTION


class StrField(Field):
    def __init__(self, choices=None) -> None:
        ### BEGIN SOLUTION
        self.choices = None if choices is None else tuple(choices)
        if self.choices is None:
            self.expected = "a non-empty string"
        else:
            self.expected = "one of " + ", ".join(repr(c) for c in self.choices)
        ### END SOLUTION

    def convert(self, value: object) -> str:
        ### BEGIN SOLUTION
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if not text or (self.choices is not None and text not in self.choices):
            raise ValueError("not allowed")
        return text
        ### END SOLUTION


class UrlField(Field):
    def __init__(self, schemes=("http", "https")) -> None:
        ### BEGIN SOLUTION
        self.schemes = tuple(schemes)
        self.expected = "a URL with scheme " + " or ".join(self.schemes)
        ### END SOLUTION

    def convert(self, value: object) -> str:
        ### BEGIN SOLUTION
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in self.schemes or not parts.hostname or any(c.isspace() for c in text):
            raise ValueError("not a URL we accept")
        _ = parts.port  # ValueError for a port out of range or not a number
        return text
        ### END SOLUTION


class PathField(Field):
    def __init__(self, absolute: bool = False) -> None:
        ### BEGIN SOLUTION
        self.absolute = absolute
        self.expected = "an absolute path" if absolute else "a path"
        ### END SOLUTION

    def convert(self, value: object) -> pathlib.Path:
        ### BEGIN SOLUTION
        text = os.fspath(value)
        if not isinstance(text, str):
            raise TypeError("bytes paths are not supported")
        if not text:
            raise ValueError("empty path")
        path = pathlib.Path(text)
        if self.absolute and not path.is_absolute():
            raise ValueError("not absolute")
        return path
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import pathlib


class ServiceConfig:
    port = IntField(1, 65535)
    workers = IntField(minimum=1)
    retries = IntField(maximum=10)
    offset = IntField()
    level = StrField(choices=("debug", "info", "warning"))
    name = StrField()
    endpoint = UrlField()
    database = UrlField(schemes=["postgresql"])
    data_dir = PathField(absolute=True)
    cache = PathField()


cfg = ServiceConfig()
cfg.port, cfg.workers, cfg.retries, cfg.offset = 8080, 4, 3, -7
cfg.level, cfg.name = "info", "billing-api"
cfg.endpoint, cfg.database = "https://api.example.com/v1", "postgresql://app@db:5432/billing"
cfg.data_dir, cfg.cache = "/srv/billing", "cache"
assert (cfg.port, cfg.workers, cfg.retries, cfg.offset) == (8080, 4, 3, -7), "IntFields keep ints"
assert (cfg.level, cfg.name) == ("info", "billing-api"), "StrFields keep strings"
assert cfg.endpoint == "https://api.example.com/v1" and cfg.database == "postgresql://app@db:5432/billing"
assert cfg.data_dir == pathlib.Path("/srv/billing") and isinstance(cfg.data_dir, pathlib.Path), "paths become Path"
assert cfg.cache == pathlib.Path("cache"), "a relative path is fine where absolute=False"

# %% course={"kind": "test", "points": 2}
cfg = ServiceConfig()
cfg.port = " 8443 "
assert cfg.port == 8443 and type(cfg.port) is int, "a str that int() reads becomes an int"
cfg.port = 1
cfg.port = 65535
assert cfg.port == 65535, "both bounds are allowed"
err = raised(ConfigError, lambda: setattr(cfg, "port", 70000))
assert err is not None, "70000 is above 65535: raise ConfigError"
assert str(err) == "ServiceConfig.port: expected an int from 1 to 65535, got 70000", f"message: {err}"
assert isinstance(err, ValueError) and isinstance(err.__cause__, (TypeError, ValueError)), "chain: raise ... from err"
assert cfg.port == 65535, "a refused value leaves the old one"
for field, bad, expected in [
    ("port", 0, "an int from 1 to 65535"),
    ("port", True, "an int from 1 to 65535"),
    ("port", "80.5", "an int from 1 to 65535"),
    ("workers", 0, "an int >= 1"),
    ("retries", 11, "an int <= 10"),
    ("offset", 8.0, "an int"),
    ("offset", None, "an int"),
]:
    err = raised(ConfigError, lambda: setattr(cfg, field, bad))
    assert err is not None, f"{field} = {bad!r} must be refused"
    assert str(err) == f"ServiceConfig.{field}: expected {expected}, got {bad!r}", f"message: {err}"
### BEGIN HIDDEN TESTS
cfg.workers, cfg.retries, cfg.offset = 1, 10, "-12"
assert (cfg.workers, cfg.retries, cfg.offset) == (1, 10, -12) and type(cfg.offset) is int
cfg.retries = -1000
assert cfg.retries == -1000, "no minimum on retries"
cfg.workers = 10**9
for field, bad in [("port", 65536), ("port", "0"), ("workers", "-1"), ("retries", "11"), ("offset", ""), ("offset", [1])]:
    assert raised(ConfigError, lambda: setattr(cfg, field, bad)) is not None, (field, bad)
assert cfg.port == 65535 and cfg.workers == 10**9
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
cfg = ServiceConfig()
cfg.name = "  billing  "
assert cfg.name == "billing", "strings are stored stripped"
cfg.level = " debug "
assert cfg.level == "debug", "a choice is matched after stripping"
cfg.endpoint = "  HTTP://api.example.com:8080/health  "
assert cfg.endpoint == "HTTP://api.example.com:8080/health", "URLs are stored stripped; the scheme may be any case"
cfg.cache = pathlib.PurePosixPath("tmp") / "cache"
assert cfg.cache == pathlib.Path("tmp/cache"), "path-like objects are accepted"
for field, bad, expected in [
    ("name", "   ", "a non-empty string"),
    ("name", 42, "a non-empty string"),
    ("level", "verbose", "one of 'debug', 'info', 'warning'"),
    ("level", "INFO", "one of 'debug', 'info', 'warning'"),
    ("endpoint", "api.example.com", "a URL with scheme http or https"),
    ("endpoint", 443, "a URL with scheme http or https"),
    ("endpoint", "ftp://files.example.com", "a URL with scheme http or https"),
    ("endpoint", "https://api.example.com:99999", "a URL with scheme http or https"),
    ("database", "https://db:5432", "a URL with scheme postgresql"),
    ("data_dir", "srv/billing", "an absolute path"),
    ("cache", "", "a path"),
    ("cache", b"/tmp", "a path"),
    ("cache", 7, "a path"),
]:
    err = raised(ConfigError, lambda: setattr(cfg, field, bad))
    assert err is not None, f"{field} = {bad!r} must be refused"
    assert str(err) == f"ServiceConfig.{field}: expected {expected}, got {bad!r}", f"message: {err}"
assert (cfg.name, cfg.level, cfg.cache) == ("billing", "debug", pathlib.Path("tmp/cache")), "refusals change nothing"
### BEGIN HIDDEN TESTS
for bad in ("https://", "https:///path", "https://:80", "https://api.example.com:abc", "http://[::1", "https://a b.com",
            "localhost:8080", "", "   "):
    assert raised(ConfigError, lambda: setattr(cfg, "endpoint", bad)) is not None, bad
assert cfg.endpoint == "HTTP://api.example.com:8080/health"
cfg.endpoint = "https://[::1]:0/"
cfg.data_dir = pathlib.Path("/")
assert cfg.data_dir == pathlib.Path("/") and cfg.endpoint == "https://[::1]:0/"


class Picky:
    region = StrField(choices=(r for r in ["eu-west-1", "us-east-1"]))
    store = UrlField(schemes=(s for s in ["s3", "gs"]))


p = Picky()
p.region, p.store = "us-east-1", "gs://bucket/models"
assert (p.region, p.store) == ("us-east-1", "gs://bucket/models"), "choices and schemes may be any iterable"
err = raised(ConfigError, lambda: setattr(p, "region", "ap-south-1"))
assert str(err) == "Picky.region: expected one of 'eu-west-1', 'us-east-1', got 'ap-south-1'"
err = raised(ConfigError, lambda: setattr(p, "store", "file:///tmp/x"))
assert str(err) == "Picky.store: expected a URL with scheme s3 or gs, got 'file:///tmp/x'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
first, second = ServiceConfig(), ServiceConfig()
first.port, second.port = 8080, 9090
first.name = "first"
assert (first.port, second.port) == (8080, 9090), "every instance keeps its own value"
assert vars(first) == {"port": 8080, "name": "first"}, f"values live in the instance's __dict__, got {vars(first)}"
assert isinstance(ServiceConfig.port, IntField), "access through the class gives the field itself"
err = raised(AttributeError, lambda: second.name)
assert err is not None and "ServiceConfig.name" in str(err), "reading an unset field raises AttributeError naming it"
first.__dict__["port"] = "tampered"
first.port = "8081"
assert first.port == 8081, "assignment always goes through the field"

# %% course={"kind": "wrong", "id": "value-on-the-field", "fails": ["t4"]}
import os
import pathlib
import urllib.parse


class ConfigError(ValueError):
    pass


class Field:
    expected = "a value"

    def __set_name__(self, owner, name):
        self.owner, self.name = owner.__name__, name

    def convert(self, value):
        return value

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if not hasattr(self, "value"):
            raise AttributeError(f"{self.owner}.{self.name} has not been set")
        return self.value

    def __set__(self, instance, value):
        try:
            self.value = self.convert(value)  # one field object per class: every instance shares it
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{self.owner}.{self.name}: expected {self.expected}, got {value!r}") from err


class IntField(Field):
    def __init__(self, minimum=None, maximum=None):
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"an int from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"an int >= {minimum}"
        elif maximum is not None:
            self.expected = f"an int <= {maximum}"
        else:
            self.expected = "an int"

    def convert(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("not an int")
        number = int(value)
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise ValueError("out of range")
        return number


class StrField(Field):
    def __init__(self, choices=None):
        self.choices = None if choices is None else tuple(choices)
        self.expected = "a non-empty string" if self.choices is None else "one of " + ", ".join(map(repr, self.choices))

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if not text or (self.choices is not None and text not in self.choices):
            raise ValueError("not allowed")
        return text


class UrlField(Field):
    def __init__(self, schemes=("http", "https")):
        self.schemes = tuple(schemes)
        self.expected = "a URL with scheme " + " or ".join(self.schemes)

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in self.schemes or not parts.hostname or any(c.isspace() for c in text):
            raise ValueError("bad URL")
        parts.port
        return text


class PathField(Field):
    def __init__(self, absolute=False):
        self.absolute = absolute
        self.expected = "an absolute path" if absolute else "a path"

    def convert(self, value):
        text = os.fspath(value)
        if not isinstance(text, str) or not text:
            raise ValueError("bad path")
        path = pathlib.Path(text)
        if self.absolute and not path.is_absolute():
            raise ValueError("not absolute")
        return path

# %% course={"kind": "wrong", "id": "message-without-owner", "fails": ["t2", "t3"]}
import os
import pathlib
import urllib.parse


class ConfigError(ValueError):
    pass


class Field:
    expected = "a value"

    def __set_name__(self, owner, name):
        self.owner, self.name = owner.__name__, name

    def convert(self, value):
        return value

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            return instance.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{self.owner}.{self.name} has not been set") from None

    def __set__(self, instance, value):
        try:
            converted = self.convert(value)
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{self.name}: expected {self.expected}, got {value!r}") from err  # which config?
        instance.__dict__[self.name] = converted


class IntField(Field):
    def __init__(self, minimum=None, maximum=None):
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"an int from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"an int >= {minimum}"
        elif maximum is not None:
            self.expected = f"an int <= {maximum}"
        else:
            self.expected = "an int"

    def convert(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("not an int")
        number = int(value)
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise ValueError("out of range")
        return number


class StrField(Field):
    def __init__(self, choices=None):
        self.choices = None if choices is None else tuple(choices)
        self.expected = "a non-empty string" if self.choices is None else "one of " + ", ".join(map(repr, self.choices))

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if not text or (self.choices is not None and text not in self.choices):
            raise ValueError("not allowed")
        return text


class UrlField(Field):
    def __init__(self, schemes=("http", "https")):
        self.schemes = tuple(schemes)
        self.expected = "a URL with scheme " + " or ".join(self.schemes)

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in self.schemes or not parts.hostname or any(c.isspace() for c in text):
            raise ValueError("bad URL")
        parts.port
        return text


class PathField(Field):
    def __init__(self, absolute=False):
        self.absolute = absolute
        self.expected = "an absolute path" if absolute else "a path"

    def convert(self, value):
        text = os.fspath(value)
        if not isinstance(text, str) or not text:
            raise ValueError("bad path")
        path = pathlib.Path(text)
        if self.absolute and not path.is_absolute():
            raise ValueError("not absolute")
        return path

# %% course={"kind": "wrong", "id": "bool-is-an-int", "fails": ["t2"]}
import os
import pathlib
import urllib.parse


class ConfigError(ValueError):
    pass


class Field:
    expected = "a value"

    def __set_name__(self, owner, name):
        self.owner, self.name = owner.__name__, name

    def convert(self, value):
        return value

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            return instance.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{self.owner}.{self.name} has not been set") from None

    def __set__(self, instance, value):
        try:
            converted = self.convert(value)
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{self.owner}.{self.name}: expected {self.expected}, got {value!r}") from err
        instance.__dict__[self.name] = converted


class IntField(Field):
    def __init__(self, minimum=None, maximum=None):
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"an int from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"an int >= {minimum}"
        elif maximum is not None:
            self.expected = f"an int <= {maximum}"
        else:
            self.expected = "an int"

    def convert(self, value):
        number = int(value)  # int(True) is 1 and int(8.9) is 8: both slip through
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise ValueError("out of range")
        return number


class StrField(Field):
    def __init__(self, choices=None):
        self.choices = None if choices is None else tuple(choices)
        self.expected = "a non-empty string" if self.choices is None else "one of " + ", ".join(map(repr, self.choices))

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if not text or (self.choices is not None and text not in self.choices):
            raise ValueError("not allowed")
        return text


class UrlField(Field):
    def __init__(self, schemes=("http", "https")):
        self.schemes = tuple(schemes)
        self.expected = "a URL with scheme " + " or ".join(self.schemes)

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in self.schemes or not parts.hostname or any(c.isspace() for c in text):
            raise ValueError("bad URL")
        parts.port
        return text


class PathField(Field):
    def __init__(self, absolute=False):
        self.absolute = absolute
        self.expected = "an absolute path" if absolute else "a path"

    def convert(self, value):
        text = os.fspath(value)
        if not isinstance(text, str) or not text:
            raise ValueError("bad path")
        path = pathlib.Path(text)
        if self.absolute and not path.is_absolute():
            raise ValueError("not absolute")
        return path

# %% course={"kind": "wrong", "id": "empty-path-is-dot", "fails": ["t3"]}
import os
import pathlib
import urllib.parse


class ConfigError(ValueError):
    pass


class Field:
    expected = "a value"

    def __set_name__(self, owner, name):
        self.owner, self.name = owner.__name__, name

    def convert(self, value):
        return value

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            return instance.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{self.owner}.{self.name} has not been set") from None

    def __set__(self, instance, value):
        try:
            converted = self.convert(value)
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{self.owner}.{self.name}: expected {self.expected}, got {value!r}") from err
        instance.__dict__[self.name] = converted


class IntField(Field):
    def __init__(self, minimum=None, maximum=None):
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"an int from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"an int >= {minimum}"
        elif maximum is not None:
            self.expected = f"an int <= {maximum}"
        else:
            self.expected = "an int"

    def convert(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("not an int")
        number = int(value)
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise ValueError("out of range")
        return number


class StrField(Field):
    def __init__(self, choices=None):
        self.choices = None if choices is None else tuple(choices)
        self.expected = "a non-empty string" if self.choices is None else "one of " + ", ".join(map(repr, self.choices))

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if not text or (self.choices is not None and text not in self.choices):
            raise ValueError("not allowed")
        return text


class UrlField(Field):
    def __init__(self, schemes=("http", "https")):
        self.schemes = tuple(schemes)
        self.expected = "a URL with scheme " + " or ".join(self.schemes)

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        parts = urllib.parse.urlsplit(text)
        if parts.scheme not in self.schemes or not parts.hostname or any(c.isspace() for c in text):
            raise ValueError("bad URL")
        parts.port
        return text


class PathField(Field):
    def __init__(self, absolute=False):
        self.absolute = absolute
        self.expected = "an absolute path" if absolute else "a path"

    def convert(self, value):
        path = pathlib.Path(value)  # Path("") is Path("."), and Path(b"/tmp") is a TypeError anyway
        if self.absolute and not path.is_absolute():
            raise ValueError("not absolute")
        return path

# %% course={"kind": "wrong", "id": "url-scheme-only", "fails": ["t3"]}
import os
import pathlib
import urllib.parse


class ConfigError(ValueError):
    pass


class Field:
    expected = "a value"

    def __set_name__(self, owner, name):
        self.owner, self.name = owner.__name__, name

    def convert(self, value):
        return value

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            return instance.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{self.owner}.{self.name} has not been set") from None

    def __set__(self, instance, value):
        try:
            converted = self.convert(value)
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{self.owner}.{self.name}: expected {self.expected}, got {value!r}") from err
        instance.__dict__[self.name] = converted


class IntField(Field):
    def __init__(self, minimum=None, maximum=None):
        self.minimum, self.maximum = minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"an int from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"an int >= {minimum}"
        elif maximum is not None:
            self.expected = f"an int <= {maximum}"
        else:
            self.expected = "an int"

    def convert(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("not an int")
        number = int(value)
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise ValueError("out of range")
        return number


class StrField(Field):
    def __init__(self, choices=None):
        self.choices = None if choices is None else tuple(choices)
        self.expected = "a non-empty string" if self.choices is None else "one of " + ", ".join(map(repr, self.choices))

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if not text or (self.choices is not None and text not in self.choices):
            raise ValueError("not allowed")
        return text


class UrlField(Field):
    def __init__(self, schemes=("http", "https")):
        self.schemes = tuple(schemes)
        self.expected = "a URL with scheme " + " or ".join(self.schemes)

    def convert(self, value):
        if not isinstance(value, str):
            raise TypeError("not a str")
        text = value.strip()
        if text.split("://")[0].lower() not in self.schemes:  # no host or port check
            raise ValueError("bad URL")
        return text


class PathField(Field):
    def __init__(self, absolute=False):
        self.absolute = absolute
        self.expected = "an absolute path" if absolute else "a path"

    def convert(self, value):
        text = os.fspath(value)
        if not isinstance(text, str) or not text:
            raise ValueError("bad path")
        path = pathlib.Path(text)
        if self.absolute and not path.is_absolute():
            raise ValueError("not absolute")
        return path

# %% [markdown] course={"kind": "exercise", "id": "config-loader", "item": "project-5-2-1"}
# ### Mini-project: Configuration Validator, part 2: every problem in one run
#
# A deploy stops at the first bad setting; you fix it, run again, and it stops at the second.
# Write a loader that reports **every** problem of a configuration file at once, with hints for
# typos. It works for any config class whose settings are **data descriptors**: the fields of
# part 1, or plain properties with setters (the tests use properties, so this part stands alone).
#
# - `setting_names(cls)` returns the sorted list of the setting names of `cls`: the names, not
#   starting with `_`, defined in `cls` or its bases whose value's type defines `__set__`. Where a
#   name is defined in several classes, the one found first along `cls.__mro__` counts (as for
#   attribute lookup). Methods, plain class constants and everything starting with `_`
#   (`__dict__` and `__class__` are data descriptors too!) are not settings.
# - `load_config(cls, data, source="<data>")`: `cls()` takes no arguments and sets defaults;
#   `data` is any mapping from names to values (it may be read-only; do not change it). Make
#   `config = cls()`, then for each key of `data`, in order:
#   - a key that is not a setting adds the problem `f"{key!r} is not a setting"`, followed by
#     `f" (did you mean {best!r}?)"` when `difflib.get_close_matches(key, names, n=1)` finds a
#     `best` among the setting names;
#   - otherwise assign the value with `setattr`; a `TypeError`, `ValueError` or
#     `AttributeError` (a read-only setting) adds the problem `f"{key}: {error}"`. Any other
#     exception is a bug, not a problem in the data: let it propagate.
#
#   With no problems, return `config`. Otherwise raise `ConfigProblems(source, problems)` (given),
#   with the problems in the order of `data`.
#
# ```python
# load_config(DeployConfig, {"replcas": 3, "image": "api"}, "deploy.yaml")
# # ConfigProblems: deploy.yaml: 2 problem(s)
# #   - 'replcas' is not a setting (did you mean 'replicas'?)
# #   - image: image needs a tag like 'api:1.2', got 'api'
# ```

# %% [markdown] course={"kind": "hint"}
# For `setting_names`, walk `cls.__mro__` and look at `vars(klass)` of each class; remember
# only the first definition of each name. `hasattr(type(attr), "__set__")` tells a data
# descriptor. `hasattr(cls, key)` is *not* the test: it is true for methods and constants too.

# %% [markdown] course={"kind": "hint"}
# Collect problems in a list and raise once, after the loop. Catch `(TypeError, ValueError,
# AttributeError)` around the `setattr` only, so a bug elsewhere still shows its traceback.

# %% course={"kind": "solution", "equivalent": {"m-7bfb6d7b": "get_close_matches lists the best match first and only best[0] is used, so n=2 gives the same hint"}}
import difflib
from collections.abc import Mapping


class ConfigProblems(ValueError):
    """Every problem found in one configuration source."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


def setting_names(cls: type) -> list[str]:
    """The sorted names of the settable (data-descriptor) attributes of ``cls``."""
    ### BEGIN SOLUTION
    found: dict[str, object] = {}
    for klass in cls.__mro__:
        for name, attr in vars(klass).items():
            found.setdefault(name, attr)
    return sorted(n for n, attr in found.items() if not n.startswith("_") and hasattr(type(attr), "__set__"))
    ### END SOLUTION


def load_config(cls: type, data: Mapping[str, object], source: str = "<data>") -> object:
    """A new ``cls()`` with every setting of ``data`` applied, or ConfigProblems listing all that is wrong."""
    ### BEGIN SOLUTION
    names = setting_names(cls)
    config = cls()
    problems: list[str] = []
    for key, value in data.items():
        if key not in names:
            best = difflib.get_close_matches(key, names, n=1)
            problems.append(f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else ""))
            continue
        try:
            setattr(config, key, value)
        except (TypeError, ValueError, AttributeError) as err:
            problems.append(f"{key}: {err}")
    if problems:
        raise ConfigProblems(source, problems)
    return config
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import types


class DeployConfig:
    VERSION = 2  # a plain class constant: not a setting

    def __init__(self):
        self._replicas = 1
        self._image = "api:latest"

    @property
    def replicas(self):
        return self._replicas

    @replicas.setter
    def replicas(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"replicas must be an int, got {value!r}")
        if not 1 <= value <= 50:
            raise ValueError(f"replicas must be from 1 to 50, got {value}")
        self._replicas = value

    @property
    def image(self):
        return self._image

    @image.setter
    def image(self, value):
        if ":" not in str(value):
            raise ValueError(f"image needs a tag like 'api:1.2', got {value!r}")
        self._image = value

    @property
    def kind(self):  # read-only
        return "service"

    def describe(self):  # a method: not a setting
        return f"{self.image} x{self.replicas}"


class WorkerConfig(DeployConfig):
    def __init__(self):
        super().__init__()
        self._queue = "default"

    @property
    def queue(self):
        return self._queue

    @queue.setter
    def queue(self, value):
        self._queue = value.strip()


assert setting_names(DeployConfig) == ["image", "kind", "replicas"], f"got {setting_names(DeployConfig)}"
assert setting_names(WorkerConfig) == ["image", "kind", "queue", "replicas"], "inherited settings count"
config = load_config(DeployConfig, {"replicas": 3, "image": "api:1.4"})
assert type(config) is DeployConfig, "load_config returns an instance of cls"
assert (config.replicas, config.image) == (3, "api:1.4"), "every value in data is applied"
assert load_config(DeployConfig, {}).describe() == "api:latest x1", "an empty mapping keeps the defaults"
worker = load_config(WorkerConfig, types.MappingProxyType({"queue": " emails ", "replicas": 2}), "worker.yaml")
assert type(worker) is WorkerConfig and (worker.queue, worker.replicas) == ("emails", 2), "subclasses work"

# %% course={"kind": "test", "points": 2}
data = {"replcas": 3, "image": "api", "kind": "batch", "replicas": 0}
try:
    load_config(DeployConfig, data, "deploy.yaml")
except ConfigProblems as err:
    problems, text = err.problems, str(err)
else:
    raise AssertionError("four problems: load_config must raise ConfigProblems")
assert len(problems) == 4, f"report every problem at once, not just the first: got {problems}"
assert problems[0] == "'replcas' is not a setting (did you mean 'replicas'?)", f"got {problems[0]!r}"
assert problems[1] == "image: image needs a tag like 'api:1.2', got 'api'", f"got {problems[1]!r}"
assert problems[2].startswith("kind: ") and "kind" in problems[2][6:], f"a read-only setting, got {problems[2]!r}"
assert problems[3] == "replicas: replicas must be from 1 to 50, got 0", f"got {problems[3]!r}"
assert text.splitlines()[0] == "deploy.yaml: 4 problem(s)", "the source is named in the message"
assert data == {"replcas": 3, "image": "api", "kind": "batch", "replicas": 0}, "data is not changed"
err = raised(ConfigProblems, lambda: load_config(DeployConfig, {"replicas": "3"}))
assert err is not None and err.problems == ["replicas: replicas must be an int, got '3'"], "TypeErrors are problems too"
assert str(err).startswith("<data>: 1 problem(s)"), "the default source is '<data>'"

# %% course={"kind": "test", "points": 2}
def problems_for(cls, data):
    err = raised(ConfigProblems, lambda: load_config(cls, data))
    assert err is not None, f"{data} must be refused"
    return err.problems


assert problems_for(DeployConfig, {"VERSION": 3}) == ["'VERSION' is not a setting"], "a class constant is not a setting"
assert problems_for(DeployConfig, {"describe": "x"}) == ["'describe' is not a setting"], "a method is not a setting"
assert problems_for(DeployConfig, {"_replicas": 99}) == ["'_replicas' is not a setting (did you mean 'replicas'?)"], \
    "names starting with _ are never settings: _replicas would skip the checks"
assert problems_for(DeployConfig, {"__dict__": {}}) == ["'__dict__' is not a setting"], "__dict__ is not a setting"
assert problems_for(WorkerConfig, {"queu": "x"}) == ["'queu' is not a setting (did you mean 'queue'?)"]
assert problems_for(DeployConfig, {"queue": "x"}) == ["'queue' is not a setting"], "queue belongs to WorkerConfig only"
### BEGIN HIDDEN TESTS
assert problems_for(DeployConfig, {"Image": "x:1", "zzz": 0, "__class__": int}) == [
    "'Image' is not a setting (did you mean 'image'?)", "'zzz' is not a setting", "'__class__' is not a setting"]
assert setting_names(object) == [] and setting_names(type("Empty", (), {})) == []


class Override(WorkerConfig):
    queue = "fixed"  # a plain attribute hides the inherited property


assert setting_names(Override) == ["image", "kind", "replicas"], "the first definition along the MRO counts"


class Buggy:
    @property
    def level(self):
        return "info"

    @level.setter
    def level(self, value):
        raise RuntimeError("a bug in the setter")


assert raised(RuntimeError, lambda: load_config(Buggy, {"level": "debug"})) is not None, "a bug is not a problem"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def problems_for(cls, data):
    err = raised(ConfigProblems, lambda: load_config(cls, data))
    assert err is not None, f"{data} must be refused"
    return err.problems


class Percent:
    """A data descriptor that is not a property."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        return self if instance is None else instance.__dict__.get(self.name, 0)

    def __set__(self, instance, value):
        if not 0 <= value <= 100:
            raise ValueError(f"{self.name} must be 0-100, got {value}")
        instance.__dict__[self.name] = value


class Alerts:
    cpu = Percent()
    memory = Percent()
    note = "not a setting"


assert setting_names(Alerts) == ["cpu", "memory"], "any data descriptor is a setting"
alerts = load_config(Alerts, {"cpu": 90, "memory": 0})
assert (alerts.cpu, alerts.memory) == (90, 0), "descriptor settings are applied"
assert problems_for(Alerts, {"memory": 101, "cpuu": 1, "note": "x"}) == [
    "memory: memory must be 0-100, got 101", "'cpuu' is not a setting (did you mean 'cpu'?)", "'note' is not a setting"]

# %% course={"kind": "wrong", "id": "stops-at-first-problem", "fails": ["t2", "t3", "t4"]}
import difflib


class ConfigProblems(ValueError):
    def __init__(self, source, problems):
        self.source, self.problems = source, problems
        super().__init__("\n".join([f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]))


def setting_names(cls):
    found = {}
    for klass in cls.__mro__:
        for name, attr in vars(klass).items():
            found.setdefault(name, attr)
    return sorted(n for n, a in found.items() if not n.startswith("_") and hasattr(type(a), "__set__"))


def load_config(cls, data, source="<data>"):
    names = setting_names(cls)
    config = cls()
    for key, value in data.items():
        if key not in names:
            best = difflib.get_close_matches(key, names, n=1)
            raise ConfigProblems(source, [f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else "")])
        try:
            setattr(config, key, value)
        except (TypeError, ValueError, AttributeError) as err:
            raise ConfigProblems(source, [f"{key}: {err}"]) from err  # one problem per run
    return config

# %% course={"kind": "wrong", "id": "hasattr-means-setting", "fails": ["t1", "t3", "t4"]}
import difflib


class ConfigProblems(ValueError):
    def __init__(self, source, problems):
        self.source, self.problems = source, problems
        super().__init__("\n".join([f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]))


def setting_names(cls):
    return sorted(n for n in dir(cls) if not n.startswith("_"))  # methods and constants too


def load_config(cls, data, source="<data>"):
    names = setting_names(cls)
    config = cls()
    problems = []
    for key, value in data.items():
        if not hasattr(cls, key):
            best = difflib.get_close_matches(key, names, n=1)
            problems.append(f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else ""))
            continue
        try:
            setattr(config, key, value)
        except (TypeError, ValueError, AttributeError) as err:
            problems.append(f"{key}: {err}")
    if problems:
        raise ConfigProblems(source, problems)
    return config

# %% course={"kind": "wrong", "id": "underscore-names-allowed", "fails": ["t1", "t3", "t4"]}
import difflib


class ConfigProblems(ValueError):
    def __init__(self, source, problems):
        self.source, self.problems = source, problems
        super().__init__("\n".join([f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]))


def setting_names(cls):
    found = {}
    for klass in cls.__mro__:
        for name, attr in vars(klass).items():
            found.setdefault(name, attr)
    return sorted(n for n, a in found.items() if hasattr(type(a), "__set__"))  # __dict__, __weakref__ included


def load_config(cls, data, source="<data>"):
    names = setting_names(cls)
    config = cls()
    problems = []
    for key, value in data.items():
        if key not in names and not key.startswith("_"):
            best = difflib.get_close_matches(key, names, n=1)
            problems.append(f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else ""))
            continue
        try:
            setattr(config, key, value)
        except (TypeError, ValueError, AttributeError) as err:
            problems.append(f"{key}: {err}")
    if problems:
        raise ConfigProblems(source, problems)
    return config

# %% course={"kind": "wrong", "id": "own-class-only", "fails": ["t1", "t3"]}
import difflib


class ConfigProblems(ValueError):
    def __init__(self, source, problems):
        self.source, self.problems = source, problems
        super().__init__("\n".join([f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]))


def setting_names(cls):
    return sorted(n for n, a in vars(cls).items() if not n.startswith("_") and hasattr(type(a), "__set__"))


def load_config(cls, data, source="<data>"):
    names = setting_names(cls)
    config = cls()
    problems = []
    for key, value in data.items():
        if key not in names:
            best = difflib.get_close_matches(key, names, n=1)
            problems.append(f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else ""))
            continue
        try:
            setattr(config, key, value)
        except (TypeError, ValueError, AttributeError) as err:
            problems.append(f"{key}: {err}")
    if problems:
        raise ConfigProblems(source, problems)
    return config

# %% course={"kind": "wrong", "id": "read-only-not-caught", "fails": ["t2"]}
import difflib


class ConfigProblems(ValueError):
    def __init__(self, source, problems):
        self.source, self.problems = source, problems
        super().__init__("\n".join([f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]))


def setting_names(cls):
    found = {}
    for klass in cls.__mro__:
        for name, attr in vars(klass).items():
            found.setdefault(name, attr)
    return sorted(n for n, a in found.items() if not n.startswith("_") and hasattr(type(a), "__set__"))


def load_config(cls, data, source="<data>"):
    names = setting_names(cls)
    config = cls()
    problems = []
    for key, value in data.items():
        if key not in names:
            best = difflib.get_close_matches(key, names, n=1)
            problems.append(f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else ""))
            continue
        try:
            setattr(config, key, value)
        except ValueError as err:  # TypeError and the read-only AttributeError escape
            problems.append(f"{key}: {err}")
    if problems:
        raise ConfigProblems(source, problems)
    return config

# %% course={"kind": "wrong", "id": "catches-everything", "fails": ["t3"]}
import difflib
from collections.abc import Mapping


class ConfigProblems(ValueError):
    """Every problem found in one configuration source."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


def setting_names(cls: type) -> list[str]:
    """The sorted names of the settable (data-descriptor) attributes of ``cls``."""
    found: dict[str, object] = {}
    for klass in cls.__mro__:
        for name, attr in vars(klass).items():
            found.setdefault(name, attr)
    return sorted(n for n, attr in found.items() if not n.startswith("_") and hasattr(type(attr), "__set__"))


def load_config(cls: type, data: Mapping[str, object], source: str = "<data>") -> object:
    """A new ``cls()`` with every setting of ``data`` applied, or ConfigProblems listing all that is wrong."""
    names = setting_names(cls)
    config = cls()
    problems: list[str] = []
    for key, value in data.items():
        if key not in names:
            best = difflib.get_close_matches(key, names, n=1)
            problems.append(f"{key!r} is not a setting" + (f" (did you mean {best[0]!r}?)" if best else ""))
            continue
        try:
            setattr(config, key, value)
        except Exception as err:  # a bug in a setter is reported as a problem in the data
            problems.append(f"{key}: {err}")
    if problems:
        raise ConfigProblems(source, problems)
    return config

# %% [markdown] course={"kind": "task", "id": "config-validator-tool", "item": "project-5-2-1", "points": 3}
# ### Make the validator a tool
#
# Put parts 1 and 2 in a module `configcheck.py` and make it useful on real files:
#
# 1. A config class for one of your own services, built from `IntField`, `StrField`, `UrlField`
#    and `PathField` (at least one of each), with defaults set in `__init__`.
# 2. `python configcheck.py service.json` (or `.yaml`, if you install PyYAML) that reads the
#    file, calls `load_config` with the file name as `source`, prints `OK` and the settings on
#    success, or the problems and exit status 1 on failure. A file that is not valid JSON/YAML
#    gets a one-line error naming the file and the line, not a traceback.
# 3. An environment override: `SERVICE_PORT=9000 python configcheck.py service.json` applies
#    `SERVICE_<NAME>` variables on top of the file, through the same fields (they arrive as
#    strings, which is why `IntField` accepts `"9000"`).
#
# Paste a terminal session that shows a clean file, a file with three problems (one a typo that
# gets a "did you mean"), and an environment override that is refused.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the config class uses the four field types; no setting is validated twice or by hand
#   outside the fields; `load_config` is reused, not copied.
# - 1 point: exit status 0/1 as asked; a broken file gives one line with the file name and line
#   number (`json.JSONDecodeError` has `.lineno`), no traceback.
# - 1 point: environment overrides go through the same fields and their problems name the variable.

# %% [markdown] course={"kind": "exercise", "id": "resource-node", "item": "project-5-2-2"}
# ### Mini-project: Resource Manager
#
# A scheduler places workloads (training jobs, web services) on nodes, and must never promise more
# than a node has. Finish `Node(name, memory_gib, disk_gib)`; every node has 100 % of its CPU to
# hand out. `CapacityError` (a `RuntimeError`) is given.
#
# - `name` (a non-empty `str`), `memory_gib` and `disk_gib` (capacities: an `int` or `float`
#   above 0) are **read-only** properties. Wrong types raise `TypeError` (`bool` included),
#   wrong values `ValueError`.
# - `allocate(workload, cpu_percent, memory_gib, disk_gib)` reserves resources for the workload
#   named `workload`:
#   - `workload` must be a non-empty `str` not already on the node (`TypeError` / `ValueError`);
#   - `cpu_percent` is a number from 0 to 100, both included; `memory_gib` and `disk_gib` are
#     numbers above 0 (`TypeError` for non-numbers and `bool`, `ValueError` out of range);
#   - if the request does not fit in what is available, raise `CapacityError` with the message
#     `f"{resource}: requested {amount}, available {available}"` for the **first** resource
#     short, in the order `cpu`, `memory`, `disk`. An exact fit is fine.
#   - **All or nothing**: a refused allocation, for whatever reason, changes nothing.
# - `release(workload)` frees everything the workload held; an unknown name raises `KeyError`.
# - Read-only **computed** properties: `cpu_used`, `cpu_available`, `memory_used`,
#   `memory_available`, `disk_used`, `disk_available` (used + available = capacity, always), and
#   `workloads`, a `tuple` of the workload names in the order they were allocated.
#
# ```python
# node = Node("gpu-1", memory_gib=64, disk_gib=500)
# node.allocate("trainer", cpu_percent=50, memory_gib=48, disk_gib=100)
# node.cpu_available, node.memory_available, node.workloads    # (50, 16, ('trainer',))
# node.allocate("notebook", 10, 32, 10)   # CapacityError: memory: requested 32, available 16
# ```

# %% [markdown] course={"kind": "hint"}
# Store only the allocations (a dict from workload name to its three amounts) and compute every
# `_used` value from it with `sum(...)`; `_available` is capacity minus used. Then nothing can
# drift out of step, and a refused request has nothing to undo.

# %% [markdown] course={"kind": "hint"}
# Do every check, the capacity check included, before you store anything. Loop over
# `(("cpu", cpu, self.cpu_available), ("memory", ...), ("disk", ...))` and raise at the first
# `amount > available`.

# %% course={"kind": "solution"}
class CapacityError(RuntimeError):
    """A request bigger than what the node has left."""


class Node:
    """A machine whose CPU, memory and disk are handed out to workloads, never beyond capacity."""

    CPU_PERCENT = 100

    def __init__(self, name: str, memory_gib: float, disk_gib: float) -> None:
        ### BEGIN SOLUTION
        self._name = self._label(name)
        self._memory = self._positive(memory_gib)
        self._disk = self._positive(disk_gib)
        self._allocations: dict[str, tuple[float, float, float]] = {}
        ### END SOLUTION

    @property
    def name(self) -> str:
        ### BEGIN SOLUTION
        return self._name
        ### END SOLUTION

    @property
    def memory_gib(self) -> float:
        ### BEGIN SOLUTION
        return self._memory
        ### END SOLUTION

    @property
    def disk_gib(self) -> float:
        ### BEGIN SOLUTION
        return self._disk
        ### END SOLUTION

    @property
    def cpu_used(self) -> float:
        ### BEGIN SOLUTION
        return sum(cpu for cpu, _, _ in self._allocations.values())
        ### END SOLUTION

    @property
    def cpu_available(self) -> float:
        ### BEGIN SOLUTION
        return self.CPU_PERCENT - self.cpu_used
        ### END SOLUTION

    @property
    def memory_used(self) -> float:
        ### BEGIN SOLUTION
        return sum(memory for _, memory, _ in self._allocations.values())
        ### END SOLUTION

    @property
    def memory_available(self) -> float:
        ### BEGIN SOLUTION
        return self._memory - self.memory_used
        ### END SOLUTION

    @property
    def disk_used(self) -> float:
        ### BEGIN SOLUTION
        return sum(disk for _, _, disk in self._allocations.values())
        ### END SOLUTION

    @property
    def disk_available(self) -> float:
        ### BEGIN SOLUTION
        return self._disk - self.disk_used
        ### END SOLUTION

    @property
    def workloads(self) -> tuple[str, ...]:
        ### BEGIN SOLUTION
        return tuple(self._allocations)
        ### END SOLUTION

    def allocate(self, workload: str, cpu_percent: float, memory_gib: float, disk_gib: float) -> None:
        ### BEGIN SOLUTION
        workload = self._label(workload)
        if workload in self._allocations:
            raise ValueError(f"{workload!r} already runs on {self._name}")
        cpu = self._number(cpu_percent)
        if not 0 <= cpu <= self.CPU_PERCENT:
            raise ValueError(f"cpu_percent must be from 0 to 100, got {cpu}")
        memory, disk = self._positive(memory_gib), self._positive(disk_gib)
        for resource, amount, available in (
            ("cpu", cpu, self.cpu_available),
            ("memory", memory, self.memory_available),
            ("disk", disk, self.disk_available),
        ):
            if amount > available:
                raise CapacityError(f"{resource}: requested {amount}, available {available}")
        self._allocations[workload] = (cpu, memory, disk)
        ### END SOLUTION

    def release(self, workload: str) -> None:
        ### BEGIN SOLUTION
        del self._allocations[workload]
        ### END SOLUTION

    @staticmethod
    def _label(text: object) -> str:
        ### BEGIN SOLUTION
        if not isinstance(text, str):
            raise TypeError(f"a name must be a str, got {text!r}")
        if not text:
            raise ValueError("a name must not be empty")
        return text
        ### END SOLUTION

    @staticmethod
    def _number(x: object) -> float:
        ### BEGIN SOLUTION
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError(f"expected an int or float, got {x!r}")
        return x
        ### END SOLUTION

    def _positive(self, x: object) -> float:
        ### BEGIN SOLUTION
        if not self._number(x) > 0:
            raise ValueError(f"expected a number above 0, got {x!r}")
        return x
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
node = Node("gpu-1", memory_gib=64, disk_gib=500)
assert (node.name, node.memory_gib, node.disk_gib) == ("gpu-1", 64, 500), "keep the name and the capacities"
assert (node.cpu_available, node.memory_available, node.disk_available) == (100, 64, 500), "a new node is empty"
node.allocate("trainer", cpu_percent=50, memory_gib=48, disk_gib=100)
assert (node.cpu_used, node.memory_used, node.disk_used) == (50, 48, 100), "used sums the allocations"
assert (node.cpu_available, node.memory_available, node.disk_available) == (50, 16, 400), "available = capacity - used"
assert node.workloads == ("trainer",), f"workloads lists the names, got {node.workloads!r}"
node.release("trainer")
assert (node.cpu_available, node.memory_available, node.disk_available, node.workloads) == (100, 64, 500, ()), \
    "release() gives everything back"

# %% course={"kind": "test", "points": 2}
node = Node("gpu-1", 64, 500)
node.allocate("trainer", 50, 48, 100)
err = raised(CapacityError, lambda: node.allocate("notebook", 10, 32, 10))
assert err is not None, "32 GiB asked, 16 GiB left: raise CapacityError"
assert str(err) == "memory: requested 32, available 16", f"got {str(err)!r}"
err = raised(CapacityError, lambda: node.allocate("big", 60, 99, 999))
assert err is not None and str(err) == "cpu: requested 60, available 50", "name the first resource short: cpu"
err = raised(CapacityError, lambda: node.allocate("disk-hog", 50, 16, 400.5))
assert err is not None and str(err) == "disk: requested 400.5, available 400", f"got {err}"
node.allocate("exact", 50, 16, 400)
assert (node.cpu_available, node.memory_available, node.disk_available) == (0, 0, 0), "an exact fit is allowed"
node.release("exact")
node.allocate("idle", 0, 0.5, 0.25)
assert node.cpu_used == 50 and node.memory_used == 48.5, "0 % CPU is allowed; memory and disk may be fractions"
for args, kind in [((-1, 1, 1), ValueError), ((100.5, 1, 1), ValueError), ((1, 0, 1), ValueError),
                   ((1, 1, -2), ValueError), ((True, 1, 1), TypeError), ((1, "2", 1), TypeError), ((1, 1, None), TypeError)]:
    assert raised(kind, lambda: node.allocate("bad", *args)) is not None, f"allocate('bad', {args}) must raise {kind.__name__}"
### BEGIN HIDDEN TESTS
empty = Node("n", 1, 1)
empty.allocate("all", 100, 1, 1)
assert (empty.cpu_available, empty.memory_available, empty.disk_available) == (0, 0, 0)
err = raised(CapacityError, lambda: empty.allocate("more", 0, 1, 1))
assert err is not None and str(err) == "memory: requested 1, available 0", "0 % CPU fits, memory does not"
assert raised(ValueError, lambda: Node("n", 1, 1).allocate("w", 100.001, 1, 1)) is not None
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def snapshot(n):
    return (n.cpu_used, n.cpu_available, n.memory_used, n.memory_available, n.disk_used, n.disk_available, n.workloads)


node = Node("web-3", 16, 100)
node.allocate("api", 30, 4, 10)
before = snapshot(node)
for action in (lambda: node.allocate("cache", 60, 8, 95), lambda: node.allocate("cache", 80, 1, 1),
               lambda: node.allocate("cache", 10, 13, 1), lambda: node.allocate("api", 1, 1, 1),
               lambda: node.allocate("", 1, 1, 1), lambda: node.allocate("cache", 10, 1, 0)):
    try:
        action()
    except (CapacityError, ValueError, TypeError):
        pass
    else:
        raise AssertionError("this allocation must be refused")
    assert snapshot(node) == before, f"a refused allocation must change nothing: {snapshot(node)} != {before}"
assert raised(KeyError, lambda: node.release("cache")) is not None, "releasing an unknown workload raises KeyError"
assert raised(TypeError, lambda: node.allocate(None, 1, 1, 1)) is not None, "a workload name must be a str"
node.release("api")
node.allocate("api", 100, 16, 100)
assert node.workloads == ("api",) and node.cpu_available == 0, "a released name can be allocated again"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(522)
node = Node("fuzz", 64, 256)
model: dict = {}
for step in range(600):
    name = f"w{rng.randint(0, 9)}"
    if name in model and rng.random() < 0.5:
        node.release(name)
        del model[name]
    else:
        cpu, mem, disk = rng.randint(0, 60), rng.randint(1, 40), rng.randint(1, 150)
        used = [sum(v[i] for v in model.values()) for i in range(3)]
        fits = cpu <= 100 - used[0] and mem <= 64 - used[1] and disk <= 256 - used[2]
        try:
            node.allocate(name, cpu, mem, disk)
            ok = True
        except (CapacityError, ValueError):
            ok = False
        assert ok == (fits and name not in model), (step, name, cpu, mem, disk)
        if ok:
            model[name] = (cpu, mem, disk)
    assert node.workloads == tuple(model)
    assert node.cpu_used + node.cpu_available == 100 and node.memory_used + node.memory_available == 64
    assert node.disk_used == sum(v[2] for v in model.values()) and node.disk_available == 256 - node.disk_used
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
node = Node("db-1", 32, 200)
node.allocate("postgres", 40, 16, 150)
node.allocate("backup", 5, 1, 20)
names = ("name", "memory_gib", "disk_gib", "cpu_used", "cpu_available", "memory_used", "memory_available",
         "disk_used", "disk_available", "workloads")
for name in names:
    attr = Node.__dict__.get(name)
    assert isinstance(attr, property) and attr.fset is None, f"{name} must be a read-only property"
    assert raised(AttributeError, lambda: setattr(node, name, 0)) is not None, f"assigning {name} must fail"
assert node.workloads == ("postgres", "backup") and type(node.workloads) is tuple, "a tuple, in allocation order"
assert node.memory_available == 15 and node.disk_available == 30, "nothing above changed the node"
for args, kind in [(("db", 0, 10), ValueError), (("db", 10, -1), ValueError), (("db", True, 10), TypeError),
                   (("db", 10, "10"), TypeError), (("", 10, 10), ValueError), ((None, 10, 10), TypeError)]:
    assert raised(kind, lambda: Node(*args)) is not None, f"Node{args} must raise {kind.__name__}"
assert Node("tiny", 0.5, 0.25).memory_available == 0.5, "fractional capacities are fine"

# %% course={"kind": "wrong", "id": "partial-allocation", "fails": ["t2", "t3"]}
class CapacityError(RuntimeError):
    pass


class Node:
    def __init__(self, name, memory_gib, disk_gib):
        if not isinstance(name, str):
            raise TypeError("name")
        if not name:
            raise ValueError("name")
        self._name, self._memory, self._disk = name, self._positive(memory_gib), self._positive(disk_gib)
        self._cpu_used = self._memory_used = self._disk_used = 0  # counters, updated as we go
        self._names = []

    name = property(lambda self: self._name)
    memory_gib = property(lambda self: self._memory)
    disk_gib = property(lambda self: self._disk)
    cpu_used = property(lambda self: self._cpu_used)
    cpu_available = property(lambda self: 100 - self._cpu_used)
    memory_used = property(lambda self: self._memory_used)
    memory_available = property(lambda self: self._memory - self._memory_used)
    disk_used = property(lambda self: self._disk_used)
    disk_available = property(lambda self: self._disk - self._disk_used)
    workloads = property(lambda self: tuple(self._names))

    def allocate(self, workload, cpu_percent, memory_gib, disk_gib):
        if not isinstance(workload, str):
            raise TypeError("workload")
        if not workload or workload in self._names:
            raise ValueError("workload")
        if isinstance(cpu_percent, bool) or not isinstance(cpu_percent, (int, float)):
            raise TypeError("cpu")
        if not 0 <= cpu_percent <= 100:
            raise ValueError("cpu")
        if cpu_percent > self.cpu_available:
            raise CapacityError(f"cpu: requested {cpu_percent}, available {self.cpu_available}")
        self._cpu_used += cpu_percent  # reserved before memory and disk are checked
        memory = self._positive(memory_gib)
        if memory > self.memory_available:
            raise CapacityError(f"memory: requested {memory}, available {self.memory_available}")
        self._memory_used += memory
        disk = self._positive(disk_gib)
        if disk > self.disk_available:
            raise CapacityError(f"disk: requested {disk}, available {self.disk_available}")
        self._disk_used += disk
        self._names.append(workload)
        self._held = getattr(self, "_held", {})
        self._held[workload] = (cpu_percent, memory, disk)

    def release(self, workload):
        cpu, memory, disk = self._held.pop(workload)
        self._names.remove(workload)
        self._cpu_used -= cpu
        self._memory_used -= memory
        self._disk_used -= disk

    @staticmethod
    def _positive(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("number")
        if not x > 0:
            raise ValueError("positive")
        return x

# %% course={"kind": "wrong", "id": "exact-fit-refused", "fails": ["t2", "t3"]}
class CapacityError(RuntimeError):
    pass


class Node:
    def __init__(self, name, memory_gib, disk_gib):
        if not isinstance(name, str):
            raise TypeError("name")
        if not name:
            raise ValueError("name")
        self._name, self._memory, self._disk = name, self._positive(memory_gib), self._positive(disk_gib)
        self._allocations = {}

    name = property(lambda self: self._name)
    memory_gib = property(lambda self: self._memory)
    disk_gib = property(lambda self: self._disk)
    cpu_used = property(lambda self: sum(a[0] for a in self._allocations.values()))
    cpu_available = property(lambda self: 100 - self.cpu_used)
    memory_used = property(lambda self: sum(a[1] for a in self._allocations.values()))
    memory_available = property(lambda self: self._memory - self.memory_used)
    disk_used = property(lambda self: sum(a[2] for a in self._allocations.values()))
    disk_available = property(lambda self: self._disk - self.disk_used)
    workloads = property(lambda self: tuple(self._allocations))

    def allocate(self, workload, cpu_percent, memory_gib, disk_gib):
        if not isinstance(workload, str):
            raise TypeError("workload")
        if not workload or workload in self._allocations:
            raise ValueError("workload")
        if isinstance(cpu_percent, bool) or not isinstance(cpu_percent, (int, float)):
            raise TypeError("cpu")
        if not 0 <= cpu_percent <= 100:
            raise ValueError("cpu")
        memory, disk = self._positive(memory_gib), self._positive(disk_gib)
        for resource, amount, available in (("cpu", cpu_percent, self.cpu_available),
                                            ("memory", memory, self.memory_available),
                                            ("disk", disk, self.disk_available)):
            if amount >= available:  # refuses a request that fits exactly
                raise CapacityError(f"{resource}: requested {amount}, available {available}")
        self._allocations[workload] = (cpu_percent, memory, disk)

    def release(self, workload):
        del self._allocations[workload]

    @staticmethod
    def _positive(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("number")
        if not x > 0:
            raise ValueError("positive")
        return x

# %% course={"kind": "wrong", "id": "cpu-must-be-positive", "fails": ["t2", "t3"]}
class CapacityError(RuntimeError):
    pass


class Node:
    def __init__(self, name, memory_gib, disk_gib):
        if not isinstance(name, str):
            raise TypeError("name")
        if not name:
            raise ValueError("name")
        self._name, self._memory, self._disk = name, self._positive(memory_gib), self._positive(disk_gib)
        self._allocations = {}

    name = property(lambda self: self._name)
    memory_gib = property(lambda self: self._memory)
    disk_gib = property(lambda self: self._disk)
    cpu_used = property(lambda self: sum(a[0] for a in self._allocations.values()))
    cpu_available = property(lambda self: 100 - self.cpu_used)
    memory_used = property(lambda self: sum(a[1] for a in self._allocations.values()))
    memory_available = property(lambda self: self._memory - self.memory_used)
    disk_used = property(lambda self: sum(a[2] for a in self._allocations.values()))
    disk_available = property(lambda self: self._disk - self.disk_used)
    workloads = property(lambda self: tuple(self._allocations))

    def allocate(self, workload, cpu_percent, memory_gib, disk_gib):
        if not isinstance(workload, str):
            raise TypeError("workload")
        if not workload or workload in self._allocations:
            raise ValueError("workload")
        cpu = self._positive(cpu_percent)  # 0 % CPU is a valid request
        if cpu > 100:
            raise ValueError("cpu")
        memory, disk = self._positive(memory_gib), self._positive(disk_gib)
        for resource, amount, available in (("cpu", cpu, self.cpu_available),
                                            ("memory", memory, self.memory_available),
                                            ("disk", disk, self.disk_available)):
            if amount > available:
                raise CapacityError(f"{resource}: requested {amount}, available {available}")
        self._allocations[workload] = (cpu, memory, disk)

    def release(self, workload):
        del self._allocations[workload]

    @staticmethod
    def _positive(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("number")
        if not x > 0:
            raise ValueError("positive")
        return x

# %% course={"kind": "wrong", "id": "release-unknown-ignored", "fails": ["t3"]}
class CapacityError(RuntimeError):
    pass


class Node:
    def __init__(self, name, memory_gib, disk_gib):
        if not isinstance(name, str):
            raise TypeError("name")
        if not name:
            raise ValueError("name")
        self._name, self._memory, self._disk = name, self._positive(memory_gib), self._positive(disk_gib)
        self._allocations = {}

    name = property(lambda self: self._name)
    memory_gib = property(lambda self: self._memory)
    disk_gib = property(lambda self: self._disk)
    cpu_used = property(lambda self: sum(a[0] for a in self._allocations.values()))
    cpu_available = property(lambda self: 100 - self.cpu_used)
    memory_used = property(lambda self: sum(a[1] for a in self._allocations.values()))
    memory_available = property(lambda self: self._memory - self.memory_used)
    disk_used = property(lambda self: sum(a[2] for a in self._allocations.values()))
    disk_available = property(lambda self: self._disk - self.disk_used)
    workloads = property(lambda self: tuple(self._allocations))

    def allocate(self, workload, cpu_percent, memory_gib, disk_gib):
        if not isinstance(workload, str):
            raise TypeError("workload")
        if not workload or workload in self._allocations:
            raise ValueError("workload")
        if isinstance(cpu_percent, bool) or not isinstance(cpu_percent, (int, float)):
            raise TypeError("cpu")
        if not 0 <= cpu_percent <= 100:
            raise ValueError("cpu")
        memory, disk = self._positive(memory_gib), self._positive(disk_gib)
        for resource, amount, available in (("cpu", cpu_percent, self.cpu_available),
                                            ("memory", memory, self.memory_available),
                                            ("disk", disk, self.disk_available)):
            if amount > available:
                raise CapacityError(f"{resource}: requested {amount}, available {available}")
        self._allocations[workload] = (cpu_percent, memory, disk)

    def release(self, workload):
        self._allocations.pop(workload, None)  # a typo in the name goes unnoticed

    @staticmethod
    def _positive(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("number")
        if not x > 0:
            raise ValueError("positive")
        return x

# %% course={"kind": "wrong", "id": "workloads-list-shared", "fails": ["t1", "t3", "t4"]}
class CapacityError(RuntimeError):
    pass


class Node:
    def __init__(self, name, memory_gib, disk_gib):
        if not isinstance(name, str):
            raise TypeError("name")
        if not name:
            raise ValueError("name")
        self._name, self._memory, self._disk = name, self._positive(memory_gib), self._positive(disk_gib)
        self._allocations = {}
        self.workloads = []  # a public list: callers can edit it behind the node's back

    name = property(lambda self: self._name)
    memory_gib = property(lambda self: self._memory)
    disk_gib = property(lambda self: self._disk)
    cpu_used = property(lambda self: sum(a[0] for a in self._allocations.values()))
    cpu_available = property(lambda self: 100 - self.cpu_used)
    memory_used = property(lambda self: sum(a[1] for a in self._allocations.values()))
    memory_available = property(lambda self: self._memory - self.memory_used)
    disk_used = property(lambda self: sum(a[2] for a in self._allocations.values()))
    disk_available = property(lambda self: self._disk - self.disk_used)

    def allocate(self, workload, cpu_percent, memory_gib, disk_gib):
        if not isinstance(workload, str):
            raise TypeError("workload")
        if not workload or workload in self._allocations:
            raise ValueError("workload")
        if isinstance(cpu_percent, bool) or not isinstance(cpu_percent, (int, float)):
            raise TypeError("cpu")
        if not 0 <= cpu_percent <= 100:
            raise ValueError("cpu")
        memory, disk = self._positive(memory_gib), self._positive(disk_gib)
        for resource, amount, available in (("cpu", cpu_percent, self.cpu_available),
                                            ("memory", memory, self.memory_available),
                                            ("disk", disk, self.disk_available)):
            if amount > available:
                raise CapacityError(f"{resource}: requested {amount}, available {available}")
        self._allocations[workload] = (cpu_percent, memory, disk)
        self.workloads.append(workload)

    def release(self, workload):
        del self._allocations[workload]
        self.workloads.remove(workload)

    @staticmethod
    def _positive(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError("number")
        if not x > 0:
            raise ValueError("positive")
        return x

# %% [markdown] course={"kind": "task", "id": "cluster-scheduler", "item": "project-5-2-2", "points": 3}
# ### Grow the node into a cluster
#
# Build on your `Node` in a module `resources.py`:
#
# 1. `Cluster(nodes)` with read-only computed properties `total` and `available`, each a dict
#    `{"cpu_percent": ..., "memory_gib": ..., "disk_gib": ...}` summed over the nodes (a new dict
#    on every read, so callers cannot change the cluster through it).
# 2. `place(workload, cpu_percent, memory_gib, disk_gib, strategy="best-fit")` that picks a node
#    and allocates there: `"best-fit"` takes the node that would have the **least** memory left
#    (packs nodes tightly), `"spread"` the one with the **most** (spreads the load). Ties go to the
#    node listed first. When no node fits, raise `CapacityError` naming the workload and the
#    largest free amount of the resource that was short.
# 3. `drain(node_name)` moves every workload off a node onto the others, **all or nothing**:
#    if one of them does not fit anywhere, nothing moves.
#
# Paste a session that places ten workloads with each strategy on the same three nodes, prints
# `available` after each run, and shows a `drain` that is refused.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `total` and `available` are computed from the nodes (no second set of counters) and
#   return fresh dicts; nodes are only changed through `Node.allocate`/`release`.
# - 1 point: both strategies choose as described, ties included, and the session shows that they
#   place the same workloads differently.
# - 1 point: a refused `drain` leaves every node exactly as before (the session prints `available`
#   before and after to prove it).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-encapsulation"}
# Encapsulation is bundling data with the code that works on it and exposing a small interface,
# so the object itself keeps its rules (invariants) and callers cannot put it into an invalid
# state by accident. In Python it is a design discipline rather than an access-control feature:
# attributes are public by default, `_name` marks internals by convention, and properties let a
# class add checks or computation later without changing how callers read and write the
# attribute. In practice: a config object whose setters refuse `replicas=-1`, a node whose
# `memory_available` is computed and read-only, a pool whose idle list nobody outside touches.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-a-read-only-property"}
# Define only the getter: `@property def name(self): return self._name`, and store the value
# under another name (`self._name`) in `__init__`. With no `@name.setter`, `obj.name = x` raises
# `AttributeError` (and so does `del obj.name` without a deleter). For values derived from others
# (`available = capacity - used`) a getter-only property is read-only by nature. Remember it is
# read-only through the attribute only: `obj._name` can still be changed by anyone who insists;
# for a whole immutable object, use `@dataclass(frozen=True)` or a `NamedTuple`.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-name-mangling-and-when-would-you"}
# Inside a class body, an attribute name with two leading underscores and at most one trailing
# one (`self.__token`) is rewritten at compile time to `_ClassName__token`. The purpose is to
# avoid *accidental* clashes in inheritance: a base class can keep its own `__state` even if a
# subclass defines a `__state` of its own. Use it in classes designed to be subclassed by other
# people (libraries, frameworks, plugin bases). It is not security: `obj._ClassName__token`,
# `vars(obj)` and `pickle` all reach the value, and `getattr(obj, "__token")` is not rewritten.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-slots-and-when-should-you-use"}
# `__slots__` is a class attribute listing the only instance attributes the class allows.
# Instances then store those attributes in fixed slots instead of a per-instance `__dict__`,
# which saves memory (in the measurement above, 56 bytes per small object instead of 96 on
# Python 3.11 and 3.13, or 88 on 3.12) and makes a misspelt attribute an `AttributeError`
# instead of a silent new attribute. Use it for small
# classes with very many instances: metric samples, events, graph nodes, parsed log lines. The
# costs: no `vars()`/`__dict__`, no `cached_property`, no weak references unless you add
# `"__weakref__"`, every subclass must declare its own `__slots__` to keep the saving, and
# class-level defaults for slot names are not allowed.

# %% course={"kind": "trap", "trap": "trap-python-s-private-is-just-convention"}
import pickle


class Vault:
    def __init__(self):
        self._cache_dir = "/var/cache/vault"  # "internal"
        self.__token = "s.9f8e7d6c"  # "private"


vault = Vault()
print("one underscore, read from outside :", vault._cache_dir)
print("two underscores, by the mangled name:", vault._Vault__token)
print("everything is listed by vars()      :", vars(vault))
print("and the token is inside every pickle:", b"s.9f8e7d6c" in pickle.dumps(vault))
vault._Vault__token = "changed from outside"
print("and it can be overwritten           :", vault._Vault__token)

# %% course={"kind": "trap", "trap": "trap-properties-are-descriptors-under-the"}
import functools


class Volume:
    def __init__(self):
        self._size = 100

    @property
    def size_gib(self):
        return self._size

    @functools.cached_property
    def label(self):
        return "vol-100"


vol = Volume()
prop = Volume.__dict__["size_gib"]
print("the class attribute is a", type(prop).__name__, "with __get__/__set__/__delete__:",
      all(hasattr(prop, m) for m in ("__get__", "__set__", "__delete__")))
print("vol.size_gib is really prop.__get__(vol, Volume):", prop.__get__(vol, Volume))
vol.__dict__.update(size_gib=1, label="shadowed")  # write straight into the instance's namespace
print("a property (data descriptor) still wins:", vol.size_gib)
print("a cached_property (non-data) loses to __dict__:", vol.label)

# %% course={"kind": "trap", "trap": "trap-slots-prevents-dict-creation"}
import functools
import weakref


class Sample:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    @functools.cached_property
    def doubled(self):
        return self.value * 2


sample = Sample(21)
attempts = {
    "vars(sample)": lambda: vars(sample),
    "sample.extra = 1": lambda: setattr(sample, "extra", 1),
    "weakref.ref(sample)": lambda: weakref.ref(sample),
    "sample.doubled": lambda: sample.doubled,
}
for code, action in attempts.items():
    try:
        action()
        print(f"{code:20} works")
    except (TypeError, AttributeError) as err:
        print(f"{code:20} {type(err).__name__}: {err}")

# %% course={"kind": "trap", "trap": "trap-overusing-properties-can-hurt"}
import sys
import timeit


class Fleet:
    def __init__(self, sizes):
        self.sizes = sizes
        self.sum_runs = 0

    @property
    def total(self):  # looks like an attribute, costs a full pass over the list
        self.sum_runs += 1
        return sum(self.sizes)


fleet = Fleet(list(range(1_000)))
shares = [size / fleet.total for size in fleet.sizes]  # reads .total once per item
print("total was recomputed", fleet.sum_runs, "times: about", fleet.sum_runs * len(fleet.sizes), "additions")
fleet.sum_runs = 0
total = fleet.total  # read once into a local
shares = [size / total for size in fleet.sizes]
print("read once:", fleet.sum_runs, "time")


class Plain:
    def __init__(self):
        self.port = 80


class Wrapped:
    def __init__(self):
        self._port = 80

    @property
    def port(self):  # adds nothing but a function call
        return self._port


calls = 0


def count_calls(frame, event, arg):
    global calls
    if event == "call":
        calls += 1


for obj in (Plain(), Wrapped()):
    calls = 0
    sys.setprofile(count_calls)
    for _ in range(1000):
        obj.port
    sys.setprofile(None)
    print(f"{type(obj).__name__:8} 1000 reads -> {calls} Python function calls")
plain = min(timeit.repeat("o.port", globals={"o": Plain()}, number=100_000, repeat=5))
wrapped = min(timeit.repeat("o.port", globals={"o": Wrapped()}, number=100_000, repeat=5))
print(f"on this machine (best of 5) a trivial property read took {wrapped / plain:.1f}x the time of a plain one")
