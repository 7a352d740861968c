# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can measure where a Python process keeps its memory (`sys.getsizeof`,
# `tracemalloc`, `gc`), explain why an object stays alive or dies, and fix the usual leaks with weak
# references, `__slots__` and generators, in the versions your servers run (3.11 to 3.13, and what 3.14 changed).

# %% [markdown] course={"kind": "lesson", "id": "memory-model", "covers": ["c-python-memory-model", "c-everything-is-an-object", "c-pyobject-structure", "c-object-header-type-refcount"]}
# ### The memory model: everything is an object with a header
#
# In CPython every value lives on the heap as a C struct that starts with the same **header**, a
# `PyObject`: a reference count (`ob_refcnt`) and a pointer to its type (`ob_type`). On a 64-bit build
# that header is 16 bytes, so the smallest object, a bare `object()`, is 16 bytes. Objects whose length
# varies (ints, tuples, strings) add a size field (`PyVarObject`) and then their own data. Variables do
# not hold values: a name is an entry in a namespace that *points at* an object, and `id(x)` is (in
# CPython) that object's address.
#
# "Everything" is meant literally: functions, classes, modules, types and `None` are objects with the
# same header, so you can put them in lists, count references to them and measure them.
#
# Why a DevOps or MLOps engineer cares: a list of a million `float`s is a million separate 24-byte
# objects *plus* an 8-byte pointer each in the list, which is why numbers go into `array`, `bytes` or
# NumPy arrays, and why a service that "only keeps some dicts" uses gigabytes. The thing people get
# wrong: `b = a` copies nothing, it is one more pointer to the same object.

# %% course={"kind": "demo"}
import sys

for value in (object(), None, 42, 2**100, 3.14, "", "a", (), (1, 2), len, sys):
    print(f"{type(value).__name__:>22}  {sys.getsizeof(value):>4} bytes   type is an object too: {isinstance(type(value), object)}")

a = [1, 2, 3]
b = a  # a second name for the same list, nothing is copied
b.append(4)
print("a is b:", a is b, "| a:", a, "| same address:", id(a) == id(b))

# %% [markdown] course={"kind": "text"}
# The header's two fields are visible from Python: `type(x)` reads `ob_type`, and
# `sys.getrefcount(x)` reads `ob_refcnt` (plus one, for the reference the call itself holds). The
# sizes depend on the version (measured on 64-bit Linux): the empty string is 49 bytes on 3.11.7 and
# 41 on 3.12.1 and 3.13.0, and `getsizeof` of an instance of an ordinary class is 56 bytes on 3.11 and
# 48 on 3.12 and 3.13, because the layout of strings and instances changed. Never hard-code such
# numbers; measure them on the version you run.

# %% [markdown] course={"kind": "lesson", "id": "refcounting", "covers": ["c-reference-counting", "c-how-it-works", "c-sys-getrefcount", "c-incrementing-and-decrementing", "c-immediate-cleanup"]}
# ### Reference counting: most objects die the moment the last reference goes
#
# Every time a new reference to an object is made (a name bound, an item stored in a list, an argument
# passed) CPython **increments** its count; every time one goes away (`del`, rebinding a name, a
# function returning, a list dropped) it **decrements** it. When the count reaches zero the object is
# freed *at once*: its `__del__` or `weakref.finalize` callbacks run and its memory goes back to the
# allocator. This **immediate cleanup** is why `open(path).read()` closes the file right away in
# CPython (other implementations such as PyPy do not promise that; use `with`).
#
# `sys.getrefcount(x)` returns the count, one higher than you expect because its own argument is a
# reference. Only **differences** are meaningful: since Python 3.12 (PEP 683) `None`, `True`, small
# ints and interned strings are **immortal**, their count is a fixed huge number that never changes
# (4294967295 on 3.12.1 and 3.13.0, measured), and on 3.11 the count of `None` is simply how many
# references the whole process holds. Even for ordinary objects CPython's glossary says reference
# counts are not stable values: how a line of code changes them may differ between versions (the
# counts below were checked on 3.11, 3.12 and 3.13). The mistake people make is reading meaning into
# the absolute number; use counts to debug, never as something a program depends on.

# %% course={"kind": "demo"}
import sys
import weakref


class Job:
    def __init__(self, name: str) -> None:
        self.name = name


job = Job("backup")
print("fresh object, one name:", sys.getrefcount(job), "(1 name + 1 for the call's argument)")
queue = [job, job]
print("stored twice in a list:", sys.getrefcount(job))
registry = {"nightly": job}
print("and once in a dict:    ", sys.getrefcount(job))
del queue, registry
print("containers dropped:   ", sys.getrefcount(job))

weakref.finalize(job, print, "   -> the Job is freed now, during the del statement")
print("before del")
del job  # the count reaches 0: freed immediately, no garbage collector involved
print("after del")
print("None's count (3.12+: immortal, a constant):", sys.getrefcount(None), "| Python", sys.version.split()[0])

# %% [markdown] course={"kind": "lesson", "id": "cycle-gc", "covers": ["c-garbage-collection", "c-generational-gc", "c-three-generations", "c-cycle-detection", "c-gc-module"]}
# ### The garbage collector: finding cycles that counting cannot free
#
# Reference counting alone cannot free a **cycle**: two objects that point at each other (a parent
# with a list of children that each point back, an exception whose traceback holds the frame that
# holds the exception) keep each other's count above zero after the last outside name is gone. The
# **cycle collector** (the `gc` module) finds them: it looks at container objects only (lists, dicts,
# instances, not ints or strings), subtracts the references that come from *inside* the group, and
# whatever is left with no outside reference is unreachable and freed.
#
# Scanning every container each time would be slow, so the collector is **generational**: new
# containers start in generation 0; a collection runs when allocations minus deallocations exceed the
# first threshold, and survivors are moved to older generations, which are scanned less often.
# Versions differ here, so check yours:
#
# | version | generations | `gc.get_threshold()` (measured / documented) |
# |---|---|---|
# | 3.11, 3.12 | three (0, 1, 2) | `(700, 10, 10)` measured on 3.11.7 and 3.12.1 |
# | 3.13 | three (0, 1, 2) | `(2000, 10, 10)` measured on 3.13.0 (an incremental collector was tried for 3.13 and moved to 3.14) |
# | 3.14.0 to 3.14.4 | two, young and old, collected **incrementally** | documented, not run here: `gc.collect(1)` does one increment of the old generation |
# | 3.14.5 and later, 3.15 | three again | documented, not run here: the incremental collector was **reverted** to the 3.13 one after reports of memory growth in production |
#
# What you use from `gc`: `gc.collect()` runs a full collection and **returns how many unreachable
# objects it found**; `gc.disable()`/`gc.enable()`/`gc.isenabled()` pause the automatic collector;
# `gc.get_referrers(x)` lists the containers that point at `x` (slow, for debugging);
# `gc.get_count()` and `gc.get_threshold()` show the counters; `gc.freeze()` moves everything to a
# permanent generation (used before `fork()` in pre-fork servers). The thing people get wrong:
# `gc.collect()` does nothing for objects that are still referenced. A "leak" is almost always a
# reference you forgot, not a collector that failed.

# %% course={"kind": "demo"}
import gc
import weakref


class Node:
    __slots__ = ("peer", "__weakref__")  # no __dict__: each Node is exactly one gc-tracked object


print("Python", sys.version.split()[0], "threshold", gc.get_threshold(), "counts now", gc.get_count())
was_enabled = gc.isenabled()
gc.disable()  # pause the automatic collector so that this demo decides when it runs
try:
    gc.collect()  # start from a clean slate
    left, right = Node(), Node()
    left.peer, right.peer = right, left  # a cycle of two
    watch = weakref.ref(left)
    print("gc.get_referrers(right) includes left:", any(r is left for r in gc.get_referrers(right)))
    del left, right
    print("after del, still alive:", watch() is not None, "(each holds the other)")
    found = gc.collect()
    print("gc.collect() found", found, "unreachable objects (2 Nodes; more if other garbage was waiting)")
    print("after collect, still alive:", watch() is not None)
finally:
    if was_enabled:
        gc.enable()

# %% [markdown] course={"kind": "lesson", "id": "allocation", "covers": ["c-memory-allocation", "c-small-object-allocator", "c-memory-pools", "c-arena-allocation"]}
# ### Memory allocation: pymalloc's arenas, pools and blocks
#
# Python creates and frees small objects constantly, and calling the C `malloc` for each would be
# slow and fragment memory. CPython's **small object allocator** (pymalloc) handles every request of
# at most **512 bytes** itself, rounded up to one of 32 size classes:
#
# - an **arena** is a big chunk taken from the operating system (1 MiB on 64-bit builds of 3.10+);
# - an arena is cut into **pools** (16 KiB each), and each pool serves **one size class**;
# - a pool is cut into **blocks** of that size; an object takes one block.
#
# Freed blocks go back to their pool and are reused for the next object of that size, and an arena
# is returned to the operating system only when *every* pool in it is empty. That is why the resident
# size (RSS) of a long-running worker often does not drop after a big burst of small objects is
# freed: a few survivors scattered over many arenas keep them all. Larger requests go to the system
# `malloc`. `PYTHONMALLOC=malloc` switches pymalloc off (useful with valgrind or ASan). The numbers
# below are read from CPython's own statistics (`sys._debugmallocstats()`, a CPython detail), in a
# child process so its output does not fill this notebook.

# %% course={"kind": "demo"}
import subprocess

probe = "import sys; keep = [object() for _ in range(50_000)]; sys._debugmallocstats()"
stats = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
wanted = ("Small block threshold", "bytes/arena", "unused pools *", "# arenas allocated current")
for line in stats.stderr.splitlines():
    if any(word in line for word in wanted):
        print(" ", line.strip())

