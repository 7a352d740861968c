# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can pass functions around like any other value, build data
# pipelines from `map`, `filter`, `reduce`, `sorted` and key functions, and use `functools` and
# `operator` (partial, lru_cache, wraps, singledispatch, itemgetter) where they make code clearer.

# %% [markdown] course={"kind": "lesson", "id": "first-class", "covers": ["c-functions-as-first-class-objects", "c-assigning-functions-to-variables", "c-passing-functions-as-arguments", "c-returning-functions-from-functions", "c-storing-functions-in-data-structures", "c-higher-order-functions", "c-functions-that-take-functions-as", "c-functions-that-return-functions"]}
# ### Functions are values; higher-order functions
#
# In Python a function is an object like an int or a list. You can
#
# - **assign** it to another name (`check = is_healthy`),
# - **pass** it as an argument (`retry(fetch_token, times=3)`),
# - **return** it from another function (a factory, section 3.2),
# - **store** it in a list or dict (a table of command handlers).
#
# A **higher-order function** is one that takes a function as an argument, returns one, or both.
# This is the backbone of plugin systems, middleware chains, retry wrappers and CLI dispatch:
# the framework calls *your* function at the right moment. The frequent slip is calling the
# function when you meant to pass it: `retry(fetch_token(), 3)` runs `fetch_token` once,
# immediately, and passes its *result*.

# %% course={"kind": "demo"}
def start(service):
    return f"starting {service}"


def stop(service):
    return f"stopping {service}"


def status(service):
    return f"{service} is running"


COMMANDS = {"start": start, "stop": stop, "status": status}  # functions stored in a dict


def dispatch(command, service):
    handler = COMMANDS.get(command)  # a function assigned to a variable
    return handler(service) if handler else f"unknown command {command!r}"


def apply_to_all(func, items):  # takes a function
    return [func(item) for item in items]


def loud(func):  # takes a function and returns a new one
    def wrapper(*args):
        return func(*args).upper() + "!"

    return wrapper


print(dispatch("start", "nginx"), "|", dispatch("reboot", "nginx"))
print(apply_to_all(status, ["api", "db"]))
print(loud(stop)("worker"))

# %% [markdown] course={"kind": "lesson", "id": "builtin-hofs", "covers": ["c-built-in-higher-order-functions", "c-map-transform-each-element", "c-filter-select-elements", "c-reduce-aggregate-to-single-value-from", "c-sorted-with-key-function", "c-min-and-max-with-key-function"]}
# ### `map`, `filter`, `reduce`, and key functions
#
# | tool | does | returns |
# |---|---|---|
# | `map(f, items)` | `f(x)` for every item | a lazy **iterator** |
# | `filter(pred, items)` | the items where `pred(x)` is truthy | a lazy **iterator** |
# | `functools.reduce(f, items, start)` | folds the items into one value: `f(f(start, a), b)`... | the value |
# | `sorted(items, key=f)` | a new list ordered by `f(x)` | a list |
# | `min/max(items, key=f)` | the item with the smallest/largest `f(x)` | an item |
#
# A **key function** takes one item and returns what to compare it by. Returning a tuple sorts
# by several criteria at once; negate a number to reverse just that part. Key functions cover
# most day-to-day use: the pod with the most restarts, services ordered by team then name, the
# newest backup.
#
# Watch out: `map` and `filter` give iterators that are consumed once; wrap them in `list()`
# when you need to look at the result twice.

# %% course={"kind": "demo"}
from functools import reduce

pods = [
    {"name": "api-1", "status": "Running", "restarts": 2, "cpu_m": 250},
    {"name": "api-2", "status": "CrashLoopBackOff", "restarts": 17, "cpu_m": 5},
    {"name": "db-0", "status": "Running", "restarts": 0, "cpu_m": 900},
    {"name": "cron-7", "status": "Completed", "restarts": 0, "cpu_m": 0},
]

names = map(lambda p: p["name"], pods)
print("map gives", type(names).__name__, "->", list(names))
running = filter(lambda p: p["status"] == "Running", pods)
print("running:", [p["name"] for p in running])
print("total CPU:", reduce(lambda acc, p: acc + p["cpu_m"], pods, 0), "millicores")
print("by restarts, most first:", [p["name"] for p in sorted(pods, key=lambda p: -p["restarts"])])
print("by (status, name):", [p["name"] for p in sorted(pods, key=lambda p: (p["status"], p["name"]))])
print("busiest:", max(pods, key=lambda p: p["cpu_m"])["name"], "| idlest:", min(pods, key=lambda p: p["cpu_m"])["name"])

# %% [markdown] course={"kind": "lesson", "id": "lambdas", "covers": ["c-lambda-expressions", "c-syntax-lambda-args-expression", "c-single-expression-limitation", "c-use-cases-and-when-to-avoid", "c-lambda-vs-named-functions"]}
# ### Lambda expressions
#
# `lambda args: expression` builds a small anonymous function whose body is **one
# expression**, returned automatically. No statements: no `return`, no assignments (other than
# `:=`), no `try`, no loops.
#
# Good uses: a short key or callback written right where it is used,
# `sorted(hosts, key=lambda h: h.latency)`. Avoid a lambda when
#
# - you give it a name (`is_ok = lambda r: ...`): write a `def`, which gets a real `__name__`
#   for tracebacks and logs, and room for a docstring;
# - it needs a conditional inside a conditional, or does not fit on one line;
# - a ready-made function exists: `str.lower`, `len`, `operator.itemgetter("name")`.

# %% course={"kind": "demo"}
by_latency = sorted([("eu", 48), ("us", 12), ("ap", 95)], key=lambda pair: pair[1])
print(by_latency)

is_ok = lambda code: 200 <= code < 300  # works, but anonymous


def is_success(code):
    """True for 2xx HTTP status codes."""
    return 200 <= code < 300


print("names in tracebacks:", is_ok.__name__, "vs", is_success.__name__)

try:
    compile("lambda x: return x", "<demo>", "eval")
except SyntaxError as err:
    print("SyntaxError: a lambda body is an expression, not a statement ->", err.msg)

print(sorted(["Beta", "alpha", "Gamma"], key=str.lower), "(no lambda needed)")

# %% [markdown] course={"kind": "lesson", "id": "functools", "covers": ["c-functools-module", "c-functools-reduce", "c-functools-partial", "c-functools-lru-cache", "c-functools-wraps", "c-functools-singledispatch"]}
# ### The `functools` toolbox
#
# - **`reduce(f, items, initial)`**: fold a sequence into one value. Always pass `initial` when
#   the sequence may be empty.
# - **`partial(f, *args, **kwargs)`**: a new callable with some arguments already filled in:
#   `get = partial(request, "GET", timeout=5)`. Unlike a lambda it exposes `.func`, `.args` and
#   `.keywords`, and callers can still override the pre-set keywords.
# - **`lru_cache(maxsize=128)`** (or `cache`, unbounded): remembers results by argument, so a
#   repeated call is a dict lookup. Arguments must be hashable; `cache_info()` shows hits and
#   misses. Use it for pure functions only: caching a function that reads a file or the clock
#   returns stale answers.
# - **`wraps(func)`**: used inside decorators so the wrapper keeps the original's `__name__`,
#   `__doc__` and `__wrapped__` (logs and `help()` then show the real function).
# - **`singledispatch`**: one function name, different implementations chosen by the **type of
#   the first argument**, registered separately: a `to_yaml(value)` with one case per type.

# %% course={"kind": "demo"}
import functools


def request(method, url, *, timeout=10):
    return f"{method} {url} (timeout {timeout}s)"


get = functools.partial(request, "GET", timeout=5)
print(get("/health"), "|", get("/slow", timeout=60), "|", get.func.__name__, get.args, get.keywords)


@functools.lru_cache(maxsize=None)
def resolve(host):
    return f"10.0.0.{len(host)}"  # stands in for a slow DNS lookup


for host in ["db", "api", "db", "db"]:
    resolve(host)
print(resolve.cache_info())


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@timed
def backup(db):
    """Back up one database."""


