# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can choose a tuple over a list for the right reason,
# unpack records in one line, use tuples as dictionary keys and cache keys, and model small
# immutable records (coordinates, configurations) with named tuples, knowing exactly how far
# their immutability goes.

# %% [markdown] course={"kind": "lesson", "id": "making-tuples", "covers": ["c-tuple-creation-literals-tuple-comma", "c-single-element-tuples-1-vs-1"]}
# ### Making tuples: it is the comma
#
# A **tuple** is an ordered, fixed sequence: once made, its length and its items (the
# references it holds) never change. You make one
#
# - with commas: `3, 4` is a tuple. The parentheses in `(3, 4)` only group, exactly as in
#   `(2 + 3) * 4`; you need them where a comma would otherwise mean something else, such as
#   inside a function call's arguments;
# - with `tuple(iterable)`: `tuple([224, 224, 3])`, `tuple("abc")`;
# - empty: `()` or `tuple()`, the one tuple that needs parentheses and no comma.
#
# Because the comma makes the tuple, a **one-item tuple** is written `(5,)` or `5,`, while
# `(5)` is just the integer 5 in parentheses. In ML infrastructure tuples are the natural type
# for tensor shapes and image sizes, in DevOps for `(host, port)` pairs and version numbers.
# The common accident runs the other way: a stray trailing comma, `timeout = 30,`, silently
# turns a number into a tuple.

# %% course={"kind": "demo"}
shape = (224, 224, 3)                # literal
address = "10.0.0.5", 8080           # the comma alone makes a tuple
from_list = tuple([1, 2, 3])         # from any iterable
print(shape, address, from_list, tuple("ab"), (), sep="  |  ")

print(type((5)).__name__, type((5,)).__name__, "<- (5) is an int; (5,) is a tuple")
print(type(5,).__name__, "<- inside a call's parentheses a trailing comma only ends the argument list")
timeout = 30,                        # a typo that the interpreter accepts
print("timeout =", repr(timeout), "->", type(timeout).__name__)

# %% [markdown] course={"kind": "lesson", "id": "immutability", "covers": ["c-tuple-immutability", "c-tuples-with-mutable-elements-gotcha"]}
# ### Immutable, but only one level deep
#
# You cannot assign to a tuple's slots, append, remove or sort it: all raise or do not exist.
# Operations that look like changes (`t + (4,)`, `t += (4,)`) build a **new** tuple and rebind
# the name. That is what makes tuples safe to share: a function you hand a tuple to cannot
# change it behind your back, and the interpreter can reuse it.
#
# But a tuple holds **references**. If one of them points at a mutable object (a list, a dict),
# that object can still change, and the tuple "changes" with it. Such a tuple also loses the
# main perk of immutability: it is no longer hashable, so it cannot be a dict key or set
# member. A famous corner: `t[0] += [x]` on a tuple holding a list both **extends the list and
# raises** `TypeError`, because `+=` first mutates the list in place and then tries to assign
# the result back into the tuple slot.

# %% course={"kind": "demo"}
versions = (1, 4, 2)
try:
    versions[0] = 2
except TypeError as err:
    print("TypeError:", err)

before = id(versions)
versions += (7,)                     # a new tuple, bound to the same name
print(versions, "new object:", id(versions) != before)

job = ("nightly-backup", ["db-1"])   # immutable tuple, mutable list inside
job[1].append("db-2")
print(job, "<- the tuple did not change; the list inside it did")
try:
    hash(job)
