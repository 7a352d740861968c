# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can use sets to deduplicate, test membership in O(1) and
# compare collections with union, intersection and difference, use `frozenset` as a key, and
# solve lookup-heavy problems in linear time instead of quadratic.

# %% course={"kind": "setup", "id": "meters"}
# Helpers some tests use to check how much work your code does without timing it: values that
# count every comparison, hash, addition or character read, and stop your code once it does far more.
from course.runtime.meters import Meter, metered_int_type, metered_str_type

# %% [markdown] course={"kind": "lesson", "id": "creating-sets", "covers": ["c-set-creation-literals-set-comprehensions", "c-empty-set-set-not-that-s-a-dict", "c-set-comprehensions"]}
# ### Making sets
#
# A **set** is a collection of distinct, hashable items with no order. Three ways to make one:
#
# - a literal: `{"web", "db", "cache"}`;
# - `set(iterable)`: from a list, a generator, the keys of a dict... duplicates collapse;
# - a comprehension: `{host.split("-")[0] for host in hosts}`.
#
# The **empty** set has no literal: `{}` is an empty *dict*, for historical reasons (dicts came
# first). Write `set()`.
#
# What people get wrong: `set("web")` is `{"w", "e", "b"}`, because a string is an iterable of
# characters. To make a set holding one string, write `{"web"}`.
#
# Sets have no order, and the order you see when printing a set of strings changes from one
# Python process to the next. Demos and tests in this course **sort** a set before showing it.

# %% course={"kind": "demo"}
hosts = ["web-1", "web-2", "db-1", "web-1", "cache-1"]

literal = {"web", "db", "cache"}
from_list = set(hosts)
roles = {host.split("-")[0] for host in hosts}
print("literal      :", sorted(literal))
print("from a list  :", sorted(from_list), f"({len(hosts)} items -> {len(from_list)} distinct)")
print("comprehension:", sorted(roles))
print("type({})     :", type({}).__name__, "| type(set()):", type(set()).__name__)
print("set('web')   :", sorted(set("web")), "| {'web'}:", {"web"})

# %% [markdown] course={"kind": "lesson", "id": "set-properties", "covers": ["c-set-properties", "c-unordered", "c-unique-elements", "c-elements-must-be-hashable"]}
# ### What a set is: unordered, unique, hashable
#
# - **Unordered**: a set has no first or last element, so there is no indexing (`s[0]` is a
#   `TypeError`) and no slicing. Iterate over it, or `sorted(s)` when order matters.
# - **Unique**: adding an item that is already there changes nothing. "Already there" means
#   *equal*, so `1`, `1.0` and `True` count as one item.
# - **Hashable items only**: strings, numbers, tuples of hashables, `frozenset`s. Lists, dicts and
#   (ordinary) sets cannot go in a set, for the same reason they cannot be dict keys.
#
# In DevOps code that makes a set the natural type for a node's labels, a user's permissions, or
# the package names in a lock file: you care *whether* something is there, not where.

# %% course={"kind": "demo"}
labels = {"env=prod", "tier=web", "env=prod"}
print("unique:", sorted(labels))
print("equal items merge:", {1, 1.0, True})
try:
    labels[0]
except TypeError as err:
    print("indexing:", err)
try:
    {["env", "prod"]}
except TypeError as err:
    print("a list inside a set:", err)
print("a tuple is fine:", {("env", "prod")})

# %% [markdown] course={"kind": "lesson", "id": "set-operations", "covers": ["c-set-operations", "c-add-add-update", "c-remove-remove-discard-pop", "c-membership-in-o-1"]}
# ### Changing a set, and asking it questions
#
# | method | does | when the item is missing |
# |---|---|---|
# | `add(x)` | add one item | - |
# | `update(*iterables)` | add every item of each iterable | - |
# | `remove(x)` | remove `x` | raises `KeyError` |
# | `discard(x)` | remove `x` if present | does nothing |
# | `pop()` | remove and return **some** item | raises `KeyError` on an empty set |
# | `x in s` | membership test | `False` |
#
# `x in s` is **O(1)** on average: the set hashes `x` and looks in one place, exactly like a dict
# key lookup. `x in some_list` compares `x` with every element, O(n). Turning a list you search
# repeatedly into a set is one of the cheapest speed-ups there is.
#
# What people get wrong: `pop()` does not return the "last" or "first" item. It returns an
# arbitrary one; use it only when any item will do (a work queue where order does not matter).

# %% course={"kind": "demo"}
class Probe:
    """An item that counts how many times it is compared."""

    comparisons = 0

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return hash(self.n)

    def __eq__(self, other):
        Probe.comparisons += 1
        return self.n == other.n


allowed = {"ssh", "https"}
allowed.add("dns")
allowed.update(["ntp", "ssh"], ("ldap",))
print("after add/update:", sorted(allowed))
allowed.discard("telnet")  # not there: nothing happens
try:
    allowed.remove("telnet")
except KeyError as err:
    print("remove of a missing item -> KeyError", err)

items = [Probe(i) for i in range(10_000)]
as_list, as_set = list(items), set(items)
for container in (as_list, as_set):
    Probe.comparisons = 0
    found = Probe(9_999) in container
    print(f"{type(container).__name__:4} membership: found={found}, {Probe.comparisons} comparisons")

# %% [markdown] course={"kind": "lesson", "id": "set-math", "covers": ["c-set-mathematical-operations", "c-union-union", "c-intersection-intersection", "c-difference-difference", "c-symmetric-difference-symmetric", "c-subset-issubset", "c-superset-issuperset", "c-disjoint-isdisjoint"]}
# ### Set algebra
#
# | question | operator | method |
# |---|---|---|
# | in either? (union) | `a \| b` | `a.union(b, ...)` |
# | in both? (intersection) | `a & b` | `a.intersection(b, ...)` |
# | in `a` but not `b`? (difference) | `a - b` | `a.difference(b, ...)` |
# | in exactly one? (symmetric difference) | `a ^ b` | `a.symmetric_difference(b)` |
# | is every item of `a` in `b`? (subset) | `a <= b` (`a < b`: proper subset) | `a.issubset(b)` |
# | does `a` contain all of `b`? (superset) | `a >= b` | `a.issuperset(b)` |
# | nothing in common? | - | `a.isdisjoint(b)` |
#
# The operators need sets on both sides; the methods accept **any iterable** (`a.union(list_of_hosts)`)
# and several arguments at once. Each also has an in-place form that changes `a`: `|=`, `&=`, `-=`,
# `^=` (or `update`, `intersection_update`, ...).
#
# What people get wrong: difference is **not symmetric**. `expected - running` (what is missing)
# and `running - expected` (what is extra) are different questions; mix them up and an alert
# reports the wrong hosts.

# %% course={"kind": "demo"}
expected = {"web-1", "web-2", "db-1", "cache-1"}
running = {"web-1", "db-1", "cache-1", "debug-7"}

print("union               :", sorted(expected | running))
print("intersection        :", sorted(expected & running))
print("missing (exp - run) :", sorted(expected - running))
print("extra   (run - exp) :", sorted(running - expected))
print("symmetric difference:", sorted(expected ^ running))
print("methods take any iterable:", sorted(expected.union(["web-3"], ("web-4",))))

required = {"read", "deploy"}
granted = {"read", "deploy", "restart"}
print("required <= granted :", required <= granted, "| granted >= required:", granted.issuperset(required))
print("required < required :", required < required, "(a proper subset must be smaller)")
print("disjoint?           :", {"prod"}.isdisjoint({"dev", "staging"}))

# %% [markdown] course={"kind": "lesson", "id": "frozenset", "covers": ["c-frozen-sets-immutable-sets", "c-can-be-dictionary-keys", "c-can-be-set-elements"]}
# ### `frozenset`: a set that cannot change
#
# `frozenset(iterable)` builds an immutable set: it has all the read-only operations (`in`, `|`,
# `&`, `<=`...) but no `add`, `remove` or `update`. Because it cannot change, it is **hashable**,
# so it can be a **dict key** or an **item of another set**. Typical uses: a set of labels as the
# key of a lookup table, a set of sets (which node pools have been tried), or a constant you want
# nobody to modify.
#
# Equality ignores the type: `frozenset({1}) == {1}` is `True`. A plain set still cannot look up
# a frozenset key in a dict (it is unhashable, so `pool_for[{"gpu", "linux"}]` raises
# `TypeError`): convert it with `frozenset(...)` first. One convenience exists only for sets of
# sets: `x in s`, `s.remove(x)` and `s.discard(x)` accept a plain set `x` and look it up as a
# frozenset for you.

# %% course={"kind": "demo"}
pool_for = {
    frozenset({"gpu", "linux"}): "gpu-pool",
    frozenset({"linux"}): "general-pool",
}
wanted = {"linux", "gpu"}  # a plain set: convert it for the dict lookup
print("pool:", pool_for[frozenset(wanted)])
try:
    pool_for[wanted]
except TypeError as err:
    print("pool_for[wanted] -> TypeError:", err)

tried = {frozenset({"a", "b"}), frozenset({"b", "a"}), frozenset({"c"})}
print("a set of sets:", sorted(sorted(s) for s in tried), "(the two orders are one item)")
print("a plain set in a set of frozensets:", {"b", "a"} in tried)

frozen = frozenset({"read"})
print("read-only ops work:", sorted(frozen | {"write"}))
try:
    frozen.add("write")
except AttributeError as err:
    print("but no add:", err)
try:
    {{"a"}: 1}
except TypeError as err:
    print("a plain set as a key:", err)