before = sys.getallocatedblocks()  # blocks pymalloc has handed out in this process
small = [object() for _ in range(1000)]
print("pymalloc blocks for 1000 small objects:", sys.getallocatedblocks() - before, "(1000 objects + the list's growth)")
del small

# %% [markdown] course={"kind": "lesson", "id": "weakrefs", "covers": ["c-weak-references", "c-weakref-module", "c-weakref-ref", "c-weakvaluedictionary-weakkeydictionary", "c-use-cases-caching-observer-pattern"]}
# ### Weak references: pointing at an object without keeping it alive
#
# A **weak reference** reaches an object but does not count: when the last strong reference goes, the
# object dies anyway and the weak reference then returns `None`. The `weakref` module gives:
#
# | tool | what it does | typical use |
# |---|---|---|
# | `weakref.ref(obj, callback=None)` | `r()` returns the object or `None`; the callback runs when it dies | back-pointers (child → parent) without a cycle |
# | `WeakValueDictionary` | entries disappear when their **value** dies | a cache of loaded objects that lives only while someone uses them |
# | `WeakKeyDictionary` | entries disappear when their **key** dies | extra data attached to objects you do not own |
# | `WeakSet` | members disappear when they die | a set of live connections or listeners |
# | `WeakMethod(obj.method)` | a weak reference to a *bound method* | observers: a listener registered by an object that may go away |
# | `weakref.finalize(obj, func, *args)` | calls `func(*args)` when `obj` dies (or at exit) | clean-up without `__del__` |
#
# Not everything can be referenced weakly: `int`, `str`, `tuple`, `list` and `dict` instances cannot
# (`TypeError`), nor instances of a class with `__slots__` unless `"__weakref__"` is one of the slots.
# Two mistakes catch everyone. A bound method (`obj.method`) is a *new* object each time you write it,
# so `weakref.ref(obj.method)` is dead immediately: use `WeakMethod`. And a `finalize` callback or its
# arguments must not refer to the object itself, or the object can never die.

# %% course={"kind": "demo"}
import weakref


class Model:
    def __init__(self, name: str) -> None:
        self.name = name

    def on_reload(self, event: str) -> str:
        return f"{self.name} got {event}"


cache: weakref.WeakValueDictionary[str, Model] = weakref.WeakValueDictionary()
resnet = Model("resnet")
cache["resnet"] = resnet
print("while used:   ", sorted(cache.keys()))
del resnet  # the only strong reference
print("after del:    ", sorted(cache.keys()))

tags: weakref.WeakKeyDictionary[Model, str] = weakref.WeakKeyDictionary()
bert = Model("bert")
tags[bert] = "nlp"
print("extra data:   ", tags[bert], "| entries:", len(tags))
del bert
print("key died:      entries:", len(tags))

listener = Model("dashboard")
plain = weakref.ref(listener.on_reload)  # the bound method is a temporary object
method = weakref.WeakMethod(listener.on_reload)
print("ref(bound method) alive?", plain() is not None, "| WeakMethod alive?", method() is not None, "->", method()("reload"))
for bad in (42, "text", (1, 2), [1], {"a": 1}):
    try:
        weakref.ref(bad)
    except TypeError:
        print(f"   {type(bad).__name__:>5}: cannot be weakly referenced")

# %% [markdown] course={"kind": "lesson", "id": "leaks", "covers": ["c-memory-leaks", "c-common-causes", "c-circular-references", "c-unintentional-caching", "c-detection-tools"]}
# ### Memory leaks: references you forgot
#
# Python frees what nobody references, so a Python "leak" is memory that something *still
# references* without meaning to. The usual causes, roughly in the order you meet them in services:
#
# - **unintentional caching**: a module-level dict or list that only grows (`seen[request_id] = ...`),
#   an unbounded `functools.lru_cache(maxsize=None)`, or `lru_cache` on a *method*, whose cache holds
#   every `self` it was called with;
# - **listeners never removed**: an event bus, signal handler or callback list holding bound methods,
#   and through them their whole objects;
# - **circular references** that the collector must find: freed later, not at once, and all at once
#   in a pause; with `gc.disable()` (done by some services for speed) they are never freed;
# - a saved exception: its `__traceback__` holds every frame and so every local variable in them.
#
# Detection, from cheap to precise: watch RSS over time (`ps`, container metrics); count live objects
# by type (`collections.Counter(type(o).__name__ for o in gc.get_objects())`) and see which type grows;
# compare two `tracemalloc` snapshots and read the lines that allocated the growth; then
# `gc.get_referrers()` (or the third-party `objgraph`) to see who holds the objects. The mistake
# people make is calling `gc.collect()` in a loop to "fix" it: it cannot free what is referenced.

# %% course={"kind": "demo"}
import gc
import tracemalloc

_seen: dict[str, bytes] = {}  # the leak: a "cache" nobody ever empties


def handle(request_id: str) -> int:
    body = bytes(2_000)  # a new 2 kB buffer per request
    _seen[request_id] = body  # kept "for debugging", for ever
    return len(body)


tracemalloc.start()
try:
    first = tracemalloc.take_snapshot()
    for n in range(500):
        handle(f"req-{n}")
    second = tracemalloc.take_snapshot()
finally:
    tracemalloc.stop()
for stat in second.compare_to(first, "lineno")[:3]:
    frame = stat.traceback[0]
    print(f"line {frame.lineno}: +{stat.size_diff / 1024:.0f} KiB in +{stat.count_diff} blocks")
print("gc.collect() does not help:", gc.collect() >= 0, "| entries still held:", len(_seen))
_seen.clear()

# %% [markdown] course={"kind": "lesson", "id": "profiling", "covers": ["c-memory-profiling", "c-sys-getsizeof", "c-tracemalloc-module", "c-memory-profilers-memory-profiler"]}
# ### Memory profiling: `getsizeof` is shallow, `tracemalloc` sees allocations
#
# `sys.getsizeof(x)` returns the size of **the object itself**: for a list, its header and its array
# of pointers, **not** the items; for a dict, its table, not the keys and values. Use it to compare
# representations of one value (a `list` of ints against an `array`), never as "how much memory does
# this data use". For a deep size you must walk the references yourself, and shared objects make
# even that a question of definition.
#
# `tracemalloc` (standard library) hooks Python's allocators and records, for every block still
# allocated, where it was allocated. `tracemalloc.start()` begins tracing (it slows the program,
# so not for always-on production use), `get_traced_memory()` returns `(current, peak)` in bytes,
# `reset_peak()` starts a new peak (3.9+), `take_snapshot()` and `Snapshot.compare_to()` show which
# lines allocated the difference, and `stop()` forgets everything. It counts only memory allocated
# through Python's allocators (what C libraries allocate with their own `malloc`, e.g. much of a
# GPU framework's memory, is invisible to it).
#
# `memory_profiler` is a third-party package (line-by-line RSS via `@profile` and
# `python -m memory_profiler`); it is no longer actively maintained and is not installed in this
# course. `tracemalloc` covers its use for Python code; for RSS over time of a whole process,
# `psutil` or your container metrics. The mistake people make: reading `getsizeof(big_list)`
# and concluding the data is small.

# %% course={"kind": "demo"}
import array
import sys
import tracemalloc

numbers = list(range(1_000, 101_000))
packed = array.array("q", numbers)
print("getsizeof(list)  :", sys.getsizeof(numbers), "bytes, the pointers only")
print("getsizeof(array) :", sys.getsizeof(packed), "bytes, the numbers themselves")
print("getsizeof([numbers]) =", sys.getsizeof([numbers]), "bytes: the inner list is not counted at all")

tracemalloc.start()
try:
    base = tracemalloc.get_traced_memory()[0]
    fresh = list(range(1_000, 101_000))  # 100 000 new int objects + the list
    with_items = tracemalloc.get_traced_memory()[0] - base
finally:
    tracemalloc.stop()
print("tracemalloc, list with its ints:", with_items, "bytes =", round(with_items / sys.getsizeof(fresh), 1), "x what getsizeof says")
del numbers, packed, fresh

# %% [markdown] course={"kind": "lesson", "id": "optimization", "covers": ["c-optimization-techniques", "c-slots", "c-generators-for-large-datasets", "c-object-pooling"]}
# ### Using less memory: `__slots__`, generators, pools
#
# **`__slots__`** replaces the per-instance `__dict__` with fixed fields stored in the object itself.
# Instances get smaller and attribute typos raise `AttributeError`; in exchange you cannot add new
# attributes, and weak references need `"__weakref__"` in the slots. How much it saves depends on the
# version: since 3.11 a normal instance keeps its values inline and creates the dict only when
# something asks for `__dict__`, so the saving is smaller than older articles say. Measure it.
#
# **Generators** produce one item at a time, so a pipeline over a 10 GB log file holds one line, not
# the file: `sum(len(line) for line in f)` instead of `f.readlines()`. The peak is what kills a
# container (the OOM killer looks at peaks), so compare **peaks**.
#
# **Object pooling** keeps expensive objects (database connections, buffers, CUDA streams) to hand
# out again instead of creating them per request. For ordinary small Python objects it does not pay:
# pymalloc already reuses blocks. A pool must bound its size, or it is a leak with a nicer name.

# %% course={"kind": "demo"}
import tracemalloc


class PointDict:
    def __init__(self, x: int, y: int, z: int) -> None:
        self.x, self.y, self.z = x, y, z


class PointSlots:
    __slots__ = ("x", "y", "z")

    def __init__(self, x: int, y: int, z: int) -> None:
        self.x, self.y, self.z = x, y, z