except TypeError as err:
    print("hash(job) -> TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "tuple-access", "covers": ["c-tuple-indexing-and-slicing", "c-tuple-methods-count-index"]}
# ### Reading tuples: indexes, slices and two methods
#
# Everything that *reads* a list works on a tuple: positive and negative indexes, slices (which
# return tuples), `len()`, `in`, iteration, `min()`/`max()`/`sum()`. Tuples have only two
# methods, both searches, both O(n):
#
# - `count(x)`: how many items equal `x`;
# - `index(x)`: the position of the first item equal to `x`, `ValueError` when absent.
#
# A batch of images shaped `(batch, height, width, channels)` shows why negative indexes are
# handy: `shape[-1]` is the channel count whether or not a batch dimension is present.

# %% course={"kind": "demo"}
batch_shape = (32, 224, 224, 3)
print("channels:", batch_shape[-1], "| image size:", batch_shape[1:3], "| dims:", len(batch_shape))
print("slices of tuples are tuples:", type(batch_shape[:2]).__name__)

exit_codes = (0, 0, 1, 0, 137, 1)
print("failures:", len(exit_codes) - exit_codes.count(0), "| first OOM kill at index", exit_codes.index(137))
try:
    exit_codes.index(2)
except ValueError as err:
    print("ValueError:", err)

# %% [markdown] course={"kind": "lesson", "id": "unpacking", "covers": ["c-tuple-packing-and-unpacking", "c-extended-unpacking-first-rest-tuple", "c-tuple-as-function-return-values"]}
# ### Packing, unpacking, and returning several values
#
# **Packing** puts values into a tuple (`pair = host, port`); **unpacking** takes them out into
# names (`host, port = pair`). The number of names must match the number of items, otherwise
# you get a `ValueError`: a free check that a record has the shape you expect. Unpacking works
# on any iterable, and it nests: `for i, (host, port) in enumerate(pairs)`.
#
# **Extended unpacking** lets one starred name collect "the rest" as a **list**:
# `first, *rest = items`, `*history, latest = readings`, `head, *_, tail = path_parts`.
#
# Swapping `a, b = b, a` is packing then unpacking. And a function that "returns several
# values" really returns one tuple, which the caller unpacks: `ok, message = check(host)`. Keep
# it to two or three values; past that, return a named tuple so callers use names, not
# positions.

# %% course={"kind": "demo"}
endpoint = "db.internal", 5432           # packing
host, port = endpoint                    # unpacking
print(host, port)

primary, replica = "db-1", "db-2"
primary, replica = replica, primary      # swap: no temporary variable
print("after failover:", primary, replica)

readings = (41, 43, 47, 52, 88)
*history, latest = readings              # the starred name gets a list
first, *_, last = readings
print("latest:", latest, "| history:", history, "| first and last:", first, last)

for number, (name, replicas) in enumerate([("api", 3), ("worker", 5)], start=1):
    print(f"{number}. {name}: {replicas} replicas")


def check(disk_percent):
    """Return (ok, message): a tuple, unpacked by the caller."""
    if disk_percent < 90:
        return True, f"disk at {disk_percent}%"
    return False, f"disk at {disk_percent}%: clean up"


ok, message = check(93)
print(ok, message)
try:
    host, port = ("db", 5432, "extra")
except ValueError as err:
    print("ValueError:", err)

# %% [markdown] course={"kind": "lesson", "id": "tuple-keys", "covers": ["c-tuples-as-dictionary-keys"]}
# ### Tuples as dictionary keys
#
# A dict key must be **hashable**: it needs a hash that never changes while it sits in the
# dict. A tuple of hashable items is hashable (its hash is computed from its items), so a tuple
# is the natural **composite key**: prices by `(region, instance_type)`, metrics by
# `(service, status_code)`, cells of a grid by `(row, col)`. Lists are not hashable: their
# contents could change after insertion, which would put the entry in the wrong bucket.
#
# Tuples compare item by item, so `(region, type)` and `(type, region)` are different keys;
# and for unordered pairs (a link between two hosts) you choose one order, e.g. `tuple(sorted(pair))`.

# %% course={"kind": "demo"}
hourly_price = {
    ("eu-west-1", "m5.large"): 0.107,
    ("eu-west-1", "c5.large"): 0.096,
    ("us-east-1", "m5.large"): 0.096,
}
print(hourly_price[("eu-west-1", "m5.large")], hourly_price["us-east-1", "m5.large"])  # the parentheses are optional

errors = {}
for service, status in [("api", 500), ("api", 502), ("web", 500), ("api", 500)]:
    errors[service, status] = errors.get((service, status), 0) + 1
print(errors)

try:
    {["eu-west-1", "m5.large"]: 0.107}
except TypeError as err:
    print("a list as key -> TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "tuples-vs-lists", "covers": ["c-tuples-vs-lists", "c-immutability-benefits", "c-memory-efficiency", "c-hashability", "c-performance-differences"]}
# ### Tuple or list?
#
# | | tuple | list |
# |---|---|---|
# | meaning | a **record**: a fixed number of fields, each with its own role (`(host, port)`) | a **collection**: any number of items of the same kind (hosts) |
# | can change | no (one level deep) | yes |
# | hashable | yes, if its items are | never |
# | memory | exact size, no spare capacity | over-allocates to make `append` cheap |
# | speed | a literal of constants is built once, at compile time; creation and copying are cheaper | every `[...]` builds a new list at run time |
#
# **Immutability benefits**: safe to share between functions and threads, safe as a default
# value, usable as dict keys and set members and in `functools.lru_cache` arguments, and a
# promise to the reader that this value will not change. Indexing and iterating cost about the
# same for both; the measurable differences are construction cost and memory, which matter
# when you hold millions of small records.

# %% course={"kind": "demo"}
import dis
import sys

as_tuple = (224, 224, 3)
as_list = [224, 224, 3]
print("bytes: tuple", sys.getsizeof(as_tuple), "| list", sys.getsizeof(as_list))

print("equal tuples hash alike:", hash(as_tuple) == hash(tuple([224, 224, 3])), "| list.__hash__ is", list.__hash__)

print("--- bytecode for a tuple literal: one constant, built at compile time")
dis.dis(compile("(224, 224, 3)", "<tuple>", "eval"))
print("--- bytecode for a list literal: a new list built (from that constant) every time it runs")
dis.dis(compile("[224, 224, 3]", "<list>", "eval"))

# %% [markdown] course={"kind": "lesson", "id": "named-tuples", "covers": ["c-named-tuples", "c-collections-namedtuple", "c-typing-namedtuple", "c-field-access-by-name", "c-asdict-replace-fields"]}
# ### Named tuples: records with field names
#
# `config[2]` tells a reader nothing; `config.port` does. A **named tuple** is a tuple
# subclass whose positions also have names. Two ways to make the class:
#
# - `collections.namedtuple("Endpoint", ["host", "port"], defaults=[443])`: a factory call;
# - `class Endpoint(typing.NamedTuple):` with annotated fields (`host: str`, `port: int = 443`):
#   the same kind of class, written as a class, with type hints and room for methods and
#   docstrings. Prefer it in new code.
#
# Either way you get **field access by name** (`e.host`) as well as by position (`e[0]`),
# unpacking, `==`, hashing and the low memory of a plain tuple, plus three helpers whose names
# start with `_` only to avoid clashing with your field names:
#
# - `_fields`: the field names, in order;
# - `_asdict()`: a `dict` of field to value (for JSON, logging);
# - `_replace(**changes)`: a **new** instance with some fields changed; the original stays.
#
# Fields with defaults must come after fields without, as in function parameters.

# %% course={"kind": "demo"}
from collections import namedtuple
from typing import NamedTuple

Endpoint = namedtuple("Endpoint", ["host", "port"], defaults=[443])


class Model(NamedTuple):
    """One deployed model version."""

    name: str
    version: str
    replicas: int = 1


api = Endpoint("api.internal")
print(api, "| host:", api.host, "| port:", api[1], "| is a tuple:", isinstance(api, tuple))

churn = Model("churn", "1.4.0", replicas=3)
print(churn._fields, churn._asdict())
bigger = churn._replace(replicas=6)
print("replaced:", bigger, "| original:", churn)
name, version, replicas = churn
print("unpacks like a tuple:", name, version, replicas, "| hashable:", hash(churn) == hash(Model("churn", "1.4.0", 3)))
try:
    churn.replicas = 10
except AttributeError as err:
    print("AttributeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "records", "covers": ["c-tuple-as-record-like-structures"]}
# ### Tuples as records
#
# Many APIs already hand you tuples as records: `csv.reader` rows (lists, but fixed-shape),
# database cursors (`cursor.fetchall()` gives tuples), `os.walk()`, `dict.items()`,
# `enumerate()`, `zip()`. Records in tuples sort and compare **field by field**, left to right,
# which is useful:
#
# - sort by several fields at once by putting them in a key tuple:
#   `key=lambda r: (r.region, -r.cpu)`;
# - compare versions as tuples of ints: `(1, 10, 0) > (1, 9, 3)` is true, while the strings
#   `"1.10.0" > "1.9.3"` is false;
# - `operator.itemgetter(2)` or `attrgetter("cpu")` make fast key functions.
#
# When a record grows past three or four fields or needs behaviour, move to a named tuple,
# then to a dataclass.

# %% course={"kind": "demo"}
from operator import itemgetter

rows = [("web-2", "eu", 71), ("db-1", "us", 12), ("web-1", "eu", 88), ("cache-1", "us", 40)]
print("by cpu:           ", [r[0] for r in sorted(rows, key=itemgetter(2))])
print("by region, busy 1st:", [r[0] for r in sorted(rows, key=lambda r: (r[1], -r[2]))])

tags = ["1.9.3", "1.10.0", "1.2.11"]
print("as strings:", max(tags), "| as int tuples:", max(tags, key=lambda t: tuple(int(p) for p in t.split("."))))

# %% [markdown] course={"kind": "exercise", "id": "latency-summary", "item": "x-create-a-function-that-returns-multiple"}
# ### Summarise latencies in one return value
#
# Write `summarize(samples)` that takes a list of request latencies in milliseconds and
# **returns a tuple** `(count, lowest, highest, mean)`, so a caller can unpack it in one line.
# `mean` is the exact average (a `float`). An empty list has no lowest or highest: raise
# `ValueError`. Do not change the caller's list.
#
# ```python
# count, low, high, mean = summarize([120, 80, 100, 95])
# # count=4, low=80, high=120, mean=98.75
# ```

# %% [markdown] course={"kind": "hint"}
# `len()`, `min()`, `max()` and `sum()` give you everything; `return a, b, c, d` packs them
# into a tuple.

# %% [markdown] course={"kind": "hint"}
# Use `/`, not `//`, for the mean. Sorting the list to find the extremes would change the
# caller's list (with `.sort()`) and costs O(n log n) anyway.

# %% course={"kind": "solution", "equivalent": {"m-65db59ed": "min() of an empty list raises ValueError itself, so the guard only improves the message"}}
def summarize(samples: list) -> tuple:
    """(count, lowest, highest, mean) of the latencies in ``samples``."""
    ### BEGIN SOLUTION
    if not samples:
        raise ValueError("no samples to summarize")
    return len(samples), min(samples), max(samples), sum(samples) / len(samples)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = summarize([120, 80, 100, 95])
assert isinstance(result, tuple), f"return a tuple, not a {type(result).__name__}"
assert len(result) == 4, f"four values: count, lowest, highest, mean; got {len(result)}"

# %% course={"kind": "test", "points": 2}
count, low, high, mean = summarize([120, 80, 100, 95])
assert (count, low, high) == (4, 80, 120), f"count, lowest, highest should be 4, 80, 120, got {count}, {low}, {high}"
assert mean == 98.75, f"the mean of 120, 80, 100, 95 is 98.75, got {mean}"
### BEGIN HIDDEN TESTS
count, low, high, mean = summarize([3, 4])
assert mean == 3.5, "the mean is exact, not rounded down"
### END HIDDEN TESTS
mean = summarize([2, 4])[3]
assert mean == 3.0 and type(mean) is float, f"the mean is a float even when it comes out whole: got {mean!r}"

# %% course={"kind": "test", "points": 1}
samples = [50, 20, 30]
summarize(samples)
assert samples == [50, 20, 30], f"the caller's list must not change, it became {samples}"
count, low, high, mean = summarize([42])
assert (count, low, high, mean) == (1, 42, 42, 42.0), "one sample is its own lowest, highest and mean"
try:
    summarize([])
except ValueError:
    pass
else:
    raise AssertionError("an empty list must raise ValueError")

# %% course={"kind": "wrong", "id": "returns-list", "fails": ["t1"]}
def summarize(samples):
    if not samples:
        raise ValueError("empty")
    return [len(samples), min(samples), max(samples), sum(samples) / len(samples)]

# %% course={"kind": "wrong", "id": "floor-mean", "fails": ["t2"]}
def summarize(samples):
    if not samples:
        raise ValueError("empty")
    return len(samples), min(samples), max(samples), sum(samples) // len(samples)

# %% course={"kind": "wrong", "id": "sorts-caller", "fails": ["t3"]}
def summarize(samples):
    samples.sort()
    return len(samples), samples[0], samples[-1], sum(samples) / len(samples)

# %% course={"kind": "wrong", "id": "statistics-mean", "fails": ["t2"]}
import statistics


def summarize(samples):
    if not samples:
        raise ValueError("empty")
    return len(samples), min(samples), max(samples), statistics.mean(samples)   # an int when the ints average out whole

# %% [markdown] course={"kind": "exercise", "id": "binding-lines", "item": "x-use-tuple-unpacking-in-a-for-loop"}
# ### List port bindings, unpacking as you go
#
# Each port binding is a tuple `(service, host, port)`. Write `describe_bindings(bindings)` that
# returns one numbered line per binding, numbered from 1, in the form `"1. api -> 10.0.0.5:8080"`.
# A record that does not have exactly three fields is a data error: raise `ValueError`.
# Unpacking in the `for` statement gives you that check for free.
#
# ```python
# describe_bindings([("api", "10.0.0.5", 8080), ("db", "10.0.0.9", 5432)])
# # ['1. api -> 10.0.0.5:8080', '2. db -> 10.0.0.9:5432']
# ```

# %% [markdown] course={"kind": "hint"}
# `enumerate(bindings, start=1)` yields `(number, record)` pairs, and unpacking nests:
# `for number, (service, host, port) in ...`.

# %% [markdown] course={"kind": "hint"}
# Reading `record[0]`, `record[1]`, `record[2]` silently ignores a fourth field; unpacking
# into three names raises `ValueError` for two or four.

# %% course={"kind": "solution"}
def describe_bindings(bindings: list) -> list:
    """Numbered 'service -> host:port' lines for (service, host, port) tuples."""
    ### BEGIN SOLUTION
    lines = []
    for number, (service, host, port) in enumerate(bindings, start=1):
        lines.append(f"{number}. {service} -> {host}:{port}")
    return lines
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = describe_bindings([("api", "10.0.0.5", 8080), ("db", "10.0.0.9", 5432)])
assert got == ["1. api -> 10.0.0.5:8080", "2. db -> 10.0.0.9:5432"], f"got {got}"
assert describe_bindings([]) == [], "no bindings, no lines"

# %% course={"kind": "test", "points": 1}
for bad in ([("api", "10.0.0.5", 8080, "tcp")], [("api", "10.0.0.5")]):
    try:
        describe_bindings(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"a record with {len(bad[0])} fields must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    describe_bindings([("ok", "h", 1), ("bad", "h")])
except ValueError:
    pass
else:
    raise AssertionError("every record is checked, not just the first")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "indexes-fields", "fails": ["t2"]}
def describe_bindings(bindings):
    lines = []
    for number, record in enumerate(bindings, start=1):
        lines.append(f"{number}. {record[0]} -> {record[1]}:{record[2]}")
    return lines

# %% course={"kind": "wrong", "id": "counts-from-zero", "fails": ["t1"]}
def describe_bindings(bindings):
    return [f"{n}. {service} -> {host}:{port}" for n, (service, host, port) in enumerate(bindings)]

# %% [markdown] course={"kind": "exercise", "id": "service-config", "item": "x-create-a-named-tuple-for-a-configuration"}
# ### A named tuple for a service's configuration
#
# Define `ServiceConfig`, a `typing.NamedTuple` with the fields `name` (str), `image` (str),
# `port` (int, default `8080`) and `replicas` (int, default `1`), in that order. Then write
# `with_replicas(config, replicas)` that returns a **new** config with a different replica
# count, leaving the original alone; a negative count raises `ValueError`.
#
# ```python
# web = ServiceConfig("web", "nginx:1.25")
# web.port                      # 8080
# with_replicas(web, 3)         # ServiceConfig(name='web', image='nginx:1.25', port=8080, replicas=3)
# ```

# %% [markdown] course={"kind": "hint"}
# `class ServiceConfig(NamedTuple):` with one annotated line per field; a default is written
# `port: int = 8080`.

# %% [markdown] course={"kind": "hint"}
# `config._replace(replicas=replicas)` returns the new instance. It does not change `config`,
# so return what it gives you.

# %% course={"kind": "solution"}
from typing import NamedTuple

### BEGIN SOLUTION
class ServiceConfig(NamedTuple):
    """How to run one service."""

    name: str
    image: str
    port: int = 8080
    replicas: int = 1


def with_replicas(config: ServiceConfig, replicas: int) -> ServiceConfig:
    """A copy of ``config`` with ``replicas`` replicas."""
    if replicas < 0:
        raise ValueError(f"replicas must be 0 or more, got {replicas}")
    return config._replace(replicas=replicas)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
web = ServiceConfig("web", "nginx:1.25")
assert ServiceConfig._fields == ("name", "image", "port", "replicas"), f"fields are {ServiceConfig._fields}"
import typing

hints = typing.get_type_hints(ServiceConfig)
assert hints == {"name": str, "image": str, "port": int, "replicas": int}, f"a typing.NamedTuple with typed fields: type hints are {hints}"
assert (web.port, web.replicas) == (8080, 1), "defaults: port 8080, replicas 1"
assert isinstance(web, tuple) and web == ("web", "nginx:1.25", 8080, 1), "a named tuple is still a tuple"
assert web._asdict() == {"name": "web", "image": "nginx:1.25", "port": 8080, "replicas": 1}

# %% course={"kind": "test", "points": 1}
web = ServiceConfig("web", "nginx:1.25", port=80)
try:
    web.port = 8081
except AttributeError:
    pass
else:
    raise AssertionError("a config must be immutable: setting a field has to fail")
assert hash(web) == hash(ServiceConfig("web", "nginx:1.25", 80)), "equal configs hash alike (usable as keys)"

# %% course={"kind": "test", "points": 2}
web = ServiceConfig("web", "nginx:1.25")
scaled = with_replicas(web, 3)
assert scaled == ServiceConfig("web", "nginx:1.25", 8080, 3), f"got {scaled}"
assert type(scaled) is ServiceConfig, f"return a ServiceConfig, not a {type(scaled).__name__}"
assert web.replicas == 1, "the original config keeps its replica count"
assert with_replicas(web, 0).replicas == 0, "scaling to zero is allowed"
try:
    with_replicas(web, -1)
except ValueError:
    pass
else:
    raise AssertionError("a negative replica count must raise ValueError")

# %% course={"kind": "wrong", "id": "plain-class", "fails": ["t1", "t2"]}
class ServiceConfig:
    _fields = ("name", "image", "port", "replicas")

    def __init__(self, name, image, port=8080, replicas=1):
        self.name, self.image, self.port, self.replicas = name, image, port, replicas

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __iter__(self):
        return iter((self.name, self.image, self.port, self.replicas))

    def __hash__(self):
        return hash(tuple(self))

    def _asdict(self):
        return dict(zip(self._fields, self))


def with_replicas(config, replicas):
    if replicas < 0:
        raise ValueError("negative")
    return ServiceConfig(config.name, config.image, config.port, replicas)

# %% course={"kind": "wrong", "id": "ignores-replace-result", "fails": ["t3"]}
from typing import NamedTuple


class ServiceConfig(NamedTuple):
    name: str
    image: str
    port: int = 8080
    replicas: int = 1


def with_replicas(config, replicas):
    if replicas < 0:
        raise ValueError("negative")
    config._replace(replicas=replicas)
    return config

# %% course={"kind": "wrong", "id": "collections-namedtuple", "fails": ["t1"]}
from collections import namedtuple

ServiceConfig = namedtuple("ServiceConfig", ["name", "image", "port", "replicas"], defaults=[8080, 1])


def with_replicas(config, replicas):
    if replicas < 0:
        raise ValueError("negative")
    return config._replace(replicas=replicas)

# %% course={"kind": "wrong", "id": "returns-plain-tuple", "fails": ["t3"]}
from typing import NamedTuple


class ServiceConfig(NamedTuple):
    name: str
    image: str
    port: int = 8080
    replicas: int = 1


def with_replicas(config, replicas):
    if replicas < 0:
        raise ValueError("negative")
    return (*config[:3], replicas)       # equal to a ServiceConfig, but a plain tuple: no .replicas

# %% [markdown] course={"kind": "exercise", "id": "link-counts", "item": "x-use-tuples-as-dictionary-keys"}
# ### Count connections between hosts
#
# Flow logs record connections as `(source, destination)` pairs. For a network map you care
# about the **link**, not the direction: `("web-1", "db-1")` and `("db-1", "web-1")` are the same
# link. Write `count_links(flows)` that returns a dict mapping each link, as a tuple of the two
# host names **in sorted order**, to the number of flows over it.
#
# ```python
# count_links([("web-1", "db-1"), ("db-1", "web-1"), ("web-2", "db-1")])
# # {('db-1', 'web-1'): 2, ('db-1', 'web-2'): 1}
# ```

# %% [markdown] course={"kind": "hint"}
# `tuple(sorted(pair))` turns both directions into the same key. A list would not do:
# `sorted()` returns a list, and lists cannot be keys.

# %% [markdown] course={"kind": "hint"}
# `counts[key] = counts.get(key, 0) + 1`, or `collections.Counter`, which is a dict.

# %% course={"kind": "solution"}
def count_links(flows: list) -> dict:
    """Flows per undirected link; keys are sorted (host, host) tuples."""
    ### BEGIN SOLUTION
    counts = {}
    for pair in flows:
        link = tuple(sorted(pair))
        counts[link] = counts.get(link, 0) + 1
    return counts
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = count_links([("web-1", "db-1"), ("web-2", "db-1")])
assert got == {("db-1", "web-1"): 1, ("db-1", "web-2"): 1}, f"keys are (host, host) tuples in sorted order; got {got}"
assert count_links([]) == {}, "no flows, no links"

# %% course={"kind": "test", "points": 2}
flows = [("web-1", "db-1"), ("db-1", "web-1"), ("web-2", "db-1"), ("web-1", "db-1")]
got = count_links(flows)
assert got == {("db-1", "web-1"): 3, ("db-1", "web-2"): 1}, f"both directions are one link; got {got}"
assert flows[1] == ("db-1", "web-1"), "the flows must not change"
### BEGIN HIDDEN TESTS
got = count_links([("a", "a"), ("a", "a")])
assert got == {("a", "a"): 2}, "a host talking to itself is a link too"
assert all(type(key) is tuple for key in count_links(flows)), "keys must be plain tuples"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "direction-kept", "fails": ["t1", "t2"]}
def count_links(flows):
    counts = {}
    for pair in flows:
        counts[pair] = counts.get(pair, 0) + 1
    return counts

# %% course={"kind": "wrong", "id": "frozenset-keys", "fails": ["t1", "t2"]}
def count_links(flows):
    counts = {}
    for source, destination in flows:
        key = frozenset((source, destination))
        counts[key] = counts.get(key, 0) + 1
    return counts

# %% [markdown] course={"kind": "exercise", "id": "freeze-thaw", "item": "x-convert-between-tuples-and-lists"}
# ### Freeze a layer list into a cache key, and thaw it back
#
# A model's layers arrive from JSON as nested lists, e.g. `[[64, 3], [128, 3], ["relu"]]`.
# To use them as a cache key they must be hashable. Write two functions:
#
# - `freeze(value)`: turns every **list**, at any depth, into a tuple; everything else stays
#   as it is;
# - `thaw(value)`: the reverse, every **tuple** at any depth becomes a list.
#
# Neither may change its argument, and `thaw(freeze(x)) == x` for any nested lists.
#
# ```python
# freeze([[64, 3], [128, 3], ["relu"]])   # ((64, 3), (128, 3), ('relu',))
# thaw(((64, 3), ("relu",)))              # [[64, 3], ['relu']]
# ```

# %% [markdown] course={"kind": "hint"}
# `tuple(value)` only converts the outer level. Recurse: `tuple(freeze(item) for item in value)`.

# %% [markdown] course={"kind": "hint"}
# Test the type with `isinstance(value, list)` (and `tuple` for `thaw`); a string is left alone.

# %% course={"kind": "solution"}
def freeze(value):
    """``value`` with every list, at any depth, turned into a tuple."""
    ### BEGIN SOLUTION
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    return value
    ### END SOLUTION


def thaw(value):
    """``value`` with every tuple, at any depth, turned into a list."""
    ### BEGIN SOLUTION
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
layers = [[64, 3], [128, 3], ["relu"]]
frozen = freeze(layers)
assert frozen == ((64, 3), (128, 3), ("relu",)), f"got {frozen}"
assert hash(frozen) == hash(((64, 3), (128, 3), ("relu",))), "the frozen value must be hashable"
assert layers == [[64, 3], [128, 3], ["relu"]], "freeze must not change its argument"

# %% course={"kind": "test", "points": 1}
got = thaw(((64, 3), ("relu",)))
assert got == [[64, 3], ["relu"]], f"got {got}"
assert thaw(()) == [] and freeze([]) == (), "empty ones convert too"
### BEGIN HIDDEN TESTS
assert freeze("abc") == "abc" and thaw("abc") == "abc" and freeze(5) == 5, "non-containers stay as they are"
assert freeze([[[["deep"]]]]) == (((("deep",),),),)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
nested = [1, [2, [3, ["four", []]]], {"k": "v"}]
assert thaw(freeze(nested)) == nested, "thaw(freeze(x)) gives x back"
cache = {freeze([[64, 3], ["relu"]]): "model-a"}
assert cache[freeze([[64, 3], ["relu"]])] == "model-a", "equal layer lists give the same key"

# %% course={"kind": "wrong", "id": "outer-level-only", "fails": ["t1", "t2", "t3"]}
def freeze(value):
    return tuple(value) if isinstance(value, list) else value


def thaw(value):
    return list(value) if isinstance(value, tuple) else value

# %% course={"kind": "wrong", "id": "thaw-forgets-depth", "fails": ["t2", "t3"]}
def freeze(value):
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    return value


def thaw(value):
    return list(value) if isinstance(value, tuple) else value

# %% [markdown] course={"kind": "exercise", "id": "vectors", "item": "project-4-2-1"}
# ### Mini-project: coordinates and vector arithmetic
#
# Define `Vec`, a `typing.NamedTuple` with float fields `x`, `y` and `z` (default `0.0`, so a
# 2D point is a `Vec` with `z == 0`). Then write four functions:
#
# - `add(a, b)` and `scale(v, k)` return new `Vec` objects;
# - `dot(a, b)` returns the dot product `a.x*b.x + a.y*b.y + a.z*b.z`;
# - `distance(a, b)` returns the straight-line distance between two points.
#
# ```python
# add(Vec(1, 2), Vec(3, 4))           # Vec(x=4, y=6, z=0.0)
# distance(Vec(0, 0), Vec(3, 4))      # 5.0
# ```

# %% [markdown] course={"kind": "hint"}
# Careful: a `Vec` is a tuple, and `a + b` on tuples **concatenates** them. Build the result
# field by field: `Vec(a.x + b.x, a.y + b.y, a.z + b.z)`.

# %% [markdown] course={"kind": "hint"}
# `math.dist(a, b)` computes the distance between two points given as sequences of the same
# length, and a `Vec` is one; or use `math.sqrt` on the sum of squared differences.

# %% course={"kind": "solution"}
import math
from typing import NamedTuple

### BEGIN SOLUTION
class Vec(NamedTuple):
    """A point or direction in 2D or 3D (z defaults to 0)."""

    x: float
    y: float
    z: float = 0.0


def add(a: Vec, b: Vec) -> Vec:
    return Vec(a.x + b.x, a.y + b.y, a.z + b.z)


def scale(v: Vec, k: float) -> Vec:
    return Vec(v.x * k, v.y * k, v.z * k)


def dot(a: Vec, b: Vec) -> float:
    return a.x * b.x + a.y * b.y + a.z * b.z


def distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
p = Vec(1, 2)
assert p.z == 0 and Vec._fields == ("x", "y", "z"), "Vec has fields x, y, z with z defaulting to 0"
assert isinstance(p, tuple), "Vec is a named tuple"
import typing

assert typing.get_type_hints(Vec) == {"x": float, "y": float, "z": float}, f"float fields x, y, z: got {typing.get_type_hints(Vec)}"
assert type(p.z) is float, f"z defaults to the float 0.0, got {p.z!r}"

# %% course={"kind": "test", "points": 1}
a, b = Vec(1, 2), Vec(3, 4)
got = add(a, b)
assert got == Vec(4, 6, 0) and isinstance(got, Vec), f"add(Vec(1, 2), Vec(3, 4)) should be Vec(4, 6, 0), got {got!r}"
assert add(Vec(1, 2, 3), Vec(4, 5, -6)) == Vec(5, 7, -3), f"3D: every axis adds up; got {add(Vec(1, 2, 3), Vec(4, 5, -6))!r}"
assert scale(Vec(1, -2, 3), 2) == Vec(2, -4, 6), f"got {scale(Vec(1, -2, 3), 2)!r}"
assert type(scale(Vec(1, -2, 3), 2)) is Vec, f"scale returns a Vec, not a {type(scale(Vec(1, -2, 3), 2)).__name__}"
assert a == Vec(1, 2, 0), "the inputs stay as they were"

# %% course={"kind": "test", "points": 2}
assert dot(Vec(1, 2, 3), Vec(4, -5, 6)) == 12, "1*4 + 2*(-5) + 3*6 = 12"
assert distance(Vec(0, 0), Vec(3, 4)) == 5.0, "the 3-4-5 triangle"
assert math.isclose(distance(Vec(1, 1, 1), Vec(2, 3, 3)), 3.0), "distances use all three axes"
### BEGIN HIDDEN TESTS
assert distance(Vec(5, 5, 5), Vec(5, 5, 5)) == 0.0
assert dot(Vec(1, 0), Vec(0, 1)) == 0, "perpendicular vectors"
assert math.isclose(distance(Vec(-1, -1), Vec(2, 3)), 5.0), "negative coordinates"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "tuple-plus", "fails": ["t2"]}
import math
from typing import NamedTuple


class Vec(NamedTuple):
    x: float
    y: float
    z: float = 0.0


def add(a, b):
    return a + b          # tuple concatenation, not vector addition


def scale(v, k):
    return Vec(v.x * k, v.y * k, v.z * k)


def dot(a, b):
    return a.x * b.x + a.y * b.y + a.z * b.z


def distance(a, b):
    return math.dist(a, b)

# %% course={"kind": "wrong", "id": "flat-distance", "fails": ["t3"]}
import math
from typing import NamedTuple


class Vec(NamedTuple):
    x: float
    y: float
    z: float = 0.0


def add(a, b):
    return Vec(a.x + b.x, a.y + b.y, a.z + b.z)


def scale(v, k):
    return Vec(v.x * k, v.y * k, v.z * k)


def dot(a, b):
    return a.x * b.x + a.y * b.y


def distance(a, b):
    return math.hypot(a.x - b.x, a.y - b.y)

# %% course={"kind": "wrong", "id": "scale-returns-tuple", "fails": ["t2"]}
import math
from typing import NamedTuple


class Vec(NamedTuple):
    x: float
    y: float
    z: float = 0.0


def add(a, b):
    return Vec(a.x + b.x, a.y + b.y, a.z + b.z)


def scale(v, k):
    return tuple(c * k for c in v)       # equal to the right Vec, but a plain tuple: no .x


def dot(a, b):
    return a.x * b.x + a.y * b.y + a.z * b.z


def distance(a, b):
    return math.dist(a, b)

# %% course={"kind": "wrong", "id": "int-default", "fails": ["t1"]}
import math
from typing import NamedTuple


class Vec(NamedTuple):
    x: float
    y: float
    z: float = 0                         # the int 0, not the float 0.0


def add(a, b):
    return Vec(a.x + b.x, a.y + b.y, a.z + b.z)


def scale(v, k):
    return Vec(v.x * k, v.y * k, v.z * k)


def dot(a, b):
    return a.x * b.x + a.y * b.y + a.z * b.z


def distance(a, b):
    return math.dist(a, b)

# %% [markdown] course={"kind": "exercise", "id": "sparse-matrix", "item": "project-4-2-1"}
# ### Mini-project: a sparse matrix keyed by `(row, col)`
#
# A 10,000 × 10,000 matrix of pod-to-node affinities is almost all zeros. Store only the
# non-zero cells in a dict keyed by `(row, col)` tuples. Write a class `Sparse`:
#
# - `Sparse(rows, cols)` creates an all-zero matrix; its non-zero cells live in the attribute
#   `cells`, a dict from `(row, col)` to value;
# - `set(row, col, value)` stores a value; storing `0` removes the cell from `cells`;
# - `get(row, col)` returns the value, `0` for cells never set;
# - both raise `IndexError` for a position outside the matrix (negative ones included);
# - `times(vector)` multiplies the matrix by a list of `cols` numbers and returns a list of
#   `rows` numbers, touching only the non-zero cells.
#
# ```python
# m = Sparse(2, 3)
# m.set(0, 2, 5); m.set(1, 0, -1)
# m.cells                  # {(0, 2): 5, (1, 0): -1}
# m.times([1, 1, 2])       # [10, -1]
# ```

# %% [markdown] course={"kind": "hint"}
# `self.cells.get((row, col), 0)` reads with a default. `self.cells.pop((row, col), None)`
# removes a key that may not be there.

# %% [markdown] course={"kind": "hint"}
# For `times`, start from `[0] * rows` and, for each `(r, c), value` in `self.cells.items()`,
# add `value * vector[c]` to slot `r`.

# %% course={"kind": "solution"}
class Sparse:
    """A rows x cols matrix that stores only its non-zero cells."""

    def __init__(self, rows: int, cols: int):
        ### BEGIN SOLUTION
        self.rows, self.cols = rows, cols
        self.cells = {}
        ### END SOLUTION

    def _check(self, row: int, col: int) -> None:
        ### BEGIN SOLUTION
        if not (0 <= row < self.rows and 0 <= col < self.cols):
            raise IndexError(f"({row}, {col}) is outside a {self.rows} x {self.cols} matrix")
        ### END SOLUTION

    def set(self, row: int, col: int, value) -> None:
        ### BEGIN SOLUTION
        self._check(row, col)
        if value == 0:
            self.cells.pop((row, col), None)
        else:
            self.cells[row, col] = value
        ### END SOLUTION

    def get(self, row: int, col: int):
        ### BEGIN SOLUTION
        self._check(row, col)
        return self.cells.get((row, col), 0)
        ### END SOLUTION

    def times(self, vector: list) -> list:
        ### BEGIN SOLUTION
        result = [0] * self.rows
        for (row, col), value in self.cells.items():
            result[row] += value * vector[col]
        return result
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
m = Sparse(2, 3)
m.set(0, 2, 5)
m.set(1, 0, -1)
assert m.cells == {(0, 2): 5, (1, 0): -1}, f"cells should hold the two values under (row, col) keys, got {m.cells}"
assert m.get(0, 2) == 5 and m.get(1, 1) == 0, "get returns the value, or 0 for a cell never set"

# %% course={"kind": "test", "points": 1}
m = Sparse(3, 3)
m.set(1, 1, 7)
m.set(1, 1, 0)
assert m.cells == {}, f"storing 0 removes the cell: cells should be empty, got {m.cells}"
m.set(2, 2, 0)
assert m.cells == {}, "storing 0 in an empty cell stores nothing"

# %% course={"kind": "test", "points": 1}
m = Sparse(2, 3)
for row, col in ((2, 0), (0, 3), (-1, 0), (0, -1)):
    for action in (lambda: m.get(row, col), lambda: m.set(row, col, 1)):
        try:
            action()
        except IndexError:
            pass
        else:
            raise AssertionError(f"({row}, {col}) is outside a 2 x 3 matrix: raise IndexError")
assert m.cells == {}, "a rejected set stores nothing"

# %% course={"kind": "test", "points": 2}
m = Sparse(2, 3)
m.set(0, 2, 5)
m.set(1, 0, -1)
assert m.times([1, 1, 2]) == [10, -1], f"got {m.times([1, 1, 2])}"
assert Sparse(3, 2).times([4, 5]) == [0, 0, 0], "an empty matrix gives zeros"


class ReadCounter(list):
    """A vector that counts how many of its numbers are read."""

    reads = 0

    def _charge(self, n):
        ReadCounter.reads += n
        assert ReadCounter.reads <= 100, "times() reads the vector far more often than there are stored cells"

    def __getitem__(self, index):
        self._charge(1)
        return super().__getitem__(index)

    def __iter__(self):
        self._charge(len(self))
        return super().__iter__()


wide = Sparse(3, 10_000)
wide.set(2, 9_999, 4)
wide.set(0, 0, -1)
assert wide.times(ReadCounter([2] * 10_000)) == [-2, 0, 8], "a 3 x 10,000 matrix with two stored cells"
### BEGIN HIDDEN TESTS
big = Sparse(10_000, 10_000)
big.set(9_999, 0, 2)
big.set(0, 9_999, 3)
vector = [1] * 10_000
result = big.times(vector)
assert len(result) == 10_000 and result[9_999] == 2 and result[0] == 3 and sum(result) == 5
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "stores-zeros", "fails": ["t2"]}
class Sparse:
    def __init__(self, rows, cols):
        self.rows, self.cols, self.cells = rows, cols, {}

    def _check(self, row, col):
        if not (0 <= row < self.rows and 0 <= col < self.cols):
            raise IndexError((row, col))

    def set(self, row, col, value):
        self._check(row, col)
        self.cells[row, col] = value

    def get(self, row, col):
        self._check(row, col)
        return self.cells.get((row, col), 0)

    def times(self, vector):
        result = [0] * self.rows
        for (row, col), value in self.cells.items():
            result[row] += value * vector[col]
        return result

