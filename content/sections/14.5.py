# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can find where a program spends its work with `cProfile`, `pstats` and a
# line counter, benchmark honestly, load-test an HTTP service and read its latency percentiles, and turn a
# profile into an optimization and a performance budget that CI checks by counting work, not seconds.

# %% course={"kind": "setup", "id": "perf-helpers"}
# Helpers the demos and tests use. `serve(app)` runs an ASGI app on a real uvicorn at 127.0.0.1 (free port)
# for one `with` block; `run(coro)` runs a coroutine in a notebook or a script alike (course/runtime/aio.py).
# `HeldSite` (course/runtime/loadsite.py) is the web site the load-test exercise is checked against: it holds
# requests and answers them one at a time, so the most it had in flight (`peak`) is the client's real
# concurrency on any machine, and `site.drive(...)` gives the client an `httpx.AsyncClient` wired to it.
import asyncio
import collections
import cProfile
import math
import pstats
import sqlite3
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from course.runtime.aio import run, serve
from course.runtime.aiotest import within
from course.runtime.clock import FakeClock
from course.runtime.loadsite import HeldSite, refused_url
from course.runtime.sql import database


@dataclass(frozen=True)
class LoadReport:
    """What a load run measured: requests sent, errors, and the latency of every response (seconds)."""

    sent: int
    errors: int
    latencies: tuple[float, ...]


async def _load(site: HeldSite, url: str, total: int, concurrency: int) -> LoadReport:
    """The tests' call of your run_load (from the exercise), with a client wired to the site."""
    return await site.drive(lambda client: run_load(client, url, total, concurrency))


def order_totals_slow(conn: sqlite3.Connection) -> dict[str, int]:
    """The report page of the exercise "one-query", as it was: 1 + N queries."""
    totals = {}
    for customer_id, name in conn.execute("SELECT id, name FROM customers ORDER BY id").fetchall():
        (cents,) = conn.execute("SELECT SUM(cents) FROM orders WHERE customer_id = ?", (customer_id,)).fetchone()
        totals[name] = cents or 0
    return totals

# %% [markdown] course={"kind": "lesson", "id": "profilers", "covers": ["c-profiling-tools", "c-cprofile-deterministic-profiling", "c-profile-pure-python-profiler", "c-line-profiler-line-by-line", "c-memory-profiler-memory-usage", "c-py-spy-sampling-profiler"]}
# ### Profilers: measure before you optimize
#
# A profiler tells you where a program spends its time, so you fix the one function that matters instead of
# the one you suspected. There are two families:
#
# | tool | kind | what you get | when |
# |---|---|---|---|
# | `cProfile` (standard library, in C) | deterministic: hooks every call and return | calls and time per function | first look at any script or test |
# | `profile` (standard library, pure Python) | the same, written in Python | same table, several times more overhead | only to extend the profiler itself |
# | `line_profiler` (`@profile` on a function, then `kernprof -l -v script.py`) | deterministic, per line | hits and time per line of chosen functions | after cProfile named the function |
# | `memory_profiler` | reads the process's memory (RSS) as each line runs | memory growth per line | unmaintained; prefer `tracemalloc` (9.4) |
# | `py-spy` (`py-spy top --pid N`, `py-spy record -o out.svg --pid N`) | sampling, from outside the process | where the stacks are, many times a second | production, or a process you cannot restart |
#
# Deterministic profilers count **exactly**: the number of calls is the same on every run, only the times
# move. Their overhead falls on every call, so many small calls look more expensive than they are; a
# sampling profiler like py-spy barely slows the program but only estimates. The mistake people make:
# reading `tottime` (time inside the function itself) where they meant `cumtime` (including what it called),
# or trusting the times of a tiny function that was called a million times under the profiler.
#
# `line_profiler`, `memory_profiler` and `py-spy` are not installed in this course; the exercises build the
# line-counting idea with `sys.settrace`, which is what a line profiler does under the hood.

# %% course={"kind": "demo"}
def parse(line: str) -> tuple[str, int]:
    name, value = line.split("=")
    return name.strip(), int(value)


def load(lines: list[str]) -> dict[str, int]:
    return dict(parse(line) for line in lines)


def report(n: int) -> int:
    config = load([f"key{i} = {i}" for i in range(n)])
    return sum(config.values())


profiler = cProfile.Profile()
total = profiler.runcall(report, 2_000)
stats = pstats.Stats(profiler)
print("result", total)
for (file, line, name), (primitive, calls, tottime, cumtime, callers) in stats.stats.items():  # type: ignore[attr-defined]
    if name in ("report", "load", "parse", "<method 'split' of 'str' objects>"):
        print(f"{name:42} calls={calls:5}  (times vary from run to run; the counts never do)")

# %% [markdown] course={"kind": "lesson", "id": "analysis", "covers": ["c-profiling-analysis", "c-pstats-profile-statistics", "c-snakeviz-visualization", "c-flame-graphs"]}
# ### Reading a profile: `pstats`, snakeviz and flame graphs
#
# `python -m cProfile -o out.prof script.py` saves a profile; `pstats.Stats("out.prof")` loads it (or
# `pstats.Stats(profiler)` straight from a `cProfile.Profile`). The useful calls:
# `.strip_dirs()` (short file names), `.sort_stats("cumulative")` or `SortKey.CUMULATIVE`, `"tottime"`,
# `"ncalls"`, then `.print_stats(10)` for the top ten, `.print_callers("parse")` for who called a function.
# The raw table is the dict `stats.stats`: key `(file, line, function name)`, value
# `(primitive calls, total calls, tottime, cumtime, callers)`; built-ins have the file `"~"`. The two call
# counts differ only for recursion: `ncalls` shows `177/1` for a recursive `fib(10)` (177 calls, one of them
# not made by itself).
#
# **snakeviz** (`snakeviz out.prof`) opens the same file in a browser as an icicle or sunburst chart.
# A **flame graph** draws every stack seen: width is how much work happened under that stack, and the
# widest plateau at the top is your hot spot. Its input is "folded stacks", one line per stack and a count,
# which py-spy writes (`--format raw`) and the demo builds from `sys.setprofile` (a call hook, like cProfile's).

# %% course={"kind": "demo"}
import io

sorted_stats = pstats.Stats(profiler, stream=(out := io.StringIO())).strip_dirs().sort_stats("ncalls")
sorted_stats.print_stats(4)
print("\n".join(out.getvalue().strip().splitlines()[-6:]))  # the header and the four rows

folded: collections.Counter[str] = collections.Counter()
stack: list[str] = []


def on_event(frame: Any, event: str, arg: Any) -> None:
    if event == "call" and (stack or frame.f_code is report.__code__):  # only report() and what it calls
        stack.append(frame.f_code.co_name)
        folded[";".join(stack)] += 1
    elif event == "return" and stack:
        stack.pop()


sys.setprofile(on_event)
try:
    report(50)
finally:
    sys.setprofile(None)
for line, count in sorted(folded.items()):
    print(f"{line} {count}")  # the lines a flame graph is drawn from (calls, here; samples, in py-spy)

# %% [markdown] course={"kind": "lesson", "id": "benchmarking", "covers": ["c-benchmarking", "c-timeit-module", "c-pytest-benchmark", "c-microbenchmarks", "c-realistic-benchmarks"]}
# ### Benchmarking: `timeit` used correctly
#
# A benchmark answers "how long does this take", which a profiler (which slows everything down) cannot.
# `timeit.repeat(stmt, number=N, repeat=R)` runs the statement N times in a tight loop, R times over, with
# the garbage collector off, and returns R totals. Divide by N for the time per call and report the
# **minimum**: noise (other processes, the CPU's clock speed changing, cache misses) only ever adds time, so
# the fastest run is the best estimate of the code's own cost; the mean mixes in the noise and the spread
# tells you how noisy the machine is. Warm up first (a first call pays for imports, caches, lazy setup).
#
# `pytest-benchmark` does the same inside a test (`benchmark(func, *args)`), stores runs as JSON
# (`--benchmark-autosave`) and compares them (`--benchmark-compare`). A **microbenchmark** times one small
# thing (a dict lookup, a parser); a **realistic benchmark** replays real work (a day's log file, a
# recorded request mix) and is what you promise users. The mistake people make: timing once, on a busy
# laptop, and comparing two numbers that differ by less than the noise. Timings are printed here, never tested.

# %% course={"kind": "demo"}
setup = "items = list(range(10_000)); wanted = set(items)"
for stmt in ("9_999 in items", "9_999 in wanted"):
    totals = timeit.repeat(stmt, setup=setup, number=200, repeat=5)
    per_call = [t / 200 * 1e6 for t in totals]
    print(f"{stmt:16} min {min(per_call):8.3f} µs   mean {sum(per_call) / 5:8.3f} µs   max {max(per_call):8.3f} µs")

# %% [markdown] course={"kind": "text"}
# **Self-check: benchmarking method.** Answer, then open the answer.
#
# 1. Two runs of a benchmark give 41 ms and 44 ms. Is the second version slower?
# 2. Why report the minimum of the repeats rather than the mean?
# 3. Why does `timeit` run the statement `number` times between two clock readings instead of timing each call?
# 4. Your function reads a file. Which benchmark tells users what to expect: a microbenchmark or a realistic one?
#
# <details><summary>Answers</summary>
#
# 1. Not from this: a single pair of runs says nothing until you know the spread. Repeat both (say 5 to 20
#    times), compare the minimums, and look at how far apart the repeats of one version are.
# 2. Interruptions (other processes, frequency changes, page faults) only add time; the minimum is the run
#    least disturbed. The mean and the spread still matter: they tell you how noisy the machine was.
# 3. Reading the clock costs time too, and a clock has a resolution; over `number` calls both are spread thin.
# 4. A realistic one, with a warm and a cold cache stated: the first read comes from disk, the next ones from the
#    operating system's page cache, and a microbenchmark that loops on one file only measures the second case.
#
# </details>