def traced(build):  # bytes still allocated after build() ran, and the peak while it ran
    tracemalloc.start()
    try:
        kept = build()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return current, peak


plain = traced(lambda: [PointDict(1, 2, 3) for _ in range(20_000)])[0]
slotted = traced(lambda: [PointSlots(1, 2, 3) for _ in range(20_000)])[0]
touched = traced(lambda: [vars(p) and p for p in [PointDict(1, 2, 3) for _ in range(20_000)]])[0]
print(f"20 000 points: dict {plain:,} B, slots {slotted:,} B, ratio {plain / slotted:.2f}; after touching __dict__: {touched:,} B")
try:
    PointSlots(1, 2, 3).w = 4
except AttributeError as error:
    print("slots reject new attributes:", error)

lines = [f"2026-01-01 GET /api/{n} 200" for n in range(50_000)]
as_list = traced(lambda: sum([len(line) for line in lines]))[1]
as_gen = traced(lambda: sum(len(line) for line in lines))[1]
print(f"peak of sum over a list: {as_list:,} B; over a generator: {as_gen:,} B")

# %% [markdown] course={"kind": "text"}
# A pool, small and bounded: buffers are handed out, given back, and reused; past `limit` spare
# buffers the extra ones are simply dropped, so the pool cannot grow without bound.

# %% course={"kind": "demo"}
class BufferPool:
    def __init__(self, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        self._spare: list[bytearray] = []
        self.created = 0

    def acquire(self) -> bytearray:
        if self._spare:
            return self._spare.pop()
        self.created += 1
        return bytearray(self.size)

    def release(self, buffer: bytearray) -> None:
        if len(self._spare) < self.limit:  # bounded: beyond the limit the buffer is just freed
            buffer[:] = bytes(self.size)  # scrub what the last user wrote
            self._spare.append(buffer)


pool = BufferPool(size=64 * 1024, limit=4)
for request in range(1_000):  # sequential requests: one buffer is enough
    buf = pool.acquire()
    buf[:5] = b"hello"
    pool.release(buf)
print("1 000 requests, buffers created:", pool.created)
burst = [pool.acquire() for _ in range(10)]  # 10 at once: the pool must create more
for buf in burst:
    pool.release(buf)
print("after a burst of 10: created", pool.created, "| kept spare:", len(pool._spare), "(the limit)")

# %% [markdown] course={"kind": "exercise", "id": "extra-references", "item": "x-investigate-reference-counts-for-various"}
# ### Count the references an action adds
#
# Absolute reference counts depend on the Python version (immortal objects since 3.12), but the
# **change** in an ordinary object's count is what you can reason about (checked on 3.11, 3.12 and 3.13). Write
# `extra_references(obj, action)`: call `action(obj)`, keep what it returns while you measure, and
# return how many references to `obj` exist afterwards minus how many existed before, as an `int`
# (negative when the action removed some). Nothing may keep the result alive after your function returns.
#
# ```python
# job = Job()                                     # any class instance
# extra_references(job, lambda o: [o, o])        # 2: the returned list holds it twice
# extra_references(job, lambda o: weakref.ref(o))  # 0: weak references do not count
# ```

# %% [markdown] course={"kind": "hint"}
# `sys.getrefcount(obj)` before and after; its own extra reference appears in both, so it cancels.

# %% [markdown] course={"kind": "hint"}
# Write `result = action(obj)` and measure *before* the function returns: if you do not bind the
# result to a name, the list the action built is freed on the spot and you measure 0.

# %% course={"kind": "solution"}
import sys
from collections.abc import Callable
from typing import Any


def extra_references(obj: object, action: Callable[[Any], object]) -> int:
    ### BEGIN SOLUTION
    before = sys.getrefcount(obj)
    result = action(obj)
    after = sys.getrefcount(obj)
    return after - before
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import weakref
class Job: pass
job = Job()
assert extra_references(job, lambda o: [o, o]) == 2, "a returned list holding the object twice adds 2 references"
assert extra_references(job, lambda o: weakref.ref(o)) == 0, "a weak reference adds none"
### BEGIN HIDDEN TESTS
assert extra_references(job, lambda o: (o, o, o)) == 3
assert extra_references(job, lambda o: {o: o, "k": o}) == 3, "dict key and two values"
assert extra_references(job, lambda o: [[o]]) == 1, "a nested list still holds it once"
assert extra_references(job, lambda o: o) == 1, "returning the object itself: the kept result is a reference"
assert extra_references(job, lambda o: None) == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
keeper: list = []
task = object()
assert extra_references(task, keeper.append) == 1, "an action that stores the object elsewhere adds 1 even though it returns None"
assert extra_references(task, keeper.remove) == -1, "an action that drops a reference gives a negative number"
### BEGIN HIDDEN TESTS
keeper.extend([task] * 5)
assert extra_references(task, lambda o: keeper.clear()) == -5, "clearing a list that held it 5 times removes 5 references"
n = extra_references(task, lambda o: 0)
assert type(n) is int and n == 0, f"an int, got {n!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import sys
probe = object()
baseline = sys.getrefcount(probe)
extra_references(probe, lambda o: [o] * 10)
assert sys.getrefcount(probe) == baseline, "after the call, the result must be gone: nothing may keep the object alive"
### BEGIN HIDDEN TESTS
import weakref
class Box: pass
box = Box()
watch = weakref.ref(box)
assert extra_references(box, lambda o: {"box": o}) == 1, "a dict value is one reference"
del box
assert watch() is None, "no reference to the object is left behind"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "result-not-kept", "fails": ["t1", "t3"]}
import sys


def extra_references(obj, action):
    before = sys.getrefcount(obj)
    action(obj)  # the returned list is freed at once
    return sys.getrefcount(obj) - before

# %% course={"kind": "wrong", "id": "absolute-count", "fails": ["t1", "t2", "t3"]}
import sys


def extra_references(obj, action):
    result = action(obj)
    return sys.getrefcount(obj) - 1  # the total count, not the change

# %% course={"kind": "wrong", "id": "referrers-not-references", "fails": ["t1", "t2"]}
import sys
import gc


def extra_references(obj, action):
    before = len(gc.get_referrers(obj))
    result = action(obj)
    return len(gc.get_referrers(obj)) - before  # containers, not references: (o, o, o) counts once

# %% course={"kind": "wrong", "id": "kept-in-history", "fails": ["t1", "t3"]}
import sys

_history = []


def extra_references(obj, action):
    before = sys.getrefcount(obj)
    result = action(obj)
    _history.append(result)  # "for debugging": now the object never dies
    return sys.getrefcount(obj) - before

# %% [markdown] course={"kind": "exercise", "id": "ring-survivors", "item": "x-create-a-circular-reference-and-observe"}
# ### Watch a cycle outlive its names
#
# `Node` (given) has one slot, `next`. Write `ring_survivors(n, closed=True)`: build `n` new nodes,
# link each to the following one (`nodes[i].next = nodes[i + 1]`), and when `closed` is true link
# the last back to the first, so they form a ring (one node links to itself). Watch them only with
# weak references, drop every strong reference, and return a tuple of two ints: how many nodes are
# still alive **after dropping the references**, and how many **after `gc.collect()`**.
#
# The automatic collector must not run in between, so pause it while the nodes exist (`Node` counts
# nodes made while it was running, in `Node.made_while_gc_enabled`) and afterwards leave it as you
# found it: enabled if it was enabled, disabled if it was disabled.
#
# ```python
# ring_survivors(5)                # (5, 0): the ring keeps itself alive until the collector runs
# ring_survivors(5, closed=False)  # (0, 0): a chain dies the moment its head is dropped
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the weak references in a list (`refs = [weakref.ref(node) for node in nodes]`) and count
# `sum(r() is not None for r in refs)`. `del nodes` must drop the *last* strong reference: a loop
# variable such as `node` still points at one.

# %% [markdown] course={"kind": "hint"}
# `was_enabled = gc.isenabled()`, then `gc.disable()`, and in a `finally:` block
# `if was_enabled: gc.enable()`.

# %% course={"kind": "solution"}
import gc
import weakref


class Node:
    __slots__ = ("next", "__weakref__")
    made_while_gc_enabled = 0

    def __init__(self) -> None:
        self.next: Node | None = None
        if gc.isenabled():
            Node.made_while_gc_enabled += 1


def ring_survivors(n: int, closed: bool = True) -> tuple[int, int]:
    ### BEGIN SOLUTION
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        nodes = [Node() for _ in range(n)]
        for i in range(n - 1):
            nodes[i].next = nodes[i + 1]
        if closed and nodes:
            nodes[-1].next = nodes[0]
        refs = [weakref.ref(node) for node in nodes]
        del nodes
        after_del = sum(r() is not None for r in refs)
        gc.collect()
        after_collect = sum(r() is not None for r in refs)
    finally:
        if was_enabled:
            gc.enable()
    return after_del, after_collect
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert ring_survivors(5) == (5, 0), f"a ring of 5 survives del and dies in gc.collect(), got {ring_survivors(5)}"
assert ring_survivors(5, closed=False) == (0, 0), f"a chain dies at once, got {ring_survivors(5, closed=False)}"
### BEGIN HIDDEN TESTS
assert ring_survivors(1) == (1, 0), "one node linking to itself is a cycle"
assert ring_survivors(1, closed=False) == (0, 0)
assert ring_survivors(2) == (2, 0) and ring_survivors(3, closed=False) == (0, 0)
assert ring_survivors(0) == (0, 0) and ring_survivors(0, closed=False) == (0, 0), "no nodes, nothing alive"
assert ring_survivors(3000) == (3000, 0), "more nodes than the first gc threshold"
result = ring_survivors(4)
assert type(result) is tuple and all(type(x) is int for x in result), f"a tuple of ints, got {result!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import gc
gc.enable()
Node.made_while_gc_enabled = 0
ring_survivors(50)
assert Node.made_while_gc_enabled == 0, "pause the automatic collector while the nodes exist"
assert gc.isenabled(), "the collector was enabled before, so it is enabled afterwards"
### BEGIN HIDDEN TESTS
gc.disable()
try:
    ring_survivors(3)
    assert not gc.isenabled(), "the collector was disabled before: leave it disabled"
