# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write your own iterators and generators, stream a file or a queue
# through a lazy pipeline that reads only what it needs, drive a generator with `send`/`throw`/`close`, and pick the right `itertools` tool.

# %% course={"kind": "setup", "id": "tap"}
# Tap(items, limit) counts in `.pulled` how many items code took from it (`.ends`: how often it was
# asked past the end) and stops a greedy answer at item `limit + 1`: the tests use it to see laziness.
# LateQueue(items) is a queue.Queue whose items arrive one by one while a consumer waits in get(): its
# producer is always slower than you. recursion_depth(f): how deeply f's calls of your functions nest.
import inspect
import itertools

from course.runtime.iterators import LateQueue, Tap
from course.runtime.meters import recursion_depth


# %% [markdown] course={"kind": "lesson", "id": "protocol", "covers": ["c-iterator-protocol", "c-iter-return-iterator", "c-next-return-next-value", "c-stopiteration-exception", "c-iterable-vs-iterator", "c-iterables-have-iter", "c-iterators-have-both-iter-and-next", "c-iter-and-next-built-in-functions"]}
# ### The iterator protocol: `iter()`, `next()`, `StopIteration`
#
# A `for` loop knows two calls. First it calls `iter(thing)`, which calls `thing.__iter__()` and must
# get back an **iterator**. Then it calls `next(iterator)` (which calls `iterator.__next__()`) again and
# again, until `__next__` raises **`StopIteration`**; the loop catches that and ends quietly.
#
# - An **iterable** is anything with `__iter__` (a list, a dict, a string, a file, a `range`): you can
#   loop over it as often as you like, because each `iter()` hands out a *new* iterator.
# - An **iterator** has `__iter__` (returning itself) **and** `__next__`. It is a cursor: it remembers
#   where it is, moves only forward, and once it has raised `StopIteration` it is used up.
#
# `next(it, default)` returns `default` instead of raising when the iterator is exhausted, the usual
# way to ask "the first item, if any". `iter(callable, sentinel)` is the second form: it calls
# `callable()` until it returns `sentinel`, which turns `f.read(4096)` into a loop over blocks.
#
# Where you meet this in ops code: a file object is an iterator over its lines, a database cursor and
# a paginated API client are iterators over rows and pages, and all of them are **one-shot**. The
# mistake people make: looping twice over an iterator (a file, a `map`, a generator) and getting
# nothing the second time, with no error.

# %% course={"kind": "demo"}
hosts = ["web-1", "web-2", "db-1"]  # a list is an iterable
cursor = iter(hosts)  # ...which hands out an iterator
print(type(hosts).__name__, "has __next__:", hasattr(hosts, "__next__"), "| ",
      type(cursor).__name__, "has __next__:", hasattr(cursor, "__next__"), "| iter(cursor) is cursor:", iter(cursor) is cursor)
print(next(cursor), next(cursor), next(cursor))
try:
    next(cursor)
except StopIteration:
    print("a fourth next() raises StopIteration; with a default:", next(cursor, "<none>"))

# A for loop is this while loop:
it = iter(hosts)
while True:
    try:
        host = next(it)
    except StopIteration:
        break
    print("deploying", host)

# Iterables can be looped over again, iterators cannot:
up = map(str.upper, hosts)
print("first pass:", list(up), "second pass:", list(up))
print("the list itself, twice:", list(hosts) == list(hosts))

# iter(callable, sentinel): read a stream in blocks until read() returns b"" (the sentinel)
import io

stream = io.BytesIO(b"0123456789")
print("blocks:", list(iter(lambda: stream.read(4), b"")))

# %% [markdown] course={"kind": "lesson", "id": "custom-iterators", "covers": ["c-creating-custom-iterators"]}
# ### Creating custom iterators
#
# A class becomes iterable when `__iter__` returns an iterator. For your own data structure (a linked
# queue, a tree, a ring buffer) the clean design is **two classes**: the container, whose `__iter__`
# returns a *new* cursor object each time, and the cursor, which holds the position and has `__next__`
# and `__iter__` (returning `self`). Then two loops over the container, even nested, each get their own
# position.
#
# When the container itself keeps the position (`__iter__` returns `self`), the container can be looped
# over only once, and two nested loops share one cursor. That is right for a *stream* (a file, a
# socket), wrong for a *collection*. A shortcut that gives you the second class for free: write
# `__iter__` as a generator function (next lessons). The thing people get wrong: an exhausted iterator
# must keep raising `StopIteration` on every later `next()`. Python's documentation calls an iterator
# that starts over (or hands out items again) *broken*: code that calls `next()` once more, as
# `zip` and `itertools` may, would get items it has already seen.

# %% course={"kind": "demo"}
class Countdown:
    """An iterable collection: each loop gets its own cursor."""

    def __init__(self, start: int) -> None:
        self.start = start

    def __iter__(self) -> "CountdownCursor":
        return CountdownCursor(self.start)


class CountdownCursor:
    def __init__(self, current: int) -> None:
        self.current = current

    def __iter__(self) -> "CountdownCursor":
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class OneShotCountdown:
    """The container is its own cursor: fine for a stream, surprising for a collection."""

    def __init__(self, start: int) -> None:
        self.current = start

    def __iter__(self) -> "OneShotCountdown":
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


good, shared = Countdown(2), OneShotCountdown(2)
print("two cursors, nested loops:", [(a, b) for a in good for b in good])
print("one shared cursor:        ", [(a, b) for a in shared for b in shared])
print("looped again:", list(good), "vs", list(shared))

# %% [markdown] course={"kind": "lesson", "id": "generators", "covers": ["c-generator-functions", "c-yield-keyword", "c-generator-objects", "c-lazy-evaluation", "c-memory-efficiency"]}
# ### Generator functions: `yield`, generator objects, laziness
#
# A function with `yield` anywhere in its body is a **generator function**. Calling it runs *none*
# of its body: it returns a **generator object**, an iterator. Each `next()` runs the body up to the
# next `yield`, hands out that value and freezes the function there, with its local variables and its
# place in the loops kept. When the body ends (or reaches `return`), the generator raises
# `StopIteration`; a `return value` travels inside that exception as `.value`.
#
# This is **lazy evaluation**: a value is computed when somebody asks for it, not before. It buys
# **memory efficiency** (a generator over a 10 GB log holds one line at a time, and its object is a
# couple of hundred bytes however long the stream) and the ability to describe **endless** streams
# (poll a queue for ever, count forever) that a list could never hold. It also means work happens
# *later* than the line that "calls" the function, so an error in the body shows up at the first
# `next()`, not at the call.
#
# The thing people get wrong: a generator is an iterator, so it is **one-shot**; and `len()`,
# indexing and slicing do not work on it. Since Python 3.7 (PEP 479) a `StopIteration` that escapes
# *inside* a generator body (say, from a bare `next(other)`) is turned into `RuntimeError`, so catch it
# or use `next(other, default)`.

# %% course={"kind": "demo"}
import sys

trace: list[str] = []


def read_numbers(lines):
    trace.append("body started")
    for line in lines:
        trace.append(f"parsing {line!r}")
        yield int(line)
    trace.append("body finished")
    return "done"


gen = read_numbers(["10", "20"])
print(type(gen).__name__, "| after the call, trace =", trace, "| iter(gen) is gen:", iter(gen) is gen)
print("next ->", next(gen), "| trace =", trace)
print("next ->", next(gen), "| trace =", trace)
try:
    next(gen)
except StopIteration as stop:
    print("exhausted; return value rides on StopIteration.value =", repr(stop.value))
print("second loop over the same generator:", list(gen))

bad = read_numbers(["7", "seven"])  # no error yet: nothing has run
print("calling with bad data raised nothing; the first next() gives", next(bad))
try:
    next(bad)
except ValueError as err:
    print("the error arrives with the value that causes it:", err)

big_list = [n * n for n in range(1_000_000)]
big_gen = (n * n for n in range(1_000_000))
print(f"list of a million squares: {sys.getsizeof(big_list):,} bytes (the list alone, not its ints); "
      f"generator: {sys.getsizeof(big_gen)} bytes, the same for a billion")
print("same total:", sum(big_list) == sum(big_gen))

# %% [markdown] course={"kind": "text"}
# PEP 479: a `StopIteration` leaking out of a generator body becomes `RuntimeError`. The first
# generator below forgets that `next(it)` can run dry; the second asks for a default.

# %% course={"kind": "demo"}
def pairs_bad(items):
    it = iter(items)
    for first in it:
        yield first, next(it)  # the odd item out: next() raises StopIteration inside the generator


def pairs_good(items):
    it = iter(items)
    for first in it:
        yield first, next(it, None)


try:
    list(pairs_bad("abc"))
except RuntimeError as err:
    print("RuntimeError:", err, "| caused by", type(err.__cause__).__name__)
print(list(pairs_good("abc")))

# %% [markdown] course={"kind": "lesson", "id": "genexp", "covers": ["c-generator-expressions", "c-x-for-x-in-range-10", "c-vs-list-comprehensions"]}
# ### Generator expressions versus list comprehensions
#
# `(x * x for x in range(10))` is a generator written inline: the syntax of a list comprehension in
# round brackets. `[...]` builds the whole list **now** and keeps it; `(...)` builds a generator that
# produces one value per `next()`. As the only argument of a call the brackets may be shared:
# `sum(x * x for x in range(10))`, `any(line.startswith("ERROR") for line in f)`.
#
# | | `[expr for x in data]` | `(expr for x in data)` |
# |---|---|---|
# | result | a `list`, all items in memory | a `generator`, one item at a time |
# | when `expr` runs | all at once, at that line | on each `next()`, maybe never |
# | reuse | loop, index, `len()`, as often as you like | once, forwards only |
# | stops early | no, it computed everything already | yes: `any()`/`next()` stop pulling |
#
# Use the list when you need the values more than once, their number, or random access; use the
# generator when you feed the values straight into something that consumes them once (`sum`, `max`,
# `"".join`, a `for` loop, another stage), or when the input is large or endless.
# The mistake people make: the `for ... in` of the **first** clause is evaluated at once; everything
# else (the expression, the conditions, later clauses) runs lazily, so a variable changed in between
# is seen with its *new* value.

# %% course={"kind": "demo"}
checks: list[str] = []


def healthy(host: str) -> bool:
    checks.append(host)
    return host != "web-2"


hosts = ["web-1", "web-2", "web-3", "web-4"]
all_ok = all([healthy(h) for h in hosts])  # the list is built first: every host checked
print("list comprehension:", all_ok, "checked", checks)
checks.clear()
all_ok = all(healthy(h) for h in hosts)  # all() stops at the first False
print("generator expression:", all_ok, "checked", checks)

threshold = 100
slow = (ms for ms in [50, 150, 250] if ms > threshold)
threshold = 200  # the condition runs later, with the new value
print("evaluated late:", list(slow))
gen = (x for x in range(3))
print(type(gen).__name__, list(gen), list(gen))

# %% [markdown] course={"kind": "lesson", "id": "yield-from", "covers": ["c-yield-from", "c-delegating-to-sub-generators", "c-use-cases"]}
# ### `yield from`: delegate to a sub-generator
#
# `yield from sub` inside a generator hands every item of the iterable `sub` to our caller, one by one,
# as if we had written `for x in sub: yield x`. With a **generator** as `sub` it does more than the loop:
#
# - values the caller passes with `send()` and exceptions passed with `throw()` go straight to `sub`;
#   `close()` closes `sub` too;
# - when `sub` finishes with `return value`, the whole `yield from sub` *expression* evaluates to
#   `value`: `result = yield from sub`.
#
# Use cases: splitting one long generator into helper generators (read the header, then the rows);
# walking recursive structures (a tree, nested lists, a directory walk) with a recursive generator; and
# coroutine-style generators that compute a result from values sent to them. The mistake people make:
# forgetting `from`. `yield sub` hands out the sub-generator *object* as one item, and nothing runs.

# %% course={"kind": "demo"}
def header(lines):
    names = next(lines).split(",")
    yield f"columns: {names}"
    return names  # becomes the value of `yield from header(...)`


def rows(text):
    lines = iter(text.splitlines())
    names = yield from header(lines)
    for line in lines:
        yield dict(zip(names, line.split(",")))


print(list(rows("host,port\nweb-1,80\ndb-1,5432")))


def walk(tree, depth=0):
    """A recursive generator over {name: children} dictionaries."""
    for name, children in tree.items():
        yield "  " * depth + name
        yield from walk(children, depth + 1)


print("\n".join(walk({"prod": {"web": {"web-1": {}, "web-2": {}}, "db": {}}})))


def forgot_from():
    yield walk({"a": {}})


print("without `from`:", list(forgot_from()))

# %% [markdown] course={"kind": "lesson", "id": "generator-methods", "covers": ["c-generator-methods", "c-send-send-value-to-generator", "c-throw-inject-exception", "c-close-close-generator"]}
# ### Generator methods: `send()`, `throw()`, `close()`
#
# A paused generator sits at a `yield`, and the caller can do three things to it besides `next()`:
#
# - **`gen.send(value)`** resumes it and makes the paused `yield` *expression* evaluate to `value`
#   (`next(gen)` is `gen.send(None)`). It returns the next yielded value. A new generator has not reached
#   a `yield` yet, so its first call must be `next(gen)` or `gen.send(None)` (this is called *priming*);
#   sending anything else raises `TypeError`.
# - **`gen.throw(exc)`** raises `exc` *at* the paused `yield`. If the generator catches it and yields
#   again, `throw` returns that value; otherwise the exception comes back out of `throw`. Pass an
#   exception instance (or class): the old `throw(type, value[, traceback])` form is deprecated since
#   Python 3.12 (it gives a `DeprecationWarning`).
# - **`gen.close()`** raises `GeneratorExit` at the paused `yield`, so `finally` blocks and `with`
#   blocks in the generator run (a file it opened gets closed). The generator must not yield again
#   in reply (that is a `RuntimeError: generator ignored GeneratorExit`). A generator that is garbage
#   collected half-way is closed the same way. Since Python 3.13, `close()` returns the value the
#   generator returns while handling `GeneratorExit` (before, it always returned `None`).
#
# Today most of this "coroutine" style lives in `async`/`await` (phase 10), but `close()` matters for
# every generator that holds a resource, and `send()` still drives small state machines and
# `contextlib.contextmanager`. The mistake people make: sending to an unprimed generator.

