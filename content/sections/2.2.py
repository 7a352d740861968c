# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can pick the right loop for a job (`while`, `for`, a
# comprehension or an `itertools` tool), control it with `break`/`continue`/`else`, and write
# the counting, accumulating, searching and filtering loops that most scripts are made of, fast.

# %% course={"kind": "setup"}
# Tools that measure how much WORK code does, never how long it takes, so results are the same on
# every computer: `Counted` is an int that counts the operations done on it, `count_steps` counts
# the Python lines a call runs. They live in the course package (`Counted??` shows the code).
import sys

from course.runtime.meters import Counted, count_steps

# %% [markdown] course={"kind": "lesson", "id": "while-loop", "covers": ["c-while-loop", "c-basic-syntax", "c-condition-evaluation", "c-infinite-loops-and-when-to-use-them", "c-loop-control-with-flags"]}
# ### The `while` loop
#
# `while condition:` runs its block again and again **as long as** the condition is true. The
# condition is evaluated **before every round**, including the first (so the body may run zero
# times), and it follows the truthiness rules of section 2.1: `while queue:` means "while the
# queue is not empty".
#
# Use `while` when you do not know in advance how many rounds you need: retry until a service
# answers, read until the input ends, poll until a job finishes. Something in the body must
# eventually make the condition false, or the loop never ends.
#
# - An **infinite loop** `while True:` is deliberate in servers, workers and REPLs: it runs
#   until a `break` (or `return`, or an exception) inside it decides to stop. Give every such
#   loop an exit you can point at.
# - A **flag** is a boolean variable the loop condition reads (`while not done:`); the body
#   sets it when the goal is reached. Combine it with a **cap on attempts** so that a service
#   that never comes up cannot hang your deployment script.

# %% course={"kind": "demo"}
import random

rng = random.Random(3)  # fixed seed: the fake service behaves the same way every run


def health_check() -> bool:
    return rng.random() > 0.7  # a service that answers "healthy" about 30% of the time


healthy = False  # the flag
attempt = 0
while not healthy and attempt < 10:  # both conditions are checked before every round
    attempt += 1
    healthy = health_check()
    print(f"attempt {attempt}: {'healthy' if healthy else 'not yet'}")
print("result:", "up" if healthy else "gave up after 10 attempts")

# %% course={"kind": "demo"}
# A worker loop: `while True` with an explicit exit. None is the "no more work" signal.
jobs = ["resize img-1", "resize img-2", None, "never reached"]
position = 0
while True:
    job = jobs[position]
    position += 1
    if job is None:
        print("queue closed, worker stops")
        break
    print("processing", job)

# %% [markdown] course={"kind": "lesson", "id": "for-loop", "covers": ["c-for-loop", "c-iterating-over-sequences", "c-the-range-function", "c-range-stop-range-start-stop-range-start", "c-iterating-over-strings", "c-iterating-over-lists-tuples-dicts", "c-enumerate-for-index-value-pairs", "c-zip-for-parallel-iteration", "c-unpacking-in-loops"]}
# ### The `for` loop, `range`, `enumerate` and `zip`
#
# `for item in iterable:` runs its block once per element, binding `item` to each in turn.
# There is no counter to manage and no condition to get wrong, which is why `for` is the
# default loop in Python: reach for `while` only when there is no collection to walk over.
#
# What you can loop over:
#
# - **sequences**: a `list` or `tuple` gives its elements in order, a `str` gives its
#   characters one at a time;
# - a **dict** gives its **keys** (in insertion order); use `.values()` or `.items()` for the
#   rest;
# - **`range`**: `range(stop)` is 0, 1, ..., `stop - 1`; `range(start, stop)` starts elsewhere;
#   `range(start, stop, step)` jumps (and counts down with a negative step). The stop value is
#   **never included**. A `range` stores only its three numbers, not the list, so
#   `range(10**12)` costs nothing until you iterate.
#
# Two helpers remove most index arithmetic:
#
# - **`enumerate(items, start=0)`** gives `(index, item)` pairs: use it instead of
#   `range(len(items))` when you need the position too;
# - **`zip(a, b, ...)`** walks several iterables in step and gives tuples; it stops at the
#   **shortest** one, silently, unless you pass `strict=True` (3.10+).
#
# **Unpacking** in the loop header takes those tuples apart: `for name, port in pairs:`, even
# nested: `for i, (name, port) in enumerate(pairs):`.

# %% course={"kind": "demo"}
print("range(5)          ", list(range(5)))
print("range(2, 6)       ", list(range(2, 6)))
print("range(0, 20, 5)   ", list(range(0, 20, 5)))
print("range(5, 0, -1)   ", list(range(5, 0, -1)))
print("range(10**12) uses", sys.getsizeof(range(10**12)), "bytes; len =", len(range(10**12)))
print("chars of 'prod':  ", [ch for ch in "prod"])

# %% course={"kind": "demo"}
replicas = {"api": 3, "worker": 5, "cron": 1}
for service in replicas:  # keys
    print("service", service)
for service, count in replicas.items():  # unpacking (key, value) pairs
    print(f"{service:7} x{count}")

hosts = ["web-1", "web-2", "db-1"]
ports = [443, 443, 5432]
for i, (host, port) in enumerate(zip(hosts, ports), start=1):  # nested unpacking
    print(f"{i}. {host}:{port}")
print("zip stops at the shortest:", list(zip(hosts, [1, 2])))
try:
    list(zip(hosts, [1, 2], strict=True))
except ValueError as err:
    print("strict=True:", err)

# %% [markdown] course={"kind": "lesson", "id": "loop-control", "covers": ["c-loop-control-statements", "c-break-exit-loop-immediately", "c-continue-skip-to-next-iteration", "c-else-clause-on-loops-executes-if-no"]}
# ### `break`, `continue`, and `else` on loops
#
# - **`break`** leaves the innermost loop at once; nothing else of that loop runs.
# - **`continue`** skips the rest of the current round and goes to the next one (for a
#   `while`, back to the condition).
# - A loop's **`else`** block runs when the loop finished **without** a `break`: the whole
#   iterable was used up, or the `while` condition became false. Read it as "no break". It
#   replaces the `found = False` flag in a search: `break` when you find the thing, and put the
#   "not found" handling in `else`.
#
# `continue` is best for skipping uninteresting items early (comments, blank lines) so the
# interesting path stays unindented. The thing people get wrong is the `else`: it does **not**
# mean "the loop body never ran"; an empty loop also runs its `else`.

# %% course={"kind": "demo"}
config_lines = ["# settings", "", "port = 8080", "   # indented comment", "debug = false"]
for line in config_lines:
    if not line.strip() or line.strip().startswith("#"):
        continue  # skip blanks and comments
    key, value = (part.strip() for part in line.split("="))
    print(f"setting {key!r} to {value!r}")


def find_free_port(used: set[int], candidates: range) -> str:
    for port in candidates:
        if port not in used:
            result = f"free port {port}"
            break
    else:  # runs only when the loop did not break
        result = "no free port"
    return result


print(find_free_port({8080, 8081}, range(8080, 8084)))
print(find_free_port({8080, 8081}, range(8080, 8082)))
print(find_free_port(set(), range(0)), " <- an empty loop also runs its else")

# %% [markdown] course={"kind": "lesson", "id": "nested-loops", "covers": ["c-nested-loops"]}
# ### Nested loops
#
# A loop inside a loop runs the **whole inner loop once for every round of the outer one**:
# 10 servers times 5 checks is 50 rounds. That is exactly right for grids and all-pairs work
# (every server against every check), and it is also where slow code comes from: two nested
# loops over the same 10,000 items are 100 million rounds. Before nesting, ask whether a set or
# dict lookup could replace the inner loop (section 2.3 measures this).
#
# `break` leaves only the **inner** loop. To stop both, put the loops in a function and
# `return`, or use the loop `else`.

# %% course={"kind": "demo"}
servers = ["web-1", "web-2", "db-1"]
checks = ["disk", "memory", "tls"]
failing = {("web-2", "tls"), ("db-1", "disk")}

print(f"{'':6}" + "".join(f"{c:>8}" for c in checks))
for server in servers:  # outer: 3 rounds
    row = ""
    for check in checks:  # inner: 3 rounds for EACH server
        row += f"{'FAIL' if (server, check) in failing else 'ok':>8}"
    print(f"{server:6}{row}")


def first_failure() -> tuple[str, str] | None:
    for server in servers:
        for check in checks:
            if (server, check) in failing:
                return server, check  # leaves both loops at once
    return None


print("first failure:", first_failure())

# %% [markdown] course={"kind": "lesson", "id": "loop-patterns", "covers": ["c-loop-patterns", "c-counting-patterns", "c-accumulator-patterns", "c-search-patterns", "c-filter-patterns"]}
# ### Four loop patterns
#
# Most loops in scripts are one of four shapes. Recognising the shape tells you the variable to
# set up before the loop and what to return after it:
#
# | pattern | before the loop | in the loop | built-in shortcut |
# |---|---|---|---|
# | **counting** | `count = 0` | `if test: count += 1` | `sum(1 for x in xs if test)` |
# | **accumulator** | `total = 0` (or `[]`, `""`, `{}`) | `total += x` | `sum`, `max`, `min`, `"".join` |
# | **search** | nothing, or a "not found" value | `if test: return x` / `break` | `next((x for x in xs if test), None)`, `any` |
# | **filter** | `kept = []` | `if test: kept.append(x)` | a comprehension with `if` |
#
# The usual bug is in the "before" column: a counter initialised **inside** the loop, or a
# search that returns "not found" from inside the loop after checking only the first item.

# %% course={"kind": "demo"}
records = [("web-1", "INFO", 120), ("web-2", "ERROR", 3400), ("db-1", "WARNING", 800),
           ("web-1", "ERROR", 2900), ("db-1", "INFO", 95)]

errors = 0  # counting
for host, level, ms in records:
    if level == "ERROR":
        errors += 1

total_ms = 0  # accumulator
for host, level, ms in records:
    total_ms += ms

first_slow = None  # search
for host, level, ms in records:
    if ms > 1000:
        first_slow = host
        break

db_records = []  # filter
for record in records:
    if record[0].startswith("db"):
        db_records.append(record)

print(f"errors={errors}  total_ms={total_ms}  first slow host={first_slow}  db records={len(db_records)}")
print("with built-ins:", sum(1 for r in records if r[1] == "ERROR"), sum(r[2] for r in records),
      next((r[0] for r in records if r[2] > 1000), None), len([r for r in records if r[0].startswith("db")]))