# %% course={"kind": "wrong", "id": "negative-wraps", "fails": ["t3"]}
class Sparse:
    def __init__(self, rows, cols):
        self.rows, self.cols, self.cells = rows, cols, {}

    def _check(self, row, col):
        if row >= self.rows or col >= self.cols:
            raise IndexError((row, col))

    def set(self, row, col, value):
        self._check(row, col)
        if value == 0:
            self.cells.pop((row, col), None)
        else:
            self.cells[row, col] = value

    def get(self, row, col):
        self._check(row, col)
        return self.cells.get((row, col), 0)

    def times(self, vector):
        result = [0] * self.rows
        for (row, col), value in self.cells.items():
            result[row] += value * vector[col]
        return result

# %% course={"kind": "wrong", "id": "dense-times", "fails": ["t4"]}
class Sparse:
    def __init__(self, rows, cols):
        self.rows, self.cols, self.cells = rows, cols, {}

    def _check(self, row, col):
        if not (0 <= row < self.rows and 0 <= col < self.cols):
            raise IndexError((row, col))

    def set(self, row, col, value):
        self._check(row, col)
        if value == 0:
            self.cells.pop((row, col), None)
        else:
            self.cells[row, col] = value

    def get(self, row, col):
        self._check(row, col)
        return self.cells.get((row, col), 0)

    def times(self, vector):             # visits every cell, zeros included: rows x cols steps
        return [sum(self.get(r, c) * vector[c] for c in range(self.cols)) for r in range(self.rows)]