print("wrapped keeps:", backup.__name__, "/", backup.__doc__)


@functools.singledispatch
def describe(value):
    return f"something: {value!r}"


@describe.register
def _(value: int):
    return f"a number of {value}"


@describe.register
def _(value: list):
    return f"a list of {len(value)} item(s)"


print(describe(3), "|", describe(["a", "b"]), "|", describe(2.5))

# %% [markdown] course={"kind": "lesson", "id": "operator-module", "covers": ["c-operator-module", "c-itemgetter-attrgetter", "c-add-mul-etc"]}
# ### The `operator` module
#
# `operator` gives every operator a function form, so you can pass it without writing a lambda:
#
# | instead of | write |
# |---|---|
# | `lambda a, b: a + b` | `operator.add` (also `mul`, `sub`, `truediv`, `and_`, `or_`...) |
# | `lambda row: row["name"]` | `operator.itemgetter("name")` |
# | `lambda row: (row[2], row[0])` | `operator.itemgetter(2, 0)` (several keys return a tuple) |
# | `lambda obj: obj.owner.team` | `operator.attrgetter("owner.team")` (dotted paths work) |
#
# They are slightly faster than the lambdas and say exactly what they do. The gotcha: a
# multi-key `itemgetter` returns a tuple, but a single-key one returns the bare value.

# %% course={"kind": "demo"}
import operator
from collections import namedtuple
from functools import reduce

Node = namedtuple("Node", "name zone cpu")
nodes = [Node("n3", "b", 4), Node("n1", "a", 8), Node("n2", "a", 2)]

print([n.name for n in sorted(nodes, key=operator.attrgetter("zone", "cpu"))])
rows = [("web", 3, "prod"), ("db", 1, "prod"), ("api", 2, "dev")]
print(sorted(rows, key=operator.itemgetter(2, 0)))
print("single key:", operator.itemgetter(0)(rows[0]), "| two keys:", operator.itemgetter(0, 1)(rows[0]))
print("sum:", reduce(operator.add, [n.cpu for n in nodes]), "| product:", reduce(operator.mul, [2, 3, 7], 1))

# %% [markdown] course={"kind": "lesson", "id": "fp-principles", "covers": ["c-functional-programming-principles", "c-immutability-preference", "c-avoiding-side-effects", "c-function-composition", "c-declarative-vs-imperative-style", "c-when-to-use-functional-vs-imperative", "c-readability-considerations", "c-performance-implications", "c-team-conventions"]}
# ### Functional style: principles, and when to use it
#
# Principles worth borrowing:
#
# - **prefer immutable data** (tuples, frozensets, frozen dataclasses): a value that cannot
#   change cannot be changed behind your back by another function or thread;
# - **avoid side effects** in the core logic; return new values instead of mutating;
# - **compose** small functions: `compose(f, g)(x) == f(g(x))`, the way shell pipes compose
#   programs;
# - **declarative** code says *what* (`sum(p.cpu for p in pods if p.ready)`); **imperative** code
#   says *how* (a loop with an accumulator and an `if`).
#
# When to reach for it and when not:
#
# | consideration | guidance |
# |---|---|
# | readability | a comprehension or one `map`/`filter` with a named function reads well; three nested lambdas in a `reduce` do not. A plain loop wins when there are several steps, early exits or logging. |
# | performance | comprehensions and `map` with a built-in are about as fast as each other and faster than a Python loop with `append`; `map` with a lambda pays for a function call per item. Lazy iterators (`map`, `filter`, generators) keep memory flat on big inputs. Measure before optimising. |
# | team conventions | Python teams generally prefer comprehensions over `map`/`filter` with lambdas, and loops over clever `reduce`. Follow the codebase and the linter (ruff flags some of these). |

# %% course={"kind": "demo"}
import sys
from functools import reduce


def compose(*funcs):
    return reduce(lambda f, g: lambda x: f(g(x)), funcs, lambda x: x)


strip_then_lower = compose(str.lower, str.strip)
print(repr(strip_then_lower("  Web-01  ")))

latencies = [120, 80, 450, 95, 300]
slow_total = 0  # imperative: how
for ms in latencies:
    if ms > 100:
        slow_total += ms
print("imperative:", slow_total, "| declarative:", sum(ms for ms in latencies if ms > 100))

big = range(100_000)
print("a list of squares:", sys.getsizeof([n * n for n in big]), "bytes; a lazy map:", sys.getsizeof(map(abs, big)), "bytes")

frozen = (("replicas", 3), ("env", "prod"))  # immutable settings
try:
    frozen[0] = ("replicas", 5)
except TypeError as err:
    print("TypeError:", err)

# %% [markdown] course={"kind": "exercise", "id": "map-upper", "item": "x-use-map-to-transform-a-list-of-strings"}
# ### `map()`: upper-case every name
#
# Write `upper_all(words)` that uses `map()` to return a **list** of the words in upper case (the
# tests check that `map` is called). It must accept any iterable (a list, a tuple, a generator)
# and must not change a list it is given.
#
# ```python
# upper_all(["eu-west", "us-east"])   # ['EU-WEST', 'US-EAST']
# ```

# %% [markdown] course={"kind": "hint"}
# `str.upper` is already a function that takes one string: `map(str.upper, words)`.

# %% [markdown] course={"kind": "hint"}
# `map` returns a lazy iterator; `list(...)` around it gives the list.

# %% course={"kind": "solution"}
from typing import Iterable


def upper_all(words: Iterable[str]) -> list[str]:
    ### BEGIN SOLUTION
    return list(map(str.upper, words))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = upper_all(["eu-west", "us-east"])
assert isinstance(result, list), f"return a list, not a {type(result).__name__} (map is lazy)"
assert result == ["EU-WEST", "US-EAST"], f"got {result}"

# %% course={"kind": "test", "points": 1}
words = ["a", "b"]
upper_all(words)
assert words == ["a", "b"], "the input list must not change"
assert upper_all(w for w in ("x", "y")) == ["X", "Y"], "any iterable works, including a generator"
### BEGIN HIDDEN TESTS
assert upper_all([]) == [] and upper_all(("straße",)) == ["STRASSE"]
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
import builtins


def run_with_spies(func, names, *args):
    """Call func(*args) with the built-ins `names` (map, filter) replaced by spies; return (result, names used)."""
    used, namespace, saved = [], func.__globals__, {}

    def spy_for(name):
        real = getattr(builtins, name)

        def spy(*spy_args):
            used.append(name)
            return real(*spy_args)

        return spy

    for name in names:
        if name in namespace:
            saved[name] = namespace[name]
        namespace[name] = spy_for(name)  # a global of the same name shadows the built-in
    try:
        return func(*args), used
    finally:
        for name in names:
            if name in saved:
                namespace[name] = saved[name]
            else:
                del namespace[name]


result, used = run_with_spies(upper_all, ["map"], ["eu-west"])
assert result == ["EU-WEST"] and used == ["map"], "upper_all should call map() (a comprehension does the job, but this exercise is about map)"

# %% course={"kind": "wrong", "id": "returns-map", "fails": ["t1", "t2", "t3"]}
def upper_all(words):
    return map(str.upper, words)

# %% course={"kind": "wrong", "id": "in-place", "fails": ["t2", "t3"]}
def upper_all(words):
    for i, word in enumerate(words):
        words[i] = word.upper()
    return words

# %% course={"kind": "wrong", "id": "comprehension", "fails": ["t3"]}
def upper_all(words):
    return [word.upper() for word in words]

# %% [markdown] course={"kind": "exercise", "id": "filter-evens", "item": "x-use-filter-to-select-even-numbers-from-a"}
# ### `filter()`: keep the even numbers
#
# Write `evens(numbers)` that uses `filter()` to return a list of the even numbers, in their
# original order (the tests check that `filter` is called). Zero and negative even numbers count.
#
# ```python
# evens([3, 8, 0, -4, 7])   # [8, 0, -4]
# ```

# %% [markdown] course={"kind": "hint"}
# The predicate must be truthy for the items to **keep**: `lambda n: n % 2 == 0`.

