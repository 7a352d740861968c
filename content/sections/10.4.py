# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can look at a workload and say whether threads, processes, asyncio or a
# mix of them fits it, size the pool, mix the models safely (`to_thread`, `run_in_executor`, process pools
# under asyncio), benchmark the choice honestly, and test concurrent code without relying on timing luck.

# %% course={"kind": "setup", "id": "cc-setup"}
# Every process in this notebook is started with "spawn" (a fresh Python that imports what it runs by
# name, the default on macOS and Windows), so the functions our worker processes run live in a real file
# shipped beside this notebook, data/10.4/cc_work.py (section 10.2 explains why). Children inherit
# sys.path, so putting that folder on it is enough. `run` and `serve` are course/runtime/aio.py: `run(coro)`
# runs a coroutine in a script or in Jupyter (where a loop already runs), `serve(app)` starts a real
# uvicorn web server on 127.0.0.1 for one `with` block; the tests use `settle(n)` (aiotest.py) to give the
# event loop n passes instead of sleeping. The pools and the fetch below are test doubles the tests use.
import asyncio
import collections
import concurrent.futures
import dataclasses
import gc
import itertools
import math
import multiprocessing as mp
import os
import sys
import threading
import time
import unittest.mock
import warnings
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp

from course.runtime.aio import run, serve
from course.runtime.aiotest import settle
from course.runtime.clock import FakeClock

WORK = Path("data", "10.4", "cc_work.py").resolve()
if not WORK.is_file():
    raise FileNotFoundError(f"{WORK} not found: run this notebook from its own folder, with data/10.4/ beside it")
if str(WORK.parent) not in sys.path:
    sys.path.insert(0, str(WORK.parent))
import cc_work  # noqa: E402

SPAWN = mp.get_context("spawn")


@dataclasses.dataclass(frozen=True)
class Workload:
    """One job of a workload, for the exercise "Pick a model": milliseconds of Python computing and of
    waiting per job, whether the I/O library has an asyncio API, whether the computing releases the GIL."""

    cpu_ms: float
    wait_ms: float
    async_client: bool = False
    releases_gil: bool = False


class RecordingPool(ThreadPoolExecutor):
    """A real thread pool that records every call submitted to it (the tests check who ran what)."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="recording")
        self.submitted: list[tuple[Any, ...]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted.append(args)
        return super().submit(fn, *args, **kwargs)


class ManualPool(concurrent.futures.Executor):
    """A pool whose calls run only when the test says so: `finish(i)` runs the i-th submitted call
    and completes its future, so a test chooses the order in which jobs finish."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.calls.append((fn, args, future))
        return future

    def finish(self, index: int) -> None:
        fn, args, future = self.calls[index]
        future.set_result(fn(*args))


class EagerPool(concurrent.futures.Executor):
    """A pool that runs each call at once, in submit(). The test adds 1 to `handed` for every result it
    receives; `peak` is the most calls ever submitted and not yet handed out."""

    def __init__(self) -> None:
        self.submitted = 0
        self.handed = 0
        self.peak = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        self.peak = max(self.peak, self.submitted - self.handed)
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as err:  # noqa: BLE001 - handed to whoever asks for the result, as a real pool does
            future.set_exception(err)
        return future


class SlowSite:
    """A tiny web site (an ASGI app): every page answers after `delay` seconds. It counts the requests
    (`hits`) and the most that were waiting at once (`peak`): concurrency you can read, not guess."""

    def __init__(self, delay: float) -> None:
        self.delay, self.hits, self.inside, self.peak = delay, 0, 0, 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.hits += 1
        self.inside += 1
        self.peak = max(self.peak, self.inside)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.inside -= 1
        body = (f"page {scope['path']} " * 40).encode("utf-8")
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "http.response.body", "body": body})