# %% [markdown] course={"kind": "lesson", "id": "comprehensions", "covers": ["c-comprehensions-introduction", "c-list-comprehensions-x-for-x-in-range-10", "c-conditional-comprehensions-x-for-x-in", "c-nested-comprehensions"]}
# ### Comprehensions
#
# A **list comprehension** is the filter-and-transform loop written as one expression:
#
# ```python
# [expression for item in iterable if condition]
# #  what to keep    where from      optional filter
# ```
#
# It builds a new list; the original is untouched. The `if` at the end **filters** (drops
# items); a conditional expression at the front **transforms** (every item stays):
# `[x if x > 0 else 0 for x in xs]`. Several `for` clauses nest, **in the same order as the
# loops would be written**: `[cell for row in grid for cell in row]` flattens a grid. The same
# syntax with `{}` builds sets and dicts, and with `()` a lazy generator.
#
# Use a comprehension when the whole loop is "build a collection from another one". When the
# body needs statements, several outputs, or error handling, or when it would not fit on two
# lines, a plain loop reads better.

# %% course={"kind": "demo"}
print("squares    ", [n * n for n in range(6)])
print("filter     ", [n for n in range(10) if n % 2 == 0])
print("transform  ", [n if n % 2 == 0 else -n for n in range(6)])

grid = [["a1", "a2"], ["b1", "b2"], ["c1"]]
print("flatten    ", [cell for row in grid for cell in row])
matrix = [[1, 2, 3], [4, 5, 6]]
print("transpose  ", [[row[i] for row in matrix] for i in range(3)])
print("dict comp  ", {host: len(host) for host in ["web-1", "db-primary"]})

# %% [markdown] course={"kind": "lesson", "id": "itertools", "covers": ["c-itertools-module-introduction", "c-count-cycle-repeat", "c-chain-islice", "c-combinations-permutations"]}
# ### `itertools`: loops you do not have to write
#
# The standard library's `itertools` module builds iterators lazily: they produce one value at
# a time, on demand, so even an infinite one costs no memory.
#
# | tool | gives | typical use |
# |---|---|---|
# | `count(start=0, step=1)` | start, start+step, ... forever | ids, attempt numbers |
# | `cycle(items)` | the items again and again | round-robin assignment to workers |
# | `repeat(x, times)` | x, `times` times (or forever) | constant arguments for `map`/`zip` |
# | `chain(a, b, ...)` | everything from a, then b, ... | one loop over several lists or files |
# | `islice(it, stop)` / `islice(it, start, stop, step)` | a slice of **any** iterator | the first N lines of a stream |
# | `combinations(items, r)` | every group of r, order ignored | pairs of hosts to test connectivity |
# | `permutations(items, r)` | every ordering of r | every possible rollout order |
#
# The mistake with infinite iterators: calling `list()` on them. Always bound them with
# `zip`, `islice` or a `break`.

# %% course={"kind": "demo"}
from itertools import chain, combinations, count, cycle, islice, permutations, repeat

jobs = ["job-a", "job-b", "job-c", "job-d", "job-e"]
workers = cycle(["w1", "w2"])
print("round robin :", [(job, next(workers)) for job in jobs])
print("numbered    :", list(zip(count(100), ["x", "y", "z"])))
print("repeat      :", list(repeat("ping", 3)))
print("chain       :", list(chain(["web-1", "web-2"], ["db-1"])))
print("islice      :", list(islice(count(0, 5), 4)), " (first 4 of an infinite count)")
hosts = ["a", "b", "c"]
print("combinations:", list(combinations(hosts, 2)))
print("permutations:", len(list(permutations(hosts))), "orders, e.g.", next(permutations(hosts)))

# %% [markdown] course={"kind": "lesson", "id": "loop-performance", "covers": ["c-performance-considerations", "c-avoiding-repeated-calculations-in-loops", "c-choosing-appropriate-loop-constructs", "c-when-to-use-comprehensions-vs-loops"]}
# ### Loops that stay fast
#
# - **Do not recompute what does not change.** A value that is the same in every round (a
#   compiled regex, `len(reference)`, `set(allowed)`, a config lookup) belongs **before** the
#   loop. Building `set(allowed)` inside the loop turns a cheap membership test into a full
#   rebuild every round.
# - **Pick the construct that does the work in C.** `sum`, `min`, `max`, `any`, `all`,
#   `"".join`, `sorted` and membership in a `set`/`dict` run their inner loop in C, far faster
#   than the same loop in Python.
# - **Comprehension or loop?** A comprehension is a little faster than `append` in a loop and
#   clearer for a plain build-a-list job. A loop is better when it has side effects (printing,
#   writing files), several results, or early exits. Readability decides first.
#
# The setup cell of this notebook imported `Counted` (from `course.runtime.meters`), an `int` that counts every comparison made
# on it. Here it shows what a membership test inside a loop really costs:

# %% course={"kind": "demo"}
allowed = [Counted(port) for port in range(0, 2000, 2)]  # 1,000 allowed ports
requests = list(range(0, 400, 3))  # 134 incoming ports to check

Counted.start()
ok_list = [p for p in requests if p in allowed]  # scans the list each time
list_ops = Counted.stop()

Counted.start()
allowed_set = set(allowed)  # built ONCE, before the loop
ok_set = [p for p in requests if p in allowed_set]
set_ops = Counted.stop()
print(f"`in list` inside the loop: {list_ops:6} comparisons")
print(f"set built once, `in set`:  {set_ops:6} operations (same answer: {ok_list == ok_set})")

# %% course={"kind": "demo"}
def squares_loop(n: int) -> list[int]:
    out = []
    for i in range(n):
        out.append(i * i)
    return out


def squares_comprehension(n: int) -> list[int]:
    return [i * i for i in range(n)]


for fn in (squares_loop, squares_comprehension):
    result, steps = count_steps(fn, 1000)
    print(f"{fn.__name__:22} {steps:5} Python lines executed for n=1000")

# %% [markdown] course={"kind": "exercise", "id": "factorial", "item": "x-write-a-program-to-find-the-factorial-of"}
# ### Factorial with a loop
#
# Write `factorial(n)` that returns n! = 1 × 2 × ... × n using a loop (not `math.factorial`:
# a test counts the Python lines your function executes, and a loop runs at least one line per
# number). By definition 0! = 1. A negative `n` has no factorial: raise `ValueError`.
#
# ```python
# factorial(5)   # 120
# factorial(0)   # 1
# ```

# %% [markdown] course={"kind": "hint"}
# This is the accumulator pattern with multiplication: start from `result = 1` (not 0) and
# multiply by each number.

# %% [markdown] course={"kind": "hint"}
# `range(1, n + 1)` includes `n`; `range(1, n)` stops one short.

# %% course={"kind": "solution", "equivalent": {"m-151aa41f": "multiplying by 1 changes nothing"}}
def factorial(n: int) -> int:
    """n! computed with a loop."""
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("factorial is not defined for negative numbers")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert factorial(5) == 120, f"5! = 120, got {factorial(5)}"
assert factorial(10) == 3628800, "10! = 3628800"

# %% course={"kind": "test", "points": 1}
assert factorial(0) == 1, "0! is 1 by definition"
assert factorial(1) == 1, "1! is 1"
### BEGIN HIDDEN TESTS
import math

assert factorial(25) == math.factorial(25), "Python ints do not overflow"
### END HIDDEN TESTS
result, steps = count_steps(factorial, 40)
assert result == math.factorial(40) and steps >= 20, f"compute it with a loop: only {steps} Python lines ran for n = 40"

# %% course={"kind": "test", "points": 1}
try:
    factorial(-3)
except ValueError:
    pass
else:
    raise AssertionError("a negative number must raise ValueError")

# %% course={"kind": "wrong", "id": "stops-one-short", "fails": ["t1", "t2"]}
def factorial(n):
    if n < 0:
        raise ValueError(n)
    result = 1
    for i in range(1, n):
        result *= i
    return result

# %% course={"kind": "wrong", "id": "starts-at-zero", "fails": ["t1", "t2"]}
def factorial(n):
    if n < 0:
        raise ValueError(n)
    result = 0
    for i in range(1, n + 1):
        result *= i
    return result

# %% course={"kind": "wrong", "id": "library-call", "fails": ["t2"]}
import math


def factorial(n):
    return math.factorial(n)

# %% course={"kind": "wrong", "id": "no-negative-check", "fails": ["t3"]}
def factorial(n):
    result = 1
    for i in range(1, n + 1):
        result *= i
    return result

# %% [markdown] course={"kind": "exercise", "id": "guessing-game", "item": "x-create-a-number-guessing-game-with-while"}
# ### Number guessing game
#
# Write the game logic as `guessing_game(secret, guesses, max_attempts=5)`. `guesses` is any
# iterable of **strings**, what a player would type. Read them **one at a time** with a `while`
# loop and return the list of messages the game prints:
#
# - a guess that is not a whole number: `"not a number: <text>"` (it does not use an attempt);
# - too small / too big: `"too low"` / `"too high"`;
# - right: `"correct in <k> guesses"` (k counts valid guesses; `"correct in 1 guess"` for one),
#   and the game ends;
# - after `max_attempts` wrong guesses: `"out of attempts, it was <secret>"`, and the game ends;
# - if the guesses run out first: `"no more guesses"`.
#
# When the game ends, stop reading: the tests check that later guesses are never consumed.
#
# ```python
# guessing_game(7, ["3", "nine", "9", "7", "1"])
# # ['too low', 'not a number: nine', 'too high', 'correct in 3 guesses']
# ```

# %% [markdown] course={"kind": "hint"}
# Turn the iterable into an iterator with `it = iter(guesses)`, and take the next guess with
# `next(it, None)`: it returns `None` when there are no more.

# %% [markdown] course={"kind": "hint"}
# `while attempts < max_attempts:` with a `break` when the guess is right. `int(text)` raises
# `ValueError` for text that is not a number; catch it, record the message and `continue`.

# %% course={"kind": "solution", "equivalent": {"m-6045dd46": "guess == secret has already returned above"}}
def guessing_game(secret: int, guesses, max_attempts: int = 5) -> list[str]:
    """Play the guessing game with the typed ``guesses``; return the messages."""
    ### BEGIN SOLUTION
    messages = []
    it = iter(guesses)
    attempts = 0
    while attempts < max_attempts:
        text = next(it, None)
        if text is None:
            messages.append("no more guesses")
            return messages
        try:
            guess = int(text)
        except ValueError:
            messages.append(f"not a number: {text}")
            continue
        attempts += 1
        if guess == secret:
            messages.append(f"correct in {attempts} {'guess' if attempts == 1 else 'guesses'}")
            return messages
        messages.append("too low" if guess < secret else "too high")
    messages.append(f"out of attempts, it was {secret}")
    return messages
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = guessing_game(7, ["3", "9", "7"])
assert got == ["too low", "too high", "correct in 3 guesses"], f"got {got}"
assert guessing_game(42, ["42"]) == ["correct in 1 guess"], "one guess: singular 'guess'"