# %% [markdown] course={"kind": "exercise", "id": "app-config", "item": "project-4-2-2"}
# ### Mini-project: an immutable, validated, nested configuration
#
# Build configurations from parsed YAML/JSON (plain dicts) into named tuples that cannot be
# changed afterwards. Define:
#
# - `DbConfig(NamedTuple)`: `host` (str), `port` (int, default `5432`), `name` (str, default `"app"`);
# - `AppConfig(NamedTuple)`: `service` (str), `db` (a `DbConfig`), `debug` (bool, default
#   `False`), `allowed_hosts` (a tuple of str, default `()`).
#
# and `build_config(raw)` that turns a dict into an `AppConfig`:
#
# - `service`, `db` and `db.host` are required; a missing one raises `ValueError`;
# - `db.port` must be an `int` from 1 to 65535 and `debug` a `bool`, else `ValueError`;
# - an unknown key at either level raises `ValueError`;
# - every error message names the **dotted path** of the problem (`"db.port"`, `"db.pasword"`);
# - `allowed_hosts` arrives as a list and is stored as a tuple, so the whole config is
#   hashable and nothing in it can change; `raw` itself is not modified.
#
# ```python
# cfg = build_config({"service": "api", "db": {"host": "db.internal"}, "allowed_hosts": ["a.example"]})
# cfg.db.port            # 5432
# cfg.allowed_hosts      # ('a.example',)
# ```