finally:
    gc.enable()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strong-list-kept", "fails": ["t1"]}
import gc
import weakref


class Node:  # given
    __slots__ = ("next", "__weakref__")
    made_while_gc_enabled = 0

    def __init__(self):
        self.next = None
        if gc.isenabled():
            Node.made_while_gc_enabled += 1


def ring_survivors(n, closed=True):
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        nodes = [Node() for _ in range(n)]
        for i in range(n - 1):
            nodes[i].next = nodes[i + 1]
        if closed and nodes:
            nodes[-1].next = nodes[0]
        refs = [weakref.ref(node) for node in nodes]  # but `nodes` is never deleted
        after_del = sum(r() is not None for r in refs)
        gc.collect()
        return after_del, sum(r() is not None for r in refs)
    finally:
        if was_enabled:
            gc.enable()

# %% course={"kind": "wrong", "id": "always-enable", "fails": ["t2"]}
import gc
import weakref


class Node:  # given
    __slots__ = ("next", "__weakref__")
    made_while_gc_enabled = 0

    def __init__(self):
        self.next = None
        if gc.isenabled():
            Node.made_while_gc_enabled += 1


def ring_survivors(n, closed=True):
    gc.disable()
    nodes = [Node() for _ in range(n)]
    for i in range(n - 1):
        nodes[i].next = nodes[i + 1]
    if closed and nodes:
        nodes[-1].next = nodes[0]
    refs = [weakref.ref(node) for node in nodes]
    del nodes
    after_del = sum(r() is not None for r in refs)
    gc.collect()
    gc.enable()  # turns the collector on even when the caller had it off
    return after_del, sum(r() is not None for r in refs)

# %% course={"kind": "wrong", "id": "gc-left-running", "fails": ["t2"]}
import gc
import weakref


class Node:  # given
    __slots__ = ("next", "__weakref__")
    made_while_gc_enabled = 0

    def __init__(self):
        self.next = None
        if gc.isenabled():
            Node.made_while_gc_enabled += 1


def ring_survivors(n, closed=True):
    nodes = [Node() for _ in range(n)]  # the automatic collector may run at any allocation
    for i in range(n - 1):
        nodes[i].next = nodes[i + 1]
    if closed and nodes:
        nodes[-1].next = nodes[0]
    refs = [weakref.ref(node) for node in nodes]
    del nodes
    after_del = sum(r() is not None for r in refs)
    gc.collect()
    return after_del, sum(r() is not None for r in refs)

# %% course={"kind": "wrong", "id": "loop-variable-holds-one", "fails": ["t1"]}
import gc
import weakref


class Node:  # given
    __slots__ = ("next", "__weakref__")
    made_while_gc_enabled = 0

    def __init__(self):
        self.next = None
        if gc.isenabled():
            Node.made_while_gc_enabled += 1


def ring_survivors(n, closed=True):
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        nodes = [Node() for _ in range(n)]
        for i in range(n - 1):
            nodes[i].next = nodes[i + 1]
        if closed and nodes:
            nodes[-1].next = nodes[0]
        refs = []
        for node in nodes:
            refs.append(weakref.ref(node))
        del nodes  # `node` still holds the last one, so a chain's tail survives
        after_del = sum(r() is not None for r in refs)
        gc.collect()
        return after_del, sum(r() is not None for r in refs)
    finally:
        if was_enabled:
            gc.enable()

# %% [markdown] course={"kind": "exercise", "id": "peak-bytes", "item": "x-use-tracemalloc-to-profile-memory-usage"}
# ### Measure the peak memory of one call with `tracemalloc`
#
# Write `peak_bytes(func, *args, **kwargs)` that calls `func(*args, **kwargs)` and returns a tuple
# `(result, peak)`: what the call returned, and the highest number of bytes traced **during the call**
# above what was traced when it started (an `int`). Memory the call allocates and frees again counts:
# that is the point of a peak.
#
# It must work whether or not `tracemalloc` is already tracing, and leave it as it found it: still
# tracing (and still holding its earlier records) if it was, stopped if it was not, also when `func`
# raises (the exception reaches the caller). Memory allocated before the call, and peaks reached
# before it, do not count.
#
# ```python
# peak_bytes(lambda: len(bytearray(1_000_000)))   # (1000000, about 1_000_060): the buffer existed for a moment
# peak_bytes(sum, range(100_000))                 # (4999950000, a few hundred bytes at most)
# ```

# %% [markdown] course={"kind": "hint"}
# `tracemalloc.get_traced_memory()` returns `(current, peak)`. `tracemalloc.reset_peak()` makes the
# peak equal to the current size, so the peak you read afterwards belongs to your call.

# %% [markdown] course={"kind": "hint"}
# Remember `was_tracing = tracemalloc.is_tracing()`; start it only if needed; read
# `base = get_traced_memory()[0]` and call `reset_peak()` just before the call; in `finally:` read the
# peak, and `stop()` only if you started it.

# %% course={"kind": "solution"}
import tracemalloc
from collections.abc import Callable
from typing import Any


def peak_bytes(func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, int]:
    ### BEGIN SOLUTION
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tracemalloc
was = tracemalloc.is_tracing()
result, peak = peak_bytes(lambda: len(bytearray(1_000_000)))
assert result == 1_000_000, "the call's result comes back"
assert 1_000_000 <= peak < 1_100_000, f"a 1 MB buffer made and freed inside the call is the peak, got {peak}"
assert type(peak) is int
assert tracemalloc.is_tracing() == was, "tracemalloc is left as it was found"
### BEGIN HIDDEN TESTS
assert peak_bytes(lambda: 0)[0] == 0 and peak_bytes(lambda: "")[0] == "", "falsy results come back unchanged"
kw = peak_bytes(lambda size, fill=b"a": fill * size, 300_000, fill=b"z")
assert kw[0] == b"z" * 300_000 and 300_000 <= kw[1] < 400_000, f"positional and keyword arguments reach func, got peak {kw[1]}"
total, small = peak_bytes(sum, range(100_000))
assert total == 4999950000 and type(small) is int and 0 <= small < 10_000, f"streaming a range needs almost nothing, got {small}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tracemalloc
as_list = peak_bytes(lambda: sum([n * n for n in range(100_000)]))
as_generator = peak_bytes(lambda: sum(n * n for n in range(100_000)))
assert as_list[0] == as_generator[0] == 333328333350000
assert as_list[1] > 20 * as_generator[1], f"building the list has a much higher peak than streaming: {as_list[1]} vs {as_generator[1]}"
### BEGIN HIDDEN TESTS
assert as_list[1] > 2_000_000, "the list of 100 000 big ints existed at once"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tracemalloc
tracemalloc.start()
try:
    held = bytearray(2_000_000)  # allocated before the call: not the call's
    spike = bytearray(5_000_000)
    del spike  # an earlier peak: not the call's either
    result, peak = peak_bytes(lambda: len(bytearray(1_000)))
    assert result == 1_000 and 1_000 <= peak < 100_000, f"only the call's own memory counts, got {peak}"
    assert tracemalloc.is_tracing(), "tracemalloc was tracing before: it must still be tracing"
    assert tracemalloc.get_traced_memory()[0] >= 2_000_000, "and it keeps its earlier records"
finally:
    tracemalloc.stop()
### BEGIN HIDDEN TESTS
def boom():
    bytearray(10_000)
    raise ValueError("bad shard")
try:
    peak_bytes(boom)
except ValueError as error:
    assert str(error) == "bad shard"
else:
    raise AssertionError("the exception from func reaches the caller")
assert not tracemalloc.is_tracing(), "stopped again after an exception"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "current-not-peak", "fails": ["t1", "t2", "t3"]}
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[0] - base  # what is left, not the highest point
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak

# %% course={"kind": "wrong", "id": "always-restart", "fails": ["t3"]}
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    tracemalloc.start()
    try:
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()  # stops the caller's tracing too, and its records are lost
    return result, peak

# %% course={"kind": "wrong", "id": "no-reset-peak", "fails": ["t3"]}
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1] - base  # an earlier peak can be higher than the call's
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak

# %% course={"kind": "wrong", "id": "no-finally", "fails": ["t3"]}
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    result = func(*args, **kwargs)  # if func raises, tracing is never stopped
    peak = tracemalloc.get_traced_memory()[1] - base
    if not was_tracing:
        tracemalloc.stop()
    return result, peak

# %% [markdown] course={"kind": "exercise", "id": "weak-dispatcher", "item": "x-find-and-fix-a-memory-leak-scenario"}
# ### Find and fix the leak in an event dispatcher
#
# A deploy tool lets dashboards subscribe to events. Every dashboard closed by a user stays in memory,
# because the dispatcher below keeps its bound method, and a bound method keeps its object:
#
# ```python
# class LeakyDispatcher:
#     def __init__(self): self._handlers = []
#     def subscribe(self, handler): self._handlers.append(handler)
#     def publish(self, event): return [h(event) for h in self._handlers]
# ```
#
# Write `Dispatcher` with the same three methods and `__len__`, holding **bound methods** weakly: once
# the object behind a handler is gone, the handler is no longer called and no longer counted, and
# `publish` drops its entry, so a dispatcher that lives for months does not grow with every dashboard
# ever opened. `publish(event)` returns the list of the live handlers' results, in the order they
# subscribed. Every other handler (a function, a lambda, a builtin such as `len`) is held strongly:
# nothing else may keep a lambda alive, and the subscriber expects it to be called.
#
# ```python
# board = Dashboard("ops"); bus = Dispatcher()
# bus.subscribe(board.on_event); bus.subscribe(print_event)
# bus.publish("deployed")     # ['ops saw deployed', 'deployed']
# del board
# bus.publish("rolled back"), len(bus)   # (['rolled back'], 1)
# ```