# %% [markdown] course={"kind": "lesson", "id": "load-testing", "covers": ["c-load-testing", "c-locust-load-testing-framework", "c-writing-load-tests", "c-analyzing-results", "c-identifying-bottlenecks"]}
# ### Load testing: many clients at once
#
# A load test sends many requests at a service at once and watches what happens to response times and
# errors as the load grows. **locust** is the usual Python tool: you describe a user in a locustfile and it
# runs many of them (a web UI, or `--headless`), reporting requests per second, failures and percentiles.
# It is not installed here; the file below is what you would write, and
# `locust -f locustfile.py --headless -u 20 -r 5 -t 30s --host http://127.0.0.1:8000` runs it for 30 s with
# 20 users started 5 per second:
#
# ```python
# from locust import HttpUser, task, between
#
# class ApiUser(HttpUser):
#     wait_time = between(0.5, 1.5)        # think time between a user's requests
#
#     @task(3)                             # three times as often as the task below
#     def list_items(self):
#         self.client.get("/items")
#
#     @task
#     def create_item(self):
#         with self.client.post("/items", json={"name": "x"}, catch_response=True) as resp:
#             if resp.status_code != 201:
#                 resp.failure(f"got {resp.status_code}")
# ```
#
# Reading the results: watch p95/p99 and errors as users grow. Throughput climbs, then flattens at the
# **bottleneck** (a CPU, a pool of database connections, a lock, one worker); past it, latency grows
# instead, because requests queue. The mistake people make: a load generator on the same small machine as
# the service (it measures itself), or a closed loop of N users that each wait for an answer, which hides
# how bad queueing gets (requests that were never sent are never slow). The demo is a tiny load generator:
# 30 GETs, at most 5 in flight, against a real uvicorn.

# %% course={"kind": "demo"}
async def tiny_load(client: httpx.AsyncClient, url: str, total: int, limit: int) -> list[float]:
    gate = asyncio.Semaphore(limit)

    async def one() -> float:
        async with gate:
            start = time.perf_counter()
            await client.get(url)
            return time.perf_counter() - start

    return list(await asyncio.gather(*(one() for _ in range(total))))


site = HeldSite(total=30, limit=5)
with serve(site) as base:
    took = run(site.drive(lambda client: tiny_load(client, base + "/", 30, 5)))
print(f"{len(took)} responses; the server saw at most {site.peak} at once")
print(f"slowest {max(took) * 1000:.1f} ms (this site holds requests to count them: a count, not a benchmark)")

# %% [markdown] course={"kind": "lesson", "id": "metrics", "covers": ["c-performance-metrics", "c-response-time", "c-throughput", "c-latency-percentiles-p50-p95-p99", "c-resource-utilization"]}
# ### Performance metrics: percentiles, throughput, resources
#
# **Response time** (latency) is the time one request takes, as the client sees it; **throughput** is how
# many requests are finished per second. Averages hide the slow requests your users notice, so latency is
# reported as **percentiles**: p50 (the median: half the requests were faster), p95, p99 (one in a hundred
# was slower). Two definitions are in use, and they give different numbers on small samples:
#
# - **nearest rank**: sort the n values; the p-th percentile is the value at rank `ceil(p / 100 * n)` (1-based),
#   always one of the measured values (the textbook definition, easy to explain: "95 % were at most this");
# - **linear interpolation**: the value at position `(n - 1) * p / 100` (0-based) in the sorted list, between
#   two neighbours if the position is fractional (NumPy's default, `statistics.quantiles(method="inclusive")`).
#
# **Resource utilization** (CPU, memory, connections, disk) explains *why* latency grows: a CPU at 100 % or
# a pool with no free connection means queueing. In Python: `time.process_time()` and `resource.getrusage`
# for CPU, `tracemalloc` for Python allocations (section 9.4 measured peaks with it; here: which lines
# allocated between two snapshots). The mistake people make: averaging percentiles across servers or
# minutes (the p99 of the whole is not the mean of the p99s; keep the raw counts or histograms).

# %% course={"kind": "demo"}
import statistics

latencies_ms = [12, 15, 11, 14, 250, 13, 16, 12, 18, 14]
ordered = sorted(latencies_ms)
print("mean", statistics.fmean(latencies_ms), "ms: one slow request drags it far above what most users saw")
print("p50 nearest rank:", ordered[math.ceil(0.50 * len(ordered)) - 1], "  interpolated:", statistics.median(ordered))
deciles = statistics.quantiles(ordered, n=10, method="inclusive")  # linear interpolation
print("p90 nearest rank:", ordered[math.ceil(0.90 * len(ordered)) - 1], "  interpolated:", deciles[8])

tracemalloc.start()
try:
    before = tracemalloc.take_snapshot()
    cache = {i: str(i) * 10 for i in range(20_000)}  # the line that allocates
    after = tracemalloc.take_snapshot()
finally:
    tracemalloc.stop()
top = after.compare_to(before, "lineno")[0]
print(f"biggest growth: line {top.traceback[0].lineno}, +{top.size_diff // 1024} KiB in {top.count_diff} blocks")
cpu = time.process_time()
sum(i * i for i in range(200_000))
print(f"CPU used by that sum: {(time.process_time() - cpu) * 1000:.1f} ms (printed, not tested)")
del cache

# %% [markdown] course={"kind": "lesson", "id": "optimization", "covers": ["c-optimization-strategies", "c-algorithm-optimization", "c-data-structure-choice", "c-caching", "c-async-optimization", "c-database-query-optimization"]}
# ### Optimizing what the profile shows
#
# In order of payoff: a better **algorithm** (an O(n²) loop becomes O(n log n)); the right **data
# structure** (a `set` or `dict` for membership instead of scanning a list); **caching** a pure function's
# results (`functools.lru_cache`, `cache_info()` shows hits and misses); **async** or threads for work that
# waits on the network, so the waits overlap; and fewer, better **database queries** (one `JOIN` instead of
# one query per row, the "N+1" pattern an ORM makes easily, and an index for the `WHERE`). Each is checked
# the same way: profile, change one thing, measure again. The demo counts, rather than times, two of them:
# the comparisons a list scan does, and the SQL statements an N+1 loop sends (SQLite's
# `set_trace_callback` sees each one). The mistake people make: optimizing code that the profile does not
# show (it is fast enough already) and making it harder to read for nothing.

# %% course={"kind": "demo"}
import functools


class Noisy(int):
    compared = 0

    def __eq__(self, other: object) -> bool:
        Noisy.compared += 1
        return int(self) == other

    __hash__ = int.__hash__


ids = [Noisy(i) for i in range(5_000)]
_ = 4_999 in ids
print("list scan, comparisons for one lookup:", Noisy.compared)
Noisy.compared = 0
_ = 4_999 in set(ids)
print("set lookup, comparisons:", Noisy.compared)


@functools.lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


fib(60)
print("fib(60) with a cache:", fib.cache_info())

sent: list[str] = []
conn = database("CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE posts(user_id INTEGER, title TEXT);"
                "INSERT INTO users(name) VALUES ('ada'), ('bo'), ('cy');"
                "INSERT INTO posts VALUES (1, 'a'), (1, 'b'), (3, 'c');")
conn.set_trace_callback(sent.append)
for user_id, name in conn.execute("SELECT id, name FROM users").fetchall():
    conn.execute("SELECT count(*) FROM posts WHERE user_id = ?", (user_id,)).fetchone()
print("N+1 loop:", len(sent), "statements")
sent.clear()
conn.execute("SELECT u.name, count(p.user_id) FROM users u LEFT JOIN posts p ON p.user_id = u.id GROUP BY u.id").fetchall()
print("one JOIN:", len(sent), "statement")
conn.close()

# %% [markdown] course={"kind": "lesson", "id": "regression", "covers": ["c-performance-regression", "c-baseline-establishment", "c-continuous-benchmarking", "c-performance-budgets"]}
# ### Performance regressions: baselines, budgets, CI
#
# A **baseline** is a stored measurement of the current version (a JSON file in the repository, or
# pytest-benchmark's saved runs). **Continuous benchmarking** measures every change the same way and compares
# it with the baseline; a **performance budget** is the limit it must stay under ("p95 below 200 ms", "at
# most 2 queries per page", "no more than 10 % slower than the baseline").
#
# Timings on shared CI runners are noisy (other jobs share the CPU), so a time budget must be loose or run
# on a dedicated machine, with repeats and the minimum. What is exact on any machine is **work**: function
# calls (from cProfile), SQL statements, HTTP requests, bytes allocated (tracemalloc). Budget those in
# ordinary tests, and keep time benchmarks for a quiet machine and a trend chart. The mistake people make:
# a wall-clock assertion in the test suite that fails one run in fifty, until everyone ignores it.

# %% course={"kind": "demo"}
import json

baseline = json.loads('{"parse_calls": 2000, "queries_per_page": 2, "peak_kib": 512}')
measured = {"parse_calls": 2000, "queries_per_page": 21, "peak_kib": 530}
for name, limit in baseline.items():
    ratio = measured[name] / limit
    verdict = "OK" if ratio <= 1.10 else "REGRESSION"
    print(f"{name:18} baseline {limit:5}  now {measured[name]:5}  x{ratio:5.2f}  {verdict}")

# %% [markdown] course={"kind": "exercise", "id": "hottest", "item": "x-profile-a-python-script-and-identify"}
# ### Read a profile: the most-called functions
#
# Write `hottest(stats, top=3)`: given a `pstats.Stats`, return a list of `(function name, calls)` tuples
# for the `top` **Python** functions called most often (total calls, recursive calls included), most calls
# first, ties in alphabetical order of the name. Built-ins (`len`, `str.split`, ...; their file is `"~"` in
# `stats.stats`) are left out. `top=0` gives `[]`; a negative `top` raises `ValueError`. Call counts, unlike
# times, are the same on every run, which is why a test (or a CI budget) can rely on them.
#
# ```python
# def leaf(x): return x + 1
# def branch(n): return [leaf(i) for i in range(n)]      # leaf: 3 calls, branch: 1 (and a <listcomp> row on 3.11;
#                                                        # 3.12 and later inline comprehensions, PEP 709)
# profiler = cProfile.Profile(); profiler.runcall(branch, 3)
# hottest(pstats.Stats(profiler), top=1)    # [('leaf', 3)]
# ```

