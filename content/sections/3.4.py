# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write a recursive function by finding its base case and
# its smaller sub-problem, predict its call stack and its cost, memoise it when it repeats work,
# and turn it into a loop when the input is too deep for Python's recursion limit.

# %% course={"kind": "setup", "id": "recursion-probe"}
# A measuring tool for the tests of this notebook: how deeply a call nests calls of functions
# written in the notebook. A function that really recurses n levels deep reaches depth n or more;
# a loop (even around `sorted()` or `os.walk()`) stays at 1 or 2.
import sys

from course.runtime.meters import recursion_depth

# %% [markdown] course={"kind": "lesson", "id": "what-is-recursion", "covers": ["c-what-is-recursion", "c-base-case-and-recursive-case"]}
# ### Recursion: a function that calls itself
#
# A **recursive** function solves a problem by solving a *smaller instance of the same problem*
# and building on the answer. Every correct recursive function has two parts:
#
# - the **base case**: an input small enough to answer directly, with no further call (an empty
#   folder, a leaf of a tree, `n == 0`);
# - the **recursive case**: split off a little work, call the function on what is left, and
#   combine. Every recursive call must move *towards* a base case.
#
# Recursion fits data that is itself nested: directory trees, nested JSON/YAML configs,
# dependency graphs, ASTs. The classic mistake is a base case that some input never reaches
# (`if n == 1` when `n` can be `0`): the calls go on until Python gives up.

# %% course={"kind": "demo"}
config = {
    "service": "api",
    "resources": {"cpu": "500m", "memory": "1Gi"},
    "probes": {"liveness": {"path": "/healthz", "period": 10}, "readiness": {"path": "/ready"}},
}


def count_settings(node):
    """Count the leaf values in a nested dict."""
    if not isinstance(node, dict):  # base case: a plain value is one setting
        return 1
    return sum(count_settings(child) for child in node.values())  # recursive case: the children


print("settings:", count_settings(config))
print("settings in probes only:", count_settings(config["probes"]))

# %% [markdown] course={"kind": "lesson", "id": "call-stack", "covers": ["c-call-stack-visualization", "c-stack-overflow-and-recursion-limits", "c-sys-setrecursionlimit"]}
# ### The call stack, and Python's recursion limit
#
# Each call gets a **frame**: its own local variables and the place to return to. Frames are
# kept on the **call stack**; a call pushes a frame, a `return` pops it. A recursive function
# that goes `n` levels deep has `n` frames alive at once, each waiting for the one above it.
#
# CPython caps the depth at `sys.getrecursionlimit()` (1000 by default) and raises
# `RecursionError` past it, instead of letting the process crash with a real stack overflow.
# `sys.setrecursionlimit(n)` raises the cap, but each frame still costs memory, and a recursion
# that passes through C code (a built-in such as `max()` or `sorted()` calling back into your
# function) also uses the interpreter's own C stack. On Python 3.11 a high limit can then
# crash the interpreter outright (a segmentation fault); from 3.12 C code has a separate guard,
# which `sys.setrecursionlimit()` does not raise. Raise the limit a little, in a controlled
# place, or better, write the deep case as a loop.

# %% course={"kind": "demo"}
import sys


def factorial(n, depth=0):
    pad = "    " * depth
    print(f"{pad}push factorial({n})")
    result = 1 if n <= 1 else n * factorial(n - 1, depth + 1)
    print(f"{pad}pop  factorial({n}) -> {result}")
    return result


factorial(4)


def count_down(n):
    return 0 if n == 0 else count_down(n - 1)


limit = sys.getrecursionlimit()
print("\nrecursion limit:", limit)
try:
    count_down(limit + 500)
except RecursionError as err:
    print("RecursionError:", err)

sys.setrecursionlimit(limit + 2000)  # raise it briefly...
try:
    print("with a higher limit count_down finished:", count_down(limit + 500))
finally:
    sys.setrecursionlimit(limit)  # ...and always put it back

# %% [markdown] course={"kind": "lesson", "id": "recursion-vs-iteration", "covers": ["c-recursive-vs-iterative-solutions", "c-tail-recursion-and-why-python-doesn-t", "c-converting-recursion-to-iteration"]}
# ### Recursion vs iteration, tail calls, and converting one to the other
#
# Anything recursive can be written with a loop, and the other way round. Choose by shape:
# a loop for a flat sequence; recursion when the data branches (trees, nested configs), where it
# is usually shorter and clearer.
#
# A **tail call** is a recursive call that is the very last thing a function does
# (`return walk(rest, acc + x)`). Some languages reuse the frame for it (tail-call
# optimisation), so tail recursion costs no stack. **CPython does not**: Guido van Rossum chose
# to keep complete tracebacks, so a tail-recursive function still hits the recursion limit.
#
# Two standard conversions:
#
# 1. **tail recursion → loop**: the parameters that change become variables updated in a
#    `while` loop;
# 2. **general recursion → explicit stack**: push the work you would have recursed into onto a
#    list, and loop `while stack:`. The list lives on the heap, so depth is limited only by memory.

# %% course={"kind": "demo"}
def total_tail(items, i=0, acc=0):
    if i == len(items):
        return acc
    return total_tail(items, i + 1, acc + items[i])  # a tail call, but still a new frame


def total_loop(items):
    i, acc = 0, 0
    while i < len(items):  # the same parameters, now loop variables
        i, acc = i + 1, acc + items[i]
    return acc


numbers = list(range(5000))
try:
    total_tail(numbers)
except RecursionError:
    print("tail-recursive version: RecursionError (no tail-call optimisation)")
print("loop version:", total_loop(numbers))


def nested_sum(data):  # recursive
    return sum(nested_sum(x) if isinstance(x, list) else x for x in data)


def nested_sum_stack(data):  # the same walk with an explicit stack
    total, stack = 0, [data]
    while stack:
        for x in stack.pop():
            if isinstance(x, list):
                stack.append(x)
            else:
                total += x
    return total


deep = [1]
for _ in range(3000):
    deep = [deep, 1]
print("small input agrees:", nested_sum([1, [2, [3]]]), nested_sum_stack([1, [2, [3]]]))
try:
    nested_sum(deep)
except RecursionError:
    print("3000 levels: recursive version fails, explicit stack gives", nested_sum_stack(deep))

# %% [markdown] course={"kind": "lesson", "id": "recursive-patterns", "covers": ["c-common-recursive-patterns", "c-linear-recursion", "c-binary-recursion-tree-recursion", "c-mutual-recursion"]}
# ### Three shapes of recursion
#
# - **Linear recursion**: one recursive call per step (length of a chain, sum of a list). Depth
#   and total calls both grow like `n`.
# - **Binary (tree) recursion**: two or more calls per step (walking a binary tree, naive
#   Fibonacci). The calls form a tree: on a real tree that is fine, but when the calls overlap
#   (Fibonacci computes `fib(3)` many times) the count explodes exponentially.
# - **Mutual recursion**: `a()` calls `b()` which calls `a()`. Natural for grammars and nested
#   formats: rendering a config where dicts contain lists contain dicts.

# %% course={"kind": "demo"}
def chain_length(node):  # linear: one call per step
    return 0 if node is None else 1 + chain_length(node[1])


calls = 0


def fib(n):  # binary: two calls per step
    global calls
    calls += 1
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def render(value, indent=0):  # mutual: render -> render_dict / render_list -> render
    if isinstance(value, dict):
        return render_dict(value, indent)
    if isinstance(value, list):
        return render_list(value, indent)
    return " " * indent + str(value)


def render_dict(d, indent):
    lines = []
    for key, value in d.items():
        if isinstance(value, (dict, list)):
            lines += [" " * indent + f"{key}:", render(value, indent + 2)]
        else:
            lines.append(" " * indent + f"{key}: {value}")
    return "\n".join(lines)


def render_list(items, indent):
    lines = []
    for item in items:
        if isinstance(item, (dict, list)):
            lines += [" " * indent + "-", render(item, indent + 2)]
        else:
            lines.append(" " * indent + f"- {item}")
    return "\n".join(lines)


print("chain length:", chain_length(("a", ("b", ("c", None)))))
print("fib(20) =", fib(20), "took", calls, "calls")
print(render({"service": "api", "ports": [80, 443], "env": {"LOG": "debug"}, "sidecars": [{"name": "proxy", "ports": [15001]}]}))

# %% [markdown] course={"kind": "lesson", "id": "recursive-data", "covers": ["c-recursive-data-structures", "c-linked-lists", "c-trees", "c-nested-dictionaries"]}
# ### Recursive data structures
#
# A structure is recursive when part of it has the same shape as the whole:
#
# - a **linked list** is either empty or *a value plus a (shorter) linked list*;
# - a **tree** is *a value plus a list of trees* (its children): a directory, an org chart,
#   a Kubernetes owner hierarchy;
# - a **nested dict** is *a dict whose values may be dicts*: every JSON/YAML config.
#
# The code mirrors the definition: one branch for the "empty/leaf" form (the base case) and one
# for the "contains more of the same" form. A helper that reads `a.b.c` paths out of a nested
# config is the everyday example.

# %% course={"kind": "demo"}
linked = ("deploy", ("test", ("build", None)))  # a linked list as nested pairs


def to_list(node):
    return [] if node is None else [node[0]] + to_list(node[1])


tree = {"name": "/", "children": [
    {"name": "etc", "children": [{"name": "nginx.conf", "children": []}]},
    {"name": "var", "children": [{"name": "log", "children": [{"name": "app.log", "children": []}]}]},
]}


def paths(node, prefix=""):
    here = prefix.rstrip("/") + "/" + node["name"] if prefix else node["name"]
    if not node["children"]:
        return [here]
    return [p for child in node["children"] for p in paths(child, here)]


settings = {"db": {"primary": {"host": "10.0.0.5", "port": 5432}}}


def get_path(d, dotted):
    head, _, rest = dotted.partition(".")
    return d[head] if not rest else get_path(d[head], rest)


print(to_list(linked))
print(paths(tree))
print(get_path(settings, "db.primary.port"))

# %% [markdown] course={"kind": "lesson", "id": "memoization", "covers": ["c-memoization-for-recursive-functions"]}
# ### Memoization for recursive functions
#
# When a tree recursion solves the same sub-problem again and again, remember each answer the
# first time: a dict from arguments to results (or `functools.lru_cache`). The number of calls
# drops from exponential to one per distinct sub-problem. This is the step from "recursion" to
# "dynamic programming".
#
# Memoise only **pure** functions (the answer depends on the arguments alone) with hashable
# arguments. In a long-running service, prefer a bounded cache (`maxsize=...`), or the cache
# becomes a memory leak.

# %% course={"kind": "demo"}
import functools

naive_calls = 0


def ways_naive(steps):  # ways to climb `steps` stairs taking 1, 2 or 3 at a time
    global naive_calls
    naive_calls += 1
    if steps < 0:
        return 0
    if steps == 0:
        return 1
    return ways_naive(steps - 1) + ways_naive(steps - 2) + ways_naive(steps - 3)