# %% [markdown] course={"kind": "lesson", "id": "set-internals", "covers": ["c-set-internals", "c-hash-table-implementation", "c-similar-to-dict-without-values"]}
# ### Inside a set
#
# A set is a **hash table**, like a dict, but each slot stores only a hash and a key, with no
# value and no separate insertion-order array; that is why sets have no order. CPython's set is
# its own implementation, tuned for membership tests: it probes a few neighbouring slots before
# jumping elsewhere (kind to CPU caches), and it grows when it is about 60% full.
#
# The consequences are the same as for dict keys: O(1) average `add`, `in`, `remove`; O(n) worst
# case when many items share a hash; items must be hashable; and a noticeable memory cost
# compared with a list of the same items.
#
# What people get wrong: assuming a set is the compact choice because it holds no duplicates. A set
# of a million short strings needs roughly four times the container memory of a list of them;
# build it when you need fast membership, not to save space.

# %% course={"kind": "demo"}
import sys

numbers = list(range(1000))
print(f"1000 ints: list {sys.getsizeof(numbers)} B, set {sys.getsizeof(set(numbers))} B, "
      f"dict {sys.getsizeof(dict.fromkeys(numbers))} B (containers only, not the ints)")

growth, last, s = [], None, set()
for i in range(40):
    size = sys.getsizeof(s)
    if size != last:
        growth.append(f"{len(s)} items: {size} B")
        last = size
    s.add(i)
print("a set grows in steps ->", " | ".join(growth))

# %% [markdown] course={"kind": "lesson", "id": "set-patterns", "covers": ["c-common-patterns", "c-removing-duplicates", "c-membership-testing", "c-finding-common-different-elements"]}
# ### Three patterns you will use every week
#
# 1. **Removing duplicates.** `set(items)` is fastest but loses the order. To keep the first
#    occurrence of each item in order, use `list(dict.fromkeys(items))` or a loop with a `seen`
#    set.
# 2. **Membership testing.** Build a set once (an allowlist, the names already processed), then
#    ask `in` as often as you like.
# 3. **Common and different items.** Compare two inventories, two `pip freeze` outputs or the
#    feature columns of two datasets with `&`, `-` and `^`, then sort the result for a report.
#
# What people get wrong: deduplicating with `list(set(items))` where order matters (command-line
# arguments, `PATH` entries, pipeline steps). The duplicates go, and so does the order.

# %% course={"kind": "demo"}
events = ["deploy", "scale", "deploy", "restart", "scale", "deploy"]
print("set (order lost)     :", sorted(set(events)))
print("dict.fromkeys (kept) :", list(dict.fromkeys(events)))

allowed_registries = {"ghcr.io", "registry.internal"}
images = ["ghcr.io/acme/api:1.2", "docker.io/library/redis:7", "registry.internal/ml/trainer:5"]
for image in images:
    verdict = "allowed" if image.split("/")[0] in allowed_registries else "BLOCKED"
    print(f"{verdict:8} {image}")

train_cols = {"age", "income", "zip", "clicks"}
serve_cols = {"age", "income", "clicks", "device"}
print("shared features:", sorted(train_cols & serve_cols))
print("only in training:", sorted(train_cols - serve_cols), "| only at serving:", sorted(serve_cols - train_cols))

# %% [markdown] course={"kind": "exercise", "id": "unique-in-order", "item": "x-remove-duplicates-from-a-list-while"}
# ### Remove duplicates, keep the order
#
# Write `unique_in_order(items)` that returns a new list with the first occurrence of every item,
# in the order they first appear. Use a set to remember what you have seen, so that the whole
# job stays O(n): the last test counts comparisons and hashes over 3000 items.
#
# ```python
# unique_in_order(["web-2", "web-1", "web-2", "db-1", "web-1"])   # ['web-2', 'web-1', 'db-1']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `seen = set()` and `result = []`; append an item only when it is not in `seen`, and add it
# to `seen` at the same time.

# %% [markdown] course={"kind": "hint"}
# `list(set(items))` loses the order; `if item not in result` (a list) works but is O(n²).

# %% course={"kind": "solution"}
def unique_in_order(items: list) -> list:
    """The items without repeats, each kept where it first appeared."""
    ### BEGIN SOLUTION
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = unique_in_order(["web-2", "web-1", "web-2", "db-1", "web-1"])
assert result == ["web-2", "web-1", "db-1"], f"got {result}"
assert unique_in_order([3, 1, 3, 2, 1]) == [3, 1, 2], "first occurrences, in order (not sorted)"
distinct = ["db-1", "web-1"]
assert unique_in_order(distinct) is not distinct, "return a NEW list, also when nothing repeats"

# %% course={"kind": "test", "points": 1}
import copy

data = [5, 5, 5]
before = copy.deepcopy(data)
assert unique_in_order(data) == [5], "all the same: one item"
assert data == before, "do not change the list you are given"
### BEGIN HIDDEN TESTS
assert unique_in_order([]) == [], "empty in, empty out"
assert unique_in_order(["Web", "web", "WEB"]) == ["Web", "web", "WEB"], "different case, different items"
assert unique_in_order([1, 1.0, True, 2]) == [1, 2], "1, 1.0 and True are equal: keep the first"
assert unique_in_order([("a", 1), ("a", 1), ("b", 2)]) == [("a", 1), ("b", 2)], 'tuples are hashable items too'
assert unique_in_order([0, "", None, "", 0]) == [0, "", None], "0, '' and None are items like any other"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 3000
meter = Meter(limit=10 * n)
Num = metered_int_type(meter)
items = [Num(i % 1000) for i in range(n)]
assert unique_in_order(items) == list(range(1000)), 'the 1000 distinct values, in first-seen order'
print(f"{meter.count} basic operations for {n} items")

# %% course={"kind": "wrong", "id": "set-loses-order"}
def unique_in_order(items):
    return list(set(items))

# %% course={"kind": "wrong", "id": "seen-list", "fails": ["t3"]}
def unique_in_order(items):
    result = []
    for item in items:
        if item not in result:
            result.append(item)
    return result

# %% course={"kind": "wrong", "id": "same-list-if-distinct", "fails": ["t1"]}
def unique_in_order(items):
    if len(set(items)) == len(items):
        return items                     # the caller's own list, not a new one
    return list(dict.fromkeys(items))

# %% course={"kind": "wrong", "id": "falsy-looks-unseen", "fails": ["t2", "t3"]}
def unique_in_order(items):
    seen = {}
    result = []
    for item in items:
        if not seen.get(item):           # a seen 0 or "" is stored as itself, which is falsy
            seen[item] = item
            result.append(item)
    return result

# %% [markdown] course={"kind": "exercise", "id": "common-to-all", "item": "x-find-common-elements-between-multiple"}
# ### What do all the lists share?
#
# Each region reports the list of package versions it runs. Write `common_to_all(lists)` that
# returns a **sorted** list of the items found in **every** list (each item once). With no lists
# at all, return `[]`.
#
# ```python
# common_to_all([["py3.11", "py3.12", "py3.10"], ["py3.12", "py3.11"], ["py3.11", "py3.12", "py3.12"]])
# # ['py3.11', 'py3.12']
# ```

# %% [markdown] course={"kind": "hint"}
# Start from `set(lists[0])` and shrink it with `&=` (or `intersection_update`) for each other
# list.

# %% [markdown] course={"kind": "hint"}
# `set.intersection(*map(set, lists))` is a one-liner, but it fails when `lists` is empty:
# handle that case first.

# %% course={"kind": "solution", "equivalent": {"m-8bb6f9f3": "intersecting the first list's set with the first list again changes nothing", "m-78b1f425": "intersecting the first list's set with the first list again changes nothing"}}
def common_to_all(lists: list[list]) -> list:
    """Sorted items that appear in every one of ``lists``."""
    ### BEGIN SOLUTION
    if not lists:
        return []
    common = set(lists[0])
    for other in lists[1:]:
        common &= set(other)
    return sorted(common)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = common_to_all([["py3.11", "py3.12", "py3.10"], ["py3.12", "py3.11"], ["py3.11", "py3.12", "py3.12"]])
assert result == ["py3.11", "py3.12"], f"got {result}"

# %% course={"kind": "test", "points": 2}
assert common_to_all([[1, 2, 3], [2, 3, 4], [3, 4, 5]]) == [3], "only 3 is in all three lists"
assert common_to_all([[4, 2, 2, 9], [9, 2, 4]]) == [2, 4, 9], "each item once, sorted"
### BEGIN HIDDEN TESTS
assert common_to_all([]) == [], "no lists at all"
assert common_to_all([[3, 1, 1]]) == [1, 3], "one list: its distinct items"
assert common_to_all([[1, 2], []]) == [], "an empty list shares nothing"
assert common_to_all([["é", "e"], ["e", "é"]]) == ["e", "é"], 'unicode items, sorted'
assert common_to_all([[0, -1, 5], [5, 0, -1], [-1, 0]]) == [-1, 0], "0 and negative numbers are items too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-two-only", "fails": ["t2"]}
def common_to_all(lists):
    if not lists:
        return []
    if len(lists) == 1:
        return sorted(set(lists[0]))
    return sorted(set(lists[0]) & set(lists[1]))

# %% course={"kind": "wrong", "id": "keeps-repeats", "fails": ["t2"]}
def common_to_all(lists):
    if not lists:
        return []
    return sorted(x for x in lists[0] if all(x in other for other in lists[1:]))

# %% course={"kind": "wrong", "id": "empty-crash", "fails": ["t2"]}
def common_to_all(lists):
    return sorted(set.intersection(*map(set, lists)))

# %% [markdown] course={"kind": "exercise", "id": "missing-permissions", "item": "x-implement-a-simple-permission-system"}
# ### Which permissions are missing?
#
# Permissions look like `"service:action"` (`"deploy:prod"`, `"logs:read"`). Write
# `missing_permissions(granted, required)` that returns the **sorted** list of required
# permissions that the granted ones do not cover:
#
# - names compare **case-insensitively** and ignore surrounding spaces: return them lower-case
#   and stripped;
# - a granted `"service:*"` covers every action of that service (but not of `"service2"`);
#   a granted `"*"` covers everything.
#
# ```python
# missing_permissions({"logs:read", "deploy:*"}, ["deploy:prod", "Logs:Write", "logs:read"])
# # ['logs:write']
# ```