# %% [markdown] course={"kind": "hint"}
# Check unknown keys with a set difference: `set(raw) - set(AppConfig._fields)`. Build the
# inner config first, then `AppConfig(service=..., db=db, ...)`.

# %% [markdown] course={"kind": "hint"}
# `True` is an `int` in Python, so `isinstance(True, int)` holds: reject bools for the port
# explicitly. Use `raw.get("debug", False)` for optional fields, never `raw.pop`, which would
# change the caller's dict.

# %% course={"kind": "solution", "equivalent": {"m-99807b3b": "the message still names every unknown key; the order of several is not specified"}}
from typing import NamedTuple

### BEGIN SOLUTION
class DbConfig(NamedTuple):
    host: str
    port: int = 5432
    name: str = "app"


class AppConfig(NamedTuple):
    service: str
    db: DbConfig
    debug: bool = False
    allowed_hosts: tuple = ()


def _reject_unknown(raw: dict, fields: tuple, prefix: str) -> None:
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ValueError("unknown setting(s): " + ", ".join(prefix + key for key in unknown))


def build_config(raw: dict) -> AppConfig:
    """A validated, immutable AppConfig from a plain dict."""
    _reject_unknown(raw, AppConfig._fields, "")
    for key in ("service", "db"):
        if key not in raw:
            raise ValueError(f"{key} is required")
    db_raw = raw["db"]
    _reject_unknown(db_raw, DbConfig._fields, "db.")
    if "host" not in db_raw:
        raise ValueError("db.host is required")
    port = db_raw.get("port", 5432)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ValueError(f"db.port must be an integer from 1 to 65535, got {port!r}")
    debug = raw.get("debug", False)
    if not isinstance(debug, bool):
        raise ValueError(f"debug must be true or false, got {debug!r}")
    db = DbConfig(db_raw["host"], port, db_raw.get("name", "app"))
    return AppConfig(raw["service"], db, debug, tuple(raw.get("allowed_hosts", ())))