# %% [markdown] course={"kind": "hint"}
# `stats.stats` is a dict: key `(file, line, name)`, value `(primitive calls, total calls, tottime, cumtime,
# callers)`. Which of the two counts includes the recursive calls?

# %% [markdown] course={"kind": "hint"}
# Build `(name, calls)` pairs for the keys whose file is not `"~"`, then
# `sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]`.

# %% course={"kind": "solution"}
def hottest(stats: pstats.Stats, top: int = 3) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    if top < 0:
        raise ValueError(f"top must be 0 or more, got {top}")
    pairs = [
        (name, calls)
        for (file, line, name), (primitive, calls, *rest) in stats.stats.items()  # type: ignore[attr-defined]
        if file != "~"
    ]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _leaf(x):
    return x + 1


def _branch(n):
    total = 0
    for i in range(n):
        total += _leaf(i)
    return total


def _root():
    results = []
    for n in range(5):
        results.append(_branch(n))
    for word in ("a", "bb", "ccc"):
        results.append(len(word))
    return results


_profiler = cProfile.Profile()
_profiler.runcall(_root)
_got = hottest(pstats.Stats(_profiler), top=2)
assert _got == [("_leaf", 10), ("_branch", 5)], f"_leaf is called 0+1+2+3+4 = 10 times, _branch 5 times; got {_got}"
### BEGIN HIDDEN TESTS
assert hottest(pstats.Stats(_profiler), top=0) == [], "top=0: an empty list"
_all = hottest(pstats.Stats(_profiler), top=10)
assert _all == [("_leaf", 10), ("_branch", 5), ("_root", 1)], f"three Python functions, len is a built-in; got {_all}"
assert type(_all) is list and all(type(p) is tuple and type(p[1]) is int for p in _all)
try:
    hottest(pstats.Stats(_profiler), top=-1)
except ValueError:
    pass
else:
    raise AssertionError("a negative top raises ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


_profiler = cProfile.Profile()
_profiler.runcall(_fib, 10)
assert hottest(pstats.Stats(_profiler), top=1) == [("_fib", 177)], "every recursive call counts: fib(10) makes 177 calls"

# %% course={"kind": "test", "points": 1}
# A profile's table written by hand (the format pstats keeps in .stats), rows in a known order.
_table = pstats.Stats()  # an empty profile, filled below
_table.stats = {  # type: ignore[attr-defined]
    ("jobs/zeta.py", 10, "zeta"): (3, 3, 0.5, 0.9, {}),
    ("~", 0, "<built-in method builtins.len>"): (9, 9, 0.1, 0.1, {}),
    ("jobs/alpha.py", 4, "alpha"): (3, 3, 0.2, 0.2, {}),
    ("jobs/mid.py", 7, "mid"): (1, 2, 0.9, 2.5, {}),
    ("jobs/run.py", 1, "main"): (1, 1, 0.0, 3.0, {}),
}
_got = hottest(_table, top=3)
assert _got == [("alpha", 3), ("zeta", 3), ("mid", 2)], f"built-ins left out, most calls first, equal counts by name; got {_got}"
### BEGIN HIDDEN TESTS
assert hottest(_table) == _got, "top defaults to 3"
assert hottest(_table, top=4)[-1] == ("main", 1)
assert hottest(_table, top=1) == [("alpha", 3)]
_table.stats[("jobs/run.py", 12, "<lambda>")] = (4, 4, 0.0, 0.0, {})  # type: ignore[attr-defined]
_table.stats[("jobs/run.py", 20, "<genexpr>")] = (3, 3, 0.0, 0.0, {})  # type: ignore[attr-defined]
_got = hottest(_table, top=10)
assert _got[:2] == [("<lambda>", 4), ("<genexpr>", 3)] and len(_got) == 6, f"a lambda or a generator expression is Python code, not a built-in (its file is not '~'); got {_got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "primitive-calls", "fails": ["t2", "t3"]}
def hottest(stats, top=3):
    if top < 0:
        raise ValueError(top)
    pairs = [(key[2], value[0]) for key, value in stats.stats.items() if key[0] != "~"]  # primitive calls only
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]

# %% course={"kind": "wrong", "id": "keeps-builtins", "fails": ["t1", "t3"]}
def hottest(stats, top=3):
    if top < 0:
        raise ValueError(top)
    pairs = [(key[2], value[1]) for key, value in stats.stats.items()]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]

# %% course={"kind": "wrong", "id": "ties-unordered", "fails": ["t3"]}
def hottest(stats, top=3):
    if top < 0:
        raise ValueError(top)
    pairs = [(key[2], value[1]) for key, value in stats.stats.items() if key[0] != "~"]
    return sorted(pairs, key=lambda pair: pair[1], reverse=True)[:top]  # equal counts keep the table's order

# %% course={"kind": "wrong", "id": "angle-brackets-are-builtins", "fails": ["t3"]}
def hottest(stats, top=3):
    if top < 0:
        raise ValueError(top)
    pairs = [(key[2], value[1]) for key, value in stats.stats.items() if not key[2].startswith("<")]  # drops <lambda> too
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]

# %% [markdown] course={"kind": "exercise", "id": "line-counts", "item": "x-use-line-profiler-on-a-function"}
# ### A line profiler of your own: hits per line
#
# `line_profiler` reports, for each line of a chosen function, how often it ran and how long it took. Build
# the counting half with `sys.settrace`: `line_counts(func, *args, **kwargs)` calls `func(*args, **kwargs)`
# and returns `(result, counts)`, where `counts` is a dict `{line offset: times run}` for the lines of
# **`func` itself** (not the functions it calls), the offset counted from the `def` line
# (`func.__code__.co_firstlineno`), so the first line of the body is 1. Whatever trace function was set
# before (a debugger, a coverage tool) is put back afterwards, also when `func` raises (the exception
# reaches the caller).
#
# ```python
# def work(n):
#     total = 0              # offset 1
#     for i in range(n):     # offset 2
#         total += i         # offset 3
#     return total           # offset 4
# line_counts(work, 3)       # (3, {1: 1, 2: 4, 3: 3, 4: 1}) on 3.11 to 3.13: the loop line runs once more to finish
# ```

# %% [markdown] course={"kind": "hint"}
# `sys.settrace(tracer)` calls `tracer(frame, "call", None)` for every new frame; what it returns is the
# local trace function for that frame, which then gets the `"line"` events. Return `None` for frames
# whose `frame.f_code` is not `func.__code__`.

# %% [markdown] course={"kind": "hint"}
# Save `previous = sys.gettrace()` first; set your tracer; call `func` in a `try:`; `sys.settrace(previous)`
# in `finally:`. In the local tracer, count `frame.f_lineno - first` for `"line"` events and return itself.

# %% course={"kind": "solution", "equivalent": {"m-cfd73888": "returning None from a local tracer keeps it (CPython 3.11-3.13, run; the sys.settrace docs say so since gh-104232)"}}
def line_counts(func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, dict[int, int]]:
    ### BEGIN SOLUTION
    code = func.__code__
    first = code.co_firstlineno
    counts: dict[int, int] = {}

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            offset = frame.f_lineno - first
            counts[offset] = counts.get(offset, 0) + 1
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code is code else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, counts
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _work(n):
    total = 0
    for i in range(n):
        total += i
    return total


_result, _counts = line_counts(_work, 3)
assert _result == 3, "the function's result comes back"
assert type(_counts) is dict
assert _counts[1] == 1 and _counts[3] == 3 and _counts[4] == 1, f"offsets from the def line: body line 1 ran once, the loop body 3 times; got {_counts}"
assert _counts[2] in (3, 4), f"the for line runs once per item (and once more to finish, on 3.11 to 3.13); got {_counts}"
assert set(_counts) == {1, 2, 3, 4}, f"only the lines that ran, as offsets; got {_counts}"
### BEGIN HIDDEN TESTS
_result, _counts = line_counts(_work, 0)
assert _result == 0 and _counts[1] == 1 and 3 not in _counts and _counts[4] == 1, f"an empty loop never runs its body; got {_counts}"
_result, _counts = line_counts(_work, n=50)
assert _result == 1225 and _counts[3] == 50, "keyword arguments reach the function"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _helper(x):
    a = x * 2
    b = a + 1
    c = b - 1
    return c


def _caller(values):
    out = []
    for v in values:
        out.append(_helper(v))
    return out


_result, _counts = line_counts(_caller, [1, 2])
assert _result == [2, 4]
assert _counts[1] == 1 and _counts[3] == 2 and _counts[4] == 1, f"the loop body ran twice; got {_counts}"
assert set(_counts) == {1, 2, 3, 4}, f"lines of _helper (called from it) are not _caller's lines; got {_counts}"

# %% course={"kind": "test", "points": 1}
def _sentinel(frame, event, arg):
    return None


def _fails(n):
    x = n + 1
    raise KeyError(x)


_before = sys.gettrace()
sys.settrace(_sentinel)
try:
    _result, _counts = line_counts(_work, 2)
    _after = sys.gettrace()
    try:
        line_counts(_fails, 1)
    except KeyError as _error:
        assert _error.args == (2,), "the exception from func reaches the caller"
    else:
        raise AssertionError("the KeyError of func must reach the caller")
    _after_error = sys.gettrace()
finally:
    sys.settrace(_before)
assert _after is _sentinel, "the trace function that was set before is put back"
assert _after_error is _sentinel, "it is put back when func raises too"

# %% course={"kind": "wrong", "id": "absolute-lines", "fails": ["t1", "t2"]}
def line_counts(func, *args, **kwargs):
    code = func.__code__
    counts = {}

    def local(frame, event, arg):
        if event == "line":
            counts[frame.f_lineno] = counts.get(frame.f_lineno, 0) + 1  # line numbers of the file, not offsets
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code is code else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, counts