@functools.lru_cache(maxsize=None)
def ways_memo(steps):
    if steps < 0:
        return 0
    if steps == 0:
        return 1
    return ways_memo(steps - 1) + ways_memo(steps - 2) + ways_memo(steps - 3)


print("naive:", ways_naive(20), "with", naive_calls, "calls")
print("memo: ", ways_memo(20), "with", ways_memo.cache_info().misses, "computed calls")

# %% [markdown] course={"kind": "lesson", "id": "when-to-recurse", "covers": ["c-when-to-use-recursion", "c-tree-graph-traversal", "c-divide-and-conquer", "c-backtracking", "c-when-not-to-use-recursion"]}
# ### When to use recursion, and when not
#
# | use it for | because | examples |
# |---|---|---|
# | tree and graph traversal | the data branches; each child is a smaller tree | directory walks, JSON/YAML, dependency resolution |
# | divide and conquer | split into halves, solve each, combine | merge sort, binary search, fast power |
# | backtracking | try a choice, recurse, undo it, try the next | generating combinations, permutations, config search |
#
# Avoid it when the problem is a flat sequence (a loop is clearer and has no depth limit), when
# the depth can grow with untrusted input (a 10,000-level JSON document from a user), when
# branches overlap and you cannot memoise, or in hot loops where the extra call cost matters.
#
# The demo resolves a service start order by depth-first traversal of a dependency graph
# (what a package manager or `docker compose` does) and finds instance mixes by backtracking.

# %% course={"kind": "demo"}
depends_on = {"web": ["api", "cache"], "api": ["db", "queue"], "worker": ["queue", "db"], "cache": [], "db": [], "queue": []}


def start_order(services):
    order, done = [], set()

    def visit(name):  # graph traversal: start dependencies first
        if name in done:
            return
        for dep in depends_on[name]:
            visit(dep)
        done.add(name)
        order.append(name)

    for name in services:
        visit(name)
    return order


print("start order:", start_order(["web", "worker"]))

sizes = {"small": 2, "medium": 4, "large": 8}


def mixes(budget, options, chosen=()):  # backtracking: choose, recurse, move on
    if budget == 0:
        return [chosen]
    found = []
    for i, name in enumerate(options):
        if sizes[name] <= budget:
            found += mixes(budget - sizes[name], options[i:], chosen + (name,))
    return found


print("ways to fill 8 vCPUs:", mixes(8, list(sizes)))

# %% [markdown] course={"kind": "exercise", "id": "factorial-two-ways", "item": "x-implement-factorial-recursively-and"}
# ### Factorial, recursively and iteratively
#
# `n!` is `1 × 2 × ... × n`, and `0! = 1`. Write **both**
#
# - `factorial_recursive(n)`, which calls itself (the tests measure how deep the calls go), and
# - `factorial_iterative(n)`, which uses a loop and no recursion (so it works for `n = 3000`,
#   far deeper than the recursion limit).
#
# Both return an `int` and raise `ValueError` for a negative `n`.
#
# ```python
# factorial_recursive(5)    # 120
# factorial_iterative(0)    # 1
# ```

# %% [markdown] course={"kind": "hint"}
# The base case is `n == 0` (not `n == 1`: then `factorial(0)` would never stop).

# %% [markdown] course={"kind": "hint"}
# For the loop: `result = 1`, then multiply by every number in `range(2, n + 1)`.

# %% course={"kind": "solution", "equivalent": {"m-3209c2d0": "multiplying by 1 first changes nothing"}}
def factorial_recursive(n: int) -> int:
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("factorial of a negative number")
    if n == 0:
        return 1
    return n * factorial_recursive(n - 1)
    ### END SOLUTION


def factorial_iterative(n: int) -> int:
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("factorial of a negative number")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert factorial_recursive(5) == 120, f"5! is 120, got {factorial_recursive(5)}"
assert factorial_recursive(0) == 1 and type(factorial_recursive(0)) is int, "0! is the int 1: the base case"
assert factorial_recursive(1) == 1, "1! is 1"
value, depth = recursion_depth(factorial_recursive, 50)
assert value == 30414093201713378043612608166064768844377641568960512000000000000, "50! came out wrong"
assert depth >= 50, f"factorial_recursive(50) went only {depth} call(s) deep: it should call itself once per level"

# %% course={"kind": "test", "points": 1}
assert factorial_iterative(5) == 120, f"5! is 120, got {factorial_iterative(5)}"
assert factorial_iterative(0) == 1 and factorial_iterative(1) == 1, "0! and 1! are both 1"
assert type(factorial_iterative(10)) is int, "return an int (no float arithmetic)"
### BEGIN HIDDEN TESTS
import math

assert all(factorial_iterative(n) == math.factorial(n) for n in range(30))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import math

assert factorial_iterative(3000) == math.factorial(3000), "the loop version must handle n = 3000 (no recursion)"
assert factorial_recursive(300) == math.factorial(300), "the recursive version handles n = 300"
for func in (factorial_recursive, factorial_iterative):
    try:
        func(-1)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{func.__name__}(-1) must raise ValueError")

# %% course={"kind": "wrong", "id": "recursive-in-name-only", "fails": ["t1"]}
import math


def factorial_recursive(n):
    if n < 0:
        raise ValueError("negative")
    return math.factorial(n)  # correct values, but no recursion


def factorial_iterative(n):
    if n < 0:
        raise ValueError("negative")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result

# %% course={"kind": "wrong", "id": "base-case-one", "fails": ["t1"]}
def factorial_recursive(n):
    if n < 0:
        raise ValueError("negative")
    if n == 1:
        return 1
    return n * factorial_recursive(n - 1)


def factorial_iterative(n):
    if n < 0:
        raise ValueError("negative")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result

# %% course={"kind": "wrong", "id": "off-by-one-loop", "fails": ["t2", "t3"]}
def factorial_recursive(n):
    if n < 0:
        raise ValueError("negative")
    return 1 if n == 0 else n * factorial_recursive(n - 1)


def factorial_iterative(n):
    if n < 0:
        raise ValueError("negative")
    result = 1
    for k in range(1, n):
        result *= k
    return result

# %% course={"kind": "wrong", "id": "iterative-recurses", "fails": ["t3"]}
def factorial_recursive(n):
    if n < 0:
        raise ValueError("negative")
    return 1 if n == 0 else n * factorial_recursive(n - 1)


def factorial_iterative(n):
    return factorial_recursive(n)

# %% [markdown] course={"kind": "exercise", "id": "fib-two-ways", "item": "x-implement-fibonacci-with-and-without"}
# ### Fibonacci with and without memoization
#
# With `F(0) = 0`, `F(1) = 1` and `F(n) = F(n-1) + F(n-2)`, write
#
# - `fib_plain(n)`: the direct recursive definition, no memo (fine for small `n` only);
# - `fib_memo(n, memo=None)`: the same recursion, but with a `memo` dict mapping `n` to `F(n)`.
#   If no dict is given, make a new one (not a `{}` default, which every call would share). Look
#   in the memo before computing, store every result you compute, and **pass the same dict
#   down** to the recursive calls.
#
# The tests hand `fib_memo` their own dict and then look inside it, and measure how deep the
# calls of both functions go.
#
# ```python
# fib_plain(10)    # 55
# memo = {}
# fib_memo(30, memo)   # 832040; afterwards memo holds F(2) ... F(30)
# ```

# %% [markdown] course={"kind": "hint"}
# Do not write `memo={}` as the default: that one dict would be shared by every call that
# leaves it out (section 3.1). Use `None` and create the dict inside.

# %% [markdown] course={"kind": "hint"}
# `if n in memo: return memo[n]`; otherwise compute `fib_memo(n - 1, memo) + fib_memo(n - 2,
# memo)`, store it in `memo[n]` and return it.

# %% course={"kind": "solution"}
from typing import Optional


def fib_plain(n: int) -> int:
    ### BEGIN SOLUTION
    if n < 2:
        return n
    return fib_plain(n - 1) + fib_plain(n - 2)
    ### END SOLUTION


def fib_memo(n: int, memo: Optional[dict] = None) -> int:
    ### BEGIN SOLUTION
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo)
    return memo[n]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert [fib_plain(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34], "the first ten Fibonacci numbers"
assert fib_plain(20) == 6765, "F(20) is 6765"
value, depth = recursion_depth(fib_plain, 15)
assert value == 610 and depth >= 14, f"fib_plain(15) went only {depth} call(s) deep: use the recursive definition"

# %% course={"kind": "test", "points": 2}
assert [fib_memo(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34], "the first ten Fibonacci numbers"
memo: dict = {}
assert fib_memo(20, memo) == 6765, "F(20) is 6765"
assert all(k in memo for k in range(2, 21)), f"the memo should hold every F(k) for k = 2..20, it has {sorted(memo)}"
rigged = {20: -1}
assert fib_memo(21, rigged) == 4180, "fib_memo must look in the memo it is given (here F(20) is rigged to -1)"

# %% course={"kind": "test", "points": 1}
probe: dict = {}
fib_memo(15, probe)
assert len(probe) >= 10, "fill the memo you are given, and pass it down, before trying big n"
assert fib_memo(90) == 2880067194370816120, "fib_memo(90) must be fast and exact"
### BEGIN HIDDEN TESTS
assert fib_memo(400) == 176023680645013966468226945392411250770384383304492191886725992896575345044216019675
value, depth = recursion_depth(fib_memo, 60, {})
assert value == 1548008755920 and depth >= 50, f"fib_memo(60, {{}}) went only {depth} call(s) deep: it should recurse"
shared = [d for d in fib_memo.__defaults__ or () if isinstance(d, dict)]
assert not any(shared), f"a dict default is shared by every call and keeps growing: {len(shared[0])} entries"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "memo-not-passed-down", "fails": ["t2", "t3"]}
def fib_plain(n):
    return n if n < 2 else fib_plain(n - 1) + fib_plain(n - 2)


def fib_memo(n, memo=None):
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_memo(n - 1) + fib_memo(n - 2)
    return memo[n]

# %% course={"kind": "wrong", "id": "plain-loop", "fails": ["t1"]}
def fib_plain(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_memo(n, memo=None):
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo)
    return memo[n]

# %% course={"kind": "wrong", "id": "dict-default", "fails": ["t3"]}
def fib_plain(n):
    return n if n < 2 else fib_plain(n - 1) + fib_plain(n - 2)


def fib_memo(n, memo={}):  # one dict for every call that leaves memo out
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo)
    return memo[n]

# %% course={"kind": "wrong", "id": "ignores-given-memo", "fails": ["t2", "t3"]}
def fib_plain(n):
    return n if n < 2 else fib_plain(n - 1) + fib_plain(n - 2)


def fib_memo(n, memo=None):
    cache = {0: 0, 1: 1}

    def go(k):
        if k not in cache:
            cache[k] = go(k - 1) + go(k - 2)
        return cache[k]

    return go(n)

