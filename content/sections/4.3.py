# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can build, query, merge and reshape dictionaries without
# surprises, pick the right tool among `dict`, `defaultdict`, `Counter`, `OrderedDict` and
# `ChainMap`, and explain why a lookup is O(1) on average and when it is not.

# %% course={"kind": "setup", "id": "meters"}
# Helpers some tests use to check how much work your code does without timing it: values that
# count every comparison, hash, addition or character read, and stop your code once it does far more.
from course.runtime.meters import Meter, metered_int_type, metered_str_type

# %% [markdown] course={"kind": "lesson", "id": "create-and-keys", "covers": ["c-dictionary-creation-literals-dict", "c-key-requirements-hashable-immutable"]}
# ### Making dictionaries, and what may be a key
#
# A dictionary maps **keys** to **values**. You will build them in a handful of ways:
#
# | way | looks like | good for |
# |---|---|---|
# | literal | `{"http": 80, "https": 443}` | fixed data you type in |
# | `dict(**kwargs)` | `dict(region="eu-west-1", stage="prod")` | keys that are valid identifiers |
# | `dict(pairs)` | `dict([("web-1", "10.0.0.5")])` | data that arrives as pairs (`zip`, a CSV) |
# | `dict.fromkeys(keys, value)` | `dict.fromkeys(hosts, "unknown")` | one starting value for many keys |
# | comprehension | `{h: len(h) for h in hosts}` | computing values from data |
#
# A key must be **hashable**: it has a `hash()` that never changes while it is in the dict, and
# equal keys have equal hashes. Strings, numbers, `None`, tuples of hashables and `frozenset`s
# qualify; lists, dicts and sets do not, because they can change. The surprise is that keys are
# compared by *equality*: `1`, `1.0` and `True` are equal, so they are one and the same key.

# %% course={"kind": "demo"}
hosts = ["web-1", "web-2", "db-1"]
examples = {
    "literal": {"http": 80, "https": 443},
    "keywords": dict(region="eu-west-1", stage="prod"),
    "pairs": dict(zip(hosts, ["10.0.0.5", "10.0.0.6", "10.0.1.9"])),
    "fromkeys": dict.fromkeys(hosts, "unknown"),
    "comprehension": {h: len(h) for h in hosts},
}
for how, d in examples.items():
    print(f"{how:14} {d}")

print("tuple key:", {("web-1", 443): "up"}[("web-1", 443)])
try:
    {["web-1", 443]: "up"}
except TypeError as err:
    print("list key: TypeError:", err)
print("1, 1.0 and True are one key:", {1: "int", 1.0: "float", True: "bool"})

# %% [markdown] course={"kind": "lesson", "id": "operations", "covers": ["c-dictionary-operations", "c-access-d-key-d-get-key-default", "c-assignment-d-key-value", "c-deletion-del-d-key-d-pop-key", "c-membership-key-in-d"]}
# ### The four everyday operations
#
# - **Read**: `d[key]` returns the value or raises `KeyError`; `d.get(key, default)` returns
#   `default` (or `None`) instead. Use `[]` when a missing key is a bug you want to hear about
#   (a required setting), `get` when missing is normal (an optional label).
# - **Write**: `d[key] = value` adds the key or replaces its value; there is no separate "insert".
# - **Delete**: `del d[key]` removes it (and raises `KeyError` if absent); `d.pop(key)` removes it
#   and returns the value, and `d.pop(key, default)` never raises.
# - **Test**: `key in d` looks at **keys only**, in O(1). To search values you need
#   `value in d.values()`, which scans every value.
#
# What people get wrong: writing `if d.get(key):` to mean "is the key there?". A key whose value
# is `0`, `""` or `None` looks missing. Ask `key in d`.

# %% course={"kind": "demo"}
replicas = {"api": 3, "worker": 0}

print("replicas['api']         ->", replicas["api"])
print("replicas.get('cron', 1) ->", replicas.get("cron", 1))
try:
    replicas["cron"]
except KeyError as err:
    print("replicas['cron']        -> KeyError", err)

replicas["cron"] = 1          # add
replicas["api"] = 5           # replace
del replicas["cron"]          # delete
print("after writes:", replicas)
print("popped worker:", replicas.pop("worker"), "| pop with default:", replicas.pop("gone", None))

replicas["worker"] = 0
print("'worker' in replicas:", "worker" in replicas, "| but bool(get):", bool(replicas.get("worker")))
print("5 in replicas (keys!):", 5 in replicas, "| 5 in values:", 5 in replicas.values())

# %% [markdown] course={"kind": "lesson", "id": "methods", "covers": ["c-dictionary-methods", "c-keys-values-items-view-objects", "c-get-with-default", "c-setdefault-get-or-set", "c-pop-remove-and-return", "c-popitem-remove-last-item", "c-update-merge-dictionaries", "c-clear-remove-all", "c-copy-shallow-copy"]}
# ### The methods you will actually use
#
# | method | does | note |
# |---|---|---|
# | `keys()`, `values()`, `items()` | **views** of the dict | live: they follow later changes |
# | `get(k, default=None)` | read without `KeyError` | never adds the key |
# | `setdefault(k, default)` | return `d[k]`, first storing `default` if `k` is missing | "get or set" in one lookup |
# | `pop(k[, default])` | remove `k` and return its value | `KeyError` without a default |
# | `popitem()` | remove and return the **last inserted** pair | LIFO; `KeyError` when empty |
# | `update(other, **kw)` | copy pairs in, overwriting | returns `None`, changes `d` |
# | `clear()` | empty this dict | every other name for it sees it empty too |
# | `copy()` | a **shallow** copy | nested lists/dicts are shared |
#
# The classic mistake is `copy()`: it copies the outer dict only. Change a nested list through
# the copy and the original changes too; `copy.deepcopy` copies all the way down.

# %% course={"kind": "demo"}
import copy

labels = {"app": "api", "tier": "backend"}
keys = labels.keys()
labels["team"] = "platform"
print("the view followed the change:", list(keys))

groups: dict = {}
groups.setdefault("backend", []).append("api")
groups.setdefault("backend", []).append("worker")  # second call returns the existing list
print("setdefault:", groups)

print("popitem removes the newest pair:", labels.popitem(), "->", labels)
labels.update({"tier": "edge"}, env="prod")
print("update:", labels)

config = {"name": "api", "ports": [80]}
shallow, deep = config.copy(), copy.deepcopy(config)
shallow["ports"].append(443)
print("after changing the shallow copy's list, the original has:", config["ports"])
print("the deep copy kept:", deep["ports"])

alias = config
config.clear()
print("clear() empties every name for the dict:", alias)

# %% [markdown] course={"kind": "lesson", "id": "merging", "covers": ["c-dictionary-unpacking-dict", "c-merge-operators-python-3-9"]}
# ### Merging: `**`, `|` and `|=`
#
# Layered configuration (defaults, then a file, then the environment) is a merge where the
# **rightmost** source wins. Three spellings:
#
# - `{**defaults, **overrides}`: unpack both into a new dict literal (any Python 3.5+).
# - `defaults | overrides`: a new dict (3.9+) when both sides are dicts; a list of pairs on the
#   right raises `TypeError`.
# - `settings |= overrides`: update `settings` in place, like `update()`; the right side may be
#   any mapping or iterable of pairs.
#
# `**` also passes a dict as keyword arguments: `connect(**db_settings)`.
#
# What people get wrong: all of these are **shallow**. A nested `{"db": {...}}` on the right
# replaces the whole nested dict on the left; it does not merge into it. A deep merge needs a
# recursive function (you will write one in the Configuration Manager project).

# %% course={"kind": "demo"}
defaults = {"replicas": 1, "image": "api:1.0", "db": {"host": "localhost", "port": 5432}}
overrides = {"replicas": 3, "db": {"host": "db.prod"}}

print("unpacking:", {**defaults, **overrides})
print("|        :", defaults | overrides)
print("db port is gone, the nested dict was replaced:", (defaults | overrides)["db"])

settings = dict(defaults)
settings |= [("image", "api:1.1")]  # |= accepts pairs too
print("|=       :", settings)


def connect(host, port):
    return f"connecting to {host}:{port}"


print(connect(**defaults["db"]))

# %% [markdown] course={"kind": "lesson", "id": "comprehensions", "covers": ["c-dictionary-comprehensions"]}
# ### Dictionary comprehensions
#
# `{key_expr: value_expr for item in iterable if condition}` builds a dict in one expression:
# filter a dict, rename keys, compute values, turn two lists into a lookup table. They read well
# while they stay on one or two lines; once you need several statements, use a loop.
#
# What people get wrong: a comprehension silently **overwrites** when two items produce the
# same key. Inverting `{host: zone}` into `{zone: host}` keeps only the last host per zone.

# %% course={"kind": "demo"}
usage = {"web-1": 91.5, "web-2": 42.0, "db-1": 88.2, "cache-1": 12.9}

hot = {host: pct for host, pct in usage.items() if pct > 80}
print("filtered :", hot)
print("reshaped :", {host.upper(): round(pct) for host, pct in usage.items()})

zones = {"web-1": "a", "web-2": "b", "db-1": "a"}
print("inverted (web-1 lost!):", {zone: host for host, zone in zones.items()})
by_zone: dict = {}
for host, zone in zones.items():
    by_zone.setdefault(zone, []).append(host)
print("grouped instead       :", by_zone)

# %% [markdown] course={"kind": "lesson", "id": "order-and-views", "covers": ["c-dictionary-ordering-python-3-7-insertion", "c-dictionary-views-and-iteration"]}
# ### Order, views and iteration
#
# Since Python 3.7 a dict **remembers insertion order**, and iteration follows it. Replacing
# the value of an existing key keeps its place; deleting and re-adding moves it to the end.
# Order does **not** take part in `==`: two dicts with the same pairs are equal.
#
# Looping over a dict gives its keys; use `.items()` to get `(key, value)` pairs. The views
# `keys()` and `items()` behave like sets (`items()` only while the values are hashable), so
# `a.keys() & b.keys()` finds shared settings and `a.keys() - b.keys()` the ones only `a` has.
#
# What people get wrong: adding or removing keys **while looping** over the dict raises
# `RuntimeError`. Loop over `list(d)` (a snapshot) when you need to delete as you go.

# %% course={"kind": "demo"}
steps = {"build": "ok", "test": "ok", "deploy": "pending"}
steps["test"] = "failed"          # replacing keeps the position
del steps["build"]
steps["build"] = "ok"             # re-adding moves it to the end
print("order:", list(steps))
print("equal despite order:", steps == {"build": "ok", "deploy": "pending", "test": "failed"})

for step, state in steps.items():
    print(f"  {step:7} {state}")

staging = {"replicas": 1, "debug": True, "image": "api:1.1"}
prod = {"replicas": 3, "image": "api:1.0", "alerts": "pager"}
print("shared keys   :", sorted(staging.keys() & prod.keys()))
print("only staging  :", sorted(staging.keys() - prod.keys()))
print("differing pairs:", sorted(k for k, _ in staging.items() - prod.items() if k in prod))

# %% [markdown] course={"kind": "lesson", "id": "nested", "covers": ["c-nested-dictionaries"]}
# ### Nested dictionaries
#
# JSON, YAML, Kubernetes manifests and experiment configs all arrive as dicts inside dicts
# (with some lists). Reading deep values safely means deciding what happens at each level when a
# key is missing: `manifest["spec"]["template"]` raises at the first gap, while
# `manifest.get("spec", {}).get("template", {})` walks on with empty dicts. For anything deeper
# than two levels, write a small helper that takes a path.
#
# What people get wrong: building nested dicts with a shared inner object, for example
# `dict.fromkeys(envs, {})`, gives every environment **the same** inner dict.

# %% course={"kind": "demo"}
manifest = {
    "metadata": {"name": "api", "labels": {"app": "api", "tier": "backend"}},
    "spec": {"replicas": 3, "template": {"containers": [{"name": "api", "image": "api:1.0"}]}},
}
print("image:", manifest["spec"]["template"]["containers"][0]["image"])
print("missing, safely:", manifest.get("status", {}).get("phase", "unknown"))


def get_path(data, path, default=None):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return default
        data = data[part]
    return data


print("by path:", get_path(manifest, "metadata.labels.tier"), get_path(manifest, "spec.volumes", []))

shared = dict.fromkeys(["dev", "prod"], {})
shared["dev"]["debug"] = True
print("fromkeys shares one inner dict:", shared)
separate = {env: {} for env in ["dev", "prod"]}
separate["dev"]["debug"] = True
print("a comprehension makes one each:", separate)

# %% [markdown] course={"kind": "lesson", "id": "defaultdict", "covers": ["c-collections-defaultdict", "c-default-factory-functions", "c-use-cases"]}
# ### `collections.defaultdict`
#
# A `defaultdict` is a dict with a **default factory**: a function called with no arguments to
# make the value for a missing key the first time you read it with `d[key]`. The factory is the
# function itself, not a call: `defaultdict(list)`, not `defaultdict([])`.
#
# | factory | use it for |
# |---|---|
# | `list` | grouping: `pods_by_node[node].append(pod)` |
# | `int` | counting: `errors[code] += 1` |
# | `set` | unique members: `users_by_role[role].add(user)` |
# | `lambda: "n/a"` | any fixed default |
# | `lambda: defaultdict(int)` | two-level tables, e.g. `counts[host][status]` |
#
# What people get wrong: *reading* a missing key **creates** it. A lookup meant as a check
# (`if pods_by_node["node-9"]:`) silently adds `node-9`. Use `in` or `.get()` to look without
# creating, and turn the result into a plain `dict` before handing it to other code.

# %% course={"kind": "demo"}
from collections import defaultdict

pods = [("api-1", "node-a"), ("api-2", "node-b"), ("worker-1", "node-a")]
by_node = defaultdict(list)
for pod, node in pods:
    by_node[node].append(pod)
print("grouped:", dict(by_node))

status_by_host = defaultdict(lambda: defaultdict(int))
for host, status in [("web-1", 200), ("web-1", 500), ("web-2", 200), ("web-1", 200)]:
    status_by_host[host][status] += 1
print("two levels:", {host: dict(counts) for host, counts in status_by_host.items()})

print("get() does not create:", by_node.get("node-z"), "->", sorted(by_node))
if by_node["node-z"]:
    pass
print("d[key] does:", sorted(by_node))

# %% [markdown] course={"kind": "lesson", "id": "counter", "covers": ["c-collections-counter", "c-counting-elements", "c-most-common", "c-arithmetic-operations"]}
# ### `collections.Counter`
#
# A `Counter` is a dict from items to counts. Build it from any iterable (`Counter(words)`), add
# more with `update()`, and read a missing item as `0` rather than a `KeyError`.
# `most_common(n)` returns the `n` largest as `(item, count)` pairs; items with equal counts
# keep the order they were first seen.
#
# Counters do arithmetic: `+` adds counts, `-` subtracts and **drops** anything that falls to
# zero or below, `&` keeps the minimum of each count and `|` the maximum. `subtract()` is the
# in-place version that **keeps** negative counts, which is what you want when comparing stock
# against orders.
#
# What people get wrong: `Counter("error")` counts **characters**. To count words, give it a
# list of words.