# %% course={"kind": "wrong", "id": "counts-callees", "fails": ["t2"]}
def line_counts(func, *args, **kwargs):
    first = func.__code__.co_firstlineno
    counts = {}

    def local(frame, event, arg):
        if event == "line":
            offset = frame.f_lineno - first
            counts[offset] = counts.get(offset, 0) + 1
        return local

    def tracer(frame, event, arg):
        return local  # every frame: the lines of the functions it calls are counted too

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, counts

# %% course={"kind": "wrong", "id": "clears-tracer", "fails": ["t3"]}
def line_counts(func, *args, **kwargs):
    code = func.__code__
    first = code.co_firstlineno
    counts = {}

    def local(frame, event, arg):
        if event == "line":
            offset = frame.f_lineno - first
            counts[offset] = counts.get(offset, 0) + 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code is code else None

    sys.settrace(tracer)
    try:
        result = func(*args, **kwargs)
    finally:
        sys.settrace(None)  # a debugger or coverage tool that was tracing is switched off
    return result, counts

# %% [markdown] course={"kind": "exercise", "id": "percentile", "item": "project-14-5-1"}
# ### Project core: latency percentiles, both definitions
#
# Write `percentile(values, p, method="nearest")` for a load-test report. `values` is any iterable of
# numbers (a list, a tuple, a generator), not changed; `p` is a number from 0 to 100 (both ends allowed).
#
# - `method="nearest"` (nearest rank): sort the values; return the one at 1-based rank
#   `ceil(p * n / 100)`, and the smallest value for `p = 0`. The result is always one of the values,
#   with its own type (an `int` stays an `int`). Multiply before you divide: in floats `7 / 100 * 100`
#   is `7.000000000000001`, whose ceiling is 8, where the 7th of 100 values is meant.
# - `method="linear"`: the 0-based position `h = (n - 1) * p / 100` in the sorted values; between the
#   values at `floor(h)` and `floor(h) + 1`, move the fraction `h - floor(h)` of the way. Always a `float`.
#
# No values, a `p` below 0 or above 100, or another method raise `ValueError`.
#
# ```python
# latencies = [15, 11, 14, 250, 13]
# percentile(latencies, 50)              # 14
# percentile(latencies, 95)              # 250
# percentile(latencies, 95, "linear")    # 202.99999999999997 (sorted [11, 13, 14, 15, 250]; h = 3.8: 15 + 0.8 * 235)
# ```

# %% [markdown] course={"kind": "hint"}
# `ordered = sorted(values)` works on any iterable and leaves the caller's list alone. Check for an empty
# result after sorting, not with `len(values)` (a generator has no length).

# %% [markdown] course={"kind": "hint"}
# Nearest rank: `rank = math.ceil(p * n / 100)`, then `ordered[max(rank, 1) - 1]`. Linear:
# `low = math.floor(h)`, `high = min(low + 1, n - 1)`, `ordered[low] + (h - low) * (ordered[high] - ordered[low])`
# (a float already: `h` comes from a true division).