# %% course={"kind": "demo"}
def running_mean():
    total, count = 0.0, 0
    mean = None
    try:
        while True:
            try:
                value = yield mean
            except ValueError:  # a "reset" injected by throw()
                total, count, mean = 0.0, 0, None
                continue
            total += value
            count += 1
            mean = total / count
    finally:
        print(f"  (cleanup ran: {count} values seen)")


avg = running_mean()
try:
    avg.send(10)
except TypeError as err:
    print("unprimed:", err)
print("prime with next():", next(avg))
print("send(10) ->", avg.send(10), "| send(20) ->", avg.send(20))
print("throw(ValueError()) resets, yields ->", avg.throw(ValueError("reset")))
print("send(4) ->", avg.send(4))
avg.close()
print("after close(), next() gives the default:", next(avg, "exhausted"))
half_done = running_mean()
next(half_done)
print("dropping the last reference to a paused generator closes it too:")
del half_done

# %% [markdown] course={"kind": "text"}
# Two details differ between Python versions; the cell below shows what the Python running this
# notebook does (checked on 3.11, 3.12 and 3.13).

# %% course={"kind": "demo"}
import warnings


def answers_close():
    try:
        yield "working"
    except GeneratorExit:
        return "closed cleanly"


g = answers_close()
next(g)
print(f"Python {sys.version_info[0]}.{sys.version_info[1]}: close() returned {g.close()!r} (3.13 and later: the return value; before: None)")
g = answers_close()
next(g)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        g.throw(ValueError, ValueError("old style"), None)  # the three-argument form
    except ValueError:
        pass
print("throw(type, value, traceback) warns:", [w.category.__name__ for w in caught] or "nothing", "(DeprecationWarning since 3.12)")

# %% [markdown] course={"kind": "lesson", "id": "itertools", "covers": ["c-itertools-module-deep-dive", "c-infinite-iterators-count-cycle-repeat", "c-finite-iterators-chain-compress", "c-combinatoric-product-permutations", "c-groupby-accumulate"]}
# ### `itertools`: the standard pieces, all lazy
#
# The functions in `itertools` take iterables and return **iterators** (`tee(it, n)` returns a tuple of
# `n` of them), so they chain without building lists.
#
# | group | tools | ops example |
# |---|---|---|
# | infinite | `count(start, step)`, `cycle(it)`, `repeat(x, n)` | request ids, round-robin over backends, a constant column |
# | finite | `chain(a, b)` / `chain.from_iterable`, `compress(data, flags)`, `dropwhile(p, it)`, `takewhile(p, it)`, `islice(it, start, stop)` | read several log files as one, skip a header, stop at a marker, take the first N |
# | combinatoric | `product`, `permutations`, `combinations`, `combinations_with_replacement` | test matrices (OS × Python), orderings, pairs of hosts |
# | grouping, folding | `groupby(it, key)`, `accumulate(it, func)` | runs of equal status, running totals |
# | newer | `batched(it, n)` (3.12; tuples of n; `strict=True` since **3.13**), `pairwise` (3.10) | bulk API calls, deltas between samples |
#
# Three that bite: **`groupby` groups only neighbours** (sort by the key first if you want one group per
# key), and each group is a view into the shared iterator that is gone as soon as you move to the next
# group (so `list(groupby(...))` gives empty groups). **`dropwhile`/`takewhile`** decide on the first
# item that fails the test, not on every item. **`cycle`** keeps a copy of everything it has seen.
# On Python 3.11 (this course's minimum) there is no `batched`: use `islice` in a loop, as the demo does.

# %% course={"kind": "demo"}
from itertools import (accumulate, chain, combinations, compress, count, cycle, dropwhile, groupby, islice,
                       permutations, product, repeat, takewhile)

print("count:", list(islice(count(1000, 5), 3)), "| cycle:", list(zip(range(5), cycle(["a", "b"]))), "| repeat:", list(repeat("-", 3)))
print("chain:", list(chain(["web-1"], ("db-1",), "q")))
print("compress:", list(compress(["web-1", "web-2", "db-1"], [1, 0, 1])))
boot = ["# header", "# more", "start", "# not skipped: dropwhile stopped", "END", "after"]
print("dropwhile:", list(dropwhile(lambda l: l.startswith("#"), boot)))
print("takewhile:", list(takewhile(lambda l: l != "END", boot)))
print("product:", list(product(["3.11", "3.12"], ["linux", "mac"])))
print("permutations:", list(permutations("abc", 2)))
print("combinations:", list(combinations(["a", "b", "c"], 2)))
statuses = "UUDDDUUD"
print("groupby runs:", [(k, len(list(g))) for k, g in groupby(statuses)])
print("groups kept too long:", [(k, list(g)) for k, g in list(groupby(statuses))][:3])
print("accumulate sum:", list(accumulate([3, 1, 4, 1])), "max so far:", list(accumulate([3, 1, 4, 1], max)))


def batches(items, n):
    """itertools.batched for Python 3.11: tuples of up to n items."""
    it = iter(items)
    while batch := tuple(islice(it, n)):
        yield batch


print("batches on", sys.version.split()[0], ":", list(batches(range(7), 3)))
if sys.version_info >= (3, 12):
    print("itertools.batched:", list(itertools.batched(range(7), 3)))

# %% [markdown] course={"kind": "lesson", "id": "contextmanager", "covers": ["c-generator-based-context-managers"]}
# ### Generator-based context managers
#
# `contextlib.contextmanager` turns a generator with exactly **one** `yield` into a context manager:
# the code before `yield` is `__enter__`, the yielded value is what `as` receives, the code after is
# `__exit__`. An exception in the `with` block is *thrown into* the generator at the `yield` (with
# `throw()`, from the previous lesson), so the cleanup must sit in a `try/finally` (or a `with`) around
# the `yield`, or it is skipped when the block fails. Catching the exception there and not re-raising
# it suppresses it, exactly as `__exit__` returning `True` would.
#
# Ops uses: a temporary directory, a lock file, a maintenance window ("drain, do the work, undrain"),
# a timer that logs how long a step took, switching an environment variable for a block.
# The mistake people make: cleanup after a bare `yield`, with no `finally`.

# %% course={"kind": "demo"}
from contextlib import contextmanager

events: list[str] = []


@contextmanager
def drained(node: str):
    events.append(f"drain {node}")
    try:
        yield node
    finally:
        events.append(f"undrain {node}")


@contextmanager
def drained_no_finally(node: str):
    events.append(f"drain {node}")
    yield node
    events.append(f"undrain {node}")


for manager in (drained, drained_no_finally):
    events.clear()
    try:
        with manager("web-1") as n:
            events.append(f"upgrade {n}")
            raise OSError("disk full")
    except OSError:
        pass
    print(f"{manager.__name__:20} {events}")

# %% [markdown] course={"kind": "lesson", "id": "pipelines", "covers": ["c-generator-pipelines"]}
# ### Generator pipelines
#
# A pipeline is a chain of generators, each taking an iterable and yielding results:
# `read → parse → filter → transform → sink`. Like a shell pipe (`cat | grep | cut | sort`), each stage
# is small and testable on its own, and data flows **one item at a time**: the last stage pulls, each
# stage pulls from the one before only when it needs an item. That gives constant memory for any input
# size, early results (the first output appears before the input is read to the end), and natural
# **backpressure**: a slow consumer slows the producer, because nothing is produced until it is asked for.
#
# Design rules: a stage takes an iterable and returns an iterator (a generator); it does one thing;
# it never calls `list()` on its input; the caller decides when to stop (`islice`, `next`, `break`).
# The mistake people make: one `list(...)` or `sorted(...)` in the middle, which silently reads the
# whole stream there.

# %% course={"kind": "demo"}
log = Tap([
    "2026-11-30T10:00:01 INFO api GET /health 200 3",
    "2026-11-30T10:00:02 ERROR api GET /orders 500 950",
    "2026-11-30T10:00:03 INFO api GET /orders 200 120",
    "2026-11-30T10:00:04 ERROR db query timeout 0 3000",
] * 250_000)  # a million lines


def parse(lines):
    for line in lines:
        stamp, level, service, *rest = line.split()
        yield {"time": stamp, "level": level, "service": service, "ms": int(rest[-1])}


def errors(records):
    return (r for r in records if r["level"] == "ERROR")


def slower_than(records, ms):
    return (r for r in records if r["ms"] > ms)


first_two = list(islice(slower_than(errors(parse(log)), 900), 2))
print([r["time"] for r in first_two], "| lines read:", log.pulled, "of 1,000,000")

# %% [markdown] course={"kind": "exercise", "id": "job-queue", "item": "x-create-a-custom-iterator-for-a-data"}
# ### A job queue you can loop over (custom iterator)
#
# `JobQueue` is a singly linked list of jobs (`push` adds at the tail, `pop` takes from the head).
# Make it iterable the right way, with two classes:
#
# - `JobCursor(node)` starts at `node` (a `_Node` with `.job` and `.next`, or `None` for an empty queue).
#   `__next__` returns the jobs from head to tail, then raises `StopIteration` on that call and on
#   **every** later call; `__iter__` returns the cursor itself.
# - `JobQueue.__iter__` returns a **new** `JobCursor` each time, so two loops (even nested ones) each
#   keep their own place. Looping never removes jobs. Jobs may be any value, `0`, `""` and `None` too.
#
# ```python
# q = JobQueue(); q.push("build"); q.push("test")
# [(a, b) for a in q for b in q]   # [('build', 'build'), ('build', 'test'), ('test', 'build'), ('test', 'test')]
# ```

# %% [markdown] course={"kind": "hint"}
# The cursor only needs one attribute: the node it will read next.

# %% [markdown] course={"kind": "hint"}
# `__next__`: if that node is `None`, raise `StopIteration` (and since the node stays `None`, every
# later call raises too); otherwise remember its job, step to `node.next`, return the job.

# %% course={"kind": "solution"}
from dataclasses import dataclass
from typing import Any


@dataclass
class _Node:
    job: Any
    next: "_Node | None" = None


class JobCursor:
    """A position in a JobQueue; moves forwards only."""

    def __init__(self, node: _Node | None) -> None:
        ### BEGIN SOLUTION
        self._node = node
        ### END SOLUTION

    def __iter__(self) -> "JobCursor":
        ### BEGIN SOLUTION
        return self
        ### END SOLUTION

    def __next__(self) -> Any:
        ### BEGIN SOLUTION
        if self._node is None:
            raise StopIteration
        job = self._node.job
        self._node = self._node.next
        return job
        ### END SOLUTION


class JobQueue:
    def __init__(self) -> None:
        self._head: _Node | None = None
        self._tail: _Node | None = None
        self._size = 0

    def push(self, job: Any) -> None:
        node = _Node(job)
        if self._tail is None:
            self._head = self._tail = node
        else:
            self._tail.next = node
            self._tail = node
        self._size += 1

    def pop(self) -> Any:
        if self._head is None:
            raise IndexError("pop from an empty JobQueue")
        node = self._head
        self._head = node.next
        if self._head is None:
            self._tail = None
        self._size -= 1
        return node.job

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> JobCursor:
        ### BEGIN SOLUTION
        return JobCursor(self._head)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
q = JobQueue()
for job in ("build", "test", "deploy"):
    q.push(job)
assert list(itertools.islice(q, 5)) == ["build", "test", "deploy"], f"jobs head to tail, got {list(itertools.islice(q, 5))}"
c = iter(q)
assert type(c) is JobCursor, f"iter(queue) must return a JobCursor, got {type(c).__name__}"
assert iter(c) is c, "iter() of a cursor is the cursor itself"
### BEGIN HIDDEN TESTS
assert next(c) == "build" and next(c) == "test" and list(c) == ["deploy"], "next() and a loop share the cursor's place"
q.pop()
assert list(itertools.islice(q, 5)) == ["test", "deploy"] and len(q) == 2, "after pop() the loop starts at the new head"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
q = JobQueue()
q.push("build")
q.push("test")
pairs = [(a, b) for a in itertools.islice(q, 5) for b in itertools.islice(q, 5)]
assert pairs == [("build", "build"), ("build", "test"), ("test", "build"), ("test", "test")], f"each loop needs its own cursor, got {pairs}"
### BEGIN HIDDEN TESTS
assert iter(q) is not iter(q), "a new cursor for every iter()"
assert list(itertools.islice(q, 5)) == ["build", "test"] and list(itertools.islice(q, 5)) == ["build", "test"], "a queue can be looped over again"
assert len(q) == 2 and q.pop() == "build", "looping does not remove jobs"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
q = JobQueue()
q.push("only")
c = iter(q)
assert list(itertools.islice(c, 5)) == ["only"], "one job"
for _ in range(3):
    try:
        next(c)
    except StopIteration:
        pass
    else:
        raise AssertionError("an exhausted cursor keeps raising StopIteration")
### BEGIN HIDDEN TESTS
empty = JobQueue()
assert list(itertools.islice(empty, 5)) == [], "an empty queue gives no jobs"
try:
    next(iter(empty))
except StopIteration:
    pass
else:
    raise AssertionError("next() on an empty queue's cursor raises StopIteration")
falsy = JobQueue()
for job in (0, "", None, False):
    falsy.push(job)
assert list(itertools.islice(falsy, 9)) == [0, "", None, False], "falsy jobs are jobs too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "queue-is-its-own-cursor", "fails": ["t2"]}
class _Node:
    def __init__(self, job):
        self.job, self.next = job, None


class JobQueue:  # the queue is its own cursor: one place shared by every loop
    def __init__(self):
        self._head = self._tail = self._node = None
        self._size = 0

    def push(self, job):
        node = _Node(job)
        if self._tail is None:
            self._head = self._tail = node
        else:
            self._tail.next = self._tail = node
        self._size += 1

    def pop(self):
        node = self._head
        self._head = node.next
        self._size -= 1
        return node.job

    def __len__(self):
        return self._size

    def __iter__(self):
        if self._node is None:
            self._node = self._head
        return self

    def __next__(self):
        if self._node is None:
            raise StopIteration
        job = self._node.job
        self._node = self._node.next
        return job