# %% [markdown] course={"kind": "exercise", "id": "flatten-nested", "item": "x-write-a-recursive-function-to-flatten"}
# ### Flatten nested lists
#
# A config merge produces lists nested to any depth. Write a recursive `flatten(nested)` that
# returns a flat list of all the non-list items, in order. Lists **and tuples** are opened up;
# everything else (including strings, which are also iterable) is an item. The result is always
# a new `list`, also when the input is a tuple; the input is not changed. The tests check that
# `flatten` calls itself for the nested lists.
#
# ```python
# flatten([1, [2, [3, 4]], (5,), "six"])   # [1, 2, 3, 4, 5, 'six']
# ```

# %% [markdown] course={"kind": "hint"}
# For each element: if `isinstance(element, (list, tuple))`, extend the result with
# `flatten(element)`; otherwise append the element.

# %% [markdown] course={"kind": "hint"}
# Checking "is it iterable?" instead of "is it a list or tuple?" sends strings into the
# recursion, and a one-character string contains itself: infinite recursion.

# %% course={"kind": "solution"}
def flatten(nested: list | tuple) -> list:
    ### BEGIN SOLUTION
    flat = []
    for element in nested:
        if isinstance(element, (list, tuple)):
            flat.extend(flatten(element))
        else:
            flat.append(element)
    return flat
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert flatten([1, [2, [3, 4]]]) == [1, 2, 3, 4], f"got {flatten([1, [2, [3, 4]]])}"
assert flatten([]) == [] and flatten([[], [[]]]) == [], "empty lists contribute nothing"
nested = [1]
for level in range(12):
    nested = [nested, level]
value, depth = recursion_depth(flatten, nested)
assert value == [1, *range(12)] and depth >= 12, f"12 levels of nesting, but flatten went only {depth} call(s) deep: recurse"

# %% course={"kind": "test", "points": 1}
assert flatten([1, [2, [3, 4]], (5,), "six"]) == [1, 2, 3, 4, 5, "six"], "tuples open up; strings stay whole"
nested = [["a", ["b"]], {"k": 1}]
assert flatten(nested) == ["a", "b", {"k": 1}], "a dict is an item, not something to open"
assert nested == [["a", ["b"]], {"k": 1}], "the input must not change"
### BEGIN HIDDEN TESTS
deep = 0
for _ in range(200):
    deep = [deep]
assert flatten(deep) == [0], "200 levels deep"
assert flatten([None, [False, [0, "", []]]]) == [None, False, 0, ""], "falsy items are still items"
assert flatten((1, (2, [3]))) == [1, 2, 3] and type(flatten((1,))) is list, "a tuple input gives a list"
flat = [1, 2]
assert flatten(flat) == [1, 2] and flatten(flat) is not flat, "return a new list, even when nothing was nested"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-level", "fails": ["t1", "t2"]}
def flatten(nested):
    flat = []
    for element in nested:
        if isinstance(element, (list, tuple)):
            flat.extend(element)
        else:
            flat.append(element)
    return flat

# %% course={"kind": "wrong", "id": "explicit-stack", "fails": ["t1"]}
def flatten(nested):
    flat, stack = [], [iter(nested)]
    while stack:
        for element in stack[-1]:
            if isinstance(element, (list, tuple)):
                stack.append(iter(element))
                break
            flat.append(element)
        else:
            stack.pop()
    return flat

# %% course={"kind": "wrong", "id": "iterable-check", "fails": ["t2"]}
from collections.abc import Iterable


def flatten(nested):
    flat = []
    for element in nested:
        if isinstance(element, Iterable):
            flat.extend(flatten(element))
        else:
            flat.append(element)
    return flat

# %% [markdown] course={"kind": "exercise", "id": "binary-search", "item": "x-implement-binary-search-recursively"}
# ### Binary search, recursively
#
# Write a **recursive** `binary_search(items, target, lo=0, hi=None)` that returns an index of
# `target` in the sorted sequence `items`, or `-1` if it is absent. Search the half-open range
# `items[lo:hi]` (`hi=None` means `len(items)`): look at the middle item, then recurse into the
# half that can still hold the target. Pass **indexes** down, not slices: slicing copies the
# list at every level.
#
# The tests use a sequence that counts how many items you read and checks that the search
# really recurses.
#
# ```python
# binary_search([2, 5, 8, 12, 16, 23], 12)   # 3
# binary_search([2, 5, 8, 12, 16, 23], 7)    # -1
# ```

# %% [markdown] course={"kind": "hint"}
# Base case: `lo >= hi` means the range is empty, return `-1`. Otherwise
# `mid = (lo + hi) // 2` and read `items[mid]` once into a variable.

# %% [markdown] course={"kind": "hint"}
# If the middle value is smaller than the target, recurse with `lo=mid + 1`; if larger, with
# `hi=mid`; `return` the recursive call's result.

# %% course={"kind": "solution", "equivalent": {"m-ff42947c": "equality has already returned, so < and <= agree here"}}
from typing import Any, Optional, Sequence


def binary_search(items: Sequence, target: Any, lo: int = 0, hi: Optional[int] = None) -> int:
    ### BEGIN SOLUTION
    if hi is None:
        hi = len(items)
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    value = items[mid]
    if value == target:
        return mid
    if value < target:
        return binary_search(items, target, mid + 1, hi)
    return binary_search(items, target, lo, mid)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
data = [2, 5, 8, 12, 16, 23]
assert binary_search(data, 12) == 3, f"12 is at index 3, got {binary_search(data, 12)}"
assert [binary_search(data, x) for x in data] == list(range(6)), "every item is found at its index"

# %% course={"kind": "test", "points": 1}
data = [2, 5, 8, 12, 16, 23]
assert binary_search(data, 7) == -1 and binary_search(data, 1) == -1 and binary_search(data, 99) == -1, "absent values give -1"
assert binary_search([], 3) == -1, "an empty list has nothing to find"
assert binary_search(data, 23, 0, 5) == -1, "hi is excluded: items[0:5] does not hold 23 (index 5)"
assert binary_search(data, 2, 1) == -1 and binary_search(data, 8, 1, 3) == 2, "search only items[lo:hi]"
### BEGIN HIDDEN TESTS
assert binary_search([4], 4) == 0 and binary_search([4], 5) == -1
assert binary_search([-9, -3, 0], -3) == 1 and binary_search([-9, -3, 0], -4) == -1, "negative values"
assert binary_search(["api", "db", "web"], "db") == 1, "any sorted values, not only numbers"
big = list(range(0, 20000, 2))
assert all(binary_search(big, v) == v // 2 for v in range(0, 20000, 2))
assert all(binary_search(big, v) == -1 for v in range(1, 20000, 200))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import sys
from collections.abc import Sequence


class Probe(Sequence):
    """A sorted sequence that records each read and how deep the stack was at the time."""

    def __init__(self, values):
        self.values, self.reads, self.depths = list(values), 0, []

    def __len__(self):
        return len(self.values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            chunk = self.values[index]
            self.reads += len(chunk)
            return chunk
        self.reads += 1
        frame, depth = sys._getframe(1), 0
        while frame is not None:
            frame, depth = frame.f_back, depth + 1
        self.depths.append(depth)
        return self.values[index]


probe = Probe(range(1024))
assert binary_search(probe, 700) == 700, "700 is at index 700"
assert probe.reads <= 24, f"{probe.reads} items read; binary search on 1024 items needs about 11"
assert max(probe.depths) > min(probe.depths), "binary_search should call itself (the reads all happened at one stack depth)"

# %% course={"kind": "wrong", "id": "linear-scan", "fails": ["t2", "t3"]}
from typing import Any, Optional, Sequence
def binary_search(items, target, lo=0, hi=None):
    try:
        return items.index(target)
    except ValueError:
        return -1

# %% course={"kind": "wrong", "id": "slices-lose-offset", "fails": ["t1", "t2", "t3"]}
from typing import Any, Optional, Sequence
def binary_search(items, target, lo=0, hi=None):
    if not items:
        return -1
    mid = len(items) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return binary_search(items[mid + 1 :], target)
    return binary_search(items[:mid], target)

# %% course={"kind": "wrong", "id": "inclusive-hi", "fails": ["t2"]}
from typing import Any, Optional, Sequence
def binary_search(items, target, lo=0, hi=None):
    if hi is None:
        hi = len(items) - 1  # treats hi as the last index to search
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    value = items[mid]
    if value == target:
        return mid
    if value < target:
        return binary_search(items, target, mid + 1, hi)
    return binary_search(items, target, lo, mid - 1)

# %% course={"kind": "wrong", "id": "iterative", "fails": ["t3"]}
from typing import Any, Optional, Sequence
def binary_search(items, target, lo=0, hi=None):
    hi = len(items) if hi is None else hi
    while lo < hi:
        mid = (lo + hi) // 2
        value = items[mid]
        if value == target:
            return mid
        if value < target:
            lo = mid + 1
        else:
            hi = mid
    return -1

# %% [markdown] course={"kind": "exercise", "id": "list-files", "item": "x-write-a-function-to-traverse-a-directory"}
# ### Walk a directory tree
#
# Write a recursive `list_files(root)` that returns every **file** below the folder `root` (a
# `pathlib.Path`), at any depth, hidden ones (`.env`) included, as a list of paths relative to
# `root` written with `/`, sorted. Folders themselves are not listed. Use `Path.iterdir()` and
# your own recursion (no `os.walk`, no `rglob`): the tests measure how deep your calls go.
#
# ```python
# # root/
# #   app.py
# #   conf/
# #     base.yaml
# #     env/prod.yaml
# list_files(root)   # ['app.py', 'conf/base.yaml', 'conf/env/prod.yaml']
# ```

# %% [markdown] course={"kind": "hint"}
# Write a helper `walk(folder)` that loops over `folder.iterdir()`: a file is added to the
# result, a directory is walked in turn.

# %% [markdown] course={"kind": "hint"}
# `path.relative_to(root).as_posix()` gives the `conf/env/prod.yaml` form. Sort once at the end.

# %% course={"kind": "solution", "equivalent": {"m-d02cd435": "root is a Path (as the prompt says), so Path(root) changes nothing"}}
from pathlib import Path


def list_files(root: Path) -> list[str]:
    ### BEGIN SOLUTION
    root = Path(root)
    found: list[str] = []

    def walk(folder: Path) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry)
            elif entry.is_file():
                found.append(entry.relative_to(root).as_posix())

    walk(root)
    return sorted(found)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "app.py").write_text("print('hi')\n")
    (root / "README.md").write_text("# app\n")
    assert list_files(root) == ["README.md", "app.py"], f"got {list_files(root)}"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "conf" / "env").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / "app.py").write_text("")
    (root / "conf" / "base.yaml").write_text("a: 1\n")
    (root / "conf" / "env" / "prod.yaml").write_text("b: 2\n")
    got, depth = recursion_depth(list_files, root)
    assert got == ["app.py", "conf/base.yaml", "conf/env/prod.yaml"], f"files at every depth, no folders; got {got}"
    assert depth >= 3, f"conf/env is two folders down, but your calls went only {depth} deep: recurse into sub-folders"
    ### BEGIN HIDDEN TESTS
    deep = root / "d"
    for i in range(30):
        deep = deep / str(i)
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("")
    assert "d/" + "/".join(str(i) for i in range(30)) + "/x.txt" in list_files(root)
    assert list_files(root / "empty") == [], "an empty folder has no files"
    (root / "conf" / ".env").write_text("")
    (root / "conf" / "env" / "base.yaml").write_text("")
    assert [p for p in list_files(root) if p.startswith("conf/")] == ["conf/.env", "conf/base.yaml", "conf/env/base.yaml", "conf/env/prod.yaml"], "hidden files and equal names in different folders"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "top-level-only", "fails": ["t2"]}