# %% course={"kind": "test", "points": 1}
got = guessing_game(7, ["1", "2", "3"], max_attempts=2)
assert got == ["too low", "too low", "out of attempts, it was 7"], f"got {got}"
got = guessing_game(7, ["10"])
assert got == ["too high", "no more guesses"], f"got {got}"
### BEGIN HIDDEN TESTS
assert guessing_game(7, []) == ["no more guesses"], "no guesses at all"
assert guessing_game(-5, ["-5"]) == ["correct in 1 guess"], "negative numbers are numbers"
assert guessing_game(7, iter([])) == ["no more guesses"], "an empty iterator: no guesses at all"
got = guessing_game(7, ["1", "7"], max_attempts=2)
assert got == ["too low", "correct in 2 guesses"], f"a right guess on the last allowed attempt still wins: got {got}"
got = guessing_game(7, ["1", "2"], max_attempts=2)
assert got == ["too low", "too low", "out of attempts, it was 7"], f"the attempts ran out, not the guesses: got {got}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
got = guessing_game(7, ["seven", "", "7"])
assert got == ["not a number: seven", "not a number: ", "correct in 1 guess"], f"invalid input uses no attempt: got {got}"
typed = iter(["5", "7", "99", "100"])
guessing_game(7, typed)
assert next(typed, None) == "99", "the game must stop reading as soon as it ends"
### BEGIN HIDDEN TESTS
typed = iter(["1", "2", "3"])
guessing_game(9, typed, max_attempts=2)
assert next(typed, None) == "3", "after the last attempt, no more guesses are read"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reads-everything", "fails": ["t2", "t3"]}
def guessing_game(secret, guesses, max_attempts=5):
    messages = []
    attempts = 0
    for text in list(guesses):
        try:
            guess = int(text)
        except ValueError:
            messages.append(f"not a number: {text}")
            continue
        attempts += 1
        if guess == secret:
            messages.append(f"correct in {attempts} {'guess' if attempts == 1 else 'guesses'}")
        elif attempts < max_attempts:
            messages.append("too low" if guess < secret else "too high")
    return messages

# %% course={"kind": "wrong", "id": "invalid-uses-attempt", "fails": ["t3"]}
def guessing_game(secret, guesses, max_attempts=5):
    messages = []
    it = iter(guesses)
    attempts = 0
    while attempts < max_attempts:
        text = next(it, None)
        if text is None:
            messages.append("no more guesses")
            return messages
        attempts += 1
        try:
            guess = int(text)
        except ValueError:
            messages.append(f"not a number: {text}")
            continue
        if guess == secret:
            messages.append(f"correct in {attempts} {'guess' if attempts == 1 else 'guesses'}")
            return messages
        messages.append("too low" if guess < secret else "too high")
    messages.append(f"out of attempts, it was {secret}")
    return messages

# %% [markdown] course={"kind": "exercise", "id": "multiplication-table", "item": "x-print-a-multiplication-table-using"}
# ### Multiplication table
#
# Write `multiplication_table(n)` that returns the n × n table as a list of `n` strings, one
# per row. Row `i` holds `i*1, i*2, ..., i*n`. Every number is right-aligned to the width of
# the largest one (`n*n`), and numbers are separated by one space, so the columns line up.
# `n = 0` gives `[]`; a negative `n` raises `ValueError`.
#
# ```python
# multiplication_table(4)
# # [' 1  2  3  4',
# #  ' 2  4  6  8',
# #  ' 3  6  9 12',
# #  ' 4  8 12 16']
# ```

# %% [markdown] course={"kind": "hint"}
# Two nested loops (or a comprehension inside a loop): the outer one over rows `i`, the inner
# one over columns `j`, both from 1 to `n` inclusive.

# %% [markdown] course={"kind": "hint"}
# `width = len(str(n * n))`; then `f"{value:>{width}}"` right-aligns a number in that width, and
# `" ".join(cells)` puts the single spaces between them.

# %% course={"kind": "solution"}
def multiplication_table(n: int) -> list[str]:
    """The n x n multiplication table, one aligned string per row."""
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("n must not be negative")
    width = len(str(n * n))
    rows = []
    for i in range(1, n + 1):
        cells = []
        for j in range(1, n + 1):
            cells.append(f"{i * j:>{width}}")
        rows.append(" ".join(cells))
    return rows
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = multiplication_table(3)
assert got == ["1 2 3", "2 4 6", "3 6 9"], f"got {got}"

# %% course={"kind": "test", "points": 2}
got = multiplication_table(4)
assert got == [" 1  2  3  4", " 2  4  6  8", " 3  6  9 12", " 4  8 12 16"], f"columns must line up: got {got}"
### BEGIN HIDDEN TESTS
table = multiplication_table(12)
assert len(table) == 12 and table[-1].endswith("144") and table[0].startswith("  1   2"), "n = 12: three-character columns"
assert len({len(row) for row in table}) == 1, "every row has the same width"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert multiplication_table(1) == ["1"], "a 1 x 1 table"
assert multiplication_table(0) == [], "n = 0 has no rows"
try:
    multiplication_table(-2)
except ValueError:
    pass
else:
    raise AssertionError("a negative n must raise ValueError")

# %% course={"kind": "wrong", "id": "range-off-by-one", "fails": ["t1", "t2", "t3"]}
def multiplication_table(n):
    if n < 0:
        raise ValueError(n)
    width = len(str(n * n))
    return [" ".join(f"{i * j:>{width}}" for j in range(1, n)) for i in range(1, n)]

# %% course={"kind": "wrong", "id": "not-aligned", "fails": ["t2"]}
def multiplication_table(n):
    if n < 0:
        raise ValueError(n)
    return [" ".join(str(i * j) for j in range(1, n + 1)) for i in range(1, n + 1)]

# %% [markdown] course={"kind": "exercise", "id": "primes-trial", "item": "x-find-all-prime-numbers-up-to-n-using-a"}
# ### Primes by trial division
#
# Write `primes_up_to(n)` that returns the list of all primes `p <= n`, in increasing order,
# by testing each candidate with a loop. A prime is a whole number above 1 whose only divisors
# are 1 and itself. For `n < 2` the list is empty.
#
# ```python
# primes_up_to(20)   # [2, 3, 5, 7, 11, 13, 17, 19]
# ```

# %% [markdown] course={"kind": "hint"}
# For each candidate `k`, try divisors `d` from 2 upwards; if one divides `k`, `break`: `k` is
# not prime. The loop's `else` runs when no divisor was found.

# %% [markdown] course={"kind": "hint"}
# You only need divisors up to the square root: if `k = a * b` then one of `a`, `b` is at most
# `√k`. Loop while `d * d <= k` (or to `math.isqrt(k) + 1`, which **includes** the root: 49 is
# 7 × 7).

# %% course={"kind": "solution"}
def primes_up_to(n: int) -> list[int]:
    """All primes <= n, found by trial division."""
    ### BEGIN SOLUTION
    primes = []
    for k in range(2, n + 1):
        d = 2
        while d * d <= k:
            if k % d == 0:
                break
            d += 1
        else:
            primes.append(k)
    return primes
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert primes_up_to(20) == [2, 3, 5, 7, 11, 13, 17, 19], f"got {primes_up_to(20)}"

# %% course={"kind": "test", "points": 1}
assert primes_up_to(13)[-1] == 13, "n itself is included when it is prime"
assert 49 not in primes_up_to(50) and 25 not in primes_up_to(30), "squares of primes are not prime"
### BEGIN HIDDEN TESTS
assert len(primes_up_to(1000)) == 168 and primes_up_to(1000)[-1] == 997, "168 primes up to 1000"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert primes_up_to(2) == [2], "2 is the first prime"
assert primes_up_to(1) == [] and primes_up_to(0) == [] and primes_up_to(-7) == [], "no primes below 2 (1 is not prime)"

# %% course={"kind": "wrong", "id": "root-excluded", "fails": ["t1", "t2"]}
def primes_up_to(n):
    primes = []
    for k in range(2, n + 1):
        for d in range(2, int(k**0.5)):
            if k % d == 0:
                break
        else:
            primes.append(k)
    return primes

# %% course={"kind": "wrong", "id": "one-is-prime", "fails": ["t1", "t2", "t3"]}
def primes_up_to(n):
    primes = []
    for k in range(1, n + 1):
        for d in range(2, k):
            if k % d == 0:
                break
        else:
            primes.append(k)
    return primes

# %% [markdown] course={"kind": "exercise", "id": "numbered", "item": "x-use-enumerate-to-print-items-with-their"}
# ### Numbered list with `enumerate()`
#
# Write `print_numbered(items, start=1)` that prints one line per item, `<number>. <item>`,
# numbering from `start`. Items may repeat. It returns nothing.
#
# ```python
# print_numbered(["nginx", "redis"])
# # 1. nginx
# # 2. redis
# ```

# %% [markdown] course={"kind": "hint"}
# `enumerate(items, start=start)` gives `(number, item)` pairs; unpack them in the `for` header.

# %% [markdown] course={"kind": "hint"}
# `items.index(item)` finds the **first** equal item, so it gives the wrong number for repeats.