### END SOLUTION

# %% course={"kind": "test", "points": 1}
cfg = build_config({"service": "api", "db": {"host": "db.internal"}, "allowed_hosts": ["a.example"]})
assert cfg == AppConfig("api", DbConfig("db.internal", 5432, "app"), False, ("a.example",)), f"got {cfg}"
assert isinstance(cfg.db, DbConfig), "the db section is a DbConfig"
assert DbConfig("h") == ("h", 5432, "app"), f"DbConfig defaults: port 5432, name 'app'; got {DbConfig('h')}"
bare = AppConfig("api", DbConfig("h"))
assert bare.debug is False and bare.allowed_hosts == (), f"AppConfig defaults: debug False, allowed_hosts (); got {bare}"
full = build_config({"service": "api", "debug": True, "db": {"host": "h", "port": 6432, "name": "orders"}})
assert (full.debug, full.db.port, full.db.name, full.allowed_hosts) == (True, 6432, "orders", ()), f"got {full}"

# %% course={"kind": "test", "points": 1}
cfg = build_config({"service": "api", "db": {"host": "h"}, "allowed_hosts": ["a", "b"]})
try:
    cfg.db.port = 1
except AttributeError:
    pass
else:
    raise AssertionError("nested sections must be immutable too")
assert isinstance(cfg.allowed_hosts, tuple), "allowed_hosts must be stored as a tuple"
assert hash(cfg) == hash(build_config({"service": "api", "db": {"host": "h"}, "allowed_hosts": ["a", "b"]})), "the whole config must be hashable"
moved = cfg._replace(db=cfg.db._replace(port=6543))
assert moved.db.port == 6543 and cfg.db.port == 5432, "_replace builds a new config; the old one is unchanged"

# %% course={"kind": "test", "points": 2}
bad_inputs = [
    ({"db": {"host": "h"}}, "service"),
    ({"service": "api"}, "db"),
    ({"service": "api", "db": {}}, "db.host"),
    ({"service": "api", "db": {"host": "h", "port": 65536}}, "db.port"),
    ({"service": "api", "db": {"host": "h", "port": "5432"}}, "db.port"),
    ({"service": "api", "db": {"host": "h", "pasword": "x"}}, "db.pasword"),
    ({"service": "api", "db": {"host": "h"}, "dbug": True}, "dbug"),
]
for raw, path in bad_inputs:
    try:
        build_config(raw)
    except ValueError as err:
        assert path in str(err), f"the error for {raw} should name {path!r}, got {str(err)!r}"
    else:
        raise AssertionError(f"build_config({raw}) must raise ValueError")
### BEGIN HIDDEN TESTS
for raw, path in [
    ({"service": "api", "db": {"host": "h", "port": True}}, "db.port"),
    ({"service": "api", "db": {"host": "h", "port": 0}}, "db.port"),
    ({"service": "api", "db": {"host": "h", "port": -5432}}, "db.port"),
    ({"service": "api", "db": {"host": "h", "port": 5432.0}}, "db.port"),
    ({"service": "api", "db": {"host": "h"}, "debug": "yes"}, "debug"),
    ({"service": "api", "db": {"host": "h"}, "debug": 0}, "debug"),
]:
    try:
        build_config(raw)
    except ValueError as err:
        assert path in str(err), f"the error for {raw} should name {path!r}"
    else:
        raise AssertionError(f"build_config({raw}) must raise ValueError")
assert build_config({"service": "api", "db": {"host": "h", "port": 65535}}).db.port == 65535, "65535 is a valid port"
assert build_config({"service": "api", "db": {"host": "h", "port": 1}}).db.port == 1, "1 is a valid port"
assert build_config({"service": "api", "db": {"host": "h"}, "debug": False}).debug is False, "debug: false is a valid setting"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
hosts = ["a.example"]
raw = {"service": "api", "db": {"host": "h"}, "allowed_hosts": hosts}
cfg = build_config(raw)
hosts.append("evil.example")
assert cfg.allowed_hosts == ("a.example",), "changing the input list afterwards must not change the config"
assert raw == {"service": "api", "db": {"host": "h"}, "allowed_hosts": ["a.example", "evil.example"]}, "build_config must not change raw"
raw = {"service": "api", "debug": True, "db": {"host": "h", "port": 6432, "name": "orders"}}
build_config(raw)
assert raw == {"service": "api", "debug": True, "db": {"host": "h", "port": 6432, "name": "orders"}}, f"raw must keep every setting, it became {raw}"

# %% course={"kind": "wrong", "id": "keeps-list", "fails": ["t1", "t2", "t4"]}
from typing import NamedTuple


class DbConfig(NamedTuple):
    host: str
    port: int = 5432
    name: str = "app"


class AppConfig(NamedTuple):
    service: str
    db: DbConfig
    debug: bool = False
    allowed_hosts: tuple = ()


def build_config(raw):
    for key in raw:
        if key not in AppConfig._fields:
            raise ValueError(f"unknown setting: {key}")
    for key in ("service", "db"):
        if key not in raw:
            raise ValueError(f"{key} is required")
    for key in raw["db"]:
        if key not in DbConfig._fields:
            raise ValueError(f"unknown setting: db.{key}")
    if "host" not in raw["db"]:
        raise ValueError("db.host is required")
    port = raw["db"].get("port", 5432)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ValueError("db.port is invalid")
    debug = raw.get("debug", False)
    if not isinstance(debug, bool):
        raise ValueError("debug is invalid")
    db = DbConfig(raw["db"]["host"], port, raw["db"].get("name", "app"))
    return AppConfig(raw["service"], db, debug, raw.get("allowed_hosts", ()))

# %% course={"kind": "wrong", "id": "vague-errors", "fails": ["t3"]}
from typing import NamedTuple


class DbConfig(NamedTuple):
    host: str
    port: int = 5432
    name: str = "app"


class AppConfig(NamedTuple):
    service: str
    db: DbConfig
    debug: bool = False
    allowed_hosts: tuple = ()


def build_config(raw):
    try:
        db = DbConfig(**raw["db"])
        cfg = AppConfig(**{**raw, "db": db, "allowed_hosts": tuple(raw.get("allowed_hosts", ()))})
    except (KeyError, TypeError) as err:
        raise ValueError(f"invalid configuration: {err}") from None
    if not isinstance(cfg.db.port, int) or not 1 <= cfg.db.port <= 65535:
        raise ValueError("invalid port")
    return cfg

# %% course={"kind": "wrong", "id": "pops-raw", "fails": ["t4"]}
from typing import NamedTuple


class DbConfig(NamedTuple):
    host: str
    port: int = 5432
    name: str = "app"