from pathlib import Path


def list_files(root):
    return sorted(p.name for p in Path(root).iterdir() if p.is_file())

# %% course={"kind": "wrong", "id": "rglob", "fails": ["t2"]}
from pathlib import Path


def list_files(root):
    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

# %% course={"kind": "wrong", "id": "lists-folders", "fails": ["t2"]}
from pathlib import Path


def list_files(root):
    root = Path(root)
    found = []

    def walk(folder):
        for entry in folder.iterdir():
            found.append(entry.relative_to(root).as_posix())
            if entry.is_dir():
                walk(entry)

    walk(root)
    return sorted(found)

# %% [markdown] course={"kind": "exercise", "id": "merge-sort", "item": "x-implement-quicksort-or-mergesort"}
# ### Merge sort
#
# Write a recursive `merge_sort(items)` that returns a **new** sorted list: split the list in
# half, sort each half recursively, merge the two sorted halves yourself (no `sorted()`, no
# `list.sort()`). It must be **stable** (items that compare equal keep their original order) and
# make `O(n log n)` comparisons: the tests count them, and measure how deep your calls go.
#
# ```python
# merge_sort([5, 2, 9, 1, 5, 6])   # [1, 2, 5, 5, 6, 9]
# ```

# %% [markdown] course={"kind": "hint"}
# Base case: a list of 0 or 1 items is already sorted: return a copy. Otherwise
# `mid = len(items) // 2`, sort `items[:mid]` and `items[mid:]`, then merge.

# %% [markdown] course={"kind": "hint"}
# In the merge, take from the **left** half when `right[j] < left[i]` is false; that keeps equal
# items in their original order. Use only `<` for comparisons.

# %% course={"kind": "solution"}
def merge_sort(items: list) -> list:
    ### BEGIN SOLUTION
    if len(items) <= 1:
        return list(items)
    mid = len(items) // 2
    left, right = merge_sort(items[:mid]), merge_sort(items[mid:])
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if right[j] < left[i]:
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert merge_sort([5, 2, 9, 1, 5, 6]) == [1, 2, 5, 5, 6, 9], f"got {merge_sort([5, 2, 9, 1, 5, 6])}"
assert merge_sort([]) == [] and merge_sort([7]) == [7], "0 or 1 items are already sorted"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(7)
sample = [rng.randint(-1000, 1000) for _ in range(500)]
assert merge_sort(sample) == sorted(sample)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
data = [3, 1, 2]
result = merge_sort(data)
assert data == [3, 1, 2], "the input must not change"
assert result is not data and result == [1, 2, 3], "return a new, sorted list"
one, none = [7], []
assert merge_sort(one) is not one and merge_sort(none) is not none, "even 0 or 1 items come back as a new list (a copy)"

# %% course={"kind": "test", "points": 1}
class Job:
    comparisons = 0

    def __init__(self, priority, name):
        self.priority, self.name = priority, name

    def __lt__(self, other):
        Job.comparisons += 1
        return self.priority < other.priority

    def __le__(self, other):
        Job.comparisons += 1
        return self.priority <= other.priority

    def __gt__(self, other):
        Job.comparisons += 1
        return self.priority > other.priority

    def __ge__(self, other):
        Job.comparisons += 1
        return self.priority >= other.priority


jobs = [Job(p, name) for p, name in [(2, "a"), (1, "b"), (2, "c"), (1, "d"), (2, "e")]]
assert [j.name for j in merge_sort(jobs)] == ["b", "d", "a", "c", "e"], "equal priorities keep their input order (stable)"

# %% course={"kind": "test", "points": 2}
class Job:
    comparisons = 0

    def __init__(self, priority):
        self.priority = priority

    def __lt__(self, other):
        Job.comparisons += 1
        return self.priority < other.priority

    def __le__(self, other):
        Job.comparisons += 1
        return self.priority <= other.priority

    def __gt__(self, other):
        Job.comparisons += 1
        return self.priority > other.priority

    def __ge__(self, other):
        Job.comparisons += 1
        return self.priority >= other.priority


import random

shuffled = list(range(256))
random.Random(3).shuffle(shuffled)
for order, values in [("reversed", range(256, 0, -1)), ("sorted", range(256)), ("shuffled", shuffled)]:
    Job.comparisons = 0
    out = merge_sort([Job(v) for v in values])
    assert [j.priority for j in out] == sorted(values), f"{order} input came out unsorted"
    assert Job.comparisons <= 256 * 8, f"{Job.comparisons} comparisons on {order} input of 256; merge sort needs at most 2048"

# %% course={"kind": "test", "points": 1}
# A merge sort of 64 items splits 6 times on the way down: its calls nest at least 6 deep.
# sorted(), list.sort() or a loop do the work at one level.
result, depth = recursion_depth(merge_sort, list(range(64, 0, -1)))
assert result == list(range(1, 65)), "64 items in reverse order came out unsorted"
assert depth >= 6, f"merge_sort went only {depth} call(s) deep on 64 items: split, and sort each half recursively"

# %% course={"kind": "wrong", "id": "base-returns-input", "fails": ["t2"]}
def merge_sort(items):
    if len(items) <= 1:
        return items  # the caller's own list, not a new one
    mid = len(items) // 2
    left, right = merge_sort(items[:mid]), merge_sort(items[mid:])
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if right[j] < left[i]:
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    return merged + left[i:] + right[j:]

# %% course={"kind": "wrong", "id": "builtin-sorted", "fails": ["t5"]}
def merge_sort(items):
    return sorted(items)  # correct and stable, but not a merge sort

# %% course={"kind": "wrong", "id": "sort-to-merge", "fails": ["t4"]}
def merge_sort(items):
    if len(items) <= 1:
        return list(items)
    mid = len(items) // 2
    merged = merge_sort(items[:mid]) + merge_sort(items[mid:])
    merged.sort()  # lets list.sort do the merging
    return merged

# %% course={"kind": "wrong", "id": "bottom-up-loop", "fails": ["t5"]}
def merge_sort(items):
    runs = [[item] for item in items]
    while len(runs) > 1:
        merged_runs = []
        for k in range(0, len(runs) - 1, 2):
            left, right = runs[k], runs[k + 1]
            merged, i, j = [], 0, 0
            while i < len(left) and j < len(right):
                if right[j] < left[i]:
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            merged_runs.append(merged + left[i:] + right[j:])
        if len(runs) % 2:
            merged_runs.append(runs[-1])
        runs = merged_runs
    return runs[0] if runs else []

# %% course={"kind": "wrong", "id": "insertion-sort", "fails": ["t4", "t5"]}
def merge_sort(items):
    result = []
    for item in items:
        i = len(result)
        while i > 0 and item < result[i - 1]:
            i -= 1
        result.insert(i, item)
    return result

# %% course={"kind": "wrong", "id": "unstable-merge", "fails": ["t3"]}
def merge_sort(items):
    if len(items) <= 1:
        return list(items)
    mid = len(items) // 2
    left, right = merge_sort(items[:mid]), merge_sort(items[mid:])
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if right[j] <= left[i]:
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    return merged + left[i:] + right[j:]

# %% course={"kind": "wrong", "id": "naive-quicksort", "fails": ["t4"]}
def merge_sort(items):
    if len(items) <= 1:
        return list(items)
    pivot, rest = items[0], items[1:]
    smaller = [x for x in rest if x < pivot]
    larger = [x for x in rest if not x < pivot]
    return merge_sort(smaller) + [pivot] + merge_sort(larger)

# %% [markdown] course={"kind": "exercise", "id": "fs-walker", "item": "project-3-4-1"}
# ### Mini-project: File-system walker
#
# Write two recursive functions over a folder `root` (a `pathlib.Path`), with `iterdir()` and
# your own recursion (no `os.walk`, no `rglob`; the tests measure how deep your calls go):
#
# - `dir_size(root)`: the total size in bytes of every file below `root`, at any depth;
# - `find_files(root, pattern="*", max_depth=None)`: a dict `{relative/path: size}` of the files
#   whose **file name** matches the shell-style `pattern` (`fnmatch.fnmatch(name, pattern)`).
#   Files directly inside `root` are at depth 0, files in a sub-folder at depth 1, and so on;
#   `max_depth=None` means no limit, `max_depth=0` only the top level.
#
# ```python
# # root/app.log (10 B), root/logs/web.log (20 B), root/logs/old/web.log.1 (30 B)
# dir_size(root)                        # 60
# find_files(root, "*.log")             # {'app.log': 10, 'logs/web.log': 20}
# find_files(root, "*", max_depth=0)    # {'app.log': 10}
# ```

# %% [markdown] course={"kind": "hint"}
# A helper `walk(folder, depth)` for `find_files`: for files, check the name and record
# `path.stat().st_size`; for folders, recurse with `depth + 1`, but only while
# `max_depth is None or depth + 1 <= max_depth`.

# %% [markdown] course={"kind": "hint"}
# Match the pattern against `path.name`, not the relative path: `fnmatch("logs/web.log",
# "web*")` is false.

# %% course={"kind": "solution", "equivalent": {"m-c2cb150f": "root is a Path (as the prompt says), so Path(root) changes nothing", "m-75b94c27": "the result is a dict, whose equality ignores the order files were found in"}}
import fnmatch
from pathlib import Path
from typing import Optional


def dir_size(root: Path) -> int:
    ### BEGIN SOLUTION
    total = 0
    for entry in Path(root).iterdir():
        if entry.is_dir():
            total += dir_size(entry)
        elif entry.is_file():
            total += entry.stat().st_size
    return total
    ### END SOLUTION