JobCursor = JobQueue

# %% course={"kind": "wrong", "id": "starts-over-when-done", "fails": ["t3"]}
class _Node:
    def __init__(self, job):
        self.job, self.next = job, None


class JobCursor:
    def __init__(self, node):
        self._start = self._node = node

    def __iter__(self):
        return self

    def __next__(self):
        if self._node is None:
            self._node = self._start  # rewinds, so the next call returns the first job again
            raise StopIteration
        job = self._node.job
        self._node = self._node.next
        return job


class JobQueue:
    def __init__(self):
        self._head = self._tail = None
        self._size = 0

    def push(self, job):
        node = _Node(job)
        if self._tail is None:
            self._head = self._tail = node
        else:
            self._tail.next = self._tail = node
        self._size += 1

    def pop(self):
        node = self._head
        self._head = node.next
        self._size -= 1
        return node.job

    def __len__(self):
        return self._size

    def __iter__(self):
        return JobCursor(self._head)

# %% course={"kind": "wrong", "id": "stops-before-last", "fails": ["t1", "t2", "t3"]}
class _Node:
    def __init__(self, job):
        self.job, self.next = job, None


class JobCursor:
    def __init__(self, node):
        self._node = node

    def __iter__(self):
        return self

    def __next__(self):
        if self._node is None or self._node.next is None:  # drops the last job
            raise StopIteration
        job = self._node.job
        self._node = self._node.next
        return job


class JobQueue:
    def __init__(self):
        self._head = self._tail = None
        self._size = 0

    def push(self, job):
        node = _Node(job)
        if self._tail is None:
            self._head = self._tail = node
        else:
            self._tail.next = self._tail = node
        self._size += 1

    def pop(self):
        node = self._head
        self._head = node.next
        self._size -= 1
        return node.job

    def __len__(self):
        return self._size

    def __iter__(self):
        return JobCursor(self._head)

# %% [markdown] course={"kind": "exercise", "id": "log-entries", "item": "x-implement-a-generator-for-reading-large"}
# ### Read a large log entry by entry
#
# In an application log a stack trace spans several lines: every line that starts with whitespace
# continues the entry above it. Write the **generator function** `log_entries(lines)`: `lines` is any
# iterable of lines (an open file, a list, a socket reader) and it yields one `str` per entry, its lines
# joined with `"\n"`, each line without its line ending (`"\n"` or `"\r\n"`).
#
# - Lines that are empty or only whitespace are skipped. A continuation line before any entry starts
#   an entry of its own.
# - It streams: it holds one entry at a time and pulls at most one line past the entry it yields
#   (it must see the next entry's first line to know the current one has ended). Nothing is read
#   before the first `next()`.
#
# ```python
# list(log_entries(["ERROR boom\n", "  File x.py\n", "INFO ok\n"]))   # ['ERROR boom\n  File x.py', 'INFO ok']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the entry you are building in a variable (`None` while there is none). A line that starts a new
# entry means the one you were building is complete: yield it first.

# %% [markdown] course={"kind": "hint"}
# `line.rstrip("\r\n")` removes the ending; `not line.strip()` spots blank lines;
# `line[0].isspace()` spots a continuation. Do not forget the last entry after the loop.

# %% course={"kind": "solution"}
from collections.abc import Iterable, Iterator


def log_entries(lines: Iterable[str]) -> Iterator[str]:
    ### BEGIN SOLUTION
    entry = None
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if entry is not None and line[0].isspace():
            entry += "\n" + line
            continue
        if entry is not None:
            yield entry
        entry = line
    if entry is not None:
        yield entry
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
lines = ["ERROR boom\n", "Traceback (most recent call last):\n", "  File \"x.py\", line 1\n", "INFO ok\n"]
got = list(itertools.islice(log_entries(lines), 5))
assert got == ["ERROR boom", "Traceback (most recent call last):\n  File \"x.py\", line 1", "INFO ok"], f"got {got}"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(log_entries(["a\r\n", "\tb\r\n", "c"]), 5)) == ["a\n\tb", "c"], "\\r\\n endings and a last line without ending"
assert list(itertools.islice(log_entries(["a\n", "\n", "   \n", " b\n", "\n"]), 5)) == ["a\n b"], "blank lines are skipped, even inside an entry"
assert list(itertools.islice(log_entries(["  orphan\n", "x\n"]), 5)) == ["  orphan", "x"], "a continuation before any entry starts its own entry"
assert list(itertools.islice(log_entries(["0\n", "0\n"]), 5)) == ["0", "0"], "'0' is an entry"
assert list(itertools.islice(log_entries(["ERROR x  \n", "  at y \r\n"]), 5)) == ["ERROR x  \n  at y "], "only the line ending goes, trailing spaces stay"
assert list(itertools.islice(log_entries(["Fehler: Datei ü\n", "\u3000全角 space continues\n"]), 5)) == ["Fehler: Datei ü\n\u3000全角 space continues"]
assert list(itertools.islice(log_entries([]), 5)) == [] and list(itertools.islice(log_entries(iter(["\n"])), 5)) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
gen = log_entries(["a\n"])
assert inspect.isgenerator(gen), f"log_entries must be a generator function, it returned a {type(gen).__name__}"
### BEGIN HIDDEN TESTS
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "app.log")
    path.write_text("INFO start\nERROR ü\n  at line 3\n", encoding="utf-8")
    with path.open(encoding="utf-8") as f:
        assert list(itertools.islice(log_entries(f), 5)) == ["INFO start", "ERROR ü\n  at line 3"], "reads an open file"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tap = Tap(["A\n", " a1\n", "B\n", " b1\n", "C\n"] * 1000, limit=3)
gen = log_entries(tap)
assert tap.pulled == 0, "calling log_entries reads nothing yet"
assert next(gen) == "A\n a1" and tap.pulled == 3, f"the first entry needs 3 lines, {tap.pulled} were read"
### BEGIN HIDDEN TESTS
tap.limit = 5
assert next(gen) == "B\n b1" and tap.pulled == 5
endless = Tap(itertools.cycle(["x\n", " y\n"]), limit=1001)
assert list(itertools.islice(log_entries(endless), 500)) == ["x\n y"] * 500 and endless.pulled == 1001
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reads-everything-first", "fails": ["t3"]}
import re


def log_entries(lines):
    text = "".join(line.rstrip("\r\n") + "\n" for line in lines if line.strip())  # the whole file in memory
    for entry in re.split(r"\n(?=\S)", text):
        if entry.strip():
            yield entry.rstrip("\n")

# %% course={"kind": "wrong", "id": "loses-the-last-entry", "fails": ["t1", "t2"]}
def log_entries(lines):
    entry = None
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if entry is not None and line[0].isspace():
            entry += "\n" + line
            continue
        if entry is not None:
            yield entry
        entry = line

# %% course={"kind": "wrong", "id": "keeps-line-endings", "fails": ["t1", "t2", "t3"]}
def log_entries(lines):
    entry = None
    for line in lines:
        if not line.strip():
            continue
        if entry is not None and line[0].isspace():
            entry += line
            continue
        if entry is not None:
            yield entry
        entry = line
    if entry is not None:
        yield entry

# %% course={"kind": "wrong", "id": "rstrip-eats-trailing-spaces", "fails": ["t1"]}
def log_entries(lines):
    entry = None
    for raw in lines:
        line = raw.rstrip()  # also removes trailing spaces the entry had
        if not line.strip():
            continue
        if entry is not None and line[0].isspace():
            entry += "\n" + line
            continue
        if entry is not None:
            yield entry
        entry = line
    if entry is not None:
        yield entry

# %% [markdown] course={"kind": "exercise", "id": "request-pipeline", "item": "x-create-a-generator-pipeline-for-data"}
# ### A lazy pipeline over an access log
#
# Each line of an access log reads `METHOD PATH STATUS MS`, e.g. `GET /orders 200 125`. Build a
# pipeline of three small generator functions:
#
# - `parse_requests(lines)` yields a `Request(method, path, status, ms)` (the `NamedTuple` below, the two
#   numbers as `int`) for each line. Blank lines and lines starting with `#` are skipped. A line that is
#   not four fields with two whole numbers raises `ValueError` whose message starts with
#   `line N:` (N counts from 1, blank and comment lines included), at the moment that line is reached:
#   the requests before it have already been yielded.
# - `slow(requests, limit_ms)` yields only the requests with `ms >= limit_ms`.
# - `slow_paths(lines, limit_ms)` chains the two and yields the `path` of each slow request.
#
# All three are generators: nothing is read before it is needed, so the first slow path of an endless
# stream arrives after reading up to the first slow line.
#
# ```python
# list(slow_paths(["GET / 200 3", "GET /orders 500 950"], 900))   # ['/orders']
# ```

# %% [markdown] course={"kind": "hint"}
# `for number, line in enumerate(lines, start=1):` gives the line number; `line.split()` the fields.

# %% [markdown] course={"kind": "hint"}
# `int("12x")` raises `ValueError`: catch it (and a wrong field count) and raise
# `ValueError(f"line {number}: ...")` from it. `slow` is one generator expression; `slow_paths` is
# `(r.path for r in slow(parse_requests(lines), limit_ms))`.

# %% course={"kind": "solution"}
from collections.abc import Iterable, Iterator
from typing import NamedTuple


class Request(NamedTuple):
    method: str
    path: str
    status: int
    ms: int


def parse_requests(lines: Iterable[str]) -> Iterator[Request]:
    ### BEGIN SOLUTION
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        try:
            method, path, status, ms = fields
            yield Request(method, path, int(status), int(ms))
        except ValueError as err:
            raise ValueError(f"line {number}: expected METHOD PATH STATUS MS, got {line.strip()!r}") from err
    ### END SOLUTION


def slow(requests: Iterable[Request], limit_ms: int) -> Iterator[Request]:
    ### BEGIN SOLUTION
    return (r for r in requests if r.ms >= limit_ms)
    ### END SOLUTION


def slow_paths(lines: Iterable[str], limit_ms: int) -> Iterator[str]:
    ### BEGIN SOLUTION
    return (r.path for r in slow(parse_requests(lines), limit_ms))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = list(itertools.islice(parse_requests(["GET /orders 200 125\n", "", "# comment", "POST /pay 503 40"]), 5))
assert got == [Request("GET", "/orders", 200, 125), Request("POST", "/pay", 503, 40)], f"got {got}"
assert all(type(r) is Request and type(r.status) is int and type(r.ms) is int for r in got), "Requests with int fields"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(parse_requests(["  GET   /a  200  0  ", "\t\n", "#GET /b 200 1"]), 5)) == [Request("GET", "/a", 200, 0)]
assert list(itertools.islice(parse_requests([]), 5)) == [] and list(itertools.islice(parse_requests(iter([" "])), 5)) == []
assert list(itertools.islice(parse_requests(["GET /é 200 7"]), 5)) == [Request("GET", "/é", 200, 7)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
gen = parse_requests(["GET /a 200 1", "# note", "GET /b two 5", "GET /c 200 1"])
assert next(gen) == Request("GET", "/a", 200, 1), "the good line before the bad one is yielded first"
try:
    next(gen)
except ValueError as err:
    assert str(err).startswith("line 3:"), f"the message must start with 'line 3:', got {str(err)!r}"
else:
    raise AssertionError("a line with a non-numeric status raises ValueError")
### BEGIN HIDDEN TESTS
for bad in ("GET /a 200", "GET /a 200 1 extra", "GET /a 200 1.5", "x"):
    try:
        list(itertools.islice(parse_requests(["", bad]), 5))
    except ValueError as err:
        assert str(err).startswith("line 2:"), f"{bad!r}: got {str(err)!r}"
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
reqs = [Request("GET", "/a", 200, 99), Request("GET", "/b", 200, 100), Request("GET", "/c", 200, 101)]
got = list(itertools.islice(slow(reqs, 100), 5))
assert got == reqs[1:], f"ms >= 100 is slow (100 included, 99 not), got {got}"
assert list(itertools.islice(slow_paths(["GET / 200 3", "GET /orders 500 950"], 900), 5)) == ["/orders"]
### BEGIN HIDDEN TESTS
assert list(itertools.islice(slow(reqs, 0), 5)) == reqs and list(itertools.islice(slow(reqs, 102), 5)) == []
assert list(itertools.islice(slow_paths(["GET /x 200 0"], 0), 5)) == ["/x"] and list(itertools.islice(slow_paths(["GET /x 200 5"], 6), 5)) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
log = Tap(itertools.cycle(["GET /a 200 5", "GET /b 200 7", "GET /slow 200 900"]), limit=3)
paths = slow_paths(log, 500)
assert inspect.isgenerator(paths), f"slow_paths must return a generator, got {type(paths).__name__}"
assert log.pulled == 0, "nothing is read before the first next()"
assert next(paths) == "/slow" and log.pulled == 3, f"the first slow path needs 3 lines, read {log.pulled}"
### BEGIN HIDDEN TESTS
assert inspect.isgenerator(slow(iter(reqs), 1)) and inspect.isgenerator(parse_requests([])), "every stage is a generator"
log.limit = 3003
assert list(itertools.islice(paths, 1000)) == ["/slow"] * 1000 and log.pulled == 3003
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "a-list-in-the-middle", "fails": ["t4"]}
from typing import NamedTuple


class Request(NamedTuple):
    method: str
    path: str
    status: int
    ms: int


def parse_requests(lines):
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        try:
            method, path, status, ms = fields
            yield Request(method, path, int(status), int(ms))
        except ValueError as err:
            raise ValueError(f"line {number}: bad line") from err


def slow(requests, limit_ms):
    return [r for r in requests if r.ms >= limit_ms]  # reads the whole stream here


def slow_paths(lines, limit_ms):
    return (r.path for r in slow(parse_requests(lines), limit_ms))

# %% course={"kind": "wrong", "id": "strictly-greater", "fails": ["t3"]}
from typing import NamedTuple


class Request(NamedTuple):
    method: str
    path: str
    status: int
    ms: int


def parse_requests(lines):
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        try:
            method, path, status, ms = fields
            yield Request(method, path, int(status), int(ms))
        except ValueError as err:
            raise ValueError(f"line {number}: bad line") from err