# %% course={"kind": "demo"}
from collections import Counter

codes = "200 200 404 500 200 503 404 200".split()
seen = Counter(codes)
print("counts     :", dict(seen))
print("top two    :", seen.most_common(2))
print("missing -> :", seen["418"])

monday, tuesday = Counter(web=3, db=1), Counter(web=1, cache=2)
print("sum        :", dict(monday + tuesday))
print("difference :", dict(monday - tuesday), "(db kept, web 3-1, cache dropped)")
print("min / max  :", dict(monday & tuesday), dict(monday | tuesday))
stock = Counter(web=1)
stock.subtract(web=3)
print("subtract keeps negatives:", dict(stock))
print("characters, not words:", Counter("error").most_common(1))

# %% [markdown] course={"kind": "lesson", "id": "ordereddict-chainmap", "covers": ["c-collections-ordereddict-historical", "c-collections-chainmap"]}
# ### `OrderedDict` and `ChainMap`
#
# **`OrderedDict`** kept insertion order back when plain dicts did not. Plain dicts now do, so
# you reach for `OrderedDict` only for what it still does better: `move_to_end(key)` and
# `popitem(last=False)` in O(1) (the core of an LRU cache), and equality that **does** care
# about order.
#
# **`ChainMap(*maps)`** looks a key up in several dicts in order and returns the first hit,
# without copying anything. That is exactly layered configuration: command-line flags, then
# environment, then defaults. Writes and deletes only touch the **first** map, and
# `new_child()` pushes a fresh layer on top (handy for scopes).
#
# What people get wrong: expecting `settings["workers"] = 4` on a `ChainMap` to change the
# defaults, or `del` to remove a key from a lower layer (it raises `KeyError`). Only the first
# layer is ever modified.

# %% course={"kind": "demo"}
from collections import ChainMap, OrderedDict

recent = OrderedDict.fromkeys(["a", "b", "c"])
recent.move_to_end("a")
print("move_to_end:", list(recent), "| oldest out:", recent.popitem(last=False)[0])
print("order-aware equality:", OrderedDict(x=1, y=2) == OrderedDict(y=2, x=1),
      "| plain dicts:", dict(x=1, y=2) == dict(y=2, x=1))

defaults = {"log_level": "INFO", "port": 8080, "workers": 2}
env = {"log_level": "DEBUG"}
cli = {"port": 9000}
settings = ChainMap(cli, env, defaults)
print("resolved:", {key: settings[key] for key in ["log_level", "port", "workers"]})
settings["workers"] = 4
print("writes go to the first layer:", cli, "| defaults untouched:", defaults["workers"])
scoped = settings.new_child({"port": 1234})
print("child layer:", scoped["port"], "| parent still:", settings["port"])

# %% [markdown] course={"kind": "lesson", "id": "internals", "covers": ["c-dictionary-internals", "c-hash-table-implementation", "c-hash-collisions", "c-resizing-behavior", "c-memory-overhead", "c-time-complexities", "c-average-case-o-1-for-get-set-delete", "c-worst-case-o-n-with-hash-collisions"]}
# ### How a dict works, and what it costs
#
# CPython's dict is a **hash table**. To store a key it computes `hash(key)`, uses the low bits
# to pick a slot in an index array, and the slot points into a dense array of entries kept in
# insertion order (that is why order is free). An entry is `(hash, key, value)`; since CPython
# 3.11 a dict whose keys are all exact `str` objects stores only `(key, value)`, because a string
# already caches its own hash. The first key that is not a plain `str` (an `int`, even a `str`
# subclass) switches that dict to the general layout with a hash per entry.
#
# - **Collisions**: when the slot is taken by a different key, CPython probes other slots in a
#   fixed pseudo-random sequence until it finds the key or an empty slot. `__eq__` is called only
#   for entries whose hash equals the key's hash, so a good hash means almost no `__eq__`.
# - **Resizing**: when the table is about two-thirds full it grows (to several times the number
#   of entries) and every key is placed again. One insert then costs O(n), but spread over all
#   inserts it is O(1) *amortised*.
# - **Memory**: the index array's empty slots and the entries (with a hash each, outside all-`str`
#   dicts) cost space; a dict uses several times the memory of a list holding the same values.
# - **Time**: get, set, `in` and delete are **O(1) on average**. If many keys share one hash,
#   every lookup walks through them all: **O(n)** in the worst case. `len(d)` and `len()` of a
#   view are O(1) (the dict keeps its size); searching the values, `x in d.values()`, is O(n).
#
# Hashes of `int` are the number itself (mostly), so they are the same in every run. Hashes of
# `str` are salted per process (`PYTHONHASHSEED`) to stop attackers from forcing collisions: never
# depend on them, or on the order of a `set` of strings.
#
# What people get wrong: writing a class used as a key whose `__hash__` disagrees with `__eq__`
# (equal objects, different hashes), or depends on fields that change later. The dict then looks
# in the wrong slot and "loses" keys that are still inside.

# %% course={"kind": "demo"}
import sys


class Key:
    """A key that counts how often the dict has to compare it."""

    comparisons = 0

    def __init__(self, name, spread=True):
        self.name, self.spread = name, spread

    def __hash__(self):
        return hash(self.name) if self.spread else 42  # spread=False: every key collides

    def __eq__(self, other):
        Key.comparisons += 1
        return self.name == other.name


for spread in (True, False):
    Key.comparisons = 0
    table = {Key(i, spread): i for i in range(500)}
    _ = [Key(i, spread) in table for i in range(500)]
    label = "good hash " if spread else "same hash "
    print(f"{label}: {Key.comparisons:>7} comparisons for 500 inserts + 500 lookups")

print("hash(42) =", hash(42), "| hash(-1) =", hash(-1), "| hash(3.0) == hash(3):", hash(3.0) == hash(3))

growth, last = [], None
d: dict = {}
for i in range(100):
    size = sys.getsizeof(d)
    if size != last:
        growth.append(f"{len(d)} keys: {size} B")
        last = size
    d[i] = None
print("the dict grows in steps ->", " | ".join(growth))
print(f"1000 ints: list {sys.getsizeof(list(range(1000)))} B, dict {sys.getsizeof(dict.fromkeys(range(1000)))} B")


class Tag(str):
    """A str subclass: equal to the plain string, but not an exact str."""


names = ["api", "db", "web", "cache", "queue", "auth", "dns"]
print(f"7 keys -> str: {sys.getsizeof(dict.fromkeys(names))} B | str subclass: "
      f"{sys.getsizeof(dict.fromkeys(map(Tag, names)))} B | int: {sys.getsizeof(dict.fromkeys(range(7)))} B"
      "  (3.11+: all-str dicts store no hash per entry)")


class Reading:
    """A value that counts how often it is compared."""

    compared = 0

    def __eq__(self, other):
        Reading.compared += 1
        return False


readings = {i: Reading() for i in range(1000)}
Reading.compared = 0
size = len(readings.values())
print(f"len(d.values()) = {size} after {Reading.compared} comparisons: a view knows its dict's size, O(1)")
found = Reading() in readings.values()
print(f"x in d.values() = {found} after {Reading.compared} comparisons: a scan of every value, O(n)")

# %% [markdown] course={"kind": "exercise", "id": "word-frequencies", "item": "x-create-a-word-frequency-counter-using"}
# ### Word frequencies
#
# Write `word_frequencies(text)` that returns a dict mapping each word of `text` to how many
# times it occurs. A word is a whitespace-separated piece with the punctuation characters of
# `string.punctuation` stripped from **both ends** (so `don't` keeps its apostrophe), compared
# **lower-case**. Pieces that are left empty (a lone `-`) are not words. The keys appear in the
# order the words are first seen.
#
# ```python
# word_frequencies("Disk full. ERROR: disk full!")
# # {'disk': 2, 'full': 2, 'error': 1}
# ```

# %% [markdown] course={"kind": "hint"}
# `text.split()` splits on any run of whitespace, and `piece.strip(string.punctuation)` removes
# punctuation from both ends.

# %% [markdown] course={"kind": "hint"}
# `counts[word] = counts.get(word, 0) + 1` counts without a `KeyError`; skip `word` when it is `""`.

# %% course={"kind": "solution"}
import string


def word_frequencies(text: str) -> dict[str, int]:
    """Count the words of ``text``, case-insensitively, ignoring surrounding punctuation."""
    ### BEGIN SOLUTION
    counts: dict[str, int] = {}
    for piece in text.split():
        word = piece.strip(string.punctuation).lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = word_frequencies("Disk full. ERROR: disk full!")
assert result == {"disk": 2, "full": 2, "error": 1}, f"got {result}"
assert list(result) == ["disk", "full", "error"], "keys come in the order words are first seen"

# %% course={"kind": "test", "points": 1}
result = word_frequencies("retry -- Retry; don't 'retry'\n\tRETRY")
assert result == {"retry": 4, "don't": 1}, f"got {result}: strip punctuation at the ends, lower-case, skip empty pieces"
### BEGIN HIDDEN TESTS
assert word_frequencies("") == {}, "no words in an empty text"
assert word_frequencies("   \n ... !!! ") == {}, "only punctuation and spaces: no words"
assert word_frequencies("Café CAFÉ café.") == {"café": 3}, "unicode letters work like ASCII ones"
assert word_frequencies("v1.2 v1.2!") == {"v1.2": 2}, "punctuation inside a word stays"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "case-sensitive", "fails": ["t1", "t2"]}
import string


def word_frequencies(text):
    counts = {}
    for piece in text.split():
        word = piece.strip(string.punctuation)
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts

# %% course={"kind": "wrong", "id": "keeps-empty-pieces", "fails": ["t2"]}
import string


def word_frequencies(text):
    counts = {}
    for piece in text.split():
        word = piece.strip(string.punctuation).lower()
        counts[word] = counts.get(word, 0) + 1
    return counts

# %% course={"kind": "wrong", "id": "split-on-space", "fails": ["t2"]}
import string


def word_frequencies(text):
    counts = {}
    for piece in text.split(" "):
        word = piece.strip(string.punctuation).lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts

# %% [markdown] course={"kind": "exercise", "id": "cached", "item": "x-implement-a-simple-cache-using"}
# ### A cache in front of a slow function
#
# Looking up a host's owner in an inventory API takes a second; the same host is asked about
# again and again. Write `cached(func)` that returns a new one-argument function that calls
# `func(key)` the **first** time it sees `key`, remembers the result in a dict, and answers from
# the dict afterwards. Results like `None`, `0` or `""` are results too: remember them. If
# `func` raises, remember nothing (the next call tries again). Each function you wrap gets its
# **own** cache.
#
# ```python
# lookup = cached(slow_owner_lookup)
# lookup("web-1")   # calls slow_owner_lookup("web-1") -> 'team-a'
# lookup("web-1")   # 'team-a' straight from the dict, no call
# ```

# %% [markdown] course={"kind": "hint"}
# Define the dict and an inner function inside `cached`; the inner function can see the dict
# (it is a closure) and `cached` returns the inner function.

# %% [markdown] course={"kind": "hint"}
# Test membership with `if key in cache:`, not `if cache.get(key):`; a stored `None` or `0`
# must count as found.

# %% course={"kind": "solution"}
def cached(func):
    """Wrap the one-argument ``func`` so each distinct key is computed only once."""
    ### BEGIN SOLUTION
    cache = {}

    def lookup(key):
        if key not in cache:
            cache[key] = func(key)
        return cache[key]

    return lookup
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
calls = []


def owner(host):
    calls.append(host)
    return "team-" + host[-1]


lookup = cached(owner)
assert lookup("web-1") == "team-1" and lookup("web-2") == "team-2", "return what the function returns"
assert lookup("web-1") == "team-1", "a second call gives the same answer"
assert calls == ["web-1", "web-2"], f"the function ran for {calls}: each key must be computed once"

# %% course={"kind": "test", "points": 1}
calls = []


def falsy(key):
    calls.append(key)
    return {"a": None, "b": 0, "c": ""}[key]


lookup = cached(falsy)
for _ in range(3):
    assert [lookup("a"), lookup("b"), lookup("c")] == [None, 0, ""], 'cached values come back unchanged, falsy or not'
assert calls == ["a", "b", "c"], f"the function ran {len(calls)} times: None, 0 and '' are results to remember"

# %% course={"kind": "test", "points": 1}
double = cached(lambda x: x * 2)
square = cached(lambda x: x * x)
assert double(5) == 10, "double(5)"
assert square(5) == 25, "each wrapped function needs its own cache: square(5) must not return double's 10"
### BEGIN HIDDEN TESTS
attempts = []


def flaky(key):
    attempts.append(key)
    if len(attempts) == 1:
        raise ConnectionError("inventory API timed out")
    return "ok"


lookup = cached(flaky)
try:
    lookup("db-1")
except ConnectionError:
    pass
else:
    raise AssertionError("an exception from the function must reach the caller")
assert lookup("db-1") == "ok" and attempts == ["db-1", "db-1"], "a failed call must not be cached"
assert cached(lambda k: k)(("web", 1)) == ("web", 1), "any hashable key works"
calls = []
lookup = cached(lambda k: calls.append(k) or k)
assert [lookup(k) for k in [0, "", None, 0, "", None]] == [0, "", None, 0, "", None], "falsy keys are keys"
assert calls == [0, "", None], f"the function ran for {calls}: 0, '' and None are keys like any other"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truthy-check", "fails": ["t2", "t3"]}
def cached(func):
    cache = {}

    def lookup(key):
        if not cache.get(key):
            cache[key] = func(key)
        return cache[key]

    return lookup

# %% course={"kind": "wrong", "id": "shared-cache", "fails": ["t3"]}
_CACHE = {}


def cached(func):
    def lookup(key):
        if key not in _CACHE:
            _CACHE[key] = func(key)
        return _CACHE[key]

    return lookup

# %% [markdown] course={"kind": "exercise", "id": "merge-dicts", "item": "x-merge-multiple-dictionaries-with"}
# ### Merging many dictionaries, with a say in conflicts
#
# Write `merge_dicts(dicts, resolve=None)` that merges a list of dicts into a **new** dict.
# Keys keep the order in which they first appear. When a key appears again:
#
# - without `resolve`, the later value wins;
# - with `resolve`, the new value is `resolve(key, old_value, new_value)`.
#
# `resolve` is only called for real conflicts, never for a key's first appearance. The input
# dicts must not change.
#
# ```python
# a, b = {"web": 2, "db": 1}, {"web": 3, "cache": 1}
# merge_dicts([a, b])                                   # {'web': 3, 'db': 1, 'cache': 1}
# merge_dicts([a, b], lambda key, old, new: old + new)  # {'web': 5, 'db': 1, 'cache': 1}
# ```

# %% [markdown] course={"kind": "hint"}
# Start from an empty dict and loop over every dict, then over its `items()`.

# %% [markdown] course={"kind": "hint"}
# For each pair: if the key is already in the result **and** `resolve` is given, store
# `resolve(key, result[key], value)`; otherwise store `value`.