def find_files(root: Path, pattern: str = "*", max_depth: Optional[int] = None) -> dict[str, int]:
    ### BEGIN SOLUTION
    root = Path(root)
    found: dict[str, int] = {}

    def walk(folder: Path, depth: int) -> None:
        for entry in sorted(folder.iterdir()):
            if entry.is_dir():
                if max_depth is None or depth + 1 <= max_depth:
                    walk(entry, depth + 1)
            elif entry.is_file() and fnmatch.fnmatch(entry.name, pattern):
                found[entry.relative_to(root).as_posix()] = entry.stat().st_size

    walk(root, 0)
    return found
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "logs" / "old").mkdir(parents=True)
    (root / "app.log").write_bytes(b"x" * 10)
    (root / "logs" / "web.log").write_bytes(b"x" * 20)
    (root / "logs" / "old" / "web.log.1").write_bytes(b"x" * 30)
    assert dir_size(root) == 60, f"10 + 20 + 30 bytes, got {dir_size(root)}"
    assert dir_size(root / "logs") == 50, "logs/ holds 20 + 30 bytes, one of them a level deeper"
    deep = root / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (deep / ".hidden").write_bytes(b"x" * 5)
    size, depth = recursion_depth(dir_size, root / "a")
    assert size == 5 and depth >= 4, f"dir_size of a/ gave {size} at call depth {depth}: recurse into every sub-folder"
    ### BEGIN HIDDEN TESTS
    assert dir_size(root / "a" / "b" / "c") == 5 and dir_size(root) == 65, "hidden files count too"
    (root / "empty").mkdir()
    assert dir_size(root / "empty") == 0, "an empty folder holds 0 bytes"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "logs" / "old").mkdir(parents=True)
    (root / "app.log").write_bytes(b"x" * 10)
    (root / "logs" / "web.log").write_bytes(b"x" * 20)
    (root / "logs" / "old" / "web.log.1").write_bytes(b"x" * 30)
    got = find_files(root, "*.log")
    assert got == {"app.log": 10, "logs/web.log": 20}, f"got {got}"
    assert find_files(root, "web*") == {"logs/web.log": 20, "logs/old/web.log.1": 30}, "match the file name, not the path"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "logs" / "old").mkdir(parents=True)
    (root / "app.log").write_bytes(b"x" * 10)
    (root / "logs" / "web.log").write_bytes(b"x" * 20)
    (root / "logs" / "old" / "web.log.1").write_bytes(b"x" * 30)
    assert find_files(root, max_depth=0) == {"app.log": 10}, "max_depth=0: only the top level"
    assert find_files(root, max_depth=1) == {"app.log": 10, "logs/web.log": 20}, "max_depth=1: one level of sub-folders"
    assert len(find_files(root)) == 3, "no limit by default"
    assert find_files(root, max_depth=2) == find_files(root), "max_depth=2 reaches logs/old/"
    found, depth = recursion_depth(find_files, root, "*.1")
    assert found == {"logs/old/web.log.1": 30} and depth >= 3, f"find_files went only {depth} call(s) deep: recurse into sub-folders"
    ### BEGIN HIDDEN TESTS
    assert find_files(root, "*.txt") == {} and type(find_files(root, "*.txt")) is dict, "no match: an empty dict"
    (root / "logs" / "empty.log").write_bytes(b"")
    assert find_files(root, "empty*") == {"logs/empty.log": 0}, "an empty file is found, with size 0"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "pattern-on-path", "fails": ["t2", "t3"]}
import fnmatch
from pathlib import Path


def dir_size(root):
    return sum(e.stat().st_size if e.is_file() else dir_size(e) for e in Path(root).iterdir())


def find_files(root, pattern="*", max_depth=None):
    root = Path(root)
    found = {}

    def walk(folder, depth):
        for entry in folder.iterdir():
            rel = entry.relative_to(root).as_posix()
            if entry.is_dir():
                if max_depth is None or depth < max_depth:
                    walk(entry, depth + 1)
            elif fnmatch.fnmatch(rel, pattern):
                found[rel] = entry.stat().st_size

    walk(root, 0)
    return found

# %% course={"kind": "wrong", "id": "depth-off-by-one", "fails": ["t3"]}
import fnmatch
from pathlib import Path


def dir_size(root):
    return sum(e.stat().st_size if e.is_file() else dir_size(e) for e in Path(root).iterdir())


def find_files(root, pattern="*", max_depth=None):
    root = Path(root)
    found = {}

    def walk(folder, depth):
        if max_depth is not None and depth > max_depth + 1:
            return
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, depth + 1)
            elif fnmatch.fnmatch(entry.name, pattern):
                found[entry.relative_to(root).as_posix()] = entry.stat().st_size

    walk(root, 0)
    return found

# %% course={"kind": "wrong", "id": "rglob-not-recursive", "fails": ["t1", "t3"]}
import fnmatch
from pathlib import Path


def dir_size(root):
    return sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file())


def find_files(root, pattern="*", max_depth=None):
    root = Path(root)
    found = {}
    for path in root.rglob(pattern):
        depth = len(path.relative_to(root).parts) - 1
        if path.is_file() and (max_depth is None or depth <= max_depth):
            found[path.relative_to(root).as_posix()] = path.stat().st_size
    return found

# %% course={"kind": "wrong", "id": "size-top-level-only", "fails": ["t1"]}
import fnmatch
from pathlib import Path


def dir_size(root):
    return sum(e.stat().st_size for e in Path(root).iterdir() if e.is_file())


def find_files(root, pattern="*", max_depth=None):
    root = Path(root)
    found = {}

    def walk(folder, depth):
        for entry in folder.iterdir():
            if entry.is_dir():
                if max_depth is None or depth < max_depth:
                    walk(entry, depth + 1)
            elif fnmatch.fnmatch(entry.name, pattern):
                found[entry.relative_to(root).as_posix()] = entry.stat().st_size

    walk(root, 0)
    return found

# %% [markdown] course={"kind": "task", "id": "fs-walker-report", "item": "project-3-4-1", "points": 2}
# ### Point the walker at a real folder
#
# Run `dir_size` and `find_files` on a real folder of yours (a project checkout, `~/.cache`, a
# `/var/log` copy). Print the five largest sub-folders of it and the ten largest `*.log` (or
# `*.py`) files. Compare the total with `du -sb <folder>` and explain any difference in a
# sentence (symbolic links, hard links, permissions, sparse files...). Paste the output.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a working report on a real folder: largest sub-folders and files, sorted by size.
# - 1 point: the comparison with `du` is there and the explanation names a real cause (e.g. `du`
#   counts disk blocks rather than bytes, follows or skips links differently, or could read
#   folders the script could not).

# %% [markdown] course={"kind": "exercise", "id": "dict-flattener", "item": "project-3-4-2"}
# ### Mini-project: JSON/dict flattener, recursive and iterative
#
# Tools such as environment-variable exporters and metric labels need flat keys. Write
# `flatten_dict(data, sep=".")` that turns a nested structure of dicts and lists into a flat
# dict:
#
# - a dict key becomes a path segment, a list index becomes a segment (`"0"`, `"1"`, ...);
# - segments are joined with `sep`;
# - any other value is a leaf; an **empty** dict or list is kept as a leaf too, so nothing is lost.
#
# Write `flatten_dict` recursively (the tests measure how deep its calls go). Then write
# `flatten_dict_iterative(data, sep=".")` with the same result **without recursion** (an
# explicit stack), so it also works on documents nested thousands of levels deep.
#
# ```python
# flatten_dict({"db": {"host": "x", "ports": [5432, 5433]}, "debug": False})
# # {'db.host': 'x', 'db.ports.0': 5432, 'db.ports.1': 5433, 'debug': False}
# flatten_dict({"a": {"b": 1}}, sep="__")   # {'a__b': 1}
# ```

# %% [markdown] course={"kind": "hint"}
# Recursive version: a helper `walk(value, prefix)`. If `value` is a non-empty dict or list,
# walk each child with the extended prefix; otherwise store `value` under `prefix`. For lists,
# `enumerate(value)` gives the indexes.

# %% [markdown] course={"kind": "hint"}
# Iterative version: `stack = [(prefix, value)]` for each top-level item; pop, and either push the
# children or store the leaf. Dict order in the result does not matter (dict equality ignores
# order).

# %% course={"kind": "solution"}
from typing import Any


def _children(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    return [(str(i), v) for i, v in enumerate(value)]


def flatten_dict(data: dict, sep: str = ".") -> dict[str, Any]:
    ### BEGIN SOLUTION
    flat: dict[str, Any] = {}

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, (dict, list)) and value:
            for key, child in _children(value):
                walk(child, f"{prefix}{sep}{key}")
        else:
            flat[prefix] = value

    for key, value in data.items():
        walk(value, str(key))
    return flat
    ### END SOLUTION


def flatten_dict_iterative(data: dict, sep: str = ".") -> dict[str, Any]:
    ### BEGIN SOLUTION
    flat: dict[str, Any] = {}
    stack = [(str(k), v) for k, v in data.items()]
    while stack:
        prefix, value = stack.pop()
        if isinstance(value, (dict, list)) and value:
            stack.extend((f"{prefix}{sep}{key}", child) for key, child in _children(value))
        else:
            flat[prefix] = value
    return flat
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = flatten_dict({"db": {"host": "x", "port": 5432}, "debug": False})
assert got == {"db.host": "x", "db.port": 5432, "debug": False}, f"got {got}"
nested: dict = {"leaf": 0}
for level in range(10):
    nested = {f"k{level}": nested}
got, depth = recursion_depth(flatten_dict, nested)
assert got == {".".join(f"k{level}" for level in range(9, -1, -1)) + ".leaf": 0}, f"got {got}"
assert depth >= 10, f"10 levels of nesting, but flatten_dict went only {depth} call(s) deep: recurse"

# %% course={"kind": "test", "points": 1}
got = flatten_dict({"db": {"ports": [5432, {"tls": True}]}}, sep="__")
assert got == {"db__ports__0": 5432, "db__ports__1__tls": True}, f"list items are indexed and sep is used: got {got}"

# %% course={"kind": "test", "points": 1}
got = flatten_dict({"tags": [], "extra": {}, "name": None})
assert got == {"tags": [], "extra": {}, "name": None}, f"empty containers and None are kept as leaves, got {got}"
assert flatten_dict({}) == {}, "an empty top-level dict gives an empty result"
### BEGIN HIDDEN TESTS
assert flatten_dict({"a": {"n": 0, "s": ""}, "t": (1, 2), 3: {4: "x"}, 5: "y"}) == {"a.n": 0, "a.s": "", "t": (1, 2), "3.4": "x", "5": "y"}, "tuples are leaves; keys become text"
assert flatten_dict_iterative({3: {4: "x"}, 5: "y"}) == {"3.4": "x", "5": "y"}, "the iterative version turns keys into text too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
samples = [
    {"db": {"host": "x", "ports": [5432, 5433]}, "debug": False},
    {"a": [[1, 2], {"b": []}], "c": {"d": {"e": {}}}},
    {},
]
for sample in samples:
    assert flatten_dict_iterative(sample) == flatten_dict(sample), f"iterative and recursive differ on {sample}"
assert flatten_dict_iterative({"a": {"b": 1}}, sep="/") == {"a/b": 1}, "the iterative version uses sep too"
deep: dict = {"v": 1}
for _ in range(5000):
    deep = {"k": deep}
assert flatten_dict_iterative(deep) == {"k." * 5000 + "v": 1}, "5000 levels: the iterative version must not recurse"

# %% course={"kind": "wrong", "id": "lists-as-leaves", "fails": ["t2", "t3"]}
def flatten_dict(data, sep="."):
    flat = {}

    def walk(value, prefix):
        if isinstance(value, dict) and value:
            for k, v in value.items():
                walk(v, f"{prefix}{sep}{k}")
        else:
            flat[prefix] = value

    for k, v in data.items():
        walk(v, str(k))
    return flat


def flatten_dict_iterative(data, sep="."):
    flat = {}
    stack = list(data.items())
    while stack:
        prefix, value = stack.pop()
        if isinstance(value, dict) and value:
            stack.extend((f"{prefix}{sep}{k}", v) for k, v in value.items())
        else:
            flat[prefix] = value
    return flat