def slow(requests, limit_ms):
    return (r for r in requests if r.ms > limit_ms)


def slow_paths(lines, limit_ms):
    return (r.path for r in slow(parse_requests(lines), limit_ms))

# %% course={"kind": "wrong", "id": "counts-only-data-lines", "fails": ["t2"]}
from typing import NamedTuple


class Request(NamedTuple):
    method: str
    path: str
    status: int
    ms: int


def parse_requests(lines):
    number = 0
    for line in lines:
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        number += 1  # skipped lines are not counted, so editors jump to the wrong line
        try:
            method, path, status, ms = fields
            yield Request(method, path, int(status), int(ms))
        except ValueError as err:
            raise ValueError(f"line {number}: bad line") from err


def slow(requests, limit_ms):
    return (r for r in requests if r.ms >= limit_ms)


def slow_paths(lines, limit_ms):
    return (r.path for r in slow(parse_requests(lines), limit_ms))

# %% [markdown] course={"kind": "exercise", "id": "flatten", "item": "x-use-yield-from-to-flatten-nested"}
# ### Flatten nested data with `yield from`
#
# Inventory exports nest hosts in groups in regions, as lists, tuples, sets or generators, to any depth.
# Write the generator function `flatten(items)` that yields the leaves, depth first, in order:
#
# - every iterable inside is flattened, **except** `str` and `bytes`, which are leaves (a string is
#   iterable, and each of its characters is a string again: recursing into it never ends);
# - anything that is not iterable (numbers, `None`, ...) is a leaf;
# - it is lazy: nested generators, even endless ones, are pulled only as far as the caller reads.
#
# Use recursion and `yield from`.
#
# ```python
# list(flatten(["web-1", ["web-2", ("db-1", [])], 0]))   # ['web-1', 'web-2', 'db-1', 0]
# ```

# %% [markdown] course={"kind": "hint"}
# `isinstance(x, collections.abc.Iterable)` tells whether `x` can be looped over.

# %% [markdown] course={"kind": "hint"}
# For each item: if it is a `str`/`bytes` or not iterable, `yield` it; otherwise `yield from flatten(item)`.

# %% course={"kind": "solution"}
from collections.abc import Iterable, Iterator
from typing import Any


def flatten(items: Iterable[Any]) -> Iterator[Any]:
    ### BEGIN SOLUTION
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
            yield item
        else:
            yield from flatten(item)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = list(itertools.islice(flatten(["web-1", ["web-2", ("db-1", [])], 0]), 10))
assert got == ["web-1", "web-2", "db-1", 0], f"got {got}"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(flatten([[[[1]]], [2, [3, [4, [5]]]]]), 10)) == [1, 2, 3, 4, 5], "any depth"
assert list(itertools.islice(flatten([]), 5)) == [] and list(itertools.islice(flatten(iter([[], [[]], ()])), 5)) == []
assert list(itertools.islice(flatten([None, 0, "", b"", False, 0.0]), 10)) == [None, 0, "", b"", False, 0.0], "falsy leaves are kept"
assert list(itertools.islice(flatten(("a", {"b"}, (x for x in "cd"), range(2))), 10)) == ["a", "b", "c", "d", 0, 1]
deep = 1
for _ in range(100):
    deep = [deep]
assert list(itertools.islice(flatten([deep, 2]), 5)) == [1, 2], "100 levels deep"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
got = list(itertools.islice(flatten(["ab", [b"cd", ["éf"]]]), 10))
assert got == ["ab", b"cd", "éf"], f"str and bytes are leaves, got {got}"

# %% course={"kind": "test", "points": 2}
gen = flatten([[1, 2], [3]])
assert inspect.isgenerator(gen), f"flatten must be a generator function, it returned a {type(gen).__name__}"
endless = Tap(itertools.count(), limit=3)
got = list(itertools.islice(flatten(["start", [endless]]), 4))
assert got == ["start", 0, 1, 2] and endless.pulled == 3, f"an endless stream inside is read only as far as needed, got {got}"
nested = 1
for _ in range(10):
    nested = [nested]
_, depth = recursion_depth(lambda: next(flatten([nested])))
assert depth >= 10, f"flatten must recurse (yield from flatten(item)) into each level: the input is 11 lists deep, your calls nested {depth} deep"
### BEGIN HIDDEN TESTS
outer = Tap([[1], Tap([2, [3]], limit=2), [4]], limit=2)
gen = flatten(outer)
assert outer.pulled == 0 and next(gen) == 1 and outer.pulled == 1
assert next(gen) == 2 and outer.pulled == 2
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "recurses-into-strings", "fails": ["t1", "t2", "t3"]}
from collections.abc import Iterable


def flatten(items):
    for item in items:
        if isinstance(item, Iterable):  # "ab" -> "a" -> "a" -> ... RecursionError
            yield from flatten(item)
        else:
            yield item

# %% course={"kind": "wrong", "id": "builds-a-list", "fails": ["t3"]}
from collections.abc import Iterable


def flatten(items):
    result = []
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
            result.append(item)
        else:
            result.extend(flatten(item))
    return result

# %% course={"kind": "wrong", "id": "yield-without-from", "fails": ["t1", "t2", "t3"]}
from collections.abc import Iterable


def flatten(items):
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
            yield item
        else:
            yield flatten(item)  # hands out a generator object instead of its items

# %% course={"kind": "wrong", "id": "only-lists", "fails": ["t1", "t3"]}
def flatten(items):
    for item in items:
        if isinstance(item, list):  # tuples, sets and generators stay nested
            yield from flatten(item)
        else:
            yield item

# %% course={"kind": "wrong", "id": "no-recursion", "fails": ["t3"]}
from collections.abc import Iterable


