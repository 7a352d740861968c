# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can build, slice, copy and reshape lists without tripping
# over aliasing, say what each list operation costs and why, and solve the classic array
# problems (two pointers, sliding windows, prefix products) in linear time.

# %% course={"kind": "setup", "id": "work-counters"}
# Helpers the tests use to measure work by COUNTING it, never by timing it: a StepBudget is a
# counter with a limit, and the lists and numbers made by CountingList and counted() charge it.
from course.runtime.meters import CountingList, StepBudget, counted

# %% [markdown] course={"kind": "lesson", "id": "creating-lists", "covers": ["c-list-creation-literals-list"]}
# ### Making lists
#
# A **list** is an ordered, growable sequence of references to any objects. You make one in
# three ways:
#
# | how | example | use it when |
# |---|---|---|
# | a literal | `["web-1", "web-2"]` | you know the items while writing the code |
# | `list(iterable)` | `list(range(5))`, `list("abc")`, `list(inventory)` | you have some iterable and need a real list (to index it, to keep it, to change it) |
# | a comprehension | `[h.upper() for h in hosts]` | you build one list from another |
#
# In operations code lists are everywhere: the hosts in a deploy batch, the last N latency
# samples, the lines of a log, the commands of a runbook. `list()` is also how you *freeze an
# iterator into data*: a generator or `dict.keys()` can be read once or changes with its
# source, a list you made is yours. The classic slip is `list("web-1")`: a string is an
# iterable of characters, so you get five one-letter items, not one hostname.

# %% course={"kind": "demo"}
batch = ["web-1", "web-2", "db-1"]              # literal
ports = list(range(8000, 8004))                 # from any iterable
inventory = {"web-1": "eu", "db-1": "us"}
names = list(inventory)                         # a dict iterates over its keys
upper = [host.upper() for host in batch]        # comprehension

print(batch, ports, names, upper, sep="\n")
print(list("web-1"), "<- a string is an iterable of characters")
print(["web-1"], "<- what you probably meant")
print(list(), [], list() == [], "<- two spellings of an empty list")

# %% [markdown] course={"kind": "lesson", "id": "indexing-slicing", "covers": ["c-list-indexing-positive-negative-indices", "c-slicing-start-stop-step", "c-slice-objects"]}
# ### Indexing and slicing
#
# **Indexes** start at `0`. **Negative indexes** count from the end: `-1` is the last item,
# `-2` the one before it, so `samples[-1]` is "the newest reading" whatever the length. An
# index past either end raises `IndexError`.
#
# A **slice** `items[start:stop:step]` makes a *new list* with the items from `start` up to,
# **but not including**, `stop`, taking every `step`-th one. Every part is optional: `start`
# defaults to the beginning, `stop` to the end, `step` to 1; a negative step walks backwards,
# which is why `items[::-1]` is a reversed copy. Slices never raise for out-of-range bounds:
# they clip, so `items[:100]` on a list of 3 is just the 3 items. Handy for batching, a trap
# when you expected an error.
#
# The expression `a:b:c` inside brackets is shorthand for a **slice object**, `slice(a, b, c)`.
# You can make one yourself, name it, and reuse it: a column layout, "the last five samples".
# `slice.indices(length)` turns it into concrete `(start, stop, step)` for a given length.

# %% course={"kind": "demo"}
samples = [12, 15, 11, 40, 38, 14, 13]   # one CPU reading per minute, oldest first

print("first, newest:", samples[0], samples[-1])
print("first three:  ", samples[:3])
print("all but last: ", samples[:-1])
print("every other:  ", samples[::2])
print("newest first: ", samples[::-1])
print("clipped:      ", samples[5:100], "(no error)")
try:
    samples[7]
except IndexError as err:
    print("samples[7] -> IndexError:", err)

LAST_FIVE = slice(-5, None)          # a named, reusable slice
print("last five:    ", samples[LAST_FIVE], "=", samples[-5:])
print("for length 7: ", LAST_FIVE.indices(len(samples)))

batch_size = 3                       # slicing in steps of batch_size splits work into batches
print("batches:      ", [samples[i:i + batch_size] for i in range(0, len(samples), batch_size)])

# %% [markdown] course={"kind": "lesson", "id": "mutability", "covers": ["c-list-mutability"]}
# ### Lists are mutable
#
# A list can change **in place**: assign to an index or a slice, append, delete. The object
# keeps its identity (`id()`) while its contents change, and *every name that refers to it sees
# the change*. That is exactly what you want for a work queue shared by two functions, and
# exactly what bites you when a function "just reads" a list you passed in and quietly sorts
# it. Strings and tuples are the immutable counterparts: their methods and operators never
# change them, they return a result instead (a new object, or, in CPython, sometimes the very
# same one when nothing had to change: `"web-1".strip() is "web-1"`).
#
# Slice assignment is the most powerful form: `items[1:3] = [...]` replaces a stretch with any
# number of items (the list grows or shrinks), and `items[:] = new_items` replaces the whole
# contents while keeping the same list object.

# %% course={"kind": "demo"}
hosts = ["web-1", "web-2", "web-3"]
before = id(hosts)
hosts[0] = "web-1a"                  # item assignment
hosts[1:2] = ["web-2a", "web-2b"]    # slice assignment: one item replaced by two
del hosts[-1]                        # delete in place
print(hosts, "same object:", id(hosts) == before)


def drain_one(queue):
    queue.pop(0)                     # changes the caller's list: there is only one list


drain_one(hosts)
print("after drain_one:", hosts)

name = "web-1"
shouted = name.upper()               # strings cannot change: upper() builds a new str
print(name, shouted, name is shouted)
print(name.strip() is name, "<- nothing to strip: CPython hands back the same (unchanged) str")

# %% [markdown] course={"kind": "lesson", "id": "list-methods", "covers": ["c-list-methods", "c-append-o-1-amortized", "c-extend-vs", "c-insert-o-n", "c-remove-o-n", "c-pop-o-1-for-last-o-n-for-arbitrary", "c-index-o-n", "c-count-o-n", "c-sort-o-n-log-n-timsort", "c-reverse-o-n", "c-copy-shallow-copy", "c-clear-o-n"]}
# ### The list methods and what they cost
#
# The methods that change the list (`append`, `extend`, `insert`, `remove`, `sort`, `reverse`,
# `clear`) work in place **and return `None`**; `pop` changes it and returns the item it took;
# `index`, `count` and `copy` only read. That is why `hosts = hosts.sort()` leaves you with
# `None`: use `sorted(hosts)` when you want a new sorted list.
#
# | method | does | cost (n = length) |
# |---|---|---|
# | `append(x)` | add `x` at the end | O(1) amortized |
# | `extend(it)` / `+= it` | add every item of an iterable at the end | O(k) for k new items |
# | `insert(i, x)` | put `x` before position `i`, shifting the rest right | O(n - i) |
# | `remove(x)` | delete the **first** item equal to `x` (`ValueError` if none) | O(n) |
# | `pop()` / `pop(i)` | remove and return the last item / item `i` | O(1) / O(n - i) |
# | `index(x)` | position of the first item equal to `x` (`ValueError` if none) | O(n) |
# | `count(x)` | how many items equal `x` | O(n) |
# | `sort(key=, reverse=)` | sort in place; stable (Timsort) | O(n log n), O(n) if already sorted |
# | `reverse()` | reverse in place | O(n) |
# | `copy()` | a new list holding the same objects (shallow) | O(n) |
# | `clear()` | remove everything | O(n) (each item loses a reference) |
#
# `extend` versus `append`: `append(["a", "b"])` adds **one** item, a list; `extend(["a", "b"])`
# adds two strings. `+=` on a list behaves like `extend` (it changes the list in place and
# accepts any iterable), while `a = a + b` builds a new list and only accepts a list.
#
# Timsort is **stable**: items that compare equal keep their order, so sorting hosts by region
# keeps the hosts of one region in their original order, and you can sort by several keys by
# sorting repeatedly, least important key first.

# %% course={"kind": "demo"}
deploy = ["web-1", "web-2"]
deploy.append("db-1")                   # one item
deploy.extend(["cache-1", "cache-2"])   # several items
deploy.append(["oops-1", "oops-2"])     # ONE item that happens to be a list
print(deploy)
deploy.pop()                            # remove the mistake (last item: cheap)
deploy.insert(0, "lb-1")                # front: shifts everything
print(deploy, "| index of db-1:", deploy.index("db-1"))

retries = ["web-1", "db-1", "web-1"]
retries.remove("web-1")                 # only the FIRST match goes
print(retries, "| count of web-1:", retries.count("web-1"))

result = deploy.sort()                  # sorts in place, returns None
print("deploy.sort() returned", result, "| deploy is now", deploy)

hosts = [("web-2", "eu"), ("db-1", "us"), ("web-1", "eu"), ("cache-1", "us")]
by_region = sorted(hosts, key=lambda h: h[1])        # stable: eu hosts keep their order
print("by region:", by_region)

snapshot = deploy.copy()
deploy.clear()
print("cleared:", deploy, "| the copy survives:", snapshot)

# %% [markdown] course={"kind": "lesson", "id": "list-operations", "covers": ["c-list-operations", "c-concatenation", "c-repetition", "c-membership-in", "c-length-len"]}
# ### Operators on lists: `+`, `*`, `in`, `len()`
#
# - `a + b` **concatenates** into a *new* list; neither operand changes. Building a list with
#   `result = result + [x]` in a loop copies everything every time (quadratic); use `append`.
# - `items * n` **repeats** the references `n` times. Fine for immutable items (`[0] * 5`), a
#   classic bug for mutable ones: `[[]] * 3` is one inner list referenced three times.
# - `x in items` is a **linear scan**: each item is checked by identity (`is`), then with
#   `==`. For "is this host in the allow-list?" asked many times, convert the list to a `set`
#   once.
# - `len(items)` is O(1): the list stores its length.

# %% course={"kind": "demo"}
eu = ["web-1", "web-2"]
us = ["web-3"]
everyone = eu + us
print(everyone, "| eu unchanged:", eu)

zeros = [0] * 4
print(zeros)
grid = [[]] * 3                    # three references to ONE list
grid[0].append("x")
print("[[]] * 3 after grid[0].append('x'):", grid)
grid = [[] for _ in range(3)]      # three separate lists
grid[0].append("x")
print("comprehension instead:            ", grid)

allowed = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
print("10.0.0.2" in allowed, "10.9.9.9" not in allowed, len(allowed))
missing = float("nan")             # nan is not equal even to itself...
print(missing == missing, missing in [missing], "<- ...but `in` checks identity first")

# %% [markdown] course={"kind": "lesson", "id": "comprehensions", "covers": ["c-list-comprehensions", "c-basic-x-for-x-in-iterable", "c-with-condition-x-for-x-in-iterable-if", "c-with-transformation-f-x-for-x-in", "c-nested-comprehensions", "c-multiple-iterables"]}
# ### List comprehensions
#
# A comprehension builds a new list from an iterable in one expression:
#
# ```python
# [expression  for item in iterable  if condition]
# ```
#
# - **basic**: `[x for x in items]` (a copy; `list(items)` says it more plainly);
# - **with a condition**: keep only some items, `[line for line in log if "ERROR" in line]`;
# - **with a transformation**: change each item, `[int(port) for port in ports]`;
# - **nested `for` clauses** read left to right like nested loops:
#   `[cell for row in grid for cell in row]` flattens one level;
# - a **nested comprehension** (a comprehension as the expression) builds a list of lists:
#   `[[0] * cols for _ in range(rows)]`;
# - **several iterables**: two `for` clauses give every combination (a cross product), while
#   `zip()` walks two lists *in step*. Mixing the two up is the usual mistake.
#
# Keep comprehensions for building a list. If you need side effects (printing, deploying) or
# the expression no longer fits on a line or two, write a plain `for` loop.

# %% course={"kind": "demo"}
log = ["INFO start", "ERROR disk full", "INFO retry", "ERROR disk full again"]
print([line for line in log])                               # basic
print([line for line in log if line.startswith("ERROR")])   # with a condition
print([len(line.split()) for line in log])                  # with a transformation

regions = ["eu", "us"]
envs = ["staging", "prod"]
print([f"{env}-{region}" for env in envs for region in regions])   # every combination
print([f"{env}-{region}" for env, region in zip(envs, regions)])   # in step

rack = [[1, 2, 3], [4, 5, 6]]
print("flattened:", [u for row in rack for u in row])
print("transposed:", [[row[i] for row in rack] for i in range(3)])  # a nested comprehension

# %% [markdown] course={"kind": "lesson", "id": "copies", "covers": ["c-shallow-vs-deep-copy", "c-assignment-creates-reference", "c-copy-and-create-shallow-copy", "c-copy-deepcopy-for-nested-structures"]}
# ### References, shallow copies, deep copies
#
# Three different things look like "copying":
#
# | code | new outer list? | new inner objects? |
# |---|---|---|
# | `b = a` | no: `b` is another name for the same list | no |
# | `b = a.copy()`, `a[:]`, `list(a)` | yes (**shallow** copy) | no: both lists hold the same inner objects |
# | `b = copy.deepcopy(a)` | yes | yes, recursively (**deep** copy) |
#
# A shallow copy is enough when the items are immutable (strings, numbers, tuples of them): you
# can add and remove items independently. When items are mutable, say a list of per-host
# settings dicts or a list of lists, changing an inner object through one list shows up in the
# other. A typical bug: copy the default config with `.copy()`, tweak one host's settings, and
# discover the default changed too.

# %% course={"kind": "demo"}
import copy

default = [{"host": "web-1", "replicas": 2}, {"host": "web-2", "replicas": 2}]

alias = default                      # the same list
shallow = default.copy()             # a new list, the same dicts
deep = copy.deepcopy(default)        # a new list, new dicts

shallow.append({"host": "web-3", "replicas": 1})   # the outer lists are independent...
shallow[0]["replicas"] = 5                          # ...but the inner dicts are shared
deep[1]["replicas"] = 9

print("default:", default)
print("alias is default:", alias is default)
print("shallow[0] is default[0]:", shallow[0] is default[0])
print("deep[0] is default[0]:", deep[0] is default[0], "| deep:", deep)