# %% [markdown] course={"kind": "hint"}
# `n % 2` alone is 1 for odd numbers and 0 for even ones, so using it as the predicate keeps the
# odd ones.

# %% course={"kind": "solution"}
from typing import Iterable


def evens(numbers: Iterable[int]) -> list[int]:
    ### BEGIN SOLUTION
    return list(filter(lambda n: n % 2 == 0, numbers))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = evens([3, 8, 5, 12])
assert isinstance(result, list), f"return a list, not a {type(result).__name__} (filter is lazy)"
assert result == [8, 12], f"keep the even numbers in their order, got {result}"
assert evens([1, 3]) == [], "no even numbers gives an empty list"

# %% course={"kind": "test", "points": 1}
assert evens([3, 8, 0, -4, 7]) == [8, 0, -4], "zero and negative even numbers are even too"
### BEGIN HIDDEN TESTS
assert evens(range(-6, 7)) == [-6, -4, -2, 0, 2, 4, 6]
assert evens(n for n in [10**20, 10**20 + 1]) == [10**20], "any iterable, any size of int"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
import builtins


def run_with_spies(func, names, *args):
    """Call func(*args) with the built-ins `names` (map, filter) replaced by spies; return (result, names used)."""
    used, namespace, saved = [], func.__globals__, {}

    def spy_for(name):
        real = getattr(builtins, name)

        def spy(*spy_args):
            used.append(name)
            return real(*spy_args)

        return spy

    for name in names:
        if name in namespace:
            saved[name] = namespace[name]
        namespace[name] = spy_for(name)  # a global of the same name shadows the built-in
    try:
        return func(*args), used
    finally:
        for name in names:
            if name in saved:
                namespace[name] = saved[name]
            else:
                del namespace[name]


result, used = run_with_spies(evens, ["filter"], [1, 2])
assert result == [2] and used == ["filter"], "evens should call filter()"

# %% course={"kind": "wrong", "id": "keeps-odds", "fails": ["t1", "t2", "t3"]}
def evens(numbers):
    return list(filter(lambda n: n % 2, numbers))

# %% course={"kind": "wrong", "id": "returns-filter", "fails": ["t1", "t2", "t3"]}
def evens(numbers):
    return filter(lambda n: n % 2 == 0, numbers)

# %% course={"kind": "wrong", "id": "comprehension", "fails": ["t3"]}
def evens(numbers):
    return [n for n in numbers if n % 2 == 0]

# %% [markdown] course={"kind": "exercise", "id": "reduce-product", "item": "x-use-reduce-to-calculate-the-product-of-a"}
# ### `reduce()`: the product of a list
#
# Write `product(numbers)` that multiplies all the numbers together with `functools.reduce` (the
# tests check that it is called). The product of no numbers is `1` (the same convention as
# `math.prod`).
#
# ```python
# product([2, 3, 7])   # 42
# product([])          # 1
# ```

# %% [markdown] course={"kind": "hint"}
# `operator.mul` is the two-argument multiplication function.

# %% [markdown] course={"kind": "hint"}
# Without a third argument, `reduce` raises `TypeError` on an empty sequence. The initial value
# for a product is 1, not 0.

# %% course={"kind": "solution"}
import operator
from functools import reduce
from typing import Iterable


def product(numbers: Iterable[float]) -> float:
    ### BEGIN SOLUTION
    return reduce(operator.mul, numbers, 1)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert product([2, 3, 7]) == 42, f"got {product([2, 3, 7])}"
assert product([5]) == 5 and product([4, 0, 9]) == 0, "one number is its own product; a zero makes it 0"

# %% course={"kind": "test", "points": 1}
assert product([]) == 1, "the product of nothing is 1"
### BEGIN HIDDEN TESTS
assert product(x for x in [1.5, 2]) == 3.0, "generators work too"
assert product(range(1, 21)) == 2432902008176640000
assert product([-2, 3]) == -6 and product([0.5, 4]) == 2.0, "negative and fractional numbers"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
import functools


def run_with_reduce_spy(func, *args):
    """Call func(*args) with functools.reduce replaced by a spy; return (result, whether reduce was called)."""
    used, real, namespace = [], functools.reduce, func.__globals__
    saved = namespace.get("reduce")

    def spy(*spy_args):
        used.append("reduce")
        return real(*spy_args)

    functools.reduce = spy  # for `functools.reduce(...)` and imports inside the function
    if saved is real:
        namespace["reduce"] = spy  # for `from functools import reduce` at the top of the cell
    try:
        return func(*args), bool(used)
    finally:
        functools.reduce = real
        if saved is real:
            namespace["reduce"] = real


result, used = run_with_reduce_spy(product, [2, 5])
assert result == 10 and used, "product should call functools.reduce (math.prod would do, but this exercise is about reduce)"

# %% course={"kind": "wrong", "id": "no-initial", "fails": ["t2"]}
import operator
from functools import reduce


def product(numbers):
    return reduce(operator.mul, numbers)

# %% course={"kind": "wrong", "id": "math-prod", "fails": ["t3"]}
import math


def product(numbers):
    return math.prod(numbers)

# %% course={"kind": "wrong", "id": "zero-initial", "fails": ["t1", "t2", "t3"]}
import operator
from functools import reduce


def product(numbers):
    return reduce(operator.mul, numbers, 0)

# %% [markdown] course={"kind": "exercise", "id": "sort-incidents", "item": "x-create-a-sorting-function-that-sorts-by"}
# ### Sort by several criteria
#
# An on-call dashboard lists open incidents. Write `sort_incidents(incidents)` that returns a
# **new** list (the input is left alone) ordered by
#
# 1. severity, most severe first: `"critical"`, `"high"`, `"medium"`, `"low"`;
# 2. then the oldest first (`opened` is an ISO timestamp string, so string order is time order);
# 3. then by `id`.
#
# ```python
# sort_incidents([
#     {"id": 7, "severity": "low", "opened": "2024-05-01T09:00"},
#     {"id": 3, "severity": "critical", "opened": "2024-05-02T10:00"},
#     {"id": 5, "severity": "critical", "opened": "2024-05-01T12:00"},
# ])
# # ids in order: 5, 3, 7
# ```

# %% [markdown] course={"kind": "hint"}
# Severity names do not sort correctly as strings. Map them to numbers:
# `RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}`.

# %% [markdown] course={"kind": "hint"}
# One key function returning a tuple: `(RANK[i["severity"]], i["opened"], i["id"])`. No
# `reverse=True`: it would also put the newest first.

# %% course={"kind": "solution", "equivalent": {"m-43173ccb": "only the order of the ranks matters, and 4 still sorts after 2"}}
def sort_incidents(incidents: list[dict]) -> list[dict]:
    ### BEGIN SOLUTION
    rank = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    return sorted(incidents, key=lambda i: (rank[i["severity"]], i["opened"], i["id"]))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
sample = [
    {"id": 7, "severity": "low", "opened": "2024-05-01T09:00"},
    {"id": 3, "severity": "critical", "opened": "2024-05-02T10:00"},
    {"id": 5, "severity": "critical", "opened": "2024-05-01T12:00"},
    {"id": 9, "severity": "high", "opened": "2024-05-03T08:00"},
    {"id": 2, "severity": "medium", "opened": "2024-04-30T23:00"},
]
ids = [i["id"] for i in sort_incidents(sample)]
assert ids[0] in (3, 5) and ids[-1] == 7, f"critical first and low last, got {ids}"
assert ids == [5, 3, 9, 2, 7], f"severity order is critical, high, medium, low; got {ids}"
older_but_milder = [
    {"id": 1, "severity": "low", "opened": "2024-01-01T00:00"},
    {"id": 2, "severity": "medium", "opened": "2024-01-02T00:00"},
    {"id": 3, "severity": "high", "opened": "2024-01-03T00:00"},
    {"id": 4, "severity": "critical", "opened": "2024-01-04T00:00"},
]
ids = [i["id"] for i in sort_incidents(older_but_milder)]
assert ids == [4, 3, 2, 1], f"severity comes before age, at every level; got {ids}"