def flatten(items):  # right items, but a hand-made stack instead of recursion with yield from
    stack = [iter(items)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
                yield item
            else:
                stack.append(iter(item))
                break
        else:
            stack.pop()

# %% [markdown] course={"kind": "exercise", "id": "replayable", "item": "x-implement-lazy-evaluation-for-expensive"}
# ### Compute once, replay many times (lazy evaluation)
#
# Each item of a report costs an expensive call (a query, an API page, a model inference) and comes
# from a one-shot iterator. Several parts of the program loop over the results, some only over the
# first few. Write the class `Replayable(source)`:
#
# - creating it pulls **nothing** from `source`;
# - `iter(r)` returns a new, independent iterator every time (a generator is fine): it first replays
#   the items already fetched, then pulls new ones from `source` only when it needs them;
# - every item is pulled from `source` **at most once**, however many loops there are (they may be
#   interleaved or nested), and once `source` has run dry it is never asked again.
#
# ```python
# r = Replayable(x * x for x in range(3))
# list(r), list(r)          # ([0, 1, 4], [0, 1, 4])   -- the generator itself would give [] the second time
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a list of the items fetched so far and a flag "the source is exhausted". Each iterator only
# needs its own index into that list.

# %% [markdown] course={"kind": "hint"}
# In the generator `__iter__`: while the index is inside the cache, yield from the cache; at its end,
# if the source is done, `return`; otherwise `next(self._source)` (catch `StopIteration`: set the flag
# and return), append it, yield it.

# %% course={"kind": "solution"}
from collections.abc import Iterable, Iterator
from typing import Any


class Replayable:
    """An iterable over a one-shot source, fetching each item once, only when first needed."""

    def __init__(self, source: Iterable[Any]) -> None:
        ### BEGIN SOLUTION
        self._source = iter(source)
        self._cache: list[Any] = []
        self._done = False
        ### END SOLUTION

    def __iter__(self) -> Iterator[Any]:
        ### BEGIN SOLUTION
        index = 0
        while True:
            if index == len(self._cache):
                if self._done:
                    return
                try:
                    self._cache.append(next(self._source))
                except StopIteration:
                    self._done = True
                    return
            yield self._cache[index]
            index += 1
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
r = Replayable(x * x for x in range(3))
assert list(itertools.islice(r, 10)) == [0, 1, 4], "the items, in order"
assert list(itertools.islice(r, 10)) == [0, 1, 4], "a second loop replays them"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(Replayable([]), 5)) == [] and list(itertools.islice(Replayable(iter(())), 5)) == []
falsy = Replayable(iter([0, None, "", False]))
assert list(itertools.islice(falsy, 9)) == [0, None, "", False] and list(itertools.islice(falsy, 9)) == [0, None, "", False]
pairs = Replayable(iter("ab"))
assert [(x, y) for x in itertools.islice(pairs, 5) for y in itertools.islice(pairs, 5)] == [("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
calls = []


def expensive(n):
    calls.append(n)
    return n * 10


r = Replayable(map(expensive, Tap(itertools.count(), limit=5)))
assert calls == [], "creating a Replayable computes nothing"
assert next(iter(r)) == 0 and calls == [0], f"the first item costs one call, made {calls}"
assert list(itertools.islice(r, 3)) == [0, 10, 20] and calls == [0, 1, 2], f"each item is computed once, calls: {calls}"
### BEGIN HIDDEN TESTS
a, b = iter(r), iter(r)
assert [next(a), next(a), next(a), next(a)] == [0, 10, 20, 30] and calls == [0, 1, 2, 3]
assert [next(b), next(b), next(b), next(b), next(b)] == [0, 10, 20, 30, 40] and calls == [0, 1, 2, 3, 4]
assert next(a) == 40 and calls == [0, 1, 2, 3, 4], "the other iterator gets item 5 from the cache"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
pages = Tap(["p1", "p2"])  # a paginated API: counts the pages taken and the calls that said "no more"
r = Replayable(pages)
assert list(itertools.islice(r, 9)) == ["p1", "p2"] and (pages.pulled, pages.ends) == (2, 1), f"two pages and one 'no more': {pages}"
assert list(itertools.islice(r, 9)) == ["p1", "p2"] and pages.ends == 1, f"an exhausted source is never asked again: {pages}"
### BEGIN HIDDEN TESTS
it = iter(r)
assert next(it, "end") == "p1" and next(it, "end") == "p2" and next(it, "end") == "end" and next(it, "end") == "end"
assert (pages.pulled, pages.ends) == (2, 1)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reads-the-source-up-front", "fails": ["t2"]}
class Replayable:
    def __init__(self, source):
        self._items = list(source)  # every expensive call happens here, and an endless source never ends

    def __iter__(self):
        return iter(self._items)

# %% course={"kind": "wrong", "id": "no-cache", "fails": ["t1", "t2", "t3"]}
class Replayable:
    def __init__(self, source):
        self._source = iter(source)

    def __iter__(self):
        yield from self._source  # the second loop finds the source used up

# %% course={"kind": "wrong", "id": "asks-a-dry-source-again", "fails": ["t3"]}
class Replayable:
    def __init__(self, source):
        self._source = iter(source)
        self._cache = []

    def __iter__(self):
        index = 0
        while True:
            if index == len(self._cache):
                try:
                    self._cache.append(next(self._source))  # asks the API again on every loop
                except StopIteration:
                    return
            yield self._cache[index]
            index += 1

# %% course={"kind": "wrong", "id": "tee-asks-a-dry-source-again", "fails": ["t3"]}
import itertools


class Replayable:
    def __init__(self, source):
        self._source = iter(source)

    def __iter__(self):
        self._source, mine = itertools.tee(self._source)  # each copy asks the source again at its end
        return mine

# %% [markdown] course={"kind": "exercise", "id": "canary-risk", "item": "dsa-iterables-and-iterators"}
# ### Problem: Will the canary hit a broken node? (after HackerRank's *Iterables and Iterators*)
#
# A string describes a pool of nodes, one character each: `"d"` is a node that is down, any other
# character a healthy one. A canary release picks `k` **different** nodes, every set of `k` nodes
# equally likely. Write `canary_risk(nodes, k)` returning the probability that at least one chosen
# node is down, as an exact `fractions.Fraction`. `k` must be between `0` and `len(nodes)` (both
# included), otherwise `ValueError`. Count the cases with `itertools` (`math.comb` gives a formula
# too, but here the point is the counting).
#
# ```python
# canary_risk("uudu", 2)   # Fraction(1, 2): 3 of the 6 pairs contain the broken node
# ```

# %% [markdown] course={"kind": "hint"}
# `itertools.combinations(range(len(nodes)), k)` gives every set of `k` positions exactly once.

# %% [markdown] course={"kind": "hint"}
# Count the sets where `any(nodes[i] == "d" for i in chosen)`, and divide by the number of sets with
# `Fraction(hits, total)`. With `k == 0` there is one (empty) set and it holds no broken node.

# %% course={"kind": "solution"}
from fractions import Fraction
from itertools import combinations


def canary_risk(nodes: str, k: int) -> Fraction:
    ### BEGIN SOLUTION
    if not 0 <= k <= len(nodes):
        raise ValueError(f"k must be between 0 and {len(nodes)}, got {k}")
    total = hits = 0
    for chosen in combinations(range(len(nodes)), k):
        total += 1
        hits += any(nodes[i] == "d" for i in chosen)
    return Fraction(hits, total)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = canary_risk("uudu", 2)
assert got == Fraction(1, 2) and type(got) is Fraction, f"expected Fraction(1, 2), got {got!r}"
### BEGIN HIDDEN TESTS
assert canary_risk("uddu", 2) == Fraction(5, 6), "two broken nodes: only the pair of healthy ones misses"
assert canary_risk("ududu", 3) == Fraction(9, 10)
assert canary_risk("dddd", 1) == 1 and canary_risk("uuuu", 4) == 0 and canary_risk("uuud", 4) == 1
assert canary_risk("duuuuuuuuuuu", 1) == Fraction(1, 12) and canary_risk("duuuuuuuuuuu", 11) == Fraction(11, 12)
assert canary_risk("DuU", 2) == 0, "only a lowercase d is down"
assert all(type(canary_risk(s, k)) is Fraction for s, k in (("d", 1), ("u", 1), ("", 0), ("ud", 0)))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert canary_risk("ddd", 0) == 0 and canary_risk("", 0) == 0, "choosing no node never hits a broken one"
for nodes, k in (("ud", 3), ("ud", -1), ("", 1)):
    try:
        canary_risk(nodes, k)
    except ValueError:
        pass
    else:
        raise AssertionError(f"canary_risk({nodes!r}, {k}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert canary_risk("ud", 2) == 1 and canary_risk("ud", 0) == 0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "exactly-one", "fails": ["t1"]}
from fractions import Fraction
from itertools import combinations


def canary_risk(nodes, k):
    if not 0 <= k <= len(nodes):
        raise ValueError("bad k")
    sets = list(combinations(range(len(nodes)), k))
    hits = sum(1 for chosen in sets if sum(nodes[i] == "d" for i in chosen) == 1)  # "exactly one", not "at least one"
    return Fraction(hits, len(sets))

# %% course={"kind": "wrong", "id": "float-result", "fails": ["t1"]}
from fractions import Fraction
from itertools import combinations


def canary_risk(nodes, k):
    if not 0 <= k <= len(nodes):
        raise ValueError("bad k")
    sets = list(combinations(range(len(nodes)), k))
    return sum(1 for chosen in sets if any(nodes[i] == "d" for i in chosen)) / len(sets)

# %% course={"kind": "wrong", "id": "with-replacement", "fails": ["t1", "t2"]}
from fractions import Fraction
from itertools import combinations_with_replacement


def canary_risk(nodes, k):
    if not 0 <= k <= len(nodes):
        raise ValueError("bad k")
    sets = list(combinations_with_replacement(range(len(nodes)), k))  # picks the same node twice
    return Fraction(sum(1 for chosen in sets if any(nodes[i] == "d" for i in chosen)), len(sets))

# %% course={"kind": "wrong", "id": "k-zero-rejected", "fails": ["t1", "t2"]}
from fractions import Fraction
from itertools import combinations


def canary_risk(nodes, k):
    if not 0 < k <= len(nodes):
        raise ValueError("bad k")
    sets = list(combinations(range(len(nodes)), k))
    return Fraction(sum(1 for chosen in sets if any(nodes[i] == "d" for i in chosen)), len(sets))

# %% [markdown] course={"kind": "exercise", "id": "nested-iterator", "item": "dsa-flatten-nested-list-iterator"}
# ### Problem: Walk nested lists with an iterator (after LeetCode 341, *Flatten Nested List Iterator*)
#
# A rack layout is a list whose items are ints (server ids) or lists of the same kind, to any depth.
# Write the iterator class `NestedIterator(nested)`:
#
# - `next(it)` returns the ints in order, depth first; then `StopIteration`, on every later call too;
#   `iter(it)` returns `it`;
# - `it.has_next()` returns `True` or `False` (a `bool`): whether another int is coming. Empty lists,
#   even nested ones, hold no int: `NestedIterator([[], [[]]]).has_next()` is `False`;
# - it is lazy: it does not copy or walk the structure up front, and opens a sub-list only when it
#   gets there (a stack of iterators does that; a flattened copy does not).
#
# ```python
# list(NestedIterator([1, [2, [3]], [], 4]))   # [1, 2, 3, 4]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a stack of iterators, starting with `[iter(nested)]`, and a one-item look-ahead buffer.
# `has_next()` does the work: it fills the buffer if it is empty; `__next__` only hands it out.

# %% [markdown] course={"kind": "hint"}
# In `has_next()`: while the buffer is empty and the stack is not, pull from the top iterator; when it
# is exhausted pop it; a list gets pushed as `iter(item)`; an int goes into the buffer. Beware: `0`
# is an int, so test the buffer for emptiness, not the value for truth.

# %% course={"kind": "solution"}
from typing import Any


class NestedIterator:
    def __init__(self, nested: list[Any]) -> None:
        ### BEGIN SOLUTION
        self._stack = [iter(nested)]
        self._ahead: list[int] = []
        ### END SOLUTION

    def has_next(self) -> bool:
        ### BEGIN SOLUTION
        while not self._ahead and self._stack:
            try:
                item = next(self._stack[-1])
            except StopIteration:
                self._stack.pop()
                continue
            if isinstance(item, list):
                self._stack.append(iter(item))
            else:
                self._ahead.append(item)
        return bool(self._ahead)
        ### END SOLUTION

    def __iter__(self) -> "NestedIterator":
        ### BEGIN SOLUTION
        return self
        ### END SOLUTION

    def __next__(self) -> int:
        ### BEGIN SOLUTION
        if not self.has_next():
            raise StopIteration
        return self._ahead.pop()
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
it = NestedIterator([1, [2, [3]], [], 4])
assert iter(it) is it, "iter() of the iterator is itself"
got = list(itertools.islice(it, 10))
assert got == [1, 2, 3, 4], f"got {got}"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(NestedIterator([[[[7]]], 0, [-1, [0]]]), 10)) == [7, 0, -1, 0], "zeros and negatives are ints too"
assert list(itertools.islice(NestedIterator([]), 5)) == [] and list(itertools.islice(NestedIterator([[], [[], [[]]]]), 5)) == []
assert list(itertools.islice(NestedIterator([[1, 1], [1]]), 5)) == [1, 1, 1]
done = NestedIterator([5])
assert next(done) == 5
for _ in range(2):
    try:
        next(done)
    except StopIteration:
        pass
    else:
        raise AssertionError("an exhausted NestedIterator keeps raising StopIteration")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
it = NestedIterator([[], [[]], 0, [[]]])
assert it.has_next() is True, "0 is coming"
assert it.has_next() is True and next(it) == 0, "asking twice does not skip it"
assert it.has_next() is False, "only empty lists are left: has_next() must say False"
### BEGIN HIDDEN TESTS
assert NestedIterator([[], [[]]]).has_next() is False and NestedIterator([]).has_next() is False
it = NestedIterator([1, [2]])
assert [it.has_next(), next(it), next(it), it.has_next(), it.has_next()] == [True, 1, 2, False, False]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
opened = []


class Rack(list):
    """A list that records when anybody looks inside it."""

    def __init__(self, name, items):
        super().__init__(items)
        self.name = name

    def _seen(self):
        if self.name not in opened:
            opened.append(self.name)

    def __iter__(self):
        self._seen()
        return super().__iter__()

    def __getitem__(self, index):
        self._seen()
        return super().__getitem__(index)

    def __len__(self):
        self._seen()
        return super().__len__()

    def __reversed__(self):
        self._seen()
        return super().__reversed__()


layout = [1, Rack("r1", [2, 3]), Rack("r2", [4, Rack("r3", [5])])]
it = NestedIterator(layout)
assert next(it) == 1 and opened == [], f"only the outer list is read for the first int, opened {opened}"
assert next(it) == 2 and opened == ["r1"], f"opened {opened}"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(it, 5)) == [3, 4, 5] and opened == ["r1", "r2", "r3"]
assert layout[1] == [2, 3] and list.__len__(layout) == 3, "the input is not changed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "flattens-up-front", "fails": ["t3"]}
class NestedIterator:
    def __init__(self, nested):
        self._items = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    self._items.append(item)

        walk(nested)  # copies the whole structure before the first next()
        self._pos = 0

    def has_next(self):
        return self._pos < len(self._items)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.has_next():
            raise StopIteration
        self._pos += 1
        return self._items[self._pos - 1]

# %% course={"kind": "wrong", "id": "stack-not-empty-means-more", "fails": ["t2"]}
class NestedIterator:
    def __init__(self, nested):
        self._stack = [iter(nested)]

    def has_next(self):
        return bool(self._stack)  # [[]] still has an iterator on the stack, but no int

    def __iter__(self):
        return self

    def __next__(self):
        while self._stack:
            try:
                item = next(self._stack[-1])
            except StopIteration:
                self._stack.pop()
                continue
            if isinstance(item, list):
                self._stack.append(iter(item))
            else:
                return item
        raise StopIteration

# %% course={"kind": "wrong", "id": "zero-means-nothing-ahead", "fails": ["t1", "t2"]}
class NestedIterator:
    def __init__(self, nested):
        self._stack = [iter(nested)]
        self._ahead = None

    def has_next(self):
        while not self._ahead and self._stack:  # 0 looks like "nothing buffered"
            try:
                item = next(self._stack[-1])
            except StopIteration:
                self._stack.pop()
                continue
            if isinstance(item, list):
                self._stack.append(iter(item))
            else:
                self._ahead = item
        return bool(self._ahead)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.has_next():
            raise StopIteration
        item, self._ahead = self._ahead, None
        return item

# %% [markdown] course={"kind": "exercise", "id": "peekable", "item": "dsa-peeking-iterator"}
# ### Problem: Look before you pull (after LeetCode 284, *Peeking Iterator*)
#
# A parser often needs to see the next token before deciding what to do with it. Write
# `Peekable(iterable)`, an iterator with:
#
# - `p.peek()`: the next item, **without** consuming it (asking again gives the same item). When nothing
#   is left, `p.peek(default)` returns `default`, and `p.peek()` without a default raises `StopIteration`;
# - `next(p)`: the next item (the peeked one, if any), then `StopIteration` when done; `iter(p)` is `p`;
# - `p.has_next()`: `True` or `False`.
#
# Items can be anything, `None` included. It pulls lazily: nothing in `__init__`, at most one item
# for a `peek()`, and never more than one item ahead.
#
# ```python
# p = Peekable(["BEGIN", "x=1", "END"])
# p.peek(), next(p), next(p), p.peek()    # ('BEGIN', 'BEGIN', 'x=1', 'END')
# ```

# %% [markdown] course={"kind": "hint"}
# Store the peeked item in a one-slot buffer, e.g. a list that holds zero or one item: `None` cannot
# mean "empty", because `None` can be an item.

# %% [markdown] course={"kind": "hint"}
# `peek`: if the buffer is empty, `next(self._it)` into it (on `StopIteration`: return the default if one
# was given, else re-raise). To tell "no default" from `default=None`, compare with a private
# `_MISSING = object()`. `__next__`: pop the buffer if it holds an item, else `next(self._it)`.

# %% course={"kind": "solution"}
from collections.abc import Iterable
from typing import Any

_MISSING = object()


class Peekable:
    def __init__(self, iterable: Iterable[Any]) -> None:
        ### BEGIN SOLUTION
        self._it = iter(iterable)
        self._buffer: list[Any] = []
        ### END SOLUTION

    def peek(self, default: Any = _MISSING) -> Any:
        ### BEGIN SOLUTION
        if not self._buffer:
            try:
                self._buffer.append(next(self._it))
            except StopIteration:
                if default is _MISSING:
                    raise
                return default
        return self._buffer[0]
        ### END SOLUTION

    def has_next(self) -> bool:
        ### BEGIN SOLUTION
        end = object()
        return self.peek(end) is not end
        ### END SOLUTION

    def __iter__(self) -> "Peekable":
        ### BEGIN SOLUTION
        return self
        ### END SOLUTION

    def __next__(self) -> Any:
        ### BEGIN SOLUTION
        if self._buffer:
            return self._buffer.pop()
        return next(self._it)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
p = Peekable(["BEGIN", "x=1", "END"])
assert p.peek() == "BEGIN" and p.peek() == "BEGIN", "peek() twice gives the same item"
assert next(p) == "BEGIN" and next(p) == "x=1" and p.peek() == "END" and next(p) == "END", "next() hands out the peeked item"
assert iter(p) is p and p.has_next() is False, "done: has_next() is False"
### BEGIN HIDDEN TESTS
p = Peekable("ab")
assert p.has_next() is True and p.peek() == "a" and list(itertools.islice(p, 5)) == ["a", "b"], "a loop starts with the peeked item"
try:
    next(p)
except StopIteration:
    pass
else:
    raise AssertionError("next() on an exhausted Peekable raises StopIteration")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
p = Peekable([None, 0, "", False])
assert p.peek("end") is None and p.has_next() is True, "None is an item, not 'nothing left'"
assert [next(p), next(p), p.peek("end"), next(p), next(p)] == [None, 0, "", "", False], "falsy items are items"
assert p.peek("end") == "end" and p.has_next() is False
### BEGIN HIDDEN TESTS
assert p.peek(None) is None and p.peek(0) == 0, "a falsy default is returned too"
try:
    p.peek()
except StopIteration:
    pass
else:
    raise AssertionError("peek() without a default raises StopIteration when nothing is left")
empty = Peekable(iter(()))
assert empty.has_next() is False and empty.peek(42) == 42 and list(itertools.islice(empty, 5)) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tap = Tap(itertools.count(), limit=1)
p = Peekable(tap)
assert tap.pulled == 0, "creating a Peekable pulls nothing"
assert p.peek() == 0 and p.peek() == 0 and p.has_next() is True and tap.pulled == 1, f"peeks pull one item, pulled {tap.pulled}"
assert next(p) == 0 and tap.pulled == 1, "next() after peek() pulls nothing new"
### BEGIN HIDDEN TESTS
tap.limit = 3
assert next(p) == 1 and tap.pulled == 2 and p.peek() == 2 and tap.pulled == 3
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "none-means-empty", "fails": ["t2"]}
class Peekable:
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._peeked = None  # but None can be an item

    def peek(self, *default):
        if self._peeked is None:
            try:
                self._peeked = next(self._it)
            except StopIteration:
                if default:
                    return default[0]
                raise
        return self._peeked

    def has_next(self):
        return self.peek(None) is not None

    def __iter__(self):
        return self

    def __next__(self):
        if self._peeked is not None:
            item, self._peeked = self._peeked, None
            return item
        return next(self._it)

# %% course={"kind": "wrong", "id": "looks-ahead-in-init", "fails": ["t3"]}
_END = object()


class Peekable:
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._next = next(self._it, _END)  # pulls before anybody asked

    def peek(self, *default):
        if self._next is _END:
            if default:
                return default[0]
            raise StopIteration
        return self._next

    def has_next(self):
        return self._next is not _END

    def __iter__(self):
        return self

    def __next__(self):
        if self._next is _END:
            raise StopIteration
        item, self._next = self._next, next(self._it, _END)
        return item

# %% course={"kind": "wrong", "id": "peek-consumes", "fails": ["t1", "t2", "t3"]}
class Peekable:
    def __init__(self, iterable):
        self._it = iter(iterable)

    def peek(self, *default):
        try:
            return next(self._it)  # the item is gone after peeking
        except StopIteration:
            if default:
                return default[0]
            raise

    def has_next(self):
        marker = object()
        return self.peek(marker) is not marker

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