# %% [markdown] course={"kind": "lesson", "id": "internals", "covers": ["c-list-internals", "c-dynamic-array-implementation", "c-over-allocation-strategy", "c-memory-layout"]}
# ### How CPython stores a list
#
# A CPython list is a **dynamic array**: one block of memory holding **pointers** to the item
# objects, plus a length and a capacity. That layout explains every cost in the table above:
#
# - `items[i]` is one address calculation: O(1).
# - `append` writes into spare capacity: O(1). When the block is full, CPython asks for a
#   bigger one (about 1/8 more plus a little, the **over-allocation**; `realloc` may have to
#   move the pointers to a new place). Those rare moves average out, hence *amortized* O(1).
# - `insert(0, x)` and `pop(0)` must shift every pointer after the position: O(n).
# - The list holds pointers, not values: `sys.getsizeof(items)` counts only the list's own
#   header and its pointer block (8 bytes per slot on 64-bit), not the objects; the same object can sit in many slots (or
#   many lists) at once. For millions of plain numbers, `array.array` or NumPy store the raw
#   values contiguously instead.
#
# The first demo watches the capacity jump as a list grows. The second uses this notebook's
# `CountingList` (imported in the setup cell from the course's `course.runtime.meters`), which charges each operation the slots it
# touches: the same bookkeeping the tests use to check the complexity of your answers.

# %% course={"kind": "demo"}
import sys

empty_size = sys.getsizeof([])
growing = []
last_capacity = -1
for i in range(40):
    capacity = (sys.getsizeof(growing) - empty_size) // 8      # 8-byte pointer slots
    if capacity != last_capacity:
        print(f"len {len(growing):2} -> capacity {capacity}")
        last_capacity = capacity
    growing.append(i)

big_string = "x" * 10_000
print("a list holding a 10 kB string:", sys.getsizeof([big_string]), "bytes (header + one pointer)")
shared = [big_string] * 3
print("three slots, one object:", all(item is big_string for item in shared))

# %% course={"kind": "demo"}
n = 1_000
budget = StepBudget()
queue = CountingList(range(n), budget=budget)
queue.append(-1)
print("append      :", budget.used, "step")
budget.used = 0
queue.pop()
print("pop()       :", budget.used, "step")
budget.used = 0
queue.insert(0, -1)
print("insert(0, x):", budget.used, "steps (every item shifts)")
budget.used = 0
queue.pop(0)
print("pop(0)      :", budget.used, "steps")
budget.used = 0
_ = n - 1 in queue
print("x in list   :", budget.used, "steps (a linear scan)")

# %% [markdown] course={"kind": "lesson", "id": "patterns", "covers": ["c-common-patterns", "c-two-pointer-technique", "c-sliding-window", "c-in-place-modification"]}
# ### Three patterns that turn O(n²) into O(n)
#
# - **Two pointers.** Keep two indexes and move them towards each other (or one behind the
#   other) according to a rule, so each item is visited once. On a sorted list, finding two
#   request sizes that add up to a limit takes one pass instead of checking every pair.
# - **Sliding window.** For "something about every run of k consecutive items" (the average
#   CPU over each 5-minute window), update the answer as the window moves one step: add the
#   item entering, remove the item leaving. O(n) instead of O(n·k).
# - **In-place modification.** Rewrite the list you were given instead of building another:
#   a *write index* trails the *read index* and copies the keepers forward; at the end, cut
#   the tail off. No extra list, one pass. (Removing items with `remove()` or `del` inside a
#   loop is the slow and buggy alternative: see the trap below.)
#
# The problems at the end of this notebook are all variations on these three.

# %% course={"kind": "demo"}
sizes = [2, 3, 5, 8, 11, 13]      # sorted request sizes; which two fill a 16-unit slot exactly?
lo, hi = 0, len(sizes) - 1
while lo < hi and sizes[lo] + sizes[hi] != 16:
    if sizes[lo] + sizes[hi] < 16:
        lo += 1                   # need more: move the small end up
    else:
        hi -= 1                   # need less: move the big end down
print("two pointers:", (sizes[lo], sizes[hi]) if lo < hi else "none")

cpu = [10, 20, 60, 80, 30, 10]
k = 3
window = sum(cpu[:k])
averages = [window / k]
for i in range(k, len(cpu)):
    window += cpu[i] - cpu[i - k]  # one in, one out
    averages.append(window / k)
print("sliding window averages:", [round(a, 1) for a in averages])

statuses = ["ok", "fail", "ok", "fail", "fail", "ok"]
write = 0
for read in range(len(statuses)):
    if statuses[read] == "ok":
        statuses[write] = statuses[read]
        write += 1
del statuses[write:]              # cut the tail: same list object, only the keepers
print("in place:", statuses)

# %% [markdown] course={"kind": "exercise", "id": "rotate-copy", "item": "x-implement-a-function-to-rotate-a-list-by"}
# ### Rotate an on-call rota
#
# Write `rotated(items, k)` that returns a **new** list with the items rotated `k` places to
# the right: the last `k` items move to the front. A negative `k` rotates to the left, and any
# `k` works, however large (rotating a list of 5 by 7 is rotating it by 2). The list passed in
# must not change, and an empty list gives an empty list.
#
# ```python
# rotated(["ana", "bo", "cy", "dee", "eli"], 2)    # ['dee', 'eli', 'ana', 'bo', 'cy']
# rotated(["ana", "bo", "cy", "dee", "eli"], -1)   # ['bo', 'cy', 'dee', 'eli', 'ana']
# ```

# %% [markdown] course={"kind": "hint"}
# Two slices and a `+` do it: the last `k` items, then the rest.

# %% [markdown] course={"kind": "hint"}
# `k % len(items)` brings any `k`, negative or huge, into the range `0 .. len(items) - 1`.
# Python's `%` is never negative for a positive divisor. Guard the empty list first: `% 0`
# raises `ZeroDivisionError`.

# %% course={"kind": "solution"}
def rotated(items: list, k: int) -> list:
    """A new list: ``items`` rotated ``k`` places to the right (left when ``k`` < 0)."""
    ### BEGIN SOLUTION
    if not items:
        return []
    k %= len(items)
    return items[len(items) - k:] + items[:len(items) - k]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
rota = ["ana", "bo", "cy", "dee", "eli"]
assert rotated(list(rota), 2) == ["dee", "eli", "ana", "bo", "cy"], "k=2: the last two move to the front"
assert rotated(list(rota), 0) == rota, "k=0 leaves the order alone"
assert rotated([1, 2, 3], 1) == [3, 1, 2], f"rotated([1, 2, 3], 1) gave {rotated([1, 2, 3], 1)}"

# %% course={"kind": "test", "points": 1}
rota = ["ana", "bo", "cy", "dee", "eli"]
assert rotated(list(rota), -1) == ["bo", "cy", "dee", "eli", "ana"], "a negative k rotates left"
assert rotated(list(rota), 7) == ["dee", "eli", "ana", "bo", "cy"], "rotating 5 items by 7 is rotating by 2"
assert rotated(list(rota), 5) == rota, "rotating by the length changes nothing"
### BEGIN HIDDEN TESTS
assert rotated(list(rota), -15) == rota, "-15 is a whole number of turns"
assert rotated(list(rota), -7) == ["cy", "dee", "eli", "ana", "bo"], "-7 on five items is two places to the left"
assert rotated(list(rota), 10**9 + 2) == ["dee", "eli", "ana", "bo", "cy"], "a huge k must work (and fast)"
assert rotated(["solo"], 3) == ["solo"], "one item stays put"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
rota = ["ana", "bo", "cy"]
original = list(rota)
result = rotated(rota, 1)
assert rota == original, f"the list passed in must not change, it became {rota}"
assert result is not rota, "return a new list, not the one passed in"
assert rotated([], 3) == [], "an empty rota rotates to an empty rota"
for items, k in (([], 3), (["solo"], 1), (["a", "b"], 0), (["a", "b"], 2)):
    assert rotated(items, k) is not items, f"rotated({items}, {k}) must still return a NEW list, even when nothing moves"
### BEGIN HIDDEN TESTS
assert rotated([], -1) == [] and rotated([], 0) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-modulo", "fails": ["t2"]}
def rotated(items, k):
    if not items:
        return []
    return items[-k:] + items[:-k] if k else list(items)

# %% course={"kind": "wrong", "id": "rotates-left", "fails": ["t1", "t2"]}
def rotated(items, k):
    if not items:
        return []
    k %= len(items)
    return items[k:] + items[:k]

# %% course={"kind": "wrong", "id": "no-empty-guard", "fails": ["t3"]}
def rotated(items, k):
    k %= len(items)
    return items[len(items) - k:] + items[:len(items) - k]

# %% course={"kind": "wrong", "id": "rotates-in-place", "fails": ["t3"]}
def rotated(items, k):
    if not items:
        return []
    for _ in range(k % len(items)):
        items.insert(0, items.pop())
    return items

# %% course={"kind": "wrong", "id": "same-list-when-unchanged", "fails": ["t3"]}
def rotated(items, k):
    if not items or k % len(items) == 0:
        return items                 # "nothing to do" hands the caller's own list back
    k %= len(items)
    return items[-k:] + items[:-k]

# %% [markdown] course={"kind": "exercise", "id": "dedupe-ordered", "item": "x-write-a-function-to-remove-duplicates"}
# ### Drop repeated alerts, keep their order
#
# An alerting system fires the same alert many times. Write `unique_in_order(items)` that
# returns a new list with each item once, at the position where it **first** appeared. Items
# are hashable (strings, numbers, tuples). Work in one pass: the tests feed 3,000 items and
# count the comparisons and hashes your answer makes.
#
# ```python
# unique_in_order(["disk", "cpu", "disk", "mem", "cpu"])   # ['disk', 'cpu', 'mem']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a `set` of what you have already seen next to the result list: a set answers "seen
# before?" in O(1), the result list would need a scan.

# %% [markdown] course={"kind": "hint"}
# Since Python 3.7 a dict keeps insertion order, so `list(dict.fromkeys(items))` is the
# one-line version. `list(set(items))` loses the order.

# %% course={"kind": "solution"}
def unique_in_order(items: list) -> list:
    """Each item once, in order of first appearance."""
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
alerts = ["disk", "cpu", "disk", "mem", "cpu"]
assert unique_in_order(alerts) == ["disk", "cpu", "mem"], f"got {unique_in_order(alerts)}"
assert alerts == ["disk", "cpu", "disk", "mem", "cpu"], "the list passed in must not change"
distinct = ["disk", "cpu"]
assert unique_in_order(distinct) is not distinct, "return a NEW list, also when there was nothing to drop"

# %% course={"kind": "test", "points": 1}
assert unique_in_order([30, 10, 30, 20, 10]) == [30, 10, 20], "keep the order of FIRST appearance, not sorted order"
assert unique_in_order([]) == [], "no items, no duplicates"
### BEGIN HIDDEN TESTS
assert unique_in_order(["x"]) == ["x"]
assert unique_in_order([5, 5, 5, 5]) == [5]
assert unique_in_order([("eu", 1), ("us", 2), ("eu", 1)]) == [("eu", 1), ("us", 2)], "tuples are items too"
assert unique_in_order(["b", 2, "a", 2, "b"]) == ["b", 2, "a"], "mixed types cannot be sorted: do not sort"
assert unique_in_order([0, "", None, 0, "", None]) == [0, "", None], "0, '' and None are items like any other"
assert unique_in_order(["CPU", "cpu", "CPU"]) == ["CPU", "cpu"], "different case, different items"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 3_000
budget = StepBudget(10 * n, "O(n)")
values = counted(range(n), budget) + counted(range(n), budget)   # every value twice
result = unique_in_order(values)
assert [int(v) for v in result] == list(range(n)), "each of the 3,000 values once, in order"

# %% course={"kind": "wrong", "id": "sorted-set", "fails": ["t1", "t2"]}
def unique_in_order(items):
    return sorted(set(items))

# %% course={"kind": "wrong", "id": "set-order"}
def unique_in_order(items):
    return list(set(items))

# %% course={"kind": "wrong", "id": "falsy-looks-unseen", "fails": ["t2", "t3"]}
def unique_in_order(items):
    seen = {}
    result = []
    for item in items:
        if not seen.get(item):       # a seen 0 or "" is stored as itself, which is falsy
            seen[item] = item
            result.append(item)
    return result

# %% course={"kind": "wrong", "id": "same-list-if-distinct", "fails": ["t1"]}
def unique_in_order(items):
    if len(set(items)) == len(items):
        return items                 # the caller's own list: not a new one
    return list(dict.fromkeys(items))

# %% course={"kind": "wrong", "id": "scan-result", "fails": ["t3"]}
def unique_in_order(items):
    result = []
    for item in items:
        if item not in result:      # a linear scan for every item: O(n^2)
            result.append(item)
    return result

# %% [markdown] course={"kind": "exercise", "id": "common-items", "item": "x-implement-a-function-to-find-the"}
# ### Which hosts are in both lists?
#
# You have the inventory's host list and the list of hosts that answered a health check. Write
# `common(first, second)` that returns the items present in **both** lists: each only once, in
# the order they first appear in `first`. Neither list may change. Like the previous exercise,
# it must run in linear time: the tests count the work on two lists of 2,000 items.
#
# ```python
# common(["web-1", "web-2", "db-1", "web-2"], ["db-1", "web-2", "cache-1"])   # ['web-2', 'db-1']
# ```

# %% [markdown] course={"kind": "hint"}
# `x in second` scans `second` every time. Build `set(second)` once and ask it instead.

# %% [markdown] course={"kind": "hint"}
# A second set remembers what you already put in the result, so repeats in `first` are
# skipped. `set(first) & set(second)` has the right items but not the right order.

# %% course={"kind": "solution"}
def common(first: list, second: list) -> list:
    """Items found in both lists, once each, in the order of ``first``."""
    ### BEGIN SOLUTION
    wanted = set(second)
    done = set()
    result = []
    for item in first:
        if item in wanted and item not in done:
            done.add(item)
            result.append(item)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
inventory = ["web-1", "web-2", "db-1", "web-2"]
healthy = ["db-1", "web-2", "cache-1"]
assert common(inventory, healthy) == ["web-2", "db-1"], f"got {common(inventory, healthy)}"
assert inventory == ["web-1", "web-2", "db-1", "web-2"] and healthy == ["db-1", "web-2", "cache-1"], "do not change the lists"