# %% course={"kind": "wrong", "id": "drops-empty", "fails": ["t3"]}
def _kids(value):
    return list(value.items()) if isinstance(value, dict) else list(enumerate(value))


def flatten_dict(data, sep="."):
    flat = {}

    def walk(value, prefix):
        if isinstance(value, (dict, list)):
            for k, v in _kids(value):
                walk(v, f"{prefix}{sep}{k}")
        else:
            flat[prefix] = value

    for k, v in data.items():
        walk(v, str(k))
    return flat


def flatten_dict_iterative(data, sep="."):
    flat = {}
    stack = list(data.items())
    while stack:
        prefix, value = stack.pop()
        if isinstance(value, (dict, list)):
            stack.extend((f"{prefix}{sep}{k}", v) for k, v in _kids(value))
        else:
            flat[prefix] = value
    return flat

# %% course={"kind": "wrong", "id": "recursive-in-name-only", "fails": ["t1"]}
def flatten_dict_iterative(data, sep="."):
    flat = {}
    stack = [(str(k), v) for k, v in data.items()]
    while stack:
        prefix, value = stack.pop()
        if isinstance(value, (dict, list)) and value:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((f"{prefix}{sep}{k}", v) for k, v in items)
        else:
            flat[prefix] = value
    return flat


def flatten_dict(data, sep="."):
    return flatten_dict_iterative(data, sep)

# %% course={"kind": "wrong", "id": "iterative-in-name-only", "fails": ["t4"]}
def flatten_dict(data, sep="."):
    flat = {}

    def walk(value, prefix):
        if isinstance(value, (dict, list)) and value:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                walk(v, f"{prefix}{sep}{k}")
        else:
            flat[prefix] = value

    for k, v in data.items():
        walk(v, str(k))
    return flat


def flatten_dict_iterative(data, sep="."):
    return flatten_dict(data, sep)

# %% [markdown] course={"kind": "exercise", "id": "super-digit", "item": "dsa-recursion"}
# ### Problem: Digit sum until one digit is left (after HackerRank's *Recursive Digit Sum*)
#
# The **digit root** of a number is found by adding up its digits, then adding up the digits of
# that sum, and so on, until a single digit remains. Write a recursive `digit_root(number, k=1)`
# where `number` is a string of decimal digits that is **repeated `k` times** before the digit
# root is taken. Do not build the repeated string (with a large `k` it would not fit in memory):
# sum the digits once and multiply by `k`. Each further round of summing is a recursive call
# (the tests measure how deep the calls go), and the result is an `int`.
#
# ```python
# digit_root("9875")       # 2    (9+8+7+5 = 29 -> 2+9 = 11 -> 1+1 = 2)
# digit_root("148", 3)     # 3    (148148148 -> 39 -> 12 -> 3)
# ```

# %% [markdown] course={"kind": "hint"}
# Base case: a one-character string (with `k == 1`) is its own answer.

# %% [markdown] course={"kind": "hint"}
# Recursive case: `total = sum(int(d) for d in number) * k`, then `return
# digit_root(str(total))`.

# %% course={"kind": "solution"}
def digit_root(number: str, k: int = 1) -> int:
    ### BEGIN SOLUTION
    if len(number) == 1 and k == 1:
        return int(number)
    total = sum(int(d) for d in number) * k
    return digit_root(str(total))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert digit_root("9875") == 2, f"9875 -> 29 -> 11 -> 2, got {digit_root('9875')}"
assert digit_root("7") == 7 and digit_root("0") == 0, "one digit is its own digit root"
assert type(digit_root("9875")) is int, "return an int, not a string"
value, depth = recursion_depth(digit_root, "9875")
assert value == 2 and depth >= 3, f"9875 -> 29 -> 11 -> 2 needs a call per round, but the calls went only {depth} deep"

# %% course={"kind": "test", "points": 1}
assert digit_root("148", 3) == 3, "148148148 -> 39 -> 12 -> 3"
assert digit_root("9875", 4) == 8, "29 * 4 = 116 -> 8"
### BEGIN HIDDEN TESTS
assert digit_root("123456789" * 20, 10**15) == 9
assert digit_root("5", 2) == 1, "a one-digit number repeated still needs summing"
assert digit_root("0", 7) == 0 and digit_root("9", 3) == 9, "0 stays 0; 999 -> 27 -> 9"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-pass", "fails": ["t1", "t2"]}
def digit_root(number, k=1):
    return sum(int(d) for d in number) * k

# %% course={"kind": "wrong", "id": "builds-string", "fails": ["t2"]}
def digit_root(number, k=1):
    number = number * k  # the repeated string: huge for a large k
    if len(number) == 1:
        return int(number)
    return digit_root(str(sum(int(d) for d in number)))

# %% course={"kind": "wrong", "id": "modulo-formula", "fails": ["t1"]}
def digit_root(number, k=1):
    total = sum(int(d) for d in number) * k
    return 0 if total == 0 else 1 + (total - 1) % 9  # right numbers, no recursion

# %% course={"kind": "wrong", "id": "ignores-k", "fails": ["t2"]}
def digit_root(number, k=1):
    if len(number) == 1:
        return int(number)
    return digit_root(str(sum(int(d) for d in number)))

# %% [markdown] course={"kind": "exercise", "id": "factorial-zeros", "item": "dsa-factorial"}
# ### Problem: Zeros at the end of n! (a twist on HackerRank's *Factorial*)
#
# `10! = 3628800` ends in two zeros. Each trailing zero comes from a factor 10 = 2 × 5, and a
# factorial always has more 2s than 5s, so the answer is the number of factors 5 in
# `1 × 2 × ... × n`: one for each multiple of 5, one more for each multiple of 25, and so on.
#
# Write a recursive `factorial_zeros(n)` for `n >= 0` without computing `n!` itself (the tests
# use `n = 10**100`). Negative `n` raises `ValueError`.
#
# ```python
# factorial_zeros(10)     # 2
# factorial_zeros(100)    # 24
# ```

# %% [markdown] course={"kind": "hint"}
# `n // 5` multiples of 5 contribute one 5 each. The extra 5s from multiples of 25, 125... are
# exactly the zeros of `(n // 5)!`.

# %% [markdown] course={"kind": "hint"}
# So: `factorial_zeros(n) = n // 5 + factorial_zeros(n // 5)`, with base case `n < 5 -> 0`.

# %% course={"kind": "solution", "equivalent": {"m-ab8d705f": "n = 4 gives 4 // 5 + factorial_zeros(0) = 0 either way"}}
def factorial_zeros(n: int) -> int:
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("n must not be negative")
    if n < 5:
        return 0
    return n // 5 + factorial_zeros(n // 5)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert factorial_zeros(10) == 2, "10! = 3628800"