# %% [markdown] course={"kind": "hint"}
# `weakref.ref(board.on_event)` is dead immediately: `board.on_event` makes a new method object
# every time. `weakref.WeakMethod(board.on_event)` references the object and the function separately.

# %% [markdown] course={"kind": "hint"}
# Store a callable that returns the handler or `None` for each subscription: a `WeakMethod` for bound
# methods (`inspect.ismethod(handler)`), and `lambda: handler` for anything else. In `publish` and
# `__len__`, skip (and drop) the entries that return `None`.

# %% course={"kind": "solution"}
import inspect
import weakref
from collections.abc import Callable
from typing import Any


class Dispatcher:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._refs: list[Callable[[], Callable[[Any], Any] | None]] = []
        ### END SOLUTION

    def subscribe(self, handler: Callable[[Any], Any]) -> None:
        ### BEGIN SOLUTION
        if inspect.ismethod(handler):
            self._refs.append(weakref.WeakMethod(handler))
        else:
            self._refs.append(lambda: handler)
        ### END SOLUTION

    def publish(self, event: Any) -> list[Any]:
        ### BEGIN SOLUTION
        return [handler(event) for handler in self._live()]
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._live())
        ### END SOLUTION

    def _live(self) -> list[Callable[[Any], Any]]:
        """The handlers still alive, in subscription order (a helper you may use or replace)."""
        ### BEGIN SOLUTION
        live = [(ref, ref()) for ref in self._refs]
        self._refs = [ref for ref, handler in live if handler is not None]
        return [handler for _, handler in live if handler is not None]
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import weakref
class Dashboard:
    def __init__(self, name):
        self.name = name
    def on_event(self, event):
        return f"{self.name} saw {event}"
def print_event(event):
    return event
bus = Dispatcher()
board = Dashboard("ops")
bus.subscribe(board.on_event)
bus.subscribe(print_event)
assert bus.publish("deployed") == ["ops saw deployed", "deployed"], "live handlers are called, in subscription order"
watch = weakref.ref(board)
del board
assert watch() is None, "the dispatcher must not keep the dashboard alive"
assert bus.publish("rolled back") == ["rolled back"], "a handler whose object is gone is not called"
assert len(bus) == 1
### BEGIN HIDDEN TESTS
boards = [Dashboard(f"b{n}") for n in range(5)]
bus2 = Dispatcher()
for b in boards:
    bus2.subscribe(b.on_event)
assert len(bus2) == 5
del boards[1], boards[2]  # b1 and b3
assert bus2.publish("x") == ["b0 saw x", "b2 saw x", "b4 saw x"]
assert len(bus2) == 3 and len(Dispatcher()) == 0 and Dispatcher().publish("e") == []
import tracemalloc
tracemalloc.start()
try:
    base = tracemalloc.get_traced_memory()[0]
    for n in range(500):  # months of dashboards opened and closed (keeping their entries costs about 0.3 MB)
        temp = Dashboard("t")
        bus2.subscribe(temp.on_event)
        del temp
        bus2.publish("tick")
    grown = tracemalloc.get_traced_memory()[0] - base
finally:
    tracemalloc.stop()
assert grown < 50_000, f"entries of dead subscribers must be dropped, not kept: grew {grown} bytes"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class Counter:
    def __init__(self):
        self.seen = []
    def on_event(self, event):
        self.seen.append(event)
        return len(self.seen)
c = Counter()
bus = Dispatcher()
bus.subscribe(c.on_event)
bus.subscribe(len)
assert bus.publish("") == [1, 0], "a live subscriber keeps being called, falsy events and results included"
assert bus.publish("abc") == [2, 3] and c.seen == ["", "abc"]
assert len(bus) == 2, "a bound method whose object is alive counts"
### BEGIN HIDDEN TESTS
bus.subscribe(c.on_event)  # the same method twice: called twice
assert bus.publish("é") == [3, 1, 4], "a method subscribed twice is called twice"
bus.subscribe(lambda event: event.upper())  # nobody else holds this lambda
del c
assert bus.publish("z") == [1, "Z"] and len(bus) == 2, "a lambda is held strongly; only the dead method's entries go"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strong-list", "fails": ["t1", "t2"]}
import weakref
class Dispatcher:
    def __init__(self):
        self._handlers = []

    def subscribe(self, handler):
        self._handlers.append(handler)  # the leak: a bound method keeps its object alive

    def publish(self, event):
        return [h(event) for h in self._handlers]

    def __len__(self):
        return len(self._handlers)

# %% course={"kind": "wrong", "id": "ref-to-bound-method", "fails": ["t1", "t2"]}
import weakref


class Dispatcher:
    def __init__(self):
        self._refs = []

    def subscribe(self, handler):
        self._refs.append(weakref.ref(handler))  # a bound method is a temporary: dead at once

    def publish(self, event):
        return [h(event) for h in (r() for r in self._refs) if h is not None]

    def __len__(self):
        return sum(r() is not None for r in self._refs)

# %% course={"kind": "wrong", "id": "one-entry-per-object", "fails": ["t2"]}
import weakref


class Dispatcher:
    def __init__(self):
        self._objects = weakref.WeakKeyDictionary()  # one entry per object: a second method replaces the first
        self._functions = []

    def subscribe(self, handler):
        if hasattr(handler, "__self__") and not isinstance(handler, type(len)):
            self._objects[handler.__self__] = handler.__func__
        else:
            self._functions.append(handler)

    def publish(self, event):
        return [f(o, event) for o, f in list(self._objects.items())] + [f(event) for f in self._functions]

    def __len__(self):
        return len(self._objects) + len(self._functions)

# %% course={"kind": "wrong", "id": "dead-entries-kept", "fails": ["t1"]}
import inspect
import weakref


class Dispatcher:
    def __init__(self):
        self._refs = []

    def subscribe(self, handler):
        self._refs.append(weakref.WeakMethod(handler) if inspect.ismethod(handler) else (lambda: handler))

    def publish(self, event):  # dead entries are skipped but stay in the list for ever: a smaller leak
        return [h(event) for h in (r() for r in self._refs) if h is not None]

    def __len__(self):
        return sum(r() is not None for r in self._refs)

# %% course={"kind": "wrong", "id": "functions-held-weakly", "fails": ["t2"]}
import inspect
import weakref


class Dispatcher:
    def __init__(self):
        self._refs = []

    def subscribe(self, handler):
        if inspect.ismethod(handler):
            self._refs.append(weakref.WeakMethod(handler))
        else:
            try:
                self._refs.append(weakref.ref(handler))  # a lambda nobody else holds dies at once
            except TypeError:  # builtins such as len cannot be weakly referenced
                self._refs.append(lambda: handler)

    def publish(self, event):
        self._refs = [r for r in self._refs if r() is not None]
        return [h(event) for h in (r() for r in self._refs) if h is not None]

    def __len__(self):
        return sum(r() is not None for r in self._refs)

# %% [markdown] course={"kind": "exercise", "id": "weak-registry", "item": "x-use-weak-references-for-a-cache"}
# ### A cache of loaded models that never keeps one alive
#
# An inference server loads models on demand; many requests share one loaded model, but a model no
# request uses should be freed. Write `ModelRegistry`:
#
# - `get(name, loader)` returns the live model called `name` if there is one, and otherwise calls
#   `loader(name)`, remembers the result **weakly** and returns it;
# - `len(registry)` is the number of live models it knows;
# - `evicted` is a list of the names whose model has died since, in the order they died, recorded by
#   `weakref.finalize` (a model loaded again and dropped again appears again).
#
# Models are any objects that can be weakly referenced, and may be *falsy* (an empty model whose
# `__len__` is 0 is still a model).
#
# ```python
# registry = ModelRegistry()
# m = registry.get("bert", Model)     # loads
# registry.get("bert", Model) is m    # True: no second load while m is in use
# del m
# registry.evicted, len(registry)     # (['bert'], 0)
# ```

# %% [markdown] course={"kind": "hint"}
# `weakref.WeakValueDictionary` drops an entry when its value dies. Read it with `.get(name)` and test
# `is None`, not truthiness.

# %% [markdown] course={"kind": "hint"}
# `weakref.finalize(model, self.evicted.append, name)`. Never pass the model itself (or a lambda that
# mentions it) to `finalize`: the finalizer would keep it alive for ever.

# %% course={"kind": "solution"}
import weakref
from collections.abc import Callable
from typing import Any


class ModelRegistry:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._models: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()
        self.evicted: list[str] = []
        ### END SOLUTION

    def get(self, name: str, loader: Callable[[str], Any]) -> Any:
        ### BEGIN SOLUTION
        model = self._models.get(name)
        if model is None:
            model = loader(name)
            self._models[name] = model
            weakref.finalize(model, self.evicted.append, name)
        return model
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._models)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import weakref
class Model:
    loads = 0
    def __init__(self, name):
        self.name = name
        Model.loads += 1