# %% course={"kind": "wrong", "id": "none-as-no-default", "fails": ["t2"]}
class Peekable:
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._buffer = []

    def peek(self, default=None):  # peek(None) and peek() look the same: None cannot be a default
        if not self._buffer:
            try:
                self._buffer.append(next(self._it))
            except StopIteration:
                if default is None:
                    raise
                return default
        return self._buffer[0]

    def has_next(self):
        end = object()
        return self.peek(end) is not end

    def __iter__(self):
        return self

    def __next__(self):
        if self._buffer:
            return self._buffer.pop()
        return next(self._it)

# %% [markdown] course={"kind": "exercise", "id": "usage-meter"}
# ### A usage meter driven by `send`, `throw` and `close`
#
# A billing agent keeps a running total of the CPU-seconds a tenant used. Write the generator function
# `usage_meter(log)` (`log` is a list it reports to):
#
# - primed with `next(m)`, it yields the total so far, `0`;
# - `m.send(n)` adds the `int` `n` (which may be `0`) and yields the new total;
# - `m.throw(Reset())` sets the total back to `0` and yields `0`; any other exception thrown in ends
#   the meter and comes back out of `throw`;
# - `m.send(None)` (or `next(m)`) ends the meter: it **returns** the final total (the caller sees it as
#   `StopIteration.value`);
# - whenever the meter ends, for whatever reason (`send(None)`, another exception, `m.close()`), it
#   appends `f"final {total}"` to `log`, exactly once; nothing is logged while it runs.
#
# ```python
# log = []; m = usage_meter(log); next(m)      # 0
# m.send(5), m.send(7), m.throw(Reset())       # (5, 12, 0)
# m.send(3); m.close(); log                    # ['final 3']
# ```

# %% [markdown] course={"kind": "hint"}
# The shape is `amount = yield total` inside `while True`, with `try/except Reset` around the `yield`,
# and the whole loop inside `try/finally`.

# %% [markdown] course={"kind": "hint"}
# Test `amount is None` (not `not amount`, `0` is a real amount) and `return total`. The `finally`
# block appends to `log`; it runs on `return`, on an exception and on `close()` (`GeneratorExit`).
# Never `yield` in the `finally` block.

# %% course={"kind": "solution"}
from collections.abc import Generator


class Reset(Exception):
    """Thrown into a usage meter to set it back to zero."""