# %% [markdown] course={"kind": "hint"}
# Normalise both sides first: `{p.strip().lower() for p in granted}`. Then a required permission
# is covered if it is in the granted set, or `"*"` is, or `service + ":*"` is.

# %% [markdown] course={"kind": "hint"}
# `permission.partition(":")[0]` gives the service part.

# %% course={"kind": "solution"}
def missing_permissions(granted, required) -> list[str]:
    """Sorted, normalised required permissions that ``granted`` does not cover."""
    ### BEGIN SOLUTION
    have = {p.strip().lower() for p in granted}
    need = {p.strip().lower() for p in required}
    if "*" in have:
        return []
    return sorted(p for p in need if p not in have and p.partition(":")[0] + ":*" not in have)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = missing_permissions({"logs:read", "deploy:staging"}, ["deploy:prod", "logs:read"])
assert result == ["deploy:prod"], f"got {result}"
assert missing_permissions(["a:x"], ["a:x"]) == [], "nothing missing"

# %% course={"kind": "test", "points": 1}
result = missing_permissions(["  Logs:Read "], ["logs:read", "LOGS:WRITE", "logs:write "])
assert result == ["logs:write"], f"case and spaces do not matter; report each missing permission once: got {result}"

# %% course={"kind": "test", "points": 2}
result = missing_permissions({"logs:read", "deploy:*"}, ["deploy:prod", "deploy:staging", "logs:write"])
assert result == ["logs:write"], f"'deploy:*' covers every deploy action: got {result}"
assert missing_permissions({"*"}, ["anything:at-all", "x:y"]) == [], "'*' covers everything"
### BEGIN HIDDEN TESTS
assert missing_permissions({"deploy:*"}, ["deployer:run"]) == ["deployer:run"], "'deploy:*' does not cover the service 'deployer'"
assert missing_permissions(set(), []) == [], "nothing required"
assert missing_permissions(set(), ["b:x", "a:y"]) == ["a:y", "b:x"], "sorted"
assert missing_permissions([" * "], ["a:x"]) == [], "' * ' is the wildcard '*' once stripped"
assert missing_permissions(["\tDeploy:*\n"], ["deploy:prod", "DEPLOY:staging"]) == [], "a service wildcard is normalised too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-normalising", "fails": ["t2", "t3"]}
def missing_permissions(granted, required):
    have = set(granted)
    if "*" in have:
        return []
    return sorted({p for p in required if p not in have and p.partition(":")[0] + ":*" not in have})

# %% course={"kind": "wrong", "id": "prefix-wildcard", "fails": ["t3"]}
def missing_permissions(granted, required):
    have = {p.strip().lower() for p in granted}
    need = {p.strip().lower() for p in required}
    prefixes = [p[:-1].rstrip(":") for p in have if p.endswith("*")]
    return sorted(p for p in need if p not in have and not any(p.startswith(pre) for pre in prefixes))

# %% course={"kind": "wrong", "id": "star-before-normalising", "fails": ["t3"]}
def missing_permissions(granted, required):
    if "*" in granted:                   # checked before stripping: " * " is missed
        return []
    have = {p.strip().lower() for p in granted}
    need = {p.strip().lower() for p in required}
    return sorted(p for p in need if p not in have and p.partition(":")[0] + ":*" not in have)

# %% course={"kind": "wrong", "id": "no-wildcards", "fails": ["t3"]}
def missing_permissions(granted, required):
    have = {p.strip().lower() for p in granted}
    return sorted({p.strip().lower() for p in required} - have)

# %% [markdown] course={"kind": "exercise", "id": "compare-hosts", "item": "x-use-set-operations-for-data-comparison"}
# ### Desired state vs actual state
#
# A reconciler compares the hosts that **should** exist with the hosts that **do**. Write
# `compare_hosts(desired, actual)` returning a dict with three sorted lists:
#
# - `"create"`: desired but not running;
# - `"delete"`: running but not desired;
# - `"keep"`: in both.
#
# Inputs are any iterables and may repeat names.
#
# ```python
# compare_hosts(["web-1", "web-2", "db-1"], ["web-1", "db-1", "old-9"])
# # {'create': ['web-2'], 'delete': ['old-9'], 'keep': ['db-1', 'web-1']}
# ```

# %% [markdown] course={"kind": "hint"}
# Turn both into sets, then use `-` in each direction and `&`.

# %% course={"kind": "solution"}
def compare_hosts(desired, actual) -> dict[str, list[str]]:
    """What to create, delete and keep to turn ``actual`` into ``desired``."""
    ### BEGIN SOLUTION
    want, have = set(desired), set(actual)
    return {"create": sorted(want - have), "delete": sorted(have - want), "keep": sorted(want & have)}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = compare_hosts(["web-1", "web-2", "db-1"], ["web-1", "db-1", "old-9"])
assert result == {"create": ["web-2"], "delete": ["old-9"], "keep": ["db-1", "web-1"]}, f"got {result}"

# %% course={"kind": "test", "points": 1}
result = compare_hosts(["b", "a", "a"], ("c", "b", "c"))
assert result == {"create": ["a"], "delete": ["c"], "keep": ["b"]}, f"repeats count once, any iterable works: got {result}"
### BEGIN HIDDEN TESTS
assert compare_hosts([], []) == {"create": [], "delete": [], "keep": []}, 'nothing desired, nothing running'
assert compare_hosts(["x"], []) == {"create": ["x"], "delete": [], "keep": []}, 'nothing running: create everything'
assert compare_hosts(iter(["y"]), iter(["y"])) == {"create": [], "delete": [], "keep": ["y"]}, "one-shot iterators too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "swapped", "fails": ["t1", "t2"]}
def compare_hosts(desired, actual):
    want, have = set(desired), set(actual)
    return {"create": sorted(have - want), "delete": sorted(want - have), "keep": sorted(want & have)}

# %% course={"kind": "wrong", "id": "list-repeats", "fails": ["t2"]}
def compare_hosts(desired, actual):
    desired, actual = list(desired), list(actual)
    return {
        "create": sorted(h for h in desired if h not in actual),
        "delete": sorted(h for h in actual if h not in desired),
        "keep": sorted(h for h in desired if h in actual),
    }

# %% course={"kind": "wrong", "id": "reads-inputs-twice", "fails": ["t2"]}
def compare_hosts(desired, actual):
    have = set(actual)
    create = sorted({h for h in desired if h not in have})
    keep = sorted({h for h in desired if h in have})        # a one-shot iterator is already used up
    return {"create": create, "delete": sorted(have - set(desired)), "keep": keep}

# %% [markdown] course={"kind": "exercise", "id": "tag-index", "item": "x-create-a-tag-based-search-system"}
# ### Tag search
#
# Build `TagIndex`, a small search engine over tagged resources (think AWS tags or MLflow run
# tags):
#
# - `add(name, tags)` stores a resource with an iterable of tags; adding the same name again
#   **replaces** its tags;
# - `search(all_of=(), any_of=(), none_of=())` returns the **sorted** names that have every tag
#   in `all_of`, at least one tag in `any_of` (an empty `any_of` means "no condition"), and none
#   of the tags in `none_of`. Each condition may be any iterable of tags: a set, a list, a
#   generator.
#
# Keep an **inverted index**, a dict from each tag to the set of names carrying it, so that a
# search combines a few sets instead of scanning every resource. The last test counts the tag
# look-ups of two searches over 2,000 resources: a scan of every resource's tags needs thousands.
#
# ```python
# index = TagIndex()
# index.add("api", {"prod", "web"}); index.add("etl", {"prod", "batch"}); index.add("sandbox", {"dev", "web"})
# index.search(all_of={"prod"})                       # ['api', 'etl']
# index.search(any_of={"web", "batch"}, none_of={"dev"})  # ['api', 'etl']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `self._tags_of = {name: set_of_tags}` and `self._names_with = defaultdict(set)`. When a
# name is added again, first remove it from the sets of its old tags.

# %% [markdown] course={"kind": "hint"}
# Start a search from the set of all names; intersect with `_names_with[t]` for each `all_of` tag,
# intersect with the union over `any_of` (only if `any_of` is not empty), subtract each `none_of`
# set. Use `.get(t, set())` so that searching does not create entries.

# %% course={"kind": "solution"}
from collections import defaultdict


class TagIndex:
    """Resources and their tags, searchable by tag conditions."""

    def __init__(self):
        ### BEGIN SOLUTION
        self._tags_of: dict[str, set] = {}
        self._names_with: defaultdict[str, set] = defaultdict(set)
        ### END SOLUTION

    def add(self, name: str, tags) -> None:
        ### BEGIN SOLUTION
        for tag in self._tags_of.get(name, ()):
            self._names_with[tag].discard(name)
        self._tags_of[name] = set(tags)
        for tag in self._tags_of[name]:
            self._names_with[tag].add(name)
        ### END SOLUTION

    def search(self, all_of=(), any_of=(), none_of=()) -> list[str]:
        ### BEGIN SOLUTION
        result = set(self._tags_of)
        for tag in all_of:
            result &= self._names_with.get(tag, set())
        any_tags = set(any_of)           # a generator is truthy even when empty: look at its items
        if any_tags:
            result &= set().union(*(self._names_with.get(tag, set()) for tag in any_tags))
        for tag in none_of:
            result -= self._names_with.get(tag, set())
        return sorted(result)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
index = TagIndex()
index.add("api", {"prod", "web"})
index.add("etl", {"prod", "batch"})
index.add("sandbox", {"dev", "web"})
assert index.search(all_of={"prod"}) == ["api", "etl"], f"got {index.search(all_of={'prod'})}"
assert index.search(all_of=["prod", "web"]) == ["api"], "all_of needs every tag"
assert index.search(all_of={"gpu"}) == [], "an unknown tag matches nothing"