registry = ModelRegistry()
m = registry.get("bert", Model)
assert type(m) is Model and m.name == "bert"
assert registry.get("bert", Model) is m and Model.loads == 1, "no second load while the model is in use"
assert len(registry) == 1
watch = weakref.ref(m)
del m
assert watch() is None, "the registry must not keep the model alive"
assert registry.evicted == ["bert"] and len(registry) == 0, f"the death is recorded, got {registry.evicted}"
### BEGIN HIDDEN TESTS
Model.loads = 0
a, b, c = (registry.get(n, Model) for n in ("a", "b", "c"))
assert Model.loads == 3 and len(registry) == 3
del c, a
assert registry.evicted == ["bert", "c", "a"], "in the order they died"
again = registry.get("bert", Model)
assert Model.loads == 4 and len(registry) == 2, "a dead model is loaded again"
del again
assert registry.evicted == ["bert", "c", "a", "bert"]
assert registry.get("b", Model) is b and Model.loads == 4
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class EmptyModel(list):  # an empty list subclass is falsy, and (unlike list) weakly referenceable
    pass
loads = []
def load_empty(name):
    loads.append(name)
    return EmptyModel()
registry = ModelRegistry()
e = registry.get("", load_empty)
assert registry.get("", load_empty) is e and loads == [""], "a falsy model (and an empty name) is still cached"
### BEGIN HIDDEN TESTS
assert registry.get("Ü", load_empty) is not e and loads == ["", "Ü"] and len(registry) == 1, "a model nobody holds is gone at once and not counted"
del e
assert registry.evicted == ["Ü", ""], f"the unused model died at once, then the empty one: {registry.evicted}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "plain-dict", "fails": ["t1", "t2"]}
import weakref


class ModelRegistry:
    def __init__(self):
        self._models = {}  # a strong cache: models are never freed
        self.evicted = []

    def get(self, name, loader):
        if name not in self._models:
            self._models[name] = model = loader(name)
            weakref.finalize(model, self.evicted.append, name)
        return self._models[name]

    def __len__(self):
        return len(self._models)

# %% course={"kind": "wrong", "id": "finalize-holds-model", "fails": ["t1", "t2"]}
import weakref


class ModelRegistry:
    def __init__(self):
        self._models = weakref.WeakValueDictionary()
        self.evicted = []

    def get(self, name, loader):
        model = self._models.get(name)
        if model is None:
            model = loader(name)
            self._models[name] = model
            weakref.finalize(model, lambda: self.evicted.append(model.name))  # the lambda holds the model
        return model

    def __len__(self):
        return len(self._models)

# %% course={"kind": "wrong", "id": "truthiness-test", "fails": ["t2"]}
import weakref


class ModelRegistry:
    def __init__(self):
        self._models = weakref.WeakValueDictionary()
        self.evicted = []

    def get(self, name, loader):
        model = self._models.get(name)
        if not model:  # an empty model looks missing and is loaded again
            model = loader(name)
            self._models[name] = model
            weakref.finalize(model, self.evicted.append, name)
        return model

    def __len__(self):
        return len(self._models)

# %% course={"kind": "wrong", "id": "finalize-on-every-get", "fails": ["t1", "t2"]}
import weakref


class ModelRegistry:
    def __init__(self):
        self._models = weakref.WeakValueDictionary()
        self.evicted = []

    def get(self, name, loader):
        model = self._models.get(name)
        if model is None:
            model = loader(name)
            self._models[name] = model
        weakref.finalize(model, self.evicted.append, name)  # a hit registers a second finalizer
        return model

    def __len__(self):
        return len(self._models)

# %% [markdown] course={"kind": "exercise", "id": "track-memory", "item": "project-9-4-1"}
# ### Project core: a memory-profiling decorator
#
# Write the decorator factory `track_memory(report)`. Each call of a decorated function appends one
# `MemoryRecord` (given) to the list `report`: the function's `__qualname__`, the **peak** bytes traced
# during the call above the level at its start, and the bytes **retained**: traced memory after the
# call minus before (what the call left allocated, e.g. its result or a cache it filled; negative
# when it freed more than it made). The decorated function returns what the original returns, keeps
# its name and docstring (`functools.wraps`), and a call that raises still appends its record before
# the exception goes on. `tracemalloc` is left as it was found (tracing or not).
#
# ```python
# report = []
# @track_memory(report)
# def load(n): return bytes(n)
# data = load(1_000_000)
# report   # [MemoryRecord(name='load', peak=~1_000_050, retained=~1_000_050)]
# ```

# %% [markdown] course={"kind": "hint"}
# Inside the wrapper: remember `tracemalloc.is_tracing()`, start if needed, `base = get_traced_memory()[0]`,
# `reset_peak()`, call in a `try:`, and in `finally:` read `(current, peak)`, append the record, and stop
# only if you started.

# %% [markdown] course={"kind": "hint"}
# `retained = current - base` and `peak = peak - base`. Build the record from `func.__qualname__`.

# %% course={"kind": "solution"}
import functools
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MemoryRecord:
    name: str
    peak: int
    retained: int


def track_memory(report: list[MemoryRecord]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            was_tracing = tracemalloc.is_tracing()
            if not was_tracing:
                tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            try:
                return func(*args, **kwargs)
            finally:
                current, peak = tracemalloc.get_traced_memory()
                report.append(MemoryRecord(func.__qualname__, peak - base, current - base))
                if not was_tracing:
                    tracemalloc.stop()

        return wrapper
        ### END SOLUTION

    return decorate

# %% course={"kind": "test", "points": 2}
import tracemalloc
report = []
@track_memory(report)
def load(n):
    "Load n bytes."
    return bytes(n)
@track_memory(report)
def checksum(n):
    return sum(bytearray(n))
was = tracemalloc.is_tracing()
data = load(1_000_000)
assert data == bytes(1_000_000), "the result comes back"
assert checksum(2_000_000) == 0
assert [r.name for r in report] == ["load", "checksum"], f"one record per call, in call order: {report}"
assert 1_000_000 <= report[0].peak < 1_100_000 and 1_000_000 <= report[0].retained < 1_100_000, f"the result is retained: {report[0]}"
assert 2_000_000 <= report[1].peak < 2_100_000 and report[1].retained < 50_000, f"a buffer freed inside the call is peak, not retained: {report[1]}"
assert tracemalloc.is_tracing() == was
### BEGIN HIDDEN TESTS
assert all(type(r) is MemoryRecord and type(r.peak) is int and type(r.retained) is int for r in report)
assert load.__name__ == "load" and load.__doc__ == "Load n bytes." and load.__wrapped__(3) == b"\x00\x00\x00"
assert load(n=0) == b"" and report[-1].name == "load" and len(report) == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tracemalloc
report = []
class Store:
    def __init__(self):
        self.blobs = [bytearray(500_000)]
    @track_memory(report)
    def drop(self):
        self.blobs.clear()
tracemalloc.start()  # tracemalloc only sees blocks allocated while it traces: start before Store() allocates
try:
    s = Store()
    assert s.drop() is None
finally:
    tracemalloc.stop()
assert report[0].name == "Store.drop", f"the qualified name, got {report[0].name!r}"
assert report[0].retained < -400_000, f"freeing memory gives a negative retained size, got {report[0].retained}"
### BEGIN HIDDEN TESTS
@track_memory(report)
def fail():
    bytearray(300_000)
    raise KeyError("shard-7")
tracemalloc.start()
try:
    held = bytearray(1_000_000)
    spike = bytearray(3_000_000)
    del spike  # a peak from before the call
    try:
        fail()
    except KeyError as error:
        assert error.args == ("shard-7",)
    else:
        raise AssertionError("the exception must go on")
    assert tracemalloc.is_tracing(), "the caller's tracing is left running"
finally:
    tracemalloc.stop()
assert report[-1].name == "fail" and 300_000 <= report[-1].peak < 400_000 and abs(report[-1].retained) < 50_000, report[-1]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-wraps-no-finally", "fails": ["t1", "t2"]}
import tracemalloc
from dataclasses import dataclass


@dataclass(frozen=True)
class MemoryRecord:  # given
    name: str
    peak: int
    retained: int


def track_memory(report):
    def decorate(func):
        def wrapper(*args, **kwargs):
            was_tracing = tracemalloc.is_tracing()
            if not was_tracing:
                tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            result = func(*args, **kwargs)  # an exception skips the record and leaves tracing on
            current, peak = tracemalloc.get_traced_memory()
            report.append(MemoryRecord(func.__name__, peak - base, current - base))
            if not was_tracing:
                tracemalloc.stop()
            return result

        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "measured-after-result-dropped", "fails": ["t1", "t2"]}
import functools
import tracemalloc
from dataclasses import dataclass


@dataclass(frozen=True)
class MemoryRecord:  # given
    name: str
    peak: int
    retained: int


def track_memory(report):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            was_tracing = tracemalloc.is_tracing()
            if not was_tracing:
                tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            try:
                func(*args, **kwargs)  # measures, then calls again for the result
                current, peak = tracemalloc.get_traced_memory()
                report.append(MemoryRecord(func.__qualname__, peak - base, current - base))
            finally:
                if not was_tracing:
                    tracemalloc.stop()
            return func(*args, **kwargs)

        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "peak-not-reset", "fails": ["t2"]}
import functools
import tracemalloc
from dataclasses import dataclass


@dataclass(frozen=True)
class MemoryRecord:  # given
    name: str
    peak: int
    retained: int


def track_memory(report):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            was_tracing = tracemalloc.is_tracing()
            if not was_tracing:
                tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            try:
                return func(*args, **kwargs)
            finally:
                current, peak = tracemalloc.get_traced_memory()  # the peak may be from before the call
                report.append(MemoryRecord(func.__qualname__, peak - base, current - base))
                if not was_tracing:
                    tracemalloc.stop()

        return wrapper

    return decorate