# %% course={"kind": "test", "points": 1}
same_severity = [
    {"id": 4, "severity": "high", "opened": "2024-05-02T00:00"},
    {"id": 8, "severity": "high", "opened": "2024-05-01T00:00"},
    {"id": 1, "severity": "high", "opened": "2024-05-02T00:00"},
]
ids = [i["id"] for i in sort_incidents(same_severity)]
assert ids == [8, 1, 4], f"within a severity: oldest first, then by id; got {ids}"

# %% course={"kind": "test", "points": 1}
original = [{"id": 2, "severity": "low", "opened": "b"}, {"id": 1, "severity": "high", "opened": "a"}]
snapshot = [dict(i) for i in original]
result = sort_incidents(original)
assert original == snapshot, "the input list must not be reordered"
assert [i["id"] for i in result] == [1, 2], "the returned list is sorted"
### BEGIN HIDDEN TESTS
assert sort_incidents([]) == []
single = [{"id": 1, "severity": "low", "opened": "a"}]
assert sort_incidents(single) == single and sort_incidents(single) is not single, "a new list, even for one incident"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "alphabetical-severity", "fails": ["t1"]}
def sort_incidents(incidents):
    return sorted(incidents, key=lambda i: (i["severity"], i["opened"], i["id"]))

# %% course={"kind": "wrong", "id": "reverse-everything", "fails": ["t1", "t2"]}
def sort_incidents(incidents):
    rank = {"critical": 3, "high": 2, "medium": 1, "low": 0}
    return sorted(incidents, key=lambda i: (rank[i["severity"]], i["opened"], i["id"]), reverse=True)

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t3"]}
def sort_incidents(incidents):
    rank = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    incidents.sort(key=lambda i: (rank[i["severity"]], i["opened"], i["id"]))
    return incidents

# %% [markdown] course={"kind": "exercise", "id": "partial-requesters", "item": "x-use-partial-to-create-specialized"}
# ### `partial()`: specialised request helpers
#
# The cell below provides a general `send_request(method, url, *, timeout=10, retries=0)`
# (it only describes the request, so nothing touches the network). Write
# `make_requester(method, **defaults)` that returns a `functools.partial` of `send_request`
# with the method and the default keyword arguments filled in. Callers must still be able to
# override a default for one call.
#
# ```python
# patient_post = make_requester("POST", timeout=60, retries=3)
# patient_post("/deploy")              # {'method': 'POST', 'url': '/deploy', 'timeout': 60, 'retries': 3}
# patient_post("/deploy", retries=0)   # same, but retries 0
# ```

# %% [markdown] course={"kind": "hint"}
# `functools.partial(func, *args, **keywords)` stores positional arguments first, then keywords.

# %% [markdown] course={"kind": "hint"}
# Pass the method **positionally**: `partial(send_request, method, **defaults)`. If you pass it
# as `method=method`, the URL given later positionally lands in the `method` slot.

# %% course={"kind": "solution"}
import functools


def send_request(method: str, url: str, *, timeout: float = 10, retries: int = 0) -> dict:
    """Describe an HTTP request (a stand-in for a real client)."""
    return {"method": method, "url": url, "timeout": timeout, "retries": retries}


def make_requester(method: str, **defaults) -> functools.partial:
    ### BEGIN SOLUTION
    return functools.partial(send_request, method, **defaults)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
get = make_requester("GET")
assert get("/health") == {"method": "GET", "url": "/health", "timeout": 10, "retries": 0}, f"got {get('/health')}"
patient_post = make_requester("POST", timeout=60, retries=3)
assert patient_post("/deploy") == {"method": "POST", "url": "/deploy", "timeout": 60, "retries": 3}, "the defaults given to make_requester apply"

# %% course={"kind": "test", "points": 1}
patient_post = make_requester("POST", timeout=60, retries=3)
assert patient_post("/deploy", retries=0)["retries"] == 0, "a caller can override a pre-set keyword"
assert patient_post("/deploy", retries=0)["timeout"] == 60, "the other defaults stay"

# %% course={"kind": "test", "points": 1}
import functools

put = make_requester("PUT", timeout=5)
assert isinstance(put, functools.partial), f"return a functools.partial, not a {type(put).__name__}"
assert put.func is send_request and put.args == ("PUT",) and put.keywords == {"timeout": 5}, "partial(send_request, method, **defaults)"

# %% course={"kind": "wrong", "id": "lambda-no-override", "fails": ["t2", "t3"]}
import functools
def send_request(method, url, *, timeout=10, retries=0):
    return {"method": method, "url": url, "timeout": timeout, "retries": retries}


def make_requester(method, **defaults):
    return lambda url: send_request(method, url, **defaults)

# %% course={"kind": "wrong", "id": "method-as-keyword", "fails": ["t1", "t2", "t3"]}
import functools


def send_request(method, url, *, timeout=10, retries=0):
    return {"method": method, "url": url, "timeout": timeout, "retries": retries}


def make_requester(method, **defaults):
    return functools.partial(send_request, method=method, **defaults)

# %% [markdown] course={"kind": "exercise", "id": "lru-grid-paths", "item": "x-implement-memoization-using-lru-cache"}
# ### Memoise with `lru_cache`
#
# A scheduler counts the ways a job can move through a grid of stages: `down` steps one way
# and `right` steps the other, in any order. Write a **recursive** `grid_paths(down, right)`:
# with no steps left in one direction there is exactly one way; otherwise the count is
# `grid_paths(down - 1, right) + grid_paths(down, right - 1)`.
#
# Decorate it with `functools.lru_cache(maxsize=None)` so each pair is computed once. The tests
# use `grid_paths.cache_info()` to count the distinct calls that were really computed: the
# recursion from `(10, 10)` visits about 120 pairs, each once (a formula such as `math.comb`
# would compute only one and is not the exercise).
#
# ```python
# grid_paths(2, 2)     # 6
# grid_paths(16, 16)   # 601080390   (instantly with the cache)
# ```

# %% [markdown] course={"kind": "hint"}
# The base case: `if down == 0 or right == 0: return 1`.

# %% [markdown] course={"kind": "hint"}
# Put `@functools.lru_cache(maxsize=None)` on the line right above `def grid_paths`. Without it
# `grid_paths(16, 16)` would make over a billion calls.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
import functools


@functools.lru_cache(maxsize=None)
def grid_paths(down: int, right: int) -> int:
    """Number of orderings of ``down`` and ``right`` steps."""
    if down == 0 or right == 0:
        return 1
    return grid_paths(down - 1, right) + grid_paths(down, right - 1)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert grid_paths(2, 2) == 6, f"grid_paths(2, 2) should be 6, got {grid_paths(2, 2)}"
assert grid_paths(0, 5) == 1 and grid_paths(3, 0) == 1, "one way when one direction has no steps"
assert grid_paths(3, 4) == 35, "3 down and 4 right can be ordered in 35 ways"

# %% course={"kind": "test", "points": 2}
assert hasattr(grid_paths, "cache_info"), "decorate grid_paths with functools.lru_cache"
grid_paths.cache_clear()
grid_paths(10, 10)
info = grid_paths.cache_info()
assert info.misses <= 11 * 11, f"{info.misses} computed calls; with a cache each (down, right) pair is computed once"
assert info.misses >= 100, f"only {info.misses} computed call(s): grid_paths should recurse through the (down, right) pairs"
assert grid_paths(16, 16) == 601080390, "grid_paths(16, 16) is 601080390"
### BEGIN HIDDEN TESTS
assert grid_paths(40, 40) == 107507208733336176461620
assert grid_paths.cache_info().maxsize is None, "use maxsize=None so nothing useful is evicted"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-cache", "fails": ["t2"]}
def grid_paths(down, right):
    if down == 0 or right == 0:
        return 1
    return grid_paths(down - 1, right) + grid_paths(down, right - 1)

# %% course={"kind": "wrong", "id": "formula", "fails": ["t2"]}
import functools
import math


@functools.lru_cache(maxsize=None)
def grid_paths(down, right):
    return math.comb(down + right, down)  # right numbers, no recursion to cache