# %% course={"kind": "test", "points": 2}
index = TagIndex()
index.add("api", {"prod", "web"})
index.add("etl", {"prod", "batch"})
index.add("sandbox", {"dev", "web"})
assert index.search(any_of={"web", "batch"}, none_of={"dev"}) == ["api", "etl"], 'web or batch, but not dev'
assert index.search(none_of={"prod"}) == ["sandbox"], "none_of alone"
assert index.search() == ["api", "etl", "sandbox"], "no conditions: every resource"
assert index.search(all_of=(t for t in ["web"]), any_of=iter([])) == ["api", "sandbox"], "conditions may be generators; an empty one means no condition"

# %% course={"kind": "test", "points": 1}
index = TagIndex()
index.add("api", {"prod", "web"})
index.add("api", {"staging"})
assert index.search(all_of={"prod"}) == [], "adding a name again replaces its tags"
assert index.search(all_of={"staging"}) == ["api"], 'the new tags are searchable'
### BEGIN HIDDEN TESTS
index.add("job", [])
assert index.search() == ["api", "job"], "a resource may have no tags"
assert index.search(any_of={"nope"}) == [], "any_of with only unknown tags matches nothing"
index.add("x", ["a", "a", "b"])
assert index.search(all_of=("a", "b")) == ["x"], 'repeated tags in add are harmless'
index.add("gen", (tag for tag in ["g", "h"]))
assert index.search(all_of=["g", "h"]) == ["gen"], "add accepts a generator of tags"
index.add("gen", ["k"])
assert index.search(any_of=["g", "h"]) == [] and index.search(all_of=["k"]) == ["gen"], "re-adding replaces tags that came from a generator too"
assert index.search(any_of=iter(()), none_of=iter(["a"])) == ["api", "gen", "job"], "empty iterators as conditions"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 2}
class Tag(str):
    """A tag that counts how often it is hashed or compared."""

    uses = 0

    def __hash__(self):
        Tag.uses += 1
        return str.__hash__(self)

    def __eq__(self, other):
        Tag.uses += 1
        return str.__eq__(self, other)


index = TagIndex()
for i in range(2_000):
    index.add(f"r{i:04}", [Tag("common"), Tag(f"t{i}")])
Tag.uses = 0
assert index.search(all_of=[Tag("common"), Tag("t5")]) == ["r0005"], "every resource is 'common'; only r0005 has t5"
assert index.search(any_of=[Tag("t5"), Tag("t7")], none_of=[Tag("t7")]) == ["r0005"], "t5 or t7, but not t7"
assert Tag.uses <= 100, f"{Tag.uses} tag look-ups for two searches over 2,000 resources: use the inverted index, do not scan every resource"

# %% course={"kind": "wrong", "id": "empty-any-of", "fails": ["t1", "t2", "t3", "t4"]}
from collections import defaultdict


class TagIndex:
    def __init__(self):
        self._tags_of = {}
        self._names_with = defaultdict(set)

    def add(self, name, tags):
        for tag in self._tags_of.get(name, ()):
            self._names_with[tag].discard(name)
        self._tags_of[name] = set(tags)
        for tag in self._tags_of[name]:
            self._names_with[tag].add(name)

    def search(self, all_of=(), any_of=(), none_of=()):
        result = set(self._tags_of)
        for tag in all_of:
            result &= self._names_with.get(tag, set())
        result &= set().union(*(self._names_with.get(tag, set()) for tag in any_of))
        for tag in none_of:
            result -= self._names_with.get(tag, set())
        return sorted(result)

# %% course={"kind": "wrong", "id": "scans-resources", "fails": ["t4"]}
class TagIndex:
    def __init__(self):
        self._tags_of = {}

    def add(self, name, tags):
        self._tags_of[name] = set(tags)

    def search(self, all_of=(), any_of=(), none_of=()):
        all_of, any_of, none_of = list(all_of), list(any_of), list(none_of)
        return sorted(                   # right answers, but every resource's tags are checked
            name
            for name, tags in self._tags_of.items()
            if all(t in tags for t in all_of)
            and (not any_of or any(t in tags for t in any_of))
            and not any(t in tags for t in none_of)
        )

# %% course={"kind": "wrong", "id": "truthy-generator", "fails": ["t2", "t3"]}
from collections import defaultdict


class TagIndex:
    def __init__(self):
        self._tags_of = {}
        self._names_with = defaultdict(set)

    def add(self, name, tags):
        for tag in self._tags_of.get(name, ()):
            self._names_with[tag].discard(name)
        self._tags_of[name] = set(tags)
        for tag in self._tags_of[name]:
            self._names_with[tag].add(name)

    def search(self, all_of=(), any_of=(), none_of=()):
        result = set(self._tags_of)
        for tag in all_of:
            result &= self._names_with.get(tag, set())
        if any_of:                       # an empty generator is truthy: "no condition" matches nothing
            result &= set().union(*(self._names_with.get(tag, set()) for tag in any_of))
        for tag in none_of:
            result -= self._names_with.get(tag, set())
        return sorted(result)

# %% course={"kind": "wrong", "id": "add-merges", "fails": ["t2", "t3"]}
from collections import defaultdict


class TagIndex:
    def __init__(self):
        self._tags_of = defaultdict(set)
        self._names_with = defaultdict(set)

    def add(self, name, tags):
        self._tags_of[name] |= set(tags)
        for tag in tags:
            self._names_with[tag].add(name)

    def search(self, all_of=(), any_of=(), none_of=()):
        result = set(self._tags_of)
        for tag in all_of:
            result &= self._names_with.get(tag, set())
        if any_of:
            result &= set().union(*(self._names_with.get(tag, set()) for tag in any_of))
        for tag in none_of:
            result -= self._names_with.get(tag, set())
        return sorted(result)

# %% [markdown] course={"kind": "exercise", "id": "permission-system", "item": "project-4-4-1"}
# ### Mini-project: Role-based Permission System
#
# Build `PermissionSystem`:
#
# | method | behaviour |
# |---|---|
# | `add_role(name, permissions, inherits=())` | define a role with a set of permissions; it also gets every permission of the roles named in `inherits`, **transitively** (roles may be defined in any order; cycles must not hang). The role keeps its own copies: changing the caller's set or list afterwards changes nothing |
# | `assign(user, role)` | give a user one more role; an undefined role raises `KeyError` |
# | `permissions_of(user)` | a `frozenset` of everything the user may do (empty for an unknown user) |
# | `can(user, permission)` | `True` / `False` |
# | `who_can(permission)` | sorted list of users that may do it |
#
# ```python
# ps = PermissionSystem()
# ps.add_role("viewer", {"logs:read"})
# ps.add_role("operator", {"deploy:staging"}, inherits=["viewer"])
# ps.add_role("admin", {"deploy:prod"}, inherits=["operator"])
# ps.assign("ana", "admin"); ps.assign("bo", "viewer")
# ps.can("ana", "logs:read")         # True (admin -> operator -> viewer)
# ps.who_can("deploy:staging")       # ['ana']
# ```

# %% [markdown] course={"kind": "hint"}
# Store roles as `{name: (set_of_permissions, tuple_of_parents)}` and users as
# `{user: set_of_role_names}` (use a set: a user holds several roles).

# %% [markdown] course={"kind": "hint"}
# Expand roles with a worklist and a `visited` set: pop a role, skip it if visited, add its
# permissions, push its parents. The `visited` set is what makes cycles harmless.

# %% course={"kind": "solution"}
class PermissionSystem:
    """Users hold roles; roles hold permissions and inherit other roles' permissions."""

    def __init__(self):
        ### BEGIN SOLUTION
        self._roles: dict[str, tuple[set, tuple]] = {}
        self._users: dict[str, set] = {}
        ### END SOLUTION

    def add_role(self, name: str, permissions, inherits=()) -> None:
        ### BEGIN SOLUTION
        self._roles[name] = (set(permissions), tuple(inherits))
        ### END SOLUTION

    def assign(self, user: str, role: str) -> None:
        ### BEGIN SOLUTION
        if role not in self._roles:
            raise KeyError(f"unknown role {role!r}")
        self._users.setdefault(user, set()).add(role)
        ### END SOLUTION

    def permissions_of(self, user: str) -> frozenset:
        ### BEGIN SOLUTION
        granted: set = set()
        visited: set = set()
        todo = list(self._users.get(user, ()))
        while todo:
            role = todo.pop()
            if role in visited or role not in self._roles:
                continue
            visited.add(role)
            permissions, parents = self._roles[role]
            granted |= permissions
            todo.extend(parents)
        return frozenset(granted)
        ### END SOLUTION

    def can(self, user: str, permission: str) -> bool:
        ### BEGIN SOLUTION
        return permission in self.permissions_of(user)
        ### END SOLUTION

    def who_can(self, permission: str) -> list[str]:
        ### BEGIN SOLUTION
        return sorted(user for user in self._users if self.can(user, permission))
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ps = PermissionSystem()
ps.add_role("viewer", {"logs:read", "metrics:read"})
ps.assign("bo", "viewer")
assert ps.can("bo", "logs:read") is True, "a role's own permission"
assert ps.can("bo", "deploy:prod") is False, 'viewer cannot deploy'
assert ps.permissions_of("bo") == {"logs:read", "metrics:read"}, "all of the role's permissions"
assert isinstance(ps.permissions_of("bo"), frozenset), "return a frozenset, so callers cannot change it"
assert ps.permissions_of("nobody") == frozenset() and ps.can("nobody", "logs:read") is False, "unknown users have nothing"

# %% course={"kind": "test", "points": 1}
ps = PermissionSystem()
ps.add_role("viewer", {"logs:read"})
ps.add_role("deployer", {"deploy:staging"})
ps.assign("cy", "viewer")
ps.assign("cy", "deployer")
assert ps.permissions_of("cy") == {"logs:read", "deploy:staging"}, "a user's roles add up; assign does not replace"
try:
    ps.assign("cy", "superuser")
except KeyError:
    pass
else:
    raise AssertionError("assigning an undefined role must raise KeyError")