# %% [markdown] course={"kind": "task", "id": "memory-report", "points": 3, "item": "project-9-4-1"}
# ### Project: from records to a memory report
#
# Put `track_memory` in a module of your own and build the rest of the profiler around it:
#
# - a `summary(report)` that groups records by function and prints calls, total and largest peak,
#   and total retained, sorted by largest peak first, sizes in KiB or MiB;
# - an option to take a `tracemalloc` snapshot before and after each call and keep the top three
#   lines (`Snapshot.compare_to(..., "lineno")`) for the heaviest call, so the report names the line
#   that allocated;
# - a short run over a real job of yours (parse a log file, load a CSV, build a feature table) and the
#   report it prints, with one change you made because of it and the numbers before and after.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `summary` is correct (grouping, sort order, readable units) and works on an empty report.
# - 1 point: the snapshot option names real lines, and tracing is stopped or restored afterwards.
# - 1 point: the run shows a measured improvement (peak or retained) explained in one or two sentences;
#   numbers are measured, not guessed.

# %% [markdown] course={"kind": "exercise", "id": "counting-cache", "item": "project-9-4-2"}
# ### Project core: weak and strong caches, with hits and misses
#
# Write `CountingCache(loader, *, weak=True)`, a cache you can run in both modes to compare them:
#
# - `get(key)` returns the cached object for `key` if there is one (a **hit**) and otherwise calls
#   `loader(key)`, stores and returns its result (a **miss**);
# - with `weak=True` the objects are held weakly (gone from the cache once nobody else uses them);
#   with `weak=False`, in an ordinary dict, for ever;
# - `hits` and `misses` count the calls of each kind; `len(cache)` is the number of objects held now.
#
# ```python
# cache = CountingCache(Config, weak=True)
# a = cache.get("prod"); b = cache.get("prod")    # a is b
# del a, b
# cache.get("prod"); (cache.hits, cache.misses)   # (1, 2): the first object was freed
# ```

# %% [markdown] course={"kind": "hint"}
# Choose the store once in `__init__`: `weakref.WeakValueDictionary()` or `{}`. Both have `.get()`.

# %% [markdown] course={"kind": "hint"}
# A cached object may be falsy: compare `.get(key)` with `None`, not with `if value:`. Keep the new
# object in a local variable and return that variable: in weak mode, reading `self._store[key]` back
# after storing a temporary finds nothing.

# %% course={"kind": "solution"}
import weakref
from collections.abc import Callable, Hashable
from typing import Any


class CountingCache:
    def __init__(self, loader: Callable[[Any], Any], *, weak: bool = True) -> None:
        self.loader = loader
        self.hits = 0
        self.misses = 0
        ### BEGIN SOLUTION
        self._store: Any = weakref.WeakValueDictionary() if weak else {}
        ### END SOLUTION

    def get(self, key: Hashable) -> Any:
        ### BEGIN SOLUTION
        value = self._store.get(key)
        if value is None:
            self.misses += 1
            value = self.loader(key)
            self._store[key] = value
        else:
            self.hits += 1
        return value
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._store)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class Config:
    def __init__(self, env):
        self.env = env
cache = CountingCache(Config, weak=True)
a = cache.get("prod")
b = cache.get("prod")
assert a is b and (cache.hits, cache.misses) == (1, 1), "the second get is a hit"
assert len(cache) == 1
del a, b
assert len(cache) == 0, "a weak cache lets unused objects go"
c = cache.get("prod")
assert c.env == "prod" and (cache.hits, cache.misses) == (1, 2), f"loaded again after it was freed, got {(cache.hits, cache.misses)}"
### BEGIN HIDDEN TESTS
assert CountingCache(Config).get("x").env == "x", "weak is the default"
d = CountingCache(Config)
kept = [d.get(k) for k in ("a", "b", "a", "c", "b", "a")]
assert (d.hits, d.misses, len(d)) == (3, 3, 3)
assert type(d.hits) is int and type(d.misses) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
strong = CountingCache(Config, weak=False)
a = strong.get("prod")
del a
assert len(strong) == 1, "a strong cache keeps what it loaded"
assert strong.get("prod").env == "prod" and (strong.hits, strong.misses) == (1, 1), "so the next get is a hit"
### BEGIN HIDDEN TESTS
for n in range(100):
    strong.get(f"job-{n % 10}")
assert (strong.hits, strong.misses, len(strong)) == (91, 11, 11), f"10 keys, each loaded once: {(strong.hits, strong.misses, len(strong))}"
weak = CountingCache(Config)
for n in range(100):
    weak.get(f"job-{n % 10}")  # nobody keeps the result: every get is a miss
assert (weak.hits, weak.misses, len(weak)) == (0, 100, 0)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class Batch(list):  # may be empty, so falsy
    pass
cache = CountingCache(lambda key: Batch(), weak=True)
first = cache.get(0)
assert cache.get(0) is first and (cache.hits, cache.misses) == (1, 1), "an empty (falsy) object is still a hit, and 0 is a valid key"
### BEGIN HIDDEN TESTS
strong = CountingCache(lambda key: Batch(), weak=False)
e = strong.get("")
assert strong.get("") is e and (strong.hits, strong.misses) == (1, 1)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truthy-check", "fails": ["t3"]}
import weakref


class CountingCache:
    def __init__(self, loader, *, weak=True):
        self.loader = loader
        self.hits = self.misses = 0
        self._store = weakref.WeakValueDictionary() if weak else {}

    def get(self, key):
        value = self._store.get(key)
        if value:  # an empty Batch is mistaken for a miss
            self.hits += 1
            return value
        self.misses += 1
        value = self._store[key] = self.loader(key)
        return value

    def __len__(self):
        return len(self._store)

# %% course={"kind": "wrong", "id": "weak-flag-ignored", "fails": ["t2"]}
import weakref


class CountingCache:
    def __init__(self, loader, *, weak=True):
        self.loader = loader
        self.hits = self.misses = 0
        self._store = weakref.WeakValueDictionary()  # the strong mode is never built

    def get(self, key):
        value = self._store.get(key)
        if value is None:
            self.misses += 1
            value = self._store[key] = self.loader(key)
        else:
            self.hits += 1
        return value

    def __len__(self):
        return len(self._store)

# %% course={"kind": "wrong", "id": "in-then-index", "fails": ["t1", "t2", "t3"]}
import weakref


class CountingCache:
    def __init__(self, loader, *, weak=True):
        self.loader = loader
        self.hits = self.misses = 0
        self._store = weakref.WeakValueDictionary() if weak else {}

    def get(self, key):
        if key in self._store:
            self.hits += 1
        else:
            self.misses += 1
            self._store[key] = self.loader(key)  # the new object has no strong reference here...
        return self._store[key]  # ...so in weak mode it is already gone: KeyError

    def __len__(self):
        return len(self._store)

# %% [markdown] course={"kind": "task", "id": "cache-comparison", "points": 3, "item": "project-9-4-2"}
# ### Project: compare the two caches on a workload
#
# Write a small simulation of a service that handles requests for 1 000 keys with a skewed
# popularity (a fixed-seed `random.Random(7)`, e.g. 80 % of requests to 50 keys), where each request
# keeps its object only while it is "in flight" (hold the last *k* results in a `collections.deque`).
# Run it with `CountingCache(..., weak=True)` and `weak=False` and report, for a few values of *k*:
# hit rate, objects held by the cache at the end, and the peak traced memory (`tracemalloc`). Then
# add a third variant, a weak cache **plus** a bounded strong `deque` of the 100 most recent objects,
# and explain in a few sentences which cache you would put in a long-running inference server, and why.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the simulation is deterministic (seeded), measures hit rate, size and peak for both modes
#   and several *k*, and prints a readable table.
# - 1 point: the hybrid variant is correct (bounded strong part, weak rest) and measured the same way.
# - 1 point: the conclusion follows from the numbers: the strong cache wins on hits but grows without
#   bound; the weak cache stays small but misses when nobody holds objects; the hybrid is the usual choice.

# %% [markdown] course={"kind": "exercise", "id": "slim-readings"}
# ### Slim records with `__slots__`, and the measurement to prove it
#
# A metrics agent keeps millions of readings in memory. Two parts:
#
# 1. Write the class `Reading(host, metric, value)` with `__slots__`, so instances have no `__dict__`
#    and a misspelt attribute raises `AttributeError`. The agent's dashboard keeps readings in a
#    `WeakValueDictionary`, so they must still support weak references.
# 2. Write `bytes_per_instance(factory, n)`: with `tracemalloc`, measure how many bytes `n` objects
#    made by calling `factory()` keep allocated **while all of them are alive**, and return that
#    divided by `n` as an `int` (rounded down or to the nearest: one byte does not matter here). Leave
#    `tracemalloc` as you found it: tracing (with its earlier records) if it was, stopped if it was not.
#
# ```python
# bytes_per_instance(lambda: PlainReading("web-1", "cpu", 0.5), 10_000)  # 104 on 3.11 and 3.13, 96 on 3.12
# bytes_per_instance(lambda: Reading("web-1", "cpu", 0.5), 10_000)       # 72 on 3.11, 80 on 3.12 and 3.13
# ```
#
# (Measured with the solution. The saving is 16 to 32 bytes per object here, less than for the lesson's
# points because the `__weakref__` slot costs 8 bytes on 3.11 and 16 on 3.12 and 3.13 (measured), and
# since 3.11 a plain instance keeps its values inline until someone asks for its `__dict__`. Numbers in
# old blog posts came from older versions.)

# %% [markdown] course={"kind": "hint"}
# `__slots__ = ("host", "metric", "value", "__weakref__")`: without the last one, `weakref.ref(r)`
# raises `TypeError`.