# %% course={"kind": "wrong", "id": "base-zero", "fails": ["t1", "t2"]}
import functools


@functools.lru_cache(maxsize=None)
def grid_paths(down, right):
    if down == 0 or right == 0:
        return 0
    return grid_paths(down - 1, right) + grid_paths(down, right - 1)

# %% [markdown] course={"kind": "exercise", "id": "pipeline-builder", "item": "project-3-3-1"}
# ### Mini-project: Data pipeline builder
#
# Write `build_pipeline(*steps)` that returns a function `run(items)`. Each step is a tuple:
#
# - `("map", func)`: transform every item;
# - `("filter", predicate)`: keep the items where `predicate(item)` is truthy;
# - `("reduce", func, initial)`: fold everything into one value; allowed only as the **last**
#   step.
#
# Steps run in the order given. `run` returns a **list** of the remaining items, or the reduced
# value when the last step is a reduce. Mistakes in the steps are found when the pipeline is
# **built**: an unknown step name or a reduce that is not last raises `ValueError`. One pipeline
# can run many times, on any iterable.
#
# ```python
# total_slow_ms = build_pipeline(
#     ("map", lambda line: int(line.split()[-1])),
#     ("filter", lambda ms: ms > 100),
#     ("reduce", lambda acc, ms: acc + ms, 0),
# )
# total_slow_ms(["GET / 80", "GET /api 250", "POST /x 120"])   # 370
# ```

# %% [markdown] course={"kind": "hint"}
# Validate the whole list of steps first, in `build_pipeline` itself. Then define `run`, which
# starts from `iter(items)` and wraps it step by step with `map(...)`, `filter(...)`, or finishes
# with `functools.reduce(...)`.

# %% [markdown] course={"kind": "hint"}
# Build the `map`/`filter` chain inside `run`, fresh on every call; iterators built once in
# `build_pipeline` would be empty the second time.

# %% course={"kind": "solution"}
from functools import reduce
from typing import Any, Callable, Iterable


def build_pipeline(*steps: tuple) -> Callable[[Iterable], Any]:
    """Chain map/filter steps (and an optional final reduce) into one function."""
    ### BEGIN SOLUTION
    for position, step in enumerate(steps):
        kind = step[0]
        if kind not in ("map", "filter", "reduce"):
            raise ValueError(f"step {position}: unknown step {kind!r}")
        if kind == "reduce" and position != len(steps) - 1:
            raise ValueError(f"step {position}: reduce must be the last step")

    def run(items: Iterable) -> Any:
        data: Iterable = iter(items)
        for step in steps:
            if step[0] == "map":
                data = map(step[1], data)
            elif step[0] == "filter":
                data = filter(step[1], data)
            else:
                return reduce(step[1], data, step[2])
        return list(data)

    return run
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
clean = build_pipeline(("map", str.strip), ("filter", bool), ("map", str.lower))
result = clean(["  Web ", "", " DB"])
assert result == ["web", "db"], f"got {result!r}"
assert build_pipeline()([3, 1]) == [3, 1], "no steps: the items unchanged, as a list"
assert build_pipeline()((3, 1)) == [3, 1], "no steps on a tuple: still a list"

# %% course={"kind": "test", "points": 1}
total_slow_ms = build_pipeline(
    ("map", lambda line: int(line.split()[-1])),
    ("filter", lambda ms: ms > 100),
    ("reduce", lambda acc, ms: acc + ms, 0),
)
assert total_slow_ms(["GET / 80", "GET /api 250", "POST /x 120"]) == 370, "map, then filter, then reduce: 250 + 120"
assert total_slow_ms([]) == 0, "reduce starts from its initial value"

# %% course={"kind": "test", "points": 1}
square_then_small = build_pipeline(("map", lambda n: n * n), ("filter", lambda n: n < 10))
small_then_square = build_pipeline(("filter", lambda n: n < 10), ("map", lambda n: n * n))
assert square_then_small([2, 3, 4, 5]) == [4, 9], "steps run in the order given"
assert small_then_square([2, 3, 4, 5]) == [4, 9, 16, 25], "steps run in the order given"
assert square_then_small(iter([1, 2])) == [1, 4] and square_then_small((3,)) == [9], "a pipeline runs many times, on any iterable"

# %% course={"kind": "test", "points": 1}
for bad_steps in [(("explode", print),), (("reduce", max, 0), ("map", str))]:
    try:
        build_pipeline(*bad_steps)
    except ValueError:
        pass
    else:
        raise AssertionError(f"building with {bad_steps} must raise ValueError straight away")
assert build_pipeline(("reduce", max, 0))([4, 9, 2]) == 9, "a single reduce step is valid"
### BEGIN HIDDEN TESTS
assert build_pipeline(("map", abs), ("reduce", max, 0))(iter([])) == 0, "an empty iterator reduces to the initial value"
assert build_pipeline(("map", lambda n: n - 1))([1, 2]) == [0, 1], "falsy results of a map step are kept"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "filters-first", "fails": ["t2", "t3"]}
from functools import reduce


def build_pipeline(*steps):
    for i, step in enumerate(steps):
        if step[0] not in ("map", "filter", "reduce") or (step[0] == "reduce" and i != len(steps) - 1):
            raise ValueError("bad step")

    def run(items):
        data = list(items)
        for step in steps:
            if step[0] == "filter":
                data = [x for x in data if step[1](x)]
        for step in steps:
            if step[0] == "map":
                data = [step[1](x) for x in data]
        if steps and steps[-1][0] == "reduce":
            return reduce(steps[-1][1], data, steps[-1][2])
        return data

    return run

# %% course={"kind": "wrong", "id": "validates-at-run", "fails": ["t4"]}
from functools import reduce


def build_pipeline(*steps):
    def run(items):
        data = iter(items)
        for i, step in enumerate(steps):
            if step[0] == "map":
                data = map(step[1], data)
            elif step[0] == "filter":
                data = filter(step[1], data)
            elif step[0] == "reduce" and i == len(steps) - 1:
                return reduce(step[1], data, step[2])
            else:
                raise ValueError("bad step")
        return list(data)

    return run

# %% course={"kind": "wrong", "id": "no-steps-returns-input", "fails": ["t1"]}
from functools import reduce


def build_pipeline(*steps):
    for i, step in enumerate(steps):
        if step[0] not in ("map", "filter", "reduce") or (step[0] == "reduce" and i != len(steps) - 1):
            raise ValueError("bad step")

    def run(items):
        if not steps:
            return items  # a tuple comes back as a tuple
        data = iter(items)
        for step in steps:
            if step[0] == "map":
                data = map(step[1], data)
            elif step[0] == "filter":
                data = filter(step[1], data)
            else:
                return reduce(step[1], data, step[2])
        return list(data)

    return run

# %% course={"kind": "wrong", "id": "returns-iterator", "fails": ["t1", "t3", "t4"]}
from functools import reduce


def build_pipeline(*steps):
    for i, step in enumerate(steps):
        if step[0] not in ("map", "filter", "reduce") or (step[0] == "reduce" and i != len(steps) - 1):
            raise ValueError("bad step")

    def run(items):
        data = iter(items)
        for step in steps:
            if step[0] == "map":
                data = map(step[1], data)
            elif step[0] == "filter":
                data = filter(step[1], data)
            else:
                return reduce(step[1], data, step[2])
        return data

    return run

# %% [markdown] course={"kind": "task", "id": "pipeline-on-logs", "item": "project-3-3-1", "points": 2}
# ### Run a real log through your pipeline
#
# Take an access log you have (a web server's, `journalctl -o short` output, or a few dozen
# lines you write yourself in the same format) and use `build_pipeline` to answer two questions
# about it, for example "how many 5xx responses?" and "which paths were slowest?". Paste the pipeline definitions and their
# output, and say in one sentence which step you would have written as a plain loop instead,
# and why.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: two working pipelines over real or sample log lines, each with at least two steps
#   and named functions (not only lambdas) for anything longer than a short expression.
# - 1 point: a sensible judgement about readability, e.g. parsing with error handling reads
#   better as a loop or a named function than as a lambda.