class AppConfig(NamedTuple):
    service: str
    db: DbConfig
    debug: bool = False
    allowed_hosts: tuple = ()


def build_config(raw):
    for key in raw:
        if key not in AppConfig._fields:
            raise ValueError(f"unknown setting: {key}")
    for key in ("service", "db"):
        if key not in raw:
            raise ValueError(f"{key} is required")
    for key in raw["db"]:
        if key not in DbConfig._fields:
            raise ValueError(f"unknown setting: db.{key}")
    if "host" not in raw["db"]:
        raise ValueError("db.host is required")
    port = raw["db"].pop("port", 5432)           # pop takes the setting out of the caller's dict
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ValueError("db.port is invalid")
    debug = raw.pop("debug", False)
    if not isinstance(debug, bool):
        raise ValueError("debug is invalid")
    db = DbConfig(raw["db"]["host"], port, raw["db"].get("name", "app"))
    return AppConfig(raw["service"], db, debug, tuple(raw.get("allowed_hosts", ())))

# %% course={"kind": "wrong", "id": "falsy-debug-accepted", "fails": ["t3"]}
from typing import NamedTuple


class DbConfig(NamedTuple):
    host: str
    port: int = 5432
    name: str = "app"


class AppConfig(NamedTuple):
    service: str
    db: DbConfig
    debug: bool = False
    allowed_hosts: tuple = ()


def build_config(raw):
    for key in raw:
        if key not in AppConfig._fields:
            raise ValueError(f"unknown setting: {key}")
    for key in ("service", "db"):
        if key not in raw:
            raise ValueError(f"{key} is required")
    for key in raw["db"]:
        if key not in DbConfig._fields:
            raise ValueError(f"unknown setting: db.{key}")
    if "host" not in raw["db"]:
        raise ValueError("db.host is required")
    port = raw["db"].get("port", 5432)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ValueError("db.port is invalid")
    debug = raw.get("debug", False)
    if debug and not isinstance(debug, bool):    # a falsy non-bool (0, "") slips through
        raise ValueError("debug is invalid")
    db = DbConfig(raw["db"]["host"], port, raw["db"].get("name", "app"))
    return AppConfig(raw["service"], db, debug, tuple(raw.get("allowed_hosts", ())))

# %% [markdown] course={"kind": "task", "id": "immutability-benefits", "item": "project-4-2-2", "points": 3}
# ### Show what immutability buys you
#
# In a few cells of your own, demonstrate three benefits of your `AppConfig` over the same
# configuration kept in a plain nested `dict`:
#
# 1. a function that "only reads" the configuration but accidentally changes it (e.g. sets
#    `debug` while building a test client): show the dict version corrupting the shared
#    config, and the named-tuple version refusing;
# 2. the configuration as a cache key: decorate a function that takes the config with
#    `functools.lru_cache` and show a second call with an equal config being a cache hit
#    (`cache_info()`), then show what happens with the dict;
# 3. a "change" done right: derive a staging configuration from production with `_replace` and
#    show that production is untouched.
#
# End with two sentences on where immutability stops (what if a field held a list or a dict?).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the accidental-mutation demo shows the dict being changed and the named tuple
#   raising `AttributeError` (output visible).
# - 1 point: the `lru_cache` demo shows a hit for an equal config (`hits=1`) and the
#   `TypeError: unhashable type: 'dict'` for the dict version.
# - 1 point: `_replace` is used for the derived config, production is shown unchanged, and
#   the closing sentences say that immutability is shallow: a list or dict inside would stay
#   mutable and make the config unhashable, which is why `allowed_hosts` is converted to a tuple.

# %% [markdown] course={"kind": "exercise", "id": "tuple-fingerprint", "item": "dsa-tuples"}
# ### Problem: Fingerprint a line of numbers (after HackerRank's *Tuples*)
#
# A cache stores results per input line of whole numbers, such as `"8 3 -2 5"`. Write
# `fingerprint(line)` that reads the numbers (separated by any amount of whitespace) and
# returns the built-in `hash()` of the **tuple** of those integers. Equal sequences give equal
# fingerprints; the order matters; an empty line is the empty tuple.
#
# ```python
# fingerprint("8 3 -2 5") == hash((8, 3, -2, 5))   # True
# ```

# %% [markdown] course={"kind": "hint"}
# `line.split()` with no argument splits on any run of whitespace and ignores the ends.

# %% [markdown] course={"kind": "hint"}
# `hash()` of a list raises `TypeError`: convert with `tuple(int(word) for word in ...)` first.

# %% course={"kind": "solution"}
def fingerprint(line: str) -> int:
    """hash() of the tuple of integers written in ``line``."""
    ### BEGIN SOLUTION
    return hash(tuple(int(word) for word in line.split()))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert fingerprint("8 3 -2 5") == hash((8, 3, -2, 5)), "the hash of the tuple (8, 3, -2, 5)"
assert fingerprint("42") == hash((42,)), "one number is a one-item tuple, not the number itself"

# %% course={"kind": "test", "points": 1}
assert fingerprint("1 2") != fingerprint("2 1"), "the order of the numbers matters"
assert fingerprint("  7\t 9 \n") == hash((7, 9)), "any whitespace separates numbers"
assert fingerprint("") == hash(()), "an empty line is the empty tuple"
### BEGIN HIDDEN TESTS
assert fingerprint("1 1 2") != fingerprint("1 2"), "repeats count"
assert fingerprint("-1") == hash((-1,))
assert fingerprint("007 +5") == hash((7, 5)), "'007' and '+5' are the numbers 7 and 5"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "hashes-the-text", "fails": ["t1", "t2"]}
def fingerprint(line):
    return hash(line)

# %% course={"kind": "wrong", "id": "order-blind", "fails": ["t1", "t2"]}
def fingerprint(line):
    return hash(frozenset(int(word) for word in line.split()))

# %% course={"kind": "wrong", "id": "bare-number", "fails": ["t1", "t2"]}
def fingerprint(line):
    numbers = tuple(int(word) for word in line.split())
    return hash(numbers[0]) if len(numbers) == 1 else hash(numbers)

# %% [markdown] course={"kind": "exercise", "id": "swap-fields", "item": "dsa-swap-tuple-elements"}
# ### Problem: Swap two fields of a record
#
# Tuples cannot be changed, so "swapping" two of their items means building a new tuple. Write
# `swapped(record, i, j)` that returns a new tuple equal to `record` except that the items at
# positions `i` and `j` trade places. Negative positions count from the end as usual, `i` may
# be larger than `j` or equal to it, and a position outside the tuple raises `IndexError`.
#
# ```python
# swapped(("eu-west-1", "m5.large", 3), 0, 1)    # ('m5.large', 'eu-west-1', 3)
# swapped(("a", "b", "c", "d"), 0, -1)            # ('d', 'b', 'c', 'a')
# ```

# %% [markdown] course={"kind": "hint"}
# Convert to a list, swap with `items[i], items[j] = items[j], items[i]`, convert back with
# `tuple()`. The list handles negative and out-of-range positions for you.

# %% [markdown] course={"kind": "hint"}
# Building the result from slices (`record[:i] + ...`) is possible but assumes `0 <= i < j`:
# check what it does for `(0, -1)` or `(2, 1)`.

# %% course={"kind": "solution"}
def swapped(record: tuple, i: int, j: int) -> tuple:
    """A new tuple with the items at positions ``i`` and ``j`` exchanged."""
    ### BEGIN SOLUTION
    items = list(record)
    items[i], items[j] = items[j], items[i]
    return tuple(items)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
record = ("eu-west-1", "m5.large", 3)
got = swapped(record, 0, 1)
assert got == ("m5.large", "eu-west-1", 3), f"got {got}"
assert type(got) is tuple, f"return a tuple, not a {type(got).__name__}"
assert record == ("eu-west-1", "m5.large", 3), "the original record stays as it was"

# %% course={"kind": "test", "points": 1}
assert swapped(("a", "b", "c", "d"), 0, -1) == ("d", "b", "c", "a"), "negative positions count from the end"
assert swapped(("a", "b", "c"), 2, 0) == ("c", "b", "a"), "i may be larger than j"
assert swapped(("a", "b"), 1, 1) == ("a", "b"), "swapping a position with itself changes nothing"
### BEGIN HIDDEN TESTS
assert swapped(("x",), 0, -1) == ("x",)
assert swapped((1, 2, 3, 4, 5), -2, 1) == (1, 4, 3, 2, 5)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for i, j in ((0, 3), (-4, 0), (5, 5)):
    try:
        swapped(("a", "b", "c"), i, j)
    except IndexError:
        pass
    else:
        raise AssertionError(f"position {i} or {j} is outside a 3-item tuple: raise IndexError")
### BEGIN HIDDEN TESTS
try:
    swapped((), 0, 0)
except IndexError:
    pass
else:
    raise AssertionError("an empty tuple has no position 0")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-list", "fails": ["t1", "t2"]}
def swapped(record, i, j):
    items = list(record)
    items[i], items[j] = items[j], items[i]
    return items