# %% course={"kind": "solution"}
def print_numbered(items, start: int = 1) -> None:
    """Print each item as '<number>. <item>', numbering from ``start``."""
    ### BEGIN SOLUTION
    for number, item in enumerate(items, start=start):
        print(f"{number}. {item}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    returned = print_numbered(["nginx", "redis", "postgres"])
assert out.getvalue() == "1. nginx\n2. redis\n3. postgres\n", f"printed {out.getvalue()!r}"
assert returned is None, "print the lines; do not return them"

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_numbered(["retry", "retry", "retry"])
assert out.getvalue() == "1. retry\n2. retry\n3. retry\n", f"repeated items keep counting: {out.getvalue()!r}"
### BEGIN HIDDEN TESTS
out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_numbered([])
    print_numbered(iter(["gen"]))
assert out.getvalue() == "1. gen\n", "nothing for an empty list; any iterable works"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_numbered(["a", "b"], start=0)
assert out.getvalue() == "0. a\n1. b\n", f"start=0 numbers from 0: {out.getvalue()!r}"

# %% course={"kind": "wrong", "id": "uses-index", "fails": ["t2"]}
def print_numbered(items, start=1):
    items = list(items)
    for item in items:
        print(f"{items.index(item) + start}. {item}")

# %% course={"kind": "wrong", "id": "ignores-start", "fails": ["t3"]}
def print_numbered(items, start=1):
    for number, item in enumerate(items, start=1):
        print(f"{number}. {item}")

# %% [markdown] course={"kind": "exercise", "id": "pairs", "item": "x-use-zip-to-combine-two-lists-into-pairs"}
# ### Pairs with `zip()`, and back
#
# Write two functions:
#
# - `pair_up(keys, values)` returns a list of `(key, value)` tuples, in order. If the two lists
#   have different lengths, that is a bug in the data: raise `ValueError` rather than silently
#   dropping the extras. Keys may repeat.
# - `unpair(pairs)` does the reverse: it returns `(keys, values)`, two lists.
#
# ```python
# pair_up(["web", "db"], [443, 5432])     # [('web', 443), ('db', 5432)]
# unpair([("web", 443), ("db", 5432)])    # (['web', 'db'], [443, 5432])
# ```

# %% [markdown] course={"kind": "hint"}
# `zip(keys, values, strict=True)` raises `ValueError` for you when the lengths differ.

# %% [markdown] course={"kind": "hint"}
# For `unpair`, a loop with two `append`s works. The short version unpacks the pairs into
# `zip`: `zip(*pairs)` gives one tuple of all keys and one of all values (and nothing at all
# for an empty list, so handle that case).

# %% course={"kind": "solution"}
def pair_up(keys: list, values: list) -> list[tuple]:
    """Pair keys with values position by position; the lengths must match."""
    ### BEGIN SOLUTION
    return list(zip(keys, values, strict=True))
    ### END SOLUTION


def unpair(pairs: list[tuple]) -> tuple[list, list]:
    """Split (key, value) pairs into a list of keys and a list of values."""
    ### BEGIN SOLUTION
    keys, values = [], []
    for key, value in pairs:
        keys.append(key)
        values.append(value)
    return keys, values
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = pair_up(["web", "db", "web"], [443, 5432, 8443])
assert got == [("web", 443), ("db", 5432), ("web", 8443)], f"a list of tuples, repeats kept: got {got}"

# %% course={"kind": "test", "points": 1}
for keys, values in ((["a", "b", "c"], [1, 2]), (["a"], [1, 2])):
    try:
        pair_up(keys, values)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{len(keys)} keys and {len(values)} values: raise ValueError")
### BEGIN HIDDEN TESTS
assert pair_up([], []) == [], "two empty lists pair up to nothing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
got = unpair([("web", 443), ("db", 5432)])
assert got == (["web", "db"], [443, 5432]), f"a tuple of two lists, keys first: got {got!r}"
assert type(got) is tuple and type(got[0]) is list and type(got[1]) is list, "a tuple holding two lists (not tuples)"
got = unpair([])
assert got == ([], []) and type(got[0]) is list, f"no pairs: two empty lists, got {got!r}"

# %% course={"kind": "wrong", "id": "zip-truncates", "fails": ["t2"]}
def pair_up(keys, values):
    return list(zip(keys, values))


def unpair(pairs):
    return [k for k, v in pairs], [v for k, v in pairs]

# %% course={"kind": "wrong", "id": "dict-loses-repeats", "fails": ["t1"]}
def pair_up(keys, values):
    if len(keys) != len(values):
        raise ValueError("lengths differ")
    return list(dict(zip(keys, values)).items())


def unpair(pairs):
    return [k for k, v in pairs], [v for k, v in pairs]

# %% course={"kind": "wrong", "id": "zip-star-tuples", "fails": ["t3"]}
def pair_up(keys, values):
    return list(zip(keys, values, strict=True))


def unpair(pairs):
    if not pairs:
        return [], []
    keys, values = zip(*pairs)
    return keys, values

# %% course={"kind": "wrong", "id": "zip-star-empty", "fails": ["t3"]}
def pair_up(keys, values):
    return list(zip(keys, values, strict=True))


def unpair(pairs):
    keys, values = zip(*pairs)
    return list(keys), list(values)

# %% [markdown] course={"kind": "exercise", "id": "comprehension-rewrite", "item": "x-rewrite-loop-based-code-using-list"}
# ### Rewrite the loops as comprehensions
#
# Each function below is written as a loop. Write the same three functions, each as a single
# `return [...]` list comprehension. (A test watches the calls your functions make: a
# comprehension builds its list without ever calling `append` or `extend`.)
#
# ```python
# def even_squares(nums):                 # squares of the even numbers, in order
#     out = []
#     for n in nums:
#         if n % 2 == 0:
#             out.append(n * n)
#     return out
#
# def flatten(rows):                      # one list with every item of every row, in order
#     out = []
#     for row in rows:
#         for item in row:
#             out.append(item)
#     return out
#
# def hostnames(roles, envs):             # every role in every environment
#     out = []
#     for role in roles:
#         for env in envs:
#             out.append(f"{role}-{env}")
#     return out
# ```
#
# ```python
# hostnames(["web", "db"], ["dev", "prod"])   # ['web-dev', 'web-prod', 'db-dev', 'db-prod']
# ```

# %% [markdown] course={"kind": "hint"}
# `[n * n for n in nums if n % 2 == 0]`: the filter goes at the end.

# %% [markdown] course={"kind": "hint"}
# With two `for` clauses, write them in the same order as the nested loops: the outer loop
# first. `[item for row in rows for item in row]`.

# %% course={"kind": "solution"}
def even_squares(nums: list[int]) -> list[int]:
    ### BEGIN SOLUTION
    return [n * n for n in nums if n % 2 == 0]
    ### END SOLUTION


def flatten(rows: list[list]) -> list:
    ### BEGIN SOLUTION
    return [item for row in rows for item in row]
    ### END SOLUTION


def hostnames(roles: list[str], envs: list[str]) -> list[str]:
    ### BEGIN SOLUTION
    return [f"{role}-{env}" for role in roles for env in envs]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert even_squares([1, 2, 3, 4, -6]) == [4, 16, 36], f"got {even_squares([1, 2, 3, 4, -6])}"
assert even_squares([]) == [] and even_squares([1, 3]) == [], "no even numbers, no squares"

# %% course={"kind": "test", "points": 1}
got = flatten([[1, 2], [], [3], [4, 5, 6]])
assert got == [1, 2, 3, 4, 5, 6], f"one flat list, in order: got {got}"
### BEGIN HIDDEN TESTS
assert flatten([]) == [] and flatten([["a", ["b"]]]) == ["a", ["b"]], "flatten one level only"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
got = hostnames(["web", "db"], ["dev", "prod"])
assert got == ["web-dev", "web-prod", "db-dev", "db-prod"], f"roles outside, envs inside: got {got}"
assert hostnames([], ["dev"]) == [], "no roles, no hosts"
### BEGIN HIDDEN TESTS
assert hostnames(["web"], []) == [] and hostnames(iter(["a"]), ["x", "y"]) == ["a-x", "a-y"], "no envs; roles from an iterator"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import sys


def builtin_calls(func, *args):
    """Names of the built-in functions and methods that func(*args) calls."""
    names = []

    def profiler(frame, event, arg):
        if event == "c_call":
            names.append(arg.__name__)

    previous = sys.getprofile()
    sys.setprofile(profiler)
    try:
        func(*args)
    finally:
        sys.setprofile(previous)
    return names


for func, args in ((even_squares, ([1, 2, 3, 4],)), (flatten, ([[1], [2, 3]],)), (hostnames, (["a"], ["x", "y"]))):
    calls = builtin_calls(func, *args)
    assert "append" not in calls and "extend" not in calls, f"{func.__name__} calls {calls}: build the list with one comprehension"

# %% course={"kind": "wrong", "id": "rows-not-flattened", "fails": ["t2"]}
def even_squares(nums):
    return [n * n for n in nums if n % 2 == 0]


def flatten(rows):
    return [[item for item in row] for row in rows]


def hostnames(roles, envs):
    return [f"{role}-{env}" for role in roles for env in envs]

# %% course={"kind": "wrong", "id": "still-loops", "fails": ["t4"]}
def even_squares(nums):
    out = []
    for n in nums:
        if n % 2 == 0:
            out.append(n * n)
    return out


def flatten(rows):
    out = []
    for row in rows:
        out.extend(row)
    return out


def hostnames(roles, envs):
    return [f"{role}-{env}" for role in roles for env in envs]

# %% course={"kind": "wrong", "id": "loops-swapped", "fails": ["t3"]}
def even_squares(nums):
    return [n * n for n in nums if n % 2 == 0]


def flatten(rows):
    return [item for row in rows for item in row]


def hostnames(roles, envs):
    return [f"{role}-{env}" for env in envs for role in roles]

# %% [markdown] course={"kind": "exercise", "id": "sieve", "item": "project-2-2-1"}
# ### Mini-project: Prime Number Generator, the sieve
#
# Trial division tests every candidate separately. The **Sieve of Eratosthenes** works the
# other way round: start with every number from 2 to `limit` marked "prime"; take the smallest
# marked number `p`, and cross out its multiples `p*p, p*p + p, ...` (smaller multiples were
# already crossed out by smaller primes); repeat with the next marked number while `p*p <=
# limit`. What is still marked is prime.
#
# Write `sieve(limit)` returning the list of primes `<= limit`. The tests check the answer and
# also the amount of work: at `limit = 30000` your function may execute at most 20 Python
# lines per number (counted with `count_steps` from the setup cell), which a sieve does easily
# and trial division does not.
#
# ```python
# sieve(30)   # [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
# ```

# %% [markdown] course={"kind": "hint"}
# `is_prime = [True] * (limit + 1)`, then set `is_prime[0]` and `is_prime[1]` to `False`. The
# index **is** the number.

# %% [markdown] course={"kind": "hint"}
# `for p in range(2, math.isqrt(limit) + 1):` and, when `is_prime[p]`, an inner loop
# `for m in range(p * p, limit + 1, p): is_prime[m] = False`. Finish with a comprehension
# `[n for n, flag in enumerate(is_prime) if flag]`.

# %% course={"kind": "solution", "equivalent": {"m-8a03e1a9": "limit 1 gives [] either way: its flags for 0 and 1 are cleared and no p is tried", "m-63f6e53a": "is_prime[1] is False, so p = 1 crosses nothing out", "m-2a3892b0": "the extra p has p * p > limit, so its inner range is empty"}}
import math


def sieve(limit: int) -> list[int]:
    """All primes <= limit, by the Sieve of Eratosthenes."""
    ### BEGIN SOLUTION
    if limit < 2:
        return []
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    for p in range(2, math.isqrt(limit) + 1):
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
    return [n for n, flag in enumerate(is_prime) if flag]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert sieve(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29], f"got {sieve(30)}"
assert sieve(2) == [2] and sieve(1) == [] and sieve(0) == [], "small limits"

# %% course={"kind": "test", "points": 1}
assert sieve(29)[-1] == 29 and sieve(49)[-1] == 47, "the limit itself is included when prime; 49 = 7 * 7 is not"
### BEGIN HIDDEN TESTS
assert len(sieve(10_000)) == 1229 and sieve(10_000)[-1] == 9973, "1229 primes up to 10000"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
primes, steps = count_steps(sieve, 30_000, limit=20 * 30_000)
assert len(primes) == 3245, f"there are 3245 primes up to 30000, got {len(primes)}"
print(f"sieve(30000) executed {steps} Python lines")

# %% course={"kind": "wrong", "id": "trial-division", "fails": ["t3"]}
def sieve(limit):
    primes = []
    for k in range(2, limit + 1):
        for d in range(2, int(k**0.5) + 1):
            if k % d == 0:
                break
        else:
            primes.append(k)
    return primes

# %% course={"kind": "wrong", "id": "limit-excluded", "fails": ["t2"]}
import math


def sieve(limit):
    if limit < 2:
        return []
    is_prime = [True] * limit
    is_prime[0] = is_prime[1] = False
    for p in range(2, math.isqrt(limit) + 1):
        if p < limit and is_prime[p]:
            for multiple in range(p * p, limit, p):
                is_prime[multiple] = False
    return [n for n, flag in enumerate(is_prime) if flag] or [2]

# %% [markdown] course={"kind": "task", "id": "sieve-vs-trial", "item": "project-2-2-1", "points": 3}
# ### Compare the two prime generators
#
# Time `primes_up_to` (trial division) and `sieve` with `timeit` for limits 1,000, 10,000,
# 100,000 and 1,000,000 (use fewer repeats for the big ones). Print a table with one row per
# limit and one column per method, and answer in two or three sentences: how does each time
# grow when the limit grows ten times, and from which limit would you stop using trial
# division in a script?

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a table with both methods at four limits, measured with `timeit` (or
#   `time.perf_counter`) rather than guessed, and the results of both methods checked equal.
# - 1 point: the growth is described correctly: the sieve grows a little faster than linearly,
#   trial division much faster (roughly n·√n / log n), so the gap widens with the limit.
# - 1 point: a sensible threshold with a reason (e.g. "above ~10,000 the sieve wins clearly;
#   below that either is instant"), and a mention that the sieve needs memory for `limit` flags.

# %% [markdown] course={"kind": "exercise", "id": "log-analyzer", "item": "project-2-2-2"}
# ### Mini-project: Log File Analyzer
#
# Log lines look like `2024-05-01 12:00:03 ERROR disk full on /dev/sda1`: a date, a time, a
# **level**, then the message. Write two functions:
#
# `analyze_log(path, pattern=None)` reads the file **line by line** (do not load it whole: a
# test measures the memory it uses) and returns a dict:
#
# - `"total"`: the number of non-blank lines;
# - `"levels"`: a dict `level -> count` over the non-blank lines. The level is the third
#   whitespace-separated field; a non-blank line with fewer than three fields counts as
#   `"MALFORMED"`;
# - `"matches"`: the line numbers (1-based, blank lines count in the numbering) of the lines
#   that contain `pattern` (a plain, case-sensitive substring); `[]` when `pattern` is `None`.
#
# `summary(stats)` turns that dict into report lines: first `"total: <n>"`, then one
# `"<LEVEL>: <count>"` line per level, the most frequent first, ties in alphabetical order.
#
# ```python
# stats = analyze_log("app.log", pattern="disk")
# # {'total': 5, 'levels': {'INFO': 2, 'ERROR': 2, 'WARNING': 1}, 'matches': [2, 6]}
# summary(stats)
# # ['total: 5', 'ERROR: 2', 'INFO: 2', 'WARNING: 1']
# ```

# %% [markdown] course={"kind": "hint"}
# `with open(path) as fh: for number, line in enumerate(fh, start=1):` reads one line at a
# time and numbers it. `line.split()` gives the fields; `if not fields: continue` skips blanks.

# %% [markdown] course={"kind": "hint"}
# Counting per key: `levels[level] = levels.get(level, 0) + 1`. For the summary,
# `sorted(levels.items(), key=lambda kv: (-kv[1], kv[0]))` sorts by count descending, then by
# name.

# %% course={"kind": "solution"}
def analyze_log(path, pattern: str | None = None) -> dict:
    """Count log levels and find lines containing ``pattern``."""
    ### BEGIN SOLUTION
    total = 0
    levels: dict[str, int] = {}
    matches = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if pattern is not None and pattern in line:
                matches.append(number)
            fields = line.split()
            if not fields:
                continue
            total += 1
            level = fields[2] if len(fields) >= 3 else "MALFORMED"
            levels[level] = levels.get(level, 0) + 1
    return {"total": total, "levels": levels, "matches": matches}
    ### END SOLUTION


def summary(stats: dict) -> list[str]:
    """Report lines: the total, then levels by count (descending), ties alphabetical."""
    ### BEGIN SOLUTION
    lines = [f"total: {stats['total']}"]
    for level, count in sorted(stats["levels"].items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{level}: {count}")
    return lines
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

sample = ("2024-05-01 12:00:00 INFO service started\n"
          "2024-05-01 12:00:03 ERROR disk full on /dev/sda1\n"
          "\n"
          "2024-05-01 12:01:00 WARNING slow response 1200ms\n"
          "2024-05-01 12:02:00 INFO retrying\n"
          "2024-05-01 12:02:05 ERROR disk still full\n")
with tempfile.TemporaryDirectory() as tmp:
    log = Path(tmp, "app.log")
    log.write_text(sample)
    stats = analyze_log(log, pattern="disk")
assert stats["total"] == 5, f"5 non-blank lines, got {stats['total']}"
assert stats["levels"] == {"INFO": 2, "ERROR": 2, "WARNING": 1}, f"got {stats['levels']}"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as tmp:
    log = Path(tmp, "odd.log")
    log.write_text("garbage\n\n   \n2024-05-01 12:00:00\n2024-05-01 12:00:01 DEBUG\n2024-05-01 12:00:00 INFO ok")
    odd = analyze_log(log)  # the file has no final newline
expected = {"total": 4, "levels": {"MALFORMED": 2, "DEBUG": 1, "INFO": 1}, "matches": []}
assert odd == expected, f"lines of one or two fields are MALFORMED, three are enough, whitespace-only lines are blank: {odd}"
with tempfile.TemporaryDirectory() as tmp:
    log = Path(tmp, "empty.log")
    log.write_text("")
    assert analyze_log(log, "x") == {"total": 0, "levels": {}, "matches": []}, "an empty file"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

sample = ("2024-05-01 12:00:00 INFO service started\n"
          "2024-05-01 12:00:03 ERROR disk full on /dev/sda1\n"
          "\n"
          "2024-05-01 12:01:00 WARNING slow response 1200ms\n"
          "2024-05-01 12:02:00 INFO retrying\n"
          "2024-05-01 12:02:05 ERROR disk still full\n")
with tempfile.TemporaryDirectory() as tmp:
    log = Path(tmp, "app.log")
    log.write_text(sample)
    assert analyze_log(log, pattern="disk")["matches"] == [2, 6], "1-based line numbers; the blank line 3 counts"
    assert analyze_log(log, pattern="Disk")["matches"] == [], "the pattern is case-sensitive"
    assert analyze_log(log)["matches"] == [], "no pattern, no matches"
    ### BEGIN HIDDEN TESTS
    got = analyze_log(log, pattern="")["matches"]
    assert got == [1, 2, 3, 4, 5, 6], f"the empty pattern is a pattern (every line contains it), not None: {got}"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
import tracemalloc
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    big = Path(tmp, "big.log")
    big.write_text("2024-05-01 12:00:00 INFO request served in 12 ms\n" * 10_000)  # about 490 kB
    tracemalloc.start()
    try:
        stats = analyze_log(big, pattern="timeout")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
assert stats["total"] == 10_000 and stats["levels"] == {"INFO": 10_000}, f"got {stats}"
assert peak < 200_000, f"read line by line: memory peaked at {peak:,} bytes for a 490 kB file"

# %% course={"kind": "test", "points": 1}
stats = {"total": 6, "levels": {"INFO": 2, "WARNING": 1, "ERROR": 2, "DEBUG": 1}, "matches": []}
got = summary(stats)
assert got == ["total: 6", "ERROR: 2", "INFO: 2", "DEBUG: 1", "WARNING: 1"], f"most frequent first, ties by name: got {got}"
### BEGIN HIDDEN TESTS
assert summary({"total": 0, "levels": {}, "matches": []}) == ["total: 0"], "an empty log has only the total"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zero-based-lines", "fails": ["t2"]}
def analyze_log(path, pattern=None):
    total, levels, matches = 0, {}, []
    with open(path) as fh:
        for number, line in enumerate(fh):
            if pattern is not None and pattern in line:
                matches.append(number)
            fields = line.split()
            if not fields:
                continue
            total += 1
            level = fields[2] if len(fields) >= 3 else "MALFORMED"
            levels[level] = levels.get(level, 0) + 1
    return {"total": total, "levels": levels, "matches": matches}


def summary(stats):
    ordered = sorted(stats["levels"].items(), key=lambda kv: (-kv[1], kv[0]))
    return [f"total: {stats['total']}"] + [f"{k}: {v}" for k, v in ordered]

# %% course={"kind": "wrong", "id": "counts-blank-lines", "fails": ["t1"]}
def analyze_log(path, pattern=None):
    total, levels, matches = 0, {}, []
    with open(path) as fh:
        for number, line in enumerate(fh, start=1):
            if pattern is not None and pattern in line:
                matches.append(number)
            total += 1
            fields = line.split()
            level = fields[2] if len(fields) >= 3 else "MALFORMED"
            levels[level] = levels.get(level, 0) + 1
    return {"total": total, "levels": levels, "matches": matches}


def summary(stats):
    ordered = sorted(stats["levels"].items(), key=lambda kv: (-kv[1], kv[0]))
    return [f"total: {stats['total']}"] + [f"{k}: {v}" for k, v in ordered]

# %% course={"kind": "wrong", "id": "reads-whole-file", "fails": ["t3"]}
def analyze_log(path, pattern=None):
    total, levels, matches = 0, {}, []
    with open(path) as fh:
        lines = fh.readlines()
    for number, line in enumerate(lines, start=1):
        if pattern is not None and pattern in line:
            matches.append(number)
        fields = line.split()
        if not fields:
            continue
        total += 1
        level = fields[2] if len(fields) >= 3 else "MALFORMED"
        levels[level] = levels.get(level, 0) + 1
    return {"total": total, "levels": levels, "matches": matches}


def summary(stats):
    ordered = sorted(stats["levels"].items(), key=lambda kv: (-kv[1], kv[0]))
    return [f"total: {stats['total']}"] + [f"{k}: {v}" for k, v in ordered]

# %% course={"kind": "wrong", "id": "alphabetical-only", "fails": ["t4"]}
def analyze_log(path, pattern=None):
    total, levels, matches = 0, {}, []
    with open(path) as fh:
        for number, line in enumerate(fh, start=1):
            if pattern is not None and pattern in line:
                matches.append(number)
            fields = line.split()
            if not fields:
                continue
            total += 1
            level = fields[2] if len(fields) >= 3 else "MALFORMED"
            levels[level] = levels.get(level, 0) + 1
    return {"total": total, "levels": levels, "matches": matches}


def summary(stats):
    return [f"total: {stats['total']}"] + [f"{k}: {v}" for k, v in sorted(stats["levels"].items())]

# %% [markdown] course={"kind": "exercise", "id": "patterns", "item": "project-2-2-3"}
# ### Mini-project: Pattern Printer
#
# Write four functions that each return a pattern of height `n` as a list of strings, **with
# no trailing spaces** on any line. For `n <= 0` each returns `[]`.
#
# ```python
# right_triangle(3)    # ['*', '**', '***']
# pyramid(3)           # ['  *', ' ***', '*****']
# diamond(3)           # ['  *', ' ***', '*****', ' ***', '  *']
# number_triangle(4)   # ['1', '1 2', '1 2 3', '1 2 3 4']
# ```
#
# (`diamond(n)` has `2n - 1` lines: the pyramid, then the pyramid upside down without
# repeating its widest line.) Print them with `print("\n".join(pyramid(5)))` to admire them.

# %% [markdown] course={"kind": "hint"}
# Line `i` of the pyramid (counting from 1) has `n - i` spaces, then `2 * i - 1` stars. String
# repetition does the work: `" " * (n - i) + "*" * (2 * i - 1)`.

# %% [markdown] course={"kind": "hint"}
# `diamond`: build the pyramid, then add `top[-2::-1]` (every line but the last, reversed).
# `number_triangle`: `" ".join(str(k) for k in range(1, i + 1))`.

# %% course={"kind": "solution"}
def right_triangle(n: int) -> list[str]:
    ### BEGIN SOLUTION
    return ["*" * i for i in range(1, n + 1)]
    ### END SOLUTION


def pyramid(n: int) -> list[str]:
    ### BEGIN SOLUTION
    return [" " * (n - i) + "*" * (2 * i - 1) for i in range(1, n + 1)]
    ### END SOLUTION


def diamond(n: int) -> list[str]:
    ### BEGIN SOLUTION
    top = pyramid(n)
    return top + top[-2::-1]
    ### END SOLUTION


def number_triangle(n: int) -> list[str]:
    ### BEGIN SOLUTION
    return [" ".join(str(k) for k in range(1, i + 1)) for i in range(1, n + 1)]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert right_triangle(3) == ["*", "**", "***"], f"got {right_triangle(3)}"
assert number_triangle(4) == ["1", "1 2", "1 2 3", "1 2 3 4"], f"got {number_triangle(4)}"
### BEGIN HIDDEN TESTS
assert number_triangle(11)[-1].endswith("9 10 11"), "numbers with two digits"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert pyramid(3) == ["  *", " ***", "*****"], f"no trailing spaces: got {pyramid(3)}"
assert pyramid(1) == ["*"], "a pyramid of height 1 is one star"

# %% course={"kind": "test", "points": 2}
assert diamond(3) == ["  *", " ***", "*****", " ***", "  *"], f"got {diamond(3)}"
assert diamond(1) == ["*"], "a diamond of height 1 is one star"
### BEGIN HIDDEN TESTS
assert len(diamond(6)) == 11 and diamond(6)[5] == "*" * 11, "diamond(6): 11 lines, widest in the middle"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for shape in (right_triangle, pyramid, diamond, number_triangle):
    assert shape(0) == [] and shape(-2) == [], f"{shape.__name__}: n <= 0 gives []"

# %% course={"kind": "wrong", "id": "centered-trailing-spaces", "fails": ["t2", "t3"]}
def right_triangle(n):
    return ["*" * i for i in range(1, n + 1)]


def pyramid(n):
    return [("*" * (2 * i - 1)).center(2 * n - 1) for i in range(1, n + 1)]


def diamond(n):
    top = pyramid(n)
    return top + top[-2::-1]


def number_triangle(n):
    return [" ".join(str(k) for k in range(1, i + 1)) for i in range(1, n + 1)]

# %% course={"kind": "wrong", "id": "middle-twice", "fails": ["t3"]}
def right_triangle(n):
    return ["*" * i for i in range(1, n + 1)]


def pyramid(n):
    return [" " * (n - i) + "*" * (2 * i - 1) for i in range(1, n + 1)]


def diamond(n):
    top = pyramid(n)
    return top + top[::-1]


def number_triangle(n):
    return [" ".join(str(k) for k in range(1, i + 1)) for i in range(1, n + 1)]

# %% [markdown] course={"kind": "exercise", "id": "squares-loop", "item": "dsa-loops"}
# ### Problem: Print the squares (after HackerRank's *Loops*)
#
# Write `print_squares(n)` that prints the square of every whole number `i` with
# `0 <= i < n`, one per line, in increasing order of `i`. For `n <= 0` it prints nothing.
#
# ```python
# print_squares(4)
# # 0
# # 1
# # 4
# # 9
# ```

# %% [markdown] course={"kind": "hint"}
# `range(n)` is exactly `0, 1, ..., n - 1`, and is empty when `n <= 0`.

# %% course={"kind": "solution"}
def print_squares(n: int) -> None:
    ### BEGIN SOLUTION
    for i in range(n):
        print(i * i)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_squares(4)
assert out.getvalue() == "0\n1\n4\n9\n", f"printed {out.getvalue()!r}"

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_squares(1)
assert out.getvalue() == "0\n", f"n = 1 prints just 0, got {out.getvalue()!r}"
### BEGIN HIDDEN TESTS
out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_squares(0)
    print_squares(-4)
assert out.getvalue() == "", "n <= 0 prints nothing"
out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_squares(20)
assert out.getvalue().split() == [str(i * i) for i in range(20)], "n = 20"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-to-n", "fails": ["t1", "t2"]}
def print_squares(n):
    for i in range(1, n + 1):
        print(i * i)

# %% course={"kind": "wrong", "id": "one-line", "fails": ["t1", "t2"]}
def print_squares(n):
    for i in range(n):
        print(i * i, end=" ")

# %% [markdown] course={"kind": "exercise", "id": "print-run", "item": "dsa-print-function"}
# ### Problem: Numbers run together (after HackerRank's *Print Function*)
#
# Write `print_run(n)` that prints the numbers 1 to `n` on **one** line with nothing between
# them, followed by a single newline. For `n <= 0` it prints just the newline. `print`'s own
# options can do the joining for you.
#
# ```python
# print_run(5)    # prints 12345
# print_run(12)   # prints 123456789101112
# ```

# %% [markdown] course={"kind": "hint"}
# `print` puts `sep` between its arguments (a space by default) and `end` after them (a
# newline by default). `print(*range(1, n + 1), sep="")` unpacks the range into arguments.

# %% course={"kind": "solution"}
def print_run(n: int) -> None:
    ### BEGIN SOLUTION
    print(*range(1, n + 1), sep="")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_run(5)
assert out.getvalue() == "12345\n", f"printed {out.getvalue()!r}"

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_run(12)
assert out.getvalue() == "123456789101112\n", f"printed {out.getvalue()!r}"
### BEGIN HIDDEN TESTS
out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_run(1)
    print_run(0)
assert out.getvalue() == "1\n\n", "n = 1 prints 1; n = 0 prints only the newline"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "default-separator", "fails": ["t1", "t2"]}
def print_run(n):
    print(*range(1, n + 1))

# %% course={"kind": "wrong", "id": "range-from-zero", "fails": ["t1", "t2"]}
def print_run(n):
    for i in range(n):
        print(i, end="")
    print()

# %% [markdown] course={"kind": "exercise", "id": "two-sum", "item": "dsa-two-sum"}
# ### Problem: Two budgets that fill the quota (after LeetCode's *Two Sum*)
#
# A team has a list of job costs `nums` and wants two **different** jobs whose costs add up to
# exactly `target`. Write `two_sum(nums, target)` that returns their positions `(i, j)` with
# `i < j`. The inputs have exactly one such pair, or none: then raise `ValueError`.
#
# It must work in **linear time**: walk the list once. The tests count the comparisons and
# arithmetic your code does on the numbers and allow about 10 per element, so checking every
# pair (about n²/2 additions) fails.
#
# ```python
# two_sum([4, 9, 1, 7], 8)   # (2, 3), because 1 + 7 == 8
# two_sum([3, 3], 6)         # (0, 1)
# ```

# %% [markdown] course={"kind": "hint"}
# For each number `x` at position `j`, the partner you need is `target - x`. Have you seen it
# already, at an earlier position?

# %% [markdown] course={"kind": "hint"}
# Keep a dict `seen` mapping each number to its position. Look the partner up **before**
# adding the current number, so that an element is never paired with itself.

# %% course={"kind": "solution"}
def two_sum(nums: list[int], target: int) -> tuple[int, int]:
    """Positions (i, j), i < j, of the two numbers that add up to ``target``."""
    ### BEGIN SOLUTION
    seen: dict[int, int] = {}
    for j, x in enumerate(nums):
        partner = target - x
        if partner in seen:
            return seen[partner], j
        seen[x] = j
    raise ValueError(f"no two numbers add up to {target}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = two_sum([4, 9, 1, 7], 8)
assert result == (2, 3) and type(result) is tuple, f"1 + 7 = 8: the tuple (2, 3), got {result!r}"
assert two_sum([2, 11, 15, 7], 9) == (0, 3), "the pair need not be neighbours"

# %% course={"kind": "test", "points": 1}
assert two_sum([3, 3], 6) == (0, 1), "equal values at different positions"
assert two_sum([3, 2, 4], 6) == (1, 2), "3 + 3 would use the same element twice"
assert two_sum([-4, 10, 7, 1], -3) == (0, 3), "negative numbers"
### BEGIN HIDDEN TESTS
assert two_sum([0, 5, 0], 0) == (0, 2), "two zeros add up to zero"
assert two_sum([1, 8, 2], 10) == (1, 2), "the last two"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for nums, target in (([1, 2, 3], 100), ([], 0), ([5], 10)):
    try:
        two_sum(nums, target)
    except ValueError:
        pass
    else:
        raise AssertionError(f"two_sum({nums}, {target}) has no answer: raise ValueError")

# %% course={"kind": "test", "points": 2}
nums = [Counted(x) for x in range(0, 6000, 2)]  # 3000 even numbers; only the last two fit
target = 5996 + 5998
Counted.start(limit=10 * len(nums))
try:
    pair = two_sum(nums, target)
finally:
    used = Counted.stop()
assert pair == (2998, 2999), f"got {pair}"
print(f"{used} operations for {len(nums)} numbers")

# %% course={"kind": "wrong", "id": "all-pairs", "fails": ["t4"]}
def two_sum(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return i, j
    raise ValueError("no pair")

# %% course={"kind": "wrong", "id": "pairs-with-itself", "fails": ["t1", "t2", "t3"]}
def two_sum(nums, target):
    seen = {}
    for j, x in enumerate(nums):
        seen[x] = j
        if target - x in seen:
            return seen[target - x], j
    raise ValueError("no pair")

# %% [markdown] course={"kind": "exercise", "id": "palindrome-number", "item": "dsa-palindrome-number"}
# ### Problem: Numbers that read the same backwards (after LeetCode's *Palindrome Number*)
#
# Write `is_palindrome_number(x)` that tells whether the integer `x` reads the same from both
# ends: `1221` does, `1231` does not. A minus sign only sits at the front, so negative numbers
# never do. Use **arithmetic only** (`//` and `%`), not `str()`: one test passes a number that
# refuses to be turned into text.
#
# ```python
# is_palindrome_number(12321)   # True
# is_palindrome_number(-121)    # False   (-121 backwards is 121-)
# is_palindrome_number(10)      # False   (backwards it is 01)
# ```

# %% [markdown] course={"kind": "hint"}
# `x % 10` is the last digit and `x // 10` drops it. Build the reversed number with
# `rev = rev * 10 + digit` while `x` shrinks to 0, then compare with the original.

# %% [markdown] course={"kind": "hint"}
# Deal with negative numbers first, with a guard clause.

# %% course={"kind": "solution"}
def is_palindrome_number(x: int) -> bool:
    """Whether the integer reads the same backwards, using arithmetic only."""
    ### BEGIN SOLUTION
    if x < 0:
        return False
    original, reversed_number = x, 0
    while x > 0:
        reversed_number = reversed_number * 10 + x % 10
        x //= 10
    return reversed_number == original
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_palindrome_number(12321) is True, "12321 reads the same backwards"
assert is_palindrome_number(1231) is False, "1231 backwards is 1321"
assert is_palindrome_number(7) is True and is_palindrome_number(0) is True, "one digit is a palindrome"

# %% course={"kind": "test", "points": 1}
assert is_palindrome_number(-121) is False, "negative numbers are never palindromes"
assert is_palindrome_number(10) is False, "10 backwards is 01"
assert is_palindrome_number(1001) is True, "zeros in the middle"
### BEGIN HIDDEN TESTS
assert is_palindrome_number(100) is False and is_palindrome_number(123454321) is True, "trailing zeros; odd length"
assert is_palindrome_number(10**18 + 1) is True, "a very long palindrome"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class NoText(int):
    """An int that refuses to be converted to text."""

    def __str__(self):
        raise TypeError("use arithmetic (// and %), not str()")

    __repr__ = __str__

    def __format__(self, spec):
        raise TypeError("use arithmetic (// and %), not an f-string")


assert is_palindrome_number(NoText(4884)) is True, "4884 is a palindrome"
assert is_palindrome_number(NoText(4885)) is False, "4885 is not a palindrome"

# %% course={"kind": "wrong", "id": "via-str", "fails": ["t3"]}
def is_palindrome_number(x):
    return str(x) == str(x)[::-1]

# %% course={"kind": "wrong", "id": "ignores-sign", "fails": ["t2"]}
def is_palindrome_number(x):
    x = abs(x)
    original, rev = x, 0
    while x > 0:
        rev = rev * 10 + x % 10
        x //= 10
    return rev == original

# %% course={"kind": "wrong", "id": "half-reversal-trailing-zero", "fails": ["t2"]}
def is_palindrome_number(x):
    if x < 0:
        return False
    rev = 0
    while x > rev:
        rev = rev * 10 + x % 10
        x //= 10
    return x == rev or x == rev // 10

# %% [markdown] course={"kind": "exercise", "id": "reverse-integer", "item": "dsa-reverse-integer"}
# ### Problem: Reverse the digits, within 32 bits (after LeetCode's *Reverse Integer*)
#
# Many systems store numbers in a **signed 32-bit** field, from `-2**31` to `2**31 - 1`. Write
# `reverse_digits(x)` that reverses the digits of the integer `x`, keeping its sign, and
# returns `0` when the reversed number does not fit in that range. Leading zeros disappear.
#
# ```python
# reverse_digits(123)          # 321
# reverse_digits(-120)         # -21
# reverse_digits(1534236469)   # 0   (9646324351 is too big for 32 bits)
# ```
#
# Careful: in Python `-123 % 10` is `7` and `-123 // 10` is `-13` (they round towards minus
# infinity), so work on the absolute value and put the sign back at the end.

# %% [markdown] course={"kind": "hint"}
# `sign = -1 if x < 0 else 1`, `x = abs(x)`, then the `rev = rev * 10 + x % 10` loop.

# %% [markdown] course={"kind": "hint"}
# Check the range on the signed result: `-2**31 <= result <= 2**31 - 1`.

# %% course={"kind": "solution", "equivalent": {"m-758e6ce7": "x == 0 gives 0, and 0 * -1 is 0", "m-03774b0d": "x == 0 gives 0, and 0 * -1 is 0"}}
def reverse_digits(x: int) -> int:
    """Digits of x reversed, sign kept; 0 if the result leaves the signed 32-bit range."""
    ### BEGIN SOLUTION
    sign = -1 if x < 0 else 1
    x = abs(x)
    result = 0
    while x:
        result = result * 10 + x % 10
        x //= 10
    result *= sign
    if not -(2**31) <= result <= 2**31 - 1:
        return 0
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = reverse_digits(123)
assert result == 321 and type(result) is int, f"the int 321, got {result!r}"
assert reverse_digits(120) == 21, "leading zeros disappear"
assert reverse_digits(0) == 0, "0 reversed is 0"

# %% course={"kind": "test", "points": 1}
assert reverse_digits(-123) == -321, "the sign stays in front"
assert reverse_digits(-120) == -21, "negative with a trailing zero"

# %% course={"kind": "test", "points": 2}
assert reverse_digits(1534236469) == 0, "9646324351 does not fit in 32 bits"
assert reverse_digits(1463847412) == 2147483641, "2147483641 still fits (the max is 2147483647)"
assert reverse_digits(-2147483648) == 0, "-8463847412 is below -2**31"
### BEGIN HIDDEN TESTS
assert reverse_digits(-1463847412) == -2147483641, "-2147483641 still fits"
assert reverse_digits(2**31 - 1) == 0 and reverse_digits(1000000003) == 0, "reversals that overflow"
assert reverse_digits(7463847412) == 2**31 - 1, "a result of exactly 2**31 - 1 still fits"
assert reverse_digits(-8463847412) == -(2**31), "a result of exactly -2**31 still fits"
assert reverse_digits(8463847412) == 0 and reverse_digits(-9463847412) == 0, "2**31 and -2**31 - 1 are just outside"
assert type(reverse_digits(-120)) is int, "a negative result is an int too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "str-reverse", "fails": ["t2", "t3"]}
def reverse_digits(x):
    result = int(str(x)[::-1])
    if not -(2**31) <= result <= 2**31 - 1:
        return 0
    return result

# %% course={"kind": "wrong", "id": "no-overflow-check", "fails": ["t3"]}
def reverse_digits(x):
    sign = -1 if x < 0 else 1
    x = abs(x)
    result = 0
    while x:
        result = result * 10 + x % 10
        x //= 10
    return sign * result

# %% [markdown] course={"kind": "exercise", "id": "count-primes", "item": "dsa-count-primes"}
# ### Problem: How many primes below n? (after LeetCode's *Count Primes*)
#
# Write `count_primes(n)` that returns how many primes are **strictly less than** `n`. It must
# be fast enough for large `n`: use a sieve. The tests run it at `n = 30000` and allow at most
# 20 executed Python lines per number (counted with `count_steps` from the setup cell); testing
# each number by trial division needs several times more.
#
# ```python
# count_primes(10)   # 4   (2, 3, 5, 7)
# count_primes(2)    # 0
# ```

# %% [markdown] course={"kind": "hint"}
# A list of `n` flags, `flags[k]` meaning "k may be prime". Cross out multiples of each prime
# `p` starting at `p * p`, for `p` up to `√n`.

# %% [markdown] course={"kind": "hint"}
# `sum(flags)` counts the `True`s (a `bool` is an `int`). Slice assignment crosses out a whole
# run in one step: `flags[p*p::p] = [False] * len(range(p*p, n, p))`.

# %% course={"kind": "solution", "equivalent": {"m-f3f53865": "n == 2 gives 0 either way: two cleared flags, no p tried", "m-b0b50bf8": "flags[1] is False, so p = 1 crosses nothing out", "m-aabb038c": "any extra p has p * p >= n, so its slice is empty", "m-cf430438": "any extra p has p * p >= n, so its slice is empty", "m-4c955f7a": "any extra p has p * p >= n, so its slice is empty"}}
import math


def count_primes(n: int) -> int:
    """Number of primes p with p < n."""
    ### BEGIN SOLUTION
    if n < 3:
        return 0
    flags = [True] * n
    flags[0] = flags[1] = False
    for p in range(2, math.isqrt(n - 1) + 1):
        if flags[p]:
            flags[p * p::p] = [False] * len(range(p * p, n, p))
    return sum(flags)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert count_primes(10) == 4, f"2, 3, 5, 7: got {count_primes(10)}"
assert count_primes(100) == 25, "25 primes below 100"

# %% course={"kind": "test", "points": 1}
assert count_primes(11) == 4, "strictly less than n: 11 itself is not counted"
assert count_primes(0) == 0 and count_primes(1) == 0 and count_primes(2) == 0, "no primes below 2"
assert count_primes(3) == 1, "just 2"
### BEGIN HIDDEN TESTS
assert count_primes(50_000) == 5133, "5133 primes below 50000"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
count, steps = count_steps(count_primes, 30_000, limit=20 * 30_000)
assert count == 3245, f"there are 3245 primes below 30000, got {count}"
print(f"count_primes(30000) executed {steps} Python lines")

# %% course={"kind": "wrong", "id": "trial-division", "fails": ["t3"]}
import math


def count_primes(n):
    count = 0
    for k in range(2, n):
        for d in range(2, math.isqrt(k) + 1):
            if k % d == 0:
                break
        else:
            count += 1
    return count

# %% course={"kind": "wrong", "id": "counts-n-too", "fails": ["t2"]}
import math


def count_primes(n):
    if n < 2:
        return 0
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    for p in range(2, math.isqrt(n) + 1):
        if flags[p]:
            flags[p * p::p] = [False] * len(range(p * p, n + 1, p))
    return sum(flags)

# %% [markdown] course={"kind": "exercise", "id": "missing-number", "item": "dsa-missing-number"}
# ### Problem: The missing ticket (after LeetCode's *Missing Number*)
#
# Ticket numbers `0, 1, ..., n` were handed out, and `n` of them came back in `nums`, in any
# order, without repeats: exactly one is missing. Write `missing_number(nums)` that finds it,
# in linear time and without changing `nums`. The tests count operations on the numbers and
# allow about 6 per element: checking `i in nums` for every `i`, or sorting, does more.
#
# ```python
# missing_number([3, 0, 1])   # 2
# missing_number([0, 1])      # 2   (n = 2, so the tickets were 0, 1, 2)
# ```

# %% [markdown] course={"kind": "hint"}
# You know what the total of `0 + 1 + ... + n` should be: `n * (n + 1) // 2` with
# `n = len(nums)`. What does the actual total tell you?

# %% [markdown] course={"kind": "hint"}
# `expected - sum(nums)` is the missing ticket. (XOR-ing all indices and values also works,
# and never makes big numbers.)

# %% course={"kind": "solution"}
def missing_number(nums: list[int]) -> int:
    """The one number of 0..len(nums) that is not in ``nums``."""
    ### BEGIN SOLUTION
    n = len(nums)
    return n * (n + 1) // 2 - sum(nums)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = missing_number([3, 0, 1])
assert result == 2 and type(result) is int, f"the int 2, got {result!r}"
assert missing_number([9, 6, 4, 2, 3, 5, 7, 0, 1]) == 8, "8 is missing from 0..9"

# %% course={"kind": "test", "points": 1}
assert missing_number([0, 1]) == 2, "the largest ticket can be the missing one"
assert missing_number([1]) == 0 and missing_number([0]) == 1, "one ticket returned"
assert missing_number([]) == 0, "no tickets returned: n = 0, so ticket 0 is missing"
nums = [2, 0, 3]
missing_number(nums)
assert nums == [2, 0, 3], "do not change the caller's list (no in-place sort)"

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(7)
values = list(range(4097))
gone = values.pop(1234)
rng.shuffle(values)
nums = [Counted(v) for v in values]
Counted.start(limit=6 * len(nums))
try:
    answer = missing_number(nums)
finally:
    used = Counted.stop()
assert answer == gone, f"expected {gone}, got {answer}"
print(f"{used} operations for {len(nums)} numbers")

# %% course={"kind": "wrong", "id": "in-list-each", "fails": ["t3"]}
def missing_number(nums):
    for i in range(len(nums) + 1):
        if i not in nums:
            return i

# %% course={"kind": "wrong", "id": "sort-in-place", "fails": ["t2", "t3"]}
def missing_number(nums):
    nums.sort()
    for i, x in enumerate(nums):
        if x != i:
            return i
    return len(nums)

# %% course={"kind": "wrong", "id": "sum-off-by-one", "fails": ["t1", "t2", "t3"]}
def missing_number(nums):
    return sum(range(len(nums))) - sum(nums)

# %% [markdown] course={"kind": "exercise", "id": "single-number", "item": "dsa-single-number"}
# ### Problem: The unpaired sock (after LeetCode's *Single Number*)
#
# In `nums` every value appears exactly **twice**, except one that appears once. Write
# `single_number(nums)` that returns that value, in linear time. The tests count operations
# on the numbers and allow about 6 per element: `nums.count(x)` for every `x` is quadratic.
#
# ```python
# single_number([4, 1, 2, 1, 2])   # 4
# ```
#
# A bonus that needs no extra memory: XOR. `a ^ a == 0` and `a ^ 0 == a`, and the order of
# XORs does not matter, so XOR-ing everything cancels every pair.

# %% [markdown] course={"kind": "hint"}
# One way: a set. Add a value the first time you see it, remove it the second time; the one
# value left over is the answer.

# %% [markdown] course={"kind": "hint"}
# The XOR way: `result = 0`, then `result ^= x` for every `x`. Start from 0, not from
# `nums[0]`, or the first value is counted twice.

# %% course={"kind": "solution"}
def single_number(nums: list[int]) -> int:
    """The value that appears once when all others appear twice."""
    ### BEGIN SOLUTION
    result = 0
    for x in nums:
        result ^= x
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert single_number([4, 1, 2, 1, 2]) == 4, f"got {single_number([4, 1, 2, 1, 2])}"
assert single_number([2, 2, 1]) == 1, "1 appears once"

# %% course={"kind": "test", "points": 1}
assert single_number([7]) == 7, "one element is the single one"
assert single_number([-3, 5, 5]) == -3, "negative numbers"
### BEGIN HIDDEN TESTS
assert single_number([0, 9, 9]) == 0, "the single value can be 0"
assert single_number([10**20, 1, 1]) == 10**20, "very large values"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(11)
values = [v for v in range(2000) for _ in (0, 1)] + [-42]
rng.shuffle(values)
nums = [Counted(v) for v in values]
Counted.start(limit=6 * len(nums))
try:
    answer = single_number(nums)
finally:
    used = Counted.stop()
assert answer == -42, f"expected -42, got {answer}"
print(f"{used} operations for {len(nums)} numbers")

# %% course={"kind": "wrong", "id": "count-each", "fails": ["t3"]}
def single_number(nums):
    for x in nums:
        if nums.count(x) == 1:
            return x

# %% course={"kind": "wrong", "id": "xor-from-first", "fails": ["t1", "t2", "t3"]}
def single_number(nums):
    result = nums[0]
    for x in nums:
        result ^= x
    return result

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-for-and"}
# A `for` loop walks over an iterable: one round per element, and it ends by itself when the
# elements run out. A `while` loop repeats as long as a condition is true and ends only when
# something in the body makes it false (or breaks out). Use `for` whenever there is a
# collection, a range or a stream to walk; use `while` for "until something happens" loops:
# retries, polling, reading until a sentinel, or algorithms whose step size changes (binary
# search).

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-break-vs-continue"}
# `break` ends the whole loop: you found what you were searching for, or hit a stop signal.
# `continue` ends only the current round and moves to the next element: the item is not
# interesting (a comment line, a disabled host), but the loop should go on. `continue` at the
# top of a loop acts as a guard clause that keeps the main path unindented.

# %% [markdown] course={"kind": "answer", "question": "q-explain-the-else-clause-on-loops"}
# The `else` block after a `for` or `while` runs when the loop ends normally, that is, without
# `break` (a `return` or an exception skips it too). It expresses "searched everything and did
# not find it" without a flag variable: `break` on success, handle failure in `else`. It also
# runs when the loop had nothing to do at all, which surprises people who read it as "if the
# loop did not run".

# %% [markdown] course={"kind": "answer", "question": "q-how-does-range-work-internally"}
# `range` is an immutable sequence object that stores just `start`, `stop` and `step`; it does
# not build a list. Its elements are computed on demand, so `len(r)`, `r[i]` and `x in r` (for
# ints) are answered with arithmetic in constant time, and `range(10**12)` costs a few dozen
# bytes. Iterating it creates a small iterator that yields `start`, `start + step`, ... until it
# reaches `stop` (never including it). It can be iterated any number of times.

# %% [markdown] course={"kind": "answer", "question": "q-when-should-you-use-list-comprehensions"}
# Use a comprehension when the loop's only job is to build a new list (or set, or dict) from
# an iterable, with an optional filter and a simple expression: it is shorter, slightly
# faster, and says "this builds a list" at a glance. Use a plain loop when the body has side
# effects (printing, writing, calling APIs), needs several statements, try/except, early
# `break`, or several results, or when nesting would make the comprehension hard to read.
# If you do not need the list at all, pass a generator expression to `sum`, `any` or `max`.

# %% course={"kind": "trap", "trap": "trap-modifying-a-list-while-iterating-over-it"}
# Removing from the list you are looping over shifts the next item into the slot just visited,
# so the loop skips it.
hosts = ["web-1", "old-1", "old-2", "web-2", "old-3"]
for host in hosts:
    if host.startswith("old"):
        hosts.remove(host)
print("after removing while looping:", hosts, " <- old-2 survived")

hosts = ["web-1", "old-1", "old-2", "web-2", "old-3"]
hosts = [host for host in hosts if not host.startswith("old")]  # build a new list instead
print("with a comprehension:        ", hosts)

try:
    weights = {"a": 1, "b": 0}
    for key in weights:
        if weights[key] == 0:
            del weights[key]
except RuntimeError as err:
    print("dicts refuse outright: RuntimeError:", err)

# %% course={"kind": "trap", "trap": "trap-off-by-one-errors-with-range"}
# The stop value of range() is never included.
print("range(1, 5)       ", list(range(1, 5)), " <- no 5")
print("range(1, 5 + 1)   ", list(range(1, 6)))
items = ["a", "b", "c"]
print("range(len(items) - 1) visits", [items[i] for i in range(len(items) - 1)], " <- misses the last")
print("counting down: range(3, 0, -1) =", list(range(3, 0, -1)), "| to include 0: range(3, -1, -1) =", list(range(3, -1, -1)))

# %% course={"kind": "trap", "trap": "trap-infinite-loops-without-proper-exit"}
# This retry loop forgets to count its attempts: with a service that never recovers it would
# spin forever. A safety cap (here 1000 rounds) shows it never leaves on its own.
def service_ok() -> bool:
    return False  # the service never comes back


attempts = 0
rounds = 0
while not service_ok():
    rounds += 1
    # BUG: `attempts += 1` is missing, so `attempts < 5` below is always true
    if attempts >= 5:
        break
    if rounds == 1000:
        print("still looping after 1000 rounds: no exit would ever be reached")
        break

attempts = 0
while not service_ok() and attempts < 5:  # fixed: the exit condition can become false
    attempts += 1
print("fixed loop gave up after", attempts, "attempts")

# %% course={"kind": "trap", "trap": "trap-overusing-nested-loops-when-better"}
# Finding the hosts present in both inventories: nested loops versus a set.
inventory_a = [Counted(x) for x in range(0, 3000, 3)]  # 1000 host ids
inventory_b = [Counted(x) for x in range(0, 3000, 5)]  # 600 host ids

Counted.start()
common_nested = [a for a in inventory_a for b in inventory_b if a == b]
nested_ops = Counted.stop()

Counted.start()
b_ids = set(inventory_b)
common_set = [a for a in inventory_a if a in b_ids]
set_ops = Counted.stop()
print(f"nested loops: {nested_ops:7} comparisons")
print(f"set lookup:   {set_ops:7} operations   same result: {common_nested == common_set}")