# %% [markdown] course={"kind": "exercise", "id": "compose-pipe", "item": "project-3-3-2"}
# ### Mini-project: `compose()` and `pipe()`
#
# Write two functions that chain single-argument functions into one:
#
# - `pipe(f, g, h)` runs **left to right**: `pipe(f, g, h)(x) == h(g(f(x)))`;
# - `compose(f, g, h)` runs **right to left**: `compose(f, g, h)(x) == f(g(h(x)))`.
#
# With no functions, both return the identity function. Error handling:
#
# - if an argument is not callable, raise `TypeError` **when building** the chain;
# - if a step fails while running, raise `RuntimeError` whose message contains the failing
#   function's `__name__`, chained to the original exception (`raise ... from err`), so the
#   cause is kept in `__cause__`.
#
# ```python
# slug = pipe(str.strip, str.lower, lambda s: s.replace(" ", "-"))
# slug("  Release Notes ")       # 'release-notes'
# compose(len, str.split)("a b c")   # 3
# ```

# %% [markdown] course={"kind": "hint"}
# Write `pipe` first, as a loop over the functions inside an inner `run(value)`. Then `compose`
# is `pipe` with the functions reversed.

# %% [markdown] course={"kind": "hint"}
# Inside the loop: `try: value = func(value)` / `except Exception as err: raise
# RuntimeError(f"step {func.__name__} failed: {err}") from err`. Use
# `getattr(func, "__name__", repr(func))` if you want to support callables without a name.

# %% course={"kind": "solution"}
from typing import Any, Callable


def pipe(*funcs: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Chain functions left to right: pipe(f, g)(x) == g(f(x))."""
    ### BEGIN SOLUTION
    for position, func in enumerate(funcs):
        if not callable(func):
            raise TypeError(f"argument {position} is not callable: {func!r}")

    def run(value: Any) -> Any:
        for func in funcs:
            try:
                value = func(value)
            except Exception as err:
                name = getattr(func, "__name__", repr(func))
                raise RuntimeError(f"step {name} failed: {err}") from err
        return value

    return run
    ### END SOLUTION


def compose(*funcs: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Chain functions right to left: compose(f, g)(x) == f(g(x))."""
    ### BEGIN SOLUTION
    return pipe(*reversed(funcs))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
slug = pipe(str.strip, str.lower, lambda s: s.replace(" ", "-"))
assert slug("  Release Notes ") == "release-notes", f"got {slug('  Release Notes ')!r}"
add_one = lambda n: n + 1
double = lambda n: n * 2
assert pipe(add_one, double)(5) == 12, "pipe runs left to right: double(add_one(5))"

# %% course={"kind": "test", "points": 1}
add_one = lambda n: n + 1
double = lambda n: n * 2
assert compose(add_one, double)(5) == 11, "compose runs right to left: add_one(double(5))"
assert compose(len, str.split)("a b c") == 3, "len(str.split('a b c'))"
assert pipe()(42) == 42 and compose()("x") == "x", "no functions: identity"

# %% course={"kind": "test", "points": 1}
for build in (pipe, compose):
    try:
        build(str.strip, "not a function")
    except TypeError:
        pass
    else:
        raise AssertionError(f"{build.__name__}: a non-callable must raise TypeError when the chain is built")


def explode(value):
    return 1 / 0


try:
    pipe(str.strip, explode)(" x ")
except RuntimeError as err:
    assert "explode" in str(err), f"the message should name the failing step, got {err}"
    assert isinstance(err.__cause__, ZeroDivisionError), "chain the original error with 'raise ... from err'"
else:
    raise AssertionError("a failing step must raise RuntimeError")
### BEGIN HIDDEN TESTS
try:
    compose(explode, str.upper)(5)
except RuntimeError as err:
    assert "upper" in str(err) and isinstance(err.__cause__, TypeError), "the first step to run is str.upper"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "same-direction", "fails": ["t2", "t3"]}
def pipe(*funcs):
    for f in funcs:
        if not callable(f):
            raise TypeError(f)

    def run(value):
        for func in funcs:
            try:
                value = func(value)
            except Exception as err:
                raise RuntimeError(f"step {func.__name__} failed") from err
        return value

    return run


def compose(*funcs):
    return pipe(*funcs)

# %% course={"kind": "wrong", "id": "reduce-no-identity", "fails": ["t2", "t3"]}
from functools import reduce


def pipe(*funcs):
    return reduce(lambda f, g: lambda x: g(f(x)), funcs)


def compose(*funcs):
    return reduce(lambda f, g: lambda x: f(g(x)), funcs)

# %% course={"kind": "wrong", "id": "compose-checks-late", "fails": ["t3"]}
def pipe(*funcs):
    for f in funcs:
        if not callable(f):
            raise TypeError(f)

    def run(value):
        for func in funcs:
            try:
                value = func(value)
            except Exception as err:
                raise RuntimeError(f"step {func.__name__} failed") from err
        return value

    return run


def compose(*funcs):
    return lambda value: pipe(*reversed(funcs))(value)  # builds (and checks) only when called

# %% course={"kind": "wrong", "id": "loses-cause", "fails": ["t3"]}
def pipe(*funcs):
    for f in funcs:
        if not callable(f):
            raise TypeError(f)

    def run(value):
        for func in funcs:
            try:
                value = func(value)
            except Exception:
                raise RuntimeError(f"step {func.__name__} failed") from None
        return value

    return run


def compose(*funcs):
    return pipe(*reversed(funcs))

# %% [markdown] course={"kind": "exercise", "id": "frequent-elements", "item": "dsa-filter-elements"}
# ### Problem: Elements seen at least k times (after HackerRank's *Filter Elements*)
#
# An alert de-duplicator only forwards error codes that repeat. Write `repeated(values, k)`
# that returns the values occurring **at least `k` times**, each once, in the order of their
# **first** appearance. If none qualifies, return `[-1]`.
#
# ```python
# repeated([4, 5, 2, 5, 4, 3, 1, 3, 4], 2)   # [4, 5, 3]
# repeated([1, 2, 3], 2)                      # [-1]
# ```

# %% [markdown] course={"kind": "hint"}
# `collections.Counter(values)` counts everything in one pass, and (like any dict) remembers
# keys in the order they were first inserted.

# %% [markdown] course={"kind": "hint"}
# Then `[v for v, n in counts.items() if n >= k] or [-1]`. Calling `values.count(v)` for each
# value would read the whole list again for every item.

# %% course={"kind": "solution"}
from collections import Counter


def repeated(values: list[int], k: int) -> list[int]:
    ### BEGIN SOLUTION
    counts = Counter(values)
    return [value for value, n in counts.items() if n >= k] or [-1]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert repeated([4, 5, 2, 5, 4, 3, 1, 3, 4], 2) == [4, 5, 3], f"got {repeated([4, 5, 2, 5, 4, 3, 1, 3, 4], 2)}"
assert repeated([1, 2, 3], 2) == [-1], "nothing repeats: [-1]"

# %% course={"kind": "test", "points": 1}
assert repeated([9, 9, 9, 1, 1], 3) == [9], "each value once, even if it appears many times"
assert repeated([7, 3, 3, 7], 1) == [7, 3], "order of first appearance, not sorted"
### BEGIN HIDDEN TESTS
assert repeated([], 1) == [-1]
assert repeated([5] * 1000 + [2] * 999, 1000) == [5]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keeps-duplicates", "fails": ["t1", "t2"]}
def repeated(values, k):
    return [v for v in values if values.count(v) >= k] or [-1]

# %% course={"kind": "wrong", "id": "sorted-output", "fails": ["t1", "t2"]}
from collections import Counter


def repeated(values, k):
    return sorted(v for v, n in Counter(values).items() if n >= k) or [-1]

# %% [markdown] course={"kind": "exercise", "id": "normalise-hosts", "item": "dsa-map-and-filter"}
# ### Problem: Clean a host list with map and filter (after HackerRank's *Map and Filter*)
#
# An inventory file has one host per line, with stray spaces, mixed case and blank lines.
# Write `clean_hosts(lines)` using `map` and `filter` (the tests check that both are called)
# that returns a list of the host names, stripped of surrounding whitespace and lower-cased,
# with blank (or whitespace-only) lines dropped. Any iterable of lines works.
#
# ```python
# clean_hosts(["  Web-01 ", "", "DB-02", "   "])   # ['web-01', 'db-02']
# ```