class GatedFetch:
    """An async fetch for tests: every call waits at `gate` until the test opens it (`gate.set()`);
    `started` lists the paths asked for, `inside` counts the calls waiting now, `peak` the most at once.
    Create it inside the event loop that uses it."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.started: list[str] = []
        self.inside = 0
        self.peak = 0

    async def __call__(self, path: str) -> str:
        self.started.append(path)
        self.inside += 1
        self.peak = max(self.peak, self.inside)
        try:
            await self.gate.wait()
        finally:
            self.inside -= 1
        return f"the page at {path} " * 3

async def fetch_with_retry(client: Any, url: str, attempts: int = 3) -> Any:
    """Await client.get(url); on ConnectionError try again, at most `attempts` calls in all, then re-raise
    the last error; any other error is raised at once. (The testing lesson and its exercise test it.)"""
    for attempt in range(1, attempts + 1):
        try:
            return await client.get(url)
        except ConnectionError:
            if attempt == attempts:
                raise
    raise ValueError(f"attempts must be at least 1, got {attempts}")


# %% [markdown] course={"kind": "lesson", "id": "decision", "covers": ["c-decision-framework", "c-i-o-bound-async-or-threading", "c-cpu-bound-multiprocessing", "c-mixed-combination"]}
# ### A decision framework: what is the program waiting for?
#
# Sections 10.1 (threads), 10.2 (processes) and 10.3 (asyncio) taught each model on its own. Choosing
# between them starts with one question: **while a job runs, is the processor busy with Python code, or is
# the program waiting** (for a network answer, a disk, a database, a subprocess)?
#
# | the job mostly... | it is | use | because |
# |---|---|---|---|
# | waits, many at once, and the library has an async API (aiohttp, asyncpg, aiokafka) | I/O-bound | **asyncio** | thousands of waits in one thread; cheap tasks, clean timeouts and cancellation |
# | waits, but only a blocking library exists (boto3, requests, a DB driver) | I/O-bound | **threads** | a blocked thread lets the GIL go; tens to hundreds of threads are fine |
# | computes in pure Python (parsing, feature engineering, checksums in Python) | CPU-bound | **processes** | one GIL per process: the only way to use several cores in a standard CPython |
# | computes inside C code that releases the GIL (hashlib on big buffers, zlib, NumPy) | CPU-bound | threads may be enough | the GIL is released while the C code runs |
# | does both (fetch, then parse) | mixed | **a combination** | asyncio or threads for the waits, a process pool for the computing |
#
# DevOps automation (calling 300 hosts' APIs) is I/O-bound; an ML feature pipeline in pure Python is
# CPU-bound; a crawler that downloads then parses is mixed. The thing people get wrong: "threads make it
# faster". Threads make *waiting* overlap. Under the GIL of the standard build, CPU-bound Python threads
# take turns and are no faster than one thread, and often a little slower.
#
# **Versions.** Python 3.13 added an optional *free-threaded* build (`python3.13t`, configured with
# `--disable-gil`) where threads of one process really compute in parallel; `sys._is_gil_enabled()` (new
# in 3.13) tells whether the GIL is on right now, and `sysconfig.get_config_var("Py_GIL_DISABLED")` whether
# the build is free-threaded. Python 3.14 adds `concurrent.interpreters` (several interpreters, each with
# its own GIL, in one process) and `concurrent.futures.InterpreterPoolExecutor`. The standard build,
# which this course and most production images use, still has the GIL: the table above holds for it.

# %% course={"kind": "demo"}
import sysconfig  # noqa: E402

gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else "n/a before 3.13 (always on)"
print(f"Python {sys.version.split()[0]}: GIL enabled: {gil}; free-threaded build: {bool(sysconfig.get_config_var('Py_GIL_DISABLED'))}")
print("InterpreterPoolExecutor available:", hasattr(concurrent.futures, "InterpreterPoolExecutor"), "(3.14+)")

# %% [markdown] course={"kind": "text"}
# The I/O-bound case, measured against a real local web server whose pages each take 0.05 s to answer.
# The site itself counts how many requests were waiting at once (`peak`): that number is the same on every
# machine; the seconds are not (a busy machine takes longer), but the ratio between the rows is what to read.

# %% course={"kind": "demo"}
import urllib.request  # noqa: E402


def get_page(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:  # a blocking call
        return len(response.read())


def get_all_threads(urls: list[str]) -> list[int]:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(get_page, urls))


async def get_all_async(urls: list[str]) -> list[int]:
    async with aiohttp.ClientSession() as session:

        async def one(url: str) -> int:
            async with session.get(url) as response:
                return len(await response.read())

        return await asyncio.gather(*(one(u) for u in urls))


site = SlowSite(delay=0.05)
with serve(site) as base:
    urls = [f"{base}/host/{i}" for i in range(8)]
    plans = {
        "one thread, one by one": lambda: [get_page(u) for u in urls],
        "8 threads (urllib)": lambda: get_all_threads(urls),
        "asyncio (aiohttp)": lambda: run(get_all_async(urls)),
    }
    for name, plan in plans.items():
        site.peak = 0
        start = time.perf_counter()
        sizes = plan()
        print(f"{name:24} {time.perf_counter() - start:5.2f} s   {len(sizes)} pages, at most {site.peak} waiting at once")

# %% [markdown] course={"kind": "text"}
# The CPU-bound case: the same pure-Python job (`cc_work.count_primes`) four times, in two threads and then in
# two processes, in one run. Compare the two numbers with each other, never with a fixed number of seconds:
# with two free cores the processes take about half the time of the threads (a ratio near 2). When other
# programs keep the cores busy, the ratio falls towards 1, and below 1 for jobs this small: the processes
# also pay for sending the work and the answers between processes. Run it a few times and watch the ratio move.

# %% course={"kind": "demo"}
jobs = [30_000] * 4
elapsed = {}
for kind, make in [("threads", lambda: ThreadPoolExecutor(2)), ("processes", lambda: ProcessPoolExecutor(2, mp_context=SPAWN))]:
    with make() as pool:
        list(pool.map(abs, [1, 2]))  # start the workers before the clock starts
        start = time.perf_counter()
        answers = list(pool.map(cc_work.count_primes, jobs))
        elapsed[kind] = time.perf_counter() - start
    print(f"{kind:9} {elapsed[kind]:.2f} s, answers {answers}")
print(f"threads / processes = {elapsed['threads'] / elapsed['processes']:.1f} on {os.cpu_count()} cores")

# %% [markdown] course={"kind": "lesson", "id": "performance", "covers": ["c-performance-characteristics", "c-thread-overhead", "c-process-overhead", "c-context-switching"]}
# ### Performance characteristics: what each model costs
#
# | | asyncio task | thread | process |
# |---|---|---|---|
# | start one | a Python object: microseconds | an OS thread: tens of microseconds | a new interpreter: milliseconds (fork) to tens or hundreds of ms (spawn: a fresh Python imports everything) |
# | memory each | a few KB | a stack (reserved, mostly untouched) plus Python state | a whole interpreter and its imports: megabytes |
# | passing data | shared objects | shared objects (needs locks) | copied, usually pickled |
# | switches | only at `await`, by the loop | whenever the OS decides; a thread waiting for the GIL makes the holder let go after `sys.getswitchinterval()` s (5 ms) | the OS schedules processes on cores |
# | uses several cores for Python code | no | no (standard build) | yes |
#
# A *context switch* is the moment one flow of control stops and another resumes. The OS switches threads
# and processes at any instruction, which costs saved registers and cold caches, and is the reason shared
# data needs locks. An asyncio task switches only where it says `await`: cheaper, and predictable.
#
# What people get wrong: starting a process (or a pool) per job. A job must be much bigger than the start
# cost, or the "parallel" version is slower than a loop. Start a pool once, keep it, give each call a lot
# of work. The demo measures the start costs on this machine (they vary; a busy machine is slower).

# %% course={"kind": "demo"}
def start_and_stop(kind: str, count: int) -> float:
    start = time.perf_counter()
    if kind == "task":

        async def nothing() -> None:
            return None

        async def many() -> None:
            await asyncio.gather(*(nothing() for _ in range(count)))

        run(many())
    elif kind == "thread":
        workers = [threading.Thread(target=int) for _ in range(count)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    else:
        procs = [SPAWN.Process(target=int) for _ in range(count)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
    return (time.perf_counter() - start) / count * 1000


for kind, count in [("task", 1000), ("thread", 100), ("process", 1)]:
    print(f"start + finish one {kind:8}: {start_and_stop(kind, count):8.3f} ms (mean of {count})")
print("GIL switch interval:", sys.getswitchinterval(), "s")

# %% [markdown] course={"kind": "text"}
# Switching, counted instead of timed: two threads each append their own letter 100 000 times to one list;
# every place where the letter changes is a switch the OS and the GIL made. Two asyncio tasks doing the
# same switch exactly where they `await`, so their count is fixed by the code.

# %% course={"kind": "demo"}
def switches(trace: list[str]) -> int:
    return sum(1 for a, b in itertools.pairwise(trace) if a != b)


trace: list[str] = []
pair = [threading.Thread(target=lambda c=c: [trace.append(c) for _ in range(100_000)]) for c in "ab"]
for t in pair:
    t.start()
for t in pair:
    t.join()
print("threads: switches seen:", switches(trace), "(changes from run to run)")

atrace: list[str] = []


async def writer(c: str) -> None:
    for _ in range(1000):
        atrace.append(c)
        if len(atrace) % 100 == 0:
            await asyncio.sleep(0)  # the only places this task lets another run


async def both() -> None:
    await asyncio.gather(writer("a"), writer("b"))


run(both())
print("tasks:   switches seen:", switches(atrace), "(the same every run)")

# %% [markdown] course={"kind": "lesson", "id": "combining", "covers": ["c-combining-models", "c-asyncio-to-thread-run-sync-in-thread", "c-loop-run-in-executor-run-in-pool", "c-multiprocessing-with-asyncio"]}
# ### Combining models: async code that must call blocking or heavy code
#
# An event loop runs one callback at a time. A blocking call (`time.sleep`, `requests.get`, a pure-Python
# computation) inside a coroutine stops **every** task on that loop until it returns. The bridges:
#
# - `await asyncio.to_thread(fn, *args)` (3.9+): runs `fn` in the loop's default thread pool and awaits
#   it. It also copies the current `contextvars` context into the thread, so request ids set in
#   context variables are still there.
# - `await loop.run_in_executor(executor, fn, *args)`: runs `fn` in the executor you give (`None` = the
#   default thread pool). With a `ThreadPoolExecutor` you choose the number of threads; with a
#   `ProcessPoolExecutor` the work runs in other processes, on other cores: this is how asyncio runs
#   CPU-bound work. It takes positional arguments only (use `functools.partial` for keywords) and does
#   **not** copy context variables.
#
# The mistake people make: `await loop.run_in_executor(None, heavy)` for CPU-bound Python work. It moves the
# work off the loop (good) but into a thread, where the GIL still lets only one thread compute: use a process pool.
# The demo counts heartbeats: a task that ticks every 10 ms while a 0.15 s blocking call runs three ways.

# %% course={"kind": "demo"}
import contextvars  # noqa: E402
import functools  # noqa: E402

request_id = contextvars.ContextVar("request_id", default="none")


async def heartbeat_during(blocking_call: Callable[[], Awaitable[Any]]) -> int:
    ticks = 0
    stop = asyncio.Event()

    async def beat() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    beater = asyncio.create_task(beat())
    await asyncio.sleep(0)  # the heartbeat starts and ticks once
    before = ticks
    await blocking_call()
    stop.set()
    await beater
    return ticks - before


async def directly() -> None:
    time.sleep(0.15)  # blocks the loop: no task runs meanwhile


async def in_a_thread() -> None:
    await asyncio.to_thread(time.sleep, 0.15)


async def in_a_pool() -> None:
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=2) as pool:
        await loop.run_in_executor(pool, functools.partial(time.sleep, 0.15))


for how in (directly, in_a_thread, in_a_pool):
    print(f"{how.__name__:12} heartbeats while blocked: {run(heartbeat_during(how))}")


async def who_sees_the_id() -> tuple[str, str]:
    request_id.set("req-42")
    loop = asyncio.get_running_loop()
    return await asyncio.to_thread(request_id.get), await loop.run_in_executor(None, request_id.get)


print("context in to_thread / run_in_executor:", run(who_sees_the_id()))

# %% [markdown] course={"kind": "text"}
# CPU-bound work from async code: hand it to a `ProcessPoolExecutor` through `run_in_executor`. The loop
# stays free while the worker process computes (one worker here, to keep the notebook quick; size it to the
# cores in real use); the answers come back as ordinary awaited results.

# %% course={"kind": "demo"}
async def crunch_from_async(limits: list[int]) -> list[tuple[int, int]]:
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
        return await asyncio.gather(*(loop.run_in_executor(pool, cc_work.count_primes_where, n) for n in limits))


results = run(crunch_from_async([1000, 2000, 3000, 4000]))
print("primes below 1000..4000:", [count for count, _ in results])
print("computed in processes:", sorted({pid for _, pid in results}), "- this kernel is", os.getpid())

# %% [markdown] course={"kind": "lesson", "id": "libraries", "covers": ["c-libraries-and-frameworks", "c-aiohttp-async-http", "c-httpx-sync-and-async-http", "c-aiomysql-asyncpg-async-databases", "c-aiofiles-async-file-i-o", "c-trio-alternative-async", "c-anyio-async-compatibility"]}
# ### Libraries: the async ecosystem you will meet
#
# asyncio only pays off when the I/O library is async too; a blocking client inside a coroutine blocks the loop.
#
# | library | what it is | note |
# |---|---|---|
# | `aiohttp` | async HTTP client and server | one `ClientSession` per application, reused: it holds the connection pool |
# | `httpx` | HTTP client with the same API sync (`httpx.Client`) and async (`httpx.AsyncClient`) | handy when a code base has both kinds of code |
# | `asyncpg` (PostgreSQL), `aiomysql` (MySQL) | async database drivers | use their connection pools; a sync driver needs `to_thread` |
# | `aiofiles` | file operations as awaitables | each file call runs in a thread pool (the loop's default executor unless you pass one); it does not use the kernel's async file APIs |
# | `trio` | another async library with its own loop, "nurseries" for structured concurrency | not compatible with asyncio code directly |
# | `anyio` | one API that runs on asyncio or trio (task groups, `to_thread.run_sync`, cancel scopes) | httpx is built on it |
#
# Not installed with this course (they need a database server, or add nothing here): asyncpg, aiomysql,
# aiofiles and trio. The demo uses what is installed: httpx, sync and async, and anyio's task group and
# thread bridge running on asyncio, all against the local server. The mistake: mixing a sync client into
# async code "just for one call"; that one call blocks every task on the loop.

# %% course={"kind": "demo"}
import anyio  # noqa: E402
import httpx  # noqa: E402

site = SlowSite(delay=0.05)
with serve(site) as base:
    with httpx.Client(base_url=base) as client:
        print("httpx sync:", client.get("/one").status_code)

    async def httpx_and_anyio() -> list[int]:
        codes: list[int] = []
        async with httpx.AsyncClient(base_url=base) as client:

            async def one(path: str) -> None:
                codes.append((await client.get(path)).status_code)

            async with anyio.create_task_group() as group:  # waits for every task started in it
                for i in range(5):
                    group.start_soon(one, f"/page/{i}")
            codes.append(await anyio.to_thread.run_sync(lambda: 204))  # anyio's bridge to a thread
        return codes

    print("httpx async in an anyio task group:", run(httpx_and_anyio()), "- peak waiting at once:", site.peak)

# %% [markdown] course={"kind": "lesson", "id": "testing", "covers": ["c-testing-concurrent-code", "c-pytest-asyncio", "c-mocking-async-functions", "c-testing-threading-code"]}
# ### Testing concurrent code
#
# A test of a coroutine must run it on an event loop. With pytest that is the **pytest-asyncio** plugin
# (`pip install pytest-asyncio`; not installed with this course): mark the test with `@pytest.mark.asyncio`
# and pytest runs it on an event loop. In the plugin's default *strict* mode the marker is required;
# `asyncio_mode = "auto"` in the pytest configuration makes every `async def test_...` such a test without it.
#
# ```python
# import pytest
#
# @pytest.mark.asyncio
# async def test_retries_once_then_succeeds():
#     client = AsyncMock()
#     client.get.side_effect = [ConnectionError(), "ok"]
#     assert await fetch_with_retry(client, "/health") == "ok"
#     assert client.get.await_count == 2
# ```
#
# The standard library has the same idea built in: `unittest.IsolatedAsyncioTestCase` runs each `async def
# test_*` method on its own loop. **Mocking async functions**: `unittest.mock.AsyncMock` (3.8+) is a mock
# whose call returns an awaitable; it records awaits (`await_count`, `assert_awaited_once_with`). A plain
# `MagicMock` returns a non-awaitable, and `await` on it raises `TypeError`.
#
# **Testing threading code**: never `sleep` and hope. Force the interleaving you want to test with
# `threading.Event` and `Barrier` (section 10.1 does this step by step), put a timeout on every wait so a
# bug fails the test instead of hanging it, and check what the code did (counts, order), not how long it took.

# %% course={"kind": "demo"}
import io  # noqa: E402
import unittest  # noqa: E402



class FetchTests(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        # this class runs its loop in debug mode, which logs every step slower than 0.1 s: noise on a busy machine
        asyncio.get_running_loop().slow_callback_duration = 10.0

    async def test_retries_once_then_succeeds(self) -> None:
        client = unittest.mock.AsyncMock()
        client.get.side_effect = [ConnectionError(), "ok"]
        self.assertEqual(await fetch_with_retry(client, "/health"), "ok")
        self.assertEqual(client.get.await_count, 2)

    async def test_plain_magicmock_cannot_be_awaited(self) -> None:
        client = unittest.mock.MagicMock()
        with self.assertRaises(TypeError):
            await fetch_with_retry(client, "/health")


out = io.StringIO()
suite = unittest.defaultTestLoader.loadTestsFromTestCase(FetchTests)
with ThreadPoolExecutor(max_workers=1) as one:  # each test makes its own event loop: not in Jupyter's loop thread
    outcome = one.submit(unittest.TextTestRunner(stream=out, verbosity=2).run, suite).result()
print(out.getvalue().strip().splitlines()[-1], "-", outcome.testsRun, "tests")

# %% [markdown] course={"kind": "text"}
# A threading test that forces the bad interleaving of a read-modify-write every time: both threads read the
# counter, then both wait at a barrier, then both write. The lost update happens on every run, not one in a million.

# %% course={"kind": "demo"}
balance = {"value": 100}
both_have_read = threading.Barrier(2, timeout=10)


def withdraw(amount: int) -> None:
    seen = balance["value"]  # read
    both_have_read.wait()  # the interleaving under test: both read before either writes
    balance["value"] = seen - amount  # write


workers = [threading.Thread(target=withdraw, args=(a,)) for a in (30, 50)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("balance after withdrawing 30 and 50 from 100:", balance["value"], "(one update lost; 20 was right)")

# %% [markdown] course={"kind": "lesson", "id": "pitfalls", "covers": ["c-common-pitfalls", "c-blocking-the-event-loop", "c-resource-exhaustion", "c-deadlocks", "c-memory-issues"]}
# ### Common pitfalls
#
# - **Blocking the event loop**: a blocking call or a long computation in a coroutine. asyncio's debug mode
#   (`asyncio.run(main(), debug=True)` or `PYTHONASYNCIODEBUG=1`) logs every callback that took longer
#   than `loop.slow_callback_duration` (0.1 s).
# - **Resource exhaustion**: starting one task or thread per item of a big list opens thousands of
#   sockets or file handles at once. Bound the concurrency: a `Semaphore`, a fixed-size pool, a bounded queue.
# - **Deadlocks**: two locks taken in opposite orders; or, often missed, a job in a pool that waits for
#   another job *in the same pool* while every worker is busy waiting. Always take locks in one order,
#   never wait inside a pool for that pool, and put timeouts on waits.
# - **Memory**: `Executor.map` submits **every** item at once before it hands back a single result, so a
#   generator of ten million items becomes ten million futures in memory. Feed the pool in bounded
#   batches. Python 3.14 adds `Executor.map(..., buffersize=n)` for exactly this; 3.11 to 3.13 do not have it.
#
# The demos show the pool deadlock (broken by a timeout) and count how much `Executor.map` takes from a
# generator before the first result comes back.

# %% course={"kind": "demo"}
with ThreadPoolExecutor(max_workers=1) as one_worker:

    def outer() -> str:
        inner = one_worker.submit(str.upper, "inner")  # queued behind outer, which holds the only worker
        try:
            return inner.result(timeout=0.1)
        except concurrent.futures.TimeoutError:
            return "outer gave up: the inner job never got a worker"

    print(one_worker.submit(outer).result())

# %% course={"kind": "demo"}
pulled = 0


def readings() -> Iterator[int]:
    global pulled
    for value in range(300):
        pulled += 1
        yield value


with ThreadPoolExecutor(max_workers=2) as pool:
    mapped = pool.map(abs, readings())
    first = next(mapped)
print(f"first result {first}; items already taken from the generator: {pulled}")


# %% [markdown] course={"kind": "exercise", "id": "pick-model"}
# ### Pick a model from a workload's description
#
# Section 9.5's `choose_executor` picked one pool from yes/no facts. Here the facts are measured times, asyncio
# is an option, and a mixed workload needs two models. Write `pick_model(w)` for a `Workload` (defined in the setup cell): per job, `cpu_ms` milliseconds of Python computing and `wait_ms`
# milliseconds of waiting; `async_client` says whether the I/O library has an asyncio API; `releases_gil`
# whether the computing happens in C code that releases the GIL. Return a tuple `(for_io, for_cpu)`:
#
# - **CPU-bound** when `cpu_ms >= 9 * wait_ms`: `(None, cpu)`;
# - **I/O-bound** when `wait_ms >= 9 * cpu_ms`: `(io, None)`;
# - otherwise **mixed**: `(io, cpu)`;
#
# where `io` is `"asyncio"` if `async_client` else `"threads"`, and `cpu` is `"threads"` if `releases_gil`
# else `"processes"`. A negative time, or both times 0, raises `ValueError`.
#
# ```python
# pick_model(Workload(cpu_ms=2, wait_ms=300, async_client=True))   # ('asyncio', None)
# pick_model(Workload(cpu_ms=40, wait_ms=60))                      # ('threads', 'processes')
# ```

# %% [markdown] course={"kind": "hint"}
# Decide the two halves separately: is there an I/O part (not CPU-bound)? Is there a CPU part (not I/O-bound)?

# %% [markdown] course={"kind": "hint"}
# The limits are inclusive: `cpu_ms=9, wait_ms=1` is CPU-bound. Check the errors before anything else.

# %% course={"kind": "solution"}
def pick_model(w: Workload) -> tuple[str | None, str | None]:
    ### BEGIN SOLUTION
    if w.cpu_ms < 0 or w.wait_ms < 0 or w.cpu_ms == w.wait_ms == 0:
        raise ValueError(f"times must be >= 0 and not both 0: {w}")
    io = "asyncio" if w.async_client else "threads"
    cpu = "threads" if w.releases_gil else "processes"
    if w.cpu_ms >= 9 * w.wait_ms:
        return (None, cpu)
    if w.wait_ms >= 9 * w.cpu_ms:
        return (io, None)
    return (io, cpu)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = pick_model(Workload(cpu_ms=2, wait_ms=300, async_client=True))
assert got == ("asyncio", None), f"almost all waiting, async library: asyncio alone, got {got!r}"
got = pick_model(Workload(cpu_ms=500, wait_ms=0))
assert got == (None, "processes"), f"pure Python computing: processes alone, got {got!r}"

# %% course={"kind": "test", "points": 2}
got = pick_model(Workload(cpu_ms=40, wait_ms=60))
assert got == ("threads", "processes"), f"mixed work with a blocking library: threads for I/O, processes for CPU, got {got!r}"
got = pick_model(Workload(cpu_ms=40, wait_ms=60, async_client=True, releases_gil=True))
assert got == ("asyncio", "threads"), f"mixed, async library, C code that releases the GIL: got {got!r}"
### BEGIN HIDDEN TESTS
assert pick_model(Workload(9, 1)) == (None, "processes"), "9 >= 9 * 1: CPU-bound, the limit is inclusive"
assert pick_model(Workload(8.9, 1)) == ("threads", "processes"), "just below the CPU limit: mixed"
assert pick_model(Workload(1, 9)) == ("threads", None), "9 >= 9 * 1: I/O-bound, the limit is inclusive"
assert pick_model(Workload(1, 8.9)) == ("threads", "processes"), "just below the I/O limit: mixed"
assert pick_model(Workload(0, 5, async_client=True)) == ("asyncio", None)
assert pick_model(Workload(700, 3, releases_gil=True)) == (None, "threads"), "C code that releases the GIL: threads"
assert pick_model(Workload(0, 5, releases_gil=True)) == ("threads", None), "no CPU part: releases_gil changes nothing"
assert pick_model(Workload(5, 0, async_client=True)) == (None, "processes"), "no I/O part: async_client changes nothing"
got = pick_model(Workload(1, 1, async_client=True))
assert type(got) is tuple and len(got) == 2 and got == ("asyncio", "processes"), got
for bad in (Workload(-1, 5), Workload(5, -1), Workload(0, 0)):
    try:
        pick_model(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strict-limits"}
def pick_model(w):
    if w.cpu_ms < 0 or w.wait_ms < 0 or w.cpu_ms == w.wait_ms == 0:
        raise ValueError(w)
    io = "asyncio" if w.async_client else "threads"
    cpu = "threads" if w.releases_gil else "processes"
    if w.cpu_ms > 9 * w.wait_ms:  # 9 ms of computing per 1 ms of waiting falls through to "mixed"
        return (None, cpu)
    if w.wait_ms > 9 * w.cpu_ms:
        return (io, None)
    return (io, cpu)


# %% course={"kind": "wrong", "id": "threads-never-for-cpu"}
def pick_model(w):
    if w.cpu_ms < 0 or w.wait_ms < 0 or w.cpu_ms == w.wait_ms == 0:
        raise ValueError(w)
    io = "asyncio" if w.async_client else "threads"
    if w.cpu_ms >= 9 * w.wait_ms:
        return (None, "processes")  # forgets that C code releasing the GIL runs fine in threads
    if w.wait_ms >= 9 * w.cpu_ms:
        return (io, None)
    return (io, "processes")


# %% course={"kind": "wrong", "id": "mixed-means-async"}
def pick_model(w):
    if w.cpu_ms < 0 or w.wait_ms < 0 or w.cpu_ms == w.wait_ms == 0:
        raise ValueError(w)
    cpu = "threads" if w.releases_gil else "processes"
    if w.cpu_ms >= 9 * w.wait_ms:
        return (None, cpu)
    return ("asyncio", None if w.wait_ms >= 9 * w.cpu_ms else cpu)  # asyncio even with a blocking library


# %% [markdown] course={"kind": "exercise", "id": "pool-size"}
# ### Size a pool
#
# Write `pool_size(kind, *, jobs, cores, rate=0, latency_ms=0, limit=64)`, the number of workers to start:
#
# - `kind="cpu"`: one worker per core, but never more workers than jobs: `min(cores, jobs)`.
# - `kind="io"`: enough workers to keep `rate` jobs per second going when each waits `latency_ms`
#   milliseconds (Little's law: jobs in flight = rate × latency), **rounded up**; never more than `limit`
#   (what the server allows) nor more than `jobs`.
# - The answer is always at least 1. An unknown kind, `cores < 1`, `limit < 1`, or a negative `jobs`,
#   `rate` or `latency_ms` raises `ValueError`. All arguments are `int`s; return an `int`.
#
# ```python
# pool_size("io", jobs=1000, cores=2, rate=50, latency_ms=120)  # 6: 50 per second × 0.12 s in flight
# pool_size("cpu", jobs=3, cores=8)                            # 3
# ```

# %% [markdown] course={"kind": "hint"}
# 50 × 120 / 1000 = 6 exactly; 50 × 130 / 1000 = 6.5 needs 7 workers, not 6.

# %% [markdown] course={"kind": "hint"}
# `math.ceil(rate * latency_ms / 1000)`, then `min` with the limits, then `max(1, ...)` last, so that 0 jobs still gives 1.

# %% course={"kind": "solution"}
def pool_size(kind: str, *, jobs: int, cores: int, rate: int = 0, latency_ms: int = 0, limit: int = 64) -> int:
    ### BEGIN SOLUTION
    if cores < 1 or limit < 1 or min(jobs, rate, latency_ms) < 0:
        raise ValueError(f"bad sizes: jobs={jobs} cores={cores} rate={rate} latency_ms={latency_ms} limit={limit}")
    if kind == "cpu":
        wanted = min(cores, jobs)
    elif kind == "io":
        wanted = min(math.ceil(rate * latency_ms / 1000), limit, jobs)
    else:
        raise ValueError(f"kind must be 'cpu' or 'io', not {kind!r}")
    return max(1, wanted)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = pool_size("io", jobs=1000, cores=2, rate=50, latency_ms=120)
assert got == 6 and type(got) is int, f"50 jobs per second that each wait 0.12 s keep 6 in flight, got {got!r}"
got = pool_size("cpu", jobs=3, cores=8)
assert got == 3, f"3 jobs never need more than 3 processes, got {got!r}"

# %% course={"kind": "test", "points": 2}
got = pool_size("io", jobs=1000, cores=2, rate=50, latency_ms=130)
assert got == 7, f"6.5 jobs in flight need 7 workers (round up), got {got!r}"
got = pool_size("io", jobs=1000, cores=2, rate=500, latency_ms=1000, limit=20)
assert got == 20, f"never more than the limit, got {got!r}"
### BEGIN HIDDEN TESTS
assert pool_size("cpu", jobs=100, cores=8) == 8, "more jobs than cores: one per core"
assert pool_size("cpu", jobs=8, cores=8) == 8
assert pool_size("cpu", jobs=0, cores=8) == 1, "at least 1"
assert pool_size("cpu", jobs=1, cores=1) == 1
assert pool_size("io", jobs=4, cores=2, rate=100, latency_ms=1000) == 4, "never more workers than jobs"
assert pool_size("io", jobs=1000, cores=2, rate=1, latency_ms=1) == 1, "0.001 in flight rounds up to 1"
assert pool_size("io", jobs=1000, cores=2) == 1, "no rate: still 1"
assert pool_size("io", jobs=1000, cores=2, rate=20, latency_ms=150) == 3, "20 × 0.15 = 3 exactly"
assert pool_size("io", jobs=1000, cores=2, rate=20, latency_ms=151) == 4
assert pool_size("io", jobs=1000, cores=2, rate=7, latency_ms=1001) == 8, "7.007 in flight needs 8 workers"
assert pool_size("io", jobs=1000, cores=2, rate=64, latency_ms=1000) == 64, "exactly the default limit"
assert pool_size("io", jobs=1000, cores=2, rate=65, latency_ms=1000) == 64, "the default limit is 64"
assert pool_size("io", jobs=1000, cores=1, rate=10, latency_ms=1000, limit=1) == 1
for kwargs in (
    {"kind": "gpu", "jobs": 1, "cores": 1},
    {"kind": "CPU", "jobs": 1, "cores": 1},
    {"kind": "cpu", "jobs": 1, "cores": 0},
    {"kind": "io", "jobs": 1, "cores": 1, "limit": 0},
    {"kind": "cpu", "jobs": -1, "cores": 1},
    {"kind": "io", "jobs": 1, "cores": 1, "rate": -1},
    {"kind": "io", "jobs": 1, "cores": 1, "latency_ms": -1},
):
    kind = kwargs.pop("kind")
    try:
        pool_size(kind, **kwargs)
    except ValueError:
        pass
    else:
        raise AssertionError(f"pool_size({kind!r}, **{kwargs}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "round-not-ceil"}
def pool_size(kind, *, jobs, cores, rate=0, latency_ms=0, limit=64):
    if cores < 1 or limit < 1 or min(jobs, rate, latency_ms) < 0 or kind not in ("cpu", "io"):
        raise ValueError(kind)
    if kind == "cpu":
        return max(1, min(cores, jobs))
    return max(1, min(round(rate * latency_ms / 1000), limit, jobs))  # 6.5 in flight gets 6 workers


# %% course={"kind": "wrong", "id": "cores-whatever-the-jobs"}
def pool_size(kind, *, jobs, cores, rate=0, latency_ms=0, limit=64):
    if cores < 1 or limit < 1 or min(jobs, rate, latency_ms) < 0 or kind not in ("cpu", "io"):
        raise ValueError(kind)
    if kind == "cpu":
        return cores  # starts 8 processes for 3 jobs
    return max(1, min(math.ceil(rate * latency_ms / 1000), limit, jobs))


# %% course={"kind": "wrong", "id": "no-floor-of-one"}
def pool_size(kind, *, jobs, cores, rate=0, latency_ms=0, limit=64):
    if cores < 1 or limit < 1 or min(jobs, rate, latency_ms) < 0 or kind not in ("cpu", "io"):
        raise ValueError(kind)
    if kind == "cpu":
        return min(cores, jobs)  # 0 jobs: a pool of 0 workers, which ThreadPoolExecutor refuses
    return min(math.ceil(rate * latency_ms / 1000), limit, jobs)


# %% [markdown] course={"kind": "exercise", "id": "benchmark", "item": "x-benchmark-different-concurrency-models"}
# ### Benchmark several models on the same task, honestly
#
# Write `benchmark(task, inputs, runners, *, clock=time.perf_counter, repeat=3)`. `runners` maps a name
# (`"serial"`, `"threads"`, ...) to a function `runner(task, inputs)` that returns the list
# `[task(x) for x in inputs]`, computed its own way. For each runner, in the order of `runners`:
#
# - call it `repeat` times, reading `clock()` just before and just after each call;
# - check every run's answer against the expected list, computed once with a plain loop **before any
#   timing starts**; a wrong answer raises `ValueError` naming the runner (a fast wrong answer is worthless);
# - keep the **fastest** of its runs (noise only ever adds time).
#
# Return a dict name → that fastest time in seconds. Read time only through `clock`, so tests can use a fake clock.
#
# ```python
# benchmark(cc_work.count_primes, [5000] * 4, {"serial": lambda t, xs: [t(x) for x in xs]})
# # {'serial': 0.04...}  (on some machine)
# ```

# %% [markdown] course={"kind": "hint"}
# Compute `expected = [task(x) for x in inputs]` first. Then, per runner, a loop of `repeat` runs: `start = clock()`,
# `answer = runner(task, inputs)`, `took = clock() - start`, and only then the comparison.

# %% [markdown] course={"kind": "hint"}
# `min` of the run times, not their mean: a run can only be slowed down by other work on the machine, never sped up.

# %% course={"kind": "solution"}
def benchmark(
    task: Callable[[Any], Any],
    inputs: list[Any],
    runners: dict[str, Callable[[Callable[[Any], Any], list[Any]], list[Any]]],
    *,
    clock: Callable[[], float] = time.perf_counter,
    repeat: int = 3,
) -> dict[str, float]:
    ### BEGIN SOLUTION
    expected = [task(x) for x in inputs]
    best: dict[str, float] = {}
    for name, runner in runners.items():
        times = []
        for _ in range(repeat):
            start = clock()
            answer = runner(task, inputs)
            times.append(clock() - start)
            if answer != expected:
                raise ValueError(f"runner {name!r} gave a wrong answer: {answer!r}")
        best[name] = min(times)
    return best
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
clock = FakeClock()


def slow_runner(task, inputs):
    clock.advance(2.0)  # this runner "takes" 2 s on the fake clock
    return [task(x) for x in inputs]


got = benchmark(abs, [-1, 2], {"slow": slow_runner}, clock=clock)
assert got == {"slow": 2.0}, f"a runner that takes 2 s each run: {{'slow': 2.0}}, got {got!r}"

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
durations = iter([3.0, 1.0, 2.0])


def noisy_runner(task, inputs):
    clock.advance(next(durations))
    return [task(x) for x in inputs]


got = benchmark(abs, [-3], {"noisy": noisy_runner}, clock=clock)
assert got == {"noisy": 1.0}, f"runs of 3, 1 and 2 s: keep the fastest, 1.0; got {got!r}"


def wrong_runner(task, inputs):
    return [task(x) for x in inputs][::-1]  # right values, wrong order


try:
    benchmark(abs, [1, -2], {"reversed": wrong_runner}, clock=FakeClock())
except ValueError as err:
    assert "reversed" in str(err), f"the error must name the runner, got {err}"
else:
    raise AssertionError("a runner with a wrong answer must raise ValueError")
### BEGIN HIDDEN TESTS
clock = FakeClock()
calls = []


def timed_task(x):
    clock.advance(0.5)  # the task itself takes 0.5 s per input
    return x * 2


def serial(task, inputs):
    calls.append("serial")
    return [task(x) for x in inputs]


def lazy_but_fast(task, inputs):
    calls.append("fast")
    clock.advance(0.25)
    return [x * 2 for x in inputs]


got = benchmark(timed_task, [1, 2], {"serial": serial, "fast": lazy_but_fast}, clock=clock, repeat=2)
assert got == {"serial": 1.0, "fast": 0.25}, f"computing the expected answer must not be timed, got {got!r}"
assert list(got) == ["serial", "fast"], "keep the order of runners"
assert calls == ["serial", "serial", "fast", "fast"], f"repeat=2 runs each runner twice, in order: {calls}"
clock = FakeClock()
got = benchmark(abs, [], {"none": lambda t, xs: []}, clock=clock, repeat=1)
assert got == {"none": 0.0} and clock.reads == 2, "one run reads the clock twice, before and after"
assert benchmark(abs, [1], {}, clock=FakeClock()) == {}, "no runners: an empty dict"
clock = FakeClock()
seen = []
durations = iter([1.0, 4.0, 9.0])


def counted(task, inputs):
    seen.append(1)
    clock.advance(next(durations))
    return [task(x) for x in inputs]


assert benchmark(abs, [0], {"c": counted}, clock=clock) == {"c": 1.0} and len(seen) == 3, "repeat defaults to 3"
try:
    benchmark(abs, [1], {"ok": serial, "bad": lambda t, xs: [None]}, clock=FakeClock())
except ValueError as err:
    assert "bad" in str(err)
else:
    raise AssertionError("a wrong answer from a later runner must raise too")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "expected-inside-timing"}
def benchmark(task, inputs, runners, *, clock=time.perf_counter, repeat=3):
    best = {}
    for name, runner in runners.items():
        times = []
        for _ in range(repeat):
            start = clock()
            answer = runner(task, inputs)
            if answer != [task(x) for x in inputs]:  # the serial check is timed along with the runner
                raise ValueError(name)
            times.append(clock() - start)
        best[name] = min(times)
    return best


# %% course={"kind": "wrong", "id": "mean-of-runs"}
def benchmark(task, inputs, runners, *, clock=time.perf_counter, repeat=3):
    expected = [task(x) for x in inputs]
    best = {}
    for name, runner in runners.items():
        total = 0.0
        for _ in range(repeat):
            start = clock()
            answer = runner(task, inputs)
            total += clock() - start
            if answer != expected:
                raise ValueError(name)
        best[name] = total / repeat  # one slow run from a busy machine drags every result
    return best


# %% course={"kind": "wrong", "id": "trusts-the-runners"}
def benchmark(task, inputs, runners, *, clock=time.perf_counter, repeat=3):
    best = {}
    for name, runner in runners.items():
        times = []
        for _ in range(repeat):
            start = clock()
            runner(task, inputs)  # never checks the answer
            times.append(clock() - start)
        best[name] = min(times)
    return best


# %% [markdown] course={"kind": "exercise", "id": "report", "item": "project-10-4-1"}
# ### Project core: the comparison report
#
# A benchmark suite ends with a report a person can read. Write `report(times, baseline, width=20)` for
# `times`, a dict name → seconds (as `benchmark` returns). One line per entry, **fastest first** (equal times
# by name), each line:
#
# `f"{name:<{w}}  {seconds:.3f} s  {speedup:.2f}x {bar}"`
#
# where `w` is the length of the longest name, `speedup = times[baseline] / seconds` (above 1 means faster
# than the baseline), and `bar` is `"#"` repeated `round(width * fastest / seconds)` times but at least once
# (the fastest gets the full width). Lines are joined with `"\n"`, no newline at the end. No entries, or a time
# that is not above 0, raise `ValueError`; a baseline that is not in `times` raises `KeyError`.
#
# ```python
# print(report({"serial": 4.0, "threads": 4.2, "processes": 2.0}, "serial", width=10))
# # processes  2.000 s  2.00x ##########
# # serial     4.000 s  1.00x #####
# # threads    4.200 s  0.95x #####
# ```

# %% [markdown] course={"kind": "hint"}
# `sorted(times.items(), key=lambda kv: (kv[1], kv[0]))` orders by time, then by name.

# %% [markdown] course={"kind": "hint"}
# Check the errors first: `if not times`, `any(t <= 0 ...)`, and `times[baseline]` raises the `KeyError` for you.

# %% course={"kind": "solution"}
def report(times: dict[str, float], baseline: str, width: int = 20) -> str:
    ### BEGIN SOLUTION
    if not times or any(t <= 0 for t in times.values()):
        raise ValueError(f"need at least one time, all above 0: {times}")
    base = times[baseline]
    fastest = min(times.values())
    w = max(len(name) for name in times)
    lines = []
    for name, seconds in sorted(times.items(), key=lambda kv: (kv[1], kv[0])):
        bar = "#" * max(1, round(width * fastest / seconds))
        lines.append(f"{name:<{w}}  {seconds:.3f} s  {base / seconds:.2f}x {bar}")
    return "\n".join(lines)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = report({"serial": 4.0, "threads": 4.2, "processes": 2.0}, "serial", width=10)
want = "processes  2.000 s  2.00x ##########\nserial     4.000 s  1.00x #####\nthreads    4.200 s  0.95x #####"
assert got == want, f"expected\n{want}\ngot\n{got}"

# %% course={"kind": "test", "points": 2}
got = report({"b": 1.0, "a": 1.0, "slow": 20.0}, "slow", width=4)
want = "a     1.000 s  20.00x ####\nb     1.000 s  20.00x ####\nslow  20.000 s  1.00x #"
assert got == want, f"equal times by name; the slowest still gets one #: expected\n{want}\ngot\n{got}"
### BEGIN HIDDEN TESTS
assert report({"only": 0.5}, "only") == "only  0.500 s  1.00x " + "#" * 20, "the default width is 20"
got = report({"x": 3.0, "y": 1.0}, "y", width=30)
assert got == "y  1.000 s  1.00x " + "#" * 30 + "\nx  3.000 s  0.33x " + "#" * 10, got
got = report({"é-threads": 2.0, "p": 1.0}, "é-threads", width=2)
assert got == "p          1.000 s  2.00x ##\né-threads  2.000 s  1.00x #", got
assert not report({"a": 1.0, "b": 2.0}, "a").endswith("\n"), "no newline at the end"
for bad in ({}, {"a": 0.0}, {"a": 1.0, "b": -1.0}):
    try:
        report(bad, "a")
    except ValueError:
        pass
    else:
        raise AssertionError(f"report({bad}) must raise ValueError")
try:
    report({"a": 1.0}, "b")
except KeyError:
    pass
else:
    raise AssertionError("an unknown baseline raises KeyError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sorted-by-name"}
def report(times, baseline, width=20):
    if not times or any(t <= 0 for t in times.values()):
        raise ValueError(times)
    base, fastest = times[baseline], min(times.values())
    w = max(len(n) for n in times)
    return "\n".join(
        f"{n:<{w}}  {s:.3f} s  {base / s:.2f}x {'#' * max(1, round(width * fastest / s))}"
        for n, s in sorted(times.items())  # alphabetical, not fastest first
    )


# %% course={"kind": "wrong", "id": "speedup-upside-down"}
def report(times, baseline, width=20):
    if not times or any(t <= 0 for t in times.values()):
        raise ValueError(times)
    base, fastest = times[baseline], min(times.values())
    w = max(len(n) for n in times)
    return "\n".join(
        f"{n:<{w}}  {s:.3f} s  {s / base:.2f}x {'#' * max(1, round(width * fastest / s))}"  # time ratio, not speedup
        for n, s in sorted(times.items(), key=lambda kv: (kv[1], kv[0]))
    )


# %% course={"kind": "wrong", "id": "bar-can-vanish"}
def report(times, baseline, width=20):
    if not times or any(t <= 0 for t in times.values()):
        raise ValueError(times)
    base, fastest = times[baseline], min(times.values())
    w = max(len(n) for n in times)
    return "\n".join(
        f"{n:<{w}}  {s:.3f} s  {base / s:.2f}x {'#' * round(width * fastest / s)}"  # 0 #s for the slow ones
        for n, s in sorted(times.items(), key=lambda kv: (kv[1], kv[0]))
    )


# %% [markdown] course={"kind": "task", "id": "benchmark-suite", "item": "project-10-4-1", "points": 3}
# ### Project 10.4.1: a concurrency benchmark suite
#
# Put `benchmark` and `report` to work in a script `bench.py`: runners for serial, threads, processes and
# asyncio; one I/O-bound task (pages from a local server like `SlowSite`) and one CPU-bound task
# (`cc_work.count_primes`); the report for each; and a chart (a text bar chart as in `report`, or matplotlib
# if you have it). Write three sentences under the report: which model won each task, by what ratio, and why.

# %% [markdown] course={"kind": "rubric"}
# - Runners for at least serial, threads, processes and asyncio; each checked against the serial answer (1 point).
# - Both an I/O-bound and a CPU-bound task; pools started before timing; the fastest of several runs (1 point).
# - The conclusions are read from ratios in one run, not from absolute seconds, and explain the GIL for the
#   CPU task and overlapping waits for the I/O task (1 point).


# %% [markdown] course={"kind": "exercise", "id": "run-blocking", "item": "x-combine-async-with-threadpoolexecutor"}
# ### Combine async code with a `ThreadPoolExecutor`
#
# Your async service must call a blocking function (a sync SDK call, say) for many items. Write
# `async def run_blocking(pool, fn, items)`: run `fn(item)` for every item **in the given thread pool**
# (through `loop.run_in_executor`), all submitted at once so they can wait side by side, without blocking the
# event loop; return a `list` of the results in the order of `items` (any iterable). If a call raises,
# `run_blocking` raises that error.
#
# ```python
# with ThreadPoolExecutor(max_workers=4) as pool:
#     run(run_blocking(pool, str.upper, ["web", "db"]))  # ['WEB', 'DB']
# ```

# %% [markdown] course={"kind": "hint"}
# `loop = asyncio.get_running_loop()`, then one `loop.run_in_executor(pool, fn, item)` per item: each returns an
# asyncio future at once, and the call starts in a pool thread.

# %% [markdown] course={"kind": "hint"}
# Awaiting each future inside the loop that creates them runs the calls one after another. Create them all
# first, then `await asyncio.gather(*futures)`. `asyncio.to_thread` would use the default pool, not `pool`.

# %% course={"kind": "solution"}
async def run_blocking(pool: ThreadPoolExecutor, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
    ### BEGIN SOLUTION
    loop = asyncio.get_running_loop()
    futures = [loop.run_in_executor(pool, fn, item) for item in items]
    return await asyncio.gather(*futures)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with RecordingPool(2) as pool:
    got = run(run_blocking(pool, str.upper, ["web", "db"]))
assert got == ["WEB", "DB"], f"results in the order of items, got {got!r}"
assert pool.submitted == [("web",), ("db",)], f"every call must go through the pool you were given, it saw {pool.submitted}"

# %% course={"kind": "test", "points": 2}
# three calls that can only finish together: each waits at a barrier for the other two (5 s at most)
meet = threading.Barrier(3, timeout=5)


def wait_for_the_others(item):
    meet.wait()
    return threading.current_thread().name.startswith("recording"), item


with RecordingPool(3) as pool:
    got = run(run_blocking(pool, wait_for_the_others, ["a", "b", "c"]))
assert got == [(True, "a"), (True, "b"), (True, "c")], f"the three calls must wait side by side in pool threads, got {got!r}"
### BEGIN HIDDEN TESTS
meet = threading.Barrier(10, timeout=5)
with RecordingPool(10) as pool:
    got = run(run_blocking(pool, wait_for_the_others, (f"host{i}" for i in range(10))))
assert got == [(True, f"host{i}") for i in range(10)], "any iterable; ten calls side by side"


async def loop_stays_free():
    opened = threading.Event()

    async def opener():  # runs on the event loop: only if the loop is not blocked
        while len(pool.submitted) < 2:
            await asyncio.sleep(0)
        opened.set()

    task = asyncio.create_task(opener())
    got = await run_blocking(pool, lambda x: opened.wait(5) and x, [1, 2])
    await task
    return got


with RecordingPool(2) as pool:
    assert run(loop_stays_free()) == [1, 2], "the event loop must keep running while the calls block"
with RecordingPool(1) as pool:
    empty = run(run_blocking(pool, str.upper, iter([])))
assert type(empty) is list and empty == [], "no items: an empty list"


def fails_on_db(item):
    if item == "db":
        raise KeyError(item)
    return item


with RecordingPool(2) as pool:
    try:
        run(run_blocking(pool, fails_on_db, ["web", "db"]))
    except KeyError:
        pass
    else:
        raise AssertionError("an error from a call must reach the caller")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "to-thread"}
async def run_blocking(pool, fn, items):
    return await asyncio.gather(*(asyncio.to_thread(fn, item) for item in items))  # the default pool, not `pool`


# %% course={"kind": "wrong", "id": "one-at-a-time"}
async def run_blocking(pool, fn, items):
    loop = asyncio.get_running_loop()
    return [await loop.run_in_executor(pool, fn, item) for item in items]  # each waits for the one before


# %% course={"kind": "wrong", "id": "waits-on-the-loop"}
async def run_blocking(pool, fn, items):
    return [pool.submit(fn, item).result() for item in items]  # .result() blocks the event loop thread


# %% [markdown] course={"kind": "exercise", "id": "crunch-all", "item": "x-run-cpu-bound-tasks-from-async-code"}
# ### Run CPU-bound work from async code, report progress as jobs finish
#
# Write `async def crunch_all(pool, limits, on_done)`. For every limit, count the primes below it with
# `cc_work.count_primes` **in `pool`** (a `ProcessPoolExecutor` in real use: the function must be one a
# process can import, so pass `cc_work.count_primes` itself, never a lambda), all jobs submitted at once
# through `loop.run_in_executor`. Call `on_done(limit, count)` as soon as each job finishes, **in the order
# they finish**, and return the `list` of counts in the order of `limits`.
#
# ```python
# with ProcessPoolExecutor(2, mp_context=SPAWN) as pool:
#     run(crunch_all(pool, [10, 100], print))  # prints "10 4" and "100 25" (in finishing order)
# # [4, 25]
# ```

# %% [markdown] course={"kind": "hint"}
# Wrap one job in a small coroutine: `count = await loop.run_in_executor(pool, cc_work.count_primes, n)`, then
# `on_done(n, count)`, then `return count`. Start one per limit with `asyncio.gather`.

# %% [markdown] course={"kind": "hint"}
# Calling `on_done` after `gather` returns reports every job at the end, in the order of `limits`, not as they finish.

# %% course={"kind": "solution"}
async def crunch_all(pool: concurrent.futures.Executor, limits: Iterable[int], on_done: Callable[[int, int], Any]) -> list[int]:
    ### BEGIN SOLUTION
    loop = asyncio.get_running_loop()

    async def one(limit: int) -> int:
        count = await loop.run_in_executor(pool, cc_work.count_primes, limit)
        on_done(limit, count)
        return count

    return await asyncio.gather(*(one(n) for n in limits))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
async def finish_in_reverse():
    pool, done = ManualPool(), []
    task = asyncio.create_task(crunch_all(pool, [10, 100, 1000], lambda n, c: done.append((n, c))))
    await settle(50)  # 50 passes of the event loop: whatever can run, runs
    submitted = [args for _, args, _ in pool.calls]
    for i in reversed(range(len(pool.calls))):
        pool.finish(i)
        await settle(50)  # 50 passes of the event loop: whatever can run, runs
    return submitted, done, await task


submitted, done, got = run(finish_in_reverse())
assert submitted == [(10,), (100,), (1000,)], f"all three jobs must be in the pool before any finishes, it had {submitted}"
assert got == [4, 25, 168], f"counts in the order of limits, got {got!r}"

# %% course={"kind": "test", "points": 2}
submitted, done, got = run(finish_in_reverse())
assert done == [(1000, 168), (100, 25), (10, 4)], f"on_done as each job finishes (here the last first), got {done}"
### BEGIN HIDDEN TESTS
done = []
with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
    got = run(crunch_all(pool, (n for n in [2, 3, 30, 3]), lambda n, c: done.append((n, c))))
assert got == [0, 1, 10, 1] and type(got) is list, f"a real process pool, any iterable, duplicates kept: {got!r}"
assert sorted(done) == [(2, 0), (3, 1), (3, 1), (30, 10)], f"on_done once per job: {done}"
empty = run(crunch_all(ManualPool(), [], lambda n, c: None))
assert type(empty) is list and empty == [], "no limits: an empty list"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "computes-on-the-loop"}
async def crunch_all(pool, limits, on_done):
    counts = []
    for n in limits:
        counts.append(cc_work.count_primes(n))  # right answer, but the loop is frozen while it computes
        on_done(n, counts[-1])
    return counts


# %% course={"kind": "wrong", "id": "report-at-the-end"}
async def crunch_all(pool, limits, on_done):
    loop = asyncio.get_running_loop()
    limits = list(limits)
    counts = await asyncio.gather(*(loop.run_in_executor(pool, cc_work.count_primes, n) for n in limits))
    for n, c in zip(limits, counts):
        on_done(n, c)  # every job reported at the end, in the order of limits
    return counts


# %% course={"kind": "wrong", "id": "lambda-in-pool"}
async def crunch_all(pool, limits, on_done):
    loop = asyncio.get_running_loop()

    async def one(n):
        count = await loop.run_in_executor(pool, lambda: cc_work.count_primes(n))  # a lambda cannot be pickled
        on_done(n, count)
        return count

    return await asyncio.gather(*(one(n) for n in limits))


# %% [markdown] course={"kind": "exercise", "id": "map-bounded"}
# ### Feed a pool without exhausting memory
#
# `Executor.map` submits every item before it returns a single result: a generator of ten million log lines
# becomes ten million futures (Python 3.14 adds `buffersize=` for this; 3.11 to 3.13 have no such option).
# Write `map_bounded(executor, fn, items, limit)`: it returns an iterator over `fn(item)` for each item, **in
# the order of items**, that
#
# - takes items from `items` only as needed (an endless generator is fine);
# - keeps up to `limit` calls submitted whose results it has not yet handed out, and never more;
# - raises `ValueError` at once, when called (not when first iterated), if `limit < 1`.
#
# ```python
# with ThreadPoolExecutor(4) as pool:
#     lines = map_bounded(pool, str.upper, itertools.count(), 8)  # an endless input
#     print(list(itertools.islice(lines, 3)))  # ... the first three results
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the submitted futures in a `collections.deque`. Before submitting another, if `limit` of them are
# waiting, hand out the oldest one's `.result()` first (`yield`).

# %% [markdown] course={"kind": "hint"}
# A function with `yield` in its body runs nothing until the first `next()`, so its `ValueError` comes late.
# Check `limit` in a plain function, then `return` an inner generator.

# %% course={"kind": "solution"}
def map_bounded(executor: concurrent.futures.Executor, fn: Callable[[Any], Any], items: Iterable[Any], limit: int) -> Iterator[Any]:
    ### BEGIN SOLUTION
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")

    def results() -> Iterator[Any]:
        pending: collections.deque[Future[Any]] = collections.deque()
        for item in items:
            if len(pending) == limit:
                yield pending.popleft().result()
            pending.append(executor.submit(fn, item))
        for future in pending:  # the input is used up: hand out what is left
            yield future.result()

    return results()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
pool, out = EagerPool(), []
for result in map_bounded(pool, str.upper, ["a", "b", "c", "d", "e"], 2):
    pool.handed += 1
    out.append(result)
assert out == ["A", "B", "C", "D", "E"], f"every result, in the order of items, got {out}"
assert pool.peak == 2, f"up to 2 calls waiting to be handed out, never more: the most at once was {pool.peak}"

# %% course={"kind": "test", "points": 2}
pulled = []


def endless():
    for n in itertools.count():
        if len(pulled) >= 20:
            raise AssertionError("map_bounded took 20 items to hand out 5 results: it must take them as needed")
        pulled.append(n)
        yield n


pool = EagerPool()
lazy = map_bounded(pool, abs, endless(), 3)
assert pulled == [], "nothing is taken from the items before the first result is asked for"
first = list(itertools.islice(lazy, 5))
assert first == [0, 1, 2, 3, 4], f"the first five results of an endless input, got {first}"
try:
    map_bounded(EagerPool(), abs, [1], 0)
except ValueError:
    pass
else:
    raise AssertionError("limit 0 must raise ValueError when map_bounded is called")
### BEGIN HIDDEN TESTS
assert len(pulled) <= 8, f"5 results with limit 3 need at most 8 items, it took {len(pulled)}"
for limit, n in [(1, 4), (3, 3), (10, 4)]:
    pool, out = EagerPool(), []
    for result in map_bounded(pool, str, range(n), limit):
        pool.handed += 1
        out.append(result)
    assert out == [str(i) for i in range(n)] and pool.peak == min(limit, n), (limit, n, out, pool.peak)
empty = map_bounded(EagerPool(), abs, iter([]), 2)
assert iter(empty) is empty and list(empty) == [], "an iterator; empty input gives no results"
try:
    map_bounded(EagerPool(), abs, [1], -3)
except ValueError:
    pass
else:
    raise AssertionError("a negative limit must raise ValueError")
second_done = threading.Event()


def first_finishes_last(n):
    if n == 0:
        second_done.wait(5)
    else:
        second_done.set()
    return n * 10


with ThreadPoolExecutor(max_workers=2) as real_pool:
    got = list(map_bounded(real_pool, first_finishes_last, [0, 1], 2))
assert got == [0, 10], f"results in the order of items, not the order calls finish: {got}"


def fails_on_two(n):
    if n == 2:
        raise KeyError(n)
    return n


it = map_bounded(EagerPool(), fails_on_two, [1, 2, 3], 2)
assert next(it) == 1
try:
    next(it)
except KeyError:
    pass
else:
    raise AssertionError("an error from a call is raised when its result is handed out")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "executor-map"}
def map_bounded(executor, fn, items, limit):
    if limit < 1:
        raise ValueError(limit)
    return executor.map(fn, items)  # submits every item at once


# %% course={"kind": "wrong", "id": "one-too-many"}
def map_bounded(executor, fn, items, limit):
    if limit < 1:
        raise ValueError(limit)

    def results():
        pending = collections.deque()
        for item in items:
            pending.append(executor.submit(fn, item))  # submits first: limit + 1 waiting for a moment
            if len(pending) > limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    return results()


# %% course={"kind": "wrong", "id": "checks-limit-late"}
def map_bounded(executor, fn, items, limit):
    if limit < 1:  # inside a generator function: runs only at the first next()
        raise ValueError(limit)
    pending = collections.deque()
    for item in items:
        if len(pending) == limit:
            yield pending.popleft().result()
        pending.append(executor.submit(fn, item))
    while pending:
        yield pending.popleft().result()


# %% [markdown] course={"kind": "exercise", "id": "check-retry", "item": "x-test-async-code-with-pytest-asyncio"}
# ### Test an async function with `AsyncMock`
#
# Write the test, not the code: `async def check_fetch_with_retry(fetch)` receives a function meant to
# behave like `fetch_with_retry` (in the setup cell) and must **return normally when it does, and raise when
# it does not** (a failing `assert`, or the function's own unexpected error, as in pytest). The contract, for
# `await fetch(client, url, attempts)`:
#
# 1. it awaits `client.get(url)`, with that `url`, and returns what that returned;
# 2. on `ConnectionError` it calls again, `attempts` calls at most, then raises the last `ConnectionError`;
# 3. any other exception is raised at once, after one call.
#
# Use `unittest.mock.AsyncMock()` clients; `client.get.side_effect = [ConnectionError(), "ok"]` makes the
# first await raise and the second return `"ok"`. Under pytest-asyncio your checks would be `async def
# test_...` functions; here `run(check_fetch_with_retry(fetch_with_retry))` runs them.
#
# ```python
# run(check_fetch_with_retry(fetch_with_retry))  # returns None: the real one keeps the contract
# ```

# %% [markdown] course={"kind": "hint"}
# One scenario per clause: success after one `ConnectionError`; `ConnectionError` every time (how many calls?
# what is raised?); a `ValueError` (how many calls?). Check the result, `client.get.await_count` and `client.get.await_args`.

# %% [markdown] course={"kind": "hint"}
# To check that an error comes out: `try: await fetch(...)` / `except ConnectionError: pass` / `else: raise AssertionError(...)`.
# A plain `MagicMock` cannot be awaited: use `AsyncMock`.

# %% course={"kind": "solution", "equivalent": {"m-993910e6": "any attempts >= 2 lets the one retry succeed; the limit is checked by the always-failing client", "m-f3f56d34": "any attempts >= 2 lets the one retry succeed; the limit is checked by the always-failing client", "m-f8e23132": "with attempts 2, 3 or 4 a retried ValueError shows as a second call", "m-a691c364": "with attempts 2, 3 or 4 a retried ValueError shows as a second call"}}
async def check_fetch_with_retry(fetch: Callable[..., Awaitable[Any]]) -> None:
    ### BEGIN SOLUTION
    client = unittest.mock.AsyncMock()
    client.get.side_effect = [ConnectionError(), "ok"]
    assert await fetch(client, "/health", 3) == "ok", "a retry after one ConnectionError returns the result"
    client.get.assert_awaited_with("/health")

    client = unittest.mock.AsyncMock()
    client.get.side_effect = ConnectionError("down")
    try:
        await fetch(client, "/down", 3)
    except ConnectionError:
        pass
    else:
        raise AssertionError("the last ConnectionError must be raised")
    assert client.get.await_count == 3, "attempts=3 means 3 calls"

    client = unittest.mock.AsyncMock()
    client.get.side_effect = ValueError("bad answer")
    try:
        await fetch(client, "/bad", 3)
    except ValueError:
        pass
    else:
        raise AssertionError("other errors are raised")
    assert client.get.await_count == 1, "other errors are not retried"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
run(check_fetch_with_retry(fetch_with_retry))  # must not raise: fetch_with_retry keeps the contract


async def never_retries(client, url, attempts=3):
    return await client.get(url)


try:
    run(check_fetch_with_retry(never_retries))
except Exception:  # a test fails by raising anything
    pass
else:
    raise AssertionError("your check passed a fetch that never retries")

# %% course={"kind": "test", "points": 2}
run(check_fetch_with_retry(fetch_with_retry))  # a check that fails on everything checks nothing


async def forgets_await(client, url, attempts=3):
    for attempt in range(attempts):
        try:
            return client.get(url)  # returns a coroutine: the request never runs
        except ConnectionError:
            if attempt == attempts - 1:
                raise


with warnings.catch_warnings():  # the coroutine forgets_await drops warns "never awaited" when collected
    warnings.simplefilter("ignore", RuntimeWarning)
    try:
        run(check_fetch_with_retry(forgets_await))
    except Exception:  # a test fails by raising anything
        passed = False
    else:
        passed = True
    gc.collect()  # collect that coroutine while the warning is still ignored
assert not passed, "your check passed a fetch that returns client.get(url) without awaiting it"
### BEGIN HIDDEN TESTS
async def one_too_many(client, url, attempts=3):
    for attempt in range(attempts + 1):
        try:
            return await client.get(url)
        except ConnectionError:
            if attempt == attempts:
                raise


async def swallows_the_error(client, url, attempts=3):
    for _ in range(attempts):
        try:
            return await client.get(url)
        except ConnectionError:
            pass
    return None


async def retries_everything(client, url, attempts=3):
    for attempt in range(attempts):
        try:
            return await client.get(url)
        except Exception:
            if attempt == attempts - 1:
                raise


async def drops_the_retry_result(client, url, attempts=3):
    try:
        return await client.get(url)
    except ConnectionError:
        if attempts <= 1:
            raise
        await drops_the_retry_result(client, url, attempts - 1)  # no return: a successful retry gives None


async def ignores_url(client, url, attempts=3):
    return await fetch_with_retry(client, "/", attempts)


async def ignores_attempts(client, url, attempts=3):
    return await fetch_with_retry(client, url, 2)


async def swallows_other_errors(client, url, attempts=3):
    try:
        return await fetch_with_retry(client, url, attempts)
    except ConnectionError:
        raise
    except Exception:
        return None


for broken in (
    one_too_many,
    swallows_the_error,
    retries_everything,
    drops_the_retry_result,
    ignores_url,
    ignores_attempts,
    swallows_other_errors,
):
    try:
        run(check_fetch_with_retry(broken))
    except Exception:  # a test fails by raising anything
        pass
    else:
        raise AssertionError(f"your check passed {broken.__name__}, which breaks the contract")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "happy-path-only"}
async def check_fetch_with_retry(fetch):
    client = unittest.mock.AsyncMock()
    client.get.return_value = "ok"
    assert await fetch(client, "/health", 3) == "ok"  # never makes a call fail


# %% course={"kind": "wrong", "id": "magicmock"}
async def check_fetch_with_retry(fetch):
    client = unittest.mock.MagicMock()  # client.get(...) returns a MagicMock, which cannot be awaited
    client.get.side_effect = [ConnectionError(), "ok"]
    assert await fetch(client, "/health", 3) == "ok"
    assert client.get.call_count == 2


# %% course={"kind": "wrong", "id": "never-succeeds-after-a-retry", "fails": ["t2"]}
async def check_fetch_with_retry(fetch):
    client = unittest.mock.AsyncMock()
    client.get.return_value = "ok"  # success at the first call only: a lost retry result goes unnoticed
    assert await fetch(client, "/health", 3) == "ok"
    client.get.assert_awaited_once_with("/health")
    client = unittest.mock.AsyncMock()
    client.get.side_effect = ConnectionError("down")
    try:
        await fetch(client, "/down", 3)
    except ConnectionError:
        pass
    else:
        raise AssertionError("the last ConnectionError must be raised")
    assert client.get.await_count == 3
    client = unittest.mock.AsyncMock()
    client.get.side_effect = ValueError("bad answer")
    try:
        await fetch(client, "/bad", 3)
    except ValueError:
        pass
    else:
        raise AssertionError("other errors are raised")
    assert client.get.await_count == 1


# %% course={"kind": "wrong", "id": "no-call-counts"}
async def check_fetch_with_retry(fetch):
    client = unittest.mock.AsyncMock()
    client.get.side_effect = [ConnectionError(), "ok"]
    assert await fetch(client, "/health", 3) == "ok"
    client = unittest.mock.AsyncMock()
    client.get.side_effect = ConnectionError("down")
    try:
        await fetch(client, "/down", 3)
    except ConnectionError:
        pass
    else:
        raise AssertionError("must raise")
    # never counts the calls: 4 attempts, or a retried ValueError, pass unnoticed


# %% [markdown] course={"kind": "exercise", "id": "crawl", "item": "project-10-4-2"}
# ### Project core: a hybrid crawler, async for I/O and processes for CPU
#
# Write `async def crawl(fetch, paths, pool, *, limit, stop)`. `fetch(path)` is an async function that returns
# a page's text (in real use, an aiohttp request). For each path (the paths are distinct):
#
# - fetch it, with **at most `limit` fetches in flight** at any moment;
# - summarize the text with `cc_work.summarize` **in `pool`** (a process pool in real use) through `run_in_executor`;
# - `stop` is an `asyncio.Event`: once it is set, **no new fetch starts**; fetches already started finish and
#   are summarized (a graceful shutdown: nothing half done, nothing new).
#
# Return a dict path → summary for every path that was done, in the order of `paths`.
#
# ```python
# async def fetch(path):
#     return f"text of {path}"
#
# with ProcessPoolExecutor(2, mp_context=SPAWN) as pool:
#     run(crawl(fetch, ["/a", "/b"], pool, limit=2, stop=asyncio.Event()))
# # {'/a': {'words': 3, 'sha': '...'}, '/b': {'words': 3, 'sha': '...'}}
# ```

# %% [markdown] course={"kind": "hint"}
# One coroutine per path, all started with `asyncio.gather`; an `asyncio.Semaphore(limit)` around the fetch keeps
# at most `limit` in flight.

# %% [markdown] course={"kind": "hint"}
# Look at `stop` *after* getting the semaphore, just before fetching: a path that waited its turn while someone
# pressed stop must not start. Collect results in a dict and rebuild it in the order of `paths` at the end.

# %% course={"kind": "solution"}
async def crawl(
    fetch: Callable[[str], Awaitable[str]],
    paths: list[str],
    pool: concurrent.futures.Executor,
    *,
    limit: int,
    stop: asyncio.Event,
) -> dict[str, dict[str, object]]:
    ### BEGIN SOLUTION
    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(limit)
    done: dict[str, dict[str, object]] = {}

    async def one(path: str) -> None:
        async with slots:
            if stop.is_set():
                return
            text = await fetch(path)
        done[path] = await loop.run_in_executor(pool, cc_work.summarize, text)

    await asyncio.gather(*(one(p) for p in paths))
    return {p: done[p] for p in paths if p in done}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
async def instant(path):
    return f"text of {path}"


pool = EagerPool()
got = run(crawl(instant, ["/b", "/a"], pool, limit=2, stop=asyncio.Event()))
want = {"/b": cc_work.summarize("text of /b"), "/a": cc_work.summarize("text of /a")}
assert got == want and list(got) == ["/b", "/a"], f"a summary per path, in the order of paths: got {got}"
assert pool.submitted == 2, f"each page is summarized in the pool (it saw {pool.submitted} calls)"

# %% course={"kind": "test", "points": 2}
async def limited(n, limit):
    fetch = GatedFetch()
    task = asyncio.create_task(crawl(fetch, [f"/p{i}" for i in range(n)], EagerPool(), limit=limit, stop=asyncio.Event()))
    await settle(50)  # 50 passes of the event loop: whatever can run, runs
    waiting = fetch.inside
    fetch.gate.set()
    return waiting, fetch.peak, await task


waiting, peak, got = run(limited(5, 2))
assert waiting == 2 and peak == 2, f"limit=2: two fetches in flight at once, never more (saw {waiting} waiting, {peak} at most)"
assert list(got) == [f"/p{i}" for i in range(5)], f"every page done in the end: {list(got)}"
### BEGIN HIDDEN TESTS
waiting, peak, got = run(limited(4, 10))
assert waiting == 4 and peak == 4 and len(got) == 4, "a limit above the number of paths: all at once"
waiting, peak, got = run(limited(3, 1))
assert waiting == 1 and peak == 1 and len(got) == 3, "limit=1: one at a time"


async def stopped_midway():
    fetch, stop = GatedFetch(), asyncio.Event()
    task = asyncio.create_task(crawl(fetch, ["/1", "/2", "/3", "/4", "/5"], EagerPool(), limit=2, stop=stop))
    await settle(50)  # 50 passes of the event loop: whatever can run, runs
    stop.set()  # the operator presses stop while two fetches are in flight
    fetch.gate.set()
    got = await task
    return fetch.started, got


started, got = run(stopped_midway())
assert started == ["/1", "/2"], f"after stop, no new fetch may start: {started} started"
assert list(got) == ["/1", "/2"], f"the two started fetches finish and are summarized: {list(got)}"


async def stopped_before():
    fetch, stop = GatedFetch(), asyncio.Event()
    stop.set()
    fetch.gate.set()
    return fetch.started, await crawl(fetch, ["/1"], EagerPool(), limit=1, stop=stop)


assert run(stopped_before()) == ([], {}), "stop set before the start: nothing is fetched"
site = SlowSite(delay=0)


async def real_fetch_all(base, pool):
    async with aiohttp.ClientSession() as session:

        async def fetch(path):
            async with session.get(base + path) as response:
                return await response.text()

        return await crawl(fetch, ["/x", "/y", "/z"], pool, limit=2, stop=asyncio.Event())


with serve(site) as base, ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
    got = run(real_fetch_all(base, pool))
assert got == {p: cc_work.summarize(f"page {p} " * 40) for p in ["/x", "/y", "/z"]}, f"real HTTP and real processes: {got}"
assert site.peak <= 2 and site.hits == 3, (site.peak, site.hits)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-limit"}
async def crawl(fetch, paths, pool, *, limit, stop):
    loop = asyncio.get_running_loop()
    done = {}

    async def one(path):
        if stop.is_set():
            return
        text = await fetch(path)  # every path fetched at once: 10 000 paths, 10 000 sockets
        done[path] = await loop.run_in_executor(pool, cc_work.summarize, text)

    await asyncio.gather(*(one(p) for p in paths))
    return {p: done[p] for p in paths if p in done}


# %% course={"kind": "wrong", "id": "stop-checked-too-early"}
async def crawl(fetch, paths, pool, *, limit, stop):
    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(limit)
    done = {}

    async def one(path):
        if stop.is_set():  # looked at before waiting for a slot: a path already queued still starts after stop
            return
        async with slots:
            text = await fetch(path)
        done[path] = await loop.run_in_executor(pool, cc_work.summarize, text)

    await asyncio.gather(*(one(p) for p in paths))
    return {p: done[p] for p in paths if p in done}


# %% course={"kind": "wrong", "id": "summarize-on-the-loop"}
async def crawl(fetch, paths, pool, *, limit, stop):
    slots = asyncio.Semaphore(limit)
    done = {}

    async def one(path):
        async with slots:
            if stop.is_set():
                return
            text = await fetch(path)
        done[path] = cc_work.summarize(text)  # CPU work on the event loop: every other task waits

    await asyncio.gather(*(one(p) for p in paths))
    return {p: done[p] for p in paths if p in done}


# %% [markdown] course={"kind": "task", "id": "hybrid-system", "item": "project-10-4-2", "points": 4}
# ### Project 10.4.2: a hybrid concurrent system with graceful shutdown
#
# Turn `crawl` into a small service script: aiohttp fetches from a local server (like `SlowSite` under
# `serve`), a `ProcessPoolExecutor` summarizes, results are written to a JSON file as they arrive, and
# Ctrl-C (SIGINT) or SIGTERM sets the `stop` event (`loop.add_signal_handler`), lets the started work finish,
# shuts the pool down and exits with status 0. Show a run that is stopped halfway and what it wrote.

# %% [markdown] course={"kind": "rubric"}
# - Async for I/O with a bounded number of requests; processes for the CPU part, via `run_in_executor` (1 point).
# - SIGINT/SIGTERM set an event; no new work starts after it; started work completes and is written (1 point).
# - The pool and the HTTP session are closed on every exit path (`async with`, `with`, `finally`); no
#   process is left behind (check with `ps` after a stopped run) (1 point).
# - The results file is complete and valid JSON after a stopped run (written atomically or line by line) (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-choose-between-threading"}
# Ask what a job spends its time on. Mostly waiting on I/O: asyncio when the libraries are async and there are
# many concurrent waits (hundreds of HTTP calls, sockets), threads when only blocking libraries exist or the
# code base is synchronous. Mostly computing in Python: processes (a `ProcessPoolExecutor` sized to the cores),
# because the GIL lets one thread run Python at a time in the standard build; threads are fine for C code
# that releases the GIL (hashlib, NumPy). Both: asyncio or threads for the waits and a process pool for the
# computing, joined with `run_in_executor`. Then measure: check the ratio against a serial baseline in one run.
# Python 3.13's free-threaded build and 3.14's interpreter pools change the CPU answer where they are used.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-run-blocking-code-in-async"}
# Never call it directly in a coroutine: it stops every task on the loop until it returns. For blocking I/O,
# `await asyncio.to_thread(func, *args)` (default thread pool, context variables copied) or `await
# loop.run_in_executor(pool, func, *args)` with your own `ThreadPoolExecutor` to control the number of threads.
# For CPU-heavy Python, `run_in_executor` with a `ProcessPoolExecutor`; the function and its arguments must be
# picklable (a module-level function, no lambdas). Better still, use an async library (aiohttp, asyncpg)
# instead of a blocking one. asyncio's debug mode logs callbacks slower than 0.1 s, to find what blocks.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-common-pitfalls-in"}
# Race conditions on shared state (a read-modify-write without a lock); deadlocks (locks taken in different
# orders, or a pool job waiting for another job in the same full pool); blocking the event loop with sync I/O
# or computing; unbounded concurrency (a task or thread per item: sockets, file handles and memory run out; use
# a semaphore or a fixed pool); eager submission (`Executor.map` takes the whole input at once); forgetting to
# await a coroutine; swallowing `CancelledError`; leaving threads or processes running at exit; and choosing
# threads for CPU-bound Python, which gives no speedup under the GIL.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-test-concurrent-code"}
# Make the schedule part of the test instead of hoping for it: force interleavings with events, barriers
# and gates the test controls, put a timeout on every wait so a bug fails instead of hanging, and check
# counts and order rather than durations. Inject clocks and sleeps (a fake clock) instead of sleeping.
# Run coroutines with pytest-asyncio (`@pytest.mark.asyncio`) or `unittest.IsolatedAsyncioTestCase`, and
# replace async dependencies with `AsyncMock`, checking `await_count` and the awaited arguments. Test the
# failure paths too: errors in one task, cancellation, a stop in the middle. Run the suite many times (and
# under load) to find flaky tests; a flaky test is a bug in the test or in the code.