# %% course={"kind": "solution"}
def percentile(values: Iterable[float], p: float, method: str = "nearest") -> float:
    ### BEGIN SOLUTION
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("no values: a percentile of nothing is undefined")
    if not 0 <= p <= 100:
        raise ValueError(f"p must be between 0 and 100, got {p}")
    if method == "nearest":
        rank = math.ceil(p * n / 100)
        return ordered[max(rank, 1) - 1]
    if method == "linear":
        h = (n - 1) * p / 100
        low = math.floor(h)
        high = min(low + 1, n - 1)
        return ordered[low] + (h - low) * (ordered[high] - ordered[low])  # h - low is a float: so is the sum
    raise ValueError(f"method must be 'nearest' or 'linear', got {method!r}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_lat = [15, 11, 14, 250, 13]
assert percentile(_lat, 50) == 14 and type(percentile(_lat, 50)) is int, "nearest rank: ceil(2.5) = rank 3 of [11, 13, 14, 15, 250], an int"
assert percentile(_lat, 95) == 250, "p95 of five values is the largest (rank ceil(4.75) = 5)"
assert _lat == [15, 11, 14, 250, 13], "the caller's list is not sorted in place"
### BEGIN HIDDEN TESTS
assert percentile(_lat, 0) == 11 and percentile(_lat, 100) == 250, "both ends: p=0 is the smallest, p=100 the largest"
assert percentile(_lat, 20) == 11 and percentile(_lat, 21) == 13, "rank ceil(1.0) = 1 at p=20, ceil(1.05) = 2 just above"
assert percentile(_lat, 80) == 15 and percentile(_lat, 80.5) == 250
_hundred = list(range(100, 0, -1))
assert [percentile(_hundred, q) for q in (1, 7, 14, 50, 95, 99, 100)] == [1, 7, 14, 50, 95, 99, 100], "rank = p for 100 values (p * n / 100: 7 / 100 * 100 is 7.000000000000001)"
assert percentile(iter([3.5, 1.25]), 50) == 1.25, "any iterable: a generator has no len()"
assert percentile([-5, -1, -3], 50) == -3, "negative values sort like any others"
assert percentile([7], 99) == 7 and percentile([7], 0) == 7
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = percentile(_lat, 95, "linear")
assert type(_got) is float and abs(_got - 203.0) < 1e-9, f"h = 4 * 0.95 = 3.8: 15 + 0.8 * (250 - 15) = 203 (give or take rounding), got {_got}"
### BEGIN HIDDEN TESTS
assert percentile(_lat, 50, "linear") == 14.0 and type(percentile(_lat, 50, "linear")) is float, "h = 2.0: exactly the middle value, as a float"
assert percentile(_lat, 0, "linear") == 11.0 and percentile(_lat, 100, "linear") == 250.0, "both ends, no index past the last value"
assert abs(percentile(_lat, 10, "linear") - 11.8) < 1e-9, "h = 0.4: 11 + 0.4 * (13 - 11)"
assert percentile([4, 8], 25, "linear") == 5.0 and percentile([2], 60, "linear") == 2.0
assert abs(percentile(range(1, 11), 90, "linear") - 9.1) < 1e-9, "h = 8.1 in 1..10"
assert percentile([-4, -2], 50, "linear") == -3.0
assert _lat == [15, 11, 14, 250, 13]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ([], iter(())):
    try:
        percentile(_bad, 50)
    except ValueError:
        pass
    else:
        raise AssertionError("no values must raise ValueError (an empty list or an empty generator)")
### BEGIN HIDDEN TESTS
for _args in (([1, 2], -0.5), ([1, 2], 100.5), ([1, 2], -1, "linear"), ([1, 2], 101, "linear"), ([1, 2], 50, "Linear"), ([1, 2], 50, "")):
    try:
        percentile(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"percentile{_args} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "round-not-ceil", "fails": ["t1"]}
def percentile(values, p, method="nearest"):
    ordered = sorted(values)
    n = len(ordered)
    if n == 0 or not 0 <= p <= 100:
        raise ValueError(p)
    if method == "nearest":
        return ordered[max(round(p * n / 100), 1) - 1]  # round(2.5) is 2 (banker's rounding): p50 gives 13
    if method == "linear":
        h = (n - 1) * p / 100
        low = math.floor(h)
        high = min(low + 1, n - 1)
        return float(ordered[low] + (h - low) * (ordered[high] - ordered[low]))
    raise ValueError(method)

# %% course={"kind": "wrong", "id": "index-not-rank", "fails": ["t1"]}
def percentile(values, p, method="nearest"):
    ordered = sorted(values)
    n = len(ordered)
    if n == 0 or not 0 <= p <= 100:
        raise ValueError(p)
    if method == "nearest":
        return ordered[min(int(p * n / 100), n - 1)]  # a 0-based index from p * n: one place too high
    if method == "linear":
        h = (n - 1) * p / 100
        low = math.floor(h)
        high = min(low + 1, n - 1)
        return float(ordered[low] + (h - low) * (ordered[high] - ordered[low]))
    raise ValueError(method)

# %% course={"kind": "wrong", "id": "n-not-n-minus-1", "fails": ["t2"]}
def percentile(values, p, method="nearest"):
    ordered = sorted(values)
    n = len(ordered)
    if n == 0 or not 0 <= p <= 100:
        raise ValueError(p)
    if method == "nearest":
        return ordered[max(math.ceil(p * n / 100), 1) - 1]
    if method == "linear":
        h = min(n * p / 100, n - 1)  # positions run from 0 to n - 1, not to n
        low = math.floor(h)
        high = min(low + 1, n - 1)
        return float(ordered[low] + (h - low) * (ordered[high] - ordered[low]))
    raise ValueError(method)

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t1", "t2", "t3"]}
def percentile(values, p, method="nearest"):
    if not values or not 0 <= p <= 100:
        raise ValueError(p)
    values.sort()  # the caller's latencies are reordered (and a generator has no sort)
    n = len(values)
    if method == "nearest":
        return values[max(math.ceil(p * n / 100), 1) - 1]
    if method == "linear":
        h = (n - 1) * p / 100
        low = math.floor(h)
        high = min(low + 1, n - 1)
        return float(values[low] + (h - low) * (values[high] - values[low]))
    raise ValueError(method)

# %% course={"kind": "wrong", "id": "divides-first", "fails": ["t1"]}
def percentile(values, p, method="nearest"):
    ordered = sorted(values)
    n = len(ordered)
    if n == 0 or not 0 <= p <= 100:
        raise ValueError(p)
    if method == "nearest":
        return ordered[max(math.ceil(p / 100 * n), 1) - 1]  # 7 / 100 * 100 is 7.000000000000001: rank 8
    if method == "linear":
        h = (n - 1) * p / 100
        low = math.floor(h)
        high = min(low + 1, n - 1)
        return ordered[low] + (h - low) * (ordered[high] - ordered[low])
    raise ValueError(method)

# %% [markdown] course={"kind": "exercise", "id": "run-load", "item": "x-create-load-tests-with-locust"}
# ### A load generator of your own, against a real server
#
# Locust is not installed here, so write the heart of one. `async def run_load(client, url, total,
# concurrency)` sends `total` GET requests to `url` with the `httpx.AsyncClient` it is given, with **at
# most `concurrency` requests in flight** at any moment (as soon as one finishes, the next starts), and
# returns a `LoadReport` (given in the setup cell): `sent` (requests attempted), `errors` and `latencies`.
#
# - a response with status 400 or above is an **error**, and its latency still counts (a slow 503 is slow);
# - a request that fails without a response (`httpx.HTTPError`: refused, reset, timed out) is an error with
#   no latency, and the run goes on;
# - `latencies` is a tuple of seconds (`time.perf_counter()` differences), one per response, timed from
#   just before the request is sent (inside the concurrency limit) to its response;
# - `concurrency` below 1 raises `ValueError`; `total = 0` gives `LoadReport(0, 0, ())`.
#
# The tests serve `HeldSite` on a real uvicorn: it counts the requests and the most it had in flight at once,
# and notices a client that waits for a whole batch to finish before starting the next requests.
#
# ```python
# async with httpx.AsyncClient() as client:
#     report = await run_load(client, base + "/", total=12, concurrency=3)
# report.sent, report.errors, len(report.latencies)    # (12, 0, 12); the server never saw more than 3 at once
# ```

# %% [markdown] course={"kind": "hint"}
# One `asyncio.Semaphore(concurrency)` shared by all requests, and `asyncio.gather` over `total` small
# coroutines, each doing its request inside `async with semaphore:`.

# %% [markdown] course={"kind": "hint"}
# Inside: `start = time.perf_counter()`, then `try: response = await client.get(url)` /
# `except httpx.HTTPError:` count an error and return; else append `time.perf_counter() - start` and
# count an error if `response.status_code >= 400`. Do not call `raise_for_status()`.

# %% course={"kind": "solution"}
async def run_load(client: httpx.AsyncClient, url: str, total: int, concurrency: int) -> LoadReport:
    ### BEGIN SOLUTION
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors = 0

    async def one() -> None:
        nonlocal errors
        async with gate:
            start = time.perf_counter()
            try:
                response = await client.get(url)
            except httpx.HTTPError:
                errors += 1
                return
            latencies.append(time.perf_counter() - start)
            if response.status_code >= 400:
                errors += 1

    await asyncio.gather(*(one() for _ in range(total)))
    return LoadReport(sent=total, errors=errors, latencies=tuple(latencies))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_site = HeldSite(total=12, limit=3)
with serve(_site) as _base:
    _began = time.perf_counter()
    _report = run(_load(_site, _base + "/", 12, 3))
    _took = time.perf_counter() - _began
assert _site.issued == 12 and _site.arrived == 12, f"12 requests through the given client; the server got {_site.arrived}"
assert _site.peak == 3, f"at most 3 in flight, and 3 whenever 3 are left: the server saw at most {_site.peak} at once"
assert _site.starved == 0, f"the next request starts as soon as one ends: {_site.starved} times the client sat still with fewer than 3 in flight"
assert _report.sent == 12 and _report.errors == 0, f"12 sent, no errors: {_report}"
assert type(_report.latencies) is tuple and len(_report.latencies) == 12, "one latency per response, in a tuple"
assert all(type(x) is float and 0 <= x <= _took for x in _report.latencies), "latencies are seconds, each shorter than the whole run"

# %% course={"kind": "test", "points": 2}
_site = HeldSite(total=12, limit=4, fail_every=4)
with serve(_site) as _base:
    _report = run(_load(_site, _base + "/", 12, 4))
assert _report.errors == 3, f"every 4th response is a 503: 3 errors, got {_report.errors}"
assert _report.sent == 12 and len(_report.latencies) == 12, "a 503 is a response: its latency counts"
_report = run(_load(HeldSite(total=5, limit=2), refused_url(), 5, 2))
assert _report == LoadReport(sent=5, errors=5, latencies=()), f"refused connections are errors with no latency: {_report}"
### BEGIN HIDDEN TESTS
for _status, _errors in ((400, 2), (399, 0), (500, 2)):
    _site = HeldSite(total=6, limit=2, fail_every=3, fail_status=_status)
    with serve(_site) as _base:
        _report = run(_load(_site, _base + "/", 6, 2))
    assert _report.errors == _errors and len(_report.latencies) == 6, f"status {_status}: {_errors} errors expected, got {_report}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_site = HeldSite(total=4, limit=1)
with serve(_site) as _base:
    _report = run(_load(_site, _base + "/", 4, 1))
assert _site.peak == 1 and _report.sent == 4 and len(_report.latencies) == 4, "concurrency=1: one at a time"
_site = HeldSite(total=3, limit=3)
with serve(_site) as _base:
    _report = run(_load(_site, _base + "/", 3, 10))
assert _site.peak == 3 and _report == LoadReport(sent=3, errors=0, latencies=_report.latencies), "a limit above total: all at once"
assert len(_report.latencies) == 3
### BEGIN HIDDEN TESTS
assert run(_load(HeldSite(total=0, limit=1), refused_url(), 0, 2)) == LoadReport(0, 0, ()), "total=0: nothing sent, an empty report"
for _bad in (0, -1):
    try:
        run(within(_load(HeldSite(total=1, limit=1), refused_url(), 1, _bad)))  # a request that can never start fails at once
    except ValueError:
        pass
    else:
        raise AssertionError(f"concurrency={_bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-limit", "fails": ["t1", "t3"]}
async def run_load(client, url, total, concurrency):
    if concurrency < 1:
        raise ValueError(concurrency)
    latencies, errors = [], 0

    async def one():
        nonlocal errors
        start = time.perf_counter()
        try:
            response = await client.get(url)  # every request at once: the server gets all 12 together
        except httpx.HTTPError:
            errors += 1
            return
        latencies.append(time.perf_counter() - start)
        errors += response.status_code >= 400

    await asyncio.gather(*(one() for _ in range(total)))
    return LoadReport(total, errors, tuple(latencies))

# %% course={"kind": "wrong", "id": "only-exceptions-are-errors", "fails": ["t2"]}
async def run_load(client, url, total, concurrency):
    if concurrency < 1:
        raise ValueError(concurrency)
    gate = asyncio.Semaphore(concurrency)
    latencies, errors = [], 0

    async def one():
        nonlocal errors
        async with gate:
            start = time.perf_counter()
            try:
                await client.get(url)  # a 503 "worked": no exception, so no error
            except httpx.HTTPError:
                errors += 1
                return
            latencies.append(time.perf_counter() - start)

    await asyncio.gather(*(one() for _ in range(total)))
    return LoadReport(total, errors, tuple(latencies))

# %% course={"kind": "wrong", "id": "raise-for-status", "fails": ["t2"]}
async def run_load(client, url, total, concurrency):
    if concurrency < 1:
        raise ValueError(concurrency)
    gate = asyncio.Semaphore(concurrency)
    latencies, errors = [], 0

    async def one():
        nonlocal errors
        async with gate:
            start = time.perf_counter()
            try:
                (await client.get(url)).raise_for_status()
            except httpx.HTTPError:
                errors += 1
                return  # an error status gets no latency: the slow 503s vanish from the percentiles
            latencies.append(time.perf_counter() - start)

    await asyncio.gather(*(one() for _ in range(total)))
    return LoadReport(total, errors, tuple(latencies))

# %% course={"kind": "wrong", "id": "one-failure-stops-all", "fails": ["t2"]}
async def run_load(client, url, total, concurrency):
    if concurrency < 1:
        raise ValueError(concurrency)
    gate = asyncio.Semaphore(concurrency)
    latencies, errors = [], 0

    async def one():
        nonlocal errors
        async with gate:
            start = time.perf_counter()
            response = await client.get(url)  # a refused connection raises out of gather
            latencies.append(time.perf_counter() - start)
            errors += response.status_code >= 400

    await asyncio.gather(*(one() for _ in range(total)))
    return LoadReport(total, errors, tuple(latencies))

# %% course={"kind": "wrong", "id": "batches", "fails": ["t1"]}
async def run_load(client, url, total, concurrency):
    if concurrency < 1:
        raise ValueError(concurrency)
    latencies, errors = [], 0

    async def one():
        nonlocal errors
        start = time.perf_counter()
        try:
            response = await client.get(url)
        except httpx.HTTPError:
            errors += 1
            return
        latencies.append(time.perf_counter() - start)
        errors += response.status_code >= 400

    for first in range(0, total, concurrency):  # a batch at a time: the next batch waits for the slowest request
        await asyncio.gather(*(one() for _ in range(min(concurrency, total - first))))
    return LoadReport(total, errors, tuple(latencies))

# %% course={"kind": "wrong", "id": "one-too-few", "fails": ["t1"]}
async def run_load(client, url, total, concurrency):
    if concurrency < 1:
        raise ValueError(concurrency)
    gate = asyncio.Semaphore(concurrency - 1 or 1)  # "one is already running": at most concurrency - 1 in flight
    latencies, errors = [], 0

    async def one():
        nonlocal errors
        async with gate:
            start = time.perf_counter()
            try:
                response = await client.get(url)
            except httpx.HTTPError:
                errors += 1
                return
            latencies.append(time.perf_counter() - start)
            errors += response.status_code >= 400

    await asyncio.gather(*(one() for _ in range(total)))
    return LoadReport(total, errors, tuple(latencies))

# %% [markdown] course={"kind": "exercise", "id": "best-per-call", "item": "x-set-up-continuous-benchmarking"}
# ### Benchmark like `timeit`: warm up, repeat, keep the minimum
#
# Write `best_per_call(func, *, number, repeat, warmup=1, timer=time.perf_counter)` that measures how long
# one call of `func()` takes, the way `timeit.repeat` does:
#
# 1. call `func()` `warmup` times without timing them (first calls pay for caches and lazy set-up);
# 2. then, `repeat` times: read `timer()`, call `func()` `number` times in a loop, read `timer()` again
#    (two readings per repeat, never one per call: the timer's own cost is spread over `number` calls);
# 3. return the **smallest** repeat time divided by `number`, in seconds (a `float`).
#
# `number` or `repeat` below 1, or a negative `warmup`, raise `ValueError` before `func` is called. `timer`
# is a parameter so the tests can pass a clock that only moves when `func` says so: nothing is timed for
# real in the tests.
#
# ```python
# best_per_call(lambda: sorted(range(1000)), number=100, repeat=5)    # about 1e-05 on a laptop
# ```

# %% [markdown] course={"kind": "hint"}
# Collect the `repeat` totals in a list, then `min(totals) / number`. Why the minimum? Noise only ever adds
# time, so the fastest repeat is the closest to the code's own cost.

# %% [markdown] course={"kind": "hint"}
# ```python
# for _ in range(warmup): func()
# for _ in range(repeat):
#     start = timer()
#     for _ in range(number): func()
#     totals.append(timer() - start)
# ```

# %% course={"kind": "solution"}
def best_per_call(
    func: Callable[[], Any], *, number: int, repeat: int, warmup: int = 1, timer: Callable[[], float] = time.perf_counter
) -> float:
    ### BEGIN SOLUTION
    if number < 1 or repeat < 1:
        raise ValueError(f"number and repeat must be at least 1, got number={number}, repeat={repeat}")
    if warmup < 0:
        raise ValueError(f"warmup must be 0 or more, got {warmup}")
    for _ in range(warmup):
        func()
    totals = []
    for _ in range(repeat):
        start = timer()
        for _ in range(number):
            func()
        totals.append(timer() - start)
    return min(totals) / number
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _scripted(clock: FakeClock, durations: list[float]) -> Callable[[], None]:
    """A func whose calls take the given (fake) seconds, one after another; it records every call."""
    left = list(durations)

    def call() -> None:
        clock.advance(left.pop(0))

    call.left = left  # type: ignore[attr-defined]
    return call


_clock = FakeClock()
# warm-up: 8 s; then 3 repeats of 2 calls: 2 + 2 = 4 s, 0.5 + 0.5 = 1 s, 1 + 2 = 3 s
_func = _scripted(_clock, [8.0, 2.0, 2.0, 0.5, 0.5, 1.0, 2.0])
_got = best_per_call(_func, number=2, repeat=3, timer=_clock)
assert _got == 0.5, f"the fastest repeat took 1 s for 2 calls: 0.5 s per call, got {_got}"
assert type(_got) is float
assert _func.left == [], "1 warm-up call + 3 repeats x 2 calls = 7 calls"
### BEGIN HIDDEN TESTS
_clock = FakeClock()
_func = _scripted(_clock, [0.25, 4.0, 4.0, 4.0, 4.0])
assert best_per_call(_func, number=4, repeat=1, warmup=1, timer=_clock) == 4.0 and _func.left == [], "repeat=1: the one total"
_clock = FakeClock()
_func = _scripted(_clock, [0.5, 3.0, 0.25])
assert best_per_call(_func, number=1, repeat=3, warmup=0, timer=_clock) == 0.25, "warmup=0: every call is timed; the last is the fastest"
assert _clock.reads == 6 and _func.left == []
_clock = FakeClock()
_func = _scripted(_clock, [1.0, 1.0, 1.0, 2.0, 0.5])
assert best_per_call(_func, number=1, repeat=2, warmup=3, timer=_clock) == 0.5 and _func.left == [], "warmup=3: three untimed calls first"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_clock = FakeClock()
_func = _scripted(_clock, [0.0] + [0.25] * 12)
best_per_call(_func, number=4, repeat=3, timer=_clock)
assert _clock.reads == 6, f"the timer is read twice per repeat (before and after its loop), not per call: {_clock.reads} reads"
_clock = FakeClock()
_func = _scripted(_clock, [100.0, 1.0, 3.0])
assert best_per_call(_func, number=1, repeat=2, timer=_clock) == 1.0, "the warm-up call (100 s) is not timed"

# %% course={"kind": "test", "points": 1}
_called = []
for _kwargs in ({"number": 0, "repeat": 3}, {"number": 3, "repeat": 0}, {"number": -1, "repeat": 1}, {"number": 1, "repeat": 1, "warmup": -1}):
    try:
        best_per_call(lambda: _called.append(1), timer=FakeClock(), **_kwargs)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{_kwargs} must raise ValueError")
    assert _called == [], f"{_kwargs}: refused before func is called (not after a warm-up)"

# %% course={"kind": "wrong", "id": "mean-not-min", "fails": ["t1", "t2"]}
def best_per_call(func, *, number, repeat, warmup=1, timer=time.perf_counter):
    if number < 1 or repeat < 1 or warmup < 0:
        raise ValueError(number)
    for _ in range(warmup):
        func()
    totals = []
    for _ in range(repeat):
        start = timer()
        for _ in range(number):
            func()
        totals.append(timer() - start)
    return sum(totals) / len(totals) / number  # the mean carries every hiccup of the machine

# %% course={"kind": "wrong", "id": "timer-per-call", "fails": ["t2"]}
def best_per_call(func, *, number, repeat, warmup=1, timer=time.perf_counter):
    if number < 1 or repeat < 1 or warmup < 0:
        raise ValueError(number)
    for _ in range(warmup):
        func()
    totals = []
    for _ in range(repeat):
        total = 0.0
        for _ in range(number):
            start = timer()  # reading the clock around every call adds its cost to each one
            func()
            total += timer() - start
        totals.append(total)
    return min(totals) / number

# %% course={"kind": "wrong", "id": "warmup-timed", "fails": ["t1", "t2"]}
def best_per_call(func, *, number, repeat, warmup=1, timer=time.perf_counter):
    if number < 1 or repeat < 1 or warmup < 0:
        raise ValueError(number)
    totals = []
    for r in range(repeat):
        start = timer()
        for _ in range(number + (warmup if r == 0 else 0)):  # the warm-up runs inside the first timed repeat
            func()
        totals.append(timer() - start)
    return min(totals) / number

# %% [markdown] course={"kind": "exercise", "id": "regressions", "item": "x-set-up-continuous-benchmarking"}
# ### A performance budget for CI: compare with the baseline
#
# Continuous benchmarking stores a baseline (a JSON file: benchmark name → a measured amount of work, such as
# function calls, SQL queries or bytes allocated) and compares every new run with it. Write
# `regressions(baseline, current, budget=0.10)`: the benchmarks present in **both** mappings whose current
# value is more than `baseline * (1 + budget)`, as a list of `(name, ratio)` with `ratio = current / baseline`
# (a `float`), the worst (highest ratio) first, equal ratios by name. Exactly at the budget is allowed; a
# benchmark only in `current` is new (no baseline yet) and one only in `baseline` was removed: neither is a
# regression. A baseline value of 0 or less, or a negative `budget`, raise `ValueError` (name the benchmark).
# Neither mapping is changed.
#
# ```python
# regressions({"parse_calls": 2000, "queries": 2}, {"parse_calls": 2100, "queries": 21})
# # [('queries', 10.5)]          parse_calls grew 5 %, inside the 10 % budget
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over `sorted(baseline)` and skip names not in `current`; compare `current[name] > limit * (1 + budget)`.

# %% [markdown] course={"kind": "hint"}
# Sort the found pairs with `key=lambda pair: (-pair[1], pair[0])`. Check every baseline value (even those
# with no current value) before comparing.

# %% course={"kind": "solution"}
def regressions(baseline: Mapping[str, float], current: Mapping[str, float], budget: float = 0.10) -> list[tuple[str, float]]:
    ### BEGIN SOLUTION
    if budget < 0:
        raise ValueError(f"budget must be 0 or more, got {budget}")
    found = []
    for name, limit in baseline.items():
        if limit <= 0:
            raise ValueError(f"baseline for {name!r} must be positive, got {limit}")
        if name in current and current[name] > limit * (1 + budget):
            found.append((name, current[name] / limit))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_base = {"parse_calls": 2000, "queries": 2, "peak_kib": 512}
_now = {"parse_calls": 2100, "queries": 21, "peak_kib": 1024}
_got = regressions(_base, _now)
assert _got == [("queries", 10.5), ("peak_kib", 2.0)], f"worst first; parse_calls (+5 %) is inside the budget; got {_got}"
assert all(type(ratio) is float for _, ratio in _got), "ratios are floats"
assert _base == {"parse_calls": 2000, "queries": 2, "peak_kib": 512} and _now["queries"] == 21, "inputs unchanged"
### BEGIN HIDDEN TESTS
assert regressions({"a": 100}, {"a": 125}, budget=0.25) == [], "exactly at the budget (125 = 100 x 1.25) is allowed"
assert regressions({"a": 100}, {"a": 126}, budget=0.25) == [("a", 1.26)], "just over it is not"
assert regressions({"a": 4}, {"a": 5}, budget=0) == [("a", 1.25)] and regressions({"a": 4}, {"a": 4}, budget=0) == [], "budget 0: any growth"
assert regressions({"a": 10}, {"a": 3}) == [], "faster is never a regression"
assert regressions({}, {}) == [] and regressions({"a": 1}, {}) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_got = regressions({"zeta": 10, "alpha": 5, "gone": 7}, {"zeta": 20, "alpha": 10, "new": 999})
assert _got == [("alpha", 2.0), ("zeta", 2.0)], f"equal ratios by name; new and removed benchmarks are not regressions; got {_got}"

# %% course={"kind": "test", "points": 1}
for _args in (({"a": 0}, {"a": 1}), ({"a": -3}, {}), ({"a": 1}, {"a": 1}, -0.1)):
    try:
        regressions(*_args)
    except ValueError as _error:
        assert "a" in str(_error) or "budget" in str(_error), f"the message names the benchmark: {_error}"
    else:
        raise AssertionError(f"regressions{_args} must raise ValueError")

# %% course={"kind": "wrong", "id": "at-budget-fails", "fails": ["t1"]}
def regressions(baseline, current, budget=0.10):
    if budget < 0 or any(v <= 0 for v in baseline.values()):
        raise ValueError(f"bad budget or baseline: {budget}, {baseline}")
    found = [(n, current[n] / v) for n, v in baseline.items() if n in current and current[n] >= v * (1 + budget)]
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))  # >=: exactly at the budget fails the build