# %% [markdown] course={"kind": "hint"}
# Order matters: strip first, then filter. A line of spaces is truthy until it is stripped.

# %% [markdown] course={"kind": "hint"}
# `list(filter(None, map(str.lower, map(str.strip, lines))))`: `filter(None, ...)` keeps the
# truthy items.

# %% course={"kind": "solution"}
from typing import Iterable


def clean_hosts(lines: Iterable[str]) -> list[str]:
    ### BEGIN SOLUTION
    stripped = map(str.strip, lines)
    return list(map(str.lower, filter(None, stripped)))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert clean_hosts(["Web-01", "DB-02"]) == ["web-01", "db-02"], "lower-case the names"
assert clean_hosts(["  Web-01 ", "", "DB-02"]) == ["web-01", "db-02"], "strip spaces and drop empty lines"

# %% course={"kind": "test", "points": 1}
got = clean_hosts(["  Web-01 ", "", "DB-02", "   ", "\t"])
assert got == ["web-01", "db-02"], f"whitespace-only lines must be dropped too, got {got}"
### BEGIN HIDDEN TESTS
assert clean_hosts([]) == [] and clean_hosts(iter(["A\n"])) == ["a"]
assert clean_hosts(iter([])) == [] and clean_hosts(("\tX \r\n",)) == ["x"], "empty iterator; tabs and CRLF"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
import builtins


def run_with_spies(func, names, *args):
    """Call func(*args) with the built-ins `names` (map, filter) replaced by spies; return (result, names used)."""
    used, namespace, saved = [], func.__globals__, {}

    def spy_for(name):
        real = getattr(builtins, name)

        def spy(*spy_args):
            used.append(name)
            return real(*spy_args)

        return spy

    for name in names:
        if name in namespace:
            saved[name] = namespace[name]
        namespace[name] = spy_for(name)  # a global of the same name shadows the built-in
    try:
        return func(*args), used
    finally:
        for name in names:
            if name in saved:
                namespace[name] = saved[name]
            else:
                del namespace[name]


result, used = run_with_spies(clean_hosts, ["map", "filter"], [" A ", " "])
assert result == ["a"] and "map" in used and "filter" in used, f"clean_hosts should call map() and filter(); it called {sorted(set(used))}"

# %% course={"kind": "wrong", "id": "filter-before-strip", "fails": ["t2", "t3"]}
def clean_hosts(lines):
    return list(map(lambda s: s.strip().lower(), filter(None, lines)))

# %% course={"kind": "wrong", "id": "comprehension", "fails": ["t3"]}
def clean_hosts(lines):
    return [line.strip().lower() for line in lines if line.strip()]

# %% course={"kind": "wrong", "id": "returns-map", "fails": ["t1", "t2", "t3"]}
def clean_hosts(lines):
    return map(str.lower, filter(None, map(str.strip, lines)))

# %% [markdown] course={"kind": "exercise", "id": "fraction-product", "item": "dsa-reduce-function"}
# ### Problem: Multiply fractions with reduce (after HackerRank's *Reduce Function*)
#
# Write `multiply_fractions(pairs)` that takes a list of fractions as `(numerator, denominator)`
# pairs and returns their product as a tuple `(numerator, denominator)` **in lowest terms**
# (denominator positive; zero is `(0, 1)`). Use `functools.reduce` (the tests check that it is
# called). The product of no fractions is `(1, 1)`.
#
# ```python
# multiply_fractions([(1, 2), (3, 4), (10, 6)])   # (5, 8)
# ```

# %% [markdown] course={"kind": "hint"}
# `fractions.Fraction(n, d)` reduces itself; multiplying two `Fraction`s gives a `Fraction`.

# %% [markdown] course={"kind": "hint"}
# `reduce(operator.mul, (Fraction(n, d) for n, d in pairs), Fraction(1))`, then return
# `(result.numerator, result.denominator)`.

# %% course={"kind": "solution"}
import operator
from fractions import Fraction
from functools import reduce


def multiply_fractions(pairs: list[tuple[int, int]]) -> tuple[int, int]:
    ### BEGIN SOLUTION
    result = reduce(operator.mul, (Fraction(n, d) for n, d in pairs), Fraction(1))
    return result.numerator, result.denominator
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert multiply_fractions([(1, 2), (3, 4), (10, 6)]) == (5, 8), f"got {multiply_fractions([(1, 2), (3, 4), (10, 6)])}: reduce to lowest terms"
assert multiply_fractions([(2, 3)]) == (2, 3), "one fraction is its own product"
assert multiply_fractions([(0, 5), (3, 4)]) == (0, 1), "a zero factor gives (0, 1)"

# %% course={"kind": "test", "points": 1}
assert multiply_fractions([]) == (1, 1), "the product of no fractions is 1/1"
### BEGIN HIDDEN TESTS
assert multiply_fractions([(1, -2), (3, 1)]) == (-3, 2), "the sign goes on the numerator"
assert multiply_fractions([(n, n + 1) for n in range(1, 100)]) == (1, 100)
assert multiply_fractions([(2, -3), (-3, 4)]) == (1, 2), "two negatives make a positive"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
import functools


def run_with_reduce_spy(func, *args):
    """Call func(*args) with functools.reduce replaced by a spy; return (result, whether reduce was called)."""
    used, real, namespace = [], functools.reduce, func.__globals__
    saved = namespace.get("reduce")

    def spy(*spy_args):
        used.append("reduce")
        return real(*spy_args)

    functools.reduce = spy  # for `functools.reduce(...)` and imports inside the function
    if saved is real:
        namespace["reduce"] = spy  # for `from functools import reduce` at the top of the cell
    try:
        return func(*args), bool(used)
    finally:
        functools.reduce = real
        if saved is real:
            namespace["reduce"] = real


result, used = run_with_reduce_spy(multiply_fractions, [(1, 2), (2, 3)])
assert result == (1, 3) and used, "multiply_fractions should call functools.reduce"

# %% course={"kind": "wrong", "id": "not-reduced", "fails": ["t1", "t2", "t3"]}
from functools import reduce


def multiply_fractions(pairs):
    return reduce(lambda a, b: (a[0] * b[0], a[1] * b[1]), pairs, (1, 1))

# %% course={"kind": "wrong", "id": "loop", "fails": ["t3"]}
from fractions import Fraction


def multiply_fractions(pairs):
    result = Fraction(1)
    for n, d in pairs:
        result *= Fraction(n, d)
    return result.numerator, result.denominator

# %% course={"kind": "wrong", "id": "returns-fraction", "fails": ["t1", "t2", "t3"]}
import operator
from fractions import Fraction
from functools import reduce


def multiply_fractions(pairs):
    return reduce(operator.mul, (Fraction(n, d) for n, d in pairs), Fraction(1))

# %% course={"kind": "wrong", "id": "no-initial", "fails": ["t2"]}
import operator
from fractions import Fraction
from functools import reduce


def multiply_fractions(pairs):
    result = reduce(operator.mul, (Fraction(n, d) for n, d in pairs))
    return result.numerator, result.denominator

# %% [markdown] course={"kind": "exercise", "id": "frequency-sort", "item": "dsa-sort-characters-by-frequency"}
# ### Problem: Order characters by how often they occur (after LeetCode's *Sort Characters By Frequency*)
#
# Write `by_frequency(text)` that rearranges the characters of `text` so that the most frequent
# character comes first, with **all copies of a character together**. Characters that occur
# equally often keep the order of their first appearance in `text`. Upper and lower case are
# different characters.
#
# ```python
# by_frequency("tree")     # 'eetr'
# by_frequency("abab")     # 'aabb'
# by_frequency("Aabb")     # 'bbAa'
# ```