def usage_meter(log: list[str]) -> Generator[int, int | None, int]:
    ### BEGIN SOLUTION
    total = 0
    try:
        while True:
            try:
                amount = yield total
            except Reset:
                total = 0
                continue
            if amount is None:
                return total
            total += amount
    finally:
        log.append(f"final {total}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
log = []
m = usage_meter(log)
assert inspect.isgenerator(m), f"usage_meter must be a generator function, it returned a {type(m).__name__}"
first = next(m)
assert first == 0 and type(first) is int, f"priming yields 0, got {first!r}"
assert [m.send(5), m.send(0), m.send(7)] == [5, 5, 12], "send() adds and yields the total; 0 is an amount, not the end"
assert log == [], "nothing is logged while the meter runs"
### BEGIN HIDDEN TESTS
assert m.send(-2) == 10 and m.send(10**12) == 10**12 + 10
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
log = []
m = usage_meter(log)
next(m)
m.send(9)
assert m.throw(Reset()) == 0 and m.send(3) == 3, "throw(Reset()) starts again from 0"
try:
    m.throw(KeyError("tenant"))
except KeyError:
    pass
else:
    raise AssertionError("any other exception ends the meter and comes back out of throw()")
assert log == ["final 3"], f"the meter logs its total when it ends, got {log}"
### BEGIN HIDDEN TESTS
assert next(m, "ended") == "ended" and log == ["final 3"]
log = []
m = usage_meter(log)
next(m)
assert m.throw(Reset) == 0 and m.throw(Reset()) == 0 and m.send(1) == 1 and log == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
log = []
m = usage_meter(log)
next(m)
m.send(4)
m.close()
assert log == ["final 4"], f"close() must run the cleanup, log is {log}"
m.close()
assert log == ["final 4"] and next(m, "closed") == "closed", "closing twice logs once"
### BEGIN HIDDEN TESTS
log = []
m = usage_meter(log)
next(m)
m.send(6)
try:
    m.send(None)
except StopIteration as stop:
    assert stop.value == 6 and type(stop.value) is int, f"send(None) returns the total, got {stop.value!r}"
else:
    raise AssertionError("send(None) ends the meter")
assert log == ["final 6"]
log = []
m = usage_meter(log)
next(m)
try:
    next(m)
except StopIteration as stop:
    assert stop.value == 0 and log == ["final 0"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zero-ends-the-meter", "fails": ["t1"]}
class Reset(Exception):
    pass


def usage_meter(log):
    total = 0
    try:
        while True:
            try:
                amount = yield total
            except Reset:
                total = 0
                continue
            if not amount:  # send(0) ends it too
                return total
            total += amount
    finally:
        log.append(f"final {total}")

# %% course={"kind": "wrong", "id": "logs-only-on-return", "fails": ["t2", "t3"]}
class Reset(Exception):
    pass


def usage_meter(log):
    total = 0
    while True:
        try:
            amount = yield total
        except Reset:
            total = 0
            continue
        if amount is None:
            log.append(f"final {total}")  # close() and other exceptions skip this
            return total
        total += amount

# %% course={"kind": "wrong", "id": "ignores-generator-exit", "fails": ["t2", "t3"]}
class Reset(Exception):
    pass


def usage_meter(log):
    total = 0
    while True:
        try:
            amount = yield total
        except Reset:
            total = 0
            continue
        except GeneratorExit:  # logs, then yields again: close() raises RuntimeError
            log.append(f"final {total}")
            continue
        if amount is None:
            log.append(f"final {total}")
            return total
        total += amount

# %% course={"kind": "wrong", "id": "resets-on-any-exception", "fails": ["t2"]}
class Reset(Exception):
    pass


def usage_meter(log):
    total = 0
    try:
        while True:
            try:
                amount = yield total
            except Exception:  # a KeyError resets instead of ending the meter
                total = 0
                continue
            if amount is None:
                return total
            total += amount
    finally:
        log.append(f"final {total}")

# %% [markdown] course={"kind": "exercise", "id": "latency-groups"}
# ### Delegate with `yield from` and collect what the sub-generator returns
#
# `summary()` (given) is a small coroutine: prime it, `send()` it latencies, and `send(None)` makes it
# **return** `(count, total_ms)`. Write the generator `by_service(results)` that groups a stream of
# messages, using `yield from summary()` for each group:
#
# - after priming, the caller sends a service **name**, then that service's latencies, then `None` to
#   close the group; `results[name]` is then the `(count, total_ms)` that `summary()` returned (a name
#   sent again replaces its old entry);
# - sending `None` where a name is expected ends `by_service`; it returns how many groups it recorded.
#
# The point is the delegation: `yield from` forwards each `send()` to `summary()` and hands you its
# return value. Do not rewrite the counting yourself (a test swaps in another `summary`).
#
# ```python
# results = {}; g = by_service(results); next(g)
# for msg in ["api", 120, 80, None, "db", None]:
#     g.send(msg)
# results          # {'api': (2, 200), 'db': (0, 0)}
# ```

# %% [markdown] course={"kind": "hint"}
# One loop: receive a name with `name = yield`; if it is `None`, return the count; otherwise
# `results[name] = yield from summary()`.

# %% course={"kind": "solution"}
from collections.abc import Generator
from typing import Any


def summary() -> Generator[None, float | None, tuple[int, float]]:
    count, total = 0, 0
    while True:
        value = yield
        if value is None:
            return count, total
        count += 1
        total += value


def by_service(results: dict[str, Any]) -> Generator[None, Any, int]:
    ### BEGIN SOLUTION
    groups = 0
    while True:
        name = yield
        if name is None:
            return groups
        results[name] = yield from summary()
        groups += 1
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
results = {}
g = by_service(results)
assert inspect.isgenerator(g), f"by_service must be a generator function, got {type(g).__name__}"
next(g)
for msg in ["api", 120, 80, None, "db", None]:
    g.send(msg)
assert results == {"api": (2, 200), "db": (0, 0)}, f"got {results}"
### BEGIN HIDDEN TESTS
for msg in ["api", 5, None, "", 0, 0, None]:
    g.send(msg)
assert results == {"api": (1, 5), "db": (0, 0), "": (2, 0)}, f"a name sent again replaces its entry; '' is a name; got {results}"
assert all(type(v) is tuple for v in results.values())
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
results = {}
g = by_service(results)
next(g)
for msg in ["api", 1, None, "api", 2, 3, None, "db", None]:
    g.send(msg)
try:
    g.send(None)
except StopIteration as stop:
    assert stop.value == 3, f"by_service returns how many groups it recorded: 3, got {stop.value!r}"
else:
    raise AssertionError("None instead of a name ends by_service")
### BEGIN HIDDEN TESTS
g = by_service({})
next(g)
try:
    g.send(None)
except StopIteration as stop:
    assert stop.value == 0 and type(stop.value) is int
else:
    raise AssertionError("None instead of a name ends by_service")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
real_summary = summary
seen = []


def summary():  # a stand-in: by_service must delegate, not count by itself
    while (value := (yield)) is not None:
        seen.append(value)
    return "from the sub-generator"


try:
    results = {}
    g = by_service(results)
    next(g)
    for msg in ["api", 7, None]:
        g.send(msg)
    assert results == {"api": "from the sub-generator"} and seen == [7], f"use yield from summary(): results {results}, seen {seen}"
finally:
    summary = real_summary

# %% course={"kind": "wrong", "id": "for-loop-instead-of-yield-from", "fails": ["t1", "t2", "t3"]}
def summary():
    count, total = 0, 0
    while True:
        value = yield
        if value is None:
            return count, total
        count += 1
        total += value


def by_service(results):
    groups = 0
    while True:
        name = yield
        if name is None:
            return groups
        for item in summary():  # send() goes to this yield, not to summary(); its return value is lost
            yield item
        groups += 1

# %% course={"kind": "wrong", "id": "yield-without-from", "fails": ["t1", "t2", "t3"]}
def summary():
    count, total = 0, 0
    while True:
        value = yield
        if value is None:
            return count, total
        count += 1
        total += value


def by_service(results):
    groups = 0
    while True:
        name = yield
        if name is None:
            return groups
        results[name] = yield summary()  # stores whatever the caller sends next
        groups += 1

# %% course={"kind": "wrong", "id": "counts-by-hand", "fails": ["t3"]}
def summary():
    count, total = 0, 0
    while True:
        value = yield
        if value is None:
            return count, total
        count += 1
        total += value


def by_service(results):
    groups = 0
    while True:
        name = yield
        if name is None:
            return groups
        count, total = 0, 0
        while (value := (yield)) is not None:
            count, total = count + 1, total + value
        results[name] = (count, total)
        groups += 1

# %% [markdown] course={"kind": "exercise", "id": "outages"}
# ### Outage windows from health checks (`itertools.groupby`)
#
# A monitor records one health check per sample as `(minute, ok)`, in time order (`minute` an `int`,
# `ok` a `bool`; samples need not be one minute apart). Write the generator function
# `outages(checks)` that yields `(first_minute, last_minute)` for every run of **consecutive** failed
# checks, in order. It must stream: after yielding an outage it has read only one check past it (the
# first good check that ended it). `itertools.groupby` finds the runs for you.
#
# ```python
# list(outages([(0, True), (5, False), (10, False), (15, True), (20, False)]))   # [(5, 10), (20, 20)]
# ```

# %% [markdown] course={"kind": "hint"}
# `groupby(checks, key=lambda check: check[1])` gives `(ok, run)` pairs, one per run of equal `ok`.
# A failed run's first check is `next(run)`; walk the rest of `run` to find the last one.

# %% [markdown] course={"kind": "hint"}
# Use each `run` before asking `groupby` for the next pair: the runs share one underlying iterator.
# And do not sort: sorting puts all failures in one group.

# %% course={"kind": "solution"}
from collections.abc import Iterable, Iterator
from itertools import groupby


def outages(checks: Iterable[tuple[int, bool]]) -> Iterator[tuple[int, int]]:
    ### BEGIN SOLUTION
    for ok, run in groupby(checks, key=lambda check: check[1]):
        if not ok:
            first = last = next(run)[0]
            for minute, _ok in run:
                last = minute
            yield first, last
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = list(itertools.islice(outages([(0, True), (5, False), (10, False), (15, True), (20, False)]), 5))
assert got == [(5, 10), (20, 20)], f"got {got}"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(outages([(1, False), (2, False), (3, True)]), 5)) == [(1, 2)], "an outage at the start"
assert list(itertools.islice(outages([(-10, False), (0, False), (7, False)]), 5)) == [(-10, 7)], "all failed, negative minutes"
assert list(itertools.islice(outages([(0, True), (1, True)]), 5)) == [] and list(itertools.islice(outages([]), 5)) == []
assert list(itertools.islice(outages(iter([(0, False), (1, True), (2, False), (3, True), (4, False)])), 5)) == [(0, 0), (2, 2), (4, 4)]
assert all(type(w) is tuple for w in outages([(0, False), (3, False)]))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
gen = outages([])
assert inspect.isgenerator(gen), f"outages must be a generator function, got {type(gen).__name__}"
checks = Tap(itertools.cycle([(0, True), (5, False), (10, False), (15, True)]), limit=4)
assert next(outages(checks)) == (5, 10) and checks.pulled == 4, f"the first outage needs 4 checks, read {checks.pulled}"
### BEGIN HIDDEN TESTS
checks = Tap(itertools.cycle([(0, False), (1, True)]), limit=2001)
assert list(itertools.islice(outages(checks), 1000)) == [(0, 0)] * 1000 and checks.pulled == 2000
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sorts-first", "fails": ["t1", "t2"]}
from itertools import groupby


def outages(checks):
    ordered = sorted(checks, key=lambda check: check[1])  # one big group of failures, and reads everything
    for ok, run in groupby(ordered, key=lambda check: check[1]):
        if not ok:
            minutes = [minute for minute, _ in run]
            yield minutes[0], minutes[-1]

# %% course={"kind": "wrong", "id": "keeps-the-groups", "fails": ["t1", "t2"]}
from itertools import groupby


def outages(checks):
    groups = list(groupby(checks, key=lambda check: check[1]))  # each run is empty by the time it is read
    for ok, run in groups:
        if not ok:
            minutes = [minute for minute, _ in run]
            if minutes:
                yield minutes[0], minutes[-1]

# %% course={"kind": "wrong", "id": "assumes-one-per-minute", "fails": ["t1", "t2"]}
from itertools import groupby


def outages(checks):
    for ok, run in groupby(checks, key=lambda check: check[1]):
        if not ok:
            run = list(run)
            yield run[0][0], run[0][0] + len(run) - 1  # samples are not always one minute apart

# %% [markdown] course={"kind": "exercise", "id": "drained"}
# ### Drain a node for maintenance (a generator-based context manager)
#
# Write `drained(pool, node)` with `contextlib.contextmanager`: for the duration of a `with` block the
# node is taken out of the load balancer's `pool` (a list of node names, changed in place), and the
# `as` target gets the position it had. When the block ends, **also when it raises**, the node goes back
# to that same position, and the exception (if any) still reaches the caller. A node that is not in the
# pool raises `ValueError` before the block runs. If a name appears twice, the first one is drained.
#
# ```python
# pool = ["web-1", "web-2", "web-3"]
# with drained(pool, "web-2") as position:
#     print(position, pool)        # 1 ['web-1', 'web-3']
# pool                             # ['web-1', 'web-2', 'web-3']
# ```

# %% [markdown] course={"kind": "hint"}
# Everything before the `yield` is the set-up, the yielded value is what `as` receives, everything after
# is the clean-up. An exception in the block is raised *at the `yield`*.

# %% [markdown] course={"kind": "hint"}
# `index = pool.index(node)` (it raises `ValueError` for you), `del pool[index]`, then
# `try: yield index` / `finally: pool.insert(index, node)`. No `except`: the exception must go on.

# %% course={"kind": "solution"}
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def drained(pool: list[str], node: str) -> Iterator[int]:
    ### BEGIN SOLUTION
    index = pool.index(node)
    del pool[index]
    try:
        yield index
    finally:
        pool.insert(index, node)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
pool = ["web-1", "web-2", "web-3"]
before = pool
with drained(pool, "web-2") as position:
    assert position == 1 and pool == ["web-1", "web-3"], f"inside the block: position {position!r}, pool {pool}"
assert pool == ["web-1", "web-2", "web-3"] and pool is before, f"the same list, restored: {pool}"
### BEGIN HIDDEN TESTS
with drained(pool, "web-1") as position:
    assert position == 0 and pool == ["web-2", "web-3"]
with drained(pool, "web-3") as position:
    assert position == 2 and pool == ["web-1", "web-2"]
assert pool == ["web-1", "web-2", "web-3"]
twice = ["a", "b", "a"]
with drained(twice, "a") as position:
    assert position == 0 and twice == ["b", "a"], "the first of two equal names is drained"
assert twice == ["a", "b", "a"]
single = ["only"]
with drained(single, "only") as position:
    assert position == 0 and single == []
assert single == ["only"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
pool = ["web-1", "web-2", "web-3"]
try:
    with drained(pool, "web-2"):
        raise OSError("upgrade failed")
except OSError as err:
    assert str(err) == "upgrade failed"
else:
    raise AssertionError("the exception from the block must reach the caller")
assert pool == ["web-1", "web-2", "web-3"], f"the node goes back even when the block fails: {pool}"
### BEGIN HIDDEN TESTS
try:
    with drained(pool, "web-1"):
        raise KeyboardInterrupt
except KeyboardInterrupt:
    pass
assert pool == ["web-1", "web-2", "web-3"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
pool = ["web-1"]
ran = []
try:
    with drained(pool, "db-1"):
        ran.append("block")
except ValueError:
    pass
else:
    raise AssertionError("draining a node that is not in the pool raises ValueError")
assert ran == [] and pool == ["web-1"], "the block does not run and the pool is unchanged"
### BEGIN HIDDEN TESTS
assert inspect.isgeneratorfunction(drained.__wrapped__), "write it as a generator with @contextmanager"
try:
    with drained(["Web-1"], "web-1"):
        pass
except ValueError:
    pass
else:
    raise AssertionError("names are compared exactly")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-finally", "fails": ["t2"]}
from contextlib import contextmanager


@contextmanager
def drained(pool, node):
    index = pool.index(node)
    del pool[index]
    yield index
    pool.insert(index, node)  # skipped when the block raises

# %% course={"kind": "wrong", "id": "swallows-the-error", "fails": ["t2"]}
from contextlib import contextmanager


@contextmanager
def drained(pool, node):
    index = pool.index(node)
    del pool[index]
    try:
        yield index
    except Exception:
        pass  # the failed upgrade looks like a success
    finally:
        pool.insert(index, node)

# %% course={"kind": "wrong", "id": "puts-it-back-at-the-end", "fails": ["t1", "t2"]}
from contextlib import contextmanager


@contextmanager
def drained(pool, node):
    index = pool.index(node)
    pool.remove(node)
    try:
        yield index
    finally:
        pool.append(node)  # the order of the pool changes

# %% [markdown] course={"kind": "exercise", "id": "sequences", "item": "project-9-1-2"}
# ### Mini-project 9.1.2, tested core: endless sequences, `take` and `nth`
#
# Write three endless generator functions and two helpers that work on any iterable:
#
# - `fibonacci()` yields `0, 1, 1, 2, 3, 5, ...`; `factorials()` yields `0!, 1!, 2!, ...` = `1, 1, 2, 6, ...`;
#   `primes()` yields `2, 3, 5, 7, 11, ...`. All values are `int`, and each generator keeps only what
#   it needs for the next value (no precomputed lists, no upper limit).
# - `take(n, iterable)` returns a `list` of the first `n` items (fewer if the iterable ends first), pulling
#   exactly as many items as it returns; `nth(iterable, index)` returns the item at position `index`
#   (0-based), pulling `index + 1` items, and raises `IndexError` if the iterable is shorter. Negative `n`
#   or `index` raise `ValueError` (an endless sequence has no end to count from).
#
# ```python
# take(6, fibonacci()), nth(primes(), 999)   # ([0, 1, 1, 2, 3, 5], 7919)
# ```

# %% [markdown] course={"kind": "hint"}
# `itertools.islice(iterable, n)` stops after `n` items without pulling one more;
# `next(islice(iterable, index, None), default)` is the item at `index`. `islice` already raises
# `ValueError` for a negative count or start.

# %% [markdown] course={"kind": "hint"}
# For `primes()`, an incremental sieve: a dict maps each upcoming composite number to the primes that
# reach it. For `n` in `count(2)`: not in the dict means prime (yield it, and mark `n * n`); otherwise
# move each of its primes `p` on to `n + p`.

# %% course={"kind": "solution"}
from collections.abc import Iterable, Iterator
from itertools import count, islice
from typing import Any, TypeVar

T = TypeVar("T")


def fibonacci() -> Iterator[int]:
    ### BEGIN SOLUTION
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
    ### END SOLUTION


def factorials() -> Iterator[int]:
    ### BEGIN SOLUTION
    value = 1
    for n in count(1):
        yield value
        value *= n
    ### END SOLUTION


def primes() -> Iterator[int]:
    ### BEGIN SOLUTION
    upcoming: dict[int, list[int]] = {}
    for n in count(2):
        factors = upcoming.pop(n, None)
        if factors is None:
            yield n
            upcoming[n * n] = [n]
            continue
        for p in factors:
            upcoming.setdefault(n + p, []).append(p)
    ### END SOLUTION


def take(n: int, iterable: Iterable[T]) -> list[T]:
    ### BEGIN SOLUTION
    return list(islice(iterable, n))  # islice itself raises ValueError for a negative n
    ### END SOLUTION


def nth(iterable: Iterable[T], index: int) -> T:
    ### BEGIN SOLUTION
    missing: Any = object()
    item = next(islice(iterable, index, None), missing)
    if item is missing:
        raise IndexError(f"the iterable has no item at index {index}")
    return item
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
for gen_func in (fibonacci, factorials, primes):  # checked first: without a yield, the endless loop runs at the call
    assert inspect.isgeneratorfunction(gen_func), f"{gen_func.__name__} must be a generator function (it needs a yield)"
got = list(itertools.islice(fibonacci(), 12))
assert got == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89], f"fibonacci starts 0, 1: got {got}"
got = list(itertools.islice(factorials(), 7))
assert got == [1, 1, 2, 6, 24, 120, 720], f"factorials start with 0! = 1: got {got}"
assert list(itertools.islice(primes(), 10)) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29], "the first ten primes"
### BEGIN HIDDEN TESTS
f100 = next(itertools.islice(fibonacci(), 100, None))
assert f100 == 354224848179261915075 and type(f100) is int
f25 = next(itertools.islice(factorials(), 25, None))
assert f25 == 15511210043330985984000000 and type(f25) is int
sieve = [True] * 3000
found = []
for k in range(2, 3000):
    if sieve[k]:
        found.append(k)
        for multiple in range(k * k, 3000, k):
            sieve[multiple] = False
assert list(itertools.islice(primes(), len(found))) == found, "the primes below 3000, none missing, none extra"
assert all(type(p) is int for p in itertools.islice(primes(), 50))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tap = Tap(itertools.count(), limit=3)
got = take(3, tap)
assert got == [0, 1, 2] and type(got) is list and tap.pulled == 3, f"take(3) pulls exactly 3 items, pulled {tap.pulled}"
assert take(6, fibonacci()) == [0, 1, 1, 2, 3, 5] and take(5, "ab") == ["a", "b"], "fewer items if the iterable ends"
### BEGIN HIDDEN TESTS
tap = Tap(itertools.count(), limit=0)
assert take(0, tap) == [] and tap.pulled == 0 and take(2, iter(())) == []
assert take(1, [None]) == [None] and take(3, [0, "", 0]) == [0, "", 0]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tap = Tap(itertools.count(10), limit=5)
assert nth(tap, 4) == 14 and tap.pulled == 5, f"nth(it, 4) pulls 5 items, pulled {tap.pulled}"
assert nth(primes(), 999) == 7919, "the 1000th prime"
### BEGIN HIDDEN TESTS
assert nth("abc", 0) == "a" and nth("abc", 2) == "c" and nth([None, 0], 1) == 0 and nth([None], 0) is None
for index in (3, 10):
    try:
        nth("abc", index)
    except IndexError:
        pass
    else:
        raise AssertionError(f"nth('abc', {index}) must raise IndexError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for call in (lambda: take(-1, fibonacci()), lambda: nth(fibonacci(), -1)):
    try:
        call()
    except ValueError:
        pass
    else:
        raise AssertionError("a negative count or index raises ValueError")

# %% course={"kind": "wrong", "id": "fibonacci-from-one", "fails": ["t1", "t2"]}
from itertools import count, islice


def fibonacci():
    a, b = 1, 1
    while True:
        yield a
        a, b = b, a + b


def factorials():
    value = 1
    for n in count(1):
        yield value
        value *= n


def primes():
    for n in count(2):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            yield n


def take(n, iterable):
    if n < 0:
        raise ValueError("negative")
    return list(islice(iterable, n))


def nth(iterable, index):
    if index < 0:
        raise ValueError("negative")
    for i, item in enumerate(iterable):
        if i == index:
            return item
    raise IndexError(index)

# %% course={"kind": "wrong", "id": "sqrt-bound-off-by-one", "fails": ["t1", "t3"]}
from itertools import count, islice


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def factorials():
    value = 1
    for n in count(1):
        yield value
        value *= n


def primes():
    for n in count(2):
        if all(n % d for d in range(2, int(n**0.5))):  # misses the square root itself: 4, 9, 25 are "prime"
            yield n


def take(n, iterable):
    if n < 0:
        raise ValueError("negative")
    return list(islice(iterable, n))


def nth(iterable, index):
    if index < 0:
        raise ValueError("negative")
    for i, item in enumerate(iterable):
        if i == index:
            return item
    raise IndexError(index)

# %% course={"kind": "wrong", "id": "take-with-a-loop", "fails": ["t2"]}
from itertools import count


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def factorials():
    value = 1
    for n in count(1):
        yield value
        value *= n


def primes():
    for n in count(2):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            yield n


def take(n, iterable):
    if n < 0:
        raise ValueError("negative")
    result = []
    for item in iterable:  # pulls one more item before it notices it has enough
        if len(result) == n:
            break
        result.append(item)
    return result


def nth(iterable, index):
    if index < 0:
        raise ValueError("negative")
    for i, item in enumerate(iterable):
        if i == index:
            return item
    raise IndexError(index)

# %% course={"kind": "wrong", "id": "nth-returns-none", "fails": ["t3"]}
from itertools import count, islice


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def factorials():
    value = 1
    for n in count(1):
        yield value
        value *= n


def primes():
    for n in count(2):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            yield n


def take(n, iterable):
    if n < 0:
        raise ValueError("negative")
    return list(islice(iterable, n))


def nth(iterable, index):
    if index < 0:
        raise ValueError("negative")
    return next(islice(iterable, index, None), None)  # a short iterable gives None instead of IndexError

# %% [markdown] course={"kind": "task", "id": "sequences-report", "item": "project-9-1-2", "points": 2}
# ### Project 9.1.2: the sequence library, finished
#
# Package the generators above as a module `sequences.py` and add: a `Seq` wrapper class so that
# `Seq(primes)[10]` and `Seq(fibonacci)[5:10]` work (an index or a slice with a start and a stop, both
# non-negative, answered lazily with `islice`; a negative index or an open-ended slice raises a clear
# `ValueError`); a `Seq.take(n)`; and two more sequences of your choice (triangular numbers, powers of two,
# Collatz steps...). Show in a short session that asking for the 100,000th Fibonacci number keeps memory
# flat (`tracemalloc` peak, compared with building the list of the first 100,000).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `Seq` indexes and slices lazily through `islice` (each access starts a fresh generator from
#   the factory, so the answers do not depend on earlier accesses); negative and open-ended requests
#   raise `ValueError` with a message saying why.
# - 1 point: the extra sequences are generators with tests; the `tracemalloc` comparison is real output
#   and the explanation of why the generator stays flat is right (two ints alive, not a list).

# %% [markdown] course={"kind": "exercise", "id": "stream", "item": "project-9-1-1"}
# ### Mini-project 9.1.1, tested core: a lazy `Stream` with backpressure
#
# Build the heart of a streaming processor: a small fluent class over any iterable, plus a queue reader.
#
# - `Stream(source)`: `iter(stream)` gives the items. `.map(func)`, `.filter(pred)`, `.batch(size)` and
#   `.take(n)` each return a **new `Stream`** and compute nothing yet. `batch` groups items into **tuples**
#   of `size` (the last may be shorter; `size` below 1 raises `ValueError` at once); `take` keeps the
#   first `n` items.
# - Backpressure: items flow only when the consumer pulls. Each item that reaches the consumer has been
#   pulled from the source once, mapped once, and nothing more is pulled than needed (`take(3)` pulls 3).
# - `from_queue(q, stop)`: a generator that yields items from a `queue.Queue` with `q.get()` until it
#   gets the object `stop` (which it does not yield); an empty queue means "wait", not "done". Items
#   such as `None` or `0` are ordinary items.
#
# ```python
# list(Stream(range(10)).filter(lambda n: n % 2).map(str).batch(2))   # [('1', '3'), ('5', '7'), ('9',)]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep one iterator in the `Stream` and wrap it in each method: `Stream(map(func, self._items))`,
# `Stream(filter(pred, self._items))`, `Stream(itertools.islice(self._items, n))`.

# %% [markdown] course={"kind": "hint"}
# `batch`: `iter(lambda: tuple(islice(items, size)), ())` calls the lambda until it returns the empty
# tuple. `from_queue`: `while (item := q.get()) is not stop: yield item`.

# %% course={"kind": "solution"}
import queue
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any


class Stream:
    """A lazy, one-shot chain of processing steps over an iterable."""

    def __init__(self, source: Iterable[Any]) -> None:
        ### BEGIN SOLUTION
        self._items = iter(source)
        ### END SOLUTION

    def __iter__(self) -> Iterator[Any]:
        ### BEGIN SOLUTION
        return self._items
        ### END SOLUTION

    def map(self, func: Callable[[Any], Any]) -> "Stream":
        ### BEGIN SOLUTION
        return Stream(map(func, self._items))
        ### END SOLUTION

    def filter(self, pred: Callable[[Any], bool]) -> "Stream":
        ### BEGIN SOLUTION
        return Stream(filter(pred, self._items))
        ### END SOLUTION

    def batch(self, size: int) -> "Stream":
        ### BEGIN SOLUTION
        if size < 1:
            raise ValueError(f"batch size must be at least 1, got {size}")
        items = self._items
        return Stream(iter(lambda: tuple(islice(items, size)), ()))
        ### END SOLUTION

    def take(self, n: int) -> "Stream":
        ### BEGIN SOLUTION
        return Stream(islice(self._items, n))
        ### END SOLUTION


def from_queue(q: "queue.Queue[Any]", stop: object) -> Iterator[Any]:
    ### BEGIN SOLUTION
    while (item := q.get()) is not stop:
        yield item
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = list(itertools.islice(Stream(range(10)).filter(lambda n: n % 2).map(str).batch(2), 10))
assert got == [("1", "3"), ("5", "7"), ("9",)], f"got {got}"
s = Stream([1, 2])
assert all(type(x) is Stream for x in (s.map(abs), s.filter(bool), s.batch(1), s.take(1))), "each step returns a new Stream"
### BEGIN HIDDEN TESTS
assert list(itertools.islice(Stream([3, 1, 2]).take(2), 5)) == [3, 1] and list(itertools.islice(Stream("ab").take(5), 9)) == ["a", "b"]
assert list(itertools.islice(Stream(range(6)).batch(3), 5)) == [(0, 1, 2), (3, 4, 5)], "no empty batch at the end"
assert list(itertools.islice(Stream(range(2)).batch(1), 5)) == [(0,), (1,)] and list(itertools.islice(Stream([]).batch(4), 5)) == []
assert list(itertools.islice(Stream([0, "", None, 5]).filter(lambda x: x is not None), 9)) == [0, "", 5]
assert list(itertools.islice(Stream(iter([])).map(str).take(0), 5)) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
calls = []


def enrich(n):
    calls.append(n)
    return n * 100


source = Tap(itertools.count(), limit=3)
pipeline = Stream(source).map(enrich).take(3)
assert source.pulled == 0 and calls == [], "building the pipeline computes nothing"
assert list(itertools.islice(pipeline, 10)) == [0, 100, 200] and source.pulled == 3 and calls == [0, 1, 2], f"take(3) pulls 3, pulled {source.pulled}"
### BEGIN HIDDEN TESTS
source = Tap(itertools.count(), limit=7)
batches = iter(Stream(source).filter(lambda n: n % 2 == 0).batch(2))
assert next(batches) == (0, 2) and source.pulled == 3, "a batch pulls only what it needs"
assert next(batches) == (4, 6) and source.pulled == 7
try:
    Stream([1]).batch(0)
except ValueError:
    pass
else:
    raise AssertionError("batch(0) raises ValueError at once")
try:
    Stream([1]).batch(-2)
except ValueError:
    pass
else:
    raise AssertionError("batch(-2) raises ValueError at once")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import queue

STOP = object()
q = LateQueue(["job-1", None, 0, "job-2", STOP, "after the stop"])  # a Queue whose items arrive while you wait in get()
jobs = from_queue(q, STOP)
assert inspect.isgenerator(jobs) and q.undelivered == 6, "from_queue is a generator that takes nothing before it is asked"
got = list(itertools.islice(jobs, 10))
assert got == ["job-1", None, 0, "job-2"], f"None and 0 are items, an empty queue means 'wait', the stop object ends the stream; got {got}"
assert q.undelivered == 1, "it stops reading at the stop object"
### BEGIN HIDDEN TESTS
q = LateQueue([STOP])
assert list(itertools.islice(from_queue(q, STOP), 5)) == [] and q.undelivered == 0
q = queue.Queue()
for item in ("a", "b", STOP):
    q.put(item)
got = list(itertools.islice(Stream(from_queue(q, STOP)).map(str.upper), 3))
assert got == ["A", "B"] and q.qsize() == 0, f"a plain, filled queue.Queue works too, got {got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "eager-steps", "fails": ["t2"]}
import queue
import itertools


class Stream:
    def __init__(self, source):
        self._items = iter(source)

    def __iter__(self):
        return self._items

    def map(self, func):
        return Stream([func(x) for x in self._items])  # runs every item through func right now

    def filter(self, pred):
        return Stream([x for x in self._items if pred(x)])

    def batch(self, size):
        if size < 1:
            raise ValueError("size")
        items = self._items
        return Stream(iter(lambda: tuple(itertools.islice(items, size)), ()))

    def take(self, n):
        return Stream(itertools.islice(self._items, n))


def from_queue(q, stop):
    while (item := q.get()) is not stop:
        yield item

# %% course={"kind": "wrong", "id": "lists-and-a-trailing-empty-batch", "fails": ["t1", "t2"]}
import queue
import itertools


class Stream:
    def __init__(self, source):
        self._items = iter(source)

    def __iter__(self):
        return self._items

    def map(self, func):
        return Stream(map(func, self._items))

    def filter(self, pred):
        return Stream(filter(pred, self._items))

    def batch(self, size):
        if size < 1:
            raise ValueError("size")

        def batches(items):
            while True:
                chunk = list(itertools.islice(items, size))  # lists, and an empty one at the end
                yield chunk
                if len(chunk) < size:
                    return

        return Stream(batches(self._items))

    def take(self, n):
        return Stream(itertools.islice(self._items, n))


def from_queue(q, stop):
    while (item := q.get()) is not stop:
        yield item

# %% course={"kind": "wrong", "id": "none-ends-the-queue", "fails": ["t3"]}
import queue
import itertools


class Stream:
    def __init__(self, source):
        self._items = iter(source)

    def __iter__(self):
        return self._items

    def map(self, func):
        return Stream(map(func, self._items))

    def filter(self, pred):
        return Stream(filter(pred, self._items))

    def batch(self, size):
        if size < 1:
            raise ValueError("size")
        items = self._items
        return Stream(iter(lambda: tuple(itertools.islice(items, size)), ()))

    def take(self, n):
        return Stream(itertools.islice(self._items, n))


def from_queue(q, stop):
    while True:
        item = q.get()
        if not item or item is stop:  # None and 0 end the stream too
            return
        yield item

# %% course={"kind": "wrong", "id": "stops-when-the-queue-is-empty", "fails": ["t3"]}
import queue
import itertools


class Stream:
    def __init__(self, source):
        self._items = iter(source)

    def __iter__(self):
        return self._items

    def map(self, func):
        return Stream(map(func, self._items))

    def filter(self, pred):
        return Stream(filter(pred, self._items))

    def batch(self, size):
        if size < 1:
            raise ValueError("size")
        items = self._items
        return Stream(iter(lambda: tuple(itertools.islice(items, size)), ()))

    def take(self, n):
        return Stream(itertools.islice(self._items, n))


def from_queue(q, stop):
    while not q.empty():  # a producer that is a little slower ends the stream early
        item = q.get()
        if item is stop:
            return
        yield item

# %% course={"kind": "wrong", "id": "never-stops", "fails": ["t3"]}
import queue
import itertools


class Stream:
    def __init__(self, source):
        self._items = iter(source)

    def __iter__(self):
        return self._items

    def map(self, func):
        return Stream(map(func, self._items))

    def filter(self, pred):
        return Stream(filter(pred, self._items))

    def batch(self, size):
        if size < 1:
            raise ValueError("size")
        items = self._items
        return Stream(iter(lambda: tuple(itertools.islice(items, size)), ()))

    def take(self, n):
        return Stream(itertools.islice(self._items, n))


def from_queue(q, stop):
    while True:
        yield q.get()  # hands out the stop object too, then waits for ever on the empty queue

# %% [markdown] course={"kind": "task", "id": "streaming-processor", "item": "project-9-1-1", "points": 3}
# ### Project 9.1.1: a streaming data processor
#
# Turn `Stream` into a small tool `streamproc.py` that reads JSON-lines records from a file (or from
# standard input), from a paginated source (a generator function that fetches "pages" from a fake API,
# one page per `next()`), or from a `queue.Queue` filled by a producer thread; transforms them lazily
# (parse, validate, enrich, filter, batch); and writes batches to a sink. Demonstrate backpressure: a
# producer thread on a `queue.Queue(maxsize=10)` blocks when the consumer is slow, and memory stays flat
# on a 1,000,000-record input. Bad records go to a dead-letter list with their line number instead of
# stopping the stream.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: three sources (file or stdin, a paginated generator, a queue) feed the same lazy pipeline;
#   no stage calls `list()` on the stream; files are opened with `with` inside the generator so closing
#   the pipeline early closes them.
# - 1 point: backpressure is shown, not claimed: the bounded queue's producer waits (counted, e.g. how
#   often `put` blocked), and a `tracemalloc` peak on the large input stays far below the input size.
# - 1 point: bad records are reported with their line number and the stream goes on; the sink writes
#   batches; the code is split into small generator stages with a test each.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-an"}
# An **iterable** is something you can loop over: it has `__iter__`, and each call of `iter()` on it
# returns a fresh iterator (a list, a dict, a `range`, a string). An **iterator** is the cursor that does
# the looping: it has `__next__`, which returns the next item or raises `StopIteration`, and an `__iter__`
# that returns itself, so it can be used wherever an iterable is expected. An iterator is stateful and
# one-shot: files, generators, `map`/`zip` objects and `itertools` results are iterators, which is why a
# second loop over them is empty. Every iterator is an iterable; most iterables are not iterators.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-generators-work"}
# A function containing `yield` is compiled as a generator function. Calling it creates a generator
# object (an iterator) and runs none of the body. Each `next()` resumes the body until the next `yield`,
# returns that value and suspends the frame, keeping its locals and position. When the body returns, the
# generator raises `StopIteration` (carrying the return value); a `StopIteration` that escapes from the
# body uncaught becomes `RuntimeError` (PEP 479). Beyond `next()`, `send(v)` resumes it with `v` as the value of the
# `yield` expression, `throw(exc)` raises at the `yield`, and `close()` raises `GeneratorExit` there so
# `finally` blocks run. It is a state machine written as ordinary sequential code.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-a-generator-vs-a-list"}
# A generator when the data is large or endless (a log file, a Kafka topic, rows of a big query), when
# it is consumed once and in order (summed, written out, fed to the next stage), or when you may stop
# early (`any`, `next`, the first N), so work you do not need is never done; memory stays constant and the
# first result comes early. A list when you need the items more than once, their count, indexing,
# sorting, or when the data is small and you want it materialised at a known point (for example to release
# a database connection, or so that errors surface there and not later in some consumer). A common mix:
# stream through generators and materialise only the small result.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-yield-from"}
# `yield from sub` (Python 3.3, PEP 380) makes a generator delegate to the iterable `sub`: every item of
# `sub` is yielded to our caller as if by `for x in sub: yield x`. For a sub-generator it is a full
# two-way channel: the caller's `send()` values and `throw()` exceptions go straight to `sub`, `close()`
# closes it, and when `sub` returns, the value of the `yield from` expression is its return value
# (`result = yield from sub`). Uses: recursive generators (flattening trees, walking directories),
# splitting a long generator into helpers, and composing coroutine-style generators; it was also the
# basis of pre-`async` asyncio.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-a-generator-pipeline"}
# Write each step as a small generator function that takes an iterable and yields results (read lines,
# parse, filter, enrich, batch), or as a generator expression, and chain them: `write(batch(enrich(
# valid(parse(read(path))))))`. The consumer at the end drives everything: each item flows through all
# stages before the next is read, so memory is constant, output starts immediately, and a slow consumer
# slows the producer (backpressure). Rules: no `list()`/`sorted()` in the middle, one job per stage, test
# each stage with a small list, stop early with `islice`, and put resource handling (`with open`) inside
# the generator that reads, so closing the pipeline closes the file. `itertools` provides the glue
# (`chain`, `islice`, `groupby`, `batched` on 3.12+).