# %% course={"kind": "test", "points": 2}
ps = PermissionSystem()
ps.add_role("admin", {"deploy:prod"}, inherits=["operator"])  # defined before its parent
ps.add_role("operator", {"deploy:staging"}, inherits=["viewer"])
ps.add_role("viewer", {"logs:read"})
ps.assign("bo", "viewer")
ps.assign("ana", "admin")
assert ps.can("ana", "logs:read"), "inheritance is transitive: admin -> operator -> viewer"
assert ps.permissions_of("ana") == {"deploy:prod", "deploy:staging", "logs:read"}, "admin's own plus everything inherited"
assert ps.who_can("deploy:staging") == ["ana"] and ps.who_can("logs:read") == ["ana", "bo"], "who_can is sorted"
assert ps.can("bo", "deploy:staging") is False, "permissions flow from parent to child, not back"
ps.add_role("dev", {"code:push"})
ps.add_role("lead", {"team:manage"}, inherits=["dev", "operator", "viewer"])   # viewer is reached twice
ps.assign("cy", "lead")
assert ps.permissions_of("cy") == {"team:manage", "code:push", "deploy:staging", "logs:read"}, (
    f"a diamond (viewer reached twice) must not cut the expansion short: got {sorted(ps.permissions_of('cy'))}"
)

# %% course={"kind": "test", "points": 1}
ps = PermissionSystem()
ps.add_role("a", {"x"}, inherits=["b"])
ps.add_role("b", {"y"}, inherits=["a"])
ps.add_role("c", {"z"}, inherits=["c"])
ps.assign("u", "a")
ps.assign("v", "c")
assert ps.permissions_of("u") == {"x", "y"}, "roles that inherit from each other must not loop forever"
assert ps.permissions_of("v") == {"z"}, 'a role inheriting from itself'
### BEGIN HIDDEN TESTS
ps = PermissionSystem()
ps.add_role("r", ["p", "p"])
ps.assign("w", "r")
ps.assign("w", "r")
assert ps.who_can("p") == ["w"] and ps.who_can("q") == [], 'assigning the same role twice lists the user once'
perms = ps.permissions_of("w")
try:
    perms.add("q")
except AttributeError:
    pass
assert ps.can("w", "q") is False, "changing a returned value must not grant anything"
### END HIDDEN TESTS
ps = PermissionSystem()
perms, parents = {"logs:read"}, ["base"]
ps.add_role("base", {"metrics:read"})
ps.add_role("viewer", perms, inherits=parents)
ps.add_role("root", {"everything"})
perms.add("deploy:prod")
parents.append("root")
ps.assign("u", "viewer")
assert ps.permissions_of("u") == {"logs:read", "metrics:read"}, "add_role keeps its own copies of the set and the list it was given"

# %% course={"kind": "wrong", "id": "one-level", "fails": ["t3"]}
class PermissionSystem:
    def __init__(self):
        self._roles = {}
        self._users = {}

    def add_role(self, name, permissions, inherits=()):
        self._roles[name] = (set(permissions), tuple(inherits))

    def assign(self, user, role):
        if role not in self._roles:
            raise KeyError(role)
        self._users.setdefault(user, set()).add(role)

    def permissions_of(self, user):
        granted = set()
        for role in self._users.get(user, ()):
            permissions, parents = self._roles[role]
            granted |= permissions
            for parent in parents:
                granted |= self._roles.get(parent, (set(), ()))[0]
        return frozenset(granted)

    def can(self, user, permission):
        return permission in self.permissions_of(user)

    def who_can(self, permission):
        return sorted(u for u in self._users if self.can(u, permission))

# %% course={"kind": "wrong", "id": "assign-replaces", "fails": ["t2"]}
class PermissionSystem:
    def __init__(self):
        self._roles = {}
        self._users = {}

    def add_role(self, name, permissions, inherits=()):
        self._roles[name] = (set(permissions), tuple(inherits))

    def assign(self, user, role):
        if role not in self._roles:
            raise KeyError(role)
        self._users[user] = {role}

    def permissions_of(self, user):
        granted, visited, todo = set(), set(), list(self._users.get(user, ()))
        while todo:
            role = todo.pop()
            if role in visited or role not in self._roles:
                continue
            visited.add(role)
            permissions, parents = self._roles[role]
            granted |= permissions
            todo.extend(parents)
        return frozenset(granted)

    def can(self, user, permission):
        return permission in self.permissions_of(user)

    def who_can(self, permission):
        return sorted(u for u in self._users if self.can(u, permission))

# %% course={"kind": "wrong", "id": "recursion-no-visited", "fails": ["t4"]}
class PermissionSystem:
    def __init__(self):
        self._roles = {}
        self._users = {}

    def add_role(self, name, permissions, inherits=()):
        self._roles[name] = (set(permissions), tuple(inherits))

    def assign(self, user, role):
        if role not in self._roles:
            raise KeyError(role)
        self._users.setdefault(user, set()).add(role)

    def _expand(self, role):
        permissions, parents = self._roles.get(role, (set(), ()))
        result = set(permissions)
        for parent in parents:
            result |= self._expand(parent)
        return result

    def permissions_of(self, user):
        granted = set()
        for role in self._users.get(user, ()):
            granted |= self._expand(role)
        return frozenset(granted)

    def can(self, user, permission):
        return permission in self.permissions_of(user)

    def who_can(self, permission):
        return sorted(u for u in self._users if self.can(u, permission))

# %% course={"kind": "wrong", "id": "keeps-callers-objects", "fails": ["t4"]}
class PermissionSystem:
    def __init__(self):
        self._roles = {}
        self._users = {}

    def add_role(self, name, permissions, inherits=()):
        self._roles[name] = (permissions, inherits)      # the caller's own set and list: aliases

    def assign(self, user, role):
        if role not in self._roles:
            raise KeyError(role)
        self._users.setdefault(user, set()).add(role)

    def permissions_of(self, user):
        granted, visited, todo = set(), set(), list(self._users.get(user, ()))
        while todo:
            role = todo.pop()
            if role in visited or role not in self._roles:
                continue
            visited.add(role)
            permissions, parents = self._roles[role]
            granted |= set(permissions)
            todo.extend(parents)
        return frozenset(granted)

    def can(self, user, permission):
        return permission in self.permissions_of(user)

    def who_can(self, permission):
        return sorted(u for u in self._users if self.can(u, permission))

# %% course={"kind": "wrong", "id": "unsorted-who-can", "fails": ["t3"]}
class PermissionSystem:
    def __init__(self):
        self._roles = {}
        self._users = {}

    def add_role(self, name, permissions, inherits=()):
        self._roles[name] = (set(permissions), tuple(inherits))

    def assign(self, user, role):
        if role not in self._roles:
            raise KeyError(role)
        self._users.setdefault(user, set()).add(role)

    def permissions_of(self, user):
        granted, visited, todo = set(), set(), list(self._users.get(user, ()))
        while todo:
            role = todo.pop()
            if role in visited or role not in self._roles:
                continue
            visited.add(role)
            permissions, parents = self._roles[role]
            granted |= permissions
            todo.extend(parents)
        return frozenset(granted)

    def can(self, user, permission):
        return permission in self.permissions_of(user)

    def who_can(self, permission):
        return [u for u in self._users if self.can(u, permission)]   # in order of assignment

# %% [markdown] course={"kind": "exercise", "id": "data-diff", "item": "project-4-4-2"}
# ### Mini-project: Data Diff Tool
#
# Two exports of the same data (yesterday's and today's inventory, two API responses) arrive as
# lists of dicts, each with an identifying field. Write two functions:
#
# **`diff_records(old, new, key="id")`** returns
#
# ```python
# {"added": [...], "removed": [...], "modified": {id: {field: (old_value, new_value)}}}
# ```
#
# - `added` / `removed`: **sorted** ids only in `new` / only in `old`;
# - `modified`: for ids in both whose records differ, every field whose value differs, where a
#   field missing on one side counts as `None` there. Values may be of any type (numbers,
#   strings, lists, nested dicts) and are compared with `==`.
#
# **`render_diff(diff)`** turns that into report lines, ids in sorted order: first `+ <id>` for
# each added, then `- <id>` for each removed, then for each modified id one line per field, fields
# sorted: `~ <id> <field>: <old!r> -> <new!r>`.
#
# ```python
# old = [{"id": 1, "host": "web-1", "cpu": 2}, {"id": 2, "host": "db-1", "cpu": 4}]
# new = [{"id": 2, "host": "db-1", "cpu": 8}, {"id": 3, "host": "web-2", "cpu": 2}]
# diff_records(old, new)
# # {'added': [3], 'removed': [1], 'modified': {2: {'cpu': (4, 8)}}}
# render_diff(diff_records(old, new))
# # ['+ 3', '- 1', '~ 2 cpu: 4 -> 8']
# ```

# %% [markdown] course={"kind": "hint"}
# Index both lists by id first: `{r[key]: r for r in old}`. Then the id sets give added, removed
# and common ids with `-` and `&`.

# %% [markdown] course={"kind": "hint"}
# For a common id, loop over `sorted(a.keys() | b.keys())` (or just the union) and compare
# `a.get(field)` with `b.get(field)`. Only store ids that have at least one changed field.

# %% course={"kind": "solution", "equivalent": {"m-5dc056c2": "only the insertion order of 'modified' changes; dict equality and render_diff ignore it", "m-16225f40": "only the insertion order of a record's changes changes; dict equality and render_diff ignore it"}}
def diff_records(old: list[dict], new: list[dict], key: str = "id") -> dict:
    """Added and removed ids, and the changed fields of records present in both."""
    ### BEGIN SOLUTION
    before = {record[key]: record for record in old}
    after = {record[key]: record for record in new}
    modified = {}
    for rid in sorted(before.keys() & after.keys()):
        a, b = before[rid], after[rid]
        changes = {f: (a.get(f), b.get(f)) for f in sorted(a.keys() | b.keys()) if a.get(f) != b.get(f)}
        if changes:
            modified[rid] = changes
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "modified": modified,
    }
    ### END SOLUTION