# %% [markdown] course={"kind": "hint"}
# Keep the objects in a list while you read `tracemalloc.get_traced_memory()[0]`: objects made and
# dropped one by one are freed before you measure. `sys.getsizeof` would miss everything an object
# points to.

# %% course={"kind": "solution"}
import tracemalloc
from collections.abc import Callable


class PlainReading:  # given: the version without slots
    def __init__(self, host: str, metric: str, value: float) -> None:
        self.host = host
        self.metric = metric
        self.value = value


### BEGIN SOLUTION
class Reading:
    __slots__ = ("host", "metric", "value", "__weakref__")

    def __init__(self, host: str, metric: str, value: float) -> None:
        self.host = host
        self.metric = metric
        self.value = value
### END SOLUTION


def bytes_per_instance(factory: Callable[[], object], n: int) -> int:
    ### BEGIN SOLUTION
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        objects = [factory() for _ in range(n)]  # all alive while we read the total
        used = tracemalloc.get_traced_memory()[0] - base
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return used // n
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import weakref
r = Reading("web-1", "cpu", 0.5)
assert (r.host, r.metric, r.value) == ("web-1", "cpu", 0.5)
assert not hasattr(r, "__dict__"), "a slotted instance has no __dict__"
try:
    r.vaule = 0.7
except AttributeError:
    pass
else:
    raise AssertionError("a misspelt attribute must raise AttributeError")
assert weakref.ref(r)() is r, "readings must support weak references (add '__weakref__' to the slots)"
### BEGIN HIDDEN TESTS
r.value = 0.0
assert r.value == 0.0 and Reading("", "é", -1.5).metric == "é"
assert set(Reading.__slots__) == {"host", "metric", "value", "__weakref__"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tracemalloc
class Buffer:
    def __init__(self):
        self.data = bytearray(1_000)
per = bytes_per_instance(Buffer, 2_000)
assert type(per) is int and 1_000 <= per < 1_300, f"each Buffer keeps about 1 000 bytes alive through its bytearray, got {per}"
assert not tracemalloc.is_tracing(), "tracemalloc is stopped again"
### BEGIN HIDDEN TESTS
assert bytes_per_instance(lambda: None, 20_000) < 16, "None is shared: nothing new per object but the list's slot"
class Noisy:
    def __init__(self):
        bytearray(1_000_000)  # a big temporary: part of the peak, not of what stays alive
        self.data = bytearray(1_000)
assert 1_000 <= bytes_per_instance(Noisy, 200) < 1_300, "what stays allocated counts, not the peak"
tracemalloc.start()
try:
    held = bytearray(3_000_000)
    spike = bytearray(5_000_000)
    del spike  # an earlier peak must not matter
    assert 1_000 <= bytes_per_instance(Buffer, 500) < 1_300
    assert tracemalloc.is_tracing() and tracemalloc.get_traced_memory()[0] >= 3_000_000, "the caller's tracing and records are kept"
finally:
    tracemalloc.stop()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
plain = bytes_per_instance(lambda: PlainReading("web-1", "cpu", 0.5), 10_000)
slim = bytes_per_instance(lambda: Reading("web-1", "cpu", 0.5), 10_000)
assert slim < plain, f"slots must save memory, measured {slim} vs {plain} bytes per reading"
### BEGIN HIDDEN TESTS
assert 40 <= slim < 200, slim
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-weakref-slot", "fails": ["t1"]}
import tracemalloc


class PlainReading:  # given
    def __init__(self, host, metric, value):
        self.host = host
        self.metric = metric
        self.value = value


class Reading:
    __slots__ = ("host", "metric", "value")  # weakref.ref(reading) now raises TypeError

    def __init__(self, host, metric, value):
        self.host, self.metric, self.value = host, metric, value


def bytes_per_instance(factory, n):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        objects = [factory() for _ in range(n)]  # all alive while we read the total
        used = tracemalloc.get_traced_memory()[0] - base
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return used // n

# %% course={"kind": "wrong", "id": "getsizeof-shallow", "fails": ["t2", "t3"]}
import tracemalloc
import sys


class PlainReading:  # given
    def __init__(self, host, metric, value):
        self.host = host
        self.metric = metric
        self.value = value


class Reading:
    __slots__ = ("host", "metric", "value", "__weakref__")

    def __init__(self, host, metric, value):
        self.host, self.metric, self.value = host, metric, value


def bytes_per_instance(factory, n):
    return sys.getsizeof(factory())  # the object alone: its bytearray is not counted

# %% course={"kind": "wrong", "id": "objects-dropped", "fails": ["t2", "t3"]}
import tracemalloc


class PlainReading:  # given
    def __init__(self, host, metric, value):
        self.host = host
        self.metric = metric
        self.value = value


class Reading:
    __slots__ = ("host", "metric", "value", "__weakref__")

    def __init__(self, host, metric, value):
        self.host, self.metric, self.value = host, metric, value


def bytes_per_instance(factory, n):
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(n):
            factory()  # each object is freed before the next is made
        return (tracemalloc.get_traced_memory()[0] - base) // n
    finally:
        tracemalloc.stop()

# %% course={"kind": "wrong", "id": "dataclass-without-slots", "fails": ["t1", "t3"]}
import tracemalloc
from dataclasses import dataclass


class PlainReading:  # given
    def __init__(self, host, metric, value):
        self.host = host
        self.metric = metric
        self.value = value


@dataclass
class Reading:  # a dataclass still has a __dict__ unless slots=True
    host: str
    metric: str
    value: float


def bytes_per_instance(factory, n):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        objects = [factory() for _ in range(n)]  # all alive while we read the total
        used = tracemalloc.get_traced_memory()[0] - base
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return used // n

# %% course={"kind": "wrong", "id": "peak-not-current", "fails": ["t2"]}
import tracemalloc


class PlainReading:  # given
    def __init__(self, host, metric, value):
        self.host = host
        self.metric = metric
        self.value = value


class Reading:
    __slots__ = ("host", "metric", "value", "__weakref__")

    def __init__(self, host, metric, value):
        self.host, self.metric, self.value = host, metric, value


def bytes_per_instance(factory, n):
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        objects = [factory() for _ in range(n)]  # all alive while we read the total
        used = tracemalloc.get_traced_memory()[1] - base  # the peak: temporaries made by factory() count too
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return used // n

# %% [markdown] course={"kind": "answer", "question": "q-how-does-python-s-garbage-collection"}
# CPython frees memory mainly by **reference counting**: each object counts the references to it, and
# when the count drops to zero the object is freed at once (its finalizers run, its memory goes back to
# pymalloc). Counting cannot free **cycles**, so a second mechanism, the cyclic **garbage collector**
# (`gc`), periodically examines container objects, subtracts references that come from inside a group,
# and frees groups nothing outside points to. It is generational: new objects are checked often, old
# survivors rarely. Three generations in 3.11–3.13 (first threshold 700 in 3.11/3.12, 2000 in 3.13);
# 3.14.0–3.14.4 used two generations collected incrementally to shorten pauses, and 3.14.5 went back to
# the 3.13 collector after reports of memory growth in production. `gc.collect()` forces a
# full run and returns how many unreachable objects it found; `gc.disable()` stops only the cycle
# collector, never reference counting.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-reference-cycles"}
# A reference cycle is a group of objects that reach each other: `a.peer = b; b.peer = a`, a node
# that points to its parent while the parent lists the node, a list that contains itself, or an
# exception stored in a local variable of a frame its traceback holds. After the last outside name is
# gone each object still has a count above zero, so reference counting never frees them; they wait for
# the cycle collector, which frees them later and in a batch (or never, if the collector is disabled).
# Avoid them where it is easy: a `weakref.ref` for back-pointers, `del` the saved exception, or break
# the cycle in a `close()` method.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-find-memory-leaks"}
# First prove there is one: RSS or container memory that grows with the number of requests and does
# not come back. Then narrow it down inside the process: count live objects by type
# (`collections.Counter(type(o).__name__ for o in gc.get_objects())`) at two moments and see which
# type grows; take two `tracemalloc` snapshots around a batch of work and read `compare_to(...,
# "lineno")`, which names the lines that allocated what is still held; then ask who holds one of those
# objects with `gc.get_referrers()` (or `objgraph` for a picture). The culprit is usually a
# module-level dict or list, an unbounded `lru_cache`, listeners never unsubscribed, or a saved
# traceback. Reproduce it in a test that measures growth with `tracemalloc`, fix, and keep the test.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-weak-references"}
# A weak reference reaches an object without counting as a reference, so it does not keep the object
# alive: `r = weakref.ref(obj)`, and `r()` returns the object, or `None` once it has been freed (an
# optional callback runs at that moment). The `weakref` module builds on it: `WeakValueDictionary` for
# caches whose entries vanish when nobody uses the value, `WeakKeyDictionary` to attach data to objects
# you do not own, `WeakSet`, `WeakMethod` for bound methods (a plain `ref` to `obj.method` dies at
# once), and `finalize` for clean-up callbacks. Not every object supports them: `int`, `str`, `tuple`,
# `list` and `dict` instances do not, nor slotted classes without a `__weakref__` slot.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-slots"}
# `__slots__ = ("x", "y")` in a class body declares the only instance attributes; CPython stores them
# in fixed fields inside the object instead of a per-instance `__dict__`. Instances are smaller (we
# measured 20 000 three-field points at 1.5 to 1.6 times less with `tracemalloc` on 3.11–3.13, and the gap
# is bigger once a normal instance's `__dict__` is used), and a typo such as `p.z = 1` raises
# `AttributeError`. The costs: no new attributes, no weak references unless `"__weakref__"` is a
# slot, and each class in a hierarchy must declare its own slots or instances get a `__dict__` again. Use it for classes with many instances (records, nodes, events).