# %% course={"kind": "test", "points": 1}
assert common([9, 4, 9, 1], [1, 4, 9, 9]) == [9, 4, 1], "each item once, in the order of the first list"
assert common([1, 2], [3, 4]) == [], "nothing in common gives []"
### BEGIN HIDDEN TESTS
assert common([], [1, 2]) == [] and common([1, 2], []) == [], "an empty list has nothing in common"
assert common([7, 7, 7], [7]) == [7]
assert common(["a"], ["a"]) == ["a"]
assert common([0, "", 1, 0], ["", 0, 2]) == [0, ""], "0 and '' are items like any other"
assert common(["Web-1", "web-1"], ["web-1"]) == ["web-1"], "names are compared exactly: case matters"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 2_000
budget = StepBudget(10 * (n + n), "O(n + m)")
first = counted(range(n), budget)
second = counted(range(n // 2, n + n // 2), budget)       # overlaps in the upper half of first
result = common(first, second)
assert [int(v) for v in result] == list(range(n // 2, n)), "the overlap, in the order of the first list"

# %% course={"kind": "wrong", "id": "scans-second", "fails": ["t3"]}
def common(first, second):
    return list(dict.fromkeys(item for item in first if item in second))

# %% course={"kind": "wrong", "id": "set-intersection"}
def common(first, second):
    return list(set(first) & set(second))

# %% course={"kind": "wrong", "id": "keeps-repeats", "fails": ["t1", "t2"]}
def common(first, second):
    wanted = set(second)
    return [item for item in first if item in wanted]

# %% course={"kind": "wrong", "id": "order-of-second", "fails": ["t1", "t2"]}
def common(first, second):
    wanted = set(first)
    return list(dict.fromkeys(item for item in second if item in wanted))

# %% [markdown] course={"kind": "exercise", "id": "flatten-nested", "item": "x-create-a-function-to-flatten-a-nested"}
# ### Flatten nested host groups
#
# An inventory file groups hosts in lists inside lists, to any depth. Write `flatten(nested)`
# that returns one flat list of the non-list items, in reading order (left to right, depth
# first). Only **lists** are opened: strings, tuples and dicts are items. Empty lists simply
# disappear, and the input must not change.
#
# ```python
# flatten(["lb-1", ["web-1", ["web-2", []], "web-3"], [["db-1"]]])
# # ['lb-1', 'web-1', 'web-2', 'web-3', 'db-1']
# ```

# %% [markdown] course={"kind": "hint"}
# Recursion fits the shape of the data: an item that is a list is flattened by the very
# function you are writing; anything else is appended as is.

# %% [markdown] course={"kind": "hint"}
# Test with `isinstance(item, list)`. Testing "is it iterable?" instead opens strings too, and
# a one-letter string is an iterable of itself: endless recursion.

# %% course={"kind": "solution"}
def flatten(nested: list) -> list:
    """The non-list items of ``nested``, at any depth, in reading order."""
    ### BEGIN SOLUTION
    flat = []
    for item in nested:
        if isinstance(item, list):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert flatten(["a", ["b", "c"], "d"]) == ["a", "b", "c", "d"], "one level of nesting"
assert flatten([1, 2, 3]) == [1, 2, 3], "a flat list stays as it is"

# %% course={"kind": "test", "points": 2}
groups = ["lb-1", ["web-1", ["web-2", []], "web-3"], [["db-1"]]]
assert flatten(groups) == ["lb-1", "web-1", "web-2", "web-3", "db-1"], f"got {flatten(groups)}"
assert flatten([[], [[]], [[[]]]]) == [], "only empty lists: nothing to return"
### BEGIN HIDDEN TESTS
deep = ["bottom"]
for _ in range(200):
    deep = [deep]
assert flatten(deep) == ["bottom"], "200 levels deep"
assert flatten([]) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
groups = [["web-1", ("eu", 1)], "db-1", [{"port": 5432}]]
assert flatten(groups) == ["web-1", ("eu", 1), "db-1", {"port": 5432}], "strings, tuples and dicts are items, not groups"
assert groups == [["web-1", ("eu", 1)], "db-1", [{"port": 5432}]], "the input must not change"
assert flatten([0, ["", [None, [False]]], []]) == [0, "", None, False], "0, '', None and False are items: only empty LISTS disappear"

# %% course={"kind": "wrong", "id": "one-level", "fails": ["t2", "t3"]}
def flatten(nested):
    return [x for item in nested for x in (item if isinstance(item, list) else [item])]

# %% course={"kind": "wrong", "id": "opens-iterables", "fails": ["t1", "t2", "t3"]}
def flatten(nested):
    flat = []
    for item in nested:
        if hasattr(item, "__iter__"):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat

# %% course={"kind": "wrong", "id": "pops-input", "fails": ["t3"]}
def flatten(nested):
    flat = []
    while nested:
        item = nested.pop(0)
        if isinstance(item, list):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat

# %% course={"kind": "wrong", "id": "skips-falsy", "fails": ["t3"]}
def flatten(nested):
    flat = []
    for item in nested:
        if not item:
            continue                 # meant for empty lists, but 0, "" and None go too
        if isinstance(item, list):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat

# %% [markdown] course={"kind": "exercise", "id": "reverse-in-place", "item": "x-write-efficient-list-reversal-in-place"}
# ### Reverse a list in place, by hand
#
# Write `reverse_in_place(items)` that reverses the list it is given **in place** and returns
# `None`, like `list.reverse()` does. Do it yourself with two indexes walking towards each
# other and swapping: no `reverse()`, no `reversed()`, no slices, no second list. It then
# needs O(1) extra memory and about n/2 swaps.
#
# ```python
# stack = ["v1", "v2", "v3", "v4"]
# reverse_in_place(stack)     # returns None
# stack                       # ['v4', 'v3', 'v2', 'v1']
# ```

# %% [markdown] course={"kind": "hint"}
# Start with `left = 0` and `right = len(items) - 1`. Swap, then move both inwards. When do
# you stop?

# %% [markdown] course={"kind": "hint"}
# Python swaps two slots in one line: `items[left], items[right] = items[right], items[left]`.
# Stop while `left < right`: going all the way through swaps every pair back.

# %% course={"kind": "solution", "equivalent": {"m-c20586d6": "at left == right the middle item is swapped with itself: same list"}}
def reverse_in_place(items: list) -> None:
    """Reverse ``items`` in place by swapping from both ends."""
    ### BEGIN SOLUTION
    left, right = 0, len(items) - 1
    while left < right:
        items[left], items[right] = items[right], items[left]
        left += 1
        right -= 1
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
stack = ["v1", "v2", "v3", "v4"]
answer = reverse_in_place(stack)
assert stack == ["v4", "v3", "v2", "v1"], f"the list itself must be reversed, it is {stack}"
assert answer is None, "like list.reverse(), return None: the change is the result"

# %% course={"kind": "test", "points": 1}
odd = [1, 2, 3, 4, 5]
reverse_in_place(odd)
assert odd == [5, 4, 3, 2, 1], f"odd length: got {odd}"
empty, single = [], ["x"]
reverse_in_place(empty)
reverse_in_place(single)
assert empty == [] and single == ["x"], "an empty list and a one-item list stay as they are"
### BEGIN HIDDEN TESTS
long = list(range(1001))
reverse_in_place(long)
assert long == list(range(1000, -1, -1))
pair = ["a", "b"]
reverse_in_place(pair)
assert pair == ["b", "a"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class SwapsOnly(list):
    """A list that refuses the shortcuts and counts the slots written."""

    writes = 0

    def __getitem__(self, index):
        assert not isinstance(index, slice), "no slices: a slice copies the list"
        return super().__getitem__(index)

    def __setitem__(self, index, value):
        assert not isinstance(index, slice), "no slice assignment: swap one pair at a time"
        self.writes += 1
        super().__setitem__(index, value)

    def reverse(self):
        raise AssertionError("list.reverse() does the work for you: swap the items yourself")

    def __reversed__(self):
        raise AssertionError("reversed() does the work for you: swap the items yourself")


items = SwapsOnly(range(100))
reverse_in_place(items)
assert list.__eq__(items, list(range(99, -1, -1))), "the list must end up reversed"
assert items.writes <= 100, f"{items.writes} writes for 100 items: each slot needs to be written once"

import tracemalloc

big = list(range(20_000))
tracemalloc.start()
reverse_in_place(big)
extra = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
assert big[0] == 19_999 and big[-1] == 0, "the 20,000-item list must end up reversed"
assert extra < 50_000, f"{extra:,} bytes of extra memory for 20,000 items: swap in place, build no second list"

# %% course={"kind": "wrong", "id": "returns-copy", "fails": ["t1", "t2", "t3"]}
def reverse_in_place(items):
    return items[::-1]

# %% course={"kind": "wrong", "id": "swaps-twice", "fails": ["t1", "t2", "t3"]}
def reverse_in_place(items):
    for left in range(len(items)):
        right = len(items) - 1 - left
        items[left], items[right] = items[right], items[left]

# %% course={"kind": "wrong", "id": "slice-assign", "fails": ["t3"]}
def reverse_in_place(items):
    items[:] = items[::-1]

# %% course={"kind": "wrong", "id": "copies-then-writes", "fails": ["t3"]}
def reverse_in_place(items):
    backup = [items[i] for i in range(len(items))]    # a second list: O(n) extra memory
    for i in range(len(items)):
        items[i] = backup[len(items) - 1 - i]

# %% [markdown] course={"kind": "exercise", "id": "binary-search", "item": "x-implement-binary-search-on-a-sorted-list"}
# ### Find the first log entry of a given second
#
# A log's timestamps (whole seconds) are sorted, and several entries can share a second. Write
# `find_first(stamps, target)` that returns the index of the **first** entry equal to
# `target`, or `-1` when there is none, with a **binary search**: halve the range that can
# still hold the answer at each step. The tests count comparisons: on 4,096 stamps you get
# about 50, where a scan would need thousands. (The `bisect` module is allowed; `index()` and
# `in` scan the list.)
#
# ```python
# stamps = [100, 101, 101, 101, 104, 107]
# find_first(stamps, 101)   # 1
# find_first(stamps, 103)   # -1
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `lo` and `hi` so that the answer, if any, is in `stamps[lo:hi]`. Look at
# `mid = (lo + hi) // 2`: if `stamps[mid] < target`, the answer is right of `mid`.

# %% [markdown] course={"kind": "hint"}
# To find the *first* match, do not stop when you see the target: keep shrinking until
# `lo == hi`, moving `hi = mid` when `stamps[mid] >= target`. Then check whether
# `stamps[lo]` (if it exists) equals the target.

# %% course={"kind": "solution"}
def find_first(stamps: list, target: int) -> int:
    """Index of the first item equal to ``target`` in sorted ``stamps``, or -1."""
    ### BEGIN SOLUTION
    lo, hi = 0, len(stamps)
    while lo < hi:
        mid = (lo + hi) // 2
        if stamps[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(stamps) and stamps[lo] == target:
        return lo
    return -1
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
stamps = [100, 102, 104, 107, 110]
assert find_first(stamps, 104) == 2, "104 sits at index 2"
assert find_first(stamps, 100) == 0 and find_first(stamps, 110) == 4, "the first and the last items"
assert find_first(stamps, 105) == -1, "105 is not in the list: -1"
assert type(find_first(stamps, 104)) is int and type(find_first(stamps, 105)) is int, "return an int index (or -1)"

# %% course={"kind": "test", "points": 1}
stamps = [100, 101, 101, 101, 104, 107]
assert find_first(stamps, 101) == 1, f"three entries share second 101; the first is at 1, got {find_first(stamps, 101)}"
### BEGIN HIDDEN TESTS
dupes = [1, 1, 2, 2, 2, 2, 3, 5, 5, 8, 8, 8]
for target in range(0, 10):
    want = dupes.index(target) if target in dupes else -1
    assert find_first(dupes, target) == want, f"find_first({dupes}, {target}) should be {want}"
assert find_first([7] * 50, 7) == 0, "all equal: the first is index 0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert find_first([], 5) == -1, "an empty list holds nothing"
assert find_first([10, 20, 30], 5) == -1 and find_first([10, 20, 30], 35) == -1, "below the smallest, above the largest"
### BEGIN HIDDEN TESTS
assert find_first([42], 42) == 0 and find_first([42], 41) == -1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 4_096
for target in (0, 1_234 * 2, 4_095 * 2, 777 * 2 + 1):
    budget = StepBudget(4 * n.bit_length() + 6, "O(log n)")
    stamps = counted([2 * i for i in range(n)], budget)       # even numbers only
    want = target // 2 if target % 2 == 0 else -1
    assert find_first(stamps, target) == want, f"find_first(..., {target}) should be {want}"
budget = StepBudget(4 * n.bit_length() + 6, "O(log n)")
stamps = counted([5] * 10 + [7] * (n - 10), budget)     # a busy second: 4,086 entries share it
assert find_first(stamps, 7) == 10, "the first of 4,086 equal stamps, found without walking along them"

# %% course={"kind": "wrong", "id": "linear-scan", "fails": ["t4"]}
def find_first(stamps, target):
    for i, stamp in enumerate(stamps):
        if stamp == target:
            return i
    return -1

# %% course={"kind": "wrong", "id": "stops-at-any-match", "fails": ["t2", "t4"]}
def find_first(stamps, target):
    lo, hi = 0, len(stamps) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if stamps[mid] == target:
            return mid
        if stamps[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1

# %% course={"kind": "wrong", "id": "walks-back", "fails": ["t4"]}
def find_first(stamps, target):
    lo, hi = 0, len(stamps) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if stamps[mid] == target:
            while mid > 0 and stamps[mid - 1] == target:
                mid -= 1             # a linear walk back: O(n) when many entries share the second
            return mid
        if stamps[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1

# %% course={"kind": "wrong", "id": "bisect-unchecked", "fails": ["t1", "t2", "t3", "t4"]}
import bisect


def find_first(stamps, target):
    return bisect.bisect_left(stamps, target)

# %% [markdown] course={"kind": "exercise", "id": "stack-and-queue", "item": "project-4-1-1"}
# ### Mini-project: a stack and a queue on top of a list
#
# Write two small classes that keep their items in a list.
#
# - `Stack` (last in, first out): `push(item)`, `pop()` returns and removes the newest item,
#   `peek()` returns it without removing, `len(stack)` is the number of items.
# - `Queue` (first in, first out): `enqueue(item)`, `dequeue()` returns and removes the
#   **oldest** item, `peek()` returns it without removing, `len(queue)` likewise.
#
# `pop`, `dequeue` and `peek` on an empty structure raise `IndexError` with a message that says
# what was empty. `None` is a valid item, and once an item is dequeued the queue must not keep
# it alive (a long-running worker would otherwise hold on to every job it ever ran). For the
# queue, think about the cost: `list.pop(0)`
# shifts every remaining item, so a queue of a million jobs drained that way does about 5·10¹¹
# moves; the task after this exercise asks you to measure it.
#
# ```python
# s = Stack(); s.push("build"); s.push("test"); s.pop()          # 'test'
# q = Queue(); q.enqueue("build"); q.enqueue("test"); q.dequeue() # 'build'
# ```

# %% [markdown] course={"kind": "hint"}
# The end of a list is its cheap end: the stack pushes with `append` and pops with `pop()`.

# %% [markdown] course={"kind": "hint"}
# A queue that avoids `pop(0)`: keep an index `head` of the oldest item. `dequeue` reads
# `items[head]` and moves `head` on; the length is `len(items) - head`. Once the dead slots
# before `head` outnumber the live ones, drop them with `del items[:head]` and reset `head`.

# %% course={"kind": "solution", "equivalent": {"m-cd5c47b8": "the threshold only decides when dead slots are dropped; FIFO order, len and peek are unchanged", "m-7db0a662": "the threshold only decides when dead slots are dropped; FIFO order, len and peek are unchanged", "m-0ea9125c": "the threshold only decides when dead slots are dropped; FIFO order, len and peek are unchanged", "m-22deefd0": "compacting more often only drops dead slots sooner; what the queue returns is unchanged", "m-1f14fba1": "never compacting keeps dead (None) slots longer; what the queue returns is unchanged", "m-f7619adf": "never compacting keeps dead (None) slots longer; what the queue returns is unchanged", "m-6c457d1e": "the threshold only decides when dead slots are dropped; FIFO order, len and peek are unchanged", "m-4ed6d47b": "the threshold only decides when dead slots are dropped; FIFO order, len and peek are unchanged"}}
class Stack:
    """Last in, first out, on a list."""

    def __init__(self):
        ### BEGIN SOLUTION
        self._items = []
        ### END SOLUTION

    def push(self, item) -> None:
        ### BEGIN SOLUTION
        self._items.append(item)
        ### END SOLUTION

    def pop(self):
        ### BEGIN SOLUTION
        if not self._items:
            raise IndexError("pop from an empty stack")
        return self._items.pop()
        ### END SOLUTION

    def peek(self):
        ### BEGIN SOLUTION
        if not self._items:
            raise IndexError("peek at an empty stack")
        return self._items[-1]
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._items)
        ### END SOLUTION


class Queue:
    """First in, first out, on a list, with O(1) amortized dequeue."""

    def __init__(self):
        ### BEGIN SOLUTION
        self._items = []
        self._head = 0
        ### END SOLUTION

    def enqueue(self, item) -> None:
        ### BEGIN SOLUTION
        self._items.append(item)
        ### END SOLUTION

    def dequeue(self):
        ### BEGIN SOLUTION
        if len(self) == 0:
            raise IndexError("dequeue from an empty queue")
        item = self._items[self._head]
        self._items[self._head] = None      # let the queue forget the item
        self._head += 1
        if self._head > 16 and self._head * 2 > len(self._items):
            del self._items[:self._head]    # compact: an O(n) step paid for by n dequeues
            self._head = 0
        return item
        ### END SOLUTION

    def peek(self):
        ### BEGIN SOLUTION
        if len(self) == 0:
            raise IndexError("peek at an empty queue")
        return self._items[self._head]
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._items) - self._head
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
s = Stack()
for step in ("build", "test", "deploy"):
    s.push(step)
assert len(s) == 3, "three pushes, three items"
assert s.peek() == "deploy" and len(s) == 3, "peek shows the newest item and leaves it there"
assert [s.pop(), s.pop(), s.pop()] == ["deploy", "test", "build"], "a stack pops newest first"
assert len(s) == 0

# %% course={"kind": "test", "points": 1}
s = Stack()
for action in (s.pop, s.peek):
    try:
        action()
    except IndexError as err:
        assert "empty" in str(err) and "stack" in str(err).lower(), f"say that the STACK was empty, got {str(err)!r}"
    else:
        raise AssertionError(f"Stack().{action.__name__}() must raise IndexError")
s.push(None)
assert len(s) == 1 and s.pop() is None, "None is a valid item"

# %% course={"kind": "test", "points": 1}
q = Queue()
for job in ("build", "test", "deploy"):
    q.enqueue(job)
assert q.peek() == "build" and len(q) == 3, "peek shows the oldest item and leaves it there"
assert [q.dequeue(), q.dequeue(), q.dequeue()] == ["build", "test", "deploy"], "a queue dequeues oldest first"
assert len(q) == 0

# %% course={"kind": "test", "points": 1}
q = Queue()
for action in (q.dequeue, q.peek):
    try:
        action()
    except IndexError as err:
        assert "empty" in str(err) and "queue" in str(err).lower(), f"say that the QUEUE was empty, got {str(err)!r}"
    else:
        raise AssertionError(f"Queue().{action.__name__}() must raise IndexError")
for item in (None, 0, ""):
    q.enqueue(item)
assert len(q) == 3 and q.peek() is None, "None, 0 and '' are items like any other"
assert [q.dequeue(), q.dequeue(), q.dequeue()] == [None, 0, ""] and len(q) == 0, "falsy items come out in order"
q.enqueue(1)
q.enqueue(2)
assert q.dequeue() == 1
q.enqueue(3)
assert len(q) == 2 and q.dequeue() == 2 and q.dequeue() == 3, "enqueues and dequeues can alternate"

import weakref


class Job:
    """A stand-in for a big job object."""


job = Job()
alive = weakref.ref(job)
q.enqueue(job)
assert q.dequeue() is job
del job
assert alive() is None, "a dequeued job must not stay referenced by the queue (set its slot to None, or pop it)"
### BEGIN HIDDEN TESTS
import random
from collections import deque

rng = random.Random(41)
model, q = deque(), Queue()
for i in range(5_000):
    if model and rng.random() < 0.45:
        assert q.dequeue() == model.popleft()
    else:
        q.enqueue(i)
        model.append(i)
    assert len(q) == len(model)
    if model:
        assert q.peek() == model[0]
try:
    Queue().peek()
except IndexError:
    pass
else:
    raise AssertionError("peek on an empty queue must raise IndexError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "queue-pops-newest", "fails": ["t3", "t4"]}
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty stack")
        return self._items.pop()

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty stack")
        return self._items[-1]

    def __len__(self):
        return len(self._items)


class Queue(Stack):
    def enqueue(self, item):
        self.push(item)

    def dequeue(self):
        if not self._items:
            raise IndexError("dequeue from an empty queue")
        return self._items.pop()

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty queue")
        return self._items[0]

# %% course={"kind": "wrong", "id": "none-when-empty", "fails": ["t2", "t4"]}
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        return self._items.pop() if self._items else None

    def peek(self):
        return self._items[-1] if self._items else None

    def __len__(self):
        return len(self._items)


class Queue:
    def __init__(self):
        self._items = []

    def enqueue(self, item):
        self._items.append(item)

    def dequeue(self):
        return self._items.pop(0) if self._items else None

    def peek(self):
        return self._items[0] if self._items else None

    def __len__(self):
        return len(self._items)

# %% course={"kind": "wrong", "id": "head-keeps-items", "fails": ["t4"]}
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty stack")
        return self._items.pop()

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty stack")
        return self._items[-1]

    def __len__(self):
        return len(self._items)


class Queue:
    def __init__(self):
        self._items = []
        self._head = 0

    def enqueue(self, item):
        self._items.append(item)

    def dequeue(self):
        if len(self) == 0:
            raise IndexError("dequeue from an empty queue")
        self._head += 1
        return self._items[self._head - 1]   # the slot still holds the item: it never goes away

    def peek(self):
        if len(self) == 0:
            raise IndexError("peek at an empty queue")
        return self._items[self._head]

    def __len__(self):
        return len(self._items) - self._head

# %% course={"kind": "wrong", "id": "list-errors", "fails": ["t2", "t4"]}
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        return self._items.pop()             # the list's own error: "pop from empty list"

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty stack")
        return self._items[-1]

    def __len__(self):
        return len(self._items)


class Queue:
    def __init__(self):
        self._items = []

    def enqueue(self, item):
        self._items.append(item)

    def dequeue(self):
        return self._items.pop(0)            # "pop from empty list" does not say which queue

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty queue")
        return self._items[0]

    def __len__(self):
        return len(self._items)

# %% [markdown] course={"kind": "task", "id": "queue-costs", "item": "project-4-1-1", "points": 3}
# ### Measure your queue against `pop(0)` and `collections.deque`
#
# With `timeit`, time draining a queue of 10,000 and of 100,000 items three ways: a plain list
# with `pop(0)`, your `Queue`, and `collections.deque` with `popleft()`. Put the six timings in
# a small table, then answer in a few sentences: which of the three grow linearly and which
# quadratically, and why; when you would still write your own list-based queue; and what
# `deque` gives you besides speed (`maxlen`, thread-safe `append`/`popleft`).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: six timings for the three variants at both sizes, measured the same way (same
#   number of runs, setup excluded from the timing).
# - 1 point: explains that `pop(0)` shifts all remaining pointers (O(n) per call, O(n²) to
#   drain) while the head index and `deque.popleft()` are O(1) (amortized for the head index),
#   and the timings show the roughly 10× versus 100× growth.
# - 1 point: names a real reason to prefer `deque` (C speed, `maxlen` for bounded buffers,
#   atomic appends/pops across threads) and one case for a custom class (extra behaviour such
#   as priorities or metrics around the queue).

# %% [markdown] course={"kind": "exercise", "id": "data-table", "item": "project-4-1-2"}
# ### Mini-project: a table made of lists
#
# Write a `Table` class that stores a header (`columns`, a list of names) and `rows` (a list
# of lists, one value per column):
#
# - `Table(columns, rows)` keeps **its own copies** (changing the caller's lists afterwards
#   must not change the table) and raises `ValueError` when a row has the wrong length;
# - `column(name)` returns that column's values as a list (`KeyError` for an unknown name);
# - `add_column(name, values)` appends a column (`ValueError` if the name exists or the number
#   of values differs from the number of rows); `remove_column(name)` drops one (`KeyError`);
# - `sort_by(name, reverse=False)` sorts the rows in place by one column, **stably** (rows
#   with equal values keep their order, also when `reverse=True`);
# - `where(predicate)` returns a **new** `Table` with the rows for which
#   `predicate(row_as_dict)` is true; the original table is unchanged.
#
# ```python
# t = Table(["host", "cpu"], [["web-1", 71], ["db-1", 12], ["web-2", 71]])
# t.sort_by("cpu", reverse=True)
# t.rows                                   # [['web-1', 71], ['web-2', 71], ['db-1', 12]]
# t.where(lambda r: r["cpu"] > 50).column("host")   # ['web-1', 'web-2']
# ```

# %% [markdown] course={"kind": "hint"}
# `self.columns.index(name)` turns a column name into a position (and raises `ValueError` for
# an unknown name: catch it and raise `KeyError`). Copy rows with `[list(row) for row in rows]`:
# `list(rows)` alone is a shallow copy that still shares the inner rows.

# %% [markdown] course={"kind": "hint"}
# `self.rows.sort(key=lambda row: row[i], reverse=reverse)` is stable in both directions.
# Sorting ascending and then calling `reverse()` is not: it flips the order of equal rows.

# %% course={"kind": "solution"}
class Table:
    """A small table: a list of column names and a list of rows (lists)."""

    def __init__(self, columns: list, rows: list):
        ### BEGIN SOLUTION
        self.columns = list(columns)
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} has {len(row)} values for {len(self.columns)} columns")
        self.rows = [list(row) for row in rows]
        ### END SOLUTION

    def _position(self, name: str) -> int:
        ### BEGIN SOLUTION
        try:
            return self.columns.index(name)
        except ValueError:
            raise KeyError(name) from None
        ### END SOLUTION

    def column(self, name: str) -> list:
        ### BEGIN SOLUTION
        i = self._position(name)
        return [row[i] for row in self.rows]
        ### END SOLUTION

    def add_column(self, name: str, values: list) -> None:
        ### BEGIN SOLUTION
        if name in self.columns:
            raise ValueError(f"column {name!r} already exists")
        if len(values) != len(self.rows):
            raise ValueError(f"{len(values)} values for {len(self.rows)} rows")
        self.columns.append(name)
        for row, value in zip(self.rows, values):
            row.append(value)
        ### END SOLUTION

    def remove_column(self, name: str) -> None:
        ### BEGIN SOLUTION
        i = self._position(name)
        del self.columns[i]
        for row in self.rows:
            del row[i]
        ### END SOLUTION

    def sort_by(self, name: str, reverse: bool = False) -> None:
        ### BEGIN SOLUTION
        i = self._position(name)
        self.rows.sort(key=lambda row: row[i], reverse=reverse)
        ### END SOLUTION

    def where(self, predicate) -> "Table":
        ### BEGIN SOLUTION
        keep = [row for row in self.rows if predicate(dict(zip(self.columns, row)))]
        return Table(self.columns, keep)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
header = ["host", "cpu"]
rows = [["web-1", 71], ["db-1", 12]]
t = Table(header, rows)
rows[0][1] = 0
rows.append(["ghost", 1])
header.append("extra")
assert t.rows == [["web-1", 71], ["db-1", 12]], "the table keeps its own copies of the rows (inner lists too)"
assert t.columns == ["host", "cpu"], "the table keeps its own copy of the header"
assert t.column("cpu") == [71, 12], f"column('cpu') gave {t.column('cpu')}"
for bad_rows in ([["web-1"]], [["web-1", 71], ["db-1", 12, "extra"]]):
    try:
        Table(["host", "cpu"], bad_rows)
    except ValueError:
        pass
    else:
        raise AssertionError(f"Table(['host', 'cpu'], {bad_rows}): a row with the wrong number of values must raise ValueError")

# %% course={"kind": "test", "points": 2}
t = Table(["host", "cpu"], [["web-1", 71], ["db-1", 12]])
t.add_column("region", ["eu", "us"])
assert t.columns == ["host", "cpu", "region"] and t.rows == [["web-1", 71, "eu"], ["db-1", 12, "us"]], "add_column appends one value per row"
t.remove_column("cpu")
assert t.columns == ["host", "region"] and t.rows == [["web-1", "eu"], ["db-1", "us"]], "remove_column drops header and values"
for bad in (lambda: t.add_column("host", ["a", "b"]), lambda: t.add_column("ram", [1])):
    try:
        bad()
    except ValueError:
        pass
    else:
        raise AssertionError("a duplicate name or the wrong number of values must raise ValueError")
for bad in (lambda: t.remove_column("nope"), lambda: t.column("nope")):
    try:
        bad()
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown column must raise KeyError (not ValueError, not IndexError)")
### BEGIN HIDDEN TESTS
assert t.columns == ["host", "region"], "failed calls leave the header alone"
assert t.rows == [["web-1", "eu"], ["db-1", "us"]], "failed calls leave the rows alone"
try:
    t.sort_by("nope")
except KeyError:
    pass
else:
    raise AssertionError("sort_by an unknown column must raise KeyError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
t = Table(["host", "cpu"], [["web-1", 71], ["db-1", 12], ["web-2", 71], ["db-2", 12]])
t.sort_by("cpu")
assert t.column("host") == ["db-1", "db-2", "web-1", "web-2"], "ascending, equal values keep their order"
t.sort_by("cpu", reverse=True)
assert t.column("host") == ["web-1", "web-2", "db-1", "db-2"], f"reverse=True must stay stable, got {t.column('host')}"

# %% course={"kind": "test", "points": 1}
t = Table(["host", "cpu"], [["web-1", 71], ["db-1", 12], ["web-2", 55]])
busy = t.where(lambda row: row["cpu"] > 50)
assert isinstance(busy, Table), "where() returns a new Table"
assert busy.rows == [["web-1", 71], ["web-2", 55]], f"got {busy.rows}"
assert len(t.rows) == 3, "the original table keeps all its rows"
busy.rows[0][1] = 0
assert t.rows[0] == ["web-1", 71], "the new table's rows are its own"
### BEGIN HIDDEN TESTS
assert t.where(lambda row: False).rows == [] and t.where(lambda row: False).columns == ["host", "cpu"]
busy.add_column("owner", ["ana", "bo"])
assert t.columns == ["host", "cpu"] and t.rows[2] == ["web-2", 55], "the new table's header is its own too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shares-rows", "fails": ["t1", "t4"]}
class Table:
    def __init__(self, columns, rows):
        self.columns = list(columns)
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError("wrong row length")
        self.rows = list(rows)               # shallow: the inner rows are shared

    def _position(self, name):
        if name not in self.columns:
            raise KeyError(name)
        return self.columns.index(name)

    def column(self, name):
        i = self._position(name)
        return [row[i] for row in self.rows]

    def add_column(self, name, values):
        if name in self.columns or len(values) != len(self.rows):
            raise ValueError(name)
        self.columns.append(name)
        for row, value in zip(self.rows, values):
            row.append(value)

    def remove_column(self, name):
        i = self._position(name)
        del self.columns[i]
        for row in self.rows:
            del row[i]

    def sort_by(self, name, reverse=False):
        i = self._position(name)
        self.rows.sort(key=lambda row: row[i], reverse=reverse)

    def where(self, predicate):
        keep = Table(self.columns, [])
        keep.rows = [row for row in self.rows if predicate(dict(zip(self.columns, row)))]
        return keep

# %% course={"kind": "wrong", "id": "sort-then-reverse", "fails": ["t3"]}
class Table:
    def __init__(self, columns, rows):
        self.columns = list(columns)
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError("wrong row length")
        self.rows = [list(row) for row in rows]

    def _position(self, name):
        if name not in self.columns:
            raise KeyError(name)
        return self.columns.index(name)

    def column(self, name):
        i = self._position(name)
        return [row[i] for row in self.rows]

    def add_column(self, name, values):
        if name in self.columns or len(values) != len(self.rows):
            raise ValueError(name)
        self.columns.append(name)
        for row, value in zip(self.rows, values):
            row.append(value)

    def remove_column(self, name):
        i = self._position(name)
        del self.columns[i]
        for row in self.rows:
            del row[i]

    def sort_by(self, name, reverse=False):
        i = self._position(name)
        self.rows.sort(key=lambda row: row[i])
        if reverse:
            self.rows.reverse()             # flips equal rows too: no longer stable

    def where(self, predicate):
        return Table(self.columns, [row for row in self.rows if predicate(dict(zip(self.columns, row)))])

# %% course={"kind": "wrong", "id": "where-returns-rows", "fails": ["t4"]}
class Table:
    def __init__(self, columns, rows):
        self.columns = list(columns)
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError("wrong row length")
        self.rows = [list(row) for row in rows]

    def _position(self, name):
        if name not in self.columns:
            raise KeyError(name)
        return self.columns.index(name)

    def column(self, name):
        i = self._position(name)
        return [row[i] for row in self.rows]

    def add_column(self, name, values):
        if name in self.columns or len(values) != len(self.rows):
            raise ValueError(name)
        self.columns.append(name)
        for row, value in zip(self.rows, values):
            row.append(value)

    def remove_column(self, name):
        i = self._position(name)
        del self.columns[i]
        for row in self.rows:
            del row[i]

    def sort_by(self, name, reverse=False):
        i = self._position(name)
        self.rows.sort(key=lambda row: row[i], reverse=reverse)

    def where(self, predicate):
        return [row for row in self.rows if predicate(dict(zip(self.columns, row)))]

# %% course={"kind": "wrong", "id": "valueerror-for-unknown", "fails": ["t2"]}
class Table:
    def __init__(self, columns, rows):
        self.columns = list(columns)
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError("wrong row length")
        self.rows = [list(row) for row in rows]

    def _position(self, name):
        return self.columns.index(name)      # raises ValueError, not KeyError, for an unknown name

    def column(self, name):
        i = self._position(name)
        return [row[i] for row in self.rows]

    def add_column(self, name, values):
        if name in self.columns or len(values) != len(self.rows):
            raise ValueError(name)
        self.columns.append(name)
        for row, value in zip(self.rows, values):
            row.append(value)

    def remove_column(self, name):
        i = self._position(name)
        del self.columns[i]
        for row in self.rows:
            del row[i]

    def sort_by(self, name, reverse=False):
        i = self._position(name)
        self.rows.sort(key=lambda row: row[i], reverse=reverse)

    def where(self, predicate):
        return Table(self.columns, [row for row in self.rows if predicate(dict(zip(self.columns, row)))])

# %% [markdown] course={"kind": "exercise", "id": "table-render", "item": "project-4-1-2"}
# ### Mini-project: pretty-print the table
#
# Write `render(columns, rows)` that returns the table as text, the way a CLI tool prints it:
#
# - one line for the header, one separator line, one line per row, joined with `"\n"` (no
#   newline at the end);
# - each column is as wide as its widest cell (header included, values shown with `str()`);
# - cells are separated by `" | "`; the separator line has dashes under each column, joined
#   by `"-+-"`;
# - numbers (`int` and `float`, but not `bool`) are right-aligned, everything else
#   left-aligned; trailing spaces are stripped from every line.
#
# ```python
# print(render(["host", "cpu", "region"], [["web-1", 71, "eu"], ["db-10", 5.5, "us-east"]]))
# # host  | cpu | region
# # ------+-----+--------
# # web-1 |  71 | eu
# # db-10 | 5.5 | us-east
# ```

# %% [markdown] course={"kind": "hint"}
# First turn every cell into text: `cells = [[str(v) for v in row] for row in rows]`. The width
# of column `i` is the `max` of `len(...)` over the header and every row's cell `i`.

# %% [markdown] course={"kind": "hint"}
# `text.ljust(width)` pads on the right, `text.rjust(width)` on the left. Test for numbers with
# `isinstance(value, (int, float)) and not isinstance(value, bool)`: `True` is an `int` too.

# %% course={"kind": "solution"}
def render(columns: list, rows: list) -> str:
    """The table as aligned text: header, separator, one line per row."""
    ### BEGIN SOLUTION
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]

    def is_number(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    lines = [" | ".join(name.ljust(w) for name, w in zip(columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row, texts in zip(rows, cells):
        padded = [t.rjust(w) if is_number(v) else t.ljust(w) for v, t, w in zip(row, texts, widths)]
        lines.append(" | ".join(padded).rstrip())
    return "\n".join(lines)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = render(["host", "role"], [["web-1", "frontend"], ["db-10", "db"]])
want = "host  | role\n------+---------\nweb-1 | frontend\ndb-10 | db"
assert got == want, f"expected\n{want}\ngot\n{got}"

# %% course={"kind": "test", "points": 1}
got = render(["host", "cpu", "region"], [["web-1", 71, "eu"], ["db-10", 5.5, "us-east"]])
want = "host  | cpu | region\n------+-----+--------\nweb-1 |  71 | eu\ndb-10 | 5.5 | us-east"
assert got == want, f"numbers are right-aligned; expected\n{want}\ngot\n{got}"
got = render(["rack", "delta"], [["007", -3], ["12", 0.25]])
want = "rack | delta\n-----+------\n007  |    -3\n12   |  0.25"
assert got == want, f"strings that look like numbers are text (left); negative ints and floats are numbers (right); expected\n{want}\ngot\n{got}"
### BEGIN HIDDEN TESTS
got = render(["ok", "n"], [[True, 1], [False, 10]])
assert got == "ok    | n\n------+---\nTrue  |  1\nFalse | 10", f"bools are text, left-aligned; got\n{got}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
rows = [["web-1", 71]]
render(["host", "cpu"], rows)
assert rows == [["web-1", 71]], "render must not change the rows"
assert render(["host", "cpu"], []) == "host | cpu\n-----+----", "no rows: header and separator only"

# %% course={"kind": "wrong", "id": "header-width", "fails": ["t1", "t2"]}
def render(columns, rows):
    widths = [len(name) for name in columns]
    lines = [" | ".join(name.ljust(w) for name, w in zip(columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        lines.append(" | ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "all-left", "fails": ["t2"]}
def render(columns, rows):
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = [" | ".join(name.ljust(w) for name, w in zip(columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for texts in cells:
        lines.append(" | ".join(t.ljust(w) for t, w in zip(texts, widths)).rstrip())
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "digits-look-numeric", "fails": ["t2"]}
def render(columns, rows):
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = [" | ".join(name.ljust(w) for name, w in zip(columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for texts in cells:
        padded = [t.rjust(w) if t.isdigit() else t.ljust(w) for t, w in zip(texts, widths)]   # judges the TEXT
        lines.append(" | ".join(padded).rstrip())
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "bools-are-numbers", "fails": ["t2"]}
def render(columns, rows):
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = [" | ".join(name.ljust(w) for name, w in zip(columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row, texts in zip(rows, cells):
        padded = [t.rjust(w) if isinstance(v, (int, float)) else t.ljust(w) for v, t, w in zip(row, texts, widths)]
        lines.append(" | ".join(padded).rstrip())
    return "\n".join(lines)

# %% [markdown] course={"kind": "exercise", "id": "list-commands", "item": "dsa-lists"}
# ### Problem: Replay list commands (after HackerRank's *Lists*)
#
# A runbook is a list of command strings that edit one list of whole numbers, which starts
# empty. Write `run_commands(commands)` that carries them out in order and returns a list of
# **snapshots**: a copy of the list at each `print` command.
#
# | command | effect |
# |---|---|
# | `insert i x` | put `x` at position `i` |
# | `append x` | add `x` at the end |
# | `remove x` | delete the first `x` |
# | `pop` | delete the last item |
# | `sort` / `reverse` | sort / reverse the list in place |
# | `print` | record a snapshot |
#
# Words are separated by one or more spaces or tabs, as people type them. Command names are
# lower-case; any other command (including `Append`) raises `ValueError` naming it.
#
# ```python
# run_commands(["append 7", "insert 0 -2", "append 4", "print", "sort", "remove 4", "print"])
# # [[-2, 7, 4], [-2, 7]]
# ```

# %% [markdown] course={"kind": "hint"}
# `name, *args = line.split()` separates the command from its arguments; convert the arguments
# with `int()`. Each command maps to one list method.

# %% [markdown] course={"kind": "hint"}
# `snapshots.append(items)` stores the *same* list every time, so all snapshots end up equal to
# the final list. Append `items.copy()`.

# %% course={"kind": "solution"}
def run_commands(commands: list) -> list:
    """Apply list-editing commands to an empty list; return a copy at every ``print``."""
    ### BEGIN SOLUTION
    items = []
    snapshots = []
    for line in commands:
        name, *args = line.split()
        numbers = [int(arg) for arg in args]
        if name == "insert":
            items.insert(numbers[0], numbers[1])
        elif name == "append":
            items.append(numbers[0])
        elif name == "remove":
            items.remove(numbers[0])
        elif name == "pop":
            items.pop()
        elif name == "sort":
            items.sort()
        elif name == "reverse":
            items.reverse()
        elif name == "print":
            snapshots.append(items.copy())
        else:
            raise ValueError(f"unknown command: {name}")
    return snapshots
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = run_commands(["append 7", "insert 0 -2", "append 4", "print"])
assert got == [[-2, 7, 4]], f"got {got}"
assert run_commands(["print"]) == [[]], "print on the empty list records []"
got = run_commands(["append  7", "append\t-3", "  print  "])
assert got == [[7, -3]], f"two spaces, a tab or spaces around a command still separate words; got {got}"

# %% course={"kind": "test", "points": 1}
got = run_commands(["append 3", "append 1", "print", "sort", "print", "reverse", "print"])
assert got == [[3, 1], [1, 3], [3, 1]], f"each snapshot is the list AT that moment; got {got}"

# %% course={"kind": "test", "points": 1}
got = run_commands(["append 5", "append 2", "append 5", "remove 5", "print", "pop", "print"])
assert got == [[2, 5], [2]], f"remove deletes only the first 5; pop the last item; got {got}"
### BEGIN HIDDEN TESTS
assert run_commands([]) == [], "no commands, no snapshots"
assert run_commands(["insert 0 1", "insert 0 2", "insert 1 3", "print"]) == [[2, 3, 1]]
try:
    run_commands(["remove 9"])
except ValueError:
    pass
else:
    raise AssertionError("removing a missing value raises ValueError, as list.remove does")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    run_commands(["append 1", "shuffle"])
except ValueError as err:
    assert "shuffle" in str(err), f"name the unknown command in the message, got {str(err)!r}"
else:
    raise AssertionError("an unknown command must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    run_commands(["Append 1"])
except ValueError as err:
    assert "Append" in str(err), f"name the unknown command in the message, got {str(err)!r}"
else:
    raise AssertionError("command names are lower-case: 'Append' is unknown")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "same-list-snapshots", "fails": ["t2", "t3"]}
def run_commands(commands):
    items, snapshots = [], []
    for line in commands:
        name, *args = line.split()
        numbers = [int(arg) for arg in args]
        if name == "insert":
            items.insert(numbers[0], numbers[1])
        elif name == "append":
            items.append(numbers[0])
        elif name == "remove":
            items.remove(numbers[0])
        elif name == "pop":
            items.pop()
        elif name == "sort":
            items.sort()
        elif name == "reverse":
            items.reverse()
        elif name == "print":
            snapshots.append(items)
        else:
            raise ValueError(f"unknown command: {name}")
    return snapshots

# %% course={"kind": "wrong", "id": "removes-all", "fails": ["t3"]}
def run_commands(commands):
    items, snapshots = [], []
    for line in commands:
        name, *args = line.split()
        numbers = [int(arg) for arg in args]
        if name == "insert":
            items.insert(numbers[0], numbers[1])
        elif name == "append":
            items.append(numbers[0])
        elif name == "remove":
            items = [x for x in items if x != numbers[0]]
        elif name == "pop":
            items.pop()
        elif name == "sort":
            items.sort()
        elif name == "reverse":
            items.reverse()
        elif name == "print":
            snapshots.append(list(items))
        else:
            raise ValueError(f"unknown command: {name}")
    return snapshots

# %% course={"kind": "wrong", "id": "ignores-unknown", "fails": ["t4"]}
def run_commands(commands):
    items, snapshots = [], []
    for line in commands:
        name, *args = line.split()
        numbers = [int(arg) for arg in args]
        if name == "print":
            snapshots.append(list(items))
        elif name in ("sort", "reverse", "pop"):
            getattr(items, name)()
        elif name in ("insert", "append", "remove"):
            getattr(items, name)(*numbers)
    return snapshots

# %% course={"kind": "wrong", "id": "split-on-one-space", "fails": ["t1"]}
def run_commands(commands):
    items, snapshots = [], []
    for line in commands:
        name, *args = line.split(" ")      # "append  7" gives ['append', '', '7']
        numbers = [int(arg) for arg in args]
        if name == "insert":
            items.insert(numbers[0], numbers[1])
        elif name == "append":
            items.append(numbers[0])
        elif name == "remove":
            items.remove(numbers[0])
        elif name == "pop":
            items.pop()
        elif name == "sort":
            items.sort()
        elif name == "reverse":
            items.reverse()
        elif name == "print":
            snapshots.append(items.copy())
        else:
            raise ValueError(f"unknown command: {name}")
    return snapshots

# %% [markdown] course={"kind": "exercise", "id": "second-fastest", "item": "dsa-nested-lists"}
# ### Problem: The runner-up build time (after HackerRank's *Nested Lists*)
#
# CI jobs are reported as a list of `[job_name, minutes]` pairs. Write
# `second_fastest(jobs)` that returns the names of the jobs whose time is the **second-lowest
# distinct** time, sorted alphabetically. Several jobs can share the lowest time; they all
# count as one "fastest" time. With fewer than two distinct times, return `[]`.
#
# ```python
# jobs = [["lint", 2.5], ["unit", 7.0], ["docs", 2.5], ["e2e", 31.0], ["build", 7.0]]
# second_fastest(jobs)     # ['build', 'unit']
# ```

# %% [markdown] course={"kind": "hint"}
# Collect the distinct times in a set, sort them, and take the one at index 1.

# %% [markdown] course={"kind": "hint"}
# Sorting the *jobs* and taking `jobs[1]` is wrong when two jobs tie for fastest. Then pick
# every job with the second time and `sorted()` their names.

# %% course={"kind": "solution"}
def second_fastest(jobs: list) -> list:
    """Names (sorted) of the jobs with the second-lowest distinct time."""
    ### BEGIN SOLUTION
    times = sorted({minutes for _, minutes in jobs})
    if len(times) < 2:
        return []
    second = times[1]
    return sorted(name for name, minutes in jobs if minutes == second)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
jobs = [["unit", 7.0], ["lint", 2.5], ["e2e", 31.0]]
assert second_fastest(jobs) == ["unit"], f"got {second_fastest(jobs)}"
assert jobs == [["unit", 7.0], ["lint", 2.5], ["e2e", 31.0]], "do not reorder the caller's list"

# %% course={"kind": "test", "points": 1}
jobs = [["lint", 2.5], ["docs", 2.5], ["unit", 7.0], ["e2e", 31.0]]
assert second_fastest(jobs) == ["unit"], "two jobs tie for the fastest time; the second distinct time is 7.0"

# %% course={"kind": "test", "points": 1}
jobs = [["lint", 2.5], ["unit", 7.0], ["docs", 2.5], ["e2e", 31.0], ["build", 7.0]]
assert second_fastest(jobs) == ["build", "unit"], f"all jobs with the second time, alphabetically; got {second_fastest(jobs)}"

# %% course={"kind": "test", "points": 1}
assert second_fastest([]) == [], "no jobs: []"
assert second_fastest([["a", 1.0], ["b", 1.0]]) == [], "one distinct time only: []"
assert second_fastest([["a", 1.0], ["b", 2.0], ["c", 1.0]]) == ["b"], "exactly two distinct times: the slower one is the second"
### BEGIN HIDDEN TESTS
assert second_fastest([["solo", 3.0]]) == []
assert second_fastest([["c", 0.0], ["a", -1.0], ["b", 0.0]]) == ["b", "c"], "a second time of 0 is still a time"
assert second_fastest([["x", -1.0], ["y", -3.0], ["z", 0.0]]) == ["x"], "negative numbers sort like any other"
assert second_fastest([["b", 2], ["a", 2], ["c", 1], ["d", 5]]) == ["a", "b"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "second-row", "fails": ["t2", "t3", "t4"]}
def second_fastest(jobs):
    ordered = sorted(jobs, key=lambda job: job[1])
    if len({m for _, m in jobs}) < 2:
        return []
    second = ordered[1][1]
    return sorted(name for name, minutes in jobs if minutes == second)

# %% course={"kind": "wrong", "id": "unsorted-names", "fails": ["t3", "t4"]}
def second_fastest(jobs):
    times = sorted({minutes for _, minutes in jobs})
    if len(times) < 2:
        return []
    return [name for name, minutes in jobs if minutes == times[1]]

# %% course={"kind": "wrong", "id": "needs-three-times", "fails": ["t4"]}
def second_fastest(jobs):
    times = sorted({minutes for _, minutes in jobs})
    if len(times) <= 2:                  # off by one: two distinct times DO have a second
        return []
    return sorted(name for name, minutes in jobs if minutes == times[1])

# %% course={"kind": "wrong", "id": "zero-time-is-missing", "fails": ["t4"]}
def second_fastest(jobs):
    times = sorted({minutes for _, minutes in jobs})
    second = times[1] if len(times) > 1 else None
    if not second:                       # 0.0 is falsy too
        return []
    return sorted(name for name, minutes in jobs if minutes == second)

# %% [markdown] course={"kind": "exercise", "id": "compact-sorted", "item": "dsa-remove-duplicates"}
# ### Problem: Squeeze repeats out of a sorted list, in place (after LeetCode's *Remove Duplicates from Sorted Array*)
#
# `versions` is a list of build numbers sorted ascending, with repeats. Write
# `compact_sorted(versions)` that rearranges **that same list** so its first `k` slots hold
# each distinct number once, still ascending, and returns `k`. What the list holds after slot
# `k` does not matter (you may also delete it). Use O(1) extra memory and one pass: the tests
# count the slots you read, write and shift on a list of 3,000 numbers.
#
# ```python
# versions = [3, 3, 4, 7, 7, 7, 9]
# k = compact_sorted(versions)   # 4
# versions[:k]                   # [3, 4, 7, 9]
# ```

# %% [markdown] course={"kind": "hint"}
# Two indexes: `read` visits every slot, `write` is where the next new number goes. Because
# the list is sorted, a number is new exactly when it differs from the last one written.

# %% [markdown] course={"kind": "hint"}
# `del versions[i]` inside a loop looks in place, but every delete shifts the rest of the list:
# O(n²) on a list with many repeats.

# %% course={"kind": "solution", "equivalent": {"m-6cd226d5": "read 0 compares the first value with itself and is skipped"}}
def compact_sorted(versions: list) -> int:
    """Move each distinct value of sorted ``versions`` to the front once; return how many."""
    ### BEGIN SOLUTION
    if not versions:
        return 0
    write = 1
    for read in range(1, len(versions)):
        if versions[read] != versions[write - 1]:
            versions[write] = versions[read]
            write += 1
    return write
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
versions = [3, 3, 4, 7, 7, 7, 9]
k = compact_sorted(versions)
assert k == 4, f"four distinct numbers, got k={k}"
assert versions[:k] == [3, 4, 7, 9], f"the first k slots of the SAME list must be [3, 4, 7, 9], got {versions[:k]}"

# %% course={"kind": "test", "points": 1}
assert compact_sorted([]) == 0, "an empty list has 0 distinct values"
one = [5]
assert compact_sorted(one) == 1 and one[:1] == [5], "one value: k=1"
same = [2, 2, 2, 2]
assert compact_sorted(same) == 1 and same[:1] == [2], "all equal: k=1"
### BEGIN HIDDEN TESTS
neg = [-5, -5, -1, 0, 0, 3]
k = compact_sorted(neg)
assert k == 4 and neg[:k] == [-5, -1, 0, 3], "negative numbers too"
unique = [1, 2, 3]
assert compact_sorted(unique) == 3 and unique[:3] == [1, 2, 3], "nothing to squeeze"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 3_000
budget = StepBudget(8 * n + 10, "O(n)")
versions = CountingList([i // 3 for i in range(n)], budget=budget)   # each number three times
k = compact_sorted(versions)
assert k == n // 3, f"expected {n // 3} distinct values, got {k}"
assert list.__getitem__(versions, slice(0, k)) == list(range(n // 3)), "the first k slots hold 0, 1, 2, ..."

import tracemalloc

versions = list(range(20_000)) + [19_999]
tracemalloc.start()
k = compact_sorted(versions)
extra = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
assert k == 20_000 and versions[:3] == [0, 1, 2], f"20,000 distinct values expected, got k={k}"
assert extra < 50_000, f"{extra:,} bytes of extra memory: O(1) means no set, no sorted copy, no second list"

# %% course={"kind": "wrong", "id": "counts-only", "fails": ["t1", "t2", "t3"]}
def compact_sorted(versions):
    return len(set(versions))

# %% course={"kind": "wrong", "id": "rebinds-name", "fails": ["t1", "t2", "t3"]}
def compact_sorted(versions):
    versions = sorted(set(versions))   # a new list; the caller's list is untouched
    return len(versions)

# %% course={"kind": "wrong", "id": "set-then-slice-assign", "fails": ["t3"]}
def compact_sorted(versions):
    versions[:] = sorted(set(versions))   # the same list object, but a set and a sorted copy: O(n) memory
    return len(versions)

# %% course={"kind": "wrong", "id": "deletes-in-loop", "fails": ["t3"]}
def compact_sorted(versions):
    i = 1
    while i < len(versions):
        if versions[i] == versions[i - 1]:
            del versions[i]
        else:
            i += 1
    return len(versions)

# %% [markdown] course={"kind": "exercise", "id": "rotate-in-place", "item": "dsa-rotate-array"}
# ### Problem: Rotate a ring buffer in place (after LeetCode's *Rotate Array*)
#
# Write `rotate_right(values, k)` that rotates the list **in place** `k` steps to the right
# (each item moves `k` places later, the last ones wrap round to the front) and returns
# `None`. `k` is zero or positive and may exceed the length. The tests count the slots your
# answer touches: O(n) work is expected, whatever `k` is. There are several good ways (slices,
# three reversals, a cycle walk); moving one item at a time `k` times is not one of them.
#
# ```python
# ring = [1, 2, 3, 4, 5, 6]
# rotate_right(ring, 2)
# ring                     # [5, 6, 1, 2, 3, 4]
# ```

# %% [markdown] course={"kind": "hint"}
# Reduce `k` with `k % len(values)` first (and leave an empty list alone).

# %% [markdown] course={"kind": "hint"}
# Slice assignment keeps the same list object: `values[:] = values[-k:] + values[:-k]` (watch
# `k == 0`). For O(1) extra memory: reverse the whole list, then reverse the first `k` items
# and the rest separately.

# %% course={"kind": "solution", "equivalent": {"m-8c8bdf36": "at lo == hi the middle item is swapped with itself: same list"}}
def rotate_right(values: list, k: int) -> None:
    """Rotate ``values`` in place ``k`` steps to the right."""
    ### BEGIN SOLUTION
    n = len(values)
    if n == 0:
        return
    k %= n

    def flip(lo: int, hi: int) -> None:
        while lo < hi:
            values[lo], values[hi] = values[hi], values[lo]
            lo += 1
            hi -= 1

    flip(0, n - 1)      # 6 5 4 3 2 1
    flip(0, k - 1)      # 5 6 | 4 3 2 1
    flip(k, n - 1)      # 5 6 | 1 2 3 4
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ring = [1, 2, 3, 4, 5, 6]
answer = rotate_right(ring, 2)
assert ring == [5, 6, 1, 2, 3, 4], f"the list itself must change; it is {ring}"
assert answer is None, "return None: the rotation happens in place"

# %% course={"kind": "test", "points": 1}
ring = ["a", "b", "c"]
rotate_right(ring, 0)
assert ring == ["a", "b", "c"], "k=0 changes nothing"
rotate_right(ring, 3)
assert ring == ["a", "b", "c"], "k equal to the length changes nothing"
rotate_right(ring, 7)
assert ring == ["c", "a", "b"], f"k=7 on three items is k=1; got {ring}"

# %% course={"kind": "test", "points": 1}
empty = []
rotate_right(empty, 4)
assert empty == [], "an empty list stays empty"
single = ["x"]
rotate_right(single, 5)
assert single == ["x"], "a single item stays put"
### BEGIN HIDDEN TESTS
for n in range(1, 8):
    for k in range(0, 2 * n + 1):
        values = list(range(n))
        rotate_right(values, k)
        assert values == [(i - k) % n for i in range(n)], f"n={n}, k={k}: got {values}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n, k = 1_000, 357
budget = StepBudget(12 * n + 10, "O(n)")
values = CountingList(range(n), budget=budget)
rotate_right(values, k)
assert list(values) == [(i - k) % n for i in range(n)], "rotated by 357"

# %% course={"kind": "wrong", "id": "one-step-at-a-time", "fails": ["t4"]}
def rotate_right(values, k):
    if values:
        for _ in range(k % len(values)):
            values.insert(0, values.pop())

# %% course={"kind": "wrong", "id": "returns-new-list", "fails": ["t1", "t2", "t3", "t4"]}
def rotate_right(values, k):
    if not values:
        return values
    k %= len(values)
    return values[-k:] + values[:-k]

# %% course={"kind": "wrong", "id": "forgets-modulo", "fails": ["t2", "t3"]}
def rotate_right(values, k):
    if values and k:
        values[:] = values[-k:] + values[:-k]

# %% [markdown] course={"kind": "exercise", "id": "best-gain", "item": "dsa-best-time-to-buy-sell-stock"}
# ### Problem: The best reserved-capacity deal (after LeetCode's *Best Time to Buy and Sell Stock*)
#
# `prices` is the daily price of a block of compute capacity. You may buy once and later sell
# once (on a later day). Write `best_gain(prices)` that returns the largest profit possible, or
# `0` if no trade makes money (also for fewer than two days). One pass is enough: the tests
# count comparisons and subtractions on 5,000 prices.
#
# ```python
# best_gain([9, 4, 6, 2, 8, 5])   # 6  (buy at 2, sell at 8)
# best_gain([9, 7, 4])            # 0
# ```

# %% [markdown] course={"kind": "hint"}
# Walk the days once, remembering the cheapest price seen *so far*. On each day, selling today
# would earn `price - cheapest`.

# %% [markdown] course={"kind": "hint"}
# `max(prices) - min(prices)` ignores the order of days: the maximum may come before the
# minimum.

# %% course={"kind": "solution", "equivalent": {"m-4fd64f1d": "on a tie the cheapest price is replaced by an equal one: same gains", "m-291aad12": "on a tie best is replaced by an equal value"}}
def best_gain(prices: list) -> int:
    """Largest ``prices[j] - prices[i]`` with ``i < j``, or 0."""
    ### BEGIN SOLUTION
    best = 0
    cheapest = None
    for price in prices:
        if cheapest is None or price < cheapest:
            cheapest = price
        elif price - cheapest > best:
            best = price - cheapest
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert best_gain([9, 4, 6, 2, 8, 5]) == 6, f"buy at 2, sell at 8; got {best_gain([9, 4, 6, 2, 8, 5])}"
assert best_gain([1, 5]) == 4, "two days, rising"

# %% course={"kind": "test", "points": 1}
assert best_gain([9, 7, 4]) == 0, "falling prices: no trade, 0"
assert best_gain([]) == 0 and best_gain([3]) == 0, "fewer than two days: 0"
assert type(best_gain([])) is int and type(best_gain([9, 7, 4])) is int, "no trade is the int 0"

# %% course={"kind": "test", "points": 1}
assert best_gain([5, 10, 1, 3]) == 5, "the peak (10) comes before the low (1): the best trade is 5 -> 10"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(7)
for _ in range(200):
    prices = [rng.randint(0, 30) for _ in range(rng.randint(0, 12))]
    want = max([prices[j] - prices[i] for i in range(len(prices)) for j in range(i + 1, len(prices))] + [0])
    assert best_gain(prices) == want, f"best_gain({prices}) should be {want}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(3)
n = 5_000
raw = [rng.randint(1, 1_000) for _ in range(n)]
budget = StepBudget(8 * n + 10, "O(n)")
got = best_gain(counted(raw, budget))
lowest = raw[0]
best = 0
for p in raw:
    best, lowest = max(best, p - lowest), min(lowest, p)
assert int(got) == best, f"expected {best}, got {got}"

# %% course={"kind": "wrong", "id": "max-minus-min", "fails": ["t1", "t2", "t3"]}
def best_gain(prices):
    return max(prices) - min(prices) if prices else 0

# %% course={"kind": "wrong", "id": "every-pair", "fails": ["t4"]}
def best_gain(prices):
    best = 0
    for i in range(len(prices)):
        for j in range(i + 1, len(prices)):
            best = max(best, prices[j] - prices[i])
    return best

# %% course={"kind": "wrong", "id": "loss-allowed", "fails": ["t2", "t3"]}
def best_gain(prices):
    if len(prices) < 2:
        return 0
    best = prices[1] - prices[0]         # starts from the first trade, which may lose money
    cheapest = min(prices[0], prices[1])
    for price in prices[2:]:
        best = max(best, price - cheapest)
        cheapest = min(cheapest, price)
    return best

# %% [markdown] course={"kind": "exercise", "id": "products-except-self", "item": "dsa-product-of-array-except-self"}
# ### Problem: Everyone else's factor (after LeetCode's *Product of Array Except Self*)
#
# Write `products_except_self(factors)` that returns a new list in which position `i` holds the
# product of every factor **except** `factors[i]`. Do not divide (a zero would break it
# anyway), and do it in O(n): the tests count multiplications and watch for divisions. The
# product of no factors is `1`, so a one-item list gives `[1]`.
#
# ```python
# products_except_self([2, 3, 4, 5])   # [60, 40, 30, 24]
# products_except_self([4, 0, 2])      # [0, 8, 0]
# ```

# %% [markdown] course={"kind": "hint"}
# The answer at `i` is (product of everything left of `i`) × (product of everything right of
# `i`). One pass left to right can fill in the left products.

# %% [markdown] course={"kind": "hint"}
# A second pass right to left keeps a running product of the right side and multiplies it into
# each slot. Two passes, no division, O(n).

# %% course={"kind": "solution"}
def products_except_self(factors: list) -> list:
    """Position ``i`` holds the product of all factors except ``factors[i]``."""
    ### BEGIN SOLUTION
    result = []
    left = 1
    for factor in factors:
        result.append(left)              # the product of everything left of this slot
        left = left * factor
    right = 1
    for i in range(len(factors) - 1, -1, -1):
        result[i] = result[i] * right    # times the product of everything right of it
        right = right * factors[i]
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert products_except_self([2, 3, 4, 5]) == [60, 40, 30, 24], f"got {products_except_self([2, 3, 4, 5])}"
assert products_except_self([-1, 2, -3]) == [-6, 3, -2], "signs multiply as usual"

# %% course={"kind": "test", "points": 1}
assert products_except_self([4, 0, 2]) == [0, 8, 0], "one zero: only its own slot is non-zero"
assert products_except_self([0, 5, 0]) == [0, 0, 0], "two zeros: every product contains a zero"

# %% course={"kind": "test", "points": 1}
factors = [3, 7]
assert products_except_self(factors) == [7, 3] and factors == [3, 7], "two factors swap; the input is unchanged"
assert products_except_self([9]) == [1], "one factor: the product of nothing else is 1"
empty = []
assert products_except_self(empty) == [] and products_except_self(empty) is not empty, "no factors: a NEW empty list"

# %% course={"kind": "test", "points": 1}
budget = StepBudget(10**6)
got = products_except_self(counted([2, 3, 4, 5, 6], budget))
assert [int(v) for v in got] == [360, 240, 180, 144, 120], f"got {got}"
assert budget.divisions == 0, f"{budget.divisions} divisions: build the products by multiplying only"

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(5)
n = 3_000
raw = [rng.choice([1, -1]) for _ in range(n)]
budget = StepBudget(10 * n + 10, "O(n)")
got = products_except_self(counted(raw, budget))
total = 1
for f in raw:
    total *= f
assert [int(v) for v in got] == [total * f for f in raw], "wrong products on the large input"
### BEGIN HIDDEN TESTS
for _ in range(100):
    small = [rng.randint(-3, 3) for _ in range(rng.randint(0, 7))]
    want = []
    for i in range(len(small)):
        p = 1
        for j, f in enumerate(small):
            if j != i:
                p *= f
        want.append(p)
    assert products_except_self(small) == want, f"products_except_self({small}) should be {want}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "divides", "fails": ["t2", "t4", "t5"]}
def products_except_self(factors):
    total = 1
    for f in factors:
        total *= f
    return [total // f if f else 0 for f in factors]

# %% course={"kind": "wrong", "id": "every-other-factor", "fails": ["t5"]}
def products_except_self(factors):
    result = []
    for i in range(len(factors)):
        product = 1
        for j in range(len(factors)):
            if j != i:
                product = product * factors[j]
        result.append(product)
    return result

# %% course={"kind": "wrong", "id": "hands-back-empty-input", "fails": ["t3"]}
def products_except_self(factors):
    if not factors:
        return factors                   # the caller's list, not a new one
    result = [1] * len(factors)
    left = 1
    for i in range(len(factors)):
        result[i] = left
        left = left * factors[i]
    right = 1
    for i in range(len(factors) - 1, -1, -1):
        result[i] = result[i] * right
        right = right * factors[i]
    return result

# %% [markdown] course={"kind": "exercise", "id": "biggest-tank", "item": "dsa-container-with-most-water"}
# ### Problem: The biggest tank between two walls (after LeetCode's *Container With Most Water*)
#
# `walls[i]` is the height of a wall standing at position `i`. Any two walls, together with the
# floor, make a tank: its width is the distance between their positions and the water level is
# the **lower** of the two heights (walls in between do not matter). Write `biggest_tank(walls)`
# that returns the largest area, width × level, or `0` with fewer than two walls. O(n): the
# tests count the comparisons and multiplications on 5,000 walls.
#
# ```python
# biggest_tank([2, 7, 3, 6, 4, 8, 1])   # 28  (walls 7 and 8, four apart)
# ```

# %% [markdown] course={"kind": "hint"}
# Start with the widest tank: one pointer at each end. Moving a pointer inwards always loses
# width, so it can only pay off if the wall you move away from was the limiting (lower) one.

# %% [markdown] course={"kind": "hint"}
# Each step: compute the area, remember the best, move the pointer at the *lower* wall inwards.
# Stop when the pointers meet.

# %% course={"kind": "solution", "equivalent": {"m-a0c7e60a": "at lo == hi the width is 0, so the extra area is 0 and cannot beat best", "m-24ac5cbb": "with equal walls either pointer may move: the classic proof holds for both", "m-09904451": "on a tie best is replaced by an equal value"}}
def biggest_tank(walls: list) -> int:
    """Largest (j - i) * min(walls[i], walls[j]) over pairs of walls."""
    ### BEGIN SOLUTION
    lo, hi = 0, len(walls) - 1
    best = 0
    while lo < hi:
        if walls[lo] < walls[hi]:
            area = walls[lo] * (hi - lo)
            lo += 1
        else:
            area = walls[hi] * (hi - lo)
            hi -= 1
        if area > best:
            best = area
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert biggest_tank([2, 7, 3, 6, 4, 8, 1]) == 28, f"walls 7 and 8 four apart; got {biggest_tank([2, 7, 3, 6, 4, 8, 1])}"
assert biggest_tank([4, 3, 2, 1, 4]) == 16, "the two outer walls of height 4, four apart"

# %% course={"kind": "test", "points": 1}
assert biggest_tank([]) == 0 and biggest_tank([5]) == 0, "fewer than two walls: no tank"
assert biggest_tank([1, 1]) == 1, "two walls of height 1, one apart"
assert biggest_tank([3, 3, 3, 3]) == 9, "equal walls: the widest pair wins"

# %% course={"kind": "test", "points": 1}
import random

rng = random.Random(11)
for _ in range(150):
    walls = [rng.randint(0, 20) for _ in range(rng.randint(0, 12))]
    want = max([min(walls[i], walls[j]) * (j - i) for i in range(len(walls)) for j in range(i + 1, len(walls))] + [0])
    assert biggest_tank(walls) == want, f"biggest_tank({walls}) should be {want}"

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(12)
n = 5_000
raw = [rng.randint(0, 10_000) for _ in range(n)]
budget = StepBudget(10 * n + 10, "O(n)")
got = biggest_tank(counted(raw, budget))
lo, hi, best = 0, n - 1, 0
while lo < hi:
    best = max(best, min(raw[lo], raw[hi]) * (hi - lo))
    lo, hi = (lo + 1, hi) if raw[lo] < raw[hi] else (lo, hi - 1)
assert int(got) == best, f"expected {best}, got {got}"

# %% course={"kind": "wrong", "id": "every-pair", "fails": ["t4"]}
def biggest_tank(walls):
    best = 0
    for i in range(len(walls)):
        for j in range(i + 1, len(walls)):
            best = max(best, min(walls[i], walls[j]) * (j - i))
    return best

# %% course={"kind": "wrong", "id": "moves-higher-wall", "fails": ["t1", "t3", "t4"]}
def biggest_tank(walls):
    lo, hi = 0, len(walls) - 1
    best = 0
    while lo < hi:
        best = max(best, min(walls[lo], walls[hi]) * (hi - lo))
        if walls[lo] > walls[hi]:
            lo += 1
        else:
            hi -= 1
    return best

# %% [markdown] course={"kind": "exercise", "id": "zero-triples", "item": "dsa-3sum"}
# ### Problem: Three adjustments that cancel out (after LeetCode's *3Sum*)
#
# A ledger of capacity adjustments holds positive and negative whole numbers. Write
# `zero_triples(adjustments)` that finds every set of three entries (three different
# positions) whose sum is `0`, and returns them as a **sorted list of distinct tuples**, each
# tuple in ascending order. The same three values found at different positions count once.
# Aim for O(n²): the tests count the work on 200 entries, where checking every triple would
# take more than a million steps.
#
# ```python
# zero_triples([3, -1, -2, 0, 1, -1])   # [(-2, -1, 3), (-1, 0, 1)]
# ```

# %% [markdown] course={"kind": "hint"}
# Sort a copy first. Then fix the first value `a` and look for two later values that sum to
# `-a`: that is the two-pointer search on a sorted list from the lesson.

# %% [markdown] course={"kind": "hint"}
# Skip an `a` equal to the previous one, and after a hit move both pointers past equal values;
# or collect the tuples in a set and sort it at the end.

# %% course={"kind": "solution", "equivalent": {"m-6a9409de": "with i = n - 2 the inner loop starts with lo == hi and does nothing", "m-755ffd8a": "lo may step to hi + 1, which ends the inner loop exactly as lo == hi does", "m-2c71f046": "after lo skips past its duplicates the sum is too big, so the next step lowers hi anyway", "m-17d520d4": "after lo skips past its duplicates the sum is too big, so the next step lowers hi anyway"}}
def zero_triples(adjustments: list) -> list:
    """Sorted list of distinct ascending triples of entries that sum to zero."""
    ### BEGIN SOLUTION
    values = sorted(adjustments)
    n = len(values)
    found = []
    for i in range(n - 2):
        if i > 0 and values[i] == values[i - 1]:
            continue
        lo, hi = i + 1, n - 1
        while lo < hi:
            total = values[i] + values[lo] + values[hi]
            if total < 0:
                lo += 1
            elif total > 0:
                hi -= 1
            else:
                found.append((values[i], values[lo], values[hi]))
                lo += 1
                while lo < hi and values[lo] == values[lo - 1]:
                    lo += 1
                hi -= 1
    return found
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ledger = [3, -1, -2, 0, 1, -1]
got = zero_triples(ledger)
assert got == [(-2, -1, 3), (-1, 0, 1)], f"got {got}"
assert ledger == [3, -1, -2, 0, 1, -1], "do not sort the caller's list"

# %% course={"kind": "test", "points": 1}
assert zero_triples([0, 0, 0, 0]) == [(0, 0, 0)], "the same triple of values counts once"
assert zero_triples([-1, -1, 2, 2, -1]) == [(-1, -1, 2)], "repeats in the input give one tuple"

# %% course={"kind": "test", "points": 1}
assert zero_triples([]) == [] and zero_triples([1, -1]) == [], "fewer than three entries: []"
assert zero_triples([1, 2, 3, -10]) == [], "no triple sums to zero"
assert zero_triples([2, -5, 3]) == [(-5, 2, 3)], "exactly three entries can make one triple"
### BEGIN HIDDEN TESTS
from itertools import combinations
import random

rng = random.Random(15)
for _ in range(150):
    values = [rng.randint(-6, 6) for _ in range(rng.randint(0, 10))]
    want = sorted({tuple(sorted(c)) for c in combinations(values, 3) if sum(c) == 0})
    assert zero_triples(values) == want, f"zero_triples({values}) should be {want}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(16)
n = 200
raw = rng.sample(range(-10**6, 10**6), n) + [5, -2, -3]
budget = StepBudget(8 * len(raw) ** 2, "O(n^2)")
got = zero_triples(counted(raw, budget))
assert [tuple(int(v) for v in t) for t in got] == [(-3, -2, 5)], f"got {got}"

# %% course={"kind": "wrong", "id": "every-triple", "fails": ["t4"]}
from itertools import combinations


def zero_triples(adjustments):
    return sorted({tuple(sorted(c)) for c in combinations(adjustments, 3) if sum(c) == 0})

# %% course={"kind": "wrong", "id": "outer-loop-short", "fails": ["t3"]}
def zero_triples(adjustments):
    values = sorted(adjustments)
    found = set()
    for i in range(len(values) - 3):     # one short: the last possible first value is never tried
        lo, hi = i + 1, len(values) - 1
        while lo < hi:
            total = values[i] + values[lo] + values[hi]
            if total < 0:
                lo += 1
            elif total > 0:
                hi -= 1
            else:
                found.add((values[i], values[lo], values[hi]))
                lo += 1
                hi -= 1
    return sorted(found)

# %% course={"kind": "wrong", "id": "keeps-repeats", "fails": ["t1", "t2", "t3"]}
def zero_triples(adjustments):
    values = sorted(adjustments)
    found = []
    for i in range(len(values) - 2):
        lo, hi = i + 1, len(values) - 1
        while lo < hi:
            total = values[i] + values[lo] + values[hi]
            if total < 0:
                lo += 1
            elif total > 0:
                hi -= 1
            else:
                found.append((values[i], values[lo], values[hi]))
                lo += 1
                hi -= 1
    return found

# %% [markdown] course={"kind": "exercise", "id": "trapped-water", "item": "dsa-trapping-rain-water"}
# ### Problem: Rain on a row of racks (after LeetCode's *Trapping Rain Water*)
#
# A row of server racks of different heights stands in the rain on a flat roof; `heights[i]`
# is the height of the rack in column `i`, each one unit wide. Water settles above a column up
# to the **lower** of the tallest rack on its left and the tallest rack on its right. Write
# `trapped_water(heights)` that returns how many units of water the row holds. O(n): the tests
# count comparisons and subtractions on 5,000 columns.
#
# ```python
# trapped_water([0, 2, 0, 3, 1, 0, 1, 4, 0, 1])   # 10
# ```

# %% [markdown] course={"kind": "hint"}
# Column `i` holds `min(tallest on the left incl. i, tallest on the right incl. i) - heights[i]`.
# Computing those two maxima afresh for every column is O(n²); precompute them in two passes.

# %% [markdown] course={"kind": "hint"}
# With two pointers you do not even need the arrays: move the pointer on the side whose running
# maximum is lower, because that side's water level is already decided.

# %% course={"kind": "solution", "equivalent": {"m-4f8253a6": "with equal running maxima either side's level is decided: both orders add the same water", "m-112b1307": "a column equal to the running maximum holds 0 water either way", "m-f931e340": "a column equal to the running maximum holds 0 water either way"}}
def trapped_water(heights: list) -> int:
    """Units of water held between the columns of ``heights``."""
    ### BEGIN SOLUTION
    lo, hi = 0, len(heights) - 1
    left_top = right_top = 0
    water = 0
    while lo <= hi:
        if left_top <= right_top:
            if heights[lo] > left_top:
                left_top = heights[lo]
            else:
                water += left_top - heights[lo]
            lo += 1
        else:
            if heights[hi] > right_top:
                right_top = heights[hi]
            else:
                water += right_top - heights[hi]
            hi -= 1
    return water
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert trapped_water([0, 2, 0, 3, 1, 0, 1, 4, 0, 1]) == 10, f"got {trapped_water([0, 2, 0, 3, 1, 0, 1, 4, 0, 1])}"
assert trapped_water([3, 0, 2, 0, 4]) == 7, "the level over each column is the lower of its two tallest neighbours"

# %% course={"kind": "test", "points": 1}
assert trapped_water([]) == 0 and trapped_water([5]) == 0, "nothing to hold water"
assert trapped_water([1, 2, 3, 4]) == 0 and trapped_water([4, 3, 2, 1]) == 0, "a slope holds no water"
assert trapped_water([5, 1, 5]) == 4, "one dip between two equal racks"

# %% course={"kind": "test", "points": 1}
import random

rng = random.Random(21)
for _ in range(150):
    h = [rng.randint(0, 9) for _ in range(rng.randint(0, 12))]
    want = sum(min(max(h[:i + 1]), max(h[i:])) - h[i] for i in range(len(h)))
    assert trapped_water(h) == want, f"trapped_water({h}) should be {want}"

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(22)
n = 5_000
raw = [rng.randint(0, 1_000) for _ in range(n)]
budget = StepBudget(12 * n + 10, "O(n)")
got = trapped_water(counted(raw, budget))
left, right = raw[:], raw[:]
for i in range(1, n):
    left[i] = max(left[i - 1], raw[i])
for i in range(n - 2, -1, -1):
    right[i] = max(right[i + 1], raw[i])
assert int(got) == sum(min(a, b) - h for a, b, h in zip(left, right, raw)), "wrong total on the large input"

# %% course={"kind": "wrong", "id": "rescans-both-sides", "fails": ["t4"]}
def trapped_water(heights):
    total = 0
    for i in range(len(heights)):
        total += min(max(heights[:i + 1]), max(heights[i:])) - heights[i]
    return total

# %% course={"kind": "wrong", "id": "left-side-only", "fails": ["t1", "t2", "t3", "t4"]}
def trapped_water(heights):
    total, top = 0, 0
    for h in heights:
        top = max(top, h)
        total += top - h
    return total

# %% [markdown] course={"kind": "exercise", "id": "window-maxima", "item": "dsa-sliding-window-maximum"}
# ### Problem: Peak load per window (after LeetCode's *Sliding Window Maximum*)
#
# `load` holds one request-rate sample per minute. Write `window_maxima(load, k)` that returns
# the maximum of every window of `k` consecutive samples, in order (there are
# `len(load) - k + 1` windows). `k` must be between 1 and `len(load)`, otherwise raise
# `ValueError`. Aim for O(n) whatever `k` is: the tests count comparisons with 2,000 samples
# and windows of 500, where recomputing `max()` for every window would take a million.
#
# ```python
# window_maxima([3, 9, 2, 5, 1, 8, 4], 3)   # [9, 9, 5, 8, 8]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a `collections.deque` of *positions* whose values are in decreasing order. A new sample
# makes every smaller sample at the back useless (it can never be a maximum again): pop them.

# %% [markdown] course={"kind": "hint"}
# The front of the deque is the current maximum. Drop it when its position has slid out of the
# window (`front <= i - k`). Record `load[dq[0]]` once `i >= k - 1`.

# %% course={"kind": "solution", "equivalent": {"m-7adc492f": "keeping equal values in the deque still gives the same maxima (each step expires at most one index)"}}
from collections import deque


def window_maxima(load: list, k: int) -> list:
    """The maximum of each run of ``k`` consecutive samples."""
    ### BEGIN SOLUTION
    if not 1 <= k <= len(load):
        raise ValueError(f"window size {k} does not fit {len(load)} samples")
    candidates = deque()          # positions, their values decreasing from front to back
    maxima = []
    for i, value in enumerate(load):
        while candidates and load[candidates[-1]] <= value:
            candidates.pop()
        candidates.append(i)
        if candidates[0] <= i - k:
            candidates.popleft()
        if i >= k - 1:
            maxima.append(load[candidates[0]])
    return maxima
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = window_maxima([3, 9, 2, 5, 1, 8, 4], 3)
assert got == [9, 9, 5, 8, 8], f"got {got}"
assert window_maxima([4, 2, 12, 3], 2) == [4, 12, 12], "windows of two"

# %% course={"kind": "test", "points": 1}
samples = [5, 1, 4, 4, 2]
assert window_maxima(samples, 1) == samples, "k=1: every sample is its own maximum"
assert window_maxima(samples, 5) == [5], "k=len: one window"
assert samples == [5, 1, 4, 4, 2], "do not change the samples"

# %% course={"kind": "test", "points": 1}
for bad_k, samples in ((0, [1, 2]), (3, [1, 2]), (1, []), (-1, [1])):
    try:
        window_maxima(samples, bad_k)
    except ValueError:
        pass
    else:
        raise AssertionError(f"window_maxima({samples}, {bad_k}) must raise ValueError")

# %% course={"kind": "test", "points": 1}
import random

rng = random.Random(31)
for _ in range(150):
    load = [rng.randint(0, 9) for _ in range(rng.randint(1, 12))]
    k = rng.randint(1, len(load))
    want = [max(load[i:i + k]) for i in range(len(load) - k + 1)]
    assert window_maxima(load, k) == want, f"window_maxima({load}, {k}) should be {want}"

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(32)
n, k = 2_000, 500
raw = [rng.randint(0, 10_000) for _ in range(n)]
budget = StepBudget(8 * n + 10, "O(n)")
got = window_maxima(counted(raw, budget), k)
assert len(got) == n - k + 1, f"{n - k + 1} windows expected, got {len(got)}"
assert int(got[0]) == max(raw[:k]) and int(got[-1]) == max(raw[-k:]), "wrong maxima on the large input"
### BEGIN HIDDEN TESTS
budget = StepBudget(8 * n + 10, "O(n)")
falling = counted(range(n, 0, -1), budget)     # the worst case for a naive rescan
got = window_maxima(falling, k)
assert [int(v) for v in got] == list(range(n, k - 1, -1))
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "max-per-window", "fails": ["t5"]}
def window_maxima(load, k):
    if not 1 <= k <= len(load):
        raise ValueError("bad window")
    return [max(load[i:i + k]) for i in range(len(load) - k + 1)]

# %% course={"kind": "wrong", "id": "misses-last-window", "fails": ["t1", "t2", "t4", "t5"]}
def window_maxima(load, k):
    if not 1 <= k <= len(load):
        raise ValueError("bad window")
    return [max(load[i:i + k]) for i in range(len(load) - k)]

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-time-complexity-of-list"}
# Reading or writing `items[i]`, `len()`, `append()` and `pop()` from the end are O(1)
# (`append` amortized, because an occasional resize copies the pointer array). Anything that
# shifts the items after a position is O(n - i): `insert(i, x)`, `pop(i)`, `del items[i]`, so
# the front of a list is its expensive end. Anything that searches is O(n): `x in items`,
# `index()`, `count()`, `remove()`. A slice costs O(k) for k items copied, `extend` O(k) for
# k new items, `copy()`, `reverse()`, `clear()` and `==` O(n), and `sort()` O(n log n)
# (Timsort; close to O(n) on data that is already nearly sorted).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-append"}
# `append(x)` adds exactly one item, `x` itself, even if `x` is a list (you get a nested list).
# `extend(iterable)` loops over its argument and adds each element, so `extend("ab")` adds two
# characters. Both change the list in place and return `None`. `a += b` is the in-place
# `extend` (it accepts any iterable), whereas `a = a + b` builds a new list, requires `b` to be
# a list, and leaves any other name bound to the old list unchanged.

# %% [markdown] course={"kind": "answer", "question": "q-explain-shallow-vs-deep-copy"}
# Assignment copies nothing: both names refer to one object. A **shallow** copy (`list.copy()`,
# `items[:]`, `list(items)`, `copy.copy`) creates a new outer container that holds the **same**
# inner objects, so adding or removing items is independent but mutating a shared inner list
# or dict is visible through both. A **deep** copy (`copy.deepcopy`) recursively copies the
# inner objects too (keeping a memo so shared and cyclic references are copied once). Deep
# copies cost more time and memory; use them for nested mutable data you are about to change,
# such as a default configuration.

# %% [markdown] course={"kind": "answer", "question": "q-how-are-lists-implemented-internally"}
# In CPython a list is a dynamic array: a header with the length and the allocated capacity,
# and a separate contiguous block of pointers to the item objects. Indexing is pointer
# arithmetic, hence O(1). When `append` finds the block full, CPython reallocates it with some
# spare room (growth of about 12.5% plus a small constant), so most appends are a single write
# and the average stays O(1). Inserting or deleting anywhere but the end moves the following
# pointers. Because only pointers are stored, items can be of any type and any size, and the
# objects themselves live elsewhere on the heap.

# %% course={"kind": "trap", "trap": "trap-list2-list1-creates-a-reference-not-a"}
# "Backing up" a list by assignment backs up nothing: both names point at one list.
allowed = ["10.0.0.1", "10.0.0.2"]
backup = allowed
allowed.append("0.0.0.0")          # an accident...
print("backup:", backup, "| same object:", backup is allowed)

allowed = ["10.0.0.1", "10.0.0.2"]
backup = allowed.copy()            # a real (shallow) copy
allowed.append("0.0.0.0")
print("backup:", backup, "| same object:", backup is allowed)

# %% course={"kind": "trap", "trap": "trap-modifying-a-list-while-iterating-can"}
# Removing items while looping over the same list skips the item after each removal.
hosts = ["web-1", "down-1", "down-2", "web-2", "down-3"]
for host in hosts:
    if host.startswith("down"):
        hosts.remove(host)
print("after removing in the loop:", hosts, "<- down-2 survived")

hosts = ["web-1", "down-1", "down-2", "web-2", "down-3"]
hosts[:] = [host for host in hosts if not host.startswith("down")]   # build the keepers instead
print("with a comprehension:     ", hosts)

# %% course={"kind": "trap", "trap": "trap-remove-only-removes-first-occurrence"}
# remove() deletes ONE item: the first equal one. It also raises if there is none.
queue = ["job-a", "job-b", "job-a", "job-a"]
queue.remove("job-a")
print("after one remove:", queue)
queue = [job for job in queue if job != "job-a"]    # every occurrence
print("all removed:     ", queue)
try:
    queue.remove("job-a")
except ValueError as err:
    print("ValueError:", err)

# %% course={"kind": "trap", "trap": "trap-large-slices-create-new-lists-memory"}
# A slice is a new list: slicing a big list to "skip the header" copies millions of pointers.
import itertools
import sys

rows = list(range(1_000_000))
body = rows[1:]
print("rows[1:] is a new list of", f"{sys.getsizeof(body):,}", "bytes; same object?", body is rows)
lazy = itertools.islice(rows, 1, None)            # walks the original, copies nothing
print("islice instead:", sys.getsizeof(lazy), "bytes; it yields", list(itertools.islice(lazy, 3)), "...")