def render_diff(diff: dict) -> list[str]:
    """Report lines: '+ id', '- id', then '~ id field: old -> new'."""
    ### BEGIN SOLUTION
    lines = [f"+ {rid}" for rid in sorted(diff["added"])]
    lines += [f"- {rid}" for rid in sorted(diff["removed"])]
    for rid in sorted(diff["modified"]):
        for field, (a, b) in sorted(diff["modified"][rid].items()):
            lines.append(f"~ {rid} {field}: {a!r} -> {b!r}")
    return lines
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
old = [{"id": 1, "host": "web-1", "cpu": 2}, {"id": 2, "host": "db-1", "cpu": 4}]
new = [{"id": 2, "host": "db-1", "cpu": 8}, {"id": 3, "host": "web-2", "cpu": 2}]
result = diff_records(old, new)
assert result["added"] == [3] and result["removed"] == [1], f"added/removed: got {result['added']}, {result['removed']}"
assert result["modified"] == {2: {"cpu": (4, 8)}}, f"modified: got {result['modified']}"
result = diff_records([{"id": i} for i in (64, 5, 17)], [{"id": i} for i in (100, 3, 9)])
assert result["added"] == [3, 9, 100] and result["removed"] == [5, 17, 64], f"ids are sorted: got {result}"

# %% course={"kind": "test", "points": 2}
old = [{"name": "api", "image": "api:1", "env": {"A": "1"}, "ports": [80]},
       {"name": "etl", "image": "etl:3"}, {"name": "web", "image": "web:2"}]
new = [{"name": "web", "image": "web:2"}, {"name": "etl", "image": "etl:3", "gpu": True},
       {"name": "api", "image": "api:1", "env": {"A": "2"}, "ports": [80]}]
result = diff_records(old, new, key="name")
assert result["added"] == [] and result["removed"] == [], "same names on both sides"
assert result["modified"] == {"api": {"env": ({"A": "1"}, {"A": "2"})}, "etl": {"gpu": (None, True)}}, (
    f"nested values compare by ==, a missing field counts as None, unchanged records are left out: got {result['modified']}"
)

# %% course={"kind": "test", "points": 2}
old = [{"id": "b", "x": 1, "y": "s"}, {"id": "z"}]
new = [{"id": "b", "x": 2, "y": "t"}, {"id": "a"}, {"id": "c"}]
lines = render_diff(diff_records(old, new))
assert lines == ["+ a", "+ c", "- z", "~ b x: 1 -> 2", "~ b y: 's' -> 't'"], f"got {lines}"
lines = render_diff({"added": [3, 1], "removed": [9, 7], "modified": {5: {"b": (1, 2), "a": ("x", None)}, 4: {"c": (0, 1)}}})
want = ["+ 1", "+ 3", "- 7", "- 9", "~ 4 c: 0 -> 1", "~ 5 a: 'x' -> None", "~ 5 b: 1 -> 2"]
assert lines == want, f"render_diff sorts ids and fields itself, whatever order the diff has; got {lines}"
### BEGIN HIDDEN TESTS
assert diff_records([], []) == {"added": [], "removed": [], "modified": {}}, 'two empty exports'
assert render_diff({"added": [], "removed": [], "modified": {}}) == [], 'no differences, no lines'
import copy

left, right = [{"id": 1, "v": [1]}], [{"id": 1, "v": [1, 2]}]
snapshot = copy.deepcopy((left, right))
assert diff_records(left, right)["modified"] == {1: {"v": ([1], [1, 2])}}, 'lists compare by value'
assert (left, right) == snapshot, "the inputs must not change"
got = diff_records([{"id": 0, "x": 0, "y": None, "z": ""}], [{"id": 0}])
assert got == {"added": [], "removed": [], "modified": {0: {"x": (0, None), "z": ("", None)}}}, f"0 and '' differ from a missing field, None does not: got {got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "only-old-fields", "fails": ["t2"]}
def diff_records(old, new, key="id"):
    before = {r[key]: r for r in old}
    after = {r[key]: r for r in new}
    modified = {}
    for rid in before.keys() & after.keys():
        a, b = before[rid], after[rid]
        changes = {f: (a[f], b.get(f)) for f in a if a[f] != b.get(f)}
        if changes:
            modified[rid] = changes
    return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()), "modified": modified}


def render_diff(diff):
    lines = [f"+ {rid}" for rid in sorted(diff["added"])]
    lines += [f"- {rid}" for rid in sorted(diff["removed"])]
    for rid in sorted(diff["modified"]):
        for field, (a, b) in sorted(diff["modified"][rid].items()):
            lines.append(f"~ {rid} {field}: {a!r} -> {b!r}")
    return lines

# %% course={"kind": "wrong", "id": "str-not-repr", "fails": ["t3"]}
def diff_records(old, new, key="id"):
    before = {r[key]: r for r in old}
    after = {r[key]: r for r in new}
    modified = {}
    for rid in before.keys() & after.keys():
        a, b = before[rid], after[rid]
        changes = {f: (a.get(f), b.get(f)) for f in a.keys() | b.keys() if a.get(f) != b.get(f)}
        if changes:
            modified[rid] = changes
    return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()), "modified": modified}


def render_diff(diff):
    lines = [f"+ {rid}" for rid in diff["added"]] + [f"- {rid}" for rid in diff["removed"]]
    for rid in sorted(diff["modified"]):
        for field, (a, b) in sorted(diff["modified"][rid].items()):
            lines.append(f"~ {rid} {field}: {a} -> {b}")
    return lines

# %% course={"kind": "wrong", "id": "render-trusts-order", "fails": ["t3"]}
def diff_records(old, new, key="id"):
    before = {r[key]: r for r in old}
    after = {r[key]: r for r in new}
    modified = {}
    for rid in sorted(before.keys() & after.keys()):
        a, b = before[rid], after[rid]
        changes = {f: (a.get(f), b.get(f)) for f in sorted(a.keys() | b.keys()) if a.get(f) != b.get(f)}
        if changes:
            modified[rid] = changes
    return {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()), "modified": modified}


def render_diff(diff):                   # relies on diff_records having sorted everything
    lines = [f"+ {rid}" for rid in diff["added"]] + [f"- {rid}" for rid in diff["removed"]]
    for rid, changes in diff["modified"].items():
        for field, (a, b) in changes.items():
            lines.append(f"~ {rid} {field}: {a!r} -> {b!r}")
    return lines

# %% [markdown] course={"kind": "task", "id": "diff-real-data", "item": "project-4-4-2", "points": 3}
# ### Diff two real exports
#
# Point your diff tool at real data from two moments: for example `pip list --format=json` in two
# virtual environments (key `name`), or two saves of `kubectl get pods -o json` (key: the pod
# name, after pulling `items` out), or two JSON files you export from any API you use. Write a
# short script that loads both files with `json.load`, calls `diff_records` and prints
# `render_diff`. Paste the command, the first 20 lines of the report, and one sentence on a
# difference the report made visible.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: two real files from the same source were loaded from disk (not typed in).
# - 1 point: the key field was chosen sensibly (unique per record) and the report is shown.
# - 1 point: the sentence names a concrete added/removed/modified item and what changed.

# %% [markdown] course={"kind": "exercise", "id": "distinct-average", "item": "dsa-sets"}
# ### Problem: Average of distinct sizes (after HackerRank's *Introduction to Sets*)
#
# A fleet report lists the memory size (GB) of every machine. Capacity planners want the average
# of the **distinct** sizes, not of all machines. Write `distinct_average(sizes)` that returns it
# rounded to 3 decimal places. An empty list raises `ValueError`.
#
# ```python
# distinct_average([16, 32, 32, 64, 16])   # 37.333  (the average of 16, 32 and 64)
# ```

# %% [markdown] course={"kind": "hint"}
# `unique = set(sizes)`; then `sum(unique) / len(unique)`, and `round(value, 3)`.

# %% course={"kind": "solution"}
def distinct_average(sizes: list[float]) -> float:
    """Average of the distinct values in ``sizes``, rounded to 3 places."""
    ### BEGIN SOLUTION
    unique = set(sizes)
    if not unique:
        raise ValueError("no sizes to average")
    return round(sum(unique) / len(unique), 3)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert distinct_average([16, 32, 32, 64, 16]) == 37.333, f"got {distinct_average([16, 32, 32, 64, 16])}"
assert distinct_average([8]) == 8, "one size"

# %% course={"kind": "test", "points": 1}
assert distinct_average([1, 2, 2, 2, 2, 2]) == 1.5, "repeats do not weigh more"
try:
    distinct_average([])
except ValueError:
    pass
else:
    raise AssertionError("an empty list must raise ValueError")
### BEGIN HIDDEN TESTS
assert distinct_average([0.5, 0.25, 0.5]) == 0.375, 'floats work too'
assert distinct_average([-4, 4, 4]) == 0, 'negative sizes average out'
assert distinct_average([1, 1.0, 2]) == 1.5, "1 and 1.0 are the same value"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "all-values", "fails": ["t1", "t2"]}
def distinct_average(sizes):
    if not sizes:
        raise ValueError("empty")
    return round(sum(sizes) / len(sizes), 3)

# %% course={"kind": "wrong", "id": "zero-division", "fails": ["t2"]}
def distinct_average(sizes):
    unique = set(sizes)
    return round(sum(unique) / len(unique), 3)

# %% [markdown] course={"kind": "exercise", "id": "channel-report", "item": "dsa-set-operations"}
# ### Problem: Who gets the alert? (after HackerRank's *Set .union()* / *.intersection()* family)
#
# On-call engineers subscribe to alerts by Slack, by e-mail, or both. Given the two lists of user
# names (with accidental repeats), write `channel_report(slack, email)` returning a dict of
# **counts**:
#
# | key | how many users... |
# |---|---|
# | `"any"` | get the alert at all |
# | `"both"` | are on both channels |
# | `"slack_only"` | are only on Slack |
# | `"email_only"` | are only on e-mail |
# | `"one_channel"` | are on exactly one channel |
#
# ```python
# channel_report(["ana", "bo", "cy"], ["bo", "dee", "bo"])
# # {'any': 4, 'both': 1, 'slack_only': 2, 'email_only': 1, 'one_channel': 3}
# ```