# %% course={"kind": "wrong", "id": "slices-assume-order", "fails": ["t2", "t3"]}
def swapped(record, i, j):
    if i == j:
        return record
    return record[:i] + (record[j],) + record[i + 1:j] + (record[i],) + record[j + 1:]

# %% [markdown] course={"kind": "exercise", "id": "group-by-key", "item": "dsa-group-by-key"}
# ### Problem: Group deploy events by a composite key
#
# Deploy events are tuples such as `("eu", "prod", "api", "ok")`. Write
# `group_by(records, positions)` that groups the records by the fields at the given
# `positions` (a tuple of indexes). Return a dict that maps each key, **always a tuple** of
# those fields (a one-item tuple for one position), to the list of its records in input order;
# the keys appear in the order they are first met. A position outside a record raises
# `IndexError`. It must be O(n): the tests count the hashing and comparing on 2,000 records
# with 2,000 different keys.
#
# ```python
# events = [("eu", "prod", "api"), ("us", "prod", "api"), ("eu", "prod", "web")]
# group_by(events, (0, 1))
# # {('eu', 'prod'): [('eu', 'prod', 'api'), ('eu', 'prod', 'web')], ('us', 'prod'): [('us', 'prod', 'api')]}
# group_by(events, (2,))
# # {('api',): [('eu', 'prod', 'api'), ('us', 'prod', 'api')], ('web',): [('eu', 'prod', 'web')]}
# ```

# %% [markdown] course={"kind": "hint"}
# Build the key with `tuple(record[p] for p in positions)` (that also gives the one-item tuple
# for one position), then `groups.setdefault(key, []).append(record)`.

# %% [markdown] course={"kind": "hint"}
# A dict keeps insertion order, which is exactly "the order keys are first met". Sorting and
# `itertools.groupby` reorder the keys; a list of `(key, records)` pairs to search is O(n²).

# %% course={"kind": "solution"}
def group_by(records: list, positions: tuple) -> dict:
    """Records grouped by the tuple of their fields at ``positions``."""
    ### BEGIN SOLUTION
    groups = {}
    for record in records:
        key = tuple(record[p] for p in positions)
        groups.setdefault(key, []).append(record)
    return groups
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
events = [("eu", "prod", "api"), ("us", "prod", "api"), ("eu", "prod", "web")]
got = group_by(events, (0, 1))
want = {("eu", "prod"): [("eu", "prod", "api"), ("eu", "prod", "web")], ("us", "prod"): [("us", "prod", "api")]}
assert got == want, f"got {got}"

# %% course={"kind": "test", "points": 1}
events = [("eu", "prod", "api"), ("us", "prod", "api"), ("eu", "prod", "web")]
got = group_by(events, (2,))
assert list(got) == [("api",), ("web",)], f"one position still gives tuple keys like ('api',); got keys {list(got)}"

# %% course={"kind": "test", "points": 1}
events = [("us", "b"), ("eu", "a"), ("us", "c"), ("ap", "d")]
got = group_by(events, (0,))
assert list(got) == [("us",), ("eu",), ("ap",)], f"keys in order of first appearance, got {list(got)}"
assert got[("us",)] == [("us", "b"), ("us", "c")], "records keep their input order"
### BEGIN HIDDEN TESTS
assert group_by([], (0,)) == {}, "no records, no groups"
assert group_by([("a", 1), ("a", 1)], (0, 1)) == {("a", 1): [("a", 1), ("a", 1)]}, "duplicate records both stay"
assert list(group_by([("x", "y")], (1, 0))) == [("y", "x")], "the key follows the order of positions"
assert group_by([("a", 1), ("b", 2)], ()) == {(): [("a", 1), ("b", 2)]}, "no positions: one group under the empty tuple"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    group_by([("eu", "prod")], (0, 5))
except IndexError:
    pass
else:
    raise AssertionError("position 5 does not exist in a 2-field record: raise IndexError")

# %% course={"kind": "test", "points": 2}
class Budget:
    used = 0
    limit = 10 * 2_000


class Field(str):
    """A str that counts how often it is hashed or compared."""

    def __hash__(self):
        Budget.used += 1
        assert Budget.used <= Budget.limit, "far too many hashes/comparisons: an O(n) grouping needs fewer"
        return str.__hash__(self)

    def __eq__(self, other):
        Budget.used += 1
        assert Budget.used <= Budget.limit, "far too many hashes/comparisons: an O(n) grouping needs fewer"
        return str.__eq__(self, other)


records = [(Field(f"region-{i}"), Field("prod"), i) for i in range(2_000)]
got = group_by(records, (0, 1))
assert len(got) == 2_000, f"2,000 different keys expected, got {len(got)}"

# %% course={"kind": "wrong", "id": "searches-pairs", "fails": ["t5"]}
def group_by(records, positions):
    pairs = []
    for record in records:
        key = tuple(record[p] for p in positions)
        for existing, members in pairs:
            if existing == key:
                members.append(record)
                break
        else:
            pairs.append((key, [record]))
    return dict(pairs)

# %% course={"kind": "wrong", "id": "bare-key", "fails": ["t2", "t3"]}
def group_by(records, positions):
    groups = {}
    for record in records:
        key = record[positions[0]] if len(positions) == 1 else tuple(record[p] for p in positions)
        groups.setdefault(key, []).append(record)
    return groups

# %% course={"kind": "wrong", "id": "sorted-groups", "fails": ["t3"]}
from itertools import groupby


def group_by(records, positions):
    def key(record):
        return tuple(record[p] for p in positions)

    return {k: list(g) for k, g in groupby(sorted(records, key=key), key=key)}

# %% [markdown] course={"kind": "answer", "question": "q-why-would-you-use-a-tuple-instead-of-a"}
# Use a tuple for a fixed-shape **record** whose fields have distinct roles (a `(host, port)`
# pair, a tensor shape, a version number) and a list for a variable-length **collection** of
# similar items. The tuple also promises that the value will not change, so it can be shared
# safely, used as a dict key or set member, passed to `lru_cache`d functions, and it is
# slightly smaller and cheaper to build (a tuple of constants is built once at compile time).

# %% [markdown] course={"kind": "answer", "question": "q-can-you-modify-elements-inside-a-tuple"}
# You cannot change which objects a tuple holds: no item assignment, no append, no delete.
# But if an item is itself mutable, such as a list or a dict, that object can be changed through
# the tuple (`t[1].append(x)` works), because the tuple only stores a reference to it. Such a
# tuple is no longer hashable. To "change" a tuple you build a new one: `t[:1] + (new,) + t[2:]`
# or `named._replace(field=new)`.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-a-named-tuple"}
# A named tuple is a tuple subclass whose positions also have field names, created with
# `collections.namedtuple()` or by subclassing `typing.NamedTuple` with annotated fields. It
# keeps everything a tuple has (immutability, unpacking, indexing, hashing, small memory) and
# adds readable attribute access (`cfg.port`), a useful `repr`, defaults, and the helpers
# `_fields`, `_asdict()` and `_replace()`. It is the lightweight choice for immutable records;
# a dataclass is the step up when you need mutability, validation or much behaviour.

# %% [markdown] course={"kind": "answer", "question": "q-why-can-tuples-be-dictionary-keys-but"}
# A dict finds a key by its hash, so a key's hash must not change while the key is stored.
# A tuple cannot change, so its hash (computed from its items' hashes) stays valid; a list can
# change at any time, so lists deliberately have no hash (`list.__hash__ is None`). The rule is
# recursive: a tuple that contains a list is not hashable either, and using it as a key raises
# `TypeError: unhashable type: 'list'`.

# %% course={"kind": "trap", "trap": "trap-tuples-containing-mutable-objects-can"}
# The tuple is immutable; the list inside it is not. "+=" on that slot even does both things:
# it extends the list AND raises TypeError.
deploy = ("api", ["eu-west-1"])
try:
    deploy[1] += ["us-east-1"]
except TypeError as err:
    print("TypeError:", err)
print("...and yet:", deploy)

# %% course={"kind": "trap", "trap": "trap-single-element-tuple-needs-a-comma-1"}
# Without the comma, the parentheses are just grouping: a loop over "a tuple of one host"
# walks the characters of the hostname.
hosts = ("web-1")
print(type(hosts).__name__, [h for h in hosts])
hosts = ("web-1",)
print(type(hosts).__name__, [h for h in hosts])

# %% course={"kind": "trap", "trap": "trap-immutability-is-shallow-not-deep"}
# A "frozen" config holding a dict is only frozen at the top: the dict still changes, and the
# whole thing cannot be hashed. Freeze all the way down (tuples of tuples) to get both back.
limits = ("api", {"cpu": "500m"})
limits[1]["cpu"] = "4"                # allowed: the dict is mutable
print(limits)
try:
    {limits: "cached"}
except TypeError as err:
    print("as a dict key -> TypeError:", err)
frozen = ("api", tuple(sorted({"cpu": "500m"}.items())))
print("deeply immutable:", frozen, "| hashable:", isinstance(hash(frozen), int))