# %% course={"kind": "solution"}
def merge_dicts(dicts, resolve=None):
    """Merge ``dicts`` left to right into a new dict; ``resolve(key, old, new)`` settles conflicts."""
    ### BEGIN SOLUTION
    merged = {}
    for d in dicts:
        for key, value in d.items():
            if key in merged and resolve is not None:
                merged[key] = resolve(key, merged[key], value)
            else:
                merged[key] = value
    return merged
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
a, b = {"web": 2, "db": 1}, {"web": 3, "cache": 1}
merged = merge_dicts([a, b])
assert type(merged) is dict, f"return a plain dict, not a {type(merged).__name__}"
assert merged == {"web": 3, "db": 1, "cache": 1}, f"later values win: got {merged}"
assert list(merged) == ["web", "db", "cache"], "keys keep their first-appearance order"

# %% course={"kind": "test", "points": 2}
seen = []


def add(key, old, new):
    seen.append(key)
    return old + new


merged = merge_dicts([{"web": 2, "db": 1}, {"web": 3, "cache": 1}, {"web": 1}], add)
assert merged == {"web": 6, "db": 1, "cache": 1}, f"got {merged}"
assert seen == ["web", "web"], f"resolve is called once per conflict, with the key first; calls: {seen}"
tags = merge_dicts([{"team": "a"}, {"team": "b"}], lambda key, old, new: f"{old}+{new}")
assert tags == {"team": "a+b"}, "resolve receives (key, old, new) in that order"

# %% course={"kind": "test", "points": 1}
import copy

first, second = {"env": {"stage": "dev"}, "n": 1}, {"n": 2}
before = copy.deepcopy([first, second])
merged = merge_dicts([first, second])
assert [first, second] == before, "merge_dicts must not change the dicts it is given"
assert merged is not first, "return a new dict"
### BEGIN HIDDEN TESTS
assert merge_dicts([]) == {}, "no dicts merge to an empty dict"
assert merge_dicts([{}, {"a": 1}, {}]) == {"a": 1}, 'empty dicts add nothing'
assert merge_dicts([{"a": None}, {"a": 0}], lambda k, o, n: (o, n)) == {"a": (None, 0)}, "falsy values are still conflicts"
only = {"x": 1}
assert merge_dicts([only]) == {"x": 1} and merge_dicts([only]) is not only, "even one dict is copied"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mutates-first", "fails": ["t3"]}
def merge_dicts(dicts, resolve=None):
    if not dicts:
        return {}
    merged = dicts[0]
    for d in dicts[1:]:
        for key, value in d.items():
            if key in merged and resolve is not None:
                merged[key] = resolve(key, merged[key], value)
            else:
                merged[key] = value
    return merged

# %% course={"kind": "wrong", "id": "ignores-resolve", "fails": ["t2", "t3"]}
def merge_dicts(dicts, resolve=None):
    merged = {}
    for d in dicts:
        merged = {**merged, **d}
    return merged

# %% course={"kind": "wrong", "id": "resolve-without-key", "fails": ["t2", "t3"]}
def merge_dicts(dicts, resolve=None):
    merged = {}
    for d in dicts:
        for key, value in d.items():
            if key in merged and resolve is not None:
                merged[key] = resolve(merged[key], value, key)
            else:
                merged[key] = value
    return merged

# %% [markdown] course={"kind": "exercise", "id": "flatten", "item": "x-create-nested-dictionary-traversal"}
# ### Flatten a nested configuration
#
# Tools such as Helm's `--set` and many metrics systems want dotted keys. Write
# `flatten(nested, sep=".")` that walks a nested dict and returns a **flat** dict from paths to
# values:
#
# - a path joins the keys on the way down with `sep` (non-string keys go through `str()`);
# - any value that is not a dict (numbers, strings, lists...) is a leaf;
# - an **empty** nested dict is a leaf too, kept as `{}`;
# - paths come out depth-first, in the dicts' own order; the input must not change.
#
# ```python
# flatten({"db": {"host": "localhost", "port": 5432}, "debug": False})
# # {'db.host': 'localhost', 'db.port': 5432, 'debug': False}
# ```

# %% [markdown] course={"kind": "hint"}
# Recursion fits: a helper `walk(d, path)` loops over `d.items()`; for a non-empty dict value
# it calls itself with the longer path, otherwise it stores the value.

# %% [markdown] course={"kind": "hint"}
# Pass the list of keys so far down the recursion and `sep.join` it at the leaves: a key may be
# the empty string `""`, so "the prefix is empty" does not mean "we are at the top".

# %% course={"kind": "solution"}
def flatten(nested: dict, sep: str = ".") -> dict:
    """Turn nested dicts into one dict keyed by ``sep``-joined paths."""
    ### BEGIN SOLUTION
    flat: dict = {}

    def walk(d, parts):
        for key, value in d.items():
            path = [*parts, str(key)]
            if isinstance(value, dict) and value:
                walk(value, path)
            else:
                flat[sep.join(path)] = value

    walk(nested, [])
    return flat
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = flatten({"db": {"host": "localhost", "port": 5432}, "debug": False})
assert result == {"db.host": "localhost", "db.port": 5432, "debug": False}, f"got {result}"

# %% course={"kind": "test", "points": 2}
deep = {"a": {"b": {"c": {"d": 1}}, "e": [1, {"f": 2}]}, "g": {}}
result = flatten(deep)
assert result == {"a.b.c.d": 1, "a.e": [1, {"f": 2}], "g": {}}, f"go all the way down; lists and empty dicts are leaves: got {result}"
assert list(result) == ["a.b.c.d", "a.e", "g"], "depth-first, in the dicts' own order"

# %% course={"kind": "test", "points": 1}
import copy

cfg = {"spec": {"replicas": 2, "ports": {80: "http"}}}
before = copy.deepcopy(cfg)
result = flatten(cfg, sep="/")
assert result == {"spec/replicas": 2, "spec/ports/80": "http"}, f"use sep and str() the keys: got {result}"
assert cfg == before, "flatten must not change its input"
### BEGIN HIDDEN TESTS
assert flatten({}) == {}, "an empty dict flattens to an empty dict"
assert flatten({"ü": {"ñ": 1}}) == {"ü.ñ": 1}, 'unicode keys join like any others'
assert flatten({"x": None, "y": {"z": None}}) == {"x": None, "y.z": None}, 'None is a leaf value'
assert flatten({1: {2: "x"}, 3: "y"}) == {"1.2": "x", "3": "y"}, "non-string keys become strings at the top level too"
assert flatten({"": {"a": 1}, "b": {"": 2}}) == {".a": 1, "b.": 2}, "an empty-string key is still a step of the path"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-level", "fails": ["t2", "t3"]}
def flatten(nested, sep="."):
    flat = {}
    for key, value in nested.items():
        if isinstance(value, dict) and value:
            for inner, leaf in value.items():
                flat[f"{key}{sep}{inner}"] = leaf
        else:
            flat[str(key)] = value
    return flat

# %% course={"kind": "wrong", "id": "drops-empty", "fails": ["t2", "t3"]}
def flatten(nested, sep="."):
    flat = {}

    def walk(d, prefix):
        for key, value in d.items():
            path = f"{prefix}{sep}{key}" if prefix else str(key)
            if isinstance(value, dict):
                walk(value, path)
            else:
                flat[path] = value

    walk(nested, "")
    return flat

# %% course={"kind": "wrong", "id": "fixed-dot", "fails": ["t3"]}
def flatten(nested, sep="."):
    flat = {}

    def walk(d, prefix):
        for key, value in d.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict) and value:
                walk(value, path)
            else:
                flat[path] = value

    walk(nested, "")
    return flat

# %% course={"kind": "wrong", "id": "empty-prefix-means-top", "fails": ["t3"]}
def flatten(nested, sep="."):
    flat = {}

    def walk(d, prefix):
        for key, value in d.items():
            path = f"{prefix}{sep}{key}" if prefix else str(key)  # a "" key looks like the top
            if isinstance(value, dict) and value:
                walk(value, path)
            else:
                flat[path] = value

    walk(nested, "")
    return flat

# %% [markdown] course={"kind": "exercise", "id": "group-hosts", "item": "x-use-defaultdict-to-group-items"}
# ### Group an inventory by role
#
# An inventory is a list of dicts such as `{"host": "web-1", "role": "web"}`. Write
# `group_hosts(inventory)` that returns a **plain `dict`** from each role to the list of its
# hosts, in inventory order. Hosts without a `"role"` key go under `"unassigned"`; a role that is
# there is used as it is, even the empty string. Roles appear in the order they are first met.
# A `defaultdict` makes the grouping short; convert it at the end so that callers get a
# `KeyError` for a role that does not exist.
#
# ```python
# group_hosts([{"host": "web-1", "role": "web"}, {"host": "db-1", "role": "db"},
#              {"host": "web-2", "role": "web"}])
# # {'web': ['web-1', 'web-2'], 'db': ['db-1']}
# ```

# %% [markdown] course={"kind": "hint"}
# `groups = defaultdict(list)`, then `groups[role].append(host)` for every entry.

# %% [markdown] course={"kind": "hint"}
# `entry.get("role", "unassigned")` handles the missing key; `dict(groups)` makes the plain dict.

# %% course={"kind": "solution"}
from collections import defaultdict


def group_hosts(inventory: list[dict]) -> dict[str, list[str]]:
    """Hosts grouped by role, in inventory order; hosts without a role go to 'unassigned'."""
    ### BEGIN SOLUTION
    groups = defaultdict(list)
    for entry in inventory:
        groups[entry.get("role", "unassigned")].append(entry["host"])
    return dict(groups)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
inventory = [{"host": "web-1", "role": "web"}, {"host": "db-1", "role": "db"}, {"host": "web-2", "role": "web"}]
result = group_hosts(inventory)
assert result == {"web": ["web-1", "web-2"], "db": ["db-1"]}, f"got {result}"
assert list(result) == ["web", "db"], "roles in the order first met"

# %% course={"kind": "test", "points": 1}
result = group_hosts([{"host": "web-1", "role": "web"}])
assert type(result) is dict, f"return a plain dict, not a {type(result).__name__}"
try:
    result["cache"]
except KeyError:
    pass
else:
    raise AssertionError("looking up a role nobody has must raise KeyError (a defaultdict would invent one)")

# %% course={"kind": "test", "points": 1}
result = group_hosts([{"host": "tmp-1"}, {"host": "web-1", "role": "web"}, {"host": "tmp-2"}])
assert result == {"unassigned": ["tmp-1", "tmp-2"], "web": ["web-1"]}, f"hosts without a role go under 'unassigned': got {result}"
result = group_hosts([{"host": "lab-1", "role": ""}, {"host": "tmp-1"}])
assert result == {"": ["lab-1"], "unassigned": ["tmp-1"]}, f"a role of '' is present, only a missing key means 'unassigned': got {result}"
### BEGIN HIDDEN TESTS
assert group_hosts([]) == {}, "an empty inventory has no groups"
import copy

inv = [{"host": "a", "role": "x"}, {"host": "b", "role": "x"}, {"host": "a", "role": "x"}]
before = copy.deepcopy(inv)
assert group_hosts(inv) == {"x": ["a", "b", "a"]}, "keep duplicates, in order"
assert inv == before, "the inventory must not change"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-defaultdict", "fails": ["t2"]}
from collections import defaultdict


def group_hosts(inventory):
    groups = defaultdict(list)
    for entry in inventory:
        groups[entry.get("role", "unassigned")].append(entry["host"])
    return groups

# %% course={"kind": "wrong", "id": "fromkeys-shared-list", "fails": ["t1", "t3"]}
def group_hosts(inventory):
    roles = [entry.get("role", "unassigned") for entry in inventory]
    groups = dict.fromkeys(roles, [])
    for entry in inventory:
        groups[entry.get("role", "unassigned")].append(entry["host"])
    return groups

# %% course={"kind": "wrong", "id": "falsy-role-unassigned", "fails": ["t3"]}
from collections import defaultdict


def group_hosts(inventory):
    groups = defaultdict(list)
    for entry in inventory:
        groups[entry.get("role") or "unassigned"].append(entry["host"])
    return dict(groups)

# %% course={"kind": "wrong", "id": "missing-role-crash", "fails": ["t3"]}
from collections import defaultdict


def group_hosts(inventory):
    groups = defaultdict(list)
    for entry in inventory:
        groups[entry["role"]].append(entry["host"])
    return dict(groups)

# %% [markdown] course={"kind": "exercise", "id": "top-status-codes", "item": "x-use-counter-for-data-analysis"}
# ### Which status codes dominate?
#
# Access-log lines look like `"2024-05-01T10:00:00Z GET /api/v1/pods 200"`: the **last** field is
# the HTTP status code. Write `top_status_codes(lines, n)` that returns the `n` most frequent
# codes as a list of `(code, count)` tuples, codes as strings, most frequent first. **Ties go
# to the smaller code** (so the answer never depends on which line came first). Blank lines
# are skipped. `lines` may be any iterable of strings, an open log file included (its lines
# end in `"\n"`).
#
# ```python
# lines = ["... GET / 200", "... GET /x 404", "... GET / 200", "... GET /y 500", "... GET /z 404"]
# top_status_codes(lines, 2)   # [('200', 2), ('404', 2)]
# ```

# %% [markdown] course={"kind": "hint"}
# `Counter(line.split()[-1] for line in lines if line.strip())` does the counting.

# %% [markdown] course={"kind": "hint"}
# `most_common()` breaks ties by first appearance. Sort the counter's items yourself with a key
# that puts larger counts first and smaller codes first: `key=lambda pair: (-pair[1], pair[0])`.

# %% course={"kind": "solution"}
from collections import Counter