# %% [markdown] course={"kind": "hint"}
# One set operator per key: `|`, `&`, `-` (both directions) and `^`. Take `len()` of each.

# %% course={"kind": "solution"}
def channel_report(slack: list[str], email: list[str]) -> dict[str, int]:
    """Counts of users reached by either, both, only one of the two channels."""
    ### BEGIN SOLUTION
    s, e = set(slack), set(email)
    return {
        "any": len(s | e),
        "both": len(s & e),
        "slack_only": len(s - e),
        "email_only": len(e - s),
        "one_channel": len(s ^ e),
    }
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = channel_report(["ana", "bo", "cy"], ["bo", "dee", "bo"])
assert result == {"any": 4, "both": 1, "slack_only": 2, "email_only": 1, "one_channel": 3}, f"got {result}"

# %% course={"kind": "test", "points": 1}
result = channel_report(["x", "x", "y"], ["y", "y", "z", "z"])
assert result == {"any": 3, "both": 1, "slack_only": 1, "email_only": 1, "one_channel": 2}, f"repeats count once: got {result}"
### BEGIN HIDDEN TESTS
assert channel_report([], []) == {"any": 0, "both": 0, "slack_only": 0, "email_only": 0, "one_channel": 0}, 'no subscribers at all'
assert channel_report(["a"], []) == {"any": 1, "both": 0, "slack_only": 1, "email_only": 0, "one_channel": 1}, 'e-mail list empty'
assert channel_report(["Ana"], ["ana"])["both"] == 0, "names are case-sensitive"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "list-lengths", "fails": ["t1", "t2"]}
def channel_report(slack, email):
    s, e = set(slack), set(email)
    return {
        "any": len(slack) + len(email) - len(s & e),
        "both": len(s & e),
        "slack_only": len(s - e),
        "email_only": len(e - s),
        "one_channel": len(s ^ e),
    }

# %% course={"kind": "wrong", "id": "one-direction", "fails": ["t1", "t2"]}
def channel_report(slack, email):
    s, e = set(slack), set(email)
    return {"any": len(s | e), "both": len(s & e), "slack_only": len(s - e), "email_only": len(s - e), "one_channel": len(s ^ e)}

# %% [markdown] course={"kind": "exercise", "id": "shared-ids", "item": "dsa-intersection-of-two-arrays"}
# ### Problem: IDs in both exports (after LeetCode's *Intersection of Two Arrays*)
#
# Write `shared_ids(a, b)` that returns the **sorted** list of distinct values present in both
# lists. Aim for O(n + m) with sets; the last test counts comparisons and hashes on two lists of
# 3000 values, and `x in b` on a list (a scan per item) fails it.
#
# ```python
# shared_ids([4, 9, 5, 9], [9, 4, 9, 8, 4])   # [4, 9]
# ```

# %% [markdown] course={"kind": "hint"}
# `set(a) & set(b)`, then `sorted(...)`.

# %% course={"kind": "solution"}
def shared_ids(a: list[int], b: list[int]) -> list[int]:
    """Sorted distinct values found in both ``a`` and ``b``."""
    ### BEGIN SOLUTION
    return sorted(set(a) & set(b))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert shared_ids([4, 9, 5, 9], [9, 4, 9, 8, 4]) == [4, 9], f"got {shared_ids([4, 9, 5, 9], [9, 4, 9, 8, 4])}"
assert shared_ids([1, 2, 2, 1], [2, 2]) == [2], "each value once"

# %% course={"kind": "test", "points": 1}
assert shared_ids([1, 2], [3, 4]) == [], "nothing in common"
assert shared_ids([], [1]) == [] and shared_ids([1], []) == [], "an empty list"
### BEGIN HIDDEN TESTS
assert shared_ids([-1, 0, 7], [7, -1]) == [-1, 7], "negative numbers, sorted"
assert shared_ids([5] * 100, [5] * 100) == [5], 'a repeated value is reported once'
assert shared_ids([0, 3], [0]) == [0], "0 is an id like any other"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 3000
meter = Meter(limit=10 * 2 * n)
Num = metered_int_type(meter)
a = [Num(2 * i) for i in range(n)]
b = [Num(7 * i + 1) for i in range(n)]
expected = sorted(set(range(0, 2 * n, 2)) & set(range(1, 7 * n, 7)))
assert shared_ids(a, b) == expected, 'the values both long lists share'
print(f"{meter.count} basic operations for two lists of {n}")

# %% course={"kind": "wrong", "id": "list-membership", "fails": ["t3"]}
def shared_ids(a, b):
    return sorted({x for x in a if x in b})

# %% course={"kind": "wrong", "id": "keeps-duplicates", "fails": ["t1", "t2"]}
def shared_ids(a, b):
    other = set(b)
    return sorted(x for x in a if x in other)

# %% [markdown] course={"kind": "exercise", "id": "happy-number", "item": "dsa-happy-number"}
# ### Problem: Does the digit-square chain reach 1? (after LeetCode's *Happy Number*)
#
# Start from a positive whole number and repeatedly replace it by the **sum of the squares of
# its digits**. Either the chain reaches 1 and stays there (call the number *happy*), or it falls
# into a loop that never contains 1. Write `is_happy(n)`, returning `True` or `False`. It must
# always stop: a set of the numbers already seen tells you when the chain starts repeating.
#
# ```python
# is_happy(19)   # True: 19 -> 82 -> 68 -> 100 -> 1
# is_happy(2)    # False: 2 -> 4 -> 16 -> 37 -> 58 -> 89 -> 145 -> 42 -> 20 -> 4 -> ...
# ```

# %% [markdown] course={"kind": "hint"}
# The next number is `sum(int(d) ** 2 for d in str(n))`.

# %% [markdown] course={"kind": "hint"}
# Loop `while n != 1 and n not in seen:` adding `n` to `seen` before stepping. Afterwards the
# answer is `n == 1`.

# %% course={"kind": "solution", "equivalent": {"m-544e5a6f": "1 maps to itself, so a chain at 1 stops one step later through the seen set, still at 1", "m-1a62b22b": "2 is unhappy, so stopping at 2 answers False just as the full walk would"}}
def is_happy(n: int) -> bool:
    """Whether the digit-square chain from ``n`` reaches 1."""
    ### BEGIN SOLUTION
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_happy(19) is True, "19 -> 82 -> 68 -> 100 -> 1"
assert is_happy(2) is False, "2 falls into a loop"

# %% course={"kind": "test", "points": 2}
happy_below_50 = [n for n in range(1, 50) if is_happy(n)]
assert happy_below_50 == [1, 7, 10, 13, 19, 23, 28, 31, 32, 44, 49], f"got {happy_below_50}"
### BEGIN HIDDEN TESTS
assert is_happy(10**18) is True, "a 1 and eighteen zeros goes straight to 1"
assert is_happy(4) is False and is_happy(89) is False, "numbers inside the loop"
assert sum(is_happy(n) for n in range(1, 1001)) == 143, "there are 143 happy numbers up to 1000"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "digit-sum", "fails": ["t2"]}
def is_happy(n):
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) for d in str(n))
    return n == 1

# %% course={"kind": "wrong", "id": "precedence", "fails": ["t1", "t2"]}
def is_happy(n):
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        total = 0
        while n > 0:
            total += n % 10 ** 2  # ** binds tighter than %: this is n % 100
            n //= 10
        n = total
    return n == 1

# %% [markdown] course={"kind": "exercise", "id": "single-number", "item": "dsa-single-number"}
# ### Problem: The unpaired request (after LeetCode's *Single Number*)
#
# Every request id in a log appears exactly **twice** (sent and acknowledged), except one that
# was never acknowledged. Write `unpaired(ids)` that finds it, in O(n) time. The neat trick uses
# XOR (`^`): `x ^ x == 0` and `x ^ 0 == x`, so XOR-ing everything cancels the pairs. A set that
# adds an id on its first sighting and removes it on the second works too. Counting each id with
# `ids.count(x)` is O(n²) and fails the last test.
#
# ```python
# unpaired([7, 3, 5, 3, 7])   # 5
# ```

# %% [markdown] course={"kind": "hint"}
# `result = 0`, then `result ^= x` for every id.

# %% course={"kind": "solution"}
def unpaired(ids: list[int]) -> int:
    """The one id that appears once; all others appear exactly twice."""
    ### BEGIN SOLUTION
    result = 0
    for x in ids:
        result ^= x
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert unpaired([7, 3, 5, 3, 7]) == 5, f"got {unpaired([7, 3, 5, 3, 7])}"
assert unpaired([42]) == 42, "a single id"

# %% course={"kind": "test", "points": 1}
assert unpaired([2, 9, 2, 1, 9]) == 1 and unpaired([1, 1, 9]) == 9, "the unpaired id may be anywhere, even last"
### BEGIN HIDDEN TESTS
assert unpaired([-3, 4, 4]) == -3, "negative ids"
assert unpaired([0, 5, 5]) == 0, "the unpaired id may be 0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 2000
meter = Meter(limit=10 * n)
Num = metered_int_type(meter)
ids = [Num(i) for i in range(n)] + [Num(i) for i in range(n) if i != 1234]
assert unpaired(ids) == 1234, '1234 appears only once'
print(f"{meter.count} basic operations for {len(ids)} ids")

# %% course={"kind": "wrong", "id": "count-each", "fails": ["t3"]}
def unpaired(ids):
    for x in ids:
        if ids.count(x) == 1:
            return x