# %% course={"kind": "wrong", "id": "new-benchmark-crashes", "fails": ["t2"]}
def regressions(baseline, current, budget=0.10):
    if budget < 0 or any(v <= 0 for v in baseline.values()):
        raise ValueError(f"bad budget or baseline: {budget}, {baseline}")
    found = [(n, c / baseline[n]) for n, c in current.items() if c > baseline[n] * (1 + budget)]  # KeyError for a new one
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))

# %% course={"kind": "wrong", "id": "ratio-only", "fails": ["t2"]}
def regressions(baseline, current, budget=0.10):
    if budget < 0 or any(v <= 0 for v in baseline.values()):
        raise ValueError(f"bad budget or baseline: {budget}, {baseline}")
    found = [(n, current[n] / v) for n, v in baseline.items() if n in current and current[n] > v * (1 + budget)]
    return sorted(found, key=lambda pair: pair[1], reverse=True)  # equal ratios stay in the baseline's order

# %% [markdown] course={"kind": "exercise", "id": "one-query", "item": "x-optimize-a-slow-function-based-on"}
# ### Optimize what the profile shows: the N+1 queries
#
# A report page is slow. Its profile shows `sqlite3.Connection.execute` called 1 001 times for 1 000
# customers: `order_totals_slow` (given, in the setup cell) runs one query for the customers, then one
# more **per customer**. Write `order_totals(conn)` that returns the same thing, a dict `{customer name:
# total cents of their orders}` in customer id order, with `0` (an `int`) for a customer with no orders,
# using **one SQL statement** whatever the number of customers. The tables:
#
# ```sql
# CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
# CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), cents INTEGER NOT NULL);
# ```
#
# ```python
# order_totals(conn)    # {'ada': 1500, 'bo': 0, 'cy': 250}   and conn ran 1 statement, not 4
# ```
#
# The tests count the statements with `conn.set_trace_callback`, which SQLite calls with every statement
# it runs: a count, the same on every machine, where a timing would not be.