# %% [markdown] course={"kind": "hint"}
# `Counter(text)` keeps first-appearance order; `sorted(..., key=...)` is stable, so ties keep
# that order if you sort by `-count`.

# %% [markdown] course={"kind": "hint"}
# After sorting the (character, count) pairs, build the result with `char * count` for each.

# %% course={"kind": "solution"}
from collections import Counter


def by_frequency(text: str) -> str:
    ### BEGIN SOLUTION
    counts = Counter(text)
    ordered = sorted(counts.items(), key=lambda pair: -pair[1])
    return "".join(char * n for char, n in ordered)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert by_frequency("tree") == "eetr", f"got {by_frequency('tree')!r}"
assert by_frequency("") == "" and by_frequency("z") == "z", "empty and one-character texts come back unchanged"

# %% course={"kind": "test", "points": 1}
assert by_frequency("abab") == "aabb", "all copies of a character stay together"
assert by_frequency("Aabb") == "bbAa", "ties keep the order of first appearance; case matters"
### BEGIN HIDDEN TESTS
assert by_frequency("cccaaab") == "cccaaab"
text = "the quick brown fox jumps over the lazy dog"
got = by_frequency(text)
assert sorted(got) == sorted(text), "every character must be kept"
assert got.startswith("        o"), "8 spaces first, then the 4 o's"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unique-only", "fails": ["t1", "t2"]}
from collections import Counter


def by_frequency(text):
    counts = Counter(text)
    return "".join(sorted(counts, key=counts.get, reverse=True))

# %% course={"kind": "wrong", "id": "not-grouped", "fails": ["t2"]}
def by_frequency(text):
    return "".join(sorted(text, key=lambda c: -text.count(c)))

# %% [markdown] course={"kind": "exercise", "id": "group-anagrams", "item": "dsa-group-anagrams"}
# ### Problem: Group words that are anagrams (after LeetCode's *Group Anagrams*)
#
# Write `group_anagrams(words)` that groups together the words made of exactly the same letters
# (same letters, same counts). Return a list of groups; the groups appear in the order of their
# first word in the input, and words within a group keep their input order.
#
# ```python
# group_anagrams(["listen", "pots", "silent", "stop", "tops", "enlist", "post"])
# # [['listen', 'silent', 'enlist'], ['pots', 'stop', 'tops', 'post']]
# ```

# %% [markdown] course={"kind": "hint"}
# Anagrams become identical once their letters are sorted. That sorted form is a good
# dictionary **key**, but `sorted(word)` is a list, which cannot be a key: join it into a string
# or make it a tuple.

# %% [markdown] course={"kind": "hint"}
# `groups = {}` then `groups.setdefault(key, []).append(word)`; dicts keep insertion order, so
# `list(groups.values())` is already in first-appearance order.

# %% course={"kind": "solution"}
def group_anagrams(words: list[str]) -> list[list[str]]:
    ### BEGIN SOLUTION
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = group_anagrams(["listen", "pots", "silent", "stop", "tops", "enlist", "post"])
assert got == [["listen", "silent", "enlist"], ["pots", "stop", "tops", "post"]], f"got {got}"
assert group_anagrams([]) == [], "no words, no groups"

# %% course={"kind": "test", "points": 1}
got = group_anagrams(["aab", "abb", "bab", "aba"])
assert got == [["aab", "aba"], ["abb", "bab"]], f"letter counts matter, not just which letters appear: got {got}"
### BEGIN HIDDEN TESTS
assert group_anagrams(["", "", "a"]) == [["", ""], ["a"]]
assert group_anagrams(["Tea", "eat"]) == [["Tea"], ["eat"]], "case-sensitive"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "set-key", "fails": ["t2"]}
def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault(frozenset(word), []).append(word)
    return list(groups.values())

# %% course={"kind": "wrong", "id": "sorted-groups", "fails": ["t1"]}
def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return sorted(sorted(g) for g in groups.values())

# %% [markdown] course={"kind": "answer", "question": "q-what-are-higher-order-functions"}
# Functions that take other functions as arguments, return functions, or both. `map`, `filter`,
# `sorted(key=...)`, `functools.reduce` and `functools.partial` take functions; factories and
# decorators return them. They let you separate *what varies* (the function passed in) from the
# machinery around it (iteration, retries, caching, timing), which is how plugin hooks,
# middleware and retry wrappers are built.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-map-vs-a-list"}
# Use a comprehension by default: it handles transforming and filtering in one readable
# expression and needs no lambda. `map` is nicer when you already have a named function
# (`map(str.strip, lines)`, `map(int, fields)`), and when you want laziness you can get it from
# `map` or from a generator expression. `map(lambda x: ..., items)` is usually both slower and
# harder to read than the equivalent comprehension. Remember `map` returns an iterator, not a list.

# %% [markdown] course={"kind": "answer", "question": "q-explain-functools-partial-with-an"}
# `partial(func, *args, **kwargs)` returns a new callable with some arguments of `func` already
# fixed; arguments given later are added after them. Example: with
# `def send(method, url, *, timeout=10)`, `get = partial(send, "GET", timeout=5)` makes
# `get("/health")` mean `send("GET", "/health", timeout=5)`, and `get("/slow", timeout=60)` still
# overrides the timeout. Compared with a lambda it is introspectable (`.func`, `.args`,
# `.keywords`), picklable when the function is, and binds the values at creation time, so it
# avoids late-binding surprises in loops.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-memoization-and-how-does-lru"}
# Memoization is caching a function's results by its arguments, so repeated calls return the
# stored result instead of recomputing. `functools.lru_cache(maxsize=N)` wraps a function with a
# dict keyed by the (hashable) arguments; on a hit it returns the stored value, on a miss it
# calls the function and stores the result, evicting the least recently used entry when more
# than `N` are kept (`maxsize=None`, or `functools.cache`, never evicts). `cache_info()` reports
# hits and misses and `cache_clear()` empties it. It turns exponential recursions such as
# Fibonacci into linear ones, but must only wrap pure functions with hashable arguments.

# %% course={"kind": "trap", "trap": "trap-overusing-lambda-makes-code-unreadable"}
# The same rule twice: once as nested lambdas, once with a named function.
from functools import reduce

events = [("api", 503), ("web", 200), ("db", 500), ("api", 502)]
dense = dict(reduce(lambda acc, e: {**acc, e[0]: acc.get(e[0], 0) + (lambda c: 1 if c >= 500 else 0)(e[1])}, events, {}))


def count_server_errors(events):
    counts = {}
    for service, code in events:
        if code >= 500:
            counts[service] = counts.get(service, 0) + 1
    return counts


print("lambda soup :", dense)
print("named + loop:", count_server_errors(events), "<- and the soup quietly added web: 0; did you spot it?")

# %% course={"kind": "trap", "trap": "trap-map-and-filter-return-iterators-not"}
# map() gives an iterator: no len(), no indexing, and printing shows an object, not values.
ports = map(int, ["80", "443", "8080"])
print("ports is a", type(ports).__name__, "object, not a list")
try:
    print(len(ports))
except TypeError as err:
    print("TypeError:", err)
print(list(ports), "<- wrap in list() when you need a list")

# %% course={"kind": "trap", "trap": "trap-not-understanding-lazy-evaluation-of-map"}
# A lazy iterator is used up after one pass, and does its work only when consumed.
checked = []


def probe(host):
    checked.append(host)
    return f"{host}: ok"


results = map(probe, ["web", "db"])
print("hosts probed before consuming:", checked)  # nothing has run yet
print("first pass :", list(results))
print("second pass:", list(results), "<- empty: the iterator is exhausted")

# %% course={"kind": "trap", "trap": "trap-using-reduce-when-a-simple-loop-is"}
# Finding the newest backup per database with reduce works, but nobody wants to review it.
from functools import reduce

backups = [("db1", "2024-05-01"), ("db2", "2024-05-03"), ("db1", "2024-05-04")]
clever = reduce(lambda acc, b: {**acc, b[0]: max(acc.get(b[0], ""), b[1])}, backups, {})

plain = {}
for name, date in backups:
    if date > plain.get(name, ""):
        plain[name] = date

print(clever == plain, plain)