# %% course={"kind": "wrong", "id": "pairs-misses-last", "fails": ["t2"]}
def unpaired(ids):
    ordered = sorted(ids)
    for i in range(0, len(ordered) - 1, 2):
        if ordered[i] != ordered[i + 1]:
            return ordered[i]
    return ordered[0]

# %% [markdown] course={"kind": "exercise", "id": "repeat-within", "item": "dsa-contains-duplicate-ii"}
# ### Problem: The same alert twice, close together (after LeetCode's *Contains Duplicate II*)
#
# `alerts` is a list of alert fingerprints in arrival order. Write `repeats_within(alerts, k)`:
# `True` if some fingerprint occurs at two positions `i != j` with `abs(i - j) <= k`.
#
# Aim for O(n): remember the **last position** of each fingerprint in a dict (or keep a set of the
# last `k` fingerprints as a sliding window). Comparing each alert with the next `k` ones is
# O(n·k); the last test uses `k = n` and fails it.
#
# ```python
# repeats_within(["cpu", "disk", "net", "cpu"], 3)   # True: positions 0 and 3
# repeats_within(["cpu", "disk", "net", "cpu"], 2)   # False
# ```

# %% [markdown] course={"kind": "hint"}
# `last = {}`; for each position `i` and fingerprint `f`: if `f in last and i - last[f] <= k`,
# answer `True`; then store `last[f] = i`.

# %% course={"kind": "solution"}
def repeats_within(alerts: list, k: int) -> bool:
    """Whether an equal fingerprint appears twice at most ``k`` positions apart."""
    ### BEGIN SOLUTION
    last: dict = {}
    for i, fingerprint in enumerate(alerts):
        if fingerprint in last and i - last[fingerprint] <= k:
            return True
        last[fingerprint] = i
    return False
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert repeats_within(["cpu", "disk", "net", "cpu"], 3) is True, "distance 3 with k = 3"
assert repeats_within(["cpu", "disk", "net", "cpu"], 2) is False, "distance 3 is more than k = 2"

# %% course={"kind": "test", "points": 1}
assert repeats_within([1, 0, 1, 1], 1) is True, "the last two are 1 apart"
assert repeats_within([1, 2, 3, 1, 2, 3], 2) is False, "every repeat is 3 apart"
### BEGIN HIDDEN TESTS
assert repeats_within([], 5) is False and repeats_within([9], 5) is False, 'fewer than two alerts cannot repeat'
assert repeats_within([4, 4], 0) is False, "k = 0 allows no distance at all"
assert repeats_within([1, 2, 1, 9, 9, 9, 1], 1) is True, 'the 9s are next to each other'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 2000
meter = Meter(limit=10 * n)
Num = metered_int_type(meter)
alerts = [Num(i) for i in range(n)]
assert repeats_within(alerts, n) is False, "all different"
print(f"{meter.count} basic operations for {n} alerts")

# %% course={"kind": "wrong", "id": "window-loop", "fails": ["t3"]}
def repeats_within(alerts, k):
    for i in range(len(alerts)):
        for j in range(i + 1, min(i + k + 1, len(alerts))):
            if alerts[i] == alerts[j]:
                return True
    return False

# %% course={"kind": "wrong", "id": "first-position", "fails": ["t2"]}
def repeats_within(alerts, k):
    first = {}
    for i, f in enumerate(alerts):
        if f in first and i - first[f] <= k:
            return True
        first.setdefault(f, i)
    return False

# %% course={"kind": "wrong", "id": "strictly-less", "fails": ["t1", "t2"]}
def repeats_within(alerts, k):
    last = {}
    for i, f in enumerate(alerts):
        if f in last and i - last[f] < k:
            return True
        last[f] = i
    return False

# %% [markdown] course={"kind": "exercise", "id": "longest-distinct-run", "item": "dsa-longest-substring-without-repeating"}
# ### Problem: Longest stretch without a repeat (after LeetCode's *Longest Substring Without Repeating Characters*)
#
# Write `longest_distinct_run(text)`: the length of the longest **contiguous** piece of `text`
# in which no character appears twice.
#
# ```python
# longest_distinct_run("abcabcbb")   # 3 ('abc')
# longest_distinct_run("dvdf")       # 3 ('vdf')
# ```
#
# Aim for O(n) with a **sliding window**: grow it on the right; when the new character is already
# inside, move the left edge just past its previous position. Restarting from every position is
# O(n²) (or worse) and fails the last test, which uses 4000 characters.

# %% [markdown] course={"kind": "hint"}
# Keep `last_seen = {char: index}` and `start` (the window's left edge). For each `i, ch`: if
# `ch` was seen at or after `start`, set `start = last_seen[ch] + 1`.

# %% [markdown] course={"kind": "hint"}
# After updating `start`, record `last_seen[ch] = i` and the best length `i - start + 1`.
# Resetting the window to empty on a repeat is the classic bug: `"dvdf"` then gives 2.

# %% course={"kind": "solution"}
def longest_distinct_run(text: str) -> int:
    """Length of the longest substring of ``text`` with no repeated character."""
    ### BEGIN SOLUTION
    last_seen: dict[str, int] = {}
    start = best = 0
    for i, ch in enumerate(text):
        if ch in last_seen and last_seen[ch] >= start:
            start = last_seen[ch] + 1
        last_seen[ch] = i
        best = max(best, i - start + 1)
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert longest_distinct_run("abcabcbb") == 3, "'abc'"
assert longest_distinct_run("bbbbb") == 1, "'b'"

# %% course={"kind": "test", "points": 2}
assert longest_distinct_run("dvdf") == 3, "'vdf': after the second d, the window keeps 'v'"
assert longest_distinct_run("abba") == 2, "the left edge never moves backwards"
assert longest_distinct_run("pwwkew") == 3, "'wke'"
### BEGIN HIDDEN TESTS
assert longest_distinct_run("") == 0, "empty text"
assert longest_distinct_run("a b c") == 3, "spaces are characters too"
assert longest_distinct_run("héllo wörld") == 7, "unicode: 'o wörld' (o and ö are different characters)"
assert longest_distinct_run("Aa") == 2, "case-sensitive"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 2000
meter = Meter(limit=20 * 2 * n)
Text = metered_str_type(meter)
text = "".join(chr(0x4E00 + i) for i in range(n)) * 2
assert longest_distinct_run(Text(text)) == n, 'all n characters differ, then the text repeats'
print(f"{meter.count} basic operations for {2 * n} characters")

# %% course={"kind": "wrong", "id": "every-start", "fails": ["t3"]}
def longest_distinct_run(text):
    best = 0
    for i in range(len(text)):
        seen = set()
        for ch in text[i:]:
            if ch in seen:
                break
            seen.add(ch)
        best = max(best, len(seen))
    return best

# %% course={"kind": "wrong", "id": "reset-window", "fails": ["t2"]}
def longest_distinct_run(text):
    seen = set()
    best = 0
    for ch in text:
        if ch in seen:
            seen = set()
        seen.add(ch)
        best = max(best, len(seen))
    return best

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-time-complexity-of-set"}
# `add`, `remove`, `discard` and `x in s` are O(1) on average (O(n) in the degenerate case where
# many items share a hash). Building a set from n items is O(n). `a | b` is O(len(a) + len(b));
# `a & b` is O(min(len(a), len(b))), since Python loops over the smaller set and probes the
# larger; `a - b` is O(len(a)); `a <= b` is O(len(a)). Iterating or copying is O(n).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-an-empty-set"}
# With `set()`. The literal `{}` is an empty **dict**, because dicts had the brace syntax first;
# there is no literal for an empty set (`{*()}` works but nobody should have to read it).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-remove"}
# Both delete an item. `s.remove(x)` raises `KeyError` when `x` is not in the set; `s.discard(x)`
# silently does nothing. Use `remove` when absence means a bug you want to hear about, `discard`
# when "make sure it is gone" is all you want (cleaning up a set of active sessions, say).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-a-frozen-set"}
# An immutable set: `frozenset(iterable)`. It supports every read-only set operation (`in`, `|`,
# `&`, `-`, `^`, comparisons) but has no `add`, `remove` or `update`. Because it can never change
# it is hashable, so it can be a dict key or an item of another set, and it is safe to share as a
# constant. It compares equal to a normal set with the same items.

# %% course={"kind": "trap", "trap": "trap-creates-a-dict-not-a-set"}
# {} is an empty dict. Calling set methods on it fails.
tags = {}
print(type(tags).__name__, "| set():", type(set()).__name__, "| {1}:", type({1}).__name__)
try:
    tags.add("prod")
except AttributeError as err:
    print("AttributeError:", err)

# %% course={"kind": "trap", "trap": "trap-remove-raises-keyerror-discard-doesn-t"}
# remove() insists the item is there; discard() does not care.
active = {"s1", "s2"}
active.discard("s9")
print("discard of a missing item: fine ->", sorted(active))
try:
    active.remove("s9")
except KeyError as err:
    print("remove of a missing item: KeyError", err)

# %% course={"kind": "trap", "trap": "trap-sets-are-unordered-no-indexing"}
# No positions in a set: indexing fails, and "the first item" is not a thing you can rely on.
hosts = {"web-1", "web-2", "db-1"}
try:
    hosts[0]
except TypeError as err:
    print("TypeError:", err)
print("sort when you need an order:", sorted(hosts)[0])
print("pop() removes an arbitrary item; how many are left:", (hosts.pop(), len(hosts))[1])

# %% course={"kind": "trap", "trap": "trap-elements-must-be-hashable"}
# Lists, dicts and sets cannot go inside a set; convert them to tuples or frozensets.
ports_seen = set()
try:
    ports_seen.add([80, 443])
except TypeError as err:
    print("TypeError:", err)
ports_seen.add((80, 443))
ports_seen.add(frozenset({"tcp", "udp"}))
print("hashable versions work:", len(ports_seen), "items")
try:
    ports_seen.add(({"proto": "tcp"}, 80))
except TypeError as err:
    print("a tuple is only hashable if everything inside is:", err)