# %% [markdown] course={"kind": "hint"}
# One `SELECT` over `customers LEFT JOIN orders`, `GROUP BY` the customer, `ORDER BY` the customer id. Why
# `LEFT`? A plain `JOIN` drops the customers with no orders.

# %% [markdown] course={"kind": "hint"}
# `SUM` over no rows is `NULL` (Python's `None`): `COALESCE(SUM(o.cents), 0)` makes it 0. `dict(rows)` turns
# the `(name, total)` rows into the dict, in the order of the rows.

# %% course={"kind": "solution"}
def order_totals(conn: sqlite3.Connection) -> dict[str, int]:
    ### BEGIN SOLUTION
    rows = conn.execute(
        "SELECT c.name, COALESCE(SUM(o.cents), 0) FROM customers AS c"
        " LEFT JOIN orders AS o ON o.customer_id = c.id"
        " GROUP BY c.id ORDER BY c.id"
    ).fetchall()
    return dict(rows)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_SHOP = (
    "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), cents INTEGER NOT NULL);"
    "INSERT INTO customers(id, name) VALUES (1, 'ada'), (2, 'bo'), (3, 'cy');"
    "INSERT INTO orders(customer_id, cents) VALUES (1, 1000), (3, 250), (1, 500);"
)
_conn = database(_SHOP)
_got = order_totals(_conn)
assert _got == {"ada": 1500, "bo": 0, "cy": 250}, f"the same totals as order_totals_slow, bo with 0; got {_got}"
assert type(_got["bo"]) is int and type(_got["ada"]) is int, "totals are ints, and no orders is 0, not None"
assert list(_got) == ["ada", "bo", "cy"], "in customer id order"
_conn.close()

# %% course={"kind": "test", "points": 2}
def _statements(conn: sqlite3.Connection, func: Callable[[sqlite3.Connection], Any]) -> tuple[Any, list[str]]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        return func(conn), seen
    finally:
        conn.set_trace_callback(None)


_conn = database(_SHOP)
_, _slow_sql = _statements(_conn, order_totals_slow)
_got, _sql = _statements(_conn, order_totals)
assert len(_slow_sql) == 4, "the slow version: 1 + 3 statements"
assert len(_sql) == 1, f"one statement for all customers, got {len(_sql)}: {_sql}"
_conn.close()
### BEGIN HIDDEN TESTS
_conn = database(_SHOP.split("INSERT")[0])
_conn.executemany("INSERT INTO customers(id, name) VALUES (?, ?)", [(i, f"n{i * 37 % 200:03}") for i in range(200, 0, -1)])
_conn.executemany("INSERT INTO orders(customer_id, cents) VALUES (?, ?)", [(i % 150 + 1, i) for i in range(1, 601)])
_want, _slow_sql = _statements(_conn, order_totals_slow)
_got, _sql = _statements(_conn, order_totals)
assert len(_slow_sql) == 201 and len(_sql) == 1, f"200 customers: still one statement, got {len(_sql)}"
assert _got == _want and list(_got) == list(_want), "the same dict, in customer id order (not name order, not insertion order)"
assert _got["n000"] == 0 and type(_got["n000"]) is int, "customers 151 to 200 (200 is n000) have no orders"
_conn.close()
_conn = database(_SHOP.split("INSERT")[0])
assert order_totals(_conn) == {}, "no customers: an empty dict"
_conn.close()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "inner-join", "fails": ["t1", "t2"]}
def order_totals(conn):
    rows = conn.execute(
        "SELECT c.name, SUM(o.cents) FROM customers AS c JOIN orders AS o ON o.customer_id = c.id"  # drops bo
        " GROUP BY c.id ORDER BY c.id"
    ).fetchall()
    return dict(rows)

# %% course={"kind": "wrong", "id": "null-total", "fails": ["t1", "t2"]}
def order_totals(conn):
    rows = conn.execute(
        "SELECT c.name, SUM(o.cents) FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id"
        " GROUP BY c.id ORDER BY c.id"  # SUM of no rows is NULL: bo gets None
    ).fetchall()
    return dict(rows)

# %% course={"kind": "wrong", "id": "still-n-plus-one", "fails": ["t2"]}
def order_totals(conn):
    totals = {}
    for customer_id, name in conn.execute("SELECT id, name FROM customers ORDER BY id").fetchall():
        (count,) = conn.execute("SELECT COALESCE(SUM(cents), 0) FROM orders WHERE customer_id = ?", (customer_id,)).fetchone()
        totals[name] = count  # right answer, one query per customer all the same
    return totals

# %% course={"kind": "wrong", "id": "no-order-by", "fails": ["t2"]}
def order_totals(conn):
    rows = conn.execute(
        "SELECT c.name, COALESCE(SUM(o.cents), 0) FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id"
        " GROUP BY c.name"  # grouped (and so ordered) by name, not id
    ).fetchall()
    return dict(rows)

# %% [markdown] course={"kind": "exercise", "id": "call-changes", "item": "project-14-5-2"}
# ### Project core: compare two profiles
#
# A profiling dashboard keeps a profile of every run and shows what changed. Write
# `call_changes(before, after)`: given two `pstats.Stats`, return a list of `(function name, calls before,
# calls after)` for every **Python** function (built-ins, file `"~"`, are left out) whose total number of
# calls differs between the two runs, the biggest change (in either direction) first, equal changes by
# name. A function missing from one run has 0 calls there. Functions of the same name in different files
# (two `helper`s, or the several `<lambda>`s of a module) are added together under that name.
#
# ```python
# call_changes(stats_of_version_1, stats_of_version_2)
# # [('lookup', 1000, 10), ('load_index', 0, 1)]    the new version builds an index once and looks up 10 times
# ```

# %% [markdown] course={"kind": "hint"}
# First turn each `Stats` into a `collections.Counter` `{name: total calls}`, adding up the rows with the
# same name (`stats.stats` values: `(primitive calls, total calls, ...)`).

# %% [markdown] course={"kind": "hint"}
# Over `set(old) | set(new)`, keep the names with `old[name] != new[name]` (a Counter gives 0 for a missing
# name), then sort with `key=lambda row: (-abs(row[2] - row[1]), row[0])`.

# %% course={"kind": "solution"}
def call_changes(before: pstats.Stats, after: pstats.Stats) -> list[tuple[str, int, int]]:
    ### BEGIN SOLUTION
    def calls(stats: pstats.Stats) -> collections.Counter[str]:
        counts: collections.Counter[str] = collections.Counter()
        for (file, line, name), (primitive, total, *rest) in stats.stats.items():  # type: ignore[attr-defined]
            if file != "~":
                counts[name] += total
        return counts

    old, new = calls(before), calls(after)
    rows = [(name, old[name], new[name]) for name in set(old) | set(new) if old[name] != new[name]]
    return sorted(rows, key=lambda row: (-abs(row[2] - row[1]), row[0]))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _lookup(table, key):
    for k, v in table:
        if k == key:
            return v
    return None


def _load_index(table):
    return dict(table)


def _version_1(keys):
    table = [(f"k{i}", i) for i in range(50)]
    return [_lookup(table, k) for k in keys]


def _version_2(keys):
    index = _load_index([(f"k{i}", i) for i in range(50)])
    return [index.get(k) for k in keys]


def _profile(func, *args):
    profiler = cProfile.Profile()
    profiler.runcall(func, *args)
    return pstats.Stats(profiler)