def top_status_codes(lines: list[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent status codes (last field of each line); ties go to the smaller code."""
    ### BEGIN SOLUTION
    counts = Counter(line.split()[-1] for line in lines if line.strip())
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:n]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
lines = [
    "2024-05-01T10:00:00Z GET /api 200",
    "2024-05-01T10:00:01Z GET /api 200",
    "2024-05-01T10:00:02Z POST /api 500",
    "2024-05-01T10:00:03Z GET /api 200",
]
assert top_status_codes(lines, 1) == [("200", 3)], f"got {top_status_codes(lines, 1)}"
assert top_status_codes(lines, 5) == [("200", 3), ("500", 1)], "n larger than the number of codes returns them all"
from_file = ["2024-05-01T10:00:04Z GET /api 404\n", "2024-05-01T10:00:05Z\tGET\t/api\t404\n"]
assert top_status_codes(from_file, 1) == [("404", 2)], "lines read from a file end in '\\n', and fields may be separated by tabs"

# %% course={"kind": "test", "points": 2}
lines = ["t GET /z 503", "t GET /y 404", "t GET /x 200", "t GET /w 404", "t GET /v 200", "t GET /u 503"]
result = top_status_codes(lines, 2)
assert result == [("200", 2), ("404", 2)], f"three codes tie at 2: the two smallest win, got {result}"
### BEGIN HIDDEN TESTS
assert top_status_codes(["a GET / 200", "", "   ", "\n", "b GET / 200"], 3) == [("200", 2)], "skip blank lines"
assert top_status_codes(iter(["a GET / 301", "b GET / 301"]), 1) == [("301", 2)], "any iterable of lines (a file) works"
assert top_status_codes([], 3) == [], "no lines, no codes"
assert top_status_codes(["a GET / 200"], 0) == [], "n = 0 asks for nothing"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "most-common-ties", "fails": ["t2"]}
from collections import Counter


def top_status_codes(lines, n):
    return Counter(line.split()[-1] for line in lines if line.strip()).most_common(n)

# %% course={"kind": "wrong", "id": "split-on-space", "fails": ["t1"]}
from collections import Counter


def top_status_codes(lines, n):
    counts = Counter(line.split(" ")[-1] for line in lines if line.strip())
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:n]

# %% course={"kind": "wrong", "id": "reverse-both", "fails": ["t2"]}
from collections import Counter


def top_status_codes(lines, n):
    counts = Counter(line.split()[-1] for line in lines if line.strip())
    return sorted(counts.items(), key=lambda pair: (pair[1], pair[0]), reverse=True)[:n]

# %% [markdown] course={"kind": "exercise", "id": "ttl-lru-cache", "item": "project-4-3-1"}
# ### Mini-project: In-Memory Cache with TTL and LRU eviction
#
# Build `TTLCache(capacity, ttl, clock=time.monotonic)`, the kind of cache you put in front of a
# slow API. `clock` is a function returning the current time in seconds; the tests pass a fake
# clock they can move forward.
#
# | method | behaviour |
# |---|---|
# | `set(key, value)` | store or replace; the entry becomes the **most recently used** and its age restarts at 0 |
# | `get(key, default=None)` | the value (a **hit**), or `default` (a **miss**) when the key is absent or **expired**; a hit makes the entry most recently used |
# | `delete(key)` | remove it; return `True` if it was there (and not expired), else `False` |
# | `len(cache)` | the number of entries that have not expired |
# | `stats()` | `{"hits": ..., "misses": ..., "size": len(cache)}` |
#
# An entry set at time `t` **expires** once `clock() - t >= ttl`. When `set` adds a **new** key
# and the cache already holds `capacity` entries, first drop expired entries; if it is still
# full, evict the **least recently used** entry.
#
# ```python
# now = [0.0]
# cache = TTLCache(capacity=2, ttl=10, clock=lambda: now[0])
# cache.set("a", 1); cache.set("b", 2); cache.get("a")   # 1: 'a' is now the most recent
# cache.set("c", 3)                                       # full: evicts 'b'
# cache.get("b")                                          # None (a miss)
# now[0] = 10.0; cache.get("a")                           # None: 'a' expired
# ```

# %% [markdown] course={"kind": "hint"}
# Keep one `OrderedDict` from key to `(value, stored_at)`. `move_to_end(key)` marks a key as
# most recently used; `popitem(last=False)` removes the least recently used one.

# %% [markdown] course={"kind": "hint"}
# Write a small helper `_expired(stored_at)` that compares `self._clock() - stored_at` with the
# TTL, and use it in `get`, `delete`, `__len__` and before evicting.

# %% course={"kind": "solution", "equivalent": {"m-4f0848d9": "an expired entry left in place by get is still a miss for get/delete and is purged before len, stats or eviction can see it"}}
import time
from collections import OrderedDict


class TTLCache:
    """A cache with a size limit (LRU eviction) and a time-to-live for every entry."""

    def __init__(self, capacity: int, ttl: float, clock=time.monotonic):
        ### BEGIN SOLUTION
        self._capacity = capacity
        self._ttl = ttl
        self._clock = clock
        self._data: OrderedDict = OrderedDict()  # key -> (value, stored_at), oldest use first
        self._hits = 0
        self._misses = 0
        ### END SOLUTION

    def set(self, key, value) -> None:
        ### BEGIN SOLUTION
        if key not in self._data and len(self._data) >= self._capacity:
            self._purge()
            if len(self._data) >= self._capacity:
                self._data.popitem(last=False)
        self._data[key] = (value, self._clock())
        self._data.move_to_end(key)
        ### END SOLUTION

    def get(self, key, default=None):
        ### BEGIN SOLUTION
        entry = self._data.get(key)
        if entry is None or self._expired(entry[1]):
            self._data.pop(key, None)
            self._misses += 1
            return default
        self._data.move_to_end(key)
        self._hits += 1
        return entry[0]
        ### END SOLUTION

    def delete(self, key) -> bool:
        ### BEGIN SOLUTION
        entry = self._data.pop(key, None)
        return entry is not None and not self._expired(entry[1])
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        self._purge()
        return len(self._data)
        ### END SOLUTION

    def stats(self) -> dict:
        ### BEGIN SOLUTION
        return {"hits": self._hits, "misses": self._misses, "size": len(self)}
        ### END SOLUTION

    def _expired(self, stored_at: float) -> bool:
        """Whether an entry stored at ``stored_at`` has lived for ``ttl`` seconds or more."""
        ### BEGIN SOLUTION
        return self._clock() - stored_at >= self._ttl
        ### END SOLUTION

    def _purge(self) -> None:
        """Drop every expired entry."""
        ### BEGIN SOLUTION
        for key in [k for k, (_, stored_at) in self._data.items() if self._expired(stored_at)]:
            del self._data[key]
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
now = [0.0]
cache = TTLCache(capacity=3, ttl=60, clock=lambda: now[0])
cache.set("web-1", "team-a")
cache.set("db-1", "team-b")
assert cache.get("web-1") == "team-a", "get returns what set stored"
assert cache.get("nope") is None and cache.get("nope", "?") == "?", "a missing key gives the default"
cache.set("web-1", "team-c")
assert cache.get("web-1") == "team-c", "set replaces the value of an existing key"
assert cache.delete("db-1") is True and cache.delete("db-1") is False, "delete says whether the key was there"
assert len(cache) == 1, f"one entry left, len says {len(cache)}"

# %% course={"kind": "test", "points": 2}
now = [100.0]
cache = TTLCache(capacity=5, ttl=10, clock=lambda: now[0])
cache.set("token", "abc")
now[0] = 109.9
assert cache.get("token") == "abc", "still fresh just before the TTL"
now[0] = 110.0
assert cache.get("token") is None, "an entry expires once clock() - stored_at >= ttl"
cache.set("token", "def")
now[0] = 115.0
cache.set("token", "ghi")  # replacing restarts the entry's age
now[0] = 124.0
assert cache.get("token") == "ghi", "set restarts an entry's age"
assert len(cache) == 1, "one live entry after replacing 'token'"
now[0] = 200.0
assert len(cache) == 0, "len does not count expired entries"
assert cache.delete("token") is False, "deleting an expired entry reports False"

# %% course={"kind": "test", "points": 2}
now = [0.0]
cache = TTLCache(capacity=2, ttl=100, clock=lambda: now[0])
cache.set("a", 1)
cache.set("b", 2)
assert cache.get("a") == 1, "'a' was stored and not evicted yet"
cache.set("c", 3)  # full: 'b' is the least recently used
assert cache.get("b") is None, "the least recently used entry ('b') is evicted"
assert cache.get("a") == 1 and cache.get("c") == 3, "'a' was used recently and must survive"
cache.set("a", 10)  # replacing an existing key never evicts
assert cache.get("c") == 3 and cache.get("a") == 10, "replacing a key must not evict anything"
cache.set("c", 30)  # set makes 'c' the most recently used, so 'a' is now the oldest
cache.set("d", 4)
assert cache.get("a") is None and cache.get("c") == 30, "set (even of an existing key) makes it the most recently used: 'a' goes"
cache.set("c", 31)  # full, but 'c' is already there: 'd', the oldest, must stay
assert cache.get("d") == 4 and cache.get("c") == 31, "replacing a key in a full cache must not evict another one"
### BEGIN HIDDEN TESTS
now = [0.0]
cache = TTLCache(capacity=2, ttl=10, clock=lambda: now[0])
cache.set("old", 1)
now[0] = 5.0
cache.set("fresh", 2)
now[0] = 12.0  # 'old' has expired, 'fresh' has not
cache.set("new", 3)
assert cache.get("fresh") == 2, "drop expired entries before evicting a live one"
tiny = TTLCache(capacity=1, ttl=10, clock=lambda: 0.0)
tiny.set("x", 1)
tiny.set("y", 2)
assert tiny.get("x") is None and tiny.get("y") == 2, "capacity 1 keeps only the newest key"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
now = [0.0]
cache = TTLCache(capacity=2, ttl=10, clock=lambda: now[0])
cache.set("a", None)
cache.set("b", 0)
assert cache.get("a", "default") is None, "a stored None is a value, not a miss"
cache.get("zzz")
assert cache.stats() == {"hits": 1, "misses": 1, "size": 2}, f"one hit, one miss, two live entries: got {cache.stats()}"
now[0] = 11.0
cache.get("a")  # expired: a miss
assert cache.stats() == {"hits": 1, "misses": 2, "size": 0}, f"'b' expired too, unread: size counts live entries only; got {cache.stats()}"

# %% course={"kind": "test", "points": 1}
now = [0.0]
cache = TTLCache(capacity=2, ttl=10, clock=lambda: now[0])
cache.set("a", 1)
now[0] = 5.0
cache.set("b", 2)
now[0] = 6.0
assert cache.get("a") == 1, "'a' is fresh, and now the most recently used ('b' is the oldest use)"
now[0] = 12.0  # 'a' (stored at 0) has expired; 'b' (stored at 5) has not
cache.set("c", 3)
assert cache.get("b") == 2 and cache.get("c") == 3, "a full cache first drops expired entries; only if still full does it evict the LRU ('b')"

# %% course={"kind": "wrong", "id": "fifo-not-lru", "fails": ["t3"]}
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        self._capacity, self._ttl, self._clock = capacity, ttl, clock
        self._data = OrderedDict()
        self._hits = self._misses = 0

    def set(self, key, value):
        if key not in self._data and len(self._data) >= self._capacity:
            self._purge()
            if len(self._data) >= self._capacity:
                self._data.popitem(last=False)
        self._data[key] = (value, self._clock())

    def get(self, key, default=None):
        entry = self._data.get(key)
        if entry is None or self._clock() - entry[1] >= self._ttl:
            self._data.pop(key, None)
            self._misses += 1
            return default
        self._hits += 1
        return entry[0]

    def delete(self, key):
        entry = self._data.pop(key, None)
        return entry is not None and self._clock() - entry[1] < self._ttl

    def __len__(self):
        self._purge()
        return len(self._data)

    def stats(self):
        return {"hits": self._hits, "misses": self._misses, "size": len(self)}

    def _purge(self):
        for key in [k for k, (_, t) in self._data.items() if self._clock() - t >= self._ttl]:
            del self._data[key]

# %% course={"kind": "wrong", "id": "expires-late", "fails": ["t2"]}
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        self._capacity, self._ttl, self._clock = capacity, ttl, clock
        self._data = OrderedDict()
        self._hits = self._misses = 0

    def _expired(self, stored_at):
        return self._clock() - stored_at > self._ttl

    def set(self, key, value):
        if key not in self._data and len(self._data) >= self._capacity:
            self._purge()
            if len(self._data) >= self._capacity:
                self._data.popitem(last=False)
        self._data[key] = (value, self._clock())
        self._data.move_to_end(key)

    def get(self, key, default=None):
        entry = self._data.get(key)
        if entry is None or self._expired(entry[1]):
            self._data.pop(key, None)
            self._misses += 1
            return default
        self._data.move_to_end(key)
        self._hits += 1
        return entry[0]

    def delete(self, key):
        entry = self._data.pop(key, None)
        return entry is not None and not self._expired(entry[1])

    def __len__(self):
        self._purge()
        return len(self._data)

    def stats(self):
        return {"hits": self._hits, "misses": self._misses, "size": len(self)}

    def _purge(self):
        for key in [k for k, (_, t) in self._data.items() if self._expired(t)]:
            del self._data[key]

# %% course={"kind": "wrong", "id": "none-is-miss", "fails": ["t4"]}
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        self._capacity, self._ttl, self._clock = capacity, ttl, clock
        self._values = OrderedDict()
        self._stored = {}
        self._hits = self._misses = 0

    def _expired(self, key):
        return self._clock() - self._stored[key] >= self._ttl

    def set(self, key, value):
        if key not in self._values and len(self._values) >= self._capacity:
            self._purge()
            if len(self._values) >= self._capacity:
                old, _ = self._values.popitem(last=False)
                del self._stored[old]
        self._values[key] = value
        self._stored[key] = self._clock()
        self._values.move_to_end(key)

    def get(self, key, default=None):
        value = self._values.get(key)
        if value is None or self._expired(key):
            self.delete(key)
            self._misses += 1
            return default
        self._values.move_to_end(key)
        self._hits += 1
        return value

    def delete(self, key):
        if key not in self._values:
            return False
        alive = not self._expired(key)
        del self._values[key], self._stored[key]
        return alive

    def __len__(self):
        self._purge()
        return len(self._values)

    def stats(self):
        return {"hits": self._hits, "misses": self._misses, "size": len(self)}

    def _purge(self):
        for key in [k for k in self._values if self._expired(k)]:
            del self._values[key], self._stored[key]

# %% course={"kind": "wrong", "id": "set-keeps-position", "fails": ["t3"]}
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        self._capacity, self._ttl, self._clock = capacity, ttl, clock
        self._data = OrderedDict()
        self._hits = self._misses = 0

    def _expired(self, stored_at):
        return self._clock() - stored_at >= self._ttl

    def set(self, key, value):
        if key not in self._data and len(self._data) >= self._capacity:
            self._purge()
            if len(self._data) >= self._capacity:
                self._data.popitem(last=False)
        self._data[key] = (value, self._clock())  # an existing key keeps its old place in the order

    def get(self, key, default=None):
        entry = self._data.get(key)
        if entry is None or self._expired(entry[1]):
            self._data.pop(key, None)
            self._misses += 1
            return default
        self._data.move_to_end(key)
        self._hits += 1
        return entry[0]

    def delete(self, key):
        entry = self._data.pop(key, None)
        return entry is not None and not self._expired(entry[1])

    def __len__(self):
        self._purge()
        return len(self._data)

    def stats(self):
        return {"hits": self._hits, "misses": self._misses, "size": len(self)}

    def _purge(self):
        for key in [k for k, (_, t) in self._data.items() if self._expired(t)]:
            del self._data[key]

# %% course={"kind": "wrong", "id": "evicts-before-purge", "fails": ["t5"]}
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        self._capacity, self._ttl, self._clock = capacity, ttl, clock
        self._data = OrderedDict()
        self._hits = self._misses = 0

    def _expired(self, stored_at):
        return self._clock() - stored_at >= self._ttl

    def set(self, key, value):
        if key not in self._data and len(self._data) >= self._capacity:
            self._data.popitem(last=False)  # evicts a live entry while an expired one takes up room
        self._data[key] = (value, self._clock())
        self._data.move_to_end(key)

    def get(self, key, default=None):
        entry = self._data.get(key)
        if entry is None or self._expired(entry[1]):
            self._data.pop(key, None)
            self._misses += 1
            return default
        self._data.move_to_end(key)
        self._hits += 1
        return entry[0]

    def delete(self, key):
        entry = self._data.pop(key, None)
        return entry is not None and not self._expired(entry[1])

    def __len__(self):
        self._purge()
        return len(self._data)

    def stats(self):
        return {"hits": self._hits, "misses": self._misses, "size": len(self)}

    def _purge(self):
        for key in [k for k, (_, t) in self._data.items() if self._expired(t)]:
            del self._data[key]

# %% course={"kind": "wrong", "id": "stale-size", "fails": ["t4"]}
import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        self._capacity, self._ttl, self._clock = capacity, ttl, clock
        self._data = OrderedDict()
        self._hits = self._misses = 0

    def _expired(self, stored_at):
        return self._clock() - stored_at >= self._ttl

    def set(self, key, value):
        if key not in self._data and len(self._data) >= self._capacity:
            self._purge()
            if len(self._data) >= self._capacity:
                self._data.popitem(last=False)
        self._data[key] = (value, self._clock())
        self._data.move_to_end(key)

    def get(self, key, default=None):
        entry = self._data.get(key)
        if entry is None or self._expired(entry[1]):
            self._data.pop(key, None)
            self._misses += 1
            return default
        self._data.move_to_end(key)
        self._hits += 1
        return entry[0]

    def delete(self, key):
        entry = self._data.pop(key, None)
        return entry is not None and not self._expired(entry[1])

    def __len__(self):
        self._purge()
        return len(self._data)

    def stats(self):
        return {"hits": self._hits, "misses": self._misses, "size": len(self._data)}  # counts expired entries

    def _purge(self):
        for key in [k for k, (_, t) in self._data.items() if self._expired(t)]:
            del self._data[key]

# %% [markdown] course={"kind": "exercise", "id": "config-manager", "item": "project-4-3-2"}
# ### Mini-project: Configuration Manager
#
# Build `Config(defaults, env=None, prefix="APP_")`, a hierarchical configuration with
# environment overrides:
#
# - `defaults` is a nested dict. `Config` keeps its **own deep copy**: later changes to
#   `defaults` must not leak in, and `Config` must never change it.
# - `get(path, default=None)` reads a dotted path such as `"database.host"`; any missing step
#   (or a step into something that is not a dict) gives `default`.
# - `env` is a dict of environment variables (pass `os.environ` in real use). A variable
#   `APP_DATABASE__PORT` overrides `database.port`: strip the prefix, split on **double**
#   underscores, lower-case the parts. Variables without the prefix (or with nothing after it)
#   are ignored.
# - An override is converted to the **type of the default it replaces**: `int`, `float`, or
#   `bool` (`true/yes/1/on` and `false/no/0/off`, any case, surrounding spaces ignored as `int()`
#   and `float()` ignore them); a value that does not convert raises
#   `ValueError` naming the variable. Overrides for paths with no default are stored as strings.
# - `validate(schema)` takes `{path: type}` and returns a **sorted** list of problems, each
#   `"<path>: missing"` or `"<path>: expected <type>, got <type>"` (type names via `__name__`).
#
# ```python
# cfg = Config({"database": {"host": "localhost", "port": 5432}, "debug": False},
#              env={"APP_DATABASE__PORT": "6543", "APP_DEBUG": "yes", "HOME": "/root"})
# cfg.get("database.port")   # 6543 (an int)
# cfg.get("debug")           # True
# cfg.validate({"database.host": str, "database.user": str})   # ['database.user: missing']
# ```

# %% [markdown] course={"kind": "hint"}
# Write one private helper that walks a list of keys (`path.split(".")`) through nested dicts;
# `get` uses it to read. To apply an override, walk (creating dicts with `setdefault`) down to
# the parent of the last key, then look at the old value there.

# %% [markdown] course={"kind": "hint"}
# Check `bool` **before** `int` when converting: `isinstance(True, int)` is `True`. A missing
# path and a stored `None` are different: use a private sentinel object for "missing".

# %% course={"kind": "solution"}
import copy

_MISSING = object()


class Config:
    """Nested defaults, overridden by prefixed environment variables, read by dotted paths."""

    def __init__(self, defaults: dict, env: dict | None = None, prefix: str = "APP_"):
        ### BEGIN SOLUTION
        self._data = copy.deepcopy(defaults)
        for name, raw in (env or {}).items():
            if name.startswith(prefix) and len(name) > len(prefix):
                keys = [part.lower() for part in name[len(prefix):].split("__")]
                self._override(name, keys, raw)
        ### END SOLUTION

    def get(self, path: str, default=None):
        ### BEGIN SOLUTION
        value = self._lookup(path.split("."))
        return default if value is _MISSING else value
        ### END SOLUTION

    def validate(self, schema: dict) -> list[str]:
        ### BEGIN SOLUTION
        problems = []
        for path, expected in schema.items():
            value = self._lookup(path.split("."))
            if value is _MISSING:
                problems.append(f"{path}: missing")
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                problems.append(f"{path}: expected {expected.__name__}, got {type(value).__name__}")
        return sorted(problems)
        ### END SOLUTION

    def _lookup(self, keys: list[str]):
        """The value at the end of ``keys``, or ``_MISSING``."""
        ### BEGIN SOLUTION
        node = self._data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return _MISSING
            node = node[key]
        return node
        ### END SOLUTION

    def _override(self, name: str, keys: list[str], raw: str) -> None:
        """Store the environment value ``raw`` (from variable ``name``) at the path ``keys``."""
        ### BEGIN SOLUTION
        node = self._data
        for key in keys[:-1]:
            child = node.get(key)
            if not isinstance(child, dict):
                child = node[key] = {}
            node = child
        old = node.get(keys[-1], _MISSING)
        node[keys[-1]] = _convert(name, raw, old)
        ### END SOLUTION


def _convert(name: str, raw: str, old):
    """``raw`` converted to the type of ``old`` (bool, int or float); other types keep the string."""
    ### BEGIN SOLUTION
    if isinstance(old, bool):
        word = raw.strip().lower()
        if word in ("true", "yes", "1", "on"):
            return True
        if word in ("false", "no", "0", "off"):
            return False
        raise ValueError(f"{name}={raw!r} is not a boolean")
    if isinstance(old, (int, float)):
        try:
            return type(old)(raw)
        except ValueError:
            raise ValueError(f"{name}={raw!r} is not a valid {type(old).__name__}") from None
    return raw
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
cfg = Config({"database": {"host": "localhost", "port": 5432}, "debug": False})
assert cfg.get("database.host") == "localhost", "dotted paths reach nested values"
assert cfg.get("database") == {"host": "localhost", "port": 5432}, "a path may stop at a dict"
assert cfg.get("database.user") is None and cfg.get("database.user", "app") == "app", "missing -> default"
assert cfg.get("debug.level", "x") == "x", "stepping into a non-dict value is missing too"
cfg = Config({"name": None, "workers": 0, "label": "", "debug": False})
assert cfg.get("name", "x") is None and cfg.get("workers", 5) == 0, "a stored None or 0 is a value, not a missing path"
assert cfg.get("label", "?") == "" and cfg.get("debug", True) is False, "a stored '' or False is a value too"

# %% course={"kind": "test", "points": 2}
env = {"APP_DATABASE__PORT": "6543", "APP_DATABASE__HOST": "db.prod", "APP_RATIO": "0.5", "HOME": "/root"}
cfg = Config({"database": {"host": "localhost", "port": 5432}, "ratio": 1.0, "home": "?"}, env=env)
assert cfg.get("database.port") == 6543 and type(cfg.get("database.port")) is int, "convert to the default's type (int)"
assert cfg.get("database.host") == "db.prod", "strings stay strings"
assert cfg.get("ratio") == 0.5, "floats convert too"
assert cfg.get("home") == "?", "variables without the prefix are ignored"

# %% course={"kind": "test", "points": 2}
env = {"APP_DEBUG": "Yes", "APP_CACHE__ENABLED": "off", "APP_FEATURES__NEW_UI": "on"}
cfg = Config({"debug": False, "cache": {"enabled": True}, "features": {"new_ui": False}}, env=env)
assert cfg.get("debug") is True and cfg.get("cache.enabled") is False, "booleans: yes/no, on/off, any case"
assert cfg.get("features.new_ui") is True, "single underscores stay inside a key; only __ separates levels"
try:
    Config({"workers": 2}, env={"APP_WORKERS": "many"})
except ValueError as err:
    assert "APP_WORKERS" in str(err), "the error names the variable"
else:
    raise AssertionError("a value that does not convert must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    Config({"debug": False}, env={"APP_DEBUG": "maybe"})
except ValueError:
    pass
else:
    raise AssertionError("'maybe' is not a boolean")
cfg = Config({}, env={"APP_SERVICE__NAME": "api", "APP_": "nothing"}, prefix="APP_")
assert cfg.get("service.name") == "api", "overrides without a default are added as strings"
assert cfg.get("") is None and cfg.validate({"": str}) == [": missing"], "a variable that is only the prefix names no setting"
cfg = Config({"debug": False, "port": 1}, env={"APP_DEBUG": " On ", "APP_PORT": " 8080 "})
assert cfg.get("debug") is True and cfg.get("port") == 8080, "spaces around a boolean are ignored, as int() ignores them"
cfg = Config({"x": 1}, env={"SVC_X": "2", "APP_X": "3"}, prefix="SVC_")
assert cfg.get("x") == 2, "use the prefix given"
cfg = Config({"x": 1, "name": "api"}, env={"app_x": "2", "APP_NAME": ""})
assert cfg.get("x") == 1, "the prefix is case-sensitive, like environment variable names"
assert cfg.get("name") == "", "an empty value still overrides a string default"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import copy

defaults = {"database": {"host": "localhost", "port": 5432}, "tags": ["a"]}
before = copy.deepcopy(defaults)
cfg = Config(defaults, env={"APP_DATABASE__PORT": "1"})
assert defaults == before, "Config must not change the defaults it was given"
defaults["database"]["host"] = "changed later"
assert cfg.get("database.host") == "localhost", "Config keeps its own deep copy"
assert cfg.get("database.port") == 1, 'the override still applies (converted to int)'

# %% course={"kind": "test", "points": 2}
cfg = Config({"database": {"host": "localhost", "port": 5432}, "debug": False, "name": None},
             env={"APP_DATABASE__PORT": "6543"})
schema = {"database.port": int, "database.host": str, "database.user": str, "debug": int, "name": str, "a.b": int}
assert cfg.validate(schema) == [
    "a.b: missing",
    "database.user: missing",
    "debug: expected int, got bool",
    "name: expected str, got NoneType",
], f"got {cfg.validate(schema)}"
assert cfg.validate({"database.port": int}) == [], "a valid config has no problems"

# %% course={"kind": "wrong", "id": "no-conversion", "fails": ["t2", "t3", "t4", "t5"]}
import copy


class Config:
    def __init__(self, defaults, env=None, prefix="APP_"):
        self._data = copy.deepcopy(defaults)
        for name, raw in (env or {}).items():
            if name.startswith(prefix):
                keys = [p.lower() for p in name[len(prefix):].split("__")]
                node = self._data
                for key in keys[:-1]:
                    node = node.setdefault(key, {})
                node[keys[-1]] = raw

    def get(self, path, default=None):
        node = self._data
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def validate(self, schema):
        problems = []
        for path, expected in schema.items():
            marker = object()
            value = self.get(path, marker)
            if value is marker:
                problems.append(f"{path}: missing")
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                problems.append(f"{path}: expected {expected.__name__}, got {type(value).__name__}")
        return sorted(problems)

# %% course={"kind": "wrong", "id": "shallow-copy", "fails": ["t4"]}
import copy
class Config:
    def __init__(self, defaults, env=None, prefix="APP_"):
        self._data = dict(defaults)
        for name, raw in (env or {}).items():
            if name.startswith(prefix) and len(name) > len(prefix):
                keys = [p.lower() for p in name[len(prefix):].split("__")]
                node = self._data
                for key in keys[:-1]:
                    node = node.setdefault(key, {})
                old = node.get(keys[-1])
                if isinstance(old, bool):
                    value = raw.strip().lower()
                    if value not in ("true", "yes", "1", "on", "false", "no", "0", "off"):
                        raise ValueError(f"{name}: not a boolean")
                    node[keys[-1]] = value in ("true", "yes", "1", "on")
                elif isinstance(old, (int, float)):
                    try:
                        node[keys[-1]] = type(old)(raw)
                    except ValueError:
                        raise ValueError(f"{name}: bad number") from None
                else:
                    node[keys[-1]] = raw

    def get(self, path, default=None):
        node = self._data
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def validate(self, schema):
        problems = []
        for path, expected in schema.items():
            marker = object()
            value = self.get(path, marker)
            if value is marker:
                problems.append(f"{path}: missing")
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                problems.append(f"{path}: expected {expected.__name__}, got {type(value).__name__}")
        return sorted(problems)

# %% course={"kind": "wrong", "id": "bool-of-string", "fails": ["t3"]}
import copy


class Config:
    def __init__(self, defaults, env=None, prefix="APP_"):
        self._data = copy.deepcopy(defaults)
        for name, raw in (env or {}).items():
            if name.startswith(prefix) and len(name) > len(prefix):
                keys = [p.lower() for p in name[len(prefix):].split("__")]
                node = self._data
                for key in keys[:-1]:
                    node = node.setdefault(key, {})
                old = node.get(keys[-1])
                if isinstance(old, (bool, int, float)):
                    try:
                        node[keys[-1]] = type(old)(raw)
                    except ValueError:
                        raise ValueError(f"{name}: cannot convert {raw!r}") from None
                else:
                    node[keys[-1]] = raw

    def get(self, path, default=None):
        node = self._data
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def validate(self, schema):
        problems = []
        for path, expected in schema.items():
            marker = object()
            value = self.get(path, marker)
            if value is marker:
                problems.append(f"{path}: missing")
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                problems.append(f"{path}: expected {expected.__name__}, got {type(value).__name__}")
        return sorted(problems)

# %% course={"kind": "wrong", "id": "none-is-missing", "fails": ["t1", "t5"]}
import copy


class Config:
    def __init__(self, defaults, env=None, prefix="APP_"):
        self._data = copy.deepcopy(defaults)
        for name, raw in (env or {}).items():
            if name.startswith(prefix) and len(name) > len(prefix):
                keys = [p.lower() for p in name[len(prefix):].split("__")]
                node = self._data
                for key in keys[:-1]:
                    node = node.setdefault(key, {})
                old = node.get(keys[-1])
                if isinstance(old, bool):
                    word = raw.strip().lower()
                    if word not in ("true", "yes", "1", "on", "false", "no", "0", "off"):
                        raise ValueError(f"{name}: not a boolean")
                    node[keys[-1]] = word in ("true", "yes", "1", "on")
                elif isinstance(old, (int, float)):
                    try:
                        node[keys[-1]] = type(old)(raw)
                    except ValueError:
                        raise ValueError(f"{name}: bad number") from None
                else:
                    node[keys[-1]] = raw

    def get(self, path, default=None):
        node = self._data
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
            if node is None:  # a stored None looks exactly like a missing key
                return default
        return node

    def validate(self, schema):
        problems = []
        for path, expected in schema.items():
            marker = object()
            value = self.get(path, marker)
            if value is marker:
                problems.append(f"{path}: missing")
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                problems.append(f"{path}: expected {expected.__name__}, got {type(value).__name__}")
        return sorted(problems)

# %% [markdown] course={"kind": "task", "id": "config-real-env", "item": "project-4-3-2", "points": 2}
# ### Drive your Config from a real shell
#
# Save `Config` in `appconfig.py` with a small `main()` that builds
# `Config({"database": {"host": "localhost", "port": 5432}, "debug": False}, env=os.environ)` and
# prints `database.host`, `database.port` (with its type) and `debug`. Run it twice from a
# terminal: once plainly, once as
# `APP_DATABASE__PORT=6543 APP_DEBUG=yes python3 appconfig.py`. Paste both outputs, then run it
# with `APP_DATABASE__PORT=oops` and paste the error.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: both runs shown; the second prints `6543` as an `int` and `True` for debug, taken
#   from the real environment (not a hard-coded dict).
# - 1 point: the `oops` run fails with a `ValueError` that names `APP_DATABASE__PORT`.

# %% [markdown] course={"kind": "exercise", "id": "spare-disks", "item": "dsa-collections-counter"}
# ### Problem: Spare-parts counter (after HackerRank's *collections.Counter()*)
#
# A data-centre store keeps spare disks; `stock` lists the size (in TB) of every disk on the
# shelf, with repeats. Each order is a `(size, price)` pair: if a disk of that size is left, it
# is sold for `price` and leaves the shelf; otherwise the order is skipped. Write
# `sales_total(stock, orders)` that returns the money taken. Do not change the `stock` list you
# are given.
#
# ```python
# sales_total([2, 4, 4, 8], [(4, 90), (4, 85), (4, 80), (16, 300), (2, 40)])   # 215
# ```

# %% [markdown] course={"kind": "hint"}
# `Counter(stock)` tells you how many disks of each size are left; decrease the count on a sale.

# %% [markdown] course={"kind": "hint"}
# A sale happens only when `left[size] > 0` (a `Counter` reads a missing size as `0`).

# %% course={"kind": "solution"}
from collections import Counter


def sales_total(stock: list[int], orders: list[tuple[int, int]]) -> int:
    """Money taken when each order buys one disk of its size, while any are left."""
    ### BEGIN SOLUTION
    left = Counter(stock)
    total = 0
    for size, price in orders:
        if left[size] > 0:
            left[size] -= 1
            total += price
    return total
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert sales_total([2, 4, 4, 8], [(4, 90), (4, 85), (4, 80), (16, 300), (2, 40)]) == 215, "two 4 TB disks and one 2 TB disk sell"

# %% course={"kind": "test", "points": 2}
import copy

stock = [1, 1, 2]
before = copy.deepcopy(stock)
assert sales_total(stock, [(1, 10), (1, 10), (1, 10), (3, 99)]) == 20, "only as many sales as disks on the shelf"
assert stock == before, "the stock list you were given must not change"
### BEGIN HIDDEN TESTS
assert sales_total([], [(1, 5)]) == 0, "an empty shelf sells nothing"
assert sales_total([5, 5], []) == 0, "no orders, no money"
assert sales_total([3] * 1000, [(3, 2)] * 1500) == 2000, "1000 disks, 1500 orders"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mutates-stock", "fails": ["t2"]}
def sales_total(stock, orders):
    total = 0
    for size, price in orders:
        if size in stock:
            stock.remove(size)
            total += price
    return total

# %% course={"kind": "wrong", "id": "never-runs-out", "fails": ["t1", "t2"]}
def sales_total(stock, orders):
    sizes = set(stock)
    return sum(price for size, price in orders if size in sizes)

# %% [markdown] course={"kind": "exercise", "id": "word-positions", "item": "dsa-defaultdict-tutorial"}
# ### Problem: Where did each word appear? (after HackerRank's *DefaultDict Tutorial*)
#
# Write `word_positions(seen, queries)`. `seen` is a list of words, with repeats; for each word
# in `queries`, in order, give the list of **1-based** positions where it occurs in `seen`, or
# `[-1]` when it never does. Return the list of answers.
#
# ```python
# word_positions(["db", "api", "db", "cache"], ["db", "web", "cache"])
# # [[1, 3], [-1], [4]]
# ```

# %% [markdown] course={"kind": "hint"}
# One pass over `seen` with `enumerate(seen, start=1)` can fill a `defaultdict(list)` with every
# word's positions.

# %% [markdown] course={"kind": "hint"}
# Answer the queries with `.get(word, [-1])` (or `in`) so that asking does not create entries.

# %% course={"kind": "solution"}
from collections import defaultdict


def word_positions(seen: list[str], queries: list[str]) -> list[list[int]]:
    """1-based positions of each query word in ``seen``, or [-1] when absent."""
    ### BEGIN SOLUTION
    where = defaultdict(list)
    for position, word in enumerate(seen, start=1):
        where[word].append(position)
    return [list(where[q]) if q in where else [-1] for q in queries]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = word_positions(["db", "api", "db", "cache"], ["db", "web", "cache"])
assert result == [[1, 3], [-1], [4]], f"got {result}"

# %% course={"kind": "test", "points": 2}
seen = ["a", "b", "a", "a", "c", "b"]
result = word_positions(seen, ["a", "b", "a", "z", "c"])
assert result == [[1, 3, 4], [2, 6], [1, 3, 4], [-1], [5]], f"every position, 1-based, for every query (repeats too): got {result}"
### BEGIN HIDDEN TESTS
assert word_positions([], ["x"]) == [[-1]], "nothing seen"
assert word_positions(["x"], []) == [], "no queries"
assert word_positions(["Db", "db"], ["db"]) == [[2]], "words are case-sensitive"
result = word_positions(["a"], ["a", "a"])
result[0].append(99)
assert result[1] == [1], "each answer is its own list"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zero-based", "fails": ["t1", "t2"]}
from collections import defaultdict


def word_positions(seen, queries):
    where = defaultdict(list)
    for position, word in enumerate(seen):
        where[word].append(position)
    return [where[q] if q in where else [-1] for q in queries]

# %% course={"kind": "wrong", "id": "first-only", "fails": ["t1", "t2"]}
def word_positions(seen, queries):
    return [[seen.index(q) + 1] if q in seen else [-1] for q in queries]

# %% [markdown] course={"kind": "exercise", "id": "two-sum", "item": "dsa-two-sum"}
# ### Problem: Two jobs that fill the slot (after LeetCode's *Two Sum*)
#
# A maintenance window has `target` minutes and `durations` lists how long each job takes.
# Exactly one pair of **different** jobs fills the window exactly. Write
# `pair_filling(durations, target)` that returns their positions as a tuple `(i, j)` with `i < j`.
#
# Aim for **one pass**: remember each duration's position in a dict, and for every new job ask
# whether its complement `target - d` has been seen. The last test hands you numbers that count
# their own comparisons, hashes and subtractions, and fails a loop inside a loop.
#
# ```python
# pair_filling([30, 45, 10, 20], 55)   # (1, 2): 45 + 10
# ```

# %% [markdown] course={"kind": "hint"}
# Loop with `for j, d in enumerate(durations):` and keep `seen = {duration: position}`.

# %% [markdown] course={"kind": "hint"}
# Check `target - d in seen` **before** storing `d`, so a job never pairs with itself; then
# return `(seen[target - d], j)`.

# %% course={"kind": "solution", "equivalent": {"m-402b1115": "the prompt guarantees exactly one pair, so the final raise is never reached"}}
def pair_filling(durations: list[int], target: int) -> tuple[int, int]:
    """Positions (i, j), i < j, of the two durations that add up to ``target``."""
    ### BEGIN SOLUTION
    seen: dict[int, int] = {}
    for j, d in enumerate(durations):
        need = target - d
        if need in seen:
            return (seen[need], j)
        seen[d] = j
    raise ValueError("no pair adds up to the target")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = pair_filling([30, 45, 10, 20], 55)
assert result == (1, 2) and type(result) is tuple, f"45 + 10 = 55: expected the tuple (1, 2), got {result!r}"
assert pair_filling([5, 9, 2, 3], 8) == (0, 3), "5 + 3 = 8"

# %% course={"kind": "test", "points": 1}
assert pair_filling([3, 5, 3], 6) == (0, 2), "two different jobs may have the same duration"
assert pair_filling([4, 2, 6], 8) == (1, 2), "a job cannot pair with itself (4 + 4 is not allowed)"
### BEGIN HIDDEN TESTS
assert pair_filling([-3, 10, 7], 4) == (0, 2), "negative numbers work too"
assert pair_filling([0, 0], 0) == (0, 1), 'two zeros fill a window of 0'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 2000
meter = Meter(limit=20 * n)
Num = metered_int_type(meter)
durations = [Num(10 * k) for k in range(n - 2)] + [Num(1), Num(2)]  # the only pair is at the very end
assert pair_filling(durations, 3) == (n - 2, n - 1), "the pair is the last two jobs"
print(f"{meter.count} basic operations for {n} jobs")

# %% course={"kind": "wrong", "id": "nested-loops", "fails": ["t3"]}
def pair_filling(durations, target):
    for i in range(len(durations)):
        for j in range(i + 1, len(durations)):
            if durations[i] + durations[j] == target:
                return (i, j)

# %% course={"kind": "wrong", "id": "returns-list", "fails": ["t1", "t2", "t3"]}
def pair_filling(durations, target):
    seen = {}
    for j, d in enumerate(durations):
        if target - d in seen:
            return [seen[target - d], j]
        seen[d] = j

# %% course={"kind": "wrong", "id": "pairs-with-itself", "fails": ["t2"]}
def pair_filling(durations, target):
    seen = {d: i for i, d in enumerate(durations)}
    for i, d in enumerate(durations):
        if target - d in seen:
            return (i, seen[target - d])

# %% [markdown] course={"kind": "exercise", "id": "anagram", "item": "dsa-valid-anagram"}
# ### Problem: Same letters, new order (after LeetCode's *Valid Anagram*)
#
# Two generated resource names are "shuffles" of each other when one uses exactly the same
# characters as the other, each the same number of times, in any order. Write
# `is_shuffle(a, b)`. Characters are compared exactly (case and accents matter).
#
# Aim for O(n): count characters instead of searching the string once per character. The last
# test counts character reads and comparisons and stops an answer that grows like n².
#
# ```python
# is_shuffle("listen", "silent")   # True
# is_shuffle("aab", "abb")         # False: same letters, different counts
# ```

# %% [markdown] course={"kind": "hint"}
# Different lengths can never match. Otherwise compare `Counter(a)` with `Counter(b)`.

# %% course={"kind": "solution"}
from collections import Counter


def is_shuffle(a: str, b: str) -> bool:
    """Whether ``b`` uses exactly the characters of ``a`` with the same counts."""
    ### BEGIN SOLUTION
    return len(a) == len(b) and Counter(a) == Counter(b)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_shuffle("listen", "silent") is True, "listen / silent"
assert is_shuffle("rat", "car") is False, "rat / car"

# %% course={"kind": "test", "points": 1}
assert is_shuffle("aab", "abb") is False, "same set of letters, different counts"
assert is_shuffle("ab", "abc") is False, "different lengths"
### BEGIN HIDDEN TESTS
assert is_shuffle("", "") is True, "two empty names are shuffles of each other"
assert is_shuffle("Ab", "ab") is False, "case matters"
assert is_shuffle("été", "éét") is True and is_shuffle("été", "ete") is False, "accented letters are their own characters"
assert is_shuffle("🚀a🚀", "a🚀🚀") is True, 'emoji are characters like any other'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random

n = 2000
rng = random.Random(42)
letters = [rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n)]
shuffled = letters[:]
rng.shuffle(shuffled)
meter = Meter(limit=80 * n)
Text = metered_str_type(meter)
assert is_shuffle(Text("".join(letters)), Text("".join(shuffled))) is True, 'a shuffled copy uses the same characters'
print(f"{meter.count} basic operations for two strings of {n} characters")

# %% course={"kind": "wrong", "id": "same-set", "fails": ["t2"]}
def is_shuffle(a, b):
    return set(a) == set(b)

# %% course={"kind": "wrong", "id": "count-per-char", "fails": ["t3"]}
def is_shuffle(a, b):
    if len(a) != len(b):
        return False
    return all(a.count(ch) == b.count(ch) for ch in a)

# %% [markdown] course={"kind": "exercise", "id": "isomorphic", "item": "dsa-isomorphic-strings"}
# ### Problem: Same shape (after LeetCode's *Isomorphic Strings*)
#
# Two strings have the **same shape** when you can turn one into the other by replacing
# characters consistently: every occurrence of a character becomes the same character, and no
# two different characters become the same one. Write `same_shape(a, b)`.
#
# ```python
# same_shape("eggs", "teen")   # True: e->t, g->e, s->n
# same_shape("ab", "aa")       # False: a and b cannot both become a
# ```
#
# Aim for O(n). The last test uses long strings made of thousands of different characters and
# counts every character read, so searching the string again for each character fails it.

# %% [markdown] course={"kind": "hint"}
# Keep two dicts: `a_to_b` and `b_to_a`. Walk both strings together with `zip`.

# %% [markdown] course={"kind": "hint"}
# For a pair `(x, y)`: if `x` is already mapped to something other than `y`, or `y` to something
# other than `x`, the answer is `False`. Check the lengths first.

# %% course={"kind": "solution"}
def same_shape(a: str, b: str) -> bool:
    """Whether a consistent one-to-one character replacement turns ``a`` into ``b``."""
    ### BEGIN SOLUTION
    if len(a) != len(b):
        return False
    a_to_b: dict[str, str] = {}
    b_to_a: dict[str, str] = {}
    for x, y in zip(a, b):
        if a_to_b.setdefault(x, y) != y or b_to_a.setdefault(y, x) != x:
            return False
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert same_shape("eggs", "teen") is True, "eggs / teen: both are 0-1-1-2"
assert same_shape("paper", "title") is True, "paper / title"
assert same_shape("foo", "bar") is False, "foo / bar: o would have to become both a and r"

# %% course={"kind": "test", "points": 2}
assert same_shape("ab", "aa") is False, "a->a and b->a: two characters cannot become the same one"
assert same_shape("aa", "ab") is False, "a cannot become both a and b"
assert same_shape("abc", "ab") is False and same_shape("ab", "abc") is False, "different lengths never have the same shape (zip stops at the shorter one)"
### BEGIN HIDDEN TESTS
assert same_shape("", "") is True, "two empty strings"
assert same_shape("añá", "xyz") is True and same_shape("ñññ", "ttt") is True, 'accented letters map like any others'
assert same_shape("badc", "baba") is False, 'b->b, a->a, d->b clashes with b->b'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 1500
meter = Meter(limit=30 * n)
Text = metered_str_type(meter)
a = "".join(chr(0x4E00 + k) for k in range(n)) * 2
b = "".join(chr(0x5E00 + k) for k in range(n)) * 2
assert same_shape(Text(a), Text(b)) is True, 'the two long strings have the same shape'
print(f"{meter.count} basic operations for strings of {2 * n} characters")

# %% course={"kind": "wrong", "id": "one-direction", "fails": ["t2"]}
def same_shape(a, b):
    if len(a) != len(b):
        return False
    mapping = {}
    for x, y in zip(a, b):
        if mapping.setdefault(x, y) != y:
            return False
    return True

# %% course={"kind": "wrong", "id": "no-length-check", "fails": ["t2"]}
def same_shape(a, b):
    a_to_b, b_to_a = {}, {}
    for x, y in zip(a, b):
        if a_to_b.setdefault(x, y) != y or b_to_a.setdefault(y, x) != x:
            return False
    return True

# %% course={"kind": "wrong", "id": "first-index-pattern", "fails": ["t3"]}
def same_shape(a, b):
    return len(a) == len(b) and [a.index(c) for c in a] == [b.index(c) for c in b]

# %% [markdown] course={"kind": "exercise", "id": "word-pattern", "item": "dsa-word-pattern"}
# ### Problem: Does the sentence follow the pattern? (after LeetCode's *Word Pattern*)
#
# A pattern like `"abba"` describes a sentence whose words go "first, second, second, first".
# Write `follows(pattern, sentence)`: `True` when there is a **one-to-one** match between the
# pattern's letters and the sentence's words (split on whitespace), with the same number of
# each.
#
# ```python
# follows("abba", "deploy test test deploy")   # True
# follows("abba", "deploy test test rollback") # False
# follows("ab", "deploy deploy")                # False: a and b cannot both be 'deploy'
# ```

# %% [markdown] course={"kind": "hint"}
# `words = sentence.split()`; if `len(words) != len(pattern)` stop right away (`zip` would
# quietly ignore the extra items).

# %% [markdown] course={"kind": "hint"}
# Same idea as *Same shape*: two dicts, letter -> word and word -> letter.

# %% course={"kind": "solution"}
def follows(pattern: str, sentence: str) -> bool:
    """Whether the words of ``sentence`` match ``pattern`` letter for word, one to one."""
    ### BEGIN SOLUTION
    words = sentence.split()
    if len(words) != len(pattern):
        return False
    letter_to_word: dict[str, str] = {}
    word_to_letter: dict[str, str] = {}
    for letter, word in zip(pattern, words):
        if letter_to_word.setdefault(letter, word) != word:
            return False
        if word_to_letter.setdefault(word, letter) != letter:
            return False
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert follows("abba", "deploy test test deploy") is True, 'a=deploy, b=test'
assert follows("abba", "deploy test test rollback") is False, "the last word must be 'deploy' again"

# %% course={"kind": "test", "points": 1}
assert follows("ab", "deploy deploy") is False, "two letters cannot share one word"
assert follows("aa", "deploy test") is False, "one letter cannot stand for two words"

# %% course={"kind": "test", "points": 1}
assert follows("aaa", "deploy deploy deploy deploy") is False, "one word too many"
assert follows("abc", "x y") is False, "one word too few"
### BEGIN HIDDEN TESTS
assert follows("", "") is True, "an empty pattern matches an empty sentence"
assert follows("a", "") is False, 'one letter needs one word'
assert follows("abab", "  up\tdown up   down ") is True, "any whitespace separates words"
assert follows("ab", "Up up") is True, "words are case-sensitive"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zip-no-length", "fails": ["t3"]}
def follows(pattern, sentence):
    letter_to_word, word_to_letter = {}, {}
    for letter, word in zip(pattern, sentence.split()):
        if letter_to_word.setdefault(letter, word) != word:
            return False
        if word_to_letter.setdefault(word, letter) != letter:
            return False
    return True

# %% course={"kind": "wrong", "id": "letters-only", "fails": ["t2"]}
def follows(pattern, sentence):
    words = sentence.split()
    if len(words) != len(pattern):
        return False
    letter_to_word = {}
    for letter, word in zip(pattern, words):
        if letter_to_word.setdefault(letter, word) != word:
            return False
    return True

# %% [markdown] course={"kind": "exercise", "id": "lru-cache", "item": "dsa-lru-cache"}
# ### Problem: Least-recently-used cache (after LeetCode's *LRU Cache*)
#
# Write a class `LRUCache(capacity)` with two methods that each take **O(1)** time:
#
# - `get(key)` returns the stored value, or `None` when the key is not there; a successful
#   `get` makes the key the most recently used;
# - `put(key, value)` stores or replaces the value and makes the key the most recently used;
#   if that pushes the cache over `capacity`, remove the **least** recently used key.
#
# ```python
# cache = LRUCache(2)
# cache.put("a", 1); cache.put("b", 2)
# cache.get("a")        # 1  ('b' is now the least recently used)
# cache.put("c", 3)     # evicts 'b'
# cache.get("b")        # None
# ```
#
# The last test uses keys that count their own comparisons: keeping the usage order in a list
# (and calling `list.remove`) is O(capacity) per call and fails it.

# %% [markdown] course={"kind": "hint"}
# `collections.OrderedDict` keeps keys in order and has `move_to_end(key)` and
# `popitem(last=False)`, both O(1).

# %% [markdown] course={"kind": "hint"}
# A plain dict works too: `value = d.pop(key)` then `d[key] = value` moves a key to the end, and
# `next(iter(d))` is the oldest key.

# %% course={"kind": "solution"}
from collections import OrderedDict


class LRUCache:
    """A fixed-size cache that evicts the least recently used key."""

    def __init__(self, capacity: int):
        ### BEGIN SOLUTION
        self.capacity = capacity
        self._data: OrderedDict = OrderedDict()
        ### END SOLUTION

    def get(self, key):
        ### BEGIN SOLUTION
        if key not in self._data:
            return None
        self._data.move_to_end(key)
        return self._data[key]
        ### END SOLUTION

    def put(self, key, value) -> None:
        ### BEGIN SOLUTION
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
cache = LRUCache(2)
cache.put("a", 1)
cache.put("b", 2)
assert cache.get("a") == 1, "get returns the stored value"
cache.put("c", 3)
assert cache.get("b") is None, "'b' was least recently used and is evicted"
assert cache.get("a") == 1 and cache.get("c") == 3, "'a' (recently used) and 'c' (new) stay"

# %% course={"kind": "test", "points": 2}
cache = LRUCache(2)
cache.put("a", 1)
cache.put("b", 2)
cache.put("a", 10)  # replacing also counts as a use
cache.put("c", 3)
assert cache.get("a") == 10, "put on an existing key replaces it and makes it recent"
assert cache.get("b") is None, "so 'b' is the one evicted"
### BEGIN HIDDEN TESTS
one = LRUCache(1)
one.put("x", 1)
one.put("y", 2)
assert one.get("x") is None and one.get("y") == 2, "capacity 1"
cache = LRUCache(2)
cache.put("k", None)
cache.put("j", 0)
assert cache.get("k") is None and cache.get("j") == 0, 'stored None and 0 come back as they are'
cache.put("k", 5)
cache.put("m", 6)
assert cache.get("j") is None and cache.get("k") == 5, "'j' was older than 'k'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
capacity, calls = 1000, 3000
meter = Meter(limit=20 * calls)
Key = metered_int_type(meter)
keys = [Key(k) for k in range(2 * capacity)]
cache = LRUCache(capacity)
for k in keys[:capacity]:
    cache.put(k, int(k))
for step in range(calls):
    k = keys[(step * 7) % (2 * capacity)]
    if cache.get(k) is None:
        cache.put(k, int(k))
print(f"{meter.count} basic operations for {calls} rounds on a cache of {capacity}")

# %% course={"kind": "wrong", "id": "list-order", "fails": ["t3"]}
class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self._data = {}
        self._order = []

    def get(self, key):
        if key not in self._data:
            return None
        self._order.remove(key)
        self._order.append(key)
        return self._data[key]

    def put(self, key, value):
        if key in self._data:
            self._order.remove(key)
        self._data[key] = value
        self._order.append(key)
        if len(self._order) > self.capacity:
            del self._data[self._order.pop(0)]

# %% course={"kind": "wrong", "id": "get-does-not-refresh", "fails": ["t1", "t2"]}
from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self._data = OrderedDict()

    def get(self, key):
        return self._data.get(key)

    def put(self, key, value):
        self._data[key] = value
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

# %% [markdown] course={"kind": "exercise", "id": "bucket-map", "item": "dsa-design-hashmap"}
# ### Problem: Build your own hash map (after LeetCode's *Design HashMap*)
#
# Build `BucketMap`, a hash table **without** using `dict` or `set` inside it:
#
# - the table is a list of **buckets** (lists); a key lives in bucket
#   `hash(key) % number_of_buckets`, as a `[key, value]` pair;
# - `put(key, value)` adds or replaces; `get(key, default=None)`; `remove(key)` returns `True`
#   if the key was there; `len(m)` is the number of keys;
# - as it fills, the table grows so that buckets stay short. The usual rule: start with 8
#   buckets and, when the number of keys would pass **0.75 × the number of buckets**, double
#   them and place every pair again. (The tests check that buckets stay short, not these exact
#   numbers.)
#
# ```python
# m = BucketMap()
# m.put("web-1", "10.0.0.5"); m.put("web-1", "10.0.0.9")
# m.get("web-1"), len(m)    # ('10.0.0.9', 1)
# m.remove("web-1"), m.get("web-1", "gone")   # (True, 'gone')
# ```
#
# Keys are compared with `==`, and only within one bucket. The last test counts comparisons over
# 2000 keys: without resizing, buckets grow long and it fails.

# %% [markdown] course={"kind": "hint"}
# Store `self._buckets = [[] for _ in range(8)]` (never `[[]] * 8`: that is one list eight
# times). A helper `_bucket(key)` returns `self._buckets[hash(key) % len(self._buckets)]`.

# %% [markdown] course={"kind": "hint"}
# To resize, keep the old buckets, make twice as many empty ones, and `put` every old pair into
# the new buckets.

# %% course={"kind": "solution", "equivalent": {"m-1a69fb92": "7 starting buckets instead of 8: same results, buckets still short (the count is a design choice the prompt leaves open)", "m-82fb0896": "9 starting buckets instead of 8: same results, buckets still short", "m-1737d8f6": "growing two keys later: same results, buckets still short (the threshold is a design choice)", "m-3bdd71a9": "growing one key later: same results, buckets still short", "m-0d7b7591": "growing one key earlier: same results, buckets still short", "m-1d1b8739": "growing at exactly 0.75 instead of just past it: same results, buckets still short", "m-bc1a0a84": "tripling instead of doubling: same results, buckets even shorter"}}
class BucketMap:
    """A separate-chaining hash table that doubles its buckets as it fills."""

    def __init__(self):
        ### BEGIN SOLUTION
        self._buckets: list[list] = [[] for _ in range(8)]
        self._size = 0
        ### END SOLUTION

    def put(self, key, value) -> None:
        ### BEGIN SOLUTION
        bucket = self._bucket(key)
        for pair in bucket:
            if pair[0] == key:
                pair[1] = value
                return
        if self._size + 1 > 0.75 * len(self._buckets):
            self._grow()
            bucket = self._bucket(key)
        bucket.append([key, value])
        self._size += 1
        ### END SOLUTION

    def get(self, key, default=None):
        ### BEGIN SOLUTION
        for stored, value in self._bucket(key):
            if stored == key:
                return value
        return default
        ### END SOLUTION

    def remove(self, key) -> bool:
        ### BEGIN SOLUTION
        bucket = self._bucket(key)
        for i, pair in enumerate(bucket):
            if pair[0] == key:
                del bucket[i]
                self._size -= 1
                return True
        return False
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return self._size
        ### END SOLUTION

    def _bucket(self, key) -> list:
        """The bucket (a list of [key, value] pairs) where ``key`` belongs."""
        ### BEGIN SOLUTION
        return self._buckets[hash(key) % len(self._buckets)]
        ### END SOLUTION

    def _grow(self) -> None:
        """Double the number of buckets and place every pair again."""
        ### BEGIN SOLUTION
        old = self._buckets
        self._buckets = [[] for _ in range(2 * len(old))]
        for bucket in old:
            for pair in bucket:
                self._bucket(pair[0]).append(pair)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
m = BucketMap()
m.put("web-1", "10.0.0.5")
m.put("db-1", "10.0.1.9")
m.put("web-1", "10.0.0.9")
assert m.get("web-1") == "10.0.0.9", "put replaces the value of an existing key"
assert len(m) == 2, f"two distinct keys, len is {len(m)}"
assert m.get("cache-1") is None and m.get("cache-1", "?") == "?", "missing keys give the default"
assert m.remove("web-1") is True and m.remove("web-1") is False, "remove reports whether the key was there"
assert m.get("web-1") is None and len(m) == 1, 'after remove, the key is gone and len drops'
### BEGIN HIDDEN TESTS
empty = BucketMap()
assert empty.remove("x") is False and len(empty) == 0, "removing from an empty map"
odd_keys = [None, -1, 0, ("a", 1), 2.5, "ñ"]
for key in odd_keys:
    empty.put(key, repr(key))
assert all(empty.get(key) == repr(key) for key in odd_keys), "any hashable key works, including None, negatives and tuples"
assert len(empty) == 6
empty.put("k", None)
assert empty.get("k", "default") is None, "a stored None is a value: get returns it, not the default"
assert empty.remove("k") is True and empty.get("k", "gone") == "gone", "removing a key whose value is None"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}


class Clash:
    """Keys that all share one hash: the map must still tell them apart with ==."""

    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return 7

    def __eq__(self, other):
        return isinstance(other, Clash) and self.name == other.name


m = BucketMap()
for i in range(20):
    m.put(Clash(i), i * i)
assert all(m.get(Clash(i)) == i * i for i in range(20)), "colliding keys keep their own values"
assert m.remove(Clash(3)) and m.get(Clash(3)) is None and m.get(Clash(4)) == 16, 'removing one colliding key leaves the others'
assert len(m) == 19, '20 keys, one removed'

# %% course={"kind": "test", "points": 1}
m = BucketMap()
for i in range(100):
    m.put(i, str(i))
for i in range(0, 100, 2):
    m.remove(i)
assert len(m) == 50 and m.get(51) == "51" and m.get(50) is None, "100 puts, 50 removes"


def find_builtin_tables(obj, depth=0):
    if isinstance(obj, (dict, set, frozenset)):
        return True
    if depth > 3:
        return False
    if isinstance(obj, (list, tuple)):
        return any(find_builtin_tables(item, depth + 1) for item in obj)
    return any(find_builtin_tables(v, depth + 1) for v in vars(obj).values()) if hasattr(obj, "__dict__") else False


assert not find_builtin_tables(m), "BucketMap must not keep a dict or set inside: build the table from lists"

# %% course={"kind": "test", "points": 2}
n = 2000
meter = Meter(limit=25 * n)
Key = metered_int_type(meter)
keys = [Key(k * 7919) for k in range(n)]
m = BucketMap()
for k in keys:
    m.put(k, 1)
assert all(m.get(k) == 1 for k in keys[::50]), 'every key put must be found again'
print(f"{meter.count} basic operations for {n} puts")

# %% course={"kind": "wrong", "id": "never-resizes", "fails": ["t4"]}
class BucketMap:
    def __init__(self):
        self._buckets = [[] for _ in range(8)]
        self._size = 0

    def _bucket(self, key):
        return self._buckets[hash(key) % len(self._buckets)]

    def put(self, key, value):
        bucket = self._bucket(key)
        for pair in bucket:
            if pair[0] == key:
                pair[1] = value
                return
        bucket.append([key, value])
        self._size += 1

    def get(self, key, default=None):
        for stored, value in self._bucket(key):
            if stored == key:
                return value
        return default

    def remove(self, key):
        bucket = self._bucket(key)
        for i, pair in enumerate(bucket):
            if pair[0] == key:
                del bucket[i]
                self._size -= 1
                return True
        return False

    def __len__(self):
        return self._size

# %% course={"kind": "wrong", "id": "appends-duplicates", "fails": ["t1"]}
class BucketMap:
    def __init__(self):
        self._buckets = [[] for _ in range(8)]
        self._size = 0

    def _bucket(self, key):
        return self._buckets[hash(key) % len(self._buckets)]

    def put(self, key, value):
        if self._size + 1 > 0.75 * len(self._buckets):
            old = self._buckets
            self._buckets = [[] for _ in range(2 * len(old))]
            for bucket in old:
                for pair in bucket:
                    self._bucket(pair[0]).append(pair)
        self._bucket(key).insert(0, [key, value])
        self._size += 1

    def get(self, key, default=None):
        for stored, value in self._bucket(key):
            if stored == key:
                return value
        return default

    def remove(self, key):
        bucket = self._bucket(key)
        for i, pair in enumerate(bucket):
            if pair[0] == key:
                del bucket[i]
                self._size -= 1
                return True
        return False

    def __len__(self):
        return self._size

# %% course={"kind": "wrong", "id": "uses-dict", "fails": ["t1", "t3"]}
class BucketMap:
    def __init__(self):
        self._data = {}

    def put(self, key, value):
        self._data[key] = value

    def get(self, key, default=None):
        return self._data.get(key, default)

    def remove(self, key):
        return self._data.pop(key, None) is not None or False

    def __len__(self):
        return len(self._data)

# %% [markdown] course={"kind": "exercise", "id": "subarray-sum", "item": "dsa-subarray-sum-equals-k"}
# ### Problem: Runs that add up (after LeetCode's *Subarray Sum Equals K*)
#
# `deltas` lists how a queue's length changed minute by minute (it can go up or down). Write
# `count_runs(deltas, k)` that counts the **contiguous** runs of one or more minutes whose
# changes add up to exactly `k`.
#
# ```python
# count_runs([1, 2, 3], 3)     # 2: [1, 2] and [3]
# count_runs([1, -1, 0], 0)    # 3: [1, -1], [0] and [1, -1, 0]
# ```
#
# Aim for O(n) with **prefix sums**: a run from `i` to `j` adds up to `k` exactly when
# `prefix[j] - prefix[i] == k`. Counting every run with two loops is O(n²); the last test counts
# additions and comparisons and fails it.

# %% [markdown] course={"kind": "hint"}
# Walk once, keeping the running total and a `Counter` of how often each running total has
# occurred so far. Start that counter at `{0: 1}` (the empty prefix).

# %% [markdown] course={"kind": "hint"}
# At each step, the number of runs ending here is `seen[running - k]`; add it to the answer,
# then record `running`.

# %% course={"kind": "solution"}
from collections import Counter


def count_runs(deltas: list[int], k: int) -> int:
    """How many contiguous, non-empty runs of ``deltas`` add up to ``k``."""
    ### BEGIN SOLUTION
    seen = Counter({0: 1})
    running = 0
    runs = 0
    for d in deltas:
        running += d
        runs += seen[running - k]
        seen[running] += 1
    return runs
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert count_runs([1, 2, 3], 3) == 2, "[1, 2] and [3]"
assert count_runs([1, 1, 1], 2) == 2, "two overlapping runs of [1, 1]"

# %% course={"kind": "test", "points": 2}
assert count_runs([1, -1, 0], 0) == 3, "negative numbers and zeros: [1, -1], [0], [1, -1, 0]"
assert count_runs([3, 4, -7, 3, 1, 3, 1, -4], 7) == 3, "runs that dip below zero and come back count too"
### BEGIN HIDDEN TESTS
assert count_runs([], 0) == 0, "no minutes, no runs"
assert count_runs([0, 0, 0], 0) == 6, "every one of the 6 runs of zeros adds up to 0"
assert count_runs([5], 5) == 1 and count_runs([5], 4) == 0, 'a single minute is a run'
assert count_runs([-2, -3], -5) == 1, 'negative targets work'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 3000
meter = Meter(limit=20 * n)
Num = metered_int_type(meter)
deltas = [Num(1 if i % 3 else -1) for i in range(n)]
assert count_runs(deltas, 2) == count_runs([int(d) for d in deltas], 2), 'the same answer with counted and plain numbers'
print(f"{meter.count} basic operations for {n} minutes")

# %% course={"kind": "wrong", "id": "two-loops", "fails": ["t3"]}
def count_runs(deltas, k):
    runs = 0
    for i in range(len(deltas)):
        total = 0
        for j in range(i, len(deltas)):
            total += deltas[j]
            if total == k:
                runs += 1
    return runs

# %% course={"kind": "wrong", "id": "sliding-window", "fails": ["t2"]}
def count_runs(deltas, k):
    runs = left = total = 0
    for right, d in enumerate(deltas):
        total += d
        while total > k and left <= right:
            total -= deltas[left]
            left += 1
        if total == k and left <= right:
            runs += 1
    return runs

# %% course={"kind": "wrong", "id": "no-empty-prefix", "fails": ["t1", "t2"]}
from collections import Counter


def count_runs(deltas, k):
    seen = Counter()
    running = runs = 0
    for d in deltas:
        running += d
        runs += seen[running - k]
        seen[running] += 1
    return runs

# %% [markdown] course={"kind": "exercise", "id": "longest-streak", "item": "dsa-longest-consecutive-sequence"}
# ### Problem: Longest unbroken streak (after LeetCode's *Longest Consecutive Sequence*)
#
# `build_ids` holds the numbers of the builds that passed, unsorted, possibly with repeats.
# Write `longest_streak(build_ids)`: the length of the longest run of **consecutive** numbers
# found among them (in any order in the list).
#
# ```python
# longest_streak([104, 7, 101, 103, 9, 102, 8])   # 4: 101, 102, 103, 104
# ```
#
# The problem asks for **O(n)**, so do not sort. Put the numbers in a set and start counting only
# at numbers that **begin** a run (`x - 1` not present). The last test allows about 10 basic
# operations per number.

# %% [markdown] course={"kind": "hint"}
# `present = set(build_ids)`; loop over `present`; skip `x` when `x - 1 in present`.

# %% [markdown] course={"kind": "hint"}
# From a starting `x`, count upwards while `x + length in present`. Each number is then visited
# by at most one run, which keeps the total O(n).

# %% course={"kind": "solution", "equivalent": {"m-620ab45a": "starting at 0, the loop's first test is x + 0 in present, always true, so length ends the same"}}
def longest_streak(build_ids: list[int]) -> int:
    """Length of the longest run of consecutive integers among ``build_ids``."""
    ### BEGIN SOLUTION
    present = set(build_ids)
    best = 0
    for x in present:
        if x - 1 not in present:
            length = 1
            while x + length in present:
                length += 1
            best = max(best, length)
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert longest_streak([104, 7, 101, 103, 9, 102, 8]) == 4, "101..104"
assert longest_streak([5]) == 1, "one build is a streak of 1"

# %% course={"kind": "test", "points": 2}
assert longest_streak([]) == 0, "no builds, no streak"
assert longest_streak([3, 1, 2, 2, 3, 1]) == 3, "repeats do not lengthen a streak"
assert longest_streak([-1, 0, 1, 5, -2]) == 4, "negative numbers count: -2..1"
### BEGIN HIDDEN TESTS
assert longest_streak([10, 30, 20]) == 1, 'no two numbers are consecutive'
assert longest_streak([0, 0, 0]) == 1, 'one distinct number is a streak of 1'
assert longest_streak([3, 5, 6]) == 2 and longest_streak([8, 10, 11, 12, 1]) == 3, "a gap of one number breaks a streak"
assert longest_streak(list(range(50, 0, -1)) + [100]) == 50, '1..50 given in reverse order'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random

n = 5000
values = list(range(n))
random.Random(3).shuffle(values)
meter = Meter(limit=10 * n)
Num = metered_int_type(meter)
assert longest_streak([Num(v) for v in values]) == n, "one long streak"
print(f"{meter.count} basic operations for {n} build ids")

# %% course={"kind": "wrong", "id": "every-start", "fails": ["t3"]}
def longest_streak(build_ids):
    present = set(build_ids)
    best = 0
    for x in present:
        length = 1
        while x + length in present:
            length += 1
        best = max(best, length)
    return best

# %% course={"kind": "wrong", "id": "sorted-with-repeats", "fails": ["t2", "t3"]}
def longest_streak(build_ids):
    if not build_ids:
        return 0
    ordered = sorted(build_ids)
    best = length = 1
    for prev, cur in zip(ordered, ordered[1:]):
        length = length + 1 if cur == prev + 1 else 1
        best = max(best, length)
    return best

# %% [markdown] course={"kind": "answer", "question": "q-how-are-dictionaries-implemented"}
# As a hash table in two parts. A sparse **index** array holds small integers pointing into a
# dense **entries** array of `(hash, key, value)` rows kept in insertion order (since CPython 3.11,
# `(key, value)` rows when every key is an exact `str`, whose hash is cached in the string itself).
# A lookup hashes the key, uses the low bits to pick an index slot, and follows it to an entry; if
# the hashes and keys match, done. Otherwise (a collision) it probes further slots in a pseudo-random sequence
# derived from the hash. When the table reaches about two-thirds full it is rebuilt larger, which
# keeps probe sequences short; the dense entries array is why dicts keep insertion order and use
# less memory than the older design.

# %% [markdown] course={"kind": "answer", "question": "q-what-can-be-used-as-dictionary-keys"}
# Any **hashable** object: one with a `__hash__` that stays the same for its lifetime and agrees
# with `__eq__` (equal objects, equal hashes). In practice: `str`, `int`, `float`, `bool`, `None`,
# `bytes`, tuples whose items are all hashable, `frozenset`, enums and your own classes (hashed by
# identity by default). Lists, dicts, sets and tuples containing them are not. Remember that keys
# are matched by equality, so `1`, `1.0` and `True` are the same key.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-time-complexity-of"}
# Reading, writing, deleting and `in` are O(1) on average; an insert that triggers a resize is
# O(n), but resizes are rare enough that inserts are O(1) amortised. `len(d)`, and `len()` of a
# `keys()`/`values()`/`items()` view, are O(1): the dict keeps its size. Iterating, copying and
# searching the values (`x in d.values()`) are O(n). The worst case for a single lookup is
# O(n), when many keys share a hash (a bad `__hash__`, or crafted input), which is why `str`
# hashes are randomised per process.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-dict-key"}
# `d[key]` raises `KeyError` when the key is missing; `d.get(key)` returns `None`, or the default
# you pass (`d.get(key, 0)`). Neither adds the key. Use `[]` for keys that must be there, so a typo
# or missing setting fails loudly; use `get` for optional keys. `get` alone cannot tell "missing"
# from "present with value `None`": use `key in d` for that.

# %% [markdown] course={"kind": "answer", "question": "q-explain-defaultdict-and-its-use-cases"}
# `defaultdict(factory)` is a dict subclass that, when `d[key]` is read for a missing key, calls
# `factory()` (with no arguments), stores the result under the key and returns it. It removes the
# "is the key there yet?" step from grouping (`defaultdict(list)`), counting (`defaultdict(int)`,
# though `Counter` is better), collecting unique members (`defaultdict(set)`) and building nested
# tables (`defaultdict(lambda: defaultdict(int))`). The catch: reading a missing key creates it,
# so use `in`/`get` to check, and convert to a plain `dict` before returning it to callers.

# %% course={"kind": "trap", "trap": "trap-d-key-raises-keyerror-d-get-key-returns"}
# d[key] fails loudly, d.get(key) quietly returns None: and None is also a legitimate value.
settings = {"timeout": None}
try:
    settings["retries"]
except KeyError as err:
    print("settings['retries'] -> KeyError:", err)
print("settings.get('retries') ->", settings.get("retries"))
print("settings.get('timeout') ->", settings.get("timeout"), " (present, but looks the same!)")
print("'timeout' in settings ->", "timeout" in settings, "| 'retries' in settings ->", "retries" in settings)

# %% course={"kind": "trap", "trap": "trap-dictionary-iteration-order-is-insertion"}
# Order is insertion order: not sorted, not "random", and replacing a value keeps the old spot.
versions = {"numpy": "1.26", "attrs": "23.2", "zipp": "3.17"}
versions["attrs"] = "24.1"
print("iteration order :", list(versions))
print("sorted order    :", sorted(versions))
print("== ignores order:", versions == {"zipp": "3.17", "attrs": "24.1", "numpy": "1.26"})

# %% course={"kind": "trap", "trap": "trap-modifying-a-dict-while-iterating-raises"}
# Deleting (or adding) keys while looping over the same dict breaks the loop.
sessions = {"s1": "expired", "s2": "active", "s3": "expired"}
try:
    for sid, state in sessions.items():
        if state == "expired":
            del sessions[sid]
except RuntimeError as err:
    print("RuntimeError:", err)
sessions = {"s1": "expired", "s2": "active", "s3": "expired"}
for sid in list(sessions):  # loop over a snapshot of the keys instead
    if sessions[sid] == "expired":
        del sessions[sid]
print("with a snapshot:", sessions)

# %% course={"kind": "trap", "trap": "trap-using-mutable-objects-as-keys"}
# Mutable built-ins are refused as keys; a mutable object with a value-based hash gets lost.
try:
    {["10.0.0.5", 22]: "ssh"}
except TypeError as err:
    print("list as key:", err)
print("tuple works:", {("10.0.0.5", 22): "ssh"})


class Endpoint:
    def __init__(self, host):
        self.host = host

    def __hash__(self):
        return hash(self.host)

    def __eq__(self, other):
        return self.host == other.host


ep = Endpoint("web-1")
owners = {ep: "team-a"}
ep.host = "web-2"  # mutate the key after storing it
print("found under the new name?", Endpoint("web-2") in owners, "| under the old one?", Endpoint("web-1") in owners)
print("but it is still inside:", len(owners), "entry")