assert factorial_zeros(4) == 0 and factorial_zeros(0) == 0, "no factor 5 below 5"
assert factorial_zeros(5) == 1 and factorial_zeros(9) == 1, "5! = 120 and 9! = 362880 end in one zero"
value, depth = recursion_depth(factorial_zeros, 10**20)
assert value == sum(10**20 // 5**i for i in range(1, 40)) and depth >= 20, f"10**20 needs about 29 calls of n // 5, but the calls went only {depth} deep: recurse"

# %% course={"kind": "test", "points": 1}
assert factorial_zeros(24) == 4 and factorial_zeros(25) == 6, "25 contributes two factors of 5"
assert factorial_zeros(100) == 24, "20 multiples of 5, plus 4 multiples of 25"
for bad in (-1, -5):
    try:
        factorial_zeros(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"factorial_zeros({bad}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert factorial_zeros(10**100) == sum(10**100 // 5**i for i in range(1, 200)), "n = 10**100: do not compute n!"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "only-multiples-of-5", "fails": ["t1", "t2"]}
def factorial_zeros(n):
    if n < 0:
        raise ValueError("negative")
    return n // 5

# %% course={"kind": "wrong", "id": "loop", "fails": ["t1"]}
def factorial_zeros(n):
    if n < 0:
        raise ValueError("negative")
    zeros, power = 0, 5
    while power <= n:
        zeros += n // power
        power *= 5
    return zeros

# %% course={"kind": "wrong", "id": "base-case-too-high", "fails": ["t1", "t2"]}
def factorial_zeros(n):
    if n < 0:
        raise ValueError("negative")
    if n <= 5:
        return 0
    return n // 5 + factorial_zeros(n // 5)

# %% course={"kind": "wrong", "id": "computes-factorial", "fails": ["t1", "t2"]}
import math


def factorial_zeros(n):
    if n < 0:
        raise ValueError("negative")
    digits = str(math.factorial(n))
    return len(digits) - len(digits.rstrip("0"))

# %% [markdown] course={"kind": "exercise", "id": "reverse-in-place", "item": "dsa-reverse-string"}
# ### Problem: Reverse a character list in place (after LeetCode's *Reverse String*)
#
# Write a recursive `reverse_chars(chars, left=0, right=None)` that reverses the list `chars`
# **in place** (the caller's list changes) by swapping the outer pair and recursing on the inner
# part (the tests measure how deep the calls go; `list.reverse()` and slicing are not the
# exercise). It returns `None`, like `list.reverse()`.
#
# ```python
# letters = list("deploy")
# reverse_chars(letters)
# letters    # ['y', 'o', 'l', 'p', 'e', 'd']
# ```

# %% [markdown] course={"kind": "hint"}
# `right=None` means the last index, `len(chars) - 1`. Base case: `left >= right`.

# %% [markdown] course={"kind": "hint"}
# Swap with `chars[left], chars[right] = chars[right], chars[left]`. Writing `chars =
# chars[::-1]` only rebinds your local name; the caller's list stays as it was.

# %% course={"kind": "solution", "equivalent": {"m-f40d25f3": "when left == right the swap is with itself and the next call stops"}}
from typing import Optional


def reverse_chars(chars: list[str], left: int = 0, right: Optional[int] = None) -> None:
    ### BEGIN SOLUTION
    if right is None:
        right = len(chars) - 1
    if left >= right:
        return
    chars[left], chars[right] = chars[right], chars[left]
    reverse_chars(chars, left + 1, right - 1)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
letters = list("deploy")
result = reverse_chars(letters)
assert letters == list("yolped"), f"the caller's list must be reversed in place, it is {letters}"
assert result is None, "return None, like list.reverse()"

# %% course={"kind": "test", "points": 1}
for text in ["", "a", "ab", "abc"]:
    chars = list(text)
    reverse_chars(chars)
    assert chars == list(text[::-1]), f"{text!r} reversed should be {text[::-1]!r}, got {''.join(chars)!r}"
chars = list("abcdefghijklmnopqrstuvwxyz0123")
result, depth = recursion_depth(reverse_chars, chars)
assert chars == list("3210zyxwvutsrqponmlkjihgfedcba"), "30 characters reversed"
assert depth >= 15, f"30 characters need 15 swaps, one per call, but the calls went only {depth} deep"
### BEGIN HIDDEN TESTS
long = [str(i) for i in range(999)]
reverse_chars(long)
assert long == [str(i) for i in range(998, -1, -1)], "999 items (about 500 levels deep)"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-copy", "fails": ["t1", "t2"]}
def reverse_chars(chars, left=0, right=None):
    return chars[::-1]

# %% course={"kind": "wrong", "id": "list-reverse", "fails": ["t2"]}
def reverse_chars(chars, left=0, right=None):
    chars.reverse()  # in place and correct, but no recursion

# %% course={"kind": "wrong", "id": "rebinds", "fails": ["t1", "t2"]}
def reverse_chars(chars, left=0, right=None):
    chars = chars[::-1]

# %% [markdown] course={"kind": "exercise", "id": "tree-depth", "item": "dsa-maximum-depth-of-binary-tree"}
# ### Problem: How deep is the tree? (after LeetCode's *Maximum Depth of Binary Tree*)
#
# A binary tree is either `None` (empty) or a tuple `(value, left, right)` whose `left` and
# `right` are trees. Write `max_depth(tree)`: the number of **nodes** on the longest path from
# the root down to a leaf. An empty tree has depth 0, a lone node depth 1.
#
# ```python
# tree = ("root", ("a", None, None), ("b", ("c", None, None), None))
# max_depth(tree)   # 3   (root -> b -> c)
# ```

# %% [markdown] course={"kind": "hint"}
# Base case: `None` has depth 0.

# %% [markdown] course={"kind": "hint"}
# A node's depth is `1 + max(depth of left, depth of right)`: look at **both** children.

# %% course={"kind": "solution"}
from typing import Optional


def max_depth(tree: Optional[tuple]) -> int:
    ### BEGIN SOLUTION
    if tree is None:
        return 0
    _, left, right = tree
    return 1 + max(max_depth(left), max_depth(right))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
leaf = ("x", None, None)
assert max_depth(None) == 0, "an empty tree has depth 0"
assert max_depth(leaf) == 1, "a single node has depth 1 (count nodes, not edges)"

# %% course={"kind": "test", "points": 2}
tree = ("root", ("a", None, None), ("b", ("c", None, None), None))
assert max_depth(tree) == 3, f"root -> b -> c is 3 nodes, got {max_depth(tree)}"
left_heavy = ("r", ("a", ("b", None, None), None), None)
assert max_depth(left_heavy) == 3, "a tree that only grows to the left"
### BEGIN HIDDEN TESTS
chain = None
for i in range(300):
    chain = (i, None, chain)
assert max_depth(chain) == 300, "a 300-node chain leaning right"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-edges", "fails": ["t1", "t2"]}
def max_depth(tree):
    if tree is None or (tree[1] is None and tree[2] is None):
        return 0
    return 1 + max(max_depth(tree[1]), max_depth(tree[2]))

# %% course={"kind": "wrong", "id": "left-only", "fails": ["t2"]}
def max_depth(tree):
    if tree is None:
        return 0
    return 1 + max_depth(tree[1])

# %% [markdown] course={"kind": "exercise", "id": "fast-power", "item": "dsa-pow-x-n"}
# ### Problem: Fast power (after LeetCode's *Pow(x, n)*)
#
# Write a recursive `power(x, n)` that computes `x` to the whole-number power `n` using only
# multiplication (and one division for negative `n`), in `O(log n)` multiplications: compute
# `half = power(x, n // 2)` **once**, then square it, with one more `x` when `n` is odd.
# `power(x, 0)` is `1`; a negative `n` gives `1 / power(x, -n)`. Integers in, an exact `int` out
# (for `n >= 0`).
#
# The tests pass in a number-like object that counts its multiplications and does not support
# `**`.
#
# ```python
# power(2, 10)    # 1024
# power(2, -2)    # 0.25
# ```

# %% [markdown] course={"kind": "hint"}
# `x**n = (x**(n//2))**2` for even `n`, and `x * (x**(n//2))**2` for odd `n`. That halves `n`
# each level, so about `log2(n)` levels.

# %% [markdown] course={"kind": "hint"}
# Store the recursive result in a variable and multiply it by itself. Writing
# `power(x, n // 2) * power(x, n // 2)` makes two recursive calls per level, and the total
# work becomes linear in `n` again.

# %% course={"kind": "solution"}
def power(x, n: int):
    ### BEGIN SOLUTION
    if n < 0:
        return 1 / power(x, -n)
    if n == 0:
        return 1
    half = power(x, n // 2)
    result = half * half
    return result * x if n % 2 else result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert power(2, 10) == 1024 and type(power(2, 10)) is int, f"2**10 is the int 1024, got {power(2, 10)!r}"
assert power(3, 0) == 1 and power(7, 1) == 7 and power(-2, 3) == -8, "check n = 0, n = 1 and a negative base"
assert power(0, 0) == 1 and power(0, 5) == 0, "0**0 is 1 (like Python's 0 ** 0), 0**5 is 0"

# %% course={"kind": "test", "points": 2}
class Counted:
    multiplications = 0

    def __init__(self, value):
        self.value = value

    def __mul__(self, other):
        Counted.multiplications += 1
        other_value = other.value if isinstance(other, Counted) else other
        return Counted(self.value * other_value)

    __rmul__ = __mul__


result, depth = recursion_depth(power, Counted(3), 500)
assert result.value == 3**500, "power(x, 500) computed a wrong value"
assert Counted.multiplications <= 2 * (500).bit_length(), f"{Counted.multiplications} multiplications; O(log n) needs at most 18 for n = 500"
assert depth >= 9, f"halving 500 takes 9 steps, one call each, but the calls went only {depth} deep: recurse"

# %% course={"kind": "test", "points": 1}
assert power(2, -2) == 0.25, "a negative power is 1 / power(x, -n)"
assert power(0.5, -3) == 8.0, "0.5 ** -3 is 8"
### BEGIN HIDDEN TESTS
assert power(10, 300) == 10**300 and power(-1, 1001) == -1, "exact big integers"
assert power(4, -1) == 0.25 and power(-2, -3) == -0.125, "negative exponents, negative base"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "loop", "fails": ["t2"]}
def power(x, n):
    if n < 0:
        return 1 / power(x, -n)
    result = 1
    for _ in range(n):
        result = result * x
    return result

# %% course={"kind": "wrong", "id": "two-calls", "fails": ["t2"]}
def power(x, n):
    if n < 0:
        return 1 / power(x, -n)
    if n == 0:
        return 1
    result = power(x, n // 2) * power(x, n // 2)
    return result * x if n % 2 else result

# %% course={"kind": "wrong", "id": "square-and-multiply-loop", "fails": ["t2"]}
def power(x, n):
    if n < 0:
        return 1 / power(x, -n)
    result = 1
    while n:  # fast, but a loop, not a recursion
        if n % 2:
            result = result * x
        x = x * x
        n //= 2
    return result

# %% course={"kind": "wrong", "id": "no-negative", "fails": ["t3"]}
def power(x, n):
    if n == 0:
        return 1
    half = power(x, n // 2)
    result = half * half
    return result * x if n % 2 else result

# %% [markdown] course={"kind": "exercise", "id": "balanced-parens", "item": "dsa-generate-parentheses"}
# ### Problem: All balanced bracket strings (after LeetCode's *Generate Parentheses*)
#
# Write `balanced_strings(n)` that returns **every** string of `n` pairs of `(` and `)` that is
# correctly nested, sorted, each once. Build them by backtracking: add `(` while fewer than `n`
# are open, add `)` while it would close something, recurse, and record a string when it is
# complete. (Generating every string of brackets and filtering is not backtracking: the tests
# measure how deep the calls go.)
#
# ```python
# balanced_strings(2)   # ['(())', '()()']
# balanced_strings(0)   # ['']   (one way to write nothing)
# ```

# %% [markdown] course={"kind": "hint"}
# Track two counts in the recursion: `opened` and `closed`. You may add `)` only when
# `closed < opened`.

# %% [markdown] course={"kind": "hint"}
# The base case is `len(current) == 2 * n`: append `current` to the results. Because `(` sorts
# before `)` and you try it first, the results come out sorted already.

# %% course={"kind": "solution"}
def balanced_strings(n: int) -> list[str]:
    ### BEGIN SOLUTION
    results: list[str] = []

    def build(current: str, opened: int, closed: int) -> None:
        if len(current) == 2 * n:
            results.append(current)
            return
        if opened < n:
            build(current + "(", opened + 1, closed)
        if closed < opened:
            build(current + ")", opened, closed + 1)

    build("", 0, 0)
    return results
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert balanced_strings(1) == ["()"], "one pair: only ()"
assert balanced_strings(2) == ["(())", "()()"], f"got {balanced_strings(2)}"
assert balanced_strings(3) == ["((()))", "(()())", "(())()", "()(())", "()()()"], f"three pairs: five strings, sorted; got {balanced_strings(3)}"

# %% course={"kind": "test", "points": 1}
assert balanced_strings(0) == [""], "n = 0: exactly one string, the empty one"
strings, depth = recursion_depth(balanced_strings, 3)
assert len(strings) == 5 and depth >= 6, f"a string of 6 brackets is built one call per bracket, but the calls went only {depth} deep"
### BEGIN HIDDEN TESTS
eight = balanced_strings(8)
assert len(eight) == 1430 and len(set(eight)) == 1430, "there are 1430 balanced strings with 8 pairs"
assert eight == sorted(eight)
depth_ok = all(min(__import__("itertools").accumulate(1 if c == "(" else -1 for c in s)) >= 0 for s in eight)
assert depth_ok, "every prefix must have at least as many ( as )"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "close-anytime", "fails": ["t1", "t2"]}
def balanced_strings(n):
    results = []

    def build(current, opened, closed):
        if len(current) == 2 * n:
            results.append(current)
            return
        if opened < n:
            build(current + "(", opened + 1, closed)
        if closed < n:
            build(current + ")", opened, closed + 1)

    build("", 0, 0)
    return results

# %% course={"kind": "wrong", "id": "generate-and-filter", "fails": ["t2"]}
import itertools


def balanced_strings(n):
    def ok(text):
        depth = 0
        for c in text:
            depth += 1 if c == "(" else -1
            if depth < 0:
                return False
        return depth == 0

    return ["".join(p) for p in itertools.product("()", repeat=2 * n) if ok(p)]

# %% course={"kind": "wrong", "id": "zero-gives-nothing", "fails": ["t2"]}
def balanced_strings(n):
    if n == 0:
        return []
    results = []

    def build(current, opened, closed):
        if len(current) == 2 * n:
            results.append(current)
            return
        if opened < n:
            build(current + "(", opened + 1, closed)
        if closed < opened:
            build(current + ")", opened, closed + 1)

    build("", 0, 0)
    return results

# %% [markdown] course={"kind": "exercise", "id": "permutations", "item": "dsa-permutations"}
# ### Problem: Every ordering (after LeetCode's *Permutations*)
#
# A canary rollout tries the regions in every possible order. Write a backtracking
# `orderings(items)` that returns all orderings of the distinct `items` as a list of **lists**,
# in this order: those starting with `items[0]` first, then those starting with `items[1]`, and
# so on at every position (the order `itertools.permutations` uses). The input is not changed,
# and you may not use `itertools` (the tests measure how deep your calls go).
#
# ```python
# orderings(["eu", "us", "ap"])
# # [['eu', 'us', 'ap'], ['eu', 'ap', 'us'], ['us', 'eu', 'ap'], ['us', 'ap', 'eu'], ['ap', 'eu', 'us'], ['ap', 'us', 'eu']]
# ```

# %% [markdown] course={"kind": "hint"}
# Recursive helper `build(path, remaining)`: if `remaining` is empty, record the path; else for
# each item in `remaining`, append it to `path`, recurse with the others, then pop it (undo).

# %% [markdown] course={"kind": "hint"}
# Record `list(path)` or `path[:]`, a **copy**: `path` is the one list you keep changing, so
# appending `path` itself records the same object over and over (and it ends up empty).

# %% course={"kind": "solution", "equivalent": {"m-06aaf999": "build() never changes the list it is given (it passes slices on)"}}
def orderings(items: list) -> list[list]:
    ### BEGIN SOLUTION
    results: list[list] = []
    path: list = []

    def build(remaining: list) -> None:
        if not remaining:
            results.append(path[:])
            return
        for i, item in enumerate(remaining):
            path.append(item)
            build(remaining[:i] + remaining[i + 1 :])
            path.pop()

    build(list(items))
    return results
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
got = orderings(["eu", "us", "ap"])
expected = [["eu", "us", "ap"], ["eu", "ap", "us"], ["us", "eu", "ap"], ["us", "ap", "eu"], ["ap", "eu", "us"], ["ap", "us", "eu"]]
assert got == expected, f"got {got}"

# %% course={"kind": "test", "points": 1}
items = [1, 2]
assert orderings(items) == [[1, 2], [2, 1]] and items == [1, 2], "the input must not change"
assert orderings([]) == [[]], "one way to order nothing"
assert orderings(["solo"]) == [["solo"]], "one item: one ordering"
result, depth = recursion_depth(orderings, ["a", "b", "c", "d", "e"])
assert len(result) == 120 and depth >= 5, f"5 items are placed one call at a time, but the calls went only {depth} deep: backtrack"
### BEGIN HIDDEN TESTS
import itertools

six = orderings(list(range(6)))
assert six == [list(p) for p in itertools.permutations(range(6))]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-copy", "fails": ["t1", "t2"]}
def orderings(items):
    results, path = [], []

    def build(remaining):
        if not remaining:
            results.append(path)
            return
        for i, item in enumerate(remaining):
            path.append(item)
            build(remaining[:i] + remaining[i + 1 :])
            path.pop()

    build(list(items))
    return results

# %% course={"kind": "wrong", "id": "itertools-lists", "fails": ["t2"]}
import itertools


def orderings(items):
    return [list(p) for p in itertools.permutations(items)]

# %% course={"kind": "wrong", "id": "tuples", "fails": ["t1", "t2"]}
import itertools


def orderings(items):
    return list(itertools.permutations(items))

# %% [markdown] course={"kind": "exercise", "id": "subsets", "item": "dsa-subsets"}
# ### Problem: Every subset (after LeetCode's *Subsets*)
#
# A test matrix runs every combination of optional feature flags. Write a backtracking
# `all_subsets(items)` that returns all subsets of the distinct `items`, each as a list whose
# elements keep their order from `items`. There are `2 ** len(items)` of them, including the
# empty one and the full one; the order of the subsets in the result does not matter. Build
# them by backtracking (the tests measure how deep your calls go).
#
# ```python
# all_subsets(["cache", "tls"])   # [[], ['cache'], ['cache', 'tls'], ['tls']]  (any order)
# ```

# %% [markdown] course={"kind": "hint"}
# At each index decide: include `items[i]` or not. A helper `build(i, path)` that, at
# `i == len(items)`, records a copy of `path`.

# %% [markdown] course={"kind": "hint"}
# Or: record a copy of `path` on **every** call, then for each `j >= i` append `items[j]`,
# recurse with `j + 1`, and pop.

# %% course={"kind": "solution"}
def all_subsets(items: list) -> list[list]:
    ### BEGIN SOLUTION
    results: list[list] = []
    path: list = []

    def build(start: int) -> None:
        results.append(path[:])
        for j in range(start, len(items)):
            path.append(items[j])
            build(j + 1)
            path.pop()

    build(0)
    return results
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = all_subsets(["cache", "tls"])
assert sorted(got) == [[], ["cache"], ["cache", "tls"], ["tls"]], f"got {got}"

# %% course={"kind": "test", "points": 2}
got = all_subsets([3, 1, 2])
assert len(got) == 8, f"3 items have 8 subsets, got {len(got)}"
assert [] in got and [3, 1, 2] in got, "include the empty and the full subset"
assert sorted(map(tuple, got)) == sorted({(), (3,), (1,), (2,), (3, 1), (3, 2), (1, 2), (3, 1, 2)}), "each subset once, in input order"
assert all(type(subset) is list for subset in got), "each subset is a list"
result, depth = recursion_depth(all_subsets, list("abcdef"))
assert len(result) == 64 and depth >= 6, f"6 items are decided one call at a time, but the calls went only {depth} deep: backtrack"
### BEGIN HIDDEN TESTS
ten = all_subsets(list(range(10)))
assert len(ten) == 1024 and len(set(map(tuple, ten))) == 1024
assert all(list(s) == sorted(s) for s in ten), "elements keep the input order"
assert all_subsets([]) == [[]]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-copy", "fails": ["t1", "t2"]}
def all_subsets(items):
    results, path = [], []

    def build(start):
        results.append(path)
        for j in range(start, len(items)):
            path.append(items[j])
            build(j + 1)
            path.pop()

    build(0)
    return results

# %% course={"kind": "wrong", "id": "bitmask-loop", "fails": ["t2"]}
def all_subsets(items):
    return [[x for i, x in enumerate(items) if mask >> i & 1] for mask in range(2 ** len(items))]

# %% course={"kind": "wrong", "id": "misses-empty", "fails": ["t1", "t2"]}
def all_subsets(items):
    results, path = [], []

    def build(start):
        for j in range(start, len(items)):
            path.append(items[j])
            results.append(path[:])
            build(j + 1)
            path.pop()

    build(0)
    return results

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-base-case-in-recursion"}
# The input for which the function answers directly, without calling itself again: an empty
# list, `n == 0`, a leaf node, a value that is not a container. It is what stops the recursion;
# every recursive call must make progress towards it. A missing or unreachable base case (for
# example `if n == 1` when `n` can be 0 or negative) makes the calls go on until Python raises
# `RecursionError`.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-the-call-stack-work-with"}
# Every call pushes a frame (its arguments, local variables and where to return) on the call
# stack; `return` pops it and hands the value to the frame below. A recursive function going
# `n` levels deep keeps `n` frames alive, each waiting for the one above it, and the answers
# are combined as the frames pop in reverse order. Depth therefore costs memory, and CPython
# caps it with `sys.getrecursionlimit()` (1000 by default), raising `RecursionError` beyond it.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-convert-recursion-to"}
# For tail recursion, turn the changing parameters into loop variables and the recursive call
# into the next loop iteration. For general recursion, replace the call stack with your own:
# a list of pending work (`stack = [root]`; `while stack: node = stack.pop(); ...push children`),
# or a `collections.deque` for breadth-first order. Results that were combined on the way back
# up are accumulated in variables, or computed bottom-up with a table (dynamic programming).
# The explicit stack lives on the heap, so deep inputs no longer hit the recursion limit.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-tail-recursion"}
# A recursive call is in tail position when it is the last thing the function does, its result
# returned unchanged (`return walk(rest, acc + x)`); a function whose recursive calls are all
# like that is tail-recursive. Languages with tail-call optimisation reuse the current frame,
# so such recursion runs in constant stack space. CPython deliberately does not (it would lose
# traceback frames), so in Python tail recursion is no cheaper than any other recursion; write
# it as a loop instead.

# %% course={"kind": "trap", "trap": "trap-forgetting-the-base-case-infinite"}
# `n == 1` is the base case, but countdown(0) skips past it and never stops.
def countdown(n):
    if n == 1:
        return ["liftoff"]
    return [n] + countdown(n - 1)


print(countdown(3))
try:
    countdown(0)
except RecursionError as err:
    print("countdown(0) -> RecursionError:", err)

# %% course={"kind": "trap", "trap": "trap-python-doesn-t-optimize-tail-recursion"}
# A perfectly tail-recursive function still uses one frame per call in CPython.
import sys


def retry_delays(attempt, limit, delays):
    if attempt == limit:
        return delays
    return retry_delays(attempt + 1, limit, delays + [min(2**attempt, 60)])  # tail call


print(retry_delays(0, 8, []))
try:
    retry_delays(0, sys.getrecursionlimit() + 100, [])
except RecursionError:
    print("still a RecursionError: tail calls are not optimised away")

# %% course={"kind": "trap", "trap": "trap-deep-recursion-hits-stack-limits"}
# Real data can be nested deeper than the recursion limit allows: a list 5,000 levels deep.
# Python code is limited to sys.getrecursionlimit() frames (1,000 by default) on every version.
import sys

nested = []
for _ in range(5000):
    nested = [nested]


def depth(value):
    return 1 + max((depth(v) for v in value), default=0) if isinstance(value, list) else 0


def depth_with_stack(value):
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in node)
    return deepest


try:
    print("recursive depth():", depth(nested))
except RecursionError:
    print(f"recursive depth(): RecursionError (the limit is {sys.getrecursionlimit()} frames)")
print("explicit stack:    ", depth_with_stack(nested))

# %% [markdown] course={"kind": "text"}
# Modules written in C guard their own recursion, and how deep they let you go depends on the
# Python version. Measured with `json.loads` on nested lists: Python 3.11 counts its levels
# against `sys.getrecursionlimit()` and parses at most about 1,000; from 3.12 C code has a
# separate limit that `sys.setrecursionlimit()` does not change (about 1,500 levels on 3.12.1,
# about 10,000 on 3.13.0); 3.14 replaces that counter with a check of the real C stack, so its
# limit depends on the machine. A document that parses on your laptop can therefore fail on a
# server with an older Python: when input can be deep (it comes from users), check its depth
# or walk it with an explicit stack. The cell prints what your Python does:

# %% course={"kind": "demo"}
import json

print("Python", sys.version.split()[0])
for levels in (500, 5_000, 50_000):
    try:
        json.loads("[" * levels + "]" * levels)
        print(f"json.loads, {levels:>6,} levels: parsed")
    except RecursionError:
        print(f"json.loads, {levels:>6,} levels: RecursionError")

# %% course={"kind": "trap", "trap": "trap-not-using-memoization-when-needed"}
# The same overlapping recursion with and without a memo: count the calls.
import functools

calls = {"plain": 0, "memo": 0}


def paths_plain(n):
    calls["plain"] += 1
    return 1 if n <= 1 else paths_plain(n - 1) + paths_plain(n - 2)


@functools.lru_cache(maxsize=None)
def paths_memo(n):
    calls["memo"] += 1
    return 1 if n <= 1 else paths_memo(n - 1) + paths_memo(n - 2)


print(paths_plain(25), paths_memo(25), calls)