_keys = [f"k{i}" for i in range(0, 40, 4)]
_got = call_changes(_profile(_version_1, _keys), _profile(_version_2, _keys))
assert _got[:2] == [("_lookup", 10, 0), ("_load_index", 0, 1)], f"10 lookups gone, one index build new; got {_got}"
assert all(type(row) is tuple and type(row[1]) is int and type(row[2]) is int for row in _got)
### BEGIN HIDDEN TESTS
_names = {row[0] for row in _got}
assert {"_version_1", "_version_2"} <= _names and not any(name.startswith("<built-in") or name.startswith("<method") for name in _names), f"built-ins left out: {_got}"
assert call_changes(_profile(_version_1, _keys), _profile(_version_1, _keys)) == [], "the same run twice: nothing changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _stats(rows: dict) -> pstats.Stats:
    stats = pstats.Stats()  # an empty profile, filled by hand (the format pstats keeps in .stats)
    stats.stats = {key: (calls, calls, 0.1, 0.2, {}) for key, calls in rows.items()}  # type: ignore[attr-defined]
    return stats


_len = ("~", 0, "<built-in method builtins.len>")
_old = _stats({("a.py", 1, "helper"): 5, ("b.py", 9, "helper"): 5, ("a.py", 20, "parse"): 40, _len: 90, ("a.py", 30, "zap"): 3})
_new = _stats({("a.py", 1, "helper"): 30, ("a.py", 20, "parse"): 15, _len: 1, ("a.py", 40, "fresh"): 7, ("a.py", 30, "zap"): 3})
_got = call_changes(_old, _new)
assert _got == [("parse", 40, 15), ("helper", 10, 30), ("fresh", 0, 7)], f"same names added up (5 + 5), biggest change first either way, zap unchanged, len left out; got {_got}"
### BEGIN HIDDEN TESTS
_got = call_changes(_stats({("x.py", 1, "b"): 4, ("x.py", 2, "a"): 6}), _stats({("x.py", 1, "b"): 6, ("x.py", 2, "a"): 4}))
assert _got == [("a", 6, 4), ("b", 4, 6)], f"equal changes (2 each way) by name; got {_got}"
_got = call_changes(_stats({("x.py", 1, "big"): 100, ("x.py", 2, "small"): 0}), _stats({("x.py", 1, "big"): 101, ("x.py", 2, "small"): 3}))
assert _got == [("small", 0, 3), ("big", 100, 101)], f"ordered by the size of the change, not of the counts; got {_got}"
assert call_changes(_stats({}), _stats({("x.py", 1, "only"): 1})) == [("only", 0, 1)]
assert call_changes(_stats({("x.py", 1, "gone"): 2}), _stats({})) == [("gone", 2, 0)]
_names = ["delta", "alpha", "hotel", "echo", "bravo", "golf", "charlie", "foxtrot"]  # eight changes, all different
_got = call_changes(_stats({}), _stats({("x.py", i, name): 10 + 3 * i for i, name in enumerate(_names)}))
assert _got == sorted(((name, 0, 10 + 3 * i) for i, name in enumerate(_names)), key=lambda row: -row[2]), f"sorted by the size of the change; got {_got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "last-row-wins", "fails": ["t2"]}
def call_changes(before, after):
    def calls(stats):
        return {key[2]: value[1] for key, value in stats.stats.items() if key[0] != "~"}  # a second helper replaces the first

    old, new = calls(before), calls(after)
    rows = [(n, old.get(n, 0), new.get(n, 0)) for n in set(old) | set(new) if old.get(n, 0) != new.get(n, 0)]
    return sorted(rows, key=lambda row: (-abs(row[2] - row[1]), row[0]))

# %% course={"kind": "wrong", "id": "growth-only", "fails": ["t1", "t2"]}
def call_changes(before, after):
    def calls(stats):
        counts = collections.Counter()
        for key, value in stats.stats.items():
            if key[0] != "~":
                counts[key[2]] += value[1]
        return counts

    old, new = calls(before), calls(after)
    rows = [(n, old[n], new[n]) for n in set(old) | set(new) if old[n] != new[n]]
    return sorted(rows, key=lambda row: (-(row[2] - row[1]), row[0]))  # a big drop sorts last, not first

# %% course={"kind": "wrong", "id": "only-common", "fails": ["t1", "t2"]}
def call_changes(before, after):
    def calls(stats):
        counts = collections.Counter()
        for key, value in stats.stats.items():
            if key[0] != "~":
                counts[key[2]] += value[1]
        return counts

    old, new = calls(before), calls(after)
    rows = [(n, old[n], new[n]) for n in set(old) & set(new) if old[n] != new[n]]  # new and vanished functions are lost
    return sorted(rows, key=lambda row: (-abs(row[2] - row[1]), row[0]))

# %% [markdown] course={"kind": "task", "id": "perf-framework-whole", "points": 4, "item": "project-14-5-1"}
# ### Project 14.5.1: the whole performance-testing framework
#
# Grow `run_load` and `percentile` into a small tool you could run against a staging API: a command line
# (`python -m perfkit URL --total 500 --concurrency 20`) with load **patterns** (a constant level, a step
# up every N seconds, a short spike), a **report** per run (requests, errors by status, throughput,
# p50/p95/p99 with the method named), and a **history**: each report appended to a JSON Lines file and
# compared with the previous run and a stored baseline (`regressions`). Run it against a FastAPI app
# served with `serve()` that has one deliberately slow endpoint, and show the report finding it.

# %% [markdown] course={"kind": "rubric"}
# - Load is generated correctly: concurrency is a shared limit, per-request latency is timed inside it, errors
#   (statuses and exceptions) are counted without stopping the run; the patterns change the level as described
#   and are tested with a fake clock, not sleeps (1 point).
# - The report is right and honest: percentiles say which definition they use, throughput is completed requests
#   over the run's duration, errors are broken down by status (1 point).
# - History and comparison: one JSON line per run with the settings, the version and the numbers; a comparison
#   with the baseline that fails (exit code 1) past a stated budget (1 point).
# - The demonstration finds the slow endpoint, and the write-up says where the load generator ran and why its
#   own machine could distort the numbers (1 point).

# %% [markdown] course={"kind": "task", "id": "profiling-dashboard-whole", "points": 4, "item": "project-14-5-2"}
# ### Project 14.5.2: the whole profiling dashboard
#
# Build a profiling utility around `cProfile`: a decorator and a context manager that save a `.prof` file
# per run (named by function and time) with the run's metadata; a function-level table from each (calls,
# `tottime`, `cumtime`, hottest first); a **hot-spot view** (folded stacks a flame graph tool reads, or a text
# bar chart of `cumtime`); and a **comparison of runs** over time with `call_changes` and the changes in
# `cumtime`. Profile two versions of one slow function of your own and show the comparison.

# %% [markdown] course={"kind": "rubric"}
# - The decorator and context manager profile only their own block, restore whatever profiler was active, save
#   even when the code raises, and never leave a profiler running (1 point).
# - The table and hot-spot view are correct and readable: `tottime` and `cumtime` are not confused, built-ins
#   can be hidden, and the folded stacks load into a flame graph tool (speedscope, flamegraph.pl) (1 point).
# - The comparison of runs uses call counts for what must not change (tested) and shows times only as a
#   trend with the noise stated (1 point).
# - The write-up explains what the profile showed, what was changed, and how the second profile confirms it (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-identify-performance"}
# Measure first, then narrow down. I start from the symptom in the metrics (which endpoint or job, since when,
# p99 or everything) and look at resource use: a CPU at 100 % points at computation, idle CPU with slow
# responses points at waiting (database, network, locks, a full pool). Then I profile the slow path: cProfile
# (or py-spy on the live process) sorted by cumulative time to find the function, then line level or SQL
# logs inside it. Typical findings are an O(n²) loop, N+1 queries, a missing index, repeated work a cache would
# save, or serial network calls. I change one thing, measure again with the same workload, and keep a counted
# budget (queries, calls) in the tests so it does not come back.

# %% [markdown] course={"kind": "answer", "question": "q-what-profiling-tools-have-you-used"}
# `cProfile` with `pstats` (and snakeviz to browse the file) as the first look: deterministic, exact call
# counts, but overhead on every call. `line_profiler` (`kernprof -l -v`) once I know the function. `py-spy`
# (`top`, `record` to a flame graph, `dump` for a stuck process) for production or long-running processes,
# because it samples from outside without restarting or slowing them much. For memory, `tracemalloc`
# snapshots and `compare_to` to find the lines that grow, plus container metrics for RSS. For databases,
# `EXPLAIN QUERY PLAN`/`EXPLAIN ANALYZE` and a statement count. And `timeit` or pytest-benchmark to compare
# two implementations once the profile has pointed at them.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-load-test-an-api"}
# Decide what question the test answers (capacity at the SLO, behaviour under a spike, a soak for leaks) and
# write a realistic scenario: the real mix of endpoints and payloads, think times, authentication. I use locust
# (Python users, headless in CI) or k6, run the generator on a separate machine against a production-like
# environment, and ramp the load in steps. During the run I watch p50/p95/p99, error rate and throughput on the
# client, and CPU, memory, connection pools and database load on the server; the knee where throughput stops
# growing and latency climbs is the capacity, and the resource that saturated there is the bottleneck. Results
# are kept per version, so the next run is compared with a baseline.

# %% [markdown] course={"kind": "answer", "question": "q-what-metrics-do-you-track-for"}
# The four golden signals: **latency** as percentiles (p50 for the typical user, p95/p99 for the tail, never
# only the mean), **traffic** (requests per second, throughput of jobs), **errors** (rate, by type and status)
# and **saturation** (CPU, memory, connection pools, queue lengths, disk and network I/O). For batch and ML work
# also time per step or epoch, samples per second and GPU utilization. Each has a budget or SLO (say, p99 under
# 300 ms at 500 req/s with under 0.1 % errors), percentiles are computed from raw data or histograms rather than
# averaged, and CI tracks exact counts (queries per request, calls, bytes) that cannot drift with machine noise.
